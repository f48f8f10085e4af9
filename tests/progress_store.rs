//! The progress store on disk: saves that fail or are killed at every step, the writer
//! lock (in one process and across processes), damaged files that must never be overwritten,
//! unknown ids that must survive, and start-up cleaning; the same for the exam in progress,
//! and the finish that moves it into progress.toml.

use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, Lines};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard};

use cloudcram::progress::{self, Fs, ProgressError, RealFs, Store};
use cloudcram::quiz::Response;
use cloudcram::quiz::exam::{Kinds, Sheet};
use cloudcram::srs::{CardState, Rating};
use jiff::{SignedDuration, Timestamp};

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

/// A temporary file of a save: `.progress.toml.*.tmp` or `.exam-in-progress.toml.*.tmp`.
fn is_temp(name: &str) -> bool {
    (name.starts_with(".progress.toml.") || name.starts_with(".exam-in-progress.toml."))
        && name.rsplit('.').next() == Some("tmp")
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
fn an_answer_is_appended_and_other_changes_rewrite_with_the_previous_file_as_backup() {
    let _guard = no_spawning();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested/data");
    let path = data.join("progress.toml");
    let mut store = Store::open(&data, t(NOW)).unwrap();
    assert_eq!(store.review_count(), 0);
    store.record_review("lambda.max-timeout", Rating::Good, t("2026-11-27T14:00:00Z"));
    store.save().unwrap();
    let first = read(&path).unwrap();
    assert!(!data.join("progress.toml.bak").exists(), "nothing to back up on the first save");

    // An answer: its entry at the end, the same file (inode) grown, no backup taken.
    let inode = file_id(&path);
    store.record_review("lambda.max-timeout", Rating::Good, t("2026-11-27T14:10:00Z"));
    store.record_practice("ecs.x", true, progress::PracticeMode::Quiz, t("2026-11-27T14:11:00Z"));
    store.save().unwrap();
    let second = read(&path).unwrap();
    assert_eq!(
        second,
        format!(
            "{first}\n[[review]]\ncard = \"lambda.max-timeout\"\nat = 2026-11-27T14:10:00Z\nrating = \"good\"\n\
             \n[[practice]]\ncard = \"ecs.x\"\nat = 2026-11-27T14:11:00Z\ncorrect = true\nmode = \"quiz\"\n"
        )
    );
    assert_eq!(second, store.to_toml(), "an appended file reads as the whole file would be written");
    assert_eq!(file_id(&path), inode);
    assert!(!data.join("progress.toml.bak").exists());
    store.save().unwrap();
    assert_eq!(read(&path).unwrap(), second, "nothing changed, nothing written");

    // Anything else: the whole file rewritten, the one before kept as the backup.
    store.suspend("ecs.x");
    store.save().unwrap();
    assert_eq!(read(&data.join("progress.toml.bak")).unwrap(), second);
    assert_ne!(file_id(&path), inode, "a new file renamed over the old one");
    let third = read(&path).unwrap();
    assert_eq!(third, store.to_toml());
    store.undo_last_review();
    store.save().unwrap();
    assert_eq!(read(&data.join("progress.toml.bak")).unwrap(), third);
    assert_eq!(names(&data), ["progress.lock", "progress.toml", "progress.toml.bak"]);
    drop(store);

    let back = progress::load(&data).unwrap();
    assert_eq!(back.review_count(), 1);
    assert_eq!(back.practice().len(), 1);
    assert!(back.is_suspended("ecs.x"));
}

/// The file's identity: a rewrite renames a new file over it, an append does not.
fn file_id(path: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).unwrap();
    (m.dev(), m.ino())
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
    fn append_synced(&self, path: &Path, expected_len: u64, bytes: &[u8]) -> io::Result<bool> {
        let dead = self.state.failed.load(Ordering::SeqCst);
        if let Err(e) = self.check() {
            if !dead {
                // The injected failure: an append cut short, half the entry reaches the file.
                self.inner.append_synced(path, expected_len, &bytes[..bytes.len() / 2])?;
            }
            return Err(e);
        }
        self.inner.append_synced(path, expected_len, bytes)
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

/// The store on `dir` with its file operations going through a [`FaultyFs`], not armed yet.
fn faulty_store(dir: &Path, fail_at: usize, crash: bool) -> (Store, Arc<FaultState>) {
    let state = Arc::new(FaultState::default());
    state.fail_at.store(fail_at, Ordering::SeqCst);
    state.crash.store(crash, Ordering::SeqCst);
    let fs = FaultyFs { inner: RealFs, state: state.clone() };
    (Store::open_with_fs(dir, t(NOW), Box::new(fs)).unwrap(), state)
}

/// Saves with the `fail_at`-th file operation failing (`crash`: and every one after it, as if
/// the process died there), then checks what is on disk. `rewrite`: the change is one that
/// rewrites the file (a suspend besides the answer); else an answer alone, appended. Returns
/// whether the save went through without any failure, i.e. `fail_at` was past the last step.
fn save_failing_at(fail_at: usize, crash: bool, rewrite: bool) -> bool {
    let dir = saved_dir();
    let path = dir.path().join("progress.toml");
    let old = read(&path).unwrap();
    let (mut store, state) = faulty_store(dir.path(), fail_at, crash);
    store.record_review("lambda.max-timeout", Rating::Easy, t("2026-11-27T14:10:00Z"));
    if rewrite {
        store.suspend("ecs.x");
    }
    let new = store.to_toml();
    state.armed.store(true, Ordering::SeqCst);
    let saved = store.save();
    let failed = state.failed.load(Ordering::SeqCst);
    let at = format!("failure at step {fail_at} (crash: {crash}, rewrite: {rewrite})");
    match &saved {
        Ok(()) => assert!(!failed || !crash, "{at}: a dead process cannot finish a save"),
        Err(e) => {
            assert!(matches!(e, ProgressError::Save { .. }), "{e}");
            let msg = e.to_string();
            assert!(msg.contains("injected failure") || msg.contains("process is dead"), "{at}: {e}");
        }
    }

    // On disk: the old file or the new one, never a mix, or (an append cut short) the old
    // file and part of the new entry, which loading leaves out; the backup, if any, the old
    // file.
    let now = read(&path).unwrap();
    let torn = now != old && now != new;
    assert!(!torn || (!rewrite && now.starts_with(&old) && new.starts_with(&now)), "{at} left a broken file:\n{now}");
    let (loaded, warnings) = progress::load_with_warnings(dir.path()).unwrap();
    assert_eq!(loaded.review_count(), if now == new { 3 } else { 2 }, "{at}");
    assert_eq!(warnings.iter().any(|w| matches!(w, progress::Warning::Torn(_))), torn, "{at}: {warnings:?}");
    if let Some(bak) = read(&dir.path().join("progress.toml.bak")) {
        assert_eq!(bak, old, "{at}: the backup is not the previous file");
    }
    if crash {
        drop(store);
    } else {
        // A failed save cleans up after itself, and the store stays usable: the next save,
        // with nothing failing, goes through (after a failed append, as a rewrite).
        let leftovers: Vec<_> = names(dir.path()).into_iter().filter(|n| is_temp(n)).collect();
        assert!(leftovers.is_empty(), "{at}: a failed save left {leftovers:?}");
        state.armed.store(false, Ordering::SeqCst);
        store.save().unwrap();
        assert_eq!(read(&path).unwrap(), new);
        drop(store);
    }

    // What a restart finds: stale temporary files gone, a file that loads, and after a torn
    // append the next save repairs the file.
    let mut reopened = Store::open(dir.path(), t(NOW)).unwrap();
    let n = reopened.review_count();
    assert!(n == 2 || n == 3, "{at}: {n} reviews after restart");
    assert!(names(dir.path()).iter().all(|n| !is_temp(n)), "{at}: {:?}", names(dir.path()));
    reopened.record_review("ecs.launch-types", Rating::Good, t("2026-11-27T14:20:00Z"));
    reopened.save().unwrap();
    assert_eq!(read(&path).unwrap(), reopened.to_toml(), "{at}");
    saved.is_ok() && !failed
}

#[test]
fn a_save_failing_at_any_step_leaves_the_old_file_or_the_new_one() {
    let _guard = no_spawning();
    for crash in [false, true] {
        let steps = (0..100).take_while(|&fail_at| !save_failing_at(fail_at, crash, true)).count();
        // Count the backup's answers, remove leftovers, write temp, link backup, rename
        // backup, rename file, sync dir.
        assert!((6..100).contains(&steps), "{steps} steps could be interrupted (crash: {crash})");
        let steps = (0..100).take_while(|&fail_at| !save_failing_at(fail_at, crash, false)).count();
        assert_eq!(steps, 1, "an answer is one append (crash: {crash})");
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

/// Runs the ignored test `name` of this file in a child process with `var` naming `dir`;
/// its stdin stays open (until the child is dropped) and its stdout comes back as lines.
fn spawn_helper(name: &str, var: &str, dir: &Path) -> (Child, Lines<BufReader<ChildStdout>>) {
    let spawning = SPAWNING.write().unwrap_or_else(PoisonError::into_inner);
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", name, "--ignored", "--nocapture", "--test-threads=1"])
        .env(var, dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(spawning);
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    (child, lines)
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
    let (mut child, mut lines) = spawn_helper("lock_holder_child", "CLOUDCRAM_TEST_LOCK_DIR", dir.path());
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
    // Cut short before its first entry (a cut inside the last entry is a torn append; see
    // `a_torn_last_entry_is_left_out_with_a_warning_and_the_next_save_repairs_the_file`).
    let cut = &good[..good.find("schema = 1").unwrap() + 9];
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
    let damage = "schema = 1\n[[review]]\ncard = \"a.b\"\nrating = \"good\"\n";
    // Only today's backup (made when the store was opened on the saved file) to offer.
    drop(Store::open(dir.path(), t(NOW)).unwrap());
    let good = read(&dir.path().join("progress.toml")).unwrap();
    std::fs::write(dir.path().join("progress.toml"), damage).unwrap();
    let msg = progress::load(dir.path()).unwrap_err().to_string();
    let dated = dir.path().join("backups/progress-2026-11-27.toml");
    assert!(msg.contains(&format!("put back the backup of 2026-11-27 (`cp {} ", dated.display())), "{msg}");
    assert!(read(&dated).unwrap().ends_with(&good), "{msg}");
    std::fs::write(dir.path().join("progress.toml"), good).unwrap();

    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    store.suspend("ecs.x");
    store.save().unwrap();
    drop(store);
    // Keys out of the order cloudcram writes them: damage by hand, not a torn append.
    std::fs::write(dir.path().join("progress.toml"), "schema = 1\n[[review]]\ncard = \"a.b\"\nrating = \"good\"\n")
        .unwrap();
    let msg = progress::load(dir.path()).unwrap_err().to_string();
    assert!(msg.contains(":2:1: missing key `at`"), "{msg}");
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

// The exam in progress.

/// A sheet over the course's first `n` questions, the first `answered` of them answered (a
/// different kind each, in content terms) and every third flagged.
fn sheet(course: &cloudcram::content::Course, n: usize, answered: usize) -> Sheet {
    let kinds = [
        Response::Single(1),
        Response::Multi(vec![0, 2]),
        Response::TrueFalse(true),
        Response::Order(vec![1, 0, 2]),
        Response::Match(vec![2, 0, 1]),
        Response::Numeric(18.73),
    ];
    Sheet {
        topics: vec![],
        kinds: Kinds::Exam,
        seed: 77,
        started: t("2026-11-27T15:00:00Z"),
        time: SignedDuration::from_mins(10),
        left: SignedDuration::from_secs(600 - u64::try_from(answered).unwrap().cast_signed() * 7),
        questions: course.questions().take(n).map(|q| q.id.clone()).collect(),
        answers: (0..n).map(|i| (i < answered).then(|| kinds[i % kinds.len()].clone())).collect(),
        flagged: (0..n).map(|i| i % 3 == 0).collect(),
    }
}

fn course() -> cloudcram::content::Course {
    cloudcram::content::load(None).unwrap()
}

#[test]
fn the_exam_in_progress_is_saved_found_at_the_next_start_and_discarded() {
    let _guard = no_spawning();
    let course = course();
    let dir = saved_dir();
    let path = dir.path().join("exam-in-progress.toml");
    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    assert_eq!(store.sheet(), None);
    assert_eq!(store.sheet_path(), path);
    let first = sheet(&course, 12, 5);
    store.save_sheet(&first).unwrap();
    assert_eq!(store.sheet(), Some(&first));
    let second = sheet(&course, 12, 6);
    store.save_sheet(&second).unwrap();
    drop(store);
    assert_eq!(
        names(dir.path()),
        ["backups", "exam-in-progress.toml", "progress.lock", "progress.toml"],
        "no backup of it (backups/ holds the day's copy of progress.toml)"
    );

    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    assert_eq!(store.sheet(), Some(&second), "every answer, flag and the time left come back");
    assert_eq!(store.review_count(), 2, "progress.toml is untouched by it");
    store.discard_sheet().unwrap();
    assert_eq!(store.sheet(), None);
    assert!(!path.exists());
    store.discard_sheet().unwrap();
    drop(store);
    assert_eq!(Store::open(dir.path(), t(NOW)).unwrap().sheet(), None);
}

/// Saves a sheet over an older one with the `fail_at`-th file operation failing (`crash`: and
/// every one after it), then checks the disk. Returns whether the save went through untouched.
fn save_sheet_failing_at(course: &cloudcram::content::Course, fail_at: usize, crash: bool) -> bool {
    let dir = saved_dir();
    let path = dir.path().join("exam-in-progress.toml");
    let (old, new) = (sheet(course, 20, 9), sheet(course, 20, 10));
    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    store.save_sheet(&old).unwrap();
    let old_text = read(&path).unwrap();
    drop(store);
    let (mut store, state) = faulty_store(dir.path(), fail_at, crash);
    state.armed.store(true, Ordering::SeqCst);
    let saved = store.save_sheet(&new);
    let failed = state.failed.load(Ordering::SeqCst);
    let at = format!("failure at step {fail_at} (crash: {crash})");
    if let Err(e) = &saved {
        assert!(matches!(e, ProgressError::Save { .. }), "{at}: {e}");
        assert!(e.to_string().contains("exam-in-progress.toml"), "{at}: {e}");
    }
    // A failure before the rename leaves the old file as it was, byte for byte.
    if saved.is_err() && read(&path).unwrap() != old_text {
        assert_eq!(fail_at, 3, "{at}: only the directory's sync comes after the rename");
    }
    if !crash && saved.is_err() {
        state.armed.store(false, Ordering::SeqCst);
        store.save_sheet(&new).unwrap();
    }
    drop(store);
    let reopened = Store::open(dir.path(), t(NOW)).unwrap();
    let found = reopened.sheet().expect("the sheet is always there");
    assert!(*found == old || *found == new, "{at} left a broken sheet:\n{}", read(&path).unwrap());
    if !crash {
        assert_eq!(*found, new, "{at}: the retry went through");
    }
    assert!(names(dir.path()).iter().all(|n| !is_temp(n)), "{at}: {:?}", names(dir.path()));
    saved.is_ok() && !failed
}

#[test]
fn a_sheet_save_failing_or_killed_at_any_step_leaves_the_old_sheet_or_the_new_one() {
    let _guard = no_spawning();
    let course = course();
    for crash in [false, true] {
        let steps = (0..100).take_while(|&fail_at| !save_sheet_failing_at(&course, fail_at, crash)).count();
        // Remove leftovers, write temp, rename, sync dir.
        assert!((4..100).contains(&steps), "{steps} steps could be interrupted (crash: {crash})");
    }
}

/// The `k`-th sheet the SIGKILL test's child saves: one more answer each time (round and
/// round 40 questions), and the time left, a millisecond less each, says which `k` it is.
fn kth_sheet(course: &cloudcram::content::Course, k: u64) -> Sheet {
    let mut s = sheet(course, 40, usize::try_from(k % 41).unwrap());
    s.left = SignedDuration::from_millis(600_000 - k.cast_signed());
    s
}

/// Run by `an_exam_killed_with_sigkill_while_saving_keeps_every_answer_it_reported_saved`:
/// saves sheet after sheet, saying after each which one it saved.
#[test]
#[ignore = "helper process for the SIGKILL test"]
fn sheet_saver_child() {
    let dir = PathBuf::from(std::env::var_os("CLOUDCRAM_TEST_SHEET_DIR").expect("run by the SIGKILL test"));
    let course = course();
    let mut store = Store::open(&dir, t(NOW)).unwrap();
    for k in 0..500_000 {
        store.save_sheet(&kth_sheet(&course, k)).unwrap();
        println!("\nSAVED {k}");
    }
}

#[test]
fn an_exam_killed_with_sigkill_while_saving_keeps_every_answer_it_reported_saved() {
    let course = course();
    for round in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let (mut child, mut lines) = spawn_helper("sheet_saver_child", "CLOUDCRAM_TEST_SHEET_DIR", dir.path());
        // Some saves in, a different number each round, then SIGKILL while it goes on saving.
        let reported = lines
            .by_ref()
            .map_while(Result::ok)
            .filter_map(|l| l.split_once("SAVED ").and_then(|(_, n)| n.trim().parse::<u64>().ok()))
            .nth(5 + round * 20)
            .expect("the child saved");
        child.kill().unwrap();
        child.wait().unwrap();
        let store = Store::open(dir.path(), t(NOW)).unwrap();
        let found = store.sheet().expect("an exam in progress");
        let k = 600_000 - u64::try_from(found.left.as_millis()).unwrap();
        // The sheet reported saved, or one saved after it before the kill; never a torn file.
        assert!(k >= reported, "round {round}: sheet {k} found, {reported} was reported saved");
        assert_eq!(*found, kth_sheet(&course, k), "round {round}");
        assert!(names(dir.path()).iter().all(|n| !is_temp(n)), "{:?}", names(dir.path()));
    }
}

#[test]
fn a_damaged_exam_file_stops_the_store_at_its_place_and_is_left_alone() {
    let _guard = no_spawning();
    let course = course();
    let dir = saved_dir();
    let path = dir.path().join("exam-in-progress.toml");
    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    store.save_sheet(&sheet(&course, 3, 2)).unwrap();
    drop(store);
    let good = read(&path).unwrap();
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("torn", good.as_bytes()[..good.len() - 12].to_vec(), "TOML syntax"),
        ("empty", Vec::new(), "the file is empty"),
        (
            "binary",
            b"\xff\xfe\x00garbage".to_vec(),
            "not UTF-8 text: the file is damaged, or is not an exam in progress",
        ),
        ("bad answer", good.replacen("single = 1", "single = -1", 1).into_bytes(), "`single` must be a whole number"),
    ];
    for (what, bytes, expect) in cases {
        std::fs::write(&path, &bytes).unwrap();
        let err = Store::open(dir.path(), t(NOW)).unwrap_err();
        let msg = err.to_string();
        let first = msg.lines().next().unwrap();
        let prefix = format!("{}:", path.display());
        assert!(first.starts_with(&prefix), "{what}: {msg}");
        let pos: Vec<&str> = first[prefix.len()..].splitn(3, ':').collect();
        assert!(pos[0].parse::<usize>().is_ok() && pos[1].parse::<usize>().is_ok(), "{what}: no LINE:COL in {first}");
        assert!(first.contains(expect), "{what}: {msg}");
        assert!(msg.contains("left") && msg.contains("as it is: it holds an unfinished exam"), "{what}: {msg}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{what}: the file was changed");
        // progress.toml alone is still readable by the read-only commands.
        assert_eq!(progress::load(dir.path()).unwrap().review_count(), 2);
    }
}

#[test]
fn finishing_records_the_exam_then_removes_the_sheet() {
    let _guard = no_spawning();
    let course = course();
    let dir = saved_dir();
    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    let s = sheet(&course, 6, 6);
    store.save_sheet(&s).unwrap();
    let at = t("2026-11-27T15:09:00Z");
    let record = store.finish_exam(&course, &s, at).unwrap();
    assert_eq!((record.at, record.total, record.seconds), (at, 6, Some(42)));
    assert_eq!(store.sheet(), None);
    assert!(!dir.path().join("exam-in-progress.toml").exists());
    drop(store);
    let back = progress::load(dir.path()).unwrap();
    assert_eq!(back.exams(), std::slice::from_ref(&record));
    let flagged: Vec<bool> = back.exams()[0].answers.iter().map(|a| a.flagged).collect();
    assert_eq!(flagged, [true, false, false, true, false, false]);
    let text = read(&dir.path().join("progress.toml")).unwrap();
    assert_eq!(text.matches("flagged = true\n").count(), 2, "written only when flagged:\n{text}");
    assert_eq!(back.review_count(), 2, "an exam moves no review schedule");
}

/// Finishes an exam with the `fail_at`-th file operation failing and every one after it, as
/// if the process died there; returns whether the finish went through.
fn finish_failing_at(course: &cloudcram::content::Course, fail_at: usize) -> bool {
    let dir = saved_dir();
    let s = sheet(course, 6, 4);
    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    store.save_sheet(&s).unwrap();
    drop(store);
    let (mut store, state) = faulty_store(dir.path(), fail_at, true);
    state.armed.store(true, Ordering::SeqCst);
    let finished = store.finish_exam(course, &s, t("2026-11-27T15:05:00Z"));
    let failed = state.failed.load(Ordering::SeqCst);
    if finished.is_err() {
        assert!(store.exams().is_empty(), "step {fail_at}: a failed finish records nothing in memory either");
    }
    drop(store);
    // After the restart: the exam exactly once, either recorded or still in progress.
    let reopened = Store::open(dir.path(), t(NOW)).unwrap();
    let recorded = reopened.exams().len();
    let in_progress = usize::from(reopened.sheet().is_some());
    assert_eq!(recorded + in_progress, 1, "step {fail_at}: {recorded} recorded, {in_progress} in progress");
    if let Some(found) = reopened.sheet() {
        assert_eq!(*found, s, "step {fail_at}");
    }
    if finished.is_ok() {
        assert_eq!(recorded, 1, "step {fail_at}: reported finished, so recorded");
    }
    drop(reopened);
    assert!(!dir.path().join("exam-in-progress.toml").exists() || in_progress == 1, "step {fail_at}");
    finished.is_ok() && !failed
}

#[test]
fn a_finish_killed_at_any_step_counts_the_exam_once() {
    let _guard = no_spawning();
    let course = course();
    let steps = (0..100).take_while(|&fail_at| !finish_failing_at(&course, fail_at)).count();
    // The save of progress.toml (six steps), then the removal and its sync.
    assert!((8..100).contains(&steps), "{steps} steps could be interrupted");
}

#[test]
fn stale_temporary_sheets_are_removed_at_start_up() {
    let _guard = no_spawning();
    let dir = saved_dir();
    let stale = dir.path().join(".exam-in-progress.toml.99999.tmp");
    std::fs::write(&stale, "schema = 1\n[[question]]\nid = \"half").unwrap();
    let store = Store::open(dir.path(), t(NOW)).unwrap();
    assert!(!stale.exists());
    assert_eq!(store.sheet(), None, "a temporary file is not the exam in progress");
}

// An entry cut short at the end of the file, and a file changed behind the store's back.

#[test]
fn a_torn_last_entry_is_left_out_with_a_warning_and_the_next_save_repairs_the_file() {
    let _guard = no_spawning();
    let good = {
        let dir = saved_dir();
        read(&dir.path().join("progress.toml")).unwrap()
    };
    let entry = "\n[[review]]\ncard = \"lambda.max-timeout\"\nat = 2026-11-27T14:30:00.123Z\nrating = \"easy\"\n";
    let practice = "\n[[practice]]\ncard = \"ecs.x\"\nat = 2026-11-27T14:31:00Z\ncorrect = true\nmode = \"drill\"\n";
    // The line the torn entry starts on: after the file's last line and the blank one.
    let header = good.lines().count() + 2;
    // Every cut an interrupted append can leave (the whole entry is a complete file), and the
    // zero bytes a power cut leaves where the data never reached the disk.
    let mut torn: Vec<(String, usize)> =
        (1..entry.len() - 1).map(|n| (format!("{good}{}", &entry[..n]), header)).collect();
    torn.extend((1..practice.len() - 1).map(|n| (format!("{good}{}", &practice[..n]), header)));
    torn.push((format!("{good}{}", "\0".repeat(97)), header - 1));
    torn.push((format!("{good}{}{}", &entry[..30], "\0".repeat(40)), header));
    for (i, (text, line)) in torn.iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        std::fs::write(&path, text).unwrap();
        let (p, warnings) = progress::load_with_warnings(dir.path()).unwrap_or_else(|e| panic!("{e}\n{text:?}"));
        assert_eq!(p.review_count(), 2, "{text:?}");
        assert!(p.practice().is_empty());
        if text.len() - good.len() > 1 {
            // (A cut right after the first newline leaves a good file, with nothing to tell.)
            let [progress::Warning::Torn(problem)] = &warnings[..] else { panic!("{warnings:?} for {text:?}") };
            let shown = problem.to_string();
            assert_eq!(problem.line, *line, "{shown}");
            assert!(shown.starts_with(&format!("{}:{line}:1: ", path.display())), "{shown}");
            assert!(shown.contains("cut short") && shown.contains("left out"), "{shown}");
        }
        // The writer repairs it at the next save, whatever that is (for a sample of the cuts:
        // each start costs fsyncs).
        if i % 8 != 0 && i + 2 < torn.len() {
            continue;
        }
        let mut store = Store::open(dir.path(), t(NOW)).unwrap();
        assert_eq!(store.warnings().len(), warnings.len());
        store.record_review("ecs.launch-types", Rating::Good, t("2026-11-27T15:00:00Z"));
        store.save().unwrap();
        if !warnings.is_empty() {
            assert_eq!(read(&path).unwrap(), store.to_toml(), "rewritten, not appended to: {text:?}");
        }
        drop(store);
        let (p, warnings) = progress::load_with_warnings(dir.path()).unwrap();
        assert_eq!((p.review_count(), warnings.len()), (3, 0));
    }
}

#[test]
fn a_damaged_last_entry_is_damage_not_a_torn_append() {
    let _guard = no_spawning();
    let good = {
        let dir = saved_dir();
        read(&dir.path().join("progress.toml")).unwrap()
    };
    for tail in [
        // Every key there, one value wrong: refused, with its place.
        "\n[[review]]\ncard = \"a.b\"\nat = 2026-11-27T14:30:00Z\nrating = \"goood\"\n",
        "\n[[review]]\ncard = \"a.b\"\nat = 2026-11-27T14:30:00Z\nrating = \"good\n",
        // Keys not in cloudcram's order.
        "\n[[review]]\nat = 2026-11-27T14:30:00Z\ncard = \"a.b\"\n",
        // Not an entry cloudcram appends.
        "\n[[exam]]\nat = 2026-11-27T14:30:00Z\nscore = 1\n",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("{good}{tail}");
        std::fs::write(dir.path().join("progress.toml"), &text).unwrap();
        let err = progress::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("progress.toml:"), "{err}");
        assert!(Store::open(dir.path(), t(NOW)).is_err());
        assert_eq!(read(&dir.path().join("progress.toml")).unwrap(), text, "left as it is");
    }
}

#[test]
fn a_file_changed_behind_the_stores_back_is_rewritten_not_appended_to() {
    let _guard = no_spawning();
    let dir = saved_dir();
    let path = dir.path().join("progress.toml");
    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    // Someone (a sync tool, an editor) puts another file there while the app runs.
    std::fs::write(&path, "schema = 1\n").unwrap();
    store.record_review("lambda.max-timeout", Rating::Hard, t("2026-11-27T14:30:00Z"));
    store.save().unwrap();
    assert_eq!(read(&path).unwrap(), store.to_toml());
    assert_eq!(progress::load(dir.path()).unwrap().review_count(), 3);
}

// Dated backups.

/// Opens the store on `dir` at noon on `day` and records one more review, saved.
fn study_on(dir: &Path, day: &str, n: i64) {
    let now = t(&format!("{day}T12:00:00Z"));
    let mut store = Store::open(dir, now).unwrap();
    for i in 0..n {
        store.record_review("lambda.max-timeout", Rating::Good, now + SignedDuration::from_secs(i));
    }
    store.save().unwrap();
}

fn backups(dir: &Path) -> Vec<String> {
    let b = dir.join("backups");
    if b.exists() { names(&b) } else { Vec::new() }
}

#[test]
fn a_backup_a_day_is_kept_for_the_newest_seven_days_and_four_weeks() {
    let _guard = no_spawning();
    let dir = saved_dir();
    let start = jiff::civil::date(2026, 11, 2); // a Monday
    for d in 0..40 {
        let day = (start + jiff::Span::new().days(d)).to_string();
        study_on(dir.path(), &day, 1);
        // A second start the same day keeps the first copy of the day.
        let first = read(&dir.path().join(format!("backups/progress-{day}.toml"))).unwrap();
        study_on(dir.path(), &day, 1);
        assert_eq!(read(&dir.path().join(format!("backups/progress-{day}.toml"))).unwrap(), first);
    }
    // 40 days from 2026-11-02: the last is 2026-12-11 (a Friday).
    let kept = backups(dir.path());
    let want: Vec<String> = [
        "2026-11-22",
        "2026-11-29", // the newest of the two weeks before the last two
        "2026-12-05",
        "2026-12-06",
        "2026-12-07",
        "2026-12-08",
        "2026-12-09",
        "2026-12-10",
        "2026-12-11",
    ]
    .iter()
    .map(|d| format!("progress-{d}.toml"))
    .collect();
    assert_eq!(kept, want);
    // Each says what it holds on its first line, and is a progress file as it stands.
    let newest = read(&dir.path().join("backups/progress-2026-12-11.toml")).unwrap();
    assert!(newest.starts_with("# cloudcram backup of progress.toml, 2026-12-11: 80 answers"), "{newest}");
    let copy = tempfile::tempdir().unwrap();
    std::fs::write(copy.path().join("progress.toml"), &newest).unwrap();
    assert_eq!(progress::load(copy.path()).unwrap().review_count(), 80);
}

#[test]
fn fewer_answers_than_the_newest_backup_warn_and_no_backup_is_replaced_by_fewer() {
    let _guard = no_spawning();
    let dir = saved_dir();
    let path = dir.path().join("progress.toml");
    study_on(dir.path(), "2026-11-28", 5); // backup of the 28th: 2 answers; the file: 7
    // The 29th: backup of the 29th with 7; one more answer and two rewrites, so the .bak
    // holds all 8.
    let mut store = Store::open(dir.path(), t("2026-11-29T12:00:00Z")).unwrap();
    store.record_review("ecs.launch-types", Rating::Good, t("2026-11-29T12:00:00Z"));
    store.suspend("ecs.x");
    store.save().unwrap();
    store.unsuspend("ecs.x");
    store.save().unwrap();
    drop(store);
    let full = read(&path).unwrap();
    let bak_before = read(&dir.path().join("progress.toml.bak")).unwrap();
    assert_eq!(bak_before.matches("[[review]]").count(), 8);
    // Cut short by something else, yet a good file: 2 reviews.
    let cut = &full[..=full.find("\n[[review]]\ncard = \"lambda.max-timeout\"\nat = 2026-11-28").unwrap()];
    std::fs::write(&path, cut).unwrap();

    let (p, warnings) = progress::load_with_warnings(dir.path()).unwrap();
    assert_eq!(p.review_count(), 2);
    let [w @ progress::Warning::FewerThanBackup { answers: 2, backup_answers: 7, .. }] = &warnings[..] else {
        panic!("{warnings:?}")
    };
    let msg = w.to_string();
    let backup = dir.path().join("backups/progress-2026-11-29.toml");
    assert!(msg.contains("holds 2 review or practice answers but its backup of 2026-11-29 holds 7"), "{msg}");
    assert!(msg.contains(&format!("cp '{}' '{}'", backup.display(), path.display())), "{msg}");

    // The writer warns too, makes no daily backup from the short file, and its rewrites keep
    // the .bak that holds more.
    let mut store = Store::open(dir.path(), t("2026-11-30T12:00:00Z")).unwrap();
    assert_eq!(store.warnings(), &warnings[..]);
    store.suspend("ecs.x");
    store.save().unwrap();
    store.undo_last_review();
    store.save().unwrap();
    drop(store);
    assert!(!backups(dir.path()).contains(&"progress-2026-11-30.toml".to_string()), "{:?}", backups(dir.path()));
    assert_eq!(read(&dir.path().join("progress.toml.bak")).unwrap(), bak_before, "the backup holding more stays");

    // Put back as the warning says: the warning goes, and backups are made again.
    std::fs::copy(&backup, &path).unwrap();
    let (p, warnings) = progress::load_with_warnings(dir.path()).unwrap();
    assert_eq!((p.review_count(), warnings.len()), (7, 0));
    study_on(dir.path(), "2026-11-30", 1);
    assert!(backups(dir.path()).contains(&"progress-2026-11-30.toml".to_string()));
}

#[test]
fn one_review_fewer_than_the_backup_is_an_undo_not_a_loss() {
    let _guard = no_spawning();
    let dir = saved_dir();
    drop(Store::open(dir.path(), t(NOW)).unwrap()); // today's backup: 2 answers
    let mut store = Store::open(dir.path(), t(NOW)).unwrap();
    store.undo_last_review(); // the rating given before the restart
    store.save().unwrap();
    drop(store);
    let (p, warnings) = progress::load_with_warnings(dir.path()).unwrap();
    assert_eq!((p.review_count(), warnings.len()), (1, 0), "{warnings:?}");
}

// Links and files that are not regular files.

#[cfg(unix)]
#[test]
fn a_linked_progress_file_is_written_through_to_its_target() {
    let _guard = no_spawning();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let synced = dir.path().join("synced");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::create_dir_all(&synced).unwrap();
    let target = synced.join("cram.toml");
    std::fs::write(&target, "schema = 1\n").unwrap();
    let link = data.join("progress.toml");
    std::os::unix::fs::symlink("../synced/cram.toml", &link).unwrap();

    let mut store = Store::open(&data, t(NOW)).unwrap();
    store.record_review("lambda.max-timeout", Rating::Good, t("2026-11-27T14:00:00Z"));
    store.save().unwrap(); // appended through the link
    store.suspend("ecs.x");
    store.save().unwrap(); // rewritten: the temporary file in synced/, renamed over cram.toml
    let text = store.to_toml();
    drop(store);
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
    assert_eq!(read(&target).unwrap(), text, "its target has the progress");
    assert_eq!(read(&data.join("progress.toml.bak")).unwrap().matches("[[review]]").count(), 1);
    assert_eq!(names(&synced), ["cram.toml"], "no temporary file left beside the target");
    assert_eq!(progress::load(&data).unwrap().review_count(), 1);

    // A temporary file a killed save left beside the target is cleaned up at the next start.
    let stale = synced.join(".cram.toml.99999.tmp");
    std::fs::write(&stale, "half").unwrap();
    drop(Store::open(&data, t(NOW)).unwrap());
    assert!(!stale.exists());
}

/// What a case is, how to make it at a path, and what the refusal says.
type SpecialFile = (&'static str, fn(&Path), &'static str);

#[cfg(unix)]
#[test]
fn fifos_devices_dangling_links_and_huge_files_are_refused_without_reading_them() {
    let _guard = no_spawning();
    let cases: [SpecialFile; 4] = [
        (
            "fifo",
            |p| assert!(std::process::Command::new("mkfifo").arg(p).status().unwrap().success()),
            "it is a FIFO (a named pipe), not a regular file",
        ),
        ("/dev/zero", |p| std::os::unix::fs::symlink("/dev/zero", p).unwrap(), "it is a character device"),
        (
            "dangling link",
            |p| std::os::unix::fs::symlink(p.with_file_name("moved-away.toml"), p).unwrap(),
            "which does not exist",
        ),
        (
            "huge",
            |p| std::fs::File::create(p).unwrap().set_len(progress::MAX_FILE_BYTES + 1).unwrap(),
            "larger than the 256 MiB",
        ),
    ];
    for (what, make, expect) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        make(&path);
        let started = std::time::Instant::now();
        for err in [progress::load(dir.path()).unwrap_err(), Store::open(dir.path(), t(NOW)).unwrap_err()] {
            let msg = err.to_string();
            assert!(matches!(err, ProgressError::Refused { .. }), "{what}: {msg}");
            assert!(msg.starts_with(&format!("cannot read {}: ", path.display())), "{what}: {msg}");
            assert!(msg.contains(expect), "{what}: {msg}");
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{what}: took {:?}", started.elapsed());
        assert!(!dir.path().join("backups").exists(), "{what}");
    }
}

#[test]
fn values_quoted_in_messages_cannot_drive_the_terminal() {
    let _guard = no_spawning();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("progress.toml"),
        "schema = 1\n[[review]]\ncard = \"a.b\"\nat = 2026-11-27T14:00:00Z\nrating = \"\\u001b[2J\\u001b]52;c;eA==\\u0007\\u202e\"\n\
         [[review]]\ncard = \"a.b\"\nat = 2026-11-27T14:00:00Z\nrating = 3\n",
    )
    .unwrap();
    for err in [progress::load(dir.path()).unwrap_err(), Store::open(dir.path(), t(NOW)).unwrap_err()] {
        let msg = err.to_string();
        assert!(!msg.contains('\u{1b}') && !msg.contains('\u{7}') && !msg.contains('\u{202e}'), "{msg:?}");
        assert!(msg.contains("rating `\\u{1b}[2J\\u{1b}]52;c;eA==\\u{7}\\u{202e}` must be one of"), "{msg}");
    }
}

// Killed while answering.

/// The answer the SIGKILL test's child records as its `k`-th: a review of `crash.K`, or every
/// fifth a practice answer to it, a second apart; every 17th also (un)suspends a card, so
/// that the save is a whole rewrite rather than an append.
fn kth_answer(store: &mut Store, k: u64) {
    let card = format!("crash.{k}");
    let at = t(NOW) + SignedDuration::from_secs(k.cast_signed());
    if k % 5 == 4 {
        store.record_practice(&card, true, progress::PracticeMode::Quiz, at);
    } else {
        store.record_review(&card, Rating::Good, at);
    }
    if k.is_multiple_of(17) && !store.unsuspend("crash.suspended") {
        store.suspend("crash.suspended");
    }
}

/// The answers `p` holds, by their `k`.
fn answers_in(p: &progress::Progress) -> std::collections::BTreeSet<u64> {
    let k = |card: &str| card.strip_prefix("crash.").and_then(|n| n.parse::<u64>().ok());
    p.reviews().filter_map(|r| k(r.card)).chain(p.practice().iter().filter_map(|a| k(&a.card))).collect()
}

/// Run by `answers_killed_with_sigkill_at_random_moments_are_never_lost`: opens the store (as
/// a restart after the kill does), then records answer after answer from where the file
/// ends, saying after each save which one it saved.
#[test]
#[ignore = "helper process for the SIGKILL test"]
fn answer_saver_child() {
    let dir = PathBuf::from(std::env::var_os("CLOUDCRAM_TEST_ANSWER_DIR").expect("run by the SIGKILL test"));
    let mut store = Store::open(&dir, t(NOW)).unwrap();
    let mut k = answers_in(&store).last().map_or(0, |k| k + 1);
    loop {
        kth_answer(&mut store, k);
        store.save().unwrap();
        println!("\nSAVED {k}");
        k += 1;
    }
}

/// A few dozen SIGKILLs at random moments of a child recording answers (set
/// `CLOUDCRAM_CRASH_ROUNDS` for more): after each, the file loads, by the reader and by the
/// next writer, and holds every answer the child reported saved. The seed is printed, and
/// `CLOUDCRAM_CRASH_SEED` repeats a run.
#[test]
fn answers_killed_with_sigkill_at_random_moments_are_never_lost() {
    let rounds: u32 = std::env::var("CLOUDCRAM_CRASH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(30);
    let seed: u64 = std::env::var("CLOUDCRAM_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    });
    println!("CLOUDCRAM_CRASH_SEED={seed}");
    let mut rng = seed;
    let mut next = move |below: u64| {
        // xorshift64: enough to scatter the kills.
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng % below
    };
    let dir = tempfile::tempdir().unwrap();
    let mut confirmed = std::collections::BTreeSet::new();
    let (mut torn, mut rewrites) = (0, 0);
    for round in 0..rounds {
        let (mut child, mut lines) = spawn_helper("answer_saver_child", "CLOUDCRAM_TEST_ANSWER_DIR", dir.path());
        let saved = |line: &str| line.split_once("SAVED ").and_then(|(_, n)| n.trim().parse::<u64>().ok());
        // Some saves in (none, sometimes: killed while opening), then a kill at a random
        // moment of the save going on.
        let before = next(12);
        for _ in 0..before {
            let Some(k) = lines.by_ref().map_while(Result::ok).find_map(|l| saved(&l)) else { break };
            confirmed.insert(k);
            rewrites += u32::from(k.is_multiple_of(17));
        }
        std::thread::sleep(std::time::Duration::from_micros(next(3_000)));
        child.kill().unwrap();
        child.wait().unwrap();
        // What it said before it died counts too.
        confirmed.extend(lines.map_while(Result::ok).filter_map(|l| saved(&l)));

        let (p, warnings) = progress::load_with_warnings(dir.path())
            .unwrap_or_else(|e| panic!("round {round} (CLOUDCRAM_CRASH_SEED={seed}): {e}"));
        torn += u32::from(warnings.iter().any(|w| matches!(w, progress::Warning::Torn(_))));
        let found = answers_in(&p);
        let lost: Vec<_> = confirmed.difference(&found).collect();
        assert!(lost.is_empty(), "round {round} (CLOUDCRAM_CRASH_SEED={seed}): answers {lost:?} were reported saved");
    }
    let store = Store::open(dir.path(), t(NOW)).unwrap();
    assert!(answers_in(&store).is_superset(&confirmed));
    assert!(names(dir.path()).iter().all(|n| !is_temp(n)), "{:?}", names(dir.path()));
    println!(
        "{rounds} kills, {} answers confirmed, {rewrites} of them rewrites, {torn} torn ends found",
        confirmed.len()
    );
    assert!(confirmed.len() as u32 >= rounds, "the child saved too little to test anything");
}
