//! Instruction-count profile of normalization on clean text, for callgrind:
//! `valgrind --tool=callgrind --toggle-collect='profile_norm::measure' \
//!   target/release/examples/profile_norm MODE [FILE]`
//! (MODE: keep, nfc, all, fold, old; FILE defaults to the shared viwiki text).
//! Only `measure` is counted; divide by the byte count it prints.
use viet_text::normalize::{fold, nfc, normalize, to_style, NormalizeOptions, ToneStyle};

#[inline(never)]
fn measure(mode: &str, text: &str) -> usize {
    match mode {
        "keep" => normalize(text, &NormalizeOptions::default()).len(),
        "nfc" => nfc(text).len(),
        "all" => normalize(text, &NormalizeOptions::default().with_cleanups()).len(),
        "fold" => fold(text).len(),
        "old" => to_style(text, ToneStyle::New).len(),
        _ => 0,
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "keep".into());
    let path = args
        .next()
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/viwiki.txt").into());
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!("profile_norm: {path} not found, nothing to do");
        return;
    };
    let text = match mode.as_str() {
        "all" => normalize(&raw, &NormalizeOptions::default().with_cleanups()).into_owned(),
        "old" => to_style(&raw, ToneStyle::Old).into_owned(),
        _ => normalize(&raw, &NormalizeOptions::default()).into_owned(),
    };
    let n = measure(&mode, &text);
    println!("{mode}: {} bytes in, {n} bytes out", text.len());
}
