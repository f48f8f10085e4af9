//! The simulator's editable inputs ([`Inputs`]: one Lambda function, one group of Fargate
//! tasks, one group of EC2 instances) and the rules of each field ([`Field`]): its bounds, its
//! `+`/`-` steps and its check. Pure: the screen keeps an `Inputs`, and these say how it moves.
//!
//! Bounds and checks are the cost models' own: `pricing::limits` and the very checks
//! `cloudcram cost` runs, one per input, so the message beside a field is the one the command
//! prints. The steps are ours:
//!
//! | field | `+` / `-` | with Shift (`big`) |
//! |---|---|---|
//! | Lambda memory | the next multiple of 64 MB | x2 / /2 (whole MB) |
//! | Lambda duration | +10% / -10% (whole ms) | x2 / /2 (doubling memory halves CPU-bound work) |
//! | Lambda invocations | +10% / -10% (whole) | x10 / /10 |
//! | Lambda ephemeral storage | the next multiple of 512 MB | x2 / /2 |
//! | Fargate vCPU | the next size Fargate offers; memory moves to the nearest size offered with it | the same |
//! | Fargate memory | the next size offered with the task's vCPU | five sizes on |
//! | Fargate tasks, EC2 instances | +1 | the next multiple of 10 |
//! | hours (Fargate, EC2) | +10 h | +100 h |
//! | Fargate ephemeral storage | the next multiple of 10 GB | the next multiple of 50 GB |
//! | EC2 instance type | the next in the pricing data, in its order | the same |
//!
//! A step on a whole-number field always moves by at least one, and every step lands inside
//! the bounds: a value typed outside them comes back in with one press. Counts AWS does not
//! limit (invocations, tasks, instances) stop at [`COUNT_CEILING`], the form's own ceiling; a
//! larger typed count is still priced.

use std::ops::RangeInclusive;

use super::compare::{Assumptions, Workload};
use super::ec2::{self, Ec2Usage};
use super::error::CostError;
use super::estimate::{Estimate, Service};
use super::fargate::{self, FargateUsage};
use super::lambda::{self, LambdaUsage};
use super::limits::{
    FARGATE_EPHEMERAL_GB, LAMBDA_EPHEMERAL_MB, LAMBDA_MAX_DURATION_MS, LAMBDA_MEMORY_MB, MAX_HOURS_PER_MONTH,
};
use super::{FargatePrices, PriceBook};

/// Where `+` stops on a count AWS sets no limit to: 10^12 (a trillion requests a month is
/// about 380,000 a second).
pub const COUNT_CEILING: f64 = 1e12;

/// How many places `big` moves on a list of choices that is long (Fargate memory).
const BIG_CHOICE_STEP: usize = 5;

/// One editable input of the simulator's Lambda, Fargate and EC2 forms, in form order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::VariantArray)]
pub enum Field {
    LambdaMemory,
    LambdaDuration,
    LambdaInvocations,
    LambdaEphemeral,
    FargateVcpu,
    FargateMemory,
    FargateTasks,
    FargateHours,
    FargateEphemeral,
    /// A choice among the pricing data's instance types, not a number.
    Ec2Instance,
    Ec2Count,
    Ec2Hours,
}

impl Field {
    pub const ALL: [Field; 12] = crate::variants::array();
    pub const LAMBDA: [Field; 4] =
        [Field::LambdaMemory, Field::LambdaDuration, Field::LambdaInvocations, Field::LambdaEphemeral];
    pub const FARGATE: [Field; 5] =
        [Field::FargateVcpu, Field::FargateMemory, Field::FargateTasks, Field::FargateHours, Field::FargateEphemeral];
    pub const EC2: [Field; 3] = [Field::Ec2Instance, Field::Ec2Count, Field::Ec2Hours];

