//! Content as an attacker would write it: huge lines, escape sequences, absurd numbers and
//! counts. Each check must end quickly with a few clear problems, never a flood or a hang.

use super::tests::files;
use super::*;

/// The fixture with `old` replaced by `new` in `file`, checked: the report.
fn report_of(file: &str, old: &str, new: &str) -> Report {
    let mut files = files();
    let entry = files.iter_mut().find(|(k, _)| k == file).unwrap();
    assert!(entry.1.contains(old), "fixture lacks {old:?}");
    entry.1 = entry.1.replacen(old, new, 1);
    check(&ContentSource::from_memory("test", files)).1
}

const T: &str = "topics/alpha.toml";

#[test]
fn a_megabyte_of_escape_sequences_in_one_field_is_one_problem() {
    // Written as TOML escapes, so the file parses and the field holds real ESC characters.
    let line = r"\u001b]52;c;aGk=\u0007\u001b[2J".repeat(30_000);
    assert!(line.len() > 900_000);
    let report = report_of(T, "title = \"First lesson\"", &format!("title = \"{line}\""));
    assert_eq!(report.total_errors, 1, "{:?}", report.errors);
    assert!(report.errors[0].message.starts_with("lesson title contains the control character U+001B"));
}

#[test]
fn a_megabyte_of_raw_control_characters_on_one_line_is_one_problem() {
    let line = "\x1b[2J\x07\u{9b}".repeat(140_000);
    let report = report_of(T, "title = \"First lesson\"", &format!("title = \"{line}\""));
    assert_eq!(report.total_errors, 1, "{:?}", report.errors);
    assert!(report.errors[0].message.contains("more on this line"), "{:?}", report.errors[0]);
}

#[test]
fn many_fields_on_one_long_line_are_one_problem_each() {
    // 20,000 tags on one line, each of them wrong: one problem per tag, located in one pass.
    let tags = vec!["\"Bad_Tag\""; 20_000].join(", ");
    let report = report_of(T, "difficulty = \"easy\"", &format!("difficulty = \"easy\"\ntags = [{tags}]"));
    assert_eq!(report.total_errors, 20_000);
    assert_eq!(report.errors.len(), MAX_PROBLEMS_SHOWN);
    let last = &report.errors[MAX_PROBLEMS_SHOWN - 1];
    assert_eq!(last.column, 9 + 11 * (MAX_PROBLEMS_SHOWN - 1), "{last:?}");
}

#[test]
fn only_the_first_problems_are_listed_and_all_are_counted() {
    let bad = "[[questions]]\nid = \"x\"\n".repeat(500);
    let mut files = files();
    files.push(("topics/beta.toml".into(), bad));
    let report = check(&ContentSource::from_memory("test", files)).1;
    assert!(report.total_errors > MAX_PROBLEMS_SHOWN, "{}", report.total_errors);
    assert_eq!(report.errors.len(), MAX_PROBLEMS_SHOWN);
    let shown = crate::report::problem_lines(&report.errors, report.total_errors);
    let more = report.total_errors - MAX_PROBLEMS_SHOWN;
    assert!(shown.ends_with(&format!("\n... and {} more problems", crate::fmt::num(more as f64))), "{shown}");
    assert_eq!(shown.lines().count(), MAX_PROBLEMS_SHOWN + 1);
}
