//! The Stats sheet: the figures of `Progress::analytics` laid out as rows of text with roles,
//! once for both the Stats screen (which styles each role from the theme) and `cloudcram
//! stats` (which prints them plain). Every chart is made of characters that read without
//! colour, and every chart has its figures in words under it.

use std::fmt::Write as _;

use jiff::Timestamp;

use crate::content::Course;
use crate::fmt::{num, plural};
use crate::progress::{Analytics, ExamRecord, Readiness, Retention, ReviewDay, TopicStats};
use crate::quiz::percent;

/// How a piece of text is meant to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Heading,
    Text,
    Dim,
    Good,
    Bad,
    Accent,
}

/// One line of the sheet: pieces of text, each with its role.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row(pub Vec<(String, Role)>);

impl Row {
    fn text(s: impl Into<String>, role: Role) -> Self {
        Self(vec![(s.into(), role)])
    }

    /// A sentence as rows of at most `width` columns, broken between words, each row
    /// indented by one space.
    fn para(text: &str, role: Role, width: usize) -> Vec<Self> {
        let width = width.max(12);
        let mut rows = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width - 1 {
                rows.push(Self::text(format!(" {line}"), role));
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            rows.push(Self::text(format!(" {line}"), role));
        }
        rows
    }

    fn blank() -> Self {
        Self(Vec::new())
    }

    /// The row's text without roles.
    pub fn plain(&self) -> String {
        self.0.iter().map(|(s, _)| s.as_str()).collect()
    }
}

/// Weeks the heatmap shows at a width: as many as fit, up to 26 (six months).
fn weeks_for(width: usize) -> usize {
    ((width.saturating_sub(6)) / 2).clamp(4, crate::progress::HEATMAP_WEEKS)
}

/// The sheet's parts, in the order the screen shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Readiness,
    Mastery,
    Forecast,
    Heatmap,
    Retention,
    Exams,
}

impl Section {
    pub const ALL: [Self; 6] =
        [Self::Readiness, Self::Mastery, Self::Forecast, Self::Heatmap, Self::Retention, Self::Exams];
}

/// What a sheet is drawn from, all worked out once (a screen draws it at every frame).
#[derive(Debug, Clone, Copy)]
pub struct Figures<'a> {
    pub topics: &'a [TopicStats],
    pub exams: &'a [ExamRecord],
    pub analytics: &'a Analytics,
    /// When the figures were worked out: "today" in the calendar.
    pub now: Timestamp,
}

/// The sheet's `sections` at `width` columns, a blank row between them.
pub fn sheet(course: &Course, f: Figures<'_>, width: usize, sections: &[Section]) -> Vec<Row> {
    let (figures, now) = (f.analytics, f.now);
    let mut rows = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            rows.push(Row::blank());
        }
        match section {
            Section::Readiness => readiness(&figures.readiness, course, width, &mut rows),
            Section::Mastery => mastery(f.topics, width, &mut rows),
            Section::Forecast => forecast(figures, width, &mut rows),
            Section::Heatmap => heatmap(&figures.heatmap, figures.streak, now, width, &mut rows),
            Section::Retention => retention(&figures.retention, width, &mut rows),
            Section::Exams => rows.extend(exam_rows(f.exams, 10)),
        }
    }
    rows
}

/// A bar of `cells` cells filled to `share` (0 to 1), with `mark` at `at` (0 to 1) if given.
fn bar(share: f64, cells: usize, at: Option<f64>) -> String {
    let filled = (share.clamp(0.0, 1.0) * cells as f64).round() as usize;
    let mark = at.map(|a| ((a.clamp(0.0, 1.0) * cells as f64).round() as usize).min(cells.saturating_sub(1)));
    (0..cells)
        .map(|i| match (Some(i) == mark, i < filled) {
            (true, _) => '│',
            (false, true) => '█',
            (false, false) => '·',
        })
        .collect()
}

fn pct(x: f64) -> String {
    format!("{x:.1}%")
}

