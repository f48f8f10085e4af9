//! Screens through ratatui's TestBackend: snapshots at 80x24 and 120x40, and a sweep of sizes
//! from 1x1 to 300x100 that must never panic.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::app::{Action, App, Start};
use crate::testing::TestApp;

fn app(start: &Start, actions: &[Action]) -> TestApp {
    let mut app = crate::testing::app(start);
    crate::testing::press(&mut app, actions);
    app
}

/// The screen at `w` x `h` as text, one line per row, trailing spaces trimmed.
fn draw(app: &mut App, w: u16, h: u16) -> String {
    app.size = (w, h);
    crate::testing::draw(app)
}

use Action as A;

/// Every screen state worth seeing, by name.
fn states() -> Vec<(&'static str, TestApp)> {
    let quiz = |n: usize| {
        // Walk to the n-th question of a fixed quiz, answering Enter-by-Enter where possible.
        let mut a = app(&Start::Quiz { topics: vec![], count: Some(6), generated: 0 }, &[]);
        for _ in 0..n {
            a.update(A::Type('1'));
            a.update(A::Toggle);
            a.update(A::Down);
            a.update(A::Toggle);
            a.update(A::Enter);
            a.update(A::Enter);
        }
        a
    };
    // The first question is the multi: pick two, answer.
    let mut feedback = quiz(0);
    for a in [A::Toggle, A::Down, A::Toggle, A::Enter] {
        feedback.update(a);
    }
    assert!(
        matches!(feedback.screen(), crate::screens::Screen::Quiz(v) if v.flow.phase == crate::quiz::Phase::Feedback)
    );
    let mut out = vec![
        ("home", app(&Start::Home, &[])),
        ("topics", app(&Start::Study(None), &[])),
        ("lessons", app(&Start::Study(Some("alpha".into())), &[])),
        ("lesson", app(&Start::Study(Some("alpha".into())), &[A::Enter])),
        ("lesson_step", app(&Start::Study(Some("alpha".into())), &[A::Enter, A::Right, A::Right])),
        ("help", app(&Start::Study(Some("alpha".into())), &[A::Enter, A::Help])),
        // Stats, not built yet, explains itself on an info screen.
        ("info", app(&Start::Home, &[A::Down, A::Down, A::Down, A::Down, A::Down, A::Down, A::Enter])),
        ("settings", app(&Start::Home, &[A::Bottom, A::Enter])),
        ("feedback", feedback),
    ];
    for n in 0..6 {
        out.push((["q1", "q2", "q3", "q4", "q5", "q6"][n], quiz(n)));
        // The same question answered: the feedback of every kind.
        let mut answered = quiz(n);
        for act in [A::Type('1'), A::Toggle, A::Down, A::Toggle, A::Enter] {
            answered.update(act);
        }
        out.push((["f1", "f2", "f3", "f4", "f5", "f6"][n], answered));
    }
    out.push(("summary", quiz(6)));
    out.push(("review_rate", {
        // The first review card is the first new question: answer it, see the rating bar.
        let mut a = app(&Start::Review, &[]);
        for act in [A::Toggle, A::Down, A::Toggle, A::Type('1'), A::Enter] {
            a.update(act);
        }
        a
    }));
    let exam =
        || Start::Exam(crate::quiz::exam::Spec::new(vec![], Some(3), Some(10.0), crate::quiz::exam::Kinds::Exam, 7));
    out.push(("exam", app(&exam(), &[])));
    out.push(("exam_grid", app(&exam(), &[A::Enter, A::Next, A::Flag, A::Grid])));
    out.push(("exam_review", app(&exam(), &[A::Enter, A::Next, A::Flag, A::Submit])));
    out.push(("exam_report", app(&exam(), &[A::Enter, A::Next, A::Flag, A::Submit, A::Yes])));
    out.push(("exam_report_detail", app(&exam(), &[A::Enter, A::Next, A::Flag, A::Submit, A::Yes, A::Enter])));
    out.push(("sim_lambda", app(&Start::Simulate(None), &[])));
    out.push(("sim_fargate", app(&Start::Simulate(None), &[A::NextTab])));
    out.push(("sim_ec2", app(&Start::Simulate(None), &[A::NextTab, A::NextTab])));
    out.push(("sim_compare", app(&Start::Simulate(None), &[A::PrevTab])));
    out.push(("sim_quiz", app(&Start::Simulate(None), &[A::Quiz, A::Quiz])));
    // Generated questions need the built-in course: one answered with a named mistake, one
    // answered with a number no mistake gives, and a drill.
    let generated = |id: &str, purpose: crate::quiz::Purpose, seed: u64| {
        let course = crate::content::load(None).unwrap();
        let q = crate::quiz::QRef::find(&course, id).unwrap();
        let session = crate::quiz::Session::new(&course, purpose, vec![q], seed).unwrap();
        let mut a = crate::testing::app_on(course, &Start::Home);
        a.push(crate::screens::quiz::Quiz::screen("Quiz", session));
        a
    };
    out.push(("gen_question", generated("gen.lambda-monthly-cost", crate::quiz::Purpose::Practice, 3)));
    out.push(("gen_mistake", {
        let mut a = generated("gen.lambda-monthly-cost", crate::quiz::Purpose::Practice, 3);
        let crate::screens::Screen::Quiz(quiz) = a.screen() else { unreachable!() };
        let crate::quiz::QRef::Generated(g) = &quiz.flow.session.item().qref else { unreachable!() };
        let instance = g.instance.as_ref().unwrap();
        let m = instance.mistakes.iter().find(|m| m.name == "forgot-free-tier").unwrap();
        let typed = format!("{:.2}", m.value);
        for c in typed.chars() {
            a.update(A::Type(c));
        }
        a.update(A::Enter);
        a
    }));
    out.push(("gen_no_match", {
        let mut a = generated("gen.fargate-monthly-cost", crate::quiz::Purpose::Practice, 4);
        // The practice form of a template is numeric: type a number far from everything.
        for c in "1".chars() {
            a.update(A::Type(c));
        }
        a.update(A::Enter);
        a
    }));
    out.push(("drill", {
        let course = crate::content::load(None).unwrap();
        crate::testing::app_on(course, &Start::Drill(Some(5)))
    }));
    out.push(("stats_empty", app(&Start::Home, &[A::Bottom, A::Up, A::Enter])));
    out.push(("stats_year", {
        let mut a = app(&Start::Home, &[]);
        crate::testing::a_year_of_reviews(&mut a);
        crate::testing::press(&mut a, &[A::Bottom, A::Up, A::Enter]);
        a
    }));
    out.push(("revisit", {
        let mut a = quiz(6);
        a.update(A::Enter);
        a
    }));
    out
}

