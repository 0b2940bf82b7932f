//! Invariants every public entry point must keep on any input.
//!
//! This file is shared three ways: it is its own test binary (whose tests
//! below show that each check really rejects a broken result), it is
//! included by `tests/hostile.rs`, and the fuzz targets in `fuzz/` include
//! it with `#[path]`, so `cargo test` and `cargo fuzz` check exactly the
//! same properties. Every check panics with a message naming the broken
//! property; the fuzzer turns that panic into a crash report.
#![allow(dead_code)]

use std::borrow::Cow;
use viet_text::legacy::{self, Encoding};
use viet_text::normalize::{fold, fold_lower, to_style};
use viet_text::word::WordSegmenter;
use viet_text::{normalize, normalize_with_map, NormalizeOptions, Span, ToneStyle};

/// A short, printable excerpt of `s` for failure messages (inputs can be megabytes).
pub fn short(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head:?}… ({} bytes)", s.len())
    }
}

/// Turns fuzzer bytes into text: valid UTF-8 as is, anything else lossily
/// (so the fuzzer never wastes an input).
pub fn text_of(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// One normalization option set per value of the low 6 bits of `bits`
/// (5 clean-up flags) and the tone style given.
pub fn options_from(bits: u8, tone: ToneStyle) -> NormalizeOptions {
    NormalizeOptions {
        tone,
        remove_zero_width: bits & 1 != 0,
        unify_spaces: bits & 2 != 0,
        collapse_whitespace: bits & 4 != 0,
        straighten_quotes: bits & 8 != 0,
        fix_eth: bits & 16 != 0,
    }
}

/// The tone style chosen by two bits of `bits`.
pub fn tone_from(bits: u8) -> ToneStyle {
    match (bits >> 6) % 3 {
        0 => ToneStyle::Keep,
        1 => ToneStyle::Old,
        _ => ToneStyle::New,
    }
}

/// Checks spans one at a time, in the order they come: each span is
/// non-empty, inside the input, on char boundaries, its text is exactly
/// `input[span]`, and it starts at or after the previous span's end.
pub struct SpanChecker<'i> {
    what: &'static str,
    input: &'i str,
    prev_end: usize,
    count: usize,
}

impl<'i> SpanChecker<'i> {
    /// A checker for spans of `what` (a name for messages) into `input`.
    pub fn new(what: &'static str, input: &'i str) -> Self {
        SpanChecker {
            what,
            input,
            prev_end: 0,
            count: 0,
        }
    }

    /// Checks the next span and its text.
    pub fn check(&mut self, span: Span, text: &str) {
        let (what, n, input) = (self.what, self.count, self.input);
        assert!(
            span.start < span.end,
            "{what} #{n}: empty or reversed span {span:?}"
        );
        assert!(
            span.end <= input.len(),
            "{what} #{n}: span {span:?} past input end {}",
            input.len()
        );
        assert!(
            input.is_char_boundary(span.start) && input.is_char_boundary(span.end),
            "{what} #{n}: span {span:?} not on char boundaries"
        );
        assert!(
            span.start >= self.prev_end,
            "{what} #{n}: span {span:?} starts before previous end {}",
            self.prev_end
        );
        assert!(
            &input[span.range()] == text,
            "{what} #{n}: text {} differs from input[{span:?}] = {}",
            short(text),
            short(&input[span.range()])
        );
        self.prev_end = span.end;
        self.count += 1;
    }
}

/// Checks a sequence of spans with their texts against `input` (see [`SpanChecker`]).
pub fn check_spans<'t>(what: &'static str, input: &str, items: impl IntoIterator<Item = (Span, &'t str)>) {
    let mut checker = SpanChecker::new(what, input);
    for (span, text) in items {
        checker.check(span, text);
    }
}

