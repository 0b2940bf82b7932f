//! The phonology of one written Vietnamese syllable: onset, medial glide,
//! nucleus, coda and tone, the rules that tell a Vietnamese syllable from
//! other words, and tone-mark placement in the old and new styles.
//!
//! A syllable is parsed from its letters (any letter case; NFC fast, other
//! forms through normalization), checked against the rhyme inventory of
//! `data/rhymes.txt`, the positional spelling rules (k/c, gh/g, ngh/ng) and
//! the stop-coda rule (c, ch, p, t take only sắc or nặng), and can be
//! rendered back with its tone mark where either style wants it, keeping
//! the letter case of every letter.
//!
//! ```
//! use viet_text::syllable::{is_syllable, Syllable, Tone};
//! use viet_text::ToneStyle;
//!
//! assert!(is_syllable("phát"));
//! assert!(!is_syllable("UBND"));
//! let s = Syllable::parse("Thủy").unwrap();
//! assert_eq!((s.onset(), s.medial(), s.nucleus(), s.coda()), ("th", Some('u'), "y", ""));
//! assert_eq!(s.tone(), Tone::Hoi);
//! assert_eq!(s.render(ToneStyle::New), "Thuỷ");
//! ```

mod letters;
mod rhymes;

/// Letter codes for the normalizer.
pub(crate) mod letters_api {
    pub(crate) use super::letters::{is_vowel, A, A_BREVE, A_CIRC, E, E_CIRC, O, O_CIRC, O_HORN, U, U_HORN};
}

pub(crate) use letters::{
    Info, Table, ASCII_BASE, CODE_MASK, HORNED, O, O_HORN, TABLE, TONED, TONED_PLAIN, U, U_HORN, VOWEL,
};

use crate::normalize::ToneStyle;
use letters::*;
use rhymes::{Rhyme, RHYMES};
use std::fmt;

/// The six tones of Vietnamese, named as in Vietnamese grammar.
///
/// ```
/// use viet_text::syllable::Tone;
/// assert_eq!(Tone::from_mark('\u{0301}'), Some(Tone::Sac));
/// assert_eq!(Tone::Nang.mark(), Some('\u{0323}'));
/// assert_eq!(Tone::Ngang.mark(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Tone {
    /// Level tone, no mark (`ma`).
    #[default]
    Ngang = 0,
    /// Falling tone, grave accent (`mà`).
    Huyen = 1,
    /// Rising tone, acute accent (`má`).
    Sac = 2,
    /// Dipping tone, hook above (`mả`).
    Hoi = 3,
    /// Broken tone, tilde (`mã`).
    Nga = 4,
    /// Heavy tone, dot below (`mạ`).
    Nang = 5,
}

impl Tone {
    /// All six tones, ngang first.
    ///
    /// ```
    /// assert_eq!(viet_text::syllable::Tone::ALL.len(), 6);
    /// ```
    pub const ALL: [Tone; 6] = [
        Tone::Ngang,
        Tone::Huyen,
        Tone::Sac,
        Tone::Hoi,
        Tone::Nga,
        Tone::Nang,
    ];

    pub(crate) const fn from_index(i: u8) -> Tone {
        match i {
            1 => Tone::Huyen,
            2 => Tone::Sac,
            3 => Tone::Hoi,
            4 => Tone::Nga,
            5 => Tone::Nang,
            _ => Tone::Ngang,
        }
    }

    /// The combining mark that writes this tone (`None` for ngang).
    ///
    /// ```
    /// assert_eq!(viet_text::syllable::Tone::Huyen.mark(), Some('\u{0300}'));
    /// ```
    pub const fn mark(self) -> Option<char> {
        match self {
            Tone::Ngang => None,
            Tone::Huyen => Some('\u{300}'),
            Tone::Sac => Some('\u{301}'),
            Tone::Hoi => Some('\u{309}'),
            Tone::Nga => Some('\u{303}'),
            Tone::Nang => Some('\u{323}'),
        }
    }

    /// The tone written by a combining mark, including the deprecated
    /// U+0340/U+0341 tone marks.
    ///
    /// ```
    /// use viet_text::syllable::Tone;
    /// assert_eq!(Tone::from_mark('\u{0341}'), Some(Tone::Sac));
    /// assert_eq!(Tone::from_mark('\u{0302}'), None);
    /// ```
    pub const fn from_mark(mark: char) -> Option<Tone> {
        match mark {
            '\u{300}' | '\u{340}' => Some(Tone::Huyen),
            '\u{301}' | '\u{341}' => Some(Tone::Sac),
            '\u{309}' => Some(Tone::Hoi),
            '\u{303}' => Some(Tone::Nga),
            '\u{323}' => Some(Tone::Nang),
            _ => None,
        }
    }
}

