//! The Vietnamese vowel letters split into base, shape and tone, and a
//! plausibility check for one written syllable (used to tell a right
//! decoding from a wrong one).

use std::collections::{HashMap, HashSet};
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

struct Vowels {
    by_char: HashMap<char, Vowel>,
    by_parts: HashMap<(char, Shape, Tone), char>,
}

/// Built from Unicode composition (base + shape mark + tone mark, NFC), so no
/// letter is typed by hand: 12 bases × 6 tones × 2 cases = 144 forms.
static VOWELS: LazyLock<Vowels> = LazyLock::new(|| {
    let mut by_char = HashMap::new();
    let mut by_parts = HashMap::new();
    for (base, shape) in BASES {
        for ascii in [base, base.to_ascii_uppercase()] {
            for tone in TONES {
                let seq: String = std::iter::once(ascii)
                    .chain(shape.mark())
                    .chain(tone.mark())
                    .collect();
                let mut composed = seq.nfc();
                if let (Some(c), None) = (composed.next(), composed.next()) {
                    by_char.insert(c, Vowel { ascii, shape, tone });
                    by_parts.insert((ascii, shape, tone), c);
                }
            }
        }
    }
    Vowels { by_char, by_parts }
});

/// Splits a vowel letter (any case, NFC) into its parts.
pub(crate) fn vowel(c: char) -> Option<Vowel> {
    VOWELS.by_char.get(&c).copied()
}

/// Composes a vowel letter; `None` for impossible combinations (`y` + horn).
pub(crate) fn compose(ascii: char, shape: Shape, tone: Tone) -> Option<char> {
    VOWELS.by_parts.get(&(ascii, shape, tone)).copied()
}

/// Whether `c` is one of the 134 non-ASCII Vietnamese letters.
pub(crate) fn is_vietnamese_letter(c: char) -> bool {
    !c.is_ascii() && (c == 'đ' || c == 'Đ' || VOWELS.by_char.contains_key(&c))
}

struct Rhymes {
    plain: HashSet<&'static str>,
    after_qu: HashSet<&'static str>,
}

static RHYMES: LazyLock<Rhymes> = LazyLock::new(|| {
    let mut plain = HashSet::new();
    let mut after_qu = HashSet::new();
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

const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k",
    "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

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
    if rhyme_ok(s, "") {
        return true;
    }
    for onset in ONSETS {
        if let Some(rest) = s.strip_prefix(onset) {
            if rhyme_ok(rest, onset) {
                return true;
            }
            // `gi` + consonant (gìn, gì): the i is the nucleus, the onset is g.
            if onset == "gi" && rhyme_ok(&s[1..], "g") {
                return true;
            }
            // Only the longest matching onset (plus the gi case) applies.
            if onset != "ngh" && onset != "gi" && onset != "qu" {
                return false;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vowel_table_has_all_forms() {
        assert_eq!(VOWELS.by_char.len(), 144);
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
