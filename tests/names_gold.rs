//! Scores the name types (organization, program, location, person) on the
//! developer gold sets in `../shared/data` (each skipped with a message when
//! absent). The thresholds sit just under the figures measured, so a
//! regression fails; `--nocapture` prints the reports.

mod common;

use common::gold::{gold_dir, score, Score};
use viet_text::Extractor;

const NAMES: &[&str] = common::gold::NAME_TYPES;
const ALL: &[&str] = common::gold::ALL_TYPES;
const SETS: &[&str] = &["news-dev", "news-dev-finance"];

/// Scores both sets together (micro-averaged) and prints each report.
fn combined(types: &[&str]) -> Option<Score> {
    let ex = Extractor::new();
    let mut total = Score::default();
    for set in SETS {
        let dir = gold_dir(set)?;
        let sc = score(&ex, &dir, types);
        eprintln!("{}", sc.report(&format!("{set} {}", types.join("+"))));
        total.tp += sc.tp;
        total.fp += sc.fp;
        total.fn_ += sc.fn_;
        total.value_ok += sc.value_ok;
    }
    eprintln!(
        "both sets {}: {}",
        types.join("+"),
        total.report("total").lines().next().unwrap_or("")
    );
    Some(total)
}

#[test]
fn four_name_types_together() {
    let Some(sc) = combined(NAMES) else { return };
    assert!(sc.f1() >= 0.93, "F1 {:.4}", sc.f1());
    assert!(
        sc.value_accuracy() >= 0.98,
        "value accuracy {:.4}",
        sc.value_accuracy()
    );
}

#[test]
fn each_name_type() {
    for (t, min) in [
        ("organization", 0.90),
        ("program", 0.90),
        ("location", 0.93),
        ("person", 0.90),
    ] {
        let Some(sc) = combined(&[t]) else { return };
        assert!(sc.f1() >= min, "{t}: F1 {:.4} < {min}", sc.f1());
    }
}

#[test]
fn program_alone() {
    let Some(sc) = combined(&["program"]) else { return };
    assert!(sc.f1() >= 0.90, "program F1 {:.4}", sc.f1());
}

#[test]
fn all_eight_types_together() {
    // The numeric types come from the numeric recognizers (merged).
    let Some(sc) = combined(ALL) else { return };
    assert!(sc.f1() >= 0.95, "all types F1 {:.4}", sc.f1());
}
