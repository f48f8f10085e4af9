//! The command line (clap derive): subcommands and global flags of INTERFACE.md.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::app::Start;
use crate::pricing::compare::{Assumptions, DEFAULT_FROM, DEFAULT_TO, Workload};
use crate::pricing::ec2::Ec2Usage;
use crate::pricing::fargate::FargateUsage;
use crate::pricing::lambda::LambdaUsage;
use crate::pricing::{Arch, PriceBook, presets};
use crate::quiz::exam::{Kinds, Spec};

/// `--help`'s closing lines: what the exit status means.
pub const EXIT_STATUS: &str = "Exit status:
  0  success
  1  a problem you must fix (invalid content, an unreadable or damaged progress file, a locked
     data directory), explained on stderr
  2  a command-line mistake (an unknown flag or topic, a count of 0), explained on stderr";

/// `--version`: the program's version and the date of the built-in content's prices, the
/// newest `as_of` of content/pricing.toml (build.rs reads it).
pub const VERSION: &str =
    concat!(env!("CARGO_PKG_VERSION"), " (built-in content as of ", env!("CLOUDCRAM_CONTENT_AS_OF"), ")");

#[derive(Debug, Parser)]
#[command(
    name = "cloudcram",
    version = VERSION,
    after_help = EXIT_STATUS,
    about = "Study, quiz and cost simulator for the \"other compute\" part of AWS Cloud Practitioner (CLF-C02)",
    long_about = "Study, quiz and cost simulator for the \"other compute\" part of AWS Cloud Practitioner (CLF-C02): \
Docker, ECS, Fargate, ECR, serverless, Lambda, API Gateway, AWS Batch, Lightsail and what they cost.\n\n\
Run without a command to open the app at its home screen."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Load content from this directory instead of the built-in content
    #[arg(long, global = true, env = "CLOUDCRAM_CONTENT_DIR", value_name = "DIR")]
    pub content_dir: Option<PathBuf>,
    /// Keep progress in this directory [default: the platform's data directory]
    #[arg(long, global = true, env = "CLOUDCRAM_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Pretend the current time is this RFC 3339 instant (e.g. 2026-11-27T15:00:00Z)
    #[arg(long, global = true, env = "CLOUDCRAM_NOW", value_name = "RFC3339", value_parser = parse_now)]
    pub now: Option<jiff::Timestamp>,
}

fn parse_now(s: &str) -> Result<jiff::Timestamp, String> {
    s.parse::<jiff::Timestamp>()
        .map_err(|e| format!("expected an RFC 3339 time with an offset, like 2026-11-27T15:00:00Z ({e})"))
}

