//! The cross-document pass: which mentions state the same quantity, and
//! which of those disagree.
//!
//! Comparability is decided by evidence, not by equal keys. Mentions are
//! blocked by coarse class (the dimension: a count, money in one currency,
//! percent, points, a length…) and, for counts, by their canonical head noun.
//! Within a block, candidate pairs are the mentions that share at least one
//! anchor token (the head, a content word of the phrase, a name); each token's
//! posting list is capped at `POSTING_CAP`, so a word shared by thousands of
//! mentions proves nothing and generates no pairs. The cost is therefore
//! O(Σ min(n_t, cap)²) over anchor tokens — linear in the number of mentions
//! for a fixed cap — never all pairs of a block.
//!
//! Each candidate pair is scored dimension by dimension (`evidence`): a hard
//! mismatch (roles differ, a part on one side only, a total on one side only,
//! a place set against the story's, owners or places that the other document
//! never names, explicit times that differ) rules it out; otherwise shared
//! words, names and title topics are anchors. A pair needs enough anchors
//! besides its head. Among the pairs of two files in one block, a mention is
//! paired only with its best-scoring partner; if that partner agrees, the
//! mention is consistent and nothing is reported.

mod conflicts;
mod evidence;
mod groups;

use std::collections::{HashMap, HashSet};

pub use self::conflicts::{find_conflicts, find_conflicts_for};
pub use self::groups::groups;
use super::sym::Sym;
use super::KeptMention;
use crate::diagnostic::Severity;

/// Posting lists longer than this are not used to find candidates.
const POSTING_CAP: usize = 48;

/// One file's mentions, kept after its text is dropped.
#[derive(Debug, Clone, Default)]
pub struct FileMentions {
    /// The file's display name.
    pub name: String,
    pub mentions: Vec<KeptMention>,
}

/// A mention in a corpus: file index and mention index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MentionRef {
    pub file: u32,
    pub index: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConflictKind {
    /// Same quantity and time, disjoint values (NUM001 across files, NUM002 within one).
    Values,
    /// Same quantity, disjoint values, different explicit years (NUM003).
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
    /// Further mentions that disagree with `a` as strongly.
    pub others: usize,
    /// The measure as people read it ("buildings damaged (count)").
    pub key: String,
    /// Why the two are taken to be the same quantity.
    pub why: String,
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

/// Mentions of one block (dimension and, for counts, head), for the ledger.
#[derive(Debug, Clone)]
pub struct Group {
    pub label: String,
    /// In file-name and offset order.
    pub refs: Vec<MentionRef>,
}

struct Corpus<'a> {
    files: &'a [FileMentions],
    rank: Vec<u32>,
    focus: Option<&'a [bool]>,
    /// Title words too common across the corpus to say two drafts share a
    /// story ("tax" across a tax-policy blog).
    common_topics: HashSet<&'static str>,
    /// Shared title words two drafts need to be about one story.
    topic_words_needed: usize,
}

/// Runs of more drafts than this need two shared title words.
const SMALL_RUN: usize = 10;

/// A title word in more than this many drafts (or this share of them) is
/// not a topic.
const TOPIC_MAX_DRAFTS: usize = 4;
const TOPIC_MAX_SHARE: f64 = 0.05;

impl<'a> Corpus<'a> {
    fn new(files: &'a [FileMentions], focus: Option<&'a [bool]>) -> Self {
        let mut by_name: Vec<u32> = (0..files.len() as u32).collect();
        by_name.sort_by(|a, b| files[*a as usize].name.cmp(&files[*b as usize].name).then(a.cmp(b)));
        let mut rank = vec![0; files.len()];
        for (r, f) in by_name.into_iter().enumerate() {
            rank[f as usize] = r as u32;
        }
        let mut df: HashMap<&'static str, usize> = HashMap::new();
        for f in files {
            if let Some(m) = f.mentions.first() {
                let mut words: Vec<Sym> = m.doc.topic.iter().chain(m.doc.lead.iter()).copied().collect();
                words.sort();
                words.dedup();
                for t in words {
                    *df.entry(t.as_str()).or_default() += 1;
                }
            }
        }
        let cap = TOPIC_MAX_DRAFTS.max((TOPIC_MAX_SHARE * files.len() as f64) as usize);
        let common_topics = df.into_iter().filter(|(_, n)| *n > cap).map(|(t, _)| t).collect();
        Corpus {
            files,
            rank,
            focus,
            common_topics,
            topic_words_needed: if files.len() > SMALL_RUN { 2 } else { 1 },
        }
    }

    fn get(&self, r: MentionRef) -> &'a KeptMention {
        &self.files[r.file as usize].mentions[r.index as usize]
    }

    fn in_focus(&self, r: &MentionRef) -> bool {
        self.focus
            .is_none_or(|f| f.get(r.file as usize).copied().unwrap_or(false))
    }

    fn order(&self, a: &MentionRef, b: &MentionRef) -> std::cmp::Ordering {
        self.rank[a.file as usize]
            .cmp(&self.rank[b.file as usize])
            .then(self.get(*a).start.cmp(&self.get(*b).start))
            .then(a.index.cmp(&b.index))
    }
}

/// Candidate pairs: mentions of one block sharing an anchor token.
fn candidates(c: &Corpus<'_>) -> Vec<(MentionRef, MentionRef)> {
    // (dimension, anchor token) → mentions; `None` once the list has grown
    // past `POSTING_CAP` (it is never used then, so it is not kept: on a
    // large corpus common words would hold a reference to most mentions).
    type Posting = Option<Vec<MentionRef>>;
    let mut postings: HashMap<(Sym, Sym), Posting> = HashMap::new();
    for (fi, f) in c.files.iter().enumerate() {
        for (mi, m) in f.mentions.iter().enumerate() {
            if !m.is_tracked() {
                continue;
            }
            let r = MentionRef {
                file: fi as u32,
                index: mi as u32,
            };
            let dim = m.dimension;
            let fr = &m.frame;
            let tokens = fr
                .head
                .iter()
                .chain(&fr.alt_head)
                .chain(fr.context.iter())
                .chain(fr.names.iter());
            for tok in tokens {
                let list = postings.entry((dim, *tok)).or_insert_with(|| Some(Vec::new()));
                match list {
                    Some(l) if l.len() == POSTING_CAP => *list = None,
                    Some(l) => l.push(r),
                    None => {}
                }
            }
        }
    }
    let mut pairs = HashSet::new();
    for list in postings.values().flatten() {
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                if a != b && (c.in_focus(a) || c.in_focus(b)) {
                    // Sides in file-name and text order, never by the
                    // order files were read in (which follows threads).
                    pairs.insert(if c.order(a, b).is_le() { (*a, *b) } else { (*b, *a) });
                }
            }
        }
    }
    let mut v: Vec<_> = pairs.into_iter().collect();
    v.sort_by(|p, q| c.order(&p.0, &q.0).then_with(|| c.order(&p.1, &q.1)));
    v
}
