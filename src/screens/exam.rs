//! The exam screen: a timed sitting in the CLF-C02 format. Questions with no feedback until
//! the end, a countdown, flags, a grid of every question, a review page before submitting,
//! and at zero the exam submits itself. Every answer and flag is saved (the sheet, in the data
//! directory), so a kill or a closed terminal loses nothing: `exam --resume` carries on.

use jiff::{SignedDuration, Timestamp};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::quiz::draw as qdraw;
use super::report::Report;
use super::{Cx, Screen, Transition, stay};
use crate::app::{Action, Context, Effect, Scroll};
use crate::content::{Course, QuestionBody};
use crate::quiz::exam::{Sheet, Spec};
use crate::quiz::{Draft, Purpose, QRef, Session};
use crate::ui::widgets::{pick, scrolled, text_width};
use crate::ui::{Theme, View, text};

/// Questions per row of the grid.
const GRID_COLUMNS: usize = 10;

/// When the clock warns that time is running out.
const WARN_AT: SignedDuration = SignedDuration::from_mins(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Question,
    /// Every question at a glance; `selected` is highlighted.
    Grid {
        selected: usize,
    },
    /// The page before submitting: unanswered and flagged questions, `selected` highlighted.
    Review {
        selected: usize,
    },
}

#[derive(Debug)]
pub struct Exam {
    /// The questions, with their shuffles and the drafts being answered.
    pub session: Session,
    /// What is saved: the answers given, the flags, the time left.
    pub sheet: Sheet,
    /// When the time is up.
    pub deadline: Timestamp,
    pub mode: Mode,
    pub scroll: Scroll,
}

/// An exam that cannot start yet: one is unfinished. The learner resumes it or discards it.
#[derive(Debug)]
pub struct Unfinished {
    pub old: Sheet,
    pub new: Spec,
}

impl Exam {
    /// A new sitting of `questions`, starting `now`.
    pub fn start(course: &Course, spec: &Spec, questions: &[QRef], now: Timestamp) -> Option<Self> {
        Self::resume(course, Sheet::new(course, spec, questions, now), now)
    }

    /// A sitting from its sheet, with the time it had left: the shuffles and the drafts as
    /// they were. `None` when none of its questions exists any more.
    pub fn resume(course: &Course, mut sheet: Sheet, now: Timestamp) -> Option<Self> {
        // Questions the content no longer has cannot be shown; they stay unanswered (wrong).
        let refs: Vec<QRef> = sheet.questions.iter().filter_map(|id| QRef::find(course, id)).collect();
        if refs.len() != sheet.questions.len() {
            let known: Vec<bool> = sheet.questions.iter().map(|id| QRef::find(course, id).is_some()).collect();
            keep_known(&mut sheet.questions, &known);
            keep_known(&mut sheet.answers, &known);
            keep_known(&mut sheet.flagged, &known);
        }
        let mut session = Session::new(course, Purpose::Exam, refs, sheet.seed).ok()?;
        sheet.answers.resize(session.items.len(), None);
        sheet.flagged.resize(session.items.len(), false);
        for (item, answer) in session.items.iter_mut().zip(&sheet.answers) {
            if let Some(r) = answer {
                item.draft = Draft::restore(item.qref.get(course), &item.layout, r);
            }
        }
        let deadline = now + sheet.left.max(SignedDuration::ZERO);
        Some(Self { session, sheet, deadline, mode: Mode::Question, scroll: Scroll::default() })
    }

    pub fn screen(self) -> Screen {
        Screen::Exam(Box::new(self))
    }

    fn current(&self) -> usize {
        self.session.current
    }

    pub fn answered(&self) -> usize {
        self.sheet.answers.iter().filter(|a| a.is_some()).count()
    }

    pub fn flagged(&self) -> usize {
        self.sheet.flagged.iter().filter(|f| **f).count()
    }

    /// The time left at `now`.
    pub fn left(&self, now: Timestamp) -> SignedDuration {
        self.deadline.duration_since(now).max(SignedDuration::ZERO)
    }

