//! The conventions of a well-made CLI: shell completions and a man page that need neither
//! content nor progress, exit codes in `--help`, the content's date in `--version`.

mod common;

use common::cloudcram;

/// Content and progress that would stop any command needing them.
fn broken_inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::fs::write(dir.path().join("data/progress.toml"), "schema = 99\n").unwrap();
    dir
}

fn run_without_inputs(args: &[&str]) -> String {
    let dir = broken_inputs();
    let out = cloudcram()
        .arg("--content-dir")
        .arg(dir.path().join("content"))
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_for_each_shell_need_no_content() {
    for (shell, marker) in [
        ("bash", "complete -F _cloudcram"),
        ("zsh", "#compdef cloudcram"),
        ("fish", "complete -c cloudcram"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[cloudcram]"),
    ] {
        let script = run_without_inputs(&["completions", shell]);
        assert!(script.contains(marker), "{shell}: {}", &script[..script.len().min(300)]);
        for word in ["export", "merge", "completions", "data-dir"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
    let out = cloudcram().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_man_page_is_roff_and_needs_no_content() {
    let page = run_without_inputs(&["man"]);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{}", &page[..200]);
    assert!(page.contains("\n.TH cloudcram 1 "), "a roff title header");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "{section}");
    }
    assert!(page.contains("Exit status:"), "the exit codes are in the page too");
}

#[test]
fn help_lists_the_exit_codes() {
    let out = cloudcram().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    let tail = &help[help.find("Exit status:").expect("an exit status section")..];
    for code in ["  0  success", "  1  a problem you must fix", "  2  a command-line mistake"] {
        assert!(tail.contains(code), "{code}:\n{tail}");
    }
    let short = String::from_utf8(cloudcram().arg("-h").output().unwrap().stdout).unwrap();
    assert!(short.contains("Exit status:"));
}

#[test]
fn version_names_the_contents_date() {
    let out = cloudcram().arg("--version").output().unwrap();
    assert!(out.status.success());
    let course = cloudcram::content::load(None).unwrap();
    let p = &course.pricing;
    let mut dates = vec![&p.lambda.provenance, &p.fargate.provenance, &p.ec2.provenance, &p.ecr.provenance];
    dates.extend(p.api_gateway.as_ref().map(|a| &a.provenance));
    dates.extend(p.lightsail.as_ref().map(|l| &l.provenance));
    let newest = dates.iter().map(|d| d.as_of.as_str()).max().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("cloudcram {} (built-in content as of {newest})\n", env!("CARGO_PKG_VERSION"))
    );
}

/// The README's "Layout" and its links name only what a clone of the repository has.
#[test]
fn the_readme_refers_only_to_files_in_the_repo() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let layout = &readme[readme.find("\n## Layout\n").expect("a Layout section")..];
    let block = layout.split("```").nth(1).expect("the Layout's tree");
    let mut named = 0;
    for line in block.lines().filter(|l| !l.is_empty() && !l.starts_with(' ')) {
        let paths = line.split("  ").next().unwrap();
        for path in paths.split(", ") {
            assert!(root.join(path.trim()).exists(), "the Layout names {path}, which is not in the repo");
            named += 1;
        }
    }
    assert!(named > 15, "{named} paths");
    // Links: [text](target), other than web addresses and anchors.
    for target in readme.split("](").skip(1).filter_map(|rest| rest.split(')').next()) {
        if target.starts_with("http") || target.starts_with('#') {
            continue;
        }
        assert!(root.join(target).exists(), "the README links {target}, which is not in the repo");
    }
    for outside in ["](../", "`../", " ../"] {
        assert!(!readme.contains(outside), "nothing outside the repository: {outside}");
    }
}
