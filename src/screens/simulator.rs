//! The cost simulator: Lambda, Fargate and EC2 estimates that follow every edit (the same
//! engine, numbers and steps as `cloudcram cost`), and Compare: the three on one chart as the
//! load grows, with the break-evens marked, and Lambda's cost against its memory. A question
//! about what is on screen (`z`) is answered in place with the worked answer.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph};

use super::{Cx, Transition, stay};
use crate::app::{Action, Context, Effect, Scroll};
use crate::content::Course;
use crate::fmt::num;
use crate::generate::{self, Form, Model};
use crate::pricing::compare::{DEFAULT_FROM, DEFAULT_TO, Plan};
use crate::pricing::fields::{Field, Inputs};
use crate::pricing::lambda::LambdaUsage;
use crate::pricing::{Arch, CostError, Estimate, PriceBook, Service, presets, tuning};
use crate::ui::widgets::{scrolled, text_width};
use crate::ui::{Theme, View, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Lambda,
    Fargate,
    Ec2,
    Compare,
}

impl Tab {
    const ALL: [Self; 4] = [Self::Lambda, Self::Fargate, Self::Ec2, Self::Compare];

    fn title(self) -> &'static str {
        match self {
            Self::Lambda => "Lambda",
            Self::Fargate => "Fargate",
            Self::Ec2 => "EC2",
            Self::Compare => "Compare",
        }
    }

    /// The service a tab estimates (Compare: the Lambda function it compares).
    fn service(self) -> Service {
        match self {
            Self::Lambda | Self::Compare => Service::Lambda,
            Self::Fargate => Service::Fargate,
            Self::Ec2 => Service::Ec2,
        }
    }

    /// The fields of the tab, in Tab order. Compare edits the workload: the function's
    /// memory, duration and monthly requests.
    fn fields(self) -> &'static [Field] {
        match self {
            Self::Compare => &[Field::LambdaMemory, Field::LambdaDuration, Field::LambdaInvocations],
            tab => Field::of(tab.service()),
        }
    }
}

/// A question about what is on screen, with its worked answer once asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub prompt: String,
    pub answer: String,
    pub worked: Vec<String>,
    pub shown: bool,
}

#[derive(Debug)]
pub struct Simulator {
    pub tab: Tab,
    /// The field under the cursor, within the tab's fields.
    pub focus: usize,
    /// Digits typed into the focused field, not yet taken.
    pub typing: Option<String>,
    pub inputs: Inputs,
    /// The last inputs that made a valid estimate, shown while an edit is refused.
    pub valid: Inputs,
    /// The preset last applied (`p` cycles).
    pub preset: Option<usize>,
    /// Why the last edit was refused, shown beside the field.
    pub error: Option<String>,
    pub question: Option<Question>,
    pub scroll: Scroll,
}

impl Simulator {
    /// At the first preset, or the one named.
    pub fn new(preset: Option<&str>) -> Self {
        let at = preset.and_then(|name| presets::all().iter().position(|p| p.name == name)).unwrap_or(0);
        let inputs = presets::all()[at].inputs.clone();
        let mut s = Self {
            tab: Tab::Lambda,
            focus: 0,
            typing: None,
            valid: inputs.clone(),
            inputs,
            preset: None,
            error: None,
            question: None,
            scroll: Scroll::default(),
        };
        s.apply(at);
        s
    }

    fn apply(&mut self, at: usize) {
        self.inputs = presets::all()[at].inputs.clone();
        self.valid = self.inputs.clone();
        self.preset = Some(at);
        self.error = None;
        self.typing = None;
        self.question = None;
    }

    pub fn context(&self) -> Context {
        Context::Simulator
    }

    pub fn breadcrumb(&self) -> String {
        format!("Cost simulator › {}", self.tab.title())
    }

    pub fn offers(&self, action: Action) -> bool {
        match action {
            Action::FreeTier => matches!(self.tab, Tab::Lambda | Tab::Compare),
            Action::Arch => self.tab != Tab::Ec2,
            _ => true,
        }
    }

    fn field(&self) -> Field {
        let f = self.tab.fields();
        f[self.focus.min(f.len() - 1)]
    }

