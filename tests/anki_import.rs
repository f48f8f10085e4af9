//! The real check of `export anki`: scripts/anki_check.py imports the export into a fresh
//! collection with Anki's own library and checks the notes, their fields, tags and decks,
//! and that importing the same file again adds nothing (and a changed note is updated).
//!
//! Needs `python3` with `anki` (`pip install anki`), or the Python in CLOUDCRAM_PYTHON. Without
//! it the test says so and passes, except where .ci/run installed it (it sets
//! CLOUDCRAM_REQUIRE_ANKI=1), where it fails.

mod common;

use std::path::Path;
use std::process::Command;

fn python() -> String {
    std::env::var("CLOUDCRAM_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

fn anki_available() -> bool {
    Command::new(python()).args(["-c", "import anki"]).output().is_ok_and(|o| o.status.success())
}

#[test]
fn anki_imports_the_export_and_a_second_import_adds_nothing() {
    if !anki_available() {
        assert!(
            std::env::var("CLOUDCRAM_REQUIRE_ANKI").is_err(),
            "{} cannot import anki, but .ci/run installed it (CLOUDCRAM_REQUIRE_ANKI is set)",
            python()
        );
        eprintln!("{} cannot import anki: skipping the Anki import check (pip install anki to run it)", python());
        return;
    }
    let course = cloudcram::content::load(None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cloudcram.txt");
    let out = common::cloudcram().args(["export", "anki", "--out"]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/anki_check.py");
    let out = Command::new(python())
        .arg(&script)
        .arg(&file)
        .args(["--notes", &course.questions().count().to_string()])
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "anki_check failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("re-import: 0 new, 0 updated"), "{stdout}");
}
