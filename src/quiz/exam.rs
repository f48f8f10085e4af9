//! Exams: a timed sitting in the CLF-C02 format. What an exam is (`Spec`: topics, size, time,
//! kinds, seed), the sheet of one in progress (`Sheet`: the questions in order, the answers
//! given, the flags, the time left), and the scoring as CLF-C02 scores (unanswered is wrong,
//! a multi is right only when every pick is, a scaled score from 100 to 1,000 with 700 to
//! pass), the draw of the questions, the [`ExamRecord`] a finished sheet becomes and the
//! [`Report`] of one. Pure: the screen drives it, the progress store keeps it.
//!
//! # The draw
//!
//! [`draw`] takes `count` questions of the allowed kinds from the chosen topics, each topic
//! getting its share in proportion to its pool (largest remainders, ties broken by the seed),
//! no question twice. Within a topic the questions the learner has not met in an exam or in
//! practice come first, then those met longest ago; reviews do not count, since the review
//! schedule already brings those back. The seed decides every tie and the final order, so the
//! same seed on the same progress draws the same exam.

use std::collections::HashMap;

use jiff::{SignedDuration, Timestamp};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::Serialize;
use strum::{EnumString, IntoStaticStr};

use super::{QRef, Response, grade};
use crate::content::{Course, Question, QuestionBody, QuestionKind};
use crate::progress::{ExamAnswer, ExamRecord, Progress};

/// The real exam: 65 questions in 90 minutes.
pub const EXAM_QUESTIONS: usize = 65;
pub const EXAM_MINUTES: u32 = 90;
/// The scaled score that passes.
pub const PASS_SCALED: u32 = 700;

/// Which kinds of question an exam draws (`--kinds exam|all`, `kinds` in the sheet file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, IntoStaticStr, EnumString)]
#[strum(serialize_all = "lowercase")]
pub enum Kinds {
    /// The exam's own formats: single, multi, true/false.
    #[default]
    Exam,
    /// Every kind, order, match and numeric too.
    All,
}

impl Kinds {
    pub fn allows(self, kind: QuestionKind) -> bool {
        match self {
            Self::Exam => matches!(kind, QuestionKind::Single | QuestionKind::Multi | QuestionKind::TrueFalse),
            Self::All => true,
        }
    }

    /// Whether an exam of these kinds may ask `q`: a generated card always, as an exam asks
    /// it in its single-choice form.
    pub fn admits(self, course: &Course, q: &Question) -> bool {
        self.allows(q.kind()) || course.template(&q.id).is_some()
    }

    /// The name on the command line and in the sheet file: `exam`, `all`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }
}

/// What to sit: drawn from `topics` (all when empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub topics: Vec<String>,
    pub count: usize,
    pub time: SignedDuration,
    pub kinds: Kinds,
    pub seed: u64,
}

impl Spec {
    /// The defaults of the real exam; `count` alone scales the time to count x 90/65 minutes,
    /// rounded up to a whole minute; `minutes` (decimals allowed) sets it.
    pub fn new(topics: Vec<String>, count: Option<usize>, minutes: Option<f64>, kinds: Kinds, seed: u64) -> Self {
        let count = count.unwrap_or(EXAM_QUESTIONS);
        let time = match minutes {
            // At least a second; a time too long to hold is as good as none.
            Some(m) => SignedDuration::try_from_secs_f64((m * 60.0).max(1.0)).unwrap_or(SignedDuration::MAX),
            None => {
                let whole = count.saturating_mul(EXAM_MINUTES as usize).div_ceil(EXAM_QUESTIONS);
                SignedDuration::from_mins(i64::try_from(whole).unwrap_or(i64::MAX / 60))
            }
        };
        Self { topics, count, time, kinds, seed }
    }
}

/// An exam in progress: everything needed to carry on after a crash.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub topics: Vec<String>,
    pub kinds: Kinds,
    /// The seed of the options' shuffles, so that a resumed exam shows them as before.
    pub seed: u64,
    pub started: Timestamp,
    /// The time the exam had in all.
    pub time: SignedDuration,
    /// The time left when the sheet was last saved.
    pub left: SignedDuration,
    /// Question ids, in the order asked.
    pub questions: Vec<String>,
    /// The learner's answer to each, in content terms.
    pub answers: Vec<Option<Response>>,
    pub flagged: Vec<bool>,
}

impl Sheet {
    /// A fresh sheet for the questions `draw` gave: nothing answered or flagged, all the time
    /// left.
    pub fn new(course: &Course, spec: &Spec, questions: &[QRef], started: Timestamp) -> Self {
        Self {
            topics: spec.topics.clone(),
            kinds: spec.kinds,
            seed: spec.seed,
            started,
            time: spec.time,
            left: spec.time,
            questions: questions.iter().map(|q| q.id(course).to_string()).collect(),
            answers: vec![None; questions.len()],
            flagged: vec![false; questions.len()],
        }
    }

