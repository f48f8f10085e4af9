//! Study: the topic list, a topic's lessons, and the lesson reader with its diagrams (beside
//! the text when the terminal is wide enough, inline after it when not) and the step-through.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{Theme, pick, scrolled, text, text_width};
use crate::app::{App, LessonView};
use crate::content::{Course, Diagram, Lesson};

/// Text narrower than this is too cramped to put a diagram beside it.
const MIN_TEXT_BESIDE: usize = 46;

pub fn render_topics(app: &App, selected: usize, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let course = &app.course;
    let w = usize::from(area.width);
    let mut lines = vec![Line::styled(" Choose a topic", theme.heading), Line::default()];
    let mut cursor_line = 0;
    for (i, t) in course.topics.iter().enumerate() {
        if i == selected {
            cursor_line = lines.len();
        }
        let head = format!(" {:>2}. {}  ", i + 1, t.title);
        let meta = format!(
            "{} · {} · task {}",
            plural(t.lessons.len(), "lesson"),
            plural(t.questions.len(), "question"),
            t.task
        );
        lines.push(Line::from(vec![Span::styled(head, pick(i == selected, theme)), Span::styled(meta, theme.dim)]));
        if i == selected {
            lines.extend(text::wrap_prefixed("     ", &t.summary, w.saturating_sub(1).max(1), theme.text, theme.dim));
        }
    }
    follow(frame, area, lines, cursor_line, theme);
}

pub fn render_lessons(app: &App, topic: usize, selected: usize, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let t = &app.course.topics[topic];
    let w = usize::from(area.width).saturating_sub(1).max(1);
    let mut lines = text::wrap_prefixed(" ", &t.title, w, theme.heading, theme.heading);
    lines.extend(text::wrap_prefixed(" ", &t.summary, w, theme.dim, theme.dim));
    lines.push(Line::default());
    let mut cursor_line = 0;
    for (i, l) in t.lessons.iter().enumerate() {
        if i == selected {
            cursor_line = lines.len();
        }
        let asked = app.course.questions().filter(|q| q.lesson == l.id).count();
        let mut extra = format!("  {}", plural(asked, "question"));
        if !l.diagrams.is_empty() {
            extra = format!("{extra} · {}", plural(l.diagrams.len(), "diagram"));
        }
        lines.push(Line::from(vec![
            Span::styled(format!(" {:>2}. {}", i + 1, l.title), pick(i == selected, theme)),
            Span::styled(extra, theme.dim),
        ]));
    }
    follow(frame, area, lines, cursor_line, theme);
}

/// Draws a list, scrolled just enough to keep the highlighted line in view.
fn follow(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, cursor_line: usize, theme: &Theme) {
    let height = usize::from(area.height);
    let scroll = (cursor_line + 2).saturating_sub(height);
    scrolled(frame, area, lines, scroll, theme);
}

/// Whether the active diagram goes beside the text at this width.
fn beside(diagram: Option<&Diagram>, width: u16) -> Option<u16> {
    let d = diagram?;
    let art_w = d.art.iter().map(|l| l.width()).max().unwrap_or(0).max(d.title.width() + 4) as u16 + 2;
    (usize::from(width) >= usize::from(art_w) + 1 + MIN_TEXT_BESIDE).then_some(art_w)
}

fn active_diagram<'c>(course: &'c Course, view: &LessonView) -> Option<&'c Diagram> {
    let lesson = &course.topics[view.topic].lessons[view.lesson];
    lesson.diagrams.get(view.diagram).and_then(|id| course.diagram(id))
}

/// The art of a diagram, with the regions of the current step lit and the rest dimmed.
pub fn diagram_lines(d: &Diagram, step: Option<usize>, theme: &Theme) -> Vec<Line<'static>> {
    let lit: Vec<_> = step
        .and_then(|s| d.steps.get(s))
        .map(|s| s.highlight.iter().map(|&r| &d.regions[r]).collect())
        .unwrap_or_default();
    d.art
        .iter()
        .enumerate()
        .map(|(row, line)| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut run = String::new();
            let mut run_style: Option<Style> = None;
            for (col, ch) in line.chars().enumerate() {
                let style = if lit.iter().any(|r| r.contains(row, col)) {
                    theme.highlight
                } else if lit.is_empty() {
                    theme.text
                } else {
                    theme.dim
                };
                if run_style.is_some_and(|s| s != style) {
                    spans.push(Span::styled(std::mem::take(&mut run), run_style.unwrap_or_default()));
                }
                run_style = Some(style);
                run.push(ch);
            }
            if !run.is_empty() {
                spans.push(Span::styled(run, run_style.unwrap_or_default()));
            }
            Line::from(spans)
        })
        .collect()
}

