//! One test per rule of `generated.toml`, on the minimal fixture with a small generated.toml:
//! one template per model family, then one edit each.

use std::fmt::Write;

use strum::VariantArray;

use super::*;
use crate::generate::{Mistake, Model};

/// A Lambda bill over topic `alpha` of the fixture. Lines as the problems count them.
const LAMBDA: &str = r#"[[templates]]
id = "bill"
model = "lambda-cost"
topic = "alpha"
lesson = "alpha.first"
task = "4.1"
difficulty = "medium"
prompt = "A function on {arch} with {memory_mb} MB runs {invocations} times a month, {duration_ms} ms each. Its bill?"
explanation = "Requests plus GB-s, less the free {free_gb_seconds} GB-s and {free_requests} requests."
unit = "USD"
decimals = 2
tolerance = 0.01

[templates.inputs]
memory_mb = { values = [512, 1024, 2048] }
duration_ms = { values = [200, 500, 1000] }
invocations = { values = [5_000_000, 10_000_000] }
arch = { values = ["x86_64", "arm64"], words = { x86_64 = "x86", arm64 = "Arm" } }
"#;

/// Fargate tasks for the month.
const FARGATE: &str = r#"[[templates]]
id = "tasks"
model = "fargate-cost"
topic = "alpha"
lesson = "alpha.first"
task = "4.1"
difficulty = "medium"
prompt = "{tasks} tasks of {vcpu} vCPU and {memory_gb} GB on {arch} run {hours} hours. The bill?"
explanation = "vCPU-hours and GB-hours at their rates."
unit = "USD"
decimals = 2
tolerance = 0.01

[templates.inputs]
vcpu = { values = [0.5, 1] }
memory_gb = { values = [2, 4] }
tasks = { values = [2, 3] }
hours = { values = [200, 730] }
arch = { values = ["x86_64", "arm64"] }
"#;

/// On-Demand instances for the month.
const EC2: &str = r#"[[templates]]
id = "instances"
model = "ec2-cost"
topic = "alpha"
lesson = "alpha.first"
task = "4.1"
difficulty = "easy"
prompt = "{count} {instance_type} instances run all month. The bill?"
explanation = "Count x hourly rate x {hours_per_month} hours."
unit = "USD"
decimals = 2
tolerance = 0.01

[templates.inputs]
instance_type = { values = ["t3.micro", "m5.large"] }
count = { values = [2, 3, 4] }
"#;

/// Which service is cheapest: a choice, with no unit or tolerance.
const CHEAPEST: &str = r#"[[templates]]
id = "cheapest"
model = "cheapest"
topic = "alpha"
lesson = "alpha.first"
task = "1.4"
difficulty = "medium"
prompt = "{requests} requests of {duration_ms} ms at {memory_mb} MB: Lambda, {fargate_task} or {ec2_instance}?"
explanation = "Price each for the month and compare."

[templates.inputs]
requests = { values = [100_000, 1_000_000, 100_000_000] }
memory_mb = { values = [512] }
duration_ms = { values = [100] }
vcpu = { values = [0.25] }
memory_gb = { values = [0.5] }
instance_type = { values = ["t3.micro"] }
"#;

/// Words for every mistake but `skip`, after the templates, so that any model may be tried.
fn mistakes_but(skip: Option<Mistake>) -> String {
    let mut out = String::new();
    for m in Mistake::VARIANTS.iter().filter(|m| Some(**m) != skip) {
        let _ = write!(out, "\n[[mistakes]]\nid = \"{}\"\nsays = \"Not {}.\"\n", m.name(), m.name());
    }
    out
}

/// The fixture with `generated.toml` holding `templates` and then every mistake's words.
fn with_generated(templates: &str) -> (Option<Course>, Report) {
    check_generated(format!("{templates}{}", mistakes_but(None)))
}

fn check_generated(text: String) -> (Option<Course>, Report) {
    let mut files = files();
    files.push((GENERATED.into(), text));
    check(&ContentSource::from_memory("test", files))
}

fn problems_of(templates: &str) -> Vec<String> {
    let (course, report) = with_generated(templates);
    assert_eq!(course.is_some(), report.valid);
    report.errors.iter().map(ToString::to_string).collect()
}

/// `base` with `old` replaced by `new`.
fn edit(base: &str, old: &str, new: &str) -> String {
    assert!(base.contains(old), "template lacks {old:?}");
    base.replacen(old, new, 1)
}

/// Exactly one problem, at `position` (`LINE:COL` in generated.toml), starting with `message`.
fn assert_at(problems: &[String], position: &str, message: &str) {
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let expected = format!("generated.toml:{position}: {message}");
    assert!(problems[0].starts_with(&expected), "{:?} is not {expected:?}...", problems[0]);
}

