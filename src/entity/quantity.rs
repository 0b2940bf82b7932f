//! Quantities: `104/104 hộ`, `hơn 40 con`, `500 kg`, `4,81 điểm %`.
//!
//! A quantity is a digit-written number (or a ratio `a/b`) followed by
//! its unit: a unit of measure or time alone (`500 kg`, `3 ngày`, `2,1
//! lần`, `4,81 điểm %`), a classifier with its noun (`400 suất quà`), or
//! the counted noun as a whole word (`2.723 tàu cá`, `hơn 1.000 người`);
//! nouns of one class joined by commas stay together (`5 tỉnh, thành
//! phố`), modifiers after the noun stay outside. What counts as a unit
//! comes from `data/numeric/units.txt` and a general rule: a lower-case
//! syllable after the number that is not a function word, verb or
//! adjective (`data/numeric/stopwords.txt`). Numbers after a label word
//! (`thứ 2`, `lớp 8`, `tổ 6`), codes, clock times and phone numbers are not
//! counts.
//!
//! ```
//! use viet_text::{Entity, Extractor};
//! let Entity::Quantity(q) = &Extractor::new().extract("Đã có 104/104 hộ thoát nghèo.")[0] else { panic!() };
//! assert_eq!((q.text.as_str(), q.unit.as_str()), ("104/104 hộ", "hộ"));
//! ```

use super::numeric::{
    adjacent, clock_time_after, date_context_before, ends_at_next, inline_gap, is_code_part, is_dash,
    is_plain_digits, is_time_unit, is_word, label_before, lower, qualifier_before, read_number, span_of,
    starts, starts_one_of, text_of, unit_at, NumDoc, Starts, LABELS,
};
use super::{Document, Entity, Qualifier, Recognizer};
use crate::span::Span;
use crate::token::TokenKind;
use crate::Decimal;
use serde::Serialize;

/// A counted amount or ratio with its unit.
///
/// ```
/// use viet_text::entity::{Quantity, QuantityValue};
/// let q = Quantity { span: viet_text::Span::new(0, 11), text: "104/104 hộ".into(),
///     value: QuantityValue::Ratio { numerator: "104".parse().unwrap(), denominator: "104".parse().unwrap() },
///     unit: "hộ".into(), qualifier: None };
/// assert!(serde_json::to_string(&q).unwrap().contains(r#""numerator":"104","denominator":"104","unit":"hộ""#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// Byte span in the input.
    #[serde(flatten)]
    pub span: Span,
    /// The input at `span`.
    pub text: String,
    /// The amount, range or ratio.
    #[serde(flatten)]
    pub value: QuantityValue,
    /// The counted noun or measure (`hộ`, `kg`, `điểm %`); empty for a
    /// ratio that counts no word (`thứ 14/65`), and then left out of JSON.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// A bounding word before the number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
}

/// The value of a quantity.
///
/// ```
/// use viet_text::entity::QuantityValue;
/// let v = QuantityValue::Exact { amount: "40".parse().unwrap() };
/// assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"amount":"40"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum QuantityValue {
    /// One amount.
    Exact {
        /// The amount.
        amount: Decimal,
    },
    /// A range.
    Range {
        /// Lower bound.
        min: Decimal,
        /// Upper bound.
        max: Decimal,
    },
    /// `104/104`.
    Ratio {
        /// The part.
        numerator: Decimal,
        /// The whole.
        denominator: Decimal,
    },
}

/// Finds quantities.
pub(crate) struct QuantityRecognizer;

impl QuantityRecognizer {
    pub(crate) fn new() -> Self {
        QuantityRecognizer
    }
}

/// Words before a ratio that make it a rank or a share (`thứ 14/65`,
/// `bằng 1/2`) rather than a day and month.
const RATIO_CUES: &[&str] = &["thứ", "bằng", "gấp", "chiếm", "hạng", "đứng"];

/// Date words: a number after them is part of a date, not a count.
const DATE_WORDS: &[&str] = &[
    "ngày", "tháng", "năm", "quý", "quí", "giờ", "lúc", "phút", "h", "mồng", "mùng",
];

