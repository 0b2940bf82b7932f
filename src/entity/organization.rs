//! Organizations: `UBND tỉnh Quảng Ninh`, `Hội Liên hiệp Phụ nữ tỉnh`.
//!
//! An organization is a complete name from the lexicon (`UBND`, `Chính
//! phủ`, `Ngân hàng Chính sách xã hội`) or a head word (`Sở`, `Hội`,
//! `Trường`, `Công ty` …) followed by its name, and then an optional level
//! or place suffix (`tỉnh`, `huyện Yên Lạc`, `Việt Nam`). The name ends
//! at a stop word (verb or function word), at punctuation, at a line break,
//! or where the Vietnamese capitalization pattern of names ends: a
//! capitalized syllable may be followed by a few lower-case ones (`Giáo
//! dục`, `Chữ thập đỏ`), a proper name (`Sơn Lôi`) by none.

use super::names::Ctx;
use super::person::longest_of;
use super::Entity;
use crate::lexicon::{cat, HeadMode, TitleClass};
use crate::span::Span;
use crate::token::TokenKind;
use serde::Serialize;
use std::collections::HashMap;

/// Lower-case syllables allowed after a capitalized one inside a name.
const LOWER_BUDGET: u8 = 6;
/// How far a name may reach, in tokens.
const MAX_NAME: usize = 24;

/// Parses an organization starting at token `i`: its end and kind.
pub(crate) fn parse(ctx: &Ctx<'_>, i: usize, depth: u8) -> Option<(usize, OrgKind)> {
    // Both readings below start at a hit of a body name or a head word: without
    // either category bit at `i` there is none (and the guard, a look back over
    // up to ten tokens, is not needed).
    if !ctx.has(i, cat::ORG | cat::HEAD) {
        return None;
    }
    parse_readings(ctx, i, depth)
}

