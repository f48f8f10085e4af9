//! Raw content -> validated `Course`, or the complete list of problems.
//!
//! Every file is read, every entry checked, and every problem reported with its position,
//! so an author fixes a whole batch per run. Entries are deserialized one at a time (each
//! lesson, question, region, pricing table) so that one broken entry hides nothing else.

mod pricing;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use serde::Serialize;
use toml::Spanned;

use super::model::{
    Choice, Course, Diagram, Difficulty, ExamTask, Lesson, Question, QuestionBody, QuestionKind, Region, Source, Step,
    Topic,
};
use super::raw;
use super::source::{ContentSource, FileText, MAX_FILE_BYTES};
pub use crate::report::Problem;
use crate::report::{Reporter, SourceText, comma_list, did_you_mean};

/// Art must fit beside or under a lesson on an ordinary terminal.
pub const MAX_ART_WIDTH: usize = 76;
pub const MAX_ART_HEIGHT: usize = 30;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub topics: usize,
    pub lessons: usize,
    pub questions: usize,
    pub diagrams: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
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
    pub errors: Vec<Problem>,
}

/// A text field: not blank, no control characters, tabs or bidi overrides; single-line
/// unless `multiline`.
fn text(c: &mut Reporter, f: &SourceText<'_>, value: &Spanned<String>, what: &str, multiline: bool) -> bool {
    let s = value.get_ref();
    if s.trim().is_empty() {
        c.at(f, &value.span(), format!("{what} is empty; write it out"));
        return false;
    }
    if let Some(problem) = bad_char(s, multiline) {
        c.at(f, &value.span(), format!("{what} contains {problem}"));
        return false;
    }
    true
}

fn url(c: &mut Reporter, f: &SourceText<'_>, value: &Spanned<String>) {
    let s = value.get_ref();
    let ok = s.strip_prefix("https://").is_some_and(|rest| !rest.is_empty())
        && !s.chars().any(|ch| ch.is_whitespace() || ch.is_control());
    if !ok {
        c.at(f, &value.span(), format!("source url `{s}` must be an https:// address with no spaces"));
    }
}

/// Describes the first character that would corrupt a terminal, if any.
pub fn bad_char(s: &str, multiline: bool) -> Option<String> {
    s.chars().find_map(|c| match c {
        '\n' if multiline => None,
        '\n' => Some("a line break; keep it on one line".to_string()),
        '\t' => Some("a tab; use spaces".to_string()),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            Some(format!("the bidirectional control U+{:04X}; remove it", c as u32))
        }
        c if c.is_control() => Some(format!("the control character U+{:04X}; remove it", c as u32)),
        _ => None,
    })
}

pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

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
        let step_values = c.take_array(f, doc.get_mut(), "steps");
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

    let diagrams = check_diagrams(&mut c, &files, &file_of, source, diagram_files);
    let known_diagrams: BTreeSet<String> = diagrams.iter().map(|d| d.id.clone()).collect();

    let mut report = Report {
        valid: false,
        counts: Counts {
            topics: topic_files.len() + broken_topics.len(),
            lessons: topic_files.iter().map(|t| t.raw_lessons).sum(),
            questions: topic_files.iter().map(|t| t.raw_questions).sum(),
            diagrams: source.keys_under("diagrams/").count(),
        },
        topics: Vec::new(),
        question_kinds: QuestionKind::ALL.iter().map(|k| (k.name(), 0)).collect(),
        errors: Vec::new(),
    };
    let topics = check_topics(
        &mut c,
        &files,
        topic_files,
        &Known { diagrams: &known_diagrams, broken_topics: &broken_topics, declared_diagrams: &declared_diagrams },
        &mut report,
    );

    let mut problems = c.take();
    problems.sort();
    problems.dedup();
    report.valid = problems.is_empty();
    report.errors = problems;
    let course = match (report.valid, pricing) {
        (true, Some(pricing)) => Some(Course { topics, diagrams, pricing }),
        _ => None,
    };
    (course, report)
}

