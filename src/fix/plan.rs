//! The renumbering plan: which entries survive (exact duplicates merge; with
//! unsafe fixes, uncited entries go and entries sharing a URL merge), the new
//! number of each by first citation, and the edits that write it into the
//! markers and the sources list.

use std::collections::{HashMap, HashSet};

use super::edit::Edit;
use super::{entries, groups};
use crate::data::SourcesData;
use crate::document::markers::{Marker, SourceId};
use crate::document::{Document, SourceEntry};
use crate::rules::citations::Defined;

#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// Also remove uncited sources and merge sources that share a URL.
    pub unsafe_fixes: bool,
    /// URL normalisation for the shared-URL merge.
    pub sources: &'a SourcesData,
    /// Rules turned off in the configuration: their fixes are not made
    /// (CIT008 off: repeats stay and groups keep their order; CIT006 off:
    /// malformed markers stay).
    pub off: &'a [&'a str],
}

/// Edits for the draft and for its sidecar.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Plan {
    pub draft: Vec<Edit>,
    pub sidecar: Vec<Edit>,
    /// Entries removed (merged into another, or uncited).
    pub removed: usize,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.draft.is_empty() && self.sidecar.is_empty()
    }
}

/// Whether a marker cites (a quoted number matching no source does not).
pub fn cites(m: &Marker, defined: &Defined<'_>) -> bool {
    !m.in_quote || m.items.iter().any(|it| defined.hits(it))
}

/// Numbered entries merged: survivors in text order and where each id went.
struct Merged<'d> {
    keepers: Vec<&'d SourceEntry>,
    alias: HashMap<u32, u32>,
}

fn num(e: &SourceEntry) -> u32 {
    match e.id {
        SourceId::Num(n) => n,
        SourceId::Label(_) => 0,
    }
}

/// `None` when two entries share an id but not their text (which one a
/// marker means is unknowable).
fn merge<'d>(list: &[&'d SourceEntry], opts: Options<'_>) -> Option<Merged<'d>> {
    // Matched as SRC007 matches them: two fragments are two places.
    let url_of = |e: &SourceEntry| {
        e.urls
            .first()
            .and_then(|u| url::Url::parse(&u.text).ok())
            .filter(|p| p.host_str().is_some())
    };
    let mut keepers: Vec<&SourceEntry> = Vec::new();
    let mut alias = HashMap::new();
    let mut by_id: HashMap<u32, &str> = HashMap::new();
    let mut by_text: HashMap<&str, u32> = HashMap::new();
    let mut by_url: crate::document::urls::SeenUrls<u32> = Default::default();
    for &e in list {
        let n = num(e);
        if let Some(&content) = by_id.get(&n) {
            if content != e.content {
                return None;
            }
            continue; // the same id and text again: dropped
        }
        by_id.insert(n, &e.content);
        let url = url_of(e).filter(|_| opts.unsafe_fixes);
        let same = match by_text.get(e.content.as_str()).filter(|_| !e.content.is_empty()) {
            Some(&k) => Some(k),
            // Records the URL when it is new (the entry is then kept).
            None => url.as_ref().and_then(|u| by_url.earlier(u, opts.sources, n)),
        };
        match same {
            Some(k) => {
                alias.insert(n, k);
            }
            None => {
                keepers.push(e);
                by_text.entry(&e.content).or_insert(n);
            }
        }
    }
    Some(Merged { keepers, alias })
}

/// The whole plan for one parsed draft: numbered sources, then footnotes
/// with numeric labels.
pub fn renumber(doc: &Document, opts: Options<'_>) -> Plan {
    let mut plan = numbered(doc, opts);
    plan.draft.extend(super::footnotes::edits(doc));
    plan
}

