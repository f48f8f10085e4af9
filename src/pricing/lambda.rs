//! AWS Lambda: requests, duration in GB-seconds at tiered rates per architecture, and
//! ephemeral storage above what is included.
//!
//! How the monthly free tier meets the duration tiers: the free GB-seconds are subtracted
//! from the month's total first, and the tiers then apply to what is left, counted from zero.
//! So the free seconds come off the first (dearest) tier, and the first tier's band starts
//! after them. The AWS Pricing Calculator computes it the same way ("total compute minus free
//! tier GB-s = billable GB-s; tiered price for the billable GB-s").

use serde::Serialize;

use super::error::{self, CostError};
use super::estimate::{Estimate, Line, LineKind, Service, Usage, total_of};
use super::format::{money_detail, num, plural, price};
use super::limits::{LAMBDA_EPHEMERAL_MB, LAMBDA_MAX_DURATION_MS, LAMBDA_MEMORY_MB, MB_PER_GB};
use super::{Arch, LambdaPrices, PriceBook, Tier};

/// One function's month: what `cloudcram cost lambda` takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LambdaUsage {
    /// Memory per function, 128 to 10,240 MB in 1 MB steps.
    pub memory_mb: f64,
    /// Average billed duration of one invocation (Lambda rounds each up to 1 ms), at most
    /// 900,000 ms.
    pub duration_ms: f64,
    /// Invocations (requests) in the month: a whole number.
    pub invocations: f64,
    pub arch: Arch,
    /// Ephemeral storage (`/tmp`), 512 to 10,240 MB in 1 MB steps.
    pub ephemeral_mb: f64,
    /// Subtract the monthly free tier.
    pub free_tier: bool,
}

impl LambdaUsage {
    /// x86_64, 512 MB of ephemeral storage, free tier included.
    pub fn new(memory_mb: f64, duration_ms: f64, invocations: f64) -> Self {
        Self {
            memory_mb,
            duration_ms,
            invocations,
            arch: Arch::X86_64,
            ephemeral_mb: *LAMBDA_EPHEMERAL_MB.start(),
            free_tier: true,
        }
    }

    /// Checks the inputs against Lambda's limits.
    pub fn validate(&self) -> Result<(), CostError> {
        check_memory(self.memory_mb)?;
        check_duration(self.duration_ms)?;
        check_invocations(self.invocations)?;
        check_ephemeral(self.ephemeral_mb)
    }
}

// One check per input, so that a form can show each limit beside its own field
// (`pricing::fields`); `validate` runs them in order.

pub(crate) fn check_memory(memory_mb: f64) -> Result<(), CostError> {
    error::within("memory", memory_mb, &LAMBDA_MEMORY_MB, "MB", "Lambda's limit")?;
    error::whole("memory", memory_mb, "MB")
}

pub(crate) fn check_duration(duration_ms: f64) -> Result<(), CostError> {
    error::not_negative("duration", duration_ms, "ms")?;
    error::within("duration", duration_ms, &(0.0..=LAMBDA_MAX_DURATION_MS), "ms", "Lambda's 15-minute timeout")
}

pub(crate) fn check_invocations(invocations: f64) -> Result<(), CostError> {
    error::count("invocations", invocations)
}

pub(crate) fn check_ephemeral(ephemeral_mb: f64) -> Result<(), CostError> {
    error::within("ephemeral storage", ephemeral_mb, &LAMBDA_EPHEMERAL_MB, "MB", "Lambda's limit")?;
    error::whole("ephemeral storage", ephemeral_mb, "MB")
}

/// The share of the month's billable GB-seconds that falls in one duration tier.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TierShare {
    /// 0 for the first tier.
    pub index: usize,
    /// Where the tier's band starts and ends, in billable GB-seconds (`None`: open-ended).
    pub from: f64,
    pub up_to: Option<f64>,
    pub gb_seconds: f64,
    pub per_gb_second: f64,
    pub cost: f64,
}

