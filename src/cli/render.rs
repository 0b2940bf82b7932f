//! Human-facing output of `extract`: an aligned table and an HTML page.

use std::io::{self, Write};
use unicode_segmentation::UnicodeSegmentation;
use viet_text::{Entity, EntityType, Span};

/// One table row: an entity with its place in the input.
#[derive(Debug, Clone)]
pub struct Row {
    /// Line number (`--lines`).
    pub line: Option<u64>,
    /// Entity type.
    pub kind: &'static str,
    /// Byte span in the input.
    pub span: Span,
    /// The entity's text.
    pub text: String,
    /// Its value as `key=value` pairs.
    pub value: String,
}

impl Row {
    /// A row for `e`, found at `span` of the input.
    pub fn new(line: Option<u64>, e: &Entity, span: Span) -> Self {
        Row {
            line,
            kind: e.entity_type().as_str(),
            span,
            text: e.text().to_owned(),
            value: value_string(e),
        }
    }
}

/// The typed value of an entity as `key=value` pairs: every JSON field but
/// `type`, `start`, `end` and `text`.
pub fn value_string(e: &Entity) -> String {
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(e) else {
        return String::new();
    };
    let mut parts = Vec::new();
    for (k, v) in &map {
        if matches!(k.as_str(), "type" | "start" | "end" | "text") {
            continue;
        }
        match v {
            serde_json::Value::String(s) => parts.push(format!("{k}={s}")),
            other => parts.push(format!("{k}={other}")),
        }
    }
    parts.join(" ")
}

/// Printed width of `s` on a terminal (grapheme clusters; Vietnamese has no wide letters).
fn width(s: &str) -> usize {
    s.graphemes(true).count()
}

