//! The progress store: the learner's review log, study limits and exam results in
//! `<data-dir>/progress.toml`, and the card states derived from them.
//!
//! # The file
//!
//! Human-readable TOML (INTERFACE.md, "The progress file"). The review log is the source of
//! truth: each card's state is derived by replaying its reviews in time order through the
//! [`Scheduler`](crate::srs::Scheduler) built from the file's settings. Reviews of ids the
//! content no longer has are kept, written back untouched, and ignored. The file also keeps
//! suspended cards (`suspended = [...]`), buried cards (`[[buried]]`, until the next day),
//! lessons read (`[[read]]`), practice answers from quizzes, drills and lesson checks
//! (`[[practice]]`: kept, counted and used to order new cards, but they never move the
//! schedule) and exam results (`[[exam]]` with `[[exam.answer]]`; exam answers never move
//! the schedule either: an exam measures). A file that cannot be
//! read, does not parse, breaks a rule or has a newer `schema` is never overwritten: loading
//! it fails with [`ProgressError::Invalid`], one `FILE:LINE:COL: what is wrong` per problem
//! and what to do.
//!
//! Days (new cards and reviews per day, "due today", bury) are UTC calendar days: everything
//! inside cloudcram is UTC.
//!
//! # Two ways in
//!
//! - Read-only ([`load`], [`load_with_warnings`]): `cloudcram due`/`stats`. Takes no lock,
//!   creates nothing, and works while the TUI holds the lock: the writer appends whole entries
//!   or replaces the file by rename, so a reader sees the old file, the old file and new
//!   entries, or the new file (in the moment of an append, perhaps part of the last entry,
//!   which it leaves out with a warning).
//! - The writer ([`Store::open`]): the TUI. Creates the data directory, takes the exclusive
//!   lock on `<data-dir>/progress.lock` (a second writer fails with [`ProgressError::Locked`]
//!   naming the process that has it), removes temporary files a killed save left, loads, and
//!   keeps the day's backup (`backups/`, see `backup.rs`). [`Store::save`] appends new answers
//!   and fsyncs, or rewrites atomically: a temporary file beside the file, fsync, the old
//!   file kept as `progress.toml.bak`, rename, fsync of the directory (`store.rs` says when
//!   which).
//! - Untrusted files: only a regular file is read (a FIFO, a device, a dangling link are
//!   refused with [`ProgressError::Refused`]), at most [`MAX_FILE_BYTES`]; a symlinked
//!   progress.toml is written through to its target. Loading takes a fast path for the layout
//!   cloudcram writes (`fast.rs`) and the full TOML parser otherwise, for positions.
//!
//! # What the TUI calls
//!
//! [`Store`] derefs to [`Progress`], which does everything without I/O:
//!
//! ```no_run
//! use cloudcram::progress::{Store, default_data_dir};
//! use cloudcram::srs::Rating;
//! # fn demo(course: &cloudcram::content::Course, now: jiff::Timestamp) -> Result<(), Box<dyn std::error::Error>> {
//! let mut store = Store::open(&default_data_dir()?, now)?;   // lock + load (before raw mode)
//! let settings = store.settings();                          // desired retention, limits, fuzz
//!
//! let queue = store.queue(course, now);                     // due, new, then learning cards due soon
//! if let Some(item) = queue.session().next() {
//!     let id = &item.question.id;
//!     let buttons = store.preview(id, now);                 // what 1-4 would do: `interval`s
//!     store.record_review(id, Rating::Good, now);           // the same instant as the preview
//!     store.save()?;                                        // ...and save after every answer
//!     store.undo_last_review();                             // take it back
//!     store.save()?;
//! }
//! let per_topic = store.stats(course, now).topics;          // cards, seen, mastered, due today
//! # Ok(()) }
//! ```
//!
//! - **The same instant for preview and rating.** The fuzz is seeded by the card and the
//!   exact time of the review, so the rating buttons show what a rating saves only when
//!   [`Progress::preview`] and [`Progress::record_review`] get the same `now`: take it once
//!   when the card's answer is shown and use it for both.
//! - **The queue** ([`Queue`]): `due` (learning cards and, up to `reviews_per_day`, review
//!   cards), `new` (missed practice questions first, then in the `new_order`), `learn_ahead`
//!   (learning cards due within [`LEARN_AHEAD`], 20 minutes). [`Queue::session`] goes through
//!   all three in that order, Anki's: a session does not end while a short step is pending,
//!   but a card just rated Again is not shown again at once while others wait. It is cheap:
//!   rebuild it after each rating to bring back learning cards whose step has passed
//!   (`due` holds them), and when the session runs out; `next_due` says when the next card
//!   falls due. Rebuilding keeps the interleaving of topics (cards started today count).
//! - **Undo** ([`Progress::undo_last_review`]) goes back through every rating of the session
//!   and then one more, the last one from before it (the rating given just before quitting);
//!   [`Progress::last_undoable_review`] says which card that is.
//! - **Practice** ([`Progress::record_practice`] with a [`PracticeMode`]) after each answer
//!   in a quiz, drill or lesson check; **lessons read** ([`Progress::mark_read`],
//!   [`Progress::is_read`]) when a lesson is opened to its end, or however the screen decides.
//! - **The drill** ([`Progress::drill_plan`]): the questions a weak-spot drill asks, weakest
//!   first, each with its [`Reason`] in words ([`Reason::text`]) and a note when the plan is
//!   not all weak spots. Record each answer with [`PracticeMode::Drill`]. How the questions
//!   are weighed is in `drill.rs`.
//! - **Settings** ([`Progress::set_settings`], validated); [`Settings::INFO`] describes each
//!   one (name, range, default, explanation) for the settings screen.
//! - **Bury** ([`Progress::bury`]: until the next UTC day) and **suspend**
//!   ([`Progress::suspend`]) return whether they changed anything; only then is
//!   [`Progress::unbury`] / [`Progress::unsuspend`] their undo, and it leaves the progress
//!   exactly as it was.
//! - **Exams**: the exam in progress is its own file beside progress.toml,
//!   `exam-in-progress.toml` ([`SHEET_FILE`]; its layout is in `sheet.rs`), loaded by
//!   [`Store::open`] ([`Store::sheet`]). [`Store::save_sheet`] after every answer and flag
//!   (atomic, like `save`); [`Store::finish_exam`] at the end records the
//!   [`ExamRecord`] in progress.toml and then removes the exam file (a finish cut short
//!   between the two is completed at the next open: never counted twice, never lost);
//!   [`Store::discard_sheet`] gives an exam up. [`Progress::record_exam`] adds a record
//!   built elsewhere.
//! - **Merging** another copy of the file (a second machine's): [`load_other`] reads it,
//!   [`Store::merge`] adds what it holds that this one does not and saves (`merge.rs`).
//!
//! Every query takes `now`; the store never reads the clock.

