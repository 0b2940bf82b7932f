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
