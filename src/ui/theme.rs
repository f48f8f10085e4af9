//! Named styles. Screens ask for `theme.selected`, never for a colour, so NO_COLOR is one
//! switch: the monochrome theme marks things with reverse, bold and underline instead.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title_bar: Style,
    pub heading: Style,
    pub accent: Style,
    pub selected: Style,
    pub key: Style,
    pub correct: Style,
    pub wrong: Style,
    pub warning: Style,
    pub code: Style,
    /// A lit region of a diagram.
    pub highlight: Style,
    pub border: Style,
    pub emphasis: Style,
    pub strong: Style,
}

impl Theme {
    pub fn color() -> Self {
        Self {
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title_bar: Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            accent: Style::new().fg(Color::Yellow),
            selected: Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            correct: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            wrong: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            code: Style::new().fg(Color::LightMagenta),
            highlight: Style::new().fg(Color::Black).bg(Color::LightYellow).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            strong: Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// For NO_COLOR: no colours at all; reverse, bold and underline carry the meaning.
    pub fn monochrome() -> Self {
        let reverse = Style::new().add_modifier(Modifier::REVERSED);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Self {
            text: Style::new(),
            dim: Style::new(),
            title_bar: reverse,
            heading: bold.add_modifier(Modifier::UNDERLINED),
            accent: bold,
            selected: reverse.add_modifier(Modifier::BOLD),
            key: bold,
            correct: bold,
            wrong: bold.add_modifier(Modifier::UNDERLINED),
            warning: bold,
            code: Style::new(),
            highlight: reverse,
            border: Style::new(),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            strong: bold,
        }
    }

    /// Colour unless the NO_COLOR convention asks otherwise (set and not empty).
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Self::monochrome(),
            _ => Self::color(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monochrome_uses_no_colour() {
        let t = Theme::monochrome();
        for s in [
            t.text,
            t.dim,
            t.title_bar,
            t.heading,
            t.accent,
            t.selected,
            t.key,
            t.correct,
            t.wrong,
            t.warning,
            t.code,
            t.highlight,
            t.border,
        ] {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        // The marks that colour would carry are still visible.
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
        assert!(t.highlight.add_modifier.contains(Modifier::REVERSED));
        assert_ne!(t.correct, t.wrong);
    }
}
