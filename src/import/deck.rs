//! A deck's files: each topic in the content schema, the `deck.toml` that marks the
//! directory as a deck, and the one-rename write that never leaves half a deck.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Question, Request, TASK, TopicPlan};

/// Cited when no question of a topic gives a reference of its own: a lesson needs a source.
const EXAM_GUIDE: (&str, &str) = (
    "AWS Certified Cloud Practitioner (CLF-C02) exam guide",
    "https://docs.aws.amazon.com/aws-certification/latest/cloud-practitioner-02/cloud-practitioner-02.html",
);

/// At most this many of the files' references are listed as the lesson's sources; every
/// one stays in its question's explanation.
const MAX_SOURCES: usize = 10;

#[derive(Serialize)]
struct TopicFile<'a> {
    id: &'a str,
    title: &'a str,
    summary: String,
    order: u32,
    task: &'static str,
    lessons: Vec<Lesson>,
    questions: Vec<QuestionOut>,
}

#[derive(Serialize)]
struct Lesson {
    id: String,
    title: &'static str,
    sources: Vec<Source>,
    body: String,
}

#[derive(Serialize)]
struct Source {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct QuestionOut {
    id: String,
    kind: &'static str,
    lesson: String,
    task: &'static str,
    difficulty: &'static str,
    tags: [&'static str; 1],
    prompt: String,
    explanation: String,
    /// The first address the file gives, or the exam guide: the feedback cites it.
    reference: String,
    answer: Answer,
    options: Vec<Choice>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Answer {
    One(String),
    Many(Vec<String>),
}

#[derive(Serialize)]
struct Choice {
    id: String,
    text: String,
    why: String,
}

/// `topics/<id>.toml` for one topic of the deck.
pub(super) fn topic_file(topic: &TopicPlan, order: u32, questions: &[Question], name: &str, deck: &str) -> String {
    let lesson_id = format!("{}.about", topic.id);
    let mut sources: Vec<Source> = Vec::new();
    let mut more = 0;
    for url in questions.iter().flat_map(|q| &q.parsed.references) {
        if sources.iter().any(|s| &s.url == url) {
            continue;
        }
        if sources.len() < MAX_SOURCES {
            sources.push(Source { title: source_title(url), url: url.clone() });
        } else {
            more += 1;
        }
    }
    if sources.is_empty() {
        sources.push(Source { title: EXAM_GUIDE.0.to_string(), url: EXAM_GUIDE.1.to_string() });
    }
    let file = TopicFile {
        id: &topic.id,
        title: &topic.title,
        summary: format!(
            "{} imported from {}.",
            crate::fmt::plural(questions.len(), "question"),
            topic.files.join(", ")
        ),
        order,
        task: TASK,
        lessons: vec![Lesson {
            id: lesson_id.clone(),
            title: "Where these questions come from",
            sources,
            body: lesson_body(questions, name, deck, more),
        }],
        questions: questions.iter().map(|q| question(q, &lesson_id)).collect(),
    };
    let body = toml::to_string(&file).expect("a deck topic serialises");
    format!(
        "# Written by `cloudcram import` from {}.\n# Importing the deck again replaces this file: edit the Markdown, not this.\n\n{body}",
        topic.files.join(", ")
    )
}

/// A reference as a source's title: the address without `https://`, shortened.
fn source_title(url: &str) -> String {
    let bare = url.trim_start_matches("https://").trim_end_matches('/');
    if bare.chars().count() <= 72 {
        bare.to_string()
    } else {
        format!("{}…", bare.chars().take(71).collect::<String>())
    }
}

fn lesson_body(questions: &[Question], name: &str, deck: &str, more_sources: usize) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for q in questions {
        match counts.iter_mut().find(|(f, _)| *f == q.file_name) {
            Some((_, n)) => *n += 1,
            None => counts.push((&q.file_name, 1)),
        }
    }
    let list: Vec<String> =
        counts.iter().map(|(f, n)| format!("- {f}: {}", crate::fmt::plural(*n, "question"))).collect();
    let more = if more_sources > 0 {
        format!(" The sources below are the first {MAX_SOURCES} of them; {more_sources} more are in the explanations.")
    } else {
        String::new()
    };
    let quoted = if name.chars().any(|c| c.is_whitespace() || "\"'$`\\".contains(c)) {
        format!("\"{}\"", name.replace(['"', '\\', '$', '`'], ""))
    } else {
        name.to_string()
    };
    format!(
        "The questions of this topic were imported with `cloudcram import` from:\n\n{}\n\n\
         They are not part of cloudcram's own course: their wording, answer keys and explanations are \
         the files' own, and cloudcram has not checked them. Where a file gave a reference, the \
         question's explanation ends with it.{more}\n\n\
         ## Updating\n\n\
         Edit the files and import them again, all of them at once: `cloudcram import FILE.md... --deck {quoted}`. \
         The deck `{deck}` is replaced as a whole; your answers and reviews are kept, because a question's \
         id comes from its wording.",
        list.join("\n")
    )
}

fn question(q: &Question, lesson: &str) -> QuestionOut {
    let p = &q.parsed;
    let multi = p.answer.len() > 1;
    let file = &q.file_name;
    let mut explanation =
        p.explanation.clone().unwrap_or_else(|| format!("Imported from {file}; no explanation given."));
    // The first address is the question's reference (the feedback shows it); any others the
    // explanation does not already hold go at its end.
    let reference = p.references.first().cloned().unwrap_or_else(|| EXAM_GUIDE.1.to_string());
    let missing: Vec<&String> = p.references.iter().skip(1).filter(|u| !explanation.contains(u.as_str())).collect();
    if !missing.is_empty() {
        explanation.push_str("\n\n");
        let lines: Vec<String> = missing.iter().map(|u| format!("Reference: {u}")).collect();
        explanation.push_str(&lines.join("\n"));
    }
    let id = |i: usize| char::from(b'a' + i as u8).to_string();
    let options = p
        .options
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let right = p.answer.contains(&i);
            let why = match (right, multi) {
                (true, false) => format!("The answer {file} gives."),
                (true, true) => format!("One of the answers {file} gives."),
                (false, false) => format!("Not the answer {file} gives."),
                (false, true) => format!("Not one of the answers {file} gives."),
            };
            Choice { id: id(i), text: text.clone(), why }
        })
        .collect();
    QuestionOut {
        id: q.id.clone(),
        kind: q.kind,
        lesson: lesson.to_string(),
        task: TASK,
        difficulty: "medium",
        tags: ["imported"],
        prompt: p.prompt.clone(),
        explanation,
        reference,
        answer: if multi {
            Answer::Many(p.answer.iter().map(|&i| id(i)).collect())
        } else {
            Answer::One(id(p.answer[0]))
        },
        options,
    }
}

