//! Table-driven tests of tone-mark placement: every rhyme of the inventory
//! (orthography.md §2.6, placed by the rule of §3.1), with every tone its
//! coda allows, after several onsets, in lower, title and upper case, in
//! both directions (old ↔ new), plus the repair of every misplaced mark.

use unicode_normalization::UnicodeNormalization;
use viet_text::normalize::{normalize, to_style, NormalizeOptions, ToneStyle};
use viet_text::syllable::{is_syllable, Syllable, Tone};

/// context, rhyme, rhyme with a sắc mark in the old style, in the new style.
/// Written from the placement rule, independently of the library.
const PLACEMENT: &str = "
plain a      á      á
plain ac     ác     ác
plain ach    ách    ách
plain ai     ái     ái
plain am     ám     ám
plain an     án     án
plain ang    áng    áng
plain anh    ánh    ánh
plain ao     áo     áo
plain ap     áp     áp
plain at     át     át
plain au     áu     áu
plain ay     áy     áy
plain oa     óa     oá
plain oac    oác    oác
plain oach   oách   oách
plain oai    oái    oái
plain oam    oám    oám
plain oan    oán    oán
plain oang   oáng   oáng
plain oanh   oánh   oánh
plain oao    oáo    oáo
plain oap    oáp    oáp
plain oat    oát    oát
plain oay    oáy    oáy
qu    a      á      á
qu    ac     ác     ác
qu    ach    ách    ách
qu    ai     ái     ái
qu    an     án     án
qu    ang    áng    áng
qu    anh    ánh    ánh
qu    ao     áo     áo
qu    at     át     át
qu    au     áu     áu
qu    ay     áy     áy
plain e      é      é
plain ec     éc     éc
plain em     ém     ém
plain en     én     én
plain eng    éng    éng
plain eo     éo     éo
plain ep     ép     ép
plain et     ét     ét
plain oe     óe     oé
plain oem    oém    oém
plain oen    oén    oén
plain oeo    oéo    oéo
plain oet    oét    oét
qu    e      é      é
qu    en     én     én
qu    eng    éng    éng
qu    eo     éo     éo
qu    et     ét     ét
plain i      í      í
plain ich    ích    ích
plain im     ím     ím
plain in     ín     ín
plain inh    ính    ính
plain ip     íp     íp
plain it     ít     ít
plain iu     íu     íu
qu    i      í      í
qu    im     ím     ím
qu    in     ín     ín
qu    it     ít     ít
plain ia     ía     ía
plain iêc    iếc    iếc
plain iêm    iếm    iếm
plain iên    iến    iến
plain iêng   iếng   iếng
plain iêp    iếp    iếp
plain iêt    iết    iết
plain iêu    iếu    iếu
plain o      ó      ó
plain oc     óc     óc
plain oi     ói     ói
plain om     óm     óm
plain on     ón     ón
plain ong    óng    óng
plain op     óp     óp
plain ot     ót     ót
qu    o      ó      ó
plain ooc    oóc    oóc
plain oong   oóng   oóng
plain u      ú      ú
plain uc     úc     úc
plain ui     úi     úi
plain um     úm     úm
plain un     ún     ún
plain ung    úng    úng
plain up     úp     úp
plain ut     út     út
plain ua     úa     úa
plain uôc    uốc    uốc
plain uôi    uối    uối
plain uôm    uốm    uốm
plain uôn    uốn    uốn
plain uông   uống   uống
plain uôt    uốt    uốt
plain y      ý      ý
plain uy     úy     uý
qu    y      ý      ý
plain uych   uých   uých
qu    ych    ých    ých
plain uyn    uýn    uýn
plain uynh   uýnh   uýnh
qu    ynh    ýnh    ýnh
plain uyp    uýp    uýp
qu    yt     ýt     ýt
plain uyt    uýt    uýt
plain uyu    uýu    uýu
plain uya    uýa    uýa
plain yêm    yếm    yếm
plain yên    yến    yến
plain yêng   yếng   yếng
plain yêp    yếp    yếp
plain yêt    yết    yết
plain yêu    yếu    yếu
plain uyên   uyến   uyến
qu    yên    yến    yến
plain uyêt   uyết   uyết
qu    yêt    yết    yết
plain âc     ấc     ấc
plain âm     ấm     ấm
plain ân     ấn     ấn
plain âng    ấng    ấng
plain âp     ấp     ấp
plain ât     ất     ất
plain âu     ấu     ấu
plain ây     ấy     ấy
plain uân    uấn    uấn
qu    ân     ấn     ấn
plain uâng   uấng   uấng
qu    âng    ấng    ấng
plain uât    uất    uất
qu    ât     ất     ất
plain uây    uấy    uấy
qu    ây     ấy     ấy
plain ê      ế      ế
plain êc     ếc     ếc
plain êch    ếch    ếch
plain êm     ếm     ếm
plain ên     ến     ến
plain êng    ếng    ếng
plain ênh    ếnh    ếnh
plain êp     ếp     ếp
plain êt     ết     ết
plain êu     ếu     ếu
plain uê     uế     uế
qu    ê      ế      ế
plain uêch   uếch   uếch
qu    êch    ếch    ếch
qu    ên     ến     ến
plain uênh   uếnh   uếnh
qu    ênh    ếnh    ếnh
qu    êt     ết     ết
qu    êu     ếu     ếu
plain ô      ố      ố
plain ôc     ốc     ốc
plain ôi     ối     ối
plain ôm     ốm     ốm
plain ôn     ốn     ốn
plain ông    ống    ống
plain ôp     ốp     ốp
plain ôt     ốt     ốt
qu    ôc     ốc     ốc
plain ăc     ắc     ắc
plain ăm     ắm     ắm
plain ăn     ắn     ắn
plain ăng    ắng    ắng
plain ăp     ắp     ắp
plain ăt     ắt     ắt
plain oăc    oắc    oắc
plain oăm    oắm    oắm
plain oăn    oắn    oắn
plain oăng   oắng   oắng
plain oăt    oắt    oắt
qu    ăc     ắc     ắc
qu    ăm     ắm     ắm
qu    ăn     ắn     ắn
qu    ăng    ắng    ắng
qu    ăp     ắp     ắp
qu    ăt     ắt     ắt
plain ơ      ớ      ớ
plain ơi     ới     ới
plain ơm     ớm     ớm
plain ơn     ớn     ớn
plain ơp     ớp     ớp
plain ơt     ớt     ớt
qu    ơ      ớ      ớ
plain uơ     uớ     uớ
qu    ơi     ới     ới
qu    ơn     ớn     ớn
qu    ơt     ớt     ớt
plain ư      ứ      ứ
plain ưc     ức     ức
plain ưi     ứi     ứi
plain ưm     ứm     ứm
plain ưn     ứn     ứn
plain ưng    ứng    ứng
plain ưt     ứt     ứt
plain ưu     ứu     ứu
plain ưa     ứa     ứa
plain ươc    ước    ước
plain ươi    ưới    ưới
plain ươm    ướm    ướm
plain ươn    ướn    ướn
plain ương   ướng   ướng
plain ươp    ướp    ướp
plain ươt    ướt    ướt
plain ươu    ướu    ướu
";

