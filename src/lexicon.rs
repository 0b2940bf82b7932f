//! Word lists embedded from `data/` and matched fast.
//!
//! Two kinds of lists live here: the dotted abbreviations the tokenizer
//! needs, and the name lexicons the entity recognizers use (provinces and
//! countries, admin prefixes, organization names and head words, program
//! triggers, surnames, titles, and a stop list of words that end a name).
//!
//! Name lexicons are matched on [`name_key`]s: each token is lower-cased,
//! decomposed, and its tone mark moved to the end of the token, so the old
//! and new tone placements (`Thanh Hoá`, `Thanh Hóa`), decomposed input and
//! all-caps text all give one key.
//!
//! ```
//! use viet_text::lexicon::name_key;
//! assert!(viet_text::lexicon::is_dotted_abbreviation("TP."));
//! assert_eq!(name_key("Thanh Hoá"), name_key("THANH HÓA"));
//! assert_eq!(name_key("Thanh Hoá"), name_key("Thanh Ho\u{0301}a"));
//! ```

use crate::entity::{LocationKind, OrgKind, ProgramKind};
use crate::token::{tokenize, TokenKind};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

static DOTTED_ABBREVIATIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("../data/abbreviations.txt")).collect());

/// The entries of an embedded data file: one per line, `#` starts a comment
/// line, surrounding white space trimmed, empty lines skipped.
///
/// ```
/// let v: Vec<_> = viet_text::lexicon::entries("# header\nTP.\n\n TS. \n").collect();
/// assert_eq!(v, ["TP.", "TS."]);
/// ```
pub fn entries(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Whether `word` (with its final dot) is a known abbreviation written with
/// dots, such as `TP.`, `TS.`, `PGS.TS.` or `v.v.`.
///
/// ```
/// assert!(viet_text::lexicon::is_dotted_abbreviation("ThS."));
/// assert!(!viet_text::lexicon::is_dotted_abbreviation("nhà."));
/// ```
pub fn is_dotted_abbreviation(word: &str) -> bool {
    DOTTED_ABBREVIATIONS.contains(word)
}

/// Tone marks (U+0300 grave, U+0301 acute, U+0303 tilde, U+0309 hook above,
/// U+0323 dot below).
fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}')
}

/// The key of one character: lower-case letters without the tone mark
/// (at most three characters), and the tone mark.
#[derive(Clone, Default)]
struct KeyChar {
    /// The key text of the character (lower case, decomposed, no tone).
    text: String,
    tone: Option<char>,
    upper: bool,
    lower: bool,
}

/// Letter-case counts of a token, gathered while its key is written.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CaseInfo {
    /// Upper-case letters.
    pub upper: u32,
    /// Lower-case letters.
    pub lower: u32,
    /// The first letter is upper case.
    pub first_upper: bool,
    /// An upper-case letter comes after a lower-case one (`iPhone`).
    pub inner_upper: bool,
}

impl CaseInfo {
    fn add(&mut self, upper: bool, lower: bool) {
        if upper {
            if self.upper == 0 && self.lower == 0 {
                self.first_upper = true;
            } else if self.lower > 0 {
                self.inner_upper = true;
            }
            self.upper += 1;
        } else if lower {
            self.lower += 1;
        }
    }
}

fn key_char(c: char) -> KeyChar {
    let c = match c {
        '–' | '—' | '‒' | '−' => '-',
        '’' | '‘' | 'ʼ' | '`' => '\'',
        c => c,
    };
    let mut k = KeyChar {
        upper: c.is_uppercase(),
        lower: c.is_lowercase(),
        ..KeyChar::default()
    };
    unicode_normalization::char::decompose_canonical(c, |d| {
        if is_tone_mark(d) {
            k.tone = Some(d);
        } else {
            k.text.extend(d.to_lowercase());
        }
    });
    k
}

/// First code point of the precomputed table: Latin-1 letters up to the
/// Vietnamese letters of Latin Extended Additional.
const TABLE_START: u32 = 0xC0;
const TABLE_END: u32 = 0x1F00;

static KEY_TABLE: LazyLock<Vec<KeyChar>> = LazyLock::new(|| {
    (TABLE_START..TABLE_END)
        .map(|u| char::from_u32(u).map(key_char).unwrap_or_default())
        .collect()
});

