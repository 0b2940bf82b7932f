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
//! | `https://…`, `www.…` | one [`TokenKind::Url`] (trailing punctuation left out) |
//! | `ten@mien.vn` | one [`TokenKind::Email`] |
//! | `#tag`, `@ten` | [`TokenKind::Hashtag`], [`TokenKind::Mention`] |
//! | `19/12/2025`, `2025-12-19`, `19-12-2025`, `19.12.2025`, `12/2025`, `9-2016` | one [`TokenKind::DateLike`] |
//! | `104/104`, `2/10` (two numbers and `/`, not a date shape above) | one [`TokenKind::Ratio`] |
//! | `97%`, `2,5%` | one [`TokenKind::Percent`] |
//! | `1.500.000`, `92,9`, `1.500.000,5`, `2024` | one [`TokenKind::Number`] |
//! | `500kg`, `10k` | [`TokenKind::Number`] `500` then [`TokenKind::Word`] `kg`, adjacent |
//! | `5-7`, `2021-2025` | `Number`, `Punct("-")`, `Number` |
//! | `TP.HCM`, `PGS.TS.`, `Th.S`, `v.v.`, `TP.` | one [`TokenKind::Abbreviation`] |
//! | `UBND`, `GD&TĐ` (upper case, not a syllable) | one [`TokenKind::Abbreviation`] |
//! | `phát`, `HÀ`, decomposed `phát` | one [`TokenKind::Syllable`] |
//! | `Toyota`, `H'Mông`, `20h10` | one [`TokenKind::Word`] |
//! | `“` `«` / `”` `»` | [`TokenKind::OpenQuote`] / [`TokenKind::CloseQuote`]; straight `"` and `'` by context |
//! | `.` `,` `(` `…` `-` `–` … | [`TokenKind::Punct`] (`...` is one token) |
//! | `$` `₫` `+` `°` … | [`TokenKind::Symbol`] |
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
/// ```
/// use viet_text::tokenize;
/// let texts: Vec<&str> = tokenize("Đạt 97% (104/104 hộ).").map(|t| t.text).collect();
/// assert_eq!(texts, ["Đạt", "97%", "(", "104/104", "hộ", ")", "."]);
/// ```
pub fn tokenize(text: &str) -> Tokens<'_> {
    Tokens { text, pos: 0 }
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
}

/// How far the tokenizer looks ahead for e-mail addresses, URLs and
/// abbreviation chains. Bounding it keeps tokenization linear on inputs
/// without white space.
const LOOKAHEAD: usize = 256;

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let text = self.text;
        let bytes = text.as_bytes();
        // Skip white space.
        loop {
            let c = next_char(text, self.pos)?;
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        let start = self.pos;
        let (end, kind) = scan(text, bytes, start);
        debug_assert!(end > start && text.is_char_boundary(end));
        self.pos = end;
        Some(Token {
            text: &text[start..end],
            span: Span::new(start, end),
            kind,
        })
    }
}

fn next_char(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

fn prev_char(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

/// A letter, digit or combining mark: the characters that make up words.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
    }
}

fn is_letter_or_mark(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c)
    }
}

/// End of the run of characters satisfying `pred` from `pos`.
fn run_end(text: &str, pos: usize, pred: impl Fn(char) -> bool) -> usize {
    let mut end = pos;
    for c in text[pos..].chars() {
        if !pred(c) {
            break;
        }
        end += c.len_utf8();
    }
    end
}

fn digits_end(bytes: &[u8], pos: usize) -> usize {
    let mut end = pos;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        end += 1;
    }
    end
}

