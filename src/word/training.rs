//! Training the word model: an averaged margin perceptron deciding, at every
//! space between two word-like units, whether the second continues the
//! word of the first.
//!
//! Training is deterministic: the same data and options give the same model
//! bytes (fixed hash functions, a seeded shuffle, sorted output).
//!
//! ```
//! use viet_text::word::training::{train, TrainOptions};
//! use viet_text::word::WordSegmenter;
//!
//! let gold = "Học_sinh đi học .\nCác học_sinh chăm_chỉ .\n";
//! let opts = TrainOptions { epochs: 3, ..TrainOptions::default() };
//! let bytes = train(gold, None, &opts);
//! assert_eq!(bytes, train(gold, None, &opts));
//! let seg = WordSegmenter::from_model_bytes(&bytes).unwrap();
//! assert_eq!(seg.segment_to_underscored("học sinh"), "học_sinh");
//! ```

use super::features::{
    bound_key, fingerprint, gold_pair_key, pair_key, units_into, word_key, Context, Knowledge, PairStat,
    Unit, LEX_PREFIX, LEX_WORD,
};
use super::model::{Model, ModelParts};
use std::collections::HashMap;

/// Options of [`train`]. The defaults train the built-in model; `epochs`,
/// `margin` and `hash_bits` were chosen by measuring on the UD-VTB dev
/// split (never trained on).
///
/// ```
/// let o = viet_text::word::training::TrainOptions::default();
/// assert!(o.epochs > 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffle before each pass.
    pub seed: u64,
    /// The weight table has `2^hash_bits` slots.
    pub hash_bits: u8,
    /// The lexicon features of a training sentence come from the words of
    /// the other `folds - 1` folds, so the model learns how far a lexicon
    /// seen on other text can be trusted.
    pub folds: usize,
    /// Syllable pairs seen fewer times in the unlabeled text are not stored.
    pub min_pair_count: u32,
    /// The perceptron also updates on correct decisions whose score is at
    /// most this margin (0: the plain perceptron). A margin spreads the
    /// weight over more features, which generalizes better.
    pub margin: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            seed: 0x5eed,
            hash_bits: 18,
            folds: 10,
            min_pair_count: 1,
            margin: 30,
        }
    }
}

/// One gold sentence: its text (syllables separated by spaces) and the byte
/// offsets where its words start.
struct GoldSentence {
    text: String,
    starts: Vec<usize>,
}

/// Reads `.seg.txt` lines: words separated by white space, syllables of a
/// word joined by `_`.
fn parse_gold(segmented: &str) -> Vec<GoldSentence> {
    segmented
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let text = line.replace('_', " ");
            let mut starts = Vec::new();
            let mut in_word = false;
            for (i, c) in line.char_indices() {
                let ws = c.is_whitespace();
                if !ws && !in_word {
                    starts.push(i);
                }
                in_word = !ws;
            }
            GoldSentence { text, starts }
        })
        .collect()
}

/// Counts of single units and of joinable adjacent pairs.
#[derive(Default)]
struct PairCounts {
    unigrams: HashMap<u64, u32>,
    pairs: HashMap<u64, (u64, u64, u32)>,
    total: u64,
}

impl PairCounts {
    fn add_text(&mut self, text: &str, units: &mut Vec<Unit>) {
        for line in text.lines() {
            units_into(line, units);
            for (i, u) in units.iter().enumerate() {
                *self.unigrams.entry(u.key).or_insert(0) += 1;
                self.total += 1;
                if i > 0 && u.may_join {
                    let a = units[i - 1].key;
                    let e = self.pairs.entry(pair_key(a, u.key)).or_insert((a, u.key, 0));
                    e.2 += 1;
                }
            }
        }
    }

