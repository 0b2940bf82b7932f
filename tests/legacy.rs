//! Round trips over every letter of every table, sample sentences in each
//! encoding (bytes derived from the orthography tables by a separate script,
//! and Python's cp1258 codec), VIQR escapes, mojibake repair, and property
//! tests that no decoder panics.

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use viet_text::legacy::{
    decode, decode_lossy, encode, encode_lossy, repair_mojibake, DecodeError, EncodeError, Encoding,
};

/// The 67 lower-case non-ASCII Vietnamese letters (orthography.md §1.1).
const LOWER: &str = "áàảãạăắằẳẵặâấầẩẫậéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵđ";

fn lower() -> Vec<char> {
    LOWER.chars().collect()
}

fn upper() -> Vec<char> {
    LOWER.chars().flat_map(char::to_uppercase).collect()
}

fn all_letters() -> Vec<char> {
    let mut v = lower();
    v.extend(upper());
    v
}

fn has_tone(c: char) -> bool {
    c.to_string()
        .nfd()
        .any(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
}

#[test]
fn letter_inventory_is_complete() {
    assert_eq!(lower().len(), 67);
    assert_eq!(upper().len(), 67);
    let mut all = all_letters();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), 134);
}

#[test]
fn every_letter_round_trips_in_every_full_encoding() {
    for enc in [Encoding::Vni, Encoding::Cp1258, Encoding::Viqr, Encoding::Utf8] {
        for c in all_letters() {
            // VIQR reads `dd` as đ only at the start of a word (so that
            // English `add` survives): a đ inside a word cannot round-trip.
            let inside = if enc == Encoding::Viqr && (c == 'đ' || c == 'Đ') {
                format!("x {c}y")
            } else {
                format!("x{c}y")
            };
            for text in [c.to_string(), format!("{inside} {c}. {c}")] {
                let bytes = encode(&text, enc).unwrap_or_else(|e| panic!("{enc} {c}: {e}"));
                let back = decode(&bytes, enc).unwrap_or_else(|e| panic!("{enc} {c}: {e}"));
                assert_eq!(back, text, "{enc}: {c} → {bytes:02X?}");
            }
        }
    }
}

