//! Exams: a timed sitting in the CLF-C02 format. What an exam is (`Spec`: topics, size, time,
//! kinds, seed), the sheet of one in progress (`Sheet`: the questions in order, the answers
//! given, the flags, the time left), and the scoring as CLF-C02 scores (unanswered is wrong,
//! a multi is right only when every pick is, a scaled score from 100 to 1,000 with 700 to
//! pass). Pure: the screen drives it, the progress store keeps it.

use jiff::{SignedDuration, Timestamp};

use super::{Response, grade};
use crate::content::{Course, QuestionKind};

/// The real exam: 65 questions in 90 minutes.
pub const EXAM_QUESTIONS: usize = 65;
pub const EXAM_MINUTES: u32 = 90;
/// The scaled score that passes.
pub const PASS_SCALED: u32 = 700;

/// Which kinds of question an exam draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
}

/// What to sit: drawn from `topics` (all when empty).
#[derive(Debug, Clone, PartialEq)]
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
            Some(m) => SignedDuration::from_secs_f64((m * 60.0).max(1.0)),
            None => {
                let whole = (count * EXAM_MINUTES as usize).div_ceil(EXAM_QUESTIONS);
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

/// Marks a sheet's answers against the course: an unanswered or unknown question is wrong.
pub fn mark(course: &Course, sheet: &Sheet) -> Vec<Marked> {
    sheet
        .questions
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let answer = sheet.answers.get(i).and_then(Option::as_ref);
            let correct = match (course.question(id), answer) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
