//! The cross-document pass: group mentions by comparability key, then sweep
//! each group in sorted order.
//!
//! Grouping is one hash-map insertion per mention. Within a group and a time
//! bucket (the year the mentions are stated for), a set of intervals has a
//! disagreeing pair exactly when the largest lower end lies above the smallest
//! upper end, so the most extreme pair is found with one pass: never all
//! pairs. Groups are sorted, and ties broken by file name and offset, so the
//! result does not depend on the order files were processed in.

use std::collections::{BTreeMap, HashMap};

use super::{Form, Interval, Mention, Origin, Polarity};
use crate::diagnostic::Severity;

/// One file's mentions, kept after its text is dropped.
#[derive(Debug, Clone, Default)]
pub struct FileMentions {
    /// The file's display name.
    pub name: String,
    pub mentions: Vec<Mention>,
}

/// A mention in a corpus: file index and mention index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MentionRef {
    pub file: u32,
    pub index: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConflictKind {
    /// Same key and time, disjoint values (NUM001 across files, NUM002 within one).
    Values,
    /// Same key, disjoint values, different years (NUM003).
    TimeScope,
    /// The same measure in percent and in percentage points (NUM005).
    UnitMismatch,
    /// An asserted value inside what a negated mention rules out (NUM006).
    Negated,
}

#[derive(Debug, Clone)]
pub struct Conflict {
    pub kind: ConflictKind,
    /// The two sides; for `Negated`, `a` is the negated mention.
    pub a: MentionRef,
    pub b: MentionRef,
    /// Further mentions of the same key and time that disagree with `a` or `b`.
    pub others: usize,
    /// "personnel · US · Kosovo · 2025".
    pub key: String,
    /// Before configuration: error for two sharp values, warning when either
    /// is hedged, info when either is vague; one step lower when a subject or
    /// location was taken from a title.
    pub severity: Severity,
}

impl Conflict {
    /// The rule code: NUM001 across files, NUM002 within one, NUM003, NUM005, NUM006.
    pub fn code(&self) -> &'static str {
        match self.kind {
            ConflictKind::Values if self.same_file() => "NUM002",
            ConflictKind::Values => "NUM001",
            ConflictKind::TimeScope => "NUM003",
            ConflictKind::UnitMismatch => "NUM005",
            ConflictKind::Negated => "NUM006",
        }
    }

    /// Both sides are in one file.
    pub fn same_file(&self) -> bool {
        self.a.file == self.b.file
    }
}

/// Mentions that share a comparability key (time aside).
#[derive(Debug, Clone)]
pub struct Group {
    pub label: String,
    /// In file-name and offset order.
    pub refs: Vec<MentionRef>,
}

fn push_key(m: &Mention, out: &mut String, with_dimension: bool) {
    const SEP: char = '\u{1f}';
    out.push_str(m.measure.as_deref().unwrap_or(""));
    out.push(SEP);
    if with_dimension {
        out.push_str(&m.dimension);
    }
    out.push(SEP);
    out.push_str(m.subject.as_ref().map_or("", |a| &a.name));
    out.push(SEP);
    out.push_str(m.location.as_ref().map_or("", |a| &a.name));
    for q in &m.qualifiers {
        use std::fmt::Write as _;
        out.push(SEP);
        let _ = write!(out, "{q}");
    }
}

struct Corpus<'a> {
    files: &'a [FileMentions],
    /// Each file's position in file-name order.
    rank: Vec<u32>,
    /// The files conflicts are wanted for (see `find_conflicts_for`).
    focus: Option<&'a [bool]>,
}

impl<'a> Corpus<'a> {
    fn new(files: &'a [FileMentions]) -> Self {
        let mut by_name: Vec<u32> = (0..files.len() as u32).collect();
        by_name.sort_by(|a, b| files[*a as usize].name.cmp(&files[*b as usize].name).then(a.cmp(b)));
        let mut rank = vec![0; files.len()];
        for (r, f) in by_name.into_iter().enumerate() {
            rank[f as usize] = r as u32;
        }
        Corpus {
            files,
            rank,
            focus: None,
        }
    }

    /// Whether conflicts are wanted for this mention's file.
    fn in_focus(&self, r: &MentionRef) -> bool {
        self.focus
            .is_none_or(|f| f.get(r.file as usize).copied().unwrap_or(false))
    }

