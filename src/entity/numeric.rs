//! What the numeric recognizers (money, percent, quantity, date) share:
//! their word lists, reading a number from the tokens of a [`Document`],
//! the bounding word before it, and the currency or counted noun after it.

use super::{Document, Qualifier};
use crate::number::{self, Accumulator};
use crate::span::Span;
use crate::token::{tokenize, Token, TokenKind};
use crate::Decimal;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Longest number of tokens one number may take (`1 tỷ 200 triệu`, spelled
/// forms): bounds every look-ahead.
const MAX_NUMBER_TOKENS: usize = 14;

// ---------------------------------------------------------------- document

/// A [`Document`] as the numeric recognizers read it: the document, and a
/// memo of the facts about its numbers that more than one recognizer asks
/// for (whether a number token is part of a code, the number read at a
/// token). Each fact is computed on first use by the same function as
/// before, so the memo changes no result, only how often the work is done:
/// money, percent, quantity and date share one `NumDoc` per document.
pub(crate) struct NumDoc<'d, 'a> {
    doc: &'d Document<'a>,
    /// The memo and the anchors, boxed: the extractor's buffers move into
    /// a `NumDoc` and back to the thread's scratch as one pointer.
    bufs: Box<Bufs>,
    /// Whether the recognizers may take their early rejects (exact
    /// shortcuts that skip work whose result cannot matter); off only in
    /// the reference path the tests compare against.
    pub(crate) fast: bool,
    /// The last day and year expressions read (`date::day_expr`,
    /// `date::year_expr`): the token and what was read there. A full date
    /// is asked for from its date word and again from its number.
    pub(crate) day_memo: std::cell::Cell<Option<(usize, Option<super::date::Expr>)>>,
    pub(crate) year_memo: std::cell::Cell<Option<(usize, Option<super::date::Expr>)>>,
    /// The last second member of a date range read (`date::second_member`):
    /// `30 tháng 4 – …` asks for the member after the dash from `30`,
    /// from `tháng` and from `4`.
    pub(crate) second_memo: std::cell::Cell<Option<(usize, Option<super::date::Expr>)>>,
}

/// What a [`NumDoc`] holds about its document's tokens.
#[derive(Default)]
struct Bufs {
    memo: RefCell<Memo>,
    /// The anchors (see [`NumDoc::anchors`]).
    anchors: Vec<usize>,
    /// With the anchors of `recognize`: the class of each (see
    /// [`anchor_of`]); empty when not known.
    classes: Vec<u8>,
    /// With the anchors of `recognize`: those that are number-like (class
    /// [`UNKNOWN_CLASS`]), in order; valid when `numbers_known`.
    numbers: Vec<usize>,
    numbers_known: bool,
}

/// What is known about the tokens so far; empty until first asked.
#[derive(Default)]
struct Memo {
    /// Per token.
    tokens: Vec<TokenMemo>,
    /// The numbers read, which `TokenMemo::number` points into.
    numbers: Vec<Option<NumberRead>>,
}

/// Eight bytes (the memo of a document is filled with zeros before its
/// first use, so a small entry matters).
#[derive(Default, Clone, Copy)]
struct TokenMemo {
    /// 0 not asked yet, 1 no code, 2 part of a code.
    code: u8,
    /// [`unit_at`]: 0 not asked yet, 1 no unit, 2 a unit, 3 a measure.
    unit: u8,
    /// With `unit` 2 or 3: the index after the unit, minus the token's own
    /// (a longer unit is not remembered).
    unit_len: u16,
    /// 0 not read yet, else 1 + the index of the reading in `Memo::numbers`.
    number: u32,
}

const _: () = assert!(std::mem::size_of::<TokenMemo>() == 8);

impl Memo {
    fn slot(&mut self, i: usize, len: usize) -> Option<&mut TokenMemo> {
        if self.tokens.is_empty() {
            self.tokens.resize(len, TokenMemo::default());
        }
        self.tokens.get_mut(i)
    }
}

impl<'d, 'a> NumDoc<'d, 'a> {
    /// Wraps `doc` with an empty memo and its anchors (see
    /// [`NumDoc::anchors`]). (The recognizers' own `recognize`, which the
    /// tests call.)
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn new(doc: &'d Document<'a>) -> Self {
        let mut anchors = Vec::with_capacity(doc.tokens.len() / 8 + 1);
        for (i, t) in doc.tokens.iter().enumerate() {
            if is_anchor(t) {
                anchors.push(i);
            }
        }
        NumDoc {
            doc,
            bufs: Box::new(Bufs {
                anchors,
                ..Bufs::default()
            }),
            fast: true,
            day_memo: std::cell::Cell::new(None),
            year_memo: std::cell::Cell::new(None),
            second_memo: std::cell::Cell::new(None),
        }
    }

    /// [`NumDoc::new`] without the early rejects: the reference path the
    /// tests compare the fast one with.
    #[cfg(test)]
    pub(crate) fn reference(doc: &'d Document<'a>) -> Self {
        NumDoc {
            fast: false,
            ..Self::new(doc)
        }
    }

    /// A `NumDoc` over reused buffers: the memo (cleared here) and the
    /// anchors, which must be what [`NumDoc::anchors`] would compute, with
    /// their classes (what [`anchor_of`] gives for each) and the
    /// number-like ones among them (those of class [`UNKNOWN_CLASS`]).
    fn with_scratch(doc: &'d Document<'a>, mut bufs: Box<Bufs>) -> Self {
        let memo = bufs.memo.get_mut();
        memo.tokens.clear();
        memo.numbers.clear();
        bufs.numbers_known = true;
        NumDoc {
            doc,
            bufs,
            fast: true,
            day_memo: std::cell::Cell::new(None),
            year_memo: std::cell::Cell::new(None),
            second_memo: std::cell::Cell::new(None),
        }
    }

    /// The anchors a recognizer that starts only at number-like tokens
    /// (quantity: numbers and ratios; percent: numbers and percentages)
    /// needs to visit, in order: the number-like anchors when they were
    /// found with the anchors (every anchor of a number-like kind has the
    /// class [`UNKNOWN_CLASS`]), else all anchors. Each recognizer still
    /// tests the kind, so visiting more anchors changes nothing; the anchor
    /// words left out (`năm`, `một` …, about two anchors in five) are ones
    /// it would skip after loading the token and testing its kind.
    #[inline]
    pub(crate) fn number_anchors(&self) -> &[usize] {
        if self.bufs.numbers_known && self.fast {
            &self.bufs.numbers
        } else {
            self.anchors()
        }
    }

    /// The classes of the anchors, in order (see [`anchor_of`]); empty
    /// when they are not used (off the fast path). For a loop over the
    /// anchors: `classes.get(k)`, or [`UNKNOWN_CLASS`] when there is none,
    /// is [`NumDoc::anchor_class_at`]`(k)`, without its fast-path test at
    /// every anchor.
    #[inline]
    pub(crate) fn anchor_classes(&self) -> &[u8] {
        if self.fast {
            &self.bufs.classes
        } else {
            &[]
        }
    }

    /// The class of the `k`-th anchor (see [`anchor_of`]), or
    /// [`UNKNOWN_CLASS`] when it was not kept.
    #[inline]
    pub(crate) fn anchor_class_at(&self, k: usize) -> u8 {
        if self.fast {
            self.bufs.classes.get(k).copied().unwrap_or(UNKNOWN_CLASS)
        } else {
            UNKNOWN_CLASS
        }
    }

    /// A `NumDoc` whose anchors are all tokens (what the recognizers did
    /// before anchors were shared) and that takes no early reject, to
    /// compare against in tests.
    #[cfg(test)]
    fn with_every_token_as_anchor(doc: &'d Document<'a>) -> Self {
        let mut d = NumDoc::new(doc);
        d.fast = false;
        d.bufs.anchors = (0..doc.tokens.len()).collect();
        d
    }

    /// The tokens where a numeric recognizer can start work, in order:
    /// number-like tokens, abbreviations (`VND1000`), and the words that
    /// start a spelled-out number or a date expression. Found in one pass
    /// and shared; each recognizer still applies its own test to them, so
    /// a token left out here is one every recognizer would skip.
    pub(crate) fn anchors(&self) -> &[usize] {
        &self.bufs.anchors
    }
}

/// Whether a numeric recognizer can start at token `t` (see
/// [`NumDoc::anchors`]). The union of the recognizers' own entry tests:
/// money (numbers, abbreviations, spelled-out numbers), percent (numbers,
/// percentages), quantity (numbers, ratios), date (tokens starting with a
/// digit and the date words of `date::may_start`).
pub(crate) fn is_anchor(t: &Token<'_>) -> bool {
    anchor_of(t).is_some()
}

/// [`anchor_class`] bit: the class of an anchor that was not looked up (a
/// number-like token, an abbreviation, a token starting with a digit):
/// the recognizers ask `date::may_start` and `starts_spelled_number`.
pub(crate) const UNKNOWN_CLASS: u8 = 0x80;

/// Whether token `t` is an anchor (see [`is_anchor`]), with its class: for
/// an anchor word, what [`anchor_class`] gives (exactly what
/// `date::may_start` and `number::starts_spelled_number` say of its
/// text); for any other anchor [`UNKNOWN_CLASS`].
pub(crate) fn anchor_of(t: &Token<'_>) -> Option<u8> {
    match t.kind {
        TokenKind::Number
        | TokenKind::Percent
        | TokenKind::Ratio
        | TokenKind::DateLike
        | TokenKind::Abbreviation => Some(UNKNOWN_CLASS),
        _ if t.text.as_bytes().first().is_some_and(u8::is_ascii_digit) => Some(UNKNOWN_CLASS),
        _ if !ANCHOR_FILTER.may_hold(t.text) => {
            debug_assert!(!anchor_word(t), "ANCHOR_WORDS misses {:?}", t.text);
            None
        }
        _ => {
            let class = anchor_class(t.text);
            let found =
                class & DATE_WORD != 0 || (t.kind == TokenKind::Syllable && class & SPELLED_WORD != 0);
            debug_assert_eq!(found, anchor_word(t), "anchor class of {:?}", t.text);
            found.then_some(class)
        }
    }
}

/// The word tests of [`is_anchor`], without the filter (what
/// [`anchor_class`] gives, the slow way).
fn anchor_word(t: &Token<'_>) -> bool {
    (t.kind == TokenKind::Syllable && number::starts_spelled_number(t.text)) || super::date::may_start(t)
}

/// [`anchor_class`] bit: `date::may_start` accepts the word.
pub(crate) const DATE_WORD: u8 = 1;
/// [`anchor_class`] bit: `number::starts_spelled_number` accepts the word.
pub(crate) const SPELLED_WORD: u8 = 2;
/// [`anchor_class`]: the bits from this one up to [`UNKNOWN_CLASS`] hold
/// `date::date_word_id` of the word's lower-case form (0 when it is none
/// of the words `date::word_expr` reads on from, e.g. `từ`).
pub(crate) const DATE_WORD_SHIFT: u8 = 2;

/// What `date::may_start` and `number::starts_spelled_number` say of a word
/// that does not start with a digit, found with one table look-up and
/// usually one string comparison instead of two literal matches: the word
/// must be one of [`ANCHOR_WORDS`] (which holds every word both accept, a
/// test checks), whose classes are computed once by those two functions.
fn anchor_class(text: &str) -> u8 {
    let b = text.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return 0;
    };
    // The words of the bucket, as a chain of indexes plus one (0 ends it).
    let mut k = ANCHOR_CHAINS.0[anchor_bucket(b.len(), first, last)];
    while k != 0 {
        let at = usize::from(k - 1);
        if ANCHOR_WORDS
            .get(at)
            .is_some_and(|w| w.len() == b.len() && w.as_bytes() == b)
        {
            return ANCHOR_CLASSES.get(at).copied().unwrap_or(0);
        }
        k = ANCHOR_CHAINS.1.get(at).copied().unwrap_or(0);
    }
    0
}

/// `number::starts_spelled_number(text)`, by [`anchor_class`].
pub(crate) fn starts_spelled_number(text: &str) -> bool {
    let fast = anchor_class(text) & SPELLED_WORD != 0;
    debug_assert_eq!(fast, number::starts_spelled_number(text), "{text:?}");
    fast
}

const fn anchor_bucket(len: usize, first: u8, last: u8) -> usize {
    (len.wrapping_mul(31) ^ (first as usize).wrapping_mul(7) ^ (last as usize).wrapping_mul(3)) & 255
}

/// The words of [`ANCHOR_WORDS`] by bucket: the first word's index plus
/// one per bucket, and for each word the next one's in its bucket (0: none).
static ANCHOR_CHAINS: ([u8; 256], [u8; 255]) = {
    assert!(ANCHOR_WORDS.len() < 255);
    let mut heads = [0u8; 256];
    let mut next = [0u8; 255];
    let mut k = 0;
    while k < ANCHOR_WORDS.len() {
        let b = ANCHOR_WORDS[k].as_bytes();
        if !b.is_empty() {
            let bucket = anchor_bucket(b.len(), b[0], b[b.len() - 1]);
            next[k] = heads[bucket];
            heads[bucket] = k as u8 + 1;
        }
        k += 1;
    }
    (heads, next)
};

/// The classes of [`ANCHOR_WORDS`], in order.
static ANCHOR_CLASSES: LazyLock<Vec<u8>> = LazyLock::new(|| {
    ANCHOR_WORDS
        .iter()
        .map(|w| {
            let t = Token {
                text: w,
                span: Span::new(0, w.len()),
                kind: TokenKind::Syllable,
            };
            let date = if super::date::may_start(&t) { DATE_WORD } else { 0 };
            let spelled = if number::starts_spelled_number(w) {
                SPELLED_WORD
            } else {
                0
            };
            let id = super::date::date_word_id(super::date::date_word(&lower(w)));
            date | spelled | id << DATE_WORD_SHIFT
        })
        .collect()
});

/// Every word that `number::starts_spelled_number` or `date::may_start`
/// accepts (a test checks both lists against this one).
const ANCHOR_WORDS: &[&str] = &[
    "ngày",
    "Ngày",
    "mồng",
    "Mồng",
    "mùng",
    "Mùng",
    "tháng",
    "Tháng",
    "năm",
    "Năm",
    "quý",
    "Quý",
    "quí",
    "Quí",
    "giai",
    "Giai",
    "thời",
    "Thời",
    "nhiệm",
    "Nhiệm",
    "niên",
    "Niên",
    "đầu",
    "Đầu",
    "giữa",
    "Giữa",
    "cuối",
    "Cuối",
    "thượng",
    "Thượng",
    "trung",
    "Trung",
    "hạ",
    "Hạ",
    "nửa",
    "Nửa",
    "từ",
    "Từ",
    "NGÀY",
    "THÁNG",
    "NĂM",
    "QUÝ",
    "TỪ",
    "một",
    "Một",
    "hai",
    "Hai",
    "ba",
    "Ba",
    "bốn",
    "Bốn",
    "sáu",
    "Sáu",
    "bảy",
    "Bảy",
    "bẩy",
    "Bẩy",
    "tám",
    "Tám",
    "chín",
    "Chín",
    "mười",
    "Mười",
    "không",
    "Không",
];

/// A cheap filter over a word list that holds each word in every letter
/// case that must match (words are compared byte for byte): a word can be
/// in the list only when some listed word has its first byte together with
/// its length, and some listed word its last byte together with its
/// length. Most words of a text fail it after two table look-ups; the ones
/// that pass are tested exactly.
struct WordFilter {
    /// By first byte: bit `n` set when a listed word of `n` bytes starts with it.
    first_len: [u32; 256],
    /// By last byte: bit `n` set when a listed word of `n` bytes ends with it.
    last_len: [u32; 256],
}

impl WordFilter {
    const fn new(words: &[&str]) -> Self {
        let mut f = WordFilter {
            first_len: [0; 256],
            last_len: [0; 256],
        };
        let mut k = 0;
        while k < words.len() {
            let b = words[k].as_bytes();
            if !b.is_empty() && b.len() < 32 {
                f.first_len[b[0] as usize] |= 1 << b.len();
                f.last_len[b[b.len() - 1] as usize] |= 1 << b.len();
            }
            k += 1;
        }
        f
    }

    fn may_hold(&self, word: &str) -> bool {
        let b = word.as_bytes();
        match (b.first(), b.last()) {
            (Some(&first), Some(&last)) => {
                b.len() < 32
                    && self.first_len[usize::from(first)] & (1 << b.len()) != 0
                    && self.last_len[usize::from(last)] & (1 << b.len()) != 0
            }
            _ => false,
        }
    }
}

static ANCHOR_FILTER: WordFilter = WordFilter::new(ANCHOR_WORDS);

impl<'a> std::ops::Deref for NumDoc<'_, 'a> {
    type Target = Document<'a>;
    fn deref(&self) -> &Document<'a> {
        self.doc
    }
}

/// The four numeric recognizers run over one shared [`NumDoc`], each only
/// when its type was asked for, in the order money, percent, quantity,
/// date (the order in which their candidates reach overlap resolution,
/// which breaks ties by it).
pub(crate) struct NumericRecognizer {
    money: Option<super::money::MoneyRecognizer>,
    percent: Option<super::percent::PercentRecognizer>,
    quantity: Option<super::quantity::QuantityRecognizer>,
    date: Option<super::date::DateRecognizer>,
}

impl NumericRecognizer {
    /// The recognizers of the numeric types among `types`.
    pub(crate) fn new(types: &[super::EntityType]) -> Self {
        use super::EntityType as T;
        NumericRecognizer {
            money: types.contains(&T::Money).then(super::money::MoneyRecognizer::new),
            percent: types
                .contains(&T::Percent)
                .then(super::percent::PercentRecognizer::new),
            quantity: types
                .contains(&T::Quantity)
                .then(super::quantity::QuantityRecognizer::new),
            date: types.contains(&T::Date).then(super::date::DateRecognizer::new),
        }
    }
}

impl super::Recognizer for NumericRecognizer {
    fn produces(&self) -> &'static [super::EntityType] {
        use super::EntityType as T;
        match (&self.money, &self.percent, &self.quantity, &self.date) {
            (None, None, None, None) => &[],
            _ => &[T::Money, T::Percent, T::Quantity, T::Date],
        }
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<super::Entity>) {
        self.recognize_deferring(doc, out, None);
    }
}

