//! Extraction throughput in MB/s: the numeric types alone (money, percent,
//! quantity, date) and the full extractor, on the bundled sample and on
//! `../shared/data/bench/viwiki.txt` (3.3 MB of Wikipedia prose, skipped
//! with a message when absent).
//!
//! Each input is measured by wall clock and by the CPU time of the
//! benchmarking thread (`…/cpu`, from Linux's `/proc/thread-self/schedstat`),
//! which other processes on a shared machine do not inflate.
//!
//! `cargo bench --bench extract -- --warm-up-time 1 --measurement-time 3`

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use viet_text::{EntityType, Extractor};

mod common;
use common::{cpu_time_of, thread_cpu_time};

const SAMPLE: &str = include_str!("../examples/data/sample.txt");

fn inputs() -> Vec<(&'static str, String)> {
    let mut v = vec![("sample", SAMPLE.to_owned())];
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/viwiki.txt");
    match std::fs::read_to_string(path) {
        Ok(text) => v.push(("viwiki", text)),
        Err(_) => eprintln!("skipping viwiki: {path} not found"),
    }
    v
}

fn bench_group(c: &mut Criterion, name: &str, extractor: &Extractor) {
    let mut group = c.benchmark_group(name);
    let cpu = thread_cpu_time().is_some();
    // One document per line, as the CLI's `--lines` reads them.
    let run = |text: &str| text.lines().map(|l| extractor.extract(l).len()).sum::<usize>();
    for (label, text) in inputs() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, text| {
            b.iter(|| run(black_box(text)))
        });
        if cpu {
            group.bench_with_input(
                BenchmarkId::from_parameter(format!("{label}/cpu")),
                &text,
                |b, text| {
                    b.iter_custom(|iters| {
                        cpu_time_of(iters, || {
                            black_box(run(black_box(text)));
                        })
                    })
                },
            );
        }
    }
    group.finish();
}

fn numeric_types(c: &mut Criterion) {
    let extractor = Extractor::builder()
        .types(&[
            EntityType::Money,
            EntityType::Percent,
            EntityType::Quantity,
            EntityType::Date,
        ])
        .build();
    bench_group(c, "extract_numeric", &extractor);
}

fn all_types(c: &mut Criterion) {
    bench_group(c, "extract_all", &Extractor::new());
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = numeric_types, all_types
}
criterion_main!(benches);
