//! Character classes and UTF-8 decoding used by the tokenizer.
//!
//! Everything here works on the bytes of a `&str` at a char boundary, so a
//! decoded scalar value is always the one `str::chars` would give. The
//! common cases (ASCII, the Latin blocks that hold every Vietnamese letter,
//! the combining diacritics) are answered by range checks before falling back
//! to the general Unicode tables.

use unicode_normalization::char::is_combining_mark;

/// Decodes the char starting at byte `pos` of valid UTF-8 `bytes` (`pos` on a
/// char boundary and in bounds). Returns the char and its length in bytes.
///
/// Never panics: a position that is out of bounds or not on a boundary yields
/// U+FFFD with length 1, which callers never ask for.
#[inline]
pub(crate) fn decode(bytes: &[u8], pos: usize) -> (char, usize) {
    let at = |i: usize| u32::from(bytes.get(pos + i).copied().unwrap_or(0x80) & 0x3F);
    let Some(&b0) = bytes.get(pos) else {
        return ('\u{FFFD}', 1);
    };
    let (cp, len) = match b0 {
        0x00..=0x7F => return (char::from(b0), 1),
        0xC0..=0xDF => ((u32::from(b0 & 0x1F) << 6) | at(1), 2),
        0xE0..=0xEF => ((u32::from(b0 & 0x0F) << 12) | (at(1) << 6) | at(2), 3),
        0xF0..=0xF7 => (
            (u32::from(b0 & 0x07) << 18) | (at(1) << 12) | (at(2) << 6) | at(3),
            4,
        ),
        _ => return ('\u{FFFD}', 1),
    };
    (char::from_u32(cp).unwrap_or('\u{FFFD}'), len)
}

/// The char that ends just before byte `pos` of `text`, if any.
#[inline]
pub(crate) fn prev_char(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

/// The char that starts at byte `pos` of `text`, if any.
#[inline]
pub(crate) fn next_char(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

/// ASCII white space as `char::is_whitespace` sees it (space, `\t`, `\n`,
/// vertical tab, form feed, `\r`).
#[inline]
pub(crate) fn is_ascii_space(b: u8) -> bool {
    const MASK: u64 = (1 << b' ') | (1 << b'\t') | (1 << b'\n') | (1 << 0x0B) | (1 << 0x0C) | (1 << b'\r');
    b <= b' ' && MASK & (1 << b) != 0
}

/// A letter, digit or combining mark: the characters that make up words.
///
/// Combining marks count as word characters so that decomposed letters
/// (`e` + U+0323 + U+0302) stay inside their word.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_word_char_non_ascii(c)
    }
}

/// [`is_word_char`] for a char known not to be ASCII.
#[inline]
pub(crate) fn is_word_char_non_ascii(c: char) -> bool {
    match u32::from(c) {
        // Latin-1 letters, Latin Extended-A and -B (ă â đ ơ ư …), except × and ÷.
        0xC0..=0x24F => !matches!(c, '×' | '÷'),
        // Combining diacritical marks (the five tones, breve, circumflex, horn).
        0x300..=0x36F => true,
        // Latin Extended Additional (ạ ả ấ … ỹ).
        0x1E00..=0x1EFF => true,
        // General Punctuation (dashes, curly quotes, …, zero-width and
        // direction marks): no letters, digits or marks.
        0x2000..=0x206F => false,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// A letter or combining mark (a word character that is not a digit).
#[inline]
pub(crate) fn is_letter_or_mark(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        match u32::from(c) {
            0xC0..=0x24F => !matches!(c, '×' | '÷'),
            0x300..=0x36F | 0x1E00..=0x1EFF => true,
            _ => c.is_alphabetic() || is_combining_mark(c),
        }
    }
}

/// A combining mark (General Category M).
#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    matches!(u32::from(c), 0x300..=0x36F) || (!c.is_ascii() && is_combining_mark(c))
}

/// ASCII characters that are symbols rather than punctuation.
#[inline]
pub(crate) const fn is_ascii_symbol(b: u8) -> bool {
    matches!(b, b'$' | b'+' | b'<' | b'=' | b'>' | b'^' | b'`' | b'|' | b'~')
}

/// Non-ASCII punctuation: dashes, ellipsis, bullets, section signs and the
/// full-width and CJK punctuation that turns up in copied text. Everything
/// else that is neither a word character, white space, nor a quote is a
/// symbol.
pub(crate) fn is_non_ascii_punct(c: char) -> bool {
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
            | '‹'
            | '›'
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_matches_std_on_every_width() {
        let s = "aĐệ𝄞\u{0323}×";
        let bytes = s.as_bytes();
        let mut pos = 0;
        for c in s.chars() {
            assert_eq!(decode(bytes, pos), (c, c.len_utf8()));
            pos += c.len_utf8();
        }
        assert_eq!(decode(bytes, bytes.len()), ('\u{FFFD}', 1));
    }

    #[test]
    fn word_chars_fast_ranges_agree_with_unicode() {
        for cp in (0x80..0x2100).chain(0x1E00..0x1F00) {
            let Some(c) = char::from_u32(cp) else { continue };
            let general = c.is_alphanumeric() || is_combining_mark(c);
            assert_eq!(is_word_char(c), general, "U+{cp:04X}");
            let letter = c.is_alphabetic() || is_combining_mark(c);
            assert_eq!(is_letter_or_mark(c), letter, "U+{cp:04X}");
        }
        for c in ' '..='~' {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn ascii_space_agrees_with_std() {
        for b in 0..0x80u8 {
            assert_eq!(is_ascii_space(b), char::from(b).is_whitespace(), "{b:#x}");
        }
    }
}
