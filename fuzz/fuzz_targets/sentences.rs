//! `sentences`: spans ordered, non-overlapping, trimmed, text is the input
//! slice, every token inside one sentence.
#![no_main]

use libfuzzer_sys::fuzz_target;
use viet_text_fuzz::invariants::{check_sentences, text_of};

fuzz_target!(|data: &[u8]| {
    check_sentences(&text_of(data));
});
