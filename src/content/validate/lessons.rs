//! Lessons: their title and body, the sources they cite and the diagrams they show.

use std::collections::BTreeSet;

use toml::Spanned;

use super::{Known, fields};
use crate::content::model::{Lesson, Source};
use crate::content::raw;
use crate::report::{Reporter, SourceText};

/// Checks one lesson (its id is the topic's business) and adds the diagrams it names to
/// `shown`.
pub(super) fn check(
    c: &mut Reporter,
    f: &SourceText<'_>,
    l: raw::Lesson,
    known: &Known,
    shown: &mut BTreeSet<String>,
) -> Lesson {
    fields::text(c, f, &l.title, "lesson title", false);
    if fields::text(c, f, &l.body, "lesson body", true) && l.body.get_ref().trim_start().starts_with("# ") {
        c.at(
            f,
            &l.body.span(),
            "lesson body starts with a `#` heading, but the title is shown above the body: \
             remove it, and use `##` for sections",
        );
    }
    if l.sources.get_ref().is_empty() {
        c.at(
            f,
            &l.sources.span(),
            "a lesson needs at least one source: add { title = \"...\", url = \"https://...\" }",
        );
    }
    for s in l.sources.get_ref() {
        fields::text(c, f, &s.get_ref().title, "source title", false);
        fields::url(c, f, &s.get_ref().url, "source url");
    }
    let mut seen = BTreeSet::new();
    for d in &l.diagrams {
        let id = d.get_ref();
        if !seen.insert(id.clone()) {
            c.at(f, &d.span(), format!("diagram `{id}` is listed twice"));
        } else if !known.declared_diagrams.contains(id) {
            let hint = c.did_you_mean(id, known.diagrams);
            c.at(f, &d.span(), format!("diagram `{id}` does not exist (no diagrams/{id}.toml){hint}"));
        }
    }
    shown.extend(seen);
    Lesson {
        id: l.id.into_inner(),
        title: l.title.into_inner(),
        body: l.body.into_inner(),
        diagrams: l.diagrams.into_iter().map(Spanned::into_inner).collect(),
        start_here: l.start_here,
        sources: l
            .sources
            .into_inner()
            .into_iter()
            .map(|s| {
                let s = s.into_inner();
                Source { title: s.title.into_inner(), url: s.url.into_inner() }
            })
            .collect(),
    }
}
