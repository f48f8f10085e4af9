//! The progress store on disk: saves that fail or are killed at every step, the writer
//! lock (in one process and across processes), damaged files that must never be overwritten,
//! unknown ids that must survive, and start-up cleaning.

use std::ffi::OsString;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard};

use cloudcram::progress::{self, Fs, ProgressError, RealFs, Store};
use cloudcram::srs::{CardState, Rating};
use jiff::Timestamp;

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

const NOW: &str = "2026-11-27T15:00:00Z";

/// Spawning a process duplicates this process's open files into the child until it execs, lock
/// files included, so a lock dropped here at that moment stays held for a moment. Tests that
/// open stores hold this for reading; the test that spawns holds it for writing while it does.
static SPAWNING: RwLock<()> = RwLock::new(());

fn no_spawning() -> RwLockReadGuard<'static, ()> {
    SPAWNING.read().unwrap_or_else(PoisonError::into_inner)
}

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

/// A temporary file of a save: `.progress.toml.*.tmp`.
fn is_temp(name: &str) -> bool {
    name.starts_with(".progress.toml.") && name.rsplit('.').next() == Some("tmp")
}

/// A data dir whose progress.toml holds two reviews.
fn saved_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    store.record_review("lambda.max-timeout", Rating::Good, t("2026-11-27T14:00:00Z"));
    store.record_review("ecs.launch-types", Rating::Again, t("2026-11-27T14:01:00Z"));
    store.save().unwrap();
    dir
}

#[test]
fn save_then_load_and_the_backup_holds_the_previous_file() {
    let _guard = no_spawning();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested/data");
    let mut store = Store::open(&data, t(NOW)).unwrap();
    assert_eq!(store.review_count(), 0);
    store.record_review("lambda.max-timeout", Rating::Good, t("2026-11-27T14:00:00Z"));
    store.save().unwrap();
    let first = read(&data.join("progress.toml")).unwrap();
    assert!(!data.join("progress.toml.bak").exists(), "nothing to back up on the first save");

    store.record_review("lambda.max-timeout", Rating::Good, t("2026-11-27T14:10:00Z"));
    store.save().unwrap();
    assert_eq!(read(&data.join("progress.toml.bak")).unwrap(), first);
    let second = read(&data.join("progress.toml")).unwrap();
    store.save().unwrap();
    assert_eq!(read(&data.join("progress.toml.bak")).unwrap(), second);
    assert_eq!(names(&data), ["progress.lock", "progress.toml", "progress.toml.bak"]);
    drop(store);

    let back = progress::load(&data).unwrap();
    assert_eq!(back.review_count(), 2);
    assert_eq!(back.card("lambda.max-timeout").state, CardState::Review);
}

/// Fails the n-th file operation after `arm`, cutting a write short halfway. In "crash" mode
/// every operation after the failure fails too, as if the process had died there.
struct FaultyFs {
    inner: RealFs,
    state: Arc<FaultState>,
}

#[derive(Default)]
struct FaultState {
    armed: AtomicBool,
    ops: AtomicUsize,
    fail_at: AtomicUsize,
    crash: AtomicBool,
    failed: AtomicBool,
}

impl FaultyFs {
    fn check(&self) -> io::Result<()> {
        let s = &self.state;
        if !s.armed.load(Ordering::SeqCst) {
            return Ok(());
        }
        if s.failed.load(Ordering::SeqCst) && s.crash.load(Ordering::SeqCst) {
            return Err(io::Error::other("process is dead"));
        }
        let n = s.ops.fetch_add(1, Ordering::SeqCst);
        if n == s.fail_at.load(Ordering::SeqCst) {
            s.failed.store(true, Ordering::SeqCst);
            return Err(io::Error::other(format!("injected failure at operation {n}")));
        }
        Ok(())
    }
}

