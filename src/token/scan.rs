//! The scanning rules: given a position that is not white space, find where
//! the token starting there ends and what kind it is.
//!
//! Every rule reads forward from the start of the token only. Rules that may
//! fail after reading ahead (e-mail, domain, abbreviation chains) stop after
//! at most [`LOOKAHEAD`] bytes, so tokenizing is linear in the input size.

use super::chars::{
    decode, is_ascii_symbol, is_letter_or_mark, is_mark, is_non_ascii_punct, is_word_char,
    is_word_char_non_ascii, next_char, prev_char,
};
use super::TokenKind;

/// How far the tokenizer looks ahead for e-mail addresses, domains and
/// abbreviation chains. Bounding it keeps tokenization linear on inputs
/// without white space.
pub(crate) const LOOKAHEAD: usize = 256;

/// What earlier failed look-aheads learned about the text, so that a later
/// token start inside the same run does not read it again. This keeps the
/// tokenizer linear with a small constant even on runs like `a-a-a-…` or
/// `ab.ab.ab.…` without white space.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Memo {
    /// Whether words are checked for being Vietnamese syllables (on by
    /// default; see `Tokens::without_syllables`).
    pub(crate) skip_syllables: bool,
    /// Whether words are left unclassified: every word that is not a
    /// dotted abbreviation, URL or e-mail is a `Word` (for sentence splitting).
    pub(crate) skip_word_kinds: bool,
    /// Whether the general path is forced: words found one decoded char at
    /// a time and classified without the memo (the reference for tests).
    pub(crate) general: bool,
    /// Whether any of the three flags above is set: the plain tokenizer
    /// (none set) then tests one flag per word instead of three.
    pub(crate) special: bool,
    /// Bytes from the current position up to here are allowed in the local
    /// part of an e-mail address and hold no `@`.
    email_local_until: usize,
    /// Bytes from the current position up to here are allowed in a domain
    /// (ASCII letters, digits, `-`, `.`).
    domain_until: usize,
    /// Which of the 64 bytes around the current position are word bytes.
    window: super::block::Window,
}

/// Longest entry of `data/abbreviations.txt` in bytes; longer words skip the look-up.
const MAX_DOTTED_LEN: usize = 12;

/// Longest part of a dotted abbreviation chain, in chars (`GS.TSKH`).
const MAX_CHAIN_PART: usize = 5;

/// Scans one token starting at `start` (not white space). Returns its end
/// (always `> start`, on a char boundary) and its kind.
#[inline]
pub(crate) fn scan(text: &str, start: usize, memo: &mut Memo) -> (usize, TokenKind) {
    let bytes = text.as_bytes();
    let Some(&b) = bytes.get(start) else {
        return (text.len(), TokenKind::Symbol);
    };
    if b < 0x80 {
        if b.is_ascii_alphabetic() {
            return scan_word(text, start, memo);
        }
        if b.is_ascii_digit() {
            return scan_numeric(text, start, memo);
        }
        return scan_ascii_other(text, start, b);
    }
    let (c, len) = decode(bytes, start);
    if is_word_char_non_ascii(c) {
        return scan_word(text, start, memo);
    }
    let kind = match c {
        '“' | '«' | '‘' | '„' => TokenKind::OpenQuote,
        '”' | '»' | '’' => TokenKind::CloseQuote,
        _ if is_non_ascii_punct(c) => TokenKind::Punct,
        _ => TokenKind::Symbol,
    };
    // Combining marks after a character that is not part of a word stay with it.
    (marks_end(bytes, start + len), kind)
}

/// The token at `pos` when a word surely starts there: a byte the word
/// window accepts ([`super::block::accepts`], the same classes as
/// [`word_run`]'s tables: ASCII letters and the lead bytes of most
/// Vietnamese letters and combining marks) that is not a digit (digits
/// start numbers). The window answers with the end of the run at once, so
/// the common token (a syllable after a space) is decided with the same
/// mask that ends it, without a table look-up or decoding. `None` when
/// unsure (or at the end); [`scan`] then decides as usual. Where this
/// answers, [`scan`] gives the same token.
#[inline(always)]
pub(super) fn scan_if_word<'a>(
    text: &'a str,
    pos: usize,
    memo: &mut Memo,
) -> Option<(usize, TokenKind, Option<&'a str>)> {
    scan_if_word_with(text, pos, memo, |text, start, end, _| {
        super::cache::word_kind(text, start, end)
    })
}

/// [`scan_if_word`] with `kind_of(text, start, end, word)` deciding a plain
/// word's kind (`word` is `text[start..end]`, already sliced):
/// [`super::cache::word_kind`] or, with the memo table at hand,
/// [`super::cache::word_kind_in`]. Both give the same answer.
#[inline(always)]
pub(super) fn scan_if_word_with<'a>(
    text: &'a str,
    pos: usize,
    memo: &mut Memo,
    kind_of: impl FnOnce(&str, usize, usize, &str) -> TokenKind,
) -> Option<(usize, TokenKind, Option<&'a str>)> {
    let bytes = text.as_bytes();
    let b = *bytes.get(pos)?;
    let run = memo.window.run_end(bytes, pos);
    // One branch: not accepted (the run is empty) or a digit. (`run` is
    // never below `pos`: `<=` is `==` here, and tells the slices below
    // that `pos..run` is in order.)
    if (run <= pos) | b.is_ascii_digit() {
        return None;
    }
    if !memo.special {
        // The plain word (nothing joins it): sliced right where its end
        // byte was tested, so the char-boundary checks of the slice have
        // less left to do. `end >= run > pos`: never empty.
        let end = word_run_window_from(bytes, run, &mut memo.window);
        if !joins(bytes.get(end).copied().unwrap_or(0)) {
            if let Some(word) = text.get(pos..end) {
                return Some((end, kind_of(text, pos, end, word), Some(word)));
            }
        }
    }
    let (end, kind) = scan_word_after_run(text, pos, run, memo);
    Some((end, kind, None))
}

/// What [`plain_word_with`] finds at a token start. `repr(u8)`: a tag of
/// its own, so that telling the cases apart after inlining is folded away
/// (with a niche in the word's kind, as an `Option` or `Result` of these
/// fields has, the kind loaded from the memo would be tested per word).
#[repr(u8)]
pub(super) enum Start<'a> {
    /// A plain word (nothing joins it, though a joiner may follow): its
    /// end, kind and text.
    Word(usize, TokenKind, &'a str),
    /// A word that may join more, scanned: its end and kind.
    Found(usize, TokenKind),
    /// A token of ASCII bytes that [`scan`] would give the same way, found
    /// without it: one punctuation or symbol byte, or digits that end at
    /// once ([`short_token`]). Its end, kind and text.
    Short(usize, TokenKind, &'a str),
    /// No word surely starts here (or the text ends): [`scan`] decides.
    Other,
}

/// The kind of the one-byte token an ASCII byte makes when the byte after
/// it is ASCII other than `.` (so no combining mark stays with it and no
/// run of dots goes on): [`scan_ascii_other`]'s punctuation and symbols.
/// `None` for white space, letters, digits and the bytes that look around
/// (`#` `@` `"` `'`).
static ONE_BYTE: [Option<TokenKind>; 128] = {
    let mut t = [None; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let space = matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
        t[b] = if space || c.is_ascii_alphanumeric() {
            None
        } else {
            match ASCII_OTHER[b] {
                OTHER_SPECIAL => None,
                OTHER_SYMBOL => Some(TokenKind::Symbol),
                _ => Some(TokenKind::Punct),
            }
        };
        b += 1;
    }
    t
};

/// The kind of a [`Start::Short`] token starting with byte `b` (see
/// [`short_token`]), `None` for a byte that starts none.
pub(super) fn short_kind(b: u8) -> Option<TokenKind> {
    if b.is_ascii_digit() {
        return Some(TokenKind::Number);
    }
    ONE_BYTE.get(usize::from(b)).copied().flatten()
}

/// The token at `pos` (byte `b`, not white space skipped yet) when no word
/// starts there and it is one of the short ASCII tokens most text has
/// between its words: a comma, bracket, colon, a dot before a space (see
/// [`ONE_BYTE`]), or digits that end at once ([`NUMBER_END`], as
/// [`scan_numeric`]'s first test). [`Start::Other`] otherwise, and then
/// [`scan`] decides as before. Where this answers, `scan` gives the same.
/// The token is sliced here, where its first byte and the byte after it
/// are known to be ASCII (`NUMBER_END` holds only ASCII bytes; the test
/// says so to the compiler), so the slice's char-boundary checks fold away.
#[inline(always)]
fn short_token(text: &str, pos: usize, b: u8) -> Start<'_> {
    let bytes = text.as_bytes();
    let short = |end: usize, kind: TokenKind| match text.get(pos..end) {
        Some(token) => Start::Short(end, kind, token),
        None => Start::Other,
    };
    if b.is_ascii_digit() {
        let end = digits_end(bytes, pos + 1);
        return match bytes.get(end) {
            Some(&n) if NUMBER_END[usize::from(n)] && n < 0x80 => short(end, TokenKind::Number),
            _ => Start::Other,
        };
    }
    let next = bytes.get(pos + 1).copied().unwrap_or(0);
    match ONE_BYTE.get(usize::from(b)) {
        Some(&Some(kind)) if next < 0x80 && next != b'.' => short(pos + 1, kind),
        _ => Start::Other,
    }
}

