//! Text for cells: sanitising, word wrapping of styled runs, and Markdown to lines.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::Theme;

/// Replaces anything that could drive the terminal (control characters, escapes, bidi
/// overrides) with a visible stand-in. Content is validated already; this guards text that
/// comes from elsewhere (error messages, paths).
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => '\n',
            '\t' => ' ',
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => '\u{FFFD}',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// A paragraph being built: styled runs, then wrapped with a prefix on the first line and an
/// indent on the others (for list items and quotes).
#[derive(Default)]
pub struct Block {
    runs: Vec<(String, Style)>,
    first_prefix: String,
    rest_prefix: String,
}

impl Block {
    pub fn new(first_prefix: impl Into<String>, rest_prefix: impl Into<String>) -> Self {
        Self { runs: Vec::new(), first_prefix: first_prefix.into(), rest_prefix: rest_prefix.into() }
    }

    pub fn push(&mut self, text: &str, style: Style) {
        if let Some((last, last_style)) = self.runs.last_mut()
            && *last_style == style
        {
            last.push_str(text);
            return;
        }
        self.runs.push((text.to_string(), style));
    }

    pub fn is_empty(&self) -> bool {
        self.runs.iter().all(|(t, _)| t.trim().is_empty())
    }

    /// Greedy word wrap to `width` columns. Words longer than a line are cut.
    pub fn wrap(self, width: usize, prefix_style: Style) -> Vec<Line<'static>> {
        let width = width.max(1);
        // Words: runs of non-space characters, each made of styled pieces.
        let mut words: Vec<Vec<(String, Style)>> = Vec::new();
        let mut current: Vec<(String, Style)> = Vec::new();
        for (text, style) in &self.runs {
            for ch in text.chars() {
                if ch == ' ' || ch == '\n' {
                    if !current.is_empty() {
                        words.push(std::mem::take(&mut current));
                    }
                } else {
                    match current.last_mut() {
                        Some((s, st)) if st == style => s.push(ch),
                        _ => current.push((ch.to_string(), *style)),
                    }
                }
            }
        }
        if !current.is_empty() {
            words.push(current);
        }
        let mut lines = Vec::new();
        let mut spans: Vec<Span<'static>> = vec![Span::styled(self.first_prefix.clone(), prefix_style)];
        let mut used = self.first_prefix.width();
        let indent = self.rest_prefix.width();
        let mut line_has_word = false;
        for word in words {
            let w: usize = word.iter().map(|(s, _)| s.width()).sum();
            if line_has_word && used + 1 + w > width {
                lines.push(Line::from(std::mem::take(&mut spans)));
                spans.push(Span::styled(self.rest_prefix.clone(), prefix_style));
                used = indent;
                line_has_word = false;
            }
            if line_has_word {
                spans.push(Span::raw(" "));
                used += 1;
            }
            for (s, style) in word {
                // A word wider than the line is cut into pieces that fit.
                let mut piece = String::new();
                for ch in s.chars() {
                    let cw = ch.to_string().width();
                    if used + cw > width && used > indent {
                        spans.push(Span::styled(std::mem::take(&mut piece), style));
                        lines.push(Line::from(std::mem::take(&mut spans)));
                        spans.push(Span::styled(self.rest_prefix.clone(), prefix_style));
                        used = indent;
                    }
                    piece.push(ch);
                    used += cw;
                }
                spans.push(Span::styled(piece, style));
            }
            line_has_word = true;
        }
        lines.push(Line::from(spans));
        lines
    }
}

/// Wraps plain text (paragraphs split on blank lines, line breaks kept) in one style.
pub fn wrap_plain(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            out.push(Line::default());
            continue;
        }
        let mut b = Block::default();
        b.push(line, style);
        out.extend(b.wrap(width, style));
    }
    out
}

/// Wraps text with a hanging prefix, e.g. "  ✔ " before an explanation.
pub fn wrap_prefixed(prefix: &str, text: &str, width: usize, style: Style, prefix_style: Style) -> Vec<Line<'static>> {
    let indent = " ".repeat(prefix.width());
    let mut b = Block::new(prefix, indent);
    b.push(text, style);
    b.wrap(width, prefix_style)
}

