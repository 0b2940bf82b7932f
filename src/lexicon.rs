//! Word lists embedded from `data/` and matched fast.
//!
//! Two kinds of lists live here: the dotted abbreviations the tokenizer
//! needs, and the name lexicons the entity recognizers use (provinces and
//! countries, admin prefixes, organization names and head words, program
//! triggers, surnames, titles, and a stop list of words that end a name).
//!
//! Name lexicons are matched on [`name_key`]s: each token is lower-cased,
//! decomposed, and its tone mark moved to the end of the token, so the old
//! and new tone placements (`Thanh Hoá`, `Thanh Hóa`), decomposed input and
//! all-caps text all give one key.
//!
//! ```
//! use viet_text::lexicon::name_key;
//! assert!(viet_text::lexicon::is_dotted_abbreviation("TP."));
//! assert_eq!(name_key("Thanh Hoá"), name_key("THANH HÓA"));
//! assert_eq!(name_key("Thanh Hoá"), name_key("Thanh Ho\u{0301}a"));
//! ```

use crate::entity::{LocationKind, OrgKind, ProgramKind};
use crate::token::{tokenize, TokenKind};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock};

static DOTTED_ABBREVIATIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("../data/abbreviations.txt")).collect());

/// The entries of an embedded data file: one per line, `#` starts a comment
/// line, surrounding white space trimmed, empty lines skipped.
///
/// ```
/// let v: Vec<_> = viet_text::lexicon::entries("# header\nTP.\n\n TS. \n").collect();
/// assert_eq!(v, ["TP.", "TS."]);
/// ```
pub fn entries(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Whether `word` (with its final dot) is a known abbreviation written with
/// dots, such as `TP.`, `TS.`, `PGS.TS.` or `v.v.`.
///
/// ```
/// assert!(viet_text::lexicon::is_dotted_abbreviation("ThS."));
/// assert!(!viet_text::lexicon::is_dotted_abbreviation("nhà."));
/// ```
pub fn is_dotted_abbreviation(word: &str) -> bool {
    DOTTED_ABBREVIATIONS.contains(word)
}

/// Tone marks (U+0300 grave, U+0301 acute, U+0303 tilde, U+0309 hook above,
/// U+0323 dot below).
fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}')
}

/// The key of one character: lower-case letters without the tone mark
/// (at most three characters), and the tone mark.
#[derive(Clone, Default)]
struct KeyChar {
    /// The key text of the character (lower case, decomposed, no tone).
    text: String,
    tone: Option<char>,
    upper: bool,
    lower: bool,
}

/// Letter-case counts of a token, gathered while its key is written.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CaseInfo {
    /// Upper-case letters.
    pub upper: u32,
    /// Lower-case letters.
    pub lower: u32,
    /// The first letter is upper case.
    pub first_upper: bool,
    /// An upper-case letter comes after a lower-case one (`iPhone`).
    pub inner_upper: bool,
}

impl CaseInfo {
    fn add(&mut self, upper: bool, lower: bool) {
        if upper {
            if self.upper == 0 && self.lower == 0 {
                self.first_upper = true;
            } else if self.lower > 0 {
                self.inner_upper = true;
            }
            self.upper += 1;
        } else if lower {
            self.lower += 1;
        }
    }
}

fn key_char(c: char) -> KeyChar {
    let c = match c {
        '–' | '—' | '‒' | '−' => '-',
        '’' | '‘' | 'ʼ' | '`' => '\'',
        c => c,
    };
    let mut k = KeyChar {
        upper: c.is_uppercase(),
        lower: c.is_lowercase(),
        ..KeyChar::default()
    };
    unicode_normalization::char::decompose_canonical(c, |d| {
        if is_tone_mark(d) {
            k.tone = Some(d);
        } else {
            k.text.extend(d.to_lowercase());
        }
    });
    k
}

/// First code point of the precomputed table: Latin-1 letters up to the
/// Vietnamese letters of Latin Extended Additional.
const TABLE_START: u32 = 0xC0;
const TABLE_END: u32 = 0x1F00;

/// The key of one character in the precomputed table, without allocation:
/// the UTF-8 bytes of its key text (at most eight), its tone mark (the
/// second UTF-8 byte of U+03xx, 0 for none) and its letter case. `slow`
/// marks a character whose key does not fit (computed by [`key_char`]).
#[derive(Clone, Copy, Default)]
struct FoldChar {
    bytes: [u8; 8],
    len: u8,
    tone: u8,
    upper: bool,
    lower: bool,
    slow: bool,
    /// A letter of Vietnamese orthography written precomposed: an ASCII
    /// letter with at most one modifier (circumflex, breve, horn) and one
    /// tone mark, or `đ`/`Đ`. Its key is determined by its base, modifier
    /// and tone, and it is the only character with that key (see
    /// [`RawForms`]).
    viet: bool,
}

/// Modifier marks that stay in the key (circumflex, breve, horn).
fn is_modifier(c: char) -> bool {
    matches!(c, '\u{0302}' | '\u{0306}' | '\u{031B}')
}

/// Whether `c` is a precomposed Vietnamese-style letter (see `FoldChar::viet`).
fn is_viet_letter(c: char) -> bool {
    if matches!(c, 'đ' | 'Đ') {
        return true;
    }
    let mut parts = Vec::with_capacity(3);
    unicode_normalization::char::decompose_canonical(c, |d| parts.push(d));
    let (base, marks) = match parts.split_first() {
        Some((b, m)) if b.is_ascii_alphabetic() && !m.is_empty() => (*b, m),
        _ => return false,
    };
    let ok = match marks {
        [m] => is_modifier(*m) || is_tone_mark(*m),
        [m, t] => is_modifier(*m) && is_tone_mark(*t),
        _ => false,
    };
    ok && compose_all(base, marks) == Some(c)
}

/// Composes a base letter with marks, one at a time.
fn compose_all(base: char, marks: &[char]) -> Option<char> {
    marks
        .iter()
        .try_fold(base, |acc, &m| unicode_normalization::char::compose(acc, m))
}

static KEY_TABLE: LazyLock<Vec<FoldChar>> = LazyLock::new(|| {
    (TABLE_START..TABLE_END)
        .map(|u| {
            let Some(k) = char::from_u32(u).map(key_char) else {
                return FoldChar {
                    slow: true,
                    ..FoldChar::default()
                };
            };
            let mut f = FoldChar {
                upper: k.upper,
                lower: k.lower,
                viet: char::from_u32(u).is_some_and(is_viet_letter),
                ..FoldChar::default()
            };
            match k.tone.map(|t| {
                let mut buf = [0u8; 4];
                let enc = t.encode_utf8(&mut buf).as_bytes();
                (enc.len(), enc.first().copied(), enc.get(1).copied())
            }) {
                None => {}
                Some((2, Some(0xCC), Some(second))) => f.tone = second,
                Some(_) => f.slow = true,
            }
            let text = k.text.as_bytes();
            match f.bytes.get_mut(..text.len()) {
                Some(dst) => {
                    dst.copy_from_slice(text);
                    f.len = text.len() as u8;
                }
                None => f.slow = true,
            }
            f
        })
        .collect()
});

