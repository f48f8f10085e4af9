//! Drawing a quiz, lesson check or review: a question being answered, the feedback after it
//! (right or wrong, the right answer, the explanation, each option's why), and the results.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::Quiz;
use crate::content::{Course, Question, QuestionBody, QuestionKind};
use crate::fmt::{amount, answer_decimals, decimals, plural};
use crate::generate::Instance;
use crate::quiz::{Draft, Item, Phase, QRef, Response, Session};
use crate::srs::format_interval;
use crate::ui::widgets::{follow, pick, scrolled, text_width};
use crate::ui::{Theme, View, text};

pub(crate) fn kind_label(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Single => "choose one",
        QuestionKind::Multi => "choose several",
        QuestionKind::TrueFalse => "true or false",
        QuestionKind::Order => "put in order",
        QuestionKind::Match => "match the pairs",
        QuestionKind::Numeric => "a number",
    }
}

/// The question's place, topic, kind and difficulty, then its prompt. `n` is its index.
fn header(course: &Course, quiz: &Quiz, n: usize, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let session = &quiz.flow.session;
    let difficulty = match session.items[n].qref.get(course).difficulty {
        crate::content::Difficulty::Easy => "easy",
        crate::content::Difficulty::Medium => "medium",
        crate::content::Difficulty::Hard => "hard",
    };
    let mut lines = question_head(course, session, n, &format!(" · {difficulty}"), w, theme);
    // A drill says why it picked the question, under the head, and first what the plan is.
    if let Some(why) = quiz.why.get(n) {
        let at = lines.iter().position(|l| l.spans.is_empty()).unwrap_or(lines.len());
        let mut why = text::wrap_prefixed(" Picked: ", why, w, theme.accent, theme.dim);
        if n == 0
            && let Some(note) = &quiz.note
        {
            why.extend(text::wrap_prefixed(" ", note, w, theme.dim, theme.dim));
        }
        lines.splice(at..at, why);
    }
    lines
}

/// "Question n of N · topic · kind" and `tail`, then the prompt: the head every screen of
/// questions shows.
pub(crate) fn question_head(
    course: &Course,
    session: &Session,
    n: usize,
    tail: &str,
    w: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let item = &session.items[n];
    let q = item.qref.get(course);
    let topic = &course.topics[item.qref.topic()].title;
    let head = format!("Question {} of {} · {topic} · {}{tail}", n + 1, session.items.len(), kind_label(q.kind()));
    let mut lines = text::wrap_prefixed(" ", &head, w, theme.dim, theme.dim);
    lines.push(Line::default());
    lines.extend(text::wrap_prefixed(" ", &q.prompt, w, theme.strong, theme.strong));
    lines.push(Line::default());
    lines
}

/// The body lines and, while answering, the line the cursor is on (kept in view).
pub fn lines(v: &View, quiz: &Quiz, width: u16) -> (Vec<Line<'static>>, Option<usize>) {
    let (course, theme) = (v.course, v.theme);
    let flow = &quiz.flow;
    let w = text_width(width);
    let current = flow.session.current;
    match flow.phase {
        Phase::Answering => {
            let mut lines = header(course, quiz, current, w, theme);
            let cursor = answering(course, flow.session.item(), w, theme, &mut lines);
            if let Some(note) = &flow.note {
                lines.push(Line::default());
                lines.extend(text::wrap_prefixed(" ", note, w, theme.warning, theme.warning));
            }
            (lines, cursor)
        }
        Phase::Feedback => {
            let mut lines = header(course, quiz, current, w, theme);
            let rating = flow.awaiting_rating().then(|| rating_lines(v, quiz, w));
            feedback(course, flow.session.item(), w, theme, &mut lines, rating);
            if !flow.awaiting_rating() {
                lines.push(Line::default());
                let next = if flow.session.is_last() { "Enter: see your results" } else { "Enter: next question" };
                lines.push(Line::styled(format!(" {next}"), theme.accent));
            }
            (lines, None)
        }
        Phase::Revisit { missed } => {
            let mut lines = Vec::new();
            if let Some(n) = revisit(course, quiz, missed) {
                lines = header(course, quiz, n, w, theme);
                feedback(course, &flow.session.items[n], w, theme, &mut lines, None);
            }
            lines.push(Line::default());
            lines.push(Line::styled(" Enter: back to the results", theme.accent));
            (lines, None)
        }
        Phase::Summary { selected } => summary(v, quiz, selected, w),
    }
}

