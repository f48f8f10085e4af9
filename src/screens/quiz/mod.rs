//! The quiz screen: practice quizzes, lesson checks and review, one [`Flow`] each with the
//! policy of its kind. This module turns keys into the flow's moves and records ratings in the
//! store; `draw` renders the question, the feedback and the results.

pub(crate) mod draw;

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::info::Info;
use super::{Cx, Screen, Transition, move_in_list, stay};
use crate::app::{Action, Context, Effect, Leave, Scroll};
use crate::content::Course;
use crate::progress::{PracticeMode, Store};
use crate::quiz::{Draft, Flow, Phase, Purpose, QRef, RateOutcome, Session, Settled};
use crate::srs::{Rating, format_interval};
use crate::ui::View;

#[derive(Debug)]
pub struct Quiz {
    pub title: String,
    pub flow: Flow,
    /// The feedback's scroll (answering and the results follow their cursor instead).
    pub scroll: Scroll,
    /// A drill: why each question was picked, by position (empty for other quizzes).
    pub why: Vec<String>,
    /// A drill's note on the whole plan (why it is a spread, or was filled up), shown above
    /// the first question.
    pub note: Option<String>,
}

impl Quiz {
    pub fn screen(title: impl Into<String>, session: Session) -> Screen {
        let quiz = Self {
            title: title.into(),
            flow: Flow::new(session),
            scroll: Scroll::default(),
            why: Vec::new(),
            note: None,
        };
        Screen::Quiz(Box::new(quiz))
    }

    pub fn context(&self) -> Context {
        let flow = &self.flow;
        if flow.awaiting_rating() {
            return Context::Rate;
        }
        match flow.phase {
            Phase::Answering => match &flow.session.item().draft {
                Draft::Choice { pick, .. } if *pick > 1 => Context::AnswerMany,
                Draft::Choice { .. } | Draft::TrueFalse { .. } => Context::AnswerOne,
                Draft::Arrange { .. } => Context::Arrange,
                Draft::Numeric { .. } => Context::Number,
            },
            Phase::Feedback | Phase::Revisit { .. } => Context::Feedback,
            Phase::Summary { .. } => Context::Summary,
        }
    }

    pub fn offers(&self, course: &Course, store: &Store, action: Action) -> bool {
        match action {
            // Undo: something of this session, or the last rating from before it.
            Action::Undo => {
                self.flow.policy.rate && (self.flow.last_settled().is_some() || store.last_undoable_review().is_some())
            }
            Action::Bury | Action::Suspend => self.flow.policy.rate,
            Action::OpenLesson => self.question_in_view(course).is_some_and(|q| course.lesson_at(&q.lesson).is_some()),
            Action::Enter | Action::Retry if matches!(self.flow.phase, Phase::Summary { .. }) => {
                !self.flow.session.results(course).missed.is_empty()
            }
            _ => true,
        }
    }

    /// A quiz or check with answers, not yet at its results, asks before it is left.
    pub fn leave_guard(&self, course: &Course, leave: Leave) -> Option<String> {
        let flow = &self.flow;
        let r = flow.session.results(course);
        if flow.policy.rate || r.answered == 0 || !matches!(flow.phase, Phase::Answering | Phase::Feedback) {
            return None;
        }
        let done = format!("You have answered {} of {}.", r.answered, r.total);
        Some(match leave {
            Leave::Back => format!("{done} End the quiz here and see your results so far?"),
            Leave::Quit => format!("{done} Quit cloudcram and end the quiz here?"),
        })
    }

    /// Ended early with Esc: the results so far are shown (Esc again leaves them).
    pub fn wind_up(&mut self) -> bool {
        self.flow.finish()
    }

    pub fn breadcrumb(&self) -> String {
        let s = &self.flow.session;
        match self.flow.phase {
            Phase::Summary { .. } | Phase::Revisit { .. } => format!("{} › results", self.title),
            _ => format!("{} › {} of {}", self.title, s.current + 1, s.items.len()),
        }
    }

    /// A review's results say when the next card is due ("in 4m"): redrawn each minute while
    /// that is within the hour, and when it falls due.
    pub fn deadline(&self, course: &Course, store: &Store, now: Timestamp) -> Option<Timestamp> {
        let reviewing = self.flow.policy.rate && matches!(self.flow.phase, Phase::Summary { .. });
        let next = reviewing.then(|| store.queue(course, now).next_due).flatten()?;
        let minute = now + jiff::SignedDuration::from_mins(1);
        Some(if next.duration_since(now) < jiff::SignedDuration::from_hours(1) { next.min(minute) } else { next })
    }

    /// The question the learner is looking at the feedback of, if any.
    fn question_in_view<'a>(&'a self, course: &'a Course) -> Option<&'a crate::content::Question> {
        let session = &self.flow.session;
        match self.flow.phase {
            Phase::Feedback => Some(session.item().qref.get(course)),
            Phase::Revisit { missed } => draw::revisit(course, self, missed).map(|n| session.items[n].qref.get(course)),
            Phase::Answering | Phase::Summary { .. } => None,
        }
    }