impl NumericRecognizer {
    /// [`Recognizer::recognize`](super::Recognizer::recognize); with
    /// `deferred`, the quantity recognizer does not read the number of
    /// `N tháng M…` (most of viwiki's day lists), whose quantity `N tháng`
    /// nearly always loses to the date `N tháng M`: it only notes in
    /// `deferred` where it is (appended). The caller must then resolve the
    /// overlaps, ask [`deferred_are_beaten`], and when not, recognize the
    /// document again without. (The list is the caller's, passed down: a
    /// thread-local switched on and off around each document cost three
    /// accesses of it per document, ~50 instructions.)
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn recognize_deferring(
        &self,
        doc: &Document<'_>,
        out: &mut Vec<super::Entity>,
        deferred: Option<&mut Vec<[usize; 4]>>,
    ) {
        // The memo and the anchor list reuse this thread's buffers from the
        // previous document instead of allocating three vectors per
        // document; they are borrowed in place (a nested call, which does
        // not happen, would get fresh ones).
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.recognize_with(doc, &NO_ANNOTATIONS, &mut scratch, out, deferred),
            Err(_) => self.recognize_with(doc, &NO_ANNOTATIONS, &mut Scratch::new(), out, deferred),
        });
    }

    /// [`NumericRecognizer::recognize_deferring`] with the buffers of
    /// `scratch` (the extractor's: its own thread-local, borrowed once a
    /// document, spares this one's access, ~30 instructions a document).
    pub(crate) fn recognize_with(
        &self,
        doc: &Document<'_>,
        anns: &super::Annotations,
        scratch: &mut Scratch,
        out: &mut Vec<super::Entity>,
        deferred: Option<&mut Vec<[usize; 4]>>,
    ) {
        let Bufs {
            anchors,
            classes,
            numbers,
            ..
        } = &mut **scratch.bufs.get_or_insert_with(Box::default);
        // The tokenizer's annotations carry the anchor bit of each word
        // (every nonzero annotation, whoever asked for it: see
        // `super::Annotations`).
        match anns.anns.get(..doc.tokens.len()) {
            Some(words) if anns.tag != 0 && words.len() == anns.anns.len() => {
                find_anchors_annotated(&doc.tokens, words, anchors, classes, numbers);
            }
            _ => find_anchors(&doc.tokens, anchors, classes, numbers),
        }
        // No anchor: every recognizer would skip every token. (The buffers
        // stay in place then; they move only to a document that has some.)
        if anchors.is_empty() {
            return;
        }
        let Some(bufs) = scratch.bufs.take() else {
            return;
        };
        let doc = NumDoc::with_scratch(doc, bufs);
        self.run_all(&doc, out, deferred);
        scratch.bufs = Some(doc.bufs);
    }
}

thread_local! {
    /// Buffers kept between documents (see `NumericRecognizer::recognize`).
    static SCRATCH: RefCell<Scratch> = const { RefCell::new(Scratch::new()) };
}

/// Whether every quantity deferred (listed in `deferred`, see
/// [`NumericRecognizer::recognize_deferring`]) would have lost anyway: a
/// survivor of `kept` overlaps its number token and is strictly longer than
/// the span that holds it. Resolution keeps the longest first (ties by
/// candidate order), and a candidate that loses changes no other answer;
/// such a survivor is decided before the quantity and removes it, so the
/// survivors with the quantity among the candidates are `kept`. False when
/// that cannot be told: the document must be recognized again without
/// deferring.
pub(crate) fn deferred_are_beaten(deferred: &[[usize; 4]], kept: &[super::Entity]) -> bool {
    deferred.iter().all(|&[n_start, n_end, q_start, q_end]| {
        kept.iter().any(|k| {
            let s = k.span();
            s.start < n_end && n_start < s.end && s.len() > q_end - q_start
        })
    })
}

/// What [`SCRATCH`] keeps: the last document's buffers (the memo, the
/// anchors, their classes and the number-like anchors), `None` before the
/// first.
pub(crate) struct Scratch {
    bufs: Option<Box<Bufs>>,
}

impl Scratch {
    pub(crate) const fn new() -> Self {
        Scratch { bufs: None }
    }
}

/// The anchors of `tokens` and their classes, exactly what [`anchor_of`]
/// gives token by token, into `anchors` and `classes`, and the anchors of
/// class [`UNKNOWN_CLASS`] into `numbers` (all three cleared first).
///
/// [`anchor_of`] decides with branches that the processor often
/// mispredicts (number or word, filter passed or not, in no regular
/// pattern), at every token. Here the tokens are taken 64 at a time: a
/// first pass computes without a branch, for each token, whether it is
/// number-like (its kind, or a digit first) or may be an anchor word (the
/// first and the last byte, each with the length, of some word of
/// [`ANCHOR_WORDS`]: the filter of [`ANCHOR_FILTER`], with the digit test
/// in its bit 0), as one bit of a mask. The set bits (about one token in
/// five) are then visited in order: the number-like tokens are anchors,
/// the others are looked up by their [`anchor_key`] (one table look-up,
/// then one text comparison for the words that have a word's key), with
/// the class test of [`anchor_of`].
fn find_anchors(
    tokens: &[Token<'_>],
    anchors: &mut Vec<usize>,
    classes: &mut Vec<u8>,
    numbers: &mut Vec<usize>,
) {
    anchors.clear();
    classes.clear();
    numbers.clear();
    for (c, chunk) in tokens.chunks(64).enumerate() {
        let mut mask = 0u64;
        // Each token's bit enters at the top and moves down one place per
        // token (a shift by a constant, where a shift by the token's index
        // costs three micro-operations); the last token's bit ends at
        // place 63, and the shift after the loop brings the first to 0.
        for t in chunk {
            let b = t.text.as_bytes();
            let (first, last) = match (b.first(), b.last()) {
                (Some(&f), Some(&l)) => (f, l),
                _ => (0, 0),
            };
            // (A length of 32 or more wraps around: a word of that length
            // is no anchor word, and the look-up below rejects it.)
            let length = 1u32 << (b.len() & 31) | 1;
            let filter = ANCHOR_FIRST[usize::from(first)] & ANCHOR_LAST[usize::from(last)] & length;
            let kind = NUMBER_KINDS >> (t.kind as u32) & 1;
            mask = mask >> 1 | u64::from(u32::from(filter != 0) | kind) << 63;
        }
        mask >>= 64 - chunk.len().clamp(1, 64);
        while mask != 0 {
            let k = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            let i = c * 64 + k;
            let Some(t) = chunk.get(k) else { break };
            if is_number_anchor(t) {
                anchors.push(i);
                classes.push(UNKNOWN_CLASS);
                numbers.push(i);
            } else if let Some(class) = anchor_word_class(t) {
                anchors.push(i);
                classes.push(class);
            }
        }
    }
}

/// Whether `t` is an anchor of class [`UNKNOWN_CLASS`] (its kind is
/// number-like, or its text starts with a digit), as [`anchor_of`] decides.
#[inline(always)]
fn is_number_anchor(t: &Token<'_>) -> bool {
    NUMBER_KINDS >> (t.kind as u32) & 1 != 0 || t.text.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// The class [`anchor_of`] gives `t`, not a number anchor
/// ([`is_number_anchor`]): by its [`anchor_key`] (one table look-up, then
/// one text comparison for the words that have a word's key).
#[inline(always)]
fn anchor_word_class(t: &Token<'_>) -> Option<u8> {
    let b = t.text.as_bytes();
    let key = anchor_key(b);
    let entry = ANCHOR_SLOTS[anchor_slot(key)];
    if entry & ANCHOR_KEY_MASK != key {
        return None;
    }
    let at = ((entry >> 56) as usize).wrapping_sub(1);
    // (A text of four bytes or fewer has every byte in its key: the key's
    // match is the word's, without comparing the texts.)
    if ANCHOR_WORDS
        .get(at)
        .is_some_and(|w| b.len() <= 4 || w.as_bytes() == b)
    {
        let class = ANCHOR_CLASSES.get(at).copied().unwrap_or(0);
        if class & DATE_WORD != 0 || (t.kind == TokenKind::Syllable && class & SPELLED_WORD != 0) {
            return Some(class);
        }
    }
    None
}

/// The class of an anchor word (one that [`anchor_of`] accepts and that is
/// no number anchor), by its key alone: no text comparison, no class test.
#[inline(always)]
fn known_word_class(b: &[u8]) -> u8 {
    let entry = ANCHOR_SLOTS[anchor_slot(anchor_key(b))];
    let at = ((entry >> 56) as usize).wrapping_sub(1);
    ANCHOR_CLASSES.get(at).copied().unwrap_or(0)
}

/// No annotations (the single recognizers' path: [`find_anchors`]).
static NO_ANNOTATIONS: super::Annotations = super::Annotations {
    anns: Vec::new(),
    tag: 0,
};

/// [`super::ANN_ANCHOR`] when a token of text `text` and kind `kind` is an
/// anchor ([`anchor_of`]), 0 otherwise: the numeric part of the annotation
/// the tokenizer keeps for a word in its memo (computed once per distinct
/// word; see [`super::Annotations`]).
pub(crate) fn anchor_ann(text: &str, kind: TokenKind) -> u32 {
    let t = Token {
        text,
        span: Span::new(0, text.len()),
        kind,
    };
    if anchor_of(&t).is_some() {
        super::ANN_ANCHOR
    } else {
        0
    }
}

/// Tokenizes `text` into `tokens` with the anchor bit of each token in
/// `anns` (`ANN_PACKED | anchor_ann`, 0 for a token the tokenizer does not
/// annotate: see [`super::Annotations`]), through the tokenizer's word memo
/// under its own tag (`CHECKED_TAG`); returns whether default normalization
/// would leave `text` as it is (`false`: it may not; see
/// `crate::token::tokenize_annotated`). For an extractor without names.
pub(crate) fn tokenize_anchored<'a>(text: &'a str, tokens: &mut Vec<Token<'a>>, anns: &mut Vec<u32>) -> bool {
    crate::token::tokenize_checked(text, tokens, anns, &ANCHORED_SHORT, &mut |w: &str, kind| {
        super::ANN_PACKED | anchor_ann(w, kind)
    })
}

/// The annotations of [`tokenize_anchored`] of the short tokens by first
/// byte (a digit: every run of digits; see `crate::token::short_kind`).
static ANCHORED_SHORT: LazyLock<[u32; 128]> = LazyLock::new(|| {
    let mut t = [0u32; 128];
    for (b, slot) in (0u8..128).zip(t.iter_mut()) {
        if let Some(kind) = crate::token::short_kind(b) {
            *slot = super::ANN_PACKED | anchor_ann(char::from(b).encode_utf8(&mut [0; 4]), kind);
        }
    }
    t
});

/// [`find_anchors`] with the tokenizer's annotations of `tokens` (`anns`,
/// one per token; see [`super::Annotations`]): the candidates are the
/// tokens whose annotation has the anchor bit or is 0 (a token the
/// tokenizer did not annotate), found 64 at a time from the annotations
/// alone ([`candidate_mask`]); each is then confirmed as in
/// [`find_anchors`], except that a word with the anchor bit is an anchor
/// word whose class its key finds (no comparison). Same anchors, classes
/// and numbers.
fn find_anchors_annotated(
    tokens: &[Token<'_>],
    anns: &[u32],
    anchors: &mut Vec<usize>,
    classes: &mut Vec<u8>,
    numbers: &mut Vec<usize>,
) {
    anchors.clear();
    classes.clear();
    numbers.clear();
    let n = tokens.len().min(anns.len());
    let mut base = 0;
    while base < n {
        let end = n.min(base + 64);
        let mut mask = anns.get(base..end).map_or(0, candidate_mask);
        while mask != 0 {
            let i = base + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            let (Some(t), Some(&w)) = (tokens.get(i), anns.get(i)) else {
                break;
            };
            if is_number_anchor(t) {
                anchors.push(i);
                classes.push(UNKNOWN_CLASS);
                numbers.push(i);
            } else if w != 0 {
                // The anchor bit: an anchor word.
                let class = known_word_class(t.text.as_bytes());
                debug_assert_eq!(Some(class), anchor_word_class(t), "{t:?}");
                anchors.push(i);
                classes.push(class);
            } else if let Some(class) = anchor_word_class(t) {
                anchors.push(i);
                classes.push(class);
            }
        }
        base = end;
    }
}

/// Bit `j` set when `anns[j]` (up to 64 annotations) has the anchor bit or
/// is 0: every nonzero annotation has [`super::ANN_PACKED`], so the others
/// are exactly those whose two bits read `ANN_PACKED` alone.
#[inline(always)]
fn candidate_mask(anns: &[u32]) -> u64 {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        candidate_mask_sse2(anns)
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        candidate_mask_plain(anns)
    }
}

/// [`candidate_mask`] one annotation at a time.
#[inline(always)]
fn candidate_mask_plain(anns: &[u32]) -> u64 {
    const BITS: u32 = super::ANN_PACKED | super::ANN_ANCHOR;
    let mut mask = 0u64;
    for (j, &w) in anns.iter().enumerate() {
        mask |= u64::from(w & BITS != super::ANN_PACKED) << (j & 63);
    }
    mask
}

/// [`candidate_mask`] with SSE2, four annotations a step (the tail one by
/// one).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn candidate_mask_sse2(anns: &[u32]) -> u64 {
    use safe_arch::{
        bitand_m128i, cast_to_m128_from_m128i, cmp_eq_mask_i32_m128i, m128i, move_mask_m128,
        set_splat_i32_m128i,
    };
    let bits = set_splat_i32_m128i((super::ANN_PACKED | super::ANN_ANCHOR) as i32);
    let plain = set_splat_i32_m128i(super::ANN_PACKED as i32);
    let mut mask = 0u64;
    let mut chunks = anns.chunks_exact(4);
    let mut j = 0;
    for c in chunks.by_ref() {
        let v = m128i::from(<[u32; 4]>::try_from(c).unwrap_or([0; 4]));
        let skip = cmp_eq_mask_i32_m128i(bitand_m128i(v, bits), plain);
        let skip = move_mask_m128(cast_to_m128_from_m128i(skip)) as u64;
        mask |= (!skip & 15) << (j & 63);
        j += 4;
    }
    mask | candidate_mask_plain(chunks.remainder()).wrapping_shl(j as u32)
}

/// Bit `k` set for each number-like [`TokenKind`] `k` (those that are
/// anchors whatever their text).
const NUMBER_KINDS: u32 = 1 << TokenKind::Number as u32
    | 1 << TokenKind::Percent as u32
    | 1 << TokenKind::Ratio as u32
    | 1 << TokenKind::DateLike as u32
    | 1 << TokenKind::Abbreviation as u32;

/// By first byte: bit `n` set when a word of [`ANCHOR_WORDS`] of `n` bytes
/// starts with it, and bit 0 for the digits (see [`find_anchors`]).
static ANCHOR_FIRST: [u32; 256] = {
    let mut t = ANCHOR_FILTER.first_len;
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] |= 1;
        d += 1;
    }
    t
};

/// By last byte: bit `n` set when a word of [`ANCHOR_WORDS`] of `n` bytes
/// ends with it, and bit 0 for every byte (see [`find_anchors`]).
static ANCHOR_LAST: [u32; 256] = {
    let mut t = ANCHOR_FILTER.last_len;
    let mut k = 0;
    while k < 256 {
        t[k] |= 1;
        k += 1;
    }
    t
};

/// What [`find_anchors`] looks an anchor word up by: the length (at most
/// 255) and the first two, the second-to-last and the last byte of `b`
/// (0 for an empty text). No two of [`ANCHOR_WORDS`] share one (`bảy` and
/// `bẩy` differ only in the second-to-last byte, `đầu` and `Đầu` in the
/// second). Without a branch on the length: the indexes are clamped.
#[inline(always)]
const fn anchor_key(b: &[u8]) -> u64 {
    let len = b.len();
    if len == 0 {
        return 0;
    }
    let second = (len > 1) as usize;
    let penult = len.saturating_sub(2);
    let n = if len < 255 { len as u64 } else { 255 };
    n | (b[0] as u64) << 8 | (b[second] as u64) << 16 | (b[penult] as u64) << 24 | (b[len - 1] as u64) << 32
}

/// The bits of an [`ANCHOR_SLOTS`] entry that hold the key.
const ANCHOR_KEY_MASK: u64 = (1 << 40) - 1;

/// The slot of a key in [`ANCHOR_SLOTS`] (multiplicative hashing; the
/// multiplier was chosen so that the anchor words do not collide, which
/// the table's construction checks at compile time).
#[inline(always)]
const fn anchor_slot(key: u64) -> usize {
    (key.wrapping_mul(0x5c6d_4f69_8a2d_83cb) >> 55) as usize
}

/// By [`anchor_slot`]: the key of the anchor word there, with its index in
/// [`ANCHOR_WORDS`] plus one in the top byte; 0 for an empty slot (no key
/// is 0 but the empty text's, which holds no slot).
static ANCHOR_SLOTS: [u64; 512] = {
    assert!(ANCHOR_WORDS.len() < 255);
    let mut slots = [0u64; 512];
    let mut k = 0;
    while k < ANCHOR_WORDS.len() {
        let key = anchor_key(ANCHOR_WORDS[k].as_bytes());
        let slot = anchor_slot(key);
        assert!(
            slots[slot] == 0,
            "two anchor words share a slot: choose another multiplier"
        );
        assert!(key != 0 && key & !ANCHOR_KEY_MASK == 0);
        slots[slot] = key | ((k as u64 + 1) << 56);
        k += 1;
    }
    slots
};

impl NumericRecognizer {
    fn run_all(
        &self,
        doc: &NumDoc<'_, '_>,
        out: &mut Vec<super::Entity>,
        mut deferred: Option<&mut Vec<[usize; 4]>>,
    ) {
        if let Some(r) = &self.money {
            r.run(doc, out);
        }
        if let Some(r) = &self.percent {
            r.run(doc, out);
        }
        if let Some(r) = &self.quantity {
            match deferred.as_deref_mut() {
                Some(list) => r.run_deferring(doc, out, list),
                None => r.run(doc, out),
            }
        }
        if let Some(r) = &self.date {
            match deferred {
                Some(list) => r.run_deferring(doc, out, Some(list)),
                None => r.run(doc, out),
            }
        }
    }
}

// ---------------------------------------------------------------- words

/// A table of phrases (one or more tokens each), matched token by token
/// ignoring letter case; the longest phrase wins.
pub(crate) struct PhraseTable<V> {
    by_first: HashMap<String, Phrases<V>, FnvBuild>,
    /// By first byte of a key of `by_first`: bit `n` set when a key of `n`
    /// bytes starts with it (`n` < 64). Lets most words that start no
    /// phrase be rejected without hashing (see [`PhraseTable::may_start`]).
    key_len: [u64; 256],
    /// By byte: whether a key of `by_first` (of any length) starts with it.
    first_any: [bool; 256],
    /// By last byte of a key of `by_first`: bit `n` set when a key of `n`
    /// bytes ends with it (`n` < 64).
    last_len: [u64; 256],
    /// The most tokens any phrase has.
    max_len: usize,
    /// By first byte of a phrase's last word (its lower-case and its exact
    /// form): bit `n` set when such a word has `n` bytes (`n` < 64), bit 0
    /// when one has 64 or more. Lets `longest_before` reject a token that
    /// ends no phrase without looking up the words before it.
    end_len: [u64; 256],
}

/// The phrases under one key of a [`PhraseTable`], longest first, with
/// what lets [`PhraseTable::longest_at`] pass over the phrases of two words
/// or more at once when the token after the first cannot be the second
/// word of any of them (`người` heads seventeen, `máy` twenty-one).
struct Phrases<V> {
    list: Vec<(Vec<Word>, V)>,
    /// The [`word_bit`] of the lower-case and of the exact form of the
    /// second word of each phrase of two words or more.
    second_words: u64,
    /// The index in `list` of the first phrase of fewer than two words
    /// (all after it are such too: the list is sorted longest first).
    short_from: usize,
}