/// Why a word is not a Vietnamese syllable.
///
/// ```
/// use viet_text::syllable::{Syllable, SyllableError};
/// assert_eq!(Syllable::parse("bàt"), Err(SyllableError::StopCodaTone));
/// assert_eq!(Syllable::parse("ca"), Ok(Syllable::parse("ca").unwrap()));
/// assert_eq!(Syllable::parse("ce"), Err(SyllableError::Spelling));
/// println!("{}", SyllableError::Rhyme);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyllableError {
    /// The word is empty.
    Empty,
    /// A character is not a letter of the Vietnamese alphabet.
    NotALetter,
    /// More letters than any syllable has.
    TooLong,
    /// No vowel letter.
    NoVowel,
    /// The consonants before the vowel are not an onset.
    Onset,
    /// The letters after the onset are not a rhyme.
    Rhyme,
    /// A positional spelling rule is broken (k/c, gh/g, ngh/ng, iê/yê).
    Spelling,
    /// A stop coda (c, ch, p, t) with a tone other than sắc or nặng.
    StopCodaTone,
    /// More than one tone mark.
    ToneMarks,
}

impl fmt::Display for SyllableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SyllableError::Empty => "empty word",
            SyllableError::NotALetter => "a character is not a Vietnamese letter",
            SyllableError::TooLong => "too many letters for a syllable",
            SyllableError::NoVowel => "no vowel letter",
            SyllableError::Onset => "not a Vietnamese onset",
            SyllableError::Rhyme => "not a Vietnamese rhyme",
            SyllableError::Spelling => "breaks a positional spelling rule (k/c, gh/g, ngh/ng)",
            SyllableError::StopCodaTone => "a stop coda (c, ch, p, t) takes only sắc or nặng",
            SyllableError::ToneMarks => "more than one tone mark",
        })
    }
}

impl std::error::Error for SyllableError {}

/// Most letters a syllable has (`nghiêng` has 7).
pub(crate) const MAX_LETTERS: usize = 8;

/// A word decoded into letter codes, with its tone marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Letters {
    codes: [u8; MAX_LETTERS],
    len: u8,
    /// Bit `i`: letter `i` is upper case.
    upper: u8,
    /// Bit `i`: letter `i` carries a tone mark.
    toned: u8,
    tone: Tone,
    /// Toned letters disagree on the tone.
    mixed: bool,
}

enum DecodeError {
    Syllable(SyllableError),
    /// Combining marks: normalize first.
    NeedsNfc,
}

impl Letters {
    // (Always inlined, as `Syllable::check`.)
    #[inline(always)]
    fn decode(word: &str, table: &Table) -> Result<Letters, DecodeError> {
        // Built in registers and stored once (byte-wise stores followed by
        // a wide copy of the struct would stall store forwarding).
        let mut codes: u64 = 0;
        let (mut upper, mut toned, mut tone, mut mixed) = (0u8, 0u8, 0u16, false);
        let mut n = 0usize;
        let b = word.as_bytes();
        let mut j = 0;
        while let Some(&b0) = b.get(j) {
            let (info, len) = if b0 < 0x80 {
                (table.info_ascii(b0), 1)
            } else {
                let b1 = b.get(j + 1).copied().unwrap_or(0);
                let b2 = b.get(j + 2).copied().unwrap_or(0);
                table.info_utf8(b0, b1, b2).unwrap_or((Info(0), 1))
            };
            if !info.is_letter() {
                if b0 < 0x80 {
                    return Err(DecodeError::Syllable(SyllableError::NotALetter));
                }
                let c = word.get(j..).and_then(|t| t.chars().next()).unwrap_or('\0');
                return Err(if unicode_normalization::char::is_combining_mark(c) {
                    DecodeError::NeedsNfc
                } else {
                    DecodeError::Syllable(SyllableError::NotALetter)
                });
            }
            if n == MAX_LETTERS {
                return Err(DecodeError::Syllable(SyllableError::TooLong));
            }
            j += len;
            codes |= u64::from(info.code()) << (8 * n);
            upper |= u8::from(info.is_upper()) << n;
            let t = u16::from(info.tone_index());
            if t != 0 {
                mixed |= toned != 0 && t != tone;
                tone = t;
                toned |= 1 << n;
            }
            n += 1;
        }
        if n == 0 {
            return Err(DecodeError::Syllable(SyllableError::Empty));
        }
        Ok(Letters {
            codes: codes.to_le_bytes(),
            len: n as u8,
            upper,
            toned,
            tone: Tone::from_index(tone as u8),
            mixed,
        })
    }