/// The scalar value and byte length of the 2- or 3-byte UTF-8 char whose
/// lead byte is `x` and whose next bytes are `b1`, `b2` (`None` for any
/// other lead byte or a cut-off char). Shared by the two token walks below
/// that only know letters of U+0080–U+FFFF.
#[inline(always)]
fn scalar_2_3(x: u8, b1: Option<&u8>, b2: Option<&u8>) -> Option<(u32, usize)> {
    match (x, b1, b2) {
        (0xC0..=0xDF, Some(&b1), _) => Some(((u32::from(x & 0x1F) << 6) | u32::from(b1 & 0x3F), 2)),
        (0xE0..=0xEF, Some(&b1), Some(&b2)) => Some((
            (u32::from(x & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F),
            3,
        )),
        _ => None,
    }
}

/// Appends the key of one token to `out` (UTF-8 bytes): lower case,
/// canonical decomposition, tone mark moved to the end, dashes and
/// apostrophes unified. Allocates nothing beyond `out`'s growth.
pub(crate) fn push_token_key(token: &str, out: &mut Vec<u8>) -> CaseInfo {
    let mut case = CaseInfo::default();
    let b = token.as_bytes();
    if token.is_ascii() {
        // One copy, one case pass.
        let k0 = out.len();
        out.extend_from_slice(b);
        for &x in b {
            case.add(x.is_ascii_uppercase(), x.is_ascii_lowercase());
        }
        if let Some(tail) = out.get_mut(k0..) {
            tail.make_ascii_lowercase();
        }
        return case;
    }
    let table = &*KEY_TABLE;
    // The tone mark: the second UTF-8 byte of U+03xx (0: none), or a
    // character of its own when a slow-path tone is not U+03xx.
    let mut tone: u8 = 0;
    let mut tone_char: Option<char> = None;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            case.add(x.is_ascii_uppercase(), x.is_ascii_lowercase());
            out.push(x.to_ascii_lowercase());
            i += 1;
            continue;
        }
        // Decode one scalar of the (valid UTF-8) token.
        // Anything but a 2- or 3-byte char (4-byte, cut off) is no table
        // letter: `u32::MAX` sends it to the slow path.
        let (u, w) = scalar_2_3(x, b.get(i + 1), b.get(i + 2)).unwrap_or((u32::MAX, 4));
        let fast = if (TABLE_START..TABLE_END).contains(&u) {
            table.get((u - TABLE_START) as usize).filter(|f| !f.slow)
        } else {
            None
        };
        match fast {
            Some(f) => {
                let n = out.len();
                out.extend_from_slice(&f.bytes);
                out.truncate(n + f.len as usize);
                case.add(f.upper, f.lower);
                if f.tone != 0 {
                    tone = f.tone;
                    tone_char = None;
                }
                i += w;
            }
            None => {
                let Some(c) = token.get(i..).and_then(|s| s.chars().next()) else {
                    break;
                };
                let k = key_char(c);
                out.extend_from_slice(k.text.as_bytes());
                case.add(k.upper, k.lower);
                if let Some(t) = k.tone {
                    tone = 0;
                    tone_char = Some(t);
                }
                i += c.len_utf8();
            }
        }
    }
    if tone != 0 {
        out.extend_from_slice(&[0xCC, tone]);
    } else if let Some(t) = tone_char {
        let mut buf = [0u8; 4];
        out.extend_from_slice(t.encode_utf8(&mut buf).as_bytes());
    }
    case
}

/// What the fast path learns about one token without building its key.
pub(crate) enum Quick {
    /// The token is in the fast class: its case, and its vocabulary id
    /// (`NONE` when no lexicon phrase has its key).
    Known(CaseInfo, u32),
    /// Outside the fast class: fold it.
    Unknown,
}

/// Whether a token is in the fast class, and its letter case: every
/// character ASCII but space, or a precomposed Vietnamese letter
/// ([`FoldChar::viet`]); at most one of them with a tone mark; letters all
/// lower case, all upper case, or only the first one upper case.
#[inline]
fn fast_class(token: &str) -> Option<(CaseInfo, u32)> {
    let mut case = CaseInfo::default();
    let mut h = SEED;
    let b = token.as_bytes();
    let table = &*KEY_TABLE;
    let mut tones = 0u32;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            if x == b' ' {
                return None;
            }
            case.add(x.is_ascii_uppercase(), x.is_ascii_lowercase());
            h = hash_step(h, u32::from(x));
            i += 1;
            continue;
        }
        let (u, w) = scalar_2_3(x, b.get(i + 1), b.get(i + 2))?;
        h = hash_step(h, u);
        let f = table.get(u.wrapping_sub(TABLE_START) as usize)?;
        if !f.viet || !(TABLE_START..TABLE_END).contains(&u) {
            return None;
        }
        tones += u32::from(f.tone != 0);
        case.add(f.upper, f.lower);
        i += w;
    }
    let pattern_ok = case.upper == 0 || case.lower == 0 || (case.first_upper && case.upper == 1);
    (pattern_ok && tones <= 1).then_some((case, hash_finish(h)))
}

/// One step of the hash of a written form: per character (code point).
#[inline]
fn hash_step(h: u64, c: u32) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(SEED)
}

#[inline]
fn hash_finish(h: u64) -> u32 {
    (h >> 32) as u32
}

/// The hash of a written form, as [`fast_class`] computes it on the way.
fn hash_form(form: &str) -> u32 {
    hash_finish(form.chars().fold(SEED, |h, c| hash_step(h, c as u32)))
}

/// Every written form in the fast class of every vocabulary key, mapped to
/// the key's vocabulary id. A fast-class token is one of these forms
/// exactly when its key is in the vocabulary, so a token in the class is
/// looked up by its bytes, without building its key.
///
/// Why the forms are complete: a fast-class token is a sequence of ASCII
/// characters and precomposed letters, each the unique precomposed form of
/// (base + modifier) with or without the tone; its key lists the same
/// bases and modifiers in order and ends with the one tone. So the token
/// is recovered from its key, the position of the toned letter and the
/// case pattern (lower, upper, first letter upper), which is what
/// [`RawForms::build`] enumerates.
///
/// The forms sit in one open-addressing table (linear probing, at most
/// half full): a look-up hashes the token's bytes once and mostly meets an
/// empty slot or a hash mismatch. A bit per hash value (its top bits) in
/// front of it answers most of the look-ups, which are of words the
/// vocabulary does not have, from 16 KB instead of the table's 256 KB (for
/// the built-in lexicon: ~5,200 forms; a bit is set for ~4 % of the
/// hashes): the look-ups come from the tokenizer's word memo misses, far
/// apart, and the table's slot was a cache miss beyond the level-2 cache
/// for most of them.
#[derive(Debug, Default)]
pub(crate) struct RawForms {
    /// The bytes of all forms, one after another.
    arena: Vec<u8>,
    /// A power of two of slots; `id == NONE` marks an empty one.
    slots: Vec<RawSlot>,
    /// Bit `hash >> filter_shift` is set for the hash of every form (a
    /// power of two of bits, 8 per slot).
    filter: Vec<u64>,
    filter_shift: u32,
}

#[derive(Debug, Clone, Copy)]
struct RawSlot {
    hash: u32,
    off: u32,
    len: u32,
    id: u32,
}

const EMPTY_SLOT: RawSlot = RawSlot {
    hash: 0,
    off: 0,
    len: 0,
    id: NONE,
};