/// [`parse`] without its category gate (the tests compare both).
#[inline(always)]
fn parse_readings(ctx: &Ctx<'_>, i: usize, depth: u8) -> Option<(usize, OrgKind)> {
    // After a post the name may be followed by the holder's name (`Giám
    // đốc Sở X Lê Văn A`), except in an apposition to a person named before
    // (`…, nguyên Giám đốc Công ty X`, `(…, Giám đốc Công ty X)`).
    let guard = match ctx.title_ending_at(i) {
        Some((k, TitleClass::Post)) => {
            let mut b = k;
            if b > 0 && ctx.word_in(b - 1, &["nguyên", "cựu", "là"]) {
                b -= 1;
            }
            let after_name = b >= 2 && ctx.is_punct(b - 1, ",") && ctx.is_namecap(b - 2);
            let in_brackets = (b.saturating_sub(10)..b)
                .rev()
                .take_while(|&m| !ctx.is_punct(m, ")") && !ctx.breaks_before(m + 1))
                .any(|m| ctx.is_punct(m, "("));
            !(after_name || in_brackets)
        }
        _ => false,
    };
    let full = longest_of(ctx, i, cat::ORG, true, |e| e.org.is_some()).and_then(|(end, e)| {
        let kind = e.org?;
        // A body name may go on with a capitalized name of its own
        // (`Đảng ủy Khối cơ quan tỉnh`).
        let mut end = end;
        if ctx.is_namecap(end)
            && !ctx.stops_at_break(end)
            && ctx.place(end).is_none()
            && !person_follows(ctx, end)
            && !ctx.any(end, |e| e.org.is_some() || e.head.is_some() || e.title.is_some())
        {
            end = body(ctx, end, guard);
        }
        Some((suffix(ctx, end, guard), kind))
    });
    let headed = longest_of(ctx, i, cat::HEAD, false, |e| e.head.is_some()).and_then(|(end, e)| {
        let (kind, mode) = e.head?;
        if !ctx.is_upper_start(i) && ctx.in_word(i) {
            return None;
        }
        if !ctx.is_upper_start(i) {
            // `bộ`, `hội` in lower case are ordinary words; any lower-case
            // head right after a capitalized word is the end of a compound
            // (`Lễ hội`, `Đại hội`).
            let after_cap = i > 0 && ctx.is_namecap(i - 1) && !ctx.breaks_before(i);
            if e.head_cap || after_cap {
                return None;
            }
        }
        headed(ctx, i, end, kind, mode, depth, guard)
    });
    match (full, headed) {
        (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn headed(
    ctx: &Ctx<'_>,
    i: usize,
    head_end: usize,
    kind: OrgKind,
    mode: HeadMode,
    depth: u8,
    guard: bool,
) -> Option<(usize, OrgKind)> {
    // A lower-case head at a sentence start is fine; one mid-sentence must
    // be followed by a capitalized name (checked by `body`).
    let mut j = head_end;
    let mut qualified = false;
    loop {
        if ctx.stops_at_break(j) {
            break;
        }
        if let Some((end, _)) = ctx.longest(j, false, |e| e.qualifier) {
            j = end;
            qualified = true;
            if ctx.is_punct(j, "-") && ctx.longest(j + 1, false, |e| e.qualifier).is_some() {
                j += 1;
            }
            continue;
        }
        break;
    }
    // A quoted name (`Câu lạc bộ “…”`): quotes inside the span.
    if kind == OrgKind::Other && ctx.kind(j) == Some(TokenKind::OpenQuote) {
        let mut k = j + 1;
        while k < ctx.len() && k - j < MAX_NAME && !ctx.stops_at_break(k) {
            if ctx.kind(k) == Some(TokenKind::CloseQuote) {
                return (k > j + 1).then_some((k + 1, kind));
            }
            k += 1;
        }
        return None;
    }
    if matches!(mode, HeadMode::Unit | HeadMode::NeedsSuffix) && depth < 2 && !ctx.stops_at_break(j) {
        if let Some((end, inner)) = parse(ctx, j, depth + 1) {
            return Some((end, inner));
        }
    }
    // `Phó Giám đốc Sở Lò Thị Hương`: after a post, a bare one-word head
    // followed by a full name (surname and given names) is part of the
    // title, and the name is the person's.
    if guard && head_end == i + 1 && !qualified && full_person_follows(ctx, j) {
        return None;
    }
    // `Thủ môn Đoàn Văn Hậu`: after a title, a one-word head that is also a
    // surname, followed by two or three given names, starts a person's name.
    if head_end == i + 1 && !qualified && ctx.title_ending_at(i).is_some() && ctx.has(i, cat::SURNAME) {
        let mut k = j;
        while k < ctx.len()
            && ctx.kind(k) == Some(TokenKind::Syllable)
            && ctx.is_namecap(k)
            && !ctx.breaks_before(k)
            && ctx.place(k).is_none()
            && !ctx.any(k, |e| e.org.is_some() || e.head.is_some() || e.level)
        {
            k += 1;
        }
        if (2..=3).contains(&(k - j)) && !ctx.is_namecap(k) {
            return None;
        }
    }
    let mut b = body(ctx, j, guard);
    // Numbered units: `Quân khu 7`, `Bệnh viện 108`, `Bệnh viện Quân y 103`.
    if matches!(kind, OrgKind::Military | OrgKind::Health)
        && ctx.kind(b) == Some(TokenKind::Number)
        && !ctx.stops_at_break(b)
    {
        b += 1;
    }
    // `Tổng công ty Xây dựng 4 - CTCP`: a legal form after a dash (and a
    // number before it) stays in a company's name.
    if b > j && matches!(kind, OrgKind::Company | OrgKind::Bank) {
        let mut m = b;
        if ctx.kind(m) == Some(TokenKind::Number) && !ctx.stops_at_break(m) {
            m += 1;
        }
        if ctx.word_in(m, &["-", "–"]) && !ctx.stops_at_break(m + 1) && ctx.is_abbrev(m + 1) {
            if let Some((q, _)) = ctx.longest(m + 1, false, |e| e.qualifier) {
                b = q;
            }
        }
    }
    // A head of several words names the body's type by itself (`Trung tâm
    // Y tế`, `Ban Quản lý`): it may take a lower-case description and then
    // needs a level or place suffix (`Ban Quản lý dự án … tỉnh Hòa Bình`).
    let long_head = head_end > i + 1 && ctx.is_upper_start(i);
    if b == j && long_head {
        let d = lower_description(ctx, j);
        let s = suffix(ctx, d, guard);
        if s > d {
            return Some((s, kind));
        }
    }
    if b == j {
        // No name of its own: a qualified head (`Trường THCS`) or a unit
        // head may still take a level or place suffix.
        if !(qualified || mode == HeadMode::Unit) {
            return None;
        }
        let s = suffix(ctx, j, guard);
        // `Bệnh viện Mắt`: a capitalized qualifier names the body.
        let named = qualified
            && ctx.is_upper_start(j.saturating_sub(1))
            && ctx
                .tok(j.saturating_sub(1))
                .is_some_and(|t| t.case == super::names::Case::Title);
        return (s > j || named).then_some((s, kind));
    }
    let s = suffix(ctx, b, guard);
    if mode == HeadMode::NeedsSuffix && s == b {
        return None;
    }
    // `Ủy ban MTTQ …`: a generic state head before a front or party body
    // takes that body's kind.
    let kind = match longest_of(ctx, j, cat::ORG, true, |e| e.org.is_some()).and_then(|(_, e)| e.org) {
        Some(inner @ (OrgKind::MassOrganization | OrgKind::Party)) if kind == OrgKind::Government => inner,
        _ => kind,
    };
    let _ = i;
    Some((s, kind))
}

/// Whether the body name at `i` names a scheme or a law rather than the
/// body: after a verb of taking part (`tham gia BHXH`, `rút BHXH một
/// lần`) or inside a law's title (`Luật Bảo hiểm xã hội`).
fn scheme_or_law(ctx: &Ctx<'_>, i: usize) -> bool {
    if i == 0 || ctx.breaks_before(i) || !ctx.has(i, cat::ORG) || ctx.has(i, cat::HEAD) {
        return false;
    }
    let w = ctx.word(i - 1);
    let law = matches!(w, "Luật" | "luật")
        || (i >= 2
            && matches!(
                (ctx.word(i - 2), w),
                ("Nghị" | "nghị", "định") | ("Pháp" | "pháp", "lệnh")
            ));
    let verb = matches!(w, "rút" | "đóng" | "nộp" | "hưởng" | "nợ")
        || (i >= 2 && ctx.word_in(i - 2, &["tham"]) && w == "gia");
    law || verb
}

/// Short names of bodies in one text (key → kind of the body). Keyed by
/// the document's own text, so with the standard seeded hasher: a fixed
/// one would let a crafted document collide its keys. The map is made at
/// the first short name: most documents name none, and a seeded map's
/// set-up (the thread-local keys) and drop cost ~25 instructions a
/// document.
#[derive(Default)]
struct Aliases(Option<HashMap<String, OrgKind>>);

impl Aliases {
    /// Remembers `key` as a short name of a body of `kind`, unless it is
    /// one already (the first kind stays).
    fn remember(&mut self, key: String, kind: OrgKind) {
        self.0.get_or_insert_with(HashMap::new).entry(key).or_insert(kind);
    }

    /// The kind of the body `key` names, if it is a short name.
    fn get(&self, key: &str) -> Option<OrgKind> {
        self.0.as_ref()?.get(key).copied()
    }

    fn is_empty(&self) -> bool {
        self.0.as_ref().map_or(true, HashMap::is_empty)
    }

    fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().flat_map(HashMap::keys)
    }
}

/// An abbreviation or short name written in brackets after a full name
/// (`EVN`, `VNPost`, `HoSE`, `Cienco4`, `ĐHQG-HCM`): the end of its tokens.
fn bracket_name(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
    let one = |k: usize| {
        ctx.is_abbrev(k)
            || ctx
                .tok(k)
                .is_some_and(|t| t.kind == TokenKind::Word && ctx.is_upper_start(k) && ctx.place(k).is_none())
    };
    if !one(i) {
        return None;
    }
    // `ĐHQG-HCM`: abbreviations joined by a glued hyphen.
    let mut end = i + 1;
    while ctx.word_in(end, &["-", "–"]) && ctx.glued(end) && ctx.glued(end + 1) && ctx.is_abbrev(end + 1) {
        end += 2;
    }
    Some(end)
}

/// The brackets after an organization that ends before token `end`:
/// `(X)`, or `(X, mã chứng khoán: Y)` with a stock code. Each short name is
/// an organization of the body's kind and is remembered for the text.
#[inline(never)]
fn bracket_aliases(ctx: &Ctx<'_>, end: usize, kind: OrgKind, out: &mut Vec<Entity>, aliases: &mut Aliases) {
    if !ctx.is_punct(end, "(") {
        return;
    }
    let a = end + 1;
    let Some(b) = bracket_name(ctx, a) else { return };
    if ctx.is_punct(b, ")") {
        push(ctx, a, b, kind, out);
        aliases.remember(ctx.key(a, b), kind);
        return;
    }
    // `(DHBank, mã chứng khoán: DHB)`, `(… ; mã CK: DHB)`.
    if !(ctx.is_punct(b, ",") || ctx.is_punct(b, ";")) || !ctx.word_lower_is(b + 1, "mã") {
        return;
    }
    let mut k = b + 2;
    while k < ctx.len() && k - b < 5 && !ctx.is_punct(k, ":") && ctx.is_lowerish(k) {
        k += 1;
    }
    if !ctx.is_punct(k, ":") {
        return;
    }
    let code = k + 1;
    if !(ticker_shape(ctx, code) && (ctx.is_punct(code + 1, ")") || ctx.is_punct(code + 1, ","))) {
        return;
    }
    push(ctx, a, b, kind, out);
    aliases.remember(ctx.key(a, b), kind);
    push(ctx, code, code + 1, kind, out);
    aliases.remember(ctx.key(code, code + 1), kind);
}

/// A brand word that opens the name of a company right after its head
/// and legal form (`Công ty TNHH Keystone Realty`, `tập đoàn Nordvolt
/// Energy`): a non-Vietnamese capitalized word by which the text may name
/// the company again.
#[inline(never)]
fn brand_word(ctx: &Ctx<'_>, i: usize, end: usize) -> Option<usize> {
    let (mut k, _) = longest_of(ctx, i, cat::HEAD, false, |e| e.head.is_some())?;
    while k < end {
        if let Some((q, _)) = ctx.longest(k, false, |e| e.qualifier) {
            k = q;
        } else if ctx.is_abbrev(k) && k + 1 < end {
            k += 1;
        } else {
            break;
        }
    }
    let t = ctx.tok(k)?;
    let brand = k < end
        && t.kind == TokenKind::Word
        && ctx.is_upper_start(k)
        && ctx.word(k).chars().filter(|c| c.is_alphabetic()).count() >= 3
        && ctx.place(k).is_none()
        && !ctx.any(k, |e| e.org.is_some() || e.head.is_some() || e.title.is_some());
    brand.then_some(k)
}

/// Lower-case words after a head, up to a stop word (at most a few).
fn lower_description(ctx: &Ctx<'_>, j: usize) -> usize {
    let mut k = j;
    while k < ctx.len()
        && k - j < LOWER_BUDGET as usize
        && ctx.is_lowerish(k)
        && !ctx.is_strong_stop(k)
        && !ctx.word_in(k, &["và", "hoặc"])
        && !ctx.stops_at_break(k)
        && ctx.level(k).is_none()
        && ctx.prefix(k).is_none()
    {
        k += 1;
    }
    k
}

/// Whether token `i` could begin the name after a head word.
fn name_start(ctx: &Ctx<'_>, i: usize) -> bool {
    ctx.is_namecap(i) || ctx.is_abbrev(i)
}

/// The end of the name that starts at token `j` (`j` when there is none).
pub(crate) fn body(ctx: &Ctx<'_>, j: usize, guard: bool) -> usize {
    if !name_start(ctx, j) || ctx.stops_at_break(j) {
        return j;
    }
    let mut i = j;
    let mut last = j;
    let mut budget = 0u8;
    let mut prev_lower = true;
    // Lower-case syllables since the last capitalized one.
    let mut lowers = 0u8;
    while i < ctx.len() && i - j < MAX_NAME {
        if i > j && ctx.stops_at_break(i) {
            break;
        }
        // A level word or admin prefix hands over to the suffix.
        if i > j
            && (ctx.level(i).is_some()
                || ctx.prefix(i).is_some()
                    && (name_start(ctx, i + 1) || ctx.kind(i + 1) == Some(TokenKind::Number)))
            && (!ctx.is_namecap(i) || ctx.level(i).is_some())
        {
            break;
        }
        if i > j {
            if let Some((end, _)) = ctx.place(i) {
                if !ctx.any(i, |e| e.head.is_some() || e.org.is_some()) {
                    // A known place closes the name.
                    return end.max(last);
                }
            }
            if ctx.any(i, |e| e.title == Some(TitleClass::Post))
                && ctx.is_namecap(i)
                && !ctx.any(i, |e| e.org.is_some() || e.head.is_some())
            {
                break;
            }
        }
        if ctx.is_namecap(i) || ctx.is_abbrev(i) {
            if guard && i > j && person_follows(ctx, i) {
                break;
            }
            // A brand word (`Vinamilk`) or an abbreviation takes no
            // lower-case tail; a syllable that starts a descriptive part does.
            let syllable = ctx.kind(i) == Some(TokenKind::Syllable) && !ctx.is_abbrev(i);
            budget = if syllable && prev_lower { LOWER_BUDGET } else { 0 };
            lowers = 0;
            prev_lower = false;
            i += 1;
            last = i;
            continue;
        }
        if ctx.is_lowerish(i) {
            let w = ctx.word(i);
            if (w == "và" || w == "VÀ") && !ctx.stops_at_break(i + 1) && continues_after_and(ctx, i + 1) {
                prev_lower = true;
                i += 1;
                continue;
            }
            if ctx.is_strong_stop(i) || (ctx.is_stop(i) && lowers > 0) {
                break;
            }
            // A qualifier before a number belongs to the amount, not the name
            // (`Quỹ X kết dư khoảng 60 tỷ đồng`).
            if ctx.kind(i + 1) == Some(TokenKind::Number)
                && matches!(
                    w,
                    "khoảng" | "hơn" | "gần" | "trên" | "dưới" | "ngót" | "chừng" | "tới" | "đến" | "đạt"
                )
            {
                break;
            }
            if budget == 0 {
                // Lower-case words that are no stop words stay in the name
                // when more of it follows (`Bệnh viện Bệnh Nhiệt đới Trung ương`).
                let after_syllable =
                    i > 0 && ctx.kind(i - 1) == Some(TokenKind::Syllable) && !ctx.is_abbrev(i - 1);
                let k = if after_syllable && i > j {
                    lower_continuation(ctx, i)
                } else {
                    i
                };
                if k == i {
                    break;
                }
                prev_lower = true;
                lowers = 0;
                i = k;
                last = k;
                continue;
            }
            budget -= 1;
            lowers += 1;
            prev_lower = true;
            i += 1;
            last = i;
            continue;
        }
        // Joiners inside abbreviations and names: `TT-VH-TT`, `Xã hội - Kinh tế`, `GD&ĐT`.
        let w = ctx.word(i);
        if matches!(w, "-" | "–" | "&")
            && name_start(ctx, i + 1)
            && !ctx.any(i + 1, |e| {
                e.head.is_some() || e.org.is_some() || e.title.is_some()
            })
            && (ctx.glued(i) && ctx.glued(i + 1) || ctx.is_namecap(i + 1))
        {
            prev_lower = true;
            i += 1;
            continue;
        }
        if matches!(w, "-" | "–") && budget > 0 && ctx.is_lowerish(i + 1) && !ctx.is_stop(i + 1) {
            prev_lower = true;
            i += 1;
            continue;
        }
        break;
    }
    last
}

/// The end of a run of lower-case words from `i` (at most three, no stop
/// word, level or admin prefix among them) that the name takes because more
/// of it follows: a level word, or a capitalized word that starts no place,
/// body, title or person. `i` when there is none.
fn lower_continuation(ctx: &Ctx<'_>, i: usize) -> usize {
    let mut k = i;
    while k < ctx.len()
        && k - i < 3
        && ctx.is_lowerish(k)
        && !ctx.is_stop(k)
        && !ctx.word_in(k, &["và", "hoặc", "của"])
        && !ctx.stops_at_break(k)
        && ctx.level(k).is_none()
        && ctx.prefix(k).is_none()
    {
        k += 1;
    }
    if k == i || ctx.stops_at_break(k) {
        return i;
    }
    let level = ctx.level(k).is_some();
    let name = ctx.is_namecap(k)
        && ctx.place(k).is_none()
        && !person_follows(ctx, k)
        && !ctx.any(k, |e| {
            e.head.is_some() || e.org.is_some() || e.title.is_some() || e.prefix.is_some()
        });
    if level || name {
        k
    } else {
        i
    }
}

/// After `và` a name goes on when a capitalized word follows that does not
/// start another body, title or place.
fn continues_after_and(ctx: &Ctx<'_>, i: usize) -> bool {
    ctx.is_namecap(i)
        && !ctx.any(i, |e| {
            e.head.is_some() || e.org.is_some() || e.title.is_some() || e.prefix.is_some()
        })
        && ctx.place(i).is_none()
}

/// Whether a person's name (a surname and one to three more capitalized
/// syllables, then no capital) starts at `i`.
fn person_follows(ctx: &Ctx<'_>, i: usize) -> bool {
    if !ctx.has(i, cat::SURNAME) {
        return false;
    }
    let mut k = i;
    while k < ctx.len() && ctx.is_namecap(k) && !(k > i && ctx.breaks_before(k)) {
        k += 1;
    }
    (2..=4).contains(&(k - i))
}

/// Whether a full person's name (a surname and two or three more
/// capitalized syllables, no known place or body among them) starts at `i`.
pub(crate) fn full_person_follows(ctx: &Ctx<'_>, i: usize) -> bool {
    if !person_follows(ctx, i) {
        return false;
    }
    let mut k = i;
    while k < ctx.len() && ctx.is_namecap(k) && !(k > i && ctx.breaks_before(k)) {
        if ctx.place(k).is_some() || ctx.any(k, |e| e.org.is_some() || e.head.is_some() || e.level) {
            return false;
        }
        k += 1;
    }
    (3..=4).contains(&(k - i))
}

/// A level or place suffix after a name (`tỉnh`, `huyện Yên Lạc`,
/// `Việt Nam`), with a bracketed abbreviation inside when the name goes on
/// after it (`Hội Chữ thập đỏ (CTĐ) tỉnh Thanh Hóa`).
pub(crate) fn suffix(ctx: &Ctx<'_>, i: usize, guard: bool) -> usize {
    if ctx.is_punct(i, "(") && ctx.is_abbrev(i + 1) && ctx.is_punct(i + 2, ")") {
        let after = suffix_once(ctx, i + 3, guard);
        if after > i + 3 {
            return after;
        }
        // The parent body after the abbreviation is part of the name
        // (`Phòng Kỹ thuật (PKT) Công an tỉnh …`).
        if !ctx.stops_at_break(i + 3) && ctx.is_upper_start(i + 3) {
            if let Some((end, _)) = parse(ctx, i + 3, 2) {
                return end;
            }
        }
        return i;
    }
    let s = suffix_once(ctx, i, guard);
    // `Ngân hàng Chính sách xã hội chi nhánh tỉnh Bình Dương`,
    // `Agribank chi nhánh Nam Đồng Nai`.
    if ctx.word_in(s, &["chi"]) && ctx.word_in(s + 1, &["nhánh"]) && !ctx.stops_at_break(s + 2) {
        let t = suffix_once(ctx, s + 2, guard);
        if t > s + 2 {
            return t;
        }
        let mut k = s + 2;
        while k < ctx.len() && k - s < 6 && ctx.is_namecap(k) && !(k > s + 2 && ctx.breaks_before(k)) {
            k += 1;
        }
        if k > s + 2 {
            return k;
        }
    }
    s
}

fn suffix_once(ctx: &Ctx<'_>, i: usize, guard: bool) -> usize {
    if i >= ctx.len() || ctx.stops_at_break(i) {
        return i;
    }
    if let Some((end, _, num_ok)) = ctx.prefix(i) {
        if let Some(loc_end) = super::location::name_after_prefix(ctx, end, num_ok, guard) {
            return loc_end;
        }
    }
    if let Some(end) = ctx.level(i) {
        if ctx.stops_at_break(end) {
            return end;
        }
        // `quốc gia Việt Nam`: a level word, then a place.
        if let Some((pe, _)) = ctx.place(end) {
            return pe;
        }
        // `MTTQ Việt Nam xã Hòa Phú`: a national name, then the unit's place.
        if let Some((pend, _, num_ok)) = ctx.prefix(end) {
            if let Some(loc_end) = super::location::name_after_prefix(ctx, pend, num_ok, guard) {
                return loc_end;
            }
        }
        return end;
    }
    if let Some((end, _)) = ctx.place(i) {
        return end;
    }
    i
}

/// Finds organizations.
pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Entity>) {
    // Short names the text gives its bodies, with the kind of the body.
    let mut aliases: Aliases = Aliases::default();
    let mut i = 0;
    while i < ctx.len() {
        i = ctx.next_with(i, cat::ORG | cat::HEAD);
        if i >= ctx.len() {
            break;
        }
        // A head word inside a known place (`Tây Ban Nha`) starts nothing.
        if !ctx.has(i, cat::ORG | cat::HEAD) || in_document_number(ctx, i) || scheme_or_law(ctx, i) {
            i += 1;
            continue;
        }
        let place_end = if ctx.has(i, cat::PLACE) {
            ctx.place(i).map_or(i, |(pe, _)| pe)
        } else {
            i
        };
        match parse(ctx, i, 0) {
            // A known place as long as the reading wins (`Đài Bắc`).
            Some((end, _)) if end <= place_end => i = place_end,
            Some((end, kind)) if end > i => {
                push(ctx, i, end, kind, out);
                if matches!(kind, OrgKind::Company | OrgKind::Bank) {
                    if let Some(k) = brand_word(ctx, i, end) {
                        aliases.remember(ctx.key(k, k + 1), kind);
                    }
                }
                // A bracketed short name after a complete name is one of its own.
                bracket_aliases(ctx, end, kind, out, &mut aliases);
                i = end;
            }
            _ => i += 1,
        }
    }
    outlet_tags(ctx, out);
    // The byte looks of both walks below, in one pass over the text.
    let gates = byte_gates(ctx.text.as_bytes());
    if gates.upper3 {
        tickers(ctx, out, &aliases);
    }
    short_names(ctx, out, aliases);
    for_domain_starts(ctx, gates.domain, |i| {
        if let Some(end) = domain_end(ctx, i) {
            push(ctx, i, end, OrgKind::Media, out);
        }
    });
}

/// Whether token `t` is a link or a one-byte `.`: where [`domain_end`]
/// may start, at it or right before it.
fn link_or_dot(t: &super::names::Tok, bytes: &[u8]) -> bool {
    t.kind == TokenKind::Url
        || (t.kind == TokenKind::Punct && t.end == t.start + 1 && bytes.get(t.start) == Some(&b'.'))
}

/// Calls `f` on every token where [`domain_end`] may find a domain, in
/// order: a link, or a word with a dot glued after it. The walk stops only
/// at links and one-byte dots ([`link_or_dot`]), and skips a dot before
/// white space or the end (a sentence end, mostly): a domain needs a token
/// glued after its dot, and a link the dot ends was visited already. Each
/// start once.
///
/// `may_have` is [`ByteGates::domain`] of the text: most documents have
/// no such start (96 % of viwiki's lines), and a look at the bytes, 16 at
/// a time, spares them the walk over the tokens.
fn for_domain_starts(ctx: &Ctx<'_>, may_have: bool, f: impl FnMut(usize)) {
    if may_have {
        domain_walk(ctx, f);
    }
}

/// [`for_domain_starts`] once the bytes say a domain may start somewhere
/// (out of line: most documents have none).
#[inline(never)]
fn domain_walk(ctx: &Ctx<'_>, mut f: impl FnMut(usize)) {
    let bytes = ctx.text.as_bytes();
    let maybe = |t: &super::names::Tok| {
        link_or_dot(t, bytes)
            && (t.kind == TokenKind::Url || bytes.get(t.end).is_some_and(|n| !n.is_ascii_whitespace()))
    };
    let mut tried = None;
    let mut k = ctx.next_where(0, maybe);
    while k < ctx.len() {
        let dot = k > 0 && ctx.glued(k) && ctx.is_punct(k, ".");
        let url = ctx.kind(k) == Some(TokenKind::Url);
        for (i, maybe) in [(k.wrapping_sub(1), dot), (k, url)] {
            if maybe && tried != Some(i) {
                tried = Some(i);
                f(i);
            }
        }
        k = ctx.next_where(k + 1, maybe);
    }
}

/// Companies and banks are named again by the proper name at the end of
/// their full name (`Công ty … Hòa An` → `Hòa An`).
fn short_names(ctx: &Ctx<'_>, out: &mut Vec<Entity>, mut aliases: Aliases) {
    for e in out.iter() {
        let Entity::Organization(o) = e else { continue };
        if !matches!(o.kind, OrgKind::Company | OrgKind::Bank) {
            continue;
        }
        let Some(last) = ctx.token_ending_at(o.span.end) else {
            continue;
        };
        let mut k = last + 1;
        while k > 0
            && ctx.tok(k - 1).is_some_and(|t| {
                t.case == super::names::Case::Title
                    && t.kind == TokenKind::Syllable
                    && t.start >= o.span.start
            })
        {
            k -= 1;
        }
        let n = last + 1 - k;
        let first = ctx.token_starting_at(o.span.start).unwrap_or(k);
        if (2..=3).contains(&n) && k > first + 1 && ctx.place(k).is_none() {
            aliases.remember(ctx.key(k, last + 1), o.kind);
        }
    }
    if aliases.is_empty() {
        return;
    }
    alias_mentions(ctx, out, aliases);
}

/// [`short_names`] once some alias is known (out of line: most documents
/// know none).
#[inline(never)]
fn alias_mentions(ctx: &Ctx<'_>, out: &mut Vec<Entity>, aliases: Aliases) {
    let mut taken = super::names::Marks::new(ctx.len());
    for e in out.iter() {
        taken.push(ctx.tokens_within(e.span().start, e.span().end));
    }
    let remembered = super::names::RangeKeys::from_keys(aliases.keys());
    for i in 0..ctx.len() {
        // In an all-caps headline every word is capitalized: a foreign
        // word there (`DHBANK`) is no syllable of a longer name.
        let caps_word = ctx
            .tok(i)
            .is_some_and(|t| t.caps_line && matches!(t.kind, TokenKind::Word | TokenKind::Abbreviation));
        if i > 0 && ctx.is_namecap(i - 1) && !ctx.breaks_before(i) && !caps_word {
            continue;
        }
        if !(ctx.is_namecap(i) || ctx.is_abbrev(i))
            || taken.contains(i)
            || (ctx.glued(i) && ctx.word_in(i - 1, &["-", "–", "/"]))
        {
            continue;
        }
        // No alias starts with this token: skip building the keys.
        if !remembered.may_match(ctx, i, 3) {
            continue;
        }
        for n in 1..=3 {
            let j = i + n;
            if j > ctx.len() || (j < ctx.len() && ctx.is_namecap(j) && !ctx.breaks_before(j) && !caps_word) {
                continue;
            }
            // A one-token short name glued into a longer token run
            // (`DHB-Index`, `ĐHQG-HCM` for `ĐHQG`) is not that name.
            if ctx.glued(j)
                && (ctx.word_in(j, &["-", "–", "/"])
                    || matches!(
                        ctx.kind(j),
                        Some(TokenKind::Word | TokenKind::Syllable | TokenKind::Number)
                    ))
            {
                continue;
            }
            // The key is built only for a range whose hash is remembered.
            if !remembered.may_be(ctx, i, n) {
                continue;
            }
            if let Some(kind) = aliases.get(&ctx.key(i, j)) {
                push(ctx, i, j, kind, out);
                break;
            }
        }
    }
}

/// Stock codes of listed banks (`data/names/bank_tickers.txt`).
static BANK_TICKERS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        crate::lexicon::entries(include_str!("../../data/names/bank_tickers.txt")).collect()
    });

