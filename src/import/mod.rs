//! `cloudcram import`: public practice-exam Markdown into a deck of your own.
//!
//! `parse` reads each file into questions and `FILE:LINE` problems; `plan` gives every
//! question its stable id and its place in the deck's topics, and renders the deck as
//! content files (the schema of content/README.md), checked by the content validator before
//! anything is written; `deck::write` puts them in `<data-dir>/decks/NAME/` in one rename.
//! Loading decks next to the course is `content::decks`.
//!
//! What a deck must say that the Markdown does not, and how it is said:
//! - each topic gets one lesson, `TOPIC.about`, naming the files its questions came from (a
//!   question must name a lesson, a lesson at least one source: the references the files
//!   give, or the CLF-C02 exam guide when they give none);
//! - task 3.3 ("identify AWS compute services"), difficulty medium, tag `imported`;
//! - the explanation is the file's, or says that the file gave none; a reference address
//!   the explanation does not already hold is added at its end;
//! - each option's `why` says only whether the file's key gives it.
//!
//! Ids: `TOPIC.q-<hash of the normalised stem>`, so fixing an option, the key, the
//! explanation, the numbering or the stem's case, spacing and punctuation keeps the id and the
//! review history with it; rewording the stem makes it a new question. A second question with
//! the same stem but other options gets `-2`, `-3` in file order; the very same question twice
//! is imported once.

mod deck;
pub mod parse;
pub mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;

/// Markdown files larger than this are refused unread.
pub const MAX_INPUT_BYTES: u64 = 8 * 1024 * 1024;

/// The task statement imported questions are filed under: CLF-C02 3.3, "Identify AWS compute
/// services". The Markdown does not say; this app's section is compute, and 3.3 is what its
/// own course uses most.
pub const TASK: &str = "3.3";

/// Topic ids a deck may not take: generated cards are `gen.TEMPLATE`.
const RESERVED: [&str; 1] = ["gen"];

/// One file to import, as named on the command line.
#[derive(Debug, Clone)]
pub struct Input {
    /// The name shown in messages (the path as given).
    pub display: String,
    pub bytes: Result<Vec<u8>, String>,
}

impl Input {
    /// Reads `path`, refusing files over `MAX_INPUT_BYTES`.
    pub fn read(path: &Path) -> Self {
        let display = path.display().to_string();
        let bytes = match std::fs::metadata(path) {
            Err(e) => Err(format!("cannot read the file: {e}")),
            Ok(m) if m.is_dir() => Err("is a directory, not a Markdown file".to_string()),
            // A FIFO or a device would block the read or never end.
            Ok(m) if !m.is_file() => Err("is not a regular file".to_string()),
            Ok(m) if m.len() > MAX_INPUT_BYTES => Err(format!(
                "the file is {} bytes; import reads files of at most {} MiB",
                m.len(),
                MAX_INPUT_BYTES >> 20
            )),
            Ok(_) => std::fs::read(path).map_err(|e| format!("cannot read the file: {e}")),
        };
        Self { display, bytes }
    }

    /// The file's name without its folders: what the deck itself says the questions came from.
    /// Cleaned like any text of the deck: a file name may hold anything but `/`.
    fn name(&self) -> String {
        let name = Path::new(&self.display).file_name().map(|n| text::clean(&n.to_string_lossy()));
        name.filter(|n| !n.is_empty()).unwrap_or_else(|| "the file".to_string())
    }

    fn stem(&self) -> String {
        Path::new(&self.display).file_stem().map(|n| text::clean(&n.to_string_lossy())).unwrap_or_default()
    }
}

/// What to import.
#[derive(Debug, Clone)]
pub struct Request {
    /// The deck's name as given (`--deck`): its directory and topic id are this in kebab case.
    pub deck: String,
    pub files: Vec<Input>,
    /// One topic per file (`DECK-FILE`) rather than one for the deck.
    pub topic_per_file: bool,
}

/// A question to import, as `--dry-run --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: String,
    pub topic: String,
    pub file: String,
    pub line: usize,
    pub prompt: String,
    pub options: Vec<String>,
    /// Option letters: `["B", "E"]`.
    pub answer: Vec<String>,
    /// `single` or `multi`.
    pub kind: &'static str,
    #[serde(skip)]
    pub(crate) parsed: parse::Parsed,
    /// The file's name, for the deck's words.
    #[serde(skip)]
    pub(crate) file_name: String,
}

/// A problem with an input: `FILE:LINE: message`, or `FILE: message` for the whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// One topic of the deck.
#[derive(Debug, Clone, Serialize)]
pub struct TopicPlan {
    pub id: String,
    pub title: String,
    /// The names of the files its questions came from, in order.
    pub files: Vec<String>,
    pub questions: usize,
}

