//! Unicode and orthographic normalization of Vietnamese text.
//!
//! SKELETON: NFC with an offset map works; tone styles, repairs, folding
//! details and clean-ups are to be completed (issue 2).
//!
//! ```
//! use viet_text::normalize::{normalize, NormalizeOptions};
//! let text = "Vie\u{0302}\u{0323}t Nam";
//! assert_eq!(normalize(text, &NormalizeOptions::default()), "Việt Nam");
//! ```

use crate::span::Span;
use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Where the tone mark goes in rhymes where the two conventions differ
/// (`oa`, `oe`, `uy`).
///
/// ```
/// use viet_text::ToneStyle;
/// assert_ne!(ToneStyle::Old, ToneStyle::New);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ToneStyle {
    /// Traditional placement: `hòa`, `thủy`, `khỏe`.
    Old,
    /// Modern placement: `hoà`, `thuỷ`, `khoẻ`.
    New,
    /// Leave placement as written (still repairing marks no style allows).
    #[default]
    Keep,
}

/// What [`normalize`] does besides NFC. `Default` is NFC only.
///
/// ```
/// use viet_text::{NormalizeOptions, ToneStyle};
/// let opts = NormalizeOptions { tone: ToneStyle::New, ..Default::default() };
/// assert_eq!(opts.tone, ToneStyle::New);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NormalizeOptions {
    /// Tone-mark placement.
    pub tone: ToneStyle,
    /// Remove zero-width characters (ZWSP, ZWNJ, ZWJ, BOM, soft hyphen).
    pub remove_zero_width: bool,
    /// Turn NBSP and other space characters into a plain space.
    pub unify_spaces: bool,
    /// Collapse runs of white space (within a line) into one space.
    pub collapse_whitespace: bool,
    /// Straighten curly quotes.
    pub straighten_quotes: bool,
    /// Repair `ð`/`Ð` typed for `đ`/`Đ`.
    pub fix_eth: bool,
}

/// A normalized text and the map from its byte offsets back to the input's.
///
/// ```
/// use viet_text::{normalize_with_map, NormalizeOptions};
/// let n = normalize_with_map("Ha\u{0300} No\u{0302}\u{0323}i", &NormalizeOptions::default());
/// assert_eq!(n.text, "Hà Nội");
/// ```
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    /// The normalized text (borrowed when nothing changed).
    pub text: Cow<'a, str>,
    /// Output offsets → input offsets.
    pub map: OffsetMap,
}

/// Maps byte offsets in a normalized text back to the text it came from.
///
/// ```
/// use viet_text::{normalize_with_map, NormalizeOptions, Span};
/// let input = "Ha\u{0300} No\u{0302}\u{0323}i";
/// let n = normalize_with_map(input, &NormalizeOptions::default());
/// let span = n.map.span_to_original(Span::new(4, 9)); // "Nội" in the output
/// assert_eq!(&input[span.range()], "No\u{0302}\u{0323}i");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// `(output offset, input offset)` at the start and end of every
    /// changed stretch, sorted; between anchors offsets advance together.
    anchors: Vec<(usize, usize)>,
    /// Length of the output.
    out_len: usize,
    /// Length of the input.
    in_len: usize,
}

impl OffsetMap {
    /// The map of an unchanged text of `len` bytes.
    ///
    /// ```
    /// let m = viet_text::OffsetMap::identity(10);
    /// assert_eq!(m.to_original(7), 7);
    /// ```
    pub fn identity(len: usize) -> Self {
        OffsetMap {
            anchors: Vec::new(),
            out_len: len,
            in_len: len,
        }
    }

    /// Whether every offset maps to itself.
    ///
    /// ```
    /// assert!(viet_text::OffsetMap::identity(3).is_identity());
    /// ```
    pub fn is_identity(&self) -> bool {
        self.anchors.is_empty() && self.out_len == self.in_len
    }

    /// Builds a map from `(output offset, input offset)` anchors, one at the
    /// start and one at the end of every changed stretch, in order.
    ///
    /// ```
    /// // "é" (2 bytes) in the output came from "e\u{301}" (3 bytes).
    /// let m = viet_text::OffsetMap::from_anchors(vec![(0, 0), (2, 3)], 2, 3);
    /// assert_eq!(m.to_original(2), 3);
    /// ```
    pub fn from_anchors(anchors: Vec<(usize, usize)>, out_len: usize, in_len: usize) -> Self {
        OffsetMap {
            anchors,
            out_len,
            in_len,
        }
    }

    /// The input offset for output offset `pos` (a start position: inside a
    /// changed stretch it maps to the stretch's start).
    ///
    /// ```
    /// let m = viet_text::OffsetMap::identity(4);
    /// assert_eq!(m.to_original(2), 2);
    /// ```
    pub fn to_original(&self, pos: usize) -> usize {
        let pos = pos.min(self.out_len);
        let i = self.anchors.partition_point(|&(o, _)| o <= pos);
        if i == 0 {
            return pos.min(self.in_len);
        }
        let (o, n) = self.anchors[i - 1];
        let mapped = n + (pos - o);
        match self.anchors.get(i) {
            Some(&(_, next_in)) => mapped.min(next_in),
            None => mapped.min(self.in_len),
        }
    }