    #[inline]
    fn codes(&self) -> &[u8] {
        self.codes.get(..self.len as usize).unwrap_or(&[])
    }

    #[inline]
    fn marks(&self) -> u32 {
        self.toned.count_ones()
    }
}

/// One parsed Vietnamese syllable.
///
/// ```
/// use viet_text::syllable::{Syllable, Tone};
/// let s = Syllable::parse("NGƯỜI").unwrap();
/// assert_eq!(s.onset(), "ng");
/// assert_eq!(s.nucleus(), "ươ");
/// assert_eq!(s.coda(), "i");
/// assert_eq!(s.tone(), Tone::Huyen);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Syllable {
    letters: Letters,
    onset_len: u8,
    onset: &'static str,
    rhyme: &'static Rhyme,
}

/// The onset at the start of `codes` (letters before the first vowel, with
/// the `gi` and `qu` rules), as (length, spelling).
#[inline]
fn split_onset(codes: &[u8]) -> Result<(usize, &'static str), SyllableError> {
    let first_vowel = codes
        .iter()
        .position(|&c| is_vowel(c))
        .ok_or(SyllableError::NoVowel)?;
    let after = |i: usize| codes.get(i).copied().unwrap_or(0);
    let onset: &'static str = match codes.get(..first_vowel).unwrap_or(&[]) {
        [] => "",
        [G] => {
            // `gi` is the onset when another vowel follows the `i` (già, giếng);
            // otherwise the `i` is the nucleus and the onset is `g` (gì, gìn).
            if after(1) == I && is_vowel(after(2)) && !matches!(after(2), I | Y) {
                return Ok((2, "gi"));
            }
            "g"
        }
        [Q] => {
            if after(1) == U && is_vowel(after(2)) {
                return Ok((2, "qu"));
            }
            return Err(SyllableError::Onset);
        }
        [B] => "b",
        [C] => "c",
        [D] => "d",
        [D_STROKE] => "đ",
        [H] => "h",
        [K] => "k",
        [L] => "l",
        [M] => "m",
        [N] => "n",
        [P] => "p",
        [R] => "r",
        [S] => "s",
        [T] => "t",
        [V] => "v",
        [X] => "x",
        [C, H] => "ch",
        [G, H] => "gh",
        [K, H] => "kh",
        [N, G] => "ng",
        [N, H] => "nh",
        [P, H] => "ph",
        [T, H] => "th",
        [T, R] => "tr",
        [N, G, H] => "ngh",
        _ => return Err(SyllableError::Onset),
    };
    Ok((first_vowel, onset))
}

/// Whether the onset's spelling fits the first letter after it.
#[inline]
fn spelling_ok(onset: &[u8], next: u8) -> bool {
    let front = matches!(next, I | E | E_CIRC);
    match onset {
        [C] => !front && next != Y,
        [K] => front || next == Y,
        [G] => !matches!(next, E | E_CIRC),
        [G, H] | [N, G, H] => front,
        [N, G] => !front,
        _ => true,
    }
}

impl Syllable {
    /// Parses one syllable (any letter case; NFC is fastest, decomposed input
    /// is normalized first). A tone mark on a letter neither style uses
    /// (`qủa`) still parses; see [`Syllable::is_tone_well_placed`].
    ///
    /// ```
    /// use viet_text::syllable::{Syllable, SyllableError};
    /// assert!(Syllable::parse("quý").is_ok());
    /// assert!(Syllable::parse("gìn").is_ok());
    /// assert_eq!(Syllable::parse("Toyota"), Err(SyllableError::Rhyme));
    /// assert_eq!(Syllable::parse("dàì"), Err(SyllableError::ToneMarks));
    /// ```
    pub fn parse(word: &str) -> Result<Syllable, SyllableError> {
        let table = &*TABLE;
        let letters = match Letters::decode(word, table) {
            Ok(l) => l,
            Err(DecodeError::Syllable(e)) => return Err(e),
            Err(DecodeError::NeedsNfc) => {
                let n = crate::normalize::nfc(word);
                match Letters::decode(&n, table) {
                    Ok(l) => l,
                    Err(DecodeError::Syllable(e)) => return Err(e),
                    Err(DecodeError::NeedsNfc) => return Err(SyllableError::NotALetter),
                }
            }
        };
        Self::from_letters(letters, false)
    }

