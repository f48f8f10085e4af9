//! Spaced repetition at scale: replaying a review log of 1,000,000 reviews over 100,000 cards
//! (what loading a progress file does after parsing), and saving a 100,000-review file.
//!
//! cargo bench --bench srs

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::{SignedDuration, Timestamp};

use cloudcram::progress::{self, Progress, Review, Settings, Store};
use cloudcram::srs::Rating;

/// `cards` cards with `per_card` reviews each, spread over months, in time order (the order
/// a real file has). Ratings: 10% again, 10% hard, 70% good, 10% easy.
fn log(cards: usize, per_card: usize) -> (Vec<String>, Vec<(usize, Timestamp, Rating)>) {
    let ids: Vec<String> = (0..cards).map(|c| format!("topic-{}.card-{c}", c % 10)).collect();
    let start: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut out = Vec::with_capacity(cards * per_card);
    for (c, offset) in (0..cards).zip((0i64..).map(|c| c * 37 % 86_400 * 30)) {
        let mut at = start + SignedDuration::from_secs(offset);
        for k in 0..per_card {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let rating = match seed % 10 {
                0 => Rating::Again,
                1 => Rating::Hard,
                9 => Rating::Easy,
                _ => Rating::Good,
            };
            out.push((c, at, rating));
            at += SignedDuration::from_hours(1 << k.min(12));
        }
    }
    out.sort_by_key(|&(_, at, _)| at);
    (ids, out)
}

fn reviews<'a>(ids: &'a [String], log: &'a [(usize, Timestamp, Rating)]) -> impl Iterator<Item = Review<'a>> + 'a {
    log.iter().map(|&(c, at, rating)| Review { card: &ids[c], at, rating })
}

fn replay(c: &mut Criterion) {
    let (ids, log) = log(100_000, 10);
    let settings = Settings::default();
    let mut group = c.benchmark_group("replay");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("1M reviews over 100k cards: replay", |b| {
        let mut p = Progress::with_reviews(settings, reviews(&ids, &log));
        b.iter(|| {
            p.replay();
            black_box(p.card(&ids[0]));
        });
    });
    group.bench_function("1M reviews over 100k cards: build log + replay", |b| {
        b.iter(|| black_box(Progress::with_reviews(settings, reviews(&ids, &log))));
    });
    group.finish();
}

fn save(c: &mut Criterion) {
    let (ids, log) = log(10_000, 10);
    let dir = tempfile::tempdir().unwrap();
    let now: Timestamp = "2027-01-01T00:00:00Z".parse().unwrap();
    let mut store = Store::open(dir.path(), now).unwrap();
    for r in reviews(&ids, &log) {
        store.record_review(r.card, r.rating, r.at);
    }
    assert_eq!(store.review_count(), 100_000);
    store.save().unwrap();
    let bytes = std::fs::metadata(store.path()).unwrap().len();
    eprintln!("a 100,000-review progress.toml is {:.1} MB", bytes as f64 / 1e6);

    let mut group = c.benchmark_group("save");
    group.sample_size(10).measurement_time(Duration::from_secs(15));
    group.bench_function("100k reviews: write the TOML text", |b| b.iter(|| black_box(store.to_toml())));
    group.bench_function("100k reviews: atomic save (text, temp file, fsync, backup, rename)", |b| {
        b.iter(|| store.save().unwrap());
    });
    group.bench_function("100k reviews: load (read, parse, check, replay)", |b| {
        b.iter(|| black_box(progress::load(dir.path()).unwrap()));
    });
    group.finish();
}

criterion_group!(benches, replay, save);
criterion_main!(benches);
