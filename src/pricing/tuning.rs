//! What Lambda Power Tuning plots, computed instead of measured: a function's cost per million
//! requests against its memory, under a stated model of how its duration follows memory.
//!
//! The model ([`DurationModel`]): CPU-bound work. Lambda gives CPU in proportion to memory,
//! one full vCPU at 1,769 MB, so below that the work slows in proportion: it takes
//! `d1769 x 1,769 / M` ms at M MB, where `d1769` is its duration at 1,769 MB. Above 1,769 MB
//! it stays at `d1769`: the work cannot use a second core. Durations are averages, unrounded.
//!
//! What follows from it: below 1,769 MB the GB-seconds stay the same (half the memory, twice
//! the time), so the cost is flat, moved only by what is billed per second rather than per
//! GB-second (ephemeral storage above 512 MB); above it every MB is paid for and nothing
//! gets faster, so the cost rises. The cheapest memory is therefore 1,769 MB, or less when a
//! point costs the same: [`Tuning::best`] takes the fastest of the cheapest.
//!
//! Every cost is `lambda`'s own monthly total at the form's volume, divided per million.

use super::PriceBook;
use super::error::CostError;
use super::format::num;
use super::lambda::{self, LambdaUsage};
use super::limits::{LAMBDA_MAX_DURATION_MS, LAMBDA_MB_PER_VCPU, LAMBDA_MEMORY_MB};

/// The memory sizes of the chart: 128 MB to 10,240 MB in steps of this, plus 1,769 MB.
pub const MEMORY_STEP_MB: f64 = 64.0;

/// Costs within this share of each other are the same cost (float noise between two ways of
/// reaching the same GB-seconds).
const SAME_COST: f64 = 1e-9;

/// How long a request takes at each memory size (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DurationModel {
    full_vcpu_ms: f64,
}

impl DurationModel {
    /// Work that takes `full_vcpu_ms` at 1,769 MB (one full vCPU).
    pub fn new(full_vcpu_ms: f64) -> Result<Self, CostError> {
        lambda::check_duration(full_vcpu_ms)?;
        Ok(Self { full_vcpu_ms })
    }

    /// The model through one known point: `duration_ms` at `memory_mb`.
    pub fn through(memory_mb: f64, duration_ms: f64) -> Result<Self, CostError> {
        lambda::check_memory(memory_mb)?;
        lambda::check_duration(duration_ms)?;
        let full =
            if memory_mb < LAMBDA_MB_PER_VCPU { duration_ms * memory_mb / LAMBDA_MB_PER_VCPU } else { duration_ms };
        Ok(Self { full_vcpu_ms: full })
    }

    /// The duration at 1,769 MB, `d1769`.
    pub fn full_vcpu_ms(self) -> f64 {
        self.full_vcpu_ms
    }

    /// The duration at `memory_mb`.
    pub fn duration_ms(self, memory_mb: f64) -> f64 {
        if memory_mb < LAMBDA_MB_PER_VCPU {
            self.full_vcpu_ms * LAMBDA_MB_PER_VCPU / memory_mb
        } else {
            self.full_vcpu_ms
        }
    }

    /// The model in one sentence, with its numbers, for under the chart.
    pub fn model_text(self) -> String {
        // To a tenth of a millisecond: the model's own figure has as many digits as division gives.
        let d = num((self.full_vcpu_ms * 10.0).round() / 10.0);
        let full = num(LAMBDA_MB_PER_VCPU);
        format!(
            "Duration model: CPU-bound work that takes {d} ms at {full} MB, where Lambda gives one full vCPU; \
             with less memory it gets less CPU and slows in proportion ({d} x {full} / M ms at M MB), \
             and with more it stays at {d} ms, as it cannot use a second core."
        )
    }
}

/// One memory size on the chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TuningPoint {
    pub memory_mb: f64,
    pub duration_ms: f64,
    /// `None` when the model's duration is over Lambda's 15-minute timeout: it cannot run.
    pub cost_per_million: Option<f64>,
}

/// The chart: cost per million requests at every memory size, for one function.
#[derive(Debug, Clone, PartialEq)]
pub struct Tuning {
    pub model: DurationModel,
    /// The monthly volume priced (the form's invocations, or a million when it has none):
    /// the free tier and the duration tiers count per month.
    pub invocations: f64,
    /// Ascending memory ([`memory_sizes`]).
    pub points: Vec<TuningPoint>,
    /// The function as the form has it.
    pub current: TuningPoint,
}

