//! Money: `92,9 triệu đồng`, `2,5 tỷ USD`, `từ 5 đến 7 triệu đồng`.
//!
//! An amount is money when a currency word or sign is written with it
//! (`đồng`, `đ`, `USD`, `$`, `đô la Mỹ`, `€` …, from
//! `data/numeric/currencies.txt`), or when it is a member of a range or a
//! coordination whose last member has one (`từ 2-4 tỷ đồng`, `1.960 tỷ và
//! 1.590 tỷ đồng`). A bounding word before it is its qualifier; a written
//! minus sign makes it negative. Vague amounts (`hàng trăm tỷ đồng`) are
//! not money: a number must be written.
//!
//! ```
//! use viet_text::{Entity, Extractor};
//! let text = "Tổng vốn gần 1 tỷ 200 triệu đồng.";
//! let Entity::Money(m) = &Extractor::new().extract(text)[0] else { panic!() };
//! assert_eq!(m.text, "gần 1 tỷ 200 triệu đồng");
//! assert_eq!(m.currency, "VND");
//! ```

use super::numeric::{
    adjacent, currency_at, ends_at_next, inline_gap, is_code_part, is_dash, is_word, minus_before,
    qualifier_before, read_number, span_of, spelled_ends_at_next, starts, starts_one_of, NumDoc, NumberRead,
    PhraseTable, Starts, CURRENCIES, SCALE_STARTS,
};
use super::{Amount, Document, Entity, Qualifier, Recognizer};
use crate::span::Span;
use crate::token::TokenKind;
use serde::Serialize;
use std::sync::LazyLock;

/// An amount of money.
///
/// ```
/// use viet_text::entity::{Amount, Money};
/// let m = Money { span: viet_text::Span::new(0, 5), text: "5 USD".into(),
///     amount: Amount::Exact { amount: "5".parse().unwrap() }, currency: "USD".into(), qualifier: None };
/// assert_eq!(serde_json::to_string(&m).unwrap(),
///     r#"{"start":0,"end":5,"text":"5 USD","amount":"5","currency":"USD"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Money {
    /// Byte span in the input.
    #[serde(flatten)]
    pub span: Span,
    /// The input at `span`.
    pub text: String,
    /// The amount or range, in units of the currency.
    #[serde(flatten)]
    pub amount: Amount,
    /// ISO 4217 code (`VND`, `USD`, …).
    pub currency: String,
    /// A bounding word before the number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
}

/// Finds money amounts.
pub(crate) struct MoneyRecognizer;

impl MoneyRecognizer {
    pub(crate) fn new() -> Self {
        MoneyRecognizer
    }
}

/// Longest coordination followed: `A, B, C và D tỷ đồng`.
const MAX_MEMBERS: usize = 6;

/// A number followed by its currency: code and index after the currency.
fn with_currency(doc: &NumDoc<'_, '_>, n: &NumberRead) -> Option<(&'static str, usize)> {
    with_currency_at(doc, n.end)
}

/// [`with_currency`] for a number that ends before token `at` (≥ 1).
///
/// Inline: most words after a number start no currency phrase and are
/// rejected by `PhraseTable::may_start_at` (the look-up would find none).
#[inline]
fn with_currency_at(doc: &NumDoc<'_, '_>, at: usize) -> Option<(&'static str, usize)> {
    with_currency_in(&CURRENCIES, doc, at)
}

/// [`with_currency_at`] given the currency table (a loop over anchors
/// takes it once, not at every number: each `CURRENCIES` use tests that
/// the table was built).
#[inline(always)]
fn with_currency_in(
    currencies: &PhraseTable<&'static str>,
    doc: &NumDoc<'_, '_>,
    at: usize,
) -> Option<(&'static str, usize)> {
    if !currencies.may_start_at(doc, at) {
        return None;
    }
    with_currency_listed(doc, at)
}

/// By first byte: bit `n` (1 ≤ `n` < 32) set when a token of `n` bytes
/// with that first byte may matter right after a number's digits: the
/// union of the three filters of the digits' early reject in
/// [`MoneyRecognizer::run`] — the number may go on (`SCALE_STARTS`, see
/// `ends_at_next`), a currency may start there
/// ([`PhraseTable::may_start_lens`]), or a second member
/// ([`MEMBER_STARTS`], see [`may_borrow`]).
static AFTER_DIGITS: LazyLock<[u32; 256]> = LazyLock::new(|| {
    let mut t = [0u32; 256];
    for (b, bits) in (0..=255u8).zip(t.iter_mut()) {
        *bits = SCALE_STARTS.of(b) | MEMBER_STARTS.of(b) | CURRENCIES.may_start_lens(b);
    }
    t
});

