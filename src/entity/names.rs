//! The shared machinery of the name recognizers: one keyed copy of the
//! document, one Aho-Corasick pass over it, and token features (letter
//! case, all-caps lines, line breaks) that the rules for organizations,
//! programs, locations and persons read.
//!
//! The rules themselves live in `organization.rs`, `program.rs`,
//! `location.rs` and `person.rs`; [`NameRecognizer`] runs them in one pass
//! over the document.

use super::{Annotations, Document, Entity, Recognizer};
use crate::lexicon::{push_token_key, CaseInfo, Entry, Extras, NameLexicon, Quick};
use crate::token::TokenKind;

/// Letter case of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// No upper-case letter (or no letter).
    Lower,
    /// First letter upper case, some lower-case letter after it (`Hà`, `R’lấp`).
    Title,
    /// All letters upper case (`UBND`, `HÀ`, `A`).
    Upper,
    /// Upper case inside (`iPhone`) or other mixes.
    Mixed,
}

/// One token as the name rules see it. A token like `TP.Quảng` is split
/// into `TP.` and `Quảng`.
///
/// In declaration order (`repr(C)`): the fields a new token starts with
/// at 0 (`cats`, `caps_line`, `newlines_before`) side by side, so the
/// token loops store them as one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    /// Categories of the lexicon hits that start at this token.
    pub cats: u16,
    /// The token's line has letters and none of them is lower case.
    pub caps_line: bool,
    /// Newlines in the gap before the token (capped at 2).
    pub newlines_before: u8,
    pub kind: TokenKind,
    pub case: Case,
    /// Shape flags (`flag::*`), from kind, case and `caps_line`.
    pub flags: u8,
}

impl Tok {
    /// Token `t` as the name rules start from it, `nl` newlines after the
    /// one before: lower case, no line, lexicon or shape facts yet.
    fn of(t: &crate::token::Token<'_>, nl: u8) -> Tok {
        Tok {
            start: t.span.start,
            end: t.span.end,
            kind: t.kind,
            case: Case::Lower,
            caps_line: false,
            newlines_before: nl,
            cats: 0,
            flags: 0,
        }
    }
}

/// Shape flags of a token, computed once per document.
mod flag {
    /// Written like a syllable of a proper name (see `Ctx::is_namecap`).
    pub const NAMECAP: u8 = 1;
    /// A lower-case word, or any word in an all-caps line.
    pub const LOWERISH: u8 = 1 << 1;
    /// An abbreviation (see `Ctx::is_abbrev`).
    pub const ABBREV: u8 = 1 << 2;
}

/// Token bitmaps (bit `k % 64` of word `k / 64` for token `k`) that let
/// the rules' passes jump to the tokens they can start at.
struct Bitmaps {
    /// Per category other than `STOP` (bit `c` of the category mask), the
    /// tokens where a hit of that category starts: word `w` of category
    /// `c` is `cats[w][c]`.
    cats: Vec<[u64; CATS]>,
    /// Name-cap tokens.
    namecaps: Vec<u64>,
    /// Tokens after a line break (and the first).
    breaks: Vec<u64>,
    /// The categories with some token in `cats` (kept by `mark_cats`).
    present: u16,
}

/// Categories with a bitmap: the bits of `cat::*` below `STOP`.
const CATS: usize = crate::lexicon::cat::STOP.trailing_zeros() as usize;

impl Bitmaps {
    /// Empty bitmaps (no allocation).
    const fn new() -> Self {
        Bitmaps {
            cats: Vec::new(),
            namecaps: Vec::new(),
            breaks: Vec::new(),
            present: 0,
        }
    }

    /// The bitmaps as a context reads them.
    #[inline(always)]
    fn view(&self) -> Maps<'_> {
        Maps {
            cats: &self.cats,
            namecaps: &self.namecaps,
            breaks: &self.breaks,
            present: self.present,
        }
    }

    /// Empties the category bitmaps and makes room for `n` tokens.
    fn reset_cats(&mut self, n: usize) {
        self.cats.clear();
        if n < 64 {
            // One row (most documents): one push.
            self.cats.push([0; CATS]);
        } else {
            self.cats.resize(n / 64 + 1, [0; CATS]);
        }
        self.present = 0;
    }

    /// Marks token `i` in the bitmaps of its categories `cats`.
    #[inline]
    fn mark_cats(&mut self, i: usize, cats: u16) {
        let Some(row) = self.cats.get_mut(i >> 6) else {
            return;
        };
        let c = cats & !crate::lexicon::cat::STOP;
        self.present |= c;
        mark_row(row, 1 << (i & 63), c);
    }
}

/// The shape flags of a token; `chars` counts the characters of an
/// all-upper token (0 for other cases).
#[inline(always)]
const fn shape_flags(kind: TokenKind, case: Case, caps_line: bool, chars: usize) -> u8 {
    let wordish = matches!(kind, TokenKind::Syllable | TokenKind::Word);
    let upper = matches!(case, Case::Upper);
    let namecap = wordish
        && match case {
            Case::Title => true,
            Case::Upper => caps_line || chars == 1,
            Case::Mixed => matches!(kind, TokenKind::Word),
            Case::Lower => false,
        };
    let lowerish = wordish && (matches!(case, Case::Lower) || (caps_line && upper));
    let abbrev = match kind {
        TokenKind::Abbreviation => matches!(case, Case::Upper | Case::Mixed | Case::Title),
        TokenKind::Syllable | TokenKind::Word => upper && !caps_line && chars >= 2,
        _ => false,
    };
    (namecap as u8 * flag::NAMECAP) | (lowerish as u8 * flag::LOWERISH) | (abbrev as u8 * flag::ABBREV)
}

/// Every token kind, for [`SHAPES`].
const KINDS: [TokenKind; 15] = TokenKind::ALL;

/// The shape of a token outside all-caps lines, the index into a row of
/// [`SHAPES`]: its case, and for an all-upper token whether it is one
/// character.
#[inline(always)]
fn shape_of(case: Case, chars: usize) -> u8 {
    match case {
        Case::Lower => 0,
        Case::Title => 1,
        Case::Upper if chars == 1 => 2,
        Case::Upper => 3,
        Case::Mixed => 4,
    }
}

/// Bits of a [`SHAPES`] entry besides the shape flags (`flag::*`, the low
/// three bits, as outside an all-caps line).
mod shape {
    /// An all-upper syllable or word (counts towards an all-caps line).
    pub const LINE_UPPER: u8 = 1 << 3;
    /// Another syllable or word (no all-caps line then).
    pub const LINE_LOWER: u8 = 1 << 4;
}

/// What the token loop needs of a token, by kind (`kind as usize`) and
/// shape ([`shape_of`]): one look-up instead of the matches.
const SHAPES: [[u8; 8]; 16] = {
    let mut t = [[0u8; 8]; 16];
    let mut k = 0;
    while k < KINDS.len() {
        let kind = KINDS[k];
        let mut s = 0;
        while s < 5 {
            let (case, chars) = match s {
                0 => (Case::Lower, 0),
                1 => (Case::Title, 0),
                2 => (Case::Upper, 1),
                3 => (Case::Upper, 2),
                _ => (Case::Mixed, 0),
            };
            let wordish = matches!(kind, TokenKind::Syllable | TokenKind::Word);
            let upper = matches!(case, Case::Upper);
            t[kind as usize][s] = shape_flags(kind, case, false, chars)
                | ((wordish && upper) as u8 * shape::LINE_UPPER)
                | ((wordish && !upper) as u8 * shape::LINE_LOWER);
            s += 1;
        }
        k += 1;
    }
    t
};

/// Letters of token `t` when it is all upper case (`shape_flags` needs
/// them), else 0.
#[inline(always)]
fn upper_chars(text: &str, t: &Tok) -> usize {
    if t.case == Case::Upper {
        text.get(t.start..t.end).map_or(0, |w| w.chars().count())
    } else {
        0
    }
}

#[cfg(test)]
/// Sets the shape flags of every token (after `caps_line` is known) and
/// the bitmaps (the reference for the fused loop of [`Ctx::build_with`]).
fn set_flags(text: &str, toks: &mut [Tok], maps: &mut Bitmaps) {
    let words = toks.len() / 64 + 1;
    for m in [&mut maps.namecaps, &mut maps.breaks] {
        m.clear();
        m.resize(words, 0);
    }
    maps.reset_cats(toks.len());
    // Bits of the current word of each bitmap.
    let mut acc = [0u64; 2];
    for (k, t) in toks.iter_mut().enumerate() {
        t.flags = shape_flags(t.kind, t.case, t.caps_line, upper_chars(text, t));
        maps.mark_cats(k, t.cats);
        let sh = k & 63;
        acc[0] |= u64::from(t.flags & flag::NAMECAP != 0) << sh;
        acc[1] |= u64::from(t.newlines_before > 0) << sh;
        if sh == 63 {
            store(maps, k >> 6, &mut acc);
        }
    }
    store(maps, toks.len() >> 6, &mut acc);
}

#[cfg(test)]
/// Writes the bitmap words gathered for word `w` and clears them.
fn store(maps: &mut Bitmaps, w: usize, acc: &mut [u64; 2]) {
    for (map, a) in [&mut maps.namecaps, &mut maps.breaks]
        .into_iter()
        .zip(acc.iter_mut())
    {
        if let Some(x) = map.get_mut(w) {
            *x = *a;
        }
        *a = 0;
    }
}

/// The first set bit at or after `from` in a token bitmap.
#[inline]
fn next_bit(bits: &[u64], from: usize) -> Option<usize> {
    let mut w = from >> 6;
    let mut cur = bits.get(w)? & (!0u64 << (from & 63));
    loop {
        if cur != 0 {
            return Some((w << 6) + cur.trailing_zeros() as usize);
        }
        w += 1;
        cur = *bits.get(w)?;
    }
}

/// A lexicon match: tokens `[start, end)` and the entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hit {
    start: u32,
    end: u32,
    entry: u32,
}

/// The document as the name rules see it. Its tokens, hits and bitmaps
/// are slices of the buffers of a [`MemoHome`] (built there in place and
/// left there for the next document: no buffer moves in or out, and
/// nothing to give back when the context goes).
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    hits: &'a [Hit],
    /// `hits[hit_range[i][0]..hit_range[i][1]]` are the hits starting at
    /// token i, longest first (empty when none: `[0, 0]`, or `[k, k]` for a
    /// phrase's first word without a one-word phrase, `k` the hits before).
    hit_range: &'a [[u32; 2]],
    lex: &'a NameLexicon,
    /// Some token's key holds a space: then equal keys of token ranges may
    /// come from different token sequences, and [`KeySet`] and
    /// [`RangeKeys`] check every key in full.
    spaced: bool,
    maps: Maps<'a>,
    /// The memo of the home the context was built in, lent to it while it
    /// lives (none for the reference build).
    memo: std::cell::RefCell<Option<&'a mut Memo>>,
    /// Token key hashes asked for so far (0: not yet; see [`Ctx::key_hash`]).
    key_hashes: std::cell::OnceCell<Vec<std::cell::Cell<u64>>>,
}

/// The bitmaps of a context ([`Bitmaps`] as slices of its home's).
#[derive(Clone, Copy)]
struct Maps<'a> {
    cats: &'a [[u64; CATS]],
    namecaps: &'a [u64],
    breaks: &'a [u64],
    present: u16,
}

/// Per-document buffers kept between contexts in a [`MemoHome`]: a
/// context is built in them and reads them in place.
struct Bufs {
    toks: Vec<Tok>,
    ids: Vec<u32>,
    hits: Vec<Hit>,
    hit_range: Vec<[u32; 2]>,
    maps: Bitmaps,
}

impl Bufs {
    /// Empty buffers (no allocation).
    const fn new() -> Self {
        Bufs {
            toks: Vec::new(),
            ids: Vec::new(),
            hits: Vec::new(),
            hit_range: Vec::new(),
            maps: Bitmaps::new(),
        }
    }

    /// Lets go of the buffers of a long document (a context leaves them
    /// behind in its home; see [`MemoHome::let_go`]).
    #[inline(always)]
    fn trim(&mut self) {
        if self.toks.capacity() > 1 << 16 || self.hits.capacity() > 1 << 16 {
            *self = Bufs::new();
        }
    }
}

fn case_of(s: &str) -> Case {
    if s.is_ascii() {
        let b = s.as_bytes();
        let upper = b.iter().filter(|c| c.is_ascii_uppercase()).count();
        if upper == 0 {
            return Case::Lower;
        }
        let lower = b.iter().filter(|c| c.is_ascii_lowercase()).count();
        if lower == 0 {
            return Case::Upper;
        }
        let first_letter = b.iter().position(|c| c.is_ascii_alphabetic());
        let title = first_letter.is_some_and(|f| {
            b.get(f).is_some_and(u8::is_ascii_uppercase) && !b.iter().skip(f + 1).any(u8::is_ascii_uppercase)
        });
        return if title { Case::Title } else { Case::Mixed };
    }
    let mut upper = 0usize;
    let mut lower = 0usize;
    let mut first_upper = false;
    let mut seen_letter = false;
    let mut inner_upper = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if !seen_letter {
                first_upper = true;
            } else if lower > 0 {
                inner_upper = true;
            }
            upper += 1;
            seen_letter = true;
        } else if c.is_lowercase() {
            lower += 1;
            seen_letter = true;
        }
    }
    if upper == 0 {
        Case::Lower
    } else if lower == 0 {
        Case::Upper
    } else if first_upper && !inner_upper {
        Case::Title
    } else {
        Case::Mixed
    }
}

/// `TP.Quảng` → (`TP.`, `Quảng`): an admin abbreviation glued to a name.
fn split_glued_prefix(text: &str) -> Option<usize> {
    for p in ["TP.", "Tp.", "TX.", "TT.", "Q.", "P."] {
        if let Some(rest) = text.strip_prefix(p) {
            if !rest.is_empty() && !rest.contains('.') && case_of(rest) == Case::Title {
                return Some(p.len());
            }
        }
    }
    None
}

/// The two tokens a glued abbreviation token (`TP.Quảng`) stands for, with
/// their texts: the prefix keeps the token's kind, the name after it is a
/// syllable on the same line. Each build sets the parts' case its own way.
fn split_glued(tok: Tok, text: &str) -> Option<[(Tok, &str); 2]> {
    if tok.kind != TokenKind::Abbreviation {
        return None;
    }
    let cut = split_glued_prefix(text)?;
    let mid = tok.start + cut;
    let (head, rest) = (text.get(..cut)?, text.get(cut..)?);
    let prefix = Tok { end: mid, ..tok };
    let name = Tok {
        start: mid,
        kind: TokenKind::Syllable,
        newlines_before: 0,
        ..tok
    };
    Some([(prefix, head), (name, rest)])
}

/// Newlines in `text[from..to]`, capped at 2.
fn newlines_between(text: &str, from: usize, to: usize) -> u8 {
    let gap = text.as_bytes().get(from..to).unwrap_or(&[]);
    gap.iter().filter(|&&b| b == b'\n').count().min(2) as u8
}

/// Whether `bytes` holds a `\n` (core's `memchr` reads a word at a time,
/// ~3.4 instructions a byte on viwiki lines; SSE2 reads 32 bytes in five).
/// Always inlined (the one caller's short-text test then runs in place;
/// left to the compiler it became a call once the context took a caller's
/// memo); its SSE2 body stays out of line (inlined, it cost ~50
/// instructions a document more).
#[inline(always)]
fn has_newline(bytes: &[u8]) -> bool {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        has_newline_sse2(bytes)
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        has_newline_plain(bytes)
    }
}

/// [`has_newline`] byte by byte.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn has_newline_plain(bytes: &[u8]) -> bool {
    bytes.contains(&b'\n')
}

/// [`has_newline`] with SSE2: 32 bytes by two compares, an or and one
/// `pmovmskb`; the tail by one (overlapping) load of the last 16 bytes.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(never)]
fn has_newline_sse2(bytes: &[u8]) -> bool {
    use safe_arch::{bitor_m128i, cmp_eq_mask_i8_m128i, m128i, move_mask_i8_m128i, set_splat_i8_m128i};
    let nl = set_splat_i8_m128i(b'\n' as i8);
    let load = |b: &[u8]| m128i::from(<[u8; 16]>::try_from(b).unwrap_or([0; 16]));
    let n = bytes.len();
    if n < 16 {
        // (Not `contains`: its `memchr` call costs more on a few bytes;
        // a byte loop mispredicts its exit.)
        return has_newline_short(bytes);
    }
    let mut chunks = bytes.chunks_exact(32);
    for chunk in chunks.by_ref() {
        let (a, b) = chunk.split_at(16);
        let m = bitor_m128i(
            cmp_eq_mask_i8_m128i(load(a), nl),
            cmp_eq_mask_i8_m128i(load(b), nl),
        );
        if move_mask_i8_m128i(m) != 0 {
            return true;
        }
    }
    let rest = chunks.remainder();
    if let Some(a) = rest.get(..16) {
        if move_mask_i8_m128i(cmp_eq_mask_i8_m128i(load(a), nl)) != 0 {
            return true;
        }
    }
    // The last 16 bytes (some seen already).
    let tail = bytes.get(n - 16..).unwrap_or(&[]);
    move_mask_i8_m128i(cmp_eq_mask_i8_m128i(load(tail), nl)) != 0
}

/// [`has_newline`] of fewer than 16 bytes: two words read in place (the
/// bytes after the text as zeros), each tested for a `\n` byte at once
/// (`x - 0x01… & !x & 0x80…` is not zero exactly when `x` has a zero
/// byte).
#[inline]
fn has_newline_short(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const NL: u64 = u64::from_le_bytes([b'\n'; 8]);
    let (lo, hi) = bytes.split_at(bytes.len().min(8));
    // A padding byte reads 0 ^ `\n`: never zero.
    let zero_byte = |w: u64| {
        let x = w ^ NL;
        x.wrapping_sub(ONES) & !x & (ONES << 7) != 0
    };
    zero_byte(padded_u64(lo)) | zero_byte(padded_u64(hi))
}

/// Up to 8 bytes as a little-endian word, zero bytes after them.
#[inline]
pub(crate) fn padded_u64(b: &[u8]) -> u64 {
    let n = b.len();
    if let Some(w) = b.first_chunk::<8>() {
        return u64::from_le_bytes(*w);
    }
    if let (Some(x), Some(y)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        // Two reads of 4 that overlap: the shared bytes are equal.
        return u64::from(u32::from_le_bytes(*x)) | u64::from(u32::from_le_bytes(*y)) << (8 * (n - 4));
    }
    match (b.first(), b.get(n / 2), b.last()) {
        (Some(&x), Some(&m), Some(&z)) => {
            u64::from(x) | u64::from(m) << (8 * (n / 2)) | u64::from(z) << (8 * (n - 1))
        }
        _ => 0,
    }
}

