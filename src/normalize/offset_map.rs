//! Maps byte offsets of a normalized text back to the text it came from.

use crate::span::Span;

/// One changed stretch: output bytes `out_start..out_end` came from input
/// bytes `in_start..in_end`. Between stretches the texts are identical.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stretch {
    pub(crate) out_start: usize,
    pub(crate) out_end: usize,
    pub(crate) in_start: usize,
    pub(crate) in_end: usize,
}

/// Maps byte offsets in a normalized text back to the text it came from.
///
/// The map is a list of changed stretches; between them both texts are
/// identical, so offsets advance together. A position inside a changed
/// stretch maps to the stretch's start (as a start position) or end (as an
/// end position), so every character boundary of the output maps to a
/// character boundary of the input, and the mapping never goes backwards.
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
    /// Changed stretches, in order (by output and by input offset).
    stretches: Vec<Stretch>,
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
            stretches: Vec::new(),
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
        self.stretches.is_empty() && self.out_len == self.in_len
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
        let stretches = anchors
            .chunks_exact(2)
            .filter_map(|pair| match pair {
                [(os, is), (oe, ie)] => Some(Stretch {
                    out_start: *os,
                    out_end: (*oe).max(*os),
                    in_start: *is,
                    in_end: (*ie).max(*is),
                }),
                _ => None,
            })
            .collect();
        Self::from_stretches(stretches, out_len, in_len)
    }

    /// The `(output offset, input offset)` anchors of the changed stretches
    /// (start and end of each), as [`OffsetMap::from_anchors`] takes them.
    ///
    /// ```
    /// let m = viet_text::OffsetMap::from_anchors(vec![(0, 0), (2, 3)], 2, 3);
    /// assert_eq!(m.anchors(), vec![(0, 0), (2, 3)]);
    /// ```
    pub fn anchors(&self) -> Vec<(usize, usize)> {
        self.stretches
            .iter()
            .flat_map(|s| [(s.out_start, s.in_start), (s.out_end, s.in_end)])
            .collect()
    }

    /// Length in bytes of the normalized text.
    ///
    /// ```
    /// let m = viet_text::OffsetMap::from_anchors(vec![(0, 0), (2, 3)], 2, 3);
    /// assert_eq!((m.output_len(), m.input_len()), (2, 3));
    /// ```
    pub fn output_len(&self) -> usize {
        self.out_len
    }

    /// Length in bytes of the original text.
    ///
    /// ```
    /// assert_eq!(viet_text::OffsetMap::identity(5).input_len(), 5);
    /// ```
    pub fn input_len(&self) -> usize {
        self.in_len
    }

    /// Builds a map from stretches, repairing any that overlap or disagree
    /// with the identity between them by merging them.
    pub(crate) fn from_stretches(mut stretches: Vec<Stretch>, out_len: usize, in_len: usize) -> Self {
        let key = |s: &Stretch| (s.out_start, s.in_start, s.out_end, s.in_end);
        if !stretches
            .windows(2)
            .all(|w| matches!(w, [a, b] if key(a) <= key(b)))
        {
            stretches.sort_by_key(key);
        }
        let mut clean: Vec<Stretch> = Vec::with_capacity(stretches.len());
        for s in stretches {
            let s = Stretch {
                out_start: s.out_start.min(out_len),
                out_end: s.out_end.min(out_len).max(s.out_start.min(out_len)),
                in_start: s.in_start.min(in_len),
                in_end: s.in_end.min(in_len).max(s.in_start.min(in_len)),
            };
            if s.out_start == s.out_end && s.in_start == s.in_end {
                continue;
            }
            push_merged(&mut clean, s);
        }
        // The tail after the last stretch must be identity too.
        if let Some(p) = clean.last_mut() {
            if out_len - p.out_end.min(out_len) != in_len - p.in_end.min(in_len) {
                p.out_end = out_len;
                p.in_end = in_len;
            }
        } else if out_len != in_len {
            clean.push(Stretch {
                out_start: 0,
                out_end: out_len,
                in_start: 0,
                in_end: in_len,
            });
        }
        OffsetMap {
            stretches: clean,
            out_len,
            in_len,
        }
    }

    /// The input offset for output offset `pos` used as a start position:
    /// inside a changed stretch it maps to the stretch's start.
    ///
    /// ```
    /// let m = viet_text::OffsetMap::identity(4);
    /// assert_eq!(m.to_original(2), 2);
    /// ```
    pub fn to_original(&self, pos: usize) -> usize {
        let pos = pos.min(self.out_len);
        let i = self.stretches.partition_point(|s| s.out_start <= pos);
        let mapped = match i.checked_sub(1).and_then(|j| self.stretches.get(j)) {
            None => pos,
            Some(s) if pos < s.out_end => s.in_start,
            Some(s) => s.in_end + (pos - s.out_end),
        };
        mapped.min(self.in_len)
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
        let j = self.stretches.partition_point(|s| s.out_start < pos);
        let mapped = match self.stretches.get(j) {
            Some(s) if s.out_start == pos => s.in_start,
            _ => match j.checked_sub(1).and_then(|k| self.stretches.get(k)) {
                None => pos,
                Some(s) if pos <= s.out_end => s.in_end,
                Some(s) => s.in_end + (pos - s.out_end),
            },
        };
        mapped.min(self.in_len)
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

    /// The output offset of input offset `mid` that lies outside every
    /// changed stretch (or on its edge).
    fn forward(&self, mid: usize) -> usize {
        let i = self.stretches.partition_point(|s| s.in_end <= mid);
        match i.checked_sub(1).and_then(|j| self.stretches.get(j)) {
            None => mid,
            Some(s) => s.out_end + (mid - s.in_end),
        }
    }

    /// The map of applying `self` (this text → `self`'s input) after `next`
    /// (a later text → this text): later text → original input.
    pub(crate) fn compose(&self, next: &OffsetMap) -> OffsetMap {
        if self.is_identity() {
            return OffsetMap {
                stretches: next.stretches.clone(),
                out_len: next.out_len,
                in_len: self.in_len,
            };
        }
        if next.is_identity() {
            return OffsetMap {
                stretches: self.stretches.clone(),
                out_len: next.out_len,
                in_len: self.in_len,
            };
        }
        let mut result: Vec<Stretch> = next
            .stretches
            .iter()
            .map(|b| {
                let in_start = self.to_original(b.in_start);
                Stretch {
                    out_start: b.out_start,
                    out_end: b.out_end,
                    in_start,
                    in_end: self.to_original_end(b.in_end).max(in_start),
                }
            })
            .collect();
        let mut k = 0; // first stretch of `next` that may overlap
        for a in &self.stretches {
            while next.stretches.get(k).is_some_and(|b| b.in_end <= a.out_start) {
                k += 1;
            }
            let overlapped = next
                .stretches
                .get(k..)
                .unwrap_or(&[])
                .iter()
                .take_while(|b| b.in_start <= a.out_end)
                .any(|b| {
                    if a.out_start == a.out_end {
                        b.in_start < a.out_start && a.out_start < b.in_end
                    } else if b.in_start == b.in_end {
                        a.out_start < b.in_start && b.in_start < a.out_end
                    } else {
                        a.out_start < b.in_end && b.in_start < a.out_end
                    }
                });
            if !overlapped {
                result.push(Stretch {
                    out_start: next.forward(a.out_start),
                    out_end: next.forward(a.out_end),
                    in_start: a.in_start,
                    in_end: a.in_end,
                });
            }
        }
        OffsetMap::from_stretches(result, next.out_len, self.in_len)
    }
}