fn readiness(r: &Readiness, course: &Course, width: usize, rows: &mut Vec<Row>) {
    rows.push(Row::text(" Readiness", Role::Heading));
    let role = if r.low >= r.pass {
        Role::Good
    } else if r.high < r.pass {
        Role::Bad
    } else {
        Role::Text
    };
    let cells = width.saturating_sub(4).min(50);
    rows.push(Row(vec![
        (" ".into(), Role::Text),
        (bar(r.percent / 100.0, cells, Some(r.pass / 100.0)), role),
        (format!(" {}", pct(r.percent)), role),
    ]));
    rows.extend(Row::para(
        &format!(
            " {} of this section's exam questions right today (likely {} to {}); a pass needs {} (the │).",
            pct(r.percent),
            pct(r.low),
            pct(r.high),
            pct(r.pass)
        ),
        Role::Text,
        width,
    ));
    rows.extend(Row::para(
        "How: each card's FSRS chance of recall now; an unseen card counts as a guess for its kind, moved \
         towards your practice accuracy in its topic; topics weigh as much as their share of an exam, and the \
         range is where 95% of 65-question exams would score.",
        Role::Dim,
        width,
    ));
    if r.reviewed == 0 {
        rows.extend(Row::para(" No exam question reviewed yet: this is close to guessing.", Role::Dim, width));
    }
    let title = |id: &str| course.topic(id).map_or(id.to_string(), |t| t.title.clone());
    if r.study_next.is_empty() {
        rows.extend(Row::para(" Every topic is at your desired retention or above.", Role::Good, width));
    } else {
        let next: Vec<String> = r
            .study_next
            .iter()
            .filter_map(|id| r.topics.iter().find(|t| &t.id == id))
            .map(|t| format!("{} (+{:.1} points)", title(&t.id), t.gain))
            .collect();
        rows.extend(Row::para(&format!("To raise it most, study: {}.", next.join(", ")), Role::Accent, width));
    }
}

fn mastery(topics: &[TopicStats], width: usize, rows: &mut Vec<Row>) {
    rows.push(Row::text(" Mastery per topic", Role::Heading));
    rows.push(Row::text(" █ mature (21 days or more)  ▓ young  ▒ learning  ░ new", Role::Dim));
    let name_w = topics.iter().map(|t| t.title.chars().count()).max().unwrap_or(10).min(22);
    let cells = width.saturating_sub(name_w + 22).clamp(10, 40);
    for t in topics {
        let total = t.cards.max(1) as f64;
        let mut bar = String::new();
        let mut used = 0;
        for (count, ch) in [(t.mature, '█'), (t.young, '▓'), (t.learning, '▒')] {
            let n = ((count as f64 / total) * cells as f64).round() as usize;
            let n = n.min(cells - used);
            bar.extend(std::iter::repeat_n(ch, n));
            used += n;
        }
        bar.extend(std::iter::repeat_n('░', cells - used));
        let title: String = t.title.chars().take(name_w).collect();
        let practice = if t.practiced == 0 {
            "no practice".to_string()
        } else {
            format!("practice {}%", percent(t.practice_correct, t.practiced))
        };
        rows.push(Row(vec![
            (format!(" {title:<name_w$} "), Role::Text),
            (bar, Role::Accent),
            (format!(" {:>3}/{:<3} {practice}", t.seen, t.cards), Role::Dim),
        ]));
    }
    let sum = |f: fn(&TopicStats) -> usize| topics.iter().map(f).sum::<usize>();
    rows.extend(Row::para(
        &format!(
            " In all: {} new, {} learning, {} young, {} mature.",
            sum(|t| t.new),
            sum(|t| t.learning),
            sum(|t| t.young),
            sum(|t| t.mature)
        ),
        Role::Dim,
        width,
    ));
}

/// Vertical bars of `values`, `height` rows tall, one column each, in eighths of a row.
fn columns(values: &[usize], height: usize) -> Vec<String> {
    const EIGHTHS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().copied().max().unwrap_or(0).max(1) as f64;
    (0..height)
        .map(|row| {
            let from_bottom = height - 1 - row;
            let mut line = String::with_capacity(values.len() * 4);
            for &v in values {
                let eighths = (v as f64 / max * (height * 8) as f64).round() as usize;
                let here = eighths.saturating_sub(from_bottom * 8).min(8);
                // A day with cards never looks empty.
                let here = if v > 0 && from_bottom == 0 { here.max(1) } else { here };
                line.push(EIGHTHS[here]);
                line.push(' ');
            }
            line
        })
        .collect()
}

