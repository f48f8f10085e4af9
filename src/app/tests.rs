//! `update` driven with actions, no terminal: each screen's transitions.

use super::*;
use crate::content::fixture_course;
use crate::quiz::{Draft, Phase, Purpose};
use crate::screens::home::{Home, MenuEntry};
use crate::screens::info::Info;
use crate::screens::lesson::Lesson;
use crate::screens::quiz::Quiz;
use crate::screens::study::{Lessons, Topics};
use crate::srs::Rating;
use crate::testing::{TestApp, app, now, press};

fn lesson(app: &App) -> &Lesson {
    match app.screen() {
        Screen::Lesson(v) => v,
        other => panic!("not a lesson: {other:?}"),
    }
}

fn quiz(app: &App) -> &Quiz {
    match app.screen() {
        Screen::Quiz(v) => v,
        other => panic!("not a quiz: {other:?}"),
    }
}

#[test]
fn home_menu_moves_and_opens_study() {
    let mut a = app(&Start::Home);
    press(&mut a, &[Action::Up, Action::Down, Action::Down, Action::Up]);
    assert!(matches!(a.screen(), Screen::Home(Home { selected: 1 })));
    press(&mut a, &[Action::Bottom]);
    assert!(matches!(a.screen(), Screen::Home(Home { selected: 7 })));
    press(&mut a, &[Action::Top, Action::Enter]);
    assert!(matches!(a.screen(), Screen::Topics(Topics { selected: 0 })));
    press(&mut a, &[Action::Back, Action::Back]);
    assert!(matches!(a.screen(), Screen::Home(_)), "Esc at home stays home");
    assert_eq!(a.depth(), 1);
}

#[test]
fn quit_and_force_quit_end_the_app() {
    let mut a = app(&Start::Study(None));
    assert_eq!(a.update(Action::Quit), vec![Effect::Quit]);
    assert_eq!(a.update(Action::ForceQuit), vec![Effect::Quit]);
}

#[test]
fn study_reaches_a_lesson_and_back() {
    let mut a = app(&Start::Study(Some("alpha".into())));
    assert!(matches!(a.screen(), Screen::Lessons(Lessons { topic: 0, selected: 0 })));
    press(&mut a, &[Action::Enter]);
    let l = lesson(&a);
    assert_eq!((l.topic, l.lesson, l.scroll.top(), l.diagram, l.step), (0, 0, 0, 0, None));
    press(&mut a, &[Action::Back]);
    assert!(matches!(a.screen(), Screen::Lessons(_)));
}

#[test]
fn an_unknown_topic_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), now()).unwrap();
    let err = App::new(fixture_course(), store, now(), &Start::Study(Some("nope".into()))).err().unwrap();
    assert_eq!(err.to_string(), "unknown topic 'nope'; the topics are alpha");
}

#[test]
fn diagram_steps_advance_stop_at_the_end_and_go_back() {
    let mut a = app(&Start::Study(Some("alpha".into())));
    press(&mut a, &[Action::Enter, Action::Right]);
    assert_eq!(lesson(&a).step, Some(0));
    press(&mut a, &[Action::Right, Action::Right, Action::Right]);
    assert_eq!(lesson(&a).step, Some(1), "the fixture diagram has two steps");
    press(&mut a, &[Action::Left, Action::Left, Action::Left]);
    assert_eq!(lesson(&a).step, None);
    press(&mut a, &[Action::NextField]);
    assert_eq!(lesson(&a).diagram, 0, "one diagram: Tab has nowhere to go");
}

#[test]
fn lesson_scroll_stops_at_the_end() {
    let mut a = app(&Start::Study(Some("alpha".into())));
    a.size = (40, 10);
    press(&mut a, &[Action::Enter, Action::Bottom]);
    let bottom = lesson(&a).scroll.top();
    assert!(bottom > 0, "the fixture lesson overflows 40x10");
    press(&mut a, &[Action::Down, Action::PageDown]);
    assert_eq!(lesson(&a).scroll.top(), bottom);
    press(&mut a, &[Action::PageUp, Action::Top]);
    assert_eq!(lesson(&a).scroll.top(), 0);
}

#[test]
fn stepping_brings_an_inline_diagram_into_view() {
    let mut a = app(&Start::Study(Some("alpha".into())));
    a.size = (40, 10);
    // At the end of the lesson the diagram has scrolled out of view above.
    press(&mut a, &[Action::Enter, Action::Bottom]);
    let bottom = lesson(&a).scroll.top();
    let page = crate::app::body_height(a.size);
    let active = |a: &TestApp| {
        crate::screens::lesson::lesson_lines(&a.course, lesson(a), a.size.0, &crate::ui::Theme::monochrome())
            .active
            .expect("inline at 40 columns")
    };
    assert!(active(&a).start < bottom, "the diagram is above the view at the bottom");
    for _ in 0..2 {
        press(&mut a, &[Action::Right]);
        let (range, top) = (active(&a), lesson(&a).scroll.top());
        assert!(
            top <= range.start && range.end <= top + page,
            "the step's part and caption in view: {range:?} at {top}"
        );
    }
    // Stepping again with the step in view does not move the text.
    let top = lesson(&a).scroll.top();
    press(&mut a, &[Action::Right]);
    assert_eq!(lesson(&a).scroll.top(), top);
}

/// The screen as text.
fn screen_text(a: &App) -> String {
    crate::testing::draw(a)
}

#[test]
fn every_step_of_every_diagram_shows_its_caption_on_a_short_terminal() {
    // 50x15 inline and 120x15 beside the text: each step's caption must be on screen.
    for size in [(50, 15), (120, 15)] {
        let mut a = real_app(&Start::Home);
        a.size = size;
        let lessons: Vec<(usize, usize)> = (0..a.course.topics.len())
            .flat_map(|t| (0..a.course.topics[t].lessons.len()).map(move |l| (t, l)))
            .filter(|&(t, l)| !a.course.topics[t].lessons[l].diagrams.is_empty())
            .collect();
        for (t, l) in lessons {
            a.app.stack.push(Screen::Lesson(Lesson::new(t, l)));
            press(&mut a, &[Action::Bottom]);
            for d in 0..a.course.topics[t].lessons[l].diagrams.len() {
                let id = a.course.topics[t].lessons[l].diagrams[d].clone();
                let steps = a.course.diagram(&id).unwrap().steps.len();
                for k in 0..steps {
                    press(&mut a, &[Action::Right]);
                    let shown = screen_text(&a);
                    assert!(shown.contains(&format!("Step {} of {steps}", k + 1)), "{size:?} {id} step {k}:\n{shown}");
                }
                press(&mut a, &[Action::NextField]);
            }
            a.app.stack.pop();
        }
    }
}

#[test]
fn tab_between_diagrams_keeps_the_layout_and_its_titles_whole() {
    let mut a = real_app(&Start::Home);
    let (t, l) = (0..a.course.topics.len())
        .find_map(|t| a.course.topics[t].lessons.iter().position(|x| x.diagrams.len() > 1).map(|l| (t, l)))
        .expect("a lesson with two diagrams");
    let titles: Vec<String> =
        a.course.topics[t].lessons[l].diagrams.iter().map(|id| a.course.diagram(id).unwrap().title.clone()).collect();
    for width in [100, 120, 140, 160] {
        a.size = (width, 40);
        a.app.stack.push(Screen::Lesson(Lesson::new(t, l)));
        press(&mut a, &[]);
        let mut sides = Vec::new();
        for title in &titles {
            let laid =
                crate::screens::lesson::lesson_lines(&a.course, lesson(&a), width, &crate::ui::Theme::monochrome());
            sides.push(laid.side.map(|(_, w)| w));
            let shown = screen_text(&a);
            // Whole words only: the title is on screen in one piece, or wrapped at spaces.
            let words_shown = title.split_whitespace().all(|w| {
                shown
                    .split(|c: char| !c.is_alphanumeric() && c != '-')
                    .any(|x| x == w.trim_matches(|c: char| !c.is_alphanumeric()))
            });
            assert!(words_shown, "{width}: {title} cut:\n{shown}");
            press(&mut a, &[Action::NextField]);
        }
        assert!(sides.windows(2).all(|p| p[0] == p[1]), "{width}: Tab moved the layout: {sides:?}");
        a.app.stack.pop();
    }
}

