//! Reading written and spelled-out Vietnamese numbers into exact decimals.
//!
//! [`parse_number`] reads every form a Vietnamese news text uses for a
//! number, and returns an exact [`Decimal`] or a typed
//! [`ParseNumberError`] (never a wrong or rounded value):
//!
//! | written | value |
//! |---|---|
//! | `1.500.000`, `92,9`, `1.500.000,5` | Vietnamese digit groups (`.` thousands, `,` decimals) |
//! | `1,500,000`, `1,500.5`, `63.5` | English style, where unambiguous |
//! | `2,5 tỷ`, `1 tỷ 200 triệu`, `855,63 nghìn tỷ` | scale words multiply, groups add |
//! | `10k`, `5tr` | price suffixes |
//! | `hai mươi mốt`, `một trăm linh năm`, `ba triệu rưỡi`, `nửa` | spelled out |
//!
//! ```
//! use viet_text::parse_number;
//! assert_eq!(parse_number("1.500.000").unwrap().to_string(), "1500000");
//! assert_eq!(parse_number("1 tỷ 200 triệu").unwrap().to_string(), "1200000000");
//! assert_eq!(parse_number("bảy trăm hai mươi mốt nghìn không trăm mười hai").unwrap().to_string(), "721012");
//! ```

use rust_decimal::Decimal;
use std::fmt;

/// Why a string could not be read as a number.
///
/// ```
/// use viet_text::number::ParseNumberError;
/// assert!(matches!(viet_text::parse_number("abc"), Err(ParseNumberError::Invalid { at: 0 })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseNumberError {
    /// The input was empty or only white space.
    Empty,
    /// The input is not a number; the byte offset of the first problem.
    Invalid {
        /// Byte offset into the input.
        at: usize,
    },
    /// The value does not fit the decimal type (about 7.9 × 10²⁸, or more
    /// than 28 significant digits).
    Overflow,
}

impl fmt::Display for ParseNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseNumberError::Empty => write!(f, "empty number"),
            ParseNumberError::Invalid { at } => write!(f, "not a number at byte {at}"),
            ParseNumberError::Overflow => write!(f, "number too large"),
        }
    }
}

impl std::error::Error for ParseNumberError {}

/// Reads a Vietnamese number into an exact decimal: digits (`92,9`,
/// `1.500.000`), digits with scale words (`2,5 tỷ`, `1 tỷ 200 triệu`),
/// price suffixes (`10k`, `5tr`), spelled-out numerals (`hai mươi mốt`,
/// `ba triệu rưỡi`, `nửa`) and a sign (`-4,02`, `âm hai`).
///
/// ```
/// use viet_text::parse_number;
/// assert_eq!(parse_number("92,9").unwrap().to_string(), "92.9");
/// assert_eq!(parse_number("ba triệu rưỡi").unwrap().to_string(), "3500000");
/// assert_eq!(parse_number("-4,02").unwrap().to_string(), "-4.02");
/// assert!(parse_number("99999999999999999999 tỷ").is_err());
/// ```
pub fn parse_number(text: &str) -> Result<Decimal, ParseNumberError> {
    let mut words: Vec<(usize, String)> = Vec::new();
    let mut pos = 0;
    for part in text.split(char::is_whitespace) {
        if !part.is_empty() {
            words.push((pos, part.to_lowercase()));
        }
        pos += part.len() + 1;
    }
    if words.is_empty() {
        return Err(ParseNumberError::Empty);
    }
    let mut negative = false;
    // A sign: `-5`, `− 5`, `âm năm`.
    if let Some((at, w)) = words.first_mut() {
        if w == "âm" || w == "-" || w == "−" {
            negative = true;
            words.remove(0);
        } else if let Some(rest) = w.strip_prefix('-').or_else(|| w.strip_prefix('−')) {
            negative = true;
            let cut = w.len() - rest.len();
            *w = rest.to_owned();
            *at += cut;
        }
    }
    if words.is_empty() {
        return Err(ParseNumberError::Invalid { at: text.len() });
    }
    let refs: Vec<(usize, &str)> = words.iter().map(|(a, w)| (*a, w.as_str())).collect();
    let v = parse_words(&refs)?;
    Ok(if negative { -v } else { v })
}