#[test]
fn tcvn3_round_trips_its_75_characters_and_rejects_toned_capitals() {
    let mut ok = 0;
    for c in all_letters() {
        let toned_capital = c.is_uppercase() && has_tone(c);
        match encode(&c.to_string(), Encoding::Tcvn3) {
            Ok(bytes) => {
                assert!(!toned_capital, "{c} should have no VN3 byte");
                assert_eq!(bytes.len(), 1);
                assert_eq!(decode(&bytes, Encoding::Tcvn3).unwrap(), c.to_string());
                ok += 1;
            }
            Err(EncodeError::Unmappable { ch, offset }) => {
                assert!(toned_capital, "{c} must be encodable");
                assert_eq!((ch, offset), (c, 0));
                // Lossy: the lower-case byte, as VN3 files hold it.
                let lossy = encode_lossy(&c.to_string(), Encoding::Tcvn3);
                let lower: String = c.to_lowercase().collect();
                assert_eq!(decode(&lossy, Encoding::Tcvn3).unwrap(), lower);
            }
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(ok, 67 + 7, "67 lower-case letters and Ă Â Ê Ô Ơ Ư Đ");
}

#[test]
fn tcvn3_capitals_round_trip_every_capital() {
    for c in upper() {
        let bytes = encode(&c.to_string(), Encoding::Tcvn3Capitals).unwrap();
        assert_eq!(bytes.len(), 1, "{c}");
        assert_eq!(decode(&bytes, Encoding::Tcvn3Capitals).unwrap(), c.to_string());
    }
    assert_eq!(
        decode(b"tr\xAD\xEAng h\xE4c m\xEDi", Encoding::Tcvn3Capitals).unwrap(),
        "TRƯỜNG HỌC MỚI"
    );
}

#[test]
fn single_byte_tables_round_trip_from_bytes() {
    // TCVN3: every byte that VN3 defines (ASCII, CP1252 punctuation, 0xA0–0xFE).
    let mut tcvn3 = 0;
    for b in 0u8..=255 {
        let Ok(text) = decode(&[b], Encoding::Tcvn3) else {
            assert!(matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D), "{b:02X}");
            continue;
        };
        match encode(&text, Encoding::Tcvn3) {
            Ok(back) => {
                assert_eq!(back, [b], "{b:02X} {text}");
                tcvn3 += 1;
            }
            // VN2 characters in VN3 holes are read but never written.
            Err(_) => assert!(b >= 0xAF, "{b:02X} {text}"),
        }
    }
    assert_eq!(tcvn3, 128 + 27 + 75);
    // Windows-1258: every defined byte, combining tone bytes included.
    let mut cp1258 = 0;
    for b in 0u8..=255 {
        let Ok(text) = decode(&[b], Encoding::Cp1258) else {
            continue;
        };
        assert_eq!(encode(&text, Encoding::Cp1258).unwrap(), [b], "{b:02X}");
        cp1258 += 1;
    }
    assert_eq!(cp1258, 256 - 9);
}

#[test]
fn vni_and_viqr_round_trip_from_their_spellings() {
    for c in all_letters() {
        for enc in [Encoding::Vni, Encoding::Viqr] {
            let bytes = encode(&c.to_string(), enc).unwrap();
            let text = decode(&bytes, enc).unwrap();
            assert_eq!(encode(&text, enc).unwrap(), bytes, "{enc} {c}");
        }
    }
}

#[test]
fn cp1258_writes_composite_forms_and_reads_them_back_as_nfc() {
    // ệ has no byte: ê + combining dot below.
    assert_eq!(encode("ệ", Encoding::Cp1258).unwrap(), [0xEA, 0xF2]);
    // é has one: the precomposed byte is preferred.
    assert_eq!(encode("é", Encoding::Cp1258).unwrap(), [0xE9]);
    // Both spellings of é decode to the same NFC letter.
    assert_eq!(decode(&[0x65, 0xEC], Encoding::Cp1258).unwrap(), "é");
    // NFD input is accepted.
    assert_eq!(encode("e\u{323}\u{302}", Encoding::Cp1258).unwrap(), [0xEA, 0xF2]);
}

const SENTENCE: &str = "Chiều nay, các em học sinh ở Đà Nẵng được nghỉ sớm vì trời mưa to.";
const SENTENCE_CAPS: &str = "Ủy ban nhân dân xã đã họp để bàn kế hoạch trồng rừng năm tới.";

#[test]
fn sample_sentences_decode_in_each_encoding() {
    let tcvn3 = b"Chi\xD2u nay, c\xB8c em h\xE4c sinh \xEB \xA7\xB5 N\xBDng \xAE\xAD\xEEc ngh\xD8 s\xEDm v\xD7 tr\xEAi m\xADa to.";
    let vni = b"Chie\xE0u nay, ca\xF9c em ho\xEFc sinh \xF4\xFB \xD1a\xF8 Na\xFCng \xF1\xF6\xF4\xEFc ngh\xE6 s\xF4\xF9m v\xEC tr\xF4\xF8i m\xF6a to.";
    let vni_caps = b"U\xDBy ban nha\xE2n da\xE2n xa\xF5 \xF1a\xF5 ho\xEFp \xF1e\xE5 ba\xF8n ke\xE1 hoa\xEFch tro\xE0ng r\xF6\xF8ng na\xEAm t\xF4\xF9i.";
    let cp1258 = b"Chi\xEA\xCCu nay, c\xE1c em ho\xF2c sinh \xF5\xD2 \xD0\xE0 N\xE3\xDEng \xF0\xFD\xF5\xF2c nghi\xD2 s\xF5\xECm vi\xCC tr\xF5\xCCi m\xFDa to.";
    let cp1258_caps = b"U\xD2y ban nh\xE2n d\xE2n xa\xDE \xF0a\xDE ho\xF2p \xF0\xEA\xD2 b\xE0n k\xEA\xEC hoa\xF2ch tr\xF4\xCCng r\xFD\xCCng n\xE3m t\xF5\xECi.";
    let viqr = b"Chie^`u nay, ca'c em ho.c sinh o+? DDa` Na(~ng ddu+o+.c nghi? so+'m vi` tro+`i mu+a to\\.";
    assert_eq!(decode(tcvn3, Encoding::Tcvn3).unwrap(), SENTENCE);
    assert_eq!(decode(vni, Encoding::Vni).unwrap(), SENTENCE);
    assert_eq!(decode(vni_caps, Encoding::Vni).unwrap(), SENTENCE_CAPS);
    assert_eq!(decode(cp1258, Encoding::Cp1258).unwrap(), SENTENCE);
    assert_eq!(decode(cp1258_caps, Encoding::Cp1258).unwrap(), SENTENCE_CAPS);
    assert_eq!(decode(viqr, Encoding::Viqr).unwrap(), SENTENCE);
    assert_eq!(decode(SENTENCE.as_bytes(), Encoding::Utf8).unwrap(), SENTENCE);
    // And the encoders reproduce the same bytes (CP1258 prefers precomposed
    // bytes, so its encoding of the composite form differs only there).
    assert_eq!(encode(SENTENCE, Encoding::Tcvn3).unwrap(), tcvn3);
    assert_eq!(encode(SENTENCE, Encoding::Vni).unwrap(), vni);
    assert_eq!(encode(SENTENCE_CAPS, Encoding::Vni).unwrap(), vni_caps);
    let back = encode(SENTENCE, Encoding::Cp1258).unwrap();
    assert_eq!(decode(&back, Encoding::Cp1258).unwrap(), SENTENCE);
}

#[test]
fn viqr_escapes_and_smart_rules() {
    // Escaped marks stay literal.
    assert_eq!(
        decode(br"Ho^m nay tro+`i dde.p\. Ba.n co' ddi kho^ng\?", Encoding::Viqr).unwrap(),
        "Hôm nay trời đẹp. Bạn có đi không?"
    );
    // A word that already has a tone takes a following mark as punctuation.
    assert_eq!(decode(b"Ha` No^.i.", Encoding::Viqr).unwrap(), "Hà Nội.");
    // Without a tone the mark combines: that is what the escape is for.
    assert_eq!(decode(b"Ha.", Encoding::Viqr).unwrap(), "Hạ");
    assert_eq!(decode(br"Ha\.", Encoding::Viqr).unwrap(), "Ha.");
    // A mark that does not fit the letter is literal (`A+`, `i^`).
    assert_eq!(decode(b"A+ i^", Encoding::Viqr).unwrap(), "A+ i^");
    // dd only starts a word; `\\` is a literal backslash.
    assert_eq!(decode(b"ddi add", Encoding::Viqr).unwrap(), "đi add");
    assert_eq!(decode(br"C:\\dir", Encoding::Viqr).unwrap(), r"C:\dir");
    assert_eq!(decode(br"C:\dir", Encoding::Viqr).unwrap(), r"C:\dir");
    // `*` is accepted for the horn, UK style.
    assert_eq!(decode(b"u*o*'c", Encoding::Viqr).unwrap(), "ước");
    // The encoder escapes whatever the decoder would otherwise combine.
    let tricky = r"Hà Nội. Is it so? a.m. ddos C:\'x' Dd dD \\";
    let bytes = encode(tricky, Encoding::Viqr).unwrap();
    assert!(bytes.is_ascii());
    assert_eq!(decode(&bytes, Encoding::Viqr).unwrap(), tricky);
}

#[test]
fn invalid_bytes_report_their_offset() {
    assert_eq!(
        decode(b"abc\x81", Encoding::Tcvn3),
        Err(DecodeError::InvalidByte { offset: 3 })
    );
    assert_eq!(
        decode(b"a\x90", Encoding::Vni),
        Err(DecodeError::InvalidByte { offset: 1 })
    );
    assert_eq!(
        decode(b"xy\x8E", Encoding::Cp1258),
        Err(DecodeError::InvalidByte { offset: 2 })
    );
    assert_eq!(
        decode(b"ok\xC3", Encoding::Viqr),
        Err(DecodeError::InvalidByte { offset: 2 })
    );
    assert_eq!(decode_lossy(b"a\x90b", Encoding::Vni), "a\u{FFFD}b");
    assert_eq!(
        encode("chữ Hán 漢", Encoding::Vni),
        Err(EncodeError::Unmappable {
            ch: '漢', offset: 11
        })
    );
}

#[test]
fn mojibake_is_repaired() {
    let cases = [
        // UTF-8 read as Windows-1252.
        ("Viá»‡t Nam", "Việt Nam"),
        ("NgÆ°á»\u{9d}i dÃ¢n Ä‘Æ°á»£c há»— trá»£", "Người dân được hỗ trợ"),
        ("vÃ  tá»‰nh", "và tỉnh"),
        // TCVN3 read as Windows-1252 (with the soft hyphen for ư).
        ("Ng\u{AD}êi d©n ®\u{AD}îc hç trî", "Người dân được hỗ trợ"),
        // VNI read as Windows-1252.
        ("Ngöôøi daân ñöôïc hoã trôï", "Người dân được hỗ trợ"),
        // Windows-1258 read as Windows-1252.
        ("Ngýõ\u{cc}i dân ðýõòc hôÞ trõò", "Người dân được hỗ trợ"),
    ];
    for (broken, want) in cases {
        assert_eq!(repair_mojibake(broken), want, "{broken}");
    }
}

#[test]
fn correct_text_is_left_alone() {
    for text in [
        SENTENCE,
        SENTENCE_CAPS,
        "Hôm nay trời đẹp, chúng tôi đi dạo quanh hồ.",
        "The café in Zürich serves crème brûlée — naïve but good.",
        "Grüße aus Köln, schöne Straße, Bären und Äpfel.",
        "Ça coûte 5 € à l'hôtel, déjà réservé.",
        "Où est la gare ? À côté de l'église, là-bas, très près. Voilà, ça y est.",
        "Schöne Grüße, Jürgen Müller aus München; Öl, Äther, Übung.",
        "São Paulo, coração, açúcar, você, avô, irmã, maçã.",
        "Señor Muñoz, año, niño, ¿qué tal? ¡Olé!",
        "Ærø, Ålesund, Øresund, smørrebrød.",
        "plain ASCII only",
        "",
    ] {
        assert!(
            matches!(repair_mojibake(text), std::borrow::Cow::Borrowed(_)),
            "changed: {text} → {}",
            repair_mojibake(text)
        );
    }
}

#[test]
fn megabyte_inputs_stay_linear_and_safe() {
    let line = "Ã»‡".repeat(300_000);
    assert!(!repair_mojibake(&line).is_empty());
    let bytes = vec![0xB5u8; 1 << 20];
    assert_eq!(decode(&bytes, Encoding::Tcvn3).unwrap().chars().count(), 1 << 20);
    let _ = viet_text::legacy::detect(&bytes);
    let viqr = "a' ".repeat(500_000);
    assert_eq!(
        decode(viqr.as_bytes(), Encoding::Viqr).unwrap().chars().count(),
        1_000_000
    );
}

#[test]
fn encoding_names_round_trip() {
    for enc in Encoding::ALL {
        assert_eq!(Encoding::from_name(enc.name()), Some(enc));
    }
}

proptest! {
    #[test]
    fn decoders_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        for enc in Encoding::ALL {
            let lossy = decode_lossy(&bytes, enc);
            if let Ok(text) = decode(&bytes, enc) {
                prop_assert_eq!(text, lossy);
            }
        }
        let _ = viet_text::legacy::detect(&bytes);
        let as_text = String::from_utf8_lossy(&bytes);
        let _ = repair_mojibake(&as_text);
    }

    #[test]
    fn repair_never_panics_and_is_idempotent_on_clean_text(text in "\\PC{0,60}") {
        let once = repair_mojibake(&text).into_owned();
        let _ = repair_mojibake(&once);
        let _ = viet_text::legacy::detect(text.as_bytes());
    }

    #[test]
    fn byte_encodings_round_trip_whatever_they_accept(text in "\\PC{0,40}") {
        for enc in [Encoding::Tcvn3, Encoding::Vni, Encoding::Cp1258, Encoding::Utf8] {
            if let Ok(bytes) = encode(&text, enc) {
                let nfc: String = text.nfc().collect();
                prop_assert_eq!(decode(&bytes, enc).unwrap(), nfc);
            }
            let _ = encode_lossy(&text, enc);
        }
    }

    #[test]
    fn viqr_round_trips_ascii_and_one_toned_letter_per_word(
        parts in proptest::collection::vec(
            prop_oneof![
                "[a-zA-Z0-9 .,?!'`~^(+*\\\\dD-]{1,4}",
                proptest::sample::select(LOWER.chars().chain(LOWER.chars().flat_map(char::to_uppercase)).collect::<Vec<_>>())
                    .prop_map(|c| format!(" {c} ")),
            ],
            0..12,
        )
    ) {
        let text: String = parts.concat();
        let bytes = encode(&text, Encoding::Viqr).unwrap();
        prop_assert!(bytes.is_ascii());
        prop_assert_eq!(decode(&bytes, Encoding::Viqr).unwrap(), text);
    }
}

