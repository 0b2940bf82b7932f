//! What each subcommand does to one chunk of input. Runs on worker threads;
//! everything linguistic is a call into the library.

use super::args::{Format, SourceEncoding};
use super::commands::{self, Doc};
use super::decode::{self, Decoded, LegacyError};
use super::input::{count_nl, InputError, CHUNK_TARGET, MAX_DOCUMENT};
use super::render::Row;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use viet_text::legacy::Encoding;
use viet_text::normalize::fold;
use viet_text::word::WordSegmenter;
use viet_text::{normalize, Extractor, NormalizeOptions};

/// A subcommand with its options, shared by all workers.
pub struct Task {
    /// What to do.
    pub kind: TaskKind,
    /// Every line is a document.
    pub lines: bool,
    /// Replace invalid UTF-8 instead of refusing it.
    pub lossy: bool,
}

/// The four subcommands.
pub enum TaskKind {
    /// `extract`.
    Extract {
        /// Built once, shared by every thread.
        extractor: Extractor,
        /// Output format.
        format: Format,
    },
    /// `normalize`.
    Normalize {
        /// Library options.
        opts: NormalizeOptions,
        /// Fold to ASCII afterwards.
        ascii: bool,
        /// `--from`.
        from: Option<SourceEncoding>,
    },
    /// `tokenize`.
    Tokenize {
        /// JSON instead of TSV.
        json: bool,
    },
    /// `segment`.
    Segment {
        /// `Some` for `--words`.
        words: Option<WordSegmenter>,
        /// JSON with spans.
        json: bool,
    },
}

/// How a whole document's output is framed (the writer adds the frame).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// Workers write finished output lines.
    Plain,
    /// Workers write comma-separated JSON items; the writer wraps them as
    /// `{"source":..,"<field>":[...]}` once the document is complete.
    JsonArray(&'static str),
    /// Workers write table rows; the writer aligns them.
    Table,
    /// Workers write HTML fragments; the writer adds page and sections.
    Html,
}

impl Task {
    /// How the writer frames this task's output.
    pub fn framing(&self) -> Framing {
        match &self.kind {
            TaskKind::Extract {
                format: Format::Table,
                ..
            } => Framing::Table,
            TaskKind::Extract {
                format: Format::Html, ..
            } => Framing::Html,
            _ if self.lines => Framing::Plain,
            TaskKind::Extract { .. } => Framing::JsonArray("entities"),
            TaskKind::Tokenize { json: true } => Framing::JsonArray("tokens"),
            TaskKind::Segment {
                json: true,
                words: Some(_),
            } => Framing::JsonArray("words"),
            TaskKind::Segment {
                json: true,
                words: None,
            } => Framing::JsonArray("sentences"),
            _ => Framing::Plain,
        }
    }

    /// The chunk size to aim at, and whether a short read (a pipe with
    /// nothing more for now) cuts a chunk. `extract` keeps documents whole
    /// (up to [`MAX_DOCUMENT`]) because the extractor uses context from the
    /// whole document; the other commands are local to a line or paragraph
    /// and stream in small chunks.
    pub fn chunking(&self) -> (usize, bool) {
        match self.kind {
            TaskKind::Extract { .. } if !self.lines => (MAX_DOCUMENT, false),
            _ => (CHUNK_TARGET, true),
        }
    }

    /// Whether to detect the encoding of each file (`--from auto`).
    pub fn detects_encoding(&self) -> bool {
        matches!(
            &self.kind,
            TaskKind::Normalize {
                from: Some(SourceEncoding::Auto),
                ..
            }
        )
    }

    /// The encoding all inputs are in, unless detected per file.
    pub fn fixed_encoding(&self) -> Encoding {
        match &self.kind {
            TaskKind::Normalize {
                from: Some(SourceEncoding::Known(e)),
                ..
            } => *e,
            _ => Encoding::Utf8,
        }
    }
}

/// One chunk of one input, for a worker.
#[derive(Debug)]
pub struct Job {
    /// The input's index.
    pub file: usize,
    /// The input's name as a JSON string (with quotes).
    pub source: Arc<str>,
    /// The bytes (whole lines; the last chunk may lack a final line break).
    pub data: Vec<u8>,
    /// File offset of `data[0]`.
    pub base: u64,
    /// Line number of `data[0]`.
    pub first_line: u64,
    /// The input's encoding.
    pub encoding: Encoding,
}

/// What a worker made of a [`Job`].
#[derive(Debug, Default)]
pub struct Output {
    /// Output bytes (see [`Framing`]).
    pub bytes: Vec<u8>,
    /// Table rows ([`Framing::Table`]).
    pub rows: Vec<Row>,
    /// Problems, in input order.
    pub errors: Vec<InputError>,
    /// The document cannot be completed (whole-document mode).
    pub fatal: bool,
    /// Invalid byte sequences replaced (`--lossy`).
    pub replaced: u64,
    /// Entities found, per type (in [`EntityType::ALL`] order).
    pub counts: [u64; 8],
}

