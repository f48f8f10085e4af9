//! Lambda, Fargate and EC2 side by side for one workload as its monthly request count grows:
//! the data behind the cost simulator. Pure functions over a `PriceBook`.
//!
//! Build a [`Plan`] once per workload and set of [`Assumptions`], then ask it for one request
//! count ([`Plan::at`]), a chart's points ([`Plan::series`]), the request counts where the
//! cheapest option changes ([`Plan::break_evens`]) or the full estimates with their steps
//! ([`Plan::estimates`]). [`Plan::assumptions_text`] says the model in words for the screen;
//! [`Plan::compare`] puts it all together over a range ([`Comparison`], `cost compare`).
//!
//! The model, every number of which is a field of `Assumptions`:
//! - Lambda bills what runs: requests, GB-seconds and the free tier, as `lambda::estimate`.
//! - A Fargate task or an EC2 instance is billed for every hour it runs, busy or idle, and
//!   they run all month (`hours_per_month`), at least `minimum_running` of them.
//! - Load: the average number of requests in flight is requests x duration / seconds in the
//!   month. Capacity is provisioned so that this average is `utilisation` of it, leaving
//!   headroom for peaks.
//! - Size: one request in flight needs the function's memory and the CPU Lambda gives that
//!   memory (`memory / mb_per_vcpu` vCPU). A task or instance holds as many requests at once as
//!   both its memory and its vCPUs allow.
//! - Units: `max(minimum_running, ceil(capacity / requests per unit))`.

use std::fmt::Write as _;

use serde::Serialize;

use super::error::{self, CostError};
use super::estimate::{Estimate, Service};
use super::fargate::{self, FargateUsage};
use super::format::{approx, money, num, plural, price};
use super::lambda::{self, LambdaUsage};
use super::limits::{FARGATE_EPHEMERAL_GB, LAMBDA_EPHEMERAL_MB, LAMBDA_MB_PER_VCPU, MAX_HOURS_PER_MONTH, MB_PER_GB};
use super::{Arch, InstanceType, PriceBook, ec2};

/// The bottom of the chart's default range of requests per month (10^4 to 10^9).
pub const DEFAULT_FROM: f64 = 1e4;
/// The top of the chart's default range.
pub const DEFAULT_TO: f64 = 1e9;
/// Points per tenfold step of the request count in [`Plan::series`].
pub const DEFAULT_POINTS_PER_DECADE: u32 = 10;
/// The largest request count a [`Comparison`] ranges over: 10^12 a month, about 380,000 a
/// second. Not an AWS limit: a bound on the work (the break-evens up to it take well under a
/// millisecond).
pub const MAX_REQUESTS: f64 = 1e12;

/// What every request does; the request count varies.
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    /// Memory of the Lambda function, 128 to 10,240 MB.
    pub memory_mb: f64,
    /// Average duration of one request, at most 900,000 ms.
    pub duration_ms: f64,
    /// The architecture for Lambda and Fargate (and preferred for EC2).
    pub arch: Arch,
}

impl Workload {
    /// Checks memory and duration against Lambda's limits.
    pub fn validate(&self) -> Result<(), CostError> {
        LambdaUsage { arch: self.arch, ..LambdaUsage::new(self.memory_mb, self.duration_ms, 0.0) }.validate()
    }
}

/// Every assumption of the comparison. `Assumptions::defaults` gives the ones the simulator
/// starts with.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumptions {
    /// Average load as a share of the provisioned capacity, above 0 and at most 1 (0.7: 30%
    /// headroom for peaks).
    pub utilisation: f64,
    /// Memory per vCPU: Lambda gives one vCPU per 1,769 MB, so a request of M MB needs
    /// M / 1,769 vCPU wherever it runs.
    pub mb_per_vcpu: f64,
    /// Hours tasks and instances run, and are billed, in the month (the price book's 730).
    pub hours_per_month: f64,
    /// Tasks or instances kept running with no requests at all (1: always on).
    pub minimum_running: u32,
    /// Give the Lambda free tier to this workload.
    pub lambda_free_tier: bool,
    /// The Fargate task size as (vCPU, GB); `None`: the cheapest size that holds one request.
    pub fargate_task: Option<(f64, f64)>,
    /// The EC2 instance type; `None`: the cheapest that holds one request, of the workload's
    /// architecture if one fits.
    pub ec2_instance: Option<String>,
}

