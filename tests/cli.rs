//! Runs the built `viet-text` binary the way a user would: files, standard
//! input, bad input, `--lines`, and every subcommand's output shape.
//!
//! The texts here are written for these tests.

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_viet-text");

const GOOD_A: &str = "Năm 2025, tỷ lệ hộ nghèo của xã giảm còn 2,5%.\n\
Hợp tác xã đã bán được 97% sản lượng chè, thu về 1,2 tỷ đồng.\n";
const GOOD_B: &str = "Ngày 19/12/2025, giá rau tăng 12% so với tháng trước.\n";

/// A fresh directory for one test.
fn scratch() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "viet-text-cli-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write test file");
    path
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run viet-text");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait for viet-text");
    feeder.join().expect("stdin feeder");
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Parses JSON Lines output; every line must be one complete object.
fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// Checks every entity of `doc` against `input`: `text` is `input[start..end]`.
fn check_spans(doc: &Value, input: &[u8]) -> usize {
    let entities = doc["entities"].as_array().expect("entities array");
    for e in entities {
        let start = e["start"].as_u64().expect("start") as usize;
        let end = e["end"].as_u64().expect("end") as usize;
        let text = e["text"].as_str().expect("text");
        assert!(
            start < end && end <= input.len(),
            "span {start}..{end} out of range in {e}"
        );
        assert_eq!(&input[start..end], text.as_bytes(), "entity {e}");
        assert!(e["type"].is_string(), "{e}");
    }
    entities.len()
}

#[test]
fn extract_a_good_file() {
    let dir = scratch();
    let a = write(&dir, "a.txt", GOOD_A.as_bytes());
    let o = run(&["extract", a.to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = json_lines(&o);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["source"], a.to_str().unwrap());
    let n = check_spans(&docs[0], GOOD_A.as_bytes());
    assert!(n >= 2, "expected the percentages at least: {}", stdout(&o));
    let texts: Vec<&str> = docs[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["text"].as_str())
        .collect();
    assert!(texts.contains(&"2,5%") && texts.contains(&"97%"), "{texts:?}");
}

#[test]
fn invalid_utf8_between_two_good_files() {
    let dir = scratch();
    let a = write(&dir, "a.txt", GOOD_A.as_bytes());
    let mut bad_bytes = b"Gi\xe1 t\xe2ng 5%.\n".to_vec(); // Latin-1, not UTF-8
    bad_bytes.splice(0..0, "Đầu dòng ổn. ".bytes());
    let bad = write(&dir, "bad.txt", &bad_bytes);
    let b = write(&dir, "b.txt", GOOD_B.as_bytes());
    let args = [
        "extract",
        a.to_str().unwrap(),
        bad.to_str().unwrap(),
        b.to_str().unwrap(),
    ];
    let o = run(&args, b"");
    assert!(!o.status.success(), "exit status must report the bad file");
    let docs = json_lines(&o);
    let sources: Vec<&str> = docs.iter().filter_map(|d| d["source"].as_str()).collect();
    assert_eq!(sources, [a.to_str().unwrap(), b.to_str().unwrap()]);
    check_spans(&docs[0], GOOD_A.as_bytes());
    check_spans(&docs[1], GOOD_B.as_bytes());
    let err = stderr(&o);
    let offset = std::str::from_utf8(&bad_bytes).unwrap_err().valid_up_to();
    assert_eq!(err.lines().count(), 1, "one line per problem: {err}");
    assert!(err.contains("bad.txt"), "{err}");
    assert!(err.contains(&format!("byte {offset}")), "{err}");

    // --lossy reads it, says how many bytes it replaced, and spans still index the file.
    let o = run(&["extract", "--lossy", bad.to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("replaced 2 invalid byte sequences"),
        "{}",
        stderr(&o)
    );
    let docs = json_lines(&o);
    assert_eq!(docs.len(), 1);
    assert!(check_spans(&docs[0], &bad_bytes) >= 1, "{}", stdout(&o));
}

#[test]
fn missing_file_and_directory_are_reported_and_skipped() {
    let dir = scratch();
    let a = write(&dir, "a.txt", GOOD_A.as_bytes());
    let missing = dir.join("missing.txt");
    let args = [
        "extract",
        missing.to_str().unwrap(),
        dir.to_str().unwrap(),
        a.to_str().unwrap(),
    ];
    let o = run(&args, b"");
    assert_eq!(o.status.code(), Some(1));
    let docs = json_lines(&o);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["source"], a.to_str().unwrap());
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].contains("missing.txt") && lines[0].contains("no such file"),
        "{err}"
    );
    assert!(lines[1].contains("is a directory"), "{err}");
}