/// Characters a tokenizer may skip between tokens: white space, controls and
/// the invisible format characters (zero-width space/joiners, word joiner, BOM, soft hyphen).
pub fn is_skippable(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        // The zero-width characters the normalizer's clean-up removes,
        // including the left-to-right and right-to-left marks.
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Tokens: the span invariants, and nothing but skippable characters lost
/// between them (white space is never a token; everything else is in one).
pub fn check_tokens(input: &str) -> usize {
    let mut count = 0;
    let mut pos = 0;
    let mut spans = SpanChecker::new("token", input);
    for t in viet_text::tokenize(input) {
        spans.check(t.span, t.text);
        count += 1;
        let gap = &input[pos..t.span.start];
        assert!(
            gap.chars().all(is_skippable),
            "text {} before token {} at {:?} belongs to no token",
            short(gap),
            short(t.text),
            t.span
        );
        assert!(
            !t.text.starts_with(char::is_whitespace),
            "token {} starts with white space",
            short(t.text)
        );
        pos = t.span.end;
    }
    let tail = &input[pos..];
    assert!(
        tail.chars().all(is_skippable),
        "trailing text {} belongs to no token",
        short(tail)
    );
    count
}

/// Sentences: the span invariants, no surrounding white space, and every
/// token inside exactly one sentence.
pub fn check_sentences(input: &str) -> usize {
    let sentences: Vec<_> = viet_text::sentences(input).collect();
    check_spans("sentence", input, sentences.iter().map(|s| (s.span, s.text)));
    for s in &sentences {
        assert!(
            !s.text.starts_with(char::is_whitespace) && !s.text.ends_with(char::is_whitespace),
            "sentence {:?} has surrounding white space",
            s.span
        );
    }
    let mut it = sentences.iter().peekable();
    for t in viet_text::tokenize(input) {
        while it.peek().is_some_and(|s| s.span.end <= t.span.start) {
            it.next();
        }
        let inside = it
            .peek()
            .is_some_and(|s| s.span.start <= t.span.start && t.span.end <= s.span.end);
        assert!(
            inside,
            "token {} at {:?} is in no sentence",
            short(t.text),
            t.span
        );
    }
    sentences.len()
}

/// Words: the span invariants, and every token inside exactly one word.
pub fn check_words(seg: &WordSegmenter, input: &str) -> usize {
    let words = seg.segment(input);
    check_spans("word", input, words.iter().map(|w| (w.span, w.text)));
    let mut it = words.iter().peekable();
    for t in viet_text::tokenize(input) {
        while it.peek().is_some_and(|w| w.span.end <= t.span.start) {
            it.next();
        }
        let inside = it
            .peek()
            .is_some_and(|w| w.span.start <= t.span.start && t.span.end <= w.span.end);
        assert!(inside, "token {} at {:?} is in no word", short(t.text), t.span);
    }
    let underscored = seg.segment_to_underscored(input);
    assert!(
        underscored.len() <= input.len() + words.len(),
        "segment_to_underscored grew the text from {} to {} bytes",
        input.len(),
        underscored.len()
    );
    words.len()
}

/// Entities: the span invariants (in text order, no overlaps, `text` is the
/// input slice), and the JSON form carries the same offsets and text.
pub fn check_entities(extractor: &viet_text::Extractor, input: &str) -> usize {
    let entities = extractor.extract(input);
    check_spans("entity", input, entities.iter().map(|e| (e.span(), e.text())));
    for e in &entities {
        let json = serde_json::to_value(e).expect("an entity always serializes");
        let what = format!(
            "{:?} entity {} at {:?}",
            e.entity_type(),
            short(e.text()),
            e.span()
        );
        assert!(json["type"] == e.entity_type().as_str(), "JSON type of {what}");
        assert!(json["start"] == e.span().start, "JSON start of {what}");
        assert!(json["end"] == e.span().end, "JSON end of {what}");
        assert!(json["text"] == e.text(), "JSON text of {what}");
    }
    entities.len()
}

/// Normalization with `opts`: idempotent, the same text with or without the
/// map, NFC output, bounded growth, blind to the input's own normalization
/// form, and an offset map that sends output boundaries monotonically onto
/// input char boundaries.
pub fn check_normalize(input: &str, opts: &NormalizeOptions) {
    let once = normalize(input, opts);
    let twice = normalize(&once, opts);
    assert!(
        once == twice,
        "normalize is not idempotent with {opts:?}: {} → {} → {}",
        short(input),
        short(&once),
        short(&twice)
    );
    assert!(
        unicode_normalization::is_nfc(&once),
        "normalize output is not NFC with {opts:?}: {} → {}",
        short(input),
        short(&once)
    );
    assert!(
        once.len() <= 3 * input.len() + 8,
        "normalize grew {} bytes into {} with {opts:?}",
        input.len(),
        once.len()
    );
    let nfc_first: String = unicode_normalization::UnicodeNormalization::nfc(input).collect();
    assert!(
        normalize(&nfc_first, opts) == once,
        "normalize depends on the input's normalization form with {opts:?}: {}",
        short(input)
    );
    let mapped = normalize_with_map(input, opts);
    assert!(
        mapped.text == once,
        "normalize_with_map text differs from normalize with {opts:?}: {}",
        short(input)
    );
    check_offset_map(input, &mapped.text, &mapped.map);
}

/// The offset map of `output` (normalized from `input`): every output char
/// boundary maps (as a start and as an end) to an input char boundary;
/// both mappings are monotone; every non-empty output span maps to a
/// well-ordered input span; and what lies outside the image of the whole
/// output is only text a clean-up may drop (white space, zero-width).
///
/// A deletion at output offset `b` legitimately maps `b` as a start after
/// the deleted text and as an end before it, so a start may exceed the
/// end *at the same offset*; only spans of positive length must not invert.
pub fn check_offset_map(input: &str, output: &str, map: &viet_text::OffsetMap) {
    let mut prev: Option<(usize, usize, usize)> = None;
    let boundaries = output
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(output.len()));
    for b in boundaries {
        let start = map.to_original(b);
        let end = map.to_original_end(b);
        assert!(
            start <= input.len() && end <= input.len(),
            "offset {b} maps past the input"
        );
        assert!(
            input.is_char_boundary(start) && input.is_char_boundary(end),
            "offset {b} maps to ({start}, {end}), not char boundaries"
        );
        if let Some((pb, ps, pe)) = prev {
            assert!(
                start >= ps && end >= pe,
                "offset {b} maps to ({start}, {end}), before offset {pb}'s ({ps}, {pe})"
            );
            assert!(
                end >= ps,
                "output span {pb}..{b} maps to the reversed input span {ps}..{end}"
            );
        }
        prev = Some((b, start, end));
    }
    if !output.is_empty() {
        let whole = map.span_to_original(Span::new(0, output.len()));
        let (head, tail) = (&input[..whole.start], &input[whole.end..]);
        assert!(
            head.chars().all(is_skippable) && tail.chars().all(is_skippable),
            "the whole output maps to {whole:?}, leaving {} before and {} after",
            short(head),
            short(tail)
        );
    }
    // Every token of the output maps back onto a well-formed input span.
    for t in viet_text::tokenize(output) {
        let s = map.span_to_original(t.span);
        assert!(
            s.start <= s.end && s.end <= input.len(),
            "token span {:?} maps to {s:?}",
            t.span
        );
        assert!(
            input.get(s.range()).is_some(),
            "token span {:?} maps to {s:?}, off char boundaries",
            t.span
        );
    }
}

