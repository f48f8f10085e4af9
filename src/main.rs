//! The `cloudcram` binary: parse the command line, load every fallible input, dispatch.
//! Each command has its own function below; the work itself lives in the library.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use cloudcram::app::{App, Start};
use cloudcram::cli::{Cli, Command, CostCommand, GlobalArgs};
use cloudcram::content::{self, ContentSource, Course};
use cloudcram::tui::{self, Clock};
use cloudcram::ui::Theme;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("cloudcram: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let global = cli.global;
    if let Some(Command::Validate { dir, json }) = cli.command {
        let dir = dir.or_else(|| global.content_dir.clone());
        return validate(dir.as_deref(), json);
    }
    // Everything else needs valid content first.
    let course = content::load(global.content_dir.as_deref())?;
    match cli.command {
        Some(Command::Cost(cmd)) => cost(&course, &cmd),
        Some(Command::Due { all, json }) => due(&course, &global, all, json),
        Some(Command::Stats { json }) => stats(&course, &global, json),
        other => tui(&course, &global, other),
    }
}

fn not_built(name: &str, issue: &str) -> ExitCode {
    eprintln!("cloudcram: {name} is not built yet; it arrives with {issue}.");
    ExitCode::from(1)
}

/// `cloudcram cost ...`
fn cost(_course: &Course, _cmd: &CostCommand) -> anyhow::Result<ExitCode> {
    Ok(not_built("cost", "the cost engine (issue #4)"))
}

/// `cloudcram due [--all] [--json]`
fn due(_course: &Course, _global: &GlobalArgs, _all: bool, _json: bool) -> anyhow::Result<ExitCode> {
    Ok(not_built("due", "spaced repetition and the progress store (issue #5)"))
}

/// `cloudcram stats [--json]`
fn stats(_course: &Course, _global: &GlobalArgs, _json: bool) -> anyhow::Result<ExitCode> {
    Ok(not_built("stats", "spaced repetition and the progress store (issue #5)"))
}

/// The TUI: no command, `study`, `review`, `quiz`, `exam`, `simulate`.
fn tui(course: &Course, global: &GlobalArgs, command: Option<Command>) -> anyhow::Result<ExitCode> {
    let start = match command {
        None => Start::Home,
        Some(Command::Study { topic }) => Start::Study(topic),
        Some(Command::Quiz(q)) => Start::Quiz { topics: q.topics, count: q.count },
        Some(Command::Review) => return Ok(not_built("review", "spaced repetition and the progress store (issue #5)")),
        Some(Command::Exam { .. }) => return Ok(not_built("exam", "the exam drills (a later issue)")),
        Some(Command::Simulate) => return Ok(not_built("simulate", "the cost simulator (a later issue)")),
        Some(_) => unreachable!("handled in run"),
    };
    let clock = global.now.map_or(Clock::System, Clock::Fixed);
    let app = App::new(course.clone(), Theme::from_env(), clock.now(), &start)?;
    tui::run(app, clock)?;
    Ok(ExitCode::SUCCESS)
}

fn validate(dir: Option<&std::path::Path>, json: bool) -> anyhow::Result<ExitCode> {
    let source = match dir {
        Some(dir) => ContentSource::from_dir(dir)?,
        None => ContentSource::embedded(),
    };
    let (_, report) = content::check(&source);
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        let mut err = std::io::stderr().lock();
        for p in &report.errors {
            writeln!(err, "{p}")?;
        }
        let c = &report.counts;
        if report.valid {
            writeln!(
                out,
                "{}: valid: {} topics, {} lessons, {} questions, {} diagrams",
                source.label, c.topics, c.lessons, c.questions, c.diagrams
            )?;
        } else {
            let n = report.errors.len();
            writeln!(err, "{}: {n} problem{} found", source.label, if n == 1 { "" } else { "s" })?;
        }
    }
    Ok(if report.valid { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
