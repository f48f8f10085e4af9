//! A few thousand broken copies of the real content files through the validator: byte
//! flips, truncations, control characters, huge numbers, duplicated tables. None may panic,
//! and every problem must be `FILE:LINE:COL: message` at a real place in its file, with
//! nothing in it that would act on a terminal. The seed is fixed, so a failure repeats;
//! `CLOUDCRAM_MUTATIONS=N` multiplies the number of cases by N (and `CLOUDCRAM_MUTATION_SEED`
//! changes the seed) for a longer hunt.
//!
//! The fuzz target in `fuzz/` (see fuzz/README.md) does the same without a bound.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use cloudcram::content::source::FileText;
use cloudcram::content::{ContentSource, check};
use cloudcram::fmt::is_unsafe_char;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// The built-in content's files (the same text as the repository's content/ and assets/).
fn real_files() -> BTreeMap<String, String> {
    ContentSource::embedded()
        .files
        .into_iter()
        .filter_map(|(k, f)| match f.text {
            FileText::Text(t) => Some((k, t)),
            _ => None,
        })
        .collect()
}

/// How many times the default number of cases to run.
fn scale() -> usize {
    std::env::var("CLOUDCRAM_MUTATIONS").ok().and_then(|s| s.parse().ok()).unwrap_or(1)
}

fn seed(salt: u64) -> StdRng {
    let base = std::env::var("CLOUDCRAM_MUTATION_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(14);
    StdRng::seed_from_u64(base ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

const CONTROLS: [&str; 10] =
    ["\x1b", "\x07", "\0", "\x7f", "\u{9b}", "\u{202e}", "\x1b[2J", "\x1b]52;c;aGk=\x07", "\r", "\t"];
const ESCAPED: [&str; 4] = [r"\u001b[2J", r"\u0007", r"\u009b", r"\u202E"];
const NUMBERS: [&str; 14] = [
    "inf",
    "-inf",
    "nan",
    "1e308",
    "1e15",
    "1e16",
    "1e-300",
    "-1",
    "0",
    "-0.0",
    "99999999999999999999",
    "9223372036854775807",
    "0.000000000001",
    "4294967296",
];

/// A byte position in `text` on a character boundary.
fn boundary(rng: &mut StdRng, text: &str) -> usize {
    let mut i = rng.random_range(0..=text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One random change to `text`, and its name (for the failure message).
fn mutate(rng: &mut StdRng, text: &mut String) -> &'static str {
    match rng.random_range(0..10) {
        0 => {
            // Flip a bit; text that stops being UTF-8 is put back as the loader reports it
            // (not UTF-8 is a problem of its own), so keep what is still text.
            let mut bytes = std::mem::take(text).into_bytes();
            if !bytes.is_empty() {
                let i = rng.random_range(0..bytes.len());
                bytes[i] ^= 1 << rng.random_range(0..8);
            }
            *text = String::from_utf8_lossy(&bytes).into_owned();
            "byte flip"
        }
        1 => {
            let at = boundary(rng, text);
            text.truncate(at);
            "truncation"
        }
        2 => {
            let at = boundary(rng, text);
            text.insert_str(at, CONTROLS[rng.random_range(0..CONTROLS.len())]);
            "raw control character"
        }
        3 => {
            // As a TOML escape just inside a string, so the text parses and holds it.
            let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i + 1).collect();
            if let Some(&at) = quotes.get(rng.random_range(0..quotes.len().max(1))) {
                text.insert_str(at, ESCAPED[rng.random_range(0..ESCAPED.len())]);
            }
            "escaped control character"
        }
        4 => {
            // A number replaced by a huge, tiny, negative or non-finite one.
            let digits: Vec<(usize, usize)> = number_spans(text);
            if let Some(&(a, b)) = digits.get(rng.random_range(0..digits.len().max(1))) {
                text.replace_range(a..b, NUMBERS[rng.random_range(0..NUMBERS.len())]);
            }
            "number"
        }
        5 => {
            // A whole table ([[questions]], [[regions]], [[templates]], [fargate]...) twice.
            let headers: Vec<usize> = text.match_indices("\n[").map(|(i, _)| i + 1).collect();
            if let Some(&start) = headers.get(rng.random_range(0..headers.len().max(1))) {
                let end = text[start + 1..].find("\n[").map_or(text.len(), |e| start + 1 + e + 1);
                let table = text[start..end].to_string();
                text.push('\n');
                text.push_str(&table);
            }
            "duplicated table"
        }
        6 => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if !lines.is_empty() {
                let i = rng.random_range(0..lines.len());
                let line = lines[i];
                if rng.random_bool(0.5) {
                    lines.insert(i, line);
                } else {
                    lines.remove(i);
                }
            }
            *text = lines.concat();
            "line duplicated or deleted"
        }
        7 => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if lines.len() > 1 {
                let (i, j) = (rng.random_range(0..lines.len()), rng.random_range(0..lines.len()));
                lines.swap(i, j);
            }
            *text = lines.concat();
            "lines swapped"
        }
        8 => {
            // A value made huge: a long string, or a long line of escapes.
            let quotes: Vec<usize> = text.match_indices("= \"").map(|(i, _)| i + 3).collect();
            if let Some(&at) = quotes.get(rng.random_range(0..quotes.len().max(1))) {
                let filler = if rng.random_bool(0.5) { "x".repeat(20_000) } else { r"\u001b[2J".repeat(2_000) };
                text.insert_str(at, &filler);
            }
            "huge value"
        }
        _ => {
            let at = boundary(rng, text);
            let junk = ["[[questions]]\n", "[lambda]\n", "= 1\n", "\"\"\"", "{", "]", "id = \"x\"\n", "[a.b.c]\n"];
            text.insert_str(at, junk[rng.random_range(0..junk.len())]);
            "junk inserted"
        }
    }
}

/// Byte ranges of the numbers in `text` (runs of digits, `_`, `.`, `e`, `-` that start with a
/// digit).
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || matches!(bytes[i], b'_' | b'.' | b'e' | b'-')) {
                i += 1;
            }
            out.push((start, i));
        }
        i += 1;
    }
    out
}