/// How `billable_gb_seconds` spread over the tiers, first tier first.
pub fn tier_shares(tiers: &[Tier], billable_gb_seconds: f64) -> impl Iterator<Item = TierShare> + '_ {
    let mut from = 0.0;
    tiers.iter().enumerate().map(move |(index, t)| {
        let lo = from;
        from = t.up_to.unwrap_or(f64::INFINITY);
        let width = from - lo;
        let gb_seconds = (billable_gb_seconds - lo).max(0.0).min(width);
        TierShare {
            index,
            from: lo,
            up_to: t.up_to,
            gb_seconds,
            per_gb_second: t.per_gb_second,
            cost: gb_seconds * t.per_gb_second,
        }
    })
}

/// Every intermediate figure of the calculation.
#[derive(Debug, Clone, Copy)]
struct Calc {
    memory_gb: f64,
    seconds: f64,
    gb_seconds: f64,
    free_gb_seconds: f64,
    billable_gb_seconds: f64,
    compute_cost: f64,
    free_requests: f64,
    billable_requests: f64,
    request_cost: f64,
    extra_ephemeral_mb: f64,
    extra_ephemeral_gb: f64,
    ephemeral_gb_seconds: f64,
    ephemeral_cost: f64,
}

fn calc(p: &LambdaPrices, u: &LambdaUsage) -> Calc {
    let memory_gb = u.memory_mb / MB_PER_GB;
    let seconds = u.invocations * u.duration_ms / 1_000.0;
    let gb_seconds = seconds * memory_gb;
    let free_gb_seconds = if u.free_tier { p.free_gb_seconds } else { 0.0 };
    let billable_gb_seconds = (gb_seconds - free_gb_seconds).max(0.0);
    let compute_cost = tier_shares(p.tiers(u.arch), billable_gb_seconds).map(|s| s.cost).sum();
    let free_requests = if u.free_tier { p.free_requests } else { 0.0 };
    let billable_requests = (u.invocations - free_requests).max(0.0);
    let request_cost = billable_requests * p.request_per_million / 1_000_000.0;
    let extra_ephemeral_mb = (u.ephemeral_mb - p.ephemeral_included_mb).max(0.0);
    let extra_ephemeral_gb = extra_ephemeral_mb / MB_PER_GB;
    let ephemeral_gb_seconds = seconds * extra_ephemeral_gb;
    let ephemeral_cost = ephemeral_gb_seconds * p.ephemeral_gb_second;
    Calc {
        memory_gb,
        seconds,
        gb_seconds,
        free_gb_seconds,
        billable_gb_seconds,
        compute_cost,
        free_requests,
        billable_requests,
        request_cost,
        extra_ephemeral_mb,
        extra_ephemeral_gb,
        ephemeral_gb_seconds,
        ephemeral_cost,
    }
}

fn lines(c: &Calc) -> [Line; 3] {
    [
        Line { kind: LineKind::Requests, amount: c.request_cost },
        Line { kind: LineKind::Compute, amount: c.compute_cost },
        Line { kind: LineKind::Ephemeral, amount: c.ephemeral_cost },
    ]
}

/// The monthly total without checks or steps, for the comparison's many evaluations; always
/// equal to `estimate(..).total()` for valid usage.
pub(crate) fn monthly_total(prices: &PriceBook, usage: &LambdaUsage) -> f64 {
    total_of(&lines(&calc(&prices.lambda, usage)))
}

