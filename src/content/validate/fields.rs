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
        c if c.is_control() => Some(format!("the control character U+{:04X}; remove it", c as u32)),
        _ => None,
    })
}

pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}
