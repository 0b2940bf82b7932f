//! One test per name rule, on sentences written for these tests.

use viet_text::entity::{LocationKind, OrgKind, ProgramKind};
use viet_text::{Entity, Extractor, ExtractorBuilder};

fn find(text: &str) -> Vec<Entity> {
    Extractor::new().extract(text)
}

/// (type, text) of every name entity.
fn names(text: &str) -> Vec<(&'static str, String)> {
    find(text)
        .into_iter()
        .filter_map(|e| {
            let t = e.entity_type().as_str();
            matches!(t, "organization" | "program" | "location" | "person").then(|| (t, e.text().to_owned()))
        })
        .collect()
}

fn has(text: &str, t: &str, span: &str) -> bool {
    names(text).iter().any(|(a, b)| *a == t && b == span)
}

fn org_kind(text: &str, span: &str) -> Option<OrgKind> {
    find(text).into_iter().find_map(|e| match e {
        Entity::Organization(o) if o.text == span => Some(o.kind),
        _ => None,
    })
}

#[test]
fn organization_ends_before_a_verb() {
    let t = "Sáng nay, Bộ Nông nghiệp và Môi trường tổ chức hội nghị trực tuyến với các địa phương.";
    assert!(
        has(t, "organization", "Bộ Nông nghiệp và Môi trường"),
        "{:?}",
        names(t)
    );
    let t = "Hội Nông dân xã Tân Lập vừa trao 20 con bò giống cho hội viên.";
    assert!(
        has(t, "organization", "Hội Nông dân xã Tân Lập"),
        "{:?}",
        names(t)
    );
    assert_eq!(
        org_kind(t, "Hội Nông dân xã Tân Lập"),
        Some(OrgKind::MassOrganization)
    );
}

#[test]
fn organization_with_level_and_place_suffix() {
    let t = "Theo UBND tỉnh Lai Châu, mưa lớn làm sạt lở nhiều tuyến đường.";
    assert!(has(t, "organization", "UBND tỉnh Lai Châu"), "{:?}", names(t));
    let t = "Đại diện Sở Y tế tỉnh cho biết số ca bệnh đã giảm.";
    assert!(has(t, "organization", "Sở Y tế tỉnh"), "{:?}", names(t));
    let t = "Ngân hàng Chính sách xã hội đã giải ngân thêm vốn cho hộ cận nghèo.";
    assert!(
        has(t, "organization", "Ngân hàng Chính sách xã hội"),
        "{:?}",
        names(t)
    );
    assert_eq!(org_kind(t, "Ngân hàng Chính sách xã hội"), Some(OrgKind::Bank));
}

#[test]
fn organization_head_with_qualifier_and_proper_name() {
    let t = "Học sinh trường Trung học cơ sở Lý Tự Trọng đạt nhiều giải.";
    assert!(
        has(t, "organization", "trường Trung học cơ sở Lý Tự Trọng"),
        "{:?}",
        names(t)
    );
    let t = "Bệnh viện Đa khoa tỉnh Hà Tĩnh tiếp nhận 3 bệnh nhân.";
    assert!(
        has(t, "organization", "Bệnh viện Đa khoa tỉnh Hà Tĩnh"),
        "{:?}",
        names(t)
    );
    let t = "Công ty TNHH Cơ khí Hòa Phát mở rộng nhà xưởng.";
    assert!(
        has(t, "organization", "Công ty TNHH Cơ khí Hòa Phát"),
        "{:?}",
        names(t)
    );
}

#[test]
fn bracketed_abbreviation_inside_and_after_a_name() {
    let t = "Hội Cựu chiến binh (CCB) huyện Mường Tè thăm các gia đình chính sách.";
    assert!(
        has(t, "organization", "Hội Cựu chiến binh (CCB) huyện Mường Tè"),
        "{:?}",
        names(t)
    );
    let t = "Tập đoàn Điện lực Việt Nam (EVN) cho biết sản lượng tăng.";
    assert!(
        has(t, "organization", "Tập đoàn Điện lực Việt Nam"),
        "{:?}",
        names(t)
    );
    assert!(has(t, "organization", "EVN"), "{:?}", names(t));
}

#[test]
fn generic_mentions_are_not_organizations() {
    let t = "Ban tổ chức cho biết các sở, ngành sẽ phối hợp.";
    assert!(
        names(t).iter().all(|(t, _)| *t != "organization"),
        "{:?}",
        names(t)
    );
    let t = "Trường hợp này được hội đồng xem xét lại.";
    assert!(names(t).is_empty(), "{:?}", names(t));
}