/// True only when the reading of the digits at token `i` ends right after
/// them, no currency starts after them and [`may_borrow`] is false there
/// (what the early reject of [`MoneyRecognizer::run`] asks, on the fast
/// path): no next token, or one that is no number with a first byte and
/// length that fail all three filters ([`AFTER_DIGITS`], given as
/// `after`) — one table test for the usual token after a number (`,`,
/// `.`, `)`, most words). False says nothing.
#[inline(always)]
fn nothing_after_digits(doc: &NumDoc<'_, '_>, after: &[u32; 256], i: usize) -> bool {
    match doc.tokens.get(i + 1) {
        None => true,
        Some(n) => {
            let b = n.text.as_bytes();
            n.kind != TokenKind::Number
                && b.first()
                    .is_some_and(|&f| b.len() < 32 && after[usize::from(f)] & (1 << b.len()) == 0)
        }
    }
}

/// [`with_currency_at`] for a token that may start a currency.
#[inline(never)]
fn with_currency_listed(doc: &NumDoc<'_, '_>, at: usize) -> Option<(&'static str, usize)> {
    // A dash (`–`, two in three of the tokens that get here on viwiki: year
    // ranges `1990–2000`, whose first byte `may_start_at` leaves to the
    // look-up) starts no currency (a test checks the table): skip the
    // look-up, which would lower-case and hash it.
    if doc.fast && is_dash(doc, at) {
        return None;
    }
    let gap_ok = adjacent(doc, at - 1) || inline_gap(doc, at - 1);
    if !gap_ok {
        return None;
    }
    let (code, end) = currency_at(doc, at)?;
    // `đ` glued to more letters is a word, and `đồng` in `Huy chương Đồng` is bronze.
    let cur = &doc.tokens[at];
    if cur.kind == TokenKind::Syllable && cur.is_capitalized() && code == "VND" && cur.text != "VNĐ" {
        return None;
    }
    Some((code, end))
}

/// What follows a number: a range's second member, a coordinated member,
/// or nothing.
fn second_member(doc: &NumDoc<'_, '_>, n: &NumberRead) -> Option<(usize, bool)> {
    second_member_at(doc, n.end, true)
}

/// [`second_member`] after the number that ends before token `j`; with
/// `filter`, a token without the first byte and length of a dash, `đến`,
/// `tới`, `,`, `và` or `hoặc` is rejected at once (tests compare both).
#[inline(always)]
pub(crate) fn second_member_at(doc: &NumDoc<'_, '_>, j: usize, filter: bool) -> Option<(usize, bool)> {
    if filter && !starts_one_of(doc, j, &MEMBER_STARTS) {
        return None;
    }
    second_member_unfiltered(doc, j)
}

/// The first bytes and lengths of what [`second_member_unfiltered`] accepts
/// at its token: a dash, `đến`, `tới`, `,`, `và` or `hoặc` (in either case
/// of the first letter; see [`starts_one_of`]).
const MEMBER_STARTS: Starts = starts(&[
    "-", "–", "—", "‐", "‑", ",", "đến", "Đến", "tới", "Tới", "và", "Và", "hoặc", "Hoặc",
]);

/// The rest of [`second_member_at`], out of line (most tokens after a
/// number fail its inline filter).
#[inline(never)]
fn second_member_unfiltered(doc: &NumDoc<'_, '_>, j: usize) -> Option<(usize, bool)> {
    if j == 0 || !(inline_gap(doc, j - 1) || adjacent(doc, j - 1)) {
        return None;
    }
    let t = doc.tokens.get(j)?;
    if is_dash(doc, j) || is_word(doc, j, "đến") || is_word(doc, j, "tới") {
        return Some((j + 1, true));
    }
    if (t.text == "," || is_word(doc, j, "và") || is_word(doc, j, "hoặc")) && inline_gap(doc, j) {
        return Some((j + 1, false));
    }
    None
}

