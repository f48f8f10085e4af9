//! Dated backups of progress.toml in `<data-dir>/backups/`, and the check that a file holds
//! no fewer answers than its newest backup.
//!
//! `progress.toml.bak` is the file as it was before the last full rewrite; it is not enough
//! alone: a file cut short by some other program (a sync tool, a copy from a full disk) that
//! still parses would be backed up over it at the next rewrite. So the writer also keeps a
//! copy per day, `backups/progress-YYYY-MM-DD.toml`, made when it opens the file on a day that
//! has none yet, and keeps the newest 7 of them plus the newest of each of the 4 most recent
//! ISO weeks that have one: about a month of history in at most 11 files. Pruning counts
//! backups, not calendar days, so a month away from the app deletes nothing.
//!
//! A backup's first line says how many answers (reviews and practice answers) it holds, so
//! the check at every load reads one line, not the whole copy. A file holding fewer answers
//! than the newest backup (beyond the one review that undo may take back from before a
//! session) gets a warning, and no new daily backup is made from it, so the good copies stay
//! until the learner decides. No backup is ever replaced: neither `progress.toml.bak` by a
//! copy holding fewer answers (`store.rs`), nor a daily one at all.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;

use super::Warning;
use super::fs::{self as store_fs, Fs, MAX_FILE_BYTES};

/// `<data-dir>/backups`
pub const BACKUP_DIR: &str = "backups";
/// Dated backups kept regardless of age: the newest this many.
pub const KEEP_DAYS: usize = 7;
/// ISO weeks of which the newest backup is kept too.
pub const KEEP_WEEKS: usize = 4;
/// The first line of a backup: this, the date, then `: N answers ...`.
const HEADER: &str = "# cloudcram backup of progress.toml, ";

/// One dated backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dated {
    pub day: Date,
    pub path: PathBuf,
}

/// `progress-2026-11-30.toml`
fn file_name(day: Date) -> String {
    format!("progress-{day}.toml")
}

fn day_of(name: &str) -> Option<Date> {
    let date = name.strip_prefix("progress-")?.strip_suffix(".toml")?;
    // Only what `file_name` writes: `2026-11-30`, nothing the date parser would also take.
    (date.len() == 10).then(|| date.parse().ok()).flatten()
}

/// The UTC day of `now`.
pub(crate) fn utc_day(now: Timestamp) -> Date {
    jiff::tz::Offset::UTC.to_datetime(now).date()
}

/// The dated backups in `<data_dir>/backups`, newest first; none when it cannot be read.
pub(crate) fn list(fs: &dyn Fs, data_dir: &Path) -> Vec<Dated> {
    let dir = data_dir.join(BACKUP_DIR);
    let Ok(names) = fs.list_dir(&dir) else { return Vec::new() };
    let mut found: Vec<Dated> =
        names.iter().filter_map(|n| day_of(n.to_str()?).map(|day| Dated { day, path: dir.join(n) })).collect();
    found.sort_by_key(|b| std::cmp::Reverse(b.day));
    found
}

/// How many answers (`[[review]]` and `[[practice]]` entries) a progress file's text holds,
/// counted by their header lines.
pub(crate) fn count_answers(text: &[u8]) -> usize {
    text.split(|&b| b == b'\n')
        .filter(|line| {
            let line = line.trim_ascii();
            line.starts_with(b"[[review]]") || line.starts_with(b"[[practice]]")
        })
        .count()
}

/// The answers the backup at `path` holds: from its first line when cloudcram wrote it,
/// else counted. `None` when it cannot be read.
pub(crate) fn answers_in(path: &Path) -> Option<usize> {
    let head = store_fs::read_prefix(path, 200).ok()?;
    let head = String::from_utf8_lossy(&head);
    let stated = head
        .strip_prefix(HEADER)
        .and_then(|rest| rest.split_once(": ")?.1.split_once(' '))
        .and_then(|(n, _)| n.parse().ok());
    stated.or_else(|| store_fs::read_regular(path, MAX_FILE_BYTES).ok().map(|bytes| count_answers(&bytes)))
}

/// The text of a backup of `text` made on `day`.
fn backup_text(day: Date, answers: usize, text: &str) -> String {
    format!("{HEADER}{day}: {answers} answers (reviews and practice)\n{text}")
}

/// A warning if the newest backup holds more answers than `answers`, the count in the file at
/// `path` (more by more than one: undo may take back the last review from before a session).
pub(crate) fn check(backups: &[Dated], path: &Path, answers: usize) -> Option<Warning> {
    let newest = backups.first()?;
    let held = answers_in(&newest.path)?;
    (held > answers + 1).then(|| Warning::FewerThanBackup {
        path: path.to_path_buf(),
        answers,
        backup: newest.path.clone(),
        day: newest.day,
        backup_answers: held,
    })
}

