//! The file-system operations a save is made of, behind a trait so tests can make any one of
//! them fail (or cut a write short) and check that the progress file survives.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// What saving and start-up cleaning need from the file system.
pub trait Fs: Send + Sync {
    /// Creates `path` (it must not exist), writes `bytes` and flushes them to the disk
    /// (fsync). On failure the file may exist with part of `bytes`.
    fn write_new_synced(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    /// Makes `link` another name for the file `original` (a hard link).
    fn hard_link(&self, original: &Path, link: &Path) -> io::Result<()>;
    /// Reads a whole file (used to copy when hard links are not supported).
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Renames `from` over `to`, atomically replacing it.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Flushes the directory itself, so a rename inside it survives a power cut.
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
    fn remove_file(&self, path: &Path) -> io::Result<()>;
    /// The names in `dir`.
    fn list_dir(&self, dir: &Path) -> io::Result<Vec<OsString>>;
}

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealFs;

impl Fs for RealFs {
    fn write_new_synced(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
        file.write_all(bytes)?;
        file.sync_all()
    }

    fn hard_link(&self, original: &Path, link: &Path) -> io::Result<()> {
        fs::hard_link(original, link)
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        fs::read(path)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        // Only Unix can open a directory to sync it; elsewhere rename is as durable as it gets.
        if cfg!(unix) { File::open(dir)?.sync_all() } else { Ok(()) }
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }

    fn list_dir(&self, dir: &Path) -> io::Result<Vec<OsString>> {
        fs::read_dir(dir)?.map(|e| e.map(|e| e.file_name())).collect()
    }
}
