//! Rewriting groups of adjacent markers: each id through the new numbering,
//! an id repeated inside a group dropped (CIT008), the ids of a group sorted.
//! A marker is rewritten in place (only its digits change) when its shape
//! survives; otherwise its content is written afresh as `1, 3–5`.

use super::edit::Edit;
use crate::document::markers::{Marker, MarkerItem, SourceId, MAX_EXPANDED};

/// Which markers to rewrite, and how.
pub struct Select<'a> {
    /// Markers to rewrite (footnote markers never change).
    pub keep: &'a dyn Fn(&Marker) -> bool,
    /// Groups whose ids are only renumbered: not deduplicated, not sorted
    /// (a suppressed CIT008).
    pub literal: &'a dyn Fn(&Marker) -> bool,
}

/// Edits for every group of markers `sel` accepts. `map` gives each numeric
/// id its new number.
pub fn edits(text: &str, markers: &[Marker], sel: &Select<'_>, map: &dyn Fn(u32) -> u32) -> Vec<Edit> {
    let mut out = Vec::new();
    let mut run: Vec<&Marker> = Vec::new();
    let flush = |run: &mut Vec<&Marker>, out: &mut Vec<Edit>| {
        let literal = run.iter().any(|m| (sel.literal)(m));
        group(text, run, map, literal, out);
        run.clear();
    };
    for m in markers {
        if !(sel.keep)(m) || m.is_footnote() {
            flush(&mut run, &mut out);
            continue;
        }
        if run.last().is_some_and(|l| l.group != m.group) {
            flush(&mut run, &mut out);
        }
        run.push(m);
    }
    flush(&mut run, &mut out);
    out
}

/// Each item's ids through `map`; `None` for a label or an absurd range.
fn mapped_items(m: &Marker, map: &dyn Fn(u32) -> u32) -> Option<Vec<Vec<u32>>> {
    m.items
        .iter()
        .map(|it| match it {
            MarkerItem::One {
                id: SourceId::Num(n), ..
            } => Some(vec![map(*n)]),
            MarkerItem::Range { lo, hi, .. } if hi - lo < MAX_EXPANDED => Some((*lo..=*hi).map(map).collect()),
            _ => None,
        })
        .collect()
}

fn group(text: &str, run: &[&Marker], map: &dyn Fn(u32) -> u32, literal: bool, out: &mut Vec<Edit>) {
    let Some(mapped) = run.iter().map(|m| mapped_items(m, map)).collect::<Option<Vec<_>>>() else {
        return;
    };
    if literal {
        for (m, items) in run.iter().zip(&mapped) {
            if items.iter().all(|ids| contiguous(ids)) {
                in_place(text, m, items, out);
            }
        }
        return;
    }
    let mut seen = std::collections::HashSet::new();
    let mut lists: Vec<Vec<u32>> = mapped
        .iter()
        .map(|items| items.iter().flatten().copied().filter(|&id| seen.insert(id)).collect())
        .collect();
    let singles = run
        .iter()
        .all(|m| m.items.len() == 1 && matches!(m.items[0], MarkerItem::One { .. }));
    if singles {
        // `[3] [1]` becomes `[1] [3]`: the ids move between the markers.
        let mut ids: Vec<u32> = lists.iter().flatten().copied().collect();
        ids.sort_unstable();
        let mut next = ids.into_iter();
        for l in lists.iter_mut().filter(|l| !l.is_empty()) {
            *l = next.next().into_iter().collect();
        }
    } else {
        lists.iter_mut().for_each(|l| l.sort_unstable());
    }
    for (i, m) in run.iter().enumerate() {
        let list = &lists[i];
        if list.is_empty() {
            // Never the first marker of a group: it keeps its first id.
            out.push(Edit::delete(run[i - 1].span.end..m.span.end));
            continue;
        }
        let flat: Vec<u32> = mapped[i].iter().flatten().copied().collect();
        if flat == *list && mapped[i].iter().all(|ids| contiguous(ids)) {
            in_place(text, m, &mapped[i], out);
        } else {
            let inner = m.span.start + 1..m.span.end - 1;
            let content = render(list, &text[inner.clone()]);
            if text[inner.clone()] != content {
                out.push(Edit::new(inner, content));
            }
        }
    }
}

