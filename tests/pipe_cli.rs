//! A reader that stops reading (`cloudcram ... | head -c 10`) ends every command quietly with
//! status 0: no "Broken pipe" on stderr, whether the output is text or JSON.

use std::io::Read;
use std::process::{Command, Stdio};

fn cloudcram(data: &std::path::Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cloudcram"));
    cmd.env_remove("CLOUDCRAM_CONTENT_DIR")
        .env_remove("CLOUDCRAM_NOW")
        .env("CLOUDCRAM_DATA_DIR", data)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// Every output command, text and JSON.
const COMMANDS: &[&[&str]] = &[
    &["validate"],
    &["validate", "--json"],
    &["cost", "lambda", "--memory-mb", "512", "--duration-ms", "1000", "--invocations", "3000000"],
    &["cost", "lambda", "--memory-mb", "512", "--duration-ms", "1000", "--invocations", "3000000", "--json"],
    &["cost", "fargate", "--vcpu", "1", "--memory-gb", "2", "--tasks", "2", "--hours", "730"],
    &["cost", "fargate", "--vcpu", "1", "--memory-gb", "2", "--tasks", "2", "--hours", "730", "--json"],
    &["cost", "ec2", "--instance-type", "t3.micro"],
    &["cost", "ec2", "--instance-type", "t3.micro", "--json"],
    &["due"],
    &["due", "--all"],
    &["due", "--json"],
    &["due", "--all", "--json"],
    &["stats"],
    &["stats", "--json"],
    &["export", "anki"],
    &["completions", "bash"],
    &["man"],
];

#[test]
fn every_command_ends_quietly_when_its_reader_is_gone() {
    let data = tempfile::tempdir().unwrap();
    for args in COMMANDS {
        // The reading end is closed before the command starts, so its first write fails with
        // EPIPE every time (a reader that reads a little first may leave the whole output in
        // the pipe's buffer).
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = cloudcram(data.path(), args).stdout(writer).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[test]
fn a_reader_that_takes_a_few_bytes_and_leaves_ends_it_quietly() {
    let data = tempfile::tempdir().unwrap();
    let args = ["due", "--all", "--json"];
    // Only meaningful when the output is larger than a pipe's buffer (64 KiB on Linux).
    let whole = cloudcram(data.path(), &args).output().unwrap();
    assert!(whole.stdout.len() > 70_000, "the output fits in a pipe's buffer: {}", whole.stdout.len());

    let mut child = cloudcram(data.path(), &args).stdout(Stdio::piped()).spawn().unwrap();
    let mut first = [0u8; 5];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    assert_eq!(&first, b"{\n  \"");
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn a_closed_stdout_still_reports_a_real_error_on_stderr() {
    let data = tempfile::tempdir().unwrap();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = cloudcram(data.path(), &["cost", "ec2", "--instance-type", "t3.mikro", "--json"])
        .stdout(writer)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean t3.micro"));
}
