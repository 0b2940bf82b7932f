//! A small per-thread memo of [`crate::syllable::is_syllable`] answers.
//!
//! Running text repeats a few thousand syllables over and over, and the
//! syllable check (decode, parse onset and rhyme, check tone rules) costs
//! several times more than finding the word. The tokenizer therefore keeps
//! the two most recent answers for each of [`SLOTS`]/2 hash buckets, keyed
//! by the word's exact bytes, so the answer is always the one `is_syllable` gives. Words
//! longer than [`MAX_KEY`] bytes are checked directly.
//!
//! The memo is a fixed-size thread-local table: no allocation per call, no
//! locking, and bounded memory (192 KB per thread that tokenizes).

use std::cell::RefCell;

/// Number of buckets (a power of two).
const SLOTS: usize = 8192;

/// Longest word kept, in bytes. Vietnamese syllables take at most 9 bytes
/// in NFC (`nghiễng`) and about 12 decomposed.
const MAX_KEY: usize = 16;

/// A word of up to [`MAX_KEY`] bytes packed into two integers and its
/// length. For a given length the packing is one-to-one: lengths 8–16 keep
/// the first and the last 8 bytes, lengths 4–7 the first and the last 4,
/// lengths 1–3 the first, middle and last byte; together these always cover
/// every byte of the word.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    a: u64,
    b: u64,
    len: u8,
}

impl Key {
    #[inline]
    fn new(w: &[u8]) -> Option<Key> {
        let n = w.len();
        let u64_at = |i: usize| {
            w.get(i..i + 8)
                .and_then(|s| s.try_into().ok())
                .map(u64::from_le_bytes)
        };
        let u32_at = |i: usize| {
            w.get(i..i + 4)
                .and_then(|s| s.try_into().ok())
                .map(u32::from_le_bytes)
        };
        let (a, b) = match n {
            8..=MAX_KEY => (u64_at(0)?, u64_at(n - 8)?),
            4..=7 => (u64::from(u32_at(0)?) | (u64::from(u32_at(n - 4)?) << 32), 0),
            1..=3 => {
                let byte = |i: usize| u64::from(w.get(i).copied().unwrap_or(0));
                (byte(0) | (byte(n / 2) << 8) | (byte(n - 1) << 16), 0)
            }
            _ => return None,
        };
        Some(Key { a, b, len: n as u8 })
    }

    #[inline]
    fn bucket(&self) -> usize {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let h = ((self.a ^ (u64::from(self.len) << 56)).wrapping_mul(K) ^ self.b).wrapping_mul(K);
        (h >> (64 - SLOTS.trailing_zeros())) as usize
    }
}

#[derive(Clone, Copy)]
struct Slot {
    /// The word; `len == 0` marks an empty slot.
    key: Key,
    syllable: bool,
}

const EMPTY: Slot = Slot {
    key: Key { a: 0, b: 0, len: 0 },
    syllable: false,
};

thread_local! {
    static MEMO: RefCell<Box<[Slot]>> = RefCell::new(vec![EMPTY; SLOTS].into_boxed_slice());
}

/// Whether `word` is a Vietnamese syllable: exactly
/// [`crate::syllable::is_syllable`], answered from the memo when the same
/// word was seen recently on this thread.
#[inline]
pub(crate) fn is_syllable(word: &str) -> bool {
    let Some(key) = Key::new(word.as_bytes()) else {
        return crate::syllable::is_syllable(word);
    };
    // Two ways per set: the most recent answer first.
    let set = key.bucket() & !1;
    let hit = MEMO.try_with(|memo| {
        let mut memo = memo.try_borrow_mut().ok()?;
        let pair = memo.get_mut(set..set + 2)?;
        if pair[0].key == key {
            return Some(pair[0].syllable);
        }
        if pair[1].key == key {
            pair.swap(0, 1);
            return Some(pair[0].syllable);
        }
        None
    });
    if let Ok(Some(answer)) = hit {
        return answer;
    }
    let answer = crate::syllable::is_syllable(word);
    let _ = MEMO.try_with(|memo| {
        if let Ok(mut memo) = memo.try_borrow_mut() {
            if let Some(pair) = memo.get_mut(set..set + 2) {
                pair[1] = pair[0];
                pair[0] = Slot {
                    key,
                    syllable: answer,
                };
            }
        }
    });
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_one_to_one_for_each_length() {
        let words: Vec<String> = (1..=MAX_KEY)
            .flat_map(|n| (0..n).map(move |i| (n, i)))
            .flat_map(|(n, i)| {
                let base = "a".repeat(n);
                let mut changed = base.clone().into_bytes();
                changed[i] = b'b';
                [base, String::from_utf8(changed).unwrap_or_default()]
            })
            .collect();
        for x in &words {
            for y in &words {
                assert_eq!(
                    x == y,
                    Key::new(x.as_bytes()) == Key::new(y.as_bytes()),
                    "{x} {y}"
                );
            }
        }
        assert!(Key::new(b"").is_none());
        assert!(Key::new(&[b'a'; MAX_KEY + 1]).is_none());
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
            }
        }
    }

    #[test]
    fn colliding_words_do_not_share_answers() {
        // Many words, some sharing buckets, each checked twice: every answer
        // must still be exact.
        let mut n = 0;
        for _ in 0..2 {
            for a in [
                "b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "t", "th", "tr",
                "x",
            ] {
                for v in ["a", "á", "ơ", "ươ", "uy", "iê", "oa", "e", "ê", "y", "zz", "q"] {
                    for c in ["", "n", "ng", "t", "c", "ch", "p", "m", "k"] {
                        let w = format!("{a}{v}{c}");
                        assert_eq!(is_syllable(&w), crate::syllable::is_syllable(&w), "{w}");
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 3000);
    }
}
