//! The only module that touches the terminal or reads crossterm events.
//!
//! Setup that can fail happens before the alternate screen. The loop blocks on
//! `event::read()`, so an idle app uses no CPU; only while the screen declares a deadline (a
//! card about to fall due) does it poll until then and send `Action::Tick`. The terminal is restored on every way out:
//! quit, Ctrl-C (a key in raw mode), a panic (ratatui's hook), and SIGTERM/SIGHUP/SIGINT/SIGQUIT
//! from outside (a thread waits for them, restores the terminal and exits). Progress is saved
//! atomically after every answer, so leaving at any moment loses nothing saved.

use std::io::{self, IsTerminal};

use jiff::Timestamp;
use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{Action, App, Effect};
use crate::ui;

/// Where "now" comes from: the system clock, or a fixed time (`--now`).
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(Timestamp),
}

impl Clock {
    pub fn now(self) -> Timestamp {
        match self {
            Self::System => Timestamp::now(),
            Self::Fixed(t) => t,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error(
        "the app needs an interactive terminal (stdin and stdout are not both a TTY); the commands cost, due, stats, generate, drill --plan, exam --report and validate work without one"
    )]
    NotATerminal,
    #[error("terminal: {0}")]
    Io(#[from] io::Error),
}

/// Runs the app until the learner quits.
pub fn run(mut app: App, theme: &ui::Theme, clock: Clock) -> Result<(), TuiError> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(TuiError::NotATerminal);
    }
    restore_on_signals()?;
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, &mut app, theme, clock);
    drop(terminal);
    restore();
    result
}

/// Raw mode off, main screen back, cursor shown. Never panics; errors are ignored because
/// there is nothing better to do with them on the way out.
fn restore() {
    ratatui::restore();
    let _ = ratatui::crossterm::execute!(io::stdout(), ratatui::crossterm::cursor::Show);
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    theme: &ui::Theme,
    clock: Clock,
) -> Result<(), TuiError> {
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    loop {
        terminal.draw(|frame| ui::render(app, theme, frame))?;
        let action = match next_event(app, clock)? {
            Some(Event::Key(key)) => {
                crash_for_tests(&key);
                let Some(action) = app.action_for(&key) else { continue };
                action
            }
            Some(Event::Resize(w, h)) => {
                app.size = (w, h);
                continue;
            }
            Some(_) => continue,
            None => Action::Tick,
        };
        app.now = clock.now();
        for effect in app.update(action) {
            match effect {
                Effect::Quit => return Ok(()),
                // A failed save loses nothing: the rating stays in memory, the file on disk is
                // the previous good one, and the next save tries again.
                Effect::Save => {
                    if let Err(e) = app.store.save() {
                        app.status = Some(e.to_string());
                    }
                }
                Effect::SaveSheet(sheet) => {
                    if let Err(e) = app.store.save_sheet(&sheet) {
                        app.status = Some(e.to_string());
                    }
                }
                Effect::DiscardSheet => {
                    if let Err(e) = app.store.discard_sheet() {
                        app.status = Some(e.to_string());
                    }
                }
            }
        }
    }
}

/// The next terminal event, or `None` when the screen's deadline passed first. Without a
/// deadline this blocks: an idle app uses no CPU.
fn next_event(app: &App, clock: Clock) -> io::Result<Option<Event>> {
    let Some(deadline) = app.deadline() else { return event::read().map(Some) };
    // Never wait less than a tenth of a second, nor redraw a clock more than needed; a fixed
    // clock (--now) never reaches a deadline, so it waits for keys alone.
    let wait = match clock {
        Clock::Fixed(_) => return event::read().map(Some),
        Clock::System => deadline.duration_since(clock.now()).max(jiff::SignedDuration::from_millis(100)),
    };
    let wait = std::time::Duration::try_from(wait).unwrap_or(std::time::Duration::from_secs(1));
    if event::poll(wait)? { event::read().map(Some) } else { Ok(None) }
}

/// Debug builds only, for the end-to-end tests: with `CLOUDCRAM_TEST_PANIC` set, F12 panics,
/// so that the tests can check the terminal is restored after a crash. Release builds have
/// no such key.
fn crash_for_tests(key: &ratatui::crossterm::event::KeyEvent) {
    if cfg!(debug_assertions)
        && key.code == ratatui::crossterm::event::KeyCode::F(12)
        && std::env::var_os("CLOUDCRAM_TEST_PANIC").is_some()
    {
        panic!("test panic requested with F12 (CLOUDCRAM_TEST_PANIC)");
    }
}

/// A thread that waits for termination signals, puts the terminal back and exits with the
/// conventional 128 + signal status.
fn restore_on_signals() -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(sig) = signals.forever().next() {
            // `exit` skips destructors (the terminal's would show the cursor): restore here.
            restore();
            std::process::exit(128 + sig);
        }
    })?;
    Ok(())
}
