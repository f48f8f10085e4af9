//! The result of every cost model: the charged lines, a total that is exactly their sum, the
//! calculation steps as a learner would write them, and where the prices come from.

use std::fmt::Write as _;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::ec2::Ec2Usage;
use super::fargate::FargateUsage;
use super::format::money;
use super::lambda::LambdaUsage;
use super::{Arch, PriceBook, Provenance};

/// A priced AWS service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, strum::IntoStaticStr, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Service {
    Lambda,
    Fargate,
    Ec2,
}

impl Service {
    /// Every service, in the order the comparison lists them (and breaks ties).
    pub const ALL: [Service; 3] = crate::variants::array();

    /// The name used in JSON and on the command line: `lambda`, `fargate`, `ec2`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The product name: "AWS Lambda", "AWS Fargate", "Amazon EC2".
    pub fn title(self) -> &'static str {
        match self {
            Self::Lambda => "AWS Lambda",
            Self::Fargate => "AWS Fargate",
            Self::Ec2 => "Amazon EC2",
        }
    }
}

/// What a line of an estimate charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineKind {
    /// Lambda requests.
    Requests,
    /// Lambda duration (GB-seconds).
    Compute,
    /// Fargate vCPU-hours.
    Vcpu,
    /// Fargate GB-hours.
    Memory,
    /// Lambda or Fargate ephemeral storage above what is included.
    Ephemeral,
    /// EC2 instance-hours.
    Instances,
}

impl LineKind {
    /// The JSON field that holds this line's amount (INTERFACE.md): `request_cost`, ...
    pub fn key(self) -> &'static str {
        match self {
            Self::Requests => "request_cost",
            Self::Compute => "compute_cost",
            Self::Vcpu => "vcpu_cost",
            Self::Memory => "memory_cost",
            Self::Ephemeral => "ephemeral_cost",
            Self::Instances => "instance_cost",
        }
    }

    /// The label in text output.
    pub fn label(self) -> &'static str {
        match self {
            Self::Requests => "Requests",
            Self::Compute => "Duration (compute)",
            Self::Vcpu => "vCPU",
            Self::Memory => "Memory",
            Self::Ephemeral => "Ephemeral storage",
            Self::Instances => "Instances",
        }
    }
}

/// One charged line: an unrounded amount in the price book's currency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub kind: LineKind,
    pub amount: f64,
}

/// The inputs an estimate was made from.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Usage {
    Lambda(LambdaUsage),
    Fargate(FargateUsage),
    Ec2(Ec2Usage),
}

/// A monthly cost estimate. The lines and the total are private so that the total is always
/// exactly the sum of the lines, added in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub service: Service,
    /// The architecture priced (for EC2, the instance type's).
    pub arch: Arch,
    pub usage: Usage,
    pub region: String,
    pub currency: String,
    /// The price table used: its source page and as-of date.
    pub provenance: Provenance,
    /// The calculation, one line per step, numbers with thousands separators.
    pub steps: Vec<String>,
    /// What the estimate assumes or leaves out, in plain words.
    pub notes: Vec<String>,
    lines: Vec<Line>,
    total: f64,
}

impl Estimate {
    pub(crate) fn new(
        prices: &PriceBook,
        provenance: &Provenance,
        service: Service,
        arch: Arch,
        usage: Usage,
        lines: Vec<Line>,
    ) -> Self {
        let total = total_of(&lines);
        Self {
            service,
            arch,
            usage,
            region: prices.region.clone(),
            currency: prices.currency.clone(),
            provenance: provenance.clone(),
            steps: Vec::new(),
            notes: Vec::new(),
            lines,
            total,
        }
    }

    /// The last step of the calculation: the lines added up to the total, in the steps'
    /// detailed money format.
    pub(crate) fn push_total_step(&mut self) {
        let money = |x: f64| super::format::money_detail(x, &self.currency);
        let parts: Vec<String> = self.lines.iter().map(|l| money(l.amount)).collect();
        let step = format!("Total: {} = {}", parts.join(" + "), money(self.total));
        self.steps.push(step);
    }

    /// The charged lines, in the order they are shown.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// The monthly total, unrounded: exactly the sum of `lines()` in order.
    pub fn total(&self) -> f64 {
        self.total
    }

    /// The amount of one kind of line, if the estimate has it.
    pub fn amount(&self, kind: LineKind) -> Option<f64> {
        self.lines.iter().find(|l| l.kind == kind).map(|l| l.amount)
    }

    /// The text `cloudcram cost` prints: the steps, then the lines and the total rounded to
    /// cents, the notes and the price source.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} monthly estimate ({}, {})\n\nCalculation:",
            self.service.title(),
            self.region,
            self.arch.name()
        );
        let width = self.steps.len().to_string().len();
        for (i, step) in self.steps.iter().enumerate() {
            let _ = writeln!(out, "  {:>width$}. {step}", i + 1);
        }
        out.push('\n');
        let amounts: Vec<(&str, String)> = self
            .lines
            .iter()
            .map(|l| (l.kind.label(), money(l.amount, &self.currency)))
            .chain([("Total per month", money(self.total, &self.currency))])
            .collect();
        let label_width = amounts.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
        let amount_width = amounts.iter().map(|(_, a)| a.len()).max().unwrap_or(0);
        for (label, amount) in &amounts {
            let _ = writeln!(out, "{label:<label_width$}  {amount:>amount_width$}");
        }
        if !self.notes.is_empty() {
            out.push('\n');
            for note in &self.notes {
                let _ = writeln!(out, "Note: {note}");
            }
        }
        let _ = writeln!(
            out,
            "\nPrices: {}, {}, from {} as of {}.",
            self.region, self.currency, self.provenance.source, self.provenance.as_of
        );
        out
    }
}

/// The sum of the lines, added in order (so `Estimate::total` and the comparison agree to
/// the last bit).
pub(crate) fn total_of(lines: &[Line]) -> f64 {
    lines.iter().map(|l| l.amount).sum()
}

/// The JSON of INTERFACE.md: `service`, `region`, `arch`, one `<kind>_cost` field per line,
/// `total`, `steps`; then `currency`, `lines`, `notes`, `inputs`, `source`, `as_of`.
impl Serialize for Estimate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct JsonLine<'a> {
            kind: &'a str,
            label: &'a str,
            amount: f64,
        }
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("service", &self.service)?;
        map.serialize_entry("region", &self.region)?;
        map.serialize_entry("currency", &self.currency)?;
        map.serialize_entry("arch", &self.arch)?;
        for line in &self.lines {
            map.serialize_entry(line.kind.key(), &line.amount)?;
        }
        map.serialize_entry("total", &self.total)?;
        map.serialize_entry("steps", &self.steps)?;
        let lines: Vec<_> = self
            .lines
            .iter()
            .map(|l| JsonLine { kind: l.kind.key(), label: l.kind.label(), amount: l.amount })
            .collect();
        map.serialize_entry("lines", &lines)?;
        map.serialize_entry("notes", &self.notes)?;
        map.serialize_entry("inputs", &self.usage)?;
        map.serialize_entry("source", &self.provenance.source)?;
        map.serialize_entry("as_of", &self.provenance.as_of)?;
        map.end()
    }
}
