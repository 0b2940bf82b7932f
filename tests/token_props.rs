//! Property tests for the tokenizer and the sentence splitter: spans are
//! exact, ordered and cover every non-white-space character, and nothing
//! panics on arbitrary input, lone combining marks or megabyte lines.

use proptest::prelude::*;
use viet_text::{sentences, tokenize, tokenize_into};

/// Checks the tokenizer's span invariants on `text`.
fn check_tokens(text: &str) {
    let mut covered = 0;
    for t in tokenize(text) {
        let (s, e) = (t.span.start, t.span.end);
        assert!(s < e, "empty token at {s}");
        assert!(s >= covered, "tokens overlap or go backwards at {s}");
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "span {s}..{e} off a char boundary"
        );
        assert_eq!(&text[s..e], t.text);
        // Only white space between tokens.
        assert!(
            text[covered..s].chars().all(char::is_whitespace),
            "non-space {:?} skipped before {s}",
            &text[covered..s]
        );
        covered = e;
    }
    assert!(
        text[covered..].chars().all(char::is_whitespace),
        "non-space left at the end"
    );
}

/// Checks the sentence splitter's span invariants on `text`.
fn check_sentences(text: &str) {
    let mut covered = 0;
    for s in sentences(text) {
        let (a, b) = (s.span.start, s.span.end);
        assert!(a < b, "empty sentence at {a}");
        assert!(a >= covered, "sentences overlap or go backwards at {a}");
        assert_eq!(text.get(a..b), Some(s.text));
        assert!(
            text[covered..a].chars().all(char::is_whitespace),
            "non-space between sentences before {a}"
        );
        assert!(!s.text.starts_with(char::is_whitespace) && !s.text.ends_with(char::is_whitespace));
        covered = b;
    }
    assert!(text[covered..].chars().all(char::is_whitespace));
}

/// Text made of the pieces the tokenizer cares about, so that the
/// interesting rules (chains, e-mails, dates, quotes, marks) fire often.
fn vietnamese_like() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "Hà",
        "Nội",
        "nước",
        "Việt",
        "Vie\u{0302}\u{0323}t",
        "\u{0301}",
        "\u{0323}",
        "TP",
        "HCM",
        "v",
        "Th",
        "S",
        "UBND",
        "GS",
        "TS",
        "1",
        "12",
        "2025",
        "500",
        "000",
        "5",
        ".",
        ",",
        "/",
        "-",
        "%",
        "@",
        "#",
        "&",
        "'",
        "’",
        "\"",
        "“",
        "”",
        "(",
        ")",
        "…",
        "...",
        "!",
        "?",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        "\u{00A0}",
        "\t",
        "https://",
        "www.",
        "vn",
        "com",
        "mail",
        "_",
        "+",
        "😀",
        "\u{200B}",
        "₫",
        "\r\n",
        "A",
        "Ư",
        "đ",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn token_spans_on_arbitrary_strings(text in any::<String>()) {
        check_tokens(&text);
    }

    #[test]
    fn token_spans_on_vietnamese_like_text(text in vietnamese_like()) {
        check_tokens(&text);
    }

    #[test]
    fn sentence_spans_on_arbitrary_strings(text in any::<String>()) {
        check_sentences(&text);
    }

    #[test]
    fn sentence_spans_on_vietnamese_like_text(text in vietnamese_like()) {
        check_sentences(&text);
    }

    #[test]
    fn lone_combining_marks_anywhere(
        text in prop::collection::vec(
            prop::sample::select(vec!['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}', '\u{0302}',
                '\u{0306}', '\u{031B}', '\u{20DD}', 'a', '.', ' ', '1', '/', '“']),
            0..40,
        ).prop_map(|v| v.into_iter().collect::<String>())
    ) {
        check_tokens(&text);
        check_sentences(&text);
    }

    /// `tokenize_into` appends exactly the iterator's tokens, line by line
    /// into one reused vector as extraction does.
    #[test]
    fn tokenize_into_gives_the_iterator_tokens(
        lines in prop::collection::vec(prop_oneof![vietnamese_like(), any::<String>()], 1..6)
    ) {
        let mut tokens = Vec::new();
        for line in &lines {
            tokens.clear();
            tokenize_into(line, &mut tokens);
            prop_assert_eq!(&tokens, &tokenize(line).collect::<Vec<_>>());
        }
    }

    #[test]
    fn tokenizing_a_concatenation_keeps_tokens_inside_parts(
        a in vietnamese_like(), b in vietnamese_like()
    ) {
        // A white-space boundary is always a token boundary.
        let text = format!("{a} {b}");
        let cut = a.len();
        for t in tokenize(&text) {
            prop_assert!(t.span.end <= cut || t.span.start > cut);
        }
    }
}

/// Megabyte lines of the shapes that make bounded look-aheads matter.
#[test]
fn megabyte_lines_do_not_panic() {
    let unit_lines = [
        "a.", "TP.", "a@", "1.", "1/", "1-", "“", "\u{0301}", "x", "9", "Hà", "www.a", "#", "'", "v.v.",
    ];
    for unit in unit_lines {
        let line = unit.repeat((1 << 20) / unit.len());
        check_tokens(&line);
        check_sentences(&line);
        let mut tokens = Vec::new();
        tokenize_into(&line, &mut tokens);
        assert_eq!(tokens.len(), tokenize(&line).count(), "{unit}");
    }
}