#[test]
fn empty_file_gives_an_empty_document() {
    let dir = scratch();
    let empty = write(&dir, "empty.txt", b"");
    let o = run(&["extract", empty.to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = json_lines(&o);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["entities"], Value::Array(vec![]));
    // With --lines an empty file has no lines, so no output at all.
    let o = run(&["extract", "--lines", empty.to_str().unwrap()], b"");
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
}

#[test]
fn standard_input_with_and_without_dash() {
    for args in [&["extract"][..], &["extract", "-"][..]] {
        let o = run(args, GOOD_A.as_bytes());
        assert!(o.status.success(), "{}", stderr(&o));
        let docs = json_lines(&o);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0]["source"], "-");
        assert!(check_spans(&docs[0], GOOD_A.as_bytes()) >= 2);
    }
}

#[test]
fn lines_mode_numbers_lines_and_offsets_are_per_line() {
    let input = format!("{GOOD_A}\n{GOOD_B}");
    let lines: Vec<&str> = input.split('\n').collect();
    let o = run(&["extract", "--lines"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = json_lines(&o);
    // One object per line; the input ends with a line break.
    assert_eq!(docs.len(), lines.len() - 1);
    let mut found = 0;
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(d["line"].as_u64(), Some(i as u64 + 1));
        assert_eq!(d["source"], "-");
        found += check_spans(d, lines[i].as_bytes());
    }
    assert!(found >= 3);
}

#[test]
fn lines_mode_skips_only_the_bad_line() {
    let input = b"\xc3\x28 h\xe1ng\nSau \xc4\x91\xc3\xb3 t\xc4\x83ng 7%.\n".to_vec();
    let o = run(&["extract", "--lines"], &input);
    assert_eq!(o.status.code(), Some(1));
    let docs = json_lines(&o);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["line"], 2);
    let err = stderr(&o);
    assert!(err.contains("line 1") && err.contains("byte 0"), "{err}");
}

/// A text of about `size` bytes: one percentage per line, a blank line now and then.
fn long_text(size: usize) -> (String, usize) {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < size {
        text.push_str(&format!(
            "Đoạn {i}: sản lượng tăng {},{}% so với năm trước.\n",
            i % 90,
            i % 10
        ));
        if i % 5 == 0 {
            text.push('\n');
        }
        i += 1;
    }
    (text, i)
}

