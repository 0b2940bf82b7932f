//! Unicode and orthographic normalization of Vietnamese text.
//!
//! [`normalize`] turns any input into NFC, including decomposed text, base
//! letters followed by combining tone marks (Windows-1258 style), the
//! deprecated tone marks U+0340/U+0341 and a tone mark typed before the
//! shape mark (`a` + U+0301 + U+0302 → `ấ`, which NFC alone leaves as
//! `á` + U+0302). It repairs tone marks that no style allows (`qủa` →
//! `quả`, `gía` → `giá`, `baỏ` → `bảo`, `nứơc` → `nước`, `dàì` → `dài`) and
//! can move marks to the old or new style ([`ToneStyle`]); words that are
//! not Vietnamese syllables (Toyota, email, iPhone) are left alone.
//! Clean-ups of zero-width characters, spaces, quotes and `ð` are opt-in.
//!
//! Every function returns `Cow::Borrowed` when nothing changes; clean NFC
//! text is recognized by one fast scan. [`normalize_with_map`] also returns
//! an [`OffsetMap`] from output offsets back to input offsets.
//!
//! ```
//! use viet_text::normalize::{normalize, NormalizeOptions, ToneStyle};
//! let text = "Vie\u{0302}\u{0323}t Nam";
//! assert_eq!(normalize(text, &NormalizeOptions::default()), "Việt Nam");
//! let opts = NormalizeOptions { tone: ToneStyle::New, ..Default::default() };
//! assert_eq!(normalize("Khánh Hòa, thủy lợi", &opts), "Khánh Hoà, thuỷ lợi");
//! ```

mod fold;
mod offset_map;
mod scan;
mod stages;

pub use fold::{fold, fold_lower};
pub use offset_map::OffsetMap;

pub(crate) use scan::is_nfc_stable;
use scan::{Checks, Cleanup};
use std::borrow::Cow;

/// Whether normalization's tone stage counts `c` as a char of a word
/// (letters and combining marks): the words whose marks it may rewrite are
/// the runs of such chars.
pub(crate) fn is_word_char(c: char) -> bool {
    scan::is_word_char(&crate::syllable::TABLE, c)
}

/// Where the tone mark goes in the rhymes where the two conventions differ
/// (open `oa`, `oe`, `uy`).
///
/// ```
/// use viet_text::{normalize::to_style, ToneStyle};
/// assert_eq!(to_style("hoà", ToneStyle::Old), "hòa");
/// assert_eq!(to_style("hòa", ToneStyle::New), "hoà");
/// assert_eq!(to_style("hòa", ToneStyle::Keep), "hòa");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ToneStyle {
    /// Traditional placement: `hòa`, `thủy`, `khỏe`.
    Old,
    /// Modern placement (textbook rules): `hoà`, `thuỷ`, `khoẻ`.
    New,
    /// Leave placement as written, still repairing marks no style allows.
    #[default]
    Keep,
}

/// What [`normalize`] does besides NFC. `Default` is NFC plus the repair of
/// misplaced tone marks ([`ToneStyle::Keep`]), with no clean-ups.
///
/// ```
/// use viet_text::{normalize, NormalizeOptions, ToneStyle};
/// let opts = NormalizeOptions { tone: ToneStyle::New, ..Default::default() };
/// assert_eq!(opts.tone, ToneStyle::New);
/// let all = NormalizeOptions::default().with_cleanups();
/// assert_eq!(normalize("Ðà\u{00A0}Nẵng  “mới”", &all), "Đà Nẵng \"mới\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NormalizeOptions {
    /// Tone-mark placement.
    pub tone: ToneStyle,
    /// Remove zero-width and invisible format characters (ZWSP, ZWNJ, ZWJ,
    /// LRM, RLM, word joiner, BOM, soft hyphen).
    pub remove_zero_width: bool,
    /// Turn NBSP and other non-ASCII space characters into a plain space.
    pub unify_spaces: bool,
    /// Collapse every run of white space within a line (spaces, tabs, NBSP …)
    /// into one plain space; line breaks stay.
    pub collapse_whitespace: bool,
    /// Straighten curly quotes (‘ ’ ‚ ‛ → `'`, “ ” „ ‟ → `"`).
    pub straighten_quotes: bool,
    /// Repair `ð`/`Ð`/`Ɖ` typed for `đ`/`Đ`.
    pub fix_eth: bool,
}