    pub fn context(&self) -> Context {
        match self.mode {
            Mode::Grid { .. } => Context::ExamGrid,
            Mode::Review { .. } => Context::ExamReview,
            Mode::Question => match &self.session.item().draft {
                Draft::Choice { pick, .. } if *pick > 1 => Context::ExamMany,
                Draft::Choice { .. } | Draft::TrueFalse { .. } => Context::ExamOne,
                Draft::Arrange { .. } => Context::ExamArrange,
                Draft::Numeric { .. } => Context::ExamNumber,
            },
        }
    }

    pub fn breadcrumb(&self) -> String {
        match self.mode {
            Mode::Question => format!("Exam › {} of {}", self.current() + 1, self.session.items.len()),
            Mode::Grid { .. } => "Exam › all questions".into(),
            Mode::Review { .. } => "Exam › before you submit".into(),
        }
    }

    /// The clock on screen changes every second, and at zero the exam ends.
    pub fn deadline(&self, now: Timestamp) -> Option<Timestamp> {
        let next_second = Timestamp::from_second(now.as_second() + 1).unwrap_or(now);
        Some(self.deadline.min(next_second))
    }

    /// Esc on the grid or the review page goes back to the question, not out of the exam.
    pub fn back_within(&mut self) -> bool {
        if self.mode == Mode::Question {
            return false;
        }
        self.mode = Mode::Question;
        true
    }

    pub fn leave_question(&self) -> String {
        format!(
            "Leave the exam? It is kept with its {} of {} answers and {} left: Exam drill on the home \
             menu, or cloudcram exam --resume, carries on.",
            self.answered(),
            self.session.items.len(),
            clock(self.sheet.left)
        )
    }

    /// The sheet as it stands at `now`, ready to save.
    fn saved(&mut self, now: Timestamp) -> Effect {
        self.sheet.left = self.left(now);
        Effect::SaveSheet(Box::new(self.sheet.clone()))
    }

    /// Leaving the screen: the sheet is saved with the time left.
    pub fn on_leave(&mut self, cx: &mut Cx) -> Vec<Effect> {
        vec![self.saved(cx.now)]
    }

    /// The clock moved: at zero the exam is submitted.
    pub fn tick(&mut self, cx: &mut Cx) -> (Transition, Vec<Effect>) {
        if cx.now >= self.deadline { self.submit(cx) } else { stay() }
    }

    /// Marks the exam, keeps it in the progress file, removes the sheet and opens the report.
    fn submit(&mut self, cx: &mut Cx) -> (Transition, Vec<Effect>) {
        self.sheet.left = self.left(cx.now);
        let record = crate::quiz::exam::record(cx.course, &self.sheet, cx.now);
        let report = Report::new(cx.course, &record, &self.sheet);
        cx.store.record_exam(record);
        (Transition::Replace(Screen::Report(Box::new(report))), vec![Effect::Save, Effect::DiscardSheet])
    }

    /// Records the draft as the answer when it makes one (a multi needs its number of picks).
    fn capture(&mut self, course: &Course) {
        let i = self.current();
        let item = &self.session.items[i];
        self.sheet.answers[i] = item.draft.response(item.qref.get(course), &item.layout).ok();
    }

    fn go_to(&mut self, i: usize) {
        if i < self.session.items.len() && i != self.current() {
            self.session.current = i;
            self.scroll.to_top();
        }
    }

