//! Quantities: `104/104 hộ`, `hơn 40 con`, `500 kg`, `4,81 điểm %`.
//!
//! SKELETON: type only; the recognizer is to come (issue 3).

use super::Qualifier;
use crate::span::Span;
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
    /// The counted noun or measure (`hộ`, `kg`, `điểm %`).
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
