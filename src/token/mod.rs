//! Zero-copy tokenization and sentence splitting.
//!
//! [`tokenize`] walks a text once and yields [`Token`]s that borrow from it,
//! each with its byte [`Span`] and a [`TokenKind`]. White space is never a
//! token; every other character belongs to exactly one token.
//!
//! The rules, in the order they are tried at each position:
//!
//! | input | tokens |
//! |---|---|
//! | `https://…`, `http://…`, `www.…` | one [`TokenKind::Url`] (trailing punctuation and unmatched `)` `]` left out) |
//! | `vnexpress.net`, `baochinhphu.vn/a-b` (ASCII labels, lower-case top-level domain `vn` `com` `net` `org` `gov` `edu` `info` `io` `int` `biz`) | one [`TokenKind::Url`] |
//! | `ten@mien.vn`, `ten.ho+tag@mail.com.vn`, `123abc@mail.vn` | one [`TokenKind::Email`] |
//! | `#tag`, `@ten` (not after a word character; a letter after the sign) | [`TokenKind::Hashtag`], [`TokenKind::Mention`]; `#1` is `Symbol`, `Number` |
//! | `19/12/2025`, `2025-12-19`, `19-12-2025`, `19.12.2025`, `3/3/17`, `12/2025`, `9-2016` | one [`TokenKind::DateLike`] |
//! | `104/104`, `2/10` (two numbers and `/`, not a date shape above) | one [`TokenKind::Ratio`] |
//! | `97%`, `2,5%` | one [`TokenKind::Percent`] |
//! | `1.500.000`, `92,9`, `1.500.000,5`, `1,500.5`, `2024` | one [`TokenKind::Number`] |
//! | `500kg`, `10k` | [`TokenKind::Number`] `500` then [`TokenKind::Word`] `kg`, adjacent |
//! | `5-7`, `2021-2025` | `Number`, `Punct("-")`, `Number` |
//! | `TP.HCM`, `PGS.TS.`, `Th.S`, `v.v.`, `T.Ư` (dotted chain of short parts: all single letters, or all upper case / short mixed-case non-syllables) | one [`TokenKind::Abbreviation`] |
//! | `TP.`, `TS.`, `ThS.`, `Q.` (known forms, `data/abbreviations.txt`) | one [`TokenKind::Abbreviation`], dot included; `TP.Hà` is `TP.` then `Hà` |
//! | `UBND`, `GD&TĐ`, `H5N1` (no lower case, two or more capitals, not a syllable) | one [`TokenKind::Abbreviation`] |
//! | `phát`, `HÀ`, decomposed `phát` | one [`TokenKind::Syllable`] |
//! | `Toyota`, `H'Mông`, `20h10`, `A`, `TTg` | one [`TokenKind::Word`] |
//! | `L.Chi`, `S.Hayakawa` (initial joined to a name) | `Word`, `Punct(".")`, the name |
//! | `“` `«` `‘` `„` / `”` `»` `’` | [`TokenKind::OpenQuote`] / [`TokenKind::CloseQuote`]; straight `"` and `'` are opening at the start, after white space or an opening bracket/quote, closing elsewhere |
//! | `.` `,` `(` `…` `-` `–` … | [`TokenKind::Punct`] (a run of dots `...` is one token) |
//! | `$` `₫` `+` `=` `°` `#` (alone) `©` emoji … | [`TokenKind::Symbol`]; `%` not after a number is `Punct` |
//!
//! Combining marks always stay with the character before them: inside a word
//! (decomposed letters), or with the punctuation or symbol they follow. A
//! combining mark at the start of the text or after white space starts a
//! [`TokenKind::Word`].
//!
//! Adjacency matters to later stages (`1722/QĐ-TTg`, `L.Chi`): two tokens
//! with no white space between them have `a.span.end == b.span.start`.
//!
//! ```
//! use viet_text::{tokenize, TokenKind};
//! let kinds: Vec<_> = tokenize("Giá 1.500.000 đồng").map(|t| (t.text, t.kind)).collect();
//! assert_eq!(kinds, vec![
//!     ("Giá", TokenKind::Syllable),
//!     ("1.500.000", TokenKind::Number),
//!     ("đồng", TokenKind::Syllable),
//! ]);
//! ```