    pub fn update(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        if cx.now >= self.deadline {
            return self.submit(cx);
        }
        let n = self.session.items.len();
        match self.mode {
            Mode::Grid { selected } => {
                let to = match action {
                    Action::Up => selected.saturating_sub(GRID_COLUMNS),
                    Action::Down => (selected + GRID_COLUMNS).min(n - 1),
                    Action::Left => selected.saturating_sub(1),
                    Action::Right => (selected + 1).min(n - 1),
                    Action::Enter => {
                        self.go_to(selected);
                        self.mode = Mode::Question;
                        return stay();
                    }
                    Action::Submit => {
                        self.mode = Mode::Review { selected: 0 };
                        return stay();
                    }
                    _ => selected,
                };
                self.mode = Mode::Grid { selected: to };
                stay()
            }
            Mode::Review { selected } => {
                let open = self.open_questions();
                match action {
                    Action::Up => self.mode = Mode::Review { selected: selected.saturating_sub(1) },
                    Action::Down => {
                        self.mode = Mode::Review { selected: (selected + 1).min(open.len().saturating_sub(1)) };
                    }
                    Action::Enter => {
                        if let Some(&i) = open.get(selected) {
                            self.go_to(i);
                            self.mode = Mode::Question;
                        }
                    }
                    Action::Yes => return self.submit(cx),
                    _ => {}
                }
                stay()
            }
            Mode::Question => self.update_question(cx, action),
        }
    }

    fn update_question(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        let i = self.current();
        match action {
            Action::Flag => {
                self.sheet.flagged[i] = !self.sheet.flagged[i];
                return (Transition::Stay, vec![self.saved(cx.now)]);
            }
            Action::Next => self.go_to(i + 1),
            Action::Prev => self.go_to(i.saturating_sub(1)),
            Action::Grid => self.mode = Mode::Grid { selected: i },
            Action::Submit => self.mode = Mode::Review { selected: 0 },
            Action::PageDown | Action::PageUp => {
                self.scroll.apply(action);
            }
            _ => {}
        }
        let one = matches!(self.context(), Context::ExamOne);
        let draft = &mut self.session.items[i].draft;
        match action {
            Action::Up => draft.move_by(-1),
            Action::Down => draft.move_by(1),
            Action::Type(c) => draft.type_char(c),
            Action::Backspace => draft.backspace(),
            _ => {}
        }
        let answer = match action {
            // A single or true/false: Enter or Space makes the highlighted option the answer.
            Action::Enter | Action::Toggle if one => {
                if let Draft::Choice { cursor, picked, .. } = draft {
                    picked.fill(false);
                    picked[*cursor] = true;
                }
                true
            }
            // A multi is answered once it has its number of picks.
            Action::Toggle => {
                draft.toggle();
                matches!(draft, Draft::Choice { .. })
            }
            // An arrangement or a number, on Enter.
            Action::Enter => true,
            _ => false,
        };
        if !answer {
            return stay();
        }
        self.capture(cx.course);
        (Transition::Stay, vec![self.saved(cx.now)])
    }

    /// Unanswered and flagged questions, in order, for the review page.
    fn open_questions(&self) -> Vec<usize> {
        (0..self.session.items.len()).filter(|&i| self.sheet.answers[i].is_none() || self.sheet.flagged[i]).collect()
    }

    pub fn render(&self, v: &View, frame: &mut Frame, area: Rect) {
        let theme = v.theme;
        let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
        let left = self.left(v.now);
        let warn = left <= WARN_AT;
        let clock_style = if warn { theme.warning } else { theme.accent };
        let n = self.session.items.len();
        let mut top = vec![
            Span::styled(format!(" ⏱ {} ", clock(left)), clock_style),
            Span::styled(format!(" {} of {n} answered · {} flagged", self.answered(), self.flagged()), theme.dim),
        ];
        if self.sheet.flagged.get(self.current()).copied().unwrap_or(false) && self.mode == Mode::Question {
            top.push(Span::styled("  ⚑ flagged", theme.accent));
        }
        let notice = if warn {
            Line::styled(" Less than 5 minutes left: at zero the exam is submitted as it stands.", theme.warning)
        } else {
            Line::default()
        };
        frame.render_widget(Paragraph::new(vec![Line::from(top), notice]), head);
        match self.mode {
            Mode::Question => {
                let (lines, cursor) = self.question_lines(v, body.width);
                match cursor {
                    Some(line) => crate::ui::widgets::follow(frame, body, lines, line, 3, theme),
                    None => scrolled(frame, body, lines, &self.scroll, None, theme),
                }
            }
            Mode::Grid { selected } => {
                let lines = self.grid_lines(selected, theme);
                frame.render_widget(Paragraph::new(lines), body);
            }
            Mode::Review { selected } => {
                let (lines, cursor) = self.review_lines(v, selected, body.width);
                crate::ui::widgets::follow(frame, body, lines, cursor, 3, theme);
            }
        }
    }

