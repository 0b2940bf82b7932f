use super::*;
use TokenKind::*;

fn kinds(s: &str) -> Vec<(&str, TokenKind)> {
    tokenize(s).map(|t| (t.text, t.kind)).collect()
}

fn texts(s: &str) -> Vec<&str> {
    tokenize(s).map(|t| t.text).collect()
}

fn sents(s: &str) -> Vec<&str> {
    sentences(s).map(|s| s.text).collect()
}

#[test]
fn syllables_in_every_case_and_form() {
    assert_eq!(kinds("phát"), [("phát", Syllable)]);
    assert_eq!(kinds("Nguyễn"), [("Nguyễn", Syllable)]);
    assert_eq!(kinds("đường"), [("đường", Syllable)]);
    assert_eq!(kinds("HÀ"), [("HÀ", Syllable)]);
    assert_eq!(kinds("Quốc"), [("Quốc", Syllable)]);
    // The syllable check is exact: a stop coda with the wrong tone is no syllable.
    assert_eq!(kinds("bàt"), [("bàt", Word)]);
}

#[test]
fn decomposed_letters_stay_in_word() {
    assert_eq!(
        kinds("Vie\u{0302}\u{0323}t Nam"),
        [("Vie\u{0302}\u{0323}t", Syllable), ("Nam", Syllable)]
    );
    assert_eq!(kinds("pha\u{0301}t"), [("pha\u{0301}t", Syllable)]);
    assert_eq!(
        kinds("NGU\u{031B}\u{0300}O\u{031B}I"),
        [("NGU\u{031B}\u{0300}O\u{031B}I", Syllable)]
    );
    // A composed letter followed by a combining tone (Windows-1258 style).
    assert_eq!(texts("vi\u{00EA}\u{0323}c làm"), ["vi\u{00EA}\u{0323}c", "làm"]);
}

#[test]
fn lone_combining_marks() {
    // At the start or after white space: a word of its own.
    assert_eq!(kinds("\u{0301}"), [("\u{0301}", Word)]);
    assert_eq!(texts("a \u{0323}\u{0301} b"), ["a", "\u{0323}\u{0301}", "b"]);
    // After punctuation or a symbol: kept with it.
    assert_eq!(kinds(".\u{0301}"), [(".\u{0301}", Punct)]);
    assert_eq!(kinds("(\u{0301}x"), [("(\u{0301}", Punct), ("x", Word)]);
    assert_eq!(kinds("$\u{0300}"), [("$\u{0300}", Symbol)]);
}

#[test]
fn other_words() {
    assert_eq!(kinds("Toyota"), [("Toyota", Word)]);
    assert_eq!(kinds("iPhone"), [("iPhone", Word)]);
    assert_eq!(kinds("H'Mông"), [("H'Mông", Word)]);
    assert_eq!(kinds("K’Ho"), [("K’Ho", Word)]);
    assert_eq!(kinds("20h10"), [("20h10", Word)]);
    assert_eq!(kinds("TTg"), [("TTg", Word)]);
    assert_eq!(kinds("S"), [("S", Word)]);
    assert_eq!(kinds("Иван"), [("Иван", Word)]);
    // Scripts without case are words, not abbreviations.
    assert_eq!(kinds("東京"), [("東京", Word)]);
    assert_eq!(kinds("ИВАН"), [("ИВАН", Abbreviation)]);
}

#[test]
fn vietnamese_numbers() {
    assert_eq!(kinds("1.500.000"), [("1.500.000", Number)]);
    assert_eq!(kinds("92,9"), [("92,9", Number)]);
    assert_eq!(kinds("1.500.000,5"), [("1.500.000,5", Number)]);
    assert_eq!(kinds("1,500.5"), [("1,500.5", Number)]);
    assert_eq!(kinds("2024"), [("2024", Number)]);
    assert_eq!(
        kinds("năm 2024."),
        [("năm", Syllable), ("2024", Number), (".", Punct)]
    );
    assert_eq!(kinds("3,"), [("3", Number), (",", Punct)]);
    assert_eq!(kinds("500kg"), [("500", Number), ("kg", Word)]);
    assert_eq!(kinds("1,5tỷ"), [("1,5", Number), ("tỷ", Syllable)]);
    assert_eq!(kinds("10k"), [("10", Number), ("k", Word)]);
    assert_eq!(kinds("5-7"), [("5", Number), ("-", Punct), ("7", Number)]);
    assert_eq!(
        kinds("2021-2025"),
        [("2021", Number), ("-", Punct), ("2025", Number)]
    );
}

