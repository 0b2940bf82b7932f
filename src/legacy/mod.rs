//! Legacy Vietnamese encodings: TCVN3, VNI-Windows, Windows-1258 and VIQR.
//!
//! Decoders turn bytes into NFC text, encoders go back where the table is
//! one-to-one, [`detect`] tells the encodings apart (or says it cannot),
//! and [`repair_mojibake`] fixes text that was decoded with the wrong code
//! page. The byte tables are the data files under `data/legacy/`, generated
//! by `tools/legacy_tables.py` from the orthography facts sheet (§4).
//!
//! ```
//! use viet_text::legacy::{decode, detect, encode, Encoding};
//! // "Việt Nam" in TCVN3 is `Vi` 0xD6 `t Nam`.
//! assert_eq!(decode(b"Vi\xD6t Nam", Encoding::Tcvn3).unwrap(), "Việt Nam");
//! assert_eq!(encode("Việt Nam", Encoding::Vni).unwrap(), b"Vie\xE4t Nam");
//! assert_eq!(decode(b"Vie^.t Nam", Encoding::Viqr).unwrap(), "Việt Nam");
//! let bytes = encode("Người dân được hỗ trợ vay vốn", Encoding::Cp1258).unwrap();
//! assert_eq!(detect(&bytes).encoding, Some(Encoding::Cp1258));
//! ```
//!
//! Policies worth knowing:
//! - TCVN3 bytes 0x80–0x9F decode as Windows-1252 punctuation (“ ” – …), as
//!   Unikey does for Word files typed in `.Vn` fonts; the holes of VN3 decode
//!   as what the larger VN2 set puts there (libiconv), and the encoder writes
//!   VN3 only. VN3 has no upper-case toned letters: [`encode`] fails on them,
//!   [`encode_lossy`] writes the lower-case byte (what such files hold).
//! - VNI-Windows bytes outside its table decode as Windows-1252; a
//!   mixed-case pair (`A` + lower-case diacritic byte) is read leniently with
//!   the case of the base letter.
//! - Windows-1258 output is composed to NFC; the encoder uses the precomposed
//!   byte where one exists and base + combining tone otherwise.
//! - VIQR input must be UTF-8 (ASCII in practice); other characters pass
//!   through. A tone mark is read only while its word has none yet.
//! - Decoders never panic; an undefined byte is a [`DecodeError`] with its
//!   offset ([`decode_lossy`] writes U+FFFD instead).

mod codec;
mod detect;
mod letters;
mod mojibake;
mod tables;
mod viqr;

use std::borrow::Cow;
use std::fmt;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

pub use detect::{detect, Detection};
pub use mojibake::repair_mojibake;

use codec::{OnInvalid, OnUnmappable};

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
    /// TCVN3 bytes written with an all-capitals `.Vn…H` font: the same bytes
    /// as [`Encoding::Tcvn3`], every letter decoded as a capital.
    Tcvn3Capitals,
    /// VNI-Windows.
    Vni,
    /// Windows-1258.
    Cp1258,
    /// VIQR (RFC 1456).
    Viqr,
}

impl Encoding {
    /// Every encoding, in a fixed order.
    ///
    /// ```
    /// assert_eq!(viet_text::legacy::Encoding::ALL.len(), 6);
    /// ```
    pub const ALL: [Encoding; 6] = [
        Encoding::Utf8,
        Encoding::Tcvn3,
        Encoding::Tcvn3Capitals,
        Encoding::Vni,
        Encoding::Cp1258,
        Encoding::Viqr,
    ];

