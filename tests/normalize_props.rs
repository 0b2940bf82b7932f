//! Property tests of normalization: idempotence, style round trips, offset
//! maps, and no panics on arbitrary or huge input.

use proptest::prelude::*;
use std::borrow::Cow;
use viet_text::normalize::{fold, fold_lower, nfc, normalize, normalize_with_map, to_style};
use viet_text::normalize::{NormalizeOptions, ToneStyle};
use viet_text::syllable::{is_syllable, Syllable};
use viet_text::Span;

const LETTERS: &str = "aăâeêioôơuưyđĐbcdghklmnpqrstvxAĂÂEÊIOÔƠUƯYGHNQT";
const TONED: &str =
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵÀÁẢÃẠÒÓỎÕỌÙÚỦŨỤỲÝỶỸỴỀẾỂỄỆƯỜỚỞỠỢ";
const MARKS: &str = "\u{300}\u{301}\u{302}\u{303}\u{306}\u{309}\u{31B}\u{323}\u{340}\u{341}\u{308}";
const OTHER: &str = "  \t\n\r\u{A0}\u{202F}\u{3000}\u{200B}\u{200D}\u{AD}\u{FEFF}“”‘’ðÐƉ.,-'\"1";

fn pick(set: &'static str) -> impl Strategy<Value = char> {
    let chars: Vec<char> = set.chars().collect();
    prop::sample::select(chars)
}

/// Text that looks like (broken) Vietnamese: letters, toned letters, lone
/// and stacked combining marks, odd spaces, quotes, and any char at all.
fn viet_text() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        4 => pick(LETTERS),
        3 => pick(TONED),
        2 => pick(MARKS),
        2 => pick(OTHER),
        1 => any::<char>(),
    ];
    prop::collection::vec(c, 0..48).prop_map(|v| v.into_iter().collect())
}

fn option_sets() -> Vec<NormalizeOptions> {
    let all = NormalizeOptions::default().with_cleanups();
    vec![
        NormalizeOptions::default(),
        NormalizeOptions::default().with_tone(ToneStyle::Old),
        NormalizeOptions::default().with_tone(ToneStyle::New),
        all,
        all.with_tone(ToneStyle::Old),
        NormalizeOptions {
            collapse_whitespace: true,
            ..Default::default()
        },
        NormalizeOptions {
            remove_zero_width: true,
            tone: ToneStyle::New,
            ..Default::default()
        },
    ]
}

