//! Throughput (MB/s) of legacy decoding, encoding, detection and mojibake
//! repair on Vietnamese prose (`../shared/data/bench/viwiki.txt` when
//! present, else the bundled sample), encoded into each encoding.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use viet_text::legacy::{decode, detect, encode_lossy, repair_mojibake, Encoding};

/// The first `limit` bytes of the corpus (cut at a character boundary).
fn corpus(limit: usize) -> String {
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/viwiki.txt");
    let text = std::fs::read_to_string(shared).unwrap_or_else(|_| {
        eprintln!("viwiki.txt not found; using examples/data/sample.txt");
        include_str!("../examples/data/sample.txt").to_owned()
    });
    let cut = (limit.min(text.len())..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    text[..cut].to_owned()
}

const ENCODINGS: [Encoding; 5] = [
    Encoding::Utf8,
    Encoding::Tcvn3,
    Encoding::Vni,
    Encoding::Cp1258,
    Encoding::Viqr,
];

fn bench(c: &mut Criterion) {
    // About 1 MB keeps a run short on a shared machine.
    let text = corpus(1_000_000);
    let encoded: Vec<(Encoding, Vec<u8>)> = ENCODINGS.iter().map(|&e| (e, encode_lossy(&text, e))).collect();

    let mut group = c.benchmark_group("legacy/decode");
    for (enc, bytes) in &encoded {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(enc.name()), bytes, |b, bytes| {
            b.iter(|| decode(black_box(bytes), *enc).map(|s| s.len()))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("legacy/encode");
    group.throughput(Throughput::Bytes(text.len() as u64));
    for enc in ENCODINGS {
        group.bench_with_input(BenchmarkId::from_parameter(enc.name()), &text, |b, text| {
            b.iter(|| encode_lossy(black_box(text), enc).len())
        });
    }
    group.finish();

    // Detection reads at most 64 KiB of its input, so it is measured on
    // 10 KB pieces (every byte examined) and on 100-byte pieces.
    for size in [10_000usize, 100] {
        let mut group = c.benchmark_group(format!("legacy/detect/{size}B"));
        for (enc, bytes) in &encoded {
            let pieces: Vec<&[u8]> = bytes.chunks_exact(size).take(200_000 / size).collect();
            let total: usize = pieces.iter().map(|p| p.len()).sum();
            group.throughput(Throughput::Bytes(total as u64));
            group.bench_with_input(BenchmarkId::from_parameter(enc.name()), &pieces, |b, pieces| {
                b.iter(|| {
                    pieces
                        .iter()
                        .filter(|p| detect(black_box(p)).encoding.is_some())
                        .count()
                })
            });
        }
        group.finish();
    }

    // Mojibake repair on UTF-8 read as Latin-1, and on clean text.
    let sample = corpus(200_000);
    let mojibake: String = sample.bytes().map(char::from).collect();
    let mut group = c.benchmark_group("legacy/repair_mojibake");
    for (name, input) in [("utf8-as-latin1", mojibake.as_str()), ("clean", sample.as_str())] {
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), input, |b, input| {
            b.iter(|| repair_mojibake(black_box(input)).len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
