//! Processes as the learner starts them, each against a reference started the same way in
//! the same run: `validate` and `due` against a hello-world Rust binary (P1); `due --json` on
//! progress files of 10,000 and 100,000 reviews (and 1,000,000 with `BENCH_FULL=1`) against
//! py-fsrs replaying the same log (P2, with `BENCH_PYTHON=path` to a Python that has `fsrs`);
//! `validate DIR` on a directory of 10,000 questions against reading its bytes (P4).
//!
//! cargo bench --bench startup

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const EXE: &str = env!("CARGO_BIN_EXE_cloudcram");
const NOW: &str = "2027-06-01T00:00:00Z";

/// Runs `cmd` to the end with its output thrown away; it must succeed.
fn spawn(cmd: &mut Command) {
    let status = cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).status().unwrap();
    assert!(status.success(), "{cmd:?}: {status}");
}

fn cloudcram(args: &[&str]) -> Command {
    let mut cmd = Command::new(EXE);
    cmd.args(args).env_remove("CLOUDCRAM_CONTENT_DIR").env("NO_COLOR", "1");
    cmd
}

/// `fn main() { println!("hello"); }` built as a release build is, with the same rustc.
fn hello(dir: &Path) -> PathBuf {
    let src = dir.join("hello.rs");
    std::fs::write(&src, "fn main() {\n    println!(\"hello\");\n}\n").unwrap();
    let exe = dir.join("hello");
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    spawn(Command::new(rustc).args(["-C", "opt-level=3", "-o"]).arg(&exe).arg(&src));
    exe
}

fn main() {
    let bench = common::Bench::from_env();
    let tmp = common::tempdir();
    let empty = tmp.path().join("data");
    let empty = empty.to_str().unwrap();

    let names = [
        "startup: hello-world",
        "startup: cloudcram validate",
        "startup: cloudcram due",
        "startup: cloudcram due --json",
    ];
    if bench.wants_any(&names) {
        let hello = hello(tmp.path());
        bench.run(names[0], || spawn(&mut Command::new(&hello)));
        bench.run(names[1], || spawn(&mut cloudcram(&["validate"])));
        bench.run(names[2], || spawn(&mut cloudcram(&["--data-dir", empty, "--now", NOW, "due"])));
        bench.run(names[3], || {
            spawn(&mut cloudcram(&["--data-dir", empty, "--now", NOW, "due", "--json"]));
        });
    }

    let full = std::env::var_os("BENCH_FULL").is_some();
    let python = std::env::var_os("BENCH_PYTHON");
    let sizes: &[usize] = if full { &[10_000, 100_000, 1_000_000] } else { &[10_000, 100_000] };
    for &n in sizes {
        let name = format!("due: cloudcram due --json at {n} reviews");
        if !bench.wants(&name) {
            continue;
        }
        let data = common::progress_dir(n, python.is_some());
        let dir = data.path().to_str().unwrap();
        // Each run reads the whole file: a few runs are enough at a million.
        let budget = if n >= 1_000_000 { Duration::ZERO } else { Duration::from_secs(3) };
        bench.run_for(&name, budget, || spawn(&mut cloudcram(&["--data-dir", dir, "--now", NOW, "due", "--json"])));
        if let Some(python) = &python {
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/fsrs_replay.py");
            let runs = if n >= 1_000_000 { "1" } else { "3" };
            let out =
                Command::new(python).arg(&script).arg(data.path().join("log.csv")).args([NOW, runs]).output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            let seconds: f64 = String::from_utf8(out.stdout).unwrap().trim().parse().unwrap();
            let replay = Duration::from_secs_f64(seconds);
            println!(
                "{:<58} {:>10}  (median of {runs} in one process)",
                format!("due: py-fsrs replays {n} reviews"),
                common::show(replay)
            );
            bench.record(&format!("due: py-fsrs replays {n} reviews"), replay);
        }
    }

    let names = ["validate: cloudcram validate DIR of 10,000 questions", "validate: floor, read the directory's files"];
    if bench.wants_any(&names) {
        let (content, bytes) = common::content_dir(10_000);
        let dir = content.path().to_str().unwrap();
        println!("(the directory holds {:.1} MB of content)", bytes as f64 / 1e6);
        bench.run(names[0], || spawn(&mut cloudcram(&["validate", dir])));
        bench.run(names[1], || read_all(content.path()));
    }
}

/// Every file under `dir`, read: the least any validator does.
fn read_all(dir: &Path) -> usize {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        total += if path.is_dir() { read_all(&path) } else { std::fs::read(&path).unwrap().len() };
    }
    total
}
