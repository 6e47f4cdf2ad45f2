//! Markers ↔ sources: DOC001 and the CIT rules.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, Marker, MarkerItem, SourceEntry, SourceId};
use crate::rules::document::MISSING_SOURCES;
use crate::rules::options;
use crate::rules::Rule;

pub static UNDEFINED_MARKER: Rule = Rule {
    code: "CIT001",
    name: "undefined-marker",
    default_severity: Severity::Error,
    options: &[options::YEARS, options::MAX_ID, options::HEADINGS],
    summary: "A citation marker refers to a source id that the sources list does not define.",
    doc: "\
Why: the reader following [9] finds nothing; usually a source was deleted or
renumbered, or the marker is a typo. Ranges and lists are expanded: [4–9]
reports each missing id. Inside a block quote a bracketed number that matches
no source is the quoted document's own numbering and is not reported.

Example:
    Troops patrol the north [9].     <- sources define 1–8

Fix: add the missing entry to the sources list, or correct the marker.
",
};

pub static UNUSED_SOURCE: Rule = Rule {
    code: "CIT002",
    name: "unused-source",
    default_severity: Severity::Warning,
    options: &[options::HEADINGS],
    summary: "A source in the sources list is never cited by a marker.",
    doc: "\
Why: an uncited source suggests a claim lost its marker during editing, or the
list carries leftovers that readers will take as support for the text.
Markers inside the sources list itself do not count as citations. A list of
plain bullets (no numbers) in a draft that cites no numbered source is a
reading list: its entries have no ids to cite and are not reported.

Example:
    ## Sources
    1. NATO, KFOR placemat. https://example.org/kfor
    2. Unused report. https://example.org/old   <- no [2] in the text

Fix: cite the source where its claim is made, or remove the entry.
",
};

pub static DUPLICATE_SOURCE_ID: Rule = Rule {
    code: "CIT003",
    name: "duplicate-source-id",
    default_severity: Severity::Error,
    options: &[options::HEADINGS],
    summary: "Two source entries share one id (error if their texts differ, warning if identical).",
    doc: "\
Why: a marker [3] can only point at one entry. The first definition wins (as in
CommonMark and biber); when the two texts differ, readers of the rendered
draft and the writer may be looking at different sources.

Example:
    3. Reuters, 2025-10-01. https://example.org/a
    3. AP, 2025-10-02. https://example.org/b     <- second [3]

Fix: renumber one of the entries (and its markers), or delete the copy.
",
};

pub static SOURCE_NUMBERING_GAP: Rule = Rule {
    code: "CIT004",
    name: "source-numbering-gap",
    default_severity: Severity::Warning,
    options: &[options::HEADINGS],
    summary: "Numbered source ids are not exactly 1..N: a gap, or a start other than 1.",
    doc: "\
Why: a gap usually means an entry was deleted and markers after it were not
renumbered, so [5] may now describe the old [4].

Example:
    1. ...
    2. ...
    4. ...      <- [3] is missing

Fix: renumber the sources consecutively from 1 and update the markers.
",
};

pub static MALFORMED_MARKER: Rule = Rule {
    code: "CIT006",
    name: "malformed-marker",
    default_severity: Severity::Error,
    options: &[options::YEARS, options::MAX_ID],
    summary: "A bracket is a citation attempt but not a valid marker.",
    doc: "\
Why: `[1,]`, `[2,,3]`, `[3-1]`, `[1O]`, `[]` or an unclosed `[2` render as
literal text and cite nothing; the intended source is silently lost.

Example:
    Troops patrol the north [1O].   <- letter O for zero

Fix: write the marker as [n], [n, m], or [n–m] with ascending ranges;
the help line suggests the likely intended form.
",
};

pub static DUPLICATE_IN_GROUP: Rule = Rule {
    code: "CIT008",
    name: "duplicate-in-group",
    default_severity: Severity::Warning,
    options: &[options::YEARS, options::MAX_ID],
    summary: "The same source id appears twice in one group of adjacent markers.",
    doc: "\
Why: `[2] [2]` or `[1–3] [2]` is a copy-paste slip; it often hides the source
that was meant to be cited second.

Example:
    Patrols continue [2] [4] [2].

Fix: remove the repeated id, or replace it with the intended source.
",
};

