//! Questions asked of the progress against the course: the rating-button previews,
//! per-topic statistics, and the reports of `cloudcram due` and `cloudcram stats`.
//!
//! The reports' times serialise through jiff's serde support, as its `Display` writes them:
//! RFC 3339 in UTC (`2026-11-27T15:00:00Z`), with only the fraction digits needed.

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use super::doc::{ExamRecord, Progress, utc_day};
use crate::content::{Course, Question};
use crate::srs::{CardState, Preview, Rating};

/// A card counts as mastered once its scheduled interval is this long (Anki's "mature").
pub const MASTERED_DAYS: i64 = 21;

/// The start (00:00 UTC) of the UTC day `now` falls in.
pub fn day_start(now: Timestamp) -> Timestamp {
    Timestamp::from_second(utc_day(now) * 86_400).unwrap_or(now)
}

/// One card as `cloudcram due --json` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CardReport {
    pub id: String,
    pub topic: String,
    pub state: CardState,
    pub due: Option<Timestamp>,
    pub stability: Option<f64>,
    pub difficulty: Option<f64>,
    pub reps: u32,
    pub lapses: u32,
    pub last_review: Option<Timestamp>,
    pub suspended: bool,
    pub buried: bool,
}

/// `cloudcram due [--all] --json`.
#[derive(Debug, Clone, Serialize)]
pub struct DueReport {
    pub now: Timestamp,
    /// Cards due now (not new, not suspended or buried), review cards within today's
    /// `reviews_per_day`: what `cloudcram review` offers.
    pub due: usize,
    /// Review cards due now but over today's `reviews_per_day`; they come the next day.
    pub held_back: usize,
    /// Cards never reviewed (not suspended).
    pub new: usize,
    /// New cards the daily limit still allows today.
    pub new_today: usize,
    /// When the next card falls due after now, if any.
    pub next_due: Option<Timestamp>,
    /// The due cards by due time; with `--all`, every card: the ones with a due time by due
    /// time, then the new ones in course order.
    pub cards: Vec<CardReport>,
}

/// Progress in one topic.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TopicStats {
    pub id: String,
    pub title: String,
    /// Questions in the topic.
    pub cards: usize,
    /// Reviewed at least once.
    pub seen: usize,
    /// In review with an interval of 21 days or more.
    pub mastered: usize,
    /// The cards by where they are: never reviewed, in (re)learning steps, in review with
    /// an interval under 21 days (young) or of 21 or more (mature, the same as `mastered`).
    pub new: usize,
    pub learning: usize,
    pub young: usize,
    pub mature: usize,
    /// Due now.
    pub due_now: usize,
    /// Due by the end of the UTC day (due now included).
    pub due_today: usize,
    pub suspended: usize,
    /// Lessons in the topic, and how many of them have been read.
    pub lessons: usize,
    pub lessons_read: usize,
    /// Practice answers (quiz, drill, lesson checks) to the topic's questions, and how many
    /// were right.
    pub practiced: usize,
    pub practice_correct: usize,
}

/// Practice answers (`[[practice]]`: quizzes, drills, lesson checks).
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct PracticeStats {
    pub answered: usize,
    pub correct: usize,
}

/// `cloudcram stats --json`: the per-topic progress and the Stats screen's figures.
#[derive(Debug, Clone, Serialize)]
pub struct StatsReport<'p> {
    #[serde(flatten)]
    pub stats: Stats<'p>,
    #[serde(flatten)]
    pub figures: super::Analytics,
}

/// Per-topic and overall progress (cheap enough for the home screen to draw each frame).
#[derive(Debug, Clone, Serialize)]
pub struct Stats<'p> {
    pub now: Timestamp,
    /// Every review in the log (ids the content no longer has included).
    pub reviews_total: usize,
    /// Reviews since 00:00 UTC.
    pub reviews_today: usize,
    pub cards_total: usize,
    pub cards_seen: usize,
    pub cards_mastered: usize,
    pub due_now: usize,
    pub due_today: usize,
    /// Reviews whose card id is not in the content (kept, ignored).
    pub reviews_of_unknown_cards: usize,
    /// Every practice answer in the file (ids the content no longer has included, like
    /// `reviews_total`); they do not move the schedule.
    pub practice: PracticeStats,
    /// Lessons of the course read.
    pub lessons_read: usize,
    pub topics: Vec<TopicStats>,
    /// The exam history, each exam without its answers.
    pub exams: &'p [ExamRecord],
}

