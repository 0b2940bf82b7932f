//! Programs, movements, campaigns: `phong trào “Thanh xuân dâng Đảng”`.
//!
//! A program is a trigger word (`Chương trình`, `phong trào`, `Cuộc vận
//! động`, `mô hình` …) with the quoted title after it (descriptors between
//! them inside the span), a trigger with a capitalized title (`Chiến dịch
//! Thanh niên tình nguyện hè`), or a complete name from the lexicon (the
//! national target programs). The quoted title alone is the program when
//! the trigger is counted (`195 mô hình “…”`), when an example word
//! separates them (`mô hình … như “…”`), for later titles of a list, after
//! `hoạt động`/`việc`, and for a title the text already named as a program.

use super::names::{Ctx, Marks};
use super::person::longest_of;
use super::Entity;
use crate::lexicon::cat;
use crate::span::Span;
use crate::token::TokenKind;
use serde::Serialize;
use std::collections::HashMap;

/// Titles named so far, by key (the standard seeded hasher: the keys come
/// from the document's text).
type Names = HashMap<String, ProgramKind>;

/// How far a trigger's descriptors reach before the quoted title.
const MAX_DESCRIPTORS: usize = 6;
/// Longest quoted title, in tokens.
const MAX_QUOTED: usize = 60;
/// Longest unquoted title, in tokens.
const MAX_UNQUOTED: usize = 10;

fn is_open_quote(ctx: &Ctx<'_>, i: usize) -> bool {
    ctx.kind(i) == Some(TokenKind::OpenQuote)
}

fn is_close_quote(ctx: &Ctx<'_>, i: usize) -> bool {
    ctx.kind(i) == Some(TokenKind::CloseQuote)
}

/// The closing quote that matches the opening one at `i`.
fn closing(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
    let mut k = i + 1;
    while k < ctx.len() && k - i <= MAX_QUOTED {
        if ctx.breaks_before(k) && !ctx.line_wraps(k) {
            return None;
        }
        if is_close_quote(ctx, k) {
            return (k > i + 1).then_some(k);
        }
        if is_open_quote(ctx, k) {
            return None;
        }
        k += 1;
    }
    None
}

fn is_example_word(w: &str) -> bool {
    matches!(
        w,
        "như" | "là" | "gồm" | "bao gồm" | "điển hình" | "tiêu biểu" | "với"
    )
}

fn is_plural(w: &str) -> bool {
    matches!(w, "các" | "những" | "nhiều" | "mọi" | "số" | "hàng" | "loạt")
}

/// Words after which a quoted, capitalized title is a program of kind
/// `other` (`hoạt động “Ngày vì người nghèo”`).
fn is_quote_intro(w: &str) -> bool {
    matches!(w, "hoạt động" | "việc" | "chủ đề" | "thông điệp")
}

