//! The measure noun after the number: "N% of X", the noun run that ends the
//! phrase and its head, a rate's denominator ("per resident"), a joined
//! noun ("personnel and contractors") and a predicate verb after it
//! ("students graduated").

use super::{Bounds, Reader};
use crate::quantity::grammar::is_regular_plural;

impl Reader<'_, '_> {
    /// "1,200 U.S. personnel and contractors": a count of more than the
    /// head noun.
    pub(super) fn coordination_after(&mut self, end: usize) {
        let joined = self.word(end).is_some_and(|w| matches!(w, "and" | "or" | "plus"));
        let other = self
            .word(end + 1)
            .filter(|w| w.len() > 3 && w.ends_with('s') && self.is_content(end + 1));
        if joined && other.is_some() {
            self.f.coordinated = true;
            self.add_context(end + 1);
        }
    }

    /// "€4,200 per resident", "£1,140 a month": what the value is per.
    pub(super) fn rate_denominator(&mut self, end: usize) {
        let g = self.g;
        // "2.1 hospital beds for every 1,000 residents", "per 100,000 people"
        let hi = (end + 8).min(self.t.toks.len());
        for j in end..hi {
            let every = self.word(j) == Some("per")
                || (self.word(j) == Some("for") && matches!(self.word(j + 1), Some("every" | "each")));
            if !every {
                continue;
            }
            let mut k = if self.word(j) == Some("per") { j + 1 } else { j + 2 };
            while self.t.toks.get(k).is_some_and(|x| x.is_num() || x.is_punct(',')) {
                k += 1;
            }
            if let Some(w) = self.word(k).filter(|_| self.is_content(k)) {
                self.f.per = Some(g.canonical(None, w));
                return;
            }
        }
        let (j, any) = match self.word(end) {
            Some("per") => (end + 1, true),
            Some("a" | "an" | "each" | "every") => (end + 1, false),
            _ => return,
        };
        let Some(w) = self.word(j) else { return };
        let w = if w == "capita" { "person" } else { w };
        if any
            || matches!(
                w,
                "year" | "month" | "week" | "day" | "night" | "hour" | "head" | "person"
            )
        {
            self.f.per = Some(g.canonical(None, w));
        }
    }

    /// "38% of departures", "a third of the quota": the noun after "of".
    pub(super) fn percent_of(&mut self, b: Bounds) -> Option<(usize, usize)> {
        if !b.has_unit || self.word(b.end) != Some("of") || self.f.partitive {
            return None;
        }
        let mut j = b.end + 1;
        while self.word(j).is_some_and(|w| {
            matches!(
                w,
                "the" | "a" | "an" | "all" | "its" | "their" | "those" | "these" | "them"
            )
        }) {
            j += 1;
        }
        self.noun_run(j, b.clause.1, &[])
    }

    /// The noun phrase starting at `from`: content words up to a function
    /// word, a verb, punctuation or a number; its head is the last word.
    fn noun_run(&self, from: usize, limit: usize, blocked: &[bool]) -> Option<(usize, usize)> {
        let mut j = from;
        let mut last = None;
        while j < limit && j < from + 5 {
            let x = &self.t.toks[j];
            if x.is_punct('-') && x.joined() && last.is_some() && self.is_content(j + 1) {
                j += 1;
                continue;
            }
            if !self.is_content(j) || blocked.get(j).copied().unwrap_or(false) {
                break;
            }
            let w = self.word(j).unwrap_or("");
            if (last.is_some() && self.g.is_verb(w))
                || (last.is_none() && self.g.verbs.contains(w) && !w.ends_with('s'))
            {
                break;
            }
            // "patients waiting", "people living": a participle after a
            // plural noun is a predicate.
            let plural_before = last
                .and_then(|l| self.word(l))
                .is_some_and(|p| p.len() > 3 && p.ends_with('s'));
            if plural_before && w.len() > 5 && w.ends_with("ing") {
                break;
            }
            // "methodologies employ user stories": a plural heads its phrase
            // unless it is one that modifies ("sales tax").
            if last.and_then(|l| self.word(l)).is_some_and(|p| self.ends_phrase(p)) && !is_regular_plural(w) {
                break;
            }
            last = Some(j);
            j += 1;
            if x.possessive {
                continue;
            }
        }
        last.map(|h| (h, h + 1))
    }