impl<V> Default for Phrases<V> {
    fn default() -> Self {
        Phrases {
            list: Vec::new(),
            second_words: 0,
            short_from: 0,
        }
    }
}

impl<V> std::ops::Deref for Phrases<V> {
    type Target = Vec<(Vec<Word>, V)>;
    fn deref(&self) -> &Self::Target {
        &self.list
    }
}

impl<'a, V> IntoIterator for &'a Phrases<V> {
    type Item = &'a (Vec<Word>, V);
    type IntoIter = std::slice::Iter<'a, (Vec<Word>, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

/// The bit of [`Phrases::second_words`] for a word: a hash of its
/// length, first byte and last byte (equal words have equal bits).
#[inline]
fn word_bit(w: &[u8]) -> u64 {
    let (f, l) = match w {
        [f, .., l] => (*f, *l),
        [f] => (*f, *f),
        [] => (0, 0),
    };
    1u64 << ((usize::from(f).wrapping_mul(7) ^ usize::from(l).wrapping_mul(3) ^ w.len()) & 63)
}

/// FNV-1a: the tables are small and their keys short, so a simple hash is
/// much faster than the default SipHash and needs no protection against
/// chosen keys (the keys come from our own data files).
#[derive(Default, Clone, Copy)]
pub(crate) struct FnvBuild;

pub(crate) struct Fnv(u64);

impl std::hash::BuildHasher for FnvBuild {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// One word of a phrase: its lower-case form, and for a short word written
/// in ASCII letters or with a capital (a symbol such as `kg`, `MW`, `USD`)
/// the exact form, which must match letter for letter (`G` is not `g`).
struct Word {
    lower: String,
    exact: Option<String>,
    /// Set on a phrase's first word when it matches every text looked up
    /// under its key (no exact form, and its lower-case form is the key), so
    /// `longest_at` need not compare it again.
    is_key: bool,
}

impl Word {
    fn matches(&self, text: &str) -> bool {
        match &self.exact {
            Some(e) => e == text,
            None => lower(text) == self.lower.as_str(),
        }
    }
}

impl<V> PhraseTable<V> {
    /// Reads `phrase <TAB> value` lines; `parse` turns the value column
    /// (empty when absent) into `V`, or skips the line.
    fn from_data(data: &'static str, parse: impl Fn(&'static str) -> Option<V>) -> Self {
        let mut by_first: HashMap<String, Phrases<V>, FnvBuild> = HashMap::default();
        let mut max_len = 1;
        for line in crate::lexicon::entries(data) {
            let (phrase, value) = line.split_once('\t').unwrap_or((line, ""));
            let Some(v) = parse(value.trim()) else { continue };
            let mut words: Vec<Word> = tokenize(phrase.trim())
                .map(|t| Word {
                    is_key: false,
                    lower: t.text.to_lowercase(),
                    exact: (t.text.is_ascii()
                        && t.text.chars().any(|c| c.is_ascii_alphabetic())
                        && (t.text.len() < 3 || t.text.chars().any(|c| !c.is_ascii_lowercase())))
                    .then(|| t.text.to_owned()),
                })
                .collect();
            max_len = max_len.max(words.len());
            // Keyed the way `longest_at` looks words up (`lower`), so a
            // mixed-case measure (`kWh`) is found.
            if let Some(first) = tokenize(phrase.trim()).next() {
                let key = lower(first.text);
                if let Some(w) = words.first_mut() {
                    w.is_key = w.exact.is_none() && w.lower == key.as_str();
                }
                by_first
                    .entry(key.into_owned())
                    .or_default()
                    .list
                    .push((words, v));
            }
        }
        for p in by_first.values_mut() {
            p.list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
            p.short_from = p.list.iter().take_while(|(w, _)| w.len() >= 2).count();
            for (words, _) in &p.list {
                if let Some(w2) = words.get(1) {
                    p.second_words |= word_bit(w2.lower.as_bytes());
                    p.second_words |= w2.exact.as_ref().map_or(0, |e| word_bit(e.as_bytes()));
                }
            }
        }
        let mut key_len = [0u64; 256];
        let mut first_any = [false; 256];
        let mut last_len = [0u64; 256];
        for key in by_first.keys() {
            if let (Some(&b), Some(&e)) = (key.as_bytes().first(), key.as_bytes().last()) {
                first_any[usize::from(b)] = true;
                if key.len() < 64 {
                    key_len[usize::from(b)] |= 1 << key.len();
                    last_len[usize::from(e)] |= 1 << key.len();
                }
            }
        }
        let mut end_len = [0u64; 256];
        for (words, _) in by_first.values().flatten() {
            if let Some(w) = words.last() {
                for form in std::iter::once(w.lower.as_str()).chain(w.exact.as_deref()) {
                    if let Some(&b) = form.as_bytes().first() {
                        end_len[usize::from(b)] |= if form.len() < 64 { 1 << form.len() } else { 1 };
                    }
                }
            }
        }
        PhraseTable {
            by_first,
            key_len,
            first_any,
            last_len,
            max_len,
            end_len,
        }
    }

    /// False only when `text` is certainly no key of `by_first` after
    /// [`lower`]: a text that does not start with a capital is its own
    /// lower-case form, so its first byte and its last byte, each with its
    /// length, must be a key's.
    /// A capitalized text is lower-cased by `lower` as a whole, so only the
    /// first byte of its first letter's lower case is known: some key must
    /// start with it. A very long text is left to the lookup.
    #[inline]
    fn may_start(&self, text: &str) -> bool {
        let Some(&b) = text.as_bytes().first() else {
            return true;
        };
        if b.is_ascii_uppercase() {
            return self.first_any[usize::from(b | 0x20)];
        }
        if text.len() >= 64 {
            return true;
        }
        if b >= 0x80 {
            if let Some(c) = text.chars().next().filter(|c| c.is_uppercase()) {
                // (`Σ` lowers to `σ` or `ς`, which share their first byte.)
                let mut buf = [0u8; 4];
                let first = c
                    .to_lowercase()
                    .next()
                    .and_then(|l| l.encode_utf8(&mut buf).as_bytes().first().copied());
                return first.map_or(true, |f| self.first_any[usize::from(f)]);
            }
        }
        let bit = 1u64 << text.len();
        self.key_len[usize::from(b)] & bit != 0
            && text
                .as_bytes()
                .last()
                .is_some_and(|&e| self.last_len[usize::from(e)] & bit != 0)
    }

    /// False only when no phrase starts at token `i` ([`PhraseTable::longest_at`]
    /// finds none): there is no token, or its text starts with an ASCII
    /// byte that is no capital (a lower-case letter, a digit, a punctuation
    /// mark: the text is its own lower-case form) and fails
    /// [`PhraseTable::may_start`]. Inline, for a caller to test before a
    /// look-up that is mostly in vain; every other text is left to it.
    /// (The one-byte texts count: `,`, `.` and `)` follow most numbers.)
    #[inline]
    pub(crate) fn may_start_at(&self, doc: &NumDoc<'_, '_>, i: usize) -> bool {
        let Some(t) = doc.tokens.get(i) else {
            return false;
        };
        match t.text.as_bytes() {
            [b, ..] if b.is_ascii() && !b.is_ascii_uppercase() && t.text.len() < 64 => {
                let bit = 1u64 << t.text.len();
                let e = t.text.as_bytes().last().copied().unwrap_or(*b);
                self.key_len[usize::from(*b)] & bit != 0 && self.last_len[usize::from(e)] & bit != 0
            }
            _ => true,
        }
    }

    /// By first byte `b`: bit `n` (1 ≤ `n` < 32) clear only when
    /// [`PhraseTable::may_start_at`] rejects every token of `n` bytes that
    /// starts with `b` (it tests by first byte and length only a text
    /// that starts with an ASCII byte that is no capital; every other
    /// first byte gets every bit).
    pub(crate) fn may_start_lens(&self, b: u8) -> u32 {
        if b.is_ascii() && !b.is_ascii_uppercase() {
            // (Only bits below 32 are asked for: the truncation is meant.)
            (self.key_len[usize::from(b)] & u64::from(u32::MAX)) as u32
        } else {
            u32::MAX
        }
    }

    /// The phrases whose first word is `text` (in any letter case).
    #[inline]
    fn phrases(&self, text: &str) -> Option<&Phrases<V>> {
        if !self.may_start(text) {
            debug_assert!(!self.by_first.contains_key(lower(text).as_ref()));
            return None;
        }
        self.by_first.get(lower(text).as_ref())
    }

    /// The longest phrase starting at token `i`: its value and the index of
    /// the token after it.
    ///
    /// The second token (on the line after the first, lower-cased) is read
    /// once for all the phrases of two words or more under the key (`người`
    /// heads seventeen), not once per phrase; [`PhraseTable::longest_at_reference`]
    /// is the plain reading the tests compare with.
    pub(crate) fn longest_at(&self, doc: &NumDoc<'_, '_>, i: usize) -> Option<(&V, usize)> {
        let text = doc.tokens.get(i)?.text;
        let entry = self.phrases(text)?;
        // `None` until a phrase of two words or more asks; then the second
        // token's text and lower-case form, when it follows on the line.
        let mut second: Option<Option<(&str, Lower<'_>)>> = None;
        let mut k = 0;
        'phrases: while let Some((words, v)) = entry.list.get(k) {
            k += 1;
            let Some((first, rest)) = words.split_first() else {
                return Some((v, i));
            };
            // (`text` was found under the key: `lower(text)` is it.)
            if first.is_key {
                debug_assert!(first.matches(text));
            } else if !first.matches(text) {
                continue;
            }
            if let Some((w2, more)) = rest.split_first() {
                let next = match &second {
                    Some(next) => next,
                    None => {
                        let next = if inline_gap(doc, i) {
                            doc.tokens.get(i + 1).map(|t| (t.text, lower(t.text)))
                        } else {
                            None
                        };
                        // No second word with its bit (or none on the line):
                        // every phrase of two words or more fails on it, so go
                        // on with the shorter ones.
                        let may = next.as_ref().is_some_and(|(t2, l2)| {
                            let bits = word_bit(t2.as_bytes()) | word_bit(l2.as_ref().as_bytes());
                            entry.second_words & bits != 0
                        });
                        if !may {
                            k = k.max(entry.short_from);
                        }
                        second.insert(next)
                    }
                };
                let Some((t2, l2)) = next else { continue };
                // (Most second words of a long list differ in length: that
                // settles them without reading the lower-case text.)
                let same = match &w2.exact {
                    Some(e) => e == t2,
                    None => l2.byte_len() == w2.lower.len() && l2.as_ref() == w2.lower.as_str(),
                };
                if !same {
                    continue;
                }
                for (k, w) in more.iter().enumerate() {
                    let j = i + 2 + k;
                    if !inline_gap(doc, j - 1) {
                        continue 'phrases;
                    }
                    match doc.tokens.get(j) {
                        Some(t) if w.matches(t.text) => {}
                        _ => continue 'phrases,
                    }
                }
            }
            return Some((v, i + words.len()));
        }
        None
    }

    /// [`PhraseTable::longest_at`] the plain way: every word of every phrase
    /// compared in turn (the tests compare both).
    #[cfg(test)]
    pub(crate) fn longest_at_reference(&self, doc: &NumDoc<'_, '_>, i: usize) -> Option<(&V, usize)> {
        let text = doc.tokens.get(i)?.text;
        let list = self.phrases(text)?;
        'phrases: for (words, v) in list {
            for (k, w) in words.iter().enumerate() {
                let j = i + k;
                if k > 0 && !inline_gap(doc, j - 1) {
                    continue 'phrases;
                }
                // (`text` was found under the key: `lower(text)` is it.)
                if k == 0 && w.is_key {
                    debug_assert!(w.matches(text));
                    continue;
                }
                match doc.tokens.get(j) {
                    Some(t) if w.matches(t.text) => {}
                    _ => continue 'phrases,
                }
            }
            return Some((v, i + words.len()));
        }
        None
    }

    /// The longest phrase ending right before token `i` (which must follow
    /// it with an inline gap): its value and the index of its first token.
    pub(crate) fn longest_before(&self, doc: &NumDoc<'_, '_>, i: usize) -> Option<(&V, usize)> {
        if !self.may_end(doc.tokens.get(i.checked_sub(1)?)?.text) {
            return None;
        }
        self.longest_before_slow(doc, i)
    }

    /// [`PhraseTable::longest_before`] without the [`PhraseTable::may_end`]
    /// reject (the tests compare both).
    fn longest_before_slow(&self, doc: &NumDoc<'_, '_>, i: usize) -> Option<(&V, usize)> {
        // Phrases are short; try start positions from the farthest.
        let lo = i.saturating_sub(self.max_len);
        for start in lo..i {
            if let Some((v, end)) = self.longest_at(doc, start) {
                if end == i && inline_gap(doc, i - 1) {
                    return Some((v, start));
                }
            }
        }
        None
    }

    /// False only when `text` certainly matches no phrase's last word: a
    /// text that does not start with a capital is its own `lower` form, so
    /// it must equal a last word's lower-case or exact form, whose first
    /// byte and length `end_len` holds. A capitalized text may match any.
    #[inline]
    fn may_end(&self, text: &str) -> bool {
        let Some(&b) = text.as_bytes().first() else {
            return true;
        };
        let bit = if text.len() < 64 { 1u64 << text.len() } else { 1 };
        self.end_len[usize::from(b)] & bit != 0 || first_is_upper(text)
    }

    /// The value of `word` as a one-token phrase, if the table holds it.
    pub(crate) fn longest_at_text(&self, word: &str) -> Option<(&V, usize)> {
        self.phrases(word)?
            .iter()
            .find(|(w, _)| w.len() == 1 && w[0].matches(word))
            .map(|(_, v)| (v, 1))
    }

    /// Whether the table holds `word` (lower case) as a one-token phrase.
    /// Every text without a capital for which [`PhraseTable::contains_word`]
    /// holds: the keys that a one-word phrase of theirs matches.
    fn single_words(&self) -> impl Iterator<Item = &str> {
        self.by_first.iter().filter_map(|(k, l)| {
            l.iter()
                .any(|(w, _)| w.len() == 1 && w[0].matches(k))
                .then_some(k.as_str())
        })
    }

    /// The value of `key` (lower case) when the only phrase under it is
    /// `key` itself, matched as the key ([`PhraseTable::longest_at`] at
    /// a token `key` then finds exactly it, one token long).
    fn only_word(&self, key: &str) -> Option<&V> {
        match self.by_first.get(key)?.as_slice() {
            [(words, v)] if words.len() == 1 && words[0].is_key && words[0].lower == key => Some(v),
            _ => None,
        }
    }

    pub(crate) fn contains_word(&self, word: &str) -> bool {
        self.phrases(word)
            .is_some_and(|l| l.iter().any(|(w, _)| w.len() == 1 && w[0].matches(word)))
    }
}

/// What a counted word is, from `data/numeric/units.txt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// A unit of measure: the unit alone.
    Measure,
    /// A unit of time (a duration): alone, and never after a label word
    /// (`công văn 415 ngày …` is a document number and a date).
    Time,
    /// A classifier: with the noun after it.
    Classifier,
    /// A counted noun of a class (nouns of one class coordinate).
    Noun(&'static str),
    /// A phrase that is no unit although its first word may be one
    /// (`bình quân`, `tỷ lệ`).
    NotUnit,
}

pub(crate) static CURRENCIES: LazyLock<PhraseTable<&'static str>> = LazyLock::new(|| {
    PhraseTable::from_data(include_str!("../../data/numeric/currencies.txt"), |v| {
        (!v.is_empty()).then_some(v)
    })
});

pub(crate) static QUALIFIERS: LazyLock<PhraseTable<Qualifier>> = LazyLock::new(|| {
    PhraseTable::from_data(include_str!("../../data/numeric/qualifiers.txt"), |v| match v {
        "more_than" => Some(Qualifier::MoreThan),
        "less_than" => Some(Qualifier::LessThan),
        "about" => Some(Qualifier::About),
        "at_most" => Some(Qualifier::AtMost),
        "at_least" => Some(Qualifier::AtLeast),
        _ => None,
    })
});

pub(crate) static UNITS: LazyLock<PhraseTable<UnitKind>> = LazyLock::new(|| {
    PhraseTable::from_data(include_str!("../../data/numeric/units.txt"), |v| match v {
        "measure" => Some(UnitKind::Measure),
        "time" => Some(UnitKind::Time),
        "classifier" => Some(UnitKind::Classifier),
        "none" => Some(UnitKind::NotUnit),
        _ => v.strip_prefix("noun:").map(UnitKind::Noun),
    })
});

pub(crate) static LABELS: LazyLock<PhraseTable<()>> =
    LazyLock::new(|| PhraseTable::from_data(include_str!("../../data/numeric/labels.txt"), |_| Some(())));

fn word_set(data: &'static str) -> HashSet<String, FnvBuild> {
    crate::lexicon::entries(data).map(str::to_lowercase).collect()
}

pub(crate) static STOPWORDS: LazyLock<HashSet<String, FnvBuild>> =
    LazyLock::new(|| word_set(include_str!("../../data/numeric/stopwords.txt")));

/// What [`noun_candidate`] rejects by table for a syllable without a
/// capital (which is its own [`lower`] form): the stop words and the
/// one-word currencies, in one look-up instead of two.
static NOT_NOUN: LazyLock<HashSet<String, FnvBuild>> = LazyLock::new(|| {
    let mut set = STOPWORDS.clone();
    set.extend(CURRENCIES.single_words().map(str::to_owned));
    set
});

pub(crate) static COMPARATIVES: LazyLock<HashSet<String, FnvBuild>> =
    LazyLock::new(|| word_set(include_str!("../../data/numeric/comparatives.txt")));

// ---------------------------------------------------------------- tokens

/// `s` in lower case, borrowed when it already is.
/// Only the first letter is checked: words are written in lower case,
/// capitalized or in capitals, and mixed case (`iPhone`) is a name that the
/// word tables do not hold anyway.
///
/// A short text whose letters all have a lower case that [`lower_char`]
/// knows (ASCII, Latin-1, the Vietnamese letters) is lower-cased on the
/// stack; any other text takes `str::to_lowercase`, which the result
/// always equals (a test checks every such character, and random texts).
/// Capitalized words (`Năm`, `Tháng`, `USD`) are asked for after many
/// numbers, and an allocation per look-up was most of their cost.
#[inline]
pub(crate) fn lower(s: &str) -> Lower<'_> {
    if first_is_upper(s) {
        lower_capitalized(s)
    } else {
        Lower::Borrowed(s)
    }
}

/// The rest of [`lower`], for a text that starts with a capital.
#[inline(never)]
fn lower_capitalized(s: &str) -> Lower<'_> {
    let mut buf = [0u8; LOWER_INLINE];
    let mut len = 0;
    for c in s.chars() {
        let Some(l) = lower_char(c) else {
            return Lower::Owned(s.to_lowercase());
        };
        let end = len + l.len_utf8();
        let Some(dst) = buf.get_mut(len..end) else {
            return Lower::Owned(s.to_lowercase());
        };
        l.encode_utf8(dst);
        len = end;
    }
    Lower::Inline { buf, len: len as u8 }
}

/// The most bytes [`Lower::Inline`] holds.
const LOWER_INLINE: usize = 30;

