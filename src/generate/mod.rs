//! Generated pricing questions: templates from `content/generated.toml` turned into questions
//! with fresh numbers, worked answers and the results of the common mistakes.
//!
//! A [`Template`] is content: its wording, the values each input may take, the answer's unit
//! and precision, and which [`Model`] computes it. A model is code, and all of its arithmetic
//! is the cost engine's (`crate::pricing`): the answer is what `cost lambda`, `cost fargate` or
//! `cost ec2` gives for the drawn inputs. A [`Mistake`] is a named, common error, and its
//! result is the engine's too, run on what the mistaken learner believes: the price book or
//! the inputs changed the way the mistake changes them (no free tier, MB divided by 1,000,
//! milliseconds read as seconds, a rate ten times too low...).
//!
//! [`generate`] draws one question from a template and a seed: the same seed always gives the
//! same question. Inputs are redrawn (from the same seed's stream) until the answer is not
//! zero (unless the template allows it) and enough mistakes give results far enough from the
//! answer and from each other to be told apart: within the tolerance they would be
//! indistinguishable, so such a mistake is left out of that question.
//!
//! A template is one card for the review schedule (`gen.TEMPLATE`); the course holds a
//! stand-in question for it ([`Template::card`]), and every session replaces the stand-in by
//! a question generated for it (`quiz::Session::new`), so each review brings new numbers.

mod calc;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, RngExt, SeedableRng};
use serde::{Deserialize, Serialize};

pub use calc::{Kind, Mistake, Model, Slot};

use crate::content::{Choice, Course, Difficulty, ExamTask, Question, QuestionBody, QuestionKind};
use crate::fmt::{amount, num};

/// The prefix of a generated card's id: `gen.lambda-monthly-cost`.
pub const ID_PREFIX: &str = "gen.";

/// How many times the inputs are drawn before a question is given as it is.
const ATTEMPTS: usize = 200;

/// How many wrong options a single-choice form has.
const DISTRACTORS: usize = 3;

/// One validated template of `content/generated.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Template {
    /// Kebab case; the card is `gen.<id>`.
    pub id: String,
    pub model: Model,
    /// The topic it is filed under and the lesson that teaches its method.
    pub topic: String,
    pub lesson: String,
    pub task: ExamTask,
    pub difficulty: Difficulty,
    /// With `{input}` placeholders, and the price book's (`{free_gb_seconds}`...).
    pub prompt: String,
    pub explanation: String,
    /// The page the feedback cites (`reference`, or the lesson's first source).
    pub reference: String,
    /// The answer's unit: `USD`, `GB-s`, `seconds`, `requests`...; empty for a choice.
    pub unit: String,
    pub decimals: usize,
    pub tolerance: Tolerance,
    /// An answer of zero is allowed (a question about the free tier); otherwise redrawn.
    pub allow_zero: bool,
    pub inputs: BTreeMap<String, Input>,
}

/// How close a typed answer must be.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Tolerance {
    Absolute(f64),
    /// A share of the answer: 0.01 for 1%.
    Relative(f64),
}

impl Tolerance {
    pub fn of(self, answer: f64) -> f64 {
        match self {
            Self::Absolute(t) => t,
            Self::Relative(share) => (answer.abs() * share).max(f64::MIN_POSITIVE),
        }
    }
}

/// The values one input may take, and how a value reads in the prompt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Input {
    pub values: Values,
    /// The words for a value (`true`, `arm64`, `fargate`) where the bare value would not read
    /// well; may hold placeholders of other inputs.
    pub words: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Values {
    Numbers(Vec<f64>),
    /// `from`, `from + step`, ... up to `to`.
    Range {
        from: f64,
        to: f64,
        step: f64,
    },
    Flags(Vec<bool>),
    Names(Vec<String>),
}

