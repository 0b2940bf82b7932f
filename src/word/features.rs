//! What the word model sees: units (syllables and other tokens), their
//! normalized keys and shapes, and the hashed features of each boundary.
//!
//! Everything here is shared by the segmenter and by the trainer, so a model
//! is always applied to exactly the features it was trained on.

use crate::token::{tokenize, Token, TokenKind};
use std::sync::LazyLock;

/// Longest word (in units) the lexicon features look for.
pub(crate) const MAX_WORD_UNITS: usize = 5;

/// The letter case and kind of a unit, as the model sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Shape {
    /// Before the first or after the last unit.
    Edge = 0,
    /// A lower-case syllable (`nhà`).
    Lower = 1,
    /// A capitalized syllable (`Huế`).
    Capital = 2,
    /// An initial or short abbreviation with its dot (`H.`, `Th.`).
    Initial = 3,
    /// A non-Vietnamese word in lower case (`email`).
    ForeignLower = 4,
    /// A capitalized non-Vietnamese word (`Toyota`).
    ForeignCapital = 5,
    /// An abbreviation (`UBND`, `TP.HCM`): always a word of its own.
    Abbreviation = 6,
    /// A number, date, ratio or percent.
    Number = 7,
    /// Punctuation.
    Punct = 8,
    /// An opening quote.
    OpenQuote = 9,
    /// A closing quote.
    CloseQuote = 10,
    /// Anything else (symbols, URLs, glued tokens like `Wai-kru`).
    Other = 11,
}

/// One unit: a token, or several adjacent tokens glued into one (`43H-016`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Unit {
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Case- and tone-placement-insensitive key.
    pub key: u64,
    /// Case and kind.
    pub shape: Shape,
    /// Whether this unit may continue the word of the unit before it.
    pub may_join: bool,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// One step of the hash that combines the parts of a feature or key.
#[inline]
pub(crate) fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Final avalanche so the top bits are usable as a table index.
#[inline]
pub(crate) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The Vietnamese tone marks as combining characters.
fn tone_of_mark(c: char) -> Option<u8> {
    match c {
        '\u{0300}' => Some(1), // huyền
        '\u{0301}' => Some(2), // sắc
        '\u{0303}' => Some(3), // ngã
        '\u{0309}' => Some(4), // hỏi
        '\u{0323}' => Some(5), // nặng
        _ => None,
    }
}

/// A lower-cased precomposed letter split into its base letter, up to two
/// non-tone marks and its tone.
#[derive(Debug, Clone, Copy, Default)]
struct Folded {
    letter: u32,
    marks: [u32; 2],
    tone: u8,
}

const TABLE_START: u32 = 0xC0;
const TABLE_END: u32 = 0x1F00;

/// `Folded` for every code point in `TABLE_START..TABLE_END` (Latin letters
/// with diacritics, including all Vietnamese letters).
static FOLD_TABLE: LazyLock<Vec<Folded>> = LazyLock::new(|| {
    (TABLE_START..TABLE_END)
        .map(|cp| {
            let Some(c) = char::from_u32(cp) else {
                return Folded::default();
            };
            let mut lower = c.to_lowercase();
            let l = match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            };
            let mut f = Folded::default();
            let mut n_marks = 0;
            unicode_normalization::char::decompose_canonical(l, |d| {
                if f.letter == 0 {
                    f.letter = d as u32;
                } else if let Some(t) = tone_of_mark(d) {
                    f.tone = t;
                } else if n_marks < 2 {
                    f.marks[n_marks] = d as u32;
                    n_marks += 1;
                }
            });
            f
        })
        .collect()
});

/// The key of a word-like token: lower case, tone mark taken off the
/// letter it sits on and added once at the end, so `Hòa`, `hoà` and the
/// decomposed `hoa\u{300}` share one key.
pub(crate) fn syllable_key(text: &str) -> u64 {
    let mut h = SEED;
    let mut tone = 0u8;
    let table = &*FOLD_TABLE;
    for c in text.chars() {
        let cp = c as u32;
        if cp < 0x80 {
            h = mix(h, u64::from((c as u8).to_ascii_lowercase()));
        } else if (0x300..0x370).contains(&cp) {
            match tone_of_mark(c) {
                Some(t) => tone = t,
                None => h = mix(h, u64::from(cp)),
            }
        } else if (TABLE_START..TABLE_END).contains(&cp) {
            let f = table[(cp - TABLE_START) as usize];
            if f.letter == 0 {
                h = mix(h, u64::from(cp));
                continue;
            }
            h = mix(h, u64::from(f.letter));
            for m in f.marks {
                if m != 0 {
                    h = mix(h, u64::from(m));
                }
            }
            if f.tone != 0 {
                tone = f.tone;
            }
        } else {
            for l in c.to_lowercase() {
                h = mix(h, u64::from(l as u32));
            }
        }
    }
    mix(h, 0x100 + u64::from(tone))
}

