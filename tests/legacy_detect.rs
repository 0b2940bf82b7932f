//! Detection accuracy on Vietnamese prose encoded into each encoding, cut
//! into short (100-byte) and long (10 KB) pieces, plus text that must never
//! be reported as a legacy encoding. Run with `--nocapture` to see the
//! confusion tables.

use std::collections::BTreeMap;
use viet_text::legacy::{decode_lossy, detect, encode_lossy, Encoding};
use viet_text::normalize::fold;

const TRUTHS: [Encoding; 5] = [
    Encoding::Utf8,
    Encoding::Tcvn3,
    Encoding::Vni,
    Encoding::Cp1258,
    Encoding::Viqr,
];

/// Up to 1.6 MB of prose (enough for 100 long pieces per encoding; the
/// whole file makes a debug-build test needlessly slow).
fn corpus() -> String {
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/viwiki.txt");
    let text = match std::fs::read_to_string(shared) {
        Ok(text) => text,
        Err(_) => {
            // The sample is a few KB: repeat it so that there are enough
            // 10 KB pieces for the long-piece figure (a smoke test only; the
            // real figure needs viwiki.txt).
            eprintln!("viwiki.txt not found; using examples/data/sample.txt, repeated to 60 KB");
            let sample = include_str!("../examples/data/sample.txt");
            sample.repeat(60_000 / sample.len().max(1) + 1)
        }
    };
    let limit = 1_600_000.min(text.len());
    let cut = text
        .get(limit..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |p| limit + p);
    text[..cut].to_owned()
}

fn label(e: Option<Encoding>) -> &'static str {
    e.map_or("none", Encoding::name)
}

/// Whether a piece holds any Vietnamese letter at all (a piece of digits
/// and names has nothing to detect).
fn has_vietnamese(piece: &[u8], enc: Encoding) -> bool {
    decode_lossy(piece, enc)
        .chars()
        .any(|c| !c.is_ascii() && c.is_alphabetic())
}

struct Tally {
    confusion: BTreeMap<(&'static str, &'static str), usize>,
    total: usize,
    correct: usize,
    no_letters: usize,
    no_letters_wrong: usize,
}

fn run(text: &str, size: usize, max_pieces: usize) -> Tally {
    let mut t = Tally {
        confusion: BTreeMap::new(),
        total: 0,
        correct: 0,
        no_letters: 0,
        no_letters_wrong: 0,
    };
    for truth in TRUTHS {
        let bytes = encode_lossy(text, truth);
        let count = bytes.len() / size;
        let step = (count / max_pieces).max(1);
        for piece in bytes.chunks_exact(size).step_by(step).take(max_pieces) {
            let found = detect(piece).encoding;
            if !has_vietnamese(piece, truth) {
                t.no_letters += 1;
                if found.is_some_and(|f| f != truth) {
                    t.no_letters_wrong += 1;
                }
                continue;
            }
            t.total += 1;
            t.correct += usize::from(found == Some(truth));
            *t.confusion.entry((truth.name(), label(found))).or_default() += 1;
        }
    }
    t
}

fn print_table(title: &str, t: &Tally) {
    let cols = ["utf-8", "tcvn3", "vni", "cp1258", "viqr", "none"];
    println!(
        "\n{title}: {}/{} correct = {:.2}%",
        t.correct,
        t.total,
        100.0 * t.correct as f64 / t.total.max(1) as f64
    );
    println!("| truth \\ detected | {} |", cols.join(" | "));
    println!("|---|{}", "---:|".repeat(cols.len()));
    for truth in TRUTHS {
        let row: Vec<String> = cols
            .iter()
            .map(|c| {
                t.confusion
                    .get(&(truth.name(), *c))
                    .copied()
                    .unwrap_or(0)
                    .to_string()
            })
            .collect();
        println!("| {} | {} |", truth.name(), row.join(" | "));
    }
    println!(
        "pieces without any Vietnamese letter (left out): {}, of them reported as a wrong encoding: {}",
        t.no_letters, t.no_letters_wrong
    );
}