/// The monthly cost of one function, with its calculation.
pub fn estimate(prices: &PriceBook, usage: &LambdaUsage) -> Result<Estimate, CostError> {
    usage.validate()?;
    let p = &prices.lambda;
    let c = calc(p, usage);
    let cur = prices.currency.as_str();
    let money = |x: f64| money_detail(x, cur);
    let lines = lines(&c);
    let mut e =
        Estimate::new(prices, &p.provenance, Service::Lambda, usage.arch, Usage::Lambda(usage.clone()), lines.to_vec());
    let s = &mut e.steps;

    s.push(format!("Memory: {} MB / 1,024 MB per GB = {} GB", num(usage.memory_mb), num(c.memory_gb)));
    s.push(format!(
        "Compute time: {} x {} ms / 1,000 ms per s = {} s",
        plural(usage.invocations, "request"),
        num(usage.duration_ms),
        num(c.seconds)
    ));
    s.push(format!("Compute: {} s x {} GB = {} GB-s", num(c.seconds), num(c.memory_gb), num(c.gb_seconds)));
    s.push(if !usage.free_tier {
        format!("No free tier: all {} GB-s are billable", num(c.gb_seconds))
    } else if c.gb_seconds > c.free_gb_seconds {
        format!(
            "Free tier: {} GB-s - {} free GB-s = {} billable GB-s",
            num(c.gb_seconds),
            num(c.free_gb_seconds),
            num(c.billable_gb_seconds)
        )
    } else {
        format!(
            "Free tier: {} GB-s fit in the {} free GB-s, so 0 billable GB-s",
            num(c.gb_seconds),
            num(c.free_gb_seconds)
        )
    });
    let tiers = p.tiers(usage.arch);
    let shares: Vec<TierShare> =
        tier_shares(tiers, c.billable_gb_seconds).filter(|t| t.index == 0 || t.gb_seconds > 0.0).collect();
    for t in &shares {
        let band = match (t.index, t.up_to) {
            (_, None) if tiers.len() == 1 => "every GB-s".to_string(),
            (0, Some(up_to)) => format!("the first {} GB-s", num(up_to)),
            (_, Some(up_to)) => format!("the next {} GB-s", num(up_to - t.from)),
            (_, None) => format!("over {} GB-s", num(t.from)),
        };
        s.push(format!(
            "Duration, {} tier {} ({band}): {} GB-s x {} = {}",
            usage.arch.name(),
            t.index + 1,
            num(t.gb_seconds),
            price(t.per_gb_second, cur),
            money(t.cost)
        ));
    }
    if shares.len() > 1 {
        let parts: Vec<String> = shares.iter().map(|t| money(t.cost)).collect();
        s.push(format!("Duration cost: {} = {}", parts.join(" + "), money(c.compute_cost)));
    }
    s.push(if !usage.free_tier {
        format!("No free tier: all {} are billable", plural(usage.invocations, "request"))
    } else if usage.invocations > c.free_requests {
        format!(
            "Requests: {} - {} free = {} billable",
            num(usage.invocations),
            num(c.free_requests),
            num(c.billable_requests)
        )
    } else {
        format!("Requests: {} fit in the {} free requests, so 0 billable", num(usage.invocations), num(c.free_requests))
    });
    s.push(format!(
        "Request cost: {} x {} per 1,000,000 = {}",
        plural(c.billable_requests, "request"),
        price(p.request_per_million, cur),
        money(c.request_cost)
    ));
    if c.extra_ephemeral_mb > 0.0 {
        s.push(format!(
            "Ephemeral storage: {} MB - {} MB included = {} MB / 1,024 MB per GB = {} GB",
            num(usage.ephemeral_mb),
            num(p.ephemeral_included_mb),
            num(c.extra_ephemeral_mb),
            num(c.extra_ephemeral_gb)
        ));
        s.push(format!(
            "Ephemeral cost: {} s x {} GB = {} GB-s x {} = {}",
            num(c.seconds),
            num(c.extra_ephemeral_gb),
            num(c.ephemeral_gb_seconds),
            price(p.ephemeral_gb_second, cur),
            money(c.ephemeral_cost)
        ));
    } else {
        s.push(format!(
            "Ephemeral storage: {} MB is included (up to {} MB), so {}",
            num(usage.ephemeral_mb),
            num(p.ephemeral_included_mb),
            money(0.0)
        ));
    }
    e.push_total_step();

    if usage.free_tier {
        e.notes.push(format!(
            "The free tier ({} requests and {} GB-s a month) is shared by every function of the account, x86 and Arm; this estimate gives all of it to this function.",
            num(p.free_requests),
            num(p.free_gb_seconds)
        ));
        e.notes.push(
            "The free GB-seconds come off before the tiers, so they replace the dearest (first) tier.".to_string(),
        );
    }
    e.notes.push(
        "The duration tiers count the account's total GB-seconds in the month for this architecture.".to_string(),
    );
    Ok(e)
}
