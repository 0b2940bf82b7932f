//! A small per-thread memo of word kinds.
//!
//! Running text repeats a few thousand words over and over, and deciding
//! what a word is (the syllable check: decode, parse onset and rhyme, check
//! tone rules; then the letter-case scan) costs several times more than
//! finding the word. The tokenizer therefore remembers answers keyed by
//! the word's exact bytes, so the answer is always the one
//! [`classify_word`](super::scan::classify_word) gives:
//!
//! - words of up to 8 bytes whose last byte is not 0 (97.6 % of the plain
//!   words of Wikipedia prose: their zero-padded bytes are one-to-one) in
//!   [`SHORT_SETS`] four-way sets of one cache line each ([`ShortSet`]),
//!   all four ways compared without a branch, first in first out (a hit
//!   stores nothing);
//! - words of 9 to [`MAX_KEY`] bytes in [`SETS`] two-way sets of 24-byte
//!   slots, most recent first;
//! - longer words are classified directly.
//!
//! The memo is a fixed-size thread-local table: no allocation per call, no
//! locking, and bounded memory (704 KB per thread that tokenizes: 32,768
//! short and 8,192 long slots hold the frequent words of a Wikipedia-sized
//! text, 30,500 distinct words on viwiki).

use super::TokenKind;
use std::cell::Cell;

/// Number of two-way sets of the long words (9 to [`MAX_KEY`] bytes; a
/// power of two).
const SETS: usize = 4096;

/// Number of four-way sets of the short words (a power of two).
const SHORT_SETS: usize = 8192;

/// Longest word kept, in bytes. Vietnamese syllables take at most 9 bytes
/// in NFC (`nghiễng`) and about 12 decomposed. At most 15, so that the
/// top byte of the key's second half is free for the length.
const MAX_KEY: usize = 15;

/// For a word of `n` bytes (index), the masks that keep its bytes in the
/// first and the second 8-byte half of a 16-byte load.
static KEY_MASKS: [(u64, u64); MAX_KEY + 1] = {
    let mut t = [(0u64, 0u64); MAX_KEY + 1];
    let mut n = 1;
    while n <= MAX_KEY {
        t[n] = if n <= 8 {
            (u64::MAX >> (64 - 8 * n), 0)
        } else {
            (u64::MAX, u64::MAX >> (128 - 8 * n))
        };
        n += 1;
    }
    t
};

/// A word of 1 to [`MAX_KEY`] bytes: its bytes zero-padded to 16 and read
/// as two little-endian integers, with the length in the top byte of the
/// second (byte 15 of a word is never kept). One-to-one: two words have the
/// same key exactly when they have the same bytes, so a slot compares two
/// integers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Key {
    a: u64,
    b: u64,
}

