//! One test per validation rule, on the minimal fixture with one edit each.

#![allow(clippy::float_cmp)] // exact values parsed from the fixture

use super::*;

const TOPIC: &str = include_str!("../../../tests/fixtures/valid-min/topics/alpha.toml");
const DIAGRAM: &str = include_str!("../../../tests/fixtures/valid-min/diagrams/flow.toml");
const ART: &str = include_str!("../../../tests/fixtures/valid-min/assets/flow.txt");
const PRICING: &str = include_str!("../../../tests/fixtures/valid-min/pricing.toml");

pub(super) fn files() -> Vec<(String, String)> {
    vec![
        ("topics/alpha.toml".into(), TOPIC.into()),
        ("diagrams/flow.toml".into(), DIAGRAM.into()),
        ("assets/flow.txt".into(), ART.into()),
        ("pricing.toml".into(), PRICING.into()),
    ]
}

/// Checks the fixture with `old` replaced by `new` in `file`.
fn check_edit(file: &str, old: &str, new: &str) -> Vec<String> {
    let mut files = files();
    let entry = files.iter_mut().find(|(k, _)| k == file).unwrap();
    assert!(entry.1.contains(old), "fixture lacks {old:?}");
    entry.1 = entry.1.replacen(old, new, 1);
    problems(files)
}

fn problems(files: Vec<(String, String)>) -> Vec<String> {
    let (course, report) = check(&ContentSource::from_memory("test", files));
    assert_eq!(course.is_some(), report.valid);
    report.errors.iter().map(ToString::to_string).collect()
}

fn assert_one(problems: &[String], expected: &str) {
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].contains(expected), "{:?} lacks {expected:?}", problems[0]);
}

const T: &str = "topics/alpha.toml";
const D: &str = "diagrams/flow.toml";
const P: &str = "pricing.toml";

#[test]
fn the_minimal_fixture_builds_the_expected_model() {
    let (course, report) = check(&ContentSource::from_memory("test", files()));
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let course = course.unwrap();
    let topic = &course.topics[0];
    assert_eq!((topic.id.as_str(), topic.task.to_string()), ("alpha", "3.3".to_string()));
    assert_eq!(topic.lessons[0].diagrams, ["flow"]);
    let q = |id: &str| course.question(id).unwrap();
    assert!(matches!(q("alpha.single").body, QuestionBody::Single { answer: 0, .. }));
    assert!(matches!(&q("alpha.multi").body, QuestionBody::Multi { answers, .. } if answers == &[0, 1]));
    assert!(matches!(q("alpha.truth").body, QuestionBody::TrueFalse { answer: true, .. }));
    assert!(
        matches!(&q("alpha.numeric").body, QuestionBody::Numeric { answer, tolerance, unit } if (*answer - 1000.0).abs() < 1e-9 && *tolerance == 0.0 && unit == "GB-s")
    );
    assert_eq!(q("alpha.numeric").task.to_string(), "4.1");
    assert_eq!(q("alpha.numeric").tags, ["pricing"]);
    let d = course.diagram("flow").unwrap();
    assert_eq!(d.art.len(), 3);
    assert_eq!(d.regions[1], Region { id: "right".into(), top: 0, bottom: 2, left: 11, right: 17 });
    assert_eq!(d.steps[1].highlight, [0, 1]);
    let p = &course.pricing;
    assert_eq!(p.lambda.x86_64.len(), 3);
    assert_eq!(p.lambda.x86_64[2].up_to, None);
    let half = &p.fargate.sizes[1];
    assert_eq!((half.vcpu, half.memory_gb.clone()), (0.5, vec![1.0, 2.0, 3.0, 4.0]));
    let sixteen = p.fargate.sizes.last().unwrap();
    assert_eq!((sixteen.memory_gb.len(), sixteen.memory_gb[11]), (12, 120.0));
    assert!((p.ec2.instance("t3.micro").unwrap().per_hour - 0.0104).abs() < 1e-12);
    assert_eq!(p.lambda.provenance.as_of, "2026-11-01");
}

#[test]
fn topic_id_must_match_its_file() {
    assert_one(&check_edit(T, "id = \"alpha\"", "id = \"beta\""), "topic id `beta` must match its file name");
}

#[test]
fn topic_orders_are_unique() {
    let mut files = files();
    let beta = TOPIC.replace("\"alpha", "\"beta");
    files.push(("topics/beta.toml".into(), beta));
    let p = problems(files);
    assert_one(&p, "order 1 is already used by topic `alpha`");
}