    /// The time used so far: all of it less what is left.
    pub fn used(&self) -> SignedDuration {
        (self.time - self.left).max(SignedDuration::ZERO)
    }
}

/// Why no exam could be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    #[error(
        "cannot draw {asked} questions: the pool has {pool} questions of the chosen topics and kinds; ask for {pool} or fewer"
    )]
    TooMany { asked: usize, pool: usize },
    #[error("topic `{0}` does not exist (topics: {1})")]
    UnknownTopic(String, String),
}

/// Draws the exam's questions (see the module's "The draw"): `spec.count` of them, in the
/// order they are asked.
pub fn draw(course: &Course, progress: &Progress, spec: &Spec) -> Result<Vec<QRef>, DrawError> {
    if let Some(unknown) = spec.topics.iter().find(|t| course.topic(t).is_none()) {
        let known = course.topics.iter().map(|t| t.id.as_str()).collect::<Vec<_>>().join(", ");
        return Err(DrawError::UnknownTopic(unknown.clone(), known));
    }
    let mut pools: Vec<Vec<QRef>> = course
        .topics
        .iter()
        .enumerate()
        .filter(|(_, topic)| spec.topics.is_empty() || spec.topics.contains(&topic.id))
        .map(|(t, topic)| {
            let allowed = topic.questions.iter().enumerate().filter(|(_, q)| spec.kinds.admits(course, q));
            allowed.map(|(question, _)| QRef::Course { topic: t, question }).collect()
        })
        .collect();
    let pool = pools.iter().map(Vec::len).sum();
    if spec.count > pool {
        return Err(DrawError::TooMany { asked: spec.count, pool });
    }
    let mut rng = StdRng::seed_from_u64(spec.seed);
    let sizes: Vec<usize> = pools.iter().map(Vec::len).collect();
    let seen = last_seen(progress);
    let mut drawn = Vec::with_capacity(spec.count);
    for (questions, share) in pools.iter_mut().zip(shares(&sizes, spec.count, &mut rng)) {
        // Shuffled first, so that the stable sort leaves questions met at the same moment
        // (or never) in the seed's order.
        questions.shuffle(&mut rng);
        questions.sort_by_key(|q| seen.get(q.id(course)).copied());
        drawn.extend(questions.drain(..share));
    }
    drawn.shuffle(&mut rng);
    Ok(drawn)
}

/// Splits `count` over pools of `sizes` in proportion (the largest-remainder method): each
/// gets the whole part of its exact share, and the questions left over go one each to the
/// largest remainders, ties in the seed's order. `count` must not exceed the sizes' sum; no
/// pool is given more than it has.
fn shares(sizes: &[usize], count: usize, rng: &mut StdRng) -> Vec<usize> {
    let pool: usize = sizes.iter().sum();
    if pool == 0 {
        return vec![0; sizes.len()];
    }
    let mut shares: Vec<usize> = sizes.iter().map(|&n| count * n / pool).collect();
    let left = count - shares.iter().sum::<usize>();
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.shuffle(rng);
    order.sort_by_key(|&i| std::cmp::Reverse(count * sizes[i] % pool));
    for &i in order.iter().take(left) {
        shares[i] += 1;
    }
    shares
}

/// When the learner last met each question in an exam or in practice.
fn last_seen(progress: &Progress) -> HashMap<&str, Timestamp> {
    let exams = progress.exams().iter().flat_map(|e| e.answers.iter().map(move |a| (a.question.as_str(), e.at)));
    let practice = progress.practice().iter().map(|p| (p.card.as_str(), p.at));
    let mut seen = HashMap::new();
    for (id, at) in exams.chain(practice) {
        seen.entry(id).and_modify(|last: &mut Timestamp| *last = (*last).max(at)).or_insert(at);
    }
    seen
}

/// A scaled score on the exam's 100 to 1,000 scale: 100 for none right, 1,000 for all, in
/// between in proportion, rounded. (AWS does not publish its own mapping; this straight line
/// is ours, and says what share of questions 700 needs: two thirds.)
pub fn scaled(correct: usize, total: usize) -> u32 {
    if total == 0 {
        return 100;
    }
    let x = 100.0 + 900.0 * correct as f64 / total as f64;
    x.round() as u32
}

/// How one question of a sitting went.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    pub id: String,
    pub correct: bool,
    pub answered: bool,
    pub flagged: bool,
}