/// Parses lower-case words (each with its byte offset, for errors).
fn parse_words(words: &[(usize, &str)]) -> Result<Decimal, ParseNumberError> {
    let mut acc = Accumulator::default();
    let mut i = 0;
    let mut spelled = false;
    let mut digits = false;
    while i < words.len() {
        let (at, w) = words[i];
        let bad = ParseNumberError::Invalid { at };
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            if spelled {
                return Err(bad);
            }
            digits = true;
            let (num, suffix) = split_suffix(w);
            let v = parse_digits(num).map_err(|e| offset_error(e, at))?;
            acc.push_number(v, false).map_err(|e| offset_error(e, at))?;
            if let Some(exp) = suffix {
                acc.push_scale(exp).map_err(|e| offset_error(e, at))?;
            }
            i += 1;
        } else if let Some(exp) = scale_exp(w) {
            acc.push_scale(exp).map_err(|e| offset_error(e, at))?;
            i += 1;
        } else if w == "rưỡi" {
            acc.push_half().map_err(|e| offset_error(e, at))?;
            i += 1;
        } else if w == "nửa" {
            if digits {
                return Err(bad);
            }
            spelled = true;
            acc.push_number(Decimal::new(5, 1), false)
                .map_err(|e| offset_error(e, at))?;
            i += 1;
        } else if w == "phẩy" || w == "chấm" {
            // Spoken decimal point: the words after it are the fraction digits.
            let rest: Vec<&str> = words[i + 1..].iter().map(|(_, w)| *w).collect();
            let frac = spoken_fraction(&rest).ok_or(bad)?;
            acc.push_fraction(frac).map_err(|e| offset_error(e, at))?;
            i = words.len();
        } else {
            if digits {
                return Err(bad);
            }
            let rest: Vec<&str> = words[i..].iter().map(|(_, w)| *w).collect();
            let (v, used, last_place) = small_group(&rest).ok_or(bad)?;
            spelled = true;
            acc.push_small(Decimal::from(v), used == 1 && v < 10, last_place)
                .map_err(|e| offset_error(e, at))?;
            i += used;
        }
    }
    acc.finish()
}

fn offset_error(e: ParseNumberError, at: usize) -> ParseNumberError {
    match e {
        ParseNumberError::Invalid { at: inner } => ParseNumberError::Invalid { at: at + inner },
        other => other,
    }
}

/// Splits a price suffix off digits: `10k` → (`10`, 3), `5tr` → (`5`, 6).
fn split_suffix(w: &str) -> (&str, Option<u32>) {
    let end = w
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(w.len());
    let (num, suffix) = w.split_at(end);
    match suffix {
        "" => (num, None),
        _ => match suffix_exp(suffix) {
            Some(exp) => (num, Some(exp)),
            None => (w, None),
        },
    }
}

/// The power of ten of a price suffix written right after digits (`k`,
/// `tr`, `m`, `g`; compared lower-case).
pub(crate) fn suffix_exp(suffix: &str) -> Option<u32> {
    match suffix {
        "k" | "K" => Some(3),
        "tr" | "Tr" | "TR" => Some(6),
        "M" | "m" => Some(6),
        "G" | "g" => Some(9),
        _ => None,
    }
}

/// The power of ten of a scale word (`nghìn` 3, `triệu` 6, `tỷ` 9), in any
/// letter case. `trăm` (2) and `chục` (1) count too: after digits they
/// multiply like the others (`5 trăm`).
pub(crate) fn scale_exp(word: &str) -> Option<u32> {
    Some(match word {
        "nghìn" | "ngàn" | "Nghìn" | "Ngàn" | "NGHÌN" | "NGÀN" => 3,
        "triệu" | "Triệu" | "TRIỆU" => 6,
        "tỷ" | "tỉ" | "Tỷ" | "Tỉ" | "TỶ" | "TỈ" => 9,
        "vạn" | "Vạn" => 4,
        "trăm" | "Trăm" | "TRĂM" => 2,
        "chục" | "Chục" => 1,
        _ => return None,
    })
}

/// Reads digits with Vietnamese or English separators into an exact value.
///
/// Vietnamese: `.` before each group of three digits, `,` before decimals
/// (`1.500.000,5`). English, where it cannot be Vietnamese: several `,`
/// groups of three (`1,500,000`), `,` groups then a `.` (`1,500.5`), or one
/// `.` not followed by exactly three digits (`63.5`).
pub(crate) fn parse_digits(s: &str) -> Result<Decimal, ParseNumberError> {
    let bytes = s.as_bytes();
    if bytes.is_empty() {
        return Err(ParseNumberError::Empty);
    }
    // Fast path: plain digits that fit a u64.
    if bytes.len() <= 18 && bytes.iter().all(u8::is_ascii_digit) {
        let v = bytes.iter().fold(0u64, |acc, b| acc * 10 + u64::from(b - b'0'));
        return Ok(Decimal::from(v));
    }
    if let Some(at) = bytes
        .iter()
        .position(|b| !(b.is_ascii_digit() || *b == b'.' || *b == b','))
    {
        return Err(ParseNumberError::Invalid { at });
    }
    if let Some(d) = grouped_fast(bytes) {
        return Ok(d);
    }
    parse_grouped(s)
}

