//! A content directory is input from anyone: what `validate DIR` and `--content-dir DIR` do
//! with escape sequences in it, with files that are not files, links that lead out, and
//! more of everything than any curriculum needs. Each case ends, quickly, with a message.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use cloudcram::fmt::plural;
use common::{cloudcram, copy_dir, fixtures};

/// The minimal valid content in a temporary directory.
fn valid_min() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("valid-min"), tmp.path());
    tmp
}

/// Runs cloudcram with `args` (stopped if it hangs): exit code, stdout and stderr as bytes.
fn run(args: &[&std::ffi::OsStr], data_dir: Option<&Path>) -> (i32, Vec<u8>, Vec<u8>) {
    let mut cmd = cloudcram();
    cmd.args(args).timeout(Duration::from_secs(60));
    if let Some(d) = data_dir {
        cmd.env("CLOUDCRAM_DATA_DIR", d);
    }
    let out = cmd.output().unwrap();
    (out.status.code().unwrap_or(-1), out.stdout, out.stderr)
}

fn validate(dir: &Path) -> (i32, String) {
    let (code, stdout, stderr) = run(&["validate".as_ref(), dir.as_os_str()], None);
    assert_terminal_safe(&stdout, "stdout");
    assert_terminal_safe(&stderr, "stderr");
    (code, String::from_utf8(stderr).unwrap())
}

/// No byte that would act on a terminal: ESC, BEL, the C1 CSI, a bidi override.
fn assert_terminal_safe(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text.chars().filter(|&c| c != '\n' && cloudcram::fmt::is_unsafe_char(c)).collect();
    assert!(bad.is_empty(), "{what} holds {bad:?}: {text}");
    assert!(!bytes.contains(&0x1b) && !bytes.contains(&0x07), "{what}: {text}");
}

const CLIPBOARD: &str = "\x1b]52;c;aGk=\x07";
const CLEAR: &str = "\x1b[2J";

/// A topic file whose keys and values hold the clipboard-write and clear-screen sequences,
/// as TOML escapes (so they are read as text and quoted in messages).
fn escaped_topic(dir: &Path) {
    let toml_escape = |s: &str| {
        s.chars().fold(String::new(), |mut out, c| {
            let _ = write!(out, "\\u{:04X}", c as u32);
            out
        })
    };
    let (key, value) = (toml_escape(CLIPBOARD), toml_escape(CLEAR));
    let path = dir.join("topics/alpha.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replacen("id = \"alpha\"", &format!("id = \"alpha{value}\"\n\"{key}\" = \"{value}\""), 1)
        .replacen("title = \"First lesson\"", &format!("title = \"{value}\"\n\"{key}{value}\" = 1"), 1)
        .replacen("answer = \"lambda\"", &format!("answer = \"lambda{value}{key}\""), 1);
    std::fs::write(path, text).unwrap();
}

#[test]
fn escape_sequences_in_keys_and_values_are_escaped_in_validate() {
    let tmp = valid_min();
    escaped_topic(tmp.path());
    let (code, stderr) = validate(tmp.path());
    assert_eq!(code, 1);
    // The quoted text is still there to read, written out.
    assert!(stderr.contains(r"\u{1b}]52;c;aGk=\u{7}"), "{stderr}");
    assert!(stderr.contains(r"\u{1b}[2J"), "{stderr}");
    assert!(stderr.lines().count() >= 4, "{stderr}");
}

#[test]
fn raw_escape_sequences_and_an_escape_in_a_file_name_are_escaped_too() {
    let tmp = valid_min();
    let path = tmp.path().join("topics/alpha.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("title = \"First lesson\"", &format!("title = \"{CLIPBOARD}{CLEAR}\""), 1))
        .unwrap();
    std::fs::write(tmp.path().join(format!("topics/{CLEAR}x.toml")), format!("id = \"{CLIPBOARD}\"\n")).unwrap();
    let (code, stderr) = validate(tmp.path());
    assert_eq!(code, 1);
    assert!(stderr.contains(r"topics/\u{1b}[2Jx.toml:"), "{stderr}");
}

#[test]
fn validate_json_is_escaped_the_same_way() {
    let tmp = valid_min();
    escaped_topic(tmp.path());
    let (code, stdout, _) = run(&["validate".as_ref(), "--json".as_ref(), tmp.path().as_os_str()], None);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let messages: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap()).collect();
    assert!(messages.iter().any(|m| m.contains(r"\u{1b}[2J")), "{messages:?}");
    for m in &messages {
        assert_terminal_safe(m.as_bytes(), "a JSON message");
    }
}

