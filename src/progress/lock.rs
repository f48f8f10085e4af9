//! One writer per data directory: an exclusive lock on `<data-dir>/progress.lock`.
//!
//! The lock is on a file of its own, not on progress.toml, because saving replaces
//! progress.toml by rename (a new inode each time). The holder writes its process id into the
//! file so a second writer can say who has it. The OS drops the lock when the holder's
//! process ends, even if it is killed, so a lock file left behind locks nothing.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

use super::ProgressError;

/// Held for as long as the store is open.
#[derive(Debug)]
pub(crate) struct Lock {
    _file: File,
}

impl Lock {
    pub fn acquire(dir: &Path, path: &Path) -> Result<Lock, ProgressError> {
        let lock_err = |source| ProgressError::Lock { path: path.to_path_buf(), source };
        let mut file =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path).map_err(lock_err)?;
        let locked = file.try_lock();
        match locked {
            Ok(()) => {
                // Who holds it, for the message a second writer gives. Not vital: a failure
                // here only makes that message vaguer.
                let _ = file.set_len(0).and_then(|()| file.rewind()).and_then(|()| {
                    writeln!(file, "{}", std::process::id())?;
                    file.flush()
                });
                Ok(Lock { _file: file })
            }
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                Err(ProgressError::Locked { dir: dir.to_path_buf(), pid: text.trim().parse().ok() })
            }
            Err(TryLockError::Error(e)) => Err(lock_err(e)),
        }
    }
}
