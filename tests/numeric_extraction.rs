//! Extraction of the numeric types through the public API: it never
//! panics, spans are ordered, disjoint and on character boundaries, and
//! they index the caller's original (possibly decomposed) input.

use proptest::prelude::*;
use viet_text::{Entity, EntityType, Extractor};

fn check_spans(text: &str, entities: &[Entity]) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for e in entities {
        let s = e.span();
        prop_assert!(s.start < s.end, "empty span {:?}", s);
        prop_assert!(s.start >= last_end, "overlap or disorder at {:?}", s);
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        prop_assert_eq!(&text[s.range()], e.text());
        last_end = s.end;
    }
    Ok(())
}

/// Pieces that make numbers, dates and units, and things that break them.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,5}",
        "[0-9]{1,3}([.,][0-9]{3}){0,3}(,[0-9]{1,2})?",
        Just("%".to_owned()),
        Just("/".to_owned()),
        Just("-".to_owned()),
        Just("–".to_owned()),
        Just(".".to_owned()),
        Just(",".to_owned()),
        Just("“".to_owned()),
        Just("\"".to_owned()),
        Just("(".to_owned()),
        Just("\u{301}".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("\n".to_owned()),
        prop::sample::select(vec![
            "tỷ",
            "triệu",
            "nghìn",
            "đồng",
            "USD",
            "$",
            "₫",
            "hơn",
            "gần",
            "khoảng",
            "từ",
            "đến",
            "và",
            "ngày",
            "tháng",
            "năm",
            "quý",
            "III",
            "giai đoạn",
            "âm lịch",
            "đầu",
            "cuối",
            "nửa",
            "hai",
            "mươi",
            "mốt",
            "rưỡi",
            "phần trăm",
            "điểm",
            "hộ",
            "người",
            "kg",
            "ha",
            "suất quà",
            "thứ",
            "lớp",
            "QĐ-TTg",
            "h",
            "Sáng",
            "Hà Nội",
            "lượt",
            "tàu cá",
            "k",
            "tr",
        ])
        .prop_map(str::to_owned),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), prop::sample::select(vec!["", " ", "  "])), 0..24)
        .prop_map(|parts| parts.into_iter().map(|(p, s)| format!("{p}{s}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn extraction_never_panics_and_spans_are_sound(s in text()) {
        let ex = Extractor::new();
        let entities = ex.extract(&s);
        check_spans(&s, &entities)?;
    }

    #[test]
    fn arbitrary_unicode_never_panics(s in "\\PC{0,60}") {
        let entities = Extractor::new().extract(&s);
        check_spans(&s, &entities)?;
    }
}

fn numeric() -> Extractor {
    Extractor::builder()
        .types(&[
            EntityType::Money,
            EntityType::Percent,
            EntityType::Quantity,
            EntityType::Date,
        ])
        .build()
}

fn texts(text: &str) -> Vec<String> {
    numeric()
        .extract(text)
        .iter()
        .map(|e| e.text().to_owned())
        .collect()
}

#[test]
fn numbers_at_the_very_start_and_end() {
    assert_eq!(texts("5 tỷ đồng"), ["5 tỷ đồng"]);
    assert_eq!(texts("97%"), ["97%"]);
    assert_eq!(texts("đạt 104/104 hộ"), ["104/104 hộ"]);
    assert_eq!(texts("2025"), ["2025"]);
    assert_eq!(texts("Giá tăng 2,5%"), ["2,5%"]);
}

#[test]
fn numbers_next_to_punctuation_and_quotes() {
    assert_eq!(texts("(92,9 triệu đồng)."), ["92,9 triệu đồng"]);
    assert_eq!(texts("“hơn 40 con”,"), ["hơn 40 con"]);
    assert_eq!(texts("\"ngày 2/10\";"), ["ngày 2/10"]);
    assert_eq!(texts("tỷ lệ: 97%!"), ["97%"]);
    assert_eq!(texts("[3.000 người]"), ["3.000 người"]);
}

#[test]
fn decomposed_input_maps_back_to_the_original() {
    // `đồng` with a decomposed grave accent, `tháng` with a decomposed acute one.
    let text = "Thu 92,9 trie\u{323}\u{302}u đo\u{302}\u{300}ng trong tha\u{301}ng 6/2024.";
    let found = numeric().extract(text);
    let spans: Vec<&str> = found.iter().map(|e| &text[e.span().range()]).collect();
    assert_eq!(
        spans,
        [
            "92,9 trie\u{323}\u{302}u đo\u{302}\u{300}ng",
            "tha\u{301}ng 6/2024"
        ]
    );
    for e in &found {
        assert_eq!(&text[e.span().range()], e.text());
    }
}

#[test]
fn values_serialize_as_the_interface_shows() {
    let text = "Vốn 92,9 triệu đồng, đạt 97%, có 104/104 hộ, Năm 2025.";
    let json: Vec<String> = numeric()
        .extract(text)
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect();
    assert_eq!(json.len(), 4);
    assert!(
        json[0].contains(r#""type":"money""#) && json[0].contains(r#""amount":"92900000","currency":"VND""#)
    );
    assert!(json[1].contains(r#""value":"97""#));
    assert!(json[2].contains(r#""numerator":"104","denominator":"104","unit":"hộ""#));
    assert!(json[3].contains(r#""start_date":"2025-01-01","end_date":"2025-12-31""#));
}

#[test]
fn a_long_line_without_spaces_is_handled() {
    let text = "1/".repeat(50_000) + &"9".repeat(100_000);
    let entities = numeric().extract(&text);
    for e in &entities {
        assert!(text.is_char_boundary(e.span().start));
    }
}

fn texts_of(text: &str, ty: EntityType) -> Vec<String> {
    Extractor::new()
        .extract(text)
        .into_iter()
        .filter(|e| e.entity_type() == ty)
        .map(|e| e.text().to_owned())
        .collect()
}

#[test]
fn mixed_case_measures_and_new_currencies() {
    assert_eq!(
        texts_of("Bộ pin dung lượng 75 kWh.", EntityType::Quantity),
        ["75 kWh"]
    );
    assert_eq!(
        texts_of("Họ chi 40 triệu NZD và 2 tỷ yen.", EntityType::Money),
        ["40 triệu NZD", "2 tỷ yen"]
    );
    assert!(texts_of("Họ chi 40 triệu NZD.", EntityType::Quantity).is_empty());
}

#[test]
fn compound_counted_nouns_from_the_table() {
    assert_eq!(
        texts_of("Có 35 bị hại trong vụ án.", EntityType::Quantity),
        ["35 bị hại"]
    );
    assert_eq!(
        texts_of("Trường có 12 phòng thí nghiệm hiện đại.", EntityType::Quantity),
        ["12 phòng thí nghiệm"]
    );
    assert_eq!(
        texts_of(
            "Đơn vị huy động 90 máy móc, thiết bị thi công.",
            EntityType::Quantity
        ),
        ["90 máy móc, thiết bị"]
    );
    assert_eq!(
        texts_of("Có 15 y bác sĩ tham gia.", EntityType::Quantity),
        ["15 y bác sĩ"]
    );
}

#[test]
fn bounded_or_decimal_hours_are_durations() {
    assert_eq!(
        texts_of("Chuyến đi mất khoảng 2,5 giờ.", EntityType::Quantity),
        ["khoảng 2,5 giờ"]
    );
    assert_eq!(
        texts_of("Cuộc họp diễn ra trong hơn 6 giờ liền.", EntityType::Quantity),
        ["hơn 6 giờ"]
    );
    // Clock times stay out.
    assert!(texts_of("Cuộc họp bắt đầu lúc 7 giờ sáng.", EntityType::Quantity).is_empty());
    assert!(texts_of("Khoảng 9 giờ, đoàn xe xuất phát.", EntityType::Quantity).is_empty());
    assert!(texts_of("Đến hơn 8 giờ 30 phút thì mưa tạnh.", EntityType::Quantity).is_empty());
}