/// The caption under a diagram: the current step, or how to start stepping.
fn caption_lines(d: &Diagram, step: Option<usize>, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    match step.and_then(|s| d.steps.get(s).map(|st| (s, st))) {
        Some((s, st)) => {
            let prefix = format!("Step {} of {}: ", s + 1, d.steps.len());
            text::wrap_prefixed(&prefix, &st.caption, width, theme.text, theme.accent)
        }
        None if d.steps.is_empty() => vec![],
        None => text::wrap_plain(&format!("→ steps through this diagram ({} steps)", d.steps.len()), width, theme.dim),
    }
}

/// The reader's scrolling column.
pub struct LessonLines<'c> {
    pub lines: Vec<Line<'static>>,
    /// The diagram shown beside the text, with its panel width, when the terminal is wide.
    pub side: Option<(&'c Diagram, u16)>,
    /// Where the active diagram sits in `lines` when it is inline.
    pub active: Option<std::ops::Range<usize>>,
}

pub fn lesson_lines<'c>(course: &'c Course, view: &LessonView, width: u16, theme: &Theme) -> LessonLines<'c> {
    let topic = &course.topics[view.topic];
    let lesson: &Lesson = &topic.lessons[view.lesson];
    let active = active_diagram(course, view);
    let side = beside(active, width);
    let column = match side {
        Some(panel) => width.saturating_sub(panel + 1),
        None => width,
    };
    let w = text_width(column);
    let mut lines = text::wrap_prefixed(" ", &lesson.title, w, theme.heading, theme.heading);
    lines.push(Line::styled(
        format!(" {} · lesson {} of {}", topic.title, view.lesson + 1, topic.lessons.len()),
        theme.dim,
    ));
    lines.push(Line::default());
    lines.extend(text::markdown(&lesson.body, w.saturating_sub(1).max(1), theme).into_iter().map(|l| indent(l, " ")));
    let mut active_range = None;
    if side.is_none() {
        for (i, id) in lesson.diagrams.iter().enumerate() {
            let Some(d) = course.diagram(id) else { continue };
            let step = if i == view.diagram { view.step } else { None };
            lines.push(Line::default());
            let start = lines.len();
            let marker = if lesson.diagrams.len() > 1 && i == view.diagram { " (active: Tab switches)" } else { "" };
            lines.push(Line::styled(format!(" Diagram: {}{marker}", d.title), theme.heading));
            lines.extend(diagram_lines(d, step, theme).into_iter().map(|l| indent(l, " ")));
            if i == view.diagram {
                lines.extend(
                    caption_lines(d, step, w.saturating_sub(1).max(1), theme).into_iter().map(|l| indent(l, " ")),
                );
                active_range = Some(start..lines.len());
            }
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(" Sources", theme.dim));
    for s in &lesson.sources {
        lines.extend(text::wrap_prefixed(" • ", &format!("{}: {}", s.title, s.url), w, theme.dim, theme.dim));
    }
    lines.push(Line::default());
    let asked = course.questions().filter(|q| q.lesson == lesson.id).count();
    let end = if asked > 0 {
        format!("Check yourself: press c for this lesson's {}.", plural(asked, "question"))
    } else {
        "This lesson has no questions yet.".to_string()
    };
    lines.extend(text::wrap_prefixed(" ", &end, w, theme.accent, theme.accent));
    if view.lesson + 1 < topic.lessons.len() {
        lines.extend(text::wrap_prefixed(
            " ",
            &format!("Next lesson (n): {}", topic.lessons[view.lesson + 1].title),
            w,
            theme.dim,
            theme.dim,
        ));
    }
    LessonLines { lines, side: active.zip(side), active: active_range }
}

/// "1 question", "3 questions".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

fn indent(mut line: Line<'static>, pad: &'static str) -> Line<'static> {
    line.spans.insert(0, Span::raw(pad));
    line
}

pub fn render_lesson(app: &App, view: &LessonView, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let LessonLines { lines, side, .. } = lesson_lines(&app.course, view, area.width, theme);
    let Some((d, panel_w)) = side else {
        scrolled(frame, area, lines, view.scroll, theme);
        return;
    };
    let [text_area, _, panel] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(1), Constraint::Length(panel_w)]).areas(area);
    scrolled(frame, text_area, lines, view.scroll, theme);
    let lesson = &app.course.topics[view.topic].lessons[view.lesson];
    let count = if lesson.diagrams.len() > 1 {
        format!(" ({}/{}, Tab: next)", view.diagram + 1, lesson.diagrams.len())
    } else {
        String::new()
    };
    let block = Block::new().borders(Borders::ALL).border_style(theme.border).title(format!(" {}{count} ", d.title));
    let inner = block.inner(panel);
    frame.render_widget(block, panel);
    let mut art = diagram_lines(d, view.step, theme);
    art.push(Line::default());
    art.extend(caption_lines(d, view.step, usize::from(inner.width).max(1), theme));
    frame.render_widget(Paragraph::new(art), inner);
}
