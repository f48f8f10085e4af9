//! What the benchmarks share: a small timer, and the inputs several of them measure (a review
//! log, a progress file of N reviews, a content directory of 10,000 questions).
//!
//! The timer replaces criterion, whose plotting and statistics stack was about a third of the
//! first `cargo test` build (criterion, rayon, plotters, ciborium, zerocopy: 90 s of CPU on the
//! 2-core reference machine) for numbers we read as medians anyway. It runs the function
//! until its time budget is spent, in batches of at least a millisecond so that a call of a
//! few nanoseconds is still timed by the clock's resolution, and prints the median per call
//! with the fastest and slowest batch.
//!
//! `cargo bench [--bench NAME] [-- FILTER...]` runs the benchmarks whose name contains a
//! filter. With `BENCH_TSV=FILE` each median is also appended to FILE as `name<TAB>seconds`,
//! which is how `scripts/bench` collects one run's numbers; `BENCH_BUDGET=SECONDS` changes
//! each benchmark's time budget (default 2).

// Each benchmark uses its own part of this module.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};

use cloudcram::progress::{Review, Store};
use cloudcram::srs::Rating;

/// The benchmarks of one run: which to run, and where to record them.
pub struct Bench {
    filters: Vec<String>,
    tsv: Option<PathBuf>,
    budget: Duration,
}

impl Bench {
    /// From the command line (`cargo bench` passes `--bench`, then the filters) and the
    /// environment.
    pub fn from_env() -> Self {
        let filters = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
        let tsv = std::env::var_os("BENCH_TSV").map(PathBuf::from);
        let budget = std::env::var("BENCH_BUDGET")
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .map_or(Duration::from_secs(2), Duration::from_secs_f64);
        Self { filters, tsv, budget }
    }

    /// Whether `name` is to run.
    pub fn wants(&self, name: &str) -> bool {
        self.filters.is_empty() || self.filters.iter().any(|f| name.contains(f.as_str()))
    }

    /// Whether any of `names` is to run (to skip preparing what none of them needs).
    pub fn wants_any(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.wants(n))
    }

    /// Times `f` within the default budget; `None` when filtered out.
    pub fn run<T>(&self, name: &str, f: impl FnMut() -> T) -> Option<Duration> {
        self.run_for(name, self.budget, f)
    }

    /// Times `f` within `budget` (at least three calls however long they take), prints the
    /// median per call and records it.
    pub fn run_for<T>(&self, name: &str, budget: Duration, mut f: impl FnMut() -> T) -> Option<Duration> {
        if !self.wants(name) {
            return None;
        }
        // The first call warms caches and tells how long a call takes.
        let first = time(&mut f, 1);
        let batch = if first >= Duration::from_millis(1) {
            1
        } else {
            let estimate = time(&mut f, 10).max(Duration::from_nanos(10)) / 10;
            (Duration::from_millis(1).as_nanos() / estimate.as_nanos()).max(1) as u32
        };
        let started = Instant::now();
        let mut samples = Vec::new();
        while samples.len() < 3 || (started.elapsed() < budget && samples.len() < 1000) {
            samples.push(time(&mut f, batch) / batch);
        }
        samples.sort();
        let median = samples[samples.len() / 2];
        println!(
            "{name:<58} {:>10}  (fastest {}, slowest {}, {} samples{})",
            show(median),
            show(samples[0]),
            show(samples[samples.len() - 1]),
            samples.len(),
            if batch > 1 { format!(" of {batch} calls") } else { String::new() }
        );
        self.record(name, median);
        Some(median)
    }

    /// Records a number measured some other way (a child process's own timing).
    pub fn record(&self, name: &str, value: Duration) {
        if let Some(path) = &self.tsv {
            let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path).expect("BENCH_TSV opens");
            writeln!(file, "{name}\t{:.9}", value.as_secs_f64()).expect("BENCH_TSV is written");
        }
    }
}

fn time<T>(f: &mut impl FnMut() -> T, calls: u32) -> Duration {
    let start = Instant::now();
    for _ in 0..calls {
        std::hint::black_box(f());
    }
    start.elapsed()
}

/// `12.3 µs`, `4.56 ms`, `1.23 s`
pub fn show(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.2} ms", s * 1e3)
    } else if s >= 1e-6 {
        format!("{:.2} µs", s * 1e6)
    } else {
        format!("{:.0} ns", s * 1e9)
    }
}

