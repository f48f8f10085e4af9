//! Diagrams: each header, its art file in assets/ (clean, and small enough for a terminal),
//! the regions drawn on the art and the steps that highlight them.

use std::collections::{BTreeSet, HashMap};

use toml::Spanned;

use super::DiagramFile;
use super::fields::{self, bad_char, is_kebab};
use crate::content::model::{Diagram, Region, Step};
use crate::content::raw;
use crate::content::source::{ContentSource, FileText};
use crate::report::{Reporter, SourceText, comma_list};

/// Art must fit beside or under a lesson on an ordinary terminal.
pub const MAX_ART_WIDTH: usize = 76;
pub const MAX_ART_HEIGHT: usize = 30;

pub(super) fn check(
    c: &mut Reporter,
    files: &[SourceText<'_>],
    file_of: &HashMap<String, usize>,
    source: &ContentSource,
    diagram_files: Vec<DiagramFile>,
) -> Vec<Diagram> {
    let mut out = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for d in diagram_files {
        let f = &files[d.file];
        let Some(h) = d.header else { continue };
        let mut ok = true;
        let id = h.id.get_ref();
        let stem = f.name.rsplit('/').next().unwrap_or_default().trim_end_matches(".toml");
        if !is_kebab(id) {
            c.at(f, &h.id.span(), format!("diagram id `{id}` must be lowercase kebab case"));
            ok = false;
        } else if id != stem {
            c.at(f, &h.id.span(), format!("diagram id `{id}` must match its file name: diagrams/{id}.toml"));
            ok = false;
        } else if !seen.insert(id.clone()) {
            c.at(f, &h.id.span(), format!("duplicate diagram id `{id}`"));
            ok = false;
        }
        ok &= fields::text(c, f, &h.title, "diagram title", false);
        let art = art(c, f, &h.art, files, file_of, source);
        ok &= art.is_some();
        let art = art.unwrap_or_default();
        let (regions, regions_ok) = regions(c, f, &d.regions, &art);
        let (steps, steps_ok) = steps(c, f, &d.steps, &d.regions, &regions);
        if ok && regions_ok && steps_ok {
            out.push(Diagram { id: id.clone(), title: h.title.into_inner(), art, regions, steps });
        }
    }
    out
}

/// The regions that fit on `art`, 0-based, and whether all of them did.
fn regions(c: &mut Reporter, f: &SourceText<'_>, raw: &[raw::Region], art: &[String]) -> (Vec<Region>, bool) {
    let height = art.len();
    let width = art.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut ok = true;
    let mut regions: Vec<Region> = Vec::new();
    for r in raw {
        let rid = r.id.get_ref();
        if !is_kebab(rid) {
            c.at(f, &r.id.span(), format!("region id `{rid}` must be lowercase kebab case"));
            ok = false;
            continue;
        }
        if regions.iter().any(|x| x.id == *rid) {
            c.at(f, &r.id.span(), format!("region `{rid}` is defined twice"));
            ok = false;
            continue;
        }
        let [top, bottom] = *r.lines.get_ref();
        let [left, right] = *r.cols.get_ref();
        // Lines first: only the first bound that fails is reported.
        let outside = [(&r.lines, "lines", height, "height"), (&r.cols, "cols", width, "width")].into_iter().find(
            |(bounds, _, limit, _)| {
                let [first, last] = *bounds.get_ref();
                first == 0 || first > last || last as usize > *limit
            },
        );
        if let Some((bounds, name, limit, measure)) = outside {
            // Without art (reported on its own) no bound can be judged, so none is reported.
            if !art.is_empty() {
                let [first, last] = *bounds.get_ref();
                c.at(
                    f,
                    &bounds.span(),
                    format!(
                        "region `{rid}` {name} [{first}, {last}] must satisfy 1 <= first <= last <= {limit} (the art's {measure})"
                    ),
                );
            }
            ok = false;
        } else {
            regions.push(Region {
                id: rid.clone(),
                top: top as usize - 1,
                bottom: bottom as usize - 1,
                left: left as usize - 1,
                right: right as usize - 1,
            });
        }
    }
    (regions, ok)
}

/// The steps with their highlights as indexes into `regions`, and whether all resolved. A
/// region that is declared but broken is reported where it is declared, not at each step.
fn steps(
    c: &mut Reporter,
    f: &SourceText<'_>,
    raw: &[raw::Step],
    declared: &[raw::Region],
    regions: &[Region],
) -> (Vec<Step>, bool) {
    let region_ids: Vec<&String> = declared.iter().map(|r| r.id.get_ref()).collect();
    let mut ok = true;
    let mut steps = Vec::new();
    for s in raw {
        ok &= fields::text(c, f, &s.caption, "step caption", true);
        if s.highlight.get_ref().is_empty() {
            c.at(f, &s.highlight.span(), "a step highlights at least one region");
            ok = false;
        }
        let mut highlight = Vec::new();
        for name in s.highlight.get_ref() {
            match regions.iter().position(|r| r.id == *name.get_ref()) {
                Some(i) => highlight.push(i),
                None if region_ids.contains(&name.get_ref()) => ok = false,
                None => {
                    let hint = c.did_you_mean(name.get_ref(), region_ids.iter().copied());
                    let have = if region_ids.is_empty() { "none".to_string() } else { comma_list(&region_ids) };
                    c.at(
                        f,
                        &name.span(),
                        format!(
                            "step names region `{}`, which this diagram lacks (it has: {have}){hint}",
                            name.get_ref()
                        ),
                    );
                    ok = false;
                }
            }
        }
        steps.push(Step { highlight, caption: s.caption.get_ref().clone() });
    }
    (steps, ok)
}

/// Resolves and checks a diagram's art file; returns its lines.
fn art(
    c: &mut Reporter,
    f: &SourceText<'_>,
    art: &Spanned<String>,
    files: &[SourceText<'_>],
    file_of: &HashMap<String, usize>,
    source: &ContentSource,
) -> Option<Vec<String>> {
    let path = art.get_ref();
    let escapes = path.starts_with('/')
        || path.contains('\\')
        || path.contains(':')
        || path.split('/').any(|part| part == ".." || part == ".");
    if path.trim().is_empty() {
        c.at(f, &art.span(), "art is empty; name a file in assets/, like \"thumbnail-pipeline.txt\"");
        return None;
    }
    if escapes {
        c.at(
            f,
            &art.span(),
            format!(
                "art path `{path}` leaves the assets directory; name a file inside assets/, like \"thumbnail-pipeline.txt\""
            ),
        );
        return None;
    }
    let key = format!("assets/{path}");
    match (file_of.get(&key), source.text(&key)) {
        (Some(&ai), _) => art_lines(c, &files[ai]),
        (None, Some(FileText::Outside)) => {
            c.at(f, &art.span(), format!("art `{path}` is a link that leaves the assets directory"));
            None
        }
        (None, Some(_)) => None, // already reported: unreadable, too large, not UTF-8
        (None, None) => {
            c.at(f, &art.span(), format!("art file assets/{path} does not exist"));
            None
        }
    }
}

/// An art file's lines, if it is clean and fits the screen; its problems are reported in it.
fn art_lines(c: &mut Reporter, af: &SourceText<'_>) -> Option<Vec<String>> {
    let mut ok = true;
    let mut offset = 0;
    let lines: Vec<String> =
        af.text.trim_end_matches('\n').split('\n').map(|l| l.trim_end_matches('\r').to_string()).collect();
    // Each kind of problem is reported on its first MAX_ART_HEIGHT lines at most: a megabyte
    // of broken art is a few messages, not one per line.
    let (mut bad_lines, mut wide_lines) = (0, 0);
    for line in af.text.split_inclusive('\n') {
        let text = line.trim_end_matches('\n').trim_end_matches('\r');
        if let Some(problem) = bad_char(text, false) {
            bad_lines += 1;
            if bad_lines <= MAX_ART_HEIGHT {
                let byte = text
                    .char_indices()
                    .find(|(_, ch)| bad_char(&ch.to_string(), false).is_some())
                    .map_or(0, |(b, _)| b);
                c.at(af, &(offset + byte..offset + byte), format!("art contains {problem}"));
            }
            ok = false;
        }
        let width = text.chars().count();
        if width > MAX_ART_WIDTH {
            wide_lines += 1;
            if wide_lines <= MAX_ART_HEIGHT {
                let byte = line.char_indices().nth(MAX_ART_WIDTH).map_or(0, |(b, _)| b);
                c.at(
                    af,
                    &(offset + byte..offset + byte),
                    format!("art line is {width} columns wide; at most {MAX_ART_WIDTH} fit the screen"),
                );
            }
            ok = false;
        }
        offset += line.len();
    }
    if lines.len() > MAX_ART_HEIGHT {
        c.at(af, &(0..0), format!("art is {} lines tall; at most {MAX_ART_HEIGHT} fit the screen", lines.len()));
        ok = false;
    }
    if lines.iter().all(|l| l.trim().is_empty()) {
        c.at(af, &(0..0), "art file is empty");
        ok = false;
    }
    ok.then_some(lines)
}