#[test]
fn a_diagram_wider_than_the_pane_scrolls_sideways() {
    let mut a = real_app(&Start::Home);
    a.size = (50, 30);
    let (t, l) = (0..a.course.topics.len())
        .find_map(|t| a.course.topics[t].lessons.iter().position(|x| !x.diagrams.is_empty()).map(|l| (t, l)))
        .unwrap();
    a.app.stack.push(Screen::Lesson(Lesson::new(t, l)));
    press(&mut a, &[]);
    eprintln!("{:?} {}", a.bindings().iter().map(|b| b.action).collect::<Vec<_>>(), screen_text(&a));
    assert!(a.bindings().iter().any(|b| b.action == Action::ScrollRight), "a wide diagram offers >");
    assert!(!a.bindings().iter().any(|b| b.action == Action::ScrollLeft), "nothing to the left yet");
    for _ in 0..40 {
        press(&mut a, &[Action::ScrollRight]);
    }
    assert!(lesson(&a).hscroll > 0);
    assert!(!a.bindings().iter().any(|b| b.action == Action::ScrollRight), "at its right edge");
    press(&mut a, &[Action::ScrollLeft]);
    assert!(a.bindings().iter().any(|b| b.action == Action::ScrollRight));
}

#[test]
fn check_yourself_runs_the_lessons_questions() {
    let mut a = app(&Start::Study(Some("alpha".into())));
    press(&mut a, &[Action::Enter, Action::Check]);
    let v = quiz(&a);
    assert_eq!(v.flow.session.items.len(), 6);
    assert_eq!(v.flow.session.purpose, Purpose::Lesson);
    assert!(v.title.starts_with("Check yourself"));
    press(&mut a, &[Action::Back]);
    assert!(matches!(a.screen(), Screen::Lesson(_)));
}

/// Answers the current question correctly by driving the draft with actions.
fn answer_right(a: &mut TestApp) {
    let (qref, order) = {
        let item = quiz(a).flow.session.item();
        (item.qref.clone(), item.layout.order.clone())
    };
    let q = qref.get(&a.course).clone();
    match &q.body {
        crate::content::QuestionBody::Single { answer, .. } => {
            let row = order.iter().position(|i| i == answer).unwrap();
            press(a, &vec![Action::Down; row]);
        }
        crate::content::QuestionBody::Multi { answers, .. } => {
            for (row, idx) in order.iter().enumerate() {
                press(a, &[Action::Top]);
                if answers.contains(idx) {
                    // Move from the top to `row`, pick.
                    for _ in 0..row {
                        press(a, &[Action::Down]);
                    }
                    press(a, &[Action::Toggle]);
                    for _ in 0..row {
                        press(a, &[Action::Up]);
                    }
                }
            }
        }
        crate::content::QuestionBody::TrueFalse { answer, .. } => {
            if !answer {
                press(a, &[Action::Down]);
            }
        }
        crate::content::QuestionBody::Order { .. } | crate::content::QuestionBody::Match { .. } => {
            for target in 0..order.len() {
                let Draft::Arrange { arrangement, cursor, .. } = &quiz(a).flow.session.item().draft else { panic!() };
                let at = arrangement.iter().position(|&i| i == target).unwrap();
                let cur = *cursor;
                let moves = |n: usize, up: bool| vec![if up { Action::Up } else { Action::Down }; n];
                press(a, &moves(cur.abs_diff(at), at < cur));
                press(a, &[Action::Toggle]);
                press(a, &moves(at - target, true));
                press(a, &[Action::Toggle]);
            }
        }
        crate::content::QuestionBody::Numeric { answer, .. } => {
            for c in format!("{answer}").chars() {
                press(a, &[Action::Type(c)]);
            }
        }
    }
    press(a, &[Action::Enter]);
    assert_eq!(quiz(a).flow.phase, Phase::Feedback, "{}: {:?}", q.id, quiz(a).flow.note);
    assert!(quiz(a).flow.session.item().outcome.as_ref().unwrap().1.correct, "{} answered wrongly", q.id);
}

#[test]
fn every_kind_can_be_answered_right_with_keys() {
    let mut a = app(&Start::Quiz { topics: vec![], count: Some(6), generated: 0 });
    for _ in 0..6 {
        answer_right(&mut a);
        press(&mut a, &[Action::Enter]);
    }
    let v = quiz(&a);
    assert_eq!(v.flow.phase, Phase::Summary { selected: 0 });
    assert_eq!(v.flow.session.results(&a.course).right, 6);
}

#[test]
fn a_multi_with_too_few_picks_explains_itself() {
    let mut a = app(&Start::Quiz { topics: vec![], count: Some(6), generated: 0 });
    while !matches!(quiz(&a).flow.session.item().draft, Draft::Choice { pick: 2, .. }) {
        answer_right(&mut a);
        press(&mut a, &[Action::Enter]);
    }
    press(&mut a, &[Action::Toggle, Action::Enter]);
    assert_eq!(quiz(&a).flow.phase, Phase::Answering);
    assert_eq!(quiz(&a).flow.note.as_deref(), Some("pick exactly 2 (you have picked 1)"));
    press(&mut a, &[Action::Down]);
    assert_eq!(quiz(&a).flow.note, None, "the note clears on the next key");
}

#[test]
fn missed_questions_can_be_revisited_and_retried() {
    let mut a = app(&Start::Quiz { topics: vec![], count: Some(2), generated: 0 });
    // Answer both wrongly where possible: numeric typed as 0, others left as they start.
    for _ in 0..2 {
        if matches!(quiz(&a).flow.session.item().draft, Draft::Numeric { .. }) {
            press(&mut a, &[Action::Type('0')]);
        }
        if let Draft::Choice { pick, .. } = quiz(&a).flow.session.item().draft {
            for _ in 0..pick {
                press(&mut a, &[Action::Toggle, Action::Down]);
            }
        }
        press(&mut a, &[Action::Enter, Action::Enter]);
    }
    let missed = quiz(&a).flow.session.results(&a.course).missed.len();
    assert!(matches!(quiz(&a).flow.phase, Phase::Summary { .. }));
    assert!(missed > 0, "the fixed seed gives at least one wrong answer");
    press(&mut a, &[Action::Enter]);
    assert_eq!(quiz(&a).flow.phase, Phase::Revisit { missed: 0 });
    press(&mut a, &[Action::Enter, Action::Retry]);
    let v = quiz(&a);
    assert!(v.title.starts_with("Retry"));
    assert_eq!(v.flow.session.items.len(), missed);
    press(&mut a, &[Action::Back]);
    assert!(matches!(quiz(&a).flow.phase, Phase::Summary { .. }), "Esc returns to the results");
}

#[test]
fn help_overlay_takes_keys_until_closed() {
    let mut a = app(&Start::Study(None));
    press(&mut a, &[Action::Help]);
    assert_eq!(a.context(), Context::Help);
    assert_eq!(a.screen_context(), Context::List);
    press(&mut a, &[Action::Down, Action::Enter]);
    assert!(a.overlay.is_none());
    assert!(matches!(a.screen(), Screen::Topics(Topics { selected: 0 })), "keys did not leak to the list");
    press(&mut a, &[Action::Help, Action::Back]);
    assert!(a.overlay.is_none());
    assert!(matches!(a.screen(), Screen::Topics(_)), "Esc closed the help, not the screen");
}

#[test]
fn contexts_follow_the_question_kind() {
    let mut a = app(&Start::Quiz { topics: vec![], count: Some(6), generated: 0 });
    let mut seen = Vec::new();
    for _ in 0..6 {
        seen.push(a.context());
        answer_right(&mut a);
        assert_eq!(a.context(), Context::Feedback);
        press(&mut a, &[Action::Enter]);
    }
    assert_eq!(a.context(), Context::Summary);
    for ctx in [Context::AnswerOne, Context::AnswerMany, Context::Arrange, Context::Number] {
        assert!(seen.contains(&ctx), "{ctx:?} not seen in {seen:?}");
    }
}

