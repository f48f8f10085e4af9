//! What the fuzz target (`fuzz/fuzz_targets/progress.rs`) and the mutation test
//! (`tests/progress_mutations.rs`) hold the progress parser to, on any input. Not part of
//! the app's interface.

use super::parse::{parse_file, parse_full};
use super::{Problem, fast};

/// Checks the parsers on `text`, returning what went wrong:
/// - every problem names the file, a line and a column within the text, and its message
///   holds no control character or bidi override (a value quoted from the file is escaped);
/// - when the fast path reads the text, the full parser reads it too, to the same progress;
/// - what loads writes back a file that loads to the same progress (and the same text).
///
/// A panic or a hang is the caller's to notice.
pub fn check(text: &str) -> Result<(), String> {
    let lines = text.split('\n').count();
    let problem_ok = |p: &Problem| -> Result<(), String> {
        let risky = p
            .message
            .chars()
            .any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'));
        if p.file != "fuzz.toml" || p.line == 0 || p.column == 0 || p.line > lines + 1 || risky {
            return Err(format!("a bad problem: {p:?}"));
        }
        Ok(())
    };
    let fast = fast::parse(text);
    if let Some(fast) = &fast {
        match parse_full(text, "fuzz.toml") {
            Ok(full) if full.to_toml() == fast.to_toml() => {}
            Ok(full) => return Err(format!("the parsers disagree:\n{}\n---\n{}", fast.to_toml(), full.to_toml())),
            Err(e) => return Err(format!("the fast path read what the full parser refuses: {e:?}")),
        }
    }
    match parse_file(text, "fuzz.toml") {
        Ok(loaded) => {
            if let Some(torn) = &loaded.torn {
                problem_ok(torn)?;
            }
            let written = loaded.progress.to_toml();
            let again = parse_file(&written, "fuzz.toml")
                .map_err(|e| format!("what was written does not load: {e:?}\n{written}"))?;
            if again.torn.is_some() || again.progress.to_toml() != written {
                return Err(format!("what was written reads back differently:\n{written}"));
            }
            Ok(())
        }
        Err(super::parse::Failure::Problems(problems)) => {
            if problems.is_empty() {
                return Err("refused without a problem".into());
            }
            problems.iter().try_for_each(problem_ok)
        }
        Err(super::parse::Failure::Newer(problem, _)) => problem_ok(&problem),
    }
}