#[test]
fn the_start_up_error_of_a_command_is_escaped() {
    let tmp = valid_min();
    escaped_topic(tmp.path());
    let data = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) =
        run(&["--content-dir".as_ref(), tmp.path().as_os_str(), "due".as_ref()], Some(data.path()));
    assert_eq!(code, 1);
    assert_terminal_safe(&stdout, "stdout");
    assert_terminal_safe(&stderr, "stderr");
    let stderr = String::from_utf8(stderr).unwrap();
    assert!(stderr.contains("is not valid") && stderr.contains(r"\u{1b}[2J"), "{stderr}");
}

#[test]
fn a_directory_name_with_an_escape_is_escaped() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join(format!("c{CLEAR}"));
    copy_dir(&fixtures().join("valid-min"), &dir);
    std::fs::write(dir.join("pricing.toml"), "region = 1\n").unwrap();
    let (code, stderr) = validate(&dir);
    assert_eq!(code, 1);
    assert!(stderr.contains(r"c\u{1b}[2J"), "{stderr}");
    let (code, _, stderr) = run(&["--content-dir".as_ref(), dir.as_os_str(), "due".as_ref()], None);
    assert_eq!(code, 1);
    assert_terminal_safe(&stderr, "stderr of due");
    let missing = parent.path().join(format!("gone{CLIPBOARD}"));
    let (code, _, stderr) = run(&["validate".as_ref(), missing.as_os_str()], None);
    assert_eq!(code, 1);
    assert_terminal_safe(&stderr, "stderr of a missing directory");
}

#[test]
fn a_flood_of_problems_is_cut_to_the_first_hundred_in_text_json_and_load() {
    let tmp = valid_min();
    let bad = "[[questions]]\nid = \"x\"\n".repeat(300);
    std::fs::write(tmp.path().join("topics/beta.toml"), bad).unwrap();
    let (code, stderr) = validate(tmp.path());
    assert_eq!(code, 1);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 102, "100 problems, the rest counted, the summary");
    let total: usize =
        lines[101].rsplit(": ").next().unwrap().split(' ').next().unwrap().replace(',', "").parse().unwrap();
    assert!(total > 300, "{}", lines[101]);
    assert_eq!(lines[100], format!("... and {}", plural(total - 100, "more problem")));

    let (_, stdout, _) = run(&["validate".as_ref(), "--json".as_ref(), tmp.path().as_os_str()], None);
    let v: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(v["errors"].as_array().unwrap().len(), 100);
    assert_eq!(v["total_errors"].as_u64(), Some(total as u64));

    let (code, _, stderr) = run(&["--content-dir".as_ref(), tmp.path().as_os_str(), "due".as_ref()], None);
    assert_eq!(code, 1);
    let stderr = String::from_utf8(stderr).unwrap();
    assert!(stderr.contains(&format!("is not valid ({})", plural(total, "problem"))), "{stderr}");
    assert!(stderr.trim_end().ends_with(&format!("... and {}", plural(total - 100, "more problem"))), "{stderr}");
    assert_eq!(stderr.lines().count(), 102);
}

#[cfg(unix)]
mod walk {
    use super::*;
    use std::os::unix::fs::symlink;

