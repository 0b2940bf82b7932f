//! Persons: `ông Chu Đức Chí`, bylines, initials.
//!
//! SKELETON: type only; the recognizer is to come (issue 4).

use crate::span::Span;
use serde::Serialize;

/// A person's name (the title before it is outside the span).
///
/// ```
/// use viet_text::entity::Person;
/// let p = Person { span: viet_text::Span::new(0, 3), text: "Huy".into(), title: Some("ông".into()) };
/// assert!(serde_json::to_string(&p).unwrap().ends_with(r#""title":"ông"}"#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    /// Byte span in the input.
    #[serde(flatten)]
    pub span: Span,
    /// The input at `span`.
    pub text: String,
    /// The honorific or title right before the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}