#[test]
fn location_with_prefix_and_kind() {
    let t = "Lũ quét tràn qua xã Pa Tần, huyện Nậm Nhùn.";
    let locs: Vec<_> = find(t)
        .into_iter()
        .filter_map(|e| match e {
            Entity::Location(l) => Some((l.text, l.kind)),
            _ => None,
        })
        .collect();
    assert_eq!(
        locs,
        vec![
            ("xã Pa Tần".to_owned(), LocationKind::Commune),
            ("huyện Nậm Nhùn".to_owned(), LocationKind::District)
        ]
    );
}

#[test]
fn numbered_units_and_shared_plural_prefix() {
    let t = "Người dân Tổ dân phố 3 và các xã Mường So, Khổng Lào được hỗ trợ.";
    assert!(has(t, "location", "Tổ dân phố 3"), "{:?}", names(t));
    assert!(has(t, "location", "xã Mường So"), "{:?}", names(t));
    assert!(has(t, "location", "Khổng Lào"), "{:?}", names(t));
}

#[test]
fn known_places_old_and_new_tone_style_and_decomposed() {
    for t in [
        "Đoàn công tác đến Thanh Hóa hôm qua.",
        "Đoàn công tác đến Thanh Hoá hôm qua.",
        "Đoàn công tác đến Thanh Ho\u{0061}\u{0301} hôm qua.",
        "Đoàn công tác đến Thanh Ho\u{0301}a hôm qua.",
    ] {
        let e = find(t);
        let l = e.iter().find(|e| e.entity_type().as_str() == "location");
        let l = l.unwrap_or_else(|| panic!("no location in {t:?}: {e:?}"));
        assert_eq!(&t[l.span().range()], l.text());
        assert!(l.text().starts_with("Thanh"), "{t:?}");
        assert!(l.text().len() >= "Thanh Hoa".len(), "{t:?}");
    }
}

#[test]
fn glued_city_prefix_is_split() {
    let t = "Lễ hội diễn ra tại TP.Vinh và TP.HCM.";
    assert!(has(t, "location", "TP.Vinh"), "{:?}", names(t));
    assert!(has(t, "location", "TP.HCM"), "{:?}", names(t));
}

#[test]
fn sentence_initial_capitals_make_no_names() {
    let t = "Trong năm qua, nhiều hộ dân đã thoát nghèo. Theo đó, mức hỗ trợ tăng. Sau khi kiểm tra, đoàn rời đi.";
    assert!(names(t).is_empty(), "{:?}", names(t));
}

#[test]
fn person_after_title_with_body() {
    let t = "Phó Chủ tịch UBND tỉnh Điện Biên Lò Văn Tiến phát biểu tại hội nghị.";
    let p = find(t).into_iter().find_map(|e| match e {
        Entity::Person(p) => Some(p),
        _ => None,
    });
    let p = p.expect("a person");
    assert_eq!(p.text, "Lò Văn Tiến");
    assert_eq!(p.title.as_deref(), Some("Phó Chủ tịch UBND tỉnh Điện Biên"));
    assert!(has(t, "organization", "UBND tỉnh Điện Biên"), "{:?}", names(t));
}

#[test]
fn person_after_honorific_at_sentence_start_and_mid_sentence() {
    let t = "Bà Đinh Thị Hoa kể lại câu chuyện. Theo ông Nông Văn Dũng, vụ mùa năm nay khá.";
    assert!(has(t, "person", "Đinh Thị Hoa"), "{:?}", names(t));
    assert!(has(t, "person", "Nông Văn Dũng"), "{:?}", names(t));
}

#[test]
fn surname_led_name_without_title_and_later_mentions() {
    let t = "Anh nói rằng Trần Minh Khoa đã giúp đỡ nhiều. Cả xóm đều quý Trần Minh Khoa.";
    let hits: Vec<_> = names(t).into_iter().filter(|(t, _)| *t == "person").collect();
    assert_eq!(hits.len(), 2, "{hits:?}");
}

#[test]
fn bylines_credits_and_initials() {
    let t = "Mưa lớn gây ngập nhiều tuyến phố. Ảnh: Hoàng Yến\n\nNgười dân dọn dẹp sau lũ.\n\nTHU TRANG\n";
    assert!(has(t, "person", "Hoàng Yến"), "{:?}", names(t));
    assert!(has(t, "person", "THU TRANG"), "{:?}", names(t));
    let t = "Giá lúa tăng nhẹ trong tuần.\n\nK.Oanh\n";
    assert!(has(t, "person", "K.Oanh"), "{:?}", names(t));
    let t = "Giá lúa tăng nhẹ trong tuần.\n\nT.H\n";
    assert!(has(t, "person", "T.H"), "{:?}", names(t));
}