/// What the one-line token loop needs of up to 64 annotations: their
/// bits or-ed, the all-upper words among them (`LINE_UPPER`), a mask
/// of the tokens it must look at (bit `j`: `anns[j]` is no annotation or
/// one of a [`special_kind`]), and the mask of their `NAMECAP` flags.
#[inline(always)]
fn ann_block(anns: &[u32]) -> (u32, u32, u64, u64) {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        ann_block_sse2(anns)
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        ann_block_plain(anns)
    }
}

/// [`ann_block`] one annotation at a time.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline(always)]
fn ann_block_plain(anns: &[u32]) -> (u32, u32, u64, u64) {
    let mut block = (0, 0, 0, 0);
    for (j, &w) in anns.iter().enumerate() {
        ann_step(&mut block, j, w);
    }
    block
}

/// Annotation `w` at place `j` of a block added to [`ann_block`]'s answer
/// (`acc`, `upper`, `look`, `caps`).
#[inline(always)]
fn ann_step(block: &mut (u32, u32, u64, u64), j: usize, w: u32) {
    let (acc, upper, look, caps) = block;
    *acc |= w;
    *upper += (w >> 27) & 1;
    *look |= u64::from(w & (PACKED | SPECIAL) != PACKED) << (j & 63);
    *caps |= u64::from((w >> 24) & u32::from(flag::NAMECAP)) << (j & 63);
}

/// [`ann_block`] with SSE2, four annotations a step; the last one to three
/// as the four that end the block again (their lanes seen before masked
/// out of the count, or-ed in twice elsewhere), a block of fewer than four
/// without a loop.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn ann_block_sse2(anns: &[u32]) -> (u32, u32, u64, u64) {
    use safe_arch::{
        add_i32_m128i, bitand_m128i, bitor_m128i, cast_to_m128_from_m128i, cmp_eq_mask_i32_m128i, m128i,
        move_mask_m128, set_splat_i32_m128i, shl_imm_u32_m128i, shr_imm_u32_m128i,
    };
    // (`NAMECAP` is bit 0 of the `SHAPES` entry in bits 24–28.)
    const _: () = assert!(flag::NAMECAP == 1);
    // The lanes of the last four that the full steps did not count, by the
    // number of ids past the last full step.
    const NEW_LANES: [[u32; 4]; 4] = [[0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 1], [0, 1, 1, 1]];
    if anns.len() < 4 {
        // One to three: no loop (as a loop LLVM made it ~16 a step and a
        // set-up).
        let mut block = (0, 0, 0, 0);
        for k in 0..3 {
            if let Some(&w) = anns.get(k) {
                ann_step(&mut block, k, w);
            }
        }
        return block;
    }
    let kind_bits = set_splat_i32_m128i((PACKED | SPECIAL) as i32);
    let plain = set_splat_i32_m128i(PACKED as i32);
    let (mut acc, mut upper) = (m128i::default(), m128i::default());
    let (mut look, mut caps) = (0u64, 0u64);
    let mut step = |at: usize, v: m128i, count: m128i| {
        acc = bitor_m128i(acc, v);
        upper = add_i32_m128i(upper, bitand_m128i(shr_imm_u32_m128i::<27>(v), count));
        let fast = cmp_eq_mask_i32_m128i(bitand_m128i(v, kind_bits), plain);
        let fast = move_mask_m128(cast_to_m128_from_m128i(fast)) as u64;
        look |= (!fast & 15) << (at & 63);
        let namecap = move_mask_m128(cast_to_m128_from_m128i(shl_imm_u32_m128i::<7>(v))) as u64;
        caps |= namecap << (at & 63);
    };
    let one = set_splat_i32_m128i(1);
    let mut chunks = anns.chunks_exact(4);
    let mut j = 0;
    for c in chunks.by_ref() {
        step(j, m128i::from(<[u32; 4]>::try_from(c).unwrap_or([0; 4])), one);
        j += 4;
    }
    let rest = chunks.remainder().len();
    if rest > 0 {
        let at = anns.len() - 4;
        if let (Some(last), Some(&lanes)) = (anns.get(at..), NEW_LANES.get(rest)) {
            let v = m128i::from(<[u32; 4]>::try_from(last).unwrap_or([0; 4]));
            step(at, v, m128i::from(lanes));
        }
    }
    let a: [u32; 4] = acc.into();
    let u: [u32; 4] = upper.into();
    (a[0] | a[1] | a[2] | a[3], u[0] + u[1] + u[2] + u[3], look, caps)
}

/// The token loop of [`Ctx::build_with`]: tokens with their shape flags
/// (as if outside an all-caps line) and the counts that find the all-caps
/// lines; the bitmaps follow in [`Builder::finish`].
struct Builder<'b> {
    toks: &'b mut Vec<Tok>,
    ids: &'b mut Vec<u32>,
    maps: &'b mut Bitmaps,
    /// First token of the current line.
    line_start: usize,
    /// All-upper words in the current line.
    line_upper: u32,
    /// The current line has a word that is not all upper case.
    line_lower: bool,
    /// Token ranges of the all-caps lines found.
    caps_lines: Vec<(usize, usize)>,
}

impl Builder<'_> {
    /// Adds a token of shape `shape` ([`shape_of`]).
    #[inline(always)]
    fn push(&mut self, tok: Tok, id: u32, shape: u8) {
        self.push_info(tok, id, shape_info(tok.kind, shape));
    }

    /// Adds a token whose [`SHAPES`] entry is `info`.
    #[inline(always)]
    fn push_info(&mut self, mut tok: Tok, id: u32, info: u8) {
        let k = self.toks.len();
        if tok.newlines_before > 0 {
            self.end_line(k);
            self.mark_break(k);
        }
        self.line_upper += u32::from(info & shape::LINE_UPPER != 0);
        self.line_lower |= info & shape::LINE_LOWER != 0;
        tok.flags = info & (flag::NAMECAP | flag::LOWERISH | flag::ABBREV);
        self.toks.push(tok);
        self.ids.push(id);
    }

    /// The token loop for a document without a newline whose tokens the
    /// tokenizer annotated (`anns`, one per token): every token copied
    /// with its annotation's class (the ids in a pass of their own), then
    /// the tokens without one classified as the general loop does. Returns
    /// whether some key holds a space, or `None` (with the buffers
    /// partly filled) when a glued abbreviation splits a token.
    #[inline(always)]
    fn one_line(
        &mut self,
        tokens: &[crate::token::Token<'_>],
        anns: &[u32],
        lex: &NameLexicon,
        memo: &mut Memo,
        scratch: &mut Vec<u8>,
    ) -> Option<bool> {
        self.toks.extend(tokens.iter().zip(anns).map(|(t, &w)| Tok {
            start: t.span.start,
            end: t.span.end,
            kind: t.kind,
            case: Class::unpack_case(w),
            caps_line: false,
            newlines_before: 0,
            cats: 0,
            flags: ((w >> 24) as u8) & (flag::NAMECAP | flag::LOWERISH | flag::ABBREV),
        }));
        // (0, no annotation, wraps to `NONE` too.)
        self.ids
            .extend(anns.iter().map(|&w| (w & ID_LIMIT).wrapping_sub(1)));
        // The annotations' bits or-ed (`spaced`, `LINE_LOWER`), the
        // all-upper words counted, and the tokens to look at (without an
        // annotation, or of a special kind: the annotation says which, so
        // only `anns` is read), 64 at a time.
        let mut acc = 0u32;
        let mut upper = 0u32;
        for (c, block) in anns.chunks(64).enumerate() {
            let (a, u, mut look, mut caps) = ann_block(block);
            acc |= a;
            upper += u;
            while look != 0 {
                let k = c * 64 + look.trailing_zeros() as usize;
                look &= look - 1;
                let (Some(t), Some(&w)) = (tokens.get(k), anns.get(k)) else {
                    break;
                };
                if t.kind == TokenKind::Abbreviation && split_glued_prefix(t.text).is_some() {
                    return None;
                }
                let keyed = crate::lexicon::keyed_kind(t.kind);
                if w & PACKED != 0 {
                    if keyed {
                        continue;
                    }
                    // (An annotated link: the general loop ignores it.)
                    return None;
                }
                let (case, id, info, sp) = if keyed {
                    let c = memo.class(t.text, lex, scratch);
                    (c.case, c.id, shape_info(t.kind, c.shape), c.spaced)
                } else {
                    let case = case_of(t.text);
                    let chars = if case == Case::Upper {
                        t.text.chars().count()
                    } else {
                        0
                    };
                    let info = shape_info(t.kind, shape_of(case, chars));
                    (case, crate::lexicon::NONE, info, false)
                };
                if let (Some(x), Some(i)) = (self.toks.get_mut(k), self.ids.get_mut(k)) {
                    x.case = case;
                    x.flags = info & (flag::NAMECAP | flag::LOWERISH | flag::ABBREV);
                    *i = id;
                }
                acc |= u32::from(info) << 24 | u32::from(sp) << 29;
                upper += u32::from(info & shape::LINE_UPPER != 0);
                caps = caps & !(1 << (k & 63)) | u64::from(info & flag::NAMECAP) << (k & 63);
            }
            // The name-cap bitmap's word (`finish` keeps it unless the
            // line is all caps).
            self.maps.namecaps.push(caps);
        }
        if tokens.len() % 64 == 0 {
            self.maps.namecaps.push(0);
        }
        self.line_upper = upper;
        self.line_lower = acc & u32::from(shape::LINE_LOWER) << 24 != 0;
        Some(acc & 1 << 29 != 0)
    }

    /// The token loop for any document (several lines, no annotations, a
    /// glued abbreviation): returns whether some key holds a space. Out of
    /// line: one-line documents (most) do not run it, and its code kept
    /// apart leaves theirs denser.
    #[inline(never)]
    fn general(
        &mut self,
        doc: &Document<'_>,
        anns: &[u32],
        lex: &NameLexicon,
        memo: &mut Memo,
        scratch: &mut Vec<u8>,
    ) -> bool {
        let text = doc.text;
        let mut spaced = false;
        let mut prev_end = 0usize;
        self.toks.clear();
        self.toks.reserve(doc.tokens.len() + 4);
        self.ids.clear();
        self.ids.reserve(doc.tokens.len() + 4);
        self.maps.namecaps.clear();
        for (k, t) in doc.tokens.iter().enumerate() {
            let (start, end) = (t.span.start, t.span.end);
            // Newlines in the gap: mostly none or one space.
            let nl = if start <= prev_end + 1 {
                u8::from(start > prev_end && text.as_bytes().get(prev_end) == Some(&b'\n'))
            } else {
                newlines_between(text, prev_end, start)
            };
            // (The first token's count is set to 2 after the loop.)
            prev_end = end;
            let tok = Tok::of(t, nl);
            if let Some(parts) = split_glued(tok, t.text) {
                for (part, part_text) in parts {
                    let c = memo.class(part_text, lex, scratch);
                    spaced |= c.spaced;
                    self.push(Tok { case: c.case, ..part }, c.id, c.shape);
                }
                continue;
            }
            if crate::lexicon::keyed_kind(t.kind) {
                if let Some(a) = anns.get(k).and_then(|&w| Class::unpack(w)) {
                    spaced |= a.spaced;
                    self.push_info(Tok { case: a.case, ..tok }, a.id, a.info);
                } else {
                    let c = memo.class(t.text, lex, scratch);
                    spaced |= c.spaced;
                    self.push(Tok { case: c.case, ..tok }, c.id, c.shape);
                }
            } else {
                let case = case_of(t.text);
                let chars = if case == Case::Upper {
                    t.text.chars().count()
                } else {
                    0
                };
                self.push(Tok { case, ..tok }, crate::lexicon::NONE, shape_of(case, chars));
            }
        }
        spaced
    }

    /// Sets token `k`'s bit in the line-break bitmap (made here, in the
    /// branch taken once per line, rather than in a pass over every token).
    #[inline]
    fn mark_break(&mut self, k: usize) {
        let w = k >> 6;
        if self.maps.breaks.len() <= w {
            self.maps.breaks.resize(w + 1, 0);
        }
        if let Some(x) = self.maps.breaks.get_mut(w) {
            *x |= 1 << (k & 63);
        }
    }

    /// The line that started at `line_start` ends before token `k`.
    #[inline]
    fn end_line(&mut self, k: usize) {
        if !self.line_lower && self.line_upper >= 3 {
            self.caps_lines.push((self.line_start, k));
        }
        self.line_start = k;
        self.line_upper = 0;
        self.line_lower = false;
    }

    /// Ends the last line, sets the tokens of all-caps lines (their flags
    /// change) and makes the name-cap and line-break bitmaps. Always
    /// inlined into the one caller (as a call it cost ~20 instructions a
    /// document more: the builder's fields went through memory).
    #[inline(always)]
    fn finish(&mut self, text: &str) {
        let n = self.toks.len();
        self.end_line(n);
        for &(a, b) in &self.caps_lines {
            for t in self.toks.get_mut(a..b).unwrap_or(&mut []) {
                t.caps_line = true;
                t.flags = shape_flags(t.kind, t.case, true, upper_chars(text, t));
            }
        }
        // The first token starts a line (its count is set after the loop).
        if n < 64 && self.maps.breaks.is_empty() {
            // One word and no break marked yet (every one-line document).
            self.maps.breaks.push(u64::from(n > 0));
        } else {
            if n > 0 {
                self.mark_break(0);
            }
            self.maps.breaks.resize(n / 64 + 1, 0);
        }
        // The name-cap bitmap, in a tight pass of its own (in the token
        // loop it costs more: the loop's body keeps too much live), unless
        // the one-line loop made it from the annotations and no all-caps
        // line changed a flag.
        if self.maps.namecaps.is_empty() || !self.caps_lines.is_empty() {
            self.maps.namecaps.clear();
            for chunk in self.toks.chunks(64) {
                let mut caps = 0u64;
                for (j, t) in chunk.iter().enumerate() {
                    caps |= u64::from(t.flags & flag::NAMECAP) << j;
                }
                self.maps.namecaps.push(caps);
            }
            if n % 64 == 0 {
                self.maps.namecaps.push(0);
            }
        }
    }
}

/// The lexicon hits of a document with spaced keys (rare: a custom
/// lexicon's key with a space), by the scan over the keyed text, and the
/// tokens' categories and bitmaps from them. Out of line, like
/// [`Builder::general`].
#[inline(never)]
fn spaced_hits(
    text: &str,
    toks: &mut [Tok],
    lex: &NameLexicon,
    hits: &mut Vec<Hit>,
    hit_range: &mut Vec<[u32; 2]>,
    maps: &mut Bitmaps,
) {
    scan_keys(text, toks, lex, hits, hit_range);
    for h in hits.iter() {
        if let (Some(t), Some(c)) = (toks.get_mut(h.start as usize), lex.cats.get(h.entry as usize)) {
            t.cats |= *c;
        }
    }
    for (i, t) in toks.iter().enumerate() {
        maps.mark_cats(i, t.cats);
    }
}

/// The lexicon hits of a document without spaced keys: from the start
/// record of every token whose vocabulary id may start a phrase, and a
/// walk of the trie from those longer phrases start with; bucketed by
/// start token, longest first, with the tokens' categories and the
/// category bitmaps. Out of line: inlined, its loop took the registers of
/// the token loop before it and cost more.
///
/// The words that start some phrase have the lowest vocabulary ids
/// (below [`StartTables::limit`]), so a compare of four ids at a time
/// ([`starter_mask`]) finds them, 64 tokens a step: the other ~60 % of the
/// tokens (no id, or an id only inside phrases) cost nothing more. A
/// starter's one-word hit, if any, is straight-line code (the hit pushed
/// always and dropped again when there is none, the bucket, categories
/// and bitmaps from its start record); only a token whose go-on filter
/// says its next word may continue a phrase ([`StartTables::may_go_on`])
/// branches to the walk ([`walk_longer`], inlined: out of line its call
/// cost ~70 instructions of the ~165 a walk takes).
///
/// [`StartTables::limit`]: crate::lexicon::StartTables::limit
/// [`StartTables::may_go_on`]: crate::lexicon::StartTables::may_go_on
#[inline(never)]
fn walk_trie(
    toks: &mut [Tok],
    ids: &[u32],
    hits: &mut Vec<Hit>,
    hit_range: &mut Vec<[u32; 2]>,
    maps: &mut Bitmaps,
    lex: &NameLexicon,
) {
    use crate::lexicon::{StartTables, NONE};
    let n = toks.len().min(ids.len()).min(u32::MAX as usize - 1);
    let tables = lex.trie.start_tables();
    let limit = tables.limit();
    // Every token's bucket empty to start with: up to 8 tokens by four
    // stores and a cut (the `memset` call of `resize` was ~25 a short
    // line), more by `resize` (a store loop costs more than the call).
    hit_range.clear();
    if toks.len() <= 8 {
        hit_range.extend_from_slice(&[[0u32; 2]; 8]);
        hit_range.truncate(toks.len());
    } else {
        hit_range.resize(toks.len(), [0, 0]);
    }
    // The categories seen, stored once at the end.
    let mut present = 0u16;
    // Only made when a block has no bitmap word (never: `reset_cats`
    // made one per 64 tokens); zeroing it ahead cost ~28 a document.
    let mut spare;
    for (c, block) in ids.get(..n).unwrap_or(&[]).chunks(64).enumerate() {
        let mut m = starter_mask(block, limit);
        if m == 0 {
            continue;
        }
        // The block's word of every category bitmap (`reset_cats` made
        // one per 64 tokens, so `spare` is never written).
        let row = match maps.cats.get_mut(c) {
            Some(row) => row,
            None => {
                spare = [0u64; CATS];
                &mut spare
            }
        };
        while m != 0 {
            let j = m.trailing_zeros();
            let i = c * 64 + j as usize;
            m &= m - 1;
            let id = ids.get(i).copied().unwrap_or(NONE);
            let next = ids.get(i + 1).copied().unwrap_or(NONE);
            let (s, go) = tables.record(id);
            if StartTables::may_go_on(go, next) {
                present |= walk_longer(i, s, ids, hits, toks, hit_range, row, lex);
                continue;
            }
            // The one-word hit pushed always, dropped again when there is
            // none (no entry: no categories, the bucket `[len, len]` is
            // empty; making it `[0, 0]` cost ~5 a starter).
            let entry = s as u32;
            let len = hits.len();
            hits.push(Hit {
                start: i as u32,
                end: i as u32 + 1,
                entry,
            });
            let has = usize::from(entry != NONE);
            hits.truncate(len + has);
            if let Some(r) = hit_range.get_mut(i) {
                *r = [len as u32, (len + has) as u32];
            }
            let cats = (s >> 32) as u16;
            if let Some(t) = toks.get_mut(i) {
                t.cats |= cats;
            }
            let c = cats & !crate::lexicon::cat::STOP;
            present |= c;
            mark_row(row, 1 << j, c);
        }
    }
    maps.present |= present;
}

