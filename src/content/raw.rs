//! The content files exactly as written: serde mirrors with spans, checked later by
//! `validate`. Unknown keys are refused here; every other rule lives in validation.

use serde::Deserialize;
use toml::Spanned;

pub type S<T> = Spanned<T>;

/// The top-level keys of `topics/<id>.toml` (its `[[lessons]]` and `[[questions]]` are read
/// one by one, so that one broken entry does not hide problems in the others).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicHeader {
    pub id: S<String>,
    pub title: S<String>,
    pub summary: S<String>,
    pub order: S<u32>,
    pub task: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub id: S<String>,
    pub title: S<String>,
    #[serde(default)]
    pub diagrams: Vec<S<String>>,
    pub sources: S<Vec<S<Source>>>,
    pub body: S<String>,
    #[serde(default)]
    pub start_here: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: S<String>,
    pub url: S<String>,
}

/// Every key any question kind may have; validation checks which belong to which kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: S<String>,
    pub kind: S<String>,
    pub lesson: S<String>,
    pub task: S<String>,
    pub difficulty: S<String>,
    #[serde(default)]
    pub tags: Vec<S<String>>,
    pub prompt: S<String>,
    pub explanation: S<String>,
    /// Required; optional here so that its absence is reported in our words, with the rest.
    pub reference: Option<S<String>>,
    pub options: Option<S<Vec<S<Choice>>>>,
    pub answer: Option<S<toml::Value>>,
    pub why_true: Option<S<String>>,
    pub why_false: Option<S<String>>,
    pub items: Option<S<Vec<S<String>>>>,
    pub pairs: Option<S<Vec<S<Pair>>>>,
    pub tolerance: Option<S<f64>>,
    pub unit: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: S<String>,
    pub text: S<String>,
    pub why: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    pub left: S<String>,
    pub right: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiagramHeader {
    pub id: S<String>,
    pub title: S<String>,
    pub art: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub id: S<String>,
    pub lines: S<[u32; 2]>,
    pub cols: S<[u32; 2]>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub highlight: S<Vec<S<String>>>,
    pub caption: S<String>,
}

// ---- pricing.toml: each table is read on its own ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PricingHeader {
    pub region: S<String>,
    pub currency: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lambda {
    pub source: S<String>,
    pub as_of: S<toml::value::Datetime>,
    pub request_per_million: S<f64>,
    pub free_requests: S<f64>,
    pub free_gb_seconds: S<f64>,
    pub ephemeral_included_mb: S<f64>,
    pub ephemeral_gb_second: S<f64>,
    pub x86_64: S<Vec<S<Tier>>>,
    pub arm64: S<Vec<S<Tier>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub up_to: Option<S<f64>>,
    pub per_gb_second: S<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fargate {
    pub source: S<String>,
    pub as_of: S<toml::value::Datetime>,
    pub minimum_seconds: S<f64>,
    pub ephemeral_included_gb: S<f64>,
    pub ephemeral_gb_hour: S<f64>,
    pub x86_64: S<FargateRates>,
    pub arm64: S<FargateRates>,
    pub sizes: S<Vec<S<FargateSize>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FargateRates {
    pub vcpu_hour: S<f64>,
    pub gb_hour: S<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FargateSize {
    pub vcpu: S<f64>,
    pub memory_gb: S<MemoryChoices>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum MemoryChoices {
    List(Vec<f64>),
    Range { min: f64, max: f64, step: f64 },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ec2 {
    pub source: S<String>,
    pub as_of: S<toml::value::Datetime>,
    pub hours_per_month: S<f64>,
    pub instances: S<Vec<S<Instance>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    #[serde(rename = "type")]
    pub kind: S<String>,
    pub vcpu: S<f64>,
    pub memory_gb: S<f64>,
    pub arch: S<String>,
    pub per_hour: S<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ecr {
    pub source: S<String>,
    pub as_of: S<toml::value::Datetime>,
    pub storage_gb_month: S<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiGateway {
    pub source: S<String>,
    pub as_of: S<toml::value::Datetime>,
    pub http_per_million: S<f64>,
    pub rest_per_million: S<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lightsail {
    pub source: S<String>,
    pub as_of: S<toml::value::Datetime>,
    pub bundles: S<Vec<S<Bundle>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub per_month: S<f64>,
    pub memory_gb: S<f64>,
    pub vcpu: S<f64>,
    pub ssd_gb: S<f64>,
    pub transfer_tb: S<f64>,
    pub ipv4: S<bool>,
}

/// A `[[mistakes]]` entry of `generated.toml`: a named mistake's words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MistakeText {
    pub id: S<String>,
    pub says: S<String>,
}

/// A `[[templates]]` entry of `generated.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: S<String>,
    pub model: S<String>,
    pub topic: S<String>,
    pub lesson: S<String>,
    pub task: S<String>,
    pub difficulty: S<String>,
    pub prompt: S<String>,
    pub explanation: S<String>,
    /// The page the feedback cites; the first source of the template's lesson when left out.
    #[serde(default)]
    pub reference: Option<S<String>>,
    #[serde(default)]
    pub unit: Option<S<String>>,
    #[serde(default)]
    pub decimals: Option<S<u32>>,
    #[serde(default)]
    pub tolerance: Option<S<f64>>,
    #[serde(default)]
    pub tolerance_percent: Option<S<f64>>,
    #[serde(default)]
    pub allow_zero: bool,
    pub inputs: S<std::collections::BTreeMap<String, S<TemplateInput>>>,
}

/// One input of a template: a list of values, or a range with a step; words for values.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateInput {
    #[serde(default)]
    pub values: Option<S<Vec<toml::Value>>>,
    #[serde(default)]
    pub from: Option<S<f64>>,
    #[serde(default)]
    pub to: Option<S<f64>>,
    #[serde(default)]
    pub step: Option<S<f64>>,
    #[serde(default)]
    pub words: std::collections::BTreeMap<String, S<String>>,
}
