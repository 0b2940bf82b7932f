//! Word segmentation throughput on the Vietnamese Wikipedia bench corpus.
//!
//! `cargo bench --bench word -- --warm-up-time 1 --measurement-time 3`
//!
//! `segment_viwiki_by_line_cpu_time` measures the thread's CPU time instead
//! of wall-clock time, for figures that hold on a busy shared machine.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
mod common;

use common::{cpu_time_of, thread_cpu_time};
use viet_text::word::WordSegmenter;

fn bench(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/viwiki.txt");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping: {path} is absent");
        return;
    };
    let seg = WordSegmenter::new();
    let _ = seg.segment("khởi động"); // load the model once, outside the measurement
    let mut group = c.benchmark_group("word");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("segment_viwiki_by_line", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for line in text.lines() {
                n += seg.segment(black_box(line)).len();
            }
            n
        })
    });
    if thread_cpu_time().is_some() {
        group.bench_function("segment_viwiki_by_line_cpu_time", |b| {
            b.iter_custom(|iters| {
                cpu_time_of(iters, || {
                    for line in text.lines() {
                        black_box(seg.segment(black_box(line)).len());
                    }
                })
            })
        });
    }
    group.bench_function("segment_to_underscored_viwiki_by_line", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for line in text.lines() {
                n += seg.segment_to_underscored(black_box(line)).len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
