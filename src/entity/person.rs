//! Persons: `ông Chu Đức Chí`, bylines, initials.
//!
//! A person is a run of capitalized syllables that a title or honorific
//! introduces (`ông Chu Đức Chí`, `Chủ tịch UBND tỉnh Quảng Ninh Cao
//! Tường Huy`: the title may name a body), that starts with a known
//! surname (`Trần Thị Thu Hà`), that a credit word introduces
//! (`Ảnh: Quốc Tuấn`), or that stands alone on a line as a byline (`Hà
//! Anh`, `MINH QUANG`, `V.L`, `L.Chi`). A name found once is found again
//! without its title later in the same text.

use super::names::{Ctx, KeySet, Marks};
use super::Entity;
use crate::lexicon::{cat, TitleClass};
use crate::span::Span;
use crate::token::TokenKind;
use serde::Serialize;
use std::collections::HashSet;

/// Longest name, in syllables.
const MAX_NAME: usize = 5;

/// The end of a person's name starting at `i` (`i` when there is none).
fn name_end(ctx: &Ctx<'_>, i: usize) -> usize {
    let mut k = i;
    while k < ctx.len() && k - i < MAX_NAME && ctx.is_namecap(k) {
        // `Sang-sik`: a hyphen glued inside one given name.
        if ctx.is_punct(k + 1, "-")
            && ctx.glued(k + 1)
            && ctx.glued(k + 2)
            && matches!(ctx.kind(k + 2), Some(TokenKind::Syllable | TokenKind::Word))
        {
            k += 3;
            continue;
        }
        if k > i && (ctx.breaks_before(k) || ctx.is_stop(k)) {
            break;
        }
        // (The category bits first: one load, and most tokens have no
        // title, head or prefix hit to walk.)
        if k > i
            && ctx.has(k, cat::TITLE | cat::HEAD | cat::PREFIX)
            && ctx.any(k, |e| {
                e.title == Some(TitleClass::Post) || e.head.is_some() || e.prefix.is_some()
            })
            && !ctx.has(k, cat::SURNAME)
        {
            break;
        }
        k += 1;
    }
    k
}

/// Whether tokens `[i, j)` read as a place or body rather than a person.
#[inline(never)]
fn other_reading(ctx: &Ctx<'_>, i: usize, j: usize) -> bool {
    if let Some((end, _)) = ctx.place(i) {
        if end >= j || end > i + 1 {
            return true;
        }
    }
    if longest_of(ctx, i, cat::ORG, true, |e| e.org.is_some()).is_some() {
        return true;
    }
    (i + 1..j).any(|k| ctx.place(k).is_some_and(|(end, _)| end > k + 1))
}

/// The keys of the names a text has given so far: the answers of a
/// [`KeySet`] of them, but kept as token ranges, so that remembering a
/// name builds no key string and no string set (most remembered names are
/// never asked for again). A range asked for is compared with the
/// remembered ones through their range hashes (computed on the first
/// question), then token by token: equal words of equal kinds have equal
/// keys, other tokens are compared by their keys. Past [`NameSet::INDEXED`]
/// names a hash set answers most questions, so long texts stay linear. In
/// a document where some token key holds a space the ranges say too
/// little: a [`KeySet`] answers there.
#[derive(Default)]
struct NameSet {
    ranges: Vec<(usize, usize)>,
    /// Bit `n` (`n` < 63; bit 63 for longer): a range of `n` tokens is
    /// remembered. Keys without spaces have one piece per token, so a
    /// range of another length has another key: no hash to compute.
    lengths: u64,
    /// The range hashes of the first `hashes.len()` ranges.
    hashes: Vec<u64>,
    /// The hash set past `INDEXED` names, and the names of a document with
    /// spaced keys (rare: kept out of line, so that an empty set is
    /// cheap to make and drop).
    more: Option<Box<More>>,
}

#[derive(Default)]
struct More {
    index: HashSet<u64, crate::lexicon::FastBuild>,
    spaced: KeySet,
}

impl NameSet {
    /// Names compared one by one; past this many, through `index`.
    const INDEXED: usize = 16;

    /// Remembers the name at tokens `[a, b)`.
    fn insert(&mut self, ctx: &Ctx<'_>, a: usize, b: usize) {
        if ctx.spaced() {
            self.more
                .get_or_insert_with(Box::default)
                .spaced
                .insert(ctx, a, b);
        } else {
            self.ranges.push((a, b));
            self.lengths |= length_bit(a, b);
        }
    }

    fn is_empty(&self) -> bool {
        self.ranges.is_empty() && self.more.as_ref().map_or(true, |m| m.spaced.is_empty())
    }

    /// Whether the key of tokens `[a, b)` is the key of a remembered name
    /// (what [`KeySet::contains`] answers).
    /// (The length test inline: most questions are answered by it, at
    /// ~20 instructions less than a call.)
    #[inline]
    fn contains(&mut self, ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
        if ctx.spaced() {
            return self.more.as_ref().is_some_and(|m| m.spaced.contains(ctx, a, b));
        }
        self.lengths & length_bit(a, b) != 0 && self.contains_hashed(ctx, a, b)
    }

