//! Legacy Vietnamese encodings: TCVN3, VNI, VIQR, Windows-1258.
//!
//! SKELETON: only UTF-8 decodes; the tables, detection and mojibake repair
//! are to come (issue 6). The API below is the contract the CLI codes against.
//!
//! ```
//! use viet_text::legacy::{decode, Encoding};
//! assert_eq!(decode("Huế".as_bytes(), Encoding::Utf8).unwrap(), "Huế");
//! ```

use std::fmt;

/// A text encoding this crate can decode.
///
/// ```
/// use viet_text::legacy::Encoding;
/// assert_eq!(Encoding::from_name("vni"), Some(Encoding::Vni));
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

    /// Parses a CLI name (`utf-8`, `tcvn3`, `vni`, `cp1258`, `viqr`, case-insensitive).
    ///
    /// ```
    /// use viet_text::legacy::Encoding;
    /// assert_eq!(Encoding::from_name("TCVN3"), Some(Encoding::Tcvn3));
    /// assert_eq!(Encoding::from_name("latin9"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Encoding> {
        match name.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "tcvn3" | "tcvn" | "abc" => Some(Encoding::Tcvn3),
            "vni" => Some(Encoding::Vni),
            "cp1258" | "windows-1258" => Some(Encoding::Cp1258),
            "viqr" => Some(Encoding::Viqr),
            _ => None,
        }
    }
}

/// Why bytes could not be decoded.
///
/// ```
/// use viet_text::legacy::{decode, Encoding};
/// assert!(decode(&[0xff], Encoding::Utf8).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// A byte that the encoding does not allow, at this offset.
    InvalidByte {
        /// Byte offset into the input.
        offset: usize,
    },
    /// This encoding is not supported yet.
    Unsupported(Encoding),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::InvalidByte { offset } => write!(f, "invalid byte at offset {offset}"),
            DecodeError::Unsupported(e) => write!(f, "encoding {} is not supported", e.name()),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes `bytes` in `encoding` to an NFC string.
///
/// ```
/// use viet_text::legacy::{decode, Encoding};
/// assert_eq!(decode(b"Ha Noi", Encoding::Utf8).unwrap(), "Ha Noi");
/// ```
pub fn decode(bytes: &[u8], encoding: Encoding) -> Result<String, DecodeError> {
    match encoding {
        Encoding::Utf8 => std::str::from_utf8(bytes)
            .map(|s| crate::normalize::nfc(s).into_owned())
            .map_err(|e| DecodeError::InvalidByte {
                offset: e.valid_up_to(),
            }),
        other => Err(DecodeError::Unsupported(other)),
    }
}

/// What [`detect`] found: an encoding (or none) and how sure it is (0–1).
///
/// ```
/// let d = viet_text::legacy::detect("Việt Nam".as_bytes());
/// assert_eq!(d.encoding, Some(viet_text::legacy::Encoding::Utf8));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    /// The encoding, or `None` when the evidence is too thin to say.
    pub encoding: Option<Encoding>,
    /// Confidence between 0 and 1.
    pub confidence: f32,
}

/// Guesses the encoding of `bytes`.
///
/// ```
/// let d = viet_text::legacy::detect(b"plain ascii");
/// assert!(d.confidence <= 1.0);
/// ```
pub fn detect(bytes: &[u8]) -> Detection {
    match std::str::from_utf8(bytes) {
        Ok(s) if !s.is_ascii() => Detection {
            encoding: Some(Encoding::Utf8),
            confidence: 0.9,
        },
        _ => Detection {
            encoding: None,
            confidence: 0.0,
        },
    }
}