/// Scans one token starting at `start` (not white space). Returns its end and kind.
fn scan(text: &str, bytes: &[u8], start: usize) -> (usize, TokenKind) {
    let c = next_char(text, start).unwrap_or(' ');
    if let Some(end) = scan_url(text, bytes, start) {
        return (end, TokenKind::Url);
    }
    if c.is_ascii_digit() {
        return scan_numeric(text, bytes, start);
    }
    if is_word_char(c) {
        if let Some(end) = scan_email(text, bytes, start) {
            return (end, TokenKind::Email);
        }
        return scan_word(text, bytes, start);
    }
    let clen = c.len_utf8();
    match c {
        '#' | '@' => {
            let after = start + 1;
            let word_before = prev_char(text, start).is_some_and(is_word_char);
            if !word_before && next_char(text, after).is_some_and(is_word_char) {
                let end = run_end(text, after, |c| is_word_char(c) || c == '_');
                let kind = if c == '#' {
                    TokenKind::Hashtag
                } else {
                    TokenKind::Mention
                };
                return (end, kind);
            }
            (start + 1, TokenKind::Symbol)
        }
        '“' | '«' | '‘' | '„' => (start + clen, TokenKind::OpenQuote),
        '”' | '»' | '’' => (start + clen, TokenKind::CloseQuote),
        '"' | '\'' => {
            let opening = match prev_char(text, start) {
                None => true,
                Some(p) => p.is_whitespace() || matches!(p, '(' | '[' | '{' | '“' | '‘' | '«'),
            };
            let kind = if opening {
                TokenKind::OpenQuote
            } else {
                TokenKind::CloseQuote
            };
            (start + 1, kind)
        }
        '.' => {
            let mut end = start;
            while end < bytes.len() && bytes[end] == b'.' {
                end += 1;
            }
            (end, TokenKind::Punct)
        }
        _ => {
            // Combining marks that follow a non-word character stay with it.
            let end = run_end(text, start + clen, unicode_normalization::char::is_combining_mark);
            let kind = if is_punctuation(c) {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            };
            (end, kind)
        }
    }
}

fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation() && !matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~');
    }
    matches!(
        c,
        '…' | '–'
            | '—'
            | '‐'
            | '‑'
            | '‒'
            | '―'
            | '•'
            | '·'
            | '¡'
            | '¿'
            | '§'
            | '¶'
            | '†'
            | '‡'
            | '‰'
            | '′'
            | '″'
            | '「'
            | '」'
            | '『'
            | '』'
            | '【'
            | '】'
            | '〈'
            | '〉'
            | '《'
            | '》'
            | '、'
            | '。'
            | '，'
            | '：'
            | '；'
            | '！'
            | '？'
            | '（'
            | '）'
    )
}

fn scan_url(text: &str, bytes: &[u8], start: usize) -> Option<usize> {
    let rest = &bytes[start..];
    let prefix_len = [&b"https://"[..], b"http://", b"www."]
        .iter()
        .find(|p| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p))?
        .len();
    let mut end = start + prefix_len;
    for c in text[end..].chars() {
        if c.is_whitespace() || matches!(c, '“' | '”' | '"' | '<' | '>' | '«' | '»') {
            break;
        }
        end += c.len_utf8();
    }
    // Trailing sentence punctuation and unmatched closing brackets are not part of the URL.
    while end > start + prefix_len {
        let last = prev_char(text, end).unwrap_or(' ');
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '\'' | '’') {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    (end > start + prefix_len).then_some(end)
}

fn scan_email(text: &str, bytes: &[u8], start: usize) -> Option<usize> {
    let limit = (start + LOOKAHEAD).min(bytes.len());
    let local_ok = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+');
    let mut at = start;
    while at < limit && local_ok(bytes[at]) {
        at += 1;
    }
    if at == start || at >= limit || bytes[at] != b'@' {
        return None;
    }
    let mut end = at + 1;
    let mut dots = 0;
    while end < limit && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'-' || bytes[end] == b'.') {
        if bytes[end] == b'.' {
            dots += 1;
        }
        end += 1;
    }
    while end > at + 1 && bytes[end - 1] == b'.' {
        end -= 1;
        dots -= 1;
    }
    let _ = text;
    (dots > 0 && end > at + 2).then_some(end)
}

