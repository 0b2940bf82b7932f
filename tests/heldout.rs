//! Generalization check: scores the extractor on `tests/fixtures/heldout`, ten
//! news excerpts written for this crate (court, football, startups, storms,
//! stocks, admissions, health, festivals, diplomacy, farm exports) that no
//! recognizer was tuned on. Prints per-type counts and every error, and
//! asserts only floors a little below the score measured when the set was
//! made, so it catches regressions without freezing today's mistakes.
//! Rebuild the gold after editing annotations:
//! `python3 tests/fixtures/build_gold.py tests/fixtures/heldout`.
//!
//! A second set, `tests/fixtures/heldout2` (ids 401-415: People's Council,
//! land-fraud verdict, transplant surgery, research grant, rice and fishery
//! exports, expressway, festival, SEA Games, fintech, bank results,
//! apartments, social insurance, diplomacy, flood relief, youth volunteers),
//! was annotated before the extractor ever ran on it (first, untuned micro F1
//! 0.911); its floors below are regression guards for the general fixes its
//! errors led to, not targets. Its error analysis is in docs/notes/heldout.md.

mod common;

use common::gold::{score, Score};
use std::path::PathBuf;
use viet_text::Extractor;

const TYPES: &[&str] = common::gold::ALL_TYPES;

/// A set under `tests/fixtures/`.
fn set_dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    2.0 * tp as f64 / (2 * tp + fp + fn_).max(1) as f64
}

/// Scores the full extractor on set `name` and prints the report, per-type
/// F1 and the errors the report leaves out.
fn scored(name: &str) -> Score {
    let sc = score(&Extractor::new(), &set_dir(name), TYPES);
    eprintln!("{}", sc.report(name));
    for (t, (tp, fp, fn_)) in &sc.per_type {
        eprintln!("  {t:<13} F1={:.3}", f1(*tp, *fp, *fn_));
    }
    for m in sc.missed.iter().skip(15) {
        eprintln!("  missed   {m}");
    }
    for m in sc.spurious.iter().skip(15) {
        eprintln!("  spurious {m}");
    }
    sc
}

/// Asserts each type's exact F1 is at least its floor.
fn assert_type_floors(sc: &Score, name: &str, floors: &[(&str, f64)]) {
    for &(t, floor) in floors {
        let (tp, fp, fn_) = sc.per_type.get(t).copied().unwrap_or_default();
        assert!(f1(tp, fp, fn_) >= floor, "{t}: {}", sc.report(name));
    }
}

#[test]
fn heldout_news_scores_above_floor() {
    let sc = scored("heldout");
    // Measured when the set was made: micro F1 0.894, value accuracy 0.982.
    assert!(sc.tp + sc.fn_ >= 300, "gold set looks truncated");
    // After the held-out name fixes (notes/names.md): micro F1 0.950.
    assert!(sc.f1() >= 0.92, "{}", sc.report("heldout"));
    assert!(sc.value_accuracy() >= 0.95, "{}", sc.report("heldout"));
    // Numeric types generalize best; guard them more tightly.
    assert_type_floors(&sc, "heldout", &[("money", 0.95), ("percent", 0.95)]);
    // Name types, measured 0.942 / 0.964 / 0.947 after the held-out fixes.
    assert_type_floors(
        &sc,
        "heldout",
        &[("organization", 0.91), ("location", 0.93), ("person", 0.91)],
    );
}

#[test]
fn heldout2_news_scores_above_floor() {
    let sc = scored("heldout2");
    // REGRESSION GUARDS, not targets. The first, untuned score of this set
    // (release build of 809f971, before any fix) was micro F1 0.909, value
    // accuracy 0.984 (0.911 after one gold adjudication, see
    // docs/notes/heldout.md); that stays the honest estimate for unseen news.
    // The general fixes of docs/notes/heldout.md (d) raised it to 0.985
    // (value accuracy 0.987); the floors guard those fixes a few points
    // under that figure. Never tune rules to these texts.
    assert!(sc.tp + sc.fn_ >= 560, "gold set looks truncated");
    assert!(sc.f1() >= 0.96, "{}", sc.report("heldout2"));
    assert!(sc.value_accuracy() >= 0.97, "{}", sc.report("heldout2"));
    // Measured per type after the fixes (untuned first run in brackets):
    // date 1.000 (0.993), percent 1.000 (1.000), money 1.000 (0.974),
    // quantity 0.987 (0.907), person 1.000 (0.899), location 0.986 (0.886),
    // program 0.923 (0.846, 13 only), organization 0.956 (0.823).
    assert_type_floors(
        &sc,
        "heldout2",
        &[
            ("date", 0.98),
            ("percent", 0.98),
            ("money", 0.97),
            ("quantity", 0.95),
            ("person", 0.95),
            ("location", 0.95),
            ("program", 0.84),
            ("organization", 0.92),
        ],
    );
}
