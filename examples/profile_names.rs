//! Runs the extractor once over `../shared/data/bench/viwiki.txt`, one
//! document per paragraph, for instruction counts under callgrind:
//!
//! ```text
//! cargo build --release --example profile_names
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/names.cg \
//!     target/release/examples/profile_names names
//! callgrind_annotate --inclusive=yes /tmp/names.cg | grep -i recognize
//! ```
//!
//! The argument picks the extractor: `all` (eight types), `names` (the four
//! name types) or `read` (only reads the file, the cost to subtract).
use viet_text::{EntityType, Extractor};

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/viwiki.txt");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping: {path} not found");
        return;
    };
    let mode = std::env::args().nth(1).unwrap_or_else(|| "names".into());
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
    let n: usize = text.lines().map(|l| ex.extract(l).len()).sum();
    println!("{} bytes, {n} entities", text.len());
}
