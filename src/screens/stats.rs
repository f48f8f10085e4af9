//! The Stats screen: how much the learner knows, whether it is sticking, and whether they are
//! ready: the sheet of `crate::stats`, styled from the theme and scrolled. The figures are
//! worked out once when the screen opens (nothing changes while it is shown); a frame only
//! lays them out.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Cx, Transition, stay};
use crate::app::{Action, Effect, Scroll};
use crate::progress::{Analytics, TopicStats};
use crate::stats::{Figures, Role, Row, Section, sheet};
use crate::ui::widgets::{scrolled, text_width};
use crate::ui::{Theme, View};

#[derive(Debug)]
pub struct StatsScreen {
    pub figures: Analytics,
    pub topics: Vec<TopicStats>,
    /// When the figures were worked out.
    pub at: Timestamp,
    pub scroll: Scroll,
}

impl StatsScreen {
    pub fn open(cx: &Cx) -> Self {
        Self {
            figures: cx.store.analytics(cx.course, cx.now),
            topics: cx.store.stats(cx.course, cx.now).topics,
            at: cx.now,
            scroll: Scroll::default(),
        }
    }

    pub fn update(&mut self, action: Action) -> (Transition, Vec<Effect>) {
        self.scroll.apply(action);
        stay()
    }

    pub fn render(&self, view: &View, frame: &mut Frame, area: Rect) {
        let w = text_width(area.width);
        let figures =
            Figures { topics: &self.topics, exams: view.store.exams(), analytics: &self.figures, now: self.at };
        let rows = sheet(view.course, figures, w, &Section::ALL);
        let lines = rows.iter().map(|r| line(r, view.theme)).collect();
        scrolled(frame, area, lines, &self.scroll, None, view.theme);
    }
}

/// A sheet row in the theme's styles.
pub(crate) fn line(row: &Row, theme: &Theme) -> Line<'static> {
    Line::from(
        row.0
            .iter()
            .map(|(text, role)| {
                let style = match role {
                    Role::Heading => theme.heading,
                    Role::Text => theme.text,
                    Role::Dim => theme.dim,
                    Role::Good => theme.correct,
                    Role::Bad => theme.wrong,
                    Role::Accent => theme.accent,
                };
                Span::styled(text.clone(), style)
            })
            .collect::<Vec<_>>(),
    )
}