    /// [`NameSet::contains`] past the length test, in a document without
    /// spaced keys.
    #[inline(never)]
    fn contains_hashed(&mut self, ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
        while let Some(&(x, y)) = self.ranges.get(self.hashes.len()) {
            let h = ctx.range_hash(x, y);
            self.hashes.push(h);
            if self.ranges.len() > NameSet::INDEXED {
                let index = &mut self.more.get_or_insert_with(Box::default).index;
                if index.is_empty() {
                    index.extend(self.hashes.iter().copied());
                } else {
                    index.insert(h);
                }
            }
        }
        let h = ctx.range_hash(a, b);
        if let Some(m) = &self.more {
            if !m.index.is_empty() && !m.index.contains(&h) {
                return false;
            }
        }
        self.ranges
            .iter()
            .zip(&self.hashes)
            .any(|(&(x, y), &hx)| hx == h && same_keys(ctx, x, y, a, b))
    }
}

/// The bit of [`NameSet::lengths`] for tokens `[a, b)`.
fn length_bit(a: usize, b: usize) -> u64 {
    1 << b.saturating_sub(a).min(63)
}

/// Whether tokens `[x, y)` and `[a, b)` have the same key: equal words
/// of equal kinds have, else the keys are compared.
fn same_keys(ctx: &Ctx<'_>, x: usize, y: usize, a: usize, b: usize) -> bool {
    (y - x == b - a
        && (0..b - a).all(|k| ctx.kind(x + k) == ctx.kind(a + k) && ctx.word(x + k) == ctx.word(a + k)))
        || ctx.key_bytes(x, y) == ctx.key_bytes(a, b)
}

/// [`Ctx::longest`] asked only where a hit of category `cat` starts: the
/// token's category bits are the union of those of its hits' entries, so
/// without the bit no hit can satisfy a `pred` that implies the category
/// (`e.person` for `cat::PERSON`, `e.org.is_some()` for `cat::ORG`, …),
/// and one load answers instead of a walk over the token's hits.
pub(crate) fn longest_of(
    ctx: &Ctx<'_>,
    i: usize,
    cat: u16,
    strict: bool,
    pred: impl Fn(&crate::lexicon::Entry) -> bool,
) -> Option<(usize, crate::lexicon::Entry)> {
    if !ctx.has(i, cat) {
        return None;
    }
    ctx.longest(i, strict, pred)
}

/// Finds persons.
pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Entity>) {
    // The candidates before this pass hold no person (the numeric and the
    // other name rules make none): the full names are those pushed from here.
    let first = out.len();
    let mut names = NameSet::default();
    let mut covered = Marks::new(ctx.len());
    let mut i = 0;
    while i < ctx.len() {
        i = ctx.next_with(i, cat::TITLE);
        if i >= ctx.len() {
            break;
        }
        if let Some(end) = titled(ctx, i, out, &mut names, &mut covered) {
            i = end;
            continue;
        }
        i += 1;
    }
    let mut i = ctx.next_with(0, cat::CREDIT);
    while i < ctx.len() {
        if !covered.contains(i) {
            credit(ctx, i, out, &mut names, &mut covered);
        }
        i = ctx.next_with(i + 1, cat::CREDIT);
    }
    bylines(ctx, out, &mut names, &mut covered);
    // Surname-led names, and names seen before.
    let mut i = 0;
    while i < ctx.len() {
        // Only a name-cap token starts a name here; while no name is
        // remembered, only one with a surname or a listed person.
        i = if names.is_empty() {
            ctx.next_with(i, cat::SURNAME | cat::PERSON)
        } else {
            ctx.next_namecap(i)
        };
        if i >= ctx.len() {
            break;
        }
        if !ctx.is_namecap(i)
            || covered.contains(i)
            || (names.is_empty() && !ctx.has(i, cat::SURNAME | cat::PERSON))
        {
            i += 1;
            continue;
        }
        // A name the caller added is a person wherever it stands, also
        // after a capitalized word (`Theo Lò Thị Sen`).
        if let Some((end, _)) = longest_of(ctx, i, cat::PERSON, true, |e| e.person) {
            push(ctx, i, end, None, out);
            i = end;
            continue;
        }
        let run_start = i == 0 || !ctx.is_namecap(i - 1) || ctx.breaks_before(i);
        if !run_start {
            i += 1;
            continue;
        }
        let j = name_end(ctx, i);
        let seen = names.contains(ctx, i, j) && (j >= ctx.len() || !ctx.is_namecap(j));
        let surname_led = ctx.has(i, cat::SURNAME)
            && (2..=4).contains(&(j - i))
            && !ctx.tok(i).is_some_and(|t| t.caps_line)
            && (j >= ctx.len() || !ctx.is_namecap(j) || ctx.breaks_before(j))
            && !(i > 0 && ctx.any(i - 1, |e| e.nonperson) && !ctx.breaks_before(i))
            && !nonperson_before(ctx, i)
            && (i..j).all(|k| ctx.kind(k) == Some(TokenKind::Syllable))
            && !is_cyclic_year(ctx, i, j)
            && !other_reading(ctx, i, j);
        if (seen || surname_led) && j > i {
            push(ctx, i, j, None, out);
            names.insert(ctx, i, j);
            i = j;
            continue;
        }
        i += 1;
    }
    // (Tested here: most documents have no full name, and the call's
    // set-up costs more than the test.)
    if out.len() > first {
        given_names(ctx, out, first, &covered);
    }
    // The set's rare part dropped out of line only when there is one: the
    // drop of the empty `Option` was a call each document (~17
    // instructions).
    let NameSet { more, .. } = names;
    if let Some(more) = more {
        drop_more(more);
    }
}