/// Finds programs.
pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Entity>) {
    // Without a trigger or a listed program the first pass finds nothing
    // and names nothing, and the quoted-title pass needs an opening quote:
    // with neither, skip setting both up.
    // The first opening quote, looked for once (the quoted-title pass
    // starts there).
    let first_quote = next_open_quote(ctx, 0);
    if !ctx.present(cat::TRIGGER | cat::PROGRAM) && first_quote >= ctx.len() {
        return;
    }
    let mut names: Names = Names::default();
    let mut emitted = Marks::new(ctx.len()); // opening quotes already used
    let mut i = 0;
    while i < ctx.len() {
        i = ctx.next_with(i, cat::TRIGGER | cat::PROGRAM);
        if i >= ctx.len() {
            break;
        }
        let prev = if i > 0 && !ctx.breaks_before(i) {
            ctx.word(i - 1)
        } else {
            ""
        };
        let plural = is_plural(prev) && ctx.is_lowerish(i.wrapping_sub(1));
        let counted = i > 0 && ctx.kind(i - 1) == Some(TokenKind::Number) && !ctx.breaks_before(i);
        // Complete names from the lexicon.
        if let Some((end, e)) = longest_of(ctx, i, cat::PROGRAM, false, |e| e.program.is_some()) {
            if !plural && !counted {
                let kind = e.program.unwrap_or(ProgramKind::Program);
                let after_trigger = ctx
                    .longest(i, false, |e| e.trigger.is_some())
                    .map_or(i + 1, |(t, _)| t)
                    .min(end);
                // The national target programs go on with their topic in
                // lower case (`… phát triển kinh tế - xã hội vùng …`).
                let end = lower_title_end(ctx, end);
                let name = ctx.slice(after_trigger, end);
                push(ctx, i, end, name, kind, out);
                i = end;
                continue;
            }
        }
        let Some((tend, e)) = longest_of(ctx, i, cat::TRIGGER, false, |e| e.trigger.is_some()) else {
            i += 1;
            continue;
        };
        let (kind, whole) = e.trigger.unwrap_or((ProgramKind::Other, false));
        if whole && !ctx.is_upper_start(i) {
            i += 1;
            continue;
        }
        // `Tháng hành động vì an toàn thực phẩm`: a trigger of several
        // words that is a title by itself goes on in lower case.
        if whole && tend > i + 1 && ctx.is_lowerish(tend) {
            let end = lower_title_end(ctx, tend);
            if end > tend {
                push(ctx, i, end, ctx.slice(i, end), kind, out);
                i = end;
                continue;
            }
        }
        // Descriptors, then a quoted title?
        let mut k = tend;
        let mut separated = counted;
        while k < ctx.len() && k - tend < MAX_DESCRIPTORS && !ctx.stops_at_break(k) && ctx.is_lowerish(k) {
            if is_example_word(ctx.word(k)) || ctx.is_stop(k) {
                separated = true;
            }
            k += 1;
        }
        if k < ctx.len() && is_open_quote(ctx, k) && !ctx.stops_at_break(k) {
            if let Some(close) = closing(ctx, k) {
                let name = ctx.slice(k + 1, close);
                // A lower-case quote right after the trigger is a scare
                // quote or a description (`dự án “nghìn tỷ”`).
                if !separated && !ctx.is_upper_start(k + 1) {
                    i = close + 1;
                    continue;
                }
                if separated || (plural && k > tend) {
                    push(ctx, k, close + 1, name, kind, out);
                } else {
                    push(ctx, i, close + 1, name, kind, out);
                }
                emitted.push((k, k + 1));
                names.insert(ctx.key(k + 1, close), kind);
                let end = list_continues(ctx, close + 1, kind, out, &mut names, &mut emitted);
                i = end;
                continue;
            }
        }
        if whole || plural || counted || k != tend {
            if whole && ctx.is_namecap(tend) {
                let end = unquoted_end(ctx, tend);
                if end > tend {
                    push(ctx, i, end, ctx.slice(i, end), kind, out);
                    i = end;
                    continue;
                }
            }
            i = tend;
            continue;
        }
        // A stray closing quote (the opening one was lost in print).
        if ctx.is_namecap(tend) {
            if let Some(q) = stray_close(ctx, tend) {
                push(ctx, i, q + 1, ctx.slice(tend, q), kind, out);
                i = q + 1;
                continue;
            }
        }
        // A capitalized title without quotes.
        if ctx.is_namecap(tend)
            && ctx.place(tend).is_none()
            && !ctx.any(tend, |e| {
                e.org.is_some() || e.head.is_some() || e.title.is_some() || e.prefix.is_some()
            })
        {
            let end = unquoted_end(ctx, tend);
            if end > tend + 1 {
                push(ctx, i, end, ctx.slice(tend, end), kind, out);
                names.insert(ctx.key(tend, end), kind);
                i = end;
                continue;
            }
        }
        i = tend;
    }
    // Quoted titles introduced by `hoạt động`, `việc`, or named before.
    let mut next = first_quote;
    while next < ctx.len() {
        let k = next;
        next = next_open_quote(ctx, k + 1);
        if !is_open_quote(ctx, k) || emitted.contains(k) {
            continue;
        }
        let Some(close) = closing(ctx, k) else { continue };
        // No title named yet: no key to build.
        let named = if names.is_empty() {
            None
        } else {
            names.get(&ctx.key(k + 1, close))
        };
        if let Some(&kind) = named {
            push(ctx, k, close + 1, ctx.slice(k + 1, close), kind, out);
            continue;
        }
        let intro = (k.saturating_sub(2)..k).any(|s| is_quote_intro(ctx.slice(s, k)));
        if intro && ctx.is_upper_start(k + 1) && close - k > 2 {
            push(
                ctx,
                k,
                close + 1,
                ctx.slice(k + 1, close),
                ProgramKind::Other,
                out,
            );
        }
    }
}

