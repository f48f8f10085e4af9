//! The cost models against hand-checked figures, the AWS examples, input limits and
//! invariants (proptest). The price book here is written out by hand (the rates of
//! shared/FACTS.md) so that these figures don't move when content/pricing.toml does; the
//! invariants are also checked on the shipped price book.

// Exact float equality is the point of several checks here: the total must be exactly the sum
// of its lines, and a whole-second or zero result exactly that.
#![allow(clippy::float_cmp)]

use proptest::prelude::*;

use super::compare::{self, Assumptions, Plan, Workload};
use super::ec2::Ec2Usage;
use super::fargate::{self, BilledRun, FargateUsage};
use super::lambda::{self, LambdaUsage};
use super::*;

fn provenance(page: &str) -> Provenance {
    Provenance { source: format!("https://aws.amazon.com/{page}/pricing/"), as_of: "2026-11-01".into() }
}

fn range(min: f64, max: f64, step: f64) -> Vec<f64> {
    let n = ((max - min) / step).round() as usize;
    (0..=n).map(|i| min + step * i as f64).collect()
}

fn book() -> PriceBook {
    let tier = |up_to: Option<f64>, per_gb_second: f64| Tier { up_to, per_gb_second };
    PriceBook {
        region: "us-east-1".into(),
        currency: "USD".into(),
        lambda: LambdaPrices {
            provenance: provenance("lambda"),
            request_per_million: 0.20,
            free_requests: 1_000_000.0,
            free_gb_seconds: 400_000.0,
            ephemeral_included_mb: 512.0,
            ephemeral_gb_second: 0.000_000_030_9,
            x86_64: vec![
                tier(Some(6e9), 0.000_016_666_7),
                tier(Some(15e9), 0.000_015_000_0),
                tier(None, 0.000_013_333_4),
            ],
            arm64: vec![
                tier(Some(7.5e9), 0.000_013_333_4),
                tier(Some(18.75e9), 0.000_012_000_1),
                tier(None, 0.000_010_666_7),
            ],
        },
        fargate: FargatePrices {
            provenance: provenance("fargate"),
            minimum_seconds: 60.0,
            ephemeral_included_gb: 20.0,
            ephemeral_gb_hour: 0.000_111,
            x86_64: FargateRates { vcpu_hour: 0.040_48, gb_hour: 0.004_445 },
            arm64: FargateRates { vcpu_hour: 0.032_38, gb_hour: 0.003_56 },
            sizes: vec![
                FargateSize { vcpu: 0.25, memory_gb: vec![0.5, 1.0, 2.0] },
                FargateSize { vcpu: 0.5, memory_gb: range(1.0, 4.0, 1.0) },
                FargateSize { vcpu: 1.0, memory_gb: range(2.0, 8.0, 1.0) },
                FargateSize { vcpu: 2.0, memory_gb: range(4.0, 16.0, 1.0) },
                FargateSize { vcpu: 4.0, memory_gb: range(8.0, 30.0, 1.0) },
                FargateSize { vcpu: 8.0, memory_gb: range(16.0, 60.0, 4.0) },
                FargateSize { vcpu: 16.0, memory_gb: range(32.0, 120.0, 8.0) },
            ],
        },
        ec2: Ec2Prices {
            provenance: provenance("ec2"),
            hours_per_month: 730.0,
            instances: vec![
                InstanceType {
                    name: "t3.micro".into(),
                    vcpu: 2.0,
                    memory_gb: 1.0,
                    arch: Arch::X86_64,
                    per_hour: 0.0104,
                },
                InstanceType {
                    name: "t4g.small".into(),
                    vcpu: 2.0,
                    memory_gb: 2.0,
                    arch: Arch::Arm64,
                    per_hour: 0.0168,
                },
                InstanceType {
                    name: "m5.large".into(),
                    vcpu: 2.0,
                    memory_gb: 8.0,
                    arch: Arch::X86_64,
                    per_hour: 0.096,
                },
            ],
        },
        ecr: EcrPrices { provenance: provenance("ecr"), storage_gb_month: 0.10 },
        api_gateway: None,
        lightsail: None,
    }
}

/// [`book`], built once, for the other modules' tests.
pub(super) fn hand_book() -> &'static PriceBook {
    static BOOK: std::sync::OnceLock<PriceBook> = std::sync::OnceLock::new();
    BOOK.get_or_init(book)
}

/// The shipped content's price book.
pub(super) fn shipped() -> &'static PriceBook {
    static BOOK: std::sync::OnceLock<PriceBook> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| crate::content::load(None).expect("the built-in content is valid").pricing)
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0)
}

macro_rules! assert_close {
    ($actual:expr, $expected:expr) => {{
        let (a, e): (f64, f64) = ($actual, $expected);
        assert!(close(a, e), "{} = {a}, expected {e}", stringify!($actual));
    }};
}

fn cents(x: f64) -> String {
    format!("{x:.2}")
}

fn lambda_with(f: impl FnOnce(&mut LambdaUsage), memory_mb: f64, duration_ms: f64, invocations: f64) -> Estimate {
    let mut u = LambdaUsage::new(memory_mb, duration_ms, invocations);
    f(&mut u);
    lambda::estimate(&book(), &u).unwrap()
}

fn lambda_cost(memory_mb: f64, duration_ms: f64, invocations: f64) -> Estimate {
    lambda_with(|_| {}, memory_mb, duration_ms, invocations)
}

fn amount(e: &Estimate, kind: LineKind) -> f64 {
    e.amount(kind).unwrap_or_else(|| panic!("no {kind:?} line"))
}

// ---- Lambda: the AWS examples -------------------------------------------------------------

#[test]
fn aws_example_512_mb_at_the_rate_then_quoted_is_18_74() {
    // The older Lambda pricing page quoted $0.00001667 per GB-s.
    let mut old = book();
    old.lambda.x86_64[0].per_gb_second = 0.000_016_67;
    let e = lambda::estimate(&old, &LambdaUsage::new(512.0, 1_000.0, 3_000_000.0)).unwrap();
    assert_close!(amount(&e, LineKind::Compute), 1_100_000.0 * 0.000_016_67);
    assert_close!(amount(&e, LineKind::Requests), 0.40);
    assert_eq!(cents(amount(&e, LineKind::Compute)), "18.34");
    assert_eq!(cents(e.total()), "18.74");
}

