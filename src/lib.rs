//! # viet-text
//!
//! Vietnamese text analysis: Unicode and tone-mark normalization, a
//! zero-copy tokenizer, sentence splitting, and extraction of typed
//! entities (money, percentages, quantities, dates, organizations,
//! programs, locations and persons) with exact values and byte spans that
//! always index the caller's original input.
//!
//! ```
//! use viet_text::{Entity, Extractor};
//!
//! let extractor = Extractor::new();
//! let text = "Năm 2025, tỷ lệ hộ nghèo còn 2,5%.";
//! let entities = extractor.extract(text);
//! let percent = entities.iter().find_map(|e| match e {
//!     Entity::Percent(p) => Some(p),
//!     _ => None,
//! });
//! let percent = percent.expect("a percent entity");
//! assert_eq!(&text[percent.span.range()], "2,5%");
//! ```
//!
//! Money carries an exact amount and its ISO 4217 currency:
//!
//! ```
//! use viet_text::{entity::Amount, Entity, Extractor};
//!
//! let text = "Tỉnh chi hơn 92,9 triệu đồng cho 104/104 hộ.";
//! let entities = Extractor::new().extract(text);
//! let money = entities.iter().find_map(|e| match e {
//!     Entity::Money(m) => Some(m),
//!     _ => None,
//! });
//! let money = money.expect("a money entity");
//! assert_eq!(money.text, "hơn 92,9 triệu đồng");
//! assert_eq!(money.amount, Amount::Exact { amount: "92900000".parse().unwrap() });
//! assert_eq!(money.currency, "VND");
//! ```
//!
#![doc = include_str!("untrusted_input.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod entity;
pub mod legacy;
pub mod lexicon;
pub mod normalize;
pub mod number;
pub mod syllable;
pub mod token;
pub mod word;

mod span;

pub use entity::{Entity, EntityType, Extractor, ExtractorBuilder};
pub use normalize::{normalize, normalize_with_map, NormalizeOptions, Normalized, OffsetMap, ToneStyle};
pub use number::parse_number;
pub use span::Span;
pub use token::{sentences, tokenize, tokenize_into, Sentence, Token, TokenKind};

/// The exact decimal type used for every amount, value and ratio.
///
/// ```
/// use viet_text::Decimal;
/// let d: Decimal = "92.9".parse().unwrap();
/// assert_eq!(d.to_string(), "92.9");
/// ```
pub use rust_decimal::Decimal;

/// The README's examples, compiled and run as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