/// The rating bar of a review: each rating with when the card would come back, the
/// proposed one lit.
fn rating_lines(v: &View, quiz: &Quiz, w: usize) -> Vec<Line<'static>> {
    let theme = v.theme;
    let item = quiz.flow.session.item();
    // At the instant the rating will be recorded, so that what is shown is what is saved.
    let previews = v.store.preview(item.qref.id(v.course), item.answered_at.unwrap_or(v.now));
    let proposed = quiz.flow.proposed_rating();
    let ask = "How well did you know it? Rate 1-4; Enter takes the proposal.";
    let mut lines = text::wrap_prefixed(" ", ask, w, theme.accent, theme.accent);
    let mut spans = vec![Span::raw(" ")];
    for p in previews {
        let label = p.rating.label();
        let style = if p.rating == proposed { theme.selected } else { theme.text };
        spans.push(Span::styled(format!(" {} {label} {} ", p.rating as u8, format_interval(p.interval)), style));
        spans.push(Span::raw(" "));
    }
    lines.push(Line::from(spans));
    if let Some(note) = &quiz.flow.note {
        lines.extend(text::wrap_prefixed(" ", note, w, theme.warning, theme.warning));
    }
    lines
}

/// The index of the item a missed question was last answered in.
pub(super) fn revisit(course: &Course, quiz: &Quiz, missed: usize) -> Option<usize> {
    let session = &quiz.flow.session;
    let qref = session.results(course).missed.into_iter().nth(missed)?;
    session.items.iter().rposition(|i| i.qref == qref && i.outcome.is_some())
}

/// The question's answer area while answering; returns the cursor's line.
pub(crate) fn answering(
    course: &Course,
    item: &Item,
    w: usize,
    theme: &Theme,
    lines: &mut Vec<Line<'static>>,
) -> Option<usize> {
    let q = item.qref.get(course);
    let mut cursor_line = None;
    match (&item.draft, &q.body) {
        (
            Draft::Choice { cursor, picked, pick: n },
            QuestionBody::Single { options, .. } | QuestionBody::Multi { options, .. },
        ) => {
            if *n > 1 {
                let have = item.draft.picked_count();
                lines.push(Line::styled(format!(" Pick {n} ({have} picked)"), theme.accent));
            }
            for (row, &idx) in item.layout.order.iter().enumerate() {
                let mark = match (*n > 1, picked[row]) {
                    (true, true) => "[x] ",
                    (true, false) => "[ ] ",
                    (false, _) if row == *cursor => "(•) ",
                    (false, _) => "( ) ",
                };
                if row == *cursor {
                    cursor_line = Some(lines.len());
                }
                let style = pick(row == *cursor, theme);
                lines.extend(text::wrap_prefixed(&format!(" {mark}"), &options[idx].text, w, style, style));
            }
        }
        (Draft::TrueFalse { cursor }, _) => {
            for (row, label) in ["True", "False"].into_iter().enumerate() {
                if row == *cursor {
                    cursor_line = Some(lines.len());
                }
                let mark = if row == *cursor { "(•)" } else { "( )" };
                lines.push(Line::styled(format!(" {mark} {label}"), pick(row == *cursor, theme)));
            }
        }
        (Draft::Arrange { cursor, grabbed, arrangement }, QuestionBody::Order { items }) => {
            lines.push(Line::styled(" First at the top. Space grabs an item; move it; Space drops it.", theme.dim));
            for (row, &idx) in arrangement.iter().enumerate() {
                if row == *cursor {
                    cursor_line = Some(lines.len());
                }
                let mark = if row == *cursor && *grabbed { "≡" } else { " " };
                let style = pick(row == *cursor, theme);
                lines.extend(text::wrap_prefixed(&format!(" {mark}{}. ", row + 1), &items[idx], w, style, style));
            }
        }
        (Draft::Arrange { cursor, grabbed, arrangement }, QuestionBody::Match { pairs }) => {
            lines.push(Line::styled(" Move the right-hand entries until each sits beside its partner.", theme.dim));
            let left_w = pairs.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0).min(w / 2);
            for (row, &idx) in arrangement.iter().enumerate() {
                if row == *cursor {
                    cursor_line = Some(lines.len());
                }
                let left: String = pairs[row].0.chars().take(left_w).collect();
                let mark = if row == *cursor && *grabbed { "≡" } else { " " };
                let prefix = format!(" {left:<left_w$}  ⟷ {mark}");
                let style = pick(row == *cursor, theme);
                lines.extend(text::wrap_prefixed(&prefix, &pairs[idx].1, w, style, theme.text));
            }
        }
        (Draft::Numeric { text: typed }, QuestionBody::Numeric { unit, .. }) => {
            cursor_line = Some(lines.len());
            lines.push(Line::from(vec![
                Span::raw(" Your answer: "),
                Span::styled(format!("{typed}▏"), theme.selected),
                Span::raw(format!(" {unit}")),
            ]));
        }
        _ => {}
    }
    cursor_line
}

