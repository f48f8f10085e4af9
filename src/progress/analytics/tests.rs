use super::*;
use crate::progress::Review;
use crate::progress::testing::{course, ids, progress, t};

fn log(entries: &[(&str, &str, Rating)]) -> Progress {
    let settings = crate::progress::Settings { fuzz: false, ..Default::default() };
    Progress::with_reviews(
        settings,
        entries.iter().map(|(card, at, rating)| Review { card, at: t(at), rating: *rating }),
    )
}

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn the_heatmap_counts_reviews_per_utc_day_and_adds_up_to_the_log() {
    use Rating::Good;
    let p = log(&[
        ("a", "2026-11-01T23:59:00Z", Good),
        ("b", "2026-11-01T00:00:00Z", Good),
        ("a", "2026-11-02T00:00:01Z", Good),
        ("c", "2026-11-01T12:00:00Z", Good),
        ("gone.card", "2026-11-05T08:00:00Z", Good),
    ]);
    let h = p.heatmap();
    assert_eq!(
        h,
        vec![
            ReviewDay { date: day("2026-11-01"), reviews: 3 },
            ReviewDay { date: day("2026-11-02"), reviews: 1 },
            ReviewDay { date: day("2026-11-05"), reviews: 1 },
        ]
    );
    assert_eq!(h.iter().map(|d| d.reviews).sum::<usize>(), p.review_count());
}

#[test]
fn the_streak_runs_back_from_today_or_from_yesterday_before_todays_first_review() {
    use Rating::Good;
    let p = log(&[
        ("a", "2026-11-24T09:00:00Z", Good),
        ("a", "2026-11-26T09:00:00Z", Good),
        ("b", "2026-11-27T09:00:00Z", Good),
        ("a", "2026-11-28T22:00:00Z", Good),
    ]);
    // 26, 27, 28 in a row; the 25th has none.
    assert_eq!(p.streak(t("2026-11-28T23:00:00Z")), 3);
    // On the 29th before any review, the streak still stands.
    assert_eq!(p.streak(t("2026-11-29T08:00:00Z")), 3);
    // A day missed ends it.
    assert_eq!(p.streak(t("2026-11-30T08:00:00Z")), 0);
    assert_eq!(Progress::default().streak(t("2026-11-30T08:00:00Z")), 0);
}

#[test]
fn true_retention_counts_only_reviews_in_the_review_state_by_month() {
    use Rating::{Again, Good};
    // Card a: learns (2 reviews in October), then in November: recalled, forgotten, its
    // relearning step (not graded), recalled. 3 graded reviews, 2 recalled.
    let p = log(&[
        ("a", "2026-10-29T10:00:00Z", Good),
        ("a", "2026-10-29T10:10:00Z", Good),
        ("a", "2026-11-01T10:00:00Z", Good),
        ("a", "2026-11-11T10:00:00Z", Again),
        ("a", "2026-11-11T10:10:00Z", Good),
        ("a", "2026-11-16T10:00:00Z", Good),
    ]);
    let r = p.retention();
    assert_eq!(r.true_retention, Some(2.0 / 3.0));
    assert_eq!((r.young, r.mature), (Some(2.0 / 3.0), None), "every interval under 21 days");
    assert!((r.desired - 0.9).abs() < 1e-12);
    let months: Vec<(&str, usize, usize, usize)> =
        r.months.iter().map(|m| (m.month.as_str(), m.reviews, m.graded, m.recalled)).collect();
    assert_eq!(months, vec![("2026-10", 2, 0, 0), ("2026-11", 4, 3, 2)]);
    assert_eq!(r.months[0].true_retention, None);
    assert_eq!(Progress::default().retention().true_retention, None);
}

#[test]
fn a_review_after_an_interval_of_21_days_or_more_is_a_mature_one() {
    use Rating::{Again, Easy};
    // Easy twice: the second interval is well over 21 days, so the third review is mature.
    let p = log(&[
        ("a", "2026-01-01T10:00:00Z", Easy),
        ("a", "2026-01-10T10:00:00Z", Easy),
        ("a", "2026-06-01T10:00:00Z", Again),
    ]);
    let card_interval = {
        let q = log(&[("a", "2026-01-01T10:00:00Z", Easy), ("a", "2026-01-10T10:00:00Z", Easy)]);
        q.card("a").interval().unwrap()
    };
    assert!(card_interval >= SignedDuration::from_hours(24 * 21), "{card_interval:?}");
    let r = p.retention();
    assert_eq!((r.young, r.mature), (Some(1.0), Some(0.0)));
}

#[test]
fn mastery_sorts_each_topics_cards_by_state_and_interval() {
    use Rating::{Again, Easy, Good};
    let course = course();
    let topic = &course.topics[0];
    let [a, b, c] = [&topic.questions[0].id, &topic.questions[1].id, &topic.questions[2].id];
    let p = log(&[
        (a, "2026-11-27T10:00:00Z", Again),
        (b, "2026-11-27T10:00:00Z", Good),
        (b, "2026-11-27T10:10:00Z", Good),
        (c, "2026-01-01T10:00:00Z", Easy),
        (c, "2026-01-10T10:00:00Z", Easy),
    ]);
    let m = p.mastery(&course);
    assert_eq!(m[0], Mastery { new: topic.questions.len() - 3, learning: 1, young: 1, mature: 1 });
    assert!(m[1..].iter().all(|m| m.new == m.total()), "other topics untouched");
    assert_eq!(m.iter().map(Mastery::total).sum::<usize>(), course.questions().count());
}