/// A table being read: rows of cells (plain text), the first row the header.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    /// Columns padded to their widest cell when they fit; otherwise one wrapped line per
    /// row, its cells joined with " · ", so nothing is cut off on a narrow terminal.
    fn render(self, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        let cols = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..cols)
            .map(|c| self.rows.iter().filter_map(|r| r.get(c)).map(|s| s.width()).max().unwrap_or(0))
            .collect();
        let total = widths.iter().sum::<usize>() + 2 * cols.saturating_sub(1) + 1;
        let mut out = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            let style = if i == 0 { theme.strong } else { theme.text };
            if total <= width {
                let cells: Vec<String> = widths
                    .iter()
                    .enumerate()
                    .map(|(c, w)| {
                        let cell = row.get(c).map_or("", String::as_str);
                        format!("{cell}{}", " ".repeat(w - cell.width()))
                    })
                    .collect();
                out.push(Line::styled(format!(" {}", cells.join("  ").trim_end()), style));
                if i == 0 {
                    out.push(Line::styled(format!(" {}", "─".repeat(total - 1)), theme.dim));
                }
            } else {
                out.extend(wrap_prefixed(" ", &row.join(" · "), width, style, theme.dim));
            }
        }
        out
    }
}

/// Renders lesson Markdown: headings, paragraphs, emphasis, inline code, lists (nested,
/// numbered), block quotes, tables, fenced code and rules.
pub fn markdown(md: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut block: Option<Block> = None;
    let mut styles: Vec<Style> = vec![theme.text];
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut quote = 0usize;
    let mut in_code = false;
    let mut table: Option<Table> = None;
    let quote_prefix = |depth: usize| "│ ".repeat(depth);

    let flush = |out: &mut Vec<Line<'static>>, block: &mut Option<Block>| {
        if let Some(b) = block.take()
            && !b.is_empty()
        {
            out.extend(b.wrap(width, theme.dim));
        }
    };
    let blank = |out: &mut Vec<Line<'static>>| {
        if out.last().is_some_and(|l| l.width() > 0) {
            out.push(Line::default());
        }
    };

    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => {
                flush(&mut out, &mut block);
                blank(&mut out);
                table = Some(Table::default());
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    out.extend(t.render(width, theme));
                }
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.rows.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some(row) = table.as_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(String::new());
                }
            }
            Event::Text(text) | Event::Code(text) if table.is_some() => {
                if let Some(cell) = table.as_mut().and_then(|t| t.rows.last_mut()).and_then(|r| r.last_mut()) {
                    cell.push_str(&text);
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut out, &mut block);
                blank(&mut out);
                let mark = if level == HeadingLevel::H1 { "" } else { "▍" };
                block = Some(Block::new(mark, ""));
                styles.push(theme.heading);
            }
            Event::End(TagEnd::Heading(_)) => {
                styles.pop();
                flush(&mut out, &mut block);
            }
            Event::Start(Tag::Paragraph) => {
                if block.as_ref().is_none_or(|b| !b.is_empty()) && lists.is_empty() {
                    flush(&mut out, &mut block);
                    blank(&mut out);
                }
                if block.is_none() {
                    let p = quote_prefix(quote);
                    block = Some(Block::new(p.clone(), p));
                }
            }
            Event::End(TagEnd::Paragraph) if lists.is_empty() => flush(&mut out, &mut block),
            Event::Start(Tag::List(start)) => {
                flush(&mut out, &mut block);
                if lists.is_empty() {
                    blank(&mut out);
                }
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut out, &mut block);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut out, &mut block);
                let depth = lists.len().saturating_sub(1);
                let indent = format!("{}{}", quote_prefix(quote), "  ".repeat(depth));
                let marker = match lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "• ".to_string(),
                };
                let rest = format!("{indent}{}", " ".repeat(marker.width()));
                block = Some(Block::new(format!("{indent}{marker}"), rest));
            }
            Event::End(TagEnd::Item) => flush(&mut out, &mut block),
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut out, &mut block);
                blank(&mut out);
                quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut out, &mut block);
                quote = quote.saturating_sub(1);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut out, &mut block);
                blank(&mut out);
                in_code = true;
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Emphasis) => {
                styles.push(styles.last().copied().unwrap_or_default().patch(theme.emphasis));
            }
            Event::Start(Tag::Strong) => styles.push(styles.last().copied().unwrap_or_default().patch(theme.strong)),
            Event::Start(Tag::Link { .. }) => {
                styles.push(styles.last().copied().unwrap_or_default().patch(theme.accent));
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link) => {
                styles.pop();
            }
            Event::Text(text) if in_code => {
                for line in text.trim_end_matches('\n').split('\n') {
                    out.push(Line::from(vec![Span::raw("  "), Span::styled(line.to_string(), theme.code)]));
                }
            }
            Event::Text(text) => {
                let style = styles.last().copied().unwrap_or_default();
                block.get_or_insert_with(Block::default).push(&text, style);
            }
            Event::Code(code) => {
                block.get_or_insert_with(Block::default).push(&code, theme.code);
            }
            Event::SoftBreak => {
                let style = styles.last().copied().unwrap_or_default();
                if let Some(b) = block.as_mut() {
                    b.push(" ", style);
                }
            }
            Event::HardBreak => {
                if let Some(b) = block.take() {
                    let (first, rest) = (b.rest_prefix.clone(), b.rest_prefix.clone());
                    out.extend(b.wrap(width, theme.dim));
                    block = Some(Block::new(first, rest));
                }
            }
            Event::Rule => {
                flush(&mut out, &mut block);
                blank(&mut out);
                out.push(Line::styled("─".repeat(width.min(40)), theme.dim));
            }
            _ => {}
        }
    }
    flush(&mut out, &mut block);
    while out.last().is_some_and(|l| l.width() == 0) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>()).collect()
    }

    #[test]
    fn wraps_words_without_breaking_them() {
        let lines = wrap_plain("the quick brown fox jumps over the lazy dog", 12, Style::new());
        assert_eq!(plain(&lines), ["the quick", "brown fox", "jumps over", "the lazy dog"]);
        assert!(lines.iter().all(|l| l.width() <= 12));
    }

    #[test]
    fn cuts_words_longer_than_the_line() {
        let lines = wrap_plain("abcdefghij", 4, Style::new());
        assert_eq!(plain(&lines), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn a_width_of_one_still_terminates() {
        let lines = wrap_plain("ab cd", 1, Style::new());
        assert_eq!(plain(&lines), ["a", "b", "c", "d"]);
    }

    #[test]
    fn markdown_renders_headings_lists_code_and_emphasis() {
        let md = "# Title\n\nSome **bold** and `code`.\n\n- one\n- two\n  - nested\n\n1. first\n2. second\n\n```\nlet x = 1;\n```\n";
        let theme = Theme::monochrome();
        let lines = markdown(md, 40, &theme);
        assert_eq!(
            plain(&lines),
            [
                "Title",
                "",
                "Some bold and code.",
                "",
                "• one",
                "• two",
                "  • nested",
                "",
                "1. first",
                "2. second",
                "",
                "  let x = 1;"
            ]
        );
        let bold = lines[2].spans.iter().find(|s| s.content == "bold").unwrap();
        assert_eq!(bold.style, theme.strong);
        assert!(lines[2].spans.iter().any(|s| s.content == "code." || s.content == "code"));
    }

    #[test]
    fn list_items_wrap_with_a_hanging_indent() {
        let lines = markdown("- alpha beta gamma delta", 12, &Theme::monochrome());
        assert_eq!(plain(&lines), ["• alpha beta", "  gamma", "  delta"]);
    }

    #[test]
    fn tables_line_up_when_they_fit_and_fall_back_to_rows_when_not() {
        let md = "| share | domain |\n|---|---|\n| 24% | Cloud Concepts |\n| 34% | Cloud `Technology` |\n";
        let theme = Theme::monochrome();
        assert_eq!(
            plain(&markdown(md, 40, &theme)),
            [" share  domain", " ───────────────────────", " 24%    Cloud Concepts", " 34%    Cloud Technology"]
        );
        assert_eq!(
            plain(&markdown(md, 20, &theme)),
            [" share · domain", " 24% · Cloud", " Concepts", " 34% · Cloud", " Technology"]
        );
    }

    #[test]
    fn sanitize_defuses_escape_sequences() {
        assert_eq!(sanitize("a\u{1b}[31mb\u{202e}c\td\n"), "a\u{FFFD}[31mb\u{FFFD}c d\n");
    }
}