    fn mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
        assert!(status.success());
    }

    /// `validate DIR`'s problems, with DIR/ taken off.
    fn problems(dir: &Path) -> Vec<String> {
        let (code, stderr) = validate(dir);
        assert_eq!(code, 1, "{stderr}");
        let prefix = format!("{}/", dir.display());
        stderr.lines().map(|l| l.replace(&prefix, "")).collect()
    }

    fn has(lines: &[String], expected: &str) {
        assert!(lines.iter().any(|l| l.contains(expected)), "no line has {expected:?}: {lines:#?}");
    }

    #[test]
    fn a_fifo_as_a_topic_file_or_in_assets_is_refused_unopened() {
        let tmp = valid_min();
        mkfifo(&tmp.path().join("topics/beta.toml"));
        mkfifo(&tmp.path().join("assets/pipe.txt"));
        let lines = problems(tmp.path());
        has(&lines, "topics/beta.toml:1:1: this is a FIFO (named pipe); content files must be regular files");
        has(&lines, "assets/pipe.txt:1:1: this is a FIFO (named pipe)");
    }

    #[test]
    fn a_link_to_a_fifo_or_a_device_is_refused_too() {
        let tmp = valid_min();
        mkfifo(&tmp.path().join("pipe"));
        symlink(tmp.path().join("pipe"), tmp.path().join("topics/beta.toml")).unwrap();
        symlink("/dev/zero", tmp.path().join("assets/zero.txt")).unwrap();
        let lines = problems(tmp.path());
        has(&lines, "topics/beta.toml:1:1: this is a FIFO (named pipe)");
        has(&lines, "assets/zero.txt:1:1: this link leads outside the content directory");
    }

    #[test]
    fn symlink_loops_in_assets_end_with_a_message() {
        let tmp = valid_min();
        let assets = tmp.path().join("assets");
        symlink("self", assets.join("self")).unwrap();
        symlink("b", assets.join("a")).unwrap();
        symlink("a", assets.join("b")).unwrap();
        std::fs::create_dir(assets.join("sub")).unwrap();
        symlink("..", assets.join("sub/up")).unwrap();
        symlink(&assets, assets.join("sub/again")).unwrap();
        let lines = problems(tmp.path());
        has(&lines, "assets/self:1:1: cannot read file:");
        has(&lines, "assets/a:1:1: cannot read file:");
        has(&lines, "assets/sub/up:1:1: this folder is reached again through a link (a loop)");
        has(&lines, "assets/sub/again:1:1: this folder is reached again through a link (a loop)");
    }

    #[test]
    fn assets_linked_to_the_root_or_outside_is_refused() {
        for target in [Path::new("/"), &std::env::temp_dir()] {
            let tmp = valid_min();
            std::fs::remove_dir_all(tmp.path().join("assets")).unwrap();
            symlink(target, tmp.path().join("assets")).unwrap();
            let lines = problems(tmp.path());
            has(&lines, "assets:1:1: this link leads outside the content directory; replace it with the folder itself");
            has(&lines, "art file assets/flow.txt does not exist");
        }
    }

    #[test]
    fn a_link_out_of_the_content_directory_is_refused_anywhere() {
        let tmp = valid_min();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("t.toml"), "id = \"beta\"\n").unwrap();
        symlink(outside.path().join("t.toml"), tmp.path().join("topics/beta.toml")).unwrap();
        std::fs::rename(tmp.path().join("diagrams"), outside.path().join("diagrams")).unwrap();
        symlink(outside.path().join("diagrams"), tmp.path().join("diagrams")).unwrap();
        let lines = problems(tmp.path());
        has(&lines, "topics/beta.toml:1:1: this link leads outside the content directory");
        has(&lines, "diagrams:1:1: this link leads outside the content directory; replace it with the folder");
    }

    #[test]
    fn links_that_stay_inside_are_followed() {
        let tmp = valid_min();
        std::fs::rename(tmp.path().join("assets"), tmp.path().join("art")).unwrap();
        symlink("art", tmp.path().join("assets")).unwrap();
        std::fs::rename(tmp.path().join("topics/alpha.toml"), tmp.path().join("alpha.toml")).unwrap();
        symlink("../alpha.toml", tmp.path().join("topics/alpha.toml")).unwrap();
        let (code, stderr) = validate(tmp.path());
        assert_eq!(code, 0, "{stderr}");
    }

    #[test]
    fn folders_deeper_than_the_cap_are_not_walked() {
        let tmp = valid_min();
        let deep = (0..12).fold(tmp.path().join("assets"), |p, i| p.join(format!("d{i}")));
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(deep.join("x.txt"), "x\n").unwrap();
        let lines = problems(tmp.path());
        has(&lines, "assets/d0/d1/d2/d3/d4/d5/d6/d7/d8:1:1: folders in assets/ may be at most 8 deep");
    }

    #[test]
    fn the_walk_stops_at_its_entry_cap() {
        let tmp = valid_min();
        let many = tmp.path().join("assets/many");
        std::fs::create_dir(&many).unwrap();
        for i in 0..10_001 {
            std::fs::File::create(many.join(format!("{i}"))).unwrap();
        }
        let lines = problems(tmp.path());
        has(&lines, "the walk met more than 10,000 directory entries");
        assert!(lines.len() <= 3, "{lines:#?}");
    }

    #[test]
    fn at_most_five_hundred_files_are_read() {
        let tmp = valid_min();
        for i in 0..600 {
            std::fs::write(tmp.path().join(format!("assets/{i:03}.txt")), "x\n").unwrap();
        }
        let lines = problems(tmp.path());
        has(&lines, "the content directory has more than 500 files; at most 500 are read");
        assert_eq!(lines.len(), 2, "the problem and the summary: {lines:#?}");
    }

    #[test]
    fn at_most_thirty_two_mib_are_read() {
        let tmp = valid_min();
        let mib = "x".repeat(1024 * 1024 - 1) + "\n";
        for i in 0..40 {
            std::fs::write(tmp.path().join(format!("assets/{i:02}.txt")), &mib).unwrap();
        }
        let lines = problems(tmp.path());
        has(&lines, "assets/31.txt:1:1: the content directory holds more than 32 MiB of files");
        // The files not read are not said to be missing (flow.txt comes after the digits).
        assert_eq!(lines.len(), 2, "the problem and the summary: {lines:#?}");
    }
}
