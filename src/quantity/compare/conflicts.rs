//! The conflicts of a corpus: each comparable pair's verdict (agreement or
//! a conflict of some kind), then one finding per mention, its strongest
//! disagreement with a file it is not consistent with.

use std::collections::{HashMap, HashSet};

use super::evidence::evidence;
use super::{candidates, Conflict, ConflictKind, Corpus, FileMentions, MentionRef};
use crate::diagnostic::Severity;
use crate::quantity::{Form, KeptMention, Polarity};

/// Within one draft a contradiction needs the same head, the same words
/// around it, the same names and the same year: a draft mostly sets figures
/// side by side on purpose (two example households, deciles, elections,
/// points of a time series), which judged samples of real articles showed
/// to be nearly every within-draft pair otherwise.
fn strong_within_file(x: &KeptMention, y: &KeptMention, anchors: u32) -> bool {
    anchors >= 5
        && x.frame.head == y.frame.head
        && !x.frame.context.is_empty()
        && x.frame.context == y.frame.context
        && x.frame.names == y.frame.names
        && x.time == y.time
        && x.sentence != y.sentence
}

fn severity(a: &KeptMention, b: &KeptMention, anchors: u32) -> Severity {
    if a.form == Form::Vague || b.form == Form::Vague {
        Severity::Info
    } else if a.form.is_hedged() || b.form.is_hedged() || anchors < 4 {
        Severity::Warning
    } else {
        Severity::Error
    }
}

/// Finds every conflict of the corpus.
pub fn find_conflicts(files: &[FileMentions]) -> Vec<Conflict> {
    find_conflicts_for(files, None)
}

struct Scored {
    a: MentionRef,
    b: MentionRef,
    score: u32,
    why: Vec<String>,
    agree: bool,
    kind: Option<ConflictKind>,
}

/// What a comparable pair says: agreement, or a conflict of some kind.
fn verdict(x: &KeptMention, y: &KeptMention) -> (bool, Option<ConflictKind>) {
    use Polarity::*;
    // A past value with its own year ("down from 78,000 tonnes in 2024")
    // states that year's level.
    let p = |m: &KeptMention| if m.polarity == Before { Asserted } else { m.polarity };
    match (p(x), p(y)) {
        (Negated, Asserted) | (Asserted, Negated) => {
            let (n, a) = if p(x) == Negated { (x, y) } else { (y, x) };
            let hit = n.excluded.is_some_and(|ex| ex.contains(&a.value));
            (!hit, hit.then_some(ConflictKind::Negated))
        }
        (Asserted, Asserted) => {
            let disjoint = x.value.disjoint(&y.value);
            (!disjoint, disjoint.then_some(ConflictKind::Values))
        }
        _ => (true, None),
    }
}

/// Every candidate pair with its evidence and verdict; within one file only
/// the strongest evidence counts.
fn scored_pairs(c: &Corpus<'_>) -> Vec<Scored> {
    let mut scored = Vec::new();
    for (a, b) in candidates(c) {
        let (x, y) = (c.get(a), c.get(b));
        // Within one file, only the strongest evidence counts.
        let Some(ev) = evidence(c, x, y) else { continue };
        if a.file == b.file && !(x.doc.within_draft && strong_within_file(x, y, ev.anchors)) {
            continue;
        }
        let (agree, kind) = verdict(x, y);
        let kind = match kind {
            Some(ConflictKind::Values) if ev.anchors == 0 => Some(ConflictKind::TimeScope),
            k if ev.anchors == 0 => k.filter(|_| false),
            k => k,
        };
        scored.push(Scored {
            a,
            b,
            score: ev.anchors,
            // Only a conflict shows why (a run compares many pairs).
            why: if kind.is_some() { ev.why } else { Vec::new() },
            agree: agree && ev.anchors > 0,
            kind,
        });
    }
    scored
}

/// Finds the conflicts that concern the files marked in `focus` (indexed like
/// `files`; `None`: every file). The other files are read only to be
/// compared with; a conflict with no side in a focus file is dropped.
pub fn find_conflicts_for(files: &[FileMentions], focus: Option<&[bool]>) -> Vec<Conflict> {
    let c = Corpus::new(files, focus);
    let mut scored = scored_pairs(&c);
    // Best score of each mention against each other file.
    let mut best: HashMap<(MentionRef, u32), u32> = HashMap::new();
    for s in &scored {
        for (m, other) in [(s.a, s.b.file), (s.b, s.a.file)] {
            let e = best.entry((m, other)).or_default();
            *e = (*e).max(s.score);
        }
    }
    // A mention that agrees with a partner at least as good as the
    // conflicting one is consistent with that file.
    let mut consistent: HashSet<(MentionRef, u32)> = HashSet::new();
    for s in scored.iter().filter(|s| s.agree) {
        consistent.insert((s.a, s.b.file));
        consistent.insert((s.b, s.a.file));
    }
    let mut out = Vec::new();
    // KeptMention → index in `out` of the finding it is reported in.
    let mut seen: HashMap<MentionRef, usize> = HashMap::new();
    // Denials first: a value that contradicts a denial is reported once, as
    // NUM006, not again against the denial's positive half.
    let denial_first = |s: &Scored| s.kind != Some(ConflictKind::Negated);
    scored.sort_by(|p, q| {
        denial_first(p)
            .cmp(&denial_first(q))
            .then(q.score.cmp(&p.score))
            .then(c.order(&p.a, &q.a))
            .then(c.order(&p.b, &q.b))
    });
    for s in &scored {
        let Some(kind) = s.kind else { continue };
        let top = |m: MentionRef, f: u32| best.get(&(m, f)).copied().unwrap_or(0) <= s.score;
        if kind != ConflictKind::Negated && (!top(s.a, s.b.file) || !top(s.b, s.a.file)) {
            continue;
        }
        if consistent.contains(&(s.a, s.b.file)) || consistent.contains(&(s.b, s.a.file)) {
            continue;
        }
        // One finding per mention: its strongest disagreement (the others
        // are counted on it).
        if let Some(&k) = seen.get(&s.a).or_else(|| seen.get(&s.b)) {
            if let Some(prev) = out.get_mut(k) {
                let prev: &mut Conflict = prev;
                prev.others += 1;
            }
            continue;
        }
        seen.insert(s.a, out.len());
        seen.insert(s.b, out.len());
        let (mut a, mut b) = (s.a, s.b);
        // A denial is side a; otherwise a focus file's side, else the first.
        let flip = if kind == ConflictKind::Negated {
            c.get(b).polarity == Polarity::Negated
        } else if c.focus.is_some() && !c.in_focus(&a) {
            true
        } else {
            c.order(&b, &a).is_lt()
        };
        if flip {
            std::mem::swap(&mut a, &mut b);
        }
        let (x, y) = (c.get(a), c.get(b));
        let sev = match kind {
            ConflictKind::TimeScope | ConflictKind::UnitMismatch => Severity::Info,
            // Within one draft a figure is usually restated in a new
            // context: a note, not a failure.
            _ if a.file == b.file => Severity::Info,
            _ => severity(x, y, s.score),
        };
        out.push(Conflict {
            kind,
            a,
            b,
            others: 0,
            key: x.key_label(),
            why: s.why.join("; "),
            severity: sev,
        });
    }
    out.retain(|x| c.in_focus(&x.a) || c.in_focus(&x.b));
    out.sort_by(|x, y| {
        x.kind
            .cmp(&y.kind)
            .then_with(|| c.order(&x.a, &y.a))
            .then_with(|| c.order(&x.b, &y.b))
    });
    out
}
