//! Typed entities and the [`Extractor`] that finds them.
//!
//! Every entity carries its byte [`Span`] into the caller's original input,
//! its `text` (exactly `input[span]`) and a typed, exact value. Serialized
//! with serde, an entity is one flat JSON object as `interface.md` shows:
//!
//! ```
//! use viet_text::Extractor;
//! let text = "Tỷ lệ đạt 97%.";
//! let entities = Extractor::new().extract(text);
//! let json = serde_json::to_string(&entities[0]).unwrap();
//! assert_eq!(json, r#"{"type":"percent","start":17,"end":20,"text":"97%","value":"97"}"#);
//! ```
//!
//! Pipeline: the text is normalized to NFC (with an offset map), tokenized
//! once into a [`Document`], every recognizer adds candidates, overlapping
//! candidates are resolved (the longer span wins), and spans are mapped
//! back to the input.

use crate::normalize::{normalize_with_map, NormalizeOptions, Normalized};
use crate::span::Span;
use crate::token::{tokenize_into, Token};
use serde::Serialize;

mod date;
mod location;
mod money;
mod organization;
mod percent;
mod person;
mod program;
mod quantity;

// ---- modules added for the numeric types (money, percent, quantity, date) ----
mod numeric;

// ---- end numeric modules ----

pub use date::{Calendar, Date, PartialDate};
pub use location::{Location, LocationKind};
pub use money::Money;
pub use organization::{OrgKind, Organization};
pub use percent::{Percent, PercentValue};
pub use person::Person;
pub use program::{Program, ProgramKind};
pub use quantity::{Quantity, QuantityValue};

// ---- modules added for the name types (organization, program, location, person) ----
mod names;

// ---- end name modules ----

/// How a word before a number bounds it (`hơn 40 con` → `MoreThan`).
///
/// ```
/// use viet_text::entity::Qualifier;
/// assert_eq!(serde_json::to_string(&Qualifier::MoreThan).unwrap(), "\"more_than\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// `hơn`, `trên`.
    MoreThan,
    /// `gần`, `dưới`.
    LessThan,
    /// `khoảng`, `xấp xỉ`, `chừng`.
    About,
    /// `tối đa`.
    AtMost,
    /// `ít nhất`, `tối thiểu`.
    AtLeast,
}

/// An exact amount or a range, for money.
///
/// ```
/// use viet_text::entity::Amount;
/// let a = Amount::Exact { amount: "5".parse().unwrap() };
/// assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"amount":"5"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Amount {
    /// One value.
    Exact {
        /// The value.
        amount: crate::Decimal,
    },
    /// `từ 5 đến 7`, `5-7`.
    Range {
        /// Lower bound.
        min: crate::Decimal,
        /// Upper bound.
        max: crate::Decimal,
    },
}

/// The type of an entity, as the JSON `type` field spells it.
///
/// ```
/// use viet_text::EntityType;
/// assert_eq!(EntityType::Money.as_str(), "money");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    /// [`Organization`].
    Organization,
    /// [`Program`].
    Program,
    /// [`Money`].
    Money,
    /// [`Percent`].
    Percent,
    /// [`Quantity`].
    Quantity,
    /// [`Date`].
    Date,
    /// [`Location`].
    Location,
    /// [`Person`].
    Person,
}

impl EntityType {
    /// All eight types.
    pub const ALL: [EntityType; 8] = [
        EntityType::Organization,
        EntityType::Program,
        EntityType::Money,
        EntityType::Percent,
        EntityType::Quantity,
        EntityType::Date,
        EntityType::Location,
        EntityType::Person,
    ];

    /// The name used in JSON.
    ///
    /// ```
    /// assert_eq!(viet_text::EntityType::Location.as_str(), "location");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Organization => "organization",
            EntityType::Program => "program",
            EntityType::Money => "money",
            EntityType::Percent => "percent",
            EntityType::Quantity => "quantity",
            EntityType::Date => "date",
            EntityType::Location => "location",
            EntityType::Person => "person",
        }
    }
}

/// One extracted entity.
///
/// ```
/// use viet_text::{Entity, EntityType, Extractor};
/// let e = &Extractor::new().extract("đạt 97%")[0];
/// assert_eq!(e.entity_type(), EntityType::Percent);
/// assert_eq!(e.text(), "97%");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Entity {
    /// A named body.
    Organization(Organization),
    /// A named program, movement, campaign …
    Program(Program),
    /// An amount of money.
    Money(Money),
    /// A percentage.
    Percent(Percent),
    /// A counted amount or ratio.
    Quantity(Quantity),
    /// A date, month, quarter, year or period.
    Date(Date),
    /// A named place.
    Location(Location),
    /// A person's name.
    Person(Person),
}

macro_rules! each_variant {
    ($self:expr, $e:ident => $body:expr) => {
        match $self {
            Entity::Organization($e) => $body,
            Entity::Program($e) => $body,
            Entity::Money($e) => $body,
            Entity::Percent($e) => $body,
            Entity::Quantity($e) => $body,
            Entity::Date($e) => $body,
            Entity::Location($e) => $body,
            Entity::Person($e) => $body,
        }
    };
}

impl Entity {
    /// Byte span in the input.
    ///
    /// ```
    /// let e = &viet_text::Extractor::new().extract("đạt 97%")[0];
    /// assert_eq!(e.span(), viet_text::Span::new(7, 10));
    /// ```
    pub fn span(&self) -> Span {
        each_variant!(self, e => e.span)
    }

    /// The entity's text: exactly the input's bytes at [`Entity::span`].
    ///
    /// ```
    /// assert_eq!(viet_text::Extractor::new().extract("đạt 97%")[0].text(), "97%");
    /// ```
    pub fn text(&self) -> &str {
        each_variant!(self, e => &e.text)
    }

    /// The entity's type.
    ///
    /// ```
    /// use viet_text::EntityType;
    /// assert_eq!(viet_text::Extractor::new().extract("đạt 97%")[0].entity_type(), EntityType::Percent);
    /// ```
    pub fn entity_type(&self) -> EntityType {
        match self {
            Entity::Organization(_) => EntityType::Organization,
            Entity::Program(_) => EntityType::Program,
            Entity::Money(_) => EntityType::Money,
            Entity::Percent(_) => EntityType::Percent,
            Entity::Quantity(_) => EntityType::Quantity,
            Entity::Date(_) => EntityType::Date,
            Entity::Location(_) => EntityType::Location,
            Entity::Person(_) => EntityType::Person,
        }
    }

    /// Takes the entity's text from `source` at its span (one match on the
    /// variant, where [`Entity::span`] then [`Entity::relocate`] made two:
    /// an indirect jump each, mispredicted when the types alternate).
    #[inline(always)]
    fn take_text(&mut self, source: &str) {
        // Reuses the string the recognizer made (usually of the same
        // length); a recognizer that made none gets one of the exact size
        // (pushing onto an empty string would take the growth path).
        // The match only finds the two fields (the variants' layouts
        // differ); the copy is one body, not one inlined copy per variant
        // (eight copies cost instruction-cache misses at every document).
        let (span, own) = self.span_and_text_mut();
        let text = source.get(span.range()).unwrap_or_default();
        if own.capacity() == 0 {
            *own = text.to_owned();
        } else {
            own.clear();
            own.push_str(text);
        }
    }

    /// The span and the text field.
    #[inline(always)]
    fn span_and_text_mut(&mut self) -> (Span, &mut String) {
        each_variant!(self, e => (e.span, &mut e.text))
    }

