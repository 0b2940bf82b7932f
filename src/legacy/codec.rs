//! Table-driven decoders and encoders for the byte encodings (TCVN3,
//! Windows-1258, VNI-Windows). Each works on one byte or one character at a
//! time: linear, no look-ahead beyond the next byte.

use super::letters;
use super::tables::{SingleByte, CP1252, CP1252_REVERSE, VNI};

/// What a decoder does with a byte its encoding does not define.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnInvalid {
    /// Stop; report the offset.
    Fail,
    /// Write U+FFFD.
    Replace,
    /// Write the byte's Windows-1252 character (or U+0080–U+009F): used when
    /// the bytes came from a string, so nothing is lost.
    Cp1252,
}

fn invalid(b: u8, offset: usize, policy: OnInvalid, out: &mut String) -> Result<(), usize> {
    match policy {
        OnInvalid::Fail => Err(offset),
        OnInvalid::Replace => {
            out.push('\u{FFFD}');
            Ok(())
        }
        OnInvalid::Cp1252 => {
            out.push(CP1252[usize::from(b)].unwrap_or(char::from(b)));
            Ok(())
        }
    }
}

/// Length of the run of ASCII bytes starting at `from`.
fn ascii_run(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii()).count())
}

fn push_ascii(out: &mut String, run: &[u8]) {
    // An ASCII run is always valid UTF-8.
    if let Ok(s) = std::str::from_utf8(run) {
        out.push_str(s);
    }
}

/// Pushes `c`, composing a combining tone mark with the toneless vowel
/// before it (CP1258 and VN2 write tones as separate bytes). Marks that do
/// not compose stay; the caller's NFC pass handles any other case.
fn push_composing(out: &mut String, c: char) {
    if let Some(tone) = letters::tone_of_mark(c) {
        let composed = out
            .chars()
            .next_back()
            .and_then(letters::vowel)
            .filter(|v| v.tone == letters::Tone::Level)
            .and_then(|v| letters::compose(v.ascii, v.shape, tone));
        if let Some(letter) = composed {
            out.pop();
            out.push(letter);
            return;
        }
    }
    out.push(c);
}

/// Decodes a one-byte code page (TCVN3, Windows-1258). The output may hold
/// combining marks; the caller normalizes.
pub(crate) fn decode_single(
    bytes: &[u8],
    table: &SingleByte,
    policy: OnInvalid,
    out: &mut String,
) -> Result<(), usize> {
    out.reserve(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // ASCII runs (most of any text) are copied in one go.
        let run = ascii_run(bytes, i);
        if run > 0 {
            push_ascii(out, bytes.get(i..i + run).unwrap_or(&[]));
            i += run;
            continue;
        }
        let b = bytes.get(i).copied().unwrap_or(0);
        match table.decode[usize::from(b)] {
            Some(c) => push_composing(out, c),
            None => invalid(b, i, policy, out)?,
        }
        i += 1;
    }
    Ok(())
}

/// Decodes VNI-Windows: a base byte and a diacritic byte make one letter
/// (read greedily); other bytes outside the table read as Windows-1252.
pub(crate) fn decode_vni(bytes: &[u8], policy: OnInvalid, out: &mut String) -> Result<(), usize> {
    decode_vni_with(bytes, policy, false, out)
}

/// [`decode_vni`]; with `strict`, a byte ≥ 0xC0 that is not part of a VNI
/// letter is invalid instead of a Windows-1252 letter (VNI text has none:
/// those are its diacritic bytes), which detection counts against VNI. The
/// first byte is exempt: a slice may start just after a letter's base.
pub(crate) fn decode_vni_with(
    bytes: &[u8],
    policy: OnInvalid,
    strict: bool,
    out: &mut String,
) -> Result<(), usize> {
    let vni = &*VNI;
    out.reserve(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Copy an ASCII run, leaving its last byte for the pair check (it
        // may be a base letter before a diacritic byte).
        let run = ascii_run(bytes, i);
        if run > 1 {
            push_ascii(out, bytes.get(i..i + run - 1).unwrap_or(&[]));
            i += run - 1;
            continue;
        }
        // Every diacritic byte is ≥ 0xC0, which keeps the pair look-up off
        // the fast path of ordinary ASCII text.
        if let Some(&next) = bytes.get(i + 1).filter(|&&n| n >= 0xC0) {
            if let Some(&c) = vni.pairs.get(&(b, next)) {
                out.push(c);
                i += 2;
                continue;
            }
        }
        if b < 0x80 {
            out.push(char::from(b));
        } else if let Some(c) = vni.singles[usize::from(b)] {
            out.push(c);
        } else if let Some(c) = CP1252[usize::from(b)].filter(|_| !strict || b < 0xC0 || i == 0) {
            out.push(c);
        } else {
            invalid(b, i, policy, out)?;
        }
        i += 1;
    }
    Ok(())
}

/// How an encoder treats a character it cannot write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnUnmappable {
    Fail,
    /// Writes `?`, or for TCVN3 an upper-case toned letter as its
    /// lower-case byte (what Unikey does).
    Substitute,
}

/// Encodes `text` (NFC) into a one-byte code page. `any_case` looks a
/// letter up in the other case too (TCVN3's capitals variant).
pub(crate) fn encode_single(
    text: &str,
    table: &SingleByte,
    any_case: bool,
    policy: OnUnmappable,
    out: &mut Vec<u8>,
) -> Result<(), (char, usize)> {
    out.reserve(text.len());
    for (offset, c) in text.char_indices() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        let other_case = || {
            let lower = c.to_lowercase().next().filter(|&l| l != c)?;
            table.encode.get(&lower)
        };
        let seq = table.encode.get(&c).or_else(|| {
            if any_case || policy == OnUnmappable::Substitute {
                other_case()
            } else {
                None
            }
        });
        match (seq, policy) {
            (Some(seq), _) => out.extend_from_slice(seq.as_slice()),
            (None, OnUnmappable::Substitute) => out.push(b'?'),
            (None, OnUnmappable::Fail) => return Err((c, offset)),
        }
    }
    Ok(())
}

/// Encodes `text` (NFC) as VNI-Windows. Characters outside the Vietnamese
/// table are written as their Windows-1252 byte when VNI does not use it.
pub(crate) fn encode_vni(text: &str, policy: OnUnmappable, out: &mut Vec<u8>) -> Result<(), (char, usize)> {
    let vni = &*VNI;
    out.reserve(text.len() + text.len() / 4);
    for (offset, c) in text.char_indices() {
        if c.is_ascii() {
            out.push(c as u8);
        } else if let Some(seq) = vni.encode.get(&c) {
            out.extend_from_slice(seq.as_slice());
        } else if let Some(&b) = CP1252_REVERSE
            .get(&c)
            .filter(|&&b| b >= 0x80 && !vni.used[usize::from(b)])
        {
            out.push(b);
        } else if policy == OnUnmappable::Substitute {
            out.push(b'?');
        } else {
            return Err((c, offset));
        }
    }
    Ok(())
}

/// Upper-cases every letter (TCVN3 capitals fonts draw every letter
/// position as a capital).
pub(crate) fn to_capitals(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_lowercase() && (c.is_ascii() || letters::is_vietnamese_letter(c)) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}
