//! Byte spans into a text.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of UTF-8 byte offsets into a text.
///
/// ```
/// use viet_text::Span;
/// let s = Span::new(4, 9);
/// assert_eq!(s.len(), 5);
/// assert_eq!(&"Tại Huế rồi"[Span::new(0, 5).range()], "Tại");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (exclusive).
    ///
    /// ```
    /// let s = viet_text::Span::new(1, 3);
    /// assert_eq!((s.start, s.end), (1, 3));
    /// ```
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The span as a `Range<usize>`, for slicing.
    ///
    /// ```
    /// assert_eq!(&"abcdef"[viet_text::Span::new(1, 3).range()], "bc");
    /// ```
    pub const fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    ///
    /// ```
    /// assert_eq!(viet_text::Span::new(2, 7).len(), 5);
    /// ```
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    ///
    /// ```
    /// assert!(viet_text::Span::new(3, 3).is_empty());
    /// ```
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// Whether two spans share at least one byte.
    ///
    /// ```
    /// use viet_text::Span;
    /// assert!(Span::new(0, 4).overlaps(Span::new(3, 6)));
    /// assert!(!Span::new(0, 3).overlaps(Span::new(3, 6)));
    /// ```
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}
