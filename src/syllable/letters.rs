//! The Vietnamese letters as small codes: which base letter, which tone,
//! which case.
//!
//! The table is derived once from the Unicode canonical decompositions of
//! the precomposed letters (so it holds no hand-typed data): a letter is an
//! ASCII base plus at most one shape mark (breve, circumflex, horn) giving
//! one of the 29 letters of the alphabet, plus at most one tone mark.

use super::Tone;
use std::sync::LazyLock;
use unicode_normalization::char::decompose_canonical;

// Base letter codes, in alphabet order; 0 means "not a letter".
pub(crate) const A: u8 = 1;
pub(crate) const A_BREVE: u8 = 2;
pub(crate) const A_CIRC: u8 = 3;
pub(crate) const B: u8 = 4;
pub(crate) const C: u8 = 5;
pub(crate) const D: u8 = 6;
pub(crate) const D_STROKE: u8 = 7;
pub(crate) const E: u8 = 8;
pub(crate) const E_CIRC: u8 = 9;
pub(crate) const G: u8 = 10;
pub(crate) const H: u8 = 11;
pub(crate) const I: u8 = 12;
pub(crate) const K: u8 = 13;
pub(crate) const L: u8 = 14;
pub(crate) const M: u8 = 15;
pub(crate) const N: u8 = 16;
pub(crate) const O: u8 = 17;
pub(crate) const O_CIRC: u8 = 18;
pub(crate) const O_HORN: u8 = 19;
pub(crate) const P: u8 = 20;
pub(crate) const Q: u8 = 21;
pub(crate) const R: u8 = 22;
pub(crate) const S: u8 = 23;
pub(crate) const T: u8 = 24;
pub(crate) const U: u8 = 25;
pub(crate) const U_HORN: u8 = 26;
pub(crate) const V: u8 = 27;
pub(crate) const X: u8 = 28;
pub(crate) const Y: u8 = 29;
/// Letters outside the Vietnamese alphabet (f, j, w, z).
pub(crate) const FOREIGN: u8 = 30;
const CODES: usize = 31;

/// The lower-case spelling of each code (index = code).
pub(crate) const SPELLING: [char; CODES] = [
    '\0', 'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'ô', 'ơ', 'p',
    'q', 'r', 's', 't', 'u', 'ư', 'v', 'x', 'y', 'f',
];

/// The ASCII letter each code folds to (ă → a, đ → d, ư → u …).
pub(crate) const ASCII_BASE: [u8; CODES] = *b"\0aaabcddeeghiklmnooopqrstuuvxyf";

/// Whether `code` is one of the 12 vowel letters.
#[inline]
pub(crate) const fn is_vowel(code: u8) -> bool {
    matches!(
        code,
        A | A_BREVE | A_CIRC | E | E_CIRC | I | O | O_CIRC | O_HORN | U | U_HORN | Y
    )
}

/// The vowel letters that carry a shape mark and take the tone first (ă â ê ô ơ).
#[inline]
pub(crate) const fn is_shaped_vowel(code: u8) -> bool {
    matches!(code, A_BREVE | A_CIRC | E_CIRC | O_CIRC | O_HORN)
}

// Layout of a table entry (u16).
pub(crate) const CODE_MASK: u16 = 0x3F;
const TONE_SHIFT: u16 = 6;
const TONE_MASK: u16 = 0x7 << TONE_SHIFT;
/// The letter is upper case.
pub(crate) const UPPER: u16 = 1 << 9;
/// The letter is a vowel.
pub(crate) const VOWEL: u16 = 1 << 10;
/// The letter is a vowel without ă/â/ê/ô/ơ shape (a e i o u y ư): a tone on
/// it may belong elsewhere.
pub(crate) const PLAIN_VOWEL: u16 = 1 << 11;
/// The letter carries a tone mark.
pub(crate) const TONED: u16 = 1 << 12;
/// A plain vowel (see [`PLAIN_VOWEL`]) carrying a tone mark.
pub(crate) const TONED_PLAIN: u16 = 1 << 13;
/// The letter is `ơ` or `ư` (any tone, any case): a horn may be missing
/// on its neighbour (`uơ`, `ưo`).
pub(crate) const HORNED: u16 = 1 << 14;