    /// `(fingerprint, statistics)` of every pair seen at least `min` times, sorted.
    fn buckets(&self, min: u32) -> Vec<(u32, PairStat)> {
        let n = self.total.max(1) as f64;
        let mut out: Vec<(u32, PairStat)> = self
            .pairs
            .iter()
            .filter(|(_, &(_, _, c))| c >= min)
            .map(|(&k, &(a, b, c))| {
                let ca = f64::from(*self.unigrams.get(&a).unwrap_or(&1));
                let cb = f64::from(*self.unigrams.get(&b).unwrap_or(&1));
                let pmi = (f64::from(c) * n / (ca * cb)).log2();
                let assoc = (pmi.round().clamp(-4.0, 14.0) + 4.0) as u8;
                let count = (32 - c.leading_zeros()).min(15) as u8;
                let c = f64::from(c);
                let forward = (-(c / ca).log2()).round().clamp(0.0, 12.0) as u8;
                let backward = (-(c / cb).log2()).round().clamp(0.0, 12.0) as u8;
                (fingerprint(k), [count, assoc, forward, backward])
            })
            .collect();
        out.sort_unstable();
        out
    }
}

/// The knowledge a training sentence sees: the pair statistics, and the
/// words of the other folds.
struct FoldKnowledge<'a> {
    words: &'a HashMap<u64, Vec<u32>>,
    bound: &'a HashMap<u64, Vec<[u32; 3]>>,
    gold_pairs: &'a HashMap<u64, Vec<[u32; 2]>>,
    pairs: &'a HashMap<u32, PairStat>,
    fold: usize,
}

impl Knowledge for FoldKnowledge<'_> {
    fn lexicon(&self, key: u64) -> u8 {
        let word = self
            .words
            .get(&key)
            .is_some_and(|per_fold| per_fold.iter().enumerate().any(|(f, &c)| f != self.fold && c > 0));
        // Prefixes are only a shortcut for lookups: never stop early here.
        LEX_PREFIX | if word { LEX_WORD } else { 0 }
    }

    fn pair_stat(&self, key: u64) -> Option<PairStat> {
        if let Some(per_fold) = self.gold_pairs.get(&key) {
            let mut sum = [0u32; 2];
            for (f, c) in per_fold.iter().enumerate() {
                if f != self.fold {
                    sum[0] += c[0];
                    sum[1] += c[1];
                }
            }
            return gold_pair_bucket(sum);
        }
        if let Some(per_fold) = self.bound.get(&key) {
            let mut sum = [0u32; 3];
            for (f, c) in per_fold.iter().enumerate() {
                if f != self.fold {
                    for k in 0..3 {
                        sum[k] += c[k];
                    }
                }
            }
            return bound_bucket(sum);
        }
        self.pairs.get(&fingerprint(key)).copied()
    }
}

/// Buckets `[occurrences, joined]` of a pair seen in the gold text.
fn gold_pair_bucket([n, joined]: [u32; 2]) -> Option<PairStat> {
    if n == 0 {
        return None;
    }
    let rate = ((f64::from(joined) + 0.25) / (f64::from(n) + 0.5) * 8.0).round() as u8;
    let count = (32 - n.leading_zeros()).min(4) as u8;
    Some([rate, count, 0, 0])
}

/// Buckets `[occurrences, joined to the next unit, joined to the previous]`.
fn bound_bucket([n, right, left]: [u32; 3]) -> Option<PairStat> {
    if n == 0 {
        return None;
    }
    let rate = |j: u32| ((f64::from(j) + 0.25) / (f64::from(n) + 0.5) * 8.0).round() as u8;
    let count = (32 - n.leading_zeros()).min(4) as u8;
    Some([rate(right), rate(left), count, 0])
}

