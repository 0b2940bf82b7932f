//! Runs one tokenizer operation over a file once, for instruction counting:
//! `valgrind --tool=callgrind target/release/examples/profile_token OP FILE`
//! with OP one of `read` (only reads the file), `tokenize`, `bare`
//! (`without_syllables`), `sentences`. Prints the count so the work is not
//! optimized away.

fn main() {
    let mut args = std::env::args().skip(1);
    let op = args.next().unwrap_or_else(|| "tokenize".into());
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/data/bench/viwiki.txt".into());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return;
        }
    };
    let n = match op.as_str() {
        "read" => text.len(),
        "tokenize" => viet_text::tokenize(&text).count(),
        "bare" => viet_text::tokenize(&text).without_syllables().count(),
        "sentences" => viet_text::sentences(&text).count(),
        _ => {
            eprintln!("unknown op {op}");
            return;
        }
    };
    println!("{op} {path}: {n} ({} bytes)", text.len());
}
