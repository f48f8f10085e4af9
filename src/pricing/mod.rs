//! Prices and cost models. `PriceBook` is the validated `content/pricing.toml`; no rate is
//! written in the code.
//!
//! - [`lambda::estimate`], [`fargate::estimate`], [`ec2::estimate`]: one monthly [`Estimate`]
//!   each: charged lines, a total that is exactly their sum, and the calculation `steps` a
//!   learner would write (the AWS Pricing Calculator's "show calculations").
//! - [`compare::Plan`]: one workload on Lambda, Fargate and EC2 as its request count grows,
//!   and the break-even request counts (the simulator's data).
//! - [`fields`]: the simulator's inputs, each field's bounds, `+`/`-` steps and check.
//! - [`tuning`]: Lambda cost per million requests against memory, under a stated duration
//!   model (Power Tuning's chart).
//! - [`presets`]: named workloads for the simulator (`simulate --preset NAME`).
//! - [`limits`]: the AWS quotas inputs are checked against; [`CostError`] says which one an
//!   input breaks.
//!
//! Everything here is pure: no I/O, no clock.

pub mod compare;
pub mod ec2;
mod error;
mod estimate;
pub mod fargate;
pub mod fields;
pub mod format;
pub mod lambda;
pub mod limits;
pub mod presets;
#[cfg(test)]
mod tests;
pub mod tuning;

pub use error::CostError;
pub use estimate::{Estimate, Line, LineKind, Service, Usage};

use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr};

/// A processor architecture with its own prices.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default, clap::ValueEnum, IntoStaticStr, EnumString, Deserialize,
)]
#[strum(serialize_all = "lowercase")]
pub enum Arch {
    #[default]
    #[serde(rename = "x86_64")]
    #[value(name = "x86_64")]
    X86_64,
    #[serde(rename = "arm64")]
    #[value(name = "arm64")]
    Arm64,
}

impl Arch {
    /// The name in the price book, in JSON and on the command line: `x86_64`, `arm64`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }
}

/// Where a table of prices comes from and when it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    pub source: String,
    /// `YYYY-MM-DD`.
    pub as_of: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceBook {
    pub region: String,
    pub currency: String,
    pub lambda: LambdaPrices,
    pub fargate: FargatePrices,
    pub ec2: Ec2Prices,
    pub ecr: EcrPrices,
    pub api_gateway: Option<ApiGatewayPrices>,
    pub lightsail: Option<LightsailPrices>,
}

/// One band of monthly GB-seconds; `up_to` is `None` for the last, open-ended band.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Tier {
    pub up_to: Option<f64>,
    pub per_gb_second: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LambdaPrices {
    pub provenance: Provenance,
    pub request_per_million: f64,
    pub free_requests: f64,
    pub free_gb_seconds: f64,
    pub ephemeral_included_mb: f64,
    pub ephemeral_gb_second: f64,
    pub x86_64: Vec<Tier>,
    pub arm64: Vec<Tier>,
}

impl LambdaPrices {
    pub fn tiers(&self, arch: Arch) -> &[Tier] {
        match arch {
            Arch::X86_64 => &self.x86_64,
            Arch::Arm64 => &self.arm64,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FargateRates {
    pub vcpu_hour: f64,
    pub gb_hour: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FargateSize {
    pub vcpu: f64,
    /// Every memory size offered with this vCPU, ascending.
    pub memory_gb: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FargatePrices {
    pub provenance: Provenance,
    pub minimum_seconds: f64,
    pub ephemeral_included_gb: f64,
    pub ephemeral_gb_hour: f64,
    pub x86_64: FargateRates,
    pub arm64: FargateRates,
    pub sizes: Vec<FargateSize>,
}

impl FargatePrices {
    pub fn rates(&self, arch: Arch) -> FargateRates {
        match arch {
            Arch::X86_64 => self.x86_64,
            Arch::Arm64 => self.arm64,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstanceType {
    pub name: String,
    pub vcpu: f64,
    pub memory_gb: f64,
    pub arch: Arch,
    pub per_hour: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ec2Prices {
    pub provenance: Provenance,
    pub hours_per_month: f64,
    pub instances: Vec<InstanceType>,
}

impl Ec2Prices {
    pub fn instance(&self, name: &str) -> Option<&InstanceType> {
        self.instances.iter().find(|i| i.name == name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EcrPrices {
    pub provenance: Provenance,
    pub storage_gb_month: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiGatewayPrices {
    pub provenance: Provenance,
    pub http_per_million: f64,
    pub rest_per_million: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LightsailBundle {
    pub per_month: f64,
    pub memory_gb: f64,
    pub vcpu: f64,
    pub ssd_gb: f64,
    pub transfer_tb: f64,
    pub ipv4: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LightsailPrices {
    pub provenance: Provenance,
    pub bundles: Vec<LightsailBundle>,
}