impl RawForms {
    fn from_pairs(pairs: Vec<(Vec<u8>, u32)>) -> RawForms {
        let cap = (pairs.len() * 2).next_power_of_two().max(16);
        // 8 bits per slot: `cap * 8` bits in `cap / 8` words, indexed by
        // the hash's top `log2(cap * 8)` bits (a 32-bit hash: `cap` is far
        // below 2^29).
        let filter_bits = (cap * 8).trailing_zeros().min(32);
        let mut t = RawForms {
            arena: Vec::new(),
            slots: vec![EMPTY_SLOT; cap],
            filter: vec![0; cap / 8],
            filter_shift: 32 - filter_bits,
        };
        let mask = cap - 1;
        for (form, id) in pairs {
            let hash = std::str::from_utf8(&form).map_or(0, hash_form);
            if t.get(&form, hash) != NONE {
                continue;
            }
            let mut at = hash as usize & mask;
            while t.slots.get(at).is_some_and(|s| s.id != NONE) {
                at = (at + 1) & mask;
            }
            if let Some(slot) = t.slots.get_mut(at) {
                *slot = RawSlot {
                    hash,
                    off: t.arena.len() as u32,
                    len: form.len() as u32,
                    id,
                };
            }
            let bit = t.filter_bit(hash);
            if let Some(w) = t.filter.get_mut(bit >> 6) {
                *w |= 1 << (bit & 63);
            }
            t.arena.extend_from_slice(&form);
        }
        t
    }

    /// The bit of [`RawForms::filter`] for hash `hash`.
    #[inline(always)]
    fn filter_bit(&self, hash: u32) -> usize {
        // (`checked_shr`: a shift of 32, for an empty filter, is 0.)
        hash.checked_shr(self.filter_shift).unwrap_or(0) as usize
    }

    /// The vocabulary id of a written form (`NONE` when it is none).
    #[inline]
    fn get(&self, b: &[u8], hash: u32) -> u32 {
        let bit = self.filter_bit(hash);
        let maybe = self
            .filter
            .get(bit >> 6)
            .is_some_and(|w| w >> (bit & 63) & 1 != 0);
        if !maybe {
            return NONE;
        }
        let mask = self.slots.len().saturating_sub(1);
        let mut at = hash as usize & mask;
        loop {
            let Some(s) = self.slots.get(at) else { return NONE };
            if s.id == NONE {
                return NONE;
            }
            if s.hash == hash
                && s.len as usize == b.len()
                && self.arena.get(s.off as usize..(s.off + s.len) as usize) == Some(b)
            {
                return s.id;
            }
            at = (at + 1) & mask;
        }
    }

    /// All written forms.
    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.slots
            .iter()
            .filter(|s| s.id != NONE)
            .filter_map(|s| self.arena.get(s.off as usize..(s.off + s.len) as usize))
    }
}

impl RawForms {
    fn build(vocab: &HashMap<Box<[u8]>, u32, FastBuild>) -> RawForms {
        let mut forms: Vec<(Vec<u8>, u32)> = Vec::new();
        // Vocabulary order, so the table is the same on every run.
        let mut vocab: Vec<(&[u8], u32)> = vocab.iter().map(|(k, &id)| (&**k, id)).collect();
        vocab.sort_unstable_by_key(|&(_, id)| id);
        for (key, id) in vocab {
            let Ok(key) = std::str::from_utf8(key) else {
                continue;
            };
            // Split off the tone, then group the rest into units: a base
            // with its modifier.
            let mut chars: Vec<char> = key.chars().collect();
            let tone = match chars.last() {
                Some(&t) if is_tone_mark(t) => {
                    chars.pop();
                    Some(t)
                }
                _ => None,
            };
            let mut units: Vec<char> = Vec::with_capacity(chars.len());
            let mut ok = true;
            for &c in &chars {
                if is_modifier(c) {
                    match units
                        .last_mut()
                        .and_then(|u| unicode_normalization::char::compose(*u, c))
                    {
                        Some(composed) => {
                            if let Some(last) = units.last_mut() {
                                *last = composed;
                            }
                        }
                        None => ok = false,
                    }
                } else {
                    units.push(c);
                }
            }
            if !ok {
                continue;
            }
            // Tone placements.
            let mut placements: Vec<Vec<char>> = Vec::new();
            match tone {
                None => placements.push(units.clone()),
                Some(t) => {
                    for p in 0..units.len() {
                        let Some(&u) = units.get(p) else { continue };
                        if let Some(toned) = unicode_normalization::char::compose(u, t) {
                            let mut v = units.clone();
                            if let Some(slot) = v.get_mut(p) {
                                *slot = toned;
                            }
                            placements.push(v);
                        }
                    }
                }
            }
            for v in placements {
                let lower: String = v.iter().collect();
                let upper: String = v.iter().flat_map(|c| c.to_uppercase()).collect();
                let mut title = String::with_capacity(lower.len());
                let mut first = true;
                for &c in &v {
                    if first && c.is_alphabetic() {
                        title.extend(c.to_uppercase());
                        first = false;
                    } else {
                        title.push(c);
                    }
                }
                for form in [lower, upper, title] {
                    // Keep only forms in the fast class whose key is this
                    // key (the construction above guarantees it; checked).
                    if fast_class(&form).is_none() {
                        continue;
                    }
                    let mut k = Vec::with_capacity(form.len() + 4);
                    push_token_key(&form, &mut k);
                    if k == key.as_bytes() {
                        forms.push((form.into_bytes(), id));
                    }
                }
            }
        }
        RawForms::from_pairs(forms)
    }
}

impl PhraseTrie {
    /// The case and vocabulary id of a token in the fast class, from its
    /// bytes alone.
    #[inline]
    pub(crate) fn quick(&self, token: &str) -> Quick {
        match fast_class(token) {
            Some((case, hash)) => Quick::Known(case, self.raw.get(token.as_bytes(), hash)),
            None => Quick::Unknown,
        }
    }
}

/// The key of one token as a new string (the reference the fast paths are
/// tested against).
#[cfg(test)]
pub(crate) fn token_key_reference(token: &str) -> String {
    let mut out = String::new();
    let mut tone = None;
    for c in token.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let k = key_char(c);
        out.push_str(&k.text);
        tone = k.tone.or(tone);
    }
    out.extend(tone);
    out
}

/// The lookup key of a name: its tokens' keys joined by single spaces.
/// Case, Unicode form, tone-mark placement and spacing around dashes do
/// not change the key; letters and tones do.
///
/// ```
/// use viet_text::lexicon::name_key;
/// assert_eq!(name_key("Khánh Hòa"), name_key("KHÁNH HOÀ"));
/// assert_eq!(name_key("Bà Rịa-Vũng Tàu"), name_key("Bà Rịa – Vũng Tàu"));
/// assert_ne!(name_key("Bộ"), name_key("bố"));
/// ```
pub fn name_key(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 8);
    for (n, t) in tokenize(text).enumerate() {
        if n > 0 {
            out.push(b' ');
        }
        push_token_key(t.text, &mut out);
    }
    // Keys are built from whole characters of valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// How a title word relates to the name after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TitleClass {
    /// Kinship, comrade, academic, rank: `ông`, `TS.`, `Đại tá`.
    Honorific,
    /// A post that may name its body before the person: `Chủ tịch UBND tỉnh`.
    Post,
}

