//! The fast "is there anything to do?" scan, shared by the fast path of
//! [`normalize`](super::normalize) and by the tone stage, so that both take
//! exactly the same decisions.
//!
//! Clean NFC text is mostly ASCII bytes (skipped eight at a time) and
//! precomposed Vietnamese letters (one table look-up each). A word is parsed
//! as a syllable only when a tone mark sits next to another vowel letter —
//! the only words where a mark can be misplaced or differ between styles.

use super::{NormalizeOptions, ToneStyle};
use crate::syllable::{
    Syllable, Table, CODE_MASK, HORNED, O, O_HORN, TABLE, TONED, TONED_PLAIN, U, U_HORN, VOWEL,
};
use std::sync::LazyLock;
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
///
/// The scan uses the same rule as a table over [`pair_class`]es
/// ([`SUSPICIOUS`]); this form is the reference the tests check it against.
#[cfg(test)]
fn suspicious_pair(x: u16, y: u16) -> bool {
    let both_vowels = x & y & VOWEL != 0;
    let toned_plain = (x | y) & TONED_PLAIN != 0;
    let both_toned = x & y & TONED != 0;
    // `uơ`/`ưo`: a horn may be missing (đuợc, đưọc → được).
    let (cx, cy) = (x & CODE_MASK, y & CODE_MASK);
    let half_horn = ((cx == u16::from(U)) & (cy == u16::from(O_HORN)))
        | ((cx == u16::from(U_HORN)) & (cy == u16::from(O)));
    (both_vowels & (toned_plain | both_toned)) | half_horn
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
pub(crate) fn is_word_char(table: &Table, c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    // General Punctuation (dashes, quotes, `…`, `′`) holds no letter and
    // no mark (the test `no_word_char_in_general_punctuation` checks every
    // char): answered without the Unicode tables' search (an en dash
    // between clauses is common in news and encyclopedia text).
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return false;
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
        // Fast steps over ASCII and the letter blocks (the same answers as
        // the general step below).
        let p1 = b.get(start - 1).copied().unwrap_or(0);
        if p1 < 0x80 {
            if !p1.is_ascii_alphabetic() {
                break;
            }
            start -= 1;
            continue;
        }
        let p2 = if start >= 2 {
            b.get(start - 2).copied().unwrap_or(0)
        } else {
            0
        };
        if p2.wrapping_sub(0xC3) < 4 && table.info2(p2, p1) != 0 {
            start -= 2;
            continue;
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

/// The [`FACTS`] index of the char that ends just before `w[i]`: an ASCII
/// char, a 2-byte char or a 3-byte letter (`E1 BA/BB`) starting at most
/// `since` bytes before `w[i]` (`since`: bytes from the start of the scan,
/// before which no char is a neighbour), or else NUL (a non-letter): the
/// left neighbour of the letter at `w[i]`. (A 2-byte char outside the
/// letter blocks has an entry without a letter, as NUL's.) Both multi-byte
/// forms index by their last two bytes, so one index is computed; the
/// choice is made without a branch (ASCII, 2- and 3-byte letters alternate
/// unpredictably).
#[inline(always)]
fn index_before_in(w: &[u8], i: usize, since: usize) -> usize {
    let p1 = w.get(i.wrapping_sub(1)).copied().unwrap_or(0);
    let p2 = w.get(i.wrapping_sub(2)).copied().unwrap_or(0);
    let p3 = w.get(i.wrapping_sub(3)).copied().unwrap_or(0);
    // (`p1` ends a char: ASCII, or a continuation byte whose char starts
    // at `p2` when that is a lead, else, for a letter, at `p3`.)
    let two = (p2 >= 0xC0) & (since >= 2);
    let three = (p3 == 0xE1) & (p2 & 0xFE == 0xBA) & (since >= 3);
    let multi = (usize::from(p2 & 0x3F) << 6) | usize::from(p1 & 0x3F);
    let ascii = ASCII_ROW | usize::from(p1 & 0x7F);
    select(p1 < 0x80, ascii, select(two | three, multi, ASCII_ROW))
}

/// The [`FACTS`] index of the char starting at `w[j]` (as
/// [`index_before_in`]; `w[j]` starts a char): the right neighbour of a
/// letter. The index of a multi-byte char is [`facts_at`]'s.
#[inline(always)]
fn index_at(w: &[u8], j: usize) -> usize {
    let b0 = w.get(j).copied().unwrap_or(0);
    let b1 = w.get(j + 1).copied().unwrap_or(0);
    let b2 = w.get(j + 2).copied().unwrap_or(0);
    let three = (b0 == 0xE1) & (b1 & 0xFE == 0xBA);
    let (hi, lo) = if three { (b1, b2) } else { (b0, b1) };
    let multi = (usize::from(hi & 0x3F) << 6) | usize::from(lo & 0x3F);
    select(b0 < 0x80, ASCII_ROW | usize::from(b0), multi)
}

/// `x` when `c`, else `y`, by masks (no branch).
#[inline(always)]
fn select(c: bool, x: usize, y: usize) -> usize {
    let m = 0usize.wrapping_sub(usize::from(c));
    (x & m) | (y & !m)
}

/// Bytes scanned per block.
const BLOCK: usize = 64;
/// Bytes before a block in its window: the left neighbour of its first
/// char, and (chunk scan) the 16 bytes before a suspicious letter that the
/// clean-word cache's key is read from ([`run_key_in`]).
const BEFORE: usize = 16;
/// Bytes after a chunk in its window (cleared past the text): the right
/// neighbour of its last char, and the 16 bytes from a suspicious letter
/// ([`run_key_in`]).
const AFTER: usize = 16;
/// A block's window: [`BEFORE`] bytes, the block, and enough bytes after it
/// for a char that starts in it, its right neighbour and that one's bytes.
const WIN: usize = BEFORE + BLOCK + 8;

/// Bytes scanned per chunk by the tone scan ([`find_chunks`]).
const CHUNK: usize = 2048;
/// A chunk's window: [`BEFORE`] bytes, the chunk, and [`AFTER`] bytes after it.
const CWIN: usize = BEFORE + CHUNK + AFTER;
/// Room for the leads of a chunk (at most one per two bytes) and the eight
/// slots written past the last one; a power of two, so that indices are
/// masked instead of checked.
const LEADS_CAP: usize = 2048;
const _: () = assert!(CHUNK / 2 + 8 <= LEADS_CAP && CHUNK <= u16::MAX as usize);

/// The window of the block (or chunk) at `at`: `b[at - BEFORE..at - BEFORE + N]`,
/// with zeros for bytes outside the text (borrowed when all are inside).
#[inline(always)]
fn window<'a, const N: usize>(b: &'a [u8], at: usize, pad: &'a mut [u8; N]) -> &'a [u8; N] {
    let inside = at
        .checked_sub(BEFORE)
        .and_then(|s| b.get(s..s + N))
        .and_then(|s| <&[u8; N]>::try_from(s).ok());
    if let Some(w) = inside {
        return w;
    }
    // The text bytes that fall inside the window, copied at once (a line
    // or paragraph at a time pads two windows per call: the first and the
    // last block), and zeros around them: before, and after the text up
    // to [`AFTER`] bytes past the last 64-byte block with text (all that is
    // read; the pad may hold an earlier window).
    let lo = at.saturating_sub(BEFORE).min(b.len());
    let hi = (at + N - BEFORE).min(b.len()).max(lo);
    let dst = (lo + BEFORE).saturating_sub(at).min(N);
    let end = (dst + (hi - lo)).min(N);
    let clear_to = (BEFORE + b.len().saturating_sub(at).div_ceil(64) * 64 + AFTER).clamp(end, N);
    // (Fixed lengths where they suffice: stores instead of `memset` calls.)
    match pad.get_mut(..BEFORE) {
        Some(d) if dst <= BEFORE => d.fill(0),
        _ => pad.get_mut(..dst).unwrap_or_default().fill(0),
    }
    if let (Some(d), Some(src)) = (pad.get_mut(dst..end), b.get(lo..hi)) {
        d.copy_from_slice(src);
    }
    const CLEAR: usize = 64 + AFTER;
    match pad.get_mut(end..end + CLEAR) {
        Some(d) if clear_to - end <= CLEAR => d.fill(0),
        _ => pad.get_mut(end..clear_to).unwrap_or_default().fill(0),
    }
    pad
}

/// Bit `k` set when the block byte `w[BEFORE + k]` starts a multi-byte char
/// (is 0xC0 or above), eight bytes at a time: the lead bits of word `j`
/// become bit `j` of each byte of one word (an 8×8 bit matrix), which is
/// then transposed.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline(always)]
fn lead_bits(w: &[u8; WIN]) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut m = 0u64;
    for j in 0..BLOCK / 8 {
        let at = BEFORE + 8 * j;
        let mut chunk = [0u8; 8];
        if let Some(src) = w.get(at..at + 8) {
            chunk.copy_from_slice(src);
        }
        let x = u64::from_le_bytes(chunk);
        m |= (x & (x << 1) & HIGH) >> (7 - j);
    }
    transpose8(m)
}

/// Which leads of a block the per-lead look-up must see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    /// Every lead (a clean-up is on: the general checks see every
    /// non-letter, and the letter blocks hold non-letters).
    All,
    /// Leads that are not quiet (see [`candidate_leads_ref`]).
    Nfc,
}

/// The leads of the block in `w` that the per-lead look-up must see under
/// `filter`, as a bit mask (bit `k`: `w[BEFORE + k]`); a superset of the
/// leads it visits. The reference form, byte by byte, of what
/// [`candidate_leads`] computes with SSE2:
///
/// - a lead is a byte ≥ 0xC0;
/// - a lead is *quiet* when it starts an NFC-stable char that the general
///   checks never see without clean-ups: C2–CB (U+0080–U+02FF), or E1
///   followed by B8–BB (U+1E00–U+1EFF).
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn candidate_leads_ref(w: &[u8; WIN], filter: Filter) -> u64 {
    let at = |j: usize| w.get(j).copied().unwrap_or(0);
    let mut m = 0u64;
    for k in 0..BLOCK {
        let i = BEFORE + k;
        let x = at(i);
        if x < 0xC0 {
            continue;
        }
        let quiet = (0xC2..=0xCB).contains(&x) || (x == 0xE1 && at(i + 1) & 0xFC == 0xB8);
        let want = match filter {
            Filter::All => true,
            Filter::Nfc => !quiet,
        };
        m |= u64::from(want) << k;
    }
    m
}

/// [`candidate_leads_ref`] (every lead for [`Filter::All`]), on targets
/// without SSE2.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
fn candidate_leads(w: &[u8; WIN], filter: Filter) -> u64 {
    match filter {
        Filter::All => lead_bits(w),
        Filter::Nfc => candidate_leads_ref(w, filter),
    }
}

/// [`candidate_leads_ref`] with SSE2: byte classes of the block (and of
/// the bytes one on, for E1's second byte) as `pmovmskb` masks.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn candidate_leads(w: &[u8; WIN], filter: Filter) -> u64 {
    use safe_arch::{
        bitand_m128i, bitor_m128i, cmp_eq_mask_i8_m128i, cmp_gt_mask_i8_m128i, cmp_lt_mask_i8_m128i, m128i,
        move_mask_i8_m128i, set_splat_i8_m128i,
    };
    let leads = lead_mask64(w, BEFORE);
    if filter == Filter::All {
        return leads;
    }
    let splat = |b: u8| set_splat_i8_m128i(b as i8);
    let load = |at: usize| {
        let mut chunk = [0u8; 16];
        if let Some(src) = w.get(at..at + 16) {
            chunk.copy_from_slice(src);
        }
        m128i::from(chunk)
    };
    let mut quiet = 0u64;
    for v in 0..BLOCK / 16 {
        let at = BEFORE + 16 * v;
        let (x, next) = (load(at), load(at + 1));
        // C2..=CB as signed bytes: greater than C1, less than CC.
        let c2_cb = bitand_m128i(
            cmp_gt_mask_i8_m128i(x, splat(0xC1)),
            cmp_lt_mask_i8_m128i(x, splat(0xCC)),
        );
        let e1_b8 = bitand_m128i(
            cmp_eq_mask_i8_m128i(x, splat(0xE1)),
            cmp_eq_mask_i8_m128i(bitand_m128i(next, splat(0xFC)), splat(0xB8)),
        );
        quiet |= u64::from(move_mask_i8_m128i(bitor_m128i(c2_cb, e1_b8)) as u16) << (16 * v);
    }
    leads & !quiet
}

/// Bit `k` set when `w[at + k]` starts a multi-byte char (is 0xC0 or
/// above), for the 64 bytes from `at`: with SSE2, four `pmovmskb` of the
/// bytes and of the bytes shifted left by one bit (bits 7 and 6 both set).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn lead_mask64<const N: usize>(w: &[u8; N], at: usize) -> u64 {
    use safe_arch::{m128i, move_mask_i8_m128i, shl_imm_u16_m128i};
    let mut m = 0u64;
    for v in 0..4 {
        let mut chunk = [0u8; 16];
        if let Some(src) = w.get(at + 16 * v..at + 16 * v + 16) {
            chunk.copy_from_slice(src);
        }
        let x = m128i::from(chunk);
        let high = move_mask_i8_m128i(x) & move_mask_i8_m128i(shl_imm_u16_m128i::<1>(x));
        m |= u64::from(high as u16) << (16 * v);
    }
    m
}

