//! The progress document in memory: settings, the review log, study limits and exams, plus
//! the card states derived by replaying the log. No I/O.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::srs::{Card, CardState, Rating, Scheduler};

use super::migrate::CURRENT_SCHEMA;
use super::settings::{GivenSettings, Settings, SettingsError};
use super::study::Practice;

/// One entry of the review log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review<'a> {
    pub card: &'a str,
    pub at: Timestamp,
    pub rating: Rating,
}

/// One exam sitting (`[[exam]]`). Serialised for `cloudcram stats --json` without the
/// answers and with the [`scaled`](ExamRecord::scaled) score.
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

impl ExamRecord {
    /// The score on the exam's 100 to 1,000 scale ([`crate::quiz::exam::scaled`]).
    pub fn scaled(&self) -> u32 {
        crate::quiz::exam::scaled(self.score as usize, self.total as usize)
    }
}

// By hand for the one derived field, `scaled`; the answers stay out (a summary).
impl Serialize for ExamRecord {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("ExamRecord", 7)?;
        s.serialize_field("at", &self.at)?;
        s.serialize_field("topics", &self.topics)?;
        s.serialize_field("score", &self.score)?;
        s.serialize_field("total", &self.total)?;
        s.serialize_field("passed", &self.passed)?;
        s.serialize_field("seconds", &self.seconds)?;
        s.serialize_field("scaled", &self.scaled())?;
        s.end()
    }
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
    /// Flagged for review during the exam (`flagged = true`; left out when not).
    pub flagged: bool,
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
    /// The UTC day (days since 1970-01-01) of the last review made in the review state, and
    /// how many were made that day: what counts against `reviews_per_day`. Replay goes in
    /// time order, so the last such day is the only one "today" can be.
    pub review_day: i64,
    pub reviews_on_review_day: u32,
}

impl Derived {
    const NEW: Derived = Derived {
        card: Card::NEW,
        first_review: None,
        graduated_reviews: 0,
        graduated_recalls: 0,
        review_day: i64::MIN,
        reviews_on_review_day: 0,
    };