    /// The encoding's short name as the CLI spells it.
    ///
    /// ```
    /// assert_eq!(viet_text::legacy::Encoding::Cp1258.name(), "cp1258");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Tcvn3Capitals => "tcvn3-caps",
            Encoding::Vni => "vni",
            Encoding::Cp1258 => "cp1258",
            Encoding::Viqr => "viqr",
        }
    }

    /// Parses a CLI name (`utf-8`, `tcvn3`, `tcvn3-caps`, `vni`, `cp1258`,
    /// `viqr`, and a few aliases; case-insensitive).
    ///
    /// ```
    /// use viet_text::legacy::Encoding;
    /// assert_eq!(Encoding::from_name("TCVN3"), Some(Encoding::Tcvn3));
    /// assert_eq!(Encoding::from_name("windows-1258"), Some(Encoding::Cp1258));
    /// assert_eq!(Encoding::from_name("latin9"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Encoding> {
        match name.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "tcvn3" | "tcvn" | "abc" | "vn3" => Some(Encoding::Tcvn3),
            "tcvn3-caps" | "tcvn3h" | "vn3-caps" => Some(Encoding::Tcvn3Capitals),
            "vni" | "vni-windows" => Some(Encoding::Vni),
            "cp1258" | "windows-1258" | "1258" => Some(Encoding::Cp1258),
            "viqr" => Some(Encoding::Viqr),
            _ => None,
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why bytes could not be decoded.
///
/// ```
/// use viet_text::legacy::{decode, DecodeError, Encoding};
/// assert!(decode(&[0xff], Encoding::Utf8).is_err());
/// // 0x81 is undefined in Windows-1258.
/// assert_eq!(decode(b"ab\x81", Encoding::Cp1258), Err(DecodeError::InvalidByte { offset: 2 }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// A byte that the encoding does not allow, at this offset.
    InvalidByte {
        /// Byte offset into the input.
        offset: usize,
    },
    /// This encoding is not supported (no longer produced: every
    /// [`Encoding`] decodes).
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

/// Why text could not be encoded.
///
/// ```
/// use viet_text::legacy::{encode, EncodeError, Encoding};
/// // VN3 has no byte for upper-case toned letters.
/// assert_eq!(
///     encode("Ủy ban", Encoding::Tcvn3),
///     Err(EncodeError::Unmappable { ch: 'Ủ', offset: 0 })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeError {
    /// A character the encoding cannot write.
    Unmappable {
        /// The character.
        ch: char,
        /// Its byte offset in the NFC form of the input (the input itself
        /// when that is NFC, as text usually is).
        offset: usize,
    },
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::Unmappable { ch, offset } => write!(
                f,
                "character {ch:?} (U+{:04X}) at offset {offset} has no byte in this encoding",
                u32::from(*ch)
            ),
        }
    }
}

impl std::error::Error for EncodeError {}

fn to_nfc(s: String) -> String {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s,
        _ => s.nfc().collect(),
    }
}

fn nfc_str(s: &str) -> Cow<'_, str> {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfc().collect()),
    }
}

fn decode_with(bytes: &[u8], encoding: Encoding, policy: OnInvalid) -> Result<String, DecodeError> {
    let mut out = String::new();
    let result = match encoding {
        Encoding::Utf8 => match (std::str::from_utf8(bytes), policy) {
            (Ok(s), _) => {
                out.push_str(s);
                Ok(())
            }
            (Err(e), OnInvalid::Fail) => Err(e.valid_up_to()),
            (Err(_), _) => {
                out.push_str(&String::from_utf8_lossy(bytes));
                Ok(())
            }
        },
        Encoding::Tcvn3 => codec::decode_single(bytes, &tables::TCVN3, policy, &mut out),
        Encoding::Tcvn3Capitals => codec::decode_single(bytes, &tables::TCVN3, policy, &mut out)
            .map(|()| out = codec::to_capitals(&out)),
        Encoding::Cp1258 => codec::decode_single(bytes, &tables::CP1258, policy, &mut out),
        Encoding::Vni => codec::decode_vni(bytes, policy, &mut out),
        Encoding::Viqr => {
            let text = match (std::str::from_utf8(bytes), policy) {
                (Ok(s), _) => Ok(Cow::Borrowed(s)),
                (Err(e), OnInvalid::Fail) => Err(e.valid_up_to()),
                (Err(_), _) => Ok(String::from_utf8_lossy(bytes)),
            };
            text.map(|t| viqr::decode(&t, &mut out))
        }
    };
    result
        .map(|()| to_nfc(out))
        .map_err(|offset| DecodeError::InvalidByte { offset })
}