/// What cross-references may point at, and which names cannot be checked because their
/// file is broken (so one syntax error does not cascade into a hundred "unknown id"s).
struct Known<'a> {
    diagrams: &'a BTreeSet<String>,
    broken_topics: &'a BTreeSet<String>,
    declared_diagrams: &'a BTreeSet<String>,
}

fn check_topics(
    c: &mut Reporter,
    files: &[SourceText<'_>],
    topic_files: Vec<TopicFile>,
    known: &Known,
    report: &mut Report,
) -> Vec<Topic> {
    let mut topic_ids: HashMap<String, String> = HashMap::new();
    let mut orders: HashMap<u32, String> = HashMap::new();
    let mut lesson_ids: HashMap<String, String> = HashMap::new();
    let mut question_ids: HashMap<String, String> = HashMap::new();
    let mut topics = Vec::new();
    let mut pending_questions = Vec::new();

    for tf in topic_files {
        let f = &files[tf.file];
        let here = |span: &Range<usize>| f.place(span);
        // The topic's id: as declared if valid, else the file's name, so lesson and question
        // prefixes are still checked against something sensible.
        let mut topic = Topic {
            id: tf.stem.clone(),
            title: String::new(),
            summary: String::new(),
            order: 0,
            task: ExamTask { domain: 3, task: 3 },
            lessons: Vec::new(),
            questions: Vec::new(),
        };
        if let Some(h) = &tf.header {
            let id = h.id.get_ref();
            if !is_kebab(id) {
                c.at(f, &h.id.span(), format!("topic id `{id}` must be lowercase kebab case, like `api-gateway`"));
            } else if *id != tf.stem {
                c.at(f, &h.id.span(), format!("topic id `{id}` must match its file name: rename the file to topics/{id}.toml or the id to `{}`", tf.stem));
            } else if let Some(first) = topic_ids.get(id) {
                c.at(f, &h.id.span(), format!("duplicate topic id `{id}` (first at {first})"));
            } else {
                topic_ids.insert(id.clone(), here(&h.id.span()));
            }
            text(c, f, &h.title, "title", false);
            text(c, f, &h.summary, "summary", true);
            let order = *h.order.get_ref();
            if let Some(first) = orders.get(&order) {
                c.at(
                    f,
                    &h.order.span(),
                    format!("order {order} is already used by topic `{first}`; give each topic its own position"),
                );
            } else {
                orders.insert(order, id.clone());
            }
            match ExamTask::parse(h.task.get_ref()) {
                Some(task) => topic.task = task,
                None => bad_task(c, f, &h.task),
            }
            topic.title.clone_from(h.title.get_ref());
            topic.summary.clone_from(h.summary.get_ref());
            topic.order = order;
        }

        let mut topic_diagrams = BTreeSet::new();
        for l in tf.lessons {
            let id_ok = check_item_id(c, f, &l.id, &topic.id, "lesson", &mut lesson_ids, &here);
            text(c, f, &l.title, "lesson title", false);
            if text(c, f, &l.body, "lesson body", true) && l.body.get_ref().trim_start().starts_with("# ") {
                c.at(
                    f,
                    &l.body.span(),
                    "lesson body starts with a `#` heading, but the title is shown above the body: \
                     remove it, and use `##` for sections",
                );
            }
            if l.sources.get_ref().is_empty() {
                c.at(
                    f,
                    &l.sources.span(),
                    "a lesson needs at least one source: add { title = \"...\", url = \"https://...\" }",
                );
            }
            for s in l.sources.get_ref() {
                text(c, f, &s.get_ref().title, "source title", false);
                url(c, f, &s.get_ref().url);
            }
            let mut seen = BTreeSet::new();
            for d in &l.diagrams {
                let id = d.get_ref();
                if !seen.insert(id.clone()) {
                    c.at(f, &d.span(), format!("diagram `{id}` is listed twice"));
                } else if !known.declared_diagrams.contains(id) {
                    let hint = did_you_mean(id, known.diagrams);
                    c.at(f, &d.span(), format!("diagram `{id}` does not exist (no diagrams/{id}.toml){hint}"));
                }
            }
            topic_diagrams.extend(seen);
            if id_ok {
                topic.lessons.push(Lesson {
                    id: l.id.into_inner(),
                    title: l.title.into_inner(),
                    body: l.body.into_inner(),
                    diagrams: l.diagrams.into_iter().map(Spanned::into_inner).collect(),
                    sources: l
                        .sources
                        .into_inner()
                        .into_iter()
                        .map(|s| {
                            let s = s.into_inner();
                            Source { title: s.title.into_inner(), url: s.url.into_inner() }
                        })
                        .collect(),
                });
            }
        }
        for q in tf.questions {
            if let Some(k) = QuestionKind::parse(q.kind.get_ref()) {
                *report.question_kinds.entry(k.name()).or_default() += 1;
            }
            let id_ok = check_item_id(c, f, &q.id, &topic.id, "question", &mut question_ids, &here);
            pending_questions.push((tf.file, topic.id.clone(), id_ok, q));
        }
        if tf.header.is_some() {
            report.topics.push(TopicSummary {
                id: topic.id.clone(),
                title: topic.title.clone(),
                lessons: tf.raw_lessons,
                questions: tf.raw_questions,
                diagrams: topic_diagrams.len(),
            });
        }
        topics.push(topic);
    }

    // Questions last: their `lesson` may name a lesson of any topic.
    for (fi, topic_id, id_ok, q) in pending_questions {
        let f = &files[fi];
        let lesson = q.lesson.get_ref();
        if !lesson_ids.contains_key(lesson) && !known.broken_topics.iter().any(|t| lesson.starts_with(&format!("{t}.")))
        {
            let hint = did_you_mean(lesson, lesson_ids.keys());
            c.at(f, &q.lesson.span(), format!("lesson `{lesson}` does not exist{hint}"));
        }
        if let Some(question) = check_question(c, f, q, &topic_id)
            && id_ok
            && let Some(t) = topics.iter_mut().find(|t| t.id == topic_id)
        {
            t.questions.push(question);
        }
    }
    topics.sort_by_key(|t| t.order);
    report.topics.sort_by_key(|s| topics.iter().position(|t| t.id == s.id));
    topics
}

fn bad_task(c: &mut Reporter, f: &SourceText<'_>, task: &Spanned<String>) {
    c.at(
        f,
        &task.span(),
        format!("task `{}` is not a CLF-C02 task statement; use 1.1-1.4, 2.1-2.4, 3.1-3.8 or 4.1-4.3", task.get_ref()),
    );
}

/// Checks a lesson or question id (`TOPIC.slug`) and records it; false if unusable.
fn check_item_id(
    c: &mut Reporter,
    f: &SourceText<'_>,
    id: &Spanned<String>,
    topic: &str,
    what: &str,
    seen: &mut HashMap<String, String>,
    here: &dyn Fn(&Range<usize>) -> String,
) -> bool {
    let s = id.get_ref();
    let Some((prefix, slug)) = s.split_once('.') else {
        c.at(
            f,
            &id.span(),
            format!(
                "{what} id `{s}` must be `{topic}.<slug>`, like `{topic}.{}`",
                if s.is_empty() { "basics" } else { s }
            ),
        );
        return false;
    };
    if prefix != topic {
        c.at(f, &id.span(), format!("{what} id `{s}` must start with this file's topic: `{topic}.{slug}`"));
        return false;
    }
    if !is_kebab(slug) {
        c.at(
            f,
            &id.span(),
            format!("{what} id `{s}`: the part after the dot must be lowercase kebab case, like `{topic}.max-timeout`"),
        );
        return false;
    }
    if let Some(first) = seen.get(s) {
        c.at(
            f,
            &id.span(),
            format!("duplicate {what} id `{s}` (first at {first}); ids must be unique across all content"),
        );
        return false;
    }
    seen.insert(s.clone(), here(&id.span()));
    true
}

/// Keys that belong to one kind only; any other kind must not have them.
fn kind_keys(kind: QuestionKind) -> &'static [&'static str] {
    match kind {
        QuestionKind::Single | QuestionKind::Multi => &["options", "answer"],
        QuestionKind::TrueFalse => &["answer", "why_true", "why_false"],
        QuestionKind::Order => &["items"],
        QuestionKind::Match => &["pairs"],
        QuestionKind::Numeric => &["answer", "tolerance", "unit"],
    }
}