impl Key {
    /// The key of `bytes[start..end]`, or `None` when the word is empty,
    /// longer than [`MAX_KEY`] or out of bounds.
    ///
    /// When 16 bytes are readable from `start` (all but the last words of a
    /// text), the key is one 16-byte load masked to the word's length: no
    /// branch on the length.
    #[inline(always)]
    fn new(bytes: &[u8], start: usize, end: usize) -> Option<Key> {
        // n in 1..=MAX_KEY, one comparison (an `end` before `start` wraps
        // to a huge n).
        let n = end.wrapping_sub(start);
        if n.wrapping_sub(1) >= MAX_KEY {
            return None;
        }
        // Sixteen bytes from `start`, when there are (no overflow test).
        let whole = bytes.get(start..).and_then(<[u8]>::first_chunk::<16>).copied();
        let (a, b) = match whole {
            // Keep the first n bytes (n in 1..=16): two table masks, no
            // branch on n.
            Some(chunk) => {
                let (lo, hi) = KEY_MASKS.get(n).copied().unwrap_or_default();
                let [a0, a1, a2, a3, a4, a5, a6, a7, b0, b1, b2, b3, b4, b5, b6, b7] = chunk;
                (
                    u64::from_le_bytes([a0, a1, a2, a3, a4, a5, a6, a7]) & lo,
                    u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]) & hi | (n as u64) << 56,
                )
            }
            // One of the last words of the text.
            None => Key::at_end(bytes, start, end)?,
        };
        Some(Key { a, b })
    }

    /// The halves of [`Key::new`] for a word that ends less than 16 bytes
    /// before the end of the text (`n = end - start` in 1..=MAX_KEY). Out
    /// of line: a few times per text.
    #[inline(never)]
    fn at_end(bytes: &[u8], start: usize, end: usize) -> Option<(u64, u64)> {
        let n = end.wrapping_sub(start);
        if end > bytes.len() || n.wrapping_sub(1) >= MAX_KEY {
            return None;
        }
        // The last 16 bytes of the text (zero-padded when the text is
        // shorter), shifted so that the word comes first: `start + 16 -
        // len` is in 1..=15 (fewer than 16 bytes from `start`, `start <
        // len`).
        let (last, shift) = match bytes.last_chunk::<16>() {
            Some(last) => (u128::from_le_bytes(*last), (start + 16).wrapping_sub(bytes.len())),
            None => (load_short(bytes), start),
        };
        let (lo, hi) = KEY_MASKS.get(n).copied().unwrap_or_default();
        let v = last.checked_shr(8 * shift as u32).unwrap_or(0) & (u128::from(hi) << 64 | u128::from(lo));
        Some((v as u64, (v >> 64) as u64 | (n as u64) << 56))
    }

    /// The word's bytes as one integer when it has at most 8 and its last
    /// byte is not 0: then no other word has the same (zero-padded) bytes,
    /// so the integer alone keys the word; never 0. One comparison: the
    /// second half holds nothing but the length, and the length is that of
    /// the bytes up to the last non-zero one.
    #[inline(always)]
    fn short(&self) -> Option<u64> {
        let significant = 8 - u64::from(self.a.leading_zeros() / 8);
        (self.b == significant << 56).then_some(self.a)
    }

    /// [`Key::new`]`(bytes, start, end)?.`[`short`](Key::short)`()`: straight
    /// from the text by [`Key::short_at`] (most words), from the whole key
    /// near the text's end.
    #[inline(always)]
    fn short_of(bytes: &[u8], start: usize, end: usize) -> Option<u64> {
        match Key::short_at(bytes, start, end) {
            Ok(short) => short,
            Err(()) => Key::new(bytes, start, end).and_then(|key| key.short()),
        }
    }

    /// [`Key::new`]`(bytes, start, end)?.`[`short`](Key::short)`()` when
    /// 8 bytes are readable from `start` (all but the last words of a
    /// text): the word's 1 to 8 bytes zero-padded, if its last byte is not
    /// 0; `None` when the word is not short. Neither 16-byte key nor mask
    /// table: one 8-byte load masked by a shift, one compare for the last
    /// byte. `Err(())` when fewer than 8 bytes are readable (then
    /// [`Key::new`] decides).
    #[inline(always)]
    fn short_at(bytes: &[u8], start: usize, end: usize) -> Result<Option<u64>, ()> {
        let n = end.wrapping_sub(start);
        let eight = bytes.get(start..).and_then(<[u8]>::first_chunk::<8>).ok_or(())?;
        if n.wrapping_sub(1) >= 8 {
            return Ok(None);
        }
        // n in 1..=8: keep the first n bytes (a shift of 0..=56).
        let mask = u64::MAX.wrapping_shr(64 - 8 * n as u32);
        let a = u64::from_le_bytes(*eight) & mask;
        // The last byte (n - 1) is not 0: `a` reaches into it.
        Ok((a > mask >> 8).then_some(a))
    }

    /// The key's set.
    #[inline(always)]
    fn set(&self) -> usize {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let h = (self.a ^ self.b.rotate_left(29)).wrapping_mul(K);
        (h >> (64 - SETS.trailing_zeros())) as usize
    }
}

/// The bytes of a text shorter than 16 bytes as a little-endian integer
/// (zero above the text): two overlapping loads, without a loop.
#[inline(always)]
fn load_short(bytes: &[u8]) -> u128 {
    let n = bytes.len();
    if let (Some(first), Some(last)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        // 8..=15 bytes: the first 8 and the last 8, overlapping.
        let (a, b) = (u64::from_le_bytes(*first), u64::from_le_bytes(*last));
        return u128::from(a)
            | u128::from(b)
                .checked_shl(8 * (n as u32).wrapping_sub(8))
                .unwrap_or(0);
    }
    if let (Some(first), Some(last)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        // 4..=7 bytes.
        let (a, b) = (u32::from_le_bytes(*first), u32::from_le_bytes(*last));
        return u128::from(u64::from(a) | u64::from(b) << (8 * (n - 4)));
    }
    // 0..=3 bytes: the first, the middle and the last (overlapping).
    match (bytes.first(), bytes.get(n / 2), bytes.last()) {
        (Some(&a), Some(&m), Some(&z)) => {
            u128::from(u32::from(a) | u32::from(m) << (8 * (n / 2)) | u32::from(z) << (8 * (n - 1)))
        }
        _ => 0,
    }
}

