//! The real binary in a real terminal: tmux runs it at a fixed size, keys are sent, the pane
//! is read back. Checks what the screen shows, that the terminal is restored on every way
//! out, and that an idle app uses no CPU.
//!
//! Needs tmux. Without it the tests say so and pass, except under CI (CI=true), where a
//! missing tmux is a failure: `.ci/run` installs it.

use std::process::Command;
use std::time::{Duration, Instant};

fn tmux_available() -> bool {
    let ok = Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var("CI").is_err(), "tmux is required under CI; .ci/run installs it");
        eprintln!("tmux not found: skipping the terminal tests (apt-get install tmux to run them)");
    }
    ok
}

/// One tmux server of our own (its own socket), one session running a command.
struct Pane {
    socket: String,
    dir: tempfile::TempDir,
}

impl Pane {
    fn start(name: &str, args: &str, env: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        Self::launch(name, args, env, dir, &data)
    }

    /// The app on an existing data directory (a second run after the first).
    fn start_in(name: &str, args: &str, data: &std::path::Path) -> Self {
        Self::launch(name, args, &[], tempfile::tempdir().unwrap(), data)
    }

    fn launch(name: &str, args: &str, env: &[(&str, &str)], dir: tempfile::TempDir, data: &std::path::Path) -> Self {
        let socket = format!("cloudcram-test-{name}-{}", std::process::id());
        let bin = env!("CARGO_BIN_EXE_cloudcram");
        let mut exports =
            format!("export CLOUDCRAM_DATA_DIR='{}'; unset CLOUDCRAM_CONTENT_DIR CLOUDCRAM_NOW; ", data.display());
        for (k, v) in env {
            exports = format!("{exports}export {k}='{v}'; ");
        }
        let out = dir.path().display().to_string();
        let script = format!(
            "{exports}'{bin}' {args}; echo $? > '{out}/status'; stty -a > '{out}/stty'; touch '{out}/done'; sleep 600"
        );
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "sh", "-c", &script])
            .env_remove("TMUX")
            .status()
            .unwrap();
        assert!(status.success());
        Self { socket, dir }
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p"])
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", k]);
        }
    }

    /// Waits until the screen shows `text`; panics with the screen after 10 s.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "never showed {text:?}; screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen no longer shows `text` (an overlay closed). A key sent right
    /// after Escape can reach the app in the same read and be taken as Alt plus that key.
    fn wait_gone(&self, text: &str) {
        let start = Instant::now();
        while self.screen().contains(text) {
            assert!(start.elapsed() < Duration::from_secs(10), "{text:?} never went; screen:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_done(&self) {
        let start = Instant::now();
        while !self.dir.path().join("done").exists() {
            assert!(start.elapsed() < Duration::from_secs(10), "the app did not exit; screen:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn file(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default()
    }

    /// The terminal is back to normal: main screen, canonical mode, echo on.
    fn assert_restored(&self) {
        assert_eq!(self.tmux(&["display", "-p", "#{alternate_on}"]).trim(), "0", "still on the alternate screen");
        let stty = self.file("stty");
        assert!(stty.contains(" icanon") && stty.contains(" echo "), "terminal left raw: {stty}");
        assert_eq!(self.tmux(&["display", "-p", "#{cursor_flag}"]).trim(), "1", "cursor left hidden");
    }

    /// The pid of the app (the shell's child).
    fn app_pid(&self) -> u32 {
        let shell: u32 = self.tmux(&["display", "-p", "#{pane_pid}"]).trim().parse().expect("pane pid");
        // The process whose parent is the pane's shell and whose name is cloudcram.
        std::fs::read_dir("/proc")
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .find(|pid| {
                let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
                let (name, rest) = stat.split_once(") ").unwrap_or_default();
                let ppid = rest.split(' ').nth(1).and_then(|p| p.parse::<u32>().ok());
                name.ends_with("(cloudcram") && ppid == Some(shell)
            })
            .expect("the app's process")
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).status();
    }
}

/// Answers whatever question is on screen, reading its kind from the header.
fn answer(pane: &Pane, screen: &str) {
    if screen.contains("· a number ·") {
        pane.keys(&["4", "2"]);
    } else if let Some(n) =
        screen.split(" Pick ").nth(1).and_then(|s| s.split(' ').next()).and_then(|s| s.parse::<usize>().ok())
    {
        for _ in 0..n {
            pane.keys(&["Space", "j"]);
        }
    }
    pane.keys(&["Enter"]);
}

#[test]
fn a_quiz_is_answered_and_quitting_restores_the_terminal() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::start("quiz", "quiz --topic lambda --count 3", &[]);
    for n in 1..=3 {
        let screen = pane.wait_for(&format!("Question {n} of 3 · AWS Lambda"));
        answer(&pane, &screen);
        let feedback = pane.wait_for("Why");
        let verdict = ["✔ Right", "✘ Wrong", "✘ Not quite"];
        assert!(verdict.iter().any(|v| feedback.contains(v)), "no verdict: {feedback}");
        pane.keys(&["Enter"]);
    }
    let summary = pane.wait_for("Score:");
    assert!(summary.contains("of 3"), "{summary}");
    assert!(summary.contains("AWS Lambda"), "per-topic score: {summary}");
    pane.keys(&["?"]);
    pane.wait_for("Keys (Esc closes)");
    pane.keys(&["Escape"]);
    pane.wait_gone("Keys (Esc closes)");
    pane.keys(&["q"]);
    pane.wait_done();
    assert_eq!(pane.file("status").trim(), "0");
    pane.assert_restored();
}

#[test]
fn a_review_is_rated_saved_and_undone_and_a_second_instance_is_refused() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::start("review", "review", &[("CLOUDCRAM_NOW", "2026-11-27T15:00:00Z")]);
    let screen = pane.wait_for("Question 1 of");
    // A second writer on the same data directory stops with a clear message.
    let second = Command::new(env!("CARGO_BIN_EXE_cloudcram"))
        .args(["review", "--data-dir"])
        .arg(pane.dir.path().join("data"))
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&second.stderr);
    assert!(msg.contains("is in use by another cloudcram (process"), "{msg}");
    // Read-only commands still work meanwhile.
    let due = Command::new(env!("CARGO_BIN_EXE_cloudcram"))
        .args(["due", "--json", "--data-dir"])
        .arg(pane.dir.path().join("data"))
        .output()
        .unwrap();
    assert!(due.status.success(), "{}", String::from_utf8_lossy(&due.stderr));

    answer(&pane, &screen);
    let rate = pane.wait_for("How well did you know it?");
    assert!(rate.contains("1 Again") && rate.contains("4 Easy"), "{rate}");
    // The first answer is wrong: Good asks to be pressed again before it counts.
    assert!(rate.contains("✘ Wrong"), "{rate}");
    pane.keys(&["3"]);
    pane.wait_for("Press 3 again to rate it Good anyway");
    assert!(!pane.dir.path().join("data/progress.toml").exists(), "nothing saved before the confirmation");
    pane.keys(&["3"]);
    pane.wait_for("Question 2 of");
    let progress = std::fs::read_to_string(pane.dir.path().join("data/progress.toml")).unwrap();
    assert!(progress.contains("rating = \"good\""), "saved after the rating: {progress}");
    assert_eq!(progress.matches("[[review]]").count(), 1);
    // Undo takes it back, on disk too; then rate again.
    pane.keys(&["u"]);
    pane.wait_for("How well did you know it?");
    let progress = std::fs::read_to_string(pane.dir.path().join("data/progress.toml")).unwrap();
    assert_eq!(progress.matches("[[review]]").count(), 0, "{progress}");
    pane.keys(&["4", "4"]);
    pane.wait_for("Question 2 of");
    pane.keys(&["q"]);
    pane.wait_done();
    pane.assert_restored();
    let progress = std::fs::read_to_string(pane.dir.path().join("data/progress.toml")).unwrap();
    assert!(progress.contains("rating = \"easy\"") && progress.contains("at = 2026-11-27T15:00:00Z"), "{progress}");
}

