//! The offset map of `normalize_with_map`: spans found in the normalized
//! text must point at the caller's input, for every option.

use unicode_normalization::UnicodeNormalization;
use viet_text::normalize::{normalize, normalize_with_map, NormalizeOptions, ToneStyle};
use viet_text::Span;

fn all() -> NormalizeOptions {
    NormalizeOptions::default().with_cleanups()
}

/// The byte span of the `nth` occurrence of `needle` in `hay`.
fn find(hay: &str, needle: &str) -> Span {
    let start = hay
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {hay:?}"));
    Span::new(start, start + needle.len())
}

/// Maps the span of `word` in the output back and returns the input slice.
fn back<'a>(input: &'a str, opts: &NormalizeOptions, word: &str) -> &'a str {
    let n = normalize_with_map(input, opts);
    let span = n.map.span_to_original(find(&n.text, word));
    &input[span.range()]
}

/// Every white-space separated word of the output maps back to a stretch of
/// the input that normalizes to that very word.
fn check_words(input: &str, opts: &NormalizeOptions) {
    let n = normalize_with_map(input, opts);
    assert_eq!(n.text, normalize(input, opts));
    let out = n.text.as_ref();
    let mut pos = 0;
    for word in out.split(char::is_whitespace) {
        let span = Span::new(pos, pos + word.len());
        pos += word.len();
        pos += out[pos..].chars().next().map_or(0, char::len_utf8);
        if word.is_empty() {
            continue;
        }
        let back = n.map.span_to_original(span);
        let slice = input
            .get(back.range())
            .unwrap_or_else(|| panic!("{back:?} not on char boundaries"));
        assert_eq!(
            normalize(slice, opts),
            word,
            "input {input:?}, word {word:?}, slice {slice:?}"
        );
    }
}

#[test]
fn decomposed_words_map_to_their_decomposed_input() {
    let input = "Ha\u{300} No\u{302}\u{323}i va\u{300} Hue\u{302}\u{301}";
    let opts = NormalizeOptions::default();
    assert_eq!(normalize(input, &opts), "Hà Nội và Huế");
    assert_eq!(back(input, &opts, "Nội"), "No\u{302}\u{323}i");
    assert_eq!(back(input, &opts, "Huế"), "Hue\u{302}\u{301}");
    assert_eq!(back(input, &opts, "Hà Nội"), "Ha\u{300} No\u{302}\u{323}i");
    check_words(input, &opts);
}

#[test]
fn deleted_zero_width_characters() {
    let opts = all();
    let input = "\u{FEFF}Sở\u{200B} Y\u{AD}tế\u{200D}";
    let n = normalize_with_map(input, &opts);
    assert_eq!(n.text, "Sở Ytế");
    // A span starting after a deletion starts after it; one ending before a
    // deletion ends before it.
    assert_eq!(back(input, &opts, "Sở"), "Sở");
    assert_eq!(back(input, &opts, "Ytế"), "Y\u{AD}tế");
    assert_eq!(back(input, &opts, "tế"), "tế");
    assert_eq!(n.map.to_original(0), 3);
    assert_eq!(n.map.to_original_end(n.text.len()), input.len() - 3);
    check_words(input, &opts);
}

#[test]
fn collapsed_and_unified_spaces() {
    let opts = all();
    let input = "Đà  Nẵng\t\u{A0} và\u{2009}Huế \n  Quảng  Trị";
    let n = normalize_with_map(input, &opts);
    assert_eq!(n.text, "Đà Nẵng và Huế \n Quảng Trị");
    assert_eq!(back(input, &opts, "Nẵng và"), "Nẵng\t\u{A0} và");
    assert_eq!(back(input, &opts, "và Huế"), "và\u{2009}Huế");
    assert_eq!(back(input, &opts, "Trị"), "Trị");
    let space = find(&n.text, " Nẵng");
    let s = n.map.span_to_original(Span::new(space.start, space.start + 1));
    assert_eq!(&input[s.range()], "  ");
    check_words(input, &opts);
}

#[test]
fn only_collapse_without_unify() {
    let opts = NormalizeOptions {
        collapse_whitespace: true,
        ..Default::default()
    };
    let input = "a\u{A0}\u{A0}b  c";
    assert_eq!(normalize(input, &opts), "a b c");
    assert_eq!(back(input, &opts, "b c"), "b  c");
    check_words(input, &opts);
}