/// `form` (carrying one acute accent) with that mark replaced by `tone`.
fn retone(form: &str, tone: Tone) -> String {
    form.nfd()
        .filter_map(|c| match c {
            '\u{301}' => tone.mark(),
            c => Some(c),
        })
        .nfc()
        .collect()
}

/// `plain` (no tone mark) with the tone mark of `tone` on char `at`.
fn mark_at(plain: &str, at: usize, tone: Tone) -> String {
    let mut out = String::new();
    for (i, c) in plain.chars().enumerate() {
        out.push(c);
        if i == at {
            out.extend(tone.mark());
        }
    }
    out.nfc().collect()
}

fn title(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

const VOWELS: &str = "aăâeêioôơuưy";

struct Row {
    qu: bool,
    rhyme: &'static str,
    old: &'static str,
    new: &'static str,
}

fn rows() -> Vec<Row> {
    PLACEMENT
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(f.len(), 4, "{l}");
            Row {
                qu: f[0] == "qu",
                rhyme: f[1],
                old: f[2],
                new: f[3],
            }
        })
        .collect()
}

fn onsets(row: &Row) -> Vec<&'static str> {
    if row.qu {
        return vec!["qu"];
    }
    if row.rhyme.starts_with("yê") {
        return vec![""];
    }
    let mut v = vec!["th", "n"];
    if !row.rhyme.starts_with("iê") {
        v.push("");
    }
    if !row.rhyme.starts_with(['i', 'y']) {
        v.push("gi");
    }
    v
}

