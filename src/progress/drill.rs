//! The weak-spot drill: which questions a drill asks, weakest first, and why. No I/O.
//!
//! [`Progress::drill_plan`] looks at everything the learner has answered (reviews, practice
//! answers from quizzes, drills and lesson checks, exam answers) and gives each question of
//! the course a **need**, a number from 0 to 1: higher means more likely to be answered wrong
//! now. The plan is the `count` questions with the highest need; equal needs keep course
//! order, so the same progress at the same instant always gives the same plan.
//!
//! # The need
//!
//! A question the learner has answered has `w`, the chance of a wrong answer now as far as
//! its own history tells, the larger of two signals:
//!
//! - **forgetting**, for a reviewed card: `1 - R`, with `R` the FSRS probability of recall at
//!   `now` ([`Scheduler::retrievability`](crate::srs::Scheduler::retrievability)), plus 0.05
//!   for each lapse (up to 3): a card forgotten before is forgotten again more easily than
//!   its stability alone says.
//! - **a standing miss**: the question's last answer (practice or exam, whichever is later)
//!   was wrong. `0.5 + 0.5 * 2^(-days / 14)`: 1 just after the miss, 0.75 two weeks later,
//!   never below 0.5. A later right answer clears the miss, whether it came in practice, in
//!   an exam or as a review rated Hard, Good or Easy; a review rated Again does not (the card
//!   is then also low on recall, which speaks for itself).
//!
//! It is a **weak card** when `w` is above `1 - desired_retention` (0.1 by default): more
//! likely to be wrong than the learner has said they accept. Its need is `0.5 + 0.5 * w`,
//! in the upper half, so recent misses and cards nearly forgotten come first, interleaved on
//! one scale.
//!
//! A question never answered at all is **unseen**. Those of a **weak topic** come after
//! every weak card: their need is `0.5 * (1 - a) * 0.9^k`, in the lower half, where `a` is
//! the topic's accuracy (right answers + 1) / (answers + 2) and `k` counts the topic's
//! unseen questions placed before this one, so the weakest topics lead but the drill does not
//! empty one topic before touching the next. A topic's answers are its questions' practice
//! and exam answers and review ratings (Again is wrong); a topic is weak when under the
//! desired retention of them were right. The +1 and +2 weigh the evidence: one wrong answer
//! (0% right, 1/3) counts as less weak than two right of ten (20%, 3/12). Topics rank by `a`,
//! and topics with the same `a` share a rank (the reason says "tied").
//!
//! When that leaves the plan short, the least-practised questions fill it, spread round
//! the topics in course order (all the unseen ones first, one from each topic in turn, then
//! those answered once, and so on), and the plan's note says so. With no answers at all, the
//! whole plan is such a spread, and the note says why.
//!
//! Suspended questions are left out; answers to ids the content no longer has are ignored,
//! and so are exam questions left unanswered (the clock ran out; that says nothing of what
//! the learner knows). Buried cards stay in: burying hides a card from today's reviews, and a
//! drill is not a review.

use std::collections::HashMap;

use jiff::Timestamp;
use serde::Serialize;

use super::doc::{Progress, utc_day};
use super::study::PracticeMode;
use crate::content::{Course, Question};
use crate::fmt::plural;
use crate::quiz::{DEFAULT_COUNT, percent};
use crate::srs::Rating;

/// How much each lapse adds to a card's chance of a wrong answer.
const LAPSE_WEIGHT: f64 = 0.05;
/// Lapses beyond this many add nothing more.
const LAPSES_COUNTED: u32 = 3;
/// Days for a miss's weight above its floor to halve.
const MISS_HALF_LIFE_DAYS: f64 = 14.0;
/// Each further unseen question of a weak topic counts this much less than the one before.
const TOPIC_STEP: f64 = 0.9;

/// What a drill would ask, weakest first.
#[derive(Debug, Clone)]
pub struct DrillPlan<'c> {
    /// No question twice.
    pub picks: Vec<DrillPick<'c>>,
    /// Why the plan is not all weak spots, or shorter than asked, in a sentence or two:
    /// `None` when it is `count` weak spots.
    pub note: Option<String>,
}

/// One question of a [`DrillPlan`].
#[derive(Debug, Clone)]
pub struct DrillPick<'c> {
    pub question: &'c Question,
    pub reason: Reason,
    /// The need the plan is sorted by (module docs): 0 for the questions that only fill it.
    pub need: f64,
}