/// Decodes `bytes` in `encoding` to an NFC string; an undefined byte is an
/// error carrying its offset.
///
/// ```
/// use viet_text::legacy::{decode, Encoding};
/// assert_eq!(decode(b"Ha Noi", Encoding::Utf8).unwrap(), "Ha Noi");
/// assert_eq!(decode(b"H\xB5 N\xE9i", Encoding::Tcvn3).unwrap(), "Hà Nội");
/// assert_eq!(decode(b"Ha\xF8 No\xE4i", Encoding::Vni).unwrap(), "Hà Nội");
/// // Windows-1258: `o` + 0xF2 (combining dot below) composes to `ọ`.
/// assert_eq!(decode(b"\xF4\xF2", Encoding::Cp1258).unwrap(), "ộ");
/// assert_eq!(decode(b"H\xB5 N\xE9i", Encoding::Tcvn3Capitals).unwrap(), "HÀ NỘI");
/// ```
pub fn decode(bytes: &[u8], encoding: Encoding) -> Result<String, DecodeError> {
    decode_with(bytes, encoding, OnInvalid::Fail)
}

/// Like [`decode`], but an undefined byte becomes U+FFFD and decoding goes on.
///
/// ```
/// use viet_text::legacy::{decode_lossy, Encoding};
/// assert_eq!(decode_lossy(b"a\x81b", Encoding::Cp1258), "a\u{FFFD}b");
/// ```
pub fn decode_lossy(bytes: &[u8], encoding: Encoding) -> String {
    decode_with(bytes, encoding, OnInvalid::Replace).unwrap_or_default()
}

fn encode_with(text: &str, encoding: Encoding, policy: OnUnmappable) -> Result<Vec<u8>, EncodeError> {
    let text = nfc_str(text);
    let mut out = Vec::new();
    let result = match encoding {
        Encoding::Utf8 => {
            out.extend_from_slice(text.as_bytes());
            Ok(())
        }
        Encoding::Tcvn3 => codec::encode_single(&text, &tables::TCVN3, false, policy, &mut out),
        Encoding::Tcvn3Capitals => codec::encode_single(&text, &tables::TCVN3, true, policy, &mut out),
        Encoding::Cp1258 => codec::encode_single(&text, &tables::CP1258, false, policy, &mut out),
        Encoding::Vni => codec::encode_vni(&text, policy, &mut out),
        Encoding::Viqr => {
            let mut s = String::new();
            let r = viqr::encode(&text, policy == OnUnmappable::Substitute, &mut s);
            out = s.into_bytes();
            r
        }
    };
    result
        .map(|()| out)
        .map_err(|(ch, offset)| EncodeError::Unmappable { ch, offset })
}

/// Encodes `text` (normalized to NFC first) in `encoding`.
///
/// ```
/// use viet_text::legacy::{encode, Encoding};
/// assert_eq!(encode("Hà Nội", Encoding::Tcvn3).unwrap(), b"H\xB5 N\xE9i");
/// assert_eq!(encode("Hà Nội.", Encoding::Viqr).unwrap(), b"Ha` No^.i\\.");
/// // Windows-1258 has no byte for ộ: ô (0xF4) + combining dot below (0xF2).
/// assert_eq!(encode("ộ", Encoding::Cp1258).unwrap(), b"\xF4\xF2");
/// ```
pub fn encode(text: &str, encoding: Encoding) -> Result<Vec<u8>, EncodeError> {
    encode_with(text, encoding, OnUnmappable::Fail)
}

/// Like [`encode`], but never fails: TCVN3 writes an upper-case toned
/// letter as its lower-case byte (as VN3 files do), and any other
/// unmappable character becomes `?`.
///
/// ```
/// use viet_text::legacy::{encode_lossy, Encoding};
/// assert_eq!(encode_lossy("Ủy ban", Encoding::Tcvn3), b"\xF1y ban");
/// assert_eq!(encode_lossy("1 €", Encoding::Viqr), b"1 ?");
/// ```
pub fn encode_lossy(text: &str, encoding: Encoding) -> Vec<u8> {
    encode_with(text, encoding, OnUnmappable::Substitute).unwrap_or_default()
}
