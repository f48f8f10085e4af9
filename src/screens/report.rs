//! An exam's report: passed or not, the score and the scaled score, the time used, subtotals
//! per topic and per CLF-C02 task, then every question (filtered: all, correct, incorrect,
//! unanswered, flagged), each with the learner's answer, the right one, the explanation and
//! every option's why. From here: a quiz of the missed questions, or the lesson a question
//! cites.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::lesson::Lesson;
use super::quiz::{Quiz, draw as qdraw};
use super::{Cx, Screen, Transition, stay};
use crate::app::{Action, Context, Effect, Scroll};
use crate::content::Course;
use crate::progress::ExamRecord;
use crate::quiz::exam::{self, PASS_SCALED, QuestionResult, Sheet};
use crate::quiz::{Purpose, QRef, Session, grade};
use crate::ui::widgets::{follow, pick, scrolled, text_width};
use crate::ui::{View, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Correct,
    Incorrect,
    Unanswered,
    Flagged,
}

impl Filter {
    const ALL: [Self; 5] = [Self::All, Self::Correct, Self::Incorrect, Self::Unanswered, Self::Flagged];

    fn label(self) -> &'static str {
        match self {
            Self::All => "All",
            Self::Correct => "Correct",
            Self::Incorrect => "Incorrect",
            Self::Unanswered => "Unanswered",
            Self::Flagged => "Flagged",
        }
    }

    fn keeps(self, m: &QuestionResult) -> bool {
        match self {
            Self::All => true,
            Self::Correct => m.correct,
            Self::Incorrect => m.answered && !m.correct,
            Self::Unanswered => !m.answered,
            Self::Flagged => m.flagged,
        }
    }

    fn next(self) -> Self {
        let at = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        Self::ALL[(at + 1) % Self::ALL.len()]
    }
}

#[derive(Debug)]
pub struct Report {
    /// The figures: score, scaled score, subtotals, each question's result.
    pub summary: exam::Report,
    /// The exam's questions as they were shown, each answered one with its outcome.
    pub session: Session,
    pub filter: Filter,
    /// Index into the filtered list.
    pub selected: usize,
    /// The question being explained (an index into the session).
    pub detail: Option<usize>,
    pub scroll: Scroll,
}

impl Report {
    pub fn new(course: &Course, record: &ExamRecord, sheet: &Sheet) -> Self {
        let refs: Vec<QRef> = sheet.questions.iter().filter_map(|id| QRef::find(course, id)).collect();
        let summary = exam::Report::new(course, record);
        let mut session = Session::new(course, Purpose::Exam, refs, sheet.seed).unwrap_or_else(|_| Session::empty());
        for (item, answer) in session.items.iter_mut().zip(&sheet.answers) {
            if let Some(r) = answer {
                let g = grade(item.qref.get(course), r);
                item.outcome = Some((r.clone(), g));
            }
        }
        Self { summary, session, filter: Filter::All, selected: 0, detail: None, scroll: Scroll::default() }
    }

