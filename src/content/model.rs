//! The validated curriculum. Values of these types only exist once every rule holds, so the
//! rest of the program never re-checks content.
//!
//! They can be serialized and deserialized for one reason: the built-in course is validated
//! when the crate is tested and stored compiled (`builtin.rs`), and the program decodes that
//! instead of validating the same text again at every start. Nothing else deserializes them;
//! a course from anywhere else comes out of `validate`.

use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr, VariantArray};

/// A CLF-C02 task statement such as 3.3 (domain 3, task 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ExamTask {
    pub domain: u8,
    pub task: u8,
}

impl ExamTask {
    /// The task statements of the CLF-C02 exam guide: domain -> number of tasks.
    const TASKS_PER_DOMAIN: [u8; 4] = [4, 4, 8, 3];

    pub fn parse(s: &str) -> Option<Self> {
        let (d, t) = s.split_once('.')?;
        let (domain, task) = (d.parse::<u8>().ok()?, t.parse::<u8>().ok()?);
        let max = *Self::TASKS_PER_DOMAIN.get(usize::from(domain).checked_sub(1)?)?;
        (1..=max).contains(&task).then_some(Self { domain, task })
    }
}

impl std::fmt::Display for ExamTask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.domain, self.task)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Course {
    /// Sorted by their `order`.
    pub topics: Vec<Topic>,
    pub diagrams: Vec<Diagram>,
    pub pricing: crate::pricing::PriceBook,
    /// The templates of generated questions; each one's card is also in its topic's
    /// questions (a stand-in that sessions replace with a fresh question).
    pub templates: Vec<crate::generate::Template>,
    /// The words of each named mistake.
    pub mistakes: std::collections::BTreeMap<crate::generate::Mistake, String>,
}

impl Course {
    /// The lessons to read before everything else (`start_here`), as (topic, lesson) indexes.
    pub fn start_here(&self) -> Vec<(usize, usize)> {
        self.topics
            .iter()
            .enumerate()
            .flat_map(|(t, topic)| {
                topic.lessons.iter().enumerate().filter(|(_, l)| l.start_here).map(move |(l, _)| (t, l))
            })
            .collect()
    }

    /// The template behind a generated card (`gen.TEMPLATE`).
    pub fn template(&self, card: &str) -> Option<&crate::generate::Template> {
        let id = card.strip_prefix(crate::generate::ID_PREFIX)?;
        self.templates.iter().find(|t| t.id == id)
    }

