//! Runs the extractor once over `../shared/data/bench/viwiki.txt`, for
//! instruction counts under callgrind:
//!
//! ```text
//! cargo build --release --example profile_names
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/names.cg \
//!     target/release/examples/profile_names names
//! callgrind_annotate --inclusive=yes /tmp/names.cg | grep -i recognize
//! ```
//!
//! The first argument picks the extractor: `all` (eight types), `names`
//! (the four name types) or `read` (only reads the file, the cost to
//! subtract). The second picks the input: `lines` (default: the whole file,
//! one document per paragraph), `lines1m` (the first 1 MB, one document per
//! paragraph), `whole1m` (the first 1 MB as one document) or the path of
//! a file (one document per line; e.g. the bundled sample repeated 200
//! times, where per-document costs count most).
use viet_text::{EntityType, Extractor};

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/viwiki.txt");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping: {path} not found");
        return;
    };
    let mode = std::env::args().nth(1).unwrap_or_else(|| "names".into());
    let input = std::env::args().nth(2).unwrap_or_else(|| "lines".into());
    // The first 1 MB, cut after a line break.
    let mb = text
        .get(..1_000_000.min(text.len()))
        .and_then(|head| head.rfind('\n'))
        .and_then(|cut| text.get(..=cut))
        .unwrap_or(&text);
    let ex = match mode.as_str() {
        "all" => Extractor::new(),
        "names" => Extractor::builder()
            .types(&[
                EntityType::Organization,
                EntityType::Program,
                EntityType::Location,
                EntityType::Person,
            ])
            .build(),
        _ => {
            println!("{} bytes read", text.len());
            return;
        }
    };
    let (bytes, n) = match input.as_str() {
        "whole1m" => (mb.len(), ex.extract(mb).len()),
        "lines1m" => (mb.len(), mb.lines().map(|l| ex.extract(l).len()).sum()),
        path if std::path::Path::new(path).is_file() => {
            let other = std::fs::read_to_string(path).unwrap_or_default();
            let n = other.lines().map(|l| ex.extract(l).len()).sum::<usize>();
            (other.len(), n)
        }
        _ => (
            text.len(),
            text.lines().map(|l| ex.extract(l).len()).sum::<usize>(),
        ),
    };
    println!("{bytes} bytes, {n} entities");
}
