//! The progress document in memory: settings, the review log, study limits and exams, plus
//! the card states derived by replaying the log. No I/O.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::{SignedDuration, Timestamp};

use crate::srs::{Card, CardState, Rating, Scheduler};

use super::migrate::CURRENT_SCHEMA;

/// The learner's settings (`[settings]`), with defaults for what the file leaves out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Probability of recall the scheduler aims for at each review (0.70 to 0.99).
    pub desired_retention: f64,
    /// New cards introduced per UTC day.
    pub new_cards_per_day: u32,
    /// Spread day intervals a little so cards learned together come apart.
    pub fuzz: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self { desired_retention: 0.9, new_cards_per_day: 20, fuzz: true }
    }
}

impl Settings {
    pub const RETENTION_RANGE: std::ops::RangeInclusive<f64> = 0.70..=0.99;

    pub fn scheduler(&self) -> Scheduler {
        Scheduler::new(self.desired_retention, self.fuzz)
    }
}

/// Which settings the file states, so saving writes back exactly those.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct GivenSettings {
    pub desired_retention: Option<f64>,
    pub new_cards_per_day: Option<u32>,
    pub fuzz: Option<bool>,
}

impl GivenSettings {
    pub fn effective(&self) -> Settings {
        let d = Settings::default();
        Settings {
            desired_retention: self.desired_retention.unwrap_or(d.desired_retention),
            new_cards_per_day: self.new_cards_per_day.unwrap_or(d.new_cards_per_day),
            fuzz: self.fuzz.unwrap_or(d.fuzz),
        }
    }
}

/// One entry of the review log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review<'a> {
    pub card: &'a str,
    pub at: Timestamp,
    pub rating: Rating,
}

/// One exam sitting (`[[exam]]`).
#[derive(Debug, Clone, PartialEq)]
pub struct ExamRecord {
    /// When the exam ended.
    pub at: Timestamp,
    /// The topics it drew from; empty for all topics.
    pub topics: Vec<String>,
    pub score: u32,
    pub total: u32,
    pub passed: bool,
    /// Time taken, if known.
    pub seconds: Option<u32>,
    pub answers: Vec<ExamAnswer>,
}

/// The learner's answer to one exam question (`[[exam.answer]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExamAnswer {
    /// The question id.
    pub question: String,
    /// What the learner gave, one string per part: option ids (single, multi), `"true"` or
    /// `"false"`, the items in the order given (order), `"left = right"` pairs (match), the
    /// number as typed (numeric). Empty when unanswered.
    pub given: Vec<String>,
    pub correct: bool,
}

/// A review in the log, its card interned.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub card: u32,
    pub at: Timestamp,
    pub rating: Rating,
}

/// What a card's reviews add up to, beyond the scheduler's [`Card`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Derived {
    pub card: Card,
    pub first_review: Option<Timestamp>,
    /// Reviews made while the card was in the review state, and how many of them recalled it.
    pub graduated_reviews: u32,
    pub graduated_recalls: u32,
}

impl Derived {
    const NEW: Derived = Derived { card: Card::NEW, first_review: None, graduated_reviews: 0, graduated_recalls: 0 };

    fn apply(&mut self, scheduler: &Scheduler, id: &str, rating: Rating, at: Timestamp) {
        if self.card.state == CardState::Review {
            self.graduated_reviews += 1;
            self.graduated_recalls += u32::from(rating != Rating::Again);
        }
        self.first_review.get_or_insert(at);
        self.card = scheduler.review(&self.card, id, rating, at);
    }
}

/// The whole progress file in memory, and every card's state derived from it.
#[derive(Debug, Clone)]
pub struct Progress {
    pub(crate) schema: u32,
    pub(crate) given: GivenSettings,
    pub(crate) settings: Settings,
    pub(crate) scheduler: Scheduler,
    pub(crate) ids: Vec<Box<str>>,
    pub(crate) index: HashMap<Box<str>, u32>,
    /// In file order (the order reviews were recorded).
    pub(crate) log: Vec<Entry>,
    /// Indexed like `ids`.
    pub(crate) derived: Vec<Derived>,
    pub(crate) suspended: BTreeSet<String>,
    /// Card id -> buried until.
    pub(crate) buried: BTreeMap<String, Timestamp>,
    pub(crate) exams: Vec<ExamRecord>,
    /// Reviews recorded since load, the last ones in `log`: what undo may take back.
    pub(crate) session_reviews: usize,
}