/// How an organization head word behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeadMode {
    /// Needs its own name after it (`Sở Y tế`).
    Plain,
    /// Names a unit of the body after it (`Chi nhánh NHCSXH tỉnh`).
    Unit,
    /// Generic unless a suffix or body follows (`Ban Tổ chức` alone).
    NeedsSuffix,
}

/// Everything the lexicons say about one key.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Entry {
    /// Number of tokens.
    pub len: u8,
    /// Tokens that must be capitalized in the text for a name reading
    /// (bit i = token i), from the written form of the name lists.
    pub caps: u32,
    pub place: Option<LocationKind>,
    /// Admin prefix: its kind, and whether a bare number may follow.
    pub prefix: Option<(LocationKind, bool)>,
    pub org: Option<OrgKind>,
    pub head: Option<(OrgKind, HeadMode)>,
    pub qualifier: bool,
    pub level: bool,
    /// Program trigger: kind, and whether the trigger is part of the name.
    pub trigger: Option<(ProgramKind, bool)>,
    pub program: Option<ProgramKind>,
    pub surname: bool,
    pub title: Option<TitleClass>,
    pub stop: bool,
    /// A verb or noun that ends a name only after a complete word.
    pub weak_stop: bool,
    pub credit: bool,
    pub nonperson: bool,
    pub person: bool,
    /// A common word with an admin syllable inside (`xã hội`).
    pub word: bool,
    /// A head word that must be capitalized (`Bộ`, `Hội`).
    pub head_cap: bool,
    /// Whether `caps` was set by a list that checks capitals.
    pub caps_set: bool,
}

/// Category bits of an [`Entry`], for quick per-token tests.
pub(crate) mod cat {
    pub const PLACE: u16 = 1;
    pub const PREFIX: u16 = 1 << 1;
    pub const ORG: u16 = 1 << 2;
    pub const HEAD: u16 = 1 << 3;
    pub const TRIGGER: u16 = 1 << 4;
    pub const PROGRAM: u16 = 1 << 5;
    pub const SURNAME: u16 = 1 << 6;
    pub const TITLE: u16 = 1 << 7;
    pub const CREDIT: u16 = 1 << 8;
    pub const PERSON: u16 = 1 << 9;
    pub const STOP: u16 = 1 << 10;
}

impl Entry {
    /// The category bits of this entry.
    pub(crate) fn cats(&self) -> u16 {
        let mut c = 0;
        if self.place.is_some() {
            c |= cat::PLACE;
        }
        if self.prefix.is_some() {
            c |= cat::PREFIX;
        }
        if self.org.is_some() {
            c |= cat::ORG;
        }
        if self.head.is_some() {
            c |= cat::HEAD;
        }
        if self.trigger.is_some() {
            c |= cat::TRIGGER;
        }
        if self.program.is_some() {
            c |= cat::PROGRAM;
        }
        if self.surname {
            c |= cat::SURNAME;
        }
        if self.title.is_some() {
            c |= cat::TITLE;
        }
        if self.credit {
            c |= cat::CREDIT;
        }
        if self.person {
            c |= cat::PERSON;
        }
        if self.stop || self.weak_stop {
            c |= cat::STOP;
        }
        c
    }
}

/// The name lexicons compiled two ways: a word-level trie over token keys
/// (the fast path: one hash look-up per token) and one Aho-Corasick
/// automaton over the keyed text (the reference, and the path for the rare
/// token whose key holds a space).
#[derive(Debug)]
pub(crate) struct NameLexicon {
    pub ac: AhoCorasick,
    pub entries: Vec<Entry>,
    /// `entries[n].cats()`, precomputed.
    pub cats: Vec<u16>,
    pub trie: PhraseTrie,
    /// A number no other lexicon built in this process has: per-thread
    /// memos of token look-ups (`names::Memo`) belong to one lexicon.
    pub id: u64,
    /// The name context's annotations of the short tokens the tokenizer
    /// pushes without scanning, by first byte (`names::short_anns`: made
    /// once, on first use).
    pub short_anns: std::sync::OnceLock<[u32; 128]>,
}

/// A fast, non-cryptographic hasher for the small keys of the lexicon
/// (token keys, trie edges: tables fixed after build and only looked up)
/// and for the name rules' per-document sets of `u64` range hashes (on one
/// `u64` the hasher is a bijection, so two distinct keys never share a
/// hash). Maps keyed by a document's own text use the standard seeded
/// hasher instead, so that a crafted document cannot collide their keys.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(SEED);
    }
}

impl std::hash::Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            self.add(u64::from_le_bytes(a));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut a = [0u8; 8];
            if let Some(dst) = a.get_mut(..rest.len()) {
                dst.copy_from_slice(rest);
            }
            self.add(u64::from_le_bytes(a));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastBuild = std::hash::BuildHasherDefault<FastHasher>;

/// No vocabulary id, no node, no entry.
pub(crate) const NONE: u32 = u32::MAX;

/// The lexicon phrases as a trie over token keys: each distinct token key
/// of a phrase gets a vocabulary id, each phrase is a path of ids from the
/// root. A phrase matches tokens `[i, j)` exactly when the tokens' keys,
/// joined by single spaces, equal the phrase's key, which is what the
/// Aho-Corasick automaton over the keyed text finds at token boundaries.
#[derive(Debug, Default)]
pub(crate) struct PhraseTrie {
    vocab: HashMap<Box<[u8]>, u32, FastBuild>,
    /// The node reached from the root by each vocabulary id (`NONE`: no
    /// phrase starts with that key).
    root: Vec<u32>,
    /// Per node: the entry of the phrase ending there (`NONE`: none).
    node_entry: Vec<u32>,
    /// Per node: whether any edge leaves it.
    node_inner: Vec<bool>,
    edges: HashMap<u64, u32, FastBuild>,
    /// One bit per [`edge_bit`] of every edge: a walk asks `edges` only
    /// when its bit is set (most words after a phrase's first word
    /// continue none, and a bit costs less than a hash-map probe).
    edge_bits: Vec<u64>,
    /// Per vocabulary id, what a walk from it finds at its first step
    /// ([`PhraseTrie::start`]) and its 64-bit go-on filter, filled by
    /// [`PhraseTrie::set_starts`] (every id past it, `NONE` too, reads
    /// `START_NONE`).
    starts: Vec<[u64; 2]>,
    /// Every id at or past this reads `START_NONE` (starts no phrase).
    start_limit: u32,
    /// Written forms of the vocabulary for the fast path.
    raw: RawForms,
}

/// A [`PhraseTrie::start`] record: the entry of the one-word phrase
/// (`NONE`: none) in bits 0–31, its categories in bits 32–47 (48–63 are
/// 0). Stored beside it, the word's go-on filter
/// ([`StartTables::record`]): bit `go_on_bit64(id)` for the id of each
/// second word of the longer phrases that start with the word (none set:
/// no longer phrase).
pub(crate) type Start = u64;

/// Which bit of a word's 64-bit go-on filter ([`StartTables::record`]) a
/// second word of vocabulary id `id` sets.
#[inline(always)]
fn go_on_bit64(id: u32) -> u32 {
    id.wrapping_mul(0x9E37_79B9) >> 26
}