    /// The fields of one service's form, in order.
    pub fn of(service: Service) -> &'static [Field] {
        match service {
            Service::Lambda => &Self::LAMBDA,
            Service::Fargate => &Self::FARGATE,
            Service::Ec2 => &Self::EC2,
        }
    }

    pub fn service(self) -> Service {
        match self {
            Self::LambdaMemory | Self::LambdaDuration | Self::LambdaInvocations | Self::LambdaEphemeral => {
                Service::Lambda
            }
            Self::FargateVcpu
            | Self::FargateMemory
            | Self::FargateTasks
            | Self::FargateHours
            | Self::FargateEphemeral => Service::Fargate,
            Self::Ec2Instance | Self::Ec2Count | Self::Ec2Hours => Service::Ec2,
        }
    }

    /// The field's name on the form.
    pub fn label(self) -> &'static str {
        match self {
            Self::LambdaMemory | Self::FargateMemory => "Memory",
            Self::LambdaDuration => "Duration",
            Self::LambdaInvocations => "Invocations per month",
            Self::LambdaEphemeral | Self::FargateEphemeral => "Ephemeral storage",
            Self::FargateVcpu => "vCPU",
            Self::FargateTasks => "Tasks",
            Self::FargateHours => "Hours per task",
            Self::Ec2Instance => "Instance type",
            Self::Ec2Count => "Instances",
            Self::Ec2Hours => "Hours per instance",
        }
    }

    /// The unit its value is in ("" for counts and the instance type).
    pub fn unit(self) -> &'static str {
        match self {
            Self::LambdaMemory | Self::LambdaEphemeral => "MB",
            Self::LambdaDuration => "ms",
            Self::FargateVcpu => "vCPU",
            Self::FargateMemory | Self::FargateEphemeral => "GB",
            Self::FargateHours | Self::Ec2Hours => "h",
            Self::LambdaInvocations | Self::FargateTasks | Self::Ec2Instance | Self::Ec2Count => "",
        }
    }

    /// Whether digits typed into the field set it (every field but the instance type).
    pub fn takes_digits(self) -> bool {
        self != Self::Ec2Instance
    }

    /// The numeric step rule, for the fields that have one (not the lists of choices).
    fn rule(self) -> Option<Rule> {
        use Step::{Add, Grid, Percent, Times};
        let rule = |range: RangeInclusive<f64>, whole: bool, small: Step, big: Step| Rule {
            min: *range.start(),
            max: range.end().min(COUNT_CEILING),
            whole,
            small,
            big,
        };
        Some(match self {
            Self::LambdaMemory => rule(LAMBDA_MEMORY_MB, true, Grid(64.0), Times(2.0)),
            Self::LambdaDuration => rule(0.0..=LAMBDA_MAX_DURATION_MS, true, Percent(0.1), Times(2.0)),
            Self::LambdaInvocations => rule(0.0..=f64::INFINITY, true, Percent(0.1), Times(10.0)),
            Self::LambdaEphemeral => rule(LAMBDA_EPHEMERAL_MB, true, Grid(512.0), Times(2.0)),
            Self::FargateTasks | Self::Ec2Count => rule(0.0..=f64::INFINITY, true, Add(1.0), Grid(10.0)),
            Self::FargateHours | Self::Ec2Hours => rule(0.0..=MAX_HOURS_PER_MONTH, false, Add(10.0), Add(100.0)),
            Self::FargateEphemeral => rule(FARGATE_EPHEMERAL_GB, true, Grid(10.0), Grid(50.0)),
            Self::FargateVcpu | Self::FargateMemory | Self::Ec2Instance => return None,
        })
    }
}

/// What one press does to a number.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// Add or take this much.
    Add(f64),
    /// To the next multiple of this, above or below.
    Grid(f64),
    /// Add or take this share of the value (0.1: 10%).
    Percent(f64),
    /// Multiply or divide by this.
    Times(f64),
}

#[derive(Debug, Clone, Copy)]
struct Rule {
    min: f64,
    max: f64,
    /// Steps land on whole numbers, at least one away.
    whole: bool,
    small: Step,
    big: Step,
}

impl Rule {
    fn step(&self, value: f64, up: bool, big: bool) -> f64 {
        if !value.is_finite() {
            return self.min;
        }
        // A whole field adds to the whole number on the side it moves to: 2.5 + 1 is 3.
        let base = match (self.whole, up) {
            (false, _) => value,
            (true, true) => value.floor(),
            (true, false) => value.ceil(),
        };
        let raw = match (if big { self.big } else { self.small }, up) {
            (Step::Add(d), true) => base + d,
            (Step::Add(d), false) => base - d,
            (Step::Grid(g), true) => ((value / g).floor() + 1.0) * g,
            (Step::Grid(g), false) => ((value / g).ceil() - 1.0) * g,
            (Step::Percent(p), true) => value * (1.0 + p),
            (Step::Percent(p), false) => value * (1.0 - p),
            (Step::Times(k), true) => value * k,
            (Step::Times(k), false) => value / k,
        };
        let next = match (self.whole, up) {
            (false, _) => raw,
            (true, true) => raw.round().max(value.floor() + 1.0),
            (true, false) => raw.round().min(value.ceil() - 1.0),
        };
        next.clamp(self.min, self.max)
    }
}

/// The choice `places` on from `value` in `choices` (ascending): from a value that is not a
/// choice, the first step goes to the nearest choice on that side. Stops at either end.
fn step_choice(choices: &[f64], value: f64, up: bool, places: usize) -> Option<f64> {
    let (first, last) = (*choices.first()?, *choices.last()?);
    if !value.is_finite() {
        return Some(if up { first } else { last });
    }
    let exact = choices.iter().position(|c| fargate::same(*c, value));
    let index = match (exact, up) {
        (Some(i), true) => (i + places).min(choices.len() - 1),
        (Some(i), false) => i.saturating_sub(places),
        (None, true) => {
            let above = choices.iter().position(|c| *c > value).unwrap_or(choices.len() - 1);
            (above + places - 1).min(choices.len() - 1)
        }
        (None, false) => {
            let below = choices.iter().rposition(|c| *c < value).unwrap_or(0);
            below.saturating_sub(places - 1)
        }
    };
    Some(choices[index])
}

