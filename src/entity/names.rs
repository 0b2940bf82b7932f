//! The shared machinery of the name recognizers: one keyed copy of the
//! document, one Aho-Corasick pass over it, and token features (letter
//! case, all-caps lines, line breaks) that the rules for organizations,
//! programs, locations and persons read.
//!
//! The rules themselves live in `organization.rs`, `program.rs`,
//! `location.rs` and `person.rs`; [`NameRecognizer`] runs them in one pass
//! over the document.

use super::{Document, Entity, Recognizer};
use crate::lexicon::{push_token_key, Entry, Extras, NameLexicon};
use crate::token::TokenKind;

/// Letter case of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// No upper-case letter (or no letter).
    Lower,
    /// First letter upper case, some lower-case letter after it (`Hà`, `R’lấp`).
    Title,
    /// All letters upper case (`UBND`, `HÀ`, `A`).
    Upper,
    /// Upper case inside (`iPhone`) or other mixes.
    Mixed,
}

/// One token as the name rules see it. A token like `TP.Quảng` is split
/// into `TP.` and `Quảng`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    pub case: Case,
    /// Key range in `Ctx::keys` (without the leading space).
    pub key: (usize, usize),
    /// The token's line has letters and none of them is lower case.
    pub caps_line: bool,
    /// Newlines in the gap before the token (capped at 2).
    pub newlines_before: u8,
    /// Categories of the lexicon hits that start at this token.
    pub cats: u16,
}

/// A lexicon match: tokens `[start, end)` and the entry.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: u32,
    end: u32,
    entry: u32,
}

/// The document as the name rules see it.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    keys: String,
    hits: Vec<Hit>,
    /// `first_hit[i]..first_hit[i+1]` are the hits starting at token i,
    /// longest first.
    first_hit: Vec<u32>,
    lex: &'a NameLexicon,
}

fn case_of(s: &str) -> Case {
    if s.is_ascii() {
        let b = s.as_bytes();
        let upper = b.iter().filter(|c| c.is_ascii_uppercase()).count();
        if upper == 0 {
            return Case::Lower;
        }
        let lower = b.iter().filter(|c| c.is_ascii_lowercase()).count();
        if lower == 0 {
            return Case::Upper;
        }
        let first_letter = b.iter().position(|c| c.is_ascii_alphabetic());
        let title = first_letter.is_some_and(|f| {
            b.get(f).is_some_and(u8::is_ascii_uppercase) && !b.iter().skip(f + 1).any(u8::is_ascii_uppercase)
        });
        return if title { Case::Title } else { Case::Mixed };
    }
    let mut upper = 0usize;
    let mut lower = 0usize;
    let mut first_upper = false;
    let mut seen_letter = false;
    let mut inner_upper = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if !seen_letter {
                first_upper = true;
            } else if lower > 0 {
                inner_upper = true;
            }
            upper += 1;
            seen_letter = true;
        } else if c.is_lowercase() {
            lower += 1;
            seen_letter = true;
        }
    }
    if upper == 0 {
        Case::Lower
    } else if lower == 0 {
        Case::Upper
    } else if first_upper && !inner_upper {
        Case::Title
    } else {
        Case::Mixed
    }
}

/// `TP.Quảng` → (`TP.`, `Quảng`): an admin abbreviation glued to a name.
fn split_glued_prefix(text: &str) -> Option<usize> {
    for p in ["TP.", "Tp.", "TX.", "TT.", "Q.", "P."] {
        if let Some(rest) = text.strip_prefix(p) {
            if !rest.is_empty() && !rest.contains('.') && case_of(rest) == Case::Title {
                return Some(p.len());
            }
        }
    }
    None
}