fn numbered(doc: &Document, opts: Options<'_>) -> Plan {
    let defined = Defined::new(&doc.sources);
    // A block quote is quoted text: its markers are never rewritten.
    let keep = |m: &Marker| cites(m, &defined) && !m.in_quote;
    let mut hidden = super::suppressed::spans(doc);
    hidden.sort_by_key(|h| h.start);
    let dedupe = !opts.off.contains(&"CIT008");
    let literal = |m: &Marker| {
        if !dedupe {
            return true;
        }
        let i = hidden.partition_point(|h| h.start < m.span.start);
        hidden.get(i).is_some_and(|h| h.end <= m.span.end)
    };
    let sel = groups::Select {
        keep: &keep,
        literal: &literal,
    };
    let list: Vec<&SourceEntry> = doc
        .sources
        .iter()
        .filter(|s| matches!(s.id, SourceId::Num(_)))
        .collect();
    let identity = |n: u32| n;
    let mut plan = Plan::default();
    let Some(merged) = entries::single_list(doc, &list).then(|| merge(&list, opts)).flatten() else {
        plan.draft = groups::edits(&doc.file.text, &doc.markers, &sel, &identity);
        return plan;
    };
    let all_ids: HashSet<u32> = list.iter().map(|e| num(e)).collect();
    let resolve = |n: u32| merged.alias.get(&n).copied().unwrap_or(n);
    // Order of first citation; numbers cited but not defined are kept free.
    // Sources cited inside a quote keep their numbers ("pinned").
    let mut order = Vec::new();
    let mut seen = HashSet::new();
    let mut undefined = HashSet::new();
    let mut pinned = HashSet::new();
    for m in &doc.markers {
        let cites = cites(m, &defined);
        for id in m.items.iter().flat_map(|it| it.ids()) {
            let SourceId::Num(n) = id else { continue };
            if !all_ids.contains(&n) {
                undefined.insert(n);
            } else if cites && m.in_quote {
                if resolve(n) != n {
                    return Plan {
                        draft: groups::edits(&doc.file.text, &doc.markers, &sel, &identity),
                        ..Plan::default()
                    };
                }
                pinned.insert(n);
            }
            if all_ids.contains(&n) && cites && seen.insert(resolve(n)) {
                order.push(resolve(n));
            }
        }
    }
    // The numbers in a malformed marker left as it is (`[3-1]`) keep
    // their meaning too: they are pinned like quoted ones.
    for m in &doc.malformed {
        let digits = doc.file.text[m.span.clone()].split(|c: char| !c.is_ascii_digit());
        for n in digits.filter_map(|d| d.parse::<u32>().ok()) {
            if !all_ids.contains(&n) {
                undefined.insert(n);
            } else if resolve(n) != n {
                return Plan {
                    draft: groups::edits(&doc.file.text, &doc.markers, &sel, &identity),
                    ..Plan::default()
                };
            } else {
                pinned.insert(n);
            }
        }
    }
    let by_num: HashMap<u32, &SourceEntry> = merged.keepers.iter().map(|k| (num(k), *k)).collect();
    let mut survivors: Vec<&SourceEntry> = order.iter().filter_map(|n| by_num.get(n).copied()).collect();
    if !opts.unsafe_fixes {
        survivors.extend(merged.keepers.iter().filter(|k| !seen.contains(&num(k))));
    }
    let mut new: HashMap<u32, u32> = HashMap::new();
    let mut next = 1u32;
    for s in &survivors {
        if pinned.contains(&num(s)) {
            new.insert(num(s), num(s));
            continue;
        }
        while undefined.contains(&next) || pinned.contains(&next) {
            next += 1;
        }
        new.insert(num(s), next);
        next += 1;
    }
    survivors.sort_by_key(|s| new[&num(s)]);
    let map = |n: u32| new.get(&resolve(n)).copied().unwrap_or(n);
    let Some((in_sidecar, list_edits)) = entries::rewrite(doc, &list, &survivors, &|n| map(n)) else {
        plan.draft = groups::edits(&doc.file.text, &doc.markers, &sel, &identity);
        return plan;
    };
    plan.draft = groups::edits(&doc.file.text, &doc.markers, &sel, &map);
    plan.removed = list.len() - survivors.len();
    if in_sidecar {
        plan.sidecar = list_edits;
    } else {
        plan.draft.extend(list_edits);
    }
    plan
}