impl Fs for FaultyFs {
    fn write_new_synced(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let dead = self.state.failed.load(Ordering::SeqCst);
        if let Err(e) = self.check() {
            if !dead {
                // The injected failure: a write cut short, half the bytes reach the file.
                let _ = std::fs::write(path, &bytes[..bytes.len() / 2]);
            }
            return Err(e);
        }
        self.inner.write_new_synced(path, bytes)
    }
    fn hard_link(&self, original: &Path, link: &Path) -> io::Result<()> {
        self.check()?;
        self.inner.hard_link(original, link)
    }
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.check()?;
        self.inner.read(path)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.check()?;
        self.inner.rename(from, to)
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        self.check()?;
        self.inner.sync_dir(dir)
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        self.check()?;
        self.inner.remove_file(path)
    }
    fn list_dir(&self, dir: &Path) -> io::Result<Vec<OsString>> {
        self.check()?;
        self.inner.list_dir(dir)
    }
}

/// Saves with the `fail_at`-th file operation failing (`crash`: and every one after it, as if
/// the process died there), then checks what is on disk. Returns whether the save went through
/// without any failure, i.e. `fail_at` was past the last step.
fn save_failing_at(fail_at: usize, crash: bool) -> bool {
    let dir = saved_dir();
    let path = dir.path().join("progress.toml");
    let old = read(&path).unwrap();
    let state = Arc::new(FaultState::default());
    state.fail_at.store(fail_at, Ordering::SeqCst);
    state.crash.store(crash, Ordering::SeqCst);
    let fs = FaultyFs { inner: RealFs, state: state.clone() };
    let mut store = Store::open_with_fs(dir.path(), t(NOW), Box::new(fs)).unwrap();
    store.record_review("lambda.max-timeout", Rating::Easy, t("2026-11-27T14:10:00Z"));
    let new = store.to_toml();
    state.armed.store(true, Ordering::SeqCst);
    let saved = store.save();
    let failed = state.failed.load(Ordering::SeqCst);
    let at = format!("failure at step {fail_at} (crash: {crash})");
    match &saved {
        Ok(()) => assert!(!failed || !crash, "{at}: a dead process cannot finish a save"),
        Err(e) => {
            assert!(matches!(e, ProgressError::Save { .. }), "{e}");
            let msg = e.to_string();
            assert!(msg.contains("injected failure") || msg.contains("process is dead"), "{at}: {e}");
        }
    }

    // On disk: the old file or the new one, never a mix; the backup, if any, the old one.
    let now = read(&path).unwrap();
    assert!(now == old || now == new, "{at} left a broken file:\n{now}");
    if let Some(bak) = read(&dir.path().join("progress.toml.bak")) {
        assert_eq!(bak, old, "{at}: the backup is not the previous file");
    }
    if crash {
        drop(store);
    } else {
        // A failed save cleans up after itself, and the store stays usable: the next save,
        // with nothing failing, goes through.
        let leftovers: Vec<_> = names(dir.path()).into_iter().filter(|n| is_temp(n)).collect();
        assert!(leftovers.is_empty(), "{at}: a failed save left {leftovers:?}");
        state.armed.store(false, Ordering::SeqCst);
        store.save().unwrap();
        assert_eq!(read(&path).unwrap(), new);
        drop(store);
    }

    // What a restart finds: stale temporary files gone, a file that loads.
    let reopened = Store::open(dir.path(), t(NOW)).unwrap();
    let n = reopened.review_count();
    assert!(n == 2 || n == 3, "{at}: {n} reviews after restart");
    assert!(names(dir.path()).iter().all(|n| !is_temp(n)), "{at}: {:?}", names(dir.path()));
    saved.is_ok() && !failed
}

#[test]
fn a_save_failing_at_any_step_leaves_the_old_file_or_the_new_one() {
    let _guard = no_spawning();
    for crash in [false, true] {
        let steps = (0..100).take_while(|&fail_at| !save_failing_at(fail_at, crash)).count();
        // Remove leftovers, write temp, link backup, rename backup, rename file, sync dir.
        assert!((6..100).contains(&steps), "{steps} steps could be interrupted (crash: {crash})");
    }
}