#[test]
fn aws_example_512_mb_at_todays_rate_is_18_73() {
    let e = lambda_cost(512.0, 1_000.0, 3_000_000.0);
    assert_close!(amount(&e, LineKind::Compute), 18.333_37);
    assert_close!(amount(&e, LineKind::Requests), 0.40);
    assert_close!(amount(&e, LineKind::Ephemeral), 0.0);
    assert_close!(e.total(), 18.733_37);
    assert_eq!(cents(e.total()), "18.73");
}

#[test]
fn aws_example_128_mb_30_million_is_11_63() {
    let e = lambda_cost(128.0, 200.0, 30_000_000.0);
    // 750,000 GB-s - 400,000 free = 350,000; 29,000,000 billable requests.
    assert_close!(amount(&e, LineKind::Compute), 350_000.0 * 0.000_016_666_7);
    assert_close!(amount(&e, LineKind::Requests), 5.80);
    assert_eq!(cents(e.total()), "11.63");
    let mut old = book();
    old.lambda.x86_64[0].per_gb_second = 0.000_016_67;
    let e = lambda::estimate(&old, &LambdaUsage::new(128.0, 200.0, 30_000_000.0)).unwrap();
    assert_eq!(cents(amount(&e, LineKind::Compute)), "5.83");
    assert_eq!(cents(e.total()), "11.63");
}

#[test]
fn the_steps_show_the_calculation_with_separators() {
    let e = lambda_cost(512.0, 1_000.0, 3_000_000.0);
    let expected = [
        "Memory: 512 MB / 1,024 MB per GB = 0.5 GB",
        "Compute time: 3,000,000 requests x 1,000 ms / 1,000 ms per s = 3,000,000 s",
        "Compute: 3,000,000 s x 0.5 GB = 1,500,000 GB-s",
        "Free tier: 1,500,000 GB-s - 400,000 free GB-s = 1,100,000 billable GB-s",
        "Duration, x86_64 tier 1 (the first 6,000,000,000 GB-s): 1,100,000 GB-s x $0.0000166667 = $18.3334",
        "Requests: 3,000,000 - 1,000,000 free = 2,000,000 billable",
        "Request cost: 2,000,000 requests x $0.20 per 1,000,000 = $0.40",
        "Ephemeral storage: 512 MB is included (up to 512 MB), so $0.00",
        "Total: $0.40 + $18.3334 + $0.00 = $18.7334",
    ];
    assert_eq!(e.steps, expected);
}

// ---- Lambda: hand-checked cases -----------------------------------------------------------

#[test]
fn archs_and_services_keep_their_names() {
    assert_eq!([Arch::X86_64, Arch::Arm64].map(Arch::name), ["x86_64", "arm64"]);
    assert_eq!([Arch::parse("x86_64"), Arch::parse("arm64")], [Some(Arch::X86_64), Some(Arch::Arm64)]);
    assert_eq!([Arch::parse("x86-64"), Arch::parse("X86_64"), Arch::parse("")], [None, None, None]);
    assert_eq!(Service::ALL.map(Service::name), ["lambda", "fargate", "ec2"]);
}

#[test]
fn arm_uses_the_arm_rates() {
    // 10,000,000 x 0.5 s x 1 GB = 5,000,000 GB-s - 400,000 free = 4,600,000 at $0.0000133334.
    let e = lambda_with(|u| u.arch = Arch::Arm64, 1_024.0, 500.0, 10_000_000.0);
    assert_eq!(e.arch, Arch::Arm64);
    assert_close!(amount(&e, LineKind::Compute), 4_600_000.0 * 0.000_013_333_4);
    assert_close!(amount(&e, LineKind::Requests), 9_000_000.0 * 0.2 / 1e6);
    assert_eq!(cents(e.total()), "63.13");
    assert!(e.steps.iter().any(|s| s.starts_with("Duration, arm64 tier 1") && s.contains("$0.0000133334")));
}

#[test]
fn no_free_tier_bills_every_request_and_second() {
    let e = lambda_with(|u| u.free_tier = false, 512.0, 1_000.0, 3_000_000.0);
    assert_close!(amount(&e, LineKind::Compute), 1_500_000.0 * 0.000_016_666_7);
    assert_close!(amount(&e, LineKind::Requests), 0.60);
    assert_eq!(cents(e.total()), "25.60");
    assert!(e.steps.contains(&"No free tier: all 1,500,000 GB-s are billable".to_string()));
    assert!(e.notes.iter().all(|n| !n.contains("free tier (")));
}

#[test]
fn usage_inside_the_free_tier_costs_nothing() {
    let e = lambda_cost(128.0, 100.0, 1_000_000.0);
    assert_eq!(e.total(), 0.0);
    assert!(e.steps.iter().any(|s| s == "Free tier: 12,500 GB-s fit in the 400,000 free GB-s, so 0 billable GB-s"));
    assert!(e.steps.iter().any(|s| s == "Requests: 1,000,000 fit in the 1,000,000 free requests, so 0 billable"));
}

#[test]
fn ephemeral_storage_above_512_mb_is_billed_on_every_second() {
    // (10,240 - 512) MB = 9.5 GB x 3,000,000 s = 28,500,000 GB-s x $0.0000000309; no free tier.
    let e = lambda_with(|u| u.ephemeral_mb = 10_240.0, 512.0, 1_000.0, 3_000_000.0);
    assert_close!(amount(&e, LineKind::Ephemeral), 28_500_000.0 * 0.000_000_030_9);
    assert_eq!(cents(amount(&e, LineKind::Ephemeral)), "0.88");
    assert_eq!(cents(e.total()), "19.61");
    assert!(
        e.steps
            .iter()
            .any(|s| s == "Ephemeral storage: 10,240 MB - 512 MB included = 9,728 MB / 1,024 MB per GB = 9.5 GB")
    );
    assert!(
        e.steps.iter().any(|s| s == "Ephemeral cost: 3,000,000 s x 9.5 GB = 28,500,000 GB-s x $0.0000000309 = $0.8807")
    );
    // 513 MB: one MB above the included 512 MB.
    let e = lambda_with(|u| u.ephemeral_mb = 513.0, 512.0, 1_000.0, 3_000_000.0);
    assert_close!(amount(&e, LineKind::Ephemeral), 3_000_000.0 / 1_024.0 * 0.000_000_030_9);
}

