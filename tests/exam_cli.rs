//! `cloudcram exam` through the real binary, without a terminal: the report of a past exam
//! (`--report [last|N] [--json]`, INTERFACE.md's shape), and the checks made before the app
//! opens (a count beyond the pool, nothing to resume, a damaged exam file).

use std::path::Path;

use assert_cmd::Command;
use cloudcram::content::Course;
use cloudcram::quiz::exam::Kinds;
use serde_json::{Value, json};

const NOW: &str = "2026-11-27T15:00:00Z";

fn cloudcram(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("cloudcram").unwrap();
    cmd.env_remove("CLOUDCRAM_CONTENT_DIR").env("CLOUDCRAM_NOW", NOW).env("CLOUDCRAM_DATA_DIR", data);
    cmd
}

fn course() -> Course {
    cloudcram::content::load(None).unwrap()
}

/// The first question of each of the first `n` topics (ids, topic ids, tasks, kinds).
fn firsts(course: &Course, n: usize) -> Vec<(String, String, String, String)> {
    course.topics[..n]
        .iter()
        .map(|t| {
            let q = &t.questions[0];
            (q.id.clone(), t.id.clone(), q.task.to_string(), q.kind().name().to_string())
        })
        .collect()
}

fn answer(question: &str, given: &[&str], correct: bool, flagged: bool) -> String {
    let given: Vec<String> = given.iter().map(|g| format!("\"{g}\"")).collect();
    let flag = if flagged { "flagged = true\n" } else { "" };
    format!("\n[[exam.answer]]\nquestion = \"{question}\"\ngiven = [{}]\ncorrect = {correct}\n{flag}", given.join(", "))
}

