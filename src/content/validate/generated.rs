//! `generated.toml`: the words of the named mistakes and the templates of generated pricing
//! questions. Each template's model, topic, lesson and inputs are checked, and every value an
//! input may take against the limit AWS sets for it, so no generated question can ask about
//! a function of 20 GB or a Fargate size that is not offered.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use toml::Spanned;

use super::fields::{self, is_kebab};
use crate::content::model::Topic;
use crate::content::raw;
use crate::generate::Form;
use crate::generate::{self, Input, Mistake, Model, Template, Tolerance, Values};
use crate::pricing::{Arch, CostError, PriceBook, ec2, fargate, lambda};
use crate::report::{Reporter, SourceText, comma_list};

/// What `generated.toml` gives: templates (with the place each was declared, for problems
/// found once the course exists) and the mistakes' words.
#[derive(Default)]
pub(super) struct Generated {
    pub templates: Vec<(Template, Range<usize>)>,
    pub mistakes: BTreeMap<Mistake, String>,
}

/// The most values one input may range over.
const MAX_VALUES: usize = 100_000;
/// The most values all inputs of all templates may take together: each is checked against
/// AWS's limits once.
const MAX_VALUES_IN_ALL: usize = 200_000;
/// The most templates: each is tried (up to 1,600 drawn questions) before the course is made.
pub(super) const MAX_TEMPLATES: usize = 200;

