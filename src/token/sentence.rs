//! Sentence splitting over the token stream.
//!
//! A sentence ends at a terminal mark (`.` `!` `?` `…` `...`, with any
//! closing quotes and brackets right after it) when white space follows and
//! the next token can start a sentence (a capital, a digit, an opening quote
//! or bracket, a dash or bullet). It also ends at a blank line, and at a line
//! break unless the next line continues the sentence (it starts with a
//! lower-case letter, or the line ends with a comma and no terminal mark).
//!
//! No break:
//! - at abbreviations, which are single tokens (`TP.`, `TS.`, `ThS.`, `Th.S`,
//!   `PGS.TS.`); the enumeration ends `v.v.`, `vv.` and `etc.` do end a
//!   sentence when a capitalized word follows;
//! - inside numbers and dates (`9,5`, `1.500.000`, `19.12.2025`), which are
//!   single tokens;
//! - after an initial, a single capital letter before the dot (`S. Hayakawa`);
//! - after a list number or Roman numeral alone at the start (`1.`, `II.`);
//! - inside double quotes (`“…”`, `«…»`, `"…"`) or brackets (`(…)` `[…]`
//!   `{…}`). Single quotes are not tracked: `’` is also an apostrophe.
//!
//! State is bounded: the nesting depth is reset at every sentence and at
//! every line break, and a quote or bracket that stays open for more than
//! 1024 bytes no longer prevents breaks.

use super::{tokenize, Token, TokenKind, Tokens};
use crate::span::Span;
use serde::Serialize;

/// How many bytes after an opening quote or bracket breaks stay suppressed
/// when it is never closed.
const MAX_ENCLOSED: usize = 1024;

/// One sentence: a slice of the input and its byte span.
///
/// ```
/// use viet_text::sentences;
/// let s: Vec<_> = sentences("Trời mưa. Đường trơn.").map(|s| s.text).collect();
/// assert_eq!(s, ["Trời mưa.", "Đường trơn."]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence<'a> {
    /// The sentence text, borrowed from the input, without surrounding white space.
    pub text: &'a str,
    /// Byte span of the sentence in the input.
    pub span: Span,
}

/// Splits `text` into sentences.
///
/// Sentences are yielded in order; each starts at its first token and ends
/// at its last one, so only white space lies between two sentences.
///
/// A sentence ends at a terminal mark (`.` `!` `?` `…` `...`, with any
/// closing quotes and brackets right after it) when white space follows and
/// the next token can start a sentence (a capital, a digit, an opening quote
/// or bracket, a dash or bullet); at a blank line; and at a line break
/// unless the next line continues the sentence (it starts with a lower-case
/// letter, or the line ends with a comma and no terminal mark).
///
/// There is no break at abbreviations (`TP.`, `TS.`, `ThS.`, `Th.S`,
/// `PGS.TS.`; `v.v.` only before a capitalized word), inside numbers and
/// dates, after an initial (`S. Hayakawa`) or a list label alone at the
/// start (`1.`, `II.`), or inside double quotes and brackets. Quote and
/// bracket depth resets at every line break, and a quote left open stops
/// suppressing breaks after 1 KB, so one stray quote cannot swallow a
/// document.
///
/// ```
/// use viet_text::sentences;
/// let text = "PGS.TS. Lê An ở TP.HCM có 9,5 ha đất. “Tôi đi. Anh về.” Hết!";
/// let s: Vec<_> = sentences(text).map(|s| s.text).collect();
/// assert_eq!(s, [
///     "PGS.TS. Lê An ở TP.HCM có 9,5 ha đất.",
///     "“Tôi đi. Anh về.”",
///     "Hết!",
/// ]);
/// ```
pub fn sentences(text: &str) -> Sentences<'_> {
    Sentences {
        text,
        tokens: tokenize(text).boundaries_only(),
        pending: None,
    }
}

/// Iterator over sentences; see [`sentences`].
///
/// ```
/// assert_eq!(viet_text::sentences("Một. Hai.").count(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct Sentences<'a> {
    text: &'a str,
    tokens: Tokens<'a>,
    /// The first token of the next sentence, already read.
    pending: Option<Token<'a>>,
}

/// White space between two tokens, as far as sentences care.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// The tokens touch.
    None,
    /// Spaces, no line break.
    Space,
    /// One line break.
    Line,
    /// A blank line: two or more line breaks.
    Paragraph,
}

#[inline]
fn gap(bytes: &[u8]) -> Gap {
    match bytes {
        [] => return Gap::None,
        [b' '] => return Gap::Space,
        _ => {}
    }
    let mut lines = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => lines += 1,
            // `\r\n` counts once; a lone `\r` is a line break too.
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => lines += 1,
            // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR.
            0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                Some(0xA8) => lines += 1,
                Some(0xA9) => lines += 2,
                _ => {}
            },
            _ => {}
        }
        if lines >= 2 {
            return Gap::Paragraph;
        }
        i += 1;
    }
    if lines == 1 {
        Gap::Line
    } else {
        Gap::Space
    }
}

/// What the splitter remembers about the sentence being built.
struct State<'a> {
    /// The whole input.
    text: &'a str,
    /// Open quotes and brackets.
    depth: u32,
    /// Where the outermost open quote or bracket started.
    opened_at: usize,
    /// The last token that is not a closing quote or bracket ends the
    /// sentence (a terminal mark that is not after an initial).
    ended: bool,
    /// Tokens in the sentence so far.
    count: usize,
}

impl<'a> Iterator for Sentences<'a> {
    type Item = Sentence<'a>;