    /// Moves the entity to `span` of `source` and takes its text from there.
    fn relocate(&mut self, span: Span, source: &str) {
        each_variant!(self, e => e.span = span);
        self.take_text(source);
    }
}

/// A tokenized, normalized document that recognizers read.
///
/// Offsets in `tokens` index `text` (the normalized text), not the caller's
/// input; the extractor maps them back. A plain pair of public fields, so
/// callers may also build one from tokens they already have:
///
/// ```
/// use viet_text::entity::Document;
/// let text = "Hà Nội";
/// let d = Document { text, tokens: viet_text::tokenize(text).collect() };
/// assert_eq!(d.tokens, Document::new(text).tokens);
/// ```
#[derive(Debug)]
pub struct Document<'a> {
    /// The normalized text.
    pub text: &'a str,
    /// Its tokens, in order.
    pub tokens: Vec<Token<'a>>,
}

/// The tokenizer's word annotations of a [`Document`]'s tokens, for the
/// one recognizer that asked for them (see
/// [`Recognizer::tokenize_annotated`]). Kept beside the document rather
/// than in it, so that `Document` stays a plain public pair of text and
/// tokens.
#[derive(Debug, Default)]
pub(crate) struct Annotations {
    /// One annotation per token; empty when nobody asked.
    pub(crate) anns: Vec<u32>,
    /// Whose annotations these are (0: nobody's).
    pub(crate) tag: u16,
}

// The layout of a token's annotation (one `u32`, shared by the recognizers
// that read it; 0 is no annotation: tokens the tokenizer does not annotate,
// see `crate::token::tokenize_annotated`). A nonzero annotation has
// [`ANN_PACKED`] and [`ANN_ANCHOR`] when the token is a numeric anchor
// (`numeric::anchor_ann`). The name recognizer's (`names::Class::pack`, tag:
// its lexicon's) also holds the word's vocabulary id + 1 in bits 0–20 (0:
// none; `names::ID_LIMIT`), the case in 22–23, its shape entry in 24–28,
// spaced in 29 and `names::SPECIAL` (30) for the kinds its token loop looks
// at; the numeric-only tokenization's (`numeric::tokenize_anchored`, tag
// `CHECKED_TAG`) nothing else.

/// Set in every nonzero annotation (see [`Annotations`]).
pub(crate) const ANN_PACKED: u32 = 1 << 31;

/// Set in an annotation when the token is a numeric anchor, exactly as
/// `numeric::anchor_of` decides by its text and kind (see [`Annotations`]).
pub(crate) const ANN_ANCHOR: u32 = 1 << 21;

impl<'a> Document<'a> {
    /// Tokenizes `text`.
    ///
    /// ```
    /// let d = viet_text::entity::Document::new("Hà Nội");
    /// assert_eq!(d.tokens.len(), 2);
    /// ```
    pub fn new(text: &'a str) -> Self {
        let mut tokens = Vec::with_capacity(token_capacity(text.len()));
        tokenize_into(text, &mut tokens);
        Document { text, tokens }
    }

    /// The text between token `i` and token `i + 1` (white space, usually).
    ///
    /// ```
    /// let d = viet_text::entity::Document::new("Hà  Nội");
    /// assert_eq!(d.gap_after(0), "  ");
    /// ```
    pub fn gap_after(&self, i: usize) -> &'a str {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => &self.text[a.span.end..b.span.start],
            (Some(a), None) => &self.text[a.span.end..],
            _ => "",
        }
    }
}

/// Something that finds candidate entities in a document. Candidates may
/// overlap; the extractor resolves overlaps. A candidate's `text` may be
/// left empty: the extractor sets every survivor's text from its span
/// (see `Entity::relocate`), so a recognizer need not allocate it.
///
/// The extractor itself calls the two recognizers it holds with its own
/// per-thread buffers (`NumericRecognizer::recognize_with`,
/// `NameRecognizer::recognize_in`); `recognize` is the tests' way in.
pub(crate) trait Recognizer: Send + Sync {
    #[cfg_attr(not(test), allow(dead_code))]
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Entity>);

    /// [`Recognizer::recognize`] with the annotations the tokenizer made
    /// of `doc`'s words; a recognizer that annotates none ignores them.
    #[cfg_attr(not(test), allow(dead_code))]
    fn recognize_annotated(&self, doc: &Document<'_>, _anns: &Annotations, out: &mut Vec<Entity>) {
        self.recognize(doc, out)
    }

    /// Tokenizes `text` into `tokens` (as [`tokenize_into`]) with this
    /// recognizer's annotation of each word in `anns`, and returns its tag
    /// (see `crate::token::tokenize_annotated`) and whether default
    /// normalization would leave `text` as it is (`false`: it may not); tag
    /// 0 when it has no annotations, and then does nothing.
    fn tokenize_annotated<'a>(
        &self,
        _text: &'a str,
        _tokens: &mut Vec<Token<'a>>,
        _anns: &mut Vec<u32>,
    ) -> (u16, bool) {
        (0, false)
    }

    /// The entity types this recognizer can produce. An extractor built for
    /// other types only does not run it.
    fn produces(&self) -> &'static [EntityType] {
        &EntityType::ALL
    }
}

/// Finds entities in Vietnamese text. Build once, reuse for every document
/// and across threads (`Send + Sync`).
///
/// ```
/// use viet_text::Extractor;
/// let ex = Extractor::new();
/// std::thread::scope(|s| {
///     s.spawn(|| assert!(!ex.extract("đạt 97%").is_empty()));
/// });
/// ```
pub struct Extractor {
    /// The numeric recognizer (money, percent, quantity, date), when one
    /// of its types was asked for. The recognizers are concrete fields,
    /// called directly in a fixed order (numeric, then names): through a
    /// `Vec<Box<dyn Recognizer>>`, the four or five calls per document
    /// were indirect, the most mispredicted branches and the most
    /// instruction-cache misses of any function on one-paragraph
    /// documents.
    numeric: Option<numeric::NumericRecognizer>,
    /// The name recognizer (organization, program, location, person),
    /// when one of its types was asked for.
    names: Option<names::NameRecognizer>,
    types: Vec<EntityType>,
    /// `types` as a bit set, bit `t as u8` for type `t`.
    type_bits: u8,
}

