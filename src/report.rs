//! Problems found in an input file, each at `FILE:LINE:COL` with its fix: the one reporter
//! that the content validator and the progress parser share.
//!
//! Byte spans (from the TOML reader or from a check) become line and column here and nowhere
//! else, so every message in the program counts positions the same way.

use std::ops::Range;

use serde::Serialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::toml_check;

/// One thing wrong with an input file, where it is and what to do about it.
///
/// The file name and the message may quote the input (a key, a value, an id), so both are
/// made safe where they leave the program, here and only here: shown or serialized, every
/// control or bidi character is escaped ([`crate::fmt::escape`]) and a message is cut to
/// [`MAX_MESSAGE_CHARS`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The most characters of a message that are shown; a longer one (it quotes a huge key or
/// value) keeps its start and its end, where the fix is.
pub const MAX_MESSAGE_CHARS: usize = 1_000;

impl Problem {
    /// The file name as it may be printed.
    pub fn safe_file(&self) -> String {
        crate::fmt::escape(&self.file).into_owned()
    }

    /// The message as it may be printed: escaped, and cut in the middle when too long.
    pub fn safe_message(&self) -> String {
        let escaped = crate::fmt::escape(&self.message);
        let n = escaped.chars().count();
        if n <= MAX_MESSAGE_CHARS {
            return escaped.into_owned();
        }
        let (head, tail) = (MAX_MESSAGE_CHARS * 2 / 3, MAX_MESSAGE_CHARS / 3);
        let start: String = escaped.chars().take(head).collect();
        let end: String = escaped.chars().skip(n - tail).collect();
        format!("{start} [... {} characters cut ...] {end}", n - head - tail)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}: {}", self.safe_file(), self.line, self.column, self.safe_message())
    }
}

impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Problem", 4)?;
        s.serialize_field("file", &self.safe_file())?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("column", &self.column)?;
        s.serialize_field("message", &self.safe_message())?;
        s.end()
    }
}

/// The most problems one run prints (and `validate --json` lists): past this an author fixes
/// the first batch and runs again, and a hostile file cannot flood the terminal.
pub const MAX_PROBLEMS_SHOWN: usize = 100;

/// The problems that are shown, one per line, then `... and N more problems` when `total` is
/// more than were shown.
pub fn problem_lines(shown: &[Problem], total: usize) -> String {
    let mut lines: Vec<String> = shown.iter().map(ToString::to_string).collect();
    if total > shown.len() {
        lines.push(more_problems(total - shown.len()));
    }
    lines.join("\n")
}

/// The line that stands for the problems not shown.
pub fn more_problems(n: usize) -> String {
    format!("... and {}", crate::fmt::plural(n, "more problem"))
}

/// A file's text under the name it has in messages, indexed once so that every span in it
/// can be named by line and column.
pub(crate) struct SourceText<'a> {
    pub name: &'a str,
    pub text: &'a str,
    lines: LineIndex,
}

impl<'a> SourceText<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Self {
        Self { name, text, lines: LineIndex::new(text) }
    }

    /// The problem `message` at the start of `span`.
    pub fn problem(&self, span: &Range<usize>, message: impl Into<String>) -> Problem {
        let (line, column) = self.lines.locate(self.text, span.start);
        Problem { file: self.name.to_string(), line, column, message: message.into() }
    }

    /// `FILE:LINE:COL` of `span`, for messages that point at a second place ("first at ...").
    pub fn place(&self, span: &Range<usize>) -> String {
        let (line, column) = self.lines.locate(self.text, span.start);
        format!("{}:{line}:{column}", self.name)
    }
}

/// Collects the problems of one run, over one file or many, so that all are reported at once.
#[derive(Default)]
pub(crate) struct Reporter {
    problems: Vec<Problem>,
    /// Suggestions looked up so far: each compares one name with every known one.
    hints: usize,
}

/// The most "did you mean" suggestions one run looks for. Past [`MAX_PROBLEMS_SHOWN`] no one
/// reads them, and twenty thousand broken references against five thousand names would
/// otherwise cost minutes.
const MAX_HINTS: usize = 2 * MAX_PROBLEMS_SHOWN;

