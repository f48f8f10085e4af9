//! `cloudcram import` through the real binary: the fixtures in tests/fixtures/import (our own
//! practice-exam Markdown), the messages and the summary, the deck it writes and that
//! `validate` accepts, ids that survive a re-import, `--dry-run --json`, a progress file that
//! is never touched, and the decks loaded on every start.

mod common;

use std::path::{Path, PathBuf};

use common::{cloudcram, copy_dir, fixtures};
use serde_json::Value;

fn import_dir() -> PathBuf {
    fixtures().join("import")
}

const GOOD: [&str; 3] = ["exam-1.md", "exam-2.md", "exam-3.md"];

/// `cloudcram --data-dir DATA import ARGS...`, run in the fixtures' folder so that messages
/// name the files as given.
fn import(data: &Path, args: &[&str]) -> std::process::Output {
    cloudcram().current_dir(import_dir()).arg("--data-dir").arg(data).arg("import").args(args).output().unwrap()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

/// Every file under `dir`, relative, with its bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.strip_prefix(dir).unwrap().display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn dry_run_json_has_the_interface_shape_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut args = vec!["--deck", "practice", "--dry-run", "--json"];
    args.extend(GOOD);
    args.push("broken.md");
    let out = import(&data, &args);
    assert_eq!(out.status.code(), Some(1), "broken.md has problems");
    let v = json(&out);
    let questions = v["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 16 + 14 + 12 + 3);
    let q = &questions[3];
    for key in ["file", "line", "prompt", "options", "answer", "kind", "id"] {
        assert!(q.get(key).is_some(), "no {key}: {q}");
    }
    assert_eq!(q["file"], "exam-1.md");
    assert_eq!(q["line"], 60);
    assert_eq!(q["prompt"], "Which AWS services run containers? (Choose TWO.)");
    assert_eq!(q["options"][4], "Amazon EKS");
    assert_eq!(q["answer"], serde_json::json!(["A", "E"]));
    assert_eq!(q["kind"], "multi");
    assert_eq!(questions[0]["kind"], "single");
    assert_eq!(questions[0]["answer"], serde_json::json!(["B"]));
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 20);
    assert_eq!(
        errors[0],
        serde_json::json!({"file": "broken.md", "line": 14,
            "message": "no answer key: add a <details> block with `Correct answer: X` after the options"})
    );
    assert_eq!(
        (v["imported"].as_u64(), v["skipped"].as_u64(), v["dry_run"].as_bool()),
        (Some(45), Some(20), Some(true))
    );
    assert!(!data.exists(), "a dry run writes nothing, not even the data directory");
}

#[test]
fn every_problem_is_one_line_on_stderr_and_the_summary_counts_both() {
    let tmp = tempfile::tempdir().unwrap();
    let out = import(tmp.path(), &["broken.md", "not-utf8.md", "--deck", "b"]);
    assert_eq!(out.status.code(), Some(1));
    let expected = std::fs::read_to_string(import_dir().join("expected-broken.txt")).unwrap()
        + &std::fs::read_to_string(import_dir().join("expected-not-utf8.txt")).unwrap();
    assert_eq!(stderr(&out), expected);
    let summary = stdout(&out);
    assert!(summary.starts_with("imported 4, skipped 22: deck `b` in "), "{summary}");
    assert!(summary.trim_end().ends_with("`cloudcram quiz --topic b` asks them"), "{summary}");
    // The good questions were imported all the same.
    assert!(tmp.path().join("decks/b/topics/b.toml").is_file());
}