/// Answers the current question wrongly, whatever the shuffle: a wrong option, the other
/// truth value, the arrangement as shown (never the solved one), a number far off.
fn answer_wrong(a: &mut TestApp) {
    let (qref, order) = {
        let item = quiz(a).flow.session.item();
        (item.qref.clone(), item.layout.order.clone())
    };
    let q = qref.get(&a.course).clone();
    match &q.body {
        crate::content::QuestionBody::Single { answer, .. } => {
            let row = order.iter().position(|i| i != answer).unwrap();
            press(a, &vec![Action::Down; row]);
        }
        crate::content::QuestionBody::Multi { answers, .. } => {
            // As many picks as asked for, the first of them a wrong option.
            let wrong = order.iter().position(|i| !answers.contains(i)).unwrap();
            press(a, &vec![Action::Down; wrong]);
            press(a, &[Action::Toggle]);
            press(a, &vec![Action::Up; wrong]);
            let mut picked = 1;
            for row in 0..order.len() {
                if picked == answers.len() {
                    break;
                }
                if row != wrong {
                    press(a, &[Action::Toggle]);
                    picked += 1;
                }
                press(a, &[Action::Down]);
            }
        }
        crate::content::QuestionBody::TrueFalse { answer, .. } => {
            if *answer {
                press(a, &[Action::Down]);
            }
        }
        crate::content::QuestionBody::Order { .. } | crate::content::QuestionBody::Match { .. } => {}
        crate::content::QuestionBody::Numeric { answer, .. } => {
            for c in format!("{}", answer.abs() * 10.0 + 1000.0).chars() {
                press(a, &[Action::Type(c)]);
            }
        }
    }
    press(a, &[Action::Enter]);
    assert_eq!(quiz(a).flow.phase, Phase::Feedback, "{}: {:?}", q.id, quiz(a).flow.note);
    assert!(!quiz(a).flow.session.item().outcome.as_ref().unwrap().1.correct, "{} answered rightly", q.id);
}

/// Answers the current review card (right or wrong) and returns what the rating bar proposes.
fn answer_review(a: &mut TestApp, right: bool) -> Rating {
    if right {
        answer_right(a);
    } else {
        answer_wrong(a);
    }
    assert_eq!(a.context(), Context::Rate);
    quiz(a).flow.proposed_rating()
}

#[test]
fn review_rates_each_card_and_asks_for_a_save() {
    let mut a = app(&Start::Review);
    assert_eq!(quiz(&a).flow.session.items.len(), 6, "six new cards, within the daily limit of 20");
    assert_eq!(answer_review(&mut a, true), Rating::Good);
    let first = quiz(&a).flow.session.item().qref.get(&a.course).id.clone();
    assert_eq!(a.update(Action::Enter), vec![Effect::Save], "Enter takes the proposal");
    assert_eq!(a.store.review_count(), 1);
    assert_eq!(a.store.reviews().last().unwrap().rating, Rating::Good);
    assert_eq!(a.store.card(&first).reps, 1);
    assert_eq!(quiz(&a).flow.session.current, 1);
    assert_eq!(quiz(&a).flow.phase, Phase::Answering);
    // A key rating overrides the proposal.
    answer_review(&mut a, true);
    assert_eq!(a.update(Action::Rate(4)), vec![Effect::Save]);
    assert_eq!(a.store.reviews().last().unwrap().rating, Rating::Easy);
    // The save itself (done by the loop) writes the log.
    a.app.store.save().unwrap();
    let file = std::fs::read_to_string(a.dir.path().join("progress.toml")).unwrap();
    assert!(file.contains(&format!("card = \"{first}\"")) && file.contains("rating = \"easy\""), "{file}");
}

#[test]
fn undo_takes_back_the_last_rating_and_returns_to_its_card() {
    let mut a = app(&Start::Review);
    answer_review(&mut a, true);
    let card = quiz(&a).flow.session.item().qref.clone();
    press(&mut a, &[Action::Rate(3)]);
    assert_eq!(a.store.review_count(), 1);
    assert_eq!(a.update(Action::Undo), vec![Effect::Save]);
    assert_eq!(a.store.review_count(), 0);
    assert_eq!(quiz(&a).flow.session.item().qref, card);
    assert!(quiz(&a).flow.awaiting_rating(), "back on the card, waiting for a new rating");
    press(&mut a, &[Action::Rate(2)]);
    assert_eq!(a.store.reviews().last().unwrap().rating, Rating::Hard);
    // From the next card, before answering it, undo still reaches back.
    assert_eq!(crate::app::keymap::action(a.context(), &crossterm_key('u')), Some(Action::Undo));
    press(&mut a, &[Action::Undo]);
    assert_eq!(quiz(&a).flow.session.item().qref, card);
    assert_eq!(a.store.review_count(), 0);
    press(&mut a, &[Action::Rate(2)]);
    // Nothing more to undo than this session's ratings.
    press(&mut a, &[Action::Undo]);
    press(&mut a, &[Action::Undo]);
    assert_eq!(a.store.review_count(), 0);
    assert_eq!(a.status.as_deref(), Some("Nothing to undo."));
}

/// A review of the six fixture cards: the first forgotten (Again), the other five known
/// (Good), two minutes passing before the last rating so that the first card's 1-minute step
/// is over.
fn forget_the_first_then_know_the_rest(a: &mut TestApp) {
    answer_review(a, false);
    press(a, &[Action::Rate(1)]);
    for _ in 1..6 {
        answer_review(a, true);
        if quiz(a).flow.session.is_last() {
            a.now += jiff::SignedDuration::from_mins(2);
        }
        press(a, &[Action::Rate(3)]);
    }
}

#[test]
fn a_forgotten_card_comes_back_once_its_step_has_passed() {
    let mut a = app(&Start::Review);
    let forgotten = quiz(&a).flow.session.item().qref.clone();
    forget_the_first_then_know_the_rest(&mut a);
    let v = quiz(&a);
    assert_eq!(v.flow.phase, Phase::Answering, "the forgotten card is asked again");
    assert_eq!(v.flow.session.item().qref, forgotten);
    // Then the five rated Good: their 10-minute step ends within the learn-ahead window.
    assert_eq!(v.flow.session.items.len(), 6 + 1 + 5);
}

#[test]
fn a_learning_card_whose_step_ended_comes_next_not_after_the_queue() {
    let mut a = app(&Start::Review);
    let forgotten = quiz(&a).flow.session.item().qref.clone();
    answer_review(&mut a, false);
    press(&mut a, &[Action::Rate(1)]);
    answer_review(&mut a, true);
    // The 1-minute step of the forgotten card ends while the second card is being rated.
    a.now += jiff::SignedDuration::from_mins(2);
    press(&mut a, &[Action::Rate(3)]);
    let v = &quiz(&a).flow;
    assert_eq!(v.session.current, 2);
    assert_eq!(v.session.item().qref, forgotten, "mixed in as soon as it is due");
    assert_eq!(v.session.items.len(), 7, "the four cards not yet seen still wait behind it");
    assert_eq!(v.phase, Phase::Answering);
}

#[test]
fn answers_in_a_quiz_and_a_check_are_kept_as_practice() {
    let mut a = app(&Start::Quiz { topics: vec![], count: Some(2), generated: 0 });
    answer_right(&mut a);
    press(&mut a, &[Action::Enter]);
    // Wrong on purpose where the kind allows it: its outcome is what is kept.
    if matches!(quiz(&a).flow.session.item().draft, Draft::Numeric { .. }) {
        press(&mut a, &[Action::Type('0')]);
    }
    let effects = press(&mut a, &[Action::Enter]);
    let second = quiz(&a).flow.session.item();
    let second_ok = second.outcome.as_ref().map(|o| o.1.correct);
    assert_eq!(effects, vec![Effect::Save], "each answer is saved");
    let kept = a.store.practice();
    assert_eq!(kept.len(), 2);
    assert!(kept[0].correct && kept.iter().all(|p| p.mode == crate::progress::PracticeMode::Quiz));
    assert_eq!(Some(kept[1].correct), second_ok);
    assert_eq!(a.store.review_count(), 0, "practice does not move the schedule");
    let mut a = app(&Start::Study(Some("alpha".into())));
    press(&mut a, &[Action::Enter, Action::Check]);
    answer_right(&mut a);
    assert_eq!(a.store.practice().last().unwrap().mode, crate::progress::PracticeMode::Check);
}