impl Tuning {
    /// The memory that costs least; among points that cost the same, the fastest, and of
    /// those the smallest.
    pub fn best(&self) -> Option<&TuningPoint> {
        let cost = |p: &TuningPoint| p.cost_per_million;
        let least = self.points.iter().filter_map(cost).fold(f64::INFINITY, f64::min);
        let cheapest = |c: f64| c <= least + SAME_COST * least.abs().max(1e-12);
        self.points
            .iter()
            .filter(|p| cost(p).is_some_and(cheapest))
            .min_by(|a, b| a.duration_ms.total_cmp(&b.duration_ms))
    }

    pub fn model_text(&self) -> String {
        self.model.model_text()
    }
}

/// 128 MB to 10,240 MB in 64 MB steps, and 1,769 MB (one full vCPU), ascending.
pub fn memory_sizes() -> Vec<f64> {
    let (lo, hi) = (*LAMBDA_MEMORY_MB.start(), *LAMBDA_MEMORY_MB.end());
    let n = ((hi - lo) / MEMORY_STEP_MB).round() as u32;
    let mut out: Vec<f64> = (0..=n).map(|i| lo + MEMORY_STEP_MB * f64::from(i)).collect();
    if let Err(at) = out.binary_search_by(|m| m.total_cmp(&LAMBDA_MB_PER_VCPU)) {
        out.insert(at, LAMBDA_MB_PER_VCPU);
    }
    out
}