#[test]
fn snapshots_at_80x24_and_120x40() {
    for (name, mut app) in states() {
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(&mut app, w, h));
        }
    }
}

/// Renders one state at one size; a panic or an error fails with the state and the size.
fn assert_renders(name: &str, app: &mut App, w: u16, h: u16) {
    app.size = (w, h);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        terminal.draw(|f| render(app, &Theme::monochrome(), f)).map(|_| ())
    }));
    assert!(matches!(result, Ok(Ok(()))), "{name} panicked at {w}x{h}");
}

#[test]
fn every_screen_renders_at_every_size_without_panicking() {
    // Every size up to 60x30 (where the minimum and the layout switches are), every width to
    // 300 at two heights, every height to 100 at two widths, and a grid over the rest.
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in 1..=60 {
        for h in 1..=30 {
            sizes.push((w, h));
        }
    }
    for w in 1..=300 {
        for h in [10, 24] {
            sizes.push((w, h));
        }
    }
    for h in 1..=100 {
        for w in [40, 80] {
            sizes.push((w, h));
        }
    }
    let grid = [1, 2, 5, 9, 39, 41, 55, 121, 233, 300];
    for w in grid {
        for h in grid.iter().chain(&[100]).filter(|h| **h <= 100) {
            sizes.push((w, *h));
        }
    }
    for (name, mut app) in states() {
        for &(w, h) in &sizes {
            assert_renders(name, &mut app, w, h);
        }
    }
}

/// Every size from 1x1 to 300x100, every state: 30,000 sizes. Minutes in a debug build, so
/// it is opt-in: `cargo test --release --lib -- --ignored every_size_from_1x1`.
#[test]
#[ignore = "the full cross product takes minutes in a debug build; the default sweep above covers the thresholds"]
fn every_size_from_1x1_to_300x100() {
    for (name, mut app) in states() {
        for w in 1..=300 {
            for h in 1..=100 {
                assert_renders(name, &mut app, w, h);
            }
        }
    }
}

#[test]
fn a_tiny_terminal_says_so() {
    let mut a = app(&Start::Home, &[]);
    let screen = draw(&mut a, 39, 10);
    assert!(screen.starts_with("Terminal too small: 39x10."), "{screen}");
    assert_eq!(draw(&mut a, 1, 1), "T");
    assert!(!draw(&mut a, 40, 10).contains("too small"));
}

#[test]
fn the_footer_and_help_come_from_the_keymap() {
    let mut a = app(&Start::Study(Some("alpha".into())), &[A::Enter]);
    let screen = draw(&mut a, 120, 30);
    let footer = screen.lines().last().unwrap();
    for b in a.bindings().iter().filter(|b| !b.footer.is_empty()) {
        assert!(footer.contains(b.footer), "footer lacks {}: {footer}", b.footer);
    }
    a.update(A::Help);
    let screen = draw(&mut a, 120, 40);
    for b in a.screen_bindings() {
        assert!(screen.contains(b.help), "help lacks {:?}", b.help);
    }
}

#[test]
fn the_lesson_goes_beside_its_diagram_only_when_wide() {
    let mut a = app(&Start::Study(Some("alpha".into())), &[A::Enter]);
    let narrow = draw(&mut a, 60, 30);
    let wide = draw(&mut a, 120, 30);
    // Beside: the art shares a row with the lesson title. Inline: it comes after the body.
    let row_of = |s: &str, needle: &str| s.lines().position(|l| l.contains(needle));
    assert_eq!(row_of(&wide, "┌─────┐"), row_of(&wide, "Alpha · lesson 1 of 1"), "{wide}");
    assert!(row_of(&narrow, "┌─────┐").unwrap() > row_of(&narrow, "Lambda runs").unwrap(), "{narrow}");
}

#[test]
fn no_color_marks_without_colour() {
    let mut a = app(&Start::Home, &[]);
    a.size = (80, 24);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| render(&a, &Theme::monochrome(), f)).unwrap();
    let buf = terminal.backend().buffer();
    assert!(buf.content().iter().all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset));
    // The highlighted menu entry is still marked, by reverse video.
    let row = (0..24).find(|y| (0..80).map(|x| buf[(x, *y)].symbol()).collect::<String>().contains("▶ Study")).unwrap();
    assert!(buf[(3, row)].modifier.contains(ratatui::style::Modifier::REVERSED));
}