/// Drops a [`NameSet`]'s rare part (out of line, see [`find`]).
#[inline(never)]
fn drop_more(more: Box<More>) {
    drop(more);
}

/// `Phan Văn Hùng … Hùng khai`: the given name of a full name found in the
/// text names the person again, after a title or inside a sentence (not at
/// its start, where any capitalized word stands), when it is no place,
/// body or title word. The full names are the persons in `out[first..]`.
#[inline(never)]
fn given_names(ctx: &Ctx<'_>, out: &mut Vec<Entity>, first: usize, covered: &Marks) {
    // Made for the first full name only (most documents have none).
    let mut given: Option<NameSet> = None;
    for e in out.get(first..).unwrap_or(&[]) {
        let Entity::Person(_) = e else { continue };
        let (s, t) = ctx.tokens_within(e.span().start, e.span().end);
        if t >= s + 3 && ctx.kind(t - 1) == Some(TokenKind::Syllable) {
            given.get_or_insert_with(NameSet::default).insert(ctx, t - 1, t);
        }
    }
    let Some(mut given) = given.filter(|g| !g.is_empty()) else {
        return;
    };
    // The tokens of every candidate so far (the numeric ones too), marked
    // at the first token that passes every other test (mostly none: two
    // binary searches a candidate spared). Only the candidates from before
    // this pass count: the given names it adds are later tokens' anyway.
    let before = out.len();
    let mut taken: Option<Marks> = None;
    // A title-case syllable is name-cap: visit those only.
    let mut next = ctx.next_namecap(0);
    while next < ctx.len() {
        let i = next;
        next = ctx.next_namecap(i + 1);
        if covered.contains(i)
            || ctx.kind(i) != Some(TokenKind::Syllable)
            || !ctx.tok(i).is_some_and(|t| t.case == super::names::Case::Title)
            || (i > 0 && ctx.is_namecap(i - 1) && !ctx.breaks_before(i))
            || (ctx.is_namecap(i + 1) && !ctx.breaks_before(i + 1))
            || ctx.place(i).is_some()
            || ctx.any(i, |e| {
                e.head.is_some() || e.org.is_some() || e.title.is_some() || e.prefix.is_some()
            })
            || !given.contains(ctx, i, i + 1)
            || taken
                .get_or_insert_with(|| {
                    let mut taken = Marks::new(ctx.len());
                    for e in out.get(..before).unwrap_or(&[]) {
                        taken.push(ctx.tokens_within(e.span().start, e.span().end));
                    }
                    taken
                })
                .contains(i)
        {
            continue;
        }
        let title = ctx.title_ending_at(i);
        if title.is_none() && ctx.sentence_start(i) {
            continue;
        }
        push(ctx, i, i + 1, title.map(|(k, _)| ctx.slice(k, i)), out);
    }
}

/// `Giáp Dần`, `Đinh Hợi`: a year of the sexagenary cycle (a heavenly
/// stem, some of which are surnames, and an earthly branch).
#[inline(never)]
fn is_cyclic_year(ctx: &Ctx<'_>, i: usize, j: usize) -> bool {
    const STEMS: [&str; 10] = [
        "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý",
    ];
    const BRANCHES: [&str; 13] = [
        "Tý", "Sửu", "Dần", "Mão", "Mẹo", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi",
    ];
    j == i + 2 && STEMS.contains(&ctx.word(i)) && BRANCHES.contains(&ctx.word(i + 1))
}

/// Whether a word two tokens back makes the run an eponym (`đường Nguyễn Huệ`).
fn nonperson_before(ctx: &Ctx<'_>, i: usize) -> bool {
    (i.saturating_sub(3)..i).any(|k| {
        ctx.longest(k, false, |e| e.nonperson)
            .is_some_and(|(end, _)| end == i)
    })
}

/// A title or honorific at `i`, optionally with the body it belongs to,
/// then the name. Returns the end of the name. (Inline: most titles end
/// at the first test, without the call to [`titled_from`].)
#[inline]
fn titled(
    ctx: &Ctx<'_>,
    i: usize,
    out: &mut Vec<Entity>,
    names: &mut NameSet,
    covered: &mut Marks,
) -> Option<usize> {
    let (tend, e) = ctx.longest(i, false, |e| e.title.is_some())?;
    if names_no_one_after(ctx, tend, &e) {
        return None;
    }
    titled_from(ctx, i, tend, e, out, names, covered)
}

/// Whether the title `e` that ends before token `tend` is followed by no
/// name, told from four loads: a title other than a post is followed by
/// the name itself, after a rank word (`HLV trưởng`) or a nationality
/// (`người Kenya`: a place) at most, and [`name_end`] finds a name only
/// at a name-cap token. Most titles (`ông ấy`, `anh em`) end here, before
/// the word looks of [`titled_from`].
#[inline]
fn names_no_one_after(ctx: &Ctx<'_>, tend: usize, e: &crate::lexicon::Entry) -> bool {
    e.title != Some(TitleClass::Post)
        && !ctx.is_namecap(tend)
        && !ctx.is_namecap(tend + 1)
        && !ctx.has(tend + 1, cat::PLACE)
        && !ctx.has(tend + 2, cat::PLACE)
}

