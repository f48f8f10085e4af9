//! AWS service limits that the estimates check their inputs against. These are quotas and
//! conversion facts, not prices: every rate comes from the `PriceBook`.

use std::ops::RangeInclusive;

/// Lambda memory per function, in MB (1 MB steps).
pub const LAMBDA_MEMORY_MB: RangeInclusive<f64> = 128.0..=10_240.0;
/// Lambda ephemeral storage (`/tmp`) per function, in MB (1 MB steps); 512 MB is the default.
pub const LAMBDA_EPHEMERAL_MB: RangeInclusive<f64> = 512.0..=10_240.0;
/// Lambda's longest timeout: 15 minutes.
pub const LAMBDA_MAX_DURATION_MS: f64 = 900_000.0;
/// Lambda gives a function the equivalent of one vCPU at 1,769 MB, and CPU in proportion to
/// memory below and above that. The comparison uses it to size containers and instances.
pub const LAMBDA_MB_PER_VCPU: f64 = 1_769.0;
/// Fargate ephemeral storage per task, in GB (whole GB); 20 GB is the default.
pub const FARGATE_EPHEMERAL_GB: RangeInclusive<f64> = 20.0..=200.0;
/// The most hours one task or instance can run in a month (31 days).
pub const MAX_HOURS_PER_MONTH: f64 = 744.0;
/// Lambda counts memory in MB and bills GB-seconds: 1 GB = 1,024 MB.
pub const MB_PER_GB: f64 = 1_024.0;