/// The first opening quote at or after `from` (`ctx.len()` if none):
/// [`Ctx::next_kind`] of [`TokenKind::OpenQuote`], eight tokens a step
/// with one branch (most documents have no quote: the walk runs over all
/// their tokens, at ~5 instructions a token with a branch each).
fn next_open_quote(ctx: &Ctx<'_>, from: usize) -> usize {
    let Some(rest) = ctx.toks.get(from..) else {
        return ctx.len();
    };
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for chunk in chunks.by_ref() {
        if chunk
            .iter()
            .fold(false, |q, t| q | (t.kind == TokenKind::OpenQuote))
        {
            break;
        }
        at += 8;
    }
    // The quote in the step found, or the last few tokens.
    ctx.next_kind(at, &[TokenKind::OpenQuote])
}

/// The end of an unquoted title starting at `j`: lower-case words up to a
/// stop word, punctuation, a number or a line break.
fn unquoted_end(ctx: &Ctx<'_>, j: usize) -> usize {
    let mut k = j;
    let mut last = j;
    while k < ctx.len() && k - j < MAX_UNQUOTED {
        if k > j && ctx.stops_at_break(k) {
            break;
        }
        if is_close_quote(ctx, k) {
            return k + 1;
        }
        let w = ctx.word(k);
        // `Chương trình X và tập đoàn Y`: a body after `và` is no part of the title.
        if matches!(w, "và" | "với") && ctx.any(k + 1, |e| e.head.is_some() || e.org.is_some()) {
            break;
        }
        let title_word = matches!(w, "vì" | "cho" | "với" | "và");
        if ctx.is_namecap(k) || ctx.is_abbrev(k) || (ctx.is_lowerish(k) && (title_word || !ctx.is_stop(k))) {
            k += 1;
            if !title_word {
                last = k;
            }
            continue;
        }
        if matches!(w, "-" | "–") && ctx.is_namecap(k + 1) {
            k += 1;
            continue;
        }
        break;
    }
    last
}

/// A closing quote on the same line within reach, with no opening quote
/// before it.
fn stray_close(ctx: &Ctx<'_>, j: usize) -> Option<usize> {
    let mut k = j;
    while k < ctx.len() && k - j < 25 {
        if k > j && ctx.breaks_before(k) || is_open_quote(ctx, k) {
            return None;
        }
        if is_close_quote(ctx, k) {
            return Some(k);
        }
        k += 1;
    }
    None
}

/// Lower-case words that continue a title (up to a stop word, a number,
/// punctuation other than a joining dash, or a line break).
fn lower_title_end(ctx: &Ctx<'_>, j: usize) -> usize {
    let mut k = j;
    let mut last = j;
    // Right after a joining word a verb or noun still belongs to the title
    // (`vì người nghèo`).
    let mut after_joiner = false;
    while k < ctx.len() && k - j < 20 && !ctx.stops_at_break(k) {
        let joiner = ctx.word_in(k, &["-", "–", "và", "vì", "cho", "với"]);
        if joiner && ctx.is_lowerish(k + 1) && !ctx.is_strong_stop(k + 1) {
            k += 1;
            after_joiner = true;
        } else if ctx.is_lowerish(k) && !joiner && (!ctx.is_stop(k) || after_joiner && !ctx.is_strong_stop(k))
        {
            k += 1;
            last = k;
            after_joiner = false;
        } else {
            break;
        }
    }
    last
}