/// Every vCPU size Fargate offers, ascending.
pub fn fargate_vcpus(prices: &FargatePrices) -> Vec<f64> {
    prices.sizes.iter().map(|s| s.vcpu).collect()
}

/// The memory size offered with `vcpu` nearest to `memory_gb` (the smaller on a tie), or
/// `None` if Fargate has no task of `vcpu`.
pub fn nearest_fargate_memory(prices: &FargatePrices, vcpu: f64, memory_gb: f64) -> Option<f64> {
    let choices = fargate::memory_choices(prices, vcpu)?;
    choices.iter().copied().min_by(|a, b| (a - memory_gb).abs().total_cmp(&(b - memory_gb).abs()))
}

/// The values of the simulator's three forms: what a preset sets and the fields edit.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub lambda: LambdaUsage,
    pub fargate: FargateUsage,
    pub ec2: Ec2Usage,
}

impl Inputs {
    /// The estimate of one form, exactly as `cloudcram cost` makes it.
    pub fn estimate(&self, prices: &PriceBook, service: Service) -> Result<Estimate, CostError> {
        match service {
            Service::Lambda => lambda::estimate(prices, &self.lambda),
            Service::Fargate => fargate::estimate(prices, &self.fargate),
            Service::Ec2 => ec2::estimate(prices, &self.ec2),
        }
    }

    /// The Lambda form's function as the comparison's workload: its memory, duration and
    /// architecture.
    pub fn workload(&self) -> Workload {
        Workload { memory_mb: self.lambda.memory_mb, duration_ms: self.lambda.duration_ms, arch: self.lambda.arch }
    }

    /// The comparison's default assumptions, with the Lambda form's free-tier setting; tasks
    /// and instances sized by the comparison itself.
    pub fn assumptions(&self, prices: &PriceBook) -> Assumptions {
        Assumptions { lambda_free_tier: self.lambda.free_tier, ..Assumptions::defaults(prices) }
    }

    /// The field's value; `None` for the instance type, which is not a number. EC2 hours left
    /// unset are the price book's whole month.
    pub fn value(&self, prices: &PriceBook, field: Field) -> Option<f64> {
        Some(match field {
            Field::LambdaMemory => self.lambda.memory_mb,
            Field::LambdaDuration => self.lambda.duration_ms,
            Field::LambdaInvocations => self.lambda.invocations,
            Field::LambdaEphemeral => self.lambda.ephemeral_mb,
            Field::FargateVcpu => self.fargate.vcpu,
            Field::FargateMemory => self.fargate.memory_gb,
            Field::FargateTasks => self.fargate.tasks,
            Field::FargateHours => self.fargate.hours,
            Field::FargateEphemeral => self.fargate.ephemeral_gb,
            Field::Ec2Instance => return None,
            Field::Ec2Count => self.ec2.count,
            Field::Ec2Hours => self.ec2.hours.unwrap_or(prices.ec2.hours_per_month),
        })
    }

    /// Sets a field to a typed value, as it is: [`Inputs::check`] says whether it is allowed.
    /// The instance type takes no number and stays.
    pub fn set(&mut self, field: Field, value: f64) {
        match field {
            Field::LambdaMemory => self.lambda.memory_mb = value,
            Field::LambdaDuration => self.lambda.duration_ms = value,
            Field::LambdaInvocations => self.lambda.invocations = value,
            Field::LambdaEphemeral => self.lambda.ephemeral_mb = value,
            Field::FargateVcpu => self.fargate.vcpu = value,
            Field::FargateMemory => self.fargate.memory_gb = value,
            Field::FargateTasks => self.fargate.tasks = value,
            Field::FargateHours => self.fargate.hours = value,
            Field::FargateEphemeral => self.fargate.ephemeral_gb = value,
            Field::Ec2Instance => {}
            Field::Ec2Count => self.ec2.count = value,
            Field::Ec2Hours => self.ec2.hours = Some(value),
        }
    }