    /// Each question's result, beside the question as it was shown.
    fn results(&self) -> impl Iterator<Item = (usize, &QuestionResult)> + '_ {
        self.summary.questions.iter().take(self.session.items.len()).enumerate()
    }

    fn shown(&self) -> Vec<usize> {
        self.results().filter(|(_, m)| self.filter.keeps(m)).map(|(i, _)| i).collect()
    }

    pub fn context(&self) -> Context {
        if self.detail.is_some() { Context::ReportDetail } else { Context::Report }
    }

    pub fn breadcrumb(&self) -> String {
        match self.detail {
            Some(i) => format!("Exam report › question {}", i + 1),
            None => "Exam report".into(),
        }
    }

    pub fn offers(&self, course: &Course, action: Action) -> bool {
        match action {
            Action::Retry => self.summary.missed().next().is_some(),
            Action::Enter => !self.shown().is_empty(),
            Action::OpenLesson => self
                .detail
                .and_then(|i| self.session.items.get(i))
                .is_some_and(|item| course.lesson_at(&item.qref.get(course).lesson).is_some()),
            _ => true,
        }
    }

    /// Esc from a question goes back to the list.
    pub fn back_within(&mut self) -> bool {
        self.detail.take().is_some()
    }

    pub fn update(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        let shown = self.shown();
        if let Some(i) = self.detail {
            let at = shown.iter().position(|&x| x == i).unwrap_or(0);
            match action {
                Action::Next => {
                    if let Some(&next) = shown.get(at + 1) {
                        self.detail = Some(next);
                        self.selected = at + 1;
                        self.scroll.to_top();
                    }
                }
                Action::Prev => {
                    if let Some(prev) = at.checked_sub(1) {
                        self.detail = Some(shown[prev]);
                        self.selected = prev;
                        self.scroll.to_top();
                    }
                }
                Action::OpenLesson => {
                    let q = self.session.items[i].qref.get(cx.course);
                    if let Some((topic, lesson)) = cx.course.lesson_at(&q.lesson) {
                        return (Transition::Push(Screen::Lesson(Lesson::new(topic, lesson))), Vec::new());
                    }
                }
                _ => {
                    self.scroll.apply(action);
                }
            }
            return stay();
        }
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(shown.len().saturating_sub(1)),
            Action::PageUp => self.selected = self.selected.saturating_sub(cx.page()),
            Action::PageDown => self.selected = (self.selected + cx.page()).min(shown.len().saturating_sub(1)),
            Action::Filter => {
                self.filter = self.filter.next();
                self.selected = 0;
            }
            Action::Enter => {
                if let Some(&i) = shown.get(self.selected) {
                    self.detail = Some(i);
                    self.scroll.to_top();
                }
            }
            Action::Retry => {
                let missed: Vec<QRef> = self
                    .results()
                    .filter(|(_, m)| !m.correct)
                    .map(|(i, _)| self.session.items[i].qref.clone())
                    .collect();
                let seed = cx.seed();
                if let Ok(session) = Session::new(cx.course, Purpose::Practice, missed, seed) {
                    return (Transition::Push(Quiz::screen("Practise the missed ones", session)), Vec::new());
                }
            }
            _ => {}
        }
        stay()
    }

    pub fn render(&self, v: &View, frame: &mut Frame, area: Rect) {
        match self.detail {
            Some(i) => {
                let lines = self.detail_lines(v, i, area.width);
                scrolled(frame, area, lines, &self.scroll, None, v.theme);
            }
            None => {
                let (lines, cursor) = self.list_lines(v, area.width);
                follow(frame, area, lines, cursor, 3, v.theme);
            }
        }
    }

    fn list_lines(&self, v: &View, width: u16) -> (Vec<Line<'static>>, usize) {
        let (course, theme) = (v.course, v.theme);
        let w = text_width(width);
        let r = &self.summary;
        let verdict =
            if r.passed { Span::styled(" PASSED ", theme.correct) } else { Span::styled(" NOT PASSED ", theme.wrong) };
        let time = r.seconds.map_or_else(String::new, |s| {
            format!(" · time {}", super::exam::clock(jiff::SignedDuration::from_secs(i64::from(s))))
        });
        let mut lines = vec![Line::from(vec![
            verdict,
            Span::styled(
                format!(" {} of {} right · scaled {} ({PASS_SCALED} passes){time}", r.score, r.total, r.scaled),
                theme.heading,
            ),
        ])];
        lines.push(Line::styled(format!(" {} unanswered · {} flagged", r.unanswered, r.flagged), theme.dim));
        lines.push(Line::default());
        let title = |id: &str| course.topic(id).map_or_else(|| id.to_string(), |t| t.title.clone());
        let name_w = r.topics.iter().map(|t| title(&t.id).chars().count()).max().unwrap_or(0).clamp(9, 28);
        let subtotal = |name: String, s: &exam::Subtotal| {
            let name: String = name.chars().take(name_w).collect();
            Line::raw(format!(
                "   {name:<name_w$}  {:>3}/{:<3} {:>4}%",
                s.correct,
                s.total,
                crate::quiz::percent(s.correct, s.total)
            ))
        };
        lines.push(Line::styled(" By topic", theme.dim));
        lines.extend(r.topics.iter().map(|t| subtotal(title(&t.id), t)));
        lines.push(Line::styled(" By exam task", theme.dim));
        lines.extend(r.tasks.iter().map(|t| subtotal(format!("task {}", t.id), t)));
        lines.push(Line::default());
        let mut tabs = vec![Span::raw(" ")];
        for f in Filter::ALL {
            let style = if f == self.filter { theme.selected } else { theme.dim };
            tabs.push(Span::styled(format!(" {} ", f.label()), style));
            tabs.push(Span::raw(" "));
        }
        tabs.push(Span::styled(" (Tab)", theme.dim));
        lines.push(Line::from(tabs));
        let shown = self.shown();
        let mut cursor = lines.len();
        if shown.is_empty() {
            lines.push(Line::styled(" No question here.", theme.dim));
        }
        for (k, &i) in shown.iter().enumerate() {
            if k == self.selected {
                cursor = lines.len();
            }
            let m = &self.summary.questions[i];
            let sign = match (m.answered, m.correct) {
                (_, true) => "✔",
                (true, false) => "✘",
                (false, _) => "–",
            };
            let flag = if m.flagged { "⚑" } else { " " };
            let prompt = self.session.items[i].qref.get(course).prompt.replace('\n', " ");
            let style = pick(k == self.selected, theme);
            lines.extend(text::wrap_prefixed(&format!(" {sign}{flag}{:>2}. ", i + 1), &prompt, w, style, style));
        }
        (lines, cursor)
    }

    fn detail_lines(&self, v: &View, i: usize, width: u16) -> Vec<Line<'static>> {
        let (course, theme) = (v.course, v.theme);
        let w = text_width(width);
        let item = &self.session.items[i];
        let flag = if self.summary.questions[i].flagged { " · ⚑ flagged" } else { "" };
        let mut lines = qdraw::question_head(course, &self.session, i, flag, w, theme);
        if item.outcome.is_some() {
            qdraw::feedback(course, item, w, theme, &mut lines, None);
        } else {
            lines.push(Line::styled(" – Not answered: it counts as wrong. The right answer:", theme.wrong));
            lines.push(Line::default());
            qdraw::right_answer(course, item, w, theme, &mut lines);
        }
        lines
    }
}
