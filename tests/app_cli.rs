//! The app's start-up checks, through the binary and without a terminal: everything that can
//! fail is reported on a normal screen before raw mode.

use assert_cmd::Command;

fn cloudcram(data: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("cloudcram").unwrap();
    cmd.env_remove("CLOUDCRAM_CONTENT_DIR").env_remove("CLOUDCRAM_NOW").env("CLOUDCRAM_DATA_DIR", data);
    cmd
}

#[test]
fn a_damaged_progress_file_stops_the_app_with_its_position_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let broken =
        "schema = 1\n\n[[review]]\ncard = \"lambda.max-timeout\"\nat = 2026-11-27T14:03:11Z\nrating = \"brilliant\"\n";
    std::fs::write(dir.path().join("progress.toml"), broken).unwrap();
    let out = cloudcram(dir.path()).arg("review").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = stderr.lines().next().unwrap();
    assert!(first.starts_with(&format!("{}:6:10: ", dir.path().join("progress.toml").display())), "{stderr}");
    assert!(!stderr.starts_with("cloudcram:"), "printed bare, like `due` and `stats`: {stderr}");
    assert_eq!(std::fs::read_to_string(dir.path().join("progress.toml")).unwrap(), broken, "never overwritten");
}

#[test]
fn an_unknown_topic_is_a_command_line_mistake_refused_before_the_app_opens() {
    let dir = tempfile::tempdir().unwrap();
    let out = cloudcram(dir.path()).args(["study", "kubernetes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("cloudcram: unknown topic 'kubernetes'; the topics are docker, ecs, fargate,"),
        "nothing is close to kubernetes, so no suggestion: {stderr}"
    );
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "no lock, no progress file");
}

#[test]
fn a_topic_with_a_typo_gets_the_closest_one_offered() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 4] = [
        (&["study", "lambd"], "unknown topic 'lambd' (did you mean lambda?); the topics are docker,"),
        (&["quiz", "--topic", "lambd"], "unknown topic 'lambd' (did you mean lambda?)"),
        (&["quiz", "--topic", "ecs", "--topic", "fargte"], "unknown topic 'fargte' (did you mean fargate?)"),
        // Checked before the command says it is not built: the mistake is the user's to fix.
        (&["exam", "--topic", "api-gateways"], "unknown topic 'api-gateways' (did you mean api-gateway?)"),
    ];
    for (args, message) in cases {
        let out = cloudcram(dir.path()).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.starts_with(&format!("cloudcram: {message}")), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn without_a_terminal_the_app_says_what_works_instead() {
    let dir = tempfile::tempdir().unwrap();
    let out = cloudcram(dir.path()).arg("study").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs an interactive terminal"), "{stderr}");
    assert!(stderr.contains("cost, due, stats, generate"), "{stderr}");
}

#[test]
fn a_count_of_zero_is_a_command_line_mistake() {
    let dir = tempfile::tempdir().unwrap();
    for (args, why) in [
        (&["quiz", "--count", "0"][..], "must be at least 1"),
        (&["exam", "--count", "0"], "must be at least 1"),
        (&["exam", "--minutes", "0"], "must be more than 0"),
    ] {
        let out = cloudcram(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("invalid value '0'") && stderr.contains(why), "{args:?}: {stderr}");
    }
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "nothing written to the data dir");
}

#[test]
fn an_unknown_preset_is_a_command_line_mistake_with_the_closest_offered() {
    let dir = tempfile::tempdir().unwrap();
    let out = cloudcram(dir.path()).args(["simulate", "--preset", "web-apj"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown preset 'web-apj' (did you mean web-api?)"), "{stderr}");
    assert!(stderr.contains("the presets are thumbnail-pipeline, serverless-cron, aws-example-512mb"), "{stderr}");
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "nothing written to the data dir");
}