/// Every [`EntityType`]'s bit (see `Extractor::type_bits`).
const ALL_TYPE_BITS: u8 = u8::MAX;

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("types", &self.types)
            .finish_non_exhaustive()
    }
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor of all eight types with the built-in lexicons.
    ///
    /// ```
    /// let _ = viet_text::Extractor::new();
    /// ```
    pub fn new() -> Self {
        ExtractorBuilder::new().build()
    }

    /// A builder to choose types and add one's own lexicon entries.
    ///
    /// ```
    /// use viet_text::{Extractor, EntityType};
    /// let ex = Extractor::builder().types(&[EntityType::Percent]).build();
    /// assert_eq!(ex.extract("97%").len(), 1);
    /// ```
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// Extracts entities from `text`, in text order, without overlaps, with
    /// spans into `text`.
    ///
    /// ```
    /// let text = "Ngày 19/12/2025 giá tăng 2,5%.";
    /// for e in viet_text::Extractor::new().extract(text) {
    ///     assert_eq!(&text[e.span().range()], e.text());
    /// }
    /// ```
    pub fn extract(&self, text: &str) -> Vec<Entity> {
        // Blank lines are common when a file is read line by line.
        if text.is_empty() {
            return Vec::new();
        }
        // The thread's buffers, borrowed in place (taking them out of a
        // `Cell` and putting them back moved and rebuilt ~100 bytes and
        // dropped the placeholder: ~90 instructions a document); a fresh
        // set when they are borrowed already (never: nothing re-enters) or
        // gone (thread teardown).
        SCRATCH
            .try_with(|cell| match cell.try_borrow_mut() {
                Ok(mut scratch) => self.extract_with(text, &mut scratch),
                Err(_) => self.extract_with(text, &mut Scratch::new()),
            })
            .unwrap_or_else(|_| self.extract_with(text, &mut Scratch::new()))
    }

    /// [`Extractor::extract`] of a non-empty `text` with the buffers of
    /// `scratch`.
    fn extract_with(&self, text: &str, scratch: &mut Scratch) -> Vec<Entity> {
        self.extract_deferring(text, scratch, true, true)
    }

    /// [`Extractor::extract_with`], deferring the `N tháng` quantities of
    /// `N tháng M…` when `defer` (the answer is the same; tests compare).
    ///
    /// With `tokenize_first`, the caller's text is tokenized before it is
    /// normalized (normalized only when the tokenizer cannot tell that it
    /// needs nothing, tokenized again only when it changed); without, in
    /// the plain order (tests compare the two).
    fn extract_deferring(
        &self,
        text: &str,
        scratch: &mut Scratch,
        defer: bool,
        tokenize_first: bool,
    ) -> Vec<Entity> {
        let mut tokens = recycle(std::mem::take(&mut scratch.tokens));
        let mut anns = std::mem::take(&mut scratch.anns);
        anns.clear();
        // The name recognizer, when it runs, tokenizes (its word classes
        // ride in the tokenizer's memo, with the numeric anchor bit); without
        // it, the numeric one annotates the anchor bit alone.
        // It tokenizes the caller's text first: the tokenizer's memo also
        // knows which words normalization leaves as they are, so most
        // documents are never scanned by the normalizer.
        tokens.reserve(token_capacity(text.len()));
        // The tag and the clean answer of the tokens of the caller's text,
        // when they were made (a name recognizer without annotations makes
        // none).
        let first = match (&self.names, tokenize_first) {
            (Some(names), true) => {
                Some(names.tokenize_annotated(text, &mut tokens, &mut anns)).filter(|&(tag, _)| tag != 0)
            }
            // Without names (the numeric types alone), the same answer with
            // the anchor bits alone.
            (None, true) => Some((
                crate::token::CHECKED_TAG,
                numeric::tokenize_anchored(text, &mut tokens, &mut anns),
            )),
            (_, false) => None,
        };
        let normalized = match first {
            Some((_, true)) => Normalized::unchanged(text),
            _ => normalize_with_map(text, &NormalizeOptions::default()),
        };
        let mut ann_tag = first.map_or(0, |(tag, _)| tag);
        // Tokens of the caller's text stand for an unchanged text.
        if first.is_none() || !normalized.map.is_identity() {
            tokens.clear();
            anns.clear();
            tokens.reserve(token_capacity(normalized.text.len()));
            ann_tag = match &self.names {
                Some(names) => {
                    names
                        .tokenize_annotated(&normalized.text, &mut tokens, &mut anns)
                        .0
                }
                None => 0,
            };
            if ann_tag == 0 {
                tokenize_into(&normalized.text, &mut tokens);
            }
        }
        let doc = Document {
            text: &normalized.text,
            tokens,
        };
        let anns = Annotations { anns, tag: ann_tag };
        let candidates = &mut scratch.candidates;
        candidates.clear();
        // The quantities `N tháng` of `N tháng M…` are deferred (see
        // `NumericRecognizer::recognize_deferring`); when the survivors do
        // not show that each would have lost, the document is recognized
        // again without.
        let deferred = &mut scratch.deferred;
        deferred.clear();
        let homes = &mut scratch.homes;
        let mut entities = self.resolved(
            &doc,
            &anns,
            candidates,
            &mut scratch.spans,
            homes,
            defer.then_some(&mut *deferred),
        );
        if defer && !numeric::deferred_are_beaten(deferred, &entities) {
            candidates.clear();
            entities = self.resolved(&doc, &anns, candidates, &mut scratch.spans, homes, None);
        }
        // Most texts need no normalizing: their spans are the input's (one
        // test here instead of a call per entity).
        if normalized.map.is_identity() {
            for e in &mut entities {
                e.take_text(text);
            }
        } else {
            for e in &mut entities {
                e.relocate(normalized.map.span_to_original(e.span()), text);
            }
        }
        scratch.keep(doc.tokens, anns.anns);
        entities
    }
}

impl Extractor {
    /// Every recognizer's candidates for `doc`, in recognizer order (the
    /// order breaks ties of overlap resolution): numeric, then names.
    #[inline(always)]
    fn recognize_all(
        &self,
        doc: &Document<'_>,
        anns: &Annotations,
        out: &mut Vec<Entity>,
        homes: &mut Homes,
        deferred: Option<&mut Vec<[usize; 4]>>,
    ) {
        // (`anns` are the tokenizer's annotations of the document: the
        // names' classes with the numeric anchor bit of each word, or the
        // anchor bits alone when the names do not run.)
        if let Some(numeric) = &self.numeric {
            numeric.recognize_with(doc, anns, &mut homes.numeric, out, deferred);
        }
        if let Some(names) = &self.names {
            names.recognize_in(doc, anns, out, &mut homes.names);
        }
    }

    /// The candidates of every recognizer for `doc` (into `candidates`),
    /// those of the types asked for, with overlaps resolved; with
    /// `deferred`, the numeric recognizer defers the `N tháng` quantities
    /// of `N tháng M…` into it (see `NumericRecognizer::recognize_deferring`).
    fn resolved(
        &self,
        doc: &Document<'_>,
        anns: &Annotations,
        candidates: &mut Vec<Entity>,
        spans: &mut Vec<Span>,
        homes: &mut Homes,
        deferred: Option<&mut Vec<[usize; 4]>>,
    ) -> Vec<Entity> {
        self.recognize_all(doc, anns, candidates, homes, deferred);
        // Every type asked for (the usual extractor): nothing to filter.
        if self.type_bits != ALL_TYPE_BITS {
            let bits = self.type_bits;
            candidates.retain(|e| bits >> e.entity_type() as u8 & 1 == 1);
        }
        resolve_overlaps_with(candidates, spans)
    }

    /// How many recognizers run (tests).
    #[cfg(test)]
    fn recognizer_count(&self) -> usize {
        usize::from(self.numeric.is_some()) + usize::from(self.names.is_some())
    }
}

/// Room for the tokens of a text of `len` bytes: about one token per five
/// bytes of Vietnamese prose, more with numbers and punctuation, so one
/// per four bytes saves most documents a reallocation.
fn token_capacity(len: usize) -> usize {
    len / 4 + 8
}

/// Per-thread buffers that [`Extractor::extract`] reuses from one document
/// to the next, so that a stream of paragraphs does not allocate (and
/// free) a token vector and a candidate vector for each.
struct Scratch {
    /// The token vector of the last document, emptied.
    tokens: Vec<Token<'static>>,
    /// The candidates of the last document.
    candidates: Vec<Entity>,
    /// The token annotations of the last document.
    anns: Vec<u32>,
    /// The candidates' spans of the last document.
    spans: Vec<Span>,
    /// The quantities the numeric recognizer deferred in the last document
    /// (see `NumericRecognizer::recognize_deferring`).
    deferred: Vec<[usize; 4]>,
    /// The recognizers' own buffers.
    homes: Homes,
}

