//! A number's frame: what it counts or measures, read from its own phrase.
//!
//! The measure is the noun phrase right after the number ("about 2,800
//! buildings damaged", "41 chicks") or, when there is none, the subject the
//! number is predicated of ("the death toll in it stands at 43", "put the
//! reconstruction bill at €1.4 billion"). Any noun can be a head: the
//! grammar only says where a phrase ends. Everything else the phrase says —
//! its other content words, the names in it, a part ("61 of them"), a total,
//! a place set against the story's ("the neighbouring district of Lurin"),
//! a change or a target — comes from the phrase itself and the prepositional
//! phrase after it, never from elsewhere in the sentence, except a fronted
//! adverbial ("In Lurin, …") that scopes the whole clause after it.

use std::sync::Arc;

use super::grammar::Grammar;
use super::lexicon::Text;
use super::token::Tok;

/// What a quantity expression occupies in its sentence's tokens.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// First token, hedges and negation included.
    pub first: usize,
    /// First token of the number itself.
    pub start: usize,
    /// Token after the number, its unit and any post-hedge.
    pub end: usize,
    /// Clause the number sits in (token range).
    pub clause: (usize, usize),
    /// A percent, currency or unit was read with the number.
    pub has_unit: bool,
}

/// How the value relates to the measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The amount itself ("1,900 structures").
    #[default]
    Level,
    /// A change of it ("rose by 300", "a 22 percent cut", "another 200").
    Change,
    /// A target, forecast or plan ("aims to build 5,000").
    Target,
    /// A record or comparison value ("the highest since 1998").
    Record,
    /// A conditional estimate or a worked example ("the reform would cost
    /// $2 billion", "for example, a single person gets £850"): never
    /// compared.
    Hypothetical,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Level => "level",
            Role::Change => "change",
            Role::Target => "target",
            Role::Record => "record",
            Role::Hypothetical => "hypothetical",
        }
    }
}

/// The measure frame of one number.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Frame {
    /// Canonical head ("building", "death", a stem such as "turbin"); `None`:
    /// nothing names what the number counts.
    pub head: Option<Arc<str>>,
    /// The phrase as written, for people ("buildings damaged").
    pub label: Box<str>,
    /// Stems of the other content words of the phrase, sorted.
    pub context: Vec<Arc<str>>,
    /// Proper names in the phrase, lower case (owners and places), sorted.
    pub names: Vec<Arc<str>>,
    /// The head was a word standing for an earlier measure ("the figure").
    pub anaphor: bool,
    /// A part of a larger whole counted elsewhere ("61 of them").
    pub partitive: bool,
    /// A sum over contributors ("in total").
    pub total: bool,
    /// A place set against the story's own ("a rival port").
    pub elsewhere: bool,
    pub role: Role,
    /// A rate's denominator ("per resident" → person, "a month" → month).
    pub per: Option<Arc<str>>,
    /// The stem of a predicate verb after the noun ("students graduated" →
    /// graduat): the same count as a head of that stem ("graduates").
    pub alt_head: Option<Arc<str>>,
    /// The count is of those past a threshold ("patients waiting for over
    /// a year"): a subset, compared only with another such count.
    pub threshold: bool,
    /// The subject that has or does the counted thing ("the fund" in "the
    /// fund has 112,000 members"), stemmed or a lower-case name.
    pub owner: Option<Arc<str>>,
    /// A past value relative to another time of the text ("the year
    /// before", "the previous strike").
    pub past: bool,
    /// A sum over a period ("since 1999", "so far", "to date").
    pub cumulative: bool,
    /// A verb acts on the count ("handled 4,100 ships", "Castlebury runs
    /// 30 buses"), beyond having or being it.
    pub acted: bool,
    /// What an amount is for ("for roads"), stemmed.
    pub purpose: Option<Arc<str>>,
    /// A named event or designator in the phrase ("took part in Immediate
    /// Response 25"): the count of that event only.
    pub event: bool,
    /// A sub-population modifier ("youth unemployment", "combat troops").
    pub subgroup: bool,
    /// The counted noun is joined with another ("personnel and
    /// contractors"): a wider count.
    pub coordinated: bool,
    /// A bound on another noun ("incomes above $500,000"), not a quantity
    /// the text states.
    pub condition: bool,
    /// A proper name inside the counted noun phrase ("600 U.S. troops").
    pub np_names: bool,
    /// The owner is a proper name (capitalised mid-sentence).
    pub owner_named: bool,
    /// The statistic the phrase names ("median", "highest"), if any.
    pub statistic: Option<Arc<str>>,
    /// Token after the phrase (for the mention's span).
    pub end: usize,
}

fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

struct Reader<'a, 'g> {
    g: &'g Grammar,
    t: &'a Text<'a>,
    f: Frame,
    label: Vec<&'a str>,
    /// The noun phrase of `set_head` starts no earlier than this token.
    floor: usize,
    /// Sub-population modifiers count only before this token (the head).
    head_limit: usize,
}

/// Reads the frame of the number at `b`. `blocked` marks tokens that are not
/// quantities (years, designators), which end phrases like numbers do.
pub fn read(g: &Grammar, t: &Text<'_>, b: Bounds, blocked: &[bool]) -> Frame {
    let mut r = Reader {
        g,
        t,
        f: Frame {
            end: b.end,
            ..Frame::default()
        },
        label: Vec::new(),
        floor: 0,
        head_limit: usize::MAX,
    };
    r.part_and_role_cues(b);
    // "$50 for each $1,000 of income", "$5 per $100": a rate's base.
    let base = b
        .first
        .checked_sub(1)
        .and_then(|p| r.word(p))
        .is_some_and(|w| matches!(w, "per" | "each" | "every"));
    if base {
        r.f.partitive = true;
    }
    r.rate_denominator(b.end);
    let after_of = r.percent_of(b);
    let right = after_of.or_else(|| r.noun_after(b.end, b.clause.1, blocked));
    match right {
        Some((head_at, end)) => {
            r.floor = b.end;
            r.set_head(head_at, end);
            r.possessive_before(b);
            r.owner_before(b, blocked);
            r.coordination_after(end);
            let pend = r.predicate_after(end, b.clause.1);
            r.f.end = pend;
            r.trailing_phrase(pend, b.clause.1, blocked);
        }
        None => {
            r.subject_before(b, blocked);
            r.trailing_phrase(b.end, b.clause.1, blocked);
        }
    }
    r.verb_before(b);
    r.threshold_after(b);
    r.fronted_adverbial(b);
    r.finish()
}