/// A table cell: control characters (line breaks, tabs) become spaces.
fn cell(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Writes `rows` (with their source names) as an aligned table.
pub fn write_table(
    w: &mut impl Write,
    rows: &[(&str, Row)],
    show_source: bool,
    show_line: bool,
) -> io::Result<()> {
    let mut header: Vec<&str> = Vec::new();
    if show_source {
        header.push("SOURCE");
    }
    if show_line {
        header.push("LINE");
    }
    header.extend(["TYPE", "START", "END", "TEXT", "VALUE"]);
    let numeric_from = usize::from(show_source);
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|(source, r)| {
            let mut cells = Vec::with_capacity(header.len());
            if show_source {
                cells.push(cell(source));
            }
            if show_line {
                cells.push(r.line.map_or_else(String::new, |l| l.to_string()));
            }
            cells.push(r.kind.to_owned());
            cells.push(r.span.start.to_string());
            cells.push(r.span.end.to_string());
            cells.push(cell(&r.text));
            cells.push(cell(&r.value));
            cells
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in &table {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(c));
        }
    }
    let right = |i: usize, h: &str| i >= numeric_from && matches!(h, "LINE" | "START" | "END");
    let line = |w: &mut dyn Write, cells: &[&str]| -> io::Result<()> {
        let last = cells.len().saturating_sub(1);
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(width(c));
            if i > 0 {
                w.write_all(b"  ")?;
            }
            if i == last {
                w.write_all(c.as_bytes())?;
            } else if right(i, header[i]) {
                write!(w, "{}{c}", " ".repeat(pad))?;
            } else {
                write!(w, "{c}{}", " ".repeat(pad))?;
            }
        }
        w.write_all(b"\n")
    };
    line(w, &header)?;
    let rule: Vec<String> = widths.iter().map(|&n| "─".repeat(n.max(1))).collect();
    line(w, &rule.iter().map(String::as_str).collect::<Vec<_>>())?;
    for row in &table {
        line(w, &row.iter().map(String::as_str).collect::<Vec<_>>())?;
    }
    Ok(())
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str, w: &mut Vec<u8>) {
    for c in s.chars() {
        match c {
            '&' => w.extend_from_slice(b"&amp;"),
            '<' => w.extend_from_slice(b"&lt;"),
            '>' => w.extend_from_slice(b"&gt;"),
            '"' => w.extend_from_slice(b"&quot;"),
            '\'' => w.extend_from_slice(b"&#39;"),
            c => {
                let mut buf = [0; 4];
                w.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

/// Background colour per entity type.
fn colour(t: EntityType) -> &'static str {
    match t {
        EntityType::Organization => "#ffd6a5",
        EntityType::Program => "#fdffb6",
        EntityType::Money => "#caffbf",
        EntityType::Percent => "#9bf6ff",
        EntityType::Quantity => "#a0c4ff",
        EntityType::Date => "#bdb2ff",
        EntityType::Location => "#ffc6ff",
        EntityType::Person => "#ffadad",
    }
}

/// Writes `text` with every entity (spans into `text`, in order) marked.
pub fn html_text(text: &str, entities: &[Entity], w: &mut Vec<u8>) {
    let mut at = 0;
    for e in entities {
        let span = e.span();
        let (Some(before), Some(inner)) = (text.get(at..span.start), text.get(span.range())) else {
            continue; // overlapping or off a char boundary: leave it unmarked
        };
        escape(before, w);
        let kind = e.entity_type().as_str();
        w.extend_from_slice(b"<mark class=\"e-");
        w.extend_from_slice(kind.as_bytes());
        w.extend_from_slice(b"\" title=\"");
        escape(kind, w);
        let value = value_string(e);
        if !value.is_empty() {
            w.extend_from_slice(b": ");
            escape(&value, w);
        }
        w.extend_from_slice(b"\">");
        escape(inner, w);
        w.extend_from_slice(b"</mark>");
        at = span.end;
    }
    escape(text.get(at..).unwrap_or_default(), w);
}

/// The page up to the first section: style and legend.
pub fn html_head(w: &mut Vec<u8>) {
    w.extend_from_slice(
        b"<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>viet-text: entities</title>\n<style>\n\
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\n\
pre{white-space:pre-wrap;font-family:inherit;line-height:1.7;font-size:1.05rem}\n\
mark{border-radius:.25rem;padding:.05rem .15rem;cursor:help}\n\
mark:hover{outline:2px solid #333}\n\
.legend span{display:inline-block;margin:.15rem .4rem .15rem 0;padding:.1rem .5rem;border-radius:.25rem}\n\
section{border-top:1px solid #ccc;margin-top:1.5rem}\n\
h2{font-size:1rem;font-family:monospace;color:#555}\n\
.error{color:#a00;font-family:monospace}\n\
table{border-collapse:collapse}td{padding:.1rem .6rem}td.n{text-align:right}\n",
    );
    for t in EntityType::ALL {
        let _ = writeln!(w, ".e-{}{{background:{}}}", t.as_str(), colour(t));
    }
    w.extend_from_slice(
        b"</style>\n</head>\n<body>\n<h1>Entities</h1>\n\
<p>Hover over a highlighted entity to see its type and value.</p>\n<p class=\"legend\">",
    );
    for t in EntityType::ALL {
        let _ = write!(w, "<span class=\"e-{0}\">{0}</span>", t.as_str());
    }
    w.extend_from_slice(b"</p>\n");
}

/// Opens the section of one input.
pub fn html_section_start(name: &str, w: &mut Vec<u8>) {
    w.extend_from_slice(b"<section>\n<h2>");
    escape(name, w);
    w.extend_from_slice(b"</h2>\n<pre>");
}

/// Closes the section of one input, with any problems found in it.
pub fn html_section_end(notes: &[String], w: &mut Vec<u8>) {
    w.extend_from_slice(b"</pre>\n");
    for note in notes {
        html_error(note, w);
    }
    w.extend_from_slice(b"</section>\n");
}

/// The section of an input that could not be read at all.
pub fn html_failed_section(name: &str, message: &str, w: &mut Vec<u8>) {
    w.extend_from_slice(b"<section>\n<h2>");
    escape(name, w);
    w.extend_from_slice(b"</h2>\n");
    html_error(message, w);
    w.extend_from_slice(b"</section>\n");
}

/// A problem with an input, shown on the page.
fn html_error(message: &str, w: &mut Vec<u8>) {
    w.extend_from_slice(b"<p class=\"error\">");
    escape(message, w);
    w.extend_from_slice(b"</p>\n");
}

/// Entity counts per type and the end of the page.
pub fn html_foot(counts: &[u64; 8], w: &mut Vec<u8>) {
    w.extend_from_slice(b"<section>\n<h2>Summary</h2>\n<table>\n");
    for (t, n) in EntityType::ALL.iter().zip(counts) {
        let _ = writeln!(
            w,
            "<tr><td><span class=\"e-{0}\">{0}</span></td><td class=\"n\">{n}</td></tr>",
            t.as_str()
        );
    }
    let total: u64 = counts.iter().sum();
    let _ = writeln!(w, "<tr><td>total</td><td class=\"n\">{total}</td></tr>");
    w.extend_from_slice(b"</table>\n</section>\n</body>\n</html>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use viet_text::Extractor;

    #[test]
    fn html_escapes_and_marks() {
        let text = "<b>&</b> đạt 97%";
        let found = Extractor::new().extract(text);
        let mut w = Vec::new();
        html_text(text, &found, &mut w);
        let html = String::from_utf8(w).unwrap();
        assert!(html.starts_with("&lt;b&gt;&amp;&lt;/b&gt;"), "{html}");
        assert!(!html.contains("<b>"));
        if !found.is_empty() {
            assert!(html.contains("<mark class=\"e-percent\""), "{html}");
        }
    }

    #[test]
    fn table_columns_line_up() {
        let text = "Giá tăng 97% và 2,5%.";
        let rows: Vec<(&str, Row)> = Extractor::new()
            .extract(text)
            .iter()
            .map(|e| ("a.txt", Row::new(None, e, e.span())))
            .collect();
        let mut w = Vec::new();
        write_table(&mut w, &rows, false, false).unwrap();
        let out = String::from_utf8(w).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), rows.len() + 2);
        // The TEXT column starts at the same printed column on every row.
        let column = |line: &str, needle: &str| line.find(needle).map(|i| width(&line[..i]));
        let text_col = column(lines[0], "TEXT");
        assert!(text_col.is_some());
        for (line, (_, row)) in lines[2..].iter().zip(&rows) {
            assert_eq!(
                column(line, &format!("  {}", row.text)).map(|c| c + 2),
                text_col,
                "{out}"
            );
        }
    }
}