impl Assumptions {
    pub fn defaults(prices: &PriceBook) -> Self {
        Self {
            utilisation: 0.7,
            mb_per_vcpu: LAMBDA_MB_PER_VCPU,
            hours_per_month: prices.ec2.hours_per_month.min(MAX_HOURS_PER_MONTH),
            minimum_running: 1,
            lambda_free_tier: true,
            fargate_task: None,
            ec2_instance: None,
        }
    }

    pub fn validate(&self) -> Result<(), CostError> {
        error::within("utilisation", self.utilisation, &(0.01..=1.0), "", "the useful range")?;
        error::within("memory per vCPU", self.mb_per_vcpu, &(1.0..=1e6), "MB", "the useful range")?;
        error::within("hours per month", self.hours_per_month, &(1.0..=MAX_HOURS_PER_MONTH), "h", "a 31-day month")
    }
}

/// The Fargate task size used and how many requests one task holds at once.
#[derive(Debug, Clone, PartialEq)]
pub struct FargateFit {
    pub vcpu: f64,
    pub memory_gb: f64,
    pub arch: Arch,
    pub requests_per_task: u64,
    /// One task's price per hour.
    pub per_hour: f64,
}

/// The EC2 instance type used and how many requests one instance holds at once.
#[derive(Debug, Clone, PartialEq)]
pub struct Ec2Fit {
    pub instance: InstanceType,
    pub requests_per_instance: u64,
}

/// A number of tasks or instances and their monthly cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fleet {
    pub units: u64,
    pub cost: f64,
}

/// The three options at one request count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub requests: f64,
    /// Average requests in flight over the month.
    pub in_flight: f64,
    pub lambda: f64,
    /// `None` when the workload fits no task (see [`Plan::fargate`]).
    pub fargate: Option<Fleet>,
    /// `None` when the workload fits no instance (see [`Plan::ec2`]).
    pub ec2: Option<Fleet>,
    /// The cheapest option; on a tie the first of Lambda, Fargate, EC2.
    pub cheapest: Service,
}

impl Point {
    /// The monthly cost of `service`, if it can carry the workload.
    pub fn cost(&self, service: Service) -> Option<f64> {
        match service {
            Service::Lambda => Some(self.lambda),
            Service::Fargate => self.fargate.map(|f| f.cost),
            Service::Ec2 => self.ec2.map(|f| f.cost),
        }
    }
}

/// The smallest whole request count at which the cheapest option changes from `from` to `to`.
/// In JSON: `{"requests", "a", "b"}`, from `a` to `b`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BreakEven {
    pub requests: f64,
    #[serde(rename = "a")]
    pub from: Service,
    #[serde(rename = "b")]
    pub to: Service,
}

/// One row of a [`Comparison`]: the monthly cost of each option at one request count, in JSON
/// `{"requests", "lambda", "fargate", "ec2", ...}` (`null` for an option that cannot carry the
/// workload).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Row {
    pub requests: f64,
    pub lambda: f64,
    pub fargate: Option<f64>,
    pub ec2: Option<f64>,
    pub fargate_tasks: Option<u64>,
    pub ec2_instances: Option<u64>,
    pub cheapest: Service,
}

impl From<&Point> for Row {
    fn from(p: &Point) -> Self {
        Self {
            requests: p.requests,
            lambda: p.lambda,
            fargate: p.fargate.map(|f| f.cost),
            ec2: p.ec2.map(|f| f.cost),
            fargate_tasks: p.fargate.map(|f| f.units),
            ec2_instances: p.ec2.map(|f| f.units),
            cheapest: p.cheapest,
        }
    }
}

/// From `from` requests a month on (up to the next such point or the end of the range),
/// `service` is the cheapest.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cheapest {
    pub from: f64,
    pub service: Service,
}

/// Where one price table comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub service: Service,
    pub source: String,
    pub as_of: String,
}

