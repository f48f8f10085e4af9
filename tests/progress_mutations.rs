//! A few thousand mutations of a realistic progress file, each read as loading reads it
//! (`cloudcram::progress::fuzzing::check`, the fuzz target's oracle): no panic, no hang, every
//! problem at `FILE:LINE:COL` with nothing in it that could drive the terminal, the fast path
//! never reading what the full parser refuses or reading it differently, and what loads
//! written back the same. `CLOUDCRAM_MUTATIONS=N` runs N instead; the seed of a failure is
//! in its message (`CLOUDCRAM_MUTATION_SEED` repeats it).

use std::sync::mpsc;
use std::time::Duration;

use cloudcram::progress::{ExamAnswer, ExamRecord, PracticeMode, Progress, Review, Settings, fuzzing};
use cloudcram::srs::Rating;

fn t(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

/// A file as the app leaves it: settings, every kind of entry, ids that need escapes, and
/// entries appended after the exams.
fn realistic() -> String {
    let cards = ["lambda.max-timeout", "ecs.launch-types", "fargate.\"quoted\"", "gone.old-question", "ec2.tab\there"];
    let ratings = [Rating::Good, Rating::Again, Rating::Hard, Rating::Easy];
    let reviews: Vec<Review<'_>> = (0..24)
        .map(|i| Review {
            card: cards[i % cards.len()],
            at: t("2026-11-01T08:00:00Z") + jiff::SignedDuration::from_millis(i64::try_from(i).unwrap() * 36_000_123),
            rating: ratings[i % 4],
        })
        .collect();
    let settings = Settings { desired_retention: 0.85, new_cards_per_day: 7, fuzz: false, ..Settings::default() };
    let mut p = Progress::with_reviews(settings, reviews);
    p.suspend("ecs.x");
    p.bury("lambda.y", t("2026-11-27T14:00:00Z"));
    p.mark_read("lambda.basics", t("2026-11-27T13:00:00Z"));
    p.record_practice("lambda.max-timeout", false, PracticeMode::Quiz, t("2026-11-27T15:10:00Z"));
    p.record_exam(ExamRecord {
        at: t("2026-11-27T15:00:00Z"),
        topics: vec!["lambda".into(), "ecs".into()],
        score: 1,
        total: 2,
        passed: false,
        seconds: Some(600),
        answers: vec![
            ExamAnswer {
                question: "lambda.max-timeout".into(),
                given: vec!["15-min".into()],
                correct: true,
                flagged: true,
            },
            ExamAnswer { question: "ecs.x".into(), given: vec![], correct: false, flagged: false },
        ],
    });
    let mut text = p.to_toml();
    // What appends add after the exams.
    text += "\n[[review]]\ncard = \"lambda.max-timeout\"\nat = 2026-11-28T09:00:00.5+01:00\nrating = \"good\"\n";
    text += "\n[[practice]]\ncard = \"ecs.x\"\nat = 2026-11-28T09:01:00Z\ncorrect = true\nmode = \"drill\"\n";
    text
}

/// What a mutation puts in: TOML's punctuation, pieces of entries, and what must never reach
/// a terminal.
const PIECES: &[&str] = &[
    "\"",
    "\\",
    "=",
    "[",
    "]",
    "[[",
    "]]",
    "\n",
    "#",
    " ",
    "\t",
    "\r",
    "'",
    "{",
    "}",
    ",",
    ".",
    "-",
    "+",
    ":",
    "0",
    "1",
    "9",
    "e",
    "T",
    "Z",
    "z",
    "_",
    "\u{0}",
    "\u{1b}",
    "\u{7}",
    "\u{202e}",
    "\u{2066}",
    "\u{9b}",
    "\u{feff}",
    "é",
    "\\u001b[2J",
    "\\u202e",
    "\\U0001F600",
    "\\uD800",
    "\"\"\"",
    "[[review]]\n",
    "[[practice]]\n",
    "[[exam]]\n",
    "[[exam.answer]]\n",
    "[settings]\n",
    "rating = \"\\u001b]52;c;aGk=\\u0007\"\n",
    "card = \"\"\n",
    "schema = 2\n",
    "at = 2026-13-45T25:61:61Z\n",
    "+02:00",
    ".999999999",
    "9223372036854775808",
    "1e400",
    "inf",
    "nan",
    "true",
    "\u{1b}[2J",
];

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// `text` with one to three random mutations, at char boundaries.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut s = text.to_string();
    for _ in 0..=rng.below(3) {
        let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        let at = bounds[rng.below(bounds.len())];
        let piece = PIECES[rng.below(PIECES.len())];
        match rng.below(8) {
            0 => s.insert_str(at, piece),
            1 | 2 => {
                let end = bounds.iter().copied().find(|&b| b > at + rng.below(6)).unwrap_or(s.len());
                s.replace_range(at..end, if rng.below(2) == 0 { "" } else { piece });
            }
            3 => s.truncate(at),
            _ => {
                let mut lines: Vec<&str> = s.split('\n').collect();
                let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
                let line = lines[i].to_string();
                match rng.below(3) {
                    0 => lines.swap(i, j),
                    1 => {
                        lines.remove(i);
                    }
                    _ => lines.insert(j, &line),
                }
                s = lines.join("\n");
            }
        }
    }
    s
}

#[test]
fn thousands_of_mutations_of_a_realistic_file_never_panic_hang_or_mislead() {
    let count: usize = std::env::var("CLOUDCRAM_MUTATIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(3_000);
    let seed: u64 = std::env::var("CLOUDCRAM_MUTATION_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_cafe);
    let text = realistic();
    fuzzing::check(&text).unwrap();
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let mut rng = Rng(seed);
        for i in 0..count {
            let mutant = mutate(&text, &mut rng);
            let result = std::panic::catch_unwind(|| fuzzing::check(&mutant));
            let failure = match result {
                Ok(Ok(())) => None,
                Ok(Err(why)) => Some(why),
                Err(_) => Some("panicked".to_string()),
            };
            if tx.send((i, failure.map(|why| format!("{why}\non:\n{mutant:?}")))).is_err() {
                return;
            }
        }
    });
    for _ in 0..count {
        // Far more than any one file takes: a mutant that does not finish is a hang.
        let (i, failure) = rx.recv_timeout(Duration::from_secs(20)).expect("a mutant hung the parser");
        if let Some(failure) = failure {
            panic!("mutation {i} (CLOUDCRAM_MUTATION_SEED={seed}): {failure}");
        }
    }
    worker.join().unwrap();
}

#[test]
fn the_fuzz_targets_seeds_pass_the_same_checks() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/progress");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        fuzzing::check(&text).unwrap_or_else(|why| panic!("{}: {why}", path.display()));
        seen += 1;
    }
    assert!(seen >= 4, "{seen} seeds in {}", dir.display());
}