/// Whether token `i` is written like a stock code: three upper-case ASCII
/// letters, not part of an index name (`HNX-Index`).
fn ticker_shape(ctx: &Ctx<'_>, i: usize) -> bool {
    // Three bytes long and all upper case, checked on the token before
    // its text.
    if !ctx
        .tok(i)
        .is_some_and(|t| t.end - t.start == 3 && t.case == super::names::Case::Upper)
    {
        return false;
    }
    let w = ctx.word(i);
    w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase()) && !index_follows(ctx, i + 1)
}

/// Whether an index suffix (`-Index`) is glued at token `i`.
fn index_follows(ctx: &Ctx<'_>, i: usize) -> bool {
    ctx.word_in(i, &["-", "–"])
        && ctx.glued(i)
        && ctx.glued(i + 1)
        && ctx.word(i + 1).eq_ignore_ascii_case("index")
}

/// What two looks at a text's bytes say, before two token walks that
/// most documents need not make: whether it may hold a domain (a `.` or
/// `:` followed by a byte that is not ASCII white space: every start
/// [`for_domain_starts`] visits has one, a one-byte `.` with no white space
/// after it, and a link, `www.` and `http://` with more after them, or a
/// word, a dot and more glued) and whether it has three ASCII upper-case
/// letters in a row (every stock code [`ticker_shape`] accepts is such a
/// run). Both are asked of a few more bytes than those, for one SSE2
/// comparison each (`is_mark_byte`, `is_upperish`): a `*` or `>` counts
/// as a mark and `@[\]^_` as a capital (rare: a walk then finds nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ByteGates {
    domain: bool,
    upper3: bool,
}

