//! Content as an attacker would write it: huge lines, escape sequences, absurd numbers and
//! counts. Each check must end quickly with a few clear problems, never a flood or a hang.

use std::fmt::Write as _;

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

const P: &str = "pricing.toml";
const HALF_VCPU: &str = "{ vcpu = 0.5, memory_gb = { min = 1, max = 4, step = 1 } }";

/// The messages of a report, one string each.
fn messages(report: &Report) -> Vec<String> {
    report.errors.iter().map(ToString::to_string).collect()
}

#[test]
fn a_memory_range_never_becomes_an_absurd_list() {
    for (range, expected) in [
        ("{ min = 1, max = inf, step = 1 }", "memory_gb range: inf is not a number a course can use"),
        (
            "{ min = 1, max = 1e15, step = 1 }",
            "memory_gb gives 1,000,000,000,000,000 sizes; at most 1,000 sizes per vCPU",
        ),
        ("{ min = 1, max = 1e8, step = 1 }", "memory_gb gives 100,000,000 sizes; at most 1,000 sizes per vCPU"),
        (
            "{ min = 1, max = 1e16, step = 1 }",
            "memory_gb range: 1e16 is out of range; numbers in content are zero or between 1e-12 and 1e15",
        ),
        ("{ min = 1, max = 4, step = 0 }", "memory_gb range needs 0 < min <= max and step > 0"),
        ("{ min = 1, max = 4, step = -1 }", "memory_gb range needs 0 < min <= max and step > 0"),
        ("{ min = 1, max = 4, step = nan }", "memory_gb range: NaN is not a number a course can use"),
        ("{ min = 1, max = 4, step = 1e-300 }", "memory_gb range: 1e-300 is out of range"),
        ("{ min = 1, max = 1001, step = 1 }", "memory_gb gives 1,001 sizes; at most 1,000 sizes per vCPU are allowed"),
        ("[1, inf]", "memory_gb: inf is not a number a course can use"),
    ] {
        let report = report_of(P, HALF_VCPU, &format!("{{ vcpu = 0.5, memory_gb = {range} }}"));
        let m = messages(&report);
        assert_eq!(m.len(), 1, "{range}: {m:#?}");
        assert!(m[0].starts_with("pricing.toml:41:29: ") && m[0].contains(expected), "{range}: {m:?}");
    }
    // Up to the cap a range is fine, and the sizes are those of the range.
    let (course, report) = {
        let mut files = files();
        let p = files.iter_mut().find(|(k, _)| k == P).unwrap();
        p.1 = p.1.replacen(HALF_VCPU, "{ vcpu = 0.5, memory_gb = { min = 1, max = 1000, step = 1 } }", 1);
        check(&ContentSource::from_memory("test", files))
    };
    assert!(report.valid, "{:?}", report.errors);
    let course = course.unwrap();
    let sizes = crate::pricing::fargate::memory_choices(&course.pricing.fargate, 0.5).unwrap();
    assert_eq!((sizes.len(), sizes[0], sizes[999]), (1000, 1.0, 1000.0));
}

#[test]
fn a_list_of_a_thousand_and_one_memory_sizes_is_refused() {
    let list: Vec<String> = (1..=1001).map(|i| i.to_string()).collect();
    let report = report_of(P, HALF_VCPU, &format!("{{ vcpu = 0.5, memory_gb = [{}] }}", list.join(", ")));
    let m = messages(&report);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("memory_gb gives 1,001 sizes; at most 1,000"), "{m:?}");
}