/// Compact listing of numeric ids: `1–8`, `1–3, 5, 7–9`.
pub fn compact(ids: impl IntoIterator<Item = u32>) -> String {
    let set: BTreeSet<u32> = ids.into_iter().collect();
    let mut parts = Vec::new();
    let mut iter = set.into_iter().peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while iter.peek() == Some(&(end + 1)) {
            end = iter.next().unwrap();
        }
        parts.push(match end - start {
            0 => start.to_string(),
            1 => format!("{start}, {end}"),
            _ => format!("{start}–{end}"),
        });
    }
    parts.join(", ")
}

/// What a draft's sources define, for lookups and for messages.
pub struct Defined<'a> {
    nums: BTreeSet<u32>,
    labels: HashSet<&'a str>,
}

impl<'a> Defined<'a> {
    pub fn new(sources: &'a [SourceEntry]) -> Self {
        let mut nums = BTreeSet::new();
        let mut labels = HashSet::new();
        for s in sources {
            match &s.id {
                SourceId::Num(n) => {
                    nums.insert(*n);
                }
                SourceId::Label(l) => {
                    labels.insert(l.as_str());
                }
            }
        }
        Defined { nums, labels }
    }

    pub fn has(&self, id: &SourceId) -> bool {
        match id {
            SourceId::Num(n) => self.nums.contains(n),
            SourceId::Label(l) => self.labels.contains(l.as_str()),
        }
    }

    /// Ids of `item` that are not defined.
    pub fn missing(&self, item: &MarkerItem) -> Vec<SourceId> {
        item.ids().filter(|id| !self.has(id)).collect()
    }

    pub fn hits(&self, item: &MarkerItem) -> bool {
        match item {
            MarkerItem::One { id, .. } => self.has(id),
            MarkerItem::Range { lo, hi, .. } => self.nums.range(*lo..=*hi).next().is_some(),
        }
    }

    /// "sources define 1–8" / "sources define [^a], [^b]".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.nums.is_empty() {
            parts.push(compact(self.nums.iter().copied()));
        }
        let mut labels: Vec<_> = self.labels.iter().map(|l| format!("[^{l}]")).collect();
        labels.sort();
        parts.extend(labels);
        format!("sources define {}", parts.join(", "))
    }
}

/// `[1]–[8]`, `[5], [6]`, `[^a]`: ids as a reader would write them.
fn describe_ids(ids: &[SourceId]) -> String {
    let nums: Vec<u32> = ids
        .iter()
        .filter_map(|i| if let SourceId::Num(n) = i { Some(*n) } else { None })
        .collect();
    let mut parts: Vec<String> = compact(nums)
        .split(", ")
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('–') {
            Some((a, b)) => format!("[{a}]–[{b}]"),
            None => format!("[{p}]"),
        })
        .collect();
    parts.extend(
        ids.iter()
            .filter(|i| matches!(i, SourceId::Label(_)))
            .map(|i| i.to_string()),
    );
    parts.join(", ")
}

/// Markers that cite: a bracketed number in a quote that matches no source
/// is the quoted document's own (a statute's `[7]`).
pub fn citing_markers<'a>(doc: &'a Document, defined: &Defined<'_>) -> Vec<&'a Marker> {
    doc.markers
        .iter()
        .filter(|m| !m.in_quote || m.items.iter().any(|it| defined.hits(it)))
        .collect()
}

pub fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let defined = Defined::new(&doc.sources);
    let markers = citing_markers(doc, &defined);
    missing_sources(doc, &defined, &markers, out);
    undefined_marker(doc, &defined, &markers, out);
    unused_source(doc, &markers, out);
    duplicate_source_id(doc, out);
    source_numbering_gap(doc, out);
    malformed_marker(doc, out);
    duplicate_in_group(doc, &markers, out);
}

/// DOC001: markers, but no sources list anywhere.
fn missing_sources(doc: &Document, defined: &Defined<'_>, markers: &[&Marker], out: &mut Vec<Diagnostic>) {
    let file = &doc.file;
    if !doc.sources.is_empty() {
        return;
    }
    if let Some(first) = markers.first() {
        let mut ids: Vec<SourceId> = markers
            .iter()
            .flat_map(|m| &m.items)
            .flat_map(MarkerItem::ids)
            .collect();
        ids.sort();
        ids.dedup();
        let n = markers.len();
        let noun = if n == 1 {
            "citation marker cites"
        } else {
            "citation markers cite"
        };
        out.push(
            Diagnostic::new(
                &MISSING_SOURCES,
                file,
                first.span.clone(),
                format!("{n} {noun} {}, but the draft has no sources list", describe_ids(&ids)),
            )
            .label({
                let first_ids = first.items.first().map_or(String::new(), |i| describe_ids(&defined.missing(i)));
                if n == 1 {
                    format!("nothing defines {first_ids}")
                } else {
                    format!("first of {n} markers; nothing defines {first_ids}")
                }
            })
            .help(format!(
                "add a `Sources` section (`1. Title. https://…`), `[n]: https://…` definitions, a `sources:` list in front matter, or a sidecar file `{}`",
                sidecar_hint(&file.name)
            )),
        );
    }
}

