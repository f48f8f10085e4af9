//! The figures of the Stats screen and `cloudcram stats`: mastery per topic, the due forecast,
//! the review heatmap and streak, true retention by month, and the readiness forecast. Pure
//! functions of the progress, the course and `now`; every day is a UTC day.
//!
//! **True retention** is Anki's: of the reviews made while a card was in the review state
//! (young: interval under 21 days; mature: 21 or more), the share not rated Again. The state
//! and interval at each review come from replaying the card's reviews in time order with the
//! scheduler, as the schedule itself is derived.
//!
//! **Readiness** is the expected share of this section's exam questions answered right today.
//! An exam draws each topic in proportion to its pool of exam questions, so every question of
//! the pool is equally likely to be asked: readiness is the mean, over the pool, of the chance
//! of answering each right. A reviewed card's chance is its FSRS probability of recall now.
//! A card never reviewed starts at the chance of a guess for its kind (1 in 4 for four options,
//! 1 in C(n, k) for choose-k, 1 in 2 for true or false), moved towards the learner's practice
//! accuracy in its topic as practice answers accumulate: `(answers x accuracy + 5 x guess) /
//! (answers + 5)`. The range is where 95% of 65-question exams with those chances would score
//! (a normal approximation of the binomial). The topics that would add most are those whose
//! cards, brought up to the desired retention, raise the mean most.

use std::collections::HashMap;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use super::doc::{Progress, utc_day};
use super::query::MASTERED_DAYS;
use crate::content::{Course, Question, QuestionBody};
use crate::quiz::exam::{Kinds, PASS_SCALED, scaled};
use crate::srs::{Card, CardState, Rating};

/// Days the forecast covers, today first.
pub const FORECAST_DAYS: usize = 30;
/// Weeks the heatmap covers (about six months).
pub const HEATMAP_WEEKS: usize = 26;
/// The exam the readiness range is for: CLF-C02's 65 questions.
pub const EXAM_QUESTIONS: f64 = 65.0;
/// How many practice answers weigh as much as the guessing chance for an unseen card.
const PRIOR_ANSWERS: f64 = 5.0;

/// A topic's cards by where they are in learning.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Mastery {
    pub new: usize,
    /// Learning or relearning.
    pub learning: usize,
    /// In review, interval under 21 days.
    pub young: usize,
    /// In review, interval of 21 days or more.
    pub mature: usize,
}

impl Mastery {
    pub fn total(&self) -> usize {
        self.new + self.learning + self.young + self.mature
    }
}

/// Cards falling due on one UTC day (overdue ones count today).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct DueDay {
    pub date: Date,
    pub due: usize,
}

/// Reviews made on one UTC day.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct ReviewDay {
    pub date: Date,
    pub reviews: usize,
}

/// One UTC month of reviews.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RetentionMonth {
    /// `2026-11`.
    pub month: String,
    /// Every review in the month.
    pub reviews: usize,
    /// Reviews of young and mature cards, and how many were not rated Again.
    pub graded: usize,
    pub recalled: usize,
    pub true_retention: Option<f64>,
}

/// True retention against the desired retention.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Retention {
    /// Over all reviews of young and mature cards; `None` before the first.
    pub true_retention: Option<f64>,
    pub desired: f64,
    pub young: Option<f64>,
    pub mature: Option<f64>,
    /// Oldest first, every month from the first review to now.
    pub months: Vec<RetentionMonth>,
}

/// One topic's part of the readiness.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TopicReadiness {
    pub id: String,
    pub title: String,
    /// The topic's share of an exam's questions, 0 to 1.
    pub share: f64,
    /// The expected share of its questions answered right, 0 to 100.
    pub percent: f64,
    /// Percentage points the whole readiness would gain with the topic's cards at the desired
    /// retention.
    pub gain: f64,
}

/// The expected share of exam questions answered right today.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Readiness {
    /// 0 to 100, one decimal.
    pub percent: f64,
    pub low: f64,
    pub high: f64,
    /// The share a pass needs (700 of 1,000 scaled), 0 to 100.
    pub pass: f64,
    /// Exam questions in the pool.
    pub questions: usize,
    /// Of them, reviewed at least once.
    pub reviewed: usize,
    pub topics: Vec<TopicReadiness>,
    /// The topics that would add most, most first (at most three, each adding a point or
    /// more).
    pub study_next: Vec<String>,
}

/// All the figures at once.
#[derive(Debug, Clone, Serialize)]
pub struct Analytics {
    pub forecast: Vec<DueDay>,
    pub heatmap: Vec<ReviewDay>,
    pub streak: usize,
    pub retention: Retention,
    pub readiness: Readiness,
}

/// The civil date of a UTC day number (days since 1970-01-01).
pub fn date_of(day: i64) -> Date {
    let epoch = Date::constant(1970, 1, 1);
    epoch.checked_add(jiff::Span::new().days(day.clamp(-7_000_000, 7_000_000))).unwrap_or(epoch)
}

