//! `cloudcram cost lambda|fargate|ec2` through the real binary: the text and JSON shapes, the
//! AWS worked examples, prices taken from the content, and exit codes for bad input.

mod common;

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

fn json(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

/// The line of text output that starts with `label`, its amount after the label.
fn amount_line(text: &str, label: &str) -> String {
    let line = text.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("no {label} line in\n{text}"));
    line[label.len()..].trim().to_string()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"))
}

/// `total` is the sum of the lines (to the last bit in the library; serde_json's default float
/// parser may read a number one unit in the last place off).
fn assert_sum(v: &Value, keys: &[&str]) {
    let sum: f64 = keys.iter().map(|k| f(&v[k])).sum();
    assert!((f(&v["total"]) - sum).abs() <= 1e-12 * sum.abs(), "{} != {sum}", v["total"]);
    let lines: f64 = v["lines"].as_array().unwrap().iter().map(|l| f(&l["amount"])).sum();
    assert!((lines - sum).abs() <= 1e-12 * sum.abs());
}

const AWS_EXAMPLE: [&str; 8] =
    ["cost", "lambda", "--memory-mb", "512", "--duration-ms", "1000", "--invocations", "3000000"];

#[test]
fn lambda_text_shows_the_steps_then_the_lines_in_cents() {
    let r = run(&AWS_EXAMPLE);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    insta::assert_snapshot!(r.stdout, @r"
    AWS Lambda monthly estimate (us-east-1, x86_64)

    Calculation:
      1. Memory: 512 MB / 1,024 MB per GB = 0.5 GB
      2. Compute time: 3,000,000 requests x 1,000 ms / 1,000 ms per s = 3,000,000 s
      3. Compute: 3,000,000 s x 0.5 GB = 1,500,000 GB-s
      4. Free tier: 1,500,000 GB-s - 400,000 free GB-s = 1,100,000 billable GB-s
      5. Duration, x86_64 tier 1 (the first 6,000,000,000 GB-s): 1,100,000 GB-s x $0.0000166667 = $18.3334
      6. Requests: 3,000,000 - 1,000,000 free = 2,000,000 billable
      7. Request cost: 2,000,000 requests x $0.20 per 1,000,000 = $0.40
      8. Ephemeral storage: 512 MB is included (up to 512 MB), so $0.00
      9. Total: $0.40 + $18.3334 + $0.00 = $18.7334

    Requests             $0.40
    Duration (compute)  $18.33
    Ephemeral storage    $0.00
    Total per month     $18.73

    Note: The free tier (1,000,000 requests and 400,000 GB-s a month) is shared by every function of the account, x86 and Arm; this estimate gives all of it to this function.
    Note: The free GB-seconds come off before the tiers, so they replace the dearest (first) tier.
    Note: The duration tiers count the account's total GB-seconds in the month for this architecture.

    Prices: us-east-1, USD, from https://aws.amazon.com/lambda/pricing/ as of 2026-11-01.
    ");
}

#[test]
fn lambda_json_has_the_interface_shape_with_unrounded_amounts() {
    let v = json(&AWS_EXAMPLE);
    assert_eq!(v["service"], "lambda");
    assert_eq!(v["region"], "us-east-1");
    assert_eq!(v["arch"], "x86_64");
    assert_eq!(v["currency"], "USD");
    assert_eq!(v["as_of"], "2026-11-01");
    assert_eq!(v["request_cost"], 0.4);
    assert!((f(&v["compute_cost"]) - 18.333_37).abs() < 1e-9);
    assert_eq!(v["ephemeral_cost"], 0.0);
    assert_sum(&v, &["request_cost", "compute_cost", "ephemeral_cost"]);
    assert_eq!(format!("{:.2}", f(&v["total"])), "18.73");
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(steps[1], "Compute time: 3,000,000 requests x 1,000 ms / 1,000 ms per s = 3,000,000 s");
    assert_eq!(v["inputs"]["invocations"], 3_000_000.0);
}

#[test]
fn lambda_128_mb_example_arm_and_no_free_tier() {
    let v = json(&["cost", "lambda", "--memory-mb", "128", "--duration-ms", "200", "--invocations", "30000000"]);
    assert_eq!(format!("{:.2}", f(&v["total"])), "11.63");

    let args = [&AWS_EXAMPLE[..], &["--arch", "arm64", "--no-free-tier", "--ephemeral-mb", "10240"]].concat();
    let v = json(&args);
    assert_eq!(v["arch"], "arm64");
    assert_eq!(v["inputs"]["free_tier"], false);
    // 1,500,000 GB-s x $0.0000133334 = $20.0001; 3,000,000 requests = $0.60;
    // 9.5 GB x 3,000,000 s x $0.0000000309 = $0.88065.
    assert!((f(&v["compute_cost"]) - 20.0001).abs() < 1e-9);
    assert!((f(&v["request_cost"]) - 0.6).abs() < 1e-12);
    assert!((f(&v["ephemeral_cost"]) - 0.880_65).abs() < 1e-9);
    let text = run(&args).stdout;
    assert_eq!(amount_line(&text, "Total per month"), "$21.48");
    assert!(text.contains("No free tier: all 1,500,000 GB-s are billable"), "{text}");
}

#[test]
fn fargate_text_and_json() {
    let args = ["cost", "fargate", "--vcpu", "1", "--memory-gb", "2", "--tasks", "2", "--hours", "730"];
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(amount_line(&r.stdout, "vCPU "), "$59.10");
    assert_eq!(amount_line(&r.stdout, "Memory "), "$12.98");
    assert_eq!(amount_line(&r.stdout, "Total per month"), "$72.08");
    assert!(r.stdout.contains("Task time: 2 tasks x 730 h = 1,460 task-hours"), "{}", r.stdout);
    assert!(r.stdout.contains("from https://aws.amazon.com/fargate/pricing/ as of 2026-11-01"));

    let v = json(&[&args[..], &["--arch", "arm64", "--ephemeral-gb", "50"]].concat());
    assert_eq!(v["service"], "fargate");
    assert_eq!(v["arch"], "arm64");
    // 1,460 task-hours: x $0.03238, 2,920 GB-h x $0.00356, 30 GB extra x 1,460 h x $0.000111.
    assert!((f(&v["vcpu_cost"]) - 1_460.0 * 0.032_38).abs() < 1e-9);
    assert!((f(&v["memory_cost"]) - 2_920.0 * 0.003_56).abs() < 1e-9);
    assert!((f(&v["ephemeral_cost"]) - 43_800.0 * 0.000_111).abs() < 1e-9);
    assert_sum(&v, &["vcpu_cost", "memory_cost", "ephemeral_cost"]);
    assert!(v["steps"].as_array().unwrap().len() >= 8);
}

#[test]
fn ec2_text_and_json() {
    let r = run(&["cost", "ec2", "--instance-type", "t3.micro"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Instance time: 1 instance x 730 h = 730 instance-hours"), "{}", r.stdout);
    assert_eq!(amount_line(&r.stdout, "Total per month"), "$7.59");

    let v = json(&["cost", "ec2", "--instance-type", "m5.large", "--count", "3", "--hours", "100"]);
    assert_eq!(v["service"], "ec2");
    assert!((f(&v["total"]) - 28.8).abs() < 1e-9);
    assert_eq!(v["inputs"]["hours"], 100.0);
    assert!(
        v["steps"].as_array().unwrap().iter().any(|s| s == "Instance time: 3 instances x 100 h = 300 instance-hours")
    );
}

#[test]
fn bad_values_exit_1_naming_the_limit() {
    let cases: [(&[&str], &str); 7] = [
        (
            &["cost", "lambda", "--memory-mb", "64", "--duration-ms", "1", "--invocations", "1"],
            "memory 64 MB is outside Lambda's limit (128 to 10,240 MB)",
        ),
        (
            &["cost", "lambda", "--memory-mb", "128", "--duration-ms", "900001", "--invocations", "1"],
            "(0 to 900,000 ms)",
        ),
        (
            &["cost", "lambda", "--memory-mb", "128", "--duration-ms", "1", "--invocations=-1"],
            "invocations must not be negative",
        ),
        (
            &["cost", "lambda", "--memory-mb", "nan", "--duration-ms", "1", "--invocations", "1"],
            "memory must be a number, not NaN",
        ),
        (
            &["cost", "fargate", "--vcpu", "1", "--memory-gb", "16", "--tasks", "1", "--hours", "1"],
            "with 1 vCPU choose 2, 3, 4, 5, 6, 7 or 8 GB",
        ),
        (
            &[
                "cost",
                "fargate",
                "--vcpu",
                "1",
                "--memory-gb",
                "2",
                "--tasks",
                "1",
                "--hours",
                "1",
                "--ephemeral-gb",
                "300",
            ],
            "(20 to 200 GB)",
        ),
        (&["cost", "ec2", "--instance-type", "t3.nano"], "the pricing data has t3.micro, t4g.small, m5.large"),
    ];
    for (args, message) in cases {
        let r = run(args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?} printed {}", r.stdout);
        assert!(r.stderr.starts_with("cloudcram: "), "{}", r.stderr);
        assert!(r.stderr.contains(message), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn command_line_mistakes_exit_2() {
    for args in [
        &["cost", "lambda", "--memory-mb", "512", "--duration-ms", "1", "--invocations", "1", "--arch", "sparc"][..],
        &["cost", "lambda", "--memory-mb", "512"][..],
        &["cost", "fargate", "--vcpu", "one", "--memory-gb", "2", "--tasks", "1", "--hours", "1"][..],
        &["cost", "ec2"][..],
    ] {
        assert_eq!(run(args).code, 2, "{args:?}");
    }
}

#[test]
fn prices_come_from_the_content_directory() {
    // The older Lambda pricing page's rate, $0.00001667, gives AWS's own answer: $18.74.
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("valid-min"), tmp.path());
    let pricing = tmp.path().join("pricing.toml");
    let text = std::fs::read_to_string(&pricing).unwrap();
    let old = text.replacen("per_gb_second = 0.0000166667", "per_gb_second = 0.00001667", 1).replacen(
        "as_of = 2026-11-01",
        "as_of = 2020-12-01",
        1,
    );
    assert_ne!(old, text);
    std::fs::write(&pricing, old).unwrap();
    let dir = tmp.path().to_str().unwrap();
    let r = run(&[&["--content-dir", dir], &AWS_EXAMPLE[..]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(amount_line(&r.stdout, "Total per month"), "$18.74");
    assert_eq!(amount_line(&r.stdout, "Duration (compute)"), "$18.34");
    assert!(r.stdout.contains("x $0.00001667 = $18.337"), "{}", r.stdout);
    assert!(r.stdout.contains("as of 2020-12-01."), "{}", r.stdout);
}