/// [`scan_if_word_with`] for the plain tokenizer (no flag of [`Memo`] set,
/// so none is tested): the same token where that one answers.
#[inline(always)]
pub(super) fn plain_word_with<'a>(
    text: &'a str,
    pos: usize,
    memo: &mut Memo,
    kind_of: impl FnOnce(&str, usize, usize, &str) -> TokenKind,
) -> Start<'a> {
    debug_assert!(!memo.special);
    let bytes = text.as_bytes();
    let Some(&b) = bytes.get(pos) else {
        return Start::Other;
    };
    let run = memo.window.run_end(bytes, pos);
    // One branch: not accepted (the run is empty) or a digit. (`run` is
    // never below `pos`: `<=` is `==` here, and tells the slices below
    // that `pos..run` is in order.)
    if (run <= pos) | b.is_ascii_digit() {
        return short_token(text, pos, b);
    }
    let (end, word) = match bytes.get(run) {
        // The usual word: its run stops at an ASCII byte that joins
        // nothing. Sliced here, where the byte is known to be ASCII (so
        // `run` is a char boundary without a second look at it), and the
        // first byte no continuation byte (always so: tested as one
        // compare, which the slice's check of `pos` then folds into).
        Some(&n) if n < 0x80 && !joins(n) && (b as i8) >= -0x40 => (run, text.get(pos..run)),
        _ => {
            let end = word_run_window_from(bytes, run, &mut memo.window);
            // A word followed by a joiner that joins nothing (`Nội.`,
            // `Hà-`) is a plain word too: what `scan_word_after_run` would
            // answer, with the caller's kind (and annotation).
            if joins(bytes.get(end).copied().unwrap_or(0)) {
                if let Some((end, kind)) = scan_word_joined(text, pos, end, memo) {
                    return Start::Found(end, kind);
                }
            }
            (end, text.get(pos..end))
        }
    };
    match word {
        Some(word) => Start::Word(end, kind_of(text, pos, end, word), word),
        None => {
            let (end, kind) = scan_word_after_run(text, pos, run, memo);
            Start::Found(end, kind)
        }
    }
}

/// End of the run of combining marks at `pos`. Inline for the common case
/// (an ASCII byte or the end of the text at `pos`: no mark), the loop out
/// of line.
#[inline(always)]
fn marks_end(bytes: &[u8], pos: usize) -> usize {
    match bytes.get(pos) {
        Some(&b) if b >= 0x80 => marks_end_slow(bytes, pos),
        _ => pos,
    }
}

#[inline(never)]
fn marks_end_slow(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && bytes[pos] >= 0x80 {
        let (c, len) = decode(bytes, pos);
        if !is_mark(c) {
            break;
        }
        pos += len;
    }
    pos
}

/// [`ASCII_OTHER`] class of plain punctuation (`,` `(` `:` `-` …).
const OTHER_PUNCT: u8 = 0;
/// [`ASCII_OTHER`] class of the ASCII symbols ([`is_ascii_symbol`]).
const OTHER_SYMBOL: u8 = 1;
/// [`ASCII_OTHER`] class of `.` (a run of dots is one token).
const OTHER_DOT: u8 = 2;
/// [`ASCII_OTHER`] class of the bytes that need a look around: `#` `@` `"` `'`.
const OTHER_SPECIAL: u8 = 3;

/// How [`scan_ascii_other`] treats each ASCII byte that is neither a letter
/// nor a digit (other bytes: [`OTHER_PUNCT`], never looked up).
static ASCII_OTHER: [u8; 128] = {
    let mut t = [OTHER_PUNCT; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'#' | b'@' | b'"' | b'\'' => OTHER_SPECIAL,
            b'.' => OTHER_DOT,
            x if is_ascii_symbol(x) => OTHER_SYMBOL,
            _ => OTHER_PUNCT,
        };
        b += 1;
    }
    t
};

/// Tokens that start with an ASCII character that is neither a letter nor a digit.
///
/// Plain punctuation, symbols and dots (nearly all of these tokens) are
/// decided with one table look-up and one rarely mispredicted branch; a
/// `match` on the byte compiled to a jump table whose indirect jump
/// mispredicted on about one such token in four.
#[inline]
fn scan_ascii_other(text: &str, start: usize, b: u8) -> (usize, TokenKind) {
    let bytes = text.as_bytes();
    let class = ASCII_OTHER.get(usize::from(b)).copied().unwrap_or(OTHER_PUNCT);
    if class == OTHER_SPECIAL {
        return scan_ascii_special(text, start, b);
    }
    let mut end = start + 1;
    // Only `.` repeats into one token; test the next byte first, which
    // rarely equals this one, so the loop test is well predicted.
    while bytes.get(end) == Some(&b) && class == OTHER_DOT {
        end += 1;
    }
    let kind = if class == OTHER_SYMBOL {
        TokenKind::Symbol
    } else {
        TokenKind::Punct
    };
    (marks_end(bytes, end), kind)
}

/// [`scan_ascii_other`] for `#` `@` `"` `'`, which look at their neighbours.
#[inline(never)]
fn scan_ascii_special(text: &str, start: usize, b: u8) -> (usize, TokenKind) {
    let bytes = text.as_bytes();
    let kind = match b {
        b'#' | b'@' => {
            let after = start + 1;
            let word_before = prev_char(text, start).is_some_and(is_word_char);
            if !word_before && next_char(text, after).is_some_and(|c| c.is_alphabetic()) {
                let end = run_end(bytes, after, |c| is_word_char(c) || c == '_');
                let kind = if b == b'#' {
                    TokenKind::Hashtag
                } else {
                    TokenKind::Mention
                };
                return (end, kind);
            }
            TokenKind::Symbol
        }
        b'"' | b'\'' => {
            let opening = match prev_char(text, start) {
                None => true,
                Some(p) => p.is_whitespace() || matches!(p, '(' | '[' | '{' | '“' | '‘' | '«'),
            };
            if opening {
                TokenKind::OpenQuote
            } else {
                TokenKind::CloseQuote
            }
        }
        _ => TokenKind::Symbol,
    };
    (marks_end(bytes, start + 1), kind)
}

