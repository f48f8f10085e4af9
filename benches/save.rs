//! Saving one answer, as the review screen does after every rating, into a progress.toml of
//! 10,000 and 100,000 reviews; and the floor it is measured against: appending the bytes
//! the answer adds to the file to a plain file and fsyncing it.
//!
//! cargo bench --bench save

mod common;

use std::io::Write as _;
use std::time::Duration;

use jiff::SignedDuration;

use cloudcram::progress::Store;
use cloudcram::srs::Rating;

fn main() {
    let bench = common::Bench::from_env();
    let mut answer_bytes = 0;
    for n in [10_000, 100_000] {
        let name = format!("save: one answer at {n} reviews");
        if !bench.wants(&name) {
            continue;
        }
        let dir = common::progress_dir(n, false);
        let mut store = Store::open(dir.path(), common::now()).unwrap();
        let mut at = common::now();
        let mut answer = |store: &mut Store| {
            at += SignedDuration::from_secs(1);
            store.record_review("topic-0.card-0", Rating::Good, at);
            store.save().unwrap();
        };
        let before = std::fs::metadata(store.path()).unwrap().len();
        answer(&mut store);
        answer_bytes = std::fs::metadata(store.path()).unwrap().len().saturating_sub(before).max(1);
        bench.run(&name, || answer(&mut store));
    }

    let name = "save: floor, append the same bytes to a file and fsync";
    if bench.wants(name) {
        let bytes = vec![b'x'; usize::try_from(answer_bytes.max(80)).unwrap()];
        let dir = common::tempdir();
        let path = dir.path().join("plain");
        bench.run_for(name, Duration::from_secs(2), || {
            let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&path).unwrap();
            file.write_all(&bytes).unwrap();
            file.sync_all().unwrap();
        });
        println!("(one answer adds {} bytes to progress.toml)", bytes.len());
    }
}