    fn get(&self, r: MentionRef) -> &'a Mention {
        &self.files[r.file as usize].mentions[r.index as usize]
    }

    /// File-name order, then text order.
    fn order(&self, a: &MentionRef, b: &MentionRef) -> std::cmp::Ordering {
        self.rank[a.file as usize]
            .cmp(&self.rank[b.file as usize])
            .then(self.get(*a).span.start.cmp(&self.get(*b).span.start))
            .then(a.index.cmp(&b.index))
    }
}

/// Every tracked mention grouped by key, groups sorted by label.
pub fn groups(files: &[FileMentions]) -> Vec<Group> {
    let c = Corpus::new(files);
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<(String, Group)> = Vec::new();
    let mut buf = String::new();
    for (fi, f) in files.iter().enumerate() {
        for (mi, m) in f.mentions.iter().enumerate() {
            if !m.is_tracked() {
                continue;
            }
            buf.clear();
            push_key(m, &mut buf, true);
            let g = match index.get(buf.as_str()) {
                Some(&g) => g,
                None => {
                    index.insert(buf.clone(), out.len());
                    out.push((
                        buf.clone(),
                        Group {
                            label: m.key_label(),
                            refs: Vec::new(),
                        },
                    ));
                    out.len() - 1
                }
            };
            out[g].1.refs.push(MentionRef {
                file: fi as u32,
                index: mi as u32,
            });
        }
    }
    out.sort_by(|a, b| a.1.label.cmp(&b.1.label).then(a.0.cmp(&b.0)));
    out.into_iter()
        .map(|(_, mut g)| {
            g.refs.sort_by(|a, b| c.order(a, b));
            g
        })
        .collect()
}

/// Ordering for "smallest upper end": an open end is below a closed one.
fn hi_cmp(a: &Interval, b: &Interval) -> std::cmp::Ordering {
    a.hi.total_cmp(&b.hi).then(b.hi_open.cmp(&a.hi_open))
}

/// Ordering for "largest lower end": an open end is above a closed one.
fn lo_cmp(a: &Interval, b: &Interval) -> std::cmp::Ordering {
    a.lo.total_cmp(&b.lo).then(a.lo_open.cmp(&b.lo_open))
}

fn lower(s: Severity) -> Severity {
    match s {
        Severity::Error => Severity::Warning,
        _ => Severity::Info,
    }
}

fn from_title(m: &Mention) -> bool {
    [&m.subject, &m.location]
        .into_iter()
        .flatten()
        .any(|a| a.from == Origin::Title)
}

fn pair_severity(a: &Mention, b: &Mention) -> Severity {
    let s = if a.form == Form::Vague || b.form == Form::Vague {
        Severity::Info
    } else if a.form.is_hedged() || b.form.is_hedged() {
        Severity::Warning
    } else {
        Severity::Error
    };
    if from_title(a) || from_title(b) {
        lower(s)
    } else {
        s
    }
}

fn key_with_year(label: &str, year: Option<u16>) -> String {
    match year {
        Some(y) => format!("{label} · {y}"),
        None => label.to_string(),
    }
}

/// Finds every conflict of the corpus.
pub fn find_conflicts(files: &[FileMentions]) -> Vec<Conflict> {
    find_conflicts_for(files, None)
}