    /// Parses an NFC word for repair: accepts the same tone mark written on
    /// several letters (`dàì`), and a missing horn in `ươ` (`đuợc`,
    /// `đưọc` → `được`) when only the horned spelling is a syllable. The
    /// flag tells whether letters were changed. `None` for non-syllables.
    #[inline]
    pub(crate) fn parse_for_repair(word: &str, table: &Table) -> Option<(Syllable, bool)> {
        let letters = Letters::decode(word, table).ok()?;
        match Self::from_letters(letters, true) {
            Ok(s) => Some((s, false)),
            Err(SyllableError::Rhyme) => {
                let codes = letters.codes();
                let k = codes
                    .windows(2)
                    .position(|w| matches!(w, [U, O_HORN] | [U_HORN, O]))?;
                let mut fixed = letters;
                for slot in fixed.codes.get_mut(k..k + 2)? {
                    *slot = if *slot == U {
                        U_HORN
                    } else if *slot == O {
                        O_HORN
                    } else {
                        *slot
                    };
                }
                Self::from_letters(fixed, true).ok().map(|s| (s, true))
            }
            Err(_) => None,
        }
    }

    #[inline]
    fn from_letters(letters: Letters, lenient: bool) -> Result<Syllable, SyllableError> {
        let (onset_len, onset, rhyme) = Self::check(&letters, lenient)?;
        Ok(Syllable {
            letters,
            onset_len: onset_len as u8,
            onset,
            rhyme,
        })
    }

    /// The validity rules: (onset length, onset, rhyme) when `letters` spell
    /// a syllable.
    // (Always inlined: the tokenizer's `classify_word` calls it per word,
    // and whether LLVM inlined it there depended on which codegen unit
    // the normalize scan, its other caller, happened to share: a change
    // in src/normalize cost the tokenizer +2.2 M instructions on viwiki.)
    #[inline(always)]
    fn check(
        letters: &Letters,
        lenient: bool,
    ) -> Result<(usize, &'static str, &'static Rhyme), SyllableError> {
        if letters.marks() > 1 && (!lenient || letters.mixed) {
            return Err(SyllableError::ToneMarks);
        }
        let codes = letters.codes();
        let (onset_len, onset) = split_onset(codes)?;
        let (onset_codes, rest) = codes.split_at(onset_len.min(codes.len()));
        let first = rest.first().copied().unwrap_or(0);
        let after_qu = onset_codes == [Q, U];
        let rhyme = RHYMES.lookup(rest, after_qu).ok_or(SyllableError::Rhyme)?;
        if !spelling_ok(onset_codes, first) {
            return Err(SyllableError::Spelling);
        }
        if !after_qu {
            // `iê` needs an onset (biển), `yê` needs none (yên); after a medial
            // `u` it is always `yê` (chuyện, khuya).
            match rest {
                [I, E_CIRC, ..] if onset.is_empty() => return Err(SyllableError::Spelling),
                [Y, E_CIRC, ..] if !onset.is_empty() => return Err(SyllableError::Spelling),
                _ => {}
            }
        }
        if rhyme.stop && !matches!(letters.tone, Tone::Sac | Tone::Nang) {
            return Err(SyllableError::StopCodaTone);
        }
        Ok((onset_len, onset, rhyme))
    }