/// Folding and tone styles: idempotent, no diacritics left after folding,
/// lower case after `fold_lower`, ASCII unchanged.
pub fn check_fold(input: &str) {
    let f = fold(input);
    assert!(fold(&f) == f, "fold is not idempotent: {}", short(input));
    assert!(
        !f.chars()
            .any(|c| matches!(c, '\u{0300}'..='\u{036F}' | 'đ' | 'Đ')),
        "fold left a diacritic: {} → {}",
        short(input),
        short(&f)
    );
    if input.is_ascii() {
        assert!(f == input, "fold changed ASCII text {}", short(input));
    }
    let fl = fold_lower(input);
    assert!(
        fold_lower(&fl) == fl,
        "fold_lower is not idempotent: {}",
        short(input)
    );
    assert!(
        fl.to_lowercase() == fl,
        "fold_lower left upper case: {} → {}",
        short(input),
        short(&fl)
    );
    for style in [ToneStyle::Old, ToneStyle::New, ToneStyle::Keep] {
        let s = to_style(input, style);
        assert!(
            to_style(&s, style) == s,
            "to_style({style:?}) is not idempotent: {}",
            short(input)
        );
        assert!(
            fold(&s) == fold(input),
            "to_style({style:?}) changed more than tone marks: {} → {}",
            short(input),
            short(&s)
        );
    }
}

