//! The progress file exactly as written: serde mirrors of its tables, with positions kept
//! for the values checked later. `parse` turns these into a [`Progress`](super::Progress).

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub desired_retention: Option<Spanned<f64>>,
    pub new_cards_per_day: Option<Spanned<i64>>,
    pub new_order: Option<Spanned<String>>,
    pub reviews_per_day: Option<Spanned<i64>>,
    pub fuzz: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub card: Spanned<String>,
    pub at: Spanned<Datetime>,
    pub rating: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Buried {
    pub card: Spanned<String>,
    pub until: Spanned<Datetime>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exam {
    pub at: Spanned<Datetime>,
    #[serde(default)]
    pub topics: Vec<String>,
    pub score: Spanned<i64>,
    pub total: Spanned<i64>,
    pub passed: bool,
    pub seconds: Option<Spanned<i64>>,
    #[serde(default)]
    pub answer: Vec<Answer>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub question: Spanned<String>,
    #[serde(default)]
    pub given: Vec<String>,
    pub correct: bool,
    #[serde(default)]
    pub flagged: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    pub card: Spanned<String>,
    pub at: Spanned<Datetime>,
    pub correct: bool,
    pub mode: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Read {
    pub lesson: Spanned<String>,
    pub at: Spanned<Datetime>,
}

/// The exam in progress (`exam-in-progress.toml`), its top-level keys but `schema` and the
/// `[[question]]` entries.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetHeader {
    pub started: Spanned<Datetime>,
    pub time: Spanned<String>,
    pub left: Spanned<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    pub kinds: Spanned<String>,
    pub seed: Spanned<String>,
}

/// One question of the exam in progress, with its answer under the key of its kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetQuestion {
    pub id: Spanned<String>,
    pub single: Option<Spanned<i64>>,
    pub multi: Option<Spanned<Vec<i64>>>,
    pub true_false: Option<Spanned<bool>>,
    pub order: Option<Spanned<Vec<i64>>>,
    #[serde(rename = "match")]
    pub matched: Option<Spanned<Vec<i64>>>,
    pub numeric: Option<Spanned<f64>>,
    #[serde(default)]
    pub flagged: bool,
}