mod analytics;
mod backup;
mod doc;
mod drill;
mod fast;
mod fs;
#[doc(hidden)]
pub mod fuzzing;
mod lock;
mod merge;
mod migrate;
mod parse;
mod query;
mod queue;
mod raw;
mod settings;
mod sheet;
mod store;
mod study;
#[cfg(test)]
mod testing;
mod write;

use std::path::{Path, PathBuf};

pub use crate::content::Problem;
pub use analytics::{
    Analytics, DueDay, HEATMAP_WEEKS, Mastery, Readiness, Retention, RetentionMonth, ReviewDay, TopicReadiness,
    utc_date,
};
pub use backup::{BACKUP_DIR, KEEP_DAYS, KEEP_WEEKS};
pub use doc::{ExamAnswer, ExamRecord, Progress, Review};
pub use drill::{DrillCard, DrillPick, DrillPlan, DrillReport, Reason};
pub use fs::{Fs, MAX_FILE_BYTES, RealFs, Refusal};
pub use merge::Merged;
pub use migrate::CURRENT_SCHEMA;
pub use query::{CardReport, DueReport, PracticeStats, Stats, StatsReport, TopicStats, day_start};
pub use queue::{LEARN_AHEAD, Queue, QueueItem};
pub use settings::{NewOrder, SettingInfo, Settings, SettingsError};
pub use sheet::SHEET_FILE;
pub use store::{BACKUP_FILE, FILE_NAME, LOCK_FILE, MergeOutcome, Store, load, load_other, load_with_warnings};
pub use study::{Practice, PracticeMode};

/// Everything that can go wrong with the progress store. Each message names the file and
/// says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    #[error("{}\n{advice}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid { path: PathBuf, problems: Vec<Problem>, advice: String },
    #[error("cannot read {}: {source}; check that the file is readable", shown(path))]
    Read { path: PathBuf, source: std::io::Error },
    /// Not a regular file, a dangling link, or too large: never read, never written.
    #[error("cannot read {}: {refusal}. {}", shown(path), refused_advice(path, refusal))]
    Refused { path: PathBuf, refusal: Refusal },
    #[error(
        "cannot save progress to {}: {source}. The file keeps what was saved before; free some space or fix the \
         directory's permissions, then answer again to retry",
        shown(path)
    )]
    Save { path: PathBuf, source: std::io::Error },
    #[error(
        "cannot remove {}: {source}; fix the directory's permissions, or remove the file yourself while cloudcram \
         is not running",
        shown(path)
    )]
    Remove { path: PathBuf, source: std::io::Error },
    #[error(
        "cannot create the data directory {}: {source}; create it yourself or choose another with --data-dir",
        shown(path)
    )]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("cannot lock {}: {source}; choose a data directory on a local disk with --data-dir", shown(path))]
    Lock { path: PathBuf, source: std::io::Error },
    #[error(
        "{} is in use by another cloudcram ({}). Close that one first, or give this one another --data-dir",
        shown(dir), pid.map_or_else(|| "its process id is not known yet".to_string(), |p| format!("process {p}"))
    )]
    Locked { dir: PathBuf, pid: Option<u32> },
    #[error("no data directory could be found for this user; give one with --data-dir or CLOUDCRAM_DATA_DIR")]
    NoDataDir,
}

