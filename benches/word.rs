//! Word segmentation throughput on the Vietnamese Wikipedia bench corpus.
//!
//! `cargo bench --bench word -- --warm-up-time 1 --measurement-time 3`
//!
//! `segment_viwiki_by_line_cpu_time` measures the thread's CPU time instead
//! of wall-clock time, for figures that hold on a busy shared machine.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::{Duration, Instant};
use viet_text::word::WordSegmenter;

/// CPU time this thread has run, from Linux's `/proc/thread-self/schedstat`
/// (nanoseconds). On a shared machine wall-clock time also counts the time
/// other processes hold the core; this does not.
fn thread_cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

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
                let wall = Instant::now();
                let start = thread_cpu_time();
                for _ in 0..iters {
                    for line in text.lines() {
                        black_box(seg.segment(black_box(line)).len());
                    }
                }
                match (start, thread_cpu_time()) {
                    (Some(a), Some(b)) => b.saturating_sub(a),
                    _ => wall.elapsed(),
                }
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