/// The recognizers' buffers kept between documents, in the extractor's
/// per-thread [`Scratch`] (borrowed once a document): each recognizer
/// borrowing its own thread-local cost ~30 instructions a document.
struct Homes {
    /// The numeric recognizer's memo and anchor lists.
    numeric: numeric::Scratch,
    /// The name recognizer's word memo and context buffers.
    names: names::MemoHome,
}

/// Buffers larger than this many tokens (a ~1 MB document) are not kept
/// after the call, so that one huge input does not pin its memory.
const MAX_KEPT_TOKENS: usize = 1 << 18;

/// Candidate buffers larger than this are not kept either.
const MAX_KEPT_CANDIDATES: usize = 1 << 12;

impl Scratch {
    /// Empty buffers (no allocation).
    const fn new() -> Self {
        Scratch {
            tokens: Vec::new(),
            candidates: Vec::new(),
            anns: Vec::new(),
            spans: Vec::new(),
            deferred: Vec::new(),
            homes: Homes {
                numeric: numeric::Scratch::new(),
                names: names::MemoHome::new(),
            },
        }
    }

    /// Keeps `tokens`' allocation (emptied) and the candidates' for the
    /// next call, unless either grew past its cap.
    fn keep(&mut self, tokens: Vec<Token<'_>>, anns: Vec<u32>) {
        self.tokens = if tokens.capacity() <= MAX_KEPT_TOKENS {
            recycle(tokens)
        } else {
            Vec::new()
        };
        self.anns = if anns.capacity() <= MAX_KEPT_TOKENS {
            anns
        } else {
            Vec::new()
        };
        self.candidates.clear();
        if self.candidates.capacity() > MAX_KEPT_CANDIDATES {
            self.candidates = Vec::new();
        }
        if self.spans.capacity() > MAX_KEPT_CANDIDATES {
            self.spans = Vec::new();
        }
        if self.deferred.capacity() > MAX_KEPT_CANDIDATES {
            self.deferred = Vec::new();
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = const { std::cell::RefCell::new(Scratch::new()) };
}

/// Empties `tokens` and returns its allocation as a vector of tokens of
/// another lifetime. The standard library collects a `vec::IntoIter` into
/// a vector of a type of the same size and alignment in place, so no
/// memory is allocated; were it not to, the result would simply be a new
/// empty vector.
// `filter_map` to `None` is the point: it changes the item type (the
// lifetime) without a closure that could run, let alone panic.
#[allow(clippy::unnecessary_filter_map)]
fn recycle<'b>(mut tokens: Vec<Token<'_>>) -> Vec<Token<'b>> {
    tokens.clear();
    tokens.into_iter().filter_map(|_| None).collect()
}

/// Up to this many candidates, overlaps are resolved on the stack with a
/// bit mask; beyond, with a B-tree.
const SMALL_OVERLAP_SET: usize = 64;

/// `resolve_overlaps_with` with a new buffer.
#[cfg(test)]
fn resolve_overlaps(candidates: &mut Vec<Entity>) -> Vec<Entity> {
    resolve_overlaps_with(candidates, &mut Vec::new())
}

/// Keeps the longest of overlapping candidates (on equal length, the one
/// found first), and returns the survivors in text order. `candidates` is
/// left empty with its allocation, for the next document. `spans` is a
/// buffer for the candidates' spans, kept by the caller from one document
/// to the next (an array on the stack would be zeroed, 1 KB, for every
/// document).
fn resolve_overlaps_with(candidates: &mut Vec<Entity>, spans: &mut Vec<Span>) -> Vec<Entity> {
    // Most documents have no candidate or one: no iterator to set up and
    // collect (~60 instructions a document for an empty result).
    if candidates.len() <= 1 {
        return match candidates.pop() {
            Some(e) if !e.span().is_empty() => vec![e],
            _ => Vec::new(),
        };
    }
    let mut kept: Vec<Entity> = if candidates.len() <= SMALL_OVERLAP_SET {
        spans.clear();
        spans.extend(candidates.iter().map(Entity::span));
        let (keep, in_order) = kept_small_told(spans);
        // The dropped ones dropped in place and the survivors closed up
        // (moved only past a gap), then moved out at once into a vector
        // sized once: moving each candidate out and the survivors again
        // cost ~60 instructions a candidate.
        // (Nothing to drop, as in most documents: no pass at all.)
        let all = u64::MAX.checked_shr(64 - candidates.len() as u32).unwrap_or(0);
        if keep != all {
            let mut i = 0;
            candidates.retain(|_| {
                let k = keep >> i & 1 == 1;
                i += 1;
                k
            });
        }
        let mut kept = Vec::with_capacity(candidates.len());
        kept.append(candidates);
        // Survivors mostly come in text order already (each recognizer
        // adds its candidates in text order): told from the spans, without
        // the sort's calls of `Entity::span` (a jump on the variant each).
        // (The spans in text order and apart, found so at once, all
        // survive: no second look.)
        if in_order || kept_in_order(spans, keep) {
            return kept;
        }
        kept
    } else {
        let spans: Vec<Span> = candidates.iter().map(Entity::span).collect();
        let keep = kept_clustered(&spans);
        let mut kept = Vec::with_capacity(keep.iter().filter(|&&k| k).count());
        for (e, k) in candidates.drain(..).zip(keep) {
            if k {
                kept.push(e);
            }
        }
        kept
    };
    // Survivors are non-empty and do not overlap, so no two share a start:
    // an unstable sort (which needs no buffer) gives the one order there is.
    kept.sort_unstable_by_key(|e| e.span().start);
    kept
}

/// Whether the spans of `spans` whose bits are set in `keep` start in
/// increasing order.
fn kept_in_order(spans: &[Span], mut keep: u64) -> bool {
    let mut last = 0;
    let mut first = true;
    while keep != 0 {
        let i = keep.trailing_zeros() as usize;
        keep &= keep - 1;
        let Some(s) = spans.get(i) else {
            return false;
        };
        if !first && s.start <= last {
            return false;
        }
        (first, last) = (false, s.start);
    }
    true
}

/// [`kept_spans`] for at most [`SMALL_OVERLAP_SET`] spans, without
/// allocating: bit `i` of the answer says whether `spans[i]` survives.
///
/// Longest first (on equal length the earlier), a span survives when it
/// overlaps no survivor before it. Said otherwise: the first span of that
/// order survives and every span it overlaps falls; of those left, the
/// first survives, and so on. That is what runs here, on a bit set of the
/// spans still standing, one pass over them per survivor, which finds the
/// next survivor while it drops the spans the last one overlaps: no sort,
/// no array to zero, ~2.5 survivors of ~5 candidates in a typical
/// document. Spans already in text order and apart (the other common
/// case) are told by one pass first.
fn kept_small(spans: &[Span]) -> u64 {
    kept_small_told(spans).0
}