/// The lower case of `c` when it is one character that a few ranges give
/// without the Unicode tables: ASCII, Latin-1, pairs of Latin Extended-A
/// (`Ă ă`, `Đ đ`, `Ĩ ĩ`, `Ũ ũ`), `Ơ ơ`, `Ư ư`, the combining
/// marks, and Latin Extended Additional (`Ạ ạ` … `Ỹ ỹ`); `None` for any
/// other character (a test compares every character of these ranges with
/// `char::to_lowercase`).
#[inline]
fn lower_char(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0..=0x7F => u8::try_from(u).map_or(u, |b| u32::from(b.to_ascii_lowercase())),
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0x80..=0xFF => u,
        0x100..=0x12F | 0x14A..=0x177 | 0x1EA0..=0x1EFF => u | 1,
        0x1A0 | 0x1A1 => 0x1A1,
        0x1AF | 0x1B0 => 0x1B0,
        0x300..=0x36F => u,
        _ => return None,
    };
    char::from_u32(l)
}

/// A text in lower case (see [`lower`]): the text itself when it already
/// is, a short one on the stack, or a longer one allocated.
#[derive(Clone)]
pub(crate) enum Lower<'a> {
    Borrowed(&'a str),
    Inline { buf: [u8; LOWER_INLINE], len: u8 },
    Owned(String),
}

impl Lower<'_> {
    /// The text.
    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Lower::Borrowed(s) => s,
            // (Whole characters were written: the bytes are UTF-8.)
            Lower::Inline { buf, len } => buf
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            Lower::Owned(s) => s,
        }
    }

    /// The length of [`Lower::as_str`] in bytes, read without checking
    /// the bytes (an inline text's check is a call): a comparison with a
    /// word of another length can be settled first.
    #[inline]
    pub(crate) fn byte_len(&self) -> usize {
        match self {
            Lower::Borrowed(s) => s.len(),
            Lower::Inline { len, .. } => usize::from(*len),
            Lower::Owned(s) => s.len(),
        }
    }

    /// The text as an owned string.
    pub(crate) fn into_owned(self) -> String {
        match self {
            Lower::Owned(s) => s,
            other => other.as_str().to_owned(),
        }
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Lower<'_> {
    #[inline]
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Lower<'_> {
    #[inline]
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Lower<'_> {
    #[inline]
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl std::fmt::Debug for Lower<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

/// Whether the first character of `s` is upper case (what [`lower`]
/// tests). An ASCII first byte settles it without decoding a character.
#[inline]
fn first_is_upper(s: &str) -> bool {
    match s.as_bytes().first() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => s.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Whether the text between token `i` and token `i + 1` is white space on
/// one line (or nothing), and token `i + 1` exists.
#[inline]
pub(crate) fn inline_gap(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    let (Some(a), Some(b)) = (doc.tokens.get(i), doc.tokens.get(i + 1)) else {
        return false;
    };
    // Fast paths: no gap (`2005,`) or one space, the usual gaps.
    b.span.start == a.span.end
        || (b.span.start == a.span.end + 1 && doc.text.as_bytes().get(a.span.end) == Some(&b' '))
        || inline_gap_slow(doc, i)
}

#[inline(never)]
fn inline_gap_slow(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    let gap = doc.gap_after(i);
    gap.len() <= 8 && gap.chars().all(|c| c.is_whitespace() && c != '\n' && c != '\r')
}

/// Whether token `i` and token `i + 1` touch (no gap).
#[inline]
pub(crate) fn adjacent(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    match (doc.tokens.get(i), doc.tokens.get(i + 1)) {
        (Some(a), Some(b)) => a.span.end == b.span.start,
        _ => false,
    }
}

/// The token at `i`, lower-cased, when it follows token `i - 1` on the same
/// line (or `i` is any token when `i` is the anchor itself).
#[inline]
pub(crate) fn word_at<'a>(doc: &Document<'a>, i: usize) -> Option<Lower<'a>> {
    doc.tokens.get(i).map(|t| lower(t.text))
}

/// Whether `text` is `word` (given in lower case) in any letter case,
/// without allocating. Vietnamese letters keep their UTF-8 length across
/// case, so texts of another length never match.
///
/// Inline: `word` is usually a literal, so the comparison of equal lengths
/// is a few loads instead of a call to `memcmp`; texts with a capital go
/// to [`eq_ci_capitalized`].
#[inline(always)]
pub(crate) fn eq_ci(text: &str, word: &str) -> bool {
    if text.len() != word.len() {
        return false;
    }
    if text.as_bytes() == word.as_bytes() {
        return true;
    }
    // Only a text with a capital can still match; lower-case text is the
    // common case and was settled by the comparison above. An ASCII first
    // byte that is no capital settles it without decoding a character.
    match text.as_bytes().first() {
        Some(b) if b.is_ascii() && !b.is_ascii_uppercase() => false,
        _ => eq_ci_capitalized(text, word),
    }
}

/// The rest of [`eq_ci`] for a `text` of `word`'s length that differs
/// from it and does not start with an ASCII lower-case letter.
#[inline(never)]
fn eq_ci_capitalized(text: &str, word: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
        && text
            .chars()
            .zip(word.chars())
            .all(|(a, b)| a == b || a.to_lowercase().eq(std::iter::once(b)))
}

/// Whether token `i` exists and has the first byte and the length of one
/// of the words `starts` was built from: a cheap exact reject before a
/// series of word and sign tests. A word given in lower case can only be
/// matched by a text of its length (see [`eq_ci`]) that starts with its
/// first letter in either case, so `starts` lists both forms of that letter.
#[inline]
pub(crate) fn starts_one_of(doc: &NumDoc<'_, '_>, i: usize, starts: &Starts) -> bool {
    doc.tokens.get(i).is_some_and(|t| {
        let b = t.text.as_bytes();
        match b.first() {
            Some(&first) => b.len() < 32 && starts.0[usize::from(first)] & (1 << b.len()) != 0,
            None => false,
        }
    })
}

/// By first byte, bit `n` set when a listed word of `n` bytes starts with
/// it (see [`starts_one_of`]; built at compile time by [`starts`]).
pub(crate) struct Starts([u32; 256]);

impl Starts {
    /// The bits of the words that start with byte `b`.
    #[inline]
    pub(crate) const fn of(&self, b: u8) -> u32 {
        self.0[b as usize]
    }
}

/// The [`Starts`] of `words` (each shorter than 32 bytes).
pub(crate) const fn starts(words: &[&str]) -> Starts {
    let mut set = [0u32; 256];
    let mut k = 0;
    while k < words.len() {
        let b = words[k].as_bytes();
        assert!(!b.is_empty() && b.len() < 32);
        set[b[0] as usize] |= 1 << b.len();
        k += 1;
    }
    Starts(set)
}

/// [`starts`] of `words` (given in lower case) in every case: a capital
/// has the same length and first byte as its small letter (less 32 for
/// ASCII; the same lead byte for the two- and three-byte Vietnamese
/// letters), and all-capital forms start like the capitalized ones.
pub(crate) const fn starts_any_case(words: &[&str]) -> Starts {
    let Starts(mut set) = starts(words);
    let mut k = 0;
    while k < words.len() {
        let b = words[k].as_bytes();
        set[b[0].to_ascii_uppercase() as usize] |= 1 << b.len();
        k += 1;
    }
    Starts(set)
}

/// Whether token `i` is the word `w` (given in lower case), in any case.
/// (The length test, inline, settles most calls: see [`eq_ci`].)
#[inline]
pub(crate) fn is_word(doc: &NumDoc<'_, '_>, i: usize, w: &str) -> bool {
    doc.tokens
        .get(i)
        .is_some_and(|t| t.text.len() == w.len() && eq_ci(t.text, w))
}

/// Whether token `i` is a dash (`-`, `–`, `—`).
#[inline]
pub(crate) fn is_dash(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| {
        t.kind == TokenKind::Punct
            && matches!(t.text.as_bytes().first(), Some(b'-' | 0xE2))
            && matches!(t.text, "-" | "–" | "—" | "‐" | "‑")
    })
}

/// Span from the start of token `a` to the end of token `b - 1`.
pub(crate) fn span_of(doc: &Document<'_>, a: usize, b: usize) -> Span {
    let start = doc.tokens.get(a).map_or(0, |t| t.span.start);
    let end = doc.tokens.get(b.saturating_sub(1)).map_or(start, |t| t.span.end);
    Span::new(start, end.max(start))
}

/// The text from token `a` to token `b - 1`.
pub(crate) fn text_of<'a>(doc: &Document<'a>, a: usize, b: usize) -> &'a str {
    let s = span_of(doc, a, b);
    doc.text.get(s.range()).unwrap_or_default()
}

/// Whether the token is digits only (`2024`, `05`).
#[inline]
pub(crate) fn is_plain_digits(t: &Token<'_>) -> bool {
    !t.text.is_empty() && t.text.bytes().all(|b| b.is_ascii_digit())
}

/// Whether the number token at `i` is part of a code, a document number,
/// a clock time or a phone number (`1722/QĐ-TTg`, `72-NQ/TW`, `22:28`,
/// `0912 345 678`), so it is no amount.
///
/// The remembered answer is looked up inline; the first reading is out of
/// line, so that the many look-ups stay cheap.
#[inline]
pub(crate) fn is_code_part(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    if let Some(known) = doc.bufs.memo.borrow().tokens.get(i).map(|m| m.code) {
        if known != 0 {
            return known == 2;
        }
    }
    code_part_first(doc, i)
}

/// [`is_code_part`] where the answer is seldom asked again (the date
/// reader's years: it runs after the other readers): a number that
/// [`surely_no_code_part`] settles (most years) is answered inline, and
/// not remembered (the memo only saves work; a later question reads it
/// again the same way).
#[inline(always)]
pub(crate) fn is_code_part_once(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    if let Some(known) = doc.bufs.memo.borrow().tokens.get(i).map(|m| m.code) {
        if known != 0 {
            return known == 2;
        }
    }
    if doc.fast && doc.tokens.get(i).is_some_and(|t| surely_no_code_part(doc, i, t)) {
        debug_assert!(!code_part_uncached(doc, i));
        return false;
    }
    code_part_first(doc, i)
}

#[inline(never)]
fn code_part_first(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    if i >= doc.tokens.len() {
        return false;
    }
    let found = code_part_uncached(doc, i);
    if let Some(m) = doc.bufs.memo.borrow_mut().slot(i, doc.tokens.len()) {
        m.code = if found { 2 } else { 1 };
    }
    found
}

fn code_part_uncached(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    let toks = &doc.tokens;
    let Some(t) = toks.get(i) else { return false };
    if doc.fast && surely_no_code_part(doc, i, t) {
        return false;
    }
    if continues_group(doc, i) {
        return true;
    }
    // Joined on the right to `/`, `-`, `:`, `.` followed by a letter or digit token.
    if adjacent(doc, i) {
        if let Some(sep) = toks.get(i + 1) {
            let glued_next = adjacent(doc, i + 1) && toks.get(i + 2).is_some();
            if glued_next && matches!(sep.text, "/" | "-" | "–" | ":" | "." | "_" | "\\") {
                let next = &toks[i + 2];
                let plain_word = next.kind == TokenKind::Syllable && !next.is_capitalized();
                if next.is_wordlike()
                    && !(matches!(sep.text, "-" | "/") && plain_word)
                    && !(sep.text == "-" && next.kind == TokenKind::Syllable)
                {
                    return true;
                }
                if sep.text == ":" && next.kind == TokenKind::Number {
                    return true;
                }
            }
        }
    }
    // Joined on the left to a letter token by `/`, `-`, `:`, or right after a word (`Covid-19`).
    if i >= 2 && adjacent(doc, i - 1) && adjacent(doc, i - 2) {
        let sep = &toks[i - 1];
        let prev = &toks[i - 2];
        // A capital letter glued to digits before the dash (`29A-123.45`, a
        // plate) is a code; a lower-case word before a dash is not (`tháng-12`).
        let capitals = prev.text.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
        let joins = matches!(sep.text, "/" | "-" | ":" | "_")
            && (prev.kind != TokenKind::Syllable || sep.text != "-" || capitals);
        if joins && (prev.is_wordlike() || (sep.text == ":" && prev.kind == TokenKind::Number)) {
            return true;
        }
    }
    if i >= 1 && adjacent(doc, i - 1) && toks[i - 1].is_wordlike() {
        // Glued to letters before it (`A4`): a name or code.
        return true;
    }
    // A phone number: a long digit run starting with 0, or a run of bare digit groups.
    if t.text.len() >= 4 && t.text.starts_with('0') && is_plain_digits(t) {
        return true;
    }
    is_plain_digits(t) && (phone_run(doc, i) || after_phone_cue(doc, i))
}

/// A cheap exact reject for [`code_part_uncached`] at the token `t` = `i`,
/// the usual case (a year or a count between words): true only when every
/// way that function can say yes is ruled out. Its tests each need one of:
/// a number token right before or after (`continues_group`, `phone_run`),
/// a token glued on the left (`A4`, `QĐ-15`, `22:28`), a separator glued
/// on the right (`/`, `-`, `–`, `:`, `.`, `_`, `\`, all starting with one
/// of the bytes tested here), four digits or more starting with `0`, or a
/// phone cue before it (`after_phone_cue_with`: `:`, `(`, `số`, or a word
/// that passes [`PHONE_CUE_STARTS`]).
#[inline]
fn surely_no_code_part(doc: &NumDoc<'_, '_>, i: usize, t: &Token<'_>) -> bool {
    let toks = &doc.tokens;
    let next = toks.get(i + 1);
    if next.is_some_and(|n| {
        n.kind == TokenKind::Number
            || (n.span.start == t.span.end
                && matches!(
                    n.text.as_bytes().first(),
                    Some(b'/' | b'-' | b':' | b'.' | b'_' | b'\\' | 0xE2)
                ))
    }) {
        return false;
    }
    let b = t.text.as_bytes();
    if b.len() >= 4 && b.first() == Some(&b'0') {
        return false;
    }
    let Some(prev) = i.checked_sub(1).and_then(|p| toks.get(p)) else {
        return true;
    };
    // (A `(` glued on the left, `(1935`, is no separator of the left-glue
    // tests and no word: only the phone cue below can see it.)
    if prev.kind == TokenKind::Number || (prev.span.end == t.span.start && prev.text != "(") {
        return false;
    }
    // The phone cue as `after_phone_cue_with` finds it: up to three of
    // `:`, `(`, `số` skipped, then a cue word (`sinh 1935`, the most
    // frequent word before a year, has the first byte and length of
    // `sđt`, but not a cue's last letter).
    let mut k = i;
    for _ in 0..3 {
        match k.checked_sub(1).and_then(|p| toks.get(p)) {
            Some(p) if matches!(p.text, ":" | "(" | "số" | "Số") => k -= 1,
            Some(_) => break,
            None => return true,
        }
    }
    k == 0 || !may_be_phone_cue(doc, k - 1)
}

/// False only when the token `i` is no phone cue word of
/// [`after_phone_cue_with`] (`hotline`, `sđt`, `đt`, `fax`, `tel`, in any
/// case that `lower` maps to them, `SĐT`, `ĐT`, or the second word of
/// `điện thoại`, `dây nóng` in any case): it must pass
/// [`PHONE_CUE_STARTS`] and end with the last letter of one of them in
/// either case (each is ASCII, and only that letter in either case has
/// it as its lower case: the last byte of the text is that letter).
#[inline]
fn may_be_phone_cue(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    starts_one_of(doc, i, &PHONE_CUE_STARTS)
        && doc.tokens.get(i).is_some_and(|t| {
            matches!(
                t.text.as_bytes().last().map(|b| b | 0x20),
                Some(b'e' | b't' | b'x' | b'l' | b'i' | b'g')
            )
        })
}

/// The first bytes and lengths of the phone cue words that
/// [`after_phone_cue_with`] looks for, in both cases.
const PHONE_CUE_STARTS: Starts = starts(&[
    "hotline", "Hotline", "sđt", "Sđt", "đt", "Đt", "fax", "Fax", "tel", "Tel", "thoại", "Thoại", "nóng",
    "Nóng",
]);

/// Whether the bare digit group at `i` belongs to a run of digit groups
/// split by single spaces that is no grouped number: a run with a group of
/// four digits or more (`1900 9095`, `3825 1234`) or one that starts with
/// `0` (`0912 345 678`). A thousands group (`1 500 000`) has three digits.
fn phone_run(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    let bare = |k: usize| {
        doc.tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Number && is_plain_digits(t))
    };
    let mut first = i;
    while first > 0 && i - first < 6 && bare(first - 1) && single_space(doc, first - 1) {
        first -= 1;
    }
    let mut end = i + 1;
    while end - i < 6 && bare(end) && single_space(doc, end - 1) {
        end += 1;
    }
    if end - first < 2 {
        return false;
    }
    let toks = &doc.tokens[first..end];
    toks[0].text.starts_with('0') || toks.iter().any(|t| t.text.len() >= 4)
}

/// Whether a phone cue (`số điện thoại`, `đường dây nóng`, `hotline`,
/// `SĐT`, `ĐT:`) comes right before the number at `i` (a `:`, `số` or an
/// opening bracket may stand between).
fn after_phone_cue(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    after_phone_cue_with(doc, i, true)
}

/// [`after_phone_cue`]; with `filter`, a cue word is first required to
/// start with the first letter of a cue (`hotline`, `sđt`, `đt`, `fax`,
/// `tel`, `thoại`, `nóng`) in either case and to have its length, before
/// it is lower-cased.
fn after_phone_cue_with(doc: &NumDoc<'_, '_>, i: usize, filter: bool) -> bool {
    let mut k = i;
    for _ in 0..3 {
        if k == 0 {
            return false;
        }
        let p = &doc.tokens[k - 1];
        if matches!(p.text, ":" | "(" | "số" | "Số") {
            k -= 1;
            continue;
        }
        break;
    }
    if k == 0 {
        return false;
    }
    if filter && !starts_one_of(doc, k - 1, &PHONE_CUE_STARTS) {
        return false;
    }
    let w = lower(doc.tokens[k - 1].text);
    let two = |a: &str, b: &str| k >= 2 && is_word(doc, k - 2, a) && is_word(doc, k - 1, b);
    matches!(w.as_ref(), "hotline" | "sđt" | "đt" | "fax" | "tel")
        || doc.tokens[k - 1].text == "SĐT"
        || doc.tokens[k - 1].text == "ĐT"
        || two("điện", "thoại")
        || two("dây", "nóng")
}