    pub fn update(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        if action == Action::OpenLesson {
            let at = self.question_in_view(cx.course).and_then(|q| cx.course.lesson_at(&q.lesson));
            return match at {
                Some((topic, lesson)) => {
                    (Transition::Push(Screen::Lesson(super::lesson::Lesson::new(topic, lesson))), Vec::new())
                }
                None => stay(),
            };
        }
        let before = (self.flow.phase, self.flow.session.current);
        let out = if self.flow.policy.rate { self.update_review(cx, action) } else { self.update_quiz(cx, action) };
        if (self.flow.phase, self.flow.session.current) != before {
            self.scroll.to_top();
        }
        out
    }

    /// Review: answer like a quiz, then rate; every rating is saved. A card can be buried
    /// until tomorrow or suspended instead. Undo takes the last of these back and returns to
    /// that card.
    fn update_review(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        let flow = &mut self.flow;
        let settled = match action {
            Action::Undo => return undo(flow, cx),
            Action::Rate(n) => match Rating::ALL.get(usize::from(n).wrapping_sub(1)) {
                Some(&rating) => self.rate(cx, rating),
                None => None,
            },
            Action::Enter | Action::Toggle if flow.awaiting_rating() => {
                let proposed = flow.proposed_rating();
                self.rate(cx, proposed)
            }
            Action::Bury | Action::Suspend if matches!(flow.phase, Phase::Answering | Phase::Feedback) => {
                let card = flow.session.item().qref.id(cx.course).to_owned();
                if action == Action::Bury {
                    cx.store.bury(&card, cx.now);
                    cx.status = Some("Buried until tomorrow (u takes it back).".into());
                    Some(Settled::Buried)
                } else {
                    cx.store.suspend(&card);
                    cx.status = Some("Suspended: left out of reviews until you unsuspend it (u takes it back).".into());
                    Some(Settled::Suspended)
                }
            }
            _ if flow.awaiting_rating() => {
                // Scrolling the feedback while it waits for a rating.
                self.scroll.apply(action);
                None
            }
            _ => return self.update_quiz(cx, action),
        };
        let Some(how) = settled else { return stay() };
        let (course, store, now) = (cx.course, &*cx.store, cx.now);
        // At the end of the queue, cards whose learning step ends within the learn-ahead
        // window keep the session going.
        self.flow.settled(how, course, || session_cards(course, store, now));
        // A learning step that has ended comes next, ahead of the rest of the queue.
        let queue = store.queue(course, now);
        let due: Vec<QRef> = queue.due.iter().filter_map(|item| QRef::find(course, &item.question.id)).collect();
        self.flow.bring_forward(course, due);
        (Transition::Stay, vec![Effect::Save])
    }

    /// A rating key: recorded at the instant the card was answered (the one the rating bar
    /// previewed), or held for a confirmation.
    fn rate(&mut self, cx: &mut Cx, rating: Rating) -> Option<Settled> {
        match self.flow.rate(rating, cx.now) {
            RateOutcome::Record { rating, at } => {
                let card = self.flow.session.item().qref.id(cx.course).to_owned();
                cx.store.record_review(&card, rating, at);
                Some(Settled::Rated(rating))
            }
            RateOutcome::Confirm | RateOutcome::Ignored => None,
        }
    }

    fn update_quiz(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        let flow = &mut self.flow;
        match flow.phase {
            Phase::Answering => match action {
                Action::Enter => {
                    if let Some(grade) = flow.submit(cx.course, cx.now)
                        && let Some(mode) = practice_mode(flow.session.purpose)
                    {
                        // Every answer counts: kept for stats and the drill, the schedule untouched.
                        let card = flow.session.item().qref.id(cx.course).to_owned();
                        cx.store.record_practice(&card, grade.correct, mode, cx.now);
                        return (Transition::Stay, vec![Effect::Save]);
                    }
                }
                _ => {
                    if let Some(draft) = flow.draft_mut() {
                        match action {
                            Action::Up => draft.move_by(-1),
                            Action::Down => draft.move_by(1),
                            Action::Toggle => draft.toggle(),
                            Action::Type(c) => draft.type_char(c),
                            Action::Backspace => draft.backspace(),
                            _ => {}
                        }
                    }
                }
            },
            Phase::Feedback => match action {
                Action::Enter => flow.next(),
                _ => {
                    self.scroll.apply(action);
                }
            },
            Phase::Summary { selected } => {
                let missed = flow.session.results(cx.course).missed;
                let selected = move_in_list(selected, missed.len(), action, cx.page());
                flow.select_missed(selected);
                match action {
                    Action::Enter if !missed.is_empty() => flow.revisit(selected),
                    Action::Retry if !missed.is_empty() => {
                        let seed = cx.seed();
                        let title = format!("Retry: {}", self.title.trim_start_matches("Retry: "));
                        if let Ok(session) = Session::new(cx.course, Purpose::Practice, missed, seed) {
                            return (Transition::Push(Self::screen(title, session)), Vec::new());
                        }
                    }
                    _ => {}
                }
            }
            Phase::Revisit { .. } => match action {
                Action::Enter => flow.back_to_summary(),
                _ => {
                    self.scroll.apply(action);
                }
            },
        }
        stay()
    }