/// 1 GB for 1 s per request: GB-seconds equal the request count.
fn compute_for_gb_seconds(arch: Arch, gb_seconds: f64, free_tier: bool) -> Estimate {
    lambda_with(
        |u| {
            u.arch = arch;
            u.free_tier = free_tier;
        },
        1_024.0,
        1_000.0,
        gb_seconds,
    )
}

#[test]
fn x86_tiers_hand_checked_at_each_boundary() {
    let (t1, t2, t3) = (0.000_016_666_7, 0.000_015, 0.000_013_333_4);
    let cost = |gbs: f64| amount(&compute_for_gb_seconds(Arch::X86_64, gbs, false), LineKind::Compute);
    assert_close!(cost(6e9), 6e9 * t1);
    assert_close!(cost(6e9 + 1.0), 6e9 * t1 + t2);
    assert_close!(cost(15e9), 6e9 * t1 + 9e9 * t2);
    assert_close!(cost(15e9 + 1.0), 6e9 * t1 + 9e9 * t2 + t3);
    assert_close!(cost(20e9), 6e9 * t1 + 9e9 * t2 + 5e9 * t3);
    assert_eq!(cents(cost(20e9)), "301667.20");
    let e = compute_for_gb_seconds(Arch::X86_64, 20e9, false);
    assert!(e.steps.iter().any(|s| s.contains("tier 2 (the next 9,000,000,000 GB-s): 9,000,000,000 GB-s")));
    assert!(e.steps.iter().any(|s| s.contains("tier 3 (over 15,000,000,000 GB-s): 5,000,000,000 GB-s")));
    assert!(e.steps.iter().any(|s| s.starts_with("Duration cost: $100,000.20 + $135,000.00 + $66,667.00 = ")));
}

#[test]
fn arm_tiers_hand_checked_at_each_boundary() {
    let (t1, t2, t3) = (0.000_013_333_4, 0.000_012_000_1, 0.000_010_666_7);
    let cost = |gbs: f64| amount(&compute_for_gb_seconds(Arch::Arm64, gbs, false), LineKind::Compute);
    assert_close!(cost(7.5e9), 7.5e9 * t1);
    assert_close!(cost(7.5e9 + 1.0), 7.5e9 * t1 + t2);
    assert_close!(cost(18.75e9), 7.5e9 * t1 + 11.25e9 * t2);
    assert_close!(cost(18.75e9 + 1.0), 7.5e9 * t1 + 11.25e9 * t2 + t3);
}

#[test]
fn the_free_tier_comes_off_the_first_tier() {
    // With the free tier, the first tier holds 6,000,000,000 billable GB-s: it ends at
    // 6,000,400,000 GB-s of use.
    let (t1, t2) = (0.000_016_666_7, 0.000_015);
    let cost = |gbs: f64| amount(&compute_for_gb_seconds(Arch::X86_64, gbs, true), LineKind::Compute);
    assert_close!(cost(6_000_400_000.0), 6e9 * t1);
    assert_close!(cost(6_000_400_001.0), 6e9 * t1 + t2);
    let shares: Vec<_> = lambda::tier_shares(&book().lambda.x86_64, 6e9 + 5.0).collect();
    assert_eq!(shares.iter().map(|s| s.gb_seconds).collect::<Vec<_>>(), [6e9, 5.0, 0.0]);
}

// ---- Fargate and EC2 ----------------------------------------------------------------------

#[test]
fn fargate_x86_hand_checked() {
    // 2 tasks x 730 h = 1,460 task-hours: 1,460 vCPU-h x $0.04048 + 2,920 GB-h x $0.004445.
    let e = fargate::estimate(&book(), &FargateUsage::new(1.0, 2.0, 2.0, 730.0)).unwrap();
    assert_close!(amount(&e, LineKind::Vcpu), 59.1008);
    assert_close!(amount(&e, LineKind::Memory), 12.9794);
    assert_close!(amount(&e, LineKind::Ephemeral), 0.0);
    assert_eq!(cents(e.total()), "72.08");
    assert!(e.steps.contains(&"Task time: 2 tasks x 730 h = 1,460 task-hours".to_string()));
    assert!(e.steps.contains(&"vCPU cost: 1,460 vCPU-hours x $0.04048 per vCPU-hour = $59.1008".to_string()));
}

#[test]
fn fargate_arm_with_extra_ephemeral_storage_hand_checked() {
    // 3 tasks x 100 h = 300 task-hours: 150 vCPU-h x $0.03238 = $4.857; 300 GB-h x $0.00356 =
    // $1.068; (30 - 20) GB x 300 h = 3,000 GB-h x $0.000111 = $0.333.
    let usage = FargateUsage { arch: Arch::Arm64, ephemeral_gb: 30.0, ..FargateUsage::new(0.5, 1.0, 3.0, 100.0) };
    let e = fargate::estimate(&book(), &usage).unwrap();
    assert_close!(amount(&e, LineKind::Vcpu), 4.857);
    assert_close!(amount(&e, LineKind::Memory), 1.068);
    assert_close!(amount(&e, LineKind::Ephemeral), 0.333);
    assert_close!(e.total(), 6.258);
    assert!(e.steps.contains(&"Ephemeral storage: 30 GB - 20 GB included = 10 GB extra per task".to_string()));
}

#[test]
fn fargate_bills_a_run_per_second_with_a_one_minute_minimum() {
    let p = book().fargate;
    let run = |s: f64| BilledRun::new(&p, s).unwrap();
    assert_eq!(run(45.0).billed_seconds, 60.0);
    assert_eq!(run(0.0).billed_seconds, 60.0);
    assert_eq!(run(60.0).billed_seconds, 60.0);
    assert_eq!(run(90.2).billed_seconds, 91.0);
    assert_eq!(run(5_400.0).billed_hours(), 1.5);
    assert_eq!(run(45.0).step(), "A run of 45 s is billed as 60 s (the 60 s minimum) = 0.0167 h");
    assert_eq!(run(90.2).step(), "A run of 90.2 s is billed as 91 s (per second, rounded up) = 0.0253 h");
    assert!(BilledRun::new(&p, -1.0).is_err());
    // 1,000 runs of 45 s a month on one 0.25 vCPU / 0.5 GB task: 1,000 x 60 s billed.
    let hours = 1_000.0 * run(45.0).billed_hours();
    let e = fargate::estimate(&book(), &FargateUsage::new(0.25, 0.5, 1.0, hours)).unwrap();
    assert_close!(e.total(), hours * (0.25 * 0.040_48 + 0.5 * 0.004_445));
}