#[test]
fn program_with_trigger_and_quoted_title() {
    let t = "Huyện phát động phong trào “Chung sức làm đường giao thông nông thôn” từ đầu năm.";
    let p = find(t).into_iter().find_map(|e| match e {
        Entity::Program(p) => Some(p),
        _ => None,
    });
    let p = p.expect("a program");
    assert_eq!(p.text, "phong trào “Chung sức làm đường giao thông nông thôn”");
    assert_eq!(p.name, "Chung sức làm đường giao thông nông thôn");
    assert_eq!(p.kind, ProgramKind::Movement);
}

#[test]
fn program_descriptors_and_list_and_example_word() {
    let t = "Đài tổ chức chương trình truyền hình trực tiếp \"Ấm áp mùa đông\" cho trẻ em vùng cao.";
    assert!(
        has(
            t,
            "program",
            "chương trình truyền hình trực tiếp \"Ấm áp mùa đông\""
        ),
        "{:?}",
        names(t)
    );
    let t = "Hội nhân rộng các mô hình “Tổ phụ nữ tiết kiệm”, “Góp gạo nuôi em” ở cơ sở.";
    assert!(
        has(t, "program", "mô hình “Tổ phụ nữ tiết kiệm”"),
        "{:?}",
        names(t)
    );
    assert!(has(t, "program", "“Góp gạo nuôi em”"), "{:?}", names(t));
    let t = "Có nhiều mô hình sinh kế hay như “trồng nấm rơm” được học hỏi.";
    assert!(has(t, "program", "“trồng nấm rơm”"), "{:?}", names(t));
}

#[test]
fn counted_trigger_leaves_the_quoted_title() {
    let t = "Toàn tỉnh có 42 mô hình “Khu dân cư an toàn” được công nhận.";
    assert!(has(t, "program", "“Khu dân cư an toàn”"), "{:?}", names(t));
}

#[test]
fn national_target_program_without_quotes() {
    let t = "Vốn Chương trình mục tiêu quốc gia giảm nghèo bền vững được giải ngân chậm.";
    assert!(
        has(t, "program", "Chương trình mục tiêu quốc gia giảm nghèo bền vững"),
        "{:?}",
        names(t)
    );
}

#[test]
fn scare_quotes_and_awards_are_not_programs() {
    let t = "Gia đình ông được công nhận “gia đình văn hóa” nhiều năm liền.";
    assert!(names(t).iter().all(|(t, _)| *t != "program"), "{:?}", names(t));
}

#[test]
fn name_broken_over_a_line() {
    let t = "Hội Liên hiệp Phụ nữ tỉnh Cao Bằng\nđã trao quà cho các em.";
    assert!(
        has(t, "organization", "Hội Liên hiệp Phụ nữ tỉnh Cao Bằng"),
        "{:?}",
        names(t)
    );
    let t = "Đại diện Ngân hàng Chính sách\nxã hội huyện dự buổi lễ.";
    assert!(
        has(t, "organization", "Ngân hàng Chính sách\nxã hội huyện"),
        "{:?}",
        names(t)
    );
}

#[test]
fn all_caps_headline() {
    let t =
        "UBND TỈNH QUẢNG TRỊ TỔ CHỨC HỘI NGHỊ TỔNG KẾT\n\nSáng nay, hội nghị diễn ra tại thành phố Đông Hà.";
    assert!(has(t, "organization", "UBND TỈNH QUẢNG TRỊ"), "{:?}", names(t));
    assert!(has(t, "location", "thành phố Đông Hà"), "{:?}", names(t));
}

#[test]
fn names_in_quotes_and_brackets() {
    let t = "Đoàn đến thăm (huyện Mường Lát, tỉnh Thanh Hóa) và “Làng Nủ” mới.";
    assert!(has(t, "location", "huyện Mường Lát"), "{:?}", names(t));
    assert!(has(t, "location", "tỉnh Thanh Hóa"), "{:?}", names(t));
}

#[test]
fn decomposed_input_spans_index_the_input() {
    let t = "Ủy ban nha\u{0302}n da\u{0302}n tỉnh Kon Tum họp.";
    let e = find(t);
    let o = e
        .iter()
        .find(|e| e.entity_type().as_str() == "organization")
        .expect("an organization");
    assert_eq!(&t[o.span().range()], o.text());
    assert!(o.text().ends_with("Kon Tum"), "{:?}", o.text());
}

#[test]
fn outlet_tags_are_media() {
    let t = "(Nông thôn Ngày nay) - Giá cà phê tăng mạnh.";
    assert_eq!(org_kind(t, "Nông thôn Ngày nay"), Some(OrgKind::Media));
}

