//! Two copies of one learner's progress made one (`cloudcram progress merge OTHER.toml`), for
//! a learner who studies on two machines and syncs the file with any file-sync tool.
//!
//! The merge is a union: every review, practice answer, exam, lesson read, suspension and
//! bury of the other copy that this one does not have is added; an entry both have is kept
//! once. "The same entry" is the same in every field (a review: card, instant and rating, the
//! instant to the nanosecond; an exam: every field and answer). Counted, not just present: a
//! file that holds an entry twice and another that holds it once merge to twice.
//!
//! - **Settings stay this copy's**, whatever the other's are: they are the machine's choice.
//! - **The log comes out in time order**, reviews, practice answers and exams each sorted by
//!   their time (entries at the same instant keep their order, this copy's first). Each card's
//!   schedule is derived by replaying its reviews in time order anyway, so this changes no
//!   card of this copy; and two machines that merge each other's files get the same entries
//!   in the same order.
//! - **A lesson read** in both keeps the earlier time it was first read. A card suspended in
//!   either stays suspended: the file keeps no record of taking a card out of `suspended`,
//!   so a merge cannot tell an unsuspension from a suspension never made; take it out of the
//!   list again after the merge. A bury still in force in the other copy is added (the later
//!   end wins); ended ones are dropped, in both copies.
//! - The exam in progress (`exam-in-progress.toml`) is a file of its own and is not merged.
//!
//! [`Progress::merge`] works in memory; [`Store::merge`](super::Store::merge) saves the result
//! with a full rewrite, so the file as it was before stays as `progress.toml.bak`.

use std::collections::HashMap;

use jiff::Timestamp;

use super::doc::Progress;
use crate::fmt::plural;

/// What a merge added from the other copy, and how much of it was here already.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Merged {
    pub reviews: usize,
    pub practice: usize,
    pub exams: usize,
    /// Lessons read in the other copy only.
    pub lessons: usize,
    /// Lessons read in both, whose first reading was earlier in the other copy.
    pub earlier_reads: usize,
    pub suspended: usize,
    pub buried: usize,
    /// Entries of the other copy that this one already holds (each review, practice
    /// answer, exam, lesson read, suspension and bury).
    pub already: usize,
    /// The other copy's settings differ from these (which stay).
    pub settings_differ: bool,
}

impl Merged {
    /// Whether the merge changed anything: if not, there is nothing to save.
    pub fn is_empty(&self) -> bool {
        self.reviews + self.practice + self.exams + self.lessons + self.earlier_reads + self.suspended + self.buried
            == 0
    }

    /// "added 120 reviews, 14 practice answers, 1 exam; 3,400 were here already", or, when
    /// it added nothing, what the other file held: "all 3,520 of its entries are here already".
    pub fn summary(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (n, what) in [
            (self.reviews, "review"),
            (self.practice, "practice answer"),
            (self.exams, "exam"),
            (self.lessons, "lesson read"),
            (self.suspended, "suspended card"),
            (self.buried, "buried card"),
        ] {
            if n > 0 {
                parts.push(if what == "lesson read" {
                    format!("{} read", plural(n, "lesson"))
                } else {
                    plural(n, what)
                });
            }
        }
        if self.earlier_reads > 0 {
            parts.push(format!("the earlier first reading of {}", plural(self.earlier_reads, "lesson")));
        }
        let already = match self.already {
            0 => "none was here already".to_string(),
            1 => "1 was here already".to_string(),
            n => format!("{} were here already", crate::fmt::num(n as f64)),
        };
        if parts.is_empty() {
            return match self.already {
                0 => "it holds no entries".to_string(),
                1 => "its only entry is here already".to_string(),
                n => format!("all {} of its entries are here already", crate::fmt::num(n as f64)),
            };
        }
        format!("added {}; {already}", parts.join(", "))
    }
}

/// How many times each key occurs.
fn counts<K: std::hash::Hash + Eq>(keys: impl Iterator<Item = K>) -> HashMap<K, usize> {
    let mut map = HashMap::new();
    for k in keys {
        *map.entry(k).or_insert(0) += 1;
    }
    map
}

/// Whether `key` is still unmatched among `have`: if so it is taken (so an entry twice in
/// the other copy and once here is added once).
fn take<K: std::hash::Hash + Eq>(have: &mut HashMap<K, usize>, key: &K) -> bool {
    match have.get_mut(key) {
        Some(n) if *n > 0 => {
            *n -= 1;
            true
        }
        _ => false,
    }
}

