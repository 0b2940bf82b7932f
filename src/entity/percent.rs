//! Percentages: `97%`, `2,5 phần trăm`, `từ 3-4%`.
//!
//! A percentage is a digit-written number with `%` (touching it or not) or
//! `phần trăm` after it; a bounding word before it is its qualifier, a
//! written minus sign makes it negative, and two such numbers joined by a
//! dash, `đến` or `tới` (with `từ` before) make a range: `từ 3-4%`,
//! `60 - 65%`, `1,5% đến 2%`. Percentage points (`điểm %`) are quantities.
//!
//! ```
//! use viet_text::{Entity, Extractor};
//! let Entity::Percent(p) = &Extractor::new().extract("giảm (-4,02%)")[0] else { panic!() };
//! assert_eq!((p.text.as_str(), p.value.clone()), ("-4,02%", viet_text::entity::PercentValue::Exact { value: "-4.02".parse().unwrap() }));
//! ```

use super::numeric::{
    adjacent, inline_gap, is_code_part, is_dash, is_word, minus_before, qualifier_before, span_of, starts,
    starts_one_of, NumDoc,
};
use super::{Document, Entity, Qualifier, Recognizer};
use crate::span::Span;
use crate::token::TokenKind;
use crate::Decimal;
use serde::Serialize;

/// A percentage.
///
/// ```
/// use viet_text::{Entity, Extractor};
/// let Entity::Percent(p) = &Extractor::new().extract("đạt 97%")[0] else { panic!() };
/// assert_eq!(p.value, viet_text::entity::PercentValue::Exact { value: "97".parse().unwrap() });
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Percent {
    /// Byte span in the input.
    #[serde(flatten)]
    pub span: Span,
    /// The input at `span`.
    pub text: String,
    /// The value (`97` for 97%) or range.
    #[serde(flatten)]
    pub value: PercentValue,
    /// A bounding word before the number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
}

/// A percentage value or range.
///
/// ```
/// use viet_text::entity::PercentValue;
/// let v = PercentValue::Range { min: "3".parse().unwrap(), max: "4".parse().unwrap() };
/// assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"min":"3","max":"4"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum PercentValue {
    /// One value.
    Exact {
        /// The value in percent.
        value: Decimal,
    },
    /// A range.
    Range {
        /// Lower bound.
        min: Decimal,
        /// Upper bound.
        max: Decimal,
    },
}

/// Finds percentages.
pub(crate) struct PercentRecognizer;

impl PercentRecognizer {
    pub(crate) fn new() -> Self {
        PercentRecognizer
    }
}

/// A number with its percent sign: value, first token, index after the sign.
struct Read {
    value: Decimal,
    end: usize,
    /// Whether the `%` or `phần trăm` was written.
    marked: bool,
}

/// Reads a number at `i` with its `%` / `phần trăm`, if any.
fn read(doc: &NumDoc<'_, '_>, i: usize) -> Option<Read> {
    let t = doc.tokens.get(i)?;
    match t.kind {
        TokenKind::Percent => {
            let digits = t.text.strip_suffix('%')?;
            let value = crate::number::parse_digits(digits).ok()?;
            Some(Read {
                value,
                end: i + 1,
                marked: true,
            })
        }
        TokenKind::Number => {
            let value = crate::number::parse_digits(t.text).ok()?;
            let next = i + 1;
            let gap_ok = adjacent(doc, i) || inline_gap(doc, i);
            if gap_ok && doc.tokens.get(next).is_some_and(|n| n.text == "%") {
                return Some(Read {
                    value,
                    end: next + 1,
                    marked: true,
                });
            }
            if inline_gap(doc, i)
                && is_word(doc, next, "phần")
                && inline_gap(doc, next)
                && is_word(doc, next + 1, "trăm")
            {
                return Some(Read {
                    value,
                    end: next + 2,
                    marked: true,
                });
            }
            Some(Read {
                value,
                end: next,
                marked: false,
            })
        }
        _ => None,
    }
}

impl Recognizer for PercentRecognizer {
    fn produces(&self) -> &'static [super::EntityType] {
        &[super::EntityType::Percent]
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Entity>) {
        self.run(&NumDoc::new(doc), out);
    }
}

impl PercentRecognizer {
    /// Adds the candidates found in `doc` (whose memo other numeric
    /// recognizers may share) to `out`.
    pub(crate) fn run(&self, doc: &NumDoc<'_, '_>, out: &mut Vec<Entity>) {
        self.run_with(doc, out, true);
    }

