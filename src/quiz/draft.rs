//! The answer a learner is still working on, for each kind of question, and the edits the
//! keys make to it. Positions here are display positions; `response` turns them back into
//! content indexes through the question's `Layout`.

use super::{Layout, Response};
use crate::content::{Question, QuestionBody};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Draft {
    /// `single` and `multi`: a cursor over the options; `picked` by display position.
    Choice {
        cursor: usize,
        picked: Vec<bool>,
        pick: usize,
    },
    /// Cursor 0 is True, 1 is False.
    TrueFalse {
        cursor: usize,
    },
    /// `order` items, or the right-hand column of a `match`: the learner moves a grabbed entry
    /// up and down. `arrangement[row]` is a content index.
    Arrange {
        cursor: usize,
        grabbed: bool,
        arrangement: Vec<usize>,
    },
    Numeric {
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error("pick exactly {need} (you have picked {have})")]
    PickCount { need: usize, have: usize },
    #[error("type a number first")]
    Empty,
    #[error("`{0}` is not a number; type digits, with a point for decimals")]
    NotANumber(String),
    /// A comma that cannot be a thousands separator, such as the decimal comma of `18,74`.
    #[error("{text}: use a point for decimals{}", suggestion.as_ref().map(|s| format!(" ({s})")).unwrap_or_default())]
    DecimalComma { text: String, suggestion: Option<String> },
}

/// Longest numeric input accepted; more is noise.
const MAX_NUMBER_LEN: usize = 24;

impl Draft {
    pub fn new(q: &Question, layout: &Layout) -> Self {
        match &q.body {
            QuestionBody::Single { options, .. } => {
                Self::Choice { cursor: 0, picked: vec![false; options.len()], pick: 1 }
            }
            QuestionBody::Multi { options, answers } => {
                Self::Choice { cursor: 0, picked: vec![false; options.len()], pick: answers.len() }
            }
            QuestionBody::TrueFalse { .. } => Self::TrueFalse { cursor: 0 },
            QuestionBody::Order { .. } | QuestionBody::Match { .. } => {
                Self::Arrange { cursor: 0, grabbed: false, arrangement: layout.order.clone() }
            }
            QuestionBody::Numeric { .. } => Self::Numeric { text: String::new() },
        }
    }

    fn rows(&self) -> usize {
        match self {
            Self::Choice { picked, .. } => picked.len(),
            Self::TrueFalse { .. } => 2,
            Self::Arrange { arrangement, .. } => arrangement.len(),
            Self::Numeric { .. } => 0,
        }
    }

    pub fn cursor(&self) -> Option<usize> {
        match self {
            Self::Choice { cursor, .. } | Self::TrueFalse { cursor } | Self::Arrange { cursor, .. } => Some(*cursor),
            Self::Numeric { .. } => None,
        }
    }

    /// Moves the cursor (and a grabbed entry with it) by `delta` rows, stopping at the ends.
    pub fn move_by(&mut self, delta: isize) {
        let rows = self.rows();
        if rows == 0 {
            return;
        }
        let clamp = |c: usize| c.saturating_add_signed(delta).min(rows - 1);
        match self {
            Self::Choice { cursor, .. } | Self::TrueFalse { cursor } => *cursor = clamp(*cursor),
            Self::Arrange { cursor, grabbed, arrangement } => {
                let to = clamp(*cursor);
                if *grabbed {
                    let item = arrangement.remove(*cursor);
                    arrangement.insert(to, item);
                }
                *cursor = to;
            }
            Self::Numeric { .. } => {}
        }
    }

    /// Space: pick/unpick an option (multi), grab/drop an entry (order, match), choose the
    /// highlighted answer (true/false: flips).
    pub fn toggle(&mut self) {
        match self {
            Self::Choice { cursor, picked, pick } => {
                if *pick == 1 {
                    // Single: one pick, the highlighted one.
                    picked.fill(false);
                    picked[*cursor] = true;
                } else {
                    picked[*cursor] = !picked[*cursor];
                }
            }
            Self::TrueFalse { cursor } => *cursor = 1 - *cursor,
            Self::Arrange { grabbed, .. } => *grabbed = !*grabbed,
            Self::Numeric { .. } => {}
        }
    }

