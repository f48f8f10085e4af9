//! The `cloudcram` binary: parse the command line, load every fallible input, dispatch.
//! Each command has its own function below; the work itself lives in the library.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use cloudcram::app::{App, Start};
use cloudcram::cli::{
    AnkiArgs, Cli, Command, CostCommand, DrillArgs, ExamArgs, ExportCommand, GenerateArgs, GlobalArgs, ImportArgs,
    ProgressCommand, ReportOf,
};
use cloudcram::content::{self, Course, problem_lines};
use cloudcram::fmt::{closest, escape, plural};
use cloudcram::progress;
use cloudcram::quiz::exam::{self, DrawError, Kinds};
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
            if let Some(usage) = err.downcast_ref::<UsageError>() {
                let _ = writeln!(std::io::stderr(), "cloudcram: {usage}");
                return ExitCode::from(2);
            }
            // A damaged progress file's lines are `FILE:LINE:COL: ...` on their own, as editors
            // and scripts read them; everything else gets the program's name in front. A closed
            // stderr leaves only the exit status to tell (eprintln! would panic).
            let mut stderr = std::io::stderr().lock();
            let _ = match err.downcast_ref::<progress::ProgressError>() {
                Some(invalid @ progress::ProgressError::Invalid { .. }) => writeln!(stderr, "{invalid}"),
                _ => writeln!(stderr, "cloudcram: {err:#}"),
            };
            ExitCode::from(1)
        }
    }
}

/// A command-line mistake found once the content is loaded, such as a topic that does not
/// exist: status 2, as for the mistakes clap finds.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct UsageError(String);

/// Every topic a command names must be in the course; a typo gets the closest id offered.
fn check_topics(course: &Course, named: &[String]) -> Result<(), UsageError> {
    let ids = || course.topics.iter().map(|t| t.id.as_str());
    let Some(unknown) = named.iter().find(|n| !ids().any(|id| id == n.as_str())) else {
        return Ok(());
    };
    let hint = closest(unknown, ids()).map(|id| format!(" (did you mean {id}?)")).unwrap_or_default();
    let known = ids().collect::<Vec<_>>().join(", ");
    Err(UsageError(format!("unknown topic '{unknown}'{hint}; the topics are {known}")))
}

/// The reader of our output went away (`cloudcram due | head`): not an error, we just stop.
/// serde_json keeps the io::Error inside its own error without listing it as a source, so
/// both are asked.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        let kind = e
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| e.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind));
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Pretty JSON and a newline: every command's `--json`.
fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// `value` on stdout: as JSON with `--json`, else as its text.
fn print_json_or_text<T: serde::Serialize>(
    value: &T,
    json: bool,
    text: impl Fn(&T) -> String,
) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if json {
        write_json(&mut out, value)?;
    } else {
        out.write_all(text(value).as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let global = cli.global;
    // These need no content (completions and the man page need nothing at all).
    match cli.command {
        Some(Command::Validate { dir, json }) => {
            let dir = dir.or_else(|| global.content_dir.clone());
            validate(dir.as_deref(), json)
        }
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Man) => man(),
        Some(Command::Progress(ProgressCommand::Merge { other })) => progress_merge(&global, &other),
        Some(Command::Import(args)) => import(&global, &args),
        command => run_on_content(&global, command),
    }
}

/// Everything else needs valid content first, and what asks questions the decks too.
fn run_on_content(global: &GlobalArgs, command: Option<Command>) -> anyhow::Result<ExitCode> {
    let mut course = content::load(global.content_dir.as_deref())?;
    let skipped_decks = match &command {
        Some(Command::Cost(_) | Command::Generate(_)) => Vec::new(),
        _ => append_decks(&mut course, global),
    };
    match command {
        Some(Command::Export(ExportCommand::Anki(args))) => export_anki(&course, &args),
        Some(Command::Cost(cmd)) => cost(&course, &cmd),
        Some(Command::Generate(args)) => generate(&course, global, &args),
        Some(Command::Due { all, json }) => due(&course, global, all, json),
        Some(Command::Stats { json }) => stats(&course, global, json),
        Some(Command::Exam(ExamArgs { report: Some(which), json, .. })) => exam_report(&course, global, which, json),
        Some(Command::Drill(DrillArgs { plan: true, count, json })) => drill_plan(&course, global, count, json),
        other => tui(&course, global, other, skipped_decks.first()),
    }
}