/// Whether the number at `i` comes in a date context: after `hôm` or a
/// day word, or as a later member of a coordination whose first member is
/// a date (`ngày 6 và 7/11`, `5/11, 7/11`), so a `d/m` there is a day.
pub(crate) fn date_context_before(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    if i == 0 || !inline_gap(doc, i - 1) {
        return false;
    }
    let day_word = |k: usize| {
        matches!(
            lower(doc.tokens[k].text).as_ref(),
            "ngày" | "hôm" | "mồng" | "mùng" | "sáng" | "trưa" | "chiều" | "tối" | "đêm"
        )
    };
    if day_word(i - 1) {
        return true;
    }
    let mut k = i - 1;
    for _ in 0..6 {
        let joined = doc.tokens[k].text == "," || is_word(doc, k, "và") || is_word(doc, k, "hoặc");
        if !joined || k == 0 {
            return false;
        }
        let m = k - 1;
        let t = &doc.tokens[m];
        if !(inline_gap(doc, m) || adjacent(doc, m)) {
            return false;
        }
        match t.kind {
            TokenKind::DateLike | TokenKind::Ratio => return day_month_shape(t.text),
            TokenKind::Number if is_plain_digits(t) && t.text.len() <= 2 => {
                if m > 0 && inline_gap(doc, m - 1) && day_word(m - 1) {
                    return true;
                }
                if m == 0 {
                    return false;
                }
                k = m - 1;
            }
            _ => return false,
        }
    }
    false
}

/// `7/11`: a day (1–31) and month (1–12) joined by `/`, `-` or `.`.
fn day_month_shape(text: &str) -> bool {
    let mut parts = text.split(['/', '-', '.']);
    let (Some(d), Some(m)) = (parts.next(), parts.next()) else {
        return false;
    };
    let ok = |s: &str, max: u32| s.len() <= 2 && s.parse::<u32>().is_ok_and(|v| (1..=max).contains(&v));
    ok(d, 31) && ok(m, 12)
}

// ---------------------------------------------------------------- numbers

/// A number read from tokens.
#[derive(Debug, Clone)]
pub(crate) struct NumberRead {
    /// The value (with any scale word applied).
    pub value: Decimal,
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The largest scale word used (`tỷ` → 9), if any.
    pub scale: Option<u32>,
    /// Written in digits (not spelled out).
    pub digits: bool,
}

/// Whether a scale word at token `i` really is one (`tỷ lệ` is a rate).
fn scale_at(doc: &NumDoc<'_, '_>, i: usize) -> Option<u32> {
    let t = doc.tokens.get(i)?;
    let exp = number::scale_exp(t.text)?;
    if exp == 9 && inline_gap(doc, i) {
        if let Some(next) = word_at(doc, i + 1) {
            if matches!(next.as_ref(), "lệ" | "trọng" | "giá" | "suất" | "số") {
                return None;
            }
        }
    }
    Some(exp)
}

/// Reads the number that starts at token `i`: digits with optional scale
/// words (`2,5 tỷ`, `1 tỷ 200 triệu`, `10k`), or, when `spelled` is set, a
/// spelled-out number (`hai triệu`, `nửa tỷ`).
#[inline]
pub(crate) fn read_number(doc: &NumDoc<'_, '_>, i: usize, spelled: bool) -> Option<NumberRead> {
    let t = doc.tokens.get(i)?;
    let digits = t.kind == TokenKind::Number;
    let spelled_word = spelled && t.kind == TokenKind::Syllable;
    if !digits && !spelled_word {
        return None;
    }
    // Both readers depend on the token only, so one reading serves every
    // recognizer that asks.
    {
        let memo = doc.bufs.memo.borrow();
        if let Some(k) = memo.tokens.get(i).map(|m| m.number as usize).filter(|&k| k > 0) {
            if let Some(known) = memo.numbers.get(k - 1) {
                return known.clone();
            }
        }
    }
    read_number_first(doc, i, digits)
}

/// Whether the reading of the digits at token `i` (if any) ends right
/// after them: the next token can neither continue a space-grouped number
/// (a number) nor scale it (a scale word, `k`/`tr` suffix, `rưỡi`), the
/// only ways [`read_number`] reads past the digit token. Lets a
/// recognizer test what follows a number before reading it.
#[inline(always)]
pub(crate) fn ends_at_next(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    match doc.tokens.get(i + 1) {
        None => true,
        // Most next tokens have neither the first byte nor the length of a
        // scale word, suffix or `rưỡi` (an exact reject; tests compare).
        Some(n) if n.kind != TokenKind::Number && !starts_one_of(doc, i + 1, &SCALE_STARTS) => true,
        Some(n) => ends_at_next_slow(n),
    }
}

/// The rest of [`ends_at_next`], out of line: a token with the first byte
/// and length of a scale word, suffix or `rưỡi` (the inline part is what
/// most numbers take).
#[inline(never)]
fn ends_at_next_slow(n: &Token<'_>) -> bool {
    n.kind != TokenKind::Number
        && number::scale_exp(n.text).is_none()
        && number::suffix_exp(n.text).is_none()
        && n.text != "rưỡi"
}

/// Whether the reading of a spelled-out number at token `i` (if any) ends
/// right after its first word: the next token is not on the same line or
/// is no word that [`read_number`] takes after a number word (a number
/// continuation or `nửa`).
pub(crate) fn spelled_ends_at_next(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    !inline_gap(doc, i)
        || doc.tokens.get(i + 1).map_or(true, |t| {
            // Most next words have neither the first byte nor the length
            // of a continuation in any case (an exact reject: see
            // `CONTINUATION_STARTS`), and are not lower-cased.
            if doc.fast && !starts_one_of(doc, i + 1, &CONTINUATION_STARTS) {
                return true;
            }
            let w = lower(t.text);
            !number::is_number_continuation(&w) && w != "nửa"
        })
}

/// The first bytes and lengths of every text whose [`lower`] form
/// [`number::is_number_continuation`] accepts or is `nửa`: each word in
/// lower case and capitalized (a capital has the first byte of the
/// capitalized form and, for these letters, the length of its lower case;
/// capitals inside keep the length too), and `không` starting with the
/// Kelvin sign, whose lower case is `k` (three bytes for one). A test
/// checks every word in these forms against the plain test.
static CONTINUATION_STARTS: Starts = starts(&[
    "không",
    "một",
    "hai",
    "ba",
    "bốn",
    "năm",
    "sáu",
    "bảy",
    "bẩy",
    "tám",
    "chín",
    "mốt",
    "tư",
    "lăm",
    "nhăm",
    "mười",
    "mươi",
    "trăm",
    "linh",
    "lẻ",
    "chục",
    "rưỡi",
    "nghìn",
    "ngàn",
    "triệu",
    "tỷ",
    "tỉ",
    "vạn",
    "nửa",
    "Không",
    "Một",
    "Hai",
    "Ba",
    "Bốn",
    "Năm",
    "Sáu",
    "Bảy",
    "Bẩy",
    "Tám",
    "Chín",
    "Mốt",
    "Tư",
    "Lăm",
    "Nhăm",
    "Mười",
    "Mươi",
    "Trăm",
    "Linh",
    "Lẻ",
    "Chục",
    "Rưỡi",
    "Nghìn",
    "Ngàn",
    "Triệu",
    "Tỷ",
    "Tỉ",
    "Vạn",
    "Nửa",
    "\u{212A}hông",
]);

/// The first bytes and lengths of the words `number::scale_exp` and
/// `number::suffix_exp` accept, and of `rưỡi` (a test checks the lists).
pub(crate) static SCALE_STARTS: Starts = starts(&[
    "nghìn", "ngàn", "Nghìn", "Ngàn", "NGHÌN", "NGÀN", "triệu", "Triệu", "TRIỆU", "tỷ", "tỉ", "Tỷ", "Tỉ",
    "TỶ", "TỈ", "vạn", "Vạn", "trăm", "Trăm", "TRĂM", "chục", "Chục", "k", "K", "tr", "Tr", "TR", "M", "m",
    "G", "g", "rưỡi",
]);

/// The first reading of the number at `i` (see [`read_number`]), remembered.
#[inline(never)]
fn read_number_first(doc: &NumDoc<'_, '_>, i: usize, digits: bool) -> Option<NumberRead> {
    let read = if digits {
        read_digit_number(doc, i)
    } else {
        read_spelled_number(doc, i)
    };
    let mut memo = doc.bufs.memo.borrow_mut();
    memo.numbers.push(read.clone());
    // (More than u32::MAX readings cannot happen; 0 would just mean "ask again".)
    let k = u32::try_from(memo.numbers.len()).unwrap_or(0);
    if let Some(m) = memo.slot(i, doc.tokens.len()) {
        m.number = k;
    }
    read
}

/// Whether the gap after token `i` is one space (or no-break or thin space).
#[inline]
fn single_space(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    // Fast path between two tokens: one byte of gap is a space or nothing
    // else, and a gap of no byte or of more than three is none of these.
    if let (Some(a), Some(b)) = (doc.tokens.get(i), doc.tokens.get(i + 1)) {
        match b.span.start.checked_sub(a.span.end) {
            Some(1) => return doc.text.as_bytes().get(a.span.end) == Some(&b' '),
            Some(0 | 4..) => return false,
            _ => {}
        }
    }
    single_space_slow(doc, i)
}

#[inline(never)]
fn single_space_slow(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    matches!(doc.gap_after(i), " " | "\u{a0}" | "\u{202f}" | "\u{2009}")
}

#[inline]
fn three_digits(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Number && t.text.len() == 3 && is_plain_digits(t)
}

/// `60 000`, `1 500 000`: thousands grouped by spaces. The value and the
/// index after the last group.
fn space_grouped(doc: &NumDoc<'_, '_>, i: usize) -> Option<(Decimal, usize)> {
    let t = doc.tokens.get(i)?;
    if t.kind != TokenKind::Number || !is_plain_digits(t) || t.text.len() > 3 || t.text.starts_with('0') {
        return None;
    }
    let mut end = i + 1;
    while end < doc.tokens.len()
        && end - i < 6
        && single_space(doc, end - 1)
        && three_digits(&doc.tokens[end])
    {
        end += 1;
    }
    // A group followed by more digits is something else (a phone number).
    if end == i + 1
        || doc
            .tokens
            .get(end)
            .is_some_and(|n| n.kind == TokenKind::Number && single_space(doc, end - 1))
    {
        return None;
    }
    // Only now, with groups found, join their digits.
    let mut digits = String::with_capacity(3 * (end - i));
    for g in doc.tokens.get(i..end)? {
        digits.push_str(g.text);
    }
    Some((number::parse_digits(&digits).ok()?, end))
}

/// Whether the number at `i` is a later group of a space-grouped number.
pub(crate) fn continues_group(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    if i == 0 || !three_digits(&doc.tokens[i]) || !single_space(doc, i - 1) {
        return false;
    }
    let mut k = i - 1;
    for _ in 0..6 {
        let t = &doc.tokens[k];
        if t.kind != TokenKind::Number || !is_plain_digits(t) || t.text.len() > 3 {
            return false;
        }
        if t.text.len() < 3 || k == 0 || !single_space(doc, k - 1) || !three_digits(&doc.tokens[k - 1]) {
            return space_grouped(doc, k).is_some_and(|(_, end)| end > i);
        }
        k -= 1;
    }
    false
}

fn read_digit_number(doc: &NumDoc<'_, '_>, i: usize) -> Option<NumberRead> {
    let t = &doc.tokens[i];
    // `00`, `000`: a fragment of a number split by the writer (`25 . 000`), not an amount.
    if t.text.len() >= 2 && t.text.bytes().all(|b| b == b'0') {
        return None;
    }
    // (Space groups need a group of three digits right after the token:
    // most numbers have none, and skip the call. Exact: `space_grouped`
    // finds nothing without one.)
    let grouped = if !doc.fast || doc.tokens.get(i + 1).is_some_and(three_digits) {
        space_grouped(doc, i)
    } else {
        None
    };
    let (v, mut end) = match grouped {
        Some((v, end)) => (v, end),
        None => (number::parse_digits(t.text).ok()?, i + 1),
    };
    // Fast path: nothing after the digits that could scale them. (Most
    // next tokens have neither the first byte nor the length of a scale
    // word, a suffix or `rưỡi`: an exact reject before the word tests.)
    let next_scales = doc.tokens.get(end).is_some_and(|n| {
        (!doc.fast || starts_one_of(doc, end, &SCALE_STARTS))
            && (number::scale_exp(n.text).is_some()
                || number::suffix_exp(n.text).is_some()
                || n.text == "rưỡi")
    });
    if !next_scales {
        return Some(NumberRead {
            value: v,
            start: i,
            end,
            scale: None,
            digits: true,
        });
    }
    let mut acc = Accumulator::default();
    acc.number(v).ok()?;
    let mut scale = None;
    // A price suffix glued to the digits: `10k`, `5tr`.
    if end == i + 1 && adjacent(doc, i) {
        if let Some(s) = doc.tokens.get(i + 1) {
            let glued_after = adjacent(doc, i + 1)
                && doc
                    .tokens
                    .get(i + 2)
                    .is_some_and(|n| n.is_wordlike() || n.kind == TokenKind::Number);
            if let (Some(exp), false) = (number::suffix_exp(s.text), glued_after) {
                if matches!(s.text, "k" | "K" | "tr" | "Tr" | "TR") {
                    acc.push_scale(exp).ok()?;
                    scale = Some(exp);
                    end = i + 2;
                }
            }
        }
    }
    let mut last_scale = scale.unwrap_or(u32::MAX);
    let mut best = (acc.total(), end, scale);
    while end < doc.tokens.len() && end - i < MAX_NUMBER_TOKENS && inline_gap(doc, end - 1) {
        let next = &doc.tokens[end];
        if let Some(exp) = scale_at(doc, end) {
            if exp < 2 && scale.is_none() {
                break; // `chục` after digits is rare and ambiguous
            }
            if acc.push_scale(exp).is_err() {
                break;
            }
            end += 1;
            scale = Some(scale.map_or(exp, |s: u32| s.max(exp)));
            last_scale = exp;
            best = (acc.total(), end, scale);
        } else if next.kind == TokenKind::Number && scale.is_some() {
            // `1 tỷ 200 triệu`: digits after a scale word only when a smaller scale follows.
            let follows =
                inline_gap(doc, end) && scale_at(doc, end + 1).is_some_and(|e| e < last_scale && e >= 3);
            if !follows || !is_plain_digits(next) {
                break;
            }
            let v = number::parse_digits(next.text).ok()?;
            if acc.number(v).is_err() {
                break;
            }
            end += 1;
        } else if is_word(doc, end, "rưỡi") {
            if acc.half().is_err() {
                break;
            }
            end += 1;
            best = (acc.total(), end, scale);
            break;
        } else {
            break;
        }
    }
    let (total, end, scale) = best;
    Some(NumberRead {
        value: total.ok()?,
        start: i,
        end,
        scale,
        digits: true,
    })
}

