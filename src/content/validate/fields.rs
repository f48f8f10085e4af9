//! Rules that fields of every content file share: text safe to put on a terminal, https
//! addresses, kebab-case ids and exam task statements.

use toml::Spanned;

use crate::content::model::ExamTask;
use crate::report::{Reporter, SourceText};

/// A text field: not blank, no control characters, tabs or bidi overrides; single-line
/// unless `multiline`.
pub(super) fn text(c: &mut Reporter, f: &SourceText<'_>, value: &Spanned<String>, what: &str, multiline: bool) -> bool {
    let s = value.get_ref();
    if s.trim().is_empty() {
        c.at(f, &value.span(), format!("{what} is empty; write it out"));
        return false;
    }
    if let Some(problem) = bad_char(s, multiline) {
        c.at(f, &value.span(), format!("{what} contains {problem}"));
        return false;
    }
    true
}

/// The largest size of any number in content: above it a float no longer holds every whole
/// number, and no price, count or answer in a course comes near it.
pub const MAX_NUMBER: f64 = 1e15;
/// The smallest size of a number other than zero (the smallest real price is 3e-8 per GB-s).
pub const MIN_NUMBER: f64 = 1e-12;

/// Why `x` cannot be a number in content (not finite, or absurdly large or small), if so.
pub(super) fn absurd(x: f64) -> Option<String> {
    let a = x.abs();
    if !x.is_finite() {
        Some(format!("{x} is not a number a course can use; write a finite number"))
    } else if a > MAX_NUMBER || (a != 0.0 && a < MIN_NUMBER) {
        Some(format!(
            "{x:e} is out of range; numbers in content are zero or between {MIN_NUMBER:e} and {MAX_NUMBER:e} in size"
        ))
    } else {
        None
    }
}

/// A number: reported at `span` as `what` unless it is finite and of a sane size.
pub(super) fn number(c: &mut Reporter, f: &SourceText<'_>, span: &std::ops::Range<usize>, x: f64, what: &str) -> bool {
    match absurd(x) {
        Some(why) => {
            c.at(f, span, format!("{what}: {why}"));
            false
        }
        None => true,
    }
}

/// An `https://` address with no spaces; `what` names the field in the message
/// (`source url`, `reference`).
pub(super) fn url(c: &mut Reporter, f: &SourceText<'_>, value: &Spanned<String>, what: &str) -> bool {
    let s = value.get_ref();
    let ok = s.strip_prefix("https://").is_some_and(|rest| !rest.is_empty())
        && !s.chars().any(|ch| ch.is_whitespace() || ch.is_control());
    if !ok {
        c.at(f, &value.span(), format!("{what} `{s}` must be an https:// address with no spaces"));
    }
    ok
}

/// A CLF-C02 task statement such as `3.3`, which topics and questions both name.
pub(super) fn exam_task(c: &mut Reporter, f: &SourceText<'_>, task: &Spanned<String>) -> Option<ExamTask> {
    let parsed = ExamTask::parse(task.get_ref());
    if parsed.is_none() {
        c.at(
            f,
            &task.span(),
            format!(
                "task `{}` is not a CLF-C02 task statement; use 1.1-1.4, 2.1-2.4, 3.1-3.8 or 4.1-4.3",
                task.get_ref()
            ),
        );
    }
    parsed
}

/// Describes the first character that would corrupt a terminal, if any.
pub fn bad_char(s: &str, multiline: bool) -> Option<String> {
    s.chars().find_map(|c| match c {
        '\n' if multiline => None,
        '\n' => Some("a line break; keep it on one line".to_string()),
        '\t' => Some("a tab; use spaces".to_string()),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            Some(format!("the bidirectional control U+{:04X}; remove it", c as u32))
        }
        c if crate::fmt::is_unsafe_char(c) => Some(format!("the control character U+{:04X}; remove it", c as u32)),
        _ => None,
    })
}

pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}
