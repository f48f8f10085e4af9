//! The lesson reader: Markdown text with its diagrams (beside the text when the terminal is
//! wide enough, inline after it when not), the step-through, and the way into a lesson's
//! "check yourself".

use std::cell::Cell;
use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::info::Info;
use super::{Cx, Screen, Transition, quiz, stay};
use crate::app::{Action, Effect, Scroll};
use crate::content::{Course, Diagram};
use crate::fmt::plural;
use crate::quiz::Session;
use crate::ui::widgets::{indent, scrolled, text_width};
use crate::ui::{Theme, View, text};

/// Text narrower than this is too cramped to put a diagram beside it.
const MIN_TEXT_BESIDE: usize = 46;

/// Columns one `<` or `>` moves a diagram sideways.
const SIDEWAYS: usize = 8;

#[derive(Debug)]
pub struct Lesson {
    pub topic: usize,
    pub lesson: usize,
    pub scroll: Scroll,
    /// Which of the lesson's diagrams the step keys drive.
    pub diagram: usize,
    /// The step shown; `None` shows the whole diagram unlit.
    pub step: Option<usize>,
    /// Columns the diagrams are scrolled sideways (a diagram wider than its pane).
    pub hscroll: usize,
    /// How many columns of the active diagram the last render could not show.
    art_overflow: Cell<usize>,
}

impl Lesson {
    pub fn new(topic: usize, lesson: usize) -> Self {
        Self {
            topic,
            lesson,
            scroll: Scroll::default(),
            diagram: 0,
            step: None,
            hscroll: 0,
            art_overflow: Cell::new(0),
        }
    }