#[test]
fn a_killed_save_leaves_a_temp_file_that_start_up_removes() {
    let _guard = no_spawning();
    let dir = saved_dir();
    let stale = dir.path().join(".progress.toml.99999.tmp");
    std::fs::write(&stale, "schema = 1\n[[review]]\ncard = \"half").unwrap();
    let stale_bak = dir.path().join(".progress.toml.bak.99999.tmp");
    std::fs::write(&stale_bak, "").unwrap();
    let unrelated = dir.path().join("notes.tmp");
    std::fs::write(&unrelated, "mine").unwrap();
    // A reader leaves them alone (it does not own the directory)...
    progress::load(dir.path()).unwrap();
    assert!(stale.exists());
    // ...the writer cleans up.
    let store = Store::open(dir.path(), t(NOW)).unwrap();
    assert!(!stale.exists() && !stale_bak.exists());
    assert!(unrelated.exists(), "only cloudcram's own temporary files are removed");
    assert_eq!(store.review_count(), 2);
}

#[test]
fn a_second_writer_in_the_same_process_is_refused() {
    let _guard = no_spawning();
    let dir = saved_dir();
    let first = Store::open(dir.path(), t(NOW)).unwrap();
    let err = Store::open(dir.path(), t(NOW)).unwrap_err();
    match &err {
        ProgressError::Locked { pid, dir: d } => {
            assert_eq!(*pid, Some(std::process::id()));
            assert_eq!(d, dir.path());
        }
        other => panic!("{other}"),
    }
    let msg = err.to_string();
    assert!(msg.contains(&format!("in use by another cloudcram (process {})", std::process::id())), "{msg}");
    assert!(msg.contains("--data-dir"), "{msg}");
    // Readers are not writers: they still get in.
    assert_eq!(progress::load(dir.path()).unwrap().review_count(), 2);
    drop(first);
    Store::open(dir.path(), t(NOW)).unwrap();
}

/// Run by `a_writer_in_another_process_is_named_and_its_death_frees_the_lock`: holds the lock
/// until its stdin closes.
#[test]
#[ignore = "helper process for the cross-process lock test"]
fn lock_holder_child() {
    let dir = PathBuf::from(std::env::var_os("CLOUDCRAM_TEST_LOCK_DIR").expect("run by the lock test"));
    let _store = Store::open(&dir, t(NOW)).unwrap();
    println!("\nHOLDING {}", std::process::id());
    let mut sink = String::new();
    let _ = io::stdin().read_line(&mut sink);
}

#[test]
fn a_writer_in_another_process_is_named_and_its_death_frees_the_lock() {
    let dir = saved_dir();
    let spawning = SPAWNING.write().unwrap_or_else(PoisonError::into_inner);
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "lock_holder_child", "--ignored", "--nocapture", "--test-threads=1"])
        .env("CLOUDCRAM_TEST_LOCK_DIR", dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(spawning);
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    // libtest prints its own words around the child's; take the number after HOLDING.
    let holding =
        lines.by_ref().map_while(Result::ok).find_map(|l| Some(l.split_once("HOLDING ")?.1.trim().to_string()));
    assert_eq!(holding, Some(child.id().to_string()), "the child did not take the lock");

    let err = Store::open(dir.path(), t(NOW)).unwrap_err();
    assert!(matches!(err, ProgressError::Locked { pid: Some(p), .. } if p == child.id()), "{err}");
    assert!(err.to_string().contains(&format!("process {}", child.id())), "{err}");
    // Read-only use goes on meanwhile.
    assert_eq!(progress::load(dir.path()).unwrap().review_count(), 2);

    // Killed outright, the child cannot unlock; the OS does.
    child.kill().unwrap();
    child.wait().unwrap();
    let store = Store::open(dir.path(), t(NOW)).unwrap();
    assert_eq!(store.review_count(), 2);
}