/// A key for tokens that are not words: their class, or for punctuation
/// its text.
fn class_key(class: &str) -> u64 {
    mix(mix(SEED, 0xC1A55), syllable_key(class))
}

/// The key of a word made of consecutive units.
pub(crate) fn word_key(keys: impl IntoIterator<Item = u64>) -> u64 {
    let mut h = mix(SEED, 0x3005);
    let mut n = 0;
    for k in keys {
        h = mix(h, k);
        n += 1;
    }
    finish(mix(h, n))
}

/// The 32-bit fingerprint tables store for a 64-bit key (never 0).
pub(crate) fn fingerprint(key: u64) -> u32 {
    let f = (finish(key) >> 32) as u32;
    if f == 0 {
        1
    } else {
        f
    }
}

/// Key under which the statistics table stores how bound a unit is in the
/// gold segmentation: `[right-join rate bucket, left-join rate bucket,
/// log2 count bucket, 0]`.
pub(crate) fn bound_key(a: u64) -> u64 {
    mix(mix(SEED, 0xB0D), a)
}

/// Key under which the statistics table stores how often a pair of units
/// seen next to each other in the gold segmentation was one word:
/// `[join rate bucket, log2 count bucket, 0, 0]`.
pub(crate) fn gold_pair_key(a: u64, b: u64) -> u64 {
    mix(mix(mix(SEED, 0x60D), a), b)
}

/// How bound a unit never seen in the gold segmentation is.
const UNKNOWN_BOUND: PairStat = [0xFE; STAT_LEN];

/// Key of a pair of adjacent units, for association statistics.
pub(crate) fn pair_key(a: u64, b: u64) -> u64 {
    mix(mix(mix(SEED, 0xB16), a), b)
}

fn is_wordish(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Syllable | TokenKind::Word | TokenKind::Abbreviation | TokenKind::Number
    )
}

fn shape_of(t: &Token<'_>) -> Shape {
    let first_upper = t.text.chars().next().is_some_and(char::is_uppercase);
    let cased = |lower, capital| {
        if first_upper {
            capital
        } else {
            lower
        }
    };
    match t.kind {
        // All capitals count as capitalized, so `HÀ NỘI` segments as `Hà Nội`.
        TokenKind::Syllable => cased(Shape::Lower, Shape::Capital),
        TokenKind::Word => cased(Shape::ForeignLower, Shape::ForeignCapital),
        TokenKind::Abbreviation => Shape::Abbreviation,
        TokenKind::Number | TokenKind::DateLike | TokenKind::Ratio | TokenKind::Percent => Shape::Number,
        TokenKind::Punct => Shape::Punct,
        TokenKind::OpenQuote => Shape::OpenQuote,
        TokenKind::CloseQuote => Shape::CloseQuote,
        _ => Shape::Other,
    }
}

fn unit_of(t: &Token<'_>) -> Unit {
    let shape = shape_of(t);
    let key = match shape {
        Shape::Lower | Shape::Capital | Shape::ForeignLower | Shape::ForeignCapital | Shape::Abbreviation => {
            syllable_key(t.text)
        }
        Shape::Number => class_key("<number>"),
        Shape::Punct if t.text.len() <= 4 => class_key(t.text),
        Shape::Punct => class_key("<punct>"),
        Shape::OpenQuote => class_key("<open-quote>"),
        Shape::CloseQuote => class_key("<close-quote>"),
        _ => class_key("<other>"),
    };
    Unit {
        start: t.span.start,
        end: t.span.end,
        key,
        shape,
        may_join: false,
    }
}

/// Forgets letter case: capitalized units look like lower-case ones.
pub(crate) fn forget_case(units: &mut [Unit]) {
    for u in units {
        u.shape = match u.shape {
            Shape::Capital => Shape::Lower,
            Shape::ForeignCapital => Shape::ForeignLower,
            other => other,
        };
    }
}

