//! Trains the word segmentation model and writes `data/word-model.bin`.
//!
//! ```text
//! cargo run --release --example train_words -- [--epochs N] [--bits B] [--folds F] [--margin M]
//!     [--min-pair C] [--seed S] [--no-unlabeled] [--out PATH]
//! ```
//!
//! Reads the gold segmentation `../shared/data/ud-vtb/train.seg.txt`
//! (UD Vietnamese-VTB, CC BY-SA 4.0) and, for syllable-pair statistics, the
//! unlabeled `../shared/data/bench/viwiki.txt` when present. Prints the
//! word-level scores on `dev.seg.txt` when it is present (dev is only
//! measured, never trained on).

use std::path::PathBuf;
use std::process::ExitCode;
use viet_text::word::training::{evaluate, train, TrainOptions};
use viet_text::word::WordSegmenter;

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/data");
    let mut opts = TrainOptions::default();
    let mut unlabeled = true;
    let mut out = root.join("data/word-model.bin");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| match args.next() {
            Some(v) => v,
            None => {
                eprintln!("{name} needs a value");
                std::process::exit(2);
            }
        };
        match a.as_str() {
            "--epochs" => opts.epochs = value("--epochs").parse().unwrap_or(opts.epochs),
            "--bits" => opts.hash_bits = value("--bits").parse().unwrap_or(opts.hash_bits),
            "--folds" => opts.folds = value("--folds").parse().unwrap_or(opts.folds),
            "--min-pair" => opts.min_pair_count = value("--min-pair").parse().unwrap_or(opts.min_pair_count),
            "--margin" => opts.margin = value("--margin").parse().unwrap_or(opts.margin),
            "--seed" => opts.seed = value("--seed").parse().unwrap_or(opts.seed),
            "--no-unlabeled" => unlabeled = false,
            "--out" => out = PathBuf::from(value("--out")),
            other => {
                eprintln!("unknown argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    let train_path = shared.join("ud-vtb/train.seg.txt");
    let Ok(gold) = std::fs::read_to_string(&train_path) else {
        eprintln!("cannot read {}", train_path.display());
        return ExitCode::FAILURE;
    };
    let wiki = if unlabeled {
        std::fs::read_to_string(shared.join("bench/viwiki.txt")).ok()
    } else {
        None
    };
    eprintln!(
        "training on {} (unlabeled text: {}) with {:?}",
        train_path.display(),
        if wiki.is_some() { "viwiki.txt" } else { "none" },
        opts
    );
    let bytes = train(&gold, wiki.as_deref(), &opts);
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
    if let Ok(dev) = std::fs::read_to_string(shared.join("ud-vtb/dev.seg.txt")) {
        match WordSegmenter::from_model_bytes(&bytes) {
            Ok(seg) => {
                let s = evaluate(&seg, &dev);
                println!(
                    "dev: precision {:.4} recall {:.4} F1 {:.4} ({} gold, {} predicted, {} correct)",
                    s.precision(),
                    s.recall(),
                    s.f1(),
                    s.gold,
                    s.predicted,
                    s.correct
                );
            }
            Err(e) => {
                eprintln!("the model just written does not load: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