/// Why a question is in a drill.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// A reviewed card whose probability of recall now (FSRS) is under the desired retention.
    LowRecall { retrievability: f64, lapses: u32 },
    /// A reviewed card recalled well enough now, but forgotten in review before.
    Lapsed { lapses: u32, retrievability: f64 },
    /// The last answer was wrong, in the exam that ended at `at`.
    MissedInExam { at: Timestamp },
    /// The last answer was wrong, in practice at `at`; `days_ago` counts UTC days back from
    /// the plan's `now` (0 for today).
    MissedInPractice { at: Timestamp, mode: PracticeMode, days_ago: i64 },
    /// Never answered, in a topic with few right answers: `rank` 1 is the weakest topic;
    /// topics as weak as each other share a rank and are `tied`.
    WeakTopic { topic: String, title: String, right: usize, answered: usize, rank: usize, tied: bool },
    /// Not a weak spot: one of the least-practised questions, filling the plan.
    LeastPractised { answers: u32 },
    /// No answers at all yet: a question of a spread across the topics.
    Spread,
}

impl Reason {
    /// One line in words, for the plan's table and the drill screen.
    pub fn text(&self) -> String {
        let pct = |r: f64| (r.clamp(0.0, 1.0) * 100.0).round() as u32;
        match self {
            Self::LowRecall { retrievability, lapses } => {
                let lapses = if *lapses > 0 { format!(", {}", plural(*lapses, "lapse")) } else { String::new() };
                format!("recall probability {}% now (FSRS){lapses}", pct(*retrievability))
            }
            Self::Lapsed { lapses, retrievability } => format!(
                "{} in review (recall probability {}% now, FSRS)",
                plural(*lapses, "lapse"),
                pct(*retrievability)
            ),
            Self::MissedInExam { at } => format!("missed in the exam of {}", at.strftime("%Y-%m-%d")),
            Self::MissedInPractice { mode, days_ago, .. } => {
                let mode = match mode {
                    PracticeMode::Quiz => "a quiz",
                    PracticeMode::Drill => "a drill",
                    PracticeMode::Check => "a lesson's check",
                };
                let when = match days_ago {
                    ..=0 => "today".to_string(),
                    1 => "yesterday".to_string(),
                    n => format!("{n} days ago"),
                };
                format!("missed in {mode} {when}")
            }
            Self::WeakTopic { title, right, answered, rank, tied, .. } => {
                let which = if *rank <= 1 { "weakest".to_string() } else { format!("{} weakest", ordinal(*rank)) };
                let tied = if *tied { "tied as " } else { "" };
                format!(
                    "unseen, and {title} is {tied}your {which} topic ({}% right, {right} of {answered})",
                    percent(*right, *answered)
                )
            }
            Self::LeastPractised { answers: 0 } => "not a weak spot: unseen, filling the drill".to_string(),
            Self::LeastPractised { answers: 1 } => "not a weak spot: answered once, filling the drill".to_string(),
            Self::LeastPractised { answers } => format!("not a weak spot: answered {answers} times, filling the drill"),
            Self::Spread => "no answers yet: a spread across the topics".to_string(),
        }
    }

    /// A stable name for scripts: `low_recall`, `lapsed`, `missed_in_exam`,
    /// `missed_in_practice`, `weak_topic`, `least_practised`, `spread`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::LowRecall { .. } => "low_recall",
            Self::Lapsed { .. } => "lapsed",
            Self::MissedInExam { .. } => "missed_in_exam",
            Self::MissedInPractice { .. } => "missed_in_practice",
            Self::WeakTopic { .. } => "weak_topic",
            Self::LeastPractised { .. } => "least_practised",
            Self::Spread => "spread",
        }
    }

    /// Whether the question is there for a weakness (not only to fill the plan).
    pub fn is_weak(&self) -> bool {
        !matches!(self, Self::LeastPractised { .. } | Self::Spread)
    }
}

/// 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, ... 21st.
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

impl<'c> DrillPlan<'c> {
    /// The questions in the order the drill asks them.
    pub fn questions(&self) -> impl ExactSizeIterator<Item = &'c Question> + '_ {
        self.picks.iter().map(|p| p.question)
    }

    /// What `cloudcram drill --plan [--json]` prints.
    pub fn report(&self) -> DrillReport {
        DrillReport {
            cards: self
                .picks
                .iter()
                .map(|p| DrillCard {
                    id: p.question.id.clone(),
                    topic: p.question.topic.clone(),
                    reason: p.reason.text(),
                    kind: p.reason.kind(),
                })
                .collect(),
            note: self.note.clone(),
        }
    }
}

/// `cloudcram drill --plan --json`: `{"cards":[{"id","topic","reason","kind"}],"note"}`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DrillReport {
    /// Weakest first.
    pub cards: Vec<DrillCard>,
    pub note: Option<String>,
}

/// One question of a [`DrillReport`].
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DrillCard {
    pub id: String,
    pub topic: String,
    /// [`Reason::text`].
    pub reason: String,
    /// [`Reason::kind`].
    pub kind: &'static str,
}