#[test]
fn date_like() {
    for d in [
        "19/12/2025",
        "2025-12-19",
        "19-12-2025",
        "19.12.2025",
        "3/3/17",
        "12/2025",
        "9-2016",
    ] {
        assert_eq!(kinds(d), [(d, DateLike)], "{d}");
    }
    assert_eq!(kinds("tháng 9-2016"), [("tháng", Syllable), ("9-2016", DateLike)]);
    assert_eq!(
        kinds("ngày 1/4/2025,"),
        [("ngày", Syllable), ("1/4/2025", DateLike), (",", Punct)]
    );
    // Not dates: impossible day or month, a year range, a date glued to letters.
    assert_eq!(kinds("32/12/2025")[0].1, Ratio);
    assert_eq!(kinds("13-2025")[0], ("13", Number));
    assert_eq!(kinds("19/12/2025ab")[0].1, Ratio);
}

#[test]
fn ratios() {
    assert_eq!(kinds("104/104"), [("104/104", Ratio)]);
    assert_eq!(kinds("2/10"), [("2/10", Ratio)]);
    assert_eq!(kinds("1.000/2.000"), [("1.000/2.000", Ratio)]);
    assert_eq!(kinds("215/230 hộ"), [("215/230", Ratio), ("hộ", Syllable)]);
}

#[test]
fn percents() {
    assert_eq!(kinds("97%"), [("97%", Percent)]);
    assert_eq!(kinds("2,5%"), [("2,5%", Percent)]);
    assert_eq!(
        kinds("6,6%/năm"),
        [("6,6%", Percent), ("/", Punct), ("năm", Syllable)]
    );
    assert_eq!(kinds("5-7%"), [("5", Number), ("-", Punct), ("7%", Percent)]);
    assert_eq!(kinds("97 %"), [("97", Number), ("%", Punct)]);
}

#[test]
fn abbreviations_upper_case() {
    assert_eq!(kinds("UBND"), [("UBND", Abbreviation)]);
    assert_eq!(kinds("GD&TĐ"), [("GD&TĐ", Abbreviation)]);
    assert_eq!(kinds("R&D"), [("R&D", Abbreviation)]);
    assert_eq!(
        kinds("COVID-19"),
        [("COVID", Abbreviation), ("-", Punct), ("19", Number)]
    );
    assert_eq!(
        kinds("1722/QĐ-TTg"),
        [
            ("1722", Number),
            ("/", Punct),
            ("QĐ", Abbreviation),
            ("-", Punct),
            ("TTg", Word)
        ]
    );
    // Lower case after the '&' is no abbreviation.
    assert_eq!(texts("AB&cd"), ["AB", "&", "cd"]);
}

#[test]
fn abbreviations_with_dots() {
    assert_eq!(kinds("TP.HCM"), [("TP.HCM", Abbreviation)]);
    assert_eq!(kinds("TP.HCM."), [("TP.HCM", Abbreviation), (".", Punct)]);
    assert_eq!(kinds("TP. Huế"), [("TP.", Abbreviation), ("Huế", Syllable)]);
    assert_eq!(
        kinds("TP.Hà Nội"),
        [("TP.", Abbreviation), ("Hà", Syllable), ("Nội", Syllable)]
    );
    assert_eq!(kinds("PGS.TS. Lê"), [("PGS.TS.", Abbreviation), ("Lê", Syllable)]);
    assert_eq!(kinds("GS.TSKH."), [("GS.TSKH.", Abbreviation)]);
    assert_eq!(kinds("Th.S Lan"), [("Th.S", Abbreviation), ("Lan", Syllable)]);
    assert_eq!(kinds("Th.S. Lan")[0], ("Th.S.", Abbreviation));
    assert_eq!(kinds("ThS. Lan")[0], ("ThS.", Abbreviation));
    assert_eq!(kinds("v.v."), [("v.v.", Abbreviation)]);
    assert_eq!(kinds("v.v.,"), [("v.v.", Abbreviation), (",", Punct)]);
    assert_eq!(kinds("T.Ư"), [("T.Ư", Abbreviation)]);
    assert_eq!(kinds("Q.1"), [("Q.", Abbreviation), ("1", Number)]);
    // An initial joined to a name, a lower-case word after a dot, a missing space.
    assert_eq!(kinds("L.Chi"), [("L", Word), (".", Punct), ("Chi", Syllable)]);
    assert_eq!(texts("S.Hayakawa"), ["S", ".", "Hayakawa"]);
    assert_eq!(texts("xong.Tiếp"), ["xong", ".", "Tiếp"]);
    assert_eq!(texts("UBND.Tỉnh"), ["UBND", ".", "Tỉnh"]);
    assert_eq!(texts("PGS.TS.Nguyễn"), ["PGS.TS", ".", "Nguyễn"]);
    // Not a known final-dot form, and a chain cut by a digit.
    assert_eq!(texts("ABC."), ["ABC", "."]);
    assert_eq!(texts("QĐ-TTg."), ["QĐ", "-", "TTg", "."]);
}

