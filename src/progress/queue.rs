//! The study queue: which cards to show at a moment, and in what order.
//!
//! Anki is the yardstick. Due cards (learning, relearning and review) come by due time;
//! review cards are capped per UTC day by `reviews_per_day`, learning cards never are. New
//! cards come within `new_cards_per_day`: first those missed in practice, then the rest in
//! course order (`new_order = "topics"`) or interleaved over the topics. Learning cards due
//! within [`LEARN_AHEAD`] are kept apart ([`Queue::learn_ahead`]) and shown when nothing else
//! is left ([`Queue::session`]), so a session does not end while a 1- or 10-minute step is
//! pending, yet a card just rated Again is not shown again at once while others wait.

use std::collections::{HashMap, HashSet};

use jiff::{SignedDuration, Timestamp};

use super::doc::{Progress, utc_day};
use super::query::day_start;
use super::settings::NewOrder;
use crate::content::{Course, Question, Topic};
use crate::srs::{Card, CardState};

/// How far ahead a learning or relearning card may be shown early when nothing else is left:
/// Anki's default learn-ahead limit.
pub const LEARN_AHEAD: SignedDuration = SignedDuration::from_mins(20);

/// A card in the queue with its question.
#[derive(Debug, Clone, Copy)]
pub struct QueueItem<'c> {
    pub question: &'c Question,
    pub card: Card,
}

/// What to study at a moment.
#[derive(Debug, Clone)]
pub struct Queue<'c> {
    /// Cards due now (learning, relearning, and review cards within today's review limit),
    /// earliest due first.
    pub due: Vec<QueueItem<'c>>,
    /// New cards allowed today: first those missed in practice, then in the `new_order`.
    pub new: Vec<QueueItem<'c>>,
    /// Learning and relearning cards not due yet but within [`LEARN_AHEAD`], earliest due
    /// first: shown after everything else, so a session does not end while their step runs.
    pub learn_ahead: Vec<QueueItem<'c>>,
    /// The earliest time after `now` a card falls due (for "next card in 4 minutes"); the
    /// cards of `learn_ahead` included.
    pub next_due: Option<Timestamp>,
    /// How many new cards today's limit still allows; `new` holds that many, or fewer when
    /// fewer new cards are left.
    pub new_allowed_today: u32,
    /// How many review cards today's `reviews_per_day` still allows (reviews done today
    /// count against it).
    pub reviews_allowed_today: u32,
    /// Review cards due now but over today's limit: they wait for the next UTC day.
    pub reviews_held_back: usize,
}

impl<'c> Queue<'c> {
    /// Due cards (by due time), then the new ones: what is due strictly at `now`.
    pub fn cards(&self) -> impl Iterator<Item = &QueueItem<'c>> + '_ {
        self.due.iter().chain(&self.new)
    }

    /// What a review session goes through now: the due cards, the new ones, then the
    /// learning cards within [`LEARN_AHEAD`] (Anki shows those early only when nothing else
    /// is left).
    pub fn session(&self) -> impl Iterator<Item = &QueueItem<'c>> + '_ {
        self.cards().chain(&self.learn_ahead)
    }