#[test]
fn undo_reaches_the_last_rating_from_before_a_restart() {
    let mut a = app(&Start::Review);
    let first = quiz(&a).flow.session.item().qref.id(&a.course).to_owned();
    answer_review(&mut a, true);
    press(&mut a, &[Action::Rate(3)]);
    a.app.store.save().unwrap();
    // A new run on the same data directory.
    let dir = a.dir;
    drop(a.app);
    let store = Store::open(dir.path(), now()).unwrap();
    let mut b = crate::testing::TestApp { app: App::new(fixture_course(), store, now(), &Start::Review).unwrap(), dir };
    assert_eq!(b.store.review_count(), 1);
    assert_eq!(press(&mut b, &[Action::Undo]), vec![Effect::Save]);
    assert_eq!(b.store.review_count(), 0);
    assert_eq!(quiz(&b).flow.session.item().qref.id(&b.course), first, "its card is asked again");
    assert_eq!(quiz(&b).flow.phase, Phase::Answering);
    press(&mut b, &[Action::Undo]);
    assert_eq!(b.status.as_deref(), Some("Nothing to undo."), "only the last one from before");
}

#[test]
fn when_nothing_is_due_review_says_when_the_next_card_is() {
    let mut a = app(&Start::Review);
    for _ in 0..6 {
        answer_review(&mut a, true);
        press(&mut a, &[Action::Rate(3)]);
    }
    // Rated Good, each is in its 10-minute step: within the learn-ahead window, so the session
    // goes on with them. Easy this time graduates them to days.
    assert!(matches!(quiz(&a).flow.phase, Phase::Answering));
    while !matches!(quiz(&a).flow.phase, Phase::Summary { .. }) {
        answer_review(&mut a, true);
        press(&mut a, &[Action::Rate(4)]);
    }
    press(&mut a, &[Action::Back, Action::Top, Action::Down, Action::Enter]);
    let Screen::Info(Info { paragraphs, .. }) = a.screen() else { panic!("{:?}", a.screen()) };
    let body = paragraphs.join("\n\n");
    let next = a.store.queue(&a.course, a.now).next_due.unwrap();
    let expected = format!(
        "Nothing is due right now. The next card is due in {} ({}).",
        crate::srs::format_interval(next.duration_since(a.now)),
        next.strftime("%Y-%m-%d %H:%M UTC")
    );
    assert!(body.starts_with(&expected), "{body}");
    assert!(next.duration_since(a.now).as_hours() >= 24, "graduated: days away");
}

fn crossterm_key(c: char) -> ratatui::crossterm::event::KeyEvent {
    ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char(c),
        ratatui::crossterm::event::KeyModifiers::NONE,
    )
}

/// The rating bar's line as drawn.
fn rating_bar(a: &App) -> String {
    screen_text(a).lines().find(|l| l.contains("1 Again")).unwrap_or_default().to_string()
}

#[test]
fn the_interval_shown_is_the_interval_saved_even_when_the_clock_moves() {
    let mut a = app(&Start::Review);
    let t0 = a.now;
    answer_review(&mut a, true);
    let id = quiz(&a).flow.session.item().qref.id(&a.course).to_owned();
    let shown = a.store.preview(&id, t0)[3].card.due;
    // Find a later instant at which Easy would fuzz to another day: rating then must still
    // save what the bar showed when the card was answered.
    let later = (1..100_000)
        .map(|s| t0 + jiff::SignedDuration::from_secs(s))
        .find(|t| a.store.preview(&id, *t)[3].card.due.map(|d| d - t.duration_since(t0)) != shown)
        .expect("the fuzz moves with the instant");
    a.now = later;
    let bar = rating_bar(&a);
    press(&mut a, &[Action::Rate(4)]);
    assert_eq!(a.store.card(&id).due, shown, "saved what was shown: {bar}");
    assert_eq!(a.store.reviews().last().unwrap().at, t0, "recorded at the instant it was answered");
    // Undo: the same card shows the same proposals again.
    press(&mut a, &[Action::Undo]);
    assert_eq!(rating_bar(&a), bar);
    press(&mut a, &[Action::Rate(4)]);
    assert_eq!(a.store.card(&id).due, shown);
}

#[test]
fn good_after_a_wrong_answer_asks_once_more() {
    let mut a = app(&Start::Review);
    answer_review(&mut a, false);
    assert_eq!(quiz(&a).flow.proposed_rating(), Rating::Again);
    assert!(press(&mut a, &[Action::Rate(3)]).is_empty(), "nothing saved yet");
    assert_eq!(a.store.review_count(), 0);
    assert!(quiz(&a).flow.note.as_deref().unwrap().contains("Press 3 again"));
    // Another rating key starts over: Again needs no confirmation.
    assert_eq!(press(&mut a, &[Action::Rate(1)]), vec![Effect::Save]);
    assert_eq!(a.store.reviews().last().unwrap().rating, Rating::Again);
    answer_review(&mut a, false);
    press(&mut a, &[Action::Rate(4), Action::Rate(4)]);
    assert_eq!(a.store.reviews().last().unwrap().rating, Rating::Easy, "pressed twice: confirmed");
}

#[test]
fn bury_and_suspend_take_a_card_out_and_undo_puts_it_back() {
    let mut a = app(&Start::Review);
    let first = quiz(&a).flow.session.item().qref.id(&a.course).to_owned();
    assert_eq!(press(&mut a, &[Action::Bury]), vec![Effect::Save]);
    assert!(a.store.is_buried(&first, a.now));
    assert_eq!(quiz(&a).flow.session.current, 1, "on to the next card");
    let second = quiz(&a).flow.session.item().qref.id(&a.course).to_owned();
    answer_review(&mut a, true);
    assert_eq!(press(&mut a, &[Action::Suspend]), vec![Effect::Save]);
    assert!(a.store.is_suspended(&second));
    assert!(!a.store.queue(&a.course, a.now).cards().any(|c| c.question.id == first || c.question.id == second));
    press(&mut a, &[Action::Undo]);
    assert!(!a.store.is_suspended(&second));
    assert!(quiz(&a).flow.awaiting_rating(), "back on the answered card");
    press(&mut a, &[Action::Undo]);
    assert!(!a.store.is_buried(&first, a.now));
    assert_eq!(quiz(&a).flow.session.current, 0);
    assert_eq!(a.store.review_count(), 0);
}

#[test]
fn review_results_count_cards_once_and_a_right_retry_is_not_missed() {
    let mut a = app(&Start::Review);
    forget_the_first_then_know_the_rest(&mut a);
    // The forgotten card came back; this time it is answered right. The cards in their
    // 10-minute step follow (learn-ahead): Easy graduates them.
    answer_review(&mut a, true);
    press(&mut a, &[Action::Rate(3)]);
    while !matches!(quiz(&a).flow.phase, Phase::Summary { .. }) {
        answer_review(&mut a, true);
        press(&mut a, &[Action::Rate(4)]);
    }
    let flow = &quiz(&a).flow;
    assert!(matches!(flow.phase, Phase::Summary { .. }));
    let r = flow.session.results(&a.course);
    assert_eq!((r.right, r.answered, r.total), (5, 6, 6), "six cards, the first answered wrong first");
    assert!(r.missed.is_empty(), "its retry was right");
    assert_eq!(flow.rating_counts(), [1, 0, 6, 6], "the forgotten card graduates too");
    assert_eq!(flow.cards_rated(&a.course), 6);
    assert_eq!(r.percent(), 83);
    assert_eq!(crate::quiz::percent(2, 3), 67);
}