/// The sheet's questions as the exam asks them: each generated card with the numbers the
/// sheet's seed gives it (as `Session::new` realises them); None for an id the content no
/// longer has.
pub fn asked(course: &Course, sheet: &Sheet) -> Vec<Option<QRef>> {
    let found: Vec<Option<QRef>> = sheet.questions.iter().map(|id| QRef::find(course, id)).collect();
    let known = found.iter().flatten().cloned().collect();
    let mut realised = super::realise_all(course, known, super::Purpose::Exam, sheet.seed).into_iter();
    found.iter().map(|q| q.as_ref().and_then(|_| realised.next())).collect()
}

/// Marks a sheet's answers against the course: an unanswered or unknown question is wrong.
pub fn mark(course: &Course, sheet: &Sheet) -> Vec<Marked> {
    let asked = asked(course, sheet);
    sheet
        .questions
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let answer = sheet.answers.get(i).and_then(Option::as_ref);
            let q = asked.get(i).and_then(Option::as_ref).map(|q| q.get(course));
            let correct = match (q, answer) {
                (Some(q), Some(r)) => grade(q, r).correct,
                _ => false,
            };
            Marked {
                id: id.clone(),
                correct,
                answered: answer.is_some(),
                flagged: sheet.flagged.get(i).copied().unwrap_or(false),
            }
        })
        .collect()
}

/// The [`ExamRecord`] a finished sheet becomes, ended at `at`: the score as [`mark`] gives it,
/// `seconds` the time used, and each answer in the words of [`ExamAnswer::given`].
pub fn record(course: &Course, sheet: &Sheet, at: Timestamp) -> ExamRecord {
    let marked = mark(course, sheet);
    let asked = asked(course, sheet);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let score = marked.iter().filter(|m| m.correct).count();
    let answers = marked
        .into_iter()
        .zip(&sheet.questions)
        .enumerate()
        .map(|(i, (m, _))| {
            let response = sheet.answers.get(i).and_then(Option::as_ref);
            let q = asked.get(i).and_then(Option::as_ref).map(|q| q.get(course));
            let given = response.map(|r| given(q, r)).unwrap_or_default();
            ExamAnswer { question: m.id, given, correct: m.correct, flagged: m.flagged }
        })
        .collect();
    ExamRecord {
        at,
        topics: sheet.topics.clone(),
        score: count(score),
        total: count(sheet.questions.len()),
        passed: scaled(score, sheet.questions.len()) >= PASS_SCALED,
        seconds: Some(sheet.used().as_secs_f64().round().clamp(0.0, f64::from(u32::MAX)) as u32),
        answers,
    }
}

/// A response in the words [`ExamAnswer::given`] describes: option ids, `true`/`false`, item
/// texts, `left = right` pairs, the number. A position the question does not have (or a
/// question the content no longer has) is written as the position itself.
fn given(q: Option<&Question>, r: &Response) -> Vec<String> {
    let body = q.map(|q| &q.body);
    let option = |i: usize| {
        match body {
            Some(QuestionBody::Single { options, .. } | QuestionBody::Multi { options, .. }) => options.get(i),
            _ => None,
        }
        .map_or_else(|| i.to_string(), |o| o.id.clone())
    };
    let pairs = match body {
        Some(QuestionBody::Match { pairs }) => pairs.as_slice(),
        _ => &[],
    };
    let item = |i: usize| match body {
        Some(QuestionBody::Order { items }) => items.get(i).cloned(),
        _ => None,
    };
    match r {
        Response::Single(i) => vec![option(*i)],
        Response::Multi(picked) => {
            let mut picked = picked.clone();
            picked.sort_unstable();
            picked.dedup();
            picked.into_iter().map(option).collect()
        }
        Response::TrueFalse(b) => vec![b.to_string()],
        Response::Order(order) => order.iter().map(|&i| item(i).unwrap_or_else(|| i.to_string())).collect(),
        Response::Match(rights) => rights
            .iter()
            .enumerate()
            .map(|(l, &r)| {
                let left = pairs.get(l).map_or_else(|| l.to_string(), |p| p.0.clone());
                let right = pairs.get(r).map_or_else(|| r.to_string(), |p| p.1.clone());
                format!("{left} = {right}")
            })
            .collect(),
        Response::Numeric(x) => vec![x.to_string()],
    }
}

/// The report of a finished exam: what `exam --report --json` prints and the results screen
/// shows. Subtotals per topic in course order and per CLF-C02 task in the exam guide's order;
/// a question the content no longer has counts under the topic its id names, with no task, and
/// so does a question about the exam itself (tagged `exam-format`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// When the exam ended.
    pub at: Timestamp,
    pub score: u32,
    pub total: u32,
    pub scaled: u32,
    pub passed: bool,
    /// Time used, if known.
    pub seconds: Option<u32>,
    pub flagged: usize,
    pub unanswered: usize,
    pub topics: Vec<Subtotal>,
    pub tasks: Vec<Subtotal>,
    pub questions: Vec<QuestionResult>,
}