/// End of the run of characters satisfying `pred` from `pos`.
#[inline]
fn run_end(bytes: &[u8], mut pos: usize, pred: impl Fn(char) -> bool) -> usize {
    while pos < bytes.len() {
        let (c, len) = decode(bytes, pos);
        if !pred(c) {
            break;
        }
        pos += len;
    }
    pos
}

#[inline]
fn digits_end(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && bytes[pos].is_ascii_digit() {
        pos += 1;
    }
    pos
}

/// For each byte that may start a char: a mask over the low six bits of
/// the next byte, with a bit set when the char at this byte is surely a
/// word character. ASCII letters and digits accept any next byte; bytes
/// with an empty mask (other ASCII, other lead bytes, continuation bytes)
/// stop the fast loop of [`word_run`], which then decodes the char.
///
/// The lead bytes cover every Vietnamese letter: U+00C0–U+027F (Latin-1
/// letters, Latin Extended-A and -B, IPA: lead bytes C3–C9, except × and
/// ÷), the combining marks U+0300–U+036F (CC, CD 80–AF) and Latin Extended
/// Additional U+1E00–U+1EFF (E1 B8–BB).
static WORD_MASK: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => u64::MAX,
            // U+00D7 × (C3 97) and U+00F7 ÷ (C3 B7) are symbols.
            0xC3 => !((1 << 0x17) | (1 << 0x37)),
            0xC4..=0xC9 | 0xCC => u64::MAX,
            // CD 80–AF: U+0340–U+036F, combining marks; CD B0–BF: Greek.
            0xCD => (1 << 0x30) - 1,
            // E1 B8–BB: U+1E00–U+1EFF; the rest of E1 needs a look-up.
            0xE1 => 0xF << 0x38,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The length in bytes of the char that starts with byte `b` (1 for bytes
/// that cannot start a char; [`word_run`] never steps over those).
static CHAR_LEN: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut b = 0xC0;
    while b < 256 {
        t[b] = if b < 0xE0 {
            2
        } else if b < 0xF0 {
            3
        } else {
            4
        };
        b += 1;
    }
    t
};

/// End of the run of word characters that starts at `start`.
///
/// The common case (an ASCII letter or digit, or a Vietnamese letter or
/// combining mark, with another byte after it) costs two table look-ups
/// and one well-predicted branch per char, without decoding: see
/// [`WORD_MASK`]. Anything else is decoded and looked up.
#[inline(always)]
pub(super) fn word_run(bytes: &[u8], start: usize) -> usize {
    let mut pos = start;
    // Windows of 8 bytes (plus the byte after them), decided without a
    // branch per char: the end of a word is then one predictable branch
    // ("did the window stop?") instead of a data-dependent one per char.
    while let Some(window) = bytes.get(pos..pos + 9) {
        let Ok(w) = <&[u8; 9]>::try_from(window) else {
            break;
        };
        let mut ok = 0u32;
        let mut i = 0;
        while i < 8 {
            let pass = RUN_CLASS[usize::from(w[i])] & RUN_NEXT[usize::from(w[i + 1])] != 0;
            ok |= u32::from(pass) << i;
            i += 1;
        }
        let n = ok.trailing_ones();
        pos += n as usize;
        if n == 8 {
            continue;
        }
        // `pos` is on the first byte the window does not accept: ASCII
        // that is no letter or digit (the common end), or the lead byte of
        // a char the classes do not know.
        let b = w[n as usize];
        if b < 0x80 {
            return pos;
        }
        let (c, len) = decode(bytes, pos);
        if !is_word_char_non_ascii(c) {
            return pos;
        }
        pos += len;
    }
    // The last bytes of the text: a window may have stopped inside a char
    // it accepted, so step over continuation bytes first.
    while bytes.get(pos).is_some_and(|&b| b & 0xC0 == 0x80) {
        pos += 1;
    }
    word_run_chars(bytes, pos)
}

/// [`word_run`] with the word-byte masks of `window`, from `run`, the end
/// of a run of accepted bytes (`Window::run_end`): one `trailing_zeros`
/// per word in the common case; a char the masks do not know (a lead byte
/// other than C3–C9, CC, CD, E1) is decoded and looked up, and the run
/// goes on after it when it is a word char.
#[inline(always)]
fn word_run_window_from(bytes: &[u8], run: usize, window: &mut super::block::Window) -> usize {
    let mut pos = run;
    loop {
        match bytes.get(pos) {
            Some(&b) if b >= 0x80 => {}
            _ => return pos,
        }
        let (c, len) = decode(bytes, pos);
        if !is_word_char_non_ascii(c) {
            return pos;
        }
        pos = window.run_end(bytes, pos + len);
    }
}

/// [`word_run`] one char at a time, with the lead-byte masks: for the last
/// few bytes of a text (`pos` on a char boundary).
fn word_run_chars(bytes: &[u8], start: usize) -> usize {
    let masks = &WORD_MASK;
    let lens = &CHAR_LEN;
    // Every char the fast loop steps over starts before the last byte.
    let last = bytes.len().saturating_sub(1);
    let mut pos = start;
    loop {
        while pos < last {
            let (Some(&b), Some(&b1)) = (bytes.get(pos), bytes.get(pos + 1)) else {
                break;
            };
            if (masks[usize::from(b)] >> (b1 & 0x3F)) & 1 == 0 {
                break;
            }
            pos += usize::from(lens[usize::from(b)]);
        }
        // The last byte of the text, a char the masks do not know, or the end of the run.
        let Some(&b) = bytes.get(pos) else { break };
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            pos += 1;
            continue;
        }
        let (c, len) = decode(bytes, pos);
        if !is_word_char_non_ascii(c) {
            break;
        }
        pos += len;
    }
    pos.min(bytes.len())
}

/// Classes of a byte inside a word, for [`word_run`]'s windows: bit 0 for
/// bytes that are always accepted (ASCII letters and digits, UTF-8
/// continuation bytes, whose lead byte was accepted before them, and the
/// lead bytes C4–C9 and CC, whose chars are all letters or marks); bits
/// 1–3 for the lead bytes C3, CD and E1, accepted when [`RUN_NEXT`] of the
/// byte after them has the same bit. Other bytes stop the window.
pub(super) static RUN_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | 0x80..=0xBF | 0xC4..=0xC9 | 0xCC => 1,
            0xC3 => 2,
            0xCD => 4,
            0xE1 => 8,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// See [`RUN_CLASS`]: what the byte after a lead byte allows. Bit 0 always;
/// bit 1 unless it makes C3 into × (C3 97) or ÷ (C3 B7); bit 2 when it
/// makes CD into a combining mark (CD 80–AF, U+0340–U+036F); bit 3 when it
/// makes E1 into Latin Extended Additional (E1 B8–BB, U+1E00–U+1EFF).
pub(super) static RUN_NEXT: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let x = b as u8;
        let mut v = 1;
        if x != 0x97 && x != 0xB7 {
            v |= 2;
        }
        if x >= 0x80 && x <= 0xAF {
            v |= 4;
        }
        if x >= 0xB8 && x <= 0xBB {
            v |= 8;
        }
        t[b] = v;
        b += 1;
    }
    t
};

/// [`word_run`] the simple way, one decoded char at a time: the reference
/// the fast loop is tested against (and the loop of the general path).
pub(super) fn word_run_general(bytes: &[u8], start: usize) -> usize {
    let mut pos = start;
    while pos < bytes.len() {
        let (c, len) = decode(bytes, pos);
        if !is_word_char(c) {
            break;
        }
        pos += len;
    }
    pos
}

/// `https://…`, `http://…`, `www.…` up to white space or a quote, without
/// trailing sentence punctuation and unmatched closing brackets.
fn scan_url(text: &str, start: usize) -> Option<usize> {
    let rest = text.as_bytes().get(start..)?;
    let prefix_len = [&b"https://"[..], b"http://", b"www."]
        .iter()
        .find(|p| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p))?
        .len();
    let body = start + prefix_len;
    let end = url_rest_end(text, body);
    (end > body).then_some(end)
}