mod block;
mod cache;
mod chars;
mod scan;
mod sentence;

pub use sentence::{sentences, Sentence, Sentences};

#[allow(unused_imports)] // for other modules (word segmentation, recognizers)
pub(crate) use chars::is_word_char;

use crate::span::Span;
use serde::Serialize;

/// What a token is.
///
/// ```
/// use viet_text::{tokenize, TokenKind};
/// assert_eq!(tokenize("UBND").next().unwrap().kind, TokenKind::Abbreviation);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// A well-formed Vietnamese syllable in any letter case (`phát`, `HÀ`).
    Syllable,
    /// Any other run of letters and digits (`Toyota`, `iPhone`, `20h10`).
    Word,
    /// Digits with Vietnamese or English separators (`1.500.000`, `92,9`).
    Number,
    /// A numeric date shape (`19/12/2025`, `2025-12-19`, `12/2025`).
    DateLike,
    /// Two numbers joined by `/` that are not a date shape (`104/104`).
    Ratio,
    /// A number with a `%` sign attached (`97%`).
    Percent,
    /// An abbreviation (`UBND`, `TP.HCM`, `PGS.TS.`, `v.v.`).
    Abbreviation,
    /// Punctuation (`.`, `,`, `(`, `…`, `-`).
    Punct,
    /// An opening quotation mark.
    OpenQuote,
    /// A closing quotation mark.
    CloseQuote,
    /// A symbol (`$`, `₫`, `+`, an emoji).
    Symbol,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// `#tag`.
    Hashtag,
    /// `@name`.
    Mention,
}

/// One token: a slice of the input, its byte span and its kind.
///
/// ```
/// use viet_text::tokenize;
/// let t = tokenize("  Huế").next().unwrap();
/// assert_eq!((t.text, t.span.start, t.span.end), ("Huế", 2, 7));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token<'a> {
    /// The token's text, borrowed from the input.
    pub text: &'a str,
    /// Byte span of the token in the input.
    pub span: Span,
    /// What the token is.
    pub kind: TokenKind,
}

impl TokenKind {
    /// Every token kind, in declaration order (for tables indexed by kind).
    ///
    /// ```
    /// use viet_text::TokenKind;
    /// assert_eq!(TokenKind::ALL[TokenKind::Word as usize], TokenKind::Word);
    /// ```
    pub const ALL: [TokenKind; 15] = [
        TokenKind::Syllable,
        TokenKind::Word,
        TokenKind::Number,
        TokenKind::DateLike,
        TokenKind::Ratio,
        TokenKind::Percent,
        TokenKind::Abbreviation,
        TokenKind::Punct,
        TokenKind::OpenQuote,
        TokenKind::CloseQuote,
        TokenKind::Symbol,
        TokenKind::Url,
        TokenKind::Email,
        TokenKind::Hashtag,
        TokenKind::Mention,
    ];
}

impl<'a> Token<'a> {
    /// Whether the token is a word-like token: a syllable, another word or
    /// an abbreviation.
    ///
    /// ```
    /// use viet_text::tokenize;
    /// assert!(tokenize("Hà").next().unwrap().is_wordlike());
    /// assert!(!tokenize("12").next().unwrap().is_wordlike());
    /// ```
    pub fn is_wordlike(&self) -> bool {
        matches!(
            self.kind,
            TokenKind::Syllable | TokenKind::Word | TokenKind::Abbreviation
        )
    }

    /// Whether the first character is upper case.
    ///
    /// ```
    /// use viet_text::tokenize;
    /// assert!(tokenize("Đà").next().unwrap().is_capitalized());
    /// ```
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Tokenizes `text` into an iterator of borrowed tokens.
///
/// Tokenizing never fails and never panics; it is linear in the length of
/// `text` (every look-ahead is bounded).
///
/// ```
/// use viet_text::tokenize;
/// let texts: Vec<&str> = tokenize("Đạt 97% (104/104 hộ).").map(|t| t.text).collect();
/// assert_eq!(texts, ["Đạt", "97%", "(", "104/104", "hộ", ")", "."]);
/// ```
pub fn tokenize(text: &str) -> Tokens<'_> {
    Tokens {
        text,
        pos: 0,
        memo: scan::Memo::default(),
    }
}