fn check_question(c: &mut Reporter, f: &SourceText<'_>, q: raw::Question, topic: &str) -> Option<Question> {
    let mut ok = true;
    let kind_name = q.kind.get_ref().clone();
    let Some(kind) = QuestionKind::parse(&kind_name) else {
        c.at(
            f,
            &q.kind.span(),
            format!(
                "unknown kind `{kind_name}`; expected one of {}",
                comma_list(QuestionKind::ALL.map(QuestionKind::name))
            ),
        );
        return None;
    };
    let task = ExamTask::parse(q.task.get_ref());
    if task.is_none() {
        bad_task(c, f, &q.task);
        ok = false;
    }
    let difficulty = match q.difficulty.get_ref().as_str() {
        "easy" => Some(Difficulty::Easy),
        "medium" => Some(Difficulty::Medium),
        "hard" => Some(Difficulty::Hard),
        other => {
            c.at(f, &q.difficulty.span(), format!("difficulty `{other}` must be easy, medium or hard"));
            None
        }
    };
    for tag in &q.tags {
        if !is_kebab(tag.get_ref()) {
            c.at(f, &tag.span(), format!("tag `{}` must be lowercase kebab case", tag.get_ref()));
            ok = false;
        }
    }
    ok &= text(c, f, &q.prompt, "prompt", true);
    ok &= text(c, f, &q.explanation, "explanation", true);

    // Keys of other kinds.
    let present: [(&str, Option<Range<usize>>); 7] = [
        ("options", q.options.as_ref().map(Spanned::span)),
        ("answer", q.answer.as_ref().map(Spanned::span)),
        ("why_true", q.why_true.as_ref().map(Spanned::span)),
        ("why_false", q.why_false.as_ref().map(Spanned::span)),
        ("items", q.items.as_ref().map(Spanned::span)),
        ("pairs", q.pairs.as_ref().map(Spanned::span)),
        ("tolerance", q.tolerance.as_ref().map(Spanned::span)),
    ];
    let unit_span = q.unit.as_ref().map(Spanned::span);
    for (key, span) in present.into_iter().chain([("unit", unit_span)]) {
        if let Some(span) = span
            && !kind_keys(kind).contains(&key)
        {
            let owner = QuestionKind::ALL.into_iter().filter(|k| kind_keys(*k).contains(&key)).map(QuestionKind::name);
            c.at(f, &span, format!("`{key}` does not belong to kind `{kind_name}` (it is for {})", comma_list(owner)));
            ok = false;
        }
    }
    let q_span = q.id.span();
    let need = |c: &mut Reporter, key: &str| {
        c.at(f, &q_span, format!("a `{kind_name}` question needs `{key}`"));
    };

    let body = match kind {
        QuestionKind::Single | QuestionKind::Multi => {
            let options = match &q.options {
                Some(o) => check_options(c, f, o, kind),
                None => {
                    need(c, "options");
                    None
                }
            };
            let answer = match &q.answer {
                Some(a) => options.as_ref().and_then(|opts| check_choice_answer(c, f, a, opts, kind)),
                None => {
                    need(c, "answer");
                    None
                }
            };
            match (options, answer) {
                (Some(options), Some(mut answers)) => {
                    if kind == QuestionKind::Single {
                        Some(QuestionBody::Single { options, answer: answers[0] })
                    } else {
                        answers.sort_unstable();
                        Some(QuestionBody::Multi { options, answers })
                    }
                }
                _ => None,
            }
        }
        QuestionKind::TrueFalse => {
            let answer = match &q.answer {
                Some(a) => {
                    if let toml::Value::Boolean(b) = a.get_ref() {
                        Some(*b)
                    } else {
                        c.at(f, &a.span(), "the answer of a `true_false` question is true or false (no quotes)");
                        None
                    }
                }
                None => {
                    need(c, "answer");
                    None
                }
            };
            let why = |c: &mut Reporter, key: &str, v: &Option<Spanned<String>>| match v {
                Some(v) => text(c, f, v, key, false).then(|| v.get_ref().clone()),
                None => {
                    c.at(
                        f,
                        &q_span,
                        format!(
                            "a `true_false` question needs `{key}`: one line on choosing {}",
                            if key == "why_true" { "True" } else { "False" }
                        ),
                    );
                    None
                }
            };
            let why_true = why(c, "why_true", &q.why_true);
            let why_false = why(c, "why_false", &q.why_false);
            match (answer, why_true, why_false) {
                (Some(answer), Some(why_true), Some(why_false)) => {
                    Some(QuestionBody::TrueFalse { answer, why_true, why_false })
                }
                _ => None,
            }
        }
        QuestionKind::Order => match &q.items {
            Some(items) => check_strings(c, f, items, "item").map(|items| QuestionBody::Order { items }),
            None => {
                need(c, "items");
                None
            }
        },
        QuestionKind::Match => match &q.pairs {
            Some(pairs) => check_pairs(c, f, pairs).map(|pairs| QuestionBody::Match { pairs }),
            None => {
                need(c, "pairs");
                None
            }
        },
        QuestionKind::Numeric => {
            let answer = match &q.answer {
                Some(a) => match a.get_ref() {
                    toml::Value::Float(x) if x.is_finite() => Some(*x),
                    toml::Value::Integer(i) => Some(*i as f64),
                    _ => {
                        c.at(f, &a.span(), "the answer of a `numeric` question is a number, like 18.74");
                        None
                    }
                },
                None => {
                    need(c, "answer");
                    None
                }
            };
            let tolerance = match &q.tolerance {
                Some(t) if t.get_ref().is_finite() && *t.get_ref() >= 0.0 => Some(*t.get_ref()),
                Some(t) => {
                    c.at(f, &t.span(), "tolerance must be a number of 0 or more");
                    None
                }
                None => {
                    need(c, "tolerance");
                    None
                }
            };
            let unit = match &q.unit {
                Some(u) => text(c, f, u, "unit", false).then(|| u.get_ref().clone()),
                None => {
                    need(c, "unit");
                    None
                }
            };
            match (answer, tolerance, unit) {
                (Some(answer), Some(tolerance), Some(unit)) => Some(QuestionBody::Numeric { answer, tolerance, unit }),
                _ => None,
            }
        }
    };
    let (body, task, difficulty) = (body?, task?, difficulty?);
    ok.then(|| Question {
        id: q.id.into_inner(),
        topic: topic.to_string(),
        lesson: q.lesson.into_inner(),
        task,
        difficulty,
        tags: q.tags.into_iter().map(Spanned::into_inner).collect(),
        prompt: q.prompt.into_inner(),
        explanation: q.explanation.into_inner(),
        body,
    })
}