/// Legacy encodings on arbitrary bytes and text: `decode` and
/// `decode_lossy` never panic in any encoding, give NFC of bounded size and
/// agree where `decode` succeeds; UTF-8 decoding is the NFC of the text;
/// valid non-ASCII UTF-8 is detected as UTF-8; detection gives a finite
/// confidence in [0, 1]; `encode` of the bytes read as text round-trips
/// through `decode` in the byte encodings; mojibake repair never panics.
pub fn check_legacy(data: &[u8]) {
    for enc in Encoding::ALL {
        assert_eq!(
            Encoding::from_name(enc.name()),
            Some(enc),
            "name round trip of {enc:?}"
        );
        let lossy = legacy::decode_lossy(data, enc);
        assert!(
            unicode_normalization::is_nfc(&lossy),
            "decode_lossy({enc:?}) is not NFC: {}",
            short(&lossy)
        );
        assert!(
            lossy.len() <= 4 * data.len() + 8,
            "decode_lossy({enc:?}) grew {} bytes into {}",
            data.len(),
            lossy.len()
        );
        if let Ok(s) = legacy::decode(data, enc) {
            assert!(
                s == lossy,
                "decode({enc:?}) and decode_lossy differ on decodable bytes: {}",
                short(&s)
            );
        }
    }
    let utf8 = std::str::from_utf8(data);
    if let Ok(s) = utf8 {
        let nfc: String = unicode_normalization::UnicodeNormalization::nfc(s).collect();
        assert!(
            legacy::decode(data, Encoding::Utf8).as_deref() == Ok(nfc.as_str()),
            "decode(Utf8) is not the NFC of the text: {}",
            short(s)
        );
    }
    let d = legacy::detect(data);
    assert!(
        d.confidence.is_finite() && (0.0..=1.0).contains(&d.confidence),
        "detect confidence {} out of [0, 1]",
        d.confidence
    );
    // Valid non-ASCII UTF-8 is UTF-8, except VIQR text that carries a few
    // non-Vietnamese characters such as typographic quotes.
    if utf8.is_ok_and(|s| !s.is_ascii()) {
        assert!(
            matches!(d.encoding, Some(Encoding::Utf8) | Some(Encoding::Viqr)),
            "valid non-ASCII UTF-8 detected as {:?}",
            d.encoding
        );
    }
    let text = text_of(data);
    for enc in [Encoding::Utf8, Encoding::Tcvn3, Encoding::Vni, Encoding::Cp1258] {
        if let Ok(bytes) = legacy::encode(&text, enc) {
            let nfc: String = unicode_normalization::UnicodeNormalization::nfc(&*text).collect();
            assert!(
                legacy::decode(&bytes, enc).as_deref() == Ok(nfc.as_str()),
                "encode/decode({enc:?}) does not round-trip {}",
                short(&text)
            );
        }
    }
    for enc in Encoding::ALL {
        let _ = legacy::encode_lossy(&text, enc);
    }
    let _ = legacy::repair_mojibake(&text);
}

/// Parsing arbitrary text as a number never panics, and whatever it returns
/// prints as a decimal that parses back to itself.
pub fn check_parse_number_text(input: &str) {
    if let Ok(v) = viet_text::parse_number(input) {
        let back: viet_text::Decimal = v.to_string().parse().expect("a decimal prints parseably");
        assert_eq!(
            back,
            v,
            "parse_number({}) = {v} does not round-trip",
            short(input)
        );
    }
}