#[test]
fn the_deck_is_valid_content_and_loads_next_to_the_course() {
    let tmp = tempfile::tempdir().unwrap();
    let mut args = vec!["--deck", "practice"];
    args.extend(GOOD);
    let out = import(tmp.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert!(stdout(&out).starts_with("imported 42, skipped 0: deck `practice`"), "{}", stdout(&out));
    let deck = tmp.path().join("decks/practice");
    let files: Vec<String> = tree(&deck).into_iter().map(|(p, _)| p).collect();
    assert_eq!(files, ["deck.toml", "topics/practice.toml"]);

    let out = cloudcram().args(["validate", "--json"]).arg(&deck).output().unwrap();
    assert!(out.status.success(), "{}", stdout(&out));
    let v = json(&out);
    assert_eq!(v["valid"], true);
    assert_eq!((v["counts"]["topics"].as_u64(), v["counts"]["questions"].as_u64()), (Some(1), Some(42)));
    assert_eq!(v["question_kinds"]["multi"].as_u64(), Some(8));

    // On start: the deck's cards are due like any others, its topic in the stats.
    let out = cloudcram().arg("--data-dir").arg(tmp.path()).args(["due", "--all", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let cards = json(&out)["cards"].as_array().unwrap().clone();
    assert_eq!(cards.iter().filter(|c| c["topic"] == "practice").count(), 42);
    let out = cloudcram().arg("--data-dir").arg(tmp.path()).args(["stats", "--json"]).output().unwrap();
    let topics = json(&out)["topics"].as_array().unwrap().clone();
    assert_eq!(topics.last().unwrap()["id"], "practice", "after the course's own topics");
    // The drill plans over the course and the deck together.
    let out = cloudcram().arg("--data-dir").arg(tmp.path()).args(["drill", "--plan", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_re_import_of_an_edited_file_keeps_the_ids_and_the_review_history() {
    let tmp = tempfile::tempdir().unwrap();
    // The learner's copy of the files, to edit.
    copy_dir(&import_dir(), &tmp.path().join("md"));
    let work = tmp.path().join("md/exam-1.md");
    let original = std::fs::read_to_string(&work).unwrap();
    let ids = |out: &std::process::Output| -> Vec<String> {
        json(out)["questions"].as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap().to_string()).collect()
    };
    let run = |args: &[&str]| {
        cloudcram().arg("--data-dir").arg(tmp.path()).arg("import").arg(&work).args(args).output().unwrap()
    };
    let first = run(&["--deck", "mine", "--json"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let first_ids = ids(&first);
    // A review of the first question, as the app would log it.
    let card = &first_ids[0];
    let progress =
        format!("schema = 1\n\n[[review]]\ncard = \"{card}\"\nat = 2026-11-27T14:00:00Z\nrating = \"good\"\n");
    std::fs::write(tmp.path().join("progress.toml"), &progress).unwrap();

    // Renumbered from 1, an option and an explanation reworded, the stem's case changed.
    let edited = original
        .replace("2. What is the longest", "1. What is the longest")
        .replace("    - D. 24 hours", "    - D. A whole day")
        .replace("A startup wants", "a startup wants")
        .replace("There is no server to look after.", "No server needs looking after.");
    std::fs::write(&work, edited).unwrap();
    let second = run(&["--deck", "mine", "--json"]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(ids(&second), first_ids);
    assert_eq!(std::fs::read_to_string(tmp.path().join("progress.toml")).unwrap(), progress, "import never writes it");
    let out = cloudcram()
        .arg("--data-dir")
        .arg(tmp.path())
        .args(["due", "--all", "--json", "--now", "2026-11-27T15:00:00Z"])
        .output()
        .unwrap();
    let cards = json(&out)["cards"].as_array().unwrap().clone();
    let reviewed = cards.iter().find(|c| c["id"] == card.as_str()).expect("the reviewed card is still there");
    assert_eq!(reviewed["reps"], 1, "its history survived the re-import: {reviewed}");
    let topic = std::fs::read_to_string(tmp.path().join("decks/mine/topics/mine.toml")).unwrap();
    assert!(topic.contains("A whole day"), "the deck holds the new wording");
}

#[test]
fn import_never_touches_the_progress_file_or_anything_but_its_deck() {
    let tmp = tempfile::tempdir().unwrap();
    let progress = "schema = 1\n\n[settings]\nfuzz = false\n";
    std::fs::write(tmp.path().join("progress.toml"), progress).unwrap();
    let other = tmp.path().join("decks/other");
    let out = import(tmp.path(), &["exam-2.md", "--deck", "other"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = tree(tmp.path());
    let out = import(tmp.path(), &["exam-1.md", "exam-3.md", "--deck", "Mine"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = tree(tmp.path());
    let new: Vec<&str> = after.iter().filter(|f| !before.contains(f)).map(|(p, _)| p.as_str()).collect();
    assert_eq!(new, ["decks/mine/deck.toml", "decks/mine/topics/mine.toml"]);
    assert_eq!(std::fs::read_to_string(tmp.path().join("progress.toml")).unwrap(), progress);
    assert!(other.join("topics/other.toml").is_file(), "another deck is left alone");
}

#[test]
fn a_name_the_course_has_is_bad_usage_and_nothing_to_import_leaves_the_deck_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let out = import(tmp.path(), &["exam-1.md", "--deck", "Lambda"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "cloudcram: deck `lambda` would have topic id `lambda`, which the course already has; choose another --deck name\n"
    );
    let out = import(tmp.path(), &["exam-1.md", "--deck", "--"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = import(tmp.path(), &["exam-1.md"]);
    assert_eq!(out.status.code(), Some(2), "--deck is required");

    let out = import(tmp.path(), &["exam-1.md", "--deck", "keep"]);
    assert!(out.status.success());
    let deck = tmp.path().join("decks/keep");
    let before = tree(&deck);
    let nothing = tmp.path().join("nothing.md");
    std::fs::write(&nothing, "# Notes\n\n1. Only a tip, no question.\n").unwrap();
    let out = cloudcram()
        .arg("--data-dir")
        .arg(tmp.path())
        .arg("import")
        .arg(&nothing)
        .arg("missing.md")
        .args(["--deck", "keep"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("missing.md: cannot read the file: "), "{err}");
    assert!(err.ends_with("cloudcram: nothing to import: no question could be read; no deck was written\n"), "{err}");
    assert_eq!(tree(&deck), before, "the deck is left as it was");
}

#[test]
fn a_broken_deck_is_reported_and_left_out_and_the_app_still_starts() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(import(tmp.path(), &["exam-1.md", "--deck", "good"]).status.success());
    assert!(import(tmp.path(), &["exam-2.md", "--deck", "bad"]).status.success());
    let bad = tmp.path().join("decks/bad/topics/bad.toml");
    let text = std::fs::read_to_string(&bad).unwrap().replacen("kind = \"single\"", "kind = \"singel\"", 1);
    std::fs::write(&bad, text).unwrap();
    let out = cloudcram().arg("--data-dir").arg(tmp.path()).args(["due", "--all", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let deck = tmp.path().join("decks/bad");
    assert!(
        err.starts_with(&format!(
            "cloudcram: warning: deck {} was left out: it is not valid (1 problem; the first: ",
            deck.display()
        )),
        "{err}"
    );
    let cards = json(&out)["cards"].as_array().unwrap().clone();
    assert_eq!(cards.iter().filter(|c| c["topic"] == "good").count(), 16);
    assert_eq!(cards.iter().filter(|c| c["topic"] == "bad").count(), 0);
    // `validate DIR` says what is wrong with it.
    let out = cloudcram().arg("validate").arg(&deck).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("unknown kind `singel`"), "{}", stderr(&out));
    // The pricing commands do not read decks at all.
    let out = cloudcram()
        .arg("--data-dir")
        .arg(tmp.path())
        .args(["cost", "lambda", "--memory-mb", "128", "--duration-ms", "100", "--invocations", "1"])
        .output()
        .unwrap();
    assert_eq!(stderr(&out), "");
}

#[test]
fn topic_per_file_gives_each_file_its_topic() {
    let tmp = tempfile::tempdir().unwrap();
    let mut args = vec!["--deck", "set", "--topic-per-file", "--json"];
    args.extend(GOOD);
    let out = import(tmp.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    let topics: Vec<&str> = v["topics"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(topics, ["set-exam-1", "set-exam-2", "set-exam-3"]);
    assert_eq!(v["dir"].as_str(), Some(tmp.path().join("decks/set").to_str().unwrap()));
    let out = cloudcram().arg("validate").arg(tmp.path().join("decks/set")).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(": valid: 3 topics, 3 lessons, 42 questions"), "{}", stdout(&out));
}
