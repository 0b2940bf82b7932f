//! Word lists embedded from `data/` and matched fast.
//!
//! SKELETON: only the dotted-abbreviation list; province names,
//! organization heads, program triggers, surnames and titles are to come
//! (issue 4).
//!
//! ```
//! assert!(viet_text::lexicon::is_dotted_abbreviation("TP."));
//! ```

use std::collections::HashSet;
use std::sync::LazyLock;

static DOTTED_ABBREVIATIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("../data/abbreviations.txt")).collect());

/// The entries of an embedded data file: one per line, `#` starts a comment
/// line, surrounding white space trimmed, empty lines skipped.
///
/// ```
/// let v: Vec<_> = viet_text::lexicon::entries("# header\nTP.\n\n TS. \n").collect();
/// assert_eq!(v, ["TP.", "TS."]);
/// ```
pub fn entries(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Whether `word` (with its final dot) is a known abbreviation written with
/// dots, such as `TP.`, `TS.`, `PGS.TS.` or `v.v.`.
///
/// ```
/// assert!(viet_text::lexicon::is_dotted_abbreviation("ThS."));
/// assert!(!viet_text::lexicon::is_dotted_abbreviation("nhà."));
/// ```
pub fn is_dotted_abbreviation(word: &str) -> bool {
    DOTTED_ABBREVIATIONS.contains(word)
}