/// `“A”, “B” và “C”`: the later titles of a list after one trigger.
fn list_continues(
    ctx: &Ctx<'_>,
    mut k: usize,
    kind: ProgramKind,
    out: &mut Vec<Entity>,
    names: &mut Names,
    emitted: &mut Marks,
) -> usize {
    while k + 1 < ctx.len()
        && ctx.word_in(k, &[",", ";", "và"])
        && is_open_quote(ctx, k + 1)
        && !ctx.stops_at_break(k + 1)
    {
        let Some(close) = closing(ctx, k + 1) else { break };
        push(ctx, k + 1, close + 1, ctx.slice(k + 2, close), kind, out);
        emitted.push((k + 1, k + 2));
        names.insert(ctx.key(k + 2, close), kind);
        k = close + 1;
    }
    k
}

fn push(ctx: &Ctx<'_>, i: usize, j: usize, name: &str, kind: ProgramKind, out: &mut Vec<Entity>) {
    if let Some((s, e)) = ctx.span(i, j) {
        out.push(Entity::Program(Program {
            span: Span::new(s, e),
            // The extractor sets the text of every survivor from its
            // span: a string made here would be copied over or dropped.
            text: String::new(),
            name: name.trim().to_owned(),
            kind,
        }));
    }
}

/// What kind of program.
///
/// ```
/// use viet_text::entity::ProgramKind;
/// assert_eq!(serde_json::to_string(&ProgramKind::Movement).unwrap(), "\"movement\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgramKind {
    /// `Chương trình`.
    Program,
    /// `phong trào`.
    Movement,
    /// `Chiến dịch`, `Cuộc vận động`.
    Campaign,
    /// `Dự án`.
    Project,
    /// `Đề án`.
    Scheme,
    /// `Kế hoạch`.
    Plan,
    /// `mô hình`.
    Model,
    /// Anything else (`Tháng …`, a quoted title alone).
    Other,
}

/// A named program with its trigger word.
///
/// ```
/// use viet_text::entity::{Program, ProgramKind};
/// let p = Program { span: viet_text::Span::new(0, 1), text: "x".into(), name: "x".into(), kind: ProgramKind::Program };
/// assert!(serde_json::to_string(&p).unwrap().ends_with(r#""name":"x","kind":"program"}"#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Program {
    /// Byte span in the input.
    #[serde(flatten)]
    pub span: Span,
    /// The input at `span`.
    pub text: String,
    /// The title without trigger word and quotes.
    pub name: String,
    /// What kind of program.
    pub kind: ProgramKind,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stepped quote walk finds what the plain one finds, from every
    /// token (and past the end).
    fn same_quote_walk(text: &str) {
        crate::entity::names::with_builtin_ctx(text, |ctx| {
            for from in 0..=ctx.len() + 2 {
                assert_eq!(
                    next_open_quote(ctx, from),
                    ctx.next_kind(from, &[TokenKind::OpenQuote]),
                    "{text:?} from {from}"
                );
            }
        });
    }

    #[test]
    fn quote_walk_examples() {
        let mut long = "một hai ba bốn năm sáu bảy tám chín mười ".repeat(3);
        for text in ["", "“", "a “b” c", "\"x\" «y» ‘z’", "phong trào “Xanh”"] {
            same_quote_walk(text);
        }
        // A quote at every place of a text longer than two steps.
        for at in 0..40 {
            long.insert(long.char_indices().nth(at).map_or(long.len(), |(i, _)| i), '“');
            same_quote_walk(&long);
        }
    }

    proptest::proptest! {
        #[test]
        fn quote_walk_agrees_on_random_text(text in "([a-zđư]{1,4}| |“|”|\"|'|«|»|,|\\.|\n){0,60}") {
            same_quote_walk(&text);
        }
    }
}