/// The UTC date of an instant.
pub fn utc_date(t: Timestamp) -> Date {
    date_of(utc_day(t))
}

/// The chance of answering a question right by guessing, in the form it is asked in an exam.
pub fn guess_chance(course: &Course, q: &Question) -> f64 {
    if course.template(&q.id).is_some() {
        // Asked as a choice of the answer and three mistakes.
        return 0.25;
    }
    let factorial = |n: usize| (1..=n).map(|i| i as f64).product::<f64>().max(1.0);
    match &q.body {
        QuestionBody::Single { options, .. } => 1.0 / options.len().max(1) as f64,
        QuestionBody::Multi { options, answers } => {
            let (n, k) = (options.len(), answers.len());
            factorial(k) * factorial(n - k.min(n)) / factorial(n)
        }
        QuestionBody::TrueFalse { .. } => 0.5,
        QuestionBody::Order { items } => 1.0 / factorial(items.len()),
        QuestionBody::Match { pairs } => 1.0 / factorial(pairs.len()),
        QuestionBody::Numeric { .. } => 0.0,
    }
}

impl Progress {
    /// Every figure of the Stats screen at `now`.
    pub fn analytics(&self, course: &Course, now: Timestamp) -> Analytics {
        Analytics {
            forecast: self.forecast(course, now),
            heatmap: self.heatmap(),
            streak: self.streak(now),
            retention: self.retention(),
            readiness: self.readiness(course, now),
        }
    }

    /// Each topic's cards: new, learning, young, mature.
    pub fn mastery(&self, course: &Course) -> Vec<Mastery> {
        let mature_after = SignedDuration::from_hours(24 * MASTERED_DAYS);
        course
            .topics
            .iter()
            .map(|topic| {
                let mut m = Mastery::default();
                for q in &topic.questions {
                    let card = self.card(&q.id);
                    match card.state {
                        CardState::New => m.new += 1,
                        CardState::Learning | CardState::Relearning => m.learning += 1,
                        CardState::Review if card.interval().is_some_and(|i| i >= mature_after) => m.mature += 1,
                        CardState::Review => m.young += 1,
                    }
                }
                m
            })
            .collect()
    }

    /// Cards due on each of the next 30 UTC days, today first; overdue cards count today.
    /// New and suspended cards are not due; buried ones count at their due time.
    pub fn forecast(&self, course: &Course, now: Timestamp) -> Vec<DueDay> {
        let today = utc_day(now);
        let mut counts = [0usize; FORECAST_DAYS];
        for q in course.questions() {
            if self.is_suspended(&q.id) {
                continue;
            }
            if let Some(due) = self.card(&q.id).due {
                let day = (utc_day(due) - today).max(0);
                if let Some(slot) = usize::try_from(day).ok().and_then(|d| counts.get_mut(d)) {
                    *slot += 1;
                }
            }
        }
        counts
            .iter()
            .enumerate()
            .map(|(i, &due)| DueDay { date: date_of(today + i64::try_from(i).unwrap_or(0)), due })
            .collect()
    }

    /// Reviews per UTC day, for each day that has any, oldest first: every review in the log,
    /// so the counts add up to the log's length.
    pub fn heatmap(&self) -> Vec<ReviewDay> {
        let mut by_day: Vec<i64> = self.log.iter().map(|e| utc_day(e.at)).collect();
        by_day.sort_unstable();
        let mut out: Vec<ReviewDay> = Vec::new();
        let mut last = None;
        for day in by_day {
            match out.last_mut() {
                Some(r) if last == Some(day) => r.reviews += 1,
                _ => {
                    out.push(ReviewDay { date: date_of(day), reviews: 1 });
                    last = Some(day);
                }
            }
        }
        out
    }

    /// Days in a row with a review, ending today, or yesterday when today has none yet (the
    /// streak is not lost until the day ends).
    pub fn streak(&self, now: Timestamp) -> usize {
        let days: std::collections::HashSet<i64> =
            self.log.iter().filter(|e| e.at <= now).map(|e| utc_day(e.at)).collect();
        let today = utc_day(now);
        let mut day = if days.contains(&today) { today } else { today - 1 };
        let mut n = 0;
        while days.contains(&day) {
            n += 1;
            day -= 1;
        }
        n
    }