/// One remembered word (24 bytes: the annotation fits in what was the
/// padding after the kind, so plain look-ups see the layout they had).
#[derive(Clone, Copy)]
pub(crate) struct Slot {
    a: u64,
    /// The key's second half; its top byte (the length) is 0 in an empty
    /// slot, which no key has.
    b: u64,
    /// A caller's annotation of the word (see [`word_kind_annotated`]),
    /// valid for callers with tag `tag`.
    ann: u32,
    /// Whose annotation `ann` is; 0: none.
    tag: u16,
    /// What the word is.
    kind: TokenKind,
    /// Whether default normalization leaves the word as it is (see
    /// [`word_is_clean`]): [`CLEAN`], [`NOT_CLEAN`] or [`UNKNOWN`] (never
    /// when `tag` is not 0).
    clean: u8,
}

/// A word's clean state not computed yet (plain look-ups do not).
const UNKNOWN: u8 = 0;
/// [`word_is_clean`] is `true`.
const CLEAN: u8 = 1;
/// [`word_is_clean`] is `false`.
const NOT_CLEAN: u8 = 2;

/// The clean state of a word whose [`word_is_clean`] is `clean`.
#[inline(always)]
fn clean_state(clean: bool) -> u8 {
    if clean {
        CLEAN
    } else {
        NOT_CLEAN
    }
}

impl Slot {
    #[inline(always)]
    fn holds(&self, key: &Key) -> bool {
        // One branch (hit or miss) for both comparisons.
        ((self.a ^ key.a) | (self.b ^ key.b)) == 0
    }
}

const EMPTY: Slot = Slot {
    a: 0,
    b: 0,
    ann: 0,
    tag: 0,
    kind: TokenKind::Word,
    clean: UNKNOWN,
};

/// Two slots, most recent first.
pub(crate) struct Set([Cell<Slot>; 2]);

/// Four short words (see [`Key::short`]) in one cache line: their keys
/// (0: empty), then each one's annotation, tag, kind and clean flag (as in
/// [`Slot`]).
/// Way 0 is the newest; a miss shifts the ways down and drops the oldest.
#[repr(C, align(64))]
pub(crate) struct ShortSet {
    keys: [Cell<u64>; 4],
    anns: [Cell<u32>; 4],
    tags: [Cell<u16>; 4],
    kinds: [Cell<TokenKind>; 4],
    cleans: [Cell<u8>; 4],
}

impl ShortSet {
    fn new() -> ShortSet {
        ShortSet {
            keys: Default::default(),
            anns: Default::default(),
            tags: Default::default(),
            kinds: [const { Cell::new(TokenKind::Word) }; 4],
            cleans: Default::default(),
        }
    }

    /// Bit `i` set when way `i` holds the short key `a` (at most one bit:
    /// a key is stored once). No branch.
    #[inline(always)]
    fn matches(&self, a: u64) -> u32 {
        let [k0, k1, k2, k3] = &self.keys;
        u32::from(k0.get() == a)
            | u32::from(k1.get() == a) << 1
            | u32::from(k2.get() == a) << 2
            | u32::from(k3.get() == a) << 3
    }

    /// Stores a new word in way 0, the others one way down (the oldest
    /// goes).
    fn insert(&self, a: u64, kind: TokenKind, ann: u32, tag: u16, clean: u8) {
        for i in (1..4).rev() {
            self.keys[i].set(self.keys[i - 1].get());
            self.anns[i].set(self.anns[i - 1].get());
            self.tags[i].set(self.tags[i - 1].get());
            self.kinds[i].set(self.kinds[i - 1].get());
            self.cleans[i].set(self.cleans[i - 1].get());
        }
        self.keys[0].set(a);
        self.anns[0].set(ann);
        self.tags[0].set(tag);
        self.kinds[0].set(kind);
        self.cleans[0].set(clean);
    }
}

/// The way of a non-zero [`ShortSet::matches`] mask (way 0 for 0).
#[inline(always)]
fn way_of(mask: u32) -> usize {
    (mask.trailing_zeros() & 3) as usize
}

/// The memo: fixed-size arrays (built on the heap), so that a set's index
/// needs no bounds check.
pub(crate) struct Table {
    short: Box<[ShortSet; SHORT_SETS]>,
    long: Box<[Set; SETS]>,
}

impl Table {
    /// `None` only if a conversion could fail, which it cannot (the
    /// lengths match).
    fn new() -> Option<Table> {
        let short = (0..SHORT_SETS).map(|_| ShortSet::new()).collect::<Vec<_>>();
        let long = (0..SETS)
            .map(|_| Set([Cell::new(EMPTY), Cell::new(EMPTY)]))
            .collect::<Vec<_>>();
        Some(Table {
            short: short.into_boxed_slice().try_into().ok()?,
            long: long.into_boxed_slice().try_into().ok()?,
        })
    }

    /// The set of the short key `a`.
    #[inline(always)]
    fn short_set(&self, a: u64) -> Option<&ShortSet> {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        self.short
            .get((a.wrapping_mul(K) >> (64 - SHORT_SETS.trailing_zeros())) as usize)
    }

