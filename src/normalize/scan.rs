//! The fast "is there anything to do?" scan, shared by the fast path of
//! [`normalize`](super::normalize) and by the tone stage, so that both take
//! exactly the same decisions.
//!
//! Clean NFC text is mostly ASCII bytes (skipped eight at a time) and
//! precomposed Vietnamese letters (one table look-up each). A word is parsed
//! as a syllable only when a tone mark sits next to another vowel letter —
//! the only words where a mark can be misplaced or differ between styles.

use super::{NormalizeOptions, ToneStyle};
use crate::syllable::{Info, Syllable, Table, TABLE};
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::{is_nfc_quick, IsNormalized};

/// Longest word, in bytes, that is parsed as a syllable.
pub(crate) const MAX_WORD_BYTES: usize = 40;

/// What to look for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Checks {
    /// Characters that NFC (or the mark-order repair) might change.
    pub(crate) nfc: bool,
    /// The opt-in character clean-ups.
    pub(crate) cleanup: Cleanup,
    /// Tone-mark placement, in this style.
    pub(crate) tone: Option<ToneStyle>,
}

/// The opt-in character clean-ups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cleanup {
    pub(crate) zero_width: bool,
    pub(crate) spaces: bool,
    pub(crate) collapse: bool,
    pub(crate) quotes: bool,
    pub(crate) eth: bool,
}

impl Cleanup {
    pub(crate) fn from_options(o: &NormalizeOptions) -> Self {
        Cleanup {
            zero_width: o.remove_zero_width,
            spaces: o.unify_spaces,
            collapse: o.collapse_whitespace,
            quotes: o.straighten_quotes,
            eth: o.fix_eth,
        }
    }

    /// Whether one of the per-character clean-ups is on.
    pub(crate) fn any_char(self) -> bool {
        self.zero_width || self.spaces || self.quotes || self.eth
    }

    pub(crate) fn any(self) -> bool {
        self.any_char() || self.collapse
    }

    /// What the per-character clean-ups do to `c`: `Some(None)` deletes it,
    /// `Some(Some(r))` replaces it.
    #[inline]
    pub(crate) fn replace(self, c: char) -> Option<Option<char>> {
        match c {
            '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' if self.zero_width => Some(None),
            'ð' if self.eth => Some(Some('đ')),
            'Ð' | 'Ɖ' if self.eth => Some(Some('Đ')),
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' if self.quotes => Some(Some('\'')),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' if self.quotes => Some(Some('"')),
            c if self.spaces && is_other_space(c) => Some(Some(' ')),
            _ => None,
        }
    }
}

/// White space within a line: what collapsing merges.
#[inline]
pub(crate) fn is_inline_space(c: char) -> bool {
    c == ' ' || c == '\t' || is_other_space(c)
}

