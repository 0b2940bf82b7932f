//! Money: `92,9 triệu đồng`, `2,5 tỷ USD`, `từ 5 đến 7 triệu đồng`.
//!
//! SKELETON: type only; the recognizer is to come (issue 3).

use super::{Amount, Qualifier};
use crate::span::Span;
use serde::Serialize;

/// An amount of money.
///
/// ```
/// use viet_text::entity::{Amount, Money};
/// let m = Money { span: viet_text::Span::new(0, 5), text: "5 USD".into(),
///     amount: Amount::Exact { amount: "5".parse().unwrap() }, currency: "USD".into(), qualifier: None };
/// assert_eq!(serde_json::to_string(&m).unwrap(),
///     r#"{"start":0,"end":5,"text":"5 USD","amount":"5","currency":"USD"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Money {
    /// Byte span in the input.
    #[serde(flatten)]
    pub span: Span,
    /// The input at `span`.
    pub text: String,
    /// The amount or range, in units of the currency.
    #[serde(flatten)]
    pub amount: Amount,
    /// ISO 4217 code (`VND`, `USD`, …).
    pub currency: String,
    /// A bounding word before the number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
}