    /// `run`, with the early reject of bare numbers on or off (tests
    /// compare both).
    pub(crate) fn run_with(&self, doc: &NumDoc<'_, '_>, out: &mut Vec<Entity>, early_reject: bool) {
        for &i in doc.number_anchors() {
            let kind = doc.tokens[i].kind;
            // A bare number is a percentage only with `%` or `phần trăm`
            // right after it (see `read`), or as the first member of a
            // range, which starts right after it with a dash, `đến` or
            // `tới` (see `range_end`): every other number is skipped here
            // before any reading.
            if early_reject && kind == TokenKind::Number && !may_be_marked_or_range(doc, i) {
                continue;
            }
            // Nor is it one before a dash, `đến` or `tới` (no `%` or
            // `phần` after it, so `read` ends it right there) unless the
            // second member is marked: a percentage token, or a number
            // with `%` or `phần` after it (see `range_end`).
            if early_reject && kind == TokenKind::Number && !marked_after(doc, i) {
                let second = i + 2;
                let marked_second = doc.tokens.get(second).is_some_and(|t| match t.kind {
                    TokenKind::Percent => true,
                    TokenKind::Number => marked_after(doc, second),
                    _ => false,
                });
                if !marked_second {
                    continue;
                }
            }
            if !matches!(kind, TokenKind::Percent | TokenKind::Number)
                || (kind == TokenKind::Number && is_code_part(doc, i))
            {
                continue;
            }
            if let Some(e) = glued_to_word(doc, i) {
                out.push(e);
                continue;
            }
            let Some(first) = read(doc, i) else { continue };
            // A number is a percentage only with its own sign or as the
            // first member of a range that has one: settle that before
            // looking for a bounding word.
            let range = range_end(doc, &first);
            if range.is_none() && !first.marked {
                continue;
            }
            let (lead, qualifier, negative) = match (minus_before(doc, i), qualifier_before(doc, i)) {
                (Some(sign), _) => (sign, None, true),
                (None, Some((q, start))) => (start, Some(q), false),
                (None, None) => (i, None, false),
            };
            // A range: `60 - 65%`, `1% - 1,5%`, `1,5% đến 2%`, `từ 3-4%`.
            if let Some((second, end)) = range {
                let first_value = if negative { -first.value } else { first.value };
                if first_value <= second {
                    let from = if i > 0 && is_word(doc, i - 1, "từ") && inline_gap(doc, i - 1) {
                        i - 1
                    } else {
                        lead
                    };
                    let from = if negative { lead } else { from };
                    // `khoảng 30-40%`: a bounding word before a range bounds it too.
                    let bound = if from == lead { qualifier } else { None };
                    out.push(percent(
                        doc,
                        from,
                        end,
                        PercentValue::Range {
                            min: first_value,
                            max: second,
                        },
                        bound,
                    ));
                    continue;
                }
            }
            if first.marked {
                let value = if negative { -first.value } else { first.value };
                out.push(percent(
                    doc,
                    lead,
                    first.end,
                    PercentValue::Exact { value },
                    qualifier,
                ));
            }
        }
    }
}

/// Whether `%` or `phần` comes right after token `i`.
fn marked_after(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    doc.tokens.get(i + 1).is_some_and(|n| n.text == "%") || is_word(doc, i + 1, "phần")
}

/// Whether the token after the number at `i` can make it a percentage
/// (`%`, `phần`) or the first member of a range (a dash, `đến`, `tới`).
/// When not, `read` gives an unmarked number and `range_end` nothing.
fn may_be_marked_or_range(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    may_be_marked_or_range_with(doc, i, true)
}

/// [`may_be_marked_or_range`]; with `filter`, a next token without the
/// first byte and length of `%`, `phần`, a dash, `đến` or `tới` is
/// rejected at once (tests compare both).
pub(crate) fn may_be_marked_or_range_with(doc: &NumDoc<'_, '_>, i: usize, filter: bool) -> bool {
    let next = i + 1;
    if filter
        && !starts_one_of(
            doc,
            next,
            &const {
                starts(&[
                    "%", "phần", "Phần", "-", "–", "—", "‐", "‑", "đến", "Đến", "tới", "Tới",
                ])
            },
        )
    {
        return false;
    }
    doc.tokens.get(next).is_some_and(|n| n.text == "%")
        || is_word(doc, next, "phần")
        || is_dash(doc, next)
        || is_word(doc, next, "đến")
        || is_word(doc, next, "tới")
}

/// `bằng107,07%`: a missing space glues the integer part to the word
/// before it, so the tokenizer sees `bằng107` `,` `07%`. The percent is
/// the digits at the end of that word with the decimals, and its span
/// starts at the first digit.
fn glued_to_word(doc: &NumDoc<'_, '_>, i: usize) -> Option<Entity> {
    let t = &doc.tokens[i];
    if t.kind != TokenKind::Percent || i < 2 || !adjacent(doc, i - 1) || !adjacent(doc, i - 2) {
        return None;
    }
    let (comma, word) = (&doc.tokens[i - 1], &doc.tokens[i - 2]);
    if comma.text != "," || word.kind != TokenKind::Word {
        return None;
    }
    let digits_at = word.text.len() - word.text.bytes().rev().take_while(u8::is_ascii_digit).count();
    let letters = &word.text[..digits_at];
    if digits_at == word.text.len() || letters.is_empty() || !letters.chars().all(char::is_alphabetic) {
        return None;
    }
    let start = word.span.start + digits_at;
    let text = doc.text.get(start..t.span.end)?;
    let value = crate::number::parse_digits(text.strip_suffix('%')?).ok()?;
    Some(Entity::Percent(Percent {
        span: Span::new(start, t.span.end),
        text: String::new(),
        value: PercentValue::Exact { value },
        qualifier: None,
    }))
}

