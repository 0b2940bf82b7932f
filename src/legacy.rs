//! Legacy Vietnamese encodings: TCVN3, VNI, VIQR, Windows-1258.
//!
//! SKELETON: to be written (issue 6).
//!
//! ```
//! assert_eq!(viet_text::legacy::Encoding::Utf8.name(), "utf-8");
//! ```

/// A text encoding this crate can decode.
///
/// ```
/// use viet_text::legacy::Encoding;
/// assert_eq!(Encoding::Tcvn3.name(), "tcvn3");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8.
    Utf8,
    /// TCVN 5712:1993 VN3 ("ABC").
    Tcvn3,
    /// VNI-Windows.
    Vni,
    /// Windows-1258.
    Cp1258,
    /// VIQR (RFC 1456).
    Viqr,
}

impl Encoding {
    /// The encoding's short name as the CLI spells it.
    ///
    /// ```
    /// assert_eq!(viet_text::legacy::Encoding::Cp1258.name(), "cp1258");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Cp1258 => "cp1258",
            Encoding::Viqr => "viqr",
        }
    }
}