/// One decoded letter: the raw table entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Info(pub(crate) u16);

impl Info {
    #[inline]
    pub(crate) const fn is_letter(self) -> bool {
        self.0 != 0
    }
    #[inline]
    pub(crate) const fn code(self) -> u8 {
        (self.0 & CODE_MASK) as u8
    }
    #[inline]
    pub(crate) const fn tone_index(self) -> u8 {
        ((self.0 & TONE_MASK) >> TONE_SHIFT) as u8
    }
    #[inline]
    pub(crate) const fn is_upper(self) -> bool {
        self.0 & UPPER != 0
    }
}

const LOW_END: usize = 0x1B1; // U+0000..=U+01B0
const EXT_START: u32 = 0x1EA0; // U+1EA0..=U+1EF9
const EXT_LEN: usize = 0x5A;
/// A power of two, so that masked indices need no bounds check.
const UTF8_LEN: usize = 0x400;

/// Letter lookup and composition tables.
pub(crate) struct Table {
    low: [u16; LOW_END],
    ext: [u16; EXT_LEN],
    /// Entries indexed by UTF-8 bytes (see [`Table::info_utf8`]).
    utf8: [u16; UTF8_LEN],
    /// `[code][upper][tone]` → the precomposed letter.
    compose: [[[char; 6]; 2]; CODES],
}

impl Table {
    /// The entry of `cp` (0 when `cp` is not a Vietnamese letter).
    #[inline]
    pub(crate) fn info(&self, cp: u32) -> Info {
        let v = if (cp as usize) < LOW_END {
            self.low.get(cp as usize).copied().unwrap_or(0)
        } else if cp >= EXT_START {
            self.ext.get((cp - EXT_START) as usize).copied().unwrap_or(0)
        } else {
            0
        };
        Info(v)
    }

    /// The entry and UTF-8 length of the char whose first bytes are `b0`,
    /// `b1`, `b2`, when it lies in the blocks that hold every non-ASCII
    /// Vietnamese letter (U+00C0–U+01BF, U+1E80–U+1EFF); `None` otherwise.
    #[inline(always)]
    pub(crate) fn info_utf8(&self, b0: u8, b1: u8, b2: u8) -> Option<(Info, usize)> {
        let three = b0 == 0xE1 && (b1 & 0xFE) == 0xBA;
        if !(three || b0.wrapping_sub(0xC3) < 4) {
            return None;
        }
        let idx2 = (usize::from(b0 & 0x1F) << 6) | usize::from(b1 & 0x3F);
        let idx3 = 0x200 | (usize::from(b1 & 1) << 6) | usize::from(b2 & 0x3F);
        let idx = if three { idx3 } else { idx2 };
        let v = self.utf8.get(idx).copied().unwrap_or(0);
        Some((Info(v), 2 + usize::from(three)))
    }

    /// The entry of the 2-byte char `b0 b1` when `b0` is in `0xC3..=0xC6`
    /// (U+00C0–U+01BF); meaningless for other lead bytes.
    #[inline(always)]
    pub(crate) fn info2(&self, b0: u8, b1: u8) -> u16 {
        let idx = (usize::from(b0 & 0x1F) << 6) | usize::from(b1 & 0x3F);
        self.utf8.get(idx & (UTF8_LEN - 1)).copied().unwrap_or(0)
    }