/// One workload over a range of request counts: what `cloudcram cost compare` prints. In
/// JSON (INTERFACE.md, "cost compare"): `assumptions`, `series`, `break_even`, `cheapest`,
/// then `from`, `to`, `region`, `currency` and `sources`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// [`Plan::assumptions_text`].
    pub assumptions: Vec<String>,
    /// Log-spaced from `from` to `to`, both included.
    pub series: Vec<Row>,
    /// [`Plan::break_evens`] over the range.
    pub break_even: Vec<BreakEven>,
    /// The cheapest option at `from`, then at each break-even: the stretches where each one is
    /// the cheapest, the last of them to the end of the range.
    pub cheapest: Vec<Cheapest>,
    pub from: f64,
    pub to: f64,
    pub region: String,
    pub currency: String,
    pub sources: Vec<Source>,
}

/// One workload under one set of assumptions, ready to be priced at any request count.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    workload: Workload,
    assumptions: Assumptions,
    fargate: Result<FargateFit, String>,
    ec2: Result<Ec2Fit, String>,
    prices: PriceBook,
}

impl Plan {
    /// Checks the workload and assumptions and sizes the Fargate task and the EC2 instance.
    /// An option the workload does not fit is kept as the reason why (`fargate()`, `ec2()`);
    /// a task size Fargate doesn't offer or an unknown instance type is an error.
    pub fn new(prices: &PriceBook, workload: Workload, assumptions: Assumptions) -> Result<Self, CostError> {
        workload.validate()?;
        assumptions.validate()?;
        let mut plan = Self {
            workload,
            assumptions,
            fargate: Err(String::new()),
            ec2: Err(String::new()),
            prices: prices.clone(),
        };
        plan.fargate = plan.fit_fargate()?;
        plan.ec2 = plan.fit_ec2()?;
        Ok(plan)
    }

    pub fn workload(&self) -> &Workload {
        &self.workload
    }

    pub fn assumptions(&self) -> &Assumptions {
        &self.assumptions
    }

    /// The task size used, or why none can carry the workload.
    pub fn fargate(&self) -> Result<&FargateFit, &str> {
        self.fargate.as_ref().map_err(String::as_str)
    }

    /// The instance type used, or why it cannot carry the workload.
    pub fn ec2(&self) -> Result<&Ec2Fit, &str> {
        self.ec2.as_ref().map_err(String::as_str)
    }

    /// The vCPU one request in flight needs.
    pub fn vcpu_per_request(&self) -> f64 {
        self.workload.memory_mb / self.assumptions.mb_per_vcpu
    }

    /// How many requests a task or instance of this size holds at once.
    fn requests_per_unit(&self, vcpu: f64, memory_gb: f64) -> u64 {
        let by_memory = memory_gb * MB_PER_GB / self.workload.memory_mb;
        let by_cpu = vcpu * self.assumptions.mb_per_vcpu / self.workload.memory_mb;
        (by_memory.min(by_cpu) + 1e-9).floor() as u64
    }

    fn needs(&self) -> String {
        format!("one request needs {} MB and {} vCPU", num(self.workload.memory_mb), approx(self.vcpu_per_request()))
    }

    fn fit_fargate(&self) -> Result<Result<FargateFit, String>, CostError> {
        let p = &self.prices.fargate;
        let arch = self.workload.arch;
        let rates = p.rates(arch);
        let fit = |vcpu: f64, memory_gb: f64| FargateFit {
            vcpu,
            memory_gb,
            arch,
            requests_per_task: self.requests_per_unit(vcpu, memory_gb),
            per_hour: vcpu * rates.vcpu_hour + memory_gb * rates.gb_hour,
        };
        if let Some((vcpu, memory_gb)) = self.assumptions.fargate_task {
            FargateUsage::new(vcpu, memory_gb, 0.0, 0.0).validate(p)?;
            let f = fit(vcpu, memory_gb);
            return Ok(if f.requests_per_task == 0 {
                Err(format!("a task of {} vCPU and {} GB is too small: {}", num(vcpu), num(memory_gb), self.needs()))
            } else {
                Ok(f)
            });
        }
        let best = p
            .sizes
            .iter()
            .flat_map(|s| s.memory_gb.iter().map(|m| fit(s.vcpu, *m)))
            .filter(|f| f.requests_per_task > 0)
            .min_by(|a, b| a.per_hour.total_cmp(&b.per_hour));
        Ok(best.ok_or_else(|| format!("no Fargate task size is big enough: {}", self.needs())))
    }

