//! Dates: `19/12/2025`, `ngày 19 tháng 12 năm 2025`, `quý III/2025`,
//! `giai đoạn 2021-2025`, lunar dates.
//!
//! Written forms, all read into the first and last day they cover, with
//! parts the text does not give left unknown (`--12-19`):
//!
//! | form | example |
//! |---|---|
//! | day, month, year | `19/12/2025`, `19-12-2025`, `19.12.2025`, `2025-12-19`, `ngày 19 tháng 12 năm 2025` |
//! | day and month | `ngày 2/10`, `ngày 10-8`, `Sáng 31.1`, `ngày 5 tháng 9` |
//! | month | `tháng 12/2025`, `tháng 9-2016`, `tháng 6 năm 2019`, `tháng 6` |
//! | year, years | `năm 2025`, `2024`, `năm 2018-2019`, `giai đoạn 2021-2025`, `năm học 2024-2025` |
//! | quarter, half | `quý III/2025`, `quý I.2018`, `quý 4 năm 2018`, `nửa đầu năm 2021` |
//! | part of a year or month | `đầu năm 2024`, `cuối tháng 10/2023`, `6 tháng đầu năm 2024`, `11 tháng năm 2019`, `hạ tuần tháng 12` |
//! | range, coordination | `từ ngày 14/10 đến ngày 16/10/2022`, `từ 27 - 29/3`, `5/5-20/6`, `ngày 19 và ngày 20/12` |
//! | lunar | `từ ngày 10/3 đến ngày 12/3 âm lịch` |
//!
//! Relative dates (`năm nay`, `đầu năm`) are not dates; time-of-day words
//! (`Sáng`) and `đến`/`từ` meaning by/since stay outside the span.
//!
//! ```
//! use viet_text::{Entity, Extractor};
//! let Entity::Date(d) = &Extractor::new().extract("Sáng 19/12/2025, hội nghị khai mạc.")[0] else { panic!() };
//! assert_eq!((d.text.as_str(), d.start_date.to_string()), ("19/12/2025", "2025-12-19".to_string()));
//! ```

use super::numeric::{
    adjacent, date_context_before, inline_gap, is_code_part, is_dash, is_word, lower, span_of, starts,
    starts_one_of, unit_at, word_at, NumDoc,
};
use super::{Document, Entity, Recognizer};
use crate::span::Span;
use crate::token::TokenKind;
use serde::{Serialize, Serializer};
use std::fmt;

/// A date whose parts may be unknown. Serializes as `2025-12-19`, or
/// `--12-19` without a year.
///
/// ```
/// use viet_text::entity::PartialDate;
/// assert_eq!(PartialDate { year: None, month: Some(12), day: Some(19) }.to_string(), "--12-19");
/// assert_eq!(PartialDate { year: Some(2025), month: Some(1), day: Some(1) }.to_string(), "2025-01-01");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    /// The year, if written.
    pub year: Option<i32>,
    /// The month (1–12), if known.
    pub month: Option<u8>,
    /// The day (1–31), if known.
    pub day: Option<u8>,
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}")?,
            None => write!(f, "-")?,
        }
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Which calendar a date is in.
///
/// ```
/// use viet_text::entity::Calendar;
/// assert_eq!(serde_json::to_string(&Calendar::Lunar).unwrap(), "\"lunar\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Calendar {
    /// The lunisolar calendar (`âm lịch`).
    Lunar,
}

/// A date, month, quarter, year or period, as the first and last day it covers.
///
/// ```
/// use viet_text::entity::{Date, PartialDate};
/// let d = Date { span: viet_text::Span::new(0, 8), text: "Năm 2025".into(),
///     start_date: PartialDate { year: Some(2025), month: Some(1), day: Some(1) },
///     end_date: PartialDate { year: Some(2025), month: Some(12), day: Some(31) }, calendar: None };
/// assert!(serde_json::to_string(&d).unwrap().ends_with(r#""start_date":"2025-01-01","end_date":"2025-12-31"}"#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Date {
    /// Byte span in the input.
    #[serde(flatten)]
    pub span: Span,
    /// The input at `span`.
    pub text: String,
    /// First day covered.
    pub start_date: PartialDate,
    /// Last day covered.
    pub end_date: PartialDate,
    /// `Some(Lunar)` when the text says `âm lịch`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Calendar>,
}

/// Finds dates.
pub(crate) struct DateRecognizer;

impl DateRecognizer {
    pub(crate) fn new() -> Self {
        DateRecognizer
    }
}

/// One date expression over tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Expr {
    start: usize,
    end: usize,
    from: PartialDate,
    to: PartialDate,
    lunar: bool,
}

impl Expr {
    /// A day with no month yet (`ngày 19` before `và ngày 20/12`).
    fn day_only(&self) -> bool {
        self.from.month.is_none() && self.from.day.is_some()
    }

    /// A whole month with no year yet (`tháng 11` before `và tháng 12/2025`).
    fn month_only(&self) -> bool {
        self.from.year.is_none()
            && self.from.day == Some(1)
            && self.from.month.is_some()
            && self.from.month == self.to.month
            && self.to.day.is_some_and(|d| d >= 28)
    }

    fn is_day(&self) -> bool {
        self.from.day.is_some() && self.from == self.to
    }
}

const fn pd(year: Option<i32>, month: Option<u8>, day: Option<u8>) -> PartialDate {
    PartialDate { year, month, day }
}

fn leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// The last day of a month; February of an unknown year is given 29 days.
fn month_end(year: Option<i32>, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => match year {
            Some(y) if !leap(y) => 28,
            _ => 29,
        },
    }
}

fn valid_day(year: Option<i32>, month: u8, day: u8) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= month_end(year, month)
}

fn whole_month(year: Option<i32>, month: u8) -> (PartialDate, PartialDate) {
    (
        pd(year, Some(month), Some(1)),
        pd(year, Some(month), Some(month_end(year, month))),
    )
}

fn months(year: Option<i32>, first: u8, last: u8) -> (PartialDate, PartialDate) {
    (
        pd(year, Some(first), Some(1)),
        pd(year, Some(last), Some(month_end(year, last))),
    )
}

fn whole_years(first: i32, last: i32) -> (PartialDate, PartialDate) {
    (
        pd(Some(first), Some(1), Some(1)),
        pd(Some(last), Some(12), Some(31)),
    )
}

fn expr(start: usize, end: usize, (from, to): (PartialDate, PartialDate)) -> Expr {
    Expr {
        start,
        end,
        from,
        to,
        lunar: false,
    }
}

/// A plain number token's value, when it has at most `max_len` digits.
#[inline]
fn small_number(doc: &NumDoc<'_, '_>, i: usize, max_len: usize) -> Option<u32> {
    let t = doc.tokens.get(i)?;
    if t.kind != TokenKind::Number || t.text.len() > max_len {
        return None;
    }
    digits_value(t.text)
}

/// The value of a text of one to nine ASCII digits (what `parse` gives
/// for it), read in one pass without `parse`'s sign and overflow checks;
/// `None` for an empty text, a longer one or any other byte.
#[inline]
fn digits_value(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 9 {
        return None;
    }
    let mut v = 0u32;
    for b in text.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(b - b'0');
    }
    Some(v)
}

/// A four-digit year at token `i`.
#[inline]
fn year_at(doc: &NumDoc<'_, '_>, i: usize) -> Option<i32> {
    let t = doc.tokens.get(i)?;
    if t.kind != TokenKind::Number || t.text.len() != 4 {
        return None;
    }
    let y = i32::try_from(digits_value(t.text)?).ok()?;
    (1000..=2999).contains(&y).then_some(y)
}

/// Splits a numeric date shape into its numbers and separator.
/// Every part must be digits; the readers use two or three parts, so at
/// most four are kept (a fourth only says "more than three"), on the stack.
fn date_parts(text: &str) -> Option<(Parts<'_>, char)> {
    let sep = text.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let mut parts = Parts {
        list: [""; 4],
        len: 0,
    };
    for p in text.split(sep) {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if let Some(slot) = parts.list.get_mut(parts.len) {
            *slot = p;
            parts.len += 1;
        }
    }
    Some((parts, sep))
}

/// The parts of a date shape (see [`date_parts`]).
struct Parts<'a> {
    list: [&'a str; 4],
    len: usize,
}

impl<'a> Parts<'a> {
    /// The number of parts, or 4 for four or more.
    fn len(&self) -> usize {
        self.len
    }

    fn get(&self, k: usize) -> Option<&'a str> {
        self.list.get(..self.len)?.get(k).copied()
    }
}

impl<'a> std::ops::Index<usize> for Parts<'a> {
    type Output = str;
    fn index(&self, k: usize) -> &str {
        self.get(k).unwrap_or_default()
    }
}

/// A `DateLike` token: a day (`19/12/2025`, `2025-12-19`) or a month (`12/2025`).
#[inline]
fn date_like(doc: &NumDoc<'_, '_>, i: usize) -> Option<Expr> {
    let t = doc.tokens.get(i)?;
    // Only a date shape or a dotted number of eight bytes or more (below)
    // can be one: most tokens leave here.
    match t.kind {
        TokenKind::DateLike => {}
        TokenKind::Number if t.text.len() >= 8 => {}
        _ => return None,
    }
    date_like_token(t, i)
}

#[inline(never)]
fn date_like_token(t: &crate::token::Token<'_>, i: usize) -> Option<Expr> {
    // `19.12.2025` may come as a number token: a date when its parts say so.
    // (At least `d.m.yyyy`: eight bytes.)
    let dotted_date = t.kind == TokenKind::Number
        && t.text.len() >= 8
        && t.text.bytes().filter(|&b| b == b'.').count() == 2
        && t.text.rsplit('.').next().is_some_and(|y| y.len() == 4)
        && t.text.split('.').next().is_some_and(|d| d.len() <= 2);
    if t.kind != TokenKind::DateLike && !dotted_date {
        return None;
    }
    let (parts, _) = date_parts(t.text)?;
    let n = |k: usize| parts.get(k).and_then(|p| p.parse::<u32>().ok());
    match parts.len() {
        3 => {
            let (y, m, d) = if parts[0].len() == 4 {
                (n(0)?, n(1)?, n(2)?)
            } else {
                (n(2)?, n(1)?, n(0)?)
            };
            let (y, m, d) = (
                i32::try_from(y).ok()?,
                u8::try_from(m).ok()?,
                u8::try_from(d).ok()?,
            );
            valid_day(Some(y), m, d).then(|| {
                let day = pd(Some(y), Some(m), Some(d));
                expr(i, i + 1, (day, day))
            })
        }
        2 => {
            let (m, y) = (u8::try_from(n(0)?).ok()?, i32::try_from(n(1)?).ok()?);
            ((1..=12).contains(&m) && parts[1].len() == 4).then(|| expr(i, i + 1, whole_month(Some(y), m)))
        }
        _ => None,
    }
}

/// A day and month in one token: `2/10` (a ratio shape) or `31.1` (a number).
fn day_month_token(doc: &NumDoc<'_, '_>, i: usize) -> Option<Expr> {
    let t = doc.tokens.get(i)?;
    let sep = match t.kind {
        TokenKind::Ratio => '/',
        TokenKind::Number => '.',
        _ => return None,
    };
    // (At most five bytes with the separator in them: a cheap test first.)
    if t.text.len() > 5 || !t.text.as_bytes().contains(&(sep as u8)) {
        return None;
    }
    let (d, m) = t.text.split_once(sep)?;
    if d.is_empty() || m.is_empty() || d.len() > 2 || m.len() > 2 || m.contains(sep) {
        return None;
    }
    let (d, m): (u8, u8) = (d.parse().ok()?, m.parse().ok()?);
    valid_day(None, m, d).then(|| {
        let day = pd(None, Some(m), Some(d));
        expr(i, i + 1, (day, day))
    })
}

/// `10-8`: day, dash, month as three touching tokens.
fn day_dash_month(doc: &NumDoc<'_, '_>, i: usize) -> Option<Expr> {
    // (The dash first: most numbers have none after them.)
    if !(adjacent(doc, i) && adjacent(doc, i + 1) && doc.tokens.get(i + 1)?.text == "-") {
        return None;
    }
    let d = small_number(doc, i, 2)?;
    let m = small_number(doc, i + 2, 2)?;
    // Not part of a longer chain (`10-8-5`).
    if adjacent(doc, i + 2)
        && doc
            .tokens
            .get(i + 3)
            .is_some_and(|t| t.kind == TokenKind::Punct && t.text == "-")
    {
        return None;
    }
    let (d, m) = (u8::try_from(d).ok()?, u8::try_from(m).ok()?);
    valid_day(None, m, d).then(|| {
        let day = pd(None, Some(m), Some(d));
        expr(i, i + 3, (day, day))
    })
}

/// Words for a time of day or a day of the week: cues that a `d.m` or
/// `d-m` number that follows is a date.
const TIME_CUES: &[&str] = &[
    "sáng", "trưa", "chiều", "tối", "đêm", "khuya", "nay", "hôm", "mai", "vào", "ngày",
];

fn time_cue_before(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let prev = i - 1;
    if inline_gap(doc, prev) && TIME_CUES.contains(&lower(doc.tokens[prev].text).as_ref()) {
        return true;
    }
    // `Chủ Nhật, 08.12` / `thứ Hai, 10-8`.
    if doc.tokens[prev].text == "," && prev >= 1 {
        let w = lower(doc.tokens[prev - 1].text);
        return matches!(w.as_ref(), "nhật" | "hai" | "ba" | "tư" | "năm" | "sáu" | "bảy");
    }
    false
}

