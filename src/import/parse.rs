//! The practice-exam Markdown, line by line, into questions and problems.
//!
//! Two shapes are read. The common one:
//!
//! ```text
//! 38. Which service runs code without servers? (Choose TWO.)
//!     - A. Amazon EC2
//!     - B. AWS Lambda
//!
//!     <details markdown=1><summary markdown='span'>Answer</summary>
//!       Correct answer: B, E
//!
//!       Explanation: ...
//!       https://docs.aws.amazon.com/...
//!     </details>
//! ```
//!
//! and headings with GitHub task lists (`### stem`, `- [x] right`, `- [ ] wrong`). Front
//! matter, headings that have no options under them and other prose are passed over. The
//! number of a stem is not read (some files number every item `1.`): order counts.
//!
//! A question is whatever lies between one stem and the next; a stem with neither options
//! nor an answer block under it is prose (a numbered list of tips), not a broken question.
//! Every problem is reported at its line and skips its question only.

use super::text::{self, clean};

/// The most options a question may have (the content schema's limit).
pub const MAX_OPTIONS: usize = 8;

/// One question read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The line of its stem (1-based).
    pub line: usize,
    pub prompt: String,
    /// Lettered A, B, C... in this order.
    pub options: Vec<String>,
    /// Indexes into `options`, ascending; one for a single-answer question.
    pub answer: Vec<usize>,
    /// The file's explanation, if it gave one (may hold several lines: paragraphs, bullets).
    pub explanation: Option<String>,
    /// The https addresses of the answer block, in order, each once.
    pub references: Vec<String>,
}

/// A problem at a line of a file (0: the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    pub line: usize,
    pub message: String,
}

/// What one file gave.
#[derive(Debug, Default)]
pub struct FileResult {
    pub questions: Vec<Parsed>,
    pub problems: Vec<LineProblem>,
    /// Questions that had a problem and were left out.
    pub skipped: usize,
}

struct Line {
    no: usize,
    text: String,
    /// Why the line is not trustworthy text (it was not UTF-8), if so.
    bad: Option<String>,
}

