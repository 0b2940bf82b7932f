//! Opening inputs and cutting them into chunks that can be processed apart.
//!
//! A chunk always ends at a line break (or at the end of the input), so a
//! UTF-8 sequence is never cut in two and line numbers can be counted per
//! chunk. In `--lines` mode a chunk holds whole lines. For a whole document,
//! `extract` takes it in one piece (up to [`MAX_DOCUMENT`]); the commands
//! whose work is local (normalize, tokenize, segment) stream it in small
//! chunks cut preferably at a blank line (a paragraph break), where no
//! sentence can straddle it.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use viet_text::legacy::Encoding;

/// Bytes a chunk aims at. Small enough that a few megabytes split into
/// dozens of chunks (even load on every core), large enough that the
/// per-chunk cost vanishes.
pub const CHUNK_TARGET: usize = 128 * 1024;

/// Without a line break in sight, a whole-document chunk is cut at a space
/// (or a character boundary) once it reaches this size (or the target, if
/// larger).
const HARD_CUT: usize = 8 * CHUNK_TARGET;

/// Largest document `extract` analyses in one piece. The extractor uses
/// context from the whole document (a name seen once types its later bare
/// mentions), so a document is cut only beyond this size, to bound memory.
pub const MAX_DOCUMENT: usize = 8 * 1024 * 1024;

/// Longest line `--lines` accepts as one document; longer lines are
/// reported and skipped so that memory stays bounded.
pub const MAX_LINE: usize = 256 * 1024 * 1024;

/// One input as named on the command line.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path, or `-` for standard input.
    pub path: PathBuf,
    /// The name shown in messages and in the JSON `source` field.
    pub name: String,
}

impl Input {
    /// An input for `path` (`-` is standard input).
    pub fn new(path: PathBuf) -> Self {
        let name = path.to_string_lossy().into_owned();
        Input { path, name }
    }

    /// Whether this is standard input.
    pub fn is_stdin(&self) -> bool {
        self.path == Path::new("-")
    }

    /// Opens the input; refuses directories.
    pub fn open(&self) -> Result<(Box<dyn Read + Send>, Option<u64>), InputError> {
        if self.is_stdin() {
            return Ok((Box::new(io::stdin()), None));
        }
        let file = File::open(&self.path).map_err(InputError::Open)?;
        let meta = file.metadata().map_err(InputError::Open)?;
        if meta.is_dir() {
            return Err(InputError::IsDirectory);
        }
        let size = meta.is_file().then_some(meta.len());
        Ok((Box::new(file), size))
    }

    /// Size in bytes of a regular file, for the progress bar.
    pub fn size_hint(&self) -> Option<u64> {
        if self.is_stdin() {
            return None;
        }
        std::fs::metadata(&self.path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len())
    }
}

/// What can go wrong with one input (or one line of it).
#[derive(Debug)]
pub enum InputError {
    /// The file could not be opened.
    Open(io::Error),
    /// The path names a directory.
    IsDirectory,
    /// Reading failed part-way.
    Read {
        /// Bytes read successfully before the failure.
        offset: u64,
        /// The cause.
        source: io::Error,
    },
    /// Bytes that are not UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first bad byte in the file.
        offset: u64,
        /// Its line (1-based).
        line: u64,
    },
    /// Bytes the chosen legacy encoding does not allow.
    Decode {
        /// Byte offset in the file.
        offset: u64,
        /// The encoding.
        encoding: Encoding,
    },
    /// The legacy encoding is not available.
    Unsupported(Encoding),
    /// A line longer than [`MAX_LINE`] in `--lines` mode.
    LineTooLong {
        /// The line (1-based).
        line: u64,
        /// Byte offset of its start.
        offset: u64,
    },
    /// The library failed on this document (a bug; reported, not fatal).
    Internal {
        /// The line, in `--lines` mode.
        line: Option<u64>,
        /// What it said.
        message: String,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Open(e) => write!(f, "cannot open: {}", describe_io(e)),
            InputError::IsDirectory => write!(f, "is a directory"),
            InputError::Read { offset, source } => {
                write!(f, "read failed at byte {offset}: {}", describe_io(source))
            }
            InputError::InvalidUtf8 { offset, line } => {
                write!(f, "invalid UTF-8 at byte {offset} (line {line})")
            }
            InputError::Decode { offset, encoding } => {
                write!(f, "byte at offset {offset} is not valid {}", encoding.name())
            }
            InputError::Unsupported(e) => write!(f, "encoding {} is not supported", e.name()),
            InputError::LineTooLong { line, offset } => write!(
                f,
                "line {line} (byte {offset}) is longer than {} MiB; skipped",
                MAX_LINE >> 20
            ),
            InputError::Internal {
                line: Some(l),
                message,
            } => {
                write!(f, "internal error on line {l}: {message}")
            }
            InputError::Internal { line: None, message } => {
                write!(f, "internal error: {message}")
            }
        }
    }
}