/// Appends the key of one token to `out`: lower case, canonical
/// decomposition, tone mark moved to the end, dashes and apostrophes
/// unified. Allocates nothing beyond `out`'s growth.
pub(crate) fn push_token_key(token: &str, out: &mut String) -> CaseInfo {
    let mut tone = None;
    let mut case = CaseInfo::default();
    let table = &*KEY_TABLE;
    for c in token.chars() {
        if c.is_ascii() {
            case.add(c.is_ascii_uppercase(), c.is_ascii_lowercase());
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let u = c as u32;
        let in_table = (TABLE_START..TABLE_END).contains(&u);
        let (upper, lower, t) = match table
            .get((u.wrapping_sub(TABLE_START)) as usize)
            .filter(|_| in_table)
        {
            Some(k) => {
                out.push_str(&k.text);
                (k.upper, k.lower, k.tone)
            }
            None => {
                let k = key_char(c);
                out.push_str(&k.text);
                (k.upper, k.lower, k.tone)
            }
        };
        case.add(upper, lower);
        if t.is_some() {
            tone = t;
        }
    }
    if let Some(t) = tone {
        out.push(t);
    }
    case
}

/// The lookup key of a name: its tokens' keys joined by single spaces.
/// Case, Unicode form, tone-mark placement and spacing around dashes do
/// not change the key; letters and tones do.
///
/// ```
/// use viet_text::lexicon::name_key;
/// assert_eq!(name_key("Khánh Hòa"), name_key("KHÁNH HOÀ"));
/// assert_eq!(name_key("Bà Rịa-Vũng Tàu"), name_key("Bà Rịa – Vũng Tàu"));
/// assert_ne!(name_key("Bộ"), name_key("bố"));
/// ```
pub fn name_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (n, t) in tokenize(text).enumerate() {
        if n > 0 {
            out.push(' ');
        }
        push_token_key(t.text, &mut out);
    }
    out
}

/// How a title word relates to the name after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TitleClass {
    /// Kinship, comrade, academic, rank: `ông`, `TS.`, `Đại tá`.
    Honorific,
    /// A post that may name its body before the person: `Chủ tịch UBND tỉnh`.
    Post,
}

/// How an organization head word behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeadMode {
    /// Needs its own name after it (`Sở Y tế`).
    Plain,
    /// Names a unit of the body after it (`Chi nhánh NHCSXH tỉnh`).
    Unit,
    /// Generic unless a suffix or body follows (`Ban Tổ chức` alone).
    NeedsSuffix,
}

/// Everything the lexicons say about one key.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Entry {
    /// Number of tokens.
    pub len: u8,
    /// Tokens that must be capitalized in the text for a name reading
    /// (bit i = token i), from the written form of the name lists.
    pub caps: u32,
    pub place: Option<LocationKind>,
    /// Admin prefix: its kind, and whether a bare number may follow.
    pub prefix: Option<(LocationKind, bool)>,
    pub org: Option<OrgKind>,
    pub head: Option<(OrgKind, HeadMode)>,
    pub qualifier: bool,
    pub level: bool,
    /// Program trigger: kind, and whether the trigger is part of the name.
    pub trigger: Option<(ProgramKind, bool)>,
    pub program: Option<ProgramKind>,
    pub surname: bool,
    pub title: Option<TitleClass>,
    pub stop: bool,
    /// A verb or noun that ends a name only after a complete word.
    pub weak_stop: bool,
    pub credit: bool,
    pub nonperson: bool,
    pub person: bool,
    /// A common word with an admin syllable inside (`xã hội`).
    pub word: bool,
    /// A head word that must be capitalized (`Bộ`, `Hội`).
    pub head_cap: bool,
    /// Whether `caps` was set by a list that checks capitals.
    pub caps_set: bool,
}

/// Category bits of an [`Entry`], for quick per-token tests.
pub(crate) mod cat {
    pub const PLACE: u16 = 1;
    pub const PREFIX: u16 = 1 << 1;
    pub const ORG: u16 = 1 << 2;
    pub const HEAD: u16 = 1 << 3;
    pub const TRIGGER: u16 = 1 << 4;
    pub const PROGRAM: u16 = 1 << 5;
    pub const SURNAME: u16 = 1 << 6;
    pub const TITLE: u16 = 1 << 7;
    pub const CREDIT: u16 = 1 << 8;
    pub const PERSON: u16 = 1 << 9;
    pub const STOP: u16 = 1 << 10;
}

impl Entry {
    /// The category bits of this entry.
    pub(crate) fn cats(&self) -> u16 {
        let mut c = 0;
        if self.place.is_some() {
            c |= cat::PLACE;
        }
        if self.prefix.is_some() {
            c |= cat::PREFIX;
        }
        if self.org.is_some() {
            c |= cat::ORG;
        }
        if self.head.is_some() {
            c |= cat::HEAD;
        }
        if self.trigger.is_some() {
            c |= cat::TRIGGER;
        }
        if self.program.is_some() {
            c |= cat::PROGRAM;
        }
        if self.surname {
            c |= cat::SURNAME;
        }
        if self.title.is_some() {
            c |= cat::TITLE;
        }
        if self.credit {
            c |= cat::CREDIT;
        }
        if self.person {
            c |= cat::PERSON;
        }
        if self.stop || self.weak_stop {
            c |= cat::STOP;
        }
        c
    }
}

