//! The progress file on disk: read-only loading, the locked writer and its saves (an answer
//! appended, anything else an atomic rewrite), the backups; and beside it the exam in
//! progress (`exam-in-progress.toml`), saved the same way.
//!
//! # Saving
//!
//! A save after an answer appends the new `[[review]]` / `[[practice]]` entries at the end of
//! the file and fsyncs it: O(1), whatever the length of the log. Everything else (undo,
//! settings, bury and suspend, lessons read, exams, a file migrated from an older schema or
//! repaired after a torn append) rewrites the whole file atomically: a temporary file in the
//! file's directory, fsync, the old file kept as `progress.toml.bak` (unless that would leave
//! a backup holding fewer answers), rename, fsync of the directory. The store knows which by
//! comparing what it holds with what the file holds (the entries on disk and a copy of the
//! rest), so no caller has to say.
//!
//! An append cut short by a crash or a power cut leaves part of one entry at the end; the
//! next load recognises it (`parse::torn_tail`), leaves it out with a warning, and the next
//! save rewrites the file. An append also checks first that the file is the length the store
//! left it: a file changed behind its back is rewritten, not appended to.
//!
//! # Links and special files
//!
//! A `progress.toml` that is a symbolic link is written through: the temporary file is made
//! in the directory of the file the link points to and renamed over that file, so the link
//! stays and its target gets the new content (a dotfile repository or a synced folder works).
//! A dangling link, a FIFO, a device or anything but a regular file is refused, as is a file
//! larger than [`MAX_FILE_BYTES`] (`fs.rs`).

use std::io;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::backup;
use super::doc::{ExamRecord, Progress};
use super::fs::{Fs, MAX_FILE_BYTES, RealFs, Refusal};
use super::lock::Lock;
use super::merge::Merged;
use super::migrate::CURRENT_SCHEMA;
use super::parse::{Failure, Loaded, parse_file};
use super::sheet::{self, SHEET_FILE};
use super::{Problem, ProgressError, Warning};
use crate::content::Course;
use crate::quiz::exam::{self, Sheet};

/// `<data-dir>/progress.toml`
pub const FILE_NAME: &str = "progress.toml";
/// The file as it was before the last full rewrite (kept unless it would hold fewer
/// answers than the backup it replaces).
pub const BACKUP_FILE: &str = "progress.toml.bak";
/// Held by the one writer.
pub const LOCK_FILE: &str = "progress.lock";
const TEMP_SUFFIX: &str = ".tmp";

/// The temporary name under which `file` is written, in its own directory: hidden, and known
/// at start-up (`.NAME.PID.tmp`).
fn temp_path(file: &Path) -> PathBuf {
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    file.with_file_name(format!(".{name}.{}{TEMP_SUFFIX}", std::process::id()))
}

/// Loads `<data_dir>/progress.toml` for reading only: no lock, nothing created, so it works
/// while a writer has the store open. A missing file is an empty log with default settings.
/// Warnings (an entry cut short at the end, fewer answers than the newest backup) are
/// dropped; [`load_with_warnings`] returns them.
pub fn load(data_dir: &Path) -> Result<Progress, ProgressError> {
    load_with_warnings(data_dir).map(|(p, _)| p)
}

/// [`load`], and what the learner should be told about the file: print these before going on.
pub fn load_with_warnings(data_dir: &Path) -> Result<(Progress, Vec<Warning>), ProgressError> {
    let path = data_dir.join(FILE_NAME);
    let Some(read) = read_progress(&RealFs, &path)? else { return Ok((Progress::default(), Vec::new())) };
    let mut warnings: Vec<Warning> = read.loaded.torn.iter().cloned().map(Warning::Torn).collect();
    warnings.extend(backup::check(&backup::list(&RealFs, data_dir), &path, read.answers()));
    Ok((read.loaded.progress, warnings))
}

