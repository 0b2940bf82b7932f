//! Reading written and spelled-out Vietnamese numbers into exact decimals.
//!
//! SKELETON: plain digit groups only; scale words, spelled-out numerals
//! and the rest are to come (issue 3).
//!
//! ```
//! use viet_text::parse_number;
//! assert_eq!(parse_number("1.500.000").unwrap().to_string(), "1500000");
//! ```

use rust_decimal::Decimal;
use std::fmt;

/// Why a string could not be read as a number.
///
/// ```
/// assert!(viet_text::parse_number("abc").is_err());
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
    /// The value does not fit the decimal type.
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

/// Reads a Vietnamese number (`1.500.000`, `92,9`) into an exact decimal.
///
/// ```
/// use viet_text::parse_number;
/// assert_eq!(parse_number("92,9").unwrap().to_string(), "92.9");
/// ```
pub fn parse_number(text: &str) -> Result<Decimal, ParseNumberError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(ParseNumberError::Empty);
    }
    let mut s = String::with_capacity(t.len());
    for (i, c) in t.char_indices() {
        match c {
            '0'..='9' => s.push(c),
            '.' => {}
            ',' => s.push('.'),
            _ => return Err(ParseNumberError::Invalid { at: i }),
        }
    }
    s.parse::<Decimal>()
        .map(|d| d.normalize())
        .map_err(|_| ParseNumberError::Overflow)
}
