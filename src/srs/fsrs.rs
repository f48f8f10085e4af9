//! The FSRS-6 memory model: how stability and difficulty change with each review, and the
//! interval that gives the desired retention.
//!
//! Each formula is evaluated in the same order as py-fsrs 6.x evaluates it (including
//! `e.powf(x)` where py-fsrs writes `math.e ** x`), so the two agree to rounding: the
//! interval rounding, which decides due times, then never tips differently.

use std::f64::consts::E;

use super::Rating;

/// The 21 FSRS-6 default parameters (w0..w20), as py-fsrs 6.x ships them.
pub const DEFAULT_PARAMETERS: [f64; 21] = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
    1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];

/// Stability never goes below this (days).
pub const STABILITY_MIN: f64 = 0.001;
pub const DIFFICULTY_MIN: f64 = 1.0;
pub const DIFFICULTY_MAX: f64 = 10.0;

/// The memory model with one set of parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    w: [f64; 21],
    /// The forgetting curve's exponent, `-w20`.
    decay: f64,
    /// Chosen so that retrievability is 90% when elapsed time equals stability.
    factor: f64,
}

impl Default for Model {
    fn default() -> Self {
        Self::new(DEFAULT_PARAMETERS)
    }
}

impl Model {
    pub fn new(w: [f64; 21]) -> Self {
        let decay = -w[20];
        let factor = 0.9f64.powf(1.0 / decay) - 1.0;
        Self { w, decay, factor }
    }

    pub fn parameters(&self) -> &[f64; 21] {
        &self.w
    }

    /// Probability of recall after `elapsed_days` whole days at `stability`.
    pub fn retrievability(&self, elapsed_days: i64, stability: f64) -> f64 {
        let elapsed = elapsed_days.max(0) as f64;
        (1.0 + self.factor * elapsed / stability).powf(self.decay)
    }

    /// The interval in whole days (at least 1, at most `maximum_days`) after which recall
    /// probability falls to `desired_retention`. Halves round to even, as Python's `round`.
    pub fn interval_days(&self, stability: f64, desired_retention: f64, maximum_days: u32) -> u32 {
        let days = (stability / self.factor) * (desired_retention.powf(1.0 / self.decay) - 1.0);
        let days = days.round_ties_even();
        if days.is_nan() || days < 1.0 {
            1
        } else if days >= f64::from(maximum_days) {
            maximum_days
        } else {
            days as u32
        }
    }

    pub fn initial_stability(&self, rating: Rating) -> f64 {
        self.w[rating as usize - 1].max(STABILITY_MIN)
    }

    pub fn initial_difficulty(&self, rating: Rating) -> f64 {
        self.raw_initial_difficulty(rating.grade()).clamp(DIFFICULTY_MIN, DIFFICULTY_MAX)
    }

    fn raw_initial_difficulty(&self, grade: f64) -> f64 {
        self.w[4] - E.powf(self.w[5] * (grade - 1.0)) + 1.0
    }

    /// Difficulty after a review: a step by rating, damped towards 10, then pulled a little
    /// back towards the initial difficulty of an Easy first answer.
    pub fn next_difficulty(&self, difficulty: f64, rating: Rating) -> f64 {
        let w = &self.w;
        let target = self.raw_initial_difficulty(Rating::Easy.grade());
        let delta = -(w[6] * (rating.grade() - 3.0));
        let damped = difficulty + (10.0 - difficulty) * delta / 9.0;
        (w[7] * target + (1.0 - w[7]) * damped).clamp(DIFFICULTY_MIN, DIFFICULTY_MAX)
    }

    /// Stability after a review less than a day after the previous one.
    pub fn short_term_stability(&self, stability: f64, rating: Rating) -> f64 {
        let w = &self.w;
        let mut increase = E.powf(w[17] * (rating.grade() - 3.0 + w[18])) * stability.powf(-w[19]);
        if rating != Rating::Again {
            increase = increase.max(1.0);
        }
        (stability * increase).max(STABILITY_MIN)
    }

    /// Stability after a review a day or more after the previous one, at `retrievability`.
    pub fn next_stability(&self, difficulty: f64, stability: f64, retrievability: f64, rating: Rating) -> f64 {
        let next = match rating {
            Rating::Again => self.forget_stability(difficulty, stability, retrievability),
            _ => self.recall_stability(difficulty, stability, retrievability, rating),
        };
        next.max(STABILITY_MIN)
    }