fn check_options(
    c: &mut Reporter,
    f: &SourceText<'_>,
    options: &Spanned<Vec<Spanned<raw::Choice>>>,
    kind: QuestionKind,
) -> Option<Vec<Choice>> {
    let (min, max) = if kind == QuestionKind::Single { (2, 8) } else { (3, 8) };
    let n = options.get_ref().len();
    let mut ok = true;
    if !(min..=max).contains(&n) {
        c.at(f, &options.span(), format!("a `{}` question has {min} to {max} options; this one has {n}", kind.name()));
        ok = false;
    }
    let mut ids = BTreeSet::new();
    let mut texts = BTreeSet::new();
    let mut out = Vec::new();
    for o in options.get_ref() {
        let o = o.get_ref();
        let id = o.id.get_ref();
        if !is_kebab(id) {
            c.at(
                f,
                &o.id.span(),
                format!("option id `{id}` must be lowercase kebab case, like `lambda` or `fifteen-min`"),
            );
            ok = false;
        } else if !ids.insert(id.clone()) {
            c.at(f, &o.id.span(), format!("option id `{id}` is used twice in this question"));
            ok = false;
        }
        ok &= text(c, f, &o.text, "option text", false);
        if !texts.insert(o.text.get_ref().trim().to_lowercase()) {
            c.at(f, &o.text.span(), "two options have the same text");
            ok = false;
        }
        ok &= text(c, f, &o.why, "option why", false);
        out.push(Choice { id: id.clone(), text: o.text.get_ref().clone(), why: o.why.get_ref().clone() });
    }
    ok.then_some(out)
}

