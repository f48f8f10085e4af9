//! Study: the topic list (with the start-here lessons above it) and a topic's lessons, each
//! marked read or not.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::lesson::Lesson;
use super::{Cx, Screen, Transition, move_in_list, stay};
use crate::app::{Action, Effect};
use crate::content::Course;
use crate::fmt::plural;
use crate::progress::Store;
use crate::ui::widgets::{follow, pick};
use crate::ui::{Theme, View, text};

/// The Topics list: the start-here lessons, then the topics.
#[derive(Debug, Default)]
pub struct Topics {
    pub selected: usize,
}

impl Topics {
    /// The list highlighting topic `topic`.
    pub fn at_topic(course: &Course, topic: usize) -> Self {
        Self { selected: course.start_here().len() + topic }
    }

    pub fn update(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        let first = cx.course.start_here();
        let n = first.len() + cx.course.topics.len();
        self.selected = move_in_list(self.selected, n, action, cx.page());
        if action != Action::Enter || n == 0 {
            return stay();
        }
        let next = match first.get(self.selected) {
            Some(&(topic, lesson)) => Screen::Lesson(Lesson::new(topic, lesson)),
            None => Screen::Lessons(Lessons { topic: self.selected - first.len(), selected: 0 }),
        };
        (Transition::Push(next), Vec::new())
    }

    pub fn render(&self, view: &View, frame: &mut Frame, area: Rect) {
        let (course, theme) = (view.course, view.theme);
        let w = usize::from(area.width);
        let mut lines = Vec::new();
        let mut cursor_line = 0;
        let first = course.start_here();
        for (i, &(t, l)) in first.iter().enumerate() {
            let lesson = &course.topics[t].lessons[l];
            if i == self.selected {
                cursor_line = lines.len();
            }
            let mark = read_mark(view.store, &lesson.id);
            lines.push(Line::from(vec![
                Span::styled(format!(" {mark} "), theme.accent),
                Span::styled(lesson.title.clone(), pick(i == self.selected, theme)),
                Span::styled("  start here", theme.dim),
            ]));
        }
        if !first.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(" Choose a topic", theme.heading));
        lines.push(Line::default());
        for (i, t) in course.topics.iter().enumerate() {
            let selected = first.len() + i == self.selected;
            if selected {
                cursor_line = lines.len();
            }
            let listed = t.listed_lessons();
            let read = listed.iter().filter(|&&l| view.store.is_read(&t.lessons[l].id)).count();
            let head = format!(" {:>2}. {}  ", i + 1, t.title);
            let meta = format!(
                "{} ({read} read) · {} · task {}",
                plural(listed.len(), "lesson"),
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

/// ✔ for a lesson read to its end, · for one not yet.
fn read_mark(store: &Store, lesson: &str) -> &'static str {
    if store.is_read(lesson) { "✔" } else { "·" }
}

/// One topic's lessons (its start-here lesson is listed above the topics instead).
#[derive(Debug)]
pub struct Lessons {
    pub topic: usize,
    /// Index into the topic's listed lessons.
    pub selected: usize,
}

impl Lessons {
    pub fn update(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        let listed = cx.course.topics[self.topic].listed_lessons();
        self.selected = move_in_list(self.selected, listed.len(), action, cx.page());
        if action == Action::Enter
            && let Some(&lesson) = listed.get(self.selected)
        {
            return (Transition::Push(Screen::Lesson(Lesson::new(self.topic, lesson))), Vec::new());
        }
        stay()
    }

    /// Keeps the highlight on the lesson the reader went on to with n/p.
    pub fn follow(&mut self, course: &Course, lesson: &Lesson) {
        if lesson.topic == self.topic
            && let Some(at) = course.topics[self.topic].listed_lessons().iter().position(|&l| l == lesson.lesson)
        {
            self.selected = at;
        }
    }

    pub fn breadcrumb(&self, course: &Course) -> String {
        format!("Study › {}", course.topics[self.topic].title)
    }

    pub fn render(&self, view: &View, frame: &mut Frame, area: Rect) {
        let theme: &Theme = view.theme;
        let t = &view.course.topics[self.topic];
        let w = usize::from(area.width).saturating_sub(1).max(1);
        let mut lines = text::wrap_prefixed(" ", &t.title, w, theme.heading, theme.heading);
        lines.extend(text::wrap_prefixed(" ", &t.summary, w, theme.dim, theme.dim));
        lines.push(Line::default());
        let mut cursor_line = 0;
        for (i, &l) in t.listed_lessons().iter().enumerate() {
            let l = &t.lessons[l];
            if i == self.selected {
                cursor_line = lines.len();
            }
            let asked = view.course.questions().filter(|q| q.lesson == l.id).count();
            let mut extra = format!("  {}", plural(asked, "question"));
            if !l.diagrams.is_empty() {
                extra = format!("{extra} · {}", plural(l.diagrams.len(), "diagram"));
            }
            lines.push(Line::from(vec![
                Span::styled(format!(" {} ", read_mark(view.store, &l.id)), theme.accent),
                Span::styled(format!("{:>2}. {}", i + 1, l.title), pick(i == self.selected, theme)),
                Span::styled(extra, theme.dim),
            ]));
        }
        lines.push(Line::default());
        lines.push(Line::styled(" ✔ read to the end   · not yet", theme.dim));
        follow(frame, area, lines, cursor_line, 2, theme);
    }
}