#[test]
fn leaving_a_quiz_with_answers_asks_first_and_keeps_the_results() {
    let mut a = app(&Start::Quiz { topics: vec![], count: Some(6), generated: 0 });
    for _ in 0..3 {
        answer_right(&mut a);
        press(&mut a, &[Action::Enter]);
    }
    press(&mut a, &[Action::Back]);
    assert_eq!(a.context(), Context::Confirm, "Esc with three answers asks");
    let Some(Overlay::Confirm { question, .. }) = &a.overlay else { panic!() };
    assert!(question.contains("answered 3 of 6"), "{question}");
    press(&mut a, &[Action::Back]);
    assert!(a.overlay.is_none());
    assert_eq!(quiz(&a).flow.phase, Phase::Answering, "no: the quiz goes on");
    assert_eq!(quiz(&a).flow.session.current, 3);
    // q asks too, and yes quits.
    press(&mut a, &[Action::Quit]);
    assert_eq!(a.context(), Context::Confirm);
    assert_eq!(a.update(Action::Yes), vec![Effect::Quit]);
    // Esc, yes: the results of the three answers are shown, and Esc from there leaves.
    press(&mut a, &[Action::Back, Action::Yes]);
    assert!(matches!(quiz(&a).flow.phase, Phase::Summary { .. }));
    assert_eq!(quiz(&a).flow.session.results(&a.course).answered, 3);
    press(&mut a, &[Action::Back]);
    assert!(matches!(a.screen(), Screen::Home(_)));
}

#[test]
fn a_quiz_without_answers_or_a_review_leaves_at_once() {
    let mut a = app(&Start::Quiz { topics: vec![], count: Some(6), generated: 0 });
    press(&mut a, &[Action::Back]);
    assert!(matches!(a.screen(), Screen::Home(_)), "nothing answered, nothing to lose");
    let mut a = app(&Start::Review);
    answer_review(&mut a, true);
    press(&mut a, &[Action::Rate(3), Action::Back]);
    assert!(matches!(a.screen(), Screen::Home(_)), "every rating is saved already");
}

/// An App on the built-in course (the real curriculum).
fn real_app(start: &Start) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), now()).unwrap();
    let course = crate::content::load(None).unwrap();
    let mut a = TestApp { app: App::new(course, store, now(), start).unwrap(), dir };
    press(&mut a, &[]);
    a
}

#[test]
fn the_exam_lesson_stands_first_in_study_not_inside_docker() {
    let mut a = real_app(&Start::Study(None));
    press(&mut a, &[Action::Enter]);
    let l = lesson(&a);
    assert_eq!(a.course.topics[l.topic].lessons[l.lesson].id, "docker.exam-and-section");
    assert_eq!(a.screen().breadcrumb(&a.course), "Study › Before you start: the exam and this section");
    assert!(!a.screen().offers(&a.course, &a.store, Action::NextLesson), "it stands apart: no next lesson");
    press(&mut a, &[Action::Back, Action::Down, Action::Enter]);
    let Screen::Lessons(list) = a.screen() else { panic!("{:?}", a.screen()) };
    let docker = &a.course.topics[list.topic];
    assert_eq!(docker.id, "docker");
    let listed = docker.listed_lessons();
    assert_eq!(listed.len(), docker.lessons.len() - 1);
    assert!(listed.iter().all(|&l| docker.lessons[l].id != "docker.exam-and-section"));
}

#[test]
fn a_lesson_read_to_its_end_is_marked_read_and_kept() {
    let mut a = real_app(&Start::Study(Some("lambda".into())));
    a.size = (80, 24);
    press(&mut a, &[Action::Enter]);
    let id = {
        let l = lesson(&a);
        a.course.topics[l.topic].lessons[l.lesson].id.clone()
    };
    assert!(press(&mut a, &[Action::Down]).is_empty(), "not at the end yet");
    press(&mut a, &[Action::Back]);
    assert!(!a.store.is_read(&id), "left before the end");
    press(&mut a, &[Action::Enter]);
    assert_eq!(press(&mut a, &[Action::Bottom]), vec![Effect::Save]);
    assert!(a.store.is_read(&id));
    a.app.store.save().unwrap();
    let file = std::fs::read_to_string(a.dir.path().join("progress.toml")).unwrap();
    assert!(file.contains(&format!("lesson = \"{id}\"")), "{file}");
}

#[test]
fn study_of_a_topic_leaves_that_topic_highlighted_below() {
    let mut a = real_app(&Start::Study(Some("lambda".into())));
    press(&mut a, &[Action::Back]);
    let Screen::Topics(t) = a.screen() else { panic!() };
    let first = a.course.start_here().len();
    assert_eq!(a.course.topics[t.selected - first].id, "lambda");
}

#[test]
fn o_from_the_feedback_opens_the_lesson_the_question_cites() {
    let mut a = app(&Start::Quiz { topics: vec![], count: Some(2), generated: 0 });
    assert!(!a.bindings().iter().any(|b| b.action == Action::OpenLesson), "not while answering");
    answer_right(&mut a);
    let cited = quiz(&a).flow.session.item().qref.get(&a.course).lesson.clone();
    press(&mut a, &[Action::OpenLesson]);
    let l = lesson(&a);
    assert_eq!(a.course.topics[l.topic].lessons[l.lesson].id, cited);
    press(&mut a, &[Action::Back]);
    assert_eq!(quiz(&a).flow.phase, Phase::Feedback, "back to the feedback");
}

#[test]
fn settings_change_with_arrows_and_are_saved() {
    let mut a = app(&Start::Home);
    press(&mut a, &[Action::Bottom, Action::Enter]);
    assert_eq!(a.context(), Context::Settings);
    assert_eq!(press(&mut a, &[Action::Right]), vec![Effect::Save], "retention up a step, saved");
    assert!((a.store.settings().desired_retention - 0.91).abs() < 1e-9);
    press(&mut a, &[Action::Down, Action::Down, Action::Toggle]);
    assert_eq!(a.store.settings().new_order, crate::progress::NewOrder::Topics);
    a.app.store.save().unwrap();
    let file = std::fs::read_to_string(a.dir.path().join("progress.toml")).unwrap();
    assert!(file.contains("desired_retention = 0.91") && file.contains("new_order = \"topics\""), "{file}");
    // At the end of its range a value stays, and nothing is saved.
    press(&mut a, &[Action::Top]);
    for _ in 0..20 {
        press(&mut a, &[Action::Right]);
    }
    assert!(press(&mut a, &[Action::Right]).is_empty());
    assert!((a.store.settings().desired_retention - 0.99).abs() < 1e-9);
}

#[test]
fn a_long_help_scrolls() {
    let mut a = real_app(&Start::Study(Some("lambda".into())));
    a.size = (50, 15);
    press(&mut a, &[Action::Enter, Action::Help]);
    let before = screen_text(&a);
    press(&mut a, &[Action::PageDown]);
    assert_ne!(screen_text(&a), before, "the help moved");
    assert!(a.overlay.is_some(), "still open");
}

#[test]
fn counts_refresh_when_a_card_falls_due() {
    let mut a = app(&Start::Review);
    // Rate every card Easy: each is due again in some days.
    for _ in 0..6 {
        answer_review(&mut a, true);
        press(&mut a, &[Action::Rate(4)]);
        a.now += jiff::SignedDuration::from_secs(1);
    }
    assert!(matches!(quiz(&a).flow.phase, Phase::Summary { .. }));
    let summary = screen_text(&a);
    assert!(summary.contains("The next card is due in"), "{summary}");
    let due = a.store.queue(&a.course, a.now).next_due.unwrap();
    let wake = a.deadline().expect("the results show a time that changes");
    assert!(wake <= due && wake > a.now, "wakes by the time the card is due");
    a.now = due;
    press(&mut a, &[Action::Tick]);
    let summary = screen_text(&a);
    assert!(summary.contains("due now: Esc, then Review"), "{summary}");
    // Home counts it too, and wakes again for the next one.
    press(&mut a, &[Action::Back]);
    assert!(screen_text(&a).contains("Review (1 due") || screen_text(&a).contains("due,"), "{}", screen_text(&a));
    let before = screen_text(&a);
    let next = a.deadline().expect("home wakes when the next card falls due");
    a.now = next;
    press(&mut a, &[Action::Tick]);
    assert_ne!(screen_text(&a), before, "the count moved on");
    // Nothing scheduled: the loop may block.
    let mut idle = app(&Start::Study(None));
    press(&mut idle, &[]);
    assert_eq!(idle.deadline(), None);
}