/// A progress file read and parsed.
struct Read {
    loaded: Loaded,
    text: String,
}

impl Read {
    /// Reviews and practice answers: what backups are compared by.
    fn answers(&self) -> usize {
        answers(&self.loaded.progress)
    }
}

fn answers(p: &Progress) -> usize {
    p.review_count() + p.practice().len()
}

/// Reads and parses the file; `None` when it does not exist.
fn read_progress(fs: &dyn Fs, path: &Path) -> Result<Option<Read>, ProgressError> {
    read_progress_as(fs, path, invalid)
}

/// [`read_progress`], a damaged file reported with `refuse`'s advice.
fn read_progress_as(fs: &dyn Fs, path: &Path, refuse: Refuse) -> Result<Option<Read>, ProgressError> {
    let Some(text) = read_text(fs, path, "a progress file", refuse)? else { return Ok(None) };
    match parse_file(&text, &shown(path)) {
        Ok(mut loaded) => {
            loaded.progress.start_session();
            Ok(Some(Read { loaded, text }))
        }
        Err(failure) => Err(refused(path, failure, refuse)),
    }
}

/// Reads another copy of a progress file, to merge it ([`Store::merge`]): read as loading
/// reads progress.toml (only a regular file, UTF-8, every rule checked, an entry cut short at
/// its end left out with a warning), but a file that is not there is an error, and a damaged
/// one is refused with advice about merging.
pub fn load_other(path: &Path) -> Result<(Progress, Vec<Warning>), ProgressError> {
    match read_progress_as(&RealFs, path, invalid_other)? {
        Some(read) => Ok((read.loaded.progress, read.loaded.torn.into_iter().map(Warning::Torn).collect())),
        None => Err(ProgressError::Read { path: path.to_path_buf(), source: io::ErrorKind::NotFound.into() }),
    }
}

/// A damaged file given to merge: nothing was merged.
fn invalid_other(path: &Path, problems: Vec<Problem>, newer: Option<u32>) -> ProgressError {
    let advice = match newer {
        Some(schema) => format!(
            "{} was written by a newer cloudcram (schema {schema}); nothing was merged. Merge it with that newer \
             version.",
            shown(path)
        ),
        None => format!(
            "Nothing was merged, and your progress was not touched. Fix the line{} above in {} with a text editor, \
             or merge another copy of it (its progress.toml.bak, or a daily copy in its backups/).",
            if problems.len() == 1 { "" } else { "s" },
            shown(path)
        ),
    };
    ProgressError::Invalid { path: path.to_path_buf(), problems, advice }
}

/// Reads and parses the exam in progress, if there is one.
fn read_sheet(fs: &dyn Fs, path: &Path) -> Result<Option<Sheet>, ProgressError> {
    let Some(text) = read_text(fs, path, "an exam in progress", invalid_sheet)? else { return Ok(None) };
    sheet::parse(&text, &shown(path)).map(Some).map_err(|failure| refused(path, failure, invalid_sheet))
}

/// A path as problems name it: control characters escaped.
fn shown(path: &Path) -> String {
    crate::fmt::escape_controls(&path.display().to_string()).into_owned()
}

/// How a refused file is reported: its path, the problems, and the newer schema if that is
/// why.
type Refuse = fn(&Path, Vec<Problem>, Option<u32>) -> ProgressError;

/// A file's text; `None` when it does not exist. Bytes that are not UTF-8 are refused at
/// their place, as `what` damaged; a file that is not a regular file, a dangling link and a
/// file over [`MAX_FILE_BYTES`] are refused without being read.
fn read_text(fs: &dyn Fs, path: &Path, what: &str, refuse: Refuse) -> Result<Option<String>, ProgressError> {
    let bytes = match fs.read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(match Refusal::of(&source) {
                Some(refusal) => ProgressError::Refused { path: path.to_path_buf(), refusal: refusal.clone() },
                None => ProgressError::Read { path: path.to_path_buf(), source },
            });
        }
    };
    debug_assert!(bytes.len() as u64 <= MAX_FILE_BYTES);
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            let message = format!("this is not UTF-8 text: the file is damaged, or is not {what}");
            Err(refuse(path, vec![Problem { file: shown(path), line, column, message }], None))
        }
    }
}