    /// The two-way set of a long key.
    #[inline(always)]
    fn get(&self, set: usize) -> Option<&Set> {
        self.long.get(set)
    }
}

thread_local! {
    /// `Cell`s rather than a `RefCell`: a look-up copies a slot in or out
    /// and never holds a borrow, so no flag has to be checked.
    static MEMO: Option<Table> = Table::new();
}

/// Runs `f` with this thread's memo table: one thread-local access for a
/// whole text instead of one per word. When the thread-local is gone (a
/// tokenizer running in another thread-local's destructor), `f` gets
/// `None` and words are classified directly.
#[inline]
pub(crate) fn with_table<R>(mut f: impl FnMut(Option<&Table>) -> R) -> R {
    match MEMO.try_with(|memo| f(memo.as_ref())) {
        Ok(r) => r,
        Err(_) => f(None),
    }
}

/// What the word `text[start..end]` is: exactly
/// [`classify_word`](super::scan::classify_word)`(word, false)`, answered
/// from the memo when the same word was seen recently on this thread.
#[inline(always)]
pub(crate) fn word_kind(text: &str, start: usize, end: usize) -> TokenKind {
    with_table(|memo| word_kind_in(memo, text, start, end))
}

/// [`word_kind`] with the memo table at hand (see [`with_table`]).
#[inline(always)]
pub(crate) fn word_kind_in(memo: Option<&Table>, text: &str, start: usize, end: usize) -> TokenKind {
    let Some(memo) = memo else {
        return classify(text, start, end);
    };
    let short = Key::short_of(text.as_bytes(), start, end);
    if let Some(a) = short {
        return match memo.short_set(a) {
            Some(set) => match set.matches(a) {
                0 => short_miss(set, a, text, start, end),
                m => set.kinds[way_of(m)].get(),
            },
            None => classify(text, start, end),
        };
    }
    let Some(key) = Key::new(text.as_bytes(), start, end) else {
        return classify(text, start, end);
    };
    match memo.get(key.set()) {
        Some(set) if set.0[0].get().holds(&key) => set.0[0].get().kind,
        Some(set) => word_kind_second(set, text, start, end, key),
        None => classify(text, start, end),
    }
}

/// [`word_kind_in`] for a short word its set does not hold: classify it and
/// remember the answer (no annotation yet: tag 0).
#[inline(never)]
fn short_miss(set: &ShortSet, a: u64, text: &str, start: usize, end: usize) -> TokenKind {
    let kind = classify(text, start, end);
    set.insert(a, kind, 0, 0, UNKNOWN);
    kind
}

/// [`word_kind`] when the word is not the most recent one of its set: look
/// at the second slot, else classify the word and remember the answer.
#[inline(never)]
fn word_kind_second(set: &Set, text: &str, start: usize, end: usize, key: Key) -> TokenKind {
    let [first, second] = &set.0;
    let older = second.get();
    if older.holds(&key) {
        // Most recent first.
        second.set(first.get());
        first.set(older);
        return older.kind;
    }
    let kind = classify(text, start, end);
    second.set(first.get());
    first.set(Slot {
        a: key.a,
        b: key.b,
        ann: 0,
        tag: 0,
        kind,
        clean: UNKNOWN,
    });
    kind
}

/// [`word_kind_in`] and a caller's annotation of the word: `annotate(word, kind)`
/// for a caller with tag `tag` (not 0), kept in the word's slot next to its
/// kind so that the next look-up of the word with the same tag copies it
/// out. The annotation must depend on the word's bytes and the tag only.
/// A look-up with another tag computes and stores its own. `tag` 0 is
/// the plain look-ups' (no annotation): with it the answer may be 0
/// without `annotate` being called.
#[cfg(test)]
pub(crate) fn word_kind_annotated(
    memo: Option<&Table>,
    text: &str,
    start: usize,
    end: usize,
    tag: u16,
    annotate: &mut impl FnMut(&str, TokenKind) -> u32,
) -> (TokenKind, u32) {
    let word = word_of(text, start, end);
    match memo {
        Some(table) if word.len() == end.wrapping_sub(start) => {
            let (kind, ann, clean) = word_kind_annotated_in(table, text, start, end, word, tag, annotate);
            assert_eq!(clean, word_is_clean(word), "{word:?}");
            (kind, ann)
        }
        _ => {
            let kind = classify(text, start, end);
            (kind, annotate(word, kind))
        }
    }
}