    /// One press of `+` (`up`) or `-`, with Shift when `big` (the table in the module docs).
    /// A new vCPU takes the memory size offered with it nearest to the task's memory.
    pub fn step(&mut self, prices: &PriceBook, field: Field, up: bool, big: bool) {
        let f = &prices.fargate;
        match field {
            Field::FargateVcpu => {
                if let Some(vcpu) = step_choice(&fargate_vcpus(f), self.fargate.vcpu, up, 1) {
                    self.fargate.vcpu = vcpu;
                    if let Some(memory) = nearest_fargate_memory(f, vcpu, self.fargate.memory_gb) {
                        self.fargate.memory_gb = memory;
                    }
                }
            }
            Field::FargateMemory => {
                let places = if big { BIG_CHOICE_STEP } else { 1 };
                let choices = fargate::memory_choices(f, self.fargate.vcpu).unwrap_or_default();
                if let Some(memory) = step_choice(choices, self.fargate.memory_gb, up, places) {
                    self.fargate.memory_gb = memory;
                }
            }
            Field::Ec2Instance => {
                let names: Vec<&str> = prices.ec2.instances.iter().map(|i| i.name.as_str()).collect();
                let next = match names.iter().position(|n| *n == self.ec2.instance_type) {
                    Some(i) if up => names.get(i + 1).unwrap_or(&names[i]),
                    Some(i) => names[i.saturating_sub(1)],
                    None if up => names.first().copied().unwrap_or_default(),
                    None => names.last().copied().unwrap_or_default(),
                };
                if !next.is_empty() {
                    self.ec2.instance_type = next.to_string();
                }
            }
            _ => {
                if let (Some(rule), Some(value)) = (field.rule(), self.value(prices, field)) {
                    self.set(field, rule.step(value, up, big));
                }
            }
        }
    }

    /// The field's value against the limit `cloudcram cost` checks it against. Fargate memory
    /// is checked with the task's vCPU (a vCPU Fargate does not offer fails both).
    pub fn check(&self, prices: &PriceBook, field: Field) -> Result<(), CostError> {
        let f = &prices.fargate;
        match field {
            Field::LambdaMemory => lambda::check_memory(self.lambda.memory_mb),
            Field::LambdaDuration => lambda::check_duration(self.lambda.duration_ms),
            Field::LambdaInvocations => lambda::check_invocations(self.lambda.invocations),
            Field::LambdaEphemeral => lambda::check_ephemeral(self.lambda.ephemeral_mb),
            Field::FargateVcpu => fargate::check_vcpu(f, self.fargate.vcpu).map(|_| ()),
            Field::FargateMemory => fargate::check_size(f, self.fargate.vcpu, self.fargate.memory_gb),
            Field::FargateTasks => fargate::check_tasks(self.fargate.tasks),
            Field::FargateHours => fargate::check_hours(self.fargate.hours),
            Field::FargateEphemeral => fargate::check_ephemeral(self.fargate.ephemeral_gb),
            Field::Ec2Instance => ec2::find(&prices.ec2, &self.ec2.instance_type).map(|_| ()),
            Field::Ec2Count => ec2::check_count(self.ec2.count),
            Field::Ec2Hours => self.ec2.hours.map_or(Ok(()), ec2::check_hours),
        }
    }

    /// The lowest and highest value the field allows (for Fargate memory, with the task's
    /// vCPU; with a vCPU Fargate does not offer, every size it has). Counts AWS does not limit
    /// have no highest value (`f64::INFINITY`); steps stop at [`COUNT_CEILING`]. `None` for the
    /// instance type.
    pub fn bounds(&self, prices: &PriceBook, field: Field) -> Option<RangeInclusive<f64>> {
        let f = &prices.fargate;
        let ends = |choices: &[f64]| Some(*choices.first()?..=*choices.last()?);
        match field {
            Field::FargateVcpu => ends(&fargate_vcpus(f)),
            Field::FargateMemory => match fargate::memory_choices(f, self.fargate.vcpu) {
                Some(choices) => ends(choices),
                None => {
                    let all = f.sizes.iter().flat_map(|s| s.memory_gb.iter().copied());
                    let (lo, hi) = all.fold((f64::INFINITY, 0.0_f64), |(lo, hi), m| (lo.min(m), hi.max(m)));
                    (lo <= hi).then_some(lo..=hi)
                }
            },
            Field::Ec2Instance => None,
            _ => {
                let rule = field.rule()?;
                let unlimited = matches!(field, Field::LambdaInvocations | Field::FargateTasks | Field::Ec2Count);
                Some(rule.min..=if unlimited { f64::INFINITY } else { rule.max })
            }
        }
    }

    /// The values a field offers, ascending, when it is a list: the vCPU sizes, and the
    /// memory sizes offered with the task's vCPU (empty for a vCPU Fargate does not offer).
    pub fn choices(&self, prices: &PriceBook, field: Field) -> Option<Vec<f64>> {
        let f = &prices.fargate;
        match field {
            Field::FargateVcpu => Some(fargate_vcpus(f)),
            Field::FargateMemory => Some(fargate::memory_choices(f, self.fargate.vcpu).unwrap_or_default().to_vec()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::float_cmp)]

    use proptest::prelude::*;

    use super::*;
    use crate::pricing::Arch;
    use crate::pricing::limits::LAMBDA_MB_PER_VCPU;

    fn prices() -> &'static PriceBook {
        crate::pricing::tests::hand_book()
    }

