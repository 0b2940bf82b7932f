//! Instruction-count profile of extraction (for callgrind): reads
//! `../shared/data/bench/viwiki.txt` (or the file given as the second
//! argument) once and extracts one document per line.
//!
//! `valgrind --tool=callgrind target/release/examples/profile_extract numeric`
//! with mode `read` (only reading the file, to subtract), `numeric` or `all`;
//! a third argument repeats the pass (`perf record … numeric FILE 20`).

use viet_text::{EntityType, Extractor};

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "numeric".to_owned());
    let path = args.next().unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/viwiki.txt").to_owned()
    });
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {path} not found");
        return;
    };
    let extractor = match mode.as_str() {
        "numeric" => Extractor::builder()
            .types(&[
                EntityType::Money,
                EntityType::Percent,
                EntityType::Quantity,
                EntityType::Date,
            ])
            .build(),
        "all" => Extractor::new(),
        _ => {
            println!("{} bytes", text.len());
            return;
        }
    };
    // An optional third argument repeats the pass, for sampling profilers.
    let repeat: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let mut n = 0;
    for _ in 0..repeat {
        n = text.lines().map(|l| extractor.extract(l).len()).sum();
    }
    println!("{} bytes, {n} entities", text.len());
}