#[test]
fn lesson_ids_are_unique_across_topics() {
    let mut files = files();
    let beta = "id = \"beta\"\ntitle = \"B\"\nsummary = \"S\"\norder = 2\ntask = \"3.3\"\n[[lessons]]\nid = \"beta.first\"\ntitle = \"T\"\nsources = [{ title = \"t\", url = \"https://x\" }]\nbody = \"b\"\n[[lessons]]\nid = \"beta.first\"\ntitle = \"T\"\nsources = [{ title = \"t\", url = \"https://x\" }]\nbody = \"b\"\n";
    files.push(("topics/beta.toml".into(), beta.into()));
    assert_one(&problems(files), "duplicate lesson id `beta.first` (first at topics/beta.toml:7:6)");
}

#[test]
fn option_ids_are_unique_and_kebab() {
    assert_one(
        &check_edit(
            T,
            "{ id = \"ec2\", text = \"Amazon EC2\", why = \"You manage the instances.\" },\n]\nanswer = \"lambda\"",
            "{ id = \"lambda\", text = \"Amazon EC2\", why = \"x\" },\n]\nanswer = \"lambda\"",
        ),
        "option id `lambda` is used twice",
    );
    assert_one(
        &check_edit(
            T,
            "{ id = \"ec2\", text = \"Amazon EC2\", why = \"You manage the instances.\" },\n]\nanswer",
            "{ id = \"EC2\", text = \"Amazon EC2\", why = \"x\" },\n]\nanswer",
        ),
        "option id `EC2` must be lowercase kebab case",
    );
}

#[test]
fn option_counts_are_bounded() {
    assert_one(
        &check_edit(
            T,
            "  { id = \"ec2\", text = \"Amazon EC2\", why = \"You manage the instances.\" },\n]\nanswer = \"lambda\"",
            "]\nanswer = \"lambda\"",
        ),
        "a `single` question has 2 to 8 options; this one has 1",
    );
}

#[test]
fn options_need_distinct_texts_and_a_why() {
    assert_one(
        &check_edit(
            T,
            "text = \"Amazon EC2\", why = \"You manage the instances.\" },\n]\nanswer = \"lambda\"",
            "text = \"aws lambda\", why = \"You manage the instances.\" },\n]\nanswer = \"lambda\"",
        ),
        "two options have the same text",
    );
    assert_one(&check_edit(T, "why = \"Right: no servers to manage.\"", "why = \"\""), "option why is empty");
}

#[test]
fn single_answer_must_be_one_id() {
    assert_one(
        &check_edit(T, "answer = \"lambda\"", "answer = [\"lambda\"]"),
        "the answer of a `single` question is one option id in quotes",
    );
}

#[test]
fn multi_answers_are_listed_once() {
    assert_one(
        &check_edit(T, "answer = [\"lambda\", \"fargate\"]", "answer = [\"lambda\", \"lambda\"]"),
        "answer `lambda` is listed twice",
    );
    assert_one(
        &check_edit(T, "answer = [\"lambda\", \"fargate\"]", "answer = [\"lambda\"]"),
        "it has 1 answers and 3 options",
    );
    assert_one(&check_edit(T, "answer = [\"lambda\", \"fargate\"]", "answer = \"lambda\""), "is a list of option ids");
}

#[test]
fn true_false_needs_a_boolean_and_both_whys() {
    assert_one(&check_edit(T, "answer = true", "answer = \"true\""), "is true or false (no quotes)");
    assert_one(&check_edit(T, "why_false = \"There is a limit: 15 minutes.\"\n", ""), "needs `why_false`");
}

#[test]
fn order_items_are_distinct_and_enough() {
    assert_one(
        &check_edit(T, "items = [\"Upload\", \"Event\", \"Function\"]", "items = [\"Upload\", \"Event\"]"),
        "has 3 to 8 items; this one has 2",
    );
    assert_one(
        &check_edit(T, "items = [\"Upload\", \"Event\", \"Function\"]", "items = [\"Upload\", \"Event\", \"upload\"]"),
        "item `upload` appears twice",
    );
}

#[test]
fn match_sides_are_distinct() {
    assert_one(
        &check_edit(
            T,
            "{ left = \"ECS\", right = \"Runs containers\" }",
            "{ left = \"ECR\", right = \"Runs containers\" }",
        ),
        "left `ECR` appears twice",
    );
    assert_one(
        &check_edit(
            T,
            "{ left = \"ECS\", right = \"Runs containers\" }",
            "{ left = \"ECS\", right = \"Stores images\" }",
        ),
        "right `Stores images` appears twice",
    );
}

#[test]
fn numeric_needs_a_number_and_its_keys() {
    assert_one(&check_edit(T, "answer = 1000", "answer = \"1000\""), "is a number, like 18.74");
    assert_one(&check_edit(T, "unit = \"GB-s\"\n", ""), "a `numeric` question needs `unit`");
}

