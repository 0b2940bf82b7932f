//! The library-level way to get JSON: `Entity` implements `serde::Serialize`
//! as one flat object (`type`, `start`, `end`, `text`, then the value).
//!
//! ```text
//! cargo run --example extract_json             # the bundled sample
//! cargo run --example extract_json -- news.txt
//! ```
//!
//! Prints the same JSON Lines shape as `viet-text extract`:
//! `{"source": ..., "entities": [...]}`.

use serde::Serialize;
use std::error::Error;
use viet_text::{Entity, Extractor};

const SAMPLE: &str = include_str!("data/sample.txt");

/// One output line: the document's name and its entities.
#[derive(Serialize)]
struct Document<'a> {
    source: &'a str,
    entities: Vec<Entity>,
}

fn main() -> Result<(), Box<dyn Error>> {
    let (source, text) = match std::env::args().nth(1) {
        Some(path) => {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
            (path, text)
        }
        None => ("examples/data/sample.txt".to_owned(), SAMPLE.to_owned()),
    };
    let extractor = Extractor::new(); // build once, reuse for every document
    let entities = extractor.extract(&text);

    // Spans are byte offsets into `text`: the slice is the entity's text.
    for e in &entities {
        assert_eq!(&text[e.span().range()], e.text());
    }

    // One entity as JSON …
    if let Some(first) = entities.first() {
        eprintln!("first entity: {}", serde_json::to_string(first)?);
    }
    // … or the whole document as one JSON line.
    let doc = Document {
        source: &source,
        entities,
    };
    println!("{}", serde_json::to_string(&doc)?);
    Ok(())
}
