//! Home: the menu, and the topics with what the learner has done in each.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::study::plural;
use super::{pick, text};
use crate::app::{App, MenuEntry};

pub fn render(app: &App, selected: usize, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let wide = area.width >= 80;
    let [menu_area, topics_area] = if wide {
        Layout::horizontal([Constraint::Length(34), Constraint::Fill(1)]).areas(area)
    } else {
        let menu_h = (MenuEntry::ALL.len() as u16 + 5).min(area.height);
        Layout::vertical([Constraint::Length(menu_h), Constraint::Fill(1)]).areas(area)
    };

    let mut lines = vec![Line::styled(" CLF-C02: other compute", theme.heading), Line::default()];
    let stats = app.store.stats(&app.course, app.now);
    let queue = app.store.queue(&app.course, app.now);
    for (i, entry) in MenuEntry::ALL.iter().enumerate() {
        let marker = if i == selected { "▶ " } else { "  " };
        let extra = match (entry, queue.due.len(), queue.new.len()) {
            (MenuEntry::Review, 0, 0) => String::new(),
            (MenuEntry::Review, due, 0) => format!(" ({due} due)"),
            (MenuEntry::Review, 0, new) => format!(" ({new} new)"),
            (MenuEntry::Review, due, new) => format!(" ({due} due, {new} new)"),
            _ => String::new(),
        };
        lines.push(Line::styled(format!(" {marker}{}{extra}", entry.label()), pick(i == selected, theme)));
    }
    lines.push(Line::default());
    let w = usize::from(menu_area.width.saturating_sub(2)).max(1);
    lines.extend(text::wrap_prefixed(" ", MenuEntry::ALL[selected].description(), w, theme.dim, theme.dim));
    frame.render_widget(Paragraph::new(lines), menu_area);

    let block = Block::new().borders(Borders::TOP).border_style(theme.border).title(" Topics ");
    let inner = block.inner(topics_area);
    frame.render_widget(block, topics_area);
    let name_w = stats.topics.iter().map(|t| t.title.chars().count()).max().unwrap_or(10).min(24);
    let mut rows = vec![Line::styled(format!(" {:<name_w$}   seen  mastered  due today", "topic"), theme.dim)];
    for t in &stats.topics {
        let title: String = t.title.chars().take(name_w).collect();
        let seen = format!("{}/{}", t.seen, t.cards);
        let due_style = if t.due_today > 0 { theme.accent } else { theme.text };
        rows.push(Line::from(vec![
            Span::raw(format!(" {title:<name_w$}  {seen:>5}  {:>8}  ", t.mastered)),
            Span::styled(format!("{:>9}", t.due_today), due_style),
        ]));
    }
    rows.push(Line::default());
    let summary = format!(
        " {} · {} · {} reviews, {} today",
        plural(stats.topics.len(), "topic"),
        plural(stats.cards_total, "question"),
        stats.reviews_total,
        stats.reviews_today
    );
    rows.push(Line::styled(summary, theme.dim));
    rows.push(Line::styled(" mastered: next review 21+ days away", theme.dim));
    frame.render_widget(Paragraph::new(rows), inner);
}