/// The end of a URL whose path (or host) continues at `pos`.
fn url_rest_end(text: &str, pos: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = pos;
    while end < bytes.len() {
        let b = bytes[end];
        if b < 0x80 {
            if b.is_ascii_whitespace() || b <= b' ' || matches!(b, b'"' | b'<' | b'>') {
                break;
            }
            end += 1;
        } else {
            let (c, len) = decode(bytes, end);
            if c.is_whitespace() || matches!(c, '“' | '”' | '«' | '»') {
                break;
            }
            end += len;
        }
    }
    // Trailing sentence punctuation and unmatched closing brackets are not part of the URL.
    while end > pos {
        match prev_char(text, end) {
            Some(c @ ('.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '\'' | '’')) => end -= c.len_utf8(),
            _ => break,
        }
    }
    end
}

/// `local@domain.tld` with an ASCII local part and at least one dot in the domain.
fn scan_email(text: &str, start: usize, memo: &mut Memo) -> Option<usize> {
    let bytes = text.as_bytes();
    let limit = (start + LOOKAHEAD).min(bytes.len());
    let local_ok = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+');
    let mut at = start.max(memo.email_local_until);
    while at < limit && local_ok(bytes[at]) {
        at += 1;
    }
    memo.email_local_until = at;
    if at == start || at >= limit || bytes[at] != b'@' || bytes[at - 1] == b'.' {
        return None;
    }
    let mut end = at + 1;
    let mut dots = 0;
    while end < limit && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'-' || bytes[end] == b'.') {
        dots += usize::from(bytes[end] == b'.');
        end += 1;
    }
    while end > at + 1 && bytes[end - 1] == b'.' {
        end -= 1;
        dots -= 1;
    }
    let followed_by_word = next_char(text, end).is_some_and(|c| is_word_char(c) || c == '_' || c == '@');
    (dots > 0 && end > at + 3 && bytes[at + 1] != b'.' && !followed_by_word).then_some(end)
}

/// Top-level domains that make `ten.tld` a web address without a scheme.
const TLDS: &[&[u8]] = &[
    b"vn", b"com", b"net", b"org", b"gov", b"edu", b"info", b"io", b"int", b"biz",
];

/// A bare domain such as `vnexpress.net` or `baochinhphu.vn/abc`: ASCII
/// letters, digits, `-` and dots, the last label a known lower-case
/// top-level domain, and optionally a path after `/`.
fn scan_domain(text: &str, start: usize, memo: &mut Memo) -> Option<usize> {
    let bytes = text.as_bytes();
    let limit = (start + LOOKAHEAD).min(bytes.len());
    let mut end = start.max(memo.domain_until);
    while end < limit && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'-' | b'.')) {
        end += 1;
    }
    memo.domain_until = end;
    if end >= limit && end < bytes.len() {
        return None;
    }
    while end > start && bytes[end - 1] == b'.' {
        end -= 1;
    }
    // The last label: at most 4 bytes after the last dot.
    let tail = &bytes[end.saturating_sub(5).max(start)..end];
    let dot = tail.iter().rposition(|&b| b == b'.')?;
    let tld = &tail[dot + 1..];
    if end - tail.len() + dot == start || !TLDS.contains(&tld) {
        return None;
    }
    match bytes.get(end) {
        Some(b'/') => Some(url_rest_end(text, end).max(end)),
        Some(&b) if b >= 0x80 => next_char(text, end)
            .is_some_and(|c| !is_word_char(c))
            .then_some(end),
        Some(b'_' | b'@') => None,
        _ => Some(end),
    }
}

/// Numbers, dates, ratios and percents: everything that starts with a digit.
///
/// Digits followed by a byte of [`NUMBER_END`] (white space, most
/// punctuation: the usual case) are a plain number at once; anything else
/// goes through every rule in [`scan_numeric_rules`].
fn scan_numeric(text: &str, start: usize, memo: &mut Memo) -> (usize, TokenKind) {
    let bytes = text.as_bytes();
    let end = digits_end(bytes, start);
    if bytes.get(end).is_some_and(|&b| NUMBER_END[usize::from(b)]) {
        return (end, TokenKind::Number);
    }
    scan_numeric_rules(text, start, memo)
}

/// The bytes after a run of digits that no rule of [`scan_numeric_rules`]
/// looks past: ASCII that is not a letter or digit, not `@` `_` `+`
/// (e-mail), `/` `-` `.` (dates, ratios), `,` (digit groups) or `%`.
static NUMBER_END: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] =
            !c.is_ascii_alphanumeric() && !matches!(c, b'@' | b'_' | b'+' | b'/' | b'-' | b'.' | b',' | b'%');
        b += 1;
    }
    t
};

/// [`scan_numeric`] with every rule tried.
fn scan_numeric_rules(text: &str, start: usize, memo: &mut Memo) -> (usize, TokenKind) {
    let bytes = text.as_bytes();
    let mut end = digits_end(bytes, start);
    let Some(&sep) = bytes.get(end) else {
        return (end, TokenKind::Number);
    };
    // An e-mail address may start with digits (`123abc@mail.vn`).
    if sep.is_ascii_alphabetic() || matches!(sep, b'@' | b'_' | b'+') {
        if let Some(e) = scan_email(text, start, memo) {
            return (e, TokenKind::Email);
        }
    }
    // Date shapes first: they would otherwise read as numbers or ratios.
    if matches!(sep, b'/' | b'-' | b'.') {
        if let Some(date_end) = scan_date_shape(bytes, start) {
            if !next_char(text, date_end).is_some_and(is_word_char) {
                return (date_end, TokenKind::DateLike);
            }
        }
    }
    // Digit groups separated by single '.' or ',' between digits.
    while end + 1 < bytes.len() && matches!(bytes[end], b'.' | b',') && bytes[end + 1].is_ascii_digit() {
        end = digits_end(bytes, end + 1);
    }
    let Some(&after) = bytes.get(end) else {
        return (end, TokenKind::Number);
    };
    // A ratio: number '/' number.
    if after == b'/' && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        let mut rend = digits_end(bytes, end + 1);
        while rend + 1 < bytes.len() && matches!(bytes[rend], b'.' | b',') && bytes[rend + 1].is_ascii_digit()
        {
            rend = digits_end(bytes, rend + 1);
        }
        if !next_char(text, rend).is_some_and(is_word_char) {
            return (rend, TokenKind::Ratio);
        }
    }
    if after == b'%' {
        return (end + 1, TokenKind::Percent);
    }
    // Letters right after the digits: a unit (`500kg`) splits off, anything
    // that mixes digits in again (`20h10`, `4G2`) is one word.
    if after.is_ascii_alphanumeric() || (after >= 0x80 && next_char(text, end).is_some_and(is_word_char)) {
        let letters_end = run_end(bytes, end, is_letter_or_mark);
        let word_end = run_end(bytes, end, is_word_char);
        if letters_end == word_end {
            return (end, TokenKind::Number);
        }
        return (word_end, TokenKind::Word);
    }
    (end, TokenKind::Number)
}

