//! Footnotes with numeric labels (`[^3]` and `[^3]: …`) are renumbered by
//! first citation like plain ids, in a numbering of their own; footnotes
//! labelled with words (`[^minutes]`) never change. A label with a leading
//! zero (`[^03]`) is a word here: `[^03]` and `[^3]` are different notes.

use std::collections::{HashMap, HashSet};

use super::edit::Edit;
use super::entries;
use crate::document::markers::{MarkerItem, SourceId};
use crate::document::{Document, Origin, SourceEntry};

/// The number a footnote label stands for, if it is one.
pub fn label_number(label: &str) -> Option<u32> {
    let digits = !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit());
    (digits && !label.starts_with('0'))
        .then(|| label.parse().ok())
        .flatten()
}

fn number(id: &SourceId) -> Option<u32> {
    match id {
        SourceId::Label(l) => label_number(l),
        SourceId::Num(_) => None,
    }
}

/// Edits renumbering the numeric footnotes (markers and definitions).
pub fn edits(doc: &Document) -> Vec<Edit> {
    let list: Vec<&SourceEntry> = doc
        .sources
        .iter()
        .filter(|s| s.origin == Origin::Footnote && number(&s.id).is_some())
        .collect();
    let defined: HashSet<u32> = list.iter().filter_map(|e| number(&e.id)).collect();
    if defined.len() != list.len() || !entries::single_list(doc, &list) {
        return Vec::new(); // a label defined twice: CIT003's business
    }
    let mut order = Vec::new();
    let mut seen = HashSet::new();
    let mut undefined = HashSet::new();
    let mut cited: Vec<(std::ops::Range<usize>, u32)> = Vec::new();
    for m in &doc.markers {
        let Some(MarkerItem::One { id, .. }) = m.items.first() else {
            continue;
        };
        let Some(n) = number(id) else { continue };
        cited.push((m.span.start + 2..m.span.end - 1, n));
        if !defined.contains(&n) {
            undefined.insert(n);
        } else if seen.insert(n) {
            order.push(n);
        }
    }
    let by_num: HashMap<u32, &SourceEntry> = list.iter().filter_map(|e| Some((number(&e.id)?, *e))).collect();
    let mut survivors: Vec<&SourceEntry> = order.iter().filter_map(|n| by_num.get(n).copied()).collect();
    survivors.extend(list.iter().filter(|e| !seen.contains(&number(&e.id).unwrap_or(0))));
    let mut new = HashMap::new();
    let mut next = 1;
    for s in &survivors {
        while undefined.contains(&next) {
            next += 1;
        }
        new.insert(number(&s.id).unwrap_or(0), next);
        next += 1;
    }
    let map = |n: u32| new.get(&n).copied().unwrap_or(n);
    let Some((false, mut out)) = entries::rewrite(doc, &list, &survivors, &map) else {
        return Vec::new();
    };
    for (range, n) in cited {
        if map(n) != n {
            out.push(Edit::new(range, map(n).to_string()));
        }
    }
    out
}