/// Keeps today's backup of `text` (the file as loaded, holding `answers`) if there is none
/// for today yet, then removes the backups beyond those kept. Does nothing while the file
/// holds fewer answers than the newest backup (`fewer`): the copies that hold more stay.
pub(crate) fn keep(
    fs: &dyn Fs,
    data_dir: &Path,
    backups: &[Dated],
    today: Date,
    text: &str,
    answers: usize,
) -> io::Result<()> {
    let dir = data_dir.join(BACKUP_DIR);
    if backups.iter().any(|b| b.day == today) {
        return Ok(());
    }
    fs.create_dir_all(&dir)?;
    let name = file_name(today);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _ = fs.remove_file(&tmp);
    let written = fs
        .write_new_synced(&tmp, backup_text(today, answers, text).as_bytes())
        .and_then(|()| fs.rename(&tmp, &dir.join(&name)))
        .and_then(|()| fs.sync_dir(&dir));
    if written.is_err() {
        let _ = fs.remove_file(&tmp);
        return written;
    }
    let mut all = backups.to_vec();
    all.insert(0, Dated { day: today, path: dir.join(name) });
    for old in pruned(&all) {
        let _ = fs.remove_file(&old.path);
    }
    Ok(())
}

/// The backups of `all` (newest first) that are not kept: beyond the newest [`KEEP_DAYS`],
/// and not the newest of one of the [`KEEP_WEEKS`] most recent ISO weeks.
fn pruned(all: &[Dated]) -> Vec<&Dated> {
    let week = |d: Date| {
        let w = d.iso_week_date();
        (w.year(), w.week())
    };
    let mut weeks = BTreeSet::new();
    let mut kept_in_week = Vec::new();
    for b in all {
        if weeks.len() == KEEP_WEEKS && !weeks.contains(&week(b.day)) {
            continue;
        }
        if weeks.insert(week(b.day)) {
            kept_in_week.push(b.day);
        }
    }
    all.iter().enumerate().filter(|(i, b)| *i >= KEEP_DAYS && !kept_in_week.contains(&b.day)).map(|(_, b)| b).collect()
}

/// Stale temporary files of a backup killed part-way: `.progress-*.tmp` in `backups/`.
pub(crate) fn remove_stale_temp_files(fs: &dyn Fs, data_dir: &Path) {
    let dir = data_dir.join(BACKUP_DIR);
    let Ok(names) = fs.list_dir(&dir) else { return };
    for name in names {
        let name = name.to_string_lossy();
        if name.starts_with(".progress-") && name.ends_with(".tmp") {
            let _ = fs.remove_file(&dir.join(&*name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn dated(days: &[&str]) -> Vec<Dated> {
        let mut v: Vec<Dated> = days.iter().map(|s| Dated { day: d(s), path: PathBuf::from(s) }).collect();
        v.sort_by_key(|b| std::cmp::Reverse(b.day));
        v
    }

    #[test]
    fn the_newest_seven_and_one_per_recent_iso_week_are_kept() {
        // Daily for three weeks: 2026-11-09 (a Monday) to 2026-11-29 (a Sunday).
        let days: Vec<String> = (9..=29).map(|n| format!("2026-11-{n:02}")).collect();
        let days: Vec<&str> = days.iter().map(String::as_str).collect();
        let all = dated(&days);
        let gone: Vec<String> = pruned(&all).iter().map(|b| b.day.to_string()).collect();
        // Kept: 23-29 (the newest seven, the week of the 23rd), the 22nd and 15th (newest of
        // the two weeks before); 2026-11-09..14 have a newer backup in their week.
        let mut want: Vec<String> = (9..=21).filter(|&n| n != 15).map(|n| format!("2026-11-{n:02}")).collect();
        want.reverse();
        assert_eq!(gone, want);
    }

    #[test]
    fn a_long_pause_deletes_nothing_and_old_weeks_go_after_four() {
        let all = dated(&["2026-01-05", "2026-03-02", "2026-05-04", "2026-07-06", "2026-09-07", "2026-11-02"]);
        assert!(pruned(&all).is_empty(), "six backups: all among the newest seven");
        let weekly: Vec<String> = (0..12).map(|w| (d("2026-01-05") + jiff::Span::new().weeks(w)).to_string()).collect();
        let all = dated(&weekly.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(pruned(&all).len(), 12 - KEEP_DAYS, "weekly: the newest seven (all recent weeks among them)");
    }

    #[test]
    fn names_and_counts() {
        assert_eq!(file_name(d("2026-11-30")), "progress-2026-11-30.toml");
        assert_eq!(day_of("progress-2026-11-30.toml"), Some(d("2026-11-30")));
        for other in ["progress-2026-11-30.toml.tmp", "progress-2026-1-30.toml", "progress.toml", "x-2026-11-30.toml"] {
            assert_eq!(day_of(other), None, "{other}");
        }
        let text = "schema = 1\n\n[[review]]\ncard = \"a\"\n\n[[practice]]\n  [[review]]  \n[[exam]]\n";
        assert_eq!(count_answers(text.as_bytes()), 3);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.toml");
        std::fs::write(&path, backup_text(d("2026-11-30"), 340, text)).unwrap();
        assert_eq!(answers_in(&path), Some(340), "the first line is believed");
        std::fs::write(&path, text).unwrap();
        assert_eq!(answers_in(&path), Some(3), "without it, counted");
    }
}