    fn fit_ec2(&self) -> Result<Result<Ec2Fit, String>, CostError> {
        let p = &self.prices.ec2;
        let fit = |i: &InstanceType| Ec2Fit {
            instance: i.clone(),
            requests_per_instance: self.requests_per_unit(i.vcpu, i.memory_gb),
        };
        if let Some(name) = &self.assumptions.ec2_instance {
            let f = fit(ec2::find(p, name)?);
            return Ok(if f.requests_per_instance == 0 {
                Err(format!(
                    "{} ({} vCPU, {} GB) is too small: {}",
                    f.instance.name,
                    num(f.instance.vcpu),
                    num(f.instance.memory_gb),
                    self.needs()
                ))
            } else {
                Ok(f)
            });
        }
        let cheapest = |same_arch: bool| {
            p.instances
                .iter()
                .filter(|i| !same_arch || i.arch == self.workload.arch)
                .map(fit)
                .filter(|f| f.requests_per_instance > 0)
                .min_by(|a, b| a.instance.per_hour.total_cmp(&b.instance.per_hour))
        };
        Ok(cheapest(true)
            .or_else(|| cheapest(false))
            .ok_or_else(|| format!("no instance type in the pricing data is big enough: {}", self.needs())))
    }

    fn seconds_per_month(&self) -> f64 {
        self.assumptions.hours_per_month * 3_600.0
    }

    /// Average requests in flight over the month at `requests` a month.
    pub fn in_flight(&self, requests: f64) -> f64 {
        requests * self.workload.duration_ms / 1_000.0 / self.seconds_per_month()
    }

    /// Tasks or instances needed at `requests` a month when each holds `per_unit` at once.
    fn units(&self, requests: f64, per_unit: u64) -> u64 {
        let capacity = self.in_flight(requests) / self.assumptions.utilisation;
        ((capacity / per_unit as f64).ceil() as u64).max(u64::from(self.assumptions.minimum_running))
    }

    fn lambda_usage(&self, requests: f64) -> LambdaUsage {
        LambdaUsage {
            memory_mb: self.workload.memory_mb,
            duration_ms: self.workload.duration_ms,
            invocations: requests,
            arch: self.workload.arch,
            ephemeral_mb: *LAMBDA_EPHEMERAL_MB.start(),
            free_tier: self.assumptions.lambda_free_tier,
        }
    }

    fn fargate_usage(&self, fit: &FargateFit, tasks: u64) -> FargateUsage {
        FargateUsage {
            vcpu: fit.vcpu,
            memory_gb: fit.memory_gb,
            tasks: tasks as f64,
            hours: self.assumptions.hours_per_month,
            arch: fit.arch,
            ephemeral_gb: *FARGATE_EPHEMERAL_GB.start(),
        }
    }

    fn fleet(&self, service: Service, requests: f64) -> Option<Fleet> {
        let units = self.units(requests, self.per_unit(service)?);
        Some(Fleet { units, cost: self.fleet_cost(service, units) })
    }

    /// The three options at `requests` a month (assumed valid: zero or more).
    pub fn at(&self, requests: f64) -> Point {
        let lambda = lambda::monthly_total(&self.prices, &self.lambda_usage(requests));
        let fargate = self.fleet(Service::Fargate, requests);
        let ec2 = self.fleet(Service::Ec2, requests);
        let mut point =
            Point { requests, in_flight: self.in_flight(requests), lambda, fargate, ec2, cheapest: Service::Lambda };
        let mut best = lambda;
        for service in Service::ALL {
            // Strictly cheaper only, so a tie goes to the option listed first.
            if let Some(cost) = point.cost(service).filter(|c| *c < best) {
                best = cost;
                point.cheapest = service;
            }
        }
        point
    }