/// Appends the tokens of `text` to `tokens`: the same tokens as
/// [`tokenize`]`(text)`, in the same order, for a caller that keeps them in
/// a vector (and reuses it from one text to the next).
///
/// Faster than `tokens.extend(tokenize(text))`: the tokens are pushed in
/// one tight loop.
///
/// ```
/// use viet_text::{tokenize, tokenize_into};
/// let mut tokens = Vec::new();
/// for line in ["Giá 1.500.000 đồng", "Hà"] {
///     tokens.clear();
///     tokenize_into(line, &mut tokens);
///     assert_eq!(tokens, tokenize(line).collect::<Vec<_>>());
/// }
/// assert_eq!(tokens[0].text, "Hà");
/// ```
pub fn tokenize_into<'a>(text: &'a str, tokens: &mut Vec<Token<'a>>) {
    let mut it = tokenize(text);
    cache::with_table(|table| it.push_all(table, tokens));
}

/// [`tokenize_into`] that also appends one annotation per token to `anns`:
/// for a plain word (a word that nothing joins, up to 15 bytes, the
/// tokens most text is made of), `annotate(word, kind)` as the caller
/// with tag `tag` (not 0) computed it (`kind` is the word's token kind),
/// kept in the tokenizer's per-thread memo next to the word's kind, so
/// that a word seen before costs the caller no second look-up; 0 for
/// every other token (the caller computes those itself: keeping them in
/// the memo too was measured slower). `annotate` must depend only on the
/// word (and so its kind) and the tag, and must not return 0.
///
/// The short ASCII tokens the loop pushes without scanning (one
/// punctuation or symbol byte, a run of digits that ends at once: see
/// [`short_kind`]) get `short[b]`, `b` their first byte: the caller's
/// annotation of every such token starting with `b` (0: none).
///
/// Returns whether [`normalize_with_map`](crate::normalize_with_map) with
/// the default options would leave `text` as it is, as far as the tokens
/// show: `true` only when it would (every token is left as it is on its
/// own, starts with a char that combines with nothing before it, the white
/// space between tokens too, and no two adjacent tokens put word chars
/// together, so no word of the text spans two tokens); `false` when it may
/// not. Plain words answer from the memo, next to their annotation.
pub(crate) fn tokenize_annotated<'a>(
    text: &'a str,
    tokens: &mut Vec<Token<'a>>,
    anns: &mut Vec<u32>,
    tag: u16,
    short: &[u32; 128],
    annotate: &mut impl FnMut(&str, TokenKind) -> u32,
) -> bool {
    let mut it = tokenize(text);
    cache::with_table(|table| it.push_all_annotated(table, tokens, anns, tag, short, annotate))
}

/// The memo tag of [`tokenize_checked`]'s look-ups (no caller of
/// [`tokenize_annotated`] may use it).
pub(crate) const CHECKED_TAG: u16 = u16::MAX;

/// [`tokenize_annotated`] under the tokenizer's own tag [`CHECKED_TAG`],
/// for the one caller without a tag of its own (the numeric-only
/// extractor: `crate::entity::numeric::tokenize_anchored`, whose
/// `annotate` and `short` these must be).
pub(crate) fn tokenize_checked<'a>(
    text: &'a str,
    tokens: &mut Vec<Token<'a>>,
    anns: &mut Vec<u32>,
    short: &[u32; 128],
    annotate: &mut impl FnMut(&str, TokenKind) -> u32,
) -> bool {
    tokenize_annotated(text, tokens, anns, CHECKED_TAG, short, annotate)
}

/// Whether the chars on both sides of byte `at` of `text` are word chars
/// as normalization's tone stage counts them (letters and marks): then two
/// tokens that meet at `at` are one word to it. Inline for the usual
/// answer: an ASCII byte that is no letter on one side.
#[inline(always)]
fn word_chars_meet(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let maybe = |b: Option<&u8>| b.is_some_and(|&b| b >= 0x80 || b.is_ascii_alphabetic());
    maybe(bytes.get(at))
        && maybe(at.checked_sub(1).and_then(|i| bytes.get(i)))
        && word_chars_meet_slow(text, at)
}

