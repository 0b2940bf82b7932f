//! Word bytes of 64 bytes at a time, as one bit mask.
//!
//! [`Window`] remembers, for the 64 bytes from its `base`, which bytes
//! [`accepts`] keeps inside a word (one bit per byte). The end of a word is
//! then one `trailing_zeros` of the inverted mask instead of a table
//! look-up and a branch per byte, and a window serves every word that
//! starts in its first [`REFILL`] bytes.
//!
//! On x86-64 the mask is built with SSE2 through `safe_arch` (safe
//! wrappers, so the crate keeps `forbid(unsafe_code)`): per 16 bytes, a
//! dozen byte compares and one `pmovmskb`. Elsewhere a portable version
//! runs (plain code over a fixed-size array, which LLVM vectorizes, with
//! the bits gathered eight at a time by a multiplication); the tests
//! check both against the byte rule on every target that has both.

/// Bytes classified per window.
pub(super) const BLOCK: usize = 64;

/// Bytes read per window: the block and the byte after it (the class of a
/// lead byte depends on the next byte), rounded up.
const LOAD: usize = BLOCK + 16;

/// A window is refilled (at the current position) when a word starts at
/// this offset from its base or later, or before it. With `BLOCK`, every
/// byte is classified about once; a word that runs past the window goes on
/// in the next one.
const REFILL: usize = BLOCK;

/// Whether byte `b`, followed by byte `n`, is accepted inside a word: ASCII
/// letters and digits; UTF-8 continuation bytes (their lead byte was
/// accepted before them); the lead bytes C4–C9 and CC (all their chars are
/// letters or combining marks); C3 unless it makes × (C3 97) or ÷ (C3 B7);
/// CD when it makes a combining mark (CD 80–AF); E1 when it makes Latin
/// Extended Additional (E1 B8–BB). Any other byte stops the word run
/// ([`super::scan`] then decodes the char there and decides).
#[cfg_attr(
    all(target_arch = "x86_64", target_feature = "sse2", not(test)),
    allow(dead_code)
)]
#[inline(always)]
pub(super) fn accepts(b: u8, n: u8) -> bool {
    // Written with signed byte compares (one `pcmpgtb` each) and equality
    // tests, which is what SSE2 has.
    let letter = ((b | 0x20).wrapping_add(0x80 - b'a') as i8) < -128 + 26;
    let digit = (b.wrapping_add(0x80 - b'0') as i8) < -128 + 10;
    // 80–C9 except C0–C3: continuation bytes and the lead bytes C4–C9.
    let high = (b as i8) < -54 && b & 0xFC != 0xC0;
    // n & DF == 97: 97 (×) or B7 (÷).
    let c3 = b == 0xC3 && n & 0xDF != 0x97;
    // CD 80–AF.
    let cd = b == 0xCD && (n as i8) < -80;
    let e1 = b == 0xE1 && n & 0xFC == 0xB8;
    letter | digit | high | (b == 0xCC) | c3 | cd | e1
}

/// Bit `i` set when [`accepts`]`(chunk[i], chunk[i + 1])`, for `i` in
/// `0..BLOCK`.
#[inline]
pub(super) fn accept_mask(chunk: &[u8; LOAD]) -> u64 {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        accept_mask_sse2(chunk)
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        accept_mask_portable(chunk)
    }
}

/// [`accept_mask`] with SSE2: for each 16 bytes `b` and the 16 bytes `n`
/// one further on, the classes of [`accepts`] as signed byte compares and
/// equalities, then one `pmovmskb` for 16 bits.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn accept_mask_sse2(chunk: &[u8; LOAD]) -> u64 {
    sixteen(chunk, 0) | sixteen(chunk, 16) << 16 | sixteen(chunk, 32) << 32 | sixteen(chunk, 48) << 48
}

/// The bits of [`accept_mask`] for the bytes `at..at + 16` of `chunk`
/// (`at + 17 <= LOAD`), with SSE2.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn sixteen(chunk: &[u8; LOAD], at: usize) -> u64 {
    use safe_arch::m128i;
    /// Sixteen bytes from `at` (zeros if out of range, which the fixed
    /// offsets of the callers never are).
    #[inline(always)]
    fn load(chunk: &[u8; LOAD], at: usize) -> m128i {
        let lane: [u8; 16] = chunk
            .get(at..at + 16)
            .and_then(|s| <[u8; 16]>::try_from(s).ok())
            .unwrap_or_default();
        m128i::from(lane)
    }
    classify16(load(chunk, at), load(chunk, at + 1))
}