/// The [`ByteGates`] of `bytes`, in one pass over them.
#[inline]
fn byte_gates(bytes: &[u8]) -> ByteGates {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        byte_gates_sse2(bytes)
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        byte_gates_plain(bytes)
    }
}

/// [`ByteGates::domain`] alone.
#[cfg(test)]
fn may_have_domain(bytes: &[u8]) -> bool {
    byte_gates(bytes).domain
}

/// [`ByteGates::upper3`] alone.
#[cfg(test)]
fn has_upper_run3(bytes: &[u8]) -> bool {
    byte_gates(bytes).upper3
}

/// [`byte_gates`] byte by byte, one look for each.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn byte_gates_plain(bytes: &[u8]) -> ByteGates {
    ByteGates {
        domain: may_have_domain_plain(bytes),
        upper3: has_upper_run3_plain(bytes),
    }
}

/// A byte the domain gate counts as a mark: `.` and `:`, and `*` and `>`
/// (the bytes `b | 0x14 == 0x3E`: one SSE2 comparison).
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn is_mark_byte(b: u8) -> bool {
    b | 0x14 == 0x3E
}

/// A byte the ticker gate counts as a capital: `A`–`Z`, and `@[\]^_`
/// (0x40–0x5F, the bytes `b & 0xE0 == 0x40`: one SSE2 comparison).
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn is_upperish(b: u8) -> bool {
    b & 0xE0 == 0x40
}

