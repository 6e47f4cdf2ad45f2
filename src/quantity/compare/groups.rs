//! The ledger's grouping: every tracked mention with the mentions it is
//! comparable with, values aside (connected components of the candidate
//! pairs that state one quantity).

use std::collections::{BTreeMap, HashMap};

use super::evidence::{per_compatible, same_measure};
use super::{candidates, Corpus, FileMentions, Group, MentionRef};
use crate::quantity::KeptMention;

/// Every tracked mention grouped with the mentions it is comparable with
/// (connected components of the pairs `evidence` accepts; within one file a
/// pair must also agree on names and totals, so "about 180 personnel from
/// the Pennsylvania National Guard" stays apart from the draft's other
/// troop figures). Groups are sorted by label.
pub fn groups(files: &[FileMentions]) -> Vec<Group> {
    let c = Corpus::new(files, None);
    let mut refs: Vec<MentionRef> = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        for (mi, m) in f.mentions.iter().enumerate() {
            if m.is_tracked() {
                refs.push(MentionRef {
                    file: fi as u32,
                    index: mi as u32,
                });
            }
        }
    }
    let index: HashMap<MentionRef, usize> = refs.iter().enumerate().map(|(i, r)| (*r, i)).collect();
    let mut parent: Vec<usize> = (0..refs.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (a, b) in candidates(&c) {
        if !same_quantity(c.get(a), c.get(b)) {
            continue;
        }
        let (ra, rb) = (root(&mut parent, index[&a]), root(&mut parent, index[&b]));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut comps: BTreeMap<usize, Vec<MentionRef>> = BTreeMap::new();
    for (i, r) in refs.iter().enumerate() {
        let rt = root(&mut parent, i);
        comps.entry(rt).or_default().push(*r);
    }
    let mut out: Vec<Group> = comps
        .into_values()
        .map(|mut refs| {
            refs.sort_by(|a, b| c.order(a, b));
            let m = c.get(refs[0]);
            Group {
                label: format!(
                    "{} ({})",
                    m.frame.head.as_deref().unwrap_or("-"),
                    m.unit.as_deref().unwrap_or(&m.dimension)
                ),
                refs,
            }
        })
        .collect();
    out.sort_by(|a, b| a.label.cmp(&b.label).then_with(|| c.order(&a.refs[0], &b.refs[0])));
    out
}

/// Whether two mentions are one quantity for the ledger (values aside):
/// the same measure, role, rate, statistic and threshold, neither a part,
/// and no name that is specific to one of them (a name its draft uses only
/// once, such as "the Pennsylvania National Guard", marks a sub-group).
fn same_quantity(x: &KeptMention, y: &KeptMention) -> bool {
    let (fx, fy) = (&x.frame, &y.frame);
    let specific = |f: &crate::quantity::KeptFrame, m: &KeptMention, other: &crate::quantity::KeptFrame| {
        f.names
            .iter()
            .any(|n| !other.names.contains(n) && m.doc.once.binary_search(&crate::quantity::name_hash(n)).is_ok())
    };
    x.dimension == y.dimension
        && same_measure(fx, fy)
        && fx.role == fy.role
        && !fx.partitive
        && !fy.partitive
        && fx.total == fy.total
        && fx.threshold == fy.threshold
        && per_compatible(x, y)
        && (fx.statistic.is_none() || fy.statistic.is_none() || fx.statistic == fy.statistic)
        && !specific(fx, x, fy)
        && !specific(fy, y, fx)
}
