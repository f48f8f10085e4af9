//! `cloudcram progress merge OTHER.toml` through the real binary: disjoint and overlapping
//! copies, identical ones (nothing written), a damaged other (refused, nothing written), a
//! data directory whose lock is held, and the undo through progress.toml.bak.

mod common;

use std::path::Path;

use common::cloudcram;

const NOW: &str = "2026-11-27T15:00:00Z";

fn review(card: &str, at: &str, rating: &str) -> String {
    format!("\n[[review]]\ncard = \"{card}\"\nat = {at}\nrating = \"{rating}\"\n")
}

fn practice(card: &str, at: &str, correct: bool) -> String {
    format!("\n[[practice]]\ncard = \"{card}\"\nat = {at}\ncorrect = {correct}\nmode = \"quiz\"\n")
}

fn exam(at: &str) -> String {
    format!(
        "\n[[exam]]\nat = {at}\ntopics = [\"lambda\"]\nscore = 1\ntotal = 1\npassed = true\n\n\
         [[exam.answer]]\nquestion = \"lambda.max-timeout\"\ngiven = [\"15-min\"]\ncorrect = true\n"
    )
}

/// The laptop's copy: fuzz off and 5 new cards a day.
fn laptop() -> String {
    let mut text = "schema = 1\n\n[settings]\nfuzz = false\nnew_cards_per_day = 5\n".to_string();
    text += &review("lambda.max-timeout", "2026-11-20T10:00:00Z", "good");
    text += &review("lambda.max-timeout", "2026-11-22T10:00:00Z", "good");
    text += &practice("lambda.max-timeout", "2026-11-20T11:00:00Z", true);
    text
}

/// The desktop's copy: default settings, one review and the practice answer in common with
/// the laptop, and more of its own.
fn desktop() -> String {
    let mut text = "schema = 1\nsuspended = [\"ecs.task-definition\"]\n\n[[read]]\nlesson = \"lambda.basics\"\n\
                    at = 2026-11-19T09:00:00Z\n"
        .to_string();
    text += &review("lambda.max-timeout", "2026-11-20T10:00:00Z", "good");
    text += &review("ecs.what-is-ecs", "2026-11-21T10:00:00Z", "again");
    text += &review("retired.question", "2026-11-21T10:05:00Z", "hard");
    text += &practice("lambda.max-timeout", "2026-11-20T11:00:00Z", true);
    text += &practice("ecs.what-is-ecs", "2026-11-21T11:00:00Z", false);
    text += &exam("2026-11-21T12:00:00Z");
    text
}

fn merge(data: &Path, other: &Path) -> std::process::Output {
    cloudcram().arg("--data-dir").arg(data).args(["--now", NOW, "progress", "merge"]).arg(other).output().unwrap()
}

/// A data dir holding `mine`, and the other copy beside it.
fn setup(mine: &str, theirs: &str) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("progress.toml"), mine).unwrap();
    let other = dir.path().join("desktop.toml");
    std::fs::write(&other, theirs).unwrap();
    (dir, data, other)
}

