//! Questions: the keys every question has, then one check per kind for the keys that kind
//! owns; a key that belongs to another kind is refused.

use std::collections::BTreeSet;
use std::ops::Range;

use toml::Spanned;

use super::fields::{self, is_kebab};
use crate::content::model::{Choice, Difficulty, Question, QuestionBody, QuestionKind};
use crate::content::raw;
use crate::report::{Reporter, SourceText, comma_list};

pub(super) fn check(c: &mut Reporter, f: &SourceText<'_>, q: raw::Question, topic: &str) -> Option<Question> {
    let kind_name = q.kind.get_ref();
    let Some(kind) = QuestionKind::parse(kind_name) else {
        c.at(
            f,
            &q.kind.span(),
            format!(
                "unknown kind `{kind_name}`; expected one of {}",
                comma_list(QuestionKind::ALL.map(QuestionKind::name))
            ),
        );
        return None;
    };
    let task = fields::exam_task(c, f, &q.task);
    let difficulty = difficulty(c, f, &q.difficulty);
    let mut ok = true;
    for tag in &q.tags {
        if !is_kebab(tag.get_ref()) {
            c.at(f, &tag.span(), format!("tag `{}` must be lowercase kebab case", tag.get_ref()));
            ok = false;
        }
    }
    ok &= fields::text(c, f, &q.prompt, "prompt", true);
    ok &= fields::text(c, f, &q.explanation, "explanation", true);
    ok &= reference(c, f, &q);
    ok &= no_foreign_keys(c, f, &q, kind);

    let body = match kind {
        QuestionKind::Single | QuestionKind::Multi => choice(c, f, &q, kind),
        QuestionKind::TrueFalse => true_false(c, f, &q),
        QuestionKind::Order => order(c, f, &q),
        QuestionKind::Match => matching(c, f, &q),
        QuestionKind::Numeric => numeric(c, f, &q),
    };
    let (body, task, difficulty) = (body?, task?, difficulty?);
    ok.then(|| Question {
        id: q.id.into_inner(),
        topic: topic.to_string(),
        lesson: q.lesson.into_inner(),
        task,
        difficulty,
        tags: q.tags.into_iter().map(Spanned::into_inner).collect(),
        prompt: q.prompt.into_inner(),
        explanation: q.explanation.into_inner(),
        reference: q.reference.map(Spanned::into_inner).unwrap_or_default(),
        body,
    })
}

/// The page the feedback cites: every question has one, an `https://` address.
fn reference(c: &mut Reporter, f: &SourceText<'_>, q: &raw::Question) -> bool {
    match &q.reference {
        Some(url) => fields::url(c, f, url, "reference"),
        None => {
            c.at(
                f,
                &q.id.span(),
                format!(
                    "question `{}` needs `reference = \"https://...\"`: the page its feedback cites, \
                     such as the AWS documentation page the answer comes from",
                    q.id.get_ref()
                ),
            );
            false
        }
    }
}

pub(super) fn difficulty(c: &mut Reporter, f: &SourceText<'_>, value: &Spanned<String>) -> Option<Difficulty> {
    match value.get_ref().as_str() {
        "easy" => Some(Difficulty::Easy),
        "medium" => Some(Difficulty::Medium),
        "hard" => Some(Difficulty::Hard),
        other => {
            c.at(f, &value.span(), format!("difficulty `{other}` must be easy, medium or hard"));
            None
        }
    }
}

/// Keys that belong to one kind only; any other kind must not have them.
fn kind_keys(kind: QuestionKind) -> &'static [&'static str] {
    match kind {
        QuestionKind::Single | QuestionKind::Multi => &["options", "answer"],
        QuestionKind::TrueFalse => &["answer", "why_true", "why_false"],
        QuestionKind::Order => &["items"],
        QuestionKind::Match => &["pairs"],
        QuestionKind::Numeric => &["answer", "tolerance", "unit"],
    }
}

/// Refuses the keys of other kinds (an author who changes a question's kind must not leave
/// keys behind that would silently be ignored).
fn no_foreign_keys(c: &mut Reporter, f: &SourceText<'_>, q: &raw::Question, kind: QuestionKind) -> bool {
    let present: [(&str, Option<Range<usize>>); 8] = [
        ("options", q.options.as_ref().map(Spanned::span)),
        ("answer", q.answer.as_ref().map(Spanned::span)),
        ("why_true", q.why_true.as_ref().map(Spanned::span)),
        ("why_false", q.why_false.as_ref().map(Spanned::span)),
        ("items", q.items.as_ref().map(Spanned::span)),
        ("pairs", q.pairs.as_ref().map(Spanned::span)),
        ("tolerance", q.tolerance.as_ref().map(Spanned::span)),
        ("unit", q.unit.as_ref().map(Spanned::span)),
    ];
    let mut ok = true;
    for (key, span) in present {
        if let Some(span) = span
            && !kind_keys(kind).contains(&key)
        {
            let owner = QuestionKind::ALL.into_iter().filter(|k| kind_keys(*k).contains(&key)).map(QuestionKind::name);
            c.at(
                f,
                &span,
                format!("`{key}` does not belong to kind `{}` (it is for {})", q.kind.get_ref(), comma_list(owner)),
            );
            ok = false;
        }
    }
    ok
}