/// Puts the ✔/✘ mark in the three blank columns that start a wrapped entry.
fn marked(mut lines: Vec<Line<'static>>, ok: bool, theme: &Theme) -> Vec<Line<'static>> {
    if let Some(first) = lines.first_mut().and_then(|l| l.spans.first_mut()) {
        let rest = first.content.strip_prefix("   ").unwrap_or(&first.content).to_string();
        first.content = rest.into();
        lines[0].spans.insert(0, mark(ok, theme));
    }
    lines
}

fn mark(ok: bool, theme: &Theme) -> Span<'static> {
    if ok { Span::styled(" ✔ ", theme.correct) } else { Span::styled(" ✘ ", theme.wrong) }
}

/// Right or wrong, what the right answer was, each option's why, the explanation.
pub(crate) fn feedback(
    course: &Course,
    item: &Item,
    w: usize,
    theme: &Theme,
    lines: &mut Vec<Line<'static>>,
    rating: Option<Vec<Line<'static>>>,
) {
    let Some((response, grade)) = &item.outcome else { return };
    let verdict = if grade.correct {
        Line::styled(" ✔ Right", theme.correct)
    } else if grade.parts > 1 && grade.parts_right > 0 {
        Line::styled(format!(" ✘ Not quite: {} of {} right", grade.parts_right, grade.parts), theme.wrong)
    } else {
        Line::styled(" ✘ Wrong", theme.wrong)
    };
    lines.push(verdict);
    if let Some(rating) = rating {
        lines.push(Line::default());
        lines.extend(rating);
    }
    lines.push(Line::default());
    explain(course, item, Some(response), grade.correct, w, theme, lines);
}

/// Not answered: the right answer, each option's why, the explanation.
pub(crate) fn right_answer(course: &Course, item: &Item, w: usize, theme: &Theme, lines: &mut Vec<Line<'static>>) {
    explain(course, item, None, false, w, theme, lines);
}