    /// Typing into a numeric answer: digits and what a number may be written with (a point,
    /// thousands commas, spaces, `$`, a sign, an exponent); `parse_number` reads it.
    pub fn type_char(&mut self, c: char) {
        if let Self::Numeric { text } = self
            && (c.is_ascii_digit() || matches!(c, '.' | '-' | ',' | ' ' | '$' | 'e' | 'E' | '+'))
            && text.len() < MAX_NUMBER_LEN
        {
            text.push(c);
        }
    }

    pub fn backspace(&mut self) {
        if let Self::Numeric { text } = self {
            text.pop();
        }
    }

    /// How many options are picked (multi), for "pick 2 (1 picked)".
    pub fn picked_count(&self) -> usize {
        match self {
            Self::Choice { picked, .. } => picked.iter().filter(|p| **p).count(),
            _ => 0,
        }
    }

    /// The draft that gives `response` back (a resumed exam shows the answers it had).
    pub fn restore(q: &Question, layout: &Layout, response: &Response) -> Self {
        let mut draft = Self::new(q, layout);
        let shown = |idx: usize| layout.order.iter().position(|&i| i == idx);
        match (&mut draft, response) {
            (Self::Choice { cursor, picked, .. }, Response::Single(i)) => {
                if let Some(row) = shown(*i) {
                    *cursor = row;
                    picked[row] = true;
                }
            }
            (Self::Choice { cursor, picked, .. }, Response::Multi(chosen)) => {
                for row in chosen.iter().filter_map(|&i| shown(i)) {
                    picked[row] = true;
                }
                *cursor = picked.iter().position(|p| *p).unwrap_or(0);
            }
            (Self::TrueFalse { cursor }, Response::TrueFalse(b)) => *cursor = usize::from(!*b),
            (Self::Arrange { arrangement, .. }, Response::Order(a) | Response::Match(a))
                if a.len() == arrangement.len() =>
            {
                arrangement.clone_from(a);
            }
            (Self::Numeric { text }, Response::Numeric(x)) => *text = crate::fmt::num(*x).replace(',', ""),
            _ => {}
        }
        draft
    }

    /// The finished answer in content terms.
    pub fn response(&self, q: &Question, layout: &Layout) -> Result<Response, DraftError> {
        match (self, &q.body) {
            (Self::Choice { cursor, .. }, QuestionBody::Single { .. }) => Ok(Response::Single(layout.order[*cursor])),
            (Self::Choice { picked, pick, .. }, _) => {
                let have = self.picked_count();
                if have != *pick {
                    return Err(DraftError::PickCount { need: *pick, have });
                }
                let mut chosen: Vec<usize> =
                    picked.iter().enumerate().filter(|(_, p)| **p).map(|(pos, _)| layout.order[pos]).collect();
                chosen.sort_unstable();
                Ok(Response::Multi(chosen))
            }
            (Self::TrueFalse { cursor }, _) => Ok(Response::TrueFalse(*cursor == 0)),
            (Self::Arrange { arrangement, .. }, QuestionBody::Match { .. }) => Ok(Response::Match(arrangement.clone())),
            (Self::Arrange { arrangement, .. }, _) => Ok(Response::Order(arrangement.clone())),
            (Self::Numeric { text }, _) => parse_number(text).map(Response::Numeric),
        }
    }
}

/// Reads what a learner types for a number: `1,234.5`, `$18.74`, ` 7 `, `-3`, `1e6`. A comma
/// only separates thousands (`1,874`, `12,345,678.5`): `18,74` is refused with a hint instead
/// of being read as 1,874.
pub fn parse_number(text: &str) -> Result<f64, DraftError> {
    let cleaned: String = text.chars().filter(|c| !matches!(c, ' ' | '$')).collect();
    if cleaned.chars().all(|c| c == ',') {
        return Err(DraftError::Empty);
    }
    if let Some(nth) = misplaced_comma(&cleaned) {
        let text = text.trim();
        // The same text with that comma made a point, offered if it reads as a number.
        let mut commas = 0;
        let swapped: String = text
            .chars()
            .map(|c| {
                let is_it = c == ',' && commas == nth;
                commas += usize::from(c == ',');
                if is_it { '.' } else { c }
            })
            .collect();
        let suggestion = parse_number(&swapped).is_ok().then_some(swapped);
        return Err(DraftError::DecimalComma { text: text.to_string(), suggestion });
    }
    let digits: String = cleaned.chars().filter(|c| *c != ',').collect();
    match digits.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(DraftError::NotANumber(text.trim().to_string())),
    }
}