thread_local! {
    /// Set while a document is processed, so the panic hook records the
    /// message instead of printing it.
    static IN_DOCUMENT: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Makes library panics inside a document quiet: they are reported as one
/// error line naming the input instead.
pub fn install_panic_hook() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if IN_DOCUMENT.with(Cell::get) {
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(info.to_string().replace('\n', " ")));
        } else {
            default(info);
        }
    }));
}

/// Runs `f`, turning a panic or an error into an error message.
fn guarded(f: impl FnOnce() -> std::io::Result<()>) -> Result<(), String> {
    let outer = IN_DOCUMENT.with(|c| c.replace(true));
    let r = panic::catch_unwind(AssertUnwindSafe(f));
    IN_DOCUMENT.with(|c| c.set(outer));
    match r {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err(LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| "panic".to_owned())),
    }
}

impl Task {
    /// Processes one chunk.
    ///
    /// Never panics: a panic anywhere in here (documents are already guarded
    /// one by one) becomes an error that ends this input, so the writer always
    /// gets an answer for every chunk and the run cannot hang.
    pub fn run(&self, job: &Job) -> Output {
        let mut out = Output::default();
        let r = guarded(|| {
            if self.lines {
                self.run_lines(job, &mut out);
            } else {
                self.run_document_chunk(job, &mut out);
            }
            Ok(())
        });
        if let Err(message) = r {
            out = Output::default();
            out.errors.push(InputError::Internal { line: None, message });
            out.fatal = true;
        }
        out
    }

    fn run_document_chunk(&self, job: &Job, out: &mut Output) {
        let skip = self.bom_len(job, 0);
        let text = match self.decode(job.data.get(skip..).unwrap_or_default(), job.encoding) {
            Ok(t) => t,
            Err(e) => {
                out.errors.push(self.decode_error(e, job, skip));
                out.fatal = true;
                return;
            }
        };
        out.replaced += text.replaced as u64;
        let doc = Doc {
            text,
            base: job.base + skip as u64,
            line: None,
            source: &job.source,
        };
        let mut part = Output::default();
        match guarded(|| self.document(&doc, &mut part)) {
            Ok(()) => {
                out.bytes = part.bytes;
                out.rows = part.rows;
                out.counts = part.counts;
            }
            Err(message) => {
                out.errors.push(InputError::Internal { line: None, message });
                out.fatal = true;
            }
        }
    }

    fn run_lines(&self, job: &Job, out: &mut Output) {
        let mut start = 0;
        let mut line_no = job.first_line;
        let data = &job.data;
        while start < data.len() {
            let (end, next) = match data[start..].iter().position(|&b| b == b'\n') {
                Some(i) => (start + i, start + i + 1),
                None => (data.len(), data.len()),
            };
            let terminator = &data[end..next];
            let mut body_end = end;
            if body_end > start && data[body_end - 1] == b'\r' {
                body_end -= 1;
            }
            self.one_line(job, out, start, body_end, end, terminator, line_no);
            start = next;
            line_no += 1;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn one_line(
        &self,
        job: &Job,
        out: &mut Output,
        start: usize,
        body_end: usize,
        end: usize,
        terminator: &[u8],
        line_no: u64,
    ) {
        let normalize = matches!(self.kind, TaskKind::Normalize { .. });
        // `normalize` keeps a `\r` as part of the line end.
        let (body, tail) = if normalize {
            (&job.data[start..end], terminator)
        } else {
            (&job.data[start..body_end], &b"\n"[..])
        };
        let skip = self.bom_len(job, start);
        let body = body.get(skip..).unwrap_or_default();
        let text = match self.decode(body, job.encoding) {
            Ok(t) => t,
            Err(e) => {
                let err = self.decode_error(e, job, start + skip);
                let fatal = matches!(err, InputError::Unsupported(_));
                out.errors.push(err);
                out.fatal |= fatal;
                // Keep one output line per input line where lines line up.
                if self.line_aligned() {
                    out.bytes.extend_from_slice(tail);
                }
                return;
            }
        };
        out.replaced += text.replaced as u64;
        let doc = Doc {
            text,
            base: skip as u64,
            line: Some(line_no),
            source: &job.source,
        };
        let (len, rows) = (out.bytes.len(), out.rows.len());
        let counts = out.counts;
        match guarded(|| self.document(&doc, out)) {
            Ok(()) => {
                if normalize {
                    out.bytes.extend_from_slice(tail);
                }
            }
            Err(message) => {
                out.bytes.truncate(len);
                out.rows.truncate(rows);
                out.counts = counts;
                out.errors.push(InputError::Internal {
                    line: Some(line_no),
                    message,
                });
                if self.line_aligned() {
                    out.bytes.extend_from_slice(tail);
                }
            }
        }
    }

    /// Length of a UTF-8 byte-order mark at `at` of the job when it opens the
    /// file: analysis skips it (offsets still count it); `normalize` keeps it.
    fn bom_len(&self, job: &Job, at: usize) -> usize {
        let opens_file = job.base == 0 && at == 0;
        let analyses = !matches!(self.kind, TaskKind::Normalize { .. });
        if opens_file && analyses && job.encoding == Encoding::Utf8 && job.data.starts_with(b"\xef\xbb\xbf") {
            3
        } else {
            0
        }
    }

    /// Whether every input line gives exactly one output line.
    fn line_aligned(&self) -> bool {
        matches!(
            &self.kind,
            TaskKind::Normalize { .. }
                | TaskKind::Segment {
                    words: Some(_),
                    json: false
                }
        )
    }

    fn decode<'a>(&self, bytes: &'a [u8], encoding: Encoding) -> Result<Decoded<'a>, LegacyError> {
        decode::legacy(bytes, encoding, self.lossy)
    }

