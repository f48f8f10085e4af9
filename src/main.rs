//! The `cloudcram` binary: parse the command line, load every fallible input, dispatch.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use cloudcram::cli::{Cli, Command};
use cloudcram::content::{self, ContentSource};

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
    match cli.command {
        Some(Command::Validate { dir, json }) => {
            let dir = dir.or(global.content_dir);
            validate(dir.as_deref(), json)
        }
        other => {
            // Everything else needs valid content first.
            let _course = content::load(global.content_dir.as_deref())?;
            let (name, issue) = match other {
                None => ("the app", "the TUI (issue #6)"),
                Some(Command::Study { .. }) => ("study", "the TUI (issue #6)"),
                Some(Command::Review) => ("review", "spaced repetition and the TUI (issues #5, #6)"),
                Some(Command::Quiz(_)) => ("quiz", "the TUI (issue #6)"),
                Some(Command::Exam { .. }) => ("exam", "the exam drills, after the TUI (issue #6)"),
                Some(Command::Simulate) => ("simulate", "the cost simulator, after the TUI (issue #6)"),
                Some(Command::Cost(_)) => ("cost", "the cost engine (issue #4)"),
                Some(Command::Due { .. }) => ("due", "spaced repetition and the progress store (issue #5)"),
                Some(Command::Stats { .. }) => ("stats", "spaced repetition and the progress store (issue #5)"),
                Some(Command::Validate { .. }) => unreachable!("handled above"),
            };
            eprintln!("cloudcram: {name} is not built yet; it arrives with {issue}.");
            Ok(ExitCode::from(1))
        }
    }
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