/// CIT001: a marker citing an id the sources list does not define.
fn undefined_marker(doc: &Document, defined: &Defined<'_>, markers: &[&Marker], out: &mut Vec<Diagnostic>) {
    let file = &doc.file;
    if doc.sources.is_empty() {
        return; // DOC001 covers it
    }
    for m in markers {
        for it in &m.items {
            let missing = defined.missing(it);
            if missing.is_empty() {
                continue;
            }
            let what = describe_ids(&missing);
            let marker = &file.text[m.span.clone()];
            let message = if defined.hits(it) || m.items.len() > 1 {
                format!("citation marker {marker} cites {what}, which the sources list does not define")
            } else {
                format!("citation marker {marker} has no matching source")
            };
            out.push(
                Diagnostic::new(&UNDEFINED_MARKER, file, m.span.clone(), message)
                    .label(format!("no source {what}; {}", defined.describe()))
                    .help(format!(
                        "add an entry for {what} to the sources list, or correct the marker"
                    )),
            );
        }
    }
}

/// CIT002: a source no marker cites.
fn unused_source(doc: &Document, markers: &[&Marker], out: &mut Vec<Diagnostic>) {
    if !markers.is_empty() || !doc.sources.is_empty() {
        let mut cited_nums = Vec::new();
        let mut cited_labels: HashSet<&str> = HashSet::new();
        for it in markers.iter().flat_map(|m| &m.items) {
            match it {
                MarkerItem::One {
                    id: SourceId::Label(l), ..
                } => {
                    cited_labels.insert(l);
                }
                _ => cited_nums.push(it.numbers()),
            }
        }
        let mut seen = HashSet::new();
        for s in &doc.sources {
            if !seen.insert(&s.id) {
                continue; // duplicates are CIT003's business
            }
            let cited = match &s.id {
                SourceId::Num(n) => cited_nums.iter().any(|r| r.contains(n)),
                SourceId::Label(l) => cited_labels.contains(l.as_str()),
            };
            if !cited {
                out.push(
                    Diagnostic::new(
                        &UNUSED_SOURCE,
                        &s.file,
                        s.span.clone(),
                        format!("source {} is never cited", s.id),
                    )
                    .label(format!("no marker cites {}", s.id))
                    .help(format!("cite {} where its claim is made, or remove the entry", s.id)),
                );
            }
        }
    }
}

/// CIT003: two entries with one id; the first definition wins.
fn duplicate_source_id(doc: &Document, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&SourceId, &SourceEntry> = HashMap::new();
    for s in &doc.sources {
        match first.get(&s.id) {
            None => {
                first.insert(&s.id, s);
            }
            Some(orig) => {
                let same = orig.content == s.content;
                let d = Diagnostic::new(
                    &DUPLICATE_SOURCE_ID,
                    &s.file,
                    s.span.clone(),
                    if same {
                        format!("source {} is defined twice with the same text", s.id)
                    } else {
                        format!("source {} is defined twice with different texts; the first definition wins", s.id)
                    },
                )
                .severity(if same { Severity::Warning } else { Severity::Error })
                .label("duplicate definition")
                .help(if same {
                    "delete this copy".to_string()
                } else {
                    format!("renumber one of the two entries (and its markers), or delete the one that is wrong; markers {} resolve to the first", s.id)
                })
                .also(&orig.file, orig.span.clone(), "first defined here");
                out.push(d);
            }
        }
    }
}

