//! Who owns a count and where it is: a possessive ("KFOR's 4,500
//! troops"), the subject of the verb before the number ("The fund has
//! 112,000 members"), the prepositional phrase after the noun ("across
//! Oster Province") and a fronted adverbial ("In Lurin, …").

use super::{Bounds, Reader};

impl Reader<'_, '_> {
    /// "KFOR's 4,500 troops": a possessive right before the number owns
    /// the count.
    pub(super) fn possessive_before(&mut self, b: Bounds) {
        let Some(p) = b.first.checked_sub(1).filter(|&p| p >= b.clause.0) else {
            return;
        };
        let x = &self.t.toks[p];
        if x.is_word() && x.possessive && self.is_content(p) {
            self.f.np_names |= self.is_name(p);
            self.add_context(p);
            let w = self.word(p).unwrap_or("");
            self.f.owner = Some(if self.is_name(p) {
                self.g.shared(w)
            } else {
                self.g.stem_shared(w)
            });
        }
    }

    /// "The fund has 112,000 members", "Neighbouring Castlebury runs 30
    /// buses": the subject of the verb before a counted noun owns the count.
    /// Its words are context; its head (or name) is the owner.
    pub(super) fn owner_before(&mut self, b: Bounds, blocked: &[bool]) {
        self.owner_at(b.clause.0, b.first, blocked);
    }

    /// The subject of the verb that ends just before token `from`.
    pub(super) fn owner_at(&mut self, lo: usize, from: usize, blocked: &[bool]) {
        let g = self.g;
        let mut k = from;
        let mut steps = 0;
        let mut verb = false;
        while k > lo && steps < 4 {
            match self.word(k - 1) {
                Some(w)
                    if (g.linking.contains(w) && !matches!(w, "of" | "at" | "to" | "by"))
                        || w == "for"
                        || w == "with" =>
                {
                    k -= 1
                }
                Some(w) if !verb && !g.stop.contains(w) && (g.is_verb(w) || w.ends_with('s') || w.ends_with("ing")) => {
                    verb = true;
                    self.f.acted = true;
                    k -= 1;
                }
                _ => break,
            }
            steps += 1;
        }
        if !verb && k == from {
            return;
        }
        // An aside between subject and verb ("Her challenger, Dev Marsh,
        // received …"): its names count, the subject is before it.
        if k > lo + 1 && self.t.toks[k - 1].is_punct(',') {
            if let Some(open) = (lo..k - 1).rev().find(|&i| self.t.toks[i].is_punct(',')) {
                for i in open + 1..k - 1 {
                    if self.is_name(i) {
                        self.add_context(i);
                    }
                }
                k = open;
            } else if self.word(k).is_some_and(|w| w == "with") {
                // "The Army's 1st Battalion, with 1,200 soldiers, …"
                k -= 1;
            }
        }
        // "Terminal 3 alone accounted for …": a designator and a focus word.
        while k > lo
            && (blocked.get(k - 1).copied().unwrap_or(false)
                || matches!(self.word(k - 1), Some("alone" | "only" | "itself" | "themselves")))
        {
            k -= 1;
        }
        // Only a subject right before its verb: "X has N", "X ran N".
        let head_before = k.checked_sub(1).is_some_and(|p| self.is_content(p));
        if !head_before {
            return;
        }
        let start = {
            let mut s = k;
            while s > lo && k - s < 4 && self.is_content(s - 1) {
                s -= 1;
            }
            s
        };
        for i in start..k {
            self.add_context(i);
        }
        let owner = k - 1;
        let w = self.word(owner).unwrap_or("");
        // A proper name mid-sentence ("… and Germany sent 400 soldiers").
        self.f.owner_named = self.is_name(owner);
        self.f.owner = Some(if self.is_name(owner) {
            g.shared(w)
        } else {
            g.stem_shared(w)
        });
    }

    /// The prepositional phrase after the noun phrase, to the clause's end or
    /// the next comma or number: places and owners ("across Oster Province").
    pub(super) fn trailing_phrase(&mut self, from: usize, limit: usize, blocked: &[bool]) {
        let mut j = from;
        let stop = (from + 10).min(limit);
        while j < stop {
            let x = &self.t.toks[j];
            if blocked.get(j).copied().unwrap_or(false) {
                j += 1;
                continue;
            }
            if x.is_num() {
                break;
            }
            // "approved €40 million in aid for energy": what it is for.
            if self.word(j) == Some("for") && self.is_content(j + 1) {
                let w = self.word(j + 1).unwrap_or("");
                self.f.purpose = Some(self.g.stem_shared(w));
            }
            if !x.is_word() {
                if x.is_punct('-') {
                    j += 1;
                    continue;
                }
                break;
            }
            if self
                .word(j)
                .is_some_and(|w| matches!(w, "and" | "but" | "while" | "which" | "who" | "that" | "where"))
            {
                break;
            }
            self.add_context(j);
            j += 1;
        }
    }

    /// A fronted adverbial ("In the neighbouring district of Lurin, …")
    /// scopes the clause after its comma.
    pub(super) fn fronted_adverbial(&mut self, b: Bounds) {
        let t = self.t;
        let first = b.clause.0;
        let starts_pp = self.word(first).is_some_and(|w| {
            matches!(
                w,
                "in" | "across" | "at" | "for" | "within" | "throughout" | "outside" | "inside" | "among" | "on"
            )
        });
        if !starts_pp {
            return;
        }
        // A fronted adverbial is short: look for its comma near the start.
        let reach = b.first.min(first + 16);
        let Some(comma) = (first..reach).find(|&i| t.toks[i].is_punct(',')) else {
            return;
        };
        for i in first + 1..comma {
            if self.word(i).is_some() {
                self.add_context(i);
            }
        }
    }
}