/// Appends `s`, merging it with the stretches before it while the identity
/// between them does not hold (which a correct stage never produces).
fn push_merged(clean: &mut Vec<Stretch>, mut s: Stretch) {
    loop {
        let Some(p) = clean.last().copied() else {
            if s.out_start != s.in_start {
                s.out_start = 0;
                s.in_start = 0;
            }
            clean.push(s);
            return;
        };
        let consistent = s.out_start >= p.out_end
            && s.in_start >= p.in_end
            && s.out_start - p.out_end == s.in_start - p.in_end;
        if consistent {
            clean.push(s);
            return;
        }
        clean.pop();
        s = Stretch {
            out_start: p.out_start.min(s.out_start),
            out_end: p.out_end.max(s.out_end),
            in_start: p.in_start.min(s.in_start),
            in_end: p.in_end.max(s.in_end),
        };
    }
}

/// Collects changed stretches while a stage copies its input to its output.
#[derive(Debug)]
pub(crate) struct Rewriter<'a> {
    src: &'a str,
    out: String,
    copied: usize,
    stretches: Vec<Stretch>,
}

impl<'a> Rewriter<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Rewriter {
            src,
            out: String::new(),
            copied: 0,
            stretches: Vec::new(),
        }
    }

    /// Replaces input bytes `start..end` (char boundaries, at or after what
    /// was already written) by `with`.
    pub(crate) fn replace(&mut self, start: usize, end: usize, with: &str) {
        self.replace_trimmed(start, end, with, true);
    }

    /// Like [`Rewriter::replace`], but the whole input range maps to the
    /// whole replacement even where they share a head or tail (a collapsed
    /// run of spaces maps to all of the run).
    pub(crate) fn replace_whole(&mut self, start: usize, end: usize, with: &str) {
        self.replace_trimmed(start, end, with, false);
    }

    fn replace_trimmed(&mut self, start: usize, end: usize, with: &str, trim: bool) {
        let Some(old) = self.src.get(start..end) else {
            return;
        };
        if old == with || start < self.copied {
            return;
        }
        // Record only what differs: a common head and tail stay identity,
        // so the map stays as fine as possible.
        let head: usize = if !trim {
            0
        } else {
            old.chars()
                .zip(with.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.len_utf8())
                .sum()
        };
        let (old_rest, with_rest) = (old.get(head..).unwrap_or(""), with.get(head..).unwrap_or(""));
        let tail: usize = if !trim {
            0
        } else {
            old_rest
                .chars()
                .rev()
                .zip(with_rest.chars().rev())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.len_utf8())
                .sum()
        };
        let (start, end) = (start + head, end - tail);
        let (Some(gap), Some(with)) = (
            self.src.get(self.copied..start),
            with.get(head..with.len() - tail),
        ) else {
            return;
        };
        if self.out.capacity() == 0 {
            self.out.reserve(self.src.len() + 16);
        }
        self.out.push_str(gap);
        let out_start = self.out.len();
        self.out.push_str(with);
        self.stretches.push(Stretch {
            out_start,
            out_end: self.out.len(),
            in_start: start,
            in_end: end,
        });
        self.copied = end;
    }

    /// The output and its map, or `None` when nothing changed.
    pub(crate) fn finish(mut self) -> Option<(String, OffsetMap)> {
        if self.stretches.is_empty() {
            return None;
        }
        self.out.push_str(self.src.get(self.copied..).unwrap_or(""));
        let out_len = self.out.len();
        let map = OffsetMap::from_stretches(self.stretches, out_len, self.src.len());
        Some((self.out, map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(os: usize, oe: usize, is: usize, ie: usize) -> Stretch {
        Stretch {
            out_start: os,
            out_end: oe,
            in_start: is,
            in_end: ie,
        }
    }

    #[test]
    fn deletion_maps_start_after_and_end_before() {
        // "a\u{200B}b" (5 bytes) → "ab": the deletion sits at output offset 1.
        let m = OffsetMap::from_stretches(vec![st(1, 1, 1, 4)], 2, 5);
        assert_eq!(m.to_original(1), 4);
        assert_eq!(m.to_original_end(1), 1);
        assert_eq!(m.to_original(2), 5);
        assert_eq!(m.span_to_original(Span::new(0, 2)), Span::new(0, 5));
    }

    #[test]
    fn compose_two_stages() {
        // input "x  e\u{301}" (6 bytes) → collapse → "x e\u{301}" (5) → nfc → "x é" (4).
        let first = OffsetMap::from_stretches(vec![st(1, 2, 1, 3)], 5, 6);
        let second = OffsetMap::from_stretches(vec![st(2, 4, 2, 5)], 4, 5);
        let m = first.compose(&second);
        assert_eq!(m.anchors(), vec![(1, 1), (2, 3), (2, 3), (4, 6)]);
        assert_eq!(m.to_original(2), 3);
        assert_eq!(m.to_original_end(4), 6);
    }
}
