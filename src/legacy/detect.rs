//! Encoding detection: decode a sample under each candidate encoding and
//! count how many of the resulting words are well-formed Vietnamese
//! syllables. The right decoding yields almost only valid syllables; a
//! wrong one yields symbols inside words (`vµ`) and impossible letter
//! sequences (`Vieät`, `ViƯt`).

use super::codec::{self, OnInvalid};
use super::letters;
use super::tables;
use super::{viqr, Encoding};

/// What [`detect`] found: an encoding (or none) and how sure it is (0–1).
///
/// ```
/// let d = viet_text::legacy::detect("Việt Nam".as_bytes());
/// assert_eq!(d.encoding, Some(viet_text::legacy::Encoding::Utf8));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    /// The encoding, or `None` when the evidence is too thin to say.
    pub encoding: Option<Encoding>,
    /// Confidence between 0 and 1.
    pub confidence: f32,
}

impl Detection {
    const UNKNOWN: Detection = Detection {
        encoding: None,
        confidence: 0.0,
    };
}

/// Detection looks at most at this many bytes from the start of the input.
pub(crate) const SAMPLE_LIMIT: usize = 64 * 1024;

/// Word-level evidence that a text is Vietnamese.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Evidence {
    /// Words with a non-ASCII letter that spell a Vietnamese syllable.
    pub good: u32,
    /// Good words whose marked letter is not the last one (`Việt`, `đi`).
    pub strong: u32,
    /// Words with a non-ASCII letter that do not, symbols glued to words,
    /// and replacement characters.
    pub bad: u32,
    /// All words.
    pub words: u32,
}

impl Evidence {
    fn add(&mut self, other: Evidence) {
        self.good = self.good.saturating_add(other.good);
        self.strong = self.strong.saturating_add(other.strong);
        self.bad = self.bad.saturating_add(other.bad);
        self.words = self.words.saturating_add(other.words);
    }

    pub(crate) fn score(&self) -> i64 {
        i64::from(self.good) - 2 * i64::from(self.bad)
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    // Fast paths for the Latin letters every candidate decoding is made of;
    // the general Unicode table only for the rest.
    match u32::from(c) {
        0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x1E00..=0x1EFF | 0x300..=0x36F | 0xAA | 0xB5 | 0xBA => true,
        0x80..=0xBF | 0x2000..=0x20CF | 0xFFFD => false,
        _ => c.is_alphabetic(),
    }
}

/// A non-ASCII character that is neither a letter nor ordinary punctuation
/// or space: `µ ¸ ® ±` and the like, which wrong decodings produce.
fn is_suspicious(c: char) -> bool {
    !c.is_ascii() && !is_word_char(c) && !c.is_whitespace() && !('\u{2000}'..='\u{206F}').contains(&c)
}

/// Scores `text` word by word.
pub(crate) fn evidence(text: &str) -> Evidence {
    let mut ev = Evidence::default();
    let mut buf = String::new();
    let mut word_start: Option<usize> = None;
    let mut prev_is_word = false;
    let mut pending_symbol = false;
    let mut finish = |word: &str, ev: &mut Evidence| {
        ev.words += 1;
        if word.is_ascii() {
            return;
        }
        if letters::is_plausible_syllable(word, &mut buf) {
            ev.good += 1;
            let mut rev = word.chars().rev();
            rev.next();
            if rev.any(|c| !c.is_ascii()) {
                ev.strong += 1;
            }
        } else {
            ev.bad += 1;
        }
    };
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if word_start.is_none() {
                word_start = Some(i);
                if pending_symbol {
                    ev.bad += 1;
                }
            }
            pending_symbol = false;
            prev_is_word = true;
            continue;
        }
        if let Some(start) = word_start.take() {
            finish(text.get(start..i).unwrap_or(""), &mut ev);
        }
        if c == '\u{FFFD}' {
            ev.bad += 2;
            pending_symbol = false;
        } else if is_suspicious(c) {
            if prev_is_word {
                ev.bad += 1;
                pending_symbol = false;
            } else {
                pending_symbol = true;
            }
        } else {
            pending_symbol = false;
        }
        prev_is_word = false;
    }
    if let Some(start) = word_start {
        finish(text.get(start..).unwrap_or(""), &mut ev);
    }
    ev
}