/// Splits the bytes into lines, each decoded on its own: one stray byte costs one question,
/// not the file.
fn lines(bytes: &[u8]) -> Vec<Line> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, raw)| {
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            match std::str::from_utf8(raw) {
                Ok(s) => Line { no: i + 1, text: s.to_string(), bad: None },
                Err(e) => {
                    let at = e.valid_up_to();
                    let col = String::from_utf8_lossy(&raw[..at]).chars().count() + 1;
                    Line {
                        no: i + 1,
                        text: String::from_utf8_lossy(raw).into_owned(),
                        bad: Some(format!(
                            "not UTF-8 text (byte 0x{:02X} at column {col}); save the file as UTF-8",
                            raw[at]
                        )),
                    }
                }
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind<'a> {
    Blank,
    Heading(&'a str),
    Numbered(&'a str),
    Letter(char, &'a str),
    Task(bool, &'a str),
    DetailsOpen,
    Text(&'a str),
}

fn indent(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

fn classify(line: &str) -> Kind<'_> {
    let t = line.trim();
    if t.is_empty() {
        return Kind::Blank;
    }
    if indent(line) <= 3
        && let Some(rest) = t.strip_prefix('#')
    {
        let rest = rest.trim_start_matches('#');
        if rest.starts_with(' ') && t.len() - rest.len() <= 6 {
            return Kind::Heading(rest.trim().trim_end_matches('#').trim_end());
        }
    }
    if starts_tag(t, "details") {
        return Kind::DetailsOpen;
    }
    if let Some(rest) = t.strip_prefix(['-', '*', '+'])
        && rest.starts_with(' ')
    {
        let rest = rest.trim_start();
        for (mark, checked) in [("[ ]", false), ("[x]", true), ("[X]", true)] {
            if let Some(text) = rest.strip_prefix(mark)
                && (text.is_empty() || text.starts_with(' '))
            {
                return Kind::Task(checked, text.trim());
            }
        }
        let mut chars = rest.chars();
        if let (Some(letter), Some('.' | ')'), Some(' ')) = (chars.next(), chars.next(), chars.next())
            && letter.is_ascii_alphabetic()
        {
            return Kind::Letter(letter.to_ascii_uppercase(), rest[2..].trim());
        }
    }
    if indent(line) <= 3 {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=5).contains(&digits)
            && let Some(rest) = t[digits..].strip_prefix(['.', ')'])
            && (rest.is_empty() || rest.starts_with(' '))
        {
            return Kind::Numbered(rest.trim());
        }
    }
    Kind::Text(t)
}

/// `<name` or `<name ...>` (any case) at the start of `t`.
fn starts_tag(t: &str, name: &str) -> bool {
    let open = format!("<{name}");
    t.get(..open.len()).is_some_and(|s| s.eq_ignore_ascii_case(&open))
        && t[open.len()..].starts_with(|c: char| c == '>' || c.is_whitespace())
}

/// Byte offset of `</details>` (any case) in `s`.
fn details_close(s: &str) -> Option<usize> {
    s.to_ascii_lowercase().find("</details>")
}

/// The content of a `<details ...>` line after its tag (and its `<summary>`, if there).
fn after_open_tag(t: &str) -> &str {
    let rest = t.find('>').map_or("", |i| &t[i + 1..]);
    strip_summary(rest)
}

/// `s` without a leading `<summary>...</summary>`.
fn strip_summary(s: &str) -> &str {
    let trimmed = s.trim_start();
    if starts_tag(trimmed, "summary")
        && let Some(end) = trimmed.to_ascii_lowercase().find("</summary>")
    {
        return &trimmed[end + "</summary>".len()..];
    }
    s
}

#[derive(Debug)]
struct DraftOption {
    line: usize,
    letter: Option<char>,
    checked: bool,
    text: String,
}

#[derive(Debug, Default)]
struct Details {
    line: usize,
    /// (line, text) of the block's content.
    content: Vec<(usize, String)>,
    closed: bool,
}

/// A question being read.
#[derive(Debug, Default)]
struct Draft {
    line: usize,
    /// Paragraphs of the stem, each a list of lines.
    stem: Vec<Vec<String>>,
    options: Vec<DraftOption>,
    details: Vec<Details>,
    blank_after_option: bool,
    /// An option came after the answer block (reported once).
    late_option: bool,
    problems: Vec<LineProblem>,
}

impl Draft {
    fn new(line: usize, stem: &str) -> Self {
        Self { line, stem: vec![vec![stem.to_string()]], ..Self::default() }
    }

    fn in_details(&self) -> bool {
        self.details.last().is_some_and(|d| !d.closed)
    }

    fn problem(&mut self, line: usize, message: impl Into<String>) {
        self.problems.push(LineProblem { line, message: message.into() });
    }

    /// Closes an answer block that never got its `</details>`.
    fn unterminated(&mut self, why: &str) {
        if let Some(d) = self.details.last_mut().filter(|d| !d.closed) {
            d.closed = true;
            let line = d.line;
            self.problem(line, format!("<details> is never closed ({why}); add </details> after the answer"));
        }
    }
}

/// The reading of one file: the question being read, and what is found.
struct Reader<'a> {
    lines: &'a [Line],
    current: Option<Draft>,
    /// Inside a `<details>` that belongs to no question (a table of contents): passed over.
    stray_details: bool,
    out: FileResult,
}

impl Reader<'_> {
    /// Line `i`'s effect on the question being read.
    fn step(&mut self, i: usize) {
        let line = &self.lines[i];
        let kind = classify(&line.text);
        if self.stray_details {
            self.stray_details = details_close(&line.text).is_none();
            return;
        }
        if let Some(d) = self.current.as_mut().filter(|d| d.in_details()) {
            if let Some(end) = details_close(&line.text) {
                let before = strip_summary(&line.text[..end]).to_string();
                let block = d.details.last_mut().expect("in details");
                block.content.push((line.no, before));
                block.closed = true;
                return;
            }
            if kind == Kind::DetailsOpen {
                d.unterminated("a second <details> starts before it ends");
                open_details(d, line);
                return;
            }
            if !starts_question(self.lines, i) {
                d.details
                    .last_mut()
                    .expect("in details")
                    .content
                    .push((line.no, strip_summary(&line.text).to_string()));
                return;
            }
            d.unterminated("the next question starts before it ends");
        }
        match kind {
            Kind::Numbered(stem) => {
                finish(self.current.take(), &mut self.out);
                self.current = Some(Draft::new(line.no, stem));
            }
            Kind::Heading(title) => {
                finish(self.current.take(), &mut self.out);
                self.current = Some(Draft::new(line.no, heading_stem(title)));
            }
            Kind::Blank => {
                if let Some(d) = self.current.as_mut() {
                    if d.options.is_empty() {
                        d.stem.push(Vec::new());
                    } else {
                        d.blank_after_option = true;
                    }
                }
            }
            Kind::Letter(..) | Kind::Task(..) => match self.current.as_mut() {
                Some(d) if !d.details.is_empty() => {
                    if !d.late_option {
                        d.late_option = true;
                        d.problem(line.no, "an option after the answer block: is the next question's number missing?");
                    }
                }
                Some(d) => {
                    let (letter, checked, text) = match kind {
                        Kind::Letter(l, t) => (Some(l), false, t),
                        Kind::Task(c, t) => (None, c, t),
                        _ => unreachable!(),
                    };
                    d.options.push(DraftOption { line: line.no, letter, checked, text: text.to_string() });
                    d.blank_after_option = false;
                }
                None => self.out.problems.push(LineProblem {
                    line: line.no,
                    message: "an option with no numbered question above it; passed over".into(),
                }),
            },
            Kind::DetailsOpen => match self.current.as_mut() {
                Some(d) => open_details(d, line),
                None => self.stray_details = details_close(&line.text).is_none(),
            },
            Kind::Text(t) => {
                if let Some(d) = self.current.as_mut()
                    && d.details.is_empty()
                {
                    if let Some(last) = d.options.last_mut() {
                        // A wrapped option: the next line, or an indented one after a blank.
                        if !d.blank_after_option || indent(&line.text) >= 2 {
                            last.text.push(' ');
                            last.text.push_str(t);
                        }
                    } else {
                        d.stem.last_mut().expect("a stem paragraph").push(t.to_string());
                    }
                }
            }
        }
    }

    /// A line that was not UTF-8 costs the question it is in (after the line has had its
    /// effect: a bad stem belongs to its own question, not the one before).
    fn bad_line(&mut self, line: &Line) {
        let Some(bad) = &line.bad else { return };
        match self.current.as_mut() {
            Some(d) => d.problem(line.no, bad.clone()),
            None => self.out.problems.push(LineProblem {
                line: line.no,
                message: format!("{bad} (the line is outside any question and was passed over)"),
            }),
        }
    }
}

/// Reads one file.
pub fn parse(bytes: &[u8]) -> FileResult {
    let lines = lines(bytes);
    let mut out = FileResult::default();
    let start = front_matter_end(&lines, &mut out);
    let mut r = Reader { lines: &lines, current: None, stray_details: false, out };
    for (i, line) in lines.iter().enumerate().skip(start) {
        r.step(i);
        r.bad_line(line);
    }
    let mut current = r.current;
    let mut out = r.out;
    if let Some(d) = current.as_mut() {
        d.unterminated("the file ends before it does");
    }
    finish(current, &mut out);
    out
}

fn open_details(d: &mut Draft, line: &Line) {
    let t = line.text.trim();
    let rest = after_open_tag(t);
    let mut block = Details { line: line.no, ..Details::default() };
    match details_close(rest) {
        Some(end) => {
            block.content.push((line.no, rest[..end].to_string()));
            block.closed = true;
        }
        None => block.content.push((line.no, rest.to_string())),
    }
    d.details.push(block);
}

/// A heading as a stem: without a leading `12.` or `Question 12:`.
fn heading_stem(title: &str) -> &str {
    let after_word = title.get(..8).filter(|s| s.eq_ignore_ascii_case("question")).map(|_| title[8..].trim_start());
    let t = after_word.unwrap_or(title);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return title;
    }
    let rest = &t[digits..];
    let stripped = rest.trim_start_matches(['.', ')', ':', '-']);
    if after_word.is_some() || (stripped.len() < rest.len() && (stripped.is_empty() || stripped.starts_with(' '))) {
        return stripped.trim_start();
    }
    title
}

/// Past Jekyll front matter (`---` ... `---` at the top), if the file has it.
fn front_matter_end(lines: &[Line], out: &mut FileResult) -> usize {
    if lines.first().is_none_or(|l| l.text.trim_end() != "---") {
        return 0;
    }
    match lines.iter().skip(1).position(|l| matches!(l.text.trim_end(), "---" | "...")) {
        Some(end) => end + 2,
        None => {
            out.problems.push(LineProblem {
                line: 1,
                message: "front matter starts here but has no closing `---`; the file is read as if it had none".into(),
            });
            1
        }
    }
}

/// Whether line `i` (inside an answer block) is really the next question: a stem followed,
/// after at most a short paragraph, by options.
fn starts_question(lines: &[Line], i: usize) -> bool {
    if !matches!(classify(&lines[i].text), Kind::Numbered(_) | Kind::Heading(_)) {
        return false;
    }
    for line in lines.iter().skip(i + 1).take(12) {
        match classify(&line.text) {
            Kind::Blank | Kind::Text(_) => {}
            Kind::Letter(..) | Kind::Task(..) => return true,
            _ => return false,
        }
    }
    false
}

/// Turns a draft into a question, or its problems into the file's.
fn finish(draft: Option<Draft>, out: &mut FileResult) {
    let Some(mut d) = draft else { return };
    // Without options, only an answer key makes it a (broken) question: a numbered tip
    // followed by a collapsed block is prose.
    let has_key = || d.details.iter().flat_map(|b| &b.content).any(|(_, t)| key_line(t.trim()).is_some());
    if d.options.is_empty() && !has_key() {
        // Prose: a heading over a section, a numbered tip. Its bad bytes are still told.
        out.problems.extend(d.problems.into_iter().map(|p| LineProblem {
            message: format!("{} (the line is outside any question and was passed over)", p.message),
            ..p
        }));
        return;
    }
    let question = build(&mut d);
    if d.problems.is_empty()
        && let Some(q) = question
    {
        out.questions.push(q);
    } else {
        d.problems.sort_by_key(|p| p.line);
        out.problems.extend(d.problems);
        out.skipped += 1;
    }
}

fn build(d: &mut Draft) -> Option<Parsed> {
    let prompt = d
        .stem
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| clean(&p.join(" ")))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    if prompt.is_empty() {
        d.problem(d.line, "the question has no text");
    }
    let options = options(d);
    let block = Block::read(d);
    let answer = options.as_ref().and_then(|(texts, ticked)| key(d, texts, ticked.as_deref(), &block));
    if let Some(answer) = &answer
        && let Some(wanted) = text::choose_count(&prompt)
        && wanted != answer.len()
    {
        let letters: Vec<String> = answer.iter().map(|&i| letter(i).to_string()).collect();
        d.problem(
            d.line,
            format!(
                "the question asks to choose {wanted} but its key has {} ({}); fix the key or the question",
                answer.len(),
                letters.join(", ")
            ),
        );
    }
    let (options, _) = options?;
    Some(Parsed {
        line: d.line,
        prompt,
        options,
        answer: answer?,
        explanation: block.explanation,
        references: block.references,
    })
}

fn letter(i: usize) -> char {
    char::from(b'A' + i as u8)
}

/// The option texts, and for task lists the ticked ones; `None` after reporting why not.
#[allow(clippy::type_complexity)]
fn options(d: &mut Draft) -> Option<(Vec<String>, Option<Vec<usize>>)> {
    let mut ok = true;
    let lettered = d.options.iter().filter(|o| o.letter.is_some()).count();
    if lettered > 0 && lettered < d.options.len() {
        let line = d.options[0].line;
        d.problem(line, "the options mix `- A.` letters and `- [ ]` task-list boxes; use one or the other");
        return None;
    }
    let mut texts: Vec<String> = Vec::new();
    let mut seen: Vec<(String, usize, char)> = Vec::new();
    let mut problems = Vec::new();
    for (i, o) in d.options.iter().enumerate() {
        let expected = if i < 26 { letter(i) } else { '?' };
        if let Some(l) = o.letter
            && l != expected
        {
            let msg = match d.options[..i].iter().find(|p| p.letter == Some(l)) {
                Some(first) => format!("duplicate options: letter {l} is used twice (first on line {})", first.line),
                None => {
                    format!("options are lettered A, B, C... in order; this one is {l} where {expected} was expected")
                }
            };
            problems.push(LineProblem { line: o.line, message: msg });
            ok = false;
        }
        let text = clean(&o.text);
        if text.is_empty() {
            problems.push(LineProblem { line: o.line, message: format!("option {expected} has no text") });
            ok = false;
        }
        let key = text.to_lowercase();
        if let Some((_, line, first)) = seen.iter().find(|(k, ..)| *k == key) {
            problems.push(LineProblem {
                line: o.line,
                message: format!("duplicate options: {expected} has the same text as {first} (line {line})"),
            });
            ok = false;
        } else if !text.is_empty() {
            seen.push((key, o.line, expected));
        }
        texts.push(text);
    }
    d.problems.extend(problems);
    let n = d.options.len();
    if n < 2 {
        d.problem(d.line, format!("too few options: a question needs at least 2, this one has {n}"));
        ok = false;
    } else if n > MAX_OPTIONS {
        d.problem(d.line, format!("too many options: a question may have at most {MAX_OPTIONS}, this one has {n}"));
        ok = false;
    }
    let ticked = (lettered == 0 && n > 0).then(|| (0..n).filter(|&i| d.options[i].checked).collect());
    ok.then_some((texts, ticked))
}

/// What the answer block says: the key (with its line), the explanation, the addresses.
#[derive(Debug, Default)]
struct Block {
    key: Option<(usize, String)>,
    explanation: Option<String>,
    references: Vec<String>,
}

impl Block {
    fn read(d: &mut Draft) -> Self {
        let mut block = Self::default();
        let mut paragraphs: Vec<String> = Vec::new();
        let mut open = false;
        let content: Vec<(usize, String)> = d.details.iter().flat_map(|b| b.content.iter().cloned()).collect();
        for (no, raw) in content {
            for url in text::urls(&raw) {
                if !block.references.contains(&url) {
                    block.references.push(url);
                }
            }
            let t = raw.trim();
            if t.is_empty() {
                open = false;
                continue;
            }
            if let Some(key) = key_line(t) {
                match &block.key {
                    Some((first, _)) => {
                        let first = *first;
                        d.problem(no, format!("a second answer key (the first is on line {first})"));
                    }
                    None => block.key = Some((no, key.to_string())),
                }
                open = false;
                continue;
            }
            if is_reference_line(t) {
                continue;
            }
            let t = after_label(t, "explanation").unwrap_or(t);
            if t.is_empty() {
                continue;
            }
            let bullet = t
                .strip_prefix(['-', '*', '+'])
                .filter(|r| r.starts_with(' '))
                .or_else(|| numbered_item(t))
                .map(|r| format!("- {}", clean(r)));
            match bullet {
                Some(b) => {
                    // Open: a wrapped bullet's next line goes on with it.
                    paragraphs.push(b);
                    open = true;
                }
                None if open => {
                    let last = paragraphs.last_mut().expect("an open paragraph");
                    last.push(' ');
                    last.push_str(&clean(t));
                }
                None => {
                    paragraphs.push(clean(t));
                    open = true;
                }
            }
        }
        paragraphs.retain(|p| !p.is_empty() && p != "-");
        if !paragraphs.is_empty() {
            block.explanation = Some(join_paragraphs(&paragraphs));
        }
        block
    }
}

/// Paragraphs apart by a blank line; bullets in a run, one to a line.
fn join_paragraphs(paragraphs: &[String]) -> String {
    let mut out = String::new();
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            let both_bullets = p.starts_with("- ") && paragraphs[i - 1].starts_with("- ");
            out.push_str(if both_bullets { "\n" } else { "\n\n" });
        }
        out.push_str(p);
    }
    out
}

