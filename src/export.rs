//! The questions as a file for Anki's File > Import (`cloudcram export anki`): one note of the
//! Basic note type per question, in a text file with headers.
//!
//! # The file
//!
//! UTF-8, tab-separated, with the headers Anki reads (`#separator:tab`, `#html:true`,
//! `#notetype:Basic`, `#columns:`, and which column holds the guid, the deck and the tags), then
//! one line per note: guid, Front, Back, deck, tags.
//!
//! - **guid**: `cc` and 16 hex digits of a hash of the question id ([`guid`]). Anki matches a
//!   note it already has by its guid, so a second export imports as an update of the same
//!   notes, never as duplicates, and a learner's Anki reviews stay with them. The hash is
//!   FNV-1a, written out here, so no crate update can change it; changing it would turn every
//!   learner's next import into duplicates.
//! - **Front**: the prompt, then the options in the order the app shows them: shuffled as
//!   [`Layout::new`] shuffles them, with a seed from the question id, so the order is the same
//!   in every export (and order and match questions are never shown already solved). Options
//!   are lettered A, B, C; order items and the right-hand side of match pairs are shuffled too.
//! - **Back**: the answer (the letters and texts, the right order, the pairs, the number with
//!   its unit and tolerance), why each option is right or wrong, the explanation, and the
//!   lesson the question belongs to.
//! - **deck**: `cloudcram::<topic title>`; **tags**: `cloudcram`, the topic id and the kind
//!   (`single`, `multi`, `true_false`, `order`, `match`, `numeric`), and `generated` for a
//!   generated question's sample.
//!
//! Every text from the content is HTML-escaped (`&`, `<`, `>`, `"`; a newline becomes `<br>`,
//! a tab `&#9;`), so no field holds a tab, a newline or a quote: the file needs no CSV quoting
//! at all, and what Anki shows is the text, not markup. The markup around it is ours.
//!
//! # Generated questions
//!
//! A generated pricing question (`gen.TEMPLATE`) is exported as one sample: the question its
//! template gives with a seed from its id (the same sample in every export while the prices
//! stay the same), with the worked answer and the common mistakes on the back, and a note that
//! cloudcram asks it with new numbers each time. Anki cards are fixed, so the sample cannot
//! vary; but leaving the templates out would leave out the cost arithmetic that CLF-C02 asks
//! about, and the worked answer on the back is what there is to learn. A price change makes
//! the sample's numbers change, which re-imports as an update of the same note.

use std::fmt::Write as _;

use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::content::{Course, Question, QuestionBody, Topic};
use crate::fmt::{amount, answer_decimals};
use crate::generate::{self, Form, Instance};
use crate::quiz::Layout;

/// The seed every shuffle and sample of an export starts from, mixed with the question id.
/// Changing it reshuffles every exported note (Anki would update them all).
const SEED: u64 = 0x00c1_0dc7_a4e5_0001;

/// One note of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnkiNote {
    /// The question id.
    pub id: String,
    pub guid: String,
    /// HTML.
    pub front: String,
    /// HTML.
    pub back: String,
    pub deck: String,
    pub tags: Vec<String>,
}

/// The header lines of the file, each ending in a newline.
pub const ANKI_HEADERS: &str = "#separator:tab\n#html:true\n#notetype:Basic\n#columns:guid\tFront\tBack\tDeck\tTags\n\
#guid column:1\n#deck column:4\n#tags column:5\n";

/// The notes for the questions of `topics` (every topic when empty), in course order.
pub fn anki_notes(course: &Course, topics: &[String]) -> Vec<AnkiNote> {
    course
        .topics
        .iter()
        .filter(|t| topics.is_empty() || topics.contains(&t.id))
        .flat_map(|topic| topic.questions.iter().map(move |q| note(course, topic, q)))
        .collect()
}

/// The whole file: the headers, then one line per note.
pub fn anki_file(notes: &[AnkiNote]) -> String {
    let mut out = String::from(ANKI_HEADERS);
    for n in notes {
        let tags = n.tags.iter().map(|t| tag(t)).collect::<Vec<_>>().join(" ");
        let _ = writeln!(out, "{}\t{}\t{}\t{}\t{tags}", n.guid, n.front, n.back, plain(&n.deck));
    }
    out
}

