#![allow(clippy::cast_possible_wrap)] // row counts are tiny

use proptest::prelude::*;

use super::draft::parse_number;
use super::*;
use crate::content::fixture_course;

fn session_of(course: &Course, id: &str, seed: u64) -> Session {
    Session::new(course, Purpose::Practice, vec![QRef::find(course, id).unwrap()], seed).unwrap()
}

/// Moves the cursor to the display row showing content index `content`.
fn row_of(item: &Item, content: usize) -> usize {
    item.layout.order.iter().position(|&i| i == content).unwrap()
}

#[test]
fn single_is_graded_by_the_option_under_the_cursor() {
    let course = fixture_course();
    for (pick, correct) in [(0, true), (1, false)] {
        let mut s = session_of(&course, "alpha.single", 7);
        let row = row_of(s.item(), pick);
        s.item_mut().draft.move_by(row as isize);
        assert_eq!(s.submit(&course).unwrap().correct, correct);
        assert!(s.is_answered());
    }
}

#[test]
fn multi_needs_exactly_the_count_and_grades_each_option() {
    let course = fixture_course();
    let mut s = session_of(&course, "alpha.multi", 3);
    // Pick only the first answer: refused, still unanswered.
    let r0 = row_of(s.item(), 0) as isize;
    s.item_mut().draft.move_by(r0);
    s.item_mut().draft.toggle();
    assert_eq!(s.submit(&course), Err(DraftError::PickCount { need: 2, have: 1 }));
    assert!(!s.is_answered());
    // Add the wrong one (ec2, index 2): 2 picked, 1 of 3 options judged wrongly twice.
    let r2 = row_of(s.item(), 2) as isize - r0;
    s.item_mut().draft.move_by(r2);
    s.item_mut().draft.toggle();
    let g = s.submit(&course).unwrap();
    assert_eq!(g, Grade { correct: false, parts_right: 1, parts: 3 });
}

#[test]
fn true_false_flips_and_grades() {
    let course = fixture_course();
    let mut s = session_of(&course, "alpha.truth", 1);
    assert!(s.submit(&course).unwrap().correct, "cursor starts on True, the answer");
    let mut s = session_of(&course, "alpha.truth", 1);
    s.item_mut().draft.toggle();
    assert!(!s.submit(&course).unwrap().correct);
}

#[test]
fn order_is_solved_by_grabbing_and_moving() {
    let course = fixture_course();
    let mut s = session_of(&course, "alpha.order", 11);
    // Sort by repeated grab-move: for each target position, find the item and move it up.
    for target in 0..3 {
        let Draft::Arrange { arrangement, .. } = &s.item().draft else { panic!() };
        let at = arrangement.iter().position(|&i| i == target).unwrap();
        let d = &mut s.item_mut().draft;
        let cur = d.cursor().unwrap() as isize;
        d.move_by(at as isize - cur);
        d.toggle();
        d.move_by(target as isize - at as isize);
        d.toggle();
        assert!(matches!(d, Draft::Arrange { grabbed: false, .. }));
    }
    assert_eq!(s.submit(&course).unwrap(), Grade { correct: true, parts_right: 3, parts: 3 });
}

#[test]
fn order_and_match_never_start_solved() {
    let course = fixture_course();
    for seed in 0..200 {
        for id in ["alpha.order", "alpha.match"] {
            let mut s = session_of(&course, id, seed);
            assert!(!s.submit(&course).unwrap().correct, "{id} seed {seed} starts solved");
        }
    }
}

#[test]
fn match_counts_pairs_right() {
    let course = fixture_course();
    let r = QRef::find(&course, "alpha.match").unwrap();
    let q = r.get(&course);
    assert!(grade(q, &Response::Match(vec![0, 1, 2])).correct);
    assert_eq!(grade(q, &Response::Match(vec![0, 2, 1])), Grade { correct: false, parts_right: 1, parts: 3 });
    assert!(!grade(q, &Response::Match(vec![0, 1])).correct, "too short");
}

#[test]
fn numeric_accepts_what_people_type_within_tolerance() {
    let course = fixture_course();
    let mut s = session_of(&course, "alpha.numeric", 0);
    assert_eq!(s.submit(&course), Err(DraftError::Empty));
    for c in "1,000".chars() {
        s.item_mut().draft.type_char(c);
    }
    s.item_mut().draft.type_char('x'); // ignored
    assert!(s.submit(&course).unwrap().correct);
    let r = QRef::find(&course, "alpha.numeric").unwrap();
    let q = r.get(&course);
    assert!(!grade(q, &Response::Numeric(1000.5)).correct, "tolerance 0 means exact");
    assert!(!grade(q, &Response::Numeric(f64::NAN)).correct);
}