#[test]
fn detection_accuracy_on_encoded_prose() {
    let text = corpus();
    let long = run(&text, 10_000, 100);
    print_table("long pieces (10 KB)", &long);
    let short = run(&text, 100, 1200);
    print_table("short pieces (100 bytes)", &short);
    assert!(long.total >= 5, "too few long pieces: {}", long.total);
    let long_acc = long.correct as f64 / long.total as f64;
    let short_acc = short.correct as f64 / short.total as f64;
    assert!(long_acc >= 0.99, "long accuracy {long_acc:.4}");
    assert!(short_acc >= 0.95, "short accuracy {short_acc:.4}");
    assert_eq!(long.no_letters_wrong + short.no_letters_wrong, 0);
}

/// Text written for this test: English, French and German prose, code and
/// data that must never be taken for a legacy Vietnamese encoding.
const FOREIGN: &[&str] = &[
    "The harbour was quiet that morning. A few boats went out at dawn, and by noon the \
     fishermen were back, sorting the catch on the pier. Is it so? I do. Go on, it's fine; \
     we'll meet at 9 a.m. or 5 p.m., e.g. near the old lighthouse (the one you're fond of).",
    "Don't worry about the 'legacy' code: we've rewritten most of it, and they're testing \
     the rest. You'd think it's done, but there's more to do? Maybe. a^2 + b^2 = c^2, x.y.z.",
    "Le marché ouvre à sept heures. On y trouve des légumes frais, du fromage affiné et \
     du pain encore chaud. Qu'il pleuve ou qu'il vente, les habitués sont là dès l'aube, \
     et l'on entend parler français, breton et même un peu d'anglais.",
    "Ça coûte très cher à Noël : les hôtels sont complets, les trains bondés, et pourtant \
     chacun veut rejoindre sa famille. Où êtes-vous né ? À Besançon, près du Doubs.",
    "Im Frühling blühen die Bäume am Fluss, und die Straßen füllen sich mit Radfahrern. \
     Über das Wochenende öffnen die Gärten, die Kinder spielen, und ältere Leute sitzen \
     auf den Bänken und schauen dem Treiben zu. Grüße aus Köln!",
    "fn main() { let v: Vec<u8> = vec![1, 2, 3]; println!(\"{:?}\", v); } // a.b?c 'x' `y` ~z",
    "id,name,city,score\n1,Anna,Oslo,9.5\n2,Bjorn,Bergen,7.25\n3,Dd Dd,Add,0.1\n",
    "https://example.com/a?b=c&d=e.html mailto:someone@example.org ftp://host/dir/file.txt",
];

fn pieces(text: &str, size: usize) -> impl Iterator<Item = &[u8]> {
    text.as_bytes().chunks(size)
}

#[test]
fn foreign_and_ascii_text_is_never_a_legacy_encoding() {
    let mut checked = 0;
    let mut latin1_flagged = 0;
    let mut latin1_total = 0;
    for text in FOREIGN {
        let whole = detect(text.as_bytes()).encoding;
        assert!(
            matches!(whole, None | Some(Encoding::Utf8)),
            "{whole:?} for {text}"
        );
        for piece in pieces(text, 100).chain(pieces(text, 40)) {
            let d = detect(piece).encoding;
            assert!(
                matches!(d, None | Some(Encoding::Utf8)),
                "{d:?} for {:?}",
                String::from_utf8_lossy(piece)
            );
            checked += 1;
        }
        if text.is_ascii() {
            assert_eq!(whole, None, "ASCII text is not UTF-8 evidence: {text}");
        }
        // The same text in Latin-1 (not a requirement, reported only).
        if let Ok(latin1) = text
            .chars()
            .map(|c| u8::try_from(u32::from(c)))
            .collect::<Result<Vec<u8>, _>>()
        {
            if !latin1.is_ascii() {
                latin1_total += 1;
                latin1_flagged += usize::from(detect(&latin1).encoding.is_some());
            }
        }
    }
    // Vietnamese with its diacritics stripped is plain ASCII, never VIQR.
    let folded = fold(&corpus()).into_owned();
    let ascii: String = folded.chars().filter(char::is_ascii).collect();
    for piece in ascii.as_bytes().chunks(100).step_by(4).take(3000) {
        let d = detect(piece).encoding;
        assert!(d.is_none(), "{d:?} for {:?}", String::from_utf8_lossy(piece));
        checked += 1;
    }
    println!("\nforeign/ASCII pieces checked: {checked}, none reported as legacy");
    println!("Latin-1 French/German texts reported as some encoding: {latin1_flagged}/{latin1_total}");
}
