//! `normalize_with_map` with options from the first byte: the offset map
//! sends output boundaries monotonically onto input char boundaries, and an
//! unchanged text has the identity map.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::borrow::Cow;
use viet_text::normalize_with_map;
use viet_text_fuzz::invariants::{check_offset_map, options_from, text_of, tone_from};

fuzz_target!(|data: &[u8]| {
    let Some((&bits, rest)) = data.split_first() else {
        return;
    };
    let input = text_of(rest);
    let opts = options_from(bits, tone_from(bits));
    let n = normalize_with_map(&input, &opts);
    check_offset_map(&input, &n.text, &n.map);
    if matches!(n.text, Cow::Borrowed(_)) {
        assert_eq!(n.text, input, "a borrowed result must be the input");
        assert!(n.map.is_identity(), "an unchanged text needs the identity map");
    }
    if n.map.is_identity() {
        assert_eq!(n.text, input, "identity map but the text changed");
    }
});
