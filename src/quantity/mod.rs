//! Quantities: numbers that count or measure something, with enough context
//! to decide when two of them are the same quantity.
//!
//! Per document, `extract_document` finds every quantity mention (a number,
//! hedge or vague phrase, its measure noun, its owner, place, qualifiers, time
//! scope and polarity), reading the document's `masked` text sentence by
//! sentence so that markers, URLs and code never yield numbers and chrome
//! (boilerplate, datelines, trailers, offers, block quotes) is skipped.
//! Across documents, `corpus::find_conflicts` groups mentions by their
//! comparability key and sweeps each group in sorted order.
//!
//! What the cross-document pass keeps of a mention after its document is
//! dropped is a `KeptMention`: interned words, a short surface string, byte
//! span, line and column; document text is not kept across the corpus.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

mod compare;
mod doc_context;
mod extract;
mod fraction;
pub mod frame;
pub mod grammar;
mod kept;
pub mod ledger;
pub mod lexicon;
pub mod sym;
pub mod token;
pub mod value;

pub use compare::{
    find_conflicts, find_conflicts_for, groups, Conflict, ConflictKind, FileMentions, Group, MentionRef,
};
pub use extract::{extract_document, extract_sentence, Extractor};
pub use frame::{Frame, Role};
pub use kept::{KeptFrame, KeptMention};
pub use lexicon::{Lexicon, NUMBERS};
pub use value::{Form, Interval};

/// The year a quantity is stated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Time {
    pub year: Option<u16>,
    /// Written in the sentence ("as of 2025", "in 2025", "a 2025 account");
    /// otherwise the year is the article's date.
    pub explicit: bool,
    /// The month written right before an explicit year ("February 2024").
    pub month: Option<u8>,
}

/// The month a word names ("feb", "February"), 1-based.
pub fn month_of(w: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = w.to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && w != "may" && m.starts_with(w)) || (w == "sept" && *m == "september"))
        .map(|i| i as u8 + 1)
}

/// Who asserts the quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    /// The article states it (including attributed evidence: "one account
    /// cites “about 600 soldiers”").
    Asserted,
    /// Denied: "hundreds, not thousands", "rather than 1,200".
    Negated,
    /// A claim the article reports or debunks ("posts falsely claimed …"),
    /// or a figure in the title of a fact check: never compared.
    Claim,
    /// A past or comparison value ("down from 700", "from 700 to 600").
    Before,
}

impl Polarity {
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Asserted => "asserted",
            Polarity::Negated => "negated",
            Polarity::Claim => "claim",
            Polarity::Before => "before",
        }
    }
}

/// What the comparison needs to know of a mention's document, shared by its
/// mentions.
#[derive(Debug, Clone, Default)]
pub struct DocContext {
    /// Stems of the title's content words, sorted.
    pub topic: Box<[sym::Sym]>,
    /// Stems of the names in the lead (the first body sentences), sorted.
    /// Empty without a title.
    pub lead: Box<[sym::Sym]>,
    /// Hashes of every capitalised word of the document (lower case), sorted:
    /// whether a draft names a place or owner anywhere at all.
    pub names: Vec<u64>,
    /// Hashes of the capitalised words the document uses only once, sorted.
    pub once: Vec<u64>,
    /// The article's own year (its date), if known.
    pub year: Option<u16>,
    /// The article's date as a day number (months of 30.5 days), if known.
    pub day: Option<u32>,
    /// Title stems of words the body never writes in lower case
    /// ("Farrowby", "Tellwick"): names of the story, not common words.
    pub topic_names: Box<[sym::Sym]>,
    /// A title "Series: subtitle", split at its colon, lower case.
    pub series: Option<(Box<str>, Box<str>)>,
    /// Tokens of the title that carry a digit ("day 2", "sc23", "2021"),
    /// lower case, sorted: what tells instalments of a series apart.
    pub title_numbers: Box<[sym::Sym]>,
    /// Its figures are compared with each other too (`within-draft`).
    pub within_draft: bool,
}

