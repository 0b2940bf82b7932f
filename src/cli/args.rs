//! Command-line arguments (clap derive). Only parsing lives here; what each
//! subcommand does is in `task.rs`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use viet_text::legacy::Encoding;
use viet_text::EntityType;

/// The whole command line.
#[derive(Debug, Parser)]
#[command(
    name = "viet-text",
    version,
    about = "Vietnamese text analysis: normalize, tokenize, segment and extract typed entities",
    long_about = "Vietnamese text analysis: normalize, tokenize, segment and extract typed \
entities (money, percentages, quantities, dates, organizations, programs, locations, persons) \
with exact values and byte spans into the input.\n\n\
Every subcommand reads the FILEs given (`-` or none: standard input) and prints results in \
input order. Files are processed in parallel on all cores (--jobs); with --lines every input \
line is a document of its own, lines are processed in parallel too, and input of any size \
streams through in flat memory.",
    after_help = "Examples:\n  \
viet-text extract article.txt\n  \
viet-text extract --lines corpus.txt > entities.jsonl\n  \
viet-text extract --format html article.txt > article.html\n  \
viet-text normalize --tone new --from auto old-document.txt\n  \
echo 'Hà Nội, ngày 5/3/2025' | viet-text tokenize\n  \
viet-text segment --words --lines sentences.txt\n\n\
Run `viet-text <COMMAND> --help` for a command's options."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract typed entities as JSON Lines (or a table, or an HTML page).
    #[command(
        long_about = "Extract typed entities: money, percent, quantity, date, organization, \
program, location, person.\n\n\
Prints one JSON object per input file, one per line:\n  \
{\"source\":\"news.txt\",\"entities\":[{\"type\":\"percent\",\"start\":17,\"end\":20,\"text\":\"97%\",\"value\":\"97\"}]}\n\
`start`/`end` are UTF-8 byte offsets into the file exactly as read (end exclusive) and \
`text` is the input between them. With --lines every line is a document: \
{\"source\":..,\"line\":N,\"entities\":[..]} with offsets relative to that line.",
        after_help = "Examples:\n  \
viet-text extract news.txt\n  \
cat news.txt | viet-text extract\n  \
viet-text extract --lines --jobs 4 corpus.txt > entities.jsonl\n  \
viet-text extract --types money,percent --format table news.txt\n  \
viet-text extract --format html news.txt > news.html"
    )]
    Extract(ExtractArgs),

    /// Normalize text: Unicode NFC, tone-mark placement, legacy encodings.
    #[command(
        long_about = "Normalize text to NFC, repair misplaced tone marks, optionally move tone \
marks to one style (--tone), strip diacritics (--ascii), clean up spaces and quotes (--clean), \
or decode a legacy Vietnamese encoding (--from). The output keeps the input's line structure.",
        after_help = "Examples:\n  \
viet-text normalize --tone new article.txt        # hòa → hoà, thủy → thuỷ\n  \
viet-text normalize --tone old article.txt        # hoà → hòa\n  \
viet-text normalize --ascii names.txt             # Quảng Ninh → Quang Ninh\n  \
viet-text normalize --from tcvn3 old.txt > new.txt\n  \
viet-text normalize --from auto archive/*.txt"
    )]
    Normalize(NormalizeArgs),

    /// Split text into tokens: one token per line with its span and kind.
    #[command(
        long_about = "Split text into tokens. Prints one token per line as \
`START<TAB>END<TAB>KIND<TAB>TEXT` (byte offsets into the document), and an empty line after \
each document. KIND is one of syllable, word, number, date_like, ratio, percent, abbreviation, \
punct, open_quote, close_quote, symbol, url, email, hashtag, mention. With --json: one JSON \
object per document, {\"source\":..,\"tokens\":[{\"start\":..,\"end\":..,\"kind\":..,\"text\":..}]}.",
        after_help = "Examples:\n  \
echo 'Giá tăng 2,5% từ 1/4/2025.' | viet-text tokenize\n  \
viet-text tokenize --json --lines corpus.txt"
    )]
    Tokenize(TokenizeArgs),

    /// Split text into sentences (one per line), or into words with --words.
    #[command(
        long_about = "Split text into sentences, printed one per line (line breaks inside a \
sentence become spaces). With --words, print each sentence's words with their syllables \
joined by `_` and words separated by one space, as the treebank's .seg.txt files do; with \
--words --lines, exactly one output line per input line. With --json: one JSON object per \
document with the sentences (or words) and their byte spans.",
        after_help = "Examples:\n  \
viet-text segment article.txt\n  \
echo 'Sinh viên Hà Nội đi học.' | viet-text segment --words    # Sinh_viên Hà_Nội đi học .\n  \
viet-text segment --words --lines dev.txt > dev.out.seg.txt"
    )]
    Segment(SegmentArgs),
}

