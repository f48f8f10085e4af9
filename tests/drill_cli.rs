//! `cloudcram drill` through the real binary: `--plan --json` in INTERFACE.md's shape on a
//! hand-written progress file, the plan as a table, read only, and the flags' rules.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const NOW: &str = "2026-12-01T09:00:00Z";

/// A data dir where three questions are known weak: one missed in a quiz, one missed in an
/// exam, one rated Again long ago; and one missed then answered right (not weak).
fn weak_spots() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"schema = 1

[[review]]
card = "lambda.max-timeout"
at = 2026-10-01T10:00:00Z
rating = "again"

[[practice]]
card = "fargate.billing-start"
at = 2026-11-28T18:00:00Z
correct = false
mode = "quiz"

[[practice]]
card = "fargate.eks-pods"
at = 2026-11-28T18:01:00Z
correct = false
mode = "quiz"

[[practice]]
card = "fargate.eks-pods"
at = 2026-11-29T18:01:00Z
correct = true
mode = "drill"

[[exam]]
at = 2026-11-26T10:00:00Z
topics = []
score = 0
total = 1
passed = false

[[exam.answer]]
question = "ecs.choose-fargate"
given = ["b"]
correct = false
"#;
    std::fs::write(dir.path().join("progress.toml"), text).unwrap();
    dir
}

/// The binary, with none of the user's cloudcram environment leaking in.
fn cloudcram() -> Command {
    let mut cmd = Command::cargo_bin("cloudcram").unwrap();
    cmd.env_remove("CLOUDCRAM_CONTENT_DIR").env_remove("CLOUDCRAM_DATA_DIR").env_remove("CLOUDCRAM_NOW");
    cmd
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = cloudcram().arg("--data-dir").arg(dir).args(["--now", NOW]).args(args).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn plan_json_lists_the_weakest_first_with_reasons_in_words() {
    let dir = weak_spots();
    let before = std::fs::read(dir.path().join("progress.toml")).unwrap();
    let (code, out, err) = run(dir.path(), &["drill", "--plan", "--json", "--count", "5"]);
    assert_eq!(code, Some(0), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let cards = v["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 5);
    for c in cards {
        for field in ["id", "topic", "reason", "kind"] {
            assert!(c[field].is_string(), "{field} in {c}");
        }
    }
    let got: Vec<(&str, &str, &str)> = cards[..3]
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["topic"].as_str().unwrap(), c["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("fargate.billing-start", "fargate", "missed in a quiz 3 days ago"),
            ("ecs.choose-fargate", "ecs", "missed in the exam of 2026-11-26"),
            ("lambda.max-timeout", "lambda", "recall probability 42% now (FSRS)"),
        ]
    );
    // Then unseen questions of the weak topics; the miss answered right later is not there.
    assert!(cards[3..].iter().all(|c| c["kind"] == "weak_topic"), "{v}");
    assert!(cards.iter().all(|c| c["id"] != "fargate.eks-pods"));
    assert!(v["note"].is_null(), "five weak spots: {v}");
    // Read only: nothing written, no lock taken.
    assert_eq!(std::fs::read(dir.path().join("progress.toml")).unwrap(), before);
    assert!(!dir.path().join("progress.lock").exists());
}

#[test]
fn plan_prints_a_table_and_an_empty_history_a_spread_with_its_note() {
    let dir = weak_spots();
    let (code, out, _) = run(dir.path(), &["drill", "--plan", "--count", "3"]);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Drill: 3 questions, weakest first");
    assert!(lines[2].starts_with("RANK  CARD") && lines[2].contains("TOPIC") && lines[2].ends_with("REASON"));
    assert!(lines[3].starts_with("   1  fargate.billing-start") && lines[3].ends_with("missed in a quiz 3 days ago"));
    assert_eq!(lines.len(), 6, "{out}");

    let empty = tempfile::tempdir().unwrap();
    let (code, out, err) = run(empty.path(), &["drill", "--plan", "--json"]);
    assert_eq!(code, Some(0), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let cards = v["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 10, "the default count");
    let mut topics: Vec<&str> = cards.iter().map(|c| c["topic"].as_str().unwrap()).collect();
    topics.dedup();
    assert_eq!(topics.len(), 10, "one of each topic: {topics:?}");
    assert!(v["note"].as_str().unwrap().starts_with("No answers yet"), "{v}");
    assert!(std::fs::read_dir(empty.path()).unwrap().next().is_none(), "nothing created");
}

#[test]
fn json_needs_the_plan_and_the_drill_itself_needs_a_terminal() {
    let dir = weak_spots();
    let (code, _, err) = run(dir.path(), &["drill", "--json"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--plan"), "{err}");
    let (code, _, err) = run(dir.path(), &["drill", "--plan", "--count", "0"]);
    assert_eq!(code, Some(2), "{err}");
    let (code, _, err) = run(dir.path(), &["drill", "--count", "5"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("needs an interactive terminal"), "{err}");
}