    /// The onset (initial consonant), lower case: `""`, `b`, `ch`, `gi`,
    /// `ngh`, `qu` …
    ///
    /// ```
    /// assert_eq!(viet_text::syllable::Syllable::parse("Giữa").unwrap().onset(), "gi");
    /// ```
    pub fn onset(&self) -> &'static str {
        self.onset
    }

    /// The medial glide `o` or `u` (the `u` of `qu` counts as the medial).
    ///
    /// ```
    /// use viet_text::syllable::Syllable;
    /// assert_eq!(Syllable::parse("hoàng").unwrap().medial(), Some('o'));
    /// assert_eq!(Syllable::parse("quân").unwrap().medial(), Some('u'));
    /// assert_eq!(Syllable::parse("bàn").unwrap().medial(), None);
    /// ```
    pub fn medial(&self) -> Option<char> {
        self.rhyme.medial
    }

    /// The nucleus as written, lower case and without tone (`a`, `iê`, `ươ`, `ya`).
    ///
    /// ```
    /// assert_eq!(viet_text::syllable::Syllable::parse("Việt").unwrap().nucleus(), "iê");
    /// ```
    pub fn nucleus(&self) -> &'static str {
        self.rhyme.nucleus
    }

    /// The coda as written (`""` for an open syllable; `c ch m n ng nh p t i y o u`).
    ///
    /// ```
    /// assert_eq!(viet_text::syllable::Syllable::parse("Nam").unwrap().coda(), "m");
    /// ```
    pub fn coda(&self) -> &'static str {
        self.rhyme.coda
    }

    /// The tone.
    ///
    /// ```
    /// use viet_text::syllable::{Syllable, Tone};
    /// assert_eq!(Syllable::parse("Nẵng").unwrap().tone(), Tone::Nga);
    /// ```
    pub fn tone(&self) -> Tone {
        self.letters.tone
    }

    /// Letters of the syllable (its length in chars when NFC).
    ///
    /// ```
    /// assert_eq!(viet_text::syllable::Syllable::parse("nghiêng").unwrap().len(), 7);
    /// ```
    pub fn len(&self) -> usize {
        self.letters.len as usize
    }

    /// Always false: a syllable has at least one letter.
    ///
    /// ```
    /// assert!(!viet_text::syllable::Syllable::parse("a").unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.letters.len == 0
    }

    /// Index of the letter that takes the tone mark in `style` (`Keep`
    /// keeps a mark that either style allows and otherwise uses the new
    /// style). `None` for ngang.
    ///
    /// ```
    /// use viet_text::{syllable::Syllable, ToneStyle};
    /// let s = Syllable::parse("hòa").unwrap();
    /// assert_eq!(s.tone_position(ToneStyle::Old), Some(1));
    /// assert_eq!(s.tone_position(ToneStyle::New), Some(2));
    /// assert_eq!(s.tone_position(ToneStyle::Keep), Some(1));
    /// ```
    pub fn tone_position(&self, style: ToneStyle) -> Option<usize> {
        if self.letters.tone == Tone::Ngang {
            return None;
        }
        let (old, new) = self.placements();
        Some(match style {
            ToneStyle::Old => old,
            ToneStyle::New => new,
            ToneStyle::Keep => {
                // The first mark that one of the styles allows, else new style.
                let allowed = (1u8 << old) | (1u8 << new);
                match self.letters.toned & allowed {
                    0 => new,
                    m => m.trailing_zeros() as usize,
                }
            }
        })
    }

    /// Whether the tone mark sits where one of the two styles puts it
    /// (always true for ngang).
    ///
    /// ```
    /// use viet_text::syllable::Syllable;
    /// assert!(Syllable::parse("hoà").unwrap().is_tone_well_placed());
    /// assert!(Syllable::parse("hòa").unwrap().is_tone_well_placed());
    /// assert!(!Syllable::parse("qủa").unwrap().is_tone_well_placed());
    /// ```
    pub fn is_tone_well_placed(&self) -> bool {
        self.needs_rewrite(ToneStyle::Keep).is_none()
    }

    /// Where the tone goes when it must move to follow `style`, or `None`
    /// when the word is already written that way.
    #[inline]
    pub(crate) fn needs_rewrite(&self, style: ToneStyle) -> Option<Option<usize>> {
        let target = self.tone_position(style);
        let current = match self.letters.toned {
            0 => None,
            m if m.count_ones() == 1 => Some(m.trailing_zeros() as usize),
            _ => return Some(target),
        };
        (current != target).then_some(target)
    }

    /// The tone position in the old and the new style (orthography.md §3.1).
    #[inline]
    fn placements(&self) -> (usize, usize) {
        let codes = self.letters.codes();
        let start = self.onset_len as usize;
        let rest = codes.get(start..).unwrap_or(&[]);
        let vowels = rest.iter().take_while(|&&c| is_vowel(c)).count();
        let has_consonant_coda = rest.len() > vowels;
        let v = rest.get(..vowels).unwrap_or(&[]);
        let (old, new) = if v.len() <= 1 {
            (0, 0)
        } else if let Some(i) = v.iter().position(|&c| is_shaped_vowel(c)) {
            (i, i)
        } else if let Some(i) = v.iter().position(|&c| c == U_HORN) {
            (i, i)
        } else if v.len() == 3 || has_consonant_coda {
            // Three plain vowels: the middle one (ngoài, khuỷu); two before
            // a consonant coda: the second (hoàn).
            (1, 1)
        } else {
            // Open pair: the first, except oa/oe/uy in the new style (hoà,
            // khoẻ, thuỷ).
            (0, usize::from(matches!(v, [O, A] | [O, E] | [U, Y])))
        };
        (start + old, start + new)
    }

    /// The syllable written with its tone where `style` puts it, keeping the
    /// case of every letter.
    ///
    /// ```
    /// use viet_text::{syllable::Syllable, ToneStyle};
    /// let s = Syllable::parse("HOÀ").unwrap();
    /// assert_eq!(s.render(ToneStyle::Old), "HÒA");
    /// assert_eq!(Syllable::parse("qủa").unwrap().render(ToneStyle::Keep), "quả");
    /// ```
    pub fn render(&self, style: ToneStyle) -> String {
        let mut s = String::with_capacity(self.len() * 3);
        self.write_to(style, &mut s);
        s
    }

    /// Appends [`Syllable::render`]'s output to `out`.
    ///
    /// ```
    /// use viet_text::{syllable::Syllable, ToneStyle};
    /// let mut out = String::from("ông ");
    /// Syllable::parse("Thúy").unwrap().write_to(ToneStyle::New, &mut out);
    /// assert_eq!(out, "ông Thuý");
    /// ```
    pub fn write_to(&self, style: ToneStyle, out: &mut String) {
        self.write_at(self.tone_position(style), out);
    }

    pub(crate) fn write_at(&self, pos: Option<usize>, out: &mut String) {
        let table = &*TABLE;
        for (i, &code) in self.letters.codes().iter().enumerate() {
            let tone = if pos == Some(i) {
                self.letters.tone
            } else {
                Tone::Ngang
            };
            out.push(table.compose(code, tone, self.letters.upper & (1 << i) != 0));
        }
    }
}