/// [`day_expr_uncached`], remembered for the last token asked: a full
/// date (`ngày 15 tháng 3 năm 2021`) is read from its day word and again
/// from its day number (`15 tháng 3 …` without `ngày`), one after the other.
fn day_expr(doc: &NumDoc<'_, '_>, j: usize) -> Option<Expr> {
    remembered(doc, &doc.day_memo, j, day_expr_uncached)
}

/// [`single`] at the token after a range's connector, remembered for the
/// last token asked: in `30 tháng 4 – …` each of `30`, `tháng` and `4`
/// starts a date or a bare day that ends at the dash, and asks for the
/// same second member.
fn second_member(doc: &NumDoc<'_, '_>, j: usize) -> Option<Expr> {
    remembered(doc, &doc.second_memo, j, single)
}

/// `read(doc, j)`, remembered in `memo` for the last token asked; the
/// reference path (`doc.fast` off) always reads.
fn remembered(
    doc: &NumDoc<'_, '_>,
    memo: &std::cell::Cell<Option<(usize, Option<Expr>)>>,
    j: usize,
    read: fn(&NumDoc<'_, '_>, usize) -> Option<Expr>,
) -> Option<Expr> {
    remembered_with(doc, memo, j, read)
}

/// [`remembered`] with any reader (a closure that knows more).
#[inline]
fn remembered_with(
    doc: &NumDoc<'_, '_>,
    memo: &std::cell::Cell<Option<(usize, Option<Expr>)>>,
    j: usize,
    read: impl FnOnce(&NumDoc<'_, '_>, usize) -> Option<Expr>,
) -> Option<Expr> {
    if !doc.fast {
        return read(doc, j);
    }
    if let Some((k, e)) = memo.get() {
        if k == j {
            return e;
        }
    }
    let e = read(doc, j);
    memo.set(Some((j, e)));
    e
}

/// [`day_expr`] and [`year_expr`] at `j` (for tests: remembered).
#[cfg(test)]
pub(crate) fn day_and_year(doc: &NumDoc<'_, '_>, j: usize) -> (Option<Expr>, Option<Expr>) {
    (day_expr(doc, j), year_expr(doc, j))
}

/// [`day_expr`] and [`year_expr`] at `j`, read afresh.
#[cfg(test)]
pub(crate) fn day_and_year_uncached(doc: &NumDoc<'_, '_>, j: usize) -> (Option<Expr>, Option<Expr>) {
    (day_expr_uncached(doc, j), year_expr_uncached(doc, j))
}

/// `ngày …`: what follows a day word.
fn day_expr_uncached(doc: &NumDoc<'_, '_>, j: usize) -> Option<Expr> {
    if let Some(e) = date_like(doc, j) {
        return e.from.day.is_some().then_some(e);
    }
    if let Some(e) = day_month_token(doc, j).or_else(|| day_dash_month(doc, j)) {
        return Some(e);
    }
    day_number(doc, j)
}

/// [`day_expr_uncached`] at a plain day number `j`, after its token
/// readings (`date_like`, `day_month_token`, `day_dash_month`) found
/// nothing: `15 [tháng 3 [năm 2021]]`.
fn day_number(doc: &NumDoc<'_, '_>, j: usize) -> Option<Expr> {
    let d = u8::try_from(small_number(doc, j, 2)?).ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    // `ngày 15 tháng 3 năm 2021`
    let month = if inline_gap(doc, j) && is_word(doc, j + 1, "tháng") && inline_gap(doc, j + 1) {
        small_number(doc, j + 2, 2).and_then(|m| u8::try_from(m).ok())
    } else {
        None
    };
    Some(day_with_month(doc, j, d, month))
}

/// The day `d` (1–31) of the number at `j`: with the month `m` of `j + 2`
/// (`15 tháng 3`) and the year after it when it has one and the three
/// make a valid day (`15 tháng 3 năm 2021`), else the day alone.
#[inline]
fn day_with_month(doc: &NumDoc<'_, '_>, j: usize, d: u8, month: Option<u8>) -> Expr {
    if let Some(m) = month {
        let (year, end) = year_after(doc, j + 3);
        if valid_day(year, m, d) {
            let day = pd(year, Some(m), Some(d));
            return expr(j, end, (day, day));
        }
    }
    let day = pd(None, None, Some(d));
    expr(j, j + 1, (day, day))
}

/// [`day_number`] at `j`, known to be a plain number of value `d` with at
/// most two digits, followed on the line by `tháng` and a plain number of
/// value `m` with at most two digits (`small_number(j + 2, 2)`): its
/// tests of these are not made again.
#[inline]
fn day_number_before_month(doc: &NumDoc<'_, '_>, j: usize, d: u32, m: u32) -> Option<Expr> {
    let d = u8::try_from(d).ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    // `15 tháng 3 năm 2021`
    let month = if inline_gap(doc, j + 1) {
        u8::try_from(m).ok()
    } else {
        None
    };
    Some(day_with_month(doc, j, d, month))
}

/// ` năm 2021` after token `end - 1`: the year and the new end.
fn year_after(doc: &NumDoc<'_, '_>, end: usize) -> (Option<i32>, usize) {
    // (`năm` first: an inline length test that most tokens fail, where
    // `inline_gap` is a call; all pure, so the order is free.)
    if end >= 1 && is_word(doc, end, "năm") && inline_gap(doc, end - 1) && inline_gap(doc, end) {
        if let Some(y) = year_at(doc, end + 1) {
            return (Some(y), end + 2);
        }
    }
    (None, end)
}

/// `tháng …`: what follows a month word.
fn month_expr(doc: &NumDoc<'_, '_>, j: usize) -> Option<Expr> {
    if let Some(e) = date_like(doc, j) {
        // `tháng 12/2025` is a month; a full date after `tháng` is odd.
        return (!e.is_day()).then_some(e);
    }
    let (m, after) = match small_number(doc, j, 2) {
        Some(m) => (u8::try_from(m).ok()?, j + 1),
        None => spelled_month(doc, j)?,
    };
    if !(1..=12).contains(&m) {
        return None;
    }
    let (year, end) = year_after(doc, after);
    Some(expr(j, end, whole_month(year, m)))
}

/// A month written as a word after `tháng`: `Giêng`, `Chạp`, or a
/// capitalized numeral (`tháng Tư`, `tháng Mười Hai`); a lower-case numeral
/// (`tháng hai`) is too often a count to be read. The month and the index
/// after it.
fn spelled_month(doc: &NumDoc<'_, '_>, j: usize) -> Option<(u8, usize)> {
    let t = doc.tokens.get(j)?;
    if is_word(doc, j, "giêng") {
        return Some((1, j + 1));
    }
    if is_word(doc, j, "chạp") {
        return Some((12, j + 1));
    }
    if !t.is_capitalized() || t.kind != TokenKind::Syllable {
        return None;
    }
    let m = match lower(t.text).as_ref() {
        "một" => 1,
        "hai" => 2,
        "ba" => 3,
        "tư" => 4,
        "năm" => 5,
        "sáu" => 6,
        "bảy" => 7,
        "tám" => 8,
        "chín" => 9,
        "mười" => {
            let next = doc
                .tokens
                .get(j + 1)
                .filter(|n| n.is_capitalized() && inline_gap(doc, j));
            return Some(match next.map(|n| lower(n.text)) {
                Some(w) if w == "một" => (11, j + 2),
                Some(w) if w == "hai" => (12, j + 2),
                _ => (10, j + 1),
            });
        }
        _ => return None,
    };
    Some((m, j + 1))
}

/// [`year_expr_uncached`], remembered for the last token asked: `năm 2021`
/// is read from `năm` and again from `2021`.
fn year_expr(doc: &NumDoc<'_, '_>, j: usize) -> Option<Expr> {
    remembered(doc, &doc.year_memo, j, year_expr_uncached)
}

/// [`year_expr`] at a token `j` that [`year_at`] reads as the year
/// `first`: the same memo, filled by [`year_range_from`] (a four-digit
/// token has no comma, so `year_expr_uncached` would read `first` there
/// again and go on the same way). The reference path reads it all.
#[inline]
fn year_expr_at_year(doc: &NumDoc<'_, '_>, j: usize, first: i32) -> Option<Expr> {
    if !doc.fast {
        return year_expr(doc, j);
    }
    debug_assert_eq!(year_at(doc, j), Some(first));
    if let Some((k, e)) = doc.year_memo.get() {
        if k == j {
            return e;
        }
    }
    let e = Some(year_range_from(doc, j, first));
    doc.year_memo.set(Some((j, e)));
    e
}

/// A year or a range of years at `j` (`2021-2025`, `2012 - 2013`).
fn year_expr_uncached(doc: &NumDoc<'_, '_>, j: usize) -> Option<Expr> {
    let t = doc.tokens.get(j)?;
    // A list written as one token: `2016,2017,2018`: the first member here
    // (the span is cut after it when the entity is made).
    let first = if t.kind == TokenKind::Number && has_comma(t.text) {
        let (y, _) = t.text.split_once(',')?;
        if !year_list(t.text) {
            return None;
        }
        let y: i32 = y.parse().ok()?;
        return Some(expr(j, j + 1, whole_years(y, y)));
    } else {
        year_at(doc, j)?
    };
    Some(year_range_from(doc, j, first))
}

/// [`year_expr_uncached`] after its year `first` at `j` was read: the
/// range it starts, or the year alone.
fn year_range_from(doc: &NumDoc<'_, '_>, j: usize, first: i32) -> Expr {
    // A range of years.
    let dash = j + 1;
    // (The dash first: most years have none after them, and the gap
    // tests are then not needed; all pure.)
    if is_dash(doc, dash)
        && (adjacent(doc, j) || inline_gap(doc, j))
        && (adjacent(doc, dash) || inline_gap(doc, dash))
    {
        if let Some(last) = year_at(doc, dash + 1) {
            if last > first && last - first <= 100 && !is_code_part(doc, dash + 1) {
                return expr(j, dash + 2, whole_years(first, last));
            }
        }
        // `2003–04`: a season or school year with a two-digit end.
        if adjacent(doc, j) && adjacent(doc, dash) {
            if let Some(yy) = small_number(doc, dash + 1, 2)
                .filter(|_| doc.tokens[dash + 1].text.len() == 2)
                .and_then(|yy| i32::try_from(yy).ok())
            {
                let century = first - first % 100;
                let last = if century + yy > first {
                    century + yy
                } else {
                    century + 100 + yy
                };
                if last - first <= 10 && !adjacent(doc, dash + 1) {
                    return expr(j, dash + 2, whole_years(first, last));
                }
            }
        }
    }
    expr(j, j + 1, whole_years(first, first))
}

/// Whether `text` holds a comma (a plain loop: number tokens are short).
#[inline]
fn has_comma(text: &str) -> bool {
    text.bytes().any(|b| b == b',')
}

/// Whether a number token is a list of years in one token (`2016,2017`):
/// [`has_comma`] and [`year_list`], with the length test first (two years
/// and a comma take nine bytes; most number tokens are shorter, and are
/// left without a scan for a comma).
#[inline]
fn is_year_list(text: &str) -> bool {
    text.len() >= 9 && has_comma(text) && year_list(text)
}

/// Whether a comma-joined number token is a list of years (`2016,2017`).
fn year_list(text: &str) -> bool {
    text.split(',').all(|p| {
        p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()) && matches!(p.as_bytes()[0], b'1' | b'2')
    })
}

/// Words after `năm` that make it relative (`đầu năm nay`).
fn relative_after(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    inline_gap(doc, i - 1)
        && word_at(doc, i).is_some_and(|w| {
            matches!(
                w.as_ref(),
                "nay" | "ngoái" | "trước" | "qua" | "tới" | "sau" | "đó" | "ấy" | "kia" | "này" | "mới"
            )
        })
}

/// A quarter number: `I`..`IV`, `1`..`4`, spelled.
fn quarter_number(word: &str) -> Option<u8> {
    Some(match word {
        "i" | "1" | "một" | "nhất" => 1,
        "ii" | "2" | "hai" => 2,
        "iii" | "3" | "ba" => 3,
        "iv" | "4" | "bốn" | "tư" => 4,
        _ => return None,
    })
}

fn quarter(q: u8, year: Option<i32>) -> (PartialDate, PartialDate) {
    months(year, q * 3 - 2, q * 3)
}

/// `quý III/2025`, `quý I.2018`, `quý 4 năm 2018`, `quý 4/2025`, `quý III`.
fn quarter_expr(doc: &NumDoc<'_, '_>, i: usize) -> Option<Expr> {
    let j = i + 1;
    if !inline_gap(doc, i) {
        return None;
    }
    let t = doc.tokens.get(j)?;
    if t.kind == TokenKind::DateLike {
        let (parts, sep) = date_parts(t.text)?;
        if parts.len() == 2 && sep != '.' {
            let q = quarter_number(&parts[0])?;
            let y: i32 = parts[1].parse().ok()?;
            return Some(expr(i, j + 1, quarter(q, Some(y))));
        }
        return None;
    }
    let q = quarter_number(&lower(t.text))?;
    // `/2025`, `.2018`, `-2025` touching the number, or `- 2025` with spaces.
    let joined = (adjacent(doc, j) && adjacent(doc, j + 1))
        || (inline_gap(doc, j) && inline_gap(doc, j + 1) && is_dash(doc, j + 1));
    if joined {
        if let (Some(sep), Some(y)) = (doc.tokens.get(j + 1), year_at(doc, j + 2)) {
            if matches!(sep.text, "/" | "." | "-") {
                return Some(expr(i, j + 3, quarter(q, Some(y))));
            }
        }
    }
    let (year, end) = year_after(doc, j + 1);
    if year.is_none() && relative_after(doc, j + 1) {
        return None;
    }
    Some(expr(i, end, quarter(q, year)))
}

