//! Quiz sessions: which questions, in what order, how each is shown (options shuffled, stable
//! within the session), the learner's draft answer, grading and results. Pure state: no I/O,
//! randomness from a seed, time passed in by the caller.

mod draft;
pub mod exam;
mod flow;

use std::collections::BTreeMap;
use std::rc::Rc;

use jiff::Timestamp;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use crate::content::{Course, Question, QuestionBody};
use crate::generate::{self, Form, Instance};
pub use draft::{Draft, DraftError, parse_number};
pub use flow::{Flow, Phase, Policy, RateOutcome, Settled};

/// A question a session asks: one of the course's, by position, or one made up at run time
/// (a generated pricing question) that the session owns. Either has a stable id for the
/// progress log.
#[derive(Debug, Clone)]
pub enum QRef {
    Course { topic: usize, question: usize },
    Generated(Rc<Generated>),
}

/// A question made up at run time, filed under a course topic: a generated pricing question
/// (with its worked answer and mistakes), or one the simulator builds from its inputs.
#[derive(Debug)]
pub struct Generated {
    pub topic: usize,
    pub question: Question,
    pub instance: Option<Instance>,
}

impl Generated {
    pub fn from_instance(topic: usize, instance: Instance) -> Self {
        Self { topic, question: instance.question.clone(), instance: Some(instance) }
    }
}

/// A generated card's stand-in (`gen.TEMPLATE` in its topic) becomes a question generated
/// from `seed`: in an exam the single-choice form, elsewhere the template's own. Any other
/// question is returned as it is.
pub fn realise(course: &Course, qref: QRef, purpose: Purpose, seed: u64) -> QRef {
    let QRef::Course { topic, .. } = qref else { return qref };
    let Some(template) = course.template(&qref.get(course).id) else { return qref };
    let form = if purpose == Purpose::Exam { Form::Choice } else { Form::Natural };
    QRef::Generated(Rc::new(Generated::from_instance(topic, generate::generate(course, template, seed, form))))
}

/// Realises a session's questions in order: the k-th time a card comes up it gets the seed
/// `seed` mixed with its id and k, so a resumed exam (same seed, same order) shows the same
/// numbers, and a card asked twice gets two sets.
pub fn realise_all(course: &Course, questions: Vec<QRef>, purpose: Purpose, seed: u64) -> Vec<QRef> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    questions
        .into_iter()
        .map(|q| {
            let id = q.id(course).to_string();
            let k = seen.entry(id.clone()).or_default();
            *k += 1;
            realise(course, q, purpose, generate::mix(seed, &format!("{id}#{k}")))
        })
        .collect()
}

impl PartialEq for QRef {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Course { topic: a, question: b }, Self::Course { topic: c, question: d }) => (a, b) == (c, d),
            (Self::Generated(a), Self::Generated(b)) => Rc::ptr_eq(a, b) || a.question.id == b.question.id,
            _ => false,
        }
    }
}

impl Eq for QRef {}

impl QRef {
    pub fn get<'a>(&'a self, course: &'a Course) -> &'a Question {
        match self {
            Self::Course { topic, question } => &course.topics[*topic].questions[*question],
            Self::Generated(g) => &g.question,
        }
    }

    /// The index of the topic the question is filed under.
    pub fn topic(&self) -> usize {
        match self {
            Self::Course { topic, .. } => *topic,
            Self::Generated(g) => g.topic,
        }
    }

    /// The id the progress log knows the question by.
    pub fn id<'a>(&'a self, course: &'a Course) -> &'a str {
        &self.get(course).id
    }

    pub fn find(course: &Course, id: &str) -> Option<Self> {
        course.topics.iter().enumerate().find_map(|(t, topic)| {
            topic.questions.iter().position(|q| q.id == id).map(|q| Self::Course { topic: t, question: q })
        })
    }

    pub fn all(course: &Course) -> impl Iterator<Item = Self> + '_ {
        course
            .topics
            .iter()
            .enumerate()
            .flat_map(|(t, topic)| (0..topic.questions.len()).map(move |q| Self::Course { topic: t, question: q }))
    }
}

