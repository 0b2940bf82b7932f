//! The trained word model: hashed feature weights, the lexicon of
//! multi-syllable words and the syllable-pair association table, with the
//! compact file format they are stored in.
//!
//! File layout (all integers little-endian, `varint` = LEB128):
//!
//! | part | content |
//! |---|---|
//! | magic | `VTWORD01` |
//! | `u8` | `bits`: the weight table has `2^bits` slots |
//! | weights | `u32` count, then per non-zero slot: `varint` index delta, `varint` zig-zag weight (`i16`) |
//! | lexicon | `u32` count, then sorted 32-bit word fingerprints as `varint` deltas |
//! | prefixes | the same for the proper prefixes of lexicon words (lets lookups stop early) |
//! | pairs | `u32` count, sorted 32-bit pair fingerprints as `varint` deltas, then four columns of one byte per pair (count, PMI, forward and backward conditional probability buckets) |

use super::features::{fingerprint, Context, Knowledge, PairStat, LEX_PREFIX, LEX_WORD, STAT_LEN};
use std::fmt;

const MAGIC: &[u8; 8] = b"VTWORD01";

/// Largest accepted `bits` (a 64 Mi-slot table).
const MAX_BITS: u8 = 26;

/// Why model bytes could not be read.
///
/// ```
/// use viet_text::word::WordSegmenter;
/// let err = WordSegmenter::from_model_bytes(b"nope").unwrap_err();
/// assert!(!err.to_string().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// The bytes do not start with the model file's magic number.
    BadMagic,
    /// The bytes end before the model does.
    Truncated,
    /// A value is out of range (for example a weight index past the table).
    Corrupt(&'static str),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::BadMagic => write!(f, "not a viet-text word model (bad magic number)"),
            ModelError::Truncated => write!(f, "word model file is truncated"),
            ModelError::Corrupt(what) => write!(f, "word model file is corrupt: {what}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// An open-addressing table keyed by non-zero 32-bit fingerprints, keys
/// and values side by side so a lookup touches one cache line.
#[derive(Debug, Clone, Default)]
pub(crate) struct FpTable<V> {
    slots: Vec<(u32, V)>,
    mask: usize,
    len: usize,
}

impl<V: Copy + Default> FpTable<V> {
    pub(crate) fn with_capacity(n: usize) -> Self {
        let cap = (n * 2).max(8).next_power_of_two();
        FpTable {
            slots: vec![(0, V::default()); cap],
            mask: cap - 1,
            len: 0,
        }
    }

    #[inline]
    fn slot(&self, fp: u32) -> usize {
        (fp.wrapping_mul(0x9E37_79B1) as usize) & self.mask
    }

    /// Inserts, or combines with the value already there through `merge`.
    /// Grows when more than half full.
    pub(crate) fn upsert(&mut self, fp: u32, v: V, merge: impl Fn(V, V) -> V) {
        if self.slots.is_empty() || (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mut s = self.slot(fp);
        loop {
            let (k, old) = self.slots[s];
            if k == fp {
                self.slots[s].1 = merge(old, v);
                return;
            }
            if k == 0 {
                self.len += 1;
                self.slots[s] = (fp, v);
                return;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Inserts or overwrites.
    pub(crate) fn insert(&mut self, fp: u32, v: V) {
        self.upsert(fp, v, |_, new| new);
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        // with_capacity doubles: the new table is twice the old one.
        *self = FpTable::with_capacity(old.len().max(8));
        for (k, v) in old {
            if k != 0 {
                self.insert(k, v);
            }
        }
    }

    #[inline]
    pub(crate) fn get(&self, fp: u32) -> Option<V> {
        if self.slots.is_empty() {
            return None;
        }
        let mut s = self.slot(fp);
        loop {
            let (k, v) = *self.slots.get(s)?;
            if k == fp {
                return Some(v);
            }
            if k == 0 {
                return None;
            }
            s = (s + 1) & self.mask;
        }
    }
}

/// A loaded model.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    shift: u32,
    weights: Vec<i16>,
    lexicon: FpTable<u8>,
    pairs: FpTable<PairStat>,
}

impl Default for Model {
    fn default() -> Self {
        Model {
            shift: 63,
            weights: vec![0; 2],
            lexicon: FpTable::default(),
            pairs: FpTable::default(),
        }
    }
}

/// The parts of a model as the trainer produces them, before encoding.
#[derive(Debug, Clone, Default)]
pub(crate) struct ModelParts {
    pub bits: u8,
    /// `(slot, weight)`, sorted by slot, no zero weights.
    pub weights: Vec<(u32, i16)>,
    /// Word fingerprints (any order; duplicates allowed).
    pub lexicon: Vec<u32>,
    /// Fingerprints of the proper prefixes (two units or more) of lexicon words.
    pub prefixes: Vec<u32>,
    /// `(pair fingerprint, statistics)`.
    pub pairs: Vec<(u32, PairStat)>,
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_sorted_fps(out: &mut Vec<u8>, fps: &[u32]) {
    out.extend_from_slice(&(fps.len() as u32).to_le_bytes());
    let mut prev = 0u32;
    for &fp in fps {
        put_varint(out, u64::from(fp - prev));
        prev = fp;
    }
}

impl ModelParts {
    /// Encodes the parts in the model file format (deterministic).
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(self.bits);
        out.extend_from_slice(&(self.weights.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for &(slot, w) in &self.weights {
            put_varint(&mut out, u64::from(slot - prev));
            let z = ((i32::from(w) << 1) ^ (i32::from(w) >> 31)) as u32;
            put_varint(&mut out, u64::from(z));
            prev = slot;
        }
        let mut lex = self.lexicon.clone();
        lex.sort_unstable();
        lex.dedup();
        put_sorted_fps(&mut out, &lex);
        let mut prefixes = self.prefixes.clone();
        prefixes.sort_unstable();
        prefixes.dedup();
        put_sorted_fps(&mut out, &prefixes);
        let mut pairs = self.pairs.clone();
        pairs.sort_unstable();
        pairs.dedup_by_key(|p| p.0);
        let fps: Vec<u32> = pairs.iter().map(|p| p.0).collect();
        put_sorted_fps(&mut out, &fps);
        for k in 0..STAT_LEN {
            out.extend(pairs.iter().map(|p| p.1[k]));
        }
        out
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.bytes.get(self.pos..end).ok_or(ModelError::Truncated)?;
        self.pos = end;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(ModelError::Corrupt("varint too long"))
    }

    /// A count that must fit in the remaining bytes (each entry takes at least one).
    fn count(&mut self) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        if n > self.bytes.len().saturating_sub(self.pos) {
            return Err(ModelError::Truncated);
        }
        Ok(n)
    }

    fn sorted_fps(&mut self) -> Result<Vec<u32>, ModelError> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n);
        let mut prev = 0u64;
        for _ in 0..n {
            prev += self.varint()?;
            let fp = u32::try_from(prev).map_err(|_| ModelError::Corrupt("fingerprint out of range"))?;
            if fp == 0 {
                return Err(ModelError::Corrupt("zero fingerprint"));
            }
            out.push(fp);
        }
        Ok(out)
    }
}

impl Model {
    /// Reads a model file.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(MAGIC.len()).map_err(|_| ModelError::BadMagic)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let bits = r.u8()?;
        if !(1..=MAX_BITS).contains(&bits) {
            return Err(ModelError::Corrupt("table size"));
        }
        let size = 1usize << bits;
        let mut weights = vec![0i16; size];
        let n = r.count()?;
        let mut slot = 0u64;
        for _ in 0..n {
            slot += r.varint()?;
            let z = r.varint()?;
            let w = ((z >> 1) as i64) ^ -((z & 1) as i64);
            let w = i16::try_from(w).map_err(|_| ModelError::Corrupt("weight out of range"))?;
            let cell = usize::try_from(slot)
                .ok()
                .and_then(|s| weights.get_mut(s))
                .ok_or(ModelError::Corrupt("weight slot out of range"))?;
            *cell = w;
        }
        let lex = r.sorted_fps()?;
        let prefixes = r.sorted_fps()?;
        let mut lexicon = FpTable::with_capacity(lex.len() + prefixes.len());
        for fp in lex {
            lexicon.upsert(fp, LEX_WORD, |a, b| a | b);
        }
        for fp in prefixes {
            lexicon.upsert(fp, LEX_PREFIX, |a, b| a | b);
        }
        let fps = r.sorted_fps()?;
        let mut columns = Vec::with_capacity(STAT_LEN);
        for _ in 0..STAT_LEN {
            columns.push(r.take(fps.len())?);
        }
        let mut pairs = FpTable::with_capacity(fps.len());
        for (row, &fp) in fps.iter().enumerate() {
            let mut stat = [0u8; STAT_LEN];
            for (k, col) in columns.iter().enumerate() {
                stat[k] = col.get(row).copied().unwrap_or(0);
            }
            pairs.insert(fp, stat);
        }
        if r.pos != bytes.len() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        Ok(Model {
            shift: 64 - u32::from(bits),
            weights,
            lexicon,
            pairs,
        })
    }

    /// Slot of a hashed feature.
    #[inline]
    pub(crate) fn slot(shift: u32, h: u64) -> usize {
        (h >> shift) as usize
    }

    /// Score of joining unit `i` to the word before it (positive: join).
    #[inline]
    pub(crate) fn score(&self, ctx: &Context, i: usize, run: u8) -> i32 {
        let mut s = 0i32;
        let shift = self.shift;
        let w = &self.weights;
        ctx.features(i, run, |h| {
            s += i32::from(w.get(Model::slot(shift, h)).copied().unwrap_or(0));
        });
        s
    }

    pub(crate) fn lexicon(&self, key: u64) -> u8 {
        self.lexicon.get(fingerprint(key)).unwrap_or(0)
    }

    pub(crate) fn pair_stat(&self, key: u64) -> Option<PairStat> {
        self.pairs.get(fingerprint(key))
    }
}

impl Knowledge for Model {
    fn lexicon(&self, key: u64) -> u8 {
        Model::lexicon(self, key)
    }

    fn pair_stat(&self, key: u64) -> Option<PairStat> {
        Model::pair_stat(self, key)
    }
}
