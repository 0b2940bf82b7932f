//! The Vietnamese vowel letters split into base, shape and tone, and a
//! plausibility check for one written syllable (used to tell a right
//! decoding from a wrong one).

use std::collections::HashSet;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// The shape mark on a vowel letter (ă, â ê ô, ơ ư).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Shape {
    None,
    Breve,
    Circumflex,
    Horn,
}

/// The six tones, in the order sắc, huyền, hỏi, ngã, nặng after ngang.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Tone {
    Level,
    Acute,
    Grave,
    Hook,
    Tilde,
    Dot,
}

pub(crate) const TONES: [Tone; 6] = [
    Tone::Level,
    Tone::Acute,
    Tone::Grave,
    Tone::Hook,
    Tone::Tilde,
    Tone::Dot,
];

impl Tone {
    /// The combining mark of this tone (§1.2), none for ngang.
    pub(crate) fn mark(self) -> Option<char> {
        match self {
            Tone::Level => None,
            Tone::Acute => Some('\u{301}'),
            Tone::Grave => Some('\u{300}'),
            Tone::Hook => Some('\u{309}'),
            Tone::Tilde => Some('\u{303}'),
            Tone::Dot => Some('\u{323}'),
        }
    }
}

impl Shape {
    fn mark(self) -> Option<char> {
        match self {
            Shape::None => None,
            Shape::Breve => Some('\u{306}'),
            Shape::Circumflex => Some('\u{302}'),
            Shape::Horn => Some('\u{31B}'),
        }
    }
}

/// A vowel letter: its ASCII base (keeping case), shape and tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Vowel {
    pub ascii: char,
    pub shape: Shape,
    pub tone: Tone,
}

/// The 12 vowel letters as (ASCII base, shape) (§1.1).
pub(crate) const BASES: [(char, Shape); 12] = [
    ('a', Shape::None),
    ('a', Shape::Breve),
    ('a', Shape::Circumflex),
    ('e', Shape::None),
    ('e', Shape::Circumflex),
    ('i', Shape::None),
    ('o', Shape::None),
    ('o', Shape::Circumflex),
    ('o', Shape::Horn),
    ('u', Shape::None),
    ('u', Shape::Horn),
    ('y', Shape::None),
];

/// Index of a (lower-case ASCII base, shape) pair in [`BASES`].
fn base_index(ascii: char, shape: Shape) -> Option<usize> {
    BASES.iter().position(|&(b, s)| b == ascii && s == shape)
}

/// The vowel letters live in U+0041–U+01B0 and U+1EA0–U+1EF9: two arrays
/// indexed by code point make the look-up a bounds check and a load.
const LOW_END: u32 = 0x1B1;
const HIGH_START: u32 = 0x1EA0;
const HIGH_END: u32 = 0x1EFA;

struct Vowels {
    low: Vec<Option<Vowel>>,
    high: Vec<Option<Vowel>>,
    /// `[base index][upper?][tone]`.
    parts: [[[Option<char>; 6]; 2]; 12],
}

/// Built from Unicode composition (base + shape mark + tone mark, NFC), so no
/// letter is typed by hand: 12 bases × 6 tones × 2 cases = 144 forms.
static VOWELS: LazyLock<Vowels> = LazyLock::new(|| {
    let mut v = Vowels {
        low: vec![None; LOW_END as usize],
        high: vec![None; (HIGH_END - HIGH_START) as usize],
        parts: [[[None; 6]; 2]; 12],
    };
    for (index, &(base, shape)) in BASES.iter().enumerate() {
        for (upper, ascii) in [base, base.to_ascii_uppercase()].into_iter().enumerate() {
            for (t, tone) in TONES.into_iter().enumerate() {
                let seq: String = std::iter::once(ascii)
                    .chain(shape.mark())
                    .chain(tone.mark())
                    .collect();
                let mut composed = seq.nfc();
                let (Some(c), None) = (composed.next(), composed.next()) else {
                    continue;
                };
                let cp = u32::from(c);
                let slot = if cp < LOW_END {
                    v.low.get_mut(cp as usize)
                } else {
                    cp.checked_sub(HIGH_START)
                        .and_then(|i| v.high.get_mut(i as usize))
                };
                if let Some(slot) = slot {
                    *slot = Some(Vowel { ascii, shape, tone });
                    v.parts[index][upper][t] = Some(c);
                }
            }
        }
    }
    v
});

/// Splits a vowel letter (any case, NFC) into its parts.
pub(crate) fn vowel(c: char) -> Option<Vowel> {
    let cp = u32::from(c);
    let v = &*VOWELS;
    if cp < LOW_END {
        v.low.get(cp as usize).copied().flatten()
    } else if (HIGH_START..HIGH_END).contains(&cp) {
        v.high.get((cp - HIGH_START) as usize).copied().flatten()
    } else {
        None
    }
}

/// Composes a vowel letter; `None` for impossible combinations (`y` + horn).
pub(crate) fn compose(ascii: char, shape: Shape, tone: Tone) -> Option<char> {
    let index = base_index(ascii.to_ascii_lowercase(), shape)?;
    let upper = usize::from(ascii.is_ascii_uppercase());
    let t = TONES.iter().position(|&x| x == tone)?;
    VOWELS.parts.get(index)?.get(upper)?.get(t).copied().flatten()
}

/// The tone of a combining tone mark (U+0300, U+0301, U+0303, U+0309,
/// U+0323, and the deprecated U+0340/U+0341).
pub(crate) fn tone_of_mark(c: char) -> Option<Tone> {
    match c {
        '\u{301}' | '\u{341}' => Some(Tone::Acute),
        '\u{300}' | '\u{340}' => Some(Tone::Grave),
        '\u{309}' => Some(Tone::Hook),
        '\u{303}' => Some(Tone::Tilde),
        '\u{323}' => Some(Tone::Dot),
        _ => None,
    }
}