/// [`titled`] past its title look-up and first test: the title `e` at
/// tokens `[i, tend)`.
#[inline(never)]
fn titled_from(
    ctx: &Ctx<'_>,
    i: usize,
    tend: usize,
    e: crate::lexicon::Entry,
    out: &mut Vec<Entity>,
    names: &mut NameSet,
    covered: &mut Marks,
) -> Option<usize> {
    // A one-word kinship honorific is written in lower case mid-sentence;
    // capitalized there it is a name (`Anh Quốc`, `Em` in a title).
    if e.title == Some(TitleClass::Honorific)
        && tend == i + 1
        && ctx.is_upper_start(i)
        && !ctx.sentence_start(i)
        && matches!(
            ctx.word(i),
            "Ông"
                | "Bà"
                | "Anh"
                | "Chị"
                | "Em"
                | "Cô"
                | "Chú"
                | "Bác"
                | "Cụ"
                | "Cháu"
                | "Bé"
                | "Dì"
                | "Cậu"
                | "Mợ"
                | "Thím"
                | "Bạn"
        )
    {
        return None;
    }
    // `Bà Rịa`, `Quan Hoá`: a place reading wins.
    if ctx.place(i).is_some_and(|(pe, _)| pe > tend) {
        return None;
    }
    let mut j = tend;
    // `HLV trưởng`, `Bác sĩ chính`: a lower-case rank word goes with the title.
    if ctx.word_in(j, &["trưởng", "phó", "chính"]) && !ctx.breaks_before(j) {
        j += 1;
    }
    // `vận động viên người Kenya`: a nationality after the title is part of it.
    if ctx.word_in(j, &["người"]) && !ctx.breaks_before(j + 1) {
        if let Some((pe, pl)) = ctx.place(j + 1) {
            if pl.place == Some(super::LocationKind::Country) && ctx.is_namecap(pe) {
                j = pe;
            }
        }
    }
    let tend = j;
    // A title other than a post is followed by the name itself: without a
    // name-cap token there, `name_end` finds none (told with one load,
    // before the looks and the call below; most titles end here).
    if e.title != Some(TitleClass::Post) && !ctx.is_namecap(j) {
        return None;
    }
    if e.title == Some(TitleClass::Post) {
        if let Some((oe, _)) = super::organization::parse(ctx, j, 0) {
            j = oe;
        } else if let Some((pe, _)) = ctx
            .place(j)
            .filter(|&(pe, _)| ctx.is_namecap(pe) || ctx.word_in(pe, &["tại"]))
        {
            // `Ngoại trưởng Mỹ Antony Blinken`: the country of the post.
            j = pe;
        } else if ctx
            .longest(j, false, |e| e.head.is_some())
            .is_some_and(|(he, _)| he == j + 1)
            && super::organization::full_person_follows(ctx, j + 1)
        {
            // `Phó Giám đốc Sở Lò Thị Hương`: the bare head ends the title.
            j += 1;
        } else if ctx.is_punct(j, ",") {
            return None;
        }
        // `Đại sứ Việt Nam tại Nhật Bản`: where the post is held.
        if ctx.word_in(j, &["tại"]) && !ctx.breaks_before(j + 1) {
            if let Some((pe, _)) = ctx.place(j + 1).filter(|&(pe, _)| ctx.is_namecap(pe)) {
                j = pe;
            }
        }
    }
    if ctx.stops_at_break(j) && j != tend {
        return None;
    }
    if ctx.breaks_before(j) {
        return None;
    }
    let end = name_end(ctx, j);
    if end == j {
        return None;
    }
    // One capitalized syllable followed by a lower-case word that is not a
    // stop word is the start of a compound (`Phó Trưởng phòng Cảnh sát`).
    if end == j + 1 && ctx.is_lowerish(end) && !ctx.is_stop(end) && !ctx.breaks_before(end) {
        return None;
    }
    // After a post, one CamelCase brand word (`Tổng giám đốc EduNext`) is
    // the body the post belongs to, not a person.
    if e.title == Some(TitleClass::Post)
        && end == j + 1
        && ctx.kind(j) == Some(TokenKind::Word)
        && ctx.tok(j).is_some_and(|t| t.case == super::names::Case::Mixed)
    {
        return None;
    }
    // `bạn` is also `friendly` (`nước bạn Lào`): it introduces only a full name.
    if end == j + 1 && ctx.word_lower_is(i, "bạn") {
        return None;
    }
    // A name is not an abbreviation or a known place/body.
    if (j..end).any(|k| ctx.kind(k) == Some(TokenKind::Abbreviation)) {
        return None;
    }
    if let Some((pe, _)) = ctx.place(j) {
        // `ông Đức` is a man; `Thủ tướng Đức` is the country's.
        let given_name = e.title == Some(TitleClass::Honorific) && pe == j + 1 && end == j + 1;
        if pe >= end && !given_name {
            return None;
        }
    }
    if longest_of(ctx, j, cat::ORG, true, |e| e.org.is_some()).is_some() {
        return None;
    }
    let title = ctx.slice(i, j);
    push(ctx, j, end, Some(title), out);
    if end > j + 1 {
        // One syllable is too ambiguous to find again without its title.
        names.insert(ctx, j, end);
    }
    covered.push((i, end));
    Some(end)
}

