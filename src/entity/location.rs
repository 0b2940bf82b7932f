//! Locations: `Quảng Ninh`, `phường Hòa Lạc`, `TP Đông Hà`.
//!
//! A location is an admin prefix with the capitalized name after it
//! (`phường Hòa Lạc`, `TP.Đông Hà`, `Tổ dân phố 7`), a known place
//! (the provinces before and after 1 July 2025, countries, regions), or a
//! name that an earlier prefix introduced in the same text (`huyện Yên
//! Lạc` … `Yên Lạc`). Lists that share one plural prefix (`các xã An
//! Phú, An Lạc và An Hòa`) give one location per member.

use super::names::{Ctx, Marks};
use super::Entity;
use crate::lexicon::cat;
use crate::span::Span;
use crate::token::TokenKind;
use serde::Serialize;
use std::collections::HashMap;

/// Longest place name after a prefix, in syllables.
const MAX_PLACE: usize = 4;

/// The end of the place name after an admin prefix ending at `i`.
///
/// With `person_guard` (the body is part of a title: `Phó Chủ tịch UBND
/// tỉnh Lê Văn A`), a surname-led run is the person, not the place.
pub(crate) fn name_after_prefix(ctx: &Ctx<'_>, i: usize, num_ok: bool, person_guard: bool) -> Option<usize> {
    if i >= ctx.len() || ctx.stops_at_break(i) {
        return None;
    }
    let place = ctx.place(i);
    if let Some((_, e)) = place {
        // A region after a prefix word (`tỉnh miền núi phía Bắc`) is not its name.
        if e.place == Some(LocationKind::Other) && !ctx.is_upper_start(i) {
            return None;
        }
    }
    if num_ok && ctx.kind(i) == Some(TokenKind::Number) {
        return Some(i + 1);
    }
    if person_guard && place.is_none() && ctx.has(i, cat::SURNAME) && (2..=4).contains(&run_len(ctx, i)) {
        return None;
    }
    let mut run = name_run(ctx, i);
    // A lone capital letter is a zone label (`khu A`), not a name.
    if run == i + 1 && ctx.tok(i).is_some_and(|t| t.case != super::names::Case::Title) {
        run = i;
    }
    // In an all-caps headline the run cannot tell the name from the words
    // after it: a known place ends there.
    let caps = ctx.tok(i).is_some_and(|t| t.caps_line);
    let end = place.map_or(run, |(pe, _)| if caps { pe } else { pe.max(run) });
    (end > i).then_some(end)
}

/// A run of capitalized syllables from `i` that reads as one place name.
fn name_run(ctx: &Ctx<'_>, i: usize) -> usize {
    let mut k = i;
    while k < ctx.len() && k - i < MAX_PLACE && ctx.is_namecap(k) {
        if k > i {
            if ctx.stops_at_break(k) || ctx.is_stop(k) {
                break;
            }
            // Another body, title, prefix or place begins: the name ended.
            if ctx.has(k, cat::HEAD | cat::ORG | cat::TITLE)
                || ctx.prefix(k).is_some_and(|(pe, _, _)| {
                    // A capitalized prefix word inside a capitalized name is a
                    // syllable of it (`TP Buôn Ma Thuột`).
                    ctx.is_namecap(pe) && (!ctx.is_upper_start(k) || ctx.tok(k).is_some_and(|t| t.caps_line))
                })
                || ctx.place(k).is_some_and(|(pe, _)| pe > k + 1)
            {
                break;
            }
            // A person's name after the place (`tỉnh Quảng Ninh Cao Tường Huy`).
            if ctx.has(k, cat::SURNAME) && run_len(ctx, k) >= 2 {
                break;
            }
        }
        if ctx.is_stop(k) {
            break;
        }
        k += 1;
    }
    // A capital letter or Roman numeral glued by a space at the end
    // (`Sơn Lôi A`) is already inside; a trailing number is not.
    k
}

fn run_len(ctx: &Ctx<'_>, i: usize) -> usize {
    let mut k = i;
    while k < ctx.len() && ctx.is_namecap(k) && !(k > i && ctx.breaks_before(k)) {
        k += 1;
    }
    k - i
}

fn is_plural(w: &str) -> bool {
    matches!(
        w,
        "các" | "những" | "hai" | "ba" | "bốn" | "năm" | "nhiều" | "mọi" | "số" | "cả"
    )
}

