//! Bytes to text: strict or lossy UTF-8 with a map back to byte offsets,
//! or a legacy encoding through the library.

use std::borrow::Cow;
use viet_text::legacy::{self, DecodeError, Encoding};
use viet_text::{OffsetMap, Span};

/// Text decoded from a byte slice, and how its offsets map back.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text (borrowed when the bytes were valid UTF-8).
    pub text: Cow<'a, str>,
    /// Text offsets → byte offsets, when replacements moved them.
    map: Option<OffsetMap>,
    /// Number of invalid byte sequences replaced by U+FFFD.
    pub replaced: usize,
}

impl<'a> Decoded<'a> {
    /// Text already decoded elsewhere, offsets unchanged.
    pub fn plain(text: Cow<'a, str>) -> Self {
        Decoded {
            text,
            map: None,
            replaced: 0,
        }
    }

    /// The byte span of the input that `span` of the text came from.
    pub fn to_input(&self, span: Span) -> Span {
        match &self.map {
            Some(map) => map.span_to_original(span),
            None => span,
        }
    }
}

/// Decodes UTF-8. Strict: `Err(offset of the first bad byte)`. Lossy: every
/// maximal invalid sequence becomes one U+FFFD and spans map back to the
/// bytes.
pub fn utf8(bytes: &[u8], lossy: bool) -> Result<Decoded<'_>, usize> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded::plain(Cow::Borrowed(s))),
        Err(e) if !lossy => Err(e.valid_up_to()),
        Err(_) => Ok(utf8_lossy(bytes)),
    }
}

fn utf8_lossy(bytes: &[u8]) -> Decoded<'_> {
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut anchors = Vec::new();
    let mut pos = 0;
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        pos += chunk.valid().len();
        let bad = chunk.invalid().len();
        if bad > 0 {
            anchors.push((text.len(), pos));
            text.push(char::REPLACEMENT_CHARACTER);
            pos += bad;
            anchors.push((text.len(), pos));
            replaced += 1;
        }
    }
    let map = OffsetMap::from_anchors(anchors, text.len(), bytes.len());
    Decoded {
        text: Cow::Owned(text),
        map: Some(map),
        replaced,
    }
}

/// Decodes `bytes` in `encoding` (UTF-8 goes through [`utf8`]); lossy
/// replaces bytes the encoding does not define with U+FFFD.
pub fn legacy(bytes: &[u8], encoding: Encoding, lossy: bool) -> Result<Decoded<'_>, LegacyError> {
    if encoding == Encoding::Utf8 {
        return utf8(bytes, lossy).map_err(LegacyError::InvalidUtf8);
    }
    if lossy {
        // Legacy encodings have no U+FFFD of their own: each one is a replacement.
        let text = legacy::decode_lossy(bytes, encoding);
        let replaced = text.matches(char::REPLACEMENT_CHARACTER).count();
        let mut d = Decoded::plain(Cow::Owned(text));
        d.replaced = replaced;
        return Ok(d);
    }
    match legacy::decode(bytes, encoding) {
        Ok(s) => Ok(Decoded::plain(Cow::Owned(s))),
        Err(DecodeError::InvalidByte { offset }) => Err(LegacyError::InvalidByte(offset)),
        Err(_) => Err(LegacyError::Unsupported),
    }
}

/// Why [`legacy`] failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyError {
    /// Not UTF-8 at this offset.
    InvalidUtf8(usize),
    /// A byte the encoding does not allow, at this offset.
    InvalidByte(usize),
    /// The library cannot decode this encoding.
    Unsupported,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_reports_the_offset() {
        assert_eq!(utf8(b"ab\xffcd", false).unwrap_err(), 2);
        assert!(matches!(
            utf8("Huế".as_bytes(), false).unwrap().text,
            Cow::Borrowed("Huế")
        ));
    }

    #[test]
    fn lossy_maps_spans_back_to_bytes() {
        let bytes = b"a\xff\xfeb \xe1\xba\xa5 97%";
        let d = utf8(bytes, true).unwrap();
        assert_eq!(d.text, "a\u{fffd}\u{fffd}b ấ 97%");
        assert_eq!(d.replaced, 2);
        let at = d.text.find("97%").unwrap();
        let span = d.to_input(Span::new(at, at + 3));
        assert_eq!(&bytes[span.range()], b"97%");
        let at = d.text.find('b').unwrap();
        assert_eq!(&bytes[d.to_input(Span::new(at, at + 1)).range()], b"b");
    }

    #[test]
    fn legacy_lossy_counts_replacements() {
        let strict = legacy(b"a\x81b", Encoding::Cp1258, false);
        let lossy = legacy(b"a\x81b", Encoding::Cp1258, true).unwrap();
        match strict {
            Err(LegacyError::InvalidByte(1)) => {
                assert_eq!(lossy.text, "a\u{fffd}b");
                assert_eq!(lossy.replaced, 1);
            }
            other => assert!(other.is_ok(), "{other:?}"),
        }
    }
}