/// [`parse_digits`] without allocating, for the usual written forms: one
/// kind of separator only, no empty group, at most 18 digits. `None`
/// leaves the number (and every error) to [`parse_grouped`], which gives
/// the same value for every number this accepts (`Decimal::normalize`
/// makes both results the one canonical form of the value).
/// `bytes` holds only ASCII digits, `.` and `,`.
#[inline]
fn grouped_fast(bytes: &[u8]) -> Option<Decimal> {
    let sep = *bytes.iter().find(|b| !b.is_ascii_digit())?;
    let mut groups = 0usize;
    let mut first_len = 0usize;
    let mut all_three = true;
    let mut len = 0usize;
    for &b in bytes {
        if b.is_ascii_digit() {
            len += 1;
            continue;
        }
        if b != sep || len == 0 {
            return None;
        }
        if groups == 0 {
            first_len = len;
        } else {
            all_three &= len == 3;
        }
        groups += 1;
        len = 0;
    }
    if len == 0 {
        return None;
    }
    // `groups` separators, so `groups + 1` groups; `len` is the last one's.
    let thousands = first_len <= 3 && all_three && len == 3;
    let frac_len = match sep {
        b'.' if thousands => 0,
        b'.' if groups == 1 => len,
        b',' if groups == 1 => len,
        b',' if thousands => 0,
        _ => return None,
    };
    if bytes.len() - groups > 18 {
        return None;
    }
    let mantissa = bytes
        .iter()
        .filter(|b| b.is_ascii_digit())
        .fold(0u64, |acc, b| acc * 10 + u64::from(b - b'0'));
    let mantissa = i64::try_from(mantissa).ok()?;
    let scale = u32::try_from(frac_len).ok()?;
    Some(Decimal::new(mantissa, scale).normalize())
}

/// The general reading of [`parse_digits`] for a number of digits and
/// separators (the reference for [`grouped_fast`]).
fn parse_grouped(s: &str) -> Result<Decimal, ParseNumberError> {
    let bytes = s.as_bytes();
    // Groups between separators, with the separator before each.
    let mut groups: Vec<(u8, &str)> = Vec::new();
    let mut start = 0;
    let mut sep = 0u8;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'.' || b == b',' {
            groups.push((sep, &s[start..i]));
            sep = b;
            start = i + 1;
        }
    }
    groups.push((sep, &s[start..]));
    if let Some(pos) = groups.iter().position(|(_, g)| g.is_empty()) {
        let at = groups[..pos].iter().map(|(_, g)| g.len() + 1).sum::<usize>();
        return Err(ParseNumberError::Invalid { at: at.min(s.len()) });
    }
    let invalid = || ParseNumberError::Invalid { at: 0 };
    let first_ok = groups[0].1.len() <= 3;
    let thousands = |sepc: u8, gs: &[(u8, &str)]| gs.iter().all(|(sp, g)| *sp == sepc && g.len() == 3);
    let (int_groups, frac): (&[(u8, &str)], &str) = match groups.len() {
        1 => (&groups[..], ""),
        _ => {
            let (last_sep, last) = groups[groups.len() - 1];
            let middle = &groups[1..groups.len() - 1];
            let dots = groups.iter().filter(|(sp, _)| *sp == b'.').count();
            let commas = groups.len() - 1 - dots;
            if commas == 0 {
                // Only dots: thousands when every group has three digits; one
                // dot otherwise is a decimal point (`63.5`).
                if first_ok && thousands(b'.', &groups[1..]) {
                    (&groups[..], "")
                } else if groups.len() == 2 {
                    (&groups[..1], last)
                } else {
                    return Err(invalid());
                }
            } else if dots == 0 {
                // Only commas: one comma is the Vietnamese decimal point;
                // several three-digit groups are English thousands.
                if groups.len() == 2 {
                    (&groups[..1], last)
                } else if first_ok && thousands(b',', &groups[1..]) {
                    (&groups[..], "")
                } else {
                    return Err(invalid());
                }
            } else if first_ok && thousands(if last_sep == b',' { b'.' } else { b',' }, middle) {
                (&groups[..groups.len() - 1], last)
            } else {
                return Err(invalid());
            }
        }
    };
    let mut digits = String::with_capacity(s.len() + 1);
    for (_, g) in int_groups {
        digits.push_str(g);
    }
    if !frac.is_empty() {
        digits.push('.');
        digits.push_str(frac);
    }
    exact_decimal(&digits)
}

