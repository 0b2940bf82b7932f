//! Worst-case inputs: no-space megabyte lines, floods of combining marks,
//! deep nesting, endless digit groups, every Unicode scalar value, and
//! numbers beyond the decimal type.
//!
//! Linearity is checked without wall-clock limits: each operation runs on
//! an input of size n and of size 2n in the same process, and the test
//! asserts that doubling the input at most roughly doubles (ratio < 3) the
//! bytes allocated, the peak live heap (counted by a per-thread counting
//! allocator below), and the best-of-several running time. A quadratic
//! step shows up as a ratio near 4. Sizes are small enough for a debug
//! build; the full sizes of issue 8 run in `full_size_*` (debug-friendly)
//! and in the ignored `ten_megabytes_without_spaces` (run it with
//! `cargo test --release --test hostile -- --ignored`).

#[path = "hostile_invariants.rs"]
mod invariants;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

use invariants::{
    check_entities, check_fold, check_normalize, check_sentences, check_tokens, check_words, options_from,
};
use viet_text::entity::{Amount, PercentValue, QuantityValue};
use viet_text::number::ParseNumberError;
use viet_text::word::WordSegmenter;
use viet_text::{normalize, parse_number, Decimal, Entity, Extractor, NormalizeOptions, Span, ToneStyle};

// ---- a counting allocator (per thread, so parallel tests do not mix) ----

struct CountingAlloc;

thread_local! {
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn note(delta: isize, fresh: usize) {
    let _ = ALLOCATED.try_with(|a| a.set(a.get().saturating_add(fresh)));
    let _ = LIVE.try_with(|l| {
        let live = l.get().saturating_add(delta);
        l.set(live);
        let _ = PEAK.try_with(|p| p.set(p.get().max(live)));
    });
}

// SAFETY: every method forwards to the system allocator unchanged; the
// bookkeeping only touches const-initialized thread-locals without
// destructors, which never allocate.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size() as isize, layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size() as isize, layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note(-(layout.size() as isize), 0);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size as isize - layout.size() as isize, new_size);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

/// What one run of an operation cost.
#[derive(Debug, Clone, Copy)]
struct Cost {
    time: Duration,
    /// Bytes requested from the allocator during the run.
    allocated: usize,
    /// Peak live heap during the run, above what was live before it.
    peak: usize,
    /// The operation's own count of what it produced (tokens, entities …).
    output: usize,
}

/// CPU time of the current thread: unlike wall-clock time it does not count
/// the time other processes on a busy machine take from this one.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn thread_cpu_time() -> Duration {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec (two 64-bit fields on
    // 64-bit Linux) and the clock id is a constant the kernel knows.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return wall_clock();
    }
    Duration::new(ts.tv_sec.max(0) as u64, ts.tv_nsec.clamp(0, 999_999_999) as u32)
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn thread_cpu_time() -> Duration {
    wall_clock()
}

fn wall_clock() -> Duration {
    static EPOCH: std::sync::LazyLock<Instant> = std::sync::LazyLock::new(Instant::now);
    EPOCH.elapsed()
}

fn measure(op: &Op, input: &str) -> Cost {
    let live_before = LIVE.with(Cell::get);
    ALLOCATED.with(|a| a.set(0));
    PEAK.with(|p| p.set(live_before));
    let start = thread_cpu_time();
    let output = (op.run)(input);
    let time = thread_cpu_time().saturating_sub(start);
    Cost {
        time,
        allocated: ALLOCATED.with(Cell::get),
        peak: (PEAK.with(Cell::get) - live_before).max(0) as usize,
        output,
    }
}

/// An operation under test, returning a count of what it produced.
struct Op {
    name: &'static str,
    run: fn(&str) -> usize,
}

static EXTRACTOR: std::sync::LazyLock<Extractor> = std::sync::LazyLock::new(Extractor::new);
static SEGMENTER: std::sync::LazyLock<WordSegmenter> = std::sync::LazyLock::new(WordSegmenter::new);

const OPS: &[Op] = &[
    Op {
        name: "token::tokenize",
        run: |s| viet_text::tokenize(s).count(),
    },
    Op {
        name: "token::sentences",
        run: |s| viet_text::sentences(s).count(),
    },
    Op {
        name: "word::WordSegmenter::segment",
        run: |s| SEGMENTER.segment(s).len(),
    },
    Op {
        name: "Extractor::extract",
        run: |s| EXTRACTOR.extract(s).len(),
    },
    Op {
        name: "normalize (NFC only)",
        run: |s| normalize(s, &NormalizeOptions::default()).len(),
    },
    Op {
        name: "normalize (tone New, all clean-ups)",
        run: |s| normalize(s, &options_from(31, ToneStyle::New)).len(),
    },
    Op {
        name: "normalize (tone Old)",
        run: |s| normalize(s, &options_from(0, ToneStyle::Old)).len(),
    },
    Op {
        name: "normalize::fold_lower",
        run: |s| viet_text::normalize::fold_lower(s).len(),
    },
    Op {
        name: "parse_number",
        run: |s| usize::from(parse_number(s).is_ok()),
    },
];

