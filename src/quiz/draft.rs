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

    /// Typing into a numeric answer. Commas, spaces, `$` are accepted and ignored when read.
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

/// Reads what a learner types for a number: `1,234.5`, `$18.74`, ` 7 `, `-3`, `1e6`.
pub fn parse_number(text: &str) -> Result<f64, DraftError> {
    let cleaned: String = text.chars().filter(|c| !matches!(c, ',' | ' ' | '$')).collect();
    if cleaned.is_empty() {
        return Err(DraftError::Empty);
    }
    match cleaned.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(DraftError::NotANumber(text.trim().to_string())),
    }
}
