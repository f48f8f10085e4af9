//! Progress file text -> [`Progress`], or every problem with its `line:col`.
//!
//! Two readers: the fast path (`fast.rs`, a line scanner for the layout cloudcram writes)
//! reads a well-formed file; when it gives up, the full TOML parser here reads the file with
//! spans and reports every problem at its place. Entries are deserialized one at a time, so
//! one broken review hides nothing else. Every message is escaped ([`escape_controls`]): a
//! value such as `rating = "\u001b[2J"` is quoted in it, and must not reach the terminal raw.
//!
//! An entry cut short at the very end (an append that a crash or power cut interrupted) is
//! not a damaged file: [`parse_file`] leaves it out and says so, and keeps everything before
//! it.

use crate::fmt::escape_controls;
use crate::report::{Reporter, SourceText};
use std::collections::BTreeSet;
use std::ops::Range;

use jiff::Timestamp;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::value::{Datetime, Offset};

use super::Problem;
use super::doc::{ExamAnswer, ExamRecord, Progress};
use super::migrate::{self, CURRENT_SCHEMA};
use super::raw;
use super::settings::{self as setting, GivenSettings, Settings};
use super::study::{Practice, PracticeMode};
use crate::srs::Rating;

const TOP_KEYS: &str = "schema, settings, suspended, read, buried, review, practice, exam";

/// Why a file could not be loaded.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Problems to fix by hand.
    Problems(Vec<Problem>),
    /// Written by a newer cloudcram; the problem says which schema.
    Newer(Problem, u32),
}

/// A progress file read, and the entry cut short at its end that was left out, if any.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub progress: Progress,
    /// Where the torn entry began, with what was done about it.
    pub torn: Option<Problem>,
}

/// Parses and checks a progress file, as [`parse`] does, except that an entry cut short at
/// the end of the file (see [`torn_tail`]) is left out, reported in [`Loaded::torn`], when
/// everything before it is a good file.
pub(crate) fn parse_file(text: &str, file: &str) -> Result<Loaded, Failure> {
    let failure = match parse(text, file) {
        Ok(progress) => return Ok(Loaded { progress, torn: None }),
        Err(failure @ Failure::Newer(..)) => return Err(failure),
        Err(failure) => failure,
    };
    let Some((cut, what)) = torn_tail(text) else { return Err(failure) };
    match parse(&text[..cut], file) {
        Ok(progress) => {
            let message = format!(
                "{what} at the end of the file was cut short (a save interrupted by a crash or a power cut) and \
                 was left out; everything before it is kept, and the next save writes the file again without it"
            );
            let torn = SourceText::new(file, text).problem(&(cut..cut), message);
            Ok(Loaded { progress, torn: Some(torn) })
        }
        Err(_) => Err(failure),
    }
}

/// Parses and checks a progress file; `file` names it in problems. The fast path first; the
/// full parser if it gives up.
pub(crate) fn parse(text: &str, file: &str) -> Result<Progress, Failure> {
    super::fast::parse(text).map_or_else(|| parse_full(text, file), Ok)
}

/// The entries an append adds, each with its keys in the order `write.rs` writes them.
const APPENDED: [(&str, &[&str]); 2] =
    [("[[review]]", &["card", "at", "rating"]), ("[[practice]]", &["card", "at", "correct", "mode"])];