/// Builds an input of about `n` bytes by repeating `unit`.
fn repeat_to(unit: &str, n: usize) -> String {
    unit.repeat(n.div_ceil(unit.len()).max(1))
}

/// The ratio of the doubled input's cost to the original's must stay
/// under this (linear: about 2, quadratic: about 4).
const MAX_RATIO: f64 = 3.0;
/// The smaller input grows until one run takes at least this long, so the
/// clock's resolution and noise do not dominate.
const MIN_TIME: Duration = Duration::from_millis(1);

fn ratio(big: usize, small: usize, slack: usize) -> f64 {
    big as f64 / (small + slack).max(1) as f64
}

/// Checks every operation in `OPS` for linear time and memory on `make(n)`
/// versus `make(2n)`, starting at `n = start` and doubling `n` (up to
/// `max`) until a run is slow enough to time. Returns the failures.
fn linearity_failures(family: &str, make: &dyn Fn(usize) -> String, start: usize, max: usize) -> Vec<String> {
    let mut failures = Vec::new();
    for op in OPS {
        // Warm up lazily built tables outside the measurement.
        (op.run)("Khởi động 1,5%.");
        let mut n = start;
        let mut small = make(n);
        while n < max && measure(op, &small).time < MIN_TIME {
            n *= 2;
            small = make(n);
        }
        let big = make(2 * n);
        // Best of `reps` runs of each size, interleaved, after one warm-up
        // run each (operations may keep per-thread scratch buffers, whose
        // first growth is not the steady state).
        let best = |reps: usize| {
            let keep_min = |acc: &mut Cost, c: Cost| {
                acc.time = acc.time.min(c.time);
                acc.allocated = acc.allocated.min(c.allocated);
                acc.peak = acc.peak.min(c.peak);
            };
            measure(op, &small);
            measure(op, &big);
            let (mut s, mut b) = (measure(op, &small), measure(op, &big));
            for _ in 1..reps {
                keep_min(&mut s, measure(op, &small));
                keep_min(&mut b, measure(op, &big));
            }
            (s, b)
        };
        let (mut s, mut b) = best(3);
        let time_ratio = |s: &Cost, b: &Cost| {
            b.time.as_secs_f64() / (s.time.as_secs_f64() + Duration::from_micros(200).as_secs_f64())
        };
        if time_ratio(&s, &b) >= MAX_RATIO {
            // One more, longer look before calling it: the machine is shared.
            (s, b) = best(7);
        }
        let checks = [
            ("time", time_ratio(&s, &b)),
            ("bytes allocated", ratio(b.allocated, s.allocated, 4096)),
            ("peak heap", ratio(b.peak, s.peak, 4096)),
            ("output count", ratio(b.output, s.output, 2)),
        ];
        for (what, r) in checks {
            if r >= MAX_RATIO {
                failures.push(format!(
                    "{family}: {} is superlinear in {what}: ×{r:.2} for 2× input ({} → {} bytes; {s:?} → {b:?})",
                    op.name,
                    small.len(),
                    big.len()
                ));
            }
        }
    }
    failures
}

