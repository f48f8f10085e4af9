//! Keys to actions, per screen context. The same table produces the footer and the `?` help,
//! so what is shown never drifts from what works.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// What a key asks for; `update` decides what it means on the current screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Enter,
    Back,
    Quit,
    /// Ctrl-C: leave at once, whatever is running.
    ForceQuit,
    Help,
    /// Space: reveal, pick, grab/drop.
    Toggle,
    /// Tab: the next field (the next diagram of a lesson).
    NextField,
    Rate(u8),
    Undo,
    /// `c`: check yourself on this lesson.
    Check,
    NextLesson,
    PrevLesson,
    /// `r`: retry the questions missed.
    Retry,
    /// `b`: bury the card until tomorrow (review).
    Bury,
    /// `!`: suspend the card (review).
    Suspend,
    /// A character typed into a number.
    Type(char),
    Backspace,
    /// No key: the clock passed a deadline the screen declared (a card fell due).
    Tick,
    /// `y`: yes, to a question the app asked.
    Yes,
    /// `o`: open the lesson the question cites.
    OpenLesson,
    /// `<`: a wide diagram, sideways to the left.
    ScrollLeft,
    /// `>`: a wide diagram, sideways to the right.
    ScrollRight,
    /// Exam: `f` flags the question for review.
    Flag,
    /// Exam: `g` the grid of all questions.
    Grid,
    /// Exam: `s` the review page before submitting.
    Submit,
    /// Exam: the next question (`n`, `→`).
    Next,
    /// Exam: the previous question (`p`, `←`).
    Prev,
    /// Report: Tab shows the next filter (all, correct, incorrect, unanswered, flagged).
    Filter,
    /// Simulator: `]` the next tab.
    NextTab,
    /// Simulator: `[` the previous tab.
    PrevTab,
    /// Shift-Tab: the previous field.
    PrevField,
    /// Simulator: `+` a step up.
    More,
    /// Simulator: `-` a step down.
    Less,
    /// Simulator: `*` a big step up (requests x10).
    MuchMore,
    /// Simulator: `/` a big step down.
    MuchLess,
    /// Simulator: `a` the other architecture.
    Arch,
    /// Simulator: `t` the free tier on or off.
    FreeTier,
    /// Simulator: `p` the next preset.
    Preset,
    /// Simulator: `z` a question on what is shown (again: its answer).
    Quiz,
}

/// Which keys are live: depends on the screen and what it is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    List,
    Lesson,
    /// Answering: single, true/false.
    AnswerOne,
    /// Answering: multi.
    AnswerMany,
    /// Answering: order or match.
    Arrange,
    /// Answering: numeric.
    Number,
    Feedback,
    /// Feedback in review: rate how well you knew it.
    Rate,
    Summary,
    Info,
    /// The Stats screen: a long page to scroll.
    Stats,
    Settings,
    Help,
    /// A question is asked before something is lost (leaving a quiz with answers).
    Confirm,
    /// Exam, answering: single or true/false.
    ExamOne,
    /// Exam, answering: multi.
    ExamMany,
    /// Exam, answering: order or match.
    ExamArrange,
    /// Exam, answering: a number.
    ExamNumber,
    /// Exam: the grid of questions.
    ExamGrid,
    /// Exam: the page before submitting.
    ExamReview,
    /// An unfinished exam was found: resume or discard it.
    ExamUnfinished,
    /// An exam's report: the list of questions.
    Report,
    /// An exam's report: one question explained.
    ReportDetail,
    Simulator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode),
    Char(char),
    Ctrl(char),
}

impl Key {
    fn label(self) -> String {
        match self {
            Key::Char(' ') | Key::Code(KeyCode::Char(' ')) => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Code(code) => match code {
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::Backspace => "Backspace".into(),
                other => format!("{other:?}"),
            },
        }
    }

    fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
            Key::Char(c) => !ctrl && ev.code == KeyCode::Char(c),
            Key::Code(code) => !ctrl && ev.code == code,
        }
    }
}

/// One line of the help: the keys, what they do, and the short footer label (empty: help only).
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub footer: &'static str,
    pub help: &'static str,
}

impl Binding {
    pub fn key_labels(&self) -> String {
        self.keys.iter().map(|k| k.label()).collect::<Vec<_>>().join("/")
    }

