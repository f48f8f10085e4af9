//! AWS Fargate: vCPU-hours, GB-hours and ephemeral storage above what is included, for tasks
//! of a size Fargate offers.
//!
//! Fargate bills each task run per second (rounded up) with a one-minute minimum per run
//! (Linux). An estimate takes the billed hours per task as given: minimums already applied.
//! `BilledRun` turns one run's length into its billed seconds.

use serde::Serialize;

use super::error::{self, CostError};
use super::estimate::{Estimate, Line, LineKind, Service, Usage, total_of};
use super::format::{approx, money_detail, num, or_list, plural, price};
use super::limits::{FARGATE_EPHEMERAL_GB, MAX_HOURS_PER_MONTH};
use super::{Arch, FargatePrices, PriceBook};

/// Tasks of one size for a month: what `cloudcram cost fargate` takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FargateUsage {
    /// vCPU per task: one of the sizes in the price book.
    pub vcpu: f64,
    /// Memory per task in GB: one offered with that vCPU.
    pub memory_gb: f64,
    /// Number of tasks: a whole number.
    pub tasks: f64,
    /// Billed hours per task in the month, at most 744.
    pub hours: f64,
    pub arch: Arch,
    /// Ephemeral storage per task, 20 to 200 GB in whole GB.
    pub ephemeral_gb: f64,
}

impl FargateUsage {
    /// x86_64 with the default 20 GB of ephemeral storage.
    pub fn new(vcpu: f64, memory_gb: f64, tasks: f64, hours: f64) -> Self {
        Self { vcpu, memory_gb, tasks, hours, arch: Arch::X86_64, ephemeral_gb: *FARGATE_EPHEMERAL_GB.start() }
    }

    /// Checks the inputs against the sizes Fargate offers and its limits.
    pub fn validate(&self, prices: &FargatePrices) -> Result<(), CostError> {
        check_size(prices, self.vcpu, self.memory_gb)?;
        check_tasks(self.tasks)?;
        check_hours(self.hours)?;
        check_ephemeral(self.ephemeral_gb)
    }
}

// One check per input, so that a form can show each limit beside its own field
// (`pricing::fields`); `validate` runs them in order.

/// The vCPU alone: one of the sizes Fargate offers.
pub(crate) fn check_vcpu(prices: &FargatePrices, vcpu: f64) -> Result<&[f64], CostError> {
    error::finite("vCPU", vcpu)?;
    memory_choices(prices, vcpu).ok_or_else(|| {
        let valid: Vec<String> = prices.sizes.iter().map(|s| num(s.vcpu)).collect();
        CostError::FargateVcpu { vcpu: num(vcpu), valid: or_list(&valid) }
    })
}

/// The pair: a vCPU Fargate offers, and a memory size offered with it.
pub(crate) fn check_size(prices: &FargatePrices, vcpu: f64, memory_gb: f64) -> Result<(), CostError> {
    let choices = check_vcpu(prices, vcpu)?;
    error::finite("memory", memory_gb)?;
    if !choices.iter().any(|m| same(*m, memory_gb)) {
        let valid: Vec<String> = choices.iter().map(|m| num(*m)).collect();
        return Err(CostError::FargateMemory { vcpu: num(vcpu), memory: num(memory_gb), valid: or_list(&valid) });
    }
    Ok(())
}

pub(crate) fn check_tasks(tasks: f64) -> Result<(), CostError> {
    error::count("tasks", tasks)
}

pub(crate) fn check_hours(hours: f64) -> Result<(), CostError> {
    error::not_negative("hours per task", hours, "h")?;
    error::within("hours per task", hours, &(0.0..=MAX_HOURS_PER_MONTH), "h", "a 31-day month")
}

pub(crate) fn check_ephemeral(ephemeral_gb: f64) -> Result<(), CostError> {
    error::within("ephemeral storage", ephemeral_gb, &FARGATE_EPHEMERAL_GB, "GB", "Fargate's limit")?;
    error::whole("ephemeral storage", ephemeral_gb, "GB")
}

/// The memory sizes (GB, ascending) Fargate offers with `vcpu`, or `None` if it offers no task
/// with that many vCPU.
pub fn memory_choices(prices: &FargatePrices, vcpu: f64) -> Option<&[f64]> {
    prices.sizes.iter().find(|s| same(s.vcpu, vcpu)).map(|s| s.memory_gb.as_slice())
}

/// Whether Fargate offers a task of `vcpu` vCPU and `memory_gb` GB.
pub fn offers(prices: &FargatePrices, vcpu: f64, memory_gb: f64) -> bool {
    memory_choices(prices, vcpu).is_some_and(|m| m.iter().any(|x| same(*x, memory_gb)))
}

/// Sizes read from ranges can carry float noise (`min + step * i`).
pub(crate) fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// One task run as Fargate bills it: per second, rounded up, at least the minimum.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BilledRun {
    pub run_seconds: f64,
    pub billed_seconds: f64,
    pub minimum_seconds: f64,
}

impl BilledRun {
    /// A run of `run_seconds` (from image pull to task end) under `prices`' minimum.
    pub fn new(prices: &FargatePrices, run_seconds: f64) -> Result<Self, CostError> {
        error::not_negative("run length", run_seconds, "s")?;
        Ok(Self {
            run_seconds,
            billed_seconds: run_seconds.ceil().max(prices.minimum_seconds),
            minimum_seconds: prices.minimum_seconds,
        })
    }

