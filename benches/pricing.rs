//! The cost engine's speed: one estimate with its steps, and the comparison the simulator
//! redraws as the learner edits a workload (a chart's points and the break-evens, and the
//! power-tuning curve of cost against memory). The
//! break-even walk grows with the number of tasks and instances added over the range, so it
//! is measured on a typical workload and on the heaviest Lambda allows.
//!
//! cargo bench --bench pricing

mod common;

use std::hint::black_box;

use cloudcram::pricing::compare::{Assumptions, DEFAULT_FROM, DEFAULT_POINTS_PER_DECADE, DEFAULT_TO, Plan, Workload};
use cloudcram::pricing::lambda::{self, LambdaUsage};
use cloudcram::pricing::{Arch, PriceBook, tuning};

fn plan(prices: &PriceBook, memory_mb: f64, duration_ms: f64) -> Plan {
    let workload = Workload { memory_mb, duration_ms, arch: Arch::X86_64 };
    Plan::new(prices, workload, Assumptions::defaults(prices)).unwrap()
}

fn main() {
    let bench = common::Bench::from_env();
    let prices = cloudcram::content::load(None).expect("the built-in content is valid").pricing;

    let usage = LambdaUsage { ephemeral_mb: 10_240.0, ..LambdaUsage::new(512.0, 1_000.0, 3_000_000.0) };
    bench.run("pricing: lambda estimate with steps", || lambda::estimate(&prices, black_box(&usage)));

    let typical = plan(&prices, 512.0, 100.0);
    let heaviest = plan(&prices, 10_240.0, 900_000.0);
    bench.run("pricing: compare, new plan", || plan(&prices, black_box(512.0), black_box(100.0)));
    bench.run("pricing: compare, series 1e4..1e9, 10 per decade", || {
        typical.series(DEFAULT_FROM, DEFAULT_TO, black_box(DEFAULT_POINTS_PER_DECADE))
    });
    // A chart 200 cells wide: 40 points a decade over five decades is 201 points.
    bench.run("pricing: compare, series 1e4..1e9, 201 points", || {
        typical.series(DEFAULT_FROM, DEFAULT_TO, black_box(40))
    });
    bench.run("pricing: compare, break-evens 1e4..1e9, 512 MB x 100 ms", || {
        typical.break_evens(black_box(DEFAULT_FROM), DEFAULT_TO)
    });
    bench.run("pricing: compare, break-evens 1e4..1e9, 10,240 MB x 900 s", || {
        heaviest.break_evens(black_box(DEFAULT_FROM), DEFAULT_TO)
    });

    let usage = LambdaUsage::new(512.0, 1_000.0, 3_000_000.0);
    bench.run("pricing: tuning, cost against 160 memory sizes", || tuning::tune(&prices, black_box(&usage)));
}
