//! The curriculum: content files (embedded or from a directory), their validation, and the
//! validated model the rest of the program uses.
//!
//! Two stages, as ripgrep does with its flags: `raw` mirrors the files exactly, `validate`
//! turns them into `model` values or into a complete list of problems with positions.

mod builtin;
pub mod decks;
pub mod model;
mod raw;
pub mod source;
pub mod validate;

use std::path::Path;

pub use crate::report::{MAX_PROBLEMS_SHOWN, problem_lines};
pub use model::*;
pub use source::{ContentSource, SourceError};
pub use validate::{Problem, Report, check};

#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error(transparent)]
    Source(#[from] SourceError),
    /// The first [`crate::report::MAX_PROBLEMS_SHOWN`] problems, and how many there are in all.
    #[error("{} is not valid ({}); fix these and run `cloudcram validate` again:\n{}",
        crate::fmt::escape(label), crate::fmt::plural(*total, "problem"), crate::report::problem_lines(problems, *total))]
    Invalid { label: String, problems: Vec<Problem>, total: usize },
}

/// Loads and validates the directory given, or loads the built-in content (validated when
/// the crate was tested: see `builtin`).
pub fn load(dir: Option<&Path>) -> Result<Course, ContentError> {
    if dir.is_none()
        && let Some(course) = builtin::course()
    {
        return Ok(course);
    }
    let source = match dir {
        Some(dir) => ContentSource::from_dir(dir)?,
        None => ContentSource::embedded(),
    };
    let (course, report) = check(&source);
    course.ok_or(ContentError::Invalid { label: source.label, problems: report.errors, total: report.total_errors })
}

/// What `cloudcram validate` reports on the directory given or on the built-in content, and
/// the name it gives the content.
pub fn validate(dir: Option<&Path>) -> Result<(String, Report), SourceError> {
    if dir.is_none()
        && let Some(report) = builtin::report()
    {
        return Ok((builtin::LABEL.to_string(), report));
    }
    let source = match dir {
        // A deck directory borrows the built-in price book, as it does when it is loaded.
        Some(dir) => decks::source_for_validate(dir)?,
        None => ContentSource::embedded(),
    };
    let (_, report) = check(&source);
    Ok((source.label, report))
}

/// The minimal fixture course (tests/fixtures/valid-min), for unit tests that need content
/// that does not change when the curriculum does.
#[cfg(test)]
pub(crate) fn fixture_course() -> Course {
    let files = [
        ("topics/alpha.toml", include_str!("../../tests/fixtures/valid-min/topics/alpha.toml")),
        ("diagrams/flow.toml", include_str!("../../tests/fixtures/valid-min/diagrams/flow.toml")),
        ("assets/flow.txt", include_str!("../../tests/fixtures/valid-min/assets/flow.txt")),
        ("pricing.toml", include_str!("../../tests/fixtures/valid-min/pricing.toml")),
    ];
    let source = ContentSource::from_memory("fixture", files.map(|(k, v)| (k.to_string(), v.to_string())));
    check(&source).0.expect("fixture is valid")
}
