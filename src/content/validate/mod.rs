//! Raw content -> validated `Course`, or the complete list of problems.
//!
//! Every file is read, every entry checked, and every problem reported with its position,
//! so an author fixes a whole batch per run. Entries are deserialized one at a time (each
//! lesson, question, region, pricing table) so that one broken entry hides nothing else.
//!
//! This module reads the files and runs the checks in order; what each kind of entry must
//! satisfy lives beside it (`topics`, `lessons`, `questions`, `diagrams`, `pricing`), and
//! the field rules they all use in `fields`.

mod diagrams;
mod fields;
mod generated;
mod lessons;
mod pricing;
mod questions;
mod topics;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::model::{Course, QuestionKind};
use super::raw;
use super::source::{ContentSource, FileText, MAX_FILE_BYTES};
pub use crate::report::Problem;
use crate::report::{MAX_PROBLEMS_SHOWN, Reporter, SourceText};
pub use diagrams::{MAX_ART_HEIGHT, MAX_ART_WIDTH};
pub use fields::{bad_char, is_kebab};

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Counts {
    pub topics: usize,
    pub lessons: usize,
    pub questions: usize,
    pub diagrams: usize,
    /// Templates of generated questions (`generated.toml`).
    pub templates: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TopicSummary {
    pub id: String,
    pub title: String,
    pub lessons: usize,
    pub questions: usize,
    pub diagrams: usize,
}

/// What `cloudcram validate` prints (the JSON shape of INTERFACE.md).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub valid: bool,
    pub counts: Counts,
    pub topics: Vec<TopicSummary>,
    pub question_kinds: BTreeMap<&'static str, usize>,
    /// The first [`MAX_PROBLEMS_SHOWN`] problems, in file and position order.
    pub errors: Vec<Problem>,
    /// How many problems there are in all; more than `errors` holds when some were left out.
    pub total_errors: usize,
}

/// A topic file's entries that deserialized, and how many it had in all (for the counts).
struct TopicFile {
    file: usize,
    stem: String,
    header: Option<raw::TopicHeader>,
    lessons: Vec<raw::Lesson>,
    questions: Vec<raw::Question>,
    raw_lessons: usize,
    raw_questions: usize,
}

struct DiagramFile {
    file: usize,
    header: Option<raw::DiagramHeader>,
    regions: Vec<raw::Region>,
    steps: Vec<raw::Step>,
}

/// What cross-references may point at, and which names cannot be checked because their
/// file is broken (so one syntax error does not cascade into a hundred "unknown id"s).
struct Known<'a> {
    diagrams: &'a BTreeSet<String>,
    broken_topics: &'a BTreeSet<String>,
    declared_diagrams: &'a BTreeSet<String>,
}