/// The first [`SAMPLE_LIMIT`] bytes, cut after a line break or space when
/// the input is longer, and without a UTF-8 sequence cut in two at the
/// start (inputs may be arbitrary slices of a file).
fn sample(bytes: &[u8]) -> &[u8] {
    let mut s = bytes;
    if s.len() > SAMPLE_LIMIT {
        let head = s.get(..SAMPLE_LIMIT).unwrap_or(s);
        let cut = head
            .iter()
            .rposition(|&b| b == b'\n' || b == b' ')
            .filter(|&p| p > SAMPLE_LIMIT / 2)
            .map_or(SAMPLE_LIMIT, |p| p + 1);
        s = s.get(..cut).unwrap_or(head);
    }
    s
}

/// `Some(has_non_ascii)` when `bytes` is UTF-8, allowing up to three
/// continuation bytes at the start and one incomplete sequence at the end.
fn utf8_status(bytes: &[u8]) -> Option<(bool, u32)> {
    let skip = bytes
        .iter()
        .take(3)
        .take_while(|&&b| (0x80..0xC0).contains(&b))
        .count();
    let body = bytes.get(skip..).unwrap_or(&[]);
    let valid = match std::str::from_utf8(body) {
        Ok(s) => s,
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(body.get(..e.valid_up_to()).unwrap_or(&[])).ok()?
        }
        Err(_) => return None,
    };
    let multi = valid.chars().filter(|c| !c.is_ascii()).count();
    Some((skip > 0 || multi > 0, u32::try_from(multi).unwrap_or(u32::MAX)))
}

/// Legacy bytes are scored chunk by chunk, and scoring stops once one
/// candidate is far ahead: a long file is decided by its first few KB.
const CHUNK: usize = 2048;

/// The next chunk of about [`CHUNK`] bytes, cut after an ASCII space or line
/// break so that no word (nor a VNI two-byte letter) is split.
fn split_chunk(bytes: &[u8]) -> (&[u8], &[u8]) {
    if bytes.len() <= CHUNK + CHUNK / 2 {
        return (bytes, &[]);
    }
    let cut = bytes
        .get(CHUNK..)
        .and_then(|after| after.iter().take(256).position(|&b| b == b' ' || b == b'\n'))
        .map_or(CHUNK, |p| CHUNK + p + 1);
    (bytes.get(..cut).unwrap_or(bytes), bytes.get(cut..).unwrap_or(&[]))
}

/// Whether the leading candidate is so far ahead that more text cannot
/// change the answer.
fn decided(scored: &[(Encoding, Evidence)]) -> bool {
    let mut scores: Vec<i64> = scored.iter().map(|(_, e)| e.score()).collect();
    scores.sort_unstable_by(|a, b| b.cmp(a));
    let best = scored.iter().map(|(_, e)| *e).max_by_key(Evidence::score);
    match (best, scores.get(1)) {
        (Some(b), Some(&second)) => {
            b.good >= 60 && b.bad.saturating_mul(10) <= b.good && b.score() >= second + 60
        }
        _ => false,
    }
}

/// Confidence from the number of good words and the share of bad ones.
fn confidence(best: Evidence, runner_up_score: i64) -> f32 {
    let total = (best.good + best.bad).max(1) as f32;
    let ratio = best.good as f32 / total;
    let margin = (best.score() - runner_up_score).max(0) as f32;
    let amount = 1.0 - 0.75f32.powf(margin.min(60.0));
    (ratio * amount).clamp(0.0, 1.0)
}

/// VIQR evidence on ASCII text: many words with a mark inside them that
/// read as real syllables (English `it's`, `a.m.` or `Go.` do not count).
fn viqr_detection(text: &str) -> Option<Detection> {
    let mut ev = Evidence::default();
    let mut decoded = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (chunk, _) = split_chunk(rest.as_bytes());
        let (chunk, tail) = match (rest.get(..chunk.len()), rest.get(chunk.len()..)) {
            (Some(c), Some(t)) => (c, t),
            _ => (rest, ""),
        };
        rest = tail;
        decoded.clear();
        viqr::decode(chunk, &mut decoded);
        ev.add(evidence(&decoded));
        // Far past any threshold below: more text cannot change the answer.
        if ev.strong >= 60 && ev.bad.saturating_mul(10) <= ev.good && ev.strong * 4 >= ev.words {
            break;
        }
    }
    let enough = ev.strong >= 2
        && ev.strong.saturating_mul(8) >= ev.words
        && ev.good >= 3u32.saturating_mul(ev.bad)
        && ev.good >= 3;
    enough.then(|| Detection {
        encoding: Some(Encoding::Viqr),
        confidence: confidence(ev, 0),
    })
}

