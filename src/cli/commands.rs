//! What each subcommand does to one document: calls into the library and
//! renders the result (JSON, TSV, lines, table rows, HTML).

use super::args::Format;
use super::decode::Decoded;
use super::render::{self, Row};
use super::task::Output;
use serde::Serialize;
use std::io::{Result, Write};
use viet_text::word::WordSegmenter;
use viet_text::{sentences, tokenize, Entity, EntityType, Extractor, Span};

/// One document (a whole chunk, or one line) ready to process.
pub struct Doc<'a> {
    /// The text, with the map of its offsets back to the input bytes.
    pub text: Decoded<'a>,
    /// Added to spans: the chunk's file offset, or 0 for a line.
    pub base: u64,
    /// `Some` in `--lines` mode.
    pub line: Option<u64>,
    /// The input's name as a JSON string.
    pub source: &'a str,
}

/// The span of `span` of the document's text in the input, shifted by the
/// document's base.
fn input_span(doc: &Doc<'_>, span: Span) -> Span {
    let s = doc.text.to_input(span);
    let base = usize::try_from(doc.base).unwrap_or(usize::MAX);
    Span::new(s.start.saturating_add(base), s.end.saturating_add(base))
}

/// Writes the head of a `--lines` JSON object: `{"source":..,"line":N,"<field>":[`.
fn line_head(doc: &Doc<'_>, field: &str, w: &mut Vec<u8>) -> Result<()> {
    write!(
        w,
        "{{\"source\":{},\"line\":{},\"{field}\":[",
        doc.source,
        doc.line.unwrap_or(0)
    )
}

/// Writes `items` as JSON: comma-separated in whole-document mode, one
/// object per line in `--lines` mode.
fn json_items<T: Serialize>(
    doc: &Doc<'_>,
    field: &str,
    items: impl Iterator<Item = T>,
    w: &mut Vec<u8>,
) -> Result<()> {
    if doc.line.is_some() {
        line_head(doc, field, w)?;
    }
    for (i, item) in items.enumerate() {
        if i > 0 {
            w.push(b',');
        }
        serde_json::to_writer(&mut *w, &item)?;
    }
    if doc.line.is_some() {
        w.extend_from_slice(b"]}\n");
    }
    Ok(())
}

/// `extract`: entities as JSON items, table rows or marked-up HTML.
pub fn extract(extractor: &Extractor, format: Format, doc: &Doc<'_>, out: &mut Output) -> Result<()> {
    let found = extractor.extract(&doc.text.text);
    for e in &found {
        if let Some(i) = EntityType::ALL.iter().position(|&t| t == e.entity_type()) {
            out.counts[i] += 1;
        }
    }
    match format {
        Format::Html => {
            render::html_text(&doc.text.text, &found, &mut out.bytes);
            if doc.line.is_some() {
                out.bytes.push(b'\n');
            }
            Ok(())
        }
        Format::Table => {
            for e in &found {
                let span = input_span(doc, e.span());
                out.rows.push(Row::new(doc.line, e, span));
            }
            Ok(())
        }
        Format::Json => {
            let moved = found.into_iter().map(|mut e| {
                let span = input_span(doc, e.span());
                set_span(&mut e, span);
                e
            });
            json_items(doc, "entities", moved, &mut out.bytes)
        }
    }
}

/// Moves an entity's span (its text stays: it is the document's text there).
fn set_span(e: &mut Entity, span: Span) {
    match e {
        Entity::Organization(x) => x.span = span,
        Entity::Program(x) => x.span = span,
        Entity::Money(x) => x.span = span,
        Entity::Percent(x) => x.span = span,
        Entity::Quantity(x) => x.span = span,
        Entity::Date(x) => x.span = span,
        Entity::Location(x) => x.span = span,
        Entity::Person(x) => x.span = span,
    }
}

/// A token, sentence or word as JSON: flat `start`, `end`, and the rest.
#[derive(Serialize)]
struct Item<'a, K: Serialize> {
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<K>,
    text: &'a str,
}

/// `tokenize`: one token per line (TSV), or JSON items.
pub fn tokens(json: bool, doc: &Doc<'_>, w: &mut Vec<u8>) -> Result<()> {
    let text: &str = &doc.text.text;
    if json {
        let items = tokenize(text).map(|t| {
            let s = input_span(doc, t.span);
            Item {
                start: s.start,
                end: s.end,
                kind: Some(t.kind),
                text: t.text,
            }
        });
        return json_items(doc, "tokens", items, w);
    }
    for t in tokenize(text) {
        let s = input_span(doc, t.span);
        let kind = serde_json::to_value(t.kind)?;
        let kind = kind.as_str().unwrap_or("other");
        writeln!(w, "{}\t{}\t{kind}\t{}", s.start, s.end, t.text)?;
    }
    if doc.line.is_some() {
        w.push(b'\n');
    }
    Ok(())
}

/// A sentence on one line: line breaks inside it become spaces.
fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\n', '\r']) {
        s.split_whitespace().collect::<Vec<_>>().join(" ").into()
    } else {
        s.into()
    }
}

/// `segment`: one sentence per line, or JSON items.
pub fn sentence_lines(json: bool, doc: &Doc<'_>, w: &mut Vec<u8>) -> Result<()> {
    let text: &str = &doc.text.text;
    if json {
        let items = sentences(text).map(|s| {
            let span = input_span(doc, s.span);
            Item::<()> {
                start: span.start,
                end: span.end,
                kind: None,
                text: s.text,
            }
        });
        return json_items(doc, "sentences", items, w);
    }
    for s in sentences(text) {
        writeln!(w, "{}", one_line(s.text))?;
    }
    Ok(())
}

/// `segment --words`: `_`-joined words, a sentence (or an input line) per
/// output line, or JSON items.
pub fn word_lines(seg: &WordSegmenter, json: bool, doc: &Doc<'_>, w: &mut Vec<u8>) -> Result<()> {
    let text: &str = &doc.text.text;
    if json {
        let words = seg.segment(text);
        let items = words.iter().map(|word| {
            let span = input_span(doc, word.span);
            Item::<()> {
                start: span.start,
                end: span.end,
                kind: None,
                text: word.text,
            }
        });
        return json_items(doc, "words", items, w);
    }
    if doc.line.is_some() {
        // Exactly one output line per input line.
        let line = seg.segment_to_underscored(text);
        w.extend(
            line.bytes()
                .map(|b| if b == b'\n' || b == b'\r' { b' ' } else { b }),
        );
        w.push(b'\n');
    } else {
        for s in sentences(text) {
            writeln!(w, "{}", seg.segment_to_underscored(s.text))?;
        }
    }
    Ok(())
}
