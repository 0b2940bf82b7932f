//! `normalize` with every combination of clean-ups and tone styles (chosen
//! by the first byte): idempotent, NFC, form-blind, offset map checked.
#![no_main]

use libfuzzer_sys::fuzz_target;
use viet_text_fuzz::invariants::{check_normalize, options_from, text_of, tone_from};

fuzz_target!(|data: &[u8]| {
    let Some((&bits, rest)) = data.split_first() else {
        return;
    };
    let opts = options_from(bits | 1, tone_from(bits));
    check_normalize(&text_of(rest), &opts);
});
