//! Topic files: each header, the ids that lessons and questions take (unique across all
//! content), and the links from questions to lessons of any topic.

use std::collections::{BTreeSet, HashMap};

use toml::Spanned;

use super::fields::{self, is_kebab};
use super::{Known, Report, TopicFile, TopicSummary, lessons, questions};
use crate::content::model::{ExamTask, QuestionKind, Topic};
use crate::content::raw;
use crate::report::{Reporter, SourceText};

/// What is taken so far: ids with the place each was first declared, and topic positions
/// with the topic that holds each.
#[derive(Default)]
struct Taken {
    topics: HashMap<String, String>,
    orders: HashMap<u32, String>,
    lessons: HashMap<String, String>,
    questions: HashMap<String, String>,
}

pub(super) fn check(
    c: &mut Reporter,
    files: &[SourceText<'_>],
    topic_files: Vec<TopicFile>,
    known: &Known,
    report: &mut Report,
) -> Vec<Topic> {
    let mut taken = Taken::default();
    let mut topics = Vec::new();
    let mut pending_questions = Vec::new();

    for tf in topic_files {
        let f = &files[tf.file];
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
            header(c, f, h, &tf.stem, &mut taken, &mut topic);
        }

        let mut topic_diagrams = BTreeSet::new();
        for l in tf.lessons {
            let id_ok = item_id(c, f, &l.id, &topic.id, "lesson", &mut taken.lessons);
            let lesson = lessons::check(c, f, l, known, &mut topic_diagrams);
            if id_ok {
                topic.lessons.push(lesson);
            }
        }
        for q in tf.questions {
            if let Some(k) = QuestionKind::parse(q.kind.get_ref()) {
                *report.question_kinds.entry(k.name()).or_default() += 1;
            }
            let id_ok = item_id(c, f, &q.id, &topic.id, "question", &mut taken.questions);
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
        // In a broken topic when the part before any of its dots names one (a lookup per dot,
        // not a pass over the broken topics per question).
        let in_broken = lesson.match_indices('.').any(|(i, _)| known.broken_topics.contains(&lesson[..i]));
        if !taken.lessons.contains_key(lesson) && !in_broken {
            let hint = c.did_you_mean(lesson, taken.lessons.keys());
            c.at(f, &q.lesson.span(), format!("lesson `{lesson}` does not exist{hint}"));
        }
        if let Some(question) = questions::check(c, f, q, &topic_id)
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

/// Checks a topic's header and fills in `topic` from it.
fn header(
    c: &mut Reporter,
    f: &SourceText<'_>,
    h: &raw::TopicHeader,
    stem: &str,
    taken: &mut Taken,
    topic: &mut Topic,
) {
    let id = h.id.get_ref();
    if !is_kebab(id) {
        c.at(f, &h.id.span(), format!("topic id `{id}` must be lowercase kebab case, like `api-gateway`"));
    } else if *id != stem {
        c.at(
            f,
            &h.id.span(),
            format!(
                "topic id `{id}` must match its file name: rename the file to topics/{id}.toml or the id to `{stem}`"
            ),
        );
    } else if let Some(first) = taken.topics.get(id) {
        c.at(f, &h.id.span(), format!("duplicate topic id `{id}` (first at {first})"));
    } else {
        taken.topics.insert(id.clone(), f.place(&h.id.span()));
    }
    fields::text(c, f, &h.title, "title", false);
    fields::text(c, f, &h.summary, "summary", true);
    let order = *h.order.get_ref();
    if let Some(first) = taken.orders.get(&order) {
        c.at(
            f,
            &h.order.span(),
            format!("order {order} is already used by topic `{first}`; give each topic its own position"),
        );
    } else {
        taken.orders.insert(order, id.clone());
    }
    if let Some(task) = fields::exam_task(c, f, &h.task) {
        topic.task = task;
    }
    topic.title.clone_from(h.title.get_ref());
    topic.summary.clone_from(h.summary.get_ref());
    topic.order = order;
}

/// Checks a lesson or question id (`TOPIC.slug`) and records it; false if unusable.
fn item_id(
    c: &mut Reporter,
    f: &SourceText<'_>,
    id: &Spanned<String>,
    topic: &str,
    what: &str,
    seen: &mut HashMap<String, String>,
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
    seen.insert(s.clone(), f.place(&id.span()));
    true
}
