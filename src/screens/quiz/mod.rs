//! The quiz screen: practice quizzes, lesson checks and review, one [`Flow`] each with the
//! policy of its kind. This module turns keys into the flow's moves and records ratings in the
//! store; `draw` renders the question, the feedback and the results.

mod draw;

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::info::Info;
use super::{Cx, Screen, Transition, move_in_list, stay};
use crate::app::{Action, Context, Effect, Scroll};
use crate::content::Course;
use crate::progress::Store;
use crate::quiz::{Draft, Flow, Phase, Purpose, QRef, Session};
use crate::srs::{Rating, format_interval};
use crate::ui::View;

#[derive(Debug)]
pub struct Quiz {
    pub title: String,
    pub flow: Flow,
    /// The feedback's scroll (answering and the results follow their cursor instead).
    pub scroll: Scroll,
}

impl Quiz {
    pub fn screen(title: impl Into<String>, session: Session) -> Screen {
        Screen::Quiz(Box::new(Self { title: title.into(), flow: Flow::new(session), scroll: Scroll::default() }))
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

    pub fn breadcrumb(&self) -> String {
        let s = &self.flow.session;
        match self.flow.phase {
            Phase::Summary { .. } | Phase::Revisit { .. } => format!("{} › results", self.title),
            _ => format!("{} › {} of {}", self.title, s.current + 1, s.items.len()),
        }
    }

    /// A review's results say when the next card is due: that changes when it falls due.
    pub fn deadline(&self, course: &Course, store: &Store, now: Timestamp) -> Option<Timestamp> {
        let reviewing = self.flow.policy.rate && matches!(self.flow.phase, Phase::Summary { .. });
        reviewing.then(|| store.queue(course, now).next_due).flatten()
    }

    pub fn update(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        let before = (self.flow.phase, self.flow.session.current);
        let out = if self.flow.policy.rate { self.update_review(cx, action) } else { self.update_quiz(cx, action) };
        if (self.flow.phase, self.flow.session.current) != before {
            self.scroll.to_top();
        }
        out
    }

    /// Review: answer like a quiz, then rate; every rating is saved. Undo takes the last rating
    /// back and returns to that card.
    fn update_review(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        let flow = &mut self.flow;
        if action == Action::Undo {
            if flow.can_undo() && cx.store.undo_last_review().is_some() {
                flow.undo();
                return (Transition::Stay, vec![Effect::Save]);
            }
            cx.status = Some("Nothing to undo in this session.".into());
            return stay();
        }
        let rating = match action {
            _ if !flow.awaiting_rating() => None,
            Action::Rate(n) => Rating::ALL.get(usize::from(n).wrapping_sub(1)).copied(),
            Action::Enter => Some(flow.proposed_rating()),
            _ => None,
        };
        let Some(rating) = rating else {
            if flow.awaiting_rating() {
                // Scrolling the feedback while it waits for a rating.
                self.scroll.apply(action);
                return stay();
            }
            return self.update_quiz(cx, action);
        };
        let card = flow.session.item().qref.id(cx.course).to_owned();
        cx.store.record_review(&card, rating, cx.now);
        let (course, store, now) = (cx.course, &*cx.store, cx.now);
        flow.rated(course, || due_now(course, store, now));
        (Transition::Stay, vec![Effect::Save])
    }

    fn update_quiz(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        let flow = &mut self.flow;
        match flow.phase {
            Phase::Answering => match action {
                Action::Enter => {
                    flow.submit(cx.course);
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

/// Opens a review of the cards due now, or says when the next one is due.
pub fn start_review(cx: &mut Cx) -> Screen {
    let queue = due_now(cx.course, cx.store, cx.now);
    let seed = cx.seed();
    match Session::new(cx.course, Purpose::Review, queue, seed) {
        Ok(session) => Quiz::screen("Review", session),
        Err(_) => {
            let paragraphs = vec![nothing_due(cx.course, cx.store, cx.now), "Press Esc to go back.".into()];
            Screen::Info(Info::new("Review", paragraphs))
        }
    }
}

/// The cards to review at `now`: due ones by due time, then today's new ones.
fn due_now(course: &Course, store: &Store, now: Timestamp) -> Vec<QRef> {
    let queue = store.queue(course, now);
    queue.cards().filter_map(|item| QRef::find(course, &item.question.id)).collect()
}

/// What to say when nothing is due: when the next card is, and whether today's new cards are
/// done.
pub fn nothing_due(course: &Course, store: &Store, now: Timestamp) -> String {
    let queue = store.queue(course, now);
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