/// Each option with whether it was right and whether the learner picked it (`response`), or
/// the right order, pairs or number; then the explanation and the lesson.
fn explain(
    course: &Course,
    item: &Item,
    response: Option<&Response>,
    correct: bool,
    w: usize,
    theme: &Theme,
    lines: &mut Vec<Line<'static>>,
) {
    let q: &Question = item.qref.get(course);
    match (&q.body, response) {
        (QuestionBody::Single { options, answer }, None) => {
            for &idx in &item.layout.order {
                choice_lines(&options[idx].text, &options[idx].why, idx == *answer, false, w, theme, lines);
            }
        }
        (QuestionBody::Multi { options, answers }, None) => {
            for &idx in &item.layout.order {
                choice_lines(&options[idx].text, &options[idx].why, answers.contains(&idx), false, w, theme, lines);
            }
        }
        (QuestionBody::TrueFalse { answer, why_true, why_false }, None) => {
            choice_lines("True", why_true, *answer, false, w, theme, lines);
            choice_lines("False", why_false, !*answer, false, w, theme, lines);
        }
        (QuestionBody::Order { items }, None) => {
            lines.push(Line::styled(" The right order:", theme.dim));
            for (pos, item_text) in items.iter().enumerate() {
                lines.extend(text::wrap_prefixed(&format!("   {}. ", pos + 1), item_text, w, theme.text, theme.dim));
            }
        }
        (QuestionBody::Match { pairs }, None) => {
            lines.push(Line::styled(" The right pairs:", theme.dim));
            for (left, right) in pairs {
                lines.extend(text::wrap_prefixed("   ", &format!("{left}  ⟷  {right}"), w, theme.text, theme.dim));
            }
        }
        (QuestionBody::Numeric { answer, tolerance, unit }, None) => {
            let places = answer_decimals(*answer, *tolerance);
            lines.push(Line::styled(format!("    The answer: {}", amount(*answer, unit, places)), theme.strong));
        }
        (QuestionBody::Single { options, answer }, Some(Response::Single(chosen))) => {
            for &idx in &item.layout.order {
                let o = &options[idx];
                let picked = idx == *chosen;
                choice_lines(&o.text, &o.why, idx == *answer, picked, w, theme, lines);
            }
        }
        (QuestionBody::Multi { options, answers }, Some(Response::Multi(chosen))) => {
            for &idx in &item.layout.order {
                let o = &options[idx];
                choice_lines(&o.text, &o.why, answers.contains(&idx), chosen.contains(&idx), w, theme, lines);
            }
        }
        (QuestionBody::TrueFalse { answer, why_true, why_false }, Some(Response::TrueFalse(chosen))) => {
            choice_lines("True", why_true, *answer, *chosen, w, theme, lines);
            choice_lines("False", why_false, !*answer, !*chosen, w, theme, lines);
        }
        (QuestionBody::Order { items }, Some(Response::Order(order))) => {
            lines.push(Line::styled(" The right order (✘ where yours differed):", theme.dim));
            for (pos, item_text) in items.iter().enumerate() {
                let ok = order.get(pos) == Some(&pos);
                let l = text::wrap_prefixed(&format!("   {}. ", pos + 1), item_text, w, theme.text, theme.dim);
                lines.extend(marked(l, ok, theme));
            }
        }
        (QuestionBody::Match { pairs }, Some(Response::Match(chosen))) => {
            lines.push(Line::styled(" The right pairs (✘ where yours differed):", theme.dim));
            for (i, (left, right)) in pairs.iter().enumerate() {
                let ok = chosen.get(i) == Some(&i);
                let l = text::wrap_prefixed("   ", &format!("{left}  ⟷  {right}"), w, theme.text, theme.dim);
                lines.extend(marked(l, ok, theme));
                if !ok && let Some(&yours) = chosen.get(i) {
                    lines.extend(text::wrap_prefixed("   you paired: ", &pairs[yours].1, w, theme.dim, theme.dim));
                }
            }
        }
        (QuestionBody::Numeric { answer, tolerance, unit }, Some(Response::Numeric(x))) => {
            // In the question's own precision: "$3.50", not "3.5 USD".
            let places = answer_decimals(*answer, *tolerance);
            lines.push(Line::from(vec![
                mark(correct, theme),
                Span::raw(format!("You answered {}", amount(*x, unit, decimals(*x).max(places)))),
            ]));
            let within =
                if *tolerance > 0.0 { format!(" (±{})", amount(*tolerance, unit, places)) } else { String::new() };
            lines
                .push(Line::styled(format!("    The answer: {}{within}", amount(*answer, unit, places)), theme.strong));
        }
        _ => {}
    }
    let instance = match &item.qref {
        QRef::Generated(g) => g.instance.as_ref(),
        QRef::Course { .. } => None,
    };
    if let Some(instance) = instance {
        diagnosis(instance, response, correct, w, theme, lines);
    }
    lines.push(Line::default());
    lines.push(Line::styled(" Why", theme.heading));
    lines.extend(text::wrap_plain(&q.explanation, w, theme.text).into_iter().map(|mut l| {
        l.spans.insert(0, Span::raw(" "));
        l
    }));
    reference(&q.reference, w, theme, lines);
    if let Some(instance) = instance {
        lines.push(Line::default());
        lines.push(Line::styled(" Worked answer", theme.heading));
        for (n, step) in instance.steps.iter().enumerate() {
            lines.extend(text::wrap_prefixed(&format!("   {:>2}. ", n + 1), step, w, theme.text, theme.dim));
        }
    }
    if let Some(lesson) = course.lesson(&q.lesson) {
        lines.push(Line::default());
        lines.extend(text::wrap_prefixed(" Lesson (o opens it): ", &lesson.title, w, theme.dim, theme.dim));
    }
}

/// The page the question cites, under the explanation: on one line when it fits, otherwise
/// the address on a line of its own, so that it is cut only when even that line is too narrow.
fn reference(url: &str, w: usize, theme: &Theme, lines: &mut Vec<Line<'static>>) {
    const LABEL: &str = " Reference: ";
    if url.is_empty() {
        return;
    }
    if LABEL.width() + url.width() <= w {
        lines.push(Line::from(vec![Span::styled(LABEL, theme.dim), Span::styled(url.to_string(), theme.dim)]));
    } else {
        lines.push(Line::styled(LABEL.trim_end().to_string(), theme.dim));
        lines.extend(text::wrap_prefixed(" ", url, w, theme.dim, theme.dim));
    }
}

