//! The progress file on disk: read-only loading, the locked writer and its atomic save; and
//! beside it the exam in progress (`exam-in-progress.toml`), saved the same way.

use std::io;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::doc::{ExamRecord, Progress};
use super::fs::{Fs, RealFs};
use super::lock::Lock;
use super::parse::{Failure, parse};
use super::sheet::{self, SHEET_FILE};
use super::{Problem, ProgressError};
use crate::content::Course;
use crate::quiz::exam::{self, Sheet};

/// `<data-dir>/progress.toml`
pub const FILE_NAME: &str = "progress.toml";
/// The previous good file, replaced at every save.
pub const BACKUP_FILE: &str = "progress.toml.bak";
/// Held by the one writer.
pub const LOCK_FILE: &str = "progress.lock";
/// Temporary files of a save are `.NAME.*.tmp` for the files here: hidden, and known at
/// start-up.
const TEMP_OF: [&str; 2] = [FILE_NAME, SHEET_FILE];
const TEMP_SUFFIX: &str = ".tmp";

/// The temporary name under which `file` (one of [`TEMP_OF`], or its backup) is written.
fn temp_path(dir: &Path, file: &str) -> PathBuf {
    dir.join(format!(".{file}.{}{TEMP_SUFFIX}", std::process::id()))
}

/// Loads `<data_dir>/progress.toml` for reading only: no lock, nothing created, so it works
/// while a writer has the store open. A missing file is an empty log with default settings.
pub fn load(data_dir: &Path) -> Result<Progress, ProgressError> {
    read_progress(&RealFs, &data_dir.join(FILE_NAME)).map(|(p, _)| p)
}

/// Reads and parses the file; the flag says whether it existed.
fn read_progress(fs: &dyn Fs, path: &Path) -> Result<(Progress, bool), ProgressError> {
    let Some(text) = read_text(fs, path, "a progress file", invalid)? else {
        return Ok((Progress::default(), false));
    };
    match parse(&text, &path.display().to_string()) {
        Ok(mut progress) => {
            progress.start_session();
            Ok((progress, true))
        }
        Err(failure) => Err(refused(path, failure, invalid)),
    }
}

/// Reads and parses the exam in progress, if there is one.
fn read_sheet(fs: &dyn Fs, path: &Path) -> Result<Option<Sheet>, ProgressError> {
    let Some(text) = read_text(fs, path, "an exam in progress", invalid_sheet)? else { return Ok(None) };
    sheet::parse(&text, &path.display().to_string()).map(Some).map_err(|failure| refused(path, failure, invalid_sheet))
}

/// How a refused file is reported: its path, the problems, and the newer schema if that is
/// why.
type Refusal = fn(&Path, Vec<Problem>, Option<u32>) -> ProgressError;

/// A file's text; `None` when it does not exist. Bytes that are not UTF-8 are refused at
/// their place, as `what` damaged.
fn read_text(fs: &dyn Fs, path: &Path, what: &str, refuse: Refusal) -> Result<Option<String>, ProgressError> {
    let bytes = match fs.read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(ProgressError::Read { path: path.to_path_buf(), source }),
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            let message = format!("this is not UTF-8 text: the file is damaged, or is not {what}");
            let file = path.display().to_string();
            Err(refuse(path, vec![Problem { file, line, column, message }], None))
        }
    }
}

fn refused(path: &Path, failure: Failure, refuse: Refusal) -> ProgressError {
    match failure {
        Failure::Problems(problems) => refuse(path, problems, None),
        Failure::Newer(problem, schema) => refuse(path, vec![problem], Some(schema)),
    }
}

fn newer_advice(path: &Path, schema: u32) -> String {
    format!(
        "{} was written by a newer cloudcram (schema {schema}) and was left as it is. Run that newer version, or \
         use another --data-dir with this one.",
        path.display()
    )
}

fn invalid_sheet(path: &Path, problems: Vec<Problem>, newer: Option<u32>) -> ProgressError {
    let advice = newer.map_or_else(
        || {
            format!(
                "cloudcram left {} as it is: it holds an unfinished exam. Fix the line{} above in a text editor, or \
                 move the file away to give that exam up.",
                path.display(),
                if problems.len() == 1 { "" } else { "s" }
            )
        },
        |schema| newer_advice(path, schema),
    );
    ProgressError::Invalid { path: path.to_path_buf(), problems, advice }
}

fn invalid(path: &Path, problems: Vec<Problem>, newer: Option<u32>) -> ProgressError {
    let shown = path.display();
    let advice = if let Some(schema) = newer {
        newer_advice(path, schema)
    } else {
        let backup = path.with_file_name(BACKUP_FILE);
        let restore = if backup.exists() {
            format!(", or put back the last good copy (`cp {} {shown}`)", backup.display())
        } else {
            String::new()
        };
        format!(
            "cloudcram left {shown} as it is. Fix the line{} above in a text editor{restore}, or move the file \
             away to start afresh.",
            if problems.len() == 1 { "" } else { "s" }
        )
    };
    ProgressError::Invalid { path: path.to_path_buf(), problems, advice }
}

/// The progress store opened for writing: the only one on its data directory while it lives.
/// Derefs to [`Progress`] for everything that is not I/O.
pub struct Store {
    progress: Progress,
    dir: PathBuf,
    path: PathBuf,
    fs: Box<dyn Fs>,
    /// Whether progress.toml exists (then a save first keeps it as the backup).
    has_file: bool,
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
    /// fresh start) and the exam in progress if there is one, and forgets buries that have
    /// ended. A damaged exam file stops it like a damaged progress file: it is never
    /// overwritten. An exam file whose exam progress.toml already holds (a finish cut short
    /// between its two steps) is removed.
    pub fn open(data_dir: &Path, now: Timestamp) -> Result<Store, ProgressError> {
        Self::open_with_fs(data_dir, now, Box::new(RealFs))
    }