#[test]
fn a_valid_template_is_a_card_of_its_topic() {
    let (course, report) = with_generated(LAMBDA);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.counts.templates, 1);
    let course = course.unwrap();
    let t = course.template("gen.bill").unwrap();
    assert_eq!((t.model, t.topic.as_str(), t.lesson.as_str()), (Model::LambdaCost, "alpha", "alpha.first"));
    let alpha = course.topic("alpha").unwrap();
    let card = alpha.questions.iter().find(|q| q.id == "gen.bill").expect("the card is filed in its topic");
    assert_eq!(card.lesson, "alpha.first");
    assert!(matches!(&card.body, QuestionBody::Numeric { unit, tolerance, .. } if unit == "USD" && *tolerance == 0.01));
    assert!(!card.prompt.contains('{'), "{}", card.prompt);
    // The fixture's price book has what every model needs.
    for base in [FARGATE, EC2, CHEAPEST] {
        assert_eq!(problems_of(base), Vec::<String>::new());
    }
    let (_, report) = with_generated(&[LAMBDA, FARGATE, EC2, CHEAPEST].concat());
    assert_eq!((report.valid, report.counts.templates), (true, 4), "{:?}", report.errors);
}

#[test]
fn a_template_cites_its_own_reference_or_its_lessons_first_source() {
    let (course, _) = with_generated(LAMBDA);
    let card = course.unwrap().question("gen.bill").unwrap().reference.clone();
    assert_eq!(card, "https://docs.aws.amazon.com/lambda/latest/dg/welcome.html");
    let own = edit(LAMBDA, "unit = \"USD\"", "reference = \"https://aws.amazon.com/lambda/pricing/\"\nunit = \"USD\"");
    let (course, report) = with_generated(&own);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(course.unwrap().question("gen.bill").unwrap().reference, "https://aws.amazon.com/lambda/pricing/");
    let bad = edit(LAMBDA, "unit = \"USD\"", "reference = \"http://aws.amazon.com/lambda/pricing/\"\nunit = \"USD\"");
    assert_at(
        &problems_of(&bad),
        "10:13",
        "reference `http://aws.amazon.com/lambda/pricing/` must be an https:// address with no spaces",
    );
}

#[test]
fn the_model_must_exist() {
    assert_at(
        &problems_of(&edit(LAMBDA, "model = \"lambda-cost\"", "model = \"lambda-cots\"")),
        "3:9",
        "unknown model `lambda-cots`; the models are lambda-cost, lambda-gb-seconds, lambda-free-seconds, lambda-dollar-buys, fargate-cost, ec2-cost, cheapest, break-even",
    );
}

#[test]
fn the_topic_must_exist() {
    assert_at(
        &problems_of(&edit(LAMBDA, "topic = \"alpha\"", "topic = \"beta\"")),
        "4:9",
        "unknown topic `beta`; the topics are alpha",
    );
}

#[test]
fn the_lesson_must_be_in_the_topic() {
    assert_at(
        &problems_of(&edit(LAMBDA, "lesson = \"alpha.first\"", "lesson = \"alpha.second\"")),
        "5:10",
        "topic `alpha` has no lesson `alpha.second`",
    );
}

#[test]
fn memory_stays_within_lambdas_limit() {
    // Only the input: the prompt's placeholders of it are not reported again.
    assert_at(
        &problems_of(&edit(LAMBDA, "[512, 1024, 2048]", "[512, 20000]")),
        "15:13",
        "input `memory_mb`: memory 20,000 MB is outside Lambda's limit (128 to 10,240 MB)",
    );
}

#[test]
fn vcpu_is_a_size_fargate_offers() {
    assert_at(
        &problems_of(&edit(FARGATE, "vcpu = { values = [0.5, 1] }", "vcpu = { values = [0.5, 3] }")),
        "15:8",
        "input `vcpu`: Fargate has no task size with 3 vCPU; choose 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU",
    );
}

#[test]
fn instance_types_are_in_the_price_book() {
    assert_at(
        &problems_of(&edit(EC2, "\"m5.large\"", "\"t9.huge\"")),
        "15:17",
        "input `instance_type`: unknown instance type `t9.huge`; the pricing data has t3.micro, t4g.small, m5.large",
    );
}

#[test]
fn placeholders_name_inputs_or_figures() {
    assert_at(
        &problems_of(&edit(LAMBDA, "{memory_mb} MB", "{memory} MB")),
        "8:10",
        "unknown placeholder {memory}; this text may use arch, duration_ms, fargate_ephemeral_included_gb, ",
    );
    // The explanation and an input's words too.
    assert_at(
        &problems_of(&edit(LAMBDA, "free {free_gb_seconds} GB-s", "free {free_gb_second} GB-s")),
        "9:15",
        "unknown placeholder {free_gb_second}",
    );
    assert_at(
        &problems_of(&edit(LAMBDA, "arm64 = \"Arm\"", "arm64 = \"Arm {cpu}\"")),
        "18:74",
        "unknown placeholder {cpu}",
    );
}