/// The places an admin prefix named, for their bare mentions later: the
/// answers of a map from each name's [`Ctx::key_bytes`] to its kind (the
/// last kind given a key wins), kept as token ranges with the hashes of
/// their first token's key and of their whole key, so that remembering or
/// asking builds no key bytes and hashes none with SipHash. A range is
/// looked up by its range hash, then compared word by word (equal words of
/// equal kinds have equal keys) or by key bytes, from the last remembered.
/// A document remembers one to three places mostly: they are searched one
/// by one (no hash map or set is made: ~1,300 instructions a document
/// that remembers a place), past [`Places::INDEXED`] through hash maps, so
/// that long texts stay linear. Where some token key of the document holds
/// a space the range hashes say too little: the key-bytes map answers.
#[derive(Default)]
struct Places {
    /// Every range remembered, in order.
    all: Vec<Place>,
    /// The hashes of `all` past [`Places::INDEXED`] ranges (rare: out of
    /// line, so that a small memory is cheap to make and drop).
    index: Option<Box<PlaceIndex>>,
    /// The map itself, for a document with spaced keys (made at its first
    /// insert). Keyed by the document's own text, so with the standard
    /// seeded hasher: a fixed one would let a crafted document collide its
    /// keys.
    spaced: Option<Box<SpacedPlaces>>,
}

/// [`Places::spaced`]'s map (boxed: rare, and a seeded map is large).
#[derive(Default)]
struct SpacedPlaces(HashMap<Vec<u8>, LocationKind>);

/// A remembered range `[a, b)` of [`Places`] and its hashes.
struct Place {
    /// [`Ctx::key_hash`] of the first token.
    first: u64,
    /// [`Ctx::range_hash`] of the range.
    range: u64,
    a: usize,
    b: usize,
    kind: LocationKind,
}

/// The hash look-ups of a long [`Places`].
#[derive(Default)]
struct PlaceIndex {
    /// The first tokens' key hashes.
    firsts: std::collections::HashSet<u64, crate::lexicon::FastBuild>,
    /// Each range hash and the position in `all` of the last range with it.
    by_hash: HashMap<u64, usize, crate::lexicon::FastBuild>,
}

impl Places {
    /// Ranges searched one by one; past this many, through the index.
    const INDEXED: usize = 16;