#[test]
fn ec2_hand_checked() {
    let e = ec2::estimate(&book(), &Ec2Usage::new("t3.micro")).unwrap();
    assert_close!(e.total(), 730.0 * 0.0104);
    assert_eq!(cents(e.total()), "7.59");
    assert_eq!(e.usage, Usage::Ec2(Ec2Usage { hours: Some(730.0), ..Ec2Usage::new("t3.micro") }));
    let e = ec2::estimate(&book(), &Ec2Usage { count: 3.0, hours: Some(100.0), ..Ec2Usage::new("m5.large") }).unwrap();
    assert_close!(amount(&e, LineKind::Instances), 28.8);
    assert_eq!(e.arch, Arch::X86_64);
    assert!(e.steps.contains(&"Instance time: 3 instances x 100 h = 300 instance-hours".to_string()));
    let e = ec2::estimate(&book(), &Ec2Usage::new("t4g.small")).unwrap();
    assert_eq!(e.arch, Arch::Arm64);
}

// ---- Input errors -------------------------------------------------------------------------

fn lambda_error(f: impl FnOnce(&mut LambdaUsage)) -> String {
    let mut u = LambdaUsage::new(512.0, 1_000.0, 1_000.0);
    f(&mut u);
    lambda::estimate(&book(), &u).unwrap_err().to_string()
}

#[test]
fn lambda_inputs_outside_the_limits_name_the_limit() {
    assert_eq!(
        lambda_error(|u| u.memory_mb = 64.0),
        "memory 64 MB is outside Lambda's limit (128 to 10,240 MB); choose a value in that range"
    );
    assert!(lambda_error(|u| u.memory_mb = 10_241.0).contains("(128 to 10,240 MB)"));
    assert_eq!(lambda_error(|u| u.memory_mb = 200.5), "memory must be a whole number (got 200.5 MB)");
    assert_eq!(
        lambda_error(|u| u.duration_ms = 900_001.0),
        "duration 900,001 ms is outside Lambda's 15-minute timeout (0 to 900,000 ms); choose a value in that range"
    );
    assert_eq!(lambda_error(|u| u.duration_ms = -1.0), "duration must not be negative (got -1 ms); use 0 or more");
    assert_eq!(lambda_error(|u| u.invocations = -5.0), "invocations must not be negative (got -5); use 0 or more");
    assert_eq!(lambda_error(|u| u.invocations = 2.5), "invocations must be a whole number (got 2.5)");
    assert!(
        lambda_error(|u| u.ephemeral_mb = 256.0)
            .contains("ephemeral storage 256 MB is outside Lambda's limit (512 to 10,240 MB)")
    );
    assert_eq!(lambda_error(|u| u.invocations = f64::NAN), "invocations must be a number, not NaN");
    assert!(lambda_error(|u| u.memory_mb = f64::INFINITY).contains("must be a number"));
    // The limits themselves are fine.
    for (memory, duration, ephemeral) in [(128.0, 0.0, 512.0), (10_240.0, 900_000.0, 10_240.0)] {
        let u = LambdaUsage { ephemeral_mb: ephemeral, ..LambdaUsage::new(memory, duration, 0.0) };
        assert!(lambda::estimate(&book(), &u).is_ok());
    }
}

#[test]
fn fargate_refuses_sizes_it_does_not_offer_and_lists_the_valid_ones() {
    let err = |u: FargateUsage| fargate::estimate(&book(), &u).unwrap_err().to_string();
    assert_eq!(
        err(FargateUsage::new(1.0, 16.0, 1.0, 1.0)),
        "Fargate offers no task of 1 vCPU with 16 GB; with 1 vCPU choose 2, 3, 4, 5, 6, 7 or 8 GB"
    );
    assert_eq!(
        err(FargateUsage::new(0.25, 4.0, 1.0, 1.0)),
        "Fargate offers no task of 0.25 vCPU with 4 GB; with 0.25 vCPU choose 0.5, 1 or 2 GB"
    );
    assert_eq!(
        err(FargateUsage::new(3.0, 8.0, 1.0, 1.0)),
        "Fargate has no task size with 3 vCPU; choose 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU"
    );
    assert!(err(FargateUsage::new(8.0, 18.0, 1.0, 1.0)).contains("16, 20, 24, 28"));
    assert!(
        err(FargateUsage { ephemeral_gb: 201.0, ..FargateUsage::new(1.0, 2.0, 1.0, 1.0) })
            .contains("ephemeral storage 201 GB is outside Fargate's limit (20 to 200 GB)")
    );
    assert!(
        err(FargateUsage { ephemeral_gb: 10.0, ..FargateUsage::new(1.0, 2.0, 1.0, 1.0) }).contains("(20 to 200 GB)")
    );
    assert!(err(FargateUsage::new(1.0, 2.0, -1.0, 1.0)).contains("tasks must not be negative"));
    assert!(err(FargateUsage::new(1.0, 2.0, 1.5, 1.0)).contains("tasks must be a whole number"));
    assert!(
        err(FargateUsage::new(1.0, 2.0, 1.0, 745.0))
            .contains("hours per task 745 h is outside a 31-day month (0 to 744 h)")
    );
    assert!(fargate::offers(&book().fargate, 16.0, 120.0));
    assert!(!fargate::offers(&book().fargate, 16.0, 36.0));
}

#[test]
fn ec2_refuses_unknown_types_and_lists_the_known_ones() {
    let err = |u: Ec2Usage| ec2::estimate(&book(), &u).unwrap_err().to_string();
    assert_eq!(
        err(Ec2Usage::new("t3.mikro")),
        "unknown instance type `t3.mikro` (did you mean t3.micro?); the pricing data has t3.micro, t4g.small, m5.large"
    );
    assert_eq!(
        err(Ec2Usage::new("x1e.32xlarge")),
        "unknown instance type `x1e.32xlarge`; the pricing data has t3.micro, t4g.small, m5.large"
    );
    assert!(err(Ec2Usage { count: -1.0, ..Ec2Usage::new("t3.micro") }).contains("instance count must not be negative"));
    assert!(err(Ec2Usage { hours: Some(800.0), ..Ec2Usage::new("t3.micro") }).contains("(0 to 744 h)"));
}

