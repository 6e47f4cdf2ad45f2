//! Whether two mentions state the same quantity, scored dimension by
//! dimension: hard mismatches (frames, rates, places, owners, times) rule a
//! pair out; shared words, names and title topics are its anchors.

use super::Corpus;
use crate::quantity::sym::Sym;
use crate::quantity::{DocContext, Form, Interval, KeptFrame as Frame, KeptMention as Mention};

/// The evidence that two mentions state the same quantity.
pub(super) struct Evidence {
    pub(super) anchors: u32,
    pub(super) why: Vec<String>,
}

/// Words of `a` also in `b`; stems of six or more letters that agree on
/// their first six match too ("econom" / "economi": Snowball gives the
/// adjective and the noun different stems).
fn shared<'x, W: std::ops::Deref<Target = str> + Ord>(a: &'x [W], b: &'x [W]) -> Vec<&'x str> {
    let near = |x: &str, y: &str| x.len() >= 6 && y.len() >= 6 && x.as_bytes()[..6] == y.as_bytes()[..6];
    a.iter()
        .filter(|x| b.binary_search(x).is_ok() || b.iter().any(|y| near(x, y)))
        .map(|x| &**x)
        .collect()
}

fn names_known(names: &[Sym], other_doc: &[u64]) -> bool {
    names
        .iter()
        .any(|n| other_doc.binary_search(&crate::quantity::name_hash(n)).is_ok())
}