#[test]
fn user_lexicon_entries_extend_the_builtin_ones() {
    let ex = ExtractorBuilder::new()
        .add_organization("Hợp tác xã Chè Suối Giàng", OrgKind::Company)
        .add_location("Bản Lác", LocationKind::Village)
        .add_program_trigger("Sáng kiến", ProgramKind::Other)
        .add_person("Hờ A Dơ")
        .build();
    let t = "Hợp tác xã Chè Suối Giàng mua chè của Hờ A Dơ ở Bản Lác theo Sáng kiến “Chè sạch”.";
    let got: Vec<_> = ex
        .extract(t)
        .into_iter()
        .map(|e| (e.entity_type().as_str(), e.text().to_owned()))
        .collect();
    for want in [
        ("organization", "Hợp tác xã Chè Suối Giàng"),
        ("person", "Hờ A Dơ"),
        ("location", "Bản Lác"),
        ("program", "Sáng kiến “Chè sạch”"),
    ] {
        assert!(
            got.iter().any(|(a, b)| *a == want.0 && b == want.1),
            "{want:?} not in {got:?}"
        );
    }
}

#[test]
fn no_panic_on_odd_input() {
    let ex = Extractor::new();
    for t in [
        "",
        "\u{0301}",
        "Bộ",
        "“",
        "Chương trình “",
        "ông",
        "tỉnh",
        "(",
        "TP.",
        "Ảnh:",
        "\n\n\n",
        "A.B.C.D.E",
        &"Hội ".repeat(2000),
        &"Nguyễn ".repeat(2000),
    ] {
        for e in ex.extract(t) {
            assert_eq!(&t[e.span().range()], e.text());
        }
    }
}

#[test]
fn long_heads_take_a_description_only_with_a_suffix() {
    let t = "Ban Quản lý dự án giao thông tỉnh Sơn La ký hợp đồng mới.";
    assert!(
        has(t, "organization", "Ban Quản lý dự án giao thông tỉnh Sơn La"),
        "{:?}",
        names(t)
    );
    let t = "Ban Quản lý dự án đã họp.";
    assert!(
        names(t).iter().all(|(t, _)| *t != "organization"),
        "{:?}",
        names(t)
    );
    let t = "Trạm Y tế xã Nà Nghịu có thêm bác sĩ.";
    assert!(has(t, "organization", "Trạm Y tế xã Nà Nghịu"), "{:?}", names(t));
}

#[test]
fn bank_branches_and_units() {
    let t = "Agribank chi nhánh Bắc Giang giải ngân nhanh.";
    assert!(
        has(t, "organization", "Agribank chi nhánh Bắc Giang"),
        "{:?}",
        names(t)
    );
    let t = "Phòng giao dịch huyện Mường Khương tiếp nhận hồ sơ.";
    assert!(
        has(t, "organization", "Phòng giao dịch huyện Mường Khương"),
        "{:?}",
        names(t)
    );
}

#[test]
fn document_numbers_and_domains() {
    let t = "Theo Công văn 45/UBND-VX, nguồn tin từ tuoitre.vn cho biết.";
    let n = names(t);
    assert!(n.iter().all(|(_, s)| s != "UBND" && s != "UBND-VX"), "{n:?}");
    assert!(has(t, "organization", "tuoitre.vn"), "{n:?}");
}

#[test]
fn numbered_military_and_health_units() {
    let t = "Bệnh viện 175 phối hợp với Quân khu 9 tổ chức khám bệnh.";
    assert!(has(t, "organization", "Bệnh viện 175"), "{:?}", names(t));
    assert!(has(t, "organization", "Quân khu 9"), "{:?}", names(t));
    assert!(!has(t, "location", "khu 9"), "{:?}", names(t));
}

#[test]
fn events_are_not_programs() {
    let t = "Ngày hội Văn hóa các dân tộc diễn ra tại quảng trường.";
    assert!(names(t).iter().all(|(t, _)| *t != "program"), "{:?}", names(t));
}

#[test]
fn one_syllable_country_or_given_name() {
    let t = "Ông Đức cho biết. Thủ tướng Đức Olaf Scholz thăm Hà Nội.";
    let n = names(t);
    assert_eq!(n.first(), Some(&("person", "Đức".to_owned())), "{n:?}");
    assert!(has(t, "location", "Đức"), "{n:?}");
    assert!(has(t, "person", "Olaf Scholz"), "{n:?}");
}

#[test]
fn cyclic_years_and_capitalized_kinship_words_are_not_persons() {
    let t = "Năm Giáp Dần mùa màng bội thu. Người dân Anh Quốc đón tin vui.";
    assert!(names(t).iter().all(|(t, _)| *t != "person"), "{:?}", names(t));
}