// ---- Output shapes ------------------------------------------------------------------------

#[test]
fn json_has_the_interface_fields() {
    let e = lambda_cost(512.0, 1_000.0, 3_000_000.0);
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["service"], "lambda");
    assert_eq!(v["region"], "us-east-1");
    assert_eq!(v["arch"], "x86_64");
    assert_eq!(v["request_cost"], 0.4);
    assert_eq!(v["compute_cost"].as_f64(), e.amount(LineKind::Compute));
    assert_eq!(v["ephemeral_cost"], 0.0);
    assert_eq!(v["total"].as_f64(), Some(e.total()));
    assert_eq!(v["steps"].as_array().unwrap().len(), e.steps.len());
    assert_eq!(v["inputs"]["memory_mb"], 512.0);
    assert_eq!(v["as_of"], "2026-11-01");

    let e = fargate::estimate(&book(), &FargateUsage::new(1.0, 2.0, 1.0, 1.0)).unwrap();
    let v = serde_json::to_value(&e).unwrap();
    for key in ["vcpu_cost", "memory_cost", "ephemeral_cost", "total", "steps"] {
        assert!(v.get(key).is_some(), "fargate JSON lacks {key}");
    }
    assert_eq!(v["service"], "fargate");
    let v = serde_json::to_value(ec2::estimate(&book(), &Ec2Usage::new("t3.micro")).unwrap()).unwrap();
    assert_eq!(v["service"], "ec2");
    assert!(v["total"].is_f64() && v["steps"].is_array() && v["instance_cost"].is_f64());
}

#[test]
fn text_shows_steps_then_lines_rounded_to_cents_and_the_source() {
    let text = lambda_cost(512.0, 1_000.0, 3_000_000.0).to_text();
    let steps_at = text.find("1. Memory: 512 MB").unwrap();
    let total_at = text.find("Total per month     $18.73").unwrap();
    assert!(steps_at < total_at, "{text}");
    assert!(text.contains("Requests             $0.40\n"), "{text}");
    assert!(text.contains("Duration (compute)  $18.33\n"), "{text}");
    assert!(text.contains("Prices: us-east-1, USD, from https://aws.amazon.com/lambda/pricing/ as of 2026-11-01."));
}

// ---- Invariants ---------------------------------------------------------------------------

fn lambda_usage() -> impl Strategy<Value = LambdaUsage> {
    (128u32..=10_240, 0u32..=900_000, 0u64..=50_000_000_000, prop::bool::ANY, 512u32..=10_240, prop::bool::ANY)
        .prop_map(|(memory, duration, invocations, arm, ephemeral, free_tier)| LambdaUsage {
            memory_mb: f64::from(memory),
            duration_ms: f64::from(duration),
            invocations: invocations as f64,
            arch: if arm { Arch::Arm64 } else { Arch::X86_64 },
            ephemeral_mb: f64::from(ephemeral),
            free_tier,
        })
}

fn fargate_usage() -> impl Strategy<Value = FargateUsage> {
    let sizes: Vec<(f64, f64)> =
        book().fargate.sizes.iter().flat_map(|s| s.memory_gb.iter().map(|m| (s.vcpu, *m))).collect();
    (prop::sample::select(sizes), 0u32..=10_000, 0u32..=744, prop::bool::ANY, 20u32..=200).prop_map(
        |((vcpu, memory_gb), tasks, hours, arm, ephemeral)| FargateUsage {
            vcpu,
            memory_gb,
            tasks: f64::from(tasks),
            hours: f64::from(hours),
            arch: if arm { Arch::Arm64 } else { Arch::X86_64 },
            ephemeral_gb: f64::from(ephemeral),
        },
    )
}

fn sum(e: &Estimate) -> f64 {
    e.lines().iter().map(|l| l.amount).sum()
}

proptest! {
    #[test]
    fn lambda_total_is_the_sum_of_its_lines(u in lambda_usage()) {
        for prices in [&book(), shipped()] {
            let e = lambda::estimate(prices, &u).unwrap();
            prop_assert_eq!(e.total(), sum(&e));
            prop_assert!(e.lines().iter().all(|l| l.amount >= 0.0));
            prop_assert_eq!(e.total(), lambda::monthly_total(prices, &u));
        }
    }

    #[test]
    fn lambda_cost_never_falls_when_usage_rises(
        u in lambda_usage(),
        more in 0u64..=10_000_000_000,
        which in 0usize..4,
    ) {
        let mut bigger = u.clone();
        let more = more as f64;
        match which {
            0 => bigger.invocations += more,
            1 => bigger.duration_ms = (u.duration_ms + more).min(900_000.0),
            2 => bigger.memory_mb = (u.memory_mb + more).min(10_240.0),
            _ => bigger.ephemeral_mb = (u.ephemeral_mb + more).min(10_240.0),
        }
        for prices in [&book(), shipped()] {
            let before = lambda::estimate(prices, &u).unwrap();
            let after = lambda::estimate(prices, &bigger).unwrap();
            prop_assert!(after.total() >= before.total(), "{} < {}", after.total(), before.total());
            for (a, b) in after.lines().iter().zip(before.lines()) {
                prop_assert!(a.amount >= b.amount);
            }
        }
    }

    #[test]
    fn lambda_arm_never_costs_more_than_x86(u in lambda_usage()) {
        for prices in [&book(), shipped()] {
            let x86 = lambda::estimate(prices, &LambdaUsage { arch: Arch::X86_64, ..u.clone() }).unwrap();
            let arm = lambda::estimate(prices, &LambdaUsage { arch: Arch::Arm64, ..u.clone() }).unwrap();
            prop_assert!(arm.total() <= x86.total(), "arm {} > x86 {}", arm.total(), x86.total());
        }
    }

    #[test]
    fn fargate_total_is_the_sum_and_rises_with_usage(u in fargate_usage(), more in 0u32..=1_000, which in 0usize..3) {
        let mut bigger = u.clone();
        let more = f64::from(more);
        match which {
            0 => bigger.tasks += more,
            1 => bigger.hours = (u.hours + more).min(744.0),
            _ => bigger.ephemeral_gb = (u.ephemeral_gb + more).min(200.0),
        }
        for prices in [&book(), shipped()] {
            let before = fargate::estimate(prices, &u).unwrap();
            let after = fargate::estimate(prices, &bigger).unwrap();
            prop_assert_eq!(before.total(), sum(&before));
            prop_assert_eq!(before.total(), fargate::monthly_total(prices, &u));
            prop_assert!(after.total() >= before.total());
        }
    }

    #[test]
    fn fargate_arm_never_costs_more_than_x86(u in fargate_usage()) {
        for prices in [&book(), shipped()] {
            let x86 = fargate::estimate(prices, &FargateUsage { arch: Arch::X86_64, ..u.clone() }).unwrap();
            let arm = fargate::estimate(prices, &FargateUsage { arch: Arch::Arm64, ..u.clone() }).unwrap();
            prop_assert!(arm.total() <= x86.total());
        }
    }

    #[test]
    fn ec2_total_is_the_sum_and_rises_with_usage(
        i in 0usize..3, count in 0u32..=1_000, hours in 0u32..=744, more in 0u32..=100,
    ) {
        let name = book().ec2.instances[i].name.clone();
        let u = Ec2Usage { instance_type: name, count: f64::from(count), hours: Some(f64::from(hours)) };
        let before = ec2::estimate(&book(), &u).unwrap();
        prop_assert_eq!(before.total(), sum(&before));
        let more_count = Ec2Usage { count: u.count + f64::from(more), ..u.clone() };
        let more_hours = Ec2Usage { hours: Some((f64::from(hours + more)).min(744.0)), ..u.clone() };
        prop_assert!(ec2::estimate(&book(), &more_count).unwrap().total() >= before.total());
        prop_assert!(ec2::estimate(&book(), &more_hours).unwrap().total() >= before.total());
    }
}