pub(super) fn check(
    c: &mut Reporter,
    f: &SourceText<'_>,
    pricing: Option<&PriceBook>,
    topics: &[Topic],
    question_ids: &BTreeSet<String>,
) -> Option<Generated> {
    let mut doc = c.parse(f)?;
    let mistake_values = c.take_array(f, doc.get_mut(), "mistakes");
    let template_values = c.take_array(f, doc.get_mut(), "templates");
    for (key, _) in doc.get_ref() {
        c.at(
            f,
            &key.span(),
            format!("unknown key `{}`; generated.toml has [[mistakes]] and [[templates]]", key.get_ref()),
        );
    }
    let mut out = Generated::default();
    let mut ok = true;
    for value in mistake_values {
        let Some(m) = c.de::<raw::MistakeText>(f, value) else {
            ok = false;
            continue;
        };
        let Some(mistake) = Mistake::parse(m.id.get_ref()) else {
            let known = comma_list(<Mistake as strum::VariantArray>::VARIANTS.iter().map(|m| m.name()));
            c.at(f, &m.id.span(), format!("unknown mistake `{}`; the mistakes are {known}", m.id.get_ref()));
            ok = false;
            continue;
        };
        if out.mistakes.contains_key(&mistake) {
            c.at(f, &m.id.span(), format!("mistake `{}` is described twice", m.id.get_ref()));
            ok = false;
            continue;
        }
        ok &= fields::text(c, f, &m.says, "says", false);
        ok &= placeholders(c, f, &m.says, &all_placeholders());
        out.mistakes.insert(mistake, m.says.into_inner());
    }
    let mut ids = BTreeSet::new();
    if template_values.len() > MAX_TEMPLATES {
        let span = template_values[MAX_TEMPLATES].span();
        c.at(
            f,
            &span,
            format!("generated.toml has {} templates; at most {MAX_TEMPLATES} are allowed", template_values.len()),
        );
        return None;
    }
    let mut values_in_all = 0.0;
    for value in template_values {
        let span = value.span();
        let Some(t) = c.de::<raw::Template>(f, value) else {
            ok = false;
            continue;
        };
        // Counted before any is checked, so the total bounds the work.
        // An input over its own cap counts as the cap: its own message says more.
        values_in_all +=
            t.inputs.get_ref().values().map(|i| value_count(i.get_ref()).min(MAX_VALUES as f64)).sum::<f64>();
        if values_in_all > MAX_VALUES_IN_ALL as f64 {
            c.at(
                f,
                &t.inputs.span(),
                format!(
                    "the templates' inputs take more than {} values in all; at most that many are allowed: list fewer or take larger steps",
                    crate::fmt::num(MAX_VALUES_IN_ALL as f64)
                ),
            );
            return None;
        }
        match template(c, f, t, pricing, topics, &out.mistakes, question_ids) {
            Some(t) => {
                if !ids.insert(t.id.clone()) {
                    c.at(f, &span, format!("template `{}` is declared twice", t.id));
                    ok = false;
                }
                out.templates.push((t, span));
            }
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// How many values an input as written would take (a range counted, not listed; a range that
/// makes no sense counts as none, and is reported later).
fn value_count(i: &raw::TemplateInput) -> f64 {
    match (&i.values, &i.from, &i.to, &i.step) {
        (Some(list), _, _, _) => list.get_ref().len() as f64,
        (None, Some(from), Some(to), Some(step)) => {
            let n = (to.get_ref() - from.get_ref()) / step.get_ref();
            if n.is_finite() && n >= 0.0 { n.floor() + 1.0 } else { 0.0 }
        }
        _ => 0.0,
    }
}

/// Every name a mistake's words may use: any model's inputs and figures, and the prices.
fn all_placeholders() -> BTreeSet<String> {
    let mut names: BTreeSet<String> = BTreeSet::new();
    for &model in <Model as strum::VariantArray>::VARIANTS {
        names.extend(model.slots().iter().map(|s| s.name.to_string()));
        names.extend(generate::extra_placeholders(model).into_iter().map(String::from));
    }
    names
}

/// Every `{name}` in `text` is one of `known`. One problem per text at most: the first unknown
/// name, and how many others there are.
fn placeholders(c: &mut Reporter, f: &SourceText<'_>, text: &Spanned<String>, known: &BTreeSet<String>) -> bool {
    let mut unknown: Option<(&str, usize)> = None;
    let mut rest = text.get_ref().as_str();
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            c.at(f, &text.span(), "a `{` is never closed; write placeholders as {name}");
            return false;
        };
        let name = &after[..close];
        if !known.contains(name) {
            unknown = Some(unknown.map_or((name, 0), |(first, n)| (first, n + 1)));
        }
        rest = &after[close + 1..];
    }
    let Some((name, others)) = unknown else { return true };
    let others = if others == 0 { String::new() } else { format!(" (and {others} more unknown)") };
    c.at(f, &text.span(), format!("unknown placeholder {{{name}}}{others}; this text may use {}", comma_list(known)));
    false
}

fn template(
    c: &mut Reporter,
    f: &SourceText<'_>,
    t: raw::Template,
    pricing: Option<&PriceBook>,
    topics: &[Topic],
    mistakes: &BTreeMap<Mistake, String>,
    question_ids: &BTreeSet<String>,
) -> Option<Template> {
    let mut ok = true;
    let id = t.id.get_ref();
    if !is_kebab(id) {
        c.at(f, &t.id.span(), format!("template id `{id}` must be lowercase kebab case"));
        ok = false;
    }
    let card = format!("{}{id}", generate::ID_PREFIX);
    if question_ids.contains(&card) {
        c.at(f, &t.id.span(), format!("`{card}` is already a question's id"));
        ok = false;
    }
    let Some(model) = Model::parse(t.model.get_ref()) else {
        let known = comma_list(<Model as strum::VariantArray>::VARIANTS.iter().map(|m| m.name()));
        c.at(f, &t.model.span(), format!("unknown model `{}`; the models are {known}", t.model.get_ref()));
        return None;
    };
    let mut lesson_source = None;
    match topics.iter().find(|tp| tp.id == *t.topic.get_ref()) {
        None => {
            let known = comma_list(topics.iter().map(|t| t.id.as_str()));
            c.at(f, &t.topic.span(), format!("unknown topic `{}`; the topics are {known}", t.topic.get_ref()));
            ok = false;
        }
        Some(topic) => match topic.lessons.iter().find(|l| l.id == *t.lesson.get_ref()) {
            None => {
                c.at(f, &t.lesson.span(), format!("topic `{}` has no lesson `{}`", topic.id, t.lesson.get_ref()));
                ok = false;
            }
            Some(lesson) => lesson_source = lesson.sources.first().map(|s| s.url.clone()),
        },
    }
    // The page the feedback cites: the template's own, or its lesson's first source (every
    // lesson has one).
    let reference = match &t.reference {
        Some(url) => {
            ok &= fields::url(c, f, url, "reference");
            url.get_ref().clone()
        }
        None => lesson_source.unwrap_or_default(),
    };
    let task = fields::exam_task(c, f, &t.task);
    let difficulty = super::questions::difficulty(c, f, &t.difficulty);
    ok &= fields::text(c, f, &t.prompt, "prompt", true);
    ok &= fields::text(c, f, &t.explanation, "explanation", true);
    for m in model.mistakes() {
        if !mistakes.contains_key(m) {
            c.at(
                f,
                &t.model.span(),
                format!(
                    "model `{}` diagnoses mistake `{}`: describe it in a [[mistakes]] entry",
                    model.name(),
                    m.name()
                ),
            );
            ok = false;
        }
    }
    // The answer's unit and precision: a number needs them, a choice has none.
    let (unit, decimals, tolerance) = if model.chooses() {
        for (key, span) in [
            ("unit", t.unit.as_ref().map(Spanned::span)),
            ("decimals", t.decimals.as_ref().map(Spanned::span)),
            ("tolerance", t.tolerance.as_ref().map(Spanned::span)),
            ("tolerance_percent", t.tolerance_percent.as_ref().map(Spanned::span)),
        ] {
            if let Some(span) = span {
                c.at(f, &span, format!("`{key}` is for a number to type; model `{}` asks for a choice", model.name()));
                ok = false;
            }
        }
        (String::new(), 2, Tolerance::Absolute(0.0))
    } else {
        let unit = match &t.unit {
            Some(u) => {
                ok &= fields::text(c, f, u, "unit", false);
                u.get_ref().clone()
            }
            None => {
                c.at(f, &t.id.span(), "a numeric template needs `unit` (USD, GB-s, seconds, requests...)");
                ok = false;
                String::new()
            }
        };
        let decimals = t.decimals.as_ref().map_or(0, |d| *d.get_ref());
        if decimals > 6 {
            c.at(f, &t.decimals.as_ref().map_or(0..0, Spanned::span), "decimals must be 0 to 6");
            ok = false;
        }
        let tolerance = match (&t.tolerance, &t.tolerance_percent) {
            (Some(abs), None) if *abs.get_ref() > 0.0 && fields::absurd(*abs.get_ref()).is_none() => {
                Tolerance::Absolute(*abs.get_ref())
            }
            (None, Some(pct)) if *pct.get_ref() > 0.0 && *pct.get_ref() <= 20.0 => {
                Tolerance::Relative(pct.get_ref() / 100.0)
            }
            (Some(_), Some(pct)) => {
                c.at(f, &pct.span(), "give `tolerance` or `tolerance_percent`, not both");
                ok = false;
                Tolerance::Absolute(1.0)
            }
            (None, None) => {
                c.at(f, &t.id.span(), "a numeric template needs `tolerance` (absolute) or `tolerance_percent`");
                ok = false;
                Tolerance::Absolute(1.0)
            }
            (Some(v), None) | (None, Some(v)) => {
                let why = fields::absurd(*v.get_ref()).map_or_else(String::new, |why| format!(": {why}"));
                c.at(f, &v.span(), format!("the tolerance must be above zero (a percentage at most 20){why}"));
                ok = false;
                Tolerance::Absolute(1.0)
            }
        };
        (unit, decimals as usize, tolerance)
    };
    let inputs = inputs(c, f, &t.inputs, model, pricing);
    // Every input the template gives the model may be named, even one whose values are
    // refused: that is reported once, at the input, not again at each placeholder.
    let mut known: BTreeSet<String> = t
        .inputs
        .get_ref()
        .keys()
        .filter(|name| model.slots().iter().any(|s| s.name == name.as_str()))
        .cloned()
        .collect();
    known.extend(generate::extra_placeholders(model).into_iter().map(String::from));
    ok &= placeholders(c, f, &t.prompt, &known);
    ok &= placeholders(c, f, &t.explanation, &known);
    for input in t.inputs.get_ref().values() {
        for words in input.get_ref().words.values() {
            ok &= fields::text(c, f, words, "words", false);
            ok &= placeholders(c, f, words, &known);
        }
    }
    let (inputs, task, difficulty) = (inputs?, task?, difficulty?);
    ok.then(|| Template {
        id: t.id.into_inner(),
        model,
        topic: t.topic.into_inner(),
        lesson: t.lesson.into_inner(),
        task,
        difficulty,
        prompt: t.prompt.into_inner(),
        explanation: t.explanation.into_inner(),
        reference,
        unit,
        decimals,
        tolerance,
        allow_zero: t.allow_zero,
        inputs,
    })
}

fn inputs(
    c: &mut Reporter,
    f: &SourceText<'_>,
    table: &Spanned<BTreeMap<String, Spanned<raw::TemplateInput>>>,
    model: Model,
    pricing: Option<&PriceBook>,
) -> Option<BTreeMap<String, Input>> {
    let slots = model.slots();
    let mut ok = true;
    for s in slots.iter().filter(|s| s.required) {
        if !table.get_ref().contains_key(s.name) {
            c.at(f, &table.span(), format!("model `{}` needs input `{}`", model.name(), s.name));
            ok = false;
        }
    }
    let mut out = BTreeMap::new();
    for (name, input) in table.get_ref() {
        let Some(slot) = slots.iter().find(|s| s.name == name) else {
            let known = comma_list(slots.iter().map(|s| s.name));
            c.at(f, &input.span(), format!("model `{}` has no input `{name}`; its inputs are {known}", model.name()));
            ok = false;
            continue;
        };
        match values(c, f, name, input, slot.kind, pricing) {
            Some(values) => {
                let words: BTreeMap<String, String> =
                    input.get_ref().words.iter().map(|(k, v)| (k.clone(), v.get_ref().clone())).collect();
                let taken: BTreeSet<String> = if words.is_empty() {
                    BTreeSet::new()
                } else {
                    values.iter().map(|v| generate::value_key(&v)).collect()
                };
                for key in words.keys() {
                    if !taken.contains(key) {
                        c.at(f, &input.span(), format!("words for `{key}`, which input `{name}` never takes"));
                        ok = false;
                    }
                }
                out.insert(name.clone(), Input { values, words });
            }
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// An input's values: a non-empty list of the slot's kind, or a numeric range, each value
/// within AWS's limits.
fn values(
    c: &mut Reporter,
    f: &SourceText<'_>,
    name: &str,
    input: &Spanned<raw::TemplateInput>,
    kind: generate::Kind,
    pricing: Option<&PriceBook>,
) -> Option<Values> {
    use generate::Kind;
    let i = input.get_ref();
    let span = input.span();
    let values = match (&i.values, &i.from, &i.to, &i.step) {
        (Some(list), None, None, None) => {
            let items = list.get_ref();
            if items.is_empty() {
                c.at(f, &list.span(), format!("input `{name}` has no values"));
                return None;
            }
            let bad = |c: &mut Reporter, what: &str| {
                c.at(f, &list.span(), format!("input `{name}` takes {what}"));
                None
            };
            match kind {
                Kind::Number => {
                    let nums: Option<Vec<f64>> =
                        items.iter().map(|v| v.as_float().or_else(|| v.as_integer().map(|n| n as f64))).collect();
                    match nums {
                        Some(n) => {
                            if let Some(why) = n.iter().find_map(|x| fields::absurd(*x)) {
                                c.at(f, &list.span(), format!("input `{name}`: {why}"));
                                return None;
                            }
                            Values::Numbers(n)
                        }
                        None => return bad(c, "numbers"),
                    }
                }
                Kind::Flag => match items.iter().map(toml::Value::as_bool).collect::<Option<Vec<bool>>>() {
                    Some(b) => Values::Flags(b),
                    None => return bad(c, "true and false"),
                },
                Kind::Arch | Kind::InstanceType | Kind::Rival => {
                    match items.iter().map(|v| v.as_str().map(String::from)).collect::<Option<Vec<String>>>() {
                        Some(n) => Values::Names(n),
                        None => return bad(c, "names in quotes"),
                    }
                }
            }
        }
        (None, Some(from), Some(to), Some(step)) if kind == Kind::Number => {
            let (a, b, s) = (*from.get_ref(), *to.get_ref(), *step.get_ref());
            if let Some(why) = [a, b, s].into_iter().find_map(fields::absurd) {
                c.at(f, &span, format!("input `{name}`: {why}"));
                return None;
            }
            if !(s > 0.0 && a <= b) {
                c.at(f, &span, format!("input `{name}`: the range needs from <= to and a step above zero"));
                return None;
            }
            if (b - a) / s >= MAX_VALUES as f64 {
                c.at(
                    f,
                    &span,
                    format!(
                        "input `{name}`: the range has more than {} values; take a larger step",
                        crate::fmt::num(MAX_VALUES as f64)
                    ),
                );
                return None;
            }
            Values::Range { from: a, to: b, step: s }
        }
        _ => {
            let what =
                if kind == Kind::Number { "`values = [...]`, or `from`, `to` and `step`" } else { "`values = [...]`" };
            c.at(f, &span, format!("input `{name}` needs {what}"));
            return None;
        }
    };
    // The first three different reasons are enough to fix a range by.
    let mut problems: Vec<String> = Vec::new();
    for v in values.iter() {
        if let Err(why) = limit(name, &v, pricing)
            && !problems.contains(&why)
        {
            problems.push(why);
            if problems.len() == 3 {
                break;
            }
        }
    }
    for why in &problems {
        c.at(f, &span, format!("input `{name}`: {why}"));
    }
    problems.is_empty().then_some(values)
}

/// One value against the limit AWS sets for it (and the engine's own checks).
fn limit(name: &str, v: &generate::Value, pricing: Option<&PriceBook>) -> Result<(), String> {
    use generate::Value;
    let positive =
        |x: f64, what: &str| if x > 0.0 && x.is_finite() { Ok(()) } else { Err(format!("{what} must be above zero")) };
    let cost = |r: Result<(), CostError>| r.map_err(|e| e.to_string());
    match v {
        Value::Number(x) => {
            let x = *x;
            match name {
                "memory_mb" => cost(lambda::check_memory(x)),
                "duration_ms" => cost(lambda::check_duration(x)).and(positive(x, "a duration")),
                "invocations" | "requests" => cost(lambda::check_invocations(x)).and(positive(x, "a request count")),
                "ephemeral_mb" => cost(lambda::check_ephemeral(x)),
                "vcpu" => match pricing {
                    Some(p) => fargate::check_vcpu(&p.fargate, x).map(|_| ()).map_err(|e| e.to_string()),
                    None => Ok(()),
                },
                "tasks" => cost(fargate::check_tasks(x)).and(positive(x, "a task count")),
                "hours" => cost(fargate::check_hours(x)).and(cost(ec2::check_hours(x))).and(positive(x, "hours")),
                "ephemeral_gb" => cost(fargate::check_ephemeral(x)),
                "count" => cost(ec2::check_count(x)).and(positive(x, "an instance count")),
                _ => positive(x, "this value"),
            }
        }
        Value::Flag(_) => Ok(()),
        Value::Name(s) => match name {
            "arch" => Arch::parse(s).map(|_| ()).ok_or_else(|| format!("`{s}` is not x86_64 or arm64")),
            "rival" if s == "fargate" || s == "ec2" => Ok(()),
            "rival" => Err(format!("`{s}` is not fargate or ec2")),
            _ => match pricing {
                Some(p) => ec2::find(&p.ec2, s).map(|_| ()).map_err(|e| e.to_string()),
                None => Ok(()),
            },
        },
    }
}

/// Once the course exists: each template must be able to give a question to ask, in both
/// forms (numbers that pass the engine's checks, a clear answer, mistakes to tell apart).
pub(super) fn trial(
    c: &mut Reporter,
    f: &SourceText<'_>,
    course: &crate::content::Course,
    span: &Range<usize>,
    t: &Template,
) {
    for form in [Form::Natural, Form::Choice] {
        if !generate::can_generate(course, t, form) {
            let which =
                if form == Form::Natural { "" } else { " in the single-choice form (three mistakes told apart)" };
            c.at(f, span, format!("template `{}`: its inputs never give a question to ask{which}; widen them", t.id));
            return;
        }
    }
}