/// [`kept_small`], and whether the spans were found in text order and
/// apart (all the non-empty ones survive, in text order).
#[inline(always)]
fn kept_small_told(spans: &[Span]) -> (u64, bool) {
    let spans = spans.get(..SMALL_OVERLAP_SET).unwrap_or(spans);
    let mut standing = 0u64;
    let mut last_end = 0;
    let mut in_order = true;
    // The first survivor: the longest, the earliest of equals (length 0:
    // none yet; every standing span is longer).
    let (mut best, mut best_len) = (0, 0);
    for (i, &s) in spans.iter().enumerate() {
        if s.is_empty() {
            continue;
        }
        standing |= 1 << i;
        in_order &= s.start >= last_end;
        last_end = last_end.max(s.end);
        if s.len() > best_len {
            (best, best_len) = (i, s.len());
        }
    }
    if in_order {
        return (standing, true);
    }
    let mut keep = 0u64;
    while best_len > 0 {
        let Some(&b) = spans.get(best) else {
            break;
        };
        keep |= 1 << best;
        let mut rest = standing & !(1 << best);
        standing = 0;
        best_len = 0;
        while rest != 0 {
            let j = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            let Some(&s) = spans.get(j) else {
                continue;
            };
            if s.start < b.end && b.start < s.end {
                continue;
            }
            standing |= 1 << j;
            if s.len() > best_len {
                (best, best_len) = (j, s.len());
            }
        }
    }
    (keep, false)
}

/// [`kept_small`] as it was: the spans sorted longest first, each
/// survivor placed in an array sorted by start (the reference the tests
/// compare the bit-set way with).
#[cfg(test)]
fn kept_small_sorted(spans: &[Span]) -> u64 {
    let n = spans.len().min(SMALL_OVERLAP_SET);
    // Longest first; on equal length the earlier candidate (recognizer
    // order breaks ties), so an unstable sort on (length, index) is exact.
    let mut order = [0u8; SMALL_OVERLAP_SET];
    for (k, slot) in order.iter_mut().enumerate().take(n) {
        *slot = k as u8;
    }
    let order = &mut order[..n];
    order.sort_unstable_by_key(|&i| {
        let len = spans.get(usize::from(i)).map_or(0, |s| s.len());
        (std::cmp::Reverse(len), i)
    });
    let mut kept = [(0usize, 0usize); SMALL_OVERLAP_SET];
    let mut len = 0;
    let mut keep = 0u64;
    for &i in order.iter() {
        let Some(&s) = spans.get(usize::from(i)) else {
            continue;
        };
        if s.is_empty() {
            continue;
        }
        let placed = &kept[..len];
        let pos = placed.partition_point(|&(start, _)| start < s.start);
        let before = pos > 0 && placed.get(pos - 1).is_some_and(|&(_, end)| end > s.start);
        let after = placed.get(pos).is_some_and(|&(start, _)| start < s.end);
        if !before && !after && len < SMALL_OVERLAP_SET {
            kept.copy_within(pos..len, pos + 1);
            kept[pos] = (s.start, s.end);
            len += 1;
            keep |= 1 << i;
        }
    }
    keep
}

/// [`kept_spans`] cluster by cluster. A candidate only competes with the
/// candidates it overlaps, so the spans are cut, in order of start, into
/// runs that overlap one another, and each run is resolved on its own: on
/// the stack when it is small, as most are in a long document with many
/// candidates, by [`kept_spans`] otherwise. Within a run the spans keep
/// their original order, which breaks ties, so the answer is the one
/// [`kept_spans`] gives for all the spans at once.
fn kept_clustered(spans: &[Span]) -> Vec<bool> {
    let mut keep = vec![false; spans.len()];
    // Empty spans never survive and never block another.
    let mut by_start: Vec<usize> = (0..spans.len()).filter(|&i| !spans[i].is_empty()).collect();
    by_start.sort_unstable_by_key(|&i| (spans[i].start, i));
    let mut cluster: Vec<usize> = Vec::new();
    let mut rest = by_start.as_slice();
    while let Some((&first, tail)) = rest.split_first() {
        cluster.clear();
        cluster.push(first);
        let mut end = spans[first].end;
        rest = tail;
        while let Some((&i, tail)) = rest.split_first() {
            if spans[i].start >= end {
                break;
            }
            end = end.max(spans[i].end);
            cluster.push(i);
            rest = tail;
        }
        cluster.sort_unstable();
        if cluster.len() <= SMALL_OVERLAP_SET {
            let mut local = [Span::default(); SMALL_OVERLAP_SET];
            for (slot, &i) in local.iter_mut().zip(&cluster) {
                *slot = spans[i];
            }
            let mask = kept_small(&local[..cluster.len()]);
            for (j, &i) in cluster.iter().enumerate() {
                keep[i] = mask >> j & 1 == 1;
            }
        } else {
            let local: Vec<Span> = cluster.iter().map(|&i| spans[i]).collect();
            for (&i, k) in cluster.iter().zip(kept_spans(&local)) {
                keep[i] = k;
            }
        }
    }
    keep
}

/// Which of `spans` survive: the longest of overlapping spans (on equal
/// length, the earlier one), never an empty one.
fn kept_spans(spans: &[Span]) -> Vec<bool> {
    // Longest first; stable, so recognizer order breaks ties.
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(spans[i].len()));
    let mut keep = vec![false; spans.len()];
    // Kept spans by start (start -> end). They never overlap, so a new span
    // can only clash with its neighbours; a B-tree keeps this O(n log n)
    // where a sorted Vec with inserts was quadratic on entity-dense documents.
    let mut kept: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for i in order {
        let s = spans[i];
        if s.is_empty() {
            continue;
        }
        let before = kept
            .range(..s.start)
            .next_back()
            .is_some_and(|(_, &end)| end > s.start);
        let after = kept
            .range(s.start..)
            .next()
            .is_some_and(|(&start, _)| start < s.end);
        if !before && !after {
            kept.insert(s.start, s.end);
            keep[i] = true;
        }
    }
    keep
}

/// Builds an [`Extractor`]: which types to find, and entries to add to the
/// built-in lexicons.
///
/// ```
/// use viet_text::{ExtractorBuilder, EntityType};
/// let ex = ExtractorBuilder::new().types(&[EntityType::Money, EntityType::Date]).build();
/// assert!(ex.extract("đạt 97%").is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct ExtractorBuilder {
    types: Vec<EntityType>,
    /// User organizations: (name as written, kind).
    pub(crate) extra_organizations: Vec<(String, OrgKind)>,
    /// User places: (name as written, kind).
    pub(crate) extra_locations: Vec<(String, LocationKind)>,
    /// User program trigger words: (trigger, kind).
    pub(crate) extra_program_triggers: Vec<(String, ProgramKind)>,
    /// User person names.
    pub(crate) extra_persons: Vec<String>,
}

impl Default for ExtractorBuilder {
    fn default() -> Self {
        ExtractorBuilder::new()
    }
}

impl ExtractorBuilder {
    /// All types, built-in lexicons only.
    ///
    /// ```
    /// let _ = viet_text::ExtractorBuilder::new().build();
    /// ```
    pub fn new() -> Self {
        ExtractorBuilder {
            types: EntityType::ALL.to_vec(),
            extra_organizations: Vec::new(),
            extra_locations: Vec::new(),
            extra_program_triggers: Vec::new(),
            extra_persons: Vec::new(),
        }
    }

    /// Adds an organization name to the built-in lexicon.
    ///
    /// ```
    /// use viet_text::{entity::OrgKind, ExtractorBuilder};
    /// let _ = ExtractorBuilder::new().add_organization("Hợp tác xã Rau sạch Đông Anh", OrgKind::Company).build();
    /// ```
    pub fn add_organization(mut self, name: &str, kind: OrgKind) -> Self {
        self.extra_organizations.push((name.to_owned(), kind));
        self
    }