#[test]
fn inputs_are_the_models() {
    assert_at(
        &problems_of(&edit(LAMBDA, "memory_mb = {", "vcpu = { values = [1] }\nmemory_mb = {")),
        "15:8",
        "model `lambda-cost` has no input `vcpu`; its inputs are memory_mb, duration_ms, invocations, arch, ephemeral_mb, free_tier",
    );
}

#[test]
fn required_inputs_are_given() {
    let t = edit(LAMBDA, "invocations = { values = [5_000_000, 10_000_000] }\n", "");
    assert_at(
        &problems_of(&edit(&t, " runs {invocations} times", " runs")),
        "14:1",
        "model `lambda-cost` needs input `invocations`",
    );
}

#[test]
fn a_numeric_template_needs_a_unit_and_a_tolerance() {
    assert_at(
        &problems_of(&edit(LAMBDA, "unit = \"USD\"\n", "")),
        "2:6",
        "a numeric template needs `unit` (USD, GB-s, seconds, requests...)",
    );
    assert_at(
        &problems_of(&edit(LAMBDA, "tolerance = 0.01\n", "")),
        "2:6",
        "a numeric template needs `tolerance` (absolute) or `tolerance_percent`",
    );
    assert_at(
        &problems_of(&edit(LAMBDA, "tolerance = 0.01", "tolerance = 0.01\ntolerance_percent = 1")),
        "13:21",
        "give `tolerance` or `tolerance_percent`, not both",
    );
}

#[test]
fn a_choice_has_no_tolerance() {
    assert_at(
        &problems_of(&edit(CHEAPEST, "task = \"1.4\"", "task = \"1.4\"\ntolerance = 0.01")),
        "7:13",
        "`tolerance` is for a number to type; model `cheapest` asks for a choice",
    );
}

#[test]
fn every_mistake_a_model_diagnoses_has_words() {
    let (course, report) = check_generated(format!("{LAMBDA}{}", mistakes_but(Some(Mistake::NoRequestCharge))));
    assert!(course.is_none());
    let problems: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
    assert_at(
        &problems,
        "3:9",
        "model `lambda-cost` diagnoses mistake `no-request-charge`: describe it in a [[mistakes]] entry",
    );
    // A model that does not diagnose it does not need it.
    let (_, report) = check_generated(format!("{EC2}{}", mistakes_but(Some(Mistake::NoRequestCharge))));
    assert!(report.valid, "{:?}", report.errors);
}

#[test]
fn mistake_ids_are_known() {
    assert_at(
        &problems_of(&format!("{LAMBDA}\n[[mistakes]]\nid = \"off-by-one\"\nsays = \"Off by one.\"\n")),
        "21:6",
        "unknown mistake `off-by-one`; the mistakes are forgot-free-tier, applied-used-free-tier, mb-as-1000, ",
    );
}

#[test]
fn a_range_steps_forward() {
    let range =
        |r: &str| problems_of(&edit(LAMBDA, "memory_mb = { values = [512, 1024, 2048] }", &format!("memory_mb = {r}")));
    assert_at(
        &range("{ from = 128, to = 1024, step = 0 }"),
        "15:13",
        "input `memory_mb`: the range needs from <= to and a step above zero",
    );
    assert_at(&range("{ from = 1024, to = 128, step = 64 }"), "15:13", "input `memory_mb`: the range needs from <= to");
    // A good range is every step from `from` to `to`.
    assert_eq!(range("{ from = 512, to = 2048, step = 512 }"), Vec::<String>::new());
}

#[test]
fn words_are_for_values_the_input_takes() {
    assert_at(
        &problems_of(&edit(LAMBDA, "values = [\"x86_64\", \"arm64\"]", "values = [\"x86_64\"]")),
        "18:8",
        "words for `arm64`, which input `arch` never takes",
    );
}

#[test]
fn inputs_that_never_give_a_question_are_refused() {
    // One request a month with the free tier: always $0.00, and zero is not allowed.
    let (course, report) = with_generated(&edit(LAMBDA, "[5_000_000, 10_000_000]", "[1]"));
    assert!(course.is_none());
    let problems: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
    assert_at(&problems, "1:1", "template `bill`: its inputs never give a question to ask; widen them");
    // The single-choice form needs three mistakes told apart: with one instance there is no
    // count to forget, which leaves two (720 and 744 hours).
    assert_at(
        &problems_of(&edit(EC2, "count = { values = [2, 3, 4] }", "count = { values = [1] }")),
        "1:1",
        "template `instances`: its inputs never give a question to ask in the single-choice form (three mistakes told apart); widen them",
    );
}
