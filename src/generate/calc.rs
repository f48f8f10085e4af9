//! The models behind the templates and the mistakes they diagnose. Every figure comes from
//! the cost engine: a mistake changes the price book or the inputs the way the mistaken
//! learner does, and the engine computes what that belief gives.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::json;
use strum::{EnumString, IntoStaticStr, VariantArray};

use super::{Form, Inputs, OptionOut, Template, Value};
use crate::content::Course;
use crate::fmt::{amount, num};
use crate::pricing::ec2;
use crate::pricing::fargate::{self, FargateUsage};
use crate::pricing::format::{money, price};
use crate::pricing::lambda::{self, LambdaUsage};
use crate::pricing::limits::MB_PER_GB;
use crate::pricing::{Arch, PriceBook};

/// What a template computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, IntoStaticStr, EnumString, VariantArray, Serialize, Deserialize)]
#[strum(serialize_all = "kebab-case")]
pub enum Model {
    /// One function's monthly bill (`cost lambda`).
    LambdaCost,
    /// The GB-seconds a workload uses in a month.
    LambdaGbSeconds,
    /// How many seconds of compute the free tier covers at one memory size.
    LambdaFreeSeconds,
    /// How many invocations a dollar amount of duration buys.
    LambdaDollarBuys,
    /// Tasks of one size for a month (`cost fargate`).
    FargateCost,
    /// On-demand instances for a month (`cost ec2`).
    Ec2Cost,
    /// Which of Lambda, one Fargate task or one EC2 instance is cheapest (a choice).
    Cheapest,
    /// The monthly requests at which Lambda costs what an always-on task or instance costs.
    BreakEven,
}

/// What kind of value an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Number,
    Flag,
    Arch,
    InstanceType,
    Rival,
}

/// One input a model reads.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn slot(name: &'static str, kind: Kind, required: bool) -> Slot {
    Slot { name, kind, required }
}

const MEMORY: Slot = slot("memory_mb", Kind::Number, true);
const DURATION: Slot = slot("duration_ms", Kind::Number, true);
const ARCH: Slot = slot("arch", Kind::Arch, false);
const FREE_TIER: Slot = slot("free_tier", Kind::Flag, false);
const VCPU: Slot = slot("vcpu", Kind::Number, true);
const MEMORY_GB: Slot = slot("memory_gb", Kind::Number, true);
const INSTANCE: Slot = slot("instance_type", Kind::InstanceType, true);