/// False only when [`borrowed_currency`] finds nothing for digits that end
/// before token `j`: no range or coordination follows, or a range follows
/// whose second member is no number (digits read no spelled member) or
/// ends right after its digits (see `ends_at_next`) with no currency there
/// (a range takes its currency from the second member only), or a
/// coordination follows with no number token among the four tokens after
/// the comma or conjunction (digits read only a digit member, which starts
/// there or after a qualifier there: see `qualifier_before_start`).
fn may_borrow(doc: &NumDoc<'_, '_>, j: usize) -> bool {
    // Both need a number token among the four after the connector at `j`
    // (a range right after it): most tokens that pass the connector's
    // filter (`,` and dashes in lists of words or of day and year) have
    // none, and leave before the connector is read.
    // (First the connector filter `may_borrow_read` starts with: one table
    // test, and most tokens after a number, `.` `)` and words, fail it.)
    if doc.fast
        && (!starts_one_of(doc, j, &MEMBER_STARTS)
            || !doc
                .tokens
                .get(j + 1..)
                .is_some_and(|rest| rest.iter().take(4).any(|t| t.kind == TokenKind::Number)))
    {
        debug_assert!(!may_borrow_read(doc, j));
        return false;
    }
    may_borrow_read(doc, j)
}

/// [`may_borrow`] without its number reject.
fn may_borrow_read(doc: &NumDoc<'_, '_>, j: usize) -> bool {
    match second_member_at(doc, j, true) {
        None => false,
        Some((k, true)) => {
            doc.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Number)
                && (!ends_at_next(doc, k) || with_currency_at(doc, k + 1).is_some())
        }
        Some((k, false)) => doc
            .tokens
            .get(k..)
            .is_some_and(|rest| rest.iter().take(4).any(|t| t.kind == TokenKind::Number)),
    }
}

/// Reads the currency for the number `n` from a later member of its range
/// or coordination. Returns the currency, and for a range the second
/// number and the end of its currency.
fn borrowed_currency(
    doc: &NumDoc<'_, '_>,
    n: &NumberRead,
    depth: usize,
) -> Option<(&'static str, Option<(NumberRead, usize)>)> {
    if depth >= MAX_MEMBERS {
        return None;
    }
    let (k, is_range) = second_member(doc, n)?;
    if !inline_gap(doc, k - 1) && !adjacent(doc, k - 1) {
        return None;
    }
    let k = if is_range {
        k
    } else {
        qualifier_before_start(doc, k)
    };
    let next = read_number(doc, k, !n.digits)?;
    // Members agree in their use of scale words: `1.960 tỷ và 1.590 tỷ đồng`,
    // a range may share one: `2-4 tỷ đồng`.
    if !is_range && n.scale.is_some() != next.scale.is_some() {
        return None;
    }
    if let Some((code, end)) = with_currency(doc, &next) {
        return Some((code, is_range.then_some((next, end))));
    }
    if is_range {
        return None;
    }
    borrowed_currency(doc, &next, depth + 1).map(|(code, _)| (code, None))
}

/// Skips a qualifier at `k` (`1 tỷ và hơn 2 tỷ đồng`).
fn qualifier_before_start(doc: &NumDoc<'_, '_>, k: usize) -> usize {
    let mut j = k;
    while j < k + 3 && j < doc.tokens.len() && !doc.tokens[j].text.starts_with(|c: char| c.is_ascii_digit()) {
        j += 1;
    }
    if j < doc.tokens.len() && qualifier_before(doc, j).is_some_and(|(_, s)| s == k) {
        j
    } else {
        k
    }
}

/// `VND1000`, `USD1,23`: an ISO code with the digits glued to it, which the
/// tokenizer keeps as one word (a decimal part may follow as `,23`).
fn glued_code(doc: &NumDoc<'_, '_>, i: usize) -> Option<Entity> {
    let t = &doc.tokens[i];
    let split = t.text.find(|c: char| c.is_ascii_digit())?;
    let (code, digits) = t.text.split_at(split);
    if code.len() != 3
        || !code.bytes().all(|b| b.is_ascii_uppercase())
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let (iso, _) = CURRENCIES.longest_at_text(code)?;
    let mut end = i + 1;
    let mut number = digits.to_owned();
    // `,23` / `.500` glued after it.
    if adjacent(doc, i) && adjacent(doc, i + 1) {
        if let (Some(sep), Some(rest)) = (doc.tokens.get(i + 1), doc.tokens.get(i + 2)) {
            if matches!(sep.text, "," | ".")
                && rest.kind == TokenKind::Number
                && rest.text.bytes().all(|b| b.is_ascii_digit())
            {
                number.push_str(sep.text);
                number.push_str(rest.text);
                end = i + 3;
            }
        }
    }
    let amount = crate::number::parse_digits(&number).ok()?;
    let (lead, qualifier) = lead_in(doc, i);
    let lead = if lead < i && doc.tokens[lead].text == "-" {
        i
    } else {
        lead
    };
    Some(money(doc, lead, end, Amount::Exact { amount }, iso, qualifier))
}