    /// Adds a place name to the built-in lexicon.
    ///
    /// ```
    /// use viet_text::{entity::LocationKind, ExtractorBuilder};
    /// let _ = ExtractorBuilder::new().add_location("Bản Lác", LocationKind::Village).build();
    /// ```
    pub fn add_location(mut self, name: &str, kind: LocationKind) -> Self {
        self.extra_locations.push((name.to_owned(), kind));
        self
    }

    /// Adds a program trigger word (like `Chương trình`).
    ///
    /// ```
    /// use viet_text::{entity::ProgramKind, ExtractorBuilder};
    /// let _ = ExtractorBuilder::new().add_program_trigger("Sáng kiến", ProgramKind::Other).build();
    /// ```
    pub fn add_program_trigger(mut self, trigger: &str, kind: ProgramKind) -> Self {
        self.extra_program_triggers.push((trigger.to_owned(), kind));
        self
    }

    /// Adds a person's name.
    ///
    /// ```
    /// let _ = viet_text::ExtractorBuilder::new().add_person("Lò Văn Pọm").build();
    /// ```
    pub fn add_person(mut self, name: &str) -> Self {
        self.extra_persons.push(name.to_owned());
        self
    }

    /// Finds only these types.
    ///
    /// ```
    /// use viet_text::{ExtractorBuilder, EntityType};
    /// let _ = ExtractorBuilder::new().types(&[EntityType::Person]).build();
    /// ```
    pub fn types(mut self, types: &[EntityType]) -> Self {
        self.types = types.to_vec();
        self
    }

