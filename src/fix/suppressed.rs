//! Findings a suppression comment hides are left as they are: `fix` does not
//! drop a repeated id under `citelint-disable CIT008`, nor rewrite a
//! malformed marker under `citelint-disable-next-line CIT006`.

use std::ops::Range;

use crate::document::Document;
use crate::suppress::Suppressions;

/// Primary spans of the CIT006 and CIT008 findings that are suppressed.
pub fn spans(doc: &Document) -> Vec<Range<usize>> {
    let mut s = Suppressions::parse(doc);
    if s.is_empty() {
        return Vec::new();
    }
    let mut all = Vec::new();
    crate::rules::citations::check(doc, &mut all);
    all.retain(|d| matches!(d.rule.code, "CIT006" | "CIT008"));
    let mut shown = all.clone();
    s.apply(&mut shown);
    let kept: std::collections::HashSet<_> = shown.iter().map(|d| (d.rule.code, d.span.clone())).collect();
    all.into_iter()
        .filter(|d| !kept.contains(&(d.rule.code, d.span.clone())))
        .map(|d| d.span)
        .collect()
}