/// [`ByteGates::domain`] byte by byte.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn may_have_domain_plain(bytes: &[u8]) -> bool {
    bytes
        .windows(2)
        .any(|w| is_mark_byte(w[0]) && !w[1].is_ascii_whitespace())
}

/// [`ByteGates::upper3`] byte by byte.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn has_upper_run3_plain(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|w| w.iter().all(|&b| is_upperish(b)))
}

/// [`byte_gates`] with SSE2, 64 bytes at a time, each loaded once (two
/// passes of 16 bytes, one per look, and the second's last bytes one by
/// one, cost ~40 instructions a chunk of 16; blocks of 32 bytes ~30, of
/// 64 ~25). Per 16 bytes, two `pmovmskb` masks: the bytes
/// `is_upperish` and `is_mark_byte` count; only the marks have their next
/// byte read. The upper-case
/// mask of 64 bytes is a run of three with the last two bits of the block
/// before carried in front. The short last block is padded with zero
/// bytes (neither a mark nor a letter). Both looks said yes, the pass
/// ends.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn byte_gates_sse2(bytes: &[u8]) -> ByteGates {
    use safe_arch::{
        bitand_m128i, bitor_m128i, cmp_eq_mask_i8_m128i, m128i, move_mask_i8_m128i, set_splat_i8_m128i,
    };
    let glued_after = |p: usize| bytes.get(p + 1).is_some_and(|n| !n.is_ascii_whitespace());
    // `is_upperish` and `is_mark_byte` as one mask and one comparison
    // each (the exact `A`–`Z` range and two marks took ~3 instructions
    // more a chunk of 16).
    let (high3, upperish) = (set_splat_i8_m128i(0xE0_u8 as i8), set_splat_i8_m128i(0x40));
    let (mark_bits, mark) = (set_splat_i8_m128i(0x14), set_splat_i8_m128i(0x3E));
    // The two masks of 16 bytes.
    let masks = |x: m128i| {
        let upper = move_mask_i8_m128i(cmp_eq_mask_i8_m128i(bitand_m128i(x, high3), upperish)) as u32;
        let marks = move_mask_i8_m128i(cmp_eq_mask_i8_m128i(bitor_m128i(x, mark_bits), mark));
        (upper, marks as u32)
    };
    let mut gates = ByteGates {
        domain: false,
        upper3: false,
    };
    // The last two upper-case bits of the block before, at bits 0 and 1.
    let mut carry = 0u64;
    // The masks of 64 bytes.
    let block_masks = |block: &[u8; 64]| {
        let (mut upper, mut marks) = (0u64, 0u64);
        for (k, quarter) in block.chunks_exact(16).enumerate() {
            if let Some(quarter) = quarter.first_chunk::<16>() {
                let (u, m) = masks(m128i::from(*quarter));
                upper |= u64::from(u) << (16 * k);
                marks |= u64::from(m) << (16 * k);
            }
        }
        (upper, marks)
    };
    // The masks of the last `r` (< 64) bytes, as if padded with zero
    // bytes, read in place (copied to the stack and read back 16 bytes at
    // a time, they stalled on the store forwarding, ~15 cycles a
    // document): the last 64 bytes of a long text with the bits of the
    // bytes before the tail shifted out; 16 bytes at a time, the last 16
    // overlapping, in a text of 16 to 63; put together in registers in a
    // shorter one.
    let chunk_masks = |at: usize| {
        bytes
            .get(at..)
            .and_then(|c| c.first_chunk::<16>())
            .map_or((0, 0), |c| masks(m128i::from(*c)))
    };
    let tail_masks = |r: usize| {
        let n = bytes.len();
        if r == 0 {
            return (0, 0);
        }
        if n >= 64 {
            // The chunks of 16 from the end that hold the tail (one to
            // four: a whole block of 64 read again cost ~25 instructions a
            // document more), at their places in the last 64 bytes.
            let (mut upper, mut marks) = (0u64, 0u64);
            for q in 0..4 {
                if 16 * q >= r {
                    break;
                }
                let (u, m) = chunk_masks(n - 16 * (q + 1));
                upper |= u64::from(u) << (48 - 16 * q);
                marks |= u64::from(m) << (48 - 16 * q);
            }
            let drop = 64 - r as u32;
            return (upper >> drop, marks >> drop);
        }
        if n < 16 {
            let (u, m) = masks(padded_m128i(bytes));
            return (u64::from(u), u64::from(m));
        }
        // The last 16 bytes, and the chunks of 16 before them.
        let (u, m) = chunk_masks(n - 16);
        let (mut upper, mut marks) = (u64::from(u) << (n - 16), u64::from(m) << (n - 16));
        for at in [0, 16, 32] {
            if at + 16 >= n {
                break;
            }
            let (u, m) = chunk_masks(at);
            upper |= u64::from(u) << at;
            marks |= u64::from(m) << at;
        }
        (upper, marks)
    };
    // One block of 64 bytes at byte `base`: false once both looks said yes.
    let mut visit = |(upper, mut marks): (u64, u64), base: usize, gates: &mut ByteGates| {
        // A run of three inside the block, or one over its start with the
        // carried bits (in 64 bits: a `u128` of the block and the carry
        // cost ~10 instructions a block more).
        let over = upper << 2 | carry;
        gates.upper3 |= (upper & upper >> 1 & upper >> 2) | (over & over >> 1 & over >> 2) != 0;
        carry = upper >> 62;
        while marks != 0 && !gates.domain {
            gates.domain = glued_after(base + marks.trailing_zeros() as usize);
            marks &= marks - 1;
        }
        !(gates.domain && gates.upper3)
    };
    let mut blocks = bytes.chunks_exact(64);
    let mut base = 0;
    for block in blocks.by_ref() {
        let Some(block) = block.first_chunk::<64>() else {
            continue;
        };
        if !visit(block_masks(block), base, &mut gates) {
            return gates;
        }
        base += 64;
    }
    visit(tail_masks(blocks.remainder().len()), base, &mut gates);
    gates
}