    /// The content's words for a mistake.
    pub fn mistake_text(&self, m: crate::generate::Mistake) -> Option<&str> {
        self.mistakes.get(&m).map(String::as_str)
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn diagram(&self, id: &str) -> Option<&Diagram> {
        self.diagrams.iter().find(|d| d.id == id)
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.topics.iter().flat_map(|t| t.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.topics.iter().flat_map(|t| t.lessons.iter()).find(|l| l.id == id)
    }

    /// Where a lesson is: (topic, lesson) indexes.
    pub fn lesson_at(&self, id: &str) -> Option<(usize, usize)> {
        self.topics
            .iter()
            .enumerate()
            .find_map(|(t, topic)| topic.lessons.iter().position(|l| l.id == id).map(|l| (t, l)))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub order: u32,
    pub task: ExamTask,
    pub lessons: Vec<Lesson>,
    pub questions: Vec<Question>,
}

impl Topic {
    /// The indexes of the lessons its list shows, in order: all but the start-here ones.
    pub fn listed_lessons(&self) -> Vec<usize> {
        (0..self.lessons.len()).filter(|&l| !self.lessons[l].start_here).collect()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Lesson {
    pub id: String,
    pub title: String,
    /// Markdown.
    pub body: String,
    /// Diagram ids, all present in `Course::diagrams`.
    pub diagrams: Vec<String>,
    pub sources: Vec<Source>,
    /// Read before everything else: Study lists it on its own at the top, not in its topic.
    pub start_here: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub topic: String,
    pub lesson: String,
    pub task: ExamTask,
    pub difficulty: Difficulty,
    pub tags: Vec<String>,
    pub prompt: String,
    pub explanation: String,
    /// An `https://` page (AWS documentation in the shipped content) that the feedback cites.
    pub reference: String,
    pub body: QuestionBody,
}

/// The tag of questions about the exam itself (its length, pass mark, domains): they belong to
/// no task statement of the exam guide, so reports leave them out of the per-task subtotals.
pub const EXAM_FORMAT_TAG: &str = "exam-format";

impl Question {
    /// The task statement this question counts towards in reports: its `task`, or none for a
    /// question about the exam itself (tagged [`EXAM_FORMAT_TAG`]).
    pub fn counted_task(&self) -> Option<ExamTask> {
        (!self.tags.iter().any(|t| t == EXAM_FORMAT_TAG)).then_some(self.task)
    }

    pub fn kind(&self) -> QuestionKind {
        match self.body {
            QuestionBody::Single { .. } => QuestionKind::Single,
            QuestionBody::Multi { .. } => QuestionKind::Multi,
            QuestionBody::TrueFalse { .. } => QuestionKind::TrueFalse,
            QuestionBody::Order { .. } => QuestionKind::Order,
            QuestionBody::Match { .. } => QuestionKind::Match,
            QuestionBody::Numeric { .. } => QuestionKind::Numeric,
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, IntoStaticStr, EnumString, VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum QuestionKind {
    Single,
    Multi,
    TrueFalse,
    Order,
    Match,
    Numeric,
}

impl QuestionKind {
    pub const ALL: [Self; 6] = crate::variants::array();

    /// The `kind` in the content files: `single`, `multi`, `true_false`, ...
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum QuestionBody {
    /// `answer` indexes `options`.
    Single {
        options: Vec<Choice>,
        answer: usize,
    },
    /// `answers` index `options`, sorted, at least two, fewer than the options.
    Multi {
        options: Vec<Choice>,
        answers: Vec<usize>,
    },
    TrueFalse {
        answer: bool,
        why_true: String,
        why_false: String,
    },
    /// The items in the right order.
    Order {
        items: Vec<String>,
    },
    /// Each left with its right.
    Match {
        pairs: Vec<(String, String)>,
    },
    Numeric {
        answer: f64,
        tolerance: f64,
        unit: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub text: String,
    pub why: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Diagram {
    pub id: String,
    pub title: String,
    pub art: Vec<String>,
    pub regions: Vec<Region>,
    pub steps: Vec<Step>,
}

/// A rectangle of the art, 0-based and inclusive, in lines and character columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub id: String,
    pub top: usize,
    pub bottom: usize,
    pub left: usize,
    pub right: usize,
}

impl Region {
    pub fn contains(&self, line: usize, col: usize) -> bool {
        (self.top..=self.bottom).contains(&line) && (self.left..=self.right).contains(&col)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Indexes into the diagram's regions.
    pub highlight: Vec<usize>,
    pub caption: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_kinds_keep_their_names() {
        let names = ["single", "multi", "true_false", "order", "match", "numeric"];
        assert_eq!(QuestionKind::ALL.map(QuestionKind::name), names);
        assert!(QuestionKind::ALL.into_iter().all(|k| QuestionKind::parse(k.name()) == Some(k)));
        assert_eq!([QuestionKind::parse("TrueFalse"), QuestionKind::parse("true-false")], [None, None]);
    }

    #[test]
    fn exam_tasks_follow_the_exam_guide() {
        assert_eq!(ExamTask::parse("3.3"), Some(ExamTask { domain: 3, task: 3 }));
        assert_eq!(ExamTask::parse("3.8").map(|t| t.to_string()), Some("3.8".into()));
        for bad in ["3.9", "4.4", "0.1", "5.1", "1.0", "3", "x.y", "", "3.3.1"] {
            assert_eq!(ExamTask::parse(bad), None, "{bad}");
        }
    }
}