const REFERENCE: &str = "reference = \"https://docs.aws.amazon.com/lambda/latest/dg/welcome.html\"";

#[test]
fn every_question_cites_a_reference_page() {
    let (course, _) = check(&ContentSource::from_memory("test", files()));
    let course = course.unwrap();
    assert!(course.questions().all(|q| q.reference == "https://docs.aws.amazon.com/lambda/latest/dg/welcome.html"));
    // The first question of the fixture without one: one problem, at its id.
    assert_one(
        &check_edit(T, &format!("{REFERENCE}\n"), ""),
        "topics/alpha.toml:17:6: question `alpha.single` needs `reference = \"https://...\"`",
    );
}

#[test]
fn a_reference_is_an_https_address_with_no_spaces() {
    for bad in
        ["http://docs.aws.amazon.com/lambda/", "https://", "https://docs.aws.amazon.com/a b", "docs.aws.amazon.com", ""]
    {
        let problems = check_edit(T, REFERENCE, &format!("reference = {bad:?}"));
        assert_one(&problems, &format!("reference `{bad}` must be an https:// address with no spaces"));
    }
    // A wrong type is serde's message, at the value.
    assert_one(
        &check_edit(T, REFERENCE, "reference = 7"),
        "topics/alpha.toml:18:13: invalid type: integer `7`; expected a string",
    );
}

#[test]
fn difficulty_and_tags_have_fixed_forms() {
    assert_one(
        &check_edit(T, "difficulty = \"hard\"", "difficulty = \"brutal\""),
        "difficulty `brutal` must be easy, medium or hard",
    );
    assert_one(
        &check_edit(T, "tags = [\"pricing\"]", "tags = [\"Pricing Stuff\"]"),
        "tag `Pricing Stuff` must be lowercase kebab case",
    );
}

#[test]
fn text_rejects_tabs_bidi_and_stray_line_breaks() {
    assert_one(
        &check_edit(T, "title = \"First lesson\"", "title = \"First\\tlesson\""),
        "lesson title contains a tab; use spaces",
    );
    assert_one(
        &check_edit(T, "title = \"First lesson\"", "title = \"First \\u202Elesson\""),
        "the bidirectional control U+202E",
    );
    assert_one(
        &check_edit(T, "title = \"First lesson\"", "title = \"First\\nlesson\""),
        "a line break; keep it on one line",
    );
    // Line breaks are fine in bodies, prompts and explanations.
    assert!(check_edit(T, "prompt = \"Put the steps in order.\"", "prompt = \"Put the\\nsteps in order.\"").is_empty());
}

#[test]
fn a_lesson_body_does_not_repeat_its_title_as_a_heading() {
    assert_one(
        &check_edit(T, "Lambda runs **code** on events.", "# First lesson\n\nLambda runs code."),
        "lesson body starts with a `#` heading",
    );
    assert!(check_edit(T, "Lambda runs **code** on events.", "## A section\n\nLambda runs code.").is_empty());
}

#[test]
fn lessons_need_https_sources() {
    assert_one(
        &check_edit(
            T,
            "url = \"https://docs.aws.amazon.com/lambda/latest/dg/welcome.html\"",
            "url = \"http://example.com\"",
        ),
        "must be an https:// address",
    );
    assert_one(
        &check_edit(
            T,
            "sources = [{ title = \"What is AWS Lambda?\", url = \"https://docs.aws.amazon.com/lambda/latest/dg/welcome.html\" }]",
            "sources = []",
        ),
        "a lesson needs at least one source",
    );
}

#[test]
fn keys_must_be_arrays_of_tables() {
    let mut files = files();
    files[0].1 =
        "id = \"alpha\"\ntitle = \"A\"\nsummary = \"S\"\norder = 1\ntask = \"3.3\"\nlessons = \"none\"\n".into();
    assert_one(&problems(files), "`lessons` must be an array of tables ([[lessons]]), not a string");
}

#[test]
fn one_broken_question_hides_nothing_else() {
    let p = check_edit(T, "answer = true", "answer = true\nbogus = 1");
    assert_one(&p, "unknown key `bogus`");
    let p = check_edit(T, "prompt = \"Which two are serverless?\"", "prompt = 7");
    assert_one(&p, "invalid type: integer `7`; expected a string");
}

