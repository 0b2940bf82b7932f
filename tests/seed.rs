//! The article this project started from (`../shared/data/seed`, skipped
//! with a message when absent): every gold entity is found with its exact
//! span, type and value, and nothing else.
//!
//! The numeric types (money, percent, quantity, date) come from the numeric
//! recognizers; `seed_names_exact` checks the four name types alone,
//! `seed_all_types_exact` all 23 entities.

mod common;

use common::gold::{gold_dir, score};
use viet_text::Extractor;

const NAMES: &[&str] = common::gold::NAME_TYPES;
const ALL: &[&str] = common::gold::ALL_TYPES;

#[test]
fn seed_names_exact() {
    let Some(dir) = gold_dir("seed") else { return };
    let sc = score(&Extractor::new(), &dir, NAMES);
    eprintln!("{}", sc.report("seed names"));
    assert!(sc.tp > 0, "no name found");
    assert_eq!((sc.fp, sc.fn_), (0, 0), "{}", sc.report("seed names"));
    assert_eq!(sc.value_ok, sc.tp, "{}", sc.report("seed names"));
}

#[test]
fn seed_all_types_exact() {
    let Some(dir) = gold_dir("seed") else { return };
    let sc = score(&Extractor::new(), &dir, ALL);
    eprintln!("{}", sc.report("seed all types"));
    assert_eq!(
        (sc.tp, sc.fp, sc.fn_),
        (23, 0, 0),
        "{}",
        sc.report("seed all types")
    );
    assert_eq!(sc.value_ok, 23);
}