impl fmt::Display for Syllable {
    /// Writes the syllable as [`Syllable::render`] with `Keep` does.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write_to(ToneStyle::Keep, &mut s);
        f.write_str(&s)
    }
}

/// Whether `word` is a well-formed Vietnamese syllable, in any letter case.
/// Allocation-free for NFC input; decomposed input is normalized first. A
/// misplaced tone mark (`qủa`) is still a syllable; two marks are not.
///
/// ```
/// use viet_text::syllable::is_syllable;
/// assert!(is_syllable("Nguyễn"));
/// assert!(is_syllable("NGHIÊNG"));
/// assert!(is_syllable("Vie\u{0323}\u{0302}t"));
/// assert!(!is_syllable("Toyota"));
/// assert!(!is_syllable("COVID"));
/// assert!(!is_syllable("bàt"));
/// ```
#[inline]
pub fn is_syllable(word: &str) -> bool {
    !ascii_no_syllable(word) && decodes_to_syllable(word)
}

/// [`is_syllable`] by the letters' decoding and the onset and rhyme
/// checks alone (the reference for [`ascii_no_syllable`]).
#[inline(always)]
fn decodes_to_syllable(word: &str) -> bool {
    let bytes = word.len();
    if bytes == 0 || bytes > 4 * MAX_LETTERS * 4 {
        return false;
    }
    let table = &*TABLE;
    match Letters::decode(word, table) {
        Ok(l) => Syllable::check(&l, false).is_ok(),
        Err(DecodeError::NeedsNfc) => Syllable::parse(word).is_ok(),
        Err(DecodeError::Syllable(_)) => false,
    }
}

/// The states of [`ascii_no_syllable`]'s scan: 0 before the first letter,
/// 1–3 after that many consonants and no vowel, [`IN_VOWELS`] in the run
/// of vowels, then one or two consonants after it, and [`DEAD`]: a byte
/// that is no letter of a syllable, or letters that cannot spell one.
const IN_VOWELS: u8 = 4;
const DEAD: u8 = 7;

