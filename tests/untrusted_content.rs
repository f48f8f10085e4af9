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