/// A data dir holding two exams, the newer one written first (numbering goes by time): an
/// old one of one question, and one of three questions from three topics plus a question the
/// content no longer has: right and flagged, unanswered, wrong, right.
fn two_exams(q: &[(String, String, String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("schema = 1\n");
    text += "\n[[exam]]\nat = 2026-11-26T10:30:00Z\ntopics = []\nscore = 2\ntotal = 4\npassed = false\nseconds = 754\n";
    text += &answer(&q[0].0, &["a"], true, true);
    text += &answer(&q[1].0, &[], false, false);
    text += &answer(&q[2].0, &["x", "y"], false, false);
    text += &answer("retired.question", &["true"], true, false);
    text += "\n[[exam]]\nat = 2026-11-20T09:00:00Z\ntopics = [\"lambda\"]\nscore = 1\ntotal = 1\npassed = true\n";
    text += &answer(&q[0].0, &["a"], true, false);
    std::fs::write(dir.path().join("progress.toml"), text).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = cloudcram(dir).args(args).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn report_json_has_the_interface_shape() {
    let q = firsts(&course(), 3);
    let dir = two_exams(&q);
    let (code, stdout, stderr) = run(dir.path(), &["exam", "--report", "--json"]);
    assert_eq!(code, Some(0), "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let question = |i: usize, correct, flagged, answered| json!({"id": q[i].0, "kind": q[i].3, "correct": correct, "flagged": flagged, "answered": answered});
    let mut tasks: Vec<(String, usize, usize)> = Vec::new();
    for (i, correct) in [(0, 1), (1, 0), (2, 0)] {
        match tasks.iter_mut().find(|t| t.0 == q[i].2) {
            Some(t) => (t.1, t.2) = (t.1 + correct, t.2 + 1),
            None => tasks.push((q[i].2.clone(), correct, 1)),
        }
    }
    tasks.sort();
    let want = json!({
        "at": "2026-11-26T10:30:00Z", "score": 2, "total": 4, "scaled": 550, "passed": false,
        "seconds": 754, "flagged": 1, "unanswered": 1,
        "topics": [
            {"id": q[0].1, "correct": 1, "total": 1},
            {"id": q[1].1, "correct": 0, "total": 1},
            {"id": q[2].1, "correct": 0, "total": 1},
            {"id": "retired", "correct": 1, "total": 1},
        ],
        "tasks": tasks.iter().map(|(id, c, t)| json!({"id": id, "correct": c, "total": t})).collect::<Vec<_>>(),
        "questions": [
            question(0, true, true, true),
            question(1, false, false, false),
            question(2, false, false, true),
            {"id": "retired.question", "kind": null, "correct": true, "flagged": false, "answered": true},
        ],
    });
    assert_eq!(v, want);
    // `last` and the number of the newest are the same exam; 1 is the oldest.
    assert_eq!(run(dir.path(), &["exam", "--report", "last", "--json"]).1, stdout);
    assert_eq!(run(dir.path(), &["exam", "--report", "2", "--json"]).1, stdout);
    let (_, oldest, _) = run(dir.path(), &["exam", "--report", "1", "--json"]);
    let oldest: Value = serde_json::from_str(&oldest).unwrap();
    assert_eq!((oldest["at"].as_str(), oldest["scaled"].as_u64()), (Some("2026-11-20T09:00:00Z"), Some(1000)));
    assert!(oldest["seconds"].is_null());
}

#[test]
fn report_text_gives_the_result_the_subtotals_and_the_missed_ids() {
    let q = firsts(&course(), 3);
    let dir = two_exams(&q);
    let (code, text, stderr) = run(dir.path(), &["exam", "--report"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        text.starts_with("Exam of 2026-11-26 10:30 UTC: NOT PASSED\nScore: 2 of 4 right, scaled 550 (700 to pass)\n")
    );
    assert!(text.contains("Time used: 12:34\nFlagged: 1, unanswered: 1\n"), "{text}");
    assert!(text.contains("\nBy topic:\n") && text.contains("\nBy CLF-C02 task:\n"), "{text}");
    assert!(text.contains(&format!("\n  {}  (unanswered)\n  {}\n", q[1].0, q[2].0)), "{text}");
    assert!(text.contains("\nMissed (2):\n"), "{text}");
}

#[test]
fn report_without_exams_or_out_of_range_is_a_clear_failure() {
    let empty = tempfile::tempdir().unwrap();
    let data = empty.path().join("not-yet");
    let (code, stdout, stderr) = run(&data, &["exam", "--report"]);
    assert_eq!(code, Some(1));
    assert!(stdout.is_empty());
    assert_eq!(stderr, "cloudcram: no exam has been finished yet, so there is no report; cloudcram exam starts one\n");
    assert!(!data.exists(), "a report only reads");
    let dir = two_exams(&firsts(&course(), 3));
    let (code, _, stderr) = run(dir.path(), &["exam", "--report", "3", "--json"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        "cloudcram: there is no exam 3: only 2 exams have been finished, numbered 1 (the oldest) to 2\n"
    );
}

#[test]
fn a_count_beyond_the_pool_stops_with_status_2_and_the_pool_size() {
    let course = course();
    let dir = tempfile::tempdir().unwrap();
    // The exam kinds, and every generated card: an exam asks those as single choice.
    let pool = course.questions().filter(|q| Kinds::Exam.allows(q.kind()) || q.id.starts_with("gen.")).count();
    let (code, _, stderr) = run(dir.path(), &["exam", "--count", "9999"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "cloudcram: cannot draw 9999 questions: the pool has {pool} questions of the chosen topics and kinds; \
             ask for {pool} or fewer (--kinds all adds the order, match and numeric questions)\n"
        )
    );
    let lambda = course.topic("lambda").unwrap().questions.len();
    let (code, _, stderr) = run(dir.path(), &["exam", "--topic", "lambda", "--kinds", "all", "--count", "9999"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains(&format!("the pool has {lambda} questions")) && !stderr.contains("--kinds"), "{stderr}");
    // The whole pool is fine: the checks pass, and only the missing terminal stops it.
    let (code, _, stderr) = run(dir.path(), &["exam", "--count", &pool.to_string(), "--minutes", "0.1"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(!stderr.contains("pool") && !stderr.contains("invalid value"), "{stderr}");
}

#[test]
fn resume_needs_an_unfinished_exam() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(dir.path(), &["exam", "--resume"]);
    assert_eq!(code, Some(1));
    assert_eq!(stderr, "cloudcram: there is no unfinished exam to resume; cloudcram exam starts a new one\n");
    let (code, _, stderr) = run(dir.path(), &["exam", "--resume", "--count", "5"]);
    assert_eq!(code, Some(2), "--resume takes the exam as it was: {stderr}");
    // With one saved, the check passes (and only the missing terminal stops it).
    let course = course();
    let spec = cloudcram::quiz::exam::Spec::new(vec![], Some(3), None, Kinds::Exam, 1);
    let mut store = cloudcram::progress::Store::open(dir.path(), NOW.parse().unwrap()).unwrap();
    let drawn = cloudcram::quiz::exam::draw(&course, &store, &spec).unwrap();
    let sheet = cloudcram::quiz::exam::Sheet::new(&course, &spec, &drawn, NOW.parse().unwrap());
    store.save_sheet(&sheet).unwrap();
    drop(store);
    let (code, _, stderr) = run(dir.path(), &["exam", "--resume"]);
    assert_eq!(code, Some(1));
    assert!(!stderr.contains("no unfinished exam"), "{stderr}");
}

#[test]
fn a_damaged_exam_file_stops_every_writer_at_its_place_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("exam-in-progress.toml");
    let broken = "schema = 1\nstarted = 2026-11-27T15:00:00Z\ntime = \"90m\"\nleft = \"soon\"\nkinds = \"exam\"\n\
                  seed = \"1\"\n\n[[question]]\nid = \"lambda.max-timeout\"\nsingle = 0\n";
    std::fs::write(&path, broken).unwrap();
    for args in [&["exam", "--resume"][..], &["exam"], &["review"]] {
        let (code, _, stderr) = run(dir.path(), args);
        assert_eq!(code, Some(1), "{args:?}");
        let first = stderr.lines().next().unwrap();
        let want = format!("{}:4:8: `left` must be a duration like \"1h 30m\" or \"41m 7s\"", path.display());
        assert_eq!(first, want, "{args:?}: {stderr}");
        assert!(stderr.contains("it holds an unfinished exam"), "{stderr}");
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken, "never overwritten");
    // The read-only commands do not need it.
    assert_eq!(run(dir.path(), &["stats", "--json"]).0, Some(0));
    assert_eq!(run(dir.path(), &["exam", "--report"]).0, Some(1), "no exams, but not for the damage");
}
