use std::collections::BTreeSet;

use super::*;
use crate::content::{Course, QuestionBody};
use crate::pricing::fargate::FargateUsage;
use crate::pricing::lambda::LambdaUsage;
use crate::pricing::{Arch, ec2, fargate, lambda};

fn course() -> Course {
    crate::content::load(None).expect("the built-in content is valid")
}

fn number(i: &Instance, name: &str) -> f64 {
    i.inputs[name].as_f64().unwrap_or_else(|| panic!("{} has no number {name}: {}", i.id, i.inputs))
}

fn text<'a>(i: &'a Instance, name: &str) -> &'a str {
    i.inputs[name].as_str().unwrap_or_else(|| panic!("{} has no name {name}", i.id))
}

fn answer(i: &Instance) -> f64 {
    match i.answer {
        Answer::Number(x) => x,
        Answer::Option(_) => panic!("{} asks for a choice", i.id),
    }
}

/// The Lambda usage a question's inputs describe, read back from its JSON.
fn lambda_usage(i: &Instance, invocations: f64) -> LambdaUsage {
    let arch = i.inputs.get("arch").and_then(|a| a.as_str()).and_then(Arch::parse).unwrap_or_default();
    let mut u = LambdaUsage::new(number(i, "memory_mb"), number(i, "duration_ms"), invocations);
    u.arch = arch;
    u.free_tier = i.inputs.get("free_tier").and_then(serde_json::Value::as_bool).unwrap_or(true);
    if let Some(mb) = i.inputs.get("ephemeral_mb").and_then(serde_json::Value::as_f64) {
        u.ephemeral_mb = mb;
    }
    u
}

/// What the engine (or, for figures the engine does not print, the definition) says the
/// answer is; every estimate built here also checks the inputs against AWS's limits.
fn expected(course: &Course, t: &Template, i: &Instance) -> f64 {
    let p = &course.pricing;
    match t.model {
        Model::LambdaCost => lambda::estimate(p, &lambda_usage(i, number(i, "invocations"))).unwrap().total(),
        Model::LambdaGbSeconds => {
            lambda_usage(i, number(i, "invocations")).validate().unwrap();
            number(i, "invocations") * number(i, "duration_ms") / 1000.0 * number(i, "memory_mb") / 1024.0
        }
        Model::LambdaFreeSeconds => {
            LambdaUsage::new(number(i, "memory_mb"), 1.0, 0.0).validate().unwrap();
            p.lambda.free_gb_seconds / (number(i, "memory_mb") / 1024.0)
        }
        Model::LambdaDollarBuys => {
            let u = lambda_usage(i, 1.0);
            u.validate().unwrap();
            let rate = p.lambda.tiers(u.arch)[0].per_gb_second;
            number(i, "dollars") / (rate * u.memory_mb / 1024.0 * u.duration_ms / 1000.0)
        }
        Model::FargateCost => {
            let mut u =
                FargateUsage::new(number(i, "vcpu"), number(i, "memory_gb"), number(i, "tasks"), number(i, "hours"));
            u.arch = Arch::parse(text(i, "arch")).unwrap();
            u.ephemeral_gb = number(i, "ephemeral_gb");
            fargate::estimate(p, &u).unwrap().total()
        }
        Model::Ec2Cost => {
            let mut u = ec2::Ec2Usage::new(text(i, "instance_type"));
            u.count = number(i, "count");
            ec2::estimate(p, &u).unwrap().total()
        }
        Model::BreakEven => {
            // Lambda at the answer costs what the rival costs, and one request fewer less.
            let rival = if text(i, "rival") == "ec2" {
                ec2::estimate(p, &ec2::Ec2Usage::new(text(i, "instance_type"))).unwrap().total()
            } else {
                let u = FargateUsage::new(number(i, "vcpu"), number(i, "memory_gb"), 1.0, p.ec2.hours_per_month);
                fargate::estimate(p, &u).unwrap().total()
            };
            let r = answer(i);
            let at = |n: f64| lambda::estimate(p, &lambda_usage(i, n)).unwrap().total();
            assert!(at(r) >= rival && at(r - 1.0) < rival, "{}: {} at {r}, {rival}", i.id, at(r));
            r
        }
        Model::Cheapest => unreachable!("a choice"),
    }
}