/// `cards` cards with `per_card` reviews each, spread over months, in time order (the order
/// a real file has). Ratings: 10% again, 10% hard, 70% good, 10% easy.
pub fn log(cards: usize, per_card: usize) -> (Vec<String>, Vec<(usize, Timestamp, Rating)>) {
    let ids: Vec<String> = (0..cards).map(|c| format!("topic-{}.card-{c}", c % 10)).collect();
    let start: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut out = Vec::with_capacity(cards * per_card);
    for (c, offset) in (0..cards).zip((0i64..).map(|c| c * 37 % 86_400 * 30)) {
        let mut at = start + SignedDuration::from_secs(offset);
        for k in 0..per_card {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let rating = match seed % 10 {
                0 => Rating::Again,
                1 => Rating::Hard,
                9 => Rating::Easy,
                _ => Rating::Good,
            };
            out.push((c, at, rating));
            at += SignedDuration::from_hours(1 << k.min(12));
        }
    }
    out.sort_by_key(|&(_, at, _)| at);
    (ids, out)
}

pub fn reviews<'a>(ids: &'a [String], log: &'a [(usize, Timestamp, Rating)]) -> impl Iterator<Item = Review<'a>> + 'a {
    log.iter().map(|&(c, at, rating)| Review { card: &ids[c], at, rating })
}

/// After every review of [`log`].
pub fn now() -> Timestamp {
    "2027-06-01T00:00:00Z".parse().unwrap()
}

/// A data directory whose progress.toml holds `n` reviews (ten per card), written through the
/// store as the app writes it; with `csv`, the same log as `card,unix seconds,rating` lines
/// beside it (what `scripts/fsrs_replay.py` reads).
pub fn progress_dir(n: usize, csv: bool) -> tempfile::TempDir {
    let (ids, log) = log(n / 10, 10);
    let dir = tempdir();
    {
        let mut store = Store::open(dir.path(), now()).unwrap();
        for r in reviews(&ids, &log) {
            store.record_review(r.card, r.rating, r.at);
        }
        assert_eq!(store.review_count(), n);
        store.save().unwrap();
    }
    if csv {
        let mut text = String::with_capacity(n * 32);
        for &(c, at, rating) in &log {
            let rating = match rating {
                Rating::Again => 1,
                Rating::Hard => 2,
                Rating::Good => 3,
                Rating::Easy => 4,
            };
            writeln!(text, "{},{},{rating}", ids[c], at.as_second()).unwrap();
        }
        std::fs::write(dir.path().join("log.csv"), text).unwrap();
    }
    dir
}

/// A content directory of exactly `questions` questions: the built-in content plus topics of
/// 500 plain single-choice questions each (one lesson apiece), which is how a large course
/// grows. Returns the directory and its total size in bytes.
pub fn content_dir(questions: usize) -> (tempfile::TempDir, u64) {
    let dir = tempdir();
    let source = cloudcram::content::ContentSource::embedded();
    let mut bytes = 0;
    let mut have = 0;
    for (key, file) in &source.files {
        let cloudcram::content::source::FileText::Text(text) = &file.text else { unreachable!("embedded text") };
        write(dir.path(), key, text);
        bytes += text.len() as u64;
        if key.starts_with("topics/") {
            have += text.matches("\n[[questions]]\n").count();
        }
    }
    let mut topic = 0;
    while have < questions {
        topic += 1;
        let count = (questions - have).min(500);
        let id = format!("bulk-{topic}");
        let mut text = format!(
            "id = \"{id}\"\ntitle = \"Bulk topic {topic}\"\nsummary = \"Generated questions for measuring validation.\"\n\
             order = {}\ntask = \"3.3\"\n\n[[lessons]]\nid = \"{id}.intro\"\ntitle = \"Bulk lesson {topic}\"\n\
             sources = [{{ title = \"AWS Fargate\", url = \"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html\" }}]\n\
             body = \"\"\"\nA lesson that the generated questions point at.\n\"\"\"\n",
            100 + topic
        );
        for q in 0..count {
            write!(
                text,
                "\n[[questions]]\nid = \"{id}.q{q}\"\nkind = \"single\"\nlesson = \"{id}.intro\"\ntask = \"3.3\"\n\
                 difficulty = \"medium\"\ntags = [\"bulk\"]\n\
                 prompt = \"Which of these AWS services runs containers without servers to manage ({q})?\"\n\
                 explanation = \"AWS Fargate runs ECS tasks and EKS pods without EC2 instances to manage.\"\n\
                 reference = \"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html\"\n\
                 options = [\n  {{ id = \"fargate\", text = \"AWS Fargate\", why = \"Right: serverless compute for containers.\" }},\n  \
                 {{ id = \"ec2\", text = \"Amazon EC2\", why = \"You manage the instances yourself.\" }},\n  \
                 {{ id = \"lightsail\", text = \"Amazon Lightsail\", why = \"Virtual servers at a fixed monthly price.\" }},\n]\n\
                 answer = \"fargate\"\n"
            )
            .unwrap();
        }
        have += count;
        bytes += text.len() as u64;
        write(dir.path(), &format!("topics/{id}.toml"), &text);
    }
    (dir, bytes)
}

/// A temporary directory under target/ (on the disk the project is on: /tmp may be a tmpfs,
/// where fsync costs nothing).
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap()
}

fn write(root: &Path, key: &str, text: &str) {
    let path = root.join(key);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}
