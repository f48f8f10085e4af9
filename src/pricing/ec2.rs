//! Amazon EC2: Linux on-demand instance-hours for the instance types in the price book.

use serde::Serialize;

use super::error::{self, CostError};
use super::estimate::{Estimate, Line, LineKind, Service, Usage, total_of};
use super::format::{money_detail, num, plural, price};
use super::limits::MAX_HOURS_PER_MONTH;
use super::{Ec2Prices, InstanceType, PriceBook};

/// Instances of one type for a month: what `cloudcram cost ec2` takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ec2Usage {
    /// An instance type in the price book, e.g. `t3.micro`.
    pub instance_type: String,
    /// Number of instances: a whole number.
    pub count: f64,
    /// Hours per instance in the month; `None`: the price book's whole month (730 h).
    pub hours: Option<f64>,
}

impl Ec2Usage {
    /// One instance of `instance_type` for the whole month.
    pub fn new(instance_type: &str) -> Self {
        Self { instance_type: instance_type.to_string(), count: 1.0, hours: None }
    }

    /// Checks the inputs and finds the instance type.
    pub fn validate<'p>(&self, prices: &'p Ec2Prices) -> Result<&'p InstanceType, CostError> {
        let instance = find(prices, &self.instance_type)?;
        check_count(self.count)?;
        if let Some(hours) = self.hours {
            check_hours(hours)?;
        }
        Ok(instance)
    }
}

// One check per input, so that a form can show each limit beside its own field
// (`pricing::fields`); `validate` runs them in order.

pub(crate) fn check_count(count: f64) -> Result<(), CostError> {
    error::count("instance count", count)
}

pub(crate) fn check_hours(hours: f64) -> Result<(), CostError> {
    error::not_negative("hours per instance", hours, "h")?;
    error::within("hours per instance", hours, &(0.0..=MAX_HOURS_PER_MONTH), "h", "a 31-day month")
}

/// The instance type called `name`, or an error listing the known ones (and the closest).
pub fn find<'p>(prices: &'p Ec2Prices, name: &str) -> Result<&'p InstanceType, CostError> {
    prices.instance(name).ok_or_else(|| {
        let closest = crate::fmt::closest(name, prices.instances.iter().map(|i| i.name.as_str()));
        CostError::UnknownInstance {
            name: name.to_string(),
            hint: closest.map(|n| format!(" (did you mean {n}?)")).unwrap_or_default(),
            known: prices.instances.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(", "),
        }
    })
}

fn instance_cost(instance: &InstanceType, count: f64, hours: f64) -> [Line; 1] {
    [Line { kind: LineKind::Instances, amount: count * hours * instance.per_hour }]
}

/// The monthly total without checks or steps; equal to `estimate(..).total()` for valid usage.
pub(crate) fn monthly_total(instance: &InstanceType, count: f64, hours: f64) -> f64 {
    total_of(&instance_cost(instance, count, hours))
}

/// The monthly cost of `count` instances of one type, with its calculation.
pub fn estimate(prices: &PriceBook, usage: &Ec2Usage) -> Result<Estimate, CostError> {
    let p = &prices.ec2;
    let instance = usage.validate(p)?;
    let hours = usage.hours.unwrap_or(p.hours_per_month);
    let cur = prices.currency.as_str();
    let instance_hours = usage.count * hours;
    let lines = instance_cost(instance, usage.count, hours);
    let resolved = Ec2Usage { hours: Some(hours), ..usage.clone() };
    let mut e = Estimate::new(prices, &p.provenance, Service::Ec2, instance.arch, Usage::Ec2(resolved), lines.to_vec());
    e.steps.push(format!(
        "Instance type: {} ({} vCPU, {} GB, {}) at {} per hour, Linux on-demand",
        instance.name,
        num(instance.vcpu),
        num(instance.memory_gb),
        instance.arch.name(),
        price(instance.per_hour, cur)
    ));
    e.steps.push(format!(
        "Instance time: {} x {} h = {} instance-hours",
        plural(usage.count, "instance"),
        num(hours),
        num(instance_hours)
    ));
    e.steps.push(format!(
        "Instance cost: {} instance-hours x {} per hour = {}",
        num(instance_hours),
        price(instance.per_hour, cur),
        money_detail(e.total(), cur)
    ));
    e.steps.push(format!("Total: {}", money_detail(e.total(), cur)));
    if usage.hours.is_none() {
        e.notes.push(format!(
            "{} h is a whole month as the pricing data counts it (AWS uses 365 days x 24 h / 12 = 730 h).",
            num(hours)
        ));
    }
    e.notes.push("EBS volumes, data transfer and public IPv4 addresses are billed on top.".to_string());
    Ok(e)
}
