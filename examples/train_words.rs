//! Trains the word segmentation model and writes `data/word-model.bin`.
//!
//! ```text
//! cargo run --release --example train_words -- [--epochs N] [--bits B] [--folds F] [--margin M]
//!     [--min-pair C] [--seed S] [--no-unlabeled] [--out PATH] [--train PATH] [--holdout K]
//! ```
//!
//! Reads the gold segmentation `../shared/data/ud-vtb/train.seg.txt`
//! (UD Vietnamese-VTB, CC BY-SA 4.0; `--train` reads another file, e.g. a
//! part of it for a learning curve) and, for syllable-pair statistics, the
//! unlabeled `../shared/data/bench/viwiki.txt` when present. Prints the
//! word-level scores on `dev.seg.txt` when it is present (dev is only
//! measured, never trained on).
//!
//! `--holdout K` keeps every K-th block of 20 consecutive training
//! sentences out of training and
//! prints the scores on those sentences too, so options can be chosen on
//! train data alone (the model written then lacks those sentences: use it
//! for measuring, not as the built-in model).

use std::path::PathBuf;
use std::process::ExitCode;
use viet_text::word::training::{evaluate, train, Scores, TrainOptions};
use viet_text::word::WordSegmenter;

/// Consecutive sentences held out together by `--holdout`.
const HOLDOUT_BLOCK: usize = 20;

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/data");
    let mut opts = TrainOptions::default();
    let mut unlabeled = true;
    let mut out = root.join("data/word-model.bin");
    let mut train_path = shared.join("ud-vtb/train.seg.txt");
    let mut holdout = 0usize;
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
            "--train" => train_path = PathBuf::from(value("--train")),
            "--holdout" => holdout = value("--holdout").parse().unwrap_or(0),
            "--no-unlabeled" => unlabeled = false,
            "--out" => out = PathBuf::from(value("--out")),
            other => {
                eprintln!("unknown argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    let Ok(gold) = std::fs::read_to_string(&train_path) else {
        eprintln!("cannot read {}", train_path.display());
        return ExitCode::FAILURE;
    };
    // Every `holdout`-th block of consecutive sentences is held out (none
    // when 0 or 1): neighbouring sentences often share a document, so single
    // held-out lines would look easier than new text.
    let (gold, held): (Vec<&str>, Vec<&str>) = {
        let lines: Vec<&str> = gold.lines().filter(|l| !l.trim().is_empty()).collect();
        let mut kept = Vec::new();
        let mut held = Vec::new();
        for (n, l) in lines.into_iter().enumerate() {
            if holdout > 1 && (n / HOLDOUT_BLOCK) % holdout == holdout - 1 {
                held.push(l);
            } else {
                kept.push(l);
            }
        }
        (kept, held)
    };
    let gold = gold.join("\n");
    let held = held.join("\n");
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
    if !held.is_empty() {
        match WordSegmenter::from_model_bytes(&bytes) {
            Ok(seg) => print_scores("held-out train", &evaluate(&seg, &held)),
            Err(e) => {
                eprintln!("the model just written does not load: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if let Ok(dev) = std::fs::read_to_string(shared.join("ud-vtb/dev.seg.txt")) {
        match WordSegmenter::from_model_bytes(&bytes) {
            Ok(seg) => print_scores("dev", &evaluate(&seg, &dev)),
            Err(e) => {
                eprintln!("the model just written does not load: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

fn print_scores(name: &str, s: &Scores) {
    println!(
        "{name}: precision {:.4} recall {:.4} F1 {:.4} ({} gold, {} predicted, {} correct)",
        s.precision(),
        s.recall(),
        s.f1(),
        s.gold,
        s.predicted,
        s.correct
    );
}