/// CIT004: numbered ids that are not exactly 1..N.
fn source_numbering_gap(doc: &Document, out: &mut Vec<Diagnostic>) {
    let mut nums: Vec<(u32, &SourceEntry)> = doc
        .sources
        .iter()
        .filter_map(|s| {
            if let SourceId::Num(n) = s.id {
                Some((n, s))
            } else {
                None
            }
        })
        .collect();
    nums.sort_by_key(|(n, _)| *n);
    nums.dedup_by_key(|(n, _)| *n);
    if let Some(&(lo, s)) = nums.first() {
        if lo != 1 {
            out.push(
                Diagnostic::new(
                    &SOURCE_NUMBERING_GAP,
                    &s.file,
                    s.id_span.clone(),
                    format!("sources start at [{lo}] instead of [1]"),
                )
                .label(format!("first source is [{lo}]"))
                .help("number the sources from 1 and update the markers"),
            );
        }
    }
    for w in nums.windows(2) {
        let ((a, _), (b, s)) = (w[0], w[1]);
        if b > a + 1 {
            let ids: Vec<SourceId> = (a + 1..b).take(1000).map(SourceId::Num).collect();
            let missing = format!("{} {}", describe_ids(&ids), if ids.len() == 1 { "is" } else { "are" });
            out.push(
                Diagnostic::new(
                    &SOURCE_NUMBERING_GAP,
                    &s.file,
                    s.id_span.clone(),
                    format!("source numbering jumps from [{a}] to [{b}]"),
                )
                .label(format!("{missing} missing"))
                .help("renumber the sources consecutively and update the markers"),
            );
        }
    }
}

/// CIT006: a citation attempt that is not a valid marker.
fn malformed_marker(doc: &Document, out: &mut Vec<Diagnostic>) {
    let file = &doc.file;
    for m in &doc.malformed {
        let mut d = Diagnostic::new(
            &MALFORMED_MARKER,
            file,
            m.span.clone(),
            format!("malformed citation marker: {}", m.reason),
        )
        .label("not a valid marker");
        d = d.help(match &m.suggestion {
            Some(s) if s.starts_with('[') => format!("did you mean {s}?"),
            Some(s) => s.clone(),
            None => "write markers as [n], [n, m] or [n–m]".to_string(),
        });
        out.push(d);
    }
}

/// CIT008: the same id twice in one group of adjacent markers.
fn duplicate_in_group(doc: &Document, markers: &[&Marker], out: &mut Vec<Diagnostic>) {
    let file = &doc.file;
    let mut i = 0;
    while i < markers.len() {
        let group = markers[i].group;
        let mut seen = Seen::default();
        while i < markers.len() && markers[i].group == group {
            for it in &markers[i].items {
                for id in it.ids() {
                    if let Some(prev) = seen.find(&id) {
                        out.push(
                            Diagnostic::new(
                                &DUPLICATE_IN_GROUP,
                                file,
                                it.span(),
                                format!("{id} is cited twice in the same group"),
                            )
                            .label(format!("{id} again"))
                            .secondary(prev, "first cited here")
                            .help(format!(
                                "remove the repeated {id}, or replace it with the source you meant"
                            )),
                        );
                        break;
                    }
                    seen.push(id, it.span());
                }
            }
            i += 1;
        }
    }
}

/// The ids seen in one group with where each was first cited. Groups hold a
/// handful of ids, where a vector beats a hash map; a hostile group of
/// thousands moves to a map, so the check stays linear.
#[derive(Default)]
struct Seen {
    few: Vec<(SourceId, std::ops::Range<usize>)>,
    many: std::collections::HashMap<SourceId, std::ops::Range<usize>>,
}

impl Seen {
    const FEW: usize = 32;

    fn find(&self, id: &SourceId) -> Option<std::ops::Range<usize>> {
        if self.many.is_empty() {
            self.few.iter().find(|(s, _)| s == id).map(|(_, r)| r.clone())
        } else {
            self.many.get(id).cloned()
        }
    }

    fn push(&mut self, id: SourceId, span: std::ops::Range<usize>) {
        if self.few.len() < Self::FEW {
            self.few.push((id, span));
            return;
        }
        if self.many.is_empty() {
            self.many.extend(self.few.iter().cloned());
        }
        self.many.entry(id).or_insert(span);
    }
}

/// `drafts/kosovo.sources.toml` for `drafts/kosovo.md`.
pub fn sidecar_hint(name: &str) -> String {
    let path = std::path::Path::new(name);
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("draft");
    format!("{stem}.sources.toml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_ranges() {
        assert_eq!(compact([1, 2, 3, 4, 5, 6, 7, 8]), "1–8");
        assert_eq!(compact([1, 2, 3, 5, 7, 8, 9]), "1–3, 5, 7–9");
        assert_eq!(compact([4, 5]), "4, 5");
        assert_eq!(compact([]), "");
        let ids = [1, 2, 3, 5].map(SourceId::Num);
        assert_eq!(describe_ids(&ids), "[1]–[3], [5]");
        assert_eq!(
            describe_ids(&[SourceId::Num(5), SourceId::Num(6), SourceId::Label("a".into())]),
            "[5], [6], [^a]"
        );
    }
}
