//! The progress file on disk: read-only loading, the locked writer and its atomic save.

use std::io;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::doc::Progress;
use super::fs::{Fs, RealFs};
use super::lock::Lock;
use super::parse::{Failure, parse};
use super::{Problem, ProgressError};

/// `<data-dir>/progress.toml`
pub const FILE_NAME: &str = "progress.toml";
/// The previous good file, replaced at every save.
pub const BACKUP_FILE: &str = "progress.toml.bak";
/// Held by the one writer.
pub const LOCK_FILE: &str = "progress.lock";
/// Temporary files of a save are `.progress.toml.*.tmp`: hidden, and known at start-up.
const TEMP_PREFIX: &str = ".progress.toml.";
const TEMP_SUFFIX: &str = ".tmp";

/// Loads `<data_dir>/progress.toml` for reading only: no lock, nothing created, so it works
/// while a writer has the store open. A missing file is an empty log with default settings.
pub fn load(data_dir: &Path) -> Result<Progress, ProgressError> {
    read_progress(&RealFs, &data_dir.join(FILE_NAME)).map(|(p, _)| p)
}

/// Reads and parses the file; the flag says whether it existed.
fn read_progress(fs: &dyn Fs, path: &Path) -> Result<(Progress, bool), ProgressError> {
    let bytes = match fs.read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Progress::default(), false)),
        Err(source) => return Err(ProgressError::Read { path: path.to_path_buf(), source }),
    };
    let file = path.display().to_string();
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            let message = "this is not UTF-8 text: the file is damaged, or is not a progress file".to_string();
            return Err(invalid(path, vec![Problem { file, line, column, message }], None));
        }
    };
    match parse(&text, &file) {
        Ok(mut progress) => {
            progress.start_session();
            Ok((progress, true))
        }
        Err(Failure::Problems(problems)) => Err(invalid(path, problems, None)),
        Err(Failure::Newer(problem, schema)) => Err(invalid(path, vec![problem], Some(schema))),
    }
}

fn invalid(path: &Path, problems: Vec<Problem>, newer: Option<u32>) -> ProgressError {
    let shown = path.display();
    let advice = if let Some(schema) = newer {
        format!(
            "{shown} was written by a newer cloudcram (schema {schema}) and was left as it is. Run that newer \
             version, or use another --data-dir with this one."
        )
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
    /// fresh start) and forgets buries that have ended.
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
        Ok(Store { progress, dir: data_dir.to_path_buf(), path, fs, has_file, _lock: lock })
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
        let pid = std::process::id();
        let tmp = self.dir.join(format!("{TEMP_PREFIX}{pid}{TEMP_SUFFIX}"));
        let bak_tmp = self.dir.join(format!("{TEMP_PREFIX}bak.{pid}{TEMP_SUFFIX}"));
        let result = self.replace_file(text.as_bytes(), &tmp, &bak_tmp);
        if result.is_err() {
            let _ = self.fs.remove_file(&tmp);
            let _ = self.fs.remove_file(&bak_tmp);
        }
        result.map_err(|source| ProgressError::Save { path: self.path.clone(), source })
    }

    fn replace_file(&mut self, bytes: &[u8], tmp: &Path, bak_tmp: &Path) -> io::Result<()> {
        // Left over from an earlier failed save of this process, if any.
        let _ = self.fs.remove_file(tmp);
        self.fs.write_new_synced(tmp, bytes)?;
        if self.has_file {
            let _ = self.fs.remove_file(bak_tmp);
            let backed_up = match self.fs.hard_link(&self.path, bak_tmp) {
                Ok(()) => true,
                // No hard links here (some file systems): copy instead. A file deleted behind
                // our back leaves nothing to keep.
                Err(_) => match self.fs.read(&self.path) {
                    Ok(old) => self.fs.write_new_synced(bak_tmp, &old).map(|()| true)?,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => false,
                    Err(e) => return Err(e),
                },
            };
            if backed_up {
                self.fs.rename(bak_tmp, &self.dir.join(BACKUP_FILE))?;
            }
        }
        self.fs.rename(tmp, &self.path)?;
        self.has_file = true;
        self.fs.sync_dir(&self.dir)
    }
}

/// Removes `.progress.toml.*.tmp` files: what a save killed part-way leaves. Only the lock
/// holder calls this, so no save is in progress. Failures only leave litter behind.
fn remove_stale_temp_files(fs: &dyn Fs, dir: &Path) {
    let Ok(names) = fs.list_dir(dir) else { return };
    for name in names {
        let name = name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            let _ = fs.remove_file(&dir.join(&*name));
        }
    }
}