impl std::error::Error for InputError {}

/// An `io::Error` without the trailing "(os error N)".
fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_owned(),
                None => s,
            }
        }
    }
}

/// How chunks are cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// Whole lines only; a line is never split.
    Lines,
    /// One document: prefer paragraph breaks, then line breaks.
    Document,
}

/// What [`Chunker::next_chunk`] yields.
#[derive(Debug)]
pub enum Piece {
    /// Bytes to process, starting at file offset `base` on line `first_line`.
    Chunk {
        /// The bytes.
        data: Vec<u8>,
        /// File offset of `data[0]`.
        base: u64,
        /// 1-based line number of `data[0]`.
        first_line: u64,
    },
    /// A line too long to keep (`--lines` only); its bytes were dropped.
    LongLine {
        /// 1-based line number.
        line: u64,
        /// File offset of its start.
        offset: u64,
    },
}

/// Reads an input and cuts it into [`Piece`]s.
///
/// A chunk is handed out when it reaches the target size ([`CHUNK_TARGET`]
/// unless set), or, when eager, as soon as a read returns less than asked (a
/// pipe or terminal with nothing more for now), so interactive input is
/// answered line by line with `--lines` and paragraph by paragraph otherwise.
pub struct Chunker<R> {
    src: R,
    cut: Cut,
    /// Bytes a chunk aims at.
    target: usize,
    /// Cut after a short read instead of waiting for the target size.
    eager: bool,
    buf: Vec<u8>,
    /// File offset of `buf[0]`.
    base: u64,
    /// Line number of `buf[0]`.
    line: u64,
    eof: bool,
    /// Dropping the rest of an over-long line.
    skipping: bool,
}

impl<R: Read> Chunker<R> {
    /// A chunker over `src`.
    pub fn new(src: R, cut: Cut) -> Self {
        Chunker {
            src,
            cut,
            target: CHUNK_TARGET,
            eager: true,
            buf: Vec::new(),
            base: 0,
            line: 1,
            eof: false,
            skipping: false,
        }
    }

    /// Aims chunks at `target` bytes; with `eager` false a short read does
    /// not cut (whole documents from a pipe stay whole).
    pub fn with_target(mut self, target: usize, eager: bool) -> Self {
        self.target = target.max(1);
        self.eager = eager;
        self
    }

    /// Bytes read successfully so far.
    pub fn offset(&self) -> u64 {
        self.base + self.buf.len() as u64
    }

    /// The next piece, `None` at the end of the input.
    pub fn next_piece(&mut self) -> io::Result<Option<Piece>> {
        loop {
            if self.eof {
                if self.buf.is_empty() {
                    return Ok(None);
                }
                let n = self.buf.len();
                return Ok(Some(self.take(n)));
            }
            let (got, asked) = self.fill()?;
            if got == 0 {
                self.eof = true;
                continue;
            }
            if self.skipping {
                if let Some(nl) = memchr_nl(&self.buf) {
                    self.drop_front(nl + 1);
                    self.skipping = false;
                } else {
                    let n = self.buf.len();
                    self.drop_front(n);
                }
                continue;
            }
            let short = got < asked && self.eager;
            if self.buf.len() >= self.target || short {
                if let Some(end) = self.cut_point(short) {
                    return Ok(Some(self.take(end)));
                }
            }
            if self.cut == Cut::Lines && self.buf.len() > MAX_LINE {
                let piece = Piece::LongLine {
                    line: self.line,
                    offset: self.base,
                };
                let n = self.buf.len();
                self.drop_front(n);
                self.line += 1;
                self.skipping = true;
                return Ok(Some(piece));
            }
        }
    }

