//! Decks of the learner's own questions (`cloudcram import`), loaded next to the course.
//!
//! A deck is a directory `<data-dir>/decks/NAME/` laid out like a content directory
//! (`topics/*.toml`, optionally `diagrams/` and `assets/`) with a `deck.toml` that marks it.
//! It has no prices of its own: it is validated alone, with the built-in `pricing.toml` lent
//! to it, and then its topics are appended to the course after the course's own, in the order
//! of the decks' names. This is a step on the finished `Course`, so it does not care how the
//! course itself was loaded.
//!
//! A deck that does not validate, or that would take an id the course (or an earlier deck)
//! already has, is left out whole and reported; the app starts without it. One broken deck
//! never keeps the learner from studying.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::source::{ContentSource, FileText, SourceError, SourceFile};
use super::{Course, check};

/// The folder of decks inside the data directory.
pub const DECKS: &str = "decks";

/// The file that marks a directory as a deck.
pub const MARKER: &str = "deck.toml";

/// `<data-dir>/decks`
pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join(DECKS)
}

/// Whether `dir` is a deck (it has `deck.toml`).
pub fn is_deck(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
}

/// A deck found in the decks folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deck {
    pub name: String,
    pub path: PathBuf,
}

/// The decks in `decks_dir`, by name. A deck caught between the two renames of an import
/// (only `.NAME.old` there) is read from where it is; other dot-directories are an import's
/// work in progress and passed over.
pub fn list(decks_dir: &Path) -> Vec<Deck> {
    let Ok(entries) = std::fs::read_dir(decks_dir) else { return Vec::new() };
    let mut names = BTreeSet::new();
    let mut stranded = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        if !entry.path().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        match name.strip_prefix('.').and_then(|n| n.strip_suffix(".old")) {
            Some(deck) => stranded.push(deck.to_string()),
            None if !name.starts_with('.') => {
                names.insert(name);
            }
            None => {}
        }
    }
    let mut decks: Vec<Deck> = names.iter().map(|n| Deck { name: n.clone(), path: decks_dir.join(n) }).collect();
    for deck in stranded {
        if !names.contains(&deck) {
            decks.push(Deck { path: decks_dir.join(format!(".{deck}.old")), name: deck });
        }
    }
    decks.sort_by(|a, b| a.name.cmp(&b.name));
    decks
}

/// The built-in `pricing.toml`, lent to decks.
fn builtin_pricing() -> SourceFile {
    static PRICING: std::sync::OnceLock<SourceFile> = std::sync::OnceLock::new();
    PRICING
        .get_or_init(|| {
            ContentSource::embedded().files.remove("pricing.toml").unwrap_or(SourceFile {
                display: "built-in pricing.toml".into(),
                text: FileText::Unreadable("the built-in content has no pricing.toml".into()),
            })
        })
        .clone()
}

/// Makes `source` a deck's: the built-in prices when it has none, no generated questions (they
/// belong to the course).
fn as_deck(mut source: ContentSource) -> ContentSource {
    if !source.files.contains_key("pricing.toml") {
        source.files.insert("pricing.toml".into(), builtin_pricing());
    }
    source.files.remove(super::validate::GENERATED);
    source
}

/// A deck directory as a content source.
pub fn source(dir: &Path) -> Result<ContentSource, SourceError> {
    ContentSource::from_dir(dir).map(as_deck)
}

/// What `validate DIR` checks: a deck as a deck, any other directory as it is.
pub fn source_for_validate(dir: &Path) -> Result<ContentSource, SourceError> {
    if is_deck(dir) { source(dir) } else { ContentSource::from_dir(dir) }
}

/// A deck held in memory (an import checks what it is about to write).
pub fn source_from_memory(label: &str, files: impl IntoIterator<Item = (String, String)>) -> ContentSource {
    as_deck(ContentSource::from_memory(label, files))
}

/// A deck that was left out, and why.
#[derive(Debug, Clone, thiserror::Error)]
#[error("deck {} was left out: {why}", path.display())]
pub struct Skipped {
    pub path: PathBuf,
    pub why: String,
}

/// Validates one deck on its own.
pub fn load(deck: &Deck) -> Result<Course, Skipped> {
    let skipped = |why: String| Skipped { path: deck.path.clone(), why };
    let source = source(&deck.path).map_err(|e| skipped(e.to_string()))?;
    let (course, report) = check(&source);
    course.ok_or_else(|| {
        let n = report.errors.len();
        let first = report.errors.first().map(ToString::to_string).unwrap_or_default();
        skipped(format!(
            "it is not valid ({}; the first: {first}); `cloudcram validate {}` lists them",
            crate::fmt::plural(n, "problem"),
            deck.path.display()
        ))
    })
}

/// Appends every deck in `decks_dir` to `course`; returns the decks left out.
pub fn append_all(course: &mut Course, decks_dir: &Path) -> Vec<Skipped> {
    let mut skipped = Vec::new();
    for deck in list(decks_dir) {
        match load(&deck).and_then(|d| append(course, d).map_err(|why| Skipped { path: deck.path.clone(), why })) {
            Ok(()) => {}
            Err(s) => skipped.push(s),
        }
    }
    skipped
}

