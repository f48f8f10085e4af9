//! The curriculum: content files (embedded or from a directory), their validation, and the
//! validated model the rest of the program uses.
//!
//! Two stages, as ripgrep does with its flags: `raw` mirrors the files exactly, `validate`
//! turns them into `model` values or into a complete list of problems with positions.

pub mod decks;
pub mod model;
mod raw;
pub mod source;
pub mod validate;

use std::path::Path;

pub use model::*;
pub use source::{ContentSource, SourceError};
pub use validate::{Problem, Report, check};

#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error("{label} is not valid ({} problem{}); fix these and run `cloudcram validate` again:\n{}",
        problems.len(), if problems.len() == 1 { "" } else { "s" },
        problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid { label: String, problems: Vec<Problem> },
}

/// Loads and validates the built-in content, or the directory given.
pub fn load(dir: Option<&Path>) -> Result<Course, ContentError> {
    let source = match dir {
        Some(dir) => ContentSource::from_dir(dir)?,
        None => ContentSource::embedded(),
    };
    let (course, report) = check(&source);
    course.ok_or(ContentError::Invalid { label: source.label, problems: report.errors })
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