/// The answer of a choice question as option indexes.
fn check_choice_answer(
    c: &mut Reporter,
    f: &SourceText<'_>,
    answer: &Spanned<toml::Value>,
    options: &[Choice],
    kind: QuestionKind,
) -> Option<Vec<usize>> {
    let ids = || comma_list(options.iter().map(|o| o.id.as_str()));
    let find = |c: &mut Reporter, id: &str| {
        let found = options.iter().position(|o| o.id == id);
        if found.is_none() {
            c.at(f, &answer.span(), format!("answer `{id}` is not one of the options ({})", ids()));
        }
        found
    };
    match (kind, answer.get_ref()) {
        (QuestionKind::Single, toml::Value::String(id)) => find(c, id).map(|i| vec![i]),
        (QuestionKind::Single, _) => {
            c.at(
                f,
                &answer.span(),
                format!("the answer of a `single` question is one option id in quotes, one of: {}", ids()),
            );
            None
        }
        (_, toml::Value::Array(values)) => {
            let mut picked = Vec::new();
            let mut ok = true;
            for v in values {
                let Some(id) = v.as_str() else {
                    c.at(f, &answer.span(), "the answer of a `multi` question is a list of option ids in quotes");
                    return None;
                };
                match find(c, id) {
                    Some(i) if picked.contains(&i) => {
                        c.at(f, &answer.span(), format!("answer `{id}` is listed twice"));
                        ok = false;
                    }
                    Some(i) => picked.push(i),
                    None => ok = false,
                }
            }
            if ok && (picked.len() < 2 || picked.len() >= options.len()) {
                c.at(
                    f,
                    &answer.span(),
                    format!(
                        "a `multi` question needs at least 2 answers and more options than answers; it has {} answers and {} options",
                        picked.len(),
                        options.len()
                    ),
                );
                ok = false;
            }
            ok.then_some(picked)
        }
        _ => {
            c.at(
                f,
                &answer.span(),
                "the answer of a `multi` question is a list of option ids, like [\"lambda\", \"fargate\"]",
            );
            None
        }
    }
}

