//! The screens. Each module owns one screen: its state, its `update` (an action in, a
//! [`Transition`] and effects out), its key context and its render. [`Screen`] is the closed
//! set, with the one dispatch for each of those; `App` updates the top screen in place and
//! applies the transition. Adding a screen: a module here, a variant below, its keys in the
//! keymap (docs/ARCHITECTURE.md walks through it).

pub mod exam;
pub mod home;
pub mod info;
pub mod lesson;
pub mod quiz;
pub mod report;
pub mod settings;
pub mod simulator;
pub mod stats;
pub mod study;

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::{Action, Context, Effect, Leave, Seeds, body_height};
use crate::content::Course;
use crate::progress::Store;
use crate::ui::View;

/// What the screen stack does after an update.
#[derive(Debug)]
pub enum Transition {
    Stay,
    /// A new screen on top (Esc comes back here).
    Push(Screen),
    /// Back to the screen below.
    Pop,
    /// This screen gives way to another at the same depth.
    Replace(Screen),
}

/// What a screen's update may use and change besides its own state.
pub struct Cx<'a> {
    pub course: &'a Course,
    pub store: &'a mut Store,
    pub now: Timestamp,
    /// The terminal's size, for paging lists.
    pub size: (u16, u16),
    pub seeds: &'a mut Seeds,
    /// A message for the learner, shown in the footer until the next key.
    pub status: Option<String>,
}

impl Cx<'_> {
    /// Rows of the body: how far a page key moves a list.
    pub fn page(&self) -> usize {
        body_height(self.size)
    }

    /// A seed for a new session's shuffles.
    pub fn seed(&mut self) -> u64 {
        self.seeds.next_seed()
    }
}

/// Nothing changes but the screen's own state.
pub fn stay() -> (Transition, Vec<Effect>) {
    (Transition::Stay, Vec::new())
}

#[derive(Debug)]
pub enum Screen {
    Home(home::Home),
    Topics(study::Topics),
    Lessons(study::Lessons),
    Lesson(lesson::Lesson),
    Quiz(Box<quiz::Quiz>),
    Settings(settings::SettingsScreen),
    Exam(Box<exam::Exam>),
    /// An exam asked for while another is unfinished: resume or discard it.
    ExamUnfinished(exam::Unfinished),
    Report(Box<report::Report>),
    Simulator(Box<simulator::Simulator>),
    Stats(Box<stats::StatsScreen>),
    /// A page of text: a feature still to come, or a problem to explain.
    Info(info::Info),
}

impl Screen {
    pub fn update(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        match self {
            Self::Home(s) => s.update(cx, action),
            Self::Topics(s) => s.update(cx, action),
            Self::Lessons(s) => s.update(cx, action),
            Self::Lesson(s) => s.update(cx, action),
            Self::Quiz(s) => s.update(cx, action),
            Self::Settings(s) => s.update(cx, action),
            Self::Exam(s) => s.update(cx, action),
            Self::ExamUnfinished(s) => s.update(cx, action),
            Self::Report(s) => s.update(cx, action),
            Self::Simulator(s) => s.update(cx, action),
            Self::Stats(s) => s.update(action),
            Self::Info(s) => s.update(action),
        }
    }

    /// Whether an action of the live context does anything now; the keys of those that do
    /// not are left out of the footer and the help, and do nothing.
    pub fn offers(&self, course: &Course, store: &Store, action: Action) -> bool {
        match self {
            Self::Lesson(s) => s.offers(course, action),
            Self::Quiz(s) => s.offers(course, store, action),
            Self::Report(s) => s.offers(course, action),
            Self::Simulator(s) => s.offers(action),
            _ => true,
        }
    }

    /// The clock passed the deadline the screen declared.
    pub fn tick(&mut self, cx: &mut Cx) -> (Transition, Vec<Effect>) {
        match self {
            Self::Exam(s) => s.tick(cx),
            _ => stay(),
        }
    }

    /// Esc within the screen (an exam's grid, a report's question): true when it was handled
    /// there and the screen stays.
    pub fn back_within(&mut self) -> bool {
        match self {
            Self::Exam(s) => s.back_within(),
            Self::Report(s) => s.back_within(),
            _ => false,
        }
    }