    pub fn render(&self, view: &View, frame: &mut Frame, area: Rect) {
        draw::render(self, view, frame, area);
    }
}

/// Takes back the last rating, bury or suspension of the session and returns to its card.
/// At the start of a session, the last rating before it (the log keeps it across a restart)
/// is taken back and its card asked again.
fn undo(flow: &mut Flow, cx: &mut Cx) -> (Transition, Vec<Effect>) {
    let Some((qref, how)) = flow.last_settled() else {
        let earlier = cx.store.last_undoable_review().and_then(|r| QRef::find(cx.course, r.card));
        if let Some(qref) = earlier
            && let Some((card, rating, _)) = cx.store.undo_last_review()
        {
            cx.status = Some(format!("Took back your last rating ({}) of {card}: answer it again.", rating.label()));
            flow.ask_again(cx.course, qref);
            return (Transition::Stay, vec![Effect::Save]);
        }
        cx.status = Some("Nothing to undo.".into());
        return stay();
    };
    let card = qref.id(cx.course).to_owned();
    let undone = match how {
        Settled::Rated(_) => cx.store.undo_last_review().is_some(),
        Settled::Buried => {
            cx.store.unbury(&card);
            true
        }
        Settled::Suspended => {
            cx.store.unsuspend(&card);
            true
        }
    };
    if !undone {
        cx.status = Some("Nothing to undo.".into());
        return stay();
    }
    flow.undo();
    (Transition::Stay, vec![Effect::Save])
}

/// Opens a review of the cards due now, or says when the next one is due.
pub fn start_review(cx: &mut Cx) -> Screen {
    let queue = session_cards(cx.course, cx.store, cx.now);
    let seed = cx.seed();
    match Session::new(cx.course, Purpose::Review, queue, seed) {
        Ok(session) => Quiz::screen("Review", session),
        Err(_) => {
            let paragraphs = vec![nothing_due(cx.course, cx.store, cx.now), "Press Esc to go back.".into()];
            Screen::Info(Info::new("Review", paragraphs))
        }
    }
}

/// The cards to review at `now`: due ones by due time, then today's new ones, then learning
/// cards whose step ends within the learn-ahead window.
fn session_cards(course: &Course, store: &Store, now: Timestamp) -> Vec<QRef> {
    let queue = store.queue(course, now);
    queue.session().filter_map(|item| QRef::find(course, &item.question.id)).collect()
}

/// The weak-spot drill: the plan's questions, weakest first, each with why it was picked.
/// The plan's note (why it is a spread, or filled up) comes above the first question.
pub fn start_drill(cx: &mut Cx, count: Option<usize>) -> Screen {
    let plan = cx.store.drill_plan(cx.course, cx.now, count.unwrap_or(0));
    let (refs, why): (Vec<QRef>, Vec<String>) =
        plan.picks.iter().filter_map(|p| QRef::find(cx.course, &p.question.id).map(|q| (q, p.reason.text()))).unzip();
    let seed = cx.seed();
    match Session::new(cx.course, Purpose::Drill, refs, seed) {
        Ok(session) => {
            let (flow, scroll, note) = (Flow::new(session), Scroll::default(), plan.note.clone());
            Screen::Quiz(Box::new(Quiz { title: "Drill".into(), flow, scroll, why, note }))
        }
        Err(_) => {
            let paragraphs =
                vec!["Nothing to drill: every question is suspended.".to_string(), "Press Esc to go back.".into()];
            Screen::Info(Info::new("Drill", paragraphs))
        }
    }
}

/// Which practice answers a session's answers count as; a review's are ratings instead.
fn practice_mode(purpose: Purpose) -> Option<PracticeMode> {
    match purpose {
        Purpose::Practice => Some(PracticeMode::Quiz),
        Purpose::Drill => Some(PracticeMode::Drill),
        Purpose::Lesson => Some(PracticeMode::Check),
        Purpose::Review | Purpose::Exam => None,
    }
}

/// What to say when nothing is due: when the next card is, and whether today's new cards are
/// done. Said at a review's end, it may be out of date by the time it is read: when cards are
/// due by then, it says so.
pub fn nothing_due(course: &Course, store: &Store, now: Timestamp) -> String {
    let queue = store.queue(course, now);
    match queue.len() {
        0 => {}
        1 => return "1 card is due now: Esc, then Review, to go on.".into(),
        n => return format!("{n} cards are due now: Esc, then Review, to go on."),
    }
    let next = match queue.next_due {
        Some(t) => {
            let wait = format_interval(t.duration_since(now));
            format!("The next card is due in {wait} ({}).", t.strftime("%Y-%m-%d %H:%M UTC"))
        }
        None => "No card is scheduled yet.".to_string(),
    };
    let new = if queue.new_allowed_today == 0 {
        format!(
            " Today's {} new cards are done; more come tomorrow (new_cards_per_day in progress.toml).",
            store.settings().new_cards_per_day
        )
    } else {
        String::new()
    };
    format!("Nothing is due right now. {next}{new}")
}
