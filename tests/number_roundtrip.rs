//! Property tests: every Vietnamese number we write, in digits or spelled
//! out, reads back to the same exact value.

use proptest::prelude::*;
use viet_text::{parse_number, Decimal};

/// `1234567` → `1.234.567` (Vietnamese thousands separator).
fn group_digits(mut n: u128, sep: char) -> String {
    let mut groups = Vec::new();
    loop {
        groups.push(n % 1000);
        n /= 1000;
        if n == 0 {
            break;
        }
    }
    let mut out = groups.pop().unwrap_or(0).to_string();
    while let Some(g) = groups.pop() {
        out.push(sep);
        out.push_str(&format!("{g:03}"));
    }
    out
}

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// One group below 1000. `full` writes the hundreds even when zero
/// (`không trăm linh năm`), as inside a larger number.
fn spell_group(n: u32, full: bool, variant: bool) -> String {
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    let mut words: Vec<&str> = Vec::new();
    if h > 0 || full {
        words.push(DIGITS[h as usize]);
        words.push("trăm");
    }
    match (t, u) {
        (0, 0) => {}
        (0, u) if h > 0 || full => {
            words.push(if variant { "lẻ" } else { "linh" });
            words.push(DIGITS[u as usize]);
        }
        (0, u) => words.push(DIGITS[u as usize]),
        (1, u) => {
            words.push("mười");
            match u {
                0 => {}
                5 => words.push("lăm"),
                u => words.push(DIGITS[u as usize]),
            }
        }
        (t, u) => {
            words.push(DIGITS[t as usize]);
            words.push("mươi");
            match u {
                0 => {}
                1 => words.push("mốt"),
                4 if variant => words.push("tư"),
                5 => words.push("lăm"),
                u => words.push(DIGITS[u as usize]),
            }
        }
    }
    words.join(" ")
}

/// Spells `n` (below 10^15) out in words: `bảy trăm hai mươi mốt nghìn không trăm mười hai`.
fn spell(n: u64, variant: bool) -> String {
    if n == 0 {
        return "không".into();
    }
    let billions = n / 1_000_000_000;
    let rest = n % 1_000_000_000;
    let mut parts: Vec<String> = Vec::new();
    if billions > 0 {
        parts.push(format!("{} tỷ", spell(billions, variant)));
    }
    let scales = [(1_000_000u64, "triệu"), (1_000, "nghìn"), (1, "")];
    let mut higher = billions > 0;
    for (size, word) in scales {
        let g = (rest / size % 1000) as u32;
        if g == 0 {
            continue;
        }
        let mut s = spell_group(g, higher, variant);
        if !word.is_empty() {
            s.push(' ');
            s.push_str(word);
        }
        parts.push(s);
        higher = true;
    }
    parts.join(" ")
}

/// `1200000000` → `1 tỷ 200 triệu` (digits and scale words).
fn digits_with_scales(n: u64) -> String {
    let mut parts = Vec::new();
    for (size, word) in [(1_000_000_000u64, "tỷ"), (1_000_000, "triệu"), (1_000, "nghìn")] {
        let g = if size == 1_000_000_000 {
            n / size
        } else {
            n / size % 1000
        };
        if g > 0 {
            parts.push(format!("{} {word}", group_digits(g.into(), '.')));
        }
    }
    if n % 1000 > 0 || parts.is_empty() {
        parts.push((n % 1000).to_string());
    }
    parts.join(" ")
}

proptest! {
    #[test]
    fn grouped_integers_read_back(n in 0u128..10u128.pow(27)) {
        prop_assert_eq!(parse_number(&group_digits(n, '.')).unwrap(), Decimal::from_i128_with_scale(n as i128, 0));
        prop_assert_eq!(parse_number(&n.to_string()).unwrap(), Decimal::from_i128_with_scale(n as i128, 0));
    }

    #[test]
    fn english_grouped_integers_read_back(n in 1_000_000u64..u64::MAX / 10) {
        prop_assert_eq!(parse_number(&group_digits(n.into(), ',')).unwrap(), Decimal::from(n));
    }

    #[test]
    fn vietnamese_decimals_read_back(int in 0u64..10u64.pow(15), frac in 1u32..1_000_000, width in 1usize..7) {
        let frac = frac % 10u32.pow(width as u32);
        let text = format!("{},{:0width$}", group_digits(int.into(), '.'), frac, width = width);
        let expected: Decimal = format!("{int}.{frac:0width$}", width = width).parse().unwrap();
        prop_assert_eq!(parse_number(&text).unwrap(), expected.normalize(), "{}", text);
    }

    #[test]
    fn negative_numbers_read_back(n in 1u64..10u64.pow(12)) {
        let text = format!("-{}", group_digits(n.into(), '.'));
        prop_assert_eq!(parse_number(&text).unwrap(), -Decimal::from(n));
    }

    #[test]
    fn spelled_out_numbers_read_back(n in 0u64..10u64.pow(15), variant: bool) {
        let text = spell(n, variant);
        prop_assert_eq!(parse_number(&text).unwrap(), Decimal::from(n), "{}", text);
    }

    #[test]
    fn digits_with_scale_words_read_back(n in 1u64..10u64.pow(15)) {
        let text = digits_with_scales(n);
        prop_assert_eq!(parse_number(&text).unwrap(), Decimal::from(n), "{}", text);
    }

    #[test]
    fn decimal_with_a_scale_word_reads_back(whole in 0u32..1000, frac in 0u32..1000, scale in 0usize..3) {
        let (word, exp) = [("nghìn", 3u32), ("triệu", 6), ("tỷ", 9)][scale];
        let text = format!("{whole},{frac:03} {word}");
        let expected = (Decimal::from(whole) + Decimal::new(i64::from(frac), 3)) * Decimal::from(10u64.pow(exp));
        prop_assert_eq!(parse_number(&text).unwrap(), expected.normalize(), "{}", text);
    }

    #[test]
    fn parsing_never_panics(s in "\\PC{0,40}") {
        let _ = parse_number(&s);
    }
}

#[test]
fn the_formatter_writes_the_usual_forms() {
    assert_eq!(
        spell(721_012, false),
        "bảy trăm hai mươi mốt nghìn không trăm mười hai"
    );
    assert_eq!(spell(105, false), "một trăm linh năm");
    assert_eq!(spell(15, false), "mười lăm");
    assert_eq!(digits_with_scales(1_200_000_000), "1 tỷ 200 triệu");
}
