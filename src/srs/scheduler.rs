//! The card state machine: new -> learning steps -> review <-> relearning, with FSRS-6
//! deciding stability, difficulty and the day intervals.

use jiff::{SignedDuration, Timestamp};

use super::fsrs::Model;
use super::{Card, CardState, Memory, Rating, fuzz};

const DAY_NANOS: i128 = 86_400 * 1_000_000_000;

/// What a rating would do to a card now: for the rating buttons.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Preview {
    pub rating: Rating,
    /// The card as it would be after the rating.
    pub card: Card,
    /// From now until the card would be due again.
    pub interval: SignedDuration,
}

/// FSRS-6 with learning steps. Build one from the progress settings; it holds no state of its
/// own, so one scheduler serves every card.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduler {
    model: Model,
    desired_retention: f64,
    learning_steps: Vec<SignedDuration>,
    relearning_steps: Vec<SignedDuration>,
    maximum_interval_days: u32,
    fuzz: bool,
}

impl Default for Scheduler {
    fn default() -> Self {
        Self::new(0.9, true)
    }
}

impl Scheduler {
    /// Learning steps.
    pub const LEARNING_STEPS: [SignedDuration; 2] = [SignedDuration::from_mins(1), SignedDuration::from_mins(10)];
    pub const RELEARNING_STEPS: [SignedDuration; 1] = [SignedDuration::from_mins(10)];
    pub const MAXIMUM_INTERVAL_DAYS: u32 = 36_500;

    /// The default parameters and steps, with the learner's desired retention (0 < r < 1) and
    /// fuzz switch.
    pub fn new(desired_retention: f64, fuzz: bool) -> Self {
        Self {
            model: Model::default(),
            desired_retention,
            learning_steps: Self::LEARNING_STEPS.to_vec(),
            relearning_steps: Self::RELEARNING_STEPS.to_vec(),
            maximum_interval_days: Self::MAXIMUM_INTERVAL_DAYS,
            fuzz,
        }
    }

    pub fn desired_retention(&self) -> f64 {
        self.desired_retention
    }