/// The bits of [`accepts`]`(b[i], n[i])` for the 16 lanes, with SSE2.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn classify16(b: safe_arch::m128i, n: safe_arch::m128i) -> u64 {
    use safe_arch::{
        add_i8_m128i, bitandnot_m128i, cmp_eq_mask_i8_m128i, cmp_gt_mask_i8_m128i, m128i, move_mask_i8_m128i,
        set_splat_i8_m128i,
    };
    #[inline(always)]
    fn splat(x: u8) -> m128i {
        set_splat_i8_m128i(x as i8)
    }
    #[inline(always)]
    fn eq(a: m128i, b: m128i) -> m128i {
        cmp_eq_mask_i8_m128i(a, b)
    }
    /// Lanes where `a < limit` as signed bytes.
    #[inline(always)]
    fn below(a: m128i, limit: i8) -> m128i {
        cmp_gt_mask_i8_m128i(set_splat_i8_m128i(limit), a)
    }
    // The same tests as `accepts`, lane by lane.
    let letter = below(add_i8_m128i(b | splat(0x20), splat(0x80 - b'a')), -128 + 26);
    let digit = below(add_i8_m128i(b, splat(0x80 - b'0')), -128 + 10);
    let high = bitandnot_m128i(eq(b & splat(0xFC), splat(0xC0)), below(b, -54));
    let cc = eq(b, splat(0xCC));
    let c3 = bitandnot_m128i(eq(n & splat(0xDF), splat(0x97)), eq(b, splat(0xC3)));
    let cd = eq(b, splat(0xCD)) & below(n, -80);
    let e1 = eq(b, splat(0xE1)) & eq(n & splat(0xFC), splat(0xB8));
    let all = letter | digit | high | cc | c3 | cd | e1;
    u64::from(move_mask_i8_m128i(all) as u16)
}

/// [`accept_mask`] of a zero-padded chunk whose bytes from `16 * lanes`
/// on are all zero (not accepted): only the first `lanes` 16-byte lanes
/// (at least two) are classified.
#[inline]
fn accept_mask_lanes(chunk: &[u8; LOAD], lanes: usize) -> u64 {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        let mut mask = sixteen(chunk, 0) | sixteen(chunk, 16) << 16;
        if lanes > 2 {
            mask |= sixteen(chunk, 32) << 32;
            if lanes > 3 {
                mask |= sixteen(chunk, 48) << 48;
            }
        }
        mask
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        let _ = lanes;
        accept_mask_portable(chunk)
    }
}

/// Tails of at most this many bytes are classified one byte at a time
/// (two table look-ups per byte) rather than padded to a whole chunk: a
/// short document costs only the bytes it has.
const SHORT_TAIL: usize = 16;

/// The accept mask of `rest`, the last bytes of a text (more than
/// [`SHORT_TAIL`], fewer than [`LOAD`]); the bytes after it count as 0,
/// which is not accepted. With SSE2 and 16 bytes or more, read in place:
/// the whole lanes that have their next 16 bytes, then the text's last 16
/// bytes for the rest, their next bytes the same shifted down by one with
/// a 0 after the end (a copy to a zero-padded chunk, then wide reads
/// across the copy's narrower stores, stalled on store forwarding). Out
/// of line: about once per text.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(never)]
fn tail_mask(rest: &[u8]) -> u64 {
    use safe_arch::{byte_shr_imm_u128_m128i, m128i};
    let Some(&last) = rest.last_chunk::<16>() else {
        return padded_tail_mask(rest);
    };
    let len = rest.len();
    let lane = |at: usize| {
        rest.get(at..)
            .and_then(<[u8]>::first_chunk::<16>)
            .map_or(m128i::default(), |&b| m128i::from(b))
    };
    let (mut mask, mut at) = (0u64, 0usize);
    while at + 17 <= len && at < BLOCK {
        mask |= classify16(lane(at), lane(at + 1)) << at;
        at += 16;
    }
    // Bytes `at..len` (if any left in the block) are among the last 16,
    // `from..len`: bit `j` of their mask is byte `from + j`.
    if at < len.min(BLOCK) {
        let b = m128i::from(last);
        let from = len - 16;
        mask |= classify16(b, byte_shr_imm_u128_m128i::<1>(b)) >> (at - from) << at;
    }
    mask
}