fn stdout(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn load(data: &Path) -> cloudcram::progress::Progress {
    cloudcram::progress::load(data).unwrap()
}

#[test]
fn overlapping_copies_merge_to_their_union_and_the_backup_undoes_it() {
    let (_dir, data, other) = setup(&laptop(), &desktop());
    let said = stdout(&merge(&data, &other));
    assert!(
        said.contains(
            ": added 2 reviews, 1 practice answer, 1 exam, 1 lesson read, 1 suspended card; 2 were here already."
        ),
        "{said}"
    );
    assert!(said.contains("The other file's settings differ; the settings here are kept."), "{said}");
    let bak = data.join("progress.toml.bak");
    assert!(said.contains(&format!("to undo the merge: cp '{}'", bak.display())), "{said}");
    assert_eq!(std::fs::read_to_string(&bak).unwrap(), laptop(), "the file before the merge, as it was");

    let merged = load(&data);
    assert_eq!(merged.review_count(), 4);
    assert_eq!(merged.practice().len(), 2);
    assert_eq!(merged.exams().len(), 1);
    assert!(merged.is_read("lambda.basics") && merged.is_suspended("ecs.task-definition"));
    assert!(merged.card_ids().any(|id| id == "retired.question"), "reviews of unknown ids are kept");
    let s = merged.settings();
    assert_eq!((s.fuzz, s.new_cards_per_day), (false, 5), "settings stay this data dir's");
    let times: Vec<_> = merged.reviews().map(|r| r.at).collect();
    assert!(times.is_sorted(), "{times:?}");

    // Merging the same copy again changes nothing.
    let before = std::fs::read(data.join("progress.toml")).unwrap();
    let said = stdout(&merge(&data, &other));
    assert!(
        said.contains("Nothing to add from ") && said.contains(": all 8 of its entries are here already."),
        "{said}"
    );
    assert_eq!(std::fs::read(data.join("progress.toml")).unwrap(), before);

    // The undo the message offers.
    std::fs::copy(&bak, data.join("progress.toml")).unwrap();
    assert_eq!(load(&data).review_count(), 2);
}

#[test]
fn disjoint_copies_add_everything() {
    let mine = format!("schema = 1\n{}", review("lambda.max-timeout", "2026-11-20T10:00:00Z", "good"));
    let theirs = format!(
        "schema = 1\n{}{}",
        review("ecs.what-is-ecs", "2026-11-19T10:00:00Z", "easy"),
        exam("2026-11-19T11:00:00Z")
    );
    let (_dir, data, other) = setup(&mine, &theirs);
    let said = stdout(&merge(&data, &other));
    assert!(said.contains(": added 1 review, 1 exam; none was here already."), "{said}");
    assert!(!said.contains("settings differ"), "{said}");
    let merged = load(&data);
    assert_eq!(merged.reviews().map(|r| r.card).collect::<Vec<_>>(), ["ecs.what-is-ecs", "lambda.max-timeout"]);
    assert_eq!(merged.exams().len(), 1);
}

#[test]
fn identical_files_change_nothing() {
    let (_dir, data, other) = setup(&desktop(), &desktop());
    let said = stdout(&merge(&data, &other));
    assert!(
        said.starts_with("Nothing to add from ") && said.trim_end().ends_with("progress.toml is unchanged."),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(data.join("progress.toml")).unwrap(), desktop(), "not even rewritten");
    assert!(!data.join("progress.toml.bak").exists());
}

#[test]
fn a_damaged_other_is_refused_and_nothing_is_written() {
    let damaged = desktop().replace("rating = \"again\"", "rating = \"sometimes\"");
    let (dir, data, other) = setup(&laptop(), &damaged);
    let listing = |p: &Path| {
        let mut names: Vec<_> = std::fs::read_dir(p).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        names
    };
    let before = listing(&data);
    let out = merge(&data, &other);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let first = err.lines().next().unwrap();
    assert!(first.starts_with(&format!("{}:", other.display())), "{err}");
    let position: Vec<&str> = first[other.display().to_string().len() + 1..].splitn(3, ':').collect();
    assert!(position[0].parse::<u32>().is_ok() && position[1].parse::<u32>().is_ok(), "FILE:LINE:COL: {first}");
    assert!(err.contains("Nothing was merged"), "{err}");
    assert_eq!(std::fs::read_to_string(data.join("progress.toml")).unwrap(), laptop());
    assert_eq!(listing(&data), before, "no lock, backup or temporary file made");

    // A data dir that does not exist yet is not even created.
    let fresh = dir.path().join("fresh");
    assert_eq!(merge(&fresh, &other).status.code(), Some(1));
    assert!(!fresh.exists());

    // Nor is anything written for a file that is not there.
    let out = merge(&data, &dir.path().join("missing.toml"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(listing(&data), before);
}

#[test]
fn a_held_lock_stops_the_merge() {
    let (_dir, data, other) = setup(&laptop(), &desktop());
    let store = cloudcram::progress::Store::open(&data, NOW.parse().unwrap()).unwrap();
    let out = merge(&data, &other);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("is in use by another cloudcram (process {})", std::process::id())), "{err}");
    assert_eq!(std::fs::read_to_string(data.join("progress.toml")).unwrap(), laptop());
    drop(store);
    assert!(merge(&data, &other).status.success(), "free again once the other one has gone");
}

#[test]
fn a_new_data_dir_gets_the_other_copy() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("desktop.toml");
    std::fs::write(&other, desktop()).unwrap();
    let data = dir.path().join("new");
    let said = stdout(&merge(&data, &other));
    assert!(said.contains("added 3 reviews, 2 practice answers, 1 exam"), "{said}");
    assert!(said.contains("There was no progress file here before"), "{said}");
    assert_eq!(load(&data).review_count(), 3);
}