    /// After an edit: the field's limit message, or the inputs kept as the last valid ones.
    fn checked(&mut self, prices: &PriceBook, field: Field) {
        self.question = None;
        match self.inputs.check(prices, field).and_then(|()| self.inputs.estimate(prices, self.tab.service())) {
            Ok(_) => {
                self.error = None;
                self.valid = self.inputs.clone();
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Takes what was typed into the focused field.
    fn commit(&mut self, prices: &PriceBook) {
        if let Some(typed) = self.typing.take() {
            let field = self.field();
            match crate::quiz::parse_number(&typed) {
                Ok(x) => {
                    self.inputs.set(field, x);
                    self.checked(prices, field);
                }
                Err(e) => self.error = Some(e.to_string()),
            }
        }
    }

    pub fn update(&mut self, cx: &mut Cx, action: Action) -> (Transition, Vec<Effect>) {
        let prices = &cx.course.pricing;
        match action {
            Action::Type(c) if self.field().takes_digits() => {
                self.typing.get_or_insert_with(String::new).push(c);
                return stay();
            }
            Action::Backspace => {
                if let Some(t) = &mut self.typing {
                    t.pop();
                }
                return stay();
            }
            _ => self.commit(prices),
        }
        let n = self.tab.fields().len();
        match action {
            Action::NextTab | Action::PrevTab => {
                let at = Tab::ALL.iter().position(|t| *t == self.tab).unwrap_or(0);
                let to = if action == Action::NextTab { at + 1 } else { at + Tab::ALL.len() - 1 };
                self.tab = Tab::ALL[to % Tab::ALL.len()];
                self.focus = 0;
                self.error = None;
                self.question = None;
                self.scroll.to_top();
            }
            Action::NextField | Action::Down => self.focus = (self.focus + 1) % n,
            Action::PrevField | Action::Up => self.focus = (self.focus + n - 1) % n,
            Action::More | Action::Less | Action::MuchMore | Action::MuchLess => {
                let up = matches!(action, Action::More | Action::MuchMore);
                let big = matches!(action, Action::MuchMore | Action::MuchLess);
                let field = self.field();
                self.inputs.step(prices, field, up, big);
                self.checked(prices, field);
            }
            Action::Arch => {
                let arch = match self.inputs.lambda.arch {
                    Arch::X86_64 => Arch::Arm64,
                    Arch::Arm64 => Arch::X86_64,
                };
                self.inputs.lambda.arch = arch;
                self.inputs.fargate.arch = arch;
                self.valid.lambda.arch = arch;
                self.valid.fargate.arch = arch;
                self.question = None;
            }
            Action::FreeTier => {
                self.inputs.lambda.free_tier = !self.inputs.lambda.free_tier;
                self.valid.lambda.free_tier = self.inputs.lambda.free_tier;
                self.question = None;
            }
            Action::Preset => {
                let next = self.preset.map_or(0, |p| (p + 1) % presets::all().len());
                self.apply(next);
            }
            Action::Quiz => match &mut self.question {
                Some(q) if !q.shown => q.shown = true,
                _ => self.question = self.ask(cx.course),
            },
            _ => {
                self.scroll.apply(action);
            }
        }
        stay()
    }

    /// The estimate of the tab: of the inputs, or while an edit is refused, of the last valid
    /// ones.
    pub fn estimate(&self, prices: &PriceBook) -> Result<Estimate, CostError> {
        let service = self.tab.service();
        self.inputs.estimate(prices, service).or_else(|_| self.valid.estimate(prices, service))
    }

    fn plan(&self, prices: &PriceBook) -> Result<Plan, CostError> {
        let shown = if self.error.is_some() { &self.valid } else { &self.inputs };
        Plan::new(prices, shown.workload(), shown.assumptions(prices))
    }

    /// A question about what is on screen: the month's bill of this tab, or, on Compare, the
    /// cheapest option at the current load.
    fn ask(&self, course: &Course) -> Option<Question> {
        let prices = &course.pricing;
        if let Some(q) = self.generated(course) {
            return Some(q);
        }
        if self.tab == Tab::Compare {
            let plan = self.plan(prices).ok()?;
            let requests = self.inputs.lambda.invocations;
            let point = plan.at(requests);
            let cost = |s: Service| point.cost(s).map_or("cannot carry it".to_string(), |c| format!("${c:.2}"));
            return Some(Question {
                prompt: format!(
                    "At {} requests a month, which of Lambda, Fargate and EC2 is cheapest for this workload?",
                    num(requests)
                ),
                answer: point.cheapest.title().to_string(),
                worked: vec![
                    format!("Lambda: {}", cost(Service::Lambda)),
                    format!("Fargate: {}", cost(Service::Fargate)),
                    format!("EC2: {}", cost(Service::Ec2)),
                ],
                shown: false,
            });
        }
        let e = self.estimate(prices).ok()?;
        let (l, f, e2) = (&self.inputs.lambda, &self.inputs.fargate, &self.inputs.ec2);
        let what = match self.tab {
            Tab::Lambda => format!(
                "{} invocations a month of {} ms at {} MB ({}{})",
                num(l.invocations),
                num(l.duration_ms),
                num(l.memory_mb),
                l.arch.name(),
                if l.free_tier { ", free tier on" } else { ", no free tier" }
            ),
            Tab::Fargate => format!(
                "{} task(s) of {} vCPU and {} GB for {} hours each ({})",
                num(f.tasks),
                num(f.vcpu),
                num(f.memory_gb),
                num(f.hours),
                f.arch.name()
            ),
            _ => format!("{} x {} for the month", num(e2.count), e2.instance_type),
        };
        Some(Question {
            prompt: format!("What is the monthly bill for {what}?"),
            answer: format!("${:.2}", e.total()),
            worked: e.steps.clone(),
            shown: false,
        })
    }

    /// The tab's workload as a generated question, from the template whose wording fits it,
    /// with the results of the common mistakes to compare against.
    fn generated(&self, course: &Course) -> Option<Question> {
        let (model, inputs) = match self.tab {
            Tab::Lambda => (Model::LambdaCost, generate::lambda_inputs(&self.valid.lambda)),
            Tab::Fargate => (Model::FargateCost, generate::fargate_inputs(&self.valid.fargate)),
            Tab::Ec2 => (Model::Ec2Cost, generate::ec2_inputs(&self.valid.ec2)),
            Tab::Compare => return None,
        };
        let template = generate::fitting(course, model, &inputs)?;
        let i = generate::with_inputs(course, template, &inputs, 0, Form::Natural)?;
        let answer = match i.answer {
            generate::Answer::Number(x) => i.show(x),
            generate::Answer::Option(_) => return None,
        };
        let mut worked = i.steps.clone();
        if !i.mistakes.is_empty() {
            worked.push("Common mistakes and what they give:".into());
            worked.extend(i.mistakes.iter().map(|m| format!("{}: {}", i.show(m.value), m.says)));
        }
        Some(Question { prompt: i.prompt, answer, worked, shown: false })
    }

    pub fn render(&self, v: &View, frame: &mut Frame, area: Rect) {
        let theme = v.theme;
        let prices = &v.course.pricing;
        let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let mut spans = vec![Span::raw(" ")];
        for t in Tab::ALL {
            let style = if t == self.tab { theme.selected } else { theme.dim };
            spans.push(Span::styled(format!(" {} ", t.title()), style));
            spans.push(Span::raw(" "));
        }
        if let Some(p) = self.preset {
            spans.push(Span::styled(format!(" preset: {}", presets::all()[p].name), theme.dim));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
        if self.tab == Tab::Compare {
            self.render_compare(v, frame, body);
            return;
        }
        let w = text_width(body.width);
        let mut lines = self.field_lines(v, w);
        lines.push(Line::default());
        match self.estimate(prices) {
            Ok(e) => {
                for l in e.to_text().lines() {
                    lines.extend(text::wrap_prefixed(" ", l, w, theme.text, theme.text));
                }
            }
            Err(e) => lines.extend(text::wrap_prefixed(" ", &e.to_string(), w, theme.warning, theme.warning)),
        }
        self.question_lines(theme, w, &mut lines);
        scrolled(frame, body, lines, &self.scroll, None, theme);
    }

    fn field_lines(&self, v: &View, w: usize) -> Vec<Line<'static>> {
        let theme = v.theme;
        let mut lines = Vec::new();
        if let Some(p) = self.preset {
            lines.extend(text::wrap_prefixed(" ", presets::all()[p].about, w, theme.dim, theme.dim));
        }
        let fields = self.tab.fields();
        let label_w = fields.iter().map(|f| f.label().len()).max().unwrap_or(0);
        for (i, &f) in fields.iter().enumerate() {
            let focused = i == self.focus;
            let value = match (&self.typing, focused) {
                (Some(t), true) => format!("{t}▏"),
                _ => match self.inputs.value(&v.course.pricing, f) {
                    Some(x) => num(x),
                    None => self.inputs.ec2.instance_type.clone(),
                },
            };
            let style = if focused { theme.selected } else { theme.text };
            let mut spans = vec![
                Span::raw(format!(" {:<label_w$}  ", f.label())),
                Span::styled(format!(" {value} "), style),
                Span::styled(format!(" {}", f.unit()), theme.dim),
            ];
            if focused && let Some(e) = &self.error {
                spans.push(Span::styled(format!("  {e}"), theme.warning));
            }
            lines.push(Line::from(spans));
        }
        let toggles = match self.tab {
            Tab::Lambda | Tab::Compare => format!(
                " architecture {} (a) · free tier {} (t)",
                self.inputs.lambda.arch.name(),
                if self.inputs.lambda.free_tier { "on" } else { "off" }
            ),
            Tab::Fargate => format!(" architecture {} (a)", self.inputs.fargate.arch.name()),
            Tab::Ec2 => String::new(),
        };
        if !toggles.is_empty() {
            lines.push(Line::styled(toggles, theme.dim));
        }
        lines
    }

    fn question_lines(&self, theme: &Theme, w: usize, lines: &mut Vec<Line<'static>>) {
        let Some(q) = &self.question else { return };
        lines.push(Line::default());
        lines.extend(text::wrap_prefixed(" Quiz: ", &q.prompt, w, theme.accent, theme.accent));
        if q.shown {
            lines.extend(text::wrap_prefixed(" Answer: ", &q.answer, w, theme.correct, theme.correct));
            for step in &q.worked {
                lines.extend(text::wrap_prefixed("   ", step, w, theme.text, theme.dim));
            }
        } else {
            lines.push(Line::styled(" Work it out, then z shows the answer.", theme.dim));
        }
    }

    fn render_compare(&self, v: &View, frame: &mut Frame, area: Rect) {
        let theme = v.theme;
        let prices = &v.course.pricing;
        let w = text_width(area.width);
        let mut head = self.field_lines(v, w);
        let plan = match self.plan(prices) {
            Ok(plan) => plan,
            Err(e) => {
                head.extend(text::wrap_prefixed(" ", &e.to_string(), w, theme.warning, theme.warning));
                frame.render_widget(Paragraph::new(head), area);
                return;
            }
        };
        let below = compare_notes(&plan, w, theme);
        let quiz_lines = {
            let mut l = Vec::new();
            self.question_lines(theme, w, &mut l);
            l
        };
        let head_h = head.len() as u16;
        let notes_h = (below.len() + quiz_lines.len()) as u16;
        // Lambda's cost against memory when there is room for both charts at 8 rows or more.
        let tuning_h = if area.height >= head_h + 8 + 8 + 4 { 8.max((area.height - head_h) / 4) } else { 0 };
        // The chart first: at least 8 rows; the notes get what is left.
        let [top, chart, tune, notes] = Layout::vertical([
            Constraint::Length(head_h),
            Constraint::Min(8),
            Constraint::Length(tuning_h),
            Constraint::Max(notes_h),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(head), top);
        load_chart(&plan, theme, frame, chart);
        if tuning_h > 0 {
            tuning_chart(prices, &self.valid.lambda, theme, frame, tune);
        }
        // The question first: the assumptions are the ones to cut on a short terminal.
        let mut rest = quiz_lines;
        if tuning_h > 0
            && let Ok(t) = tuning::tune(prices, &self.valid.lambda)
        {
            rest.extend(text::wrap_prefixed(" · Memory chart: ", &t.model_text(), w, theme.dim, theme.dim));
        }
        rest.extend(below);
        frame.render_widget(Paragraph::new(rest), notes);
    }
}

/// The break-evens and the assumptions, under the chart.
fn compare_notes(plan: &Plan, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let evens = plan.break_evens(DEFAULT_FROM, DEFAULT_TO);
    match evens.first() {
        Some(b) => lines.extend(text::wrap_prefixed(
            " ",
            &format!(
                "First break-even: {} becomes cheaper than {} at {} requests a month.",
                b.to.title(),
                b.from.title(),
                num(b.requests.round())
            ),
            w,
            theme.accent,
            theme.accent,
        )),
        None => {
            lines.push(Line::styled(" No break-even in this range: one option is cheapest throughout.", theme.accent));
        }
    }
    if let Some(last) = evens.last() {
        lines.extend(text::wrap_prefixed(
            " ",
            &format!("From {} requests a month on, {} stays cheapest.", num(last.requests.round()), last.to.title()),
            w,
            theme.text,
            theme.text,
        ));
    }
    for a in plan.assumptions_text() {
        lines.extend(text::wrap_prefixed(" · ", &a, w, theme.dim, theme.dim));
    }
    lines
}

/// Monthly cost against requests per month (log axis) for the three options, the
/// break-evens marked. Each series has its own marker, so NO_COLOR still tells them apart.
fn load_chart(plan: &Plan, theme: &Theme, frame: &mut Frame, area: Rect) {
    let points = plan.series(DEFAULT_FROM, DEFAULT_TO, 20);
    // Both axes are logarithmic: costs from cents to thousands of dollars all stay readable.
    // A month under a cent (the free tier) sits on the bottom line.
    let y = |cost: f64| cost.max(Y_FLOOR).log10();
    let series = |s: Service| -> Vec<(f64, f64)> {
        points.iter().filter_map(|p| p.cost(s).map(|c| (p.requests.log10(), y(c)))).collect()
    };
    let (lam, far, ec2s) = (series(Service::Lambda), series(Service::Fargate), series(Service::Ec2));
    let evens: Vec<(f64, f64)> = plan
        .break_evens(DEFAULT_FROM, DEFAULT_TO)
        .iter()
        .map(|b| {
            let p = plan.at(b.requests);
            (b.requests.log10(), y(p.cost(b.to).unwrap_or(p.lambda)))
        })
        .collect();
    let top = [&lam, &far, &ec2s].iter().flat_map(|s| s.iter().map(|p| p.1)).fold(0.0_f64, f64::max).ceil().max(1.0);
    let bottom = Y_FLOOR.log10();
    let styles = [theme.accent, theme.correct, theme.wrong];
    // Blocks first, Braille last: a later series draws over an earlier one where they meet,
    // and the thin Lambda line would vanish under the others.
    let datasets = vec![
        Dataset::default().name("EC2 █").marker(Marker::Block).graph_type(GraphType::Line).style(styles[2]).data(&ec2s),
        Dataset::default()
            .name("Fargate •")
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(styles[1])
            .data(&far),
        Dataset::default()
            .name("Lambda ⣿")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(styles[0])
            .data(&lam),
        Dataset::default()
            .name("break-even ▄")
            .marker(Marker::Bar)
            .graph_type(GraphType::Scatter)
            .style(theme.strong)
            .data(&evens),
    ];
    let (lo, hi) = (DEFAULT_FROM.log10(), DEFAULT_TO.log10());
    let x_labels: Vec<Line> =
        (lo as i32..=hi as i32).step_by(1).map(|e| Line::raw(short_count(10f64.powi(e)))).collect();
    // A label every second power of ten: $0.01, $1, $100, $10K...
    let y_labels: Vec<Line> = (bottom as i32..=top as i32)
        .step_by(2)
        .map(|e| Line::raw(format!("${}", if e < 0 { num(10f64.powi(e)) } else { short_count(10f64.powi(e)) })))
        .collect();
    let chart = Chart::new(datasets)
        .block(Block::new().borders(Borders::TOP).title(" Monthly cost against requests per month (both scales log) "))
        .x_axis(Axis::default().title("requests/month").bounds([lo, hi]).labels(x_labels).style(theme.dim))
        .y_axis(Axis::default().title("USD").bounds([bottom, top]).labels(y_labels).style(theme.dim))
        .legend_position(Some(ratatui::widgets::LegendPosition::BottomRight))
        .hidden_legend_constraints((Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)));
    frame.render_widget(chart, area);
}

/// The bottom of the cost axis: a month under a cent is drawn there.
const Y_FLOOR: f64 = 0.01;

/// Lambda's cost per million requests against its memory, under the duration model stated.
fn tuning_chart(prices: &PriceBook, usage: &LambdaUsage, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Ok(curve) = tuning::tune(prices, usage) else { return };
    let data: Vec<(f64, f64)> =
        curve.points.iter().filter_map(|p| p.cost_per_million.map(|c| (p.memory_mb, c))).collect();
    let y_max = data.iter().map(|p| p.1).fold(0.01_f64, f64::max);
    let ds = Dataset::default()
        .name("per 1M requests")
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(theme.accent)
        .data(&data);
    let best = curve.best().map_or(String::new(), |b| format!("; cheapest at {} MB", num(b.memory_mb)));
    let title = format!(" Lambda cost per million requests against memory{best} ");
    let chart = Chart::new(vec![ds])
        .block(Block::new().borders(Borders::TOP).title(title))
        .x_axis(
            Axis::default()
                .title("MB")
                .bounds([128.0, 10_240.0])
                .labels(vec![Line::raw("128"), Line::raw("5,184"), Line::raw("10,240")])
                .style(theme.dim),
        )
        .y_axis(
            Axis::default()
                .title("USD")
                .bounds([0.0, y_max * 1.05])
                .labels(vec![Line::raw("$0"), Line::raw(format!("${y_max:.2}"))])
                .style(theme.dim),
        );
    frame.render_widget(chart, area);
}

/// 10,000 as "10K", 1,000,000 as "1M".
fn short_count(x: f64) -> String {
    match x {
        x if x >= 1e9 => format!("{}B", num(x / 1e9)),
        x if x >= 1e6 => format!("{}M", num(x / 1e6)),
        x if x >= 1e3 => format!("{}K", num(x / 1e3)),
        x => num(x),
    }
}