/// Up to 16 bytes as an SSE2 register, zero bytes after them, put
/// together from overlapping little-endian reads (no stack copy).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn padded_m128i(b: &[u8]) -> safe_arch::m128i {
    let (lo, hi) = b.split_at(b.len().min(8));
    use super::names::padded_u64;
    safe_arch::set_i64_m128i(padded_u64(hi) as i64, padded_u64(lo) as i64)
}

/// Whether token `i` reads as a stock code from its context: after `cổ
/// phiếu`, `mã` (`mã cổ phiếu`, `mã chứng khoán`), or followed by a price
/// move (`tăng`/`giảm` + a number, or a bracketed signed change).
fn ticker_context(ctx: &Ctx<'_>, i: usize) -> bool {
    let before = |n: usize, w: &str| i >= n && ctx.word_lower_is(i - n, w);
    // `mã` alone names any code (`mã OTP`, `mã PIN`): a stock code only
    // when it is a listed bank's or another code follows in a list.
    let listed = (ctx.is_punct(i + 1, ",") || ctx.word_in(i + 1, &["và"])) && ticker_shape(ctx, i + 2);
    let trigger = (before(2, "cổ") && before(1, "phiếu"))
        || (before(1, "mã") && (listed || BANK_TICKERS.contains(ctx.word(i))))
        || (before(2, "chứng") && before(1, "khoán") && i >= 3 && ctx.word_in(i - 3, &["mã"]))
        || (before(1, "ck") && before(2, "mã"));
    let moves = ctx.word_in(i + 1, &["tăng", "giảm"])
        && matches!(
            ctx.kind(i + 2),
            Some(TokenKind::Number | TokenKind::Percent | TokenKind::Ratio)
        );
    let signed = ctx.is_punct(i + 1, "(") && ctx.word_in(i + 2, &["-", "+", "–"]);
    trigger || moves || signed
}

/// Stock codes: a three-letter code in a stock context, and the codes
/// listed with it (`cổ phiếu HPG, VHM và FPT`). The caller asks first
/// whether the text has three upper-case ASCII letters in a row
/// ([`ByteGates::upper3`]): most documents (94 % of viwiki's lines) have
/// none, and then there is no code to walk to.
#[inline(never)]
fn tickers(ctx: &Ctx<'_>, out: &mut Vec<Entity>, aliases: &Aliases) {
    let mut i = 0;
    while i < ctx.len() {
        // A code is three bytes, all upper case ([`ticker_shape`]).
        // The case first: all-upper tokens are rare, three-byte ones not.
        i = ctx.next_where(i, |t| t.case == super::names::Case::Upper && t.end - t.start == 3);
        if i >= ctx.len() {
            break;
        }
        if !(ticker_shape(ctx, i) && ticker_context(ctx, i)) {
            i += 1;
            continue;
        }
        let mut k = i;
        loop {
            let kind = if let Some(kind) = aliases.get(&ctx.key(k, k + 1)) {
                kind
            } else if BANK_TICKERS.contains(ctx.word(k)) {
                OrgKind::Bank
            } else {
                OrgKind::Company
            };
            push(ctx, k, k + 1, kind, out);
            // Skip a bracketed change after the code (`HPG (-3%)`).
            let mut n = k + 1;
            if ctx.is_punct(n, "(") {
                let mut m = n + 1;
                while m < ctx.len() && m - n < 8 && !ctx.is_punct(m, ")") {
                    m += 1;
                }
                if !ctx.is_punct(m, ")") {
                    break;
                }
                n = m + 1;
            }
            // The list goes on after `,` or `và` with another code.
            if (ctx.is_punct(n, ",") || ctx.word_in(n, &["và"]))
                && ticker_shape(ctx, n + 1)
                && !ctx.breaks_before(n + 1)
            {
                k = n + 1;
            } else {
                break;
            }
        }
        i = k + 1;
    }
}

/// Whether token `i` is the issuer part of a document number
/// (`123/KH-UBND`, `57-NQ/TW`): glued to a `-` or `/` that is glued to
/// what comes before.
fn in_document_number(ctx: &Ctx<'_>, i: usize) -> bool {
    i >= 2
        && ctx.glued(i)
        && ctx.word_in(i - 1, &["-", "/"])
        && ctx.glued(i - 1)
        && (ctx.is_abbrev(i - 2)
            || matches!(
                ctx.kind(i - 2),
                Some(TokenKind::Number | TokenKind::Ratio | TokenKind::DateLike | TokenKind::Abbreviation)
            ))
}