/// Numbers, dates, ratios and percents: everything that starts with a digit.
fn scan_numeric(text: &str, bytes: &[u8], start: usize) -> (usize, TokenKind) {
    // Date shapes first: they would otherwise read as numbers or ratios.
    if let Some(end) = scan_date_shape(bytes, start) {
        if !next_char(text, end).is_some_and(is_word_char) {
            return (end, TokenKind::DateLike);
        }
    }
    // Digit groups separated by single '.' or ',' between digits.
    let mut end = digits_end(bytes, start);
    while end + 1 < bytes.len() && matches!(bytes[end], b'.' | b',') && bytes[end + 1].is_ascii_digit() {
        end = digits_end(bytes, end + 1);
    }
    // A ratio: number '/' number.
    if end + 1 < bytes.len() && bytes[end] == b'/' && bytes[end + 1].is_ascii_digit() {
        let mut rend = digits_end(bytes, end + 1);
        while rend + 1 < bytes.len() && matches!(bytes[rend], b'.' | b',') && bytes[rend + 1].is_ascii_digit()
        {
            rend = digits_end(bytes, rend + 1);
        }
        if !next_char(text, rend).is_some_and(is_word_char) {
            return (rend, TokenKind::Ratio);
        }
    }
    if end < bytes.len() && bytes[end] == b'%' {
        return (end + 1, TokenKind::Percent);
    }
    // Letters right after the digits: a unit (`500kg`) splits off, anything
    // that mixes again (`20h10`, `4G2`) is one word.
    if next_char(text, end).is_some_and(is_word_char) {
        let letters_end = run_end(text, end, is_letter_or_mark);
        let word_end = run_end(text, end, is_word_char);
        if letters_end == word_end && bytes[start..end].iter().all(u8::is_ascii_digit) {
            return (end, TokenKind::Number);
        }
        if letters_end == word_end {
            return (end, TokenKind::Number);
        }
        return (word_end, TokenKind::Word);
    }
    (end, TokenKind::Number)
}

/// `d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy`, `yyyy-mm-dd`, `m/yyyy`, `m-yyyy`.
fn scan_date_shape(bytes: &[u8], start: usize) -> Option<usize> {
    let read = |pos: usize| -> Option<(u32, usize, usize)> {
        let end = digits_end(bytes, pos);
        let n = end - pos;
        if n == 0 || n > 4 {
            return None;
        }
        let v = std::str::from_utf8(&bytes[pos..end]).ok()?.parse().ok()?;
        Some((v, n, end))
    };
    let (a, an, aend) = read(start)?;
    let sep = *bytes.get(aend)?;
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    let (b, bn, bend) = read(aend + 1)?;
    let year_ok = |v: u32, n: usize| n == 4 && (1000..=2999).contains(&v);
    // Three parts?
    if bytes.get(bend) == Some(&sep) {
        if let Some((c, cn, cend)) = read(bend + 1) {
            if an <= 2 && bn <= 2 && year_ok(c, cn) && (1..=31).contains(&a) && (1..=12).contains(&b) {
                return Some(cend);
            }
            if sep == b'-'
                && year_ok(a, an)
                && bn <= 2
                && cn <= 2
                && (1..=12).contains(&b)
                && (1..=31).contains(&c)
            {
                return Some(cend);
            }
        }
    }
    // Month/year (not with '.', which is a thousands separator).
    if sep != b'.' && an <= 2 && (1..=12).contains(&a) && year_ok(b, bn) {
        // `5-2024` could be a range of numbers only when followed by more digits.
        if !bytes.get(bend).is_some_and(|&c| c == sep || c.is_ascii_digit()) {
            return Some(bend);
        }
    }
    None
}

/// Words, syllables and abbreviations: everything that starts with a letter.
fn scan_word(text: &str, bytes: &[u8], start: usize) -> (usize, TokenKind) {
    let end = run_end(text, start, is_word_char);
    // Abbreviation chains with dots: TP.HCM, PGS.TS., Th.S, v.v.
    if let Some(chain_end) = scan_dotted_chain(text, bytes, start, end) {
        return (chain_end, TokenKind::Abbreviation);
    }
    // Known abbreviations written with one final dot: TP., TS., ThS.
    if bytes.get(end) == Some(&b'.') && crate::lexicon::is_dotted_abbreviation(&text[start..end + 1]) {
        return (end + 1, TokenKind::Abbreviation);
    }
    let word = &text[start..end];
    // Joined by '&' between capitals: GD&TĐ, TN&MT.
    if bytes.get(end) == Some(&b'&') && word.chars().all(|c| !c.is_lowercase()) {
        let next_end = run_end(text, end + 1, is_word_char);
        if next_end > end + 1 && text[end + 1..next_end].chars().all(|c| !c.is_lowercase()) {
            return (next_end, TokenKind::Abbreviation);
        }
    }
    // Apostrophe inside ethnic names: H'Mông, K'Ho.
    if matches!(next_char(text, end), Some('\'' | '’')) && word.chars().count() <= 2 {
        let after = end + next_char(text, end).map_or(1, char::len_utf8);
        if next_char(text, after).is_some_and(char::is_alphabetic) {
            return (run_end(text, after, is_word_char), TokenKind::Word);
        }
    }
    (end, classify_word(word))
}