/// Each kind of damage: the writer and the reader refuse it with a position, and the file is
/// left byte for byte as it was.
#[test]
fn damaged_files_are_refused_and_never_overwritten() {
    let _guard = no_spawning();
    let good = {
        let dir = saved_dir();
        read(&dir.path().join("progress.toml")).unwrap()
    };
    let cut = &good[..good.find("rating = \"again\"").unwrap() + 12];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated", cut.as_bytes().to_vec(), "TOML syntax"),
        ("empty", Vec::new(), "the file is empty"),
        ("garbage", b"\x89PNG\r\n\x1a\n\x00\x00binary".to_vec(), "not UTF-8 text"),
        ("garbage text", b"{\"json\": true}".to_vec(), "TOML syntax"),
        ("wrong type", good.replace("rating = \"good\"", "rating = 3").into_bytes(), "expected a string"),
        ("newer schema", good.replace("schema = 1", "schema = 7").into_bytes(), "schema 7 is newer"),
    ];
    for (what, bytes, expect) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        std::fs::write(&path, &bytes).unwrap();
        for err in [Store::open(dir.path(), t(NOW)).unwrap_err(), progress::load(dir.path()).unwrap_err()] {
            let msg = err.to_string();
            let first = msg.lines().next().unwrap();
            let prefix = format!("{}:", path.display());
            assert!(first.starts_with(&prefix), "{what}: {msg}");
            let pos: Vec<&str> = first[prefix.len()..].splitn(3, ':').collect();
            assert!(
                pos[0].parse::<usize>().is_ok() && pos[1].parse::<usize>().is_ok(),
                "{what}: no LINE:COL in {first}"
            );
            assert!(first.contains(expect), "{what}: {msg}");
            assert!(msg.contains("left") && msg.contains("as it is"), "{what}: no advice in {msg}");
        }
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{what}: the file was changed");
        assert_eq!(names(dir.path()), ["progress.lock", "progress.toml"], "{what}");
    }
}

#[test]
fn the_advice_points_at_the_backup_when_there_is_one() {
    let _guard = no_spawning();
    let dir = saved_dir();
    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    store.save().unwrap();
    drop(store);
    std::fs::write(dir.path().join("progress.toml"), "schema = 1\n[[review]]\n").unwrap();
    let msg = progress::load(dir.path()).unwrap_err().to_string();
    assert!(msg.contains(":2:1: missing key `card`"), "{msg}");
    assert!(msg.contains("put back the last good copy (`cp "), "{msg}");
    assert!(msg.contains("progress.toml.bak"), "{msg}");
}

#[test]
fn reviews_of_unknown_ids_survive_load_and_save_untouched() {
    let _guard = no_spawning();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.toml");
    let by_hand = "schema = 1\n\n[[review]]\ncard = \"retired-topic.some-question\"\nat = 2025-01-02T03:04:05.678Z\n\
                   rating = \"hard\"\n\n[[review]]\ncard = \"lambda.max-timeout\"\nat = 2026-11-27T14:00:00Z\nrating = \"good\"\n";
    std::fs::write(&path, by_hand).unwrap();
    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    store.record_review("lambda.max-timeout", Rating::Good, t("2026-11-27T14:10:00Z"));
    store.save().unwrap();
    drop(store);
    let text = read(&path).unwrap();
    assert!(
        text.contains(
            "[[review]]\ncard = \"retired-topic.some-question\"\nat = 2025-01-02T03:04:05.678Z\nrating = \"hard\"\n"
        ),
        "{text}"
    );
    let back = progress::load(dir.path()).unwrap();
    let kept: Vec<_> = back.reviews().filter(|r| r.card == "retired-topic.some-question").collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].at, t("2025-01-02T03:04:05.678Z"));
    assert_eq!(back.review_count(), 3);
}