/// Where the entry cut short at the end of `text` starts, and what it is: the start of an
/// appended `[[review]]` or `[[practice]]` of which only its first lines reached the disk (the
/// last of them perhaps in part), or zero bytes where a power cut left the end of the file
/// unwritten. A last entry that has all its keys, or keys not in the order cloudcram writes
/// them, was not torn by an append: it was damaged by hand, and is reported as damage.
pub(crate) fn torn_tail(text: &str) -> Option<(usize, &'static str)> {
    let body = text.trim_end_matches('\0');
    let start = body.rfind("\n[").map_or(0, |i| i + 1);
    let mut lines = body[start..].split_inclusive('\n');
    let first = lines.next()?;
    let torn = APPENDED.iter().find_map(|&(header, keys)| {
        let Some(line) = first.strip_suffix('\n') else {
            // Cut inside the header line itself.
            return header.starts_with(first).then_some(header);
        };
        if line != header {
            return None;
        }
        let mut complete = 0;
        for line in lines.clone() {
            let key = keys.get(complete)?;
            let (text, ended) = line.strip_suffix('\n').map_or((line, false), |l| (l, true));
            let assignment = format!("{key} = ");
            if !ended {
                // The last line, cut: the start of the next key's line.
                return (assignment.starts_with(text) || text.starts_with(&assignment)).then_some(header);
            }
            if !text.starts_with(&assignment) {
                return None;
            }
            complete += 1;
        }
        (complete < keys.len()).then_some(header)
    });
    match torn {
        Some(header) => Some((start, if header == "[[review]]" { "a [[review]]" } else { "a [[practice]]" })),
        None if body.len() < text.len() => Some((body.len(), "what was being added")),
        None => None,
    }
}

/// Parses and checks a progress file with the full TOML parser, keeping spans for the
/// problems.
pub(crate) fn parse_full(text: &str, file: &str) -> Result<Progress, Failure> {
    let mut p = Parser::new(text, file);
    let (table, schema) = p.top(CURRENT_SCHEMA)?;
    if schema < CURRENT_SCHEMA {
        // An older file: carry it forward, then read it as a current one.
        return match migrate::migrate(text, schema) {
            Ok(migrated) => parse(&migrated, file).map(|mut progress| {
                progress.schema = schema;
                progress
            }),
            Err(e) => {
                p.at(&(0..0), format!("schema {schema} cannot be brought up to date: {e}"));
                Err(Failure::Problems(p.take()))
            }
        };
    }
    let progress = p.document(table);
    p.finish(progress)
}

#[cfg(test)]
impl Failure {
    /// The problems as `line:col: message`, a newer schema's marked `newer`: what the parsers'
    /// tests compare.
    pub(super) fn lines(&self) -> Vec<String> {
        let line = |p: &Problem| format!("{}:{}: {}", p.line, p.column, p.message);
        match self {
            Self::Problems(ps) => ps.iter().map(line).collect(),
            Self::Newer(p, _) => vec![format!("newer {}", line(p))],
        }
    }
}

/// The reader of one file in the progress store's format family (progress.toml, the exam in
/// progress): positions, problems, and the checks every such file shares.
pub(super) struct Parser<'a> {
    src: SourceText<'a>,
    problems: Reporter,
}

impl<'a> Parser<'a> {
    pub(super) fn new(text: &'a str, file: &'a str) -> Self {
        Self { src: SourceText::new(file, text), problems: Reporter::default() }
    }

    /// The document's top table, its `schema` (at most `current`) taken out and checked; an
    /// empty file or a syntax error stops here.
    pub(super) fn top(&mut self, current: u32) -> Result<(DeTable<'a>, u32), Failure> {
        if self.src.text.trim().is_empty() {
            self.at(
                &(0..0),
                format!(
                    "the file is empty (a save was cut short, or it was emptied by hand); it should start with \
                     `schema = {current}`"
                ),
            );
            return Err(Failure::Problems(self.take()));
        }
        let mut table = match self.problems.parse(&self.src) {
            Some(table) => table.into_inner(),
            None => return Err(Failure::Problems(self.take())),
        };
        let schema = self.schema(table.remove("schema"), current)?;
        Ok((table, schema))
    }

    /// `value` if nothing was wrong, else every problem in the order of the file.
    pub(super) fn finish<T>(&mut self, value: T) -> Result<T, Failure> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            let mut problems = self.take();
            problems.sort_by_key(|p| (p.line, p.column));
            Err(Failure::Problems(problems))
        }
    }
}