/// [`word_kind_annotated`] with the table at hand and the word sliced:
/// `word` is `text[start..end]` (the token loop has sliced it for its
/// token already, so a miss slices nothing again). Also answers whether
/// default normalization leaves the word as it is ([`word_is_clean`]),
/// remembered with the annotation.
#[inline(always)]
pub(crate) fn word_kind_annotated_in(
    table: &Table,
    text: &str,
    start: usize,
    end: usize,
    word: &str,
    tag: u16,
    annotate: &mut impl FnMut(&str, TokenKind) -> u32,
) -> (TokenKind, u32, bool) {
    let short = Key::short_of(text.as_bytes(), start, end);
    if let Some(a) = short {
        if let Some(set) = table.short_set(a) {
            // One branch: held (at most one way matches) with this tag.
            let m = set.matches(a);
            let way = way_of(m);
            if (m != 0) & (set.tags[way].get() == tag) {
                return (
                    set.kinds[way].get(),
                    set.anns[way].get(),
                    set.cleans[way].get() == CLEAN,
                );
            }
            return short_annotated_miss(set, a, m, word, tag, annotate);
        }
    }
    let Some(key) = Key::new(text.as_bytes(), start, end) else {
        return unremembered(word, annotate);
    };
    let Some(set) = table.get(key.set()) else {
        return unremembered(word, annotate);
    };
    let first = set.0[0].get();
    if first.holds(&key) && first.tag == tag {
        return (first.kind, first.ann, first.clean == CLEAN);
    }
    annotated_second(set, word, key, tag, annotate)
}

/// [`word_kind_annotated_in`] for a word the memo cannot hold.
#[inline(never)]
fn unremembered(word: &str, annotate: &mut impl FnMut(&str, TokenKind) -> u32) -> (TokenKind, u32, bool) {
    let kind = super::scan::classify_word(word, false);
    (kind, annotate(word, kind), word_is_clean(word))
}

/// [`word_is_clean`] of `word` = `text[start..end]`, answered from the memo
/// when it holds the word with a known answer, and remembered there when
/// it holds the word without one (words the memo does not hold are not
/// added: their kinds are not at hand).
#[inline]
pub(crate) fn clean_in(table: &Table, text: &str, start: usize, end: usize, word: &str) -> bool {
    let Some(key) = Key::new(text.as_bytes(), start, end) else {
        return word_is_clean(word);
    };
    if let Some(a) = key.short() {
        let Some(set) = table.short_set(a) else {
            return word_is_clean(word);
        };
        let m = set.matches(a);
        if m == 0 {
            return word_is_clean(word);
        }
        let cell = &set.cleans[way_of(m)];
        return match cell.get() {
            UNKNOWN => {
                let clean = word_is_clean(word);
                cell.set(clean_state(clean));
                clean
            }
            state => state == CLEAN,
        };
    }
    let Some(set) = table.get(key.set()) else {
        return word_is_clean(word);
    };
    for cell in &set.0 {
        let mut slot = cell.get();
        if slot.holds(&key) {
            if slot.clean == UNKNOWN {
                slot.clean = clean_state(word_is_clean(word));
                cell.set(slot);
            }
            return slot.clean == CLEAN;
        }
    }
    word_is_clean(word)
}

/// Whether [`normalize_with_map`](crate::normalize_with_map) with the
/// default options leaves `word` as it is and its first char can combine
/// with nothing before it (so that the word, with what is around it in a
/// text, is left as it is too: see
/// [`crate::normalize::is_nfc_stable`]).
pub(crate) fn word_is_clean(word: &str) -> bool {
    if word.is_ascii() {
        return true;
    }
    word.chars().next().is_some_and(crate::normalize::is_nfc_stable)
        && crate::normalize::normalize_with_map(word, &crate::normalize::NormalizeOptions::default())
            .map
            .is_identity()
}

/// Whether the word keyed by the halves `a` and `b` of its [`Key`] (or by
/// `a` alone and `b` = 0: a short key) is ASCII: no byte with bit 7 set.
/// The key holds the word's bytes, zeros after them and its length (at
/// most [`MAX_KEY`], below 0x80) in the last byte: then [`word_is_clean`]
/// is `true` without a look at the word (a memo miss on an ASCII word, 77 %
/// of the warm misses, need not scan the word again).
#[inline(always)]
fn key_is_ascii(a: u64, b: u64) -> bool {
    const _: () = assert!(MAX_KEY < 0x80);
    (a | b) & 0x8080_8080_8080_8080 == 0
}

/// Whether `text` is ASCII and chars that NFC leaves and that belong to no
/// word only (dashes, quotes, `…`, `°`): then its words, if any, are ASCII
/// and nothing NFC changes or combines, so default normalization leaves it
/// as it is.
#[inline]
pub(crate) fn is_plain_punct(text: &str) -> bool {
    use crate::normalize::{is_nfc_stable, is_word_char};
    text.chars()
        .all(|c| c.is_ascii() || (is_nfc_stable(c) && !is_word_char(c)))
}