fn forecast(figures: &Analytics, width: usize, rows: &mut Vec<Row>) {
    let days = &figures.forecast;
    rows.push(Row::text(" Due in the next 30 days", Role::Heading));
    let shown = days.len().min(width.saturating_sub(8) / 2);
    let values: Vec<usize> = days.iter().take(shown).map(|d| d.due).collect();
    let max = values.iter().copied().max().unwrap_or(0);
    for (i, line) in columns(&values, 5).into_iter().enumerate() {
        let label = if i == 0 { format!("{max:>5} ") } else { "      ".to_string() };
        rows.push(Row(vec![(label, Role::Dim), (line, Role::Accent)]));
    }
    let mut axis = String::from("      ");
    for i in 0..shown {
        axis.push_str(match i {
            0 => "↑ ",
            _ if i % 7 == 0 => "┆ ",
            _ => "  ",
        });
    }
    rows.push(Row::text(axis, Role::Dim));
    rows.push(Row::text("      ↑ today, ┆ every 7 days", Role::Dim));
    let within = |n: usize| days.iter().take(n).map(|d| d.due).sum::<usize>();
    rows.extend(Row::para(
        &format!(
            " Today {}, tomorrow {}, the next 7 days {}, the next 30 days {}.",
            days.first().map_or(0, |d| d.due),
            days.get(1).map_or(0, |d| d.due),
            within(7),
            within(30)
        ),
        Role::Text,
        width,
    ));
}

fn heatmap(days: &[ReviewDay], streak: usize, now: Timestamp, width: usize, rows: &mut Vec<Row>) {
    let weeks = weeks_for(width);
    rows.push(Row::text(format!(" Reviews, the last {weeks} weeks"), Role::Heading));
    let today = crate::progress::utc_date(now);
    // Columns are weeks, Monday to Sunday; the last column holds today.
    let monday_offset = i64::from(today.weekday().to_monday_zero_offset());
    let last_monday = today.checked_sub(jiff::Span::new().days(monday_offset)).unwrap_or(today);
    let first =
        last_monday.checked_sub(jiff::Span::new().weeks(i64::try_from(weeks - 1).unwrap_or(0))).unwrap_or(today);
    let count_on = |d: jiff::civil::Date| days.iter().find(|r| r.date == d).map_or(0, |r| r.reviews);
    let mut counts: Vec<usize> =
        days.iter().filter(|r| r.date >= first && r.date <= today).map(|r| r.reviews).collect();
    counts.sort_unstable();
    let level = |n: usize| -> char {
        if n == 0 {
            return '·';
        }
        let rank = counts.partition_point(|&c| c < n) as f64 / counts.len().max(1) as f64;
        match rank {
            r if r < 0.25 => '░',
            r if r < 0.5 => '▒',
            r if r < 0.75 => '▓',
            _ => '█',
        }
    };
    // Month labels above the first week of each month, where there is room.
    let mut labels: Vec<char> = vec![' '; weeks * 2 + 4];
    let mut free_from = 0;
    for w in 0..weeks {
        let monday = first.checked_add(jiff::Span::new().weeks(i64::try_from(w).unwrap_or(0))).unwrap_or(first);
        let at = w * 2;
        if (w == 0 || monday.day() <= 7) && at >= free_from {
            for (i, ch) in monday.strftime("%b").to_string().chars().enumerate() {
                if let Some(slot) = labels.get_mut(at + i) {
                    *slot = ch;
                }
            }
            free_from = at + 4;
        }
    }
    let labels = format!("     {}", labels.into_iter().collect::<String>());
    rows.push(Row::text(labels, Role::Dim));
    for (d, name) in ["Mon", "", "Wed", "", "Fri", "", "Sun"].iter().enumerate() {
        let mut line = String::new();
        for w in 0..weeks {
            let offset = i64::try_from(w * 7 + d).unwrap_or(0);
            let date = first.checked_add(jiff::Span::new().days(offset)).unwrap_or(first);
            line.push(if date > today { ' ' } else { level(count_on(date)) });
            line.push(' ');
        }
        rows.push(Row(vec![(format!(" {name:<3} "), Role::Dim), (line, Role::Accent)]));
    }
    rows.push(Row::text("     · none  ░ ▒ ▓ █ fewer to more reviews", Role::Dim));
    let shown: Vec<&ReviewDay> = days.iter().filter(|r| r.date >= first && r.date <= today).collect();
    let total: usize = shown.iter().map(|r| r.reviews).sum();
    let busiest = shown.iter().max_by_key(|r| r.reviews);
    let mut text = format!(
        " {} on {} in these weeks; streak: {}",
        plural(total, "review"),
        plural(shown.len(), "day"),
        plural(streak, "day")
    );
    if let Some(b) = busiest {
        let _ = write!(text, "; busiest day {} ({}).", b.date, num(b.reviews as f64));
    } else {
        text.push('.');
    }
    rows.extend(Row::para(&text, Role::Text, width));
}