impl Progress {
    fn card_report(&self, q: &Question, now: Timestamp) -> CardReport {
        let card = self.card(&q.id);
        CardReport {
            id: q.id.clone(),
            topic: q.topic.clone(),
            state: card.state,
            due: card.due,
            stability: card.stability(),
            difficulty: card.difficulty(),
            reps: card.reps,
            lapses: card.lapses,
            last_review: card.last_review,
            suspended: self.is_suspended(&q.id),
            buried: self.is_buried(&q.id, now),
        }
    }

    /// What each rating would do to `card` at `now`, in button order (Again, Hard, Good,
    /// Easy): the resulting card and the interval to its next due time.
    ///
    /// The same computation [`Progress::record_review`] makes: rating `r` at the same `now`
    /// gives `preview(card, now)[r]`'s card exactly, fuzz included (the fuzz is seeded by
    /// the card and the instant, so pass the same `now` to both).
    pub fn preview(&self, card: &str, now: Timestamp) -> [Preview; 4] {
        Rating::ALL.map(|rating| {
            let after = self.card_after(card, rating, now);
            let interval = after.due.map_or(SignedDuration::ZERO, |due| due.duration_since(now));
            Preview { rating, card: after, interval }
        })
    }

    /// The `due` report: cards due at `now`, or with `all` every card of the course.
    pub fn due_report(&self, course: &Course, now: Timestamp, all: bool) -> DueReport {
        let queue = self.queue(course, now);
        let unsuspended_new =
            course.questions().filter(|q| !self.is_suspended(&q.id) && self.card(&q.id).is_new()).count();
        let mut cards: Vec<CardReport> = if all {
            course.questions().map(|q| self.card_report(q, now)).collect()
        } else {
            queue.due.iter().map(|item| self.card_report(item.question, now)).collect()
        };
        // Stable: cards due at the same time, and the new ones, keep course order.
        cards.sort_by_key(|c| (c.due.is_none(), c.due));
        DueReport {
            now,
            due: queue.due.len(),
            held_back: queue.reviews_held_back,
            new: unsuspended_new,
            new_today: queue.new.len(),
            next_due: queue.next_due,
            cards,
        }
    }

