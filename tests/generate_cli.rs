//! `cloudcram generate` through the real binary: the JSON shape of INTERFACE.md, seeds,
//! answers that agree with `cost lambda|fargate`, mistakes told apart from the answer, the
//! single-choice form, the text output, and exit codes for bad input and for content without
//! templates.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{cloudcram, copy_dir, fixtures};
use serde_json::Value;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = cloudcram().args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// `generate ARGS --json`: the list of questions.
fn questions(args: &[&str]) -> Vec<Value> {
    let args = [&["generate"], args, &["--json"]].concat();
    let r = run(&args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    serde_json::from_str::<Value>(&r.stdout).unwrap().as_array().expect("a list").clone()
}

/// The one question `--template T --seed S` gives.
fn one(template: &str, seed: u64) -> Value {
    let seed = seed.to_string();
    let qs = questions(&["--template", template, "--seed", &seed]);
    assert_eq!(qs.len(), 1, "{template} seed {seed}");
    qs.into_iter().next().unwrap()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"))
}

/// A number as a command-line flag: 2048, 0.25.
fn flag(v: &Value) -> String {
    let x = f(v);
    if x.fract() == 0.0 { format!("{x:.0}") } else { x.to_string() }
}

/// The template ids of the built-in content, in file order.
fn template_ids() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/generated.toml");
    let doc: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
    doc["templates"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap().to_string()).collect()
}

const FIELDS: [&str; 11] =
    ["id", "template", "kind", "prompt", "answer", "unit", "tolerance", "options", "steps", "mistakes", "inputs"];

