//! The shipped curriculum keeps its floors: every topic present with enough lessons and
//! questions, every question kind used, the required diagrams, and the facts that popular
//! notes get wrong taught the right way.

use std::collections::{BTreeMap, BTreeSet};

use cloudcram::content::{self, Course, QuestionBody, QuestionKind};

fn course() -> Course {
    content::load(None).expect("built-in content is valid")
}

const TOPICS: [&str; 11] = [
    "docker",
    "ecs",
    "fargate",
    "ecr",
    "serverless",
    "lambda",
    "api-gateway",
    "batch",
    "lightsail",
    "pricing",
    "around-compute",
];

#[test]
fn every_topic_is_present_with_its_floors() {
    let course = course();
    let ids: BTreeSet<&str> = course.topics.iter().map(|t| t.id.as_str()).collect();
    for id in TOPICS {
        assert!(ids.contains(id), "topic {id} missing");
    }
    for t in &course.topics {
        assert!(t.questions.len() >= 24, "{}: {} questions, floor 24", t.id, t.questions.len());
        assert!(t.lessons.len() >= 3, "{}: {} lessons", t.id, t.lessons.len());
        let kinds: BTreeSet<QuestionKind> = t.questions.iter().map(cloudcram::content::Question::kind).collect();
        assert!(kinds.len() >= 5, "{}: uses only {kinds:?}", t.id);
    }
    let lessons: usize = course.topics.iter().map(|t| t.lessons.len()).sum();
    assert!(lessons >= 35, "{lessons} lessons, floor 35");
    assert!(course.questions().count() >= 300, "{} questions, floor 300", course.questions().count());
}

#[test]
fn every_question_cites_an_aws_page() {
    // The validator requires an https:// reference everywhere; the shipped content goes
    // further and cites AWS's own pages.
    for q in course().questions() {
        assert!(
            ["https://docs.aws.amazon.com/", "https://aws.amazon.com/"].iter().any(|p| q.reference.starts_with(p)),
            "{}: reference {:?} is not an AWS page",
            q.id,
            q.reference
        );
    }
}

#[test]
fn the_exam_form_is_well_represented() {
    // The real exam's multiple response: choose two (or three) of five or more. The second
    // edition added 40 of them, four per topic, to the 40 the first edition had.
    let course = course();
    let exam_form = |t: &cloudcram::content::Topic| {
        t.questions
            .iter()
            .filter(|q| matches!(&q.body, QuestionBody::Multi { options, .. } if options.len() >= 5))
            .count()
    };
    let all: usize = course.topics.iter().map(exam_form).sum();
    assert!(all >= 80, "{all} multi items with five or more options, floor 80");
    for t in &course.topics {
        assert!(exam_form(t) >= 8, "{}: {} multi items with five or more options, floor 8", t.id, exam_form(t));
    }
}

#[test]
fn questions_about_the_exam_itself_count_towards_no_task() {
    let course = course();
    let format: Vec<_> =
        course.questions().filter(|q| q.tags.iter().any(|t| t == cloudcram::content::EXAM_FORMAT_TAG)).collect();
    assert!(format.len() >= 4, "{} exam-format questions", format.len());
    assert!(format.iter().all(|q| q.counted_task().is_none()));
    // Every question on a start-here lesson (the exam and this section) is one of them.
    for q in course.questions().filter(|q| course.lesson(&q.lesson).is_some_and(|l| l.start_here)) {
        assert!(format.iter().any(|f| f.id == q.id), "{} is about the exam: tag it exam-format", q.id);
    }
}

#[test]
fn app_runner_is_never_the_answer() {
    // AWS App Runner stopped accepting new customers on 30 April 2026: it may appear as a
    // closed door, never as the service to pick.
    for q in course().questions() {
        let right: Vec<&cloudcram::content::Choice> = match &q.body {
            QuestionBody::Single { options, answer } => vec![&options[*answer]],
            QuestionBody::Multi { options, answers } => answers.iter().map(|&a| &options[a]).collect(),
            _ => continue,
        };
        for o in right {
            let offers = o.text.contains("App Runner") && !o.text.contains("no longer");
            assert!(!offers, "{}: option {} offers App Runner", q.id, o.id);
        }
    }
}

#[test]
fn all_six_kinds_are_used_and_choice_questions_dominate() {
    let course = course();
    let mut kinds: BTreeMap<QuestionKind, usize> = BTreeMap::new();
    for q in course.questions() {
        *kinds.entry(q.kind()).or_default() += 1;
    }
    for k in QuestionKind::ALL {
        assert!(kinds.get(&k).copied().unwrap_or(0) >= 5, "kind {} used {:?} times", k.name(), kinds.get(&k));
    }
    let choice = kinds[&QuestionKind::Single] + kinds[&QuestionKind::Multi];
    assert!(choice * 2 > course.questions().count(), "most questions should be exam-style choices: {kinds:?}");
}

#[test]
fn the_required_diagrams_exist_and_are_shown_by_lessons() {
    let course = course();
    let required = [
        "ecs-ec2-vs-fargate",
        "ecr-image-flow",
        "thumbnail-pipeline",
        "serverless-cron",
        "api-gateway-lambda",
        "batch-job-flow",
        "ec2-vs-lambda",
        "lightsail-vs-ec2",
    ];
    let shown: BTreeSet<&str> =
        course.topics.iter().flat_map(|t| &t.lessons).flat_map(|l| l.diagrams.iter().map(String::as_str)).collect();
    for id in required {
        let d = course.diagram(id).unwrap_or_else(|| panic!("diagram {id} missing"));
        assert!(shown.contains(id), "no lesson shows {id}");
        if ["thumbnail-pipeline", "serverless-cron", "api-gateway-lambda", "batch-job-flow", "ecr-image-flow"]
            .contains(&id)
        {
            assert!(d.steps.len() >= 3, "{id} is a flow: it needs steps for the step-through");
        }
    }
}

#[test]
fn every_choice_option_explains_itself() {
    // Enforced by validation too; this guards the built-in content against a validator change.
    for q in course().questions() {
        if let QuestionBody::Single { options, .. } | QuestionBody::Multi { options, .. } = &q.body {
            assert!(options.iter().all(|o| !o.why.trim().is_empty()), "{}", q.id);
        }
    }
}

#[test]
fn the_lambda_gb_second_erratum_is_taught_correctly() {
    // $1 buys 60,000 GB-s at $0.0000166667, not 600,000 as popular notes claim.
    let course = course();
    let rate = course.pricing.lambda.x86_64[0].per_gb_second;
    assert!((1.0 / rate - 60_000.0).abs() < 1.0);
    let mentions =
        |needle: &str| course.topics.iter().flat_map(|t| &t.lessons).any(|l| l.body.replace(',', "").contains(needle));
    assert!(mentions("60000"), "a lesson must give the right figure");
    assert!(mentions("600000"), "a lesson must name the common mistake");
}

#[test]
fn numeric_pricing_answers_use_the_published_rates() {
    // Tolerances must accept correct rounding only, not neighbouring wrong answers.
    let course = course();
    let numeric: Vec<_> = course.questions().filter(|q| matches!(q.body, QuestionBody::Numeric { .. })).collect();
    assert!(numeric.len() >= 10, "{} numeric questions", numeric.len());
    for q in numeric {
        let QuestionBody::Numeric { tolerance, answer, .. } = q.body else { unreachable!() };
        assert!(tolerance <= answer.abs().max(1.0) * 0.05, "{}: tolerance {tolerance} too loose for {answer}", q.id);
    }
}
