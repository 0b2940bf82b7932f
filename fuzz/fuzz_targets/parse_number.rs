//! `parse_number` on arbitrary text (no panic, round-trips) and on numbers
//! built from the input whose exact value is known: the result is that
//! value or an error, never another value (no silent rounding or wrapping).
#![no_main]

use libfuzzer_sys::fuzz_target;
use viet_text_fuzz::invariants::{canonical_integer, check_exact_or_error, check_parse_number_text, text_of};

/// Scale words and their powers of ten.
const SCALES: [(&str, u32); 6] = [
    ("nghìn", 3),
    ("ngàn", 3),
    ("triệu", 6),
    ("tỷ", 9),
    ("tỉ", 9),
    ("nghìn tỷ", 12),
];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    check_parse_number_text(&text_of(rest));
    // Digits from the bytes (at most 80 of them: enough to overflow Decimal).
    let digits: String = rest.iter().take(80).map(|b| char::from(b'0' + b % 10)).collect();
    if digits.is_empty() {
        return;
    }
    match mode % 4 {
        // Plain digits.
        0 => check_exact_or_error(&digits, &canonical_integer(&digits)),
        // Thousands groups with '.': `1.234.567` (two or more separators, so
        // it cannot be read as a decimal point).
        1 => {
            let head = digits.len() % 3;
            let mut grouped = String::new();
            let mut groups = 0;
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (i + 3 - head).is_multiple_of(3) {
                    grouped.push('.');
                    groups += 1;
                }
                grouped.push(c);
            }
            if groups >= 2 {
                check_exact_or_error(&grouped, &canonical_integer(&digits));
            }
        }
        // Decimal comma: `int,frac`.
        2 => {
            let cut = (usize::from(mode) / 4) % digits.len();
            let (int, frac) = digits.split_at(cut.max(1));
            if frac.is_empty() {
                return;
            }
            let text = format!("{int},{frac}");
            let frac = frac.trim_end_matches('0');
            let int = canonical_integer(int);
            let expected = if frac.is_empty() {
                int
            } else {
                format!("{int}.{frac}")
            };
            check_exact_or_error(&text, &expected);
        }
        // Digits and a scale word: `12 tỷ` is 12 × 10^9.
        _ => {
            let (word, power) = SCALES[(usize::from(mode) / 4) % SCALES.len()];
            let int = canonical_integer(&digits);
            let expected = if int == "0" {
                int
            } else {
                format!("{int}{}", "0".repeat(power as usize))
            };
            check_exact_or_error(&format!("{digits} {word}"), &expected);
        }
    }
});