    fn inputs() -> Inputs {
        Inputs {
            lambda: LambdaUsage::new(512.0, 1_000.0, 3_000_000.0),
            fargate: FargateUsage::new(1.0, 2.0, 2.0, 730.0),
            ec2: Ec2Usage::new("t3.micro"),
        }
    }

    /// The value after one press from `from`.
    fn press(field: Field, from: f64, up: bool, big: bool) -> f64 {
        let mut i = inputs();
        i.set(field, from);
        i.step(prices(), field, up, big);
        i.value(prices(), field).unwrap()
    }

    /// Presses from `from` until the value stops moving, collecting every value.
    fn walk(field: Field, from: f64, up: bool, big: bool) -> Vec<f64> {
        let mut out = vec![from];
        loop {
            let next = press(field, *out.last().unwrap(), up, big);
            if next == *out.last().unwrap() || out.len() > 10_000 {
                return out;
            }
            out.push(next);
        }
    }

    #[test]
    fn every_field_belongs_to_one_form_in_order() {
        let forms: Vec<Field> = Service::ALL.iter().flat_map(|s| Field::of(*s).iter().copied()).collect();
        assert_eq!(forms, Field::ALL);
        for s in Service::ALL {
            assert!(Field::of(s).iter().all(|f| f.service() == s));
        }
        assert_eq!(Field::ALL.iter().filter(|f| !f.takes_digits()).collect::<Vec<_>>(), [&Field::Ec2Instance]);
        assert_eq!((Field::LambdaMemory.label(), Field::LambdaMemory.unit()), ("Memory", "MB"));
        assert_eq!((Field::FargateHours.label(), Field::Ec2Hours.unit()), ("Hours per task", "h"));
    }

    #[test]
    fn bounds_are_the_limits_cost_checks() {
        let i = inputs();
        let b = |f: Field| i.bounds(prices(), f);
        assert_eq!(b(Field::LambdaMemory), Some(128.0..=10_240.0));
        assert_eq!(b(Field::LambdaDuration), Some(0.0..=900_000.0));
        assert_eq!(b(Field::LambdaInvocations), Some(0.0..=f64::INFINITY));
        assert_eq!(b(Field::LambdaEphemeral), Some(512.0..=10_240.0));
        assert_eq!(b(Field::FargateVcpu), Some(0.25..=16.0));
        assert_eq!(b(Field::FargateMemory), Some(2.0..=8.0), "with 1 vCPU");
        assert_eq!(b(Field::FargateTasks), Some(0.0..=f64::INFINITY));
        assert_eq!(b(Field::FargateHours), Some(0.0..=744.0));
        assert_eq!(b(Field::FargateEphemeral), Some(20.0..=200.0));
        assert_eq!(b(Field::Ec2Instance), None);
        assert_eq!(b(Field::Ec2Count), Some(0.0..=f64::INFINITY));
        assert_eq!(b(Field::Ec2Hours), Some(0.0..=744.0));
        let mut odd = inputs();
        odd.fargate.vcpu = 3.0;
        assert_eq!(odd.bounds(prices(), Field::FargateMemory), Some(0.5..=120.0), "every size when no vCPU fits");

        // Just inside each end passes the check; just outside fails it with the limit.
        for field in Field::ALL.into_iter().filter(|f| f.takes_digits()) {
            let range = i.bounds(prices(), field).unwrap();
            let mut at = inputs();
            for inside in [*range.start(), range.end().min(1e15)] {
                at.set(field, inside);
                assert_eq!(at.check(prices(), field), Ok(()), "{field:?} at {inside}");
            }
            for outside in [range.start() - 1.0, range.end() + 1.0] {
                at.set(field, outside);
                assert!(at.check(prices(), field).is_err(), "{field:?} at {outside}");
            }
        }
    }

    #[test]
    fn a_value_outside_the_limits_gets_the_messages_of_cost() {
        let mut i = inputs();
        let message = |i: &Inputs, f: Field| i.check(prices(), f).unwrap_err().to_string();
        i.set(Field::LambdaMemory, 64.0);
        assert_eq!(
            message(&i, Field::LambdaMemory),
            "memory 64 MB is outside Lambda's limit (128 to 10,240 MB); choose a value in that range"
        );
        assert_eq!(i.check(prices(), Field::LambdaDuration), Ok(()), "only the field itself is blamed");
        i.set(Field::LambdaDuration, 900_001.0);
        assert!(message(&i, Field::LambdaDuration).contains("Lambda's 15-minute timeout (0 to 900,000 ms)"));
        i.set(Field::LambdaInvocations, 2.5);
        assert_eq!(message(&i, Field::LambdaInvocations), "invocations must be a whole number (got 2.5)");
        i.set(Field::FargateMemory, 16.0);
        assert!(message(&i, Field::FargateMemory).contains("with 1 vCPU choose 2, 3, 4, 5, 6, 7 or 8 GB"));
        assert_eq!(i.check(prices(), Field::FargateVcpu), Ok(()));
        i.set(Field::FargateVcpu, 3.0);
        assert!(message(&i, Field::FargateVcpu).contains("choose 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU"));
        i.ec2.instance_type = "t3.mikro".into();
        assert!(message(&i, Field::Ec2Instance).contains("did you mean t3.micro?"));
        i.set(Field::Ec2Hours, 745.0);
        assert!(message(&i, Field::Ec2Hours).contains("a 31-day month (0 to 744 h)"));
    }

