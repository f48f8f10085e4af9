//! The exam in progress on disk, `<data-dir>/exam-in-progress.toml`: a [`Sheet`] written after
//! every answer and flag, read back when the store opens, so that a crash, a kill or a closed
//! terminal loses nothing (`cloudcram exam --resume`).
//!
//! ```toml
//! schema = 1
//! started = 2026-11-27T15:00:00Z
//! time = "1h 30m"          # the time the exam had in all
//! left = "41m 7s 250ms"    # the time left when this was saved
//! topics = []              # the topics it draws from; empty for all
//! kinds = "exam"           # exam | all
//! seed = "8301234"         # the seed of the options' shuffles (a string: it may not fit TOML's integers)
//!
//! [[question]]             # one per question, in the order asked
//! id = "lambda.max-timeout"
//! single = 2               # the answer, if any: one of the keys below
//! flagged = true           # left out when not flagged
//! ```
//!
//! An answer is in the content's terms: positions in the question's own lists (options, items,
//! rights), counted from 0, never the shuffled order the screen showed: `single = 2`,
//! `multi = [0, 3]`, `true_false = true`, `order = [2, 0, 1]` (items in the order given),
//! `match = [1, 0, 2]` (for each left in content order, the right paired with it),
//! `numeric = 18.73`. Durations are jiff's friendly form, exact to the nanosecond.
//!
//! Written by hand like progress.toml, and read entry by entry with every problem at its
//! `FILE:LINE:COL`; a damaged file stops the store from opening and is never overwritten.

use std::fmt::Write as _;

use jiff::SignedDuration;
use toml::Spanned;

use super::parse::{Failure, Parser};
use super::raw;
use super::write::quote;
use crate::quiz::Response;
use crate::quiz::exam::{Kinds, Sheet};

/// `<data-dir>/exam-in-progress.toml`
pub const SHEET_FILE: &str = "exam-in-progress.toml";
/// The format version of the sheet file.
const SHEET_SCHEMA: u32 = 1;

/// The sheet file's text.
pub(super) fn to_toml(sheet: &Sheet) -> String {
    let mut out = String::with_capacity(400 + sheet.questions.len() * 60);
    out.push_str(
        "# cloudcram: the exam in progress, saved after every answer and flag. `cloudcram exam --resume`\n\
         # continues it; once submitted it becomes an [[exam]] in progress.toml and this file goes.\n\
         # Answers are positions in the content's lists, counted from 0.\n",
    );
    let _ = writeln!(out, "schema = {SHEET_SCHEMA}");
    let _ = writeln!(out, "started = {}", sheet.started);
    let _ = writeln!(out, "time = \"{:#}\"", sheet.time);
    let _ = writeln!(out, "left = \"{:#}\"", sheet.left);
    out.push_str("topics = [");
    for (i, t) in sheet.topics.iter().enumerate() {
        out.push_str(if i == 0 { "" } else { ", " });
        quote(&mut out, t);
    }
    let _ = writeln!(out, "]\nkinds = \"{}\"\nseed = \"{}\"", sheet.kinds.name(), sheet.seed);
    for (i, id) in sheet.questions.iter().enumerate() {
        out.push_str("\n[[question]]\nid = ");
        quote(&mut out, id);
        out.push('\n');
        if let Some(answer) = sheet.answers.get(i).and_then(Option::as_ref) {
            write_answer(&mut out, answer);
        }
        if sheet.flagged.get(i).copied().unwrap_or(false) {
            out.push_str("flagged = true\n");
        }
    }
    out
}

fn write_answer(out: &mut String, answer: &Response) {
    let list = |out: &mut String, key: &str, v: &[usize]| {
        let items: Vec<String> = v.iter().map(ToString::to_string).collect();
        let _ = writeln!(out, "{key} = [{}]", items.join(", "));
    };
    match answer {
        Response::Single(i) => {
            let _ = writeln!(out, "single = {i}");
        }
        Response::Multi(v) => list(out, "multi", v),
        Response::TrueFalse(b) => {
            let _ = writeln!(out, "true_false = {b}");
        }
        Response::Order(v) => list(out, "order", v),
        Response::Match(v) => list(out, "match", v),
        Response::Numeric(x) => {
            let _ = writeln!(out, "numeric = {}", toml_float(*x));
        }
    }
}

