//! The application state and its one door for change: `update(action)`. Screens form a stack
//! (Esc pops); overlays (help, confirm) sit above them and get keys first. Nothing here
//! touches the terminal; effects that need I/O are returned to the loop.

pub mod keymap;

use jiff::Timestamp;

use crate::content::Course;
use crate::progress::Store;
use crate::quiz::{Purpose, QRef, QuizError, Session};
use crate::srs::Rating;
use crate::ui::Theme;
pub use keymap::{Action, Context};

/// The entries of the home menu, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuEntry {
    Study,
    Review,
    Quiz,
    Exam,
    Simulator,
    Stats,
}

impl MenuEntry {
    pub const ALL: [Self; 6] = [Self::Study, Self::Review, Self::Quiz, Self::Exam, Self::Simulator, Self::Stats];

    pub fn label(self) -> &'static str {
        match self {
            Self::Study => "Study",
            Self::Review => "Review",
            Self::Quiz => "Quiz",
            Self::Exam => "Exam drill",
            Self::Simulator => "Cost simulator",
            Self::Stats => "Stats",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Self::Study => "read the lessons, step through the diagrams",
            Self::Review => "the cards that are due now (spaced repetition)",
            Self::Quiz => "10 questions from every topic, feedback after each",
            Self::Exam => "a timed mock exam in the CLF-C02 format",
            Self::Simulator => "Lambda, Fargate and EC2 costs side by side",
            Self::Stats => "progress per topic, reviews and exam history",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LessonView {
    pub topic: usize,
    pub lesson: usize,
    pub scroll: usize,
    /// Which of the lesson's diagrams the step keys drive.
    pub diagram: usize,
    /// The step shown; `None` shows the whole diagram unlit.
    pub step: Option<usize>,
}

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

#[derive(Debug)]
pub struct QuizView {
    pub title: String,
    pub session: Session,
    pub phase: Phase,
    pub scroll: usize,
    /// A one-line note under the question ("pick exactly 2").
    pub note: Option<String>,
    /// Review only: the items rated so far, in the order they were rated (for undo).
    pub rated: Vec<usize>,
}

impl QuizView {
    /// Review: the current card has been answered and waits for its rating.
    pub fn awaiting_rating(&self) -> bool {
        self.session.purpose == Purpose::Review
            && self.phase == Phase::Feedback
            && !self.rated.contains(&self.session.current)
    }

    /// The rating proposed for the current card: Again when wrong, Good when right.
    pub fn proposed_rating(&self) -> Rating {
        match &self.session.item().outcome {
            Some((_, grade)) if grade.correct => Rating::Good,
            _ => Rating::Again,
        }
    }
}

#[derive(Debug)]
pub enum Screen {
    Home {
        selected: usize,
    },
    Topics {
        selected: usize,
    },
    Lessons {
        topic: usize,
        selected: usize,
    },
    Lesson(LessonView),
    Quiz(Box<QuizView>),
    /// A page of text: features still to come, or a problem to explain.
    Info {
        title: String,
        body: String,
        scroll: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
}

/// What the loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Write the progress store to disk (after every rating).
    Save,
}

pub struct App {
    pub course: Course,
    pub theme: Theme,
    /// The learner's progress, locked for this process.
    pub store: Store,
    /// A message for the learner (a failed save), shown until the next key.
    pub status: Option<String>,
    screens: Vec<Screen>,
    pub overlay: Option<Overlay>,
    /// The terminal's size, for paging and clamping scrolls.
    pub size: (u16, u16),
    pub now: Timestamp,
    seed: u64,
}

/// Where the TUI opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    Home,
    Study(Option<String>),
    Quiz { topics: Vec<String>, count: Option<usize> },
    Review,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("topic `{0}` does not exist; topics: {1}")]
    UnknownTopic(String, String),
    #[error(transparent)]
    Quiz(#[from] QuizError),
}

impl App {
    pub fn new(course: Course, theme: Theme, store: Store, now: Timestamp, start: &Start) -> Result<Self, StartError> {
        let seed = now.as_nanosecond() as u64;
        let mut app = Self {
            course,
            theme,
            store,
            status: None,
            screens: vec![Screen::Home { selected: 0 }],
            overlay: None,
            size: (80, 24),
            now,
            seed,
        };
        match start {
            Start::Home => {}
            Start::Study(None) => app.screens.push(Screen::Topics { selected: 0 }),
            Start::Study(Some(id)) => {
                let Some(topic) = app.course.topics.iter().position(|t| t.id == *id) else {
                    let known = app.course.topics.iter().map(|t| t.id.as_str()).collect::<Vec<_>>().join(", ");
                    return Err(StartError::UnknownTopic(id.clone(), known));
                };
                app.screens.push(Screen::Topics { selected: topic });
                app.screens.push(Screen::Lessons { topic, selected: 0 });
            }
            Start::Quiz { topics, count } => {
                let seed = app.next_seed();
                let session = Session::practice(&app.course, topics, *count, seed)?;
                app.push_quiz("Quiz".into(), session);
            }
            Start::Review => app.start_review(),
        }
        Ok(app)
    }

