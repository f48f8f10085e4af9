//! Rendering: `render(&App, &mut Frame)` draws the current screen and changes nothing. Every
//! screen renders at any size; below `MIN_WIDTH` x `MIN_HEIGHT` a notice says so instead.
//! Scrolling bodies are built as lines by pure functions that `update` also uses to know
//! where their ends are.

mod home;
mod quiz;
mod study;
pub mod text;
mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use unicode_width::UnicodeWidthStr;

use crate::app::keymap::{self, Context};
use crate::app::{App, Overlay, Phase, Screen};
use crate::content::Course;
pub use theme::Theme;

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Rows of the body between the title bar and the footer.
pub fn body_height(size: (u16, u16)) -> usize {
    usize::from(size.1.saturating_sub(2)).max(1)
}

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let theme = &app.theme;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Terminal too small: {}x{}. cloudcram needs at least {MIN_WIDTH}x{MIN_HEIGHT}.",
            area.width, area.height
        );
        let lines = text::wrap_plain(&msg, usize::from(area.width), theme.warning);
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let [title, body, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    render_title(app, frame, title);
    match app.screen() {
        Screen::Home { selected } => home::render(app, *selected, frame, body),
        Screen::Topics { selected } => study::render_topics(app, *selected, frame, body),
        Screen::Lessons { topic, selected } => study::render_lessons(app, *topic, *selected, frame, body),
        Screen::Lesson(view) => study::render_lesson(app, view, frame, body),
        Screen::Quiz(view) => quiz::render(app, view, frame, body),
        Screen::Info { title, body: text, scroll } => {
            let lines = info_lines(title, text, body.width, theme);
            scrolled(frame, body, lines, *scroll, theme);
        }
    }
    match &app.status {
        Some(status) => {
            let line = Line::styled(format!(" {}", text::sanitize(status)), theme.warning);
            frame.render_widget(Paragraph::new(line), footer);
        }
        None => render_footer(app.context(), theme, frame, footer),
    }
    match app.overlay {
        Some(Overlay::Help { scroll }) => render_help(app.screen_context(), scroll, theme, frame, body),
        None => {}
    }
}

fn breadcrumb(app: &App) -> String {
    let course = &app.course;
    match app.screen() {
        Screen::Home { .. } => String::new(),
        Screen::Topics { .. } => "Study".into(),
        Screen::Lessons { topic, .. } => format!("Study › {}", course.topics[*topic].title),
        Screen::Lesson(v) => {
            let t = &course.topics[v.topic];
            format!("{} › {} ({}/{})", t.title, t.lessons[v.lesson].title, v.lesson + 1, t.lessons.len())
        }
        Screen::Quiz(v) => {
            let s = &v.session;
            match v.phase {
                Phase::Summary { .. } | Phase::Revisit { .. } => format!("{} › results", v.title),
                _ => format!("{} › {} of {}", v.title, s.current + 1, s.items.len()),
            }
        }
        Screen::Info { title, .. } => title.clone(),
    }
}

fn render_title(app: &App, frame: &mut Frame, area: Rect) {
    let crumb = breadcrumb(app);
    let text = if crumb.is_empty() { " cloudcram".to_string() } else { format!(" cloudcram › {crumb}") };
    let line = Line::from(text::sanitize(&text)).style(app.theme.title_bar);
    frame.render_widget(Paragraph::new(line).style(app.theme.title_bar), area);
}

fn render_footer(ctx: Context, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for b in keymap::bindings(ctx).iter().filter(|b| !b.footer.is_empty()) {
        let key = b.short_key();
        let piece = key.width() + 1 + b.footer.width() + 2;
        if used + piece > usize::from(area.width) {
            break;
        }
        used += piece;
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {}  ", b.footer), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The help lines of a context: every binding, keys then what they do.
fn help_lines(ctx: Context, theme: &Theme) -> Vec<Line<'static>> {
    let bindings = keymap::bindings(ctx);
    let key_width = bindings.iter().map(|b| b.key_labels().width()).max().unwrap_or(0);
    bindings
        .iter()
        .map(|b| {
            let keys = b.key_labels();
            let pad = " ".repeat(key_width - keys.width());
            Line::from(vec![Span::styled(format!(" {keys}{pad}  "), theme.key), Span::raw(b.help)])
        })
        .collect()
}

pub fn help_height(ctx: Context) -> usize {
    keymap::bindings(ctx).len() + 2
}

fn render_help(ctx: Context, scroll: usize, theme: &Theme, frame: &mut Frame, body: Rect) {
    let lines = help_lines(ctx, theme);
    let want_w = lines.iter().map(Line::width).max().unwrap_or(10) as u16 + 4;
    let area = centered(body, want_w, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).border_style(theme.border).title(" Keys (Esc closes) ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    scrolled(frame, inner, lines, scroll, theme);
}

/// A rectangle of at most `w` x `h`, centred in `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// Draws lines scrolled by `scroll`, with a scrollbar when they overflow.
fn scrolled(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, scroll: usize, theme: &Theme) {
    let total = lines.len();
    let height = usize::from(area.height);
    let scroll = scroll.min(total.saturating_sub(height));
    let overflow = total > height && area.width > 2;
    let text_area = if overflow { Rect { width: area.width - 1, ..area } } else { area };
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), text_area);
    if overflow {
        let mut state =
            ScrollbarState::new(total.saturating_sub(height)).position(scroll).viewport_content_length(height);
        let bar =
            Scrollbar::new(ScrollbarOrientation::VerticalRight).style(theme.dim).begin_symbol(None).end_symbol(None);
        frame.render_stateful_widget(bar, area, &mut state);
    }
}

/// Width available to scrolling text in an area (one column kept for the scrollbar).
fn text_width(width: u16) -> usize {
    usize::from(width.saturating_sub(2)).max(1)
}

fn info_lines(title: &str, body: &str, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let w = text_width(width);
    let mut lines = text::wrap_plain(&text::sanitize(title), w, theme.heading);
    lines.push(Line::default());
    lines.extend(text::wrap_plain(&text::sanitize(body), w, theme.text));
    lines
}

/// Lines of an info page at a terminal width, for scrolling limits.
pub fn info_height(body: &str, width: u16) -> usize {
    info_lines("", body, width, &Theme::monochrome()).len()
}

/// Lines of the lesson's scrolling column at a terminal size, and where the active diagram
/// sits in them when it is inline (so stepping can bring it into view).
pub fn lesson_extent(
    course: &Course,
    view: &crate::app::LessonView,
    size: (u16, u16),
) -> (usize, Option<std::ops::Range<usize>>) {
    let l = study::lesson_lines(course, view, size.0, &Theme::monochrome());
    (l.lines.len(), l.active)
}

/// Lines of the quiz body (feedback, revisit) at the app's terminal width.
pub fn quiz_height(app: &App, view: &crate::app::QuizView) -> usize {
    quiz::lines(app, view, app.size.0, &Theme::monochrome()).0.len()
}

/// A style for text that may be selected.
fn pick(selected: bool, theme: &Theme) -> Style {
    if selected { theme.selected } else { theme.text }
}

#[cfg(test)]
mod tests;