    /// The first key, for the footer.
    pub fn short_key(&self) -> String {
        match self.action {
            Action::Up | Action::Down => "↑↓".into(),
            Action::Left | Action::Right => "←→".into(),
            Action::Rate(_) => "1-4".into(),
            Action::Type(_) => "0-9".into(),
            _ => self.keys[0].label(),
        }
    }
}

use Action as A;
use KeyCode as K;

const fn b(keys: &'static [Key], action: Action, footer: &'static str, help: &'static str) -> Binding {
    Binding { keys, action, footer, help }
}

const UP: Binding = b(&[Key::Code(K::Up), Key::Char('k')], A::Up, "move", "move up");
const DOWN: Binding = b(&[Key::Code(K::Down), Key::Char('j')], A::Down, "", "move down");
const ENTER_OPEN: Binding = b(&[Key::Code(K::Enter)], A::Enter, "open", "open the highlighted entry");
const BACK: Binding = b(&[Key::Code(K::Esc)], A::Back, "back", "go back");
const HELP: Binding = b(&[Key::Char('?')], A::Help, "help", "show every key of this screen");
const QUIT: Binding = b(&[Key::Char('q')], A::Quit, "quit", "quit cloudcram");
const FORCE_QUIT: Binding = b(&[Key::Ctrl('c')], A::ForceQuit, "", "quit at once");
const PAGE_UP: Binding = b(&[Key::Code(K::PageUp)], A::PageUp, "", "scroll up a page");
const PAGE_DOWN: Binding = b(&[Key::Code(K::PageDown)], A::PageDown, "", "scroll down a page");
const TOP: Binding = b(&[Key::Code(K::Home), Key::Char('g')], A::Top, "", "go to the top");
const BOTTOM: Binding = b(&[Key::Code(K::End), Key::Char('G')], A::Bottom, "", "go to the end");
const SCROLL_UP: Binding = b(&[Key::Code(K::Up), Key::Char('k')], A::Up, "scroll", "scroll up");
const SCROLL_DOWN: Binding = b(&[Key::Code(K::Down), Key::Char('j')], A::Down, "", "scroll down");

/// Space pages down a long page of text, as in a pager.
const SPACE_PAGE: Binding = b(&[Key::Char(' ')], A::PageDown, "", "scroll down a page");

const GLOBAL: [Binding; 4] = [BACK, HELP, QUIT, FORCE_QUIT];

const HOME: &[Binding] = &[UP, DOWN, ENTER_OPEN];
const LIST: &[Binding] = &[UP, DOWN, ENTER_OPEN, PAGE_UP, PAGE_DOWN, TOP, BOTTOM];
const LESSON: &[Binding] = &[
    SCROLL_UP,
    SCROLL_DOWN,
    PAGE_UP,
    PAGE_DOWN,
    SPACE_PAGE,
    TOP,
    BOTTOM,
    b(&[Key::Code(K::Right), Key::Char('l')], A::Right, "step", "next step of the diagram"),
    b(&[Key::Code(K::Left), Key::Char('h')], A::Left, "", "previous step of the diagram"),
    b(&[Key::Code(K::Tab)], A::NextField, "", "next diagram of this lesson"),
    b(&[Key::Char('>')], A::ScrollRight, "", "scroll a wide diagram to the right"),
    b(&[Key::Char('<')], A::ScrollLeft, "", "scroll a wide diagram to the left"),
    b(&[Key::Char('c')], A::Check, "check yourself", "answer this lesson's questions"),
    b(&[Key::Char('n')], A::NextLesson, "next", "next lesson"),
    b(&[Key::Char('p')], A::PrevLesson, "", "previous lesson"),
];
/// Review: take back the last rating, from the next card or the results too.
const UNDO_REVIEW: Binding = b(&[Key::Char('u')], A::Undo, "", "undo the last rating, bury or suspension");
const BURY: Binding = b(&[Key::Char('b')], A::Bury, "", "bury this card until tomorrow");
const SUSPEND: Binding = b(&[Key::Char('!')], A::Suspend, "", "suspend this card (out of reviews until unsuspended)");