    /// The input offset for output offset `pos` used as an end position:
    /// inside a changed stretch it maps to the stretch's end.
    ///
    /// ```
    /// let m = viet_text::OffsetMap::identity(4);
    /// assert_eq!(m.to_original_end(4), 4);
    /// ```
    pub fn to_original_end(&self, pos: usize) -> usize {
        let pos = pos.min(self.out_len);
        let i = self.anchors.partition_point(|&(o, _)| o < pos);
        if i == 0 {
            return pos.min(self.in_len);
        }
        let (o, n) = self.anchors[i - 1];
        match self.anchors.get(i) {
            Some(&(next_out, next_in)) if next_out == pos => next_in,
            Some(&(_, next_in)) => (n + (pos - o)).min(next_in),
            None => (n + (pos - o)).min(self.in_len),
        }
    }

    /// Maps a span of the output to the span of the input it came from.
    ///
    /// ```
    /// use viet_text::{OffsetMap, Span};
    /// assert_eq!(OffsetMap::identity(9).span_to_original(Span::new(2, 5)), Span::new(2, 5));
    /// ```
    pub fn span_to_original(&self, span: Span) -> Span {
        if self.is_identity() {
            return span;
        }
        let start = self.to_original(span.start);
        let end = self.to_original_end(span.end).max(start);
        Span::new(start, end)
    }
}

/// Normalizes `text` with `opts`. Returns `Cow::Borrowed` when nothing changes.
///
/// ```
/// use viet_text::{normalize, NormalizeOptions};
/// assert!(matches!(normalize("Hà Nội", &NormalizeOptions::default()), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn normalize<'a>(text: &'a str, opts: &NormalizeOptions) -> Cow<'a, str> {
    normalize_with_map(text, opts).text
}

/// Normalizes `text` with `opts` and returns the offset map back to `text`.
///
/// ```
/// use viet_text::{normalize_with_map, NormalizeOptions};
/// let n = normalize_with_map("Huế", &NormalizeOptions::default());
/// assert!(n.map.is_identity());
/// ```
pub fn normalize_with_map<'a>(text: &'a str, opts: &NormalizeOptions) -> Normalized<'a> {
    let _ = opts;
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Normalized {
            text: Cow::Borrowed(text),
            map: OffsetMap::identity(text.len()),
        };
    }
    // Normalize cluster by cluster (a starter and the marks after it) so each
    // changed cluster gets anchors.
    let mut out = String::with_capacity(text.len());
    let mut anchors = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let mut j = i + text[i..].chars().next().map_or(1, char::len_utf8);
        while let Some(c) = text[j..].chars().next() {
            if unicode_normalization::char::canonical_combining_class(c) == 0
                && !unicode_normalization::char::is_combining_mark(c)
            {
                break;
            }
            j += c.len_utf8();
        }
        let cluster = &text[i..j];
        let before = out.len();
        out.extend(cluster.nfc());
        if &out[before..] != cluster {
            anchors.push((before, i));
            anchors.push((out.len(), j));
        }
        i = j;
    }
    if out == text {
        return Normalized {
            text: Cow::Borrowed(text),
            map: OffsetMap::identity(text.len()),
        };
    }
    let out_len = out.len();
    Normalized {
        text: Cow::Owned(out),
        map: OffsetMap::from_anchors(anchors, out_len, text.len()),
    }
}

/// NFC only.
///
/// ```
/// assert_eq!(viet_text::normalize::nfc("e\u{0301}"), "é");
/// ```
pub fn nfc(text: &str) -> Cow<'_, str> {
    normalize(text, &NormalizeOptions::default())
}

/// Removes all diacritics for search keys: `Quảng Ninh` → `Quang Ninh`, `đ` → `d`.
///
/// ```
/// assert_eq!(viet_text::normalize::fold("Quảng Ninh, Đà Nẵng"), "Quang Ninh, Da Nang");
/// ```
pub fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .map(|c| match c {
                'đ' | 'ð' => 'd',
                'Đ' | 'Ð' => 'D',
                c => c,
            })
            .collect(),
    )
}

/// Puts tone marks where `style` wants them (`hòa` ↔ `hoà`).
///
/// SKELETON: returns the input unchanged until issue 2 lands.
///
/// ```
/// use viet_text::{normalize::to_style, ToneStyle};
/// let _ = to_style("hoà bình", ToneStyle::Old);
/// ```
pub fn to_style(text: &str, style: ToneStyle) -> Cow<'_, str> {
    let _ = style;
    Cow::Borrowed(text)
}

/// [`fold`], then lower case: a search key (`Quảng Ninh` → `quang ninh`).
///
/// ```
/// assert_eq!(viet_text::normalize::fold_lower("Đà Nẵng"), "da nang");
/// ```
pub fn fold_lower(text: &str) -> Cow<'_, str> {
    let folded = fold(text);
    if folded.chars().any(char::is_uppercase) {
        Cow::Owned(folded.to_lowercase())
    } else {
        folded
    }
}
