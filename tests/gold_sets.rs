//! Scores the extractor on the developer gold sets in `../shared/data`
//! (skipped with a message when absent). Thresholds rise as issues 3 and 4 land.

mod common;

use common::gold::{gold_dir, score};
use viet_text::Extractor;

#[test]
fn percent_on_news_dev_is_precise() {
    let Some(dir) = gold_dir("news-dev") else { return };
    let sc = score(&Extractor::new(), &dir, &["percent"]);
    eprintln!("{}", sc.report("news-dev percent"));
    assert!(sc.tp > 0, "no percent found at all");
    assert!(sc.value_accuracy() >= 0.99, "{}", sc.report("news-dev percent"));
}
