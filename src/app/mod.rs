//! The application state and its one door for change: `update(action)`. Screens form a stack
//! (Esc pops) with the home screen at the bottom; the top one is updated in place and says
//! what the stack does next (a [`Transition`]). Overlays (help) sit above them and get keys
//! first. Nothing here touches the terminal or draws: effects that need I/O are returned to
//! the loop, and the sizes a render saw reach `update` through [`Scroll`].

pub mod keymap;
mod scroll;

use jiff::Timestamp;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::content::Course;
use crate::progress::Store;
use crate::quiz::QuizError;
use crate::screens::home::Home;
use crate::screens::study::{Lessons, Topics};
use crate::screens::{Cx, Screen, Transition, quiz};
pub use keymap::{Action, Context};
pub use scroll::{Scroll, body_height};

#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: Scroll,
    },
    /// Leaving would lose something: asked first, and `then` happens on yes.
    Confirm {
        question: String,
        then: Leave,
    },
}

/// A way out of the top screen that its guard asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    Back,
    Quit,
}

/// What the loop must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// Write the progress store to disk (after every rating).
    Save,
    /// Write the sheet of the exam in progress (after every answer and flag).
    SaveSheet(Box<crate::quiz::exam::Sheet>),
    /// The exam is over (or discarded): remove its sheet.
    DiscardSheet,
}

/// The seeds of the sessions' shuffles: drawn from a generator seeded with the start time, so
/// that a run with `--now` repeats itself.
#[derive(Debug)]
pub struct Seeds(StdRng);

impl Seeds {
    pub fn new(start: Timestamp) -> Self {
        Self(StdRng::seed_from_u64(start.as_nanosecond() as u64))
    }

    pub fn next_seed(&mut self) -> u64 {
        self.0.next_u64()
    }
}

pub struct App {
    pub course: Course,
    /// The learner's progress, locked for this process.
    pub store: Store,
    /// A message for the learner (a failed save), shown until the next key.
    pub status: Option<String>,
    /// The bottom of the stack: home. Esc never leaves it.
    home: Screen,
    /// The screens above home, the last on top.
    stack: Vec<Screen>,
    pub overlay: Option<Overlay>,
    /// The terminal's size, for paging lists.
    pub size: (u16, u16),
    pub now: Timestamp,
    seeds: Seeds,
}

/// Where the TUI opens.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    Home,
    Study(Option<String>),
    Quiz {
        topics: Vec<String>,
        count: Option<usize>,
        /// Generated pricing questions to add (`quiz --generated N`).
        generated: usize,
    },
    Review,
    /// The weak-spot drill, of `count` questions (10 when `None`).
    Drill(Option<usize>),
    /// A new exam (an unfinished one is offered first).
    Exam(crate::quiz::exam::Spec),
    /// The unfinished exam, with the time it had left.
    ResumeExam,
    /// The cost simulator, at a preset (the first when `None`).
    Simulate(Option<String>),
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("unknown topic '{0}'; the topics are {1}")]
    UnknownTopic(String, String),
    #[error(transparent)]
    Quiz(#[from] QuizError),
    #[error("{0}")]
    Exam(String),
}

impl App {
    pub fn new(course: Course, store: Store, now: Timestamp, start: &Start) -> Result<Self, StartError> {
        let mut app = Self {
            course,
            store,
            status: None,
            home: Screen::Home(Home::default()),
            stack: Vec::new(),
            overlay: None,
            size: (80, 24),
            now,
            seeds: Seeds::new(now),
        };
        match start {
            Start::Home => {}
            Start::Study(None) => app.stack.push(Screen::Topics(Topics::default())),
            Start::Study(Some(id)) => {
                let Some(topic) = app.course.topics.iter().position(|t| t.id == *id) else {
                    let known = app.course.topics.iter().map(|t| t.id.as_str()).collect::<Vec<_>>().join(", ");
                    return Err(StartError::UnknownTopic(id.clone(), known));
                };
                app.stack.push(Screen::Topics(Topics::at_topic(&app.course, topic)));
                app.stack.push(Screen::Lessons(Lessons { topic, selected: 0 }));
            }
            Start::Quiz { topics, count, generated } => {
                let seed = app.seeds.next_seed();
                let session = crate::quiz::Session::practice(&app.course, topics, *count, *generated, seed)?;
                app.stack.push(quiz::Quiz::screen("Quiz", session));
            }
            Start::Review => {
                let screen = quiz::start_review(&mut app.split().1);
                app.stack.push(screen);
            }
            Start::Drill(count) => {
                let screen = quiz::start_drill(&mut app.split().1, *count);
                app.stack.push(screen);
            }
            Start::Exam(spec) => {
                let screen = crate::screens::exam::open(&mut app.split().1, spec).map_err(StartError::Exam)?;
                app.stack.push(screen);
            }
            Start::Simulate(preset) => {
                let screen = crate::screens::simulator::Simulator::new(preset.as_deref());
                app.stack.push(Screen::Simulator(Box::new(screen)));
            }
            Start::ResumeExam => {
                let screen = crate::screens::exam::resume(&mut app.split().1).map_err(StartError::Exam)?;
                app.stack.push(screen);
            }
        }
        Ok(app)
    }

    /// Opens a screen on top, as a transition would (tests build states this way).
    #[cfg(test)]
    pub(crate) fn push(&mut self, screen: Screen) {
        self.stack.push(screen);
    }

