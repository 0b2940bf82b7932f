//! Word segmentation: joining syllables into words (`phát triển`).
//!
//! SKELETON: every syllable is its own word; the trained segmenter is to
//! come (issue 7). The API below is the contract the CLI codes against.
//!
//! ```
//! use viet_text::word::WordSegmenter;
//! let seg = WordSegmenter::new();
//! let words = seg.segment("Hà Nội");
//! assert!(!words.is_empty());
//! ```

use crate::span::Span;
use crate::token::{tokenize, TokenKind};

/// One word: one or more syllables (or one other token), with its span.
///
/// ```
/// let w = &viet_text::word::WordSegmenter::new().segment("nhà")[0];
/// assert_eq!((w.text, w.span.start, w.span.end), ("nhà", 0, 4));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word's text, borrowed from the input (syllables with the space between them).
    pub text: &'a str,
    /// Byte span in the input.
    pub span: Span,
}

/// A word segmenter, built once and reused.
///
/// ```
/// let seg = viet_text::word::WordSegmenter::new();
/// assert_eq!(seg.segment("").len(), 0);
/// ```
#[derive(Debug, Clone, Default)]
pub struct WordSegmenter {
    _private: (),
}

impl WordSegmenter {
    /// The segmenter with the built-in model.
    ///
    /// ```
    /// let _ = viet_text::word::WordSegmenter::new();
    /// ```
    pub fn new() -> Self {
        WordSegmenter { _private: () }
    }

    /// Segments `text` into words, in order.
    ///
    /// ```
    /// let n = viet_text::word::WordSegmenter::new().segment("Tôi đi học.").len();
    /// assert!(n >= 3);
    /// ```
    pub fn segment<'a>(&self, text: &'a str) -> Vec<Word<'a>> {
        tokenize(text)
            .map(|t| Word {
                text: t.text,
                span: t.span,
            })
            .collect()
    }

    /// Segments `text` and writes it as the treebank's `.seg.txt` files do:
    /// syllables of a word joined by `_`, words separated by one space.
    ///
    /// ```
    /// let s = viet_text::word::WordSegmenter::new().segment_to_underscored("Hà Nội");
    /// assert!(s == "Hà_Nội" || s == "Hà Nội");
    /// ```
    pub fn segment_to_underscored(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        for (i, w) in self.segment(text).iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&w.text.split_whitespace().collect::<Vec<_>>().join("_"));
        }
        out
    }
}

#[allow(dead_code)]
fn is_syllable_token(kind: TokenKind) -> bool {
    kind == TokenKind::Syllable
}
