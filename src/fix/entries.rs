//! Rewriting a sources list: the surviving entries, ordered by their new
//! numbers, are written into the places the entries held (their "slots"),
//! each with its id changed; slots left over are deleted with their lines.
//! An entry numbered by its position (a plain bullet, a front-matter string)
//! has no id to change, so such a list is only rewritten when the new
//! numbers are exactly 1, 2, 3… in slot order.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use super::edit::{whole_lines, Edit};
use crate::document::markers::SourceId;
use crate::document::{Document, Origin, SourceEntry};

/// Where an entry's number is written.
enum IdAt {
    /// This range of the entry's text (relative to its span).
    Explicit(Range<usize>),
    /// Nowhere: the entry's position is its number.
    Positional,
    /// An id we cannot locate safely.
    Unknown,
}

static TABLE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^[ \t]*(?:-[ \t]+)?(?:id|n|number)[ \t]*[:=][ \t]*["']?(\d+)["']?[ \t]*(?:#.*)?\r?$"#)
        .expect("id regex")
});
static ANY_ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:id|n|number)\b[ \t]*[:=]").expect("any id regex"));

/// The text an entry occupies. A TOML `[[sources]]` table is known only by
/// its header; it runs to the next table header (or the `+++` fence).
pub fn slot(e: &SourceEntry, text: &str) -> Range<usize> {
    if !text[e.span.clone()].starts_with("[[") {
        return e.span.clone();
    }
    let mut end = e.span.end;
    let mut pos = text[e.span.end..].find('\n').map_or(text.len(), |i| e.span.end + i + 1);
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let t = text[pos..line_end].trim();
        if t.starts_with('[') || t == "+++" {
            break;
        }
        if !t.is_empty() && !t.starts_with('#') {
            end = pos + text[pos..line_end].trim_end().len();
        }
        pos = line_end + 1;
    }
    e.span.start..end
}

/// An entry's number: its id, or a footnote's numeric label.
pub fn number(e: &SourceEntry) -> Option<u32> {
    match &e.id {
        SourceId::Num(n) => Some(*n),
        SourceId::Label(l) if e.origin == Origin::Footnote => super::footnotes::label_number(l),
        SourceId::Label(_) => None,
    }
}

fn id_at(e: &SourceEntry, text: &str) -> IdAt {
    let span = slot(e, text);
    let body = &text[span.clone()];
    let Some(n) = number(e) else {
        return IdAt::Unknown;
    };
    match e.origin {
        Origin::Section | Origin::LinkDefinition | Origin::Footnote => {
            let inside = e.span.start <= e.id_span.start && e.id_span.end <= e.span.end;
            match text[e.id_span.clone()].parse::<u32>() {
                Ok(m) if m == n && inside => IdAt::Explicit(e.id_span.start - span.start..e.id_span.end - span.start),
                Ok(_) => IdAt::Unknown,
                Err(_) => IdAt::Positional,
            }
        }
        Origin::FrontMatter | Origin::Sidecar => {
            let mut found = TABLE_ID.captures_iter(body);
            match (found.next(), found.next()) {
                (Some(c), None) if c[1].parse() == Ok(n) => IdAt::Explicit(c.get(1).expect("group").range()),
                (None, _) if !ANY_ID.is_match(body) => IdAt::Positional,
                _ => IdAt::Unknown,
            }
        }
    }
}

/// Whether the numbered entries form one list that can be rewritten: one
/// file, one origin, slots in order and apart. A positional front-matter or
/// sidecar list must not mix in labelled entries (they hold positions too).
pub fn single_list(doc: &Document, list: &[&SourceEntry]) -> bool {
    let Some(first) = list.first() else {
        return false;
    };
    let same = list
        .iter()
        .all(|e| Arc::ptr_eq(&e.file, &first.file) && e.origin == first.origin);
    let text = &first.file.text;
    let apart = list.windows(2).all(|w| {
        let (a, b) = (slot(w[0], text), slot(w[1], text));
        a.end <= b.start && a.start < a.end
    });
    let labelled = doc
        .sources
        .iter()
        .any(|s| s.origin == first.origin && matches!(s.id, SourceId::Label(_)));
    same && apart && !(labelled && matches!(first.origin, Origin::FrontMatter | Origin::Sidecar))
}

/// Edits that turn `list` (every numbered entry, in text order) into
/// `survivors` (in new-number order) numbered by `map`. Returns whether the
/// list is in the sidecar, and the edits; `None` when it cannot be done safely.
pub fn rewrite(
    doc: &Document,
    list: &[&SourceEntry],
    survivors: &[&SourceEntry],
    map: &dyn Fn(u32) -> u32,
) -> Option<(bool, Vec<Edit>)> {
    let file = &list.first()?.file;
    let text = file.text.as_str();
    let mut rendered = Vec::with_capacity(survivors.len());
    for (k, e) in survivors.iter().enumerate() {
        let new = map(number(e)?);
        let body = &text[slot(e, text)];
        match id_at(e, text) {
            IdAt::Explicit(r) => rendered.push(format!("{}{new}{}", &body[..r.start], &body[r.end..])),
            IdAt::Positional if new as usize == k + 1 => rendered.push(body.to_string()),
            _ => return None,
        }
    }
    let slots: Vec<Range<usize>> = list.iter().map(|e| slot(e, text)).collect();
    let mut edits = Vec::new();
    for (i, slot) in slots.iter().enumerate() {
        match rendered.get(i) {
            Some(t) if text[slot.clone()] != *t => edits.push(Edit::new(slot.clone(), t.clone())),
            Some(_) => {}
            None => {
                let gone = whole_lines(text, slot.clone());
                // Slots are in order and apart: only the neighbours can share a line.
                let clash =
                    (i > 0 && slots[i - 1].end > gone.start) || slots.get(i + 1).is_some_and(|s| s.start < gone.end);
                if clash {
                    return None;
                }
                edits.push(Edit::delete(gone));
            }
        }
    }
    Some((!Arc::ptr_eq(file, &doc.file), edits))
}
