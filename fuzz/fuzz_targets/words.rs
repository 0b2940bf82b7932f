//! `WordSegmenter::segment`: spans ordered, non-overlapping, text is the
//! input slice, every token inside one word; `segment_to_underscored` holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use viet_text::word::WordSegmenter;
use viet_text_fuzz::invariants::{check_words, text_of};

static SEGMENTER: LazyLock<WordSegmenter> = LazyLock::new(WordSegmenter::new);

fuzz_target!(|data: &[u8]| {
    check_words(&SEGMENTER, &text_of(data));
});