/// [`tail_mask`] where SSE2 is not available.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(never)]
fn tail_mask(rest: &[u8]) -> u64 {
    padded_tail_mask(rest)
}

/// [`tail_mask`] of `rest` copied to a zero-padded chunk.
#[inline]
fn padded_tail_mask(rest: &[u8]) -> u64 {
    let mut chunk = [0u8; LOAD];
    // `rest` is shorter than `LOAD`; `min` only keeps the slices total.
    let len = rest.len().min(LOAD);
    if let (Some(d), Some(s)) = (chunk.get_mut(..len), rest.get(..len)) {
        d.copy_from_slice(s);
    }
    accept_mask_lanes(&chunk, len.div_ceil(16))
}

/// [`accepts`] for each byte of `rest` (at most [`BLOCK`] bytes are
/// looked at), the byte after the last being 0: the mask of a short tail,
/// with the byte class tables of [`super::scan::word_run`]
/// (`RUN_CLASS[b] & RUN_NEXT[n] != 0` is `accepts(b, n)`). Out of line
/// and small: a short document pays only for the bytes it has.
#[inline(never)]
fn short_mask(rest: &[u8]) -> u64 {
    let (class, next) = (&super::scan::RUN_CLASS, &super::scan::RUN_NEXT);
    let rest = rest.get(..BLOCK + 1).unwrap_or(rest);
    let Some((&first, rest)) = rest.split_first() else {
        return 0;
    };
    // Bit `i` (in `bit`) for the byte before each `n`.
    let (mut mask, mut bit) = (0u64, 1u64);
    let mut before = class[usize::from(first)];
    for &n in rest {
        mask |= bit & 0u64.wrapping_sub(u64::from(before & next[usize::from(n)] != 0));
        bit <<= 1;
        before = class[usize::from(n)];
    }
    // The last byte, before the end (read as 0); none when `rest` had
    // `BLOCK + 1` bytes (`bit` shifted out).
    mask | bit & 0u64.wrapping_sub(u64::from(before & next[0] != 0))
}

/// [`accept_mask`] in portable code: branch-free and vectorized by LLVM,
/// one byte per lane, then eight 0/1 bytes packed into eight bits by one
/// multiplication. Used where SSE2 is not available, and in tests.
#[cfg_attr(
    all(target_arch = "x86_64", target_feature = "sse2", not(test)),
    allow(dead_code)
)]
#[inline]
fn accept_mask_portable(chunk: &[u8; LOAD]) -> u64 {
    let mut v = [0u8; BLOCK];
    for ((d, &b), &n) in v.iter_mut().zip(chunk.iter()).zip(chunk.iter().skip(1)) {
        *d = u8::from(accepts(b, n));
    }
    let mut mask = 0u64;
    for (k, eight) in v.chunks_exact(8).enumerate() {
        let mut x = [0u8; 8];
        x.copy_from_slice(eight);
        // Byte j (0 or 1) lands in bit 56 + j; no carries reach the top byte.
        let bits = u64::from_le_bytes(x).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask |= bits << (8 * k);
    }
    mask
}

/// The word-byte mask of 64 bytes of the text being tokenized.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window {
    /// Offset of the first byte the mask describes.
    base: usize,
    /// Bit `i`: byte `base + i` is accepted inside a word (see
    /// [`accepts`]). Bytes past the end of the text are not accepted.
    accept: u64,
}

impl Default for Window {
    fn default() -> Self {
        // Every position `pos` of a slice (at most `isize::MAX`) is at
        // `pos + BLOCK + 1` (wrapping) after this base, so the first use
        // fills the window.
        Window {
            base: usize::MAX - BLOCK,
            accept: 0,
        }
    }
}

impl Window {
    /// Classifies the 64 bytes from `pos` (bytes past the end count as 0,
    /// which is not accepted).
    #[inline]
    fn fill(&mut self, bytes: &[u8], pos: usize) {
        self.base = pos;
        let whole = bytes
            .get(pos..pos + LOAD)
            .and_then(|s| <&[u8; LOAD]>::try_from(s).ok());
        self.accept = match whole {
            Some(chunk) => accept_mask(chunk),
            // The last bytes of the text.
            None => {
                let rest = bytes.get(pos..).unwrap_or_default();
                if rest.len() <= SHORT_TAIL {
                    short_mask(rest)
                } else {
                    tail_mask(rest)
                }
            }
        };
    }