impl<'a> Ctx<'a> {
    pub fn new(doc: &Document<'a>, lex: &'a NameLexicon) -> Self {
        let text = doc.text;
        let mut toks: Vec<Tok> = Vec::with_capacity(doc.tokens.len() + 4);
        // Decomposed keys grow: `ệ` (3 bytes) becomes 5.
        let mut keys = String::with_capacity(text.len() * 2 + doc.tokens.len() + 8);
        let mut prev_end = 0usize;
        let push = |toks: &mut Vec<Tok>,
                    keys: &mut String,
                    start: usize,
                    end: usize,
                    kind: TokenKind,
                    prev_end: usize| {
            let gap = text.get(prev_end..start).unwrap_or("");
            let nl = gap.bytes().filter(|&b| b == b'\n').count().min(2) as u8;
            let s = text.get(start..end).unwrap_or("");
            keys.push(' ');
            let k0 = keys.len();
            let case = if crate::lexicon::keyed_kind(kind) {
                let c = push_token_key(s, keys);
                if c.upper == 0 {
                    Case::Lower
                } else if c.lower == 0 {
                    Case::Upper
                } else if c.first_upper && !c.inner_upper {
                    Case::Title
                } else {
                    Case::Mixed
                }
            } else {
                keys.push('\u{1}');
                case_of(s)
            };
            toks.push(Tok {
                start,
                end,
                kind,
                case,
                key: (k0, keys.len()),
                caps_line: false,
                newlines_before: if toks.is_empty() { 2 } else { nl },
                cats: 0,
            });
        };
        for t in &doc.tokens {
            if t.kind == TokenKind::Abbreviation {
                if let Some(cut) = split_glued_prefix(t.text) {
                    let mid = t.span.start + cut;
                    push(
                        &mut toks,
                        &mut keys,
                        t.span.start,
                        mid,
                        TokenKind::Abbreviation,
                        prev_end,
                    );
                    push(&mut toks, &mut keys, mid, t.span.end, TokenKind::Syllable, mid);
                    prev_end = t.span.end;
                    continue;
                }
            }
            push(&mut toks, &mut keys, t.span.start, t.span.end, t.kind, prev_end);
            prev_end = t.span.end;
        }
        keys.push(' ');
        // All-caps lines.
        let mut line_start = 0;
        while line_start < toks.len() {
            let mut line_end = line_start + 1;
            while line_end < toks.len() && toks[line_end].newlines_before == 0 {
                line_end += 1;
            }
            let mut upper = 0;
            let mut lower = false;
            for t in &toks[line_start..line_end] {
                if matches!(t.kind, TokenKind::Syllable | TokenKind::Word) {
                    match t.case {
                        Case::Upper => upper += 1,
                        _ => lower = true,
                    }
                }
            }
            if !lower && upper >= 3 {
                for t in &mut toks[line_start..line_end] {
                    t.caps_line = true;
                }
            }
            line_start = line_end;
        }
        // Lexicon hits, each checked to start and end at a token boundary.
        // `tok_at[p]` is the token whose key starts after the space at `p`.
        let mut hits = Vec::with_capacity(toks.len());
        if !lex.entries.is_empty() && !toks.is_empty() {
            let mut tok_at = vec![u32::MAX; keys.len() + 1];
            for (n, t) in toks.iter().enumerate() {
                if let Some(slot) = tok_at.get_mut(t.key.0 - 1) {
                    *slot = n as u32;
                }
            }
            if let Some(last) = tok_at.get_mut(keys.len() - 1) {
                *last = toks.len() as u32;
            }
            for m in lex.ac.find_overlapping_iter(keys.as_str()) {
                let (Some(&si), Some(&ei)) = (tok_at.get(m.start()), tok_at.get(m.end())) else {
                    continue;
                };
                if si == u32::MAX || ei == u32::MAX {
                    continue;
                }
                hits.push(Hit {
                    start: si,
                    end: ei,
                    entry: m.pattern().as_u32(),
                });
            }
        }
        // Bucket the hits by start token (counting sort), longest first.
        let mut first_hit = vec![0u32; toks.len() + 1];
        for h in &hits {
            if let Some(c) = first_hit.get_mut(h.start as usize + 1) {
                *c += 1;
            }
        }
        for k in 1..first_hit.len() {
            first_hit[k] += first_hit[k - 1];
        }
        let mut sorted = vec![
            Hit {
                start: 0,
                end: 0,
                entry: 0
            };
            hits.len()
        ];
        let mut fill = first_hit.clone();
        for h in &hits {
            if let Some(pos) = fill.get_mut(h.start as usize) {
                if let Some(slot) = sorted.get_mut(*pos as usize) {
                    *slot = *h;
                }
                *pos += 1;
            }
        }
        for w in first_hit.windows(2) {
            if let Some(bucket) = sorted.get_mut(w[0] as usize..w[1] as usize) {
                if bucket.len() > 1 {
                    bucket.sort_unstable_by_key(|h| std::cmp::Reverse(h.end));
                }
            }
        }
        let hits = sorted;
        for h in &hits {
            if let (Some(t), Some(e)) = (toks.get_mut(h.start as usize), lex.entries.get(h.entry as usize)) {
                t.cats |= e.cats();
            }
        }
        Ctx {
            text,
            toks,
            keys,
            hits,
            first_hit,
            lex,
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Whether a lexicon hit of one of the categories `mask` starts at `i`.
    pub fn has(&self, i: usize, mask: u16) -> bool {
        self.toks.get(i).is_some_and(|t| t.cats & mask != 0)
    }

    pub fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    /// The text of token `i`.
    pub fn word(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// The key of tokens `[i, j)`.
    pub fn key(&self, i: usize, j: usize) -> &str {
        match (self.toks.get(i), j.checked_sub(1).and_then(|k| self.toks.get(k))) {
            (Some(a), Some(b)) if j > i => self.keys.get(a.key.0..b.key.1).unwrap_or(""),
            _ => "",
        }
    }

    /// The text from token `i` to the end of token `j - 1`.
    pub fn slice(&self, i: usize, j: usize) -> &'a str {
        match (self.toks.get(i), j.checked_sub(1).and_then(|k| self.toks.get(k))) {
            (Some(a), Some(b)) if j > i => self.text.get(a.start..b.end).unwrap_or(""),
            _ => "",
        }
    }

    pub fn span(&self, i: usize, j: usize) -> Option<(usize, usize)> {
        match (self.toks.get(i), j.checked_sub(1).and_then(|k| self.toks.get(k))) {
            (Some(a), Some(b)) if j > i => Some((a.start, b.end)),
            _ => None,
        }
    }

    pub(crate) fn hits_at(&self, i: usize) -> impl Iterator<Item = (usize, &Entry)> + '_ {
        let (a, b) = match (self.first_hit.get(i), self.first_hit.get(i + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => (0, 0),
        };
        self.hits[a..b].iter().filter_map(move |h| {
            self.lex
                .entries
                .get(h.entry as usize)
                .map(|e| (h.end as usize, e))
        })
    }

    /// Whether the tokens a name reading needs capitalized are.
    fn caps_ok(&self, i: usize, e: &Entry) -> bool {
        let mut bits = e.caps;
        let mut k = 0;
        while bits != 0 {
            if bits & 1 == 1 && !self.is_upper_start(i + k) {
                return false;
            }
            bits >>= 1;
            k += 1;
        }
        true
    }

    /// The longest hit at `i` whose entry satisfies `pred`; `strict` also
    /// checks the written capitals of the name.
    pub fn longest(&self, i: usize, strict: bool, pred: impl Fn(&Entry) -> bool) -> Option<(usize, Entry)> {
        self.hits_at(i)
            .filter(|(end, e)| pred(e) && *end > i && (!strict || self.caps_ok(i, e)))
            .map(|(end, e)| (end, *e))
            .next()
    }

    /// Whether any hit at `i` satisfies `pred`.
    pub fn any(&self, i: usize, pred: impl Fn(&Entry) -> bool) -> bool {
        self.hits_at(i).any(|(_, e)| pred(e))
    }

    /// A known place name at `i` (capitals as written in the list), unless
    /// the token is part of a common word (`Pháp lệnh`).
    pub fn place(&self, i: usize) -> Option<(usize, Entry)> {
        let hit = self.longest(i, true, |e| e.place.is_some())?;
        if hit.0 == i + 1 && self.in_word(i) {
            return None;
        }
        Some(hit)
    }

    /// Whether token `i` starts with an upper-case letter.
    pub fn is_upper_start(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| matches!(t.case, Case::Title | Case::Upper | Case::Mixed))
    }

    /// Whether token `i` is written like a syllable of a proper name:
    /// capitalized (or any letters in an all-caps line).
    pub fn is_namecap(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        if !matches!(t.kind, TokenKind::Syllable | TokenKind::Word) {
            return false;
        }
        match t.case {
            Case::Title => true,
            Case::Upper => t.caps_line || self.word(i).chars().count() == 1,
            Case::Mixed => t.kind == TokenKind::Word,
            Case::Lower => false,
        }
    }

    /// Whether token `i` is a lower-case word (or any word in an all-caps line).
    pub fn is_lowerish(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            matches!(t.kind, TokenKind::Syllable | TokenKind::Word)
                && (t.case == Case::Lower || (t.caps_line && t.case == Case::Upper))
        })
    }

    /// A stop word (a verb or function word that ends a name) at `i`,
    /// written in lower case or in an all-caps line.
    pub fn is_stop(&self, i: usize) -> bool {
        self.is_lowerish(i) && self.has(i, crate::lexicon::cat::STOP) && !self.stop_in_word(i)
    }

    /// Whether the stop word at `i` is a syllable of a listed common word
    /// (`đổi mới`, `sáng tạo`), where it ends nothing.
    /// A stop phrase that is itself the listed word (`tổ chức`) still stops.
    fn stop_in_word(&self, i: usize) -> bool {
        let stop_end = self
            .hits_at(i)
            .filter(|(_, e)| e.cats() & crate::lexicon::cat::STOP != 0)
            .map(|(end, _)| end)
            .max()
            .unwrap_or(i);
        self.hits_at(i).any(|(end, e)| e.word && end > stop_end)
            || (i > 0 && self.hits_at(i - 1).any(|(end, e)| e.word && end > i))
    }

    /// A function word at `i` (always ends a name).
    pub fn is_strong_stop(&self, i: usize) -> bool {
        self.is_stop(i) && self.any(i, |e| e.stop)
    }

    /// An abbreviation: a dotted or non-syllable one (`UBND`, `TP.HCM`), or
    /// an all-caps word of two letters or more outside an all-caps line
    /// (`QNO`, `HPG`).
    pub fn is_abbrev(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| match t.kind {
            TokenKind::Abbreviation => matches!(t.case, Case::Upper | Case::Mixed | Case::Title),
            TokenKind::Syllable | TokenKind::Word => {
                t.case == Case::Upper && !t.caps_line && self.word(i).chars().count() >= 2
            }
            _ => false,
        })
    }

    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Punct && self.word(i) == p)
    }

    /// Whether a line break separates token `i` from the one before.
    pub fn breaks_before(&self, i: usize) -> bool {
        match self.toks.get(i) {
            Some(t) => t.newlines_before > 0,
            None => true,
        }
    }

    /// Whether token `i` is glued to the one before (no white space).
    pub fn glued(&self, i: usize) -> bool {
        match (i.checked_sub(1).and_then(|k| self.toks.get(k)), self.toks.get(i)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// Whether token `i` starts a sentence (after `.`, `!`, `?`, `:`, a line
    /// break, an opening quote or bracket, or at the start).
    pub fn sentence_start(&self, i: usize) -> bool {
        if i == 0 || self.breaks_before(i) {
            return true;
        }
        let p = self.word(i - 1);
        matches!(p, "." | "!" | "?" | ":" | "…" | "..." | "(" | "-" | "–")
            || self
                .toks
                .get(i - 1)
                .is_some_and(|t| t.kind == TokenKind::OpenQuote)
    }

    /// A name may run on over a single line break when the next line goes
    /// on in lower case (a wrapped line), never over a blank line.
    pub fn line_wraps(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.newlines_before == 1) && self.is_lowerish(i)
    }

    /// Whether a name that reached token `i` stops before it because of a
    /// line break.
    pub fn stops_at_break(&self, i: usize) -> bool {
        self.breaks_before(i) && !self.line_wraps(i)
    }

    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }
}