#[test]
fn study_steps_through_a_diagram() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::start("study", "study lambda", &[]);
    pane.wait_for("Event sources and classic uses");
    // The lesson with diagrams is the fourth.
    pane.keys(&["j", "j", "j", "Enter"]);
    pane.wait_for("lesson 4 of");
    pane.keys(&["l"]);
    let screen = pane.wait_for("Step 1 of");
    assert!(screen.contains("Diagram:") || screen.contains("┌"), "{screen}");
    pane.keys(&["l"]);
    pane.wait_for("Step 2 of");
    pane.keys(&["C-c"]);
    pane.wait_done();
    pane.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal_and_an_idle_app_uses_no_cpu() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::start("sigterm", "", &[]);
    pane.wait_for("CLF-C02: other compute");
    let pid = pane.app_pid();
    let cpu = || {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        // utime and stime: fields 14 and 15, after the command name in parentheses.
        let rest = stat.rsplit(") ").next().unwrap();
        let f: Vec<u64> = rest.split(' ').skip(11).take(2).map(|x| x.parse().unwrap()).collect();
        f[0] + f[1]
    };
    let before = cpu();
    std::thread::sleep(Duration::from_secs(2));
    let ticks = cpu() - before;
    assert!(ticks <= 1, "an idle app used {ticks} clock ticks of CPU in 2 s");
    Command::new("kill").args(["-TERM", &pid.to_string()]).status().unwrap();
    pane.wait_done();
    assert_eq!(pane.file("status").trim(), "143", "128 + SIGTERM");
    pane.assert_restored();
}