#[test]
fn json_has_one_question_per_template_with_the_interface_fields() {
    let ids = template_ids();
    assert_eq!(ids.len(), 10, "{ids:?}");
    let qs = questions(&["--seed", "5"]);
    let got: Vec<&str> = qs.iter().map(|q| q["template"].as_str().unwrap()).collect();
    assert_eq!(got, ids);
    let fields: BTreeSet<&str> = FIELDS.into_iter().collect();
    for q in &qs {
        let t = q["template"].as_str().unwrap();
        let keys: BTreeSet<&str> = q.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, fields, "{t}");
        assert_eq!(q["id"], format!("gen.{t}"));
        let prompt = q["prompt"].as_str().unwrap();
        assert!(!prompt.is_empty() && !prompt.contains('{') && !prompt.contains('}'), "{t}: {prompt}");
        let steps = q["steps"].as_array().unwrap();
        assert!(!steps.is_empty() && steps.iter().all(Value::is_string), "{t}: {steps:?}");
        assert!(q["inputs"].is_object(), "{t}");
        assert!(q["unit"].is_string(), "{t}");
        assert!(f(&q["tolerance"]) >= 0.0, "{t}");
        for m in q["mistakes"].as_array().unwrap() {
            // INTERFACE.md names `name` and `value`; `says` is the mistake's words as shown to
            // a learner.
            let keys: BTreeSet<&str> = m.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(keys, BTreeSet::from(["name", "value", "says"]), "{t}: {m}");
            assert!(m["name"].is_string() && m["value"].is_number(), "{t}: {m}");
        }
        if t == "cheapest-for-workload" {
            // A choice: the answer is one option's id, and there is nothing to type.
            assert_eq!(q["kind"], "single");
            let options: Vec<&str> =
                q["options"].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap()).collect();
            assert_eq!(options, ["lambda", "fargate", "ec2"]);
            assert!(options.contains(&q["answer"].as_str().unwrap()), "{q}");
            assert_eq!(q["unit"], "");
        } else {
            assert_eq!(q["kind"], "numeric", "{t}");
            assert!(f(&q["answer"]) > 0.0, "{t}");
            assert!(f(&q["tolerance"]) > 0.0, "{t}");
            assert_eq!(q["options"], serde_json::json!([]), "{t}");
            assert!(!q["unit"].as_str().unwrap().is_empty(), "{t}");
            assert!(q["mistakes"].as_array().unwrap().len() >= 2, "{t}: {}", q["mistakes"]);
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_other_numbers() {
    let a = run(&["generate", "--json", "--seed", "5"]);
    let b = run(&["generate", "--json", "--seed", "5"]);
    assert_eq!(a.code, 0, "{}", a.stderr);
    assert_eq!(a.stdout.as_bytes(), b.stdout.as_bytes());
    let c = run(&["generate", "--json", "--seed", "6"]);
    assert_eq!(c.code, 0, "{}", c.stderr);
    assert_ne!(a.stdout, c.stdout);
    // The text form too: the same seed, the same questions.
    let a = run(&["generate", "--seed", "5", "--choice"]);
    let b = run(&["generate", "--seed", "5", "--choice"]);
    assert_eq!(a.stdout, b.stdout);
}

/// `cost lambda` with a question's inputs: its `total`.
fn lambda_total(inputs: &Value) -> f64 {
    assert_eq!(inputs["service"], "lambda", "{inputs}");
    let mut args: Vec<String> = ["cost", "lambda"].map(String::from).to_vec();
    for (name, key) in [
        ("--memory-mb", "memory_mb"),
        ("--duration-ms", "duration_ms"),
        ("--invocations", "invocations"),
        ("--ephemeral-mb", "ephemeral_mb"),
    ] {
        args.extend([name.to_string(), flag(&inputs[key])]);
    }
    args.extend(["--arch".to_string(), inputs["arch"].as_str().unwrap().to_string()]);
    if !inputs["free_tier"].as_bool().unwrap() {
        args.push("--no-free-tier".into());
    }
    cost_total(&args)
}

/// `cost fargate` with a question's inputs: its `total`.
fn fargate_total(inputs: &Value) -> f64 {
    assert_eq!(inputs["service"], "fargate", "{inputs}");
    let mut args: Vec<String> = ["cost", "fargate"].map(String::from).to_vec();
    for (name, key) in [
        ("--vcpu", "vcpu"),
        ("--memory-gb", "memory_gb"),
        ("--tasks", "tasks"),
        ("--hours", "hours"),
        ("--ephemeral-gb", "ephemeral_gb"),
    ] {
        args.extend([name.to_string(), flag(&inputs[key])]);
    }
    args.extend(["--arch".to_string(), inputs["arch"].as_str().unwrap().to_string()]);
    cost_total(&args)
}

fn cost_total(args: &[String]) -> f64 {
    let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
    args.push("--json");
    let r = run(&args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    f(&serde_json::from_str::<Value>(&r.stdout).unwrap()["total"])
}

fn assert_close(answer: f64, total: f64, what: &str) {
    assert!((answer - total).abs() <= 1e-9 * total.abs().max(1e-12), "{what}: answer {answer}, cost says {total}");
}

#[test]
fn lambda_answers_are_what_cost_lambda_says() {
    let mut free_tier = BTreeSet::new();
    for template in ["lambda-monthly-cost", "lambda-cost-free-tier-used"] {
        let mut prompts = BTreeSet::new();
        for seed in 0..20 {
            let q = one(template, seed);
            assert_close(f(&q["answer"]), lambda_total(&q["inputs"]), &format!("{template} seed {seed}"));
            free_tier.insert(q["inputs"]["free_tier"].as_bool().unwrap());
            prompts.insert(q["prompt"].as_str().unwrap().to_string());
        }
        // Twenty seeds are not twenty copies of one question.
        assert!(prompts.len() > 5, "{template}: {prompts:#?}");
    }
    // Both templates were priced: one with the free tier, one without (--no-free-tier).
    assert_eq!(free_tier, BTreeSet::from([false, true]));
}

#[test]
fn fargate_answers_are_what_cost_fargate_says() {
    let mut prompts = BTreeSet::new();
    for seed in 0..20 {
        let q = one("fargate-monthly-cost", seed);
        assert_close(f(&q["answer"]), fargate_total(&q["inputs"]), &format!("seed {seed}"));
        prompts.insert(q["prompt"].as_str().unwrap().to_string());
    }
    assert!(prompts.len() > 5, "{prompts:#?}");
}

#[test]
fn no_mistake_is_within_the_tolerance_of_the_answer() {
    for seed in ["1", "2", "3", "4", "5"] {
        for form in [&[][..], &["--choice"][..]] {
            let args = [&["--seed", seed, "--count", "20"], form].concat();
            for q in questions(&args) {
                let Some(answer) = q["answer"].as_f64() else { continue };
                let tolerance = f(&q["tolerance"]);
                for m in q["mistakes"].as_array().unwrap() {
                    let gap = (f(&m["value"]) - answer).abs();
                    assert!(gap > tolerance, "{} {args:?}: {m} is within {tolerance} of {answer}", q["id"]);
                }
            }
        }
    }
}

#[test]
fn an_unknown_template_is_a_usage_error_naming_the_closest() {
    let r = run(&["generate", "--template", "lambda-montly-cost"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.starts_with(
            "cloudcram: unknown template 'lambda-montly-cost' (did you mean lambda-monthly-cost?); the templates are lambda-monthly-cost, "
        ),
        "{}",
        r.stderr
    );
    let r = run(&["generate", "--template", "nope"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("cloudcram: unknown template 'nope'"), "{}", r.stderr);
    assert!(r.stderr.contains("break-even-requests"), "the templates are listed: {}", r.stderr);
}

#[test]
fn count_zero_is_refused() {
    let r = run(&["generate", "--count", "0"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid value '0' for '--count <N>'"), "{}", r.stderr);
}

#[test]
fn count_repeats_the_chosen_template_with_new_numbers() {
    let qs = questions(&["--count", "3", "--template", "ec2-monthly-cost", "--seed", "9"]);
    assert_eq!(qs.len(), 3);
    assert!(qs.iter().all(|q| q["template"] == "ec2-monthly-cost" && q["id"] == "gen.ec2-monthly-cost"));
    // Templates are taken in turn.
    let qs = questions(&["--count", "5", "--template", "ec2-monthly-cost", "--template", "lambda-gb-seconds"]);
    let got: Vec<&str> = qs.iter().map(|q| q["template"].as_str().unwrap()).collect();
    assert_eq!(
        got,
        ["lambda-gb-seconds", "ec2-monthly-cost", "lambda-gb-seconds", "ec2-monthly-cost", "lambda-gb-seconds"]
    );
}

#[test]
fn choice_gives_four_options_with_the_right_one_among_them() {
    for seed in ["5", "11"] {
        for q in questions(&["--choice", "--seed", seed]) {
            let t = q["template"].as_str().unwrap();
            assert_eq!(q["kind"], "single", "{t}");
            let options = q["options"].as_array().unwrap();
            let texts: BTreeSet<&str> = options.iter().map(|o| o["text"].as_str().unwrap()).collect();
            assert_eq!(texts.len(), options.len(), "{t}: two options read the same: {options:?}");
            if t == "cheapest-for-workload" {
                assert_eq!(options.len(), 3);
                continue;
            }
            assert_eq!(options.len(), 4, "{t}: {options:?}");
            let right: Vec<&Value> = options.iter().filter(|o| o["id"] == "right").collect();
            assert_eq!(right.len(), 1, "{t}");
            // Every wrong option is a mistake of this question, with its words as the why.
            let mistakes = q["mistakes"].as_array().unwrap();
            for o in options.iter().filter(|o| o["id"] != "right") {
                let m = mistakes.iter().find(|m| m["name"] == o["id"]).unwrap_or_else(|| panic!("{t}: {o}"));
                assert_eq!(o["why"], m["says"], "{t}");
            }
        }
    }
}

#[test]
fn text_names_the_seed_the_answer_the_worked_answer_and_the_mistakes() {
    let r = run(&["generate", "--seed", "5", "--template", "ec2-monthly-cost", "--template", "lambda-monthly-cost"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = r.stdout;
    assert!(text.starts_with("2 generated questions (seed 5; the same --seed gives the same questions)\n"), "{text}");
    assert_eq!(text.matches("   Answer: ").count(), 2, "{text}");
    assert_eq!(text.matches("   Worked answer:").count(), 2, "{text}");
    assert!(text.contains("[gen.ec2-monthly-cost]") && text.contains("[gen.lambda-monthly-cost]"), "{text}");
    // Each question's mistakes are named under it, as the JSON of the same seed has them.
    for q in questions(&["--seed", "5", "--template", "ec2-monthly-cost", "--template", "lambda-monthly-cost"]) {
        assert!(text.contains(&format!("[{}]", q["id"].as_str().unwrap())));
        for m in q["mistakes"].as_array().unwrap() {
            let name = m["name"].as_str().unwrap();
            assert!(text.lines().any(|l| l.trim_start().starts_with(name)), "{name} missing from\n{text}");
        }
    }
    let ec2 = text.split("[gen.ec2-monthly-cost]").nth(1).unwrap();
    assert!(ec2.contains("Answer: $") && ec2.contains("(within $0.01)"), "{ec2}");
}

#[test]
fn content_without_templates_is_an_error_not_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("valid-min"), tmp.path());
    assert!(!tmp.path().join("generated.toml").exists());
    let dir = tmp.path().to_str().unwrap();
    for args in [&[][..], &["--count", "3"][..], &["--template", "lambda-monthly-cost"][..], &["--json"][..]] {
        let args = [&["--content-dir", dir, "generate"], args].concat();
        let r = run(&args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        assert_eq!(
            r.stderr,
            "cloudcram: this content has no generated-question templates; they are [[templates]] in generated.toml\n",
            "{args:?}"
        );
    }
}