/// `value` when the question has it; otherwise reports that its kind needs `key`.
fn required<'v, T>(
    c: &mut Reporter,
    f: &SourceText<'_>,
    q: &raw::Question,
    value: Option<&'v T>,
    key: &str,
) -> Option<&'v T> {
    if value.is_none() {
        c.at(f, &q.id.span(), format!("a `{}` question needs `{key}`", q.kind.get_ref()));
    }
    value
}

/// `single` and `multi`: options, and the answer as option indexes.
fn choice(c: &mut Reporter, f: &SourceText<'_>, q: &raw::Question, kind: QuestionKind) -> Option<QuestionBody> {
    let options = required(c, f, q, q.options.as_ref(), "options").and_then(|o| options(c, f, o, kind));
    let answer = required(c, f, q, q.answer.as_ref(), "answer")
        .and_then(|a| options.as_ref().and_then(|opts| choice_answer(c, f, a, opts, kind)));
    let (options, mut answers) = (options?, answer?);
    if kind == QuestionKind::Single {
        Some(QuestionBody::Single { options, answer: answers[0] })
    } else {
        answers.sort_unstable();
        Some(QuestionBody::Multi { options, answers })
    }
}

fn true_false(c: &mut Reporter, f: &SourceText<'_>, q: &raw::Question) -> Option<QuestionBody> {
    let answer = required(c, f, q, q.answer.as_ref(), "answer").and_then(|a| {
        if let toml::Value::Boolean(b) = a.get_ref() {
            Some(*b)
        } else {
            c.at(f, &a.span(), "the answer of a `true_false` question is true or false (no quotes)");
            None
        }
    });
    // Each why has its own wording: it says what the line is for.
    let why = |c: &mut Reporter, key: &str, v: &Option<Spanned<String>>| match v {
        Some(v) => fields::text(c, f, v, key, false).then(|| v.get_ref().clone()),
        None => {
            c.at(
                f,
                &q.id.span(),
                format!(
                    "a `true_false` question needs `{key}`: one line on choosing {}",
                    if key == "why_true" { "True" } else { "False" }
                ),
            );
            None
        }
    };
    let why_true = why(c, "why_true", &q.why_true);
    let why_false = why(c, "why_false", &q.why_false);
    Some(QuestionBody::TrueFalse { answer: answer?, why_true: why_true?, why_false: why_false? })
}

fn order(c: &mut Reporter, f: &SourceText<'_>, q: &raw::Question) -> Option<QuestionBody> {
    required(c, f, q, q.items.as_ref(), "items")
        .and_then(|items| order_items(c, f, items, "item"))
        .map(|items| QuestionBody::Order { items })
}

fn matching(c: &mut Reporter, f: &SourceText<'_>, q: &raw::Question) -> Option<QuestionBody> {
    required(c, f, q, q.pairs.as_ref(), "pairs")
        .and_then(|pairs| match_pairs(c, f, pairs))
        .map(|pairs| QuestionBody::Match { pairs })
}

fn numeric(c: &mut Reporter, f: &SourceText<'_>, q: &raw::Question) -> Option<QuestionBody> {
    let answer = required(c, f, q, q.answer.as_ref(), "answer").and_then(|a| {
        let x = match a.get_ref() {
            toml::Value::Float(x) => *x,
            toml::Value::Integer(i) => *i as f64,
            _ => {
                c.at(f, &a.span(), "the answer of a `numeric` question is a number, like 18.74");
                return None;
            }
        };
        fields::number(c, f, &a.span(), x, "answer").then_some(x)
    });
    let tolerance = required(c, f, q, q.tolerance.as_ref(), "tolerance").and_then(|t| {
        let x = *t.get_ref();
        if x.is_nan() || x < 0.0 {
            c.at(f, &t.span(), "tolerance must be a number of 0 or more");
            None
        } else {
            fields::number(c, f, &t.span(), x, "tolerance").then_some(x)
        }
    });
    let unit = required(c, f, q, q.unit.as_ref(), "unit")
        .and_then(|u| fields::text(c, f, u, "unit", false).then(|| u.get_ref().clone()));
    Some(QuestionBody::Numeric { answer: answer?, tolerance: tolerance?, unit: unit? })
}