// ---- Compare ------------------------------------------------------------------------------

fn plan(memory_mb: f64, duration_ms: f64, arch: Arch) -> Plan {
    Plan::new(&book(), Workload { memory_mb, duration_ms, arch }, Assumptions::defaults(&book())).unwrap()
}

#[test]
fn compare_sizes_the_cheapest_task_and_instance_that_hold_a_request() {
    let p = plan(512.0, 100.0, Arch::X86_64);
    let f = p.fargate().unwrap();
    // 512 MB needs 512 / 1,769 = 0.289 vCPU: 0.25 vCPU is too little, 0.5 vCPU / 1 GB holds one.
    assert_eq!((f.vcpu, f.memory_gb, f.requests_per_task), (0.5, 1.0, 1));
    assert_close!(f.per_hour, 0.5 * 0.040_48 + 0.004_445);
    let e = p.ec2().unwrap();
    // t3.micro: 1 GB holds two requests of 512 MB; its 2 vCPU would hold six.
    assert_eq!((e.instance.name.as_str(), e.requests_per_instance), ("t3.micro", 2));
    // Arm prefers an Arm instance.
    assert_eq!(plan(512.0, 100.0, Arch::Arm64).ec2().unwrap().instance.name, "t4g.small");
    // 2 GB doesn't fit a t3.micro when asked for one.
    let a = Assumptions { ec2_instance: Some("t3.micro".into()), ..Assumptions::defaults(&book()) };
    let p = Plan::new(&book(), Workload { memory_mb: 2_048.0, duration_ms: 100.0, arch: Arch::X86_64 }, a).unwrap();
    assert!(p.ec2().unwrap_err().contains("t3.micro (2 vCPU, 1 GB) is too small"), "{:?}", p.ec2());
    assert!(p.at(1e6).ec2.is_none());
}

#[test]
fn compare_hand_checked_points() {
    let p = plan(512.0, 100.0, Arch::X86_64);
    // 1,000,000 requests: all inside Lambda's free tier; one task, one instance, all month.
    let at = p.at(1e6);
    assert_eq!(at.lambda, 0.0);
    assert_eq!(at.fargate.unwrap().units, 1);
    assert_close!(at.fargate.unwrap().cost, 730.0 * (0.5 * 0.040_48 + 0.004_445));
    assert_close!(at.ec2.unwrap().cost, 730.0 * 0.0104);
    assert_eq!(at.cheapest, Service::Lambda);
    // 100,000,000 requests x 0.1 s = 10,000,000 busy s / 2,628,000 s = 3.805 in flight;
    // / 0.7 = 5.436 -> 6 tasks, 3 instances.
    let at = p.at(1e8);
    assert_close!(at.in_flight, 1e7 / 2_628_000.0);
    assert_eq!(at.fargate.unwrap().units, 6);
    assert_eq!(at.ec2.unwrap().units, 3);
    assert_close!(at.lambda, 4_600_000.0 * 0.000_016_666_7 + 99e6 * 0.2 / 1e6);
    assert_eq!(at.cheapest, Service::Ec2);
}

#[test]
fn compare_break_even_hand_checked() {
    let p = plan(512.0, 100.0, Arch::X86_64);
    let b = p.break_evens(1e4, 1e9);
    // One t3.micro ($7.592) holds up to 36.8M requests; Lambda reaches $7.592 where
    // (0.05 r - 400,000) x $0.0000166667 + (r - 1,000,000) x $0.0000002 = 7.592.
    let expected = (7.592 + 400_000.0 * 0.000_016_666_7 + 0.2) / (0.05 * 0.000_016_666_7 + 0.000_000_2);
    assert_eq!(b[0].from, Service::Lambda);
    assert_eq!(b[0].to, Service::Ec2);
    assert!((b[0].requests - expected).abs() <= 1.0, "{} vs {expected}", b[0].requests);
    assert_eq!(p.at(b[0].requests - 1.0).cheapest, Service::Lambda);
    assert_eq!(p.at(b[0].requests).cheapest, Service::Ec2);
    // EC2 stays cheapest: Fargate costs more per request slot and Lambda rises faster.
    assert_eq!(b.len(), 1, "{b:?}");
}

#[test]
fn compare_series_is_log_spaced_and_ends_on_both_bounds() {
    let p = plan(512.0, 100.0, Arch::X86_64);
    let s = p.series(1e4, 1e9, 10);
    assert_eq!(s.len(), 51);
    assert_eq!(s[0].requests, 1e4);
    assert_eq!(s[10].requests, 1e5);
    assert_eq!(s.last().unwrap().requests, 1e9);
    assert!(s.windows(2).all(|w| w[0].requests < w[1].requests));
    assert!(s.windows(2).all(|w| w[0].lambda <= w[1].lambda));
}