/// A learner's submitted answer, in the question's own terms (indexes into the content's
/// options, items and pairs, not into the shuffled display order).
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    Single(usize),
    Multi(Vec<usize>),
    TrueFalse(bool),
    /// Item indexes in the order the learner put them.
    Order(Vec<usize>),
    /// For each left (in content order), the index of the right the learner paired with it.
    Match(Vec<usize>),
    Numeric(f64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grade {
    pub correct: bool,
    /// Parts right out of parts (options, positions or pairs); 1 of 1 for all-or-nothing kinds.
    pub parts_right: usize,
    pub parts: usize,
}

/// Grades a response. A response of the wrong shape for the question is simply wrong.
pub fn grade(q: &Question, r: &Response) -> Grade {
    let whole = |ok: bool| Grade { correct: ok, parts_right: usize::from(ok), parts: 1 };
    match (&q.body, r) {
        (QuestionBody::Single { answer, .. }, Response::Single(i)) => whole(answer == i),
        (QuestionBody::Multi { options, answers }, Response::Multi(picked)) => {
            // Each option is a part: right when picked exactly if it is an answer.
            let right = (0..options.len()).filter(|i| answers.contains(i) == picked.contains(i)).count();
            Grade { correct: right == options.len(), parts_right: right, parts: options.len() }
        }
        (QuestionBody::TrueFalse { answer, .. }, Response::TrueFalse(b)) => whole(answer == b),
        (QuestionBody::Order { items }, Response::Order(order)) => {
            let right = order.iter().enumerate().filter(|(pos, item)| pos == *item).count();
            let ok = order.len() == items.len() && right == items.len();
            Grade { correct: ok, parts_right: right, parts: items.len() }
        }
        (QuestionBody::Match { pairs }, Response::Match(chosen)) => {
            let right = chosen.iter().enumerate().filter(|(left, r)| left == *r).count();
            let ok = chosen.len() == pairs.len() && right == pairs.len();
            Grade { correct: ok, parts_right: right, parts: pairs.len() }
        }
        (QuestionBody::Numeric { answer, tolerance, .. }, Response::Numeric(x)) => {
            // A hair of slack so that 0.1 + 0.2 style float noise never fails a right answer.
            whole(x.is_finite() && (x - answer).abs() <= tolerance + 1e-9 * answer.abs().max(1.0))
        }
        _ => whole(false),
    }
}

/// How a question is laid out for this session: the display order of its options, items or
/// rights. `order[k]` is the content index shown at position `k`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub order: Vec<usize>,
}

impl Layout {
    /// Shuffles the question's parts. Order and match questions are never shown already solved.
    pub fn new(q: &Question, rng: &mut StdRng) -> Self {
        let n = match &q.body {
            QuestionBody::Single { options, .. } | QuestionBody::Multi { options, .. } => options.len(),
            QuestionBody::Order { items } => items.len(),
            QuestionBody::Match { pairs } => pairs.len(),
            QuestionBody::TrueFalse { .. } | QuestionBody::Numeric { .. } => 0,
        };
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(rng);
        let solvable = matches!(q.body, QuestionBody::Order { .. } | QuestionBody::Match { .. });
        if solvable && n > 1 && order.iter().enumerate().all(|(i, x)| i == *x) {
            order.rotate_left(1);
        }
        Self { order }
    }
}

/// One question of a session, with the learner's work on it.
#[derive(Debug, Clone)]
pub struct Item {
    pub qref: QRef,
    pub layout: Layout,
    pub draft: Draft,
    /// Set once answered.
    pub outcome: Option<(Response, Grade)>,
    /// When it was answered: a review's rating bar previews, and its rating is recorded, at
    /// this one instant, so the interval shown is the interval saved.
    pub answered_at: Option<Timestamp>,
}

