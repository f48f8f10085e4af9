//! The one state machine behind every session of questions: answering, feedback, the rating a
//! review asks for, undo, and the results at the end. Review, practice quizzes and lesson
//! checks are this machine with different policies (drills and exams add theirs); the screens
//! only turn keys into its moves and draw it.

use jiff::Timestamp;

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
    /// What was done with each item that is finished with, in order (for undo and counts).
    done: Vec<Done>,
    /// A rating the learner must press again to confirm (Good or Easy after a wrong answer).
    confirming: Option<Rating>,
}

/// How an item of a review was finished with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    Rated(Rating),
    /// Put off until tomorrow.
    Buried,
    /// Left out of reviews until the learner takes it out of the list.
    Suspended,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Done {
    item: usize,
    how: Settled,
}

/// What a rating key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateOutcome {
    /// Record this rating for the current card at `at`, then call [`Flow::settled`].
    Record { rating: Rating, at: Timestamp },
    /// Not yet: the note asks the learner to press it again to confirm.
    Confirm,
    /// Nothing waits for a rating.
    Ignored,
}

impl Flow {
    pub fn new(session: Session) -> Self {
        let policy = Policy::for_purpose(session.purpose);
        Self { session, phase: Phase::Answering, note: None, policy, done: Vec::new(), confirming: None }
    }

    /// The current card has been answered and waits for its rating.
    pub fn awaiting_rating(&self) -> bool {
        self.policy.rate && self.phase == Phase::Feedback && !self.is_settled(self.session.current)
    }

    /// The rating proposed for the current card: Again when wrong, Good when right.
    pub fn proposed_rating(&self) -> Rating {
        match &self.session.item().outcome {
            Some((_, grade)) if grade.correct => Rating::Good,
            _ => Rating::Again,
        }
    }

    fn is_settled(&self, item: usize) -> bool {
        self.done.iter().any(|d| d.item == item)
    }

    /// The ratings this session has given (and not taken back), Again to Easy.
    pub fn rating_counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for d in &self.done {
            if let Settled::Rated(r) = d.how {
                counts[r as usize - 1] += 1;
            }
        }
        counts
    }

    /// The cards this session rated, each counted once however often it came back.
    pub fn cards_rated(&self, course: &Course) -> usize {
        let mut ids: Vec<&str> = self
            .done
            .iter()
            .filter(|d| matches!(d.how, Settled::Rated(_)))
            .map(|d| self.session.items[d.item].qref.id(course))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    /// A rating key was pressed while the card waits for one. Good or Easy after a wrong
    /// auto-graded answer asks to be pressed again first.
    pub fn rate(&mut self, rating: Rating, now: Timestamp) -> RateOutcome {
        if !self.awaiting_rating() {
            return RateOutcome::Ignored;
        }
        let wrong = self.proposed_rating() == Rating::Again;
        if wrong && matches!(rating, Rating::Good | Rating::Easy) && self.confirming != Some(rating) {
            self.confirming = Some(rating);
            self.note = Some(format!(
                "Your answer was wrong. Press {} again to rate it {} anyway, or 1 for Again.",
                rating as u8,
                rating.label()
            ));
            return RateOutcome::Confirm;
        }
        self.confirming = None;
        self.note = None;
        let at = self.session.item().answered_at.unwrap_or(now);
        RateOutcome::Record { rating, at }
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
    pub fn submit(&mut self, course: &Course, now: Timestamp) -> Option<Grade> {
        if self.phase != Phase::Answering {
            return None;
        }
        match self.session.submit(course) {
            Ok(grade) => {
                self.note = None;
                self.phase = Phase::Feedback;
                self.session.item_mut().answered_at = Some(now);
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

    /// The current card was settled (its rating, bury or suspension recorded by the caller).
    /// Moves on; at the end of the queue, `due_now` gives the cards due by now (a learning
    /// step that has passed), which join the session.
    pub fn settled(&mut self, how: Settled, course: &Course, due_now: impl FnOnce() -> Vec<QRef>) {
        self.done.push(Done { item: self.session.current, how });
        self.confirming = None;
        self.note = None;
        if !self.session.advance() {
            for qref in due_now() {
                self.session.push(course, qref);
            }
            self.session.advance();
        }
        self.phase = if self.is_settled(self.session.current) {
            Phase::Summary { selected: 0 }
        } else if self.session.is_answered() {
            Phase::Feedback
        } else {
            Phase::Answering
        };
    }

    /// Cards due now that the session has not got waiting ahead (a learning step that ended)
    /// come next, before the rest of the queue.
    pub fn bring_forward(&mut self, course: &Course, due: Vec<QRef>) {
        if self.phase != Phase::Answering {
            return;
        }
        let current = self.session.current;
        let waiting = |items: &[super::Item], q: &QRef| {
            items[current..].iter().any(|i| i.outcome.is_none() && i.qref.id(course) == q.id(course))
        };
        let fresh: Vec<QRef> = due.into_iter().filter(|q| !waiting(&self.session.items, q)).collect();
        for (k, qref) in fresh.into_iter().enumerate() {
            self.shift_done(current + k);
            self.session.insert(course, current + k, qref);
        }
    }

    /// A card whose rating was taken back from before this session: asked again, now.
    pub fn ask_again(&mut self, course: &Course, qref: QRef) {
        let at = if self.phase == Phase::Answering || self.phase == Phase::Feedback {
            self.session.current
        } else {
            self.session.items.len()
        };
        self.shift_done(at);
        self.session.insert(course, at, qref);
        self.session.current = at;
        self.phase = Phase::Answering;
    }

    /// Items from `at` on move one place down: what was done with them moves too.
    fn shift_done(&mut self, at: usize) {
        for d in &mut self.done {
            if d.item >= at {
                d.item += 1;
            }
        }
    }

    /// What undo would take back: the last card settled in this session, and how.
    pub fn last_settled(&self) -> Option<(&QRef, Settled)> {
        self.done.last().map(|d| (&self.session.items[d.item].qref, d.how))
    }

    /// Back to the card last settled, waiting for a new rating (the caller has taken the
    /// rating, bury or suspension back in the store).
    pub fn undo(&mut self) {
        if let Some(d) = self.done.pop() {
            self.session.current = d.item;
            self.phase = if self.session.is_answered() { Phase::Feedback } else { Phase::Answering };
            self.confirming = None;
            self.note = None;
        }
    }

    /// Ends the session early, at the results of what was answered; false when nothing was
    /// answered or it was at its results already.
    pub fn finish(&mut self) -> bool {
        let answered = self.session.items.iter().any(|i| i.outcome.is_some());
        if answered && !self.policy.rate && matches!(self.phase, Phase::Answering | Phase::Feedback) {
            self.phase = Phase::Summary { selected: 0 };
            true
        } else {
            false
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