/// [`ascii_no_syllable`]'s next state by state and ASCII byte.
const ASCII_NEXT: [[u8; 128]; 8] = {
    let mut t = [[DEAD; 128]; 8];
    let mut s = 0;
    while s < 8 {
        let mut b = 0;
        while b < 128 {
            let c = (b as u8).to_ascii_lowercase();
            let vowel = matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
            let consonant = matches!(
                c,
                b'b' | b'c'
                    | b'd'
                    | b'g'
                    | b'h'
                    | b'k'
                    | b'l'
                    | b'm'
                    | b'n'
                    | b'p'
                    | b'q'
                    | b'r'
                    | b's'
                    | b't'
                    | b'v'
                    | b'x'
            );
            t[s][b] = match s as u8 {
                // Onset consonants, then the first vowel.
                0..=3 if vowel => IN_VOWELS,
                0..=2 if consonant => s as u8 + 1,
                IN_VOWELS if vowel => IN_VOWELS,
                // At most two consonants after the vowels (`ng`, `ch`).
                IN_VOWELS | 5 if consonant => s as u8 + 1,
                _ => DEAD,
            };
            b += 1;
        }
        s += 1;
    }
    t
};

/// Whether `word` is no syllable ([`is_syllable`] is `false`), told from
/// its bytes when they are all ASCII: a byte that is no letter of a
/// syllable (`f j w z`, digits, punctuation), or letters that cannot be an
/// onset and a rhyme: the vowels (`a e i o u y`) are not one run, or there
/// is no vowel, more than 3 consonants before it (`ngh`), more than 2
/// after it (`ng`, `ch`), more than 7 letters (`nghiêng`). `false` when it
/// cannot tell (a non-ASCII byte). Most of the words the tokenizer's memo
/// misses in a warm pass (and classifies with [`is_syllable`]) are ASCII
/// words that are no syllable (foreign names: `Hoogland`, `Strasser`,
/// `Watson`), for which this scan (a table step per byte) replaces the
/// letter decoding and the onset and rhyme look-ups.
// (Not inlined: inlined through `token::cache::is_syllable` into the
// tokenizer's loop, it cost that loop +1.9 M instructions a pass on
// viwiki by register allocation.)
#[inline(never)]
fn ascii_no_syllable(word: &str) -> bool {
    let mut s = 0u8;
    for &b in word.as_bytes() {
        if b >= 0x80 {
            return false;
        }
        s = ASCII_NEXT
            .get(usize::from(s))
            .and_then(|row| row.get(usize::from(b)))
            .copied()
            .unwrap_or(DEAD);
    }
    s == DEAD || s < IN_VOWELS || word.len() > 7
}