fn tones(rhyme: &str) -> Vec<Tone> {
    let stop = ["c", "ch", "p", "t"].iter().any(|c| rhyme.ends_with(c))
        && !rhyme.ends_with("nh")
        && !rhyme.ends_with("ng");
    if stop {
        vec![Tone::Sac, Tone::Nang]
    } else {
        Tone::ALL.iter().copied().filter(|&t| t != Tone::Ngang).collect()
    }
}

fn check_pair(old: &str, new: &str, tone: Tone) {
    assert!(is_syllable(old), "{old} should be a syllable");
    assert!(is_syllable(new), "{new} should be a syllable");
    assert_eq!(Syllable::parse(old).map(|s| s.tone()), Ok(tone), "{old}");
    assert_eq!(to_style(old, ToneStyle::New), new, "{old} → new");
    assert_eq!(to_style(new, ToneStyle::Old), old, "{new} → old");
    assert_eq!(to_style(old, ToneStyle::Old), old, "{old} stays old");
    assert_eq!(to_style(new, ToneStyle::New), new, "{new} stays new");
    assert_eq!(to_style(old, ToneStyle::Keep), old, "{old} kept");
    assert_eq!(to_style(new, ToneStyle::Keep), new, "{new} kept");
    // Decomposed input reaches the same result.
    let nfd: String = old.nfd().collect();
    assert_eq!(to_style(&nfd, ToneStyle::New), new, "NFD {old} → new");
}

#[test]
fn every_rhyme_every_tone_both_directions_all_cases() {
    let mut checked = 0;
    for row in rows() {
        for onset in onsets(&row) {
            for tone in tones(row.rhyme) {
                let old = format!("{onset}{}", retone(row.old, tone));
                let new = format!("{onset}{}", retone(row.new, tone));
                check_pair(&old, &new, tone);
                check_pair(&title(&old), &title(&new), tone);
                check_pair(&old.to_uppercase(), &new.to_uppercase(), tone);
                checked += 1;
            }
        }
    }
    eprintln!("{checked} (onset, rhyme, tone) forms checked in 3 letter cases");
    // 212 rhymes, most with several onsets and five tones.
    assert!(checked > 2500, "only {checked} syllables checked");
}

#[test]
fn styles_differ_only_in_open_oa_oe_uy() {
    for row in rows() {
        let differs = row.old != row.new;
        let expected = !row.qu && matches!(row.rhyme, "oa" | "oe" | "uy");
        assert_eq!(differs, expected, "{}", row.rhyme);
    }
}

#[test]
fn every_misplaced_mark_is_repaired() {
    let mut repaired = 0;
    for row in rows() {
        for onset in onsets(&row) {
            let plain = format!("{onset}{}", row.rhyme);
            let n_onset = onset.chars().count();
            for tone in tones(row.rhyme) {
                let old = format!("{onset}{}", retone(row.old, tone));
                let new = format!("{onset}{}", retone(row.new, tone));
                for (at, c) in plain.chars().enumerate() {
                    // Every vowel letter, including the `u` of `qu` and the `i` of `gi`.
                    if !VOWELS.contains(c) {
                        continue;
                    }
                    let wrong = mark_at(&plain, at, tone);
                    if wrong == old || wrong == new {
                        continue;
                    }
                    assert!(at < n_onset || is_syllable(&wrong), "{wrong}");
                    assert!(
                        !Syllable::parse(&wrong).is_ok_and(|s| s.is_tone_well_placed()),
                        "{wrong}"
                    );
                    assert_eq!(to_style(&wrong, ToneStyle::Keep), new, "{wrong} repaired (keep)");
                    assert_eq!(to_style(&wrong, ToneStyle::Old), old, "{wrong} repaired (old)");
                    assert_eq!(to_style(&wrong, ToneStyle::New), new, "{wrong} repaired (new)");
                    let upper = wrong.to_uppercase();
                    assert_eq!(to_style(&upper, ToneStyle::Old), old.to_uppercase(), "{upper}");
                    // A doubled mark: the right letter and the wrong one.
                    let right = new.chars().zip(plain.chars()).position(|(a, b)| a != b);
                    let right = right.expect("the new form carries a mark");
                    let doubled = mark_at(&mark_at(&plain, right, tone), at, tone);
                    assert_eq!(to_style(&doubled, ToneStyle::New), new, "doubled {doubled}");
                    repaired += 1;
                }
            }
        }
    }
    eprintln!("{repaired} misplaced marks repaired");
    assert!(repaired > 2000, "only {repaired} repairs checked");
}

