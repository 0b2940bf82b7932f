//! Word segmentation: invariances, user words, robustness, training
//! determinism and the word-level scores on the UD Vietnamese-VTB dev split.

use proptest::prelude::*;
use viet_text::word::training::{evaluate, train, TrainOptions};
use viet_text::word::{Word, WordSegmenter};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data");

/// Syllables per word: the shape of a segmentation, independent of spelling.
fn shape(words: &[Word<'_>]) -> Vec<usize> {
    words.iter().map(|w| w.text.split_whitespace().count()).collect()
}

fn read_shared(path: &str) -> Option<String> {
    let full = format!("{SHARED}/{path}");
    match std::fs::read_to_string(&full) {
        Ok(s) => Some(s),
        Err(_) => {
            eprintln!("skipping: {full} is absent");
            None
        }
    }
}

#[test]
fn builtin_model_file_loads() {
    let bytes = include_bytes!("../data/word-model.bin");
    assert!(bytes.len() < 4 << 20, "model should stay a few MB at most");
    assert!(WordSegmenter::from_model_bytes(bytes).is_ok());
}

#[test]
fn common_compounds_are_joined() {
    let seg = WordSegmenter::new();
    assert_eq!(
        seg.segment_to_underscored("Chính phủ họp với doanh nghiệp ."),
        "Chính_phủ họp với doanh_nghiệp ."
    );
}

#[test]
fn tone_placement_does_not_change_the_result() {
    let seg = WordSegmenter::new();
    let pairs = [
        (
            "Hai bên cùng hòa giải để giữ hòa bình lâu dài",
            "Hai bên cùng hoà giải để giữ hoà bình lâu dài",
        ),
        (
            "Anh ấy khỏe mạnh sau kỳ nghỉ ở Thủy Nguyên",
            "Anh ấy khoẻ mạnh sau kỳ nghỉ ở Thuỷ Nguyên",
        ),
        (
            "Công ty thủy điện tuyển thêm kỹ sư",
            "Công ty thuỷ điện tuyển thêm kỹ sư",
        ),
    ];
    for (old, new) in pairs {
        assert_eq!(
            shape(&seg.segment(old)),
            shape(&seg.segment(new)),
            "{old} / {new}"
        );
    }
    // Decomposed input (NFD) segments like the composed one.
    let composed = "Người dân địa phương đã ủng hộ dự án";
    let decomposed: String = unicode_normalization::UnicodeNormalization::nfd(composed).collect();
    assert_eq!(shape(&seg.segment(composed)), shape(&seg.segment(&decomposed)));
}

#[test]
fn all_capitals_segment_like_title_case() {
    let seg = WordSegmenter::new();
    let title = "Ủy Ban Nhân Dân Thành Phố Đà Nẵng Thông Báo";
    assert_eq!(
        shape(&seg.segment(title)),
        shape(&seg.segment(&title.to_uppercase()))
    );
}

#[test]
fn ignore_case_makes_every_letter_case_alike() {
    let seg = WordSegmenter::builder().ignore_case(true).build();
    for text in [
        "Ông Trần Văn Nam làm việc tại Sở Giáo dục Đà Nẵng",
        "Hòa Bình và hòa bình",
        "Công ty Cổ phần Sữa Việt Nam",
    ] {
        let lower = shape(&seg.segment(&text.to_lowercase()));
        assert_eq!(shape(&seg.segment(text)), lower, "{text}");
        assert_eq!(shape(&seg.segment(&text.to_uppercase())), lower, "{text}");
    }
}

#[test]
fn numbers_and_punctuation_are_words_of_their_own() {
    let seg = WordSegmenter::new();
    let text = "Năm 2025, giá gạo tăng 5% (từ 12.000 đồng).";
    let words = seg.segment(text);
    for w in &words {
        assert_eq!(&text[w.span.range()], w.text);
    }
    for lone in ["2025", ",", "5%", "(", "12.000", ")", "."] {
        assert!(
            words.iter().any(|w| w.text == lone),
            "{lone} should be a word: {words:?}"
        );
    }
    let out = seg.segment_to_underscored(text);
    assert!(out.starts_with("Năm 2025 , "), "{out}");
    assert!(out.ends_with(" ) ."), "{out}");
}

#[test]
fn user_words_are_kept_whole_in_any_spelling() {
    let plain = WordSegmenter::new();
    let seg = WordSegmenter::builder()
        .word("trí tuệ nhân tạo")
        .words(["thủy canh"])
        .build();
    let text = "Nông trại dùng trí tuệ nhân tạo cho rau thuỷ canh";
    let out = seg.segment_to_underscored(text);
    assert!(out.contains("trí_tuệ_nhân_tạo"), "{out}");
    assert!(out.contains("thuỷ_canh"), "{out}");
    assert!(seg
        .segment_to_underscored("TRÍ TUỆ NHÂN TẠO")
        .contains("TRÍ_TUỆ_NHÂN_TẠO"));
    // A user word wins over the model, even for two function words.
    let odd_pair = "Hôm nay là một ngày đẹp";
    assert!(!plain.segment_to_underscored(odd_pair).contains("là_một"));
    let forced = WordSegmenter::builder().word("là một").build();
    assert!(forced.segment_to_underscored(odd_pair).contains(" là_một "));
    // One-syllable entries and entries with numbers are ignored, not fatal.
    let odd = WordSegmenter::builder().words(["nhà", "năm 2025", ""]).build();
    assert_eq!(
        shape(&odd.segment("nhà năm 2025")),
        shape(&plain.segment("nhà năm 2025"))
    );
}

#[test]
fn long_lines_and_odd_input_are_handled() {
    let seg = WordSegmenter::new();
    let long: String = "doanh nghiệp nhà nước ".repeat(5_000);
    let words = seg.segment(&long);
    assert!(words.len() >= 5_000 && words.len() <= 20_000);
    let no_spaces = "ạ".repeat(50_000);
    assert_eq!(seg.segment(&no_spaces).len(), 1);
    for odd in [
        "\u{0301}",
        " \u{0323}\u{0301} ",
        "_",
        "__ _",
        "\t\n",
        "Ð",
        "1.",
        "H.",
        "q.1",
    ] {
        let _ = seg.segment_to_underscored(odd);
    }
}

#[test]
fn line_breaks_never_join_words() {
    let seg = WordSegmenter::new();
    let out = seg.segment_to_underscored("doanh\nnghiệp");
    assert_eq!(out, "doanh\nnghiệp");
}

/// Gold sentences written for this test (not from any corpus).
const OWN_GOLD: &str = "Các học_sinh đi tham_quan bảo_tàng .\n\
Giáo_viên hướng_dẫn học_sinh làm bài_tập .\n\
Nhà_máy mới tuyển thêm công_nhân .\n\
Học_sinh và giáo_viên cùng trồng cây .\n";

#[test]
fn training_is_deterministic() {
    let opts = TrainOptions {
        epochs: 4,
        hash_bits: 14,
        ..TrainOptions::default()
    };
    let a = train(OWN_GOLD, Some("học sinh đi học\nnhà máy chạy\n"), &opts);
    let b = train(OWN_GOLD, Some("học sinh đi học\nnhà máy chạy\n"), &opts);
    assert_eq!(a, b);
    let seg = WordSegmenter::from_model_bytes(&a).expect("trained model loads");
    assert_eq!(seg.segment_to_underscored("học sinh"), "học_sinh");
    // On a slice of the real training data too, when present.
    if let Some(gold) = read_shared("ud-vtb/train.seg.txt") {
        let slice: String = gold.lines().take(300).map(|l| format!("{l}\n")).collect();
        let wiki = read_shared("bench/viwiki.txt").map(|w| w.chars().take(100_000).collect::<String>());
        let x = train(&slice, wiki.as_deref(), &opts);
        let y = train(&slice, wiki.as_deref(), &opts);
        assert_eq!(x, y, "same data, same seed: same model bytes");
        let other_seed = train(
            &slice,
            wiki.as_deref(),
            &TrainOptions {
                seed: 7,
                ..opts.clone()
            },
        );
        assert_ne!(x, other_seed, "the seed must matter (the shuffle order changes)");
    }
}

#[test]
fn dev_split_scores() {
    let Some(dev) = read_shared("ud-vtb/dev.seg.txt") else {
        return;
    };
    let s = evaluate(&WordSegmenter::new(), &dev);
    println!(
        "UD-VTB dev: precision {:.4} recall {:.4} F1 {:.4} ({} gold words, {} predicted, {} correct)",
        s.precision(),
        s.recall(),
        s.f1(),
        s.gold,
        s.predicted,
        s.correct
    );
    assert_eq!(s.gold, 26162);
    assert!(s.f1() >= 0.92, "F1 {:.4}", s.f1());
    assert!(s.precision() >= 0.912 && s.recall() >= 0.927);
}

#[test]
fn underscored_output_lines_up_with_the_treebank() {
    let Some(text) = read_shared("ud-vtb/dev.txt") else {
        return;
    };
    let seg = WordSegmenter::new();
    let mut differing = 0;
    for line in text.lines() {
        let out = seg.segment_to_underscored(line);
        assert!(!out.contains('\n'));
        if out.replace('_', " ") != line {
            differing += 1;
        }
    }
    // The treebank text is already split into tokens; only a handful of
    // its tokens (such as `);` or a name cut after an apostrophe) differ.
    assert!(differing <= 5, "{differing} lines do not line up");
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_exact(text in "\\PC{0,60}") {
        let seg = WordSegmenter::new();
        let words = seg.segment(&text);
        let mut last = 0;
        for w in &words {
            prop_assert!(w.span.start >= last && w.span.end > w.span.start);
            prop_assert_eq!(text.get(w.span.range()), Some(w.text));
            last = w.span.end;
        }
        // Every non-space character is in exactly one word.
        let joined: String = words.iter().flat_map(|w| w.text.chars()).filter(|c| !c.is_whitespace()).collect();
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(joined, expected);
        let _ = seg.segment_to_underscored(&text);
    }

    #[test]
    fn vietnamese_like_input(words in proptest::collection::vec("(nhà|máy|Hà|Nội|hoà|hòa|bình|,|\\.|2025|\\-|H\\.|đi|học) ?", 0..30)) {
        let text: String = words.concat();
        let seg = WordSegmenter::new();
        let out = seg.segment_to_underscored(&text);
        // Only the separators change: spaces become `_` inside words, and
        // punctuation gets a space of its own.
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '_').collect::<String>();
        prop_assert_eq!(squeeze(&out), squeeze(&text));
        prop_assert!(!out.contains("__") && !out.contains("  "));
    }
}
