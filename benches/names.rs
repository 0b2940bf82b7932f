//! Throughput of the whole extractor (all eight types) and of the name
//! types alone, on the bench corpus in `../shared/data/bench` (skipped
//! with a message when absent).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;
use viet_text::{EntityType, Extractor};

fn corpus() -> Option<String> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench"));
    let text = std::fs::read_to_string(dir.join("viwiki.txt")).ok()?;
    // About 1 MB of paragraphs, cut at a line end.
    let cut = text
        .get(..1_000_000)
        .and_then(|s| s.rfind('\n'))
        .unwrap_or(text.len());
    Some(text[..cut].to_owned())
}

fn bench(c: &mut Criterion) {
    let Some(text) = corpus() else {
        eprintln!("skipping: ../shared/data/bench/viwiki.txt not found");
        return;
    };
    let all = Extractor::new();
    let names = Extractor::builder()
        .types(&[
            EntityType::Organization,
            EntityType::Program,
            EntityType::Location,
            EntityType::Person,
        ])
        .build();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    // One document per paragraph, as articles are extracted one by one.
    let per_paragraph = |ex: &Extractor| text.lines().map(|l| ex.extract(l).len()).sum::<usize>();
    g.bench_function("all_types_viwiki_1MB_per_paragraph", |b| {
        b.iter(|| per_paragraph(&all))
    });
    g.bench_function("name_types_viwiki_1MB_per_paragraph", |b| {
        b.iter(|| per_paragraph(&names))
    });
    g.bench_function("all_types_viwiki_1MB_one_document", |b| {
        b.iter(|| all.extract(&text).len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
