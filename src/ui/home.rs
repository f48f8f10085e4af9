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
    for (i, entry) in MenuEntry::ALL.iter().enumerate() {
        let marker = if i == selected { "▶ " } else { "  " };
        lines.push(Line::styled(format!(" {marker}{}", entry.label()), pick(i == selected, theme)));
    }
    lines.push(Line::default());
    let w = usize::from(menu_area.width.saturating_sub(2)).max(1);
    lines.extend(text::wrap_prefixed(" ", MenuEntry::ALL[selected].description(), w, theme.dim, theme.dim));
    frame.render_widget(Paragraph::new(lines), menu_area);

    let block = Block::new().borders(Borders::TOP).border_style(theme.border).title(" Topics ");
    let inner = block.inner(topics_area);
    frame.render_widget(block, topics_area);
    let course = &app.course;
    let name_w = course.topics.iter().map(|t| t.title.chars().count()).max().unwrap_or(10).min(28);
    let mut rows = vec![Line::styled(format!(" {:<name_w$}  lessons  questions", "topic"), theme.dim)];
    for t in &course.topics {
        let title: String = t.title.chars().take(name_w).collect();
        rows.push(Line::from(vec![
            Span::raw(format!(" {title:<name_w$}  ")),
            Span::raw(format!("{:>7}  {:>9}", t.lessons.len(), t.questions.len())),
        ]));
    }
    let total_q: usize = course.topics.iter().map(|t| t.questions.len()).sum();
    rows.push(Line::default());
    let summary = format!(" {} · {}", plural(course.topics.len(), "topic"), plural(total_q, "question"));
    rows.push(Line::styled(summary, theme.dim));
    frame.render_widget(Paragraph::new(rows), inner);
}