#[test]
fn compare_estimates_agree_with_the_points_and_explain_the_sizing() {
    let p = plan(512.0, 100.0, Arch::X86_64);
    let at = p.at(1e8);
    let es = p.estimates(1e8).unwrap();
    assert_eq!(es.iter().map(|e| e.service).collect::<Vec<_>>(), Service::ALL);
    assert_eq!(es[0].total(), at.lambda);
    assert_eq!(es[1].total(), at.fargate.unwrap().cost);
    assert_eq!(es[2].total(), at.ec2.unwrap().cost);
    assert_eq!(
        es[1].steps[0],
        "Load: 100,000,000 requests x 100 ms = 10,000,000 busy s / 2,628,000 s in 730 h = 3.805 requests in flight on average"
    );
    assert_eq!(es[1].steps[1], "Headroom: 3.805 / 70% utilisation = capacity for 5.436 requests at once");
    assert_eq!(
        es[2].steps[3],
        "Instances: 5.436 / 2 per instance = 2.718, rounded up (at least 1) = 3 instances, each running 730 h"
    );
    let text = p.assumptions_text();
    assert!(text.iter().any(|t| t.contains("70% utilisation")), "{text:?}");
    assert!(text.iter().any(|t| t.starts_with("Fargate: tasks of 0.5 vCPU and 1 GB (x86_64)")), "{text:?}");
    assert!(text.iter().any(|t| t.contains("t3.micro is burstable")), "{text:?}");
    assert!(p.estimates(-1.0).is_err());
}

#[test]
fn compare_refuses_bad_inputs() {
    let w = Workload { memory_mb: 64.0, duration_ms: 100.0, arch: Arch::X86_64 };
    assert!(
        Plan::new(&book(), w, Assumptions::defaults(&book())).unwrap_err().to_string().contains("128 to 10,240 MB")
    );
    let w = Workload { memory_mb: 512.0, duration_ms: 100.0, arch: Arch::X86_64 };
    let bad = |a: Assumptions| Plan::new(&book(), w.clone(), a).unwrap_err().to_string();
    let d = Assumptions::defaults(&book());
    assert!(bad(Assumptions { utilisation: 0.0, ..d.clone() }).contains("utilisation"));
    assert!(bad(Assumptions { ec2_instance: Some("t3.mikro".into()), ..d.clone() }).contains("did you mean t3.micro"));
    assert!(bad(Assumptions { fargate_task: Some((1.0, 16.0)), ..d }).contains("with 1 vCPU choose 2, 3"));
}

#[test]
fn a_comparison_is_the_plans_series_break_evens_and_cheapest_stretches() {
    let p = plan(512.0, 100.0, Arch::X86_64);
    let c = p.compare(1e4, 1e9, 10).unwrap();
    assert_eq!(c.assumptions, p.assumptions_text());
    let series = p.series(1e4, 1e9, 10);
    assert_eq!(c.series.len(), series.len());
    for (row, point) in c.series.iter().zip(&series) {
        assert_eq!((row.requests, row.lambda, row.cheapest), (point.requests, point.lambda, point.cheapest));
        assert_eq!(row.fargate, point.fargate.map(|f| f.cost));
        assert_eq!(row.ec2_instances, point.ec2.map(|f| f.units));
    }
    assert_eq!(c.break_even, p.break_evens(1e4, 1e9));
    let b = c.break_even[0];
    assert_eq!(
        c.cheapest,
        [
            compare::Cheapest { from: 1e4, service: Service::Lambda },
            compare::Cheapest { from: b.requests, service: Service::Ec2 }
        ]
    );
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["break_even"][0], serde_json::json!({"requests": b.requests, "a": "lambda", "b": "ec2"}));
    assert_eq!(json["cheapest"][1], serde_json::json!({"from": b.requests, "service": "ec2"}));
    let row = &json["series"][0];
    for key in ["requests", "lambda", "fargate", "ec2", "cheapest"] {
        assert!(!row[key].is_null(), "{key} in {row}");
    }
    assert_eq!(json["sources"][2]["source"], "https://aws.amazon.com/ec2/pricing/");
    // A workload that fits no instance has no EC2 cost: null, not zero.
    let a = Assumptions { ec2_instance: Some("t3.micro".into()), ..Assumptions::defaults(&book()) };
    let w = Workload { memory_mb: 2_048.0, duration_ms: 100.0, arch: Arch::X86_64 };
    let c = Plan::new(&book(), w, a).unwrap().compare(1e6, 1e7, 1).unwrap();
    let json = serde_json::to_value(&c).unwrap();
    assert!(json["series"][0]["ec2"].is_null() && json["series"][0]["ec2_instances"].is_null());
    assert!(c.to_text().contains("EC2: not compared, t3.micro (2 vCPU, 1 GB) is too small"));
}

#[test]
fn a_comparison_takes_whole_counts_from_1_to_a_trillion() {
    let p = plan(512.0, 100.0, Arch::X86_64);
    let err = |from: f64, to: f64| p.compare(from, to, 10).unwrap_err().to_string();
    assert_eq!(
        err(0.0, 1e6),
        "the first request count 0 is outside the comparison's range (1 to 1,000,000,000,000); choose a value in that range"
    );
    assert_eq!(
        err(100.0, 10.0),
        "the last request count 10 is outside the range from the first count (100 to 1,000,000,000,000); choose a value in that range"
    );
    assert!(err(1.0, 2e12).contains("(1 to 1,000,000,000,000)"));
    assert_eq!(err(1.5, 10.0), "the first request count must be a whole number (got 1.5)");
    assert!(err(f64::NAN, 10.0).contains("must be a number"));
    let one = p.compare(5e6, 5e6, 10).unwrap();
    assert_eq!(one.series.len(), 1);
    assert_eq!(one.cheapest.len(), 1);
    assert!(p.compare(1.0, compare::MAX_REQUESTS, 10).is_ok());
}