#[test]
fn punctuation() {
    assert_eq!(
        kinds("a, b; c: d… e... f!?"),
        [
            ("a", Syllable),
            (",", Punct),
            ("b", Word),
            (";", Punct),
            ("c", Word),
            (":", Punct),
            ("d", Word),
            ("…", Punct),
            ("e", Syllable),
            ("...", Punct),
            ("f", Word),
            ("!", Punct),
            ("?", Punct),
        ]
    );
    assert_eq!(kinds("–—•"), [("–", Punct), ("—", Punct), ("•", Punct)]);
    assert_eq!(kinds("(x)"), [("(", Punct), ("x", Word), (")", Punct)]);
}

#[test]
fn quotes() {
    assert_eq!(
        kinds("“Xanh”"),
        [("“", OpenQuote), ("Xanh", Syllable), ("”", CloseQuote)]
    );
    assert_eq!(
        kinds("«a»"),
        [("«", OpenQuote), ("a", Syllable), ("»", CloseQuote)]
    );
    assert_eq!(
        kinds("\"a\""),
        [("\"", OpenQuote), ("a", Syllable), ("\"", CloseQuote)]
    );
    assert_eq!(kinds("nói: \"a.\" Xong")[2], ("\"", OpenQuote));
    assert_eq!(kinds("nói: \"a.\" Xong")[5], ("\"", CloseQuote));
    assert_eq!(kinds("('a')")[1], ("'", OpenQuote));
    assert_eq!(kinds("('a')")[3], ("'", CloseQuote));
}

#[test]
fn symbols() {
    for s in ["$", "₫", "+", "°", "=", "€", "😀", "©"] {
        assert_eq!(kinds(s), [(s, Symbol)], "{s}");
    }
    assert_eq!(kinds("30°C"), [("30", Number), ("°", Symbol), ("C", Word)]);
}

#[test]
fn urls() {
    assert_eq!(
        kinds("xem https://vnexpress.net/a-b.html."),
        [
            ("xem", Syllable),
            ("https://vnexpress.net/a-b.html", Url),
            (".", Punct)
        ]
    );
    assert_eq!(
        kinds("(www.gov.vn)"),
        [("(", Punct), ("www.gov.vn", Url), (")", Punct)]
    );
    assert_eq!(kinds("HTTP://A.VN/x?y=1&z=2"), [("HTTP://A.VN/x?y=1&z=2", Url)]);
    assert_eq!(kinds("“http://a.vn”")[1], ("http://a.vn", Url));
    assert_eq!(kinds("vnexpress.net."), [("vnexpress.net", Url), (".", Punct)]);
    assert_eq!(kinds("baochinhphu.vn/tin-moi"), [("baochinhphu.vn/tin-moi", Url)]);
    assert_eq!(kinds("VnExpress.net"), [("VnExpress.net", Url)]);
    // No scheme and no known domain: words.
    assert_eq!(texts("http:"), ["http", ":"]);
    assert_eq!(texts("www"), ["www"]);
    // The scheme's word is of 4 or 5 letters before `:`, `www` of 3 before `.`.
    assert_eq!(kinds("WwW.gov.vn.")[0], ("WwW.gov.vn", Url));
    assert_eq!(kinds("Https://a.vn")[0], ("Https://a.vn", Url));
    assert_eq!(texts("htt://a"), ["htt", ":", "/", "/", "a"]);
    assert_eq!(texts("wwww.x"), ["wwww", ".", "x"]);
    assert_eq!(texts("abc.xyz"), ["abc", ".", "xyz"]);
    assert_eq!(texts("a.VN"), ["a", ".", "VN"]);
}

#[test]
fn emails() {
    assert_eq!(kinds("ten.ho@mail.vn"), [("ten.ho@mail.vn", Email)]);
    assert_eq!(
        kinds("a_b+c@x.com.vn."),
        [("a_b+c@x.com.vn", Email), (".", Punct)]
    );
    assert_eq!(kinds("123abc@mail.vn"), [("123abc@mail.vn", Email)]);
    assert_eq!(kinds("(lienhe@so.gov.vn)")[1], ("lienhe@so.gov.vn", Email));
    assert_eq!(kinds("“ho@x.vn”")[1], ("ho@x.vn", Email));
    // No dot in the domain, or a dot at the edge of the local part.
    assert_eq!(texts("a@b"), ["a", "@", "b"]);
    assert_eq!(texts("a.@b.vn")[0], "a");
}

#[test]
fn hashtags_and_mentions() {
    assert_eq!(kinds("#DuLịch"), [("#DuLịch", Hashtag)]);
    assert_eq!(kinds("@ten_ho"), [("@ten_ho", Mention)]);
    assert_eq!(kinds("C#"), [("C", Word), ("#", Symbol)]);
    assert_eq!(kinds("#1"), [("#", Symbol), ("1", Number)]);
    assert_eq!(kinds("# a"), [("#", Symbol), ("a", Syllable)]);
}