impl Parser<'_> {
    pub(super) fn at(&mut self, span: &Range<usize>, message: impl Into<String>) {
        self.problems.at(&self.src, span, message);
    }

    fn schema(&mut self, value: Option<Spanned<DeValue<'_>>>, current: u32) -> Result<u32, Failure> {
        let Some(value) = value else {
            self.at(&(0..0), format!("missing `schema = {current}` (the format version) at the top of the file"));
            return Err(Failure::Problems(self.take()));
        };
        let span = value.span();
        let n = value.get_ref().as_integer().and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok());
        match n.map(u32::try_from) {
            Some(Ok(n)) if n > current => {
                let message = format!(
                    "schema {n} is newer than this cloudcram understands (it reads schema {current} and older)"
                );
                Err(Failure::Newer(self.src.problem(&span, message), n))
            }
            Some(Ok(n)) if n >= 1 => Ok(n),
            _ => {
                self.at(&span, format!("schema must be a whole number from 1 to {current}, like `schema = {current}`"));
                Err(Failure::Problems(self.take()))
            }
        }
    }

    /// The problems so far, each message escaped for the terminal.
    fn take(&mut self) -> Vec<Problem> {
        let mut problems = self.problems.take();
        for p in &mut problems {
            if let std::borrow::Cow::Owned(escaped) = escape_controls(&p.message) {
                p.message = escaped;
            }
        }
        problems
    }

    fn document(&mut self, mut table: DeTable<'_>) -> Progress {
        let given = match table.remove("settings") {
            Some(v) => self.settings(v),
            None => GivenSettings::default(),
        };
        let mut progress = Progress::from_given(given);
        if let Some(v) = table.remove("suspended")
            && let Some(list) = self.de::<Vec<Spanned<String>>>(v, "`suspended` must be a list of card ids")
        {
            let mut seen = BTreeSet::new();
            for id in list {
                if self.card_id(&id) && seen.insert(id.get_ref().clone()) {
                    progress.suspended.insert(id.into_inner());
                }
            }
        }
        self.read_entries(&mut table, &mut progress);
        for v in self.array(&mut table, "buried") {
            let Some(b) = self.de::<raw::Buried>(v, "") else { continue };
            let until = self.timestamp(&b.until, "until");
            if self.card_id(&b.card)
                && let Some(until) = until
            {
                progress.buried.insert(b.card.into_inner(), until);
            }
        }
        let reviews = self.array(&mut table, "review");
        progress.log.reserve(reviews.len());
        for v in reviews {
            let Some(r) = self.de::<raw::Review>(v, "") else { continue };
            let at = self.timestamp(&r.at, "at");
            let rating = Rating::parse(r.rating.get_ref());
            if rating.is_none() {
                self.at(
                    &r.rating.span(),
                    format!("rating `{}` must be one of again, hard, good, easy", r.rating.get_ref()),
                );
            }
            if self.card_id(&r.card)
                && let (Some(at), Some(rating)) = (at, rating)
            {
                progress.push_entry(r.card.get_ref(), at, rating);
            }
        }
        self.practice_entries(&mut table, &mut progress);
        for v in self.array(&mut table, "exam") {
            if let Some(exam) = self.de::<raw::Exam>(v, "").and_then(|e| self.exam(e)) {
                progress.exams.push(exam);
            }
        }
        for (key, value) in table {
            self.at(&key.span(), format!("unknown key `{}`; the file has only {TOP_KEYS}", key.get_ref()));
            drop(value);
        }
        if self.problems.is_empty() {
            progress.replay();
        }
        progress
    }

    fn settings(&mut self, value: Spanned<DeValue<'_>>) -> GivenSettings {
        let Some(s) = self.de::<raw::Settings>(value, "`settings` must be a table: [settings]") else {
            return GivenSettings::default();
        };
        let mut given = GivenSettings { fuzz: s.fuzz, ..GivenSettings::default() };
        if let Some(r) = s.desired_retention {
            if Settings::RETENTION_RANGE.contains(r.get_ref()) {
                given.desired_retention = Some(*r.get_ref());
            } else {
                self.at(
                    &r.span(),
                    format!("desired_retention {} is out of range; use 0.70 to 0.99 (the default is 0.9)", r.get_ref()),
                );
            }
        }
        if let Some(n) = s.new_cards_per_day {
            match u32::try_from(*n.get_ref()) {
                Ok(v) => given.new_cards_per_day = Some(v),
                Err(_) => self.at(&n.span(), "new_cards_per_day must be a whole number, 0 or more (the default is 20)"),
            }
        }
        self.order_and_review_limit(s.new_order, s.reviews_per_day, &mut given);
        given
    }

    fn exam(&mut self, e: raw::Exam) -> Option<ExamRecord> {
        let at = self.timestamp(&e.at, "at");
        let score = self.count(&e.score, "score");
        let total = self.count(&e.total, "total");
        let seconds = match &e.seconds {
            Some(s) => Some(self.count(s, "seconds")?),
            None => None,
        };
        if let (Some(score), Some(total)) = (score, total)
            && score > total
        {
            self.at(&e.score.span(), format!("score {score} is more than the total of {total}"));
            return None;
        }
        let mut answers = Vec::with_capacity(e.answer.len());
        let mut ok = true;
        for a in e.answer {
            ok &= self.card_id(&a.question);
            answers.push(ExamAnswer {
                question: a.question.into_inner(),
                given: a.given,
                correct: a.correct,
                flagged: a.flagged,
            });
        }
        let (at, score, total) = (at?, score?, total?);
        ok.then_some(ExamRecord { at, topics: e.topics, score, total, passed: e.passed, seconds, answers })
    }

    pub(super) fn count(&mut self, v: &Spanned<i64>, what: &str) -> Option<u32> {
        let n = u32::try_from(*v.get_ref()).ok();
        if n.is_none() {
            self.at(&v.span(), format!("{what} must be a whole number, 0 or more"));
        }
        n
    }

    /// A card or question id: anything not blank (ids the content no longer has are kept).
    pub(super) fn card_id(&mut self, id: &Spanned<String>) -> bool {
        let ok = !id.get_ref().trim().is_empty();
        if !ok {
            self.at(&id.span(), "the card id is empty; write the question id, like \"lambda.max-timeout\"");
        }
        ok
    }

    pub(super) fn timestamp(&mut self, value: &Spanned<Datetime>, key: &str) -> Option<Timestamp> {
        to_timestamp(value.get_ref())
            .map_err(|why| {
                self.at(&value.span(), format!("`{key}` {why}; write a date and time like 2026-11-27T14:03:11Z"));
            })
            .ok()
    }

    /// Takes `key` out of `table` as an array of tables (`[[key]]`).
    pub(super) fn array<'t>(&mut self, table: &mut DeTable<'t>, key: &str) -> Vec<Spanned<DeValue<'t>>> {
        self.problems.take_array(&self.src, table, key)
    }

    /// Deserializes the document's remaining top-level keys (after `top` and `array` took
    /// out theirs).
    pub(super) fn header<T: DeserializeOwned>(&mut self, table: DeTable<'_>) -> Option<T> {
        self.problems.de_table(&self.src, Spanned::new(0..self.src.text.len(), table))
    }

    /// Deserializes one entry, reporting serde's complaint (or `wrong_shape`, if given, when
    /// the entry is the wrong kind of value altogether) at its position.
    pub(super) fn de<T: DeserializeOwned>(&mut self, value: Spanned<DeValue<'_>>, wrong_shape: &str) -> Option<T> {
        self.problems.de_expecting(&self.src, value, wrong_shape)
    }
}