/// Whether a shape can be part of a multi-unit word.
fn joinable(shape: Shape) -> bool {
    matches!(
        shape,
        Shape::Lower | Shape::Capital | Shape::ForeignLower | Shape::ForeignCapital | Shape::Initial
    )
}

/// A single letter (`H`, `q`) or a capitalized two-letter non-syllable (`Th`).
fn is_initial(t: &Token<'_>) -> bool {
    let mut chars = t.text.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(a), None, None) => a.is_alphabetic(),
        (Some(a), Some(b), None) => t.kind == TokenKind::Word && a.is_uppercase() && b.is_lowercase(),
        _ => false,
    }
}

/// Splits `text` into units, appending them to `out` (cleared first).
///
/// Tokens become units one for one, except that adjacent tokens (no white
/// space between them) are glued into one standalone unit when they are
/// word or number tokens (`1A`, `500kg`) or a joiner (`-`, `.`, `/`, `'`,
/// `’`) sits between two of them (`Wai-kru`, `43H-016`, `q.1`), and a
/// single letter or a capitalized two-letter non-syllable keeps its
/// following dot (`H.`, `q.`, `Th.`: initials and short abbreviations). A unit may join the word before it
/// only when both are word-like and only spaces or tabs separate them.
pub(crate) fn units_into(text: &str, out: &mut Vec<Unit>) {
    out.clear();
    let mut tokens = tokenize(text).peekable();
    let mut prev_word_end: Option<usize> = None;
    while let Some(t) = tokens.next() {
        let mut unit = unit_of(&t);
        // Glue `word joiner word ...` chains and digit-letter mixes written
        // without spaces (`43H-016`, `1A`, `q.1`).
        if is_wordish(t.kind) {
            let mut glued = false;
            while let Some(j) = tokens.peek().copied() {
                if j.span.start != unit.end {
                    break;
                }
                if is_wordish(j.kind) {
                    tokens.next();
                    unit.end = j.span.end;
                    glued = true;
                    continue;
                }
                if j.kind != TokenKind::Punct || !matches!(j.text, "-" | "." | "/" | "'" | "’") {
                    break;
                }
                // Look at the token after the joiner without consuming the joiner yet.
                let mut ahead = tokens.clone();
                ahead.next();
                match ahead.next() {
                    Some(n) if n.span.start == j.span.end && is_wordish(n.kind) => {
                        tokens.next();
                        tokens.next();
                        unit.end = n.span.end;
                        glued = true;
                    }
                    _ => break,
                }
            }
            if glued {
                unit.shape = Shape::Other;
                unit.key = class_key("<glued>");
            } else if is_initial(&t) {
                // An initial or short abbreviation: `H.`, `q.`, `Th.` followed
                // by white space or the end.
                if let Some(dot) = tokens.peek().copied() {
                    let after = text.get(dot.span.end..).and_then(|r| r.chars().next());
                    if dot.span.start == unit.end
                        && dot.text == "."
                        && after.map_or(true, char::is_whitespace)
                    {
                        tokens.next();
                        unit.end = dot.span.end;
                        unit.shape = Shape::Initial;
                    }
                }
            }
        }
        if joinable(unit.shape) {
            if let Some(pe) = prev_word_end {
                let gap = text.get(pe..unit.start).unwrap_or("\n");
                unit.may_join = !gap.is_empty() && gap.bytes().all(|b| b == b' ' || b == b'\t');
            }
            prev_word_end = Some(unit.end);
        } else {
            prev_word_end = None;
        }
        out.push(unit);
    }
}

/// Association statistics of a syllable pair, each bucketed into a byte:
/// `[log2 count, pointwise mutual information, log2 P(second | first),
/// log2 P(first | second)]`.
pub(crate) type PairStat = [u8; STAT_LEN];

/// Number of buckets in a [`PairStat`].
pub(crate) const STAT_LEN: usize = 4;

/// The pair cannot form a word (no joinable boundary).
const NO_PAIR: PairStat = [0xFF; STAT_LEN];

/// The pair is joinable but was not seen (often enough) in the unlabeled text.
const UNSEEN_PAIR: PairStat = [0xFE; STAT_LEN];

/// Lexicon flag: the units form a word.
pub(crate) const LEX_WORD: u8 = 1;
/// Lexicon flag: the units begin a longer word.
pub(crate) const LEX_PREFIX: u8 = 2;

