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

mod noun;
mod owner;
mod roles;
mod subject;

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

/// What `read` needs to know about the whole sentence, found once per
/// sentence (`Cues::find`) instead of rescanning the sentence for each of
/// its numbers: a clause of thousands of numbers stays linear.
#[derive(Debug, Default)]
pub struct Cues {
    /// First token an example cue starts at ("for example").
    example: Option<usize>,
    /// First hypothetical modal.
    modal: Option<usize>,
    /// First reporting verb.
    reporting: Option<usize>,
    /// First word or number: the tokens before it open the sentence.
    opening: usize,
    /// For each token, the first valuing word at or after it (or the
    /// sentence's length).
    next_valuing: Vec<usize>,
}

impl Cues {
    /// Reads the cues of the sentence `t`, reusing the buffers.
    pub fn find(&mut self, g: &Grammar, t: &Text<'_>) {
        let n = t.toks.len();
        let word = |i: usize| t.toks[i].is_word().then(|| t.norm(&t.toks[i]));
        let first = |is: &dyn Fn(&str) -> bool| (0..n).find(|&i| word(i).is_some_and(is));
        self.example = (0..n).find(|&i| g.example.at(t, i).is_some());
        self.modal = first(&|w| g.hypothetical.contains(w));
        self.reporting = first(&|w| g.reporting.contains(w));
        self.opening = t.toks.iter().position(|x| x.is_word() || x.is_num()).unwrap_or(n);
        self.next_valuing.clear();
        self.next_valuing.resize(n + 1, n);
        for i in (0..n).rev() {
            let valuing = word(i).is_some_and(|w| g.valuing.contains(w));
            self.next_valuing[i] = if valuing { i } else { self.next_valuing[i + 1] };
        }
    }
}

struct Reader<'a, 'g> {
    g: &'g Grammar,
    t: &'a Text<'a>,
    cues: &'a Cues,
    f: Frame,
    label: Vec<&'a str>,
    /// The noun phrase of `set_head` starts no earlier than this token.
    floor: usize,
    /// Sub-population modifiers count only before this token (the head).
    head_limit: usize,
}

/// Reads the frame of the number at `b`. `blocked` marks tokens that are not
/// quantities (years, designators), which end phrases like numbers do;
/// `cues` are the sentence's (`Cues::find` on the same `t`).
pub fn read(g: &Grammar, t: &Text<'_>, b: Bounds, blocked: &[bool], cues: &Cues) -> Frame {
    let mut r = Reader {
        g,
        t,
        cues,
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
    r.governing_verb(b);
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
        i <= self.cues.opening
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
        // "Immediate Response 25" names an event; "September 2024" is a date.
        if self.is_name(i)
            && super::month_of(w).is_none()
            && self.t.toks.get(i + 1).is_some_and(|n| n.is_num())
            && self.t.toks.get(i + 1).is_some_and(|n| !n.joined())
        {
            self.f.event = true;
        }
        if let Some(st) = self.g.statistic(w) {
            self.f.statistic.get_or_insert(st);
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