impl Model {
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    /// The inputs it reads; an optional one has a default (x86_64, the free tier, 512 MB or
    /// 20 GB of ephemeral storage, one task, the whole month).
    pub fn slots(self) -> &'static [Slot] {
        const INVOCATIONS: Slot = slot("invocations", Kind::Number, true);
        const LAMBDA_COST: [Slot; 6] =
            [MEMORY, DURATION, INVOCATIONS, ARCH, slot("ephemeral_mb", Kind::Number, false), FREE_TIER];
        const GB_SECONDS: [Slot; 3] = [MEMORY, DURATION, INVOCATIONS];
        const FREE_SECONDS: [Slot; 1] = [MEMORY];
        const DOLLAR_BUYS: [Slot; 4] = [slot("dollars", Kind::Number, true), MEMORY, DURATION, ARCH];
        const FARGATE_COST: [Slot; 6] = [
            VCPU,
            MEMORY_GB,
            slot("tasks", Kind::Number, true),
            slot("hours", Kind::Number, true),
            ARCH,
            slot("ephemeral_gb", Kind::Number, false),
        ];
        const EC2_COST: [Slot; 3] = [INSTANCE, slot("count", Kind::Number, false), slot("hours", Kind::Number, false)];
        const CHEAPEST: [Slot; 8] =
            [slot("requests", Kind::Number, true), MEMORY, DURATION, ARCH, FREE_TIER, VCPU, MEMORY_GB, INSTANCE];
        const BREAK_EVEN: [Slot; 8] = [
            MEMORY,
            DURATION,
            ARCH,
            FREE_TIER,
            slot("rival", Kind::Rival, true),
            slot("vcpu", Kind::Number, false),
            slot("memory_gb", Kind::Number, false),
            slot("instance_type", Kind::InstanceType, false),
        ];
        match self {
            Self::LambdaCost => &LAMBDA_COST,
            Self::LambdaGbSeconds => &GB_SECONDS,
            Self::LambdaFreeSeconds => &FREE_SECONDS,
            Self::LambdaDollarBuys => &DOLLAR_BUYS,
            Self::FargateCost => &FARGATE_COST,
            Self::Ec2Cost => &EC2_COST,
            Self::Cheapest => &CHEAPEST,
            Self::BreakEven => &BREAK_EVEN,
        }
    }

    /// Figures the model works out for the prompt, beyond the inputs.
    pub fn derived(self) -> &'static [&'static str] {
        match self {
            Self::BreakEven => &["rival_cost"],
            Self::Cheapest => &["fargate_task", "ec2_instance"],
            _ => &[],
        }
    }

    /// A choosing model asks which option, not a number.
    pub fn chooses(self) -> bool {
        self == Self::Cheapest
    }

    /// The mistakes it can diagnose (each applies only where the question makes it possible:
    /// no free tier to forget when the prompt has none).
    pub fn mistakes(self) -> &'static [Mistake] {
        use Mistake as M;
        match self {
            Self::LambdaCost => &[
                M::ForgotFreeTier,
                M::AppliedUsedFreeTier,
                M::MbAs1000,
                M::MsAsSeconds,
                M::Rate600k,
                M::NoRequestCharge,
                M::ArmAtX86Rates,
                M::EphemeralAllCharged,
                M::EphemeralLeftOut,
            ],
            Self::LambdaGbSeconds => &[M::MbAs1000, M::MsAsSeconds, M::SubtractedFreeTier],
            Self::LambdaFreeSeconds => &[M::MbAs1000, M::FreeSecondsIgnoreMemory, M::FreeSecondsMultiplied],
            Self::LambdaDollarBuys => &[M::Rate600k, M::MbAs1000, M::MsAsSeconds, M::ArmAtX86Rates],
            Self::FargateCost => &[
                M::LambdaFreeTierOnFargate,
                M::LeftOutMemory,
                M::ForgotTaskCount,
                M::ArmAtX86Rates,
                M::EphemeralAllCharged,
            ],
            Self::Ec2Cost => &[M::Hours720, M::Hours744, M::ForgotInstanceCount],
            Self::Cheapest => &[],
            Self::BreakEven => &[M::ForgotFreeTier, M::NoRequestCharge, M::Rate600k, M::MbAs1000, M::MsAsSeconds],
        }
    }
}

/// A common, named mistake. Its words are content (`[[mistake]]` in `generated.toml`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    IntoStaticStr,
    EnumString,
    VariantArray,
    Serialize,
    Deserialize,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Mistake {
    /// Left out the monthly free tier.
    ForgotFreeTier,
    /// Took off a free tier the prompt says is used up.
    AppliedUsedFreeTier,
    /// Divided MB by 1,000 instead of 1,024 to get GB.
    #[strum(serialize = "mb-as-1000")]
    MbAs1000,
    /// Took milliseconds as seconds.
    MsAsSeconds,
    /// "$1 per 600,000 GB-s": a rate ten times too low.
    #[strum(serialize = "rate-600000")]
    Rate600k,
    /// Left out the request charge.
    NoRequestCharge,
    /// Priced Arm at the x86 rates.
    #[strum(serialize = "arm-at-x86-rates")]
    ArmAtX86Rates,
    /// Charged all the ephemeral storage, not just what is above the included amount.
    EphemeralAllCharged,
    /// Left out the ephemeral storage charge.
    EphemeralLeftOut,
    /// Took Lambda's 400,000 free GB-seconds off a Fargate bill.
    LambdaFreeTierOnFargate,
    /// Charged the vCPU only, not the memory.
    LeftOutMemory,
    /// Priced one task instead of all of them.
    ForgotTaskCount,
    /// A month of 720 hours (30 days) instead of AWS's 730.
    #[strum(serialize = "hours-720")]
    Hours720,
    /// A month of 744 hours (31 days) instead of AWS's 730.
    #[strum(serialize = "hours-744")]
    Hours744,
    /// Priced one instance instead of all of them.
    ForgotInstanceCount,
    /// Subtracted the free tier from a count of GB-seconds used.
    SubtractedFreeTier,
    /// Took the free tier as 400,000 seconds at any memory.
    FreeSecondsIgnoreMemory,
    /// Multiplied by the memory in GB instead of dividing.
    FreeSecondsMultiplied,
}