/// Right answers out of questions, in one topic or task (`"3.3"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subtotal {
    pub id: String,
    pub correct: usize,
    pub total: usize,
}

/// How one question went; `kind` is null for a question the content no longer has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionResult {
    pub id: String,
    pub kind: Option<QuestionKind>,
    pub correct: bool,
    pub flagged: bool,
    pub answered: bool,
}

impl Report {
    pub fn new(course: &Course, exam: &ExamRecord) -> Self {
        let mut topics: Vec<(Option<usize>, Subtotal)> = Vec::new();
        let mut tasks: Vec<(crate::content::ExamTask, Subtotal)> = Vec::new();
        let mut questions = Vec::with_capacity(exam.answers.len());
        for a in &exam.answers {
            let q = course.question(&a.question);
            let topic_id = q.map_or_else(|| a.question.split('.').next().unwrap_or_default(), |q| q.topic.as_str());
            let topic = course.topics.iter().position(|t| t.id == topic_id);
            let at = match topics.iter().position(|(_, s)| s.id == topic_id) {
                Some(at) => at,
                None => {
                    topics.push((topic, Subtotal { id: topic_id.to_string(), correct: 0, total: 0 }));
                    topics.len() - 1
                }
            };
            count(&mut topics[at].1, a.correct);
            // A question about the exam itself counts in its topic but towards no task.
            if let Some(task) = q.and_then(Question::counted_task) {
                let at = match tasks.iter().position(|(t, _)| *t == task) {
                    Some(at) => at,
                    None => {
                        tasks.push((task, Subtotal { id: task.to_string(), correct: 0, total: 0 }));
                        tasks.len() - 1
                    }
                };
                count(&mut tasks[at].1, a.correct);
            }
            questions.push(QuestionResult {
                id: a.question.clone(),
                // A generated card is asked as a choice in an exam.
                kind: q.map(|q| if course.template(&q.id).is_some() { QuestionKind::Single } else { q.kind() }),
                correct: a.correct,
                flagged: a.flagged,
                answered: !a.given.is_empty(),
            });
        }
        // Unknown topics (None) after the course's, in the order met (the sort is stable).
        topics.sort_by_key(|(t, _)| t.unwrap_or(usize::MAX));
        tasks.sort_by_key(|(t, _)| *t);
        Self {
            at: exam.at,
            score: exam.score,
            total: exam.total,
            scaled: exam.scaled(),
            passed: exam.passed,
            seconds: exam.seconds,
            flagged: questions.iter().filter(|q| q.flagged).count(),
            unanswered: questions.iter().filter(|q| !q.answered).count(),
            topics: topics.into_iter().map(|(_, s)| s).collect(),
            tasks: tasks.into_iter().map(|(_, s)| s).collect(),
            questions,
        }
    }

    /// The questions not answered right, in the order asked.
    pub fn missed(&self) -> impl Iterator<Item = &QuestionResult> + '_ {
        self.questions.iter().filter(|q| !q.correct)
    }

    /// The report as `exam --report` prints it: the result, the subtotals, the missed
    /// questions by id.
    pub fn to_text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let result = if self.passed { "PASSED" } else { "NOT PASSED" };
        let _ = writeln!(out, "Exam of {}: {result}", self.at.strftime("%Y-%m-%d %H:%M UTC"));
        let _ = writeln!(
            out,
            "Score: {} of {} right, scaled {} ({PASS_SCALED} to pass)",
            self.score, self.total, self.scaled
        );
        let time = self.seconds.map_or_else(|| "not recorded".to_string(), |s| format!("{}:{:02}", s / 60, s % 60));
        let _ = writeln!(out, "Time used: {time}");
        let _ = writeln!(out, "Flagged: {}, unanswered: {}", self.flagged, self.unanswered);
        for (title, lines) in [("By topic", &self.topics), ("By CLF-C02 task", &self.tasks)] {
            if lines.is_empty() {
                continue;
            }
            let width = lines.iter().map(|s| s.id.chars().count()).max().unwrap_or(0);
            let _ = writeln!(out, "\n{title}:");
            for s in lines {
                let pct = super::percent(s.correct, s.total);
                let _ = writeln!(out, "  {:<width$}  {:>3}/{:<3}  {pct:>3}%", s.id, s.correct, s.total);
            }
        }
        let missed: Vec<&QuestionResult> = self.missed().collect();
        if missed.is_empty() {
            if !self.questions.is_empty() {
                let _ = writeln!(out, "\nNothing missed.");
            }
        } else {
            let _ = writeln!(out, "\nMissed ({}):", missed.len());
            for q in missed {
                let mut notes = Vec::new();
                if !q.answered {
                    notes.push("unanswered");
                }
                if q.flagged {
                    notes.push("flagged");
                }
                let notes = if notes.is_empty() { String::new() } else { format!("  ({})", notes.join(", ")) };
                let _ = writeln!(out, "  {}{notes}", q.id);
            }
        }
        out
    }
}