#[test]
fn the_fifteen_forms_that_differ() {
    let pairs = [
        ("hóa", "hoá"),
        ("hòa", "hoà"),
        ("hỏa", "hoả"),
        ("hõa", "hoã"),
        ("họa", "hoạ"),
        ("khóe", "khoé"),
        ("hòe", "hoè"),
        ("khỏe", "khoẻ"),
        ("khõe", "khoẽ"),
        ("họe", "hoẹ"),
        ("thúy", "thuý"),
        ("tùy", "tuỳ"),
        ("thủy", "thuỷ"),
        ("lũy", "luỹ"),
        ("ngụy", "nguỵ"),
        ("ủy", "uỷ"),
        ("HÒA", "HOÀ"),
        ("Thủy", "Thuỷ"),
        ("ỦY", "UỶ"),
    ];
    for (old, new) in pairs {
        assert_eq!(to_style(old, ToneStyle::New), new);
        assert_eq!(to_style(new, ToneStyle::Old), old);
        assert_eq!(to_style(old, ToneStyle::Keep), old);
        assert_eq!(to_style(new, ToneStyle::Keep), new);
    }
}

#[test]
fn same_in_both_styles() {
    for w in [
        "quà", "quả", "quá", "què", "quẻ", "quý", "quỳ", "quỹ", "quở", "già", "giá", "giả", "giữa", "giếng",
        "gì", "gìn", "gỉ", "hoàn", "hoạch", "khoét", "huỳnh", "huýt", "ngoài", "xoáy", "khuỷu", "mía", "múa",
        "mưa", "cửa", "biển", "yến", "muốn", "được", "rượu", "huệ", "thuở", "soóc", "QUÝ", "GIỮA", "NGOÀI",
    ] {
        assert_eq!(to_style(w, ToneStyle::Old), w, "{w}");
        assert_eq!(to_style(w, ToneStyle::New), w, "{w}");
        assert!(is_syllable(w), "{w}");
    }
}

#[test]
fn repairs_seen_in_real_text() {
    let opts = NormalizeOptions::default();
    for (bad, good) in [
        ("nứơc", "nước"),
        ("qủa", "quả"),
        ("gía", "giá"),
        ("baỏ", "bảo"),
        ("lựơng", "lượng"),
        ("nghịêm", "nghiệm"),
        ("tụê", "tuệ"),
        ("gịong", "giọng"),
        ("dàì", "dài"),
        ("gíá", "giá"),
        ("QỦA", "QUẢ"),
        ("Gía", "Giá"),
        ("NỨƠC", "NƯỚC"),
        ("đuợc", "được"),
        ("buớc", "bước"),
        ("nguời", "người"),
        ("thuơng", "thương"),
        ("đưọc", "được"),
        ("ĐUỢC", "ĐƯỢC"),
    ] {
        assert_eq!(normalize(bad, &opts), good, "{bad}");
        let sentence = format!("Mua {bad}, {bad}!");
        assert_eq!(normalize(&sentence, &opts), format!("Mua {good}, {good}!"));
    }
    // Different tones on two letters: ambiguous, left alone.
    assert_eq!(normalize("dàí", &opts), "dàí");
    // `uơ` is a rhyme of its own (thuở, huơ), and `qu` + `ơ` too.
    for w in ["thuở", "huơ", "quở", "Huơ"] {
        assert_eq!(normalize(w, &opts), w);
    }
}

#[test]
fn other_words_are_left_alone() {
    for style in [ToneStyle::Old, ToneStyle::New, ToneStyle::Keep] {
        for w in [
            "Toyota",
            "email",
            "Huawei",
            "iPhone",
            "COVID",
            "Ðakao",
            "Đắk Lắk",
            "Kon Tum",
            "H'Mông",
            "Pleiku",
            "café",
            "naïve",
            "Zoé",
            "Björk",
            "iOS",
            "Hòá-Bình",
            "coóá",
        ] {
            assert_eq!(to_style(w, style), w, "{w} {style:?}");
        }
    }
}
