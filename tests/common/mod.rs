//! Helpers shared by the integration tests.

// Each test crate compiles this module and uses some of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The binary, with none of the user's cloudcram environment leaking in.
pub fn cloudcram() -> Command {
    let mut cmd = Command::cargo_bin("cloudcram").unwrap();
    cmd.env_remove("CLOUDCRAM_CONTENT_DIR").env_remove("CLOUDCRAM_DATA_DIR").env_remove("CLOUDCRAM_NOW");
    cmd
}

/// tests/fixtures
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies a directory tree (fixtures into a temporary content directory).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