/// [`lead_mask64`] without SSE2: eight bytes at a time (see [`lead_bits`]).
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline(always)]
fn lead_mask64_portable<const N: usize>(w: &[u8; N], at: usize) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut m = 0u64;
    for j in 0..8 {
        let mut chunk = [0u8; 8];
        if let Some(src) = w.get(at + 8 * j..at + 8 * j + 8) {
            chunk.copy_from_slice(src);
        }
        let x = u64::from_le_bytes(chunk);
        m |= (x & (x << 1) & HIGH) >> (7 - j);
    }
    transpose8(m)
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
fn lead_mask64<const N: usize>(w: &[u8; N], at: usize) -> u64 {
    lead_mask64_portable(w, at)
}

/// Transposes the 8×8 bit matrix whose row `r` is byte `r` (bit `c` of it
/// column `c`): bit `8r + c` goes to bit `8c + r`, by three swaps of
/// off-diagonal blocks (2×2, 4×4, 8×8).
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline(always)]
fn transpose8(mut x: u64) -> u64 {
    let t = (x ^ (x >> 7)) & 0x00AA_00AA_00AA_00AA;
    x ^= t ^ (t << 7);
    let t = (x ^ (x >> 14)) & 0x0000_CCCC_0000_CCCC;
    x ^= t ^ (t << 14);
    let t = (x ^ (x >> 28)) & 0x0000_0000_F0F0_F0F0;
    x ^ t ^ (t << 28)
}