impl Mistake {
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }
}

/// The price-book figures any prompt or mistake text may name.
pub const PRICE_NAMES: [&str; 11] = [
    "free_gb_seconds",
    "free_requests",
    "free_gb_hours",
    "request_price",
    "gb_second_price",
    "gb_second_price_arm64",
    "gb_seconds_per_dollar",
    "hours_per_month",
    "lambda_ephemeral_included_mb",
    "fargate_ephemeral_included_gb",
    "fargate_gb_hour",
];

/// A price-book figure by name, written for a learner.
pub fn price_figure(course: &Course, name: &str) -> Option<String> {
    let p = &course.pricing;
    let cur = p.currency.as_str();
    let first = |arch: Arch| p.lambda.tiers(arch).first().map_or(0.0, |t| t.per_gb_second);
    Some(match name {
        "free_gb_seconds" => num(p.lambda.free_gb_seconds),
        "free_requests" => num(p.lambda.free_requests),
        "free_gb_hours" => num((p.lambda.free_gb_seconds / 3_600.0 * 100.0).round() / 100.0),
        "request_price" => price(p.lambda.request_per_million, cur),
        "gb_second_price" => price(first(Arch::X86_64), cur),
        "gb_second_price_arm64" => price(first(Arch::Arm64), cur),
        "gb_seconds_per_dollar" => num((1.0 / first(Arch::X86_64)).round()),
        "hours_per_month" => num(p.ec2.hours_per_month),
        "lambda_ephemeral_included_mb" => num(p.lambda.ephemeral_included_mb),
        "fargate_ephemeral_included_gb" => num(p.fargate.ephemeral_included_gb),
        "fargate_gb_hour" => price(p.fargate.x86_64.gb_hour, cur),
        _ => return None,
    })
}

/// Whether `v` is what a model assumes when a template leaves the input out.
pub fn is_default(name: &str, v: &Value, p: &PriceBook) -> bool {
    match (name, v) {
        ("arch", Value::Name(a)) => a == Arch::X86_64.name(),
        ("free_tier", Value::Flag(b)) => *b,
        ("ephemeral_mb", Value::Number(x)) => *x <= p.lambda.ephemeral_included_mb,
        ("ephemeral_gb", Value::Number(x)) => *x <= p.fargate.ephemeral_included_gb,
        ("hours", Value::Number(x)) => (*x - p.ec2.hours_per_month).abs() < 1e-9,
        ("tasks" | "count", Value::Number(x)) => (*x - 1.0).abs() < 1e-9,
        _ => false,
    }
}

/// A choosing model's options, the right one's index.
#[derive(Debug, Clone)]
pub struct ChoiceOut {
    pub options: Vec<OptionOut>,
    pub right: usize,
    /// The runner-up costs at least this much more than the cheapest (a share: 0.1 = 10%).
    pub margin: f64,
}