#[test]
fn a_comparison_in_words() {
    let c = plan(512.0, 100.0, Arch::X86_64).compare(1e6, 1e8, 1).unwrap();
    insta::assert_snapshot!(c.to_text(), @r"
    AWS Lambda, AWS Fargate and Amazon EC2 for one workload, 1,000,000 to 100,000,000 requests a month (us-east-1, USD)

    Assumptions:
      - Each request runs 100 ms with 512 MB (x86_64); Lambda includes the free tier.
      - Tasks and instances run all month (730 h), busy or idle; at least 1 always running.
      - They are sized for the average load at 70% utilisation, leaving 30% for peaks.
      - A request in flight needs 512 MB and the CPU Lambda gives that memory: 0.289 vCPU (1 vCPU per 1,769 MB).
      - Fargate: tasks of 0.5 vCPU and 1 GB (x86_64) at $0.024685 an hour, 1 request each.
      - EC2: t3.micro (2 vCPU, 1 GB, x86_64) on-demand at $0.0104 an hour, 2 requests each.
      - t3.micro is burstable: it sustains full CPU only on CPU credits (unlimited mode costs extra, not counted here).
      - Not counted: load balancer or API Gateway, data transfer, storage, Savings Plans and Spot.

    requests a month  lambda  fargate (tasks)  ec2 (instances)  cheapest
           1,000,000   $0.00       $18.02 (1)        $7.59 (1)  lambda
          10,000,000   $3.47       $18.02 (1)        $7.59 (1)  lambda
         100,000,000  $96.47      $108.12 (6)       $22.78 (3)  ec2

    Break-even:
      - From 13,992,249 requests a month, Amazon EC2 costs less than AWS Lambda.

    Cheapest:
      - AWS Lambda from 1,000,000 requests a month up to 13,992,248
      - Amazon EC2 from 13,992,249 requests a month to the end of the range, 100,000,000

    Prices: us-east-1, USD, from https://aws.amazon.com/lambda/pricing/ as of 2026-11-01, https://aws.amazon.com/fargate/pricing/ as of 2026-11-01, https://aws.amazon.com/ec2/pricing/ as of 2026-11-01.
    ");
    let c = plan(128.0, 10.0, Arch::Arm64).compare(1e4, 1e5, 1).unwrap();
    assert!(c.to_text().contains("  - None in this range: AWS Lambda is the cheapest throughout."), "{}", c.to_text());
}

/// The cheapest option at `r`, recomputed from the costs of a point.
fn cheapest_by_hand(p: &Plan, r: f64) -> Service {
    let at = p.at(r);
    let mut best = (Service::Lambda, at.lambda);
    for s in Service::ALL {
        if let Some(c) = at.cost(s).filter(|c| *c < best.1) {
            best = (s, c);
        }
    }
    best.0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn break_evens_are_exactly_where_the_cheapest_changes(
        memory in 128u32..=10_240,
        duration in 1u32..=30_000,
        arm in prop::bool::ANY,
        samples in prop::collection::vec(10_000u64..=100_000_000, 20),
    ) {
        let arch = if arm { Arch::Arm64 } else { Arch::X86_64 };
        let p = plan(f64::from(memory), f64::from(duration), arch);
        let (lo, hi) = (1e4, 1e8);
        let b = p.break_evens(lo, hi);
        for w in b.windows(2) {
            prop_assert!(w[0].requests < w[1].requests);
            prop_assert_eq!(w[0].to, w[1].from);
        }
        for e in &b {
            prop_assert_ne!(e.from, e.to);
            prop_assert_eq!(cheapest_by_hand(&p, e.requests - 1.0), e.from);
            prop_assert_eq!(cheapest_by_hand(&p, e.requests), e.to);
        }
        // Between break-evens the cheapest option is the last one switched to.
        for r in samples {
            let r = r as f64;
            let expected = b.iter().rev().find(|e| e.requests <= r).map_or_else(|| p.at(lo).cheapest, |e| e.to);
            prop_assert_eq!(p.at(r).cheapest, expected, "at {}", r);
        }
    }

    #[test]
    fn break_evens_match_a_request_by_request_search(
        memory in 128u32..=2_048,
        duration in 10_000u32..=900_000,
        arm in prop::bool::ANY,
        utilisation in 0.05f64..=1.0,
        minimum_running in 0u32..=2,
        instance in prop::option::of(0usize..3),
        free_tier in prop::bool::ANY,
        start in 0u64..=3_000_000,
    ) {
        let prices = book();
        let assumptions = Assumptions {
            utilisation,
            minimum_running,
            lambda_free_tier: free_tier,
            ec2_instance: instance.map(|i| prices.ec2.instances[i].name.clone()),
            ..Assumptions::defaults(&prices)
        };
        let arch = if arm { Arch::Arm64 } else { Arch::X86_64 };
        let workload = Workload { memory_mb: f64::from(memory), duration_ms: f64::from(duration), arch };
        let p = Plan::new(&prices, workload, assumptions).unwrap();
        let (lo, hi) = (0u64, 20_000_000u64);
        let all = p.break_evens(lo as f64, hi as f64);
        // Every change in a window, request by request, against the ones reported there:
        // around the first few break-evens (nothing missed or invented near them) and at a
        // random place.
        let windows = all.iter().take(4).map(|b| b.requests as u64).chain([start]);
        for centre in windows {
            let (a, z) = (centre.saturating_sub(2_000).max(lo), (centre + 2_000).min(hi));
            let mut expected = Vec::new();
            let mut previous = p.at(a as f64).cheapest;
            for r in a + 1..=z {
                let now = p.at(r as f64).cheapest;
                if now != previous {
                    expected.push((r as f64, previous, now));
                    previous = now;
                }
            }
            let found: Vec<_> = all
                .iter()
                .filter(|b| b.requests > a as f64 && b.requests <= z as f64)
                .map(|b| (b.requests, b.from, b.to))
                .collect();
            prop_assert_eq!(found, expected, "window {}..={}", a, z);
        }
    }

    #[test]
    fn compare_costs_never_fall_as_requests_grow(
        memory in 128u32..=10_240, duration in 0u32..=900_000, r in 0u64..=1_000_000_000, more in 0u64..=1_000_000_000,
    ) {
        let p = plan(f64::from(memory), f64::from(duration), Arch::X86_64);
        let (a, b) = (p.at(r as f64), p.at((r + more) as f64));
        for s in Service::ALL {
            if let (Some(x), Some(y)) = (a.cost(s), b.cost(s)) {
                prop_assert!(y >= x, "{:?}: {} < {}", s, y, x);
            }
        }
        prop_assert_eq!(a.cost(a.cheapest), Some(Service::ALL.iter().filter_map(|s| a.cost(*s)).fold(f64::INFINITY, f64::min)));
    }
}