/// Guesses the encoding of `bytes`, or answers `None` when the evidence is
/// thin. ASCII text is `None` unless it reads as VIQR; valid UTF-8 with
/// Vietnamese letters is UTF-8; valid UTF-8 whose only non-ASCII characters
/// are others (typographic quotes, symbols, foreign letters) is VIQR when
/// its ASCII reads as VIQR, and UTF-8 otherwise; other
/// bytes are decoded as TCVN3, VNI-Windows and Windows-1258 (and as damaged
/// UTF-8) and the decoding with clearly the most well-formed Vietnamese
/// syllables wins. At most the first 64 KiB are examined, and legacy bytes
/// only until one candidate is far ahead (2 KB chunks).
///
/// ```
/// use viet_text::legacy::{detect, encode, Encoding};
/// let text = "Tỉnh đã hỗ trợ người dân vay vốn để phát triển kinh tế.";
/// for enc in [Encoding::Tcvn3, Encoding::Vni, Encoding::Cp1258, Encoding::Viqr, Encoding::Utf8] {
///     let bytes = encode(text, enc).unwrap();
///     assert_eq!(detect(&bytes).encoding, Some(enc), "{enc}");
/// }
/// assert_eq!(detect(b"Plain English text, nothing else.").encoding, None);
/// assert_eq!(detect("Grüße aus Köln".as_bytes()).encoding, Some(Encoding::Utf8));
/// ```
pub fn detect(bytes: &[u8]) -> Detection {
    let bytes = sample(bytes);
    if let Some((non_ascii, multi)) = utf8_status(bytes) {
        let text = String::from_utf8_lossy(bytes);
        if !non_ascii {
            return viqr_detection(&text).unwrap_or(Detection::UNKNOWN);
        }
        let vietnamese = text
            .chars()
            .any(|c| letters::is_vietnamese_letter(c) || ('\u{300}'..='\u{323}').contains(&c));
        if !vietnamese {
            if let Some(d) = viqr_detection(&text) {
                return d;
            }
        }
        return Detection {
            encoding: Some(Encoding::Utf8),
            confidence: (1.0 - 0.5f32.powf(multi.min(30) as f32)).max(0.5),
        };
    }
    const CANDIDATES: [Encoding; 4] = [Encoding::Tcvn3, Encoding::Vni, Encoding::Cp1258, Encoding::Utf8];
    let mut scored: Vec<(Encoding, Evidence)> =
        CANDIDATES.iter().map(|&e| (e, Evidence::default())).collect();
    let mut out = String::with_capacity(CHUNK + 16);
    let mut rest = bytes;
    while !rest.is_empty() {
        let (chunk, tail) = split_chunk(rest);
        rest = tail;
        for (enc, total) in scored.iter_mut() {
            out.clear();
            match enc {
                Encoding::Tcvn3 => {
                    let _ =
                        codec::decode_single(chunk, &tables::TCVN3_VN3_ONLY, OnInvalid::Replace, &mut out);
                }
                Encoding::Cp1258 => {
                    let _ = codec::decode_single(chunk, &tables::CP1258, OnInvalid::Replace, &mut out);
                }
                Encoding::Vni => {
                    let _ = codec::decode_vni_with(chunk, OnInvalid::Replace, true, &mut out);
                }
                _ => out.push_str(&String::from_utf8_lossy(chunk)),
            }
            // No NFC pass: the decoders already compose a tone byte with
            // the vowel before it, and anything left over is a sign of a
            // wrong decoding anyway.
            total.add(evidence(&out));
        }
        if decided(&scored) {
            break;
        }
    }
    scored.sort_by_key(|&(_, ev)| std::cmp::Reverse(ev.score()));
    let (Some(&(enc, best)), runner_up) = (scored.first(), scored.get(1).map(|s| s.1.score())) else {
        return Detection::UNKNOWN;
    };
    let runner_up = runner_up.unwrap_or(0);
    let clear = best.good >= 2 && best.good >= 3 * best.bad && best.score() >= runner_up + 2;
    if !clear {
        return Detection::UNKNOWN;
    }
    Detection {
        encoding: Some(enc),
        confidence: confidence(best, runner_up),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_counts() {
        let ev = evidence("Người dân vµ x\u{e3} h\u{1ed9}i ®\u{AD}îc");
        assert_eq!(ev.good, 4, "{ev:?}");
        assert!(ev.bad >= 2, "{ev:?}");
        assert_eq!(evidence("plain words only").good, 0);
    }

    #[test]
    fn sample_is_bounded() {
        let big = vec![b'a'; SAMPLE_LIMIT * 2];
        assert_eq!(sample(&big).len(), SAMPLE_LIMIT);
    }
}