    /// What leaving now would lose, as a question to ask first; `None` leaves at once.
    pub fn leave_guard(&self, course: &Course, leave: Leave) -> Option<String> {
        match self {
            Self::Quiz(s) => s.leave_guard(course, leave),
            Self::Exam(s) => Some(s.leave_question()),
            _ => None,
        }
    }

    /// The learner confirmed leaving with Esc: true when the screen stays to show how it
    /// ended (a quiz's results so far), false to pop it.
    pub fn wind_up(&mut self) -> bool {
        match self {
            Self::Quiz(s) => s.wind_up(),
            _ => false,
        }
    }

    /// The screen came back to the top after `from` was popped off it.
    pub fn resume(&mut self, course: &Course, from: &Screen) {
        if let (Self::Lessons(list), Self::Lesson(lesson)) = (self, from) {
            list.follow(course, lesson);
        }
    }

    /// The screen is about to be left: what it must keep first (a lesson read to its end).
    pub fn on_leave(&mut self, cx: &mut Cx) -> Vec<Effect> {
        match self {
            Self::Lesson(s) => s.note_read(cx),
            Self::Exam(s) => s.on_leave(cx),
            _ => Vec::new(),
        }
    }

    /// Which keys are live.
    pub fn context(&self) -> Context {
        match self {
            Self::Home(_) => Context::Home,
            Self::Topics(_) | Self::Lessons(_) => Context::List,
            Self::Lesson(_) => Context::Lesson,
            Self::Quiz(s) => s.context(),
            Self::Settings(_) => Context::Settings,
            Self::Exam(s) => s.context(),
            Self::ExamUnfinished(_) => exam::Unfinished::context(),
            Self::Report(s) => s.context(),
            Self::Simulator(s) => s.context(),
            Self::Stats(_) => Context::Stats,
            Self::Info(_) => Context::Info,
        }
    }

    /// Where the learner is, for the title bar ("Study › AWS Lambda").
    pub fn breadcrumb(&self, course: &Course) -> String {
        match self {
            Self::Home(_) => String::new(),
            Self::Topics(_) => "Study".into(),
            Self::Lessons(s) => s.breadcrumb(course),
            Self::Lesson(s) => s.breadcrumb(course),
            Self::Quiz(s) => s.breadcrumb(),
            Self::Settings(_) => "Settings".into(),
            Self::Exam(s) => s.breadcrumb(),
            Self::ExamUnfinished(_) => "Exam".into(),
            Self::Report(s) => s.breadcrumb(),
            Self::Simulator(s) => s.breadcrumb(),
            Self::Stats(_) => "Stats".into(),
            Self::Info(s) => s.title.clone(),
        }
    }

    /// The next moment something this screen shows changes by itself (a card falls due); the
    /// loop wakes then with [`Action::Tick`]. `None`: nothing on screen depends on the clock.
    pub fn deadline(&self, course: &Course, store: &Store, now: Timestamp) -> Option<Timestamp> {
        match self {
            Self::Home(_) => home::deadline(course, store, now),
            Self::Quiz(s) => s.deadline(course, store, now),
            Self::Exam(s) => s.deadline(now),
            Self::Topics(_)
            | Self::Lessons(_)
            | Self::Lesson(_)
            | Self::Settings(_)
            | Self::ExamUnfinished(_)
            | Self::Report(_)
            | Self::Simulator(_)
            | Self::Stats(_)
            | Self::Info(_) => None,
        }
    }

    pub fn render(&self, view: &View, frame: &mut Frame, area: Rect) {
        match self {
            Self::Home(s) => s.render(view, frame, area),
            Self::Topics(s) => s.render(view, frame, area),
            Self::Lessons(s) => s.render(view, frame, area),
            Self::Lesson(s) => s.render(view, frame, area),
            Self::Quiz(s) => s.render(view, frame, area),
            Self::Settings(s) => s.render(view, frame, area),
            Self::Exam(s) => s.render(view, frame, area),
            Self::ExamUnfinished(s) => s.render(view, frame, area),
            Self::Report(s) => s.render(view, frame, area),
            Self::Simulator(s) => s.render(view, frame, area),
            Self::Stats(s) => s.render(view, frame, area),
            Self::Info(s) => s.render(view, frame, area),
        }
    }
}

/// Moves a list selection; Enter and other actions leave it.
pub fn move_in_list(selected: usize, len: usize, action: Action, page: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::PageDown => (selected + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => selected.min(last),
    }
}