#[test]
fn numbers_parse_like_people_write_them() {
    assert_eq!(parse_number("$18.74"), Ok(18.74));
    assert_eq!(parse_number(" 1,234.5 "), Ok(1234.5));
    assert_eq!(parse_number("-3"), Ok(-3.0));
    assert_eq!(parse_number("1e6"), Ok(1e6));
    assert_eq!(parse_number(""), Err(DraftError::Empty));
    assert_eq!(parse_number("1.2.3"), Err(DraftError::NotANumber("1.2.3".into())));
    assert_eq!(parse_number("1e999"), Err(DraftError::NotANumber("1e999".into())));
}

#[test]
fn a_wrong_shape_is_wrong_not_a_panic() {
    let course = fixture_course();
    let r = QRef::find(&course, "alpha.single").unwrap();
    let q = r.get(&course);
    assert!(!grade(q, &Response::TrueFalse(true)).correct);
}

#[test]
fn layout_is_stable_for_a_seed() {
    let course = fixture_course();
    let a = Session::practice(&course, &[], Some(6), 0, 42).unwrap();
    let b = Session::practice(&course, &[], Some(6), 0, 42).unwrap();
    let ids = |s: &Session| s.items.iter().map(|i| (i.qref.clone(), i.layout.clone())).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    let varied = (0..20).any(|seed| ids(&Session::practice(&course, &[], Some(6), 0, seed).unwrap()) != ids(&a));
    assert!(varied, "different seeds should give different orders");
}

#[test]
fn practice_filters_topics_and_counts() {
    let course = fixture_course();
    assert_eq!(Session::practice(&course, &["alpha".into()], Some(3), 0, 1).unwrap().items.len(), 3);
    assert_eq!(Session::practice(&course, &[], Some(50), 0, 1).unwrap().items.len(), 6);
    let err = Session::practice(&course, &["nope".into()], None, 0, 1).unwrap_err();
    assert_eq!(err.to_string(), "no questions match: topic `nope` does not exist (topics: alpha)");
}

#[test]
fn lesson_check_takes_the_lessons_questions() {
    let course = fixture_course();
    assert_eq!(Session::for_lesson(&course, "alpha.first", 1).unwrap().items.len(), 6);
    assert_eq!(Session::for_lesson(&course, "alpha.none", 1).unwrap_err(), QuizError::Empty);
}

#[test]
fn results_count_per_topic_and_list_the_missed() {
    let course = fixture_course();
    let refs = ["alpha.truth", "alpha.single", "alpha.numeric"].map(|id| QRef::find(&course, id).unwrap());
    let mut s = Session::new(&course, Purpose::Practice, refs.to_vec(), 5).unwrap();
    s.submit(&course).unwrap(); // truth: True is right
    assert!(s.advance());
    let wrong = 1 - row_of(s.item(), 0); // the row that is not lambda (two options)
    s.item_mut().draft.move_by(wrong as isize);
    s.submit(&course).unwrap();
    assert!(s.advance());
    let r = s.results(&course);
    assert_eq!((r.right, r.answered, r.total), (1, 2, 3));
    assert_eq!(r.missed, vec![refs[1].clone()]);
    assert_eq!(r.per_topic, vec![TopicScore { topic: "alpha".into(), right: 1, total: 2 }]);
    assert!(!s.advance(), "no question after the last");
}

proptest! {
    #[test]
    fn score_never_exceeds_answered_or_count(seed in any::<u64>(), moves in proptest::collection::vec((-3isize..3, any::<bool>()), 0..40)) {
        let course = fixture_course();
        let mut s = Session::practice(&course, &[], Some(6), 0, seed).unwrap();
        for (i, (delta, toggle)) in moves.iter().enumerate() {
            s.item_mut().draft.move_by(*delta);
            if *toggle { s.item_mut().draft.toggle(); }
            s.item_mut().draft.type_char('7');
            if i % 3 == 2 {
                let _ = s.submit(&course);
                if s.is_answered() { s.advance(); }
            }
        }
        let r = s.results(&course);
        prop_assert!(r.right <= r.answered && r.answered <= r.total && r.total == 6);
        prop_assert!(s.current < s.items.len());
    }
}