/// `1. text` inside an explanation: a list item.
fn numbered_item(t: &str) -> Option<&str> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0).then(|| t[digits..].strip_prefix(['.', ')']).filter(|r| r.starts_with(' '))).flatten()
}

/// What follows `Label:` at the start of `t` (any case, bold or not), if it starts so.
fn after_label<'a>(t: &'a str, label: &str) -> Option<&'a str> {
    let bare = t.trim_start_matches(['*', '_', '>', ' ']);
    if bare.get(..label.len()).is_some_and(|s| s.eq_ignore_ascii_case(label)) {
        let rest = bare[label.len()..].trim_start_matches(['*', '_']);
        return rest.strip_prefix(':').map(|r| r.trim_start_matches(['*', '_']).trim());
    }
    None
}

/// The letters of a `Correct answer: ...` line, as written.
fn key_line(t: &str) -> Option<&str> {
    ["correct answers", "correct answer", "answers", "answer"].iter().find_map(|l| after_label(t, l))
}

/// A line that only points somewhere: `Reference: https://...`, a bare address, a link.
fn is_reference_line(t: &str) -> bool {
    const LABELS: [&str; 9] =
        ["reference", "references", "ref", "source", "sources", "link", "links", "see", "documentation"];
    if text::urls(t).is_empty() {
        return false;
    }
    if LABELS.iter().any(|l| after_label(t, l).is_some()) {
        return true;
    }
    let mut rest = clean(t.trim_start_matches(['-', '*', '+', ' ']));
    for url in text::urls(&rest) {
        rest = rest.replace(&url, "");
    }
    rest.chars().all(|c| !c.is_alphanumeric())
}

