//! The fast path of loading: a line scanner for the layout `write.rs` produces, with entries
//! appended after it in any order of kinds, building the [`Progress`] without a TOML tree,
//! spans or a `String` per entry (card ids are borrowed from the text and interned).
//!
//! It accepts a subset of TOML: one `key = value` per line with bare keys, basic strings
//! with the usual escapes, single-line arrays of strings, decimal integers, plain decimal
//! floats, booleans, and offset date-times written `YYYY-MM-DDTHH:MM:SS[.f]Z|±HH:MM`; comments
//! anywhere a line may end. Anything else it does not read (`None`), nor does it read a value
//! that breaks one of the file's rules: then `parse.rs` reads the file with the full TOML
//! parser and reports each problem at its `FILE:LINE:COL`. So the fast path never accepts a
//! file the full parser refuses and never reads one differently (the tests below and
//! `tests/progress_mutations.rs` hold both parsers to the same inputs).
//!
//! Measured on a 2-core machine (release, `due --json`, reviews of 279 cards): 100,000
//! reviews (9 MB) in 0.06 s and 20 MiB, where the full parse took 0.35 s and 244 MiB;
//! 1,000,000 in 0.55 s and 122 MiB (4.0 s and 2.3 GiB). The README has the table.

use std::borrow::Cow;

use jiff::Timestamp;

use super::doc::{ExamAnswer, ExamRecord, Progress};
use super::migrate::CURRENT_SCHEMA;
use super::settings::{self as setting, GivenSettings, Settings};
use super::study::{Practice, PracticeMode};
use crate::srs::Rating;

/// The progress in `text`, if it is in the layout this scanner reads and breaks no rule.
pub(crate) fn parse(text: &str) -> Option<Progress> {
    // Carriage returns and a byte-order mark are legal TOML but never written by cloudcram:
    // the full parser handles them.
    if text.contains('\r') || text.starts_with('\u{feff}') {
        return None;
    }
    let mut s = Scanner::default();
    for line in text.split('\n') {
        s.line(line)?;
    }
    s.finish()
}