    /// Points for a chart, log-spaced from `from` to `to` requests a month (both included,
    /// counts rounded to whole requests), `per_decade` points per tenfold step.
    pub fn series(&self, from: f64, to: f64, per_decade: u32) -> Vec<Point> {
        let from = from.max(1.0);
        let to = to.max(from);
        let per = f64::from(per_decade.max(1));
        let n = ((to / from).log10() * per - 1e-9).ceil().max(0.0) as u32;
        let mut out: Vec<Point> = Vec::with_capacity(n as usize + 1);
        for i in 0..=n {
            let r = if i == n { to } else { (from * 10f64.powf(f64::from(i) / per)).min(to) }.round();
            if out.last().is_none_or(|p| p.requests < r) {
                out.push(self.at(r));
            }
        }
        out
    }

    /// Every whole request count in `from..=to` where the cheapest option changes, in order.
    ///
    /// Exact, not sampled: Lambda's cost rises steadily with requests while a fleet's is
    /// constant between the counts where it adds a task or an instance. So the cheapest option
    /// can only change from Lambda inside such a stretch (found by bisection) or at a fleet's
    /// step. Stretches where one option stays below what the others already cost are skipped
    /// whole, so the work is a few hundred cost evaluations unless two fleets of nearly the
    /// same price per request trade places at many steps.
    pub fn break_evens(&self, from: f64, to: f64) -> Vec<BreakEven> {
        let lo = from.max(0.0).ceil() as u64;
        let hi = to.max(0.0).floor() as u64;
        let mut out = Vec::new();
        if lo > hi {
            return out;
        }
        let cheapest = |r: u64| self.at(r as f64).cheapest;
        let mut r = lo;
        let mut current = cheapest(r);
        loop {
            r = self.stays_cheapest_until(current, r, hi);
            if r >= hi {
                break;
            }
            // Fleets are constant on r..next; Lambda can only get dearer there.
            let next = self.next_fleet_change(r).min(hi + 1);
            if current == Service::Lambda && next - 1 > r && cheapest(next - 1) != Service::Lambda {
                let (mut a, mut b) = (r, next - 1);
                while b - a > 1 {
                    let m = a + (b - a) / 2;
                    if cheapest(m) == Service::Lambda {
                        a = m;
                    } else {
                        b = m;
                    }
                }
                let to = cheapest(b);
                out.push(BreakEven { requests: b as f64, from: current, to });
                current = to;
            }
            if next > hi {
                break;
            }
            let now = cheapest(next);
            if now != current {
                out.push(BreakEven { requests: next as f64, from: current, to: now });
                current = now;
            }
            r = next;
        }
        out
    }

    /// The largest request count in `r..=hi` up to which `service`, the cheapest at `r`,
    /// certainly stays the cheapest: its cost there is still below what every other option
    /// costs at `r` (and costs only rise with requests).
    fn stays_cheapest_until(&self, service: Service, r: u64, hi: u64) -> u64 {
        let at = self.at(r as f64);
        let others = Service::ALL.iter().filter(|s| **s != service).filter_map(|s| at.cost(*s));
        let bound = others.fold(f64::INFINITY, f64::min);
        // Ties go to the option listed first, so an option listed first may equal the bound.
        let first = Service::ALL.iter().position(|s| *s == service);
        let below = |cost: f64| if first == Some(0) { cost <= bound } else { cost < bound };
        match service {
            Service::Lambda => {
                // Lambda's cost is continuous and rising: bisect for the last count below.
                if below(at.lambda) && below(self.at(hi as f64).lambda) {
                    return hi;
                }
                let (mut a, mut b) = (r, hi);
                while b - a > 1 {
                    let m = a + (b - a) / 2;
                    if below(lambda::monthly_total(&self.prices, &self.lambda_usage(m as f64))) {
                        a = m;
                    } else {
                        b = m;
                    }
                }
                a
            }
            Service::Fargate | Service::Ec2 => {
                let Some((per_unit, units_now)) = self.per_unit(service).map(|k| (k, self.units(r as f64, k))) else {
                    return r;
                };
                // The most units still below the bound; then the last count they carry.
                let cost = |n: u64| self.fleet_cost(service, n);
                let per = cost(1).max(f64::MIN_POSITIVE);
                let mut n = ((bound / per).floor() as u64).max(units_now);
                while n > units_now && !below(cost(n)) {
                    n -= 1;
                }
                while n < u64::MAX && below(cost(n + 1)) {
                    n += 1;
                }
                if !below(cost(n)) {
                    return r;
                }
                self.first_request_above(n, per_unit).saturating_sub(1).clamp(r, hi)
            }
        }
    }