/// [`word_kind_annotated_in`] for a short word its set does not hold with
/// tag `tag`: held with another tag (`m`, its [`ShortSet::matches`] mask,
/// is not 0), annotate it for this tag; not held, classify, annotate and
/// remember it.
#[inline(never)]
fn short_annotated_miss(
    set: &ShortSet,
    a: u64,
    m: u32,
    word: &str,
    tag: u16,
    annotate: &mut impl FnMut(&str, TokenKind) -> u32,
) -> (TokenKind, u32, bool) {
    if m != 0 {
        let way = way_of(m);
        let kind = set.kinds[way].get();
        let ann = annotate(word, kind);
        set.anns[way].set(ann);
        set.tags[way].set(tag);
        let clean = match set.cleans[way].get() {
            UNKNOWN => key_is_ascii(a, 0) || word_is_clean(word),
            state => state == CLEAN,
        };
        set.cleans[way].set(clean_state(clean));
        return (kind, ann, clean);
    }
    let clean = key_is_ascii(a, 0) || word_is_clean(word);
    let kind = super::scan::classify_word(word, false);
    let ann = annotate(word, kind);
    set.insert(a, kind, ann, tag, clean_state(clean));
    (kind, ann, clean)
}

/// [`word_kind_annotated_in`] past a first slot that holds the word with the
/// same tag: the first slot with another tag, the second slot, or a miss.
#[inline(never)]
fn annotated_second(
    set: &Set,
    word: &str,
    key: Key,
    tag: u16,
    annotate: &mut impl FnMut(&str, TokenKind) -> u32,
) -> (TokenKind, u32, bool) {
    let [first, second] = &set.0;
    let mut slot = first.get();
    if !slot.holds(&key) {
        let older = second.get();
        if older.holds(&key) {
            // Most recent first.
            second.set(slot);
            slot = older;
        } else {
            second.set(slot);
            slot = Slot {
                a: key.a,
                b: key.b,
                ann: 0,
                tag: 0,
                kind: super::scan::classify_word(word, false),
                clean: UNKNOWN,
            };
        }
    }
    if slot.tag != tag {
        slot.ann = annotate(word, slot.kind);
        slot.tag = tag;
    }
    if slot.clean == UNKNOWN {
        slot.clean = clean_state(key_is_ascii(key.a, key.b) || word_is_clean(word));
    }
    first.set(slot);
    (slot.kind, slot.ann, slot.clean == CLEAN)
}

#[cfg(test)]
fn word_of(text: &str, start: usize, end: usize) -> &str {
    text.get(start..end).unwrap_or_default()
}

fn classify(text: &str, start: usize, end: usize) -> TokenKind {
    super::scan::classify_word(text.get(start..end).unwrap_or_default(), false)
}

