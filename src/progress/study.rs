//! What the learner did besides rating cards: practice answers (`[[practice]]`) and lessons
//! read (`[[read]]`). Neither moves the review schedule; they count in stats, put missed
//! questions first among the new cards and steer the order of new cards towards the topics
//! being studied.

use jiff::Timestamp;
use strum::{EnumString, IntoStaticStr, VariantArray};

use super::doc::Progress;

/// Where a practice answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum PracticeMode {
    /// A practice quiz (`cloudcram quiz`).
    Quiz,
    /// A quiz of weak spots (`cloudcram drill`).
    Drill,
    /// A lesson's "check yourself".
    Check,
}

impl PracticeMode {
    pub const ALL: [PracticeMode; 3] = crate::variants::array();

    /// The name used in the progress file: `quiz`, `drill`, `check`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }
}

/// One answer given outside reviews and exams (`[[practice]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Practice {
    /// The question id (kept even when the content no longer has it).
    pub card: String,
    pub at: Timestamp,
    pub correct: bool,
    pub mode: PracticeMode,
}

impl Progress {
    /// Keeps one practice answer to `card`; call `save` afterwards. The schedule does not
    /// move: practice is not a review.
    pub fn record_practice(&mut self, card: &str, correct: bool, mode: PracticeMode, at: Timestamp) {
        self.practice.push(Practice { card: card.to_string(), at, correct, mode });
    }

    /// Every practice answer, in the order recorded.
    pub fn practice(&self) -> &[Practice] {
        &self.practice
    }

    /// Marks `lesson` read at `at`; call `save` afterwards. Returns whether it was unread:
    /// a lesson read again keeps the time it was first read.
    pub fn mark_read(&mut self, lesson: &str, at: Timestamp) -> bool {
        if self.read.contains_key(lesson) {
            return false;
        }
        self.read.insert(lesson.to_string(), at);
        true
    }

    pub fn is_read(&self, lesson: &str) -> bool {
        self.read.contains_key(lesson)
    }

    /// The lessons read and when each was first read, by lesson id (ids the content no
    /// longer has included).
    pub fn lessons_read(&self) -> impl ExactSizeIterator<Item = (&str, Timestamp)> + '_ {
        self.read.iter().map(|(id, &at)| (id.as_str(), at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::testing::t;

    #[test]
    fn modes_round_trip_their_names() {
        assert_eq!(PracticeMode::ALL.map(PracticeMode::name), ["quiz", "drill", "check"]);
        for m in PracticeMode::ALL {
            assert_eq!(PracticeMode::parse(m.name()), Some(m));
        }
        assert_eq!(PracticeMode::parse("exam"), None);
    }

    #[test]
    fn practice_is_kept_and_leaves_the_schedule_alone() {
        let mut p = Progress::default();
        p.record_practice("lambda.x", false, PracticeMode::Quiz, t("2026-11-27T10:00:00Z"));
        p.record_practice("lambda.x", true, PracticeMode::Check, t("2026-11-27T10:01:00Z"));
        assert_eq!(p.practice().len(), 2);
        assert_eq!(
            p.practice()[1],
            Practice {
                card: "lambda.x".into(),
                at: t("2026-11-27T10:01:00Z"),
                correct: true,
                mode: PracticeMode::Check
            }
        );
        assert!(p.card("lambda.x").is_new());
        assert_eq!(p.review_count(), 0);
        assert_eq!(p.undo_last_review(), None, "practice is not a review to undo");
    }

    #[test]
    fn a_lesson_read_twice_keeps_its_first_time() {
        let mut p = Progress::default();
        assert!(!p.is_read("lambda.basics"));
        assert!(p.mark_read("lambda.basics", t("2026-11-27T10:00:00Z")));
        assert!(!p.mark_read("lambda.basics", t("2026-11-28T10:00:00Z")));
        assert!(p.is_read("lambda.basics"));
        assert_eq!(p.lessons_read().collect::<Vec<_>>(), [("lambda.basics", t("2026-11-27T10:00:00Z"))]);
    }
}