#[test]
fn every_template_answers_as_the_engine_does_and_its_mistakes_are_told_apart() {
    let course = course();
    assert!(course.templates.len() >= 8, "at least eight templates");
    for t in &course.templates {
        for seed in 0..1000 {
            for form in [Form::Natural, Form::Choice] {
                let i = generate(&course, t, seed, form);
                assert_eq!(i.id, format!("gen.{}", t.id));
                if t.model.chooses() {
                    let Answer::Option(right) = &i.answer else { panic!("{}: a choice", i.id) };
                    let costs = cheapest_costs(&course, &i);
                    let best = costs.iter().copied().fold(f64::INFINITY, f64::min);
                    let at = ["lambda", "fargate", "ec2"].iter().position(|s| s == right).unwrap();
                    assert!(costs[at] <= best, "{}: {right} is the cheapest of {costs:?}", i.id);
                    continue;
                }
                let a = answer(&i);
                let want = expected(&course, t, &i);
                assert!((a - want).abs() <= 1e-9 * want.abs().max(1.0), "{} seed {seed}: {a} != {want}", i.id);
                assert!(t.allow_zero || i.show(a) != i.show(0.0), "{} seed {seed}: an answer of zero", i.id);
                let mut shown = BTreeSet::from([i.show(a)]);
                for m in &i.mistakes {
                    assert!((m.value - a).abs() > i.tolerance, "{} seed {seed}: {} is within tolerance", i.id, m.name);
                    assert!(shown.insert(i.show(m.value)), "{} seed {seed}: {} reads like another", i.id, m.name);
                    assert!(!m.says.contains('{'), "{}: {} has an unfilled placeholder", i.id, m.says);
                }
                assert!(!i.prompt.contains('{') && !i.question.explanation.contains('{'), "{}", i.prompt);
                if form == Form::Choice {
                    assert_eq!(i.options.len(), 4, "{} seed {seed}: the answer and three mistakes", i.id);
                    let QuestionBody::Single { options, answer } = &i.question.body else { panic!("single") };
                    assert_eq!(options[*answer].id, "right");
                } else {
                    assert!(i.mistakes.len() >= 2, "{} seed {seed}: mistakes to diagnose", i.id);
                }
            }
        }
    }
}

fn cheapest_costs(course: &Course, i: &Instance) -> [f64; 3] {
    let p = &course.pricing;
    let hours = p.ec2.hours_per_month;
    let l = lambda::estimate(p, &lambda_usage(i, number(i, "requests"))).unwrap().total();
    let f = fargate::estimate(p, &FargateUsage::new(number(i, "vcpu"), number(i, "memory_gb"), 1.0, hours)).unwrap();
    let e = ec2::estimate(p, &ec2::Ec2Usage::new(text(i, "instance_type"))).unwrap();
    [l, f.total(), e.total()]
}

#[test]
fn the_same_seed_gives_the_same_question_and_other_seeds_other_numbers() {
    let course = course();
    for t in &course.templates {
        let a = generate(&course, t, 42, Form::Natural);
        let b = generate(&course, t, 42, Form::Natural);
        assert_eq!((&a.prompt, &a.answer, &a.steps), (&b.prompt, &b.answer, &b.steps));
        let others: BTreeSet<String> = (0..30).map(|s| generate(&course, t, s, Form::Natural).prompt).collect();
        assert!(others.len() > 5, "{}: only {} different questions in 30 seeds", t.id, others.len());
    }
}

#[test]
fn the_cheapest_option_varies_with_the_workload() {
    let course = course();
    let t = course.templates.iter().find(|t| t.model == Model::Cheapest).unwrap();
    let answers: BTreeSet<String> = (0..200)
        .map(|s| match generate(&course, t, s, Form::Natural).answer {
            Answer::Option(id) => id,
            Answer::Number(_) => unreachable!(),
        })
        .collect();
    assert!(answers.contains("lambda") && answers.len() >= 2, "{answers:?}");
}

/// The first question of any template where `mistake` gives a result of its own.
fn with_mistake(course: &Course, mistake: Mistake) -> Option<(Instance, f64)> {
    course.templates.iter().filter(|t| t.model.mistakes().contains(&mistake)).find_map(|t| {
        (0..200).find_map(|seed| {
            let i = generate(course, t, seed, Form::Natural);
            let v = i.mistakes.iter().find(|m| m.mistake == mistake)?.value;
            Some((i, v))
        })
    })
}