    #[test]
    fn lambda_memory_steps_by_64_mb_and_doubles_with_shift() {
        let f = Field::LambdaMemory;
        assert_eq!(press(f, 512.0, true, false), 576.0);
        assert_eq!(press(f, 512.0, false, false), 448.0);
        // Lambda takes any whole MB; a step from one goes to the 64 MB grid.
        assert_eq!(press(f, 1_769.0, true, false), 1_792.0);
        assert_eq!(press(f, 1_769.0, false, false), 1_728.0);
        let up = walk(f, 128.0, true, false);
        assert_eq!(up.len(), 159, "128 to 10,240 in 64 MB steps");
        assert!(up.iter().all(|m| m % 64.0 == 0.0));
        assert_eq!(*up.last().unwrap(), 10_240.0);
        assert_eq!(walk(f, 10_240.0, false, false).last(), Some(&128.0));
        assert_eq!(walk(f, 128.0, true, true), [128.0, 256.0, 512.0, 1_024.0, 2_048.0, 4_096.0, 8_192.0, 10_240.0]);
        assert_eq!(press(f, 1_769.0, false, true), 885.0, "halved to a whole MB");
        // Out of range comes back in with one press, either way.
        assert_eq!(press(f, 64.0, true, false), 128.0);
        assert_eq!(press(f, 64.0, false, false), 128.0);
        assert_eq!(press(f, 20_000.0, false, false), 10_240.0);
        assert_eq!(press(f, f64::NAN, true, false), 128.0);
    }

    #[test]
    fn duration_and_invocations_step_by_ten_percent() {
        let d = Field::LambdaDuration;
        assert_eq!(press(d, 1_000.0, true, false), 1_100.0);
        assert_eq!(press(d, 1_000.0, false, false), 900.0);
        assert_eq!(press(d, 1_000.0, true, true), 2_000.0);
        assert_eq!(press(d, 1_000.0, false, true), 500.0);
        // At least a whole millisecond, down to 0 and up to the 15-minute timeout.
        assert_eq!(press(d, 3.0, true, false), 4.0);
        assert_eq!(press(d, 1.0, false, false), 0.0);
        assert_eq!(press(d, 0.0, true, false), 1.0);
        assert_eq!(press(d, 12.5, true, false), 14.0, "a typed fraction steps to a whole ms");
        assert_eq!(press(d, 600_000.0, true, true), 900_000.0);
        assert_eq!(walk(d, 5.0, false, false).last(), Some(&0.0));

        let n = Field::LambdaInvocations;
        assert_eq!(press(n, 3_000_000.0, true, false), 3_300_000.0);
        assert_eq!(press(n, 3_000_000.0, false, false), 2_700_000.0);
        assert_eq!(press(n, 3_000_000.0, true, true), 30_000_000.0);
        assert_eq!(press(n, 3_000_000.0, false, true), 300_000.0);
        assert_eq!(press(n, 0.0, true, false), 1.0);
        assert_eq!(press(n, 0.0, true, true), 1.0);
        assert_eq!(press(n, 5.0, false, true), 1.0, "0.5 rounds to 1");
        assert_eq!(press(n, 1.0, false, true), 0.0);
        assert_eq!(walk(n, 1.0, true, true).last(), Some(&COUNT_CEILING));
        assert_eq!(walk(n, 1.0, true, true).len(), 13);
    }

    #[test]
    fn ephemeral_storage_steps() {
        let l = Field::LambdaEphemeral;
        assert_eq!(press(l, 512.0, true, false), 1_024.0);
        assert_eq!(press(l, 700.0, false, false), 512.0);
        assert_eq!(walk(l, 512.0, true, false).len(), 20, "512 to 10,240 in 512 MB steps");
        assert_eq!(press(l, 512.0, true, true), 1_024.0);
        assert_eq!(press(l, 8_192.0, true, true), 10_240.0);
        let f = Field::FargateEphemeral;
        assert_eq!(press(f, 20.0, true, false), 30.0);
        assert_eq!(press(f, 25.0, false, false), 20.0);
        assert_eq!(press(f, 20.0, true, true), 50.0);
        assert_eq!(walk(f, 20.0, true, true), [20.0, 50.0, 100.0, 150.0, 200.0]);
        assert_eq!(press(f, 20.0, false, false), 20.0);
    }