#[test]
fn front_committee_with_commune_and_lower_case_action_month() {
    let t = "Ủy ban MTTQ Việt Nam xã Tân Hòa phát động Tháng hành động vì người nghèo.";
    assert!(
        has(t, "organization", "Ủy ban MTTQ Việt Nam xã Tân Hòa"),
        "{:?}",
        names(t)
    );
    assert_eq!(
        org_kind(t, "Ủy ban MTTQ Việt Nam xã Tân Hòa"),
        Some(OrgKind::MassOrganization)
    );
    assert!(
        has(t, "program", "Tháng hành động vì người nghèo"),
        "{:?}",
        names(t)
    );
}

mod arbitrary_input {
    use proptest::prelude::*;
    use viet_text::Extractor;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn spans_are_exact_and_nothing_panics(
            s in "(\\PC|[ \n“”\"()-]|Hội |Sở |ông |tỉnh |TP\\.|Chương trình |Nguyễn |Ảnh: |\u{0301}){0,60}"
        ) {
            for e in Extractor::new().extract(&s) {
                prop_assert_eq!(&s[e.span().range()], e.text());
                prop_assert!(!e.text().is_empty());
            }
        }
    }
}

#[test]
fn stock_codes_are_organizations_but_index_names_are_not() {
    let t = "Chỉ số HNX-Index tăng nhẹ trong khi VN-Index đi ngang; mã cổ phiếu GAS, DGC và ACB được mua ròng, còn MWG giảm 1,2%.";
    for code in ["GAS", "DGC", "MWG"] {
        assert_eq!(
            org_kind(t, code),
            Some(OrgKind::Company),
            "{code}: {:?}",
            names(t)
        );
    }
    assert_eq!(org_kind(t, "ACB"), Some(OrgKind::Bank), "{:?}", names(t));
    for part in ["HNX", "VN", "HNX-Index", "VN-Index"] {
        assert!(!has(t, "organization", part), "{part}: {:?}", names(t));
    }
    // Three capitals with no stock context are left alone.
    assert!(!has(
        "Đoàn công tác gặp đại diện JICA và KOI tại Hà Nội.",
        "organization",
        "KOI"
    ));
}

#[test]
fn lower_case_words_inside_a_name_stay_when_the_name_goes_on() {
    let t = "Viện Bệnh Nhiệt đới Quốc gia cử đoàn chuyên gia xuống cơ sở.";
    assert!(
        has(t, "organization", "Viện Bệnh Nhiệt đới Quốc gia"),
        "{:?}",
        names(t)
    );
    let t = "Quỹ Đổi mới sáng tạo Phương Nam vừa công bố danh sách dự án.";
    assert!(
        has(t, "organization", "Quỹ Đổi mới sáng tạo Phương Nam"),
        "{:?}",
        names(t)
    );
    // A stop word still ends the name.
    let t = "Hội Nông Dân đã trao quà nhân dịp Tết.";
    assert!(
        !names(t).iter().any(|(_, s)| s.contains("trao")),
        "{:?}",
        names(t)
    );
}

#[test]
fn bracketed_abbreviation_before_the_parent_body_keeps_one_span() {
    let t = "Phòng Quản lý xuất nhập cảnh (PA08) Công an tỉnh Lâm Đồng vừa cấp hộ chiếu cho người dân.";
    assert!(
        has(
            t,
            "organization",
            "Phòng Quản lý xuất nhập cảnh (PA08) Công an tỉnh Lâm Đồng"
        ),
        "{:?}",
        names(t)
    );
}

#[test]
fn plural_or_counted_prefix_before_a_region_stays_outside() {
    for t in [
        "Mưa lớn kéo dài ở các tỉnh Tây Nguyên trong tuần tới.",
        "Đoàn công tác làm việc với 5 tỉnh Tây Nguyên về giống cà phê.",
    ] {
        assert!(has(t, "location", "Tây Nguyên"), "{:?}", names(t));
        assert!(!has(t, "location", "tỉnh Tây Nguyên"), "{:?}", names(t));
    }
}

#[test]
fn international_bodies_are_organizations_and_more_countries_are_known() {
    let t = "Hội nghị cấp cao ASEAN bàn về thương mại với Úc và Bỉ.";
    assert_eq!(org_kind(t, "ASEAN"), Some(OrgKind::Other), "{:?}", names(t));
    assert!(!has(t, "location", "ASEAN"), "{:?}", names(t));
    assert!(
        has(t, "location", "Úc") && has(t, "location", "Bỉ"),
        "{:?}",
        names(t)
    );
    // A common word led by a country's one-syllable name is no place.
    assert!(!has("Ý kiến của cử tri được ghi nhận.", "location", "Ý"));
}