/// Bit `j` set when `ids[j]` (up to 64) is below `limit` (`NONE` never is).
#[inline(always)]
fn starter_mask(ids: &[u32], limit: u32) -> u64 {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        starter_mask_sse2(ids, limit)
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        starter_mask_plain(ids, limit)
    }
}

/// [`starter_mask`] one id at a time.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline(always)]
fn starter_mask_plain(ids: &[u32], limit: u32) -> u64 {
    let mut m = 0u64;
    for (j, &id) in ids.iter().enumerate() {
        m |= u64::from(id < limit) << (j & 63);
    }
    m
}

/// [`starter_mask`] with SSE2, four ids a step (the tail as the last four): an
/// unsigned compare as a signed one of both sides with the top bit flipped.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn starter_mask_sse2(ids: &[u32], limit: u32) -> u64 {
    use safe_arch::{
        bitxor_m128i, cast_to_m128_from_m128i, cmp_lt_mask_i32_m128i, m128i, move_mask_m128,
        set_splat_i32_m128i,
    };
    let top = set_splat_i32_m128i(i32::MIN);
    let lim = set_splat_i32_m128i((limit ^ 0x8000_0000) as i32);
    let mut m = 0u64;
    let mut chunks = ids.chunks_exact(4);
    let mut j = 0;
    for c in chunks.by_ref() {
        let v = m128i::from(<[u32; 4]>::try_from(c).unwrap_or([u32::MAX; 4]));
        let lt = cmp_lt_mask_i32_m128i(bitxor_m128i(v, top), lim);
        m |= (move_mask_m128(cast_to_m128_from_m128i(lt)) as u64) << (j & 63);
        j += 4;
    }
    // The last one to three ids: the four ids that end the block again
    // (those before them or-ed in twice), one by one only in a block of
    // fewer than four.
    let rest = chunks.remainder();
    if rest.is_empty() {
        return m;
    }
    match ids.len().checked_sub(4).and_then(|at| Some((at, ids.get(at..)?))) {
        Some((at, last)) => {
            let v = m128i::from(<[u32; 4]>::try_from(last).unwrap_or([u32::MAX; 4]));
            let lt = cmp_lt_mask_i32_m128i(bitxor_m128i(v, top), lim);
            m | (move_mask_m128(cast_to_m128_from_m128i(lt)) as u64) << (at & 63)
        }
        // One to three ids: no loop (LLVM vectorized `starter_mask_plain`
        // here and loaded its four constants in every document).
        None => {
            let bit = |k: usize| rest.get(k).map_or(0, |&id| u64::from(id < limit) << k);
            m | bit(0) | bit(1) | bit(2)
        }
    }
}

/// The hits at token `i` when a phrase of two words or more may start
/// there (`s` its start record): pushed longest first, the one-word hit
/// last, with the token's bucket, categories and bits in `row` (the
/// category bitmaps' word of `i`); returns the categories marked.
/// Inlined into [`walk_trie`] (its hot loop kept its instructions).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn walk_longer(
    i: usize,
    s: crate::lexicon::Start,
    ids: &[u32],
    hits: &mut Vec<Hit>,
    toks: &mut [Tok],
    hit_range: &mut [[u32; 2]],
    row: &mut [u64; CATS],
    lex: &NameLexicon,
) -> u16 {
    let at = hits.len();
    let mut cats = (s >> 32) as u16;
    lex.trie
        .matches_past_first(ids.get(i..).unwrap_or(&[]), |l, entry| {
            cats |= lex.cats.get(entry as usize).copied().unwrap_or(0);
            hits.push(Hit {
                start: i as u32,
                end: (i + l) as u32,
                entry,
            });
        });
    if let Some(longer) = hits.get_mut(at..) {
        longer.reverse();
    }
    let entry = s as u32;
    if entry != crate::lexicon::NONE {
        hits.push(Hit {
            start: i as u32,
            end: i as u32 + 1,
            entry,
        });
    }
    if hits.len() == at {
        return 0;
    }
    if let Some(r) = hit_range.get_mut(i) {
        *r = [at as u32, hits.len() as u32];
    }
    if let Some(t) = toks.get_mut(i) {
        t.cats |= cats;
    }
    let c = cats & !crate::lexicon::cat::STOP;
    mark_row(row, 1 << (i & 63), c);
    c
}

/// Sets `bit` in the words of `row` of the categories `c` (not `STOP`):
/// the first without a branch (a token has mostly none or one, which is
/// hard to predict; none or-s 0 into the last word), the others in a loop.
#[inline(always)]
fn mark_row(row: &mut [u64; CATS], bit: u64, c: u16) {
    let k = (c.trailing_zeros() as usize).min(CATS - 1);
    let m = 0u64.wrapping_sub(u64::from(c != 0));
    if let Some(x) = row.get_mut(k) {
        *x |= bit & m;
    }
    let mut c = c & c.wrapping_sub(1);
    while c != 0 {
        if let Some(x) = row.get_mut(c.trailing_zeros() as usize) {
            *x |= bit;
        }
        c &= c - 1;
    }
}

/// [`walk_trie`] as it was written with a branch per test (the reference
/// its tests compare with): the same hits, buckets, categories and
/// bitmaps, each token's start record read only when it has an id.
#[cfg(test)]
fn walk_trie_ref(
    toks: &mut [Tok],
    ids: &[u32],
    hits: &mut Vec<Hit>,
    hit_range: &mut Vec<[u32; 2]>,
    maps: &mut Bitmaps,
    lex: &NameLexicon,
) {
    hit_range.resize(toks.len(), [0, 0]);
    let trie = &lex.trie;
    let slots = toks.iter_mut().zip(hit_range.iter_mut());
    for (i, (&id, (t, r))) in ids.iter().zip(slots).enumerate() {
        if id == crate::lexicon::NONE {
            continue;
        }
        // Most words start no phrase longer than themselves: their
        // one hit (if any) comes from the start record alone.
        let s = trie.start(id);
        if trie.start_tables().record(id).1 == 0 {
            let entry = s as u32;
            if entry == crate::lexicon::NONE {
                continue;
            }
            let cats = (s >> 32) as u16;
            let at = hits.len() as u32;
            hits.push(Hit {
                start: i as u32,
                end: i as u32 + 1,
                entry,
            });
            t.cats = cats;
            *r = [at, at + 1];
            maps.mark_cats(i, cats);
            continue;
        }
        // Longer phrases: walked past the first word, whose own
        // hit (if any) the record gives; the bucket is longest
        // first, so it goes last.
        let at = hits.len();
        trie.matches_past_first(ids.get(i..).unwrap_or(&[]), |len, entry| {
            hits.push(Hit {
                start: i as u32,
                end: (i + len) as u32,
                entry,
            });
        });
        let mut cats = (s >> 32) as u16;
        if let Some(longer) = hits.get_mut(at..) {
            longer.reverse();
            for h in longer.iter() {
                cats |= lex.cats.get(h.entry as usize).copied().unwrap_or(0);
            }
        }
        let entry = s as u32;
        if entry != crate::lexicon::NONE {
            hits.push(Hit {
                start: i as u32,
                end: i as u32 + 1,
                entry,
            });
        }
        if hits.len() == at {
            continue;
        }
        t.cats = cats;
        *r = [at as u32, hits.len() as u32];
        maps.mark_cats(i, cats);
    }
}

impl<'a> Ctx<'a> {
    /// The context of `doc`, every word classified here (tests), built in
    /// `home`.
    #[cfg(test)]
    pub fn new(doc: &Document<'a>, lex: &'a NameLexicon, home: &'a mut MemoHome) -> Self {
        Self::annotated_in(doc, &Annotations::default(), lex, home)
    }

    /// The context of `doc` with the tokenizer's annotations of its words
    /// (see [`tokenize_classified`]; annotations of another lexicon or of
    /// other tokens are not used), built in the buffers of `home` with its
    /// memo (a new one when it has none), which the context reads in
    /// place while it lives.
    #[inline(always)]
    pub(crate) fn annotated_in(
        doc: &Document<'a>,
        anns: &Annotations,
        lex: &'a NameLexicon,
        home: &'a mut MemoHome,
    ) -> Self {
        let (memo, bufs) = home.lend(lex);
        Self::build_with(doc, anns, lex, memo, bufs, true)
    }

    #[cfg(test)]
    /// Builds the context in `home`; `reference` forces the Aho-Corasick
    /// scan over the keyed text instead of the word-level trie, and
    /// classifies every token afresh instead of through the memo (for
    /// tests).
    pub(crate) fn build(
        doc: &Document<'a>,
        lex: &'a NameLexicon,
        reference: bool,
        home: &'a mut MemoHome,
    ) -> Self {
        if reference {
            return Self::build_reference(doc, lex, &mut home.bufs);
        }
        Self::new(doc, lex, home)
    }

    #[cfg(test)]
    /// The reference build: every token classified afresh, one pass per
    /// feature (caps lines, lexicon scan over the keyed text, flags).
    fn build_reference(doc: &Document<'a>, lex: &'a NameLexicon, bufs: &'a mut Bufs) -> Self {
        let text = doc.text;
        let mut toks: Vec<Tok> = Vec::with_capacity(doc.tokens.len() + 4);
        // Scratch buffer for the keys of tokens outside the fast class.
        let mut scratch: Vec<u8> = Vec::new();
        let mut spaced = false;
        let mut prev_end = 0usize;
        let mut classify_tok = |s: &str, kind: TokenKind| -> Case {
            if crate::lexicon::keyed_kind(kind) {
                let c = classify(s, lex, &mut scratch);
                spaced |= c.spaced;
                c.case
            } else {
                case_of(s)
            }
        };
        for t in &doc.tokens {
            let (start, end) = (t.span.start, t.span.end);
            let nl = newlines_between(text, prev_end, start);
            let nl = if toks.is_empty() { 2 } else { nl };
            prev_end = end;
            let mut tok = Tok::of(t, nl);
            if let Some(parts) = split_glued(tok, t.text) {
                for (part, part_text) in parts {
                    let case = classify_tok(part_text, part.kind);
                    toks.push(Tok { case, ..part });
                }
                continue;
            }
            tok.case = classify_tok(t.text, t.kind);
            toks.push(tok);
        }
        mark_caps_lines(&mut toks);
        let mut hits = Vec::new();
        let mut hit_range = Vec::new();
        scan_keys(text, &toks, lex, &mut hits, &mut hit_range);
        for h in &hits {
            if let (Some(t), Some(c)) = (toks.get_mut(h.start as usize), lex.cats.get(h.entry as usize)) {
                t.cats |= *c;
            }
        }
        let mut maps = Bitmaps::new();
        set_flags(text, &mut toks, &mut maps);
        *bufs = Bufs {
            toks,
            ids: Vec::new(),
            hits,
            hit_range,
            maps,
        };
        let bufs: &'a Bufs = bufs;
        Ctx {
            maps: bufs.maps.view(),
            text,
            toks: &bufs.toks,
            hits: &bufs.hits,
            hit_range: &bufs.hit_range,
            lex,
            spaced,
            memo: std::cell::RefCell::new(None),
            key_hashes: std::cell::OnceCell::new(),
        }
    }

