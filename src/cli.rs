//! The command line (clap derive): subcommands and global flags of INTERFACE.md.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::pricing::Arch;

#[derive(Debug, Parser)]
#[command(
    name = "cloudcram",
    version,
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
    /// A timed exam drill in the CLF-C02 format
    Exam {
        #[command(flatten)]
        quiz: QuizArgs,
        /// Time limit in minutes [default: in proportion to CLF-C02's 90 minutes for 65 questions]
        #[arg(long, value_name = "M")]
        minutes: Option<u32>,
    },
    /// The cost simulator: Lambda, Fargate and EC2 side by side
    Simulate,
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
    /// Check a content directory and report every problem as FILE:LINE:COL: message
    Validate {
        /// The directory to check [default: --content-dir, else the built-in content]
        dir: Option<PathBuf>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args, Clone, Default)]
pub struct QuizArgs {
    /// Only questions of this topic (repeat for several)
    #[arg(long = "topic", value_name = "T")]
    pub topics: Vec<String>,
    /// Number of questions
    #[arg(long, value_name = "N")]
    pub count: Option<usize>,
}

/// Negative numbers are accepted by the parser so that the cost engine can answer them with
/// the limit they break, instead of clap reading `-1` as a flag.
#[derive(Debug, Subcommand)]
pub enum CostCommand {
    /// AWS Lambda: requests, GB-seconds and ephemeral storage
    Lambda {
        /// Memory per function, 128 to 10,240 MB
        #[arg(long, allow_negative_numbers = true, value_name = "N")]
        memory_mb: f64,
        /// Average duration of one invocation, at most 900,000 ms
        #[arg(long, allow_negative_numbers = true, value_name = "N")]
        duration_ms: f64,
        /// Invocations per month
        #[arg(long, allow_negative_numbers = true, value_name = "N")]
        invocations: f64,
        #[arg(long, value_enum, default_value_t = Arch::X86_64)]
        arch: Arch,
        /// Ephemeral storage (/tmp), 512 to 10,240 MB
        #[arg(long, allow_negative_numbers = true, value_name = "N", default_value_t = 512.0)]
        ephemeral_mb: f64,
        /// Leave out the monthly free tier
        #[arg(long)]
        no_free_tier: bool,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// AWS Fargate: vCPU-hours, GB-hours and ephemeral storage
    Fargate {
        /// vCPU per task (0.25, 0.5, 1, 2, 4, 8 or 16)
        #[arg(long, allow_negative_numbers = true, value_name = "X")]
        vcpu: f64,
        /// Memory per task in GB (must fit the vCPU)
        #[arg(long, allow_negative_numbers = true, value_name = "Y")]
        memory_gb: f64,
        /// Number of tasks
        #[arg(long, allow_negative_numbers = true, value_name = "N")]
        tasks: f64,
        /// Billed hours per task in the month
        #[arg(long, allow_negative_numbers = true, value_name = "H")]
        hours: f64,
        #[arg(long, value_enum, default_value_t = Arch::X86_64)]
        arch: Arch,
        /// Ephemeral storage per task, 20 to 200 GB
        #[arg(long, allow_negative_numbers = true, value_name = "N", default_value_t = 20.0)]
        ephemeral_gb: f64,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Amazon EC2 on-demand instances
    Ec2 {
        /// Instance type, e.g. t3.micro
        #[arg(long, value_name = "T")]
        instance_type: String,
        /// Number of instances
        #[arg(long, allow_negative_numbers = true, value_name = "N", default_value_t = 1.0)]
        count: f64,
        /// Hours per instance in the month [default: 730, a whole month]
        #[arg(long, allow_negative_numbers = true, value_name = "H")]
        hours: Option<f64>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
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
}
