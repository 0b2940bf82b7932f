//! `fold`, `fold_lower` and `to_style`: idempotent, no diacritics left,
//! tone moves change nothing but tone marks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use viet_text_fuzz::invariants::{check_fold, text_of};

fuzz_target!(|data: &[u8]| {
    check_fold(&text_of(data));
});
