//! Test helpers: an App on the fixture course with a fresh progress store in a temporary
//! directory that lives as long as the App, driven the way the loop drives it (each key
//! applied, then the screen drawn, so that scrolls know their extents).

use crate::app::{Action, App, Effect, Start};
use crate::progress::Store;

pub struct TestApp {
    pub app: App,
    pub dir: tempfile::TempDir,
}

impl std::ops::Deref for TestApp {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl std::ops::DerefMut for TestApp {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

pub fn now() -> jiff::Timestamp {
    "2026-11-27T15:00:00Z".parse().unwrap()
}

pub fn app(start: &Start) -> TestApp {
    app_on(crate::content::fixture_course(), start)
}

/// The same on the course given (the built-in one, for what the fixture does not have, such
/// as generated questions).
pub fn app_on(course: crate::content::Course, start: &Start) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), now()).unwrap();
    let mut app = App::new(course, store, now(), start).unwrap();
    app.size = (80, 24);
    draw(&app);
    TestApp { app, dir }
}

/// Renders the app at its size, as the loop does before every key (scrolls learn their
/// extents from it), and returns the screen as text: one line per row, trailing spaces
/// trimmed.
pub fn draw(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| crate::ui::render(app, &crate::ui::Theme::monochrome(), f)).unwrap();
    let buf = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Keys as the loop sends them: each one applied, then the screen drawn.
pub fn press(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for a in actions {
        effects.extend(app.update(*a));
        draw(app);
    }
    effects
}

/// A year of reviews before [`now`], the same every time: most days a few of the course's
/// cards, rated mostly Good, now and then Again or Easy, and a gap of a week in the summer.
pub fn a_year_of_reviews(app: &mut App) {
    use crate::srs::Rating;
    let ids: Vec<String> = app.course.questions().map(|q| q.id.clone()).collect();
    let start = now() - jiff::SignedDuration::from_hours(24 * 365);
    for day in 0..365_i64 {
        if day % 9 == 4 || (200..207).contains(&day) {
            continue;
        }
        for k in 0..=(day % 5) {
            let at = start + jiff::SignedDuration::from_hours(24 * day) + jiff::SignedDuration::from_mins(15 * k);
            let card = &ids[usize::try_from(day * 7 + k).unwrap_or(0) % ids.len()];
            let rating = match (day + k) % 11 {
                0 => Rating::Again,
                5 => Rating::Easy,
                7 => Rating::Hard,
                _ => Rating::Good,
            };
            app.store.record_review(card, rating, at);
        }
    }
}
