//! Rendering: `render(&App, &Theme, &mut Frame)` draws the title bar, the top screen (each
//! screen module in `screens/` draws itself with the pieces here), the footer and overlays,
//! and changes nothing but the extents scrolls record. Every screen renders at any size; below
//! `MIN_WIDTH` x `MIN_HEIGHT` a notice says so instead.

pub mod text;
mod theme;
pub mod widgets;

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::app::keymap::Binding;
use crate::app::{App, Overlay, Scroll};
use crate::content::Course;
use crate::progress::Store;
pub use theme::Theme;

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// What a screen's render may read.
pub struct View<'a> {
    pub course: &'a Course,
    pub store: &'a Store,
    pub now: Timestamp,
    pub theme: &'a Theme,
}

pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
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
    render_title(app, theme, frame, title);
    let view = View { course: &app.course, store: &app.store, now: app.now, theme };
    app.screen().render(&view, frame, body);
    match &app.status {
        Some(status) => {
            let line = Line::styled(format!(" {}", text::sanitize(status)), theme.warning);
            frame.render_widget(Paragraph::new(line), footer);
        }
        None => render_footer(&app.bindings(), theme, frame, footer),
    }
    match &app.overlay {
        Some(Overlay::Help { scroll }) => render_help(&app.screen_bindings(), scroll, theme, frame, body),
        Some(Overlay::Confirm { question, .. }) => render_confirm(question, theme, frame, body),
        None => {}
    }
}

fn render_title(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let crumb = app.screen().breadcrumb(&app.course);
    let text = if crumb.is_empty() { " cloudcram".to_string() } else { format!(" cloudcram › {crumb}") };
    let line = Line::from(text::sanitize(&text)).style(theme.title_bar);
    frame.render_widget(Paragraph::new(line).style(theme.title_bar), area);
}

fn render_footer(bindings: &[Binding], theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for b in bindings.iter().filter(|b| !b.footer.is_empty()) {
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

/// The help lines: every binding, keys then what they do.
fn help_lines(bindings: &[Binding], theme: &Theme) -> Vec<Line<'static>> {
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

fn render_help(bindings: &[Binding], scroll: &Scroll, theme: &Theme, frame: &mut Frame, body: Rect) {
    let lines = help_lines(bindings, theme);
    let want_w = lines.iter().map(Line::width).max().unwrap_or(10) as u16 + 4;
    let area = widgets::centered(body, want_w, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).border_style(theme.border).title(" Keys (Esc closes) ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    widgets::scrolled(frame, inner, lines, scroll, None, theme);
}

/// A question in a box: what would be lost, and the keys to answer.
fn render_confirm(question: &str, theme: &Theme, frame: &mut Frame, body: Rect) {
    let w = body.width.saturating_sub(4).min(60);
    let mut lines = text::wrap_prefixed(
        " ",
        &text::sanitize(question),
        usize::from(w.saturating_sub(3)).max(1),
        theme.text,
        theme.text,
    );
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::raw(" "),
        Span::styled("y", theme.key),
        Span::styled(" yes   ", theme.dim),
        Span::styled("n", theme.key),
        Span::styled(" no, go on", theme.dim),
    ]));
    let area = widgets::centered(body, w, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).border_style(theme.border).title(" Are you sure? ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests;