#[test]
fn institutes_of_medical_fields_are_health() {
    let t = "Viện Dinh dưỡng Quốc gia khuyến cáo bổ sung vi chất cho trẻ.";
    assert_eq!(
        org_kind(t, "Viện Dinh dưỡng Quốc gia"),
        Some(OrgKind::Health),
        "{:?}",
        names(t)
    );
}

#[test]
fn player_positions_and_court_roles_introduce_persons() {
    let t = "Trong hiệp hai, hậu vệ Marcos Silva đánh đầu ghi bàn.";
    assert!(has(t, "person", "Marcos Silva"), "{:?}", names(t));
    let t = "Tòa tuyên phạt bị cáo Đỗ Văn Khải 7 năm tù.";
    assert!(has(t, "person", "Đỗ Văn Khải"), "{:?}", names(t));
}

#[test]
fn bare_department_head_before_a_full_name_is_part_of_the_title() {
    let t = "Phó Giám đốc Sở Hà Thị Mai cho biết kế hoạch đã được duyệt.";
    assert!(has(t, "person", "Hà Thị Mai"), "{:?}", names(t));
    assert!(
        !names(t)
            .iter()
            .any(|(ty, s)| *ty == "organization" && s.contains("Mai")),
        "{:?}",
        names(t)
    );
}

#[test]
fn camel_case_brand_after_a_post_is_not_a_person() {
    let t = "Giám đốc điều hành FarmLink cho biết doanh thu tăng mạnh.";
    assert!(!has(t, "person", "FarmLink"), "{:?}", names(t));
}

#[test]
fn byline_with_outlet_and_kinship_given_name() {
    let t = "Mưa lớn gây ngập nhiều tuyến phố.\n\nMinh Châu/VTV";
    assert!(has(t, "person", "Minh Châu"), "{:?}", names(t));
    let t = "Kỳ thi diễn ra an toàn.\n\nNgọc Anh";
    assert!(has(t, "person", "Ngọc Anh"), "{:?}", names(t));
}

#[test]
fn user_person_after_a_capitalized_word() {
    let ex = ExtractorBuilder::new().add_person("Mùa Thị Dung").build();
    let found = ex.extract("Theo Mùa Thị Dung, vụ chè năm nay được mùa.");
    assert!(
        found
            .iter()
            .any(|e| e.entity_type().as_str() == "person" && e.text() == "Mùa Thị Dung"),
        "{found:?}"
    );
}

fn person_title(text: &str, span: &str) -> Option<Option<String>> {
    find(text).into_iter().find_map(|e| match e {
        Entity::Person(p) if p.text == span => Some(p.title),
        _ => None,
    })
}

#[test]
fn bracketed_short_name_is_remembered_through_the_text() {
    let t = "Ngân hàng TMCP Phương Bắc (NorthBank, mã chứng khoán: NBK) vừa tăng vốn. \
             Lãnh đạo NorthBank cho biết cổ phiếu NBK sẽ được niêm yết. Năm nay NORTHBANK đặt mục tiêu lãi lớn.";
    let orgs: Vec<_> = find(t)
        .into_iter()
        .filter_map(|e| match e {
            Entity::Organization(o) => Some((o.text, o.kind)),
            _ => None,
        })
        .collect();
    let count = |s: &str| orgs.iter().filter(|(t, _)| t.eq_ignore_ascii_case(s)).count();
    assert_eq!(count("NorthBank"), 3, "{orgs:?}");
    assert_eq!(count("NBK"), 2, "{orgs:?}");
    // Short names keep the kind of the body they name, the code too.
    assert!(
        orgs.iter()
            .filter(|(t, _)| t == "NBK")
            .all(|(_, k)| *k == OrgKind::Bank),
        "{orgs:?}"
    );
}

#[test]
fn hyphenated_and_numbered_bracket_names() {
    let t = "Học viện Nông nghiệp miền Trung (HVNN-MT) tuyển sinh. Năm nay HVNN-MT mở thêm ngành mới.";
    assert_eq!(
        names(t).iter().filter(|(_, s)| s == "HVNN-MT").count(),
        2,
        "{:?}",
        names(t)
    );
    let t = "Tổng công ty Cơ khí Xây dựng 7 - CTCP (Coma7) trúng thầu. Coma7 sẽ thi công trong hai năm.";
    assert!(
        has(t, "organization", "Tổng công ty Cơ khí Xây dựng 7 - CTCP"),
        "{:?}",
        names(t)
    );
    assert_eq!(
        names(t).iter().filter(|(_, s)| s == "Coma7").count(),
        2,
        "{:?}",
        names(t)
    );
}