    fn content<'c>(&self, course: &'c Course) -> &'c crate::content::Lesson {
        &course.topics[self.topic].lessons[self.lesson]
    }

    /// Its place in its topic's list, and the list's length; `None` for a start-here lesson,
    /// which stands apart.
    fn place(&self, course: &Course) -> Option<(usize, usize)> {
        let listed = course.topics[self.topic].listed_lessons();
        listed.iter().position(|&l| l == self.lesson).map(|at| (at, listed.len()))
    }

    /// The lesson n (or p) goes to: the next (previous) one of the topic's list.
    fn neighbour(&self, course: &Course, forward: bool) -> Option<usize> {
        let (at, _) = self.place(course)?;
        let listed = course.topics[self.topic].listed_lessons();
        let to = if forward { at.checked_add(1)? } else { at.checked_sub(1)? };
        listed.get(to).copied()
    }

    pub fn breadcrumb(&self, course: &Course) -> String {
        let t = &course.topics[self.topic];
        let title = &self.content(course).title;
        match self.place(course) {
            Some((at, n)) => format!("{} › {title} ({}/{n})", t.title, at + 1),
            None => format!("Study › {title}"),
        }
    }

    /// Read to its end (the end of the text has been on screen): kept in the progress file.
    pub fn note_read(&mut self, cx: &mut Cx) -> Vec<Effect> {
        let at_end = self.scroll.page() > 0 && self.scroll.top() >= self.scroll.max_top();
        if at_end && cx.store.mark_read(&self.content(cx.course).id, cx.now) { vec![Effect::Save] } else { vec![] }
    }

    pub fn offers(&self, course: &Course, action: Action) -> bool {
        let topic = &course.topics[self.topic];
        let lesson = &topic.lessons[self.lesson];
        match action {
            Action::Right | Action::Left => active_diagram(course, self).is_some_and(|d| !d.steps.is_empty()),
            Action::NextField => lesson.diagrams.len() > 1,
            Action::ScrollLeft => self.hscroll > 0,
            Action::ScrollRight => self.hscroll < self.art_overflow.get(),
            Action::Check => course.questions().any(|q| q.lesson == lesson.id),
            Action::NextLesson => self.neighbour(course, true).is_some(),
            Action::PrevLesson => self.neighbour(course, false).is_some(),
            _ => true,
        }
    }

    pub fn update(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        let lesson = &cx.course.topics[self.topic].lessons[self.lesson];
        let diagram = lesson.diagrams.get(self.diagram).and_then(|id| cx.course.diagram(id));
        let steps = diagram.map_or(0, |d| d.steps.len());
        match action {
            Action::Right if steps > 0 => {
                self.step = Some(self.step.map_or(0, |s| (s + 1).min(steps - 1)));
                self.scroll.request_reveal();
            }
            Action::Left => {
                self.step = self.step.and_then(|s| s.checked_sub(1));
                self.scroll.request_reveal();
            }
            Action::NextField if lesson.diagrams.len() > 1 => {
                self.diagram = (self.diagram + 1) % lesson.diagrams.len();
                self.step = None;
                self.hscroll = 0;
                self.scroll.request_reveal();
            }
            Action::ScrollRight => self.hscroll = (self.hscroll + SIDEWAYS).min(self.art_overflow.get()),
            Action::ScrollLeft => self.hscroll = self.hscroll.saturating_sub(SIDEWAYS),
            Action::NextLesson | Action::PrevLesson => {
                if let Some(next) = self.neighbour(cx.course, action == Action::NextLesson) {
                    let effects = self.note_read(cx);
                    *self = Self::new(self.topic, next);
                    return (Transition::Stay, effects);
                }
            }
            Action::Check => {
                let title = format!("Check yourself: {}", lesson.title);
                let seed = cx.seed();
                let next = match Session::for_lesson(cx.course, &lesson.id, seed) {
                    Ok(session) => quiz::Quiz::screen(title, session),
                    Err(_) => {
                        Screen::Info(Info::new("Check yourself", vec!["This lesson has no questions yet.".into()]))
                    }
                };
                return (Transition::Push(next), Vec::new());
            }
            _ => {
                if self.scroll.apply(action) {
                    return (Transition::Stay, self.note_read(cx));
                }
            }
        }
        stay()
    }

    pub fn render(&self, v: &View, frame: &mut Frame, area: Rect) {
        let theme = v.theme;
        let LessonLines { lines, side, active, art_width } = lesson_lines(v.course, self, area.width, theme);
        let Some((d, panel_w)) = side else {
            // Inline, the art has the column less its indent and the scrollbar.
            self.art_overflow.set(art_width.saturating_sub(usize::from(area.width).saturating_sub(2)));
            scrolled(frame, area, lines, &self.scroll, active, theme);
            return;
        };
        let [text_area, _, panel] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(1), Constraint::Length(panel_w)]).areas(area);
        scrolled(frame, text_area, lines, &self.scroll, None, theme);
        let lesson = self.content(v.course);
        let count = if lesson.diagrams.len() > 1 {
            format!(" ({}/{}, Tab: next)", self.diagram + 1, lesson.diagrams.len())
        } else {
            String::new()
        };
        // The title goes on the border only whole; a long one is wrapped inside instead.
        let inner_w = usize::from(panel_w.saturating_sub(2)).max(1);
        let border = format!(" {}{count} ", d.title);
        let (border, heading) = if border.width() + 2 <= usize::from(panel_w) {
            (border, Vec::new())
        } else {
            let short = if lesson.diagrams.len() > 1 {
                format!(" Diagram {}/{}, Tab: next ", self.diagram + 1, lesson.diagrams.len())
            } else {
                " Diagram ".to_string()
            };
            (short, text::wrap_plain(&d.title, inner_w, theme.heading))
        };
        let block = Block::new().borders(Borders::ALL).border_style(theme.border).title(border);
        let inner = block.inner(panel);
        frame.render_widget(block, panel);
        self.art_overflow.set(art_width.saturating_sub(usize::from(inner.width)));
        let mut art = heading;
        let art_top = art.len();
        art.extend(diagram_lines(d, self.step, self.hscroll, theme));
        art.push(Line::default());
        let caption_top = art.len();
        art.extend(caption_lines(d, self.step, inner_w, theme));
        // A panel shorter than the art scrolls to the lit part and its caption.
        let top = match self.step {
            Some(_) => fit(focus(d, self.step, art_top, caption_top..art.len()), art.len(), usize::from(inner.height)),
            None => 0,
        };
        frame.render_widget(Paragraph::new(art).scroll((top as u16, 0)), inner);
    }
}

/// The rows to keep in view while stepping: the lit regions of the step through the end of
/// its caption; before the first step, the diagram's heading (its top comes into view).
fn focus(d: &Diagram, step: Option<usize>, art_top: usize, caption: Range<usize>) -> Range<usize> {
    let lit_top = step.and_then(|s| d.steps.get(s)).and_then(|st| st.highlight.iter().map(|&r| d.regions[r].top).min());
    match lit_top {
        Some(top) => art_top + top..caption.end,
        None => art_top.saturating_sub(1)..art_top,
    }
}