/// What an import does: the questions, the problems, and the deck's files.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// The deck's directory name under `decks/` (the name in kebab case).
    pub deck: String,
    pub topics: Vec<TopicPlan>,
    pub imported: usize,
    /// Questions left out because of a problem (each reported in `errors`).
    pub skipped: usize,
    pub questions: Vec<Question>,
    pub errors: Vec<Issue>,
    /// The deck's files: path under the deck's directory -> text.
    #[serde(skip)]
    pub files: BTreeMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("deck name `{0}` has no letter or digit; name it like `practice` or `exam-set-1`")]
    BadName(String),
    #[error("deck `{deck}` would have topic id `{topic}`, which {owner} already has; choose another --deck name")]
    Taken { deck: String, topic: String, owner: String },
    #[error("--topic-per-file: {first} and {second} would both be topic `{topic}`; rename one of them")]
    SameTopic { topic: String, first: String, second: String },
    #[error(
        "topic `{topic}` would be {bytes} bytes, more than the {limit} bytes a content file may hold: \
         import fewer files into one deck, or use --topic-per-file"
    )]
    TooLarge { topic: String, bytes: usize, limit: u64 },
    #[error(
        "cloudcram import made a deck that does not pass validation (a bug; please report it with the file):\n{}",
        .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
    )]
    Internal(Vec<crate::content::Problem>),
    #[error("cannot write deck {path}: {err}")]
    Write { path: String, err: std::io::Error },
}

impl ImportError {
    /// A mistake on the command line (status 2) rather than in the files.
    pub fn is_usage(&self) -> bool {
        matches!(self, Self::BadName(_) | Self::Taken { .. } | Self::SameTopic { .. })
    }
}

/// The topic ids an import into deck `name` may not take, each with who has it: the course's
/// topics and those of the other decks that load (the deck itself is about to be replaced).
pub fn taken_topics(course: &crate::content::Course, decks_dir: &Path, name: &str) -> BTreeMap<String, String> {
    use crate::content::decks;
    let mut taken: BTreeMap<String, String> =
        course.topics.iter().map(|t| (t.id.clone(), "the course".to_string())).collect();
    let name = text::kebab(name);
    for deck in decks::list(decks_dir).iter().filter(|d| d.name != name) {
        if let Ok(other) = decks::load(deck) {
            for t in other.topics {
                taken.entry(t.id).or_insert_with(|| format!("deck `{}`", deck.name));
            }
        }
    }
    taken
}