/// A small deterministic generator for the shuffle (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Trains a model from gold segmented text (`.seg.txt` format: words
/// separated by spaces, syllables joined by `_`, one sentence per line) and
/// optional unlabeled text for syllable-pair statistics. Returns the model
/// file bytes, to be loaded with
/// [`WordSegmenter::from_model_bytes`](super::WordSegmenter::from_model_bytes).
///
/// ```
/// use viet_text::word::training::{train, TrainOptions};
/// let bytes = train("nhà_văn viết .\n", Some("nhà văn viết sách\n"), &TrainOptions::default());
/// assert!(bytes.starts_with(b"VTWORD01"));
/// ```
pub fn train(segmented: &str, unlabeled: Option<&str>, opts: &TrainOptions) -> Vec<u8> {
    let bits = opts.hash_bits.clamp(8, 24);
    let shift = 64 - u32::from(bits);
    let folds = opts.folds.max(2);
    let gold = parse_gold(segmented);
    let mut units = Vec::new();

    // Pair statistics over the unlabeled text (the gold text only when there
    // is none, so that training sentences do not count their own pairs).
    let mut counts = PairCounts::default();
    match unlabeled {
        Some(u) => counts.add_text(u, &mut units),
        None => {
            for s in &gold {
                counts.add_text(&s.text, &mut units);
            }
        }
    }
    let pair_list = counts.buckets(opts.min_pair_count.max(1));
    let pair_map: HashMap<u32, PairStat> = pair_list.iter().copied().collect();

    // The lexicon: every multi-unit gold word, counted per fold.
    let mut words: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut bound: HashMap<u64, Vec<[u32; 3]>> = HashMap::new();
    let mut gold_pairs: HashMap<u64, Vec<[u32; 2]>> = HashMap::new();
    let mut prefixes: Vec<u32> = Vec::new();
    let mut sentence_units = Vec::with_capacity(gold.len());
    for (si, s) in gold.iter().enumerate() {
        units_into(&s.text, &mut units);
        let joined = |i: usize| {
            i < units.len() && units[i].may_join && s.starts.binary_search(&units[i].start).is_err()
        };
        for (i, u) in units.iter().enumerate() {
            if i > 0 && u.may_join {
                let key = gold_pair_key(units[i - 1].key, u.key);
                let c = &mut gold_pairs.entry(key).or_insert_with(|| vec![[0; 2]; folds])[si % folds];
                c[0] += 1;
                c[1] += u32::from(joined(i));
            }
            if u.may_join || units.get(i + 1).is_some_and(|v| v.may_join) {
                let c = &mut bound
                    .entry(bound_key(u.key))
                    .or_insert_with(|| vec![[0; 3]; folds])[si % folds];
                c[0] += 1;
                c[1] += u32::from(joined(i + 1));
                c[2] += u32::from(joined(i));
            }
        }
        let mut wstart = 0;
        for i in 1..=units.len() {
            let boundary = i == units.len() || s.starts.binary_search(&units[i].start).is_ok();
            if boundary {
                if i - wstart > 1 {
                    let key = word_key(units[wstart..i].iter().map(|u| u.key));
                    words.entry(key).or_insert_with(|| vec![0; folds])[si % folds] += 1;
                    for end in wstart + 2..i {
                        prefixes.push(fingerprint(word_key(units[wstart..end].iter().map(|u| u.key))));
                    }
                }
                wstart = i;
            }
        }
        sentence_units.push(units.clone());
    }

    // Feature extraction, once.
    let mut feats: Vec<u32> = Vec::new();
    let mut offsets: Vec<usize> = vec![0];
    let mut labels: Vec<f64> = Vec::new();
    let mut ctx = Context::default();
    for (si, (s, us)) in gold.iter().zip(sentence_units).enumerate() {
        ctx.units = us;
        let know = FoldKnowledge {
            words: &words,
            bound: &bound,
            gold_pairs: &gold_pairs,
            pairs: &pair_map,
            fold: si % folds,
        };
        ctx.annotate(&know);
        let mut run = 1u8;
        for i in 1..ctx.units.len() {
            if !ctx.units[i].may_join {
                run = 1;
                continue;
            }
            let join = s.starts.binary_search(&ctx.units[i].start).is_err();
            ctx.features(i, run, |h| feats.push(Model::slot(shift, h) as u32));
            run = if join { run.saturating_add(1) } else { 1 };
            offsets.push(feats.len());
            labels.push(if join { 1.0 } else { -1.0 });
        }
    }

    // Averaged perceptron.
    let size = 1usize << bits;
    let mut w = vec![0f64; size];
    let mut u = vec![0f64; size];
    let mut c = 1f64;
    let mut order: Vec<usize> = (0..labels.len()).collect();
    let mut rng = Rng(opts.seed | 1);
    let margin = f64::from(opts.margin);
    for _ in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &e in &order {
            let fs = &feats[offsets[e]..offsets[e + 1]];
            let y = labels[e];
            let score: f64 = fs.iter().map(|&f| w[f as usize]).sum();
            if y * score <= margin {
                for &f in fs {
                    w[f as usize] += y;
                    u[f as usize] += y * c;
                }
            }
            c += 1.0;
        }
    }
    let avg: Vec<f64> = w.iter().zip(&u).map(|(w, u)| w - u / c).collect();
    let max = avg.iter().fold(0f64, |m, v| m.max(v.abs()));
    let scale = if max > 0.0 { 32767.0 / max } else { 0.0 };
    let weights: Vec<(u32, i16)> = avg
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let q = (v * scale).round() as i16;
            (q != 0).then_some((i as u32, q))
        })
        .collect();

    let mut pair_list = pair_list;
    for (&k, per_fold) in &bound {
        let mut sum = [0u32; 3];
        for c in per_fold {
            for j in 0..3 {
                sum[j] += c[j];
            }
        }
        if let Some(b) = bound_bucket(sum) {
            pair_list.push((fingerprint(k), b));
        }
    }
    for (&k, per_fold) in &gold_pairs {
        let mut sum = [0u32; 2];
        for c in per_fold {
            sum[0] += c[0];
            sum[1] += c[1];
        }
        if let Some(b) = gold_pair_bucket(sum) {
            pair_list.push((fingerprint(k), b));
        }
    }
    pair_list.sort_unstable();
    let mut lexicon: Vec<u32> = words.keys().map(|&k| fingerprint(k)).collect();
    lexicon.sort_unstable();
    let parts = ModelParts {
        bits,
        weights,
        lexicon,
        prefixes,
        pairs: pair_list,
    };
    parts.encode()
}