impl Reporter {
    /// "; did you mean `x`?" for the closest of `known`, or nothing when none is close (or the
    /// run has looked for [`MAX_HINTS`] already).
    pub fn did_you_mean<'a>(&mut self, wanted: &str, known: impl IntoIterator<Item = &'a String>) -> String {
        if self.hints >= MAX_HINTS {
            return String::new();
        }
        self.hints += 1;
        crate::fmt::closest(wanted, known.into_iter().map(String::as_str))
            .map_or_else(String::new, |k| format!("; did you mean `{k}`?"))
    }

    pub fn at(&mut self, f: &SourceText<'_>, span: &Range<usize>, message: impl Into<String>) {
        self.problems.push(f.problem(span, message));
    }

    /// A problem with a file as a whole, for files that have no text to point into.
    pub fn whole(&mut self, file: &str, message: impl Into<String>) {
        self.problems.push(Problem { file: file.to_string(), line: 1, column: 1, message: message.into() });
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// The problems so far, in the order found; the reporter is left empty.
    pub fn take(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.problems)
    }

    /// Parses a whole document, reporting every syntax error.
    pub fn parse<'t>(&mut self, f: &SourceText<'t>) -> Option<Spanned<DeTable<'t>>> {
        toml_check::parse(f.text).map_err(|errors| self.at_all(f, errors)).ok()
    }

    /// Takes `key` out of `table` as an array of tables (`[[key]]`).
    pub fn take_array<'t>(
        &mut self,
        f: &SourceText<'_>,
        table: &mut DeTable<'t>,
        key: &str,
    ) -> Vec<Spanned<DeValue<'t>>> {
        toml_check::take_array(table, key).unwrap_or_else(|e| {
            self.at_all(f, [e]);
            Vec::new()
        })
    }

    /// Deserializes one entry, reporting serde's complaint at its position.
    pub fn de<T: DeserializeOwned>(&mut self, f: &SourceText<'_>, value: Spanned<DeValue<'_>>) -> Option<T> {
        self.de_expecting(f, value, "")
    }

    /// Like [`Reporter::de`], but says `wrong_shape` (unless empty) when the entry is the wrong
    /// kind of value altogether: serde's words then name a Rust type the author never wrote.
    pub fn de_expecting<T: DeserializeOwned>(
        &mut self,
        f: &SourceText<'_>,
        value: Spanned<DeValue<'_>>,
        wrong_shape: &str,
    ) -> Option<T> {
        let span = value.span();
        T::deserialize(toml::de::ValueDeserializer::from(value))
            .map_err(|e| self.de_error(f, &e, span, wrong_shape))
            .ok()
    }

    /// Deserializes a whole document's remaining keys (its header).
    pub fn de_table<T: DeserializeOwned>(&mut self, f: &SourceText<'_>, table: Spanned<DeTable<'_>>) -> Option<T> {
        let span = table.span();
        T::deserialize(toml::de::Deserializer::from(table)).map_err(|e| self.de_error(f, &e, span, "")).ok()
    }

    /// An error with no span of its own, or with the entry's span, is about the entry's shape.
    fn de_error(&mut self, f: &SourceText<'_>, e: &toml::de::Error, span: Range<usize>, wrong_shape: &str) {
        let inner = e.span().filter(|s| *s != span);
        let message = match inner {
            None if !wrong_shape.is_empty() => wrong_shape.to_string(),
            _ => toml_check::tidy(e.message()),
        };
        self.at(f, &inner.unwrap_or(span), message);
    }

    fn at_all(&mut self, f: &SourceText<'_>, located: impl IntoIterator<Item = toml_check::Located>) {
        for (span, message) in located {
            self.at(f, &span, message);
        }
    }
}

/// Names joined with commas, for "expected one of ..." and "it has: ...".
pub(crate) fn comma_list(names: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    names.into_iter().map(|s| s.as_ref().to_string()).collect::<Vec<_>>().join(", ")
}

/// Where each line of a text starts, so byte offsets become 1-based line and column numbers.
#[derive(Debug, Clone)]
struct LineIndex {
    starts: Vec<usize>,
    /// The last offset located, its 0-based line and column: problems mostly come in file
    /// order, so the next column is counted from here, and many problems on one long line
    /// cost the line's length once, not once each.
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts, last: std::cell::Cell::new((0, 0, 0)) }
    }

    /// The 1-based line and column (counted in characters) of a byte offset in `text`.
    fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let (last_offset, last_line, last_column) = self.last.get();
        let (from, base) = if last_line == line && last_offset <= offset && text.is_char_boundary(last_offset) {
            (last_offset, last_column)
        } else {
            (self.starts[line], 0)
        };
        let column = base + text.get(from..offset).map_or(offset - from, |s| s.chars().count());
        if text.is_char_boundary(offset) {
            self.last.set((offset, line, column));
        }
        (line + 1, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_character_columns() {
        let text = "ab\nc─d\n\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.locate(text, 0), (1, 1));
        assert_eq!(idx.locate(text, 1), (1, 2));
        assert_eq!(idx.locate(text, 3), (2, 1));
        // `─` is three bytes but one column.
        assert_eq!(idx.locate(text, 7), (2, 3));
        assert_eq!(idx.locate(text, 9), (3, 1));
        assert_eq!(idx.locate(text, 10), (4, 1));
        assert_eq!(idx.locate(text, 99), (4, 2));
        // Backwards and forwards again, within a line and across lines, as problems found
        // out of order are located.
        assert_eq!(idx.locate(text, 7), (2, 3));
        assert_eq!(idx.locate(text, 4), (2, 2));
        assert_eq!(idx.locate(text, 7), (2, 3));
        assert_eq!(idx.locate(text, 1), (1, 2));
    }
}
