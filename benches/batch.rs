//! Batch throughput of the `viet-text` binary, in bytes per second: the
//! built program runs `extract` over `../shared/data/bench/viwiki.txt` (8
//! copies, ~26 MB) with one and with two worker threads, as whole documents
//! and with `--lines`. Each iteration is one process, start-up included.
//!
//! `cargo bench --bench batch -- --warm-up-time 1 --measurement-time 10`
//! (`benches/batch.sh` measures the same with plain wall-clock and CPU time.)
//! Skips cleanly, with a message, when the corpus is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_viet-text");
const VIWIKI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/viwiki.txt");
const COPIES: usize = 8;

fn run(args: &[&str]) {
    let status = Command::new(BIN)
        .args(args)
        .stdout(Stdio::null())
        .status()
        .expect("run viet-text");
    assert!(status.success(), "viet-text {args:?} failed");
}

fn bench_batch(c: &mut Criterion) {
    let Ok(meta) = std::fs::metadata(VIWIKI) else {
        eprintln!("skipping the batch benchmark: {VIWIKI} not found");
        return;
    };
    let mut group = c.benchmark_group("batch_extract");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Bytes(meta.len() * COPIES as u64));
    for mode in ["document", "lines"] {
        for jobs in ["1", "2"] {
            let mut args = vec!["extract", "--no-progress", "--jobs", jobs];
            if mode == "lines" {
                args.push("--lines");
            }
            args.extend(std::iter::repeat(VIWIKI).take(COPIES));
            group.bench_function(format!("{mode}/jobs{jobs}"), |b| b.iter(|| run(&args)));
        }
    }
    group.finish();
}

criterion_group!(benches, bench_batch);
criterion_main!(benches);