// The entries and settings added after the first release of the format, each checked like
// the rest of the file.
impl Parser<'_> {
    fn order_and_review_limit(
        &mut self,
        order: Option<Spanned<String>>,
        reviews: Option<Spanned<i64>>,
        given: &mut GivenSettings,
    ) {
        if let Some(o) = order {
            match setting::new_order(o.get_ref()) {
                Ok(order) => given.new_order = Some(order),
                Err(e) => self.at(&o.span(), e.message),
            }
        }
        if let Some(n) = reviews {
            match setting::per_day("reviews_per_day", *n.get_ref()) {
                Ok(n) => given.reviews_per_day = Some(n),
                Err(e) => self.at(&n.span(), e.message),
            }
        }
    }

    /// `[[read]]`: lessons read. A lesson listed twice keeps its first time.
    fn read_entries(&mut self, table: &mut DeTable<'_>, progress: &mut Progress) {
        for v in self.array(table, "read") {
            let Some(r) = self.de::<raw::Read>(v, "") else { continue };
            let at = self.timestamp(&r.at, "at");
            let id_ok = !r.lesson.get_ref().trim().is_empty();
            if !id_ok {
                self.at(&r.lesson.span(), "the lesson id is empty; write the lesson id, like \"lambda.basics\"");
            }
            if let (true, Some(at)) = (id_ok, at) {
                let first = progress.read.entry(r.lesson.into_inner()).or_insert(at);
                *first = (*first).min(at);
            }
        }
    }

    /// `[[practice]]`: answers in quizzes, drills and lesson checks.
    fn practice_entries(&mut self, table: &mut DeTable<'_>, progress: &mut Progress) {
        let entries = self.array(table, "practice");
        progress.practice.reserve(entries.len());
        for v in entries {
            let Some(p) = self.de::<raw::Practice>(v, "") else { continue };
            let at = self.timestamp(&p.at, "at");
            let mode = PracticeMode::parse(p.mode.get_ref());
            if mode.is_none() {
                self.at(
                    &p.mode.span(),
                    format!(
                        "mode `{}` must be one of quiz, drill, check (exam answers belong in [[exam]])",
                        p.mode.get_ref()
                    ),
                );
            }
            if self.card_id(&p.card)
                && let (Some(at), Some(mode)) = (at, mode)
            {
                progress.practice.push(Practice { card: p.card.into_inner(), at, correct: p.correct, mode });
            }
        }
    }
}