/// Finds organizations, programs, locations and persons in one pass.
pub(crate) struct NameRecognizer {
    lex: NameLexicon,
}

impl NameRecognizer {
    pub fn new(extras: &Extras<'_>) -> Self {
        let empty = extras.organizations.is_empty()
            && extras.locations.is_empty()
            && extras.program_triggers.is_empty()
            && extras.persons.is_empty();
        NameRecognizer {
            lex: if empty {
                NameLexicon::builtin()
            } else {
                NameLexicon::build(extras)
            },
        }
    }
}

impl Recognizer for NameRecognizer {
    fn produces(&self) -> &'static [super::EntityType] {
        use super::EntityType::*;
        &[Organization, Program, Location, Person]
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Entity>) {
        let ctx = Ctx::new(doc, &self.lex);
        if ctx.len() == 0 {
            return;
        }
        super::program::find(&ctx, out);
        super::organization::find(&ctx, out);
        super::location::find(&ctx, out);
        super::person::find(&ctx, out);
    }
}

impl Ctx<'_> {
    /// A title that ends right before token `i`: its start and class.
    pub fn title_ending_at(&self, i: usize) -> Option<(usize, crate::lexicon::TitleClass)> {
        let lo = i.saturating_sub(6);
        (lo..i).find_map(|k| {
            self.hits_at(k)
                .find(|(end, e)| *end == i && e.title.is_some())
                .and_then(|(_, e)| e.title.map(|c| (k, c)))
        })
    }
}