/// The table the lines being read belong to.
#[derive(Default)]
enum Open<'a> {
    /// Before the first header.
    #[default]
    Top,
    Settings,
    Read(Option<Cow<'a, str>>, Option<Timestamp>),
    Buried(Option<Cow<'a, str>>, Option<Timestamp>),
    Review(Option<Cow<'a, str>>, Option<Timestamp>, Option<Rating>),
    Practice(Option<Cow<'a, str>>, Option<Timestamp>, Option<bool>, Option<PracticeMode>),
    Exam,
    Answer(Option<String>, Option<Vec<String>>, Option<bool>, Option<bool>),
}

/// An `[[exam]]` being read, with its answers so far.
#[derive(Default)]
struct ExamParts {
    at: Option<Timestamp>,
    topics: Option<Vec<String>>,
    score: Option<i64>,
    total: Option<i64>,
    passed: Option<bool>,
    seconds: Option<i64>,
    answers: Vec<ExamAnswer>,
}

#[derive(Default)]
struct Scanner<'a> {
    /// The table being read and the entry in it.
    open: Open<'a>,
    schema: bool,
    suspended: Option<Vec<String>>,
    settings_seen: bool,
    given: GivenSettings,
    /// Settings keys seen, so a key given twice (a TOML error) gives up.
    settings_keys: u8,
    exam: Option<ExamParts>,
    /// The entries so far. Its settings are put in at the end: `[settings]` may come after
    /// the entries in a file edited by hand, and only the replay needs them.
    progress: Progress,
}

impl<'a> Scanner<'a> {
    fn line(&mut self, line: &'a str) -> Option<()> {
        let line = line.trim_matches([' ', '\t']);
        if line.is_empty() {
            return Some(());
        }
        if line.starts_with('#') {
            return end(line);
        }
        if line.starts_with('[') {
            return self.header(line);
        }
        let (key, value) = line.split_once('=')?;
        let key = key.trim_end_matches([' ', '\t']);
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
            return None;
        }
        self.key(key, value.trim_start_matches([' ', '\t']))
    }

    fn header(&mut self, line: &'a str) -> Option<()> {
        const HEADERS: [&str; 7] =
            ["[settings]", "[[read]]", "[[buried]]", "[[review]]", "[[practice]]", "[[exam]]", "[[exam.answer]]"];
        let (i, name) = HEADERS.iter().enumerate().find(|(_, h)| line.starts_with(**h))?;
        end(&line[name.len()..])?;
        self.close()?;
        self.open = match i {
            0 if !self.settings_seen => {
                self.settings_seen = true;
                Open::Settings
            }
            1 => Open::Read(None, None),
            2 => Open::Buried(None, None),
            3 => Open::Review(None, None, None),
            4 => Open::Practice(None, None, None, None),
            5 => {
                self.close_exam()?;
                self.exam = Some(ExamParts::default());
                Open::Exam
            }
            // An answer belongs to the exam just read; after any other table TOML would
            // still add it to the last exam, which only the full parser follows.
            6 if self.exam.is_some() => Open::Answer(None, None, None, None),
            _ => return None,
        };
        if i != 5 && i != 6 {
            self.close_exam()?;
        }
        Some(())
    }

    fn key(&mut self, key: &str, v: &'a str) -> Option<()> {
        match &mut self.open {
            Open::Top => match key {
                "schema" if !self.schema => {
                    let (n, rest) = int(v)?;
                    end(rest)?;
                    // Older schemas are migrated, newer refused: both by the full parser.
                    (n == i64::from(CURRENT_SCHEMA)).then_some(())?;
                    self.schema = true;
                }
                "suspended" if self.suspended.is_none() => {
                    let (ids, rest) = strings(v)?;
                    end(rest)?;
                    ids.iter().all(|id| !id.trim().is_empty()).then_some(())?;
                    self.suspended = Some(ids);
                }
                _ => return None,
            },
            Open::Settings => self.setting(key, v)?,
            Open::Read(lesson, at) => match key {
                "lesson" => set(lesson, id(v)?)?,
                "at" => set(at, timestamp(v)?)?,
                _ => return None,
            },
            Open::Buried(card, until) => match key {
                "card" => set(card, id(v)?)?,
                "until" => set(until, timestamp(v)?)?,
                _ => return None,
            },
            Open::Review(card, at, rating) => match key {
                "card" => set(card, id(v)?)?,
                "at" => set(at, timestamp(v)?)?,
                "rating" => set(rating, Rating::parse(&word(v)?)?)?,
                _ => return None,
            },
            Open::Practice(card, at, correct, mode) => match key {
                "card" => set(card, id(v)?)?,
                "at" => set(at, timestamp(v)?)?,
                "correct" => set(correct, boolean(v)?)?,
                "mode" => set(mode, PracticeMode::parse(&word(v)?)?)?,
                _ => return None,
            },
            Open::Exam => {
                let exam = self.exam.as_mut()?;
                match key {
                    "at" => set(&mut exam.at, timestamp(v)?)?,
                    "topics" => set(&mut exam.topics, whole(strings(v)?)?)?,
                    "score" => set(&mut exam.score, whole(int(v)?)?)?,
                    "total" => set(&mut exam.total, whole(int(v)?)?)?,
                    "passed" => set(&mut exam.passed, boolean(v)?)?,
                    "seconds" => set(&mut exam.seconds, whole(int(v)?)?)?,
                    _ => return None,
                }
            }
            Open::Answer(question, given, correct, flagged) => match key {
                "question" => set(question, id(v)?.into_owned())?,
                "given" => set(given, whole(strings(v)?)?)?,
                "correct" => set(correct, boolean(v)?)?,
                "flagged" => set(flagged, boolean(v)?)?,
                _ => return None,
            },
        }
        Some(())
    }

    fn setting(&mut self, key: &str, v: &str) -> Option<()> {
        let bit = match key {
            "desired_retention" => 1,
            "new_cards_per_day" => 2,
            "new_order" => 4,
            "reviews_per_day" => 8,
            "fuzz" => 16,
            _ => return None,
        };
        if self.settings_keys & bit != 0 {
            return None;
        }
        self.settings_keys |= bit;
        let g = &mut self.given;
        match key {
            "desired_retention" => {
                let x = whole(float(v)?)?;
                Settings::RETENTION_RANGE.contains(&x).then_some(())?;
                g.desired_retention = Some(x);
            }
            "new_cards_per_day" => g.new_cards_per_day = Some(u32::try_from(whole(int(v)?)?).ok()?),
            "new_order" => g.new_order = Some(setting::new_order(&word(v)?).ok()?),
            "reviews_per_day" => g.reviews_per_day = Some(setting::per_day("reviews_per_day", whole(int(v)?)?).ok()?),
            _ => g.fuzz = Some(boolean(v)?),
        }
        Some(())
    }

    /// Completes the entry being read (every key it needs given), keeping it.
    fn close(&mut self) -> Option<()> {
        match std::mem::take(&mut self.open) {
            Open::Top | Open::Settings | Open::Exam => {}
            Open::Read(lesson, at) => {
                let at = at?;
                let first = self.progress.read.entry(lesson?.into_owned()).or_insert(at);
                *first = (*first).min(at);
            }
            Open::Buried(card, until) => {
                self.progress.buried.insert(card?.into_owned(), until?);
            }
            Open::Review(card, at, rating) => {
                self.progress.push_entry(&card?, at?, rating?);
            }
            Open::Practice(card, at, correct, mode) => {
                let practice = Practice { card: card?.into_owned(), at: at?, correct: correct?, mode: mode? };
                self.progress.practice.push(practice);
            }
            Open::Answer(question, given, correct, flagged) => {
                let answer = ExamAnswer {
                    question: question?,
                    given: given.unwrap_or_default(),
                    correct: correct?,
                    flagged: flagged.unwrap_or(false),
                };
                self.exam.as_mut()?.answers.push(answer);
            }
        }
        Some(())
    }

    fn close_exam(&mut self) -> Option<()> {
        let Some(e) = self.exam.take() else { return Some(()) };
        let (score, total) = (u32::try_from(e.score?).ok()?, u32::try_from(e.total?).ok()?);
        let seconds = match e.seconds {
            Some(s) => Some(u32::try_from(s).ok()?),
            None => None,
        };
        (score <= total).then_some(())?;
        self.progress.exams.push(ExamRecord {
            at: e.at?,
            topics: e.topics.unwrap_or_default(),
            score,
            total,
            passed: e.passed?,
            seconds,
            answers: e.answers,
        });
        Some(())
    }

    fn finish(mut self) -> Option<Progress> {
        self.close()?;
        self.close_exam()?;
        if !self.schema {
            return None;
        }
        let mut p = self.progress;
        p.suspended.extend(self.suspended.unwrap_or_default());
        // As `Progress::from_given` would have set them.
        p.given = self.given;
        p.settings = self.given.effective();
        p.scheduler = p.settings.scheduler();
        p.replay();
        Some(p)
    }
}

/// Stores `value` in an entry's field, giving up on a key given twice (a TOML error).
fn set<T>(field: &mut Option<T>, value: T) -> Option<()> {
    if field.is_some() {
        return None;
    }
    *field = Some(value);
    Some(())
}

/// A whole value: what `parse` read, followed by nothing but an optional comment.
fn whole<T>((value, rest): (T, &str)) -> Option<T> {
    end(rest).map(|()| value)
}

/// A card, question or lesson id on its own: a string, not blank.
fn id(v: &str) -> Option<Cow<'_, str>> {
    whole(string(v)?).filter(|s| !s.trim().is_empty())
}