/// A template's inputs worked out: the answer, its steps and the mistakes' results.
#[derive(Debug, Clone)]
pub struct Worked {
    pub answer: f64,
    pub steps: Vec<String>,
    /// The mistakes that apply and can be told from the answer and from each other.
    pub mistakes: Vec<(Mistake, f64)>,
    pub extra: BTreeMap<&'static str, String>,
    pub choice: Option<ChoiceOut>,
    pub json_inputs: serde_json::Value,
}

impl Worked {
    /// A stand-in for inputs that never work (only reachable with content that defeats the
    /// validator): no mistakes, no steps.
    pub fn broken() -> Self {
        Self {
            answer: 0.0,
            steps: vec!["These inputs cannot be priced.".into()],
            mistakes: Vec::new(),
            extra: BTreeMap::new(),
            choice: None,
            json_inputs: serde_json::Value::Null,
        }
    }

    /// Good enough to ask: an answer that is not zero (unless allowed), a clear winner for a
    /// choice, and enough mistakes to diagnose (three for the single-choice form).
    pub fn acceptable(&self, template: &Template, form: Form) -> bool {
        if let Some(choice) = &self.choice {
            return choice.margin >= 0.1;
        }
        let smallest = 0.5 * 10f64.powi(-i32::try_from(template.decimals).unwrap_or(6));
        let zero_ok = template.allow_zero || self.answer.abs() >= smallest;
        let needed = if form == Form::Choice { super::DISTRACTORS } else { 2 };
        self.answer.is_finite() && zero_ok && self.mistakes.len() >= needed.min(template.model.mistakes().len())
    }
}

/// Everything a model may read, with defaults for what a template leaves out.
#[derive(Debug, Clone)]
struct Scenario {
    lambda: LambdaUsage,
    fargate: FargateUsage,
    instance: String,
    count: f64,
    hours: Option<f64>,
    dollars: f64,
    rival_ec2: bool,
    /// A mistake that is a different calculation rather than a different belief about a
    /// price or an input.
    twist: Option<Mistake>,
}

fn number(inputs: &Inputs, name: &str) -> Option<f64> {
    match inputs.get(name) {
        Some(Value::Number(x)) => Some(*x),
        _ => None,
    }
}

fn flag(inputs: &Inputs, name: &str) -> Option<bool> {
    match inputs.get(name) {
        Some(Value::Flag(b)) => Some(*b),
        _ => None,
    }
}

fn name<'a>(inputs: &'a Inputs, key: &str) -> Option<&'a str> {
    match inputs.get(key) {
        Some(Value::Name(s)) => Some(s),
        _ => None,
    }
}

impl Scenario {
    fn new(inputs: &Inputs) -> Self {
        let arch = name(inputs, "arch").and_then(Arch::parse).unwrap_or_default();
        let invocations = number(inputs, "invocations").or_else(|| number(inputs, "requests")).unwrap_or(0.0);
        let mut lambda = LambdaUsage::new(
            number(inputs, "memory_mb").unwrap_or(128.0),
            number(inputs, "duration_ms").unwrap_or(1.0),
            invocations,
        );
        lambda.arch = arch;
        if let Some(mb) = number(inputs, "ephemeral_mb") {
            lambda.ephemeral_mb = mb;
        }
        lambda.free_tier = flag(inputs, "free_tier").unwrap_or(true);
        let mut fargate = FargateUsage::new(
            number(inputs, "vcpu").unwrap_or(0.25),
            number(inputs, "memory_gb").unwrap_or(0.5),
            number(inputs, "tasks").unwrap_or(1.0),
            number(inputs, "hours").unwrap_or(0.0),
        );
        fargate.arch = arch;
        if let Some(gb) = number(inputs, "ephemeral_gb") {
            fargate.ephemeral_gb = gb;
        }
        Self {
            lambda,
            fargate,
            instance: name(inputs, "instance_type").unwrap_or_default().to_string(),
            count: number(inputs, "count").unwrap_or(1.0),
            hours: number(inputs, "hours"),
            dollars: number(inputs, "dollars").unwrap_or(0.0),
            rival_ec2: name(inputs, "rival") == Some("ec2"),
            twist: None,
        }
    }
}