impl Ctx<'_> {
    /// Whether token `k` is a syllable of a common word listed as one
    /// (`xã hội`, `nông thôn`), so it cannot be an admin prefix there.
    pub fn in_word(&self, k: usize) -> bool {
        self.hits_at(k).any(|(end, e)| e.word && end > k + 1)
            || (k > 0 && self.hits_at(k - 1).any(|(end, e)| e.word && end > k))
    }

    /// An admin prefix at `k`: its end, kind and whether a number may follow.
    pub fn prefix(&self, k: usize) -> Option<(usize, crate::entity::LocationKind, bool)> {
        let (end, e) = self.longest(k, false, |e| e.prefix.is_some())?;
        // A common word that holds the prefix (`xã hội`) blocks it; a
        // prefix that is listed as a word itself (`quảng trường`) does not.
        if self.in_word(k) && !(e.word && self.hits_at(k).all(|(we, w)| !w.word || we <= end)) {
            return None;
        }
        e.prefix.map(|(kind, num)| (end, kind, num))
    }

    /// A level word at `k` (`tỉnh`, `Trung ương`, `cơ sở`).
    pub fn level(&self, k: usize) -> Option<usize> {
        if self.in_word(k) {
            return None;
        }
        self.longest(k, true, |e| e.level).map(|(end, _)| end)
    }
}