// Exams: the fixture has three questions of the exam's kinds (single, multi, true/false).

fn exam_spec(minutes: f64) -> crate::quiz::exam::Spec {
    crate::quiz::exam::Spec::new(vec![], Some(3), Some(minutes), crate::quiz::exam::Kinds::Exam, 7)
}

fn exam(a: &App) -> &crate::screens::exam::Exam {
    match a.screen() {
        Screen::Exam(e) => e,
        other => panic!("not an exam: {other:?}"),
    }
}

/// Performs the sheet effects the way the loop does, so that the store holds the sheet.
fn perform(a: &mut TestApp, effects: Vec<Effect>) -> Vec<Effect> {
    for e in &effects {
        match e {
            Effect::SaveSheet(sheet) => a.app.store.save_sheet(sheet).unwrap(),
            Effect::DiscardSheet => a.app.store.discard_sheet().unwrap(),
            Effect::Save => a.app.store.save().unwrap(),
            Effect::Quit => {}
        }
    }
    effects
}

#[test]
fn an_exam_counts_down_warns_and_submits_itself_at_zero() {
    let mut a = app(&Start::Exam(exam_spec(6.0)));
    let e = exam(&a);
    assert_eq!(e.session.items.len(), 3);
    assert_eq!(e.left(a.now), jiff::SignedDuration::from_mins(6));
    assert!(screen_text(&a).contains("06:00"), "{}", screen_text(&a));
    // The clock wakes the loop each second.
    assert_eq!(a.deadline(), Some(a.now + jiff::SignedDuration::from_secs(1)));
    a.now += jiff::SignedDuration::from_secs(61);
    press(&mut a, &[Action::Tick]);
    let shown = screen_text(&a);
    assert!(shown.contains("04:59") && shown.contains("Less than 5 minutes left"), "{shown}");
    a.now += jiff::SignedDuration::from_mins(5);
    // Time runs out while it asks whether to leave: it submits all the same.
    press(&mut a, &[Action::Back]);
    assert_eq!(a.context(), Context::Confirm);
    let effects = press(&mut a, &[Action::Tick]);
    assert!(a.overlay.is_none(), "the question is gone with the exam");
    assert!(effects.contains(&Effect::Save) && effects.contains(&Effect::DiscardSheet), "{effects:?}");
    let Screen::Report(r) = a.screen() else { panic!("{:?}", a.screen()) };
    assert_eq!((r.summary.score, r.summary.total, r.summary.passed), (0, 3, false));
    assert_eq!(r.summary.questions.iter().filter(|m| !m.answered).count(), 3, "all three unanswered");
    assert_eq!(a.store.exams().len(), 1, "kept in the progress file");
    assert_eq!(a.deadline(), None, "no clock on the report");
    // Home lists it, its scaled score against the 700 line.
    press(&mut a, &[Action::Back]);
    let home = screen_text(&a);
    assert!(home.contains("Exams (1 in all; 700 passes)"), "{home}");
    let row = home.lines().find(|l| l.contains("2026-11-27  ")).unwrap_or_else(|| panic!("{home}"));
    assert!(row.contains(" 100 ") && row.contains("✘ 0/3"), "{row}");
}

#[test]
fn exam_answers_flags_grid_review_and_submit() {
    let mut a = app(&Start::Exam(exam_spec(10.0)));
    // Answer the first question with its highlighted option, flag the second.
    let effects = press(&mut a, &[Action::Enter]);
    assert!(matches!(effects.as_slice(), [Effect::SaveSheet(_)]), "saved after the answer: {effects:?}");
    assert_eq!(exam(&a).answered(), 1);
    press(&mut a, &[Action::Next]);
    let effects = press(&mut a, &[Action::Flag]);
    assert!(matches!(effects.as_slice(), [Effect::SaveSheet(s)] if s.flagged[1]), "saved after the flag");
    // The grid: from question 2, right once, Enter: question 3.
    press(&mut a, &[Action::Grid]);
    assert_eq!(a.context(), Context::ExamGrid);
    press(&mut a, &[Action::Right, Action::Enter]);
    assert_eq!(exam(&a).session.current, 2);
    // Esc from the grid comes back to the question, not out of the exam.
    press(&mut a, &[Action::Grid, Action::Back]);
    assert_eq!(a.context(), exam(&a).context());
    assert!(a.overlay.is_none() && matches!(a.screen(), Screen::Exam(_)));
    // The review page lists the unanswered and the flagged.
    press(&mut a, &[Action::Submit]);
    assert_eq!(a.context(), Context::ExamReview);
    let shown = screen_text(&a);
    assert!(shown.contains("2 unanswered") && shown.contains("1 flagged"), "{shown}");
    let effects = press(&mut a, &[Action::Yes]);
    assert!(effects.contains(&Effect::DiscardSheet));
    let Screen::Report(r) = a.screen() else { panic!() };
    assert_eq!(r.summary.total, 3);
    assert_eq!(r.summary.questions.iter().filter(|m| m.answered).count(), 1);
    assert!(r.summary.questions[1].flagged);
}

#[test]
fn leaving_an_exam_asks_and_keeps_it_for_resume() {
    let mut a = app(&Start::Exam(exam_spec(10.0)));
    let e = press(&mut a, &[Action::Enter]);
    perform(&mut a, e);
    let first_answer = exam(&a).sheet.answers[0].clone();
    assert!(first_answer.is_some());
    a.now += jiff::SignedDuration::from_mins(4);
    press(&mut a, &[Action::Quit]);
    assert_eq!(a.context(), Context::Confirm, "q asks before leaving a running exam");
    let yes = a.app.update(Action::Yes);
    let effects = perform(&mut a, yes);
    assert!(effects.contains(&Effect::Quit));
    let kept = a.store.sheet().cloned().expect("the sheet is kept");
    assert_eq!(kept.left, jiff::SignedDuration::from_mins(6), "with the time that was left");
    // A new run: --resume brings back the answer, the order and the time.
    let dir = a.dir;
    drop(a.app);
    let later = now() + jiff::SignedDuration::from_hours(3);
    let store = Store::open(dir.path(), later).unwrap();
    let mut b = TestApp { app: App::new(fixture_course(), store, later, &Start::ResumeExam).unwrap(), dir };
    press(&mut b, &[]);
    let e = exam(&b);
    assert_eq!(e.sheet.answers[0], first_answer);
    assert_eq!(e.sheet.questions, kept.questions);
    assert_eq!(e.left(later), jiff::SignedDuration::from_mins(6));
    // Asking for a new exam while this one is unfinished offers to resume or discard it.
    let dir = b.dir;
    drop(b.app);
    let store = Store::open(dir.path(), later).unwrap();
    let mut c = TestApp { app: App::new(fixture_course(), store, later, &Start::Exam(exam_spec(1.0))).unwrap(), dir };
    press(&mut c, &[]);
    assert_eq!(c.context(), Context::ExamUnfinished);
    press(&mut c, &[Action::Enter]);
    assert_eq!(exam(&c).sheet.answers[0], first_answer, "r resumes it");
}

#[test]
fn questions_missed_in_an_exam_come_first_among_new_cards() {
    let mut a = app(&Start::Exam(exam_spec(10.0)));
    let asked: Vec<String> = exam(&a).sheet.questions.clone();
    // Nothing answered: all three are missed.
    press(&mut a, &[Action::Submit, Action::Yes]);
    let queue = a.store.queue(&a.course, a.now);
    let first: Vec<&str> = queue.new.iter().take(3).map(|i| i.question.id.as_str()).collect();
    for id in &asked {
        assert!(first.contains(&id.as_str()), "{id} not among the first new cards {first:?}");
    }
    assert_eq!(a.store.review_count(), 0, "an exam moves no schedule");
}