    fn apply(&mut self, scheduler: &Scheduler, id: &str, rating: Rating, at: Timestamp) {
        if self.card.state == CardState::Review {
            self.graduated_reviews += 1;
            self.graduated_recalls += u32::from(rating != Rating::Again);
            let day = utc_day(at);
            if day == self.review_day {
                self.reviews_on_review_day += 1;
            } else {
                (self.review_day, self.reviews_on_review_day) = (day, 1);
            }
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
    /// Practice answers (quiz, drill, lesson checks), in the order recorded.
    pub(crate) practice: Vec<Practice>,
    /// Lesson id -> when it was first read.
    pub(crate) read: BTreeMap<String, Timestamp>,
    /// Reviews recorded since load, the last ones in `log`: what undo may take back.
    pub(crate) session_reviews: usize,
    /// Whether undo may still take back the last review from before the session (one only:
    /// enough to correct a rating made just before quitting, not a way to unpick history).
    pub(crate) undo_before_session: bool,
    /// The fewest reviews the log has held since the store last saved: the reviews below it
    /// are the ones on disk, so a save may append the rest instead of rewriting the file.
    pub(crate) log_floor: usize,
}

/// Days since 1970-01-01 UTC.
pub(crate) fn utc_day(t: Timestamp) -> i64 {
    t.as_second().div_euclid(86_400)
}

impl Default for Progress {
    fn default() -> Self {
        Self::with_settings(Settings::default())
    }
}

impl Progress {
    /// An empty log with these settings (written out in full when saved).
    pub fn with_settings(settings: Settings) -> Self {
        let mut p = Self::from_given(GivenSettings::default());
        p.set_given(GivenSettings::all(settings));
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
            practice: Vec::new(),
            read: BTreeMap::new(),
            session_reviews: 0,
            undo_before_session: false,
            log_floor: 0,
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
        p.start_session();
        p
    }

    /// Marks the log as it stands as "before the session": undo may take back the last of
    /// those reviews, and every one recorded from now on. Loading calls this.
    pub(crate) fn start_session(&mut self) {
        self.session_reviews = 0;
        self.undo_before_session = !self.log.is_empty();
    }

    /// The schema version the file had when loaded (older ones are migrated in memory and
    /// written in the current schema at the next save).
    pub fn loaded_schema(&self) -> u32 {
        self.schema
    }

    pub fn settings(&self) -> Settings {
        self.settings
    }

    /// Changes the settings (from the settings screen); call `save` afterwards. Refused,
    /// changing nothing, when a value is out of its range. A new desired retention or fuzz
    /// switch re-derives every card's schedule from the log: the log is the record, and the
    /// schedule is always what it gives under the current settings. Settings the file left
    /// out and that keep their default stay out of it.
    pub fn set_settings(&mut self, settings: Settings) -> Result<(), SettingsError> {
        settings.validate()?;
        let before = self.settings;
        self.set_given(self.given.changed_to(settings));
        if before.desired_retention.to_bits() != settings.desired_retention.to_bits() || before.fuzz != settings.fuzz {
            self.replay();
        }
        Ok(())
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
        self.derived[card as usize] = self.derive_card(card, None);
    }

    /// One card's state from its reviews in the log, plus `extra` as if it had been recorded
    /// last: the single path both recording out of time order and previewing it take, so a
    /// preview is what recording gives.
    fn derive_card(&self, card: u32, extra: Option<(Timestamp, Rating)>) -> Derived {
        let mut reviews: Vec<(Timestamp, Rating)> =
            self.log.iter().filter(|e| e.card == card).map(|e| (e.at, e.rating)).chain(extra).collect();
        // Stable: reviews at the same instant stay in log order, `extra` last.
        reviews.sort_by_key(|&(at, _)| at);
        let mut d = Derived::NEW;
        for (at, rating) in reviews {
            d.apply(&self.scheduler, &self.ids[card as usize], rating, at);
        }
        d
    }

    /// The card `id` would become if rated `rating` at `at` (what [`Progress::record_review`]
    /// would return), without recording anything.
    pub(crate) fn card_after(&self, id: &str, rating: Rating, at: Timestamp) -> Card {
        match self.index.get(id) {
            // Out of time order: recording replays, so the preview replays too.
            Some(&i) if self.derived[i as usize].card.last_review.is_some_and(|last| last > at) => {
                self.derive_card(i, Some((at, rating))).card
            }
            _ => self.scheduler.review(&self.card(id), id, rating, at),
        }
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

    /// Takes back the last review in the log and returns what it was. Undo goes back through
    /// every review recorded since the store was opened and then one more: the last review
    /// from before (so a rating given just before quitting can still be corrected after a
    /// restart), but no further. `None` when there is nothing left to undo.
    pub fn undo_last_review(&mut self) -> Option<(String, Rating, Timestamp)> {
        self.last_undoable_review()?;
        let e = self.log.pop()?;
        self.log_floor = self.log_floor.min(self.log.len());
        if self.session_reviews > 0 {
            self.session_reviews -= 1;
        } else {
            self.undo_before_session = false;
        }
        self.replay_card(e.card);
        Some((self.ids[e.card as usize].to_string(), e.rating, e.at))
    }

    /// The review [`Progress::undo_last_review`] would take back, if any: for the screen to
    /// show the card (and after a restart, to say which rating is undone).
    pub fn last_undoable_review(&self) -> Option<Review<'_>> {
        if self.session_reviews == 0 && !self.undo_before_session {
            return None;
        }
        self.reviews().last()
    }

    /// Reviews recorded since the store was opened.
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

    /// Hides `card` from the queue until the start of the next UTC day after `now`. Returns
    /// whether that changed anything: `false` when it is buried already, and then
    /// [`Progress::unbury`] is not its undo (the card was buried before).
    pub fn bury(&mut self, card: &str, now: Timestamp) -> bool {
        if self.is_buried(card, now) {
            return false;
        }
        let until = super::day_start(now) + SignedDuration::from_hours(24);
        self.buried.insert(card.to_string(), until);
        true
    }

    /// Takes `card` out of the buried ones: the undo of a [`Progress::bury`] that returned
    /// `true`, leaving the progress exactly as it was before. Returns whether it was buried.
    pub fn unbury(&mut self, card: &str) -> bool {
        self.buried.remove(card).is_some()
    }

    pub fn is_buried(&self, card: &str, now: Timestamp) -> bool {
        self.buried.get(card).is_some_and(|&until| now < until)
    }

    /// Forgets buries that have ended by `now`, so the file does not collect them.
    pub fn drop_ended_buries(&mut self, now: Timestamp) {
        self.buried.retain(|_, until| now < *until);
    }

    /// Hides `card` from the queue until unsuspended; its reviews and state are kept. Returns
    /// whether it was not suspended before (only then is [`Progress::unsuspend`] its undo).
    pub fn suspend(&mut self, card: &str) -> bool {
        self.suspended.insert(card.to_string())
    }

    /// Puts `card` back in the queue, as it was before it was suspended. Returns whether it
    /// was suspended.
    pub fn unsuspend(&mut self, card: &str) -> bool {
        self.suspended.remove(card)
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

    // The rule changed: undo used to stop at the session's start, so a rating given just
    // before quitting could never be corrected. It now reaches back one review further.
    #[test]
    fn undo_reaches_back_one_review_from_before_the_session_and_no_further() {
        let r = |at, rating| Review { card: "a.x", at: t(at), rating };
        let before = [r("2026-01-01T10:00:00Z", Rating::Good), r("2026-01-01T10:10:00Z", Rating::Hard)];
        let mut p = Progress::with_reviews(plain(), before);
        let only_first = Progress::with_reviews(plain(), [before[0]]);
        assert_eq!(p.last_undoable_review(), Some(before[1]));
        assert_eq!(p.undo_last_review(), Some(("a.x".into(), Rating::Hard, t("2026-01-01T10:10:00Z"))));
        assert_eq!(p.card("a.x"), only_first.card("a.x"));
        assert_eq!(p.last_undoable_review(), None, "one step before the session, not two");
        assert_eq!(p.undo_last_review(), None);
        assert_eq!(p.review_count(), 1);

        // Within the session, every step back as before; then the one before the session.
        let mut p = Progress::with_reviews(plain(), before);
        p.record_review("a.x", Rating::Good, t("2026-01-01T10:30:00Z"));
        p.record_review("a.x", Rating::Easy, t("2026-01-01T10:40:00Z"));
        for rating in [Rating::Easy, Rating::Good, Rating::Hard] {
            assert_eq!(p.undo_last_review().map(|u| u.1), Some(rating));
        }
        assert_eq!(p.undo_last_review(), None);
        assert_eq!(p.review_count(), 1);

        // A session that has undone the old review and rated again undoes only its own.
        let mut p = Progress::with_reviews(plain(), before);
        p.undo_last_review();
        p.record_review("a.x", Rating::Easy, t("2026-01-01T10:50:00Z"));
        assert!(p.undo_last_review().is_some());
        assert_eq!(p.undo_last_review(), None);
        assert_eq!(p.review_count(), 1);

        // An empty log has nothing to undo.
        assert_eq!(Progress::default().undo_last_review(), None);
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