    #[test]
    fn counts_and_hours_step() {
        for count in [Field::FargateTasks, Field::Ec2Count] {
            assert_eq!(press(count, 2.0, true, false), 3.0);
            assert_eq!(press(count, 2.0, false, false), 1.0);
            assert_eq!(press(count, 0.0, false, false), 0.0);
            assert_eq!(press(count, 2.0, true, true), 10.0);
            assert_eq!(press(count, 10.0, true, true), 20.0);
            assert_eq!(press(count, 13.0, false, true), 10.0);
            assert_eq!(press(count, 2.5, true, false), 3.0, "a typed fraction steps to a whole count");
            assert_eq!(press(count, 2.5, false, false), 2.0);
        }
        for hours in [Field::FargateHours, Field::Ec2Hours] {
            assert_eq!(press(hours, 18.25, true, false), 28.25, "hours need not be whole");
            assert_eq!(press(hours, 730.0, true, false), 740.0);
            assert_eq!(press(hours, 740.0, true, false), 744.0, "at most a 31-day month");
            assert_eq!(press(hours, 744.0, false, false), 734.0);
            assert_eq!(press(hours, 5.0, false, false), 0.0);
            assert_eq!(press(hours, 100.0, true, true), 200.0);
        }
        // EC2 hours left unset are the price book's month.
        let mut i = inputs();
        assert_eq!(i.ec2.hours, None);
        assert_eq!(i.value(prices(), Field::Ec2Hours), Some(730.0));
        i.step(prices(), Field::Ec2Hours, true, false);
        assert_eq!(i.ec2.hours, Some(740.0));
    }

    #[test]
    fn fargate_offers_only_its_pairs() {
        let f = Field::FargateVcpu;
        assert_eq!(walk(f, 0.25, true, false), [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0]);
        assert_eq!(press(f, 16.0, true, true), 16.0);
        assert_eq!(press(f, 3.0, true, false), 4.0, "a vCPU Fargate doesn't offer goes to the nearest on that side");
        assert_eq!(press(f, 3.0, false, false), 2.0);
        // A new vCPU moves the memory to the nearest size offered with it.
        let mut i = inputs();
        let pair = |i: &Inputs| (i.fargate.vcpu, i.fargate.memory_gb);
        i.step(prices(), f, false, false);
        assert_eq!(pair(&i), (0.5, 2.0), "2 GB is offered with 0.5 vCPU: kept");
        i.step(prices(), f, false, false);
        assert_eq!(pair(&i), (0.25, 2.0));
        i.set(Field::FargateMemory, 0.5);
        i.step(prices(), f, true, false);
        assert_eq!(pair(&i), (0.5, 1.0), "0.5 GB is not offered with 0.5 vCPU: the nearest is 1 GB");
        for _ in 0..4 {
            i.step(prices(), f, true, false);
        }
        assert_eq!(pair(&i), (8.0, 16.0));

        // Memory walks the sizes offered with the vCPU, five at a time with Shift.
        let m = Field::FargateMemory;
        let mut i = inputs();
        i.set(Field::FargateVcpu, 4.0);
        i.set(m, 8.0);
        let sizes = i.choices(prices(), m).unwrap();
        assert_eq!(sizes, (8..=30).map(f64::from).collect::<Vec<_>>());
        i.step(prices(), m, true, false);
        assert_eq!(i.fargate.memory_gb, 9.0);
        i.step(prices(), m, true, true);
        assert_eq!(i.fargate.memory_gb, 14.0);
        i.set(m, 29.0);
        i.step(prices(), m, true, true);
        assert_eq!(i.fargate.memory_gb, 30.0);
        i.set(m, 2.0);
        i.step(prices(), m, true, false);
        assert_eq!(i.fargate.memory_gb, 8.0, "from below the range: its first size");
        i.set(Field::FargateVcpu, 16.0);
        i.set(m, 33.0);
        i.step(prices(), m, true, false);
        assert_eq!(i.fargate.memory_gb, 40.0, "16 vCPU: 32 to 120 GB in 8 GB steps");
        i.set(m, 33.0);
        i.step(prices(), m, false, false);
        assert_eq!(i.fargate.memory_gb, 32.0);

        // Every vCPU and every memory size a step reaches is a pair Fargate offers.
        for vcpu in fargate_vcpus(&prices().fargate) {
            let mut i = inputs();
            i.set(Field::FargateVcpu, vcpu);
            i.set(m, 0.0);
            for _ in 0..40 {
                i.step(prices(), m, true, false);
                assert!(fargate::offers(&prices().fargate, i.fargate.vcpu, i.fargate.memory_gb), "{:?}", pair(&i));
            }
            assert_eq!(i.choices(prices(), m).unwrap().last(), Some(&i.fargate.memory_gb));
        }
        let mut odd = inputs();
        odd.set(Field::FargateVcpu, 3.0);
        assert_eq!(odd.choices(prices(), m), Some(vec![]));
        odd.step(prices(), m, true, false);
        assert_eq!(odd.fargate.memory_gb, 2.0, "nothing to step to while the vCPU is not offered");
    }