    /// A plural that ends its noun phrase: any but the listed modifiers.
    fn ends_phrase(&self, w: &str) -> bool {
        is_regular_plural(w) && !self.g.plural_modifiers.contains(w)
    }

    pub(super) fn noun_after(&self, from: usize, limit: usize, blocked: &[bool]) -> Option<(usize, usize)> {
        let mut j = from;
        // "hundreds of homes", "dozens of them"
        if self.word(j) == Some("of") && !self.f.partitive {
            j += 1;
        }
        // "four more sites", "four other routes" (see `roles`).
        if self
            .word(j)
            .is_some_and(|w| self.g.additive.contains(w) || self.g.besides.contains(w))
        {
            j += 1;
        }
        let (mut h, mut end) = self.noun_run(j, limit, blocked)?;
        // "$4.6bn worth of steel imports", "a share of the market": the noun
        // the container holds.
        if self.word(end) == Some("of")
            && self
                .word(h)
                .is_some_and(|w| w == "worth" || self.g.containers.contains(w))
        {
            let mut k = end + 1;
            while self
                .word(k)
                .is_some_and(|w| matches!(w, "the" | "a" | "an" | "its" | "their"))
            {
                k += 1;
            }
            if let Some((h2, e2)) = self.noun_run(k, limit, blocked) {
                h = h2;
                end = e2;
            }
        }
        // A name alone is an owner or a place, not what is counted.
        let orig = self.t.orig(&self.t.toks[h]);
        if self.is_name(h) && h == j && !orig.chars().all(|c| c.is_uppercase()) {
            return None;
        }
        Some((h, end))
    }

    /// Records `head_at` as the head and the words before it (from the run's
    /// start) as context.
    pub(super) fn set_head(&mut self, head_at: usize, end: usize) {
        let g = self.g;
        let mut start = head_at;
        while start > self.floor && self.is_content(start - 1) && head_at - start < 4 {
            start -= 1;
        }
        let head = self.word(head_at).unwrap_or("");
        let modifier = (start < head_at).then(|| self.word(head_at - 1)).flatten();
        self.head_limit = head_at;
        for i in start..head_at {
            self.f.np_names |= self.is_name(i);
            self.add_context(i);
            self.label.push(self.t.orig(&self.t.toks[i]));
        }
        self.label.push(self.t.orig(&self.t.toks[head_at]));
        if g.anaphors.contains(head) && start == head_at {
            self.f.anaphor = true;
        } else if g.containers.contains(head) && start == head_at {
            self.f.anaphor = true;
            self.f.context.push(g.stem_shared(head));
        } else {
            self.f.head = Some(g.canonical(modifier, head));
        }
        self.f.end = end;
    }

    /// "buildings damaged", "were killed", "sustained damage": stems after
    /// the noun (past auxiliaries); a generic head takes a predicate measure.
    pub(super) fn predicate_after(&mut self, from: usize, limit: usize) -> usize {
        let g = self.g;
        let mut j = from;
        while self.word(j).is_some_and(|w| {
            matches!(
                w,
                "were" | "was" | "are" | "is" | "have" | "has" | "had" | "been" | "being"
            )
        }) {
            j += 1;
        }
        let mut end = from;
        let mut taken = 0;
        while j < limit && taken < 2 {
            let Some(w) = self.word(j) else { break };
            if g.stop.contains(w) {
                break;
            }
            if taken == 0 && !g.is_verb(w) {
                break;
            }
            if let Some(m) = g.predicate_measure(w) {
                if self.head_is_generic() {
                    self.f.head = Some(m);
                }
            }
            // "38% of departures left": a predicate without -ed still says
            // what the counted did.
            self.f.acted = true;
            if taken == 0 && w.ends_with("ed") {
                let generic = self.head_is_generic();
                self.f.alt_head = match g.predicate_measure(w) {
                    Some(_) if generic => None,
                    Some(m) => Some(m),
                    None => Some(g.stem_shared(w)),
                };
            }
            self.add_context(j);
            self.label.push(self.t.orig(&self.t.toks[j]));
            taken += 1;
            j += 1;
            end = j;
        }
        end
    }

    pub(super) fn head_is_generic(&self) -> bool {
        let g = self.g;
        self.f.head.as_deref().is_some_and(|h| g.is_generic_head(h))
    }
}