const ANSWER_ONE: &[Binding] = &[
    b(
        &[Key::Code(K::Up), Key::Char('k'), Key::Code(K::Left), Key::Char('h')],
        A::Up,
        "move",
        "highlight the option above",
    ),
    b(
        &[Key::Code(K::Down), Key::Char('j'), Key::Code(K::Right), Key::Char('l')],
        A::Down,
        "",
        "highlight the option below",
    ),
    b(&[Key::Code(K::Enter)], A::Enter, "answer", "answer with the highlighted option"),
    UNDO_REVIEW,
    BURY,
    SUSPEND,
];
const ANSWER_MANY: &[Binding] = &[
    UP,
    DOWN,
    b(&[Key::Char(' ')], A::Toggle, "pick", "pick or unpick the highlighted option"),
    b(&[Key::Code(K::Enter)], A::Enter, "answer", "answer with the options picked"),
    UNDO_REVIEW,
    BURY,
    SUSPEND,
];
const ARRANGE: &[Binding] = &[
    UP,
    DOWN,
    b(&[Key::Char(' ')], A::Toggle, "grab/drop", "grab the highlighted entry, move it, drop it"),
    b(&[Key::Code(K::Enter)], A::Enter, "answer", "answer with this arrangement"),
    UNDO_REVIEW,
    BURY,
    SUSPEND,
];
/// Digits and the decimal point and thousands comma: what a value is typed with.
const DIGITS: [Key; 12] = [
    Key::Char('0'),
    Key::Char('1'),
    Key::Char('2'),
    Key::Char('3'),
    Key::Char('4'),
    Key::Char('5'),
    Key::Char('6'),
    Key::Char('7'),
    Key::Char('8'),
    Key::Char('9'),
    Key::Char('.'),
    Key::Char(','),
];
/// An answer's number may also have a sign and a dollar sign.
const NUMBER_KEYS: [Key; 14] = {
    let mut keys = [Key::Char('-'); 14];
    let mut i = 0;
    while i < DIGITS.len() {
        keys[i] = DIGITS[i];
        i += 1;
    }
    keys[13] = Key::Char('$');
    keys
};
const NUMBER: &[Binding] = &[
    b(&NUMBER_KEYS, A::Type(' '), "type", "type the number (commas and $ are fine)"),
    b(&[Key::Code(K::Backspace)], A::Backspace, "", "delete the last character"),
    b(&[Key::Code(K::Enter)], A::Enter, "answer", "answer with this number"),
    UNDO_REVIEW,
    BURY,
    SUSPEND,
];
const OPEN_LESSON: Binding = b(&[Key::Char('o')], A::OpenLesson, "lesson", "open the lesson this question cites");
const FEEDBACK: &[Binding] = &[
    SCROLL_UP,
    SCROLL_DOWN,
    PAGE_UP,
    PAGE_DOWN,
    b(&[Key::Code(K::Enter), Key::Char(' ')], A::Enter, "next", "next question"),
    OPEN_LESSON,
];
const RATE: &[Binding] = &[
    SCROLL_UP,
    SCROLL_DOWN,
    b(
        &[Key::Char('1'), Key::Char('2'), Key::Char('3'), Key::Char('4')],
        A::Rate(0),
        "rate",
        "rate how well you knew it: 1 again, 2 hard, 3 good, 4 easy",
    ),
    b(&[Key::Code(K::Enter), Key::Char(' ')], A::Enter, "accept", "accept the proposed rating"),
    PAGE_UP,
    PAGE_DOWN,
    b(&[Key::Char('u')], A::Undo, "undo", "undo the last rating, bury or suspension"),
    BURY,
    SUSPEND,
    OPEN_LESSON,
];
const SUMMARY: &[Binding] = &[
    UP,
    DOWN,
    b(&[Key::Code(K::Enter)], A::Enter, "see", "see the highlighted missed question"),
    b(&[Key::Char('r')], A::Retry, "retry missed", "a new quiz of the questions you missed"),
    UNDO_REVIEW,
];
const INFO: &[Binding] = &[SCROLL_UP, SCROLL_DOWN];
const STATS: &[Binding] = &[SCROLL_UP, SCROLL_DOWN, PAGE_UP, PAGE_DOWN, SPACE_PAGE, TOP, BOTTOM];
const SETTINGS: &[Binding] = &[
    UP,
    DOWN,
    b(&[Key::Code(K::Right), Key::Char('l')], A::Right, "change", "more (or the other choice)"),
    b(&[Key::Code(K::Left), Key::Char('h')], A::Left, "", "less (or the other choice)"),
    b(&[Key::Char(' ')], A::Toggle, "", "the next value"),
];
const CONFIRM: &[Binding] = &[
    b(&[Key::Char('y'), Key::Code(K::Enter)], A::Yes, "yes", "yes: do it"),
    b(&[Key::Char('n'), Key::Code(K::Esc)], A::Back, "no", "no: go on where you were"),
];
const EXAM_MOVE: [Binding; 6] = [
    b(&[Key::Char('n'), Key::Code(K::Right)], A::Next, "next", "the next question"),
    b(&[Key::Char('p'), Key::Code(K::Left)], A::Prev, "", "the previous question"),
    b(&[Key::Char('f')], A::Flag, "flag", "flag this question to come back to (again: unflag)"),
    b(&[Key::Char('g')], A::Grid, "grid", "all questions at a glance; jump to one"),
    b(&[Key::Char('s')], A::Submit, "submit", "review what is unanswered or flagged, then submit"),
    b(&[Key::Code(K::PageDown)], A::PageDown, "", "scroll a long question down"),
];
const EXAM_ONE: &[Binding] = &[
    UP,
    DOWN,
    b(&[Key::Code(K::Enter), Key::Char(' ')], A::Enter, "choose", "answer with the highlighted option"),
    EXAM_MOVE[0],
    EXAM_MOVE[1],
    EXAM_MOVE[2],
    EXAM_MOVE[3],
    EXAM_MOVE[4],
    EXAM_MOVE[5],
];
const EXAM_MANY: &[Binding] = &[
    UP,
    DOWN,
    b(&[Key::Char(' '), Key::Code(K::Enter)], A::Toggle, "pick", "pick or unpick the highlighted option"),
    EXAM_MOVE[0],
    EXAM_MOVE[1],
    EXAM_MOVE[2],
    EXAM_MOVE[3],
    EXAM_MOVE[4],
    EXAM_MOVE[5],
];
const EXAM_ARRANGE: &[Binding] = &[
    UP,
    DOWN,
    b(&[Key::Char(' ')], A::Toggle, "grab/drop", "grab the highlighted entry, move it, drop it"),
    b(&[Key::Code(K::Enter)], A::Enter, "answer", "answer with this arrangement"),
    EXAM_MOVE[0],
    EXAM_MOVE[1],
    EXAM_MOVE[2],
    EXAM_MOVE[3],
    EXAM_MOVE[4],
    EXAM_MOVE[5],
];
const EXAM_NUMBER: &[Binding] = &[
    NUMBER[0],
    NUMBER[1],
    b(&[Key::Code(K::Enter)], A::Enter, "answer", "answer with this number"),
    b(&[Key::Code(K::Right)], A::Next, "next", "the next question"),
    b(&[Key::Code(K::Left)], A::Prev, "", "the previous question"),
    b(&[Key::Char('f')], A::Flag, "flag", "flag this question to come back to (again: unflag)"),
    b(&[Key::Char('g')], A::Grid, "grid", "all questions at a glance; jump to one"),
    b(&[Key::Char('s')], A::Submit, "submit", "review what is unanswered or flagged, then submit"),
];
const EXAM_GRID: &[Binding] = &[
    b(&[Key::Code(K::Up), Key::Char('k')], A::Up, "move", "the question a row up"),
    b(&[Key::Code(K::Down), Key::Char('j')], A::Down, "", "the question a row down"),
    b(&[Key::Code(K::Left), Key::Char('h')], A::Left, "", "the question before"),
    b(&[Key::Code(K::Right), Key::Char('l')], A::Right, "", "the question after"),
    b(&[Key::Code(K::Enter)], A::Enter, "go to", "go to the highlighted question"),
    b(&[Key::Char('s')], A::Submit, "submit", "review what is unanswered or flagged, then submit"),
];
const EXAM_REVIEW: &[Binding] = &[
    UP,
    DOWN,
    b(&[Key::Code(K::Enter)], A::Enter, "go to", "go to the highlighted question"),
    b(&[Key::Char('y')], A::Yes, "submit now", "submit the exam: it is marked and the report opens"),
];
const EXAM_UNFINISHED: &[Binding] = &[
    b(&[Key::Char('r'), Key::Code(K::Enter)], A::Enter, "resume", "carry on with the unfinished exam"),
    b(&[Key::Char('d')], A::Retry, "discard", "discard it and start the new exam"),
];
const REPORT: &[Binding] = &[
    UP,
    DOWN,
    PAGE_UP,
    PAGE_DOWN,
    b(&[Key::Code(K::Enter)], A::Enter, "explain", "the highlighted question, explained"),
    b(&[Key::Code(K::Tab)], A::Filter, "filter", "show all, correct, incorrect, unanswered or flagged"),
    b(&[Key::Char('r')], A::Retry, "practise missed", "a quiz of the incorrect and unanswered questions"),
];
const REPORT_DETAIL: &[Binding] = &[
    SCROLL_UP,
    SCROLL_DOWN,
    PAGE_UP,
    PAGE_DOWN,
    b(&[Key::Char('n')], A::Next, "next", "the next question of the list"),
    b(&[Key::Char('p')], A::Prev, "", "the previous question of the list"),
    OPEN_LESSON,
];
const SIMULATOR: &[Binding] = &[
    b(&[Key::Char(']')], A::NextTab, "tab", "the next tab: Lambda, Fargate, EC2, Compare"),
    b(&[Key::Char('[')], A::PrevTab, "", "the previous tab"),
    b(&[Key::Code(K::Tab), Key::Code(K::Down)], A::NextField, "field", "the next field"),
    b(&[Key::Code(K::BackTab), Key::Code(K::Up)], A::PrevField, "", "the previous field"),
    b(&[Key::Char('+'), Key::Char('=')], A::More, "+/-", "a step up (memory by 64 MB, and so on)"),
    b(&[Key::Char('-')], A::Less, "", "a step down"),
    b(&[Key::Char('*')], A::MuchMore, "", "a big step up (requests x10)"),
    b(&[Key::Char('/')], A::MuchLess, "", "a big step down"),
    b(&DIGITS, A::Type(' '), "", "type a value (Enter or moving on takes it)"),
    b(&[Key::Code(K::Backspace)], A::Backspace, "", "delete the last digit typed"),
    b(&[Key::Code(K::Enter)], A::Enter, "", "take the value typed"),
    b(&[Key::Char('a')], A::Arch, "arch", "x86_64 or arm64 (Graviton)"),
    b(&[Key::Char('t')], A::FreeTier, "free tier", "Lambda's monthly free tier on or off"),
    b(&[Key::Char('p')], A::Preset, "preset", "the next preset workload"),
    b(&[Key::Char('z')], A::Quiz, "quiz me", "a question on what is shown; again: the worked answer"),
    PAGE_UP,
    PAGE_DOWN,
];
const HELP_KEYS: &[Binding] = &[
    b(&[Key::Code(K::Esc), Key::Char('?'), Key::Code(K::Enter)], A::Back, "close", "close this help"),
    SCROLL_UP,
    SCROLL_DOWN,
    PAGE_UP,
    PAGE_DOWN,
];