#[test]
fn a_panic_restores_the_terminal() {
    if !tmux_available() {
        return;
    }
    // Debug builds panic on F12 when CLOUDCRAM_TEST_PANIC is set (see tui.rs).
    let pane = Pane::start("panic", "study", &[("CLOUDCRAM_TEST_PANIC", "1")]);
    pane.wait_for("Choose a topic");
    pane.keys(&["F12"]);
    pane.wait_done();
    assert_eq!(pane.file("status").trim(), "101", "the panic's exit status");
    pane.assert_restored();
    let screen = pane.screen();
    assert!(screen.contains("test panic requested"), "the panic message is printed on the restored screen: {screen}");
}

#[test]
fn no_color_draws_without_colour_codes() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::start("nocolor", "study", &[("NO_COLOR", "1")]);
    pane.wait_for("Choose a topic");
    let escaped = pane.tmux(&["capture-pane", "-p", "-e"]);
    // Colour setting SGR codes: 30-37, 38;..., 40-47, 48;..., 90-97, 100-107.
    let coloured = escaped.split("\x1b[").skip(1).any(|seq| {
        let params = seq.split('m').next().unwrap_or("");
        params.split(';').any(|p| matches!(p.parse::<u32>(), Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)))
    });
    assert!(!coloured, "colour codes under NO_COLOR:\n{escaped:?}");
    assert!(escaped.contains("\x1b[7m"), "the selection should still be marked (reverse video)");
    pane.keys(&["q"]);
    pane.wait_done();
}

#[test]
fn a_terminal_that_is_too_small_is_told_so_and_resizing_recovers() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::start("small", "", &[]);
    pane.wait_for("CLF-C02");
    pane.tmux(&["resize-window", "-x", "30", "-y", "8"]);
    pane.wait_for("Terminal too small");
    pane.tmux(&["resize-window", "-x", "100", "-y", "30"]);
    pane.wait_for("CLF-C02");
    pane.keys(&["q"]);
    pane.wait_done();
    pane.assert_restored();
}

#[test]
fn escape_in_the_middle_of_a_quiz_asks_and_keeps_the_results() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::start("leave", "quiz --topic lambda --count 3", &[]);
    for n in 1..=2 {
        let screen = pane.wait_for(&format!("Question {n} of 3 · AWS Lambda"));
        answer(&pane, &screen);
        pane.wait_for("Why");
        pane.keys(&["Enter"]);
    }
    pane.wait_for("Question 3 of 3");
    pane.keys(&["Escape"]);
    let ask = pane.wait_for("Are you sure?");
    assert!(ask.contains("You have answered 2 of 3"), "{ask}");
    pane.keys(&["n"]);
    let back = pane.wait_for("Question 3 of 3");
    assert!(!back.contains("Are you sure?"), "{back}");
    pane.keys(&["Escape"]);
    pane.wait_for("Are you sure?");
    pane.keys(&["y"]);
    let summary = pane.wait_for("Score:");
    assert!(summary.contains("of 2"), "the results of the two answers: {summary}");
    pane.keys(&["Escape"]);
    pane.wait_for("CLF-C02: other compute");
    pane.keys(&["q"]);
    pane.wait_done();
    pane.assert_restored();
}