#[test]
fn non_finite_and_absurd_rates_are_refused_at_their_place() {
    for (value, expected) in [
        ("inf", "request_per_million must be a positive number, not inf"),
        ("nan", "request_per_million must be a positive number, not NaN"),
        ("1e300", "request_per_million: 1e300 is out of range"),
        ("1e-300", "request_per_million: 1e-300 is out of range"),
    ] {
        let report = report_of(P, "request_per_million = 0.20", &format!("request_per_million = {value}"));
        let m = messages(&report);
        assert_eq!(m.len(), 1, "{value}: {m:?}");
        assert!(m[0].starts_with("pricing.toml:11:23: ") && m[0].contains(expected), "{value}: {m:?}");
    }
    let report = report_of(P, "{ up_to = 6_000_000_000,", "{ up_to = 6e20,");
    assert!(messages(&report).iter().any(|m| m.contains("up_to: 6e20 is out of range")), "{:?}", report.errors);
    let report = report_of(P, "free_requests = 1_000_000", "free_requests = inf");
    assert!(messages(&report)[0].contains("free_requests must be zero or more, not inf"), "{:?}", report.errors);
}

#[test]
fn absurd_numeric_answers_and_tolerances_are_refused() {
    let numeric = |answer: &str, tolerance: &str| {
        let report = report_of(T, "answer = 1000", &format!("answer = {answer}"));
        let mut m = messages(&report);
        let report = report_of(T, "tolerance = 0", &format!("tolerance = {tolerance}"));
        m.extend(messages(&report));
        m
    };
    for (answer, tolerance, expected) in [
        ("inf", "1e300", ["answer: inf is not a number", "tolerance: 1e300 is out of range"]),
        (
            "9_223_372_036_854_775_807",
            "nan",
            ["answer: 9.223372036854776e18 is out of range", "tolerance must be a number of 0 or more"],
        ),
        ("-1e16", "-inf", ["answer: -1e16 is out of range", "tolerance must be a number of 0 or more"]),
    ] {
        let m = numeric(answer, tolerance);
        assert_eq!(m.len(), 2, "{m:?}");
        for (m, e) in m.iter().zip(expected) {
            assert!(m.contains(e), "{m:?} lacks {e:?}");
        }
    }
}

/// The built-in content with `old` replaced by `new` in `file`, checked: the messages.
fn built_in_with(file: &str, old: &str, new: &str) -> Vec<String> {
    let mut source = ContentSource::embedded();
    let entry = source.files.get_mut(file).unwrap();
    let FileText::Text(text) = &mut entry.text else { panic!("{file} is text") };
    assert!(text.contains(old), "{file} lacks {old:?}");
    *text = text.replacen(old, new, 1);
    messages(&check(&source).1)
}

const G: &str = GENERATED;
const MEMORY_MB: &str = "memory_mb = { values = [128, 256, 512, 1024, 1536, 2048, 3072] }";

#[test]
fn absurd_template_inputs_and_tolerances_are_refused() {
    for (input, expected) in [
        ("memory_mb = { values = [128, 1e300] }", "input `memory_mb`: 1e300 is out of range"),
        ("memory_mb = { values = [128, nan] }", "input `memory_mb`: NaN is not a number"),
        ("memory_mb = { from = 128, to = inf, step = 1 }", "input `memory_mb`: inf is not a number"),
        ("memory_mb = { from = 128, to = 1e15, step = 1 }", "the range has more than 100,000 values"),
        ("memory_mb = { from = 128, to = 1024, step = -1 }", "the range needs from <= to and a step above zero"),
        ("memory_mb = { from = 128, to = 1024, step = 1e-200 }", "input `memory_mb`: 1e-200 is out of range"),
    ] {
        let m = built_in_with(G, MEMORY_MB, input);
        assert_eq!(m.len(), 1, "{input}: {m:#?}");
        assert!(m[0].starts_with("generated.toml:") && m[0].contains(expected), "{input}: {m:?}");
    }
    let m = built_in_with(G, "tolerance = 0.01", "tolerance = 1e300");
    assert!(
        m.len() == 1 && m[0].contains("the tolerance must be above zero (a percentage at most 20): 1e300"),
        "{m:?}"
    );
}

