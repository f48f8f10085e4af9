//! Home: the menu, and the topics with what the learner has done in each.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Cx, Screen, Transition, info::Info, move_in_list, quiz, study};
use crate::app::{Action, Effect};
use crate::content::Course;
use crate::fmt::plural;
use crate::progress::Store;
use crate::quiz::Session;
use crate::quiz::exam::{Kinds, Spec};
use crate::ui::widgets::pick;
use crate::ui::{View, text};

/// The entries of the home menu, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuEntry {
    Study,
    Review,
    Quiz,
    Drill,
    Exam,
    Simulator,
    Stats,
    Settings,
}

impl MenuEntry {
    pub const ALL: [Self; 8] =
        [Self::Study, Self::Review, Self::Quiz, Self::Drill, Self::Exam, Self::Simulator, Self::Stats, Self::Settings];

    pub fn label(self) -> &'static str {
        match self {
            Self::Study => "Study",
            Self::Review => "Review",
            Self::Quiz => "Quiz",
            Self::Drill => "Drill",
            Self::Exam => "Exam drill",
            Self::Simulator => "Cost simulator",
            Self::Stats => "Stats",
            Self::Settings => "Settings",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Self::Study => "read the lessons, step through the diagrams",
            Self::Review => "the cards that are due now (spaced repetition)",
            Self::Quiz => "10 questions from every topic, feedback after each",
            Self::Drill => "10 questions of your weak spots, each with why it was picked",
            Self::Exam => "65 questions in 90 minutes, as CLF-C02; resumes an unfinished one",
            Self::Simulator => "Lambda, Fargate and EC2 costs side by side",
            Self::Stats => "readiness, mastery per topic, the next 30 days, reviews, retention, exams",
            Self::Settings => "retention, new cards and reviews per day, order, fuzz",
        }
    }
}

#[derive(Debug, Default)]
pub struct Home {
    pub selected: usize,
}

/// The Review entry counts due cards: the next moment one falls due, the count changes.
pub fn deadline(course: &Course, store: &Store, now: Timestamp) -> Option<Timestamp> {
    store.queue(course, now).next_due
}

/// How many past exams the home screen lists.
const EXAMS_SHOWN: usize = 5;

/// The last exams, newest last, each with its scaled score drawn against the 700 line.
fn exam_history(view: &View) -> Vec<Line<'static>> {
    let exams = view.store.exams();
    if exams.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::default()];
    lines.extend(crate::stats::exam_rows(exams, EXAMS_SHOWN).iter().map(|r| super::stats::line(r, view.theme)));
    lines
}

impl Home {
    pub fn update(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        self.selected = move_in_list(self.selected, MenuEntry::ALL.len(), action, cx.page());
        if action != Action::Enter {
            return super::stay();
        }
        let next = match MenuEntry::ALL[self.selected] {
            MenuEntry::Study => Screen::Topics(study::Topics::default()),
            MenuEntry::Quiz => {
                let seed = cx.seed();
                match Session::practice(cx.course, &[], None, 0, seed) {
                    Ok(session) => quiz::Quiz::screen("Quiz", session),
                    Err(e) => Screen::Info(Info::new("Quiz", vec![e.to_string()])),
                }
            }
            MenuEntry::Review => quiz::start_review(cx),
            MenuEntry::Drill => quiz::start_drill(cx, None),
            MenuEntry::Settings => Screen::Settings(super::settings::SettingsScreen::default()),
            MenuEntry::Exam => {
                // The real exam's size and pace; `cloudcram exam` takes other sizes and topics.
                let spec = Spec::new(Vec::new(), None, None, Kinds::Exam, cx.seed());
                super::exam::open(cx, &spec).unwrap_or_else(|e| Screen::Info(Info::new("Exam drill", vec![e])))
            }
            MenuEntry::Simulator => Screen::Simulator(Box::new(super::simulator::Simulator::new(None))),
            MenuEntry::Stats => Screen::Stats(Box::new(super::stats::StatsScreen::open(cx))),
        };
        (Transition::Push(next), Vec::new())
    }

    pub fn render(&self, view: &View, frame: &mut Frame, area: Rect) {
        let theme = view.theme;
        let selected = self.selected;
        let wide = area.width >= 80;
        let [menu_area, topics_area] = if wide {
            Layout::horizontal([Constraint::Length(34), Constraint::Fill(1)]).areas(area)
        } else {
            let menu_h = (MenuEntry::ALL.len() as u16 + 5).min(area.height);
            Layout::vertical([Constraint::Length(menu_h), Constraint::Fill(1)]).areas(area)
        };

        let mut lines = vec![Line::styled(" CLF-C02: other compute", theme.heading), Line::default()];
        let stats = view.store.stats(view.course, view.now);
        let queue = view.store.queue(view.course, view.now);
        for (i, entry) in MenuEntry::ALL.iter().enumerate() {
            let marker = if i == selected { "▶ " } else { "  " };
            let extra = match (entry, queue.due.len(), queue.new.len()) {
                (MenuEntry::Review, 0, 0) => String::new(),
                (MenuEntry::Review, due, 0) => format!(" ({due} due)"),
                (MenuEntry::Review, 0, new) => format!(" ({new} new)"),
                (MenuEntry::Review, due, new) => format!(" ({due} due, {new} new)"),
                _ => String::new(),
            };
            lines.push(Line::styled(format!(" {marker}{}{extra}", entry.label()), pick(i == selected, theme)));
        }
        lines.push(Line::default());
        let w = usize::from(menu_area.width.saturating_sub(2)).max(1);
        lines.extend(text::wrap_prefixed(" ", MenuEntry::ALL[selected].description(), w, theme.dim, theme.dim));
        frame.render_widget(Paragraph::new(lines), menu_area);

        let block = Block::new().borders(Borders::TOP).border_style(theme.border).title(" Topics ");
        let inner = block.inner(topics_area);
        frame.render_widget(block, topics_area);
        let name_w = stats.topics.iter().map(|t| t.title.chars().count()).max().unwrap_or(10).min(24);
        let mut rows = vec![Line::styled(format!(" {:<name_w$}   seen  mastered  due today", "topic"), theme.dim)];
        for t in &stats.topics {
            let title: String = t.title.chars().take(name_w).collect();
            let seen = format!("{}/{}", t.seen, t.cards);
            let due_style = if t.due_today > 0 { theme.accent } else { theme.text };
            rows.push(Line::from(vec![
                Span::raw(format!(" {title:<name_w$}  {seen:>5}  {:>8}  ", t.mastered)),
                Span::styled(format!("{:>9}", t.due_today), due_style),
            ]));
        }
        rows.push(Line::default());
        let summary = format!(
            " {} · {} · {} reviews, {} today",
            plural(stats.topics.len(), "topic"),
            plural(stats.cards_total, "question"),
            stats.reviews_total,
            stats.reviews_today
        );
        rows.push(Line::styled(summary, theme.dim));
        rows.push(Line::styled(" mastered: next review 21+ days away", theme.dim));
        rows.extend(exam_history(view));
        frame.render_widget(Paragraph::new(rows), inner);
    }
}