/// The exact value of a digit string, as a canonical decimal string
/// (no leading zeros), or `None` for no digits.
pub fn canonical_integer(digits: &str) -> String {
    let t = digits.trim_start_matches('0');
    if t.is_empty() {
        "0".to_owned()
    } else {
        t.to_owned()
    }
}

/// `parse_number(text)` must be the exact value `expected` (a canonical
/// decimal string) or an error, never another value.
pub fn check_exact_or_error(text: &str, expected: &str) {
    if let Ok(v) = viet_text::parse_number(text) {
        assert_eq!(
            v.normalize().to_string(),
            expected,
            "parse_number({}) gave a wrong value",
            short(text)
        );
    }
}

#[cfg(test)]
mod tests {
    //! Each check must be able to fail: feed it broken results.
    use super::*;

    fn panics(f: impl FnOnce() + std::panic::UnwindSafe) -> bool {
        std::panic::catch_unwind(f).is_err()
    }

    #[test]
    fn span_check_rejects_overlap_wrong_text_and_split_chars() {
        let input = "Hà Nội";
        assert!(!panics(|| check_spans(
            "t",
            input,
            [(Span::new(0, 3), "Hà"), (Span::new(4, 9), "Nội")]
        )));
        assert!(panics(|| check_spans(
            "t",
            input,
            [(Span::new(0, 3), "Hà"), (Span::new(2, 8), "à Nội")]
        )));
        assert!(panics(|| check_spans("t", input, [(Span::new(0, 3), "Ha")])));
        assert!(panics(|| check_spans("t", input, [(Span::new(0, 2), "H")])));
        assert!(panics(|| check_spans("t", input, [(Span::new(4, 10), "Nội")])));
        assert!(panics(|| check_spans("t", input, [(Span::new(3, 3), "")])));
    }

    #[test]
    fn offset_map_check_rejects_backwards_and_split_chars() {
        use viet_text::OffsetMap;
        let input = "e\u{301}a"; // 4 bytes; output "éa" is 3 bytes
        let good = OffsetMap::from_anchors(vec![(0, 0), (2, 3)], 3, 4);
        assert!(!panics(|| check_offset_map(input, "éa", &good)));
        // Maps output offset 1 into the middle of "é" (2 bytes).
        let split = OffsetMap::identity(2);
        assert!(panics(move || check_offset_map("é", "ab", &split)));
        // Does not reach the input's end: "a" is lost.
        let not_to_end = OffsetMap::identity(3);
        assert!(panics(move || check_offset_map(input, "éa", &not_to_end)));
        // A deleted zero-width space at the start is fine.
        let deletion = OffsetMap::from_anchors(vec![(0, 0), (0, 3)], 1, 4);
        assert!(!panics(move || check_offset_map("\u{200B}a", "a", &deletion)));
    }

    #[test]
    fn exactness_check_rejects_a_wrong_value() {
        assert!(!panics(|| check_exact_or_error("1.500.000", "1500000")));
        assert!(panics(|| check_exact_or_error("1.500.000", "1500")));
    }

    #[test]
    fn options_cover_every_combination() {
        let mut seen = std::collections::HashSet::new();
        for bits in 0..=255u8 {
            let o = options_from(bits, tone_from(bits));
            seen.insert(format!("{o:?}"));
        }
        assert_eq!(seen.len(), 3 * 32);
    }

    #[test]
    fn checks_pass_on_ordinary_text() {
        let text = "Ngày 3/4/2025, xã Tân Lập nhận 1.200 suất quà (trị giá 2,5 tỷ đồng). Tỷ lệ đạt 97%!";
        assert!(check_tokens(text) > 10);
        assert_eq!(check_sentences(text), 2);
        assert!(check_words(&WordSegmenter::new(), text) > 5);
        assert!(check_entities(&viet_text::Extractor::new(), text) >= 1);
        for bits in [0u8, 31, 64 + 31, 128 + 31] {
            check_normalize(text, &options_from(bits, tone_from(bits)));
        }
        check_fold(text);
        check_legacy(text.as_bytes());
        check_parse_number_text("1.200");
    }
}