/// Every rhyme of the inventory, as (spelling, written after `qu`).
/// Lower case, without tone.
///
/// ```
/// let rhymes: Vec<_> = viet_text::syllable::rhymes().collect();
/// assert!(rhymes.contains(&("uyên".to_string(), false)));
/// assert!(rhymes.contains(&("y".to_string(), true)));
/// ```
pub fn rhymes() -> impl Iterator<Item = (String, bool)> {
    RHYMES.all().map(|(s, q, _)| (s, q))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`ascii_no_syllable`] says "no syllable" of no syllable: every
    /// onset and rhyme of the inventory written without marks, in three
    /// cases (the syllables it must let through: the check accepts no
    /// other spelling), every word of up to four ASCII letters, and ASCII
    /// prefixes before Vietnamese letters, marks and other bytes. It fails
    /// when a bound is one too tight (`nhanh`: two consonants after the
    /// vowels; `nghe`: three before; `khuya`: vowels `uya`).
    #[test]
    fn ascii_no_syllable_rejects_no_syllable() {
        let check = |w: &str| {
            assert!(!(ascii_no_syllable(w) && decodes_to_syllable(w)), "{w:?}");
        };
        let onsets = [
            "", "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", "ch", "gh",
            "kh", "ng", "nh", "ph", "th", "tr", "ngh", "gi", "qu",
        ];
        let mut ascii_syllables = 0;
        for (rhyme, _) in rhymes() {
            for onset in onsets {
                let w = format!("{onset}{rhyme}");
                let mut title = w.clone();
                if let Some(f) = title.get_mut(..1) {
                    f.make_ascii_uppercase();
                }
                for w in [w.clone(), w.to_uppercase(), title] {
                    check(&w);
                    ascii_syllables += usize::from(w.is_ascii() && decodes_to_syllable(&w));
                }
            }
        }
        assert!(ascii_syllables > 500, "{ascii_syllables}");
        for w in ["nhanh", "nghe", "khuya", "NGHIÊNG", "Nguyen", "quynh", "gieng"] {
            check(w);
            assert!(!ascii_no_syllable(w), "{w}");
        }
        for w in [
            "Hoogland", "Strasser", "Watson", "nghieeng", "NAM2", "a-b", "ss", "bcd",
        ] {
            assert!(ascii_no_syllable(w), "{w}");
            assert!(!decodes_to_syllable(w), "{w}");
        }
        let letters: Vec<u8> = (b'a'..=b'z')
            .chain(b'A'..=b'Z')
            .chain([b'0', b'-', b'.'])
            .collect();
        let mut w = Vec::new();
        for &a in &letters {
            for &b in &letters {
                for &c in letters.iter().filter(|c| c.is_ascii_lowercase()) {
                    for d in [None, Some(b'a'), Some(b'n'), Some(b'g'), Some(b'y')] {
                        w.clear();
                        w.extend([a, b, c]);
                        w.extend(d);
                        check(std::str::from_utf8(&w).unwrap_or_default());
                    }
                }
            }
        }
        for prefix in ["", "ng", "Ng", "nh", "x", "o", "oo", "tr", "a1", "q", "b-", "thr"] {
            for rest in [
                "ười",
                "ƯỜI",
                "ữa",
                "\u{301}",
                "a\u{301}",
                "o\u{31b}i",
                "ê",
                "đ",
                "ñ",
                "1",
                "ng",
            ] {
                check(&format!("{prefix}{rest}"));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_no_syllable_agrees_with_the_check(w in "[a-zA-Z]{0,3}[aeiouyAEIOUYăâêôơưđ\u{301}\u{303}fjw0-]{0,3}[a-zàáạ]{0,3}") {
            proptest::prop_assert!(!(ascii_no_syllable(&w) && decodes_to_syllable(&w)), "{:?}", w);
        }
    }

    fn parts(w: &str) -> (&'static str, Option<char>, &'static str, &'static str, Tone) {
        let s = Syllable::parse(w).unwrap_or_else(|e| panic!("{w}: {e}"));
        (s.onset(), s.medial(), s.nucleus(), s.coda(), s.tone())
    }

    #[test]
    fn onsets_gi_and_qu() {
        assert_eq!(parts("giá"), ("gi", None, "a", "", Tone::Sac));
        assert_eq!(parts("gìn"), ("g", None, "i", "n", Tone::Huyen));
        assert_eq!(parts("gì"), ("g", None, "i", "", Tone::Huyen));
        assert_eq!(parts("quý"), ("qu", Some('u'), "y", "", Tone::Sac));
        assert_eq!(parts("quả"), ("qu", Some('u'), "a", "", Tone::Hoi));
        assert_eq!(parts("quyết"), ("qu", Some('u'), "yê", "t", Tone::Sac));
        assert_eq!(parts("giếng"), ("gi", None, "ê", "ng", Tone::Sac));
        assert_eq!(parts("khuya"), ("kh", Some('u'), "ya", "", Tone::Ngang));
        assert_eq!(parts("yêu"), ("", None, "yê", "u", Tone::Ngang));
    }

    #[test]
    fn spelling_rules() {
        for ok in [
            "kê", "ki", "ký", "ghi", "ghế", "nghe", "nghĩ", "ca", "gà", "nga", "ngủ",
        ] {
            assert!(is_syllable(ok), "{ok}");
        }
        for bad in [
            "ce",
            "ci",
            "ca\u{200b}",
            "ghu",
            "ge",
            "ngi",
            "nghu",
            "ka",
            "kuy",
            "iên",
            "tyên",
            "q",
            "qa",
        ] {
            assert!(!is_syllable(bad), "{bad}");
        }
    }

    #[test]
    fn stop_codas_take_sac_or_nang() {
        assert!(is_syllable("các") && is_syllable("bạch") && is_syllable("tháp") && is_syllable("một"));
        for bad in ["càc", "bảch", "thãp", "môt"] {
            assert_eq!(Syllable::parse(bad), Err(SyllableError::StopCodaTone), "{bad}");
        }
    }
}