/// [`word_chars_meet`] past its byte test.
#[inline(never)]
fn word_chars_meet_slow(text: &str, at: usize) -> bool {
    let before = text.get(..at).and_then(|s| s.chars().next_back());
    let after = text.get(at..).and_then(|s| s.chars().next());
    match (before, after) {
        (Some(x), Some(y)) => crate::normalize::is_word_char(x) && crate::normalize::is_word_char(y),
        _ => false,
    }
}

/// Whether default normalization leaves the token `text[start..end]` (not
/// a plain word: those answer from the memo), and the white space
/// `text[gap..start]` before it, as they are, and whether the token puts
/// no word char next to one of a token it touches, on either side (see
/// [`tokenize_annotated`]). Inline for the usual token: at most one space
/// before it, ASCII.
#[inline(always)]
fn other_token_clean(table: &cache::Table, text: &str, gap: usize, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let usual_gap = start == gap || (start == gap + 1 && bytes.get(gap) == Some(&b' '));
    match bytes.get(start..end) {
        Some(token) if usual_gap && token.is_ascii() => {
            !(word_chars_meet(text, end) || start == gap && word_chars_meet(text, start))
        }
        _ => other_token_clean_slow(table, text, gap, start, end),
    }
}

/// [`other_token_clean`] for a token that is not ASCII or white space
/// other than one space before it.
#[inline(never)]
fn other_token_clean_slow(table: &cache::Table, text: &str, gap: usize, start: usize, end: usize) -> bool {
    let Some(token) = text.get(start..end) else {
        return false;
    };
    let gap_clean = text
        .get(gap..start)
        .is_some_and(|g| g.is_ascii() || g.chars().all(crate::normalize::is_nfc_stable));
    gap_clean
        && (cache::is_plain_punct(token) || cache::clean_in(table, text, start, end, token))
        && !(gap == start && word_chars_meet(text, start))
        && !word_chars_meet(text, end)
}

/// The kind of the short tokens [`tokenize_annotated`] annotates from its
/// `short` table by their first byte `b`: [`TokenKind::Number`] for a
/// digit (a run of ASCII digits), the kind of the one-byte token for a
/// punctuation or symbol byte that makes one; `None` for other bytes (their
/// entries are never read).
pub(crate) fn short_kind(b: u8) -> Option<TokenKind> {
    scan::short_kind(b)
}

/// Iterator over the tokens of a text; see [`tokenize`].
///
/// ```
/// let mut it = viet_text::tokenize("a b");
/// assert_eq!(it.next().unwrap().text, "a");
/// ```
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    memo: scan::Memo,
}

impl<'a> Tokens<'a> {
    /// The byte offset where the next token search starts (the end of the
    /// last token returned, or 0).
    ///
    /// ```
    /// let mut it = viet_text::tokenize("Hà Nội");
    /// it.next();
    /// assert_eq!(it.offset(), 3);
    /// ```
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// Skips the Vietnamese-syllable check. Every token keeps its span, and
    /// every kind but [`TokenKind::Syllable`] is decided as usual; a word
    /// that would be a `Syllable` is reported as an
    /// [`Abbreviation`](TokenKind::Abbreviation) when it has two or more
    /// letters and no lower case (`HÀ`), and as a [`Word`](TokenKind::Word)
    /// otherwise. Use it when only spans or boundaries matter: it is
    /// faster. [`sentences`] uses it.
    ///
    /// ```
    /// use viet_text::{tokenize, TokenKind};
    /// let kinds: Vec<_> = tokenize("Hà Nội 12%").without_syllables().map(|t| t.kind).collect();
    /// assert_eq!(kinds, [TokenKind::Word, TokenKind::Word, TokenKind::Percent]);
    /// ```
    pub fn without_syllables(mut self) -> Self {
        self.memo.skip_syllables = true;
        self.memo.special = true;
        self
    }