/// A float as TOML writes it: always with a point or an exponent (`18.0`, not `18`, which
/// would read back as an integer), and TOML's words for the special values.
fn toml_float(x: f64) -> String {
    if x.is_nan() {
        "nan".into()
    } else if x.is_infinite() {
        if x > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        format!("{x:?}")
    }
}

/// Reads a sheet file; `file` names it in problems.
pub(super) fn parse(text: &str, file: &str) -> Result<Sheet, Failure> {
    let mut p = Parser::new(text, file);
    let (mut table, _) = p.top(SHEET_SCHEMA)?;
    let entries = p.array(&mut table, "question");
    let header = p.header::<raw::SheetHeader>(table);
    let mut questions = Vec::with_capacity(entries.len());
    let mut answers = Vec::with_capacity(entries.len());
    let mut flagged = Vec::with_capacity(entries.len());
    if entries.is_empty() {
        p.at(&(0..0), "the exam has no questions: there is no [[question]] entry; move the file away to start afresh");
    }
    for v in entries {
        let Some(q) = p.de::<raw::SheetQuestion>(v, "") else { continue };
        let answer = answer(&mut p, &q);
        if p.card_id(&q.id) {
            questions.push(q.id.into_inner());
            answers.push(answer);
            flagged.push(q.flagged);
        }
    }
    let sheet = header.and_then(|h| {
        let started = p.timestamp(&h.started, "started");
        let time = duration(&mut p, &h.time, "time");
        let left = duration(&mut p, &h.left, "left");
        if let Some(time) = time
            && time <= SignedDuration::ZERO
        {
            p.at(&h.time.span(), "`time` must be more than zero, like \"1h 30m\"");
        }
        if let (Some(time), Some(left)) = (time, left)
            && !(SignedDuration::ZERO..=time).contains(&left)
        {
            p.at(&h.left.span(), format!("`left` must be from 0s to the exam's time ({time:#})"));
        }
        let kinds = Kinds::parse(h.kinds.get_ref());
        if kinds.is_none() {
            p.at(&h.kinds.span(), format!("kinds `{}` must be \"exam\" or \"all\"", h.kinds.get_ref()));
        }
        let seed = h.seed.get_ref().parse::<u64>().ok();
        if seed.is_none() {
            p.at(&h.seed.span(), "`seed` must be a whole number 0 or more, in quotes, like \"42\"");
        }
        Some(Sheet {
            topics: h.topics,
            kinds: kinds?,
            seed: seed?,
            started: started?,
            time: time?,
            left: left?,
            questions,
            answers,
            flagged,
        })
    });
    let sheet = p.finish(sheet)?;
    // Every problem was reported, so a missing part has one.
    sheet.ok_or_else(|| Failure::Problems(Vec::new()))
}

fn duration(p: &mut Parser<'_>, value: &Spanned<String>, key: &str) -> Option<SignedDuration> {
    let d = value.get_ref().parse::<SignedDuration>().ok();
    if d.is_none() {
        p.at(&value.span(), format!("`{key}` must be a duration like \"1h 30m\" or \"41m 7s\""));
    }
    d
}