/// `d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy`, `d/m/yy`, `yyyy-mm-dd`, `m/yyyy`,
/// `m-yyyy`. Returns the end of the date when one starts at `start`.
fn scan_date_shape(bytes: &[u8], start: usize) -> Option<usize> {
    // A group of 1 to 4 digits: its value, its length and its end.
    let read = |pos: usize| -> Option<(u32, usize, usize)> {
        let mut value = 0u32;
        let mut end = pos;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            if end - pos == 4 {
                return None;
            }
            value = value * 10 + u32::from(bytes[end] - b'0');
            end += 1;
        }
        (end > pos).then_some((value, end - pos, end))
    };
    let (a, an, aend) = read(start)?;
    let sep = *bytes.get(aend)?;
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    let (b, bn, bend) = read(aend + 1)?;
    let year = |v: u32, n: usize| n == 4 && (1000..=2999).contains(&v);
    let day = |v: u32, n: usize| n <= 2 && (1..=31).contains(&v);
    let month = |v: u32, n: usize| n <= 2 && (1..=12).contains(&v);
    // Three parts?
    if bytes.get(bend) == Some(&sep) {
        if let Some((c, cn, cend)) = read(bend + 1) {
            let ends_here = !bytes.get(cend).is_some_and(|&x| x == sep);
            if ends_here && day(a, an) && month(b, bn) && (year(c, cn) || (sep == b'/' && cn == 2)) {
                return Some(cend);
            }
            if ends_here && sep == b'-' && year(a, an) && month(b, bn) && day(c, cn) {
                return Some(cend);
            }
        }
    }
    // Month/year (not with '.', which is a thousands separator).
    if sep != b'.' && month(a, an) && year(b, bn) {
        // `5-2024` could be a range of numbers only when followed by more digits.
        if !bytes.get(bend).is_some_and(|&c| c == sep || c.is_ascii_digit()) {
            return Some(bend);
        }
    }
    None
}

/// Words, syllables, abbreviations, e-mail addresses and bare domains:
/// everything that starts with a letter (or a combining mark).
#[inline(always)]
fn scan_word(text: &str, start: usize, memo: &mut Memo) -> (usize, TokenKind) {
    let run = memo.window.run_end(text.as_bytes(), start);
    scan_word_after_run(text, start, run, memo)
}

/// [`scan_word`] once the word window has found `run`, the end of the run
/// of accepted bytes from `start` (the word goes on past it when a char the
/// window does not know is a word char).
#[inline(always)]
fn scan_word_after_run(text: &str, start: usize, run: usize, memo: &mut Memo) -> (usize, TokenKind) {
    let bytes = text.as_bytes();
    if !memo.special {
        let end = word_run_window_from(bytes, run, &mut memo.window);
        if joins(bytes.get(end).copied().unwrap_or(0)) {
            if let Some(found) = scan_word_joined(text, start, end, memo) {
                return found;
            }
        }
        return (end, super::cache::word_kind(text, start, end));
    }
    let end = if memo.general {
        word_run_general(bytes, start)
    } else {
        word_run_window_from(bytes, run, &mut memo.window)
    };
    if joins(bytes.get(end).copied().unwrap_or(0)) {
        if let Some(found) = scan_word_joined(text, start, end, memo) {
            return found;
        }
    }
    if memo.skip_word_kinds {
        return (end, TokenKind::Word);
    }
    let kind = if memo.general || memo.skip_syllables {
        classify_word(text.get(start..end).unwrap_or_default(), memo.skip_syllables)
    } else {
        super::cache::word_kind(text, start, end)
    };
    (end, kind)
}

/// Whether a word followed by byte `b` may go on past it (`.` `:` `@` `_`
/// `-` `+` `&` `'`, and E2, the lead byte of `’`; `:` only for `http:`): one table look-up and one
/// rarely taken branch per word instead of a chain of comparisons.
#[inline(always)]
fn joins(b: u8) -> bool {
    JOINERS[usize::from(b)]
}

const JOINERS: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(
            i as u8,
            b'.' | b':' | b'@' | b'_' | b'-' | b'+' | b'&' | b'\'' | 0xE2
        );
        i += 1;
    }
    t
};

/// The word `text[start..end]` is followed by a character that may join it
/// to more: an e-mail address, a domain, a dotted abbreviation, `GD&TĐ`,
/// `H'Mông`. Kept out of line: most words are followed by a space.
#[inline(never)]
fn scan_word_joined(text: &str, start: usize, end: usize, memo: &mut Memo) -> Option<(usize, TokenKind)> {
    let bytes = text.as_bytes();
    let after = *bytes.get(end)?;
    // The usual case (~80 % of the calls on viwiki): a sentence's last word
    // before its `.`, white space or the end after it, not of 3 bytes (no
    // `www.`). Only a known abbreviation with its dot can be taken then
    // (the `.` branch below with `before_space`); the word is not sliced
    // on its own (`text[start..end + 1]` is a slice exactly when
    // `text[start..end]` is: the byte at `end` is the ASCII `.`).
    if after == b'.'
        && end.wrapping_sub(start) != 3
        && bytes.get(end + 1).map_or(true, u8::is_ascii_whitespace)
    {
        return dotted_abbreviation_end(text, start, end);
    }
    scan_word_joined_general(text, start, end, memo)
}

/// [`scan_word_joined`] without its sentence-end fast path: every joiner
/// in order, the word sliced first (the reference the fast path is tested
/// against). Inlined into it.
#[inline(always)]
fn scan_word_joined_general(
    text: &str,
    start: usize,
    end: usize,
    memo: &mut Memo,
) -> Option<(usize, TokenKind)> {
    let bytes = text.as_bytes();
    let after = *bytes.get(end)?;
    let word = text.get(start..end)?;
    // `http://…`, `https://…`, `www.…`: the prefix is a word of 4 or 5
    // letters followed by `:`, or of 3 followed by `.`, so only such words
    // are tried (this used to be a test at the start of every word; a
    // sentence's last word before its `.` is often of 4 or 5 bytes).
    if matches!((after, end - start), (b':', 4 | 5) | (b'.', 3)) {
        if let Some(url_end) = scan_url(text, start) {
            return Some((url_end, TokenKind::Url));
        }
    }
    match after {
        b'.' => {
            // A dot before white space or the end (a sentence end, the
            // usual case) cannot start an e-mail address or a domain:
            // both would need more than white space after the dot.
            let before_space = bytes.get(end + 1).map_or(true, u8::is_ascii_whitespace);
            // Nor a dotted chain, which needs a letter after the dot.
            if !before_space {
                if word.is_ascii() {
                    if let Some(e) = scan_email(text, start, memo) {
                        return Some((e, TokenKind::Email));
                    }
                    if let Some(e) = scan_domain(text, start, memo) {
                        return Some((e, TokenKind::Url));
                    }
                }
                // Abbreviation chains with dots: TP.HCM, PGS.TS., Th.S, v.v.
                if let Some(chain_end) = scan_dotted_chain(text, start, end) {
                    return Some((chain_end, TokenKind::Abbreviation));
                }
            }
            // Known abbreviations written with one final dot: TP., TS., ThS.
            if let Some(found) = dotted_abbreviation_end(text, start, end) {
                return Some(found);
            }
        }
        b'@' | b'_' | b'-' | b'+' if word.is_ascii() => {
            if let Some(e) = scan_email(text, start, memo) {
                return Some((e, TokenKind::Email));
            }
        }
        // Joined by '&' between capitals: GD&TĐ, TN&MT, R&D.
        b'&' if !has_lowercase(word) => {
            let next_end = word_run(bytes, end + 1);
            let next = text.get(end + 1..next_end).unwrap_or_default();
            if !next.is_empty() && !has_lowercase(next) {
                return Some((next_end, TokenKind::Abbreviation));
            }
        }
        b'\'' | 0xE2 => {
            // Apostrophe inside ethnic-minority names: H'Mông, K'Ho, Ê'đê.
            let apostrophe = next_char(text, end).filter(|c| matches!(c, '\'' | '’'));
            if let Some(q) = apostrophe {
                let after = end + q.len_utf8();
                if word.chars().count() <= 2 && next_char(text, after).is_some_and(char::is_alphabetic) {
                    return Some((word_run(bytes, after), TokenKind::Word));
                }
            }
        }
        _ => {}
    }
    None
}