    fn per_unit(&self, service: Service) -> Option<u64> {
        match service {
            Service::Lambda => None,
            Service::Fargate => self.fargate.as_ref().ok().map(|f| f.requests_per_task),
            Service::Ec2 => self.ec2.as_ref().ok().map(|f| f.requests_per_instance),
        }
    }

    /// The monthly cost of `units` tasks or instances (0 for Lambda, which has none).
    fn fleet_cost(&self, service: Service, units: u64) -> f64 {
        match (service, &self.fargate, &self.ec2) {
            (Service::Fargate, Ok(fit), _) => fargate::monthly_total(&self.prices, &self.fargate_usage(fit, units)),
            (Service::Ec2, _, Ok(fit)) => {
                ec2::monthly_total(&fit.instance, units as f64, self.assumptions.hours_per_month)
            }
            _ => 0.0,
        }
    }

    /// The smallest request count above `r` at which a fleet's size changes (`u64::MAX` if
    /// none ever does).
    fn next_fleet_change(&self, r: u64) -> u64 {
        [Service::Fargate, Service::Ec2]
            .into_iter()
            .filter_map(|s| self.per_unit(s))
            .map(|k| self.first_request_above(self.units(r as f64, k), k))
            .min()
            .unwrap_or(u64::MAX)
    }

    /// The smallest request count that needs more than `n` units of `per_unit` requests each
    /// (`u64::MAX` if none does).
    fn first_request_above(&self, n: u64, per_unit: u64) -> u64 {
        let units_at = |x: u64| self.units(x as f64, per_unit);
        // Units per request; zero when requests take no time.
        let rate = self.in_flight(1.0) / self.assumptions.utilisation / per_unit as f64;
        if rate <= 0.0 || !rate.is_finite() {
            return u64::MAX;
        }
        // A guess from the formula, then corrected against `units` itself so that float
        // rounding can't put the step one request off.
        let mut g = ((n as f64 / rate).floor() as u64).saturating_add(1);
        while g > 0 && units_at(g - 1) > n {
            g -= 1;
        }
        while g < u64::MAX && units_at(g) <= n {
            g += 1;
        }
        g
    }

    /// The full estimates, with their steps, at `requests` a month: Lambda, then Fargate and
    /// EC2 when the workload fits them, their steps opening with how they were sized.
    pub fn estimates(&self, requests: f64) -> Result<Vec<Estimate>, CostError> {
        error::count("requests", requests)?;
        let mut out = vec![lambda::estimate(&self.prices, &self.lambda_usage(requests))?];
        if let Ok(fit) = &self.fargate {
            let tasks = self.units(requests, fit.requests_per_task);
            let mut e = fargate::estimate(&self.prices, &self.fargate_usage(fit, tasks))?;
            let unit = format!("task of {} vCPU and {} GB", num(fit.vcpu), num(fit.memory_gb));
            let mut steps = self.sizing_steps(requests, "task", &unit, fit.requests_per_task, tasks);
            steps.append(&mut e.steps);
            e.steps = steps;
            out.push(e);
        }
        if let Ok(fit) = &self.ec2 {
            let count = self.units(requests, fit.requests_per_instance);
            let usage = ec2::Ec2Usage {
                instance_type: fit.instance.name.clone(),
                count: count as f64,
                hours: Some(self.assumptions.hours_per_month),
            };
            let mut e = ec2::estimate(&self.prices, &usage)?;
            let i = &fit.instance;
            let unit = format!("{} ({} vCPU, {} GB)", i.name, num(i.vcpu), num(i.memory_gb));
            let mut steps = self.sizing_steps(requests, "instance", &unit, fit.requests_per_instance, count);
            steps.append(&mut e.steps);
            e.steps = steps;
            out.push(e);
        }
        Ok(out)
    }