fn retention(r: &Retention, width: usize, rows: &mut Vec<Row>) {
    rows.push(Row::text(" True retention by month", Role::Heading));
    let cells = width.saturating_sub(44).clamp(10, 30);
    let shown = &r.months[r.months.len().saturating_sub(6)..];
    if shown.is_empty() {
        rows.push(Row::text(" No reviews yet.", Role::Dim));
    }
    for m in shown {
        let (bar_text, role, figure) = match m.true_retention {
            Some(x) => {
                let role = if x >= r.desired { Role::Good } else { Role::Bad };
                (bar(x, cells, Some(r.desired)), role, format!("{:>6}", pct(x * 100.0)))
            }
            None => (bar(0.0, cells, Some(r.desired)), Role::Dim, "     -".to_string()),
        };
        rows.push(Row(vec![
            (format!(" {}  ", m.month), Role::Text),
            (bar_text, role),
            (format!(" {figure}  {} of {} graded", num(m.recalled as f64), num(m.graded as f64)), Role::Text),
            (format!(", {}", plural(m.reviews, "review")), Role::Dim),
        ]));
    }
    let show = |x: Option<f64>| x.map_or("-".to_string(), |x| pct(x * 100.0));
    rows.extend(Row::para(
        &format!(
            " True retention {} (young {}, mature {}) against your desired {} (the │).",
            show(r.true_retention),
            show(r.young),
            show(r.mature),
            pct(r.desired * 100.0)
        ),
        Role::Text,
        width,
    ));
    rows.extend(Row::para(
        "True retention is the share of reviews of cards past their learning steps not rated Again.",
        Role::Dim,
        width,
    ));
}

/// The last `n` exams, newest last, each with its scaled score against the 700 line.
pub fn exam_rows(exams: &[ExamRecord], n: usize) -> Vec<Row> {
    if exams.is_empty() {
        return vec![Row::text(" Exams: none taken yet", Role::Heading)];
    }
    let mut rows = vec![Row::text(format!(" Exams ({} in all; 700 passes)", exams.len()), Role::Heading)];
    for e in &exams[exams.len().saturating_sub(n)..] {
        let scaled = e.scaled();
        // 100 to 1,000 in 20 cells; the 700 line falls after the 13th.
        let filled = ((scaled.saturating_sub(100)) as usize * 20).div_ceil(900).min(20);
        let bar: String = (0..20)
            .map(|i| match (i < filled, i == 13) {
                (_, true) => '│',
                (true, false) => '█',
                (false, false) => '·',
            })
            .collect();
        let (mark, role) = if e.passed { ("✔", Role::Good) } else { ("✘", Role::Bad) };
        rows.push(Row(vec![
            (format!(" {}  {:>4}  ", e.at.strftime("%Y-%m-%d"), scaled), Role::Text),
            (bar, role),
            (format!(" {mark} {}/{}", e.score, e.total), role),
        ]));
    }
    rows
}

/// The sheet as plain text, for `cloudcram stats` (the per-topic table comes before it).
pub fn plain(rows: &[Row]) -> String {
    let mut out = String::new();
    for r in rows {
        out.push_str(r.plain().trim_end());
        out.push('\n');
    }
    out
}