#[test]
fn leading_brand_word_names_the_company_again() {
    let t = "Công ty TNHH Greenfield Logistics Việt Nam khai trương kho mới. Đại diện Greenfield cho biết kho rộng 5 ha.";
    assert!(has(t, "organization", "Greenfield"), "{:?}", names(t));
    // A Vietnamese syllable after the head is no brand word.
    let t = "Công ty TNHH Minh Phát mở chi nhánh. Minh cho biết sẽ mở thêm.";
    assert!(!has(t, "organization", "Minh"), "{:?}", names(t));
}

#[test]
fn title_with_rank_word_or_nationality() {
    let t = "HLV trưởng Marco Bellini hài lòng với trận hòa.";
    assert_eq!(
        person_title(t, "Marco Bellini"),
        Some(Some("HLV trưởng".into())),
        "{:?}",
        names(t)
    );
    let t = "Vận động viên người Ethiopia Tadesse Bekele về nhất.";
    assert_eq!(
        person_title(t, "Tadesse Bekele"),
        Some(Some("Vận động viên người Ethiopia".into())),
        "{:?}",
        names(t)
    );
}

#[test]
fn new_titles_and_friendly_country() {
    let t = "Chuyên gia Lê Quang Tùng nhận định thị trường sẽ phục hồi.";
    assert_eq!(
        person_title(t, "Lê Quang Tùng"),
        Some(Some("Chuyên gia".into())),
        "{:?}",
        names(t)
    );
    let t = "Bạn Hà Mai Chi, sinh viên năm ba, giành giải nhất.";
    assert_eq!(
        person_title(t, "Hà Mai Chi"),
        Some(Some("Bạn".into())),
        "{:?}",
        names(t)
    );
    // `nước bạn` is a friendly country, not a person's title.
    let t = "Đoàn nghệ nhân sang biểu diễn tại nước bạn Campuchia.";
    assert!(has(t, "location", "Campuchia"), "{:?}", names(t));
    assert!(!names(t).iter().any(|(ty, _)| *ty == "person"), "{:?}", names(t));
}

#[test]
fn given_name_refers_back_to_a_full_name() {
    let t = "Tòa tuyên phạt bị cáo Trần Văn Khải 12 năm tù. Theo cáo trạng, Khải cùng đồng phạm lừa đảo. \
             Tại tòa, bị cáo Khải khai nhận hành vi.";
    let got: Vec<_> = find(t)
        .into_iter()
        .filter_map(|e| match e {
            Entity::Person(p) => Some((p.text, p.title)),
            _ => None,
        })
        .collect();
    assert_eq!(got.iter().filter(|(s, _)| s == "Khải").count(), 2, "{got:?}");
    assert!(got.contains(&("Khải".into(), Some("bị cáo".into()))), "{got:?}");
    // At a sentence start a lone capitalized word is not taken.
    let t = "Ông Lê Văn Hòa phát biểu. Hòa bình là khát vọng chung.";
    assert!(!has(t, "person", "Hòa"), "{:?}", names(t));
}

#[test]
fn surname_that_is_a_head_word_after_a_title() {
    let t = "Thủ môn Đoàn Minh Trí có pha cứu thua xuất sắc.";
    assert!(has(t, "person", "Đoàn Minh Trí"), "{:?}", names(t));
    assert!(
        !names(t).iter().any(|(ty, _)| *ty == "organization"),
        "{:?}",
        names(t)
    );
}

#[test]
fn venues_and_landforms_with_a_head_noun() {
    let t = "Đoàn xe vượt đèo Khau Phạ rồi dừng bên sông Nậm Mu.";
    assert!(has(t, "location", "đèo Khau Phạ"), "{:?}", names(t));
    assert!(has(t, "location", "sông Nậm Mu"), "{:?}", names(t));
    let t = "Lễ diễu hành diễn ra tại Quảng trường Hồ Hoàn Kiếm.";
    assert!(
        names(t)
            .iter()
            .any(|(ty, s)| *ty == "location" && s.starts_with("Quảng trường")),
        "{:?}",
        names(t)
    );
    // The common words that contain those heads name nothing.
    let t = "Các tỉnh miền núi Bắc Kạn, Cao Bằng gặp khó; đấu trường SEA Games sắp mở.";
    assert!(
        !names(t)
            .iter()
            .any(|(_, s)| s.starts_with("núi") || s.starts_with("trường")),
        "{:?}",
        names(t)
    );
}