#[test]
fn each_named_mistake_is_diagnosed_from_its_result() {
    let course = course();
    for &m in <Mistake as strum::VariantArray>::VARIANTS {
        let (i, value) = with_mistake(&course, m).unwrap_or_else(|| panic!("no question shows {}", m.name()));
        let found = i.diagnose(value).map(|d| d.mistake);
        assert_eq!(found, Some(m), "{}: {value} in {}", m.name(), i.prompt);
        // Typed as a learner would round it, too.
        let typed: f64 =
            i.show(value).trim_start_matches('$').replace(',', "").split(' ').next().unwrap().parse().unwrap();
        assert_eq!(i.diagnose(typed).map(|d| d.mistake), Some(m), "{} typed as {typed}", m.name());
        assert_eq!(i.diagnose(answer(&i)), None, "the right answer is no mistake");
        assert_eq!(i.diagnose(answer(&i) * 3.7 + 11.0), None);
        assert!(!i.diagnose(value).unwrap().says.is_empty());
    }
}

#[test]
fn the_free_tier_mistakes_name_the_allowance() {
    let course = course();
    let (i, value) = with_mistake(&course, Mistake::ForgotFreeTier).unwrap();
    let says = &i.diagnose(value).unwrap().says;
    assert!(says.contains("400,000 GB-s") && says.contains("1,000,000 requests"), "{says}");
    let (i, value) = with_mistake(&course, Mistake::Rate600k).unwrap();
    assert!(i.diagnose(value).unwrap().says.contains("60,000 GB-s"));
}

#[test]
fn a_single_choice_form_offers_the_mistakes_with_their_why() {
    let course = course();
    let t = course.templates.iter().find(|t| t.id == "lambda-monthly-cost").unwrap();
    let i = generate(&course, t, 5, Form::Choice);
    assert_eq!(i.options[0].id, "right");
    for o in &i.options[1..] {
        let m = i.mistake_of_option(&o.id).expect("every wrong option is a named mistake");
        assert_eq!(o.why, m.says);
        assert_eq!(o.text, i.show(m.value));
    }
}

#[test]
fn the_lambda_and_fargate_inputs_are_the_cost_commands_flags() {
    let course = course();
    let t = course.templates.iter().find(|t| t.id == "lambda-monthly-cost").unwrap();
    let i = generate(&course, t, 1, Form::Natural);
    let keys: BTreeSet<&str> = i.inputs.as_object().unwrap().keys().map(String::as_str).collect();
    let want = ["service", "memory_mb", "duration_ms", "invocations", "arch", "ephemeral_mb", "free_tier"];
    assert_eq!(keys, want.into_iter().collect());
    let t = course.templates.iter().find(|t| t.id == "fargate-monthly-cost").unwrap();
    let i = generate(&course, t, 1, Form::Natural);
    let keys: BTreeSet<&str> = i.inputs.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["service", "vcpu", "memory_gb", "tasks", "hours", "arch", "ephemeral_gb"].into_iter().collect());
}

#[test]
fn each_template_is_a_card_in_its_topic() {
    let course = course();
    for t in &course.templates {
        let topic = course.topic(&t.topic).unwrap();
        assert!(topic.questions.iter().any(|q| q.id == t.card_id()), "{} is a card", t.id);
        assert_eq!(course.template(&t.card_id()).map(|x| &x.id), Some(&t.id));
    }
    assert!(course.template("lambda.max-timeout").is_none());
}

#[test]
fn placeholders_are_filled_from_inputs_words_and_prices() {
    let course = course();
    let t = course.templates.iter().find(|t| t.id == "lambda-monthly-cost").unwrap();
    let mut inputs = Inputs::new();
    inputs.insert("arch".into(), Value::Name("arm64".into()));
    inputs.insert("memory_mb".into(), Value::Number(1536.0));
    let extra = BTreeMap::new();
    let out = fill("{arch} at {memory_mb} MB; {free_gb_seconds} free; {nope}", t, &inputs, &extra, &course);
    assert_eq!(out, "Arm (Graviton) at 1,536 MB; 400,000 free; {nope}");
}
