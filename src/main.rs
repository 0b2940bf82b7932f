//! The `viet-text` command line: a thin layer over the library.
//!
//! SKELETON: a first `extract`, `normalize`, `tokenize`, `segment`; the
//! full CLI (streaming, threads, formats, errors) is issue 5.

use clap::{Parser, Subcommand};
use std::io::{self, Read, Write};
use std::process::ExitCode;
use viet_text::{normalize, sentences, tokenize, Extractor, NormalizeOptions, ToneStyle};

#[derive(Parser)]
#[command(name = "viet-text", version, about = "Vietnamese text analysis")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities as JSON Lines.
    Extract { files: Vec<String> },
    /// Normalize text.
    Normalize {
        #[arg(long, default_value = "keep")]
        tone: String,
        files: Vec<String>,
    },
    /// One token per line.
    Tokenize { files: Vec<String> },
    /// One sentence per line.
    Segment { files: Vec<String> },
}

fn read_input(path: &str) -> io::Result<String> {
    let mut bytes = Vec::new();
    if path == "-" {
        io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(path)?;
    }
    String::from_utf8(bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        )
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (files, cmd) = match &cli.command {
        Command::Extract { files } | Command::Tokenize { files } | Command::Segment { files } => {
            (files.clone(), &cli.command)
        }
        Command::Normalize { files, .. } => (files.clone(), &cli.command),
    };
    let files = if files.is_empty() {
        vec!["-".to_string()]
    } else {
        files
    };
    let extractor = Extractor::new();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for path in &files {
        let text = match read_input(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("viet-text: {path}: {e}");
                failed = true;
                continue;
            }
        };
        let result = match cmd {
            Command::Extract { .. } => {
                let entities = extractor.extract(&text);
                let line = serde_json::json!({"source": path, "entities": entities});
                writeln!(out, "{line}")
            }
            Command::Normalize { tone, .. } => {
                let tone = match tone.as_str() {
                    "new" => ToneStyle::New,
                    "old" => ToneStyle::Old,
                    _ => ToneStyle::Keep,
                };
                write!(
                    out,
                    "{}",
                    normalize(
                        &text,
                        &NormalizeOptions {
                            tone,
                            ..Default::default()
                        }
                    )
                )
            }
            Command::Tokenize { .. } => tokenize(&text).try_for_each(|t| {
                writeln!(out, "{}\t{}\t{}\t{:?}", t.span.start, t.span.end, t.text, t.kind)
            }),
            Command::Segment { .. } => sentences(&text).try_for_each(|s| writeln!(out, "{}", s.text)),
        };
        if let Err(e) = result {
            eprintln!("viet-text: writing output: {e}");
            return ExitCode::FAILURE;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