#[test]
fn an_exam_of_all_kinds_takes_arrangements_and_numbers_on_enter() {
    let spec = crate::quiz::exam::Spec::new(vec![], Some(6), Some(10.0), crate::quiz::exam::Kinds::All, 7);
    let mut a = app(&Start::Exam(spec));
    assert_eq!(exam(&a).session.items.len(), 6, "every kind of the fixture");
    for i in 0..6 {
        match a.context() {
            Context::ExamNumber => press(&mut a, &[Action::Type('4'), Action::Type('2'), Action::Enter]),
            Context::ExamMany => press(&mut a, &[Action::Toggle, Action::Down, Action::Toggle]),
            _ => press(&mut a, &[Action::Enter]),
        };
        assert!(exam(&a).sheet.answers[i].is_some(), "question {i} ({:?}) answered", a.context());
        press(&mut a, &[Action::Next]);
    }
    assert_eq!(exam(&a).answered(), 6);
}

// The cost simulator, on the built-in price book.

fn sim(a: &App) -> &crate::screens::simulator::Simulator {
    match a.screen() {
        Screen::Simulator(s) => s,
        other => panic!("not the simulator: {other:?}"),
    }
}

#[test]
#[allow(clippy::float_cmp, reason = "the same computation on the same inputs gives the same float")]
fn the_simulator_estimates_what_cost_estimates_and_follows_every_edit() {
    let mut a = real_app(&Start::Simulate(Some("aws-example-512mb".into())));
    a.size = (120, 40);
    let prices = a.course.pricing.clone();
    let total = |a: &TestApp| sim(a).estimate(&prices).unwrap().total();
    let engine = |a: &TestApp| crate::pricing::lambda::estimate(&prices, &sim(a).inputs.lambda).unwrap().total();
    assert_eq!(total(&a), engine(&a), "one engine");
    assert!(screen_text(&a).contains(&format!("${:.2}", engine(&a))), "{}", screen_text(&a));
    // + steps memory by 64 MB, and the estimate follows.
    let before = sim(&a).inputs.lambda.memory_mb;
    press(&mut a, &[Action::More]);
    assert_eq!(sim(&a).inputs.lambda.memory_mb, before + 64.0);
    assert_eq!(total(&a), engine(&a));
    // A typed value outside Lambda's limit: the message beside the field, the last valid
    // estimate still shown.
    let valid = total(&a);
    press(
        &mut a,
        &[Action::Type('9'), Action::Type('9'), Action::Type('9'), Action::Type('9'), Action::Type('9'), Action::Enter],
    );
    assert!(sim(&a).error.as_deref().unwrap().contains("10,240"), "{:?}", sim(&a).error);
    assert_eq!(total(&a), valid, "the last valid estimate stays");
    assert!(screen_text(&a).contains(&format!("${valid:.2}").replace(".00", ".00")));
    // A value inside: taken.
    press(&mut a, &[Action::Type('2'), Action::Type('0'), Action::Type('4'), Action::Type('8'), Action::Enter]);
    assert_eq!(sim(&a).inputs.lambda.memory_mb, 2048.0);
    assert!(sim(&a).error.is_none());
    assert_eq!(total(&a), engine(&a));
    // a and t: architecture and free tier.
    press(&mut a, &[Action::Arch, Action::FreeTier]);
    assert_eq!(sim(&a).inputs.lambda.arch, crate::pricing::Arch::Arm64);
    assert!(!sim(&a).inputs.lambda.free_tier);
    assert_eq!(total(&a), engine(&a));
}

#[test]
#[allow(clippy::float_cmp, reason = "the same computation on the same inputs gives the same float")]
fn simulator_tabs_presets_and_a_question_on_what_is_shown() {
    let mut a = real_app(&Start::Simulate(None));
    a.size = (120, 40);
    let prices = a.course.pricing.clone();
    press(&mut a, &[Action::NextTab]);
    assert!(a.screen().breadcrumb(&a.course).ends_with("Fargate"));
    let fargate = crate::pricing::fargate::estimate(&prices, &sim(&a).inputs.fargate).unwrap().total();
    assert!(screen_text(&a).contains(&format!("${fargate:.2}")), "{}", screen_text(&a));
    // Fargate's vCPU steps through the sizes it offers, memory following.
    press(&mut a, &[Action::More]);
    let f = &sim(&a).inputs.fargate;
    assert!(crate::pricing::fargate::offers(&prices.fargate, f.vcpu, f.memory_gb), "{f:?}");
    press(&mut a, &[Action::NextTab]);
    let ec2 = crate::pricing::ec2::estimate(&prices, &sim(&a).inputs.ec2).unwrap().total();
    assert!(screen_text(&a).contains(&format!("${ec2:.2}")), "{}", screen_text(&a));
    let before = sim(&a).inputs.ec2.instance_type.clone();
    press(&mut a, &[Action::More]);
    assert_ne!(sim(&a).inputs.ec2.instance_type, before, "+ picks the next instance type");
    assert!(prices.ec2.instances.iter().any(|i| i.name == sim(&a).inputs.ec2.instance_type));
    press(&mut a, &[Action::NextTab]);
    assert!(a.screen().breadcrumb(&a.course).ends_with("Compare"));
    assert!(screen_text(&a).contains("cost per million requests against memory"), "both charts at 120x40");
    let shown = screen_text(&a);
    let plan =
        crate::pricing::compare::Plan::new(&prices, sim(&a).inputs.workload(), sim(&a).inputs.assumptions(&prices))
            .unwrap();
    let evens = plan.break_evens(crate::pricing::compare::DEFAULT_FROM, crate::pricing::compare::DEFAULT_TO);
    if let Some(first) = evens.first() {
        assert!(
            shown.contains(&crate::fmt::num(first.requests.round())),
            "the break-even as the engine has it:\n{shown}"
        );
    }
    assert!(shown.contains("Lambda") && shown.contains("Fargate") && shown.contains("EC2"), "{shown}");
    // z: a question, then its worked answer.
    press(&mut a, &[Action::Quiz]);
    let q = sim(&a).question.clone().unwrap();
    assert!(!q.shown && q.prompt.contains("cheapest"));
    press(&mut a, &[Action::Quiz]);
    let point = plan.at(sim(&a).inputs.lambda.invocations);
    assert_eq!(sim(&a).question.as_ref().unwrap().answer, point.cheapest.title());
    // p: the next preset, with its one line.
    let first = sim(&a).preset;
    press(&mut a, &[Action::Preset]);
    assert_ne!(sim(&a).preset, first);
    let p = &crate::pricing::presets::all()[sim(&a).preset.unwrap()];
    assert_eq!(sim(&a).inputs, p.inputs);
    assert!(screen_text(&a).contains(&p.about[..20]));
}

#[test]
fn undo_is_offered_only_when_there_is_something_to_take_back() {
    let mut a = app(&Start::Review);
    answer_review(&mut a, true);
    assert!(!a.bindings().iter().any(|b| b.action == Action::Undo), "nothing rated yet");
    press(&mut a, &[Action::Rate(3)]);
    assert!(a.bindings().iter().any(|b| b.action == Action::Undo), "the rating can be taken back");
}

/// The built-in course, for generated questions (the fixture has no templates).
fn real(start: &Start) -> TestApp {
    crate::testing::app_on(crate::content::load(None).unwrap(), start)
}