impl Default for Progress {
    fn default() -> Self {
        Self::with_settings(Settings::default())
    }
}

impl Progress {
    /// An empty log with these settings (written out in full when saved).
    pub fn with_settings(settings: Settings) -> Self {
        let given = GivenSettings {
            desired_retention: Some(settings.desired_retention),
            new_cards_per_day: Some(settings.new_cards_per_day),
            fuzz: Some(settings.fuzz),
        };
        let mut p = Self::from_given(GivenSettings::default());
        p.set_given(given);
        p
    }

    pub(crate) fn from_given(given: GivenSettings) -> Self {
        let settings = given.effective();
        Self {
            schema: CURRENT_SCHEMA,
            given,
            settings,
            scheduler: settings.scheduler(),
            ids: Vec::new(),
            index: HashMap::new(),
            log: Vec::new(),
            derived: Vec::new(),
            suspended: BTreeSet::new(),
            buried: BTreeMap::new(),
            exams: Vec::new(),
            session_reviews: 0,
        }
    }

    fn set_given(&mut self, given: GivenSettings) {
        self.given = given;
        self.settings = given.effective();
        self.scheduler = self.settings.scheduler();
    }

    /// A progress document holding `reviews` (in any order), every card state derived: what
    /// loading a file does after parsing it.
    pub fn with_reviews<'a>(settings: Settings, reviews: impl IntoIterator<Item = Review<'a>>) -> Self {
        let mut p = Self::with_settings(settings);
        for r in reviews {
            p.push_entry(r.card, r.at, r.rating);
        }
        p.replay();
        p
    }

    /// The schema version the file had when loaded (older ones are migrated in memory and
    /// written in the current schema at the next save).
    pub fn loaded_schema(&self) -> u32 {
        self.schema
    }

    pub fn settings(&self) -> Settings {
        self.settings
    }

    pub fn scheduler(&self) -> &Scheduler {
        &self.scheduler
    }

    /// The review log in the order it was recorded.
    pub fn reviews(&self) -> impl ExactSizeIterator<Item = Review<'_>> + '_ {
        self.log.iter().map(|e| Review { card: &self.ids[e.card as usize], at: e.at, rating: e.rating })
    }

    pub fn review_count(&self) -> usize {
        self.log.len()
    }

    /// A card's state at its last review; [`Card::NEW`] if it has none.
    pub fn card(&self, id: &str) -> Card {
        self.index.get(id).map_or(Card::NEW, |&i| self.derived[i as usize].card)
    }

    /// Every card id the log mentions, content or not.
    pub fn card_ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.ids.iter().map(AsRef::as_ref)
    }

    pub(crate) fn derived(&self, id: &str) -> Option<&Derived> {
        self.index.get(id).map(|&i| &self.derived[i as usize])
    }

    fn intern(&mut self, id: &str) -> u32 {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = u32::try_from(self.ids.len()).expect("fewer than 4 billion cards");
        self.ids.push(id.into());
        self.index.insert(id.into(), i);
        self.derived.push(Derived::NEW);
        i
    }

    pub(crate) fn push_entry(&mut self, card: &str, at: Timestamp, rating: Rating) -> u32 {
        let card = self.intern(card);
        self.log.push(Entry { card, at, rating });
        card
    }

    /// Derives every card's state again from the log: each card's reviews in time order
    /// (reviews at the same instant in log order).
    pub fn replay(&mut self) {
        // Bucket the log by card (a counting sort keeps log order within a card), then put
        // each card's few reviews in time order.
        let mut start = vec![0u32; self.ids.len() + 1];
        for e in &self.log {
            start[e.card as usize + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let mut order = vec![0u32; self.log.len()];
        for (i, e) in self.log.iter().enumerate() {
            let slot = &mut next[e.card as usize];
            order[*slot as usize] = i as u32;
            *slot += 1;
        }
        for card in 0..self.ids.len() {
            let bucket = &mut order[start[card] as usize..start[card + 1] as usize];
            bucket.sort_by_key(|&i| self.log[i as usize].at);
            let mut d = Derived::NEW;
            for &i in &*bucket {
                let e = self.log[i as usize];
                d.apply(&self.scheduler, &self.ids[card], e.rating, e.at);
            }
            self.derived[card] = d;
        }
    }

    /// Derives one card's state again from the log.
    fn replay_card(&mut self, card: u32) {
        let mut reviews: Vec<Entry> = self.log.iter().filter(|e| e.card == card).copied().collect();
        reviews.sort_by_key(|e| e.at);
        let mut d = Derived::NEW;
        for e in reviews {
            d.apply(&self.scheduler, &self.ids[card as usize], e.rating, e.at);
        }
        self.derived[card as usize] = d;
    }

    /// Records that the learner rated `card` at `at`, and returns the card's new state. Call
    /// [`Store::save`](super::Store::save) afterwards.
    pub fn record_review(&mut self, card: &str, rating: Rating, at: Timestamp) -> Card {
        let i = self.push_entry(card, at, rating);
        self.session_reviews += 1;
        let d = &mut self.derived[i as usize];
        if d.card.last_review.is_none_or(|last| last <= at) {
            d.apply(&self.scheduler, card, rating, at);
        } else {
            // Recorded out of time order (the clock went back): replay to keep time order.
            self.replay_card(i);
        }
        self.derived[i as usize].card
    }

    /// Takes back the last review recorded since the store was opened, and returns what it
    /// was; `None` when there is nothing of this session's to undo.
    pub fn undo_last_review(&mut self) -> Option<(String, Rating, Timestamp)> {
        if self.session_reviews == 0 {
            return None;
        }
        let e = self.log.pop()?;
        self.session_reviews -= 1;
        self.replay_card(e.card);
        Some((self.ids[e.card as usize].to_string(), e.rating, e.at))
    }

    /// Reviews recorded since the store was opened (what undo can take back).
    pub fn session_review_count(&self) -> usize {
        self.session_reviews
    }

    pub fn exams(&self) -> &[ExamRecord] {
        &self.exams
    }

    /// Adds an exam result; call `save` afterwards.
    pub fn record_exam(&mut self, exam: ExamRecord) {
        self.exams.push(exam);
    }

    /// Hides `card` from the queue until the start of the next UTC day after `now`.
    pub fn bury(&mut self, card: &str, now: Timestamp) {
        let until = super::day_start(now) + SignedDuration::from_hours(24);
        self.buried.insert(card.to_string(), until);
    }

    pub fn unbury(&mut self, card: &str) {
        self.buried.remove(card);
    }

    pub fn is_buried(&self, card: &str, now: Timestamp) -> bool {
        self.buried.get(card).is_some_and(|&until| now < until)
    }

    /// Forgets buries that have ended by `now`, so the file does not collect them.
    pub fn drop_ended_buries(&mut self, now: Timestamp) {
        self.buried.retain(|_, until| now < *until);
    }

    /// Hides `card` from the queue until unsuspended; its reviews and state are kept.
    pub fn suspend(&mut self, card: &str) {
        self.suspended.insert(card.to_string());
    }

    pub fn unsuspend(&mut self, card: &str) {
        self.suspended.remove(card);
    }

    pub fn is_suspended(&self, card: &str) -> bool {
        self.suspended.contains(card)
    }

    pub fn suspended(&self) -> impl Iterator<Item = &str> + '_ {
        self.suspended.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn plain() -> Settings {
        Settings { fuzz: false, ..Settings::default() }
    }

    #[test]
    fn replay_orders_each_cards_reviews_by_time() {
        let r = |card, at, rating| Review { card, at: t(at), rating };
        let in_order = Progress::with_reviews(
            plain(),
            [
                r("a.x", "2026-01-01T10:00:00Z", Rating::Good),
                r("b.y", "2026-01-01T10:01:00Z", Rating::Again),
                r("a.x", "2026-01-01T10:10:00Z", Rating::Good),
                r("a.x", "2026-01-03T10:10:00Z", Rating::Hard),
            ],
        );
        let shuffled = Progress::with_reviews(
            plain(),
            [
                r("a.x", "2026-01-03T10:10:00Z", Rating::Hard),
                r("a.x", "2026-01-01T10:10:00Z", Rating::Good),
                r("b.y", "2026-01-01T10:01:00Z", Rating::Again),
                r("a.x", "2026-01-01T10:00:00Z", Rating::Good),
            ],
        );
        for id in ["a.x", "b.y"] {
            assert_eq!(in_order.card(id), shuffled.card(id));
        }
        assert_eq!(in_order.card("a.x").reps, 3);
        assert_eq!(in_order.card("a.x").state, CardState::Review);
        assert_eq!(in_order.card("b.y").state, CardState::Learning);
        assert_eq!(in_order.card("c.z"), Card::NEW);
        // The log itself keeps the file's order.
        assert_eq!(shuffled.reviews().next().unwrap().rating, Rating::Hard);
    }

    #[test]
    fn recording_matches_replaying_and_undo_restores() {
        let mut p = Progress::with_settings(plain());
        let mut at = t("2026-02-01T08:00:00Z");
        for rating in [Rating::Good, Rating::Good, Rating::Good, Rating::Again, Rating::Good] {
            let card = p.record_review("lambda.x", rating, at);
            at = card.due.unwrap();
        }
        let recorded = p.card("lambda.x");
        let mut replayed = p.clone();
        replayed.replay();
        assert_eq!(replayed.card("lambda.x"), recorded);
        assert_eq!(recorded.lapses, 1);

        let before_last = {
            let mut q = p.clone();
            q.log.pop();
            q.replay();
            q.card("lambda.x")
        };
        let undone = p.undo_last_review().unwrap();
        assert_eq!(undone.0, "lambda.x");
        assert_eq!(undone.1, Rating::Good);
        assert_eq!(p.card("lambda.x"), before_last);
        assert_eq!(p.review_count(), 4);
        for _ in 0..4 {
            assert!(p.undo_last_review().is_some());
        }
        assert_eq!(p.undo_last_review(), None);
        assert_eq!(p.card("lambda.x"), Card::NEW);
    }

    #[test]
    fn undo_never_reaches_reviews_from_before_the_session() {
        let mut p = Progress::with_reviews(
            plain(),
            [Review { card: "a.x", at: t("2026-01-01T10:00:00Z"), rating: Rating::Good }],
        );
        assert_eq!(p.undo_last_review(), None);
        p.record_review("a.x", Rating::Good, t("2026-01-01T10:10:00Z"));
        assert!(p.undo_last_review().is_some());
        assert_eq!(p.undo_last_review(), None);
        assert_eq!(p.review_count(), 1);
    }

    #[test]
    fn a_review_recorded_out_of_time_order_is_replayed_in_order() {
        let mut p = Progress::with_settings(plain());
        p.record_review("a.x", Rating::Good, t("2026-01-05T10:00:00Z"));
        p.record_review("a.x", Rating::Easy, t("2026-01-01T10:00:00Z"));
        let mut q = Progress::with_settings(plain());
        q.record_review("a.x", Rating::Easy, t("2026-01-01T10:00:00Z"));
        q.record_review("a.x", Rating::Good, t("2026-01-05T10:00:00Z"));
        assert_eq!(p.card("a.x"), q.card("a.x"));
    }

    #[test]
    fn bury_lasts_until_the_next_utc_day_and_suspend_until_lifted() {
        let mut p = Progress::default();
        let now = t("2026-03-10T22:30:00Z");
        p.bury("a.x", now);
        assert!(p.is_buried("a.x", now));
        assert!(p.is_buried("a.x", t("2026-03-10T23:59:59Z")));
        assert!(!p.is_buried("a.x", t("2026-03-11T00:00:00Z")));
        p.drop_ended_buries(now);
        assert!(p.is_buried("a.x", now));
        p.drop_ended_buries(t("2026-03-11T00:00:00Z"));
        assert!(p.buried.is_empty());
        p.bury("a.x", now);
        p.unbury("a.x");
        assert!(!p.is_buried("a.x", now));

        p.suspend("b.y");
        assert!(p.is_suspended("b.y"));
        assert_eq!(p.suspended().collect::<Vec<_>>(), ["b.y"]);
        p.unsuspend("b.y");
        assert!(!p.is_suspended("b.y"));
    }
}
