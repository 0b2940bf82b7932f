//! Locations: `Quảng Ninh`, `phường Mạo Khê`, `TP Móng Cái`.
//!
//! SKELETON: types only; the recognizer is to come (issue 4).

use crate::span::Span;
use serde::Serialize;

/// What kind of place.
///
/// ```
/// use viet_text::entity::LocationKind;
/// assert_eq!(serde_json::to_string(&LocationKind::Ward).unwrap(), "\"ward\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationKind {
    /// A country.
    Country,
    /// A province (`tỉnh`).
    Province,
    /// A city (`thành phố`, `TP`).
    City,
    /// A district (`quận`, `huyện`, `thị xã`).
    District,
    /// A ward (`phường`).
    Ward,
    /// A commune (`xã`, `thị trấn`).
    Commune,
    /// A village (`thôn`, `xóm`, `bản`, `ấp`, `làng`).
    Village,
    /// Venues, regions and other places.
    Other,
}

/// A named place.
///
/// ```
/// use viet_text::entity::{Location, LocationKind};
/// let l = Location { span: viet_text::Span::new(0, 3), text: "Huế".into(), kind: LocationKind::City };
/// assert!(serde_json::to_string(&l).unwrap().ends_with(r#""kind":"city"}"#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    /// Byte span in the input.
    #[serde(flatten)]
    pub span: Span,
    /// The input at `span`.
    pub text: String,
    /// What kind of place.
    pub kind: LocationKind,
}