/// The note's guid: `cc` and the 64-bit FNV-1a hash of `cloudcram:` and the id, in hex.
/// Fixed forever (see the module's docs).
pub fn guid(id: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in "cloudcram:".bytes().chain(id.bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("cc{h:016x}")
}

/// `s` as HTML text: `&`, `<`, `>` and `"` as entities, a newline as `<br>` (a carriage
/// return before it dropped), a tab as `&#9;`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// A deck name for a column that is not HTML: no tab, newline or quote to break the line.
fn plain(s: &str) -> String {
    s.chars().map(|c| if c.is_control() || c == '"' { ' ' } else { c }).collect()
}

/// A tag: Anki separates tags by spaces, so none may hold one.
fn tag(s: &str) -> String {
    s.chars().map(|c| if c.is_whitespace() || c.is_control() || c == '"' { '_' } else { c }).collect()
}

fn note(course: &Course, topic: &Topic, q: &Question) -> AnkiNote {
    let seed = generate::mix(SEED, &q.id);
    let instance = course.template(&q.id).map(|t| generate::generate(course, t, seed, Form::Natural));
    let shown = instance.as_ref().map_or(q, |i| &i.question);
    let layout = Layout::new(shown, &mut StdRng::seed_from_u64(seed));
    let mut tags = vec!["cloudcram".to_string(), topic.id.clone(), shown.kind().name().to_string()];
    if instance.is_some() {
        tags.push("generated".to_string());
    }
    let lesson = course.lesson(&q.lesson).map_or_else(|| q.lesson.clone(), |l| l.title.clone());
    let mut back = back(shown, &layout);
    if let Some(instance) = &instance {
        worked(instance, &mut back);
    }
    let _ = write!(back, "<p><small>Lesson: {} · cloudcram {}</small></p>", escape(&lesson), escape(&q.id));
    AnkiNote {
        id: q.id.clone(),
        guid: guid(&q.id),
        front: front(shown, &layout),
        back,
        deck: format!("cloudcram::{}", topic.title),
        tags,
    }
}

/// `A`, `B`, ... for the option shown at `row`.
fn letter(row: usize) -> char {
    char::from(b'A' + u8::try_from(row % 26).unwrap_or(0))
}

fn front(q: &Question, layout: &Layout) -> String {
    let mut f = format!("<p>{}</p>", escape(&q.prompt));
    let list = |f: &mut String, tag: &str, texts: &mut dyn Iterator<Item = &str>| {
        let _ = write!(f, "<{tag}>");
        for t in texts {
            let _ = write!(f, "<li>{}</li>", escape(t));
        }
        let _ = write!(f, "</{}>", tag.split(' ').next().unwrap_or(tag));
    };
    match &q.body {
        QuestionBody::Single { options, .. } => {
            list(&mut f, "ol type=A", &mut layout.order.iter().map(|&i| options[i].text.as_str()));
        }
        QuestionBody::Multi { options, answers } => {
            let _ = write!(f, "<p><i>Choose {}.</i></p>", answers.len());
            list(&mut f, "ol type=A", &mut layout.order.iter().map(|&i| options[i].text.as_str()));
        }
        QuestionBody::TrueFalse { .. } => f.push_str("<p><i>True or false?</i></p>"),
        QuestionBody::Order { items } => {
            f.push_str("<p><i>Put these in order, first to last:</i></p>");
            list(&mut f, "ul", &mut layout.order.iter().map(|&i| items[i].as_str()));
        }
        QuestionBody::Match { pairs } => {
            f.push_str("<p><i>Pair each number with a letter:</i></p><table>");
            for (row, &right) in layout.order.iter().enumerate() {
                let _ = write!(
                    f,
                    "<tr><td>{}. {}</td><td>{}. {}</td></tr>",
                    row + 1,
                    escape(&pairs[row].0),
                    letter(row),
                    escape(&pairs[right].1)
                );
            }
            f.push_str("</table>");
        }
        QuestionBody::Numeric { unit, .. } => match unit.as_str() {
            "" => f.push_str("<p><i>Answer with a number.</i></p>"),
            unit => {
                let _ = write!(f, "<p><i>Answer in {}.</i></p>", escape(unit));
            }
        },
    }
    f
}

fn back(q: &Question, layout: &Layout) -> String {
    let mut b = String::new();
    let why = |b: &mut String, right: bool, label: &str, why: &str| {
        let mark = if right { "✔" } else { "✘" };
        let _ = write!(b, "<li>{mark} {label}: {}</li>", escape(why));
    };
    match &q.body {
        QuestionBody::Single { options, .. } | QuestionBody::Multi { options, .. } => {
            let right = |i: usize| match &q.body {
                QuestionBody::Single { answer, .. } => i == *answer,
                QuestionBody::Multi { answers, .. } => answers.contains(&i),
                _ => false,
            };
            let answers: Vec<String> = (layout.order.iter().enumerate())
                .filter(|&(_, &i)| right(i))
                .map(|(row, &i)| format!("{}. {}", letter(row), escape(&options[i].text)))
                .collect();
            let _ = write!(b, "<p><b>Answer:</b> {}</p><ul>", answers.join("; "));
            for (row, &i) in layout.order.iter().enumerate() {
                why(&mut b, right(i), &format!("{}. {}", letter(row), escape(&options[i].text)), &options[i].why);
            }
            b.push_str("</ul>");
        }
        QuestionBody::TrueFalse { answer, why_true, why_false } => {
            let _ = write!(b, "<p><b>Answer:</b> {}</p><ul>", if *answer { "True" } else { "False" });
            why(&mut b, *answer, "True", why_true);
            why(&mut b, !*answer, "False", why_false);
            b.push_str("</ul>");
        }
        QuestionBody::Order { items } => {
            b.push_str("<p><b>The right order:</b></p><ol>");
            for item in items {
                let _ = write!(b, "<li>{}</li>", escape(item));
            }
            b.push_str("</ol>");
        }
        QuestionBody::Match { pairs } => {
            b.push_str("<p><b>The pairs:</b></p><ul>");
            for (left, right) in pairs.iter().enumerate() {
                // The letter the right-hand side has on the front.
                let row = layout.order.iter().position(|&r| r == left).unwrap_or(left);
                let _ =
                    write!(b, "<li>{}. {} → {}. {}</li>", left + 1, escape(&right.0), letter(row), escape(&right.1));
            }
            b.push_str("</ul>");
        }
        QuestionBody::Numeric { answer, tolerance, unit } => {
            let places = answer_decimals(*answer, *tolerance);
            let within = if *tolerance > 0.0 {
                format!(" (within ±{})", escape(&amount(*tolerance, unit, places)))
            } else {
                String::new()
            };
            let _ = write!(b, "<p><b>Answer:</b> {}{within}</p>", escape(&amount(*answer, unit, places)));
        }
    }
    let _ = write!(b, "<p><b>Why:</b> {}</p>", escape(&q.explanation));
    // As text, not a link: the markup stays free of quotes (see `escape`).
    let _ = write!(b, "<p><b>Reference:</b> {}</p>", escape(&q.reference));
    b
}

/// A generated question's worked answer and common mistakes.
fn worked(instance: &Instance, b: &mut String) {
    b.push_str("<p><b>Worked answer:</b></p><ol>");
    for step in &instance.steps {
        let _ = write!(b, "<li>{}</li>", escape(step));
    }
    b.push_str("</ol>");
    if !instance.mistakes.is_empty() {
        b.push_str("<p><b>Common mistakes and what they give:</b></p><ul>");
        for m in &instance.mistakes {
            let _ = write!(b, "<li><b>{}</b>: {}</li>", escape(&instance.show(m.value)), escape(&m.says));
        }
        b.push_str("</ul>");
    }
    b.push_str("<p><i>A sample: cloudcram asks this question with new numbers each time.</i></p>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Choice, Difficulty, ExamTask, QuestionKind};

    fn question(id: &str, body: QuestionBody) -> Question {
        Question {
            id: id.into(),
            topic: "t".into(),
            lesson: "t.l".into(),
            task: ExamTask { domain: 3, task: 3 },
            difficulty: Difficulty::Easy,
            tags: vec![],
            prompt: "Is <b> & \"x\"\tor\nnot?".into(),
            explanation: "Because a < b & b > c.".into(),
            reference: "https://docs.aws.amazon.com/lambda/".into(),
            body,
        }
    }

    fn choice(id: &str, text: &str) -> Choice {
        Choice { id: id.into(), text: text.into(), why: format!("why {text}") }
    }

    #[test]
    fn escaping_leaves_no_markup_tab_newline_or_quote() {
        assert_eq!(escape("a < b & c > d \"e\""), "a &lt; b &amp; c &gt; d &quot;e&quot;");
        assert_eq!(escape("one\ttwo\nthree\r\nfour\rfive"), "one&#9;two<br>three<br>four<br>five");
        assert_eq!(escape("plain ✔ text"), "plain ✔ text");
        let q =
            question("t.x", QuestionBody::TrueFalse { answer: true, why_true: "<y>".into(), why_false: "n".into() });
        let layout = Layout { order: vec![] };
        for field in [front(&q, &layout), back(&q, &layout)] {
            assert!(!field.contains(['\t', '\n', '"']), "{field}");
            assert!(!field.contains("<b> &"), "{field}");
        }
        assert!(front(&q, &layout).contains("Is &lt;b&gt; &amp; &quot;x&quot;&#9;or<br>not?"));
        assert_eq!(tag("two words\tand\"more"), "two_words_and_more");
        assert_eq!(plain("a\tb\"c"), "a b c");
    }

    #[test]
    fn guids_are_fixed_and_differ() {
        // Pinned: a change here would make every learner's next import duplicate their notes.
        assert_eq!(guid("lambda.max-timeout"), "cc4d8ebc59c53de420");
        assert_eq!(guid(""), "cc21135da30d4866ed");
        assert_ne!(guid("lambda.max-timeout"), guid("lambda.max-timeouts"));
        let course = crate::content::load(None).unwrap();
        let notes = anki_notes(&course, &[]);
        let mut guids: Vec<&str> = notes.iter().map(|n| n.guid.as_str()).collect();
        guids.sort_unstable();
        guids.dedup();
        assert_eq!(guids.len(), notes.len(), "one guid per question");
    }

    #[test]
    fn choices_are_lettered_in_the_shown_order_with_every_why() {
        let options = vec![choice("a", "Alpha"), choice("b", "Beta"), choice("c", "Gamma")];
        let q = question("t.multi", QuestionBody::Multi { options, answers: vec![0, 2] });
        let layout = Layout { order: vec![2, 0, 1] };
        let f = front(&q, &layout);
        assert!(f.ends_with("<p><i>Choose 2.</i></p><ol type=A><li>Gamma</li><li>Alpha</li><li>Beta</li></ol>"), "{f}");
        let b = back(&q, &layout);
        assert!(b.starts_with("<p><b>Answer:</b> A. Gamma; B. Alpha</p>"), "{b}");
        assert!(b.contains("<li>✔ A. Gamma: why Gamma</li><li>✔ B. Alpha: why Alpha</li><li>✘ C. Beta: why Beta</li>"));
        assert!(
            b.ends_with(
                "<p><b>Why:</b> Because a &lt; b &amp; b &gt; c.</p><p><b>Reference:</b> https://docs.aws.amazon.com/lambda/</p>"
            ),
            "{b}"
        );
    }

    #[test]
    fn order_match_and_numeric_read_sensibly() {
        let q =
            question("t.order", QuestionBody::Order { items: vec!["first".into(), "second".into(), "third".into()] });
        let layout = Layout { order: vec![1, 2, 0] };
        assert!(front(&q, &layout).ends_with("<ul><li>second</li><li>third</li><li>first</li></ul>"));
        assert!(
            back(&q, &layout)
                .starts_with("<p><b>The right order:</b></p><ol><li>first</li><li>second</li><li>third</li></ol>")
        );

        let pairs = vec![("ECS".into(), "containers".into()), ("Lambda".into(), "functions".into())];
        let q = question("t.match", QuestionBody::Match { pairs });
        let layout = Layout { order: vec![1, 0] };
        let f = front(&q, &layout);
        assert!(
            f.contains(
                "<tr><td>1. ECS</td><td>A. functions</td></tr><tr><td>2. Lambda</td><td>B. containers</td></tr>"
            ),
            "{f}"
        );
        let b = back(&q, &layout);
        assert!(b.contains("<li>1. ECS → B. containers</li><li>2. Lambda → A. functions</li>"), "{b}");

        let q = question("t.num", QuestionBody::Numeric { answer: 3.5, tolerance: 0.01, unit: "USD".into() });
        let layout = Layout { order: vec![] };
        assert!(front(&q, &layout).ends_with("<p><i>Answer in USD.</i></p>"));
        assert!(back(&q, &layout).starts_with("<p><b>Answer:</b> $3.50 (within ±$0.01)</p>"), "{}", back(&q, &layout));
        let q = question("t.num", QuestionBody::Numeric { answer: 15.0, tolerance: 0.0, unit: "minutes".into() });
        assert!(back(&q, &layout).starts_with("<p><b>Answer:</b> 15 minutes</p>"));
    }

    #[test]
    fn the_built_in_course_exports_every_kind_and_shuffles_as_the_app_does() {
        let course = crate::content::load(None).unwrap();
        let notes = anki_notes(&course, &[]);
        assert_eq!(notes.len(), course.questions().count());
        for kind in QuestionKind::ALL {
            assert!(notes.iter().any(|n| n.tags.contains(&kind.name().to_string())), "{kind:?}");
        }
        for (n, q) in notes.iter().zip(course.questions()) {
            assert_eq!(n.id, q.id);
            assert_eq!(n.tags[..2], ["cloudcram".to_string(), q.topic.clone()]);
            assert!(n.deck.starts_with("cloudcram::"));
            assert!(!format!("{}{}", n.front, n.back).contains(['\t', '\n', '"']), "{}", n.id);
        }
        // Generated questions: one sample each, with the worked answer.
        let generated: Vec<&AnkiNote> = notes.iter().filter(|n| n.id.starts_with(generate::ID_PREFIX)).collect();
        assert_eq!(generated.len(), course.templates.len());
        assert!(generated.iter().all(|n| n.tags.contains(&"generated".into()) && n.back.contains("Worked answer")));
        // The same export twice is the same text; a topic's notes do not depend on the others.
        assert_eq!(anki_file(&notes), anki_file(&anki_notes(&course, &[])));
        let lambda = anki_notes(&course, &["lambda".to_string()]);
        assert!(!lambda.is_empty() && lambda.iter().all(|n| n.tags[1] == "lambda"));
        assert!(lambda.iter().all(|n| notes.contains(n)));
        // Options in the order a session with the same seed shows them.
        let q = course.questions().find(|q| matches!(q.body, QuestionBody::Single { .. })).unwrap();
        let layout = Layout::new(q, &mut StdRng::seed_from_u64(generate::mix(SEED, &q.id)));
        let QuestionBody::Single { options, .. } = &q.body else { unreachable!() };
        let note = notes.iter().find(|n| n.id == q.id).unwrap();
        let shown: Vec<String> =
            layout.order.iter().map(|&i| format!("<li>{}</li>", escape(&options[i].text))).collect();
        let shown = shown.concat();
        assert!(note.front.contains(&shown));
    }

    #[test]
    fn the_file_has_the_headers_and_one_line_per_note() {
        let course = crate::content::load(None).unwrap();
        let notes = anki_notes(&course, &[]);
        let text = anki_file(&notes);
        assert!(text.starts_with(ANKI_HEADERS));
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(lines.len(), notes.len());
        assert!(lines.iter().all(|l| l.split('\t').count() == 5));
    }
}