fn refused(path: &Path, failure: Failure, refuse: Refuse) -> ProgressError {
    match failure {
        Failure::Problems(problems) => refuse(path, problems, None),
        Failure::Newer(problem, schema) => refuse(path, vec![problem], Some(schema)),
    }
}

fn newer_advice(path: &Path, schema: u32) -> String {
    format!(
        "{} was written by a newer cloudcram (schema {schema}) and was left as it is. Run that newer version, or \
         use another --data-dir with this one.",
        shown(path)
    )
}

fn invalid_sheet(path: &Path, problems: Vec<Problem>, newer: Option<u32>) -> ProgressError {
    let advice = newer.map_or_else(
        || {
            format!(
                "cloudcram left {} as it is: it holds an unfinished exam. Fix the line{} above in a text editor, or \
                 move the file away to give that exam up.",
                shown(path),
                if problems.len() == 1 { "" } else { "s" }
            )
        },
        |schema| newer_advice(path, schema),
    );
    ProgressError::Invalid { path: path.to_path_buf(), problems, advice }
}

fn invalid(path: &Path, problems: Vec<Problem>, newer: Option<u32>) -> ProgressError {
    let shown_path = shown(path);
    let advice = if let Some(schema) = newer {
        newer_advice(path, schema)
    } else {
        let backup = path.with_file_name(BACKUP_FILE);
        let dated = backup::list(&RealFs, path.parent().unwrap_or(Path::new(".")));
        let restore = if backup.exists() {
            format!(", or put back the last good copy (`cp {} {shown_path}`)", shown(&backup))
        } else if let Some(newest) = dated.first() {
            format!(", or put back the backup of {} (`cp {} {shown_path}`)", newest.day, shown(&newest.path))
        } else {
            String::new()
        };
        format!(
            "cloudcram left {shown_path} as it is. Fix the line{} above in a text editor{restore}, or move the file \
             away to start afresh.",
            if problems.len() == 1 { "" } else { "s" }
        )
    };
    ProgressError::Invalid { path: path.to_path_buf(), problems, advice }
}

/// What progress.toml holds, as far as the store knows: enough to tell whether a save can
/// append the new entries.
#[derive(Debug)]
struct OnDisk {
    /// Its length in bytes.
    len: u64,
    /// The first this many reviews and practice answers of the log are in the file.
    reviews: usize,
    practice: usize,
    /// Everything else, as in the file.
    rest: Rest,
}

/// The parts of the progress that an append cannot change.
#[derive(Debug, PartialEq)]
struct Rest {
    given: super::settings::GivenSettings,
    suspended: std::collections::BTreeSet<String>,
    buried: std::collections::BTreeMap<String, Timestamp>,
    read: std::collections::BTreeMap<String, Timestamp>,
    exams: Vec<ExamRecord>,
}

impl Rest {
    fn of(p: &Progress) -> Rest {
        Rest {
            given: p.given,
            suspended: p.suspended.clone(),
            buried: p.buried.clone(),
            read: p.read.clone(),
            exams: p.exams.clone(),
        }
    }

    fn same_as(&self, p: &Progress) -> bool {
        self.given == p.given
            && self.suspended == p.suspended
            && self.buried == p.buried
            && self.read == p.read
            && self.exams == p.exams
    }
}

/// What [`Store::merge`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeOutcome {
    pub merged: Merged,
    /// Where the file as it was before the merge is kept, when it was kept.
    pub backup: Option<PathBuf>,
}