/// Word-level precision, recall and F1 of a segmenter against gold
/// segmented text; a word counts when both its boundaries match.
///
/// ```
/// use viet_text::word::training::Scores;
/// let s = Scores { gold: 4, predicted: 5, correct: 3 };
/// assert!((s.recall() - 0.75).abs() < 1e-9);
/// assert!((s.precision() - 0.6).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scores {
    /// Words in the gold segmentation.
    pub gold: usize,
    /// Words the segmenter produced.
    pub predicted: usize,
    /// Produced words with both boundaries matching a gold word.
    pub correct: usize,
}

impl Scores {
    /// `correct / predicted`.
    ///
    /// ```
    /// let s = viet_text::word::training::Scores { gold: 2, predicted: 2, correct: 1 };
    /// assert_eq!(s.precision(), 0.5);
    /// ```
    pub fn precision(&self) -> f64 {
        self.correct as f64 / self.predicted.max(1) as f64
    }

    /// `correct / gold`.
    ///
    /// ```
    /// let s = viet_text::word::training::Scores { gold: 4, predicted: 2, correct: 1 };
    /// assert_eq!(s.recall(), 0.25);
    /// ```
    pub fn recall(&self) -> f64 {
        self.correct as f64 / self.gold.max(1) as f64
    }

    /// Harmonic mean of precision and recall.
    ///
    /// ```
    /// let s = viet_text::word::training::Scores { gold: 2, predicted: 2, correct: 2 };
    /// assert_eq!(s.f1(), 1.0);
    /// ```
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Scores `seg` on gold segmented text (`.seg.txt` format): every line is
/// segmented with its `_` turned into spaces and its words compared by byte
/// span with the gold words.
///
/// ```
/// use viet_text::word::{training::evaluate, WordSegmenter};
/// let s = evaluate(&WordSegmenter::new(), "Hà_Nội .\n");
/// assert_eq!(s.gold, 2);
/// ```
pub fn evaluate(seg: &super::WordSegmenter, gold_segmented: &str) -> Scores {
    let mut scores = Scores::default();
    for line in gold_segmented.lines().filter(|l| !l.trim().is_empty()) {
        let text = line.replace('_', " ");
        let mut gold = Vec::new();
        let mut start = None;
        for (i, c) in line.char_indices().chain(std::iter::once((line.len(), ' '))) {
            match (c.is_whitespace(), start) {
                (true, Some(s)) => {
                    gold.push((s, i));
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        let predicted: Vec<(usize, usize)> = seg
            .segment(&text)
            .iter()
            .map(|w| (w.span.start, w.span.end))
            .collect();
        scores.gold += gold.len();
        scores.predicted += predicted.len();
        scores.correct += predicted.iter().filter(|p| gold.binary_search(p).is_ok()).count();
    }
    scores
}