    /// Reports every plain word as [`TokenKind::Word`]: for the sentence
    /// splitter, which needs spans, punctuation, numbers and dotted
    /// abbreviations but not syllables or upper-case abbreviations.
    pub(crate) fn boundaries_only(mut self) -> Self {
        self.memo.skip_syllables = true;
        self.memo.skip_word_kinds = true;
        self.memo.special = true;
        self
    }

    /// Forces the general path: words found one decoded char at a time and
    /// classified without the memo. Same tokens, slower; the reference the
    /// fast path is tested against.
    #[cfg(test)]
    pub(crate) fn general(mut self) -> Self {
        self.memo.general = true;
        self.memo.special = true;
        self
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Token<'a>> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut pos = self.pos;
        // Skip white space: a single space first (the common case), then
        // (in `finish`) any ASCII white space, then the rest.
        if bytes.get(pos) == Some(&b' ') {
            pos += 1;
        }
        let found = scan::scan_if_word(text, pos, &mut self.memo);
        if let Some((end, kind, Some(word))) = found {
            // The common token: a word (no white space to skip), decided
            // by the word window instead of the dispatch chain, and
            // already sliced (never empty).
            self.pos = end;
            return Some(Token {
                text: word,
                span: Span::new(pos, end),
                kind,
            });
        }
        self.finish(pos, found.map(|(end, kind, _)| (end, kind)))
    }
}

