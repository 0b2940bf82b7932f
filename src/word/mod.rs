//! Word segmentation: joining syllables into words (`phát triển`,
//! `Quảng Ninh`).
//!
//! Vietnamese puts a space between syllables, not between words. The
//! [`WordSegmenter`] decides at every space between two word-like tokens
//! whether they belong to one word, with an averaged-perceptron model over
//! syllable n-grams, letter case, a lexicon of multi-syllable words and
//! syllable-pair association statistics. The model is trained by
//! `cargo run --release --example train_words` from the UD Vietnamese-VTB
//! treebank (CC BY-SA 4.0) and embedded in the crate (`data/word-model.bin`).
//!
//! Numbers, dates, punctuation, URLs, all-capital abbreviations (`UBND`,
//! `TP.HCM`) and other non-syllable tokens are always words of their own.
//! Tone-mark placement (`hoà`/`hòa`) and Unicode form do not change the
//! result.
//!
//! ```
//! use viet_text::word::WordSegmenter;
//! let seg = WordSegmenter::new();
//! let words = seg.segment("Hà Nội");
//! assert!(!words.is_empty());
//! assert_eq!(seg.segment_to_underscored("Hà Nội , 2025"), "Hà_Nội , 2025");
//! ```

mod features;
mod model;
pub mod training;

pub use model::ModelError;

use crate::span::Span;
use features::{units_into, word_key, Context, Knowledge, Unit, LEX_PREFIX, LEX_WORD};
use model::{FpTable, Model};
use std::cell::RefCell;
use std::sync::{Arc, LazyLock};

/// The built-in model file (UD Vietnamese-VTB derived; see `data/word-model.LICENSE.md`).
static MODEL_BYTES: &[u8] = include_bytes!("../../data/word-model.bin");

/// The built-in model, parsed once. An unreadable file gives the empty
/// model (every syllable its own word); a test checks that it loads.
static BUILTIN: LazyLock<Arc<Model>> =
    LazyLock::new(|| Arc::new(Model::from_bytes(MODEL_BYTES).unwrap_or_default()));

thread_local! {
    /// Buffers reused from one call to the next on the same thread.
    static SCRATCH: RefCell<Context> = RefCell::new(Context::default());
}

/// Scratch buffers grown past this many units are dropped after use.
const SCRATCH_KEEP: usize = 1 << 16;

/// Longest user word, in syllables, that [`WordSegmenterBuilder::word`] accepts.
pub const MAX_USER_WORD_SYLLABLES: usize = 8;

/// One word: one or more syllables (or one other token), with its span.
///
/// ```
/// let w = &viet_text::word::WordSegmenter::new().segment("nhà")[0];
/// assert_eq!((w.text, w.span.start, w.span.end), ("nhà", 0, 4));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word's text, borrowed from the input (syllables with the space between them).
    pub text: &'a str,
    /// Byte span in the input.
    pub span: Span,
}

/// Words a user added: looked up as whole words and forced as one word.
#[derive(Debug, Clone, Default)]
struct UserWords {
    /// Lexicon flags of the words and of their proper prefixes.
    table: FpTable<u8>,
    max_len: usize,
}

impl UserWords {
    fn flags(&self, key: u64) -> u8 {
        self.table.get(features::fingerprint(key)).unwrap_or(0)
    }

    fn contains(&self, key: u64) -> bool {
        self.flags(key) & LEX_WORD != 0
    }
}

/// What features consult: the model's lexicon and statistics plus the user's words.
struct Lookup<'m> {
    model: &'m Model,
    user: Option<&'m UserWords>,
}

impl Knowledge for Lookup<'_> {
    fn lexicon(&self, key: u64) -> u8 {
        self.model.lexicon(key) | self.user.map_or(0, |u| u.flags(key))
    }

    fn pair_stat(&self, key: u64) -> Option<features::PairStat> {
        self.model.pair_stat(key)
    }
}