/// Checks a whole content source. Returns the course when there is no problem at all.
pub fn check(source: &ContentSource) -> (Option<Course>, Report) {
    let mut c = Reporter::default();
    let mut files: Vec<SourceText<'_>> = Vec::new();
    let mut file_of: HashMap<String, usize> = HashMap::new();

    for (key, file) in &source.files {
        match &file.text {
            FileText::Text(text) => {
                file_of.insert(key.clone(), files.len());
                files.push(SourceText::new(&file.display, text));
            }
            FileText::TooLarge(n) => c.whole(
                &file.display,
                format!("file is {n} bytes; content files may be at most {MAX_FILE_BYTES} bytes (1 MiB): split it"),
            ),
            FileText::NotUtf8 => c.whole(&file.display, "file is not UTF-8 text; save it as UTF-8"),
            FileText::Unreadable(e) => c.whole(&file.display, format!("cannot read file: {e}")),
            FileText::Refused(why) => c.whole(&file.display, why.clone()),
            FileText::Skipped => {}
            FileText::Outside => {
                c.whole(
                    &file.display,
                    "this link leads outside the content directory; replace it with the file itself",
                );
            }
        }
    }

    // Parse every topic and diagram file; keep what deserializes.
    let mut broken_topics: BTreeSet<String> = BTreeSet::new();
    let mut topic_files = Vec::new();
    let (mut lessons_so_far, mut questions_so_far) = (0, 0);
    for key in source.keys_under("topics/") {
        let stem = key["topics/".len()..].trim_end_matches(".toml").to_string();
        let Some(&fi) = file_of.get(key) else {
            broken_topics.insert(stem);
            continue;
        };
        let f = &files[fi];
        let Some(mut doc) = c.parse(f) else {
            broken_topics.insert(stem);
            continue;
        };
        let lesson_values = c.take_array(f, doc.get_mut(), "lessons");
        let question_values = c.take_array(f, doc.get_mut(), "questions");
        let header = c.de_table::<raw::TopicHeader>(f, doc);
        let (raw_lessons, raw_questions) = (lesson_values.len(), question_values.len());
        // Counted before any entry is read: past the course's limits nothing more is built.
        let lesson_values = within(&mut c, f, lesson_values, &mut lessons_so_far, MAX_LESSONS, "lessons");
        let question_values = within(&mut c, f, question_values, &mut questions_so_far, MAX_QUESTIONS, "questions");
        let lessons = lesson_values.into_iter().filter_map(|v| c.de::<raw::Lesson>(f, v)).collect();
        let questions = question_values.into_iter().filter_map(|v| c.de::<raw::Question>(f, v)).collect();
        topic_files.push(TopicFile { file: fi, stem, header, lessons, questions, raw_lessons, raw_questions });
    }
    // A lesson may name any diagram that has a file, valid or not: the file's own problems
    // are reported where they are, not again at every lesson that shows it.
    let declared_diagrams: BTreeSet<String> =
        source.keys_under("diagrams/").map(|k| k["diagrams/".len()..].trim_end_matches(".toml").to_string()).collect();
    let mut diagram_files = Vec::new();
    for key in source.keys_under("diagrams/") {
        let Some(&fi) = file_of.get(key) else { continue };
        let f = &files[fi];
        let Some(mut doc) = c.parse(f) else { continue };
        let region_values = c.take_array(f, doc.get_mut(), "regions");
        let region_values = within(&mut c, f, region_values, &mut 0, MAX_REGIONS, "regions in one diagram");
        let step_values = c.take_array(f, doc.get_mut(), "steps");
        let step_values = within(&mut c, f, step_values, &mut 0, MAX_STEPS, "steps in one diagram");
        let header = c.de_table::<raw::DiagramHeader>(f, doc);
        let regions = region_values.into_iter().filter_map(|v| c.de::<raw::Region>(f, v)).collect();
        let steps = step_values.into_iter().filter_map(|v| c.de::<raw::Step>(f, v)).collect();
        diagram_files.push(DiagramFile { file: fi, header, regions, steps });
    }

    let pricing = match file_of.get("pricing.toml") {
        Some(&fi) => pricing::check(&mut c, &files[fi]),
        None => {
            if !source.files.contains_key("pricing.toml") {
                c.whole(
                    &format!("{}/pricing.toml", source.label),
                    "missing: a content directory needs pricing.toml (see content/README.md)",
                );
            }
            None
        }
    };
    if topic_files.is_empty() && broken_topics.is_empty() {
        c.whole(
            &format!("{}/topics", source.label),
            "no topics: a content directory needs at least one topics/<id>.toml",
        );
    }

    let diagrams = diagrams::check(&mut c, &files, &file_of, source, diagram_files);
    let known_diagrams: BTreeSet<String> = diagrams.iter().map(|d| d.id.clone()).collect();

    let mut report = Report {
        valid: false,
        counts: Counts {
            topics: topic_files.len() + broken_topics.len(),
            lessons: topic_files.iter().map(|t| t.raw_lessons).sum(),
            questions: topic_files.iter().map(|t| t.raw_questions).sum(),
            diagrams: source.keys_under("diagrams/").count(),
            templates: 0,
        },
        topics: Vec::new(),
        question_kinds: QuestionKind::ALL.iter().map(|k| (k.name(), 0)).collect(),
        errors: Vec::new(),
        total_errors: 0,
    };
    let topics = topics::check(
        &mut c,
        &files,
        topic_files,
        &Known { diagrams: &known_diagrams, broken_topics: &broken_topics, declared_diagrams: &declared_diagrams },
        &mut report,
    );

    let question_ids: BTreeSet<String> = topics.iter().flat_map(|t| t.questions.iter().map(|q| q.id.clone())).collect();
    let generated = match file_of.get(GENERATED) {
        Some(&fi) => generated::check(&mut c, &files[fi], pricing.as_ref(), &topics, &question_ids).map(|g| (fi, g)),
        None => Some((usize::MAX, generated::Generated::default())),
    };
    report.counts.templates = generated.as_ref().map_or(0, |(_, g)| g.templates.len());

    let mut course = match (c.is_empty(), pricing, generated) {
        (true, Some(pricing), Some((fi, g))) => {
            let templates: Vec<_> = g.templates.iter().map(|(t, _)| t.clone()).collect();
            let course = Course { topics, diagrams, pricing, templates, mistakes: g.mistakes };
            for (t, span) in &g.templates {
                generated::trial(&mut c, &files[fi], &course, span, t);
            }
            Some(course)
        }
        _ => None,
    };
    let mut problems = c.take();
    problems.sort();
    problems.dedup();
    report.valid = problems.is_empty();
    report.total_errors = problems.len();
    problems.truncate(MAX_PROBLEMS_SHOWN);
    report.errors = problems;
    if !report.valid {
        course = None;
    }
    // Each template is one card, filed in its topic beside the written questions.
    if let Some(course) = &mut course {
        let cards: Vec<_> = course.templates.iter().map(|t| t.card(course)).collect();
        for card in cards {
            if let Some(topic) = course.topics.iter_mut().find(|t| t.id == card.topic) {
                topic.questions.push(card);
            }
        }
    }
    (course, report)
}

/// The most questions a course may have (the shipped one has under 300).
pub const MAX_QUESTIONS: usize = 20_000;
/// The most lessons a course may have.
pub const MAX_LESSONS: usize = 5_000;
/// The most regions, and steps, of one diagram: its art is at most 30 lines of 76 columns.
pub const MAX_REGIONS: usize = 100;
pub const MAX_STEPS: usize = 100;

/// The entries that fit under a limit counted over many files (`so_far` of `cap`); past it
/// one problem, at the first entry over, and the rest dropped unread.
fn within<'t>(
    c: &mut Reporter,
    f: &SourceText<'_>,
    mut values: Vec<toml::Spanned<toml::de::DeValue<'t>>>,
    so_far: &mut usize,
    cap: usize,
    what: &str,
) -> Vec<toml::Spanned<toml::de::DeValue<'t>>> {
    let room = cap.saturating_sub(*so_far);
    let first_time = *so_far <= cap;
    *so_far = so_far.saturating_add(values.len());
    if values.len() > room {
        if first_time {
            let limit = crate::fmt::num(cap as f64);
            c.at(
                f,
                &values[room].span(),
                format!("more than {limit} {what}; at most {limit} are allowed, and the rest are not read"),
            );
        }
        values.truncate(room);
    }
    values
}

/// The templates of generated questions, beside the topics.
pub const GENERATED: &str = "generated.toml";

// The rule tests read the model through `use super::*`, as they did before the checks
// moved into their own modules.
#[cfg(test)]
use super::model::{QuestionBody, Region};
#[cfg(test)]
mod tests;
#[cfg(test)]
mod untrusted_tests;