/// `X.Y`, `X.Y.`, `x.x.` where every part is short and the chain looks like an
/// abbreviation (an upper-case part, or single letters).
fn scan_dotted_chain(text: &str, bytes: &[u8], start: usize, first_end: usize) -> Option<usize> {
    if bytes.get(first_end) != Some(&b'.') {
        return None;
    }
    let limit = (start + LOOKAHEAD).min(bytes.len());
    let mut parts: Vec<&str> = vec![&text[start..first_end]];
    let mut end = first_end;
    while end < limit && bytes[end] == b'.' {
        let next_end = run_end(text, end + 1, is_letter_or_mark);
        if next_end == end + 1 {
            break;
        }
        parts.push(&text[end + 1..next_end]);
        end = next_end;
    }
    if parts.len() < 2 {
        return None;
    }
    let short = parts.iter().all(|p| p.chars().count() <= 5);
    let single = |p: &&str| p.chars().count() == 1;
    let upper = |p: &&str| p.chars().all(|c| !c.is_lowercase());
    // An initial followed by a capitalized name (`L.Chi`) is two tokens.
    if parts.len() == 2 && single(&parts[0]) && !single(&parts[1]) && !upper(&parts[1]) {
        return None;
    }
    let all_single = parts.iter().all(single);
    let ok =
        short && (all_single || upper(&parts[0]) || parts.iter().any(|p| upper(p) && p.chars().count() >= 2));
    if !ok {
        return None;
    }
    // A final dot belongs to chains of single letters (`v.v.`) and known forms (`PGS.TS.`).
    if bytes.get(end) == Some(&b'.') && !next_char(text, end + 1).is_some_and(is_word_char) {
        let with_dot = &text[start..end + 1];
        if all_single || crate::lexicon::is_dotted_abbreviation(with_dot) {
            return Some(end + 1);
        }
    }
    Some(end)
}

fn classify_word(word: &str) -> TokenKind {
    if crate::syllable::is_syllable(word) {
        return TokenKind::Syllable;
    }
    let mut letters = 0;
    let mut upper = true;
    for c in word.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_lowercase() {
                upper = false;
            }
        }
    }
    if upper && letters >= 2 {
        TokenKind::Abbreviation
    } else {
        TokenKind::Word
    }
}

/// One sentence: a slice of the input and its byte span.
///
/// ```
/// use viet_text::sentences;
/// let s: Vec<_> = sentences("Trời mưa. Đường trơn.").map(|s| s.text).collect();
/// assert_eq!(s, ["Trời mưa.", "Đường trơn."]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence<'a> {
    /// The sentence text, borrowed from the input, without surrounding white space.
    pub text: &'a str,
    /// Byte span of the sentence in the input.
    pub span: Span,
}

/// Splits `text` into sentences.
///
/// A sentence ends after `.`, `!`, `?`, `…` (and any closing quotes or
/// brackets that follow) when the next token starts a new sentence, and at
/// blank lines. Abbreviations, decimals and dates never end a sentence, nor
/// does anything inside quotes or brackets.
///
/// ```
/// use viet_text::sentences;
/// let s: Vec<_> = sentences("TP.HCM có 9,5 triệu dân. Hà Nội cũng vậy.").map(|s| s.text).collect();
/// assert_eq!(s.len(), 2);
/// ```
pub fn sentences(text: &str) -> Sentences<'_> {
    Sentences {
        text,
        tokens: tokenize(text).peekable(),
        depth: 0,
    }
}

/// Iterator over sentences; see [`sentences`].
///
/// ```
/// assert_eq!(viet_text::sentences("Một. Hai.").count(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct Sentences<'a> {
    text: &'a str,
    tokens: std::iter::Peekable<Tokens<'a>>,
    depth: usize,
}

impl<'a> Iterator for Sentences<'a> {
    type Item = Sentence<'a>;

    fn next(&mut self) -> Option<Sentence<'a>> {
        let first = self.tokens.next()?;
        let start = first.span.start;
        let mut end = first.span.end;
        let mut last = first;
        self.depth = 0;
        self.track_depth(&first);
        while let Some(next) = self.tokens.peek().copied() {
            let gap = &self.text[end..next.span.start];
            if gap.contains("\n\n") || (gap.contains('\n') && is_terminal(&last)) {
                break;
            }
            if self.depth == 0 && is_terminal(&last) && !gap.is_empty() && starts_sentence(&next) {
                break;
            }
            self.tokens.next();
            self.track_depth(&next);
            // Closing quotes and brackets right after a terminal stay with it.
            if !(matches!(next.kind, TokenKind::CloseQuote) || matches!(next.text, ")" | "]"))
                || !is_terminal(&last)
            {
                last = next;
            }
            end = next.span.end;
        }
        Some(Sentence {
            text: &self.text[start..end],
            span: Span::new(start, end),
        })
    }
}