impl Item {
    fn new(course: &Course, qref: QRef, rng: &mut StdRng) -> Self {
        let q = qref.get(course);
        let layout = Layout::new(q, rng);
        let draft = Draft::new(q, &layout);
        Self { qref, layout, draft, outcome: None, answered_at: None }
    }
}

/// What a session is for; changes only wording and what happens after an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Practice,
    /// "Check yourself" at the end of a lesson.
    Lesson,
    Review,
    /// A timed exam: answers marked at the end.
    Exam,
    /// The weak-spot drill: a practice quiz of the questions the learner most needs.
    Drill,
}

#[derive(Debug)]
pub struct Session {
    pub purpose: Purpose,
    pub items: Vec<Item>,
    pub current: usize,
    rng: StdRng,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuizError {
    #[error("no questions match: topic `{0}` does not exist (topics: {1})")]
    UnknownTopic(String, String),
    #[error("no questions to ask")]
    Empty,
}

/// Default number of questions in a practice quiz.
pub const DEFAULT_COUNT: usize = 10;

impl Session {
    /// A session over the given questions, in the given order.
    pub fn new(course: &Course, purpose: Purpose, questions: Vec<QRef>, seed: u64) -> Result<Self, QuizError> {
        if questions.is_empty() {
            return Err(QuizError::Empty);
        }
        let mut rng = StdRng::seed_from_u64(seed);
        let questions = realise_all(course, questions, purpose, seed);
        let items = questions.into_iter().map(|qref| Item::new(course, qref, &mut rng)).collect();
        Ok(Self { purpose, items, current: 0, rng })
    }

    /// A session of no questions (a report whose questions the content no longer has).
    pub fn empty() -> Self {
        Self { purpose: Purpose::Exam, items: Vec::new(), current: 0, rng: StdRng::seed_from_u64(0) }
    }

    /// A practice quiz: `count` questions drawn at random from the topics (all when empty),
    /// the generated cards among them, and `generated` more generated pricing questions
    /// (templates at random), shuffled in.
    pub fn practice(
        course: &Course,
        topics: &[String],
        count: Option<usize>,
        generated: usize,
        seed: u64,
    ) -> Result<Self, QuizError> {
        for t in topics {
            if course.topic(t).is_none() {
                let known = course.topics.iter().map(|t| t.id.as_str()).collect::<Vec<_>>().join(", ");
                return Err(QuizError::UnknownTopic(t.clone(), known));
            }
        }
        let mut pool: Vec<QRef> =
            QRef::all(course).filter(|r| topics.is_empty() || topics.contains(&course.topics[r.topic()].id)).collect();
        let mut rng = StdRng::seed_from_u64(seed ^ 0x9e37_79b9_7f4a_7c15);
        pool.shuffle(&mut rng);
        pool.truncate(count.unwrap_or(DEFAULT_COUNT).max(1));
        for _ in 0..generated {
            let Some(t) = generate::pick(&course.templates, &mut rng) else { break };
            if let Some(q) = QRef::find(course, &t.card_id()) {
                pool.push(q);
            }
        }
        if generated > 0 {
            pool.shuffle(&mut rng);
        }
        Self::new(course, Purpose::Practice, pool, seed)
    }

    /// "Check yourself": every question that tests a lesson, shuffled.
    pub fn for_lesson(course: &Course, lesson_id: &str, seed: u64) -> Result<Self, QuizError> {
        let mut pool: Vec<QRef> = QRef::all(course).filter(|r| r.get(course).lesson == lesson_id).collect();
        pool.shuffle(&mut StdRng::seed_from_u64(seed));
        Self::new(course, Purpose::Lesson, pool, seed)
    }

    pub fn item(&self) -> &Item {
        &self.items[self.current]
    }

    pub fn item_mut(&mut self) -> &mut Item {
        &mut self.items[self.current]
    }

    pub fn is_answered(&self) -> bool {
        self.item().outcome.is_some()
    }

    pub fn is_last(&self) -> bool {
        self.current + 1 == self.items.len()
    }

