//! Organizations: `UBND tỉnh Quảng Ninh`, `Hội Liên hiệp Phụ nữ tỉnh`.
//!
//! SKELETON: types only; the recognizer is to come (issue 4).

use crate::span::Span;
use serde::Serialize;

/// What kind of body an organization is.
///
/// ```
/// use viet_text::entity::OrgKind;
/// assert_eq!(serde_json::to_string(&OrgKind::MassOrganization).unwrap(), "\"mass_organization\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// State organs: ministries, people's committees, departments.
    Government,
    /// Party bodies.
    Party,
    /// The Fatherland Front and mass organizations.
    MassOrganization,
    /// Companies, plants, cooperatives.
    Company,
    /// Banks.
    Bank,
    /// Schools, universities, institutes.
    Education,
    /// Hospitals, clinics.
    Health,
    /// Army and police units.
    Military,
    /// News outlets.
    Media,
    /// Funds, clubs, exchanges and everything else.
    Other,
}

/// A named body.
///
/// ```
/// use viet_text::entity::{OrgKind, Organization};
/// let o = Organization { span: viet_text::Span::new(0, 4), text: "UBND".into(), kind: OrgKind::Government };
/// assert!(serde_json::to_string(&o).unwrap().ends_with(r#""kind":"government"}"#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organization {
    /// Byte span in the input.
    #[serde(flatten)]
    pub span: Span,
    /// The input at `span`.
    pub text: String,
    /// What kind of body.
    pub kind: OrgKind,
}
