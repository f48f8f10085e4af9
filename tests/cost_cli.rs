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

// ---- cost compare ---------------------------------------------------------------------------

const COMPARE: [&str; 6] = ["cost", "compare", "--memory-mb", "512", "--duration-ms", "100"];

fn lambda_total(args: &[&str], invocations: f64) -> Value {
    let n = format!("{invocations}");
    let v = json(&[&["cost", "lambda", "--invocations", n.as_str()], args].concat());
    v["total"].clone()
}

#[test]
fn compare_json_has_the_interface_shape() {
    let v = json(&COMPARE);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for key in ["assumptions", "series", "break_even", "cheapest"] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    assert!(v["assumptions"].as_array().unwrap().iter().any(|a| a.as_str().unwrap().contains("70% utilisation")));
    let series = v["series"].as_array().unwrap();
    // The default range, 10,000 to 1,000,000,000 a month, ten rows a decade.
    assert_eq!(series.len(), 51);
    assert_eq!((f(&series[0]["requests"]), f(&series[50]["requests"])), (1e4, 1e9));
    for row in series {
        for key in ["requests", "lambda", "fargate", "ec2"] {
            assert!(row[key].is_f64(), "{key} in {row}");
        }
    }
    // One break-even, Lambda to EC2 (hand-checked in the library's tests), and the stretches.
    assert_eq!(v["break_even"], serde_json::json!([{"requests": 13_992_249.0, "a": "lambda", "b": "ec2"}]));
    assert_eq!(
        v["cheapest"],
        serde_json::json!([{"from": 1e4, "service": "lambda"}, {"from": 13_992_249.0, "service": "ec2"}])
    );
}

#[test]
fn compare_lambda_values_are_cost_lambda_totals() {
    for extra in [&[][..], &["--arch", "arm64", "--no-free-tier"][..]] {
        let v = json(&[&COMPARE[..], extra].concat());
        let series = v["series"].as_array().unwrap();
        let lambda_args = [&["--memory-mb", "512", "--duration-ms", "100"][..], extra].concat();
        // Inside the free tier, just past it, odd log-spaced counts, and the top.
        for i in [0, 21, 31, 37, 50] {
            let requests = f(&series[i]["requests"]);
            assert_eq!(series[i]["lambda"], lambda_total(&lambda_args, requests), "{extra:?} at {requests}");
        }
    }
    // And the EC2 column is cost ec2 for the fleet it names.
    let v = json(&[&COMPARE[..], &["--from", "100000000", "--to", "100000000"]].concat());
    let row = &v["series"][0];
    assert_eq!(row["ec2_instances"], 3);
    assert_eq!(row["ec2"], json(&["cost", "ec2", "--instance-type", "t3.micro", "--count", "3"])["total"]);
}

#[test]
fn compare_text_states_its_assumptions_then_the_table_and_the_points_in_words() {
    let r = run(&[&COMPARE[..], &["--from", "1000000", "--to", "100000000"]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let t = &r.stdout;
    assert!(t.starts_with("AWS Lambda, AWS Fargate and Amazon EC2 for one workload, 1,000,000 to 100,000,000 requests a month (us-east-1, USD)\n\nAssumptions:\n  - Each request runs 100 ms with 512 MB (x86_64); Lambda includes the free tier.\n"), "{t}");
    assert!(t.contains("\nrequests a month  lambda  fargate (tasks)  ec2 (instances)  cheapest\n"), "{t}");
    assert!(t.contains("\n     100,000,000  $96.47      $108.12 (6)       $22.78 (3)  ec2\n"), "{t}");
    assert_eq!(t.lines().filter(|l| l.ends_with("  lambda") || l.ends_with("  ec2")).count(), 21);
    assert!(t.contains("  - From 13,992,249 requests a month, Amazon EC2 costs less than AWS Lambda."), "{t}");
    assert!(t.contains("  - AWS Lambda from 1,000,000 requests a month up to 13,992,248\n"), "{t}");
    assert!(
        t.contains("  - Amazon EC2 from 13,992,249 requests a month to the end of the range, 100,000,000\n"),
        "{t}"
    );
    assert!(t.contains("https://aws.amazon.com/ec2/pricing/on-demand/ as of 2026-11-01."), "{t}");
}

#[test]
fn compare_sizes_by_the_flags_when_given() {
    let args = [&COMPARE[..], &["--vcpu", "1", "--memory-gb", "2", "--instance-type", "m5.large"]].concat();
    let v = json(&args);
    let text: Vec<&str> = v["assumptions"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert!(
        text.iter()
            .any(|a| a.starts_with("Fargate: tasks of 1 vCPU and 2 GB (x86_64) at $0.04937 an hour, 3 requests each")),
        "{text:?}"
    );
    assert!(text.iter().any(|a| a.starts_with("EC2: m5.large (2 vCPU, 8 GB, x86_64)")), "{text:?}");
    assert_eq!(v["series"][0]["ec2"], json(&["cost", "ec2", "--instance-type", "m5.large"])["total"]);
    // A task too small to hold one request leaves Fargate out, and says why.
    let v =
        json(&["cost", "compare", "--memory-mb", "4096", "--duration-ms", "100", "--vcpu", "0.25", "--memory-gb", "2"]);
    assert!(v["series"][0]["fargate"].is_null());
    assert!(
        v["assumptions"].as_array().unwrap().iter().any(|a| a
            .as_str()
            .unwrap()
            .starts_with("Fargate: not compared, a task of 0.25 vCPU and 2 GB is too small"))
    );
}

#[test]
fn compare_limits_exit_1_naming_the_limit() {
    let cases: [(&[&str], &str); 6] = [
        (&["--memory-mb", "64", "--duration-ms", "100"], "memory 64 MB is outside Lambda's limit (128 to 10,240 MB)"),
        (&["--memory-mb", "512", "--duration-ms", "900001"], "(0 to 900,000 ms)"),
        (
            &["--memory-mb", "512", "--duration-ms", "100", "--vcpu", "1", "--memory-gb", "16"],
            "with 1 vCPU choose 2, 3, 4, 5, 6, 7 or 8 GB",
        ),
        (
            &["--memory-mb", "512", "--duration-ms", "100", "--instance-type", "t3.mikro"],
            "unknown instance type `t3.mikro` (did you mean t3.micro?)",
        ),
        (
            &["--memory-mb", "512", "--duration-ms", "100", "--from", "0"],
            "the first request count 0 is outside the comparison's range (1 to 1,000,000,000,000)",
        ),
        (
            &["--memory-mb", "512", "--duration-ms", "100", "--from", "1000", "--to", "10"],
            "the last request count 10 is outside the range from the first count (1,000 to 1,000,000,000,000)",
        ),
    ];
    for (args, message) in cases {
        let r = run(&[&["cost", "compare"][..], args].concat());
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?} printed {}", r.stdout);
        assert!(r.stderr.starts_with("cloudcram: ") && r.stderr.contains(message), "{args:?}: {}", r.stderr);
    }
    for args in [
        &["--memory-mb", "512"][..],
        &["--memory-mb", "512", "--duration-ms", "100", "--vcpu", "1"],
        &["--memory-mb", "512", "--duration-ms", "100", "--memory-gb", "2"],
        &["--memory-mb", "512", "--duration-ms", "100", "--arch", "sparc"],
        &["--memory-mb", "512", "--duration-ms", "100", "--to", "lots"],
    ] {
        assert_eq!(run(&[&["cost", "compare"][..], args].concat()).code, 2, "{args:?}");
    }
}