/// The chart for the function `usage` describes: the model runs through its memory and
/// duration, and every point is priced with its invocations, architecture, ephemeral storage
/// and free-tier setting.
pub fn tune(prices: &PriceBook, usage: &LambdaUsage) -> Result<Tuning, CostError> {
    usage.validate()?;
    let model = DurationModel::through(usage.memory_mb, usage.duration_ms)?;
    let invocations = if usage.invocations > 0.0 { usage.invocations } else { 1e6 };
    let point = |memory_mb: f64| {
        let duration_ms = model.duration_ms(memory_mb);
        let cost_per_million = (duration_ms <= LAMBDA_MAX_DURATION_MS).then(|| {
            let at = LambdaUsage { memory_mb, duration_ms, invocations, ..usage.clone() };
            lambda::monthly_total(prices, &at) / invocations * 1e6
        });
        TuningPoint { memory_mb, duration_ms, cost_per_million }
    };
    Ok(Tuning {
        model,
        invocations,
        points: memory_sizes().into_iter().map(point).collect(),
        current: point(usage.memory_mb),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::float_cmp)]

    use super::*;
    use crate::pricing::Arch;
    use crate::pricing::tests::hand_book;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    fn cost(p: &TuningPoint) -> f64 {
        p.cost_per_million.unwrap()
    }

    #[test]
    fn the_memory_sizes_are_the_64_mb_grid_and_one_full_vcpu() {
        let m = memory_sizes();
        assert_eq!(m.len(), 160);
        assert_eq!((m[0], m[1], m[m.len() - 1]), (128.0, 192.0, 10_240.0));
        assert!(m.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(m.iter().filter(|x| **x % 64.0 != 0.0).collect::<Vec<_>>(), [&1_769.0]);
    }

    #[test]
    fn the_duration_model_halves_the_time_when_memory_doubles_up_to_one_vcpu() {
        let model = DurationModel::new(100.0).unwrap();
        assert_eq!(model.duration_ms(1_769.0), 100.0);
        assert!(close(model.duration_ms(512.0), 2.0 * model.duration_ms(1_024.0)));
        assert!(close(model.duration_ms(128.0), 100.0 * 1_769.0 / 128.0));
        assert_eq!(model.duration_ms(3_538.0), 100.0, "a second core is no use");
        assert_eq!(model.duration_ms(10_240.0), 100.0);
        let through = DurationModel::through(512.0, 1_000.0).unwrap();
        assert!(close(through.full_vcpu_ms(), 1_000.0 * 512.0 / 1_769.0));
        assert!(close(through.duration_ms(512.0), 1_000.0));
        assert_eq!(DurationModel::through(4_096.0, 250.0).unwrap().full_vcpu_ms(), 250.0);
        assert!(DurationModel::through(64.0, 100.0).unwrap_err().to_string().contains("128 to 10,240 MB"));
        assert!(DurationModel::new(900_001.0).unwrap_err().to_string().contains("15-minute timeout"));
        assert_eq!(
            model.model_text(),
            "Duration model: CPU-bound work that takes 100 ms at 1,769 MB, where Lambda gives one full vCPU; \
             with less memory it gets less CPU and slows in proportion (100 x 1,769 / M ms at M MB), \
             and with more it stays at 100 ms, as it cannot use a second core."
        );
    }

    #[test]
    fn flat_up_to_one_vcpu_then_rising() {
        for free_tier in [false, true] {
            for arch in [Arch::X86_64, Arch::Arm64] {
                let usage = LambdaUsage { arch, free_tier, ..LambdaUsage::new(1_769.0, 100.0, 3_000_000.0) };
                let t = tune(hand_book(), &usage).unwrap();
                let (below, above): (Vec<_>, Vec<_>) = t.points.iter().partition(|p| p.memory_mb <= 1_769.0);
                let flat = cost(below[0]);
                assert!(flat > 0.0);
                assert!(
                    below.iter().all(|p| close(cost(p), flat)),
                    "the same GB-seconds at every memory below 1,769 MB"
                );
                assert!(above.windows(2).all(|w| cost(w[1]) > cost(w[0])), "every MB above is paid for");
                assert!(cost(above[0]) > flat);
                let best = t.best().unwrap();
                assert_eq!((best.memory_mb, best.duration_ms), (1_769.0, 100.0), "the fastest of the cheapest");
            }
        }
    }

    #[test]
    fn hand_checked_at_one_vcpu_and_at_the_top() {
        // No free tier, 1,000,000 requests: 1,000,000 x 0.1 s x 1,769 / 1,024 GB = 172,753.9 GB-s
        // x $0.0000166667 = $2.8792, plus $0.20 of requests.
        let usage = LambdaUsage { free_tier: false, ..LambdaUsage::new(512.0, 100.0 * 1_769.0 / 512.0, 1e6) };
        let t = tune(hand_book(), &usage).unwrap();
        let at = |m: f64| *t.points.iter().find(|p| p.memory_mb == m).unwrap();
        assert!(close(cost(&at(1_769.0)), 1e6 * 0.1 * 1_769.0 / 1_024.0 * 0.000_016_666_7 + 0.2));
        assert!(close(cost(&at(10_240.0)), 1e6 * 0.1 * 10.0 * 0.000_016_666_7 + 0.2));
        // Every point is the engine's own estimate, per million.
        for p in &t.points {
            let e = lambda::estimate(
                hand_book(),
                &LambdaUsage { memory_mb: p.memory_mb, duration_ms: p.duration_ms, ..usage.clone() },
            );
            assert!(close(cost(p), e.unwrap().total()), "{} MB", p.memory_mb);
        }
        assert!(close(t.current.duration_ms, usage.duration_ms));
        assert!(close(cost(&t.current), cost(&at(1_769.0))), "512 MB costs what 1,769 MB does, 3.5 times slower");
    }

    #[test]
    fn the_volume_counts_per_month_and_defaults_to_a_million() {
        // Inside the free tier everything is free: the fastest free point is the best.
        let t = tune(hand_book(), &LambdaUsage::new(1_024.0, 50.0, 100_000.0)).unwrap();
        assert_eq!(t.invocations, 100_000.0);
        assert!(t.points.iter().take_while(|p| p.memory_mb <= 1_769.0).all(|p| cost(p) == 0.0));
        let best = t.best().unwrap();
        assert_eq!(cost(best), 0.0);
        assert_eq!(best.memory_mb, 1_769.0, "more is as fast and as free; the smallest of them: {best:?}");
        let t = tune(hand_book(), &LambdaUsage { free_tier: false, ..LambdaUsage::new(1_024.0, 50.0, 0.0) }).unwrap();
        assert_eq!(t.invocations, 1e6);
    }

    #[test]
    fn ephemeral_storage_is_billed_by_the_second_so_faster_is_cheaper() {
        let usage = LambdaUsage { ephemeral_mb: 10_240.0, free_tier: false, ..LambdaUsage::new(1_769.0, 1_000.0, 1e6) };
        let t = tune(hand_book(), &usage).unwrap();
        let below: Vec<_> = t.points.iter().filter(|p| p.memory_mb <= 1_769.0).collect();
        assert!(below.windows(2).all(|w| cost(w[1]) < cost(w[0])));
        assert_eq!(t.best().unwrap().memory_mb, 1_769.0);
    }

    #[test]
    fn work_that_would_pass_the_timeout_cannot_run_at_low_memory() {
        // 100 s at one vCPU: 1,382 s at 128 MB, over the 900 s timeout.
        let t = tune(hand_book(), &LambdaUsage::new(1_769.0, 100_000.0, 1e6)).unwrap();
        let (cannot, can): (Vec<&TuningPoint>, Vec<_>) = t.points.iter().partition(|p| p.cost_per_million.is_none());
        assert!(cannot.iter().all(|p| p.duration_ms > 900_000.0 && p.memory_mb < 1_769.0 * 100.0 / 900.0));
        assert_eq!(cannot.len(), 2, "128 and 192 MB: {cannot:?}");
        assert!(can.iter().all(|p| p.duration_ms <= 900_000.0));
        assert_eq!(t.best().unwrap().memory_mb, 1_769.0);
        assert!(tune(hand_book(), &LambdaUsage::new(512.0, 1.0, -1.0)).is_err());
    }
}
