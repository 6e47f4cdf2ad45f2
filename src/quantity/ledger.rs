//! The ledger's data (`citelint numbers`): the groups of tracked mentions,
//! the conflicts each mention takes part in, the mentions left out of
//! comparison and how many were left out for each reason. Rendering it as
//! text or JSON is `report::ledger`'s job.

use std::collections::HashMap;

use super::compare::{groups, Conflict, FileMentions, Group, MentionRef};
use super::KeptMention;

/// Every tracked quantity group of a corpus with its conflicts.
pub struct Ledger<'a> {
    pub files: &'a [FileMentions],
    pub conflicts: &'a [Conflict],
    /// The groups of tracked mentions (`compare::groups`).
    pub groups: Vec<Group>,
    /// Conflicts each mention takes part in (indices into `conflicts`).
    involved: HashMap<MentionRef, Vec<usize>>,
}

/// How many numbers got a measure, and how many were left out for each
/// reason, most common first: where the reader falls short.
pub struct Coverage {
    pub tracked: usize,
    /// Tracked and left-out mentions together.
    pub total: usize,
    pub reasons: Vec<(&'static str, usize)>,
}

impl<'a> Ledger<'a> {
    pub fn new(files: &'a [FileMentions], conflicts: &'a [Conflict]) -> Self {
        let mut involved: HashMap<MentionRef, Vec<usize>> = HashMap::new();
        for (i, c) in conflicts.iter().enumerate() {
            involved.entry(c.a).or_default().push(i);
            involved.entry(c.b).or_default().push(i);
        }
        Ledger {
            files,
            conflicts,
            groups: groups(files),
            involved,
        }
    }

    pub fn get(&self, r: MentionRef) -> &'a KeptMention {
        &self.files[r.file as usize].mentions[r.index as usize]
    }

    /// The name of the file a mention is in.
    pub fn file_name(&self, r: MentionRef) -> &'a str {
        &self.files[r.file as usize].name
    }

    /// The conflicts (indices into `conflicts`) mention `r` takes part in.
    pub fn conflicts_of(&self, r: MentionRef) -> &[usize] {
        self.involved.get(&r).map(Vec::as_slice).unwrap_or_default()
    }

    /// Whether mention `r` takes part in any conflict.
    pub fn in_conflict(&self, r: MentionRef) -> bool {
        self.involved.contains_key(&r)
    }

    /// The number of mentions in the groups.
    pub fn tracked(&self) -> usize {
        self.groups.iter().map(|g| g.refs.len()).sum()
    }

    /// The mentions that are not compared, in file and text order.
    pub fn untracked(&self) -> Vec<(MentionRef, &'a KeptMention)> {
        self.files
            .iter()
            .enumerate()
            .flat_map(|(fi, f)| {
                f.mentions.iter().enumerate().map(move |(mi, m)| {
                    (
                        MentionRef {
                            file: fi as u32,
                            index: mi as u32,
                        },
                        m,
                    )
                })
            })
            .filter(|(_, m)| !m.is_tracked())
            .collect()
    }

    /// The share of numbers that got a measure and the reasons for the rest.
    pub fn coverage(&self) -> Coverage {
        let tracked = self.tracked();
        let mut reasons: Vec<(&'static str, usize)> = Vec::new();
        for m in self.files.iter().flat_map(|f| &f.mentions).filter(|m| !m.is_tracked()) {
            let why = m.untracked_reason().unwrap_or("other");
            match reasons.iter_mut().find(|(r, _)| *r == why) {
                Some((_, n)) => *n += 1,
                None => reasons.push((why, 1)),
            }
        }
        let total = tracked + reasons.iter().map(|(_, n)| n).sum::<usize>();
        reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        Coverage {
            tracked,
            total,
            reasons,
        }
    }
}
