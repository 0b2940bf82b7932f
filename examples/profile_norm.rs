//! Instruction-count profile of normalization on clean text, for callgrind:
//! `valgrind --tool=callgrind --toggle-collect='profile_norm::measure' \
//!   target/release/examples/profile_norm MODE [FILE]`
//! (MODE: keep, nfc, all, fold, old, or lines: `normalize_with_map` on each
//! line as the extractor does per paragraph; FILE defaults to the shared
//! viwiki text).
//! Only `measure` is counted; divide by the byte count it prints.
//! With a third argument N, runs the operation N times and prints MiB/s by
//! the thread's CPU time (Linux; a quick A/B check, criterion is the figure).
use viet_text::normalize::{fold, nfc, normalize, normalize_with_map, to_style, NormalizeOptions, ToneStyle};

#[inline(never)]
fn measure(mode: &str, text: &str) -> usize {
    match mode {
        "keep" => normalize(text, &NormalizeOptions::default()).len(),
        "nfc" => nfc(text).len(),
        "all" => normalize(text, &NormalizeOptions::default().with_cleanups()).len(),
        "fold" => fold(text).len(),
        "old" => to_style(text, ToneStyle::New).len(),
        "lines" => text
            .lines()
            .map(|l| normalize_with_map(l, &NormalizeOptions::default()).text.len())
            .sum(),
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
    let repeat: u32 = args.next().and_then(|r| r.parse().ok()).unwrap_or(0);
    if let (true, Some(t0)) = (repeat > 0, cpu_ns()) {
        for _ in 0..repeat {
            std::hint::black_box(measure(&mode, std::hint::black_box(&text)));
        }
        if let Some(t1) = cpu_ns() {
            let secs = (t1.saturating_sub(t0)) as f64 / 1e9;
            let mib = text.len() as f64 * f64::from(repeat) / (1 << 20) as f64;
            println!("{mode}: {:.0} MiB/s (thread CPU time, {repeat} runs)", mib / secs);
        }
    }
}

/// CPU time of this thread in ns (Linux `schedstat`), if the platform tells.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