    fn sizing_steps(&self, requests: f64, word: &str, unit: &str, per_unit: u64, units: u64) -> Vec<String> {
        let w = &self.workload;
        let a = &self.assumptions;
        let busy = requests * w.duration_ms / 1_000.0;
        let in_flight = self.in_flight(requests);
        let capacity = in_flight / a.utilisation;
        vec![
            format!(
                "Load: {} x {} ms = {} busy s / {} s in {} h = {} requests in flight on average",
                plural(requests, "request"),
                num(w.duration_ms),
                approx(busy),
                num(self.seconds_per_month()),
                num(a.hours_per_month),
                approx(in_flight)
            ),
            format!(
                "Headroom: {} / {}% utilisation = capacity for {} requests at once",
                approx(in_flight),
                num(a.utilisation * 100.0),
                approx(capacity)
            ),
            format!(
                "Size: each request needs {} MB and {} MB / {} MB per vCPU = {} vCPU; one {unit} holds {}",
                num(w.memory_mb),
                num(w.memory_mb),
                num(a.mb_per_vcpu),
                approx(self.vcpu_per_request()),
                plural(per_unit as f64, "request")
            ),
            format!(
                "{}s: {} / {} per {word} = {}, rounded up (at least {}) = {}, each running {} h",
                capitalise(word),
                approx(capacity),
                num(per_unit as f64),
                approx(capacity / per_unit as f64),
                a.minimum_running,
                plural(units as f64, word),
                num(a.hours_per_month)
            ),
        ]
    }

    /// The comparison from `from` to `to` requests a month (whole numbers, 1 or more, `from` at
    /// most `to`, `to` at most [`MAX_REQUESTS`]), `per_decade` rows per tenfold step.
    pub fn compare(&self, from: f64, to: f64, per_decade: u32) -> Result<Comparison, CostError> {
        check_range(from, to)?;
        let break_even = self.break_evens(from, to);
        let first = Cheapest { from, service: self.at(from).cheapest };
        let cheapest = std::iter::once(first)
            .chain(break_even.iter().map(|b| Cheapest { from: b.requests, service: b.to }))
            .collect();
        let p = &self.prices;
        let source = |service: Service, provenance: &super::Provenance| Source {
            service,
            source: provenance.source.clone(),
            as_of: provenance.as_of.clone(),
        };
        Ok(Comparison {
            assumptions: self.assumptions_text(),
            series: self.series(from, to, per_decade).iter().map(Row::from).collect(),
            break_even,
            cheapest,
            from,
            to,
            region: p.region.clone(),
            currency: p.currency.clone(),
            sources: vec![
                source(Service::Lambda, &p.lambda.provenance),
                source(Service::Fargate, &p.fargate.provenance),
                source(Service::Ec2, &p.ec2.provenance),
            ],
        })
    }

    /// The model and its assumptions in plain words, one sentence each, for the screen.
    pub fn assumptions_text(&self) -> Vec<String> {
        let w = &self.workload;
        let a = &self.assumptions;
        let cur = self.prices.currency.as_str();
        let mut out = vec![
            format!(
                "Each request runs {} ms with {} MB ({}); Lambda {} the free tier.",
                num(w.duration_ms),
                num(w.memory_mb),
                w.arch.name(),
                if a.lambda_free_tier { "includes" } else { "leaves out" }
            ),
            format!(
                "Tasks and instances run all month ({} h), busy or idle; at least {} always running.",
                num(a.hours_per_month),
                a.minimum_running
            ),
            format!(
                "They are sized for the average load at {}% utilisation, leaving {}% for peaks.",
                num(a.utilisation * 100.0),
                num((1.0 - a.utilisation) * 100.0)
            ),
            format!(
                "A request in flight needs {} MB and the CPU Lambda gives that memory: {} vCPU (1 vCPU per {} MB).",
                num(w.memory_mb),
                approx(self.vcpu_per_request()),
                num(a.mb_per_vcpu)
            ),
        ];
        out.push(match &self.fargate {
            Ok(f) => format!(
                "Fargate: tasks of {} vCPU and {} GB ({}) at {} an hour, {} each.",
                num(f.vcpu),
                num(f.memory_gb),
                f.arch.name(),
                price(f.per_hour, cur),
                plural(f.requests_per_task as f64, "request")
            ),
            Err(why) => format!("Fargate: not compared, {why}."),
        });
        match &self.ec2 {
            Ok(f) => {
                let i = &f.instance;
                out.push(format!(
                    "EC2: {} ({} vCPU, {} GB, {}) on-demand at {} an hour, {} each.",
                    i.name,
                    num(i.vcpu),
                    num(i.memory_gb),
                    i.arch.name(),
                    price(i.per_hour, cur),
                    plural(f.requests_per_instance as f64, "request")
                ));
                if i.name.starts_with('t') {
                    out.push(format!(
                        "{} is burstable: it sustains full CPU only on CPU credits (unlimited mode costs extra, not counted here).",
                        i.name
                    ));
                }
            }
            Err(why) => out.push(format!("EC2: not compared, {why}.")),
        }
        out.push(
            "Not counted: load balancer or API Gateway, data transfer, storage, Savings Plans and Spot.".to_string(),
        );
        out
    }
}

