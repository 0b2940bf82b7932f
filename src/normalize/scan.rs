//! The fast "is there anything to do?" scan, shared by the fast path of
//! [`normalize`](super::normalize) and by the tone stage, so that both take
//! exactly the same decisions.
//!
//! Clean NFC text is mostly ASCII bytes (skipped eight at a time) and
//! precomposed Vietnamese letters (one table look-up each). A word is parsed
//! as a syllable only when a tone mark sits next to another vowel letter —
//! the only words where a mark can be misplaced or differ between styles.

use super::{NormalizeOptions, ToneStyle};
use crate::syllable::{Syllable, Table, CODE_MASK, O, O_HORN, TABLE, TONED, TONED_PLAIN, U, U_HORN, VOWEL};
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
    // Combining Diacritical Marks: all combine, except U+034F (CGJ).
    if cp < 0x370 {
        return cp == 0x34F;
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

/// Whether two adjacent letters (table entries, 0 for other chars) put a
/// tone mark next to another vowel in a way that may need a rewrite: both
/// are vowels, and one is a plain vowel with a tone mark (the mark may
/// belong on its neighbour) or both carry a mark.
#[inline(always)]
fn suspicious_pair(x: u16, y: u16) -> bool {
    let both_vowels = x & y & VOWEL != 0;
    let toned_plain = (x | y) & TONED_PLAIN != 0;
    let both_toned = x & y & TONED != 0;
    // `uơ`/`ưo`: a horn may be missing (đuợc, đưọc → được).
    let (cx, cy) = (x & CODE_MASK, y & CODE_MASK);
    let half_horn =
        (cx == u16::from(U) && cy == u16::from(O_HORN)) | (cx == u16::from(U_HORN) && cy == u16::from(O));
    (both_vowels & (toned_plain | both_toned)) | half_horn
}

/// Bit 7 of byte `k` of the result is set when `b[at + k]` starts a
/// multi-byte char (the bytes past the end count as ASCII).
#[inline(always)]
fn lead_mask(b: &[u8], at: usize) -> u64 {
    let w = match b.get(at..at + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        Some(chunk) => u64::from_le_bytes(chunk),
        None => {
            let mut w = [0u8; 8];
            for (dst, src) in w.iter_mut().zip(b.get(at..).unwrap_or(&[])) {
                *dst = *src;
            }
            u64::from_le_bytes(w)
        }
    };
    w & (w << 1) & 0x8080_8080_8080_8080
}

/// The first ASCII white space at or after `from` that collapsing changes
/// (a tab, or a space followed by a space or tab).
fn ascii_collapse_hit(b: &[u8], from: usize) -> Option<usize> {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Bit 7 of each byte equal to `byte` (exact, no borrow between bytes).
    let eq = |w: u64, byte: u8| {
        let t = w ^ (u64::from(byte) * 0x0101_0101_0101_0101);
        !(((t & LOW7) + LOW7) | t) & HIGH
    };
    let slow = |at: usize, end: usize| {
        (at..end.min(b.len())).find(|&k| match b.get(k) {
            Some(b'\t') => true,
            Some(b' ') => matches!(b.get(k + 1), Some(b' ' | b'\t')),
            _ => false,
        })
    };
    let mut at = from;
    while let Some(chunk) = b.get(at..at + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let w = u64::from_le_bytes(chunk);
        let (sp, tab) = (eq(w, b' '), eq(w, b'\t'));
        // A tab, a space before a space or tab in the chunk, or a final
        // space before one at the start of the next chunk.
        let bad = tab | (sp & ((sp | tab) >> 8));
        let edge = sp >> 56 != 0 && matches!(b.get(at + 8), Some(b' ' | b'\t'));
        if bad != 0 || edge {
            if let Some(hit) = slow(at, at + 8) {
                return Some(hit);
            }
        }
        at += 8;
    }
    slow(at, b.len())
}

#[inline]
fn is_word_char(table: &Table, c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    table.info_char(c).is_letter() || c.is_alphabetic() || is_combining_mark(c)
}

/// Whether the char starting at byte `j` belongs to a word (letters and
/// combining marks), and its length.
#[inline]
fn word_char_at(text: &str, table: &Table, j: usize) -> Option<usize> {
    let b = text.as_bytes();
    let b0 = *b.get(j)?;
    if b0 < 0x80 {
        return b0.is_ascii_alphabetic().then_some(1);
    }
    let b1 = b.get(j + 1).copied().unwrap_or(0);
    let b2 = b.get(j + 2).copied().unwrap_or(0);
    if let Some((info, len)) = table.info_utf8(b0, b1, b2) {
        if info.is_letter() {
            return Some(len);
        }
    }
    let c = text.get(j..)?.chars().next()?;
    is_word_char(table, c).then_some(c.len_utf8())
}

/// The word (letters and marks) around byte `i`, if at most
/// [`MAX_WORD_BYTES`] long.
fn word_around(text: &str, table: &Table, i: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut start = i;
    while start > 0 {
        if i - start > MAX_WORD_BYTES {
            return None;
        }
        // Start of the char before `start`.
        let mut j = start - 1;
        while j > 0 && b.get(j).is_some_and(|&x| x & 0xC0 == 0x80) && start - j < 4 {
            j -= 1;
        }
        if word_char_at(text, table, j).is_none() {
            break;
        }
        start = j;
    }
    let mut end = i;
    while let Some(len) = word_char_at(text, table, end) {
        end += len;
        if end - start > MAX_WORD_BYTES {
            return None;
        }
    }
    Some((start, end))
}

/// The first thing, at or after byte `from`, that `checks` would change.
///
/// Walks the lead bytes of multi-byte chars found eight bytes at a time
/// (ASCII needs no look unless white space is collapsed); each Vietnamese
/// letter costs one table look-up and a test against its neighbours.
pub(crate) fn find(text: &str, from: usize, checks: &Checks) -> Option<Hit> {
    let b = text.as_bytes();
    let n = b.len();
    let table = &*TABLE;
    let cleanup = checks.cleanup;
    let any_cleanup = cleanup.any();
    if cleanup.collapse {
        if let Some(at) = ascii_collapse_hit(b, from) {
            return Some(Hit::Char(at));
        }
    }
    let tone = checks.tone;
    let mut checked_to = 0usize;
    let mut bufs: Option<(Vec<char>, String)> = None;
    // The entry of the last multi-byte letter and where it ended.
    let mut prev_end = usize::MAX;
    let mut prev_info: u16 = 0;
    let mut cache = CleanWords::default();
    // Bytes before `resume` were already looked at.
    let mut resume = from;
    let mut chunk = from;
    while chunk < n {
        let mut mask = lead_mask(b, chunk);
        while mask != 0 {
            let pos = chunk + (mask.trailing_zeros() / 8) as usize;
            mask &= mask - 1;
            if pos < resume {
                continue;
            }
            let b0 = b.get(pos).copied().unwrap_or(0);
            let b1 = b.get(pos + 1).copied().unwrap_or(0);
            let b2 = b.get(pos + 2).copied().unwrap_or(0);
            if let Some((info, len)) = table.info_utf8(b0, b1, b2) {
                // The blocks of the Vietnamese letters: all NFC-stable.
                if info.is_letter() || !any_cleanup {
                    if let Some(style) = tone {
                        let prev = if prev_end == pos {
                            prev_info
                        } else {
                            let before = pos.checked_sub(1).and_then(|j| b.get(j)).copied().unwrap_or(0);
                            table.info_ascii(before).0 & if before < 0x80 { u16::MAX } else { 0 }
                        };
                        let after = b.get(pos + len).copied().unwrap_or(0);
                        let next = table.info_ascii(after).0 & if after < 0x80 { u16::MAX } else { 0 };
                        if (suspicious_pair(prev, info.0) || suspicious_pair(info.0, next))
                            && pos >= checked_to
                        {
                            if let Some((s, e)) = word_around(text, table, pos) {
                                checked_to = e;
                                let word = text.get(s..e).unwrap_or("");
                                if !cache.knows_clean(word) {
                                    if word_needs_rewrite(word, style, table).is_some() {
                                        return Some(Hit::Word(s, e));
                                    }
                                    cache.remember_clean(word);
                                }
                            }
                        }
                        prev_end = pos + len;
                        prev_info = info.0;
                    }
                    continue;
                }
            }
            if !(checks.nfc || any_cleanup) {
                continue;
            }
            let Some(c) = text.get(pos..).and_then(|t| t.chars().next()) else {
                continue;
            };
            if checks.nfc && !is_nfc_stable(c) {
                // Unchanged by NFC (a mark in another script, already in
                // order)? Then go on after its segment.
                match segment_unchanged(text, pos, bufs.get_or_insert_with(Default::default)) {
                    Some(end) if !(any_cleanup && segment_needs_cleanup(text, pos, end, cleanup)) => {
                        resume = end;
                        continue;
                    }
                    _ => return Some(Hit::Char(pos)),
                }
            }
            if any_cleanup && (cleanup.replace(c).is_some() || (cleanup.collapse && is_other_space(c))) {
                return Some(Hit::Char(pos));
            }
        }
        chunk += 8;
    }
    None
}

/// Words already parsed and found clean, in a small direct-mapped table
/// (natural text repeats its words, so most checks become one compare).
/// Allocated only once a text has had a few checks.
#[derive(Default)]
struct CleanWords {
    checks: usize,
    slots: Option<Box<[CachedWord]>>,
}

const CACHED_WORD: usize = 24;
/// A word's length and bytes.
type CachedWord = (u8, [u8; CACHED_WORD]);
const CACHE_SLOTS: usize = 256;

impl CleanWords {
    #[inline]
    fn slot(word: &[u8]) -> usize {
        let mut h: u64 = word.len() as u64;
        for &x in word {
            h = (h ^ u64::from(x)).wrapping_mul(0x0100_0000_01B3);
        }
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize % CACHE_SLOTS
    }

    #[inline]
    fn knows_clean(&mut self, word: &str) -> bool {
        self.checks += 1;
        let w = word.as_bytes();
        let Some(slots) = &self.slots else {
            return false;
        };
        if w.len() > CACHED_WORD {
            return false;
        }
        slots
            .get(Self::slot(w))
            .is_some_and(|(len, bytes)| usize::from(*len) == w.len() && bytes.get(..w.len()) == Some(w))
    }

    #[inline]
    fn remember_clean(&mut self, word: &str) {
        let w = word.as_bytes();
        if w.len() > CACHED_WORD || w.is_empty() {
            return;
        }
        if self.slots.is_none() {
            if self.checks < 32 {
                return;
            }
            self.slots = Some(vec![(0u8, [0u8; CACHED_WORD]); CACHE_SLOTS].into_boxed_slice());
        }
        if let Some(slot) = self.slots.as_mut().and_then(|s| s.get_mut(Self::slot(w))) {
            slot.0 = w.len() as u8;
            if let Some(dst) = slot.1.get_mut(..w.len()) {
                dst.copy_from_slice(w);
            }
        }
    }
}

/// Longest run of characters NFC may combine that is checked in place.
const MAX_SEGMENT_CHARS: usize = 32;

/// When the NFC segment around the unstable character at `i` is already
/// normalized (with the same mark-order repair as the NFC stage), the end
/// of that segment.
fn segment_unchanged(text: &str, i: usize, bufs: &mut (Vec<char>, String)) -> Option<usize> {
    let mut start = i;
    for (n, (j, c)) in text.get(..i)?.char_indices().rev().enumerate() {
        start = j;
        if is_nfc_stable(c) {
            break;
        }
        if n >= MAX_SEGMENT_CHARS {
            return None;
        }
    }
    let mut end = i;
    for (n, c) in text.get(i..)?.chars().enumerate() {
        if n > 0 && is_nfc_stable(c) {
            break;
        }
        if n >= MAX_SEGMENT_CHARS {
            return None;
        }
        end += c.len_utf8();
    }
    let segment = text.get(start..end)?;
    super::stages::nfc_segment(segment, &mut bufs.0, &mut bufs.1);
    (bufs.1 == segment).then_some(end)
}

/// Whether a clean-up applies to a character in `start..end`.
fn segment_needs_cleanup(text: &str, start: usize, end: usize, cleanup: Cleanup) -> bool {
    text.get(start..end).is_some_and(|s| {
        s.chars()
            .any(|c| cleanup.replace(c).is_some() || (cleanup.collapse && is_other_space(c)))
    })
}

/// The syllable in `word` and where its tone must go, when its marks must
/// be rewritten for `style`.
#[inline]
pub(crate) fn word_needs_rewrite(
    word: &str,
    style: ToneStyle,
    table: &Table,
) -> Option<(Syllable, Option<usize>)> {
    let (s, repaired) = Syllable::parse_for_repair(word, table)?;
    let pos = match s.needs_rewrite(style) {
        Some(pos) => pos,
        None if repaired => s.tone_position(style),
        None => return None,
    };
    Some((s, pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_hits_found_at_every_offset() {
        for len in 0..20 {
            for k in 0..len {
                for pat in ["  ", " \t", "\t"] {
                    let mut s = "ab".repeat(len);
                    s.truncate(len);
                    s.insert_str(k, pat);
                    assert_eq!(ascii_collapse_hit(s.as_bytes(), 0), Some(k), "{s:?}");
                }
                let single = format!("{} {}", "x".repeat(k), "y".repeat(len));
                assert_eq!(ascii_collapse_hit(single.as_bytes(), 0), None, "{single:?}");
            }
        }
    }
}