/// The bindings of a context, its own first, then the global ones.
pub fn bindings(ctx: Context) -> Vec<Binding> {
    let own: &[Binding] = match ctx {
        Context::Home => HOME,
        Context::List => LIST,
        Context::Lesson => LESSON,
        Context::AnswerOne => ANSWER_ONE,
        Context::AnswerMany => ANSWER_MANY,
        Context::Arrange => ARRANGE,
        Context::Number => NUMBER,
        Context::Feedback => FEEDBACK,
        Context::Rate => RATE,
        Context::Summary => SUMMARY,
        Context::Info => INFO,
        Context::Stats => STATS,
        Context::Settings => SETTINGS,
        Context::ExamOne => EXAM_ONE,
        Context::ExamMany => EXAM_MANY,
        Context::ExamArrange => EXAM_ARRANGE,
        Context::ExamNumber => EXAM_NUMBER,
        Context::ExamGrid => EXAM_GRID,
        Context::ExamReview => EXAM_REVIEW,
        Context::ExamUnfinished => EXAM_UNFINISHED,
        Context::Report => REPORT,
        Context::ReportDetail => REPORT_DETAIL,
        Context::Simulator => SIMULATOR,
        Context::Help => return HELP_KEYS.iter().copied().chain([FORCE_QUIT]).collect(),
        Context::Confirm => return CONFIRM.iter().copied().chain([FORCE_QUIT]).collect(),
    };
    let global: &[Binding] = if ctx == Context::Home { &[HELP, QUIT, FORCE_QUIT] } else { &GLOBAL };
    own.iter().chain(global).copied().collect()
}