fn options(
    c: &mut Reporter,
    f: &SourceText<'_>,
    options: &Spanned<Vec<Spanned<raw::Choice>>>,
    kind: QuestionKind,
) -> Option<Vec<Choice>> {
    let (min, max) = if kind == QuestionKind::Single { (2, 8) } else { (3, 8) };
    let n = options.get_ref().len();
    let mut ok = true;
    if !(min..=max).contains(&n) {
        c.at(f, &options.span(), format!("a `{}` question has {min} to {max} options; this one has {n}", kind.name()));
        ok = false;
    }
    let mut ids = BTreeSet::new();
    let mut texts = BTreeSet::new();
    let mut out = Vec::new();
    for o in options.get_ref() {
        let o = o.get_ref();
        let id = o.id.get_ref();
        if !is_kebab(id) {
            c.at(
                f,
                &o.id.span(),
                format!("option id `{id}` must be lowercase kebab case, like `lambda` or `fifteen-min`"),
            );
            ok = false;
        } else if !ids.insert(id.clone()) {
            c.at(f, &o.id.span(), format!("option id `{id}` is used twice in this question"));
            ok = false;
        }
        ok &= fields::text(c, f, &o.text, "option text", false);
        if !texts.insert(o.text.get_ref().trim().to_lowercase()) {
            c.at(f, &o.text.span(), "two options have the same text");
            ok = false;
        }
        ok &= fields::text(c, f, &o.why, "option why", false);
        out.push(Choice { id: id.clone(), text: o.text.get_ref().clone(), why: o.why.get_ref().clone() });
    }
    ok.then_some(out)
}

/// The answer of a choice question as option indexes.
fn choice_answer(
    c: &mut Reporter,
    f: &SourceText<'_>,
    answer: &Spanned<toml::Value>,
    options: &[Choice],
    kind: QuestionKind,
) -> Option<Vec<usize>> {
    let ids = || comma_list(options.iter().map(|o| o.id.as_str()));
    let find = |c: &mut Reporter, id: &str| {
        let found = options.iter().position(|o| o.id == id);
        if found.is_none() {
            c.at(f, &answer.span(), format!("answer `{id}` is not one of the options ({})", ids()));
        }
        found
    };
    match (kind, answer.get_ref()) {
        (QuestionKind::Single, toml::Value::String(id)) => find(c, id).map(|i| vec![i]),
        (QuestionKind::Single, _) => {
            c.at(
                f,
                &answer.span(),
                format!("the answer of a `single` question is one option id in quotes, one of: {}", ids()),
            );
            None
        }
        (_, toml::Value::Array(values)) => {
            let mut picked = Vec::new();
            let mut ok = true;
            for v in values {
                let Some(id) = v.as_str() else {
                    c.at(f, &answer.span(), "the answer of a `multi` question is a list of option ids in quotes");
                    return None;
                };
                match find(c, id) {
                    Some(i) if picked.contains(&i) => {
                        c.at(f, &answer.span(), format!("answer `{id}` is listed twice"));
                        ok = false;
                    }
                    Some(i) => picked.push(i),
                    None => ok = false,
                }
            }
            if ok && (picked.len() < 2 || picked.len() >= options.len()) {
                c.at(
                    f,
                    &answer.span(),
                    format!(
                        "a `multi` question needs at least 2 answers and more options than answers; it has {} answers and {} options",
                        picked.len(),
                        options.len()
                    ),
                );
                ok = false;
            }
            ok.then_some(picked)
        }
        _ => {
            c.at(
                f,
                &answer.span(),
                "the answer of a `multi` question is a list of option ids, like [\"lambda\", \"fargate\"]",
            );
            None
        }
    }
}

fn order_items(
    c: &mut Reporter,
    f: &SourceText<'_>,
    items: &Spanned<Vec<Spanned<String>>>,
    what: &str,
) -> Option<Vec<String>> {
    let n = items.get_ref().len();
    let mut ok = true;
    if !(3..=8).contains(&n) {
        c.at(f, &items.span(), format!("an `order` question has 3 to 8 items; this one has {n}"));
        ok = false;
    }
    let mut seen = BTreeSet::new();
    for item in items.get_ref() {
        ok &= fields::text(c, f, item, what, false);
        if !seen.insert(item.get_ref().trim().to_lowercase()) {
            c.at(f, &item.span(), format!("{what} `{}` appears twice", item.get_ref()));
            ok = false;
        }
    }
    ok.then(|| items.get_ref().iter().map(|s| s.get_ref().clone()).collect())
}

fn match_pairs(
    c: &mut Reporter,
    f: &SourceText<'_>,
    pairs: &Spanned<Vec<Spanned<raw::Pair>>>,
) -> Option<Vec<(String, String)>> {
    let n = pairs.get_ref().len();
    let mut ok = true;
    if !(3..=8).contains(&n) {
        c.at(f, &pairs.span(), format!("a `match` question has 3 to 8 pairs; this one has {n}"));
        ok = false;
    }
    let (mut lefts, mut rights) = (BTreeSet::new(), BTreeSet::new());
    for p in pairs.get_ref() {
        let p = p.get_ref();
        ok &= fields::text(c, f, &p.left, "left", false) & fields::text(c, f, &p.right, "right", false);
        if !lefts.insert(p.left.get_ref().trim().to_lowercase()) {
            c.at(f, &p.left.span(), format!("left `{}` appears twice", p.left.get_ref()));
            ok = false;
        }
        if !rights.insert(p.right.get_ref().trim().to_lowercase()) {
            c.at(f, &p.right.span(), format!("right `{}` appears twice", p.right.get_ref()));
            ok = false;
        }
    }
    ok.then(|| {
        pairs
            .get_ref()
            .iter()
            .map(|p| (p.get_ref().left.get_ref().clone(), p.get_ref().right.get_ref().clone()))
            .collect()
    })
}