/// The second member of a range after `first`: its value and end.
fn range_end(doc: &NumDoc<'_, '_>, first: &Read) -> Option<(Decimal, usize)> {
    let j = first.end;
    let joined = j > 0 && (adjacent(doc, j - 1) || inline_gap(doc, j - 1));
    if !joined || !(is_dash(doc, j) || is_word(doc, j, "đến") || is_word(doc, j, "tới")) {
        return None;
    }
    if !(adjacent(doc, j) || inline_gap(doc, j)) {
        return None;
    }
    let second = read(doc, j + 1)?;
    second.marked.then_some((second.value, second.end))
}

fn percent(
    doc: &NumDoc<'_, '_>,
    start: usize,
    end: usize,
    value: PercentValue,
    qualifier: Option<Qualifier>,
) -> Entity {
    let span: Span = span_of(doc, start, end);
    Entity::Percent(Percent {
        span,
        // The extractor takes the text from the caller's input.
        text: String::new(),
        value,
        qualifier,
    })
}

#[cfg(test)]
mod tests {
    use crate::entity::{Entity, PercentValue, Qualifier};
    use crate::{EntityType, Extractor};

    fn percents(text: &str) -> Vec<(String, String, Option<Qualifier>)> {
        Extractor::builder()
            .types(&[EntityType::Percent])
            .build()
            .extract(text)
            .into_iter()
            .filter_map(|e| match e {
                Entity::Percent(p) => {
                    assert_eq!(&text[p.span.range()], p.text);
                    let v = match p.value {
                        PercentValue::Exact { value } => value.to_string(),
                        PercentValue::Range { min, max } => format!("{min}..{max}"),
                    };
                    Some((p.text, v, p.qualifier))
                }
                _ => None,
            })
            .collect()
    }

    fn pairs(text: &str) -> Vec<(String, String)> {
        percents(text).into_iter().map(|(a, b, _)| (a, b)).collect()
    }

    fn p(a: &str, b: &str) -> (String, String) {
        (a.into(), b.into())
    }

    #[test]
    fn plain_forms() {
        assert_eq!(pairs("đạt 97%."), [p("97%", "97")]);
        assert_eq!(pairs("97%"), [p("97%", "97")]);
        assert_eq!(pairs("lãi 0,41 %/năm"), [p("0,41 %", "0.41")]);
        assert_eq!(pairs("tăng 2,5 phần trăm"), [p("2,5 phần trăm", "2.5")]);
        assert_eq!(pairs("(100%)"), [p("100%", "100")]);
        assert_eq!(pairs("“12%”"), [p("12%", "12")]);
    }

    #[test]
    fn qualifiers_and_comparatives() {
        let v = percents("tăng hơn 60% so với");
        assert_eq!((v[0].0.as_str(), v[0].2), ("hơn 60%", Some(Qualifier::MoreThan)));
        let v = percents("cao hơn 15% cùng kỳ");
        assert_eq!((v[0].0.as_str(), v[0].2), ("15%", None));
        assert_eq!(percents("xấp xỉ 10,5%")[0].2, Some(Qualifier::About));
        assert_eq!(percents("ít nhất 30%")[0].2, Some(Qualifier::AtLeast));
    }

    #[test]
    fn ranges_and_signs() {
        assert_eq!(pairs("từ 3-4%"), [p("từ 3-4%", "3..4")]);
        assert_eq!(percents("khoảng 30-40% số hộ")[0].2, Some(Qualifier::About));
        assert_eq!(pairs("đạt 60 - 65%;"), [p("60 - 65%", "60..65")]);
        assert_eq!(pairs("giảm 1% - 1,5%/năm"), [p("1% - 1,5%", "1..1.5")]);
        assert_eq!(pairs("ở mức 1,5% đến 2% là"), [p("1,5% đến 2%", "1.5..2")]);
        assert_eq!(pairs("giảm (-4,02%)"), [p("-4,02%", "-4.02")]);
        assert_eq!(pairs("-3%"), [p("-3%", "-3")]);
        assert_eq!(pairs("tỷ đồng, bằng107,07% dự toán"), [p("107,07%", "107.07")]);
    }

    #[test]
    fn not_percent() {
        assert!(pairs("bằng 113,07 chỉ tiêu").is_empty());
        assert!(pairs("tăng 4,81 điểm % so").is_empty());
        assert!(pairs("").is_empty());
    }

    #[test]
    fn decomposed_input_maps_back() {
        let text = "Ti\u{0309}\u{0302} le\u{0323}\u{0302} ho\u{0300}a 5,5%";
        assert_eq!(pairs(text), [p("5,5%", "5.5")]);
    }
}