/// `Ảnh: Quốc Tuấn/TTXVN`, `Tin, ảnh: MINH ĐỨC`, `Nguồn: Hải Yến/Báo X`.
#[inline(never)]
fn credit(ctx: &Ctx<'_>, i: usize, out: &mut Vec<Entity>, names: &mut NameSet, covered: &mut Marks) {
    let Some((cend, _)) = ctx.longest(i, false, |e| e.credit) else {
        return;
    };
    if !ctx.is_upper_start(i) || !ctx.is_punct(cend, ":") {
        return;
    }
    let j = cend + 1;
    if ctx.breaks_before(j) || super::organization::domain_end(ctx, j).is_some() {
        return;
    }
    let mut k = j;
    while k < ctx.len()
        && k - j < 4
        && (ctx.is_namecap(k) || upper_syllable(ctx, k))
        && !(k > j && ctx.breaks_before(k))
    {
        k += 1;
    }
    if k == j + 1 && !upper_syllable(ctx, j) {
        // One capitalized word after `Nguồn:` is a title, not a name.
        return;
    }
    if k == j {
        // Initials as one token (`Q.VIỆT`).
        if initials(ctx, j) {
            push(ctx, j, j + 1, None, out);
            covered.push((j, j + 1));
        }
        return;
    }
    push(ctx, j, k, None, out);
    names.insert(ctx, j, k);
    covered.push((j, k));
    // `/OUTLET` after the name.
    if ctx.is_punct(k, "/") {
        let mut m = k + 1;
        while m < ctx.len()
            && m - k <= 3
            && (ctx.is_namecap(m) || ctx.is_abbrev(m) || upper_syllable(ctx, m))
            && !ctx.breaks_before(m)
        {
            m += 1;
        }
        if m > k + 1 && longest_of(ctx, k + 1, cat::ORG, true, |e| e.org.is_some()).is_none() {
            if let Some((s, e)) = ctx.span(k + 1, m) {
                out.push(Entity::Organization(super::Organization {
                    span: Span::new(s, e),
                    // The extractor sets the text of every survivor from its
                    // span: a string made here would be copied over or dropped.
                    text: String::new(),
                    kind: super::OrgKind::Media,
                }));
            }
        }
    }
}

fn upper_syllable(ctx: &Ctx<'_>, i: usize) -> bool {
    ctx.tok(i)
        .is_some_and(|t| t.kind == TokenKind::Syllable && t.case == super::names::Case::Upper)
}

/// `V.L`, `Q.VIỆT`: initials written as one dotted token.
fn initials(ctx: &Ctx<'_>, i: usize) -> bool {
    if ctx.kind(i) != Some(TokenKind::Abbreviation) {
        return false;
    }
    let w = ctx.word(i);
    w.contains('.')
        && !w.ends_with('.')
        && w.split('.')
            .all(|p| p.chars().next().is_some_and(char::is_uppercase) && p.chars().count() <= 8)
        && w.split('.').next().is_some_and(|p| p.chars().count() == 1)
        && !crate::lexicon::is_dotted_abbreviation(w)
        && !w.starts_with("TP.")
}

/// Lines that hold only a name: bylines and credits at the end of a text
/// or under a photo.
fn bylines(ctx: &Ctx<'_>, out: &mut Vec<Entity>, names: &mut NameSet, covered: &mut Marks) {
    let mut i = 0;
    while i < ctx.len() {
        let j = ctx.next_line_start(i + 1);
        if long_line_without_byline(ctx, i, j) {
            i = j;
            continue;
        }
        let e = byline_end(ctx, i, j);
        let n = e - i;
        // (The kind first, inline: most one-token lines are no abbreviation.)
        if n == 1 && ctx.kind(i) == Some(TokenKind::Abbreviation) && initials(ctx, i) {
            push(ctx, i, e, None, out);
            covered.push((i, e));
        } else if n == 3
            && ctx.kind(i) == Some(TokenKind::Word)
            && ctx.word(i).chars().count() == 1
            && ctx.is_punct(i + 1, ".")
            && ctx.glued(i + 1)
            && ctx.glued(i + 2)
            && ctx.is_namecap(i + 2)
        {
            // `L.Chi`
            push(ctx, i, e, None, out);
            covered.push((i, e));
        } else if n >= 5 && byline_parts(ctx, i, e, out, names, covered) {
            // `Thanh Hà - Minh Tuấn`
        } else if (2..=4).contains(&n)
            && (i..e).all(|k| {
                ctx.kind(k) == Some(TokenKind::Syllable) && (ctx.is_namecap(k) || upper_syllable(ctx, k))
            })
            && !(i..e).any(|k| {
                ctx.is_stop(k)
                    || ctx.any(k, |x| {
                        // A kinship word may be a given name (`Lan Anh`).
                        let title = x.title.is_some() && (k == i || x.title == Some(TitleClass::Post));
                        title || x.head.is_some() || x.org.is_some() || x.prefix.is_some()
                    })
            })
            && ctx.place(i).is_none()
        {
            push(ctx, i, e, None, out);
            names.insert(ctx, i, e);
            covered.push((i, e));
        }
        i = j;
    }
}