fn contiguous(ids: &[u32]) -> bool {
    ids.windows(2).all(|w| w[1] == w[0] + 1)
}

/// Replaces only the digits of each item.
fn in_place(text: &str, m: &Marker, mapped: &[Vec<u32>], out: &mut Vec<Edit>) {
    for (it, ids) in m.items.iter().zip(mapped) {
        let span = it.span();
        let s = &text[span.clone()];
        let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else {
            continue;
        };
        let lead = s.bytes().take_while(u8::is_ascii_digit).count();
        let tail = s.len() - s.bytes().rev().take_while(u8::is_ascii_digit).count();
        let mut push = |r: std::ops::Range<usize>, n: u32| {
            if s[r.clone()] != n.to_string() {
                out.push(Edit::new(span.start + r.start..span.start + r.end, n.to_string()));
            }
        };
        match it {
            MarkerItem::Range { .. } if tail > lead => {
                push(0..lead, first);
                push(tail..s.len(), last);
            }
            _ => push(0..s.len(), first),
        }
    }
}

/// Sorted ids as marker content: runs of three or more (two or more when
/// the marker had a range) become ranges with the marker's own dash; the
/// separator is the marker's (`,` or `;`).
pub fn render(ids: &[u32], old: &str) -> String {
    let had = old.chars().find(|&c| matches!(c, '-' | '–' | '—' | '‐' | '‑' | '−'));
    let dash = had.unwrap_or('–');
    let min_run = if had.is_some() { 1 } else { 2 };
    let sep = if old.contains(';') { "; " } else { ", " };
    let mut parts = Vec::new();
    let mut i = 0;
    while i < ids.len() {
        let mut j = i;
        while j + 1 < ids.len() && ids[j + 1] == ids[j] + 1 {
            j += 1;
        }
        if j - i >= min_run {
            parts.push(format!("{}{dash}{}", ids[i], ids[j]));
        } else {
            parts.extend(ids[i..=j].iter().map(u32::to_string));
        }
        i = j + 1;
    }
    parts.join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{markers, RangeSet};

    fn fix(text: &str, map: &dyn Fn(u32) -> u32) -> String {
        let s = markers::scan(text, &RangeSet::default(), &RangeSet::default(), &crate::data::MARKERS);
        let sel = Select {
            keep: &|_| true,
            literal: &|_| false,
        };
        let e = edits(text, &s.markers, &sel, map);
        super::super::edit::apply(text, &e).unwrap()
    }

    #[test]
    fn drops_repeats_sorts_and_renumbers() {
        let id = |n| n;
        assert_eq!(fix("a [1] [2] [1]. b [1–3] [2].", &id), "a [1] [2]. b [1–3].");
        assert_eq!(
            fix("x [3] [1], y [2][1], z [3, 1, 1].", &id),
            "x [1] [3], y [1][2], z [1, 3]."
        );
        assert_eq!(fix("<sup>[2]</sup><sup>[2]</sup>", &id), "<sup>[2]</sup>");
        let swap = |n| match n {
            1 => 2,
            2 => 1,
            n => n,
        };
        assert_eq!(fix("a [1, 2] [3]. b [1-3; 5]", &swap), "a [1, 2] [3]. b [1-3; 5]");
        assert_eq!(fix("a [2]. b [1–2] c [2, 4]", &swap), "a [1]. b [1–2] c [1, 4]");
        let shift = |n| n + 3;
        assert_eq!(fix("[1–3] [^a] [1]", &shift), "[4–6] [^a] [4]");
    }

    #[test]
    fn renders_runs_as_ranges() {
        assert_eq!(render(&[1, 2, 3, 5, 7, 8], "1-3"), "1-3, 5, 7-8");
        assert_eq!(render(&[1, 2, 3, 5, 7, 8], "1, 2"), "1–3, 5, 7, 8");
        assert_eq!(render(&[2, 4], "4; 2"), "2; 4");
    }
}