#[test]
fn white_space_of_every_kind_separates() {
    let t = texts("a\u{00A0}b\u{202F}c\u{3000}d\te\r\nf\u{2028}g");
    assert_eq!(t, ["a", "b", "c", "d", "e", "f", "g"]);
    // Zero-width characters are not white space: they are tokens.
    assert_eq!(texts("a\u{200B}b"), ["a", "\u{200B}", "b"]);
}

#[test]
fn adjacent_tokens_touch() {
    let t: Vec<_> = tokenize("1722/QĐ-TTg").collect();
    for w in t.windows(2) {
        assert_eq!(w[0].span.end, w[1].span.start);
    }
}

#[test]
fn spans_index_the_input() {
    let text = "  Ông A.  nói: “Giá 1.500.000 đồng/kg”.\n";
    for t in tokenize(text) {
        assert_eq!(&text[t.span.range()], t.text);
    }
}

#[test]
fn long_inputs_without_space_do_not_blow_up() {
    let chain = "a.".repeat(10_000);
    let n = tokenize(&chain).count();
    assert!(n > 10, "{n}");
    let at = "a@".repeat(10_000);
    assert!(tokenize(&at).count() > 10);
}

// ---- sentences ----

#[test]
fn sentence_breaks_at_terminals() {
    assert_eq!(
        sents("Trời mưa. Đường trơn! Ai đi? Không…"),
        ["Trời mưa.", "Đường trơn!", "Ai đi?", "Không…"]
    );
    assert_eq!(sents("Thật sao?! Ừ."), ["Thật sao?!", "Ừ."]);
    assert_eq!(sents("Chờ... Rồi đi."), ["Chờ...", "Rồi đi."]);
}

#[test]
fn sentence_needs_a_sentence_start_after_the_terminal() {
    assert_eq!(sents("Hết. tiếp theo"), ["Hết. tiếp theo"]);
    assert_eq!(sents("Năm đó. 2024 là mốc."), ["Năm đó.", "2024 là mốc."]);
    assert_eq!(sents("Xong.Tiếp"), ["Xong.Tiếp"]);
}

#[test]
fn sentence_no_break_at_abbreviations() {
    assert_eq!(sents("Ông đến TP. Huế hôm qua."), ["Ông đến TP. Huế hôm qua."]);
    assert_eq!(sents("Gặp TS. Lan và ThS. Minh."), ["Gặp TS. Lan và ThS. Minh."]);
    assert_eq!(sents("Chị là Th.S Ngọc."), ["Chị là Th.S Ngọc."]);
    assert_eq!(sents("Do PGS.TS. Hùng chủ trì."), ["Do PGS.TS. Hùng chủ trì."]);
    assert_eq!(
        sents("Mua gạo, muối v.v. về nhà."),
        ["Mua gạo, muối v.v. về nhà."]
    );
    assert_eq!(sents("Ở TP.HCM. Sau đó về."), ["Ở TP.HCM.", "Sau đó về."]);
}

#[test]
fn sentence_enumeration_end_may_close_a_sentence() {
    assert_eq!(
        sents("Mua gạo, muối v.v. Sau đó về."),
        ["Mua gạo, muối v.v.", "Sau đó về."]
    );
}

#[test]
fn sentence_no_break_in_numbers_and_dates() {
    assert_eq!(
        sents("Giá 9,5 triệu. Tăng 1.500.000 đồng."),
        ["Giá 9,5 triệu.", "Tăng 1.500.000 đồng."]
    );
    assert_eq!(sents("Từ 19.12.2025 áp dụng."), ["Từ 19.12.2025 áp dụng."]);
}

#[test]
fn sentence_no_break_after_initials() {
    assert_eq!(
        sents("Nhà văn S. Hayakawa viết sách."),
        ["Nhà văn S. Hayakawa viết sách."]
    );
    assert_eq!(
        sents("Ông Nguyễn V. A. Bình đến."),
        ["Ông Nguyễn V. A. Bình đến."]
    );
}

#[test]
fn sentence_no_break_after_list_labels() {
    assert_eq!(sents("1. Mở đầu\n2. Nội dung"), ["1. Mở đầu", "2. Nội dung"]);
    assert_eq!(sents("II. Kết quả đạt được."), ["II. Kết quả đạt được."]);
    assert_eq!(sents("Điều 5. Quy định chung."), ["Điều 5.", "Quy định chung."]);
}

#[test]
fn sentence_no_break_inside_quotes_and_brackets() {
    assert_eq!(
        sents("Anh nói: “Tôi đi. Anh về.” Rồi im."),
        ["Anh nói: “Tôi đi. Anh về.”", "Rồi im."]
    );
    assert_eq!(
        sents("Họ (đã rõ. Chưa xong) đi. Hết."),
        ["Họ (đã rõ. Chưa xong) đi.", "Hết."]
    );
    assert_eq!(sents("Nói \"Đi. Về.\" Rồi."), ["Nói \"Đi. Về.\"", "Rồi."]);
    // A closing quote after the terminal stays with the sentence.
    assert_eq!(sents("“Đi đi.” Rồi."), ["“Đi đi.”", "Rồi."]);
    assert_eq!(sents("“Đi đi.”, anh nói."), ["“Đi đi.”, anh nói."]);
}

