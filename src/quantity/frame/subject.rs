//! The subject a number is predicated of when no noun follows it: "The
//! death toll in it stands at 43", "put the reconstruction bill at €1.4
//! billion".

use super::{Bounds, Reader};

impl Reader<'_, '_> {
    /// "The death toll in it stands at 43": back over linking words and a
    /// short prepositional phrase to the subject noun phrase.
    pub(super) fn subject_before(&mut self, b: Bounds, blocked: &[bool]) {
        let g = self.g;
        let lo = b.clause.0;
        let mut k = b.first;
        let mut steps = 0;
        let mut verb = false;
        let mut measure_verb: Option<&str> = None;
        while k > lo && steps < 6 {
            let x = &self.t.toks[k - 1];
            if matches!(x.kind, crate::quantity::token::Kind::Punct('"' | '“' | '”' | '\'')) {
                k -= 1;
                continue;
            }
            match self.word(k - 1) {
                Some(w) if g.linking.contains(w) || w.ends_with("ly") => {
                    k -= 1;
                    steps += 1;
                }
                // One verb of the subject's own ("the fire burned 12,400
                // hectares", "the strike lasted 19 days").
                Some(w) if !verb && g.is_verb(w) && !g.stop.contains(w) => {
                    verb = true;
                    measure_verb = g.verb_measure(w);
                    self.add_context(k - 1);
                    k -= 1;
                    steps += 1;
                }
                _ => break,
            }
        }
        if k == b.first {
            // "makes the increase 6.2 percent": a noun right before the
            // number after a determiner.
            let det = k >= lo + 2
                && self
                    .word(k - 2)
                    .is_some_and(|w| matches!(w, "the" | "a" | "an" | "its" | "their"));
            if !(det && self.is_content(k - 1)) {
                return;
            }
        }
        // "The smaller Ashfall fire, 90 kilometres to the south, burned …":
        // the subject is before an aside set off by commas.
        if k > lo + 1 && self.t.toks[k - 1].is_punct(',') {
            if let Some(open) = (lo..k - 1).rev().find(|&i| self.t.toks[i].is_punct(',')) {
                k = open;
            }
        }
        let Some((first_start, first_end)) = self.subject_chain(lo, k, blocked) else {
            return;
        };
        let head_at = first_end - 1;
        if self.is_name(head_at) && (first_start..head_at).all(|i| self.is_name(i)) {
            return;
        }
        if g.containers.contains(self.word(head_at).unwrap_or("")) && first_start == head_at {
            // "the share of …", "the number of …" alone: the chain's next
            // noun phrase was the head; set_head marks an anaphor otherwise.
        }
        self.set_head(head_at, b.end);
        self.f.end = b.end;
        // "the city owed €980 million": the verb names the measure (debt),
        // the subject owns it.
        if let Some(m) = measure_verb {
            if let Some(h) = self.f.head.take() {
                self.f.owner = Some(h.clone());
                self.f.context.push(h);
                self.f.context.sort();
                self.f.context.dedup();
            }
            self.f.head = Some(g.canonical(None, m));
            self.f.anaphor = false;
        }
        // "English learners graduated at a rate of 67 percent": the subject
        // of a verb before the chain owns the figure.
        let mut s = first_start;
        while s > lo
            && self
                .word(s - 1)
                .is_some_and(|w| matches!(w, "the" | "a" | "an" | "at" | "with" | "by" | "to" | "for"))
        {
            s -= 1;
        }
        if s > lo && s < first_start && self.word(s - 1).is_some_and(|w| g.is_verb(w)) {
            self.owner_at(lo, s, blocked);
        }
    }

    /// The subject before a linking verb, as a chain of noun phrases joined
    /// by prepositions ("the median rent for a two-bedroom flat in the
    /// city"): returns the first noun phrase (whose last word is the head);
    /// the others' words become context. A container first ("the number of
    /// evictions") gives way to the noun phrase it holds.
    fn subject_chain(&mut self, lo: usize, end: usize, blocked: &[bool]) -> Option<(usize, usize)> {
        let g = self.g;
        let mut phrases: Vec<(usize, usize)> = Vec::new();
        let mut k = end;
        // "The death toll [in it] stands at 43": a short prepositional phrase
        // between the subject and its verb.
        let mut skip = k;
        while skip > lo && end - skip < 3 && !self.is_content(skip - 1) && self.word(skip - 1).is_some() {
            skip -= 1;
        }
        if skip < k && skip > lo && self.is_content(skip - 1) {
            k = skip;
        }
        let skippable_year = |k: usize| blocked.get(k).copied().unwrap_or(false);
        loop {
            // A noun phrase ending at k (a year inside it is skipped).
            let mut np_end = k;
            // "the class of 2024": a trailing year phrase.
            if np_end > lo + 1 && skippable_year(np_end - 1) {
                np_end -= 1;
                if self.word(np_end - 1).is_some_and(|w| matches!(w, "of" | "in" | "for")) {
                    np_end -= 1;
                }
            }
            k = np_end;
            // Hyphenated compounds ("two-bedroom", "four-year") stay whole.
            let in_compound = |i: usize| {
                let x = &self.t.toks[i];
                (x.is_punct('-') && x.joined()) || self.t.toks.get(i + 1).is_some_and(|n| n.is_punct('-') && n.joined())
            };
            let noun = |i: usize| {
                (self.is_content(i) || (in_compound(i) && i + 1 < np_end))
                    && !(i + 1 < np_end && g.is_verb(self.word(i).unwrap_or("")))
            };
            while k > lo && end - k < 12 && (noun(k - 1) || (skippable_year(k - 1) && k < np_end)) {
                if k < np_end && g.is_verb(self.word(k - 1).unwrap_or("")) {
                    break;
                }
                k -= 1;
            }
            if k == np_end {
                break;
            }
            phrases.push((k, np_end));
            // Determiners, then a preposition joining it to an earlier one.
            let mut j = k;
            while j > lo
                && self.word(j - 1).is_some_and(|w| {
                    matches!(
                        w,
                        "the" | "a" | "an" | "its" | "their" | "this" | "that" | "those" | "these"
                    ) || skippable_year(j - 1)
                })
            {
                j -= 1;
            }
            let joined = j > lo
                && self.word(j - 1).is_some_and(|w| {
                    matches!(
                        w,
                        "for" | "of" | "on" | "in" | "with" | "from" | "at" | "to" | "across" | "among" | "by"
                    )
                });
            let verb_at = |i: usize| g.is_verb(self.word(i).unwrap_or(""));
            if joined
                && j >= lo + 2
                && !verb_at(j - 2)
                && (self.is_content(j - 2) || self.word(j - 2).is_some_and(|w| matches!(w, "the" | "a" | "an")))
            {
                k = j - 1;
                while k > lo
                    && self
                        .word(k - 1)
                        .is_some_and(|w| matches!(w, "the" | "a" | "an" | "its" | "their"))
                {
                    k -= 1;
                }
                continue;
            }
            break;
        }
        let mut first = phrases.pop()?;
        if first.1 - first.0 == 1 && g.containers.contains(self.word(first.0).unwrap_or("")) {
            if let Some(next) = phrases.pop() {
                self.add_context(first.0);
                first = next;
            }
        }
        for (a, b) in phrases {
            for i in a..b {
                if self.word(i).is_some() {
                    self.add_context(i);
                }
            }
        }
        Some(first)
    }
}