/// A comparison's range: whole request counts from 1 to [`MAX_REQUESTS`], the first no
/// larger than the last.
pub fn check_range(from: f64, to: f64) -> Result<(), CostError> {
    error::within("the first request count", from, &(1.0..=MAX_REQUESTS), "", "the comparison's range")?;
    error::whole("the first request count", from, "")?;
    error::within("the last request count", to, &(from..=MAX_REQUESTS), "", "the range from the first count")?;
    error::whole("the last request count", to, "")
}

impl Comparison {
    /// The text `cloudcram cost compare` prints: the assumptions, a table of the rows in
    /// cents, the break-evens and the cheapest option over each stretch, in words, and the
    /// price sources.
    pub fn to_text(&self) -> String {
        let cur = self.currency.as_str();
        let mut out = format!(
            "{}, {} and {} for one workload, {} to {} requests a month ({}, {})\n\nAssumptions:\n",
            Service::Lambda.title(),
            Service::Fargate.title(),
            Service::Ec2.title(),
            num(self.from),
            num(self.to),
            self.region,
            cur
        );
        for a in &self.assumptions {
            let _ = writeln!(out, "  - {a}");
        }
        let cost = |amount: Option<f64>, units: Option<u64>| match (amount, units) {
            (Some(a), Some(u)) => format!("{} ({})", money(a, cur), num(u as f64)),
            (Some(a), None) => money(a, cur),
            _ => "-".to_string(),
        };
        let header = ["requests a month", "lambda", "fargate (tasks)", "ec2 (instances)", "cheapest"];
        let rows: Vec<[String; 5]> = self
            .series
            .iter()
            .map(|r| {
                [
                    num(r.requests),
                    money(r.lambda, cur),
                    cost(r.fargate, r.fargate_tasks),
                    cost(r.ec2, r.ec2_instances),
                    r.cheapest.name().to_string(),
                ]
            })
            .collect();
        let mut widths = header.map(str::len);
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.len());
            }
        }
        out.push('\n');
        let line = |cells: [&str; 5]| {
            let [a, b, c, d, e] = cells;
            let [wa, wb, wc, wd, _] = widths;
            format!("{a:>wa$}  {b:>wb$}  {c:>wc$}  {d:>wd$}  {e}\n")
        };
        out.push_str(&line(header));
        for row in &rows {
            out.push_str(&line([&row[0], &row[1], &row[2], &row[3], &row[4]]));
        }
        out.push_str("\nBreak-even:\n");
        if self.break_even.is_empty() {
            let _ = writeln!(
                out,
                "  - None in this range: {} is the cheapest throughout.",
                self.cheapest[0].service.title()
            );
        }
        for b in &self.break_even {
            let _ = writeln!(
                out,
                "  - From {} requests a month, {} costs less than {}.",
                num(b.requests),
                b.to.title(),
                b.from.title()
            );
        }
        out.push_str("\nCheapest:\n");
        for (i, c) in self.cheapest.iter().enumerate() {
            let until = match self.cheapest.get(i + 1) {
                Some(next) => format!("up to {}", num(next.from - 1.0)),
                None => format!("to the end of the range, {}", num(self.to)),
            };
            let _ = writeln!(out, "  - {} from {} requests a month {until}", c.service.title(), num(c.from));
        }
        let sources: Vec<String> = self.sources.iter().map(|s| format!("{} as of {}", s.source, s.as_of)).collect();
        let _ = writeln!(out, "\nPrices: {}, {}, from {}.", self.region, cur, sources.join(", "));
        out
    }
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