impl<'a> Sentences<'a> {
    fn track_depth(&mut self, t: &Token<'_>) {
        match (t.kind, t.text) {
            (TokenKind::OpenQuote, _) | (_, "(" | "[" | "{") => self.depth += 1,
            (TokenKind::CloseQuote, _) | (_, ")" | "]" | "}") => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
    }
}

fn is_terminal(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text, "." | "!" | "?" | "…" | "..." | "?!" | "!?")
        || t.kind == TokenKind::Punct && t.text.chars().all(|c| c == '.') && !t.text.is_empty()
}

fn starts_sentence(t: &Token<'_>) -> bool {
    t.is_capitalized()
        || matches!(
            t.kind,
            TokenKind::OpenQuote | TokenKind::Number | TokenKind::DateLike | TokenKind::Percent
        )
        || matches!(t.text, "(" | "-" | "–" | "—")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(&str, TokenKind)> {
        tokenize(s).map(|t| (t.text, t.kind)).collect()
    }

    #[test]
    fn numbers_dates_ratios() {
        use TokenKind::*;
        assert_eq!(kinds("1.500.000,5"), [("1.500.000,5", Number)]);
        assert_eq!(kinds("19/12/2025"), [("19/12/2025", DateLike)]);
        assert_eq!(kinds("2025-12-19"), [("2025-12-19", DateLike)]);
        assert_eq!(kinds("tháng 9-2016"), [("tháng", Syllable), ("9-2016", DateLike)]);
        assert_eq!(kinds("104/104"), [("104/104", Ratio)]);
        assert_eq!(kinds("5-7%"), [("5", Number), ("-", Punct), ("7%", Percent)]);
        assert_eq!(
            kinds("2021-2025"),
            [("2021", Number), ("-", Punct), ("2025", Number)]
        );
        assert_eq!(kinds("500kg"), [("500", Number), ("kg", Word)]);
        assert_eq!(kinds("20h10"), [("20h10", Word)]);
        assert_eq!(
            kinds("1722/QĐ-TTg"),
            [
                ("1722", Number),
                ("/", Punct),
                ("QĐ", Abbreviation),
                ("-", Punct),
                ("TTg", Word)
            ]
        );
    }

    #[test]
    fn abbreviations() {
        use TokenKind::*;
        assert_eq!(kinds("TP.HCM"), [("TP.HCM", Abbreviation)]);
        assert_eq!(kinds("PGS.TS. Lê"), [("PGS.TS.", Abbreviation), ("Lê", Syllable)]);
        assert_eq!(kinds("v.v."), [("v.v.", Abbreviation)]);
        assert_eq!(kinds("GD&TĐ"), [("GD&TĐ", Abbreviation)]);
        assert_eq!(kinds("L.Chi"), [("L", Word), (".", Punct), ("Chi", Syllable)]);
        assert_eq!(kinds("xong.Tiếp")[0].0, "xong");
    }

    #[test]
    fn decomposed_letters_stay_in_word() {
        let t: Vec<_> = tokenize("Vie\u{0302}\u{0323}t Nam").map(|t| t.text).collect();
        assert_eq!(t, ["Vie\u{0302}\u{0323}t", "Nam"]);
    }

    #[test]
    fn quotes_and_urls() {
        use TokenKind::*;
        assert_eq!(
            kinds("“Xanh”"),
            [("“", OpenQuote), ("Xanh", Syllable), ("”", CloseQuote)]
        );
        assert_eq!(
            kinds("\"a\""),
            [("\"", OpenQuote), ("a", Syllable), ("\"", CloseQuote)]
        );
        assert_eq!(
            kinds("xem https://vnexpress.net/a-b.html."),
            [
                ("xem", Syllable),
                ("https://vnexpress.net/a-b.html", Url),
                (".", Punct)
            ]
        );
        assert_eq!(kinds("ten.ho@mail.vn"), [("ten.ho@mail.vn", Email)]);
    }
}
