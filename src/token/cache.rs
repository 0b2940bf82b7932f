//! A small per-thread memo of word kinds.
//!
//! Running text repeats a few thousand words over and over, and deciding
//! what a word is (the syllable check: decode, parse onset and rhyme, check
//! tone rules; then the letter-case scan) costs several times more than
//! finding the word. The tokenizer therefore keeps the two most recent
//! answers for each of [`SETS`] hash sets, keyed by the word's exact bytes,
//! so the answer is always the one [`classify_word`](super::scan::classify_word)
//! gives. Words longer than [`MAX_KEY`] bytes are classified directly.
//!
//! The memo is a fixed-size thread-local table: no allocation per call, no
//! locking, and bounded memory (768 KB per thread that tokenizes: 16,384 sets hold the
//! frequent words of a Wikipedia-sized text, 32,000 distinct words on viwiki).

use super::TokenKind;
use std::cell::Cell;

/// Number of two-way sets (a power of two).
const SETS: usize = 16384;

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
};

/// Two slots, most recent first.
pub(crate) struct Set([Cell<Slot>; 2]);

/// The memo's sets.
pub(crate) type Table = [Set; SETS];

thread_local! {
    /// `Cell`s rather than a `RefCell`: a look-up copies a slot in or out
    /// and never holds a borrow, so no flag has to be checked. A fixed-size
    /// array (768 KB, built on the heap), so that a set's index needs no
    /// bounds check; `None` only if the conversion could fail, which it
    /// cannot (the lengths match).
    static MEMO: Option<Box<Table>> = (0..SETS)
        .map(|_| Set([Cell::new(EMPTY), Cell::new(EMPTY)]))
        .collect::<Vec<Set>>()
        .into_boxed_slice()
        .try_into()
        .ok();
}

/// Runs `f` with this thread's memo table: one thread-local access for a
/// whole text instead of one per word. When the thread-local is gone (a
/// tokenizer running in another thread-local's destructor), `f` gets
/// `None` and words are classified directly.
#[inline]
pub(crate) fn with_table<R>(mut f: impl FnMut(Option<&Table>) -> R) -> R {
    match MEMO.try_with(|memo| f(memo.as_deref())) {
        Ok(r) => r,
        Err(_) => f(None),
    }
}

/// What the word `text[start..end]` is: exactly
/// [`classify_word`](super::scan::classify_word)`(word, false)`, answered
/// from the memo when the same word was seen recently on this thread.
#[inline(always)]
pub(crate) fn word_kind(text: &str, start: usize, end: usize) -> TokenKind {
    let Some(key) = Key::new(text.as_bytes(), start, end) else {
        return classify(text, start, end);
    };
    let set = key.set();
    let hit = MEMO.try_with(|memo| {
        let [first, _] = &memo.as_ref()?.get(set)?.0;
        let first = first.get();
        if first.holds(&key) {
            return Some(first.kind);
        }
        None
    });
    match hit {
        Ok(Some(kind)) => kind,
        _ => word_kind_miss(text, start, end, key, set),
    }
}

/// [`word_kind`] past the first slot, out of line.
#[inline(never)]
fn word_kind_miss(text: &str, start: usize, end: usize, key: Key, set: usize) -> TokenKind {
    with_table(|memo| match memo.and_then(|m| m.get(set)) {
        Some(set) => word_kind_second(set, text, start, end, key),
        None => classify(text, start, end),
    })
}

/// [`word_kind`] with the memo table at hand (see [`with_table`]).
#[inline(always)]
pub(crate) fn word_kind_in(memo: Option<&Table>, text: &str, start: usize, end: usize) -> TokenKind {
    let (Some(key), Some(memo)) = (Key::new(text.as_bytes(), start, end), memo) else {
        return classify(text, start, end);
    };
    match memo.get(key.set()) {
        Some(set) if set.0[0].get().holds(&key) => set.0[0].get().kind,
        Some(set) => word_kind_second(set, text, start, end, key),
        None => classify(text, start, end),
    }
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
            word_kind_annotated_in(table, text, start, end, word, tag, annotate)
        }
        _ => {
            let kind = classify(text, start, end);
            (kind, annotate(word, kind))
        }
    }
}

/// [`word_kind_annotated`] with the table at hand and the word sliced:
/// `word` is `text[start..end]` (the token loop has sliced it for its
/// token already, so a miss slices nothing again).
#[inline(always)]
pub(crate) fn word_kind_annotated_in(
    table: &Table,
    text: &str,
    start: usize,
    end: usize,
    word: &str,
    tag: u16,
    annotate: &mut impl FnMut(&str, TokenKind) -> u32,
) -> (TokenKind, u32) {
    let key = Key::new(text.as_bytes(), start, end);
    let (Some(key), Some(set)) = (key, key.and_then(|k| table.get(k.set()))) else {
        let kind = super::scan::classify_word(word, false);
        return (kind, annotate(word, kind));
    };
    let first = set.0[0].get();
    if first.holds(&key) && first.tag == tag {
        return (first.kind, first.ann);
    }
    annotated_second(set, word, key, tag, annotate)
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
) -> (TokenKind, u32) {
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
            };
        }
    }
    if slot.tag != tag {
        slot.ann = annotate(word, slot.kind);
        slot.tag = tag;
    }
    first.set(slot);
    (slot.kind, slot.ann)
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
        let words: Vec<String> = (0..3 * SETS).map(|i| format!("w{i}x")).collect();
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