/// The progress store opened for writing: the only one on its data directory while it lives.
/// Derefs to [`Progress`] for everything that is not I/O.
pub struct Store {
    progress: Progress,
    dir: PathBuf,
    /// `<data-dir>/progress.toml`
    path: PathBuf,
    /// Where progress.toml's bytes are: `path`, or the file it links to.
    target: PathBuf,
    fs: Box<dyn Fs>,
    /// Whether progress.toml exists (then a rewrite first keeps it as the backup).
    has_file: bool,
    /// What the file holds, when a save may append to it; `None` when the next save must
    /// rewrite it (no file yet, a torn end, an older schema, a failed append).
    disk: Option<OnDisk>,
    /// Reviews and practice answers in the file as it is on disk.
    disk_answers: usize,
    /// Reviews and practice answers in progress.toml.bak, once looked at.
    bak_answers: Option<usize>,
    warnings: Vec<Warning>,
    /// The exam in progress, as last saved.
    sheet: Option<Sheet>,
    _lock: Lock,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("reviews", &self.progress.review_count())
            .finish_non_exhaustive()
    }
}

impl Deref for Store {
    type Target = Progress;
    fn deref(&self) -> &Progress {
        &self.progress
    }
}

impl DerefMut for Store {
    fn deref_mut(&mut self) -> &mut Progress {
        &mut self.progress
    }
}

impl Store {
    /// Opens `data_dir` for writing at `now`: creates it if need be, takes the lock, removes
    /// temporary files a killed save left behind, loads progress.toml (a missing file is a
    /// fresh start), keeps today's backup of it, loads the exam in progress if there is one,
    /// and forgets buries that have ended. A damaged exam file stops it like a damaged
    /// progress file: it is never overwritten. An exam file whose exam progress.toml already
    /// holds (a finish cut short between its two steps) is removed. What the learner should
    /// be told is in [`Store::warnings`].
    pub fn open(data_dir: &Path, now: Timestamp) -> Result<Store, ProgressError> {
        Self::open_with_fs(data_dir, now, Box::new(RealFs))
    }

    /// [`Store::open`] with the file operations of saving going through `fs` (tests inject
    /// failures here). The lock always uses the real file system.
    pub fn open_with_fs(data_dir: &Path, now: Timestamp, fs: Box<dyn Fs>) -> Result<Store, ProgressError> {
        std::fs::create_dir_all(data_dir)
            .map_err(|source| ProgressError::CreateDir { path: data_dir.to_path_buf(), source })?;
        let lock = Lock::acquire(data_dir, &data_dir.join(LOCK_FILE))?;
        remove_stale_temp_files(&*fs, data_dir, &[FILE_NAME, BACKUP_FILE, SHEET_FILE]);
        backup::remove_stale_temp_files(&*fs, data_dir);
        let path = data_dir.join(FILE_NAME);
        let read = read_progress(&*fs, &path)?;
        let target = link_target(&path)?;
        if target != path
            && let (Some(dir), Some(name)) = (target.parent(), target.file_name())
        {
            remove_stale_temp_files(&*fs, dir, &[&name.to_string_lossy()]);
        }
        let mut warnings = Vec::new();
        let (mut progress, has_file, disk, disk_answers) = match read {
            None => (Progress::default(), false, None, 0),
            Some(read) => {
                let answers = read.answers();
                warnings.extend(read.loaded.torn.iter().cloned().map(Warning::Torn));
                let backups = backup::list(&*fs, data_dir);
                match backup::check(&backups, &path, answers) {
                    Some(fewer) => warnings.push(fewer),
                    None => {
                        if let Err(e) =
                            backup::keep(&*fs, data_dir, &backups, backup::utc_day(now), &read.text, answers)
                        {
                            let dir = data_dir.join(backup::BACKUP_DIR);
                            warnings.push(Warning::Backup { dir, error: e.to_string() });
                        }
                    }
                }
                let Read { loaded, text } = read;
                let progress = loaded.progress;
                let appendable = loaded.torn.is_none() && progress.loaded_schema() == CURRENT_SCHEMA;
                let disk = appendable.then(|| OnDisk {
                    len: text.len() as u64,
                    reviews: progress.review_count(),
                    practice: progress.practice().len(),
                    rest: Rest::of(&progress),
                });
                (progress, true, disk, answers)
            }
        };
        progress.log_floor = progress.review_count();
        progress.drop_ended_buries(now);
        let sheet_path = data_dir.join(SHEET_FILE);
        let mut sheet = read_sheet(&*fs, &sheet_path)?;
        if sheet.as_ref().is_some_and(|s| recorded(&progress, s)) {
            sheet = None;
            // What finish_exam did not get to; should it fail again, the next start retries.
            let _ = fs.remove_file(&sheet_path);
        }
        Ok(Store {
            progress,
            dir: data_dir.to_path_buf(),
            path,
            target,
            fs,
            has_file,
            disk,
            disk_answers,
            bak_answers: None,
            warnings,
            sheet,
            _lock: lock,
        })
    }

