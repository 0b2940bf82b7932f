//! `legacy::decode` in every encoding and `legacy::detect` on arbitrary
//! bytes: no panic, NFC output of bounded size, a sane confidence, and a
//! detected encoding that really decodes the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use viet_text_fuzz::invariants::check_legacy;

fuzz_target!(|data: &[u8]| {
    check_legacy(data);
});