/// Checks `files` and holds every problem to the rules; `what` names the case on failure.
fn check_case(files: &BTreeMap<String, String>, what: &dyn Fn() -> String) {
    let source = ContentSource::from_memory("mutant", files.iter().map(|(k, v)| (k.clone(), v.clone())));
    let Ok((course, report)) = catch_unwind(AssertUnwindSafe(|| check(&source))) else {
        panic!("check panicked on {}", what());
    };
    assert_eq!(course.is_some(), report.valid, "{}", what());
    assert_eq!(report.valid, report.total_errors == 0, "{}", what());
    assert!(report.errors.len() <= 100 && report.errors.len() <= report.total_errors, "{}", what());
    for p in &report.errors {
        let shown = p.to_string();
        assert!(
            shown.starts_with(&format!("{}:{}:{}: ", p.file, p.line, p.column)) && !p.message.is_empty(),
            "not FILE:LINE:COL: message: {shown:?} in {}",
            what()
        );
        assert!(!shown.chars().any(is_unsafe_char), "unsafe character in {shown:?} in {}", what());
        let json = serde_json::to_value(p).unwrap();
        assert!(!json["message"].as_str().unwrap().chars().any(is_unsafe_char), "{json} in {}", what());
        // The place is real: a line of the file, a column of that line (or just past it).
        match files.get(&p.file) {
            Some(text) => {
                let lines: Vec<&str> = text.split('\n').collect();
                assert!(
                    p.line >= 1 && p.line <= lines.len(),
                    "line {} of {} lines: {shown} in {}",
                    p.line,
                    lines.len(),
                    what()
                );
                let width = lines[p.line - 1].chars().count();
                assert!(
                    p.column >= 1 && p.column <= width + 1,
                    "column {} of {width}: {shown} in {}",
                    p.column,
                    what()
                );
            }
            None => assert!(p.file.starts_with("mutant/") && (p.line, p.column) == (1, 1), "{shown} in {}", what()),
        }
    }
}

/// Runs `cases` mutants of each file matching `pick`, each checked beside `context(file)`.
fn run(salt: u64, cases: usize, pick: impl Fn(&str) -> bool, context: impl Fn(&str) -> BTreeMap<String, String>) {
    let real = real_files();
    let mut rng = seed(salt);
    let targets: Vec<&String> = real.keys().filter(|k| pick(k)).collect();
    assert!(!targets.is_empty());
    for target in targets {
        let base = context(target);
        for case in 0..cases * scale() {
            let mut files = base.clone();
            let text = files.get_mut(target.as_str()).unwrap();
            let mut done = Vec::new();
            for _ in 0..rng.random_range(1..=3) {
                done.push(mutate(&mut rng, text));
            }
            check_case(&files, &|| format!("{target}, case {case}: {}", done.join(" + ")));
        }
    }
}

/// The files named, from the real content.
fn only(names: &[&str]) -> BTreeMap<String, String> {
    let real = real_files();
    names.iter().map(|n| ((*n).to_string(), real[*n].clone())).collect()
}

/// The whole course without its written questions: every cross-reference a template or a
/// price can make is there, and a valid mutant goes on to the templates' trial run through
/// the cost engine, at a third of the full check's cost.
fn course_without_questions() -> BTreeMap<String, String> {
    let mut files = real_files();
    for (k, t) in &mut files {
        if k.starts_with("topics/")
            && let Some(i) = t.find("\n[[questions]]")
        {
            t.truncate(i + 1);
        }
    }
    files
}

#[test]
fn mutated_topic_files_never_panic_and_report_well() {
    run(1, 40, |k| k.starts_with("topics/"), |t| only(&[t, "pricing.toml"]));
}

#[test]
fn mutated_diagrams_and_art_never_panic_and_report_well() {
    let diagram_of = |art: &str| format!("diagrams/{}", art.trim_start_matches("assets/").replace(".txt", ".toml"));
    run(
        2,
        80,
        |k| k.starts_with("diagrams/"),
        |d| {
            let art = format!("assets/{}", d.trim_start_matches("diagrams/").replace(".toml", ".txt"));
            only(&[d, &art, "pricing.toml"])
        },
    );
    run(3, 60, |k| k.starts_with("assets/"), |a| only(&[a, &diagram_of(a), "pricing.toml"]));
}

#[test]
fn mutated_price_books_never_panic_and_report_well() {
    run(4, 300, |k| k == "pricing.toml", |_| only(&["pricing.toml", "topics/pricing.toml"]));
    // With the templates: a changed price goes through every generated question's sums.
    run(5, 40, |k| k == "pricing.toml", |_| course_without_questions());
}

#[test]
fn mutated_question_templates_never_panic_and_report_well() {
    run(6, 100, |k| k == "generated.toml", |_| course_without_questions());
}