#[test]
fn the_values_of_all_templates_are_bounded_together() {
    // Each range alone is within the cap of one input; three of them are not.
    let wide = "memory_mb = { from = 128, to = 10240, step = 0.1 }";
    let m = built_in_with(G, MEMORY_MB, wide);
    assert!(m.iter().all(|m| !m.contains("in all")), "one wide range is checked on its own: {m:?}");
    let mut source = ContentSource::embedded();
    let FileText::Text(text) = &mut source.files.get_mut(G).unwrap().text else { unreachable!() };
    *text = text.replace("memory_mb = { values = [128, 256, 512, 1024, 2048] }", wide);
    *text = text.replacen(MEMORY_MB, wide, 1);
    let m = messages(&check(&source).1);
    assert!(m.iter().any(|m| m.contains("the templates' inputs take more than 200,000 values in all")), "{m:#?}");
}

#[test]
fn more_templates_than_the_cap_are_refused_untried() {
    let mut source = ContentSource::embedded();
    let FileText::Text(text) = &mut source.files.get_mut(G).unwrap().text else { unreachable!() };
    let first = text.find("[[templates]]").unwrap();
    let second = first + 1 + text[first + 1..].find("[[templates]]").unwrap();
    let one = text[first..second].to_string();
    text.push('\n');
    for _ in 0..=generated::MAX_TEMPLATES {
        text.push_str(&one);
    }
    let m = messages(&check(&source).1);
    assert_eq!(m.len(), 1, "{m:#?}");
    assert!(m[0].contains(&format!("templates; at most {} are allowed", generated::MAX_TEMPLATES)), "{m:?}");
}

/// A topic file `topics/t{n}.toml` with `count` valid single-choice questions.
fn topic_with_questions(n: usize, count: usize) -> (String, String) {
    let mut text = format!("id = \"t{n}\"\ntitle = \"T\"\nsummary = \"S.\"\norder = {}\ntask = \"3.3\"\n", n + 10);
    for i in 0..count {
        let _ = write!(
            text,
            "[[questions]]\nid = \"t{n}.q{i}\"\nkind = \"single\"\nlesson = \"alpha.first\"\ntask = \"3.3\"\n\
             difficulty = \"easy\"\nprompt = \"P?\"\nexplanation = \"E.\"\nreference = \"https://docs.aws.amazon.com/\"\n\
             answer = \"a\"\noptions = [\
             {{ id = \"a\", text = \"A\", why = \"W.\" }}, {{ id = \"b\", text = \"B\", why = \"W.\" }}]\n"
        );
    }
    (format!("topics/t{n}.toml"), text)
}

#[test]
fn questions_past_the_course_cap_are_refused_unread() {
    // 21 files of 1,000 beside the fixture's 6: in key order (alpha, t0, t1, t10, ...) the cap
    // is crossed in t8, at its 995th question (11 lines each), and reported there once.
    let mut files = files();
    files.extend((0..21).map(|n| topic_with_questions(n, 1_000)));
    let report = check(&ContentSource::from_memory("test", files)).1;
    let m = messages(&report);
    assert_eq!(m.len(), 1, "{m:#?}");
    assert!(
        m[0].starts_with("topics/t8.toml:10940:1: ")
            && m[0].contains("more than 20,000 questions; at most 20,000 are allowed, and the rest are not read"),
        "{m:?}"
    );
    assert_eq!(report.counts.questions, 21_000 + 6, "all are counted");
}

#[test]
fn regions_and_steps_past_a_diagrams_cap_are_refused() {
    let mut files = files();
    let d = files.iter_mut().find(|(k, _)| k == "diagrams/flow.toml").unwrap();
    for i in 0..=MAX_REGIONS {
        let _ = write!(d.1, "\n[[regions]]\nid = \"r{i}\"\nlines = [1, 1]\ncols = [1, 1]\n");
        d.1.push_str("\n[[steps]]\nhighlight = [\"left\"]\ncaption = \"C.\"\n");
    }
    let m = messages(&check(&ContentSource::from_memory("test", files)).1);
    assert_eq!(m.len(), 2, "{m:#?}");
    assert!(m[0].contains("more than 100 regions in one diagram"), "{m:?}");
    assert!(m[1].contains("more than 100 steps in one diagram"), "{m:?}");
}