/// Non-ASCII white space that is not a line break (NBSP, thin space …).
#[inline]
pub(crate) fn is_other_space(c: char) -> bool {
    !c.is_ascii() && c.is_whitespace() && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Whether NFC can neither change `c` nor combine it with what precedes.
#[inline]
pub(crate) fn is_nfc_stable(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x300 || (0x1E00..=0x1EFF).contains(&cp) || (0x2002..=0x203F).contains(&cp) {
        return true;
    }
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// What the scan found first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hit {
    /// A character that a character-level stage changes (or may change).
    Char(usize),
    /// A word (byte range) whose tone marks must be rewritten.
    Word(usize, usize),
}

/// Decodes the char starting at byte `i` (a char boundary of valid UTF-8).
#[inline(always)]
fn decode(b: &[u8], i: usize) -> (u32, usize) {
    let b0 = b.get(i).copied().unwrap_or(0);
    let cont = |k: usize| u32::from(b.get(i + k).copied().unwrap_or(0x80) & 0x3F);
    if b0 < 0x80 {
        (u32::from(b0), 1)
    } else if b0 < 0xE0 {
        ((u32::from(b0 & 0x1F) << 6) | cont(1), 2)
    } else if b0 < 0xF0 {
        ((u32::from(b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            (u32::from(b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    }
}

/// Start of the char that ends at byte `i`.
#[inline(always)]
fn prev_start(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i.checked_sub(1)?;
    let stop = i.saturating_sub(4);
    while j > stop && b.get(j).is_some_and(|&x| x & 0xC0 == 0x80) {
        j -= 1;
    }
    Some(j)
}

#[inline(always)]
fn info_at(table: &Table, b: &[u8], i: usize) -> Info {
    if i >= b.len() {
        return Info(0);
    }
    table.info(decode(b, i).0)
}

/// Whether the word around the toned letter at `i` (of `len` bytes) may need
/// its marks rewritten: the mark is next to another vowel letter.
#[inline(always)]
fn suspicious(table: &Table, b: &[u8], i: usize, len: usize, info: Info) -> bool {
    let next = info_at(table, b, i + len);
    if next.is_vowel() && (info.is_plain_vowel() || next.is_toned()) {
        return true;
    }
    if info.is_plain_vowel() {
        if let Some(p) = prev_start(b, i) {
            return info_at(table, b, p).is_vowel();
        }
    }
    false
}

#[inline]
fn is_word_char(table: &Table, c: char) -> bool {
    table.info_char(c).is_letter() || c.is_alphabetic() || is_combining_mark(c)
}

/// The word (letters and marks) around byte `i`, if at most
/// [`MAX_WORD_BYTES`] long.
fn word_around(text: &str, table: &Table, i: usize) -> Option<(usize, usize)> {
    let before = text.get(..i)?;
    let mut start = i;
    for (j, c) in before.char_indices().rev() {
        if !is_word_char(table, c) {
            break;
        }
        start = j;
        if i - start > MAX_WORD_BYTES {
            return None;
        }
    }
    let mut end = i;
    for c in text.get(i..)?.chars() {
        if !is_word_char(table, c) {
            break;
        }
        end += c.len_utf8();
        if end - start > MAX_WORD_BYTES {
            return None;
        }
    }
    Some((start, end))
}

/// The first thing, at or after byte `from`, that `checks` would change.
pub(crate) fn find(text: &str, from: usize, checks: &Checks) -> Option<Hit> {
    let b = text.as_bytes();
    let n = b.len();
    let table = &*TABLE;
    let cleanup = checks.cleanup;
    let collapse = cleanup.collapse;
    let any_cleanup = cleanup.any();
    let mut checked_to = 0usize;
    let mut i = from;
    while i < n {
        let b0 = b.get(i).copied().unwrap_or(0);
        if b0 < 0x80 {
            if collapse && (b0 == b' ' || b0 == b'\t') {
                if b0 == b'\t' || matches!(b.get(i + 1), Some(b' ' | b'\t')) {
                    return Some(Hit::Char(i));
                }
                i += 1;
                continue;
            }
            i += 1;
            if !collapse {
                // Skip ASCII eight bytes at a time.
                while let Some(chunk) = b.get(i..i + 8) {
                    let mut w = [0u8; 8];
                    w.copy_from_slice(chunk);
                    let high = u64::from_le_bytes(w) & 0x8080_8080_8080_8080;
                    if high != 0 {
                        i += (high.trailing_zeros() / 8) as usize;
                        break;
                    }
                    i += 8;
                }
            }
            continue;
        }
        let (cp, len) = decode(b, i);
        let info = table.info(cp);
        if info.is_letter() {
            if let Some(style) = checks.tone {
                if info.is_toned() && i >= checked_to && suspicious(table, b, i, len, info) {
                    if let Some((s, e)) = word_around(text, table, i) {
                        checked_to = e;
                        if let Some(word) = text.get(s..e) {
                            if word_needs_rewrite(word, style, table).is_some() {
                                return Some(Hit::Word(s, e));
                            }
                        }
                    }
                }
            }
            i += len;
            continue;
        }
        if checks.nfc && (0x300..0x370).contains(&cp) {
            return Some(Hit::Char(i));
        }
        if checks.nfc || any_cleanup {
            let c = char::from_u32(cp).unwrap_or('\u{FFFD}');
            if checks.nfc && !is_nfc_stable(c) {
                return Some(Hit::Char(i));
            }
            if any_cleanup && (cleanup.replace(c).is_some() || (collapse && is_other_space(c))) {
                return Some(Hit::Char(i));
            }
        }
        i += len;
    }
    None
}

/// The syllable in `word` and where its tone must go, when its marks must
/// be rewritten for `style`.
#[inline]
pub(crate) fn word_needs_rewrite(
    word: &str,
    style: ToneStyle,
    table: &Table,
) -> Option<(Syllable, Option<usize>)> {
    let s = Syllable::parse_for_repair(word, table)?;
    let pos = s.needs_rewrite(style)?;
    Some((s, pos))
}
