//! Layout arithmetic that both `update` and render need, without app importing ui: the
//! body's height for a terminal size, and [`Scroll`], a scroll position that render clamps to
//! what it laid out and that `update` moves within those extents (gitui's `VerticalScroll`).

use std::cell::Cell;
use std::ops::Range;

use super::Action;

/// Rows of the body between the title bar and the footer.
pub fn body_height(size: (u16, u16)) -> usize {
    usize::from(size.1.saturating_sub(2)).max(1)
}

/// A vertical scroll position. Render records the rows it laid out and the rows it could show
/// (`lay_out`); `update` moves the position within them (`apply`). Interior mutability lets a
/// render that takes `&App` keep those extents, so update never renders to measure.
#[derive(Debug, Default)]
pub struct Scroll {
    top: Cell<usize>,
    content: Cell<usize>,
    page: Cell<usize>,
    /// A request from update that the next render bring a part of the content into view.
    reveal: Cell<bool>,
}

impl Scroll {
    /// The first row shown.
    pub fn top(&self) -> usize {
        self.top.get()
    }

    /// The furthest the view can scroll, as the last render laid it out.
    pub fn max_top(&self) -> usize {
        self.content.get().saturating_sub(self.page.get())
    }

    /// Rows the last render could show.
    pub fn page(&self) -> usize {
        self.page.get()
    }

    pub fn to_top(&mut self) {
        self.top.set(0);
    }

    /// Moves by a scroll action within the last render's extents; false for other actions.
    pub fn apply(&mut self, action: Action) -> bool {
        let (top, max, page) = (self.top(), self.max_top(), self.page().max(1));
        let next = match action {
            Action::Up => top.saturating_sub(1),
            Action::Down => (top + 1).min(max),
            Action::PageUp => top.saturating_sub(page),
            Action::PageDown => (top + page).min(max),
            Action::Top => 0,
            Action::Bottom => max,
            _ => return false,
        };
        self.top.set(next);
        true
    }

    /// Asks the next render to bring the part it marks as active into view.
    pub fn request_reveal(&mut self) {
        self.reveal.set(true);
    }

    /// Render: records `content` rows laid out in a view of `page` rows, brings `active` into
    /// view if update asked for it, and returns the first row to draw.
    pub fn lay_out(&self, content: usize, page: usize, active: Option<Range<usize>>) -> usize {
        self.content.set(content);
        self.page.set(page);
        let max = self.max_top();
        if self.reveal.take()
            && let Some(range) = active
            && (range.start < self.top() || range.end > self.top() + page)
        {
            // Its start at the top of the view; its end in view when it is taller than that
            // (a step's caption, under its lit part).
            let top = if range.len() > page { range.end - page } else { range.start };
            self.top.set(top.min(max));
        }
        self.top.set(self.top().min(max));
        self.top()
    }
}