    /// True retention overall, for young and mature cards, and by month.
    pub fn retention(&self) -> Retention {
        let mature_after = SignedDuration::from_hours(24 * MASTERED_DAYS);
        let scheduler = self.scheduler();
        let mut order: Vec<usize> = (0..self.log.len()).collect();
        order.sort_by_key(|&i| self.log[i].at);
        let mut cards: HashMap<u32, Card> = HashMap::new();
        // (young graded, young recalled, mature graded, mature recalled)
        let mut totals = [0usize; 4];
        let mut months: Vec<(i64, RetentionMonth)> = Vec::new();
        for i in order {
            let e = self.log[i];
            let card = cards.entry(e.card).or_insert(Card::NEW);
            let ym = month_of(e.at);
            if months.last().is_none_or(|(m, _)| *m != ym) {
                months.push((
                    ym,
                    RetentionMonth {
                        month: format!("{:04}-{:02}", ym.div_euclid(12), ym.rem_euclid(12) + 1),
                        reviews: 0,
                        graded: 0,
                        recalled: 0,
                        true_retention: None,
                    },
                ));
            }
            let month = &mut months.last_mut().expect("pushed above").1;
            month.reviews += 1;
            if card.state == CardState::Review {
                let recalled = e.rating != Rating::Again;
                let mature = card.interval().is_some_and(|iv| iv >= mature_after);
                let at = if mature { 2 } else { 0 };
                totals[at] += 1;
                totals[at + 1] += usize::from(recalled);
                month.graded += 1;
                month.recalled += usize::from(recalled);
            }
            *card = scheduler.review(card, &self.ids[e.card as usize], e.rating, e.at);
        }
        let share = |part: usize, whole: usize| (whole > 0).then(|| part as f64 / whole as f64);
        let months = months
            .into_iter()
            .map(|(_, mut m)| {
                m.true_retention = share(m.recalled, m.graded);
                m
            })
            .collect();
        Retention {
            true_retention: share(totals[1] + totals[3], totals[0] + totals[2]),
            desired: self.settings.desired_retention,
            young: share(totals[1], totals[0]),
            mature: share(totals[3], totals[2]),
            months,
        }
    }

    /// The readiness forecast (see the module's docs).
    pub fn readiness(&self, course: &Course, now: Timestamp) -> Readiness {
        let scheduler = self.scheduler();
        let target = self.settings.desired_retention;
        let practice = self.practice_accuracy(course);
        let pool: Vec<Vec<f64>> = course
            .topics
            .iter()
            .enumerate()
            .map(|(t, topic)| {
                let (answered, right) = practice[t];
                topic
                    .questions
                    .iter()
                    .filter(|q| Kinds::Exam.admits(course, q))
                    .map(|q| {
                        let card = self.card(&q.id);
                        scheduler.retrievability(&card, now).unwrap_or_else(|| {
                            let guess = guess_chance(course, q);
                            (right + PRIOR_ANSWERS * guess) / (answered + PRIOR_ANSWERS)
                        })
                    })
                    .collect()
            })
            .collect();
        let n: usize = pool.iter().map(Vec::len).sum();
        let reviewed =
            course.questions().filter(|q| Kinds::Exam.admits(course, q) && !self.card(&q.id).is_new()).count();
        let mean = pool.iter().flatten().sum::<f64>() / n.max(1) as f64;
        let sd = (mean * (1.0 - mean) / EXAM_QUESTIONS).sqrt();
        let pct = |x: f64| (x.clamp(0.0, 1.0) * 1000.0).round() / 10.0;
        let topics: Vec<TopicReadiness> = course
            .topics
            .iter()
            .zip(&pool)
            .map(|(topic, ps)| {
                let share = ps.len() as f64 / n.max(1) as f64;
                let own = ps.iter().sum::<f64>() / ps.len().max(1) as f64;
                let short: f64 = ps.iter().map(|p| (target - p).max(0.0)).sum::<f64>() / n.max(1) as f64;
                TopicReadiness {
                    id: topic.id.clone(),
                    title: topic.title.clone(),
                    share,
                    percent: pct(own),
                    gain: (short * 1000.0).round() / 10.0,
                }
            })
            .collect();
        let mut by_gain: Vec<&TopicReadiness> = topics.iter().filter(|t| t.gain >= 1.0).collect();
        by_gain.sort_by(|a, b| b.gain.total_cmp(&a.gain));
        let pass = (0..=65).find(|&k| scaled(k, 65) >= PASS_SCALED).unwrap_or(65);
        Readiness {
            percent: pct(mean),
            low: pct(mean - 1.96 * sd),
            high: pct(mean + 1.96 * sd),
            pass: pct(pass as f64 / EXAM_QUESTIONS),
            questions: n,
            reviewed,
            study_next: by_gain.iter().take(3).map(|t| t.id.clone()).collect(),
            topics,
        }
    }

    /// Practice answers per topic: (answered, right), as floats for the blend.
    fn practice_accuracy(&self, course: &Course) -> Vec<(f64, f64)> {
        let topic_of: HashMap<&str, usize> = course
            .topics
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.questions.iter().map(move |q| (q.id.as_str(), i)))
            .collect();
        let mut out = vec![(0.0, 0.0); course.topics.len()];
        for p in &self.practice {
            if let Some(&i) = topic_of.get(p.card.as_str()) {
                out[i].0 += 1.0;
                out[i].1 += f64::from(u8::from(p.correct));
            }
        }
        out
    }
}

/// Months since year 0 (year x 12 + month - 1) of a UTC instant.
fn month_of(t: Timestamp) -> i64 {
    let d = date_of(utc_day(t));
    i64::from(d.year()) * 12 + i64::from(d.month()) - 1
}

#[cfg(test)]
mod tests;