/// Finds the conflicts that concern the files marked in `focus` (indexed like
/// `files`; `None`: every file). This is the corpus-aware run: the other
/// files are read only to be compared with, so each side picked for a
/// cross-file conflict is chosen among the focus files' mentions first — a
/// focused file that disagrees with the corpus is reported even when the
/// corpus's own most extreme pair lies elsewhere — and a conflict with no
/// side in a focus file is dropped.
pub fn find_conflicts_for(files: &[FileMentions], focus: Option<&[bool]>) -> Vec<Conflict> {
    let c = Corpus::new(files);
    let c = Corpus { focus, ..c };
    let groups = groups(files);
    let mut out = Vec::new();
    for g in &groups {
        let mut buckets: BTreeMap<Option<u16>, Vec<MentionRef>> = BTreeMap::new();
        let mut negated: BTreeMap<Option<u16>, Vec<MentionRef>> = BTreeMap::new();
        for r in &g.refs {
            let m = c.get(*r);
            let target = if m.polarity == Polarity::Negated {
                &mut negated
            } else {
                &mut buckets
            };
            target.entry(m.time.year).or_default().push(*r);
        }
        let mut ends: Vec<(Option<u16>, MentionRef, MentionRef)> = Vec::new();
        for (year, refs) in &buckets {
            let Some((a, b)) = value_conflicts(&c, refs, &g.label, *year, &mut out) else {
                continue;
            };
            ends.push((*year, a, b));
        }
        if c.focus.is_none() {
            time_scope_conflict(&c, &ends, &ends, &g.label, &mut out);
        } else {
            // One side from a focus file, the other from anywhere.
            let focus_ends: Vec<_> = buckets
                .iter()
                .filter_map(|(year, refs)| {
                    let refs: Vec<MentionRef> = refs.iter().copied().filter(|r| c.in_focus(r)).collect();
                    Some((*year, argmin_hi(&c, &refs, |_| true)?, argmax_lo(&c, &refs, |_| true)?))
                })
                .collect();
            time_scope_conflict(&c, &focus_ends, &ends, &g.label, &mut out);
        }
        'negated: for (year, negs) in &negated {
            if let Some(refs) = buckets.get(year) {
                if c.focus.is_none() {
                    if negated_conflict(&c, negs, refs, &g.label, *year, &mut out) {
                        break;
                    }
                    continue;
                }
                // A focus file's denial against any assertion, then any
                // denial against a focus file's assertion.
                let focus_negs: Vec<MentionRef> = negs.iter().copied().filter(|r| c.in_focus(r)).collect();
                let focus_refs: Vec<MentionRef> = refs.iter().copied().filter(|r| c.in_focus(r)).collect();
                for (n, r) in [(&focus_negs[..], &refs[..]), (&negs[..], &focus_refs[..])] {
                    if negated_conflict(&c, n, r, &g.label, *year, &mut out) {
                        break 'negated;
                    }
                }
            }
        }
    }
    unit_mismatches(&c, &groups, &mut out);
    // A value that contradicts a denial is reported once, as NUM006, not
    // again as a value conflict with the denial's own positive half.
    let denied: std::collections::HashSet<(String, MentionRef)> = out
        .iter()
        .filter(|x| x.kind == ConflictKind::Negated)
        .map(|x| (x.key.clone(), x.b))
        .collect();
    if !denied.is_empty() {
        out.retain(|x| {
            x.kind != ConflictKind::Values
                || !(denied.contains(&(x.key.clone(), x.a)) || denied.contains(&(x.key.clone(), x.b)))
        });
    }
    if c.focus.is_some() {
        out.retain(|x| c.in_focus(&x.a) || c.in_focus(&x.b));
    }
    out.sort_by(|x, y| {
        x.kind
            .cmp(&y.kind)
            .then_with(|| c.order(&x.a, &y.a))
            .then_with(|| c.order(&x.b, &y.b))
    });
    out
}

fn argmin_hi(c: &Corpus<'_>, refs: &[MentionRef], keep: impl Fn(&MentionRef) -> bool) -> Option<MentionRef> {
    refs.iter()
        .filter(|r| keep(r))
        .min_by(|a, b| hi_cmp(&c.get(**a).value, &c.get(**b).value))
        .copied()
}

fn argmax_lo(c: &Corpus<'_>, refs: &[MentionRef], keep: impl Fn(&MentionRef) -> bool) -> Option<MentionRef> {
    // `max_by` returns the last of equals; iterate reversed so that the first
    // in file order wins ties, like `min_by`.
    refs.iter()
        .rev()
        .filter(|r| keep(r))
        .max_by(|a, b| lo_cmp(&c.get(**a).value, &c.get(**b).value))
        .copied()
}

/// Of the candidate pairs, the disjoint one with the widest gap (ties: the
/// first in file order).
fn widest(c: &Corpus<'_>, pairs: [Option<(MentionRef, MentionRef)>; 2]) -> Option<(MentionRef, MentionRef)> {
    pairs
        .into_iter()
        .flatten()
        .filter(|&(x, y)| c.get(x).value.disjoint(&c.get(y).value))
        .max_by(|p, q| {
            let gp = c.get(p.0).value.gap_ratio(&c.get(p.1).value);
            let gq = c.get(q.0).value.gap_ratio(&c.get(q.1).value);
            gp.total_cmp(&gq).then(c.order(&q.0, &p.0))
        })
}

/// The best mention of a list by some order, and the best of the files other
/// than the best one's: together they answer "the best outside file f" for
/// every f in one pass.
struct Extremes {
    best: Option<MentionRef>,
    /// The best among mentions whose file is not `best`'s.
    other: Option<MentionRef>,
}

