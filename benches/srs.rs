//! Spaced repetition at scale: replaying a review log of 1,000,000 reviews over 100,000 cards
//! (what loading a progress file does after parsing), and writing, saving and loading a
//! 100,000-review file.
//!
//! cargo bench --bench srs

mod common;

use std::time::Duration;

use cloudcram::progress::{self, Progress, Settings, Store};

fn main() {
    let bench = common::Bench::from_env();
    let long = Duration::from_secs(10);
    let (ids, log) = common::log(100_000, 10);
    let settings = Settings::default();
    let mut p = Progress::with_reviews(settings, common::reviews(&ids, &log));
    bench.run_for("srs: 1M reviews over 100k cards, replay", long, || {
        p.replay();
        p.card(&ids[0])
    });
    bench.run_for("srs: 1M reviews over 100k cards, build log + replay", long, || {
        Progress::with_reviews(settings, common::reviews(&ids, &log))
    });

    let names = [
        "srs: 100k reviews, write the TOML text",
        "srs: 100k reviews, atomic save (text, temp file, fsync, backup, rename)",
        "srs: 100k reviews, load (read, parse, check, replay)",
    ];
    if !bench.wants_any(&names) {
        return;
    }
    let dir = common::progress_dir(100_000, false);
    let bytes = std::fs::metadata(dir.path().join("progress.toml")).unwrap().len();
    println!("(a 100,000-review progress.toml is {:.1} MB)", bytes as f64 / 1e6);
    let mut store = Store::open(dir.path(), common::now()).unwrap();
    bench.run_for(names[0], long, || store.to_toml());
    bench.run_for(names[1], long, || {
        store.save().unwrap();
    });
    drop(store);
    bench.run_for(names[2], long, || progress::load(dir.path()).unwrap());
}