/// A word segmenter, built once and reused (cloning is cheap).
///
/// ```
/// let seg = viet_text::word::WordSegmenter::new();
/// assert_eq!(seg.segment("").len(), 0);
/// ```
#[derive(Debug, Clone)]
pub struct WordSegmenter {
    model: Arc<Model>,
    user: Option<Arc<UserWords>>,
    ignore_case: bool,
}

impl Default for WordSegmenter {
    fn default() -> Self {
        WordSegmenter::new()
    }
}

impl WordSegmenter {
    /// The segmenter with the built-in model.
    ///
    /// ```
    /// let _ = viet_text::word::WordSegmenter::new();
    /// ```
    pub fn new() -> Self {
        WordSegmenter {
            model: Arc::clone(&BUILTIN),
            user: None,
            ignore_case: false,
        }
    }

    /// A builder, to add your own words or use another model file.
    ///
    /// ```
    /// use viet_text::word::WordSegmenter;
    /// let seg = WordSegmenter::builder().word("mô hình ngôn ngữ lớn").build();
    /// assert_eq!(seg.segment_to_underscored("một mô hình ngôn ngữ lớn"), "một mô_hình_ngôn_ngữ_lớn");
    /// ```
    pub fn builder() -> WordSegmenterBuilder {
        WordSegmenterBuilder::default()
    }

    /// A segmenter with a model file written by
    /// [`training::train`] instead of the built-in one.
    ///
    /// ```
    /// use viet_text::word::{training, WordSegmenter};
    /// let bytes = training::train("sinh_viên học .\n", None, &Default::default());
    /// assert!(WordSegmenter::from_model_bytes(&bytes).is_ok());
    /// assert!(WordSegmenter::from_model_bytes(&bytes[..9]).is_err());
    /// ```
    pub fn from_model_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        Ok(WordSegmenter {
            model: Arc::new(Model::from_bytes(bytes)?),
            user: None,
            ignore_case: false,
        })
    }

    /// Segments `text` into words, in order.
    ///
    /// ```
    /// let n = viet_text::word::WordSegmenter::new().segment("Tôi đi học.").len();
    /// assert!(n >= 3);
    /// ```
    pub fn segment<'a>(&self, text: &'a str) -> Vec<Word<'a>> {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut ctx) => {
                let words = self.segment_with(text, &mut ctx);
                if ctx.units.capacity() > SCRATCH_KEEP {
                    *ctx = Context::default();
                }
                words
            }
            Err(_) => self.segment_with(text, &mut Context::default()),
        })
    }

    fn segment_with<'a>(&self, text: &'a str, ctx: &mut Context) -> Vec<Word<'a>> {
        units_into(text, &mut ctx.units);
        if self.ignore_case {
            features::forget_case(&mut ctx.units);
        }
        let lookup = Lookup {
            model: &self.model,
            user: self.user.as_deref(),
        };
        ctx.annotate(&lookup);
        let forced = self.user.as_deref().map(|u| force_user_words(u, &ctx.units));
        let mut words = Vec::with_capacity(ctx.units.len());
        let mut start = 0usize;
        let mut end = 0usize;
        let mut run = 1u8;
        for (i, u) in ctx.units.iter().enumerate() {
            let join = i > 0
                && u.may_join
                && match forced.as_ref().and_then(|f| f.get(i)) {
                    Some(Force::Join) => true,
                    Some(Force::Break) => false,
                    _ => self.model.score(ctx, i, run) > 0,
                };
            if join {
                end = u.end;
                run = run.saturating_add(1);
                continue;
            }
            run = 1;
            if i > 0 {
                words.push(make_word(text, start, end));
            }
            start = u.start;
            end = u.end;
        }
        if !ctx.units.is_empty() {
            words.push(make_word(text, start, end));
        }
        words
    }

    /// Segments `text` and writes it as the treebank's `.seg.txt` files do:
    /// syllables of a word joined by `_`, words separated by one space.
    /// Punctuation is a word of its own (`Hà Nội,` → `Hà_Nội ,`); line
    /// breaks between words are kept.
    ///
    /// ```
    /// let s = viet_text::word::WordSegmenter::new().segment_to_underscored("Hà Nội");
    /// assert_eq!(s, "Hà_Nội");
    /// ```
    pub fn segment_to_underscored(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        let mut prev_end: Option<usize> = None;
        for w in self.segment(text) {
            if let Some(pe) = prev_end {
                let gap = text.get(pe..w.span.start).unwrap_or("");
                let newlines = gap.matches('\n').count();
                if newlines == 0 {
                    out.push(' ');
                }
                for _ in 0..newlines {
                    out.push('\n');
                }
            }
            let mut in_space = false;
            for c in w.text.chars() {
                if c.is_whitespace() {
                    if !in_space {
                        out.push('_');
                    }
                    in_space = true;
                } else {
                    out.push(c);
                    in_space = false;
                }
            }
            prev_end = Some(w.span.end);
        }
        out
    }
}