/// Outlet tags: `(QNO)`, `(Dân trí)` and `GD&TĐ -` opening a paragraph.
fn outlet_tags(ctx: &Ctx<'_>, out: &mut Vec<Entity>) {
    let mut next = ctx.next_line_start(0);
    while next < ctx.len() {
        let i = next;
        next = ctx.next_line_start(i + 1);
        if ctx.is_punct(i, "(") {
            let mut k = i + 1;
            while k < ctx.len()
                && k - i <= 5
                && (ctx.is_namecap(k)
                    || ctx.is_abbrev(k)
                    || k > i + 1 && ctx.is_lowerish(k)
                    || ctx.kind(k) == Some(TokenKind::Url))
            {
                k += 1;
            }
            if k > i + 1 && ctx.is_punct(k, ")") && !ctx.breaks_before(k + 1) {
                push(ctx, i + 1, k, OrgKind::Media, out);
            }
        } else if ctx.is_abbrev(i) && ctx.word_in(i + 1, &["-", "–"]) && !ctx.breaks_before(i + 2) {
            push(ctx, i, i + 1, OrgKind::Media, out);
        }
    }
}

/// A web domain written as a name (`Chinhphu.vn`): the end of its tokens.
pub(crate) fn domain_end(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
    if ctx.kind(i) == Some(TokenKind::Url) {
        // A bare domain (`baohaiquan.vn`), not a link.
        let w = ctx.word(i);
        let bare = !w.contains('/') && !w.contains(':') && !w.to_ascii_lowercase().starts_with("www.");
        let tld = w.rsplit('.').next().unwrap_or("");
        return (bare && matches!(tld, "vn" | "com" | "net" | "org" | "info" | "gov")).then_some(i + 1);
    }
    if !matches!(ctx.kind(i), Some(TokenKind::Word | TokenKind::Syllable))
        || ctx.glued(i) && ctx.is_punct(i - 1, ".")
    {
        return None;
    }
    let mut k = i + 1;
    let mut end = None;
    while ctx.is_punct(k, ".") && ctx.glued(k) && ctx.glued(k + 1) {
        let tld = ctx.word(k + 1);
        if !tld.chars().all(|c| c.is_ascii_alphabetic()) {
            break;
        }
        if matches!(tld, "vn" | "com" | "net" | "org" | "info" | "gov") {
            end = Some(k + 2);
        }
        k += 2;
    }
    end
}

fn push(ctx: &Ctx<'_>, i: usize, j: usize, kind: OrgKind, out: &mut Vec<Entity>) {
    // An index name (`VN-Index`, `HNX-Index`) is no body, nor any part of it.
    if index_follows(ctx, j) {
        return;
    }
    if let Some((s, e)) = ctx.span(i, j) {
        out.push(Entity::Organization(Organization {
            span: Span::new(s, e),
            // The extractor sets the text of every survivor from its
            // span: a string made here would be copied over or dropped.
            text: String::new(),
            kind,
        }));
    }
}

/// What kind of body an organization is.
///
/// ```
/// use viet_text::entity::OrgKind;
/// assert_eq!(serde_json::to_string(&OrgKind::MassOrganization).unwrap(), "\"mass_organization\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// State organs: ministries, people's committees, departments.
    Government,
    /// Party bodies.
    Party,
    /// The Fatherland Front and mass organizations.
    MassOrganization,
    /// Companies, plants, cooperatives.
    Company,
    /// Banks.
    Bank,
    /// Schools, universities, institutes.
    Education,
    /// Hospitals, clinics.
    Health,
    /// Army and police units.
    Military,
    /// News outlets.
    Media,
    /// Funds, clubs, exchanges and everything else.
    Other,
}

