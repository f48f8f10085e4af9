//! Settings: the learner's study settings, each with its range and what it does (from the one
//! table in `progress::Settings::INFO`), changed with ←/→ and saved to progress.toml at once.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Cx, Transition, move_in_list, stay};
use crate::app::{Action, Effect};
use crate::progress::{NewOrder, Settings};
use crate::ui::widgets::{follow, pick, text_width};
use crate::ui::{View, text};

#[derive(Debug, Default)]
pub struct SettingsScreen {
    pub selected: usize,
}

/// `s` with the setting `name` moved one step up (`up`) or down, within its range.
fn stepped(mut s: Settings, name: &str, up: bool) -> Settings {
    let sign = if up { 1 } else { -1 };
    match name {
        "desired_retention" => {
            let (lo, hi) = (*Settings::RETENTION_RANGE.start(), *Settings::RETENTION_RANGE.end());
            let next = (s.desired_retention * 100.0).round() + f64::from(sign);
            s.desired_retention = (next / 100.0).clamp(lo, hi);
        }
        "new_cards_per_day" => s.new_cards_per_day = s.new_cards_per_day.saturating_add_signed(sign),
        "reviews_per_day" => s.reviews_per_day = s.reviews_per_day.saturating_add_signed(10 * sign),
        "new_order" => {
            s.new_order = match s.new_order {
                NewOrder::Topics => NewOrder::Interleaved,
                NewOrder::Interleaved => NewOrder::Topics,
            };
        }
        "fuzz" => s.fuzz = !s.fuzz,
        _ => {}
    }
    s
}

impl SettingsScreen {
    pub fn update(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        self.selected = move_in_list(self.selected, Settings::INFO.len(), action, cx.page());
        let up = match action {
            Action::Right | Action::Toggle => true,
            Action::Left => false,
            _ => return stay(),
        };
        let current = cx.store.settings();
        let next = stepped(current, Settings::INFO[self.selected].name, up);
        if next == current {
            return stay();
        }
        match cx.store.set_settings(next) {
            Ok(()) => (Transition::Stay, vec![Effect::Save]),
            Err(e) => {
                cx.status = Some(e.to_string());
                stay()
            }
        }
    }

    pub fn render(&self, view: &View, frame: &mut Frame, area: Rect) {
        let theme = view.theme;
        let w = text_width(area.width);
        let settings = view.store.settings();
        let mut lines = vec![
            Line::styled(" Study settings", theme.heading),
            Line::styled(" Saved to progress.toml as you change them.", theme.dim),
            Line::default(),
        ];
        let name_w = Settings::INFO.iter().map(|i| i.name.len()).max().unwrap_or(0);
        let mut cursor = 0;
        for (i, info) in Settings::INFO.iter().enumerate() {
            let selected = i == self.selected;
            if selected {
                cursor = lines.len();
            }
            let value = settings.toml_value(info.name).unwrap_or_default();
            let marker = if selected { "▶" } else { " " };
            lines.push(Line::from(vec![
                Span::styled(format!(" {marker} {:<name_w$}  ", info.name), pick(selected, theme)),
                Span::styled(format!("◀ {value} ▶"), if selected { theme.accent } else { theme.text }),
            ]));
        }
        let info = &Settings::INFO[self.selected.min(Settings::INFO.len() - 1)];
        lines.push(Line::default());
        lines.extend(text::wrap_prefixed(" ", info.about, w, theme.text, theme.text));
        lines.push(Line::default());
        lines.extend(text::wrap_prefixed(" Range: ", info.range, w, theme.dim, theme.dim));
        lines.extend(text::wrap_prefixed(" Default: ", info.default, w, theme.dim, theme.dim));
        follow(frame, area, lines, cursor, 2, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_in_range_and_choices_alternate() {
        let mut s = Settings::default();
        for _ in 0..50 {
            s = stepped(s, "desired_retention", true);
        }
        assert!((s.desired_retention - 0.99).abs() < 1e-12, "{}", s.desired_retention);
        for _ in 0..50 {
            s = stepped(s, "desired_retention", false);
        }
        assert!((s.desired_retention - 0.70).abs() < 1e-12);
        assert!(s.validate().is_ok());
        let s = stepped(Settings { new_cards_per_day: 0, ..Settings::default() }, "new_cards_per_day", false);
        assert_eq!(s.new_cards_per_day, 0);
        let s = stepped(Settings::default(), "reviews_per_day", true);
        assert_eq!(s.reviews_per_day, 210);
        let s = stepped(Settings::default(), "new_order", false);
        assert_eq!(s.new_order, NewOrder::Topics);
        assert!(!stepped(Settings::default(), "fuzz", true).fuzz);
    }
}
