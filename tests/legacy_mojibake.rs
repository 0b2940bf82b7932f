//! Mojibake repair measured on prose: each line is encoded (UTF-8, TCVN3,
//! VNI, Windows-1258), its bytes read as Windows-1252, and repaired; and
//! correct lines must come back unchanged. Run with `--nocapture` to see
//! the rates.

use viet_text::legacy::{decode, encode_lossy, repair_mojibake, Encoding};

/// Windows-1252 0x80–0x9F; the five undefined bytes as their C1 controls
/// (what a Latin-1 fallback produces).
const CP1252_HIGH: &str = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ";

fn as_cp1252(bytes: &[u8]) -> String {
    let high: Vec<char> = CP1252_HIGH.chars().collect();
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => high.get(usize::from(b - 0x80)).copied().unwrap_or('?'),
            _ => char::from(b),
        })
        .collect()
}

fn lines() -> Vec<String> {
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/viwiki.txt");
    let text = std::fs::read_to_string(shared).unwrap_or_else(|_| {
        eprintln!("viwiki.txt not found; using examples/data/sample.txt");
        include_str!("../examples/data/sample.txt").to_owned()
    });
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .step_by(10)
        .take(800)
        .map(str::to_owned)
        .collect()
}

#[test]
fn cp1252_row_is_complete() {
    assert_eq!(CP1252_HIGH.chars().count(), 32);
}

#[test]
fn repairs_mojibake_lines_and_leaves_clean_lines_alone() {
    let lines = lines();
    let mut changed_clean = Vec::new();
    for line in &lines {
        if repair_mojibake(line) != line.as_str() {
            changed_clean.push(line.clone());
        }
    }
    println!(
        "\nclean lines changed by repair_mojibake: {}/{}",
        changed_clean.len(),
        lines.len()
    );
    for l in changed_clean.iter().take(3) {
        println!("  {l}\n  → {}", repair_mojibake(l));
    }
    assert!(changed_clean.is_empty());

    for enc in [Encoding::Utf8, Encoding::Tcvn3, Encoding::Vni, Encoding::Cp1258] {
        let mut restored = 0;
        let mut total = 0;
        let mut failures = Vec::new();
        for line in &lines {
            let bytes = encode_lossy(line, enc);
            let Ok(want) = decode(&bytes, enc) else {
                continue;
            };
            let broken = as_cp1252(&bytes);
            if broken == want {
                continue; // nothing to repair (ASCII line)
            }
            total += 1;
            let got = repair_mojibake(&broken);
            if got == want {
                restored += 1;
            } else if failures.len() < 2 {
                failures.push((broken.clone(), got.into_owned()));
            }
        }
        let rate = restored as f64 / total.max(1) as f64;
        println!(
            "{} read as cp1252: {restored}/{total} lines restored exactly ({:.1}%)",
            enc.name(),
            100.0 * rate
        );
        for (b, g) in &failures {
            println!("  e.g. {b}\n     → {g}");
        }
        assert!(rate >= 0.9, "{}: {rate}", enc.name());
    }
}
