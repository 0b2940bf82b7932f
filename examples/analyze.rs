//! Normalize, tokenize and extract entities from a news text, and print a
//! readable table of the entities with their values.
//!
//! ```text
//! cargo run --release --example analyze             # the bundled sample
//! cargo run --release --example analyze -- news.txt
//! ```

use std::collections::BTreeMap;
use std::error::Error;
use viet_text::{normalize, sentences, tokenize, Entity, Extractor, NormalizeOptions, ToneStyle};

/// A short news text written for this crate.
const SAMPLE: &str = include_str!("data/sample.txt");

fn main() -> Result<(), Box<dyn Error>> {
    let (name, text) = match std::env::args().nth(1) {
        Some(path) => {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
            (path, text)
        }
        None => ("bundled sample".to_owned(), SAMPLE.to_owned()),
    };

    // 1. Normalize: NFC, and one tone-mark style (hoà, thuỷ) for display.
    let opts = NormalizeOptions {
        tone: ToneStyle::New,
        ..Default::default()
    };
    let normalized = normalize(&text, &opts);
    let changed: Vec<(&str, &str)> = text
        .split_whitespace()
        .zip(normalized.split_whitespace())
        .filter(|(a, b)| a != b)
        .collect();

    // 2. Tokenize and split sentences (on the caller's text: spans index it).
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut tokens = 0;
    for t in tokenize(&text) {
        tokens += 1;
        *kinds.entry(kind_name(&t.kind)).or_default() += 1;
    }
    let sentence_count = sentences(&text).count();

    println!(
        "{name}: {} bytes, {sentence_count} sentences, {tokens} tokens",
        text.len()
    );
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!("  tokens by kind: {}", kinds.join(", "));
    println!(
        "  normalization (NFC, new tone style): {} words changed",
        changed.len()
    );
    for (before, after) in changed.iter().take(5) {
        println!("    {before} → {after}");
    }
    if let Some(first) = sentences(&normalized).next() {
        println!("  first sentence: {}", first.text);
    }

    // 3. Extract entities; spans index `text` exactly.
    let entities = Extractor::new().extract(&text);
    println!("\n{} entities:\n", entities.len());
    print_table(&entities);
    Ok(())
}

/// A token kind as its JSON name (`date_like`).
fn kind_name<T: serde::Serialize>(kind: &T) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "other".to_owned(),
    }
}

/// The typed value of an entity as `key=value` pairs.
fn value_of(e: &Entity) -> String {
    let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(e) else {
        return String::new();
    };
    fields
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "type" | "start" | "end" | "text"))
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => format!("{k}={s}"),
            v => format!("{k}={v}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn print_table(entities: &[Entity]) {
    let rows: Vec<[String; 4]> = entities
        .iter()
        .map(|e| {
            let span = e.span();
            [
                e.entity_type().as_str().to_owned(),
                format!("{}..{}", span.start, span.end),
                e.text().replace('\n', " "),
                value_of(e),
            ]
        })
        .collect();
    let header = ["TYPE", "BYTES", "TEXT", "VALUE"].map(str::to_owned);
    let mut widths = [0usize; 4];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                let pad = widths[i] - cell.chars().count() + 2;
                line.extend(std::iter::repeat(' ').take(pad));
            }
        }
        println!("{line}");
    }
}