/// A whole number of at least 1: a question count or a time limit of 0 makes no sense.
fn at_least_one<T>(s: &str) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + From<u8>,
    T::Err: std::fmt::Display,
{
    let n: T = s.parse().map_err(|e| format!("{e}"))?;
    if n < T::from(1) { Err("must be at least 1".to_string()) } else { Ok(n) }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the lessons: the topic list, or one topic's lessons
    Study {
        /// Topic id, e.g. lambda
        topic: Option<String>,
    },
    /// Review the cards that are due (spaced repetition)
    Review,
    /// A practice quiz with feedback after each answer
    Quiz(QuizArgs),
    /// A timed exam drill in the CLF-C02 format, or the report of a past one
    Exam(ExamArgs),
    /// A quiz of your weak spots, or with --plan what it would ask and why
    Drill(DrillArgs),
    /// The cost simulator: Lambda, Fargate and EC2 side by side
    Simulate {
        /// Start from a named workload, e.g. web-api (`p` cycles them in the simulator)
        #[arg(long, value_name = "NAME", value_parser = preset_name)]
        preset: Option<String>,
    },
    /// Generated pricing questions, printed with their worked answers and the results of
    /// the common mistakes
    Generate(GenerateArgs),
    /// Estimate a monthly cost, with the calculation shown step by step
    #[command(subcommand)]
    Cost(CostCommand),
    /// List the cards due now
    Due {
        /// Every card, new ones included
        #[arg(long)]
        all: bool,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Progress per topic, reviews, retention and exam history
    Stats {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Import practice-exam Markdown into a deck of your own, loaded next to the course
    Import(ImportArgs),
    /// Check a content directory and report every problem as FILE:LINE:COL: message
    Validate {
        /// The directory to check [default: --content-dir, else the built-in content]
        dir: Option<PathBuf>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Export the questions for another program
    #[command(subcommand)]
    Export(ExportCommand),
    /// Work on the progress file itself
    #[command(subcommand)]
    Progress(ProgressCommand),
    /// Print a shell completion script on stdout (see the README to install it)
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on stdout
    Man,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The questions as a file for Anki's File > Import: one note per question, with a stable
    /// guid, so importing a later export updates the notes instead of duplicating them
    Anki(AnkiArgs),
}

#[derive(Debug, Args, Clone, Default)]
pub struct AnkiArgs {
    /// Write the file here instead of on stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Only questions of this topic (repeat for several) [default: every topic]
    #[arg(long = "topic", value_name = "T")]
    pub topics: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum ProgressCommand {
    /// Add what another copy of your progress file holds (from a second machine, say) to
    /// this data directory's: the union of both, settings kept as they are here. The file
    /// before the merge is kept as progress.toml.bak
    Merge {
        /// The other copy of progress.toml
        #[arg(value_name = "OTHER.toml")]
        other: PathBuf,
    },
}

impl Command {
    /// The topic ids the command names (`study TOPIC`, `--topic T`...), to check against the
    /// course before anything starts.
    pub fn topics(&self) -> &[String] {
        match self {
            Self::Study { topic } => topic.as_slice(),
            Self::Quiz(quiz) | Self::Exam(ExamArgs { quiz, .. }) => &quiz.topics,
            Self::Export(ExportCommand::Anki(anki)) => &anki.topics,
            _ => &[],
        }
    }
}

#[derive(Debug, Args, Clone, Default)]
pub struct QuizArgs {
    /// Only questions of this topic (repeat for several)
    #[arg(long = "topic", value_name = "T")]
    pub topics: Vec<String>,
    /// Number of questions, at least 1
    #[arg(long, value_name = "N", value_parser = at_least_one::<usize>)]
    pub count: Option<usize>,
    /// Add N generated pricing questions, new numbers each time (quiz only)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(0..=100))]
    pub generated: Option<u16>,
}

impl From<QuizArgs> for Start {
    fn from(q: QuizArgs) -> Self {
        Self::Quiz { topics: q.topics, count: q.count, generated: q.generated.map_or(0, usize::from) }
    }
}

/// `cloudcram generate`: which templates, how many questions, the seed.
#[derive(Debug, Args, Clone, Default)]
pub struct GenerateArgs {
    /// Only this template (repeat for several) [default: all of them]
    #[arg(long = "template", value_name = "T")]
    pub templates: Vec<String>,
    /// Number of questions, taking the templates in turn [default: one of each]
    #[arg(long, value_name = "N", value_parser = at_least_one::<usize>)]
    pub count: Option<usize>,
    /// Seed of the numbers: the same seed gives the same questions [default: from the clock]
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// The single-choice form an exam asks (the answer among the mistakes' results)
    #[arg(long)]
    pub choice: bool,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

/// `drill`: the weak-spot quiz, or its plan printed.
#[derive(Debug, Args, Clone, Default)]
pub struct DrillArgs {
    /// Number of questions, at least 1 [default: 10]
    #[arg(long, value_name = "N", value_parser = at_least_one::<usize>)]
    pub count: Option<usize>,
    /// Print the questions the drill would ask, weakest first, and why (read only)
    #[arg(long)]
    pub plan: bool,
    /// With --plan: print JSON
    #[arg(long, requires = "plan")]
    pub json: bool,
}

/// What one exam sits on: topics, size, time, kinds, seed; or `--resume`, or `--report`.
#[derive(Debug, Args, Clone, Default)]
pub struct ExamArgs {
    #[command(flatten)]
    pub quiz: QuizArgs,
    /// Time limit in minutes, decimals allowed (0.5 is 30 seconds) [default: in proportion to
    /// CLF-C02's 90 minutes for 65 questions]
    #[arg(long, value_name = "M", value_parser = positive_minutes)]
    pub minutes: Option<f64>,
    /// Seed of the draw and of the options' order: the same seed on the same progress draws
    /// the same exam [default: from the clock]
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Which kinds of question to draw
    #[arg(long, value_enum, default_value_t = Kinds::Exam)]
    pub kinds: Kinds,
    /// Continue the unfinished exam, with the time it had left
    #[arg(long, conflicts_with_all = ["topics", "count", "minutes", "seed", "kinds", "report"])]
    pub resume: bool,
    /// Print the report of a past exam: the last one, or the N-th (1 is the oldest)
    #[arg(
        long,
        value_name = "last|N",
        num_args = 0..=1,
        default_missing_value = "last",
        value_parser = report_of,
        conflicts_with_all = ["topics", "count", "minutes", "seed", "kinds"]
    )]
    pub report: Option<ReportOf>,
    /// With --report: print JSON
    #[arg(long, requires = "report")]
    pub json: bool,
}

impl ExamArgs {
    /// The exam these flags ask for; without `--seed`, the seed comes from `now`.
    pub fn spec(&self, now: jiff::Timestamp) -> Spec {
        let seed = self.seed.unwrap_or(now.as_nanosecond() as u64);
        Spec::new(self.quiz.topics.clone(), self.quiz.count, self.minutes, self.kinds, seed)
    }
}

/// `cloudcram import FILE.md... --deck NAME`.
#[derive(Debug, Args, Clone)]
#[command(after_help = "Exit status: 0 every question imported; 1 a question was skipped or a file \
could not be read (the rest is imported all the same), or nothing could be imported; 2 bad usage, \
such as a deck name a topic of the course already has.")]
pub struct ImportArgs {
    /// The Markdown files, in order; the deck is made of these and nothing else
    #[arg(required = true, value_name = "FILE.md")]
    pub files: Vec<PathBuf>,
    /// The deck's name: its directory in <data-dir>/decks/ and its topic id, in kebab case
    #[arg(long, value_name = "NAME")]
    pub deck: String,
    /// One topic per file (DECK-FILE) instead of one for the whole deck
    #[arg(long)]
    pub topic_per_file: bool,
    /// Read and check the files and print what would be imported; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Print JSON: the questions and the problems
    #[arg(long)]
    pub json: bool,
}

/// Which past exam `--report` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportOf {
    Last,
    /// Counted from 1, the oldest.
    Nth(usize),
}

fn report_of(s: &str) -> Result<ReportOf, String> {
    if s == "last" {
        return Ok(ReportOf::Last);
    }
    at_least_one::<usize>(s)
        .map(ReportOf::Nth)
        .map_err(|_| "expected `last` or the exam's number, 1 for the oldest".to_string())
}

/// A preset's name, or a usage error naming the closest and listing them all.
fn preset_name(s: &str) -> Result<String, String> {
    presets::parse(s).map(|p| p.name.to_string())
}

/// The longest exam `--minutes` allows: a day (a longer time is no drill).
const MAX_MINUTES: f64 = 24.0 * 60.0;

/// A time in minutes, decimals allowed: more than 0 and at most a day.
fn positive_minutes(s: &str) -> Result<f64, String> {
    let m: f64 = s.parse().map_err(|_| "expected a number of minutes, like 90 or 0.5".to_string())?;
    if m > 0.0 && m <= MAX_MINUTES {
        Ok(m)
    } else {
        Err(format!("must be more than 0 and at most {MAX_MINUTES} (a day)"))
    }
}

/// `cost lambda|fargate|ec2`. Negative numbers are accepted by the parser so that the cost
/// engine can answer them with the limit they break, instead of clap reading `-1` as a flag.
#[derive(Debug, Subcommand)]
pub enum CostCommand {
    /// AWS Lambda: requests, GB-seconds and ephemeral storage
    Lambda(LambdaArgs),
    /// AWS Fargate: vCPU-hours, GB-hours and ephemeral storage
    Fargate(FargateArgs),
    /// Amazon EC2 on-demand instances
    Ec2(Ec2Args),
    /// Lambda, Fargate and EC2 for one workload as the requests grow, with the break-evens
    Compare(CompareArgs),
}

impl CostCommand {
    /// `--json` was given.
    pub fn json(&self) -> bool {
        match self {
            Self::Lambda(a) => a.json,
            Self::Fargate(a) => a.json,
            Self::Ec2(a) => a.json,
            Self::Compare(a) => a.json,
        }
    }
}

#[derive(Debug, Args)]
pub struct LambdaArgs {
    /// Memory per function, 128 to 10,240 MB
    #[arg(long, allow_negative_numbers = true, value_name = "N")]
    pub memory_mb: f64,
    /// Average duration of one invocation, at most 900,000 ms
    #[arg(long, allow_negative_numbers = true, value_name = "N")]
    pub duration_ms: f64,
    /// Invocations per month
    #[arg(long, allow_negative_numbers = true, value_name = "N")]
    pub invocations: f64,
    #[arg(long, value_enum, default_value_t = Arch::X86_64)]
    pub arch: Arch,
    /// Ephemeral storage (/tmp), 512 to 10,240 MB
    #[arg(long, allow_negative_numbers = true, value_name = "N", default_value_t = 512.0)]
    pub ephemeral_mb: f64,
    /// Leave out the monthly free tier
    #[arg(long)]
    pub no_free_tier: bool,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

impl From<&LambdaArgs> for LambdaUsage {
    fn from(a: &LambdaArgs) -> Self {
        Self {
            memory_mb: a.memory_mb,
            duration_ms: a.duration_ms,
            invocations: a.invocations,
            arch: a.arch,
            ephemeral_mb: a.ephemeral_mb,
            free_tier: !a.no_free_tier,
        }
    }
}

#[derive(Debug, Args)]
pub struct FargateArgs {
    /// vCPU per task (0.25, 0.5, 1, 2, 4, 8 or 16)
    #[arg(long, allow_negative_numbers = true, value_name = "X")]
    pub vcpu: f64,
    /// Memory per task in GB (must fit the vCPU)
    #[arg(long, allow_negative_numbers = true, value_name = "Y")]
    pub memory_gb: f64,
    /// Number of tasks
    #[arg(long, allow_negative_numbers = true, value_name = "N")]
    pub tasks: f64,
    /// Billed hours per task in the month
    #[arg(long, allow_negative_numbers = true, value_name = "H")]
    pub hours: f64,
    #[arg(long, value_enum, default_value_t = Arch::X86_64)]
    pub arch: Arch,
    /// Ephemeral storage per task, 20 to 200 GB
    #[arg(long, allow_negative_numbers = true, value_name = "N", default_value_t = 20.0)]
    pub ephemeral_gb: f64,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

impl From<&FargateArgs> for FargateUsage {
    fn from(a: &FargateArgs) -> Self {
        Self {
            vcpu: a.vcpu,
            memory_gb: a.memory_gb,
            tasks: a.tasks,
            hours: a.hours,
            arch: a.arch,
            ephemeral_gb: a.ephemeral_gb,
        }
    }
}

#[derive(Debug, Args)]
pub struct Ec2Args {
    /// Instance type, e.g. t3.micro
    #[arg(long, value_name = "T")]
    pub instance_type: String,
    /// Number of instances
    #[arg(long, allow_negative_numbers = true, value_name = "N", default_value_t = 1.0)]
    pub count: f64,
    /// Hours per instance in the month [default: 730, a whole month]
    #[arg(long, allow_negative_numbers = true, value_name = "H")]
    pub hours: Option<f64>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

/// `cost compare`: one workload (what each request needs) at request counts from `--from` to
/// `--to` a month.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Memory of the Lambda function, 128 to 10,240 MB (each request needs it wherever it runs)
    #[arg(long, allow_negative_numbers = true, value_name = "N")]
    pub memory_mb: f64,
    /// Average duration of one request, at most 900,000 ms
    #[arg(long, allow_negative_numbers = true, value_name = "N")]
    pub duration_ms: f64,
    /// The architecture of the function and the tasks (and preferred for the instances)
    #[arg(long, value_enum, default_value_t = Arch::X86_64)]
    pub arch: Arch,
    /// vCPU of each Fargate task [default: the cheapest size that holds one request]
    #[arg(long, allow_negative_numbers = true, value_name = "X", requires = "memory_gb")]
    pub vcpu: Option<f64>,
    /// Memory of each Fargate task in GB (must fit the vCPU)
    #[arg(long, allow_negative_numbers = true, value_name = "Y", requires = "vcpu")]
    pub memory_gb: Option<f64>,
    /// EC2 instance type [default: the cheapest that holds one request, of the architecture if one fits]
    #[arg(long, value_name = "T")]
    pub instance_type: Option<String>,
    /// The fewest requests a month in the table, at least 1
    #[arg(long, allow_negative_numbers = true, value_name = "N", default_value_t = DEFAULT_FROM)]
    pub from: f64,
    /// The most requests a month in the table, at most 10^12
    #[arg(long, allow_negative_numbers = true, value_name = "N", default_value_t = DEFAULT_TO)]
    pub to: f64,
    /// Leave out Lambda's monthly free tier
    #[arg(long)]
    pub no_free_tier: bool,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

impl CompareArgs {
    pub fn workload(&self) -> Workload {
        Workload { memory_mb: self.memory_mb, duration_ms: self.duration_ms, arch: self.arch }
    }

    /// The comparison's defaults, with the sizes and free-tier setting these flags give.
    pub fn assumptions(&self, prices: &PriceBook) -> Assumptions {
        Assumptions {
            lambda_free_tier: !self.no_free_tier,
            fargate_task: self.vcpu.zip(self.memory_gb),
            ec2_instance: self.instance_type.clone(),
            ..Assumptions::defaults(prices)
        }
    }
}

impl From<&Ec2Args> for Ec2Usage {
    fn from(a: &Ec2Args) -> Self {
        Self { instance_type: a.instance_type.clone(), count: a.count, hours: a.hours }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_flags_parse_anywhere() {
        let cli = Cli::try_parse_from([
            "cloudcram",
            "due",
            "--json",
            "--now",
            "2026-11-27T15:00:00Z",
            "--data-dir",
            "/tmp/x",
        ])
        .unwrap();
        assert_eq!(cli.global.now.unwrap().to_string(), "2026-11-27T15:00:00Z");
        assert!(matches!(cli.command, Some(Command::Due { json: true, all: false })));
        assert!(Cli::try_parse_from(["cloudcram", "--now", "tomorrow"]).is_err());
    }

    #[test]
    fn quiz_takes_several_topics() {
        let cli =
            Cli::try_parse_from(["cloudcram", "quiz", "--topic", "lambda", "--topic", "ecs", "--count", "5"]).unwrap();
        let Some(Command::Quiz(q)) = cli.command else { panic!("not a quiz") };
        assert_eq!(q.topics, ["lambda", "ecs"]);
        assert_eq!(q.count, Some(5));
    }

    #[test]
    fn a_count_or_time_of_zero_is_a_usage_error() {
        for (args, value, why) in [
            (&["quiz", "--count", "0"][..], "0", "must be at least 1"),
            (&["exam", "--count", "0"], "0", "must be at least 1"),
            (&["exam", "--minutes", "0"], "0", "must be more than 0"),
            (&["exam", "--minutes=-1"], "-1", "must be more than 0"),
            (&["exam", "--minutes", "1441"], "1441", "at most 1440 (a day)"),
            (&["exam", "--minutes", "NaN"], "NaN", "must be more than 0"),
        ] {
            let err = Cli::try_parse_from(["cloudcram"].iter().chain(args)).unwrap_err();
            assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation, "{args:?}");
            assert_eq!(err.exit_code(), 2);
            assert!(err.to_string().contains(&format!("invalid value '{value}'")), "{err}");
            assert!(err.to_string().contains(why), "{args:?}: {err}");
        }
        assert!(Cli::try_parse_from(["cloudcram", "quiz", "--count", "-1"]).is_err());
        assert!(Cli::try_parse_from(["cloudcram", "quiz", "--count", "two"]).is_err());
        assert!(Cli::try_parse_from(["cloudcram", "exam", "--minutes", "soon"]).is_err());
    }

    fn exam(args: &[&str]) -> ExamArgs {
        let cli = Cli::try_parse_from(["cloudcram", "exam"].iter().chain(args)).unwrap();
        let Some(Command::Exam(e)) = cli.command else { panic!("not exam") };
        e
    }

    #[test]
    fn exam_flags_become_the_exams_spec() {
        let now: jiff::Timestamp = "2026-11-27T15:00:00Z".parse().unwrap();
        let e = exam(&["--topic", "lambda", "--count", "5", "--minutes", "0.1", "--seed", "42", "--kinds", "all"]);
        let spec = e.spec(now);
        assert_eq!(spec.topics, ["lambda"]);
        assert_eq!(
            (spec.count, spec.time, spec.kinds, spec.seed),
            (5, jiff::SignedDuration::from_secs(6), Kinds::All, 42)
        );
        let spec = exam(&[]).spec(now);
        assert_eq!((spec.count, spec.time, spec.kinds), (65, jiff::SignedDuration::from_mins(90), Kinds::Exam));
        assert_eq!(spec.seed, exam(&[]).spec(now).seed, "the seed follows the clock, so --now repeats a draw");
        assert_ne!(spec.seed, exam(&[]).spec(now + jiff::SignedDuration::from_secs(1)).seed);
        assert!(exam(&["--resume"]).resume);
        assert!(Cli::try_parse_from(["cloudcram", "exam", "--kinds", "some"]).is_err());
    }

    #[test]
    fn exam_report_takes_last_or_a_number() {
        assert_eq!(exam(&["--report"]).report, Some(ReportOf::Last));
        assert_eq!(exam(&["--report", "last"]).report, Some(ReportOf::Last));
        assert_eq!(exam(&["--report", "3", "--json"]).report, Some(ReportOf::Nth(3)));
        let e = exam(&["--report", "--json"]);
        assert_eq!((e.report, e.json), (Some(ReportOf::Last), true), "--json is not taken for the value");
        for bad in [
            &["--report", "0"][..],
            &["--report", "first"],
            &["--json"],
            &["--resume", "--count", "3"],
            &["--report", "--topic", "lambda"],
        ] {
            let err = Cli::try_parse_from(["cloudcram", "exam"].iter().chain(bad)).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{bad:?}");
        }
    }

    #[test]
    fn drill_takes_a_count_and_json_only_with_the_plan() {
        let drill = |args: &[&str]| match Cli::try_parse_from(["cloudcram", "drill"].iter().chain(args)) {
            Ok(Cli { command: Some(Command::Drill(d)), .. }) => Ok(d),
            Ok(other) => panic!("not drill: {other:?}"),
            Err(e) => Err(e),
        };
        let d = drill(&[]).unwrap();
        assert_eq!((d.count, d.plan, d.json), (None, false, false));
        let d = drill(&["--plan", "--json", "--count", "5"]).unwrap();
        assert_eq!((d.count, d.plan, d.json), (Some(5), true, true));
        for bad in [&["--json"][..], &["--count", "0"], &["--plan", "--topic", "lambda"]] {
            assert_eq!(drill(bad).unwrap_err().exit_code(), 2, "{bad:?}");
        }
    }

    #[test]
    fn commands_name_their_topics() {
        let topics = |args: &[&str]| {
            let cli = Cli::try_parse_from(["cloudcram"].iter().chain(args)).unwrap();
            cli.command.map(|c| c.topics().to_vec()).unwrap_or_default()
        };
        assert_eq!(topics(&["study", "lambd"]), ["lambd"]);
        assert!(topics(&["study"]).is_empty());
        assert_eq!(topics(&["quiz", "--topic", "ecs", "--topic", "lambd"]), ["ecs", "lambd"]);
        assert_eq!(topics(&["exam", "--topic", "batch"]), ["batch"]);
        assert_eq!(topics(&["export", "anki", "--topic", "ecs", "--topic", "lambd"]), ["ecs", "lambd"]);
        assert!(topics(&["review"]).is_empty());
    }

    #[test]
    fn export_merge_completions_and_man_parse() {
        let parse = |args: &[&str]| Cli::try_parse_from(["cloudcram"].iter().chain(args)).map(|c| c.command);
        let Ok(Some(Command::Export(ExportCommand::Anki(a)))) = parse(&["export", "anki", "--out", "a.txt"]) else {
            panic!("not export anki")
        };
        assert_eq!((a.out.as_deref(), a.topics.len()), (Some(std::path::Path::new("a.txt")), 0));
        let Ok(Some(Command::Progress(ProgressCommand::Merge { other }))) = parse(&["progress", "merge", "o.toml"])
        else {
            panic!("not progress merge")
        };
        assert_eq!(other, std::path::Path::new("o.toml"));
        assert!(matches!(
            parse(&["completions", "zsh"]),
            Ok(Some(Command::Completions { shell: clap_complete::Shell::Zsh }))
        ));
        assert!(matches!(parse(&["man"]), Ok(Some(Command::Man))));
        for bad in [&["export"][..], &["export", "csv"], &["progress", "merge"], &["completions"], &["man", "x"]] {
            assert_eq!(parse(bad).unwrap_err().exit_code(), 2, "{bad:?}");
        }
    }

    #[test]
    fn version_and_help_say_the_content_date_and_the_exit_codes() {
        let date = env!("CLOUDCRAM_CONTENT_AS_OF");
        assert!(date.len() == 10 && jiff::civil::Date::strptime("%Y-%m-%d", date).is_ok(), "{date}");
        assert!(Cli::command().render_version().contains(&format!("(built-in content as of {date})")));
        let help = Cli::command().render_help().to_string();
        assert!(help.contains("Exit status:\n  0  success\n  1  "), "{help}");
    }

    fn cost(args: &[&str]) -> CostCommand {
        let cli = Cli::try_parse_from(["cloudcram", "cost"].iter().chain(args)).unwrap();
        let Some(Command::Cost(cmd)) = cli.command else { panic!("not cost") };
        cmd
    }

    #[test]
    fn cost_flags_become_the_engines_usage() {
        let cmd = cost(&["lambda", "--memory-mb", "512", "--duration-ms", "1000", "--invocations", "3000000"]);
        let CostCommand::Lambda(a) = &cmd else { panic!("not lambda") };
        let u = LambdaUsage::from(a);
        assert_eq!((u.memory_mb, u.duration_ms, u.invocations, u.ephemeral_mb), (512.0, 1000.0, 3e6, 512.0));
        assert!(u.free_tier && u.arch == Arch::X86_64 && !cmd.json());
        let cmd = cost(&[
            "lambda",
            "--memory-mb=1024",
            "--duration-ms=200",
            "--invocations=-1",
            "--arch=arm64",
            "--ephemeral-mb=2048",
            "--no-free-tier",
            "--json",
        ]);
        let CostCommand::Lambda(a) = &cmd else { panic!("not lambda") };
        let u = LambdaUsage::from(a);
        assert_eq!((u.memory_mb, u.duration_ms, u.invocations, u.ephemeral_mb), (1024.0, 200.0, -1.0, 2048.0));
        assert!(!u.free_tier && u.arch == Arch::Arm64 && cmd.json());

        let cmd = cost(&["fargate", "--vcpu", "0.5", "--memory-gb", "1", "--tasks", "2", "--hours", "730", "--json"]);
        let CostCommand::Fargate(a) = &cmd else { panic!("not fargate") };
        let u = FargateUsage::from(a);
        assert_eq!((u.vcpu, u.memory_gb, u.tasks, u.hours, u.ephemeral_gb), (0.5, 1.0, 2.0, 730.0, 20.0));
        assert!(u.arch == Arch::X86_64 && cmd.json());

        let cmd = cost(&["ec2", "--instance-type", "t3.micro", "--count", "3", "--hours", "200"]);
        let CostCommand::Ec2(a) = &cmd else { panic!("not ec2") };
        let u = Ec2Usage::from(a);
        assert_eq!((u.instance_type.as_str(), u.count, u.hours), ("t3.micro", 3.0, Some(200.0)));
        let CostCommand::Ec2(a) = cost(&["ec2", "--instance-type", "m5.large"]) else { panic!("not ec2") };
        assert_eq!((Ec2Usage::from(&a).count, Ec2Usage::from(&a).hours), (1.0, None));
    }

    #[test]
    fn compare_flags_become_the_plans_workload_and_assumptions() {
        let prices = crate::content::load(None).unwrap().pricing;
        let CostCommand::Compare(a) = cost(&["compare", "--memory-mb", "512", "--duration-ms", "100"]) else {
            panic!("not compare")
        };
        assert_eq!(a.workload(), Workload { memory_mb: 512.0, duration_ms: 100.0, arch: Arch::X86_64 });
        assert_eq!(a.assumptions(&prices), Assumptions::defaults(&prices));
        assert_eq!((a.from, a.to, a.json), (DEFAULT_FROM, DEFAULT_TO, false));
        let cmd = cost(&[
            "compare",
            "--memory-mb=1024",
            "--duration-ms=20",
            "--arch=arm64",
            "--vcpu=1",
            "--memory-gb=2",
            "--instance-type=m5.large",
            "--from=1",
            "--to=1000",
            "--no-free-tier",
            "--json",
        ]);
        assert!(cmd.json());
        let CostCommand::Compare(a) = cmd else { panic!("not compare") };
        let assumptions = a.assumptions(&prices);
        assert_eq!(a.workload().arch, Arch::Arm64);
        assert_eq!(assumptions.fargate_task, Some((1.0, 2.0)));
        assert_eq!(assumptions.ec2_instance.as_deref(), Some("m5.large"));
        assert!(!assumptions.lambda_free_tier);
        assert_eq!((a.from, a.to), (1.0, 1000.0));
        for half in [&["--vcpu", "1"][..], &["--memory-gb", "2"]] {
            let args =
                [&["cloudcram", "cost", "compare", "--memory-mb", "512", "--duration-ms", "1"][..], half].concat();
            let err = Cli::try_parse_from(args).unwrap_err();
            assert_eq!(err.kind(), clap::error::ErrorKind::MissingRequiredArgument, "{half:?}");
        }
    }

    #[test]
    fn simulate_takes_a_preset_by_name() {
        let preset = |args: &[&str]| match Cli::try_parse_from(["cloudcram", "simulate"].iter().chain(args)) {
            Ok(Cli { command: Some(Command::Simulate { preset }), .. }) => Ok(preset),
            Ok(other) => panic!("not simulate: {other:?}"),
            Err(e) => Err(e),
        };
        assert_eq!(preset(&[]).unwrap(), None);
        assert_eq!(preset(&["--preset", "serverless-cron"]).unwrap().as_deref(), Some("serverless-cron"));
        let err = preset(&["--preset", "serverles-cron"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("unknown preset 'serverles-cron' (did you mean serverless-cron?)"), "{err}");
    }
}
