//! Info: a page of text, scrolled: a feature still to come, or a problem to explain.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Transition, stay};
use crate::app::{Action, Effect, Scroll};
use crate::ui::widgets::{scrolled, text_width};
use crate::ui::{View, text};

#[derive(Debug)]
pub struct Info {
    pub title: String,
    /// Paragraphs, shown with a blank line between them.
    pub paragraphs: Vec<String>,
    pub scroll: Scroll,
}

impl Info {
    pub fn new(title: impl Into<String>, paragraphs: Vec<String>) -> Self {
        Self { title: title.into(), paragraphs, scroll: Scroll::default() }
    }

    pub fn update(&mut self, action: Action) -> (Transition, Vec<Effect>) {
        self.scroll.apply(action);
        stay()
    }

    pub fn render(&self, view: &View, frame: &mut Frame, area: Rect) {
        let theme = view.theme;
        let w = text_width(area.width);
        // A one-column margin, as the other screens have.
        let w = w.saturating_sub(1).max(1);
        let mut lines = text::wrap_prefixed(" ", &text::sanitize(&self.title), w, theme.heading, theme.heading);
        for p in &self.paragraphs {
            lines.push(ratatui::text::Line::default());
            for line in text::sanitize(p).lines() {
                lines.extend(text::wrap_prefixed(" ", line, w, theme.text, theme.text));
            }
        }
        scrolled(frame, area, lines, &self.scroll, None, theme);
    }
}