    /// [`Store::open`] with the file operations of saving going through `fs` (tests inject
    /// failures here). The lock always uses the real file system.
    pub fn open_with_fs(data_dir: &Path, now: Timestamp, fs: Box<dyn Fs>) -> Result<Store, ProgressError> {
        std::fs::create_dir_all(data_dir)
            .map_err(|source| ProgressError::CreateDir { path: data_dir.to_path_buf(), source })?;
        let lock = Lock::acquire(data_dir, &data_dir.join(LOCK_FILE))?;
        remove_stale_temp_files(&*fs, data_dir);
        let path = data_dir.join(FILE_NAME);
        let (mut progress, has_file) = read_progress(&*fs, &path)?;
        progress.drop_ended_buries(now);
        let sheet_path = data_dir.join(SHEET_FILE);
        let mut sheet = read_sheet(&*fs, &sheet_path)?;
        if sheet.as_ref().is_some_and(|s| recorded(&progress, s)) {
            sheet = None;
            // What finish_exam did not get to; should it fail again, the next start retries.
            let _ = fs.remove_file(&sheet_path);
        }
        Ok(Store { progress, dir: data_dir.to_path_buf(), path, fs, has_file, sheet, _lock: lock })
    }

    /// `<data-dir>/progress.toml`
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn data_dir(&self) -> &Path {
        &self.dir
    }

    /// Writes the progress to disk atomically: a temporary file in the data directory,
    /// fsynced; the current file kept as progress.toml.bak; the temporary file renamed over
    /// progress.toml; the directory fsynced. If any step fails, progress.toml is the old
    /// file or the new one, never a mix, and the error says what failed.
    pub fn save(&mut self) -> Result<(), ProgressError> {
        let text = self.progress.to_toml();
        let path = self.path.clone();
        let backup = self.has_file.then_some(BACKUP_FILE);
        self.replace_file(FILE_NAME, text.as_bytes(), backup).map_err(|source| ProgressError::Save { path, source })
    }

    /// The exam in progress as last saved (or found at [`Store::open`]), if any.
    pub fn sheet(&self) -> Option<&Sheet> {
        self.sheet.as_ref()
    }

    /// `<data-dir>/exam-in-progress.toml`
    pub fn sheet_path(&self) -> PathBuf {
        self.dir.join(SHEET_FILE)
    }

    /// Writes the exam in progress to disk, atomically as [`Store::save`] writes progress.toml
    /// (without a backup): after a failure at any step the file is the sheet saved before or
    /// this one, never a mix. Call it after every answer and flag.
    pub fn save_sheet(&mut self, sheet: &Sheet) -> Result<(), ProgressError> {
        let text = sheet::to_toml(sheet);
        self.replace_file(SHEET_FILE, text.as_bytes(), None)
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

    /// Puts `bytes` in `<data-dir>/file`: a temporary file in the data directory, fsynced;
    /// with `backup`, the current file kept under that name; the temporary file renamed over
    /// the file; the directory fsynced. A failure removes the temporary files.
    fn replace_file(&mut self, file: &str, bytes: &[u8], backup: Option<&str>) -> io::Result<()> {
        let tmp = temp_path(&self.dir, file);
        let bak_tmp = backup.map(|b| temp_path(&self.dir, b));
        let result = self.replace_steps(file, bytes, &tmp, backup.zip(bak_tmp.as_deref()));
        if result.is_err() {
            let _ = self.fs.remove_file(&tmp);
            if let Some(bak_tmp) = &bak_tmp {
                let _ = self.fs.remove_file(bak_tmp);
            }
        }
        result
    }

    fn replace_steps(&mut self, file: &str, bytes: &[u8], tmp: &Path, backup: Option<(&str, &Path)>) -> io::Result<()> {
        let path = self.dir.join(file);
        // Left over from an earlier failed save of this process, if any.
        let _ = self.fs.remove_file(tmp);
        self.fs.write_new_synced(tmp, bytes)?;
        if let Some((backup, bak_tmp)) = backup {
            let _ = self.fs.remove_file(bak_tmp);
            let backed_up = match self.fs.hard_link(&path, bak_tmp) {
                Ok(()) => true,
                // No hard links here (some file systems): copy instead. A file deleted behind
                // our back leaves nothing to keep.
                Err(_) => match self.fs.read(&path) {
                    Ok(old) => self.fs.write_new_synced(bak_tmp, &old).map(|()| true)?,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => false,
                    Err(e) => return Err(e),
                },
            };
            if backed_up {
                self.fs.rename(bak_tmp, &self.dir.join(backup))?;
            }
        }
        self.fs.rename(tmp, &path)?;
        if path == self.path {
            self.has_file = true;
        }
        self.fs.sync_dir(&self.dir)
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

/// Removes `.progress.toml.*.tmp` and `.exam-in-progress.toml.*.tmp` files: what a save killed
/// part-way leaves. Only the lock holder calls this, so no save is in progress. Failures only
/// leave litter behind.
fn remove_stale_temp_files(fs: &dyn Fs, dir: &Path) {
    let Ok(names) = fs.list_dir(dir) else { return };
    for name in names {
        let name = name.to_string_lossy();
        let ours =
            TEMP_OF.iter().any(|file| name.strip_prefix('.').is_some_and(|n| n.starts_with(&format!("{file}."))));
        if ours && name.ends_with(TEMP_SUFFIX) {
            let _ = fs.remove_file(&dir.join(&*name));
        }
    }
}