/// Whether token `i` can start an amount.
fn starts_number(doc: &NumDoc<'_, '_>, i: usize) -> bool {
    starts_number_with(doc, i, super::numeric::UNKNOWN_CLASS)
}

/// [`starts_number`], given the anchor class of token `i` (which says
/// whether its text starts a spelled-out number, unless unknown).
#[inline(always)]
fn starts_number_with(doc: &NumDoc<'_, '_>, i: usize, class: u8) -> bool {
    let t = &doc.tokens[i];
    match t.kind {
        TokenKind::Number => true,
        // Number words start with one of these letters and are short.
        TokenKind::Syllable => {
            (if class & super::numeric::UNKNOWN_CLASS != 0 {
                super::numeric::starts_spelled_number(t.text)
            } else {
                class & super::numeric::SPELLED_WORD != 0
            })
                // A spelled-out amount goes on with a number word or a currency.
                && inline_gap(doc, i)
                && doc.tokens.get(i + 1).is_some_and(|n| {
                    n.kind == TokenKind::Syllable || n.kind == TokenKind::Symbol || n.kind == TokenKind::Abbreviation
                })
        }
        _ => false,
    }
}

impl Recognizer for MoneyRecognizer {
    fn produces(&self) -> &'static [super::EntityType] {
        &[super::EntityType::Money]
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Entity>) {
        self.run(&NumDoc::new(doc), out);
    }
}

impl MoneyRecognizer {
    /// Adds the candidates found in `doc` (whose memo other numeric
    /// recognizers may share) to `out`.
    pub(crate) fn run(&self, doc: &NumDoc<'_, '_>, out: &mut Vec<Entity>) {
        // Only anchors can start an amount (every other token is skipped
        // by the checks below too).
        let currencies: &PhraseTable<&'static str> = &CURRENCIES;
        let after: &[u32; 256] = &AFTER_DIGITS;
        let classes = doc.anchor_classes();
        for (k, &i) in doc.anchors().iter().enumerate() {
            let Some(t) = doc.tokens.get(i) else { continue };
            if t.kind == TokenKind::Abbreviation {
                // (Not `extend`: over an `Option` it reserves room at every
                // abbreviation, and most are no glued code.)
                if let Some(e) = glued_code(doc, i) {
                    out.push(e);
                }
                continue;
            }
            let class = classes.get(k).copied().unwrap_or(super::numeric::UNKNOWN_CLASS);
            debug_assert_eq!(class, doc.anchor_class_at(k));
            if !starts_number_with(doc, i, class) {
                continue;
            }
            let digits = t.kind == TokenKind::Number;
            // The currency may also come first: `$10`, `USD 20`.
            let sign_or_code_before = i > 0
                && matches!(
                    doc.tokens[i - 1].kind,
                    TokenKind::Symbol | TokenKind::Abbreviation | TokenKind::Word
                );
            // Most numbers are followed by nothing that makes them money.
            // When the token after the digits cannot extend the number (see
            // `ends_at_next`), the number ends there, so a currency or a
            // range or coordination must start right at it; with neither,
            // and no sign or code before, every test below fails: skip the
            // code test and the reading. (All of them are pure.)
            if doc.fast
                && digits
                && !sign_or_code_before
                && (nothing_after_digits(doc, after, i)
                    || (ends_at_next(doc, i)
                        && with_currency_in(currencies, doc, i + 1).is_none()
                        && !may_borrow(doc, i + 1)))
            {
                continue;
            }
            if digits && is_code_part(doc, i) {
                continue;
            }
            // Do not start inside a number already being read.
            if i > 0 && inline_gap(doc, i - 1) && !digits && starts_number(doc, i - 1) {
                continue;
            }
            // The same for a spelled-out number (no sign comes before one):
            // when its reading ends after its first word, a currency or a
            // second member must start right after that word.
            if doc.fast
                && !digits
                && spelled_ends_at_next(doc, i)
                && with_currency_in(currencies, doc, i + 1).is_none()
                && second_member_at(doc, i + 1, true).is_none()
            {
                continue;
            }
            let Some(n) = read_number(doc, i, !digits) else {
                continue;
            };
            if digits && sign_or_code_before {
                let (lead, _) = lead_in(doc, i);
                if let Some(m) = prefix_currency(doc, &n, lead) {
                    out.push(m);
                    continue;
                }
            }
            let currency = with_currency(doc, &n);
            let connector = currency.is_none() && second_member(doc, &n).is_some();
            if currency.is_none() && !connector {
                continue;
            }
            let (lead, qualifier) = lead_in(doc, i);
            if let Some((code, end)) = currency {
                // `một đồng nghiệp`, `Hai đồng hoàng đế`: a spelled-out number
                // before `đồng` is money only with a scale word (`hai triệu đồng`).
                let ambiguous = !digits && n.scale.is_none() && is_word(doc, n.end, "đồng");
                if !ambiguous {
                    out.push(money(
                        doc,
                        lead,
                        end,
                        Amount::Exact { amount: n.value },
                        code,
                        qualifier,
                    ));
                }
                continue;
            }
            // A range or coordination: the currency comes from a later member.
            let Some((code, range)) = borrowed_currency(doc, &n, 0) else {
                continue;
            };
            match range {
                Some((second, end)) => {
                    let first = shared_scale(&n, &second);
                    let start = if i > 0 && is_word(doc, i - 1, "từ") && inline_gap(doc, i - 1) {
                        i - 1
                    } else {
                        lead
                    };
                    if first <= second.value {
                        out.push(money(
                            doc,
                            start,
                            end,
                            Amount::Range {
                                min: first,
                                max: second.value,
                            },
                            code,
                            if start == lead { qualifier } else { None },
                        ));
                    }
                }
                None if n.digits || n.scale.is_some() => {
                    out.push(money(
                        doc,
                        lead,
                        n.end,
                        Amount::Exact { amount: n.value },
                        code,
                        qualifier,
                    ));
                }
                None => {}
            }
        }
    }
}

