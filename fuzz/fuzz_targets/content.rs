//! Any bytes as a content file, through the whole validator: as a topic file and as the
//! price book of the minimal fixture course, and, when they hold `[[templates]]` or
//! `[[mistakes]]`, as the question templates of the built-in course without its written
//! questions (the templates' trial runs the cost engine on whatever numbers get through; the
//! whole course costs milliseconds, so only inputs that look like templates pay for it).
//!
//! Beyond "no panic", every problem must be `FILE:LINE:COL: message` at a real place in its
//! file, with no control or bidi character in what would be printed.

#![no_main]

use cloudcram::content::source::FileText;
use cloudcram::content::{ContentSource, check};
use cloudcram::fmt::is_unsafe_char;
use libfuzzer_sys::fuzz_target;

const FIXTURE: [(&str, &str); 4] = [
    ("topics/alpha.toml", include_str!("../../tests/fixtures/valid-min/topics/alpha.toml")),
    ("diagrams/flow.toml", include_str!("../../tests/fixtures/valid-min/diagrams/flow.toml")),
    ("assets/flow.txt", include_str!("../../tests/fixtures/valid-min/assets/flow.txt")),
    ("pricing.toml", include_str!("../../tests/fixtures/valid-min/pricing.toml")),
];

fn check_well_formed(source: &ContentSource) {
    let (course, report) = check(source);
    assert_eq!(course.is_some(), report.valid);
    assert!(report.errors.len() <= report.total_errors);
    for p in &report.errors {
        let shown = p.to_string();
        assert!(shown.starts_with(&format!("{}:{}:{}: ", p.file, p.line, p.column)), "{shown:?}");
        assert!(!shown.chars().any(is_unsafe_char), "{shown:?}");
        if let Some(FileText::Text(text)) = source.text(&p.file) {
            let lines: Vec<&str> = text.split('\n').collect();
            assert!(p.line >= 1 && p.line <= lines.len(), "{shown:?}");
            assert!(p.column >= 1 && p.column <= lines[p.line - 1].chars().count() + 1, "{shown:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    // The directory loader refuses text that is not UTF-8; the rest of it is what matters.
    let text = String::from_utf8_lossy(data).into_owned();
    for key in ["topics/alpha.toml", "pricing.toml"] {
        let files = FIXTURE.map(|(k, v)| (k.to_string(), if k == key { text.clone() } else { v.to_string() }));
        check_well_formed(&ContentSource::from_memory("fuzz", files));
    }
    if text.contains("[[templates]]") || text.contains("[[mistakes]]") {
        let mut course = course_without_questions().clone();
        if let Some(file) = course.files.get_mut("generated.toml") {
            file.text = FileText::Text(text);
        }
        check_well_formed(&course);
    }
});

/// The built-in course with its topics cut before their first `[[questions]]`.
fn course_without_questions() -> &'static ContentSource {
    static COURSE: std::sync::OnceLock<ContentSource> = std::sync::OnceLock::new();
    COURSE.get_or_init(|| {
        let mut course = ContentSource::embedded();
        for (key, file) in &mut course.files {
            if let FileText::Text(t) = &mut file.text
                && key.starts_with("topics/")
                && let Some(i) = t.find("\n[[questions]]")
            {
                t.truncate(i + 1);
            }
        }
        course
    })
}