impl<'a> Tokens<'a> {
    /// The rest of [`Iterator::next`] when the token at `pos` (after at
    /// most one space) is not a plain word: `found` is the word
    /// [`scan::scan_if_word`] found there (one that may join more), if any;
    /// otherwise white space is skipped and [`scan::scan`] decides.
    #[inline(always)]
    fn finish(&mut self, mut pos: usize, found: Option<(usize, TokenKind)>) -> Option<Token<'a>> {
        let text = self.text;
        let bytes = text.as_bytes();
        let start;
        let (end, kind);
        if let Some((found_end, found_kind)) = found {
            start = pos;
            (end, kind) = (found_end, found_kind);
        } else {
            loop {
                let b = *bytes.get(pos)?;
                if b < 0x80 {
                    if !chars::is_ascii_space(b) {
                        break;
                    }
                    pos += 1;
                } else {
                    let (c, len) = chars::decode(bytes, pos);
                    if !c.is_whitespace() {
                        break;
                    }
                    pos += len;
                }
            }
            start = pos;
            (end, kind) = scan::scan(text, start, &mut self.memo);
        }
        let (end, token_text) = match text.get(start..end) {
            Some(t) if end > start => (end, t),
            // `scan` always makes progress and ends on a char boundary; this
            // keeps the iterator total even if it did not.
            _ => {
                let end = start + chars::decode(bytes, start).1;
                (end, text.get(start..end).unwrap_or_default())
            }
        };
        self.pos = end;
        Some(Token {
            text: token_text,
            span: Span::new(start, end),
            kind,
        })
    }

    /// Pushes every remaining token onto `tokens`: the loop of
    /// [`Iterator::next`] with the plain word inline (and its kind looked up
    /// in `table`, the memo at hand), everything else out of line.
    #[inline]
    fn push_all(&mut self, table: Option<&cache::Table>, tokens: &mut Vec<Token<'a>>) {
        self.push_all_with::<false>(
            tokens,
            |text, start, end, _| (cache::word_kind_in(table, text, start, end), 0, true),
            |_| 0,
            |_| {},
            |_, _, _, _| true,
        );
    }

    /// [`Tokens::push_all`] with an annotation per token (see
    /// [`tokenize_annotated`]). The loop runs with the table known to be
    /// there (no test per word); when the thread's memo is gone (a
    /// tokenizer in another thread-local's destructor) every annotation is
    /// 0, which callers treat as "not annotated", and the answer on
    /// normalization is `false`. Returns that answer (see
    /// [`tokenize_annotated`]).
    #[inline]
    fn push_all_annotated(
        &mut self,
        table: Option<&cache::Table>,
        tokens: &mut Vec<Token<'a>>,
        anns: &mut Vec<u32>,
        tag: u16,
        short: &[u32; 128],
        annotate: &mut impl FnMut(&str, TokenKind) -> u32,
    ) -> bool {
        let Some(table) = table else {
            let n = tokens.len();
            tokens.extend(&mut *self);
            anns.resize(anns.len() + (tokens.len() - n), 0);
            return false;
        };
        self.push_all_with::<true>(
            tokens,
            |text, start, end, word| {
                cache::word_kind_annotated_in(table, text, start, end, word, tag, annotate)
            },
            // (A short token starts with an ASCII byte: the mask keeps
            // `b` and lets the look-up drop its bounds test.)
            |b| short.get(usize::from(b & 0x7f)).copied().unwrap_or(0),
            |ann| anns.push(ann),
            |text, gap, start, end| other_token_clean(table, text, gap, start, end),
        )
    }

    /// The one token loop of [`Tokens::push_all`] and
    /// [`Tokens::push_all_annotated`]: `kind_of(text, start, end, word)` gives a plain
    /// word's kind, annotation and whether normalization leaves it,
    /// `short_ann(b)` the annotation of a short token
    /// starting with byte `b` ([`short_kind`]), `note` receives each pushed
    /// token's annotation (0 for the other tokens), `other_clean(text, gap,
    /// start, end)` whether normalization leaves another token and the
    /// white space before it (from `gap`). All are inlined, so the plain
    /// loop carries no annotation at all. With `CHECK`, returns whether
    /// normalization leaves the text (see [`tokenize_annotated`]); without,
    /// `true`, and nothing of that is computed.
    #[inline(always)]
    fn push_all_with<const CHECK: bool>(
        &mut self,
        tokens: &mut Vec<Token<'a>>,
        mut kind_of: impl FnMut(&str, usize, usize, &str) -> (TokenKind, u32, bool),
        short_ann: impl Fn(u8) -> u32,
        mut note: impl FnMut(u32),
        mut other_clean: impl FnMut(&str, usize, usize, usize) -> bool,
    ) -> bool {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut pos = self.pos;
        // Nothing before the first token: it touches no other.
        let mut clean = !CHECK || pos == 0;
        loop {
            let skipped = bytes.get(pos) == Some(&b' ');
            pos += usize::from(skipped);
            let mut ann = 0;
            let mut word_clean = true;
            let found = scan::plain_word_with(text, pos, &mut self.memo, |text, start, end, word| {
                let (kind, a, c) = kind_of(text, start, end, word);
                ann = a;
                word_clean = c;
                kind
            });
            let found = match found {
                scan::Start::Word(end, kind, word) => {
                    tokens.push(Token {
                        text: word,
                        span: Span::new(pos, end),
                        kind,
                    });
                    note(ann);
                    if CHECK {
                        // Only another token can put a word char next to
                        // a plain word (a short token is an ASCII digit
                        // or punctuation): that token checks both its
                        // ends.
                        clean &= word_clean;
                    }
                    pos = end;
                    continue;
                }
                scan::Start::Short(end, kind, short) => {
                    // (An ASCII digit or punctuation byte: no word char,
                    // nothing normalization changes.)
                    tokens.push(Token {
                        text: short,
                        span: Span::new(pos, end),
                        kind,
                    });
                    note(bytes.get(pos).map_or(0, |&b| short_ann(b)));
                    pos = end;
                    continue;
                }
                scan::Start::Found(end, kind) => Some((end, kind)),
                scan::Start::Other => None,
            };
            // Where the white space before the token starts (after the
            // last token, or the text's start).
            let gap = pos - usize::from(skipped);
            match self.finish(pos, found) {
                Some(token) => {
                    if CHECK {
                        clean &= other_clean(text, gap, token.span.start, token.span.end);
                    }
                    tokens.push(token);
                    note(0);
                }
                None => {
                    if CHECK {
                        // Trailing white space.
                        clean &= other_clean(text, gap, bytes.len(), bytes.len());
                    }
                    break;
                }
            }
            pos = self.pos;
        }
        self.pos = pos;
        clean
    }
}

impl std::iter::FusedIterator for Tokens<'_> {}

#[cfg(test)]
mod tests;