#[test]
fn a_syntax_error_does_not_cascade_into_unknown_references() {
    let mut files = files();
    files.push(("topics/beta.toml".into(), "id = \"beta\"\ntitle = [\n".into()));
    let qs = TOPIC.replace("lesson = \"alpha.first\"\ntask = \"4.1\"", "lesson = \"beta.basics\"\ntask = \"4.1\"");
    files[0].1 = qs;
    let p = problems(files);
    assert!(p.iter().all(|l| l.starts_with("topics/beta.toml")), "{p:#?}");
}

#[test]
fn art_must_fit_and_be_clean() {
    let mut wide = files();
    wide[2].1 = format!("{}\n{}\n", "─".repeat(77), "x");
    let p = problems(wide);
    assert!(
        p.iter().any(|l| l == "assets/flow.txt:1:77: art line is 77 columns wide; at most 76 fit the screen"),
        "{p:#?}"
    );
    let mut tab = files();
    tab[2].1 = "ab\ncd\tef\n".into();
    let p = problems(tab);
    assert!(p.iter().any(|l| l == "assets/flow.txt:2:3: art contains a tab; use spaces"), "{p:#?}");
    let mut tall = files();
    tall[2].1 = "x\n".repeat(31);
    assert!(problems(tall).iter().any(|l| l.contains("art is 31 lines tall")));
}

#[test]
fn steps_and_regions_are_well_formed() {
    assert_one(&check_edit(D, "highlight = [\"left\"]", "highlight = []"), "a step highlights at least one region");
    assert_one(
        &check_edit(D, "lines = [1, 3]\ncols = [1, 7]", "lines = [3, 1]\ncols = [1, 7]"),
        "region `left` lines [3, 1] must satisfy",
    );
    let p = check_edit(D, "id = \"right\"", "id = \"left\"");
    assert_eq!(p[0], "diagrams/flow.toml:11:6: region `left` is defined twice");
}

#[test]
fn art_paths_stay_inside_assets() {
    for bad in ["/etc/passwd", "a/../../x.txt", "C:\\x.txt", "./flow.txt"] {
        let p = check_edit(D, "art = \"flow.txt\"", &format!("art = {bad:?}"));
        assert!(p.iter().any(|l| l.contains("leaves the assets directory")), "{bad}: {p:#?}");
    }
}

#[test]
fn pricing_rules() {
    assert_one(
        &check_edit(
            P,
            "  { per_gb_second = 0.0000133334 },\n]\narm64",
            "  { up_to = 20_000_000_000, per_gb_second = 0.0000133334 },\n]\narm64",
        ),
        "the last lambda.x86_64 tier must be open-ended",
    );
    assert_one(
        &check_edit(P, "{ up_to = 15_000_000_000, per_gb_second = 0.0000150000 }", "{ per_gb_second = 0.0000150000 }"),
        "only the last lambda.x86_64 tier may leave out up_to",
    );
    assert_one(&check_edit(P, "arch = \"arm64\"", "arch = \"graviton\""), "arch `graviton` must be x86_64 or arm64");
    assert_one(
        &check_edit(P, "{ min = 1, max = 4, step = 1 }", "{ min = 4, max = 1, step = 1 }"),
        "memory_gb range needs 0 < min <= max and step > 0",
    );
    assert_one(
        &check_edit(P, "currency = \"USD\"", "currency = \"dollars\""),
        "currency `dollars` must be a three-letter code",
    );
    assert_one(
        &check_edit(
            P,
            "[ecr]\nsource = \"https://aws.amazon.com/ecr/pricing/\"\nas_of = 2026-11-01",
            "[ecr]\nsource = \"https://aws.amazon.com/ecr/pricing/\"\nas_of = 2026-11-01T10:00:00Z",
        ),
        "as_of `2026-11-01T10:00:00Z` must be a date",
    );
    assert_one(
        &check_edit(P, "request_per_million = 0.20", "request_per_million = 0"),
        "request_per_million must be a positive number",
    );
    assert_one(
        &check_edit(P, "{ type = \"m5.large\"", "{ type = \"t3.micro\""),
        "instance type `t3.micro` is listed twice",
    );
}

#[test]
fn missing_pricing_and_topics_are_reported() {
    let p = problems(vec![]);
    assert_eq!(
        p,
        [
            "test/pricing.toml:1:1: missing: a content directory needs pricing.toml (see content/README.md)",
            "test/topics:1:1: no topics: a content directory needs at least one topics/<id>.toml"
        ]
    );
}

#[test]
fn kebab_case() {
    for good in ["a", "api-gateway", "x86-64", "15-min"] {
        assert!(is_kebab(good), "{good}");
    }
    for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a.b", "a b"] {
        assert!(!is_kebab(bad), "{bad}");
    }
}

// The rules of generated.toml (tests/generated.rs), on the same fixture.
mod generated;
