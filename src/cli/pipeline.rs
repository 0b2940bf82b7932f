//! Runs a [`Task`] over the inputs on several threads, writing results in
//! input order.
//!
//! One reader thread cuts the inputs into chunks ([`Chunker`]) and numbers
//! every event; `jobs` worker threads process chunks; the calling thread
//! puts results back in order and writes them. The reader needs a credit
//! for every event and the writer returns it once the event is written, so
//! at most a fixed number of chunks is in memory whatever the input size,
//! and output starts as soon as the first chunk is done.

use super::input::{Chunker, Cut, Input, InputError, Piece};
use super::progress::Progress;
use super::render::{self, Row};
use super::task::{Framing, Job, Output, Task, TaskKind};
use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use viet_text::legacy::{self, Encoding};

/// How to run.
#[derive(Debug, Clone, Copy)]
pub struct RunConfig {
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Allow a progress bar (it still needs a terminal and a few seconds).
    pub progress: bool,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every input was processed cleanly.
    Ok,
    /// Some input had problems (reported on standard error).
    InputErrors,
    /// Output could not be written.
    OutputError,
}

/// What the reader tells the writer, in input order.
enum Event {
    /// An input was opened.
    Start { file: usize },
    /// Something worth saying about an input.
    Note { file: usize, message: String },
    /// A processed chunk of `len` input bytes.
    Chunk { file: usize, len: u64, output: Output },
    /// A problem found while reading.
    Error {
        file: usize,
        error: InputError,
        fatal: bool,
    },
    /// The input is finished.
    End { file: usize },
}

/// Runs `task` over `inputs`, writing to standard output.
pub fn run(inputs: &[Input], task: &Task, cfg: RunConfig) -> Outcome {
    let stdout = io::stdout();
    let out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    run_to(inputs, task, cfg, out)
}

fn run_to<W: Write>(inputs: &[Input], task: &Task, cfg: RunConfig, out: W) -> Outcome {
    let jobs = cfg.jobs.max(1);
    let credits = 4 * jobs + 4;
    let (done_tx, done_rx) = mpsc::channel::<(u64, Event)>();
    let (work_tx, work_rx) = mpsc::channel::<(u64, Job)>();
    let (credit_tx, credit_rx) = mpsc::sync_channel::<()>(credits);
    for _ in 0..credits {
        let _ = credit_tx.try_send(());
    }
    let work_rx = Mutex::new(work_rx);
    let total = inputs.iter().map(Input::size_hint).sum::<Option<u64>>();
    let progress = Progress::new(cfg.progress, total);
    let mut writer = Writer::new(inputs, task, out, progress);

    std::thread::scope(|s| {
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let work_rx = &work_rx;
            s.spawn(move || worker(task, work_rx, done_tx));
        }
        let reader_done = done_tx.clone();
        s.spawn(move || read_all(inputs, task, credit_rx, work_tx, reader_done));
        drop(done_tx);
        writer.drain(done_rx, credit_tx)
    })
}

fn worker(task: &Task, work_rx: &Mutex<Receiver<(u64, Job)>>, done_tx: Sender<(u64, Event)>) {
    loop {
        let next = work_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok((seq, job)) = next else { return };
        let output = task.run(&job);
        let event = Event::Chunk {
            file: job.file,
            len: job.data.len() as u64,
            output,
        };
        if done_tx.send((seq, event)).is_err() {
            return;
        }
    }
}