    /// The fast build, in `bufs`: tokens classified through `memo` (or
    /// the annotations), with their shape flags, the bitmaps and the
    /// all-caps-line counts in the same loop; then one walk of the trie
    /// from the tokens some phrase starts with. Gives what
    /// [`Ctx::build_reference`] gives. `one_line` lets a one-line
    /// annotated document take [`Builder::one_line`] (tests compare it
    /// with the general loop).
    #[inline(always)]
    fn build_with(
        doc: &Document<'a>,
        anns: &Annotations,
        lex: &'a NameLexicon,
        memo: &'a mut Memo,
        bufs: &'a mut Bufs,
        one_line: bool,
    ) -> Self {
        let text = doc.text;
        let Bufs {
            toks,
            ids,
            hits,
            hit_range,
            maps,
        } = bufs;
        let mut b = Builder {
            toks,
            ids,
            maps,
            line_start: 0,
            line_upper: 0,
            line_lower: false,
            caps_lines: Vec::new(),
        };
        // (No `reserve` here: the one-line path's `extend`s reserve what
        // they add, the general loop reserves for itself.)
        b.toks.clear();
        b.ids.clear();
        for m in [&mut b.maps.namecaps, &mut b.maps.breaks] {
            m.clear();
        }
        // Scratch buffer for the keys of tokens outside the fast class.
        let mut scratch: Vec<u8> = Vec::new();
        // Whether some token's key holds a space (never for syllables): the
        // trie then cannot stand in for the scan over the keyed text.
        let spaced;
        // The tokenizer's classes of the plain words, when it made them
        // for this lexicon.
        let anns = if anns.tag != 0 && anns.tag == ann_tag(lex) && anns.anns.len() == doc.tokens.len() {
            &anns.anns[..]
        } else {
            &[]
        };
        // A document of one line (every `--lines` document) with its
        // annotations: no newline counts, no line breaks, mostly copies.
        let one = if one_line && !anns.is_empty() && !has_newline(text.as_bytes()) {
            b.one_line(&doc.tokens, anns, lex, memo, &mut scratch)
        } else {
            None
        };
        if let Some(s) = one {
            spaced = s;
        } else {
            // The general loop (also when the one-line path met a glued
            // abbreviation: it starts again).
            spaced = b.general(doc, anns, lex, memo, &mut scratch);
        }
        // The first token starts a line as if after a blank one (no line
        // ended before it, so the line counts are those of the loop).
        if let Some(t) = b.toks.first_mut() {
            t.newlines_before = 2;
        }
        // (Finished in place: returning the builder would copy it.)
        b.finish(text);
        let Builder { toks, ids, maps, .. } = b;
        // Lexicon hits, bucketed by start token, longest first.
        hits.clear();
        hit_range.clear();
        maps.reset_cats(toks.len());
        if spaced {
            spaced_hits(text, toks, lex, hits, hit_range, maps);
        } else {
            walk_trie(toks, ids, hits, hit_range, maps, lex);
        }
        let (toks, hits, hit_range, maps): (&'a Vec<Tok>, &'a Vec<Hit>, &'a Vec<[u32; 2]>, &'a Bitmaps) =
            (toks, hits, hit_range, maps);
        Ctx {
            maps: maps.view(),
            text,
            toks,
            hits,
            hit_range,
            lex,
            spaced,
            memo: std::cell::RefCell::new(Some(memo)),
            key_hashes: std::cell::OnceCell::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The first token at or after `from` where a lexicon hit of one of
    /// the categories `mask` starts (`len()` if none): the same token as a
    /// scan with [`Ctx::has`], found through the category bitmaps (the
    /// words of the categories in `mask` or-ed together).
    pub fn next_with(&self, from: usize, mask: u16) -> usize {
        if mask & crate::lexicon::cat::STOP != 0 {
            // Stop words are not in the bitmaps.
            return (from..self.len())
                .find(|&k| self.has(k, mask))
                .unwrap_or(self.len());
        }
        if self.maps.present & mask == 0 {
            // No token has a hit of these categories.
            return self.len();
        }
        let mut w = from >> 6;
        // Bits below `from` in its word do not count.
        let mut low = !0u64 << (from & 63);
        while let Some(row) = self.maps.cats.get(w) {
            let mut x = 0;
            let mut c = mask;
            while c != 0 {
                x |= row.get(c.trailing_zeros() as usize).copied().unwrap_or(0);
                c &= c - 1;
            }
            x &= low;
            if x != 0 {
                return ((w << 6) + x.trailing_zeros() as usize).min(self.len());
            }
            low = !0;
            w += 1;
        }
        self.len()
    }

    /// Whether a lexicon hit of one of the categories `mask` (not `STOP`)
    /// starts at some token of the document: false only when
    /// [`Ctx::next_with`]`(0, mask)` is `len()`.
    #[inline]
    pub fn present(&self, mask: u16) -> bool {
        self.maps.present & mask != 0
    }

    /// The first name-cap token at or after `from` (`len()` if none).
    pub fn next_namecap(&self, from: usize) -> usize {
        next_bit(self.maps.namecaps, from).map_or(self.len(), |k| k.min(self.len()))
    }

    /// The first token at or after `from` that a line break precedes
    /// ([`Ctx::breaks_before`]; `len()` if none).
    pub fn next_line_start(&self, from: usize) -> usize {
        next_bit(self.maps.breaks, from).map_or(self.len(), |k| k.min(self.len()))
    }

    /// The first token at or after `from` whose kind is one of `kinds`
    /// (`len()` if none): a plain scan over the tokens, for kinds too rare
    /// to keep a bitmap of and too common among the other bitmaps' tokens.
    #[inline]
    pub fn next_kind(&self, from: usize, kinds: &[TokenKind]) -> usize {
        self.next_where(from, |t| kinds.contains(&t.kind))
    }

    /// The first token at or after `from` that `pred` holds for (`len()`
    /// if none), by a plain scan over the tokens.
    #[inline]
    pub fn next_where(&self, from: usize, pred: impl Fn(&Tok) -> bool) -> usize {
        self.toks
            .get(from..)
            .and_then(|rest| rest.iter().position(pred))
            .map_or(self.len(), |p| from + p)
    }

    /// Whether a lexicon hit of one of the categories `mask` starts at `i`.
    pub fn has(&self, i: usize, mask: u16) -> bool {
        self.toks.get(i).is_some_and(|t| t.cats & mask != 0)
    }

    pub fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    /// The text of token `i`.
    pub fn word(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// The key of tokens `[i, j)` (built on demand): the tokens' keys
    /// joined by single spaces, `\u{1}` for a link or address.
    pub fn key(&self, i: usize, j: usize) -> String {
        String::from_utf8(self.key_bytes(i, j)).unwrap_or_default()
    }

    /// The bytes of [`Ctx::key`]`(i, j)`, without the UTF-8 check of
    /// making a `String` (for maps that only compare keys).
    pub fn key_bytes(&self, i: usize, j: usize) -> Vec<u8> {
        // Decomposed keys grow: `ệ` (3 bytes) becomes 5.
        let room = self.span(i, j).map_or(0, |(a, b)| b - a) * 2 + 8;
        let mut out = Vec::with_capacity(room);
        write_keys(self.text, self.toks.get(i..j).unwrap_or(&[]), &mut out);
        out
    }

    /// A hash of token `i`'s key ([`piece_hash`] of it): from the
    /// context's own table once asked for, else through the memo.
    pub fn key_hash(&self, i: usize) -> u64 {
        let cells = self
            .key_hashes
            .get_or_init(|| vec![std::cell::Cell::new(0); self.toks.len()]);
        let Some(cell) = cells.get(i) else { return 1 };
        if cell.get() == 0 {
            cell.set(self.key_hash_uncached(i));
        }
        cell.get()
    }

    fn key_hash_uncached(&self, i: usize) -> u64 {
        let Some(t) = self.toks.get(i) else { return 1 };
        if !crate::lexicon::keyed_kind(t.kind) {
            return piece_hash(&[1]);
        }
        let s = self.text.get(t.start..t.end).unwrap_or("");
        if let Ok(mut memo) = self.memo.try_borrow_mut() {
            if let Some(m) = memo.as_mut() {
                return m.key_hash(s);
            }
        }
        token_key_hash(s, &mut Vec::new())
    }

    /// A hash of the key of tokens `[i, j)` ([`range_hash_of_key`] of
    /// [`Ctx::key`]`(i, j)` when no token key of the document holds a space).
    pub fn range_hash(&self, i: usize, j: usize) -> u64 {
        let mut h = 0;
        for k in i..j {
            h = range_step(h, self.key_hash(k));
        }
        range_finish(h, j.saturating_sub(i))
    }

    /// The keys of tokens `[i, i + len)` for `len` in `1..=n` at once: the
    /// key of the longest run, and where each shorter one ends in it.
    #[cfg(test)]
    pub fn key_prefixes(&self, i: usize, n: usize) -> (String, Vec<usize>) {
        let toks = self.toks.get(i..(i + n).min(self.toks.len())).unwrap_or(&[]);
        let room = match (toks.first(), toks.last()) {
            (Some(a), Some(b)) => (b.end - a.start) * 2 + 8,
            _ => 0,
        };
        let mut out = Vec::with_capacity(room);
        let mut ends = Vec::with_capacity(toks.len());
        for t in toks {
            if !ends.is_empty() {
                out.push(b' ');
            }
            write_keys(self.text, std::slice::from_ref(t), &mut out);
            ends.push(out.len());
        }
        (String::from_utf8(out).unwrap_or_default(), ends)
    }

    /// The text from token `i` to the end of token `j - 1`.
    pub fn slice(&self, i: usize, j: usize) -> &'a str {
        match (self.toks.get(i), j.checked_sub(1).and_then(|k| self.toks.get(k))) {
            (Some(a), Some(b)) if j > i => self.text.get(a.start..b.end).unwrap_or(""),
            _ => "",
        }
    }

    pub fn span(&self, i: usize, j: usize) -> Option<(usize, usize)> {
        match (self.toks.get(i), j.checked_sub(1).and_then(|k| self.toks.get(k))) {
            (Some(a), Some(b)) if j > i => Some((a.start, b.end)),
            _ => None,
        }
    }

    pub(crate) fn hits_at(&self, i: usize) -> impl Iterator<Item = (usize, &Entry)> + use<'_, 'a> {
        let [a, b] = self.hit_range.get(i).copied().unwrap_or([0, 0]);
        self.hits
            .get(a as usize..b as usize)
            .unwrap_or(&[])
            .iter()
            .filter_map(move |h| {
                self.lex
                    .entries
                    .get(h.entry as usize)
                    .map(|e| (h.end as usize, e))
            })
    }

    /// Whether the tokens a name reading needs capitalized are.
    fn caps_ok(&self, i: usize, e: &Entry) -> bool {
        let mut bits = e.caps;
        let mut k = 0;
        while bits != 0 {
            if bits & 1 == 1 && !self.is_upper_start(i + k) {
                return false;
            }
            bits >>= 1;
            k += 1;
        }
        true
    }

    /// The longest hit at `i` whose entry satisfies `pred`; `strict` also
    /// checks the written capitals of the name.
    pub fn longest(&self, i: usize, strict: bool, pred: impl Fn(&Entry) -> bool) -> Option<(usize, Entry)> {
        self.hits_at(i)
            .filter(|(end, e)| pred(e) && *end > i && (!strict || self.caps_ok(i, e)))
            .map(|(end, e)| (end, *e))
            .next()
    }

    /// Whether any hit at `i` satisfies `pred`.
    pub fn any(&self, i: usize, pred: impl Fn(&Entry) -> bool) -> bool {
        self.hits_at(i).any(|(_, e)| pred(e))
    }

    /// A known place name at `i` (capitals as written in the list), unless
    /// the token is part of a common word (`Pháp lệnh`).
    #[inline]
    pub fn place(&self, i: usize) -> Option<(usize, Entry)> {
        // No hit with a place starts here (the category bit says so): a
        // load in the caller, no call.
        if !self.has(i, crate::lexicon::cat::PLACE) {
            return None;
        }
        self.place_hit(i)
    }

    /// [`Ctx::place`] at a token with a place hit.
    #[inline(never)]
    fn place_hit(&self, i: usize) -> Option<(usize, Entry)> {
        let hit = self.longest(i, true, |e| e.place.is_some())?;
        if hit.0 == i + 1 && self.in_word(i) {
            return None;
        }
        Some(hit)
    }

    /// Whether token `i` starts with an upper-case letter.
    pub fn is_upper_start(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| matches!(t.case, Case::Title | Case::Upper | Case::Mixed))
    }

    /// Whether token `i` is written like a syllable of a proper name:
    /// capitalized (or any letters in an all-caps line).
    pub fn is_namecap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.flags & flag::NAMECAP != 0)
    }

    /// Whether token `i` is a lower-case word (or any word in an all-caps line).
    pub fn is_lowerish(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.flags & flag::LOWERISH != 0)
    }

    /// A stop word (a verb or function word that ends a name) at `i`,
    /// written in lower case or in an all-caps line.
    pub fn is_stop(&self, i: usize) -> bool {
        self.is_lowerish(i) && self.has(i, crate::lexicon::cat::STOP) && !self.stop_in_word(i)
    }

    /// Whether the stop word at `i` is a syllable of a listed common word
    /// (`đổi mới`, `sáng tạo`), where it ends nothing.
    /// A stop phrase that is itself the listed word (`tổ chức`) still stops.
    fn stop_in_word(&self, i: usize) -> bool {
        let stop_end = self
            .hits_at(i)
            .filter(|(_, e)| e.cats() & crate::lexicon::cat::STOP != 0)
            .map(|(end, _)| end)
            .max()
            .unwrap_or(i);
        self.hits_at(i).any(|(end, e)| e.word && end > stop_end)
            || (i > 0 && self.hits_at(i - 1).any(|(end, e)| e.word && end > i))
    }

    /// A function word at `i` (always ends a name).
    pub fn is_strong_stop(&self, i: usize) -> bool {
        self.is_stop(i) && self.any(i, |e| e.stop)
    }

    /// An abbreviation: a dotted or non-syllable one (`UBND`, `TP.HCM`), or
    /// an all-caps word of two letters or more outside an all-caps line
    /// (`QNO`, `HPG`).
    pub fn is_abbrev(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.flags & flag::ABBREV != 0)
    }

    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        // The kind and the length without a branch each (most tokens are
        // no punctuation, the rest mostly one byte), then the bytes.
        let b = self.text.as_bytes();
        let first = b.get(t.start).copied().unwrap_or(0);
        let p = p.as_bytes();
        let head = (t.kind == TokenKind::Punct)
            & (t.end.wrapping_sub(t.start) == p.len())
            & (Some(&first) == p.first());
        head && (p.len() == 1 || b.get(t.start..t.end) == Some(p))
    }

    /// Whether a line break separates token `i` from the one before.
    pub fn breaks_before(&self, i: usize) -> bool {
        match self.toks.get(i) {
            Some(t) => t.newlines_before > 0,
            None => true,
        }
    }

    /// Whether token `i` is glued to the one before (no white space).
    pub fn glued(&self, i: usize) -> bool {
        match (i.checked_sub(1).and_then(|k| self.toks.get(k)), self.toks.get(i)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// Whether token `i` starts a sentence (after `.`, `!`, `?`, `:`, a line
    /// break, an opening quote or bracket, or at the start).
    pub fn sentence_start(&self, i: usize) -> bool {
        if i == 0 || self.breaks_before(i) {
            return true;
        }
        let p = self.word(i - 1);
        matches!(p, "." | "!" | "?" | ":" | "…" | "..." | "(" | "-" | "–")
            || self
                .toks
                .get(i - 1)
                .is_some_and(|t| t.kind == TokenKind::OpenQuote)
    }

    /// A name may run on over a single line break when the next line goes
    /// on in lower case (a wrapped line), never over a blank line.
    pub fn line_wraps(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.newlines_before == 1) && self.is_lowerish(i)
    }

    /// Whether a name that reached token `i` stops before it because of a
    /// line break.
    pub fn stops_at_break(&self, i: usize) -> bool {
        self.breaks_before(i) && !self.line_wraps(i)
    }

    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }
}

/// What a keyed token's bytes alone determine for the name rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Class {
    case: Case,
    /// [`shape_of`] the token.
    shape: u8,
    /// Vocabulary id of the token's key (`NONE` when no phrase has it).
    id: u32,
    /// The key holds a space.
    spaced: bool,
}

/// Classifies a keyed token: by its bytes when it is in the fast class,
/// else by folding its key into `scratch`.
fn classify(s: &str, lex: &NameLexicon, scratch: &mut Vec<u8>) -> Class {
    // The shape counts characters only for an all-upper token.
    let shape = |case| shape_of(case, if case == Case::Upper { s.chars().count() } else { 0 });
    match lex.trie.quick(s) {
        Quick::Known(c, id) => Class {
            case: case_from(c),
            shape: shape(case_from(c)),
            id,
            spaced: false,
        },
        Quick::Unknown => {
            scratch.clear();
            let c = push_token_key(s, scratch);
            Class {
                case: case_from(c),
                shape: shape(case_from(c)),
                id: lex.trie.word_id(scratch),
                spaced: scratch.contains(&b' '),
            }
        }
    }
}

/// Marks a [`Class`] packed by [`Class::pack`] (no packed class is 0; the
/// layout: see [`super::Annotations`]).
const PACKED: u32 = super::ANN_PACKED;

/// Set in a packed class of a token whose kind the one-line token loop
/// must look at ([`special_kind`]).
const SPECIAL: u32 = 1 << 30;

/// Kinds the token loops treat apart: an abbreviation may be glued
/// (`TP.Quảng`), links and addresses have no key.
#[inline(always)]
fn special_kind(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::Abbreviation | TokenKind::Url | TokenKind::Email)
}

/// Vocabulary ids below this fit a packed class (as `id + 1`, 0 standing
/// for `NONE`), in the bits below the numeric anchor bit
/// ([`super::ANN_ANCHOR`]).
const ID_LIMIT: u32 = super::ANN_ANCHOR - 1;

/// What the token loop of [`Ctx::build_with`] needs of a word the
/// tokenizer annotated ([`Class::pack`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ann {
    case: Case,
    /// The word's [`SHAPES`] entry (by its kind and shape).
    info: u8,
    id: u32,
    spaced: bool,
}

/// The [`SHAPES`] entry of a token of kind `kind` and shape `shape`.
#[inline(always)]
fn shape_info(kind: TokenKind, shape: u8) -> u8 {
    SHAPES
        .get(kind as usize)
        .and_then(|row| row.get(usize::from(shape)))
        .copied()
        .unwrap_or(0)
}

impl Class {
    /// The class of a word of kind `kind` in one word, for the
    /// tokenizer's memo (see [`NameRecognizer::tokenize_annotated`]), in
    /// the form the token loop uses: `id + 1` in bits 0–20 (0 for `NONE`;
    /// bit 21 is left to the numeric anchor bit, which the tokenizer's
    /// closure adds: see [`tokenize_classified`]), the case in 22–23, the
    /// word's [`SHAPES`] entry (five bits) in 24–28, `spaced` in bit 29,
    /// [`SPECIAL`] for a [`special_kind`], [`PACKED`]. Only for lexicons whose
    /// vocabulary ids are below [`ID_LIMIT`] (see [`ann_tag`]).
    #[inline]
    fn pack(self, kind: TokenKind) -> u32 {
        let id = if self.id < ID_LIMIT { self.id + 1 } else { 0 };
        PACKED
            | id
            | (self.case as u32) << 22
            | u32::from(shape_info(kind, self.shape) & 31) << 24
            | u32::from(self.spaced) << 29
            | u32::from(special_kind(kind)) << 30
    }

    /// The case [`Class::pack`] packed into `w` (`Lower` for 0).
    #[inline(always)]
    fn unpack_case(w: u32) -> Case {
        match (w >> 22) & 3 {
            0 => Case::Lower,
            1 => Case::Title,
            2 => Case::Upper,
            _ => Case::Mixed,
        }
    }

    /// What [`Class::pack`] packed into `w`, `None` for 0 (no class).
    #[inline(always)]
    fn unpack(w: u32) -> Option<Ann> {
        if w & PACKED == 0 {
            return None;
        }
        Some(Ann {
            case: Class::unpack_case(w),
            info: ((w >> 24) & 31) as u8,
            // 0 (no id) wraps to `NONE`.
            id: (w & ID_LIMIT).wrapping_sub(1),
            spaced: w & 1 << 29 != 0,
        })
    }
}

/// The tag of `lex`'s classes in the tokenizer's memo: its id, when that
/// fits in 16 bits (and is not the tokenizer's own `CHECKED_TAG`) and its
/// vocabulary ids in a packed class (0 otherwise:
/// no annotations, the context classifies every token itself).
fn ann_tag(lex: &NameLexicon) -> u16 {
    if lex.trie.vocab_len() >= ID_LIMIT as usize {
        return 0;
    }
    u16::try_from(lex.id)
        .ok()
        .filter(|&t| t != crate::token::CHECKED_TAG)
        .unwrap_or(0)
}

/// Tokenizes `text` into `tokens` with the [`Class::pack`]ed class of each
/// plain word by `lex` in `anns` (0 for other tokens), through the
/// tokenizer's word memo; returns the tag the classes are stored under (0:
/// none, `tokens` and `anns` untouched) and whether default normalization
/// would leave `text` as it is (`false`: it may not; see
/// `crate::token::tokenize_annotated`).
pub(crate) fn tokenize_classified<'a>(
    text: &'a str,
    tokens: &mut Vec<crate::token::Token<'a>>,
    anns: &mut Vec<u32>,
    lex: &NameLexicon,
) -> (u16, bool) {
    let tag = ann_tag(lex);
    if tag == 0 {
        return (0, false);
    }
    let mut scratch = Vec::new();
    anns.reserve(tokens.capacity().saturating_sub(anns.len()));
    let short = short_anns(lex);
    // (With the numeric anchor bit of the word: one annotation serves both
    // recognizers.)
    let clean = crate::token::tokenize_annotated(text, tokens, anns, tag, short, &mut |w: &str, kind| {
        classify(w, lex, &mut scratch).pack(kind) | super::numeric::anchor_ann(w, kind)
    });
    (tag, clean)
}

/// `lex`'s packed classes ([`Class::pack`]) of the short tokens the
/// tokenizer pushes without scanning, by first byte (see
/// [`crate::token::tokenize_annotated`]): the class of a punctuation or
/// symbol byte, and for a digit that of every run of digits, which is one
/// class (no case, no shape) unless some vocabulary key is all digits
/// (then 0: the context classifies each run itself). Made once per
/// lexicon.
fn short_anns(lex: &NameLexicon) -> &[u32; 128] {
    lex.short_anns.get_or_init(|| {
        let digits = !lex.trie.has_digit_key();
        let mut scratch = Vec::new();
        let mut t = [0u32; 128];
        for (b, slot) in (0u8..128).zip(t.iter_mut()) {
            let Some(kind) = crate::token::short_kind(b) else {
                continue;
            };
            if b.is_ascii_digit() && !digits {
                continue;
            }
            let mut buf = [0; 4];
            let text: &str = char::from(b).encode_utf8(&mut buf);
            let c = classify(text, lex, &mut scratch);
            // (Short tokens are of no special kind: the one-line loop takes
            // their annotations as they are. A digit run is a numeric
            // anchor whatever its length, as its first byte says.)
            if !special_kind(kind) {
                *slot = c.pack(kind) | super::numeric::anchor_ann(text, kind);
            }
        }
        t
    })
}

/// [`piece_hash`] of a keyed token's key.
fn token_key_hash(s: &str, scratch: &mut Vec<u8>) -> u64 {
    scratch.clear();
    push_token_key(s, scratch);
    piece_hash(scratch)
}

/// A token of 1 to 16 bytes as two words read from fixed places (the
/// first and last 8, 4 or single bytes, overlapping for short tokens): two
/// tokens of one length are equal exactly when their words are.
#[inline]
fn pack(b: &[u8]) -> Option<(u64, u64)> {
    let n = b.len();
    if n >= 8 {
        if n > 16 {
            return None;
        }
        let x = u64::from_le_bytes(b.get(..8)?.try_into().ok()?);
        let y = u64::from_le_bytes(b.get(n - 8..)?.try_into().ok()?);
        Some((x, y))
    } else if n >= 4 {
        let x = u32::from_le_bytes(b.get(..4)?.try_into().ok()?);
        let y = u32::from_le_bytes(b.get(n - 4..)?.try_into().ok()?);
        Some((u64::from(x), u64::from(y)))
    } else {
        let (&first, &last) = (b.first()?, b.last()?);
        let mid = *b.get(n / 2)?;
        Some((
            u64::from(first) | (u64::from(mid) << 8) | (u64::from(last) << 16),
            0,
        ))
    }
}

#[derive(Debug, Clone, Copy)]
struct MemoSlot {
    a: u64,
    b: u64,
    /// [`token_key_hash`] of the token, once asked for (0: not yet).
    key_hash: u64,
    /// The token's [`Class`], in fields so that a slot takes 32 bytes.
    id: u32,
    /// Byte length of the token; 0 marks an empty slot.
    len: u8,
    case: Case,
    shape: u8,
    spaced: bool,
}