    fn question_lines(&self, v: &View, width: u16) -> (Vec<Line<'static>>, Option<usize>) {
        let (course, theme) = (v.course, v.theme);
        let w = text_width(width);
        let i = self.current();
        let item = self.session.item();
        let q = item.qref.get(course);
        let answered = if self.sheet.answers[i].is_some() { " · answered" } else { " · not answered yet" };
        let mut lines = qdraw::question_head(course, &self.session, i, answered, w, theme);
        let cursor = match (&item.draft, &q.body) {
            (
                Draft::Choice { cursor, picked, pick: need },
                QuestionBody::Single { options, .. } | QuestionBody::Multi { options, .. },
            ) => {
                if *need > 1 {
                    let have = item.draft.picked_count();
                    lines.push(Line::styled(format!(" Choose {need} ({have} picked)"), theme.accent));
                }
                let mut at = None;
                for (row, &idx) in item.layout.order.iter().enumerate() {
                    let mark = match (*need > 1, picked[row]) {
                        (true, true) => "[x] ",
                        (true, false) => "[ ] ",
                        (false, true) => "(•) ",
                        (false, false) => "( ) ",
                    };
                    if row == *cursor {
                        at = Some(lines.len());
                    }
                    let style = pick(row == *cursor, theme);
                    lines.extend(text::wrap_prefixed(&format!(" {mark}"), &options[idx].text, w, style, style));
                }
                at
            }
            (Draft::TrueFalse { cursor }, _) => {
                let chosen = match self.sheet.answers[i] {
                    Some(crate::quiz::Response::TrueFalse(b)) => Some(usize::from(!b)),
                    _ => None,
                };
                let mut at = None;
                for (row, label) in ["True", "False"].into_iter().enumerate() {
                    if row == *cursor {
                        at = Some(lines.len());
                    }
                    let mark = if chosen == Some(row) { "(•)" } else { "( )" };
                    lines.push(Line::styled(format!(" {mark} {label}"), pick(row == *cursor, theme)));
                }
                at
            }
            _ => qdraw::answering(course, item, w, theme, &mut lines),
        };
        (lines, cursor)
    }

    fn grid_lines(&self, selected: usize, theme: &Theme) -> Vec<Line<'static>> {
        let mut lines =
            vec![Line::styled(" Every question: Enter goes to the highlighted one.", theme.dim), Line::default()];
        let n = self.session.items.len();
        for row in 0..n.div_ceil(GRID_COLUMNS) {
            let mut spans = vec![Span::raw(" ")];
            for i in row * GRID_COLUMNS..((row + 1) * GRID_COLUMNS).min(n) {
                let flag = if self.sheet.flagged[i] { "⚑" } else { " " };
                let cell = format!("{flag}{:>3} ", i + 1);
                let style = if i == selected {
                    theme.selected
                } else if self.sheet.answers[i].is_some() {
                    theme.correct
                } else {
                    theme.dim
                };
                let style = if i == self.current() && i != selected {
                    style.add_modifier(ratatui::style::Modifier::UNDERLINED)
                } else {
                    style
                };
                spans.push(Span::styled(cell, style));
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::default());
        lines.push(Line::styled(
            format!(
                " answered {} · unanswered {} · ⚑ flagged {} · underlined: where you were",
                self.answered(),
                n - self.answered(),
                self.flagged()
            ),
            theme.dim,
        ));
        lines
    }