    pub fn screen(&self) -> &Screen {
        self.screens.last().expect("the stack is never empty")
    }

    pub fn depth(&self) -> usize {
        self.screens.len()
    }

    fn next_seed(&mut self) -> u64 {
        self.seed = self.seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.seed
    }

    fn push_quiz(&mut self, title: String, session: Session) {
        self.screens.push(Screen::Quiz(Box::new(QuizView {
            title,
            session,
            phase: Phase::Answering,
            scroll: 0,
            note: None,
            rated: Vec::new(),
        })));
    }

    /// Which keys are live now: an overlay's, else the screen's.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Help { .. }) => Context::Help,
            None => self.screen_context(),
        }
    }

    /// The keys of the screen itself (what the help overlay describes).
    pub fn screen_context(&self) -> Context {
        use crate::quiz::Draft;
        match self.screen() {
            Screen::Home { .. } => Context::Home,
            Screen::Topics { .. } | Screen::Lessons { .. } => Context::List,
            Screen::Lesson(_) => Context::Lesson,
            Screen::Info { .. } => Context::Info,
            Screen::Quiz(view) if view.awaiting_rating() => Context::Rate,
            Screen::Quiz(view) => match view.phase {
                Phase::Answering => match &view.session.item().draft {
                    Draft::Choice { pick, .. } if *pick > 1 => Context::AnswerMany,
                    Draft::Choice { .. } | Draft::TrueFalse { .. } => Context::AnswerOne,
                    Draft::Arrange { .. } => Context::Arrange,
                    Draft::Numeric { .. } => Context::Number,
                },
                Phase::Feedback | Phase::Revisit { .. } => Context::Feedback,
                Phase::Summary { .. } => Context::Summary,
            },
        }
    }

    /// Rows available to a scrolling body: the screen less the title and footer lines.
    fn page(&self) -> usize {
        crate::ui::body_height(self.size)
    }

    /// Applies one action. The only place state changes.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.status = None;
        if action == Action::ForceQuit {
            return vec![Effect::Quit];
        }
        if let Some(overlay) = self.overlay {
            return self.update_overlay(overlay, action);
        }
        match action {
            Action::Help => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                return vec![];
            }
            Action::Quit => return vec![Effect::Quit],
            Action::Back => {
                if self.screens.len() > 1 {
                    self.screens.pop();
                }
                return vec![];
            }
            _ => {}
        }
        let page = self.page();
        match self.screens.pop().expect("the stack is never empty") {
            Screen::Home { selected } => self.update_home(selected, action),
            Screen::Topics { selected } => {
                let n = self.course.topics.len();
                let selected = move_in_list(selected, n, action, page);
                self.screens.push(Screen::Topics { selected });
                if action == Action::Enter && n > 0 {
                    self.screens.push(Screen::Lessons { topic: selected, selected: 0 });
                }
            }
            Screen::Lessons { topic, selected } => {
                let n = self.course.topics[topic].lessons.len();
                let selected = move_in_list(selected, n, action, page);
                self.screens.push(Screen::Lessons { topic, selected });
                if action == Action::Enter && n > 0 {
                    self.open_lesson(topic, selected);
                }
            }
            Screen::Lesson(view) => self.update_lesson(view, action),
            Screen::Quiz(view) if view.session.purpose == Purpose::Review => return self.update_review(view, action),
            Screen::Quiz(view) => self.update_quiz(view, action),
            Screen::Info { title, body, scroll } => {
                let max = crate::ui::info_height(&body, self.size.0).saturating_sub(page);
                let scroll = scroll_by(scroll, max, action, page);
                self.screens.push(Screen::Info { title, body, scroll });
            }
        }
        vec![]
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) -> Vec<Effect> {
        match (overlay, action) {
            (Overlay::Help { scroll }, Action::Up | Action::Down | Action::PageUp | Action::PageDown) => {
                let page = self.page();
                let max = crate::ui::help_height(self.screen_context()).saturating_sub(page);
                self.overlay = Some(Overlay::Help { scroll: scroll_by(scroll, max, action, page) });
                vec![]
            }
            (_, Action::Back | Action::Help | Action::Enter) => {
                self.overlay = None;
                vec![]
            }
            _ => vec![],
        }
    }

    fn update_home(&mut self, selected: usize, action: Action) {
        let selected = move_in_list(selected, MenuEntry::ALL.len(), action, self.page());
        self.screens.push(Screen::Home { selected });
        if action != Action::Enter {
            return;
        }
        match MenuEntry::ALL[selected] {
            MenuEntry::Study => self.screens.push(Screen::Topics { selected: 0 }),
            MenuEntry::Quiz => {
                let seed = self.next_seed();
                match Session::practice(&self.course, &[], None, seed) {
                    Ok(session) => self.push_quiz("Quiz".into(), session),
                    Err(e) => self.info("Quiz", e.to_string()),
                }
            }
            MenuEntry::Review => self.start_review(),
            entry @ (MenuEntry::Exam | MenuEntry::Simulator | MenuEntry::Stats) => {
                let what = match entry {
                    MenuEntry::Exam => "Timed exam drills arrive with later work.",
                    MenuEntry::Simulator => {
                        "The cost simulator screen arrives with later work. Meanwhile the `cloudcram cost` command \
                         estimates Lambda, Fargate and EC2 costs with the calculation shown."
                    }
                    _ => "The stats screen arrives with later work. Meanwhile `cloudcram stats` prints them.",
                };
                self.info(entry.label(), format!("{what}\n\nNothing here yet: press Esc to go back."));
            }
        }
    }

    /// Opens a review of the cards due now, or says when the next one is due.
    fn start_review(&mut self) {
        let queue: Vec<QRef> = self.due_now();
        let seed = self.next_seed();
        match Session::new(&self.course, Purpose::Review, queue, seed) {
            Ok(session) => self.push_quiz("Review".into(), session),
            Err(_) => {
                let body = self.nothing_due();
                self.info("Review", body);
            }
        }
    }

    /// The cards to review at `now`: due ones by due time, then today's new ones.
    fn due_now(&self) -> Vec<QRef> {
        let queue = self.store.queue(&self.course, self.now);
        queue.cards().filter_map(|item| QRef::find(&self.course, &item.question.id)).collect()
    }

    /// What to say when nothing is due.
    pub fn nothing_due(&self) -> String {
        let queue = self.store.queue(&self.course, self.now);
        let next = match queue.next_due {
            Some(t) => {
                let wait = crate::srs::format_interval(t.duration_since(self.now));
                format!("The next card is due in {wait} ({}).", t.strftime("%Y-%m-%d %H:%M UTC"))
            }
            None => "No card is scheduled yet.".to_string(),
        };
        let new = if queue.new_allowed_today == 0 {
            format!(
                " Today's {} new cards are done; more come tomorrow (new_cards_per_day in progress.toml).",
                self.store.settings().new_cards_per_day
            )
        } else {
            String::new()
        };
        format!("Nothing is due right now. {next}{new}\n\nPress Esc to go back.")
    }

    fn info(&mut self, title: &str, body: String) {
        self.screens.push(Screen::Info { title: title.into(), body, scroll: 0 });
    }

    fn open_lesson(&mut self, topic: usize, lesson: usize) {
        self.screens.push(Screen::Lesson(LessonView { topic, lesson, scroll: 0, diagram: 0, step: None }));
    }

    fn update_lesson(&mut self, mut view: LessonView, action: Action) {
        let page = self.page();
        let lesson = &self.course.topics[view.topic].lessons[view.lesson];
        let diagram = lesson.diagrams.get(view.diagram).and_then(|id| self.course.diagram(id));
        let steps = diagram.map_or(0, |d| d.steps.len());
        let mut reveal_diagram = false;
        match action {
            Action::Right if steps > 0 => {
                view.step = Some(view.step.map_or(0, |s| (s + 1).min(steps - 1)));
                reveal_diagram = true;
            }
            Action::Left => {
                view.step = view.step.and_then(|s| s.checked_sub(1));
                reveal_diagram = true;
            }
            Action::NextField if lesson.diagrams.len() > 1 => {
                view.diagram = (view.diagram + 1) % lesson.diagrams.len();
                view.step = None;
                reveal_diagram = true;
            }
            Action::NextLesson | Action::PrevLesson => {
                let n = self.course.topics[view.topic].lessons.len();
                let next = if action == Action::NextLesson { view.lesson + 1 } else { view.lesson.wrapping_sub(1) };
                if next < n {
                    view = LessonView { lesson: next, scroll: 0, diagram: 0, step: None, ..view };
                    // Keep the lesson list's highlight in step with the reader.
                    if let Some(Screen::Lessons { selected, .. }) = self.screens.last_mut() {
                        *selected = next;
                    }
                }
            }
            Action::Check => {
                let lesson_id = lesson.id.clone();
                let title = format!("Check yourself: {}", lesson.title);
                let seed = self.next_seed();
                self.screens.push(Screen::Lesson(view));
                match Session::for_lesson(&self.course, &lesson_id, seed) {
                    Ok(session) => self.push_quiz(title, session),
                    Err(_) => self.info("Check yourself", "This lesson has no questions yet.".into()),
                }
                return;
            }
            _ => {}
        }
        let (height, active) = crate::ui::lesson_extent(&self.course, &view, self.size);
        let max = height.saturating_sub(page);
        if reveal_diagram {
            // An inline diagram being stepped must be on screen, or the learner sees nothing
            // change: scroll so that it is (its top first when it is taller than the screen).
            if let Some(range) = active
                && (range.start < view.scroll || range.end > view.scroll + page)
            {
                view.scroll = range.start.min(max);
            }
        } else {
            view.scroll = scroll_by(view.scroll, max, action, page);
        }
        self.screens.push(Screen::Lesson(view));
    }

    /// Review: answer like a quiz, then rate; every rating is saved. Undo takes the last
    /// rating back and returns to that card.
    fn update_review(&mut self, mut view: Box<QuizView>, action: Action) -> Vec<Effect> {
        let mut effects = Vec::new();
        if action == Action::Undo {
            if let Some(item) = view.rated.pop()
                && self.store.undo_last_review().is_some()
            {
                view.session.current = item;
                view.phase = Phase::Feedback;
                view.scroll = 0;
                effects.push(Effect::Save);
            } else {
                self.status = Some("Nothing to undo in this session.".into());
            }
            self.screens.push(Screen::Quiz(view));
            return effects;
        }
        let rating = match action {
            _ if !view.awaiting_rating() => None,
            Action::Rate(n) => Rating::ALL.get(usize::from(n).wrapping_sub(1)).copied(),
            Action::Enter => Some(view.proposed_rating()),
            _ => None,
        };
        let Some(rating) = rating else {
            if view.awaiting_rating() {
                // Scrolling the feedback while it waits for a rating.
                let page = self.page();
                let max = crate::ui::quiz_height(self, &view).saturating_sub(page);
                view.scroll = scroll_by(view.scroll, max, action, page);
                self.screens.push(Screen::Quiz(view));
            } else {
                self.update_quiz(view, action);
            }
            return effects;
        };
        let card = view.session.item().qref.get(&self.course).id.clone();
        self.store.record_review(&card, rating, self.now);
        view.rated.push(view.session.current);
        effects.push(Effect::Save);
        if !view.session.advance() {
            // The queue is done: cards whose learning step has passed come back now.
            for qref in self.due_now() {
                view.session.push(&self.course, qref);
            }
            view.session.advance();
        }
        view.scroll = 0;
        view.phase = if view.rated.contains(&view.session.current) {
            Phase::Summary { selected: 0 }
        } else if view.session.item().outcome.is_some() {
            Phase::Feedback
        } else {
            Phase::Answering
        };
        self.screens.push(Screen::Quiz(view));
        effects
    }

    fn update_quiz(&mut self, mut view: Box<QuizView>, action: Action) {
        let page = self.page();
        match view.phase {
            Phase::Answering => {
                view.note = None;
                let draft = &mut view.session.item_mut().draft;
                match action {
                    Action::Up => draft.move_by(-1),
                    Action::Down => draft.move_by(1),
                    Action::Toggle => draft.toggle(),
                    Action::Type(c) => draft.type_char(c),
                    Action::Backspace => draft.backspace(),
                    Action::Enter => match view.session.submit(&self.course) {
                        Ok(_) => {
                            view.phase = Phase::Feedback;
                            view.scroll = 0;
                        }
                        Err(e) => view.note = Some(e.to_string()),
                    },
                    _ => {}
                }
            }
            Phase::Feedback => match action {
                Action::Enter => {
                    view.scroll = 0;
                    if view.session.advance() {
                        view.phase = Phase::Answering;
                    } else {
                        view.phase = Phase::Summary { selected: 0 };
                    }
                }
                _ => {
                    let max = crate::ui::quiz_height(self, &view).saturating_sub(page);
                    view.scroll = scroll_by(view.scroll, max, action, page);
                }
            },
            Phase::Summary { selected } => {
                let missed = view.session.results(&self.course).missed;
                let selected = move_in_list(selected, missed.len(), action, page);
                view.phase = Phase::Summary { selected };
                match action {
                    Action::Enter if !missed.is_empty() => {
                        view.phase = Phase::Revisit { missed: selected };
                        view.scroll = 0;
                    }
                    Action::Retry if !missed.is_empty() => {
                        let seed = self.next_seed();
                        let title = format!("Retry: {}", view.title.trim_start_matches("Retry: "));
                        self.screens.push(Screen::Quiz(view));
                        if let Ok(session) = Session::new(&self.course, Purpose::Practice, missed, seed) {
                            self.push_quiz(title, session);
                        }
                        return;
                    }
                    _ => {}
                }
            }
            Phase::Revisit { missed } => match action {
                Action::Enter => view.phase = Phase::Summary { selected: missed },
                _ => {
                    let max = crate::ui::quiz_height(self, &view).saturating_sub(page);
                    view.scroll = scroll_by(view.scroll, max, action, page);
                }
            },
        }
        self.screens.push(Screen::Quiz(view));
    }
}