fn check_strings(
    c: &mut Reporter,
    f: &SourceText<'_>,
    items: &Spanned<Vec<Spanned<String>>>,
    what: &str,
) -> Option<Vec<String>> {
    let n = items.get_ref().len();
    let mut ok = true;
    if !(3..=8).contains(&n) {
        c.at(f, &items.span(), format!("an `order` question has 3 to 8 items; this one has {n}"));
        ok = false;
    }
    let mut seen = BTreeSet::new();
    for item in items.get_ref() {
        ok &= text(c, f, item, what, false);
        if !seen.insert(item.get_ref().trim().to_lowercase()) {
            c.at(f, &item.span(), format!("{what} `{}` appears twice", item.get_ref()));
            ok = false;
        }
    }
    ok.then(|| items.get_ref().iter().map(|s| s.get_ref().clone()).collect())
}

fn check_pairs(
    c: &mut Reporter,
    f: &SourceText<'_>,
    pairs: &Spanned<Vec<Spanned<raw::Pair>>>,
) -> Option<Vec<(String, String)>> {
    let n = pairs.get_ref().len();
    let mut ok = true;
    if !(3..=8).contains(&n) {
        c.at(f, &pairs.span(), format!("a `match` question has 3 to 8 pairs; this one has {n}"));
        ok = false;
    }
    let (mut lefts, mut rights) = (BTreeSet::new(), BTreeSet::new());
    for p in pairs.get_ref() {
        let p = p.get_ref();
        ok &= text(c, f, &p.left, "left", false) & text(c, f, &p.right, "right", false);
        if !lefts.insert(p.left.get_ref().trim().to_lowercase()) {
            c.at(f, &p.left.span(), format!("left `{}` appears twice", p.left.get_ref()));
            ok = false;
        }
        if !rights.insert(p.right.get_ref().trim().to_lowercase()) {
            c.at(f, &p.right.span(), format!("right `{}` appears twice", p.right.get_ref()));
            ok = false;
        }
    }
    ok.then(|| {
        pairs
            .get_ref()
            .iter()
            .map(|p| (p.get_ref().left.get_ref().clone(), p.get_ref().right.get_ref().clone()))
            .collect()
    })
}