    /// Reads once into `buf`; returns (bytes got, bytes asked).
    fn fill(&mut self) -> io::Result<(usize, usize)> {
        // At most 256 KiB per call: the buffer is zeroed before each read.
        let want = self
            .target
            .saturating_sub(self.buf.len())
            .clamp(64 * 1024, 256 * 1024);
        let old = self.buf.len();
        self.buf.resize(old + want, 0);
        let got = loop {
            match self.src.read(&mut self.buf[old..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.buf.truncate(old);
                    return Err(e);
                }
            }
        };
        self.buf.truncate(old + got);
        Ok((got, want))
    }

    /// Where to cut `buf`, if anywhere yet.
    fn cut_point(&self, short: bool) -> Option<usize> {
        let buf = &self.buf;
        let last_nl = memrchr_nl(buf).map(|i| i + 1);
        match self.cut {
            Cut::Lines => last_nl,
            Cut::Document => {
                // Prefer a paragraph break: in the second half of a full
                // buffer, anywhere after a short read.
                let from = if short { 0 } else { buf.len() / 2 };
                if let Some(p) = buf[from..].windows(2).rposition(|w| w == b"\n\n") {
                    return Some(from + p + 2);
                }
                if short && buf.len() < self.target {
                    // A pipe with nothing more for now: wait for a paragraph
                    // break rather than split a document at a line break.
                    return None;
                }
                if last_nl.is_some() {
                    return last_nl;
                }
                if buf.len() < HARD_CUT.max(self.target) {
                    return None;
                }
                // One enormous line: cut after a space, else at a character boundary.
                let window = &buf[buf.len() - buf.len().min(4096)..];
                if let Some(p) = window.iter().rposition(|&b| b == b' ' || b == b'\t') {
                    return Some(buf.len() - window.len() + p + 1);
                }
                // Cut before the last character (what follows it is unseen), and
                // before the letter of any combining marks (U+0300..U+036F) so a
                // mark stays with its letter.
                let floor = buf.len().saturating_sub(64);
                let is_cont = |i: usize| buf.get(i).is_some_and(|b| b & 0xC0 == 0x80);
                let mut end = buf.len().saturating_sub(1);
                while end > floor && is_cont(end) {
                    end -= 1;
                }
                while end > floor && matches!(buf.get(end), Some(0xCC | 0xCD)) {
                    end -= 1;
                    while end > floor && is_cont(end) {
                        end -= 1;
                    }
                }
                Some(end.max(1))
            }
        }
    }

    fn take(&mut self, n: usize) -> Piece {
        let rest = self.buf.split_off(n);
        let data = std::mem::replace(&mut self.buf, rest);
        let piece = Piece::Chunk {
            base: self.base,
            first_line: self.line,
            data,
        };
        if let Piece::Chunk { data, .. } = &piece {
            self.base += data.len() as u64;
            self.line += count_nl(data);
        }
        piece
    }

    fn drop_front(&mut self, n: usize) {
        self.base += n as u64;
        self.buf.drain(..n);
    }
}

