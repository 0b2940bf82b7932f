//! Normalize, tokenize and extract entities from a news text.
//!
//! `cargo run --release --example analyze [FILE]` (default: the bundled sample).

use viet_text::{sentences, tokenize, Extractor};

const SAMPLE: &str = include_str!("data/sample.txt");

fn main() {
    let text = match std::env::args().nth(1) {
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("analyze: {path}: {e}");
                std::process::exit(1);
            }
        },
        None => SAMPLE.to_string(),
    };
    println!(
        "{} tokens, {} sentences",
        tokenize(&text).count(),
        sentences(&text).count()
    );
    for e in Extractor::new().extract(&text) {
        let json = serde_json::to_value(&e).unwrap_or_default();
        println!(
            "{:<13} {:>6}..{:<6} {:<40} {}",
            e.entity_type().as_str(),
            e.span().start,
            e.span().end,
            e.text(),
            json
        );
    }
}