impl MemoSlot {
    #[inline(always)]
    fn new(a: u64, b: u64, len: u8, class: Class, key_hash: u64) -> MemoSlot {
        MemoSlot {
            a,
            b,
            key_hash,
            id: class.id,
            len,
            case: class.case,
            shape: class.shape,
            spaced: class.spaced,
        }
    }

    #[inline(always)]
    fn class(&self) -> Class {
        Class {
            case: self.case,
            shape: self.shape,
            id: self.id,
            spaced: self.spaced,
        }
    }
}

/// The `shape` of a slot whose class is not known yet (shapes are below 8).
const NO_CLASS: u8 = u8::MAX;

const EMPTY_MEMO_SLOT: MemoSlot = MemoSlot {
    a: 0,
    b: 0,
    key_hash: 0,
    id: crate::lexicon::NONE,
    len: 0,
    case: Case::Lower,
    shape: 0,
    spaced: false,
};

/// A memo of [`classify`] for short tokens (one per [`MemoHome`]), direct-mapped on
/// the token's bytes: prose repeats a few thousand syllables, so most
/// tokens are answered by one hash of two words and one comparison instead
/// of a walk over their characters. Belongs to one lexicon
/// ([`NameLexicon::id`]); emptied when another one uses it.
pub(crate) struct Memo {
    lex: u64,
    bits: u32,
    slots: Vec<MemoSlot>,
    /// Scratch buffer for the keys of [`Memo::key_hash`].
    scratch: Vec<u8>,
    /// The classes of the one-byte tokens (`,`, `.`, `(`, digits: most
    /// tokens the tokenizer does not annotate), by byte; `shape`
    /// [`NO_CLASS`] until asked for. 1 KB that stays in L1, where the
    /// slots' probe missed the cache.
    bytes: [Class; 128],
}

/// A [`Memo::bytes`] entry not filled in yet.
const NO_BYTE_CLASS: Class = Class {
    case: Case::Lower,
    shape: NO_CLASS,
    id: crate::lexicon::NONE,
    spaced: false,
};

impl Memo {
    fn new(bits: u32) -> Memo {
        Memo {
            lex: 0,
            bits,
            slots: Vec::new(),
            scratch: Vec::new(),
            bytes: [NO_BYTE_CLASS; 128],
        }
    }

    /// Makes the memo answer for lexicon `lex`.
    fn prepare(&mut self, lex: u64) {
        if self.lex != lex || self.slots.is_empty() {
            self.slots.clear();
            self.slots.resize(1 << self.bits, EMPTY_MEMO_SLOT);
            self.bytes = [NO_BYTE_CLASS; 128];
            self.lex = lex;
        }
    }

    /// The slot of a packed token.
    #[inline]
    fn slot_of(&self, x: u64, y: u64, len: u8) -> usize {
        let h = (x ^ y.rotate_left(29) ^ u64::from(len)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - self.bits)) as usize
    }

    /// [`token_key_hash`]`(s)`, from the memo when `s` was seen and its
    /// key hash asked for before (a token not in the memo takes its slot).
    fn key_hash(&mut self, s: &str) -> u64 {
        let b = s.as_bytes();
        let Some((x, y)) = pack(b) else {
            return token_key_hash(s, &mut self.scratch);
        };
        let len = b.len() as u8;
        let at = self.slot_of(x, y, len);
        match self.slots.get_mut(at) {
            Some(slot) if slot.len == len && slot.a == x && slot.b == y => {
                if slot.key_hash == 0 {
                    slot.key_hash = token_key_hash(s, &mut self.scratch);
                }
                slot.key_hash
            }
            Some(slot) => {
                // The class is left for `class` to fill in: with the
                // tokenizer's annotations most tokens never ask for it.
                let key_hash = token_key_hash(s, &mut self.scratch);
                *slot = MemoSlot {
                    shape: NO_CLASS,
                    ..MemoSlot::new(x, y, len, EMPTY_MEMO_SLOT.class(), key_hash)
                };
                key_hash
            }
            None => token_key_hash(s, &mut self.scratch),
        }
    }

    /// [`classify`]`(s, lex, scratch)`, from the memo when `s` was seen.
    #[inline(always)]
    fn class(&mut self, s: &str, lex: &NameLexicon, scratch: &mut Vec<u8>) -> Class {
        let b = s.as_bytes();
        if let [byte] = *b {
            // (A one-byte `str` is ASCII.)
            if let Some(c) = self.bytes.get_mut(usize::from(byte)) {
                if c.shape == NO_CLASS {
                    *c = classify(s, lex, scratch);
                }
                return *c;
            }
        }
        let Some((x, y)) = pack(b) else {
            return classify(s, lex, scratch);
        };
        let len = b.len() as u8;
        let at = self.slot_of(x, y, len);
        match self.slots.get_mut(at) {
            Some(slot) => {
                let held = slot.len == len && slot.a == x && slot.b == y;
                if held && slot.shape != NO_CLASS {
                    return slot.class();
                }
                // A miss, or a slot that `key_hash` made (keep its hash).
                let class = classify(s, lex, scratch);
                *slot = MemoSlot::new(x, y, len, class, if held { slot.key_hash } else { 0 });
                class
            }
            None => classify(s, lex, scratch),
        }
    }
}

/// The name memo and the context buffers kept between documents by the
/// caller (the extractor's per-thread buffers): a context is built in
/// them and reads them in place, so lending them costs no moves and no
/// thread-local access.
pub(crate) struct MemoHome {
    memo: Option<Box<Memo>>,
    bufs: Bufs,
}

impl MemoHome {
    /// An empty home (no allocation).
    pub(crate) const fn new() -> Self {
        MemoHome {
            memo: None,
            bufs: Bufs::new(),
        }
    }

    /// Lets go of the buffers of a long document once its context is
    /// dropped (over `2^16` tokens or hits: one huge input does not pin
    /// its memory; the other buffers grow with these two).
    #[inline(always)]
    pub(crate) fn let_go(&mut self) {
        self.bufs.trim();
    }

    /// The memo, prepared for `lex` (made on first use), and the buffers.
    #[inline(always)]
    fn lend(&mut self, lex: &NameLexicon) -> (&mut Memo, &mut Bufs) {
        let memo = self.memo.get_or_insert_with(|| Box::new(Memo::new(MEMO_BITS)));
        memo.prepare(lex.id);
        (memo, &mut self.bufs)
    }
}

/// Slots of the per-thread memo: `2^MEMO_BITS`.
const MEMO_BITS: u32 = 14;

thread_local! {
    /// The home of the contexts of [`Recognizer::recognize_annotated`]
    /// (the tests' way in; the extractor lends its own).
    static HOME: std::cell::RefCell<MemoHome> = const { std::cell::RefCell::new(MemoHome::new()) };
}

/// The letter case from the counts gathered over a token.
fn case_from(c: CaseInfo) -> Case {
    if c.upper == 0 {
        Case::Lower
    } else if c.lower == 0 {
        Case::Upper
    } else if c.first_upper && !c.inner_upper {
        Case::Title
    } else {
        Case::Mixed
    }
}

/// Writes the keys of `toks` joined by single spaces; the key of a link or
/// an address is `\u{1}`, which no lexicon phrase holds.
fn write_keys(text: &str, toks: &[Tok], out: &mut Vec<u8>) {
    for (n, t) in toks.iter().enumerate() {
        if n > 0 {
            out.push(b' ');
        }
        if crate::lexicon::keyed_kind(t.kind) {
            push_token_key(text.get(t.start..t.end).unwrap_or(""), out);
        } else {
            out.push(1);
        }
    }
}

#[cfg(test)]
/// Marks the tokens of all-caps lines (letters, none in lower case, at
/// least three upper-case words).
fn mark_caps_lines(toks: &mut [Tok]) {
    let mut line_start = 0;
    while line_start < toks.len() {
        let mut line_end = line_start + 1;
        while line_end < toks.len() && toks[line_end].newlines_before == 0 {
            line_end += 1;
        }
        let mut upper = 0;
        let mut lower = false;
        for t in &toks[line_start..line_end] {
            if matches!(t.kind, TokenKind::Syllable | TokenKind::Word) {
                match t.case {
                    Case::Upper => upper += 1,
                    _ => lower = true,
                }
            }
        }
        if !lower && upper >= 3 {
            for t in &mut toks[line_start..line_end] {
                t.caps_line = true;
            }
        }
        line_start = line_end;
    }
}

/// The reference lexicon scan: one overlapping Aho-Corasick pass over the
/// keyed text, each hit checked to start and end at a token boundary, then
/// bucketed by start token, longest first. Fills `hits` and `hit_range`
/// (`toks.len() + 1` offsets).
fn scan_keys(
    text: &str,
    toks: &[Tok],
    lex: &NameLexicon,
    hits: &mut Vec<Hit>,
    hit_range: &mut Vec<[u32; 2]>,
) {
    let mut raw = Vec::with_capacity(toks.len());
    if !lex.entries.is_empty() && !toks.is_empty() {
        // The keyed text: a space before every token's key and at the end.
        // `tok_at[p]` is the token whose key starts after the space at `p`.
        let mut keys: Vec<u8> = Vec::with_capacity(text.len() * 2 + toks.len() + 8);
        let mut starts = Vec::with_capacity(toks.len());
        for t in toks {
            starts.push(keys.len());
            keys.push(b' ');
            write_keys(text, std::slice::from_ref(t), &mut keys);
        }
        keys.push(b' ');
        let keys = keys.as_slice();
        let mut tok_at = vec![u32::MAX; keys.len() + 1];
        for (n, &p) in starts.iter().enumerate() {
            if let Some(slot) = tok_at.get_mut(p) {
                *slot = n as u32;
            }
        }
        if let Some(last) = tok_at.get_mut(keys.len() - 1) {
            *last = toks.len() as u32;
        }
        for m in lex.ac.find_overlapping_iter(keys) {
            let (Some(&si), Some(&ei)) = (tok_at.get(m.start()), tok_at.get(m.end())) else {
                continue;
            };
            if si == u32::MAX || ei == u32::MAX {
                continue;
            }
            raw.push(Hit {
                start: si,
                end: ei,
                entry: m.pattern().as_u32(),
            });
        }
    }
    // Counting sort by start token, then longest first in each bucket.
    let mut first_hit = vec![0u32; toks.len() + 1];
    for h in &raw {
        if let Some(c) = first_hit.get_mut(h.start as usize + 1) {
            *c += 1;
        }
    }
    for k in 1..first_hit.len() {
        first_hit[k] += first_hit[k - 1];
    }
    hits.clear();
    hits.resize(
        raw.len(),
        Hit {
            start: 0,
            end: 0,
            entry: 0,
        },
    );
    let mut fill = first_hit.clone();
    for h in &raw {
        if let Some(pos) = fill.get_mut(h.start as usize) {
            if let Some(slot) = hits.get_mut(*pos as usize) {
                *slot = *h;
            }
            *pos += 1;
        }
    }
    for w in first_hit.windows(2) {
        if let Some(bucket) = hits.get_mut(w[0] as usize..w[1] as usize) {
            if bucket.len() > 1 {
                bucket.sort_unstable_by_key(|h| std::cmp::Reverse(h.end));
            }
        }
    }
    // Ranges per token, `[0, 0]` for none.
    hit_range.clear();
    hit_range.extend(
        first_hit
            .windows(2)
            .map(|w| if w[0] == w[1] { [0, 0] } else { [w[0], w[1]] }),
    );
}

/// Finds organizations, programs, locations and persons in one pass.
pub(crate) struct NameRecognizer {
    lex: std::sync::Arc<NameLexicon>,
}

impl NameRecognizer {
    pub fn new(extras: &Extras<'_>) -> Self {
        let empty = extras.organizations.is_empty()
            && extras.locations.is_empty()
            && extras.program_triggers.is_empty()
            && extras.persons.is_empty();
        NameRecognizer {
            lex: if empty {
                NameLexicon::builtin()
            } else {
                std::sync::Arc::new(NameLexicon::build(extras))
            },
        }
    }
}

impl Recognizer for NameRecognizer {
    fn produces(&self) -> &'static [super::EntityType] {
        use super::EntityType::*;
        &[Organization, Program, Location, Person]
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Entity>) {
        // Without annotations, the context classifies every word itself.
        self.recognize_annotated(doc, &Annotations::default(), out)
    }

    fn recognize_annotated(&self, doc: &Document<'_>, anns: &Annotations, out: &mut Vec<Entity>) {
        // An empty document (a blank line read with `--lines`) has no
        // names: skip lending the memo and building a context for it.
        if doc.tokens.is_empty() {
            return;
        }
        let done = HOME
            .try_with(|cell| match cell.try_borrow_mut() {
                Ok(mut home) => {
                    self.recognize_in(doc, anns, out, &mut home);
                    true
                }
                Err(_) => false,
            })
            .unwrap_or(false);
        if !done {
            self.recognize_in(doc, anns, out, &mut MemoHome::new());
        }
    }

    fn tokenize_annotated<'a>(
        &self,
        text: &'a str,
        tokens: &mut Vec<crate::token::Token<'a>>,
        anns: &mut Vec<u32>,
    ) -> (u16, bool) {
        tokenize_classified(text, tokens, anns, &self.lex)
    }
}

impl NameRecognizer {
    /// [`Recognizer::recognize_annotated`] with the memo lent from `home`.
    pub(crate) fn recognize_in(
        &self,
        doc: &Document<'_>,
        anns: &Annotations,
        out: &mut Vec<Entity>,
        home: &mut MemoHome,
    ) {
        if doc.tokens.is_empty() {
            return;
        }
        let ctx = Ctx::annotated_in(doc, anns, &self.lex, home);
        find_all(&ctx, out);
        drop(ctx);
        home.let_go();
    }
}

/// Every finder's candidates in `ctx`, in the recognizer's order.
#[inline(always)]
fn find_all(ctx: &Ctx<'_>, out: &mut Vec<Entity>) {
    if ctx.len() == 0 {
        return;
    }
    super::program::find(ctx, out);
    super::organization::find(ctx, out);
    super::location::find(ctx, out);
    super::person::find(ctx, out);
}

impl Ctx<'_> {
    /// A title that ends right before token `i`: its start and class.
    pub fn title_ending_at(&self, i: usize) -> Option<(usize, crate::lexicon::TitleClass)> {
        // The first of the six tokens before `i` where a title starts,
        // from the category bitmap (mostly none: no token is read).
        let lo = self.next_with(i.saturating_sub(6), crate::lexicon::cat::TITLE);
        (lo..i).find_map(|k| {
            // (The category bit first: most tokens start no title hit.)
            if !self.has(k, crate::lexicon::cat::TITLE) {
                return None;
            }
            self.hits_at(k)
                .find(|(end, e)| *end == i && e.title.is_some())
                .and_then(|(_, e)| e.title.map(|c| (k, c)))
        })
    }
}

impl Ctx<'_> {
    /// The bytes of token `i`'s text (empty when there is none): those of
    /// [`Ctx::word`], without the char-boundary checks of making a `str`
    /// (~10 instructions), for comparing with words.
    #[inline]
    pub fn word_bytes(&self, i: usize) -> &[u8] {
        self.toks
            .get(i)
            .and_then(|t| self.text.as_bytes().get(t.start..t.end))
            .unwrap_or(&[])
    }

    /// Whether the text of token `i` is one of `words`: `ctx.word(i) == w`
    /// for some `w`, compared as bytes (equal bytes of a valid `str` are
    /// whole characters of the text).
    #[inline]
    pub fn word_in(&self, i: usize, words: &[&str]) -> bool {
        let b = self.word_bytes(i);
        words.iter().any(|w| w.as_bytes() == b)
    }

    /// Whether token `k` is a syllable of a common word listed as one
    /// (`xã hội`, `nông thôn`), so it cannot be an admin prefix there.
    pub fn in_word(&self, k: usize) -> bool {
        // (The hits are bucketed longest first: when the first one at a
        // token does not reach past `k`, none does, and no entry is read.)
        (self.longest_end(k) > k + 1 && self.hits_at(k).any(|(end, e)| e.word && end > k + 1))
            || (k > 0 && self.longest_end(k - 1) > k && self.hits_at(k - 1).any(|(end, e)| e.word && end > k))
    }

    /// The end of the first (longest) hit at token `i`; 0 when it has none.
    #[inline]
    fn longest_end(&self, i: usize) -> usize {
        match self.hit_range.get(i) {
            Some(&[a, b]) if a < b => self.hits.get(a as usize).map_or(0, |h| h.end as usize),
            _ => 0,
        }
    }

    /// An admin prefix at `k`: its end, kind and whether a number may follow.
    #[inline]
    pub fn prefix(&self, k: usize) -> Option<(usize, crate::entity::LocationKind, bool)> {
        // No hit with a prefix starts here (the category bit says so): a
        // load in the caller, no call.
        if !self.has(k, crate::lexicon::cat::PREFIX) {
            return None;
        }
        self.prefix_hit(k)
    }

    /// [`Ctx::prefix`] at a token with a prefix hit.
    #[inline(never)]
    fn prefix_hit(&self, k: usize) -> Option<(usize, crate::entity::LocationKind, bool)> {
        let blocked = self.in_word(k);
        let (end, e) = self.longest(k, false, |e| e.prefix.is_some())?;
        // A common word that holds the prefix (`xã hội`) blocks it; a
        // prefix that is listed as a word itself (`quảng trường`) does not.
        if blocked && !(e.word && self.hits_at(k).all(|(we, w)| !w.word || we <= end)) {
            return None;
        }
        e.prefix.map(|(kind, num)| (end, kind, num))
    }

    /// A level word at `k` (`tỉnh`, `Trung ương`, `cơ sở`).
    pub fn level(&self, k: usize) -> Option<usize> {
        if self.in_word(k) {
            return None;
        }
        self.longest(k, true, |e| e.level).map(|(end, _)| end)
    }
}

/// A set of keys of token ranges (remembered names) with a hash of each
/// range's token keys in front: a look-up builds the key string only when
/// the hash is in the set. Answers exactly like a `HashSet` of
/// [`Ctx::key`]s.
#[derive(Default)]
pub(crate) struct KeySet {
    keys: std::collections::HashSet<String>,
    hashes: std::collections::HashSet<u64, crate::lexicon::FastBuild>,
}

impl KeySet {
    /// Remembers the key of tokens `[a, b)`.
    pub fn insert(&mut self, ctx: &Ctx<'_>, a: usize, b: usize) {
        self.hashes.insert(ctx.range_hash(a, b));
        self.keys.insert(ctx.key(a, b));
    }

