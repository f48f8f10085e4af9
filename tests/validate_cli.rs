//! `cloudcram validate` through the real binary: the built-in content, the JSON shape, and
//! one broken fixture per kind of problem, each with its exact messages and positions.

mod common;

use common::{cloudcram, copy_dir, fixtures};
use std::path::Path;

/// The minimal valid content with a case's files laid over it.
fn content_with(case: Option<&str>) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("valid-min"), tmp.path());
    if let Some(case) = case {
        copy_dir(&fixtures().join("invalid").join(case), tmp.path());
        std::fs::remove_file(tmp.path().join("expected.txt")).unwrap();
    }
    tmp
}

/// Runs `validate DIR` and returns (exit code, stderr lines with DIR/ removed).
fn validate(dir: &Path) -> (i32, Vec<String>) {
    let out = cloudcram().arg("validate").arg(dir).output().unwrap();
    let prefix = format!("{}/", dir.display());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines = stderr.lines().map(|l| l.replace(&prefix, "")).collect();
    (out.status.code().unwrap(), lines)
}

#[test]
fn built_in_content_is_valid() {
    let out = cloudcram().arg("validate").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("built-in content: valid:"));
}

#[test]
fn the_repository_content_directory_is_valid_too() {
    // --content-dir content finds its art in ../assets.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let out = cloudcram().arg("validate").arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn minimal_fixture_is_valid() {
    let tmp = content_with(None);
    let (code, lines) = validate(tmp.path());
    assert_eq!((code, lines), (0, vec![]));
}

#[test]
fn every_invalid_fixture_reports_exactly_its_problems() {
    let mut cases: Vec<_> =
        std::fs::read_dir(fixtures().join("invalid")).unwrap().map(|e| e.unwrap().file_name()).collect();
    cases.sort();
    assert!(cases.len() >= 20, "fixtures went missing: {cases:?}");
    for case in cases {
        let case = case.to_str().unwrap();
        let expected = std::fs::read_to_string(fixtures().join("invalid").join(case).join("expected.txt")).unwrap();
        let expected: Vec<&str> = expected.lines().collect();
        let tmp = content_with(Some(case));
        let (code, lines) = validate(tmp.path());
        assert_eq!(code, 1, "{case}: exit code");
        let (summary, problems) = lines.split_last().expect("a summary line");
        assert_eq!(problems, expected.as_slice(), "{case}: messages");
        let n = expected.len();
        assert!(summary.ends_with(&format!("{n} problem{} found", if n == 1 { "" } else { "s" })), "{case}: {summary}");
    }
}

#[test]
fn a_file_over_one_mib_is_refused_unread() {
    let tmp = content_with(None);
    let big = format!("# {}\n", "x".repeat(1024 * 1024));
    std::fs::write(tmp.path().join("topics/big.toml"), big).unwrap();
    let (code, lines) = validate(tmp.path());
    assert_eq!(code, 1);
    assert_eq!(
        lines[0],
        "topics/big.toml:1:1: file is 1048579 bytes; content files may be at most 1048576 bytes (1 MiB): split it"
    );
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_assets_directory_is_refused() {
    let tmp = content_with(None);
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), "secret\n").unwrap();
    std::fs::remove_file(tmp.path().join("assets/flow.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), tmp.path().join("assets/flow.txt")).unwrap();
    let (code, lines) = validate(tmp.path());
    assert_eq!(code, 1);
    assert!(
        lines.iter().any(|l| l
            == "assets/flow.txt:1:1: this link leads outside the content directory; replace it with the file itself"),
        "{lines:?}"
    );
}

#[test]
fn json_report_has_the_documented_shape() {
    let tmp = content_with(Some("many-problems"));
    let out = cloudcram().args(["validate", "--json"]).arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], false);
    // `templates`: generated-question templates; the fixture has no generated.toml.
    assert_eq!(
        v["counts"],
        serde_json::json!({"topics": 1, "lessons": 1, "questions": 6, "diagrams": 1, "templates": 0})
    );
    assert_eq!(
        v["topics"][0],
        serde_json::json!({"id": "alpha", "title": "Alpha", "lessons": 1, "questions": 6, "diagrams": 1})
    );
    for kind in ["single", "multi", "true_false", "order", "match", "numeric"] {
        assert_eq!(v["question_kinds"][kind], 1, "{kind}");
    }
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 4);
    let first = &errors[0];
    assert!(first["file"].as_str().unwrap().ends_with("topics/alpha.toml"));
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(29), Some(10)));
    assert!(first["message"].as_str().unwrap().contains("`lamda` is not one of the options"));
}

#[test]
fn json_report_of_the_built_in_content() {
    let out = cloudcram().args(["validate", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["errors"], serde_json::json!([]));
    let topics = v["topics"].as_array().unwrap();
    assert_eq!(v["counts"]["topics"].as_u64(), Some(topics.len() as u64));
}

#[test]
fn content_dir_comes_from_the_environment_too() {
    let tmp = content_with(Some("bad-task"));
    let out = cloudcram().arg("validate").env("CLOUDCRAM_CONTENT_DIR", tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("task `3.9` is not a CLF-C02 task statement"));
}

#[test]
fn a_missing_directory_is_a_clear_error() {
    let out = cloudcram().args(["validate", "/no/such/dir"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "cloudcram: content directory /no/such/dir: not found or not a directory\n"
    );
}

#[test]
fn invalid_content_stops_the_app_before_it_starts() {
    let tmp = content_with(Some("answer-not-option"));
    let out = cloudcram().arg("--content-dir").arg(tmp.path()).arg("study").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not valid (1 problem)"), "{stderr}");
    assert!(stderr.contains("topics/alpha.toml:29:10: answer `lamda` is not one of the options"), "{stderr}");
}

#[test]
fn bad_usage_exits_with_2() {
    let out = cloudcram().args(["quiz", "--count", "many"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = cloudcram().args(["--now", "yesterday", "due"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