/// A digit token with no date word before it.
#[inline(never)]
fn digit_expr(doc: &NumDoc<'_, '_>, i: usize) -> Option<Expr> {
    let t = doc.tokens.get(i)?;
    if let Some(e) = date_like(doc, i) {
        return Some(e);
    }
    match t.kind {
        TokenKind::DateLike => return None,
        TokenKind::Ratio => {
            let e = day_month_token(doc, i)?;
            // After a day word or an earlier date member (`ngày 6 và 7/11`) it is a day.
            if date_context_before(doc, i) && !is_code_part(doc, i) {
                return Some(e);
            }
            // `9/6 học sinh` is a ratio; `thứ 14/65`, `bằng 1/2` too.
            let prev_cue = i > 0 && {
                let w = lower(doc.tokens[i - 1].text);
                matches!(
                    w.as_ref(),
                    "thứ" | "bằng" | "gấp" | "chiếm" | "hạng" | "đứng" | "tỷ" | "tỉ" | "lệ"
                )
            };
            let unit_follows = inline_gap(doc, i) && unit_at(doc, i + 1).is_some_and(|u| !u.2 || u.1 > i + 2);
            return (!prev_cue && !unit_follows && !is_code_part(doc, i)).then_some(e);
        }
        TokenKind::Number => {}
        _ => return None,
    }
    // Every reading below needs `tháng` after the number, a time cue
    // before it, or a year: most numbers have none, and leave here before
    // the code test (all tests are pure, so the order is free).
    // (A time cue matters only for `31.1` or `10-8`: see `day_month_token`
    // and `day_dash_month`.)
    // (The year is read once here for both uses below; number tokens are
    // short, so a plain loop finds a dot faster than a memchr.)
    let year = year_at(doc, i);
    let day_month_shape = || {
        let t = &doc.tokens[i];
        (adjacent(doc, i) && doc.tokens.get(i + 1).is_some_and(|n| n.text == "-"))
            || t.text.bytes().any(|b| b == b'.')
    };
    if doc.fast
        && !(is_word(doc, i + 1, "tháng") || year.is_some() || (day_month_shape() && time_cue_before(doc, i)))
    {
        return None;
    }
    // A plain four-digit year (most numbers that get here) is no day or
    // month: every reading below up to the bare year needs at most two
    // digits, a dot or a ratio shape, so it goes straight to the bare
    // year. Its cheap rejects come before the code test (all are pure, so
    // the order is free): most years out of range leave there. The
    // reference path (`fast` off) takes the long way; tests compare both.
    if let Some(y) = year.filter(|_| doc.fast) {
        if no_bare_year(doc, i, y) || super::numeric::is_code_part_once(doc, i) {
            return None;
        }
        return year_expr_at_year(doc, i, y);
    }
    if super::numeric::is_code_part_once(doc, i) {
        return None;
    }
    if let Some(e) = day_or_month_reading(doc, i) {
        return Some(e);
    }
    bare_year(doc, i, year?)
}

/// The readings of a number token before the bare year: `6 tháng đầu
/// năm 2024`, `24 tháng 12` without `ngày`, `Sáng 31.1`. None reads a
/// plain four-digit number.
fn day_or_month_reading(doc: &NumDoc<'_, '_>, i: usize) -> Option<Expr> {
    // (The number and `tháng` after it on the line, which both readings
    // of `N tháng …` need, are read once; all pure.)
    let number = small_number(doc, i, 2);
    let thang = inline_gap(doc, i) && is_word(doc, i + 1, "tháng");
    // `6 tháng đầu năm 2024`, `11 tháng năm 2019`, `6 tháng cuối năm`.
    if let Some(n) = number.and_then(|n| u8::try_from(n).ok()) {
        if (1..=12).contains(&n) && thang && inline_gap(doc, i + 1) {
            let mut k = i + 2;
            // (`is_word` is `lower(text) == word` for these words, without
            // lower-casing: see `eq_ci`.)
            let last = if is_word(doc, k, "đầu") {
                k += 1;
                Some(true)
            } else if is_word(doc, k, "cuối") {
                k += 1;
                Some(false)
            } else {
                None
            };
            if (last.is_none() || inline_gap(doc, k - 1)) && is_word(doc, k, "năm") {
                let (year, end) = year_after(doc, k);
                let end = if year.is_some() { end } else { k + 1 };
                if year.is_some() || (last.is_some() && !relative_after(doc, k + 1)) {
                    let (first, final_month) = match last {
                        Some(false) => (13 - n, 12),
                        _ => (1, n),
                    };
                    return Some(expr(i, end, months(year, first, final_month)));
                }
            }
        }
    }
    // `24 tháng 12 [năm 2025]` without `ngày`.
    if let Some(m) = small_number(doc, i + 2, 2).filter(|_| thang) {
        // (`digit_expr` found no `date_like` here; with `tháng` at `i + 1`
        // no dash is, so without a dot no token reading is: the day is
        // `day_number`'s, read by `day_number_before_month` from what is
        // known here. Same memo, same value; the reference path reads it
        // all.)
        // (A plain loop: number tokens are short.)
        let plain = doc.fast
            && !doc
                .tokens
                .get(i)
                .is_some_and(|t| t.text.bytes().any(|b| b == b'.'));
        let day = match number {
            Some(d) if plain => remembered_with(doc, &doc.day_memo, i, |doc, j| {
                day_number_before_month(doc, j, d, m)
            }),
            _ if plain => remembered(doc, &doc.day_memo, i, day_number),
            _ => day_expr(doc, i),
        };
        if let Some(e) = day {
            if e.from.month.is_some() {
                return Some(e);
            }
        }
    }
    // A day and month with a time-of-day cue: `Sáng 31.1`, `Chiều 22-02`.
    // (The shape first: it is cheaper and rarer than a cue; both pure.)
    if let Some(e) = day_month_token(doc, i).or_else(|| day_dash_month(doc, i)) {
        if time_cue_before(doc, i) {
            return Some(e);
        }
    }
    None
}

/// A bare year at number token `i` whose value is `y`: `Tết 2026`,
/// `cùng kỳ 2020`, `2012 - 2013`.
fn bare_year(doc: &NumDoc<'_, '_>, i: usize, y: i32) -> Option<Expr> {
    if no_bare_year(doc, i, y) {
        return None;
    }
    year_expr(doc, i)
}

/// Whether [`bare_year`] rejects the number token `i` of value `y` before
/// reading a year expression there: a value outside 1900–2100 that does
/// not follow a year list, a word before it that makes it no year, an
/// amount or percentage sign after it.
#[inline]
fn no_bare_year(doc: &NumDoc<'_, '_>, i: usize, y: i32) -> bool {
    // (The value first: most years are in range, and the list test is
    // then not needed; both pure.)
    let after_year_list = || {
        i >= 2
            && doc.tokens[i - 1].text == ","
            && doc
                .tokens
                .get(i - 2)
                .is_some_and(|p| p.kind == TokenKind::Number && p.text.len() >= 4)
    };
    if !(1900..=2100).contains(&y) && !after_year_list() {
        return true;
    }
    if i > 0 && (!doc.fast || may_be_no_year_cue(doc, i - 1)) && inline_gap(doc, i - 1) {
        let w = lower(doc.tokens[i - 1].text);
        if matches!(
            w.as_ref(),
            "số" | "mã"
                | "điều"
                | "khoản"
                | "phòng"
                | "tổ"
                | "lớp"
                | "thứ"
                | "top"
                | "km"
                | "hotline"
                | "khoảng"
                | "hơn"
                | "gần"
                | "trên"
                | "dưới"
        ) {
            return true;
        }
    }
    // An amount, not a year: `2024 tỷ`, `2000 người` is left to the quantity reader.
    // (Most words after a year have neither the first byte nor the length
    // of a scale word or `%`: an exact reject before the gap and word
    // tests; all pure, so the order is free.)
    if (!doc.fast || starts_one_of(doc, i + 1, &YEAR_AMOUNT_STARTS)) && inline_gap(doc, i) {
        if let Some(next) = doc.tokens.get(i + 1) {
            if crate::number::scale_exp(next.text).is_some() || next.text == "%" {
                return true;
            }
        }
    }
    adjacent(doc, i) && doc.tokens.get(i + 1).is_some_and(|n| n.text == "%")
}

/// The first bytes and lengths of the texts `number::scale_exp` accepts
/// and of `%` (see [`no_bare_year`]; a test checks the list).
static YEAR_AMOUNT_STARTS: super::numeric::Starts =
    super::numeric::starts_any_case(&["nghìn", "ngàn", "triệu", "tỷ", "tỉ", "vạn", "trăm", "chục", "%"]);

/// Whether the token `i` may be one of the words before a number that
/// make it no year (`số`, `mã`, `điều`, `khoản`, `phòng`, `tổ`, `lớp`,
/// `thứ`, `top`, `km`, `hotline`, `khoảng`, `hơn`, `gần`, `trên`, `dưới`,
/// in any case): a word with an ASCII first letter is one only with the
/// first byte and the length of one ([`NO_YEAR_CUE_STARTS`]: `lower`
/// keeps a text that starts with no capital, and maps one that does
/// letter by letter to letters of the same length, except the Kelvin,
/// Ångström and Ohm signs, the dotted `İ` and the capital `ẞ`, none of
/// which lowers to a letter of these words); one with a non-ASCII first
/// byte is left to the full test. Saves lower-casing and matching most
/// words before a year (`mất 2010`, `Năm 2010`).
#[inline]
fn may_be_no_year_cue(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    match doc.tokens.get(i).and_then(|t| t.text.as_bytes().first()) {
        Some(&b) if b.is_ascii() => starts_one_of(doc, i, &NO_YEAR_CUE_STARTS),
        Some(_) => true,
        None => false,
    }
}

/// The first bytes and lengths of the words of [`may_be_no_year_cue`], in
/// both cases (a test checks the list against `no_bare_year`'s).
static NO_YEAR_CUE_STARTS: super::numeric::Starts = super::numeric::starts_any_case(&[
    "số", "mã", "điều", "khoản", "phòng", "tổ", "lớp", "thứ", "top", "km", "hotline", "khoảng", "hơn", "gần",
    "trên", "dưới",
]);

/// False only when [`single`] at token `i` finds nothing: it reads on
/// only from a digit first (`digit_expr`) or from a syllable with the
/// first byte and length of a date word (`word_expr` on the fast path).
/// Most tokens after a connector (`1001 – Giáo hoàng …`, the years that
/// start the lines of a list of events) are neither, and leave before
/// the second member's memo and reading.
#[inline]
fn may_start_single(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| {
        t.text.as_bytes().first().is_some_and(u8::is_ascii_digit)
            || (t.kind == TokenKind::Syllable && starts_one_of(doc, i, &DATE_WORD_STARTS))
    })
}

/// One date expression starting at token `i` (with its date word).
fn single(doc: &NumDoc<'_, '_>, i: usize) -> Option<Expr> {
    let t = doc.tokens.get(i)?;
    // (An ASCII digit first is a digit first byte: no character to decode.)
    if t.text.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return digit_expr(doc, i);
    }
    word_expr(doc, i)
}

/// The words a date expression starts with (in any letter case), as
/// [`word_expr`] tells them apart.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum DateWord {
    Ngay,
    Mong,
    Thang,
    Nam,
    Quy,
    Giai,
    Thoi,
    Nhiem,
    Nien,
    Dau,
    Giua,
    Cuoi,
    Thuong,
    Trung,
    Ha,
    Nua,
}

/// Every lower-case word [`word_expr`] reads on from, with its [`DateWord`].
const DATE_WORD_FORMS: [(&str, DateWord); 18] = [
    ("ngày", DateWord::Ngay),
    ("mồng", DateWord::Mong),
    ("mùng", DateWord::Mong),
    ("tháng", DateWord::Thang),
    ("năm", DateWord::Nam),
    ("quý", DateWord::Quy),
    ("quí", DateWord::Quy),
    ("giai", DateWord::Giai),
    ("thời", DateWord::Thoi),
    ("nhiệm", DateWord::Nhiem),
    ("niên", DateWord::Nien),
    ("đầu", DateWord::Dau),
    ("giữa", DateWord::Giua),
    ("cuối", DateWord::Cuoi),
    ("thượng", DateWord::Thuong),
    ("trung", DateWord::Trung),
    ("hạ", DateWord::Ha),
    ("nửa", DateWord::Nua),
];

/// The [`DateWord`] of a lower-case word, if it is one.
pub(crate) fn date_word(lower_word: &str) -> Option<DateWord> {
    DATE_WORD_FORMS
        .iter()
        .find(|(w, _)| *w == lower_word)
        .map(|&(_, d)| d)
}

/// A small number for a [`DateWord`] (1 to 16; 0 is none), which the
/// anchor pass keeps with an anchor word's class (see
/// `numeric::anchor_of`), and back.
pub(crate) fn date_word_id(word: Option<DateWord>) -> u8 {
    word.map_or(0, |w| w as u8 + 1)
}

/// [`date_word_id`] back.
#[inline]
pub(crate) fn date_word_of_id(id: u8) -> Option<DateWord> {
    DATE_WORD_BY_ID.get(usize::from(id)).copied().flatten()
}