/// The first bytes and lengths of [`DATE_WORDS`] as `lower` can meet them:
/// in lower case, or starting with a capital (capitalized or in capitals:
/// each of their letters has a capital of its own length in bytes). A test
/// checks every word in the three forms.
const DATE_WORD_STARTS: Starts = starts(&[
    "ngày", "tháng", "năm", "quý", "quí", "giờ", "lúc", "phút", "h", "mồng", "mùng", "Ngày", "Tháng", "Năm",
    "Quý", "Quí", "Giờ", "Lúc", "Phút", "H", "Mồng", "Mùng",
]);

/// `prev_word_in(doc, i, DATE_WORDS)`, asked up to three times for most
/// numbers: most words before a number (or none) fail the first byte and
/// length of every date word, tested inline.
#[inline]
fn after_date_word(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    if doc.fast && (i == 0 || !starts_one_of(doc, i - 1, &DATE_WORD_STARTS)) {
        debug_assert!(!prev_word_in(doc, i, DATE_WORDS));
        return false;
    }
    prev_word_in(doc, i, DATE_WORDS)
}

impl Recognizer for QuantityRecognizer {
    fn produces(&self) -> &'static [super::EntityType] {
        &[super::EntityType::Quantity]
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Entity>) {
        self.run(&NumDoc::new(doc), out);
    }
}

impl QuantityRecognizer {
    /// Adds the candidates found in `doc` (whose memo other numeric
    /// recognizers may share) to `out`.
    pub(crate) fn run(&self, doc: &NumDoc<'_, '_>, out: &mut Vec<Entity>) {
        for &i in doc.number_anchors() {
            // (Not `extend`: over an `Option` it reserves room at every
            // anchor, and most numbers find nothing.)
            if let Some(e) = quantity_at(doc, i) {
                out.push(e);
            }
        }
    }

    /// [`QuantityRecognizer::run`], except that the number `N` of `N tháng
    /// M…` (a number, `tháng`, a token starting with a digit: nearly
    /// always inside a date that beats the quantity) is not read: instead
    /// `[start, end)` of its token and a span every quantity `counted`
    /// could find there lies within are pushed to `deferred` (byte
    /// offsets). The caller must check after overlap resolution that each
    /// is beaten (see `numeric::deferred_are_beaten`), or redo the document
    /// with [`QuantityRecognizer::run`].
    pub(crate) fn run_deferring(
        &self,
        doc: &NumDoc<'_, '_>,
        out: &mut Vec<Entity>,
        deferred: &mut Vec<[usize; 4]>,
    ) {
        for &i in doc.number_anchors() {
            let t = &doc.tokens[i];
            if t.kind == TokenKind::Number {
                if let Some(bound) = month_day_bound(doc, i) {
                    debug_assert!(counted(doc, i).map_or(true, |q| {
                        let s = q.span();
                        bound.start <= s.start && s.end <= bound.end
                    }));
                    deferred.push([t.span.start, t.span.end, bound.start, bound.end]);
                    continue;
                }
            }
            if let Some(e) = quantity_at(doc, i) {
                out.push(e);
            }
        }
    }
}

/// The quantity (or ratio) at the number anchor `i`, if any: what
/// [`QuantityRecognizer::run`] finds there.
#[inline(always)]
fn quantity_at(doc: &NumDoc<'_, '_>, i: usize) -> Option<Entity> {
    match doc.tokens[i].kind {
        // (`maybe_more` inline first: it settles about half of the numbers
        // without a call.)
        TokenKind::Number
            if (!doc.fast || (maybe_more(doc, i) && may_be_counted_given_more(doc, i)))
                && !is_code_part(doc, i) =>
        {
            counted(doc, i)
        }
        TokenKind::Ratio if !is_code_part(doc, i) => ratio(doc, i),
        _ => None,
    }
}

/// At a number `i` followed by `tháng` and a token that starts with a
/// digit: a span that holds any quantity [`counted`] finds at `i` (from
/// the qualifier or `từ` before the number to the end of `tháng`: the
/// unit `tháng` is one token, and a range needs a dash, `đến` or `tới`
/// after it, not a digit). `None` elsewhere.
fn month_day_bound(doc: &NumDoc<'_, '_>, i: usize) -> Option<Span> {
    let month = doc.tokens.get(i + 1)?;
    if month.text.len() != "tháng".len()
        || !is_word(doc, i + 1, "tháng")
        || !doc
            .tokens
            .get(i + 2)
            .is_some_and(|t| t.text.as_bytes().first().is_some_and(u8::is_ascii_digit))
        || !inline_gap(doc, i)
        || !month_is_one_token_unit(doc, i + 1)
    {
        return None;
    }
    let mut start = i;
    if let Some((_, lead)) = qualifier_before(doc, i) {
        start = start.min(lead);
    }
    if i > 0 && is_word(doc, i - 1, "từ") {
        start = start.min(i - 1);
    }
    Some(span_of(doc, start, i + 2))
}