/// Everything the features of one text need, computed once per text.
#[derive(Debug, Default)]
pub(crate) struct Context {
    /// The units.
    pub units: Vec<Unit>,
    /// Per unit: bit `L` set when the lexicon holds the `L`-unit word starting here.
    pub starts: Vec<u8>,
    /// Per unit `i`: association statistic bucket of the pair (`i-1`, `i`),
    /// `NO_STAT` when unit `i` cannot join `i-1` or the pair is unknown.
    pub assoc: Vec<PairStat>,
    /// Per unit: how often it continues into the next unit / from the
    /// previous one inside gold words (see [`bound_key`]).
    pub bound: Vec<PairStat>,
    /// Per unit `i`: gold join statistics of the pair (`i-1`, `i`) (see [`gold_pair_key`]).
    pub gold_pair: Vec<PairStat>,
}

/// The lexicon and association statistics features consult.
pub(crate) trait Knowledge {
    /// Lexicon flags of the units with this `word_key`: [`LEX_WORD`] when
    /// they are a word, [`LEX_PREFIX`] when they begin a longer word.
    fn lexicon(&self, key: u64) -> u8;
    /// `(count bucket, association bucket)` of a pair with this `pair_key`.
    fn pair_stat(&self, key: u64) -> Option<PairStat>;
}

impl Context {
    /// Fills the per-unit lexicon and statistics tables for `self.units`.
    pub(crate) fn annotate(&mut self, know: &impl Knowledge) {
        let n = self.units.len();
        self.starts.clear();
        self.starts.resize(n, 0);
        self.assoc.clear();
        self.assoc.resize(n, NO_PAIR);
        self.bound.clear();
        self.bound.resize(n, UNKNOWN_BOUND);
        self.gold_pair.clear();
        self.gold_pair.resize(n, NO_PAIR);
        for i in 0..n {
            let u = &self.units[i];
            if joinable(u.shape) {
                self.bound[i] = know.pair_stat(bound_key(u.key)).unwrap_or(UNKNOWN_BOUND);
            }
            if i > 0 && u.may_join {
                if let Some(s) = know.pair_stat(pair_key(self.units[i - 1].key, u.key)) {
                    self.assoc[i] = s;
                } else {
                    self.assoc[i] = UNSEEN_PAIR;
                }
                let gk = gold_pair_key(self.units[i - 1].key, u.key);
                self.gold_pair[i] = know.pair_stat(gk).unwrap_or(UNSEEN_PAIR);
            }
            if !joinable(u.shape) {
                continue;
            }
            let mut h = mix(SEED, 0x3005);
            let mut mask = 0u8;
            for len in 1..=MAX_WORD_UNITS {
                let Some(v) = self.units.get(i + len - 1) else {
                    break;
                };
                if len > 1 && !v.may_join {
                    break;
                }
                h = mix(h, v.key);
                if len > 1 {
                    let flags = know.lexicon(finish(mix(h, len as u64)));
                    if flags & LEX_WORD != 0 {
                        mask |= 1 << len;
                    }
                    if flags & LEX_PREFIX == 0 {
                        break;
                    }
                }
            }
            self.starts[i] = mask;
        }
    }

    fn key(&self, i: isize) -> u64 {
        if i < 0 {
            return 0xB05;
        }
        self.units.get(i as usize).map_or(0xE05, |u| u.key)
    }

    fn shape(&self, i: isize) -> u64 {
        if i < 0 {
            return Shape::Edge as u64;
        }
        self.units
            .get(i as usize)
            .map_or(Shape::Edge as u64 + 16, |u| u.shape as u64)
    }

    fn assoc_at(&self, i: isize) -> PairStat {
        if i < 0 {
            return NO_PAIR;
        }
        self.assoc.get(i as usize).copied().unwrap_or(NO_PAIR)
    }