impl DocContext {
    /// This context with `names` cut to the hashes `keep_name` accepts and
    /// `once` to those `keep_once` accepts.
    fn keeping(&self, keep_name: impl Fn(&u64) -> bool, keep_once: impl Fn(&u64) -> bool) -> DocContext {
        let kept = |v: &[u64], keep: &dyn Fn(&u64) -> bool| -> Vec<u64> {
            let mut v: Vec<u64> = v.iter().copied().filter(|h| keep(h)).collect();
            v.shrink_to_fit();
            v
        };
        DocContext {
            names: kept(&self.names, &keep_name),
            once: kept(&self.once, &keep_once),
            ..self.clone()
        }
    }
}

/// The hashes of the names `mentions` carry.
fn named(mentions: &[KeptMention]) -> std::collections::HashSet<u64> {
    mentions
        .iter()
        .flat_map(|m| m.frame.names.iter())
        .map(|n| name_hash(n))
        .collect()
}

/// Gives `mentions` (one document's) a context whose `once` holds only the
/// names they carry: the comparison asks it only about those, and a long run
/// keeps every document's context until then.
pub fn trim_own_context(mentions: &mut [KeptMention]) {
    let own = named(mentions);
    replace_contexts(mentions, |d| d.keeping(|_| true, |h| own.contains(h)));
}

/// Replaces each distinct context of `mentions` by `f` of it (mentions that
/// shared one share its replacement).
fn replace_contexts(mentions: &mut [KeptMention], f: impl Fn(&DocContext) -> DocContext) {
    let mut last: Option<(Arc<DocContext>, Arc<DocContext>)> = None;
    for m in mentions {
        let new = match &last {
            Some((old, new)) if Arc::ptr_eq(old, &m.doc) => Arc::clone(new),
            _ => {
                let new = Arc::new(f(&m.doc));
                last = Some((Arc::clone(&m.doc), Arc::clone(&new)));
                new
            }
        };
        m.doc = new;
    }
}

/// Gives each file's mentions a context whose `names` holds only the names
/// some mention of `files` carries: the comparison asks a document only
/// whether it names what another's mention names.
pub fn trim_contexts(files: &mut [FileMentions]) {
    let asked: std::collections::HashSet<u64> = files.iter().flat_map(|f| named(&f.mentions)).collect();
    for f in files {
        replace_contexts(&mut f.mentions, |d| d.keeping(|h| asked.contains(h), |_| true));
    }
}

/// The measure as people read it: "buildings damaged (count)", with the
/// role when it is not the level.
fn key_label(label: &str, head: Option<&str>, unit: Option<&str>, dimension: &str, role: Role) -> String {
    let what = if label.is_empty() {
        head.unwrap_or("no measure")
    } else {
        label
    };
    let mut s = format!("{what} ({})", unit.unwrap_or(dimension));
    if role != Role::Level {
        s.push_str(&format!(" · {}", role.as_str()));
    }
    s
}

/// A value as shown to people: the interval, or "not ≥1,000" for a negated
/// mention.
fn value_label(value: &Interval, excluded: Option<&Interval>, polarity: Polarity) -> String {
    match (polarity, excluded) {
        (Polarity::Negated, Some(x)) => format!("not {x}"),
        _ => value.to_string(),
    }
}