    /// `<data-dir>/progress.toml`
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn data_dir(&self) -> &Path {
        &self.dir
    }

    /// What opening found that the learner should be told (an entry cut short at the end of
    /// the file, fewer answers than the newest backup, a backup that could not be written):
    /// shown before the app starts.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Writes the progress to disk. New reviews and practice answers, and nothing else, are
    /// appended to the file and fsynced; any other change rewrites the file atomically: a
    /// temporary file, fsynced; the current file kept as progress.toml.bak; the temporary
    /// file renamed over progress.toml; the directory fsynced. If any step fails,
    /// progress.toml holds what it held before, or that and the new entries (the last perhaps
    /// cut short, which the next load leaves out), or the new file; never a mix. The error
    /// says what failed, and the next save rewrites the file. Saving with nothing changed
    /// writes nothing.
    pub fn save(&mut self) -> Result<(), ProgressError> {
        if let Some(bytes) = self.appended() {
            if bytes.is_empty() {
                return Ok(());
            }
            let expected = self.disk.as_ref().map_or(0, |d| d.len);
            match self.fs.append_synced(&self.path, expected, bytes.as_bytes()) {
                Ok(true) => {
                    self.saved(bytes.len() as u64, true);
                    return Ok(());
                }
                // Changed or deleted behind our back: write it whole.
                Ok(false) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(source) => {
                    self.disk = None;
                    return Err(ProgressError::Save { path: self.path.clone(), source });
                }
            }
        }
        self.rewrite()
    }

    /// The text to append for what changed since the file was last written, if appending is
    /// all it takes: only reviews and practice answers were added.
    fn appended(&self) -> Option<String> {
        let disk = self.disk.as_ref()?;
        let p = &self.progress;
        let only_added = p.log_floor >= disk.reviews
            && p.review_count() >= disk.reviews
            && p.practice().len() >= disk.practice
            && disk.rest.same_as(p);
        only_added.then(|| p.entries_from(disk.reviews, disk.practice))
    }

    /// Writes the whole file, atomically.
    fn rewrite(&mut self) -> Result<(), ProgressError> {
        let text = self.progress.to_toml();
        let backup = self.has_file && self.backup_may_be_replaced();
        let bak = self.dir.join(BACKUP_FILE);
        let target = self.target.clone();
        if let Err(source) = self.replace_file(&target, text.as_bytes(), backup.then_some(bak.as_path())) {
            // Which steps happened is not known: look at the file again before appending to
            // it, and at the backup before replacing it.
            (self.disk, self.bak_answers) = (None, None);
            return Err(ProgressError::Save { path: self.path.clone(), source });
        }
        if backup {
            self.bak_answers = Some(self.disk_answers);
        }
        self.saved(text.len() as u64, false);
        Ok(())
    }