/// Where an amount starting at token `i` begins, with its qualifier or
/// minus sign.
fn lead_in(doc: &NumDoc<'_, '_>, i: usize) -> (usize, Option<Qualifier>) {
    if let Some(sign) = minus_before(doc, i) {
        return (sign, None);
    }
    match qualifier_before(doc, i) {
        Some((q, start)) => (start, Some(q)),
        None => (i, None),
    }
}

/// `2-4 tỷ`: a first member without a scale word shares the second's.
fn shared_scale(first: &NumberRead, second: &NumberRead) -> crate::Decimal {
    match (first.scale, second.scale) {
        (None, Some(exp)) => {
            let scaled = first
                .value
                .checked_mul(crate::Decimal::from_i128_with_scale(10i128.pow(exp), 0));
            match scaled {
                Some(v) if v <= second.value => v,
                _ => first.value,
            }
        }
        _ => first.value,
    }
}

/// `$10`, `US$ 5`, `USD 20`: a sign or code written before digits.
fn prefix_currency(doc: &NumDoc<'_, '_>, n: &NumberRead, lead: usize) -> Option<Entity> {
    let i = n.start;
    if i == 0 || lead != i {
        return None;
    }
    let glued = adjacent(doc, i - 1);
    if !glued && !inline_gap(doc, i - 1) {
        return None;
    }
    let (code, start) = CURRENCIES
        .longest_before(doc, i)
        .map(|(c, s)| (*c, s))
        .or_else(|| {
            // `$10` with no space.
            let t = &doc.tokens[i - 1];
            let (code, end) = currency_at(doc, i - 1)?;
            (end == i && t.kind == TokenKind::Symbol).then_some((code, i - 1))
        })?;
    let first = &doc.tokens[start];
    // Only signs and upper-case codes come first; words (`đồng`) never do.
    let sign_or_code =
        first.kind == TokenKind::Symbol || first.text.chars().all(|c| c.is_ascii_uppercase() || c == '$');
    if !sign_or_code || (!glued && first.kind != TokenKind::Abbreviation && first.kind != TokenKind::Symbol) {
        return None;
    }
    // A currency after the number as well (`$10 USD`) is read the usual way.
    if with_currency(doc, n).is_some() {
        return None;
    }
    Some(money(
        doc,
        start,
        n.end,
        Amount::Exact { amount: n.value },
        code,
        None,
    ))
}