/// A generated question answered with a wrong number: the named mistake it matches, if any.
fn diagnosis(
    instance: &Instance,
    response: Option<&Response>,
    correct: bool,
    w: usize,
    theme: &Theme,
    lines: &mut Vec<Line<'static>>,
) {
    let (false, Some(Response::Numeric(x))) = (correct, response) else { return };
    lines.push(Line::default());
    match instance.diagnose(*x) {
        Some(m) => {
            lines.push(Line::styled(" Your answer matches a common mistake:", theme.wrong));
            lines.extend(text::wrap_prefixed("   ", &m.says, w, theme.text, theme.dim));
        }
        None => lines.push(Line::styled(
            " It matches none of the common mistakes; compare your steps with the worked answer below.",
            theme.dim,
        )),
    }
}

/// One option after answering: whether it was right, whether the learner picked it, and why.
fn choice_lines(
    label: &str,
    why: &str,
    right: bool,
    picked: bool,
    w: usize,
    theme: &Theme,
    lines: &mut Vec<Line<'static>>,
) {
    let (sign, style) =
        if right { ("✔", theme.correct) } else { ("✘", if picked { theme.wrong } else { theme.dim }) };
    let yours = if picked { " ← your answer" } else { "" };
    let mut head = text::wrap_prefixed(
        &format!(" {sign} "),
        label,
        w.saturating_sub(yours.len()),
        if right || picked { theme.strong } else { theme.text },
        style,
    );
    if let Some(last) = head.last_mut() {
        last.spans.push(Span::styled(yours, theme.accent));
    }
    lines.extend(head);
    lines.extend(text::wrap_prefixed("     ", why, w, theme.dim, theme.dim));
}

fn summary(v: &View, quiz: &Quiz, selected: usize, w: usize) -> (Vec<Line<'static>>, Option<usize>) {
    let (course, theme) = (v.course, v.theme);
    let r = quiz.flow.session.results(course);
    let mut lines =
        vec![Line::styled(format!(" Score: {} of {} ({}%)", r.right, r.answered, r.percent()), theme.heading)];
    if quiz.flow.policy.rate {
        let [again, hard, good, easy] = quiz.flow.rating_counts();
        let reviewed = plural(quiz.flow.cards_rated(course), "card");
        let counts = format!("{reviewed} reviewed and saved: {again} again, {hard} hard, {good} good, {easy} easy.");
        lines.extend(text::wrap_prefixed(" ", &counts, w, theme.dim, theme.dim));
        let next = super::nothing_due(course, v.store, v.now);
        lines.extend(text::wrap_prefixed(" ", &next, w, theme.text, theme.text));
    }
    lines.push(Line::default());
    lines.push(Line::styled(" By topic", theme.dim));
    let name_w = r
        .per_topic
        .iter()
        .map(|t| course.topic(&t.topic).map_or(0, |x| x.title.chars().count()))
        .max()
        .unwrap_or(0)
        .min(28);
    for t in &r.per_topic {
        let title: String =
            course.topic(&t.topic).map_or(t.topic.clone(), |x| x.title.clone()).chars().take(name_w).collect();
        let filled = (t.right * 10).checked_div(t.total).unwrap_or(0);
        let bar = format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled));
        let style = if t.right == t.total { theme.correct } else { theme.text };
        lines.push(Line::from(vec![
            Span::raw(format!("   {title:<name_w$}  ")),
            Span::styled(bar, style),
            Span::raw(format!("  {}/{}", t.right, t.total)),
        ]));
    }
    lines.push(Line::default());
    let mut cursor = None;
    if r.missed.is_empty() {
        lines.push(Line::styled(" Nothing missed. Esc to go back.", theme.correct));
    } else {
        lines.extend(text::wrap_prefixed(
            " ",
            &format!("Missed ({}): Enter looks again, r retries them", r.missed.len()),
            w,
            theme.accent,
            theme.accent,
        ));
        for (i, qref) in r.missed.iter().enumerate() {
            if i == selected {
                cursor = Some(lines.len());
            }
            let prompt = qref.get(course).prompt.replace('\n', " ");
            let style = pick(i == selected, theme);
            lines.extend(text::wrap_prefixed(&format!(" {:>2}. ", i + 1), &prompt, w, style, style));
        }
    }
    (lines, cursor)
}

pub fn render(quiz: &Quiz, v: &View, frame: &mut Frame, area: Rect) {
    let (lines, cursor) = lines(v, quiz, area.width);
    match cursor {
        // Keep the cursor in view with a little context below it.
        Some(line) => follow(frame, area, lines, line, 3, v.theme),
        None => scrolled(frame, area, lines, &quiz.scroll, None, v.theme),
    }
}