#[test]
fn a_file_deleted_while_open_is_written_again() {
    let _guard = no_spawning();
    let dir = saved_dir();
    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    std::fs::remove_file(dir.path().join("progress.toml")).unwrap();
    store.record_review("lambda.max-timeout", Rating::Hard, t("2026-11-27T14:30:00Z"));
    store.save().unwrap();
    assert_eq!(progress::load(dir.path()).unwrap().review_count(), 3);
    assert!(!dir.path().join("progress.toml.bak").exists());
}

#[test]
fn reading_never_creates_the_data_dir() {
    let _guard = no_spawning();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("not-yet");
    let p = progress::load(&data).unwrap();
    assert_eq!(p.review_count(), 0);
    assert!(!data.exists());
}

#[test]
fn settings_exams_bury_and_suspend_are_kept_in_the_file() {
    let _guard = no_spawning();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("progress.toml"), "schema = 1\n[settings]\nnew_cards_per_day = 5\nfuzz = false\n")
        .unwrap();
    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    assert_eq!(store.settings().new_cards_per_day, 5);
    assert!(!store.settings().fuzz);
    store.suspend("ecs.x");
    store.bury("lambda.y", t(NOW));
    store.record_exam(progress::ExamRecord {
        at: t(NOW),
        topics: vec!["lambda".into()],
        score: 2,
        total: 3,
        passed: false,
        seconds: Some(95),
        answers: vec![progress::ExamAnswer {
            question: "lambda.y".into(),
            given: vec!["a".into()],
            correct: false,
            flagged: true,
        }],
    });
    store.save().unwrap();
    drop(store);

    let back = progress::load(dir.path()).unwrap();
    assert!(back.is_suspended("ecs.x"));
    assert!(back.is_buried("lambda.y", t(NOW)));
    assert_eq!(back.exams().len(), 1);
    assert_eq!(back.exams()[0].answers[0].question, "lambda.y");
    assert!(back.exams()[0].answers[0].flagged);
    // The bury ends with the UTC day; the next writer to open forgets it.
    let next_day = t("2026-11-28T00:00:01Z");
    assert!(!back.is_buried("lambda.y", next_day));
    let mut store = Store::open(dir.path(), next_day).unwrap();
    store.save().unwrap();
    assert!(!read(&dir.path().join("progress.toml")).unwrap().contains("[[buried]]"));
}

#[test]
fn the_last_rating_before_a_restart_can_be_undone_and_only_that_one() {
    let _guard = no_spawning();
    let dir = saved_dir();
    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    let last = store.last_undoable_review().unwrap();
    assert_eq!((last.card, last.rating), ("ecs.launch-types", Rating::Again));
    assert_eq!(store.undo_last_review().map(|u| u.0), Some("ecs.launch-types".to_string()));
    assert_eq!(store.card("ecs.launch-types").state, CardState::New);
    assert_eq!(store.undo_last_review(), None, "one rating from before the restart, no more");
    store.save().unwrap();
    drop(store);
    let back = progress::load(dir.path()).unwrap();
    assert_eq!(back.review_count(), 1);
    assert_eq!(back.reviews().last().unwrap().card, "lambda.max-timeout");
}

#[test]
fn practice_lessons_read_and_the_new_settings_survive_a_save() {
    let _guard = no_spawning();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    let settings = progress::Settings {
        new_order: progress::NewOrder::Topics,
        reviews_per_day: 40,
        desired_retention: 0.85,
        ..store.settings()
    };
    store.set_settings(settings).unwrap();
    store.record_practice("lambda.max-timeout", false, progress::PracticeMode::Check, t(NOW));
    store.record_practice("retired.question", true, progress::PracticeMode::Drill, t(NOW));
    store.mark_read("lambda.basics", t(NOW));
    store.save().unwrap();
    drop(store);
    let back = progress::load(dir.path()).unwrap();
    assert_eq!(back.settings(), settings);
    assert_eq!(back.practice().len(), 2);
    assert_eq!(back.practice()[1].card, "retired.question");
    assert!(back.is_read("lambda.basics"));
    assert!(back.card("lambda.max-timeout").is_new(), "practice does not start the card");
}