/// The action of a key press in a context, if any.
pub fn action(ctx: Context, ev: &KeyEvent) -> Option<Action> {
    action_in(&bindings(ctx), ev)
}

/// The action of a key press among some bindings (a context's, less what the screen does not
/// offer right now), if any.
pub fn action_in(bindings: &[Binding], ev: &KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let binding = bindings.iter().find(|b| b.keys.iter().any(|k| k.matches(ev)))?;
    Some(match (binding.action, ev.code) {
        (Action::Type(_), KeyCode::Char(c)) => Action::Type(c),
        (Action::Rate(_), KeyCode::Char(c)) => Action::Rate(c.to_digit(10).map_or(3, |d| d as u8)),
        (a, _) => a,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn arrows_and_vim_keys_move() {
        for ctx in [Context::List, Context::AnswerMany, Context::Arrange] {
            assert_eq!(action(ctx, &key(KeyCode::Up)), Some(Action::Up));
            assert_eq!(action(ctx, &key(KeyCode::Char('k'))), Some(Action::Up));
            assert_eq!(action(ctx, &key(KeyCode::Char('j'))), Some(Action::Down));
        }
    }

    #[test]
    fn q_quits_and_ctrl_c_forces_everywhere() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for ctx in [Context::Home, Context::Lesson, Context::Number, Context::Rate, Context::Help] {
            assert_eq!(action(ctx, &ctrl_c), Some(Action::ForceQuit), "{ctx:?}");
        }
        assert_eq!(action(Context::Lesson, &key(KeyCode::Char('q'))), Some(Action::Quit));
        assert_eq!(action(Context::Lesson, &key(KeyCode::Char('c'))), Some(Action::Check));
    }

    #[test]
    fn numbers_are_typed_and_ratings_carry_their_digit() {
        assert_eq!(action(Context::Number, &key(KeyCode::Char('7'))), Some(Action::Type('7')));
        assert_eq!(action(Context::Number, &key(KeyCode::Char('x'))), None);
        assert_eq!(action(Context::Rate, &key(KeyCode::Char('2'))), Some(Action::Rate(2)));
        assert_eq!(action(Context::Rate, &key(KeyCode::Char('5'))), None);
    }

    #[test]
    fn releases_are_ignored() {
        let mut ev = key(KeyCode::Enter);
        ev.kind = KeyEventKind::Release;
        assert_eq!(action(Context::List, &ev), None);
    }

    #[test]
    fn every_context_offers_help_or_a_way_out_in_its_footer() {
        for ctx in [
            Context::Home,
            Context::List,
            Context::Lesson,
            Context::AnswerOne,
            Context::AnswerMany,
            Context::Arrange,
            Context::Number,
            Context::Feedback,
            Context::Rate,
            Context::Summary,
            Context::Info,
            Context::Stats,
            Context::Settings,
            Context::Help,
            Context::Confirm,
            Context::ExamOne,
            Context::ExamMany,
            Context::ExamArrange,
            Context::ExamNumber,
            Context::ExamGrid,
            Context::ExamReview,
            Context::ExamUnfinished,
            Context::Report,
            Context::ReportDetail,
            Context::Simulator,
        ] {
            let all = bindings(ctx);
            assert!(all.iter().any(|b| !b.footer.is_empty()), "{ctx:?}");
            assert!(all.iter().all(|b| !b.help.is_empty()), "{ctx:?}");
            // No key bound twice in one context.
            let mut seen = Vec::new();
            for b in &all {
                for k in b.keys {
                    assert!(!seen.contains(k), "{ctx:?}: {k:?} bound twice");
                    seen.push(*k);
                }
            }
        }
    }
}