/// FNV-1a: the rhyme keys are a few bytes long, where SipHash's set-up
/// dominates.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvSet<T> = HashSet<T, std::hash::BuildHasherDefault<Fnv>>;

/// Whether `c` is one of the 134 non-ASCII Vietnamese letters.
pub(crate) fn is_vietnamese_letter(c: char) -> bool {
    !c.is_ascii() && (c == 'đ' || c == 'Đ' || vowel(c).is_some())
}

struct Rhymes {
    plain: FnvSet<&'static str>,
    after_qu: FnvSet<&'static str>,
}

static RHYMES: LazyLock<Rhymes> = LazyLock::new(|| {
    let mut plain = FnvSet::default();
    let mut after_qu = FnvSet::default();
    for line in include_str!("../../data/legacy/rhymes.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.strip_prefix("qu+") {
            Some(rest) => after_qu.insert(rest),
            None => plain.insert(line),
        };
    }
    Rhymes { plain, after_qu }
});

/// Number of rhymes in the embedded table (plain, after `qu`).
#[cfg(test)]
pub(crate) fn rhyme_counts() -> (usize, usize) {
    (RHYMES.plain.len(), RHYMES.after_qu.len())
}

/// Length in bytes of the written onset at the start of `s` (lower case,
/// toneless): the longest of the 27 onsets of orthography.md §2.1, or 0.
fn onset_len(s: &str) -> usize {
    match s.as_bytes() {
        [b'n', b'g', b'h', ..] => 3,
        [b'n', b'g' | b'h', ..]
        | [b'c' | b'k' | b'p', b'h', ..]
        | [b'g', b'h' | b'i', ..]
        | [b'q', b'u', ..]
        | [b't', b'h' | b'r', ..] => 2,
        [b'b' | b'c' | b'd' | b'g' | b'h' | b'k' | b'l' | b'm' | b'n' | b'p' | b'r' | b's' | b't' | b'v'
        | b'x', ..] => 1,
        _ if s.starts_with('đ') => 'đ'.len_utf8(),
        _ => 0,
    }
}

/// Whether `word` (letters only, any case, NFC) spells a Vietnamese syllable
/// by the structure of orthography.md §2.7: one tone at most, an onset, a
/// rhyme from the attested inventory, and sắc/nặng only on stop codas.
/// `buf` is scratch space, reused between calls.
pub(crate) fn is_plausible_syllable(word: &str, buf: &mut String) -> bool {
    buf.clear();
    let mut tone = Tone::Level;
    for c in word.chars() {
        if let Some(v) = vowel(c) {
            if v.tone != Tone::Level {
                if tone != Tone::Level {
                    return false;
                }
                tone = v.tone;
            }
            match compose(v.ascii.to_ascii_lowercase(), v.shape, Tone::Level) {
                Some(base) => buf.push(base),
                None => return false,
            }
        } else if c == 'đ' || c == 'Đ' {
            buf.push('đ');
        } else if c.is_ascii_alphabetic() {
            buf.push(c.to_ascii_lowercase());
        } else {
            return false;
        }
        if buf.len() > 24 {
            return false;
        }
    }
    let rhymes = &*RHYMES;
    let rhyme_ok = |rhyme: &str, onset: &str| -> bool {
        let set = if onset == "qu" {
            &rhymes.after_qu
        } else {
            &rhymes.plain
        };
        if !set.contains(rhyme) {
            return false;
        }
        let stop =
            rhyme.ends_with('c') || rhyme.ends_with("ch") || rhyme.ends_with('p') || rhyme.ends_with('t');
        !stop || matches!(tone, Tone::Acute | Tone::Dot)
    };
    let s = buf.as_str();
    let n = onset_len(s);
    let (onset, rhyme) = (s.get(..n).unwrap_or(""), s.get(n..).unwrap_or(""));
    // `gi` + consonant (gìn, gì): the i is the nucleus, the onset is g.
    rhyme_ok(rhyme, onset) || (onset == "gi" && rhyme_ok(s.get(1..).unwrap_or(""), "g"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vowel_table_has_all_forms() {
        let count = VOWELS.low.iter().chain(&VOWELS.high).flatten().count();
        assert_eq!(count, 144);
        assert_eq!(
            vowel('ệ').map(|v| (v.ascii, v.shape, v.tone)),
            Some(('e', Shape::Circumflex, Tone::Dot))
        );
        assert_eq!(compose('U', Shape::Horn, Tone::Hook), Some('Ử'));
        assert_eq!(compose('y', Shape::Horn, Tone::Level), None);
    }

    #[test]
    fn syllables() {
        let mut buf = String::new();
        let (plain, qu) = rhyme_counts();
        assert!(plain > 150 && qu > 40, "{plain} {qu}");
        for w in [
            "người",
            "được",
            "Việt",
            "Nguyễn",
            "quốc",
            "giữa",
            "gìn",
            "khuya",
            "thuở",
            "hoà",
            "hòa",
            "chuyện",
            "nghiêng",
            "đ\u{1b0}ờng",
            "ĐỒNG",
        ] {
            assert!(is_plausible_syllable(w, &mut buf), "{w}");
        }
        for w in [
            "vµ",
            "Vieät",
            "ngöôøi",
            "mèt",
            "dàì",
            "hát2",
            "ìng",
            "ngưong",
            "bàt",
            "nhöõng",
        ] {
            assert!(!is_plausible_syllable(w, &mut buf), "{w}");
        }
    }
}