    pub fn billed_hours(&self) -> f64 {
        self.billed_seconds / 3_600.0
    }

    /// The step a learner writes: "A run of 45 s is billed as 60 s (the 60 s minimum)".
    pub fn step(&self) -> String {
        let why = if self.run_seconds.ceil() < self.minimum_seconds {
            format!("the {} s minimum", num(self.minimum_seconds))
        } else if self.run_seconds.fract() > 0.0 {
            "per second, rounded up".to_string()
        } else {
            "per second".to_string()
        };
        format!(
            "A run of {} s is billed as {} s ({why}) = {} h",
            num(self.run_seconds),
            num(self.billed_seconds),
            approx(self.billed_hours())
        )
    }
}

#[derive(Debug, Clone, Copy)]
struct Calc {
    task_hours: f64,
    vcpu_hours: f64,
    vcpu_cost: f64,
    gb_hours: f64,
    memory_cost: f64,
    extra_ephemeral_gb: f64,
    ephemeral_gb_hours: f64,
    ephemeral_cost: f64,
}

fn calc(p: &FargatePrices, u: &FargateUsage) -> Calc {
    let rates = p.rates(u.arch);
    let task_hours = u.tasks * u.hours;
    let vcpu_hours = task_hours * u.vcpu;
    let gb_hours = task_hours * u.memory_gb;
    let extra_ephemeral_gb = (u.ephemeral_gb - p.ephemeral_included_gb).max(0.0);
    let ephemeral_gb_hours = task_hours * extra_ephemeral_gb;
    Calc {
        task_hours,
        vcpu_hours,
        vcpu_cost: vcpu_hours * rates.vcpu_hour,
        gb_hours,
        memory_cost: gb_hours * rates.gb_hour,
        extra_ephemeral_gb,
        ephemeral_gb_hours,
        ephemeral_cost: ephemeral_gb_hours * p.ephemeral_gb_hour,
    }
}

fn lines(c: &Calc) -> [Line; 3] {
    [
        Line { kind: LineKind::Vcpu, amount: c.vcpu_cost },
        Line { kind: LineKind::Memory, amount: c.memory_cost },
        Line { kind: LineKind::Ephemeral, amount: c.ephemeral_cost },
    ]
}

/// The monthly total without checks or steps; equal to `estimate(..).total()` for valid usage.
pub(crate) fn monthly_total(prices: &PriceBook, usage: &FargateUsage) -> f64 {
    total_of(&lines(&calc(&prices.fargate, usage)))
}

/// The monthly cost of `tasks` tasks of one size, with its calculation.
pub fn estimate(prices: &PriceBook, usage: &FargateUsage) -> Result<Estimate, CostError> {
    let p = &prices.fargate;
    usage.validate(p)?;
    let c = calc(p, usage);
    let rates = p.rates(usage.arch);
    let cur = prices.currency.as_str();
    let money = |x: f64| money_detail(x, cur);
    let lines = lines(&c);
    let mut e = Estimate::new(
        prices,
        &p.provenance,
        Service::Fargate,
        usage.arch,
        Usage::Fargate(usage.clone()),
        lines.to_vec(),
    );
    let s = &mut e.steps;
    s.push(format!(
        "Task size: {} vCPU and {} GB ({}), a size Fargate offers",
        num(usage.vcpu),
        num(usage.memory_gb),
        usage.arch.name()
    ));
    s.push(format!(
        "Task time: {} x {} h = {} task-hours",
        plural(usage.tasks, "task"),
        num(usage.hours),
        num(c.task_hours)
    ));
    s.push(format!(
        "vCPU: {} task-hours x {} vCPU = {} vCPU-hours",
        num(c.task_hours),
        num(usage.vcpu),
        num(c.vcpu_hours)
    ));
    s.push(format!(
        "vCPU cost: {} vCPU-hours x {} per vCPU-hour = {}",
        num(c.vcpu_hours),
        price(rates.vcpu_hour, cur),
        money(c.vcpu_cost)
    ));
    s.push(format!(
        "Memory: {} task-hours x {} GB = {} GB-hours",
        num(c.task_hours),
        num(usage.memory_gb),
        num(c.gb_hours)
    ));
    s.push(format!(
        "Memory cost: {} GB-hours x {} per GB-hour = {}",
        num(c.gb_hours),
        price(rates.gb_hour, cur),
        money(c.memory_cost)
    ));
    if c.extra_ephemeral_gb > 0.0 {
        s.push(format!(
            "Ephemeral storage: {} GB - {} GB included = {} GB extra per task",
            num(usage.ephemeral_gb),
            num(p.ephemeral_included_gb),
            num(c.extra_ephemeral_gb)
        ));
        s.push(format!(
            "Ephemeral cost: {} task-hours x {} GB = {} GB-hours x {} per GB-hour = {}",
            num(c.task_hours),
            num(c.extra_ephemeral_gb),
            num(c.ephemeral_gb_hours),
            price(p.ephemeral_gb_hour, cur),
            money(c.ephemeral_cost)
        ));
    } else {
        s.push(format!(
            "Ephemeral storage: {} GB per task is included (up to {} GB), so {}",
            num(usage.ephemeral_gb),
            num(p.ephemeral_included_gb),
            money(0.0)
        ));
    }
    e.push_total_step();
    e.notes.push(format!(
        "Fargate bills each task run per second, from image pull to task end, with a {} s minimum per run; the hours here are the billed hours per task, minimums included.",
        num(p.minimum_seconds)
    ));
    Ok(e)
}