/// The same measure: equal heads, a predicate that names the other's head
/// ("students graduated" / "graduates"), or each head among the other's
/// words ("vessel calls" / "ships called").
pub(super) fn same_measure(fx: &Frame, fy: &Frame) -> bool {
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
fn predicate_on_one_side(fx: &Frame, fy: &Frame) -> bool {
    fx.alt_head.is_some() && fy.alt_head.is_none() && !fy.acted && fy.head != fx.alt_head && fx.head == fy.head
}

/// Rates compare with rates of the same denominator; a yearly rate also
/// with a total stated for one year.
pub(super) fn per_compatible(x: &Mention, y: &Mention) -> bool {
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
fn same_order(a: &Interval, b: &Interval) -> bool {
    let (x, y) = ((a.lo + a.hi) / 2.0, (b.lo + b.hi) / 2.0);
    x > 0.0 && y > 0.0 && x.max(y) / x.min(y) < 3.0
}

/// Scores a candidate pair; `None` when a dimension rules it out.
pub(super) fn evidence(c: &Corpus<'_>, x: &Mention, y: &Mention) -> Option<Evidence> {
    let (fx, fy) = (&x.frame, &y.frame);
    if frames_differ(x, y) {
        return None;
    }
    let mut why = Vec::new();
    let mut anchors = 0;
    let same_head = same_measure(fx, fy);
    if rates_or_thresholds_differ(x, y) {
        return None;
    }
    let with_head = |f: &Frame| {
        let mut v: Vec<Sym> = f.context.iter().copied().chain(f.head).collect();
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
    if places_or_owners_differ(x, y, &names) {
        return None;
    }
    let time_ok = times_compatible(x, y);
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
    let generic = fx.head.as_deref().is_some_and(crate::quantity::is_generic_head);
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
    if fx.role == crate::quantity::Role::Change
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

/// A hard mismatch of the frames: dimension, role, a part on either side,
/// a joined noun, a named event, a sub-group, a running total or a purpose
/// on one side only, or a predicate that restricts one count only.
fn frames_differ(x: &Mention, y: &Mention) -> bool {
    let (fx, fy) = (&x.frame, &y.frame);
    x.dimension != y.dimension
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
}

/// Rates of different denominators, different statistics, a threshold on
/// one side only, or history against an undated figure.
fn rates_or_thresholds_differ(x: &Mention, y: &Mention) -> bool {
    let (fx, fy) = (&x.frame, &y.frame);
    if !per_compatible(x, y) {
        return true;
    }
    if fx.statistic.is_some() && fy.statistic.is_some() && fx.statistic != fy.statistic {
        return true;
    }
    if fx.threshold != fy.threshold || historical_against_undated(x, y) || historical_against_undated(y, x) {
        return true;
    }
    false
}

/// Places and owners: a place set against the story's, names the other
/// draft never mentions, or owners that differ make a different quantity.
/// `names` are the names both phrases share.
fn places_or_owners_differ(x: &Mention, y: &Mention, names: &[&str]) -> bool {
    let (fx, fy) = (&x.frame, &y.frame);
    if (fx.elsewhere || fy.elsewhere) && names.is_empty() {
        return true;
    }
    // A name in one phrase that the other draft never mentions ("the
    // smaller Ashfall fire", "inside Marra National Park"): a different
    // owner or place.
    if names.is_empty() {
        let unknown = |f: &Frame, other: &[u64]| !f.names.is_empty() && !names_known(&f.names, other);
        if unknown(fx, &y.doc.names) || unknown(fy, &x.doc.names) {
            return true;
        }
    } else {
        // Shared names aside, each names a place or owner the other draft
        // never mentions ("U.S. troops in Kosovo" / "U.S. troops in Poland").
        let own = |f: &Frame| -> Vec<Sym> { f.names.iter().filter(|n| !names.contains(&&***n)).copied().collect() };
        let (ox, oy) = (own(fx), own(fy));
        if !ox.is_empty() && !oy.is_empty() && !names_known(&ox, &y.doc.names) && !names_known(&oy, &x.doc.names) {
            return true;
        }
    }
    // A total against a count that names its owner ("KFOR has 4,500 troops
    // in total" / "600 U.S. troops serve in KFOR").
    if fx.total != fy.total && (if fx.total { fy.np_names } else { fx.np_names }) {
        return true;
    }
    // A named owner on one side that the other phrase does not name
    // ("Germany sent 400 soldiers" / "600 U.S. troops serve").
    let unnamed_by = |f: &Frame, other: &Frame| {
        f.owner_named
            && other.owner.is_none()
            && f.owner
                .as_ref()
                .is_some_and(|o| !other.names.contains(o) && !other.context.contains(o))
    };
    // (Checked only for an owner named mid-sentence: a capital at the
    // start of a sentence says nothing.)
    if (fx.owner_named && unnamed_by(fx, fy)) || (fy.owner_named && unnamed_by(fy, fx)) {
        return true;
    }
    // Explicit owners that differ ("the service" / "the three branches").
    if let (Some(ox), Some(oy)) = (&fx.owner, &fy.owner) {
        // An owner read at the start of a sentence is a stem ("Farrowby saw
        // …" → farrowbi); the other phrase may name it ("at Farrowby").
        let g = &*crate::quantity::grammar::GRAMMAR;
        let mentioned =
            |o: &Sym, f: &Frame| f.context.contains(o) || f.names.iter().any(|n| n == o || g.stem(n) == **o);
        if ox != oy && !mentioned(ox, fy) && !mentioned(oy, fx) {
            return true;
        }
    }
    false
}

/// Time: explicit years must match; a document date is a wildcard within
/// a year of an explicit one.
fn times_compatible(x: &Mention, y: &Mention) -> bool {
    match (x.time.explicit, y.time.explicit, x.time.year, y.time.year) {
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
    }
}

/// Words that show two drafts tell one story: title words both titles
/// have, or a name in one title that the other draft's lead gives
/// ("Harrowdale's heat pump push" / "Warm Homes grants" whose lead names
/// Harrowdale). Only names count there, words neither draft ever writes in
/// lower case ("Income Tax" in a lead is also "income tax" elsewhere), and
/// two leads alone are not enough: they are full of names (places,
/// agencies, people) unrelated stories share.
fn story_shared<'x>(a: &'x DocContext, b: &'x DocContext, titles_shared: Vec<&'x str>) -> Vec<&'x str> {
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
fn instalments(a: &DocContext, b: &DocContext) -> bool {
    let lacks = |x: &[Sym], y: &[Sym]| x.iter().any(|n| !y.contains(n));
    let numbered = lacks(&a.title_numbers, &b.title_numbers) && lacks(&b.title_numbers, &a.title_numbers);
    let subtitled = matches!((&a.series, &b.series), (Some((sa, ta)), Some((sb, tb))) if sa == sb && ta != tb);
    !std::ptr::eq(a, b) && (numbered || subtitled)
}

/// Whether a word of both titles is among both phrases' words (head
/// included).
fn titles_name_measure(topic: &[&str], cx: &[Sym], cy: &[Sym]) -> bool {
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
