//! Loading: the built-in course as every command loads it (decoded from `builtin.bin`) and as
//! it was loaded before (the TOML parsed and checked); validating a content directory of
//! 10,000 questions; and reading progress.toml at 10,000 and 100,000 reviews.
//!
//! cargo bench --bench load

mod common;

use cloudcram::content::{self, ContentSource};
use cloudcram::progress;

fn main() {
    let bench = common::Bench::from_env();
    bench.run("content: built-in course, decoded", || content::load(None).unwrap());
    let source = ContentSource::embedded();
    bench.run("content: built-in text, parsed and checked", || content::check(&source).0.unwrap());
    bench.run("content: validate's report on the built-in content", || content::validate(None).unwrap());

    if bench.wants("content: validate a directory") {
        let (dir, bytes) = common::content_dir(10_000);
        let (_, report) = content::validate(Some(dir.path())).unwrap();
        assert!(report.valid, "the generated content is valid: {:?}", &report.errors[..report.errors.len().min(5)]);
        assert_eq!(report.counts.questions, 10_000);
        println!("(a content directory of 10,000 questions is {:.1} MB)", bytes as f64 / 1e6);
        bench.run("content: validate a directory of 10,000 questions", || content::validate(Some(dir.path())).unwrap());
    }

    for n in [10_000, 100_000] {
        let name = format!("progress: load {n} reviews (read, parse, check, replay)");
        if bench.wants(&name) {
            let dir = common::progress_dir(n, false);
            bench.run(&name, || progress::load(dir.path()).unwrap());
        }
    }
}