/// Where the names of the line of tokens `[i, j)` end: before a final
/// period and an outlet (`Thanh Hà/VOV`).
fn byline_end(ctx: &Ctx<'_>, i: usize, j: usize) -> usize {
    // Drop a final period.
    let mut e = j;
    if e > i + 1 && ctx.is_punct(e - 1, ".") {
        e -= 1;
    }
    // `Thanh Hà/VOV`: a name credited with its outlet.
    if e >= i + 4 && ctx.is_punct(e - 2, "/") && ctx.is_abbrev(e - 1) {
        e -= 2;
    }
    e
}

/// Whether the line of tokens `[i, j)` is long and holds no byline, told
/// before [`byline_end`]'s looks: a line of eight tokens or more keeps
/// five after its drops, so only [`byline_parts`] may read it, and that
/// needs its first two tokens capitalized syllables (most lines, one a
/// document mostly, fail there: ~40 instructions a document less).
#[inline]
fn long_line_without_byline(ctx: &Ctx<'_>, i: usize, j: usize) -> bool {
    j >= i + 8 && !(byline_name_shape(ctx, i) && byline_name_shape(ctx, i + 1))
}

/// A byline line of several names joined by `-`, `,` or `và`: each part
/// two to four capitalized syllables.
fn byline_parts(
    ctx: &Ctx<'_>,
    i: usize,
    e: usize,
    out: &mut Vec<Entity>,
    names: &mut NameSet,
    covered: &mut Marks,
) -> bool {
    // The first part holds the first two tokens: without them, no byline
    // (the walk would say so at its first separator). Tested here, the
    // walk out of line: most lines have no byline.
    // (Both shapes before either token's hits: most lines fail at the
    // second token's case.)
    if !(byline_name_shape(ctx, i)
        && byline_name_shape(ctx, i + 1)
        && byline_name_tok(ctx, i)
        && byline_name_tok(ctx, i + 1))
    {
        return false;
    }
    byline_walk(ctx, i, e, out, names, covered)
}

/// A token a byline's name may hold: a capitalized syllable that is no
/// title, head, organization or prefix word.
fn byline_name_tok(ctx: &Ctx<'_>, k: usize) -> bool {
    byline_name_shape(ctx, k)
        && !ctx.any(k, |x| {
            x.title.is_some() || x.head.is_some() || x.org.is_some() || x.prefix.is_some()
        })
}

/// The shape test of [`byline_name_tok`]: a capitalized syllable.
fn byline_name_shape(ctx: &Ctx<'_>, k: usize) -> bool {
    ctx.kind(k) == Some(TokenKind::Syllable) && (ctx.is_namecap(k) || upper_syllable(ctx, k))
}

/// [`byline_parts`] past its first test.
#[inline(never)]
fn byline_walk(
    ctx: &Ctx<'_>,
    i: usize,
    e: usize,
    out: &mut Vec<Entity>,
    names: &mut NameSet,
    covered: &mut Marks,
) -> bool {
    let is_sep = |k: usize| ctx.word_in(k, &["-", "–", ",", "và", "&"]);
    let name_tok = |k: usize| byline_name_tok(ctx, k);
    let mut parts = Vec::new();
    let mut a = i;
    let mut k = i;
    while k <= e {
        // A part runs to the next separator (or the end) and has two to
        // four tokens: past four without one, no byline.
        if k - a > 4 {
            return false;
        }
        if k == e || is_sep(k) {
            if !(2..=4).contains(&(k - a)) || !(a..k).all(name_tok) {
                return false;
            }
            parts.push((a, k));
            a = k + 1;
        }
        k += 1;
    }
    if parts.len() < 2 {
        return false;
    }
    for (a, b) in parts {
        push(ctx, a, b, None, out);
        names.insert(ctx, a, b);
        covered.push((a, b));
    }
    true
}

fn push(ctx: &Ctx<'_>, i: usize, j: usize, title: Option<&str>, out: &mut Vec<Entity>) {
    if let Some((s, e)) = ctx.span(i, j) {
        out.push(Entity::Person(Person {
            span: Span::new(s, e),
            // The extractor sets the text of every survivor from its
            // span: a string made here would be copied over or dropped.
            text: String::new(),
            title: title.map(str::to_owned),
        }));
    }
}

