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

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::{Form, Mention, Polarity};
use crate::diagnostic::Severity;

/// Posting lists longer than this are not used to find candidates.
const POSTING_CAP: usize = 48;

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
    common_topics: HashSet<Arc<str>>,
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
        let mut df: HashMap<Arc<str>, usize> = HashMap::new();
        for f in files {
            if let Some(m) = f.mentions.first() {
                let mut words: Vec<&Arc<str>> = m.doc.topic.iter().chain(&m.doc.lead).collect();
                words.sort();
                words.dedup();
                for t in words {
                    *df.entry(t.clone()).or_default() += 1;
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

    fn get(&self, r: MentionRef) -> &'a Mention {
        &self.files[r.file as usize].mentions[r.index as usize]
    }

    fn in_focus(&self, r: &MentionRef) -> bool {
        self.focus
            .is_none_or(|f| f.get(r.file as usize).copied().unwrap_or(false))
    }

    fn order(&self, a: &MentionRef, b: &MentionRef) -> std::cmp::Ordering {
        self.rank[a.file as usize]
            .cmp(&self.rank[b.file as usize])
            .then(self.get(*a).span.start.cmp(&self.get(*b).span.start))
            .then(a.index.cmp(&b.index))
    }
}

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
fn same_quantity(x: &Mention, y: &Mention) -> bool {
    let (fx, fy) = (&x.frame, &y.frame);
    let specific = |f: &super::Frame, m: &Mention, other: &super::Frame| {
        f.names
            .iter()
            .any(|n| !other.names.contains(n) && m.doc.once.binary_search(&super::name_hash(n)).is_ok())
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

/// The evidence that two mentions state the same quantity.
struct Evidence {
    anchors: u32,
    why: Vec<String>,
}

/// Words of `a` also in `b`; stems of six or more letters that agree on
/// their first six match too ("econom" / "economi": Snowball gives the
/// adjective and the noun different stems).
fn shared<'x>(a: &'x [Arc<str>], b: &'x [Arc<str>]) -> Vec<&'x str> {
    let near = |x: &str, y: &str| x.len() >= 6 && y.len() >= 6 && x.as_bytes()[..6] == y.as_bytes()[..6];
    a.iter()
        .filter(|x| b.binary_search(x).is_ok() || b.iter().any(|y| near(x, y)))
        .map(|x| &**x)
        .collect()
}

fn names_known(names: &[Arc<str>], other_doc: &[u64]) -> bool {
    names
        .iter()
        .any(|n| other_doc.binary_search(&super::name_hash(n)).is_ok())
}

/// The same measure: equal heads, a predicate that names the other's head
/// ("students graduated" / "graduates"), or each head among the other's
/// words ("vessel calls" / "ships called").
fn same_measure(fx: &super::Frame, fy: &super::Frame) -> bool {
    let (Some(hx), Some(hy)) = (&fx.head, &fy.head) else {
        return false;
    };
    hx == hy
        || fx.alt_head.as_ref() == Some(hy)
        || fy.alt_head.as_ref() == Some(hx)
        || (fx.alt_head.is_some() && fx.alt_head == fy.alt_head)
        || (fx.context.binary_search(hy).is_ok() && fy.context.binary_search(hx).is_ok())
}

/// "30 soldiers were injured" against "4,500 soldiers": a count restricted
/// by what happened to those counted, against the plain count.
fn predicate_on_one_side(fx: &super::Frame, fy: &super::Frame) -> bool {
    fx.alt_head.is_some() && fy.alt_head.is_none() && !fy.acted && fy.head != fx.alt_head && fx.head == fy.head
}

/// Within one draft a contradiction needs the same head, the same words
/// around it, the same names and the same year: a draft mostly sets figures
/// side by side on purpose (two example households, deciles, elections,
/// points of a time series), which judged samples of real articles showed
/// to be nearly every within-draft pair otherwise.
fn strong_within_file(x: &Mention, y: &Mention, anchors: u32) -> bool {
    anchors >= 5
        && x.frame.head == y.frame.head
        && !x.frame.context.is_empty()
        && x.frame.context == y.frame.context
        && x.frame.names == y.frame.names
        && x.time == y.time
        && x.sentence != y.sentence
}

/// Rates compare with rates of the same denominator; a yearly rate also
/// with a total stated for one year.
fn per_compatible(x: &Mention, y: &Mention) -> bool {
    let (px, py) = (x.frame.per.as_deref(), y.frame.per.as_deref());
    px == py
        || matches!((px, py), (Some("year"), None) if y.time.explicit)
        || matches!((px, py), (None, Some("year")) if x.time.explicit)
        || (px.is_none() != py.is_none() && same_order(&x.value, &y.value))
}

/// A rate stated once with its "per" and once without ("$15.40 an hour" /
/// "the new $15.80 minimum") is one rate when the values are of one order;
/// a total is orders apart from a rate ("€980 million" / "€4,200 per
/// resident").
fn same_order(a: &super::Interval, b: &super::Interval) -> bool {
    let (x, y) = ((a.lo + a.hi) / 2.0, (b.lo + b.hi) / 2.0);
    x > 0.0 && y > 0.0 && x.max(y) / x.min(y) < 3.0
}

/// Scores a candidate pair; `None` when a dimension rules it out.
fn evidence(c: &Corpus<'_>, x: &Mention, y: &Mention) -> Option<Evidence> {
    let (fx, fy) = (&x.frame, &y.frame);
    if x.dimension != y.dimension
        || fx.role != fy.role
        || fx.partitive
        || fy.partitive
        || fx.coordinated != fy.coordinated
        || fx.event != fy.event
        || fx.subgroup != fy.subgroup
        || fx.cumulative != fy.cumulative
        || (fx.purpose.is_some() && fy.purpose.is_some() && fx.purpose != fy.purpose)
        || predicate_on_one_side(fx, fy)
        || predicate_on_one_side(fy, fx)
    {
        return None;
    }
    let mut why = Vec::new();
    let mut anchors = 0;
    let same_head = same_measure(fx, fy);
    if !per_compatible(x, y) {
        return None;
    }
    if fx.statistic.is_some() && fy.statistic.is_some() && fx.statistic != fy.statistic {
        return None;
    }
    if fx.threshold != fy.threshold || historical_against_undated(x, y) || historical_against_undated(y, x) {
        return None;
    }
    let with_head = |f: &super::Frame| {
        let mut v: Vec<Arc<str>> = f.context.iter().cloned().chain(f.head.clone()).collect();
        v.sort();
        v
    };
    let (cx, cy) = (with_head(fx), with_head(fy));
    let mut words = shared(&cx, &cy);
    if same_head {
        words.retain(|w| Some(*w) != fx.head.as_deref());
    }
    // The same "per" is a shared word ("€4,200 per resident" / "€3,300 per
    // head").
    if let (Some(p), Some(q)) = (&fx.per, &fy.per) {
        if p == q {
            words.push(p);
        }
    }
    let names = shared(&fx.names, &fy.names);
    // Places and owners: a place set against the story's, or names the other
    // draft never mentions, make a different quantity.
    if (fx.elsewhere || fy.elsewhere) && names.is_empty() {
        return None;
    }
    // A name in one phrase that the other draft never mentions ("the
    // smaller Ashfall fire", "inside Marra National Park"): a different
    // owner or place.
    if names.is_empty() {
        let unknown = |f: &super::Frame, other: &[u64]| !f.names.is_empty() && !names_known(&f.names, other);
        if unknown(fx, &y.doc.names) || unknown(fy, &x.doc.names) {
            return None;
        }
    } else {
        // Shared names aside, each names a place or owner the other draft
        // never mentions ("U.S. troops in Kosovo" / "U.S. troops in Poland").
        let own = |f: &super::Frame| -> Vec<Arc<str>> {
            f.names.iter().filter(|n| !names.contains(&&***n)).cloned().collect()
        };
        let (ox, oy) = (own(fx), own(fy));
        if !ox.is_empty() && !oy.is_empty() && !names_known(&ox, &y.doc.names) && !names_known(&oy, &x.doc.names) {
            return None;
        }
    }
    // A total against a count that names its owner ("KFOR has 4,500 troops
    // in total" / "600 U.S. troops serve in KFOR").
    if fx.total != fy.total && (if fx.total { fy.np_names } else { fx.np_names }) {
        return None;
    }
    // A named owner on one side that the other phrase does not name
    // ("Germany sent 400 soldiers" / "600 U.S. troops serve").
    let unnamed_by = |f: &super::Frame, other: &super::Frame| {
        f.owner_named
            && other.owner.is_none()
            && f.owner
                .as_ref()
                .is_some_and(|o| !other.names.contains(o) && !other.context.contains(o))
    };
    // (Checked only for an owner named mid-sentence: a capital at the
    // start of a sentence says nothing.)
    if (fx.owner_named && unnamed_by(fx, fy)) || (fy.owner_named && unnamed_by(fy, fx)) {
        return None;
    }
    // Explicit owners that differ ("the service" / "the three branches").
    if let (Some(ox), Some(oy)) = (&fx.owner, &fy.owner) {
        // An owner read at the start of a sentence is a stem ("Farrowby saw
        // …" → farrowbi); the other phrase may name it ("at Farrowby").
        let g = &*super::grammar::GRAMMAR;
        let mentioned = |o: &Arc<str>, f: &super::Frame| {
            f.context.contains(o) || f.names.iter().any(|n| n == o || g.stem(n) == **o)
        };
        if ox != oy && !mentioned(ox, fy) && !mentioned(oy, fx) {
            return None;
        }
    }
    // Time: explicit years must match; a document date is a wildcard within
    // a year of an explicit one.
    let time_ok = match (x.time.explicit, y.time.explicit, x.time.year, y.time.year) {
        // Within one year, two stated months that differ are two times
        // ("by February 2024" / "by September 2024").
        (true, true, Some(a), Some(b)) => {
            a == b && (x.time.month.is_none() || y.time.month.is_none() || x.time.month == y.time.month)
        }
        // A draft's date is a wildcard within a year either way: a draft of
        // December 2024 writes of the wage "from 1 January" 2025.
        (true, false, Some(a), Some(d)) | (false, true, Some(d), Some(a)) => a.abs_diff(d) <= 1,
        // Two drafts written years apart describe different years.
        (false, false, Some(a), Some(b)) => a.abs_diff(b) <= 1,
        _ => true,
    };
    if same_head {
        why.push(format!("same measure '{}'", fx.head.as_deref().unwrap_or("")));
    }
    if !words.is_empty() {
        anchors += words.len().min(3) as u32;
        why.push(format!("shared words: {}", words.join(", ")));
    }
    if !names.is_empty() {
        anchors += 1;
        why.push(format!("same names: {}", names.join(", ")));
    }
    // Two drafts are about the same story only when their titles (with the
    // names their leads give) share a word: across an archive of unrelated
    // articles, shared words in the phrases alone ("income", "revenue")
    // prove nothing.
    let titles_shared = shared(&x.doc.topic, &y.doc.topic);
    let through_lead = titles_shared.is_empty();
    let mut topic = story_shared(&x.doc, &y.doc, titles_shared);
    topic.retain(|t| !c.common_topics.contains(*t));
    // The more drafts a run compares, the more titles share a word by
    // chance: past a handful of drafts, two shared title words are needed.
    let cross = !std::ptr::eq(&*x.doc, &*y.doc);
    // A draft without a title tells nothing of its story, and is compared
    // with no other (judged on untitled blog posts: a shared name in two
    // phrases, "Gini", "SALT", did not make one story).
    if cross && topic.len() < c.topic_words_needed {
        return None;
    }
    // Instalments of a series state their own counts, except of what the
    // whole series is about ("the summit's 1,800 delegates").
    if instalments(&x.doc, &y.doc) && !titles_name_measure(&topic, &cx, &cy) {
        return None;
    }
    // Phrases that share nothing but their head rest on the titles alone:
    // these must share a name of the story ("Farrowby"), not a common word
    // ("library": two libraries' figures).
    if cross && words.is_empty() && names.is_empty() && !(x.time.explicit && y.time.explicit) {
        let named =
            |t: &&str| x.doc.topic_names.iter().any(|n| &**n == *t) && y.doc.topic_names.iter().any(|n| &**n == *t);
        if !topic.iter().any(named) {
            return None;
        }
    }
    // Two drafts dated months apart state their own present: an undated
    // figure in each is that draft's date's value.
    if let (false, false, Some(a), Some(b)) = (x.time.explicit, y.time.explicit, x.doc.day, y.doc.day) {
        if a.abs_diff(b) > 90 {
            return None;
        }
    }
    if !topic.is_empty() {
        anchors += 1;
        why.push(format!("titles share: {}", topic.join(", ")));
    }
    let generic = fx.head.as_deref().is_some_and(super::is_generic_head);
    // A vague value ("several claims") or a generic head ("people") is weak
    // evidence: it needs a shared word or name, not just a shared topic.
    let weak = generic || x.form == Form::Vague || y.form == Form::Vague;
    let enough = if &*x.dimension == "count" {
        same_head && anchors >= 1 && (!weak || !words.is_empty() || !names.is_empty())
    } else {
        (same_head && anchors >= 1) || (!words.is_empty() && anchors >= 2)
    };
    // Titles that share nothing, only a name one lead gives, tie the same
    // measure ("heat pumps" in both), not a word around two measures.
    if !enough || (cross && through_lead && !same_head) {
        return None;
    }
    // A change across drafts is the same change only when something fixes
    // what changed: a shared name or word, the same stated year, or a measure both
    // titles are about ("the cut to the herring quota"). Two analyses of
    // different proposals each "lower child poverty by N%".
    if fx.role == super::Role::Change
        && !std::ptr::eq(&*x.doc, &*y.doc)
        && names.is_empty()
        && words.is_empty()
        && !(x.time.explicit && y.time.explicit)
        && !titles_name_measure(&topic, &cx, &cy)
    {
        return None;
    }
    if !time_ok {
        return Some(Evidence {
            anchors: 0,
            why: vec!["different years".into()],
        });
    }
    why.push(time_note(x, y));
    Some(Evidence {
        anchors: anchors + u32::from(same_head) * 2,
        why,
    })
}

/// Words that show two drafts tell one story: title words both titles
/// have, or a name in one title that the other draft's lead gives
/// ("Harrowdale's heat pump push" / "Warm Homes grants" whose lead names
/// Harrowdale). Only names count there, words neither draft ever writes in
/// lower case ("Income Tax" in a lead is also "income tax" elsewhere), and
/// two leads alone are not enough: they are full of names (places,
/// agencies, people) unrelated stories share.
fn story_shared<'x>(a: &'x super::DocContext, b: &'x super::DocContext, titles_shared: Vec<&'x str>) -> Vec<&'x str> {
    let mut v = titles_shared;
    let name_in_both = |w: &&str| a.topic_names.iter().any(|n| &**n == *w) && b.topic_names.iter().any(|n| &**n == *w);
    v.extend(shared(&a.topic, &b.lead).into_iter().filter(name_in_both));
    v.extend(shared(&a.lead, &b.topic).into_iter().filter(name_in_both));
    v.sort_unstable();
    v.dedup();
    v
}

/// Two instalments of a series: each title carries a number the other
/// lacks ("… Day 1 of the 2021 workshop" / "… Day 2 of the 2021
/// workshop", "The SC21 BoF" / "The SC23 BoF"). Each states its own counts.
/// Also "Celebrating Apollo's 50th: When 100 FLOPS…" / "Celebrating
/// Apollo's 50th: The Oldest Code…": one series name before the colon,
/// different subtitles.
fn instalments(a: &super::DocContext, b: &super::DocContext) -> bool {
    let lacks = |x: &[Arc<str>], y: &[Arc<str>]| x.iter().any(|n| !y.contains(n));
    let numbered = lacks(&a.title_numbers, &b.title_numbers) && lacks(&b.title_numbers, &a.title_numbers);
    let subtitled = matches!((&a.series, &b.series), (Some((sa, ta)), Some((sb, tb))) if sa == sb && ta != tb);
    !std::ptr::eq(a, b) && (numbered || subtitled)
}

/// Whether a word of both titles is among both phrases' words (head
/// included).
fn titles_name_measure(topic: &[&str], cx: &[Arc<str>], cy: &[Arc<str>]) -> bool {
    topic
        .iter()
        .any(|t| cx.iter().any(|w| &**w == *t) && cy.iter().any(|w| &**w == *t))
}

/// A figure dated two or more years before its own article ("in 2019")
/// is history; it says nothing about an undated draft's figure.
fn historical_against_undated(x: &Mention, y: &Mention) -> bool {
    let own = x.doc.year;
    matches!((x.time.explicit, x.time.year, own, y.time.year), (true, Some(t), Some(d), None) if d >= t + 2)
}

fn time_note(x: &Mention, y: &Mention) -> String {
    let one = |m: &Mention| match (m.time.year, m.time.explicit) {
        (Some(y), true) => format!("{y}"),
        (Some(y), false) => format!("{y} (document date)"),
        (None, _) => "undated".into(),
    };
    format!("time: {} / {}", one(x), one(y))
}

/// Candidate pairs: mentions of one block sharing an anchor token.
fn candidates(c: &Corpus<'_>) -> Vec<(MentionRef, MentionRef)> {
    // (dimension, anchor token) → mentions; `None` once the list has grown
    // past `POSTING_CAP` (it is never used then, so it is not kept: on a
    // large corpus common words would hold a reference to most mentions).
    type Posting = Option<Vec<MentionRef>>;
    let mut postings: HashMap<(Arc<str>, Arc<str>), Posting> = HashMap::new();
    for (fi, f) in c.files.iter().enumerate() {
        for (mi, m) in f.mentions.iter().enumerate() {
            if !m.is_tracked() {
                continue;
            }
            let r = MentionRef {
                file: fi as u32,
                index: mi as u32,
            };
            let dim = &m.dimension;
            let fr = &m.frame;
            let tokens = fr.head.iter().chain(&fr.alt_head).chain(&fr.context).chain(&fr.names);
            for tok in tokens {
                let list = postings
                    .entry((dim.clone(), tok.clone()))
                    .or_insert_with(|| Some(Vec::new()));
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

fn severity(a: &Mention, b: &Mention, anchors: u32) -> Severity {
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
fn verdict(x: &Mention, y: &Mention) -> (bool, Option<ConflictKind>) {
    use Polarity::*;
    // A past value with its own year ("down from 78,000 tonnes in 2024")
    // states that year's level.
    let p = |m: &Mention| if m.polarity == Before { Asserted } else { m.polarity };
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

/// Finds the conflicts that concern the files marked in `focus` (indexed like
/// `files`; `None`: every file). The other files are read only to be
/// compared with; a conflict with no side in a focus file is dropped.
pub fn find_conflicts_for(files: &[FileMentions], focus: Option<&[bool]>) -> Vec<Conflict> {
    let c = Corpus::new(files, focus);
    let mut scored = Vec::new();
    for (a, b) in candidates(&c) {
        let (x, y) = (c.get(a), c.get(b));
        // Within one file, only the strongest evidence counts.
        let Some(ev) = evidence(&c, x, y) else { continue };
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
    // Mention → index in `out` of the finding it is reported in.
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
