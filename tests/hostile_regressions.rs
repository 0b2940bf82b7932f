//! Inputs the fuzz targets in `fuzz/` found, kept byte for byte (minimized
//! with `cargo fuzz tmin`) and run through the same checks as the target
//! that found them. A test marked `#[ignore = "reason: …"]` fails on the
//! current code because of the module named there; remove the `ignore`
//! once that module is fixed.

#[path = "hostile_invariants.rs"]
mod invariants;

use invariants::{
    check_exact_or_error, check_fold, check_legacy, check_normalize, options_from, text_of, tone_from,
};
use viet_text::ToneStyle;

/// Replays an input of the `normalize_keep` / `_old` / `_new` targets:
/// the first byte selects the clean-ups.
fn replay_normalize(data: &[u8], tone: ToneStyle) {
    let (&bits, rest) = data.split_first().expect("an option byte");
    check_normalize(&text_of(rest), &options_from(bits, tone));
}

/// Replays an input of the `normalize_map` / `normalize_cleanups` targets:
/// the first byte selects clean-ups and tone style.
fn replay_normalize_any(data: &[u8]) {
    let (&bits, rest) = data.split_first().expect("an option byte");
    check_normalize(&text_of(rest), &options_from(bits, tone_from(bits)));
}

// Found by fold: `ǅ` (U+01C5, a title-case letter) is not upper case, so
// fold_lower leaves it alone although its lower case is `ǆ`.
#[test]
fn fold_lower_lowers_title_case_letters() {
    check_fold(&text_of(b"\xc7\x85"));
}

// Found by normalize_keep/_old/_new/_cleanups (from a seed): Hangul LV
// syllable + trailing jamo, `\u{AC00}\u{11A8} \u{1100}\u{1161}`. NFC composes
// both pairs (각 가); normalizing cluster by cluster splits them apart.
#[test]
fn normalize_composes_hangul_jamo() {
    let input = b"\x0a\xea\xb0\x80\xe1\x86\xa8 \xe1\x84\x80\xe1\x85\xa1";
    replay_normalize(input, ToneStyle::Keep);
    replay_normalize(input, ToneStyle::Old);
    replay_normalize(input, ToneStyle::New);
}

// Found by legacy: decode(Utf8) calls normalize::nfc, so it inherits the
// Hangul bug above.
#[test]
fn utf8_decoding_is_nfc() {
    check_legacy(b"\xea\xb0\x80\xe1\x86\xa8 \xe1\x84\x80\xe1\x85\xa1");
}

// Found by normalize_map: `ã` + U+0323 normalizes to `ạ` + U+0303 (5 bytes
// from 4). Inside that changed stretch, OffsetMap::to_original maps output
// offset 3 (between ạ and U+0303) to input offset 3, the middle of U+0323,
// where its documentation promises the stretch's start.
#[test]
fn offset_map_stays_on_char_boundaries() {
    replay_normalize_any(b"\xee\xc3\xa3\xcc\xa3");
}

// Found by parse_number: more significant digits than Decimal holds are
// rounded away silently (`888,88888888888888998888888889` → `…899888888889`
// loses the last digit) instead of failing.
#[test]
fn parse_number_does_not_round_long_fractions() {
    check_exact_or_error("888,88888888888888998888888889", "888.88888888888888998888888889");
    check_exact_or_error(
        "0,00000000000000000000000000000001",
        "0.00000000000000000000000000000001",
    );
}

// Found by legacy (on the merged crate): valid UTF-8 with a non-ASCII
// character (U+201D) and VIQR-looking ASCII is detected as VIQR, while the
// documentation then said valid non-ASCII UTF-8 is always UTF-8. VIQR files
// often carry typographic quotes, so the behaviour stays and the documented
// rule (and the fuzz invariant) now says: UTF-8 with Vietnamese letters is
// UTF-8; otherwise VIQR-looking ASCII wins.
#[test]
fn viqr_with_a_typographic_quote_is_viqr_and_vietnamese_utf8_is_utf8() {
    let viqr_with_quote =
        b"Sa'ng na\xe2\x80\x9dho ca'c hxo^. ;ho'ay, Ho^.i No^n] da^n xa~ Ho`a^ Bio a`n1ho c.";
    check_legacy(viqr_with_quote);
    assert_eq!(
        viet_text::legacy::detect(viqr_with_quote).encoding,
        Some(viet_text::legacy::Encoding::Viqr)
    );
    let utf8 = "Sáng nay các hộ dân xã Hòa Bình nhận học bổng.".as_bytes();
    check_legacy(utf8);
    assert_eq!(
        viet_text::legacy::detect(utf8).encoding,
        Some(viet_text::legacy::Encoding::Utf8)
    );
}

// Found by normalize_old (on the merged crate): with the zero-width
// clean-up on, a leading left-to-right mark (U+200E) is removed; the
// invariant counted only U+200B..U+200D as removable and flagged the map.
#[test]
fn removed_bidi_marks_leave_the_offset_map_whole() {
    let input = b"\x1f\xe2\x80\x8e\xd7\x90\xe2\x80\xaeok";
    replay_normalize(input, ToneStyle::Old);
    replay_normalize(input, ToneStyle::New);
    replay_normalize(input, ToneStyle::Keep);
}