fn make_word(text: &str, start: usize, end: usize) -> Word<'_> {
    Word {
        text: text.get(start..end).unwrap_or(""),
        span: Span::new(start, end),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Force {
    Free,
    Join,
    Break,
}

/// Marks the user's words found in `units` (longest match, left to right):
/// their inner boundaries join, their outer boundaries break.
fn force_user_words(user: &UserWords, units: &[Unit]) -> Vec<Force> {
    let mut forced = vec![Force::Free; units.len()];
    let mut i = 0;
    while i < units.len() {
        let mut matched = 0;
        let mut keys = Vec::with_capacity(user.max_len);
        for (len, u) in units[i..].iter().take(user.max_len).enumerate() {
            if len > 0 && !u.may_join {
                break;
            }
            keys.push(u.key);
            if len > 0 && user.contains(word_key(keys.iter().copied())) {
                matched = len + 1;
            }
        }
        if matched > 1 {
            forced[i] = Force::Break;
            for f in &mut forced[i + 1..i + matched] {
                *f = Force::Join;
            }
            if let Some(f) = forced.get_mut(i + matched) {
                *f = Force::Break;
            }
            i += matched;
        } else {
            i += 1;
        }
    }
    forced
}

/// Builds a [`WordSegmenter`] with the user's own words.
///
/// A user word of two or more syllables is always segmented as one word
/// where it occurs (longest match first), in any letter case and tone-mark
/// placement, and also informs the model's lexicon features.
///
/// ```
/// use viet_text::word::WordSegmenterBuilder;
/// let seg = WordSegmenterBuilder::new()
///     .words(["học máy", "thị giác máy tính"])
///     .build();
/// assert_eq!(seg.segment_to_underscored("Học máy"), "Học_máy");
/// ```
#[derive(Debug, Clone, Default)]
pub struct WordSegmenterBuilder {
    words: Vec<String>,
    model: Option<Arc<Model>>,
    ignore_case: bool,
}

impl WordSegmenterBuilder {
    /// A builder with the built-in model and no user words.
    ///
    /// ```
    /// let seg = viet_text::word::WordSegmenterBuilder::new().build();
    /// assert_eq!(seg.segment("a b").len() >= 1, true);
    /// ```
    pub fn new() -> Self {
        WordSegmenterBuilder::default()
    }

    /// Adds one word, syllables separated by spaces or `_` (`trí tuệ nhân tạo`).
    /// Words of one syllable, or longer than [`MAX_USER_WORD_SYLLABLES`], or
    /// containing non-word tokens, are ignored.
    ///
    /// ```
    /// let seg = viet_text::word::WordSegmenter::builder().word("điện_toán đám_mây").build();
    /// assert_eq!(seg.segment_to_underscored("điện toán đám mây"), "điện_toán_đám_mây");
    /// ```
    pub fn word(mut self, word: &str) -> Self {
        self.words.push(word.to_string());
        self
    }

    /// Adds several words; see [`word`](Self::word).
    ///
    /// ```
    /// let seg = viet_text::word::WordSegmenter::builder().words(vec!["xe điện", "pin mặt trời"]).build();
    /// assert_eq!(seg.segment_to_underscored("pin mặt trời"), "pin_mặt_trời");
    /// ```
    pub fn words<I, S>(mut self, words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.words
            .extend(words.into_iter().map(|w| w.as_ref().to_string()));
        self
    }

    /// Adds the words of a word-list file: one word per line, `#` starts a
    /// comment line, empty lines skipped.
    ///
    /// ```
    /// let list = "# my words\nnăng lượng tái tạo\n";
    /// let seg = viet_text::word::WordSegmenter::builder().word_list(list).build();
    /// assert_eq!(seg.segment_to_underscored("năng lượng tái tạo"), "năng_lượng_tái_tạo");
    /// ```
    pub fn word_list(self, list: &str) -> Self {
        self.words(crate::lexicon::entries(list))
    }

    /// Uses a model file written by [`training::train`] instead of the
    /// built-in model.
    ///
    /// ```
    /// use viet_text::word::{training, WordSegmenter};
    /// let bytes = training::train("sinh_viên học .\n", None, &Default::default());
    /// let seg = WordSegmenter::builder().model_bytes(&bytes).unwrap().build();
    /// assert_eq!(seg.segment_to_underscored("sinh viên"), "sinh_viên");
    /// ```
    pub fn model_bytes(mut self, bytes: &[u8]) -> Result<Self, ModelError> {
        self.model = Some(Arc::new(Model::from_bytes(bytes)?));
        Ok(self)
    }

    /// Ignores letter case entirely, so `hà nội`, `Hà Nội` and `HÀ NỘI`
    /// always segment alike. By default a capital first letter counts (it
    /// marks names, and all capitals count as one capital letter), which is
    /// more accurate on edited text: on the UD-VTB dev split F1 is 0.920 by
    /// default and lower with this option (see `notes/word.md`).
    ///
    /// ```
    /// use viet_text::word::WordSegmenter;
    /// let seg = WordSegmenter::builder().ignore_case(true).build();
    /// let shape = |s: &str| seg.segment(s).iter().map(|w| w.text.split(' ').count()).collect::<Vec<_>>();
    /// assert_eq!(shape("bà nguyễn thị hoa"), shape("Bà Nguyễn Thị Hoa"));
    /// ```
    pub fn ignore_case(mut self, yes: bool) -> Self {
        self.ignore_case = yes;
        self
    }

    /// Builds the segmenter.
    ///
    /// ```
    /// let seg = viet_text::word::WordSegmenter::builder().build();
    /// assert_eq!(seg.segment("").len(), 0);
    /// ```
    pub fn build(self) -> WordSegmenter {
        let model = self.model.unwrap_or_else(|| Arc::clone(&BUILTIN));
        let mut user = UserWords::default();
        let mut units = Vec::new();
        for w in &self.words {
            let text = w.replace('_', " ");
            units_into(&text, &mut units);
            let n = units.len();
            if !(2..=MAX_USER_WORD_SYLLABLES).contains(&n) || units[1..].iter().any(|u| !u.may_join) {
                continue;
            }
            let keys: Vec<u64> = units.iter().map(|u| u.key).collect();
            let fp = |len: usize| features::fingerprint(word_key(keys[..len].iter().copied()));
            user.table.upsert(fp(n), LEX_WORD, |a, b| a | b);
            for len in 2..n {
                user.table.upsert(fp(len), LEX_PREFIX, |a, b| a | b);
            }
            user.max_len = user.max_len.max(n);
        }
        WordSegmenter {
            model,
            user: (user.max_len > 0).then(|| Arc::new(user)),
            ignore_case: self.ignore_case,
        }
    }
}