/// Whether `word` is a Vietnamese syllable: exactly
/// [`crate::syllable::is_syllable`], answered from the memo when the same
/// word was seen recently on this thread.
#[inline]
pub(crate) fn is_syllable(word: &str) -> bool {
    word_kind(word, 0, word.len()) == TokenKind::Syllable
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_one_to_one_for_each_length_and_position() {
        let words: Vec<String> = (1..=MAX_KEY)
            .flat_map(|n| (0..n).map(move |i| (n, i)))
            .flat_map(|(n, i)| {
                let base = "a".repeat(n);
                let mut changed = base.clone().into_bytes();
                changed[i] = b'b';
                [base, String::from_utf8(changed).unwrap_or_default()]
            })
            .collect();
        // Each word alone (no slack after it: the copying path) and inside
        // a longer text with different bytes after it (the masked loads).
        let keys = |w: &String| {
            let alone = Key::new(w.as_bytes(), 0, w.len());
            let text = format!("zz{w} zzzzzzzzzzzzzzzzzzzzzz");
            let inside = Key::new(text.as_bytes(), 2, 2 + w.len());
            assert_eq!(alone, inside, "{w}");
            // At the end of texts of every length around 16 bytes (the
            // shifted load of the last 16 bytes, or byte by byte).
            for lead in 0..20 {
                let text = format!("{}{w}", "q".repeat(lead));
                let at_end = Key::new(text.as_bytes(), lead, text.len());
                assert_eq!(alone, at_end, "{w} {lead}");
            }
            alone
        };
        for x in &words {
            for y in &words {
                assert_eq!(x == y, keys(x) == keys(y), "{x} {y}");
            }
        }
        assert!(Key::new(b"", 0, 0).is_none());
        assert!(Key::new(&[b'a'; MAX_KEY + 1], 0, MAX_KEY + 1).is_none());
        assert!(Key::new(b"abc", 2, 1).is_none());
        assert!(Key::new(b"abc", 1, 5).is_none());
    }

    #[test]
    fn key_is_ascii_exactly_for_ascii_words() {
        // Every length 1..=MAX_KEY, one byte at each position changed to a
        // non-ASCII lead (a two-byte letter) or to the highest ASCII byte,
        // inside a text (the masked load) and at its end (the shifted load):
        // the key's test agrees with `is_ascii`, for short keys (`b` = 0)
        // and long ones.
        for n in 1..=MAX_KEY {
            for i in 0..n {
                for (swap, len) in [("\u{7f}", 1), ("đ", 2), ("ệ", 3), ("a\u{0301}", 3)] {
                    if i + len > n {
                        continue;
                    }
                    let word = format!("{}{swap}{}", "x".repeat(i), "y".repeat(n - i - len));
                    for text in [format!("{word} zzzzzzzzzzzzzzzzzz"), word.clone()] {
                        let key = Key::new(text.as_bytes(), 0, n).expect("key");
                        let ascii = match key.short() {
                            Some(a) => key_is_ascii(a, 0),
                            None => key_is_ascii(key.a, key.b),
                        };
                        assert_eq!(ascii, word.is_ascii(), "{word:?}");
                        assert!(!ascii || word_is_clean(&word), "{word:?}");
                    }
                }
                let word = "q".repeat(n);
                let key = Key::new(word.as_bytes(), 0, n).expect("key");
                assert!(key_is_ascii(key.a, key.b), "{word:?}");
            }
        }
    }

    #[test]
    fn memo_agrees_with_the_syllable_check() {
        let words = [
            "phát",
            "Nguyễn",
            "HÀ",
            "Toyota",
            "UBND",
            "a",
            "b",
            "ngh",
            "nghiêng",
            "Vie\u{0302}\u{0323}t",
            "quốc",
            "gìn",
            "bàt",
            "iPhone",
            "Đắk",
            "x",
            "đường",
            "abcdefghijklmnopqrstuvwxyz",
        ];
        // Twice: the second round answers from the memo.
        for _ in 0..2 {
            for w in words {
                assert_eq!(is_syllable(w), crate::syllable::is_syllable(w), "{w}");
                assert_eq!(
                    word_kind(w, 0, w.len()),
                    super::super::scan::classify_word(w, false),
                    "{w}"
                );
            }
        }
    }

    #[test]
    fn slots_keep_24_bytes() {
        assert_eq!(std::mem::size_of::<Slot>(), 24);
        assert_eq!(std::mem::size_of::<Set>(), 48);
        // A short set is one cache line.
        assert_eq!(std::mem::size_of::<ShortSet>(), 64);
        assert_eq!(std::mem::align_of::<ShortSet>(), 64);
    }

    #[test]
    fn short_keys_are_exactly_the_words_of_up_to_8_bytes_not_ending_in_0() {
        let words: Vec<Vec<u8>> = (1..=MAX_KEY)
            .flat_map(|n| {
                [
                    vec![b'a'; n],
                    [vec![b'a'; n - 1], vec![0]].concat(),
                    [vec![0], vec![b'b'; n - 1]].concat(),
                    vec![0; n],
                    [vec![0xC3, 0xA0], vec![b'x'; n.saturating_sub(2)]].concat(),
                ]
            })
            .filter(|w| !w.is_empty() && w.len() <= MAX_KEY)
            .collect();
        for w in &words {
            let key = Key::new(w, 0, w.len()).map(|k| k.short());
            let expected = w.len() <= 8 && w.last() != Some(&0);
            assert_eq!(key.map(|s| s.is_some()), Some(expected), "{w:?}");
            if let Some(Some(a)) = key {
                assert_ne!(a, 0);
            }
            // Through the memo, alone and after a prefix: the exact kind.
            if let Ok(s) = std::str::from_utf8(w) {
                let expected = super::super::scan::classify_word(s, false);
                for _ in 0..2 {
                    assert_eq!(word_kind(s, 0, s.len()), expected, "{w:?}");
                    let text = format!("xy{s}");
                    assert_eq!(word_kind(&text, 2, text.len()), expected, "{w:?}");
                }
            }
        }
        // Words that differ only by trailing zero bytes never share a short
        // key (only the one without them has one).
        for x in &words {
            for y in &words {
                let (kx, ky) = (Key::new(x, 0, x.len()), Key::new(y, 0, y.len()));
                if let (Some(Some(a)), Some(Some(b))) = (kx.map(|k| k.short()), ky.map(|k| k.short())) {
                    assert_eq!(a == b, x == y, "{x:?} {y:?}");
                }
            }
        }
    }

    /// `Key::short_at` (the annotated look-up's fast key) against the whole
    /// key's `short()`: every word of 0 to 17 bytes at every start of texts
    /// with zero bytes, non-ASCII bytes and letters at every position, so
    /// that every length, last byte (0 or not) and readable tail (7, 8, 9
    /// bytes) is met. A fast key for a word ending in 0, a wrong length or
    /// an answer where fewer than 8 bytes are readable fails it.
    #[test]
    fn short_at_is_the_short_key_of_the_whole_key() {
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut answered = 0;
        for round in 0..400 {
            let len: usize = round % 40;
            let text: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    [0, b'a', b'Z', 0xC3, 0xA0, 0xFF, b'7', 1][(x >> 40) as usize % 8]
                })
                .collect();
            for start in 0..=len + 1 {
                for end in start.saturating_sub(1)..=(start + 17).min(len + 1) {
                    let whole = Key::new(&text, start, end).and_then(|k| k.short());
                    match Key::short_at(&text, start, end) {
                        Ok(short) => {
                            assert!(text.len() >= start + 8, "{text:?} {start}");
                            assert_eq!(short, whole, "{text:?} {start} {end}");
                            answered += 1;
                        }
                        Err(()) => assert!(text.get(start..start + 8).is_none(), "{text:?} {start}"),
                    }
                }
            }
        }
        assert!(answered > 50_000, "{answered}");
    }

    #[test]
    fn annotations_follow_their_tag_under_collisions() {
        // Far more words than the memo has slots, so that sets evict and
        // swap; each looked up with two tags and plainly, in changing
        // orders: every kind and annotation exact.
        let ann = |w: &str, tag: u16| {
            w.len() as u32 * 1_000_003
                + u32::from(tag) * 7
                + u32::from(w.as_bytes().first().copied().unwrap_or(0))
        };
        // The kind handed to `annotate` is the word's.
        let ann_kind = |w: &str, kind: TokenKind, tag: u16| {
            assert_eq!(kind, super::super::scan::classify_word(w, false), "{w}");
            ann(w, tag)
        };
        // Short words (up to 8 bytes) past the four-way table's 32,768
        // ways, long ones (9 to 15 bytes) past the two-way table's slots.
        let words: Vec<String> = (0..5 * SHORT_SETS)
            .map(|i| format!("w{i}x"))
            .chain((0..3 * SETS).map(|i| format!("long{i}wordx")))
            .collect();
        assert!(words.iter().all(|w| w.len() <= MAX_KEY));
        with_table(|memo| {
            for round in 0..3usize {
                for (i, w) in words.iter().enumerate() {
                    let tag = if (i + round) % 2 == 0 { 1 } else { 2 };
                    let expected = super::super::scan::classify_word(w, false);
                    let mut calls = 0;
                    let got = word_kind_annotated(memo, w, 0, w.len(), tag, &mut |s: &str, k| {
                        calls += 1;
                        ann_kind(s, k, tag)
                    });
                    assert_eq!(got, (expected, ann(w, tag)), "{w} {tag}");
                    assert!(calls <= 1);
                    // Again at once: answered from the slot.
                    let again = word_kind_annotated(memo, w, 0, w.len(), tag, &mut |_: &str, _| 0);
                    assert_eq!(again, (expected, ann(w, tag)), "{w} {tag}");
                    assert_eq!(word_kind_in(memo, w, 0, w.len()), expected, "{w}");
                    let other = 3 - tag;
                    assert_eq!(word_kind(w, 0, w.len()), expected, "{w}");
                    let (kind, a) = word_kind_annotated(memo, w, 0, w.len(), other, &mut |s: &str, k| {
                        ann_kind(s, k, other)
                    });
                    assert_eq!((kind, a), (expected, ann(w, other)), "{w}");
                }
            }
        });
    }

    #[test]
    fn colliding_words_do_not_share_answers() {
        // Many words, some sharing sets, each checked twice in both modes
        // and inside a longer text: every answer must still be exact.
        let mut n = 0;
        for round in 0..2 {
            for a in [
                "b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "t", "th", "tr",
                "x", "TR", "NG",
            ] {
                for v in [
                    "a", "á", "ơ", "ươ", "uy", "iê", "oa", "e", "ê", "y", "zz", "q", "Ô",
                ] {
                    for c in ["", "n", "ng", "t", "c", "ch", "p", "m", "k"] {
                        let w = format!("{a}{v}{c}");
                        let text = format!("{}{w} và những từ khác sau nó", " ".repeat(round));
                        let expected = super::super::scan::classify_word(&w, false);
                        assert_eq!(word_kind(&text, round, round + w.len()), expected, "{w}");
                        assert_eq!(is_syllable(&w), crate::syllable::is_syllable(&w), "{w}");
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 4000);
    }
}