fn memchr_nl(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

fn memrchr_nl(b: &[u8]) -> Option<usize> {
    b.iter().rposition(|&c| c == b'\n')
}

/// Number of line breaks in `b`.
pub fn count_nl(b: &[u8]) -> u64 {
    b.iter().filter(|&&c| c == b'\n').count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that returns at most `step` bytes per call, like a pipe.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(out.len()).min(self.data.len());
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn chunks(data: &[u8], step: usize, cut: Cut) -> Vec<(Vec<u8>, u64, u64)> {
        let mut c = Chunker::new(Trickle { data, step }, cut);
        let mut out = Vec::new();
        while let Some(p) = c.next_piece().unwrap() {
            if let Piece::Chunk {
                data,
                base,
                first_line,
            } = p
            {
                out.push((data, base, first_line));
            }
        }
        out
    }

    fn corpus() -> Vec<u8> {
        let mut data = Vec::new();
        for i in 0..16_000 {
            data.extend_from_slice(format!("Dòng {i}: giá tăng {i},5%.\n").as_bytes());
            if i % 7 == 0 {
                data.push(b'\n');
            }
        }
        data
    }

    #[test]
    fn chunks_reassemble_and_end_at_line_breaks() {
        let data = corpus();
        for (step, cut) in [
            (usize::MAX, Cut::Lines),
            (1000, Cut::Lines),
            (usize::MAX, Cut::Document),
        ] {
            let got = chunks(&data, step, cut);
            assert!(got.len() > 2, "{} chunks", got.len());
            let mut joined = Vec::new();
            let mut line = 1;
            for (c, base, first_line) in &got {
                assert_eq!(*base as usize, joined.len());
                assert_eq!(*first_line, line);
                assert_eq!(c.last(), Some(&b'\n'));
                line += count_nl(c);
                joined.extend_from_slice(c);
            }
            assert_eq!(joined, data);
        }
    }

    #[test]
    fn document_mode_prefers_paragraph_breaks() {
        let data = corpus();
        let got = chunks(&data, usize::MAX, Cut::Document);
        for (c, _, _) in &got[..got.len() - 1] {
            assert!(c.ends_with(b"\n\n"));
        }
    }

    #[test]
    fn a_pipe_cuts_documents_at_paragraphs_only() {
        let data = "Dòng một.\nDòng hai.\n\nĐoạn hai.\nHết.\n".repeat(3);
        let got = chunks(data.as_bytes(), 7, Cut::Document);
        assert!(got.len() > 1);
        for (c, _, _) in &got[..got.len() - 1] {
            assert!(c.ends_with(b"\n\n"), "{:?}", String::from_utf8_lossy(c));
        }
        let got = chunks(data.as_bytes(), 7, Cut::Lines);
        assert!(got.len() >= 12);
    }

    #[test]
    fn a_patient_chunker_keeps_a_piped_document_whole() {
        let data = "Dòng một.\n\nĐoạn hai.\n".repeat(2000);
        let mut c = Chunker::new(
            Trickle {
                data: data.as_bytes(),
                step: 100,
            },
            Cut::Document,
        )
        .with_target(MAX_DOCUMENT, false);
        let mut got = Vec::new();
        while let Some(p) = c.next_piece().unwrap() {
            got.push(p);
        }
        assert_eq!(got.len(), 1);
        assert!(matches!(&got[0], Piece::Chunk { data: d, .. } if d == data.as_bytes()));
    }

    #[test]
    fn a_giant_line_is_cut_on_a_char_boundary() {
        let data = "ấ".repeat(HARD_CUT / 2); // no spaces, no line breaks
        let got = chunks(data.as_bytes(), usize::MAX, Cut::Document);
        assert!(got.len() > 1);
        for (c, _, _) in &got {
            assert!(std::str::from_utf8(c).is_ok());
        }
    }

    #[test]
    fn a_giant_decomposed_line_keeps_marks_with_their_letter() {
        for unit in ["a\u{0301}", "a\u{0323}\u{0302}", "e\u{0302}\u{0301}x"] {
            let data = unit.repeat(HARD_CUT * 3 / 2 / unit.len());
            let got = chunks(data.as_bytes(), usize::MAX, Cut::Document);
            assert!(got.len() > 1);
            for (c, _, _) in &got {
                let s = std::str::from_utf8(c).unwrap();
                assert!(
                    s.starts_with(['a', 'e', 'x']),
                    "chunk starts with a mark: {:?}",
                    s.chars().take(3).collect::<String>()
                );
            }
        }
    }

    #[test]
    fn last_line_without_newline_and_empty_input() {
        assert!(chunks(b"", 10, Cut::Lines).is_empty());
        let got = chunks(b"a\nb", usize::MAX, Cut::Lines);
        let joined: Vec<u8> = got.iter().flat_map(|c| c.0.clone()).collect();
        assert_eq!(joined, b"a\nb");
    }
}
