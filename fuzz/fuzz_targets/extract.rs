//! `Extractor::extract`: entity spans ordered, non-overlapping, on char
//! boundaries, `text` is the input slice, JSON agrees; and the result does
//! not depend on the input's Unicode normalization form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use viet_text::Extractor;
use viet_text_fuzz::invariants::{check_entities, text_of};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fuzz_target!(|data: &[u8]| {
    let input = text_of(data);
    check_entities(&EXTRACTOR, &input);
    // The extractor normalizes to NFC first, so the NFC form of the input
    // must give the same entities (types and values; spans may differ).
    let nfc: String = input.nfc().collect();
    if nfc != *input {
        let strip = |v: Vec<viet_text::Entity>| -> Vec<serde_json::Value> {
            v.iter()
                .map(|e| {
                    let mut j = serde_json::to_value(e).expect("serializes");
                    if let Some(o) = j.as_object_mut() {
                        o.remove("start");
                        o.remove("end");
                        o.remove("text");
                    }
                    j
                })
                .collect()
        };
        assert_eq!(
            strip(EXTRACTOR.extract(&input)),
            strip(EXTRACTOR.extract(&nfc)),
            "entities differ between the input and its NFC form"
        );
    }
});