/// A named body.
///
/// ```
/// use viet_text::entity::{OrgKind, Organization};
/// let o = Organization { span: viet_text::Span::new(0, 4), text: "UBND".into(), kind: OrgKind::Government };
/// assert!(serde_json::to_string(&o).unwrap().ends_with(r#""kind":"government"}"#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organization {
    /// Byte span in the input.
    #[serde(flatten)]
    pub span: Span,
    /// The input at `span`.
    pub text: String,
    /// What kind of body.
    pub kind: OrgKind,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The starts of the bitmap walk are those of the plain scan.
    fn same_domain_starts(text: &str) {
        crate::entity::names::with_builtin_ctx(text, |ctx| {
            let reference: Vec<usize> = (0..ctx.len())
                .filter(|&i| {
                    ctx.kind(i) == Some(TokenKind::Url) || ctx.glued(i + 1) && ctx.is_punct(i + 1, ".")
                })
                .collect();
            // The token walk calls at every start; the marks skip starts
            // where nothing is found.
            let found = |starts: &[usize]| -> Vec<(usize, usize)> {
                starts
                    .iter()
                    .filter_map(|&i| domain_end(ctx, i).map(|e| (i, e)))
                    .collect()
            };
            let mut walked = Vec::new();
            for_domain_starts(ctx, byte_gates(ctx.text.as_bytes()).domain, |i| walked.push(i));
            assert!(walked.windows(2).all(|w| w[0] < w[1]), "{text:?}");
            assert!(walked.iter().all(|i| reference.contains(i)), "{text:?}");
            assert_eq!(found(&walked), found(&reference), "{text:?}");
        });
    }

    proptest::proptest! {
        #[test]
        fn domain_starts_agree_with_plain_scan_on_random_text(
            text in "([a-zA-Z0-9]{1,6}|vn|com|www|http|https|\\.|:|/| |\n|,|-){0,40}"
        ) {
            same_domain_starts(&text);
        }
    }

    /// The byte test before the domain walk: SSE2 and plain agree, and
    /// no start of the walk is in a text it says has none.
    fn same_domain_gate(text: &str) {
        let bytes = text.as_bytes();
        let gate = may_have_domain(bytes);
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        assert_eq!(byte_gates_sse2(bytes), byte_gates_plain(bytes), "{text:?}");
        assert_eq!(gate, may_have_domain_plain(bytes), "{text:?}");
        if !gate {
            crate::entity::names::with_builtin_ctx(text, |ctx| {
                for i in 0..ctx.len() {
                    let next_glued = bytes
                        .get(ctx.tok(i).map_or(0, |t| t.end))
                        .is_some_and(|n| !n.is_ascii_whitespace());
                    assert!(ctx.kind(i) != Some(TokenKind::Url), "{text:?} token {i}");
                    assert!(!(ctx.is_punct(i, ".") && next_glued), "{text:?} token {i}");
                }
            });
        }
    }

    #[test]
    fn domain_gate_examples() {
        for text in [
            "",
            ".",
            ":x",
            "x.",
            "Xem www.abc.vn",
            "Xem http://abc",
            "Hết câu. Câu sau: không.",
            "Giá 1.000 đồng",
            "abcdefghijklmnop.q",
            "abcdefghijklmno.q",
            "abcdefghijklmnopqrstuvwxyzabcde:",
        ] {
            same_domain_gate(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn domain_gate_agrees_on_random_text(
            text in "([a-zA-Z0-9]{1,6}|vn|com|www|http|https|\\.|:|/| |\n|\t|,|-|ệ|đ){0,60}"
        ) {
            same_domain_gate(&text);
        }

        #[test]
        fn domain_gate_agrees_on_random_bytes(text in "[ -~\n\tàđ]{0,80}") {
            same_domain_gate(&text);
        }
    }

    /// The byte test before the ticker walk: SSE2 and plain agree, and a
    /// text it says has no code finds none.
    fn same_ticker_gate(text: &str) {
        let bytes = text.as_bytes();
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        assert_eq!(byte_gates_sse2(bytes), byte_gates_plain(bytes), "{text:?}");
        assert_eq!(has_upper_run3(bytes), has_upper_run3_plain(bytes), "{text:?}");
        if !has_upper_run3(bytes) {
            crate::entity::names::with_builtin_ctx(text, |ctx| {
                assert!((0..ctx.len()).all(|i| !ticker_shape(ctx, i)), "{text:?}");
            });
        }
    }

    /// Every length to 100 and every place of a run or a pair in it, with
    /// and without a byte breaking it: the chunk seams and the last,
    /// overlapping window of the SSE2 gates.
    #[test]
    fn byte_gates_at_every_seam() {
        for len in 0..=100 {
            for at in 0..len {
                for (mark, fill) in [
                    ("ABC", b'a'),
                    ("AB", b'a'),
                    ("A@_", b'a'),
                    ("[\\", b'a'),
                    (".x", b' '),
                    (":", b' '),
                    (". ", b'y'),
                    ("*x", b' '),
                    (">", b'-'),
                ] {
                    let mut text = vec![fill; len];
                    for (k, &b) in mark.as_bytes().iter().enumerate() {
                        if let Some(slot) = text.get_mut(at + k) {
                            *slot = b;
                        }
                    }
                    let text = String::from_utf8(text).unwrap_or_default();
                    same_ticker_gate(&text);
                    same_domain_gate(&text);
                }
            }
        }
    }

    /// The register-built tail equals the bytes padded with zeros, at
    /// every length to 16.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[test]
    fn padded_reads_are_the_bytes_then_zeros() {
        let src: Vec<u8> = (1..=16u8).map(|b| b.wrapping_mul(37) | 1).collect();
        for n in 0..=16 {
            let b = src.get(..n).unwrap_or(&[]);
            let mut want = [0u8; 16];
            want.get_mut(..n).unwrap_or(&mut []).copy_from_slice(b);
            let got: [u8; 16] = padded_m128i(b).into();
            assert_eq!(got, want, "length {n}");
        }
    }

    #[test]
    fn ticker_gate_examples() {
        for text in [
            "",
            "AB",
            "ABC",
            "xABC",
            "AB C",
            "abcdefghijklmnABC",
            "abcdefghijklmnoABC",
            "abcdefghijklmnopABC",
            "abcdefghijklmnAB",
            "cổ phiếu HPG tăng",
            "Cổ phiếu Ậ ẬẬ",
        ] {
            same_ticker_gate(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn ticker_gate_agrees_on_random_text(text in "[A-Da-c \\[@Z\n1ẬĐ]{0,70}") {
            same_ticker_gate(&text);
        }
    }

    /// `Ctx::word_lower_is` answers as `to_lowercase` does.
    fn same_lower(text: &str, words: &[&str]) {
        crate::entity::names::with_builtin_ctx(text, |ctx| {
            for i in 0..=ctx.len() {
                let lower = ctx.word(i).to_lowercase();
                for w in words.iter().copied().chain([lower.as_str(), ctx.word(i)]) {
                    assert_eq!(ctx.word_lower_is(i, w), lower == w, "{text:?} token {i} vs {w:?}");
                }
            }
        });
    }

    const LOWER_WORDS: [&str; 12] = [
        "mã", "bạn", "cổ", "phiếu", "ck", "chứng", "khoán", "", "Mã", "σ", "ς", "i\u{307}",
    ];

    #[test]
    fn word_lower_is_agrees_with_to_lowercase() {
        for text in [
            "Mã cổ phiếu HPG, MÃ CK VNM, mã chứng khoán FPT; bạn Bạn BẠN ban",
            "ΟΔΟΣ Σ σ ς İstanbul MĀ ma\u{303} ",
            "",
        ] {
            same_lower(text, &LOWER_WORDS);
        }
    }

    proptest::proptest! {
        #[test]
        fn word_lower_is_agrees_with_to_lowercase_on_random_text(
            text in "[a-zA-Z ãÃạẠđĐσςΣİ\u{303}\u{307}.,]{0,40}"
        ) {
            same_lower(&text, &LOWER_WORDS);
        }
    }

    /// `parse` (gated by the ORG/HEAD bits) answers as the readings
    /// without the gate at every token, and `title_ending_at` (gated by the
    /// TITLE bits) as the walk over every hit of the six tokens before.
    fn same_parse(text: &str) {
        crate::entity::names::with_builtin_ctx(text, |ctx| {
            for i in 0..=ctx.len() + 1 {
                for depth in 0..3 {
                    assert_eq!(
                        parse(ctx, i, depth),
                        parse_readings(ctx, i, depth),
                        "{text:?} token {i}"
                    );
                }
                let title = (i.saturating_sub(6)..i).find_map(|k| {
                    ctx.hits_at(k)
                        .find(|(end, e)| *end == i && e.title.is_some())
                        .and_then(|(_, e)| e.title.map(|c| (k, c)))
                });
                assert_eq!(ctx.title_ending_at(i), title, "{text:?} token {i}");
            }
        });
    }

    #[test]
    fn gated_parse_and_title_end_agree_with_the_ungated() {
        for text in [
            "",
            "Bộ",
            "Phó Giám đốc Sở Y tế tỉnh Lào Cai Lê Văn A nói. Bộ trưởng Bộ Công Thương",
            "Ông Nguyễn Văn A, nguyên Giám đốc Công ty CP Sữa Việt Nam (Vinamilk), \
             Chủ tịch UBND tỉnh Quảng Ninh; Ngân hàng TMCP Ngoại thương, Đảng ủy Khối cơ quan tỉnh",
            "(Tổng giám đốc EduNext, Đại sứ Việt Nam tại Nhật Bản) Trường Đại học Bách khoa Hà Nội",
        ] {
            same_parse(text);
        }
        let Some(wiki) = crate::entity::names::shared_viwiki() else {
            return;
        };
        for line in wiki.lines().take(1500) {
            same_parse(line);
        }
        crate::entity::names::each_shared_news_text(same_parse);
    }

    proptest::proptest! {
        #[test]
        fn gated_parse_agrees_on_random_text(
            text in "(Bộ|bộ|Sở|Công ty|Giám đốc|Chủ tịch|Ngân hàng|UBND|tỉnh|Hà Nội|Lê|Văn|A|nguyên|,|\\(|\\)|\\.| |\n){0,30}"
        ) {
            same_parse(&text);
        }
    }

    #[test]
    fn domain_starts_agree_with_plain_scan() {
        for text in [
            "",
            ".",
            "a.b",
            "Theo báo điện tử vnexpress.net và https://tuoitre.vn/a.html, Dân trí.com.vn đưa tin.",
            "Xem https://a.vn. Trang thanhnien.vn.\nhttps://b.vn.c hôm nay.",
            "Ông A. Nguyễn nói: www.hanoimoi.com.vn. x.y.z",
            "http://localhost:8080 và HTTP://A.VN/x. Báo.vn.\nBáo Dân trí.com.vn.",
            "vnexpress.net.\tchinhphu.vn.vn a.vn.\u{a0}b.com",
        ] {
            same_domain_starts(text);
        }
        let Some(wiki) = crate::entity::names::shared_viwiki() else {
            return;
        };
        for line in wiki.lines().take(2000) {
            same_domain_starts(line);
        }
        // News texts (quotes, links, stock codes), whole and line by line.
        crate::entity::names::each_shared_news_text(|text| {
            same_domain_starts(text);
            for line in text.lines() {
                same_domain_starts(line);
            }
        });
    }
}