    /// Calls `emit` with the hashed features of the boundary before unit `i`
    /// (`i >= 1`, `units[i].may_join`).
    ///
    /// `run` is the number of units in the word that ends at unit `i - 1`
    /// so far (1 when `i - 1` starts it), capped at 4.
    pub(crate) fn features(&self, i: usize, run: u8, mut emit: impl FnMut(u64)) {
        let i = i as isize;
        // The last multiplication of `mix` spreads every input bit into the
        // top bits, which are the ones the weight table uses.
        let f = |t: u64, parts: &[u64]| {
            let mut h = mix(SEED, t);
            for &p in parts {
                h = mix(h, p);
            }
            h
        };
        let (km2, km1, k0, k1) = (self.key(i - 2), self.key(i - 1), self.key(i), self.key(i + 1));
        let (sm2, sm1, s0, s1) = (
            self.shape(i - 2),
            self.shape(i - 1),
            self.shape(i),
            self.shape(i + 1),
        );
        emit(f(0, &[]));
        emit(f(1, &[km1, k0]));
        emit(f(2, &[k0]));
        emit(f(3, &[km1]));
        emit(f(4, &[km2, km1]));
        emit(f(5, &[k0, k1]));
        emit(f(6, &[km2, km1, k0]));
        emit(f(7, &[km1, k0, k1]));
        emit(f(8, &[k1]));
        emit(f(9, &[km2]));
        emit(f(10, &[sm1, s0]));
        emit(f(11, &[sm2, sm1, s0, s1]));
        emit(f(12, &[sm1, s0, km1]));
        emit(f(13, &[sm1, s0, k0]));
        // Lexicon: words covering this boundary, ending before it, starting at it.
        let mut longest = 0u64;
        for back in 1..MAX_WORD_UNITS as isize {
            let j = i - back;
            if j < 0 {
                break;
            }
            let mask = self.starts.get(j as usize).copied().unwrap_or(0);
            for len in (back + 1)..=MAX_WORD_UNITS as isize {
                if mask & (1 << len) != 0 {
                    emit(f(15, &[back as u64, len as u64]));
                    longest = longest.max(len as u64);
                }
            }
        }
        emit(f(16, &[longest, sm1, s0]));
        let mut ends_before = 0u64;
        for len in 2..=MAX_WORD_UNITS as isize {
            let j = i - len;
            if j >= 0 && self.starts.get(j as usize).is_some_and(|m| m & (1 << len) != 0) {
                ends_before |= 1 << len;
            }
        }
        let starts_here = u64::from(self.starts.get(i as usize).copied().unwrap_or(0));
        emit(f(17, &[longest, ends_before, starts_here]));
        // Association statistics from unlabeled text.
        let [c0, p0, fw0, bw0] = self.assoc_at(i).map(u64::from);
        let [_, _, fwl, _] = self.assoc_at(i - 1).map(u64::from);
        let [_, _, _, bwr] = self.assoc_at(i + 1).map(u64::from);
        emit(f(18, &[c0]));
        emit(f(19, &[p0]));
        emit(f(20, &[c0, p0, sm1, s0]));
        emit(f(24, &[fw0]));
        emit(f(25, &[bw0]));
        emit(f(26, &[fw0, bw0]));
        emit(f(27, &[fw0, bw0, longest]));
        emit(f(28, &[bw0, fwl]));
        emit(f(29, &[fw0, bwr]));
        let none = [0xFF; STAT_LEN];
        let bm1 = self
            .bound
            .get((i - 1) as usize)
            .copied()
            .unwrap_or(none)
            .map(u64::from);
        let b0 = self.bound.get(i as usize).copied().unwrap_or(none).map(u64::from);
        emit(f(40, &[bm1[0], b0[1]]));
        emit(f(41, &[bm1[0], b0[1], sm1, s0]));
        emit(f(42, &[bm1[0], b0[1], bm1[2].min(b0[2])]));
        emit(f(43, &[bm1[0] / 2, b0[1] / 2, p0]));
        emit(f(44, &[bm1[1] / 2, bm1[0] / 2, b0[1] / 2, b0[0] / 2]));
        let [gr, gc, ..] = self
            .gold_pair
            .get(i as usize)
            .copied()
            .unwrap_or(NO_PAIR)
            .map(u64::from);
        emit(f(50, &[gr, gc]));
        emit(f(51, &[gr, gc, sm1, s0]));
        emit(f(52, &[gr, longest]));
        let gp = |j: isize| {
            if j < 0 {
                0xFF
            } else {
                self.gold_pair.get(j as usize).map_or(0xFF, |g| u64::from(g[0]))
            }
        };
        emit(f(53, &[gr, gp(i - 1), gp(i + 1)]));
        let run = u64::from(run.min(4));
        emit(f(60, &[run]));
        emit(f(61, &[run, sm1, s0]));
        emit(f(62, &[run, longest]));
    }
}