fn check_diagrams(
    c: &mut Reporter,
    files: &[SourceText<'_>],
    file_of: &HashMap<String, usize>,
    source: &ContentSource,
    diagram_files: Vec<DiagramFile>,
) -> Vec<Diagram> {
    let mut out = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for d in diagram_files {
        let f = &files[d.file];
        let Some(h) = d.header else { continue };
        let mut ok = true;
        let id = h.id.get_ref();
        let stem = f.name.rsplit('/').next().unwrap_or_default().trim_end_matches(".toml");
        if !is_kebab(id) {
            c.at(f, &h.id.span(), format!("diagram id `{id}` must be lowercase kebab case"));
            ok = false;
        } else if id != stem {
            c.at(f, &h.id.span(), format!("diagram id `{id}` must match its file name: diagrams/{id}.toml"));
            ok = false;
        } else if !seen.insert(id.clone()) {
            c.at(f, &h.id.span(), format!("duplicate diagram id `{id}`"));
            ok = false;
        }
        ok &= text(c, f, &h.title, "diagram title", false);
        let art = check_art(c, f, &h.art, files, file_of, source);
        ok &= art.is_some();
        let art = art.unwrap_or_default();
        let height = art.len();
        let width = art.iter().map(|l| l.chars().count()).max().unwrap_or(0);

        let mut regions: Vec<Region> = Vec::new();
        for r in &d.regions {
            let rid = r.id.get_ref();
            if !is_kebab(rid) {
                c.at(f, &r.id.span(), format!("region id `{rid}` must be lowercase kebab case"));
                ok = false;
                continue;
            }
            if regions.iter().any(|x| x.id == *rid) {
                c.at(f, &r.id.span(), format!("region `{rid}` is defined twice"));
                ok = false;
                continue;
            }
            let [top, bottom] = *r.lines.get_ref();
            let [left, right] = *r.cols.get_ref();
            if top == 0 || top > bottom || bottom as usize > height {
                if !art.is_empty() {
                    c.at(f, &r.lines.span(), format!("region `{rid}` lines [{top}, {bottom}] must satisfy 1 <= first <= last <= {height} (the art's height)"));
                }
                ok = false;
            } else if left == 0 || left > right || right as usize > width {
                if !art.is_empty() {
                    c.at(f, &r.cols.span(), format!("region `{rid}` cols [{left}, {right}] must satisfy 1 <= first <= last <= {width} (the art's width)"));
                }
                ok = false;
            } else {
                regions.push(Region {
                    id: rid.clone(),
                    top: top as usize - 1,
                    bottom: bottom as usize - 1,
                    left: left as usize - 1,
                    right: right as usize - 1,
                });
            }
        }
        let region_ids: Vec<&String> = d.regions.iter().map(|r| r.id.get_ref()).collect();
        let mut steps = Vec::new();
        for s in &d.steps {
            ok &= text(c, f, &s.caption, "step caption", true);
            if s.highlight.get_ref().is_empty() {
                c.at(f, &s.highlight.span(), "a step highlights at least one region");
                ok = false;
            }
            let mut highlight = Vec::new();
            for name in s.highlight.get_ref() {
                match regions.iter().position(|r| r.id == *name.get_ref()) {
                    Some(i) => highlight.push(i),
                    None if region_ids.contains(&name.get_ref()) => ok = false,
                    None => {
                        let hint = did_you_mean(name.get_ref(), region_ids.iter().copied());
                        let have = if region_ids.is_empty() { "none".to_string() } else { comma_list(&region_ids) };
                        c.at(
                            f,
                            &name.span(),
                            format!(
                                "step names region `{}`, which this diagram lacks (it has: {have}){hint}",
                                name.get_ref()
                            ),
                        );
                        ok = false;
                    }
                }
            }
            steps.push(Step { highlight, caption: s.caption.get_ref().clone() });
        }
        if ok {
            out.push(Diagram { id: id.clone(), title: h.title.into_inner(), art, regions, steps });
        }
    }
    out
}

/// Resolves and checks a diagram's art file; returns its lines.
fn check_art(
    c: &mut Reporter,
    f: &SourceText<'_>,
    art: &Spanned<String>,
    files: &[SourceText<'_>],
    file_of: &HashMap<String, usize>,
    source: &ContentSource,
) -> Option<Vec<String>> {
    let path = art.get_ref();
    let escapes = path.starts_with('/')
        || path.contains('\\')
        || path.contains(':')
        || path.split('/').any(|part| part == ".." || part == ".");
    if path.trim().is_empty() {
        c.at(f, &art.span(), "art is empty; name a file in assets/, like \"thumbnail-pipeline.txt\"");
        return None;
    }
    if escapes {
        c.at(f, &art.span(), format!("art path `{path}` leaves the assets directory; name a file inside assets/, like \"thumbnail-pipeline.txt\""));
        return None;
    }
    let key = format!("assets/{path}");
    match (file_of.get(&key), source.text(&key)) {
        (Some(&ai), _) => {
            let af = &files[ai];
            let mut ok = true;
            let mut offset = 0;
            let lines: Vec<String> =
                af.text.trim_end_matches('\n').split('\n').map(|l| l.trim_end_matches('\r').to_string()).collect();
            for line in af.text.split_inclusive('\n') {
                if let Some(problem) = bad_char(line.trim_end_matches('\n').trim_end_matches('\r'), false) {
                    let col = line.chars().position(|ch| bad_char(&ch.to_string(), false).is_some()).unwrap_or(0);
                    let byte = line.char_indices().nth(col).map_or(0, |(b, _)| b);
                    c.at(af, &(offset + byte..offset + byte), format!("art contains {problem}"));
                    ok = false;
                }
                let width = line.trim_end_matches('\n').trim_end_matches('\r').chars().count();
                if width > MAX_ART_WIDTH {
                    let byte = line.char_indices().nth(MAX_ART_WIDTH).map_or(0, |(b, _)| b);
                    c.at(
                        af,
                        &(offset + byte..offset + byte),
                        format!("art line is {width} columns wide; at most {MAX_ART_WIDTH} fit the screen"),
                    );
                    ok = false;
                }
                offset += line.len();
            }
            if lines.len() > MAX_ART_HEIGHT {
                c.at(
                    af,
                    &(0..0),
                    format!("art is {} lines tall; at most {MAX_ART_HEIGHT} fit the screen", lines.len()),
                );
                ok = false;
            }
            if lines.iter().all(|l| l.trim().is_empty()) {
                c.at(af, &(0..0), "art file is empty");
                ok = false;
            }
            ok.then_some(lines)
        }
        (None, Some(FileText::Outside)) => {
            c.at(f, &art.span(), format!("art `{path}` is a link that leaves the assets directory"));
            None
        }
        (None, Some(_)) => None, // already reported: unreadable, too large, not UTF-8
        (None, None) => {
            c.at(f, &art.span(), format!("art file assets/{path} does not exist"));
            None
        }
    }
}

#[cfg(test)]
mod tests;