#[test]
fn quotes_eth_and_tone_repairs() {
    let opts = all().with_tone(ToneStyle::New);
    let input = "“Ðồng hòa” qủa ‘ðẹp’ nứơc";
    let n = normalize_with_map(input, &opts);
    assert_eq!(n.text, "\"Đồng hoà\" quả 'đẹp' nước");
    assert_eq!(back(input, &opts, "hoà"), "hòa");
    assert_eq!(back(input, &opts, "\"Đồng"), "“Ðồng");
    assert_eq!(back(input, &opts, "quả"), "qủa");
    assert_eq!(back(input, &opts, "nước"), "nứơc");
    check_words(input, &opts);
}

#[test]
fn every_stage_at_once_on_decomposed_old_style_text() {
    let opts = all().with_tone(ToneStyle::New);
    let clean = "Ủy ban  nhân dân tỉnh Khánh Hòa\u{A0}hỗ trợ “thủy lợi” \u{200B}mùa khô";
    let input: String = clean.nfd().collect();
    let n = normalize_with_map(&input, &opts);
    assert_eq!(
        n.text,
        "Uỷ ban nhân dân tỉnh Khánh Hoà hỗ trợ \"thuỷ lợi\" mùa khô"
    );
    assert_eq!(back(&input, &opts, "Hoà"), "Ho\u{300}a");
    assert_eq!(back(&input, &opts, "Uỷ ban"), "U\u{309}y ban");
    check_words(&input, &opts);
}

#[test]
fn mark_order_repair_maps_the_whole_letter() {
    let opts = NormalizeOptions::default();
    let input = "ca\u{301}\u{302}m ơn";
    let n = normalize_with_map(input, &opts);
    assert_eq!(n.text, "cấm ơn");
    assert_eq!(back(input, &opts, "cấm"), "ca\u{301}\u{302}m");
    // Every output boundary inside "cấm" maps onto an input boundary.
    for pos in 0..=n.text.len() {
        if n.text.is_char_boundary(pos) {
            assert!(input.is_char_boundary(n.map.to_original(pos)));
            assert!(input.is_char_boundary(n.map.to_original_end(pos)));
        }
    }
    check_words(input, &opts);
}

#[test]
fn unchanged_text_has_an_identity_map() {
    for opts in [
        NormalizeOptions::default(),
        all(),
        all().with_tone(ToneStyle::Old),
    ] {
        let n = normalize_with_map("Quảng Ninh có 1.500.000 dân.", &opts);
        assert!(matches!(n.text, std::borrow::Cow::Borrowed(_)));
        assert!(n.map.is_identity());
    }
}

#[test]
fn spans_of_an_extractor_style_pipeline() {
    // Find a word in the normalized text, report it against the input.
    let input = "Ngày 5/3, UBND tỉnh Thừa Thiên\u{A0}Huế  hỗ trợ 2,5 tỷ đồng.";
    let nfd: String = input.nfd().collect();
    let opts = all();
    let n = normalize_with_map(&nfd, &opts);
    let span = find(&n.text, "Thừa Thiên Huế");
    let original = n.map.span_to_original(span);
    assert_eq!(
        nfd[original.range()].nfc().collect::<String>(),
        "Thừa Thiên\u{A0}Huế",
        "the span covers the NBSP it came from"
    );
    let span = find(&n.text, "2,5 tỷ");
    assert_eq!(
        nfd[n.map.span_to_original(span).range()]
            .nfc()
            .collect::<String>(),
        "2,5 tỷ"
    );
}

#[test]
fn readme_example() {
    use viet_text::normalize::{fold_lower, to_style};
    let opts = NormalizeOptions::default();
    assert_eq!(normalize("Vie\u{302}\u{323}t Nam", &opts), "Việt Nam");
    assert_eq!(normalize("a\u{301}\u{302}", &opts), "ấ");
    assert_eq!(
        normalize("qủa gía baỏ nứơc dàì đuợc Toyota", &opts),
        "quả giá bảo nước dài được Toyota"
    );
    assert_eq!(to_style("HÒA Thủy", ToneStyle::New), "HOÀ Thuỷ");
    let all = NormalizeOptions::default()
        .with_cleanups()
        .with_tone(ToneStyle::New);
    let input = "Sở\u{200B}  Y\u{A0}tế “Khánh Hòa”";
    let n = normalize_with_map(input, &all);
    assert_eq!(n.text, "Sở Y tế \"Khánh Hoà\"");
    let span = n.map.span_to_original(Span::new(5, 11));
    assert_eq!(&input[span.range()], "Y\u{A0}tế");
    assert_eq!(fold_lower("Quảng Ninh, Đà Nẵng"), "quang ninh, da nang");
}