/// Whether the unit at token `j`, a `tháng` in any case (see
/// [`month_day_bound`]), is that token alone. On the fast path known
/// without the look-up: the unit table holds `tháng` alone as a unit of
/// time (`numeric::thang_is_one_token_unit`), which `unit_at` then finds
/// at any case form of the word, one token long. (A test compares.)
#[inline]
fn month_is_one_token_unit(doc: &NumDoc<'_, '_>, j: usize) -> bool {
    let looked_up = || matches!(unit_at(doc, j), Some((a, b, _)) if a == j && b == j + 1);
    if doc.fast && super::numeric::thang_is_one_token_unit() {
        debug_assert!(looked_up());
        return true;
    }
    looked_up()
}

fn prev_word_in(doc: &NumDoc<'_, '_>, i: usize, words: &[&str]) -> bool {
    if i == 0 || !inline_gap(doc, i - 1) {
        return false;
    }
    let Some(t) = doc.tokens.get(i - 1) else {
        return false;
    };
    let w = lower(t.text);
    let b = w.as_bytes();
    // (Length and first byte first: most words differ there, and the full
    // comparison is a call.)
    words
        .iter()
        .any(|x| x.len() == b.len() && x.as_bytes().first() == b.first() && x.as_bytes() == b)
}

/// The unit after the token `end - 1`: its token range and whether it is a measure.
fn unit_after(doc: &NumDoc<'_, '_>, end: usize) -> Option<(usize, usize, bool)> {
    let glued = adjacent(doc, end - 1);
    if !glued && !inline_gap(doc, end - 1) {
        return None;
    }
    let (a, b, measure) = unit_at(doc, end)?;
    // Only a measure may touch the digits (`500kg`, `100m`).
    if glued && !measure {
        return None;
    }
    Some((a, b, measure))
}

/// Whether a token can follow a number that has a unit or a range.
#[inline(always)]
fn maybe_more(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    let next = i + 1;
    let Some(t) = doc.tokens.get(next) else {
        return false;
    };
    // (The kinds as one bit test, not a chain of compares; the dash test,
    // rarely needed, out of line.)
    MORE_KINDS >> (t.kind as u32) & 1 != 0
        || t.text == "%"
        || (t.kind == TokenKind::Punct
            // (Every dash starts with `-` or 0xE2: most punctuation after
            // a number, `,` `.` `)` `:`, leaves without the call.)
            && matches!(t.text.as_bytes().first(), Some(b'-' | 0xE2))
            && dash_at(doc, next))
}

/// [`is_dash`], out of line (for [`maybe_more`]).
#[inline(never)]
fn dash_at(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    is_dash(doc, i)
}

/// Bit `k` set for each [`TokenKind`] `k` that [`maybe_more`] lets follow
/// a number whatever its text.
const MORE_KINDS: u32 = 1 << TokenKind::Syllable as u32
    | 1 << TokenKind::Word as u32
    | 1 << TokenKind::Abbreviation as u32
    | 1 << TokenKind::Symbol as u32;

/// False only when [`counted`] finds nothing at the number token `i`,
/// found without reading the number or asking whether it is part of a
/// code: nothing that can follow a counted number follows it, or the
/// number ends right before the next token (see `ends_at_next`) and that
/// token is no unit, dash, `đến`, `tới` or `giờ` (what `range` and
/// `counted` need there), or the number is the second member of a range
/// or follows a date word (which `counted` rejects after reading).
#[cfg(test)]
fn may_be_counted(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    maybe_more(doc, i) && may_be_counted_given_more(doc, i)
}