/// The [`Start`] of a word no phrase starts with.
const START_NONE: u64 = NONE as u64;

impl PhraseTrie {
    fn build<'k>(phrases: impl Iterator<Item = (&'k str, u32)>) -> PhraseTrie {
        let mut t = PhraseTrie::default();
        let mut phrases: Vec<(&str, u32)> = phrases.collect();
        // In key order, so the ids do not follow the order of the caller's
        // hash map (the walk's filters, and with them its cost, would
        // change from run to run).
        phrases.sort_unstable();
        // The first words of the phrases take the lowest ids, so the words
        // that start some phrase are the ids below one limit
        // ([`StartTables::limit`]: one compare, no load).
        for &(key, _) in &phrases {
            if let Some(first) = key.split(' ').next() {
                let next_id = t.vocab.len() as u32;
                t.vocab.entry(first.as_bytes().into()).or_insert(next_id);
            }
        }
        for (key, entry) in phrases {
            let mut node = NONE;
            for part in key.split(' ') {
                let next_id = t.vocab.len() as u32;
                let id = *t.vocab.entry(part.as_bytes().into()).or_insert(next_id);
                if id as usize >= t.root.len() {
                    t.root.resize(id as usize + 1, NONE);
                }
                let existing = if node == NONE {
                    t.root.get(id as usize).copied().unwrap_or(NONE)
                } else {
                    t.edges.get(&edge(node, id)).copied().unwrap_or(NONE)
                };
                let child = if existing != NONE {
                    existing
                } else {
                    let n = t.node_entry.len() as u32;
                    t.node_entry.push(NONE);
                    t.node_inner.push(false);
                    if node == NONE {
                        if let Some(slot) = t.root.get_mut(id as usize) {
                            *slot = n;
                        }
                    } else {
                        t.edges.insert(edge(node, id), n);
                        if let Some(inner) = t.node_inner.get_mut(node as usize) {
                            *inner = true;
                        }
                    }
                    n
                };
                node = child;
            }
            if let Some(slot) = t.node_entry.get_mut(node as usize) {
                *slot = entry;
            }
        }
        t.raw = RawForms::build(&t.vocab);
        t.edge_bits = vec![0; EDGE_BIT_WORDS];
        for &e in t.edges.keys() {
            let b = edge_bit(e);
            if let Some(w) = t.edge_bits.get_mut(b >> 6) {
                *w |= 1 << (b & 63);
            }
        }
        t
    }

    /// Whether an edge `e` may exist (no: it does not).
    #[inline(always)]
    fn may_have_edge(&self, e: u64) -> bool {
        let b = edge_bit(e);
        self.edge_bits.get(b >> 6).is_some_and(|w| w >> (b & 63) & 1 != 0)
    }

    /// Fills the [`Start`] records, `cats[entry]` being each entry's
    /// categories.
    pub(crate) fn set_starts(&mut self, cats: &[u16]) {
        // The second words of the longer phrases, by first node.
        let mut go_on = vec![0u64; self.node_entry.len()];
        for &e in self.edges.keys() {
            if let Some(g) = go_on.get_mut((e >> 32) as usize) {
                *g |= 1 << go_on_bit64(e as u32);
            }
        }
        self.starts = self
            .root
            .iter()
            .map(|&node| {
                if node == NONE {
                    return [START_NONE, 0];
                }
                let entry = self.node_entry.get(node as usize).copied().unwrap_or(NONE);
                let go = go_on.get(node as usize).copied().unwrap_or(0);
                let c = if entry == NONE {
                    0
                } else {
                    cats.get(entry as usize).copied().unwrap_or(0)
                };
                [u64::from(entry) | u64::from(c) << 32, go]
            })
            .collect();
        self.start_limit = self
            .starts
            .iter()
            .rposition(|s| s[0] != START_NONE)
            .map_or(0, |p| p as u32 + 1);
        self.starts.truncate(self.start_limit as usize);
    }

    /// The start records, for a loop over a document's tokens
    /// ([`StartTables::start`], [`StartTables::may_go_on`]).
    #[inline]
    pub(crate) fn start_tables(&self) -> StartTables<'_> {
        StartTables {
            starts: &self.starts,
            limit: self.start_limit,
        }
    }

    /// What the phrases starting with vocabulary id `id` give at their
    /// first word: the one-word phrase's entry and categories (whether
    /// longer ones exist is the go-on filter beside it,
    /// [`StartTables::record`]; then [`PhraseTrie::matches_at`] walks
    /// them). One load, where the walk reads the root and the node's entry.
    #[cfg(test)]
    pub(crate) fn start(&self, id: u32) -> Start {
        self.start_tables().start(id)
    }

    /// The vocabulary ids of every path from the root (every node's
    /// words, phrase or not), for tests of the walk.
    #[cfg(test)]
    pub(crate) fn id_paths(&self) -> Vec<Vec<u32>> {
        let mut paths: Vec<Vec<u32>> = Vec::new();
        let mut by_node = vec![Vec::new(); self.node_entry.len()];
        for (id, &node) in self.root.iter().enumerate() {
            if let Some(p) = by_node.get_mut(node as usize) {
                *p = vec![id as u32];
            }
        }
        // Nodes are numbered after their parents: one pass in order.
        let mut edges: Vec<(u64, u32)> = self.edges.iter().map(|(&e, &c)| (e, c)).collect();
        edges.sort_by_key(|&(_, child)| child);
        for (e, child) in edges {
            let mut p = by_node.get((e >> 32) as usize).cloned().unwrap_or_default();
            p.push(e as u32);
            if let Some(slot) = by_node.get_mut(child as usize) {
                *slot = p;
            }
        }
        paths.extend(by_node.into_iter().filter(|p| !p.is_empty()));
        paths
    }

    /// All written forms of the fast path.
    #[cfg(test)]
    pub(crate) fn raw_forms(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.raw.iter()
    }

    /// The vocabulary id of one token key (`NONE` when no phrase has it).
    #[inline]
    pub(crate) fn word_id(&self, key: &[u8]) -> u32 {
        self.vocab.get(key).copied().unwrap_or(NONE)
    }

    /// Whether some key of the vocabulary is a run of ASCII digits (else
    /// every such run's id is `NONE`).
    pub(crate) fn has_digit_key(&self) -> bool {
        self.vocab
            .keys()
            .any(|k| !k.is_empty() && k.iter().all(u8::is_ascii_digit))
    }

    /// How many keys the vocabulary has (ids are below this).
    pub(crate) fn vocab_len(&self) -> usize {
        self.vocab.len()
    }

    /// Calls `f(len, entry)` for every phrase that matches the tokens whose
    /// vocabulary ids are `ids` from their start, shortest first (the
    /// reference for [`PhraseTrie::start`] and
    /// [`PhraseTrie::matches_past_first`], which the context build uses).
    #[cfg(test)]
    pub(crate) fn matches_at(&self, ids: &[u32], f: impl FnMut(usize, u32)) {
        self.walk::<true>(ids, f);
    }

    /// [`PhraseTrie::matches_at`] without the one-word phrase (which the
    /// [`PhraseTrie::start`] record gives): `f(len, entry)` for the
    /// phrases of two words or more, shortest first.
    #[inline]
    pub(crate) fn matches_past_first(&self, ids: &[u32], f: impl FnMut(usize, u32)) {
        self.walk::<false>(ids, f);
    }

    /// The walk of both: with `FIRST` it reports the first word's own
    /// phrase and stops when no longer one starts there; without, it takes
    /// the first step at once (the caller has both from the start record).
    #[inline(always)]
    fn walk<const FIRST: bool>(&self, ids: &[u32], mut f: impl FnMut(usize, u32)) {
        let Some(&first) = ids.first() else { return };
        let mut node = self.root.get(first as usize).copied().unwrap_or(NONE);
        let mut len = 1;
        while node != NONE {
            if FIRST || len > 1 {
                let n = node as usize;
                if let Some(&e) = self.node_entry.get(n) {
                    if e != NONE {
                        f(len, e);
                    }
                }
                if !self.node_inner.get(n).copied().unwrap_or(false) {
                    break;
                }
            }
            let Some(&next) = ids.get(len) else { break };
            if next == NONE {
                break;
            }
            let e = edge(node, next);
            if !self.may_have_edge(e) {
                break;
            }
            node = self.edges.get(&e).copied().unwrap_or(NONE);
            len += 1;
        }
    }
}

