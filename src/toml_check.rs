//! Reading TOML with positions, shared by the content validator and the progress file: every
//! syntax error at once, arrays of tables taken out to be read entry by entry, and serde's
//! complaints reworded in the file's terms. Errors come back with their byte spans, which
//! [`crate::report::Reporter`] turns into `FILE:LINE:COL` problems.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A message and where in the text it belongs.
pub(crate) type Located = (Range<usize>, String);

/// The most syntax errors reported for one file; the rest are counted in one more message.
pub(crate) const MAX_SYNTAX_ERRORS: usize = 100;

/// Parses a whole document, or returns its syntax errors: the first on each line (a line of
/// ten thousand control characters is one mistake, not ten thousand), at most
/// [`MAX_SYNTAX_ERRORS`] of them and then one that counts the rest.
pub(crate) fn parse(text: &str) -> Result<Spanned<DeTable<'_>>, Vec<Located>> {
    // TOML allows no raw control character but tab and line breaks. Found here, they cost one
    // pass; the TOML reader would make one error of each, with the memory that takes.
    if let Some(errors) = control_characters(text) {
        return Err(errors);
    }
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Ok(table);
    }
    let mut errors: Vec<(Range<usize>, String)> =
        errors.into_iter().map(|e| (e.span().unwrap_or(0..0), e.message().trim().to_string())).collect();
    errors.sort_by_key(|(span, _)| span.start);
    // Runs of errors on one line, found in one pass: a line break between two errors' starts
    // ends a run.
    let mut lines: Vec<(Range<usize>, String, usize)> = Vec::new();
    let mut previous = None;
    for (span, message) in errors {
        let start = span.start.min(text.len());
        let same_line = previous.is_some_and(|p| !text.as_bytes()[p..start].contains(&b'\n'));
        previous = Some(start);
        match lines.last_mut() {
            Some((_, _, more)) if same_line => *more += 1,
            _ => lines.push((span, message, 0)),
        }
    }
    let total = lines.len();
    let mut out: Vec<Located> = lines
        .into_iter()
        .take(MAX_SYNTAX_ERRORS + 1)
        .map(|(span, message, more)| {
            let more = if more == 0 { String::new() } else { format!(" (and {more} more on this line)") };
            (span, format!("TOML syntax: {message}{more}"))
        })
        .collect();
    if total > MAX_SYNTAX_ERRORS {
        let (span, _) = out.pop().unwrap_or((0..0, String::new()));
        out.push((
            span,
            format!(
                "TOML syntax: {} more lines with errors from here on; fix the first {MAX_SYNTAX_ERRORS} and check again",
                total - MAX_SYNTAX_ERRORS
            ),
        ));
    }
    Err(out)
}

/// A syntax error for each line holding a control character TOML does not allow (written as
/// an escape such as `\u001B` inside a string, it would be read), or none if no line has one.
fn control_characters(text: &str) -> Option<Vec<Located>> {
    let bad = |b: u8| matches!(b, 0..=8 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f);
    if !text.as_bytes().iter().any(|&b| bad(b)) {
        return None;
    }
    let mut out: Vec<Located> = Vec::new();
    let mut lines_with_errors = 0;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let mut found = line.bytes().enumerate().filter(|(_, b)| bad(*b));
        if let Some((i, b)) = found.next() {
            lines_with_errors += 1;
            if lines_with_errors <= MAX_SYNTAX_ERRORS {
                let more = found.count();
                let more = if more == 0 { String::new() } else { format!(" (and {more} more on this line)") };
                out.push((
                    start + i..start + i + 1,
                    format!("TOML syntax: the control character U+{b:04X} is not allowed; remove it{more}"),
                ));
            } else if lines_with_errors == MAX_SYNTAX_ERRORS + 1 {
                out.push((start + i..start + i + 1, String::new()));
            }
        }
        start += line.len();
    }
    if lines_with_errors > MAX_SYNTAX_ERRORS
        && let Some(last) = out.last_mut()
    {
        last.1 = format!(
            "TOML syntax: {} more lines with control characters from here on; remove them all and check again",
            lines_with_errors - MAX_SYNTAX_ERRORS
        );
    }
    Some(out)
}

