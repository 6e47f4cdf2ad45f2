//! How a value relates to its measure, from cues around the number: a part
//! ("61 of them"), a total, a change ("rose by 300"), a target or a
//! conditional estimate ("aims to build", "would cost"), a threshold
//! ("waiting for over a year"), and the verb that acts on the count.

use super::{Bounds, Reader, Role};

impl Reader<'_, '_> {
    /// Partitive ("61 of them", "Of those, 310", "including 40"), total,
    /// change and target cues around the number.
    pub(super) fn part_and_role_cues(&mut self, b: Bounds) {
        let g = self.g;
        let t = self.t;
        if g.partitive.at(t, b.end).is_some() && !b.has_unit {
            self.f.partitive = true;
        }
        let mut k = b.first;
        if k > 0 && t.toks[k - 1].is_punct(',') {
            k -= 1;
        }
        if g.partitive.ending_at(t, k).is_some() {
            self.f.partitive = true;
        }
        let verb_before = b
            .first
            .checked_sub(1)
            .and_then(|p| self.word(p))
            .is_some_and(|w| g.change_verbs.contains(w));
        let between = self.word(b.end);
        let additive = between.is_some_and(|w| g.additive.contains(w));
        if g.change_before.ending_at(t, b.first).is_some() || verb_before || additive || self.change_noun_after(b.end) {
            self.f.role = Role::Change;
        }
        if between.is_some_and(|w| g.besides.contains(w)) {
            self.f.subgroup = true;
        }
        let lo = b.clause.0.max(b.first.saturating_sub(8));
        let hi = b.clause.1.min(b.end + 6);
        for i in lo..hi {
            if g.total.at(t, i).is_some() {
                self.f.total = true;
            }
            if self.f.role == Role::Level && i < b.first && self.word(i).is_some_and(|w| g.target.contains(w)) {
                self.f.role = Role::Target;
            }
            if g.past.at(t, i).is_some() {
                self.f.past = true;
            }
            if i >= b.end && g.cumulative.at(t, i).is_some() {
                self.f.cumulative = true;
            }
            if self.f.role == Role::Level && g.record.at(t, i).is_some() {
                self.f.role = Role::Record;
            }
        }
        match self.modality(b) {
            Some(Role::Hypothetical) => self.f.role = Role::Hypothetical,
            Some(Role::Target) if self.f.role == Role::Level => self.f.role = Role::Target,
            _ => {}
        }
        self.f.condition = self.condition(b);
    }

    /// "a 9% jump", "a 4.5 percent pay rise": a noun of change right after
    /// the number, or after one modifier.
    fn change_noun_after(&self, end: usize) -> bool {
        let g = self.g;
        let change = |i: usize| self.word(i).is_some_and(|w| g.change_after.contains(w));
        change(end) || (self.is_content(end) && change(end + 1))
    }

    /// "households with incomes above $500,000", "phased out at $440,000
    /// of income": a comparative preposition right after a noun makes the
    /// number a bound on that noun, not a quantity the text states.
    fn condition(&self, b: Bounds) -> bool {
        let g = self.g;
        let prep_at = |i: usize| self.word(i).is_some_and(|w| g.condition.contains(w));
        let prep = if prep_at(b.first) {
            b.first
        } else if b.first > 0 && prep_at(b.first - 1) {
            b.first - 1
        } else {
            return false;
        };
        let Some(n) = prep.checked_sub(1).filter(|&n| n >= b.clause.0) else {
            return false;
        };
        let valued = self.cues.next_valuing.get(b.clause.0).is_some_and(|&v| v < n);
        !valued
            && self.is_content(n)
            && self.word(n).is_some_and(|w| {
                !g.verbs.contains(w) && !g.linking.contains(w) && !w.ends_with("ed") && !g.change_verbs.contains(w)
            })
    }

    /// A modal of a conditional estimate before the number in its
    /// sentence, or an example cue: hypothetical. A modal after a reporting
    /// verb reports a plan ("said it would take 450"): a target.
    fn modality(&self, b: Bounds) -> Option<Role> {
        let c = self.cues;
        if c.example.is_some_and(|i| i < b.first) {
            return Some(Role::Hypothetical);
        }
        let modal = c.modal.filter(|&i| i < b.first)?;
        if c.reporting.is_some_and(|i| i < modal) {
            Some(Role::Target)
        } else {
            Some(Role::Hypothetical)
        }
    }

    /// "waiting for over a year", "delayed by more than 15 minutes": a
    /// threshold of time in the clause after the number.
    pub(super) fn threshold_after(&mut self, b: Bounds) {
        let hi = b.clause.1.min(b.end + 10);
        for j in b.end..hi {
            let Some(w) = self.word(j) else { continue };
            if !matches!(
                w,
                "over" | "more" | "longer" | "least" | "beyond" | "within" | "under" | "than"
            ) {
                continue;
            }
            let unit = (j + 1..(j + 4).min(hi)).any(|k| {
                self.word(k).is_some_and(|u| {
                    matches!(
                        u,
                        "year"
                            | "years"
                            | "month"
                            | "months"
                            | "week"
                            | "weeks"
                            | "day"
                            | "days"
                            | "hour"
                            | "hours"
                            | "minute"
                            | "minutes"
                    )
                })
            });
            if unit {
                self.f.threshold = true;
                return;
            }
        }
    }

    /// A verb right before the number ("killed 61 people").
    pub(super) fn verb_before(&mut self, b: Bounds) {
        let g = self.g;
        let Some(p) = b.first.checked_sub(1).filter(|&p| p >= b.clause.0) else {
            return;
        };
        let Some(w) = self.word(p) else { return };
        if !g.is_verb(w) || g.linking.contains(w) {
            return;
        }
        self.f.acted = true;
        if let Some(m) = g.predicate_measure(w) {
            if self.f.head.is_none() || self.head_is_generic() {
                self.f.head = Some(m);
            }
        }
        self.add_context(p);
    }

    /// "paid grants to 1,250 households": a verb a few words before the
    /// number (past a preposition and its noun) says what happened to the
    /// counted, as a predicate after them would.
    pub(super) fn governing_verb(&mut self, b: Bounds) {
        let g = self.g;
        let lo = b.clause.0.max(b.first.saturating_sub(4));
        let governed = (lo..b.first)
            .rev()
            .filter_map(|i| self.word(i))
            .any(|w| g.is_verb(w) && !g.linking.contains(w) && !g.reporting.contains(w) && !g.stop.contains(w));
        if governed {
            self.f.acted = true;
        }
    }
}