/// Changes the price book or the scenario as `m` does; false where it cannot apply to this
/// question (no free tier to forget, one task only, x86 already...).
fn apply(m: Mistake, model: Model, p: &mut PriceBook, s: &mut Scenario) -> bool {
    use Mistake as M;
    match m {
        M::ForgotFreeTier if s.lambda.free_tier => s.lambda.free_tier = false,
        M::AppliedUsedFreeTier if !s.lambda.free_tier => s.lambda.free_tier = true,
        M::MbAs1000 => {
            // MB / 1,000 is (MB x 1.024) / 1,024: the engine divides by 1,024.
            s.lambda.memory_mb *= MB_PER_GB / 1_000.0;
            let extra = (s.lambda.ephemeral_mb - p.lambda.ephemeral_included_mb).max(0.0);
            s.lambda.ephemeral_mb = p.lambda.ephemeral_included_mb + extra * MB_PER_GB / 1_000.0;
        }
        M::MsAsSeconds => s.lambda.duration_ms *= 1_000.0,
        M::Rate600k => {
            for t in p.lambda.x86_64.iter_mut().chain(p.lambda.arm64.iter_mut()) {
                t.per_gb_second /= 10.0;
            }
        }
        M::NoRequestCharge => p.lambda.request_per_million = 0.0,
        M::ArmAtX86Rates if s.lambda.arch == Arch::Arm64 || s.fargate.arch == Arch::Arm64 => {
            p.lambda.arm64.clone_from(&p.lambda.x86_64);
            p.fargate.arm64 = p.fargate.x86_64;
        }
        M::EphemeralAllCharged
            if model == Model::LambdaCost && s.lambda.ephemeral_mb > p.lambda.ephemeral_included_mb =>
        {
            p.lambda.ephemeral_included_mb = 0.0;
        }
        M::EphemeralAllCharged
            if model == Model::FargateCost && s.fargate.ephemeral_gb > p.fargate.ephemeral_included_gb =>
        {
            p.fargate.ephemeral_included_gb = 0.0;
        }
        M::EphemeralLeftOut if s.lambda.ephemeral_mb > p.lambda.ephemeral_included_mb => {
            p.lambda.ephemeral_gb_second = 0.0;
        }
        M::LeftOutMemory => {
            p.fargate.x86_64.gb_hour = 0.0;
            p.fargate.arm64.gb_hour = 0.0;
        }
        M::ForgotTaskCount if s.fargate.tasks > 1.0 => s.fargate.tasks = 1.0,
        M::Hours720 if s.hours.is_none() => s.hours = Some(720.0),
        M::Hours744 if s.hours.is_none() => s.hours = Some(744.0),
        M::ForgotInstanceCount if s.count > 1.0 => s.count = 1.0,
        M::SubtractedFreeTier | M::FreeSecondsIgnoreMemory | M::FreeSecondsMultiplied | M::LambdaFreeTierOnFargate => {
            s.twist = Some(m);
        }
        _ => return false,
    }
    true
}

/// The monthly cost of the rival of a break-even question: one task or one instance all
/// month.
fn rival_cost(p: &PriceBook, s: &Scenario) -> Option<f64> {
    let hours = p.ec2.hours_per_month;
    if s.rival_ec2 {
        let instance = ec2::find(&p.ec2, &s.instance).ok()?;
        Some(ec2::monthly_total(instance, 1.0, hours))
    } else {
        let task = FargateUsage { tasks: 1.0, hours, ..s.fargate.clone() };
        task.validate(&p.fargate).ok()?;
        Some(fargate::monthly_total(p, &task))
    }
}