/// Reads the files and lays out the deck; writes nothing. `taken` maps each topic id in use
/// elsewhere (the course, other decks) to who has it.
pub fn plan(request: &Request, taken: &BTreeMap<String, String>) -> Result<Plan, ImportError> {
    let deck = text::kebab(&request.deck);
    if deck.is_empty() {
        return Err(ImportError::BadName(request.deck.clone()));
    }
    let title = Some(text::clean(&request.deck)).filter(|t| !t.is_empty()).unwrap_or_else(|| deck.clone());

    // Which topic each file goes to.
    let mut topics: Vec<(TopicPlan, Vec<Question>)> = Vec::new();
    let mut topic_of_file = Vec::new();
    let mut first_file: BTreeMap<String, &str> = BTreeMap::new();
    for (i, input) in request.files.iter().enumerate() {
        let (id, topic_title) = if request.topic_per_file {
            let stem =
                Some(text::kebab(&input.stem())).filter(|s| !s.is_empty()).unwrap_or_else(|| (i + 1).to_string());
            (format!("{deck}-{stem}"), format!("{title}: {}", input.stem()))
        } else {
            (deck.clone(), title.clone())
        };
        let first = *first_file.entry(id.clone()).or_insert(&input.display);
        if request.topic_per_file && first != input.display {
            return Err(ImportError::SameTopic { topic: id, first: first.to_string(), second: input.display.clone() });
        }
        let at = match topics.iter().position(|(t, _)| t.id == id) {
            Some(at) => at,
            None => {
                topics.push((TopicPlan { id, title: topic_title, files: Vec::new(), questions: 0 }, Vec::new()));
                topics.len() - 1
            }
        };
        topic_of_file.push(at);
    }
    for (t, _) in &topics {
        let owner = taken
            .get(&t.id)
            .cloned()
            .or_else(|| RESERVED.contains(&t.id.as_str()).then(|| "cloudcram's generated questions".to_string()));
        if let Some(owner) = owner {
            return Err(ImportError::Taken { deck: deck.clone(), topic: t.id.clone(), owner });
        }
    }

    let mut errors = Vec::new();
    let mut skipped = 0;
    for (input, &at) in request.files.iter().zip(&topic_of_file) {
        let bytes = match &input.bytes {
            Ok(bytes) => bytes,
            Err(e) => {
                errors.push(Issue { file: input.display.clone(), line: None, message: e.clone() });
                continue;
            }
        };
        let result = parse::parse(bytes);
        skipped += result.skipped;
        errors.extend(result.problems.into_iter().map(|p| Issue {
            file: input.display.clone(),
            line: (p.line > 0).then_some(p.line),
            message: p.message,
        }));
        let (topic, questions) = &mut topics[at];
        if !topic.files.contains(&input.name()) {
            topic.files.push(input.name());
        }
        for q in result.questions {
            let Some(id) = assign_id(&topic.id, &q, input, questions, &mut errors) else {
                skipped += 1;
                continue;
            };
            questions.push(Question {
                id,
                topic: topic.id.clone(),
                file: input.display.clone(),
                line: q.line,
                prompt: q.prompt.clone(),
                options: q.options.clone(),
                answer: q.answer.iter().map(|&i| char::from(b'A' + i as u8).to_string()).collect(),
                kind: if q.answer.len() == 1 { "single" } else { "multi" },
                parsed: q,
                file_name: input.name(),
            });
        }
        topic.questions = questions.len();
    }

    // A topic with no questions is left out of the deck (it would have only its lesson).
    topics.retain(|(t, _)| t.questions > 0);
    let mut files = BTreeMap::new();
    for (order, (topic, questions)) in topics.iter().enumerate() {
        let toml = deck::topic_file(topic, order as u32 + 1, questions, &request.deck, &deck);
        if toml.len() as u64 > crate::content::source::MAX_FILE_BYTES {
            return Err(ImportError::TooLarge {
                topic: topic.id.clone(),
                bytes: toml.len(),
                limit: crate::content::source::MAX_FILE_BYTES,
            });
        }
        files.insert(format!("topics/{}.toml", topic.id), toml);
    }
    let topic_plans: Vec<TopicPlan> = topics.iter().map(|(t, _)| t.clone()).collect();
    let questions: Vec<Question> = topics.into_iter().flat_map(|(_, q)| q).collect();
    if !questions.is_empty() {
        files.insert(crate::content::decks::MARKER.to_string(), deck::manifest(&request.deck, &topic_plans, request));
        check(&deck, &files)?;
    }
    Ok(Plan { deck, topics: topic_plans, imported: questions.len(), skipped, questions, errors, files })
}

/// The question's id in its topic; `None` (reported) when the very same question is already
/// there.
fn assign_id(
    topic: &str,
    q: &parse::Parsed,
    input: &Input,
    earlier: &[Question],
    errors: &mut Vec<Issue>,
) -> Option<String> {
    let slug = text::stem_slug(&q.prompt);
    let base = format!("{topic}.{slug}");
    let same_stem: Vec<&Question> = earlier
        .iter()
        .filter(|e| e.id == base || e.id.strip_prefix(&base).is_some_and(|s| s.starts_with('-')))
        .collect();
    let content = |p: &parse::Parsed| {
        let options: BTreeSet<String> = p.options.iter().map(|o| o.to_lowercase()).collect();
        let answer: BTreeSet<String> = p.answer.iter().map(|&i| p.options[i].to_lowercase()).collect();
        (text::normalised_stem(&p.prompt), options, answer)
    };
    if let Some(twin) = same_stem.iter().find(|e| content(&e.parsed) == content(q)) {
        errors.push(Issue {
            file: input.display.clone(),
            line: Some(q.line),
            message: format!("the same question as {}:{}; imported once", twin.file, twin.line),
        });
        return None;
    }
    Some(if same_stem.is_empty() { base } else { format!("{base}-{}", same_stem.len() + 1) })
}

/// The deck through the content validator, with the built-in prices (a deck has none of its
/// own): what is written must load.
fn check(deck: &str, files: &BTreeMap<String, String>) -> Result<(), ImportError> {
    let source = crate::content::decks::source_from_memory(&format!("deck {deck}"), files.clone());
    let (course, report) = crate::content::check(&source);
    if course.is_some() { Ok(()) } else { Err(ImportError::Internal(report.errors)) }
}

impl Plan {
    /// Writes the deck into `decks_dir` (replacing the deck of that name as a whole) and
    /// returns its directory. A plan with no question writes nothing.
    pub fn write(&self, decks_dir: &Path) -> Result<Option<std::path::PathBuf>, ImportError> {
        if self.imported == 0 {
            return Ok(None);
        }
        deck::write(decks_dir, &self.deck, &self.files)
            .map(Some)
            .map_err(|err| ImportError::Write { path: decks_dir.join(&self.deck).display().to_string(), err })
    }
}

#[cfg(test)]
mod tests;