/// [`may_be_counted`] at a number `i` where [`maybe_more`] holds (the
/// caller, `quantity_at`, tested it inline: not asked twice, with its
/// out-of-line dash test after the 11 k numbers followed by a dash).
fn may_be_counted_given_more(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    debug_assert!(maybe_more(doc, i));
    if after_dash(doc, i) {
        return false;
    }
    if !ends_at_next(doc, i) {
        return true;
    }
    // (`counted` rejects a number after a date word before it reads on:
    // `tháng 5 – …` need not look for a range or a unit at the dash.)
    if after_date_word(doc, i) {
        return false;
    }
    let j = i + 1;
    if is_word(doc, j, "giờ") {
        return true;
    }
    let dash = is_dash(doc, j);
    if dash || is_word(doc, j, "đến") || is_word(doc, j, "tới") {
        // A range (`range`, second form) needs a number after the dash
        // with a unit after it; when that number ends right after its
        // digits, the unit must start there. Else only a unit at the dash
        // itself could count (the first form, and `counted` after it).
        let second = j + 1;
        let range_may = doc
            .tokens
            .get(second)
            .is_some_and(|t| t.kind == TokenKind::Number)
            && (!ends_at_next(doc, second) || unit_after(doc, second + 1).is_some());
        // (A dash starts no unit: `unit_at` says so at once on the fast
        // path, after filling the token's memo; skip the call.)
        if doc.fast && dash {
            debug_assert!(unit_after(doc, j).is_none());
            return range_may;
        }
        return range_may || unit_after(doc, j).is_some();
    }
    unit_after(doc, j).is_some()
}

/// The second member of `10-59`: read with the first, or not at all.
#[inline(always)]
fn after_dash(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    i >= 2
        && is_dash(doc, i - 1)
        && adjacent(doc, i - 1)
        && adjacent(doc, i - 2)
        && doc.tokens[i - 2].kind == TokenKind::Number
}

/// A number followed by its unit, with a range or a qualifier.
fn counted(doc: &NumDoc<'_, '_>, i: usize) -> Option<Entity> {
    // Cheap checks first: most numbers are followed by neither a unit nor a dash.
    if !maybe_more(doc, i) {
        return None;
    }
    let n = read_number(doc, i, false)?;
    let t = &doc.tokens[i];
    // A four-digit number written without separators is a year or a code.
    let yearlike = n.scale.is_none() && is_plain_digits(t) && t.text.len() >= 4;
    if after_dash(doc, i) || after_date_word(doc, i) {
        return None;
    }
    // The words before the number (a label, a bounding word) are looked
    // at only once a range or a unit was found after it: most numbers
    // have neither. (All three readers are pure, so the order is free.)
    let lead_in = || {
        let (lead, qualifier) = match qualifier_before(doc, i) {
            Some((q, start)) => (start, Some(q)),
            None => (i, None),
        };
        (label_before(doc, i), lead, qualifier)
    };
    // The unit right after the number, read once for the range and for
    // the single amount (`unit_after` is pure: the same answer twice).
    let unit = unit_after(doc, n.end);
    // A range: `72-75kg`, `2,5 - 3 lần`, `từ 8 – 12m`, `57 kg - 60 kg`.
    if let Some((min, max, unit, end)) = range(doc, &n, unit) {
        let (labelled, lead, qualifier) = lead_in();
        if (labelled && (!unit.2 || is_time_unit(doc, unit.0))) || clock_time_after(doc, unit.0) {
            return None;
        }
        let from = if i > 0 && is_word(doc, i - 1, "từ") && inline_gap(doc, i - 1) {
            i - 1
        } else {
            lead
        };
        let bound = if from == lead { qualifier } else { None };
        return Some(quantity(
            doc,
            from,
            end,
            QuantityValue::Range { min, max },
            unit,
            bound,
        ));
    }
    // The words before are needed now; with no unit, only for `giờ`.
    if unit.is_none() && !is_word(doc, n.end, "giờ") {
        return None;
    }
    let (labelled, lead, qualifier) = lead_in();
    let (a, b, measure) = match unit {
        Some(unit) => unit,
        None => hour_duration(doc, n.end, &n, qualifier)?,
    };
    if (labelled || yearlike) && (!measure || is_time_unit(doc, a)) {
        return None;
    }
    if clock_time_after(doc, a) {
        return None;
    }
    if yearlike && LABELS.longest_at(doc, a).is_some() {
        return None;
    }
    Some(quantity(
        doc,
        lead,
        b,
        QuantityValue::Exact { amount: n.value },
        (a, b, measure),
        qualifier,
    ))
}

