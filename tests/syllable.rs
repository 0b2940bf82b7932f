//! The syllable parser: components, validity rules, rendering, and a check
//! against the syllables of a real corpus (read at run time when present).

use unicode_normalization::UnicodeNormalization;
use viet_text::syllable::{is_syllable, rhymes, Syllable, SyllableError, Tone};
use viet_text::ToneStyle;

fn parts(w: &str) -> (&'static str, Option<char>, &'static str, &'static str, Tone) {
    let s = Syllable::parse(w).unwrap_or_else(|e| panic!("{w}: {e}"));
    (s.onset(), s.medial(), s.nucleus(), s.coda(), s.tone())
}

#[test]
fn components() {
    use Tone::*;
    let table = [
        ("a", ("", None, "a", "", Ngang)),
        ("ăn", ("", None, "ă", "n", Ngang)),
        ("Nguyễn", ("ng", Some('u'), "yê", "n", Nga)),
        ("nghiêng", ("ngh", None, "iê", "ng", Ngang)),
        ("người", ("ng", None, "ươ", "i", Huyen)),
        ("hoàng", ("h", Some('o'), "a", "ng", Huyen)),
        ("khuỷu", ("kh", Some('u'), "y", "u", Hoi)),
        ("quốc", ("qu", Some('u'), "ô", "c", Sac)),
        ("quy", ("qu", Some('u'), "y", "", Ngang)),
        ("giữa", ("gi", None, "ưa", "", Nga)),
        ("gìn", ("g", None, "i", "n", Huyen)),
        ("GIẶT", ("gi", None, "ă", "t", Nang)),
        ("thuở", ("th", Some('u'), "ơ", "", Hoi)),
        ("chuyện", ("ch", Some('u'), "yê", "n", Nang)),
        ("yêu", ("", None, "yê", "u", Ngang)),
        ("ỉa", ("", None, "ia", "", Hoi)),
        ("mưa", ("m", None, "ưa", "", Ngang)),
        ("xoong", ("x", None, "oo", "ng", Ngang)),
        ("đặc", ("đ", None, "ă", "c", Nang)),
        ("kỹ", ("k", None, "y", "", Nga)),
        ("pin", ("p", None, "i", "n", Ngang)),
        ("Trường", ("tr", None, "ươ", "ng", Huyen)),
        ("phượng", ("ph", None, "ươ", "ng", Nang)),
    ];
    for (word, expected) in table {
        assert_eq!(parts(word), expected, "{word}");
    }
}

#[test]
fn invalid_words_and_why() {
    use SyllableError::*;
    let table = [
        ("", Empty),
        ("UBND", Rhyme),
        ("HĐND", NoVowel),
        ("x", NoVowel),
        ("Toyota", Rhyme),
        ("Rajadamnoen", TooLong),
        ("email", Rhyme),
        ("Huawei", Rhyme),
        ("iPhone", Rhyme),
        ("COVID", Rhyme),
        ("Đắk", Rhyme),
        ("Kon", Spelling),
        ("ci", Spelling),
        ("ghu", Spelling),
        ("ge", Spelling),
        ("ngi", Spelling),
        ("nghu", Spelling),
        ("iên", Spelling),
        ("tyên", Spelling),
        ("bàt", StopCodaTone),
        ("hỏc", StopCodaTone),
        ("mãp", StopCodaTone),
        ("lêch", StopCodaTone),
        ("dàì", ToneMarks),
        ("bl", NoVowel),
        ("bla", Onset),
        ("qa", Onset),
        ("fa", Onset),
        ("zô", Onset),
        ("ăi", Rhyme),
        ("ing", Rhyme),
        ("uong", Rhyme),
        ("2a", NotALetter),
        ("a-b", NotALetter),
        ("ö", NotALetter),
    ];
    assert!(
        is_syllable("ke") && is_syllable("kê") && is_syllable("ky"),
        "k before e, ê, y"
    );
    for (word, err) in table {
        assert_eq!(Syllable::parse(word), Err(err), "{word}");
        assert!(!is_syllable(word), "{word}");
        assert!(!err.to_string().is_empty());
    }
}