#[test]
fn the_forecast_counts_what_due_all_lists_per_day_overdue_today() {
    use Rating::{Again, Easy, Good};
    let course = course();
    let ids = ids(&course);
    let now = t("2026-11-27T15:00:00Z");
    let mut p = log(&[
        (&ids[0], "2026-11-27T14:00:00Z", Again), // due 14:01: overdue, today
        (&ids[1], "2026-11-26T10:00:00Z", Easy),  // 8 days on: the 4th of December
        (&ids[2], "2026-11-27T14:50:00Z", Good),  // learning, due 15:00 today
        (&ids[3], "2026-11-27T10:00:00Z", Easy),  // suspended: not counted
        ("gone.card", "2026-11-27T10:00:00Z", Good),
    ]);
    p.suspend(&ids[3]);
    let f = p.forecast(&course, now);
    assert_eq!(f.len(), FORECAST_DAYS);
    assert_eq!(f[0], DueDay { date: day("2026-11-27"), due: 2 });
    assert_eq!(f[7], DueDay { date: day("2026-12-04"), due: 1 });
    assert_eq!(f.iter().map(|d| d.due).sum::<usize>(), 3);
    // The same as `due --all` grouped by UTC day.
    let report = p.due_report(&course, now, true);
    let mut want = [0usize; FORECAST_DAYS];
    for c in report.cards.iter().filter(|c| !c.suspended) {
        if let Some(due) = c.due {
            let d = (utc_day(due) - utc_day(now)).max(0) as usize;
            if d < FORECAST_DAYS {
                want[d] += 1;
            }
        }
    }
    assert_eq!(f.iter().map(|d| d.due).collect::<Vec<_>>(), want.to_vec());
}

#[test]
fn readiness_starts_at_the_guessing_rate_and_nears_100_when_everything_is_known() {
    let course = course();
    let now = t("2026-11-27T15:00:00Z");
    let pool: Vec<&Question> = course.questions().filter(|q| Kinds::Exam.admits(&course, q)).collect();
    let guess = pool.iter().map(|q| guess_chance(&course, q)).sum::<f64>() / pool.len() as f64;
    let empty = progress(20).readiness(&course, now);
    assert_eq!(empty.questions, pool.len());
    assert_eq!(empty.reviewed, 0);
    assert!((empty.percent - (guess * 1000.0).round() / 10.0).abs() < 0.051, "{} vs {guess}", empty.percent);
    assert!(empty.low <= empty.percent && empty.percent <= empty.high);
    assert!(empty.percent > 20.0 && empty.percent < 45.0, "a guess on 4 options or true/false: {}", empty.percent);
    // Every exam question learned and graduated an hour ago: recall is near certain.
    let mut reviews = Vec::new();
    for q in &pool {
        reviews.push((q.id.as_str(), "2026-11-27T13:00:00Z", Rating::Good));
        reviews.push((q.id.as_str(), "2026-11-27T13:10:00Z", Rating::Good));
    }
    let known = log(&reviews).readiness(&course, now);
    assert_eq!(known.reviewed, pool.len());
    assert!(known.percent >= 99.0, "{}", known.percent);
    assert!(known.low <= known.percent && known.percent <= known.high && known.high <= 100.0);
    assert!(known.study_next.is_empty(), "nothing left to raise: {:?}", known.study_next);
    // Shares follow the exam's pools and add up to one.
    assert!((empty.topics.iter().map(|t| t.share).sum::<f64>() - 1.0).abs() < 1e-9);
    // 100 + 900 x 44 / 65 = 709 passes; 43 of 65 scale to 695.
    assert!((empty.pass - 67.7).abs() < 0.01, "{}", empty.pass);
}

#[test]
fn practice_moves_unseen_cards_towards_the_topics_accuracy_and_names_what_to_study() {
    let course = course();
    let now = t("2026-11-27T15:00:00Z");
    let mut p = progress(20);
    let lambda = course.topics.iter().position(|t| t.id == "lambda").unwrap();
    // Ten right answers in Lambda practice, none in the rest.
    for q in course.topics[lambda].questions.iter().take(10) {
        p.record_practice(&q.id, true, crate::progress::PracticeMode::Quiz, now);
    }
    let before = progress(20).readiness(&course, now);
    let after = p.readiness(&course, now);
    let lam = |r: &Readiness| r.topics.iter().find(|t| t.id == "lambda").unwrap().percent;
    // (10 x 1 + 5 x guess) / 15: two thirds of the way from the guess to certainty.
    let guess = lam(&before) / 100.0;
    let want = (10.0 + 5.0 * guess) / 15.0 * 100.0;
    assert!((lam(&after) - want).abs() < 0.2, "{} vs {want}", lam(&after));
    assert!(after.percent > before.percent);
    // The weakest big topics come first in what to study; Lambda is no longer the top one.
    assert_eq!(before.study_next.len(), 3);
    assert_ne!(after.study_next.first().map(String::as_str), Some("lambda"));
}

#[test]
fn guessing_chances_follow_the_question_kind() {
    let course = course();
    for q in course.questions() {
        let g = guess_chance(&course, q);
        assert!((0.0..=1.0).contains(&g), "{}: {g}", q.id);
        match &q.body {
            QuestionBody::TrueFalse { .. } => assert!((g - 0.5).abs() < 1e-12),
            QuestionBody::Multi { options, answers } if options.len() == 5 && answers.len() == 2 => {
                assert!((g - 0.1).abs() < 1e-12, "C(5,2) = 10");
            }
            _ => {}
        }
    }
    assert_eq!(date_of(0), day("1970-01-01"));
    assert_eq!(date_of(20_419), day("2025-11-27"));
}