impl DrillReport {
    /// A table: rank, card id, topic, reason; then the note.
    pub fn to_text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        if !self.cards.is_empty() {
            let _ = writeln!(out, "Drill: {}, weakest first\n", plural(self.cards.len(), "question"));
            let id_width = self.cards.iter().map(|c| c.id.chars().count()).max().unwrap_or(0).max(4);
            let topic_width = self.cards.iter().map(|c| c.topic.chars().count()).max().unwrap_or(0).max(5);
            let _ = writeln!(out, "{:>4}  {:<id_width$}  {:<topic_width$}  REASON", "RANK", "CARD", "TOPIC");
            for (i, c) in self.cards.iter().enumerate() {
                let _ = writeln!(out, "{:>4}  {:<id_width$}  {:<topic_width$}  {}", i + 1, c.id, c.topic, c.reason);
            }
        }
        if let Some(note) = &self.note {
            if !out.is_empty() {
                out.push('\n');
            }
            let _ = writeln!(out, "{note}");
        }
        out
    }
}

/// Where a wrong answer was given. A review rated Again is no miss: FSRS counts it.
#[derive(Debug, Clone, Copy)]
enum MissedIn {
    Exam,
    Practice(PracticeMode),
}

/// The latest answer that can make or clear a miss: a practice or exam answer, or a review
/// that recalled the card. `missed` is `None` for a right one.
#[derive(Debug, Clone, Copy)]
struct Judged {
    at: Timestamp,
    missed: Option<MissedIn>,
}

/// One question's answers, as the plan sees them.
#[derive(Debug, Clone, Copy, Default)]
struct Answers {
    /// Reviews, practice answers and answered exam questions.
    count: u32,
    last: Option<Judged>,
}

impl Answers {
    /// Keeps `judged` if it is the latest so far; at the same instant, the later call wins.
    fn judge(&mut self, judged: Judged) {
        if self.last.is_none_or(|last| judged.at >= last.at) {
            self.last = Some(judged);
        }
    }
}

/// A question that could be drilled, with what the plan needs to sort it.
struct Candidate<'c> {
    order: usize,
    need: f64,
    question: &'c Question,
    reason: Reason,
}

