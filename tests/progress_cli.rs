//! `cloudcram due` and `cloudcram stats` through the real binary, on a temporary data dir:
//! the JSON shapes of INTERFACE.md, `--now` and `--data-dir` (and their environment
//! variables), study limits, damaged files, and reading while a writer holds the lock.

use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;
use cloudcram::progress::Store;
use serde_json::Value;

const NOW: &str = "2026-11-27T15:00:00Z";

fn cloudcram() -> Command {
    let mut cmd = Command::cargo_bin("cloudcram").unwrap();
    cmd.env_remove("CLOUDCRAM_CONTENT_DIR").env_remove("CLOUDCRAM_DATA_DIR").env_remove("CLOUDCRAM_NOW");
    cmd
}

/// The built-in course's question ids, in course order, with their topics.
fn questions() -> Vec<(String, String)> {
    let course = cloudcram::content::load(None).unwrap();
    course.questions().map(|q| (q.id.clone(), q.topic.clone())).collect()
}

fn json(dir: &Path, args: &[&str], now: &str) -> Value {
    let out = cloudcram().arg("--data-dir").arg(dir).args(["--now", now]).args(args).arg("--json").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn review(card: &str, at: &str, rating: &str) -> String {
    format!("\n[[review]]\ncard = \"{card}\"\nat = {at}\nrating = \"{rating}\"\n")
}

/// A data dir with: card 0 learning (due 14:10), card 1 in review since a week ago (Easy:
/// 8 days, due tomorrow), card 2 forgotten twice, card 3 suspended but due, card 4 buried, a
/// review of a retired question, and an exam.
fn sample(q: &[(String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut text = format!(
        "schema = 1\nsuspended = [\"{}\"]\n\n[settings]\nfuzz = false\nnew_cards_per_day = 5\n\n\
         [[buried]]\ncard = \"{}\"\nuntil = 2026-11-28T00:00:00Z\n",
        q[3].0, q[4].0
    );
    text += &review(&q[0].0, "2026-11-27T14:00:00Z", "good");
    text += &review(&q[1].0, "2026-11-20T09:00:00Z", "easy");
    text += &review(&q[2].0, "2026-11-27T13:00:00Z", "again");
    text += &review(&q[2].0, "2026-11-27T13:01:00Z", "again");
    text += &review(&q[3].0, "2026-11-27T13:00:00Z", "hard");
    text += &review(&q[4].0, "2026-11-27T13:00:00Z", "hard");
    text += &review("retired.question", "2026-11-27T13:00:00Z", "good");
    text += "\n[[exam]]\nat = 2026-11-26T10:00:00Z\ntopics = [\"lambda\"]\nscore = 50\ntotal = 65\npassed = true\n\n\
             [[exam.answer]]\nquestion = \"lambda.max-timeout\"\ngiven = [\"15-min\"]\ncorrect = true\n";
    std::fs::write(dir.path().join("progress.toml"), text).unwrap();
    dir
}

#[test]
fn due_json_lists_the_due_cards_by_due_time() {
    let q = questions();
    let dir = sample(&q);
    let v = json(dir.path(), &["due"], NOW);
    assert_eq!(v["now"], NOW);
    // Card 0 (due 14:10) and card 2 (again twice: due 13:02); card 3 is suspended, card 4
    // buried, card 1 due tomorrow.
    assert_eq!(v["due"], 2);
    let cards = v["cards"].as_array().unwrap();
    let ids: Vec<&str> = cards.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [q[2].0.as_str(), q[0].0.as_str()]);
    let c = &cards[1];
    assert_eq!(c["topic"], q[0].1.as_str());
    assert_eq!(c["state"], "learning");
    assert_eq!(c["due"], "2026-11-27T14:10:00Z");
    assert_eq!(c["stability"], 2.3065);
    assert!((c["difficulty"].as_f64().unwrap() - 2.118_103_970_459_016).abs() < 1e-9);
    assert_eq!(c["reps"], 1);
    assert_eq!(c["lapses"], 0);
    assert_eq!(cards[0]["reps"], 2);
    // New: every question never reviewed and not suspended; 5 a day, none introduced today
    // except cards 0, 2, 3 and 4 (first reviewed today): 1 left.
    assert_eq!(v["new"], q.len() - 5);
    assert_eq!(v["new_today"], 1);
    assert_eq!(v["next_due"], "2026-11-28T09:00:00Z");
}

#[test]
fn due_all_lists_every_card_new_ones_with_nulls() {
    let q = questions();
    let dir = sample(&q);
    let v = json(dir.path(), &["due", "--all"], NOW);
    let cards = v["cards"].as_array().unwrap();
    assert_eq!(cards.len(), q.len());
    assert_eq!(v["due"], 2, "--all lists more, but counts the same");
    // Cards with a due time first, by due time; then the new ones in course order.
    let dues: Vec<&str> = cards.iter().filter_map(|c| c["due"].as_str()).collect();
    assert_eq!(dues.len(), 5);
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{dues:?}");
    let first_new = &cards[5];
    assert_eq!(first_new["id"], q[5].0.as_str());
    assert_eq!(first_new["state"], "new");
    for key in ["due", "stability", "difficulty"] {
        assert!(first_new[key].is_null(), "{key}");
    }
    assert_eq!(first_new["reps"], 0);
    let suspended = cards.iter().find(|c| c["id"] == q[3].0.as_str()).unwrap();
    assert_eq!(suspended["suspended"], true);
    let buried = cards.iter().find(|c| c["id"] == q[4].0.as_str()).unwrap();
    assert_eq!(buried["buried"], true);
}

#[test]
fn now_moves_the_clock() {
    let q = questions();
    let dir = sample(&q);
    // A week on: the review card is due; the bury is over; a new day of new cards.
    let v = json(dir.path(), &["due"], "2026-12-04T12:00:00Z");
    assert_eq!(v["due"], 4);
    assert_eq!(v["new_today"], 5);
    let ids: Vec<&str> = v["cards"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&q[1].0.as_str()) && ids.contains(&q[4].0.as_str()));
    assert!(!ids.contains(&q[3].0.as_str()), "suspended stays out");
    // Before any review, nothing is due.
    assert_eq!(json(dir.path(), &["due"], "2026-11-01T00:00:00Z")["due"], 0);
}

#[test]
fn the_environment_gives_data_dir_and_now_too() {
    let q = questions();
    let dir = sample(&q);
    let out = cloudcram()
        .env("CLOUDCRAM_DATA_DIR", dir.path())
        .env("CLOUDCRAM_NOW", "2026-12-04T12:00:00Z")
        .args(["due", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["now"], "2026-12-04T12:00:00Z");
    assert_eq!(v["due"], 4);
}

#[test]
fn stats_json_has_topics_reviews_and_exams() {
    let q = questions();
    let dir = sample(&q);
    let v = json(dir.path(), &["stats"], NOW);
    assert_eq!(v["reviews_total"], 7, "the retired question's review counts too");
    assert_eq!(v["reviews_of_unknown_cards"], 1);
    assert_eq!(v["cards_seen"], 5);
    assert_eq!(v["cards_total"], q.len());
    let topics = v["topics"].as_array().unwrap();
    let first = topics.iter().find(|t| t["id"] == q[0].1.as_str()).unwrap();
    for key in ["id", "cards", "seen", "mastered"] {
        assert!(!first[key].is_null(), "{key}");
    }
    let seen: u64 = topics.iter().map(|t| t["seen"].as_u64().unwrap()).sum();
    assert_eq!(seen, 5);
    assert_eq!(v["cards_mastered"], 0);
    let exam = &v["exams"][0];
    assert_eq!(exam["at"], "2026-11-26T10:00:00Z");
    assert_eq!(
        (exam["score"].as_u64(), exam["total"].as_u64(), exam["passed"].as_bool()),
        (Some(50), Some(65), Some(true))
    );
    assert_eq!(exam["topics"][0], "lambda");
    assert_eq!(exam["scaled"], 792, "100 + 900 x 50/65, rounded");
    // A good review on time makes card 1 mastered (interval over 21 days) and counts for
    // retention; forgetting it later halves retention.
    let path = dir.path().join("progress.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text += &review(&q[1].0, "2026-11-28T09:00:00Z", "good");
    std::fs::write(&path, &text).unwrap();
    let v = json(dir.path(), &["stats"], "2026-12-01T00:00:00Z");
    assert_eq!(v["cards_mastered"], 1);
    assert_eq!(v["retention"]["true_retention"], 1.0);
    text += &review(&q[1].0, "2027-01-20T09:00:00Z", "again");
    std::fs::write(&path, &text).unwrap();
    let v = json(dir.path(), &["stats"], "2027-02-01T00:00:00Z");
    assert_eq!(v["retention"]["true_retention"], 0.5);
    assert_eq!(v["cards_mastered"], 0);
}

#[test]
fn stats_json_counts_practice_answers_and_lessons_read() {
    let q = questions();
    let dir = sample(&q);
    let path = dir.path().join("progress.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (card, correct, mode) in [(&q[0].0, "false", "quiz"), (&q[0].0, "true", "check"), (&q[6].0, "true", "drill")] {
        let _ = write!(
            text,
            "\n[[practice]]\ncard = \"{card}\"\nat = 2026-11-27T14:30:00Z\ncorrect = {correct}\nmode = \"{mode}\"\n"
        );
    }
    text += "\n[[read]]\nlesson = \"lambda.basics\"\nat = 2026-11-27T14:00:00Z\n";
    std::fs::write(&path, &text).unwrap();
    let v = json(dir.path(), &["stats"], NOW);
    assert_eq!(v["practice"]["answered"], 3);
    assert_eq!(v["practice"]["correct"], 2);
    assert_eq!(v["reviews_total"], 7, "practice is not a review");
    let topic = v["topics"].as_array().unwrap().iter().find(|t| t["id"] == q[0].1.as_str()).unwrap();
    assert_eq!((topic["practiced"].as_u64(), topic["practice_correct"].as_u64()), (Some(3), Some(2)));
    let lambda = v["topics"].as_array().unwrap().iter().find(|t| t["id"] == "lambda").unwrap();
    assert_eq!(lambda["lessons_read"], 1);
    // The schedule is the reviews' alone: `due` is what it was.
    assert_eq!(json(dir.path(), &["due"], NOW)["due"], 2);
    // The table shows them too: practice right of answered per topic, lessons read.
    let out = cloudcram().arg("--data-dir").arg(dir.path()).args(["--now", NOW, "stats"]).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.lines().nth(2).unwrap().contains("READ") && table.contains("PRACTICE"), "{table}");
    let row = table.lines().find(|l| l.starts_with(&format!("{} ", q[0].1))).unwrap();
    assert!(row.ends_with("2/3 (67%)"), "{row}");
    let total = table.lines().find(|l| l.starts_with("total")).unwrap();
    assert!(total.contains(" 1/") && total.ends_with("2/3 (67%)"), "lessons read, practice: {total}");

    // A damaged entry stops the command with its position.
    std::fs::write(&path, text.replace("mode = \"drill\"", "mode = \"exam\"")).unwrap();
    let out = cloudcram().arg("--data-dir").arg(dir.path()).args(["--now", NOW, "stats"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with(&format!("{}:", path.display())), "{stderr}");
    assert!(stderr.contains(": mode `exam` must be one of quiz, drill, check"), "{stderr}");
}

#[test]
fn text_output_is_a_readable_table() {
    let q = questions();
    let dir = sample(&q);
    let out = cloudcram().arg("--data-dir").arg(dir.path()).args(["--now", NOW, "due"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("2 cards due now; {} new cards, 1 allowed today (2026-11-27 15:00 UTC)", q.len() - 5));
    assert!(lines[2].starts_with("CARD") && lines[2].contains("STATE") && lines[2].contains("DUE"));
    assert!(
        lines[3].starts_with(&q[2].0) && lines[3].contains("learning") && lines[3].contains("2026-11-27 13:02 UTC")
    );

    let out = cloudcram().arg("--data-dir").arg(dir.path()).args(["--now", NOW, "stats"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("TOPIC") && text.contains("MASTERED"), "{text}");
    assert!(text.contains("Reviews: 7 (6 today)"), "{text}");
    assert!(text.contains("\n  2026-11-26 10:00 UTC   50/65   scaled  792  passed      lambda\n"), "{text}");
}

#[test]
fn without_a_progress_file_everything_is_new_and_nothing_is_created() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("fresh");
    let v = json(&dir, &["due"], NOW);
    assert_eq!(v["due"], 0);
    assert_eq!(v["new"], questions().len());
    assert_eq!(v["new_today"], 20);
    assert_eq!(v["cards"].as_array().unwrap().len(), 0);
    let v = json(&dir, &["stats"], NOW);
    assert_eq!(v["reviews_total"], 0);
    assert!(v["exams"].as_array().unwrap().is_empty());
    assert!(!dir.exists(), "a read-only command created the data dir");
}

#[test]
fn a_damaged_file_stops_with_its_position_and_is_left_alone() {
    let q = questions();
    let dir = sample(&q);
    let path = dir.path().join("progress.toml");
    let text = std::fs::read_to_string(&path).unwrap().replacen("rating = \"good\"", "rating = \"excellent\"", 1);
    std::fs::write(&path, &text).unwrap();
    for cmd in ["due", "stats"] {
        let out = cloudcram().arg("--data-dir").arg(dir.path()).args(["--now", NOW, cmd]).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8(out.stderr).unwrap();
        let first = stderr.lines().next().unwrap();
        assert_eq!(
            first,
            format!("{}:15:10: rating `excellent` must be one of again, hard, good, easy", path.display())
        );
        assert!(stderr.contains("left") && stderr.contains("as it is"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);

    std::fs::write(&path, "schema = 3\n").unwrap();
    let out = cloudcram().arg("--data-dir").arg(dir.path()).args(["--now", NOW, "due"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with(&format!("{}:1:10: schema 3 is newer", path.display())), "{stderr}");
    assert!(stderr.contains("newer cloudcram"), "{stderr}");
}

#[test]
fn read_only_commands_work_while_a_writer_holds_the_lock() {
    let q = questions();
    let dir = sample(&q);
    let store = Store::open(dir.path(), NOW.parse().unwrap()).unwrap();
    assert_eq!(json(dir.path(), &["due"], NOW)["due"], 2);
    assert_eq!(json(dir.path(), &["stats"], NOW)["reviews_total"], 7);
    drop(store);
}

/// `cloudcram ARGS` on `dir`, given at most ten seconds (a FIFO would block it for ever).
fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    cloudcram()
        .arg("--data-dir")
        .arg(dir)
        .args(["--now", NOW])
        .args(args)
        .timeout(std::time::Duration::from_secs(10))
        .output()
        .unwrap()
}

/// What a case is, how to make it at a path, and what the refusal says.
type SpecialFile = (&'static str, fn(&Path), &'static str);

#[cfg(unix)]
#[test]
fn a_fifo_a_device_or_a_dangling_link_is_refused_at_once_by_every_command() {
    let cases: [SpecialFile; 3] = [
        (
            "fifo",
            |p| assert!(std::process::Command::new("mkfifo").arg(p).status().unwrap().success()),
            "it is a FIFO (a named pipe), not a regular file. cloudcram keeps progress only in a regular file",
        ),
        ("/dev/zero", |p| std::os::unix::fs::symlink("/dev/zero", p).unwrap(), "it is a character device"),
        (
            "dangling link",
            |p| std::os::unix::fs::symlink("/nonexistent/cram.toml", p).unwrap(),
            "it is a symbolic link to /nonexistent/cram.toml, which does not exist. If your progress is there",
        ),
    ];
    for (what, make, expect) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        make(&path);
        // The TUI's start too: it stops before the terminal is touched.
        for args in [&["due", "--json"][..], &["stats"], &["review"], &[]] {
            let out = run(dir.path(), args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{what} {args:?}: {stderr}");
            assert!(stderr.starts_with(&format!("cloudcram: cannot read {}: ", path.display())), "{what}: {stderr}");
            assert!(stderr.contains(expect), "{what}: {stderr}");
        }
    }
}

#[test]
fn a_torn_last_entry_is_reported_on_stderr_and_the_rest_is_used() {
    let q = questions();
    let dir = sample(&q);
    let path = dir.path().join("progress.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    let line = text.lines().count() + 2;
    text += &review(&q[5].0, "2026-11-27T14:59:00Z", "good")[..40];
    std::fs::write(&path, &text).unwrap();
    let out = run(dir.path(), &["stats", "--json"]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["reviews_total"], 7, "the reviews before it");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "cloudcram: warning: {}:{line}:1: a [[review]] at the end of the file was cut short",
            path.display()
        )),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "a reader changes nothing");
}

#[test]
fn text_from_the_progress_file_reaches_the_terminal_escaped() {
    let q = questions();
    let dir = sample(&q);
    let path = dir.path().join("progress.toml");
    let good = std::fs::read_to_string(&path).unwrap();
    // An exam's topics are printed by `stats`.
    std::fs::write(&path, good.replace("topics = [\"lambda\"]", "topics = [\"lambda\\u001b[2J\\u202e\"]")).unwrap();
    let out = run(dir.path(), &["stats"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("lambda\\u{1b}[2J\\u{202e}"), "{stdout}");
    assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{202e}'));
    // A bad value is quoted in the error, escaped.
    std::fs::write(&path, good.replacen("rating = \"good\"", "rating = \"\\u001b]52;c;aGk=\\u0007\"", 1)).unwrap();
    for args in [&["due"][..], &["stats"], &["review"]] {
        let out = run(dir.path(), args);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!stderr.contains('\u{1b}') && !stderr.contains('\u{7}'), "{stderr:?}");
        assert!(stderr.contains("rating `\\u{1b}]52;c;aGk=\\u{7}` must be one of"), "{stderr}");
    }
}

#[test]
fn stats_json_has_the_stats_screens_figures() {
    let q = questions();
    let dir = sample(&q);
    let v = json(dir.path(), &["stats"], NOW);
    let retention = &v["retention"];
    assert!(retention["desired"].as_f64().is_some() && retention.get("true_retention").is_some(), "{retention}");
    let forecast = v["forecast"].as_array().unwrap();
    assert_eq!(forecast.len(), 30);
    assert_eq!(forecast[0]["date"], "2026-11-27");
    // The forecast is `due --all` by UTC day, overdue cards today, suspended ones left out.
    let due = json(dir.path(), &["due", "--all"], NOW);
    let mut want = [0u64; 30];
    for c in due["cards"].as_array().unwrap() {
        let Some(at) = c["due"].as_str() else { continue };
        if c["suspended"] == true {
            continue;
        }
        let day: jiff::civil::Date = at[..10].parse().unwrap();
        let today: jiff::civil::Date = "2026-11-27".parse().unwrap();
        let n = usize::try_from(today.until(day).unwrap().get_days().max(0)).unwrap();
        if n < 30 {
            want[n] += 1;
        }
    }
    let got: Vec<u64> = forecast.iter().map(|d| d["due"].as_u64().unwrap()).collect();
    assert_eq!(got, want.to_vec());
    // The heatmap adds up to every review.
    let heat: u64 = v["heatmap"].as_array().unwrap().iter().map(|d| d["reviews"].as_u64().unwrap()).sum();
    assert_eq!(heat, v["reviews_total"].as_u64().unwrap());
    assert!(v["streak"].as_u64().is_some());
    let r = &v["readiness"];
    let (p, low, high) = (r["percent"].as_f64().unwrap(), r["low"].as_f64().unwrap(), r["high"].as_f64().unwrap());
    assert!((0.0..=100.0).contains(&p) && low <= p && p <= high && high <= 100.0, "{r}");
    let topic = &v["topics"][0];
    let parts: u64 = ["new", "learning", "young", "mature"].iter().map(|k| topic[k].as_u64().unwrap()).sum();
    assert_eq!(parts, topic["cards"].as_u64().unwrap());
    // The text has the charts' figures in words.
    let out = cloudcram().arg("--data-dir").arg(dir.path()).args(["--now", NOW, "stats"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for part in ["Readiness", "a pass needs 67.7%", "Due in the next 30 days", "Reviews, the last", "True retention"] {
        assert!(text.contains(part), "{part}: {text}");
    }
}
