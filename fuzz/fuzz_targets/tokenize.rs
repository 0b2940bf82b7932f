//! `tokenize`: spans ordered, non-overlapping, on char boundaries, text is
//! the input slice, nothing but white space between tokens.
#![no_main]

use libfuzzer_sys::fuzz_target;
use viet_text_fuzz::invariants::{check_tokens, text_of};

fuzz_target!(|data: &[u8]| {
    check_tokens(&text_of(data));
});
