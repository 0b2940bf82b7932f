//! The `viet-text` command line: a thin layer over the `viet_text` library.
//!
//! `viet-text extract | normalize | tokenize | segment [FILE ...]`; see
//! `viet-text --help`. The modules under `src/cli/` handle arguments,
//! input, threads and output formats; all text analysis is the library's.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