    fn forget_stability(&self, difficulty: f64, stability: f64, retrievability: f64) -> f64 {
        let w = &self.w;
        let long_term = w[11]
            * difficulty.powf(-w[12])
            * ((stability + 1.0).powf(w[13]) - 1.0)
            * E.powf((1.0 - retrievability) * w[14]);
        let short_term = stability / E.powf(w[17] * w[18]);
        long_term.min(short_term)
    }

    fn recall_stability(&self, difficulty: f64, stability: f64, retrievability: f64, rating: Rating) -> f64 {
        let w = &self.w;
        let hard_penalty = if rating == Rating::Hard { w[15] } else { 1.0 };
        let easy_bonus = if rating == Rating::Easy { w[16] } else { 1.0 };
        stability
            * (1.0
                + E.powf(w[8])
                    * (11.0 - difficulty)
                    * stability.powf(-w[9])
                    * (E.powf((1.0 - retrievability) * w[10]) - 1.0)
                    * hard_penalty
                    * easy_bonus)
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp, reason = "these values are exact: parameters passed through, clamps")]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn initial_values_are_the_first_parameters() {
        let m = Model::default();
        assert_eq!(m.initial_stability(Rating::Again), 0.212);
        assert_eq!(m.initial_stability(Rating::Easy), 8.2956);
        assert!(close(m.initial_difficulty(Rating::Again), 6.4133));
        // py-fsrs: 5.112170705601056 and 2.118103970459016; Easy clamps to 1.
        assert!(close(m.initial_difficulty(Rating::Hard), 5.112_170_705_601_056));
        assert!(close(m.initial_difficulty(Rating::Good), 2.118_103_970_459_016));
        assert_eq!(m.initial_difficulty(Rating::Easy), 1.0);
    }

    #[test]
    fn retrievability_is_90_percent_after_one_stability() {
        let m = Model::default();
        assert!(close(m.retrievability(10, 10.0), 0.9));
        assert_eq!(m.retrievability(0, 3.0), 1.0);
        assert_eq!(m.retrievability(-2, 3.0), 1.0);
        assert!(m.retrievability(30, 10.0) < m.retrievability(20, 10.0));
    }

    #[test]
    fn interval_equals_stability_at_90_percent_and_is_capped() {
        let m = Model::default();
        assert_eq!(m.interval_days(10.0, 0.9, 36_500), 10);
        assert_eq!(m.interval_days(0.2, 0.9, 36_500), 1);
        assert_eq!(m.interval_days(1e9, 0.9, 36_500), 36_500);
        assert!(m.interval_days(10.0, 0.8, 36_500) > 10);
        assert!(m.interval_days(10.0, 0.95, 36_500) < 10);
        // Halves round to even, like Python's round(): stabilities that give 2.5 and 3.5 days.
        let s_for = |days: f64| days * m.factor / (0.9f64.powf(1.0 / m.decay) - 1.0);
        assert_eq!(m.interval_days(s_for(2.5), 0.9, 36_500), 2);
        assert_eq!(m.interval_days(s_for(3.5), 0.9, 36_500), 4);
    }

    #[test]
    fn difficulty_moves_with_the_rating_and_stays_in_range() {
        let m = Model::default();
        let d = 5.0;
        assert!(m.next_difficulty(d, Rating::Again) > d);
        assert!(m.next_difficulty(d, Rating::Hard) > d);
        assert!(m.next_difficulty(d, Rating::Easy) < d);
        // Mean reversion pulls even the hardest card a little towards easy.
        let hardest = m.next_difficulty(10.0, Rating::Again);
        assert!(hardest < 10.0 && hardest > 9.9, "{hardest}");
        assert!(m.next_difficulty(1.0, Rating::Easy) >= 1.0);
    }

    #[test]
    fn forgetting_never_lengthens_stability() {
        let m = Model::default();
        for s in [0.1, 1.0, 10.0, 300.0] {
            for r in [0.3, 0.9, 0.99] {
                assert!(m.next_stability(5.0, s, r, Rating::Again) <= s);
                assert!(m.next_stability(5.0, s, r, Rating::Good) >= s);
            }
        }
    }

    #[test]
    fn same_day_success_never_shortens_stability() {
        let m = Model::default();
        for s in [0.01, 1.0, 50.0, 5000.0] {
            assert!(m.short_term_stability(s, Rating::Hard) >= s);
            assert!(m.short_term_stability(s, Rating::Good) >= s);
            assert!(m.short_term_stability(s, Rating::Again) < s);
        }
        assert!(m.short_term_stability(0.001, Rating::Again) >= STABILITY_MIN);
    }
}