    /// Whether the key of tokens `[a, b)` was remembered.
    pub fn contains(&self, ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
        !self.keys.is_empty()
            && (ctx.spaced || self.hashes.contains(&ctx.range_hash(a, b)))
            && self.keys.contains(&ctx.key(a, b))
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// The hash of one token key (never 0).
fn piece_hash(key: &[u8]) -> u64 {
    let mut hasher = crate::lexicon::FastHasher::default();
    std::hash::Hasher::write(&mut hasher, key);
    std::hash::Hasher::write_usize(&mut hasher, key.len());
    std::hash::Hasher::finish(&hasher) | 1
}

#[inline]
fn range_step(h: u64, piece: u64) -> u64 {
    (h.rotate_left(5) ^ piece).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[inline]
fn range_finish(h: u64, len: usize) -> u64 {
    (h ^ len as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// The hash [`Ctx::range_hash`] gives a range whose key is `key`: keys
/// join token keys with single spaces.
fn range_hash_of_key(key: &str) -> u64 {
    let mut h = 0;
    let mut n = 0;
    for piece in key.split(' ') {
        h = range_step(h, piece_hash(piece.as_bytes()));
        n += 1;
    }
    range_finish(h, n)
}

/// Hashes of remembered keys (of a map from keys of token ranges):
/// [`RangeKeys::may_match`] says when no remembered key can be the key of
/// a range starting at a token, before any key is built.
pub(crate) struct RangeKeys {
    firsts: std::collections::HashSet<u64, crate::lexicon::FastBuild>,
    ranges: std::collections::HashSet<u64, crate::lexicon::FastBuild>,
}

impl RangeKeys {
    pub fn from_keys<'k>(keys: impl Iterator<Item = &'k String>) -> RangeKeys {
        let mut r = RangeKeys::new();
        for k in keys {
            r.insert_key(k);
        }
        r
    }

    /// An empty set (allocates nothing until the first insert).
    pub fn new() -> RangeKeys {
        RangeKeys {
            firsts: Default::default(),
            ranges: Default::default(),
        }
    }

    /// Remembers the hashes of one key.
    fn insert_key(&mut self, k: &str) {
        let first = k.split(' ').next().unwrap_or("");
        self.firsts.insert(piece_hash(first.as_bytes()));
        self.ranges.insert(range_hash_of_key(k));
    }

    /// Remembers the key of tokens `[a, b)`, like [`RangeKeys::from_keys`]
    /// given [`Ctx::key`]`(a, b)`, but from the context's cached token key
    /// hashes when no token key of the document holds a space (the key
    /// string is then never built). (The test of the sets: `location`
    /// keeps its own ranges and hashes.)
    #[cfg(test)]
    pub fn insert(&mut self, ctx: &Ctx<'_>, a: usize, b: usize) {
        if !ctx.spaced && a < b && b <= ctx.len() {
            self.firsts.insert(ctx.key_hash(a));
            self.ranges.insert(ctx.range_hash(a, b));
        } else {
            self.insert_key(&ctx.key(a, b));
        }
    }

    /// False only when no remembered key is the key of `[i, i + len)` for
    /// a `len` in `1..=n` (ranges past the end excluded). Exact through
    /// the hashes unless some token key of the document holds a space:
    /// then always true.
    pub fn may_match(&self, ctx: &Ctx<'_>, i: usize, n: usize) -> bool {
        if ctx.spaced {
            return true;
        }
        if i >= ctx.len() || !self.firsts.contains(&ctx.key_hash(i)) {
            return false;
        }
        let mut h = 0;
        for len in 1..=n {
            if i + len > ctx.len() {
                break;
            }
            h = range_step(h, ctx.key_hash(i + len - 1));
            if self.ranges.contains(&range_finish(h, len)) {
                return true;
            }
        }
        false
    }

    /// False only when no remembered key is the key of `[i, i + len)`
    /// (exact through the hashes unless some token key of the document
    /// holds a space: then always true). Lets a caller build the key of
    /// only the ranges that may be remembered.
    pub fn may_be(&self, ctx: &Ctx<'_>, i: usize, len: usize) -> bool {
        ctx.spaced || self.ranges.contains(&ctx.range_hash(i, i + len))
    }
}

/// Tokens already taken by an entity, as a bit per token (linear time).
/// A document of up to [`Marks::INLINE`] tokens (almost every paragraph)
/// keeps its bits inline, with no allocation.
pub(crate) struct Marks {
    n: usize,
    inline: [u64; Marks::INLINE / 64],
    heap: Vec<u64>,
}

impl Marks {
    /// Tokens whose bits fit inline.
    const INLINE: usize = 512;

    pub fn new(n: usize) -> Self {
        Marks {
            n,
            inline: [0; Marks::INLINE / 64],
            heap: if n > Marks::INLINE {
                vec![0; n / 64 + 1]
            } else {
                Vec::new()
            },
        }
    }

    fn words(&self) -> &[u64] {
        if self.n > Marks::INLINE {
            &self.heap
        } else {
            &self.inline
        }
    }

    /// Marks tokens `[a, b)`.
    pub fn push(&mut self, (a, b): (usize, usize)) {
        let b = b.min(self.n);
        let words: &mut [u64] = if self.n > Marks::INLINE {
            &mut self.heap
        } else {
            &mut self.inline
        };
        for k in a.min(b)..b {
            if let Some(w) = words.get_mut(k >> 6) {
                *w |= 1 << (k & 63);
            }
        }
    }

    pub fn contains(&self, i: usize) -> bool {
        i < self.n && self.words().get(i >> 6).is_some_and(|w| w >> (i & 63) & 1 == 1)
    }
}

impl Ctx<'_> {
    /// The token that starts at byte `pos`.
    pub fn token_starting_at(&self, pos: usize) -> Option<usize> {
        self.toks.binary_search_by_key(&pos, |t| t.start).ok()
    }

    /// The token that ends at byte `pos`.
    pub fn token_ending_at(&self, pos: usize) -> Option<usize> {
        self.toks.binary_search_by_key(&pos, |t| t.end).ok()
    }

    /// Tokens inside byte span `[s, e)`.
    pub fn tokens_within(&self, s: usize, e: usize) -> (usize, usize) {
        let a = self.toks.partition_point(|t| t.start < s);
        let b = self.toks.partition_point(|t| t.start < e);
        (a, b.max(a))
    }
}

/// Accessors of the name rules (`person`, `organization`, `location`,
/// `program`) that spare them building strings.
impl Ctx<'_> {
    /// Whether token `i`'s text in lower case is `w`: the answer of
    /// `self.word(i).to_lowercase() == w` without building the lower-case
    /// string (the rules ask it of words such as `mã`, `bạn`).
    pub fn word_lower_is(&self, i: usize, w: &str) -> bool {
        let s = self.word(i);
        if s.is_ascii() {
            // ASCII lowers to ASCII of the same length.
            return s.len() == w.len() && s.bytes().zip(w.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b);
        }
        let mut rest = w.chars();
        for c in s.chars() {
            if c == 'Σ' {
                // `str::to_lowercase` writes a final capital sigma as `ς`,
                // `char::to_lowercase` always as `σ`.
                return s.to_lowercase() == w;
            }
            if !c.to_lowercase().all(|l| rest.next() == Some(l)) {
                return false;
            }
        }
        rest.next().is_none()
    }

    /// Whether some token key of the document holds a space (then equal
    /// keys of token ranges may come from different token sequences).
    pub fn spaced(&self) -> bool {
        self.spaced
    }
}

/// Test support for the finders' sets of remembered token ranges
/// (`location::Places`, `person::NameSet`): builds the context of `text`,
/// inserts ranges of one to three tokens from token 0 on, `step + round %
/// 4` tokens apart, and after each insert asks every range of one to four
/// tokens from every `(1 + round % 5)`-th token. `insert(state, ctx, a, b,
/// round)` inserts range `a..b` into the set under test and its reference
/// (both in `state`); `ask(state, ctx, i, j)` asserts that they answer the
/// same for `i..j`.
#[cfg(test)]
pub(crate) fn insert_and_ask_ranges<S>(
    text: &str,
    step: usize,
    state: &mut S,
    mut insert: impl FnMut(&mut S, &Ctx<'_>, usize, usize, usize),
    mut ask: impl FnMut(&mut S, &Ctx<'_>, usize, usize),
) {
    with_builtin_ctx(text, |ctx| {
        let n = ctx.len();
        let mut a = 0;
        let mut round = 0;
        while a < n {
            let b = (a + 1 + round % 3).min(n);
            insert(state, ctx, a, b, round);
            for i in (0..n).step_by(1 + round % 5) {
                for len in 1..=4 {
                    if i + len <= n {
                        ask(state, ctx, i, i + len);
                    }
                }
            }
            a += step + round % 4;
            round += 1;
        }
    });
}

/// Test support: runs `same_answers(text, step)` (a check built on
/// [`insert_and_ask_ranges`]) on each of `texts` with steps 1 and 3, on
/// `long` with step 2, and on every fourth of the first 400 lines of
/// `../shared/data/bench/viwiki.txt` when it is there (skipped with a
/// message when not).
#[cfg(test)]
pub(crate) fn ask_ranges_on_texts(texts: &[&str], long: &str, mut same_answers: impl FnMut(&str, usize)) {
    for text in texts {
        same_answers(text, 1);
        same_answers(text, 3);
    }
    same_answers(long, 2);
    let Some(wiki) = shared_viwiki() else {
        return;
    };
    for line in wiki.lines().take(400).step_by(4) {
        same_answers(line, 2);
    }
}

/// Test support: runs `f` on the name context of `text` built with the
/// built-in lexicon in a fresh memo home (the lexicon, document and home
/// that a context borrows, made in one place for the tests).
#[cfg(test)]
pub(crate) fn with_builtin_ctx<R>(text: &str, f: impl FnOnce(&Ctx<'_>) -> R) -> R {
    let lex = NameLexicon::builtin();
    let doc = Document::new(text);
    let mut home = MemoHome::new();
    let ctx = Ctx::new(&doc, &lex, &mut home);
    f(&ctx)
}

/// Test support: runs `check` on each of `examples`, then on the first
/// `lines` lines of viwiki when it is there ([`shared_viwiki`]).
#[cfg(test)]
pub(crate) fn check_examples_and_viwiki(examples: &[&str], lines: usize, mut check: impl FnMut(&str)) {
    examples.iter().for_each(|text| check(text));
    if let Some(wiki) = shared_viwiki() {
        wiki.lines().take(lines).for_each(check);
    }
}

/// Test support: the text of `../shared/data/bench/viwiki.txt`, or `None`
/// (with a message saying the part is skipped) when it is not there.
#[cfg(test)]
pub(crate) fn shared_viwiki() -> Option<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/viwiki.txt");
    let text = std::fs::read_to_string(path).ok();
    if text.is_none() {
        eprintln!("skipping the viwiki part: {path} not found");
    }
    text
}

/// Test support: a lexicon whose vocabulary has the one-byte words `Q` and
/// `7` (the organization `Q 7`), which the built-in one may lack.
#[cfg(test)]
pub(crate) fn digit_lexicon() -> NameLexicon {
    NameLexicon::build(&crate::lexicon::Extras {
        organizations: &[(
            "Q 7".to_string(),
            crate::entity::organization::OrgKind::Government,
        )],
        locations: &[],
        program_triggers: &[],
        persons: &[],
    })
}

/// Test support: a user lexicon, the built-in one plus the person `Xyzqa
/// Vưqk`, a name no built-in list holds.
#[cfg(test)]
pub(crate) fn custom_lexicon() -> NameLexicon {
    NameLexicon::build(&crate::lexicon::Extras {
        organizations: &[],
        locations: &[],
        program_triggers: &[],
        persons: &["Xyzqa Vưqk".to_string()],
    })
}

/// Test support: calls `f` with each text of the gold sets under
/// `../shared/data` (news-dev, news-dev-finance, seed), skipping a set
/// with a message when it is not there.
#[cfg(test)]
pub(crate) fn each_shared_news_text(mut f: impl FnMut(&str)) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    for set in ["news-dev", "news-dev-finance", "seed"] {
        let Ok(dir) = std::fs::read_dir(root.join(set).join("texts")) else {
            eprintln!("skipping {set}: ../shared/data/{set}/texts not found");
            continue;
        };
        for file in dir.flatten() {
            if let Ok(text) = std::fs::read_to_string(file.path()) {
                f(&text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! The word-level trie and the byte-level fast class must give the
    //! rules exactly what the reference scan (keys of every token, one
    //! Aho-Corasick pass) gives: same tokens, cases, categories and hits.
    use super::*;
    use crate::lexicon::{cat, NONE};
    use proptest::prelude::*;

    /// The padded word is the bytes then zeros, at every length to 8;
    /// the short newline test agrees with a plain search with a `\n` (or
    /// a byte next to it in value) at every place of every length to 16.
    #[test]
    fn short_newline_test_and_padded_words_agree_with_plain_ones() {
        let src: Vec<u8> = (1..=16u8).map(|b| b.wrapping_mul(37) | 0x40).collect();
        for n in 0..=8 {
            let b = src.get(..n).unwrap_or(&[]);
            let mut w = [0u8; 8];
            w.get_mut(..n).unwrap_or(&mut []).copy_from_slice(b);
            assert_eq!(padded_u64(b), u64::from_le_bytes(w), "length {n}");
        }
        for n in 0..16 {
            assert!(!has_newline_short(src.get(..n).unwrap_or(&[])), "length {n}");
            for at in 0..n {
                for byte in [b'\n', b'\n' + 1, b'\n' - 1, 0x8a, 0] {
                    let mut b = src.get(..n).unwrap_or(&[]).to_vec();
                    if let Some(x) = b.get_mut(at) {
                        *x = byte;
                    }
                    assert_eq!(has_newline_short(&b), b.contains(&b'\n'), "{b:?}");
                    assert_eq!(has_newline(&b), b.contains(&b'\n'), "{b:?}");
                }
            }
        }
    }

    /// A context's bitmaps, to compare two builds.
    fn maps_of(ctx: &Ctx<'_>) -> (Vec<u64>, Vec<u64>, Vec<[u64; CATS]>, u16) {
        (
            ctx.maps.namecaps.to_vec(),
            ctx.maps.breaks.to_vec(),
            ctx.maps.cats.to_vec(),
            ctx.maps.present,
        )
    }

    fn same(text: &str, lex: &NameLexicon) {
        let doc = Document::new(text);
        let (mut fast_home, mut slow_home) = (MemoHome::new(), MemoHome::new());
        let fast = Ctx::build(&doc, lex, false, &mut fast_home);
        let slow = Ctx::build(&doc, lex, true, &mut slow_home);
        assert_eq!(fast.toks, slow.toks, "tokens differ on {text:?}");
        assert_eq!(fast.hits, slow.hits, "hits differ on {text:?}");
        assert_eq!(
            buckets(fast.hit_range),
            buckets(slow.hit_range),
            "hit buckets differ on {text:?}"
        );
        // The tokenizer's annotated path: the same tokens, each token's
        // annotation its class, and the same context built from them.
        let mut tokens = Vec::new();
        let mut anns = Vec::new();
        let tag = tokenize_classified(text, &mut tokens, &mut anns, lex).0;
        assert_ne!(tag, 0);
        assert_eq!(tokens, doc.tokens, "{text:?}");
        assert_eq!(anns.len(), tokens.len(), "{text:?}");
        let mut scratch = Vec::new();
        for (t, &a) in tokens.iter().zip(&anns) {
            // 0 (the context classifies the token itself) or its class.
            if a != 0 {
                let c = classify(t.text, lex, &mut scratch);
                let ann = Ann {
                    case: c.case,
                    info: shape_info(t.kind, c.shape),
                    id: c.id,
                    spaced: c.spaced,
                };
                assert_eq!(Class::unpack(a), Some(ann), "{text:?}");
            }
        }
        let annotated = Document { text, tokens };
        let anns = Annotations { anns, tag };
        // The general token loop on the annotated document (the one-line
        // path is compared with it, and both with the reference below).
        let mut general_home = MemoHome::new();
        let (memo, bufs) = general_home.lend(lex);
        let general = Ctx::build_with(&annotated, &anns, lex, memo, bufs, false);
        let (general_toks, general_hits, general_ranges) = (
            general.toks.to_vec(),
            general.hits.to_vec(),
            general.hit_range.to_vec(),
        );
        let general_maps = maps_of(&general);
        // The bitmaps as the reference's flag pass makes them.
        let slow_maps = maps_of(&slow);
        assert_eq!(general_maps, slow_maps, "{text:?} (bitmaps)");
        assert_eq!(general.spaced, slow.spaced, "{text:?}");
        drop(general);
        let mut via_home = MemoHome::new();
        let via = Ctx::annotated_in(&annotated, &anns, lex, &mut via_home);
        assert_eq!(via.toks, general_toks, "{text:?} (one-line path)");
        assert_eq!(via.hits, general_hits, "{text:?} (one-line path)");
        assert_eq!(via.hit_range, general_ranges, "{text:?} (one-line path)");
        let via_maps = maps_of(&via);
        assert_eq!(via_maps, general_maps, "{text:?} (one-line path, bitmaps)");
        assert_eq!(via.toks, slow.toks, "tokens differ on {text:?} (annotated)");
        assert_eq!(via.hits, slow.hits, "hits differ on {text:?} (annotated)");
        assert_eq!(
            buckets(via.hit_range),
            buckets(slow.hit_range),
            "hit buckets differ on {text:?} (annotated)"
        );
        assert_eq!(via.spaced, slow.spaced, "{text:?}");
        drop(via);
        // Built in a caller's home (the extractor's): the same context,
        // and the memo still in the home once it is dropped (the second
        // round is built in the first one's memo and buffers).
        let mut home = MemoHome::new();
        for round in 0..2 {
            let lent = Ctx::annotated_in(&annotated, &anns, lex, &mut home);
            assert_eq!(lent.toks, general_toks, "{text:?} (lent, round {round})");
            assert_eq!(lent.hits, general_hits, "{text:?} (lent, round {round})");
            assert_eq!(lent.hit_range, general_ranges, "{text:?} (lent, round {round})");
            assert_eq!(maps_of(&lent), general_maps, "{text:?} (lent, round {round})");
            assert_eq!(lent.spaced, slow.spaced, "{text:?} (lent, round {round})");
            drop(lent);
            assert!(home.memo.is_some(), "{text:?}: the memo is not in its home");
        }
        // Key hashes agree with the keys they stand for.
        for i in 0..fast.len() {
            assert_eq!(
                fast.key_hash(i),
                piece_hash(fast.key(i, i + 1).as_bytes()),
                "{text:?}"
            );
            if !fast.spaced {
                for j in i + 1..=(i + 4).min(fast.len()) {
                    assert_eq!(
                        fast.range_hash(i, j),
                        range_hash_of_key(&fast.key(i, j)),
                        "{text:?}"
                    );
                }
            }
        }
        remembered_sets_agree(&fast);
        // A token's category bits say which kinds of hit start there (the
        // early returns of `place` and `prefix` and the rules' `has` tests
        // rely on it).
        for i in 0..fast.len() {
            for bit in (0..11).map(|b| 1u16 << b) {
                assert_eq!(
                    fast.has(i, bit),
                    fast.any(i, |e| e.cats() & bit != 0),
                    "{text:?} token {i} category {bit}"
                );
            }
        }
        // The categories present are those some token has (the finders
        // skip a pass, and `next_with` returns at once, on their absence).
        for bit in (0..10).map(|b| 1u16 << b) {
            assert_eq!(
                fast.present(bit),
                (0..fast.len()).any(|k| fast.has(k, bit)),
                "{text:?} category {bit}"
            );
        }
        // Punctuation tests as the kind and the word say.
        for k in 0..fast.len() + 2 {
            for p in [
                ",", ".", "(", ")", "/", ":", "-", ";", "...", "–", "”", "", "a", "Hà",
            ] {
                let want = fast.tok(k).is_some_and(|t| t.kind == TokenKind::Punct) && fast.word(k) == p;
                assert_eq!(fast.is_punct(k, p), want, "{text:?} token {k} {p:?}");
            }
        }
        // The bitmap jumps land where linear scans do.
        let n = fast.len();
        for from in 0..=n + 1 {
            let scan = |p: &dyn Fn(usize) -> bool| (from..n).find(|&k| p(k)).unwrap_or(n);
            for mask in [
                cat::TITLE,
                cat::CREDIT,
                cat::PREFIX | cat::PLACE,
                cat::ORG | cat::HEAD,
                cat::TRIGGER | cat::PROGRAM,
                cat::SURNAME | cat::PERSON,
                cat::PLACE | cat::PREFIX | cat::ORG | cat::HEAD | cat::TRIGGER | cat::PROGRAM,
                cat::STOP,
                cat::STOP | cat::TITLE,
            ] {
                assert_eq!(
                    fast.next_with(from, mask),
                    scan(&|k| fast.has(k, mask)),
                    "{text:?}"
                );
            }
            assert_eq!(fast.next_namecap(from), scan(&|k| fast.is_namecap(k)), "{text:?}");
            assert_eq!(
                fast.next_line_start(from),
                scan(&|k| fast.breaks_before(k)),
                "{text:?}"
            );
            let three_upper = |t: &Tok| t.end - t.start == 3 && t.case == Case::Upper;
            assert_eq!(
                fast.next_where(from, three_upper),
                scan(&|k| fast.tok(k).is_some_and(three_upper)),
                "{text:?}"
            );
            for kinds in [
                &[TokenKind::OpenQuote][..],
                &[TokenKind::Url, TokenKind::Punct][..],
            ] {
                assert_eq!(
                    fast.next_kind(from, kinds),
                    scan(&|k| fast.kind(k).is_some_and(|x| kinds.contains(&x))),
                    "{text:?}"
                );
            }
        }
        // Keys built on demand agree with the keys of the prefixes.
        for i in (0..fast.len()).step_by(7) {
            let (keys, ends) = fast.key_prefixes(i, 4);
            for (n, e) in ends.iter().enumerate() {
                assert_eq!(keys.get(..*e).unwrap_or(""), fast.key(i, i + n + 1));
                assert_eq!(fast.key_bytes(i, i + n + 1), fast.key(i, i + n + 1).into_bytes());
            }
        }
    }

    /// `KeySet` and `RangeKeys` answer like plain sets of key strings:
    /// remember every third range of one to three tokens, ask for all.
    fn remembered_sets_agree(ctx: &Ctx<'_>) {
        let mut set = KeySet::default();
        let mut plain = std::collections::HashSet::new();
        let n = ctx.len();
        for i in (0..n).step_by(3) {
            let j = (i + 1 + i % 3).min(n);
            set.insert(ctx, i, j);
            plain.insert(ctx.key(i, j));
        }
        let from_keys = RangeKeys::from_keys(plain.iter());
        // Built range by range from the context: the same sets.
        let mut from_ctx = RangeKeys::new();
        for i in (0..n).step_by(3) {
            from_ctx.insert(ctx, i, (i + 1 + i % 3).min(n));
        }
        assert_eq!(from_ctx.firsts, from_keys.firsts);
        assert_eq!(from_ctx.ranges, from_keys.ranges);
        let ranges = from_ctx;
        for i in 0..n {
            let mut any = false;
            for j in i + 1..=(i + 3).min(n) {
                let held = plain.contains(&ctx.key(i, j));
                assert_eq!(set.contains(ctx, i, j), held, "{:?}", ctx.key(i, j));
                // No remembered range is ruled out by its hash.
                if held {
                    assert!(ranges.may_be(ctx, i, j - i), "{:?}", ctx.key(i, j));
                }
                any |= held;
            }
            if any {
                assert!(ranges.may_match(ctx, i, 3), "{:?}", ctx.key(i, i + 1));
            }
        }
    }

    /// Written forms of lexicon words, to put many hits into random text.
    fn words() -> Vec<String> {
        let lex = NameLexicon::builtin();
        let mut w: Vec<String> = lex
            .trie
            .raw_forms()
            .filter_map(|b| String::from_utf8(b.to_vec()).ok())
            .collect();
        w.sort();
        w
    }

    #[test]
    fn trie_agrees_with_reference_scan_on_own_sentences() {
        let lex = NameLexicon::builtin();
        for text in [
            "",
            " ",
            "\u{301}",
            "Phó Chủ tịch UBND tỉnh Điện Biên Lò Văn Tiến dự lễ phát động phong trào “Chung sức làm đường”.",
            "THANH HOÁ - Sở Y tế tỉnh Thanh Hoá và Sở GD&ĐT TP.Vinh họp.\nBà Rịa – Vũng Tàu, ngày 2/9.",
            "Ông Nguyễn Văn A, Giám đốc Ngân hàng Chính sách xã hội chi nhánh tỉnh Bình Dương.",
            "Thanh Ho\u{301}a, hòa bình, HÒA BÌNH, HoÀ bÌnh, iPhone, 1 000 người, https://a.vn, a@b.vn",
            "Cổ phiếu HPG tăng 3%, VN-Index giảm; Hội Liên hiệp Phụ nữ tỉnh (LHPN) phát động.",
            // All-caps lines (flags change there), one at the end of the text.
            "SỞ NỘI VỤ TỈNH LAI CHÂU THÔNG BÁO\nÔng Hà Văn C nói.\n\nA B C\nCHÀO MỪNG ĐẠI HỘI",
            "MỘT HAI\nBA BỐN NĂM SÁU - V. TP.HCM\nbảy TÁM CHÍN MƯỜI",
        ] {
            same(text, &lex);
        }
    }

    proptest! {
        #[test]
        fn marks_agree_with_a_flag_per_token(
            n in prop_oneof![0usize..600, 500usize..1300],
            ranges in proptest::collection::vec((0usize..1400, 0usize..1400), 0..12),
        ) {
            let mut marks = Marks::new(n);
            let mut flags = vec![false; n];
            for &(a, b) in &ranges {
                marks.push((a, b));
                let b = b.min(n);
                for f in flags.iter_mut().take(b).skip(a.min(b)) {
                    *f = true;
                }
            }
            for i in 0..n + 70 {
                prop_assert_eq!(marks.contains(i), flags.get(i).copied().unwrap_or(false), "{}", i);
            }
        }
    }

    #[test]
    fn annotation_blocks_of_every_length_agree() {
        // Every length to 64 (the last one to three by the overlapping
        // four, under four without a loop), the counted bit (27) and the
        // flags at every place: a lane counted twice or dropped differs.
        let mut x = 0x9E37_79B9u32;
        for len in 0..=64 {
            for round in 0..8 {
                let anns: Vec<u32> = (0..len)
                    .map(|k| {
                        x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                        match round {
                            0 => PACKED | 1 << 27 | 1 << 24,
                            1 => 0,
                            2 if k == len - 1 => PACKED | 1 << 27 | SPECIAL,
                            2 => PACKED,
                            3 => PACKED | x & !SPECIAL,
                            _ => x,
                        }
                    })
                    .collect();
                assert_eq!(ann_block(&anns), ann_block_plain(&anns), "{anns:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn annotation_blocks_agree_with_one_at_a_time(
            anns in proptest::collection::vec(
                prop_oneof![
                    Just(0u32),
                    any::<u32>(),
                    any::<u32>().prop_map(|w| w | PACKED),
                    any::<u32>().prop_map(|w| (w | PACKED) & !SPECIAL),
                ],
                0..=64,
            )
        ) {
            prop_assert_eq!(ann_block(&anns), ann_block_plain(&anns));
        }

        #[test]
        fn starter_masks_agree_with_one_at_a_time(
            limit in prop_oneof![Just(0u32), Just(1), 0u32..3000, Just(u32::MAX - 1), Just(u32::MAX)],
            ids in proptest::collection::vec(
                prop_oneof![Just(NONE), Just(0u32), 0u32..3000, any::<u32>(), Just(0x8000_0000)],
                0..=64,
            )
        ) {
            let want = ids
                .iter()
                .enumerate()
                .fold(0u64, |m, (j, &id)| m | u64::from(id < limit) << j);
            prop_assert_eq!(starter_mask_plain(&ids, limit), want);
            prop_assert_eq!(starter_mask(&ids, limit), want);
        }
    }

    #[test]
    fn starter_masks_of_every_length_and_place() {
        // Every length to 64, one id below the limit (or at it) at every
        // place among ids at or past it, `NONE` and the sign bit.
        for limit in [0u32, 1, 7, 1_000, 0x8000_0000, NONE] {
            for n in 0..=64usize {
                let far: Vec<u32> = (0..n)
                    .map(|j| [NONE, limit, 0x8000_0000u32.max(limit), limit.saturating_add(5)][j % 4])
                    .collect();
                assert_eq!(
                    starter_mask(&far, limit),
                    starter_mask_plain(&far, limit),
                    "{limit} {n}"
                );
                assert_eq!(starter_mask_plain(&far, limit), 0, "{limit} {n}");
                for p in 0..n {
                    for id in [0, limit.saturating_sub(1), limit] {
                        let mut ids = far.clone();
                        ids[p] = id;
                        let want = u64::from(id < limit) << p;
                        assert_eq!(starter_mask(&ids, limit), want, "{limit} {n} {p} {id}");
                    }
                }
            }
        }
    }

    #[test]
    fn newline_test_agrees_with_a_plain_search() {
        // Every length up to 100 with no newline, and one at every place.
        for n in 0..100 {
            let mut b = vec![b'a'; n];
            assert!(!has_newline(&b), "{n}");
            assert!(!has_newline_plain(&b), "{n}");
            for p in 0..n {
                b[p] = b'\n';
                assert!(has_newline(&b), "{n} {p}");
                assert!(has_newline_plain(&b), "{n} {p}");
                b[p] = if p % 2 == 0 { b'\r' } else { 0x8a };
                assert!(!has_newline(&b), "{n} {p}");
            }
        }
    }

    #[test]
    fn memo_slot_takes_32_bytes() {
        assert_eq!(std::mem::size_of::<MemoSlot>(), 32);
    }

    #[test]
    fn shape_table_agrees_with_shape_flags() {
        // Every kind is in `KINDS` once (a new kind fails to compile here).
        let position = |k: TokenKind| match k {
            TokenKind::Syllable
            | TokenKind::Word
            | TokenKind::Number
            | TokenKind::DateLike
            | TokenKind::Ratio
            | TokenKind::Percent
            | TokenKind::Abbreviation
            | TokenKind::Punct
            | TokenKind::OpenQuote
            | TokenKind::CloseQuote
            | TokenKind::Symbol
            | TokenKind::Url
            | TokenKind::Email
            | TokenKind::Hashtag
            | TokenKind::Mention => KINDS.iter().position(|&x| x == k),
        };
        for (n, &kind) in KINDS.iter().enumerate() {
            assert_eq!(position(kind), Some(n));
            for case in [Case::Lower, Case::Title, Case::Upper, Case::Mixed] {
                for chars in 0..4 {
                    if (case == Case::Upper) != (chars > 0) {
                        continue;
                    }
                    let info = SHAPES[kind as usize][usize::from(shape_of(case, chars))];
                    assert_eq!(
                        info & 7,
                        shape_flags(kind, case, false, chars),
                        "{kind:?} {case:?} {chars}"
                    );
                    let wordish = matches!(kind, TokenKind::Syllable | TokenKind::Word);
                    assert_eq!(info & shape::LINE_UPPER != 0, wordish && case == Case::Upper);
                    assert_eq!(info & shape::LINE_LOWER != 0, wordish && case != Case::Upper);
                }
            }
        }
    }

    #[test]
    fn fast_build_marks_caps_lines_at_every_bitmap_offset() {
        // The fused loop finds all-caps lines with counters and patches the
        // name-cap bitmap afterwards: put such a line at every offset
        // around a 64-token word boundary, in the middle and at the end.
        let lex = NameLexicon::builtin();
        for before in 55..=70 {
            let lead = "các xã ".repeat(before / 2);
            for text in [
                format!("{lead}\nỦY BAN NHÂN DÂN TỈNH HÀ GIANG B\ncòn lại ông Lê Văn D"),
                format!("{lead}\nHỘI NÔNG DÂN VIỆT NAM"),
            ] {
                same(&text, &lex);
                let mut home = MemoHome::new();
                let ctx = Ctx::build(&Document::new(&text), &lex, false, &mut home);
                assert!(ctx.toks.iter().any(|t| t.caps_line), "{text:?}");
            }
        }
    }

    #[test]
    fn one_line_documents_of_every_length_agree() {
        // The one-line path makes its bitmaps 64 annotations at a time:
        // one-line documents of 1 to 140 tokens (ends of words at 63, 64,
        // 65, 128), of words it does not annotate (numbers, punctuation,
        // a word before a stop, a link), glued abbreviations (it falls
        // back to the general loop) and all-caps lines (its name-cap
        // bitmap is made again).
        let lex = NameLexicon::builtin();
        let pieces = [
            "ông",
            "Nguyễn",
            "Văn",
            "An",
            "ở",
            "Hà",
            "Nội",
            "12",
            ",",
            "UBND",
            "tỉnh",
            "(",
            "2024",
            ")",
            "x.y",
            "iPhone",
            "https://a.vn/b",
            "và",
            "Công",
            "ty",
        ];
        for n in 1..=140 {
            let words: Vec<&str> = (0..n).map(|k| pieces[(k * 7 + n) % pieces.len()]).collect();
            let text = words.join(" ");
            same(&text, &lex);
            same(&format!("{text} TP.Huế ."), &lex);
            same(&text.to_uppercase(), &lex);
        }
    }

    #[test]
    fn a_home_reused_across_documents_builds_what_a_fresh_one_does() {
        // Contexts are built in their home's buffers and leave them there
        // (stale tokens, hits, buckets and bitmap words of the document
        // before): one home, documents longer and shorter than the one
        // before, one line and several, annotated or not, and one past the
        // buffers' trim limit (its buffers are let go at the next build);
        // every context equal to one built in a fresh home.
        let lex = NameLexicon::builtin();
        let long = "Ông Nguyễn Văn An ở Hà Nội, UBND tỉnh Hà Giang. ".repeat(7_000);
        let texts = [
            "Xin chào.".to_string(),
            "Ông Nguyễn Văn An làm việc ở Công ty Cổ phần Vinamilk tại TP.Hồ Chí Minh (2024) ".repeat(5),
            "Hà".to_string(),
            "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\ncòn lại ông Lê Văn D ở Hà Nội".to_string(),
            "các xã ".repeat(40),
            long,
            "Bộ Y tế và Sở Giáo dục tỉnh Nam Định".to_string(),
            "x.y https://a.vn/b iPhone 12 , ( ) và".to_string(),
        ];
        let mut home = MemoHome::new();
        for round in 0..2 {
            for text in &texts {
                let mut tokens = Vec::new();
                let mut anns = Vec::new();
                let tag = tokenize_classified(text, &mut tokens, &mut anns, &lex).0;
                let doc = Document { text, tokens };
                for anns in [Annotations { anns, tag }, Annotations::default()] {
                    let mut fresh = MemoHome::new();
                    let want = Ctx::annotated_in(&doc, &anns, &lex, &mut fresh);
                    let got = Ctx::annotated_in(&doc, &anns, &lex, &mut home);
                    let what = format!("round {round}, {} bytes", text.len());
                    assert_eq!(got.toks, want.toks, "{what}");
                    assert_eq!(got.hits, want.hits, "{what}");
                    assert_eq!(got.hit_range, want.hit_range, "{what}");
                    assert_eq!(maps_of(&got), maps_of(&want), "{what}");
                    assert_eq!(got.spaced, want.spaced, "{what}");
                    for i in 0..got.len().min(50) {
                        assert_eq!(got.key_hash(i), want.key_hash(i), "{what}");
                    }
                }
                // (As the recognizer does once it is done with a context.)
                let long = home.bufs.toks.capacity() > 1 << 16;
                assert_eq!(long, text.len() > 100_000, "the long document's tokens");
                home.let_go();
                assert!(
                    home.bufs.toks.capacity() <= 1 << 16,
                    "a long document's buffers kept"
                );
                assert!(
                    home.bufs.hits.capacity() <= 1 << 16,
                    "a long document's buffers kept"
                );
            }
        }
    }

    #[test]
    fn trie_agrees_with_reference_scan_on_shared_texts() {
        let lex = NameLexicon::builtin();
        let mut seen = 0;
        each_shared_news_text(|text| {
            same(text, &lex);
            seen += 1;
        });
        if let Some(text) = shared_viwiki() {
            // Every 7th paragraph of the first ~600 KB keeps the debug
            // build quick.
            for p in text.lines().take(5000).step_by(7) {
                same(p, &lex);
                seen += 1;
            }
        }
        eprintln!("{seen} texts compared");
    }

    /// Tokens of own sentences and written forms of lexicon words.
    fn sample_tokens() -> Vec<String> {
        let mut out: Vec<String> = [
            "Phó Chủ tịch UBND tỉnh Điện Biên Lò Văn Tiến dự lễ phát động phong trào “Chung sức”.",
            "THANH HOÁ - Sở Y tế tỉnh Thanh Hoá và Sở GD&ĐT TP.Vinh họp; nghiêng, người, nghiệp.",
            "Thanh Ho\u{301}a, hòa bình, HÒA BÌNH, HoÀ bÌnh, iPhone, 1 000 người, https://a.vn, a@b.vn",
            "Ông Nguyễn Văn A, Giám đốc Ngân hàng Chính sách xã hội chi nhánh tỉnh Bình Dương.",
        ]
        .iter()
        .flat_map(|t| crate::tokenize(t).map(|k| k.text.to_string()).collect::<Vec<_>>())
        .collect();
        out.extend(words().into_iter().step_by(5));
        out
    }

    #[test]
    fn memo_agrees_with_classify_under_collisions() {
        let lex = NameLexicon::builtin();
        let mut scratch = Vec::new();
        // Eight slots: most tokens evict each other; the second round hits
        // the survivors.
        for bits in [3, 13] {
            let mut memo = Memo::new(bits);
            memo.prepare(lex.id);
            for _round in 0..2 {
                for w in sample_tokens() {
                    let want = classify(&w, &lex, &mut scratch);
                    assert_eq!(memo.class(&w, &lex, &mut scratch), want, "{w:?}");
                }
            }
        }
    }

    #[test]
    fn memo_key_hashes_and_classes_agree_in_any_order() {
        // `key_hash` may take a slot before `class` asks (the slot's class
        // is then filled in later) and the other way round.
        let lex = NameLexicon::builtin();
        let mut scratch = Vec::new();
        let mut other = Vec::new();
        for bits in [3, 13] {
            let mut memo = Memo::new(bits);
            memo.prepare(lex.id);
            for round in 0..4 {
                for (n, w) in sample_tokens().iter().enumerate() {
                    let want = classify(w, &lex, &mut scratch);
                    let hash = token_key_hash(w, &mut other);
                    if (n + round) % 2 == 0 {
                        assert_eq!(memo.key_hash(w), hash, "{w:?}");
                        assert_eq!(memo.class(w, &lex, &mut scratch), want, "{w:?}");
                    } else {
                        assert_eq!(memo.class(w, &lex, &mut scratch), want, "{w:?}");
                        assert_eq!(memo.key_hash(w), hash, "{w:?}");
                    }
                    assert_eq!(memo.class(w, &lex, &mut scratch), want, "{w:?}");
                }
            }
        }
    }

    /// A lower-case word token with no categories, for the walks' tests.
    fn blank_tok() -> Tok {
        Tok {
            start: 0,
            end: 0,
            cats: 0,
            caps_line: false,
            newlines_before: 0,
            kind: TokenKind::Word,
            case: Case::Lower,
            flags: 0,
        }
    }

    /// The buckets with every empty one as `[0, 0]` (`walk_trie` leaves
    /// `[k, k]` at a phrase's first word without a one-word phrase).
    fn buckets(ranges: &[[u32; 2]]) -> Vec<[u32; 2]> {
        ranges
            .iter()
            .map(|&[a, b]| if a < b { [a, b] } else { [0, 0] })
            .collect()
    }

    /// `walk_trie` or `walk_trie_ref`.
    type Walk = fn(&mut [Tok], &[u32], &mut Vec<Hit>, &mut Vec<[u32; 2]>, &mut Bitmaps, &NameLexicon);

    /// `walk_trie` and its reference `walk_trie_ref` on the same ids: the
    /// same hits, buckets, token categories and bitmaps.
    fn walks_agree(ids: &[u32], lex: &NameLexicon) {
        let tok = blank_tok();
        let run = |walk: Walk| {
            let mut toks = vec![tok; ids.len()];
            let (mut hits, mut ranges, mut maps) = (Vec::new(), Vec::new(), Bitmaps::new());
            maps.reset_cats(ids.len());
            walk(&mut toks, ids, &mut hits, &mut ranges, &mut maps, lex);
            // Every bucket, empty or not, holds exactly the token's hits
            // (what `hits_at` and `longest_end` read).
            assert_eq!(ranges.len(), ids.len());
            for (i, &[a, b]) in ranges.iter().enumerate() {
                let got = hits.get(a as usize..b as usize);
                let want: Vec<Hit> = hits.iter().filter(|h| h.start as usize == i).copied().collect();
                assert_eq!(got, Some(&want[..]), "{ids:?} at {i}");
            }
            let cats: Vec<u16> = toks.iter().map(|t| t.cats).collect();
            (hits, buckets(&ranges), cats, maps.cats, maps.present)
        };
        let fast = run(walk_trie);
        let slow = run(walk_trie_ref);
        assert_eq!(fast, slow, "{ids:?}");
    }

    /// Ids for [`walks_agree`]: every pick is a path of the trie (whole or
    /// cut), an id off any path, or `NONE`.
    fn picked_ids(picks: &[(usize, u8)], paths: &[Vec<u32>], vocab: u32) -> Vec<u32> {
        let mut ids = Vec::new();
        for &(k, how) in picks {
            match how {
                0 => ids.push(NONE),
                1 => ids.push(k as u32 % (vocab + 3)),
                _ => {
                    if let Some(p) = paths.get(k % paths.len().max(1)) {
                        let cut = if how == 2 {
                            p.len().saturating_sub(1).max(1)
                        } else {
                            p.len()
                        };
                        ids.extend(p.iter().take(cut));
                    }
                }
            }
        }
        ids
    }

    #[test]
    fn trie_walk_empties_a_reused_bucket_buffer_at_every_short_length() {
        // `walk_trie` fills the buckets by four stores and a cut up to 8
        // tokens and by `resize` past that; the buffer comes back from the
        // memo holding an earlier document's buckets.
        let lex = &*NameLexicon::builtin();
        let paths = lex.trie.id_paths();
        let tok = blank_tok();
        for len in 0..=20 {
            let ids: Vec<u32> = paths
                .iter()
                .flatten()
                .copied()
                .chain([NONE; 20])
                .take(len)
                .collect();
            let none = vec![NONE; len];
            for ids in [&ids, &none] {
                let run = |walk: Walk, stale: usize| {
                    let mut toks = vec![tok; ids.len()];
                    let (mut hits, mut maps) = (Vec::new(), Bitmaps::new());
                    let mut ranges = vec![[7u32, 9]; stale];
                    maps.reset_cats(ids.len());
                    walk(&mut toks, ids, &mut hits, &mut ranges, &mut maps, lex);
                    assert!(ranges.iter().all(|&[a, b]| a <= b && b as usize <= hits.len()));
                    (hits, buckets(&ranges))
                };
                let slow = run(walk_trie_ref, 0);
                assert_eq!(slow.1.len(), len);
                for stale in [0, 3, len, 40] {
                    assert_eq!(run(walk_trie, stale), slow, "{ids:?}, {stale} stale");
                }
            }
        }
    }

    #[test]
    fn trie_walk_equals_the_branching_walk_on_every_path() {
        for lex in [&*NameLexicon::builtin(), &custom_lexicon(), &digit_lexicon()] {
            let paths = lex.trie.id_paths();
            assert!(!paths.is_empty());
            walks_agree(&[], lex);
            walks_agree(&[NONE], lex);
            // Every path alone, after a `NONE`, doubled, and the paths in
            // runs of 70 (across a 64-token bitmap word).
            for p in &paths {
                walks_agree(p, lex);
                let mut two = vec![NONE];
                two.extend(p);
                two.extend(p);
                walks_agree(&two, lex);
            }
            for run in paths.chunks(7) {
                let ids: Vec<u32> = run.iter().flatten().copied().take(70).collect();
                walks_agree(&ids, lex);
            }
        }
    }

    #[test]
    fn short_token_annotations_are_the_classes_the_general_path_gives() {
        // The built-in lexicon, one whose vocabulary has the digit key `7`
        // (its digit runs stay unannotated) and one with a person only.
        let digit = digit_lexicon();
        let custom = custom_lexicon();
        let builtin = NameLexicon::builtin();
        assert!(digit.trie.has_digit_key());
        let mut scratch = Vec::new();
        let runs = ["0", "7", "12", "2025", "77", "000123456789012345678901"];
        for lex in [&*builtin, &digit, &custom] {
            let table = short_anns(lex);
            let mut memo = Memo::new(5);
            memo.prepare(lex.id);
            for b in 0u8..128 {
                let w = char::from(b).to_string();
                let a = table.get(usize::from(b)).copied().unwrap_or(0);
                let Some(kind) = crate::token::short_kind(b) else {
                    assert_eq!(a, 0, "{w:?}");
                    continue;
                };
                if b.is_ascii_digit() && lex.trie.has_digit_key() {
                    assert_eq!(a, 0, "{w:?}");
                    continue;
                }
                // Every punctuation and symbol byte is annotated, and so
                // is every digit of a lexicon without digit keys.
                assert_ne!(a, 0, "{w:?}");
                assert_eq!(a & SPECIAL, 0, "{w:?}");
                let tokens: Vec<&str> = if b.is_ascii_digit() {
                    runs.iter()
                        .filter(|r| r.starts_with(char::from(b)))
                        .copied()
                        .chain([w.as_str()])
                        .collect()
                } else {
                    vec![w.as_str()]
                };
                for t in tokens {
                    // The class the general loop gives the token.
                    let c = memo.class(t, lex, &mut scratch);
                    assert_eq!(c, classify(t, lex, &mut Vec::new()), "{t:?}");
                    let ann = Ann {
                        case: c.case,
                        info: shape_info(kind, c.shape),
                        id: c.id,
                        spaced: c.spaced,
                    };
                    assert_eq!(Class::unpack(a), Some(ann), "{t:?}");
                    // (With the numeric anchor bit of the token: of every
                    // digit run alike.)
                    assert_eq!(
                        a,
                        c.pack(kind) | super::super::numeric::anchor_ann(t, kind),
                        "{t:?}"
                    );
                }
            }
            // In the tokenizer's output: the short tokens carry them, and
            // the context built from them is the reference's.
            let text = "Ông A (Q 7) nói: 12 người, 2025 đồng; 7% + 3 = 10! Hà Nội 77.";
            let mut tokens = Vec::new();
            let mut anns = Vec::new();
            tokenize_classified(text, &mut tokens, &mut anns, lex);
            let short = tokens
                .iter()
                .zip(&anns)
                .filter(|(t, &a)| {
                    a != 0 && matches!(t.kind, TokenKind::Punct | TokenKind::Symbol | TokenKind::Number)
                })
                .count();
            assert!(short >= 8, "{short}");
            same(text, lex);
        }
    }

    #[test]
    fn one_byte_tokens_come_from_the_byte_table_and_agree_with_classify() {
        // A lexicon that knows the one-byte words `7` and `Q` (the built-in
        // one may not): the table must follow the lexicon it serves.
        let custom = digit_lexicon();
        let builtin = NameLexicon::builtin();
        let mut scratch = Vec::new();
        let known = |lex: &NameLexicon, w: &str| classify(w, lex, &mut Vec::new()).id != crate::lexicon::NONE;
        assert!(known(&custom, "7") && known(&custom, "Q"));
        for bits in [3, 13] {
            let mut memo = Memo::new(bits);
            for lex in [&*builtin, &custom, &*builtin, &custom] {
                memo.prepare(lex.id);
                for _round in 0..2 {
                    for b in 0u8..128 {
                        let w = char::from(b).to_string();
                        let want = classify(&w, lex, &mut scratch);
                        assert_eq!(memo.class(&w, lex, &mut scratch), want, "{w:?}");
                        // The key hash of a one-byte token still goes
                        // through the slots, and leaves the class alone.
                        assert_eq!(memo.key_hash(&w), token_key_hash(&w, &mut Vec::new()), "{w:?}");
                        assert_eq!(memo.class(&w, lex, &mut scratch), want, "{w:?}");
                    }
                }
                // The table answered: every entry is filled in.
                assert!(memo.bytes.iter().all(|c| c.shape != NO_CLASS));
            }
        }
    }

    #[test]
    fn memo_forgets_another_lexicons_answers() {
        let custom = custom_lexicon();
        let builtin = NameLexicon::builtin();
        assert_ne!(custom.id, builtin.id);
        let mut scratch = Vec::new();
        let mut memo = Memo::new(13);
        for lex in [&*builtin, &custom, &*builtin, &custom] {
            memo.prepare(lex.id);
            for w in ["Xyzqa", "Vưqk", "tỉnh"] {
                assert_eq!(
                    memo.class(w, lex, &mut scratch),
                    classify(w, lex, &mut scratch),
                    "{w:?}"
                );
            }
        }
        assert_ne!(classify("Xyzqa", &custom, &mut scratch).id, crate::lexicon::NONE);
        assert_eq!(classify("Xyzqa", &builtin, &mut scratch).id, crate::lexicon::NONE);
    }

    #[test]
    fn classes_pack_into_one_word_and_back() {
        let mut n = 0;
        for kind in KINDS {
            for case in [Case::Lower, Case::Title, Case::Upper, Case::Mixed] {
                for shape in 0..8 {
                    for id in [0, 1, 4_321, ID_LIMIT - 1, crate::lexicon::NONE] {
                        for spaced in [false, true] {
                            let c = Class {
                                case,
                                shape,
                                id,
                                spaced,
                            };
                            let ann = Ann {
                                case,
                                info: shape_info(kind, shape),
                                id,
                                spaced,
                            };
                            assert_ne!(c.pack(kind), 0);
                            assert_eq!(c.pack(kind) & SPECIAL != 0, special_kind(kind));
                            assert_eq!(Class::unpack(c.pack(kind)), Some(ann), "{c:?} {kind:?}");
                            n += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(n, 320 * KINDS.len());
        assert_eq!(Class::unpack(0), None);
        // Every shape `shape_of` gives has a row entry, and every entry fits
        // the packed field.
        for case in [Case::Lower, Case::Title, Case::Upper, Case::Mixed] {
            for chars in 0..4 {
                assert!(shape_of(case, chars) < 8);
            }
        }
        for row in SHAPES {
            for info in row {
                assert!(info < 32, "{info}");
            }
        }
        assert_ne!(ann_tag(&NameLexicon::builtin()), 0);
    }

    #[test]
    fn annotated_tokens_follow_the_lexicon_when_two_alternate() {
        // A custom lexicon and the built-in one take turns on one thread:
        // the classes the tokenizer's memo keeps for one never answer for
        // the other, in a context or through extractors.
        let custom = custom_lexicon();
        let builtin = NameLexicon::builtin();
        let texts = [
            "Ông Xyzqa Vưqk đến thăm tỉnh Thanh Hóa, UBND tỉnh tiếp đón.",
            "Xyzqa Vưqk và Nguyễn Văn An họp ở Hà Nội.",
        ];
        for _ in 0..3 {
            for lex in [&*builtin, &custom] {
                for t in texts {
                    same(t, lex);
                }
            }
        }
        let plain = crate::Extractor::new();
        let with_person = crate::Extractor::builder().add_person("Xyzqa Vưqk").build();
        let text = "Hôm qua, Xyzqa Vưqk phát biểu tại Hà Nội.";
        let mut found = Vec::new();
        for _ in 0..3 {
            found.push(plain.extract(text));
            found.push(with_person.extract(text));
        }
        let person = |es: &Vec<crate::Entity>| es.iter().any(|e| e.text() == "Xyzqa Vưqk");
        assert!(found.iter().step_by(2).all(|es| !person(es)), "{found:?}");
        assert!(found.iter().skip(1).step_by(2).all(person), "{found:?}");
        assert!(found.windows(3).all(|w| w[0] == w[2]));
    }

    #[test]
    fn pack_tells_tokens_apart() {
        // Equal words and lengths exactly for equal bytes, at every length
        // up to 16, for tokens differing in one byte anywhere.
        for n in 1..=17usize {
            let base: Vec<u8> = (0..n as u8).map(|k| b'a' + k).collect();
            let p = pack(&base);
            assert_eq!(p.is_some(), n <= 16);
            for k in 0..n {
                let mut other = base.clone();
                other[k] = b'Z';
                if n <= 16 {
                    assert_ne!(pack(&other), p, "n={n} k={k}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn trie_agrees_with_reference_scan_on_random_text(
            s in "[a-zA-Z0-9àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ\u{300}\u{301}\u{302}\u{303}\u{309}\u{323}\u{31b} .,:;!?\"“”()/&\n–—’ǖḾß-]{0,120}"
        ) {
            same(&s, &NameLexicon::builtin());
        }

        #[test]
        fn memo_agrees_with_classify_on_random_tokens(
            toks in proptest::collection::vec("[a-zA-Z0-9àáảạăằắđèéêềếệìíòóôồốơờớùúưừứỳýĐÀÁÂÊÔƠƯ\u{300}\u{301}\u{323}.&'’-]{1,18}", 1..60)
        ) {
            let lex = NameLexicon::builtin();
            let mut scratch = Vec::new();
            let mut memo = Memo::new(4);
            memo.prepare(lex.id);
            for _round in 0..2 {
                for w in &toks {
                    let want = classify(w, &lex, &mut scratch);
                    prop_assert_eq!(memo.class(w, &lex, &mut scratch), want);
                }
            }
        }

        #[test]
        fn trie_walk_equals_the_branching_walk_on_random_ids(
            picks in proptest::collection::vec((0usize..100_000, 0u8..5), 0..90)
        ) {
            for lex in [&*NameLexicon::builtin(), &custom_lexicon()] {
                let paths = lex.trie.id_paths();
                let ids = picked_ids(&picks, &paths, lex.trie.vocab_len() as u32);
                walks_agree(&ids, lex);
            }
        }

        #[test]
        fn trie_agrees_with_reference_scan_on_lexicon_words(
            picks in proptest::collection::vec((0usize..100_000, 0u8..6, 0u8..6), 0..40)
        ) {
            let w = words();
            let mut text = String::new();
            for (n, mode, sep) in picks {
                let Some(word) = w.get(n % w.len().max(1)) else { continue };
                let word = match mode {
                    0 => word.to_uppercase(),
                    1 => word.to_lowercase(),
                    // An odd case pattern (`hÒa`) takes the slow path.
                    2 => word.chars().enumerate().map(|(k, c)| if k % 2 == 1 { c.to_uppercase().next().unwrap_or(c) } else { c }).collect(),
                    // Decomposed input.
                    3 => unicode_normalization::UnicodeNormalization::nfd(word.as_str()).collect(),
                    _ => word.clone(),
                };
                text.push_str(&word);
                text.push_str(match sep { 0 => " ", 1 => ", ", 2 => "\n", 3 => " - ", 4 => "-", _ => " “" });
            }
            same(&text, &NameLexicon::builtin());
        }
    }
}