/// The answer as option indexes, from the task list's boxes or the block's key; `None`
/// after reporting why not.
fn key(d: &mut Draft, texts: &[String], ticked: Option<&[usize]>, block: &Block) -> Option<Vec<usize>> {
    let n = texts.len();
    let last = letter(n - 1);
    let written = match &block.key {
        Some((line, key)) => {
            let line = *line;
            match letters(key) {
                Ok(letters) => Some((line, letters)),
                Err(msg) => {
                    d.problem(line, msg);
                    return None;
                }
            }
        }
        None => None,
    };
    let answer = match (ticked, written) {
        (Some(ticked), written) => {
            if ticked.is_empty() {
                d.problem(d.line, "no answer key: no option is ticked `- [x]`");
                return None;
            }
            if let Some((line, letters)) = written {
                let mut from_key: Vec<usize> = letters.iter().map(|&c| usize::from(c as u8 - b'A')).collect();
                from_key.sort_unstable();
                if from_key != ticked {
                    d.problem(line, "the key does not agree with the ticked options");
                    return None;
                }
            }
            ticked.to_vec()
        }
        (None, Some((line, letters))) => {
            let mut picked = Vec::new();
            for c in letters {
                let i = usize::from(c as u8 - b'A');
                if i >= n {
                    d.problem(line, format!("the key names {c}, but the options are A to {last}"));
                    return None;
                }
                if picked.contains(&i) {
                    d.problem(line, format!("the key names {c} twice"));
                    return None;
                }
                picked.push(i);
            }
            picked.sort_unstable();
            picked
        }
        (None, None) => {
            let (line, msg) = match d.details.first() {
                Some(b) => (b.line, "no answer key: the <details> block has no `Correct answer: X` line"),
                None => (d.line, "no answer key: add a <details> block with `Correct answer: X` after the options"),
            };
            d.problem(line, msg);
            return None;
        }
    };
    if answer.len() > 1 && answer.len() >= n {
        d.problem(
            d.line,
            format!(
                "every option is in the key: a question with {n} options has at most {}",
                crate::fmt::plural(n - 1, "answer")
            ),
        );
        return None;
    }
    Some(answer)
}

/// `B`, `B, E`, `AC`, `A and C`, `b`: the letters, in the order written.
fn letters(key: &str) -> Result<Vec<char>, String> {
    let cleaned = clean(key);
    let mut out = Vec::new();
    for token in cleaned.split(|c: char| c.is_whitespace() || ",;/&+".contains(c)).filter(|t| !t.is_empty()) {
        let token = token.trim_end_matches(['.', ')']).trim_start_matches('(');
        if token.eq_ignore_ascii_case("and") || token.is_empty() {
            continue;
        }
        let upper = token.chars().all(|c| c.is_ascii_uppercase());
        let one_lower = token.len() == 1 && token.chars().all(|c| c.is_ascii_lowercase());
        if upper || one_lower {
            out.extend(token.chars().map(|c| c.to_ascii_uppercase()));
        } else {
            return Err(format!("cannot read the answer key `{cleaned}`: write the letters, like `B` or `B, E`"));
        }
    }
    if out.is_empty() {
        return Err("the answer key is empty: write the letters, like `B` or `B, E`".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