/// Parses a plain `ddd.ddd` string exactly, without rounding.
fn exact_decimal(digits: &str) -> Result<Decimal, ParseNumberError> {
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    // Leading and trailing zeros carry no value but count against the
    // 28-digit limit of the decimal type.
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    let plain;
    let text = if frac.is_empty() {
        int
    } else {
        plain = format!("{int}.{frac}");
        &plain
    };
    Decimal::from_str_exact(text)
        .map(|d| d.normalize())
        .map_err(|_| ParseNumberError::Overflow)
}

/// The value of a spelled-out digit word, and whether it is a form used
/// only after `mươi`/`mười` (`mốt`, `lăm`, `tư`, `nhăm`).
fn digit_word(w: &str) -> Option<(u32, bool)> {
    Some(match w {
        "không" => (0, false),
        "một" => (1, false),
        "hai" => (2, false),
        "ba" => (3, false),
        "bốn" => (4, false),
        "năm" => (5, false),
        "sáu" => (6, false),
        "bảy" | "bẩy" => (7, false),
        "tám" => (8, false),
        "chín" => (9, false),
        "mốt" => (1, true),
        "tư" => (4, true),
        "lăm" | "nhăm" => (5, true),
        _ => return None,
    })
}

/// Whether `word`, in lower case or capitalized, is a spelled-out numeral
/// word that can start a number. A literal match: cheap enough to run on
/// every word of a text.
pub(crate) fn starts_spelled_number(word: &str) -> bool {
    // Every word below is 2 to 7 bytes long and starts with one of these
    // letters in either case: a cheap filter first.
    let first = word.as_bytes().first().map_or(0, |b| b | 0x20);
    if !(2..=7).contains(&word.len())
        || !matches!(first, b'm' | b'h' | b'b' | b'n' | b's' | b't' | b'c' | b'k')
    {
        return false;
    }
    matches!(
        word,
        "một"
            | "Một"
            | "hai"
            | "Hai"
            | "ba"
            | "Ba"
            | "bốn"
            | "Bốn"
            | "năm"
            | "Năm"
            | "sáu"
            | "Sáu"
            | "bảy"
            | "Bảy"
            | "bẩy"
            | "Bẩy"
            | "tám"
            | "Tám"
            | "chín"
            | "Chín"
            | "mười"
            | "Mười"
            | "nửa"
            | "Nửa"
            | "không"
            | "Không"
    )
}

/// Whether `word` (lower case) is a spelled-out numeral word that can
/// start a number (`một` … `chín`, `mười`, `nửa`).
pub(crate) fn is_number_word(word: &str) -> bool {
    matches!(digit_word(word), Some((_, false))) || word == "mười" || word == "nửa"
}

/// Whether `word` (lower case) can continue a spelled-out number.
pub(crate) fn is_number_continuation(word: &str) -> bool {
    digit_word(word).is_some()
        || matches!(word, "mười" | "mươi" | "trăm" | "linh" | "lẻ" | "chục" | "rưỡi")
        || scale_exp(word).is_some()
}