/// The end and kind of `text[start..end + 1]` (a word and the `.` after
/// it) when it is a known abbreviation written with one final dot (`TP.`,
/// `TS.`, `ThS.`).
#[inline(always)]
fn dotted_abbreviation_end(text: &str, start: usize, end: usize) -> Option<(usize, TokenKind)> {
    (end.wrapping_add(1).wrapping_sub(start) <= MAX_DOTTED_LEN
        && text.get(start..end + 1).is_some_and(is_dotted_abbreviation))
    .then_some((end + 1, TokenKind::Abbreviation))
}

/// [`crate::lexicon::is_dotted_abbreviation`] behind a filter: most words
/// before a dot end a sentence (`năm.`), and the set look-up hashes the
/// word with SipHash. [`DOTTED_FILTER`] rules most of them out with one
/// bit test on the first byte and the length.
#[inline]
fn is_dotted_abbreviation(word: &str) -> bool {
    let Some(&first) = word.as_bytes().first() else {
        return false;
    };
    let row = DOTTED_FILTER.get(usize::from(first)).copied().unwrap_or(0);
    let len = word.len();
    len <= MAX_DOTTED_LEN && row >> len & 1 == 1 && crate::lexicon::is_dotted_abbreviation(word)
}

/// Bit `n` of entry `b`: some entry of `data/abbreviations.txt` (the list
/// the lexicon reads) starts with byte `b` and has `n` bytes. Built at
/// compile time from the same file, with the same line rules as
/// [`crate::lexicon::entries`] (lines trimmed, blank lines and `#`
/// comments skipped).
static DOTTED_FILTER: [u16; 256] = {
    let data = include_str!("../../data/abbreviations.txt").as_bytes();
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < data.len() {
        // One line: [i, e).
        let mut e = i;
        while e < data.len() && data[e] != b'\n' {
            e += 1;
        }
        let (mut s, mut f) = (i, e);
        while s < f && data[s].is_ascii_whitespace() {
            s += 1;
        }
        while f > s && data[f - 1].is_ascii_whitespace() {
            f -= 1;
        }
        if f > s && data[s] != b'#' && f - s < 16 {
            t[data[s] as usize] |= 1 << (f - s);
        }
        i = e + 1;
    }
    t
};

fn has_lowercase(s: &str) -> bool {
    s.chars().any(char::is_lowercase)
}

/// The shape of one part of a dotted chain such as `TP.HCM` or `Th.S`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// One letter, either case (`v`, `S`).
    Single,
    /// Two or more letters, none lower-case (`TP`, `HCM`).
    Upper,
    /// A capital then lower case, not a syllable (`Th`, `ThS`, `Tp`).
    Mixed,
    /// Anything else: a syllable or a name (`Chi`, `Hà`), a lower-case word.
    Other,
}

fn classify_part(part: &str) -> Part {
    let mut letters = 0;
    let mut lower = 0;
    let mut first_upper = false;
    for c in part.chars() {
        if is_mark(c) {
            continue;
        }
        if letters == 0 {
            first_upper = c.is_uppercase();
        }
        letters += 1;
        lower += usize::from(c.is_lowercase());
    }
    match (letters, lower) {
        (1, _) => Part::Single,
        (_, 0) => Part::Upper,
        _ if first_upper && letters <= 4 && !super::cache::is_syllable(part) => Part::Mixed,
        _ => Part::Other,
    }
}

/// `X.Y`, `X.Y.`, `x.x.`: a chain of at least two short letter parts joined
/// by single dots that looks like an abbreviation. Either every part is a
/// single letter (`v.v`, `T.Ư`), or every part is upper case or a short
/// mixed-case non-syllable (`TP.HCM`, `PGS.TS`, `Th.S`). The chain stops
/// before the first part that does not fit (`TP.Hà` is no chain; `TP.` is
/// then a known abbreviation). A final dot belongs to chains of single
/// letters (`v.v.`) and to known forms (`PGS.TS.`).
fn scan_dotted_chain(text: &str, start: usize, first_end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // Most words before a dot end a sentence: no letter after the dot.
    if !next_char(text, first_end + 1).is_some_and(is_letter_or_mark) {
        return None;
    }
    let limit = (start + LOOKAHEAD).min(bytes.len());
    let first = part_shape(text, start, first_end)?;
    let mut all_single = first == Part::Single;
    let mut any_lower_single =
        first == Part::Single && has_lowercase(text.get(start..first_end).unwrap_or_default());
    let mut end = first_end;
    // Accepted chain end and whether it is made of single letters only.
    let mut best: Option<(usize, bool)> = None;
    while end + 1 < limit && bytes[end] == b'.' {
        let part_start = end + 1;
        let part_end = bounded_letters_end(bytes, part_start, limit);
        if part_end == part_start {
            break;
        }
        let Some(shape) = part_shape(text, part_start, part_end) else {
            break;
        };
        all_single &= shape == Part::Single;
        any_lower_single |=
            shape == Part::Single && has_lowercase(text.get(part_start..part_end).unwrap_or_default());
        end = part_end;
        if all_single || !any_lower_single {
            best = Some((end, all_single));
        } else if !all_single && any_lower_single {
            break;
        }
    }
    let (end, all_single) = best?;
    // The chain must end at a word boundary: `TP.HCMxyz` cut short is no chain.
    if next_char(text, end).is_some_and(is_word_char) {
        return None;
    }
    if bytes.get(end) == Some(&b'.') && !next_char(text, end + 1).is_some_and(is_word_char) {
        let with_dot = text.get(start..end + 1).unwrap_or_default();
        if all_single || is_dotted_abbreviation(with_dot) {
            return Some(end + 1);
        }
    }
    Some(end)
}

/// The shape of the part `text[start..end]`, or `None` when it cannot be in a chain.
fn part_shape(text: &str, start: usize, end: usize) -> Option<Part> {
    let part = text.get(start..end)?;
    if !part.chars().all(is_letter_or_mark) || part.chars().filter(|&c| !is_mark(c)).count() > MAX_CHAIN_PART
    {
        return None;
    }
    match classify_part(part) {
        Part::Other => None,
        shape => Some(shape),
    }
}

/// End of a run of letters and marks from `pos`, reading at most one char
/// past [`MAX_CHAIN_PART`] letters (a longer run cannot be a chain part) and
/// never past `limit`. Returns `pos` when the run is not a whole word.
fn bounded_letters_end(bytes: &[u8], pos: usize, limit: usize) -> usize {
    let mut end = pos;
    let mut letters = 0;
    loop {
        if end >= limit {
            if limit < bytes.len() {
                // Cut by the look-ahead bound: not known to be a whole part.
                return pos;
            }
            break;
        }
        let (c, len) = decode(bytes, end);
        if !is_letter_or_mark(c) {
            break;
        }
        if !is_mark(c) {
            letters += 1;
            if letters > MAX_CHAIN_PART {
                return pos;
            }
        }
        end += len;
    }
    // A part followed by a digit (`Q.1a`) is not a chain part.
    if bytes.get(end).is_some_and(u8::is_ascii_digit) {
        return pos;
    }
    end
}