    /// Whether progress.toml.bak may become the current file: not when the current file
    /// holds fewer answers than it (the backup would lose them).
    fn backup_may_be_replaced(&mut self) -> bool {
        let bak = self.dir.join(BACKUP_FILE);
        let held = *self
            .bak_answers
            .get_or_insert_with(|| self.fs.read(&bak).map_or(0, |bytes| backup::count_answers(&bytes)));
        self.disk_answers >= held
    }

    /// The file now holds the progress as it is: `len` bytes more (appended) or in all.
    fn saved(&mut self, len: u64, appended: bool) {
        let p = &mut self.progress;
        p.log_floor = p.review_count();
        let len = if appended { self.disk.as_ref().map_or(0, |d| d.len) + len } else { len };
        let rest = match self.disk.take() {
            Some(disk) if appended => disk.rest,
            _ => Rest::of(p),
        };
        self.disk = Some(OnDisk { len, reviews: p.review_count(), practice: p.practice().len(), rest });
        self.disk_answers = answers(p);
        self.has_file = true;
    }

    /// Merges `other` into this progress ([`Progress::merge`]) at `now` and, when that adds
    /// anything, saves the result by rewriting the whole file (never by an append), so the
    /// file as it was before is kept as progress.toml.bak, unless that backup holds more
    /// answers (it is never replaced by a copy that holds fewer). Nothing added, nothing
    /// written. On a failed save the error says what failed and the file is as it was, or the
    /// merged file.
    pub fn merge(&mut self, other: &Progress, now: Timestamp) -> Result<MergeOutcome, ProgressError> {
        let merged = self.progress.merge(other, now);
        if merged.is_empty() {
            return Ok(MergeOutcome { merged, backup: None });
        }
        let backup = (self.has_file && self.backup_may_be_replaced()).then(|| self.dir.join(BACKUP_FILE));
        self.disk = None;
        self.rewrite()?;
        Ok(MergeOutcome { merged, backup })
    }

    /// The exam in progress as last saved (or found at [`Store::open`]), if any.
    pub fn sheet(&self) -> Option<&Sheet> {
        self.sheet.as_ref()
    }

    /// `<data-dir>/exam-in-progress.toml`
    pub fn sheet_path(&self) -> PathBuf {
        self.dir.join(SHEET_FILE)
    }

    /// Writes the exam in progress to disk, atomically as [`Store::save`] rewrites
    /// progress.toml (without a backup): after a failure at any step the file is the sheet
    /// saved before or this one, never a mix. Call it after every answer and flag.
    pub fn save_sheet(&mut self, sheet: &Sheet) -> Result<(), ProgressError> {
        let text = sheet::to_toml(sheet);
        self.replace_file(&self.sheet_path(), text.as_bytes(), None)
            .map_err(|source| ProgressError::Save { path: self.sheet_path(), source })?;
        self.sheet = Some(sheet.clone());
        Ok(())
    }

    /// Gives up the exam in progress: its file is removed (and the directory fsynced). No
    /// file is no error.
    pub fn discard_sheet(&mut self) -> Result<(), ProgressError> {
        let path = self.sheet_path();
        let removed = match self.fs.remove_file(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        };
        let result = removed.and_then(|()| {
            self.sheet = None;
            self.fs.sync_dir(&self.dir)
        });
        result.map_err(|source| ProgressError::Remove { path, source })
    }

    /// Ends an exam: `sheet` becomes an [`ExamRecord`] ended at `at`
    /// ([`crate::quiz::exam::record`]), progress.toml is saved with it, and then the exam in
    /// progress is removed. If the save fails nothing is recorded (the exam in progress
    /// stays, to finish again); if only the removal fails, the next [`Store::open`] sees the
    /// exam recorded and removes the file then, so an exam is never counted twice.
    pub fn finish_exam(&mut self, course: &Course, sheet: &Sheet, at: Timestamp) -> Result<ExamRecord, ProgressError> {
        let record = exam::record(course, sheet, at);
        self.progress.record_exam(record.clone());
        if let Err(e) = self.save() {
            self.progress.exams.pop();
            return Err(e);
        }
        if self.discard_sheet().is_err() {
            self.sheet = None;
        }
        Ok(record)
    }