    pub fn screen(&self) -> &Screen {
        self.stack.last().unwrap_or(&self.home)
    }

    /// How many screens deep the learner is (1 at home).
    pub fn depth(&self) -> usize {
        self.stack.len() + 1
    }

    /// The top screen, and what its update may use beside it.
    fn split(&mut self) -> (&mut Screen, Cx<'_>) {
        let top = match self.stack.last_mut() {
            Some(top) => top,
            None => &mut self.home,
        };
        let cx = Cx {
            course: &self.course,
            store: &mut self.store,
            now: self.now,
            size: self.size,
            seeds: &mut self.seeds,
            status: None,
        };
        (top, cx)
    }

    /// Which keys are live now: an overlay's, else the screen's.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Help { .. }) => Context::Help,
            Some(Overlay::Confirm { .. }) => Context::Confirm,
            None => self.screen_context(),
        }
    }

    /// The keys of the screen itself (what the help overlay describes).
    pub fn screen_context(&self) -> Context {
        self.screen().context()
    }

    /// The keys live now: the context's, less those the screen does not offer at the moment
    /// (no step keys for a lesson without a diagram). Footer, help and key lookup all use it.
    pub fn bindings(&self) -> Vec<keymap::Binding> {
        self.bindings_of(self.context())
    }

    /// The screen's own keys, for the help overlay.
    pub fn screen_bindings(&self) -> Vec<keymap::Binding> {
        self.bindings_of(self.screen_context())
    }

    fn bindings_of(&self, ctx: Context) -> Vec<keymap::Binding> {
        let mut all = keymap::bindings(ctx);
        all.retain(|b| self.screen().offers(&self.course, &self.store, b.action));
        all
    }

    /// What a key does now, if anything.
    pub fn action_for(&self, key: &ratatui::crossterm::event::KeyEvent) -> Option<Action> {
        keymap::action_in(&self.bindings(), key)
    }

    /// When the loop must wake without a key, because what is on screen changes by then.
    pub fn deadline(&self) -> Option<Timestamp> {
        self.screen().deadline(&self.course, &self.store, self.now)
    }

    /// Applies one action. The only place state changes.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.status = None;
        if action == Action::ForceQuit {
            return vec![Effect::Quit];
        }
        // The clock moved: screens draw from `now`; one whose time is up acts on it, whatever
        // overlay is open (an exam submits itself at zero even while it asks about leaving).
        if action == Action::Tick {
            let (screen, mut cx) = self.split();
            let (transition, effects) = screen.tick(&mut cx);
            if !matches!(transition, Transition::Stay) {
                self.overlay = None;
            }
            return self.apply(transition, effects);
        }
        match &mut self.overlay {
            Some(Overlay::Help { scroll }) => {
                if !scroll.apply(action) && matches!(action, Action::Back | Action::Help | Action::Enter) {
                    self.overlay = None;
                }
                return vec![];
            }
            Some(Overlay::Confirm { then, .. }) => {
                let then = *then;
                match action {
                    Action::Yes => {
                        self.overlay = None;
                        return self.leave(then);
                    }
                    Action::Back => self.overlay = None,
                    _ => {}
                }
                return vec![];
            }
            None => {}
        }
        let leave = match action {
            Action::Back => Some(Leave::Back),
            Action::Quit => Some(Leave::Quit),
            _ => None,
        };
        if let Some(leave) = leave {
            if leave == Leave::Back && self.split().0.back_within() {
                return vec![];
            }
            if let Some(question) = self.screen().leave_guard(&self.course, leave) {
                self.overlay = Some(Overlay::Confirm { question, then: leave });
                return vec![];
            }
            return self.leave(leave);
        }
        if action == Action::Help {
            self.overlay = Some(Overlay::Help { scroll: Scroll::default() });
            return vec![];
        }
        let (screen, mut cx) = self.split();
        let (transition, effects) = screen.update(&mut cx, action);
        self.status = cx.status;
        self.apply(transition, effects)
    }

    fn apply(&mut self, transition: Transition, mut effects: Vec<Effect>) -> Vec<Effect> {
        match transition {
            Transition::Stay => {}
            Transition::Push(next) => self.stack.push(next),
            Transition::Pop => effects.extend(self.pop()),
            Transition::Replace(next) => match self.stack.last_mut() {
                Some(top) => *top = next,
                None => self.home = next,
            },
        }
        effects
    }

    /// Leaves the top screen (its guard agreed or was answered yes): Quit ends the app; Back
    /// lets the screen wind up first (a quiz shows its results so far) or pops it.
    fn leave(&mut self, leave: Leave) -> Vec<Effect> {
        if leave == Leave::Quit {
            let (top, mut cx) = self.split();
            let mut effects = top.on_leave(&mut cx);
            effects.push(Effect::Quit);
            return effects;
        }
        let stays = match self.stack.last_mut() {
            Some(top) => top.wind_up(),
            None => false,
        };
        if stays { vec![] } else { self.pop() }
    }

    /// Back to the screen below (home stays), after the top one kept what it must.
    fn pop(&mut self) -> Vec<Effect> {
        if self.stack.is_empty() {
            return vec![];
        }
        let effects = {
            let (top, mut cx) = self.split();
            top.on_leave(&mut cx)
        };
        if let Some(popped) = self.stack.pop() {
            let below = match self.stack.last_mut() {
                Some(top) => top,
                None => &mut self.home,
            };
            below.resume(&self.course, &popped);
        }
        effects
    }
}

#[cfg(test)]
mod tests;