/// A syllable, an upper-case abbreviation (`UBND`: two or more capitals and
/// no lower case) or another word (`Toyota`, `東京`). Not memoized: see
/// [`super::cache::word_kind`].
#[inline]
pub(super) fn classify_word(word: &str, skip_syllables: bool) -> TokenKind {
    if !skip_syllables && crate::syllable::is_syllable(word) {
        return TokenKind::Syllable;
    }
    // Most words have a lower-case ASCII letter among their first bytes.
    let mut capitals = 0;
    for &b in word.as_bytes() {
        if b.is_ascii_lowercase() {
            return TokenKind::Word;
        }
        if b >= 0x80 {
            break;
        }
        capitals += usize::from(b.is_ascii_uppercase());
    }
    if capitals == word.len() {
        return if capitals >= 2 {
            TokenKind::Abbreviation
        } else {
            TokenKind::Word
        };
    }
    let mut capitals = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return TokenKind::Word;
        }
        capitals += usize::from(c.is_uppercase());
    }
    if capitals >= 2 {
        TokenKind::Abbreviation
    } else {
        TokenKind::Word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`scan_word_joined`] against [`scan_word_joined_general`]: words
    /// of every length around the fast path's bounds (3 bytes, the longest
    /// dotted abbreviation), known abbreviations with one dot, URLs, e-mail
    /// addresses, domains and chains, before `.` followed by white space,
    /// the end, a letter or more dots, and before the other joiners. Taking
    /// a `.` before a letter, or a 3-byte word, on the fast path fails it.
    #[test]
    fn word_joined_fast_path_agrees_with_the_reference() {
        let words = [
            "a",
            "TP",
            "Tp",
            "TS",
            "ThS",
            "GS",
            "PGS",
            "năm",
            "Nội",
            "www",
            "WWW",
            "http",
            "https",
            "ông",
            "abc",
            "Th",
            "ĐHQG",
            "TT",
            "xxxxxxxxxxx",
            "xxxxxxxxxxxx",
            "xxxxxxxxxxxxx",
            "ab",
            "H",
            "K",
        ];
        let afters = [
            ".", ". ", ".\n", ".\t", ".\r", ". x", ".x", ".HCM", "..", "...", ".com", ".vn x", ".TS.", ".v",
            ":", "://a.vn", "@a.vn", "-", "-x", "_x", "+x", "&TĐ", "'Mông", "’Mông", "–", "”", ".\u{a0}",
        ];
        for lead in ["", "ở ", "x@"] {
            for w in words {
                for a in afters {
                    let text = format!("{lead}{w}{a}");
                    let (start, end) = (lead.len(), lead.len() + w.len());
                    assert_eq!(
                        scan_word_joined(&text, start, end, &mut Memo::default()),
                        scan_word_joined_general(&text, start, end, &mut Memo::default()),
                        "{text:?}"
                    );
                }
            }
        }
    }

    /// The table-driven [`scan_ascii_other`] against the rule it encodes,
    /// written out: a run of dots is one `Punct`, `#` `@` `"` `'` look
    /// around, the ASCII symbols are `Symbol`, the rest `Punct`; combining
    /// marks stay with the token. Every ASCII byte that is neither a letter
    /// nor a digit, between every pair of neighbours from a small set.
    #[test]
    fn ascii_other_table_agrees_with_the_rule() {
        let around = [
            "",
            " ",
            "a",
            "1",
            ".",
            "..",
            ",",
            "#",
            "\u{301}",
            "\u{301}\u{300}x",
            "\"",
            "(",
            "ấ",
        ];
        let mut checked = 0;
        for b in (0u8..0x80).filter(|b| !b.is_ascii_alphanumeric()) {
            let c = char::from(b);
            for before in around {
                for after in around {
                    let text = format!("{before}{c}{after}");
                    let start = before.len();
                    let got = scan_ascii_other(&text, start, b);
                    let bytes = text.as_bytes();
                    let want = match b {
                        b'#' | b'@' | b'"' | b'\'' => scan_ascii_special(&text, start, b),
                        b'.' => {
                            let mut end = start;
                            while bytes.get(end) == Some(&b'.') {
                                end += 1;
                            }
                            (marks_end(bytes, end), TokenKind::Punct)
                        }
                        _ if matches!(b, b'$' | b'+' | b'<' | b'=' | b'>' | b'^' | b'`' | b'|' | b'~') => {
                            (marks_end(bytes, start + 1), TokenKind::Symbol)
                        }
                        _ => (marks_end(bytes, start + 1), TokenKind::Punct),
                    };
                    assert_eq!(got, want, "{text:?} at {start}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 66 * 13 * 13);
    }

    /// The shortcut of `scan_word_joined` for a word before `.` and white
    /// space: no e-mail address, domain or dotted chain starts there.
    #[test]
    fn no_email_or_domain_before_a_sentence_end() {
        // The word is a run of ASCII letters and digits (what the word
        // window gives for an ASCII word).
        let words = [
            "a", "ab", "vn", "com", "net", "mail", "x1", "2024", "www", "http", "Gmail",
        ];
        for w in words {
            for after in ["", " ", "\n", "\t", "\r\n", " a@b.vn", " b.vn", "\nx.com"] {
                let text = format!("{w}.{after}");
                assert_eq!(scan_email(&text, 0, &mut Memo::default()), None, "{text:?}");
                assert_eq!(scan_domain(&text, 0, &mut Memo::default()), None, "{text:?}");
                assert_eq!(scan_dotted_chain(&text, 0, w.len()), None, "{text:?}");
            }
        }
    }

    /// The shortcut of `scan_numeric` (digits then a `NUMBER_END` byte)
    /// gives what all the rules give, for every byte after 1 to 5 digits,
    /// followed by several continuations.
    #[test]
    fn numeric_shortcut_agrees_with_all_rules() {
        let mut shortcut = 0;
        for digits in ["7", "12", "2024", "19", "12345"] {
            for b in 0u8..0x80 {
                for tail in [
                    "", "5", "12/2025", "a", " x", "@mail.vn", "\u{301}", "%", "2025", ".5",
                ] {
                    let text = format!("{digits}{}{tail}", char::from(b));
                    let fast = scan_numeric(&text, 0, &mut Memo::default());
                    let full = scan_numeric_rules(&text, 0, &mut Memo::default());
                    assert_eq!(fast, full, "{text:?}");
                    shortcut += usize::from(NUMBER_END[usize::from(b)]);
                }
            }
        }
        assert!(shortcut > 1000, "{shortcut}");
    }

    /// The filter in front of the abbreviation set lets every entry through.
    #[test]
    fn dotted_filter_passes_every_entry() {
        let mut n = 0;
        for e in crate::lexicon::entries(include_str!("../../data/abbreviations.txt")) {
            assert!(is_dotted_abbreviation(e), "{e}");
            n += 1;
        }
        assert!(n > 30);
        for w in ["năm.", "Hà.", "nhà.", "", ".", "TPHCMX.", "a."] {
            assert!(!is_dotted_abbreviation(w), "{w}");
        }
    }

    #[test]
    fn dotted_abbreviations_fit_the_length_bound() {
        for e in crate::lexicon::entries(include_str!("../../data/abbreviations.txt")) {
            assert!(e.len() <= MAX_DOTTED_LEN, "{e}");
            assert!(e.ends_with('.'), "{e}");
        }
    }

    /// The word-start shortcut of `Tokens::next` answers only where `scan`
    /// gives the same token, and answers for every ASCII letter.
    /// The token loops' short ASCII tokens (one punctuation or symbol byte,
    /// digits that end at once) against `scan`: every ASCII byte, and 1 to
    /// 4 digits, before every ASCII byte, some non-ASCII chars (marks,
    /// letters, punctuation) and the end, alone and after a space.
    #[test]
    fn short_tokens_agree_with_scan() {
        let mut followers: Vec<String> = (0u8..128).map(|b| char::from(b).to_string()).collect();
        followers.extend(
            [
                "", "\u{301}", "\u{300}a", "ề", "…", "“", "×", "..", ". ", "1", "1.5", "a@b.vn", "%",
            ]
            .map(String::from),
        );
        let firsts: Vec<String> = (0u8..128)
            .map(|b| char::from(b).to_string())
            .chain(["1", "12", "123", "2025", "0"].map(String::from))
            .collect();
        let mut answered = 0;
        for first in &firsts {
            for f in &followers {
                for lead in ["", " "] {
                    let text = format!("{lead}{first}{f}");
                    let pos = lead.len();
                    let bytes = text.as_bytes();
                    let Some(&b) = bytes.get(pos) else { continue };
                    if let Start::Short(end, kind, token) = short_token(&text, pos, b) {
                        assert_eq!((end, kind), scan(&text, pos, &mut Memo::default()), "{text:?}");
                        assert_eq!(text.get(pos..end), Some(token), "{text:?}");
                        answered += 1;
                    }
                    // And through the loop's entry: what it answers for a
                    // start where no word runs.
                    let mut memo = Memo::default();
                    let found = plain_word_with(&text, pos, &mut memo, |t, s, e, _| {
                        super::super::cache::word_kind(t, s, e)
                    });
                    if let Start::Short(end, kind, token) = found {
                        assert_eq!((end, kind), scan(&text, pos, &mut Memo::default()), "{text:?}");
                        assert_eq!(text.get(pos..end), Some(token), "{text:?}");
                    }
                }
            }
        }
        assert!(answered > 15_000, "{answered}");
        // White space, letters and the look-around bytes never answer.
        for b in [
            b' ', b'\t', b'\n', b'\r', 0x0B, 0x0C, b'a', b'Z', b'#', b'@', b'"', b'\'',
        ] {
            let text = String::from_utf8(vec![b, b' ']).unwrap();
            assert!(matches!(short_token(&text, 0, b), Start::Other), "{b}");
        }
    }

    #[test]
    fn word_start_shortcut_agrees_with_scan() {
        let followers = [
            "",
            " ",
            "a",
            "T",
            "t",
            "w",
            "W",
            "1",
            ".",
            "-",
            "@",
            "\u{301}",
            "ề",
            "×",
            "’",
            "ttp://a.vn",
            "ww.a.vn",
        ];
        let firsts = (0u32..0x3000)
            .chain(0x1_F300..0x1_F320)
            .filter_map(char::from_u32)
            .chain(['h', 'H', 'w', 'W']);
        let mut answered = 0;
        for c in firsts {
            for f in followers {
                for text in [format!("{c}{f}"), format!("{c}{f} {c}{f}")] {
                    let mut a = Memo::default();
                    let mut b = Memo::default();
                    // The token loops' shortcut answers exactly as this one,
                    // handing the plain word's kind to the memo look-up.
                    let (mut c1, mut c2) = (Memo::default(), Memo::default());
                    let plain = plain_word_with(&text, 0, &mut c1, |t, s, e, w| {
                        assert_eq!(t.get(s..e), Some(w), "{text:?}");
                        super::super::cache::word_kind(t, s, e)
                    });
                    let expected = scan_if_word(&text, 0, &mut c2);
                    match plain {
                        // (A word a joiner follows but does not join is
                        // a plain word to the loops, a scanned one here.)
                        Start::Word(end, kind, w) => {
                            assert_eq!(expected.map(|(e, k, _)| (e, k)), Some((end, kind)), "{text:?}");
                            assert_eq!(text.get(..end), Some(w), "{text:?}");
                        }
                        Start::Found(end, kind) => assert_eq!(expected, Some((end, kind, None)), "{text:?}"),
                        Start::Short(end, kind, _) => {
                            assert_eq!(expected, None, "{text:?}");
                            assert_eq!((end, kind), scan(&text, 0, &mut Memo::default()), "{text:?}");
                        }
                        Start::Other => assert_eq!(expected, None, "{text:?}"),
                    }
                    if let Some((end, kind, word)) = scan_if_word(&text, 0, &mut a) {
                        assert_eq!((end, kind), scan(&text, 0, &mut b), "{text:?}");
                        if let Some(w) = word {
                            assert_eq!(Some(w), text.get(..end), "{text:?}");
                        }
                        answered += 1;
                    } else {
                        assert!(!c.is_ascii_alphabetic(), "{text:?}");
                    }
                }
            }
        }
        assert!(answered > 1000, "{answered}");
        assert_eq!(scan_if_word("", 0, &mut Memo::default()), None);
        assert!(matches!(
            plain_word_with("", 0, &mut Memo::default(), |_, _, _, _| TokenKind::Word),
            Start::Other
        ));
        assert_eq!(scan_if_word("a", 1, &mut Memo::default()), None);
    }

    /// The web-address check runs only for words of 3 to 5 letters
    /// followed by `:` or `.`; a token starting with a letter must still be
    /// a `Url` exactly when `scan_url` finds one there (the old rule tried
    /// it for every word starting with `h` or `w`).
    #[test]
    fn url_check_after_the_word_agrees_with_scan_url() {
        let prefixes = [
            "http://",
            "https://",
            "www.",
            "HTTP://",
            "Https://",
            "Www.",
            "WWW.",
            "http:/",
            "http:",
            "https:",
            "htt://",
            "httpss://",
            "ww.",
            "wwww.",
            "http//",
            "www",
            "h",
            "w",
            "hTtP://",
            "wWw.",
        ];
        let bodies = [
            "",
            "a",
            "a.vn",
            " x",
            "vnexpress.net/a-b",
            ")",
            "ạ",
            "1",
            ".",
            ":",
            "@a.vn",
        ];
        let mut urls = 0;
        for p in prefixes {
            for b in bodies {
                let text = format!("{p}{b}");
                // The old rule: `scan_url` first, else the word.
                let want = match scan_url(&text, 0) {
                    Some(e) => {
                        urls += 1;
                        (e, TokenKind::Url)
                    }
                    None => scan_word(&text, 0, &mut Memo::default()),
                };
                assert_eq!(scan(&text, 0, &mut Memo::default()), want, "{text:?}");
                if let Some((end, kind, _)) = scan_if_word(&text, 0, &mut Memo::default()) {
                    assert_eq!((end, kind), want, "{text:?}");
                }
            }
        }
        assert!(urls > 40, "{urls}");
    }

    #[test]
    fn word_run_windows_agree_with_char_classes_at_every_offset() {
        // The char at each of the 9 positions of a window, and in the tail.
        for cp in (0x80..0x800).chain(0x1D00..0x2100).chain(0x3000..0x3010) {
            let Some(c) = char::from_u32(cp) else { continue };
            for k in 0..12 {
                for tail in [0, 3, 12] {
                    let s = format!(
                        "{}{c}{}",
                        "ạ".repeat(k / 3) + &"a".repeat(k % 3),
                        "b".repeat(tail)
                    );
                    let expected = word_run_general(s.as_bytes(), 0);
                    let stop = s.len() - c.len_utf8() - tail;
                    assert_eq!(expected, if is_word_char(c) { s.len() } else { stop }, "{s:?}");
                    assert_eq!(word_run(s.as_bytes(), 0), expected, "U+{cp:04X} {s:?}");
                    let spaced = format!("{s} x");
                    assert_eq!(word_run(spaced.as_bytes(), 0), expected, "U+{cp:04X} {spaced:?}");
                }
            }
        }
    }

    #[test]
    fn word_run_lead_byte_shortcuts_agree_with_char_classes() {
        for cp in 0x80..0x3000 {
            let Some(c) = char::from_u32(cp) else { continue };
            let s = format!("a{c}b");
            let expected = if is_word_char(c) { s.len() } else { 1 };
            assert_eq!(word_run(s.as_bytes(), 0), expected, "U+{cp:04X}");
            assert_eq!(word_run_general(s.as_bytes(), 0), expected, "U+{cp:04X}");
            // The char last in the text (no byte after it), and first.
            let t = format!("a{c}");
            let expected = if is_word_char(c) { t.len() } else { 1 };
            assert_eq!(word_run(t.as_bytes(), 0), expected, "U+{cp:04X} last");
            let u = format!("{c}a");
            let expected = if is_word_char(c) { u.len() } else { 0 };
            assert_eq!(word_run(u.as_bytes(), 0), expected, "U+{cp:04X} first");
        }
    }
}