    /// Submits the current draft. Errors (nothing typed, wrong count picked) leave the item
    /// unanswered so the learner can fix the draft.
    pub fn submit(&mut self, course: &Course) -> Result<Grade, DraftError> {
        let item = self.item_mut();
        if let Some((_, grade)) = &item.outcome {
            return Ok(*grade);
        }
        let q = item.qref.get(course);
        let response = item.draft.response(q, &item.layout)?;
        let grade = grade(q, &response);
        item.outcome = Some((response, grade));
        Ok(grade)
    }

    /// Moves to the next question; false at the end.
    pub fn advance(&mut self) -> bool {
        if self.is_last() {
            false
        } else {
            self.current += 1;
            true
        }
    }

    /// Puts a question at position `at` (a learning card whose step ended comes next).
    pub fn insert(&mut self, course: &Course, at: usize, qref: QRef) {
        let qref = self.fresh(course, qref);
        let item = Item::new(course, qref, &mut self.rng);
        self.items.insert(at.min(self.items.len()), item);
    }

    /// Appends a question (review re-queues a card the learner got wrong).
    pub fn push(&mut self, course: &Course, qref: QRef) {
        let qref = self.fresh(course, qref);
        let item = Item::new(course, qref, &mut self.rng);
        self.items.push(item);
    }

    /// A generated question asked again gets new numbers: the card is the method.
    fn fresh(&mut self, course: &Course, qref: QRef) -> QRef {
        let qref = match qref {
            QRef::Generated(g) if g.instance.is_some() => {
                QRef::find(course, &g.question.id).unwrap_or(QRef::Generated(g))
            }
            other => other,
        };
        let seed = rand::Rng::next_u64(&mut self.rng);
        realise(course, qref, self.purpose, seed)
    }

    /// The score, each question counted once however often it came back (a review asks a
    /// forgotten card again): right when its first answer was, missed when its last answer
    /// was wrong.
    pub fn results(&self, course: &Course) -> Results {
        struct Seen<'a> {
            id: &'a str,
            qref: &'a QRef,
            first: bool,
            last: bool,
        }
        let mut seen: Vec<Seen> = Vec::new();
        for item in &self.items {
            let Some((_, grade)) = &item.outcome else { continue };
            let id = item.qref.id(course);
            match seen.iter_mut().find(|s| s.id == id) {
                Some(s) => {
                    s.last = grade.correct;
                    s.qref = &item.qref;
                }
                None => seen.push(Seen { id, qref: &item.qref, first: grade.correct, last: grade.correct }),
            }
        }
        let mut per_topic: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for s in &seen {
            let entry = per_topic.entry(s.qref.topic()).or_default();
            entry.0 += usize::from(s.first);
            entry.1 += 1;
        }
        let mut ids: Vec<&str> = self.items.iter().map(|i| i.qref.id(course)).collect();
        ids.sort_unstable();
        ids.dedup();
        let per_topic = per_topic
            .into_iter()
            .map(|(t, (right, total))| TopicScore { topic: course.topics[t].id.clone(), right, total })
            .collect();
        Results {
            right: seen.iter().filter(|s| s.first).count(),
            answered: seen.len(),
            total: ids.len(),
            per_topic,
            missed: seen.iter().filter(|s| !s.last).map(|s| s.qref.clone()).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicScore {
    pub topic: String,
    pub right: usize,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    pub right: usize,
    pub answered: usize,
    pub total: usize,
    pub per_topic: Vec<TopicScore>,
    pub missed: Vec<QRef>,
}

impl Results {
    /// The share right, rounded to the nearest whole percent (2 of 3 is 67%).
    pub fn percent(&self) -> usize {
        percent(self.right, self.answered)
    }
}

/// `part` of `whole` as a whole percent, rounded half up; 0 of 0 is 0%.
pub fn percent(part: usize, whole: usize) -> usize {
    (part * 200 + whole).checked_div(whole * 2).unwrap_or(0)
}

#[cfg(test)]
mod tests;
