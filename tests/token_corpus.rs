//! The tokenizer and sentence splitter on the real texts in `../shared/data`
//! (read at run time; skipped with a message when absent): spans stay exact
//! on every file, and the splitter finds the sentence ends that matter.

use std::path::{Path, PathBuf};
use viet_text::{sentences, tokenize, TokenKind};

fn data_dir() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data")).to_path_buf()
}

/// The texts to check: the news excerpts and the Wikipedia bench corpus.
fn texts() -> Vec<(PathBuf, String)> {
    let mut paths = Vec::new();
    if let Ok(dir) = std::fs::read_dir(data_dir().join("news-dev/texts")) {
        paths.extend(dir.filter_map(|e| e.ok().map(|e| e.path())));
    }
    paths.push(data_dir().join("bench/viwiki.txt"));
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .collect()
}

#[test]
fn spans_are_exact_on_real_text() {
    let texts = texts();
    if texts.is_empty() {
        eprintln!("skipping: no texts under {}", data_dir().display());
        return;
    }
    for (path, text) in &texts {
        let mut covered = 0;
        for t in tokenize(text) {
            assert_eq!(&text[t.span.range()], t.text, "{}", path.display());
            assert!(t.span.start >= covered);
            assert!(text[covered..t.span.start].chars().all(char::is_whitespace));
            covered = t.span.end;
        }
        let mut covered = 0;
        for s in sentences(text) {
            assert_eq!(&text[s.span.range()], s.text);
            assert!(text[covered..s.span.start].chars().all(char::is_whitespace));
            covered = s.span.end;
        }
    }
}

#[test]
fn most_news_words_are_syllables() {
    let texts = texts();
    let news: Vec<_> = texts.iter().filter(|(p, _)| !p.ends_with("viwiki.txt")).collect();
    if news.is_empty() {
        eprintln!("skipping: no news texts under {}", data_dir().display());
        return;
    }
    let (mut syllables, mut words) = (0usize, 0usize);
    for (_, text) in news {
        for t in tokenize(text) {
            match t.kind {
                TokenKind::Syllable => syllables += 1,
                TokenKind::Word | TokenKind::Abbreviation => words += 1,
                _ => {}
            }
        }
    }
    eprintln!("news: {syllables} syllables, {words} other words");
    assert!(
        syllables > 10 * words,
        "{syllables} syllables vs {words} other words"
    );
}

#[test]
fn lines_of_the_bench_corpus_end_sentences() {
    // viwiki.txt has one paragraph per line. A sentence spans two lines only
    // when the next line starts in lower case (a list item such as `co.jp -
    // …`) or the line ends with a comma, which the splitter reads as a
    // wrapped line: that must stay rare.
    let Some((_, text)) = texts().into_iter().find(|(p, _)| p.ends_with("viwiki.txt")) else {
        eprintln!("skipping: viwiki.txt absent");
        return;
    };
    let (mut count, mut spanning) = (0usize, 0usize);
    for s in sentences(&text) {
        count += 1;
        if let Some(i) = s.text.find('\n') {
            let next_line = s.text[i..].trim_start();
            let wrapped = next_line.starts_with(char::is_lowercase) || s.text[..i].trim_end().ends_with(',');
            assert!(wrapped, "{:?}", s.text);
            spanning += 1;
        }
    }
    let paragraphs = text.lines().filter(|l| !l.trim().is_empty()).count();
    // A naive splitter: a break wherever `.`, `!` or `?` is followed by a
    // space and a capital. It over-counts (initials, abbreviations), so
    // the real splitter should find most of those breaks but not all.
    let naive = text
        .as_bytes()
        .windows(2)
        .enumerate()
        .filter(|(i, w)| {
            matches!(w[0], b'.' | b'!' | b'?')
                && w[1] == b' '
                && text[i + 2..].starts_with(|c: char| c.is_uppercase())
        })
        .count();
    eprintln!(
        "viwiki: {paragraphs} paragraphs, {naive} naive breaks, {count} sentences, {spanning} spanning lines"
    );
    assert!(count >= paragraphs + naive * 8 / 10, "{count} sentences");
    assert!(count <= paragraphs + naive, "{count} sentences");
    assert!(
        spanning * 200 < count,
        "{spanning} of {count} sentences span lines"
    );
}