impl<'a> Reader<'a, '_> {
    fn word(&self, i: usize) -> Option<&'a str> {
        let x = self.t.toks.get(i)?;
        x.is_word().then(|| self.t.norm(x))
    }

    /// The first word of the sentence (after bullets, emphasis or quotes),
    /// whose capital says nothing.
    fn sentence_initial(&self, i: usize) -> bool {
        self.t.toks[..i].iter().all(|x| !x.is_word() && !x.is_num())
    }

    /// A capitalised word that is not capitalised only for starting the
    /// sentence: a proper name.
    fn is_name(&self, i: usize) -> bool {
        is_capitalised(self.t.orig(&self.t.toks[i])) && !self.sentence_initial(i)
    }

    fn is_content(&self, i: usize) -> bool {
        self.word(i)
            .is_some_and(|w| !self.g.stop.contains(w) && w.chars().any(char::is_alphabetic))
    }

    fn add_context(&mut self, i: usize) {
        let x: &Tok = &self.t.toks[i];
        let orig = self.t.orig(x);
        let w = self.t.norm(x);
        if self.g.stop.contains(w) {
            return;
        }
        if is_capitalised(orig) && !self.sentence_initial(i) {
            self.f.names.push(self.g.shared(w));
        } else {
            self.f.context.push(self.g.stem_shared(w));
        }
        if self.g.elsewhere.contains(w) {
            self.f.elsewhere = true;
        }
        if self.g.subgroups.contains(w) && i < self.head_limit {
            self.f.subgroup = true;
        }
        if self.is_name(i)
            && self.t.toks.get(i + 1).is_some_and(|n| n.is_num())
            && self.t.toks.get(i + 1).is_some_and(|n| !n.joined())
        {
            self.f.event = true;
        }
        if let Some(st) = self.g.statistic(w) {
            self.f.statistic.get_or_insert(st);
        }
    }

    /// Partitive ("61 of them", "Of those, 310", "including 40"), total,
    /// change and target cues around the number.
    fn part_and_role_cues(&mut self, b: Bounds) {
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
        if g.change_before.ending_at(t, b.first).is_some()
            || verb_before
            || self.word(b.end).is_some_and(|w| g.change_after.contains(w))
        {
            self.f.role = Role::Change;
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
        let valued = (b.clause.0..n).any(|i| self.word(i).is_some_and(|w| g.valuing.contains(w)));
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
        let g = self.g;
        if (0..b.first).any(|i| g.example.at(self.t, i).is_some()) {
            return Some(Role::Hypothetical);
        }
        let modal = (0..b.first).find(|&i| self.word(i).is_some_and(|w| g.hypothetical.contains(w)))?;
        if (0..modal).any(|i| self.word(i).is_some_and(|w| g.reporting.contains(w))) {
            Some(Role::Target)
        } else {
            Some(Role::Hypothetical)
        }
    }

    /// "KFOR's 4,500 troops": a possessive right before the number owns
    /// the count.
    fn possessive_before(&mut self, b: Bounds) {
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

    /// "1,200 U.S. personnel and contractors": a count of more than the
    /// head noun.
    fn coordination_after(&mut self, end: usize) {
        let joined = self.word(end).is_some_and(|w| matches!(w, "and" | "or" | "plus"));
        let other = self
            .word(end + 1)
            .filter(|w| w.len() > 3 && w.ends_with('s') && self.is_content(end + 1));
        if joined && other.is_some() {
            self.f.coordinated = true;
            self.add_context(end + 1);
        }
    }

    /// "The fund has 112,000 members", "Neighbouring Castlebury runs 30
    /// buses": the subject of the verb before a counted noun owns the count.
    /// Its words are context; its head (or name) is the owner.
    fn owner_before(&mut self, b: Bounds, blocked: &[bool]) {
        self.owner_at(b.clause.0, b.first, blocked);
    }

    /// The subject of the verb that ends just before token `from`.
    fn owner_at(&mut self, lo: usize, from: usize, blocked: &[bool]) {
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

    /// "waiting for over a year", "delayed by more than 15 minutes": a
    /// threshold of time in the clause after the number.
    fn threshold_after(&mut self, b: Bounds) {
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

    /// "€4,200 per resident", "£1,140 a month": what the value is per.
    fn rate_denominator(&mut self, end: usize) {
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
    fn percent_of(&mut self, b: Bounds) -> Option<(usize, usize)> {
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
            last = Some(j);
            j += 1;
            if x.possessive {
                continue;
            }
        }
        last.map(|h| (h, h + 1))
    }

    fn noun_after(&self, from: usize, limit: usize, blocked: &[bool]) -> Option<(usize, usize)> {
        let mut j = from;
        // "hundreds of homes", "dozens of them"
        if self.word(j) == Some("of") && !self.f.partitive {
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
    fn set_head(&mut self, head_at: usize, end: usize) {
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
    fn predicate_after(&mut self, from: usize, limit: usize) -> usize {
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

    fn head_is_generic(&self) -> bool {
        let g = self.g;
        self.f.head.as_deref().is_some_and(|h| g.is_generic_head(h))
    }

    /// A verb right before the number ("killed 61 people").
    fn verb_before(&mut self, b: Bounds) {
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

    /// "The death toll in it stands at 43": back over linking words and a
    /// short prepositional phrase to the subject noun phrase.
    fn subject_before(&mut self, b: Bounds, blocked: &[bool]) {
        let g = self.g;
        let lo = b.clause.0;
        let mut k = b.first;
        let mut steps = 0;
        let mut verb = false;
        let mut measure_verb: Option<&str> = None;
        while k > lo && steps < 6 {
            let x = &self.t.toks[k - 1];
            if matches!(x.kind, super::token::Kind::Punct('"' | '“' | '”' | '\'')) {
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

    /// The prepositional phrase after the noun phrase, to the clause's end or
    /// the next comma or number: places and owners ("across Oster Province").
    fn trailing_phrase(&mut self, from: usize, limit: usize, blocked: &[bool]) {
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
    fn fronted_adverbial(&mut self, b: Bounds) {
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

    fn finish(mut self) -> Frame {
        for v in [&mut self.f.context, &mut self.f.names] {
            v.sort();
            v.dedup();
        }
        if let Some(h) = &self.f.head {
            let h = h.clone();
            self.f.context.retain(|c| *c != h);
        }
        // Frames are kept until the cross-file pass: no spare capacity.
        self.f.context.shrink_to_fit();
        self.f.names.shrink_to_fit();
        self.f.label = self.label.join(" ").into_boxed_str();
        self.f
    }
}
