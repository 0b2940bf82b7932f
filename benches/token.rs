//! Throughput of the tokenizer and the sentence splitter, in bytes per second.
//!
//! Inputs: the bundled sample news text (`examples/data/sample.txt`) and,
//! when present, the news excerpts of `../shared/data/news-dev/texts` and the
//! Wikipedia prose corpus `../shared/data/bench/viwiki.txt`.
//!
//! Each operation is measured twice: by wall clock (criterion's default), and
//! by the CPU time of the benchmarking thread (`…/cpu`, from Linux's
//! `/proc/thread-self/schedstat`). On a shared machine wall-clock time also
//! counts the time other processes hold the core; CPU time does not.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
mod common;

use common::{cpu_time_of, thread_cpu_time};
use viet_text::{sentences, tokenize, tokenize_into, Token};

const SAMPLE: &str = include_str!("../examples/data/sample.txt");
const VIWIKI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/viwiki.txt");
const NEWS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/news-dev/texts");

/// `text` repeated to at least 1 MB, so that one iteration is long enough
/// for per-call overhead not to matter and for the thread CPU clock (which
/// advances at scheduler ticks) to see it.
fn to_a_megabyte(text: &str) -> String {
    text.repeat((1 << 20) / text.len().max(1) + 1)
}

/// The inputs to measure: the sample and the news excerpts (joined with a
/// blank line between files), each repeated to 1 MB, and viwiki.txt (3.3 MB),
/// each when it exists.
fn inputs() -> Vec<(&'static str, String)> {
    let mut v = vec![("sample", to_a_megabyte(SAMPLE))];
    match std::fs::read_dir(NEWS) {
        Ok(dir) => {
            let mut paths: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            let news: Vec<String> = paths
                .iter()
                .filter_map(|p| std::fs::read_to_string(p).ok())
                .collect();
            v.push(("news-dev", to_a_megabyte(&news.join("\n\n"))));
        }
        Err(e) => eprintln!("skipping news-dev input ({NEWS}): {e}"),
    }
    match std::fs::read_to_string(VIWIKI) {
        Ok(text) => v.push(("viwiki", text)),
        Err(e) => eprintln!("skipping viwiki input ({VIWIKI}): {e}"),
    }
    v
}

/// Benchmarks `op` on every input, by wall clock and by thread CPU time.
fn bench_op(c: &mut Criterion, group_name: &str, op: fn(&str) -> usize) {
    let mut group = c.benchmark_group(group_name);
    let cpu = thread_cpu_time().is_some();
    for (name, text) in inputs() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| op(black_box(&text))));
        if cpu {
            group.bench_function(format!("{name}/cpu"), |b| {
                b.iter_custom(|iters| {
                    cpu_time_of(iters, || {
                        black_box(op(black_box(&text)));
                    })
                })
            });
        }
    }
    group.finish();
}

fn bench_tokenize(c: &mut Criterion) {
    bench_op(c, "tokenize", |t| tokenize(t).count());
    // The tokenizer's own cost, without the per-word syllable check.
    bench_op(c, "tokenize_without_syllables", |t| {
        tokenize(t).without_syllables().count()
    });
}

/// Tokenizes each non-empty line of `text` into one reused vector, as
/// `Extractor::extract` does with a document per line: `push` appends one
/// line's tokens (with `Vec::extend` or `tokenize_into`).
fn per_line<'a>(text: &'a str, push: impl Fn(&'a str, &mut Vec<Token<'a>>)) -> usize {
    let mut tokens = Vec::new();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.is_empty()) {
        tokens.clear();
        tokens.reserve(line.len() / 4 + 8);
        push(line, &mut tokens);
        n += black_box(&tokens).len();
    }
    n
}

fn bench_tokenize_lines(c: &mut Criterion) {
    // One document per line into a reused vector: `tokens.extend(tokenize(line))`
    // (what extraction did until session 5) and `tokenize_into(line, &mut tokens)`.
    bench_op(c, "tokenize_lines_extend", |t| {
        per_line(t, |line, tokens| tokens.extend(tokenize(line)))
    });
    bench_op(c, "tokenize_lines_into", |t| per_line(t, tokenize_into));
}

fn bench_sentences(c: &mut Criterion) {
    bench_op(c, "sentences", |t| sentences(t).count());
}

criterion_group!(benches, bench_tokenize, bench_tokenize_lines, bench_sentences);
criterion_main!(benches);