    /// End of the run of accepted bytes from `pos` (the first byte
    /// [`accepts`] does not keep, or the end of the text).
    #[inline(always)]
    pub(super) fn run_end(&mut self, bytes: &[u8], mut pos: usize) -> usize {
        let mut k = pos.wrapping_sub(self.base);
        if k >= REFILL {
            self.fill(bytes, pos);
            k = 0;
        }
        loop {
            // Bits shifted in from the top read as "accepted": a zero
            // `stop` means the run reaches the end of the window.
            let stop = !self.accept >> k;
            if stop != 0 {
                return pos + stop.trailing_zeros() as usize;
            }
            pos = self.base + BLOCK;
            self.fill(bytes, pos);
            k = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference: the classes of the 8-byte windows of `scan::word_run`.
    fn accepts_reference(b: u8, n: u8) -> bool {
        match b {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | 0x80..=0xBF | 0xC4..=0xC9 | 0xCC => true,
            0xC3 => n != 0x97 && n != 0xB7,
            0xCD => (0x80..=0xAF).contains(&n),
            0xE1 => (0xB8..=0xBB).contains(&n),
            _ => false,
        }
    }

    #[test]
    fn accepts_agrees_with_the_reference_on_every_byte_pair() {
        for b in 0..=255u8 {
            for n in 0..=255u8 {
                assert_eq!(accepts(b, n), accepts_reference(b, n), "{b:#x} {n:#x}");
            }
        }
    }

    #[test]
    fn mask_agrees_with_the_byte_classes_at_every_position() {
        // Every pair of interesting bytes at every position of the block,
        // over a background of letters and of spaces.
        let interesting = [
            b'a', b'Z', b'0', b'9', b' ', b'.', 0x80, 0x97, 0xB7, 0xAF, 0xB0, 0xB8, 0xBB, 0xBC, 0xBF, 0xC3,
            0xC4, 0xC9, 0xCA, 0xCC, 0xCD, 0xE1, 0xE2, 0xF0, 0xFF, 0,
        ];
        for background in [b'x', b' ', 0x80] {
            for i in 0..LOAD - 1 {
                for &b in &interesting {
                    for &n in &interesting {
                        let mut chunk = [background; LOAD];
                        chunk[i] = b;
                        chunk[i + 1] = n;
                        let mask = accept_mask(&chunk);
                        assert_eq!(mask, accept_mask_portable(&chunk), "{i} {b:#x} {n:#x}");
                        for j in 0..BLOCK {
                            let expected = accepts_reference(chunk[j], chunk[j + 1]);
                            assert_eq!(mask >> j & 1 == 1, expected, "{i} {j} {b:#x} {n:#x}");
                        }
                    }
                }
            }
        }
    }

    /// Both mask builders (SSE2 where it exists, and the portable one)
    /// against the byte rule: every byte pair at even and odd positions of
    /// every 16-byte lane, and random chunks.
    #[test]
    fn masks_agree_on_every_byte_pair_and_on_random_chunks() {
        let check = |chunk: &[u8; LOAD]| {
            let mut expected = 0u64;
            for j in 0..BLOCK {
                expected |= u64::from(accepts_reference(chunk[j], chunk[j + 1])) << j;
            }
            assert_eq!(accept_mask(chunk), expected, "{chunk:?}");
            assert_eq!(accept_mask_portable(chunk), expected, "{chunk:?}");
        };
        for b in 0..=255u8 {
            for group in 0..7u8 {
                for shift in 0..2 {
                    let mut chunk = [b; LOAD];
                    for (k, pair) in chunk[shift..].chunks_exact_mut(2).enumerate() {
                        // Next bytes group * 40 + k, wrapping past 255.
                        pair[1] = group.wrapping_mul(40).wrapping_add(k as u8);
                    }
                    check(&chunk);
                }
            }
        }
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..20_000 {
            let mut chunk = [0u8; LOAD];
            for c in chunk.iter_mut() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                // Bias towards the bytes that matter: letters, C3/CC/CD/E1 and their next bytes.
                *c = match x >> 61 {
                    0 => b' ',
                    1 => [0xC3, 0xCC, 0xCD, 0xE1][(x & 3) as usize],
                    2 => 0x80 | (x >> 20) as u8 & 0x3F,
                    _ => (x >> 32) as u8,
                };
            }
            check(&chunk);
        }
    }

    /// The masks of a text's last bytes (byte by byte up to
    /// `SHORT_TAIL`, padded lanes beyond) against the byte rule, for
    /// every length that takes them, over random and interesting bytes;
    /// and through `Window::fill` at every position of such texts.
    #[test]
    fn tail_masks_agree_with_the_byte_rule_at_every_length() {
        let expected = |rest: &[u8]| {
            let mut m = 0u64;
            for (j, &b) in rest.iter().enumerate().take(BLOCK) {
                let n = rest.get(j + 1).copied().unwrap_or(0);
                m |= u64::from(accepts_reference(b, n)) << j;
            }
            m
        };
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let interesting = [
            b'a', b'Z', b'5', b' ', b'.', 0x80, 0x97, 0xAF, 0xB0, 0xB7, 0xB8, 0xBB, 0xC3, 0xCC, 0xCD, 0xE1,
        ];
        for len in 0..LOAD {
            for round in 0..200 {
                let rest: Vec<u8> = (0..len)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        if round % 2 == 0 {
                            interesting[(x % interesting.len() as u64) as usize]
                        } else {
                            (x >> 24) as u8
                        }
                    })
                    .collect();
                let want = expected(&rest);
                if len <= SHORT_TAIL {
                    assert_eq!(short_mask(&rest), want, "{rest:?}");
                } else {
                    assert_eq!(tail_mask(&rest), want, "{rest:?}");
                }
                // Both also agree beyond their own lengths.
                assert_eq!(short_mask(&rest), want, "{rest:?}");
                if len > 0 {
                    assert_eq!(tail_mask(&rest), want, "{rest:?}");
                }
                for pos in 0..=len {
                    let mut w = Window::default();
                    w.fill(&rest, pos);
                    assert_eq!(w.accept, expected(&rest[pos..]), "{rest:?} {pos}");
                }
            }
        }
        // Longer than a block: only the first 64 bytes count, with the
        // byte after them.
        let long: Vec<u8> = (0..100u8)
            .map(|i| [b'a', 0xC3, 0x97, b' '][usize::from(i % 4)])
            .collect();
        assert_eq!(short_mask(&long), expected(&long));
    }

    /// `scan::plain_word_with` tests an empty run as `run <= pos`, which
    /// is `run == pos` only because `run_end` never answers below `pos`,
    /// whatever window it holds: positions in every order, forwards,
    /// backwards and jumping across window edges.
    #[test]
    fn run_end_is_never_below_pos() {
        let text = "ạb Hà Nội, 12 ×÷ tiếp\u{300}a. ".repeat(20);
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut w = Window::default();
        for step in [1, 3, 7, 63, 64, 65, 129] {
            for start in 0..step.min(n) {
                let forwards: Vec<usize> = (start..=n).step_by(step).collect();
                for &pos in forwards.iter().chain(forwards.iter().rev()) {
                    assert!(w.run_end(bytes, pos) >= pos, "{pos} {step}");
                }
            }
        }
        for (a, b) in [(0, n), (n, 0), (5, 200), (200, 5), (n - 1, 0)] {
            assert!(w.run_end(bytes, a) >= a);
            assert!(w.run_end(bytes, b) >= b);
        }
    }

    #[test]
    fn run_end_agrees_with_a_byte_loop() {
        let reference = |bytes: &[u8], mut pos: usize| {
            while pos < bytes.len() && accepts_reference(bytes[pos], bytes.get(pos + 1).copied().unwrap_or(0))
            {
                pos += 1;
            }
            pos
        };
        // Runs of every length from 0 to 300 at every start offset
        // around the window edges, each ended by a space or the text end.
        for len in (0..140).chain([191, 192, 193, 255, 256, 257, 300]) {
            for lead in 0..70 {
                for end in ["", " tiếp", "×", "\u{300}"] {
                    let text = format!(
                        "{}{}{end}",
                        " ".repeat(lead),
                        "ạ".repeat(len / 3) + &"b".repeat(len % 3)
                    );
                    let bytes = text.as_bytes();
                    let mut w = Window::default();
                    // Also with a stale window from an earlier position.
                    for from in [lead, lead.saturating_sub(1)] {
                        assert_eq!(w.run_end(bytes, from), reference(bytes, from), "{text:?} {from}");
                    }
                    let mut fresh = Window::default();
                    assert_eq!(fresh.run_end(bytes, lead), reference(bytes, lead), "{text:?}");
                }
            }
        }
        assert_eq!(Window::default().run_end(b"", 0), 0);
        assert_eq!(Window::default().run_end(b"ab", 2), 2);
        assert_eq!(Window::default().run_end(b"ab", 7), 7);
    }
}