/// Options every subcommand shares: where input comes from and how it is run.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Input files; `-` or none reads standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Treat every input line as a document of its own (streams input of any size).
    #[arg(long)]
    pub lines: bool,

    /// Worker threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Replace bytes that are not UTF-8 with U+FFFD instead of skipping the input, and report how many.
    #[arg(long)]
    pub lossy: bool,

    /// Never show a progress bar (it appears only on a terminal, with output redirected, after two seconds).
    #[arg(long)]
    pub no_progress: bool,
}

/// `viet-text extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,

    /// Only these entity types (comma-separated) [default: all].
    #[arg(long, value_name = "TYPE,...", value_delimiter = ',', value_parser = parse_entity_type)]
    pub types: Vec<EntityType>,
}

/// How `extract` prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// JSON Lines: one object per document.
    Json,
    /// An aligned text table for a terminal.
    Table,
    /// One self-contained HTML page with every entity highlighted.
    Html,
}

/// `viet-text normalize`.
#[derive(Debug, Args)]
pub struct NormalizeArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Tone-mark placement: `new` (hoà, thuỷ), `old` (hòa, thủy) or `keep` as written.
    #[arg(long, value_enum, default_value_t = Tone::Keep)]
    pub tone: Tone,

    /// Remove all diacritics (Quảng Ninh → Quang Ninh, đ → d).
    #[arg(long)]
    pub ascii: bool,

    /// Also remove zero-width characters, unify and collapse spaces, straighten quotes, repair ð → đ.
    #[arg(long)]
    pub clean: bool,

    /// Input encoding: utf-8, tcvn3, tcvn3-caps, vni, cp1258, viqr, or auto (detect per file) [default: utf-8].
    #[arg(long, value_name = "ENCODING", value_parser = parse_source_encoding)]
    pub from: Option<SourceEncoding>,
}

/// `--tone`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Tone {
    /// Modern placement: hoà, thuỷ, khoẻ.
    New,
    /// Traditional placement: hòa, thủy, khỏe.
    Old,
    /// Leave placement as written (still repairing impossible marks).
    Keep,
}

/// `--from`: a named encoding, or detect it per file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    /// Detect per file from its first bytes.
    Auto,
    /// This encoding.
    Known(Encoding),
}

/// `viet-text tokenize`.
#[derive(Debug, Args)]
pub struct TokenizeArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// One JSON object per document instead of one token per line.
    #[arg(long)]
    pub json: bool,
}

/// `viet-text segment`.
#[derive(Debug, Args)]
pub struct SegmentArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Words (syllables joined by `_`) instead of sentences.
    #[arg(long)]
    pub words: bool,

    /// One JSON object per document, with spans.
    #[arg(long)]
    pub json: bool,
}

fn parse_entity_type(name: &str) -> Result<EntityType, String> {
    let name = name.trim();
    EntityType::ALL
        .into_iter()
        .find(|t| t.as_str().eq_ignore_ascii_case(name))
        .ok_or_else(|| {
            let known: Vec<&str> = EntityType::ALL.iter().map(|t| t.as_str()).collect();
            format!("unknown entity type `{name}` (one of: {})", known.join(", "))
        })
}

fn parse_source_encoding(name: &str) -> Result<SourceEncoding, String> {
    if name.eq_ignore_ascii_case("auto") {
        return Ok(SourceEncoding::Auto);
    }
    Encoding::from_name(name)
        .map(SourceEncoding::Known)
        .ok_or_else(|| {
            let known: Vec<&str> = Encoding::ALL.iter().map(|e| e.name()).collect();
            format!("unknown encoding `{name}` (one of: {}, auto)", known.join(", "))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn entity_types_parse_by_json_name() {
        assert_eq!(parse_entity_type("Money"), Ok(EntityType::Money));
        assert!(parse_entity_type("currency").is_err());
    }

    #[test]
    fn encodings_parse() {
        assert_eq!(parse_source_encoding("AUTO"), Ok(SourceEncoding::Auto));
        assert_eq!(
            parse_source_encoding("tcvn3"),
            Ok(SourceEncoding::Known(Encoding::Tcvn3))
        );
        assert!(parse_source_encoding("latin9").is_err());
    }
}