/// Reads one spelled-out group below 1000 from the start of `words`
/// (lower case). Returns its value, the number of words used, and the
/// place value of the last word (100 after `trăm`, else 1), which `rưỡi`
/// halves.
fn small_group(words: &[&str]) -> Option<(u32, usize, u32)> {
    let mut i = 0;
    let mut value = 0u32;
    let mut hundreds = false;
    let word = |i: usize| words.get(i).copied();
    // Hundreds: `X trăm`.
    if let (Some((d, false)), Some("trăm")) = (word(0).and_then(digit_word), word(1)) {
        value = d * 100;
        hundreds = true;
        i = 2;
    }
    let tens_start = i;
    match word(i) {
        Some("linh" | "lẻ") if hundreds => match word(i + 1).and_then(digit_word) {
            Some((d, false)) if d > 0 => {
                value += d;
                i += 2;
            }
            _ => return None,
        },
        Some("mười") => {
            value += 10;
            i += 1;
            match word(i).and_then(digit_word) {
                // `mười một`, `mười lăm`, `mười tư`; never `mười mốt` or `mười năm`.
                Some((d, _)) if d > 0 && word(i) != Some("mốt") && word(i) != Some("năm") => {
                    value += d;
                    i += 1;
                }
                _ => {}
            }
        }
        Some(w) => {
            if let Some((d, false)) = digit_word(w) {
                match word(i + 1) {
                    Some("mươi") if d >= 2 => {
                        value += d * 10;
                        i += 2;
                        // `hai mươi mốt`, `hai mươi tư`, `hai mươi lăm`, `hai mươi hai`;
                        // `năm` after `mươi` reads as "year", so it is not taken.
                        if let Some((u, _)) = word(i).and_then(digit_word) {
                            if u > 0 && word(i) != Some("năm") {
                                value += u;
                                i += 1;
                            }
                        }
                    }
                    Some("chục") if d >= 1 => {
                        value += d * 10;
                        i += 2;
                    }
                    Some(next @ ("mốt" | "lăm" | "nhăm" | "tư")) if d >= 2 => {
                        // Colloquial tens: `hai mốt` = 21, `ba lăm` = 35.
                        value += d * 10 + digit_word(next).map_or(0, |x| x.0);
                        i += 2;
                    }
                    _ => {
                        if hundreds && words.len() == i + 1 && d > 0 {
                            // `một trăm hai` = 120: the next lower place is implied.
                            value += d * 10;
                        } else {
                            value += d;
                        }
                        i += 1;
                    }
                }
            } else if let Some((d, true)) = digit_word(w) {
                // `một trăm mốt` = 110, `hai trăm tư` = 240.
                if hundreds && words.len() == i + 1 {
                    value += d * 10;
                    i += 1;
                }
            }
        }
        None => {}
    }
    if i == 0 {
        return None;
    }
    let last_place = if hundreds && i == tens_start { 100 } else { 1 };
    Some((value, i, last_place))
}

/// The digits after a spoken decimal point: single digit words
/// (`không năm` → `05`) or one group (`mười bốn` → `14`).
fn spoken_fraction(words: &[&str]) -> Option<String> {
    if words.is_empty() {
        return None;
    }
    if let Some(ds) = words
        .iter()
        .map(|w| digit_word(w).filter(|d| !d.1).map(|d| d.0))
        .collect::<Option<Vec<u32>>>()
    {
        return Some(ds.iter().map(|d| char::from(b'0' + *d as u8)).collect());
    }
    if words.len() == 1 && words[0].bytes().all(|b| b.is_ascii_digit()) {
        return Some(words[0].to_owned());
    }
    let (v, used, _) = small_group(words)?;
    (used == words.len()).then(|| v.to_string())
}

fn pow10(exp: u32) -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(exp), 0)
}

/// Adds up a number read piece by piece: numbers, scale words, `rưỡi`.
///
/// A scale word multiplies the number before it together with every
/// smaller group before that (`855,63 nghìn tỷ`, `hai nghìn ba trăm
/// triệu`); groups add from large to small (`1 tỷ 200 triệu`).
#[derive(Debug, Default, Clone)]
pub(crate) struct Accumulator {
    groups: Vec<(Decimal, u32)>,
    current: Option<Decimal>,
    /// The current number is one spelled-out digit word right after a scale
    /// word (`ba triệu hai`): it means the next lower place.
    current_implied: bool,
    /// The place value `rưỡi` halves when no scale word follows the number.
    current_place: u32,
    last_was_scale: bool,
    halved: bool,
}

impl Accumulator {
    fn push_number(&mut self, v: Decimal, single_digit_word: bool) -> Result<(), ParseNumberError> {
        if self.current.is_some() || self.halved {
            return Err(ParseNumberError::Invalid { at: 0 });
        }
        // After a scale word, a further number must be smaller than it.
        self.current = Some(v);
        self.current_implied = single_digit_word && self.last_was_scale;
        self.current_place = 1;
        self.last_was_scale = false;
        Ok(())
    }

    fn push_small(
        &mut self,
        v: Decimal,
        single_digit_word: bool,
        place: u32,
    ) -> Result<(), ParseNumberError> {
        self.push_number(v, single_digit_word)?;
        self.current_place = place;
        Ok(())
    }