/// A TOML offset date-time as a timestamp; local times and bare dates are refused.
fn to_timestamp(dt: &Datetime) -> Result<Timestamp, String> {
    let (Some(date), Some(time)) = (dt.date, dt.time) else {
        return Err("needs both a date and a time".into());
    };
    let Some(offset) = dt.offset else {
        return Err("has no time zone offset (add Z for UTC)".into());
    };
    // The TOML parser has checked the ranges; a value that still does not fit is refused.
    let bad = || "is not a valid date and time".to_string();
    let small = |v: u8| i8::try_from(v).map_err(|_| bad());
    let civil = jiff::civil::DateTime::new(
        i16::try_from(date.year).map_err(|_| bad())?,
        small(date.month)?,
        small(date.day)?,
        small(time.hour)?,
        small(time.minute)?,
        small(time.second.unwrap_or(0))?,
        i32::try_from(time.nanosecond.unwrap_or(0)).map_err(|_| bad())?,
    )
    .map_err(|e| format!("is not a valid date and time ({e})"))?;
    let offset = match offset {
        Offset::Z => jiff::tz::Offset::UTC,
        Offset::Custom { minutes } => jiff::tz::Offset::from_seconds(i32::from(minutes) * 60)
            .map_err(|e| format!("has an offset out of range ({e})"))?,
    };
    offset.to_timestamp(civil).map_err(|e| format!("is out of range ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::srs::CardState;

    fn ok(text: &str) -> Progress {
        match parse(text, "p.toml") {
            Ok(p) => p,
            Err(e) => panic!("{e:?}"),
        }
    }

    /// The problems, as `line:col: message`.
    fn problems(text: &str) -> Vec<String> {
        match parse(text, "p.toml") {
            Ok(_) => panic!("parsed: {text}"),
            Err(failure) => failure.lines(),
        }
    }

    const GOOD: &str = r#"schema = 1
suspended = ["ecs.x"]

[settings]
desired_retention = 0.85
fuzz = false

[[buried]]
card = "lambda.y"
until = 2026-11-28T00:00:00Z

[[review]]
card = "lambda.max-timeout"
at = 2026-11-27T14:03:11Z
rating = "good"

[[review]]
card = "gone.old-question"
at = 2026-11-27T16:03:11+02:00
rating = "again"

[[exam]]
at = 2026-11-27T15:00:00Z
topics = ["lambda"]
score = 1
total = 2
passed = false

[[exam.answer]]
question = "lambda.max-timeout"
given = ["15-min"]
correct = true
"#;

    #[test]
    fn a_full_file_reads() {
        let p = ok(GOOD);
        assert_eq!(p.settings(), Settings { desired_retention: 0.85, fuzz: false, ..Settings::default() });
        assert!(p.is_suspended("ecs.x"));
        assert!(p.is_buried("lambda.y", "2026-11-27T20:00:00Z".parse().unwrap()));
        assert_eq!(p.review_count(), 2);
        let gone = p.reviews().nth(1).unwrap();
        assert_eq!(gone.at.to_string(), "2026-11-27T14:03:11Z", "offsets become UTC");
        assert_eq!(p.card("lambda.max-timeout").state, CardState::Learning);
        assert_eq!(p.exams()[0].answers[0].given, ["15-min"]);
        assert!(!p.exams()[0].answers[0].flagged, "a file from before flags: not flagged");
        assert_eq!(p.exams()[0].seconds, None);
    }

    #[test]
    fn the_smallest_file_is_all_defaults() {
        let p = ok("schema = 1\n");
        assert_eq!(p.settings(), Settings::default());
        assert_eq!(p.review_count(), 0);
        // An empty [settings] table too.
        assert_eq!(ok("schema = 1\n[settings]\n").settings(), Settings::default());
    }

    #[test]
    fn empty_and_truncated_files_are_refused_with_positions() {
        assert_eq!(
            problems(""),
            [
                "1:1: the file is empty (a save was cut short, or it was emptied by hand); it should start with `schema = 1`"
            ]
        );
        assert_eq!(problems("\n  \n"), problems(""));
        // Cut in the middle of a value.
        let cut = &GOOD[..GOOD.find("14:03").unwrap() - 3];
        let ps = problems(cut);
        assert_eq!(ps.len(), 1);
        assert!(ps[0].starts_with("14:"), "{ps:?}");
        assert!(ps[0].contains("TOML syntax"), "{ps:?}");
        // Cut at the end of a line: the entry misses keys.
        let cut = &GOOD[..GOOD.find("rating = \"good\"").unwrap()];
        assert_eq!(problems(cut), ["12:1: missing key `rating`"]);
    }

    #[test]
    fn garbage_is_refused() {
        let ps = problems("\u{0}\u{1}PK\u{3}\u{4} not toml at all");
        assert!(ps[0].starts_with("1:") && ps[0].contains("TOML syntax"), "{ps:?}");
        assert_eq!(
            problems("[[review]]\ncard = 1\n"),
            ["1:1: missing `schema = 1` (the format version) at the top of the file"]
        );
    }

    #[test]
    fn wrong_types_are_refused_each_with_its_position() {
        let text = r#"schema = 1
colour = "blue"

[settings]
desired_retention = 1.5
new_cards_per_day = -3

[[review]]
card = "lambda.a"
at = "yesterday"
rating = "good"

[[review]]
card = "lambda.b"
at = 2026-11-27T14:03:11
rating = "great"

[[review]]
card = "lambda.c"
at = 2026-11-27T14:03:11Z
rating = "easy"
stars = 5

[[review]]
card = " "
at = 2026-11-27
rating = 3

[[review]]
card = ""
at = 2026-11-27
rating = "hard"

[[exam]]
at = 2026-11-27T15:00:00Z
score = 70
total = 65
passed = "yes"

[[exam]]
at = 2026-11-27T15:00:00Z
score = 70
total = 65
passed = true
"#;
        assert_eq!(
            problems(text),
            [
                "2:1: unknown key `colour`; the file has only schema, settings, suspended, read, buried, review, practice, exam",
                "5:21: desired_retention 1.5 is out of range; use 0.70 to 0.99 (the default is 0.9)",
                "6:21: new_cards_per_day must be a whole number, 0 or more (the default is 20)",
                "10:6: invalid type: string \"yesterday\"; expected a date and time like 2026-11-27T14:03:11Z, without quotes",
                "15:6: `at` has no time zone offset (add Z for UTC); write a date and time like 2026-11-27T14:03:11Z",
                "16:10: rating `great` must be one of again, hard, good, easy",
                "22:1: unknown key `stars`; expected one of `card`, `at`, `rating`",
                "27:10: invalid type: integer `3`; expected a string",
                "30:8: the card id is empty; write the question id, like \"lambda.max-timeout\"",
                "31:6: `at` needs both a date and a time; write a date and time like 2026-11-27T14:03:11Z",
                "38:10: invalid type: string \"yes\"; expected a boolean",
                "42:9: score 70 is more than the total of 65",
            ]
        );
    }

    #[test]
    fn schema_must_be_known() {
        assert_eq!(
            problems("schema = 2\n[[review]]\nnew_field = 1\n"),
            ["newer 1:10: schema 2 is newer than this cloudcram understands (it reads schema 1 and older)"]
        );
        assert_eq!(problems("schema = 0\n"), ["1:10: schema must be a whole number from 1 to 1, like `schema = 1`"]);
        assert_eq!(problems("schema = \"1\"\n"), problems("schema = 0\n"));
        assert_eq!(problems("schema = 1.0\n"), problems("schema = 0\n"));
    }

    #[test]
    fn exam_rules() {
        let exam = |body: &str| format!("schema = 1\n[[exam]]\nat = 2026-11-27T15:00:00Z\npassed = true\n{body}");
        assert_eq!(problems(&exam("score = 5\ntotal = 4\n")), ["5:9: score 5 is more than the total of 4"]);
        assert_eq!(problems(&exam("score = -1\ntotal = 4\n")), ["5:9: score must be a whole number, 0 or more"]);
        let p =
            ok(&exam("score = 4\ntotal = 4\nseconds = 300\n[[exam.answer]]\nquestion = \"a.b\"\ncorrect = false\n"));
        assert_eq!(p.exams()[0].seconds, Some(300));
        assert!(p.exams()[0].answers[0].given.is_empty());
        let flagged = "score = 0\ntotal = 1\n[[exam.answer]]\nquestion = \"a.b\"\ncorrect = false\nflagged = true\n";
        assert!(ok(&exam(flagged)).exams()[0].answers[0].flagged);
        assert_eq!(
            problems(&exam(&flagged.replace("flagged = true", "flagged = \"yes\""))),
            ["10:11: invalid type: string \"yes\"; expected a boolean"]
        );
    }

    // The entries and settings added after the first release: each damage reported at its
    // place, like the rest of the file.

    #[test]
    fn practice_entries_read_and_each_damage_has_its_position() {
        let entry = |body: &str| format!("schema = 1\n\n[[practice]]\n{body}");
        let p = ok(&entry("card = \"gone.q\"\nat = 2026-11-27T14:03:11Z\ncorrect = false\nmode = \"drill\"\n"));
        assert_eq!(
            p.practice(),
            [Practice {
                card: "gone.q".into(),
                at: "2026-11-27T14:03:11Z".parse().unwrap(),
                correct: false,
                mode: PracticeMode::Drill
            }],
            "ids the content does not have are kept"
        );
        let cases = [
            ("card = \"a.b\"\nat = 2026-11-27T14:03:11Z\ncorrect = true\n", "3:1: missing key `mode`"),
            ("card = \"a.b\"\nat = 2026-11-27T14:03:11Z\nmode = \"quiz\"\n", "3:1: missing key `correct`"),
            (
                "card = \"a.b\"\nat = 2026-11-27T14:03:11Z\ncorrect = \"yes\"\nmode = \"quiz\"\n",
                "6:11: invalid type: string \"yes\"; expected a boolean",
            ),
            (
                "card = \"a.b\"\nat = 2026-11-27T14:03:11Z\ncorrect = true\nmode = \"exam\"\n",
                "7:8: mode `exam` must be one of quiz, drill, check (exam answers belong in [[exam]])",
            ),
            (
                "card = \"a.b\"\nat = 2026-11-27T14:03:11Z\ncorrect = true\nmode = 3\n",
                "7:8: invalid type: integer `3`; expected a string",
            ),
            (
                "card = \"a.b\"\nat = 2026-11-27T14:03:11Z\ncorrect = true\nmode = \"quiz\"\nscore = 1\n",
                "8:1: unknown key `score`; expected one of `card`, `at`, `correct`, `mode`",
            ),
            (
                "card = \"\"\nat = 2026-11-27T14:03:11Z\ncorrect = true\nmode = \"quiz\"\n",
                "4:8: the card id is empty; write the question id, like \"lambda.max-timeout\"",
            ),
            (
                "card = \"a.b\"\nat = 2026-11-27\ncorrect = true\nmode = \"check\"\n",
                "5:6: `at` needs both a date and a time; write a date and time like 2026-11-27T14:03:11Z",
            ),
        ];
        for (body, want) in cases {
            assert_eq!(problems(&entry(body)), [want], "{body}");
        }
        assert_eq!(
            problems("schema = 1\npractice = 3\n"),
            ["2:12: `practice` must be an array of tables ([[practice]]), not a integer"]
        );
    }

    #[test]
    fn read_entries_read_and_each_damage_has_its_position() {
        let p = ok("schema = 1\n[[read]]\nlesson = \"gone.lesson\"\nat = 2026-11-27T14:00:00Z\n\
                    [[read]]\nlesson = \"gone.lesson\"\nat = 2026-11-26T14:00:00Z\n");
        assert!(p.is_read("gone.lesson"), "ids the content does not have are kept");
        assert_eq!(
            p.lessons_read().collect::<Vec<_>>(),
            [("gone.lesson", "2026-11-26T14:00:00Z".parse().unwrap())],
            "listed twice: the first reading counts"
        );
        let entry = |body: &str| format!("schema = 1\n[[read]]\n{body}");
        let cases = [
            ("lesson = \"a.b\"\n", "2:1: missing key `at`"),
            ("at = 2026-11-27T14:00:00Z\n", "2:1: missing key `lesson`"),
            ("lesson = [\"a.b\"]\nat = 2026-11-27T14:00:00Z\n", "3:10: invalid type: sequence; expected a string"),
            (
                "lesson = \"a.b\"\nat = 2026-11-27T14:00:00Z\ncard = \"x\"\n",
                "5:1: unknown key `card`; expected `lesson` or `at`",
            ),
            (
                "lesson = \" \"\nat = 2026-11-27T14:00:00Z\n",
                "3:10: the lesson id is empty; write the lesson id, like \"lambda.basics\"",
            ),
        ];
        for (body, want) in cases {
            assert_eq!(problems(&entry(body)), [want], "{body}");
        }
    }

    #[test]
    fn new_settings_read_and_each_damage_has_its_position() {
        let p = ok("schema = 1\n[settings]\nnew_order = \"topics\"\nreviews_per_day = 0\n");
        assert_eq!(p.settings().new_order, setting::NewOrder::Topics);
        assert_eq!(p.settings().reviews_per_day, 0);
        let settings = |body: &str| format!("schema = 1\n[settings]\n{body}");
        let cases = [
            (
                "new_order = \"random\"\n",
                "3:13: new_order `random` must be \"topics\" or \"interleaved\" (the default is \"interleaved\")",
            ),
            ("new_order = true\n", "3:13: invalid type: boolean `true`; expected a string"),
            ("reviews_per_day = -1\n", "3:19: reviews_per_day must be a whole number, 0 or more (the default is 200)"),
            (
                "reviews_per_day = 5000000000\n",
                "3:19: reviews_per_day must be a whole number, 0 or more (the default is 200)",
            ),
            ("reviews_per_day = \"many\"\n", "3:19: invalid type: string \"many\"; expected a whole number"),
            ("reviews_per_day = 2.5\n", "3:19: invalid type: floating point `2.5`; expected a whole number"),
            (
                "max_reviews = 9\n",
                "3:1: unknown key `max_reviews`; expected one of `desired_retention`, `new_cards_per_day`, \
                 `new_order`, `reviews_per_day`, `fuzz`",
            ),
        ];
        for (body, want) in cases {
            assert_eq!(problems(&settings(body)), [want], "{body}");
        }
        // The parser's words for an out-of-range retention are the settings screen's too.
        let screen = Settings { desired_retention: 1.5, ..Settings::default() }.validate().unwrap_err();
        assert_eq!(problems(&settings("desired_retention = 1.5\n")), [format!("3:21: {screen}")]);
    }

    #[test]
    fn a_file_from_before_the_additions_loads_with_their_defaults() {
        let p = ok(GOOD);
        assert!(p.practice().is_empty());
        assert_eq!(p.lessons_read().len(), 0);
        assert_eq!(p.settings().new_order, setting::NewOrder::Interleaved);
        assert_eq!(p.settings().reviews_per_day, 200);
    }
}