    /// Builds the extractor, compiling its matchers.
    ///
    /// ```
    /// let ex = viet_text::ExtractorBuilder::new().build();
    /// assert!(ex.extract("").is_empty());
    /// ```
    pub fn build(self) -> Extractor {
        // Recognizers whose types were not asked for are not run at all: the
        // candidates they would add are filtered out before overlaps are
        // resolved anyway, so the result is the same and the work is saved.
        let wanted = |r: &dyn Recognizer| r.produces().iter().any(|t| self.types.contains(t));
        // ---- numeric recognizers ----
        // Money, percent, quantity and date share one memo of the numbers
        // per document; only the requested ones run.
        let numeric = Some(numeric::NumericRecognizer::new(&self.types)).filter(|r| wanted(r));
        // ---- end numeric recognizers ----
        // ---- name recognizers ----
        // Compiling the name lexicons is the costliest part of building an
        // extractor: skip it when no name type is asked for.
        let name_types = [
            EntityType::Organization,
            EntityType::Program,
            EntityType::Location,
            EntityType::Person,
        ];
        let names = if name_types.iter().any(|t| self.types.contains(t)) {
            Some(names::NameRecognizer::new(&crate::lexicon::Extras {
                organizations: &self.extra_organizations,
                locations: &self.extra_locations,
                program_triggers: &self.extra_program_triggers,
                persons: &self.extra_persons,
            }))
        } else {
            None
        };
        // ---- end name recognizers ----
        let type_bits = self.types.iter().fold(0u8, |bits, &t| bits | 1 << t as u8);
        Extractor {
            numeric,
            names,
            types: self.types,
            type_bits,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(start: usize, end: usize) -> Entity {
        Entity::Percent(Percent {
            span: Span::new(start, end),
            text: String::new(),
            value: PercentValue::Exact {
                value: crate::Decimal::ONE,
            },
            qualifier: None,
        })
    }

    /// What `resolve_overlaps` gives for `candidates` (emptied), and what
    /// it should: the candidates `kept_spans` keeps, in text order.
    fn resolved_and_kept(candidates: &mut Vec<Entity>) -> (Vec<Entity>, Vec<Entity>) {
        let spans: Vec<Span> = candidates.iter().map(Entity::span).collect();
        let mut expected: Vec<Entity> = candidates
            .iter()
            .zip(kept_spans(&spans))
            .filter(|(_, k)| *k)
            .map(|(e, _)| e.clone())
            .collect();
        expected.sort_by_key(|e| e.span().start);
        (resolve_overlaps(candidates), expected)
    }

    #[test]
    fn overlaps_keep_the_longest_and_text_order() {
        let mut candidates = vec![
            pct(0, 3),
            pct(2, 9),
            pct(9, 12),
            pct(8, 10),
            pct(20, 22),
            pct(12, 13),
        ];
        let got = resolve_overlaps(&mut candidates);
        assert!(candidates.is_empty(), "the buffer is handed back empty");
        let spans: Vec<_> = got.iter().map(|e| (e.span().start, e.span().end)).collect();
        assert_eq!(spans, [(2, 9), (9, 12), (12, 13), (20, 22)]);
    }

    #[test]
    fn recognizers_of_unrequested_types_do_not_run() {
        let all = Extractor::new().recognizer_count();
        let percent = Extractor::builder().types(&[EntityType::Percent]).build();
        assert_eq!(percent.recognizer_count(), 1, "only the percent recognizer runs");
        assert!(all > 1);
        assert_eq!(percent.extract("đạt 97% và 12 hộ").len(), 1);
    }

    proptest::proptest! {
        /// The survivors `resolve_overlaps` returns (their spans and their
        /// texts, which tell the candidates apart) are those `kept_spans`
        /// keeps, in text order; the candidate buffer is left empty.
        #[test]
        fn resolved_entities_are_the_kept_ones(raw in proptest::collection::vec((0usize..60, 0usize..12), 0..=SMALL_OVERLAP_SET + 8)) {
            let mut candidates: Vec<Entity> = raw
                .iter()
                .enumerate()
                .map(|(k, &(s, l))| {
                    let mut e = pct(s, s + l);
                    if let Entity::Percent(p) = &mut e {
                        p.text = k.to_string();
                    }
                    e
                })
                .collect();
            let (got, expected) = resolved_and_kept(&mut candidates);
            proptest::prop_assert!(candidates.is_empty());
            proptest::prop_assert_eq!(got, expected);
        }

        /// As above with the candidates in text order, mostly apart (the
        /// common case, whose survivors skip the sort): the same answer.
        #[test]
        fn resolved_ordered_candidates_are_the_kept_ones(raw in proptest::collection::vec((0usize..6, 0usize..5), 0..=SMALL_OVERLAP_SET)) {
            let mut at = 0;
            let mut candidates: Vec<Entity> = raw
                .iter()
                .enumerate()
                .map(|(k, &(gap, l))| {
                    at += gap;
                    let mut e = pct(at, at + l);
                    if let Entity::Percent(p) = &mut e {
                        p.text = k.to_string();
                    }
                    e
                })
                .collect();
            let (got, expected) = resolved_and_kept(&mut candidates);
            proptest::prop_assert_eq!(got, expected);
        }

        /// `kept_in_order` says whether the kept spans' starts increase.
        #[test]
        fn kept_in_order_is_told_right(raw in proptest::collection::vec((0usize..40, 0usize..6), 0..=SMALL_OVERLAP_SET), keep in proptest::num::u64::ANY) {
            let spans: Vec<Span> = raw.iter().map(|&(s, l)| Span::new(s, s + l)).collect();
            let starts: Vec<usize> = spans
                .iter()
                .enumerate()
                .filter(|&(i, _)| keep >> i & 1 == 1)
                .map(|(_, s)| s.start)
                .collect();
            let keep = if spans.len() < 64 { keep & ((1u64 << spans.len()) - 1) } else { keep };
            proptest::prop_assert_eq!(kept_in_order(&spans, keep), starts.windows(2).all(|w| w[0] < w[1]));
        }

        /// Taking the text at the entity's own span is moving it there.
        #[test]
        fn take_text_is_relocate_in_place(s in 0usize..12, l in 0usize..12, cap in proptest::bool::ANY) {
            let source = "Hà Nội có 97% số hộ";
            let mut a = pct(s, s + l);
            if cap {
                if let Entity::Percent(p) = &mut a {
                    p.text = "xyz".to_owned();
                }
            }
            let mut b = a.clone();
            a.take_text(source);
            let span = b.span();
            b.relocate(span, source);
            proptest::prop_assert_eq!(a, b);
        }

        /// The stack and the B-tree ways of resolving overlaps agree.
        #[test]
        fn both_overlap_paths_agree(raw in proptest::collection::vec((0usize..60, 0usize..12), 0..=SMALL_OVERLAP_SET)) {
            let spans: Vec<Span> = raw.iter().map(|&(s, l)| Span::new(s, s + l)).collect();
            proptest::prop_assert_eq!(small_as_bools(&spans), kept_spans(&spans));
        }
    }

    proptest::proptest! {
        /// The bit-set way and the sorted way agree: on random spans (many
        /// overlapping), on spans in text order and apart (the one-pass
        /// answer), and on such spans shuffled, with empty ones among them.
        #[test]
        fn bit_set_and_sorted_agree(
            raw in proptest::collection::vec((0usize..80, 0usize..12), 0..=SMALL_OVERLAP_SET),
            gaps in proptest::collection::vec((0usize..4, 0usize..9), 0..=SMALL_OVERLAP_SET),
            rot in 0usize..64,
        ) {
            let spans: Vec<Span> = raw.iter().map(|&(s, l)| Span::new(s, s + l)).collect();
            proptest::prop_assert_eq!(kept_small(&spans), kept_small_sorted(&spans));
            let mut at = 0;
            let mut apart: Vec<Span> = gaps
                .iter()
                .map(|&(g, l)| {
                    let s = Span::new(at + g, at + g + l);
                    at = s.end;
                    s
                })
                .collect();
            proptest::prop_assert_eq!(kept_small(&apart), kept_small_sorted(&apart));
            let all_non_empty = apart.iter().enumerate().fold(0u64, |m, (i, s)| {
                if s.is_empty() { m } else { m | 1 << i }
            });
            proptest::prop_assert_eq!(kept_small(&apart), all_non_empty);
            let k = if apart.is_empty() { 0 } else { rot % apart.len() };
            apart.rotate_left(k);
            proptest::prop_assert_eq!(kept_small(&apart), kept_small_sorted(&apart));
            // Told in order: every non-empty span survives, in text order
            // (the extractor then skips `kept_in_order`); the unrotated
            // spans apart are always told so.
            proptest::prop_assert!(k != 0 || kept_small_told(&apart).1 || gaps.len() > SMALL_OVERLAP_SET);
            for s in [&spans, &apart] {
                let (keep, in_order) = kept_small_told(s);
                let non_empty = s.iter().enumerate().fold(0u64, |m, (i, x)| if x.is_empty() { m } else { m | 1 << i });
                if in_order {
                    proptest::prop_assert_eq!(keep, non_empty);
                    proptest::prop_assert!(kept_in_order(s, keep));
                }
            }
        }
    }

    #[test]
    fn type_bits_cover_every_type() {
        let all = EntityType::ALL.iter().fold(0u8, |b, &t| b | 1 << t as u8);
        assert_eq!(all, ALL_TYPE_BITS);
        assert_eq!(Extractor::new().type_bits, ALL_TYPE_BITS);
        let some = Extractor::builder()
            .types(&[EntityType::Person, EntityType::Date])
            .build();
        assert_eq!(
            some.type_bits,
            1 << EntityType::Person as u8 | 1 << EntityType::Date as u8
        );
        // Only the asked types come out, from both recognizers.
        let text = "Ngày 2/9/1945, ông Nguyễn Văn An đến Hà Nội, giá tăng 97%.";
        let got = some.extract(text);
        assert!(got
            .iter()
            .all(|e| matches!(e.entity_type(), EntityType::Person | EntityType::Date)));
        let full: Vec<Entity> = Extractor::new()
            .extract(text)
            .into_iter()
            .filter(|e| matches!(e.entity_type(), EntityType::Person | EntityType::Date))
            .collect();
        assert!(!got.is_empty());
        assert!(got.iter().all(|e| full.contains(e)));
    }

    /// [`kept_small`]'s bit mask as the B-tree path's `Vec<bool>`.
    fn small_as_bools(spans: &[Span]) -> Vec<bool> {
        let mask = kept_small(spans);
        (0..spans.len()).map(|i| mask >> i & 1 == 1).collect()
    }

    #[test]
    fn reused_buffers_do_not_carry_over_between_documents() {
        // The same texts, one after another on one thread (buffers reused,
        // including a document too large to keep its buffer) and each on a
        // fresh thread (buffers new), give the same entities.
        let big = "Ngày 2/9/1945, 97% và 12 hộ. ".repeat(40_000);
        let texts = [
            "Ngày 19/12/2025 giá tăng 2,5%, đạt 92,9 triệu đồng.",
            "",
            big.as_str(),
            "UBND tỉnh Quảng Ninh chi 5 tỷ đồng cho 104/104 hộ.",
            "Không có số nào.",
            "đạt 97%",
        ];
        let ex = Extractor::new();
        let together: Vec<Vec<Entity>> = texts.iter().map(|t| ex.extract(t)).collect();
        for (text, got) in texts.iter().zip(&together) {
            let fresh = std::thread::scope(|s| s.spawn(|| ex.extract(text)).join());
            assert_eq!(fresh.ok().as_ref(), Some(got));
        }
        assert!(together[0].len() >= 3 && together[1].is_empty() && together[3].len() >= 3);
    }

    proptest::proptest! {
        /// Resolving cluster by cluster gives what resolving all at once
        /// gives, with clusters small and large, and empty spans.
        #[test]
        fn clusters_agree_with_the_tree(
            raw in proptest::collection::vec((0usize..2_000, 0usize..40), 0..400),
            dense in proptest::collection::vec((0usize..60, 0usize..30), 0..120),
        ) {
            let mut spans: Vec<Span> = raw.iter().map(|&(s, l)| Span::new(s, s + l)).collect();
            spans.extend(dense.iter().map(|&(s, l)| Span::new(500 + s, 500 + s + l)));
            proptest::prop_assert_eq!(kept_clustered(&spans), kept_spans(&spans));
        }
    }

    #[test]
    fn small_overlap_path_is_taken_and_matches_the_tree() {
        // Many overlapping candidates (over SMALL_OVERLAP_SET) and few.
        let many: Vec<Entity> = (0..200).map(|k| pct(k * 3, k * 3 + 2 + k % 3)).collect();
        let spans: Vec<Span> = many.iter().map(Entity::span).collect();
        assert_eq!(
            small_as_bools(&spans[..SMALL_OVERLAP_SET]),
            kept_spans(&spans[..SMALL_OVERLAP_SET])
        );
        let got = resolve_overlaps(&mut many.clone());
        assert!(got.windows(2).all(|w| w[0].span().end <= w[1].span().start));
        assert_eq!(
            resolve_overlaps(&mut vec![pct(4, 4)]),
            Vec::new(),
            "an empty span is dropped"
        );
    }

    #[test]
    fn no_candidate_or_one_is_what_the_iterator_gave() {
        // The shortcut for zero or one candidate against the old collect.
        let old =
            |c: &mut Vec<Entity>| -> Vec<Entity> { c.drain(..).filter(|e| !e.span().is_empty()).collect() };
        for case in [
            vec![],
            vec![pct(4, 4)],
            vec![pct(0, 0)],
            vec![pct(3, 7)],
            vec![pct(0, 1)],
        ] {
            let (mut a, mut b) = (case.clone(), case);
            assert_eq!(resolve_overlaps(&mut a), old(&mut b));
            assert!(a.is_empty(), "the buffer is handed back empty");
        }
    }

    /// `(type, text)` of what the extractor finds in `text`, deferring the
    /// `N tháng` quantities or not; asserts that both agree.
    fn deferred_and_not(text: &str) -> Vec<(EntityType, String)> {
        let x = Extractor::new();
        let on = x.extract_deferring(text, &mut Scratch::new(), true, true);
        let off = x.extract_deferring(text, &mut Scratch::new(), false, true);
        assert_eq!(on, off, "deferral changes the answer on {text:?}");
        on.iter()
            .map(|e| (e.entity_type(), e.text().to_owned()))
            .collect()
    }

    #[test]
    fn deferred_month_quantities_change_nothing() {
        use EntityType as T;
        let has =
            |got: &[(EntityType, String)], t: EntityType, s: &str| got.iter().any(|(a, b)| *a == t && b == s);
        // The date wins: the deferred quantity is beaten.
        let got = deferred_and_not("Buổi lễ khai mạc vào ngày 12 tháng 5 năm nay ở nhà văn hoá.");
        assert!(got.iter().all(|(t, _)| *t != T::Quantity), "{got:?}");
        assert!(
            got.iter().any(|(t, s)| *t == T::Date && s.contains("12 tháng 5")),
            "{got:?}"
        );
        // Money beats the date and the quantity survives (the document is
        // recognized again).
        let got = deferred_and_not("Chị ấy được thưởng 12 tháng 10 triệu đồng mỗi năm.");
        assert!(has(&got, T::Money, "10 triệu đồng"), "{got:?}");
        assert!(has(&got, T::Quantity, "12 tháng"), "{got:?}");
        // A lead-in makes the quantity longer than the date.
        let got = deferred_and_not("Nhóm thợ làm suốt hơn 12 tháng 5 ngôi nhà mới xong.");
        assert!(has(&got, T::Quantity, "hơn 12 tháng"), "{got:?}");
        // Ranges, and a day list.
        for text in [
            "Mỗi đợt kéo dài 3 - 6 tháng 2 lần một năm.",
            "Lớp học từ 8 tháng 3 đến 20 tháng 4 sẽ nghỉ.",
            "Các ngày 2 tháng 9, 30 tháng 4 và 1 tháng 5 là ngày lễ.",
            "Dự án cần từ 6 tháng 2 tuần để xong.",
            "Lương tháng 13 là 12 tháng 3 triệu, ít nhất 2 tháng 15 ngày.",
        ] {
            deferred_and_not(text);
        }
    }

    /// A day list is deferred (the test above could not fail otherwise).
    #[test]
    fn a_day_list_is_deferred() {
        let doc = Document::new("Anh ấy làm 12 tháng 5 ngày.");
        let mut out = Vec::new();
        let mut deferred = Vec::new();
        crate::entity::numeric::NumericRecognizer::new(&[EntityType::Quantity]).recognize_deferring(
            &doc,
            &mut out,
            Some(&mut deferred),
        );
        assert!(out.is_empty(), "{out:?}");
        assert_eq!(deferred.len(), 1, "{deferred:?}");
        assert!(!numeric::deferred_are_beaten(&deferred, &[]));
        let mut out = Vec::new();
        crate::entity::numeric::NumericRecognizer::new(&[EntityType::Quantity]).recognize(&doc, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        /// Deferring the `N tháng` quantities changes no answer, on random
        /// numeric-heavy Vietnamese-like text.
        #[test]
        fn deferral_on_and_off_agree(words in proptest::collection::vec(0usize..40, 0..40)) {
            const WORDS: [&str; 40] = [
                "12", "5", "3", "2024", "1,5", "tháng", "tháng", "tháng", "Tháng", "ngày",
                "năm", "hơn", "từ", "đến", "-", "–", "triệu", "đồng", "lương", "khoảng",
                "ít nhất", "gần", "%", "kg", ",", ".", "Hà Nội", "ông", "Nguyễn Văn An", "tuổi",
                "lần", "tới", "giờ", "quý", "30", "8", "9/2", "USD", "mỗi", "trong",
            ];
            let text = words.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
            deferred_and_not(&text);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        /// Tokenizing before normalizing changes no answer, on random
        /// Vietnamese-like text with words that normalization changes
        /// (misplaced and doubled marks, decomposed letters, old-style
        /// tones, NFC singletons) and characters around them.
        #[test]
        fn tokenizing_first_changes_nothing(words in proptest::collection::vec(0usize..50, 0..30)) {
            const WORDS: [&str; 50] = [
                // Words read only once normalized.
                "Ha\u{0300} No\u{0323}\u{0302}i", "Qua\u{0309}ng Ninh", "triêụ", "đo\u{0302}\u{0300}ng",
                "Nga\u{0300}y 23/1 na\u{0306}m 2021", "na\u{0306}m 2020",
                "Ông", "Nguyễn", "Văn", "An", "ở", "Thanh Hóa", "Thanh Hoá", "hòa", "hoà", "sọan", "qủa",
                "Tie\u{0302}\u{0301}ng", "Vie\u{0323}\u{0302}t", "UBND", "tỉnh", "Quảng Ninh", "chi",
                "92,9", "triệu", "đồng", "12%", "ngày", "12/3/2025", "“", "”", "–", ".", ",", "(", ")",
                "\u{2000}", "\u{2126}", "\u{F900}", "\u{A0}", "\n", "α", "東", "Hội", "Nông dân",
                "thuỷ", "uơ", "\u{0301}", "Bộ", "Y tế",
            ];
            let mut texts = vec![words.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ")];
            texts.push(texts[0].replace(' ', ""));
            // All types (the name recognizer tokenizes) and the numeric
            // types alone (the plain tokenizer's check).
            let numeric = Extractor::builder()
                .types(&[EntityType::Money, EntityType::Percent, EntityType::Quantity, EntityType::Date])
                .build();
            for x in [&Extractor::new(), &numeric] {
                for text in &texts {
                    let first = x.extract_deferring(text, &mut Scratch::new(), true, true);
                    let plain = x.extract_deferring(text, &mut Scratch::new(), true, false);
                    proptest::prop_assert_eq!(first, plain, "{:?}", text);
                }
            }
        }
    }

    #[test]
    fn extractor_is_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Extractor>();
    }

    #[test]
    fn spans_map_back_to_decomposed_input() {
        let text = "Ti\u{0309}\u{0302} le\u{0323}\u{0302} đa\u{0323}t 97%";
        let e = Extractor::new().extract(text);
        assert_eq!(e.len(), 1);
        assert_eq!(&text[e[0].span().range()], "97%");
        assert_eq!(e[0].text(), "97%");
    }
}