/// A string on its own, for a name to look up (`good`, `quiz`, `topics`).
fn word(v: &str) -> Option<Cow<'_, str>> {
    whole(string(v)?)
}

/// What may follow a value: spaces, then nothing or a comment. TOML refuses control
/// characters in comments, tab aside.
fn end(rest: &str) -> Option<()> {
    let rest = rest.trim_start_matches([' ', '\t']);
    match rest.strip_prefix('#') {
        _ if rest.is_empty() => Some(()),
        Some(comment) if !comment.chars().any(|c| c != '\t' && (c < ' ' || c == '\u{7f}')) => Some(()),
        _ => None,
    }
}

/// A basic string (`"..."`) and what follows it. Borrowed from the text unless it has
/// escapes.
fn string(v: &str) -> Option<(Cow<'_, str>, &str)> {
    let body = v.strip_prefix('"')?;
    if body.starts_with("\"\"") {
        return None; // a multi-line string
    }
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return Some((Cow::Borrowed(&body[..i]), &body[i + 1..])),
            b'\\' => return escaped(body, i),
            b if (b < b' ' && b != b'\t') || b == 0x7f => return None,
            _ => i += 1,
        }
    }
    None
}

/// The rest of a basic string from its first escape at `from`.
fn escaped(body: &str, from: usize) -> Option<(Cow<'_, str>, &str)> {
    let mut out = String::from(&body[..from]);
    let mut chars = body[from..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((Cow::Owned(out), &body[from + i + 1..])),
            '\\' => {
                let (_, e) = chars.next()?;
                let simple = match e {
                    'b' => Some('\u{8}'),
                    't' => Some('\t'),
                    'n' => Some('\n'),
                    'f' => Some('\u{c}'),
                    'r' => Some('\r'),
                    '"' | '\\' => Some(e),
                    'u' | 'U' => None,
                    _ => return None,
                };
                if let Some(c) = simple {
                    out.push(c);
                    continue;
                }
                let digits = if e == 'u' { 4 } else { 8 };
                let mut code = 0u32;
                for _ in 0..digits {
                    code = code * 16 + chars.next()?.1.to_digit(16)?;
                }
                out.push(char::from_u32(code)?);
            }
            c if (c < ' ' && c != '\t') || c == '\u{7f}' => return None,
            c => out.push(c),
        }
    }
    None
}