impl Values {
    /// How many values there are. A range is counted, never listed: the validator bounds its
    /// length, and drawing from it picks an index.
    pub fn len(&self) -> usize {
        match self {
            Self::Numbers(v) => v.len(),
            Self::Range { from, to, step } => {
                let n = ((to - from) / step + 1e-9).floor();
                // Saturating: a range that got past the validator still cannot ask for more.
                if n.is_finite() && n >= 0.0 { n as usize + 1 } else { 0 }
            }
            Self::Flags(v) => v.len(),
            Self::Names(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`th value, in the order written (a range from `from` up).
    pub fn get(&self, i: usize) -> Option<Value> {
        match self {
            Self::Numbers(v) => v.get(i).map(|x| Value::Number(*x)),
            Self::Range { from, step, .. } => (i < self.len()).then(|| Value::Number(from + step * i as f64)),
            Self::Flags(v) => v.get(i).map(|b| Value::Flag(*b)),
            Self::Names(v) => v.get(i).map(|s| Value::Name(s.clone())),
        }
    }

    /// Every value, one at a time, as the generator may draw it.
    pub fn iter(&self) -> impl Iterator<Item = Value> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// One drawn input.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Flag(bool),
    Name(String),
}

/// A value as words are keyed by it: `true`, `arm64`, `1024`.
pub fn value_key(v: &Value) -> String {
    v.key()
}

impl Value {
    fn key(&self) -> String {
        match self {
            Self::Number(x) => num(*x),
            Self::Flag(b) => b.to_string(),
            Self::Name(s) => s.clone(),
        }
    }
}

/// The drawn inputs of one question, by name.
pub type Inputs = BTreeMap<String, Value>;

/// What form a generated question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The template's own: a number to type, or a choice for a choosing model.
    Natural,
    /// Single choice: the answer among the results of the mistakes (exams).
    Choice,
}

/// A mistake's result on one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MistakeResult {
    #[serde(skip)]
    pub mistake: Mistake,
    pub name: &'static str,
    pub value: f64,
    /// What the mistake is, in the content's words, numbers filled in.
    pub says: String,
}

/// One generated question with everything about its answer.
#[derive(Debug, Clone, Serialize)]
pub struct Instance {
    /// `gen.TEMPLATE`.
    pub id: String,
    pub template: String,
    pub kind: QuestionKind,
    pub prompt: String,
    /// The number (numeric), or the right option's id (a choosing model).
    pub answer: Answer,
    pub unit: String,
    pub tolerance: f64,
    pub options: Vec<OptionOut>,
    /// The worked answer: the engine's calculation steps.
    pub steps: Vec<String>,
    pub mistakes: Vec<MistakeResult>,
    pub inputs: serde_json::Value,
    #[serde(skip)]
    pub decimals: usize,
    #[serde(skip)]
    pub question: Question,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    Number(f64),
    Option(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionOut {
    pub id: String,
    pub text: String,
    pub why: String,
}

impl Instance {
    /// The named mistake a typed answer matches, if any: within the tolerance of its result.
    pub fn diagnose(&self, typed: f64) -> Option<&MistakeResult> {
        if !typed.is_finite() {
            return None;
        }
        self.mistakes.iter().find(|m| (typed - m.value).abs() <= self.tolerance + 1e-9 * m.value.abs().max(1.0))
    }

    /// The mistake behind a chosen option (single-choice form), if it was one.
    pub fn mistake_of_option(&self, option_id: &str) -> Option<&MistakeResult> {
        self.mistakes.iter().find(|m| m.name == option_id)
    }

    /// A value written as the answer is: `$18.73`, `1,200 GB-s`.
    pub fn show(&self, value: f64) -> String {
        amount(value, &self.unit, self.decimals)
    }
}

impl Template {
    pub fn card_id(&self) -> String {
        format!("{ID_PREFIX}{}", self.id)
    }

    /// The stand-in the course keeps for this template's card: a question generated with
    /// seed 0, in the form exams use for choosing models and the natural one otherwise. Every
    /// session asks a freshly generated one instead.
    pub fn card(&self, course: &Course) -> Question {
        generate(course, self, 0, Form::Natural).question
    }
}

/// A seed mixed with a name (a question id), so that each question of a session or an
/// exam gets its own stream, reproducible from the session's seed.
pub fn mix(seed: u64, name: &str) -> u64 {
    // FNV-1a over the name, then splitmix64's finaliser over both.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut z = seed ^ h;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Draws one question from `template`. The same template, seed and form give the same
/// question.
pub fn generate(course: &Course, template: &Template, seed: u64, form: Form) -> Instance {
    let mut rng = StdRng::seed_from_u64(mix(seed, &template.id));
    let (inputs, worked, _) = attempt(course, template, form, &mut rng);
    build(course, template, &inputs, worked, form, &mut rng)
}

/// Whether the template gives an acceptable question at all (the validator's trial): a few
/// seeds are tried.
pub fn can_generate(course: &Course, template: &Template, form: Form) -> bool {
    (0..4).any(|seed| attempt(course, template, form, &mut StdRng::seed_from_u64(mix(seed, &template.id))).2)
}

/// Draws inputs until they give an acceptable question, at most [`ATTEMPTS`] times; the last
/// draw that could be worked out when none is (only content that defeats the validator's
/// trial gets there), so that a question is still shown.
fn attempt(course: &Course, template: &Template, form: Form, rng: &mut StdRng) -> (Inputs, calc::Worked, bool) {
    let mut last = None;
    for _ in 0..ATTEMPTS {
        let inputs = draw(template, rng);
        let Some(worked) = calc::work(course, template, &inputs) else { continue };
        if worked.acceptable(template, form) {
            return (inputs, worked, true);
        }
        last = Some((inputs, worked));
    }
    let (inputs, worked) = last.unwrap_or_else(|| {
        let inputs = first_inputs(template);
        let worked = calc::work(course, template, &inputs).unwrap_or_else(calc::Worked::broken);
        (inputs, worked)
    });
    (inputs, worked, false)
}

/// One question from the inputs given (the simulator's current workload): None when the
/// inputs are not valid for the model.
pub fn with_inputs(course: &Course, template: &Template, inputs: &Inputs, seed: u64, form: Form) -> Option<Instance> {
    let mut rng = StdRng::seed_from_u64(mix(seed, &template.id));
    let worked = calc::work(course, template, inputs)?;
    Some(build(course, template, inputs, worked, form, &mut rng))
}

/// The first template of `model` whose wording holds for `inputs` (the simulator's
/// workload): every flag or name it declares lists the value given, and every optional input
/// it leaves out (so its prompt assumes the default: x86, the free tier, 512 MB of ephemeral
/// storage, the whole month) has the default. Numbers read right whatever they are.
pub fn fitting<'c>(course: &'c Course, model: Model, inputs: &Inputs) -> Option<&'c Template> {
    course.templates.iter().filter(|t| t.model == model).find(|t| {
        model.slots().iter().all(|slot| {
            let given = inputs.get(slot.name);
            match (t.inputs.get(slot.name), given) {
                (Some(_), Some(Value::Number(_))) => true,
                (Some(input), Some(v)) => input.values.iter().any(|x| x == *v),
                (Some(_) | None, None) => !slot.required,
                (None, Some(v)) => !slot.required && calc::is_default(slot.name, v, &course.pricing),
            }
        })
    })
}

/// A Lambda workload as a template's inputs.
pub fn lambda_inputs(u: &crate::pricing::lambda::LambdaUsage) -> Inputs {
    Inputs::from([
        ("memory_mb".to_string(), Value::Number(u.memory_mb)),
        ("duration_ms".to_string(), Value::Number(u.duration_ms)),
        ("invocations".to_string(), Value::Number(u.invocations)),
        ("arch".to_string(), Value::Name(u.arch.name().to_string())),
        ("ephemeral_mb".to_string(), Value::Number(u.ephemeral_mb)),
        ("free_tier".to_string(), Value::Flag(u.free_tier)),
    ])
}

/// Fargate tasks as a template's inputs.
pub fn fargate_inputs(u: &crate::pricing::fargate::FargateUsage) -> Inputs {
    Inputs::from([
        ("vcpu".to_string(), Value::Number(u.vcpu)),
        ("memory_gb".to_string(), Value::Number(u.memory_gb)),
        ("tasks".to_string(), Value::Number(u.tasks)),
        ("hours".to_string(), Value::Number(u.hours)),
        ("arch".to_string(), Value::Name(u.arch.name().to_string())),
        ("ephemeral_gb".to_string(), Value::Number(u.ephemeral_gb)),
    ])
}

/// EC2 instances as a template's inputs.
pub fn ec2_inputs(u: &crate::pricing::ec2::Ec2Usage) -> Inputs {
    let mut inputs = Inputs::from([
        ("instance_type".to_string(), Value::Name(u.instance_type.clone())),
        ("count".to_string(), Value::Number(u.count)),
    ]);
    if let Some(h) = u.hours {
        inputs.insert("hours".into(), Value::Number(h));
    }
    inputs
}

fn draw(template: &Template, rng: &mut StdRng) -> Inputs {
    let mut inputs = Inputs::new();
    for (name, input) in &template.inputs {
        // As `choose` on the listed values would: the same index for the same seed.
        if !input.values.is_empty()
            && let Some(v) = input.values.get(rng.random_range(..input.values.len()))
        {
            inputs.insert(name.clone(), v);
        }
    }
    inputs
}

fn first_inputs(template: &Template) -> Inputs {
    template.inputs.iter().filter_map(|(n, i)| i.values.get(0).map(|v| (n.clone(), v))).collect()
}

fn build(
    course: &Course,
    template: &Template,
    inputs: &Inputs,
    worked: calc::Worked,
    form: Form,
    rng: &mut StdRng,
) -> Instance {
    let prompt = fill(&template.prompt, template, inputs, &worked.extra, course);
    let mistakes: Vec<MistakeResult> = worked
        .mistakes
        .iter()
        .map(|(m, value)| MistakeResult {
            mistake: *m,
            name: m.name(),
            value: *value,
            says: fill(course.mistake_text(*m).unwrap_or(m.name()), template, inputs, &worked.extra, course),
        })
        .collect();
    let explanation = fill(&template.explanation, template, inputs, &worked.extra, course);
    let tolerance = template.tolerance.of(worked.answer);
    let show = |x: f64| amount(x, &template.unit, template.decimals);
    let (kind, answer, options, body) = match (&worked.choice, form) {
        (Some(choice), _) => {
            let options: Vec<OptionOut> = choice.options.clone();
            let answer = options[choice.right].id.clone();
            (QuestionKind::Single, Answer::Option(answer), options, None)
        }
        (None, Form::Natural) => (
            QuestionKind::Numeric,
            Answer::Number(worked.answer),
            Vec::new(),
            // To the template's precision, as the learner types it; the JSON keeps the
            // engine's unrounded figure.
            Some(QuestionBody::Numeric {
                answer: round(worked.answer, template.decimals),
                tolerance,
                unit: template.unit.clone(),
            }),
        ),
        (None, Form::Choice) => {
            let mut wrong: Vec<&MistakeResult> = mistakes.iter().collect();
            wrong.shuffle(rng);
            wrong.truncate(DISTRACTORS);
            let right = OptionOut {
                id: "right".into(),
                text: show(worked.answer),
                why: format!("The worked answer: {}.", worked.steps.last().map_or("", String::as_str)),
            };
            let mut options = vec![right];
            options.extend(wrong.iter().map(|m| OptionOut {
                id: m.name.into(),
                text: show(m.value),
                why: m.says.clone(),
            }));
            (QuestionKind::Single, Answer::Number(worked.answer), options, None)
        }
    };
    let body = body.unwrap_or_else(|| QuestionBody::Single {
        options: options
            .iter()
            .map(|o| Choice { id: o.id.clone(), text: o.text.clone(), why: o.why.clone() })
            .collect(),
        answer: options
            .iter()
            .position(|o| match &answer {
                Answer::Option(id) => &o.id == id,
                Answer::Number(_) => o.id == "right",
            })
            .unwrap_or(0),
    });
    let id = template.card_id();
    let question = Question {
        id: id.clone(),
        topic: template.topic.clone(),
        lesson: template.lesson.clone(),
        task: template.task,
        difficulty: template.difficulty,
        tags: vec!["generated".into(), template.model.name().into()],
        prompt: prompt.clone(),
        explanation,
        reference: template.reference.clone(),
        body,
    };
    Instance {
        id,
        template: template.id.clone(),
        kind,
        prompt,
        answer,
        unit: template.unit.clone(),
        tolerance,
        options,
        steps: worked.steps,
        mistakes,
        inputs: worked.json_inputs,
        decimals: template.decimals,
        question,
    }
}

fn round(x: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(i32::try_from(decimals).unwrap_or(6));
    (x * scale).round() / scale
}

/// The placeholders a prompt of `model` may use beyond its inputs: the price book's figures
/// and what the model works out for the prompt (a rival's monthly cost).
pub fn extra_placeholders(model: Model) -> Vec<&'static str> {
    let mut names = calc::PRICE_NAMES.to_vec();
    names.extend_from_slice(model.derived());
    names
}

/// Fills `{name}` placeholders: an input's words for its value (themselves filled), or the
/// value written as a learner would; a derived figure; a price-book figure. An unknown name is
/// left as written (the validator refuses them in content).
pub(crate) fn fill(
    text: &str,
    template: &Template,
    inputs: &Inputs,
    extra: &BTreeMap<&str, String>,
    course: &Course,
) -> String {
    fill_depth(text, template, inputs, extra, course, 0)
}

fn fill_depth(
    text: &str,
    template: &Template,
    inputs: &Inputs,
    extra: &BTreeMap<&str, String>,
    course: &Course,
    depth: usize,
) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        let value = inputs.get(name).map(|v| {
            let words = template.inputs.get(name).and_then(|i| i.words.get(&v.key()));
            match (words, v) {
                (Some(w), _) if depth < 2 => fill_depth(w, template, inputs, extra, course, depth + 1),
                (_, Value::Number(x)) => num(*x),
                (_, v) => v.key(),
            }
        });
        match value.or_else(|| extra.get(name).cloned()).or_else(|| calc::price_figure(course, name)) {
            Some(v) => out.push_str(&v),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Picks a template at random, for `quiz --generated N`.
pub fn pick<'c>(templates: &'c [Template], rng: &mut impl Rng) -> Option<&'c Template> {
    templates.choose(rng)
}
