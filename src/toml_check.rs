//! Reading TOML with positions, shared by the content validator and the progress file: every
//! syntax error at once, arrays of tables taken out to be read entry by entry, and serde's
//! complaints reworded in the file's terms. Errors come back with their byte spans, which
//! [`crate::report::Reporter`] turns into `FILE:LINE:COL` problems.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A message and where in the text it belongs.
pub(crate) type Located = (Range<usize>, String);

/// Parses a whole document, or returns every syntax error in it.
pub(crate) fn parse(text: &str) -> Result<Spanned<DeTable<'_>>, Vec<Located>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Ok(table);
    }
    Err(errors
        .into_iter()
        .map(|e| (e.span().unwrap_or(0..0), format!("TOML syntax: {}", e.message().trim())))
        .collect())
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
