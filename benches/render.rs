//! The heaviest frame: the simulator's Compare tab drawn at 200x60, a chart of three series,
//! the break-evens and the tuning curve, worked out and rendered as a frame would be. The
//! target is a median frame of at most 1 ms in a release build.
//!
//! cargo bench --bench render

mod common;

use cloudcram::app::{Action, App, Start};
use cloudcram::progress::Store;
use cloudcram::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    let bench = common::Bench::from_env();
    let course = cloudcram::content::load(None).expect("the built-in content is valid");
    let dir = common::tempdir();
    let now = "2026-11-27T15:00:00Z".parse().unwrap();
    let store = Store::open(dir.path(), now).unwrap();
    let mut app = App::new(course, store, now, &Start::Simulate(None)).unwrap();
    app.size = (200, 60);
    for _ in 0..3 {
        app.update(Action::NextTab);
    }
    let theme = Theme::color();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    bench.run("render: simulator compare tab, 200x60 frame", || {
        terminal.draw(|f| ui::render(&app, &theme, f)).map(|_| ()).unwrap();
    });
}
