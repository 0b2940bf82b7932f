//! The normalization stages. Each reads a text and returns the rewritten
//! text with its offset map, or `None` when it changes nothing; the stages
//! run in this order: character clean-ups, white-space collapsing, NFC with
//! the mark-order repair, tone marks.

use super::offset_map::{OffsetMap, Rewriter};
use super::scan::{self, is_inline_space, is_nfc_stable, Checks, Cleanup, Hit};
use super::ToneStyle;
use crate::syllable::letters_api::{is_vowel, A, A_BREVE, A_CIRC, E, E_CIRC, O, O_CIRC, O_HORN, U, U_HORN};
use crate::syllable::{Tone, TABLE};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// Zero-width removal, space unification, quote straightening, ð → đ.
pub(crate) fn clean_chars(text: &str, cleanup: Cleanup) -> Option<(String, OffsetMap)> {
    let mut rw = Rewriter::new(text);
    let mut buf = [0u8; 4];
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&b0) = b.get(i) {
        if b0 < 0x80 {
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        match cleanup.replace(c) {
            Some(None) => rw.replace(i, i + len, ""),
            Some(Some(r)) => rw.replace(i, i + len, r.encode_utf8(&mut buf)),
            None => {}
        }
        i += len;
    }
    rw.finish()
}

/// Every run of white space within a line becomes one plain space.
pub(crate) fn collapse_whitespace(text: &str) -> Option<(String, OffsetMap)> {
    let mut rw = Rewriter::new(text);
    let mut run: Option<usize> = None;
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&b0) = b.get(i) {
        let (space, len) = match b0 {
            b' ' | b'\t' => (true, 1),
            0..=0x7F => (false, 1),
            _ => match text.get(i..).and_then(|t| t.chars().next()) {
                Some(c) => (is_inline_space(c), c.len_utf8()),
                None => break,
            },
        };
        if space {
            run.get_or_insert(i);
        } else if let Some(start) = run.take() {
            rw.replace_whole(start, i, " ");
        }
        i += len;
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

/// The one Vietnamese letter that `segment` (a letter followed by at most
/// one shape mark and one tone mark, in any order) composes to, or `None`
/// when the segment is anything else. Gives the same result as the general
/// path below, only faster.
fn compose_vietnamese(segment: &str) -> Option<char> {
    let table = &*TABLE;
    let mut chars = segment.chars();
    let info = table.info_char(chars.next()?);
    if !info.is_letter() {
        return None;
    }
    let (mut code, mut tone, upper) = (info.code(), Tone::from_index(info.tone_index()), info.is_upper());
    let mut shaped = false;
    for m in chars {
        if let Some(t) = Tone::from_mark(m) {
            if tone != Tone::Ngang || !is_vowel(code) {
                return None;
            }
            tone = t;
            continue;
        }
        code = match (code, m, shaped) {
            (A, '\u{306}', false) => A_BREVE,
            (A, '\u{302}', false) => A_CIRC,
            (E, '\u{302}', false) => E_CIRC,
            (O, '\u{302}', false) => O_CIRC,
            (O, '\u{31B}', false) => O_HORN,
            (U, '\u{31B}', false) => U_HORN,
            _ => return None,
        };
        shaped = true;
    }
    let c = table.compose(code, tone, upper);
    (c != '\u{FFFD}').then_some(c)
}

/// Canonical composition, after moving circumflex/breve in front of tone
/// marks typed before them on a, e, o (`a` + U+0301 + U+0302 → `ấ`).
pub(crate) fn nfc_segment(segment: &str, decomposed: &mut Vec<char>, out: &mut String) {
    if let Some(c) = compose_vietnamese(segment) {
        out.clear();
        out.push(c);
        return;
    }
    nfc_segment_general(segment, decomposed, out);
}

/// [`nfc_segment`] for any segment.
fn nfc_segment_general(segment: &str, decomposed: &mut Vec<char>, out: &mut String) {
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
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&b0) = b.get(i) {
        if b0 < 0x80 {
            // A run of ASCII: every char is stable, the last one starts the
            // next segment.
            flush(seg_start, i, seg_dirty, &mut rw);
            seg_dirty = false;
            let mut end = i + 1;
            while b.get(end).is_some_and(|&x| x < 0x80) {
                end += 1;
            }
            seg_start = end - 1;
            i = end;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        if is_nfc_stable(c) {
            flush(seg_start, i, seg_dirty, &mut rw);
            seg_start = i;
            seg_dirty = false;
        } else {
            seg_dirty = true;
        }
        i += c.len_utf8();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_fast_composition_agrees_with_the_general_path() {
        let marks = [
            '\u{300}', '\u{301}', '\u{302}', '\u{303}', '\u{306}', '\u{309}', '\u{31B}', '\u{323}',
            '\u{340}', '\u{341}',
        ];
        let bases: Vec<char> = ('A'..='z')
            .chain("àáảãạâấầẩẫậăắằẳẵặêếềểễệôốồổỗộơớờởỡợưứừửữựđĐÀÂĂÊÔƠƯ".chars())
            .filter(|c| c.is_alphabetic())
            .collect();
        let mut checked = 0;
        let (mut buf, mut general) = (Vec::new(), String::new());
        for &b in &bases {
            for &m1 in &marks {
                for m2 in marks.iter().map(|&m| Some(m)).chain([None]) {
                    let mut seg = String::from(b);
                    seg.push(m1);
                    seg.extend(m2);
                    nfc_segment_general(&seg, &mut buf, &mut general);
                    if let Some(fast) = compose_vietnamese(&seg) {
                        assert_eq!(fast.to_string(), general, "{seg:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 300, "{checked}");
    }
}