fn money(
    doc: &NumDoc<'_, '_>,
    start: usize,
    end: usize,
    amount: Amount,
    code: &str,
    qualifier: Option<Qualifier>,
) -> Entity {
    let span: Span = span_of(doc, start, end);
    Entity::Money(Money {
        span,
        // The extractor takes the text from the caller's input.
        text: String::new(),
        amount: negate_if_signed(doc, start, amount),
        currency: code.to_owned(),
        qualifier,
    })
}

/// A span starting at a minus sign holds a negative amount.
fn negate_if_signed(doc: &NumDoc<'_, '_>, start: usize, amount: Amount) -> Amount {
    let signed = doc.tokens.get(start).is_some_and(|t| matches!(t.text, "-" | "−"));
    match (signed, amount) {
        (true, Amount::Exact { amount }) => Amount::Exact { amount: -amount },
        (_, a) => a,
    }
}

#[cfg(test)]
mod tests {
    use crate::entity::numeric::NumDoc;
    use crate::entity::{Amount, Document, Entity, Qualifier};
    use crate::{EntityType, Extractor};

    /// The dash shortcut of `with_currency_listed` answers what the
    /// look-up answers, after digits and after a word, glued or spaced.
    #[test]
    fn dash_starts_no_currency() {
        for dash in ["-", "–", "—", "‐", "‑"] {
            for text in [
                format!("5 {dash} 6 USD"),
                format!("5{dash}6 đồng"),
                format!("năm {dash} đồng"),
                format!("5 {dash}đ"),
            ] {
                let doc = Document::new(&text);
                let fast = NumDoc::new(&doc);
                let slow = NumDoc::reference(&doc);
                let at = doc.tokens.iter().position(|t| t.text == dash).unwrap_or(1);
                assert!(super::super::numeric::is_dash(&fast, at), "{text:?}");
                assert_eq!(super::with_currency_listed(&fast, at), None, "{text:?}");
                assert_eq!(super::with_currency_listed(&slow, at), None, "{text:?}");
            }
        }
    }

    /// `may_borrow`'s reject (no number among the four tokens after the
    /// connector) agrees with the reading at every token, and the money
    /// found on the fast and the reference path agrees, for each connector
    /// with the next number zero to five words after it, with and without
    /// a currency after that number.
    #[test]
    fn borrowing_needs_a_number_after_the_connector() {
        use super::{may_borrow, may_borrow_read, MoneyRecognizer};
        let mut found = 0;
        for conn in ["-", "–", ",", "và", "hoặc", "đến", "tới", "Và"] {
            for gap in 0..=5 {
                for cur in ["tỷ đồng", "USD", "người", ""] {
                    let words = ["hơn", "khoảng", "gần", "chừng", "độ"];
                    let filler = words.get(..gap).map(|w| w.join(" ")).unwrap_or_default();
                    let text = format!("Giá 5 {conn} {filler} 7 {cur} và 12 {conn} 3 triệu đồng.");
                    let doc = Document::new(&text);
                    let fast = NumDoc::new(&doc);
                    let slow = NumDoc::reference(&doc);
                    for j in 0..=doc.tokens.len() {
                        assert_eq!(
                            may_borrow(&fast, j),
                            may_borrow_read(&slow, j),
                            "at {j} in {text:?}"
                        );
                    }
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    MoneyRecognizer.run(&fast, &mut a);
                    MoneyRecognizer.run(&slow, &mut b);
                    assert_eq!(a, b, "{text:?}");
                    found += a.len();
                }
            }
        }
        assert!(found >= 100, "{found}");
    }