/// The reader thread: opens every input in turn and hands out numbered events.
fn read_all(
    inputs: &[Input],
    task: &Task,
    credits: Receiver<()>,
    work_tx: Sender<(u64, Job)>,
    done_tx: Sender<(u64, Event)>,
) {
    let mut seq = 0u64;
    // Sends an event straight to the writer; false when the writer is gone.
    let emit = |event: Event, seq: &mut u64| -> bool {
        if credits.recv().is_err() {
            return false;
        }
        let ok = done_tx.send((*seq, event)).is_ok();
        *seq += 1;
        ok
    };
    let cut = if task.lines { Cut::Lines } else { Cut::Document };
    for (file, input) in inputs.iter().enumerate() {
        let src = match input.open() {
            Ok((src, _)) => src,
            Err(error) => {
                let event = Event::Error {
                    file,
                    error,
                    fatal: true,
                };
                if !emit(event, &mut seq) {
                    return;
                }
                continue;
            }
        };
        if !emit(Event::Start { file }, &mut seq) {
            return;
        }
        let source: Arc<str> = serde_json::to_string(&input.name)
            .unwrap_or_else(|_| "\"?\"".to_owned())
            .into();
        let (target, eager) = task.chunking();
        let mut chunker = Chunker::new(src, cut).with_target(target, eager);
        let mut encoding = task.fixed_encoding();
        let mut first = true;
        loop {
            let piece = match chunker.next_piece() {
                Ok(Some(p)) => p,
                Ok(None) => break,
                Err(source) => {
                    let error = InputError::Read {
                        offset: chunker.offset(),
                        source,
                    };
                    let event = Event::Error {
                        file,
                        error,
                        fatal: true,
                    };
                    if !emit(event, &mut seq) {
                        return;
                    }
                    break;
                }
            };
            let (data, base, first_line) = match piece {
                Piece::Chunk {
                    data,
                    base,
                    first_line,
                } => (data, base, first_line),
                Piece::LongLine { line, offset } => {
                    let error = InputError::LineTooLong { line, offset };
                    let event = Event::Error {
                        file,
                        error,
                        fatal: false,
                    };
                    if !emit(event, &mut seq) {
                        return;
                    }
                    continue;
                }
            };
            if first && task.detects_encoding() {
                let (found, message) = detect(&data);
                encoding = found;
                if let Some(message) = message {
                    if !emit(Event::Note { file, message }, &mut seq) {
                        return;
                    }
                }
            }
            first = false;
            if credits.recv().is_err() {
                return;
            }
            let job = Job {
                file,
                source: Arc::clone(&source),
                data,
                base,
                first_line,
                encoding,
            };
            if work_tx.send((seq, job)).is_err() {
                return;
            }
            seq += 1;
        }
        if !emit(Event::End { file }, &mut seq) {
            return;
        }
    }
}

/// Detects the encoding of a file from its first chunk (`--from auto`);
/// says so unless it is plain UTF-8.
fn detect(data: &[u8]) -> (Encoding, Option<String>) {
    let d = legacy::detect(data);
    match d.encoding {
        Some(Encoding::Utf8) => (Encoding::Utf8, None),
        Some(e) => (
            e,
            Some(format!("detected {} (confidence {:.2})", e.name(), d.confidence)),
        ),
        None if data.is_ascii() => (Encoding::Utf8, None),
        None => (
            Encoding::Utf8,
            Some("encoding not recognised with confidence; reading it as utf-8".to_owned()),
        ),
    }
}

/// Most messages shown per input; the rest are counted.
const MAX_MESSAGES_PER_INPUT: u64 = 20;

/// Puts events back in order and writes them.
struct Writer<'a, W: Write> {
    inputs: &'a [Input],
    task: &'a Task,
    framing: Framing,
    out: W,
    progress: Progress,
    outcome: Outcome,
    /// The current input has failed: drop the rest of its output.
    skipping: bool,
    messages: u64,
    replaced: u64,
    /// JSON items of the current document ([`Framing::JsonArray`]).
    json: Vec<u8>,
    json_items: bool,
    rows: Vec<(usize, Row)>,
    counts: [u64; 8],
    /// Messages to show at the end of the current HTML section.
    html_notes: Vec<String>,
    /// An HTML section is open.
    html_open: bool,
}

/// Output can no longer be written.
enum Stop {
    /// The reader closed the pipe (`| head`): not an error.
    Closed,
    /// Writing failed (reported).
    Failed,
}

impl<'a, W: Write> Writer<'a, W> {
    fn new(inputs: &'a [Input], task: &'a Task, out: W, progress: Progress) -> Self {
        Writer {
            inputs,
            task,
            framing: task.framing(),
            out,
            progress,
            outcome: Outcome::Ok,
            skipping: false,
            messages: 0,
            replaced: 0,
            json: Vec::new(),
            json_items: false,
            rows: Vec::new(),
            counts: [0; 8],
            html_notes: Vec::new(),
            html_open: false,
        }
    }

    /// Receives events until every sender is done, writing them in order.
    fn drain(&mut self, done_rx: Receiver<(u64, Event)>, credit_tx: SyncSender<()>) -> Outcome {
        let result = self.drain_inner(&done_rx, &credit_tx);
        self.progress.finish();
        match result {
            Ok(()) => self.outcome,
            Err(Stop::Closed) => {
                // Nobody reads any more: don't wait for the reader thread,
                // which may be blocked on a terminal or a slow pipe.
                std::process::exit(match self.outcome {
                    Outcome::Ok => 0,
                    _ => 1,
                })
            }
            Err(Stop::Failed) => Outcome::OutputError,
        }
    }