/// Moves a list selection; Enter and other actions leave it.
fn move_in_list(selected: usize, len: usize, action: Action, page: usize) -> usize {
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

/// Scrolls a body of text, never past its end.
fn scroll_by(scroll: usize, max: usize, action: Action, page: usize) -> usize {
    match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => (scroll + 1).min(max),
        Action::PageUp => scroll.saturating_sub(page),
        Action::PageDown => (scroll + page).min(max),
        Action::Top => 0,
        Action::Bottom => max,
        _ => scroll.min(max),
    }
}

/// An App on the fixture course with a fresh progress store in a temporary directory that
/// lives as long as the App.
#[cfg(test)]
pub(crate) mod testing {
    use super::{App, Start, Theme};
    use crate::progress::Store;

    pub struct TestApp {
        pub app: App,
        pub dir: tempfile::TempDir,
    }

    impl std::ops::Deref for TestApp {
        type Target = App;
        fn deref(&self) -> &App {
            &self.app
        }
    }

    impl std::ops::DerefMut for TestApp {
        fn deref_mut(&mut self) -> &mut App {
            &mut self.app
        }
    }

    pub fn now() -> jiff::Timestamp {
        "2026-11-27T15:00:00Z".parse().unwrap()
    }

    pub fn app(start: &Start) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), now()).unwrap();
        let mut app = App::new(crate::content::fixture_course(), Theme::monochrome(), store, now(), start).unwrap();
        app.size = (80, 24);
        TestApp { app, dir }
    }
}

#[cfg(test)]
mod tests;