    /// `nothing_after_digits` (one table test) holds only where the three
    /// tests it stands for hold on the reference path: the number ends
    /// at its digits, no currency follows, nothing is borrowed. After
    /// every digit token of texts with every currency's first word, every
    /// scale word and connector (in three cases and with near misses of
    /// one byte changed), every text of one or two ASCII characters, and
    /// viwiki paragraphs; and money agrees on both paths there.
    #[test]
    fn nothing_after_digits_only_where_the_three_tests_hold() {
        use super::super::numeric::ends_at_next;
        use super::{may_borrow_read, nothing_after_digits, with_currency_at, MoneyRecognizer, AFTER_DIGITS};
        let mut words: Vec<String> = include_str!("../../data/numeric/currencies.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split('\t').next()?.split_whitespace().next().map(str::to_owned))
            .collect();
        words.extend(
            [
                "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "vạn", "trăm", "chục", "k", "tr", "rưỡi", "-", "–",
                "—", ",", "đến", "tới", "và", "hoặc", "người", "năm", "tháng", ".", ")", "(", "%",
            ]
            .map(str::to_owned),
        );
        for w in words.clone() {
            words.push(w.to_uppercase());
            let mut c = w.chars();
            if let Some(f) = c.next() {
                words.push(f.to_uppercase().chain(c).collect());
            }
            // Near misses: the last byte changed (when it stays text).
            let mut b = w.clone().into_bytes();
            if let Some(l) = b.last_mut() {
                *l = if l.is_ascii_lowercase() { b'z' } else { *l };
            }
            words.extend(String::from_utf8(b).ok());
            words.push(format!("{w}x"));
        }
        for a in ' '..='~' {
            words.push(a.to_string());
            for b in ['a', 'Z', '0', '.', '$', a] {
                words.push(format!("{a}{b}"));
            }
        }
        let mut texts: Vec<String> = Vec::new();
        for w in &words {
            texts.push(format!("Giá 5 {w} 7 đồng"));
            texts.push(format!("5{w} và 12 {w} 3 triệu USD"));
        }
        if let Some(wiki) = crate::entity::names::shared_viwiki() {
            texts.extend(wiki.lines().take(400).map(str::to_owned));
        }
        let after: &[u32; 256] = &AFTER_DIGITS;
        let (mut held, mut numbers) = (0, 0);
        for text in &texts {
            let doc = Document::new(text);
            let fast = NumDoc::new(&doc);
            let slow = NumDoc::reference(&doc);
            for (i, t) in doc.tokens.iter().enumerate() {
                if t.kind != crate::token::TokenKind::Number {
                    continue;
                }
                numbers += 1;
                if nothing_after_digits(&fast, after, i) {
                    held += 1;
                    assert!(ends_at_next(&slow, i), "at {i} in {text:?}");
                    assert_eq!(with_currency_at(&slow, i + 1), None, "at {i} in {text:?}");
                    assert!(!may_borrow_read(&slow, i + 1), "at {i} in {text:?}");
                }
            }
            let (mut a, mut b) = (Vec::new(), Vec::new());
            MoneyRecognizer.run(&fast, &mut a);
            MoneyRecognizer.run(&slow, &mut b);
            assert_eq!(a, b, "{text:?}");
        }
        assert!(held >= 1000, "{held} of {numbers}");
    }

    fn money(text: &str) -> Vec<(String, String, String, Option<Qualifier>)> {
        Extractor::builder()
            .types(&[EntityType::Money])
            .build()
            .extract(text)
            .into_iter()
            .filter_map(|e| match e {
                Entity::Money(m) => {
                    assert_eq!(&text[m.span.range()], m.text);
                    let v = match m.amount {
                        Amount::Exact { amount } => amount.to_string(),
                        Amount::Range { min, max } => format!("{min}..{max}"),
                    };
                    Some((m.text, v, m.currency, m.qualifier))
                }
                _ => None,
            })
            .collect()
    }

    fn one(text: &str) -> (String, String, String) {
        let m = money(text);
        assert_eq!(m.len(), 1, "{text}: {m:?}");
        (m[0].0.clone(), m[0].1.clone(), m[0].2.clone())
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn amounts_with_currency_words() {
        assert_eq!(
            one("Mỗi suất 1,5 triệu đồng."),
            t("1,5 triệu đồng", "1500000", "VND")
        );
        assert_eq!(one("giá 1.500.000 đ"), t("1.500.000 đ", "1500000", "VND"));
        assert_eq!(one("giá 1.500.000đ/kg"), t("1.500.000đ", "1500000", "VND"));
        assert_eq!(one("thu 2,5 tỷ USD"), t("2,5 tỷ USD", "2500000000", "USD"));
        assert_eq!(
            one("1 tỷ 200 triệu đồng"),
            t("1 tỷ 200 triệu đồng", "1200000000", "VND")
        );
        assert_eq!(
            one("đạt 855,63 nghìn tỷ đồng"),
            t("855,63 nghìn tỷ đồng", "855630000000000", "VND")
        );
        assert_eq!(one("khoản 300 đô la Mỹ"), t("300 đô la Mỹ", "300", "USD"));
        assert_eq!(one("giá 20 euro"), t("20 euro", "20", "EUR"));
        assert_eq!(one("10k đồng"), t("10k đồng", "10000", "VND"));
        assert_eq!(one("1.000 VNĐ"), t("1.000 VNĐ", "1000", "VND"));
        assert_eq!(one("giá 5 ₫"), t("5 ₫", "5", "VND"));
    }

    #[test]
    fn currency_sign_first() {
        assert_eq!(one("chỉ $10 thôi"), t("$10", "10", "USD"));
        assert_eq!(one("giá USD 20"), t("USD 20", "20", "USD"));
        assert_eq!(one("giá USD1,23 thôi"), t("USD1,23", "1.23", "USD"));
        assert_eq!(one("chỉ VND1000"), t("VND1000", "1000", "VND"));
        assert_eq!(one("giá US$5"), t("US$5", "5", "USD"));
        assert_eq!(one("vé €20"), t("€20", "20", "EUR"));
        assert!(money("mã ABC123").is_empty());
    }

    #[test]
    fn spelled_out_amounts_need_a_currency() {
        assert_eq!(one("được nửa tỷ đồng"), t("nửa tỷ đồng", "500000000", "VND"));
        assert_eq!(
            one("ba triệu rưỡi đồng"),
            t("ba triệu rưỡi đồng", "3500000", "VND")
        );
        assert!(money("có hai người").is_empty());
        assert!(money("có hai triệu người").is_empty());
    }

    #[test]
    fn qualifiers_and_signs() {
        let m = money("đạt hơn 38 triệu đồng");
        assert_eq!(m[0].0, "hơn 38 triệu đồng");
        assert_eq!(m[0].3, Some(Qualifier::MoreThan));
        assert_eq!(money("tối đa 5 triệu đồng")[0].3, Some(Qualifier::AtMost));
        assert_eq!(money("xấp xỉ 5 USD")[0].3, Some(Qualifier::About));
        let m = money("FPT (-1.621 tỷ đồng)");
        assert_eq!(
            (m[0].0.as_str(), m[0].1.as_str()),
            ("-1.621 tỷ đồng", "-1621000000000")
        );
    }

    #[test]
    fn ranges_and_coordination() {
        assert_eq!(
            one("giá từ 2-4 tỷ đồng"),
            t("từ 2-4 tỷ đồng", "2000000000..4000000000", "VND")
        );
        assert_eq!(one("lỗ 3-5 USD một kg"), t("3-5 USD", "3..5", "USD"));
        assert_eq!(
            one("từ 5 triệu đến 7 triệu đồng"),
            t("từ 5 triệu đến 7 triệu đồng", "5000000..7000000", "VND")
        );
        let m = money("lần lượt 1.960 tỷ và 1.590 tỷ đồng.");
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].0.as_str(), m[0].1.as_str()), ("1.960 tỷ", "1960000000000"));
        assert_eq!(m[1].0, "1.590 tỷ đồng");
    }

    #[test]
    fn not_money() {
        assert!(money("lãi 997 tỷ.").is_empty());
        assert!(money("hàng trăm tỷ đồng").is_empty());
        assert!(money("vài triệu đồng").is_empty());
        assert!(money("năm 2024 tỷ lệ hộ nghèo").is_empty());
        assert!(money("đoạt 7 Huy chương Đồng").is_empty());
        assert!(money("liên hệ một đồng nghiệp").is_empty());
        assert!(money("những người không đồng ý").is_empty());
        assert!(money("25 . 000 đ").iter().all(|m| m.1 != "0"));
    }

    #[test]
    fn edges_of_the_input() {
        assert_eq!(one("5 USD"), t("5 USD", "5", "USD"));
        assert_eq!(one("“5 USD”"), t("5 USD", "5", "USD"));
        assert_eq!(one("(5 đồng)"), t("5 đồng", "5", "VND"));
        assert!(money("").is_empty());
        assert!(money("5").is_empty());
    }
}
