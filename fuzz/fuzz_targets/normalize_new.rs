//! `normalize` with tone style `New` and the clean-ups chosen by the first
//! byte: idempotent, NFC, form-blind, offset map monotone onto char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use viet_text::ToneStyle;
use viet_text_fuzz::invariants::{check_normalize, options_from, text_of};

fuzz_target!(|data: &[u8]| {
    let Some((&bits, rest)) = data.split_first() else {
        return;
    };
    check_normalize(&text_of(rest), &options_from(bits, ToneStyle::New));
});