    fn next(&mut self) -> Option<Sentence<'a>> {
        let first = self.pending.take().or_else(|| self.tokens.next())?;
        let bytes = self.text.as_bytes();
        let start = first.span.start;
        let mut end = first.span.end;
        let mut state = State {
            text: self.text,
            depth: 0,
            opened_at: start,
            ended: false,
            count: 0,
        };
        let mut last = first;
        state.push(None, &first);
        for next in self.tokens.by_ref() {
            let between = gap(bytes.get(end..next.span.start).unwrap_or_default());
            if state.breaks_before(between, &last, &next) {
                self.pending = Some(next);
                break;
            }
            if between == Gap::Line {
                // A quote or bracket does not run on across lines.
                state.depth = 0;
            }
            state.push(Some(&last), &next);
            last = next;
            end = next.span.end;
        }
        Some(Sentence {
            text: self.text.get(start..end).unwrap_or_default(),
            span: Span::new(start, end),
        })
    }
}

impl std::iter::FusedIterator for Sentences<'_> {}

impl State<'_> {
    /// Adds `t` (after `prev`) to the sentence.
    #[inline(always)]
    fn push(&mut self, prev: Option<&Token<'_>>, t: &Token<'_>) {
        self.count += 1;
        match t.kind {
            TokenKind::Punct | TokenKind::OpenQuote | TokenKind::CloseQuote => self.push_mark(prev, t),
            _ => self.ended = false,
        }
    }

    /// [`State::push`] for punctuation and quotes (out of line: most tokens are words).
    #[inline(never)]
    fn push_mark(&mut self, prev: Option<&Token<'_>>, t: &Token<'_>) {
        if opens(t) {
            if self.depth == 0 {
                self.opened_at = t.span.start;
            }
            self.depth = self.depth.saturating_add(1);
        } else if closes(t) {
            self.depth = self.depth.saturating_sub(1);
        }
        if self.ended && (closes(t) || is_terminal(t)) {
            // `."`, `.)`, `?!`: still the same ending.
            return;
        }
        self.ended = is_terminal(t) && !prev.is_some_and(|p| self.is_label_or_initial(p, t));
    }

    /// Whether the dot `t` after `p` belongs to an initial (`S.`) or starts
    /// a numbered item (`1.`, `II.`, `a.`) rather than ending a sentence.
    fn is_label_or_initial(&self, p: &Token<'_>, t: &Token<'_>) -> bool {
        if t.text != "." || p.span.end != t.span.start {
            return false;
        }
        // A capital letter standing alone (`S.`, not the `G` of `3G.`).
        let single_capital = matches!(p.kind, TokenKind::Word | TokenKind::Syllable)
            && !super::chars::prev_char(self.text, p.span.start).is_some_and(super::chars::is_word_char)
            && {
                let mut cs = p.text.chars().filter(|c| !super::chars::is_mark(*c));
                cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
            };
        let label = self.count == 2
            && (p.kind == TokenKind::Number && p.text.len() <= 3
                || p.text.len() <= 4 && p.text.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
                || p.text.chars().count() == 1 && p.text.chars().all(|c| c.is_alphabetic()));
        single_capital || label
    }

    /// Whether a sentence break goes between `last` and `next`.
    fn breaks_before(&self, between: Gap, last: &Token<'_>, next: &Token<'_>) -> bool {
        match between {
            Gap::None => false,
            Gap::Paragraph => true,
            // A line break ends a sentence unless the next line continues it:
            // it starts in lower case, or the line ended with a comma.
            Gap::Line => self.ended || !(last.text == "," || next.text.starts_with(char::is_lowercase)),
            Gap::Space if !self.ended && last.kind != TokenKind::Abbreviation => false,
            Gap::Space => {
                let enclosed =
                    self.depth > 0 && next.span.start.saturating_sub(self.opened_at) <= MAX_ENCLOSED;
                let ended = self.ended || ends_enumeration(last) && next.is_capitalized();
                ended && !enclosed && starts_sentence(next)
            }
        }
    }
}

fn opens(t: &Token<'_>) -> bool {
    match t.kind {
        TokenKind::OpenQuote => t.text != "'" && t.text != "‘",
        TokenKind::Punct => matches!(t.text, "(" | "[" | "{"),
        _ => false,
    }
}

fn closes(t: &Token<'_>) -> bool {
    match t.kind {
        TokenKind::CloseQuote => t.text != "'" && t.text != "’",
        TokenKind::Punct => matches!(t.text, ")" | "]" | "}"),
        _ => false,
    }
}

/// `.`, `!`, `?`, `…`, `...` and the full-width `。！？`.
fn is_terminal(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Punct
        && !t.text.is_empty()
        && t.text
            .chars()
            .all(|c| matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？'))
}

/// Abbreviations that close a list and may end a sentence.
fn ends_enumeration(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Abbreviation && matches!(t.text, "v.v." | "vv." | "etc." | "v.v...")
}

/// Whether `t` can be the first token of a sentence.
fn starts_sentence(t: &Token<'_>) -> bool {
    t.is_capitalized()
        || matches!(
            t.kind,
            TokenKind::OpenQuote
                | TokenKind::Number
                | TokenKind::DateLike
                | TokenKind::Percent
                | TokenKind::Ratio
                | TokenKind::Hashtag
                | TokenKind::Mention
                | TokenKind::Url
        )
        || matches!(
            t.text,
            "(" | "[" | "-" | "–" | "—" | "•" | "*" | "+" | "…" | "..."
        )
}