    /// The entry of the 3-byte char `E1 b1 b2` when `b1` is `0xBA` or
    /// `0xBB` (U+1E80–U+1EFF); meaningless for other bytes.
    #[inline(always)]
    pub(crate) fn info3(&self, b1: u8, b2: u8) -> u16 {
        let idx = 0x200 | (usize::from(b1 & 1) << 6) | usize::from(b2 & 0x3F);
        self.utf8.get(idx & (UTF8_LEN - 1)).copied().unwrap_or(0)
    }

    /// The entry of an ASCII byte.
    #[inline(always)]
    pub(crate) fn info_ascii(&self, b: u8) -> Info {
        Info(self.low.get(usize::from(b & 0x7F)).copied().unwrap_or(0))
    }

    /// The entry of `c`.
    #[inline]
    pub(crate) fn info_char(&self, c: char) -> Info {
        self.info(c as u32)
    }

    /// The letter with base `code`, `tone` and case.
    #[inline]
    pub(crate) fn compose(&self, code: u8, tone: Tone, upper: bool) -> char {
        self.compose
            .get(code as usize)
            .and_then(|c| c.get(usize::from(upper)))
            .and_then(|c| c.get(tone as usize))
            .copied()
            .unwrap_or('\u{FFFD}')
    }
}

/// The shared table, built on first use.
pub(crate) static TABLE: LazyLock<Table> = LazyLock::new(build);

fn base_code(base: char, shape: Option<char>) -> Option<u8> {
    let lower = base.to_ascii_lowercase();
    Some(match (lower, shape) {
        ('a', None) => A,
        ('a', Some('\u{306}')) => A_BREVE,
        ('a', Some('\u{302}')) => A_CIRC,
        ('e', None) => E,
        ('e', Some('\u{302}')) => E_CIRC,
        ('o', None) => O,
        ('o', Some('\u{302}')) => O_CIRC,
        ('o', Some('\u{31B}')) => O_HORN,
        ('u', None) => U,
        ('u', Some('\u{31B}')) => U_HORN,
        ('i', None) => I,
        ('y', None) => Y,
        ('f' | 'j' | 'w' | 'z', None) => FOREIGN,
        (c, None) if c.is_ascii_lowercase() => {
            let idx = SPELLING.iter().position(|&s| s == c)?;
            if idx == 0 {
                return None;
            }
            idx as u8
        }
        _ => return None,
    })
}

fn tone_of_mark(m: char) -> Option<Tone> {
    Some(match m {
        '\u{300}' => Tone::Huyen,
        '\u{301}' => Tone::Sac,
        '\u{309}' => Tone::Hoi,
        '\u{303}' => Tone::Nga,
        '\u{323}' => Tone::Nang,
        _ => return None,
    })
}

/// Analyses one code point through its canonical decomposition.
fn entry(c: char) -> u16 {
    let (code, tone) = match c {
        'đ' | 'Đ' => (D_STROKE, Tone::Ngang),
        _ => {
            let mut parts: Vec<char> = Vec::with_capacity(4);
            decompose_canonical(c, |d| parts.push(d));
            let Some((&base, marks)) = parts.split_first() else {
                return 0;
            };
            if !base.is_ascii_alphabetic() {
                return 0;
            }
            let mut shape = None;
            let mut tone = Tone::Ngang;
            for &m in marks {
                if let Some(t) = tone_of_mark(m) {
                    if tone != Tone::Ngang {
                        return 0;
                    }
                    tone = t;
                } else if matches!(m, '\u{302}' | '\u{306}' | '\u{31B}') && shape.is_none() {
                    shape = Some(m);
                } else {
                    return 0;
                }
            }
            let Some(code) = base_code(base, shape) else {
                return 0;
            };
            if tone != Tone::Ngang && !is_vowel(code) {
                return 0;
            }
            (code, tone)
        }
    };
    let mut v = u16::from(code) | ((tone as u16) << TONE_SHIFT);
    if c.is_uppercase() {
        v |= UPPER;
    }
    if is_vowel(code) {
        v |= VOWEL;
        if !is_shaped_vowel(code) {
            v |= PLAIN_VOWEL;
        }
    }
    if matches!(code, O_HORN | U_HORN) {
        v |= HORNED;
    }
    if tone != Tone::Ngang {
        v |= TONED;
        if v & PLAIN_VOWEL != 0 {
            v |= TONED_PLAIN;
        }
    }
    v
}