    /// Multiplies by 10^exp.
    pub(crate) fn push_scale(&mut self, exp: u32) -> Result<(), ParseNumberError> {
        if self.halved {
            return Err(ParseNumberError::Invalid { at: 0 });
        }
        let mut v = match self.current.take() {
            Some(v) => v,
            None if self.last_was_scale => Decimal::ZERO,
            None => return Err(ParseNumberError::Invalid { at: 0 }),
        };
        self.current_implied = false;
        let mut popped = false;
        while let Some(&(g, e)) = self.groups.last() {
            if e >= exp {
                break;
            }
            v = v.checked_add(g).ok_or(ParseNumberError::Overflow)?;
            self.groups.pop();
            popped = true;
        }
        if self.last_was_scale && !popped {
            // `tỷ nghìn`: a smaller scale word right after a larger one.
            return Err(ParseNumberError::Invalid { at: 0 });
        }
        v = v.checked_mul(pow10(exp)).ok_or(ParseNumberError::Overflow)?;
        self.groups.push((v, exp));
        self.last_was_scale = true;
        Ok(())
    }

    /// `rưỡi`: and a half of the last place.
    fn push_half(&mut self) -> Result<(), ParseNumberError> {
        if self.halved {
            return Err(ParseNumberError::Invalid { at: 0 });
        }
        let half = match (self.current, self.groups.last()) {
            (Some(_), _) => Decimal::from(self.current_place) / Decimal::from(2),
            (None, Some(&(_, e))) if self.last_was_scale => pow10(e) / Decimal::from(2),
            _ => return Err(ParseNumberError::Invalid { at: 0 }),
        };
        let implied = self.take_current()?;
        self.groups
            .push((implied.checked_add(half).ok_or(ParseNumberError::Overflow)?, 0));
        self.halved = true;
        Ok(())
    }

    fn push_fraction(&mut self, frac: String) -> Result<(), ParseNumberError> {
        let whole = self.current.take().ok_or(ParseNumberError::Invalid { at: 0 })?;
        if !self.groups.is_empty() || whole.scale() != 0 || frac.is_empty() {
            return Err(ParseNumberError::Invalid { at: 0 });
        }
        let v = exact_decimal(&format!("{whole}.{frac}"))?;
        self.current = Some(v);
        self.current_implied = false;
        self.last_was_scale = false;
        Ok(())
    }

    /// The current number, with an implied lower place applied.
    fn take_current(&mut self) -> Result<Decimal, ParseNumberError> {
        let Some(v) = self.current.take() else {
            return Ok(Decimal::ZERO);
        };
        if self.current_implied {
            if let Some(&(_, e)) = self.groups.last() {
                if e >= 3 {
                    return v.checked_mul(pow10(e - 1)).ok_or(ParseNumberError::Overflow);
                }
            }
        }
        Ok(v)
    }

    /// The total so far, leaving the accumulator as it is: what `finish`
    /// gives on a clone, without copying the groups.
    pub(crate) fn total(&self) -> Result<Decimal, ParseNumberError> {
        if self.current.is_none() && self.groups.is_empty() {
            return Err(ParseNumberError::Empty);
        }
        let mut total = match self.current {
            None => Decimal::ZERO,
            Some(v) => match (self.current_implied, self.groups.last()) {
                (true, Some(&(_, e))) if e >= 3 => {
                    v.checked_mul(pow10(e - 1)).ok_or(ParseNumberError::Overflow)?
                }
                _ => v,
            },
        };
        for (g, _) in &self.groups {
            total = total.checked_add(*g).ok_or(ParseNumberError::Overflow)?;
        }
        Ok(total.normalize())
    }

    /// The total.
    pub(crate) fn finish(mut self) -> Result<Decimal, ParseNumberError> {
        if self.current.is_none() && self.groups.is_empty() {
            return Err(ParseNumberError::Empty);
        }
        let mut total = self.take_current()?;
        for (g, _) in &self.groups {
            total = total.checked_add(*g).ok_or(ParseNumberError::Overflow)?;
        }
        Ok(total.normalize())
    }

    /// Adds a number (digits already parsed).
    pub(crate) fn number(&mut self, v: Decimal) -> Result<(), ParseNumberError> {
        self.push_number(v, false)
    }

    /// `rưỡi` after the number read so far.
    pub(crate) fn half(&mut self) -> Result<(), ParseNumberError> {
        self.push_half()
    }
}

