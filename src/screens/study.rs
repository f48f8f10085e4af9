//! Study: the topic list and a topic's lessons.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::lesson::Lesson;
use super::{Cx, Screen, Transition, move_in_list, stay};
use crate::app::{Action, Effect};
use crate::content::Course;
use crate::fmt::plural;
use crate::ui::widgets::{follow, pick};
use crate::ui::{View, text};

#[derive(Debug, Default)]
pub struct Topics {
    pub selected: usize,
}

impl Topics {
    pub fn update(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        let n = cx.course.topics.len();
        self.selected = move_in_list(self.selected, n, action, cx.page());
        if action == Action::Enter && n > 0 {
            return (Transition::Push(Screen::Lessons(Lessons { topic: self.selected, selected: 0 })), Vec::new());
        }
        stay()
    }

    pub fn render(&self, view: &View, frame: &mut Frame, area: Rect) {
        let theme = view.theme;
        let w = usize::from(area.width);
        let mut lines = vec![Line::styled(" Choose a topic", theme.heading), Line::default()];
        let mut cursor_line = 0;
        for (i, t) in view.course.topics.iter().enumerate() {
            let selected = i == self.selected;
            if selected {
                cursor_line = lines.len();
            }
            let head = format!(" {:>2}. {}  ", i + 1, t.title);
            let meta = format!(
                "{} · {} · task {}",
                plural(t.lessons.len(), "lesson"),
                plural(t.questions.len(), "question"),
                t.task
            );
            lines.push(Line::from(vec![Span::styled(head, pick(selected, theme)), Span::styled(meta, theme.dim)]));
            if selected {
                lines.extend(text::wrap_prefixed(
                    "     ",
                    &t.summary,
                    w.saturating_sub(1).max(1),
                    theme.text,
                    theme.dim,
                ));
            }
        }
        follow(frame, area, lines, cursor_line, 2, theme);
    }
}

#[derive(Debug)]
pub struct Lessons {
    pub topic: usize,
    pub selected: usize,
}

impl Lessons {
    pub fn update(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        let n = cx.course.topics[self.topic].lessons.len();
        self.selected = move_in_list(self.selected, n, action, cx.page());
        if action == Action::Enter && n > 0 {
            return (Transition::Push(Screen::Lesson(Lesson::new(self.topic, self.selected))), Vec::new());
        }
        stay()
    }

    /// Keeps the highlight on the lesson the reader went on to with n/p.
    pub fn follow(&mut self, lesson: &Lesson) {
        if lesson.topic == self.topic {
            self.selected = lesson.lesson;
        }
    }

    pub fn breadcrumb(&self, course: &Course) -> String {
        format!("Study › {}", course.topics[self.topic].title)
    }

    pub fn render(&self, view: &View, frame: &mut Frame, area: Rect) {
        let theme = view.theme;
        let t = &view.course.topics[self.topic];
        let w = usize::from(area.width).saturating_sub(1).max(1);
        let mut lines = text::wrap_prefixed(" ", &t.title, w, theme.heading, theme.heading);
        lines.extend(text::wrap_prefixed(" ", &t.summary, w, theme.dim, theme.dim));
        lines.push(Line::default());
        let mut cursor_line = 0;
        for (i, l) in t.lessons.iter().enumerate() {
            if i == self.selected {
                cursor_line = lines.len();
            }
            let asked = view.course.questions().filter(|q| q.lesson == l.id).count();
            let mut extra = format!("  {}", plural(asked, "question"));
            if !l.diagrams.is_empty() {
                extra = format!("{extra} · {}", plural(l.diagrams.len(), "diagram"));
            }
            lines.push(Line::from(vec![
                Span::styled(format!(" {:>2}. {}", i + 1, l.title), pick(i == self.selected, theme)),
                Span::styled(extra, theme.dim),
            ]));
        }
        follow(frame, area, lines, cursor_line, 2, theme);
    }
}