/// A single-line array of basic strings (`["a", "b"]`, a trailing comma allowed) and what
/// follows it.
fn strings(v: &str) -> Option<(Vec<String>, &str)> {
    let mut rest = v.strip_prefix('[')?.trim_start_matches([' ', '\t']);
    let mut out = Vec::new();
    loop {
        if let Some(after) = rest.strip_prefix(']') {
            return Some((out, after));
        }
        let (s, after) = string(rest)?;
        out.push(s.into_owned());
        rest = after.trim_start_matches([' ', '\t']);
        if let Some(after) = rest.strip_prefix(',') {
            rest = after.trim_start_matches([' ', '\t']);
        } else if !rest.starts_with(']') {
            return None;
        }
    }
}

/// A decimal integer of 0 or more without sign, underscores or leading zeros, and what
/// follows it.
fn int(v: &str) -> Option<(i64, &str)> {
    let n = v.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = v.split_at(n);
    if n == 0 || (n > 1 && digits.starts_with('0')) || rest.starts_with(['_', '.', 'e', 'E', ':', '-']) {
        return None;
    }
    Some((digits.parse().ok()?, rest))
}

/// A float written `D.D` (digits on both sides, no exponent or underscores) and what follows.
fn float(v: &str) -> Option<(f64, &str)> {
    let n = v.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || (n > 1 && v.starts_with('0')) {
        return None;
    }
    let frac = v[n..].strip_prefix('.')?;
    let m = frac.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &frac[m..];
    if m == 0 || rest.starts_with(['_', 'e', 'E', '.']) {
        return None;
    }
    Some((v[..n + 1 + m].parse().ok()?, rest))
}

fn boolean(v: &str) -> Option<bool> {
    if let Some(rest) = v.strip_prefix("true") {
        end(rest).map(|()| true)
    } else {
        end(v.strip_prefix("false")?).map(|()| false)
    }
}