    /// Turns a decoding failure at `at + offset` of the job into an error.
    fn decode_error(&self, e: LegacyError, job: &Job, at: usize) -> InputError {
        let locate = |off: usize| {
            let off = (at + off).min(job.data.len());
            (job.base + off as u64, job.first_line + count_nl(&job.data[..off]))
        };
        match e {
            LegacyError::InvalidUtf8(off) => {
                let (offset, line) = locate(off);
                InputError::InvalidUtf8 { offset, line }
            }
            LegacyError::InvalidByte(off) => InputError::Decode {
                offset: locate(off).0,
                encoding: job.encoding,
            },
            LegacyError::Unsupported => InputError::Unsupported(job.encoding),
        }
    }

    /// Processes one document into `out`.
    fn document(&self, doc: &Doc<'_>, out: &mut Output) -> std::io::Result<()> {
        match &self.kind {
            TaskKind::Extract { extractor, format } => commands::extract(extractor, *format, doc, out),
            TaskKind::Normalize { opts, ascii, .. } => {
                let n = normalize(&doc.text.text, opts);
                let s = if *ascii { fold(&n) } else { n };
                out.bytes.extend_from_slice(s.as_bytes());
                Ok(())
            }
            TaskKind::Tokenize { json } => commands::tokens(*json, doc, &mut out.bytes),
            TaskKind::Segment { words: None, json } => commands::sentence_lines(*json, doc, &mut out.bytes),
            TaskKind::Segment {
                words: Some(seg),
                json,
            } => commands::word_lines(seg, *json, doc, &mut out.bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_a_document_becomes_a_message() {
        install_panic_hook();
        let r = guarded(|| panic!("boom at the library"));
        let message = r.expect_err("the panic is caught");
        assert!(message.contains("boom at the library"), "{message}");
        assert_eq!(guarded(|| Ok(())), Ok(()));
        assert!(!IN_DOCUMENT.with(Cell::get));
        // Nested: the outer guard still records after an inner one returns.
        let r = guarded(|| {
            let _ = guarded(|| Ok(()));
            panic!("outer boom")
        });
        assert!(r.expect_err("caught").contains("outer boom"));
    }

    fn job(data: &[u8]) -> Job {
        Job {
            file: 0,
            source: Arc::from("\"t\""),
            data: data.to_vec(),
            base: 1000,
            first_line: 7,
            encoding: Encoding::Utf8,
        }
    }

    #[test]
    fn whole_document_chunks_shift_spans_by_their_base() {
        let task = Task {
            kind: TaskKind::Tokenize { json: false },
            lines: false,
            lossy: false,
        };
        let input = "Hà Nội\n";
        let out = task.run(&job(input.as_bytes()));
        let text = String::from_utf8(out.bytes).unwrap();
        let at = 1000 + input.find("Nội").unwrap();
        let expected = format!(
            "1000\t{}\tsyllable\tHà\n{at}\t{}\tsyllable\tNội\n",
            1000 + "Hà".len(),
            at + "Nội".len()
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn a_byte_order_mark_is_skipped_but_counted() {
        let task = Task {
            kind: TaskKind::Tokenize { json: false },
            lines: true,
            lossy: false,
        };
        let mut j = job("\u{feff}Huế\n".as_bytes());
        j.base = 0;
        let text = String::from_utf8(task.run(&j).bytes).unwrap();
        assert_eq!(text, "3\t8\tsyllable\tHuế\n\n");
    }

    #[test]
    fn bad_bytes_are_located_by_file_offset_and_line() {
        let task = Task {
            kind: TaskKind::Segment {
                words: Some(WordSegmenter::new()),
                json: false,
            },
            lines: true,
            lossy: false,
        };
        let input = b"m\xe1\xbb\x99t\r\nb\xffn\nba";
        let bad = input.iter().position(|&b| b == 0xff).unwrap() as u64;
        let out = task.run(&job(input));
        assert_eq!(out.errors.len(), 1);
        match &out.errors[0] {
            InputError::InvalidUtf8 { offset, line } => assert_eq!((*offset, *line), (1000 + bad, 8)),
            e => panic!("unexpected {e}"),
        }
        assert!(!out.fatal);
        let text = String::from_utf8(out.bytes).unwrap();
        assert_eq!(text.lines().collect::<Vec<_>>(), ["một", "", "ba"]);
    }
}