/// [`PhraseTrie::start`] with the records borrowed once (see
/// [`PhraseTrie::start_tables`]).
pub(crate) struct StartTables<'a> {
    /// The records and their 64-bit go-on filters.
    starts: &'a [[u64; 2]],
    /// Every id at or past this (`NONE` too) reads `START_NONE`.
    limit: u32,
}

impl StartTables<'_> {
    /// See [`PhraseTrie::start`]: ids past the vocabulary (`NONE`) read
    /// `START_NONE` (the context asks only for ids below
    /// [`StartTables::limit`], so the branch is always taken one way).
    #[inline(always)]
    #[cfg(test)]
    pub(crate) fn start(&self, id: u32) -> Start {
        self.record(id).0
    }

    /// [`StartTables::start`] and the word's 64-bit go-on filter (one bit
    /// per [`go_on_bit64`] of a second word of its longer phrases; 0: none),
    /// read side by side.
    #[inline(always)]
    pub(crate) fn record(&self, id: u32) -> (Start, u64) {
        self.starts
            .get(id as usize)
            .map_or((START_NONE, 0), |&[s, go]| (s, go))
    }

    /// The ids below this may start a phrase; every id at or past it
    /// (`NONE` too) starts none: its record is `START_NONE`.
    #[inline(always)]
    pub(crate) fn limit(&self) -> u32 {
        self.limit
    }

    /// Whether a phrase of two words or more may start with the word of
    /// 64-bit go-on filter `go` ([`StartTables::record`]) and the next
    /// word, of id `next`: false when none does (then the start record
    /// alone gives every hit at the word); true also, sometimes, when none
    /// does. No branch, no load.
    #[inline(always)]
    pub(crate) fn may_go_on(go: u64, next: u32) -> bool {
        (go >> go_on_bit64(next)) & 1 != 0
    }
}

#[inline]
fn edge(node: u32, id: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(id)
}

/// Bits of [`PhraseTrie::edge_bits`]: `2^16` (8 KB; the built-in
/// lexicon has ~1,300 edges, so a missing edge finds its bit set about
/// once in fifty).
const EDGE_BITS_LOG: u32 = 16;
const EDGE_BIT_WORDS: usize = 1 << (EDGE_BITS_LOG - 6);

/// The bit of edge `e` in [`PhraseTrie::edge_bits`].
#[inline(always)]
fn edge_bit(e: u64) -> usize {
    (e.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - EDGE_BITS_LOG)) as usize
}

/// User additions to the built-in lexicons.
#[derive(Debug, Clone, Default)]
pub(crate) struct Extras<'a> {
    pub organizations: &'a [(String, OrgKind)],
    pub locations: &'a [(String, LocationKind)],
    pub program_triggers: &'a [(String, ProgramKind)],
    pub persons: &'a [String],
}

fn location_kind(s: &str) -> Option<LocationKind> {
    Some(match s {
        "country" => LocationKind::Country,
        "province" => LocationKind::Province,
        "city" => LocationKind::City,
        "district" => LocationKind::District,
        "ward" => LocationKind::Ward,
        "commune" => LocationKind::Commune,
        "village" => LocationKind::Village,
        "other" => LocationKind::Other,
        _ => return None,
    })
}

fn org_kind(s: &str) -> Option<OrgKind> {
    Some(match s {
        "government" => OrgKind::Government,
        "party" => OrgKind::Party,
        "mass_organization" => OrgKind::MassOrganization,
        "company" => OrgKind::Company,
        "bank" => OrgKind::Bank,
        "education" => OrgKind::Education,
        "health" => OrgKind::Health,
        "military" => OrgKind::Military,
        "media" => OrgKind::Media,
        "other" => OrgKind::Other,
        _ => return None,
    })
}

fn program_kind(s: &str) -> Option<ProgramKind> {
    Some(match s {
        "program" => ProgramKind::Program,
        "movement" => ProgramKind::Movement,
        "campaign" => ProgramKind::Campaign,
        "project" => ProgramKind::Project,
        "scheme" => ProgramKind::Scheme,
        "plan" => ProgramKind::Plan,
        "model" => ProgramKind::Model,
        "other" => ProgramKind::Other,
        _ => return None,
    })
}

/// The kind named by the first field after an entry (`default` when it is
/// missing or unknown).
fn first_kind<T>(rest: &[&str], parse: impl Fn(&str) -> Option<T>, default: T) -> T {
    rest.first().and_then(|k| parse(k)).unwrap_or(default)
}

/// Splits `name | kind flags` into the name and the words after `|`.
fn split_line(line: &str) -> (&str, Vec<&str>) {
    match line.split_once('|') {
        Some((name, rest)) => (name.trim(), rest.split_whitespace().collect()),
        None => (line.trim(), Vec::new()),
    }
}

struct Builder {
    keys: HashMap<String, Entry>,
}

impl Builder {
    fn add(&mut self, phrase: &str, strict_caps: bool, f: impl FnOnce(&mut Entry)) {
        let key = name_key(phrase);
        if key.is_empty() {
            return;
        }
        let mut len = 0u8;
        let mut caps = 0u32;
        for (i, t) in tokenize(phrase).enumerate() {
            len = len.saturating_add(1);
            if strict_caps && i < 32 && t.text.chars().next().is_some_and(char::is_uppercase) {
                caps |= 1 << i;
            }
        }
        let e = self.keys.entry(key).or_default();
        e.len = len;
        if strict_caps {
            // Variants of one key relax each other: `Trung ương` and
            // `trung ương` need no capital.
            if e.caps_set {
                e.caps &= caps;
            } else {
                e.caps = caps;
                e.caps_set = true;
            }
        }
        f(e);
    }
}

static BUILTIN: LazyLock<Arc<NameLexicon>> =
    LazyLock::new(|| Arc::new(NameLexicon::build(&Extras::default())));

