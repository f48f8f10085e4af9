//! The simulator's Compare tab drawn at 200x60: a chart of three series, the break-evens and
//! the tuning curve, worked out and rendered as a frame would be. The target is a median
//! frame of at most 1 ms in a release build; `cargo bench --bench render` prints it.

use std::hint::black_box;

use cloudcram::app::{Action, App, Start};
use cloudcram::progress::Store;
use cloudcram::ui::{self, Theme};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn compare_tab(c: &mut Criterion) {
    let course = cloudcram::content::load(None).expect("the built-in content is valid");
    let dir = tempfile::tempdir().unwrap();
    let now = "2026-11-27T15:00:00Z".parse().unwrap();
    let store = Store::open(dir.path(), now).unwrap();
    let mut app = App::new(course, store, now, &Start::Simulate(None)).unwrap();
    app.size = (200, 60);
    for _ in 0..3 {
        app.update(Action::NextTab);
    }
    let theme = Theme::color();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("simulator compare tab, 200x60 frame", |b| {
        b.iter(|| terminal.draw(|f| ui::render(black_box(&app), &theme, f)).map(|_| ()).unwrap());
    });
}

criterion_group!(benches, compare_tab);
criterion_main!(benches);