/// `cloudcram completions SHELL`: the script on stdout. Written whole at the end, so a closed
/// pipe is an error we can pass over (clap_complete's writer would panic).
fn completions(shell: clap_complete::Shell) -> anyhow::Result<ExitCode> {
    use clap::CommandFactory;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "cloudcram", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `cloudcram man`: the man page (roff) on stdout.
fn man() -> anyhow::Result<ExitCode> {
    use clap::CommandFactory;
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&page)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `cloudcram export anki [--out FILE] [--topic T]...`
fn export_anki(course: &Course, args: &AnkiArgs) -> anyhow::Result<ExitCode> {
    use anyhow::Context as _;
    check_topics(course, &args.topics)?;
    let notes = cloudcram::export::anki_notes(course, &args.topics);
    let text = cloudcram::export::anki_file(&notes);
    let Some(path) = &args.out else {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    };
    // Whole or not at all: a temporary file beside it, renamed over it.
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::write(&tmp, &text).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.with_context(|| format!("cannot write {}", id(&path.display().to_string())))?;
    writeln!(
        std::io::stdout().lock(),
        "Wrote {} to {}. In Anki: File > Import, choose the file; importing a later export updates these notes.",
        plural(notes.len(), "note"),
        id(&path.display().to_string())
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `cloudcram progress merge OTHER.toml`: the other file is read and checked before this
/// data directory is touched, so a damaged one changes nothing.
fn progress_merge(global: &GlobalArgs, other: &std::path::Path) -> anyhow::Result<ExitCode> {
    let now = global.now.unwrap_or_else(jiff::Timestamp::now);
    let (theirs, warnings) = progress::load_other(other)?;
    warn(&warnings);
    let data_dir = progress::data_dir(global.data_dir.as_deref())?;
    let mut store = progress::Store::open(&data_dir, now)?;
    warn(store.warnings());
    let outcome = store.merge(&theirs, now)?;
    let file = id(&store.path().display().to_string()).into_owned();
    let other = id(&other.display().to_string()).into_owned();
    let merged = &outcome.merged;
    let mut out = std::io::stdout().lock();
    if merged.is_empty() {
        writeln!(out, "Nothing to add from {other}: {}. {file} is unchanged.", merged.summary())?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "Merged {other} into {file}: {}.", merged.summary())?;
    if merged.settings_differ {
        writeln!(out, "The other file's settings differ; the settings here are kept.")?;
    }
    match &outcome.backup {
        Some(bak) => {
            let bak = id(&bak.display().to_string()).into_owned();
            writeln!(out, "The file as it was before is kept as {bak}; to undo the merge: cp '{bak}' '{file}'")?;
        }
        None => writeln!(
            out,
            "There was no progress file here before, or its backup holds more; the daily copies in {} hold earlier \
             versions.",
            id(&data_dir.join(progress::BACKUP_DIR).display().to_string())
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The learner's decks (`cloudcram import`) after the course's topics. A deck that cannot be
/// used is named on stderr and left out; the command goes on without it.
fn append_decks(course: &mut Course, global: &GlobalArgs) -> Vec<content::decks::Skipped> {
    // Without a data directory there are no decks; the commands that need one say so.
    let Ok(data_dir) = progress::data_dir(global.data_dir.as_deref()) else { return Vec::new() };
    let skipped = content::decks::append_all(course, &content::decks::dir(&data_dir));
    let mut stderr = std::io::stderr().lock();
    for s in &skipped {
        let _ = writeln!(stderr, "cloudcram: warning: {}", id(&s.to_string()));
    }
    skipped
}

/// `cloudcram import FILE.md... --deck NAME [--topic-per-file] [--dry-run] [--json]`
fn import(global: &GlobalArgs, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    use cloudcram::import::{self, Input, Request};
    let course = content::load(global.content_dir.as_deref())?;
    let decks_dir = content::decks::dir(&progress::data_dir(global.data_dir.as_deref())?);
    let request = Request {
        deck: args.deck.clone(),
        files: args.files.iter().map(|p| Input::read(p)).collect(),
        topic_per_file: args.topic_per_file,
    };
    let taken = import::taken_topics(&course, &decks_dir, &request.deck);
    let plan = import::plan(&request, &taken)
        .map_err(|e| if e.is_usage() { anyhow::Error::new(UsageError(e.to_string())) } else { e.into() })?;
    let written = if args.dry_run { None } else { plan.write(&decks_dir)? };
    let mut stderr = std::io::stderr().lock();
    for e in &plan.errors {
        writeln!(stderr, "{}", id(&e.to_string()))?;
    }
    if plan.imported == 0 && !args.dry_run {
        writeln!(stderr, "cloudcram: nothing to import: no question could be read; no deck was written")?;
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        #[derive(serde::Serialize)]
        struct Output<'a> {
            #[serde(flatten)]
            plan: &'a import::Plan,
            dry_run: bool,
            /// The deck's directory, once written.
            dir: Option<String>,
        }
        let dir = written.as_ref().map(|d| d.display().to_string());
        write_json(&mut out, &Output { plan: &plan, dry_run: args.dry_run, dir })?;
    } else {
        if args.dry_run {
            for q in &plan.questions {
                let prompt: String = q.prompt.lines().next().unwrap_or_default().chars().take(60).collect();
                let (file, line, qid, kind, answer) = (&q.file, q.line, &q.id, q.kind, q.answer.join(", "));
                writeln!(out, "{}", id(&format!("{file}:{line}: {qid} ({kind}, {answer}) {prompt}")))?;
            }
        }
        let counts = format!("imported {}, skipped {}", plan.imported, plan.skipped);
        let topics = plan.topics.iter().map(|t| t.id.as_str()).collect::<Vec<_>>().join(", ");
        let line = match &written {
            Some(dir) => format!(
                "{counts}: deck `{}` in {} (topic {topics}); `cloudcram quiz --topic {}` asks them",
                plan.deck,
                dir.display(),
                plan.topics.first().map_or(plan.deck.as_str(), |t| t.id.as_str())
            ),
            None if args.dry_run => format!("dry run: {counts}, into deck `{}`; nothing was written", plan.deck),
            None => counts,
        };
        writeln!(out, "{}", id(&line))?;
    }
    let clean = plan.errors.is_empty() && plan.imported > 0;
    Ok(if clean { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `cloudcram exam --report [last|N] [--json]`: a past exam from progress.toml, read only.
fn exam_report(course: &Course, global: &GlobalArgs, which: ReportOf, json: bool) -> anyhow::Result<ExitCode> {
    let progress = read_progress(global)?;
    // Numbered by when they ended: file order, unless a merge interleaved two histories.
    let mut exams: Vec<&progress::ExamRecord> = progress.exams().iter().collect();
    exams.sort_by_key(|e| e.at);
    let Some(&last) = exams.last() else {
        anyhow::bail!("no exam has been finished yet, so there is no report; cloudcram exam starts one");
    };
    let record = match which {
        ReportOf::Last => last,
        ReportOf::Nth(n) => match exams.get(n - 1) {
            Some(&record) => record,
            None => {
                let count = exams.len();
                let finished =
                    if count == 1 { "only 1 exam has".to_string() } else { format!("only {count} exams have") };
                anyhow::bail!("there is no exam {n}: {finished} been finished, numbered 1 (the oldest) to {count}");
            }
        },
    };
    let report = exam::Report::new(course, record);
    print_json_or_text(&report, json, exam::Report::to_text)
}

/// `cloudcram drill --plan [--count N] [--json]`: what the drill would ask and why, read only.
fn drill_plan(course: &Course, global: &GlobalArgs, count: Option<usize>, json: bool) -> anyhow::Result<ExitCode> {
    let now = global.now.unwrap_or_else(jiff::Timestamp::now);
    let progress = read_progress(global)?;
    let report = progress.drill_plan(course, now, count.unwrap_or(0)).report();
    print_json_or_text(&report, json, progress::DrillReport::to_text)
}

/// `cloudcram cost ...`
fn cost(course: &Course, cmd: &CostCommand) -> anyhow::Result<ExitCode> {
    use cloudcram::pricing::compare::{Comparison, DEFAULT_POINTS_PER_DECADE, Plan};
    use cloudcram::pricing::{ec2, fargate, lambda};
    let prices = &course.pricing;
    let estimate = match cmd {
        CostCommand::Lambda(args) => lambda::estimate(prices, &args.into())?,
        CostCommand::Fargate(args) => fargate::estimate(prices, &args.into())?,
        CostCommand::Ec2(args) => ec2::estimate(prices, &args.into())?,
        CostCommand::Compare(args) => {
            let plan = Plan::new(prices, args.workload(), args.assumptions(prices))?;
            let comparison = plan.compare(args.from, args.to, DEFAULT_POINTS_PER_DECADE)?;
            return print_json_or_text(&comparison, args.json, Comparison::to_text);
        }
    };
    print_json_or_text(&estimate, cmd.json(), cloudcram::pricing::Estimate::to_text)
}

/// `cloudcram generate [--template T]... [--count N] [--seed S] [--choice] [--json]`
fn generate(course: &Course, global: &GlobalArgs, args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    use cloudcram::generate::{self, Form};
    // Content without generated.toml has nothing to take in turn (and --count N would divide
    // by zero templates).
    if course.templates.is_empty() {
        anyhow::bail!("this content has no generated-question templates; they are [[templates]] in generated.toml");
    }
    let ids = || course.templates.iter().map(|t| t.id.as_str());
    if let Some(unknown) = args.templates.iter().find(|n| !ids().any(|id| id == n.as_str())) {
        let hint = closest(unknown, ids()).map(|id| format!(" (did you mean {id}?)")).unwrap_or_default();
        let known = ids().collect::<Vec<_>>().join(", ");
        return Err(UsageError(format!("unknown template '{unknown}'{hint}; the templates are {known}")).into());
    }
    let chosen: Vec<&generate::Template> =
        course.templates.iter().filter(|t| args.templates.is_empty() || args.templates.contains(&t.id)).collect();
    let now = global.now.unwrap_or_else(jiff::Timestamp::now);
    let seed = args.seed.unwrap_or(now.as_nanosecond() as u64);
    let form = if args.choice { Form::Choice } else { Form::Natural };
    let count = args.count.unwrap_or(chosen.len());
    let questions: Vec<generate::Instance> = (0..count)
        .map(|i| generate::generate(course, chosen[i % chosen.len()], generate::mix(seed, &i.to_string()), form))
        .collect();
    let mut out = std::io::stdout().lock();
    if args.json {
        write_json(&mut out, &questions)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{} (seed {seed}; the same --seed gives the same questions)", plural(count, "generated question"))?;
    for (n, q) in questions.iter().enumerate() {
        writeln!(out, "\n{}. {}  [{}]", n + 1, q.prompt, q.id)?;
        for (letter, o) in ('A'..='Z').zip(&q.options) {
            writeln!(out, "   {letter}. {}", o.text)?;
        }
        let answer = match &q.answer {
            generate::Answer::Number(x) if q.options.is_empty() => {
                format!("{} (within {})", q.show(*x), q.show(q.tolerance))
            }
            generate::Answer::Number(x) => q.show(*x),
            generate::Answer::Option(id) => {
                q.options.iter().find(|o| &o.id == id).map_or(id.clone(), |o| o.text.clone())
            }
        };
        writeln!(out, "   Answer: {answer}")?;
        writeln!(out, "   Worked answer:")?;
        for step in &q.steps {
            writeln!(out, "     {step}")?;
        }
        if !q.mistakes.is_empty() {
            writeln!(out, "   Common mistakes and what they give:")?;
            for m in &q.mistakes {
                writeln!(out, "     {:<28} {}", m.name, q.show(m.value))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `cloudcram due [--all] [--json]`
fn due(course: &Course, global: &GlobalArgs, all: bool, json: bool) -> anyhow::Result<ExitCode> {
    let now = global.now.unwrap_or_else(jiff::Timestamp::now);
    let progress = read_progress(global)?;
    let report = progress.due_report(course, now, all);
    let mut out = std::io::stdout().lock();
    if json {
        write_json(&mut out, &report)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{} due now; {}, {} allowed today ({})",
        plural(report.due, "card"),
        plural(report.new, "new card"),
        report.new_today,
        utc_minutes(now)
    )?;
    if report.cards.is_empty() {
        let what = match report.next_due {
            Some(next) => format!("the next card is due {}", utc_minutes(next)),
            None if report.new_today > 0 => "start new cards with `cloudcram review`".to_string(),
            None => "nothing is scheduled".to_string(),
        };
        writeln!(out, "Nothing is due now; {what}.")?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = report.cards.iter().map(|c| id(&c.id).chars().count()).max().unwrap_or(4).max(4);
    writeln!(out, "\n{:<width$}  {:<10}  {:<20}  {:>4}  {:>6}", "CARD", "STATE", "DUE", "REPS", "LAPSES")?;
    for c in &report.cards {
        let due = c.due.map_or_else(|| "-".to_string(), utc_minutes);
        let note = if c.suspended {
            "  suspended"
        } else if c.buried {
            "  buried"
        } else {
            ""
        };
        writeln!(
            out,
            "{:<width$}  {:<10}  {due:<20}  {:>4}  {:>6}{note}",
            id(&c.id),
            c.state.name(),
            c.reps,
            c.lapses
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `cloudcram stats [--json]`
fn stats(course: &Course, global: &GlobalArgs, json: bool) -> anyhow::Result<ExitCode> {
    let now = global.now.unwrap_or_else(jiff::Timestamp::now);
    let progress = read_progress(global)?;
    let report = progress.stats_report(course, now);
    let mut out = std::io::stdout().lock();
    if json {
        write_json(&mut out, &report)?;
        return Ok(ExitCode::SUCCESS);
    }
    let s = report.stats;
    writeln!(out, "Progress at {}\n", utc_minutes(now))?;
    let width = s.topics.iter().map(|t| id(&t.id).chars().count()).max().unwrap_or(5).max(5);
    writeln!(
        out,
        "{:<width$}  {:>5}  {:>5}  {:>8}  {:>9}  {:>7}  {:>14}",
        "TOPIC", "CARDS", "SEEN", "MASTERED", "DUE TODAY", "READ", "PRACTICE"
    )?;
    let lessons: usize = s.topics.iter().map(|t| t.lessons).sum();
    for t in &s.topics {
        writeln!(
            out,
            "{:<width$}  {:>5}  {:>5}  {:>8}  {:>9}  {:>7}  {:>14}",
            id(&t.id),
            t.cards,
            t.seen,
            t.mastered,
            t.due_today,
            format!("{}/{}", t.lessons_read, t.lessons),
            practice(t.practice_correct, t.practiced)
        )?;
    }
    writeln!(
        out,
        "{:<width$}  {:>5}  {:>5}  {:>8}  {:>9}  {:>7}  {:>14}\n",
        "total",
        s.cards_total,
        s.cards_seen,
        s.cards_mastered,
        s.due_today,
        format!("{}/{lessons}", s.lessons_read),
        practice(s.practice.correct, s.practice.answered)
    )?;
    let retention =
        report.figures.retention.true_retention.map_or_else(String::new, |r| {
            format!("; true retention {:.0}% on cards past their learning steps", r * 100.0)
        });
    writeln!(out, "Reviews: {} ({} today){retention}", s.reviews_total, s.reviews_today)?;
    if s.reviews_of_unknown_cards > 0 {
        writeln!(
            out,
            "({} reviews are of questions the content no longer has; they are kept)",
            s.reviews_of_unknown_cards
        )?;
    }
    if s.exams.is_empty() {
        writeln!(out, "Exams: none yet")?;
    } else {
        writeln!(out, "Exams:")?;
        for e in s.exams {
            let topics =
                if e.topics.is_empty() { "all topics".to_string() } else { id(&e.topics.join(", ")).into_owned() };
            let result = if e.passed { "passed" } else { "not passed" };
            let (at, score, total, scaled) = (utc_minutes(e.at), e.score, e.total, e.scaled());
            writeln!(out, "  {at}  {score:>3}/{total:<3}  scaled {scaled:>4}  {result:<10}  {topics}")?;
        }
    }
    // The Stats screen's charts and figures, plain.
    let sections = [
        cloudcram::stats::Section::Readiness,
        cloudcram::stats::Section::Forecast,
        cloudcram::stats::Section::Heatmap,
        cloudcram::stats::Section::Retention,
    ];
    let figures = cloudcram::stats::Figures { topics: &s.topics, exams: s.exams, analytics: &report.figures, now };
    let rows = cloudcram::stats::sheet(course, figures, 100, &sections);
    write!(out, "\n{}", cloudcram::stats::plain(&rows))?;
    Ok(ExitCode::SUCCESS)
}

/// "12/15 right (80%)", or "-" before any practice.
fn practice(correct: usize, answered: usize) -> String {
    if answered == 0 {
        "-".into()
    } else {
        format!("{correct}/{answered} ({}%)", cloudcram::quiz::percent(correct, answered))
    }
}

/// Loads progress for a read-only command: no lock (the TUI may be running), nothing created.
/// What the learner should know about the file (an entry cut short, fewer answers than the
/// newest backup) goes to stderr first.
fn read_progress(global: &GlobalArgs) -> anyhow::Result<progress::Progress> {
    let dir = progress::data_dir(global.data_dir.as_deref())?;
    let (progress, warnings) = progress::load_with_warnings(&dir)?;
    warn(&warnings);
    Ok(progress)
}

/// Each warning on stderr, as `cloudcram: warning: ...` (the messages come escaped).
fn warn(warnings: &[progress::Warning]) {
    let mut stderr = std::io::stderr().lock();
    for w in warnings {
        let _ = writeln!(stderr, "cloudcram: warning: {w}");
    }
}

/// An id from a file, safe to print: control characters and bidi overrides escaped.
fn id(s: &str) -> std::borrow::Cow<'_, str> {
    cloudcram::fmt::escape_controls(s)
}

/// `2026-11-27 15:00 UTC`
fn utc_minutes(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

/// The TUI: no command, `study`, `review`, `quiz`, `drill`, `exam`, `simulate`.
fn tui(
    course: &Course,
    global: &GlobalArgs,
    command: Option<Command>,
    skipped_deck: Option<&content::decks::Skipped>,
) -> anyhow::Result<ExitCode> {
    check_topics(course, command.as_ref().map_or(&[], Command::topics))?;
    let clock = global.now.map_or(Clock::System, Clock::Fixed);
    let start = match command {
        None => Start::Home,
        Some(Command::Study { topic }) => Start::Study(topic),
        Some(Command::Quiz(q)) => q.into(),
        Some(Command::Review) => Start::Review,
        Some(Command::Exam(e)) if e.resume => Start::ResumeExam,
        Some(Command::Exam(e)) => Start::Exam(e.spec(clock.now())),
        Some(Command::Simulate { preset }) => Start::Simulate(preset),
        Some(Command::Drill(d)) => Start::Drill(d.count),
        Some(_) => unreachable!("handled in run and run_on_content"),
    };
    // Lock and load progress before the terminal is touched: a second instance or a damaged
    // file is reported on a normal screen.
    let data_dir = progress::data_dir(global.data_dir.as_deref())?;
    let store = progress::Store::open(&data_dir, clock.now())?;
    warn(store.warnings());
    let first_warning = store.warnings().first().map(progress::Warning::summary);
    // So is an exam that cannot start: the screen draws the same questions again.
    match &start {
        Start::Exam(spec) => {
            exam::draw(course, &store, spec).map_err(|e| too_many(&e, spec.kinds))?;
        }
        Start::ResumeExam if store.sheet().is_none() => {
            anyhow::bail!("there is no unfinished exam to resume; cloudcram exam starts a new one");
        }
        _ => {}
    }
    let mut app = App::new(course.clone(), store, clock.now(), &start)?;
    // Also on the first screen: the terminal's own screen is hidden while the app runs.
    if first_warning.is_some() && app.status.is_none() {
        app.status = first_warning;
    }
    if let Some(s) = skipped_deck
        && app.status.is_none()
    {
        app.status =
            Some(format!("Warning: deck {} was left out; the reason is shown when you quit", s.path.display()));
    }
    tui::run(app, &Theme::from_env(), clock)?;
    Ok(ExitCode::SUCCESS)
}

/// An exam larger than its pool is a command-line mistake (status 2), with the way to widen
/// the pool when there is one.
fn too_many(e: &DrawError, kinds: Kinds) -> UsageError {
    let wider = if kinds == Kinds::Exam { " (--kinds all adds the order, match and numeric questions)" } else { "" };
    UsageError(format!("{e}{wider}"))
}

fn validate(dir: Option<&std::path::Path>, json: bool) -> anyhow::Result<ExitCode> {
    let (label, report) = content::validate(dir)?;
    let mut out = std::io::stdout().lock();
    if json {
        write_json(&mut out, &report)?;
    } else {
        let mut err = std::io::stderr().lock();
        if !report.errors.is_empty() {
            writeln!(err, "{}", problem_lines(&report.errors, report.total_errors))?;
        }
        let c = &report.counts;
        let label = escape(&label);
        if report.valid {
            writeln!(
                out,
                "{}: valid: {} topics, {} lessons, {} questions, {} diagrams, {}",
                label,
                c.topics,
                c.lessons,
                c.questions,
                c.diagrams,
                plural(c.templates, "question template")
            )?;
        } else {
            writeln!(err, "{label}: {} found", plural(report.total_errors, "problem"))?;
        }
    }
    Ok(if report.valid { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