    fn insert(&mut self, ctx: &Ctx<'_>, a: usize, b: usize, kind: LocationKind) {
        if ctx.spaced() {
            self.spaced
                .get_or_insert_with(Box::default)
                .0
                .insert(ctx.key_bytes(a, b), kind);
            return;
        }
        let (first, range) = (ctx.key_hash(a), ctx.range_hash(a, b));
        self.all.push(Place {
            first,
            range,
            a,
            b,
            kind,
        });
        if self.all.len() > Places::INDEXED {
            let index = self.index.get_or_insert_with(Box::default);
            if index.by_hash.is_empty() {
                for (n, p) in self.all.iter().enumerate() {
                    index.firsts.insert(p.first);
                    index.by_hash.insert(p.range, n);
                }
            } else {
                index.firsts.insert(first);
                index.by_hash.insert(range, self.all.len() - 1);
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.all.is_empty() && self.spaced.as_ref().map_or(true, |m| m.0.is_empty())
    }

    /// False only when no remembered key is the key of `[i, i + len)` for
    /// a `len` in `1..=n` (always true in a document with spaced keys).
    fn may_match(&self, ctx: &Ctx<'_>, i: usize, n: usize) -> bool {
        if ctx.spaced() {
            return true;
        }
        if i >= ctx.len() {
            return false;
        }
        let first = ctx.key_hash(i);
        if let Some(index) = &self.index {
            return index.firsts.contains(&first)
                && (1..=n)
                    .take_while(|len| i + len <= ctx.len())
                    .any(|len| index.by_hash.contains_key(&ctx.range_hash(i, i + len)));
        }
        // A remembered key of `len` tokens is the key of `[i, i + len)`
        // only when their first tokens' keys and their range hashes agree.
        self.all.iter().any(|p| {
            let len = p.b - p.a;
            p.first == first
                && (1..=n).contains(&len)
                && i + len <= ctx.len()
                && ctx.range_hash(i, i + len) == p.range
        })
    }

    /// The kind remembered last for the key of tokens `[i, j)`.
    fn get(&self, ctx: &Ctx<'_>, i: usize, j: usize) -> Option<LocationKind> {
        if ctx.spaced() {
            return self
                .spaced
                .as_ref()?
                .0
                .get(ctx.key_bytes(i, j).as_slice())
                .copied();
        }
        let h = ctx.range_hash(i, j);
        if let Some(index) = &self.index {
            let p = self.all.get(*index.by_hash.get(&h)?)?;
            if same_keys(ctx, p.a, p.b, i, j) {
                return Some(p.kind);
            }
            // Another key with the same hash was remembered last.
        }
        self.all
            .iter()
            .rev()
            .find(|p| p.range == h && same_keys(ctx, p.a, p.b, i, j))
            .map(|p| p.kind)
    }
}

/// Whether tokens `[x, y)` and `[a, b)` have the same key: equal words of
/// equal kinds have, else the key bytes are compared.
fn same_keys(ctx: &Ctx<'_>, x: usize, y: usize, a: usize, b: usize) -> bool {
    (y - x == b - a
        && (0..b - a).all(|k| ctx.kind(x + k) == ctx.kind(a + k) && ctx.word(x + k) == ctx.word(a + k)))
        || ctx.key_bytes(x, y) == ctx.key_bytes(a, b)
}

/// Finds locations.
pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Entity>) {
    // Every location starts at a prefix or a known place (the bare
    // mentions repeat names a prefix introduced): none, nothing to do.
    if !ctx.present(cat::PREFIX | cat::PLACE) {
        return;
    }
    // Names an admin prefix introduced, as token ranges with the hashes of
    // their keys, for the bare-mention pass: made at the first such name
    // (most documents have none, and an empty memory is a call to drop).
    let mut memory: Option<Places> = None;
    let mut found = Marks::new(ctx.len());
    let mut i = 0;
    while i < ctx.len() {
        i = ctx.next_with(i, cat::PREFIX | cat::PLACE);
        if i >= ctx.len() {
            break;
        }
        if let Some((pend, kind, num_ok)) = ctx.prefix(i) {
            // An abbreviated or lower-case prefix needs a name; a capitalized
            // full word at a sentence start too.
            // After a body or a post (`Chủ tịch UBND tỉnh Lê Văn A`) a
            // surname-led run is the person, not the place.
            let guard = after_body_or_post(ctx, i);
            if let Some(end) = name_after_prefix(ctx, pend, num_ok, guard) {
                let end = name_tail(ctx, end, kind);
                // Shared plural prefix: `các xã A, B và C`, `8 tỉnh …`.
                let plural =
                    i > 0 && (is_plural(ctx.word(i - 1)) || ctx.kind(i - 1) == Some(TokenKind::Number));
                // A plural or counted prefix before a region (`các tỉnh Tây
                // Nguyên`, `8 tỉnh Tây Bắc`) stays outside: the units are not
                // named, the region is.
                let region = ctx
                    .place(pend)
                    .and_then(|(pe, pl)| (pe == end).then_some(pl.place))
                    .flatten()
                    .filter(|k| *k != kind && *k == LocationKind::Other);
                match region.filter(|_| plural && ctx.word(i - 1) != "năm") {
                    Some(region) => push(ctx, pend, end, region, out),
                    None => push(ctx, i, end, kind, out),
                }
                found.push((i, end));
                if ctx.kind(pend) != Some(TokenKind::Number) {
                    memory
                        .get_or_insert_with(Places::default)
                        .insert(ctx, pend, end, region.unwrap_or(kind));
                }
                let mut k = end;
                while plural
                    && (ctx.is_punct(k, ",") || ctx.word_in(k, &["và"]))
                    && !ctx.stops_at_break(k + 1)
                {
                    let e2 = name_after_prefix(ctx, k + 1, false, false);
                    match e2 {
                        Some(e2) if ctx.is_namecap(k + 1) && ctx.prefix(k + 1).is_none() => {
                            // A known place keeps its own kind (`các tỉnh Quảng Ninh, Hải Phòng`).
                            let kind = match ctx.place(k + 1) {
                                Some((pe, pl)) if pe == e2 => pl.place.unwrap_or(kind),
                                _ => kind,
                            };
                            push(ctx, k + 1, e2, kind, out);
                            memory
                                .get_or_insert_with(Places::default)
                                .insert(ctx, k + 1, e2, kind);
                            k = e2;
                        }
                        _ => break,
                    }
                }
                i = k.max(i + 1);
                continue;
            }
        }
        // A name after a credit word is the author (`Nguồn: Thái Bình`).
        let credited = i >= 2 && ctx.is_punct(i - 1, ":") && ctx.has(i - 2, cat::CREDIT);
        // `ông Đức`: a one-syllable place name after an honorific is a person.
        // The known place at `i`, looked up once for both uses below.
        let place = ctx.place(i);
        let credited = credited
            || place.is_some_and(|(pe, _)| pe == i + 1)
                && ctx
                    .tok(i)
                    .is_some_and(|t| t.kind == TokenKind::Syllable && t.case == super::names::Case::Title)
                && matches!(
                    ctx.title_ending_at(i),
                    // `nước bạn Lào`: `bạn` introduces full names only.
                    Some((k, crate::lexicon::TitleClass::Honorific)) if ctx.word(k) != "bạn"
                );
        if let Some((end, e)) = place.filter(|_| !credited) {
            let kind = e.place.unwrap_or(LocationKind::Other);
            push(ctx, i, end, kind, out);
            found.push((i, end));
            i = siblings(ctx, i, end, kind, out, &mut found);
            continue;
        }
        i += 1;
    }
    // Bare mentions of names an earlier prefix introduced.
    let Some(memory) = memory.filter(|m| !m.is_empty()) else {
        return;
    };
    let mut i = 0;
    while i < ctx.len() {
        // Only a name-cap token starts a bare mention.
        i = ctx.next_namecap(i);
        if i >= ctx.len() {
            break;
        }
        if ctx.is_namecap(i) && !(i > 0 && ctx.is_namecap(i - 1) && !ctx.breaks_before(i)) {
            let mut hit = None;
            // A remembered name starts with this token's key (unless the
            // key holds a space of its own).
            if !memory.may_match(ctx, i, MAX_PLACE) {
                i += 1;
                continue;
            }
            for len in (1..=MAX_PLACE).rev() {
                let j = i + len;
                if j > ctx.len() || (j < ctx.len() && ctx.is_namecap(j) && !ctx.breaks_before(j)) {
                    continue;
                }
                // (The key is built only for a range whose hash is
                // remembered: mostly one, the one that matches.)
                if let Some(kind) = memory.get(ctx, i, j) {
                    hit = Some((j, kind));
                    break;
                }
            }
            if let Some((j, kind)) = hit {
                if !found.contains(i) {
                    push(ctx, i, j, kind, out);
                }
                i = j;
                continue;
            }
        }
        i += 1;
    }
}

/// Whether a body (`UBND`, `Công an`) or a post title ends right before token `i`.
fn after_body_or_post(ctx: &Ctx<'_>, i: usize) -> bool {
    // Written with a capital (`UBND`, `Sở`, `Chủ tịch`): a lower-case `bộ`
    // (`toàn bộ tỉnh …`) is no body.
    (i.saturating_sub(4)..i).any(|k| {
        ctx.is_upper_start(k)
            && ctx.hits_at(k).any(|(end, e)| {
                end == i
                    && (e.org.is_some()
                        || e.head.is_some()
                        || e.title == Some(crate::lexicon::TitleClass::Post))
            })
    })
}

/// What may follow the name after a prefix: the second part of a ward or
/// commune of the July 2025 map (`phường Xuân Hòa - Sa Pa`), a number
/// after a venue (`khu công nghiệp Tân Phú 2`).
fn name_tail(ctx: &Ctx<'_>, end: usize, kind: LocationKind) -> usize {
    match kind {
        LocationKind::Ward | LocationKind::Commune
            if ctx.word_in(end, &["-", "–"])
                && !ctx.glued(end)
                && !ctx.glued(end + 1)
                && !ctx.stops_at_break(end + 1)
                && ctx.is_namecap(end + 1) =>
        {
            let run = name_run(ctx, end + 1);
            let e = ctx.place(end + 1).map_or(run, |(pe, _)| pe.max(run));
            if e > end + 1 {
                e
            } else {
                end
            }
        }
        LocationKind::Other
            if ctx.kind(end) == Some(TokenKind::Number)
                && ctx.word(end).len() <= 2
                && !ctx.stops_at_break(end)
                && (!ctx.is_lowerish(end + 1) || ctx.is_stop(end + 1)) =>
        {
            end + 1
        }
        _ => end,
    }
}

/// A capitalized run at `i` that may be a place the gazetteer does not
/// know: one to three syllables, no person, body, title or prefix.
fn bare_place(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
    if ctx.stops_at_break(i) || !ctx.is_namecap(i) || ctx.prefix(i).is_some() {
        return None;
    }
    if let Some((pe, _)) = ctx.place(i) {
        return Some(pe);
    }
    let j = name_run(ctx, i);
    let person = ctx.has(i, cat::SURNAME) && j - i >= 2;
    let other = (i..j).any(|k| {
        ctx.any(k, |e| {
            e.head.is_some() || e.org.is_some() || e.title.is_some() || e.person
        })
    });
    let more = j < ctx.len() && ctx.is_namecap(j);
    ((1..=3).contains(&(j - i)) && !(person || other || more)).then_some(j)
}

/// Places named with a known one: the rest of a list (`Bangkok, Chonburi
/// và Songkhla`, the list closed by `và`/`hoặc`) and the end of a route
/// (`từ Huế đến Lăng Cô`). Returns the token after the last one taken.
fn siblings(
    ctx: &Ctx<'_>,
    i: usize,
    end: usize,
    kind: LocationKind,
    out: &mut Vec<Entity>,
    found: &mut Marks,
) -> usize {
    // Route: `từ A đến/tới/lên/về/ra B`.
    if i > 0 && ctx.word_in(i - 1, &["từ"]) && ctx.word_in(end, &["đến", "tới", "lên", "về", "ra", "vào"])
    {
        if let Some(j) = bare_place(ctx, end + 1) {
            if ctx.place(end + 1).is_none() {
                push(ctx, end + 1, j, LocationKind::Other, out);
                found.push((end + 1, j));
            }
            return end;
        }
        return end;
    }
    // List: members joined by `,` and closed by `và`/`hoặc` + a member.
    let mut members = Vec::new();
    let mut k = end;
    let mut closed = false;
    while members.len() < 8 && (ctx.is_punct(k, ",") || ctx.word_in(k, &["và", "hoặc"])) {
        let last = ctx.word(k) != ",";
        let Some(j) = bare_place(ctx, k + 1) else { break };
        members.push((k + 1, j));
        k = j;
        if last {
            closed = true;
            break;
        }
    }
    if !closed || members.iter().all(|&(a, _)| ctx.place(a).is_some()) {
        return end;
    }
    for (a, b) in members {
        let known = ctx
            .place(a)
            .and_then(|(pe, e)| (pe == b).then_some(e.place).flatten());
        push(ctx, a, b, known.unwrap_or(kind), out);
        found.push((a, b));
    }
    k
}

fn push(ctx: &Ctx<'_>, i: usize, j: usize, kind: LocationKind, out: &mut Vec<Entity>) {
    if let Some((s, e)) = ctx.span(i, j) {
        out.push(Entity::Location(Location {
            span: Span::new(s, e),
            // The extractor sets the text of every survivor from its
            // span: a string made here would be copied over or dropped.
            text: String::new(),
            kind,
        }));
    }
}

/// What kind of place.
///
/// ```
/// use viet_text::entity::LocationKind;
/// assert_eq!(serde_json::to_string(&LocationKind::Ward).unwrap(), "\"ward\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationKind {
    /// A country.
    Country,
    /// A province (`tỉnh`).
    Province,
    /// A city (`thành phố`, `TP`).
    City,
    /// A district (`quận`, `huyện`, `thị xã`).
    District,
    /// A ward (`phường`).
    Ward,
    /// A commune (`xã`, `thị trấn`).
    Commune,
    /// A village (`thôn`, `xóm`, `bản`, `ấp`, `làng`).
    Village,
    /// Venues, regions and other places.
    Other,
}

