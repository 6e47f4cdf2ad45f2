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
//! Everything a mention needs after its document is dropped is owned by the
//! mention (a short surface string, byte span, line and column); document text
//! is not kept across the corpus.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

pub mod corpus;
mod extract;
pub mod ledger;
pub mod lexicon;
pub mod token;
pub mod value;

pub use corpus::{find_conflicts, find_conflicts_for, Conflict, ConflictKind, FileMentions, MentionRef};
pub use extract::{extract_document, extract_sentence, Extractor};
pub use lexicon::{Lexicon, NUMBERS};
pub use value::{Form, Interval};

/// Where a key part (subject, location) came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The quantity's own noun phrase ("600 U.S. troops in Kosovo").
    Phrase,
    /// Elsewhere in the sentence ("U.S. forces …, contributing several hundred troops").
    Sentence,
    /// The document's title ("What is the US military role in Kosovo?").
    Title,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Phrase => "phrase",
            Origin::Sentence => "sentence",
            Origin::Title => "title",
        }
    }
}

/// A subject or location, alias-normalised ("U.S." → "US").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Attr {
    pub name: Arc<str>,
    pub from: Origin,
}

/// Something that makes a quantity a different one from the plain count.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Qualifier {
    /// A flow or change ("sent 200 troops", "rose 2%", "600 additional troops",
    /// "approved €40 million").
    Change,
    /// A named exercise or event in the sentence ("Immediate Response 25").
    Event(Box<str>),
    /// A sub-group ("from the Pennsylvania National Guard").
    Group(Box<str>),
    /// A total over all contributors ("in total", "overall").
    Total,
    /// What happened to those counted ("30 soldiers were injured").
    Predicate(Arc<str>),
    /// A sum over a period ("since 1999", "to date").
    Period(Box<str>),
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Qualifier::Change => f.write_str("change"),
            Qualifier::Event(e) => write!(f, "event {e}"),
            Qualifier::Group(g) => write!(f, "group {g}"),
            Qualifier::Total => f.write_str("total"),
            Qualifier::Predicate(p) => f.write_str(p),
            Qualifier::Period(p) => f.write_str(p),
        }
    }
}

/// The year a quantity is stated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Time {
    pub year: Option<u16>,
    /// Written in the sentence ("as of 2025", "in 2025", "a 2025 account");
    /// otherwise the year is the article's date.
    pub explicit: bool,
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
    /// Canonical measure ("personnel", "countries", "aid"); `None`: the number
    /// has no measure noun and is never compared.
    pub measure: Option<Arc<str>>,
    /// "count", "percent", "percentage points", a currency code, or a unit
    /// dimension ("length").
    pub dimension: Arc<str>,
    /// The canonical unit values are expressed in ("km", "%", "USD"), if any.
    pub unit: Option<Arc<str>>,
    pub subject: Option<Attr>,
    pub location: Option<Attr>,
    /// Sorted.
    pub qualifiers: Vec<Qualifier>,
    pub time: Time,
    pub polarity: Polarity,
    /// In a heading, or in the title.
    pub in_heading: bool,
}

impl Mention {
    /// Whether the mention takes part in comparisons: it has a measure, the
    /// article asserts or denies it, and it is not a flow of people or money
    /// (deployments and aid packages repeat; a change of a rate does not).
    pub fn is_tracked(&self) -> bool {
        self.untracked_reason().is_none()
    }

    /// A flow of a count or an amount ("sent 200 troops", "approved €40 million").
    pub fn is_flow(&self) -> bool {
        self.qualifiers.contains(&Qualifier::Change) && !matches!(&*self.dimension, "percent" | "percentage points")
    }

    /// Why a mention is not compared, if it is not.
    pub fn untracked_reason(&self) -> Option<&'static str> {
        if self.measure.is_none() {
            return Some("no measure noun");
        }
        match self.polarity {
            Polarity::Claim => Some("a reported claim"),
            Polarity::Before => Some("a past or comparison value"),
            _ if self.is_flow() => Some("a flow: such events repeat"),
            _ => None,
        }
    }

    /// The comparability key without time: "personnel · US · Kosovo", with
    /// the unit for non-counts ("unemployment (pp)") and qualifiers.
    pub fn key_label(&self) -> String {
        self.key_with(false)
    }

    fn key_with(&self, marks: bool) -> String {
        let Some(m) = &self.measure else {
            return "no measure".into();
        };
        let mut s = m.to_string();
        if &*self.dimension != "count" {
            s.push_str(&format!(" ({})", self.unit.as_deref().unwrap_or(&self.dimension)));
        }
        for a in [&self.subject, &self.location].into_iter().flatten() {
            s.push_str(" · ");
            s.push_str(&a.name);
            if marks {
                s.push_str(match a.from {
                    Origin::Phrase => "",
                    Origin::Sentence => "*",
                    Origin::Title => "**",
                });
            }
        }
        for q in &self.qualifiers {
            s.push_str(&format!(" · {q}"));
        }
        s
    }

    /// The value as shown to people: the interval, or "not ≥1,000" for a
    /// negated mention.
    pub fn value_label(&self) -> String {
        match (&self.polarity, &self.excluded) {
            (Polarity::Negated, Some(x)) => format!("not {x}"),
            _ => self.value.to_string(),
        }
    }

    /// `surface | interval | key` with `*` marking a subject or location
    /// taken from the sentence and `**` one from the title, and the polarity
    /// when it is not "asserted": the form data-file examples are written in.
    pub fn brief(&self) -> String {
        let mut s = format!("{} | {} | {}", self.surface, self.value_label(), self.key_with(true));
        if matches!(self.polarity, Polarity::Claim | Polarity::Before) {
            s.push_str(" · ");
            s.push_str(self.polarity.as_str());
        }
        s
    }
}

#[cfg(test)]
mod tests;