    /// Practice answers per topic of `course`, in its topic order.
    fn practice_by_topic(&self, course: &Course) -> Vec<PracticeStats> {
        let topic_of: std::collections::HashMap<&str, usize> = course
            .topics
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.questions.iter().map(move |q| (q.id.as_str(), i)))
            .collect();
        let mut out = vec![PracticeStats::default(); course.topics.len()];
        for p in &self.practice {
            if let Some(&i) = topic_of.get(p.card.as_str()) {
                out[i].answered += 1;
                out[i].correct += usize::from(p.correct);
            }
        }
        out
    }

    /// Everything `cloudcram stats` reports at `now`.
    pub fn stats_report(&self, course: &Course, now: Timestamp) -> StatsReport<'_> {
        StatsReport { stats: self.stats(course, now), figures: self.analytics(course, now) }
    }

    /// Per-topic and overall progress at `now`.
    pub fn stats(&self, course: &Course, now: Timestamp) -> Stats<'_> {
        let end_of_day = day_start(now) + SignedDuration::from_hours(24);
        let mastered_after = SignedDuration::from_hours(24 * MASTERED_DAYS);
        let mut topics = Vec::with_capacity(course.topics.len());
        let practice = self.practice_by_topic(course);
        let mastery = self.mastery(course);
        for ((topic, practice), m) in course.topics.iter().zip(practice).zip(mastery) {
            let mut s = TopicStats {
                id: topic.id.clone(),
                title: topic.title.clone(),
                cards: topic.questions.len(),
                seen: 0,
                mastered: 0,
                new: m.new,
                learning: m.learning,
                young: m.young,
                mature: m.mature,
                due_now: 0,
                due_today: 0,
                suspended: 0,
                lessons: topic.lessons.len(),
                lessons_read: topic.lessons.iter().filter(|l| self.is_read(&l.id)).count(),
                practiced: practice.answered,
                practice_correct: practice.correct,
            };
            for q in &topic.questions {
                let card = self.card(&q.id);
                if self.is_suspended(&q.id) {
                    s.suspended += 1;
                }
                if card.is_new() {
                    continue;
                }
                s.seen += 1;
                if card.state == CardState::Review && card.interval().is_some_and(|i| i >= mastered_after) {
                    s.mastered += 1;
                }
                if self.is_suspended(&q.id) || self.is_buried(&q.id, now) {
                    continue;
                }
                let due = card.due.unwrap_or(Timestamp::MAX);
                s.due_now += usize::from(due <= now);
                s.due_today += usize::from(due < end_of_day);
            }
            topics.push(s);
        }
        let start = day_start(now);
        let known_ids: std::collections::HashSet<&str> = course.questions().map(|q| q.id.as_str()).collect();
        Stats {
            now,
            reviews_total: self.log.len(),
            reviews_today: self.log.iter().filter(|e| e.at >= start && e.at <= now).count(),
            cards_total: topics.iter().map(|t| t.cards).sum(),
            cards_seen: topics.iter().map(|t| t.seen).sum(),
            cards_mastered: topics.iter().map(|t| t.mastered).sum(),
            due_now: topics.iter().map(|t| t.due_now).sum(),
            due_today: topics.iter().map(|t| t.due_today).sum(),
            reviews_of_unknown_cards: self
                .log
                .iter()
                .filter(|e| !known_ids.contains(&*self.ids[e.card as usize]))
                .count(),
            practice: PracticeStats {
                answered: self.practice.len(),
                correct: self.practice.iter().filter(|p| p.correct).count(),
            },
            lessons_read: topics.iter().map(|t| t.lessons_read).sum(),
            topics,
            exams: &self.exams,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::testing::{course, ids, progress, t};
    use crate::progress::{ExamAnswer, PracticeMode, Settings};
    use crate::srs::Rating;

    #[test]
    fn day_start_is_utc_midnight() {
        assert_eq!(day_start(t("2026-11-27T15:04:05.5Z")), t("2026-11-27T00:00:00Z"));
        assert_eq!(day_start(t("2026-11-27T00:00:00Z")), t("2026-11-27T00:00:00Z"));
        assert_eq!(day_start(t("1969-12-31T23:00:00Z")), t("1969-12-31T00:00:00Z"));
    }

    #[test]
    fn previews_are_what_recording_would_do() {
        let course = course();
        let ids = ids(&course);
        let mut p = progress(20);
        let now = t("2026-11-27T08:00:00Z");
        let [again, hard, good, easy] = p.preview(&ids[0], now);
        assert_eq!(again.interval, SignedDuration::from_mins(1));
        assert_eq!(hard.interval, SignedDuration::from_secs(330));
        assert_eq!(good.interval, SignedDuration::from_mins(10));
        assert_eq!(easy.interval, SignedDuration::from_hours(8 * 24));
        let card = p.record_review(&ids[0], Rating::Good, now);
        assert_eq!(card, good.card);
    }

    /// A card in each state the rating buttons are shown for, with fuzz on: new, learning
    /// (one step done), review (graduated and due), relearning (forgotten).
    fn cards_in_every_state() -> (Progress, Vec<(&'static str, Timestamp)>) {
        let mut p = Progress::with_settings(Settings::default());
        assert!(p.settings().fuzz);
        let t0 = t("2026-11-01T08:00:00.000000123Z");
        p.record_review("a.learning", Rating::Good, t0);
        let mut at = t0;
        for r in [Rating::Good, Rating::Good, Rating::Good] {
            at = p.record_review("a.review", r, at).due.unwrap();
        }
        let review_due = p.card("a.review").due.unwrap() + SignedDuration::from_hours(7);
        at = t0;
        for r in [Rating::Good, Rating::Good, Rating::Good] {
            at = p.record_review("a.relearning", r, at).due.unwrap();
        }
        p.record_review("a.relearning", Rating::Again, at);
        let relearn_due = p.card("a.relearning").due.unwrap();
        let cases = vec![
            ("a.new", t0 + SignedDuration::from_mins(3)),
            ("a.learning", t0 + SignedDuration::from_mins(10)),
            ("a.review", review_due),
            ("a.relearning", relearn_due + SignedDuration::from_secs(1)),
        ];
        (p, cases)
    }

    #[test]
    fn every_button_shows_exactly_what_rating_saves_fuzz_included() {
        let (p, cases) = cards_in_every_state();
        let mut fuzzed = 0;
        for (card, now) in cases {
            let preview = p.preview(card, now);
            for (i, rating) in Rating::ALL.into_iter().enumerate() {
                let mut q = p.clone();
                let saved = q.record_review(card, rating, now);
                assert_eq!(preview[i].rating, rating);
                assert_eq!(preview[i].card.due, saved.due, "{card} {rating}");
                assert_eq!(preview[i].card, saved, "{card} {rating}");
                assert_eq!(now + preview[i].interval, saved.due.unwrap());
                // Replaying the saved log (what a restart does) gives the same card again.
                q.replay();
                assert_eq!(q.card(card), saved);
                let plain = p.scheduler().review(&p.card(card), "another.id", rating, now);
                fuzzed += usize::from(plain.due != saved.due);
            }
        }
        assert!(fuzzed > 0, "the fuzz must be in play for the test to mean anything");
    }

    proptest::proptest! {
        #[test]
        fn any_history_previews_what_it_saves(
            history in proptest::collection::vec((0usize..3, 0usize..4, -3_000i64..20_000), 0..12),
            card in 0usize..3,
            offset in -3_000i64..40_000,
        ) {
            // Reviews of three cards at scattered minutes (some out of time order), with fuzz.
            let cards = ["a.x", "a.y", "a.z"];
            let t0 = t("2026-05-01T08:00:00.5Z");
            let mut p = Progress::with_settings(Settings::default());
            for (c, r, minutes) in history {
                p.record_review(cards[c], Rating::ALL[r], t0 + SignedDuration::from_mins(minutes));
            }
            let now = t0 + SignedDuration::from_mins(offset);
            let preview = p.preview(cards[card], now);
            for (i, rating) in Rating::ALL.into_iter().enumerate() {
                let mut q = p.clone();
                proptest::prop_assert_eq!(preview[i].card, q.record_review(cards[card], rating, now));
                q.undo_last_review();
                proptest::prop_assert_eq!(q.preview(cards[card], now), preview);
            }
        }
    }

    #[test]
    fn a_rating_recorded_before_the_last_review_is_previewed_as_it_will_be_saved() {
        // The clock went back (or --now points into the past): recording replays the card
        // in time order, and the preview must say what that gives.
        let (p, _) = cards_in_every_state();
        let earlier = p.card("a.review").last_review.unwrap() - SignedDuration::from_hours(30);
        let preview = p.preview("a.review", earlier);
        for (i, rating) in Rating::ALL.into_iter().enumerate() {
            let mut q = p.clone();
            assert_eq!(preview[i].card, q.record_review("a.review", rating, earlier), "{rating}");
        }
    }

    #[test]
    fn after_undo_the_buttons_show_what_they_showed_before_the_rating() {
        let (mut p, cases) = cards_in_every_state();
        for (card, now) in cases {
            let before = p.preview(card, now);
            for rating in Rating::ALL {
                p.record_review(card, rating, now);
                assert_eq!(p.undo_last_review(), Some((card.to_string(), rating, now)));
                assert_eq!(p.preview(card, now), before, "{card} {rating}");
            }
        }
    }

    #[test]
    fn changing_retention_or_fuzz_reschedules_from_the_log_and_bad_values_change_nothing() {
        let (mut p, _) = cards_in_every_state();
        let reviews: Vec<_> = p.reviews().map(|r| (r.card.to_string(), r.at, r.rating)).collect();
        let fresh = |s: Settings| {
            Progress::with_reviews(
                s,
                reviews.iter().map(|(c, at, rating)| crate::progress::Review { card: c, at: *at, rating: *rating }),
            )
        };
        let lower = Settings { desired_retention: 0.8, fuzz: false, ..p.settings() };
        let before = p.card("a.review");
        p.set_settings(lower).unwrap();
        assert_eq!(p.settings(), lower);
        assert_eq!(p.card("a.review"), fresh(lower).card("a.review"));
        assert!(p.card("a.review").due > before.due, "lower retention: longer intervals");
        let err = p.set_settings(Settings { desired_retention: 0.5, ..lower }).unwrap_err();
        assert_eq!(err.setting, "desired_retention");
        assert_eq!(p.settings(), lower, "refused: nothing changed");
        let capped = Settings {
            reviews_per_day: 5,
            new_cards_per_day: 3,
            new_order: crate::progress::NewOrder::Topics,
            ..lower
        };
        p.set_settings(capped).unwrap();
        assert_eq!(p.settings(), capped);
        assert_eq!(p.card("a.review"), fresh(lower).card("a.review"), "limits do not touch the schedule");
    }

    #[test]
    fn stats_count_practice_and_lessons_read_per_topic() {
        let course = course();
        let (a, b) = (&course.topics[0], &course.topics[1]);
        let mut p = progress(20);
        let at = t("2026-11-27T08:00:00Z");
        p.record_practice(&a.questions[0].id, true, PracticeMode::Quiz, at);
        p.record_practice(&a.questions[0].id, false, PracticeMode::Drill, at);
        p.record_practice(&b.questions[2].id, true, PracticeMode::Check, at);
        p.record_practice("retired.question", true, PracticeMode::Quiz, at);
        p.mark_read(&b.lessons[0].id, at);
        p.mark_read("retired.lesson", at);
        let s = p.stats(&course, at);
        assert_eq!(s.practice, PracticeStats { answered: 4, correct: 3 });
        assert_eq!((s.topics[0].practiced, s.topics[0].practice_correct), (2, 1));
        assert_eq!((s.topics[1].practiced, s.topics[1].practice_correct), (1, 1));
        assert_eq!((s.topics[1].lessons, s.topics[1].lessons_read), (b.lessons.len(), 1));
        assert_eq!(s.lessons_read, 1, "only the course's lessons");
        assert_eq!(s.cards_seen, 0, "practice is not a review");
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["practice"], serde_json::json!({"answered": 4, "correct": 3}));
        assert_eq!(json["topics"][0]["practiced"], 2);
        assert_eq!(json["topics"][0]["practice_correct"], 1);
    }

    #[test]
    fn json_times_are_rfc_3339_in_utc_with_only_the_digits_needed() {
        let course = course();
        let mut p = progress(20);
        let card = ids(&course)[0].clone();
        p.record_review(&card, Rating::Good, t("2026-11-27T14:00:00.120Z"));
        let json = |now| serde_json::to_value(p.due_report(&course, t(now), true)).unwrap();
        let v = json("2026-11-27T15:00:00Z");
        assert_eq!([&v["now"], &v["cards"][0]["last_review"]], ["2026-11-27T15:00:00Z", "2026-11-27T14:00:00.12Z"]);
        assert!(v["next_due"].is_null() && v["cards"][1]["due"].is_null(), "None is null");
        assert_eq!(json("2026-11-27T15:00:00.000000001Z")["now"], "2026-11-27T15:00:00.000000001Z");
    }

    #[test]
    fn stats_list_exams_without_their_answers() {
        let course = course();
        let mut p = progress(20);
        let answer =
            ExamAnswer { question: "lambda.x".into(), given: vec!["15-min".into()], correct: true, flagged: false };
        let (at, topics) = (t("2026-11-26T10:00:00Z"), vec!["lambda".into()]);
        p.record_exam(ExamRecord {
            at,
            topics,
            score: 50,
            total: 65,
            passed: true,
            seconds: None,
            answers: vec![answer],
        });
        let json = serde_json::to_string(&p.stats(&course, t("2026-11-27T08:00:00Z")).exams).unwrap();
        let want = r#"[{"at":"2026-11-26T10:00:00Z","topics":["lambda"],"score":50,"total":65,"passed":true,"seconds":null,"scaled":792}]"#;
        assert_eq!(json, want);
    }

    #[test]
    fn topic_stats_count_seen_mastered_and_due() {
        let course = course();
        let topic = &course.topics[0];
        let id = |i: usize| topic.questions[i].id.clone();
        let mut p = progress(20);
        let mut at = t("2026-01-01T08:00:00Z");
        for _ in 0..4 {
            at = p.record_review(&id(0), Rating::Good, at).due.unwrap();
        }
        p.record_review(&id(1), Rating::Good, t("2026-11-27T08:00:00Z"));
        p.record_review(&id(2), Rating::Again, t("2026-11-27T08:00:00Z"));
        p.suspend(&id(2));
        let now = t("2026-11-27T08:05:00Z");
        let s = p.stats(&course, now);
        let ts = &s.topics[0];
        assert_eq!((ts.id.as_str(), ts.cards), (topic.id.as_str(), topic.questions.len()));
        assert_eq!(ts.seen, 3);
        assert_eq!(ts.mastered, 1, "{:?}", p.card(&id(0)).interval());
        assert_eq!(ts.suspended, 1);
        // id(0) is long overdue; id(1) is due at 08:10, today; id(2) is suspended.
        assert_eq!((ts.due_now, ts.due_today), (1, 2));
        assert_eq!(s.reviews_total, 6);
        assert_eq!(s.reviews_today, 2);
        assert_eq!(p.retention().true_retention, Some(1.0));
        assert_eq!((ts.new, ts.learning, ts.young + ts.mature), (topic.questions.len() - 3, 2, 1));
        assert!(s.topics[1..].iter().all(|t| t.seen == 0));
    }
}