/// `giờ` after a number is a clock time (`7 giờ sáng`) unless the amount
/// is a decimal (`1,5 giờ`) or bounded (`hơn 7 giờ`, `ít nhất 3 giờ`), and
/// no minutes or part of the day follow: then it is a duration in hours.
fn hour_duration(
    doc: &NumDoc<'_, '_>,
    end: usize,
    n: &super::numeric::NumberRead,
    qualifier: Option<Qualifier>,
) -> Option<(usize, usize, bool)> {
    if !is_word(doc, end, "giờ") || !inline_gap(doc, end - 1) {
        return None;
    }
    let bounded = matches!(
        qualifier,
        Some(Qualifier::MoreThan | Qualifier::LessThan | Qualifier::AtLeast | Qualifier::AtMost)
    );
    if !(bounded || n.value.fract() != Decimal::ZERO) {
        return None;
    }
    let clock = doc.tokens.get(end + 1).is_some_and(|t| {
        inline_gap(doc, end)
            && (matches!(t.kind, TokenKind::Number | TokenKind::DateLike | TokenKind::Ratio)
                || [
                    "sáng", "trưa", "chiều", "tối", "đêm", "khuya", "ngày", "hôm", "kém", "rưỡi", "đồng",
                ]
                .iter()
                .any(|w| is_word(doc, end + 1, w)))
    });
    (!clock).then_some((end, end + 1, true))
}

/// `a - b unit` or `a unit - b unit`: min, max, the unit, and the end.
#[allow(clippy::type_complexity)]
/// `first_unit` is [`unit_after`] the number `n` (its caller has read it).
fn range(
    doc: &NumDoc<'_, '_>,
    n: &super::numeric::NumberRead,
    first_unit: Option<(usize, usize, bool)>,
) -> Option<(Decimal, Decimal, (usize, usize, bool), usize)> {
    let dash_ok = |j: usize| {
        (is_dash(doc, j) || is_word(doc, j, "đến") || is_word(doc, j, "tới"))
            && (adjacent(doc, j - 1) || inline_gap(doc, j - 1))
            && (adjacent(doc, j) || inline_gap(doc, j))
    };
    // `57 kg - 60 kg`
    if let Some(first_unit) = first_unit {
        let j = first_unit.1;
        if first_unit.2 && dash_ok(j) {
            let m = read_number(doc, j + 1, false)?;
            let second_unit = unit_after(doc, m.end)?;
            if text_of(doc, first_unit.0, first_unit.1) == text_of(doc, second_unit.0, second_unit.1)
                && n.value <= m.value
            {
                return Some((n.value, m.value, second_unit, second_unit.1));
            }
        }
        return None;
    }
    let j = n.end;
    if !dash_ok(j) {
        return None;
    }
    let m = read_number(doc, j + 1, false)?;
    let unit = unit_after(doc, m.end)?;
    // `8-9 triệu lượt`: a first member without a scale word shares the second's.
    let min = match (n.scale, m.scale) {
        (None, Some(exp)) => n
            .value
            .checked_mul(Decimal::from_i128_with_scale(10i128.pow(exp), 0))
            .filter(|v| *v <= m.value)
            .unwrap_or(n.value),
        _ => n.value,
    };
    (min <= m.value && is_plain_number(doc, j + 1)).then_some((min, m.value, unit, unit.1))
}

fn is_plain_number(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Number)
}

/// A ratio `a/b` with its unit, or a rank or share without one.
fn ratio(doc: &NumDoc<'_, '_>, i: usize) -> Option<Entity> {
    let t = &doc.tokens[i];
    let (a, b) = t.text.split_once('/')?;
    let numerator = crate::number::parse_digits(a).ok()?;
    let denominator = crate::number::parse_digits(b).ok()?;
    let value = QuantityValue::Ratio {
        numerator,
        denominator,
    };
    let (lead, qualifier) = match qualifier_before(doc, i) {
        Some((q, start)) => (start, Some(q)),
        None => (i, None),
    };
    if after_date_word(doc, i) || date_context_before(doc, i) {
        return None;
    }
    if let Some(unit) = unit_after(doc, i + 1) {
        if !unit.2 || unit.1 > i + 1 {
            return Some(quantity(doc, lead, unit.1, value, unit, qualifier));
        }
    }
    let cued = prev_word_in(doc, i, RATIO_CUES);
    if !cued {
        if label_before(doc, i) {
            return None;
        }
        // `2/10` is the second of October unless a word says otherwise.
        let day_month = a.len() <= 2
            && b.len() <= 2
            && (1..=31).contains(&a.parse::<u32>().unwrap_or(0))
            && (1..=12).contains(&b.parse::<u32>().unwrap_or(0));
        if day_month {
            return None;
        }
    }
    Some(quantity(
        doc,
        lead,
        i + 1,
        value,
        (i + 1, i + 1, false),
        qualifier,
    ))
}