impl Progress {
    /// The `count` questions of `course` a weak-spot drill asks at `now`, weakest first,
    /// each with its reason (see the module docs for the order). `count` 0 means
    /// [`DEFAULT_COUNT`]. The plan is shorter only when the course has fewer questions that
    /// are not suspended.
    pub fn drill_plan<'c>(&self, course: &'c Course, now: Timestamp, count: usize) -> DrillPlan<'c> {
        let count = if count == 0 { DEFAULT_COUNT } else { count };
        let desired = self.settings.desired_retention;
        let questions: Vec<&'c Question> = course.questions().collect();
        let topic_of: Vec<usize> =
            course.topics.iter().enumerate().flat_map(|(i, t)| std::iter::repeat_n(i, t.questions.len())).collect();
        let index: HashMap<&str, usize> = questions.iter().enumerate().map(|(i, q)| (q.id.as_str(), i)).collect();

        // Every answer to a question of the course, tallied per question and per topic. The
        // order (exams, practice, reviews) settles answers at the same instant: a review
        // that recalled the card beats a practice miss, a practice answer an exam answer.
        let mut answers = vec![Answers::default(); questions.len()];
        let mut topics = vec![(0usize, 0usize); course.topics.len()];
        let mut tally = |i: usize, correct: bool, judged: Option<Judged>| {
            answers[i].count += 1;
            if let Some(j) = judged {
                answers[i].judge(j);
            }
            let t = &mut topics[topic_of[i]];
            t.0 += usize::from(correct);
            t.1 += 1;
        };
        for exam in &self.exams {
            for a in exam.answers.iter().filter(|a| !a.given.is_empty()) {
                if let Some(&i) = index.get(a.question.as_str()) {
                    tally(i, a.correct, Some(Judged { at: exam.at, missed: (!a.correct).then_some(MissedIn::Exam) }));
                }
            }
        }
        for p in &self.practice {
            if let Some(&i) = index.get(p.card.as_str()) {
                let missed = (!p.correct).then_some(MissedIn::Practice(p.mode));
                tally(i, p.correct, Some(Judged { at: p.at, missed }));
            }
        }
        for r in self.reviews() {
            if let Some(&i) = index.get(r.card) {
                let recalled = r.rating != Rating::Again;
                tally(i, recalled, recalled.then_some(Judged { at: r.at, missed: None }));
            }
        }

        let available = questions.iter().filter(|q| !self.is_suspended(&q.id)).count();
        let wanted = count.min(available);
        if answers.iter().all(|a| a.count == 0) {
            let picks =
                spread(&questions, &topic_of, &answers, |q| self.is_suspended(&q.id), wanted, |_| Reason::Spread);
            let mut note = format!(
                "No answers yet, so there are no weak spots to aim at: {} spread across the topics. Review, take a \
                 quiz or sit an exam, and the drill will aim at what you miss.",
                plural(picks.len(), "question")
            );
            note += &short_of(count, available);
            return DrillPlan { picks, note: Some(note) };
        }

        // The weak topics and their accuracy (right + 1) / (answers + 2), kept as a fraction so
        // that ties are exact; a topic's rank is 1 + the number of topics weaker than it.
        let weak_topics: Vec<(usize, (usize, usize))> = topics
            .iter()
            .enumerate()
            .filter(|&(_, &(right, answered))| answered > 0 && (right as f64) < desired * answered as f64)
            .map(|(i, &(right, answered))| (i, (right + 1, answered + 2)))
            .collect();
        let weaker = |(a, b): (usize, usize), (c, d): (usize, usize)| (a * d).cmp(&(c * b));
        let mut topic_rank: Vec<Option<(usize, bool, f64)>> = vec![None; course.topics.len()];
        for &(i, accuracy) in &weak_topics {
            let rank = 1 + weak_topics.iter().filter(|w| weaker(w.1, accuracy).is_lt()).count();
            let tied = weak_topics.iter().filter(|w| weaker(w.1, accuracy).is_eq()).count() > 1;
            topic_rank[i] = Some((rank, tied, accuracy.0 as f64 / accuracy.1 as f64));
        }

        let mut weak: Vec<Candidate<'c>> = Vec::new();
        let mut unseen_placed = vec![0i32; course.topics.len()];
        for (order, (&q, a)) in questions.iter().zip(&answers).enumerate() {
            if self.is_suspended(&q.id) {
                continue;
            }
            let ti = topic_of[order];
            if a.count == 0 {
                let Some((rank, tied, accuracy)) = topic_rank[ti] else { continue };
                let need = 0.5 * (1.0 - accuracy) * TOPIC_STEP.powi(unseen_placed[ti]);
                unseen_placed[ti] += 1;
                let (topic, &(right, answered)) = (&course.topics[ti], &topics[ti]);
                let (topic, title) = (topic.id.clone(), topic.title.clone());
                let reason = Reason::WeakTopic { topic, title, right, answered, rank, tied };
                weak.push(Candidate { order, need, question: q, reason });
            } else if let Some((w, reason)) = self.weakness(&q.id, a, now)
                && w > 1.0 - desired
            {
                weak.push(Candidate { order, need: 0.5 + 0.5 * w, question: q, reason });
            }
        }
        weak.sort_by(|a, b| b.need.total_cmp(&a.need).then(a.order.cmp(&b.order)));
        weak.truncate(wanted);
        let found = weak.len();
        let mut picks: Vec<DrillPick<'c>> =
            weak.into_iter().map(|c| DrillPick { question: c.question, reason: c.reason, need: c.need }).collect();

        let mut note = None;
        if found < wanted {
            let taken: std::collections::HashSet<&str> = picks.iter().map(|p| p.question.id.as_str()).collect();
            let fill = spread(
                &questions,
                &topic_of,
                &answers,
                |q| self.is_suspended(&q.id) || taken.contains(q.id.as_str()),
                wanted - found,
                |a| Reason::LeastPractised { answers: a.count },
            );
            let filled = fill.len();
            picks.extend(fill);
            let retention = (desired * 100.0).round();
            note = Some(if found == 0 {
                format!(
                    "No weak spots found (no standing miss, no card under {retention}% recall, no unseen question in \
                     a topic under {retention}% right): the drill is the {} least practised instead, spread across \
                     the topics.",
                    plural(filled, "question")
                )
            } else {
                format!(
                    "Only {} found; the other {filled} are the least practised questions, spread across the topics.",
                    plural(found, "weak spot")
                )
            });
        }
        let short = short_of(count, available);
        if !short.is_empty() {
            note = Some(note.map_or_else(|| short.trim_start().to_string(), |n| n + &short));
        }
        DrillPlan { picks, note }
    }

    /// An answered question's chance of a wrong answer now and the reason that weighs most
    /// (module docs); `None` when there is nothing against it.
    fn weakness(&self, id: &str, answers: &Answers, now: Timestamp) -> Option<(f64, Reason)> {
        let card = self.card(id);
        let recall = self.scheduler.retrievability(&card, now).map(|r| r.clamp(0.0, 1.0));
        let forget = recall.map_or(0.0, |r| {
            let lapses = f64::from(card.lapses.min(LAPSES_COUNTED));
            ((1.0 - r) + LAPSE_WEIGHT * lapses).min(1.0)
        });
        let miss = answers.last.and_then(|j| j.missed.map(|m| (j.at, m))).map(|(at, missed_in)| {
            let days = (now.duration_since(at).as_secs_f64() / 86_400.0).max(0.0);
            let weight = 0.5 + 0.5 * 0.5f64.powf(days / MISS_HALF_LIFE_DAYS);
            let reason = match missed_in {
                MissedIn::Exam => Reason::MissedInExam { at },
                MissedIn::Practice(mode) => Reason::MissedInPractice { at, mode, days_ago: utc_day(now) - utc_day(at) },
            };
            (weight, reason)
        });
        match (miss, recall) {
            (Some((weight, reason)), _) if weight >= forget => Some((weight, reason)),
            (_, Some(r)) if forget > 0.0 => {
                let reason = if r < self.settings.desired_retention {
                    Reason::LowRecall { retrievability: r, lapses: card.lapses }
                } else {
                    Reason::Lapsed { lapses: card.lapses, retrievability: r }
                };
                Some((forget, reason))
            }
            _ => None,
        }
    }
}

