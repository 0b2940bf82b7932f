//! Dates: `19/12/2025`, `ngày 19 tháng 12 năm 2025`, `quý III/2025`,
//! `giai đoạn 2021-2025`, lunar dates.
//!
//! SKELETON: types only; the recognizer is to come (issue 3).

use crate::span::Span;
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