fn quantity(
    doc: &NumDoc<'_, '_>,
    start: usize,
    end: usize,
    value: QuantityValue,
    unit: (usize, usize, bool),
    qualifier: Option<Qualifier>,
) -> Entity {
    let span: Span = span_of(doc, start, end);
    let unit_text = if unit.1 > unit.0 {
        text_of(doc, unit.0, unit.1)
    } else {
        ""
    };
    Entity::Quantity(Quantity {
        span,
        // The extractor takes the text from the caller's input.
        text: String::new(),
        value,
        unit: unit_text.to_owned(),
        qualifier,
    })
}

#[cfg(test)]
mod tests {
    /// `may_be_counted` rejects a number after a date word at once (as
    /// `counted` does after reading it): the quantities found on the fast
    /// path and on the reference path agree after every date word in three
    /// cases, before a dash, `đến`, a unit and `giờ`, and after near misses
    /// (which still give their quantity).
    #[test]
    fn number_after_date_word_agrees_on_both_paths() {
        use super::{QuantityRecognizer, DATE_WORDS};
        use crate::entity::numeric::NumDoc;
        use crate::entity::Document;
        let mut found = 0;
        for w in DATE_WORDS.iter().chain(&["thắng", "lương", "nămm"]) {
            let mut c = w.chars();
            let first: String = c.next().map(|f| f.to_uppercase().collect()).unwrap_or_default();
            for form in [w.to_string(), format!("{first}{}", c.as_str()), w.to_uppercase()] {
                for after in [
                    "– một ngày",
                    "- 7 kg",
                    "đến 9 người",
                    "tới 3 tháng",
                    "người",
                    "kg nữa",
                    "giờ",
                    "-8 lần",
                ] {
                    let text = format!("Có {form} 5 {after} và 12 tháng");
                    let doc = Document::new(&text);
                    let fast = NumDoc::new(&doc);
                    let slow = NumDoc::reference(&doc);
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    QuantityRecognizer.run(&fast, &mut a);
                    QuantityRecognizer.run(&slow, &mut b);
                    assert_eq!(a, b, "{text:?}");
                    found += a.len();
                }
            }
        }
        // The near misses and the closing `12 tháng` are found.
        assert!(found > 100, "{found}");
    }

    /// The two unit shortcuts agree with the look-up: the day-list bound
    /// (`month_day_bound`, whose `tháng` is one token long without asking
    /// `unit_at`) at every token, and `may_be_counted` before a dash (no
    /// unit starts there), on the fast and the reference path, for `tháng`
    /// in three cases, near misses, and dashes before units, numbers and
    /// words; the deferring run finds what the plain one finds outside the
    /// deferred numbers.
    #[test]
    fn month_and_dash_shortcuts_agree_with_the_look_up() {
        use super::{may_be_counted, month_day_bound, QuantityRecognizer};
        use crate::entity::numeric::NumDoc;
        use crate::entity::Document;
        let (mut bounds, mut dashes) = (0, 0);
        for month in ["tháng", "Tháng", "THÁNG", "thángg", "thang", "tuần"] {
            for after in ["3 năm 2010", "3", "3/2010", "ba", ", 7 kg", "– 8 tháng"] {
                for before in ["", "hơn ", "từ ", "Có khoảng ", "ngày "] {
                    let text = format!("{before}12 {month} {after} và 5 – 7 kg, 1990 - 2000 người, 3 — x");
                    let doc = Document::new(&text);
                    let fast = NumDoc::new(&doc);
                    let slow = NumDoc::reference(&doc);
                    for i in 0..doc.tokens.len() {
                        let bound = month_day_bound(&fast, i);
                        assert_eq!(bound, month_day_bound(&slow, i), "bound at {i} in {text:?}");
                        bounds += usize::from(bound.is_some());
                        if doc.tokens[i].kind == crate::token::TokenKind::Number {
                            let may = may_be_counted(&fast, i);
                            assert_eq!(may, may_be_counted(&slow, i), "at {i} in {text:?}");
                            dashes += usize::from(crate::entity::numeric::is_dash(&fast, i + 1));
                        }
                    }
                    let (mut plain, mut deferring, mut deferred) = (Vec::new(), Vec::new(), Vec::new());
                    QuantityRecognizer.run(&slow, &mut plain);
                    QuantityRecognizer.run_deferring(&fast, &mut deferring, &mut deferred);
                    let outside: Vec<_> = plain
                        .into_iter()
                        .filter(|q| {
                            !deferred
                                .iter()
                                .any(|&[_, _, s, e]| s <= q.span().start && q.span().end <= e)
                        })
                        .collect();
                    assert_eq!(deferring, outside, "{text:?}");
                }
            }
        }
        assert!(bounds >= 40, "{bounds}");
        assert!(dashes >= 200, "{dashes}");
    }

