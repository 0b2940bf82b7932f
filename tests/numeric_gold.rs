//! Scores money, percent, quantity and date together on the developer gold
//! sets `../shared/data/news-dev` and `../shared/data/news-dev-finance`
//! (each skipped with a message when absent): exact span + type F1 and the
//! accuracy of values on matched entities.

mod common;

use common::gold::{gold_dir, score};
use viet_text::{EntityType, Extractor};

const TYPES: &[&str] = common::gold::NUMERIC_TYPES;

fn numeric_extractor() -> Extractor {
    Extractor::builder()
        .types(&[
            EntityType::Money,
            EntityType::Percent,
            EntityType::Quantity,
            EntityType::Date,
        ])
        .build()
}

fn check(set: &str, min_f1: f64, min_value_accuracy: f64) {
    let Some(dir) = gold_dir(set) else { return };
    let sc = score(&numeric_extractor(), &dir, TYPES);
    let report = sc.report(set);
    eprintln!("{report}");
    assert!(sc.f1() >= min_f1, "F1 {:.4} < {min_f1}\n{report}", sc.f1());
    assert!(
        sc.value_accuracy() >= min_value_accuracy,
        "value accuracy {:.4} < {min_value_accuracy}\n{report}",
        sc.value_accuracy()
    );
}

#[test]
fn numeric_types_on_news_dev() {
    check("news-dev", 0.95, 0.99);
}

#[test]
fn numeric_types_on_news_dev_finance() {
    check("news-dev-finance", 0.95, 0.99);
}