/// The one answer a question entry gives, if any; two or more are refused at the second.
fn answer(p: &mut Parser<'_>, q: &raw::SheetQuestion) -> Option<Response> {
    let mut found: Vec<(&str, std::ops::Range<usize>, Option<Response>)> = Vec::new();
    let indexes = |p: &mut Parser<'_>, v: &Spanned<Vec<i64>>| {
        let ok: Option<Vec<usize>> = v.get_ref().iter().map(|&i| usize::try_from(i).ok()).collect();
        if ok.is_none() {
            p.at(&v.span(), "positions must be whole numbers, 0 or more (the first is 0)");
        }
        ok
    };
    if let Some(i) = &q.single {
        let r = usize::try_from(*i.get_ref()).ok();
        if r.is_none() {
            p.at(&i.span(), "`single` must be a whole number, 0 or more (the first option is 0)");
        }
        found.push(("single", i.span(), r.map(Response::Single)));
    }
    if let Some(v) = &q.multi {
        found.push(("multi", v.span(), indexes(p, v).map(Response::Multi)));
    }
    if let Some(b) = &q.true_false {
        found.push(("true_false", b.span(), Some(Response::TrueFalse(*b.get_ref()))));
    }
    if let Some(v) = &q.order {
        found.push(("order", v.span(), indexes(p, v).map(Response::Order)));
    }
    if let Some(v) = &q.matched {
        found.push(("match", v.span(), indexes(p, v).map(Response::Match)));
    }
    if let Some(x) = &q.numeric {
        found.push(("numeric", x.span(), Some(Response::Numeric(*x.get_ref()))));
    }
    if let [(first, ..), (second, span, _), ..] = found.as_slice() {
        p.at(span, format!("a question has one answer, but this one has `{first}` and `{second}`; keep one"));
        return None;
    }
    found.pop().and_then(|(_, _, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::testing::t;

    fn sheet(answers: Vec<Option<Response>>) -> Sheet {
        let n = answers.len();
        Sheet {
            topics: vec!["lambda".into(), "ecs \"quoted\"".into()],
            kinds: Kinds::All,
            seed: u64::MAX,
            started: t("2026-11-27T15:00:00.123456789Z"),
            time: SignedDuration::from_secs(5400),
            left: SignedDuration::new(2467, 250_000_001),
            questions: (0..n).map(|i| format!("lambda.q{i}")).collect(),
            answers,
            flagged: (0..n).map(|i| i % 3 == 1).collect(),
        }
    }

    fn every_kind() -> Vec<Option<Response>> {
        vec![
            Some(Response::Single(2)),
            Some(Response::Multi(vec![0, 3])),
            Some(Response::TrueFalse(false)),
            Some(Response::TrueFalse(true)),
            Some(Response::Order(vec![2, 0, 1])),
            Some(Response::Match(vec![1, 0, 2])),
            Some(Response::Numeric(18.73)),
            Some(Response::Numeric(18.0)),
            Some(Response::Numeric(-0.000_123)),
            Some(Response::Numeric(1e21)),
            None,
            Some(Response::Multi(vec![])),
        ]
    }

    fn problems(text: &str) -> Vec<String> {
        match parse(text, "s.toml") {
            Ok(s) => panic!("parsed: {s:?}"),
            Err(failure) => failure.lines(),
        }
    }

    #[test]
    fn every_kind_of_answer_reads_back_the_same() {
        let s = sheet(every_kind());
        let text = to_toml(&s);
        let back = parse(&text, "s.toml").unwrap();
        assert_eq!(back, s);
        assert_eq!(to_toml(&back), text);
        // Each kind on its own, too: one answer per sheet.
        for answer in every_kind() {
            let s = sheet(vec![answer]);
            assert_eq!(parse(&to_toml(&s), "s.toml").unwrap(), s);
        }
        let nan = sheet(vec![Some(Response::Numeric(f64::NAN))]);
        let back = parse(&to_toml(&nan), "s.toml").unwrap();
        assert!(matches!(back.answers[0], Some(Response::Numeric(x)) if x.is_nan()));
    }

    #[test]
    fn the_layout_is_the_documented_one() {
        let text = to_toml(&sheet(every_kind()));
        assert!(
            text.contains(
                "\nschema = 1\nstarted = 2026-11-27T15:00:00.123456789Z\ntime = \"1h 30m\"\n\
                 left = \"41m 7s 250ms 1ns\"\ntopics = [\"lambda\", \"ecs \\\"quoted\\\"\"]\nkinds = \"all\"\n\
                 seed = \"18446744073709551615\"\n"
            ),
            "{text}"
        );
        for want in [
            "\n[[question]]\nid = \"lambda.q0\"\nsingle = 2\n\n",
            "\n[[question]]\nid = \"lambda.q1\"\nmulti = [0, 3]\nflagged = true\n\n",
            "id = \"lambda.q2\"\ntrue_false = false\n",
            "id = \"lambda.q4\"\norder = [2, 0, 1]\nflagged = true\n",
            "id = \"lambda.q5\"\nmatch = [1, 0, 2]\n",
            "id = \"lambda.q6\"\nnumeric = 18.73\n",
            "id = \"lambda.q7\"\nnumeric = 18.0\nflagged = true\n",
            "id = \"lambda.q9\"\nnumeric = 1e21\n",
            "\n[[question]]\nid = \"lambda.q10\"\nflagged = true\n\n",
        ] {
            assert!(text.contains(want), "{want:?} in\n{text}");
        }
    }

    #[test]
    fn a_hand_written_sheet_reads() {
        let text = "schema = 1\nstarted = 2026-11-27T15:00:00Z\ntime = \"6s\"\nleft = \"0s\"\nkinds = \"exam\"\n\
                    seed = \"7\"\n[[question]]\nid = \"gone.question\"\nnumeric = 18\n";
        let s = parse(text, "s.toml").unwrap();
        assert!(s.topics.is_empty(), "topics may be left out: all topics");
        assert_eq!(
            (s.time, s.left, s.kinds, s.seed),
            (SignedDuration::from_secs(6), SignedDuration::ZERO, Kinds::Exam, 7)
        );
        assert_eq!(s.answers, [Some(Response::Numeric(18.0))], "an integer is a number too");
        assert_eq!(s.flagged, [false]);
    }

    #[test]
    fn damage_is_refused_each_problem_at_its_place() {
        let good = to_toml(&sheet(vec![Some(Response::Single(1)), None]));
        let cases: [(&str, String, &str); 12] = [
            (
                "empty",
                String::new(),
                "1:1: the file is empty (a save was cut short, or it was emptied by hand); it should start with `schema = 1`",
            ),
            ("cut", good[..good.find("single = 1").unwrap() + 8].to_string(), "14:9: TOML syntax"),
            (
                "newer",
                good.replace("schema = 1", "schema = 2"),
                "newer 4:10: schema 2 is newer than this cloudcram understands",
            ),
            (
                "time",
                good.replace("time = \"1h 30m\"", "time = \"soon\""),
                "6:8: `time` must be a duration like \"1h 30m\" or \"41m 7s\"",
            ),
            (
                "zero time",
                good.replace("time = \"1h 30m\"", "time = \"0s\"")
                    .replace("left = \"41m 7s 250ms 1ns\"", "left = \"0s\""),
                "6:8: `time` must be more than zero",
            ),
            (
                "left",
                good.replace("left = \"41m 7s 250ms 1ns\"", "left = \"2h\""),
                "7:8: `left` must be from 0s to the exam's time (1h 30m)",
            ),
            (
                "kinds",
                good.replace("kinds = \"all\"", "kinds = \"some\""),
                "9:9: kinds `some` must be \"exam\" or \"all\"",
            ),
            (
                "seed",
                good.replace("seed = \"18446744073709551615\"", "seed = \"-1\""),
                "10:8: `seed` must be a whole number 0 or more",
            ),
            (
                "two answers",
                good.replace("single = 1\n", "single = 1\ntrue_false = true\n"),
                "15:14: a question has one answer, but this one has `single` and `true_false`; keep one",
            ),
            (
                "negative",
                good.replace("single = 1", "multi = [0, -2]"),
                "14:9: positions must be whole numbers, 0 or more",
            ),
            ("unknown key", good.replace("single = 1", "answer = 1"), "14:1: unknown key `answer`"),
            (
                "no questions",
                good[..good.find("\n[[question]]").unwrap()].to_string(),
                "1:1: the exam has no questions",
            ),
        ];
        for (what, text, want) in cases {
            let ps = problems(&text);
            assert!(ps.len() == 1 && ps[0].starts_with(want), "{what}: {ps:?}");
        }
        assert_eq!(
            problems(&good.replace("started = 2026-11-27T15:00:00.123456789Z\n", "")),
            ["1:1: missing key `started`"]
        );
    }
}