/// Reads the spelled-out number at the start of `words` (lower case) and
/// returns its value and how many words it used: the longest prefix that
/// reads as a number.
pub(crate) fn read_spelled_prefix(words: &[&str]) -> Option<(Decimal, usize)> {
    if !words.first().is_some_and(|w| is_number_word(w)) {
        return None;
    }
    // The words with their (unused) offsets, built once: on the stack for
    // the usual few words.
    let mut stack = [(0usize, ""); 16];
    let heap: Vec<(usize, &str)>;
    let with_offsets: &[(usize, &str)] = if words.len() <= stack.len() {
        for (slot, w) in stack.iter_mut().zip(words) {
            slot.1 = w;
        }
        &stack[..words.len()]
    } else {
        heap = words.iter().map(|w| (0, *w)).collect();
        &heap
    };
    for n in (1..=words.len()).rev() {
        if let Ok(v) = parse_words(&with_offsets[..n]) {
            return Some((v, n));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        parse_number(s)
            .map(|d| d.to_string())
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn digit_groups() {
        assert_eq!(p("1.500.000"), "1500000");
        assert_eq!(p("92,9"), "92.9");
        assert_eq!(p("1.500.000,5"), "1500000.5");
        assert_eq!(p("12.932"), "12932");
        assert_eq!(p("1,044"), "1.044");
        assert_eq!(p("02"), "2");
        assert_eq!(p("0,41"), "0.41");
        assert_eq!(p("2.713,77"), "2713.77");
    }

    /// `grouped_fast` against the general reading: every string of up to
    /// eight characters over digits and both separators, exhaustively.
    #[test]
    fn grouped_fast_agrees_with_parse_grouped() {
        let alphabet = [b'0', b'1', b'9', b'.', b','];
        let mut checked = 0;
        for len in 1..=8u32 {
            for code in 0..5usize.pow(len) {
                let mut c = code;
                let s: String = (0..len)
                    .map(|_| {
                        let ch = char::from(alphabet[c % 5]);
                        c /= 5;
                        ch
                    })
                    .collect();
                check_grouped(&s);
                checked += 1;
            }
        }
        assert!(checked > 400_000);
        for s in [
            "123.456.789.012.345.678",
            "123.456.789.012.345.6789",
            "1.234.567.890.123.456.789",
            "999999999999999999,5",
            "99999999999999999,5",
            "9,99999999999999999",
            "0,000000000000000001",
            "1,500,000",
            "000.000,000",
        ] {
            check_grouped(s);
        }
    }

    fn check_grouped(s: &str) {
        let slow = parse_grouped(s);
        if let Some(d) = grouped_fast(s.as_bytes()) {
            let Ok(v) = slow.as_ref() else {
                panic!("{s}: fast {d}, slow {slow:?}")
            };
            assert_eq!(
                (d, d.scale(), d.to_string()),
                (*v, v.scale(), v.to_string()),
                "{s}"
            );
        }
        let whole = parse_digits(s).map(|d| (d.scale(), d.to_string()));
        assert_eq!(whole, slow.map(|v| (v.scale(), v.to_string())), "{s}");
    }

    #[test]
    fn english_style() {
        assert_eq!(p("1,500,000"), "1500000");
        assert_eq!(p("1,500.5"), "1500.5");
        assert_eq!(p("63.5"), "63.5");
        assert!(parse_number("1.5.2").is_err());
        assert!(parse_number("1,5,2").is_err());
        assert!(parse_number("1.50.000").is_err());
    }

    #[test]
    fn scale_words() {
        assert_eq!(p("92,9 triệu"), "92900000");
        assert_eq!(p("2,5 tỷ"), "2500000000");
        assert_eq!(p("2,5 tỉ"), "2500000000");
        assert_eq!(p("5 nghìn"), "5000");
        assert_eq!(p("5 ngàn"), "5000");
        assert_eq!(p("1 tỷ 200 triệu"), "1200000000");
        assert_eq!(p("456 tỷ 453 triệu"), "456453000000");
        assert_eq!(p("855,63 nghìn tỷ"), "855630000000000");
        assert_eq!(p("1,044 triệu tỷ"), "1044000000000000");
        assert_eq!(p("3 nghìn tỷ"), "3000000000000");
        assert_eq!(p("Hai Triệu"), "2000000");
    }

    #[test]
    fn suffixes() {
        assert_eq!(p("10k"), "10000");
        assert_eq!(p("5tr"), "5000000");
        assert_eq!(p("1,5tr"), "1500000");
        assert!(parse_number("10kg").is_err());
    }

    #[test]
    fn spelled_out() {
        assert_eq!(p("hai mươi mốt"), "21");
        assert_eq!(p("mười lăm"), "15");
        assert_eq!(p("mười"), "10");
        assert_eq!(p("một trăm linh năm"), "105");
        assert_eq!(p("một trăm lẻ năm"), "105");
        assert_eq!(p("bảy trăm hai mươi mốt nghìn không trăm mười hai"), "721012");
        assert_eq!(p("một nghìn không trăm lẻ một"), "1001");
        assert_eq!(p("hai mươi mốt nghìn không trăm mười một"), "21011");
        assert_eq!(p("nửa"), "0.5");
        assert_eq!(p("nửa tỷ"), "500000000");
        assert_eq!(p("ba triệu rưỡi"), "3500000");
        assert_eq!(p("hai trăm rưỡi"), "250");
        assert!(parse_number("một tiếng rưỡi").is_err());
        assert_eq!(p("ba triệu hai"), "3200000");
        assert_eq!(p("một trăm mốt"), "110");
        assert_eq!(p("hai chục"), "20");
        assert_eq!(p("hai mốt"), "21");
        assert_eq!(p("ba lăm"), "35");
        assert_eq!(p("hai phẩy năm"), "2.5");
        assert_eq!(p("không"), "0");
        assert_eq!(p("chín mươi chín"), "99");
        assert_eq!(p("hai mươi tư"), "24");
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        assert_eq!(parse_number(""), Err(ParseNumberError::Empty));
        assert_eq!(parse_number("   "), Err(ParseNumberError::Empty));
        assert!(matches!(
            parse_number("abc"),
            Err(ParseNumberError::Invalid { at: 0 })
        ));
        assert!(matches!(
            parse_number("5 con"),
            Err(ParseNumberError::Invalid { at: 2 })
        ));
        assert!(parse_number("mười mốt").is_err());
        assert!(parse_number("triệu").is_err());
        assert!(parse_number("hai 5").is_err());
        assert!(parse_number("5 hai").is_err());
        assert!(parse_number("tỷ nghìn").is_err());
        assert!(parse_number("-").is_err());
        assert!(parse_number(",5").is_err());
        assert!(parse_number("5,").is_err());
    }

    #[test]
    fn overflow_is_an_error_not_a_wrong_value() {
        assert_eq!(
            parse_number("99999999999999999999999999999999"),
            Err(ParseNumberError::Overflow)
        );
        assert_eq!(
            parse_number("99.999.999.999.999 triệu tỷ"),
            Err(ParseNumberError::Overflow)
        );
        assert!(parse_number("5 tỷ tỷ").is_err());
        assert!(parse_number("79.228.162.514 tỷ tỷ").is_err());
        // 28 digits still fit exactly.
        assert_eq!(p("1234567890123456789012345678"), "1234567890123456789012345678");
    }

    #[test]
    fn signs() {
        assert_eq!(p("-4,02"), "-4.02");
        assert_eq!(p("- 5"), "-5");
        assert_eq!(p("âm hai"), "-2");
        assert_eq!(p("-1.621 tỷ"), "-1621000000000");
    }

    /// `total` (the non-consuming read the digit reader keeps at each
    /// longest-so-far point) equals `finish` on a clone after every
    /// sequence of up to five steps, failed steps included.
    #[test]
    fn total_equals_finish_of_a_clone() {
        const STEPS: usize = 9;
        fn step(acc: &mut Accumulator, k: usize) {
            let big = Decimal::from_i128_with_scale(79_000_000_000_000_000_000_000_000_000, 0);
            let _ = match k {
                0 => acc.number(Decimal::from(7)),
                1 => acc.push_small(Decimal::from(3), true, 1),
                2 => acc.push_small(Decimal::from(45), false, 10),
                3 => acc.number(big),
                4 => acc.push_scale(3),
                5 => acc.push_scale(6),
                6 => acc.push_scale(9),
                7 => acc.half(),
                _ => acc.number(Decimal::new(15, 1)),
            };
        }
        fn walk(acc: &Accumulator, depth: usize, checked: &mut usize) {
            assert_eq!(acc.total(), acc.clone().finish(), "{acc:?}");
            *checked += 1;
            if depth == 0 {
                return;
            }
            for k in 0..STEPS {
                let mut next = acc.clone();
                step(&mut next, k);
                walk(&next, depth - 1, checked);
            }
        }
        let mut checked = 0;
        walk(&Accumulator::default(), 5, &mut checked);
        assert!(checked > 60_000);
    }
}