/// Which comma (0 for the first) is not a thousands separator: every comma must stand in the
/// whole part, after one to three digits, with exactly three digits between it and the next
/// comma or the end of the whole part.
fn misplaced_comma(number: &str) -> Option<usize> {
    if !number.contains(',') {
        return None;
    }
    let mantissa = number.split(['e', 'E']).next().unwrap_or_default();
    let whole = mantissa.trim_start_matches(['-', '+']).split('.').next().unwrap_or_default();
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    let is_digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    if whole.contains(',') && !((1..=3).contains(&first.len()) && is_digits(first)) {
        return Some(0);
    }
    if let Some(bad) = groups.position(|g| g.len() != 3 || !is_digits(g)) {
        return Some(bad);
    }
    // A comma after the point or in the exponent separates nothing.
    let commas_in_whole = whole.matches(',').count();
    (number.matches(',').count() > commas_in_whole).then_some(commas_in_whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comma(text: &str, suggestion: Option<&str>) -> Result<f64, DraftError> {
        Err(DraftError::DecimalComma { text: text.into(), suggestion: suggestion.map(Into::into) })
    }

    // `$18.74`, `-3`, `1e6` and the empty answer are pinned in quiz/tests.rs.
    #[test]
    fn numbers_read_as_a_learner_writes_them() {
        assert_eq!(parse_number("1874.5"), Ok(1874.5));
        assert_eq!(parse_number(" 7 "), Ok(7.0));
        assert_eq!(parse_number(" $ "), Err(DraftError::Empty));
        assert_eq!(parse_number(","), Err(DraftError::Empty));
        assert_eq!(parse_number("e5"), Err(DraftError::NotANumber("e5".into())));
        assert_eq!(parse_number("1,000.5.5"), Err(DraftError::NotANumber("1,000.5.5".into())));
    }

    #[test]
    fn a_comma_separates_thousands() {
        assert_eq!(parse_number("1,874"), Ok(1874.0));
        assert_eq!(parse_number("12,345,678.5"), Ok(12_345_678.5));
        assert_eq!(parse_number("$1,234.50"), Ok(1234.5));
        assert_eq!(parse_number("-1,000"), Ok(-1000.0));
        assert_eq!(parse_number("+100,000"), Ok(100_000.0));
        assert_eq!(parse_number("1,000e3"), Ok(1e6));
        assert_eq!(parse_number("999,999,999"), Ok(999_999_999.0));
    }

    #[test]
    fn a_decimal_comma_is_refused_with_the_number_it_likely_meant() {
        assert_eq!(parse_number("18,74"), comma("18,74", Some("18.74")));
        assert_eq!(parse_number("$18,74"), comma("$18,74", Some("$18.74")));
        assert_eq!(parse_number(" 0,5 "), comma("0,5", Some("0.5")));
        assert_eq!(parse_number("-3,5"), comma("-3,5", Some("-3.5")));
        assert_eq!(parse_number("1,8745"), comma("1,8745", Some("1.8745")));
        assert_eq!(parse_number("1234,567"), comma("1234,567", Some("1234.567")), "four digits before a separator");
        assert_eq!(parse_number("1,234,5"), comma("1,234,5", Some("1,234.5")), "the comma that is wrong");
        assert_eq!(parse_number(",5"), comma(",5", Some(".5")));
        assert_eq!(parse_number("1.234,5"), comma("1.234,5", None), "no point to put it on");
        assert_eq!(parse_number("0.123,456"), comma("0.123,456", None), "thousands after the point");
        assert_eq!(parse_number("1,,874"), comma("1,,874", None));
        assert_eq!(parse_number("1e1,5"), comma("1e1,5", None), "a comma in the exponent");
        assert_eq!(parse_number("-,5"), comma("-,5", Some("-.5")));
    }

    #[test]
    fn the_refusal_says_to_use_a_point() {
        assert_eq!(parse_number("18,74").unwrap_err().to_string(), "18,74: use a point for decimals (18.74)");
        assert_eq!(parse_number("1.234,5").unwrap_err().to_string(), "1.234,5: use a point for decimals");
    }
}