impl Extremes {
    /// `better(x, y)`: x strictly beats y (so the first of equals is kept).
    fn find(refs: &[MentionRef], better: impl Fn(&MentionRef, &MentionRef) -> bool) -> Self {
        let mut e = Extremes {
            best: None,
            other: None,
        };
        for r in refs {
            match e.best {
                None => e.best = Some(*r),
                Some(b) if better(r, &b) => {
                    if r.file != b.file {
                        e.other = Some(b);
                    }
                    e.best = Some(*r);
                }
                Some(b) => {
                    if r.file != b.file && e.other.is_none_or(|o| better(r, &o)) {
                        e.other = Some(*r);
                    }
                }
            }
        }
        e
    }

    /// The best mention outside `file`.
    fn besides(&self, file: u32) -> Option<MentionRef> {
        match self.best {
            Some(b) if b.file != file => Some(b),
            _ => self.other,
        }
    }
}

/// NUM001/NUM002 for one key and year. Returns the bucket's extreme pair
/// (smallest upper end, largest lower end) for the time-scope pass.
fn value_conflicts(
    c: &Corpus<'_>,
    refs: &[MentionRef],
    label: &str,
    year: Option<u16>,
    out: &mut Vec<Conflict>,
) -> Option<(MentionRef, MentionRef)> {
    let a = argmin_hi(c, refs, |_| true)?;
    let b = argmax_lo(c, refs, |_| true)?;
    let disjoint = |x: MentionRef, y: MentionRef| c.get(x).value.disjoint(&c.get(y).value);
    if refs.len() < 2 || !disjoint(a, b) {
        return Some((a, b));
    }
    let key = key_with_year(label, year);
    // Mentions among `among` besides the pair that disagree with either side.
    let others = |among: &[MentionRef], x: MentionRef, y: MentionRef| {
        among
            .iter()
            .filter(|r| **r != x && **r != y && (disjoint(**r, x) || disjoint(**r, y)))
            .count()
    };
    let push = |out: &mut Vec<Conflict>, among: &[MentionRef], x: MentionRef, y: MentionRef| {
        let (x, y) = if c.order(&x, &y).is_le() { (x, y) } else { (y, x) };
        out.push(Conflict {
            kind: ConflictKind::Values,
            a: x,
            b: y,
            others: others(among, x, y),
            key: key.clone(),
            severity: pair_severity(c.get(x), c.get(y)),
        });
    };
    // Across files: the most extreme pair whose sides are in different files
    // (in a focused run, one such pair per focus file: its most extreme
    // disagreement with any other file).
    if c.focus.is_none() {
        let cross = if a.file != b.file {
            Some((a, b))
        } else {
            let b2 = argmax_lo(c, refs, |r| r.file != a.file).map(|x| (a, x));
            let a2 = argmin_hi(c, refs, |r| r.file != b.file).map(|x| (x, b));
            widest(c, [b2, a2])
        };
        if let Some((x, y)) = cross {
            push(out, refs, x, y);
        }
    } else {
        let low = Extremes::find(refs, |x, y| hi_cmp(&c.get(*x).value, &c.get(*y).value).is_lt());
        let high = Extremes::find(refs, |x, y| lo_cmp(&c.get(*x).value, &c.get(*y).value).is_gt());
        let mut pushed: Vec<(MentionRef, MentionRef)> = Vec::new();
        for chunk in refs.chunk_by(|p, q| p.file == q.file) {
            if !c.in_focus(&chunk[0]) {
                continue;
            }
            let file = chunk[0].file;
            let own_low = argmin_hi(c, chunk, |_| true);
            let own_high = argmax_lo(c, chunk, |_| true);
            let pair = widest(c, [own_low.zip(high.besides(file)), low.besides(file).zip(own_high)]);
            if let Some((x, y)) = pair {
                let key = if c.order(&x, &y).is_le() { (x, y) } else { (y, x) };
                if !pushed.contains(&key) {
                    pushed.push(key);
                    push(out, refs, x, y);
                }
            }
        }
    }
    // Within each file: `refs` is in file order, so a file's mentions are
    // contiguous and every mention is visited once.
    for chunk in refs.chunk_by(|p, q| p.file == q.file) {
        let (Some(x), Some(y)) = (argmin_hi(c, chunk, |_| true), argmax_lo(c, chunk, |_| true)) else {
            continue;
        };
        if x != y && disjoint(x, y) {
            push(out, chunk, x, y);
        }
    }
    Some((a, b))
}