/// Tokens already taken by an entity, as a flag per token (linear time).
pub(crate) struct Marks(Vec<bool>);

impl Marks {
    pub fn new(n: usize) -> Self {
        Marks(vec![false; n])
    }

    /// Marks tokens `[a, b)`.
    pub fn push(&mut self, (a, b): (usize, usize)) {
        let b = b.min(self.0.len());
        if let Some(s) = self.0.get_mut(a.min(b)..b) {
            s.fill(true);
        }
    }

    pub fn contains(&self, i: usize) -> bool {
        self.0.get(i).copied().unwrap_or(false)
    }
}

impl Ctx<'_> {
    /// The token that starts at byte `pos`.
    pub fn token_starting_at(&self, pos: usize) -> Option<usize> {
        self.toks.binary_search_by_key(&pos, |t| t.start).ok()
    }

    /// The token that ends at byte `pos`.
    pub fn token_ending_at(&self, pos: usize) -> Option<usize> {
        self.toks.binary_search_by_key(&pos, |t| t.end).ok()
    }

    /// Tokens inside byte span `[s, e)`.
    pub fn tokens_within(&self, s: usize, e: usize) -> (usize, usize) {
        let a = self.toks.partition_point(|t| t.start < s);
        let b = self.toks.partition_point(|t| t.start < e);
        (a, b.max(a))
    }
}
