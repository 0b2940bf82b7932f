//! Repair of text that was decoded with the wrong code page: UTF-8, TCVN3,
//! VNI-Windows or Windows-1258 bytes read as Windows-1252 / Latin-1.

use super::codec::{self, OnInvalid};
use super::detect::{evidence, Evidence};
use super::tables::{CP1252_REVERSE, CP1258, TCVN3};
use std::borrow::Cow;

/// The byte a character had before it was read as Windows-1252 (or
/// Latin-1, whose C1 controls stand for the bytes 0x80–0x9F).
fn byte_of(c: char) -> Option<u8> {
    if c.is_ascii() || ('\u{80}'..='\u{9F}').contains(&c) {
        u8::try_from(u32::from(c)).ok()
    } else {
        CP1252_REVERSE.get(&c).copied()
    }
}

/// Characters a UTF-8 repair may produce: Latin letters and marks,
/// Vietnamese letters, general punctuation and currency signs.
fn plausible(c: char) -> bool {
    matches!(u32::from(c), 0xA0..=0x24F | 0x300..=0x36F | 0x1E00..=0x1EFF | 0x2000..=0x20CF | 0x2100..=0x215F)
}

/// Re-reads `bytes` as UTF-8 where they form a valid multi-byte sequence
/// of a plausible character; other bytes keep their original character.
/// A space where 0xA0 belongs (a no-break space that was turned into a
/// space: `vÃ ` for `và`) is accepted before white space or the end.
fn utf8_candidate(bytes: &[u8], chars: &[char]) -> Option<String> {
    let mut out = String::with_capacity(bytes.len());
    let mut repaired = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let len = match b {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        if len > 0 {
            if let Some(seq) = bytes.get(i..i + len) {
                let mut fixed = [0u8; 4];
                let n = seq.len().min(4);
                fixed[..n].copy_from_slice(&seq[..n]);
                let last = n - 1;
                let after = bytes.get(i + len).copied();
                if fixed[last] == b' ' && after.map_or(true, |a| a.is_ascii_whitespace()) {
                    fixed[last] = 0xA0;
                }
                if let Ok(s) = std::str::from_utf8(&fixed[..n]) {
                    if s.chars().all(plausible) {
                        out.push_str(s);
                        repaired = true;
                        i += len;
                        continue;
                    }
                }
            }
        }
        out.push(chars.get(i).copied().unwrap_or('\u{FFFD}'));
        i += 1;
    }
    repaired.then_some(out)
}

/// The best re-reading so far, with its evidence.
type Best = Option<(String, Evidence)>;

/// Keeps `text` as the best re-reading when it beats the original and the
/// current best.
fn consider(best: &mut Best, original: Evidence, text: String, needs_vietnamese: bool) {
    let ev = evidence(&text);
    // A legacy re-reading must turn broken words into Vietnamese ones
    // (each such word gains 3) and leave more good words than bad:
    // gaining a single syllable out of nothing (a stray soft hyphen read
    // as TCVN3 `ư`), or one word of a French sentence (`Où` read as VNI
    // `Ó`), is not enough. Lines that are mostly foreign names may
    // therefore stay unrepaired.
    let gain = ev.score() - original.score();
    if needs_vietnamese && (ev.good == 0 || ev.good < ev.bad || gain < 2) {
        return;
    }
    if gain > 0 && best.as_ref().map_or(true, |(_, b)| ev.score() > b.score()) {
        *best = Some((text, ev));
    }
}

fn repair_segment(segment: &str) -> Option<String> {
    let original = evidence(segment);
    // Nothing broken: no re-reading can gain enough to be taken.
    if original.bad == 0 {
        return None;
    }
    let chars: Vec<char> = segment.chars().collect();
    let bytes: Vec<u8> = chars.iter().filter_map(|&c| byte_of(c)).collect();
    if bytes.len() != chars.len() {
        return None;
    }
    let mut best: Best = None;
    if let Some(text) = utf8_candidate(&bytes, &chars) {
        consider(&mut best, original, text, false);
    }
    // A UTF-8 re-reading that leaves no broken word is the answer.
    if best.as_ref().is_some_and(|(_, ev)| ev.bad == 0) {
        return best.map(|(text, _)| text);
    }
    let mut out = String::new();
    let _ = codec::decode_single(&bytes, &TCVN3, OnInvalid::Cp1252, &mut out);
    consider(&mut best, original, super::to_nfc(std::mem::take(&mut out)), true);
    let _ = codec::decode_vni(&bytes, OnInvalid::Cp1252, &mut out);
    consider(&mut best, original, std::mem::take(&mut out), true);
    let _ = codec::decode_single(&bytes, &CP1258, OnInvalid::Cp1252, &mut out);
    consider(&mut best, original, super::to_nfc(out), true);
    best.map(|(text, _)| text)
}

/// Repairs mojibake: Vietnamese text whose bytes were read with the wrong
/// code page. Handles UTF-8 read as Windows-1252 (`Viá»‡t Nam`), and TCVN3,
/// VNI-Windows or Windows-1258 bytes read as Windows-1252 or Latin-1
/// (`ViÖt Nam`, `Vieät Nam`, `Viêòt Nam`). Each line is cut into runs of
/// characters that Windows-1252 can hold; a run is replaced only when
/// re-reading its bytes gives clearly more well-formed Vietnamese (or, for
/// UTF-8, fewer broken words) than it has now, so correct text, English
/// and French come back unchanged (borrowed).
///
/// ```
/// use viet_text::legacy::repair_mojibake;
/// assert_eq!(repair_mojibake("Viá»‡t Nam"), "Việt Nam");
/// assert_eq!(repair_mojibake("ViÖt Nam vµ Hµ Néi"), "Việt Nam và Hà Nội");
/// assert_eq!(repair_mojibake("Vieät Nam vaø Haø Noäi"), "Việt Nam và Hà Nội");
/// assert_eq!(repair_mojibake("Hà Nội, café, Grüße"), "Hà Nội, café, Grüße");
/// ```
pub fn repair_mojibake(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut start: Option<usize> = None;
    let mut has_non_ascii = false;
    let flush = |from: usize, to: usize, out: &mut String, copied: &mut usize| {
        let Some(segment) = text.get(from..to) else {
            return;
        };
        if let Some(fixed) = repair_segment(segment) {
            out.push_str(text.get(*copied..from).unwrap_or(""));
            out.push_str(&fixed);
            *copied = to;
        }
    };
    for (i, c) in text.char_indices() {
        let fits = c != '\n' && byte_of(c).is_some();
        match (fits, start) {
            (true, None) => {
                start = Some(i);
                has_non_ascii = !c.is_ascii();
            }
            (true, Some(_)) => has_non_ascii |= !c.is_ascii(),
            (false, Some(s)) => {
                if has_non_ascii {
                    flush(s, i, &mut out, &mut copied);
                }
                start = None;
            }
            (false, None) => {}
        }
    }
    if let (Some(s), true) = (start, has_non_ascii) {
        flush(s, text.len(), &mut out, &mut copied);
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    Cow::Owned(out)
}
