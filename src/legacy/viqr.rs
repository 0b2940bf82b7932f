//! VIQR (RFC 1456): Vietnamese letters written as an ASCII letter followed
//! by mark characters, with backslash escapes for literal marks.
//!
//! Reading rules (orthography.md §4.4): a shape mark (`(`, `^`, `+`, `*`)
//! right after a vowel it fits, then a tone mark (apostrophe, backtick, `?`,
//! `~`, `.`); a tone mark is read only while the current word has no tone
//! yet (Unikey's "smart" rule, so `No^.i.` is `Nội.`); `dd`/`DD`/`Dd` only
//! at the start of a word (so English `add` survives, and a đ inside a word
//! cannot be written); a backslash before a mark character, before a
//! backslash, or between the two letters of a literal `dd` keeps the next
//! character literal. The encoder writes exactly those escapes.

use super::letters::{self, Shape, Tone};
use super::tables::VIQR;

fn is_mark(c: char) -> bool {
    VIQR.shape_of(c).is_some() || VIQR.tone_of(c).is_some()
}

fn is_d(c: char) -> bool {
    c == 'd' || c == 'D'
}

/// Whether `dd` written as `first`,`second` stands for đ/Đ (`dD` does not).
fn is_dd(first: char, second: char) -> bool {
    is_d(first) && is_d(second) && !(first == 'd' && second == 'D')
}

/// Whether a backslash between `prev` and `next` is an escape.
fn is_escape(prev: Option<char>, next: char) -> bool {
    is_mark(next) || next == '\\' || (is_d(next) && prev.is_some_and(is_d))
}

/// Decodes VIQR text into `out` (precomposed letters, NFC).
pub(crate) fn decode(text: &str, out: &mut String) {
    out.reserve(text.len());
    let marks = &*VIQR;
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    let mut word_has_tone = false;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let emitted = if c == '\\' && next.is_some_and(|n| is_escape(prev, n)) {
            chars.next();
            next.unwrap_or(c)
        } else if is_d(c) && !prev.is_some_and(char::is_alphabetic) && next.is_some_and(|n| is_dd(c, n)) {
            chars.next();
            if c == 'D' {
                'Đ'
            } else {
                'đ'
            }
        } else if c.is_ascii() && letters::vowel(c).is_some() {
            let mut shape = Shape::None;
            if let Some(s) = chars.peek().and_then(|&n| marks.shape_of(n)) {
                if letters::compose(c, s, Tone::Level).is_some() {
                    shape = s;
                    chars.next();
                }
            }
            let mut tone = Tone::Level;
            if !word_has_tone {
                if let Some(t) = chars.peek().and_then(|&n| marks.tone_of(n)) {
                    tone = t;
                    word_has_tone = true;
                    chars.next();
                }
            }
            letters::compose(c, shape, tone).unwrap_or(c)
        } else {
            c
        };
        out.push(emitted);
        if !emitted.is_alphabetic() {
            word_has_tone = false;
        }
        prev = Some(emitted);
    }
}

/// Encodes `text` (NFC) as VIQR. Unmappable characters fail with their
/// offset, or with `substitute` become a (literal, escaped if needed) `?`.
pub(crate) fn encode(text: &str, substitute: bool, out: &mut String) -> Result<(), (char, usize)> {
    out.reserve(text.len() + text.len() / 3);
    let marks = &*VIQR;
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((offset, original)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let c = if original.is_ascii()
            || letters::vowel(original).is_some()
            || original == 'đ'
            || original == 'Đ'
        {
            original
        } else if substitute {
            '?'
        } else {
            return Err((original, offset));
        };
        if let Some(v) = letters::vowel(c).filter(|_| !c.is_ascii()) {
            out.push(v.ascii);
            if let Some(&m) = marks.write_shape.get(&v.shape) {
                out.push(m);
            }
            if let Some(&m) = marks.write_tone.get(&v.tone) {
                out.push(m);
            }
        } else if c == 'đ' {
            out.push_str("dd");
        } else if c == 'Đ' {
            out.push_str("DD");
        } else if c == '\\' {
            out.push('\\');
            if next.is_some_and(|n| is_escape(prev, n)) {
                out.push('\\');
            }
        } else if is_mark(c) && prev.is_some_and(char::is_alphabetic) {
            out.push('\\');
            out.push(c);
        } else if is_d(c) && !prev.is_some_and(char::is_alphabetic) && next.is_some_and(|n| is_dd(c, n)) {
            out.push(c);
            out.push('\\');
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    Ok(())
}