fn count(s: &mut Subtotal, correct: bool) {
    s.total += 1;
    s.correct += usize::from(correct);
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::content::fixture_course;
    use crate::progress::PracticeMode;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn course() -> Course {
        crate::content::load(None).unwrap()
    }

    fn spec(topics: &[&str], count: usize, kinds: Kinds, seed: u64) -> Spec {
        Spec::new(topics.iter().map(ToString::to_string).collect(), Some(count), None, kinds, seed)
    }

    fn ids<'a>(course: &'a Course, drawn: &'a [QRef]) -> Vec<&'a str> {
        drawn.iter().map(|q| q.id(course)).collect()
    }

    /// The questions of `topic` an exam of `kinds` may draw.
    fn pool_of<'a>(course: &'a Course, topic: &str, kinds: Kinds) -> Vec<&'a str> {
        let topic = course.topic(topic).unwrap();
        topic.questions.iter().filter(|q| kinds.admits(course, q)).map(|q| q.id.as_str()).collect()
    }

    #[test]
    fn each_topic_gets_its_share_in_proportion_to_its_pool() {
        let course = course();
        let p = Progress::default();
        for (topics, count, kinds) in [
            (&[][..], 65, Kinds::Exam),
            (&[][..], 65, Kinds::All),
            (&[][..], 7, Kinds::Exam),
            (&["lambda", "ecs", "batch"][..], 20, Kinds::All),
            (&["pricing", "docker"][..], 9, Kinds::Exam),
        ] {
            let chosen: Vec<&str> =
                if topics.is_empty() { course.topics.iter().map(|t| t.id.as_str()).collect() } else { topics.to_vec() };
            let pool: usize = chosen.iter().map(|t| pool_of(&course, t, kinds).len()).sum();
            for seed in 0..5 {
                let drawn = draw(&course, &p, &spec(topics, count, kinds, seed)).unwrap();
                assert_eq!(drawn.len(), count);
                for topic in &chosen {
                    let n = pool_of(&course, topic, kinds).len();
                    let got = drawn.iter().filter(|q| course.topics[q.topic()].id == *topic).count();
                    // The exact share, rounded down or up: never further off.
                    let (low, high) = (count * n / pool, (count * n).div_ceil(pool));
                    assert!((low..=high).contains(&got), "{topic}: {got} of {count}, share {low}..={high}");
                }
                assert!(drawn.iter().all(|q| chosen.contains(&course.topics[q.topic()].id.as_str())));
                assert!(drawn.iter().all(|q| kinds.admits(&course, q.get(&course))), "only the allowed kinds");
            }
        }
    }

    #[test]
    fn no_question_is_drawn_twice_and_the_whole_pool_can_be_drawn() {
        let course = course();
        let pool = pool_of(&course, "lambda", Kinds::Exam);
        for count in [1, pool.len() / 2, pool.len()] {
            let drawn = draw(&course, &Progress::default(), &spec(&["lambda"], count, Kinds::Exam, 3)).unwrap();
            let unique: HashSet<&str> = ids(&course, &drawn).into_iter().collect();
            assert_eq!(unique.len(), count);
            if count == pool.len() {
                assert_eq!(unique, pool.iter().copied().collect(), "the whole pool, each once");
            }
        }
        let all = draw(&course, &Progress::default(), &spec(&[], 65, Kinds::All, 9)).unwrap();
        assert_eq!(ids(&course, &all).into_iter().collect::<HashSet<_>>().len(), 65);
    }

    #[test]
    fn questions_never_met_come_first_then_those_met_longest_ago() {
        let course = course();
        let pool = pool_of(&course, "ecs", Kinds::All);
        assert!(pool.len() > 8);
        let mut p = Progress::default();
        // Every question but the first three met, the later ones more recently; an exam
        // counts as meeting its questions at its end, practice at the answer.
        let met = &pool[3..];
        let exam_at = t("2026-11-20T10:00:00Z");
        p.record_exam(ExamRecord {
            at: exam_at,
            topics: vec![],
            score: 0,
            total: 1,
            passed: false,
            seconds: None,
            answers: vec![ExamAnswer { question: met[0].into(), given: vec![], correct: false, flagged: false }],
        });
        for (i, id) in met.iter().enumerate().skip(1) {
            let at = exam_at + SignedDuration::from_hours(i64::try_from(i).unwrap());
            p.record_practice(id, true, PracticeMode::Quiz, at);
        }
        // Met again, long ago: the latest meeting is the one that counts.
        p.record_practice(met[1], false, PracticeMode::Drill, t("2025-01-01T00:00:00Z"));
        for seed in 0..5 {
            let drawn = draw(&course, &p, &spec(&["ecs"], 3, Kinds::All, seed)).unwrap();
            let got: HashSet<&str> = ids(&course, &drawn).into_iter().collect();
            assert_eq!(got, pool[..3].iter().copied().collect(), "never met first");
            let drawn = draw(&course, &p, &spec(&["ecs"], 6, Kinds::All, seed)).unwrap();
            let got: HashSet<&str> = ids(&course, &drawn).into_iter().collect();
            let want: HashSet<&str> = pool[..3].iter().chain(&met[..3]).copied().collect();
            assert_eq!(got, want, "then the ones met longest ago (the exam first)");
        }
    }

    #[test]
    fn the_same_seed_draws_the_same_exam() {
        let course = course();
        let mut p = Progress::default();
        p.record_practice(
            pool_of(&course, "lambda", Kinds::Exam)[0],
            true,
            PracticeMode::Quiz,
            t("2026-11-20T10:00:00Z"),
        );
        let a = draw(&course, &p, &spec(&[], 30, Kinds::Exam, 42)).unwrap();
        assert_eq!(draw(&course, &p, &spec(&[], 30, Kinds::Exam, 42)).unwrap(), a);
        let others: Vec<Vec<QRef>> =
            (43..46).map(|seed| draw(&course, &p, &spec(&[], 30, Kinds::Exam, seed)).unwrap()).collect();
        assert!(others.iter().all(|o| *o != a), "another seed, another exam");
        // The order is shuffled across topics, not topic by topic.
        let topics: Vec<usize> = a.iter().map(QRef::topic).collect();
        assert!(!topics.is_sorted(), "{topics:?}");
    }

    #[test]
    fn a_count_beyond_the_pool_is_refused_with_the_pool_size() {
        let course = course();
        let pool = pool_of(&course, "batch", Kinds::Exam).len();
        let err = draw(&course, &Progress::default(), &spec(&["batch"], pool + 1, Kinds::Exam, 1)).unwrap_err();
        assert_eq!(err, DrawError::TooMany { asked: pool + 1, pool });
        assert!(err.to_string().contains(&format!("the pool has {pool} questions")), "{err}");
        assert!(draw(&course, &Progress::default(), &spec(&["batch"], pool, Kinds::Exam, 1)).is_ok());
        let all = pool_of(&course, "batch", Kinds::All).len();
        assert!(all > pool, "other kinds widen the pool");
        assert!(draw(&course, &Progress::default(), &spec(&["batch"], pool + 1, Kinds::All, 1)).is_ok());
        let err = draw(&course, &Progress::default(), &spec(&["nope"], 1, Kinds::All, 1)).unwrap_err();
        assert!(matches!(err, DrawError::UnknownTopic(t, _) if t == "nope"));
    }

    #[test]
    fn shares_follow_the_largest_remainders() {
        let mut rng = StdRng::seed_from_u64(1);
        assert_eq!(shares(&[10, 10, 10], 30, &mut rng), [10, 10, 10]);
        assert_eq!(shares(&[50, 30, 20], 10, &mut rng), [5, 3, 2]);
        // 7 x (6, 3, 1)/10 = 4.2, 2.1, 0.7: the 0.7 gets the one left over.
        assert_eq!(shares(&[6, 3, 1], 7, &mut rng), [4, 2, 1]);
        assert_eq!(shares(&[0, 5], 5, &mut rng), [0, 5]);
        assert_eq!(shares(&[], 0, &mut rng), Vec::<usize>::new());
        // A tie for the last one: the seed decides, and over seeds both get it.
        let winners: HashSet<Vec<usize>> =
            (0..20).map(|seed| shares(&[5, 5], 1, &mut StdRng::seed_from_u64(seed))).collect();
        assert_eq!(winners, [vec![1, 0], vec![0, 1]].into_iter().collect());
    }

    /// A sheet over every question of the fixture course, in course order.
    fn fixture_sheet(course: &Course, answers: Vec<Option<Response>>, flagged: Vec<bool>) -> Sheet {
        let questions: Vec<QRef> = QRef::all(course).collect();
        let spec = Spec::new(vec!["alpha".into()], Some(questions.len()), Some(10.0), Kinds::All, 5);
        let mut sheet = Sheet::new(course, &spec, &questions, t("2026-11-27T15:00:00Z"));
        sheet.answers = answers;
        sheet.flagged = flagged;
        sheet.left = SignedDuration::from_millis(7 * 60_000 - 500);
        sheet
    }

    #[test]
    fn a_finished_sheet_becomes_a_record_with_the_answers_in_words() {
        let course = fixture_course();
        // single, multi, true_false, order, match, numeric
        let answers = vec![
            Some(Response::Single(0)),
            Some(Response::Multi(vec![1, 0])),
            None,
            Some(Response::Order(vec![1, 0, 2])),
            Some(Response::Match(vec![0, 1, 2])),
            Some(Response::Numeric(1000.0)),
        ];
        let sheet = fixture_sheet(&course, answers, vec![false, false, true, true, false, false]);
        let r = record(&course, &sheet, t("2026-11-27T15:03:00Z"));
        assert_eq!((r.score, r.total, r.scaled(), r.passed), (4, 6, 700, true), "exactly two thirds passes");
        assert_eq!(r.seconds, Some(181), "3 min 0.5 s used, rounded");
        assert_eq!(r.topics, ["alpha"]);
        assert_eq!(r.at, t("2026-11-27T15:03:00Z"));
        let given: Vec<Vec<&str>> = r.answers.iter().map(|a| a.given.iter().map(String::as_str).collect()).collect();
        assert_eq!(
            given,
            [
                vec!["lambda"],
                vec!["lambda", "fargate"],
                vec![],
                vec!["Event", "Upload", "Function"],
                vec!["ECR = Stores images", "ECS = Runs containers", "Fargate = No servers"],
                vec!["1000"],
            ]
        );
        assert_eq!(r.answers.iter().map(|a| a.correct).collect::<Vec<_>>(), [true, true, false, false, true, true]);
        assert_eq!(r.answers.iter().map(|a| a.flagged).collect::<Vec<_>>(), [false, false, true, true, false, false]);
        assert_eq!(r.answers[0].question, "alpha.single");
    }

    fn all_right() -> Vec<Option<Response>> {
        vec![
            Some(Response::Single(0)),
            Some(Response::Multi(vec![0, 1])),
            Some(Response::TrueFalse(true)),
            Some(Response::Order(vec![0, 1, 2])),
            Some(Response::Match(vec![0, 1, 2])),
            Some(Response::Numeric(1000.0)),
        ]
    }

    #[test]
    fn marking_all_right_none_right_a_partly_right_multi_and_unanswered() {
        let course = fixture_course();
        let correct = |answers| -> Vec<bool> {
            mark(&course, &fixture_sheet(&course, answers, vec![false; 6])).iter().map(|m| m.correct).collect()
        };
        assert_eq!(correct(all_right()), [true; 6]);
        let none_right = vec![
            Some(Response::Single(1)),
            Some(Response::Multi(vec![2])),
            Some(Response::TrueFalse(false)),
            Some(Response::Order(vec![2, 1, 0])),
            Some(Response::Match(vec![1, 0, 2])),
            Some(Response::Numeric(999.0)),
        ];
        assert_eq!(correct(none_right), [false; 6]);
        // A multi with one right pick and one wrong, or one pick short, is wrong as a whole.
        for partly in [vec![0, 2], vec![0], vec![0, 1, 2]] {
            let mut answers = all_right();
            answers[1] = Some(Response::Multi(partly.clone()));
            assert_eq!(correct(answers), [true, false, true, true, true, true], "{partly:?}");
        }
        let marked = mark(&course, &fixture_sheet(&course, vec![None; 6], vec![true; 6]));
        assert!(marked.iter().all(|m| !m.correct && !m.answered && m.flagged), "unanswered is wrong");
        let sheet = fixture_sheet(&course, vec![None; 6], vec![false; 6]);
        let r = record(&course, &sheet, t("2026-11-27T16:00:00Z"));
        assert_eq!((r.score, r.scaled(), r.passed), (0, 100, false));
        assert!(r.answers.iter().all(|a| a.given.is_empty()));
        let r = record(&course, &fixture_sheet(&course, all_right(), vec![false; 6]), t("2026-11-27T16:00:00Z"));
        assert_eq!((r.score, r.scaled(), r.passed), (6, 1000, true));
    }

    #[test]
    fn the_report_adds_up_per_topic_per_task_and_per_question() {
        let course = fixture_course();
        let mut answers = all_right();
        answers[2] = None; // true_false (3.3), unanswered
        answers[5] = Some(Response::Numeric(1.0)); // numeric (4.1), wrong
        let sheet = fixture_sheet(&course, answers, vec![false, true, true, false, false, false]);
        let mut r = record(&course, &sheet, t("2026-11-27T15:03:00Z"));
        // A question the content no longer has counts under its id's topic, with no task.
        r.answers.push(ExamAnswer {
            question: "gone.old".into(),
            given: vec!["a".into()],
            correct: true,
            flagged: false,
        });
        r.score += 1;
        r.total += 1;
        let report = Report::new(&course, &r);
        let json = serde_json::to_value(&report).unwrap();
        let want = serde_json::json!({
            "at": "2026-11-27T15:03:00Z", "score": 5, "total": 7, "scaled": 743, "passed": true,
            "seconds": 181, "flagged": 2, "unanswered": 1,
            "topics": [{"id": "alpha", "correct": 4, "total": 6}, {"id": "gone", "correct": 1, "total": 1}],
            "tasks": [{"id": "3.3", "correct": 4, "total": 5}, {"id": "4.1", "correct": 0, "total": 1}],
            "questions": [
                {"id": "alpha.single", "kind": "single", "correct": true, "flagged": false, "answered": true},
                {"id": "alpha.multi", "kind": "multi", "correct": true, "flagged": true, "answered": true},
                {"id": "alpha.truth", "kind": "true_false", "correct": false, "flagged": true, "answered": false},
                {"id": "alpha.order", "kind": "order", "correct": true, "flagged": false, "answered": true},
                {"id": "alpha.match", "kind": "match", "correct": true, "flagged": false, "answered": true},
                {"id": "alpha.numeric", "kind": "numeric", "correct": false, "flagged": false, "answered": true},
                {"id": "gone.old", "kind": null, "correct": true, "flagged": false, "answered": true},
            ],
        });
        assert_eq!(json, want);
        assert_eq!(report.missed().map(|q| q.id.as_str()).collect::<Vec<_>>(), ["alpha.truth", "alpha.numeric"]);

        let text = report.to_text();
        for line in [
            "Exam of 2026-11-27 15:03 UTC: PASSED\n",
            "Score: 5 of 7 right, scaled 743 (700 to pass)\n",
            "Time used: 3:01\n",
            "Flagged: 2, unanswered: 1\n",
            "\nBy topic:\n  alpha    4/6     67%\n  gone     1/1    100%\n",
            "\nBy CLF-C02 task:\n  3.3    4/5     80%\n  4.1    0/1      0%\n",
            "\nMissed (2):\n  alpha.truth  (unanswered, flagged)\n  alpha.numeric\n",
        ] {
            assert!(text.contains(line), "{line:?} in\n{text}");
        }
        // An old record: no answers kept, no time.
        let old = ExamRecord { seconds: None, answers: vec![], ..r };
        let text = Report::new(&course, &old).to_text();
        assert!(text.contains("Time used: not recorded\n") && !text.contains("By topic"), "{text}");
    }

    #[test]
    fn questions_about_the_exam_itself_count_in_their_topic_but_towards_no_task() {
        let course = course();
        let format = course.question("docker.exam-format").unwrap();
        assert!(format.tags.iter().any(|t| t == crate::content::EXAM_FORMAT_TAG));
        assert_eq!(format.counted_task(), None);
        let answer =
            |id: &str| ExamAnswer { question: id.into(), given: vec!["x".into()], correct: true, flagged: false };
        let mut r = record(
            &course,
            &Sheet::new(&course, &spec(&[], 0, Kinds::Exam, 1), &[], t("2026-11-27T15:00:00Z")),
            t("2026-11-27T15:03:00Z"),
        );
        r.answers = vec![answer("docker.exam-format"), answer("docker.what-is-image")];
        let report = Report::new(&course, &r);
        assert_eq!(report.topics, [Subtotal { id: "docker".into(), correct: 2, total: 2 }]);
        assert_eq!(report.tasks, [Subtotal { id: "3.3".into(), correct: 1, total: 1 }]);
    }

    #[test]
    fn scaled_runs_from_100_to_1000_and_two_thirds_pass() {
        assert_eq!(scaled(0, 65), 100);
        assert_eq!(scaled(65, 65), 1000);
        assert_eq!(scaled(44, 66), 700);
        assert!(scaled(43, 65) < PASS_SCALED && scaled(44, 65) >= PASS_SCALED);
        assert_eq!(scaled(0, 0), 100);
    }

    #[test]
    fn time_is_in_proportion_to_the_real_exam_unless_given() {
        let t = |count, minutes| Spec::new(vec![], count, minutes, Kinds::Exam, 1).time;
        assert_eq!(t(None, None), SignedDuration::from_mins(90));
        assert_eq!(t(Some(10), None), SignedDuration::from_mins(14), "10 x 90/65 = 13.8, rounded up");
        assert_eq!(t(Some(5), Some(0.1)), SignedDuration::from_secs(6));
        assert_eq!(Spec::new(vec![], None, None, Kinds::Exam, 1).count, 65);
    }
}