/// Windows-1252 view of bytes (0x81 0x8D 0x8F 0x90 0x9D as C1 controls).
fn as_cp1252(bytes: &[u8]) -> String {
    const HIGH: &str = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ";
    let high: Vec<char> = HIGH.chars().collect();
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => high.get(usize::from(b - 0x80)).copied().unwrap_or('?'),
            _ => char::from(b),
        })
        .collect()
}

/// orthography.md §4.5: the same words in each encoding, seen as CP1252.
#[test]
fn encoders_match_the_telling_apart_table() {
    let rows = [
        ("và", "vµ", "vaø", "và", "vÃ\u{A0}"),
        ("của", "cña", "cuûa", "cuÒa", "cá»§a"),
        ("không", "kh«ng", "khoâng", "không", "khÃ´ng"),
        ("được", "®\u{AD}îc", "ñöôïc", "ðýõòc", "Ä‘Æ°á»£c"),
        ("những", "nh÷ng", "nhöõng", "nhýÞng", "nhá»¯ng"),
        ("một", "mét", "moät", "môòt", "má»™t"),
        ("đã", "®·", "ñaõ", "ðaÞ", "Ä‘Ã£"),
        ("với", "víi", "vôùi", "võìi", "vá»›i"),
        ("Việt Nam", "ViÖt Nam", "Vieät Nam", "Viêòt Nam", "Viá»‡t Nam"),
        ("Hà Nội", "Hµ Néi", "Haø Noäi", "Hà Nôòi", "HÃ\u{A0} Ná»™i"),
        ("đồng", "®ång", "ñoàng", "ðôÌng", "Ä‘á»“ng"),
        ("năm", "n¨m", "naêm", "nãm", "nÄƒm"),
        ("tỉnh", "tØnh", "tænh", "tiÒnh", "tá»‰nh"),
        (
            "Ủy ban nhân dân",
            "ñy ban nh©n d©n",
            "UÛy ban nhaân daân",
            "UÒy ban nhân dân",
            "á»¦y ban nhÃ¢n dÃ¢n",
        ),
    ];
    // Each column joined into one phrase is repaired back to the words.
    let words: Vec<&str> = rows.iter().map(|r| r.0).collect();
    let phrase = words.join(", ");
    for (i, column) in [
        rows.iter().map(|r| r.1).collect::<Vec<_>>(),
        rows.iter().map(|r| r.2).collect(),
        rows.iter().map(|r| r.3).collect(),
        rows.iter().map(|r| r.4).collect(),
    ]
    .iter()
    .enumerate()
    {
        let want = if i == 0 {
            phrase.replace('Ủ', "ủ")
        } else {
            phrase.clone()
        };
        assert_eq!(repair_mojibake(&column.join(", ")), want, "column {i}");
    }
    for (word, tcvn3, vni, cp1258, utf8) in rows {
        assert_eq!(as_cp1252(&encode_lossy(word, Encoding::Tcvn3)), tcvn3, "{word}");
        assert_eq!(as_cp1252(&encode(word, Encoding::Vni).unwrap()), vni, "{word}");
        // Precomposed byte where CP1258 has one, base + combining tone otherwise.
        assert_eq!(
            as_cp1252(&encode(word, Encoding::Cp1258).unwrap()),
            cp1258,
            "{word}"
        );
        assert_eq!(as_cp1252(word.as_bytes()), utf8, "{word}");
    }
}