#[test]
fn letter_case_and_forms() {
    for w in ["Việt", "VIỆT", "việT", "ViỆt"] {
        assert!(is_syllable(w), "{w}");
        let s = Syllable::parse(w).unwrap();
        assert_eq!(s.render(ToneStyle::Keep), w, "case is kept letter by letter");
        assert_eq!(s.to_string(), w);
    }
    // Decomposed, composite (base + combining tone) and deprecated marks.
    for w in [
        "Vie\u{323}\u{302}t",
        "Vi\u{ea}\u{323}t",
        "Vie\u{302}\u{323}t",
        "to\u{341}t",
    ] {
        assert!(is_syllable(w), "{w:?}");
        let s = Syllable::parse(w).unwrap();
        assert_eq!(
            s.render(ToneStyle::Keep),
            w.nfc().collect::<String>().replace('\u{301}', "")
        );
    }
    assert_eq!(
        Syllable::parse("to\u{341}t").unwrap().render(ToneStyle::Keep),
        "tót"
    );
}

#[test]
fn rendering_in_both_styles_keeps_case() {
    let s = Syllable::parse("THÚY").unwrap();
    assert_eq!(s.render(ToneStyle::New), "THUÝ");
    assert_eq!(s.render(ToneStyle::Old), "THÚY");
    let s = Syllable::parse("kHOẺ").unwrap();
    assert_eq!(s.render(ToneStyle::Old), "kHỎE");
    assert!(Syllable::parse("qủa").is_ok_and(|s| !s.is_tone_well_placed()));
    assert_eq!(Syllable::parse("Gía").unwrap().render(ToneStyle::Old), "Giá");
}

#[test]
fn every_rhyme_of_the_inventory_is_a_syllable() {
    let mut n = 0;
    for (rhyme, after_qu) in rhymes() {
        let onsets: &[&str] = if after_qu {
            &["qu"]
        } else if rhyme.starts_with("yê") {
            &[""]
        } else if rhyme.starts_with("iê") {
            &["t", "ch"]
        } else {
            &["t", "", "ch", "l"]
        };
        let stop = ["c", "ch", "p", "t"].iter().any(|c| rhyme.ends_with(c));
        for onset in onsets {
            let plain = format!("{onset}{rhyme}");
            if stop {
                assert_eq!(
                    Syllable::parse(&plain),
                    Err(SyllableError::StopCodaTone),
                    "{plain}"
                );
            } else {
                let s = Syllable::parse(&plain).unwrap_or_else(|e| panic!("{plain}: {e}"));
                assert_eq!(s.tone(), Tone::Ngang);
                assert_eq!(s.render(ToneStyle::Old), plain);
                assert!(is_syllable(&plain.to_uppercase()), "{plain}");
                n += 1;
            }
        }
    }
    assert!(n > 300, "{n}");
}

/// Lower-case words of the treebank's segmented text, syllable by syllable.
#[test]
fn treebank_syllables_are_recognized() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/ud-vtb/dev.seg.txt");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping: {path} not found");
        return;
    };
    let mut total = 0usize;
    let mut rejected = std::collections::BTreeMap::<String, usize>::new();
    for token in text.split_whitespace().flat_map(|t| t.split('_')) {
        if token.is_empty()
            || !token.chars().all(char::is_alphabetic)
            || token.chars().any(char::is_uppercase)
        {
            continue;
        }
        total += 1;
        if !is_syllable(token) {
            *rejected.entry(token.to_string()).or_default() += 1;
        }
    }
    let bad: usize = rejected.values().sum();
    eprintln!("{total} lower-case syllables, {bad} rejected: {rejected:?}");
    assert!(total > 10_000);
    // What is rejected is loanwords, unit symbols and abbreviations (karaoke, km, ubnd).
    assert!(bad * 100 < total, "more than 1% rejected: {bad}/{total}");
    for w in ["karaoke", "km", "ubnd", "usd"] {
        assert!(!rejected.contains_key(w) || !is_syllable(w));
    }
}
