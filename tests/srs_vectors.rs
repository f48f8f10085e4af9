//! The scheduler against the reference: review logs replayed through py-fsrs 6.x with fuzzing
//! off (`scripts/gen_srs_vectors.py`, committed as `tests/data/fsrs_vectors.json`) and
//! through cloudcram's scheduler must end in the same place after every review: the same
//! state and step, the same due time to the microsecond, stability and difficulty within 1e-5.

use cloudcram::srs::{Card, CardState, Rating, Scheduler, fsrs};
use jiff::Timestamp;
use serde::Deserialize;

#[derive(Deserialize)]
struct Vectors {
    generator: String,
    scheduler: SchedulerSpec,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct SchedulerSpec {
    parameters: Vec<f64>,
    learning_steps_seconds: Vec<i64>,
    relearning_steps_seconds: Vec<i64>,
    maximum_interval_days: u32,
    fuzz: bool,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    desired_retention: f64,
    reviews: Vec<Step>,
}

#[derive(Deserialize)]
#[allow(clippy::struct_field_names, reason = "`step` is py-fsrs's name for the learning step")]
struct Step {
    at: String,
    rating: String,
    state: String,
    step: Option<u8>,
    stability: f64,
    difficulty: f64,
    due: String,
}

fn vectors() -> Vectors {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fsrs_vectors.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn the_vectors_were_made_with_our_settings() {
    let v = vectors();
    assert!(v.generator.contains("py-fsrs 6."), "{}", v.generator);
    assert_eq!(v.scheduler.parameters, fsrs::DEFAULT_PARAMETERS);
    let secs = |steps: &[jiff::SignedDuration]| steps.iter().map(jiff::SignedDuration::as_secs).collect::<Vec<_>>();
    assert_eq!(v.scheduler.learning_steps_seconds, secs(&Scheduler::LEARNING_STEPS));
    assert_eq!(v.scheduler.relearning_steps_seconds, secs(&Scheduler::RELEARNING_STEPS));
    assert_eq!(v.scheduler.maximum_interval_days, Scheduler::MAXIMUM_INTERVAL_DAYS);
    assert!(!v.scheduler.fuzz);
}

#[test]
fn every_review_matches_py_fsrs() {
    let v = vectors();
    let mut reviews = 0;
    let mut worst = (0.0f64, String::new());
    for case in &v.cases {
        let scheduler = Scheduler::new(case.desired_retention, false);
        let mut card = Card::NEW;
        for (i, want) in case.reviews.iter().enumerate() {
            let rating = Rating::parse(&want.rating).unwrap();
            card = scheduler.review(&card, "vector.card", rating, ts(&want.at));
            let what = format!("{} (review {}, {} at {})", case.name, i + 1, want.rating, want.at);
            assert_eq!(card.state.name(), want.state, "state after {what}");
            assert_eq!(card.step, want.step, "step after {what}");
            assert_eq!(card.due, Some(ts(&want.due)), "due after {what}");
            let m = card.memory.unwrap();
            for (got, expected, name) in
                [(m.stability, want.stability, "stability"), (m.difficulty, want.difficulty, "difficulty")]
            {
                let diff = (got - expected).abs();
                assert!(diff <= 1e-5, "{name} after {what}: {got} vs py-fsrs {expected}");
                if diff > worst.0 {
                    worst = (diff, what.clone());
                }
            }
            reviews += 1;
        }
    }
    assert!(reviews > 2000, "only {reviews} reviews in the vectors");
    eprintln!("{reviews} reviews matched; largest difference {:e} ({})", worst.0, worst.1);
}

#[test]
fn the_vectors_cover_what_the_contract_names() {
    let v = vectors();
    let all =
        |pred: &dyn Fn(&Step, &Step) -> bool| v.cases.iter().any(|c| c.reviews.windows(2).any(|w| pred(&w[0], &w[1])));
    let gap = |a: &Step, b: &Step| ts(&b.at).duration_since(ts(&a.at));
    let day = jiff::SignedDuration::from_hours(24);
    // Learning steps, lapses, relearning.
    assert!(all(&|a, b| a.state == "learning" && b.state == "learning"));
    assert!(all(&|a, b| a.state == "review" && b.state == "relearning"));
    assert!(all(&|a, b| a.state == "relearning" && b.state == "review"));
    // Overdue and early reviews in the review state, and same-day ones.
    assert!(all(&|a, b| a.state == "review" && ts(&b.at) > ts(&a.due) + day * 10));
    assert!(all(&|a, b| a.state == "review" && ts(&b.at) < ts(&a.due) && gap(a, b) >= day));
    assert!(all(&|a, b| a.state == "review" && gap(a, b) < day));
    // The cap.
    let cap = Scheduler::MAXIMUM_INTERVAL_DAYS;
    let cap_wait = jiff::SignedDuration::from_hours(24 * i64::from(cap));
    assert!(v.cases.iter().flat_map(|c| &c.reviews).any(|s| s.state == "review"
        && s.stability > f64::from(cap)
        && ts(&s.due).duration_since(ts(&s.at)) == cap_wait));
    assert!(v.cases.iter().any(|c| (c.desired_retention - 0.9).abs() > 0.01));
    assert!(v.cases.iter().flat_map(|c| &c.reviews).all(|s| s.state != CardState::New.name()));
}