    fn drain_inner(
        &mut self,
        done_rx: &Receiver<(u64, Event)>,
        credit_tx: &SyncSender<()>,
    ) -> Result<(), Stop> {
        let mut pending: BTreeMap<u64, Event> = BTreeMap::new();
        let mut next = 0u64;
        if self.framing == Framing::Html {
            let mut head = Vec::new();
            render::html_head(&mut head);
            self.write(&head)?;
        }
        loop {
            while let Some(event) = pending.remove(&next) {
                self.handle(event)?;
                next += 1;
                let _ = credit_tx.try_send(());
            }
            match done_rx.try_recv() {
                Ok((seq, event)) => {
                    pending.insert(seq, event);
                    continue;
                }
                Err(TryRecvError::Disconnected) => break,
                Err(TryRecvError::Empty) => {}
            }
            // Nothing ready: let the output out before waiting.
            self.flush()?;
            self.progress.tick();
            match done_rx.recv_timeout(Duration::from_millis(200)) {
                Ok((seq, event)) => {
                    pending.insert(seq, event);
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        // Every sender is gone, so everything sent is here.
        for (_, event) in std::mem::take(&mut pending) {
            self.handle(event)?;
        }
        if self.framing == Framing::Html {
            let mut foot = Vec::new();
            render::html_foot(&self.counts, &mut foot);
            self.write(&foot)?;
        }
        self.flush()
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), Stop> {
        let r = self.out.write_all(bytes);
        self.check(r)
    }

    fn flush(&mut self) -> Result<(), Stop> {
        let r = self.out.flush();
        self.check(r)
    }

    fn check(&mut self, r: io::Result<()>) -> Result<(), Stop> {
        match r {
            Ok(()) => Ok(()),
            // A closed pipe (`| head`) is the reader saying it has enough.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(Stop::Closed),
            Err(e) => {
                self.progress.println(&format!("viet-text: writing output: {e}"));
                Err(Stop::Failed)
            }
        }
    }

    fn name(&self, file: usize) -> &str {
        self.inputs.get(file).map_or("?", |i| i.name.as_str())
    }

    /// Reports a problem with `file` on standard error (a bounded number per input).
    fn report(&mut self, file: usize, error: &InputError, fatal: bool) -> Result<(), Stop> {
        self.outcome = Outcome::InputErrors;
        self.messages += 1;
        if self.messages > MAX_MESSAGES_PER_INPUT {
            return Ok(());
        }
        // Output written so far comes first when both go to one terminal.
        self.flush()?;
        let hint = match (error, fatal) {
            (InputError::Open(_) | InputError::IsDirectory | InputError::LineTooLong { .. }, _) => "",
            (_, true) => match self.framing {
                Framing::JsonArray(_) => "; input skipped",
                _ => "; rest of the input skipped",
            },
            (_, false) => "; line skipped",
        };
        let lossy = if matches!(error, InputError::InvalidUtf8 { .. }) && !self.task.lossy {
            " (--lossy replaces invalid bytes)"
        } else {
            ""
        };
        let message = format!("{error}{hint}{lossy}");
        self.progress
            .println(&format!("viet-text: {}: {message}", self.name(file)));
        if self.framing == Framing::Html {
            self.html_notes.push(message);
        }
        Ok(())
    }

    fn handle(&mut self, event: Event) -> Result<(), Stop> {
        match event {
            Event::Start { file } => {
                self.skipping = false;
                self.messages = 0;
                self.replaced = 0;
                match self.framing {
                    Framing::JsonArray(field) => {
                        self.json.clear();
                        self.json_items = false;
                        let source = serde_json::to_string(self.name(file)).unwrap_or_default();
                        let _ = write!(self.json, "{{\"source\":{source},\"{field}\":[");
                    }
                    Framing::Html => {
                        let mut w = Vec::new();
                        render::html_section_start(self.name(file), &mut w);
                        self.html_open = true;
                        self.write(&w)?;
                    }
                    Framing::Plain | Framing::Table => {}
                }
            }
            Event::Note { file, message } => {
                self.flush()?;
                self.progress
                    .println(&format!("viet-text: {}: {message}", self.name(file)));
            }
            Event::Chunk { file, len, output } => {
                self.progress.advance(len);
                if self.skipping {
                    return Ok(());
                }
                for error in &output.errors {
                    self.report(file, error, output.fatal)?;
                }
                self.replaced += output.replaced;
                for (c, n) in self.counts.iter_mut().zip(output.counts) {
                    *c += n;
                }
                if output.fatal {
                    self.skipping = true;
                }
                match self.framing {
                    Framing::JsonArray(_) => {
                        if !output.bytes.is_empty() {
                            if self.json_items {
                                self.json.push(b',');
                            }
                            self.json.extend_from_slice(&output.bytes);
                            self.json_items = true;
                        }
                    }
                    Framing::Table => {
                        self.rows.extend(output.rows.into_iter().map(|r| (file, r)));
                        if self.rows.len() >= 1000 {
                            self.write_rows()?;
                        }
                    }
                    Framing::Plain | Framing::Html => self.write(&output.bytes)?,
                }
            }
            Event::Error { file, error, fatal } => {
                self.report(file, &error, fatal)?;
                if fatal {
                    self.skipping = true;
                    if self.framing == Framing::Html && !self.html_open {
                        let mut w = Vec::new();
                        render::html_failed_section(self.name(file), &error.to_string(), &mut w);
                        self.html_notes.clear();
                        self.write(&w)?;
                    }
                }
            }
            Event::End { file } => self.end(file)?,
        }
        Ok(())
    }

    fn end(&mut self, file: usize) -> Result<(), Stop> {
        match self.framing {
            Framing::JsonArray(_) if !self.skipping => {
                self.json.extend_from_slice(b"]}\n");
                let json = std::mem::take(&mut self.json);
                self.write(&json)?;
            }
            Framing::JsonArray(_) => self.json.clear(),
            Framing::Table => self.write_rows()?,
            Framing::Html => {
                let mut w = Vec::new();
                render::html_section_end(&self.html_notes, &mut w);
                self.html_notes.clear();
                self.html_open = false;
                self.write(&w)?;
            }
            Framing::Plain => {
                // `tokenize` ends every document with an empty line.
                if matches!(self.task.kind, TaskKind::Tokenize { json: false }) && !self.task.lines {
                    self.write(b"\n")?;
                }
            }
        }
        if self.replaced > 0 || self.messages > MAX_MESSAGES_PER_INPUT {
            self.flush()?;
        }
        if self.replaced > 0 {
            let n = self.replaced;
            self.progress.println(&format!(
                "viet-text: {}: replaced {n} invalid byte sequence{} with U+FFFD",
                self.name(file),
                if n == 1 { "" } else { "s" }
            ));
        }
        if self.messages > MAX_MESSAGES_PER_INPUT {
            let hidden = self.messages - MAX_MESSAGES_PER_INPUT;
            self.progress.println(&format!(
                "viet-text: {}: {hidden} more problem{} not shown",
                self.name(file),
                if hidden == 1 { "" } else { "s" }
            ));
        }
        Ok(())
    }

    fn write_rows(&mut self) -> Result<(), Stop> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows: Vec<(&str, Row)> = std::mem::take(&mut self.rows)
            .into_iter()
            .map(|(f, r)| (self.inputs.get(f).map_or("?", |i| i.name.as_str()), r))
            .collect();
        let mut w = Vec::new();
        let r = render::write_table(&mut w, &rows, self.inputs.len() > 1, self.task.lines);
        self.check(r)?;
        w.push(b'\n');
        self.write(&w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::Format;
    use std::path::PathBuf;

    fn temp_file(name: &str, bytes: &[u8]) -> Input {
        let dir = std::env::temp_dir().join(format!("viet-text-pipeline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        Input::new(path)
    }

    fn extract_task(lines: bool) -> Task {
        Task {
            kind: TaskKind::Extract {
                extractor: viet_text::Extractor::new(),
                format: Format::Json,
            },
            lines,
            lossy: false,
        }
    }

    #[test]
    fn output_is_in_input_order_whatever_the_thread_count() {
        let mut text = String::new();
        for i in 0..8_000 {
            text.push_str(&format!("Dòng {i} đạt {}% kế hoạch.\n", i % 100));
        }
        let input = temp_file("order.txt", text.as_bytes());
        let inputs = vec![input];
        let task = extract_task(true);
        let mut results = Vec::new();
        for jobs in [1, 3] {
            let mut out = Vec::new();
            let outcome = run_to(
                &inputs,
                &task,
                RunConfig {
                    jobs,
                    progress: false,
                },
                &mut out,
            );
            assert_eq!(outcome, Outcome::Ok);
            results.push(out);
        }
        assert_eq!(results[0], results[1]);
        let out = String::from_utf8(results.swap_remove(0)).unwrap();
        let lines: Vec<u64> = out
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["line"].as_u64().unwrap()
            })
            .collect();
        assert_eq!(lines, (1..=8_000).collect::<Vec<_>>());
    }

    #[test]
    fn a_bad_input_does_not_stop_the_others() {
        let inputs = vec![
            temp_file("good1.txt", "đạt 97%".as_bytes()),
            Input::new(PathBuf::from("/nonexistent/viet-text/missing.txt")),
            temp_file("bad.txt", b"\xff 97%"),
            temp_file("good2.txt", "giảm 3%".as_bytes()),
        ];
        let mut out = Vec::new();
        let outcome = run_to(
            &inputs,
            &extract_task(false),
            RunConfig {
                jobs: 2,
                progress: false,
            },
            &mut out,
        );
        assert_eq!(outcome, Outcome::InputErrors);
        let out = String::from_utf8(out).unwrap();
        let sources: Vec<String> = out
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["source"].to_string())
            .collect();
        assert_eq!(sources.len(), 2, "{out}");
        assert!(sources[0].ends_with("good1.txt\""));
        assert!(sources[1].ends_with("good2.txt\""));
    }
}