/// NUM003: the same key with disjoint values in different years, at least
/// one of them written in the text. One per key: the widest gap.
/// `ends` and `others` are each year's extreme pair; one side of the pair
/// reported comes from `ends`, the other from `others` (the same list but in
/// a focused run, where `ends` holds the focus files' extremes).
fn time_scope_conflict(
    c: &Corpus<'_>,
    ends: &[(Option<u16>, MentionRef, MentionRef)],
    others: &[(Option<u16>, MentionRef, MentionRef)],
    label: &str,
    out: &mut Vec<Conflict>,
) {
    let mut best: Option<(f64, MentionRef, MentionRef)> = None;
    for (y1, a1, b1) in ends {
        for (y2, a2, b2) in others {
            if y1 == y2 {
                continue;
            }
            for (x, y) in [(*a1, *b2), (*a2, *b1)] {
                let (mx, my) = (c.get(x), c.get(y));
                if !(mx.time.explicit || my.time.explicit) || !mx.value.disjoint(&my.value) {
                    continue;
                }
                let gap = mx.value.gap_ratio(&my.value);
                if best.is_none_or(|(g, _, _)| gap > g) {
                    best = Some((gap, x, y));
                }
            }
        }
    }
    if let Some((_, x, y)) = best {
        let (x, y) = if c.order(&x, &y).is_le() { (x, y) } else { (y, x) };
        out.push(Conflict {
            kind: ConflictKind::TimeScope,
            a: x,
            b: y,
            others: 0,
            key: label.to_string(),
            severity: Severity::Info,
        });
    }
}

/// NUM006: an asserted value inside what a negated mention of the same key
/// and year rules out. Sorted by lower end with a suffix minimum of upper
/// ends, each negated mention is one binary search.
fn negated_conflict(
    c: &Corpus<'_>,
    negs: &[MentionRef],
    refs: &[MentionRef],
    label: &str,
    year: Option<u16>,
    out: &mut Vec<Conflict>,
) -> bool {
    let mut sorted: Vec<MentionRef> = refs.to_vec();
    sorted.sort_by(|a, b| lo_cmp(&c.get(*a).value, &c.get(*b).value).then(c.order(a, b)));
    // suffix[i]: the mention with the smallest upper end in sorted[i..].
    let mut suffix: Vec<MentionRef> = sorted.clone();
    for i in (0..sorted.len().saturating_sub(1)).rev() {
        if hi_cmp(&c.get(suffix[i + 1]).value, &c.get(suffix[i]).value).is_lt() {
            suffix[i] = suffix[i + 1];
        }
    }
    for n in negs {
        let Some(ex) = c.get(*n).excluded else { continue };
        let i = sorted.partition_point(|r| {
            let v = &c.get(*r).value;
            v.lo < ex.lo || (v.lo == ex.lo && ex.lo_open && !v.lo_open)
        });
        let Some(&cand) = suffix.get(i) else { continue };
        if ex.contains(&c.get(cand).value) {
            let (nm, am) = (c.get(*n), c.get(cand));
            out.push(Conflict {
                kind: ConflictKind::Negated,
                a: *n,
                b: cand,
                others: 0,
                key: key_with_year(label, year),
                severity: if from_title(nm) || from_title(am) {
                    Severity::Info
                } else {
                    Severity::Warning
                },
            });
            return true;
        }
    }
    false
}

/// NUM005: one measure (same owner, place and qualifiers) stated in two
/// dimensions that never convert (percent and percentage points).
fn unit_mismatches(c: &Corpus<'_>, groups: &[Group], out: &mut Vec<Conflict>) {
    let mut by_base: BTreeMap<String, Vec<(&str, MentionRef, String)>> = BTreeMap::new();
    let mut buf = String::new();
    for g in groups {
        // In a focused run, a focus file's mention stands for the group.
        let Some(&first) = g.refs.iter().find(|r| c.in_focus(r)).or(g.refs.first()) else {
            continue;
        };
        let m = c.get(first);
        buf.clear();
        push_key(m, &mut buf, false);
        by_base
            .entry(buf.clone())
            .or_default()
            .push((&m.dimension, first, g.label.clone()));
    }
    for list in by_base.values() {
        'pairs: for (i, (d1, r1, l1)) in list.iter().enumerate() {
            for (d2, r2, _) in &list[i + 1..] {
                if crate::quantity::NUMBERS.confusable(d1, d2) && (c.in_focus(r1) || c.in_focus(r2)) {
                    let (x, y) = if c.order(r1, r2).is_le() {
                        (*r1, *r2)
                    } else {
                        (*r2, *r1)
                    };
                    out.push(Conflict {
                        kind: ConflictKind::UnitMismatch,
                        a: x,
                        b: y,
                        others: 0,
                        key: l1.clone(),
                        severity: Severity::Info,
                    });
                    break 'pairs;
                }
            }
        }
    }
}
