//! Throughput of normalization on clean NFC text (the fast path) and on
//! dirty text (decomposed, tone marks in the other style), on the bundled
//! sample and, when present, on the shared Wikipedia bench corpus; also
//! one `normalize_with_map` call per line (`per_line_keep_with_map`), the
//! extractor's use.
//!
//! Each operation is measured twice: by wall clock (criterion's default), and
//! by the CPU time of the benchmarking thread (`…/cpu`, from Linux's
//! `/proc/thread-self/schedstat`). On a shared machine wall-clock time also
//! counts the time other processes hold the core; CPU time does not.

use criterion::measurement::WallTime;
use criterion::{black_box, criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use unicode_normalization::UnicodeNormalization;
use viet_text::normalize::{fold, normalize, normalize_with_map, to_style, NormalizeOptions, ToneStyle};
use viet_text::syllable::is_syllable;

mod common;
use common::{cpu_time_of, thread_cpu_time};

const SAMPLE: &str = include_str!("../examples/data/sample.txt");
const VIWIKI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/viwiki.txt");

fn corpora() -> Vec<(&'static str, String)> {
    // The sample is short: repeat it so one iteration is not dominated by overhead.
    let mut v = vec![("sample", SAMPLE.repeat(64))];
    match std::fs::read_to_string(VIWIKI) {
        Ok(t) => v.push(("viwiki", t)),
        Err(_) => eprintln!("normalize bench: {VIWIKI} not found, skipping the viwiki corpus"),
    }
    v
}

/// Benchmarks `op` by wall clock and, where the platform tells, by thread
/// CPU time (`name/cpu`).
fn bench_op(g: &mut BenchmarkGroup<'_, WallTime>, name: &str, op: impl Fn() -> usize) {
    g.bench_function(name, |b| b.iter(&op));
    if thread_cpu_time().is_some() {
        g.bench_function(format!("{name}/cpu"), |b| {
            b.iter_custom(|iters| {
                cpu_time_of(iters, || {
                    black_box(op());
                })
            })
        });
    }
}

fn bench(c: &mut Criterion) {
    let keep = NormalizeOptions::default();
    let cleanups = NormalizeOptions::default().with_cleanups();
    for (name, text) in corpora() {
        // The corpus itself is mostly clean NFC; make it fully clean first.
        let clean = normalize(&text, &keep).into_owned();
        // The same, also cleaned up: the fast path with every option on.
        let clean_all = normalize(&text, &cleanups).into_owned();
        let nfd: String = clean.nfd().collect();
        let old = to_style(&clean, ToneStyle::Old).into_owned();
        let mut g = c.benchmark_group(format!("normalize/{name}"));
        g.throughput(Throughput::Bytes(clean.len() as u64));
        // A reference point for a shared, loaded machine: UTF-8 validation
        // of the same bytes by the standard library.
        bench_op(&mut g, "baseline_std_from_utf8", || {
            std::str::from_utf8(black_box(clean.as_bytes())).map_or(0, str::len)
        });
        bench_op(&mut g, "clean_nfc_only", || {
            viet_text::normalize::nfc(black_box(&clean)).len()
        });
        bench_op(&mut g, "clean_nfc_keep", || {
            normalize(black_box(&clean), &keep).len()
        });
        bench_op(&mut g, "clean_all_cleanups", || {
            normalize(black_box(&clean_all), &cleanups).len()
        });
        bench_op(&mut g, "dirty_spaces_quotes_zw_all_cleanups", || {
            normalize(black_box(&clean), &cleanups).len()
        });
        bench_op(&mut g, "clean_fold", || fold(black_box(&clean)).len());
        // One call per line, as the extractor normalizes one document (a
        // line or paragraph) per call: the per-call cost counts here. The
        // lines are split beforehand; the bytes are the lines' bytes.
        let lines: Vec<&str> = clean.lines().collect();
        g.throughput(Throughput::Bytes(lines.iter().map(|l| l.len() as u64).sum()));
        bench_op(&mut g, "per_line_keep_with_map", || {
            lines
                .iter()
                .map(|l| normalize_with_map(black_box(l), &keep).text.len())
                .sum::<usize>()
        });
        g.throughput(Throughput::Bytes(old.len() as u64));
        bench_op(&mut g, "old_style_to_new", || {
            to_style(black_box(&old), ToneStyle::New).len()
        });
        g.throughput(Throughput::Bytes(nfd.len() as u64));
        bench_op(&mut g, "decomposed_keep", || {
            normalize(black_box(&nfd), &keep).len()
        });
        g.finish();

        let words: Vec<&str> = clean
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let bytes: usize = words.iter().map(|w| w.len()).sum();
        let mut g = c.benchmark_group(format!("syllable/{name}"));
        g.throughput(Throughput::Bytes(bytes as u64));
        bench_op(&mut g, "is_syllable_every_word", || {
            words.iter().filter(|w| is_syllable(black_box(w))).count()
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