    #[test]
    fn ec2_steps_through_the_instance_types_in_the_pricing_data() {
        let mut i = inputs();
        let mut seen = vec![i.ec2.instance_type.clone()];
        for _ in 0..5 {
            i.step(prices(), Field::Ec2Instance, true, false);
            seen.push(i.ec2.instance_type.clone());
        }
        assert_eq!(seen, ["t3.micro", "t4g.small", "m5.large", "m5.large", "m5.large", "m5.large"]);
        i.step(prices(), Field::Ec2Instance, false, true);
        assert_eq!(i.ec2.instance_type, "t4g.small");
        i.ec2.instance_type = "t3.nano".into();
        i.step(prices(), Field::Ec2Instance, false, false);
        assert_eq!(i.ec2.instance_type, "m5.large", "an unknown type steps to an end of the list");
        i.set(Field::Ec2Instance, 2.0);
        assert_eq!(i.ec2.instance_type, "m5.large", "digits don't pick an instance type");
        assert_eq!(i.value(prices(), Field::Ec2Instance), None);
    }

    #[test]
    fn nearest_memory_prefers_the_smaller_on_a_tie() {
        let f = &prices().fargate;
        assert_eq!(nearest_fargate_memory(f, 8.0, 18.0), Some(16.0));
        assert_eq!(nearest_fargate_memory(f, 8.0, 19.0), Some(20.0));
        assert_eq!(nearest_fargate_memory(f, 0.25, 64.0), Some(2.0));
        assert_eq!(nearest_fargate_memory(f, 3.0, 2.0), None);
        // Sized as the comparison sizes a request: 1,769 MB needs 1 vCPU.
        assert_eq!(LAMBDA_MB_PER_VCPU, 1_769.0);
    }

    fn any_field() -> impl Strategy<Value = Field> {
        (0..Field::ALL.len()).prop_map(|i| Field::ALL[i])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever was typed, one press leaves a value the engine takes, or at least no
        /// worse off: Fargate memory can only be right once the vCPU is.
        #[test]
        fn a_step_always_lands_on_a_value_the_engine_takes(
            field in any_field(), value in -1e13f64..1e13, up in prop::bool::ANY, big in prop::bool::ANY,
        ) {
            let mut i = inputs();
            i.set(field, value);
            i.step(prices(), field, up, big);
            prop_assert_eq!(i.check(prices(), field), Ok(()), "{:?} from {}: {:?}", field, value, i.value(prices(), field));
            // The form as a whole is then what cost prices.
            match field.service() {
                Service::Lambda => prop_assert!(lambda::estimate(prices(), &i.lambda).is_ok()),
                Service::Fargate => prop_assert!(fargate::estimate(prices(), &i.fargate).is_ok()),
                Service::Ec2 => prop_assert!(ec2::estimate(prices(), &i.ec2).is_ok()),
            }
        }

        /// The fields' checks are the estimate's: it fails exactly when one field does, with
        /// the first failing field's message.
        #[test]
        fn the_field_checks_are_the_estimates_checks(
            memory in 0f64..12_000.0, duration in -10f64..1e6, invocations in -2f64..1e7,
            ephemeral in 0f64..12_000.0, whole in prop::bool::ANY,
            vcpu in 0usize..8, gb in 0f64..130.0, tasks in -2f64..10.0, hours in -10f64..800.0, eph_gb in 0f64..250.0,
            instance in 0usize..4, count in -2f64..5.0, ec2_hours in prop::option::of(-10f64..800.0),
        ) {
            let r = |x: f64| if whole { x.round() } else { x };
            let vcpus = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 3.0];
            let types = ["t3.micro", "t4g.small", "m5.large", "t3.nano"];
            let i = Inputs {
                lambda: LambdaUsage {
                    memory_mb: r(memory), duration_ms: duration, invocations: r(invocations),
                    arch: Arch::X86_64, ephemeral_mb: r(ephemeral), free_tier: true,
                },
                fargate: FargateUsage {
                    vcpu: vcpus[vcpu], memory_gb: r(gb), tasks: r(tasks), hours, arch: Arch::Arm64, ephemeral_gb: r(eph_gb),
                },
                ec2: Ec2Usage { instance_type: types[instance].into(), count: r(count), hours: ec2_hours },
            };
            let first_failure = |s: Service| Field::of(s).iter().find_map(|f| i.check(prices(), *f).err());
            prop_assert_eq!(lambda::estimate(prices(), &i.lambda).err(), first_failure(Service::Lambda));
            prop_assert_eq!(fargate::estimate(prices(), &i.fargate).err(), first_failure(Service::Fargate));
            prop_assert_eq!(ec2::estimate(prices(), &i.ec2).err(), first_failure(Service::Ec2));
        }
    }
}