#[test]
fn sentence_unclosed_quote_is_bounded() {
    let mut text = String::from("Anh nói “Đi.");
    for _ in 0..200 {
        text.push_str(" Câu tiếp theo.");
    }
    let n = sentences(&text).count();
    assert!(n > 100, "{n} sentences");
    // A paragraph break always ends a sentence, even inside a quote.
    assert_eq!(sents("Anh nói “Đi.\n\nHết"), ["Anh nói “Đi.", "Hết"]);
    // So does a line break after a terminal.
    assert_eq!(sents("Anh nói “Đi.\nHết"), ["Anh nói “Đi.", "Hết"]);
}

#[test]
fn sentence_breaks_at_paragraphs_and_lines() {
    assert_eq!(sents("Tiêu đề\n\nNội dung bài"), ["Tiêu đề", "Nội dung bài"]);
    assert_eq!(sents("Tiêu đề\r\n\r\nNội dung"), ["Tiêu đề", "Nội dung"]);
    assert_eq!(sents("Tiêu đề \n \t \nNội dung"), ["Tiêu đề", "Nội dung"]);
    assert_eq!(sents("Một dòng.\nHai dòng."), ["Một dòng.", "Hai dòng."]);
    assert_eq!(
        sents("Hà Nội, ngày 12/3/2025\nTỉnh ta"),
        ["Hà Nội, ngày 12/3/2025", "Tỉnh ta"]
    );
    // A line that continues the previous one.
    assert_eq!(sents("câu còn\ntiếp tục."), ["câu còn\ntiếp tục."]);
    assert_eq!(sents("gồm Hà Nam,\nHà Nội."), ["gồm Hà Nam,\nHà Nội."]);
    assert_eq!(sents("gồm:\n- Hà Nội\n- Huế"), ["gồm:", "- Hà Nội", "- Huế"]);
    assert_eq!(sents("Về tên miền\n.vn và .com"), ["Về tên miền", ".vn và .com"]);
    // A terminal mark before the line break always ends the sentence.
    assert_eq!(sents("Hết.\nrồi"), ["Hết.", "rồi"]);
}

#[test]
fn sentence_spans_index_the_input() {
    let text = "  Một. \n\n Hai?  ";
    let s: Vec<_> = sentences(text).collect();
    assert_eq!(s.len(), 2);
    for x in &s {
        assert_eq!(&text[x.span.range()], x.text);
    }
    assert_eq!(s[0].span, Span::new(2, 8));
    assert!(sentences("").next().is_none());
    assert!(sentences(" \n\t ").next().is_none());
}