/// Checks the map of `input` under `opts`: boundaries, monotonicity, ends,
/// and that every word of the output maps back to input that normalizes to it.
fn check_map(input: &str, opts: &NormalizeOptions) -> Result<(), TestCaseError> {
    let n = normalize_with_map(input, opts);
    let out = n.text.as_ref();
    let plain = normalize(input, opts);
    prop_assert_eq!(out, plain.as_ref());
    prop_assert_eq!(n.map.to_original(0).min(n.map.to_original_end(0)), 0);
    prop_assert_eq!(n.map.to_original(out.len()), input.len());
    let whole = n.map.span_to_original(Span::new(0, out.len()));
    prop_assert!(whole.start <= whole.end && whole.end <= input.len());
    // Whatever the whole output does not cover is deleted input (or white
    // space merged into a neighbouring space).
    let (head, tail) = (&input[..whole.start], &input[whole.end..]);
    let dropped = format!("{}{}", normalize(head, opts), normalize(tail, opts));
    prop_assert!(
        dropped.trim().is_empty(),
        "uncovered input {:?} / {:?}",
        head,
        tail
    );
    let (mut last_start, mut last_end) = (0, 0);
    for (pos, _) in out.char_indices().chain(std::iter::once((out.len(), ' '))) {
        let s = n.map.to_original(pos);
        let e = n.map.to_original_end(pos);
        prop_assert!(input.is_char_boundary(s), "start {} → {} not a boundary", pos, s);
        prop_assert!(input.is_char_boundary(e), "end {} → {} not a boundary", pos, e);
        prop_assert!(s >= last_start && e >= last_end, "not monotonic at {}", pos);
        prop_assert!(e <= s || n.map.to_original(pos) == s);
        last_start = s;
        last_end = e;
    }
    let mut pos = 0;
    for word in out.split(char::is_whitespace) {
        let span = Span::new(pos, pos + word.len());
        pos += word.len();
        pos += out[pos..].chars().next().map_or(0, char::len_utf8);
        if word.is_empty() {
            continue;
        }
        let back = n.map.span_to_original(span);
        let slice = &input[back.range()];
        let again = normalize(slice, opts);
        prop_assert_eq!(again.as_ref(), word, "slice {:?} of {:?}", slice, input);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn normalization_is_idempotent(text in viet_text()) {
        for opts in option_sets() {
            let once = normalize(&text, &opts);
            let twice = normalize(&once, &opts);
            prop_assert_eq!(&once, &twice, "{:?}", opts);
            prop_assert!(matches!(twice, Cow::Borrowed(_)), "a normalized text must come back borrowed");
            if let Cow::Owned(s) = &once {
                prop_assert_ne!(s, &text, "Owned only when something changed");
            }
        }
    }

    #[test]
    fn old_of_new_is_old_and_new_of_old_is_new(text in viet_text()) {
        let old = to_style(&text, ToneStyle::Old);
        let new = to_style(&text, ToneStyle::New);
        prop_assert_eq!(&to_style(&new, ToneStyle::Old), &old);
        prop_assert_eq!(&to_style(&old, ToneStyle::New), &new);
        let kept = to_style(&text, ToneStyle::Keep);
        prop_assert_eq!(&to_style(&kept, ToneStyle::Old), &old);
        // The styles differ only in where marks sit: folded, they agree.
        prop_assert_eq!(fold(&old), fold(&new));
    }

    #[test]
    fn offset_maps_are_exact(text in viet_text()) {
        for opts in option_sets() {
            check_map(&text, &opts)?;
        }
    }

    #[test]
    fn nothing_panics_on_arbitrary_strings(text in any::<String>()) {
        for opts in option_sets() {
            let n = normalize_with_map(&text, &opts);
            let _ = n.map.span_to_original(Span::new(0, n.text.len()));
            prop_assert_eq!(normalize(&n.text, &opts), n.text.clone());
        }
        let _ = (nfc(&text), fold(&text), fold_lower(&text), is_syllable(&text), Syllable::parse(&text));
        for word in text.split_whitespace() {
            prop_assert_eq!(is_syllable(word), Syllable::parse(word).is_ok());
        }
    }

    #[test]
    fn fold_leaves_no_vietnamese_marks(text in viet_text()) {
        let folded = fold(&text);
        for c in folded.chars() {
            prop_assert!(!TONED.contains(c) && !"ăâêôơưđĐ".contains(c), "{:?} left in {:?}", c, folded);
        }
        prop_assert_eq!(fold(&folded), folded.clone());
        prop_assert!(fold_lower(&text).chars().all(|c| !c.is_uppercase() || c.to_lowercase().next() == Some(c)));
    }
}

/// Pseudo-random but reproducible text of `len` bytes without line breaks.
fn megabyte_line(len: usize) -> String {
    let pieces = [
        "Hoà ",
        "thủy ",
        "qủa ",
        "nứơc ",
        "Vie\u{302}\u{323}t ",
        "a\u{301}\u{302}",
        "\u{300}\u{300}",
        "\u{200B}",
        "\u{A0}",
        "  ",
        "“Ðà”",
        "Toyota ",
        "ngoẻo ",
        "\u{323}",
        "x",
        "\t",
        "🙂",
        "e\u{341}",
    ];
    let mut out = String::with_capacity(len + 16);
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.push_str(pieces[(state % pieces.len() as u64) as usize]);
    }
    out
}

#[test]
fn megabyte_lines_do_not_panic_and_stay_consistent() {
    let inputs = [
        megabyte_line(1 << 20),
        // Degenerate lines (one endless word, marks only, spaces only).
        "\u{301}".repeat(1 << 16),
        "à".repeat(1 << 16),
        "oà".repeat(1 << 15),
        "a\u{301}\u{302}".repeat(1 << 14),
        " \u{A0}".repeat(1 << 15),
    ];
    for input in &inputs {
        for opts in [
            NormalizeOptions::default()
                .with_cleanups()
                .with_tone(ToneStyle::New),
            NormalizeOptions::default(),
        ] {
            let n = normalize_with_map(input, &opts);
            assert_eq!(normalize(&n.text, &opts), n.text, "idempotent on a long line");
            let out = n.text.as_ref();
            let mut last = 0;
            for (pos, _) in out.char_indices().step_by(97) {
                let s = n.map.to_original(pos);
                assert!(input.is_char_boundary(s) && s >= last);
                last = s;
            }
            assert_eq!(n.map.to_original(out.len()), input.len());
        }
        let _ = (
            fold_lower(input),
            to_style(input, ToneStyle::Old),
            is_syllable(input),
        );
    }
}