/// Takes `key` out of `table` as an array of tables (`[[key]]`); none when absent.
pub(crate) fn take_array<'t>(table: &mut DeTable<'t>, key: &str) -> Result<Vec<Spanned<DeValue<'t>>>, Located> {
    let Some(value) = table.remove(key) else { return Ok(Vec::new()) };
    let span = value.span();
    match value.into_inner() {
        DeValue::Array(items) => Ok(items.into_iter().collect()),
        other => Err((span, format!("`{key}` must be an array of tables ([[{key}]]), not a {}", other.type_str()))),
    }
}

/// Serde's words are about Rust types and fields; authors write TOML keys and values.
pub(crate) fn tidy(message: &str) -> String {
    let mut m = message.trim().replace("missing field", "missing key").replace("unknown field", "unknown key");
    for (rust, toml) in [
        ("expected u32", "expected a whole number of 0 or more"),
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected a table"),
        ("expected a borrowed string", "expected a string"),
        ("expected an array of length 2", "expected two numbers, like [1, 5]"),
        ("expected a TOML datetime", "expected a date and time like 2026-11-27T14:03:11Z, without quotes"),
        (", expected one of", "; expected one of"),
        (", expected ", "; expected "),
    ] {
        m = m.replace(rust, toml);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_syntax_error_comes_back_with_its_span() {
        let errors = parse("a = \n[b\n").unwrap_err();
        assert!(errors.len() >= 2, "{errors:?}");
        assert!(errors.iter().all(|(_, m)| m.starts_with("TOML syntax: ")));
    }

    #[test]
    fn a_line_of_bad_characters_is_one_syntax_error() {
        let text = format!("a = \"{}\"\nb = \"\x07\x07\"\nc = 1\n", "\x1b[2J".repeat(10_000));
        let errors = parse(&text).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].1.ends_with("(and 9999 more on this line)"), "{}", errors[0].1);
        assert!(errors[0].1.starts_with("TOML syntax: the control character U+001B is not allowed"));
        assert_eq!(errors[1].0.start, text.find('b').unwrap() + 5);
    }

    #[test]
    fn a_line_of_bad_escapes_is_one_syntax_error() {
        let text = format!("a = \"{}\"\nc = 1\n", r"\q".repeat(10_000));
        let errors = parse(&text).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].1.ends_with("more on this line)"), "{}", errors[0].1);
    }

    #[test]
    fn syntax_errors_past_the_cap_are_counted_in_one_message() {
        let text = "x = \"\x07\"\n".repeat(MAX_SYNTAX_ERRORS + 50);
        let errors = parse(&text).unwrap_err();
        assert_eq!(errors.len(), MAX_SYNTAX_ERRORS + 1);
        assert!(
            errors[MAX_SYNTAX_ERRORS].1.starts_with("TOML syntax: 50 more lines with control characters"),
            "{errors:?}"
        );
        let text = "x = \"\\q\"\n".repeat(MAX_SYNTAX_ERRORS + 50);
        let errors = parse(&text).unwrap_err();
        assert_eq!(errors.len(), MAX_SYNTAX_ERRORS + 1);
        assert!(errors[MAX_SYNTAX_ERRORS].1.starts_with("TOML syntax: 50 more lines with errors"), "{errors:?}");
    }

    #[test]
    fn arrays_of_tables_are_taken_out_and_other_values_refused() {
        let mut doc = parse("x = 1\n[[item]]\nn = 1\n[[item]]\nn = 2\n").unwrap().into_inner();
        assert_eq!(take_array(&mut doc, "item").unwrap().len(), 2);
        assert!(doc.get("item").is_none(), "taken out of the table");
        assert!(take_array(&mut doc, "absent").unwrap().is_empty());
        let (span, message) = take_array(&mut doc, "x").unwrap_err();
        assert_eq!((span, message.as_str()), (4..5, "`x` must be an array of tables ([[x]]), not a integer"));
    }

    #[test]
    fn serde_words_become_toml_words() {
        assert_eq!(tidy("missing field `id`"), "missing key `id`");
        assert_eq!(
            tidy("invalid type: string \"a\", expected u32"),
            "invalid type: string \"a\"; expected a whole number of 0 or more"
        );
        assert_eq!(tidy("unknown field `x`, expected one of `a`, `b`"), "unknown key `x`; expected one of `a`, `b`");
    }
}