/// Bit `k` of the result is bit 7 of byte `k` of `m`, whose other bits are 0.
#[cfg(test)]
fn gather_high_bits(m: u64) -> u64 {
    // Each 0/1 byte moves to its own bit of the top byte; no two partial
    // products meet there, so nothing carries into it.
    (m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The last bytes of the non-ASCII vowels without a tone mark or a horn:
/// `Â â Ê ê Ô ô` (`C3 82/A2/8A/AA/94/B4`) and `Ă ă` (`C4 82/83`).
const PLAIN_VOWEL_ENDS: [u8; 7] = [0x82, 0x83, 0x8A, 0x94, 0xA2, 0xAA, 0xB4];

/// A table of the bytes `x` must be next to for one of its pairs to need a
/// rewrite: the lead bytes (0xC0 and above), the continuation bytes that
/// end a vowel without a tone mark or a horn ([`PLAIN_VOWEL_ENDS`]), and
/// the ASCII bytes in `ascii`.
///
/// A continuation byte is only ever seen as the last byte of the left
/// neighbour (the byte after a char starts one). Every pair that may need
/// a rewrite holds a toned or horned letter; when such a letter is the
/// left one and not ASCII, the pair is seen from its own side (the right
/// one's first byte is in its row), so only the plain non-ASCII vowels
/// must be seen from the right. This drops, above all, the letters after
/// `đ`, `ư`, `ơ` and toned letters (`được`, `đã`, `người`): exhaustive
/// test over every pair of letters, `every_suspicious_pair_passes_the_byte_filter`.
const fn near_table(ascii: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0xC0;
    while i < 256 {
        t[i] = true;
        i += 1;
    }
    let mut k = 0;
    while k < PLAIN_VOWEL_ENDS.len() {
        t[PLAIN_VOWEL_ENDS[k] as usize] = true;
        k += 1;
    }
    let mut k = 0;
    while k < ascii.len() {
        t[ascii[k] as usize] = true;
        k += 1;
    }
    t
}

/// For each kind of letter (see [`near_kind`]), the bytes it must be next
/// to for one of its pairs to need a rewrite (see [`suspicious_pair`]): a
/// letter with neither neighbour byte in its table is fine. Untoned,
/// unhorned letters: nothing; a plain vowel with a tone mark (à, ú, ỳ, ứ):
/// a vowel; `ơ`/`ư` (any tone): `u`/`o` (a missing horn) or a non-ASCII
/// letter; a shaped vowel with a tone mark (ấ, ề, ở): another toned letter,
/// never ASCII.
const NEAR: [[bool; 256]; 4] = [
    [false; 256],
    near_table(b"aeiouyAEIOUY"),
    near_table(b"uoUO"),
    near_table(b""),
];

/// [`NEAR`] as bits of a [`FACTS`] entry: bit `F_NEAR_SHIFT + r` of
/// `NEAR_BITS[byte]` is `NEAR[r][byte]`; a letter's entry has the bit of
/// its row, so that one AND tells whether a neighbour is in its row. Every
/// entry also has both general bits, so that the same AND tells whether
/// the general checks must see the char.
static NEAR_BITS: [u32; 256] = {
    let mut t = [F_GENERAL | F_GENERAL_CLEAN; 256];
    let mut i = 0;
    while i < 256 {
        let mut r = 0;
        while r < 4 {
            if NEAR[r][i] {
                t[i] |= 1 << (F_NEAR_SHIFT + r as u32);
            }
            r += 1;
        }
        i += 1;
    }
    t
};

/// The row of [`NEAR`] for the letter with entry `x`: by its bits TONED
/// (1), TONED_PLAIN (2), HORNED (4): a plain toned vowel first, then a
/// horned letter, then a toned one (no branch).
#[inline(always)]
fn near_kind(x: u16) -> usize {
    const KIND: [u8; 8] = [0, 3, 1, 1, 2, 2, 1, 1];
    const _: () = assert!(TONED == 1 << 12 && TONED_PLAIN == 1 << 13 && HORNED == 1 << 14);
    usize::from(KIND[usize::from((x >> 12) & 7)])
}

/// What the lead byte of a multi-byte char says about it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// U+00C0–U+01BF: every precomposed Vietnamese letter with a 2-byte form.
    Letters2,
    /// E1: U+1E00–U+1FFF, the Vietnamese letters in U+1E80–U+1EFF.
    E1,
    /// U+0080–U+00BF, U+01C0–U+02FF: NFC-stable, never a letter.
    Stable2,
    /// Anything else: the general path decides.
    Other,
}

const fn lead_class(b0: u8) -> Lead {
    match b0 {
        0xC3..=0xC6 => Lead::Letters2,
        0xC2 | 0xC7..=0xCB => Lead::Stable2,
        0xE1 => Lead::E1,
        _ => Lead::Other,
    }
}

/// Number of entries of [`FACTS`].
const FACTS_LEN: usize = 1 << 12;
/// In a [`FACTS`] entry: the [`Table`] entry of the char (0 unless a letter).
#[cfg(test)]
const F_ENTRY: u32 = 0xFFFF;
/// The general per-char checks must see the char (no clean-up on).
const F_GENERAL: u32 = 1 << 16;
/// The general per-char checks must see the char (clean-ups on): any char
/// but a letter (ð, NBSP …).
const F_GENERAL_CLEAN: u32 = 1 << 17;
/// A 3-byte char of the letter blocks (its right neighbour is 3 bytes on).
const F_LEN3: u32 = 1 << 20;
/// The char's [`pair_class`], four bits.
const F_CLASS_SHIFT: u32 = 21;
/// Bit `F_NEAR_SHIFT + r` is set when the char's row of [`NEAR`] is `r`
/// (none for row 0, whose letters need no look).
const F_NEAR_SHIFT: u32 = 25;
/// All the row bits.
const F_NEAR_ROWS: u32 = 0b1110 << F_NEAR_SHIFT;
/// Row of [`FACTS`] holding the ASCII chars (`ASCII_ROW | b`): the rows of
/// the lead bytes F8 and F9, which UTF-8 never uses.
const ASCII_ROW: usize = 0x38 << 6;

/// What [`suspicious_pair`] needs to know of a char, in 4 bits: not a
/// vowel; an untoned vowel (u, o, ơ, ư apart, for the missing horn of
/// `uơ`/`ưo`); a toned shaped vowel (ơ apart); a toned plain vowel.
mod class {
    pub(super) const NONE: u8 = 0;
    pub(super) const VOWEL: u8 = 1;
    pub(super) const U: u8 = 2;
    pub(super) const O: u8 = 3;
    pub(super) const O_HORN: u8 = 4;
    pub(super) const U_HORN: u8 = 5;
    pub(super) const TONED: u8 = 6;
    pub(super) const TONED_O_HORN: u8 = 7;
    pub(super) const TONED_PLAIN: u8 = 8;
}

/// The [`class`] of the char with table entry `x`.
fn pair_class(x: u16) -> u8 {
    let code = x & CODE_MASK;
    if x & VOWEL == 0 {
        class::NONE
    } else if x & TONED_PLAIN != 0 {
        class::TONED_PLAIN
    } else if x & TONED != 0 {
        if code == u16::from(O_HORN) {
            class::TONED_O_HORN
        } else {
            class::TONED
        }
    } else if code == u16::from(U) {
        class::U
    } else if code == u16::from(O) {
        class::O
    } else if code == u16::from(O_HORN) {
        class::O_HORN
    } else if code == u16::from(U_HORN) {
        class::U_HORN
    } else {
        class::VOWEL
    }
}

/// Bit `b` of `SUSPICIOUS[a]`: a char of class `a` followed by one of
/// class `b` is a [`suspicious_pair`] (two vowels, one toned and plain or
/// both toned; or `u` + `ơ`, `ư` + `o`, whatever their tones, a toned `u`,
/// `o` or `ư` being a toned plain vowel already).
static SUSPICIOUS: [u16; 16] = {
    let mut t = [0u16; 16];
    let mut a = 1;
    while a <= 8 {
        let mut b = 1;
        while b <= 8 {
            let (a8, b8) = (a as u8, b as u8);
            let a_toned = a8 == class::TONED || a8 == class::TONED_O_HORN;
            let b_toned = b8 == class::TONED || b8 == class::TONED_O_HORN;
            let s = a8 == class::TONED_PLAIN
                || b8 == class::TONED_PLAIN
                || (a_toned && b_toned)
                || (a8 == class::U && (b8 == class::O_HORN || b8 == class::TONED_O_HORN))
                || (a8 == class::U_HORN && b8 == class::O);
            if s {
                t[a] |= 1 << b;
            }
            b += 1;
        }
        a += 1;
    }
    t
};

/// Whether the chars with [`FACTS`] entries `fa` then `fb` make a
/// [`suspicious_pair`]: two look-ups, no branch.
#[inline(always)]
fn suspicious_facts(fa: u32, fb: u32) -> bool {
    let (ca, cb) = ((fa >> F_CLASS_SHIFT) & 15, (fb >> F_CLASS_SHIFT) & 15);
    (SUSPICIOUS.get(ca as usize).copied().unwrap_or(0) >> cb) & 1 != 0
}

/// Whether the char at `i` of `w` (a lead byte, with [`FACTS`] entry `f`)
/// makes a [`suspicious_facts`] pair with the char before it (looked for
/// no further back than `since` bytes) or with the char after it.
#[inline(always)]
fn suspicious_around(w: &[u8], i: usize, since: usize, f: u32, facts: &[u32]) -> bool {
    let prev = facts.get(index_before_in(w, i, since)).copied().unwrap_or(0);
    let next = facts
        .get(index_at(w, i + 2 + ((f & F_LEN3) >> 20) as usize))
        .copied()
        .unwrap_or(0);
    suspicious_facts(prev, f) | suspicious_facts(f, next)
}

/// What the block scan needs to know of a multi-byte char, found by one
/// look-up (see [`facts_at`]): entry `(b0 & 0x3F) << 6 | b1 & 0x3F` for a
/// char `b0 b1 …`, except U+1E80–U+1EFF (`E1 BA/BB b2`, the Vietnamese
/// letters with 3 bytes), whose entries are `(b1 & 0x3F) << 6 | b2 & 0x3F`
/// (the same formula on the bytes one on): rows 3A and 3B, which no UTF-8
/// lead byte (FA, FB) uses.
static FACTS: LazyLock<[u32; FACTS_LEN]> = LazyLock::new(|| {
    let table = &*TABLE;
    let mut t = [0u32; FACTS_LEN];
    for (idx, slot) in t.iter_mut().enumerate() {
        let (row, col) = ((idx >> 6) as u8, (idx & 0x3F) as u8);
        let (b0, b1) = (0xC0 | row, 0x80 | col);
        let (x, general, three) = if (ASCII_ROW..ASCII_ROW + 0x80).contains(&idx) {
            (table.info_ascii((idx - ASCII_ROW) as u8).0, false, false)
        } else if row == 0x3A || row == 0x3B {
            (table.info3(0x80 | row, b1), false, true)
        } else {
            match lead_class(b0) {
                Lead::Letters2 => (table.info2(b0, b1), false, false),
                Lead::Stable2 => (0, false, false),
                // U+1E00–U+1EFF are NFC-stable (E1 B8–BB).
                Lead::E1 => (0, b1 & 0xFC != 0xB8, false),
                Lead::Other => (0, true, false),
            }
        };
        *slot = u32::from(x)
            | if general { F_GENERAL } else { 0 }
            | if x == 0 { F_GENERAL_CLEAN } else { 0 }
            | ((1u32 << (F_NEAR_SHIFT + near_kind(x) as u32)) & F_NEAR_ROWS)
            | if three { F_LEN3 } else { 0 }
            | (u32::from(pair_class(x)) << F_CLASS_SHIFT);
    }
    t
});

/// The [`NEAR_BITS`] of the bytes around the char whose lead is `w[i]`:
/// the byte before it and the byte after the char (`w[i + 2]`, or
/// `w[i + 3]` when that one continues the char: a 3-byte letter; any
/// other 3-byte char is seen by the general checks). Bytes outside `w`
/// count as 0.
#[inline(always)]
fn near_bits(w: &[u8], i: usize) -> u32 {
    let b2 = w.get(i + 2).copied().unwrap_or(0);
    let b3 = w.get(i + 3).copied().unwrap_or(0);
    let after = if b2 & 0xC0 == 0x80 { b3 } else { b2 };
    let before = w.get(i.wrapping_sub(1)).copied().unwrap_or(0);
    NEAR_BITS.get(usize::from(before)).copied().unwrap_or(0)
        | NEAR_BITS.get(usize::from(after)).copied().unwrap_or(0)
}

/// The [`FACTS`] entry of the char whose lead byte is `w[i]`: one load,
/// whatever the char (the index is chosen without a branch).
#[inline(always)]
fn facts_at(w: &[u8], i: usize, facts: &[u32; FACTS_LEN]) -> u32 {
    let b0 = w.get(i).copied().unwrap_or(0);
    let b1 = w.get(i + 1).copied().unwrap_or(0);
    let b2 = w.get(i + 2).copied().unwrap_or(0);
    let three = (b0 == 0xE1) & (b1 & 0xFE == 0xBA);
    // The two bytes that index the char: (b0, b1), or (b1, b2) for a
    // 3-byte letter; chosen first, so that one index computation follows.
    let (hi, lo) = if three { (b1, b2) } else { (b0, b1) };
    facts
        .get((usize::from(hi & 0x3F) << 6) | usize::from(lo & 0x3F))
        .copied()
        .unwrap_or(0)
}

/// Scan state carried across blocks.
struct Scan {
    /// Words before this byte were already checked.
    checked_to: usize,
    /// Bytes before this one were already looked at by the general checks.
    resume: usize,
    bufs: Option<(Vec<char>, String)>,
}

impl Scan {
    /// The general check ([`other_char`]) of the character at `pos`, unless
    /// it lies in a stretch already found clean; moves that stretch on.
    #[inline]
    fn general(&mut self, text: &str, pos: usize, checks: &Checks) -> Option<Hit> {
        if pos >= self.resume {
            match other_char(text, pos, checks, &mut self.bufs) {
                CharCheck::Clean => {}
                CharCheck::CleanUntil(end) => self.resume = end,
                CharCheck::Hit => return Some(Hit::Char(pos)),
            }
        }
        None
    }
}

/// The first thing, at or after byte `from`, that `checks` would change.
///
/// Works on blocks of 64 bytes. First every lead byte of a multi-byte char
/// in the block is found (eight bytes at a time; ASCII needs no look unless
/// white space is collapsed) and classified without a branch into two bit
/// masks: chars the general per-char checks must see (outside the letter
/// and NFC-stable blocks, or anything but a letter when clean-ups are on),
/// and letters with a tone mark or a horn next to a byte their [`NEAR`] row
/// holds (every pair that may need a rewrite passes from one side, see
/// [`suspicious_pair`]). Then only the positions in these masks are
/// visited, in order: the general checks, or both neighbours decoded and
/// the word checked when a pair is suspicious.
///
/// With tone marks, texts (from `from` on) of at most [`SHORT`] bytes take
/// the short path ([`first_visit`], [`find_short_from`]: the same decisions
/// per lead, in one pass, without the chunk scan's fixed cost), longer
/// ones the chunk scan ([`find_chunks`]).
#[inline(always)]
pub(crate) fn find(text: &str, from: usize, checks: &Checks) -> Option<Hit> {
    if checks.cleanup.collapse {
        return find_collapsing(text, from, checks);
    }
    find_after_collapse(text, from, checks)
}

/// [`find`] when white space is collapsed: the ASCII white-space pre-pass
/// first.
#[inline(never)]
fn find_collapsing(text: &str, from: usize, checks: &Checks) -> Option<Hit> {
    if let Some(at) = ascii_collapse_hit(text.as_bytes(), from) {
        return Some(Hit::Char(at));
    }
    find_after_collapse(text, from, checks)
}

/// [`find`] after the white-space pre-pass: short texts, long ones, or
/// without tone marks.
#[inline(always)]
fn find_after_collapse(text: &str, from: usize, checks: &Checks) -> Option<Hit> {
    match checks.tone {
        Some(style) if text.len().saturating_sub(from) <= SHORT => {
            let first = first_visit(text.as_bytes(), from)?;
            find_short_from(text, from, first, checks, style)
        }
        Some(style) => find_long(text, from, checks, style),
        None => find_blocks(text, from, checks),
    }
}

/// [`find`] with tone marks on a text longer than [`SHORT`]: by chunks,
/// with this thread's clean-word cache and buffers.
#[inline(never)]
fn find_long(text: &str, from: usize, checks: &Checks, style: ToneStyle) -> Option<Hit> {
    with_clean_words(style, |cache| find_chunks(text, from, checks, style, cache))
}

/// Texts (from `from` on) up to this many bytes are scanned by the short
/// path ([`first_visit`], then [`find_short_from`]): no window to pad, no
/// buffers, and the thread's cache is looked up only for a word that must
/// be checked. (Longer, the chunk scan is faster by CPU time, though not by
/// instructions: its passes have no data-dependent branch per lead.)
pub(crate) const SHORT: usize = 64;

/// The bit of a [`FACTS`] entry that says the general checks must see the
/// char (0 when there are no general checks).
#[inline(always)]
fn general_bit(checks: &Checks) -> u32 {
    let any_cleanup = checks.cleanup.any();
    match (checks.nfc || any_cleanup, any_cleanup) {
        (false, _) => 0,
        (true, false) => F_GENERAL,
        (true, true) => F_GENERAL_CLEAN,
    }
}

/// The [`FACTS`] entry of a lead when it needs a visit (the general
/// checks, or a toned or horned letter next to a byte of its [`NEAR`]
/// row), else 0: pass 2 of [`find_chunks`]. `z`: the byte before the
/// lead, the lead and the bytes after it, little-endian (bytes 5–7 are
/// not read; zeros outside the text, as in a padded window).
///
/// The two bytes that index the char are those from byte 1 or (a 3-byte
/// letter, `E1 BA/BB`) from byte 2, and the byte after the char is byte 3
/// or (when byte 3 continues the char) byte 4: each is one shift by a
/// selected amount, without a branch.
#[inline(always)]
fn visit_word(z: u64, facts: &[u32; FACTS_LEN], wanted: u32) -> u32 {
    let three = (z >> 8) as u16 & 0xFEFF == 0xBAE1;
    let u = z >> (8 + 8 * u32::from(three));
    let f = facts
        .get(((u as usize & 0x3F) << 6) | ((u >> 8) as usize & 0x3F))
        .copied()
        .unwrap_or(0);
    // (Any other 3-byte char is seen by the general checks.)
    let continues = (z >> 24) as u8 & 0xC0 == 0x80;
    let after = (z >> (24 + 8 * u32::from(continues))) as u8;
    let bits = NEAR_BITS.get(usize::from(z as u8)).copied().unwrap_or(0)
        | NEAR_BITS.get(usize::from(after)).copied().unwrap_or(0);
    if bits & f & wanted != 0 {
        f
    } else {
        0
    }
}

/// [`visit_word`] of the lead at `b[pos]`: one read of eight bytes from
/// `pos - 1` when they are all there.
#[inline(always)]
fn visit_at(b: &[u8], pos: usize, facts: &[u32; FACTS_LEN], wanted: u32) -> u32 {
    let z = match pos.checked_sub(1).and_then(|s| b.get(s..s + 8)) {
        Some(w) => u64::from_le_bytes(<[u8; 8]>::try_from(w).unwrap_or_default()),
        None => (0..5).fold(0u64, |z, k| {
            let byte = (pos + k)
                .checked_sub(1)
                .and_then(|j| b.get(j))
                .copied()
                .unwrap_or(0);
            z | (u64::from(byte) << (8 * k))
        }),
    };
    visit_word(z, facts, wanted)
}

/// Bit 7 of each byte of `x` set when the byte is 0xC0 or above (leads).
#[inline(always)]
fn leads_of(x: u64) -> u64 {
    x & (x << 1) & 0x8080_8080_8080_8080
}

/// [`find`] with tone marks on a short text, first part: the first lead at
/// or after `from` that may need a visit under some option set (any
/// general bit counts: a superset of the visits of every option set, so
/// that this loop needs no set-up), eight bytes at a time,
/// then the last 1–7 bytes as one word with zeros after them. Most short
/// clean texts have none; [`find_short_from`] decides from there. (The
/// chunk scan pays a fixed cost per call — a padded window, four passes,
/// the thread's buffers — that a one-line document would pay in full.)
#[inline(always)]
pub(crate) fn first_visit(b: &[u8], from: usize) -> Option<usize> {
    const WANTED: u32 = F_GENERAL | F_GENERAL_CLEAN | F_NEAR_ROWS;
    let facts = &*FACTS;
    let mut words = b.get(from..).unwrap_or_default().chunks_exact(8);
    let mut at = from;
    for w in &mut words {
        let mut leads = leads_of(u64::from_le_bytes(<[u8; 8]>::try_from(w).unwrap_or_default()));
        while leads != 0 {
            let pos = at + (leads.trailing_zeros() / 8) as usize;
            leads &= leads - 1;
            if visit_at(b, pos, facts, WANTED) != 0 {
                return Some(pos);
            }
        }
        at += 8;
    }
    let rest = words.remainder().len();
    if rest == 0 {
        return None;
    }
    let x = tail_word(b, at, rest);
    // The byte before the tail, then the tail: byte `k` of the tail is
    // byte `k + 1` here, with zeros after it (at most eight bytes).
    let before = at.checked_sub(1).and_then(|j| b.get(j)).copied().unwrap_or(0);
    let wide = (x << 8) | u64::from(before);
    let mut leads = leads_of(x);
    while leads != 0 {
        let k = leads.trailing_zeros() / 8;
        leads &= leads - 1;
        if visit_word(wide >> (8 * k), facts, WANTED) != 0 {
            return Some(at + k as usize);
        }
    }
    None
}

/// The last `rest` (1–7) bytes of `b`, from `at`, as a little-endian word
/// with zeros after them: the last eight bytes of the text shifted, or
/// (a text under eight bytes) two overlapping reads, which agree where
/// they overlap.
#[inline(always)]
fn tail_word(b: &[u8], at: usize, rest: usize) -> u64 {
    let n = b.len();
    let u32_at = |s: usize| {
        b.get(s..s + 4)
            .and_then(|c| <[u8; 4]>::try_from(c).ok())
            .map_or(0, |w| u64::from(u32::from_le_bytes(w)))
    };
    let u16_at = |s: usize| {
        b.get(s..s + 2)
            .and_then(|c| <[u8; 2]>::try_from(c).ok())
            .map_or(0, |w| u64::from(u16::from_le_bytes(w)))
    };
    if let Some(&w) = n
        .checked_sub(8)
        .and_then(|s| b.get(s..n))
        .and_then(|c| <&[u8; 8]>::try_from(c).ok())
    {
        u64::from_le_bytes(w) >> (8 * (8 - rest))
    } else if rest >= 4 {
        u32_at(at) | (u32_at(n - 4) << (8 * (rest - 4)))
    } else if rest >= 2 {
        u16_at(at) | (u16_at(n - 2) << (8 * (rest - 2)))
    } else {
        b.get(at).map_or(0, |&v| u64::from(v))
    }
}

/// A short text's window: [`BEFORE`] bytes, the at most [`SHORT`] bytes
/// scanned, and [`AFTER`] bytes (zeros outside the text).
const SWIN: usize = BEFORE + SHORT + AFTER;
// (One lead mask covers a short window.)
const _: () = assert!(SHORT == 64);

/// The short path of [`find`] from the first lead that needs a visit (at
/// `first`, found by [`first_visit`]): per lead the same look-ups and
/// decisions as [`find_chunks`] (a visit, kept when general or suspicious,
/// then the general checks or the word check, the thread's clean-word
/// cache first), in text order, in one pass. The text is copied into a
/// padded window on the stack first, so that no read needs care for the
/// ends of the text (a short document puts most of its chars near one).
/// (Meant for texts of at most [`SHORT`] bytes from `from`, one window;
/// longer ones are scanned by windows of [`SHORT`] bytes.)
#[inline(never)]
pub(crate) fn find_short_from(
    text: &str,
    from: usize,
    first: usize,
    checks: &Checks,
    style: ToneStyle,
) -> Option<Hit> {
    let b = text.as_bytes();
    let general_bit = general_bit(checks);
    let wanted = general_bit | F_NEAR_ROWS;
    let facts = &*FACTS;
    let mut st = Scan {
        checked_to: 0,
        resume: from,
        bufs: None,
    };
    // By segments of `SHORT` bytes from `from` (one for the texts this
    // path is for; the tests run it on any length), from the segment of
    // `first` on, each in a window: the text from up to `BEFORE` bytes
    // before the segment to up to `AFTER` bytes after it, zeros around it.
    let n = b.len();
    let mut seg = from + first.saturating_sub(from) / SHORT * SHORT;
    let mut skip = first.saturating_sub(from) % SHORT;
    while seg < n {
        let mut pad = [0u8; SWIN];
        let lo = seg.saturating_sub(BEFORE);
        let src = b.get(lo..n.min(seg + SHORT + AFTER)).unwrap_or_default();
        let at = BEFORE - (seg - lo);
        if let Some(d) = pad.get_mut(at..at + src.len()) {
            d.copy_from_slice(src);
        }
        let w = &pad;
        let mut m = lead_mask64(w, BEFORE) & (!0u64 << skip);
        while m != 0 {
            let k = m.trailing_zeros() as usize & 63;
            m &= m - 1;
            let (i, pos) = (BEFORE + k, seg + k);
            let f = facts_at(w, i, facts);
            let bits = near_bits(w, i);
            if bits & f & wanted == 0 {
                continue;
            }
            if f & general_bit != 0 {
                if let Some(hit) = st.general(text, pos, checks) {
                    return Some(hit);
                }
                continue;
            }
            if !suspicious_around(w, i, pos - from, f, facts) || pos < st.checked_to {
                continue;
            }
            let (hit, checked_to) = with_clean_words(style, |cache| {
                if let Some((ahead, key)) = run_key_in(w, i) {
                    if cache.knows_clean(key) {
                        return (None, pos + ahead);
                    }
                }
                let mut checked_to = st.checked_to;
                (check_word(text, pos, style, &mut checked_to, cache), checked_to)
            });
            st.checked_to = checked_to;
            if hit.is_some() {
                return hit;
            }
        }
        seg += SHORT;
        skip = 0;
    }
    None
}

thread_local! {
    /// The clean-word caches of this thread, one per tone style, kept
    /// between calls: whether a word needs a rewrite depends only on its
    /// bytes and the style, and callers that normalize one line or one
    /// paragraph at a time (the extractor, `--lines`) would otherwise
    /// start every call with an empty cache.
    static CLEAN_WORDS: std::cell::RefCell<[CleanWords; 3]> = std::cell::RefCell::default();
}

/// Runs `f` with this thread's clean-word cache for `style` (a fresh one
/// when it is in use further up the stack or the thread is shutting down).
#[inline(always)]
fn with_clean_words<R>(style: ToneStyle, f: impl Fn(&mut CleanWords) -> R) -> R {
    let i = match style {
        ToneStyle::Old => 0,
        ToneStyle::New => 1,
        ToneStyle::Keep => 2,
    };
    CLEAN_WORDS
        .try_with(|caches| match caches.try_borrow_mut() {
            Ok(mut caches) => caches.get_mut(i).map(&f),
            Err(_) => None,
        })
        .ok()
        .flatten()
        .unwrap_or_else(|| f(&mut CleanWords::default()))
}

/// [`find`] without tone marks, after the white-space pre-pass: only the
/// general per-char checks (NFC, clean-ups), in blocks of 64 bytes. Leads
/// the general checks never see (no clean-up on: the quiet ones, see
/// [`candidate_leads_ref`]) are dropped by the byte-class mask before any
/// look-up.
#[inline(never)]
fn find_blocks(text: &str, from: usize, checks: &Checks) -> Option<Hit> {
    let b = text.as_bytes();
    let n = b.len();
    let any_cleanup = checks.cleanup.any();
    if !checks.nfc && !any_cleanup {
        return None;
    }
    let facts = &*FACTS;
    // The bit of a FACTS entry that says the general checks must see the
    // char, and which leads may have it.
    let (general_bit, filter) = if any_cleanup {
        (F_GENERAL_CLEAN, Filter::All)
    } else {
        (F_GENERAL, Filter::Nfc)
    };
    let mut st = Scan {
        checked_to: 0,
        resume: from,
        bufs: None,
    };
    let mut pad = [0u8; WIN];
    let mut at = from;
    while at < n {
        let w = window(b, at, &mut pad);
        let mut leads = candidate_leads(w, filter);
        while leads != 0 {
            let k = leads.trailing_zeros() as usize;
            leads &= leads - 1;
            let i = BEFORE + k;
            // The general bit needs only the first two bytes (the rows of
            // E1 say which second bytes are NFC-stable).
            let b0 = w.get(i).copied().unwrap_or(0);
            let b1 = w.get(i + 1).copied().unwrap_or(0);
            let f = facts
                .get((usize::from(b0 & 0x3F) << 6) | usize::from(b1 & 0x3F))
                .copied()
                .unwrap_or(0);
            let pos = at + k;
            if f & general_bit == 0 {
                continue;
            }
            if let Some(hit) = st.general(text, pos, checks) {
                return Some(hit);
            }
        }
        at += BLOCK;
    }
    None
}

/// [`find`] with tone marks checked (in `style`), after the white-space
/// pre-pass. Works on chunks of [`CHUNK`] bytes in three branch-free
/// passes and one that decides, so that the loops end once per chunk
/// instead of once per 64-byte block (each such end is a mispredicted
/// branch):
///
/// 1. the positions of the chunk's lead bytes are written out, eight per
///    64-byte block whatever their number (a second round only when a
///    block holds more);
/// 2. each lead's [`FACTS`] entry and neighbour bytes say whether it needs
///    a visit (the general checks, or a toned/horned letter next to a byte
///    in its [`NEAR`] row); the visits are kept in order;
/// 3. each visit is classified: general, or a suspicious pair with a
///    neighbour; the others are dropped;
/// 4. the rest are checked in text order (general checks, or the word,
///    the clean-word cache first).
fn find_chunks(
    text: &str,
    from: usize,
    checks: &Checks,
    style: ToneStyle,
    cache: &mut CleanWords,
) -> Option<Hit> {
    // The buffers live with the cache, so that a call per line or
    // paragraph does not clear 3.5 KB of them each time.
    let mut bufs = cache.chunk_bufs.take().unwrap_or_default();
    let hit = find_chunks_with(text, from, checks, style, cache, &mut bufs);
    cache.chunk_bufs = Some(bufs);
    hit
}

/// Buffers of [`find_chunks`]: a padded window, and the chunk offsets of
/// the leads (then of the visits) with their [`FACTS`] entries.
struct ChunkBufs {
    pad: [u8; CWIN],
    pos: [u16; LEADS_CAP + 8],
    seen: [u32; LEADS_CAP],
}

impl Default for ChunkBufs {
    fn default() -> Self {
        ChunkBufs {
            pad: [0; CWIN],
            pos: [0; LEADS_CAP + 8],
            seen: [0; LEADS_CAP],
        }
    }
}

/// [`find_chunks`] with its buffers.
#[inline(always)]
fn find_chunks_with(
    text: &str,
    from: usize,
    checks: &Checks,
    style: ToneStyle,
    cache: &mut CleanWords,
    bufs: &mut ChunkBufs,
) -> Option<Hit> {
    let b = text.as_bytes();
    let n = b.len();
    let any_cleanup = checks.cleanup.any();
    let general = checks.nfc || any_cleanup;
    let facts = &*FACTS;
    let general_bit = match (general, any_cleanup) {
        (false, _) => 0,
        (true, false) => F_GENERAL,
        (true, true) => F_GENERAL_CLEAN,
    };
    let wanted = general_bit | F_NEAR_ROWS;
    let mut st = Scan {
        checked_to: 0,
        resume: from,
        bufs: None,
    };
    let ChunkBufs { pad, pos, seen } = bufs;
    let mut at = from;
    while at < n {
        let w = window(b, at, pad);
        // 1–2. Per 64-byte block, its lead mask; per lead (lowest bit
        // first) whether it needs a visit, the visits compacted in order.
        let mut visits = 0usize;
        // (Only the blocks with text: a short line or paragraph is one
        // partial chunk.)
        for blk in 0..(n - at).div_ceil(64).min(CHUNK / 64) {
            let mut m = lead_mask64(w, BEFORE + 64 * blk);
            while m != 0 {
                // (Masked so that the window reads need no checks.)
                let k = (64 * blk + m.trailing_zeros() as usize) & (CHUNK - 1);
                m &= m - 1;
                let i = BEFORE + k;
                let f = facts_at(w, i, facts);
                let bits = near_bits(w, i);
                let slot = visits & (LEADS_CAP - 1);
                if let Some(p) = pos.get_mut(slot) {
                    *p = k as u16;
                }
                if let Some(s) = seen.get_mut(slot) {
                    *s = f;
                }
                visits += usize::from(bits & f & wanted != 0);
            }
        }
        // 3. Keep the visits that are general or suspicious.
        let mut kept = 0usize;
        for r in 0..visits.min(LEADS_CAP) {
            let k = usize::from(pos.get(r).copied().unwrap_or(0)) & (CHUNK - 1);
            let f = seen.get(r).copied().unwrap_or(0);
            let i = BEFORE + k;
            let keep = (f & general_bit != 0) | suspicious_around(w, i, at + k - from, f, facts);
            let slot = kept & (LEADS_CAP - 1);
            if let Some(p) = pos.get_mut(slot) {
                *p = k as u16;
            }
            if let Some(s) = seen.get_mut(slot) {
                *s = f;
            }
            kept += usize::from(keep);
        }
        // 4. In text order.
        for r in 0..kept.min(LEADS_CAP) {
            let k = usize::from(pos.get(r).copied().unwrap_or(0)) & (CHUNK - 1);
            let pos = at + k;
            let f = seen.get(r).copied().unwrap_or(0);
            if f & general_bit != 0 {
                if let Some(hit) = st.general(text, pos, checks) {
                    return Some(hit);
                }
                continue;
            }
            if pos < st.checked_to {
                continue;
            }
            // (The cache key from the window: no ends of the text to mind.)
            if let Some((ahead, key)) = run_key_in(w, BEFORE + k) {
                if cache.knows_clean(key) {
                    st.checked_to = pos + ahead;
                    continue;
                }
            }
            if let Some(hit) = check_word(text, pos, style, &mut st.checked_to, cache) {
                return Some(hit);
            }
        }
        at += CHUNK;
    }
    None
}

/// What the general per-char checks say of a char that is no Vietnamese
/// letter.
enum CharCheck {
    /// Nothing to change.
    Clean,
    /// Nothing to change up to this byte (a mark segment NFC keeps as is).
    CleanUntil(usize),
    /// NFC or a clean-up changes this char.
    Hit,
}

/// The general per-char checks (NFC stability, clean-ups) at `pos`, shared
/// by [`find`] and the reference scan so that they cannot disagree there.
#[inline]
fn other_char(text: &str, pos: usize, checks: &Checks, bufs: &mut Option<(Vec<char>, String)>) -> CharCheck {
    let cleanup = checks.cleanup;
    let any_cleanup = cleanup.any();
    let Some(c) = text.get(pos..).and_then(|t| t.chars().next()) else {
        return CharCheck::Clean;
    };
    if checks.nfc && !is_nfc_stable(c) {
        // Unchanged by NFC (a mark in another script, already in order)?
        // Then go on after its segment.
        return match segment_unchanged(text, pos, bufs.get_or_insert_with(Default::default)) {
            Some(end) if !(any_cleanup && segment_needs_cleanup(text, pos, end, cleanup)) => {
                CharCheck::CleanUntil(end)
            }
            _ => CharCheck::Hit,
        };
    }
    if any_cleanup && (cleanup.replace(c).is_some() || (cleanup.collapse && is_other_space(c))) {
        return CharCheck::Hit;
    }
    CharCheck::Clean
}

/// Bit 7 of each byte of `x` set when the byte is ASCII and no letter.
#[inline(always)]
fn ascii_non_letters(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    // Lower-cased, bit 7 cleared: no sum below carries into the next byte.
    let y = (x | 0x2020_2020_2020_2020) & LOW7;
    let from_a = (y + 0x1F1F_1F1F_1F1F_1F1F) & HIGH; // y >= b'a'
    let past_z = (y + 0x0505_0505_0505_0505) & HIGH; // y > b'z'
    !((from_a & !past_z) | x) & HIGH
}

/// The 16 bytes before `end` (zeros before the text) and the 16 from
/// `end` (zeros after it), little-endian. Near an end of a text of at
/// least 16 bytes, its first or last 16 bytes shifted (a document per
/// call puts many words there); byte by byte only in shorter texts.
/// (The reference for [`run_key_in`], which reads a padded window.)
#[cfg(test)]
fn around16(b: &[u8], end: usize) -> (u128, u128) {
    let whole = |s: usize| {
        b.get(s..s + 16)
            .and_then(|c| <[u8; 16]>::try_from(c).ok())
            .map(u128::from_le_bytes)
    };
    // Byte `k` of the 32 is `b[end - 16 + k]`.
    let padded = |first: usize| {
        let mut w = [0u8; 16];
        for (k, slot) in w.iter_mut().enumerate() {
            *slot = (end + first + k)
                .checked_sub(16)
                .and_then(|j| b.get(j))
                .copied()
                .unwrap_or(0);
        }
        u128::from_le_bytes(w)
    };
    let n = b.len();
    let back = match end.checked_sub(16).and_then(whole) {
        Some(w) => w,
        // `end < 16`: the first 16 bytes moved up by `16 - end`.
        None if end < 16 => whole(0).map_or_else(
            || padded(0),
            |w| w.checked_shl(8 * (16 - end) as u32).unwrap_or(0),
        ),
        None => padded(0),
    };
    let ahead = match whole(end) {
        Some(w) => w,
        // `end + 16 > n`: the last 16 bytes moved down by `end + 16 - n`.
        None => match n.checked_sub(16).filter(|_| end <= n) {
            Some(s) => whole(s).map_or(0, |w| w.checked_shr(8 * (end + 16 - n) as u32).unwrap_or(0)),
            None => padded(16),
        },
    };
    (back, ahead)
}

/// The bytes around the non-ASCII char at `pos` up to the nearest ASCII
/// non-letter (or end of the text) on each side, when both are within
/// 16 bytes. No branch on the bytes. When the run's bytes are a word
/// found clean before, the run is that word: a cached word holds only word
/// chars, and the bytes around the run end every word. (The reference for
/// [`run_key_in`].)
#[cfg(test)]
fn ascii_run_around(b: &[u8], pos: usize) -> Option<(usize, usize)> {
    let (back, ahead) = around16(b, pos);
    let ends = |x: u128| {
        u128::from(ascii_non_letters(x as u64)) | (u128::from(ascii_non_letters((x >> 64) as u64)) << 64)
    };
    let (back, ahead) = (ends(back), ends(ahead));
    if back == 0 || ahead == 0 {
        return None;
    }
    Some((
        pos - (back.leading_zeros() / 8) as usize,
        pos + (ahead.trailing_zeros() / 8) as usize,
    ))
}

/// The clean-word cache's first look at a suspicious letter, before any
/// decoding: the run of bytes around it between ASCII non-letters (or the
/// ends of the text). When the run's bytes are a word found clean before,
/// the run is that word (a cached word holds only word chars, and the
/// bytes around the run end every word); most suspicious words of a text
/// are common words found clean before.
///
/// [`ascii_run_around`] and [`CleanWords::key_at`] of the letter at `w[i]`
/// of a padded window (its text bytes, zeros outside the text): the length
/// of the run from `w[i]` on, and the run's cache key (`None` when empty or
/// longer than 15 bytes). Two reads of 16 bytes, which need no care for the
/// ends of the text: a chunk's window ([`find_chunks`]) or a short text's
/// ([`find_short_from`]) has [`BEFORE`] bytes before every byte scanned and
/// [`AFTER`] after it.
#[inline(always)]
fn run_key_in<const N: usize>(w: &[u8; N], i: usize) -> Option<(usize, Option<u128>)> {
    let read = |s: usize| {
        w.get(s..s + 16)
            .and_then(|c| <[u8; 16]>::try_from(c).ok())
            .map(u128::from_le_bytes)
    };
    let (back, ahead) = (read(i.checked_sub(16)?)?, read(i)?);
    let ends = |x: u128| {
        u128::from(ascii_non_letters(x as u64)) | (u128::from(ascii_non_letters((x >> 64) as u64)) << 64)
    };
    let (back_ends, ahead_ends) = (ends(back), ends(ahead));
    if back_ends == 0 || ahead_ends == 0 {
        return None;
    }
    // The run: the last `before` bytes of `back`, the first `after` of `ahead`.
    let before = (back_ends.leading_zeros() / 8) as usize;
    let after = (ahead_ends.trailing_zeros() / 8) as usize;
    let len = before + after;
    if len == 0 || len > 15 {
        return Some((after, None));
    }
    let raw = back.checked_shr(8 * (16 - before) as u32).unwrap_or(0) | (ahead << (8 * before));
    Some((
        after,
        Some((raw & ((1u128 << (8 * len)) - 1)) | ((len as u128) << 120)),
    ))
}

/// Checks the word around the suspicious letter at `pos`: the word when it
/// must be rewritten; else remembers it as clean and moves `checked_to`
/// past it.
#[inline(never)]
fn check_word(
    text: &str,
    pos: usize,
    style: ToneStyle,
    checked_to: &mut usize,
    cache: &mut CleanWords,
) -> Option<Hit> {
    let table = &*TABLE;
    let (s, e) = word_around(text, table, pos)?;
    *checked_to = e;
    let key = CleanWords::key_at(text.as_bytes(), s, e);
    if !cache.knows_clean(key) {
        if word_needs_rewrite(text.get(s..e).unwrap_or(""), style, table).is_some() {
            return Some(Hit::Word(s, e));
        }
        cache.remember_clean(key);
    }
    None
}

/// Words already parsed and found clean, in a small direct-mapped table
/// (natural text repeats its words, so most checks become one compare).
/// A word of at most 15 bytes is its own key: its bytes and its length in
/// one `u128`. Allocated only once a text has had a few checks.
#[derive(Default)]
struct CleanWords {
    checks: usize,
    slots: Option<Box<[u128]>>,
    /// The buffers of [`find_chunks`], kept between calls.
    chunk_bufs: Option<Box<ChunkBufs>>,
}

/// Bits of a clean-word cache slot number. 2,048 slots (32 KB): on viwiki
/// one document per call, 1,024 slots missed 4.9 K suspicious words (each
/// miss parses the word again, ~350 instructions) and 2,048 miss 3.3 K
/// (4,096: 2.6 K, but 64 KB next to the extractor's own memos).
const SLOT_BITS: u32 = 11;
const CACHE_SLOTS: usize = 1 << SLOT_BITS;

impl CleanWords {
    /// The key of the word `b[s..e]` (`None` when empty or longer than 15
    /// bytes): its bytes, read 16 at a time when they are there, and its
    /// length.
    #[inline]
    fn key_at(b: &[u8], s: usize, e: usize) -> Option<u128> {
        let len = e.checked_sub(s)?;
        if len == 0 || len > 15 {
            return None;
        }
        let raw = match b.get(s..s + 16).and_then(|c| <[u8; 16]>::try_from(c).ok()) {
            Some(w) => u128::from_le_bytes(w),
            None => {
                let mut w = [0u8; 16];
                for (dst, src) in w.iter_mut().zip(b.get(s..e)?) {
                    *dst = *src;
                }
                u128::from_le_bytes(w)
            }
        };
        Some((raw & ((1u128 << (8 * len)) - 1)) | ((len as u128) << 120))
    }

    #[inline]
    fn slot(key: u128) -> usize {
        let h = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOT_BITS)) as usize % CACHE_SLOTS
    }

    #[inline]
    fn knows_clean(&mut self, key: Option<u128>) -> bool {
        self.checks += 1;
        let (Some(slots), Some(key)) = (&self.slots, key) else {
            return false;
        };
        slots.get(Self::slot(key)) == Some(&key)
    }

    #[inline]
    fn remember_clean(&mut self, key: Option<u128>) {
        let Some(key) = key else {
            return;
        };
        if self.slots.is_none() {
            if self.checks < 32 {
                return;
            }
            self.slots = Some(vec![0u128; CACHE_SLOTS].into_boxed_slice());
        }
        if let Some(slot) = self.slots.as_mut().and_then(|s| s.get_mut(Self::slot(key))) {
            *slot = key;
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

/// The general scan that [`find`] must agree with: every multi-byte letter
/// is compared with both neighbours (the scan of session 1, kept as the
/// reference for the tests).
#[cfg(test)]
pub(crate) fn find_general(text: &str, from: usize, checks: &Checks) -> Option<Hit> {
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
                                let key = CleanWords::key_at(b, s, e);
                                if !cache.knows_clean(key) {
                                    if word_needs_rewrite(word, style, table).is_some() {
                                        return Some(Hit::Word(s, e));
                                    }
                                    cache.remember_clean(key);
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
            match other_char(text, pos, checks, &mut bufs) {
                CharCheck::Clean => {}
                CharCheck::CleanUntil(end) => resume = end,
                CharCheck::Hit => return Some(Hit::Char(pos)),
            }
        }
        chunk += 8;
    }
    None
}

#[cfg(test)]
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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::syllable::Info;
    use proptest::prelude::*;
    use unicode_normalization::char::canonical_combining_class as ccc;
    use unicode_normalization::UnicodeNormalization;

    /// The oracle: NFC_Quick_Check=Yes and combining class 0, i.e. NFC
    /// neither changes the char nor combines it with what precedes.
    fn stable_by_oracle(c: char) -> bool {
        ccc(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
    }

    fn all_chars() -> impl Iterator<Item = char> {
        (0u32..=0x10FFFF).filter_map(char::from_u32)
    }

    /// The fast answer of `is_word_char` for General Punctuation is the
    /// tables' answer for every char of the block.
    #[test]
    fn no_word_char_in_general_punctuation() {
        let table = &crate::syllable::TABLE;
        for c in '\u{2000}'..='\u{206F}' {
            let slow = table.info_char(c).is_letter() || c.is_alphabetic() || is_combining_mark(c);
            assert!(!slow, "U+{:04X}", c as u32);
            assert!(!is_word_char(table, c), "U+{:04X}", c as u32);
        }
        // Around the block the tables decide: superscript i is a letter.
        assert!(is_word_char(table, '\u{2071}'));
    }

    /// The clean-word caches outlive a call: a word found clean in one
    /// style must not pass unchecked in another, and a dirty word must be
    /// found after many calls that filled the cache with clean ones (also
    /// in short, padded texts, one word per call).
    #[test]
    fn the_thread_cache_is_kept_apart_per_style() {
        use crate::normalize::{normalize, to_style, NormalizeOptions};
        let words = [
            "hoà", "thuỷ", "khoẻ", "của", "người", "nước", "quả", "giá", "bảo", "được",
        ];
        for round in 0..50 {
            for w in words {
                // Clean in the new style and as kept: cached as clean there.
                assert_eq!(to_style(w, ToneStyle::New), w, "round {round}");
                assert!(matches!(
                    normalize(w, &NormalizeOptions::default()),
                    std::borrow::Cow::Borrowed(_)
                ));
            }
            // The old style must still see and move the marks.
            assert_eq!(
                to_style("hoà thuỷ khoẻ", ToneStyle::Old),
                "hòa thủy khỏe",
                "round {round}"
            );
            // Misplaced marks are found whatever the cache holds, at any
            // offset in a short text.
            for pad in ["", "x ", "xin chào các bạn và ", &format!("{} ", "a".repeat(70))] {
                let dirty = format!("{pad}qủa nứơc");
                let fixed = format!("{pad}quả nước");
                assert_eq!(
                    normalize(&dirty, &NormalizeOptions::default()),
                    fixed,
                    "round {round}"
                );
            }
        }
    }

    #[test]
    fn nfc_stable_agrees_with_the_quick_check_for_every_code_point() {
        for c in all_chars() {
            assert_eq!(is_nfc_stable(c), stable_by_oracle(c), "U+{:04X}", c as u32);
        }
        // The facts the fast paths build on.
        for cp in (0..0x300).chain(0x1E00..=0x1EFF) {
            let c = char::from_u32(cp).unwrap_or('?');
            assert!(stable_by_oracle(c), "U+{cp:04X}");
        }
        for cp in 0x300..0x370 {
            let c = char::from_u32(cp).unwrap_or('?');
            assert_eq!(stable_by_oracle(c), cp == 0x34F, "U+{cp:04X}");
        }
    }

    #[test]
    fn lead_byte_classes_hold_for_every_code_point() {
        let table = &*TABLE;
        let mut letters = 0;
        for c in all_chars() {
            let mut buf = [0u8; 4];
            let u = c.encode_utf8(&mut buf).as_bytes();
            let (b0, b1, b2) = (
                u[0],
                u.get(1).copied().unwrap_or(0),
                u.get(2).copied().unwrap_or(0),
            );
            let letter = table.info_char(c).is_letter();
            if c.is_ascii() {
                assert_eq!(table.info_ascii(b0), table.info_char(c), "{c:?}");
                let code = table.info_ascii(b0).code();
                assert_eq!(
                    NEAR[1][usize::from(b0)],
                    table.info_ascii(b0).0 & VOWEL != 0,
                    "{c:?}"
                );
                assert_eq!(NEAR[2][usize::from(b0)], code == U || code == O, "{c:?}");
                assert!(!NEAR[0][usize::from(b0)] && !NEAR[3][usize::from(b0)]);
                continue;
            }
            assert!(NEAR[1][usize::from(b0)] && NEAR[2][usize::from(b0)] && NEAR[3][usize::from(b0)]);
            letters += usize::from(letter);
            match lead_class(b0) {
                Lead::Letters2 => {
                    assert!((0xC0..0x1C0).contains(&(c as u32)), "{c:?}");
                    assert!(stable_by_oracle(c), "{c:?}");
                    assert_eq!(Info(table.info2(b0, b1)), table.info_char(c), "{c:?}");
                }
                Lead::Stable2 => {
                    assert!(u.len() == 2 && stable_by_oracle(c) && !letter, "{c:?}");
                }
                Lead::E1 if b1 & 0xFE == 0xBA => {
                    assert!((0x1E80..0x1F00).contains(&(c as u32)), "{c:?}");
                    assert!(stable_by_oracle(c), "{c:?}");
                    assert_eq!(Info(table.info3(b1, b2)), table.info_char(c), "{c:?}");
                }
                Lead::E1 if b1 == 0xB8 || b1 == 0xB9 => {
                    assert!(stable_by_oracle(c) && !letter, "{c:?}");
                }
                Lead::E1 | Lead::Other => assert!(!letter, "{c:?}"),
            }
        }
        assert_eq!(letters, 134);
    }

    /// Every entry a neighbour can have: 0, the ASCII bytes, the letters.
    fn entries() -> Vec<u16> {
        let table = &*TABLE;
        let mut v: Vec<u16> = (0u8..0x80).map(|b| table.info_ascii(b).0).collect();
        v.extend(all_chars().take(0x2000).map(|c| table.info_char(c).0));
        v.push(0);
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn every_suspicious_pair_is_two_vowels_one_toned_or_horned() {
        let e = entries();
        let mut found = 0;
        for &x in &e {
            for &y in &e {
                if suspicious_pair(x, y) {
                    found += 1;
                    assert!(x & y & VOWEL != 0, "{x:#x} {y:#x}");
                    assert!((x | y) & (TONED | HORNED) != 0, "{x:#x} {y:#x}");
                    // The toned or horned one is not ASCII.
                    assert!(x >= 0x80 || y >= 0x80 || (x | y) & (TONED | HORNED) != 0);
                }
            }
        }
        assert!(found > 1000, "{found}");
        for b in 0u8..0x80 {
            assert_eq!(TABLE.info_ascii(b).0 & (TONED | HORNED), 0, "{b}");
        }
    }

    /// The table the scan uses agrees with `suspicious_pair` on every pair
    /// of entries, through the classes stored in `FACTS`.
    #[test]
    fn pair_classes_agree_with_suspicious_pair() {
        let e = entries();
        for &x in &e {
            for &y in &e {
                let (fx, fy) = (
                    u32::from(pair_class(x)) << F_CLASS_SHIFT,
                    u32::from(pair_class(y)) << F_CLASS_SHIFT,
                );
                assert_eq!(suspicious_facts(fx, fy), suspicious_pair(x, y), "{x:#x} {y:#x}");
            }
        }
        // FACTS holds the class of every ASCII char and letter.
        let facts = &*FACTS;
        for b in 0u8..0x80 {
            let f = facts[ASCII_ROW | usize::from(b)];
            assert_eq!(f & F_ENTRY, u32::from(TABLE.info_ascii(b).0), "{b}");
            assert_eq!(
                f >> F_CLASS_SHIFT & 15,
                u32::from(pair_class(TABLE.info_ascii(b).0)),
                "{b}"
            );
        }
    }

    /// The neighbour indices pick the right entry for every char before
    /// and after a letter, whatever the char and where `from` is.
    #[test]
    fn neighbour_indices_find_every_char() {
        let facts = &*FACTS;
        let table = &*TABLE;
        let chars = (0u32..0x300)
            .chain(0x1E00..0x1F00)
            .chain([0x2019, 0x4E2D, 0x1F600]);
        for c in chars.filter_map(char::from_u32) {
            let text = format!("xy{c}à");
            let b = text.as_bytes();
            let pos = text.len() - "à".len();
            let want = if c.is_ascii()
                || (0xC0..0x1C0).contains(&(c as u32))
                || (0x1E80..0x1F00).contains(&(c as u32))
            {
                table.info_char(c).0
            } else {
                0
            };
            let mut tw = [0u8; WIN];
            tw[BEFORE..BEFORE + b.len()].copy_from_slice(b);
            let got = facts[index_before_in(&tw, BEFORE + pos, pos)] & F_ENTRY;
            assert_eq!(got, u32::from(want), "{c:?} before");
            // A char that starts before `from` is no neighbour (unless ASCII).
            let cut = facts[index_before_in(&tw, BEFORE + pos, 0)] & F_ENTRY;
            assert_eq!(cut, if c.is_ascii() { u32::from(want) } else { 0 }, "{c:?} cut");
            let mut w = [0u8; WIN];
            let mut buf = [0u8; 4];
            let u = c.encode_utf8(&mut buf).as_bytes();
            w[BEFORE..BEFORE + u.len()].copy_from_slice(u);
            assert_eq!(
                facts[index_at(&w, BEFORE)] & F_ENTRY,
                u32::from(want),
                "{c:?} after"
            );
        }
    }

    /// Every suspicious pair of adjacent chars is seen from one of them:
    /// the neighbour's byte next to it is in its [`NEAR`] row.
    #[test]
    fn every_suspicious_pair_passes_the_byte_filter() {
        let table = &*TABLE;
        let chars: Vec<char> = (0u32..0x80)
            .chain(0xC0..0x1C0)
            .chain(0x1E80..0x1F00)
            .filter_map(char::from_u32)
            .collect();
        let mut found = 0;
        for &c1 in &chars {
            for &c2 in &chars {
                let (x1, x2) = (table.info_char(c1).0, table.info_char(c2).0);
                if !suspicious_pair(x1, x2) {
                    continue;
                }
                found += 1;
                let (mut u1, mut u2) = ([0u8; 4], [0u8; 4]);
                let (s1, s2) = (
                    c1.encode_utf8(&mut u1).as_bytes(),
                    c2.encode_utf8(&mut u2).as_bytes(),
                );
                let last1 = s1[s1.len() - 1];
                let from_1 = !c1.is_ascii() && NEAR[near_kind(x1)][usize::from(s2[0])];
                let from_2 = !c2.is_ascii() && NEAR[near_kind(x2)][usize::from(last1)];
                assert!(from_1 || from_2, "{c1}{c2}");
            }
        }
        assert!(found > 1000, "{found}");
        // Kinds: nothing for untoned, unhorned letters.
        for c in chars {
            let x = table.info_char(c).0;
            assert_eq!(near_kind(x) == 0, x & (TONED | HORNED) == 0, "{c}");
        }
    }

    #[test]
    fn plain_vowel_ends_are_the_last_bytes_of_the_untoned_unhorned_vowels() {
        let table = &*TABLE;
        let mut ends: Vec<u8> = (0x80u32..0x1F00)
            .filter_map(char::from_u32)
            .filter(|&c| {
                let x = table.info_char(c).0;
                x & VOWEL != 0 && x & (TONED | HORNED) == 0
            })
            .map(|c| {
                let mut u = [0u8; 4];
                let s = c.encode_utf8(&mut u).as_bytes();
                s[s.len() - 1]
            })
            .collect();
        ends.sort_unstable();
        ends.dedup();
        let mut want = PLAIN_VOWEL_ENDS.to_vec();
        want.sort_unstable();
        assert_eq!(ends, want);
        // Every other continuation byte is out of every row, every lead in.
        for b in 0x80..=0xFFu8 {
            let expect = b >= 0xC0 || PLAIN_VOWEL_ENDS.contains(&b);
            for row in &NEAR[1..] {
                assert_eq!(row[usize::from(b)], expect, "{b:02X}");
            }
        }
    }

    #[test]
    fn cache_keys_tell_words_apart() {
        let text = "của cuả của cùa\u{0} quả xxxxxxxxxxxxxxxxx";
        let b = text.as_bytes();
        let key = |s: &str| {
            let at = text.find(s).unwrap_or(0);
            CleanWords::key_at(b, at, at + s.len())
        };
        assert_eq!(key("của"), CleanWords::key_at("của".as_bytes(), 0, 5));
        assert_ne!(key("của"), key("cuả"));
        assert_ne!(key("cùa"), key("cùa\u{0}"));
        assert_eq!(key("xxxxxxxxxxxxxxxxx"), None);
        assert_eq!(CleanWords::key_at(b, 3, 3), None);
        // The end of the text (fewer than 16 bytes left) reads the same.
        let tail = "ab quả";
        let at = tail.len() - "quả".len();
        assert_eq!(CleanWords::key_at(tail.as_bytes(), at, tail.len()), key("quả"));
    }

    const MARKS: &[char] = &[
        '\u{300}', '\u{301}', '\u{302}', '\u{303}', '\u{306}', '\u{309}', '\u{31B}', '\u{323}', '\u{340}',
        '\u{341}', '\u{34F}', '\u{308}', '\u{5B4}', '\u{94D}',
    ];
    const PIECES: &[&str] = &[
        "a",
        "e",
        "i",
        "o",
        "u",
        "y",
        "q",
        "g",
        "h",
        "n",
        "t",
        "c",
        "đ",
        "Đ",
        "A",
        "O",
        "U",
        "Y",
        "Q",
        "G",
        " ",
        "  ",
        "\t",
        "\n",
        ".",
        ",",
        "1",
        "ư",
        "ơ",
        "Ư",
        "Ơ",
        "ô",
        "â",
        "ă",
        "ê",
        "à",
        "á",
        "ả",
        "ã",
        "ạ",
        "ò",
        "ó",
        "ỏ",
        "õ",
        "ọ",
        "ù",
        "ú",
        "ủ",
        "ũ",
        "ụ",
        "ì",
        "í",
        "ỉ",
        "ĩ",
        "ị",
        "ỳ",
        "ý",
        "ỷ",
        "ỹ",
        "ỵ",
        "è",
        "é",
        "ẻ",
        "ẽ",
        "ẹ",
        "ấ",
        "ầ",
        "ẩ",
        "ẫ",
        "ậ",
        "ắ",
        "ằ",
        "ế",
        "ề",
        "ệ",
        "ố",
        "ồ",
        "ổ",
        "ộ",
        "ớ",
        "ờ",
        "ở",
        "ỡ",
        "ợ",
        "ứ",
        "ừ",
        "ử",
        "ữ",
        "ự",
        "Ố",
        "Ợ",
        "Ứ",
        "Ả",
        "Ý",
        "ç",
        "ö",
        "ð",
        "Ð",
        "Ɖ",
        "\u{A0}",
        "\u{AD}",
        "\u{200B}",
        "\u{2009}",
        "\u{3000}",
        "\u{2028}",
        "“",
        "”",
        "‘",
        "’",
        "ḁ",
        "ẞ",
        "ἀ",
        "ά",
        "ά",
        "й",
        "中",
        "ǅ",
        "ﬁ",
        "Å",
        "Ω",
        "😀",
        "\u{FEFF}",
        "ʼ",
        "ư\u{301}",
        "o\u{302}\u{300}",
        "e\u{301}\u{302}",
    ];

    const ONSETS: &[&str] = &[
        "", "q", "qu", "gi", "g", "th", "ng", "ngh", "h", "c", "k", "t", "đ", "tr", "l",
    ];
    const CLUSTERS: &[&str] = &[
        "a", "e", "i", "o", "u", "y", "ư", "ơ", "oa", "oe", "uy", "ua", "ưa", "ia", "ai", "ao", "au", "ay",
        "oi", "ôi", "ơi", "ui", "ưi", "uô", "ươ", "iê", "yê", "uơ", "ưo", "ươu", "uyê", "oai", "uây", "oă",
        "ưu", "eo",
    ];
    const CODAS: &[&str] = &["", "", "n", "ng", "c", "t", "nh", "ch", "m", "p", "i", "u"];
    const TONES: &[char] = &['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

    /// A syllable-like word with its tone mark on a random vowel (so many
    /// are misplaced), sometimes two marks, in a random case and form.
    fn syllable_like() -> impl Strategy<Value = String> {
        (
            (0..ONSETS.len(), 0..CLUSTERS.len(), 0..CODAS.len()),
            (0..7usize, 0..4usize, 0..12usize),
            (0..3u8, any::<bool>()),
        )
            .prop_map(|((o, v, c), (t, p, p2), (case, composed))| {
                let mut w = String::from(ONSETS[o]);
                let cluster: Vec<char> = CLUSTERS[v].chars().collect();
                for (i, &ch) in cluster.iter().enumerate() {
                    w.push(ch);
                    if i == p % cluster.len() {
                        w.extend(TONES.get(t));
                    }
                    if i == p2 {
                        w.push('\u{301}');
                    }
                }
                w.push_str(CODAS[c]);
                let w = match case {
                    0 => w,
                    1 => w.to_uppercase(),
                    _ => {
                        let mut cs = w.chars();
                        cs.next()
                            .map(|f| f.to_uppercase().chain(cs).collect())
                            .unwrap_or_default()
                    }
                };
                if composed {
                    w.nfc().collect()
                } else {
                    w
                }
            })
    }

    /// Vietnamese-like text: syllables, letters, toned vowels, spaces,
    /// clean-up characters, other scripts, and random combining marks.
    fn viet_like() -> impl Strategy<Value = String> {
        let piece = (0..PIECES.len(), 0..(MARKS.len() * 6)).prop_map(|(p, m)| {
            let mut s = String::from(PIECES[p]);
            s.extend(MARKS.get(m));
            s
        });
        let word = syllable_like().prop_map(|w| w + " ");
        proptest::collection::vec(prop_oneof![piece, word], 0..40).prop_map(|v| v.concat())
    }

    fn any_checks() -> impl Strategy<Value = Checks> {
        (any::<bool>(), any::<[bool; 5]>(), 0..4u8).prop_map(|(nfc, c, t)| Checks {
            nfc,
            cleanup: Cleanup {
                zero_width: c[0],
                spaces: c[1],
                collapse: c[2],
                quotes: c[3],
                eth: c[4],
            },
            tone: match t {
                0 => None,
                1 => Some(ToneStyle::Keep),
                2 => Some(ToneStyle::Old),
                _ => Some(ToneStyle::New),
            },
        })
    }

    /// Asserts that the block scan finds what the reference scan finds.
    #[track_caller]
    fn assert_agrees(text: &str, from: usize, checks: &Checks) {
        assert_eq!(
            find(text, from, checks),
            find_general(text, from, checks),
            "{text:?} from {from} {checks:?}"
        );
    }

    fn agree(text: &str, from: usize, checks: &Checks) -> Result<(), TestCaseError> {
        let mut from = from % (text.len() + 1);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        prop_assert_eq!(
            find(text, from, checks),
            find_general(text, from, checks),
            "{:?} from {}",
            text,
            from
        );
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn fast_scan_agrees_with_the_general_scan_on_vietnamese_like_text(
            text in viet_like(), from in any::<usize>(), checks in any_checks()
        ) {
            agree(&text, from, &checks)?;
            // And the fast path agrees with what the stages do.
            let changed = super::super::run_stages(&text, checks.cleanup, checks.tone).text != text;
            if changed && checks.nfc {
                prop_assert!(find(&text, 0, &checks).is_some(), "{:?}", text);
            }
        }

        #[test]
        fn fast_scan_agrees_with_the_general_scan_on_arbitrary_text(
            text in any::<String>(), from in any::<usize>(), checks in any_checks()
        ) {
            agree(&text, from, &checks)?;
        }
    }

    /// Long texts (many blocks) that repeat their words, so that the
    /// clean-word cache (used after 32 checks) answers most checks: a few
    /// random syllable-like words, with spaces and random pieces between.
    fn long_viet_like() -> impl Strategy<Value = String> {
        (
            proptest::collection::vec(syllable_like(), 1..10),
            proptest::collection::vec((0..10usize, 0..PIECES.len() * 4), 40..160),
        )
            .prop_map(|(words, picks)| {
                let mut s = String::new();
                for (w, p) in picks {
                    s.push_str(&words[w % words.len()]);
                    s.push_str(PIECES.get(p).copied().unwrap_or(" "));
                }
                s
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn fast_scan_agrees_with_the_general_scan_on_long_repetitive_text(
            text in long_viet_like(), from in any::<usize>(), checks in any_checks()
        ) {
            agree(&text, from, &checks)?;
            agree(&text, 0, &checks)?;
        }

        #[test]
        fn ascii_runs_are_found_at_every_char(text in viet_like(), tail in long_viet_like()) {
            let text = text + &tail;
            let b = text.as_bytes();
            let ends = |k: usize| b.get(k).is_some_and(|&x| x < 0x80 && !x.is_ascii_alphabetic());
            for (pos, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
                let mut s = pos;
                while s > 0 && !ends(s - 1) {
                    s -= 1;
                }
                let mut e = pos;
                while e < b.len() && !ends(e) {
                    e += 1;
                }
                let want = (pos - s <= 15 && e - pos <= 15).then_some((s, e));
                prop_assert_eq!(ascii_run_around(b, pos), want, "{:?} at {} ({:?})", text, pos, c);
            }
        }
    }

    /// [`run_key_in`] on every chunk window of `text` (the pad first
    /// filled with letters, as stale bytes of a longer text) equals
    /// [`ascii_run_around`] and [`CleanWords::key_at`] on the text, at every
    /// non-ASCII char.
    fn run_keys_agree(text: &str) -> Result<(), String> {
        let b = text.as_bytes();
        let mut pad = Box::new([b'a'; CWIN]);
        let mut at = 0;
        while at < b.len() {
            pad.fill(b'a');
            let w = window(b, at, &mut pad);
            for (pos, _) in text
                .char_indices()
                .filter(|&(p, c)| !c.is_ascii() && (at..at + CHUNK).contains(&p))
            {
                let want = ascii_run_around(b, pos).map(|(s, e)| (e - pos, CleanWords::key_at(b, s, e)));
                let got = run_key_in(w, BEFORE + pos - at);
                if got != want {
                    return Err(format!("{text:?} at {pos} (chunk {at}): {got:?} != {want:?}"));
                }
            }
            at += CHUNK;
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn run_keys_from_the_window_agree_with_the_text(
            text in viet_like(), tail in long_viet_like(), reps in 1usize..6
        ) {
            run_keys_agree(&text).map_err(TestCaseError::fail)?;
            // Longer than a chunk, so that runs cross chunk ends.
            let long = (text + &tail).repeat(reps);
            run_keys_agree(&long).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn run_keys_from_the_window_agree_at_every_length_and_chunk_end() {
        // Runs of every length up to 20 around a letter, ending at the end
        // of the text or just before, and across the first chunk end.
        for n in 0..=20 {
            for cut in 0..=n {
                let word: String = "ờ".to_string() + &"b".repeat(n);
                let text = format!("{}{}", "a".repeat(cut), word);
                run_keys_agree(&text).unwrap();
                run_keys_agree(&format!("{text} x")).unwrap();
                for shift in 0..24 {
                    let pre = " ".repeat(CHUNK - 12 + shift);
                    run_keys_agree(&format!("{pre}{text}")).unwrap();
                    run_keys_agree(&format!("{pre}{text}.{pre}")).unwrap();
                }
            }
        }
    }

    #[test]
    fn bytes_around_agree_with_a_byte_loop_at_every_end() {
        let src: Vec<u8> = (1..=48u8).map(|k| k.wrapping_mul(37) | 1).collect();
        for n in 0..=src.len() {
            let b = &src[..n];
            for end in 0..=n {
                let at = |j: isize| {
                    usize::try_from(j)
                        .ok()
                        .and_then(|j| b.get(j))
                        .copied()
                        .unwrap_or(0)
                };
                let mut back = [0u8; 16];
                let mut ahead = [0u8; 16];
                for k in 0..16 {
                    back[k] = at(end as isize - 16 + k as isize);
                    ahead[k] = at((end + k) as isize);
                }
                let want = (u128::from_le_bytes(back), u128::from_le_bytes(ahead));
                assert_eq!(around16(b, end), want, "n {n} end {end}");
            }
        }
    }

    #[test]
    fn lead_bits_mark_every_lead_byte_at_every_offset() {
        for m in 0..=255u64 {
            // One byte per bit: bit 7 of byte k when bit k of `m`.
            let spread = (0..8).fold(0u64, |acc, k| acc | (((m >> k) & 1) << (8 * k + 7)));
            assert_eq!(gather_high_bits(spread), m);
        }
        for byte in [
            0x00u8, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xC3, 0xDF, 0xE1, 0xEF, 0xF0, 0xF4, 0xFF,
        ] {
            for k in 0..BLOCK {
                let mut w = [b'a'; WIN];
                w[BEFORE + k] = byte;
                let want = if byte >= 0xC0 { 1u64 << k } else { 0 };
                assert_eq!(lead_bits(&w), want, "{byte:#x} at {k}");
                // Bytes outside the block are never counted.
                let mut w = [0xE1u8; WIN];
                w[BEFORE..BEFORE + BLOCK].fill(b'a');
                w[BEFORE + k] = byte;
                assert_eq!(lead_bits(&w), want, "{byte:#x} at {k}");
            }
        }
    }

    /// The chunk buffers are kept between calls: a short text scanned after
    /// texts full of toned letters (whose bytes stay in the padded
    /// window) still agrees with the general scan, at every length. (Stale
    /// bytes could only add visits, never hide a hit: a neighbour outside
    /// the text never makes a pair suspicious; the pad is cleared anyway.)
    #[test]
    fn short_texts_after_long_ones_agree_with_the_general_scan() {
        let keep = Checks {
            nfc: true,
            cleanup: Cleanup::default(),
            tone: Some(ToneStyle::Keep),
        };
        let (dirty, clean) = ("qủa gía ", "Người Việt ");
        let short = "tôi là ng";
        for len in 0..=short.len() {
            let Some(s) = short.get(..len) else { continue };
            for fill in [dirty, clean] {
                let long = fill.repeat(100);
                assert_agrees(&long, 0, &keep);
                // The window of a short text ends inside the last chunk
                // of the long one.
                let long_tail = &long[..long.len() - 3 * fill.len()];
                assert_agrees(long_tail, 0, &keep);
                assert_agrees(s, 0, &keep);
                let t = format!("{s} à");
                assert_agrees(&t, 0, &keep);
            }
        }
    }

    /// Chars and words across the chunk boundary of the tone scan (and
    /// two chunks on), after a long run of clean words: the same answers
    /// as the general scan, from the start and from the probe.
    #[test]
    fn probes_at_the_chunk_boundary_agree_with_the_general_scan() {
        let probes = [
            "qủa", "gía", "quả", "người", "Việt", "hoà", "hòa", "đuợc", "ấy", "“", "\u{A0}", "a\u{301}", "ἀ",
            "x",
        ];
        let checks = [
            (true, Cleanup::default(), Some(ToneStyle::Keep)),
            (true, Cleanup::default(), Some(ToneStyle::New)),
            (false, Cleanup::default(), Some(ToneStyle::Old)),
            (
                true,
                Cleanup {
                    zero_width: true,
                    spaces: true,
                    collapse: true,
                    quotes: true,
                    eth: true,
                },
                Some(ToneStyle::Keep),
            ),
        ]
        .map(|(nfc, cleanup, tone)| Checks { nfc, cleanup, tone });
        let filler = "Người Việt ở đây có nhiều của cải ";
        for base in [CHUNK, 2 * CHUNK] {
            for off in base - 6..base + 6 {
                let mut head = filler.repeat(off / filler.len() + 1);
                while head.len() > off {
                    head.pop();
                }
                for probe in probes {
                    for sep in ["", " ", "ố"] {
                        let text = format!("{head}{sep}{probe} tôi {filler}");
                        for c in &checks {
                            for from in [0, head.len()] {
                                assert_agrees(&text, from, c);
                            }
                        }
                    }
                }
            }
        }
    }

    /// The SSE2 lead mask (on x86_64) equals the portable one, for every
    /// byte value at every offset, with bytes outside the 64 ignored.
    #[test]
    fn lead_masks_agree_at_every_offset() {
        for byte in 0..=255u8 {
            for k in 0..BLOCK {
                for fill in [b'a', 0xE1, 0x80] {
                    let mut w = [fill; WIN];
                    w[BEFORE..BEFORE + BLOCK].fill(b'a');
                    w[BEFORE + k] = byte;
                    let want = if byte >= 0xC0 { 1u64 << k } else { 0 };
                    assert_eq!(lead_mask64_portable(&w, BEFORE), want, "{byte:#x} at {k}");
                    assert_eq!(lead_mask64(&w, BEFORE), want, "{byte:#x} at {k}");
                }
            }
        }
    }

    /// The SSE2 candidate leads (on x86_64) equal the byte-by-byte
    /// reference, for windows of random bytes and of Vietnamese-like text,
    /// under every filter.
    #[test]
    fn candidate_leads_agree_with_the_reference() {
        let mut rng = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let text = "Người Việt ở đâu? QUẢ THỦY hoà khoẻ, gía nứơc “Ð” Ελληνικά 中文 ἀ ḁ\u{A0}";
        let tb = text.as_bytes();
        for case in 0..20_000 {
            let mut w = [0u8; WIN];
            for (j, slot) in w.iter_mut().enumerate() {
                let r = next();
                *slot = if case % 2 == 0 {
                    r as u8
                } else {
                    // Text bytes from a random start, some random ones.
                    let at = (case / 2 + j) % tb.len();
                    if r % 16 == 0 {
                        (r >> 8) as u8
                    } else {
                        tb[at]
                    }
                };
            }
            for filter in [Filter::All, Filter::Nfc] {
                assert_eq!(
                    candidate_leads(&w, filter),
                    candidate_leads_ref(&w, filter),
                    "{w:?} {filter:?}"
                );
            }
        }
    }

    /// Every multi-byte char gets the facts its code point says: the table
    /// entry, whether the general checks must see it (with and without
    /// clean-ups), its length and its row of `NEAR`.
    #[test]
    fn facts_hold_for_every_char() {
        let table = &*TABLE;
        let facts = &*FACTS;
        for c in all_chars().filter(|c| !c.is_ascii()) {
            let cp = c as u32;
            let mut buf = [0u8; 4];
            let u = c.encode_utf8(&mut buf).as_bytes();
            for fill in [0u8, 0xBA, 0xFF] {
                let mut w = [fill; WIN];
                w[BEFORE..BEFORE + u.len()].copy_from_slice(u);
                let f = facts_at(&w, BEFORE, facts);
                let x = table.info_char(c).0;
                let three = (0x1E80..0x1F00).contains(&cp);
                let letter_block = (0xC0..0x1C0).contains(&cp) || three;
                let stable = cp < 0x300 || (0x1E00..0x1F00).contains(&cp);
                assert_eq!((f & F_ENTRY) as u16, x, "{c:?}");
                assert_eq!(f & F_GENERAL != 0, !stable, "{c:?}");
                assert_eq!(f & F_GENERAL_CLEAN != 0, x == 0, "{c:?}");
                assert!(x == 0 || letter_block, "{c:?}");
                assert_eq!(f & F_LEN3 != 0, three, "{c:?}");
                let row = (f & F_NEAR_ROWS) >> F_NEAR_SHIFT;
                assert_eq!(row, (1 << near_kind(x)) & 0b1110, "{c:?}");
            }
        }
    }

    /// Every char of the letter blocks and a few others, at the offsets
    /// around a block boundary, between neighbours that do and do not make
    /// suspicious pairs: the fast scan agrees with the general one.
    #[test]
    fn every_char_at_the_block_boundary_agrees_with_the_general_scan() {
        let chars: Vec<char> = (0x80u32..0x2A0)
            .chain(0x1E00..0x1F00)
            .chain([0x200B, 0x2019, 0x2028, 0x301, 0x5B4, 0x4E2D, 0x1F600])
            .filter_map(char::from_u32)
            .collect();
        let all = Checks {
            nfc: true,
            cleanup: Cleanup {
                zero_width: true,
                spaces: true,
                collapse: true,
                quotes: true,
                eth: true,
            },
            tone: Some(ToneStyle::Old),
        };
        let options = [
            Checks {
                nfc: true,
                cleanup: Cleanup::default(),
                tone: Some(ToneStyle::Keep),
            },
            Checks {
                nfc: true,
                cleanup: Cleanup::default(),
                tone: None,
            },
            Checks {
                nfc: false,
                cleanup: Cleanup::default(),
                tone: Some(ToneStyle::New),
            },
            all,
        ];
        // Left and right neighbours; with `ủ` and `í` the words `qủa` and
        // `gía` need a repair seen only from the right.
        let sides = [
            ("", ""),
            ("a", "i"),
            ("t", "i"),
            ("q", "a"),
            ("g", "a"),
            ("u", "o"),
            ("t", "o"),
            ("ư", "ợ"),
            ("qu", "y"),
            ("x", " "),
        ];
        for &c in &chars {
            for off in (0..3).chain(58..68).chain(122..130).chain(506..516) {
                // Short words before the char, ending at various offsets.
                let pad: String = (0..off).map(|i| if i % 3 == 2 { ' ' } else { 't' }).collect();
                for (l, r) in sides {
                    let text = format!("{pad}{l}{c}{r} x");
                    for checks in &options {
                        for from in [0, off] {
                            assert_agrees(&text, from, checks);
                        }
                    }
                }
            }
        }
    }

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

    /// [`find`] with the short path ([`first_visit`], [`find_short_from`])
    /// whatever the length.
    fn find_by_short_path(text: &str, from: usize, checks: &Checks) -> Option<Hit> {
        if checks.cleanup.collapse {
            if let Some(at) = ascii_collapse_hit(text.as_bytes(), from) {
                return Some(Hit::Char(at));
            }
        }
        match checks.tone {
            Some(style) => first_visit(text.as_bytes(), from)
                .and_then(|first| find_short_from(text, from, first, checks, style)),
            None => find_blocks(text, from, checks),
        }
    }

    /// [`find`] with the chunk scan whatever the length.
    fn find_by_chunks(text: &str, from: usize, checks: &Checks) -> Option<Hit> {
        if checks.cleanup.collapse {
            if let Some(at) = ascii_collapse_hit(text.as_bytes(), from) {
                return Some(Hit::Char(at));
            }
        }
        match checks.tone {
            Some(style) => find_long(text, from, checks, style),
            None => find_blocks(text, from, checks),
        }
    }

    /// Asserts that the short path, the chunk scan, [`find`] and the
    /// reference scan agree.
    #[track_caller]
    fn assert_paths_agree(text: &str, from: usize, checks: &Checks) {
        let want = find_general(text, from, checks);
        assert_eq!(
            find_by_short_path(text, from, checks),
            want,
            "short: {text:?} from {from} {checks:?}"
        );
        assert_eq!(
            find_by_chunks(text, from, checks),
            want,
            "chunks: {text:?} from {from} {checks:?}"
        );
        assert_eq!(
            find(text, from, checks),
            want,
            "find: {text:?} from {from} {checks:?}"
        );
    }

    fn option_sets() -> Vec<Checks> {
        let all = Cleanup {
            zero_width: true,
            spaces: true,
            collapse: true,
            quotes: true,
            eth: true,
        };
        [
            (true, Cleanup::default(), Some(ToneStyle::Keep)),
            (true, Cleanup::default(), Some(ToneStyle::New)),
            (true, Cleanup::default(), Some(ToneStyle::Old)),
            (false, Cleanup::default(), Some(ToneStyle::Keep)),
            (true, all, Some(ToneStyle::Keep)),
            (
                false,
                Cleanup {
                    quotes: true,
                    ..Cleanup::default()
                },
                Some(ToneStyle::New),
            ),
        ]
        .map(|(nfc, cleanup, tone)| Checks { nfc, cleanup, tone })
        .to_vec()
    }

    /// The short path and the chunk scan at every length 0..=300: every
    /// prefix of mixed texts (clean words, misplaced marks, decomposed
    /// letters, clean-up chars, other scripts), and one probe after and
    /// before clean text of every length, under six option sets, from the
    /// start and from the middle.
    #[test]
    fn short_path_and_chunks_agree_at_every_length() {
        let mixed = [
            "Người Việt ở đây có nhiều của cải, qủa gía baỏ nứơc “Khánh Hòa” thủy lợi \u{A0}Ðà\u{200B} Nẵng \
             Vie\u{302}\u{323}t a\u{301}\u{302} ἀλφα 数字 đuợc hoà HOÀ quý giá 2025 ",
            "Tôi là người Việt Nam, tôi yêu quê hương đất nước mình; trường học ở Hà Nội và Huế, \
             khoẻ mạnh, THUỶ LỢI, kỹ thuật, Toyota iPhone COVID-19, năm 2024 dân số tăng 1,5% ",
            "aaaa\u{301}ee\u{300}\u{300}ooo\u{323} ươi ưo uơ ÿ é\u{308} x\u{34F}y \t  z ð Ɖ ‘q’ ",
        ];
        let sets = option_sets();
        for text in mixed {
            let text = text.repeat(3);
            for len in 0..=300.min(text.len()) {
                let Some(t) = text.get(..len) else { continue };
                let mut mid = len / 2;
                while !t.is_char_boundary(mid) {
                    mid -= 1;
                }
                for checks in &sets {
                    for from in [0, mid] {
                        assert_paths_agree(t, from, checks);
                    }
                }
            }
        }
        let clean = "Người Việt ở đây có nhiều của cải và tôi yêu quê hương ".repeat(6);
        let probes = [
            "qủa", "hòa", "hoà", "gía", "đuợc", "“", "a\u{301}", "\u{A0}", "ἀ", "à", "ấy", "x",
        ];
        for len in 0..=300 {
            let Some(head) = clean.get(..len) else { continue };
            for probe in probes {
                for text in [
                    format!("{head}{probe}"),
                    format!("{probe}{head}"),
                    format!("{head} {probe} "),
                ] {
                    for checks in &sets[..2] {
                        assert_paths_agree(&text, 0, checks);
                    }
                }
            }
        }
    }

    /// The tail word equals the bytes, zero-padded, for every text length
    /// under 20 and every start.
    #[test]
    fn tail_words_hold_the_last_bytes() {
        let bytes: Vec<u8> = (0..20u8).map(|i| 0xA0 ^ i.wrapping_mul(37)).collect();
        for n in 0..20 {
            let b = &bytes[..n];
            let whole = n / 8 * 8;
            for at in whole.saturating_sub(8)..n {
                let rest = n - at;
                if rest > 7 {
                    continue;
                }
                let want = b[at..]
                    .iter()
                    .enumerate()
                    .fold(0u64, |x, (k, &v)| x | (u64::from(v) << (8 * k)));
                assert_eq!(tail_word(b, at, rest), want, "n {n} at {at}");
            }
        }
    }

    /// The first visit is the first lead a byte-by-byte reading would
    /// visit, for every start, on texts of every length up to 80.
    #[test]
    fn first_visits_agree_with_a_byte_loop() {
        const WANTED: u32 = F_GENERAL | F_GENERAL_CLEAN | F_NEAR_ROWS;
        let facts = &*FACTS;
        let text = "Hà Nội đẹp, ở đây “có” của ăn — ấy là 数字 thuỷ ơi";
        for len in 0..=text.len() {
            let Some(t) = text.get(..len) else { continue };
            let b = t.as_bytes();
            for from in (0..=len).filter(|&f| t.is_char_boundary(f)) {
                let want = (from..len).find(|&p| b[p] >= 0xC0 && visit_at(b, p, facts, WANTED) != 0);
                assert_eq!(first_visit(b, from), want, "{t:?} from {from}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// The short path and the chunk scan on random Vietnamese-like and
        /// arbitrary text of any length (the short path serves any length
        /// here), from a random start.
        #[test]
        fn short_path_and_chunks_agree_on_random_text(
            text in prop_oneof![viet_like(), long_viet_like(), any::<String>()],
            from in any::<usize>(),
            checks in any_checks()
        ) {
            let mut from = from % (text.len() + 1);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let want = find_general(&text, from, &checks);
            prop_assert_eq!(find_by_short_path(&text, from, &checks), want, "short: {:?} from {}", text, from);
            prop_assert_eq!(find_by_chunks(&text, from, &checks), want, "chunks: {:?} from {}", text, from);
        }
    }

    /// `normalize_with_map` (whose short texts take the first look before
    /// any set-up) equals the stages run unconditionally, and borrows
    /// exactly when the reference scan finds nothing, for every prefix of
    /// mixed texts up to 100 bytes under five option sets.
    #[test]
    fn normalize_with_map_of_short_texts_agrees_with_the_stages() {
        use super::super::{normalize_with_map, run_stages, NormalizeOptions};
        let texts = [
            "Người Việt, qủa gía baỏ “Hòa” thủy \u{A0}Ðà\u{200B} Nẵng Vie\u{302}\u{323}t a\u{301}\u{302} ἀλφα 数字 đuợc  hoà HOÀ quý",
            "Hà Nội đẹp lắm, khoẻ mạnh, THUỶ LỢI, Toyota iPhone COVID-19, năm 2024 tăng 1,5%\t xong ",
            // Clean but for white space that collapsing changes.
            "ab  cd Hà  Nội\tđẹp",
        ];
        let opts = [
            NormalizeOptions::default(),
            NormalizeOptions::default().with_tone(ToneStyle::New),
            NormalizeOptions::default().with_tone(ToneStyle::Old),
            NormalizeOptions::default().with_cleanups(),
            NormalizeOptions {
                straighten_quotes: true,
                unify_spaces: true,
                ..NormalizeOptions::default()
            },
        ];
        for text in texts {
            for len in 0..=100.min(text.len()) {
                let Some(t) = text.get(..len) else { continue };
                for o in &opts {
                    let checks = Checks {
                        nfc: true,
                        cleanup: Cleanup::from_options(o),
                        tone: Some(o.tone),
                    };
                    let got = normalize_with_map(t, o);
                    let want = run_stages(t, checks.cleanup, Some(o.tone));
                    assert_eq!(got.text, want.text, "{t:?} {o:?}");
                    assert_eq!(got.map, want.map, "{t:?} {o:?}");
                    let clean = find_general(t, 0, &checks).is_none();
                    assert_eq!(
                        matches!(got.text, std::borrow::Cow::Borrowed(_)),
                        clean,
                        "{t:?} {o:?}"
                    );
                }
            }
        }
    }
}
