//! Percentages: `97%`, `2,5 phần trăm`, `từ 3-4%`.
//!
//! SKELETON: only a `Percent` token; qualifiers, ranges and `phần trăm`
//! are to come (issue 3).

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

pub(crate) struct PercentRecognizer;

impl PercentRecognizer {
    pub(crate) fn new() -> Self {
        PercentRecognizer
    }
}

impl Recognizer for PercentRecognizer {
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Entity>) {
        for t in &doc.tokens {
            if t.kind == TokenKind::Percent {
                if let Ok(value) = crate::number::parse_number(&t.text[..t.text.len() - 1]) {
                    out.push(Entity::Percent(Percent {
                        span: t.span,
                        text: t.text.to_owned(),
                        value: PercentValue::Exact { value },
                        qualifier: None,
                    }));
                }
            }
        }
    }
}