    /// The length of [`Queue::cards`].
    pub fn len(&self) -> usize {
        self.due.len() + self.new.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Progress {
    /// New cards introduced (first reviewed) on `now`'s UTC day, among `course`'s.
    pub fn new_cards_today(&self, course: &Course, now: Timestamp) -> usize {
        let start = day_start(now);
        course.questions().filter(|q| self.started_between(&q.id, start, now)).count()
    }

    fn started_between(&self, id: &str, start: Timestamp, end: Timestamp) -> bool {
        self.derived(id).and_then(|d| d.first_review).is_some_and(|first| first >= start && first <= end)
    }

    /// Reviews made on `now`'s UTC day of cards in the review state: what counts against
    /// `reviews_per_day` (learning steps do not, as in Anki).
    pub fn reviews_done_today(&self, now: Timestamp) -> usize {
        let today = utc_day(now);
        self.derived.iter().filter(|d| d.review_day == today).map(|d| d.reviews_on_review_day as usize).sum()
    }

    /// What to study at `now` (see [`Queue`]). Suspended and buried cards are left out.
    /// The same progress at the same instant always gives the same queue.
    pub fn queue<'c>(&self, course: &'c Course, now: Timestamp) -> Queue<'c> {
        let ahead_until = now.checked_add(LEARN_AHEAD).unwrap_or(Timestamp::MAX);
        let (mut learning, mut reviews, mut ahead, mut new) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut next_due: Option<Timestamp> = None;
        for (order, q) in course.questions().enumerate() {
            if self.is_suspended(&q.id) || self.is_buried(&q.id, now) {
                continue;
            }
            let card = self.card(&q.id);
            let item = QueueItem { question: q, card };
            let learns = card.state != CardState::Review;
            match card.due {
                None => new.push(item),
                Some(at) if at <= now && learns => learning.push((at, order, item)),
                Some(at) if at <= now => reviews.push((at, order, item)),
                Some(at) => {
                    next_due = Some(next_due.map_or(at, |n| n.min(at)));
                    if learns && at <= ahead_until {
                        ahead.push((at, order, item));
                    }
                }
            }
        }
        let by_due = |v: &mut Vec<(Timestamp, usize, QueueItem<'c>)>| v.sort_by_key(|&(at, order, _)| (at, order));
        // The most overdue reviews first, as Anki's default "due date" order does.
        by_due(&mut reviews);
        let reviews_allowed = (self.settings.reviews_per_day as usize).saturating_sub(self.reviews_done_today(now));
        let reviews_held_back = reviews.len().saturating_sub(reviews_allowed);
        reviews.truncate(reviews_allowed);
        learning.append(&mut reviews);
        by_due(&mut learning);
        by_due(&mut ahead);
        let new_allowed = (self.settings.new_cards_per_day as usize).saturating_sub(self.new_cards_today(course, now));
        Queue {
            due: learning.into_iter().map(|(_, _, item)| item).collect(),
            new: self.order_new(course, new, new_allowed, now),
            learn_ahead: ahead.into_iter().map(|(_, _, item)| item).collect(),
            next_due,
            new_allowed_today: u32::try_from(new_allowed).unwrap_or(u32::MAX),
            reviews_allowed_today: u32::try_from(reviews_allowed).unwrap_or(u32::MAX),
            reviews_held_back,
        }
    }

    /// The first `allowed` of the new cards `candidates` (in course order): the ones missed
    /// in practice or in an exam first (earliest miss first), then the rest in the
    /// `new_order`.
    fn order_new<'c>(
        &self,
        course: &'c Course,
        candidates: Vec<QueueItem<'c>>,
        allowed: usize,
        now: Timestamp,
    ) -> Vec<QueueItem<'c>> {
        let mut first_miss: HashMap<&str, Timestamp> = HashMap::new();
        let practice = self.practice.iter().filter(|p| !p.correct).map(|p| (p.card.as_str(), p.at));
        // An exam's missed questions too: what the exam found weak is studied first.
        let exams = self
            .exams
            .iter()
            .flat_map(|e| e.answers.iter().filter(|a| !a.correct).map(|a| (a.question.as_str(), e.at)));
        for (card, at) in practice.chain(exams) {
            first_miss.entry(card).and_modify(|first| *first = (*first).min(at)).or_insert(at);
        }
        let (mut out, rest): (Vec<_>, Vec<_>) =
            candidates.into_iter().partition(|item| first_miss.contains_key(item.question.id.as_str()));
        // Stable, so misses at the same instant keep course order.
        out.sort_by_key(|item| first_miss[item.question.id.as_str()]);
        out.truncate(allowed);
        let left = allowed - out.len();
        match self.settings.new_order {
            NewOrder::Topics => out.extend(rest.into_iter().take(left)),
            NewOrder::Interleaved => {
                let interleaved = self.interleave(course, rest, &out, left, now);
                out.extend(interleaved);
            }
        }
        out
    }

    /// Up to `count` of `candidates` round-robin over the topics, weighted: a topic gets
    /// 1 share, plus 2 if a lesson of it has been read, plus 1 if a card of it has been
    /// reviewed or practised. Each pick goes to the topic with the smallest (picks + 1/2) /
    /// weight (Sainte-Laguë's divisors, which spread each topic's picks evenly). New
    /// cards started today and the `placed` ones count as picks, so a queue rebuilt after
    /// every card keeps the same mix instead of starting again at the first topic. Within a
    /// topic, cards of lessons read come first, then course order.
    fn interleave<'c>(
        &self,
        course: &'c Course,
        candidates: Vec<QueueItem<'c>>,
        placed: &[QueueItem<'c>],
        count: usize,
        now: Timestamp,
    ) -> Vec<QueueItem<'c>> {
        let topic_of: HashMap<&str, usize> =
            course.topics.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
        let mut lanes: Vec<Vec<QueueItem<'c>>> = vec![Vec::new(); course.topics.len()];
        for item in candidates {
            if let Some(&i) = topic_of.get(item.question.topic.as_str()) {
                lanes[i].push(item);
            }
        }
        for lane in &mut lanes {
            // Stable: course order within each group; reversed so that `pop` takes the first.
            lane.sort_by_key(|item| !self.is_read(&item.question.lesson));
            lane.reverse();
        }
        let practised: HashSet<&str> = self.practice.iter().map(|p| p.card.as_str()).collect();
        let start = day_start(now);
        let weights: Vec<u64> = course.topics.iter().map(|t| self.topic_weight(t, &practised)).collect();
        let mut picks: Vec<u64> = course
            .topics
            .iter()
            .map(|t| t.questions.iter().filter(|q| self.started_between(&q.id, start, now)).count() as u64)
            .collect();
        for item in placed {
            if let Some(&i) = topic_of.get(item.question.topic.as_str()) {
                picks[i] += 1;
            }
        }
        let mut out = Vec::with_capacity(count);
        while out.len() < count {
            // (2 picks + 1) / weight, compared by cross-multiplying to stay in integers; ties
            // go to the earlier topic.
            let Some(next) = (0..lanes.len())
                .filter(|&i| !lanes[i].is_empty())
                .min_by(|&a, &b| ((2 * picks[a] + 1) * weights[b]).cmp(&((2 * picks[b] + 1) * weights[a])))
            else {
                break;
            };
            out.extend(lanes[next].pop());
            picks[next] += 1;
        }
        out
    }

    /// How much of the interleaving a topic gets (see [`Progress::interleave`]).
    fn topic_weight(&self, topic: &Topic, practised: &HashSet<&str>) -> u64 {
        let read = topic.lessons.iter().any(|l| self.is_read(&l.id));
        let touched = topic.questions.iter().any(|q| {
            self.derived(&q.id).is_some_and(|d| d.first_review.is_some()) || practised.contains(q.id.as_str())
        });
        1 + 2 * u64::from(read) + u64::from(touched)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::testing::{course, ids, progress, t};
    use crate::progress::{PracticeMode, Settings};
    use crate::srs::Rating;

    /// Course order for new cards, as before `new_order` existed.
    fn in_topic_order(new_per_day: u32) -> Progress {
        Progress::with_settings(Settings {
            new_cards_per_day: new_per_day,
            new_order: NewOrder::Topics,
            fuzz: false,
            ..Settings::default()
        })
    }

    #[test]
    fn the_queue_puts_due_cards_first_by_due_time_then_new_ones_in_course_order() {
        let course = course();
        let ids = ids(&course);
        let mut p = in_topic_order(20);
        p.record_review(&ids[7], Rating::Good, t("2026-11-27T14:00:00Z")); // due 14:10
        p.record_review(&ids[3], Rating::Again, t("2026-11-27T14:05:00Z")); // due 14:06
        p.record_review(&ids[5], Rating::Easy, t("2026-11-27T14:00:00Z")); // due in 8 days
        let now = t("2026-11-27T15:00:00Z");
        let queue = p.queue(&course, now);
        let due: Vec<&str> = queue.due.iter().map(|i| i.question.id.as_str()).collect();
        assert_eq!(due, [ids[3].as_str(), ids[7].as_str()]);
        assert_eq!(queue.next_due, Some(t("2026-12-05T14:00:00Z")));
        // 3 new cards were started today: 17 more allowed, skipping the reviewed ones.
        assert_eq!(queue.new_allowed_today, 17);
        assert_eq!(queue.new.len(), 17);
        assert_eq!(queue.new[0].question.id, ids[0]);
        assert_eq!(queue.new[3].question.id, ids[4]);
        assert!(queue.new.iter().all(|i| i.card.is_new()));
        assert_eq!(queue.cards().count(), queue.len());
        assert_eq!(queue.cards().next().unwrap().question.id, ids[3]);
    }

    #[test]
    fn new_cards_per_day_counts_cards_started_on_the_utc_day() {
        let course = course();
        let ids = ids(&course);
        let mut p = progress(3);
        p.record_review(&ids[0], Rating::Good, t("2026-11-26T23:59:00Z")); // yesterday
        p.record_review(&ids[1], Rating::Good, t("2026-11-27T08:00:00Z"));
        p.record_review(&ids[1], Rating::Good, t("2026-11-27T08:10:00Z")); // same card again
        let now = t("2026-11-27T09:00:00Z");
        assert_eq!(p.new_cards_today(&course, now), 1);
        assert_eq!(p.queue(&course, now).new.len(), 2);
        p.record_review(&ids[2], Rating::Good, now);
        p.record_review(&ids[3], Rating::Good, now);
        assert_eq!(p.queue(&course, now).new.len(), 0);
        // The next UTC day brings a fresh allowance.
        assert_eq!(p.queue(&course, t("2026-11-28T00:00:00Z")).new.len(), 3);
        // Nothing new at all with a limit of 0.
        assert!(progress(0).queue(&course, now).new.is_empty());
    }

    #[test]
    fn suspended_and_buried_cards_stay_out_of_the_queue() {
        let course = course();
        let ids = ids(&course);
        let mut p = progress(20);
        let at = t("2026-11-27T08:00:00Z");
        p.record_review(&ids[0], Rating::Again, at);
        p.record_review(&ids[1], Rating::Again, at);
        p.suspend(&ids[0]);
        p.bury(&ids[1], at);
        p.bury(&ids[2], at); // a new card, buried
        let now = t("2026-11-27T12:00:00Z");
        let q = p.queue(&course, now);
        assert!(q.due.is_empty());
        assert!(q.cards().all(|i| i.question.id != ids[0] && i.question.id != ids[1] && i.question.id != ids[2]));
        assert_eq!(q.next_due, None, "nor do they count as coming up");
        let tomorrow = p.queue(&course, t("2026-11-28T00:00:00Z"));
        assert_eq!(tomorrow.due.len(), 1);
        assert_eq!(tomorrow.new[0].question.id, ids[2]);
        p.unsuspend(&ids[0]);
        assert_eq!(p.queue(&course, now).due.len(), 1);
    }

    fn new_ids<'a>(q: &'a Queue<'_>) -> Vec<&'a str> {
        q.new.iter().map(|i| i.question.id.as_str()).collect()
    }

    fn topics_of<'a>(q: &'a Queue<'_>) -> Vec<&'a str> {
        q.new.iter().map(|i| i.question.topic.as_str()).collect()
    }

    #[test]
    fn new_cards_go_round_the_topics_and_topics_order_keeps_course_order() {
        let course = course();
        let now = t("2026-11-27T09:00:00Z");
        let n = course.topics.len();
        let q = progress(2 * n as u32).queue(&course, now);
        // Untouched topics share equally: one card of each in course order, then the second
        // card of each.
        let want: Vec<&str> =
            (0..2).flat_map(|round| course.topics.iter().map(move |t| t.questions[round].id.as_str())).collect();
        assert_eq!(new_ids(&q), want);
        assert_eq!(q.new.len(), 2 * n);

        let q = in_topic_order(2 * n as u32).queue(&course, now);
        let course_order: Vec<&str> = course.questions().take(2 * n).map(|q| q.id.as_str()).collect();
        assert_eq!(new_ids(&q), course_order);
    }

    #[test]
    fn interleaving_leans_towards_the_topics_studied_and_their_read_lessons() {
        let course = course();
        let now = t("2026-11-27T09:00:00Z");
        let studied = &course.topics[3];
        let lesson = &studied.lessons[1];
        let mut p = progress(20);
        p.mark_read(&lesson.id, t("2026-11-26T09:00:00Z"));
        p.record_practice(&studied.questions[0].id, true, PracticeMode::Check, t("2026-11-26T09:05:00Z"));
        let q = p.queue(&course, now);
        let topics = topics_of(&q);
        // Weights 4 (read and practised) and 1: two of the studied topic, one of every other,
        // then two more of the studied one.
        assert_eq!(topics[..2], [studied.id.as_str(); 2]);
        let mut others: Vec<&str> = topics[2..=course.topics.len()].to_vec();
        others.sort_unstable();
        let mut want: Vec<&str> = course.topics.iter().filter(|t| t.id != studied.id).map(|t| t.id.as_str()).collect();
        want.sort_unstable();
        assert_eq!(others, want);
        assert_eq!(topics[course.topics.len() + 1..course.topics.len() + 3], [studied.id.as_str(); 2]);
        // Within the studied topic, the read lesson's questions come first.
        let read_first = studied.questions.iter().filter(|q| q.lesson == lesson.id).count();
        assert!(read_first >= 2, "the test needs a lesson with two questions");
        assert!(
            q.new.iter().filter(|i| i.question.topic == studied.id).take(2).all(|i| i.question.lesson == lesson.id)
        );
        // The same progress at the same instant: the same queue.
        assert_eq!(new_ids(&p.queue(&course, now)), new_ids(&q));
    }

    #[test]
    fn a_queue_rebuilt_after_every_new_card_still_goes_round_the_topics() {
        let course = course();
        let mut p = progress(20);
        let mut at = t("2026-11-27T09:00:00Z");
        let mut started = Vec::new();
        for _ in 0..course.topics.len() {
            let q = p.queue(&course, at);
            let first = q.new[0].question;
            started.push(first.topic.clone());
            p.record_review(&first.id, Rating::Good, at);
            at += SignedDuration::from_secs(30);
        }
        started.sort_unstable();
        started.dedup();
        assert_eq!(started.len(), course.topics.len(), "one card of each topic, not ten of the first");
    }

    #[test]
    fn questions_missed_in_practice_come_first_among_new_cards_within_the_allowance() {
        let course = course();
        let ids = ids(&course);
        let now = t("2026-11-27T09:00:00Z");
        let mut p = progress(3);
        p.record_practice(&ids[50], false, PracticeMode::Quiz, t("2026-11-26T10:00:00Z"));
        p.record_practice(&ids[80], true, PracticeMode::Quiz, t("2026-11-26T09:00:00Z"));
        p.record_practice(&ids[80], false, PracticeMode::Drill, t("2026-11-26T09:30:00Z"));
        p.record_practice(&ids[90], true, PracticeMode::Quiz, t("2026-11-26T09:00:00Z")); // right: no hurry
        p.record_practice(&ids[60], false, PracticeMode::Check, t("2026-11-26T08:00:00Z"));
        p.record_review(&ids[60], Rating::Good, t("2026-11-26T08:10:00Z")); // started: not new
        p.record_practice(&ids[70], false, PracticeMode::Check, t("2026-11-26T08:00:00Z"));
        p.suspend(&ids[70]);
        let q = p.queue(&course, now);
        // Earliest miss first; then the allowance's last place goes to the usual order.
        assert_eq!(new_ids(&q)[..2], [ids[80].as_str(), ids[50].as_str()]);
        assert_eq!(q.new.len(), 3);
        assert!(!new_ids(&q).contains(&ids[90].as_str()));
        let mut p1 = in_topic_order(1);
        p1.record_practice(&ids[50], false, PracticeMode::Quiz, t("2026-11-26T10:00:00Z"));
        assert_eq!(new_ids(&p1.queue(&course, now)), [ids[50].as_str()], "the allowance still holds");
        let mut p0 = progress(0);
        p0.record_practice(&ids[50], false, PracticeMode::Quiz, t("2026-11-26T10:00:00Z"));
        assert!(p0.queue(&course, now).new.is_empty());
    }

    /// A progress with `n` cards in review, all overdue at `now`, most overdue first.
    fn reviews_due(n: usize, per_day: u32, ids: &[String], now: Timestamp) -> Progress {
        let mut p = Progress::with_settings(Settings { reviews_per_day: per_day, fuzz: false, ..Settings::default() });
        for (i, id) in (0i64..).zip(ids.iter().take(n)) {
            // Easy graduates at once: due 8 days later.
            p.record_review(id, Rating::Easy, now - SignedDuration::from_hours(24 * 30 - i));
        }
        p
    }

    #[test]
    fn reviews_per_day_caps_review_cards_and_counts_todays_reviews_but_never_learning_ones() {
        let course = course();
        let ids = ids(&course);
        let now = t("2026-11-27T12:00:00Z");
        let mut p = reviews_due(6, 3, &ids, now);
        let q = p.queue(&course, now);
        let due: Vec<&str> = q.due.iter().map(|i| i.question.id.as_str()).collect();
        assert_eq!(due, [ids[0].as_str(), ids[1].as_str(), ids[2].as_str()], "the most overdue first");
        assert_eq!((q.reviews_allowed_today, q.reviews_held_back), (3, 3));
        assert_eq!(p.due_report(&course, now, false).held_back, 3);

        // Two reviews done today leave one; a learning card comes on top, uncapped.
        p.record_review(&ids[0], Rating::Good, now - SignedDuration::from_hours(2));
        p.record_review(&ids[1], Rating::Again, now - SignedDuration::from_hours(1)); // relearning, due
        p.record_review(&ids[10], Rating::Again, now - SignedDuration::from_mins(5)); // learning, due
        assert_eq!(p.reviews_done_today(now), 2);
        let q = p.queue(&course, now);
        let due: Vec<&str> = q.due.iter().map(|i| i.question.id.as_str()).collect();
        assert_eq!(due, [ids[2].as_str(), ids[1].as_str(), ids[10].as_str()]);
        assert_eq!((q.reviews_allowed_today, q.reviews_held_back), (1, 3));
        // The next UTC day brings a fresh allowance.
        assert_eq!(p.queue(&course, t("2026-11-28T00:00:00Z")).reviews_allowed_today, 3);
        // 0 offers no review cards at all; learning cards still come.
        let mut none = reviews_due(6, 0, &ids, now);
        none.record_review(&ids[10], Rating::Again, now - SignedDuration::from_mins(5));
        let q = none.queue(&course, now);
        assert_eq!(q.due.iter().map(|i| i.question.id.as_str()).collect::<Vec<_>>(), [ids[10].as_str()]);
        assert_eq!(q.reviews_held_back, 6);
    }

    #[test]
    fn learning_cards_within_twenty_minutes_come_after_everything_else() {
        let course = course();
        let ids = ids(&course);
        let now = t("2026-11-27T12:00:00Z");
        let mut p = in_topic_order(2);
        p.record_review(&ids[0], Rating::Good, now - SignedDuration::from_mins(1)); // due in 9 min
        p.record_review(&ids[1], Rating::Again, now - SignedDuration::from_secs(30)); // due in 30 s
        p.record_review(&ids[2], Rating::Hard, now); // due in 5.5 min
        p.record_review(&ids[3], Rating::Good, now - SignedDuration::from_mins(10)); // due now
        // A review card forgotten: relearning, due in 10 minutes.
        let relearn = ids[4].clone();
        p.record_review(&relearn, Rating::Easy, now - SignedDuration::from_hours(24 * 30));
        p.record_review(&relearn, Rating::Again, now);
        // A review card due in 10 minutes is not learning: not ahead.
        let review_soon = ids[5].clone();
        p.record_review(
            &review_soon,
            Rating::Easy,
            now + SignedDuration::from_mins(10) - SignedDuration::from_hours(8 * 24),
        );
        // A learning card due in 25 minutes: past the window.
        let later = &ids[6];
        p.record_review(later, Rating::Good, now + SignedDuration::from_mins(15));
        let q = p.queue(&course, now);
        let names = |items: &[QueueItem<'_>]| items.iter().map(|i| i.question.id.clone()).collect::<Vec<_>>();
        assert_eq!(names(&q.due), [ids[3].clone()]);
        assert_eq!(names(&q.learn_ahead), [ids[1].clone(), ids[2].clone(), ids[0].clone(), relearn.clone()]);
        assert_eq!(q.next_due, Some(now + SignedDuration::from_secs(30)));
        // The session: due, new, then those within the window.
        let session: Vec<String> = q.session().map(|i| i.question.id.clone()).collect();
        let mut want = names(&q.due);
        want.extend(names(&q.new));
        want.extend(names(&q.learn_ahead));
        assert_eq!(session, want);
        assert_eq!(q.cards().count(), q.len(), "cards() stays what is due strictly now");
        // 20 minutes on, the window has moved and the late card is in it.
        let q = p.queue(&course, now + SignedDuration::from_mins(20));
        assert!(names(&q.learn_ahead).contains(later));
    }

    /// What the queue and the file are, to compare before and after.
    fn snapshot(p: &Progress, course: &Course, now: Timestamp) -> (String, Vec<String>, Vec<String>) {
        let q = p.queue(course, now);
        let ids = |items: &[QueueItem<'_>]| items.iter().map(|i| i.question.id.clone()).collect();
        (p.to_toml(), ids(&q.due), ids(&q.new))
    }

    #[test]
    fn bury_and_suspend_undo_to_exactly_what_was_there_before() {
        let course = course();
        let ids = ids(&course);
        let now = t("2026-11-27T12:00:00Z");
        let mut p = progress(20);
        let (learning, review) = (&ids[0], &ids[1]);
        p.record_review(learning, Rating::Again, now - SignedDuration::from_mins(5));
        p.record_review(review, Rating::Easy, now - SignedDuration::from_hours(24 * 30));
        p.bury(&ids[2], now); // a bury already in place stays through the others' undo
        let new = &p.queue(&course, now).new[3].question.id.clone();
        for card in [new, learning, review] {
            let before = snapshot(&p, &course, now);
            assert!(before.1.contains(card) || before.2.contains(card), "{card} is in the queue");
            assert!(p.bury(card, now));
            let buried = snapshot(&p, &course, now);
            assert!(!buried.1.contains(card) && !buried.2.contains(card));
            assert!(p.unbury(card));
            assert_eq!(snapshot(&p, &course, now), before);

            assert!(p.suspend(card));
            let suspended = snapshot(&p, &course, now);
            assert!(!suspended.1.contains(card) && !suspended.2.contains(card));
            assert!(p.unsuspend(card));
            assert_eq!(snapshot(&p, &course, now), before);
        }
        // Burying a buried card changes nothing, so there is nothing for unbury to undo.
        assert!(!p.bury(&ids[2], now));
        assert!(p.suspend(new));
        assert!(!p.suspend(new));
        assert!(!p.unbury(new));
    }
}