/// A stable hash of a lower-case name.
pub fn name_hash(s: &str) -> u64 {
    use std::hash::Hasher as _;
    let mut h = lexicon::FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// A head too general to identify a quantity on its own ("people").
pub fn is_generic_head(h: &str) -> bool {
    grammar::GRAMMAR.is_generic_head(h)
}

/// One quantity stated in a document.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Byte span in the document text: hedge, number, unit, measure noun and
    /// any qualifying phrase right after it.
    pub span: Range<usize>,
    /// Index into `Document::sentences`.
    pub sentence: usize,
    /// 1-based line and character column of `span.start`.
    pub line: u32,
    pub column: u32,
    /// The text of `span`, whitespace collapsed.
    pub surface: Box<str>,
    /// The values the text allows, in the canonical unit of `dimension`. For a
    /// negated mention, the values it names.
    pub value: Interval,
    /// For a negated mention: what it rules out ("not thousands" → ≥1,000).
    pub excluded: Option<Interval>,
    pub form: Form,
    /// What the number counts or measures, read from its own phrase.
    pub frame: Frame,
    /// "count", "percent", "percentage points", a currency code, or a unit
    /// dimension ("length").
    pub dimension: Arc<str>,
    /// The canonical unit values are expressed in ("km", "%", "USD"), if any.
    pub unit: Option<Arc<str>>,
    pub time: Time,
    pub polarity: Polarity,
    /// In a heading, or in the title.
    pub in_heading: bool,
    /// The document's title topic and names.
    pub doc: Arc<DocContext>,
}

impl Mention {
    /// Frees the spare room of its word lists (a long run keeps every
    /// tracked mention until the cross-file pass).
    pub fn shrink_to_fit(&mut self) {
        self.frame.context.shrink_to_fit();
        self.frame.names.shrink_to_fit();
    }

    /// Whether the mention takes part in comparisons: something names what it
    /// counts, and the article asserts or denies it.
    pub fn is_tracked(&self) -> bool {
        self.untracked_reason().is_none()
    }

    /// Why a mention is not compared, if it is not.
    pub fn untracked_reason(&self) -> Option<&'static str> {
        if self.frame.condition {
            return Some("a bound on another measure");
        }
        // A count needs a noun; an amount of money or a measurement may be
        // identified by the words of its phrase alone ("spending $310m on
        // dredging its approach channel").
        if self.frame.head.is_none() && (&*self.dimension == "count" || self.frame.context.is_empty()) {
            return Some("nothing names what it counts");
        }
        if self.in_heading {
            return Some("in a heading");
        }
        if self.frame.role == Role::Hypothetical {
            return Some("a conditional estimate or worked example");
        }
        match self.polarity {
            Polarity::Claim => Some("a reported claim"),
            Polarity::Before if !self.time.explicit => Some("a past or comparison value without its year"),
            _ => None,
        }
    }

    /// The measure as people read it: "buildings damaged (count)".
    pub fn key_label(&self) -> String {
        key_label(
            &self.frame.label,
            self.frame.head.as_deref(),
            self.unit.as_deref(),
            &self.dimension,
            self.frame.role,
        )
    }

    /// The value as shown to people: the interval, or "not ≥1,000" for a
    /// negated mention.
    pub fn value_label(&self) -> String {
        value_label(&self.value, self.excluded.as_ref(), self.polarity)
    }

    /// `surface | interval | head [context] {names} · role · polarity`: the
    /// form data-file examples and tests are written in.
    pub fn brief(&self) -> String {
        let f = &self.frame;
        let mut s = format!(
            "{} | {} | {}",
            self.surface,
            self.value_label(),
            f.head.as_deref().unwrap_or("-")
        );
        if &*self.dimension != "count" {
            s.push_str(&format!(" ({})", self.unit.as_deref().unwrap_or(&self.dimension)));
        }
        for (flag, word) in [(f.partitive, "part"), (f.total, "total"), (f.elsewhere, "elsewhere")] {
            if flag {
                s.push_str(" · ");
                s.push_str(word);
            }
        }
        if f.role != Role::Level {
            s.push_str(" · ");
            s.push_str(f.role.as_str());
        }
        if matches!(self.polarity, Polarity::Claim | Polarity::Before | Polarity::Negated) {
            s.push_str(" · ");
            s.push_str(self.polarity.as_str());
        }
        s
    }
}

#[cfg(test)]
mod tests;