/// An offset date-time, `2026-11-27T14:03:11Z` or with a fraction of a second (up to
/// nanoseconds) and an offset such as `+02:00`, on its own; as a timestamp, exactly as the
/// full parser makes one.
fn timestamp(v: &str) -> Option<Timestamp> {
    let b = v.as_bytes();
    let digits = |from: usize, n: usize| -> Option<i32> {
        let s = b.get(from..from + n)?;
        s.iter().all(u8::is_ascii_digit).then(|| s.iter().fold(0, |acc, d| acc * 10 + i32::from(d - b'0')))
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':') && at(16, b':')) {
        return None;
    }
    let (year, month, day) = (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?);
    let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    let mut i = 19;
    let mut nanos = 0;
    if at(i, b'.') {
        let n = b[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
        if n == 0 || n > 9 {
            return None;
        }
        nanos = digits(i + 1, n)? * 10i32.pow(9 - n as u32);
        i += 1 + n;
    }
    let offset_minutes = match b.get(i)? {
        b'Z' => {
            i += 1;
            0
        }
        sign @ (b'+' | b'-') => {
            if !at(i + 3, b':') {
                return None;
            }
            let (h, m) = (digits(i + 1, 2)?, digits(i + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            i += 6;
            if *sign == b'-' { -(h * 60 + m) } else { h * 60 + m }
        }
        _ => return None,
    };
    end(&v[i..])?;
    // The full parser's checks, in its order (`parse::to_timestamp`): the TOML ranges, then
    // the calendar.
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let civil = jiff::civil::DateTime::new(
        i16::try_from(year).ok()?,
        month as i8,
        day as i8,
        hour as i8,
        minute as i8,
        second as i8,
        nanos,
    )
    .ok()?;
    let offset = jiff::tz::Offset::from_seconds(offset_minutes * 60).ok()?;
    offset.to_timestamp(civil).ok()
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse_full;
    use super::*;

    /// The fast path reads `text` and gives what the full parser gives.
    fn same(text: &str) -> Progress {
        let fast = parse(text).unwrap_or_else(|| panic!("the fast path gave up on:\n{text}"));
        let full = parse_full(text, "p.toml").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(fast.to_toml(), full.to_toml(), "{text}");
        for id in full.card_ids() {
            assert_eq!(fast.card(id), full.card(id));
        }
        fast
    }

    /// The fast path gives up on `text` (the full parser then decides).
    fn gives_up(text: &str) {
        assert!(parse(text).is_none(), "the fast path read:\n{text}");
    }

    const WRITTEN: &str = r#"# cloudcram progress
schema = 1
suspended = ["ecs.\"quoted\"", "ecs.x"]

[settings]
desired_retention = 0.85
# new_cards_per_day = 20
new_order = "topics"
reviews_per_day = 150
fuzz = false

[[read]]
lesson = "lambda.basics"
at = 2026-11-27T13:00:00Z

[[buried]]
card = "lambda.y"
until = 2026-11-28T00:00:00Z

[[review]]
card = "lambda.max-timeout"
at = 2026-11-27T14:03:11Z
rating = "good"

[[review]]
card = "gone.old\u00e9\t"
at = 2026-11-27T14:04:00.5+02:00
rating = "again"

[[practice]]
card = "lambda.max-timeout"
at = 2026-11-27T15:10:00Z
correct = false
mode = "quiz"

[[exam]]
at = 2026-11-27T15:00:00Z
topics = ["lambda", "ecs"]
score = 1
total = 2
passed = false
seconds = 600

[[exam.answer]]
question = "lambda.max-timeout"
given = ["15-min"]
correct = true
flagged = true

[[exam.answer]]
question = "ecs.x"
given = []
correct = false

[[review]]
card = "lambda.max-timeout"
at = 2026-11-27T14:13:11.123456789Z
rating = "easy"   # appended after the exam

[[practice]]
card = "ecs.x"
at = 2026-11-27T15:12:00Z
correct = true
mode = "drill"
"#;

    #[test]
    fn the_written_layout_and_appended_entries_read_as_the_full_parser_reads_them() {
        let p = same(WRITTEN);
        assert_eq!(p.review_count(), 3);
        assert_eq!(p.practice().len(), 2);
        assert_eq!(p.exams()[0].answers.len(), 2);
        assert!(p.is_suspended("ecs.\"quoted\""));
        assert_eq!(p.reviews().nth(1).unwrap().card, "gone.old\u{e9}\t");
        same(&p.to_toml());
        same("schema = 1\n");
        same("schema = 1\n[settings]\n");
        // Settings after the entries, keys in another order, spaces and comments.
        same(
            "schema = 1 # v\n[[review]]\nrating = \"hard\"\nat   =  2026-01-01T00:00:00-05:30\ncard = \"a.b\"\n\
             [settings]  # mine\nfuzz = true\ndesired_retention = 0.7\n",
        );
    }

    #[test]
    fn anything_unusual_or_wrong_is_left_to_the_full_parser() {
        let review = |body: &str| format!("schema = 1\n[[review]]\n{body}\n");
        let ok = "card = \"a.b\"\nat = 2026-01-01T00:00:00Z\nrating = \"good\"";
        same(&review(ok));
        for damage in [
            ("rating = \"good\"", "rating = \"great\""),
            ("rating = \"good\"", "rating = 'good'"),
            ("rating = \"good\"", "rating = \"good\" x"),
            ("rating = \"good\"", ""),
            ("rating = \"good\"", "rating = \"good\"\nrating = \"good\""),
            ("rating = \"good\"", "rating = \"good\"\nstars = 5"),
            ("card = \"a.b\"", "card = \" \""),
            ("card = \"a.b\"", "card = \"a\\qb\""),
            ("card = \"a.b\"", "card = \"a\u{1b}b\""),
            ("card = \"a.b\"", "\"card\" = \"a.b\""),
            ("card = \"a.b\"", "card = \"\"\"a.b\"\"\""),
            ("00:00:00Z", "00:00:00"),
            ("00:00:00Z", "00:00:60Z"),
            ("00:00:00Z", "00:00:00.1234567891Z"),
            ("00:00:00Z", "00:00:00z"),
            ("00:00:00Z", "00:00:00+24:00"),
            ("T00", " 00"),
            ("01-01", "02-30"),
        ] {
            gives_up(&review(&ok.replace(damage.0, damage.1)));
        }
        for text in [
            "",
            "schema = 2\n",
            "schema = 0\n",
            "schema = 01\n",
            "schema = 1\nschema = 1\n",
            "schema = 1\r\n",
            "\u{feff}schema = 1\n",
            "schema = 1\ncolour = \"blue\"\n",
            "schema = 1\n# bell \u{7}\n",
            "schema = 1\nsuspended = [\"a\", \" \"]\n",
            "schema = 1\nsuspended = [\"a\",\n\"b\"]\n",
            "schema = 1\n[settings]\nfuzz = false\n[settings]\n",
            "schema = 1\n[settings]\nfuzz = false\nfuzz = false\n",
            "schema = 1\n[settings]\ndesired_retention = 1.5\n",
            "schema = 1\n[settings]\ndesired_retention = 1\n",
            "schema = 1\n[settings]\ndesired_retention = 9e-1\n",
            "schema = 1\n[settings]\nnew_cards_per_day = -3\n",
            "schema = 1\n[settings]\nnew_cards_per_day = 1_000\n",
            "schema = 1\n[settings]\nnew_order = \"random\"\n",
            "schema = 1\n[[exam.answer]]\nquestion = \"a.b\"\ncorrect = true\n",
            "schema = 1\n[[exam]]\nat = 2026-01-01T00:00:00Z\nscore = 3\ntotal = 2\npassed = true\n",
            "schema = 1\n[[exam]]\nat = 2026-01-01T00:00:00Z\nscore = 1\ntotal = 2\n",
            "schema = 1\n[[review]]\ncard = \"a.b\"\n",
            "schema = 1\n[[ review ]]\n",
            "schema = 1\n[review]\n",
            "schema = 1\n[[reviews]]\n",
        ] {
            gives_up(text);
        }
        // A later `[[exam.answer]]` still belongs to the last exam in TOML.
        let late = "schema = 1\n[[exam]]\nat = 2026-01-01T00:00:00Z\nscore = 0\ntotal = 1\npassed = false\n\
                    [[review]]\ncard = \"a.b\"\nat = 2026-01-01T00:00:00Z\nrating = \"good\"\n\
                    [[exam.answer]]\nquestion = \"a.b\"\ncorrect = false\n";
        gives_up(late);
        assert_eq!(parse_full(late, "p.toml").unwrap().exams()[0].answers.len(), 1);
    }

    #[test]
    fn escapes_read_as_toml_reads_them() {
        let p = same(
            "schema = 1\n[[review]]\ncard = \"q\\\"\\\\\\b\\t\\n\\f\\r\\u00e9\\U0001F600\"\nat = 2026-01-01T00:00:00Z\nrating = \"good\"\n",
        );
        assert_eq!(p.reviews().next().unwrap().card, "q\"\\\u{8}\t\n\u{c}\r\u{e9}\u{1F600}");
        gives_up("schema = 1\n[[review]]\ncard = \"\\uD800\"\nat = 2026-01-01T00:00:00Z\nrating = \"good\"\n");
    }
}