/// The source of [`NameLexicon::id`] (0 is never given out).
static NEXT_LEXICON_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl NameLexicon {
    /// The built-in lexicons (compiled once per process, shared).
    pub(crate) fn builtin() -> Arc<NameLexicon> {
        Arc::clone(&BUILTIN)
    }

    /// The built-in lexicons plus the user's entries.
    pub(crate) fn build(extras: &Extras<'_>) -> NameLexicon {
        let mut b = Builder { keys: HashMap::new() };
        for line in entries(include_str!("../data/names/places.txt")) {
            let (name, rest) = split_line(line);
            let kind = first_kind(&rest, location_kind, LocationKind::Other);
            b.add(name, true, |e| e.place = Some(kind));
        }
        for line in entries(include_str!("../data/names/admin_prefixes.txt")) {
            let (name, rest) = split_line(line);
            let kind = first_kind(&rest, location_kind, LocationKind::Other);
            let num = rest.contains(&"num");
            b.add(name, false, |e| e.prefix = Some((kind, num)));
        }
        for line in entries(include_str!("../data/names/organizations.txt")) {
            let (name, rest) = split_line(line);
            let kind = first_kind(&rest, org_kind, OrgKind::Other);
            b.add(name, true, |e| e.org = Some(kind));
        }
        for line in entries(include_str!("../data/names/org_heads.txt")) {
            let (name, rest) = split_line(line);
            let kind = first_kind(&rest, org_kind, OrgKind::Other);
            let mode = if rest.contains(&"unit") {
                HeadMode::Unit
            } else if rest.contains(&"suffix") {
                HeadMode::NeedsSuffix
            } else {
                HeadMode::Plain
            };
            let cap = rest.contains(&"cap");
            b.add(name, false, |e| {
                e.head = Some((kind, mode));
                e.head_cap = cap;
            });
        }
        for line in entries(include_str!("../data/names/org_qualifiers.txt")) {
            b.add(line, false, |e| e.qualifier = true);
        }
        for line in entries(include_str!("../data/names/org_levels.txt")) {
            b.add(line, true, |e| e.level = true);
        }
        for line in entries(include_str!("../data/names/program_triggers.txt")) {
            let (name, rest) = split_line(line);
            let kind = first_kind(&rest, program_kind, ProgramKind::Other);
            let whole = rest.contains(&"whole");
            b.add(name, false, |e| e.trigger = Some((kind, whole)));
        }
        for line in entries(include_str!("../data/names/programs.txt")) {
            let (name, rest) = split_line(line);
            let kind = first_kind(&rest, program_kind, ProgramKind::Program);
            b.add(name, false, |e| e.program = Some(kind));
        }
        for line in entries(include_str!("../data/names/surnames.txt")) {
            b.add(line, false, |e| e.surname = true);
        }
        for line in entries(include_str!("../data/names/titles.txt")) {
            let (name, rest) = split_line(line);
            let class = if rest.contains(&"post") {
                TitleClass::Post
            } else {
                TitleClass::Honorific
            };
            b.add(name, false, |e| e.title = Some(class));
        }
        for line in entries(include_str!("../data/names/stops.txt")) {
            b.add(line, false, |e| e.stop = true);
        }
        for line in entries(include_str!("../data/names/stops_weak.txt")) {
            b.add(line, false, |e| e.weak_stop = true);
        }
        for line in entries(include_str!("../data/names/credits.txt")) {
            b.add(line, false, |e| e.credit = true);
        }
        for line in entries(include_str!("../data/names/words.txt")) {
            b.add(line, false, |e| e.word = true);
        }
        for line in entries(include_str!("../data/names/nonperson_before.txt")) {
            b.add(line, false, |e| e.nonperson = true);
        }
        for (name, kind) in extras.organizations {
            let kind = *kind;
            b.add(name, true, |e| e.org = Some(kind));
        }
        for (name, kind) in extras.locations {
            let kind = *kind;
            b.add(name, true, |e| e.place = Some(kind));
        }
        for (name, kind) in extras.program_triggers {
            let kind = *kind;
            b.add(name, false, |e| e.trigger = Some((kind, false)));
        }
        for name in extras.persons {
            b.add(name, true, |e| e.person = true);
        }
        let mut patterns = Vec::with_capacity(b.keys.len());
        let mut entries_out = Vec::with_capacity(b.keys.len());
        for (key, entry) in b.keys {
            // A leading space anchors every pattern at a token start in the
            // keyed text (which puts one space before every token).
            patterns.push(format!(" {key}"));
            entries_out.push(entry);
        }
        let trie = PhraseTrie::build(
            patterns
                .iter()
                .enumerate()
                .map(|(n, p)| (p.strip_prefix(' ').unwrap_or(p), n as u32)),
        );
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&patterns)
            .unwrap_or_else(|_| {
                // Patterns are small and few; building cannot fail in
                // practice. Fall back to an automaton that matches nothing.
                entries_out.clear();
                AhoCorasick::new(std::iter::empty::<&str>()).expect("empty automaton builds")
            });
        let mut trie = if entries_out.is_empty() {
            PhraseTrie::default()
        } else {
            trie
        };
        let cats: Vec<u16> = entries_out.iter().map(Entry::cats).collect();
        trie.set_starts(&cats);
        NameLexicon {
            ac,
            cats,
            entries: entries_out,
            trie,
            id: NEXT_LEXICON_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            short_anns: std::sync::OnceLock::new(),
        }
    }
}

