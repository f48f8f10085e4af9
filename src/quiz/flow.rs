//! The one state machine behind every session of questions: answering, feedback, the rating a
//! review asks for, undo, and the results at the end. Review, practice quizzes and lesson
//! checks are this machine with different policies (drills and exams add theirs); the screens
//! only turn keys into its moves and draw it.

use super::{Draft, Grade, Purpose, QRef, Session};
use crate::content::Course;
use crate::srs::Rating;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Answering,
    Feedback,
    /// The end: per-topic scores and the missed questions.
    Summary {
        selected: usize,
    },
    /// Looking back at one missed question from the summary.
    Revisit {
        missed: usize,
    },
}

/// What differs between the sessions that share the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Each answer waits for a rating that moves the card's schedule (review).
    pub rate: bool,
}

impl Policy {
    pub fn for_purpose(purpose: Purpose) -> Self {
        Self { rate: purpose == Purpose::Review }
    }
}

#[derive(Debug)]
pub struct Flow {
    pub session: Session,
    pub phase: Phase,
    /// A one-line note under the question ("pick exactly 2"), until the next move.
    pub note: Option<String>,
    pub policy: Policy,
    /// The items rated so far, in the order they were rated (for undo).
    rated: Vec<usize>,
}

impl Flow {
    pub fn new(session: Session) -> Self {
        let policy = Policy::for_purpose(session.purpose);
        Self { session, phase: Phase::Answering, note: None, policy, rated: Vec::new() }
    }

    /// The current card has been answered and waits for its rating.
    pub fn awaiting_rating(&self) -> bool {
        self.policy.rate && self.phase == Phase::Feedback && !self.rated.contains(&self.session.current)
    }

    /// The rating proposed for the current card: Again when wrong, Good when right.
    pub fn proposed_rating(&self) -> Rating {
        match &self.session.item().outcome {
            Some((_, grade)) if grade.correct => Rating::Good,
            _ => Rating::Again,
        }
    }

    /// How many ratings this session has given (and not taken back).
    pub fn rated_count(&self) -> usize {
        self.rated.len()
    }

    /// The draft being answered, clearing the note: every edit is a new move.
    pub fn draft_mut(&mut self) -> Option<&mut Draft> {
        if self.phase != Phase::Answering {
            return None;
        }
        self.note = None;
        Some(&mut self.session.item_mut().draft)
    }

    /// Submits the draft: feedback follows, or the note says what is wrong with the draft.
    pub fn submit(&mut self, course: &Course) -> Option<Grade> {
        if self.phase != Phase::Answering {
            return None;
        }
        match self.session.submit(course) {
            Ok(grade) => {
                self.note = None;
                self.phase = Phase::Feedback;
                Some(grade)
            }
            Err(e) => {
                self.note = Some(e.to_string());
                None
            }
        }
    }

    /// From the feedback of a question that needs no rating: the next question, or the results.
    pub fn next(&mut self) {
        if self.phase == Phase::Feedback && !self.awaiting_rating() {
            self.phase = if self.session.advance() { Phase::Answering } else { Phase::Summary { selected: 0 } };
        }
    }

    /// The current card was rated (and its rating recorded by the caller). Moves on; at the
    /// end of the queue, `due_now` gives the cards due by now (a learning step that has
    /// passed), which join the session.
    pub fn rated(&mut self, course: &Course, due_now: impl FnOnce() -> Vec<QRef>) {
        self.rated.push(self.session.current);
        if !self.session.advance() {
            for qref in due_now() {
                self.session.push(course, qref);
            }
            self.session.advance();
        }
        self.phase = if self.rated.contains(&self.session.current) {
            Phase::Summary { selected: 0 }
        } else if self.session.is_answered() {
            Phase::Feedback
        } else {
            Phase::Answering
        };
    }

    /// Whether a rating of this session can be taken back.
    pub fn can_undo(&self) -> bool {
        !self.rated.is_empty()
    }

    /// Back to the card of the last rating, waiting for a new one (the caller has taken the
    /// rating out of the log).
    pub fn undo(&mut self) {
        if let Some(item) = self.rated.pop() {
            self.session.current = item;
            self.phase = Phase::Feedback;
        }
    }

    /// The summary's highlight moved.
    pub fn select_missed(&mut self, selected: usize) {
        if let Phase::Summary { .. } = self.phase {
            self.phase = Phase::Summary { selected };
        }
    }

    /// From the summary: look again at the highlighted missed question.
    pub fn revisit(&mut self, missed: usize) {
        if let Phase::Summary { .. } = self.phase {
            self.phase = Phase::Revisit { missed };
        }
    }

    /// From a revisit: back to the summary, the question still highlighted.
    pub fn back_to_summary(&mut self) {
        if let Phase::Revisit { missed } = self.phase {
            self.phase = Phase::Summary { selected: missed };
        }
    }
}