/// Up to `count` questions not `excluded`, the least answered first and round the topics in
/// course order within each number of answers.
fn spread<'c>(
    questions: &[&'c Question],
    topic_of: &[usize],
    answers: &[Answers],
    excluded: impl Fn(&Question) -> bool,
    count: usize,
    reason: impl Fn(&Answers) -> Reason,
) -> Vec<DrillPick<'c>> {
    // (answers, place among the topic's questions with as many answers, topic, course order)
    let mut seen_in_topic: HashMap<(usize, u32), usize> = HashMap::new();
    let mut keyed: Vec<(u32, usize, usize, usize)> = Vec::new();
    for (order, q) in questions.iter().enumerate() {
        if excluded(q) {
            continue;
        }
        let (topic, n) = (topic_of[order], answers[order].count);
        let place = seen_in_topic.entry((topic, n)).or_insert(0);
        keyed.push((n, *place, topic, order));
        *place += 1;
    }
    keyed.sort_unstable();
    keyed
        .into_iter()
        .take(count)
        .map(|(_, _, _, order)| DrillPick { question: questions[order], reason: reason(&answers[order]), need: 0.0 })
        .collect()
}

/// " Only N questions can be drilled ..." when the course cannot fill `count`; else empty.
fn short_of(count: usize, available: usize) -> String {
    if available >= count {
        return String::new();
    }
    format!(" Only {} can be drilled: the others are suspended.", plural(available, "question"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::testing::{course, progress, t};
    use crate::progress::{ExamAnswer, ExamRecord};

    const NOW: &str = "2026-12-01T12:00:00Z";

    fn ids<'a>(plan: &'a DrillPlan<'_>) -> Vec<&'a str> {
        plan.picks.iter().map(|p| p.question.id.as_str()).collect()
    }

    fn exam(at: &str, answers: &[(&str, bool)]) -> ExamRecord {
        let answers: Vec<ExamAnswer> = answers
            .iter()
            .map(|&(q, correct)| ExamAnswer { question: q.into(), given: vec!["a".into()], correct, flagged: false })
            .collect();
        ExamRecord {
            at: t(at),
            topics: vec![],
            score: answers.iter().filter(|a| a.correct).count() as u32,
            total: answers.len() as u32,
            passed: false,
            seconds: None,
            answers,
        }
    }

    /// The weakest cards known: one forgotten long ago, one missed in an exam, one missed in
    /// a quiz yesterday; beside them one missed and then answered right (no longer weak), one
    /// missed but suspended, and AWS Batch the weakest topic (1 right of 6).
    #[test]
    fn the_weakest_come_first_each_with_its_reason() {
        let course = course();
        let q = |topic: &str, i: usize| course.topic(topic).unwrap().questions[i].id.clone();
        let mut p = progress(20);
        // Rated Again once, half a year ago: FSRS gives little chance of recall now.
        let forgotten = q("docker", 0);
        p.record_review(&forgotten, Rating::Again, t("2026-06-01T10:00:00Z"));
        let in_exam = q("ecs", 0);
        let other_exam_answer = q("ecs", 1);
        p.record_exam(exam("2026-11-28T10:00:00Z", &[(&in_exam, false), (&other_exam_answer, true)]));
        let in_quiz = q("serverless", 0);
        p.record_practice(&in_quiz, false, PracticeMode::Quiz, t("2026-11-30T20:00:00Z"));
        // Missed, then right: the miss is cleared.
        let cleared = q("fargate", 0);
        p.record_practice(&cleared, false, PracticeMode::Quiz, t("2026-11-29T10:00:00Z"));
        p.record_practice(&cleared, true, PracticeMode::Drill, t("2026-11-30T10:00:00Z"));
        // Missed in an exam, then recalled in review: cleared too.
        let reviewed = q("ecr", 0);
        p.record_exam(exam("2026-11-20T10:00:00Z", &[(&reviewed, false)]));
        p.record_review(&reviewed, Rating::Good, t("2026-11-30T11:00:00Z"));
        // Missed, but suspended: left out.
        let suspended = q("lambda", 0);
        p.record_practice(&suspended, false, PracticeMode::Quiz, t("2026-11-30T21:00:00Z"));
        p.suspend(&suspended);
        // Batch: five misses and a right answer on one question (no longer missed itself).
        let batch = course.topic("batch").unwrap();
        for day in 20..25 {
            p.record_practice(
                &batch.questions[0].id,
                false,
                PracticeMode::Quiz,
                t(&format!("2026-11-{day}T09:00:00Z")),
            );
        }
        p.record_practice(&batch.questions[0].id, true, PracticeMode::Check, t("2026-11-25T09:00:00Z"));
        // A retired question's answers count nowhere.
        p.record_practice("retired.question", false, PracticeMode::Quiz, t("2026-11-30T22:00:00Z"));

        let plan = p.drill_plan(&course, t(NOW), 10);
        assert_eq!(plan.picks.len(), 10);
        assert_eq!(ids(&plan)[..3], [in_quiz.as_str(), in_exam.as_str(), forgotten.as_str()]);
        let reasons: Vec<String> = plan.picks.iter().map(|p| p.reason.text()).collect();
        assert_eq!(reasons[0], "missed in a quiz yesterday");
        assert_eq!(reasons[1], "missed in the exam of 2026-11-28");
        let Reason::LowRecall { retrievability, lapses: 0 } = plan.picks[2].reason else {
            panic!("{:?}", plan.picks[2].reason)
        };
        let card = p.card(&forgotten);
        assert_eq!(Some(retrievability), p.scheduler().retrievability(&card, t(NOW)));
        assert!(retrievability < 0.5, "{retrievability}");
        assert_eq!(reasons[2], format!("recall probability {}% now (FSRS)", (retrievability * 100.0).round()));

        // Then the unseen questions of the weak topics, Batch (1 of 6 right) first.
        assert_eq!(plan.picks[3].question.id, batch.questions[1].id);
        assert_eq!(reasons[3], "unseen, and AWS Batch is your weakest topic (17% right, 1 of 6)");
        assert!(plan.picks[3..].iter().all(|p| matches!(p.reason, Reason::WeakTopic { .. })));
        assert!(plan.picks[3..].iter().all(|p| p.need < 0.5) && plan.picks[..3].iter().all(|p| p.need > 0.5));
        assert!(plan.picks.windows(2).all(|w| w[0].need >= w[1].need), "weakest first");
        // The next weakest topics, each 0 of 1 right, in course order after Batch's second.
        let topics: Vec<&str> = plan.picks[3..].iter().map(|p| p.question.topic.as_str()).collect();
        // Batch (accuracy 2/8 with the +1 and +2), then Docker, Serverless and Lambda (1/3 each,
        // in course order), whose second questions come after Batch's third; ECS, Fargate and
        // ECR (1 of 2 right: 2/4) after them.
        assert_eq!(topics, ["batch", "batch", "docker", "serverless", "lambda", "batch", "docker"]);
        // The three share 2nd place.
        let docker = "unseen, and Docker and containers is tied as your 2nd weakest topic (0% right, 0 of 1)";
        assert_eq!(reasons[5], docker);
        assert!(reasons[7].contains("tied as your 2nd weakest topic"), "{}", reasons[7]);

        for gone in [&cleared, &reviewed, &suspended] {
            assert!(!ids(&plan).contains(&gone.as_str()), "{gone} must not be drilled");
        }
        assert_eq!(plan.note, None, "ten weak spots found");

        // Three: just the known weak cards. Zero: the default ten.
        assert_eq!(ids(&p.drill_plan(&course, t(NOW), 3)), [in_quiz.as_str(), in_exam.as_str(), forgotten.as_str()]);
        assert_eq!(ids(&p.drill_plan(&course, t(NOW), 0)), ids(&plan));
        // The same progress at the same instant: the same plan.
        let again = p.drill_plan(&course, t(NOW), 10);
        assert_eq!(again.report(), plan.report());
    }

    #[test]
    fn a_later_miss_counts_again_and_an_again_rating_does_not_clear_it() {
        let course = course();
        let id = course.questions().next().unwrap().id.clone();
        let mut p = progress(20);
        p.record_practice(&id, true, PracticeMode::Quiz, t("2026-11-20T09:00:00Z"));
        p.record_practice(&id, false, PracticeMode::Check, t("2026-11-27T09:00:00Z"));
        p.record_review(&id, Rating::Again, t("2026-11-28T09:00:00Z"));
        let plan = p.drill_plan(&course, t(NOW), 1);
        assert_eq!(ids(&plan), [id.as_str()]);
        assert_eq!(plan.picks[0].reason.text(), "missed in a lesson's check 4 days ago");
    }

    #[test]
    fn an_exam_question_left_unanswered_is_not_a_miss() {
        let course = course();
        let id = course.topics[2].questions[3].id.clone();
        let mut p = progress(20);
        let mut record = exam("2026-11-28T10:00:00Z", &[(&id, false)]);
        record.answers[0].given.clear();
        p.record_exam(record);
        let plan = p.drill_plan(&course, t(NOW), 3);
        assert!(plan.picks.iter().all(|p| p.reason == Reason::Spread), "still no answers: {:?}", plan.picks);
        assert!(!ids(&plan).contains(&id.as_str()));
    }

    #[test]
    fn lapses_add_to_the_chance_of_forgetting() {
        let course = course();
        let ids_: Vec<String> = course.topics[0].questions[..2].iter().map(|q| q.id.clone()).collect();
        let mut p = progress(20);
        // The same history, but the first card forgotten twice on the way.
        for (id, ratings) in [
            (&ids_[0], &[Rating::Good, Rating::Good, Rating::Again, Rating::Good, Rating::Again, Rating::Good][..]),
            (&ids_[1], &[Rating::Good, Rating::Good, Rating::Good, Rating::Good][..]),
        ] {
            let mut at = t("2026-10-01T09:00:00Z");
            for &rating in ratings {
                at = p.record_review(id, rating, at).due.unwrap();
            }
        }
        assert_eq!(p.card(&ids_[0]).lapses, 2);
        let plan = p.drill_plan(&course, t("2027-03-01T09:00:00Z"), 2);
        assert_eq!(plan.picks[0].question.id, ids_[0]);
        let text = plan.picks[0].reason.text();
        assert!(text.starts_with("recall probability ") && text.ends_with("% now (FSRS), 2 lapses"), "{text}");
    }

    #[test]
    fn no_answers_gives_a_spread_round_the_topics_with_a_note() {
        let course = course();
        let p = progress(20);
        let plan = p.drill_plan(&course, t(NOW), 0);
        assert_eq!(plan.picks.len(), DEFAULT_COUNT);
        let firsts: Vec<&str> = course.topics.iter().map(|t| t.questions[0].id.as_str()).collect();
        assert_eq!(ids(&plan), firsts[..DEFAULT_COUNT], "one of each topic in course order");
        assert!(plan.picks.iter().all(|p| p.reason == Reason::Spread));
        assert_eq!(plan.picks[0].reason.text(), "no answers yet: a spread across the topics");
        assert!(plan.note.as_deref().unwrap().starts_with("No answers yet"), "{:?}", plan.note);

        let plan = p.drill_plan(&course, t(NOW), 25);
        let mut unique = ids(&plan);
        assert_eq!(unique.len(), 25);
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 25, "no duplicates");
        // Two rounds of every topic, then the third begins at the first topic again.
        let n = course.topics.len();
        assert_eq!(plan.picks[n].question.id, course.topics[0].questions[1].id);
        assert_eq!(plan.picks[2 * n].question.id, course.topics[0].questions[2].id);

        // Answers only to questions the content no longer has: still no history.
        let mut p = progress(20);
        p.record_practice("retired.question", false, PracticeMode::Quiz, t("2026-11-30T10:00:00Z"));
        assert!(p.drill_plan(&course, t(NOW), 3).picks.iter().all(|p| p.reason == Reason::Spread));
    }

    #[test]
    fn a_short_plan_is_filled_with_the_least_practised_and_says_so() {
        let course = course();
        let docker = &course.topics[0];
        let mut p = progress(20);
        p.record_practice(&docker.questions[0].id, false, PracticeMode::Quiz, t("2026-11-30T10:00:00Z"));
        // Docker (0 of 1 right) is weak: its miss and every unseen question of it, then three
        // from the other topics, unseen, one of each in course order.
        let count = docker.questions.len() + 3;
        let plan = p.drill_plan(&course, t(NOW), count);
        assert_eq!(plan.picks.len(), count);
        assert!(
            plan.picks[..docker.questions.len()].iter().all(|p| p.question.topic == docker.id && p.reason.is_weak())
        );
        let fill: Vec<&str> = plan.picks[docker.questions.len()..].iter().map(|p| p.question.topic.as_str()).collect();
        assert_eq!(fill, [course.topics[1].id.as_str(), &course.topics[2].id, &course.topics[3].id]);
        assert_eq!(plan.picks[count - 1].reason, Reason::LeastPractised { answers: 0 });
        let note = plan.note.unwrap();
        assert!(note.starts_with(&format!("Only {} weak spots found; the other 3", docker.questions.len())), "{note}");

        // Everything answered right: nothing weak, and the answered ones come last.
        let mut p = progress(20);
        for q in &course.topics[1].questions {
            p.record_practice(&q.id, true, PracticeMode::Quiz, t("2026-11-30T10:00:00Z"));
        }
        let plan = p.drill_plan(&course, t(NOW), 5);
        assert!(plan.picks.iter().all(|p| p.reason == Reason::LeastPractised { answers: 0 }));
        assert!(plan.picks.iter().all(|p| p.question.topic != course.topics[1].id));
        assert!(plan.note.unwrap().starts_with("No weak spots"));
    }

    #[test]
    fn suspended_questions_are_never_drilled_and_a_small_course_says_so() {
        let course = course();
        let mut p = progress(20);
        let total = course.questions().count();
        for q in course.questions().skip(2) {
            p.suspend(&q.id);
        }
        let plan = p.drill_plan(&course, t(NOW), 10);
        assert_eq!(plan.picks.len(), 2);
        assert!(plan.note.unwrap().ends_with("Only 2 questions can be drilled: the others are suspended."));
        for q in course.questions().take(2) {
            p.suspend(&q.id);
        }
        let plan = p.drill_plan(&course, t(NOW), 10);
        assert!(plan.picks.is_empty(), "all {total} suspended");
    }

    fn weak_topic(title: &str, right: usize, answered: usize, rank: usize, tied: bool) -> Reason {
        Reason::WeakTopic { topic: "t".into(), title: title.into(), right, answered, rank, tied }
    }

    #[test]
    fn reasons_read_as_words() {
        let at = t("2026-11-28T10:00:00Z");
        let cases = [
            (Reason::LowRecall { retrievability: 0.414, lapses: 2 }, "recall probability 41% now (FSRS), 2 lapses"),
            (Reason::LowRecall { retrievability: 0.7, lapses: 1 }, "recall probability 70% now (FSRS), 1 lapse"),
            (
                Reason::Lapsed { lapses: 3, retrievability: 0.93 },
                "3 lapses in review (recall probability 93% now, FSRS)",
            ),
            (Reason::MissedInExam { at }, "missed in the exam of 2026-11-28"),
            (Reason::MissedInPractice { at, mode: PracticeMode::Quiz, days_ago: 0 }, "missed in a quiz today"),
            (Reason::MissedInPractice { at, mode: PracticeMode::Drill, days_ago: 3 }, "missed in a drill 3 days ago"),
            (
                weak_topic("AWS Fargate", 9, 20, 1, false),
                "unseen, and AWS Fargate is your weakest topic (45% right, 9 of 20)",
            ),
            (
                weak_topic("Amazon ECS", 1, 2, 3, false),
                "unseen, and Amazon ECS is your 3rd weakest topic (50% right, 1 of 2)",
            ),
            (
                weak_topic("AWS Lambda", 0, 1, 1, true),
                "unseen, and AWS Lambda is tied as your weakest topic (0% right, 0 of 1)",
            ),
            (Reason::LeastPractised { answers: 0 }, "not a weak spot: unseen, filling the drill"),
            (Reason::LeastPractised { answers: 2 }, "not a weak spot: answered 2 times, filling the drill"),
            (Reason::Spread, "no answers yet: a spread across the topics"),
        ];
        for (reason, text) in cases {
            assert_eq!(reason.text(), text);
        }
        assert_eq!(
            [1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal),
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]
        );
    }

    #[test]
    fn the_report_is_a_table_and_the_json_of_interface_md() {
        let course = course();
        let plan = progress(20).drill_plan(&course, t(NOW), 2);
        let report = plan.report();
        let json = serde_json::to_value(&report).unwrap();
        let first = &course.topics[0].questions[0];
        assert_eq!(json["cards"][0]["id"], first.id.as_str());
        assert_eq!(json["cards"][0]["topic"], first.topic.as_str());
        assert_eq!(json["cards"][0]["reason"], "no answers yet: a spread across the topics");
        assert_eq!(json["cards"][0]["kind"], "spread");
        assert!(json["note"].is_string());
        let text = report.to_text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Drill: 2 questions, weakest first");
        assert!(lines[2].starts_with("RANK  CARD") && lines[2].ends_with("REASON"), "{text}");
        assert!(lines[3].starts_with(&format!("   1  {}", first.id)), "{text}");
        assert!(text.trim_end().ends_with("the drill will aim at what you miss."), "{text}");
    }
}