#[test]
fn codes_schemes_and_laws_are_not_bodies() {
    let t = "Khách hàng không được cung cấp mã OTP cho người lạ.";
    assert!(
        !names(t).iter().any(|(ty, _)| *ty == "organization"),
        "{:?}",
        names(t)
    );
    let t =
        "Người lao động rút BHXH một lần sẽ mất quyền lợi; ai tham gia BHXH đủ 20 năm được hưởng lương hưu.";
    assert!(
        !names(t).iter().any(|(ty, _)| *ty == "organization"),
        "{:?}",
        names(t)
    );
    let t = "Theo Luật Bảo hiểm xã hội, BHXH tỉnh Nam Định đã chi trả đủ.";
    assert!(!has(t, "organization", "Bảo hiểm xã hội"), "{:?}", names(t));
    assert!(has(t, "organization", "BHXH tỉnh Nam Định"), "{:?}", names(t));
    // With a price move or in a list, `mã` still introduces stock codes.
    let t = "Các mã HPG, VNM đều tăng giá.";
    assert!(
        has(t, "organization", "HPG") && has(t, "organization", "VNM"),
        "{:?}",
        names(t)
    );
}

#[test]
fn name_ends_before_a_body_after_and_or_a_qualified_amount() {
    let t = "Chương trình Erasmus Plus và tập đoàn Solvera Group ký kết hợp tác.";
    assert!(has(t, "program", "Chương trình Erasmus Plus"), "{:?}", names(t));
    let t = "Quỹ Phát triển đất còn dư khoảng 300 tỷ đồng.";
    assert!(
        !names(t).iter().any(|(_, s)| s.ends_with("khoảng")),
        "{:?}",
        names(t)
    );
    assert!(
        find(t).iter().any(|e| e.text() == "khoảng 300 tỷ đồng"),
        "{:?}",
        find(t)
    );
}

#[test]
fn company_name_in_an_apposition_keeps_a_surname_like_syllable() {
    let t = "Tòa xét xử bị cáo Ngô Văn Bình (SN 1975, nguyên Giám đốc Công ty TNHH Thương mại Hoàng Gia Phát) vào tuần tới.";
    assert!(
        has(t, "organization", "Công ty TNHH Thương mại Hoàng Gia Phát"),
        "{:?}",
        names(t)
    );
    assert!(!has(t, "person", "Hoàng Gia Phát"), "{:?}", names(t));
    // Outside an apposition the holder's name still follows the body.
    let t = "Sáng 3.4, Phó Chủ tịch UBND tỉnh Lê Văn Thành dự lễ khởi công.";
    assert!(has(t, "person", "Lê Văn Thành"), "{:?}", names(t));
    assert!(has(t, "organization", "UBND tỉnh"), "{:?}", names(t));
}

#[test]
fn chamber_of_commerce_is_not_a_state_body() {
    let t = "Phòng Thương mại và Công nghiệp Việt Nam (VCCI) tổ chức diễn đàn. VCCI kiến nghị giảm thuế.";
    assert_eq!(
        org_kind(t, "Phòng Thương mại và Công nghiệp Việt Nam"),
        Some(OrgKind::Other),
        "{:?}",
        names(t)
    );
    assert_eq!(org_kind(t, "VCCI"), Some(OrgKind::Other), "{:?}", names(t));
}

#[test]
fn post_held_in_a_country() {
    let t = "Đại sứ Việt Nam tại Hàn Quốc Nguyễn Vũ Tùng tiếp đoàn doanh nghiệp.";
    assert_eq!(
        person_title(t, "Nguyễn Vũ Tùng"),
        Some(Some("Đại sứ Việt Nam tại Hàn Quốc".into())),
        "{:?}",
        names(t)
    );
    assert!(has(t, "location", "Hàn Quốc"), "{:?}", names(t));
}

#[test]
fn lower_case_words_before_a_prefix_are_no_body() {
    let t = "Năm 2008, toàn bộ tỉnh Hà Tây được sáp nhập vào Hà Nội.";
    assert!(has(t, "location", "tỉnh Hà Tây"), "{:?}", names(t));
    let t = "Nhà leo núi Nhật Bản ấy đã lên tới đỉnh.";
    assert!(has(t, "location", "Nhật Bản"), "{:?}", names(t));
    let t = "Cơ quan Năng lượng Tái tạo Quốc tế tuyên bố rằng Iran đã đồng ý.";
    assert!(
        has(t, "organization", "Cơ quan Năng lượng Tái tạo Quốc tế"),
        "{:?}",
        names(t)
    );
}

#[test]
fn friendly_country_after_a_list_of_provinces() {
    let t = "Nghệ nhân đến từ 5 tỉnh Tây Nguyên và nước bạn Lào tham gia.";
    assert!(has(t, "location", "Lào"), "{:?}", names(t));
}