#[test]
fn a_large_file_is_one_document_exactly_as_the_library_sees_it() {
    let dir = scratch();
    let (text, lines) = long_text(600_000);
    let path = write(&dir, "large.txt", text.as_bytes());
    let library = serde_json::to_value(viet_text::Extractor::new().extract(&text)).unwrap();
    let mut outputs = Vec::new();
    for jobs in ["1", "2"] {
        let o = run(&["extract", "--jobs", jobs, path.to_str().unwrap()], b"");
        assert!(o.status.success(), "{}", stderr(&o));
        let docs = json_lines(&o);
        assert_eq!(docs.len(), 1);
        check_spans(&docs[0], text.as_bytes());
        assert_eq!(
            docs[0]["entities"], library,
            "the CLI must not change what the library finds"
        );
        let percents = docs[0]["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["type"] == "percent")
            .count();
        assert_eq!(percents, lines, "one percentage per line");
        outputs.push(o.stdout);
    }
    assert_eq!(outputs[0], outputs[1], "output must not depend on --jobs");
}

#[test]
fn a_large_file_streamed_in_chunks_keeps_exact_spans() {
    let dir = scratch();
    let (text, _) = long_text(600_000);
    let path = write(&dir, "large.txt", text.as_bytes());
    let mut outputs = Vec::new();
    for jobs in ["1", "2"] {
        let o = run(
            &["tokenize", "--json", "--jobs", jobs, path.to_str().unwrap()],
            b"",
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let docs = json_lines(&o);
        assert_eq!(docs.len(), 1);
        let tokens = docs[0]["tokens"].as_array().unwrap();
        assert_eq!(tokens.len(), viet_text::tokenize(&text).count());
        for t in tokens {
            let (s, e) = (
                t["start"].as_u64().unwrap() as usize,
                t["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..e], t["text"].as_str().unwrap());
        }
        outputs.push(o.stdout);
    }
    assert_eq!(outputs[0], outputs[1], "output must not depend on --jobs");
}

#[test]
fn output_starts_before_input_ends() {
    let mut child = Command::new(BIN)
        .args(["extract", "--lines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run viet-text");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    stdin
        .write_all("Lãi suất giảm còn 6%.\n".as_bytes())
        .expect("write");
    stdin.flush().expect("flush");
    // Standard input is still open: the answer must come anyway.
    let line = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("no output before end of input");
    let doc: Value = serde_json::from_str(&line).expect("JSON");
    assert_eq!(doc["line"], 1);
    drop(stdin);
    assert!(child.wait().expect("exit").success());
}

#[test]
fn normalize_keeps_line_structure() {
    let input = "Hoa\u{300} bi\u{300}nh\n\nThu\u{309}y ti\u{301}nh\r\nkhông có xuống dòng cuối";
    let o = run(&["normalize"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.split('\n').count(), input.split('\n').count());
    assert!(out.starts_with("Hoà bình\n\nThủy tính\r\n"), "{out:?}");
    assert!(!out.ends_with('\n'));
    let o = run(&["normalize", "--lines"], input.as_bytes());
    assert_eq!(stdout(&o), out, "--lines must not change normalize's output");

    let o = run(&["normalize", "--ascii"], "Quảng Ninh, Đà Nẵng\n".as_bytes());
    assert_eq!(stdout(&o), "Quang Ninh, Da Nang\n");
}

#[test]
fn normalize_tone_styles_are_the_librarys() {
    use viet_text::{normalize, NormalizeOptions, ToneStyle};
    let input = "Hòa bình, thủy lợi, khỏe mạnh.\nHoà bình, thuỷ lợi, khoẻ mạnh.\n";
    for (flag, tone) in [
        ("new", ToneStyle::New),
        ("old", ToneStyle::Old),
        ("keep", ToneStyle::Keep),
    ] {
        let o = run(&["normalize", "--tone", flag], input.as_bytes());
        assert!(o.status.success(), "{}", stderr(&o));
        let opts = NormalizeOptions {
            tone,
            ..Default::default()
        };
        assert_eq!(stdout(&o), normalize(input, &opts), "--tone {flag}");
    }
}

#[test]
fn tokenize_spans_slice_the_input() {
    let o = run(&["tokenize"], GOOD_B.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let mut rows = 0;
    for line in out.lines().filter(|l| !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "{line}");
        let (start, end): (usize, usize) = (cols[0].parse().unwrap(), cols[1].parse().unwrap());
        assert_eq!(&GOOD_B[start..end], cols[3]);
        rows += 1;
    }
    assert!(rows >= 10);
    assert!(out.ends_with("\n\n"), "a document ends with an empty line");

    let o = run(&["tokenize", "--json", "--lines"], GOOD_A.as_bytes());
    let docs = json_lines(&o);
    assert_eq!(docs.len(), 2);
    for (doc, line) in docs.iter().zip(GOOD_A.lines()) {
        for t in doc["tokens"].as_array().unwrap() {
            let (s, e) = (
                t["start"].as_u64().unwrap() as usize,
                t["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&line[s..e], t["text"].as_str().unwrap());
            assert!(t["kind"].is_string());
        }
    }
}

#[test]
fn segment_words_lines_gives_one_line_per_input_line() {
    let input = b"Sinh vi\xc3\xaan \xc4\x91i h\xe1\xbb\x8dc.\n\nM\xe1\xbb\x99t c\xc3\xa2u. Hai c\xc3\xa2u.\n\xff\nCu\xe1\xbb\x91i";
    let o = run(&["segment", "--words", "--lines"], input);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 5, "{out:?}");
    assert_eq!(out.lines().nth(1), Some(""));
    assert_eq!(out.lines().nth(3), Some(""), "a bad line still takes its line");
    assert!(!o.status.success());

    let o = run(&["segment"], "Trời mưa to. Đường\nngập nước.\n".as_bytes());
    assert_eq!(stdout(&o), "Trời mưa to.\nĐường ngập nước.\n");
}

#[test]
fn html_page_is_self_contained_and_escaped() {
    let input = "<script>alert(1)</script> & lãi suất 6%.\n";
    let o = run(&["extract", "--format", "html"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let html = stdout(&o);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;") && html.contains("&amp;"));
    assert!(
        html.contains("<mark class=\"e-percent\" title=\"percent: value=6\">6%</mark>"),
        "{html}"
    );
    assert!(
        !html.contains("src=") && !html.contains("href="),
        "no external resources"
    );
}

#[test]
fn table_format_has_a_header_and_one_row_per_entity() {
    let o = run(&["extract", "--format", "table"], GOOD_A.as_bytes());
    assert!(o.status.success());
    let out = stdout(&o);
    let json = json_lines(&run(&["extract"], GOOD_A.as_bytes()));
    let n = json[0]["entities"].as_array().unwrap().len();
    assert!(out.lines().next().unwrap().starts_with("TYPE"), "{out}");
    assert_eq!(out.lines().filter(|l| !l.is_empty()).count(), n + 2, "{out}");
}

#[test]
fn help_explains_each_subcommand_with_an_example() {
    for sub in ["extract", "normalize", "tokenize", "segment"] {
        let o = run(&[sub, "--help"], b"");
        assert!(o.status.success());
        let help = stdout(&o);
        assert!(
            help.contains("Examples:") && help.contains(&format!("viet-text {sub}")),
            "{help}"
        );
    }
    let o = run(&["extract", "--jobs", "0"], b"");
    assert_eq!(o.status.code(), Some(2), "usage errors exit with 2");
}

#[test]
fn closed_output_pipe_is_not_an_error() {
    let mut child = Command::new(BIN)
        .args(["tokenize", "--lines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().expect("stdin");
    let line = "một hai ba bốn năm sáu bảy tám\n".repeat(10_000);
    let _ = stdin.write_all(line.as_bytes());
    drop(stdin);
    let out = child.wait_with_output().expect("exit");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty());
}

#[test]
fn normalize_from_a_legacy_encoding_is_the_librarys_decoding() {
    use viet_text::legacy::{decode, Encoding};
    use viet_text::{normalize, NormalizeOptions};
    let samples: [(&str, Encoding, &[u8]); 4] = [
        ("tcvn3", Encoding::Tcvn3, b"Vi\xd6t Nam c\xf3 nhi\xd2u t\xbenh.\n"),
        ("vni", Encoding::Vni, b"Vie\xe4t Nam co\xf9 nhie\xe0u t\xefnh.\n"),
        (
            "cp1258",
            Encoding::Cp1258,
            b"Vi\xea\xf2t Nam co\xec nhi\xea\xccu ti\xecnh.\n",
        ),
        ("viqr", Encoding::Viqr, b"Vie^.t Nam co' nhie^`u ti?nh.\n"),
    ];
    for (name, encoding, bytes) in samples {
        let o = run(&["normalize", "--from", name], bytes);
        match decode(bytes, encoding) {
            Ok(text) => {
                assert!(o.status.success(), "{name}: {}", stderr(&o));
                assert_eq!(
                    stdout(&o),
                    normalize(&text, &NormalizeOptions::default()),
                    "{name}"
                );
            }
            Err(_) => {
                assert_eq!(o.status.code(), Some(1), "{name}");
                assert!(stderr(&o).contains(name), "{name}: {}", stderr(&o));
            }
        }
    }
    // Detection leaves UTF-8 text alone and says nothing about it.
    let o = run(&["normalize", "--from", "auto"], GOOD_A.as_bytes());
    assert!(o.status.success());
    assert_eq!(stdout(&o), GOOD_A);
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}