#[test]
fn the_interval_on_the_rating_bar_is_the_one_saved_on_a_real_clock() {
    if !tmux_available() {
        return;
    }
    // No --now: the real clock moves between answering and rating.
    let pane = Pane::start("interval", "review", &[]);
    let screen = pane.wait_for("Question 1 of");
    answer(&pane, &screen);
    let bar = pane.wait_for("4 Easy");
    let shown = bar.split("4 Easy ").nth(1).and_then(|s| s.split_whitespace().next()).unwrap().to_string();
    std::thread::sleep(Duration::from_millis(1500));
    pane.keys(&["4", "4"]); // twice: a wrong answer asks to confirm Easy
    pane.wait_for("Question 2 of");
    pane.keys(&["q"]);
    pane.wait_done();
    let data = pane.dir.path().join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_cloudcram"))
        .args(["due", "--all", "--json", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let card = json["cards"].as_array().unwrap().iter().find(|c| c["reps"] == 1).expect("the rated card");
    let due: jiff::Timestamp = card["due"].as_str().unwrap().parse().unwrap();
    let at: jiff::Timestamp = card["last_review"].as_str().unwrap().parse().unwrap();
    let saved = cloudcram::srs::format_interval(due.duration_since(at));
    assert_eq!(saved, shown, "the bar showed {shown}, the file says {saved}");
}

#[test]
fn a_short_exam_submits_itself_when_time_is_up() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::start("examtime", "exam --count 5 --minutes 0.1", &[]);
    pane.wait_for("Question 1 of 5");
    // Six seconds, then the report, with nothing answered.
    let report = pane.wait_for("NOT PASSED");
    assert!(report.contains("0 of 5 right") && report.contains("5 unanswered"), "{report}");
    pane.keys(&["q"]);
    pane.wait_done();
    pane.assert_restored();
    let data = pane.dir.path().join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_cloudcram"))
        .args(["exam", "--report", "last", "--json", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (json["score"].as_u64(), json["total"].as_u64(), json["unanswered"].as_u64()),
        (Some(0), Some(5), Some(5))
    );
    assert_eq!(json["passed"], false);
}

#[test]
fn an_exam_killed_mid_way_resumes_with_its_answers() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::start("examkill", "exam --count 4 --minutes 30 --seed 3", &[]);
    pane.wait_for("Question 1 of 4");
    // Answer two questions (the highlighted option, or enough picks of a multi).
    for n in 1..=2 {
        let screen = pane.wait_for(&format!("Question {n} of 4"));
        if let Some(k) =
            screen.split(" Choose ").nth(1).and_then(|s| s.split(' ').next()).and_then(|s| s.parse::<usize>().ok())
        {
            for _ in 0..k {
                pane.keys(&["Space", "j"]);
            }
        } else {
            pane.keys(&["Enter"]);
        }
        pane.wait_for(&format!("{n} of 4 answered"));
        pane.keys(&["n"]);
    }
    let pid = pane.app_pid();
    Command::new("kill").args(["-KILL", &pid.to_string()]).status().unwrap();
    pane.wait_done();
    // The same data directory, --resume: both answers are there.
    let data = pane.dir.path().join("data");
    let again = Pane::start_in("examresume", "exam --resume", &data);
    let screen = again.wait_for("2 of 4 answered");
    assert!(screen.contains("Question 1 of 4"), "{screen}");
    again.keys(&["g"]);
    again.wait_for("Every question");
    again.keys(&["Escape"]);
    again.wait_gone("Every question");
    again.keys(&["s"]);
    let review = again.wait_for("Before you submit");
    assert!(review.contains("2 unanswered"), "{review}");
    again.keys(&["y"]);
    let report = again.wait_for("of 4 right");
    again.keys(&["q"]);
    again.wait_done();
    let out = Command::new(env!("CARGO_BIN_EXE_cloudcram"))
        .args(["exam", "--report", "last", "--json", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let score = json["score"].as_u64().unwrap();
    assert!(report.contains(&format!("{score} of 4 right")), "the file says {score}; the screen:\n{report}");
    assert_eq!(json["unanswered"].as_u64(), Some(2));
    assert_eq!(json["questions"].as_array().unwrap().iter().filter(|q| q["answered"] == true).count(), 2);
}

#[test]
fn the_simulator_follows_an_edit_to_the_total_cost_prints() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::start("sim", "simulate --preset aws-example-512mb", &[]);
    let screen = pane.wait_for("Total per month");
    assert!(screen.contains("$18.73"), "AWS's example: {screen}");
    // The memory field has the cursor: type 1024, take it.
    pane.keys(&["1", "0", "2", "4", "Enter"]);
    let cost = Command::new(env!("CARGO_BIN_EXE_cloudcram"))
        .args(["cost", "lambda", "--memory-mb", "1024", "--duration-ms", "1000", "--invocations", "3000000", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&cost.stdout).unwrap();
    let total = format!("${:.2}", json["total"].as_f64().unwrap());
    let screen = pane.wait_for(&format!("Total per month {total}"));
    assert!(screen.contains("1,024"), "{screen}");
    // Compare draws its chart.
    pane.keys(&["[", "z"]);
    pane.wait_for("requests/month");
    // The keys may be read one frame apart: wait for the question too.
    let compare = pane.wait_for("Quiz:");
    assert!(compare.contains("requests/month") && compare.contains("cheapest"), "{compare}");
    pane.keys(&["q"]);
    pane.wait_done();
    pane.assert_restored();
}

/// The numbers after each of `labels` in `text`, commas removed: "with 512 MB" -> 512.
fn number_after(text: &str, label: &str) -> f64 {
    let at = text.find(label).unwrap_or_else(|| panic!("no {label:?} in {text}")) + label.len();
    let digits: String = text[at..].chars().take_while(|c| c.is_ascii_digit() || *c == ',').collect();
    digits.replace(',', "").parse().unwrap_or_else(|_| panic!("no number after {label:?} in {text}"))
}

#[test]
fn a_drill_brings_back_a_missed_generated_card_and_names_the_mistake_in_its_answer() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("progress.toml"),
        "schema = 1\n\n[[practice]]\ncard = \"gen.lambda-gb-seconds\"\nat = 2026-11-30T10:00:00Z\ncorrect = false\nmode = \"quiz\"\n",
    )
    .unwrap();
    let pane = Pane::start_in("drill", "drill --count 1", &data);
    let screen = pane.wait_for("Picked: missed in a quiz");
    // The prompt's numbers, joined across its wrapped lines.
    let prompt: String = screen.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    let mb = number_after(&prompt, "function with ");
    let times = number_after(&prompt, "MB of memory runs ");
    let ms = number_after(&prompt, "times a month for ");
    // Milliseconds taken as seconds: a thousand times the GB-seconds.
    let mistaken = times * ms * mb / 1024.0;
    pane.keys(&[&format!("{mistaken:.0}"), "Enter"]);
    let screen = pane.wait_for("matches a common mistake");
    assert!(screen.contains("milliseconds as seconds"), "{screen}");
    assert!(screen.contains("Worked answer") || pane.screen().contains("Why"), "{screen}");
    pane.keys(&["q", "y"]);
    pane.wait_done();
    pane.assert_restored();
    let saved = std::fs::read_to_string(data.join("progress.toml")).unwrap();
    assert!(saved.contains("mode = \"drill\""), "{saved}");
}

#[test]
fn an_imported_deck_is_quizzed_and_its_answers_are_logged_against_the_imported_ids() {
    if !tmux_available() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/exam-1.md");
    let out = Command::new(env!("CARGO_BIN_EXE_cloudcram"))
        .arg("--data-dir")
        .arg(data.path())
        .arg("import")
        .arg(&fixture)
        .args(["--deck", "Practice", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let imported: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<String> =
        imported["questions"].as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), 16);

    let pane = Pane::start_in("import", "quiz --topic practice --count 2", data.path());
    for n in 1..=2 {
        let screen = pane.wait_for(&format!("Question {n} of 2 · Practice"));
        answer(&pane, &screen);
        pane.wait_for("Why");
        pane.keys(&["Enter"]);
    }
    pane.wait_for("Score:");
    pane.keys(&["q"]);
    pane.wait_done();
    assert_eq!(pane.file("status").trim(), "0");
    pane.assert_restored();

    let progress = std::fs::read_to_string(data.path().join("progress.toml")).unwrap();
    let cards: Vec<&str> =
        progress.lines().filter_map(|l| l.strip_prefix("card = \"")).map(|l| l.trim_end_matches('"')).collect();
    assert_eq!(progress.matches("[[practice]]").count(), 2, "{progress}");
    assert_eq!(cards.len(), 2, "{progress}");
    for card in cards {
        assert!(ids.iter().any(|id| id == card), "{card} is not an imported id: {progress}");
    }
    assert!(progress.contains("mode = \"quiz\""), "{progress}");
}
