//! Helpers shared by the progress tests: times, the built-in course, and progress with fuzz
//! off so intervals are the scheduler's exact ones.

use jiff::Timestamp;

use super::{Progress, Settings};
use crate::content::Course;

pub fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

pub fn course() -> Course {
    crate::content::load(None).unwrap()
}

/// The course's question ids, in course order.
pub fn ids(course: &Course) -> Vec<String> {
    course.questions().map(|q| q.id.clone()).collect()
}

/// Default settings but `new_per_day` new cards and no fuzz.
pub fn progress(new_per_day: u32) -> Progress {
    Progress::with_settings(Settings { new_cards_per_day: new_per_day, fuzz: false, ..Settings::default() })
}