fn assert_linear(family: &str, make: &dyn Fn(usize) -> String, start: usize, max: usize) {
    let failures = linearity_failures(family, make, start, max);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs every invariant check of `hostile_invariants.rs` on `input`.
fn check_all(input: &str) {
    check_tokens(input);
    check_sentences(input);
    check_words(&SEGMENTER, input);
    check_entities(&EXTRACTOR, input);
    check_normalize(input, &NormalizeOptions::default());
    check_normalize(input, &options_from(31, ToneStyle::New));
    check_normalize(input, &options_from(0, ToneStyle::Old));
    check_fold(input);
    invariants::check_parse_number_text(input);
    invariants::check_legacy(input.as_bytes());
}

// ---- the worst-case inputs ----

/// Text without a single space, in shapes that make scanners look ahead:
/// one endless word, abbreviation chains, e-mail and URL look-alikes,
/// dots, hashtags, dates and mixed punctuation.
const NO_SPACE_UNITS: &[&str] = &[
    "Việtnamđẹp",
    "a.b.",
    "x@y.",
    "....",
    "#ab@cd",
    "12/12/2012/",
    "Hà-Nội,2025/12%“”().",
    "e\u{301}\u{323}",
];

#[test]
fn no_spaces_is_linear() {
    let mut failures = Vec::new();
    for unit in NO_SPACE_UNITS {
        let make = |n: usize| repeat_to(unit, n);
        failures.extend(linearity_failures(
            &format!("no spaces {unit:?}"),
            &make,
            1_000,
            128_000,
        ));
    }
    // A URL that never ends.
    let make = |n: usize| format!("https://{}", repeat_to("a/b.c?", n));
    failures.extend(linearity_failures("endless URL", &make, 1_000, 128_000));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn combining_marks_are_linear() {
    // Marks alone, and marks of mixed combining classes on one base letter
    // (which canonical ordering must sort).
    assert_linear("lone acute accents", &|n| repeat_to("\u{301}", n), 1_000, 128_000);
    assert_linear(
        "mixed classes",
        &|n| format!("o{}", repeat_to("\u{301}\u{323}\u{31b}", n)),
        1_000,
        128_000,
    );
}

#[test]
fn nesting_is_linear() {
    let nest = |open: &str, close: &str, n: usize| {
        let k = n / (open.len() + close.len()) + 1;
        format!("{}Có. Không.{}", open.repeat(k), close.repeat(k))
    };
    assert_linear("nested brackets", &|n| nest("(", ")", n), 1_000, 128_000);
    assert_linear("nested curly quotes", &|n| nest("“", "”", n), 1_000, 128_000);
    assert_linear(
        "nested straight quotes",
        &|n| nest(" \"", "\" ", n),
        1_000,
        128_000,
    );
    assert_linear("unclosed mixed", &|n| repeat_to("«[(‘Đi. ", n), 1_000, 128_000);
}

#[test]
fn digit_lines_are_linear() {
    assert_linear(
        "dotted digit groups",
        &|n| format!("1{}", repeat_to(".234", n)),
        1_000,
        128_000,
    );
    assert_linear(
        "mixed separators",
        &|n| format!("9{}", repeat_to(",123.456", n)),
        1_000,
        128_000,
    );
    assert_linear(
        "digit groups and spaces",
        &|n| repeat_to("1 234 567,5 ", n),
        1_000,
        128_000,
    );
    assert_linear(
        "percent and scale words",
        &|n| repeat_to("12,5% 3 tỷ đồng ", n),
        1_000,
        128_000,
    );
}

// ---- the full sizes of issue 8, with every invariant checked ----

#[test]
fn full_size_hundred_thousand_nested_quotes_and_brackets() {
    for (open, close) in [("(", ")"), ("“", "”")] {
        let text = format!(
            "{}Một câu. Câu hai.{}",
            open.repeat(100_000),
            close.repeat(100_000)
        );
        check_tokens(&text);
        let sentences = check_sentences(&text);
        assert!(sentences >= 1, "{open}: no sentence at all");
        check_entities(&EXTRACTOR, &text);
    }
}

#[test]
fn full_size_million_digit_line() {
    // 1 000 000 digits in groups of three: one number far beyond Decimal.
    let mut line = String::from("1");
    while line.len() < 1_333_333 {
        line.push_str(".000");
    }
    let digits = line.bytes().filter(u8::is_ascii_digit).count();
    assert!(digits >= 1_000_000);
    assert_eq!(parse_number(&line), Err(ParseNumberError::Overflow));
    check_tokens(&line);
    check_sentences(&line);
    let money = format!("{line} tỷ đồng, {line}%");
    let found: Vec<_> = check_entities_of(&money)
        .iter()
        .map(|e| (e.entity_type(), e.span()))
        .collect();
    assert!(
        found.is_empty(),
        "a number of a million digits became entities: {found:?}"
    );
}

fn check_entities_of(text: &str) -> Vec<Entity> {
    check_entities(&EXTRACTOR, text);
    EXTRACTOR.extract(text)
}

#[test]
fn full_size_megabyte_of_combining_marks() {
    let marks = repeat_to("\u{301}", 1 << 20);
    check_tokens(&marks);
    check_sentences(&marks);
    check_entities(&EXTRACTOR, &marks);
    let n = normalize(&marks, &NormalizeOptions::default());
    assert!(n.len() <= marks.len());
}

fn every_scalar_value() -> String {
    let all: String = (0..=0x10FFFF_u32).filter_map(char::from_u32).collect();
    assert_eq!(all.chars().count(), 0x110000 - 0x800);
    all
}

/// The BMP with a space after each character, so that every character
/// also starts a token of its own.
fn every_bmp_value_spaced() -> String {
    (0..=0xFFFF_u32)
        .filter_map(char::from_u32)
        .flat_map(|c| [c, ' '])
        .collect()
}

#[test]
fn every_unicode_scalar_value_once() {
    // All 1 112 064 scalar values in one 4 MB string: tokens and entities
    // (on two threads, to keep the debug build quick).
    let all = every_scalar_value();
    std::thread::scope(|s| {
        s.spawn(|| check_tokens(&all));
        s.spawn(|| check_entities(&EXTRACTOR, &all));
    });
}

#[test]
fn every_bmp_value_spaced_out() {
    // Every BMP character as a token of its own, through everything.
    let bmp = every_bmp_value_spaced();
    check_tokens(&bmp);
    check_sentences(&bmp);
    check_words(&SEGMENTER, &bmp);
    check_entities(&EXTRACTOR, &bmp);
    check_fold(&bmp);
    check_normalize(&bmp, &options_from(31, ToneStyle::New));
    invariants::check_legacy(bmp.as_bytes());
    invariants::check_parse_number_text(&bmp);
}

#[test]
fn every_assigned_plane_normalizes() {
    // Every scalar value of the planes that hold characters with
    // decompositions, combining classes or compositions (0–3 and 14). The
    // others (4–13 unassigned, 15–16 private use) normalize to themselves,
    // and `every_unicode_scalar_value_once` already sends them through the
    // extractor's normalization; the debug build stays quick.
    let planes: String = (0..=0x3FFFF_u32)
        .chain(0xE0000..=0xEFFFF)
        .filter_map(char::from_u32)
        .collect();
    check_normalize(&planes, &NormalizeOptions::default());
    let decoded = viet_text::legacy::decode(planes.as_bytes(), viet_text::legacy::Encoding::Utf8);
    assert!(
        decoded.is_ok_and(|d| unicode_normalization::is_nfc(&d)),
        "decode(Utf8) of every scalar value in planes 0–3 and 14 is not NFC"
    );
}

#[test]
#[ignore = "10 MB inputs: run with `cargo test --release --test hostile -- --ignored`"]
fn ten_megabytes_without_spaces() {
    for unit in NO_SPACE_UNITS {
        let text = repeat_to(unit, 10 << 20);
        let start = Instant::now();
        check_all(&text);
        eprintln!("{unit:?} × 10 MB: all checks in {:?}", start.elapsed());
    }
}

// ---- numbers beyond the decimal type ----

fn exact(amount: &Amount) -> Vec<Decimal> {
    match amount {
        Amount::Exact { amount } => vec![*amount],
        Amount::Range { min, max } => vec![*min, *max],
    }
}

/// The values an entity carries (money, percent, quantity), if any.
fn values(e: &Entity) -> Vec<Decimal> {
    match e {
        Entity::Money(m) => exact(&m.amount),
        Entity::Percent(p) => match &p.value {
            PercentValue::Exact { value } => vec![*value],
            PercentValue::Range { min, max } => vec![*min, *max],
        },
        Entity::Quantity(q) => match &q.value {
            QuantityValue::Exact { amount } => vec![*amount],
            QuantityValue::Range { min, max } => vec![*min, *max],
            QuantityValue::Ratio {
                numerator,
                denominator,
            } => vec![*numerator, *denominator],
        },
        _ => Vec::new(),
    }
}

/// Texts whose number has no exact `Decimal` value: too large, or more
/// significant digits than Decimal holds (which would silently round).
fn unrepresentable() -> Vec<(String, String)> {
    let ten_40 = format!("1{}", "0".repeat(40));
    let sixty = "123456789".repeat(7)[..60].to_owned();
    let max_plus_one = "79.228.162.514.264.337.593.543.950.336".to_owned();
    vec![
        (format!("Dự án cần {ten_40} tỷ đồng."), ten_40.clone()),
        (format!("Quỹ có {sixty} đồng."), sixty.clone()),
        (format!("Họ vay {ten_40} USD."), ten_40.clone()),
        (format!("Tỷ lệ tăng {sixty}%."), sixty.clone()),
        (format!("Có {ten_40} người tham gia."), ten_40.clone()),
        (format!("Giá {max_plus_one} đồng."), max_plus_one.clone()),
        // Decimal::MAX itself fits, but not a billion times it.
        (
            "Thu 79228162514264337593543950335 tỷ đồng.".to_owned(),
            "79228162514264337593543950335".to_owned(),
        ),
        // 10^18 × 10^12 = 10^30.
        (
            "Nợ 1.000.000.000.000.000.000 nghìn tỷ đồng.".to_owned(),
            "1.000.000.000.000.000.000".to_owned(),
        ),
        (format!("Từ {sixty} đến {ten_40} đồng."), sixty.clone()),
    ]
}

/// No entity may cover a number that has no exact value.
fn assert_no_entity_on(text: &str, number: &str) {
    let at = text.find(number).expect("the number is in the text");
    let span = Span::new(at, at + number.len());
    for e in check_entities_of(text) {
        assert!(
            !e.span().overlaps(span),
            "{text:?}: {:?} entity {:?} with values {:?} covers a number Decimal cannot hold",
            e.entity_type(),
            e.text(),
            values(&e)
        );
    }
}

#[test]
fn numbers_beyond_decimal_give_no_entity() {
    for (text, number) in unrepresentable() {
        assert_no_entity_on(&text, &number);
    }
}

#[test]
fn excess_precision_gives_no_entity() {
    let nines = format!("0,{}", "9".repeat(29));
    let tiny = format!("0,{}1", "0".repeat(30));
    assert_no_entity_on(&format!("Lãi suất {nines}% một năm."), &nines);
    assert_no_entity_on(&format!("Chỉ {tiny}% thôi."), &tiny);
    assert_no_entity_on(&format!("Khoảng {nines} tỷ đồng."), &nines);
}

#[test]
fn representable_amounts_keep_their_exact_value() {
    // Controls for the tests above: when these become entities, the value
    // is exact (the test constrains any recognizer that finds them).
    let cases = [
        ("Dự án cần 5 tỷ đồng.", "5000000000"),
        ("Thu 79.228.162.514 tỷ đồng.", "79228162514000000000"),
        (
            "Tăng 7.922.816.251.426.433.759.354.395.033,5%.",
            "7922816251426433759354395033.5",
        ),
        ("Đạt 99,5%.", "99.5"),
    ];
    for (text, expected) in cases {
        let expected: Decimal = expected.parse().expect("a valid decimal");
        for e in check_entities_of(text) {
            let vals = values(&e);
            if !vals.is_empty() {
                assert_eq!(
                    vals,
                    [expected],
                    "{text:?}: {:?} entity {:?}",
                    e.entity_type(),
                    e.text()
                );
            }
        }
    }
}

#[test]
fn parse_number_overflow_is_a_typed_error() {
    let sixty = "123456789".repeat(7)[..60].to_owned();
    let ten_40 = format!("1{}", "0".repeat(40));
    for text in [
        sixty.as_str(),
        ten_40.as_str(),
        "79228162514264337593543950336",
        "79.228.162.514.264.337.593.543.950.336",
    ] {
        assert_eq!(parse_number(text), Err(ParseNumberError::Overflow), "{text}");
    }
    // Scale words, if supported, must not wrap or round either.
    for text in [
        format!("{ten_40} tỷ"),
        format!("{sixty} triệu"),
        "79228162514264337593543950335 tỷ".into(),
    ] {
        assert!(parse_number(&text).is_err(), "{text}: {:?}", parse_number(&text));
    }
    // The largest value that fits still parses exactly.
    assert_eq!(
        parse_number("79228162514264337593543950335"),
        Ok(Decimal::MAX),
        "Decimal::MAX no longer parses"
    );
}

#[test]
fn parse_number_never_rounds() {
    let nines = format!("0,{}", "9".repeat(29));
    let tiny = format!("0,{}1", "0".repeat(30));
    let long = format!("1,{}1", "0".repeat(28));
    for text in [nines, tiny, long] {
        assert!(
            parse_number(&text).is_err(),
            "{text}: rounded to {:?}",
            parse_number(&text)
        );
    }
}

#[test]
#[ignore = "1 MB extractions, slow in debug: run with `cargo test --release --test hostile -- --ignored` (caught the quadratic resolve_overlaps fixed in d7208d5)"]
fn extraction_with_many_overlapping_candidates_is_linear() {
    // Dates and ratios interleaved without spaces: every date is also a
    // quantity candidate, so overlap resolution sees ~100 000 candidates per MB.
    let failures = linearity_failures(
        "dates and ratios",
        &|n| repeat_to("12/12/2012/", n),
        1 << 19,
        1 << 19,
    );
    let failures: Vec<_> = failures.into_iter().filter(|f| f.contains("Extractor")).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