/// Each [`DateWord`] at its [`date_word_id`], made from the forms table at
/// compile time (so the variants are not listed a third time; `Nua` is
/// the last variant).
const DATE_WORD_BY_ID: [Option<DateWord>; DateWord::Nua as usize + 2] = {
    let mut by_id = [None; DateWord::Nua as usize + 2];
    let mut k = 0;
    while k < DATE_WORD_FORMS.len() {
        let word = DATE_WORD_FORMS[k].1;
        by_id[word as usize + 1] = Some(word);
        k += 1;
    }
    by_id
};

/// [`single`] at a token that does not start with a digit: a date word
/// and what follows it.
fn word_expr(doc: &NumDoc<'_, '_>, i: usize) -> Option<Expr> {
    let t = doc.tokens.get(i)?;
    if t.kind != TokenKind::Syllable {
        return None;
    }
    // Most words have neither the first byte nor the length of a date
    // word in any case (an exact reject, see `DATE_WORD_STARTS`), and are
    // not lower-cased.
    if doc.fast && !starts_one_of(doc, i, &DATE_WORD_STARTS) {
        return None;
    }
    word_expr_of(doc, i, date_word(&lower(t.text))?)
}

/// The first bytes and lengths of every text whose `lower` form is one of
/// [`DATE_WORD_FORMS`]: the words in lower case and capitalized (`lower`
/// changes only a text that starts with a capital; each capital of these
/// letters has the length of its lower case, and none of them is `k`,
/// whose Kelvin sign is longer), made from the forms at compile time. A
/// test checks every form in three cases.
static DATE_WORD_STARTS: super::numeric::Starts = {
    let mut words = [""; DATE_WORD_FORMS.len()];
    let mut k = 0;
    while k < words.len() {
        words[k] = DATE_WORD_FORMS[k].0;
        k += 1;
    }
    super::numeric::starts_any_case(&words)
};

/// What [`word_expr_of`] reads at the `tháng` at token `i` (`tháng M
/// [năm Y]`), taken from the day remembered at token `i - 1` when that
/// day was read as `N tháng M [năm Y]`: in a day list (`30 tháng 5 – …`)
/// each `tháng` follows its day, which was read just before. `None` when
/// the remembered day is not that reading (then read as usual).
///
/// Why it is the same: [`day_expr_uncached`] at `N` ends after `tháng`
/// (index `i`) only through its `N tháng M` arm (its token readings end
/// at `N + 1`, and `day_dash_month` needs a dash at `i`). That arm
/// required `inline_gap` after `tháng` ([`word_expr_of`]'s `next_ok`), a
/// plain number `M` of at most two digits (so `month_expr`'s `date_like`
/// finds nothing and its `small_number` reads `M`), a valid day of month
/// `M` (so `M` is in 1..=12) and `year_after(M + 1)`, which is
/// `month_expr`'s year and end too.
#[inline]
fn month_of_day_before(doc: &NumDoc<'_, '_>, i: usize) -> Option<Expr> {
    let (k, day) = doc.day_memo.get()?;
    let day = day?;
    if k.wrapping_add(1) != i || day.start != k || day.end <= i + 1 {
        return None;
    }
    let m = day.from.month?;
    Some(expr(i, day.end, whole_month(day.from.year, m)))
}

/// At most this many anchors of a document are deferred (see
/// [`DateRecognizer::run_deferring`]): the extractor's check of the
/// deferred ones stays linear in the survivors.
const MAX_DEFERRED: usize = 256;

/// When `day`, read at the number token `i`, is the day `N tháng M [năm
/// Y]` and every candidate the anchors inside it (`tháng`, `M`, `năm`,
/// `Y`) can give holds its anchor token and ends by the day's end: that
/// end (a token index). The anchors then read, on the fast path:
/// - `tháng`: `tháng M [năm Y]` (see [`month_of_day_before`]);
/// - `M`: nothing, as `digit_expr` (see [`month_of_day_before`]'s
///   reasons: a plain number of at most two digits after `tháng`) unless
///   `tháng` follows it, the day's last token being `M` (tested: not
///   `tháng` at the end);
/// - `năm`: `năm Y`, and `Y`: `Y` or nothing: a year at `Y` reads on only
///   over a dash followed by a number (tested: not both).
///
/// Any range from them needs a connector at the day's end and a
/// second member after it (tested: none, or no member); a lunar marker
/// or a coordination would need `âm lịch`, a comma or `và` at the end
/// (tested: none). `None` when not so (the anchors are then read).
fn nested_day_end(doc: &NumDoc<'_, '_>, i: usize, day: &Expr) -> Option<usize> {
    let end = day.end;
    // The `N tháng M [năm Y]` arm of `day_expr_uncached` (the others end
    // at `i + 1`, or at `i + 3` after a dash).
    if day.start != i
        || end < i + 3
        || doc.day_memo.get() != Some((i, Some(*day)))
        || !is_word(doc, i + 1, "tháng")
    {
        return None;
    }
    // (`second_member` is `single`, which `may_start_single` rules out
    // cheaply after most dashes: `5 tháng 10 - vua Edward`.)
    let connected = starts_one_of(doc, end, &CONNECTOR_STARTS)
        && may_start_single(doc, end + 1)
        && connector(doc, end)
        && second_member(doc, end + 1).is_some();
    // (`lunar_after`'s whole filter inline before the call, as in
    // `with_lunar`: an `â` word at the end or right after it.)
    let lunar = starts_one_of(doc, end, &LUNAR_STARTS)
        && (starts_with_a_circumflex(doc, end) || starts_with_a_circumflex(doc, end + 1))
        && lunar_after(doc, end).is_some();
    let year_goes_on = end == i + 5
        && is_dash(doc, end)
        && doc
            .tokens
            .get(end + 1)
            .is_some_and(|t| t.kind == TokenKind::Number);
    if connected || lunar || year_goes_on || joined_after(doc, end) || is_word(doc, end, "tháng") {
        return None;
    }
    Some(end)
}

/// When `e`, read at token `i`, is `năm Y` with `Y` a four-digit year
/// read alone (no range, no lunar marker, nothing that could join a
/// range after it): its end `i + 2`, so the anchor `Y` inside it is
/// deferred (see [`DateRecognizer::run_deferring`]). `Y` then reads, on
/// the fast path, `year_expr(Y)` or nothing (`digit_expr` on a
/// four-digit year), and `year_expr` is pure, so it ends where `e` does
/// (`i + 2`); its range needs a connector there and its lunar marker a
/// dash, bracket or `âm` there (tested: none); a year-only date
/// coordinates with nothing, and a four-digit token is no year list.
/// So its one candidate, if any, is `Y` alone, inside `e` and shorter.
#[inline]
fn nested_year_end(doc: &NumDoc<'_, '_>, i: usize, e: &Expr) -> Option<usize> {
    let end = i + 2;
    if e.end != end
        || e.start != i
        || e.lunar
        || year_at(doc, i + 1).is_none()
        || !is_word(doc, i, "năm")
        || starts_one_of(doc, end, &CONNECTOR_STARTS)
        || starts_one_of(doc, end, &LUNAR_STARTS)
    {
        return None;
    }
    Some(end)
}

/// [`word_expr`] at the syllable `i`, which is the date word `word`.
fn word_expr_of(doc: &NumDoc<'_, '_>, i: usize, word: DateWord) -> Option<Expr> {
    use DateWord as D;
    // The `tháng` of a day just read (`30 tháng 5`): its month is in that
    // reading (which implies `next_ok` below).
    if word == D::Thang && doc.fast {
        if let Some(e) = month_of_day_before(doc, i) {
            return Some(e);
        }
    }
    let next_ok = inline_gap(doc, i);
    let at = |e: Option<Expr>| e.map(|e| Expr { start: i, ..e });
    match word {
        D::Ngay | D::Mong if next_ok => {
            let mut j = i + 1;
            if word == D::Ngay && (is_word(doc, j, "mồng") || is_word(doc, j, "mùng")) && inline_gap(doc, j)
            {
                j += 1;
            }
            at(day_expr(doc, j))
        }
        D::Thang if next_ok => at(month_expr(doc, i + 1)),
        D::Nam if next_ok => {
            // `năm học 2024-2025`
            let j = if is_word(doc, i + 1, "học") && inline_gap(doc, i + 1) {
                i + 2
            } else {
                i + 1
            };
            at(year_expr(doc, j))
        }
        D::Quy => quarter_expr(doc, i),
        D::Giai | D::Thoi | D::Nhiem | D::Nien if next_ok => {
            let second = word_at(doc, i + 1)?;
            let ok = matches!(
                (word, second.as_ref()),
                (D::Giai, "đoạn")
                    | (D::Thoi, "kỳ")
                    | (D::Thoi, "kì")
                    | (D::Nhiem, "kỳ")
                    | (D::Nhiem, "kì")
                    | (D::Nien, "khóa")
                    | (D::Nien, "khoá")
                    | (D::Nien, "độ")
            );
            if !ok || !inline_gap(doc, i + 1) {
                return None;
            }
            at(year_expr(doc, i + 2))
        }
        D::Dau | D::Giua | D::Cuoi if next_ok => {
            if is_word(doc, i + 1, "năm") && inline_gap(doc, i + 1) {
                let y = year_at(doc, i + 2)?;
                return Some(expr(i, i + 3, whole_years(y, y)));
            }
            if is_word(doc, i + 1, "tháng") && inline_gap(doc, i + 1) {
                return at(month_expr(doc, i + 2));
            }
            None
        }
        D::Thuong | D::Trung | D::Ha if next_ok => {
            if !(is_word(doc, i + 1, "tuần")
                && inline_gap(doc, i + 1)
                && is_word(doc, i + 2, "tháng")
                && inline_gap(doc, i + 2))
            {
                return None;
            }
            let e = month_expr(doc, i + 3)?;
            let (y, m) = (e.from.year, e.from.month?);
            let (first, last) = match word {
                D::Thuong => (1, 10),
                D::Trung => (11, 20),
                _ => (21, month_end(y, m)),
            };
            Some(Expr {
                start: i,
                end: e.end,
                from: pd(y, Some(m), Some(first)),
                to: pd(y, Some(m), Some(last)),
                lunar: false,
            })
        }
        D::Nua if next_ok => {
            let part = word_at(doc, i + 1)?;
            let first_half = match part.as_ref() {
                "đầu" => true,
                "cuối" | "sau" => false,
                _ => return None,
            };
            if !(inline_gap(doc, i + 1) && is_word(doc, i + 2, "năm")) {
                return None;
            }
            let (year, end) = year_after(doc, i + 2);
            if year.is_none() && relative_after(doc, i + 3) {
                return None;
            }
            let end = if year.is_some() { end } else { i + 3 };
            let (a, b) = if first_half { (1, 6) } else { (7, 12) };
            Some(expr(i, end, months(year, a, b)))
        }
        _ => None,
    }
}

/// `âm lịch` after a date (`ngày 20/2 âm lịch`, `ngày 10/10 - Âm lịch`,
/// `(âm lịch)`): the new end.
fn lunar_after(doc: &NumDoc<'_, '_>, end: usize) -> Option<usize> {
    lunar_after_with(doc, end, true)
}

/// [`lunar_after`]; with `filter`, a token at `end` without the first byte
/// and length of a dash, `(`, `âm` or `ÂL`, or with no `â`/`Â` word at
/// `end` or right after it, is rejected at once (tests compare both).
pub(crate) fn lunar_after_with(doc: &NumDoc<'_, '_>, end: usize, filter: bool) -> Option<usize> {
    if filter
        && !(starts_one_of(doc, end, &LUNAR_STARTS)
            && (starts_with_a_circumflex(doc, end) || starts_with_a_circumflex(doc, end + 1)))
    {
        return None;
    }
    let mut k = end;
    let mut open = false;
    if end == 0 || !(inline_gap(doc, end - 1) || adjacent(doc, end - 1)) {
        return None;
    }
    if is_dash(doc, k) && inline_gap(doc, k) {
        k += 1;
    } else if doc.tokens.get(k).is_some_and(|t| t.text == "(") {
        open = true;
        k += 1;
    }
    if is_word(doc, k, "âm") && inline_gap(doc, k) && is_word(doc, k + 1, "lịch") {
        k += 2;
    } else if doc.tokens.get(k).is_some_and(|t| t.text == "ÂL") {
        k += 1;
    } else {
        return None;
    }
    if open {
        if doc.tokens.get(k).is_some_and(|t| t.text == ")") {
            k += 1;
        } else {
            return None;
        }
    }
    Some(k)
}

/// Whether token `i` starts with `â` or `Â` (as `âm`, `Âm`, `ÂM` and `ÂL`
/// do): the lunar marker sits right after the date or after one dash or
/// bracket, so a date followed by neither is no lunar date (most dashes
/// after a date join a range).
#[inline]
fn starts_with_a_circumflex(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    doc.tokens
        .get(i)
        .is_some_and(|t| matches!(t.text.as_bytes(), [0xC3, 0xA2 | 0x82, ..]))
}

/// `e`, extended over `âm lịch` after it. Inline: most dates have no
/// dash, bracket or `âm` after them, and most dashes after a date have no
/// `â` word after them (`30 tháng 4 – …` in a list of days): the whole
/// filter of [`lunar_after_with`], done here before the call, which
/// passes the date by value.
#[inline]
fn with_lunar(doc: &NumDoc<'_, '_>, e: Expr) -> Expr {
    if no_lunar_after(doc, &e) {
        return e;
    }
    with_lunar_after(doc, e)
}