impl Progress {
    /// Adds everything of `other` this progress does not hold (see the module's docs), at
    /// `now` (buries that have ended by then are not taken). Settings stay as they are. Call
    /// [`Store::merge`](super::Store::merge) to merge and save in one step.
    pub fn merge(&mut self, other: &Progress, now: Timestamp) -> Merged {
        let mut m = Merged { settings_differ: other.settings() != self.settings(), ..Merged::default() };
        self.drop_ended_buries(now);

        // Reviews, by (card, instant, rating).
        let mut have = counts(self.reviews().map(|r| (r.card.to_string(), r.at, r.rating)));
        let mut added_reviews = Vec::new();
        for r in other.reviews() {
            if take(&mut have, &(r.card.to_string(), r.at, r.rating)) {
                m.already += 1;
            } else {
                added_reviews.push((r.card.to_string(), r.at, r.rating));
            }
        }
        m.reviews = added_reviews.len();
        if m.reviews > 0 {
            for (card, at, rating) in &added_reviews {
                self.push_entry(card, *at, *rating);
            }
            // Stable: entries at one instant keep their order, this copy's first.
            self.log.sort_by_key(|e| e.at);
            self.replay();
            // The log is no longer the file's with entries after it: the next save rewrites.
            self.log_floor = 0;
        }

        let mut have = counts(self.practice.iter().map(|p| (p.card.clone(), p.at, p.correct, p.mode)));
        for p in &other.practice {
            if take(&mut have, &(p.card.clone(), p.at, p.correct, p.mode)) {
                m.already += 1;
            } else {
                self.practice.push(p.clone());
                m.practice += 1;
            }
        }
        if m.practice > 0 {
            self.practice.sort_by_key(|p| p.at);
        }

        // Exams are few, and an ExamRecord has no hash: compared one by one.
        let mut matched = vec![false; self.exams.len()];
        for e in &other.exams {
            match self.exams.iter().enumerate().position(|(i, mine)| !matched[i] && mine == e) {
                Some(i) => {
                    matched[i] = true;
                    m.already += 1;
                }
                None => {
                    self.exams.push(e.clone());
                    matched.push(true);
                    m.exams += 1;
                }
            }
        }
        if m.exams > 0 {
            self.exams.sort_by_key(|e| e.at);
        }

        for (lesson, &at) in &other.read {
            match self.read.get_mut(lesson) {
                None => {
                    self.read.insert(lesson.clone(), at);
                    m.lessons += 1;
                }
                Some(mine) if at < *mine => {
                    *mine = at;
                    m.earlier_reads += 1;
                }
                Some(_) => m.already += 1,
            }
        }

        for card in &other.suspended {
            if self.suspended.insert(card.clone()) {
                m.suspended += 1;
            } else {
                m.already += 1;
            }
        }

        for (card, &until) in other.buried.iter().filter(|&(_, &until)| now < until) {
            match self.buried.get_mut(card) {
                Some(mine) if *mine >= until => m.already += 1,
                Some(mine) => {
                    *mine = until;
                    m.buried += 1;
                }
                None => {
                    self.buried.insert(card.clone(), until);
                    m.buried += 1;
                }
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::testing::{progress, t};
    use crate::progress::{ExamAnswer, ExamRecord, PracticeMode};
    use crate::srs::Rating;

    const NOW: &str = "2026-11-27T15:00:00Z";

    fn exam(at: &str, score: u32) -> ExamRecord {
        ExamRecord {
            at: t(at),
            topics: vec!["lambda".into()],
            score,
            total: 2,
            passed: score == 2,
            seconds: Some(60),
            answers: vec![ExamAnswer {
                question: "lambda.x".into(),
                given: vec!["a".into()],
                correct: true,
                flagged: false,
            }],
        }
    }

    /// A laptop's and a desktop's copy: one review and one practice answer in common.
    fn two_copies() -> (Progress, Progress) {
        let mut laptop = progress(20);
        laptop.record_review("lambda.a", Rating::Good, t("2026-11-20T10:00:00Z"));
        laptop.record_review("lambda.a", Rating::Good, t("2026-11-22T10:00:00Z"));
        laptop.record_practice("lambda.a", true, PracticeMode::Quiz, t("2026-11-20T11:00:00Z"));
        laptop.mark_read("lambda.basics", t("2026-11-20T09:00:00Z"));
        laptop.record_exam(exam("2026-11-21T10:00:00Z", 1));
        let mut desktop = progress(5);
        desktop.record_review("lambda.a", Rating::Good, t("2026-11-20T10:00:00Z"));
        desktop.record_review("ecs.b", Rating::Again, t("2026-11-21T10:00:00Z"));
        desktop.record_review("lambda.a", Rating::Hard, t("2026-11-21T12:00:00Z"));
        desktop.record_practice("lambda.a", true, PracticeMode::Quiz, t("2026-11-20T11:00:00Z"));
        desktop.record_practice("ecs.b", false, PracticeMode::Drill, t("2026-11-21T11:00:00Z"));
        desktop.mark_read("lambda.basics", t("2026-11-19T09:00:00Z"));
        desktop.mark_read("ecs.basics", t("2026-11-21T09:00:00Z"));
        desktop.record_exam(exam("2026-11-22T10:00:00Z", 2));
        desktop.suspend("ecs.c");
        desktop.bury("ecs.d", t(NOW));
        desktop.buried.insert("ecs.old".into(), t("2026-11-01T00:00:00Z"));
        (laptop, desktop)
    }

    #[test]
    fn overlapping_copies_merge_to_their_union_in_time_order() {
        let (mut laptop, desktop) = two_copies();
        let settings = laptop.settings();
        let m = laptop.merge(&desktop, t(NOW));
        assert_eq!(
            m,
            Merged {
                reviews: 2,
                practice: 1,
                exams: 1,
                lessons: 1,
                earlier_reads: 1,
                suspended: 1,
                buried: 1,
                already: 2,
                settings_differ: true,
            }
        );
        assert_eq!(laptop.settings(), settings, "settings stay this copy's");
        let times: Vec<Timestamp> = laptop.reviews().map(|r| r.at).collect();
        assert!(times.is_sorted() && times.len() == 4, "{times:?}");
        assert_eq!(laptop.card("lambda.a").reps, 3);
        assert_eq!(laptop.card("ecs.b").reps, 1);
        assert_eq!(laptop.practice().len(), 2);
        assert_eq!(laptop.exams().iter().map(|e| e.score).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(laptop.read["lambda.basics"], t("2026-11-19T09:00:00Z"), "the earlier first reading");
        assert!(laptop.is_suspended("ecs.c") && laptop.is_buried("ecs.d", t(NOW)));
        assert!(!laptop.buried.contains_key("ecs.old"), "an ended bury is not taken");
        assert_eq!(
            m.summary(),
            "added 2 reviews, 1 practice answer, 1 exam, 1 lesson read, 1 suspended card, 1 buried card, the earlier \
             first reading of 1 lesson; 2 were here already"
        );

        // The state is what replaying the union gives, and merging again adds nothing.
        let mut replayed = laptop.clone();
        replayed.replay();
        assert_eq!(replayed.card("lambda.a"), laptop.card("lambda.a"));
        let again = laptop.merge(&desktop, t(NOW));
        assert!(again.is_empty(), "{again:?}");
        assert_eq!(again.already, 10);
    }

    #[test]
    fn both_ways_give_the_same_entries_in_the_same_order() {
        let (laptop, desktop) = two_copies();
        let (mut a, mut b) = (laptop.clone(), desktop.clone());
        a.merge(&desktop, t(NOW));
        b.merge(&laptop, t(NOW));
        let entries = |p: &Progress| {
            let mut p = p.clone();
            p.set_settings(crate::progress::Settings::default()).unwrap();
            p.to_toml()
        };
        assert_eq!(entries(&a), entries(&b));
    }

    #[test]
    fn disjoint_copies_add_everything_and_identical_ones_nothing() {
        let mut a = progress(20);
        a.record_review("lambda.a", Rating::Good, t("2026-11-20T10:00:00Z"));
        let mut b = progress(20);
        b.record_review("ecs.b", Rating::Easy, t("2026-11-19T10:00:00Z"));
        b.record_practice("ecs.b", true, PracticeMode::Check, t("2026-11-19T10:01:00Z"));
        let m = a.merge(&b, t(NOW));
        assert_eq!((m.reviews, m.practice, m.already, m.settings_differ), (1, 1, 0, false));
        assert_eq!(m.summary(), "added 1 review, 1 practice answer; none was here already");
        assert_eq!(a.reviews().next().unwrap().card, "ecs.b", "the earlier review first");

        let copy = a.clone();
        let m = a.merge(&copy, t(NOW));
        assert!(m.is_empty());
        assert_eq!(m.summary(), "all 3 of its entries are here already");
        assert_eq!(a.to_toml(), copy.to_toml());
        assert_eq!(progress(20).merge(&progress(20), t(NOW)).summary(), "it holds no entries");
    }

    #[test]
    fn an_entry_twice_in_one_copy_stays_twice() {
        let at = t("2026-11-20T10:00:00Z");
        let mut once = progress(20);
        once.record_review("lambda.a", Rating::Good, at);
        let mut twice = once.clone();
        twice.record_review("lambda.a", Rating::Good, at);
        let m = once.merge(&twice, t(NOW));
        assert_eq!((m.reviews, m.already), (1, 1));
        assert_eq!(once.review_count(), 2);
        assert!(twice.merge(&once, t(NOW)).is_empty());
    }
}