    /// Puts `bytes` in the file `path`: a temporary file in its directory, fsynced; with
    /// `backup`, the current file kept under that name; the temporary file renamed over the
    /// file; the directories fsynced. A failure removes the temporary files.
    fn replace_file(&mut self, path: &Path, bytes: &[u8], backup: Option<&Path>) -> io::Result<()> {
        let tmp = temp_path(path);
        let bak_tmp = backup.map(temp_path);
        let result = self.replace_steps(path, bytes, &tmp, backup.zip(bak_tmp.as_deref()));
        if result.is_err() {
            let _ = self.fs.remove_file(&tmp);
            if let Some(bak_tmp) = &bak_tmp {
                let _ = self.fs.remove_file(bak_tmp);
            }
        }
        result
    }

    fn replace_steps(
        &mut self,
        path: &Path,
        bytes: &[u8],
        tmp: &Path,
        backup: Option<(&Path, &Path)>,
    ) -> io::Result<()> {
        // Left over from an earlier failed save of this process, if any.
        let _ = self.fs.remove_file(tmp);
        self.fs.write_new_synced(tmp, bytes)?;
        if let Some((backup, bak_tmp)) = backup {
            let _ = self.fs.remove_file(bak_tmp);
            let backed_up = match self.fs.hard_link(path, bak_tmp) {
                Ok(()) => true,
                // No hard links here (some file systems, or the target of a link on another
                // one): copy instead. A file deleted behind our back leaves nothing to keep.
                Err(_) => match self.fs.read(path) {
                    Ok(old) => self.fs.write_new_synced(bak_tmp, &old).map(|()| true)?,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => false,
                    Err(e) => return Err(e),
                },
            };
            if backed_up {
                self.fs.rename(bak_tmp, backup)?;
            }
        }
        self.fs.rename(tmp, path)?;
        let dir = parent(path);
        self.fs.sync_dir(dir)?;
        match backup {
            Some((backup, _)) if parent(backup) != dir => self.fs.sync_dir(parent(backup)),
            _ => Ok(()),
        }
    }
}

fn parent(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new("."))
}

/// The file progress.toml's bytes live in: `path` itself, or, when it is a symbolic link,
/// the file the link leads to (saves write through the link).
fn link_target(path: &Path) -> Result<PathBuf, ProgressError> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|source| ProgressError::Read { path: path.to_path_buf(), source })
        }
        _ => Ok(path.to_path_buf()),
    }
}

/// Whether progress already holds the exam `sheet` is of: an exam ended after the sheet began,
/// with its questions in its order.
fn recorded(progress: &Progress, sheet: &Sheet) -> bool {
    progress.exams().iter().any(|e| {
        e.at >= sheet.started
            && e.answers.len() == sheet.questions.len()
            && e.answers.iter().zip(&sheet.questions).all(|(a, id)| a.question == *id)
    })
}

/// Removes `.NAME.*.tmp` files in `dir` for each of `names`: what a save killed part-way
/// leaves. Only the lock holder calls this, so no save is in progress. Failures only leave
/// litter behind.
fn remove_stale_temp_files(fs: &dyn Fs, dir: &Path, names: &[&str]) {
    let Ok(found) = fs.list_dir(dir) else { return };
    for name in found {
        let name = name.to_string_lossy();
        let ours = names.iter().any(|file| name.strip_prefix('.').is_some_and(|n| n.starts_with(&format!("{file}."))));
        if ours && name.ends_with(TEMP_SUFFIX) {
            let _ = fs.remove_file(&dir.join(&*name));
        }
    }
}