/// The filter of [`with_lunar`]: `true` when `e` is surely not extended
/// over a lunar marker (on the fast path only), tested by reference so
/// that the run need not copy the date when it is not.
#[inline]
fn no_lunar_after(doc: &NumDoc<'_, '_>, e: &Expr) -> bool {
    doc.fast
        && !(starts_one_of(doc, e.end, &LUNAR_STARTS)
            && (starts_with_a_circumflex(doc, e.end) || starts_with_a_circumflex(doc, e.end + 1)))
}

/// The first bytes and lengths of what may follow a date in a lunar date:
/// a dash, `(`, `âm` or `ÂL`.
static LUNAR_STARTS: super::numeric::Starts = starts(&["-", "–", "—", "‐", "‑", "(", "âm", "Âm", "ÂL"]);

#[inline(never)]
fn with_lunar_after(doc: &NumDoc<'_, '_>, mut e: Expr) -> Expr {
    if let Some(end) = lunar_after(doc, e.end) {
        e.end = end;
        e.lunar = true;
    }
    e
}

/// Fills the parts `first` lacks from `second` (its range or coordination partner).
fn fill(first: &mut Expr, second: &Expr) {
    for d in [&mut first.from, &mut first.to] {
        if d.day.is_some() && d.month.is_none() {
            d.month = second.from.month;
        }
        if d.year.is_none() && d.month.is_some() {
            d.year = second.from.year;
        }
    }
    if let (Some(m), Some(d)) = (first.to.month, first.to.day) {
        if !valid_day(first.to.year, m, d) {
            first.from.month = None; // invalid after filling: drop below
        }
    }
}

/// Whether the token at `i` follows a coordinating comma or `và` after
/// another date member (it was read as part of that list).
fn single_in_list(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    let k = i - 1;
    let joined = doc.tokens[k].text == "," || is_word(doc, k, "và");
    joined && k > 0 && doc.tokens[k - 1].kind == TokenKind::Number && small_number(doc, k - 1, 2).is_some()
}

/// A range connector at `j`: `đến`, `tới`, a dash.
fn connector(doc: &NumDoc<'_, '_>, j: usize) -> bool {
    // (Most tokens after a date member have neither the first byte nor
    // the length of a connector: an exact reject, see `CONNECTOR_STARTS`.)
    if doc.fast && !starts_one_of(doc, j, &CONNECTOR_STARTS) {
        return false;
    }
    j > 0
        && (inline_gap(doc, j - 1) || adjacent(doc, j - 1))
        && (is_word(doc, j, "đến") || is_word(doc, j, "tới") || is_dash(doc, j))
        && (inline_gap(doc, j) || adjacent(doc, j))
}

/// The first bytes and lengths of what [`connector`] accepts: `đến`,
/// `tới` (in either case: see `starts_one_of`) and the dashes of `is_dash`
/// (a test checks the lists).
static CONNECTOR_STARTS: super::numeric::Starts =
    starts(&["đến", "Đến", "tới", "Tới", "-", "–", "—", "‐", "‑"]);

/// A bare day number `27` that starts a range `27 - 29/3`.
fn bare_day(doc: &NumDoc<'_, '_>, i: usize) -> Option<Expr> {
    let d = u8::try_from(small_number(doc, i, 2)?).ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let day = pd(None, None, Some(d));
    Some(expr(i, i + 1, (day, day)))
}

/// Skips time-of-day words at `k` (`sáng`, `chiều nay`): the next index.
fn skip_time_of_day(doc: &NumDoc<'_, '_>, mut k: usize) -> usize {
    for _ in 0..2 {
        if doc.tokens.get(k).is_some_and(|t| {
            matches!(
                lower(t.text).as_ref(),
                "sáng" | "trưa" | "chiều" | "tối" | "đêm" | "khuya" | "nay"
            )
        }) && inline_gap(doc, k)
        {
            k += 1;
        }
    }
    k
}

fn ordered(a: &PartialDate, b: &PartialDate) -> bool {
    match (a.year, b.year) {
        (Some(x), Some(y)) if x != y => x < y,
        (Some(_), None) | (None, Some(_)) => true,
        _ => (a.month, a.day) <= (b.month, b.day),
    }
}

/// A range starting at `i` (with `từ` or not): first and last member.
/// `digit_first`: the token at `i` starts with a digit (the caller knows),
/// so it is no `từ` (not asked).
fn range(
    doc: &NumDoc<'_, '_>,
    i: usize,
    at_i: Option<&Expr>,
    digit_first: bool,
) -> Option<(usize, Expr, Expr)> {
    debug_assert!(!digit_first || !is_word(doc, i, "từ"));
    let with_from = !digit_first && is_word(doc, i, "từ") && inline_gap(doc, i);
    // Without `từ`, the first member is `at_i` or a bare day (the token at
    // `i` alone), so the connector must start right after it: most dates
    // and numbers have none there, and leave before the bare day is read
    // (all pure, so the order is free; the reference path, `fast` off,
    // takes the long way and the tests compare both).
    if doc.fast && !with_from {
        let j = at_i.map_or(i + 1, |e| e.end);
        if !starts_one_of(doc, j, &CONNECTOR_STARTS) {
            return None;
        }
    }
    let a = if with_from { i + 1 } else { i };
    let first = if with_from { single(doc, a) } else { at_i.copied() };
    let mut first = first.or_else(|| bare_day(doc, a))?;
    let j = first.end;
    // (The member first: cheaper than the connector test, and most
    // tokens after a dash start none; both pure.)
    if (doc.fast && !may_start_single(doc, j + 1)) || !connector(doc, j) {
        return None;
    }
    let second = with_lunar(doc, second_member(doc, j + 1)?);
    let bare = first.from.month.is_none() && first.from.day.is_some();
    let same_level =
        (first.is_day() || bare) == second.is_day() && first.from.day.is_some() == second.from.day.is_some();
    // Without `từ`, only like members joined by a dash or `đến` make a range.
    if !same_level && (!with_from || second.from.day.is_some() || first.from.day.is_some()) {
        return None;
    }
    if bare && !second.is_day() {
        return None;
    }
    fill(&mut first, &second);
    if first.from.month.is_none() && first.from.day.is_some() {
        return None;
    }
    if !ordered(&first.from, &second.to) {
        return None;
    }
    Some((if with_from { i } else { a }, first, second))
}

/// Whether `và` or a comma follows the member that ends before token `j`
/// on the same line, with more on the line after it.
#[inline]
fn joined_after(doc: &NumDoc<'_, '_>, j: usize) -> bool {
    // (The filter of `joined_after_with` here, inline: most dates are
    // followed by neither, and leave without a call.)
    starts_one_of(doc, j, &JOINER_STARTS) && joined_after_with(doc, j, false)
}

/// The first bytes and lengths of `,` and `và` in either case (see
/// [`joined_after_with`]).
static JOINER_STARTS: super::numeric::Starts = starts(&[",", "và", "Và"]);

/// [`joined_after`]; with `filter`, a token at `j` without the first byte
/// and the length of `,` or `và` (in either case) is rejected at once
/// (tests compare both).
#[inline]
pub(crate) fn joined_after_with(doc: &NumDoc<'_, '_>, j: usize, filter: bool) -> bool {
    if filter && !starts_one_of(doc, j, &JOINER_STARTS) {
        return false;
    }
    j > 0
        && (inline_gap(doc, j - 1) || adjacent(doc, j - 1))
        && (is_word(doc, j, "và") || doc.tokens.get(j).is_some_and(|t| t.text == ","))
        && inline_gap(doc, j)
}

/// Days or months without a year (or a month) joined by `và` or commas
/// to a fuller date (`ngày 19 và ngày 20/12`, `các ngày 15, 16 và 17/8`):
/// the earlier members with the missing parts filled in from the last one.
/// The last member is found on its own.
fn coordinated(doc: &NumDoc<'_, '_>, first: &Expr) -> Vec<Expr> {
    // Most dates are joined to nothing: leave before allocating the list.
    if !joined_after(doc, first.end) {
        return Vec::new();
    }
    let mut members = vec![*first];
    let mut last = *first;
    for _ in 0..6 {
        let j = last.end;
        if !joined_after(doc, j) {
            break;
        }
        let k = skip_time_of_day(doc, j + 1);
        let Some(next) = single(doc, k).or_else(|| bare_day(doc, k)) else {
            break;
        };
        if next.day_only() && !first.month_only() {
            members.push(next);
            last = next;
            continue;
        }
        if first.month_only() {
            // Months borrow only a year, from a month member (`tháng 11 và tháng 12/2025`).
            if next.month_only() {
                members.push(next);
                last = next;
                continue;
            }
            let next_whole = next.from.day == Some(1)
                && next.from.month == next.to.month
                && next.to.day.is_some_and(|d| d >= 28);
            if !next_whole || next.from.year.is_none() {
                break;
            }
            return members
                .into_iter()
                .filter_map(|mut e| {
                    let m = e.from.month?;
                    let (from, to) = whole_month(next.from.year, m);
                    e.from = from;
                    e.to = to;
                    Some(e)
                })
                .collect();
        }
        if !next.is_day() && next.from.day.is_some() {
            break;
        }
        return members
            .into_iter()
            .filter_map(|mut e| {
                fill(&mut e, &next);
                let complete = e.from.month.is_some() && e.from.day.is_some();
                (complete && e.from.year.is_some() == next.from.year.is_some()).then_some(e)
            })
            .collect();
    }
    Vec::new()
}

fn date(
    doc: &NumDoc<'_, '_>,
    start: usize,
    end: usize,
    from: PartialDate,
    to: PartialDate,
    lunar: bool,
) -> Entity {
    let mut span: Span = span_of(doc, start, end);
    // A year list in one token (`năm 2016,2017`): the span ends after the first year.
    if let Some(last) = doc.tokens.get(end.wrapping_sub(1)) {
        if last.kind == TokenKind::Number && is_year_list(last.text) {
            span.end = last.span.start + 4;
        }
    }
    Entity::Date(Date {
        span,
        // The extractor takes the text from the caller's input.
        text: String::new(),
        start_date: from,
        end_date: to,
        calendar: lunar.then_some(Calendar::Lunar),
    })
}

/// Whether a date may start at the token: a digit, or a word that begins
/// a date (`ngày`, `tháng`, `năm`, `quý`, `giai đoạn`, `đầu`, `từ` …), in
/// lower case or capitalized. A literal `match` is the cheapest test.
pub(crate) fn may_start(t: &crate::token::Token<'_>) -> bool {
    match t.text.as_bytes().first() {
        Some(b) if b.is_ascii_digit() => true,
        // Every word below is 4 to 9 bytes long and starts with one of these
        // letters in either case (`đ` and `Đ` start with the byte 0xC4): a
        // cheap filter first.
        Some(b)
            if !(4..=9).contains(&t.text.len())
                || !matches!(b | 0x20, b'n' | b'm' | b't' | b'q' | b'g' | b'h' | b'c' | 0xE4) =>
        {
            false
        }
        Some(_) => matches!(
            t.text,
            "ngày"
                | "Ngày"
                | "mồng"
                | "Mồng"
                | "mùng"
                | "Mùng"
                | "tháng"
                | "Tháng"
                | "năm"
                | "Năm"
                | "quý"
                | "Quý"
                | "quí"
                | "Quí"
                | "giai"
                | "Giai"
                | "thời"
                | "Thời"
                | "nhiệm"
                | "Nhiệm"
                | "niên"
                | "Niên"
                | "đầu"
                | "Đầu"
                | "giữa"
                | "Giữa"
                | "cuối"
                | "Cuối"
                | "thượng"
                | "Thượng"
                | "trung"
                | "Trung"
                | "hạ"
                | "Hạ"
                | "nửa"
                | "Nửa"
                | "từ"
                | "Từ"
                | "NGÀY"
                | "THÁNG"
                | "NĂM"
                | "QUÝ"
                | "TỪ"
        ),
        None => false,
    }
}

impl Recognizer for DateRecognizer {
    fn produces(&self) -> &'static [super::EntityType] {
        &[super::EntityType::Date]
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Entity>) {
        self.run(&NumDoc::new(doc), out);
    }
}

impl DateRecognizer {
    /// Adds the candidates found in `doc` (whose memo other numeric
    /// recognizers may share) to `out`.
    pub(crate) fn run(&self, doc: &NumDoc<'_, '_>, out: &mut Vec<Entity>) {
        self.run_deferring(doc, out, None);
    }