/// `deck.toml`: marks the directory as a deck (so `validate` lends it the built-in prices)
/// and says where it came from. Nothing reads it to load the deck.
pub(super) fn manifest(name: &str, topics: &[TopicPlan], request: &Request) -> String {
    #[derive(Serialize)]
    struct Manifest<'a> {
        name: &'a str,
        files: Vec<String>,
        topic_per_file: bool,
        topics: Vec<&'a str>,
        questions: usize,
    }
    let m = Manifest {
        name,
        files: request.files.iter().map(super::Input::name).collect(),
        topic_per_file: request.topic_per_file,
        topics: topics.iter().map(|t| t.id.as_str()).collect(),
        questions: topics.iter().map(|t| t.questions).sum(),
    };
    format!(
        "# A deck written by `cloudcram import`; importing it again replaces this directory.\n\n{}",
        toml::to_string(&m).expect("a manifest serialises")
    )
}

/// The names beside a deck's directory that a write uses: the new copy, and the old one
/// while it is swapped out.
pub(crate) fn staging_names(deck: &str) -> (String, String) {
    (format!(".{deck}.new"), format!(".{deck}.old"))
}

/// Writes the deck as `decks_dir/DECK/`, replacing any deck of that name whole: the files go
/// into `.DECK.new` (each fsynced), the old deck is renamed to `.DECK.old`, the new one to
/// `DECK`, the directory is fsynced, and the old copy removed. A crash leaves the old deck
/// or the new one in place (between the two renames, `.DECK.old`, which loading reads as the
/// deck and the next import puts back first).
pub(super) fn write(decks_dir: &Path, deck: &str, files: &BTreeMap<String, String>) -> std::io::Result<PathBuf> {
    fs::create_dir_all(decks_dir)?;
    let target = decks_dir.join(deck);
    let (new, old) = staging_names(deck);
    let (new, old) = (decks_dir.join(new), decks_dir.join(old));
    if !target.exists() && old.is_dir() {
        fs::rename(&old, &target)?;
    }
    if new.exists() {
        fs::remove_dir_all(&new)?;
    }
    fs::create_dir(&new)?;
    let mut dirs = vec![new.clone()];
    for (rel, text) in files {
        let path = new.join(rel);
        if let Some(parent) = path.parent()
            && !dirs.iter().any(|d| d == parent)
        {
            fs::create_dir_all(parent)?;
            dirs.push(parent.to_path_buf());
        }
        let mut f = File::create(&path)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
    }
    for d in dirs.iter().rev() {
        sync_dir(d)?;
    }
    let had_old = target.exists();
    if had_old {
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        fs::rename(&target, &old)?;
    }
    if let Err(e) = fs::rename(&new, &target) {
        if had_old {
            let _ = fs::rename(&old, &target);
        }
        return Err(e);
    }
    sync_dir(decks_dir)?;
    if had_old {
        fs::remove_dir_all(&old)?;
    }
    Ok(target)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Windows cannot open a directory to sync it; there the rename is what we have.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}