/// Whether a token kind can carry a key worth matching.
pub(crate) fn keyed_kind(kind: TokenKind) -> bool {
    !matches!(kind, TokenKind::Url | TokenKind::Email)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    #[test]
    fn keys_unify_tone_style_case_and_form() {
        assert_eq!(name_key("Hòa Bình"), name_key("Hoà Bình"));
        assert_eq!(name_key("THỦY"), name_key("thuỷ"));
        assert_eq!(name_key("Ủy ban"), name_key("Uỷ ban"));
        assert_ne!(name_key("Hà"), name_key("Hạ"));
    }

    fn vietnamese_like() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ\u{300}\u{301}\u{302}\u{303}\u{309}\u{323}\u{31b}.’–ǖḾßΐ-]{0,12}"
    }

    /// The fast class answers exactly what folding the token answers.
    fn check_quick(token: &str) {
        let lex = NameLexicon::builtin();
        let mut key = Vec::new();
        let case = push_token_key(token, &mut key);
        if let Quick::Known(c, id) = lex.trie.quick(token) {
            assert_eq!(id, lex.trie.word_id(&key), "id of {token:?}");
            assert_eq!(
                (c.upper, c.lower, c.first_upper, c.inner_upper),
                (case.upper, case.lower, case.first_upper, case.inner_upper),
                "case of {token:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn table_fold_equals_reference_fold(s in proptest::arbitrary::any::<String>()) {
            let mut out = Vec::new();
            push_token_key(&s, &mut out);
            proptest::prop_assert_eq!(String::from_utf8(out).ok(), Some(token_key_reference(&s)));
        }

        #[test]
        fn table_fold_equals_reference_fold_vietnamese(s in vietnamese_like()) {
            let mut out = Vec::new();
            push_token_key(&s, &mut out);
            proptest::prop_assert_eq!(String::from_utf8(out).ok(), Some(token_key_reference(&s)));
        }

        #[test]
        fn quick_lookup_equals_folded_lookup(s in vietnamese_like()) {
            check_quick(&s);
        }
    }

    #[test]
    fn quick_lookup_finds_every_written_form() {
        let lex = NameLexicon::builtin();
        let mut n = 0;
        for form in lex.trie.raw_forms() {
            let s = std::str::from_utf8(form).unwrap_or("");
            assert!(
                matches!(lex.trie.quick(s), Quick::Known(_, id) if id != NONE),
                "{s:?}"
            );
            check_quick(s);
            check_quick(&s.to_lowercase());
            check_quick(&s.to_uppercase());
            n += 1;
        }
        assert!(n > 1000, "only {n} written forms");
        for s in [
            "Hoá", "hóa", "HOÁ", "Thanh", "tỉnh", "TỈNH", "Tỉnh", "tÍnh", "UBND", "ubnd", "TP.", "đ", "Đ",
            "", "1 000",
        ] {
            check_quick(s);
        }
    }

    #[test]
    fn lexicon_builds_with_all_lists() {
        let lex = NameLexicon::builtin();
        assert!(lex.entries.len() > 500);
        assert!(lex.entries.iter().any(|e| e.surname));
        assert!(lex
            .entries
            .iter()
            .any(|e| e.place == Some(LocationKind::Province)));
        assert!(lex.entries.iter().any(|e| e.trigger.is_some()));
    }

    /// The walk's first step as `PhraseTrie::matches_at` takes it from
    /// the build arrays: the one-word entry, its categories, whether the
    /// root child has edges.
    fn first_step(lex: &NameLexicon, id: u32) -> (u32, u16, bool) {
        let t = &lex.trie;
        let node = t.root.get(id as usize).copied().unwrap_or(NONE);
        if node == NONE {
            return (NONE, 0, false);
        }
        let entry = t.node_entry.get(node as usize).copied().unwrap_or(NONE);
        let cats = if entry == NONE {
            0
        } else {
            lex.cats.get(entry as usize).copied().unwrap_or(0)
        };
        (
            entry,
            cats,
            t.node_inner.get(node as usize).copied().unwrap_or(false),
        )
    }

    /// A lexicon with a user's organization, place and person added.
    fn custom_lexicon() -> NameLexicon {
        NameLexicon::build(&Extras {
            organizations: &[("Hợp tác xã Chè Đỉnh".to_string(), OrgKind::Company)],
            locations: &[("Bản Lác".to_string(), LocationKind::Village)],
            program_triggers: &[],
            persons: &["Hờ A Dơ".to_string()],
        })
    }

    #[test]
    fn start_records_equal_the_first_step_of_the_walk() {
        let custom = custom_lexicon();
        for lex in [&*NameLexicon::builtin(), &custom] {
            let (mut one, mut inner) = (0, 0);
            // Every id, and some past the vocabulary.
            for id in (0..lex.trie.vocab_len() as u32 + 3).chain([NONE - 1, NONE]) {
                let s = lex.trie.start(id);
                let go = lex.trie.start_tables().record(id).1;
                let (entry, cats, is_inner) = first_step(lex, id);
                assert_eq!(s as u32, entry, "{id}");
                assert_eq!((s >> 32) as u16, cats, "{id}");
                assert_eq!(s >> 48, 0, "{id}");
                assert_eq!(go != 0, is_inner, "{id}");
                // The one-word hit the walk reports is the record's.
                let mut first = None;
                lex.trie.matches_at(&[id], |len, e| {
                    assert_eq!(len, 1);
                    first = Some(e);
                });
                assert_eq!(first, (entry != NONE).then_some(entry), "{id}");
                one += usize::from(entry != NONE);
                inner += usize::from(is_inner);
            }
            assert!(one > 10 && inner > 10, "{one} {inner}");
        }
        assert_eq!(PhraseTrie::default().start(0), START_NONE);
    }

    #[test]
    fn the_words_that_start_a_phrase_have_the_lowest_ids() {
        // The context walks only tokens with an id below the limit: every
        // id at or past it must start nothing, and (for the walk to skip
        // the others) every id below it start something.
        let custom = custom_lexicon();
        for lex in [&*NameLexicon::builtin(), &custom] {
            let t = &lex.trie;
            let tables = t.start_tables();
            let limit = tables.limit();
            assert!(limit > 10 && (limit as usize) < t.vocab_len(), "{limit}");
            for id in (0..t.vocab_len() as u32 + 3).chain([NONE - 1, NONE]) {
                let starts = first_step(lex, id) != (NONE, 0, false);
                assert_eq!(starts, id < limit, "{id}");
                if id >= limit {
                    assert_eq!(tables.start(id), START_NONE, "{id}");
                }
            }
            for p in t.id_paths() {
                assert!(p.first().is_some_and(|&f| f < limit), "{p:?}");
            }
        }
        assert_eq!(PhraseTrie::default().start_tables().limit(), 0);
    }

    #[test]
    fn every_second_word_may_go_on() {
        // `may_go_on` must be true for every pair that starts a longer
        // phrase (else the walk would miss it), and false for most others.
        let custom = custom_lexicon();
        for lex in [&*NameLexicon::builtin(), &custom] {
            let t = &lex.trie;
            let tables = t.start_tables();
            let paths = t.id_paths();
            let mut pairs = 0;
            for p in &paths {
                if let [first, next, ..] = p[..] {
                    assert!(StartTables::may_go_on(tables.record(first).1, next), "{p:?}");
                    pairs += 1;
                }
            }
            assert!(pairs > 10, "{pairs}");
            // Every path is a path of the walk.
            for p in &paths {
                let mut longest = 0;
                t.matches_at(p, |len, _| longest = longest.max(len));
                assert!(longest <= p.len());
            }
            // No longer phrase: never.
            for id in 0..t.vocab_len() as u32 {
                let go = tables.record(id).1;
                if go == 0 {
                    assert!((0..t.vocab_len() as u32 + 2).all(|n| !StartTables::may_go_on(go, n)));
                }
            }
            assert!(!StartTables::may_go_on(tables.record(NONE).1, 0));
            assert_eq!(tables.start(NONE), START_NONE);
            // Inner words with a random next word: mostly false.
            let inner: Vec<u32> = (0..t.vocab_len() as u32)
                .filter(|&id| tables.record(id).1 != 0)
                .collect();
            let (mut yes, mut all) = (0, 0);
            for (k, &id) in inner.iter().enumerate() {
                for n in [NONE, k as u32 * 7 + 3, id ^ 0x155] {
                    yes += usize::from(StartTables::may_go_on(tables.record(id).1, n));
                    all += 1;
                }
            }
            assert!(yes * 6 < all, "{yes} of {all}");
        }
    }

    #[test]
    fn every_edge_has_its_bit() {
        // The walk skips the map when an edge's bit is clear: no edge may
        // have a clear bit, and most absent edges should.
        let lex = NameLexicon::builtin();
        let t = &lex.trie;
        assert!(t.edges.len() > 500);
        for &e in t.edges.keys() {
            assert!(t.may_have_edge(e), "{e:x}");
        }
        let absent = (0..20_000u64)
            .map(|i| edge((i % 2_000) as u32, (i / 2_000 + 7 * i) as u32))
            .filter(|e| !t.edges.contains_key(e))
            .collect::<Vec<_>>();
        let set = absent.iter().filter(|&&e| t.may_have_edge(e)).count();
        assert!(set * 10 < absent.len(), "{set} of {}", absent.len());
        assert!(!PhraseTrie::default().may_have_edge(edge(0, 0)));
    }
}