impl NormalizeOptions {
    /// These options with every clean-up switched on.
    ///
    /// ```
    /// let o = viet_text::NormalizeOptions::default().with_cleanups();
    /// assert!(o.remove_zero_width && o.unify_spaces && o.collapse_whitespace);
    /// assert!(o.straighten_quotes && o.fix_eth);
    /// ```
    pub fn with_cleanups(self) -> Self {
        NormalizeOptions {
            remove_zero_width: true,
            unify_spaces: true,
            collapse_whitespace: true,
            straighten_quotes: true,
            fix_eth: true,
            ..self
        }
    }

    /// These options with tone style `tone`.
    ///
    /// ```
    /// use viet_text::{NormalizeOptions, ToneStyle};
    /// assert_eq!(NormalizeOptions::default().with_tone(ToneStyle::Old).tone, ToneStyle::Old);
    /// ```
    pub fn with_tone(self, tone: ToneStyle) -> Self {
        NormalizeOptions { tone, ..self }
    }
}

/// A normalized text and the map from its byte offsets back to the input's.
///
/// ```
/// use viet_text::{normalize_with_map, NormalizeOptions};
/// let n = normalize_with_map("Ha\u{0300} No\u{0302}\u{0323}i", &NormalizeOptions::default());
/// assert_eq!(n.text, "Hà Nội");
/// ```
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    /// The normalized text (borrowed when nothing changed).
    pub text: Cow<'a, str>,
    /// Output offsets → input offsets.
    pub map: OffsetMap,
}

impl<'a> Normalized<'a> {
    pub(crate) fn unchanged(text: &'a str) -> Self {
        Normalized {
            text: Cow::Borrowed(text),
            map: OffsetMap::identity(text.len()),
        }
    }
}

/// Normalizes `text` with `opts`. Returns `Cow::Borrowed` when nothing changes.
///
/// ```
/// use viet_text::{normalize, NormalizeOptions};
/// let opts = NormalizeOptions::default();
/// assert!(matches!(normalize("Hà Nội", &opts), std::borrow::Cow::Borrowed(_)));
/// assert_eq!(normalize("a\u{0301}\u{0302}", &opts), "ấ");
/// assert_eq!(normalize("qủa gía", &opts), "quả giá");
/// assert_eq!(normalize("Toyota", &opts), "Toyota");
/// ```
pub fn normalize<'a>(text: &'a str, opts: &NormalizeOptions) -> Cow<'a, str> {
    normalize_with_map(text, opts).text
}

/// Normalizes `text` with `opts` and returns the offset map back to `text`.
///
/// ```
/// use viet_text::{normalize_with_map, NormalizeOptions, Span};
/// let n = normalize_with_map("Huế", &NormalizeOptions::default());
/// assert!(n.map.is_identity());
///
/// let opts = NormalizeOptions::default().with_cleanups();
/// let input = "Sở\u{200B}  Y\u{00A0}tế";
/// let n = normalize_with_map(input, &opts);
/// assert_eq!(n.text, "Sở Y tế");
/// let span = n.map.span_to_original(Span::new(5, 11)); // "Y tế"
/// assert_eq!(&input[span.range()], "Y\u{00A0}tế");
/// ```
pub fn normalize_with_map<'a>(text: &'a str, opts: &NormalizeOptions) -> Normalized<'a> {
    // A short text (a document per call): `scan::find`'s short path, with
    // its first look before any set-up (most short clean texts have no
    // lead that may need a visit).
    if text.len() <= scan::SHORT && !opts.collapse_whitespace {
        return match scan::first_visit(text.as_bytes(), 0) {
            None => Normalized::unchanged(text),
            Some(first) => normalize_short_from(text, opts, first),
        };
    }
    let cleanup = Cleanup::from_options(opts);
    let checks = Checks {
        nfc: true,
        cleanup,
        tone: Some(opts.tone),
    };
    if scan::find(text, 0, &checks).is_none() {
        return Normalized::unchanged(text);
    }
    run_stages(text, cleanup, Some(opts.tone))
}