fn read_spelled_number(doc: &NumDoc<'_, '_>, i: usize) -> Option<NumberRead> {
    let first = word_at(doc, i)?;
    if !number::is_number_word(&first) {
        return None;
    }
    // At most MAX_NUMBER_TOKENS words, kept on the stack: most spelled
    // numbers are one word (`một người`), read without allocating.
    let mut words: [Lower<'_>; MAX_NUMBER_TOKENS] = std::array::from_fn(|_| Lower::Borrowed(""));
    words[0] = first;
    let mut n = 1;
    let mut end = i + 1;
    while end < doc.tokens.len() && end - i < MAX_NUMBER_TOKENS && inline_gap(doc, end - 1) {
        let w = word_at(doc, end)?;
        if !number::is_number_continuation(&w) && w != "nửa" {
            break;
        }
        if number::scale_exp(&w) == Some(9) && scale_at(doc, end).is_none() {
            break;
        }
        let Some(slot) = words.get_mut(n) else { break };
        *slot = w;
        n += 1;
        end += 1;
    }
    let mut refs: [&str; MAX_NUMBER_TOKENS] = [""; MAX_NUMBER_TOKENS];
    for (r, w) in refs.iter_mut().zip(&words[..n]) {
        *r = w.as_ref();
    }
    let refs = &refs[..n];
    let (value, used) = number::read_spelled_prefix(refs)?;
    let scale = refs[..used].iter().filter_map(|w| number::scale_exp(w)).max();
    Some(NumberRead {
        value,
        start: i,
        end: i + used,
        scale,
        digits: false,
    })
}

/// A qualifier right before token `i`: the qualifier and its first token.
/// A comparative (`cao hơn`) is no qualifier.
pub(crate) fn qualifier_before(doc: &NumDoc<'_, '_>, i: usize) -> Option<(Qualifier, usize)> {
    if i == 0 {
        return None;
    }
    let (q, start) = QUALIFIERS.longest_before(doc, i)?;
    let comparable = start + 1 == i && is_word(doc, start, "hơn");
    if comparable && start > 0 && inline_gap(doc, start - 1) {
        if let Some(prev) = word_at(doc, start - 1) {
            if COMPARATIVES.contains(prev.as_ref()) {
                return None;
            }
        }
    }
    Some((*q, start))
}

/// A minus sign written right before the number at token `i` (`-4,02%`,
/// `(-1.621 tỷ đồng)`): the index of the sign token. A dash between two
/// numbers (`2021-2025`) is no sign.
pub(crate) fn minus_before(doc: &NumDoc<'_, '_>, i: usize) -> Option<usize> {
    if i == 0 || !adjacent(doc, i - 1) {
        return None;
    }
    let sign = &doc.tokens[i - 1];
    if !matches!(sign.text, "-" | "−") {
        return None;
    }
    if i >= 2 {
        let before = &doc.tokens[i - 2];
        if adjacent(doc, i - 2) {
            // `(-4,02%)` yes; `5-7` no.
            if !matches!(before.text, "(" | "[" | ":" | "=") && before.kind != TokenKind::OpenQuote {
                return None;
            }
        } else if matches!(before.kind, TokenKind::Number | TokenKind::Percent) {
            return None;
        }
    }
    Some(i - 1)
}

/// The currency written at token `i`: ISO code and the index after it.
pub(crate) fn currency_at(doc: &NumDoc<'_, '_>, i: usize) -> Option<(&'static str, usize)> {
    let (code, end) = CURRENCIES.longest_at(doc, i)?;
    // `đ` must stand alone (`1.500.000 đ`, `1.500.000đ`), not start a word.
    Some((*code, end))
}

/// Whether the word at `i` could be the counted noun after a number.
fn noun_candidate(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    let Some(t) = doc.tokens.get(i) else { return false };
    match t.kind {
        TokenKind::Syllable => {
            if t.is_capitalized() {
                return false;
            }
            // (Without a capital the text is its own `lower` form, and a
            // currency word one of `CURRENCIES.single_words`.)
            let w = t.text;
            // (The stop words first: most words asked about that are no
            // unit are stop words, `trong`, `của`, `và`; all three tests are pure.)
            !NOT_NOUN.contains(w) && number::scale_exp(w).is_none() && !number::is_number_word(w)
        }
        TokenKind::Abbreviation => {
            let n = t.text.chars().count();
            (2..=5).contains(&n) && !t.text.contains('.') && !CURRENCIES.contains_word(t.text)
        }
        _ => false,
    }
}

/// The counted word(s) at token `i`: the unit text's token range and
/// whether it is a measure. Follows the guideline: a measure alone; a
/// classifier with its noun; a compound noun as a whole; coordinated nouns
/// of one class together; modifiers after the noun left out.
///
/// Remembered per token: quantity asks twice for the unit after a number
/// (as a range's first unit, then as its own), date once more for ratios.
#[inline]
pub(crate) fn unit_at(doc: &NumDoc<'_, '_>, i: usize) -> Option<(usize, usize, bool)> {
    if let Some(m) = doc.bufs.memo.borrow().tokens.get(i) {
        match m.unit {
            0 => {}
            1 => return None,
            k => return Some((i, i + m.unit_len as usize, k == 3)),
        }
    }
    unit_at_first(doc, i)
}

#[inline(never)]
fn unit_at_first(doc: &NumDoc<'_, '_>, i: usize) -> Option<(usize, usize, bool)> {
    if i >= doc.tokens.len() {
        return None;
    }
    let found = unit_at_uncached(doc, i);
    if let Some(m) = doc.bufs.memo.borrow_mut().slot(i, doc.tokens.len()) {
        match found {
            // (The unit always starts at `i`; anything else is just not remembered.)
            Some((start, end, measure)) => {
                if let Some(len) = (start == i)
                    .then(|| end.checked_sub(i))
                    .flatten()
                    .and_then(|l| u16::try_from(l).ok())
                {
                    m.unit = if measure { 3 } else { 2 };
                    m.unit_len = len;
                }
            }
            None => m.unit = 1,
        }
    }
    found
}

fn unit_at_uncached(doc: &NumDoc<'_, '_>, i: usize) -> Option<(usize, usize, bool)> {
    let t = doc.tokens.get(i)?;
    // A dash (the second most frequent token asked about, after the
    // first member of a range `1990–2000`) starts no unit (a test checks
    // the table) and is no noun: skip the look-up, whose filter must
    // decode its first character to rule out a capital.
    if doc.fast && is_dash(doc, i) {
        return None;
    }
    // `tháng` (11,000 of the 28,000 first look-ups on viwiki: `5 tháng 3
    // năm 2010`) has one phrase, itself (a test checks): its value was
    // looked up once. Exact: `longest_at` finds that phrase and nothing
    // longer there.
    let found = match THANG_UNIT.as_ref() {
        Some(kind) if doc.fast && t.text.len() == 6 && t.text == "tháng" => Some((kind, i + 1)),
        _ => UNITS.longest_at(doc, i),
    };
    // Percentage points: `điểm %`, `điểm phần trăm`.
    if let Some((kind, end)) = found {
        // A lexicon word written with a capital (`Huy chương Vàng`, `Cục Hải quan`) counts too.
        match kind {
            UnitKind::Measure | UnitKind::Time => {
                // `điểm %`: the sign may touch the word.
                return Some((i, end, true));
            }
            UnitKind::Classifier => {
                let noun_end = if inline_gap(doc, end - 1) {
                    noun_end_at(doc, end)
                } else {
                    None
                };
                return Some((i, noun_end.unwrap_or(end), false));
            }
            UnitKind::Noun(class) => {
                let end = extend_with_abbreviation(doc, end);
                return Some((i, coordinate(doc, end, class), false));
            }
            UnitKind::NotUnit => return None,
        }
    }
    if t.kind == TokenKind::Word {
        // `m2` and the like are in the table; other words are names.
        return None;
    }
    // (The table holds no phrase at `i`: that was just looked up.)
    noun_end_with(doc, i, None).map(|end| (i, end, false))
}

/// Whether the unit table holds `tháng` alone as a unit of measure or
/// time: then `unit_at` at a `tháng` in any case (the words `is_word`
/// accepts for it lower-case to it, the table's key) is that token alone.
pub(crate) fn thang_is_one_token_unit() -> bool {
    matches!(THANG_UNIT.as_ref(), Some(UnitKind::Time | UnitKind::Measure))
}

/// What the unit table holds for `tháng` when its only phrase is the word
/// itself (see [`unit_at_uncached`]); `None` otherwise (the table is
/// then looked up as for any word).
static THANG_UNIT: LazyLock<Option<UnitKind>> = LazyLock::new(|| UNITS.only_word("tháng").cloned());

/// The end of the noun at token `i` (a compound from the table, or one
/// lower-case syllable or an abbreviation), if there is one.
fn noun_end_at(doc: &NumDoc<'_, '_>, i: usize) -> Option<usize> {
    noun_end_with(doc, i, UNITS.longest_at(doc, i))
}

/// [`noun_end_at`], given what the unit table holds at `i`.
fn noun_end_with(doc: &NumDoc<'_, '_>, i: usize, unit: Option<(&UnitKind, usize)>) -> Option<usize> {
    if let Some((kind, end)) = unit {
        return match kind {
            UnitKind::Noun(class) => Some(coordinate(doc, extend_with_abbreviation(doc, end), class)),
            UnitKind::NotUnit => None,
            // A measure or classifier after a classifier: `con` `bò` handled as noun below.
            _ if noun_candidate(doc, i) => Some(extend_with_abbreviation(doc, i + 1)),
            _ => None,
        };
    }
    if !noun_candidate(doc, i) {
        return None;
    }
    // A syllable the tables do not know: most Vietnamese nouns have two
    // syllables, so an unknown one takes the next plain syllable with it
    // (`tín hữu`, `binh sĩ`, `tiểu bang`).
    let t = &doc.tokens[i];
    if t.kind == TokenKind::Syllable
        && inline_gap(doc, i)
        && noun_candidate(doc, i + 1)
        && doc
            .tokens
            .get(i + 1)
            .is_some_and(|n| n.kind == TokenKind::Syllable)
    {
        return Some(extend_with_abbreviation(doc, i + 2));
    }
    Some(extend_with_abbreviation(doc, i + 1))
}

/// `thẻ BHYT`: an upper-case abbreviation right after a noun belongs to it.
fn extend_with_abbreviation(doc: &NumDoc<'_, '_>, end: usize) -> usize {
    let last_is_syllable = doc
        .tokens
        .get(end - 1)
        .is_some_and(|t| t.kind == TokenKind::Syllable);
    if last_is_syllable && inline_gap(doc, end - 1) {
        if let Some(t) = doc.tokens.get(end) {
            let n = t.text.chars().count();
            if t.kind == TokenKind::Abbreviation && (2..=5).contains(&n) && !t.text.contains('.') {
                return end + 1;
            }
        }
    }
    end
}

/// `5 tỉnh, thành phố`: nouns of one class joined by commas stay together.
fn coordinate(doc: &NumDoc<'_, '_>, mut end: usize, class: &str) -> usize {
    for _ in 0..4 {
        let comma = end;
        if !doc.tokens.get(comma).is_some_and(|t| t.text == ",") || !adjacent(doc, comma - 1) {
            break;
        }
        if !inline_gap(doc, comma) {
            break;
        }
        match UNITS.longest_at(doc, comma + 1) {
            Some((UnitKind::Noun(c), next_end)) if *c == class => end = next_end,
            _ => break,
        }
    }
    end
}

/// Whether the unit at token `i` is a unit of time.
pub(crate) fn is_time_unit(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    matches!(UNITS.longest_at(doc, i), Some((UnitKind::Time, _)))
}

/// Whether the measure at token `i` (`g`, `h` for giờ) is followed by
/// minutes or a part of the day, which makes it a clock time (`22 g 40`,
/// `5 g sáng`).
pub(crate) fn clock_time_after(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    let Some(t) = doc.tokens.get(i) else { return false };
    if !matches!(t.text, "g" | "h" | "G" | "H") {
        return false;
    }
    let next = i + 1;
    (inline_gap(doc, i) || adjacent(doc, i))
        && doc.tokens.get(next).is_some_and(|n| {
            (n.kind == TokenKind::Number && n.text.len() <= 2)
                || ["sáng", "trưa", "chiều", "tối", "đêm", "khuya", "ngày", "hôm"]
                    .iter()
                    .any(|w| eq_ci(n.text, w))
        })
}

/// Whether token `k` starts a sentence, a line, a bracket or a quotation.
pub(crate) fn sentence_initial(doc: &NumDoc<'_, '_>, k: usize) -> bool {
    if k == 0 || doc.gap_after(k - 1).contains('\n') {
        return true;
    }
    let prev = &doc.tokens[k - 1];
    prev.kind == TokenKind::OpenQuote
        || matches!(
            prev.text,
            "." | "!" | "?" | ":" | ";" | "(" | "[" | "-" | "–" | "—" | "…" | "..."
        )
}

/// Whether token `i` (before a number) makes the number a label, an
/// ordinal or a code rather than a count.
pub(crate) fn label_before(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    if i == 0 || !inline_gap(doc, i - 1) {
        return false;
    }
    let prev = &doc.tokens[i - 1];
    if matches!(prev.kind, TokenKind::Word | TokenKind::Abbreviation) {
        return !QUALIFIERS.contains_word(prev.text);
    }
    // A capitalized word inside a sentence names something (`Boeing 727`,
    // `Quốc lộ 1`); at the start of a sentence it is just capitalized.
    let title_case = prev.is_capitalized() && prev.text.chars().skip(1).any(char::is_lowercase);
    if prev.kind == TokenKind::Syllable
        && title_case
        && !sentence_initial(doc, i - 1)
        && qualifier_before(doc, i).is_none()
    {
        return true;
    }
    match LABELS.longest_before(doc, i) {
        // `trong số 15 môn`, `tổng số 500 hộ`: `số` here is "number of".
        Some((_, start)) if start + 1 == i && is_word(doc, start, "số") => {
            !(start > 0
                && inline_gap(doc, start - 1)
                && (is_word(doc, start - 1, "trong") || is_word(doc, start - 1, "tổng")))
        }
        Some(_) => true,
        None => false,
    }
}

/// Test support: `s` with its first letter in upper case (`tháng` →
/// `Tháng`).
#[cfg(test)]
pub(crate) fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .chain(chars)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::{Entity, Recognizer};
    use proptest::prelude::*;

    /// `noun_candidate` as it was written before `NOT_NOUN` joined its two
    /// table look-ups.
    fn noun_candidate_reference(doc: &NumDoc<'_, '_>, i: usize) -> bool {
        let Some(t) = doc.tokens.get(i) else { return false };
        match t.kind {
            TokenKind::Syllable => {
                if t.is_capitalized() {
                    return false;
                }
                let w = lower(t.text);
                !STOPWORDS.contains(w.as_ref())
                    && number::scale_exp(&w).is_none()
                    && !number::is_number_word(&w)
                    && !CURRENCIES.contains_word(t.text)
            }
            _ => noun_candidate(doc, i),
        }
    }

    #[test]
    fn noun_candidate_matches_reference_on_table_words() {
        let mut words: Vec<String> = STOPWORDS.iter().cloned().collect();
        words.extend(CURRENCIES.by_first.keys().cloned());
        words.extend(UNITS.by_first.keys().cloned());
        let mut rejected = 0;
        for w in &words {
            for form in [w.clone(), w.to_uppercase(), format!("{w}x")] {
                let text = format!("có 5 {form} và");
                let doc = Document::new(&text);
                let nd = NumDoc::new(&doc);
                for i in 0..=doc.tokens.len() {
                    let fast = noun_candidate(&nd, i);
                    assert_eq!(fast, noun_candidate_reference(&nd, i), "{text:?} at {i}");
                    rejected += usize::from(!fast);
                }
            }
        }
        assert!(rejected > words.len());
    }

    /// `longest_before` (with the `may_end` reject) against the plain scan,
    /// on every phrase of the tables that use it, as written, lower case,
    /// upper case, capitalized and extended, before numbers.
    #[test]
    fn longest_before_matches_slow_scan_on_table_phrases() {
        fn check<V: PartialEq + std::fmt::Debug>(
            table: &PhraseTable<V>,
            found: &mut usize,
            rejected: &mut usize,
        ) {
            let mut phrases = Vec::new();
            for (words, _) in table.by_first.values().flatten() {
                let exact: Vec<&str> = words
                    .iter()
                    .map(|w| w.exact.as_deref().unwrap_or(&w.lower))
                    .collect();
                phrases.push(exact.join(" "));
            }
            for p in phrases {
                let mut cap = p.chars();
                let cap: String = cap
                    .next()
                    .map(|c| c.to_uppercase().chain(cap).collect())
                    .unwrap_or_default();
                for form in [
                    p.clone(),
                    p.to_lowercase(),
                    p.to_uppercase(),
                    cap,
                    format!("{p}x"),
                    format!("x{p}"),
                ] {
                    let text = format!("Có {form} 5 và {form}5, ({form} 12%) {form}");
                    let doc = Document::new(&text);
                    let nd = NumDoc::new(&doc);
                    for i in 0..=doc.tokens.len() + 1 {
                        let fast = table.longest_before(&nd, i);
                        assert_eq!(fast, table.longest_before_slow(&nd, i), "{text:?} at {i}");
                        *found += usize::from(fast.is_some());
                        let ends = i > 0 && i <= doc.tokens.len() && !table.may_end(doc.tokens[i - 1].text);
                        *rejected += usize::from(ends);
                    }
                }
            }
        }
        let (mut found, mut rejected) = (0, 0);
        check(&QUALIFIERS, &mut found, &mut rejected);
        check(&LABELS, &mut found, &mut rejected);
        check(&CURRENCIES, &mut found, &mut rejected);
        assert!(
            found > 500 && rejected > 500,
            "{found} found, {rejected} rejected"
        );
    }

    /// The shared path (one memo, anchors) against the old one (each
    /// recognizer alone, every token visited, nothing remembered), and the
    /// memoized readers against direct calls.
    fn check_paths(text: &str) {
        let doc = Document::new(text);
        let shared = {
            let mut out = Vec::new();
            NumericRecognizer::new(&crate::EntityType::ALL).recognize(&doc, &mut out);
            out
        };
        let separate = {
            let mut out: Vec<Entity> = Vec::new();
            // (Without the early rejects: `fast` is off.)
            super::super::money::MoneyRecognizer::new()
                .run(&NumDoc::with_every_token_as_anchor(&doc), &mut out);
            // Without the early reject of bare numbers.
            super::super::percent::PercentRecognizer::new().run_with(
                &NumDoc::with_every_token_as_anchor(&doc),
                &mut out,
                false,
            );
            super::super::quantity::QuantityRecognizer::new()
                .run(&NumDoc::with_every_token_as_anchor(&doc), &mut out);
            super::super::date::DateRecognizer::new()
                .run(&NumDoc::with_every_token_as_anchor(&doc), &mut out);
            out
        };
        assert_eq!(shared, separate, "shared and separate paths differ on {text:?}");
        let memo = NumDoc::new(&doc);
        for i in 0..doc.tokens.len() + 1 {
            assert_eq!(
                noun_candidate(&memo, i),
                noun_candidate_reference(&memo, i),
                "noun at {i} in {text:?}"
            );
            let direct = NumDoc::new(&doc);
            let code = i < doc.tokens.len() && code_part_uncached(&direct, i);
            // The early reject against the whole test.
            assert_eq!(
                code,
                i < doc.tokens.len() && code_part_uncached(&NumDoc::with_every_token_as_anchor(&doc), i),
                "code reject at {i} in {text:?}"
            );
            assert_eq!(is_code_part(&memo, i), code, "code at {i} in {text:?}");
            assert_eq!(
                is_code_part(&memo, i),
                code,
                "code (remembered) at {i} in {text:?}"
            );
            for spelled in [false, true] {
                let fresh = match doc.tokens.get(i) {
                    Some(t) if t.kind == TokenKind::Number => read_digit_number(&direct, i),
                    Some(t) if spelled && t.kind == TokenKind::Syllable => read_spelled_number(&direct, i),
                    _ => None,
                };
                let key = |r: Option<NumberRead>| r.map(|r| (r.value, r.start, r.end, r.scale, r.digits));
                assert_eq!(
                    key(read_number(&memo, i, spelled)),
                    key(fresh.clone()),
                    "number at {i}"
                );
                assert_eq!(
                    key(read_number(&memo, i, spelled)),
                    key(fresh),
                    "number (remembered) at {i}"
                );
                let unfiltered = doc.tokens.get(i + 1).map_or(true, |n| {
                    n.kind != TokenKind::Number
                        && number::scale_exp(n.text).is_none()
                        && number::suffix_exp(n.text).is_none()
                        && n.text != "rưỡi"
                });
                assert_eq!(
                    ends_at_next(&memo, i),
                    unfiltered,
                    "ends_at_next at {i} in {text:?}"
                );
                if spelled
                    && doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Syllable)
                    && spelled_ends_at_next(&memo, i)
                {
                    assert!(
                        read_number(&memo, i, true).map_or(true, |r| r.end == i + 1),
                        "spelled number at {i} read past the next token in {text:?}"
                    );
                }
                if doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Number) && ends_at_next(&memo, i) {
                    assert!(
                        read_number(&memo, i, spelled).map_or(true, |r| r.end == i + 1),
                        "number at {i} read past the next token in {text:?}"
                    );
                }
            }
        }
        for i in 0..doc.tokens.len() + 1 {
            // Gap tests: fast paths against the plain reading of the gap.
            let gap = (i + 1 < doc.tokens.len()).then(|| doc.gap_after(i));
            let inline = gap.is_some_and(|g| {
                g.len() <= 8 && g.chars().all(|c| c.is_whitespace() && c != '\n' && c != '\r')
            });
            assert_eq!(inline_gap(&memo, i), inline, "inline gap after {i} in {text:?}");
            assert_eq!(
                single_space(&memo, i),
                single_space_slow(&memo, i),
                "single space after {i} in {text:?}"
            );
            // First-byte rejects against the full tests.
            assert_eq!(
                after_phone_cue_with(&memo, i, true),
                after_phone_cue_with(&memo, i, false),
                "phone cue before {i} in {text:?}"
            );
            assert_eq!(
                super::super::money::second_member_at(&memo, i, true),
                super::super::money::second_member_at(&memo, i, false),
                "second member at {i} in {text:?}"
            );
            assert_eq!(
                super::super::percent::may_be_marked_or_range_with(&memo, i, true),
                super::super::percent::may_be_marked_or_range_with(&memo, i, false),
                "percent mark or range after {i} in {text:?}"
            );
            assert_eq!(
                super::super::date::joined_after_with(&memo, i, true),
                super::super::date::joined_after_with(&memo, i, false),
                "date coordination after {i} in {text:?}"
            );
            assert_eq!(
                super::super::date::lunar_after_with(&memo, i, true),
                super::super::date::lunar_after_with(&memo, i, false),
                "lunar at {i} in {text:?}"
            );
            // Remembered date readings against fresh ones (asked twice).
            for _ in 0..2 {
                let (day, year) = super::super::date::day_and_year_uncached(&NumDoc::new(&doc), i);
                assert_eq!(
                    super::super::date::day_and_year(&memo, i),
                    (day, year),
                    "day or year expression at {i} in {text:?}"
                );
            }
            // The inline phrase filter rejects no phrase start.
            fn no_phrase_lost<V>(table: &PhraseTable<V>, doc: &NumDoc<'_, '_>, i: usize) {
                if !table.may_start_at(doc, i) {
                    assert!(table.longest_at(doc, i).is_none(), "phrase filter at {i}");
                }
            }
            no_phrase_lost(&CURRENCIES, &memo, i);
            no_phrase_lost(&UNITS, &memo, i);
            no_phrase_lost(&QUALIFIERS, &memo, i);
            no_phrase_lost(&LABELS, &memo, i);
            // The phrase look-up reading the second word once, against the
            // plain one.
            fn same_phrase<V: PartialEq + std::fmt::Debug>(
                table: &PhraseTable<V>,
                doc: &NumDoc<'_, '_>,
                i: usize,
            ) {
                assert_eq!(
                    table.longest_at(doc, i),
                    table.longest_at_reference(doc, i),
                    "phrase at {i}"
                );
            }
            same_phrase(&CURRENCIES, &memo, i);
            same_phrase(&UNITS, &memo, i);
            same_phrase(&QUALIFIERS, &memo, i);
            same_phrase(&LABELS, &memo, i);
            let direct = NumDoc::new(&doc);
            let unit = unit_at_uncached(&direct, i);
            // (Off the fast path: no `tháng` or dash shortcut.)
            let plain = NumDoc::with_every_token_as_anchor(&doc);
            assert_eq!(
                unit_at_uncached(&plain, i),
                unit,
                "unit shortcut at {i} in {text:?}"
            );
            assert_eq!(unit_at(&memo, i), unit, "unit at {i} in {text:?}");
            assert_eq!(unit_at(&memo, i), unit, "unit (remembered) at {i} in {text:?}");
        }
        assert_anchors_found(&doc.tokens);
        // Anchors hold every token a recognizer would start at.
        let anchors = NumDoc::new(&doc);
        for (i, t) in doc.tokens.iter().enumerate() {
            if !t.text.starts_with(|c: char| c.is_ascii_digit()) {
                let class = anchor_class(t.text);
                let fast =
                    class & DATE_WORD != 0 || (t.kind == TokenKind::Syllable && class & SPELLED_WORD != 0);
                assert_eq!(fast, anchor_word(t), "anchor class of {:?}", t.text);
            }
            assert_eq!(
                starts_spelled_number(t.text),
                number::starts_spelled_number(t.text),
                "spelled start {:?}",
                t.text
            );
            if anchor_word(t) || matches!(t.kind, TokenKind::Number | TokenKind::Percent | TokenKind::Ratio) {
                assert!(anchors.anchors().contains(&i), "token {:?} is no anchor", t.text);
            }
        }
    }

    /// [`find_anchors`] finds exactly the tokens for which [`anchor_of`]
    /// says yes, with its classes (into buffers that held something).
    fn assert_anchors_found(tokens: &[Token<'_>]) {
        let (mut expected, mut expected_classes) = (Vec::new(), Vec::new());
        for (i, t) in tokens.iter().enumerate() {
            if let Some(class) = anchor_of(t) {
                expected.push(i);
                expected_classes.push(class);
            }
        }
        let (mut anchors, mut classes, mut numbers) = (vec![7], vec![7], vec![7]);
        find_anchors(tokens, &mut anchors, &mut classes, &mut numbers);
        assert_eq!(anchors, expected, "anchors of {tokens:?}");
        assert_eq!(classes, expected_classes, "anchor classes of {tokens:?}");
        // The number-like anchors: those of the unknown class, in order, and
        // among them every token of a kind that quantity or percent starts at.
        let unknown: Vec<usize> = expected
            .iter()
            .zip(&expected_classes)
            .filter(|&(_, &c)| c == UNKNOWN_CLASS)
            .map(|(&i, _)| i)
            .collect();
        assert_eq!(numbers, unknown, "number anchors of {tokens:?}");
        for (i, t) in tokens.iter().enumerate() {
            if matches!(t.kind, TokenKind::Number | TokenKind::Percent | TokenKind::Ratio) {
                assert!(
                    numbers.contains(&i),
                    "number-like token {:?} is no number anchor",
                    t.text
                );
            }
        }
    }

    /// Documents of every length around the 64-token blocks of
    /// [`find_anchors`] (a token's bit is placed by shifting the block's
    /// mask), with anchors at the first, the last and scattered places.
    /// The date word an anchor word's class carries is what `date::word_expr`
    /// finds by lower-casing and matching the word; every date word has one.
    #[test]
    fn anchor_classes_carry_the_date_word() {
        use super::super::date::{date_word, date_word_id, date_word_of_id};
        for (k, w) in ANCHOR_WORDS.iter().enumerate() {
            let class = ANCHOR_CLASSES[k];
            assert_eq!(class, anchor_class(w), "{w:?}");
            let word = date_word(&lower(w));
            assert_eq!(date_word_of_id(class >> DATE_WORD_SHIFT), word, "{w:?}");
            assert_eq!(class & UNKNOWN_CLASS, 0, "{w:?}");
            if class & DATE_WORD != 0 && !eq_ci(w, "từ") {
                assert!(word.is_some(), "date word {w:?} without its id");
            }
        }
        for id in 0..=40u8 {
            if let Some(word) = date_word_of_id(id) {
                assert_eq!(date_word_id(Some(word)), id);
            }
        }
        assert_eq!(date_word_of_id(0), None);
        assert_eq!(date_word_of_id(17), None);
    }

    /// The `tháng` shortcut of `unit_at_uncached` is taken (the table holds
    /// the word alone) and gives what the look-up gives.
    #[test]
    fn thang_unit_is_the_table_look_up() {
        assert_eq!(THANG_UNIT.as_ref(), Some(&UnitKind::Time));
        assert_eq!(
            UNITS.longest_at_text("tháng").map(|(v, _)| v),
            THANG_UNIT.as_ref()
        );
        for text in [
            "5 tháng 3 năm 2010",
            "sau 5 tháng, ông",
            "5 tháng",
            "5 Tháng 3",
            "5 tháng tư",
        ] {
            let doc = Document::new(text);
            let fast = NumDoc::new(&doc);
            let plain = NumDoc::with_every_token_as_anchor(&doc);
            for i in 0..=doc.tokens.len() {
                assert_eq!(
                    unit_at_uncached(&fast, i),
                    unit_at_uncached(&plain, i),
                    "{text:?} at {i}"
                );
            }
        }
    }

    /// The name lexicons whose annotations carry the anchor bit: the
    /// built-in one, one whose vocabulary has a digit key (its digit runs
    /// are not annotated) and one with a person of its own.
    fn annotating_lexicons() -> Vec<std::sync::Arc<crate::lexicon::NameLexicon>> {
        use super::super::names::{custom_lexicon, digit_lexicon};
        vec![
            crate::lexicon::NameLexicon::builtin(),
            digit_lexicon().into(),
            custom_lexicon().into(),
        ]
    }

    /// [`find_anchors_annotated`] over the annotations `lex` gives the
    /// tokens of `text` (through the tokenizer's memo) finds exactly what
    /// [`find_anchors`] finds; and the anchor bit of every annotation is
    /// [`anchor_of`]'s answer.
    fn assert_annotated_anchors(text: &str, lex: &crate::lexicon::NameLexicon) {
        let (mut tokens, mut anns) = (Vec::new(), Vec::new());
        let (tag, _) = super::super::names::tokenize_classified(text, &mut tokens, &mut anns, lex);
        assert_ne!(tag, 0);
        assert_eq!(anns.len(), tokens.len(), "{text:?}");
        let mut expected = (Vec::new(), Vec::new(), Vec::new());
        find_anchors(&tokens, &mut expected.0, &mut expected.1, &mut expected.2);
        let mut found = (vec![7], vec![7], vec![7]);
        find_anchors_annotated(&tokens, &anns, &mut found.0, &mut found.1, &mut found.2);
        assert_eq!(found, expected, "annotated anchors of {text:?}");
        for (t, &w) in tokens.iter().zip(&anns) {
            if w != 0 {
                assert_ne!(w & super::super::ANN_PACKED, 0, "{t:?}");
                assert_eq!(w & super::super::ANN_ANCHOR != 0, anchor_of(t).is_some(), "{t:?}");
            }
        }
        // The extractor's path (the annotations passed down) against the
        // single recognizers' (none).
        let doc = Document { text, tokens };
        let all = NumericRecognizer::new(&super::super::EntityType::ALL);
        let with = super::super::Annotations { anns, tag };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        all.recognize_with(&doc, &with, &mut Scratch::new(), &mut a, None);
        all.recognize_with(&doc, &NO_ANNOTATIONS, &mut Scratch::new(), &mut b, None);
        assert_eq!(a, b, "{text:?}");
        // The numeric-only extractor's annotations (the anchor bit alone),
        // through the same memo.
        let (mut tokens, mut anns) = (Vec::new(), Vec::new());
        tokenize_anchored(text, &mut tokens, &mut anns);
        assert_eq!(tokens, doc.tokens, "{text:?}");
        assert_eq!(anns.len(), tokens.len(), "{text:?}");
        let mut found = (vec![7], vec![7], vec![7]);
        find_anchors_annotated(&tokens, &anns, &mut found.0, &mut found.1, &mut found.2);
        assert_eq!(found, expected, "anchored anchors of {text:?}");
        for (t, &w) in tokens.iter().zip(&anns) {
            if w != 0 {
                assert_eq!(w & !super::super::ANN_ANCHOR, super::super::ANN_PACKED, "{t:?}");
                assert_eq!(w & super::super::ANN_ANCHOR != 0, anchor_of(t).is_some(), "{t:?}");
            }
        }
    }

    /// The anchors found from the annotations of every lexicon (in turns,
    /// so that the memo holds another lexicon's classes; each text twice:
    /// the memo cold and warm) are [`find_anchors`]' on the news texts,
    /// viwiki paragraphs, anchor words and their near misses, at the
    /// 64-token block edges.
    #[test]
    fn annotated_anchors_match_find_anchors() {
        let lexicons = annotating_lexicons();
        let mut texts: Vec<String> = Vec::new();
        super::super::names::each_shared_news_text(|t| texts.push(t.to_owned()));
        if let Some(wiki) = super::super::names::shared_viwiki() {
            texts.extend(wiki.lines().take(600).map(str::to_owned));
        }
        let near = near_miss_texts();
        texts.push(near.join(" "));
        texts.push(near.join(", "));
        texts.push(near.join("\n"));
        texts.push(near.join(""));
        for n in [1, 2, 3, 4, 5, 63, 64, 65, 127, 128, 129, 200] {
            for pattern in [
                "5 nhà năm x",
                "x y z tháng",
                "1 2 3 4",
                "Q 7, 12.5 %",
                "http://a.vn 2025",
            ] {
                let words: Vec<&str> = pattern.split(' ').cycle().take(n).collect();
                texts.push(words.join(" "));
            }
        }
        for _ in 0..2 {
            for lex in &lexicons {
                for t in &texts {
                    assert_annotated_anchors(t, lex);
                }
            }
        }
    }

    /// `surely_no_code_part` rejects no code: on sentences full of codes,
    /// phone numbers and clock times, the code test with the early reject
    /// and without it agree at every token, and the sentences do hold codes.
    #[test]
    fn code_reject_keeps_every_code() {
        let texts = [
            "Quyết định 1722/QĐ-TTg được ký ngày 5 tháng 3.",
            "Theo Nghị quyết 72-NQ/TW và công văn 15_BC.",
            "Cuộc họp bắt đầu lúc 22:28 và kết thúc lúc 23 giờ.",
            "Gọi 0912 345 678 hoặc đường dây nóng 1900 9095 để hỏi.",
            "Hotline: 18001234, SĐT 0283 825 1234, ĐT (028) 3825 1234.",
            "Số điện thoại 090 1234 567; fax 024 3733 0000.",
            "Xe biển 29A-123.45 và mẫu A4 dừng ở km 12.",
            "Dịch Covid-19 lan rộng từ tháng-12 năm 2019.",
            "Giá 1 500 000 đồng, năm 2010 có 5 người, 3-4 tháng.",
            "Mã 12\\34, 12\\ab và 7.2024 rồi 0123 cùng 045 và 2000 000.",
            // The phone cue behind `(`, `:` and `số`, a glued `(`, and the
            // words with a cue's first byte and length but not its last
            // letter (`sinh` and `sđt`).
            "Ông (sinh 1935) và bà (s. 1940), (1899 – 1960), (1234 5678), sinh: 1935.",
            "Tel (1998) 1234, TEL: 1998, SĐT: (1998), sđt số 1998, Sđt (1998, ĐT 1998, đt: (1998.",
            "Điện THOẠI (1998), dây Nóng: 1999, hotline số (2000), HOTLINE 1998, fax: ( 1998, Fax 1998.",
            "Sinh 1935, sinT 1935, sinx 1935, thoạI 1998, nónG: 1999, tele 1998, fa 1998 và ( ( ( 1998.",
        ];
        let mut codes = 0;
        for text in texts {
            let doc = Document::new(text);
            let (fast, plain) = (NumDoc::new(&doc), NumDoc::with_every_token_as_anchor(&doc));
            for i in 0..doc.tokens.len() {
                let code = code_part_uncached(&plain, i);
                assert_eq!(code_part_uncached(&fast, i), code, "code at {i} in {text:?}");
                // (A fresh document each time: the memo empty.)
                let once = NumDoc::new(&doc);
                assert_eq!(is_code_part_once(&once, i), code, "once at {i} in {text:?}");
                assert_eq!(is_code_part(&once, i), code, "memo at {i} in {text:?}");
                codes += usize::from(code);
            }
        }
        assert!(codes >= 25, "only {codes} code tokens");
    }

    /// The buffers the recognizer keeps from one document to the next (the
    /// boxed memo and anchors of the thread's scratch) leave nothing behind:
    /// documents recognized in a row, long after short, with anchors and
    /// without, give what a fresh `NumDoc` gives each of them, and the
    /// scratch holds its buffers afterwards.
    #[test]
    fn reused_buffers_change_nothing() {
        use crate::entity::EntityType as T;
        let r = NumericRecognizer::new(&[T::Money, T::Percent, T::Quantity, T::Date]);
        let long =
            "Năm 2010 có 5 người, giá 1,5 tỷ đồng, tăng 12% so với ngày 3 tháng 4 năm 2009. ".repeat(9);
        let texts = [
            long.as_str(),
            "Xin chào.",
            "Ngày 5 tháng 6 có 3 người.",
            "",
            long.as_str(),
            "giá 7 USD và 20% trong 2 tuần",
            "không có số nào",
            "1990 – 2000",
        ];
        for _ in 0..2 {
            for text in texts {
                let doc = Document::new(text);
                let mut reused = Vec::new();
                r.recognize(&doc, &mut reused);
                let mut fresh = Vec::new();
                r.run_all(&NumDoc::new(&doc), &mut fresh, None);
                assert_eq!(reused, fresh, "{text:?}");
            }
        }
        SCRATCH.with(|cell| assert!(cell.borrow().bufs.is_some()));
    }

    #[test]
    fn find_anchors_at_block_edges() {
        for n in [1, 2, 3, 63, 64, 65, 127, 128, 129, 200] {
            for pattern in ["5 nhà năm x", "x y z tháng", "1 2 3 4"] {
                let words: Vec<&str> = pattern.split(' ').cycle().take(n).collect();
                let text = words.join(" ");
                let doc = Document::new(&text);
                assert_eq!(doc.tokens.len(), n, "{text:?}");
                assert_anchors_found(&doc.tokens);
            }
        }
    }

    /// Every anchor word is found in every kind, near misses (one byte
    /// changed, cut, extended) are not, and neither are words of 32 bytes
    /// or more whose length wraps around in the filter.
    /// Every anchor word, with near misses: one byte changed at every
    /// place, cut, extended, reversed, upper-cased, lengthened past 32
    /// bytes; and a few other tokens.
    fn near_miss_texts() -> Vec<String> {
        let mut texts: Vec<String> = Vec::new();
        for w in ANCHOR_WORDS {
            texts.push((*w).to_owned());
            texts.push(format!("{w}x"));
            texts.push(format!("x{w}"));
            texts.push(w.chars().skip(1).collect());
            texts.push(w.chars().rev().collect());
            texts.push(w.to_uppercase());
            texts.push(format!("{}{w}", "a".repeat(32)));
            let mut b = w.as_bytes().to_vec();
            for k in 0..b.len() {
                let keep = b[k];
                for delta in [1u8, 2, 6] {
                    b[k] = keep ^ delta;
                    if let Ok(s) = std::str::from_utf8(&b) {
                        texts.push(s.to_owned());
                    }
                }
                b[k] = keep;
            }
        }
        texts.extend(["", "0", "9x", "a", "đ", "12,5", "VND1000", "UBND", "%"].map(str::to_owned));
        texts
    }

    /// The second-word filter of `longest_at` (a phrase list passed over
    /// when the token after the first word has no second word's bit)
    /// against the plain reading: every phrase of two words or more, with
    /// its second word as written, capitalized and upper-cased, replaced by
    /// every other second word of any table (same lengths, other bits), cut
    /// off, or after a line break.
    #[test]
    fn longest_at_second_word_filter_matches_reference() {
        fn check<V: PartialEq + std::fmt::Debug>(table: &PhraseTable<V>, seconds: &[String]) {
            for (key, entry) in &table.by_first {
                assert!(entry
                    .list
                    .get(entry.short_from..)
                    .is_some_and(|l| l.iter().all(|(w, _)| w.len() < 2)));
                for (words, _) in entry.list.iter().filter(|(w, _)| w.len() >= 2) {
                    assert_ne!(
                        entry.second_words & word_bit(words[1].lower.as_bytes()),
                        0,
                        "{key}"
                    );
                    let rest: Vec<&str> = words
                        .iter()
                        .skip(2)
                        .map(|w| w.exact.as_deref().unwrap_or(&w.lower))
                        .collect();
                    let mut texts = vec![format!("{key}"), format!("{key}\n{}", words[1].lower)];
                    let second = words[1].exact.clone().unwrap_or_else(|| words[1].lower.clone());
                    let mut cap = second.chars();
                    let capitalized: String = cap
                        .next()
                        .map(|c| c.to_uppercase().chain(cap).collect())
                        .unwrap_or_default();
                    for w2 in [second.clone(), capitalized, second.to_uppercase()]
                        .iter()
                        .chain(seconds)
                    {
                        texts.push(format!("{key} {w2} {}", rest.join(" ")));
                        texts.push(format!("{key} {w2}"));
                    }
                    for text in texts {
                        let doc = Document::new(&text);
                        let d = NumDoc::new(&doc);
                        assert_eq!(
                            table.longest_at(&d, 0),
                            table.longest_at_reference(&d, 0),
                            "{text:?}"
                        );
                    }
                }
            }
        }
        let mut seconds: Vec<String> = Vec::new();
        for words in [
            UNITS
                .by_first
                .values()
                .flatten()
                .map(|(w, _)| w)
                .collect::<Vec<_>>(),
            CURRENCIES.by_first.values().flatten().map(|(w, _)| w).collect(),
            QUALIFIERS.by_first.values().flatten().map(|(w, _)| w).collect(),
            LABELS.by_first.values().flatten().map(|(w, _)| w).collect(),
        ] {
            for w in words.iter().filter_map(|w| w.get(1)) {
                seconds.push(w.lower.clone());
                seconds.extend(w.exact.clone());
            }
        }
        seconds.extend(["và", "đã", ",", "thiệt", "X", "Dân", "DÂN"].map(str::to_owned));
        seconds.sort();
        seconds.dedup();
        check(&UNITS, &seconds);
        check(&CURRENCIES, &seconds);
        check(&QUALIFIERS, &seconds);
        check(&LABELS, &seconds);
    }

    #[test]
    fn find_anchors_matches_anchor_of_on_words_and_near_misses() {
        let texts = near_miss_texts();
        let kinds = TokenKind::ALL;
        let tokens: Vec<Token<'_>> = texts
            .iter()
            .flat_map(|text| {
                kinds.iter().map(move |&kind| Token {
                    text,
                    span: Span::new(0, text.len()),
                    kind,
                })
            })
            .collect();
        assert_anchors_found(&tokens);
        for w in ANCHOR_WORDS {
            let t = Token {
                text: w,
                span: Span::new(0, w.len()),
                kind: TokenKind::Syllable,
            };
            assert!(anchor_of(&t).is_some(), "{w:?} is no anchor");
        }
    }

    #[test]
    fn shared_path_matches_separate_recognizers_on_own_sentences() {
        for text in [
            "",
            "Ngày 19/12/2025, giá tăng 2,5% lên 1.500.000 đồng; hơn 40 con bò.",
            "Hai mươi mốt nghìn đồng và ba triệu rưỡi, từ 5 đến 7 triệu đồng, 5-7 tỷ USD.",
            "Quý III/2025 đạt 97 %, giai đoạn 2021-2025, tháng Giêng năm 2024, 6 tháng đầu năm 2024.",
            "Gọi 0912 345 678 hoặc hotline: 1900 9095; 60 000 người, 1 500 000 đ, VND1000,5.",
            "NGÀY 2 THÁNG 9 NĂM 1945 từ ngày 20/11 đến ngày 22/11/2023, ngày 6 và 7/11 (âm lịch).",
            "khoảng 30-40%, -4,02%, (-1.621 tỷ đồng), 104/104 hộ, 4,81 điểm %, 72-75kg, nửa tỷ đồng.",
            "Mồng 5 tháng 5, đầu năm 2024, cuối tháng 3, nhiệm kỳ 2020-2025, niên khóa 2023 - 2024.",
            "Lãi 7 phần trăm, từ 3 tới 4 Phần Trăm, 12 — 15%, 8 Đến 9 %, 20 –25 % và 1,5 %-2 %.",
            "Vốn 3 và khoảng 4 tỷ đồng, 5, ít nhất 6 triệu đồng hoặc xấp xỉ 7 USD; năm 2010, ông nói.",
            "Giá 5 và khoảng 6 USD, 8, ít nhất 9 đồng, 10 hoặc hơn 12 euro.",
            // Date words (anchors of a known class) next to spelled amounts.
            "Tháng hai năm ba triệu đồng, ngày một trăm USD, năm năm mươi nghìn đồng, mồng hai tỷ.",
        ] {
            check_paths(text);
        }
    }

    /// `CONTINUATION_STARTS` keeps every text that `lower`s to a number
    /// continuation or `nửa`: each word of `digit_word`, the continuation
    /// list and `scale_exp` (read from the source), in lower case,
    /// capitalized, in capitals and with a Kelvin sign for `k`; and
    /// `spelled_ends_at_next` on both paths agrees after `một` for each of
    /// them and for near misses.
    #[test]
    fn continuation_starts_keep_every_continuation() {
        let src = include_str!("../number.rs");
        let mut words: Vec<String> = vec!["nửa".into(), "mười".into()];
        for from in [
            "fn digit_word",
            "pub(crate) fn is_number_continuation",
            "pub(crate) fn scale_exp",
        ] {
            let body = src.split_once(from).map(|(_, b)| b).unwrap_or_default();
            let body = body.split_once("\n}\n").map(|(b, _)| b).unwrap_or_default();
            words.extend(body.split('"').skip(1).step_by(2).map(|w| w.to_lowercase()));
        }
        assert!(words.len() > 25, "{words:?}");
        let mut forms = Vec::new();
        for w in &words {
            let mut c = w.chars();
            let first = c
                .next()
                .map(|f| f.to_uppercase().collect::<String>())
                .unwrap_or_default();
            forms.push(w.clone());
            forms.push(format!("{first}{}", c.as_str()));
            forms.push(w.to_uppercase());
            forms.push(w.replacen('k', "\u{212A}", 1).to_uppercase());
            forms.push(format!("{w}x"));
            forms.push(w.chars().skip(1).collect());
        }
        for form in &forms {
            let text = format!("một {form}");
            let doc = Document::new(&text);
            if doc.tokens.len() != 2 {
                continue;
            }
            let fast = NumDoc::new(&doc);
            let slow = NumDoc::reference(&doc);
            assert_eq!(
                spelled_ends_at_next(&fast, 0),
                spelled_ends_at_next(&slow, 0),
                "{text:?}"
            );
            let w = lower(form);
            if number::is_number_continuation(&w) || w == "nửa" {
                assert!(starts_one_of(&fast, 1, &CONTINUATION_STARTS), "{form:?}");
            }
        }
    }

    #[test]
    fn scale_starts_cover_the_scale_and_suffix_words() {
        let src = include_str!("../number.rs");
        let mut n = 0;
        for from in ["pub(crate) fn suffix_exp", "pub(crate) fn scale_exp"] {
            let body = src.split_once(from).map(|(_, b)| b).unwrap_or_default();
            let body = body.split_once("\n}\n").map(|(b, _)| b).unwrap_or_default();
            for word in body.split('"').skip(1).step_by(2).chain(["rưỡi"]) {
                let doc = Document::new(word);
                let d = NumDoc::new(&doc);
                // As the only token, index 0.
                if doc.tokens.len() == 1 {
                    assert!(
                        starts_one_of(&d, 0, &SCALE_STARTS),
                        "{word:?} is missing from SCALE_STARTS"
                    );
                }
                assert!(
                    word.len() < 32
                        && SCALE_STARTS.0[usize::from(word.as_bytes()[0])] & (1 << word.len()) != 0,
                    "{word:?} is missing from SCALE_STARTS"
                );
                n += 1;
            }
        }
        assert!(n > 30, "the word lists were not found ({n} words)");
    }

    #[test]
    fn anchor_words_cover_the_recognizers_lists() {
        // The literal words of `date::may_start` and
        // `number::starts_spelled_number`, read from their source.
        let lists = [
            (
                include_str!("date.rs"),
                "pub(crate) fn may_start",
                "None => false",
            ),
            (
                include_str!("../number.rs"),
                "pub(crate) fn starts_spelled_number",
                "\n}\n",
            ),
        ];
        let mut n = 0;
        for (src, from, to) in lists {
            let body = src.split_once(from).map(|(_, b)| b).unwrap_or_default();
            let body = body.split_once(to).map(|(b, _)| b).unwrap_or_default();
            for word in body.split('"').skip(1).step_by(2) {
                assert!(
                    ANCHOR_WORDS.contains(&word),
                    "{word:?} is missing from ANCHOR_WORDS"
                );
                assert!(ANCHOR_FILTER.may_hold(word), "{word:?} fails the filter");
                assert_ne!(anchor_class(word), 0, "{word:?} has no anchor class");
                n += 1;
            }
        }
        assert!(n > 50, "the word lists were not found ({n} words)");
        assert!(!ANCHOR_FILTER.may_hold("") && !ANCHOR_FILTER.may_hold("xyz"));
    }

    #[test]
    fn shared_path_matches_separate_recognizers_on_shared_data() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data");
        let mut texts: Vec<String> = Vec::new();
        for set in ["news-dev", "news-dev-finance"] {
            match std::fs::read_dir(format!("{root}/{set}/texts")) {
                Ok(dir) => texts.extend(
                    dir.flatten()
                        .filter_map(|e| std::fs::read_to_string(e.path()).ok()),
                ),
                Err(_) => eprintln!("skipping {set}: not found under {root}"),
            }
        }
        // The first 2,000 paragraphs keep the debug-build test short.
        if let Some(wiki) = super::super::names::shared_viwiki() {
            texts.extend(wiki.lines().take(2000).map(str::to_owned));
        }
        for t in &texts {
            check_paths(t);
        }
    }

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            "[0-9]{1,5}",
            "[0-9]{1,3}([.,][0-9]{3}){0,2}(,[0-9]{1,2})?",
            "[0-9]{1,2}[/.-][0-9]{1,2}([/.-][0-9]{2,4})?",
            prop::sample::select(vec![
                "%",
                "/",
                "-",
                "–",
                ".",
                ",",
                ":",
                "(",
                ")",
                "\n",
                "\u{a0}",
                "đồng",
                "đ",
                "USD",
                "$",
                "tỷ",
                "triệu",
                "nghìn",
                "hơn",
                "gần",
                "khoảng",
                "từ",
                "đến",
                "và",
                "hoặc",
                "ngày",
                "Ngày",
                "tháng",
                "năm",
                "NĂM",
                "quý",
                "III",
                "giai đoạn",
                "đầu",
                "cuối",
                "âm lịch",
                "hai",
                "Hai",
                "mươi",
                "mốt",
                "nửa",
                "rưỡi",
                "một",
                "không",
                "trăm",
                "phần",
                "Phần",
                "tới",
                "—",
                "linh",
                "phần trăm",
                "điểm",
                "kg",
                "hộ",
                "người",
                "con",
                "lần",
                "học sinh",
                "tỉnh",
                "thành phố",
                "hotline",
                "số",
                "QĐ-TTg",
                "k",
                "tr",
                "VND",
                "thứ",
                "lớp",
                "giờ",
                "sáng",
                "Hà Nội",
                "đạt",
                "giảm",
                "cao",
                "x",
            ])
            .prop_map(str::to_owned),
        ]
    }

    /// The byte/length filter before a phrase-table lookup against the
    /// lookup alone: it may only reject words that no table holds.
    fn check_filter(word: &str) {
        for (name, found, filtered) in [
            (
                "currencies",
                CURRENCIES.by_first.contains_key(lower(word).as_ref()),
                CURRENCIES.phrases(word).is_some(),
            ),
            (
                "qualifiers",
                QUALIFIERS.by_first.contains_key(lower(word).as_ref()),
                QUALIFIERS.phrases(word).is_some(),
            ),
            (
                "units",
                UNITS.by_first.contains_key(lower(word).as_ref()),
                UNITS.phrases(word).is_some(),
            ),
            (
                "labels",
                LABELS.by_first.contains_key(lower(word).as_ref()),
                LABELS.phrases(word).is_some(),
            ),
        ] {
            assert_eq!(found, filtered, "{name}: {word:?}");
        }
        check_may_start_at(word);
    }

    /// The inline filter `may_start_at` rejects no token of `text` (after a
    /// number, so that the word also follows one) that starts a phrase of
    /// one of the four tables.
    fn check_may_start_at(text: &str) {
        let text = format!("5 {text}");
        let doc = Document::new(&text);
        let memo = NumDoc::new(&doc);
        for (i, t) in doc.tokens.iter().enumerate() {
            // (The tables differ in their value type: one check per table.)
            fn check<V>(name: &str, table: &PhraseTable<V>, memo: &NumDoc<'_, '_>, i: usize, word: &str) {
                let table_has = table.by_first.contains_key(lower(word).as_ref());
                let filter = table.may_start_at(memo, i);
                assert!(filter || !table_has, "{name}: may_start_at rejects {word:?}");
            }
            check("currencies", &CURRENCIES, &memo, i, t.text);
            check("qualifiers", &QUALIFIERS, &memo, i, t.text);
            check("units", &UNITS, &memo, i, t.text);
            check("labels", &LABELS, &memo, i, t.text);
        }
    }

    /// No unit or currency starts with a dash, and no dash is a noun
    /// (`unit_at` and money's currency look-up answer `None` for one
    /// without looking it up).
    #[test]
    fn no_unit_starts_with_a_dash() {
        for dash in ["-", "–", "—", "‐", "‑"] {
            assert!(!UNITS.by_first.contains_key(dash), "{dash:?}");
            assert!(!CURRENCIES.by_first.contains_key(dash), "{dash:?}");
            let text = format!("5 {dash} 6");
            let doc = Document::new(&text);
            let slow = NumDoc::reference(&doc);
            let fast = NumDoc::new(&doc);
            assert!(is_dash(&fast, 1), "{dash:?}");
            assert_eq!(unit_at_uncached(&fast, 1), None);
            assert_eq!(unit_at_uncached(&slow, 1), None);
        }
    }

    /// Every text of one or two ASCII characters (`,`, `$`, `.`, `)`, `%` …
    /// follow numbers): `may_start_at` keeps every phrase start among them.
    #[test]
    fn phrase_filter_at_short_ascii_tokens() {
        for a in ' '..='~' {
            check_may_start_at(&a.to_string());
            for b in ' '..='~' {
                check_may_start_at(&format!("{a}{b}"));
            }
        }
    }

    #[test]
    fn phrase_filter_keeps_every_key_in_every_case() {
        for table_keys in [
            CURRENCIES.by_first.keys().collect::<Vec<_>>(),
            QUALIFIERS.by_first.keys().collect(),
            UNITS.by_first.keys().collect(),
            LABELS.by_first.keys().collect(),
        ] {
            assert!(!table_keys.is_empty());
            for key in table_keys {
                check_filter(key);
                check_filter(&key.to_uppercase());
                check_filter(&capitalized(key));
                // Near misses: one byte longer or shorter.
                check_filter(&format!("{key}a"));
                if let Some((cut, _)) = key.char_indices().last() {
                    check_filter(&key[..cut]);
                }
            }
        }
        for word in [
            "",
            "người",
            "Người",
            "ĐỒNG",
            "đồng",
            "Đô",
            "x",
            "İstanbul",
            "\u{212a}g",
        ] {
            check_filter(word);
        }
    }

    /// Documents extracted one after another (reusing the thread's buffers)
    /// give what each gives on a fresh thread.
    #[test]
    fn reused_buffers_change_no_result() {
        let texts = [
            "Giá 25.000 đồng, tăng 5% so với ngày 3/4/2021; 12 người dự.",
            "Không có số nào ở đây.",
            "",
            "Năm 1999 có 1 500 000 khách, hotline 1900 1234, khoảng 3 tỷ USD.",
            "Ngày 6 và 7/11 bán 40 tấn gạo, thu hai triệu đồng.",
        ];
        let extractor = crate::Extractor::builder()
            .types(&[
                crate::EntityType::Money,
                crate::EntityType::Percent,
                crate::EntityType::Quantity,
                crate::EntityType::Date,
            ])
            .build();
        let fresh: Vec<String> = texts
            .iter()
            .map(|t| {
                std::thread::scope(|s| {
                    s.spawn(|| format!("{:?}", extractor.extract(t)))
                        .join()
                        .unwrap_or_default()
                })
            })
            .collect();
        assert!(fresh.iter().any(|f| f.contains("Money")));
        for round in 0..3 {
            for (k, t) in texts.iter().enumerate().rev().chain(texts.iter().enumerate()) {
                assert_eq!(
                    format!("{:?}", extractor.extract(t)),
                    fresh[k],
                    "round {round}, text {k}"
                );
            }
        }
    }

    /// `lower` on the stack equals `str::to_lowercase` for the text (a
    /// capitalized one) or is the text itself.
    fn check_lower(text: &str) {
        let expected = if first_is_upper(text) {
            text.to_lowercase()
        } else {
            text.to_owned()
        };
        let got = lower(text);
        assert_eq!(got.as_str(), expected, "lower of {text:?}");
        assert_eq!(got.into_owned(), expected, "lower of {text:?} (owned)");
    }

    /// Every character [`lower_char`] maps is mapped to what
    /// `char::to_lowercase` gives, which is one character; and it maps every
    /// character of the Vietnamese alphabet in both cases.
    #[test]
    fn lower_char_agrees_with_the_unicode_tables() {
        let mut mapped = 0;
        for c in (0..=0x10_FFFFu32).filter_map(char::from_u32) {
            if let Some(l) = lower_char(c) {
                let mut std = c.to_lowercase();
                assert_eq!((std.next(), std.next()), (Some(l), None), "lower case of {c:?}");
                mapped += 1;
            }
        }
        assert!(mapped > 400, "{mapped} characters mapped");
        let alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY\
                        áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ\
                        ÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ";
        for c in alphabet.chars() {
            assert!(lower_char(c).is_some(), "{c:?} takes the slow path");
        }
    }

    #[test]
    fn lower_on_the_stack_and_allocated() {
        for text in [
            "",
            "năm",
            "Năm",
            "NĂM",
            "Tháng",
            "THÁNG",
            "Đồng",
            "ĐỒNG",
            "USD",
            "Ưu",
            "Ơn",
            "Ångström",
            "ΣΑΣ",
            "Σ",
            "İstanbul",
            "ǅemal",
            "Ⱥb",
            "KM",
            "Kelvin\u{212a}",
            "Ab\u{0301}c",
            "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "Ằằằằằằằằằằ",
            "Ằằằằằằằằằằằ",
            "A\u{1e9e}",
            "Ⅻ",
        ] {
            check_lower(text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Random mixes of anchor words, near misses, numbers, codes,
        /// links and punctuation, glued or spaced.
        #[test]
        fn annotated_anchors_match_on_token_mixes(
            picks in prop::collection::vec((0usize..10_000, 0usize..6), 0..90),
            lex in 0usize..3,
        ) {
            static LEXICONS: LazyLock<Vec<std::sync::Arc<crate::lexicon::NameLexicon>>> =
                LazyLock::new(annotating_lexicons);
            static NEAR: LazyLock<Vec<String>> = LazyLock::new(near_miss_texts);
            let others = [
                "5", "2025", "1.500", "12,5%", "7", "Q", "UBND", "TP.HCM", "a@b.vn", "http://x.vn/1", "%",
                "-", "–", "(", ")", "/", "ngày", "Tháng", "NĂM", "mười", "nghìn", "x", "Hà", "3/2", "10h30",
            ];
            let mut text = String::new();
            for (pick, sep) in picks {
                let word = match NEAR.get(pick % (NEAR.len() + others.len())) {
                    Some(w) => w.as_str(),
                    None => others[pick % others.len()],
                };
                text.push_str(word);
                text.push_str([" ", "", ", ", "\n", " - ", ". "][sep]);
            }
            assert_annotated_anchors(&text, &LEXICONS[lex]);
        }

        #[test]
        fn lower_matches_to_lowercase(text in "[A-ZĐĂÂÊÔƠƯÁẦỸΣİǅẞa-zđăâêôơưáầỹσ\\PC]{0,12}") {
            check_lower(&text);
        }

        #[test]
        fn phrase_filter_matches_lookup(word in "[a-zA-ZđĐêÊơƠưƯáÁàạảãậầấẩẫăắằẳẵặ]{0,9}") {
            check_filter(&word);
        }

        #[test]
        fn find_anchors_matches_anchor_of(text in "\\PC{0,60}", words in prop::collection::vec(prop::sample::select(ANCHOR_WORDS), 0..6)) {
            let text = format!("{} {text} {}", words.join(" "), words.concat());
            assert_anchors_found(&Document::new(&text).tokens);
        }

        #[test]
        fn shared_path_matches_separate_recognizers(
            pieces in prop::collection::vec((piece(), prop::sample::select(vec!["", " ", " ", " ", "  "])), 0..40)
        ) {
            let text: String = pieces.iter().flat_map(|(p, g)| [p.as_str(), *g]).collect();
            check_paths(&text);
        }
    }
}