/// The name lexicons compiled into one Aho-Corasick automaton over keys.
#[derive(Debug, Clone)]
pub(crate) struct NameLexicon {
    pub ac: AhoCorasick,
    pub entries: Vec<Entry>,
}

/// User additions to the built-in lexicons.
#[derive(Debug, Clone, Default)]
pub(crate) struct Extras<'a> {
    pub organizations: &'a [(String, OrgKind)],
    pub locations: &'a [(String, LocationKind)],
    pub program_triggers: &'a [(String, ProgramKind)],
    pub persons: &'a [String],
}

fn location_kind(s: &str) -> Option<LocationKind> {
    Some(match s {
        "country" => LocationKind::Country,
        "province" => LocationKind::Province,
        "city" => LocationKind::City,
        "district" => LocationKind::District,
        "ward" => LocationKind::Ward,
        "commune" => LocationKind::Commune,
        "village" => LocationKind::Village,
        "other" => LocationKind::Other,
        _ => return None,
    })
}

fn org_kind(s: &str) -> Option<OrgKind> {
    Some(match s {
        "government" => OrgKind::Government,
        "party" => OrgKind::Party,
        "mass_organization" => OrgKind::MassOrganization,
        "company" => OrgKind::Company,
        "bank" => OrgKind::Bank,
        "education" => OrgKind::Education,
        "health" => OrgKind::Health,
        "military" => OrgKind::Military,
        "media" => OrgKind::Media,
        "other" => OrgKind::Other,
        _ => return None,
    })
}

fn program_kind(s: &str) -> Option<ProgramKind> {
    Some(match s {
        "program" => ProgramKind::Program,
        "movement" => ProgramKind::Movement,
        "campaign" => ProgramKind::Campaign,
        "project" => ProgramKind::Project,
        "scheme" => ProgramKind::Scheme,
        "plan" => ProgramKind::Plan,
        "model" => ProgramKind::Model,
        "other" => ProgramKind::Other,
        _ => return None,
    })
}

/// Splits `name | kind flags` into the name and the words after `|`.
fn split_line(line: &str) -> (&str, Vec<&str>) {
    match line.split_once('|') {
        Some((name, rest)) => (name.trim(), rest.split_whitespace().collect()),
        None => (line.trim(), Vec::new()),
    }
}

struct Builder {
    keys: HashMap<String, Entry>,
}

impl Builder {
    fn add(&mut self, phrase: &str, strict_caps: bool, f: impl FnOnce(&mut Entry)) {
        let key = name_key(phrase);
        if key.is_empty() {
            return;
        }
        let mut len = 0u8;
        let mut caps = 0u32;
        for (i, t) in tokenize(phrase).enumerate() {
            len = len.saturating_add(1);
            if strict_caps && i < 32 && t.text.chars().next().is_some_and(char::is_uppercase) {
                caps |= 1 << i;
            }
        }
        let e = self.keys.entry(key).or_default();
        e.len = len;
        if strict_caps {
            // Variants of one key relax each other: `Trung ương` and
            // `trung ương` need no capital.
            if e.caps_set {
                e.caps &= caps;
            } else {
                e.caps = caps;
                e.caps_set = true;
            }
        }
        f(e);
    }
}

static BUILTIN: LazyLock<NameLexicon> = LazyLock::new(|| NameLexicon::build(&Extras::default()));

impl NameLexicon {
    /// The built-in lexicons (compiled once per process).
    pub(crate) fn builtin() -> NameLexicon {
        BUILTIN.clone()
    }

