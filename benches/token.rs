//! Throughput of the tokenizer and the sentence splitter, in bytes per second.
//!
//! Inputs: the bundled sample news text (`examples/data/sample.txt`) and, when
//! present, the Wikipedia prose corpus `../shared/data/bench/viwiki.txt`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use viet_text::{sentences, tokenize};

const SAMPLE: &str = include_str!("../examples/data/sample.txt");
const VIWIKI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/viwiki.txt");
const NEWS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/news-dev/texts");

/// The inputs to measure: the sample repeated to about 1 MB (so per-call
/// overhead does not dominate), the news excerpts joined (blank line
/// between files) and viwiki.txt, each when it exists.
fn inputs() -> Vec<(&'static str, String)> {
    let mut v = vec![("sample", SAMPLE.repeat((1 << 20) / SAMPLE.len().max(1) + 1))];
    match std::fs::read_dir(NEWS) {
        Ok(dir) => {
            let mut paths: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            let news: Vec<String> = paths
                .iter()
                .filter_map(|p| std::fs::read_to_string(p).ok())
                .collect();
            v.push(("news-dev", news.join("\n\n")));
        }
        Err(e) => eprintln!("skipping news-dev input ({NEWS}): {e}"),
    }
    match std::fs::read_to_string(VIWIKI) {
        Ok(text) => v.push(("viwiki", text)),
        Err(e) => eprintln!("skipping viwiki input ({VIWIKI}): {e}"),
    }
    v
}

fn bench_tokenize(c: &mut Criterion) {
    let mut group = c.benchmark_group("tokenize");
    for (name, text) in inputs() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| tokenize(black_box(&text)).count()));
    }
    group.finish();
    // The tokenizer's own cost, without the per-word syllable check.
    let mut group = c.benchmark_group("tokenize_without_syllables");
    for (name, text) in inputs() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| tokenize(black_box(&text)).without_syllables().count())
        });
    }
    group.finish();
}

fn bench_sentences(c: &mut Criterion) {
    let mut group = c.benchmark_group("sentences");
    for (name, text) in inputs() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| sentences(black_box(&text)).count()));
    }
    group.finish();
}

criterion_group!(benches, bench_tokenize, bench_sentences);
criterion_main!(benches);