    pub fn fuzz(&self) -> bool {
        self.fuzz
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Probability the learner recalls the card at `now`; `None` for a new card.
    pub fn retrievability(&self, card: &Card, now: Timestamp) -> Option<f64> {
        let memory = card.memory?;
        Some(self.model.retrievability(elapsed_days(card.last_review?, now), memory.stability))
    }

    /// The card after the learner rated it at `at`. `card_id` seeds the fuzz.
    ///
    /// Reviews must be applied in time order; one dated before the card's last review counts
    /// as a same-day review.
    pub fn review(&self, card: &Card, card_id: &str, rating: Rating, at: Timestamp) -> Card {
        let elapsed = card.last_review.map(|last| elapsed_days(last, at));
        let memory = self.next_memory(card, rating, at, elapsed);

        let mut next = Card {
            state: card.state,
            step: card.step,
            memory: Some(memory),
            due: None,
            last_review: Some(at),
            reps: card.reps.saturating_add(1),
            lapses: card.lapses,
        };
        let wait = match card.state {
            CardState::New | CardState::Learning => {
                let step = card.step.unwrap_or(0);
                self.through_steps(&mut next, step, &self.learning_steps, rating, CardState::Learning)
            }
            CardState::Relearning => {
                let step = card.step.unwrap_or(0);
                self.through_steps(&mut next, step, &self.relearning_steps, rating, CardState::Relearning)
            }
            CardState::Review => {
                if rating == Rating::Again {
                    next.lapses = next.lapses.saturating_add(1);
                }
                if rating == Rating::Again && !self.relearning_steps.is_empty() {
                    next.state = CardState::Relearning;
                    next.step = Some(0);
                    Wait::Steps(self.relearning_steps[0])
                } else {
                    Wait::Days(self.interval_days(memory.stability))
                }
            }
        };
        let wait = match wait {
            Wait::Days(days) if self.fuzz => {
                SignedDuration::from_hours(24 * i64::from(fuzz::apply(days, self.maximum_interval_days, card_id, at)))
            }
            Wait::Days(days) => SignedDuration::from_hours(24 * i64::from(days)),
            Wait::Steps(d) => d,
        };
        next.due = Some(at.checked_add(wait).unwrap_or(Timestamp::MAX));
        next
    }

    /// What each of the four ratings would do to the card at `now`, in button order.
    pub fn preview(&self, card: &Card, card_id: &str, now: Timestamp) -> [Preview; 4] {
        Rating::ALL.map(|rating| {
            let card = self.review(card, card_id, rating, now);
            let interval = card.due.map_or(SignedDuration::ZERO, |due| due.duration_since(now));
            Preview { rating, card, interval }
        })
    }

    fn next_memory(&self, card: &Card, rating: Rating, at: Timestamp, elapsed: Option<i64>) -> Memory {
        let m = &self.model;
        let Some(Memory { stability, difficulty }) = card.memory else {
            return Memory { stability: m.initial_stability(rating), difficulty: m.initial_difficulty(rating) };
        };
        let stability = match elapsed {
            Some(days) if days < 1 => m.short_term_stability(stability, rating),
            _ => {
                let r = self.retrievability(card, at).unwrap_or(1.0);
                m.next_stability(difficulty, stability, r, rating)
            }
        };
        Memory { stability, difficulty: m.next_difficulty(difficulty, rating) }
    }

    /// Learning or relearning: move through `steps`, or graduate to review.
    fn through_steps(
        &self,
        next: &mut Card,
        step: u8,
        steps: &[SignedDuration],
        rating: Rating,
        state: CardState,
    ) -> Wait {
        let at = usize::from(step);
        let graduate = |next: &mut Card| {
            next.state = CardState::Review;
            next.step = None;
            Wait::Days(self.interval_days(next.memory.map_or(0.0, |m| m.stability)))
        };
        if steps.is_empty() || (at >= steps.len() && rating != Rating::Again) {
            return graduate(next);
        }
        next.state = state;
        match rating {
            Rating::Again => {
                next.step = Some(0);
                Wait::Steps(steps[0])
            }
            Rating::Hard => {
                next.step = Some(step);
                Wait::Steps(match (at, steps.len()) {
                    (0, 1) => steps[0] * 3 / 2,
                    (0, _) => (steps[0] + steps[1]) / 2,
                    _ => steps[at.min(steps.len() - 1)],
                })
            }
            Rating::Good if at + 1 >= steps.len() => graduate(next),
            Rating::Good => {
                next.step = Some(step + 1);
                Wait::Steps(steps[at + 1])
            }
            Rating::Easy => graduate(next),
        }
    }

    fn interval_days(&self, stability: f64) -> u32 {
        self.model.interval_days(stability, self.desired_retention, self.maximum_interval_days)
    }
}

enum Wait {
    Steps(SignedDuration),
    Days(u32),
}

/// Whole 24-hour periods from `from` to `to`, rounded down (negative when `to` is earlier).
pub fn elapsed_days(from: Timestamp, to: Timestamp) -> i64 {
    (to.duration_since(from).as_nanos().div_euclid(DAY_NANOS)) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn plain() -> Scheduler {
        Scheduler::new(0.9, false)
    }

    /// Reviews `ratings` one after another, each when the card falls due.
    fn run(s: &Scheduler, ratings: &[Rating]) -> Vec<Card> {
        let mut card = Card::NEW;
        let mut at = t("2026-03-01T08:00:00Z");
        let mut out = Vec::new();
        for &r in ratings {
            card = s.review(&card, "lambda.x", r, at);
            at = card.due.unwrap();
            out.push(card);
        }
        out
    }

    use Rating::{Again, Easy, Good, Hard};

    #[test]
    fn new_card_goes_through_both_learning_steps() {
        let cards = run(&plain(), &[Good, Good]);
        assert_eq!((cards[0].state, cards[0].step), (CardState::Learning, Some(1)));
        assert_eq!(cards[0].interval(), Some(SignedDuration::from_mins(10)));
        assert_eq!((cards[1].state, cards[1].step), (CardState::Review, None));
        assert_eq!(cards[1].interval(), Some(SignedDuration::from_hours(48)));
        assert_eq!(cards[1].reps, 2);
    }

    #[test]
    fn learning_step_intervals_by_rating() {
        let s = plain();
        let at = t("2026-03-01T08:00:00Z");
        let ivl = |r| s.review(&Card::NEW, "x", r, at).interval().unwrap();
        assert_eq!(ivl(Again), SignedDuration::from_mins(1));
        // Hard on the first step: halfway between 1 and 10 minutes.
        assert_eq!(ivl(Hard), SignedDuration::from_secs(330));
        assert_eq!(ivl(Good), SignedDuration::from_mins(10));
        // Easy skips learning: 8 days (stability 8.2956).
        assert_eq!(ivl(Easy), SignedDuration::from_hours(8 * 24));
        assert_eq!(s.review(&Card::NEW, "x", Easy, at).state, CardState::Review);
        // Hard on the second step repeats it; Again goes back to the first.
        let second = s.review(&Card::NEW, "x", Good, at);
        let later = second.due.unwrap();
        assert_eq!(s.review(&second, "x", Hard, later).interval(), Some(SignedDuration::from_mins(10)));
        assert_eq!(s.review(&second, "x", Hard, later).step, Some(1));
        assert_eq!(s.review(&second, "x", Again, later).step, Some(0));
    }

    #[test]
    fn a_lapse_goes_to_relearning_and_counts() {
        let s = plain();
        let cards = run(&s, &[Good, Good, Good, Again]);
        let lapsed = cards[3];
        assert_eq!((lapsed.state, lapsed.step, lapsed.lapses), (CardState::Relearning, Some(0), 1));
        assert_eq!(lapsed.interval(), Some(SignedDuration::from_mins(10)));
        assert!(lapsed.stability().unwrap() < cards[2].stability().unwrap());
        // Hard on the only relearning step: one and a half times it.
        let at = lapsed.due.unwrap();
        assert_eq!(s.review(&lapsed, "x", Hard, at).interval(), Some(SignedDuration::from_mins(15)));
        let back = s.review(&lapsed, "x", Good, at);
        assert_eq!((back.state, back.step), (CardState::Review, None));
        let days = back.interval().unwrap().as_hours() / 24;
        assert!((1..cards[2].interval().unwrap().as_hours() / 24).contains(&days), "{days}");
        // Again while relearning is not another lapse.
        assert_eq!(s.review(&lapsed, "x", Again, at).lapses, 1);
    }

    #[test]
    fn intervals_grow_with_good_and_hard_is_shorter_than_good_than_easy() {
        let s = plain();
        let cards = run(&s, &[Good, Good, Good, Good, Good]);
        let days: Vec<_> = cards[1..].iter().map(|c| c.interval().unwrap().as_hours() / 24).collect();
        assert!(days.windows(2).all(|w| w[0] < w[1]), "{days:?}");
        let card = cards[4];
        let [again, hard, good, easy] = s.preview(&card, "x", card.due.unwrap());
        assert!(again.interval < hard.interval);
        assert!(hard.interval < good.interval);
        assert!(good.interval < easy.interval);
        assert_eq!(again.card.state, CardState::Relearning);
    }

    #[test]
    fn elapsed_days_are_whole_24_hour_periods() {
        let a = t("2026-03-01T23:00:00Z");
        assert_eq!(elapsed_days(a, t("2026-03-02T01:00:00Z")), 0);
        assert_eq!(elapsed_days(a, t("2026-03-02T22:59:59.999999999Z")), 0);
        assert_eq!(elapsed_days(a, t("2026-03-02T23:00:00Z")), 1);
        assert_eq!(elapsed_days(a, t("2026-03-05T22:00:00Z")), 3);
        assert_eq!(elapsed_days(a, t("2026-03-01T22:00:00Z")), -1);
    }

    #[test]
    fn a_same_day_review_uses_short_term_stability() {
        let s = plain();
        let cards = run(&s, &[Easy]);
        let at = cards[0].last_review.unwrap() + SignedDuration::from_hours(3);
        let again = s.review(&cards[0], "x", Good, at);
        let expect = s.model().short_term_stability(cards[0].stability().unwrap(), Good);
        assert_eq!(again.stability(), Some(expect));
    }

    #[test]
    fn the_interval_cap_holds() {
        let s = plain();
        let cards = run(&s, &[Easy; 16]);
        let last = cards.last().unwrap();
        assert!(last.stability().unwrap() > 36_500.0);
        assert_eq!(last.interval(), Some(SignedDuration::from_hours(36_500 * 24)));
        let fuzzed = Scheduler::new(0.9, true).review(last, "x", Easy, last.due.unwrap());
        assert!(fuzzed.interval().unwrap() <= SignedDuration::from_hours(36_500 * 24));
    }

    #[test]
    fn fuzz_moves_only_day_intervals_and_stays_in_range() {
        let fuzzy = Scheduler::new(0.9, true);
        let s = plain();
        let mut moved = 0;
        for i in 0..50 {
            let id = format!("ecs.card-{i}");
            let mut plain_card = Card::NEW;
            let mut fuzzy_card = Card::NEW;
            let mut at = t("2026-03-01T08:00:00Z");
            for r in [Good, Good, Good, Good, Good, Again] {
                plain_card = s.review(&plain_card, &id, r, at);
                fuzzy_card = fuzzy.review(&fuzzy_card, &id, r, at);
                // Same memory: fuzz changes when, never how well.
                assert_eq!(plain_card.memory, fuzzy_card.memory);
                let want = plain_card.interval().unwrap();
                let got = fuzzy_card.interval().unwrap();
                if want < SignedDuration::from_hours(72) {
                    assert_eq!(got, want, "no fuzz under 2.5 days");
                } else {
                    let days = (want.as_hours() / 24) as u32;
                    let (lo, hi) = fuzz::range(days, 36_500);
                    let got_days = (got.as_hours() / 24) as u32;
                    assert!((lo..=hi).contains(&got_days), "{got_days} outside {lo}..={hi}");
                    moved += usize::from(got != want);
                }
                at = plain_card.due.unwrap();
            }
        }
        assert!(moved > 20, "fuzz moved only {moved} intervals");
    }

    #[test]
    fn preview_matches_reviewing() {
        let s = Scheduler::new(0.9, true);
        let cards = run(&s, &[Good, Good, Good]);
        let now = cards[2].due.unwrap() + SignedDuration::from_hours(5);
        for p in s.preview(&cards[2], "x", now) {
            assert_eq!(p.card, s.review(&cards[2], "x", p.rating, now));
            assert_eq!(now + p.interval, p.card.due.unwrap());
        }
    }
}