/// Something found while loading that the learner should know, though the progress loaded:
/// commands print these on stderr before they start ([`load_with_warnings`],
/// [`Store::warnings`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Warning {
    /// An entry cut short at the end of the file (a save interrupted by a crash), left out;
    /// the next save writes the file again without it.
    #[error("{0}")]
    Torn(Problem),
    /// The file holds fewer reviews and practice answers than its newest daily backup.
    #[error(
        "{} holds {} but its backup of {day} holds {backup_answers}: answers may have been lost (a sync tool or a \
         copy may have put an older or cut-short file in its place). To get them back, quit cloudcram and copy the \
         backup over the file: cp '{}' '{}'. If you removed them yourself, delete the backups in {} that hold more \
         to stop this warning; until then no new daily backup is made.",
        shown(path), crate::fmt::plural(*answers, "review or practice answer"), shown(backup), shown(path),
        shown(&path.with_file_name(BACKUP_DIR))
    )]
    FewerThanBackup { path: PathBuf, answers: usize, backup: PathBuf, day: jiff::civil::Date, backup_answers: usize },
    /// Today's backup could not be written (the progress itself is not affected).
    #[error(
        "cannot write today's backup in {}: {error}; your progress is saved as usual, but free some space or fix \
         the directory's permissions so that backups are kept",
        shown(dir)
    )]
    Backup { dir: PathBuf, error: String },
}

impl Warning {
    /// The warning in one short line, for the app's status line (the whole message goes to
    /// stderr, where it is seen when the app ends).
    pub fn summary(&self) -> String {
        let what = match self {
            Warning::Torn(p) => format!("the last entry of progress.toml (line {}) was cut short and left out", p.line),
            Warning::FewerThanBackup { answers, backup_answers, day, .. } => {
                format!("progress.toml holds {answers} answers, its backup of {day} holds {backup_answers}")
            }
            Warning::Backup { .. } => "today's backup of progress.toml could not be written".to_string(),
        };
        format!("Warning: {what}; the whole message is shown when you quit")
    }
}

/// A path as messages show it: control characters escaped.
fn shown(path: &Path) -> String {
    crate::fmt::escape_controls(&path.display().to_string()).into_owned()
}

/// What to do about a file that was not read.
fn refused_advice(path: &Path, refusal: &Refusal) -> String {
    match refusal {
        Refusal::DanglingLink(target) => format!(
            "If your progress is there, make it reachable again (mount the disk it is on); to start a new file there, \
             write `schema = 1` into {}; or remove the link {} to start afresh here",
            shown(target),
            shown(path)
        ),
        Refusal::NotAFile(_) => format!(
            "cloudcram keeps progress only in a regular file: move {} away (a new file is started) or give another \
             --data-dir",
            shown(path)
        ),
        Refusal::TooLarge => format!(
            "A progress file of a million reviews is about 90 MB, so this is not one cloudcram wrote: move {} away, \
             or give another --data-dir",
            shown(path)
        ),
    }
}

/// Reads progress file text as loading does, without touching the disk: the fast path, then
/// the full parser with positions; an entry cut short at the end is left out with a
/// [`Warning::Torn`]. `file` names the file in problems. For benchmarks and fuzzing; the
/// app loads with [`load`] and [`Store::open`].
pub fn parse_text(text: &str, file: &str) -> Result<(Progress, Option<Warning>), Vec<Problem>> {
    match parse::parse_file(text, file) {
        Ok(loaded) => Ok((loaded.progress, loaded.torn.map(Warning::Torn))),
        Err(parse::Failure::Problems(problems)) => Err(problems),
        Err(parse::Failure::Newer(problem, _)) => Err(vec![problem]),
    }
}

/// The platform's data directory for cloudcram (`~/.local/share/cloudcram` on Linux), used
/// when neither `--data-dir` nor `CLOUDCRAM_DATA_DIR` is given. Not created here.
pub fn default_data_dir() -> Result<PathBuf, ProgressError> {
    directories::ProjectDirs::from("", "", "cloudcram")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or(ProgressError::NoDataDir)
}

/// `--data-dir` if given, else [`default_data_dir`].
pub fn data_dir(given: Option<&Path>) -> Result<PathBuf, ProgressError> {
    given.map_or_else(default_data_dir, |p| Ok(p.to_path_buf()))
}
