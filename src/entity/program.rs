//! Programs, movements, campaigns: `phong trào “Thanh xuân dâng Đảng”`.
//!
//! SKELETON: types only; the recognizer is to come (issue 4).

use crate::span::Span;
use serde::Serialize;

/// What kind of program.
///
/// ```
/// use viet_text::entity::ProgramKind;
/// assert_eq!(serde_json::to_string(&ProgramKind::Movement).unwrap(), "\"movement\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgramKind {
    /// `Chương trình`.
    Program,
    /// `phong trào`.
    Movement,
    /// `Chiến dịch`, `Cuộc vận động`.
    Campaign,
    /// `Dự án`.
    Project,
    /// `Đề án`.
    Scheme,
    /// `Kế hoạch`.
    Plan,
    /// `mô hình`.
    Model,
    /// Anything else (`Tháng …`, a quoted title alone).
    Other,
}

/// A named program with its trigger word.
///
/// ```
/// use viet_text::entity::{Program, ProgramKind};
/// let p = Program { span: viet_text::Span::new(0, 1), text: "x".into(), name: "x".into(), kind: ProgramKind::Program };
/// assert!(serde_json::to_string(&p).unwrap().ends_with(r#""name":"x","kind":"program"}"#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Program {
    /// Byte span in the input.
    #[serde(flatten)]
    pub span: Span,
    /// The input at `span`.
    pub text: String,
    /// The title without trigger word and quotes.
    pub name: String,
    /// What kind of program.
    pub kind: ProgramKind,
}