/// A person's name (the title before it is outside the span).
///
/// ```
/// use viet_text::entity::Person;
/// let p = Person { span: viet_text::Span::new(0, 3), text: "Huy".into(), title: Some("ông".into()) };
/// assert!(serde_json::to_string(&p).unwrap().ends_with(r#""title":"ông"}"#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    /// Byte span in the input.
    #[serde(flatten)]
    pub span: Span,
    /// The input at `span`.
    pub text: String,
    /// The honorific or title right before the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::names::{ask_ranges_on_texts, insert_and_ask_ranges};

    /// A [`NameSet`] answers as a [`KeySet`] of the same names: every
    /// range of up to four tokens is asked after each insert of the ranges
    /// `picks` chooses (more than `NameSet::INDEXED` of them in long texts).
    fn same_answers(text: &str, step: usize) {
        insert_and_ask_ranges(
            text,
            step,
            &mut (NameSet::default(), KeySet::default()),
            |(fast, slow), ctx, a, b, _| {
                fast.insert(ctx, a, b);
                slow.insert(ctx, a, b);
                assert_eq!(fast.is_empty(), slow.is_empty());
            },
            |(fast, slow), ctx, i, j| {
                assert_eq!(
                    fast.contains(ctx, i, j),
                    slow.contains(ctx, i, j),
                    "{text:?} [{i}, {j})"
                );
            },
        );
    }

    #[test]
    fn name_set_answers_as_key_set() {
        let long = "Ông Hà Văn Bình, bà Lý Thu Cúc và anh Tô Minh Đức gặp nhau. ".repeat(12);
        ask_ranges_on_texts(
            &[
                "",
                "Ông Nguyễn Văn An gặp NGUYỄN VĂN AN và nguyễn văn an; bà Lê Thị Hoa, Lê Thị Hoa, Le Thi Hoa.",
                "Trần Hưng Đạo Tr\u{1ea7}n H\u{1b0}ng \u{110}\u{1ea1}o Tra\u{300}n Hưng Đạo, https://a.vn https://b.vn a@b.vn c@d.vn",
                "Anh Minh, anh Minh, ANH MINH, Minh anh, iPhone IPHONE iphone",
            ],
            &long,
            same_answers,
        );
    }

    /// [`longest_of`] answers as [`Ctx::longest`] at every token, for every
    /// category a finder gates with and both strictness settings.
    fn same_longest(text: &str) {
        type Pred = fn(&crate::lexicon::Entry) -> bool;
        let gates: [(u16, Pred); 10] = [
            (cat::PERSON, |e| e.person),
            (cat::PREFIX, |e| e.prefix.is_some()),
            (cat::ORG, |e| e.org.is_some()),
            (cat::HEAD, |e| e.head.is_some()),
            (cat::PROGRAM, |e| e.program.is_some()),
            (cat::TRIGGER, |e| e.trigger.is_some()),
            (cat::TITLE, |e| e.title.is_some()),
            (cat::PLACE, |e| e.place.is_some()),
            (cat::SURNAME, |e| e.surname),
            (cat::CREDIT, |e| e.credit),
        ];
        crate::entity::names::with_builtin_ctx(text, |ctx| {
            for i in 0..=ctx.len() {
                // `in_word` (gated by the longest hit's end) answers as the walk
                // over every hit at `i` and `i - 1`.
                let in_word = ctx.hits_at(i).any(|(end, e)| e.word && end > i + 1)
                    || (i > 0 && ctx.hits_at(i - 1).any(|(end, e)| e.word && end > i));
                assert_eq!(ctx.in_word(i), in_word, "{text:?} token {i}");
                for &(c, pred) in &gates {
                    for strict in [false, true] {
                        // The category bit itself is `any` of the predicate
                        // (the finders test the bit for `any` of these).
                        assert_eq!(ctx.has(i, c), ctx.any(i, pred), "{text:?} token {i} category {c}");
                        // (Where both answer, both are `ctx.longest`'s answer.)
                        assert_eq!(
                            longest_of(ctx, i, c, strict, pred).map(|(end, _)| end),
                            ctx.longest(i, strict, pred).map(|(end, _)| end),
                            "{text:?} token {i} category {c}"
                        );
                    }
                }
            }
        });
    }

    #[test]
    fn gated_longest_answers_as_longest() {
        crate::entity::names::check_examples_and_viwiki(
            &[
                "",
                "Ông Nguyễn Văn An, Chủ tịch UBND tỉnh Quảng Ninh, nói với Công ty Cổ phần Sữa Việt Nam.",
                "Chương trình mục tiêu quốc gia xây dựng nông thôn mới; Bộ Y tế, Ngân hàng Nhà nước.",
                "BÀ LÊ THỊ HOA và ông Tr\u{1ea7}n Minh tới Hà Nội, TP.HCM; Tập đoàn Điện lực.",
                "Pháp lệnh về xã hội hóa, xã Hội An, quảng trường Ba Đình, nông thôn mới ở Pháp.",
            ],
            300,
            same_longest,
        );
    }

    /// [`Ctx::word_in`] answers as comparing [`Ctx::word`] with each word,
    /// at every token and past the end.
    fn word_in_answers_as_word(text: &str) {
        crate::entity::names::with_builtin_ctx(text, |ctx| {
            let words = [
                "",
                "và",
                "hoặc",
                "từ",
                "người",
                "trưởng",
                "-",
                "–",
                ",",
                "Hà",
                "hà",
                "HÀ",
                "TP.",
                "a",
            ];
            for i in 0..ctx.len() + 2 {
                for w in words {
                    assert_eq!(ctx.word_in(i, &[w]), ctx.word(i) == w, "{text:?} token {i} {w:?}");
                }
                assert_eq!(
                    ctx.word_in(i, &words[1..4]),
                    words[1..4].contains(&ctx.word(i)),
                    "{text:?} token {i}"
                );
            }
        });
    }

    #[test]
    fn word_in_answers_as_word_on_examples() {
        crate::entity::names::check_examples_and_viwiki(
            &[
                "",
                "từ Hà Nội và HÀ NỘI hoặc hà – người trưởng - a, TP.HCM Ha\u{300} ươ",
                "Tr\u{1ea7}n và v\u{e0} va\u{300}, “người” 🙂 a@b.vn https://x.vn",
            ],
            300,
            word_in_answers_as_word,
        );
    }

    /// Where [`names_no_one_after`] says so, [`titled_from`] finds no one,
    /// at every token with a title.
    fn titles_without_names_find_none(text: &str) {
        crate::entity::names::with_builtin_ctx(text, |ctx| {
            for i in 0..ctx.len() {
                let Some((tend, e)) = ctx.longest(i, false, |e| e.title.is_some()) else {
                    continue;
                };
                if names_no_one_after(ctx, tend, &e) {
                    let (mut out, mut names, mut covered) =
                        (Vec::new(), NameSet::default(), Marks::new(ctx.len()));
                    assert_eq!(
                        titled_from(ctx, i, tend, e, &mut out, &mut names, &mut covered),
                        None,
                        "{text:?} token {i}"
                    );
                    assert!(out.is_empty(), "{text:?} token {i}");
                }
            }
        });
    }

    #[test]
    fn titles_without_names_find_none_on_examples() {
        crate::entity::names::check_examples_and_viwiki(
            &[
                "",
                "ông ấy nói với anh em, bà con và HLV trưởng Park Hang-seo, vận động viên người Kenya Eliud Kipchoge.",
                "Bác sĩ chính Lê Văn An, ông Đức, Thủ tướng Đức, nước bạn Lào, anh Minh, Anh Quốc, bà Rịa.",
                "Chủ tịch UBND tỉnh Quảng Ninh Cao Tường Huy, Đại sứ Việt Nam tại Nhật Bản, ông\nNam, ông\n\nNam.",
            ],
            3000,
            titles_without_names_find_none,
        );
    }

    /// Where [`long_line_without_byline`] skips a line, [`bylines`] would
    /// have found nothing there: five tokens or more after the drops, and
    /// no byline of parts.
    fn skipped_lines_hold_no_byline(text: &str) {
        crate::entity::names::with_builtin_ctx(text, |ctx| {
            let mut i = 0;
            while i < ctx.len() {
                let j = ctx.next_line_start(i + 1);
                if long_line_without_byline(ctx, i, j) {
                    let e = byline_end(ctx, i, j);
                    assert!(e >= i + 5, "{text:?} line [{i}, {j})");
                    let (mut out, mut names, mut covered) =
                        (Vec::new(), NameSet::default(), Marks::new(ctx.len()));
                    assert!(
                        !byline_parts(ctx, i, e, &mut out, &mut names, &mut covered),
                        "{text:?} line [{i}, {j})"
                    );
                    assert!(out.is_empty() && names.is_empty(), "{text:?} line [{i}, {j})");
                }
                i = j;
            }
        });
    }

    #[test]
    fn skipped_long_lines_hold_no_byline() {
        for text in [
            "",
            "Thanh Hà - Minh Tuấn - Lê Anh - Hà Vy - Tô Lan",
            "Bài viết của Thanh Hà - Minh Tuấn - Lê Anh - Hà Vy.\nTHANH HÀ, MINH TUẤN và LÊ ANH/VOV.",
            "Hà Anh\nV.L\nL.Chi\nẢnh: Quốc Tuấn/TTXVN\nNguyễn Văn An, Trần Thị Bình, Lê Cúc và Hồ Dũng.",
        ] {
            skipped_lines_hold_no_byline(text);
        }
        if let Some(wiki) = crate::entity::names::shared_viwiki() {
            wiki.lines().take(2000).for_each(skipped_lines_hold_no_byline);
            skipped_lines_hold_no_byline(&wiki.lines().take(300).collect::<Vec<_>>().join("\n"));
        }
    }

    proptest::proptest! {
        #[test]
        fn titles_without_names_find_none_on_random_text(
            text in "(ông|Ông|anh|bà|HLV|trưởng|phó|người|Kenya|Mỹ|Hà|Nội|Nam|Văn|An|Đức|Chủ tịch|UBND|tỉnh|tại|ấy|em|,|\\.|\n| ){0,30}"
        ) {
            titles_without_names_find_none(&text);
        }

        #[test]
        fn skipped_long_lines_hold_no_byline_on_random_text(
            text in "(Thanh|Hà|HÀ|Minh|Tuấn|Lê|Anh|ông|bà|Bộ|UBND|VOV|V\\.L|-|,|và|/|\\.|\n| ){0,40}"
        ) {
            skipped_lines_hold_no_byline(&text);
        }

        #[test]
        fn gated_longest_answers_as_longest_on_random_text(
            text in "(Ông|Bộ|bộ|Công ty|Ngân hàng|Chương trình|Hà Nội|Nguyễn|Văn|An|UBND|tỉnh|xã hội|xã|hội|nông thôn|Pháp lệnh|Pháp|,|\\.| ){0,24}"
        ) {
            same_longest(&text);
        }

        #[test]
        fn name_set_answers_as_key_set_on_random_text(
            text in "(Hà|hà|HÀ|Ha\u{300}|Văn|văn|An|an|Lê|lê|x@y.vn|a.vn|,|\\.| ){0,30}"
        ) {
            same_answers(&text, 1);
        }
    }
}