    /// [`DateRecognizer::run`]; with `deferred` (the extractor's deferral,
    /// see `NumericRecognizer::recognize_deferring`), the anchors inside a
    /// day `N tháng M [năm Y]` or the year of `năm Y` whose candidates
    /// provably lie inside it and are shorter (see [`nested_day_end`],
    /// [`nested_year_end`]) are not read: for each such anchor token, its
    /// span and the span from it to the day's (or `năm Y`'s) end are
    /// pushed to `deferred`. Every candidate such an anchor gives holds the token
    /// and lies in that span, so a survivor that overlaps the token and is
    /// longer than the span (the day itself, when it survives) removes it;
    /// when none does, the extractor reads the document again without
    /// deferring.
    pub(crate) fn run_deferring(
        &self,
        doc: &NumDoc<'_, '_>,
        out: &mut Vec<Entity>,
        mut deferred: Option<&mut Vec<[usize; 4]>>,
    ) {
        // Anchors on tokens before `skip_to` are deferred; `skip_end` is
        // the byte end of the day that holds them.
        let (mut skip_to, mut skip_end) = (0, 0);
        let classes = doc.anchor_classes();
        for (k, &i) in doc.anchors().iter().enumerate() {
            let t = &doc.tokens[i];
            if i < skip_to {
                if let Some(list) = deferred.as_deref_mut() {
                    list.push([t.span.start, t.span.end, t.span.start, skip_end]);
                }
                continue;
            }
            // An anchor word's class says what `may_start` would.
            let class = classes.get(k).copied().unwrap_or(super::numeric::UNKNOWN_CLASS);
            debug_assert_eq!(class, doc.anchor_class_at(k));
            let starts = if class & super::numeric::UNKNOWN_CLASS != 0 {
                // (A digit first, as most such anchors have, is what
                // `may_start` accepts first.)
                t.text.as_bytes().first().is_some_and(u8::is_ascii_digit) || may_start(t)
            } else {
                class & super::numeric::DATE_WORD != 0
            };
            if !starts {
                continue;
            }
            // (What `single` does, knowing which of its two paths to take;
            // an anchor word's class also says which date word it is, so it
            // need not be lower-cased and matched again.)
            let digit_first = t.text.as_bytes().first().is_some_and(u8::is_ascii_digit);
            let at_i = if digit_first {
                digit_expr(doc, i)
            } else if class & super::numeric::UNKNOWN_CLASS == 0 {
                match date_word_of_id(class >> super::numeric::DATE_WORD_SHIFT) {
                    Some(word) if t.kind == TokenKind::Syllable => word_expr_of(doc, i, word),
                    _ => None,
                }
            } else {
                word_expr(doc, i)
            };
            if let Some((start, first, second)) = range(doc, i, at_i.as_ref(), digit_first) {
                out.push(date(
                    doc,
                    start,
                    second.end,
                    first.from,
                    second.to,
                    first.lunar || second.lunar,
                ));
            }
            if let (Some(list), Some(e)) = (deferred.as_deref_mut(), at_i.as_ref()) {
                if list.len() < MAX_DEFERRED && doc.fast {
                    if let Some(end) = nested_year_end(doc, i, e).or_else(|| nested_day_end(doc, i, e)) {
                        (skip_to, skip_end) = (end, span_of(doc, i, end).end);
                    }
                }
            }
            if let Some(e) = at_i.as_ref() {
                // (`with_lunar`, copying the date only when it is extended.)
                let lunar_e;
                let e = if no_lunar_after(doc, e) {
                    e
                } else {
                    lunar_e = with_lunar_after(doc, *e);
                    &lunar_e
                };
                // Only a member without month or year borrows from a later one
                // (`ngày 19 và ngày 20/12`, `ngày 2/10 và ngày 5/10/2024`); a member
                // that starts a list is not read again from inside the list.
                let in_list = i > 0 && single_in_list(doc, i);
                let borrowed = if (e.day_only() || (e.from.year.is_none() && e.is_day()) || e.month_only())
                    && !in_list
                {
                    coordinated(doc, e)
                } else {
                    Vec::new()
                };
                if !borrowed.is_empty() {
                    for c in borrowed {
                        out.push(date(doc, c.start, c.end, c.from, c.to, c.lunar));
                    }
                } else if !e.day_only() && (e.from.month.is_some() || e.from.year.is_some()) {
                    out.push(date(doc, e.start, e.end, e.from, e.to, e.lunar));
                }
            }
            // The later members of a year list in one token: `2016,2017,2018`.
            if t.kind == TokenKind::Number && is_year_list(t.text) {
                let mut offset = t.span.start;
                let after_year_word = i > 0 && is_word(doc, i - 1, "năm");
                for (k, part) in t.text.split(',').enumerate() {
                    // The first member after `năm` is read with it above.
                    if k > 0 || !after_year_word {
                        if let Ok(y) = part.parse::<i32>() {
                            let span = Span::new(offset, offset + part.len());
                            let (from, to) = whole_years(y, y);
                            out.push(Entity::Date(Date {
                                span,
                                text: String::new(),
                                start_date: from,
                                end_date: to,
                                calendar: None,
                            }));
                        }
                    }
                    offset += part.len() + 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::entity::numeric::{starts_one_of, NumDoc};
    use crate::entity::{Calendar, Document, Entity};
    use crate::{EntityType, Extractor};

    /// `CONNECTOR_STARTS` keeps every connector: each spelling of `đến`
    /// and `tới` in any mix of cases (and near misses), each dash, after
    /// digits and after a date, spaced or glued; `connector` and `range`
    /// answer the same on the fast and the reference path.
    /// `YEAR_AMOUNT_STARTS` keeps `%` and every word `scale_exp` accepts
    /// (read from the source), and `no_bare_year` agrees on both paths
    /// after a year for each of them and for near misses.
    #[test]
    fn year_amount_starts_keep_every_scale_word() {
        let src = include_str!("../number.rs");
        let body = src
            .split_once("pub(crate) fn scale_exp")
            .map(|(_, b)| b)
            .unwrap_or_default();
        let body = body.split_once("\n}\n").map(|(b, _)| b).unwrap_or_default();
        let words: Vec<&str> = body.split('"').skip(1).step_by(2).chain(["%"]).collect();
        assert!(words.len() > 15, "{words:?}");
        for w in words {
            let doc = Document::new(w);
            let d = NumDoc::new(&doc);
            assert!(starts_one_of(&d, 0, &super::YEAR_AMOUNT_STARTS), "{w:?}");
            for text in [format!("1998 {w}"), format!("1998 {w}a"), format!("2010{w}")] {
                let doc = Document::new(&text);
                let fast = NumDoc::new(&doc);
                let slow = NumDoc::reference(&doc);
                assert_eq!(
                    super::no_bare_year(&fast, 0, 1998),
                    super::no_bare_year(&slow, 0, 1998),
                    "{text:?}"
                );
            }
        }
    }

    /// `DATE_WORD_STARTS` keeps every form of `DATE_WORD_FORMS` in lower
    /// case, capitalized and in capitals, and `word_expr` agrees on both
    /// paths for each before a number and a year, and for near misses.
    #[test]
    fn date_word_starts_keep_every_date_word() {
        for (w, _) in super::DATE_WORD_FORMS {
            let mut c = w.chars();
            let first: String = c.next().map(|f| f.to_uppercase().collect()).unwrap_or_default();
            for form in [
                w.to_string(),
                format!("{first}{}", c.as_str()),
                w.to_uppercase(),
                format!("{w}a"),
                w.chars().skip(1).collect(),
            ] {
                let text = format!("{form} 12 năm 2020");
                let doc = Document::new(&text);
                let fast = NumDoc::new(&doc);
                let slow = NumDoc::reference(&doc);
                assert_eq!(super::word_expr(&fast, 0), super::word_expr(&slow, 0), "{text:?}");
                if super::date_word(&crate::entity::numeric::lower(&form)).is_some() {
                    assert!(starts_one_of(&fast, 0, &super::DATE_WORD_STARTS), "{form:?}");
                }
            }
        }
    }

    /// `with_lunar`'s whole filter (a dash, bracket or `â` word, then an
    /// `â` word at the date's end or right after it) and the remembered
    /// second member of a range (`second_member`, asked from each token
    /// of `30 tháng 4 – …`): the date candidates agree on the fast path and
    /// on the reference path (no filter, no memo), and lunar dates after a
    /// dash or in brackets and several ranges on one line are still found.
    #[test]
    fn lunar_filter_and_second_member_memo_agree_on_both_paths() {
        use super::DateRecognizer;
        let texts = [
            "30 tháng 4 – một ngày lễ lớn.",
            "ngày 20/2 âm lịch và 8 tháng 3 Âm lịch.",
            "ngày 10/10 - Âm lịch là ngày giỗ.",
            "ngày 10/10 – âm lịch, và ngày 12/10 (ÂL) nữa.",
            "2 tháng 9 (âm lịch) và 5 tháng 9 — Âm Lịch.",
            "1 tháng 4 – 3 tháng 5 và 6 tháng 7 – 8 tháng 9 năm 2020.",
            "từ 3 tháng 5 đến 9 tháng 5, rồi 27 - 29/3 và tháng 6 – tháng 8.",
            "mồng 3 tháng Giêng – âm lịch; 15 tháng 8 - âm nhạc vang lên.",
            "12 tháng 10 –  2 tháng 11 – ngày 4 tháng 12 –",
            "năm 1998 – 2001 – 2005 và quý 2 - quý 3",
        ];
        let mut lunar = 0;
        let mut ranges = 0;
        for text in texts {
            let doc = Document::new(text);
            let fast = NumDoc::new(&doc);
            let slow = NumDoc::reference(&doc);
            let (mut a, mut b) = (Vec::new(), Vec::new());
            DateRecognizer.run(&fast, &mut a);
            DateRecognizer.run(&slow, &mut b);
            assert_eq!(a, b, "{text:?}");
            for e in &a {
                if let Entity::Date(d) = e {
                    lunar += usize::from(d.calendar == Some(Calendar::Lunar));
                    ranges += usize::from(d.start_date != d.end_date);
                }
            }
        }
        assert!(lunar >= 7, "{lunar}");
        assert!(ranges >= 6, "{ranges}");
    }

    #[test]
    fn connector_starts_keep_every_connector() {
        let mut words: Vec<String> = ["-", "–", "—", "‐", "‑", "−", "~", ",", "đ", "tơ"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        for a in ["đ", "Đ", "d", "D"] {
            for b in ["ế", "Ế", "ê", "Ê", "e", "E", "ề"] {
                for c in ["n", "N"] {
                    words.push(format!("{a}{b}{c}"));
                }
            }
        }
        for a in ["t", "T"] {
            for b in ["ớ", "Ớ", "ơ", "Ơ", "o", "ờ"] {
                for c in ["i", "I"] {
                    words.push(format!("{a}{b}{c}"));
                }
            }
        }
        let mut connectors = 0;
        for w in &words {
            for text in [
                format!("5 {w} 7/3"),
                format!("ngày 5/3 {w} 7/3"),
                format!("5{w}7/3"),
            ] {
                let doc = Document::new(&text);
                let fast = NumDoc::new(&doc);
                let slow = NumDoc::reference(&doc);
                for j in 0..doc.tokens.len() {
                    let is = super::connector(&slow, j);
                    assert_eq!(super::connector(&fast, j), is, "{text:?} at {j}");
                    if is {
                        connectors += 1;
                        assert!(starts_one_of(&fast, j, &super::CONNECTOR_STARTS), "{text:?}");
                    }
                    let at = super::single(&slow, j);
                    // (The fast path is told whether the token starts with
                    // a digit, as the run tells it; the reference path asks.)
                    let digit_first = doc.tokens[j]
                        .text
                        .as_bytes()
                        .first()
                        .is_some_and(u8::is_ascii_digit);
                    assert_eq!(
                        super::range(&fast, j, at.as_ref(), digit_first),
                        super::range(&slow, j, at.as_ref(), false),
                        "{text:?} at {j}"
                    );
                }
            }
        }
        // (Every dash and the five forms of each word that `is_word` takes,
        // the word itself and four with a capital first letter, in the two
        // spaced texts at least.)
        assert!(connectors >= 2 * (5 + 10), "{connectors}");
    }

    /// (text, start, end, lunar) of every date in `text`.
    fn dates(text: &str) -> Vec<(String, String, String, bool)> {
        Extractor::builder()
            .types(&[EntityType::Date])
            .build()
            .extract(text)
            .into_iter()
            .filter_map(|e| match e {
                Entity::Date(d) => {
                    assert_eq!(&text[d.span.range()], d.text);
                    Some((
                        d.text,
                        d.start_date.to_string(),
                        d.end_date.to_string(),
                        d.calendar == Some(Calendar::Lunar),
                    ))
                }
                _ => None,
            })
            .collect()
    }

    fn d(text: &str, start: &str, end: &str) -> (String, String, String, bool) {
        (text.into(), start.into(), end.into(), false)
    }

    #[test]
    fn full_dates_in_every_written_form() {
        assert_eq!(
            dates("Sáng 19/12/2025, họp."),
            [d("19/12/2025", "2025-12-19", "2025-12-19")]
        );
        assert_eq!(
            dates("ngày 19-12-2025"),
            [d("ngày 19-12-2025", "2025-12-19", "2025-12-19")]
        );
        assert_eq!(dates("2025-12-19"), [d("2025-12-19", "2025-12-19", "2025-12-19")]);
        assert_eq!(
            dates("hạn 19.12.2025."),
            [d("19.12.2025", "2025-12-19", "2025-12-19")]
        );
        assert_eq!(
            dates("Hà Nội, ngày 05 tháng 3 năm 2020"),
            [d("ngày 05 tháng 3 năm 2020", "2020-03-05", "2020-03-05")]
        );
        assert_eq!(
            dates("sinh 29 tháng 2 năm 2024"),
            [d("29 tháng 2 năm 2024", "2024-02-29", "2024-02-29")]
        );
    }

    #[test]
    fn partial_dates_keep_unknown_parts_unknown() {
        assert_eq!(
            dates("Ngày 2/10, đoàn đến."),
            [d("Ngày 2/10", "--10-02", "--10-02")]
        );
        assert_eq!(dates("đến ngày 10-8, có"), [d("ngày 10-8", "--08-10", "--08-10")]);
        assert_eq!(dates("Chiều 16.7, ông"), [d("16.7", "--07-16", "--07-16")]);
        assert_eq!(dates("hết tháng 6 ước đạt"), [d("tháng 6", "--06-01", "--06-30")]);
        assert_eq!(dates("tháng 2"), [d("tháng 2", "--02-01", "--02-29")]);
        assert_eq!(
            dates("tháng 12/2025"),
            [d("tháng 12/2025", "2025-12-01", "2025-12-31")]
        );
        assert_eq!(
            dates("tháng 2/2023"),
            [d("tháng 2/2023", "2023-02-01", "2023-02-28")]
        );
        assert_eq!(
            dates("tháng 6 năm 2019"),
            [d("tháng 6 năm 2019", "2019-06-01", "2019-06-30")]
        );
        assert_eq!(
            dates("Tháng Giêng năm 2024"),
            [d("Tháng Giêng năm 2024", "2024-01-01", "2024-01-31")]
        );
        assert_eq!(
            dates("vào tháng Mười Hai"),
            [d("tháng Mười Hai", "--12-01", "--12-31")]
        );
        assert_eq!(
            dates("tháng Tư năm 1975"),
            [d("tháng Tư năm 1975", "1975-04-01", "1975-04-30")]
        );
        assert!(dates("hai tháng hai lần").is_empty());
    }

    #[test]
    fn years_periods_quarters() {
        assert_eq!(
            dates("Năm 2025, tỉnh"),
            [d("Năm 2025", "2025-01-01", "2025-12-31")]
        );
        assert_eq!(
            dates("giai đoạn 2021-2025"),
            [d("giai đoạn 2021-2025", "2021-01-01", "2025-12-31")]
        );
        assert_eq!(
            dates("năm học 2024 - 2025"),
            [d("năm học 2024 - 2025", "2024-01-01", "2025-12-31")]
        );
        assert_eq!(dates("Tết 2026 đã"), [d("2026", "2026-01-01", "2026-12-31")]);
        assert_eq!(
            dates("quý III/2025"),
            [d("quý III/2025", "2025-07-01", "2025-09-30")]
        );
        assert_eq!(
            dates("so với quý I.2018."),
            [d("quý I.2018", "2018-01-01", "2018-03-31")]
        );
        assert_eq!(
            dates("quý 4 năm 2018"),
            [d("quý 4 năm 2018", "2018-10-01", "2018-12-31")]
        );
        assert_eq!(dates("trong quý III, giá"), [d("quý III", "--07-01", "--09-30")]);
        assert_eq!(dates("mùa 2003–04"), [d("2003–04", "2003-01-01", "2004-12-31")]);
        assert_eq!(
            dates("quí 1 - 2004 chỉ có"),
            [d("quí 1 - 2004", "2004-01-01", "2004-03-31")]
        );
        assert_eq!(
            dates("24 tháng 12 năm 1944"),
            [d("24 tháng 12 năm 1944", "1944-12-24", "1944-12-24")]
        );
    }

    #[test]
    fn parts_of_years_and_months() {
        assert_eq!(
            dates("cuối năm 2024"),
            [d("cuối năm 2024", "2024-01-01", "2024-12-31")]
        );
        assert_eq!(
            dates("cuối tháng 10/2023"),
            [d("cuối tháng 10/2023", "2023-10-01", "2023-10-31")]
        );
        assert_eq!(
            dates("6 tháng đầu năm 2024"),
            [d("6 tháng đầu năm 2024", "2024-01-01", "2024-06-30")]
        );
        assert_eq!(
            dates("6 tháng đầu năm, lãi"),
            [d("6 tháng đầu năm", "--01-01", "--06-30")]
        );
        assert_eq!(
            dates("6 tháng cuối năm."),
            [d("6 tháng cuối năm", "--07-01", "--12-31")]
        );
        assert_eq!(
            dates("11 tháng năm 2019"),
            [d("11 tháng năm 2019", "2019-01-01", "2019-11-30")]
        );
        assert_eq!(
            dates("nửa đầu năm 2021"),
            [d("nửa đầu năm 2021", "2021-01-01", "2021-06-30")]
        );
        assert_eq!(
            dates("hạ tuần tháng 12/2024"),
            [d("hạ tuần tháng 12/2024", "2024-12-21", "2024-12-31")]
        );
    }

    #[test]
    fn ranges_coordination_and_lunar_dates() {
        assert_eq!(
            dates("từ ngày 14/10 đến ngày 16/10/2022"),
            [d("từ ngày 14/10 đến ngày 16/10/2022", "2022-10-14", "2022-10-16")]
        );
        assert_eq!(
            dates("tuần từ 17 - 23/3:"),
            [d("từ 17 - 23/3", "--03-17", "--03-23")]
        );
        assert_eq!(
            dates("kéo dài 5/5-20/6 thu hút"),
            [d("5/5-20/6", "--05-05", "--06-20")]
        );
        assert_eq!(
            dates("từ tháng 9-2016 đến tháng 2-2017"),
            [d("từ tháng 9-2016 đến tháng 2-2017", "2016-09-01", "2017-02-28")]
        );
        assert_eq!(
            dates("Các ngày 15, 16 và 17/8 là"),
            [
                d("ngày 15", "--08-15", "--08-15"),
                d("16", "--08-16", "--08-16"),
                d("17/8", "--08-17", "--08-17")
            ]
        );
        assert_eq!(
            dates("ngày 2/10 và ngày 5/10/2024"),
            [
                d("ngày 2/10", "2024-10-02", "2024-10-02"),
                d("ngày 5/10/2024", "2024-10-05", "2024-10-05")
            ]
        );
        assert!(dates("ngày 15, 16 người chết").is_empty());
        assert_eq!(
            dates("tối ngày 19 và sáng ngày 20/12,"),
            [
                d("ngày 19", "--12-19", "--12-19"),
                d("ngày 20/12", "--12-20", "--12-20")
            ]
        );
        let lunar = dates("từ ngày 10/3 đến ngày 12/3 âm lịch");
        assert_eq!(lunar.len(), 1);
        assert_eq!(lunar[0].0, "từ ngày 10/3 đến ngày 12/3 âm lịch");
        assert!(lunar[0].3);
        assert_eq!(
            dates("các năm 2016,2017"),
            [
                d("năm 2016", "2016-01-01", "2016-12-31"),
                d("2017", "2017-01-01", "2017-12-31")
            ]
        );
    }

    #[test]
    fn not_dates() {
        assert!(dates("năm nay tăng").is_empty());
        assert!(dates("đầu năm đến nay").is_empty());
        assert!(dates("nửa đầu năm nay").is_empty());
        assert!(dates("Quyết định 1722/QĐ-TTg").is_empty());
        assert!(dates("lúc 20h10").is_empty());
        assert!(dates("tháng 13/2020").is_empty());
        assert!(dates("ngày 31/2/2023").is_empty());
        assert!(dates("xếp thứ 14/65").is_empty());
        assert!(dates("có 9/10 học sinh").is_empty());
        assert!(dates("").is_empty());
    }

    #[test]
    fn edges_and_decomposed_input() {
        assert_eq!(dates("19/12/2025"), [d("19/12/2025", "2025-12-19", "2025-12-19")]);
        assert_eq!(dates("(ngày 2/10)"), [d("ngày 2/10", "--10-02", "--10-02")]);
        assert_eq!(dates("“Năm 2025”"), [d("Năm 2025", "2025-01-01", "2025-12-31")]);
        // `tháng` written with a combining grave accent.
        let text = "tha\u{301}ng 6/2024";
        assert_eq!(dates(text), [d(text, "2024-06-01", "2024-06-30")]);
    }

    #[test]
    fn coordinated_day_then_day_month_ratio() {
        // A `d/m` after an earlier day member is a day even with a word after it.
        assert_eq!(
            dates("Nắng gắt ngày 3 và 4/8 khắp vùng."),
            [d("ngày 3", "--08-03", "--08-03"), d("4/8", "--08-04", "--08-04")]
        );
        assert_eq!(dates("hôm 9/5 nhiều nơi"), [d("9/5", "--05-09", "--05-09")]);
    }

    #[test]
    fn coordinated_months_share_the_year() {
        assert_eq!(
            dates("trong tháng 3 và tháng 4/2024, xã"),
            [
                d("tháng 3", "2024-03-01", "2024-03-31"),
                d("tháng 4/2024", "2024-04-01", "2024-04-30")
            ]
        );
        // February takes its length from the borrowed year.
        assert_eq!(
            dates("tháng 2 và tháng 3/2024"),
            [
                d("tháng 2", "2024-02-01", "2024-02-29"),
                d("tháng 3/2024", "2024-03-01", "2024-03-31")
            ]
        );
        // Without a year anywhere, each month stays as written.
        assert_eq!(
            dates("tháng 5 và tháng 6 mưa"),
            [
                d("tháng 5", "--05-01", "--05-31"),
                d("tháng 6", "--06-01", "--06-30")
            ]
        );
    }

    #[test]
    fn no_year_cue_filter_keeps_every_cue() {
        let cues = [
            "số", "mã", "điều", "khoản", "phòng", "tổ", "lớp", "thứ", "top", "km", "hotline", "khoảng",
            "hơn", "gần", "trên", "dưới",
        ];
        // The filter at the first token of `text`, and `no_bare_year` at
        // the year after it on both paths.
        let check = |w: &str| -> bool {
            let text = format!("{w} 1998");
            let doc = Document::new(&text);
            let fast = NumDoc::new(&doc);
            let slow = NumDoc::reference(&doc);
            let year = doc.tokens.iter().position(|t| t.text == "1998").unwrap();
            assert_eq!(
                super::no_bare_year(&fast, year, 1998),
                super::no_bare_year(&slow, year, 1998),
                "{text:?}"
            );
            year == 1 && super::may_be_no_year_cue(&fast, 0)
        };
        for w in cues {
            let mut cap = w.chars();
            let capitalized: String = cap
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(cap)
                .collect();
            for form in [w.to_owned(), capitalized, w.to_uppercase()] {
                assert!(check(&form), "{form}");
            }
        }
        // Words the filter rejects lower-case to no cue; near misses (one
        // byte off, the same first byte and length) agree on both paths.
        for w in [
            "Năm", "năm", "Tết", "ông", "A", "Z", "[", "2010", "(", "Việt", "Nam", "cùng", "kỳ", "sinh",
            "mất", "Sinh", "từ", "tới", "Từ", "sô", "so", "kn", "KN", "tò", "tóp", "hơi", "trến", "hotlinf",
            "Hotlinf", "gân", "mâ", "lơp", "thư", "dươi", "đến", "Đến",
        ] {
            if !check(w) {
                assert!(!cues.contains(&crate::entity::numeric::lower(w).as_ref()), "{w}");
            }
        }
        assert!(!check("Năm"));
        assert!(!check("mất"));
        // With `km` written with a Kelvin sign, the full test decides.
        assert!(check("\u{212A}m"));
    }

    /// The year shortcuts agree with the full reading: at every token
    /// that `year_at` reads, `year_expr_at_year` (fast, through the memo,
    /// asked twice) equals `year_expr_uncached` on the reference path;
    /// where `may_start_single` says no, `single` reads nothing on either
    /// path (and it says yes at every date word and digit).
    #[test]
    fn year_and_member_shortcuts_agree_with_the_reading() {
        let texts = [
            "1001 – Giáo hoàng, 1999 – 2003, 2003–04, 1998-99, 2010 - 2011a, 1990–2100 và 2016,2017.",
            "Ông (sinh 1935 – mất 2010), năm 2020 – tháng 3, 1995 – ngày 5, 1996 – 12/2000, 1997 – Quý 2.",
            "Từ 2001 đến 2005, 2001 tới Năm 2009, 2004 -2008, 1999 — 2000, 2000 ‐ 2001, 2019 – nay, 2021 - 05.",
            "5 tháng 3 – Đầu năm, 1 – 2 tháng 4, 1998 - Cuối 1999, 2020 – GIỮA năm, 1930 – 1931/32.",
        ];
        let mut years = 0;
        for text in texts {
            let doc = Document::new(text);
            let fast = NumDoc::new(&doc);
            let slow = NumDoc::reference(&doc);
            for i in 0..=doc.tokens.len() {
                if let Some(y) = super::year_at(&fast, i) {
                    let want = super::year_expr_uncached(&slow, i);
                    assert_eq!(super::year_expr_at_year(&fast, i, y), want, "{text:?} at {i}");
                    assert_eq!(super::year_expr_at_year(&fast, i, y), want, "{text:?} at {i}");
                    assert_eq!(super::year_expr_at_year(&slow, i, y), want, "{text:?} at {i}");
                    years += 1;
                }
                let (a, b) = (super::single(&fast, i), super::single(&slow, i));
                if !super::may_start_single(&fast, i) {
                    assert!(a.is_none() && b.is_none(), "{text:?} at {i}");
                }
                if doc.tokens.get(i).is_some_and(|t| {
                    t.text.starts_with(|c: char| c.is_ascii_digit())
                        || super::date_word(&crate::entity::numeric::lower(t.text)).is_some()
                }) {
                    assert!(super::may_start_single(&fast, i), "{text:?} at {i}");
                }
            }
            assert_eq!(both_paths(text).0, both_paths(text).1, "{text:?}");
        }
        assert!(years >= 30, "{years}");
    }

    #[test]
    fn year_list_length_test_loses_no_list() {
        use super::{has_comma, is_year_list, year_list};
        let mut texts: Vec<String> = [
            "",
            ",",
            "2016,2017",
            "2016,2017,2018",
            "2016,",
            ",2016",
            "1,5",
            "2016,201",
            "3016,2017",
            "2016,,2017",
            "20162017",
            "2016.2017",
            "1999,2000,1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every text of up to nine bytes from digits and commas in a few shapes.
        for n in (0..=999_999u32).step_by(7) {
            let d = format!("{n:06}");
            texts.push(format!("{}{},{}", &d[..2], &d[2..4], &d[4..]));
            if n % 97 == 0 {
                texts.push(format!("20{},2{}", &d[..2], &d[3..]));
            }
        }
        for t in &texts {
            assert_eq!(is_year_list(t), has_comma(t) && year_list(t), "{t:?}");
        }
        assert!(is_year_list("2016,2017"));
    }

    #[test]
    fn digits_value_is_parse_of_plain_digits() {
        let plain = |s: &str| !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit());
        let mut texts: Vec<String> = (0..=99_999u32).map(|n| n.to_string()).collect();
        texts.extend((0..=999u32).map(|n| format!("{n:04}")));
        texts.extend(
            [
                "",
                "+5",
                "-5",
                "5a",
                "1.5",
                "1,5",
                " 5",
                "٣",
                "999999999",
                "1000000000",
                "4294967296",
                "0000000007",
            ]
            .map(String::from),
        );
        for t in &texts {
            let want = if plain(t) { t.parse::<u32>().ok() } else { None };
            assert_eq!(super::digits_value(t), want, "{t:?}");
        }
    }

    #[test]
    fn phone_numbers_are_no_years() {
        assert!(dates("Gọi tổng đài 1800 6677 để hỏi.").is_empty());
        assert!(dates("số điện thoại 2010 nội bộ").is_empty());
        assert!(dates("Hotline: 1960").is_empty());
        assert!(dates("Văn phòng (028) 3930 2020.").is_empty());
        assert_eq!(dates("ông Tư (SN 1961)"), [d("1961", "1961-01-01", "1961-12-31")]);
        // A lone year is still a year.
        assert_eq!(
            dates("Năm 2020 có lũ."),
            [d("Năm 2020", "2020-01-01", "2020-12-31")]
        );
    }

    /// Day-list words: numbers, month and year words, dashes, `âm lịch`,
    /// commas, `và`, `đến` and a few plain words (my own pool).
    const DAY_LIST_WORDS: &[&str] = &[
        "1",
        "2",
        "3",
        "5",
        "9",
        "10",
        "12",
        "13",
        "15",
        "29",
        "30",
        "31",
        "32",
        "0",
        "07",
        "123",
        "2020",
        "1999",
        "2003",
        "04",
        "31.1",
        "2/10",
        "12/2025",
        "10/10/2020",
        "tháng",
        "Tháng",
        "THÁNG",
        "năm",
        "Năm",
        "ngày",
        "mồng",
        "từ",
        "đến",
        "tới",
        "và",
        ",",
        "-",
        "–",
        "—",
        "(",
        ")",
        "âm",
        "lịch",
        "ÂL",
        "Giêng",
        "Tư",
        "đầu",
        "cuối",
        "quý",
        "sáng",
        "hội",
        "mở",
        "cửa",
        "%",
        "tỷ",
        "người",
        "30 tháng 5",
        "2 tháng 6 năm 2010",
        "29 tháng 2 năm 2023",
        "9 Tháng 12 năm 1999",
        "15 tháng 3",
        "12 tháng 10 năm 2003",
        "năm 2020",
        "Năm 1999",
        "2016,2017",
    ];

    /// The candidates of the date reader on the fast path and on the
    /// reference path (no shortcut, no memo).
    fn both_paths(text: &str) -> (Vec<Entity>, Vec<Entity>) {
        let doc = Document::new(text);
        let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
        use crate::entity::Recognizer as _;
        // (The extractor's path: anchors with their classes.)
        crate::entity::numeric::NumericRecognizer::new(&[EntityType::Date]).recognize(&doc, &mut a);
        super::DateRecognizer.run(&NumDoc::new(&doc), &mut c);
        super::DateRecognizer.run(&NumDoc::reference(&doc), &mut b);
        assert_eq!(a, c, "{text:?}");
        (a, b)
    }

    /// A number before `tháng` is read as a day by `day_number` alone
    /// when it has no dot (see `day_or_month_reading`): fast and
    /// reference paths agree, also on dotted numbers, which keep their
    /// token reading (`31.1 tháng 12` is 31 January, and `tháng 12`, on both).
    #[test]
    fn day_number_before_thang_agrees_with_the_full_reading() {
        for text in [
            "31.1 tháng 12; Sáng 31.1 tháng 12 năm 2020; 5.5 tháng 3.",
            "24 tháng 12; 24 tháng 12 năm 2025; 31 tháng 2; 07 tháng 8; 123 tháng 4.",
            "ngày 15 tháng 3 năm 2021; mồng 5 tháng 5; 10-8 tháng 9; 2/10 tháng 3.",
            "15 tháng 3 - 20 tháng 3; 1, 2 và 3 tháng 4 năm 2020.",
        ] {
            let (fast, reference) = both_paths(text);
            assert_eq!(fast, reference, "{text:?}");
        }
        let (fast, _) = both_paths("31.1 tháng 12");
        assert_eq!(fast.len(), 2, "the day and the month: {fast:?}");
        // `day_number_before_month` is `day_number` wherever its facts
        // hold: days and months in and out of range, gaps, years.
        let mut checked = 0;
        for text in [
            "24 tháng 12, 31 tháng 2, 29 tháng 2 năm 2024, 29 tháng 2 năm 2023, 0 tháng 5, 32 tháng 1.",
            "5 tháng 13, 5 tháng 00, 07 tháng 08 năm 1999, 5 tháng\n3, 5 tháng  3 Năm 2010, 9 Tháng 9 năm 3010.",
            "1 tháng 1 năm, 30 tháng 4 năm 1975–1976, 15 THÁNG 3, 31 tháng 4 năm 2021 và 99 tháng 9.",
        ] {
            let doc = Document::new(text);
            let fast = NumDoc::new(&doc);
            for j in 0..doc.tokens.len() {
                let thang = crate::entity::numeric::inline_gap(&fast, j)
                    && crate::entity::numeric::is_word(&fast, j + 1, "tháng");
                if let (Some(d), Some(m), true) =
                    (super::small_number(&fast, j, 2), super::small_number(&fast, j + 2, 2), thang)
                {
                    assert_eq!(
                        super::day_number_before_month(&fast, j, d, m),
                        super::day_number(&fast, j),
                        "{text:?} at {j}"
                    );
                    checked += 1;
                }
            }
            let (a, b) = both_paths(text);
            assert_eq!(a, b, "{text:?}");
        }
        assert!(checked >= 17, "{checked}");
    }

    /// The month of a `tháng` taken from the day read just before it
    /// (`month_of_day_before`) is what `word_expr_of` reads there, and it
    /// is taken in day lists (so the comparison is not vacuous).
    #[test]
    fn month_from_the_day_before_is_the_month_read() {
        let texts = [
            "30 tháng 5 – một buổi lễ. 2 tháng 6 năm 2010 – hội chợ mở cửa.",
            "ngày 15 tháng 3 năm 2021, 29 tháng 2 năm 2023, 29 tháng 2 năm 2024.",
            "12 tháng 13 và 31 tháng 4 và 0 tháng 3 và 7 tháng 12 năm 99.",
            "5 Tháng 7 âm lịch; 6 THÁNG 8 - âm lịch; 9 tháng 9 (ÂL) và 10 tháng 10.",
            "3 tháng 5 - 9 tháng 5 và 1 tháng 4 – tháng 6, 7  tháng 8.",
        ];
        let mut taken = 0;
        for text in texts {
            let doc = Document::new(text);
            let fast = NumDoc::new(&doc);
            let slow = NumDoc::reference(&doc);
            for i in 1..doc.tokens.len() {
                // Fill the day memo as the number before `tháng` does.
                let day = super::day_expr(&fast, i - 1);
                assert_eq!(day, super::day_expr_uncached(&slow, i - 1), "{text:?} at {i}");
                if let Some(e) = super::month_of_day_before(&fast, i) {
                    taken += 1;
                    let word = super::date_word(&crate::entity::numeric::lower(doc.tokens[i].text));
                    assert_eq!(word, Some(super::DateWord::Thang), "{text:?} at {i}");
                    assert_eq!(
                        Some(e),
                        super::word_expr_of(&slow, i, super::DateWord::Thang),
                        "{text:?} at {i}"
                    );
                }
            }
            let (a, b) = both_paths(text);
            assert_eq!(a, b, "{text:?}");
        }
        assert!(taken >= 12, "{taken}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        /// Day-list-like random text: the fast date reader (shortcuts and
        /// memos) agrees with the reference one.
        #[test]
        fn day_lists_agree_on_both_paths(
            words in proptest::collection::vec(
                (proptest::sample::select(DAY_LIST_WORDS), proptest::sample::select(vec![" ", " ", " ", "", "  "])),
                0..40,
            )
        ) {
            let text: String = words.iter().flat_map(|(w, g)| [*w, *g]).collect();
            let (a, b) = both_paths(&text);
            proptest::prop_assert_eq!(a, b, "{:?}", text);
        }
    }

    /// What the extractor (all types) finds in `text` with deferral on
    /// and off; asserts both agree.
    fn deferral_on_and_off(text: &str) -> Vec<Entity> {
        let x = Extractor::new();
        let on = x.extract_deferring(text, &mut crate::entity::Scratch::new(), true, true);
        let off = x.extract_deferring(text, &mut crate::entity::Scratch::new(), false, true);
        assert_eq!(on, off, "deferral changes the answer on {text:?}");
        on
    }

    /// The anchors inside a day `N tháng M [năm Y]` are deferred where
    /// [`super::nested_day_end`] allows it, and the answer does not change,
    /// also where something beats the day (the document is read again)
    /// and where the anchors inside would read on (not deferred).
    #[test]
    fn nested_day_anchors_deferred_change_nothing() {
        let texts = [
            "30 tháng 5 – một buổi lễ lớn.",
            "2 tháng 6 năm 2010 – hội chợ mở cửa.",
            "12 tháng 10 năm 2003, 5 tháng 11 năm 2004 và 7 tháng 12.",
            "Thưởng 12 tháng 10 triệu đồng cho mỗi người.",
            "9 tháng 12 năm 1999 – 2003 là thời kỳ khó.",
            "9 tháng 12 năm 1999–04 là mùa giải.",
            "3 tháng 5 - 9 tháng 5 và 1 tháng 4 – tháng 6.",
            "5 tháng 7 âm lịch; 6 tháng 8 - âm lịch; 9 tháng 9 (ÂL).",
            "30 tháng 5 tháng 6 năm nay.",
            "Hạn là 1 tháng 1 tháng 12 năm 2020.",
            "Ngày 15 tháng 3 năm 2021 đến 20 tháng 3 năm 2021.",
            "Ông Nguyễn Văn An sinh 30 tháng 5 năm 1950 tại Hà Nội.",
            // `năm Y`: the year inside is deferred where `nested_year_end` allows.
            "Năm 2020 là năm khó; NĂM 1999 cũng vậy.",
            "Từ năm 2012 - 2013 và năm 2014–15, năm 2016 – 2018.",
            "năm 2019, năm 2020 và năm 2021; năm 2016,2017.",
            "năm 2020 âm lịch; năm 2021 (âm lịch); năm 1999 - Âm lịch.",
            "năm 2024 tỷ đồng; năm 2000 người; năm 2020 %; năm 1800.",
            "năm 1999 đến năm 2003; năm 1999 tới 2003; năm 2000-2001.",
            "năm học 2024-2025; đầu năm 2020; tháng 5 năm 2020; quý 2 năm 2021.",
            "Số 2020 năm 2021 mã 2022.",
            // A dash after the day and a token that can or cannot start a
            // member (`may_start_single` before the connector test).
            "5 tháng 10 - vua Edward; 6 tháng 10 - 7 tháng 10; 8 tháng 10 – Ngày 9; 1 tháng 2 - tháng 3.",
            "2 tháng 3 năm 2001 – Quý 2; 4 tháng 5 - năm 2002; 6 tháng 7 đến 8; 9 tháng 9 tới Giữa tháng 10.",
        ];
        for text in texts {
            deferral_on_and_off(text);
        }
        // The day list is deferred: the date reader's anchors inside it
        // are noted, not read.
        let doc = Document::new("30 tháng 5 – một buổi lễ lớn.");
        let mut list = Vec::new();
        let mut out = Vec::new();
        super::DateRecognizer.run_deferring(&NumDoc::new(&doc), &mut out, Some(&mut list));
        assert_eq!(list.len(), 2, "{list:?}");
        assert_eq!(out.len(), 1, "{out:?}");
        // So is the year of `năm Y`, and not the one before a connector.
        // (Where the year goes on, the deferral bound would not hold,
        // though the longer `năm` reading would still win.)
        for (text, deferred) in [
            ("Năm 2020 là năm 1999 – 2003.", 1),
            ("năm 1999 tới 2003", 0),
            ("năm 1999 đến năm 2003", 1),
            ("năm 1999 âm lịch", 0),
            ("năm 1999 (ÂL)", 0),
            ("năm học 1999", 0),
            ("năm 1999, năm 2000", 2),
        ] {
            let doc = Document::new(text);
            let (mut list, mut out) = (Vec::new(), Vec::new());
            super::DateRecognizer.run_deferring(&NumDoc::new(&doc), &mut out, Some(&mut list));
            assert_eq!(list.len(), deferred, "{text:?}: {list:?}");
            deferral_on_and_off(text);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Deferring the anchors inside days changes no answer of the
        /// extractor on day-list-like random text.
        #[test]
        fn day_list_deferral_changes_nothing(
            words in proptest::collection::vec(
                (proptest::sample::select(DAY_LIST_WORDS), proptest::sample::select(vec![" ", " ", " ", "", "  "])),
                0..30,
            )
        ) {
            let text: String = words.iter().flat_map(|(w, g)| [*w, *g]).collect();
            deferral_on_and_off(&text);
        }
    }
}