/// The fast path (byte-table word runs, memoized word kinds) against the
/// general path (one decoded char at a time, every word classified afresh):
/// same tokens, same kinds, in every mode.
mod fast_path_agrees_with_general_path {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str) {
        let fast: Vec<Token<'_>> = tokenize(text).collect();
        let general: Vec<Token<'_>> = tokenize(text).general().collect();
        assert_eq!(fast, general, "{text:?}");
        // `tokenize_into` appends the same tokens after what is there.
        let first = Token {
            text: "x",
            span: crate::Span::new(0, 1),
            kind: TokenKind::Word,
        };
        let mut into = vec![first];
        super::super::tokenize_into(text, &mut into);
        assert_eq!(into.first(), Some(&first), "{text:?}");
        assert_eq!(into.get(1..), Some(&general[..]), "{text:?}");
        // `tokenize_annotated` gives the same tokens and, for every token,
        // the annotation of the tag asked for, with two tags (and the plain
        // look-ups above) sharing the memo's slots.
        for tag in [7u16, 9, 7, 9] {
            let mut tokens = vec![first];
            let mut anns = vec![u32::MAX];
            let mut calls = 0usize;
            let clean = super::super::tokenize_annotated(
                text,
                &mut tokens,
                &mut anns,
                tag,
                &[0; 128],
                &mut |w: &str, k| {
                    calls += 1;
                    annotation_with_kind(w, k, tag)
                },
            );
            // "Clean" promises that normalization leaves the text.
            if clean {
                let n = crate::normalize_with_map(text, &crate::NormalizeOptions::default());
                assert!(n.map.is_identity() && n.text == text, "{text:?}");
            }
            assert_eq!(tokens.get(1..), Some(&general[..]), "{text:?}");
            assert_eq!(anns.len(), tokens.len(), "{text:?}");
            assert_eq!(anns.first(), Some(&u32::MAX), "{text:?}");
            let mut prev_end = 0;
            for (t, &a) in general.iter().zip(anns.iter().skip(1)) {
                // A plain word (a syllable after one space or none, before
                // a space or the end) has its annotation; other tokens may
                // have 0.
                let gap = text.get(prev_end..t.span.start).unwrap_or("?");
                prev_end = t.span.end;
                let plain = t.kind == TokenKind::Syllable
                    && t.text.len() <= 15
                    && (gap.is_empty() || gap == " ")
                    && matches!(text.as_bytes().get(t.span.end), None | Some(b' '));
                if a != 0 || plain {
                    assert_eq!(a, annotation_of(t.text, tag), "{text:?} {t:?} {tag}");
                }
            }
            assert!(calls <= general.len(), "{text:?}");
        }
        let fast: Vec<Token<'_>> = tokenize(text).without_syllables().collect();
        let general: Vec<Token<'_>> = tokenize(text).without_syllables().general().collect();
        assert_eq!(fast, general, "{text:?}");
        let fast: Vec<Token<'_>> = tokenize(text).boundaries_only().collect();
        let general: Vec<Token<'_>> = tokenize(text).boundaries_only().general().collect();
        assert_eq!(fast, general, "{text:?}");
    }

    /// A test annotation: depends on the word's bytes and the tag, never 0.
    fn annotation_of(w: &str, tag: u16) -> u32 {
        1 | w.bytes().fold(0x811c_9dc5u32 ^ u32::from(tag), |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        })
    }

    /// [`annotation_of`] for `annotate(word, kind)`, checking that the kind
    /// handed over is the word's.
    fn annotation_with_kind(w: &str, kind: TokenKind, tag: u16) -> u32 {
        assert_eq!(kind, super::super::scan::classify_word(w, false), "{w:?}");
        annotation_of(w, tag)
    }

    #[test]
    fn without_the_memo_table_every_annotation_is_zero() {
        // The loop's fallback when the thread's memo is gone: the same
        // tokens, appended after what is there, each with annotation 0.
        let text = "Hà Nội, 12/3/2025: UBND tỉnh đón 1.500 khách www.abc.vn ạ";
        let first = Token {
            text: "x",
            span: crate::Span::new(0, 1),
            kind: TokenKind::Word,
        };
        let (mut tokens, mut anns) = (vec![first], vec![5u32]);
        let mut calls = 0;
        tokenize(text).push_all_annotated(None, &mut tokens, &mut anns, 3, &[1; 128], &mut |_: &str, _| {
            calls += 1;
            1
        });
        let expected: Vec<Token<'_>> = tokenize(text).general().collect();
        assert_eq!(tokens.get(1..), Some(&expected[..]));
        assert_eq!(anns.len(), tokens.len());
        assert_eq!(anns.first(), Some(&5));
        assert!(anns.iter().skip(1).all(|&a| a == 0));
        assert_eq!(calls, 0);
    }

    #[test]
    fn plain_words_carry_their_annotations() {
        let text = "Hà Nội và Huế đón khách UBND tỉnh Toyota";
        let words: Vec<&str> = text.split(' ').collect();
        for tag in [3u16, 4, 3] {
            let (mut tokens, mut anns) = (Vec::new(), Vec::new());
            super::super::tokenize_annotated(
                text,
                &mut tokens,
                &mut anns,
                tag,
                &[0; 128],
                &mut |w: &str, k| annotation_with_kind(w, k, tag),
            );
            let texts: Vec<&str> = tokens.iter().map(|t| t.text).collect();
            assert_eq!(texts, words);
            let expected: Vec<u32> = words.iter().map(|w| annotation_of(w, tag)).collect();
            assert_eq!(anns, expected, "{tag}");
        }
    }

    /// Letters, marks and bytes near the edges of the fast path's tables:
    /// Vietnamese letters composed and decomposed, × and ÷ (C3 lead byte,
    /// not letters), U+0370–U+037F (CD lead byte, some not letters), other
    /// E1 chars (Georgian, Ethiopic, Greek Extended, Khmer punctuation), a
    /// lone mark, digits, and everything that ends or joins a word.
    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "a", "B", "z", "Z", "0", "9", "ng", "tr", "ươ", "ườ", "Nguyễn", "Đ", "đ", "ă", "â", "ê", "ô",
            "ơ", "ư", "ạ", "ả", "ấ", "ầ", "ẩ", "ẫ", "ậ", "ỹ", "Ỹ", "ỵ", "À", "Ý", "ý", "ÿ", "×", "÷", "Ø",
            "ß", "ɐ", "ʯ", "ʰ", "˚", "\u{0300}", "\u{0301}", "\u{0323}", "\u{036F}", "\u{0370}", "\u{0374}",
            "\u{0375}", "\u{037E}", "\u{037F}", "Ά", "α", "ა", "ሀ", "\u{17D4}", "ᾀ", "\u{1FBD}", "Ḁ",
            "\u{1E9E}", "東", "😀", "—", "…", "’", "'", " ", " ", " ", "\n", ".", ",", "-", "@", "_", "&",
            "/", "%", "www.", "http://", "vn", "UBND", "TP.", "HCM", "Hà", "v", "S",
            // What normalization changes (misplaced or doubled marks, one
            // horn of two, a decomposed letter, the quads that NFC maps to
            // spaces, Ohm, a compatibility ideograph) or may join across
            // tokens (a spacing mark, Hangul jamo), and old-style tones.
            "sọan", "hõang", "qủa", "gìa", "uơ", "ưo", "hoà", "hòa", "thuỷ", "e\u{301}", "\u{2000}",
            "\u{2001}", "\u{2126}", "\u{F900}", "\u{0903}", "\u{1100}", "\u{1161}", "\u{11A8}", "“", "”",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        #[test]
        fn on_vietnamese_like_text(text in pieces()) {
            check(&text);
        }

        #[test]
        fn on_arbitrary_strings(text in any::<String>()) {
            check(&text);
        }

        #[test]
        fn on_arbitrary_chars_between_letters(cs in prop::collection::vec(any::<char>(), 0..12)) {
            let mut text = String::new();
            for c in cs {
                text.push_str("ườ");
                text.push(c);
            }
            check(&text);
            // And each char alone at the very end of the text (no byte after it).
            check(text.trim_end_matches('ờ'));
        }
    }

    #[test]
    fn on_every_char_of_the_first_planes_inside_and_at_the_end_of_a_word() {
        let mut text = String::new();
        for cp in (0x80..0x3000).chain(0x1E00..0x2000) {
            let Some(c) = char::from_u32(cp) else { continue };
            text.clear();
            text.push_str("Việt");
            text.push(c);
            text.push_str("nam ");
            text.push(c);
            text.push('a');
            text.push(c);
            check(&text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Longer texts: words and runs without spaces cross the 64-byte
        /// windows of the word-byte masks at every offset.
        #[test]
        fn on_long_vietnamese_like_text(parts in prop::collection::vec(pieces(), 1..12)) {
            check(&parts.concat());
        }
    }

    /// Every char of interest, inside a word, at every offset around the
    /// first three 64-byte windows, after white space or after other words.
    #[test]
    fn on_every_char_at_every_offset_of_the_windows() {
        let chars = [
            'a', 'Z', '0', 'ạ', 'Ỹ', 'đ', 'Đ', 'à', '×', '÷', 'ÿ', 'ɐ', '\u{0300}', '\u{0323}', '\u{036F}',
            '\u{0370}', '\u{0375}', 'Ά', 'α', 'ა', 'ሀ', 'ᾀ', '\u{1E9E}', '東', '😀', '—', '’', '.', '-', '@',
            '&', ' ', '\u{A0}', '\n',
        ];
        for prefix in [" ", "ab", "ạ "] {
            for offset in 0..200 {
                for c in chars {
                    let lead = prefix.repeat(offset / prefix.len());
                    let text = format!("{lead}Việt{c}nam tiếng{c}");
                    check(&text);
                }
            }
        }
    }

    /// Every char of the Latin, combining, Greek, Cyrillic and Latin
    /// Extended Additional blocks inside a long word, at the bytes 62–68 of
    /// its first window (the last bytes of the mask and the first of the next).
    #[test]
    fn on_every_char_at_the_window_edge() {
        for lead in 56..63 {
            let prefix = "a".repeat(lead);
            for cp in (0x80..0x800).chain(0x1E00..0x2000) {
                let Some(c) = char::from_u32(cp) else { continue };
                check(&format!("{prefix}Việt{c}nam và những từ sau nó"));
            }
        }
    }

    /// Very long words (many windows each), ended by a word char the masks
    /// do not know, by one that is not a word char, and by the text end.
    #[test]
    fn on_very_long_runs() {
        for n in [63, 64, 65, 127, 128, 129, 1000, 5000] {
            let run = "ạ".repeat(n / 3) + &"b".repeat(n % 3 + n / 2);
            for end in ["", "α", "×", " x", "\u{0301}", ".vn"] {
                check(&format!("{run}{end}"));
                check(&format!(" {run}{end}{run}"));
            }
        }
        check("");
        check(" ");
    }

    /// Every length from 0 to 300 bytes of a few mixed texts (every cut
    /// on a char boundary), so that the text ends at every offset of the
    /// first windows: the short tails classified byte by byte (up to 16
    /// bytes), the padded ones (17 to 79), and the memo keys of the last
    /// words (the last 16 bytes of the text, or fewer).
    #[test]
    fn on_every_length_up_to_300() {
        let texts = [
            "Hà Nội, 19/12/2025: giá 1.500.000 đồng (tăng 2,5%) tại TP.HCM; UBND và Toyota ở www.vnexpress.net.",
            "Người ta nói rằng những điều tưởng như nhỏ bé lại giữ cả một đời người, như tiếng chuông chiều.",
            "ab1 Việt×nam Đắk\u{0301}Lắk e-mail ten@mien.vn H'Mông GD&TĐ …“trích dẫn” #tag @ten 20h10 ÿα東😀",
        ];
        for text in texts {
            let long = text.repeat(4);
            for (len, _) in long
                .char_indices()
                .chain([(long.len(), ' ')])
                .take_while(|&(i, _)| i <= 300)
            {
                let cut = &long[..len];
                check(cut);
                // And the same cut after a prefix, so that it starts
                // elsewhere in a window.
                check(&format!("xyz {cut}"));
            }
        }
    }

    #[test]
    fn on_words_seen_again_after_the_memo_filled() {
        // More distinct words than the memo holds, each seen twice.
        let mut text = String::new();
        for i in 0..40_000u32 {
            let w = ["ba", "Cô", "NGƯỜI", "xy", "Hà"][(i % 5) as usize];
            text.push_str(&format!("{w}{} {w} ", i / 5));
        }
        check(&text);
    }
}

#[test]
fn token_kind_all_lists_every_kind_at_its_index() {
    for (i, k) in TokenKind::ALL.iter().enumerate() {
        assert_eq!(*k as usize, i, "{k:?}");
    }
    // This match stops compiling when a kind is added to the enum: list
    // it in `ALL` too.
    let listed = |k: TokenKind| match k {
        Syllable | Word | Number | DateLike | Ratio | Percent | Abbreviation | Punct | OpenQuote
        | CloseQuote | Symbol | Url | Email | Hashtag | Mention => TokenKind::ALL.contains(&k),
    };
    assert!(TokenKind::ALL.iter().all(|&k| listed(k)));
}

/// What [`tokenize_annotated`](super::tokenize_annotated) answers on
/// normalization: "leaves the text" for clean text of every kind of token,
/// "may not" as soon as one token, one gap or one junction may change.
mod normalization_verdict {

    fn verdict(text: &str) -> bool {
        let (mut tokens, mut anns) = (Vec::new(), Vec::new());
        // Twice: the first pass fills the memo, the second answers from it.
        let first =
            super::super::tokenize_annotated(text, &mut tokens, &mut anns, 5, &[0; 128], &mut |_, _| 1);
        tokens.clear();
        anns.clear();
        let second =
            super::super::tokenize_annotated(text, &mut tokens, &mut anns, 5, &[0; 128], &mut |_, _| 1);
        assert_eq!(first, second, "{text:?}");
        let unchanged = crate::normalize_with_map(text, &crate::NormalizeOptions::default())
            .map
            .is_identity();
        assert!(!first || unchanged, "{text:?}");
        first
    }

    #[test]
    fn clean_text_is_known_clean() {
        for text in [
            "",
            " ",
            "Thanh Hóa và Thanh Hoá, thủy lợi và thuỷ lợi.",
            "UBND tỉnh (Quảng Ninh) chi 92,9 triệu đồng – “Đồng hành” … 12/3/2025!",
            "Ông Nguyễn Văn A: www.abc.vn, a@b.vn, H'Mông, GD&ĐT, TP.HCM.\n\nHai dòng  cách\t nhau ",
            "Café Zürich, naïve, Ørsted, Ελλάδα, 東京 và Москва",
            "\u{A0}Hà\u{A0}Nội\u{3000}",
        ] {
            assert!(verdict(text), "{text:?}");
        }
    }

    #[test]
    fn text_that_may_change_is_not() {
        for text in [
            "soạn thảo và sọan thảo",
            "Tie\u{0302}\u{0301}ng Vie\u{0323}\u{0302}t",
            "hai\u{2000}từ",
            "1\u{2126}",
            "chữ \u{F900}",
            "Hà Nội\u{0301}",
            "\u{0301}a",
        ] {
            assert!(!verdict(text), "{text:?}");
        }
    }

    #[test]
    fn word_chars_that_meet_across_tokens_are_seen() {
        // (Greek letters do not run on in a word token, but normalization
        // counts them as word chars.)
        assert!(super::super::word_chars_meet("Việtα", "Việt".len()));
        assert!(super::super::word_chars_meet("aα", 1));
        assert!(!super::super::word_chars_meet("Việt.", "Việt".len()));
        assert!(!super::super::word_chars_meet("Việt α", "Việt ".len()));
        assert!(!super::super::word_chars_meet("α", 0));
        assert!(!super::super::word_chars_meet("α", "α".len()));
        // (Whatever the tokens, the verdict stays sound.)
        for text in [
            "Việtα",
            "ọaα",
            "αọa",
            "hòa\u{0903}",
            "\u{1100}\u{1161}",
            "Hà\u{1161}",
        ] {
            verdict(text);
        }
    }
}
