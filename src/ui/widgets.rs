//! Drawing pieces the screens share: scrolled bodies (with a scrollbar when they overflow),
//! lists that follow their highlight, centred boxes, and the style of a selectable line.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::Theme;
use crate::app::Scroll;

/// Draws lines from the row `scroll` keeps, telling it what was laid out, so that update can
/// scroll within it; `active` is the part to bring into view if update asked for that.
pub fn scrolled(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    scroll: &Scroll,
    active: Option<Range<usize>>,
    theme: &Theme,
) {
    let top = scroll.lay_out(lines.len(), usize::from(area.height), active);
    scrolled_at(frame, area, lines, top, theme);
}

/// Draws lines from row `top` (clamped to the end), with a scrollbar when they overflow.
pub fn scrolled_at(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, top: usize, theme: &Theme) {
    let total = lines.len();
    let height = usize::from(area.height);
    let top = top.min(total.saturating_sub(height));
    let overflow = total > height && area.width > 2;
    let text_area = if overflow { Rect { width: area.width - 1, ..area } } else { area };
    frame.render_widget(Paragraph::new(lines).scroll((top as u16, 0)), text_area);
    if overflow {
        let mut state = ScrollbarState::new(total.saturating_sub(height)).position(top).viewport_content_length(height);
        let bar =
            Scrollbar::new(ScrollbarOrientation::VerticalRight).style(theme.dim).begin_symbol(None).end_symbol(None);
        frame.render_stateful_widget(bar, area, &mut state);
    }
}

/// Draws a list, scrolled just enough to keep the highlighted line (with some context below
/// it) in view.
pub fn follow(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    cursor_line: usize,
    below: usize,
    theme: &Theme,
) {
    let top = (cursor_line + below).saturating_sub(usize::from(area.height));
    scrolled_at(frame, area, lines, top, theme);
}

/// Width available to scrolling text in an area (one column kept for the scrollbar).
pub fn text_width(width: u16) -> usize {
    usize::from(width.saturating_sub(2)).max(1)
}

/// A style for text that may be selected.
pub fn pick(selected: bool, theme: &Theme) -> Style {
    if selected { theme.selected } else { theme.text }
}

pub fn indent(mut line: Line<'static>, pad: &'static str) -> Line<'static> {
    line.spans.insert(0, Span::raw(pad));
    line
}

/// A rectangle of at most `w` x `h`, centred in `area`, the odd cell left and above (ratatui's
/// `Rect::centered` puts it on the other side, which would move every overlay by a cell).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