/// A named place.
///
/// ```
/// use viet_text::entity::{Location, LocationKind};
/// let l = Location { span: viet_text::Span::new(0, 3), text: "Huế".into(), kind: LocationKind::City };
/// assert!(serde_json::to_string(&l).unwrap().ends_with(r#""kind":"city"}"#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    /// Byte span in the input.
    #[serde(flatten)]
    pub span: Span,
    /// The input at `span`.
    pub text: String,
    /// What kind of place.
    pub kind: LocationKind,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::names::{ask_ranges_on_texts, insert_and_ask_ranges};

    /// [`Places`] answers as the map from key bytes to kinds it stands
    /// for: after each insert (kinds changing, so the last one must win)
    /// every range of up to four tokens is asked.
    fn same_answers(text: &str, step: usize) {
        let kinds = [LocationKind::Province, LocationKind::Commune, LocationKind::Other];
        let mut sets = (Places::default(), HashMap::<Vec<u8>, LocationKind>::new());
        insert_and_ask_ranges(
            text,
            step,
            &mut sets,
            |(fast, slow), ctx, a, b, round| {
                let kind = kinds[round % kinds.len()];
                fast.insert(ctx, a, b, kind);
                slow.insert(ctx.key_bytes(a, b), kind);
                assert_eq!(fast.is_empty(), slow.is_empty());
            },
            |(fast, slow), ctx, i, j| {
                assert_eq!(
                    fast.get(ctx, i, j),
                    slow.get(ctx.key_bytes(i, j).as_slice()).copied(),
                    "{text:?} [{i}, {j})"
                );
                // No range from `i` may match: none of up to four tokens does.
                if !fast.may_match(ctx, i, MAX_PLACE) {
                    for len in 1..=MAX_PLACE {
                        if i + len <= ctx.len() {
                            assert_eq!(
                                slow.get(ctx.key_bytes(i, i + len).as_slice()),
                                None,
                                "{text:?} {i}"
                            );
                        }
                    }
                }
            },
        );
    }

    #[test]
    fn places_answer_as_a_key_map() {
        let long = "phường Hòa Lạc, xã An Phú và thị trấn Mạo Khê gặp nhau. ".repeat(10);
        ask_ranges_on_texts(
            &[
                "",
                "xã Yên Lạc, Yên Lạc, YÊN LẠC, yên lạc, Yen Lac; huyện Thanh Hoá và Thanh Hóa, Thanh Ho\u{301}a.",
                "tỉnh Quảng Ninh Quảng Ninh Hạ Long TP.Hạ Long https://a.vn https://b.vn a@b.vn c@d.vn",
            ],
            &long,
            same_answers,
        );
    }

    #[test]
    fn places_survive_a_hash_collision() {
        crate::entity::names::with_builtin_ctx("xã Yên Lạc và xã An Phú", |ctx| {
            assert_eq!((ctx.word(1), ctx.word(6)), ("Yên", "Phú"));
            let mut places = Places::default();
            places.insert(ctx, 1, 3, LocationKind::Commune);
            places.insert(ctx, 5, 7, LocationKind::Ward);
            // As if `An Phú` had been remembered again, with the hash of `Yên
            // Lạc`: the search goes on past it to `Yên Lạc`, from the last.
            let (first, range) = (ctx.key_hash(5), ctx.range_hash(1, 3));
            let twin = |kind| Place {
                first,
                range,
                a: 5,
                b: 7,
                kind,
            };
            places.all.push(twin(LocationKind::Other));
            let ask = |places: &Places| {
                assert_eq!(places.get(ctx, 1, 3), Some(LocationKind::Commune));
                assert_eq!(places.get(ctx, 5, 7), Some(LocationKind::Ward));
                assert_eq!(places.get(ctx, 4, 6), None);
                assert!(places.may_match(ctx, 1, MAX_PLACE) && places.may_match(ctx, 5, MAX_PLACE));
                assert!(!places.may_match(ctx, 4, MAX_PLACE));
            };
            ask(&places);
            // The same through the index: the map keeps the last range of a
            // hash, so `Yên Lạc` is found by the search.
            while places.index.is_none() {
                places.all.push(twin(LocationKind::Other));
                places.insert(ctx, 5, 7, LocationKind::Ward);
            }
            assert_eq!(places.all.len(), Places::INDEXED + 1);
            ask(&places);
        });
    }

    proptest::proptest! {
        #[test]
        fn places_answer_as_a_key_map_on_random_text(
            text in "(Hà|hà|HÀ|Ha\u{300}|Nội|nội|An|an|Lạc|lạc|x@y.vn|a.vn|,|\\.| ){0,30}"
        ) {
            same_answers(&text, 1);
        }
    }
}