/// The first row of `total` to show in `height` rows so that `range` ends in view (and, when
/// it fits, all of it is).
fn fit(range: Range<usize>, total: usize, height: usize) -> usize {
    range.end.saturating_sub(height).min(total.saturating_sub(height))
}

fn art_width(d: &Diagram) -> usize {
    d.art.iter().map(|l| l.width()).max().unwrap_or(0)
}

/// The width of the side panel when the lesson's diagrams go beside the text at this width.
/// Decided by the widest of them, so that Tab between diagrams never moves the layout.
fn beside(diagrams: &[&Diagram], width: u16) -> Option<u16> {
    let art_w = diagrams.iter().map(|d| art_width(d)).max()? as u16 + 2;
    (usize::from(width) >= usize::from(art_w) + 1 + MIN_TEXT_BESIDE).then_some(art_w)
}

fn active_diagram<'c>(course: &'c Course, view: &Lesson) -> Option<&'c Diagram> {
    let lesson = &course.topics[view.topic].lessons[view.lesson];
    lesson.diagrams.get(view.diagram).and_then(|id| course.diagram(id))
}

/// The art of a diagram, with the regions of the current step lit and the rest dimmed.
/// `skip` columns are scrolled off to the left.
pub fn diagram_lines(d: &Diagram, step: Option<usize>, skip: usize, theme: &Theme) -> Vec<Line<'static>> {
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
            for (col, ch) in line.chars().enumerate().skip(skip) {
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
    /// When inline, the rows of `lines` to keep in view while stepping: the lit part of the
    /// active diagram through its caption.
    pub active: Option<Range<usize>>,
    /// The widest line of the active diagram's art.
    pub art_width: usize,
}

pub fn lesson_lines<'c>(course: &'c Course, view: &Lesson, width: u16, theme: &Theme) -> LessonLines<'c> {
    let topic = &course.topics[view.topic];
    let lesson: &crate::content::Lesson = &topic.lessons[view.lesson];
    let active = active_diagram(course, view);
    let diagrams: Vec<&Diagram> = lesson.diagrams.iter().filter_map(|id| course.diagram(id)).collect();
    let side = beside(&diagrams, width);
    let column = match side {
        Some(panel) => width.saturating_sub(panel + 1),
        None => width,
    };
    let w = text_width(column);
    let mut lines = text::wrap_prefixed(" ", &lesson.title, w, theme.heading, theme.heading);
    let place = match view.place(course) {
        Some((at, n)) => format!(" {} · lesson {} of {n}", topic.title, at + 1),
        None => " Start here: read this before the topics".to_string(),
    };
    lines.push(Line::styled(place, theme.dim));
    lines.push(Line::default());
    lines.extend(text::markdown(&lesson.body, w.saturating_sub(1).max(1), theme).into_iter().map(|l| indent(l, " ")));
    let mut active_range = None;
    if side.is_none() {
        for (i, id) in lesson.diagrams.iter().enumerate() {
            let Some(d) = course.diagram(id) else { continue };
            let step = if i == view.diagram { view.step } else { None };
            lines.push(Line::default());
            let marker = if lesson.diagrams.len() > 1 && i == view.diagram { " (active: Tab switches)" } else { "" };
            let title = format!("Diagram: {}{marker}", d.title);
            lines.extend(text::wrap_prefixed(" ", &title, w, theme.heading, theme.heading));
            let art_top = lines.len();
            let skip = if i == view.diagram { view.hscroll } else { 0 };
            lines.extend(diagram_lines(d, step, skip, theme).into_iter().map(|l| indent(l, " ")));
            if i == view.diagram {
                let caption_top = lines.len();
                lines.extend(
                    caption_lines(d, step, w.saturating_sub(1).max(1), theme).into_iter().map(|l| indent(l, " ")),
                );
                active_range = Some(focus(d, step, art_top, caption_top..lines.len()));
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
    if let Some(next) = view.neighbour(course, true) {
        lines.extend(text::wrap_prefixed(
            " ",
            &format!("Next lesson (n): {}", topic.lessons[next].title),
            w,
            theme.dim,
            theme.dim,
        ));
    }
    let art_width = active.map_or(0, art_width);
    LessonLines { lines, side: active.zip(side), active: active_range, art_width }
}
