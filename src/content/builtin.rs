//! The built-in course, validated when the crate is tested and only decoded at start-up.
//!
//! Validating the embedded text was most of every command's time: 10.5 ms of a 15 ms
//! `cloudcram due` on the 2-core reference machine (4.3 ms of it the TOML reader alone, so
//! even parsing without checks would be 5x a hello-world process's 0.9 ms). The text is the
//! same at every start, so it is checked once: a test (below) validates it and keeps the
//! result, course and report, in `builtin.bin` (postcard, 350 KB for 435 KB of text), and the
//! build embeds that file beside the text. At start-up the course is decoded from it in
//! 0.5 ms, and `validate` reads only the report, in microseconds.
//!
//! A copy compiled from other text is never used: the file starts with the fingerprint of the
//! files it was compiled from, build.rs computes the fingerprint of the files it embeds, and
//! when the two differ the program validates the text as before (and build.rs warns). The test
//! fails whenever the file is not exactly what validation gives now, content or code changed,
//! and `UPDATE_BUILTIN=1 cargo test --lib builtin` writes it again.
//!
//! A content directory (`--content-dir`, `validate DIR`) is untrusted input and is always
//! validated in full.

use serde::{Deserialize, Serialize};

use super::model::{Course, QuestionKind};
use super::validate::{Counts, Report, TopicSummary};

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// How `cloudcram validate` names the built-in content (`ContentSource::embedded`'s label).
pub(crate) const LABEL: &str = "built-in content";

/// What `validate` reports, stored first so that reading it does not decode the course.
#[derive(Debug, Serialize, Deserialize)]
struct Summary {
    counts: Counts,
    topics: Vec<TopicSummary>,
    /// In the order of `QuestionKind::ALL`.
    question_kinds: Vec<usize>,
}

/// The stored bytes after the fingerprint, when they were compiled from the embedded text.
fn payload(compiled: &'static [u8], fingerprint: u64) -> Option<&'static [u8]> {
    let (head, rest) = compiled.split_at_checked(8)?;
    (u64::from_le_bytes(head.try_into().ok()?) == fingerprint).then_some(rest)
}

/// The validated built-in course, unless `builtin.bin` is stale.
pub(crate) fn course() -> Option<Course> {
    let (_, rest) = postcard::take_from_bytes::<Summary>(payload(COMPILED, FINGERPRINT)?).ok()?;
    match postcard::take_from_bytes::<Course>(rest) {
        Ok((course, [])) => Some(course),
        _ => None,
    }
}

/// `validate`'s report on the built-in content, unless `builtin.bin` is stale.
pub(crate) fn report() -> Option<Report> {
    let (summary, _) = postcard::take_from_bytes::<Summary>(payload(COMPILED, FINGERPRINT)?).ok()?;
    let kinds = QuestionKind::ALL.iter().map(|k| k.name()).zip(summary.question_kinds).collect();
    Some(Report {
        valid: true,
        counts: summary.counts,
        topics: summary.topics,
        question_kinds: kinds,
        errors: vec![],
        total_errors: 0,
    })
}

/// The bytes of `builtin.bin` for the course and report that validation gave.
#[cfg(test)]
fn compile(course: &Course, report: &Report) -> Vec<u8> {
    let summary = Summary {
        counts: report.counts.clone(),
        topics: report.topics.clone(),
        question_kinds: QuestionKind::ALL
            .iter()
            .map(|k| report.question_kinds.get(k.name()).copied().unwrap_or(0))
            .collect(),
    };
    let mut bytes = FINGERPRINT.to_le_bytes().to_vec();
    bytes.extend(postcard::to_allocvec(&(&summary, course)).expect("a course always serializes"));
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{ContentSource, check};

    /// The file this module embeds, to write it again.
    fn path() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/content/builtin.bin")
    }

    /// The first line where two long texts differ, with a little context.
    fn first_difference(old: &str, new: &str) -> String {
        let (old, new): (Vec<_>, Vec<_>) = (old.lines().collect(), new.lines().collect());
        let at = old.iter().zip(&new).position(|(a, b)| a != b).unwrap_or(old.len().min(new.len()));
        let show =
            |lines: &[&str]| lines.get(at.saturating_sub(3)..(at + 1).min(lines.len())).unwrap_or(&[]).join("\n");
        format!("line {}:\n--- stored\n{}\n--- now\n{}", at + 1, show(&old), show(&new))
    }

    #[test]
    fn the_stored_course_is_what_validating_the_embedded_text_gives() {
        let source = ContentSource::embedded();
        assert_eq!(source.label, LABEL);
        let (course, report) = check(&source);
        let Some(course) = course else {
            let problems: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
            panic!("the built-in content is not valid:\n{}", problems.join("\n"));
        };
        let fresh = compile(&course, &report);
        if fresh == COMPILED {
            return;
        }
        if std::env::var_os("UPDATE_BUILTIN").is_some() {
            std::fs::write(path(), &fresh).unwrap();
            eprintln!("wrote {} ({} bytes); build again to embed it", path().display(), fresh.len());
            return;
        }
        let stored = match payload(COMPILED, FINGERPRINT) {
            None => "compiled from other text (or missing)".to_string(),
            Some(_) => match course_from(COMPILED) {
                Some(old) => first_difference(&format!("{old:#?}"), &format!("{course:#?}")),
                None => "does not decode as a course (a model type changed)".to_string(),
            },
        };
        panic!(
            "{} is not what validating the built-in content gives now: {stored}\n\
             Run `UPDATE_BUILTIN=1 cargo test --lib builtin`, then commit the file.",
            path().display()
        );
    }

    /// The course in `bytes`, whatever fingerprint they carry.
    fn course_from(bytes: &'static [u8]) -> Option<Course> {
        let (_, rest) = postcard::take_from_bytes::<Summary>(bytes.get(8..)?).ok()?;
        postcard::from_bytes(rest).ok()
    }

    #[test]
    fn the_stored_course_and_report_decode_to_what_was_stored() {
        let course = course().expect("builtin.bin is current (see the test above)");
        let report = report().expect("builtin.bin is current");
        assert_eq!(compile(&course, &report), COMPILED);
        let (_, checked) = check(&ContentSource::embedded());
        assert_eq!(serde_json::to_value(&report).unwrap(), serde_json::to_value(&checked).unwrap());
    }

    #[test]
    fn a_copy_compiled_from_other_text_is_not_used() {
        static BYTES: [u8; 10] = [1, 0, 0, 0, 0, 0, 0, 0, 7, 7];
        assert_eq!(payload(&BYTES, 1), Some(&BYTES[8..]));
        assert_eq!(payload(&BYTES, 2), None);
        assert_eq!(payload(&BYTES[..5], 1), None);
        assert_eq!(payload(&[], FINGERPRINT), None);
    }
}
