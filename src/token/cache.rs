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
            None => {
                let mut buf = [0u8; 16];
                buf.get_mut(..n)?.copy_from_slice(bytes.get(start..end)?);
                let v = u128::from_le_bytes(buf);
                (v as u64, (v >> 64) as u64 | (n as u64) << 56)
            }
        };
        Some(Key { a, b })
    }

    /// The first slot of the key's set.
    #[inline(always)]
    fn set(&self) -> usize {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let h = (self.a ^ self.b.rotate_left(29)).wrapping_mul(K);
        ((h >> (64 - SETS.trailing_zeros())) as usize) * 2
    }
}

/// One remembered word (24 bytes).
#[derive(Clone, Copy)]
struct Slot {
    a: u64,
    /// The key's second half; its top byte (the length) is 0 in an empty
    /// slot, which no key has.
    b: u64,
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
    kind: TokenKind::Word,
};

thread_local! {
    /// `Cell`s rather than a `RefCell`: a look-up copies a slot in or out
    /// and never holds a borrow, so no flag has to be checked.
    static MEMO: Box<[Cell<Slot>]> = vec![Cell::new(EMPTY); 2 * SETS].into_boxed_slice();
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
        let first = memo.get(set)?.get();
        if first.holds(&key) {
            return Some(first.kind);
        }
        None
    });
    match hit {
        Ok(Some(kind)) => kind,
        _ => word_kind_second(text, start, end, key, set),
    }
}

/// [`word_kind`] when the word is not the most recent one of its set: look
/// at the second slot, else classify the word and remember the answer.
#[inline(never)]
fn word_kind_second(text: &str, start: usize, end: usize, key: Key, set: usize) -> TokenKind {
    let found = MEMO.try_with(|memo| {
        let (first, second) = (memo.get(set)?, memo.get(set + 1)?);
        let older = second.get();
        if older.holds(&key) {
            // Most recent first.
            second.set(first.get());
            first.set(older);
            return Some(older.kind);
        }
        let kind = classify(text, start, end);
        second.set(first.get());
        first.set(Slot {
            a: key.a,
            b: key.b,
            kind,
        });
        Some(kind)
    });
    match found {
        Ok(Some(kind)) => kind,
        _ => classify(text, start, end),
    }
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
