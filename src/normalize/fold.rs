//! Diacritic folding for search keys.

use crate::syllable::{Table, ASCII_BASE, TABLE};
use std::borrow::Cow;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Calls `f` with what `c` folds to (nothing for a combining mark).
#[inline]
fn fold_char(c: char, table: &Table, mut f: impl FnMut(char)) {
    if c.is_ascii() {
        return f(c);
    }
    let info = table.info_char(c);
    if info.is_letter() {
        let base = char::from(ASCII_BASE.get(info.code() as usize).copied().unwrap_or(b'?'));
        return f(if info.is_upper() {
            base.to_ascii_uppercase()
        } else {
            base
        });
    }
    match c {
        'ð' | 'ɖ' => f('d'),
        'Ð' | 'Ɖ' => f('D'),
        c if is_combining_mark(c) => {}
        c => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                f(d);
            }
        }),
    }
}

/// Whether folding changes `c`.
#[inline]
fn changes(c: char, table: &Table) -> bool {
    if c.is_ascii() {
        return false;
    }
    let mut n = 0;
    let mut same = true;
    fold_char(c, table, |d| {
        n += 1;
        same &= d == c;
    });
    !(same && n == 1)
}

/// Removes all diacritics for search keys: `Quảng Ninh` → `Quang Ninh`,
/// `Đ` → `D`, in any normalization form. Returns `Cow::Borrowed` when there
/// is nothing to remove.
///
/// ```
/// use viet_text::normalize::fold;
/// assert_eq!(fold("Quảng Ninh, Đà Nẵng"), "Quang Ninh, Da Nang");
/// assert_eq!(fold("Vie\u{0323}\u{0302}t"), "Viet");
/// assert!(matches!(fold("Ha Noi"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn fold(text: &str) -> Cow<'_, str> {
    let table = &*TABLE;
    let b = text.as_bytes();
    // ASCII never changes: visit only the lead bytes of multi-byte chars,
    // found eight bytes at a time, and copy the text between them.
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut chunk = 0;
    while chunk < b.len() {
        let mut mask = lead_mask(b, chunk);
        while mask != 0 {
            let pos = chunk + (mask.trailing_zeros() / 8) as usize;
            mask &= mask - 1;
            let Some(c) = text.get(pos..).and_then(|t| t.chars().next()) else {
                continue;
            };
            if out.is_none() && !changes(c, table) {
                continue;
            }
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(text.get(copied..pos).unwrap_or(""));
            fold_char(c, table, |d| o.push(d));
            copied = pos + c.len_utf8();
        }
        chunk += 8;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut o) => {
            o.push_str(text.get(copied..).unwrap_or(""));
            Cow::Owned(o)
        }
    }
}

/// Bit 7 of byte `k` of the result is set when `b[at + k]` starts a
/// multi-byte char (the bytes past the end count as ASCII).
#[inline(always)]
fn lead_mask(b: &[u8], at: usize) -> u64 {
    let w = match b.get(at..at + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        Some(chunk) => u64::from_le_bytes(chunk),
        None => {
            let mut w = [0u8; 8];
            for (dst, src) in w.iter_mut().zip(b.get(at..).unwrap_or(&[])) {
                *dst = *src;
            }
            u64::from_le_bytes(w)
        }
    };
    w & (w << 1) & 0x8080_8080_8080_8080
}

/// [`fold`] char by char: the definition the fast version must agree with.
#[cfg(test)]
fn fold_general(text: &str) -> Cow<'_, str> {
    let table = &*TABLE;
    let Some((start, _)) = text.char_indices().find(|&(_, c)| changes(c, table)) else {
        return Cow::Borrowed(text);
    };
    let (head, tail) = text.split_at(start);
    let mut out = String::with_capacity(text.len());
    out.push_str(head);
    for c in tail.chars() {
        fold_char(c, table, |d| out.push(d));
    }
    Cow::Owned(out)
}

/// [`fold`], then lower case: a search key (`Quảng Ninh` → `quang ninh`).
/// Returns `Cow::Borrowed` when the text is already such a key.
///
/// ```
/// use viet_text::normalize::fold_lower;
/// assert_eq!(fold_lower("Đà Nẵng"), "da nang");
/// assert_eq!(fold_lower("THỦY"), "thuy");
/// assert!(matches!(fold_lower("ha noi"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn fold_lower(text: &str) -> Cow<'_, str> {
    let folded = fold(text);
    // Not only upper-case letters change: title-case ones (`ǅ`) do too.
    if !folded
        .chars()
        .any(|c| c.is_uppercase() || c.to_lowercase().ne(std::iter::once(c)))
    {
        return folded;
    }
    Cow::Owned(folded.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "a",
        "Quảng ",
        "ĐÀ",
        "ư\u{301}",
        "ç",
        "中",
        "ð",
        "Ɖ",
        "\u{300}",
        "😀",
        "ǅ",
        "ﬁ",
        "\u{1E9E}",
        "Å",
        " ",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn fast_fold_agrees_with_the_char_by_char_fold(
            v in proptest::collection::vec(
                prop_oneof![
                    (0..PIECES.len()).prop_map(|i| PIECES[i].to_string()),
                    any::<char>().prop_map(String::from),
                ],
                0..40,
            )
        ) {
            let text = v.concat();
            let (fast, general) = (fold(&text), fold_general(&text));
            prop_assert_eq!(&fast, &general);
            prop_assert_eq!(matches!(fast, Cow::Borrowed(_)), matches!(general, Cow::Borrowed(_)));
        }
    }
}