fn build() -> Table {
    let mut t = Table {
        low: [0; LOW_END],
        ext: [0; EXT_LEN],
        utf8: [0; UTF8_LEN],
        compose: [[['\u{FFFD}'; 6]; 2]; CODES],
    };
    let record = |c: char, v: u16, t: &mut Table| {
        let info = Info(v);
        if let Some(slot) = t
            .compose
            .get_mut(info.code() as usize)
            .and_then(|s| s.get_mut(usize::from(info.is_upper())))
            .and_then(|s| s.get_mut(info.tone_index() as usize))
        {
            // Prefer the first (lowest) code point, e.g. ASCII over look-alikes.
            if *slot == '\u{FFFD}' {
                *slot = c;
            }
        }
    };
    for cp in 0..LOW_END as u32 {
        if let Some(c) = char::from_u32(cp) {
            let v = entry(c);
            if v != 0 {
                if let Some(slot) = t.low.get_mut(cp as usize) {
                    *slot = v;
                }
                record(c, v, &mut t);
            }
        }
    }
    for (i, cp) in (EXT_START..EXT_START + EXT_LEN as u32).enumerate() {
        if let Some(c) = char::from_u32(cp) {
            let v = entry(c);
            if v != 0 {
                if let Some(slot) = t.ext.get_mut(i) {
                    *slot = v;
                }
                record(c, v, &mut t);
            }
        }
    }
    for cp in 0xC0u32..0x1C0 {
        let v = t.info(cp).0;
        if let Some(slot) = t.utf8.get_mut(cp as usize) {
            *slot = v;
        }
    }
    for cp in 0x1E80u32..0x1F00 {
        let v = t.info(cp).0;
        if let Some(slot) = t.utf8.get_mut(0x200 + (cp - 0x1E80) as usize) {
            *slot = v;
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_the_134_precomposed_letters() {
        let t = &*TABLE;
        let non_ascii = (0u32..0x1F00)
            .filter_map(char::from_u32)
            .filter(|&c| !c.is_ascii() && t.info_char(c).is_letter())
            .count();
        assert_eq!(non_ascii, 134);
    }

    #[test]
    fn utf8_index_agrees_with_code_points() {
        let t = &*TABLE;
        for cp in (0x80u32..0x800).chain(0x1E00..0x1F00) {
            let Some(c) = char::from_u32(cp) else { continue };
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let got = t.info_utf8(
                b[0],
                b.get(1).copied().unwrap_or(0),
                b.get(2).copied().unwrap_or(0),
            );
            match got {
                Some((info, len)) => {
                    assert_eq!(len, b.len(), "{c}");
                    assert_eq!(info, t.info_char(c), "{c}");
                }
                None => assert!(!t.info_char(c).is_letter(), "{c} is a letter"),
            }
        }
    }

    #[test]
    fn decodes_and_composes_round_trip() {
        let t = &*TABLE;
        for c in "aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵđĐỆỸ".chars()
        {
            let i = t.info_char(c);
            assert!(i.is_letter(), "{c}");
            let tone = Tone::from_index(i.tone_index());
            assert_eq!(t.compose(i.code(), tone, i.is_upper()), c);
        }
        let e = t.info_char('Ệ');
        assert_eq!(
            (e.code(), e.tone_index(), e.is_upper()),
            (E_CIRC, Tone::Nang as u8, true)
        );
        assert!(!t.info_char('ç').is_letter());
        assert!(!t.info_char('ö').is_letter());
        assert!(!t.info_char('ð').is_letter());
    }
}