    fn review_lines(&self, v: &View, selected: usize, width: u16) -> (Vec<Line<'static>>, usize) {
        let (course, theme) = (v.course, v.theme);
        let w = text_width(width);
        let open = self.open_questions();
        let unanswered = self.session.items.len() - self.answered();
        let mut lines = text::wrap_prefixed(
            " ",
            &format!(
                "Before you submit: {unanswered} unanswered (they count as wrong), {} flagged. y submits now; \
                 Enter goes to the highlighted question; Esc goes back.",
                self.flagged()
            ),
            w,
            theme.heading,
            theme.heading,
        );
        lines.push(Line::default());
        let mut cursor = 0;
        if open.is_empty() {
            lines.push(Line::styled(" Every question is answered and none is flagged.", theme.correct));
        }
        for (k, &i) in open.iter().enumerate() {
            if k == selected {
                cursor = lines.len();
            }
            let what = match (self.sheet.answers[i].is_some(), self.sheet.flagged[i]) {
                (false, true) => "unanswered, ⚑ flagged",
                (false, false) => "unanswered",
                (true, _) => "⚑ flagged",
            };
            let prompt = self.session.items[i].qref.get(course).prompt.replace('\n', " ");
            let style = pick(k == selected, theme);
            lines.extend(text::wrap_prefixed(&format!(" {:>2}. ({what}) ", i + 1), &prompt, w, style, style));
        }
        (lines, cursor)
    }
}

/// Keeps the entries whose `known` is true.
fn keep_known<T>(v: &mut Vec<T>, known: &[bool]) {
    let mut k = known.iter();
    v.retain(|_| *k.next().unwrap_or(&false));
}

/// A time as the exam clock shows it: mm:ss, or h:mm:ss from an hour.
pub fn clock(d: SignedDuration) -> String {
    let s = d.as_secs().max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

impl Unfinished {
    pub fn context() -> Context {
        Context::ExamUnfinished
    }

    pub fn update(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        match action {
            Action::Enter => match Exam::resume(cx.course, self.old.clone(), cx.now) {
                Some(exam) => (Transition::Replace(exam.screen()), Vec::new()),
                None => stay(),
            },
            Action::Retry => match start(cx, &self.new) {
                Ok(screen) => (Transition::Replace(screen), vec![Effect::DiscardSheet]),
                Err(e) => {
                    cx.status = Some(e);
                    stay()
                }
            },
            _ => stay(),
        }
    }

    pub fn render(&self, v: &View, frame: &mut Frame, area: Rect) {
        let theme = v.theme;
        let w = text_width(area.width).saturating_sub(1).max(1);
        let answered = self.old.answers.iter().filter(|a| a.is_some()).count();
        let mut lines = text::wrap_prefixed(" ", "An exam is unfinished", w, theme.heading, theme.heading);
        lines.push(Line::default());
        let about = format!(
            "Started {}: {answered} of {} answered, {} left. r resumes it with that time; d discards it \
             and starts the new one.",
            self.old.started.strftime("%Y-%m-%d %H:%M UTC"),
            self.old.questions.len(),
            clock(self.old.left)
        );
        lines.extend(text::wrap_prefixed(" ", &about, w, theme.text, theme.text));
        frame.render_widget(Paragraph::new(lines), area);
    }
}

/// The screen for a new exam of `spec`: its questions drawn, or the unfinished one to resume
/// or discard first.
pub fn open(cx: &mut Cx, spec: &Spec) -> Result<Screen, String> {
    if let Some(old) = cx.store.sheet() {
        return Ok(Screen::ExamUnfinished(Unfinished { old: old.clone(), new: spec.clone() }));
    }
    start(cx, spec)
}

fn start(cx: &mut Cx, spec: &Spec) -> Result<Screen, String> {
    let questions = crate::quiz::exam::draw(cx.course, cx.store, spec).map_err(|e| e.to_string())?;
    Exam::start(cx.course, spec, &questions, cx.now).map(Exam::screen).ok_or_else(|| "no questions to ask".to_string())
}

/// The unfinished exam, with the time it had left.
pub fn resume(cx: &mut Cx) -> Result<Screen, String> {
    let sheet = cx.store.sheet().cloned().ok_or_else(|| "there is no unfinished exam to resume".to_string())?;
    Exam::resume(cx.course, sheet, cx.now)
        .map(Exam::screen)
        .ok_or_else(|| "the unfinished exam's questions are gone".into())
}
