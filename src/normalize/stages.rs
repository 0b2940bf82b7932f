//! The normalization stages. Each reads a text and returns the rewritten
//! text with its offset map, or `None` when it changes nothing; the stages
//! run in this order: character clean-ups, white-space collapsing, NFC with
//! the mark-order repair, tone marks.

use super::offset_map::{OffsetMap, Rewriter};
use super::scan::{self, is_inline_space, is_nfc_stable, Checks, Cleanup, Hit};
use super::ToneStyle;
use crate::syllable::TABLE;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// Zero-width removal, space unification, quote straightening, ð → đ.
pub(crate) fn clean_chars(text: &str, cleanup: Cleanup) -> Option<(String, OffsetMap)> {
    let mut rw = Rewriter::new(text);
    let mut buf = [0u8; 4];
    for (i, c) in text.char_indices() {
        if c.is_ascii() {
            continue;
        }
        match cleanup.replace(c) {
            Some(None) => rw.replace(i, i + c.len_utf8(), ""),
            Some(Some(r)) => rw.replace(i, i + c.len_utf8(), r.encode_utf8(&mut buf)),
            None => {}
        }
    }
    rw.finish()
}

/// Every run of white space within a line becomes one plain space.
pub(crate) fn collapse_whitespace(text: &str) -> Option<(String, OffsetMap)> {
    let mut rw = Rewriter::new(text);
    let mut run: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_inline_space(c) {
            run.get_or_insert(i);
        } else if let Some(start) = run.take() {
            rw.replace_whole(start, i, " ");
        }
    }
    if let Some(start) = run {
        rw.replace_whole(start, text.len(), " ");
    }
    rw.finish()
}

/// Whether `m` writes a tone (so a shape mark typed after it belongs before it).
fn is_tone_mark(m: char) -> bool {
    matches!(
        m,
        '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{340}' | '\u{341}'
    )
}

fn is_shape_mark(m: char) -> bool {
    matches!(m, '\u{302}' | '\u{306}')
}

/// Canonical composition, after moving circumflex/breve in front of tone
/// marks typed before them on a, e, o (`a` + U+0301 + U+0302 → `ấ`).
pub(crate) fn nfc_segment(segment: &str, decomposed: &mut Vec<char>, out: &mut String) {
    decomposed.clear();
    decomposed.extend(segment.nfd());
    let mut i = 0;
    while i < decomposed.len() {
        let base = decomposed.get(i).copied().unwrap_or(' ');
        i += 1;
        if !matches!(base, 'a' | 'e' | 'o' | 'A' | 'E' | 'O') {
            continue;
        }
        // The run of class-230 marks after the base (after horn/dot below,
        // which canonical ordering already put first).
        let mut start = i;
        while decomposed
            .get(start)
            .is_some_and(|&m| matches!(canonical_combining_class(m), 216 | 220))
        {
            start += 1;
        }
        let mut end = start;
        while decomposed
            .get(end)
            .is_some_and(|&m| canonical_combining_class(m) == 230)
        {
            end += 1;
        }
        if let Some(run) = decomposed.get_mut(start..end) {
            if run.iter().any(|&m| is_tone_mark(m)) && run.iter().any(|&m| is_shape_mark(m)) {
                // Stable: shape marks first, the rest in typed order.
                run.sort_by_key(|&m| !is_shape_mark(m));
            }
        }
        i = end.max(i);
    }
    out.clear();
    out.extend(decomposed.iter().copied().nfc());
}

/// NFC, segment by segment (a stable character and the characters NFC might
/// combine with it), with the mark-order repair.
pub(crate) fn nfc(text: &str) -> Option<(String, OffsetMap)> {
    let mut rw = Rewriter::new(text);
    let mut decomposed = Vec::new();
    let mut composed = String::new();
    let mut seg_start = 0;
    let mut seg_dirty = false;
    let mut flush = |start: usize, end: usize, dirty: bool, rw: &mut Rewriter| {
        if dirty {
            if let Some(seg) = text.get(start..end) {
                nfc_segment(seg, &mut decomposed, &mut composed);
                rw.replace(start, end, &composed);
            }
        }
    };
    for (i, c) in text.char_indices() {
        let stable = is_nfc_stable(c);
        if stable && i > 0 {
            flush(seg_start, i, seg_dirty, &mut rw);
            seg_start = i;
            seg_dirty = false;
        }
        if !stable {
            seg_dirty = true;
        }
    }
    flush(seg_start, text.len(), seg_dirty, &mut rw);
    rw.finish()
}

/// Rewrites the tone marks of every word that needs it for `style`.
pub(crate) fn tone(text: &str, style: ToneStyle) -> Option<(String, OffsetMap)> {
    let checks = Checks {
        nfc: false,
        cleanup: Cleanup::default(),
        tone: Some(style),
    };
    let table = &*TABLE;
    let mut rw = Rewriter::new(text);
    let mut from = 0;
    let mut word = String::new();
    while let Some(hit) = scan::find(text, from, &checks) {
        let Hit::Word(s, e) = hit else { break };
        if let Some((syl, pos)) = text
            .get(s..e)
            .and_then(|w| scan::word_needs_rewrite(w, style, table))
        {
            word.clear();
            syl.write_at(pos, &mut word);
            rw.replace(s, e, &word);
        }
        from = e.max(from + 1);
    }
    rw.finish()
}
