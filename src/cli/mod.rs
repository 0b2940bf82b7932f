//! The `viet-text` command line: argument parsing, input handling,
//! threads and output formats. Everything linguistic is a library call.

mod args;
mod commands;
mod decode;
mod input;
mod pipeline;
mod progress;
mod render;
mod task;

use args::{Cli, Command, InputArgs, Tone};
use clap::Parser;
use input::Input;
use pipeline::{Outcome, RunConfig};
use std::path::PathBuf;
use std::process::ExitCode;
use task::{Task, TaskKind};
use viet_text::word::WordSegmenter;
use viet_text::{Extractor, NormalizeOptions, ToneStyle};

/// Parses the command line, runs it, and returns the exit status: 0 when
/// every input was processed cleanly, 1 when some input had problems (each
/// reported on standard error), 2 for a usage error.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    task::install_panic_hook();
    let (task, input) = build(cli.command);
    let inputs = inputs(&input.files);
    let jobs = match input.jobs {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let cfg = RunConfig {
        jobs,
        progress: !input.no_progress,
    };
    match pipeline::run(&inputs, &task, cfg) {
        Outcome::Ok => ExitCode::SUCCESS,
        Outcome::InputErrors | Outcome::OutputError => ExitCode::FAILURE,
    }
}

/// The task a subcommand asks for, and its input options.
fn build(command: Command) -> (Task, InputArgs) {
    let (kind, input) = match command {
        Command::Extract(a) => {
            let extractor = if a.types.is_empty() {
                Extractor::new()
            } else {
                Extractor::builder().types(&a.types).build()
            };
            let kind = TaskKind::Extract {
                extractor,
                format: a.format,
            };
            (kind, a.input)
        }
        Command::Normalize(a) => {
            let tone = match a.tone {
                Tone::New => ToneStyle::New,
                Tone::Old => ToneStyle::Old,
                Tone::Keep => ToneStyle::Keep,
            };
            // `..Default::default()` keeps this compiling when options are added.
            let mut opts = NormalizeOptions {
                tone,
                ..Default::default()
            };
            if a.clean {
                opts.remove_zero_width = true;
                opts.unify_spaces = true;
                opts.collapse_whitespace = true;
                opts.straighten_quotes = true;
                opts.fix_eth = true;
            }
            let kind = TaskKind::Normalize {
                opts,
                ascii: a.ascii,
                from: a.from,
            };
            (kind, a.input)
        }
        Command::Tokenize(a) => (TaskKind::Tokenize { json: a.json }, a.input),
        Command::Segment(a) => {
            let kind = TaskKind::Segment {
                words: a.words.then(WordSegmenter::new),
                json: a.json,
            };
            (kind, a.input)
        }
    };
    let task = Task {
        kind,
        lines: input.lines,
        lossy: input.lossy,
    };
    (task, input)
}

/// The inputs named on the command line; none means standard input.
fn inputs(files: &[PathBuf]) -> Vec<Input> {
    if files.is_empty() {
        return vec![Input::new(PathBuf::from("-"))];
    }
    files.iter().cloned().map(Input::new).collect()
}