#[test]
fn the_simulator_asks_the_generated_question_whose_wording_fits_the_workload() {
    let mut a = real(&Start::Simulate(Some("thumbnail-pipeline".into())));
    press(&mut a, &[Action::Quiz]);
    let q = sim(&a).question.clone().unwrap();
    assert!(q.prompt.contains("whole free tier") && q.prompt.contains("1,024 MB"), "{}", q.prompt);
    let total = crate::pricing::lambda::estimate(&a.course.pricing, &sim(&a).inputs.lambda).unwrap().total();
    assert_eq!(q.answer, format!("${total:.2}"));
    assert!(q.worked.iter().any(|l| l.contains("leaves out the free tier")), "the mistakes: {:?}", q.worked);
    // Free tier off: the template written for an account whose free tier is used up.
    press(&mut a, &[Action::FreeTier, Action::Quiz]);
    let q = sim(&a).question.clone().unwrap();
    assert!(q.prompt.contains("already use up"), "{}", q.prompt);
    let total = crate::pricing::lambda::estimate(&a.course.pricing, &sim(&a).inputs.lambda).unwrap().total();
    assert_eq!(q.answer, format!("${total:.2}"));
    // Fargate's tab: the Fargate template with the tab's tasks.
    press(&mut a, &[Action::NextTab, Action::Quiz]);
    let q = sim(&a).question.clone().unwrap();
    let f = &sim(&a).inputs.fargate;
    assert!(q.prompt.contains("Fargate tasks") && q.prompt.contains(&crate::fmt::num(f.vcpu)), "{}", q.prompt);
    let total = crate::pricing::fargate::estimate(&a.course.pricing, f).unwrap().total();
    assert_eq!(q.answer, format!("${total:.2}"));
}

#[test]
fn a_practice_quiz_of_pricing_asks_generated_questions_with_their_working() {
    let a = real(&Start::Quiz { topics: vec!["pricing".into()], count: Some(40), generated: 0 });
    let session = &quiz(&a).flow.session;
    let generated: Vec<_> = session
        .items
        .iter()
        .filter_map(|i| match &i.qref {
            crate::quiz::QRef::Generated(g) => g.instance.as_ref(),
            crate::quiz::QRef::Course { .. } => None,
        })
        .collect();
    assert!(generated.len() >= 5, "the pricing topic's generated cards are in its pool: {}", generated.len());
    assert!(generated.iter().all(|i| !i.steps.is_empty()));
    // No stand-in is ever asked: each is generated.
    assert!(
        session.items.iter().all(|i| !matches!(&i.qref, crate::quiz::QRef::Course { .. })
            || a.course.template(i.qref.id(&a.course)).is_none())
    );
    // --generated adds that many more.
    let b = real(&Start::Quiz { topics: vec!["docker".into()], count: Some(3), generated: 4 });
    let items = &quiz(&b).flow.session.items;
    assert_eq!(items.len(), 7);
    let extra = items.iter().filter(|i| i.qref.id(&b.course).starts_with("gen.")).count();
    assert_eq!(extra, 4);
}

#[test]
fn a_generated_card_in_review_gets_new_numbers_when_asked_again() {
    let mut a = real(&Start::Home);
    let course = a.course.clone();
    let card = crate::quiz::QRef::find(&course, "gen.lambda-gb-seconds").unwrap();
    let mut session = crate::quiz::Session::new(&course, Purpose::Review, vec![card.clone()], 1).unwrap();
    let first = session.items[0].qref.get(&course).prompt.clone();
    session.push(&course, card);
    let again = session.items[1].qref.get(&course).prompt.clone();
    assert_ne!(first, again, "the card is the method, not the numbers");
    assert_eq!(session.items[1].qref.id(&course), "gen.lambda-gb-seconds");
    // Rated like any card: the review log knows it by its id.
    a.push(crate::screens::quiz::Quiz::screen("Review", session));
    press(&mut a, &[Action::Type('1'), Action::Enter, Action::Rate(1)]);
    assert_eq!(a.store.reviews().next().map(|r| r.card.to_string()), Some("gen.lambda-gb-seconds".into()));
}

#[test]
fn an_exam_asks_a_generated_card_as_a_choice_and_marks_it_as_shown() {
    use crate::quiz::exam::{self, Kinds, Spec};
    let course = crate::content::load(None).unwrap();
    let progress = crate::progress::Progress::default();
    let spec = Spec::new(vec!["pricing".into()], Some(20), None, Kinds::Exam, 11);
    let drawn = exam::draw(&course, &progress, &spec).unwrap();
    let at = drawn.iter().position(|q| q.id(&course).starts_with("gen.")).expect("a generated card drawn");
    let mut sheet = exam::Sheet::new(&course, &spec, &drawn, now());
    let session = crate::quiz::Session::new(&course, Purpose::Exam, drawn, sheet.seed).unwrap();
    let q = session.items[at].qref.get(&course);
    let crate::content::QuestionBody::Single { options, answer } = &q.body else { panic!("single choice: {q:?}") };
    assert_eq!(options.len(), 4);
    // The right option as the session shows it is right when marked from the sheet alone
    // (as after a restart), and a mistake's option is wrong and recorded by its name.
    sheet.answers[at] = Some(crate::quiz::Response::Single(*answer));
    assert!(exam::mark(&course, &sheet)[at].correct);
    let wrong = (0..4).find(|i| i != answer).unwrap();
    sheet.answers[at] = Some(crate::quiz::Response::Single(wrong));
    assert!(!exam::mark(&course, &sheet)[at].correct);
    let record = exam::record(&course, &sheet, now());
    assert_eq!(record.answers[at].given, vec![options[wrong].id.clone()]);
    assert!(crate::generate::Mistake::parse(&options[wrong].id).is_some(), "a named mistake");
}

#[test]
fn the_drill_asks_the_missed_question_first_and_keeps_its_answers_as_drill_practice() {
    let mut a = app(&Start::Home);
    let missed = a.course.topics[0].questions[1].id.clone();
    a.store.record_practice(&missed, false, crate::progress::PracticeMode::Quiz, now());
    // Drill on the home menu.
    let at = MenuEntry::ALL.iter().position(|e| *e == MenuEntry::Drill).unwrap();
    press(&mut a, &[Action::Top]);
    for _ in 0..at {
        press(&mut a, &[Action::Down]);
    }
    press(&mut a, &[Action::Enter]);
    let q = quiz(&a);
    assert_eq!(q.title, "Drill");
    assert_eq!(q.flow.session.items[0].qref.id(&a.course), missed);
    assert!(q.why[0].contains("missed in a quiz"), "{}", q.why[0]);
    assert!(screen_text(&a).contains("Picked: missed in a quiz"), "{}", screen_text(&a));
    assert_eq!(q.flow.session.purpose, Purpose::Drill);
    // Answer it: kept as a drill answer, the schedule untouched.
    press(&mut a, &[Action::Toggle, Action::Down, Action::Toggle, Action::Type('1'), Action::Enter]);
    let last = a.store.practice().last().unwrap();
    assert_eq!((last.card.as_str(), last.mode), (missed.as_str(), crate::progress::PracticeMode::Drill));
    assert_eq!(a.store.review_count(), 0);
}

#[test]
fn stats_opens_from_home_with_readiness_and_every_chart_and_scrolls() {
    let mut a = app(&Start::Home);
    crate::testing::a_year_of_reviews(&mut a);
    let at = MenuEntry::ALL.iter().position(|e| *e == MenuEntry::Stats).unwrap();
    press(&mut a, &[Action::Top]);
    for _ in 0..at {
        press(&mut a, &[Action::Down]);
    }
    press(&mut a, &[Action::Enter]);
    let Screen::Stats(s) = a.screen() else { panic!("not stats: {:?}", a.screen()) };
    assert_eq!(s.figures.heatmap.iter().map(|d| d.reviews).sum::<usize>(), a.store.review_count());
    let top = screen_text(&a);
    assert!(top.contains("Readiness") && top.contains("a pass needs"), "{top}");
    // The keys of a long page: a page at a time, or to either end.
    for action in [Action::PageDown, Action::PageUp, Action::Top, Action::Bottom] {
        assert!(a.bindings().iter().any(|b| b.action == action), "{action:?} is bound");
    }
    press(&mut a, &[Action::PageDown]);
    assert_ne!(screen_text(&a), top, "a page down");
    press(&mut a, &[Action::Bottom]);
    let bottom = screen_text(&a);
    assert!(bottom.contains("Exams: none taken yet"), "{bottom}");
    press(&mut a, &[Action::Back]);
    assert!(matches!(a.screen(), Screen::Home(_)));
}