/// The requests a month at which Lambda costs `target`: Lambda's cost never falls as
/// requests grow, so bisection over whole requests finds it. None above 10^12.
fn break_even(p: &PriceBook, usage: &LambdaUsage, target: f64) -> Option<f64> {
    let cost = |r: f64| lambda::monthly_total(p, &LambdaUsage { invocations: r, ..usage.clone() });
    let (mut lo, mut hi) = (0.0_f64, 1e12_f64);
    if cost(hi) < target {
        return None;
    }
    while hi - lo > 1.0 {
        let mid = f64::midpoint(lo, hi).floor();
        if cost(mid) < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(hi)
}

/// The model's answer for one belief about prices and inputs.
fn value(model: Model, p: &PriceBook, s: &Scenario, rival: f64) -> Option<f64> {
    let l = &s.lambda;
    let per_gb = l.memory_mb / MB_PER_GB;
    Some(match model {
        Model::LambdaCost => lambda::monthly_total(p, l),
        Model::LambdaGbSeconds => {
            let gb_s = l.invocations * l.duration_ms / 1_000.0 * per_gb;
            if s.twist == Some(Mistake::SubtractedFreeTier) { (gb_s - p.lambda.free_gb_seconds).max(0.0) } else { gb_s }
        }
        Model::LambdaFreeSeconds => match s.twist {
            Some(Mistake::FreeSecondsIgnoreMemory) => p.lambda.free_gb_seconds,
            Some(Mistake::FreeSecondsMultiplied) => p.lambda.free_gb_seconds * per_gb,
            _ => p.lambda.free_gb_seconds / per_gb,
        },
        Model::LambdaDollarBuys => {
            // The duration charge of one invocation, first tier, no free tier or requests.
            let one = LambdaUsage {
                invocations: 1.0,
                free_tier: false,
                ephemeral_mb: p.lambda.ephemeral_included_mb,
                ..l.clone()
            };
            let mut book = p.clone();
            book.lambda.request_per_million = 0.0;
            let each = lambda::monthly_total(&book, &one);
            (each > 0.0).then(|| s.dollars / each)?
        }
        Model::FargateCost => {
            let total = fargate::monthly_total(p, &s.fargate);
            if s.twist == Some(Mistake::LambdaFreeTierOnFargate) {
                let rates = p.fargate.rates(s.fargate.arch);
                let gb_hours = s.fargate.tasks * s.fargate.hours * s.fargate.memory_gb;
                let free_gb_hours = p.lambda.free_gb_seconds / 3_600.0;
                total - gb_hours.min(free_gb_hours) * rates.gb_hour
            } else {
                total
            }
        }
        Model::Ec2Cost => {
            let instance = ec2::find(&p.ec2, &s.instance).ok()?;
            ec2::monthly_total(instance, s.count, s.hours.unwrap_or(p.ec2.hours_per_month))
        }
        Model::BreakEven => break_even(p, l, rival)?,
        Model::Cheapest => return None,
    })
}

/// Works out a template's question for the drawn inputs; None when they are not valid (a
/// Fargate size not offered, an input past a limit).
pub fn work(course: &Course, template: &Template, inputs: &Inputs) -> Option<Worked> {
    let p = &course.pricing;
    let model = template.model;
    let s = Scenario::new(inputs);
    let cur = p.currency.as_str();
    let mut extra = BTreeMap::new();
    let mut json_inputs = serde_json::to_value(inputs).ok()?;
    let steps: Vec<String>;
    let mut rival = 0.0;
    match model {
        Model::LambdaCost => {
            let e = lambda::estimate(p, &s.lambda).ok()?;
            steps = e.steps;
            let l = &s.lambda;
            json_inputs = json!({"service": "lambda", "memory_mb": l.memory_mb, "duration_ms": l.duration_ms,
                "invocations": l.invocations, "arch": l.arch.name(), "ephemeral_mb": l.ephemeral_mb,
                "free_tier": l.free_tier});
        }
        Model::LambdaGbSeconds => {
            let e = lambda::estimate(p, &s.lambda).ok()?;
            steps = e.steps.into_iter().take(3).collect();
        }
        Model::LambdaFreeSeconds => {
            lambda::LambdaUsage { invocations: 0.0, ..s.lambda.clone() }.validate().ok()?;
            let gb = s.lambda.memory_mb / MB_PER_GB;
            steps = vec![
                format!("Memory: {} MB / 1,024 MB per GB = {} GB", num(s.lambda.memory_mb), num(gb)),
                format!(
                    "Free compute: {} GB-s / {} GB = {} seconds a month",
                    num(p.lambda.free_gb_seconds),
                    num(gb),
                    num(p.lambda.free_gb_seconds / gb)
                ),
            ];
        }
        Model::LambdaDollarBuys => {
            let one = LambdaUsage { invocations: 1.0, free_tier: false, ..s.lambda.clone() };
            one.validate().ok()?;
            let rate = p.lambda.tiers(s.lambda.arch).first()?.per_gb_second;
            let gb = s.lambda.memory_mb / MB_PER_GB;
            let each = gb * s.lambda.duration_ms / 1_000.0;
            steps = vec![
                format!("Memory: {} MB / 1,024 MB per GB = {} GB", num(s.lambda.memory_mb), num(gb)),
                format!(
                    "One invocation: {} GB x {} s = {} GB-s",
                    num(gb),
                    num(s.lambda.duration_ms / 1_000.0),
                    num(each)
                ),
                format!(
                    "GB-s bought: {} / {} per GB-s = {} GB-s",
                    money(s.dollars, cur),
                    price(rate, cur),
                    num((s.dollars / rate).round())
                ),
                format!(
                    "Invocations: {} GB-s / {} GB-s each = {}",
                    num((s.dollars / rate).round()),
                    num(each),
                    num((s.dollars / rate / each).round())
                ),
            ];
        }
        Model::FargateCost => {
            let e = fargate::estimate(p, &s.fargate).ok()?;
            steps = e.steps;
            let f = &s.fargate;
            json_inputs = json!({"service": "fargate", "vcpu": f.vcpu, "memory_gb": f.memory_gb, "tasks": f.tasks,
                "hours": f.hours, "arch": f.arch.name(), "ephemeral_gb": f.ephemeral_gb});
        }
        Model::Ec2Cost => {
            let usage = ec2::Ec2Usage { instance_type: s.instance.clone(), count: s.count, hours: s.hours };
            steps = ec2::estimate(p, &usage).ok()?.steps;
        }
        Model::BreakEven => {
            s.lambda.validate().ok()?;
            rival = rival_cost(p, &s)?;
            extra.insert("rival_cost", money(rival, cur));
            let r = break_even(p, &s.lambda, rival)?;
            let e = lambda::estimate(p, &LambdaUsage { invocations: r, ..s.lambda.clone() }).ok()?;
            let mut all = vec![format!("The always-on option costs {} a month.", money(rival, cur))];
            all.push(format!("Lambda at {} requests a month:", num(r)));
            all.extend(e.steps);
            all.push(format!(
                "Below about {} requests a month Lambda is cheaper; above it, the always-on option.",
                num(r)
            ));
            steps = all;
        }
        Model::Cheapest => return cheapest(course, &s, inputs),
    }
    let answer = value(model, p, &s, rival)?;
    let tolerance = template.tolerance.of(answer);
    let show = |x: f64| amount(x, &template.unit, template.decimals);
    let mut mistakes: Vec<(Mistake, f64)> = Vec::new();
    for &m in model.mistakes() {
        let (mut book, mut belief) = (p.clone(), s.clone());
        if !apply(m, model, &mut book, &mut belief) {
            continue;
        }
        let Some(v) = value(model, &book, &belief, rival).filter(|v| v.is_finite() && *v >= 0.0) else { continue };
        // Told apart from the answer and from every mistake kept so far, by more than the
        // tolerance and in the digits shown.
        let apart = |x: f64| (v - x).abs() > tolerance * 2.0 && show(v) != show(x);
        if apart(answer) && mistakes.iter().all(|(_, x)| apart(*x)) {
            mistakes.push((m, v));
        }
    }
    Some(Worked { answer, steps, mistakes, extra, choice: None, json_inputs })
}

/// Lambda against one Fargate task and one EC2 instance, each running all month.
fn cheapest(course: &Course, s: &Scenario, inputs: &Inputs) -> Option<Worked> {
    let p = &course.pricing;
    let cur = p.currency.as_str();
    let hours = p.ec2.hours_per_month;
    let lambda_e = lambda::estimate(p, &s.lambda).ok()?;
    let task = FargateUsage { tasks: 1.0, hours, ..s.fargate.clone() };
    let fargate_e = fargate::estimate(p, &task).ok()?;
    let ec2_e = ec2::estimate(p, &ec2::Ec2Usage::new(&s.instance)).ok()?;
    let instance = ec2::find(&p.ec2, &s.instance).ok()?;
    // One task or instance must be able to carry the load: on average at most one request
    // in flight over the month, so the prompt's "large enough" holds.
    let in_flight = s.lambda.invocations * s.lambda.duration_ms / 1_000.0 / (hours * 3_600.0);
    if in_flight > 1.0 {
        return None;
    }
    let costs = [lambda_e.total(), fargate_e.total(), ec2_e.total()];
    let mut order: Vec<usize> = (0..3).collect();
    order.sort_by(|a, b| costs[*a].total_cmp(&costs[*b]));
    let right = order[0];
    let margin = if costs[right] > 0.0 { costs[order[1]] / costs[right] - 1.0 } else { f64::INFINITY };
    let task_words = format!("one Fargate task of {} vCPU and {} GB", num(task.vcpu), num(task.memory_gb));
    let instance_words =
        format!("one {} instance ({} vCPU, {} GB)", instance.name, num(instance.vcpu), num(instance.memory_gb));
    let verdict = |i: usize| {
        if i == right {
            "the cheapest".to_string()
        } else {
            format!("{} more than the cheapest", money(costs[i] - costs[right], cur))
        }
    };
    let options = vec![
        OptionOut {
            id: "lambda".into(),
            text: "AWS Lambda".into(),
            why: format!(
                "Lambda bills each request: {} requests a month come to {}, {}.",
                num(s.lambda.invocations),
                money(costs[0], cur),
                verdict(0)
            ),
        },
        OptionOut {
            id: "fargate".into(),
            text: format!("AWS Fargate, {task_words}"),
            why: format!(
                "The task is billed every hour of the month, busy or idle: {}, {}.",
                money(costs[1], cur),
                verdict(1)
            ),
        },
        OptionOut {
            id: "ec2".into(),
            text: format!("Amazon EC2, {instance_words}"),
            why: format!("The instance is billed every hour it runs: {}, {}.", money(costs[2], cur), verdict(2)),
        },
    ];
    let mut steps = vec![format!("Lambda ({} requests):", num(s.lambda.invocations))];
    steps.extend(lambda_e.steps);
    steps.push(format!("Fargate, {task_words}, {} h:", num(hours)));
    steps.extend(fargate_e.steps);
    steps.push(format!("EC2, {instance_words}, {} h:", num(hours)));
    steps.extend(ec2_e.steps);
    let mut extra = BTreeMap::new();
    extra.insert("fargate_task", task_words);
    extra.insert("ec2_instance", instance_words);
    Some(Worked {
        answer: costs[right],
        steps,
        mistakes: Vec::new(),
        extra,
        choice: Some(ChoiceOut { options, right, margin }),
        json_inputs: serde_json::to_value(inputs).ok()?,
    })
}