/// [`normalize_with_map`] of a short text without white-space collapsing,
/// from its first lead that may need a visit (`first`).
#[inline(never)]
fn normalize_short_from<'a>(text: &'a str, opts: &NormalizeOptions, first: usize) -> Normalized<'a> {
    let cleanup = Cleanup::from_options(opts);
    let checks = Checks {
        nfc: true,
        cleanup,
        tone: Some(opts.tone),
    };
    if scan::find_short_from(text, 0, first, &checks, opts.tone).is_none() {
        return Normalized::unchanged(text);
    }
    run_stages(text, cleanup, Some(opts.tone))
}

/// Runs the stages that have work to do, composing their maps.
#[inline(never)]
fn run_stages(text: &str, cleanup: Cleanup, tone: Option<ToneStyle>) -> Normalized<'_> {
    let mut current: Option<(String, OffsetMap)> = None;
    let mut apply = |stage: &dyn Fn(&str) -> Option<(String, OffsetMap)>| {
        let input = current.as_ref().map_or(text, |(s, _)| s.as_str());
        if let Some((s, m)) = stage(input) {
            let map = match &current {
                Some((_, prev)) => prev.compose(&m),
                None => m,
            };
            current = Some((s, map));
        }
    };
    if cleanup.any_char() {
        apply(&|t| stages::clean_chars(t, cleanup));
    }
    if cleanup.collapse {
        apply(&stages::collapse_whitespace);
    }
    let nfc_checks = Checks {
        nfc: true,
        cleanup: Cleanup::default(),
        tone: None,
    };
    apply(&|t| scan::find(t, 0, &nfc_checks).and_then(|_| stages::nfc(t)));
    if let Some(style) = tone {
        apply(&|t| stages::tone(t, style));
    }
    match current {
        Some((s, map)) if s != text => Normalized {
            text: Cow::Owned(s),
            map,
        },
        _ => Normalized::unchanged(text),
    }
}

/// NFC, with the mark-order repair (`a` + U+0301 + U+0302 → `ấ`) and
/// U+0340/U+0341 replaced; no tone-placement change or clean-up.
///
/// ```
/// use viet_text::normalize::nfc;
/// assert_eq!(nfc("e\u{0301}"), "é");
/// assert_eq!(nfc("a\u{0301}\u{0302}"), "ấ");
/// assert_eq!(nfc("qủa"), "qủa");
/// ```
pub fn nfc(text: &str) -> Cow<'_, str> {
    let checks = Checks {
        nfc: true,
        cleanup: Cleanup::default(),
        tone: None,
    };
    if scan::find(text, 0, &checks).is_none() {
        return Cow::Borrowed(text);
    }
    run_stages(text, Cleanup::default(), None).text
}

/// Puts tone marks where `style` wants them (`hòa` ↔ `hoà`), repairing
/// misplaced and doubled marks; the text is also brought to NFC. Words that
/// are not Vietnamese syllables are left alone.
///
/// ```
/// use viet_text::{normalize::to_style, ToneStyle};
/// assert_eq!(to_style("Hoà bình, THUỶ lợi", ToneStyle::Old), "Hòa bình, THỦY lợi");
/// assert_eq!(to_style("Hòa bình, thủy lợi", ToneStyle::New), "Hoà bình, thuỷ lợi");
/// assert_eq!(to_style("nứơc baỏ", ToneStyle::Keep), "nước bảo");
/// ```
pub fn to_style(text: &str, style: ToneStyle) -> Cow<'_, str> {
    normalize(text, &NormalizeOptions::default().with_tone(style))
}