/// Appends a validated deck's topics (and diagrams) to `course`, after its own topics; or
/// says which id is taken, changing nothing.
pub fn append(course: &mut Course, deck: Course) -> Result<(), String> {
    let lessons: BTreeSet<&str> = course.topics.iter().flat_map(|t| &t.lessons).map(|l| l.id.as_str()).collect();
    let questions: BTreeSet<&str> = course.questions().map(|q| q.id.as_str()).collect();
    for t in &deck.topics {
        if course.topic(&t.id).is_some() {
            return Err(format!("its topic `{}` is already a topic of the course", t.id));
        }
        if let Some(l) = t.lessons.iter().find(|l| lessons.contains(l.id.as_str())) {
            return Err(format!("its lesson `{}` is already in the course", l.id));
        }
        if let Some(q) = t.questions.iter().find(|q| questions.contains(q.id.as_str())) {
            return Err(format!("its question `{}` is already in the course", q.id));
        }
    }
    if let Some(d) = deck.diagrams.iter().find(|d| course.diagram(&d.id).is_some()) {
        return Err(format!("its diagram `{}` is already in the course", d.id));
    }
    let last = course.topics.iter().map(|t| t.order).max().unwrap_or(0);
    for (i, mut topic) in deck.topics.into_iter().enumerate() {
        topic.order = last + 1 + i as u32;
        course.topics.push(topic);
    }
    course.diagrams.extend(deck.diagrams);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Input, Request, plan};

    const Q: &str = "1. Which service runs code without servers?\n    - A. Amazon EC2\n    - B. AWS Lambda\n\n    <details>\n    Correct answer: B\n    </details>\n";

    /// Writes a deck of one question into `decks`.
    fn deck(decks: &Path, name: &str) -> PathBuf {
        let files = vec![Input { display: "a.md".into(), bytes: Ok(Q.as_bytes().to_vec()) }];
        let request = Request { deck: name.into(), files, topic_per_file: false };
        plan(&request, &std::collections::BTreeMap::new()).unwrap().write(decks).unwrap().unwrap()
    }

    #[test]
    fn decks_come_after_the_course_in_the_order_of_their_names() {
        let dir = tempfile::tempdir().unwrap();
        deck(dir.path(), "zeta");
        deck(dir.path(), "beta");
        let mut course = crate::content::fixture_course();
        let before = course.topics.len();
        assert!(append_all(&mut course, dir.path()).is_empty());
        let ids: Vec<&str> = course.topics[before..].iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["beta", "zeta"]);
        let orders: Vec<u32> = course.topics.iter().map(|t| t.order).collect();
        assert!(orders.windows(2).all(|w| w[0] < w[1]), "sorted, unique: {orders:?}");
        assert!(
            course
                .question(&format!(
                    "beta.{}",
                    crate::import::text::stem_slug("Which service runs code without servers?")
                ))
                .is_some()
        );
    }

    #[test]
    fn a_deck_that_is_broken_or_takes_a_taken_id_is_left_out_whole() {
        let dir = tempfile::tempdir().unwrap();
        let broken = deck(dir.path(), "broken");
        std::fs::write(broken.join("topics/broken.toml"), "id = \"broken\"\n[[questions]\n").unwrap();
        // A deck whose topic is the course's own.
        let alpha = deck(dir.path(), "alpha");
        let good = deck(dir.path(), "good");
        let mut course = crate::content::fixture_course();
        let before = course.topics.len();
        let skipped = append_all(&mut course, dir.path());
        let why: Vec<(PathBuf, String)> = skipped.iter().map(|s| (s.path.clone(), s.why.clone())).collect();
        assert_eq!(why.len(), 2, "{why:?}");
        assert_eq!(why[0], (alpha, "its topic `alpha` is already a topic of the course".to_string()));
        assert_eq!(why[1].0, broken);
        assert!(why[1].1.starts_with("it is not valid (1 problem; the first: "), "{}", why[1].1);
        assert!(why[1].1.ends_with(&format!("`cloudcram validate {}` lists them", broken.display())), "{}", why[1].1);
        assert_eq!(course.topics.len(), before + 1);
        assert_eq!(course.topics.last().unwrap().id, "good");
        assert!(good.is_dir());
    }

    #[test]
    fn work_in_progress_is_passed_over_and_a_stranded_old_copy_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let a = deck(dir.path(), "a");
        std::fs::rename(&a, dir.path().join(".a.old")).unwrap();
        std::fs::create_dir(dir.path().join(".b.new")).unwrap();
        deck(dir.path(), "c");
        std::fs::create_dir(dir.path().join(".c.old")).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a deck").unwrap();
        let names: Vec<(String, String)> = list(dir.path())
            .into_iter()
            .map(|d| (d.name, d.path.file_name().unwrap().to_string_lossy().into_owned()))
            .collect();
        assert_eq!(names, [("a".into(), ".a.old".into()), ("c".into(), "c".into())]);
        assert!(list(&dir.path().join("missing")).is_empty());
    }

    #[test]
    fn validate_lends_a_deck_the_built_in_prices_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let d = deck(dir.path(), "mine");
        let (course, report) = check(&source_for_validate(&d).unwrap());
        assert_eq!(report.errors, []);
        assert_eq!(course.unwrap().topics.len(), 1);
        // Without deck.toml it is an ordinary content directory, which needs its prices.
        std::fs::remove_file(d.join(MARKER)).unwrap();
        let (_, report) = check(&source_for_validate(&d).unwrap());
        assert!(report.errors.iter().any(|p| p.message.contains("pricing.toml")), "{:?}", report.errors);
    }
}