    /// The built-in lexicons plus the user's entries.
    pub(crate) fn build(extras: &Extras<'_>) -> NameLexicon {
        let mut b = Builder { keys: HashMap::new() };
        for line in entries(include_str!("../data/names/places.txt")) {
            let (name, rest) = split_line(line);
            let kind = rest
                .first()
                .and_then(|k| location_kind(k))
                .unwrap_or(LocationKind::Other);
            b.add(name, true, |e| e.place = Some(kind));
        }
        for line in entries(include_str!("../data/names/admin_prefixes.txt")) {
            let (name, rest) = split_line(line);
            let kind = rest
                .first()
                .and_then(|k| location_kind(k))
                .unwrap_or(LocationKind::Other);
            let num = rest.contains(&"num");
            b.add(name, false, |e| e.prefix = Some((kind, num)));
        }
        for line in entries(include_str!("../data/names/organizations.txt")) {
            let (name, rest) = split_line(line);
            let kind = rest.first().and_then(|k| org_kind(k)).unwrap_or(OrgKind::Other);
            b.add(name, true, |e| e.org = Some(kind));
        }
        for line in entries(include_str!("../data/names/org_heads.txt")) {
            let (name, rest) = split_line(line);
            let kind = rest.first().and_then(|k| org_kind(k)).unwrap_or(OrgKind::Other);
            let mode = if rest.contains(&"unit") {
                HeadMode::Unit
            } else if rest.contains(&"suffix") {
                HeadMode::NeedsSuffix
            } else {
                HeadMode::Plain
            };
            let cap = rest.contains(&"cap");
            b.add(name, false, |e| {
                e.head = Some((kind, mode));
                e.head_cap = cap;
            });
        }
        for line in entries(include_str!("../data/names/org_qualifiers.txt")) {
            b.add(line, false, |e| e.qualifier = true);
        }
        for line in entries(include_str!("../data/names/org_levels.txt")) {
            b.add(line, true, |e| e.level = true);
        }
        for line in entries(include_str!("../data/names/program_triggers.txt")) {
            let (name, rest) = split_line(line);
            let kind = rest
                .first()
                .and_then(|k| program_kind(k))
                .unwrap_or(ProgramKind::Other);
            let whole = rest.contains(&"whole");
            b.add(name, false, |e| e.trigger = Some((kind, whole)));
        }
        for line in entries(include_str!("../data/names/programs.txt")) {
            let (name, rest) = split_line(line);
            let kind = rest
                .first()
                .and_then(|k| program_kind(k))
                .unwrap_or(ProgramKind::Program);
            b.add(name, false, |e| e.program = Some(kind));
        }
        for line in entries(include_str!("../data/names/surnames.txt")) {
            b.add(line, false, |e| e.surname = true);
        }
        for line in entries(include_str!("../data/names/titles.txt")) {
            let (name, rest) = split_line(line);
            let class = if rest.contains(&"post") {
                TitleClass::Post
            } else {
                TitleClass::Honorific
            };
            b.add(name, false, |e| e.title = Some(class));
        }
        for line in entries(include_str!("../data/names/stops.txt")) {
            b.add(line, false, |e| e.stop = true);
        }
        for line in entries(include_str!("../data/names/stops_weak.txt")) {
            b.add(line, false, |e| e.weak_stop = true);
        }
        for line in entries(include_str!("../data/names/credits.txt")) {
            b.add(line, false, |e| e.credit = true);
        }
        for line in entries(include_str!("../data/names/words.txt")) {
            b.add(line, false, |e| e.word = true);
        }
        for line in entries(include_str!("../data/names/nonperson_before.txt")) {
            b.add(line, false, |e| e.nonperson = true);
        }
        for (name, kind) in extras.organizations {
            let kind = *kind;
            b.add(name, true, |e| e.org = Some(kind));
        }
        for (name, kind) in extras.locations {
            let kind = *kind;
            b.add(name, true, |e| e.place = Some(kind));
        }
        for (name, kind) in extras.program_triggers {
            let kind = *kind;
            b.add(name, false, |e| e.trigger = Some((kind, false)));
        }
        for name in extras.persons {
            b.add(name, true, |e| e.person = true);
        }
        let mut patterns = Vec::with_capacity(b.keys.len());
        let mut entries_out = Vec::with_capacity(b.keys.len());
        for (key, entry) in b.keys {
            // A leading space anchors every pattern at a token start in the
            // keyed text (which puts one space before every token).
            patterns.push(format!(" {key}"));
            entries_out.push(entry);
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&patterns)
            .unwrap_or_else(|_| {
                // Patterns are small and few; building cannot fail in
                // practice. Fall back to an automaton that matches nothing.
                entries_out.clear();
                AhoCorasick::new(std::iter::empty::<&str>()).expect("empty automaton builds")
            });
        NameLexicon {
            ac,
            entries: entries_out,
        }
    }
}

/// Whether a token kind can carry a key worth matching.
pub(crate) fn keyed_kind(kind: TokenKind) -> bool {
    !matches!(kind, TokenKind::Url | TokenKind::Email)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_unify_tone_style_case_and_form() {
        assert_eq!(name_key("Hòa Bình"), name_key("Hoà Bình"));
        assert_eq!(name_key("THỦY"), name_key("thuỷ"));
        assert_eq!(name_key("Ủy ban"), name_key("Uỷ ban"));
        assert_ne!(name_key("Hà"), name_key("Hạ"));
    }

    #[test]
    fn lexicon_builds_with_all_lists() {
        let lex = NameLexicon::builtin();
        assert!(lex.entries.len() > 500);
        assert!(lex.entries.iter().any(|e| e.surname));
        assert!(lex
            .entries
            .iter()
            .any(|e| e.place == Some(LocationKind::Province)));
        assert!(lex.entries.iter().any(|e| e.trigger.is_some()));
    }
}
