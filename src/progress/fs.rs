//! The file-system operations a save is made of, behind a trait so tests can make any one of
//! them fail (or cut a write short) and check that the progress file survives; and the one
//! careful way every file of the store is read.
//!
//! The files are untrusted: `progress.toml` may be a FIFO (opening it would wait for a writer
//! for ever), a link to `/dev/zero` (reading would never end), a dangling link, or simply
//! huge. [`read_regular`] reads only regular files, asks the file's type before opening it
//! and again of the opened file, and stops one byte past [`MAX_FILE_BYTES`] whatever the
//! metadata says; anything else comes back as a [`Refusal`] inside the `io::Error`.

use std::ffi::OsString;
use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The most cloudcram reads of one file of the store: 256 MiB, room for about 2.8 million
/// reviews (a review takes about 90 bytes; 1,000,000 reviews are a 90 MB file).
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// Why a file of the store was not read. [`Fs::read`] returns it inside an
/// `io::Error` of kind `InvalidData` ([`Refusal::of`] gets it back out).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// A symbolic link whose target does not exist.
    #[error("it is a symbolic link to {}, which does not exist", crate::fmt::escape_controls(&.0.display().to_string()))]
    DanglingLink(PathBuf),
    /// A FIFO, a device, a directory or a socket: reading it could block or never end.
    #[error("it is {0}, not a regular file")]
    NotAFile(&'static str),
    /// More than [`MAX_FILE_BYTES`].
    #[error("it is larger than the {} MiB cloudcram reads of a progress file", MAX_FILE_BYTES >> 20)]
    TooLarge,
}

impl Refusal {
    /// The refusal inside `e`, if that is what `e` is.
    pub fn of(e: &io::Error) -> Option<&Refusal> {
        e.get_ref().and_then(|inner| inner.downcast_ref::<Refusal>())
    }

    fn into_io(self) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, self)
    }
}

/// What saving and start-up cleaning need from the file system.
pub trait Fs: Send + Sync {
    /// Creates `path` (it must not exist), writes `bytes` and flushes them to the disk
    /// (fsync). On failure the file may exist with part of `bytes`.
    fn write_new_synced(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    /// Appends `bytes` to the regular file `path` and flushes them to the disk (fdatasync),
    /// if the file is `expected_len` bytes long; `Ok(false)`, writing nothing, if it is not
    /// (someone else changed it, or an earlier append was cut short). On failure the file may
    /// end with part of `bytes`.
    fn append_synced(&self, path: &Path, expected_len: u64, bytes: &[u8]) -> io::Result<bool>;
    /// Makes `link` another name for the file `original` (a hard link).
    fn hard_link(&self, original: &Path, link: &Path) -> io::Result<()>;
    /// Reads a whole regular file, as `read_regular` in this module does (used to load, and
    /// to copy when hard links are not supported).
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Renames `from` over `to`, atomically replacing it.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Flushes the directory itself, so a rename inside it survives a power cut.
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
    fn remove_file(&self, path: &Path) -> io::Result<()>;
    /// The names in `dir`.
    fn list_dir(&self, dir: &Path) -> io::Result<Vec<OsString>>;
    /// Creates `dir` and its parents if need be.
    fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
        fs::create_dir_all(dir)
    }
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

    fn append_synced(&self, path: &Path, expected_len: u64, bytes: &[u8]) -> io::Result<bool> {
        // Asked before opening: opening a FIFO for writing waits for a reader.
        let before = fs::metadata(path)?;
        if !before.is_file() || before.len() != expected_len {
            return Ok(false);
        }
        let mut file = OpenOptions::new().append(true).open(path)?;
        let opened = file.metadata()?;
        if !opened.is_file() || opened.len() != expected_len {
            return Ok(false);
        }
        file.write_all(bytes)?;
        // The length changes, so fdatasync writes it too: enough to find the entry after a
        // power cut.
        file.sync_data()?;
        Ok(true)
    }

    fn hard_link(&self, original: &Path, link: &Path) -> io::Result<()> {
        fs::hard_link(original, link)
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        read_regular(path, MAX_FILE_BYTES)
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

/// The bytes of the regular file at `path` (symbolic links followed), at most `cap` of them.
/// A missing file is `NotFound`; a dangling link, anything but a regular file, or a file
/// longer than `cap` is refused with a [`Refusal`], without reading it.
pub fn read_regular(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let stated = file.metadata().map_or(0, |m| m.len());
    if stated > cap {
        // Said to be too large: no need to read it to know.
        return Err(Refusal::TooLarge.into_io());
    }
    let hint = stated;
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0).saturating_add(1));
    // One byte past the cap tells a file of exactly `cap` bytes from a longer one; the length
    // in the metadata is not trusted (a file may grow, /proc files say 0).
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(Refusal::TooLarge.into_io());
    }
    Ok(bytes)
}

/// At most the first `n` bytes of the regular file at `path` (for a backup's first line).
pub fn read_prefix(path: &Path, n: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(n).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Opens `path` for reading if it is a regular file: its type is asked before opening (a FIFO
/// would block the open itself) and again of what was opened (it may have been swapped).
fn open_regular(path: &Path) -> io::Result<File> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
                let target = fs::read_link(path).unwrap_or_default();
                return Err(Refusal::DanglingLink(target).into_io());
            }
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    check_regular(&meta)?;
    let file = File::open(path)?;
    check_regular(&file.metadata()?)?;
    Ok(file)
}

fn check_regular(meta: &Metadata) -> io::Result<()> {
    if meta.is_file() { Ok(()) } else { Err(Refusal::NotAFile(kind(meta)).into_io()) }
}

/// What a file that is not a regular file is, in words.
fn kind(meta: &Metadata) -> &'static str {
    if meta.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (a named pipe)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read_and_only_up_to_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, b"12345").unwrap();
        assert_eq!(read_regular(&file, 5).unwrap(), b"12345");
        let e = read_regular(&file, 4).unwrap_err();
        assert_eq!(Refusal::of(&e), Some(&Refusal::TooLarge));
        assert_eq!(read_prefix(&file, 2).unwrap(), b"12");

        let e = read_regular(dir.path(), 10).unwrap_err();
        assert_eq!(Refusal::of(&e), Some(&Refusal::NotAFile("a directory")));
        let missing = read_regular(&dir.path().join("none"), 10).unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
        assert_eq!(Refusal::of(&missing), None);
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_dangling_links_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let zero = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let e = read_regular(&zero, MAX_FILE_BYTES).unwrap_err();
        assert_eq!(Refusal::of(&e), Some(&Refusal::NotAFile("a character device")));
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("gone.toml"), &dangling).unwrap();
        let e = read_regular(&dangling, 10).unwrap_err();
        assert_eq!(Refusal::of(&e), Some(&Refusal::DanglingLink(dir.path().join("gone.toml"))));
    }

    #[test]
    fn an_append_happens_only_at_the_length_expected() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, b"ab").unwrap();
        assert!(!RealFs.append_synced(&file, 3, b"c").unwrap());
        assert!(RealFs.append_synced(&file, 2, b"c").unwrap());
        assert_eq!(std::fs::read(&file).unwrap(), b"abc");
        assert!(RealFs.append_synced(&dir.path().join("none"), 0, b"x").is_err());
    }
}