    /// The inline filter of `after_date_word` loses no date word in lower
    /// case, capitalized or in capitals, before a number (and rejects
    /// near misses the slow way's answer agrees with).
    #[test]
    fn date_word_filter_keeps_every_form() {
        use super::{after_date_word, prev_word_in, DATE_WORDS};
        use crate::entity::numeric::NumDoc;
        use crate::entity::Document;
        for w in DATE_WORDS {
            for form in [
                w.to_string(),
                crate::entity::numeric::capitalized(w),
                w.to_uppercase(),
                format!("{w}x"),
                format!("x{w}"),
            ] {
                let text = format!("{form} 5 người");
                let doc = Document::new(&text);
                let fast = NumDoc::new(&doc);
                let i = doc.tokens.iter().position(|t| t.text == "5").unwrap_or(0);
                assert_eq!(
                    after_date_word(&fast, i),
                    prev_word_in(&fast, i, DATE_WORDS),
                    "{text:?}"
                );
            }
        }
    }
    use crate::entity::{Entity, QuantityValue};
    use crate::{EntityType, Extractor};

    fn quantities(text: &str) -> Vec<(String, String, String)> {
        Extractor::builder()
            .types(&[EntityType::Quantity])
            .build()
            .extract(text)
            .into_iter()
            .filter_map(|e| match e {
                Entity::Quantity(q) => {
                    assert_eq!(&text[q.span.range()], q.text);
                    let v = match q.value {
                        QuantityValue::Exact { amount } => amount.to_string(),
                        QuantityValue::Range { min, max } => format!("{min}..{max}"),
                        QuantityValue::Ratio {
                            numerator,
                            denominator,
                        } => format!("{numerator}/{denominator}"),
                    };
                    Some((q.text, v, q.unit))
                }
                _ => None,
            })
            .collect()
    }

