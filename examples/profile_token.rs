//! Runs one tokenizer operation over a file, for instruction counting:
//! `valgrind --tool=callgrind target/release/examples/profile_token OP FILE`
//! with OP one of `read` (only reads the file), `tokenize`, `bare`
//! (`without_syllables`), `sentences`, or, one document per non-empty line
//! as `Extractor::extract` sees them: `lines` (only splits the lines, to
//! subtract), `extend` (each line's tokens into one reused `Vec<Token>`
//! with `Vec::extend`, what extraction did up to session 5), `into` (the
//! same with `viet_text::tokenize_into`). Prints the count so the work is not
//! optimized away.
//!
//! With a third argument N, runs the operation N times and also prints the
//! throughput by the thread's CPU time (Linux `/proc/thread-self/schedstat`;
//! wall clock elsewhere), a quick check between two builds on a busy machine.

use std::time::Instant;

/// Nanoseconds of CPU time this thread has run, if the kernel tells.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn run(op: &str, text: &str) -> Option<usize> {
    Some(match op {
        "read" => text.len(),
        "tokenize" => viet_text::tokenize(text).count(),
        "bare" => viet_text::tokenize(text).without_syllables().count(),
        "sentences" => viet_text::sentences(text).count(),
        "lines" => text.lines().filter(|l| !l.is_empty()).map(str::len).sum(),
        "extend" => {
            let mut tokens = Vec::new();
            let mut n = 0;
            for line in text.lines().filter(|l| !l.is_empty()) {
                tokens.clear();
                tokens.reserve(line.len() / 4 + 8);
                tokens.extend(viet_text::tokenize(std::hint::black_box(line)));
                n += std::hint::black_box(&tokens).len();
            }
            n
        }
        "into1" => {
            let mut tokens = Vec::with_capacity(text.len() / 4 + 8);
            viet_text::tokenize_into(text, &mut tokens);
            tokens.len()
        }
        "into" => {
            let mut tokens = Vec::new();
            let mut n = 0;
            for line in text.lines().filter(|l| !l.is_empty()) {
                tokens.clear();
                tokens.reserve(line.len() / 4 + 8);
                viet_text::tokenize_into(std::hint::black_box(line), &mut tokens);
                n += std::hint::black_box(&tokens).len();
            }
            n
        }
        _ => return None,
    })
}

fn main() {
    let mut args = std::env::args().skip(1);
    let op = args.next().unwrap_or_else(|| "tokenize".into());
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/data/bench/viwiki.txt".into());
    let repeat: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return;
        }
    };
    let Some(n) = run(&op, &text) else {
        eprintln!("unknown op {op}");
        return;
    };
    println!("{op} {path}: {n} ({} bytes)", text.len());
    if repeat > 0 {
        let (cpu0, wall0) = (thread_cpu_ns(), Instant::now());
        for _ in 0..repeat {
            std::hint::black_box(run(&op, std::hint::black_box(&text)));
        }
        let wall = wall0.elapsed().as_nanos() as f64;
        let ns = match (cpu0, thread_cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64,
            _ => wall,
        };
        let mib = (text.len() as f64 * f64::from(repeat)) / (1 << 20) as f64;
        println!(
            "{:.1} MiB/s by CPU time ({:.1} by wall clock)",
            mib / (ns / 1e9),
            mib / (wall / 1e9)
        );
    }
}