    fn q(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn measures() {
        assert_eq!(quantities("nặng 500 kg."), [q("500 kg", "500", "kg")]);
        assert_eq!(quantities("hạng 81kg"), [q("81kg", "81", "kg")]);
        assert_eq!(
            quantities("đạt 13 triệu tấn"),
            [q("13 triệu tấn", "13000000", "tấn")]
        );
        assert_eq!(quantities("rộng 5.648,6 ha"), [q("5.648,6 ha", "5648.6", "ha")]);
        assert_eq!(quantities("gấp 2,1 lần"), [q("2,1 lần", "2.1", "lần")]);
        assert_eq!(
            quantities("tăng 4,81 điểm % so"),
            [q("4,81 điểm %", "4.81", "điểm %")]
        );
        assert_eq!(quantities("trong 3 ngày"), [q("3 ngày", "3", "ngày")]);
    }

    #[test]
    fn counted_nouns() {
        assert_eq!(
            quantities("trao 400 suất quà Tết"),
            [q("400 suất quà", "400", "suất quà")]
        );
        assert_eq!(
            quantities("hơn 1.000 người cao tuổi"),
            [q("hơn 1.000 người", "1000", "người")]
        );
        assert_eq!(
            quantities("có 2.723 tàu cá"),
            [q("2.723 tàu cá", "2723", "tàu cá")]
        );
        assert_eq!(quantities("31.000 hộ nghèo"), [q("31.000 hộ", "31000", "hộ")]);
        assert_eq!(
            quantities("5 tỉnh, thành phố được"),
            [q("5 tỉnh, thành phố", "5", "tỉnh, thành phố")]
        );
        assert_eq!(
            quantities("Hơn 20 triệu HS, SV"),
            [q("Hơn 20 triệu HS, SV", "20000000", "HS, SV")]
        );
        assert_eq!(
            quantities("có 02 đối tượng"),
            [q("02 đối tượng", "2", "đối tượng")]
        );
        assert_eq!(
            quantities("mua 79.134 thẻ BHYT cho"),
            [q("79.134 thẻ BHYT", "79134", "thẻ BHYT")]
        );
    }

    #[test]
    fn ranges_and_ratios() {
        assert_eq!(quantities("hạng 72-75kg"), [q("72-75kg", "72..75", "kg")]);
        assert_eq!(
            quantities("hạng 57 kg - 60 kg"),
            [q("57 kg - 60 kg", "57..60", "kg")]
        );
        assert_eq!(
            quantities("đón 6-7 triệu lượt du khách"),
            [q("6-7 triệu lượt du khách", "6000000..7000000", "lượt du khách")]
        );
        assert_eq!(quantities("sâu từ 8 – 12m."), [q("từ 8 – 12m", "8..12", "m")]);
        assert_eq!(quantities("có 104/104 hộ"), [q("104/104 hộ", "104/104", "hộ")]);
        assert_eq!(quantities("xếp thứ 14/65 toàn đoàn"), [q("14/65", "14/65", "")]);
    }

    #[test]
    fn not_quantities() {
        assert!(quantities("xếp thứ 2 toàn đoàn").is_empty());
        assert!(quantities("học sinh lớp 8 trường").is_empty());
        assert!(quantities("Quyết định 1722/QĐ-TTg ngày").is_empty());
        assert!(quantities("lúc 11 giờ sáng").is_empty());
        assert!(quantities("lúc 20h10").is_empty());
        assert!(quantities("gọi 0912 345 678").is_empty());
        assert!(quantities("hàng trăm suất quà").is_empty());
        assert!(quantities("một giáo viên").is_empty());
        assert!(quantities("SEA Games 31 đã").is_empty());
        assert!(quantities("năm 2024 tỉnh đã").is_empty());
        assert!(quantities("nhà cấp 4 bị").is_empty());
        assert!(quantities("tổ 6 phường").is_empty());
        assert!(quantities("Đến 17 g 20 phút cùng ngày").is_empty());
        assert!(quantities("từ 8 g - 10 g sáng").is_empty());
        assert!(quantities("công văn 415 ngày 3-9-2001").is_empty());
        assert!(quantities("Boeing 727 rơi").is_empty());
        assert!(quantities("biển kiểm soát 29A-123.45 lao vào").is_empty());
        assert_eq!(quantities("mua 500 g đường"), [q("500 g", "500", "g")]);
    }

    #[test]
    fn edges() {
        assert_eq!(quantities("5 kg"), [q("5 kg", "5", "kg")]);
        assert_eq!(quantities("“5 con”"), [q("5 con", "5", "con")]);
        assert!(quantities("5").is_empty());
        assert!(quantities("").is_empty());
    }

    #[test]
    fn compound_units_and_modifiers() {
        // An agent noun or a machine name is one word; a verb after a case classifier is outside.
        assert_eq!(
            quantities("có 40 người chơi mới"),
            [q("40 người chơi", "40", "người chơi")]
        );
        assert_eq!(
            quantities("mua 12 máy bơm nước"),
            [q("12 máy bơm", "12", "máy bơm")]
        );
        assert_eq!(quantities("thêm 75 ca nhiễm cúm"), [q("75 ca", "75", "ca")]);
        assert_eq!(quantities("có 2 ca tử vong"), [q("2 ca", "2", "ca")]);
        assert_eq!(quantities("5 người bị thương"), [q("5 người", "5", "người")]);
        assert_eq!(
            quantities("mời 60 nghệ sĩ, nghệ nhân tới"),
            [q("60 nghệ sĩ, nghệ nhân", "60", "nghệ sĩ, nghệ nhân")]
        );
    }

    #[test]
    fn no_counts_in_phone_numbers_or_coordinated_dates() {
        assert!(quantities("gọi 0987 654 321 ngay").is_empty());
        assert!(quantities("Hotline 1800 1234 miễn phí").is_empty());
        assert!(quantities("mưa ngày 8 và 9/10 lớn").is_empty());
    }
}
