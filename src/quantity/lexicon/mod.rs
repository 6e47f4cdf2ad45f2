//! The tables quantity extraction runs on, compiled from `rules/numbers/*.toml`
//! (built in with `include_str!`) plus the user's `[numbers]` additions from
//! citelint.toml.
//!
//! Every table is a `Phrases` map: a phrase is tokenized with the extractor's
//! own tokenizer and stored under its first (lower-case) token, so matching at
//! a token is one hash lookup followed by a comparison of a few tokens. The
//! compiled `Lexicon` is immutable and shared (`Arc`) by every file that uses
//! the same configuration.

mod compile;
mod overlay;
mod phrases;
mod schema;

use std::sync::{Arc, LazyLock};

use aho_corasick::AhoCorasick;
use regex::Regex;

pub use self::overlay::RawNumbers;
pub use self::phrases::{FxHasher, Phrases, Text, Vocab, UNKNOWN};
pub use self::schema::{
    examples, Example, DESIGNATORS_TOML, ENTITIES_TOML, FRAMES_TOML, HEDGES_TOML, MEASURES_TOML, NUMERALS_TOML,
    VAGUE_TOML,
};

/// The compiled-in tables, built on first use.
pub static NUMBERS: LazyLock<Arc<Lexicon>> =
    LazyLock::new(|| Arc::new(Lexicon::compile(&schema::RAW).expect("rules/numbers/*.toml compile")));
/// How a hedge bounds the number it modifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hedge {
    Exact,
    Approx,
    Below,
    Above,
    MoreThan,
    AtLeast,
    LessThan,
    AtMost,
}

impl Hedge {
    pub fn parse(s: &str) -> Option<Hedge> {
        Some(match s {
            "exact" => Hedge::Exact,
            "approx" => Hedge::Approx,
            "below" => Hedge::Below,
            "above" => Hedge::Above,
            "more-than" => Hedge::MoreThan,
            "at-least" => Hedge::AtLeast,
            "less-than" => Hedge::LessThan,
            "at-most" => Hedge::AtMost,
            _ => return None,
        })
    }

    pub const NAMES: &'static str = "exact, approx, below, above, more-than, at-least, less-than, at-most";
}

#[derive(Debug, Clone)]
pub struct VagueDef {
    pub lo: f64,
    pub hi: f64,
    pub bare: bool,
    pub negated_from: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureDim {
    Count,
    Rate,
    Money,
    /// A physical dimension named like a unit's (`length`, `mass`).
    Unit,
}

#[derive(Debug, Clone)]
pub struct MeasureDef {
    pub name: Arc<str>,
    pub dim: MeasureDim,
    /// For `MeasureDim::Unit`: the units' dimension name.
    pub unit_dimension: Arc<str>,
    pub owned: bool,
    /// A measure only with a predicate verb ("killed 14 people").
    pub needs_predicate: bool,
}

#[derive(Debug, Clone)]
pub struct UnitDef {
    pub name: Arc<str>,
    pub dimension: Arc<str>,
    pub factor: f64,
    /// The unit of factor 1 in the same dimension (what values are stored in).
    pub canonical: Arc<str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    Country,
    Organization,
    Mission,
    Group,
    Place,
}

impl EntityKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "country" => EntityKind::Country,
            "organization" | "organisation" => EntityKind::Organization,
            "mission" => EntityKind::Mission,
            "group" => EntityKind::Group,
            "place" => EntityKind::Place,
            _ => return None,
        })
    }

    /// Can own a quantity.
    pub fn is_actor(self) -> bool {
        matches!(
            self,
            EntityKind::Country | EntityKind::Organization | EntityKind::Mission | EntityKind::Group
        )
    }

    /// Can be where a quantity is.
    pub fn is_place(self) -> bool {
        matches!(self, EntityKind::Country | EntityKind::Mission | EntityKind::Place)
    }
}

#[derive(Debug, Clone)]
pub struct EntityDef {
    pub name: Arc<str>,
    pub kind: EntityKind,
    /// A mission's place ("KFOR" → "Kosovo").
    pub location: Option<Arc<str>>,
    /// A group's owner ("National Guard" → "US").
    pub parent: Option<Arc<str>>,
}

impl EntityDef {
    /// The place this entity stands for after "in"/"to".
    pub fn place(&self) -> Arc<str> {
        self.location.clone().unwrap_or_else(|| self.name.clone())
    }
}

/// Tunables of the interval arithmetic.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// `bare-round = "exact"`: a bare round number is exact.
    pub bare_round_exact: bool,
    pub bare_round_cap: f64,
    pub approx_tolerance: f64,
    pub near_tolerance: f64,
    /// A heading quantity without a measure ("hundreds, not thousands") takes
    /// the measure of the first quantity in its section.
    pub inherit_heading_measure: bool,
    /// `enabled = false`: no quantities are extracted (the NUM rules are off
    /// and cost nothing).
    pub enabled: bool,
    /// `within-draft = true`: two figures of one draft are compared too (off
    /// by default: a draft sets figures side by side on purpose).
    pub within_draft: bool,
}

/// The compiled tables.
pub struct Lexicon {
    pub settings: Settings,
    pub(crate) vocab: Vocab,
    pub(crate) words: Phrases<u64>,
    pub(crate) scales: Phrases<(f64, bool)>,
    pub(crate) suffixes: Vec<(Box<str>, f64, bool)>,
    pub(crate) hedges: Phrases<Hedge>,
    pub(crate) post_hedges: Phrases<Hedge>,
    pub(crate) vague: Phrases<u32>,
    pub(crate) vague_defs: Vec<VagueDef>,
    pub(crate) measures: Phrases<u32>,
    pub(crate) measure_defs: Vec<MeasureDef>,
    pub(crate) modifiers: Phrases<()>,
    pub(crate) confusable: Vec<(Arc<str>, Arc<str>)>,
    pub(crate) units: Phrases<u32>,
    pub(crate) unit_defs: Vec<UnitDef>,
    pub(crate) currency_symbols: Phrases<u32>,
    pub(crate) currency_words: Phrases<u32>,
    pub(crate) currencies: Vec<Arc<str>>,
    pub(crate) entities: Phrases<u32>,
    pub(crate) entity_defs: Vec<EntityDef>,
    pub(crate) designators: Option<Regex>,
    pub(crate) events: Option<Regex>,
    pub(crate) capitalised_names: bool,
    pub(crate) claim: Phrases<()>,
    pub(crate) contrast: Phrases<()>,
    pub(crate) negation: Phrases<()>,
    pub(crate) before: Phrases<()>,
    pub(crate) change: Phrases<()>,
    pub(crate) total: Phrases<()>,
    pub(crate) clause_words: Phrases<()>,
    pub(crate) link: Phrases<()>,
    pub(crate) not_time: Phrases<()>,
    pub(crate) months: Phrases<()>,
    /// Words that may start a quantity without digits ("several", "six").
    pub(crate) triggers: AhoCorasick,
    /// Some trigger word has a character other than an ASCII letter.
    triggers_overlap: bool,
    /// Token ids that may start a quantity expression.
    starters: Vec<bool>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("settings", &self.settings)
            .field("measures", &self.measure_defs.len())
            .field("entities", &self.entity_defs.len())
            .finish_non_exhaustive()
    }
}
impl Lexicon {
    /// Whether a token with this id may start a quantity expression (a number
    /// word, a scale after "a", a vague phrase, a currency symbol, "between").
    #[inline]
    pub fn may_start(&self, id: u32) -> bool {
        self.starters.get(id as usize).copied().unwrap_or(false)
    }

    /// Whether `text` may hold a quantity at all: a number that is not a
    /// plain year ("in 2025"; "2025 troops" may be a count), or a number or
    /// vague-quantity word. A cheap filter before tokenizing a sentence.
    pub fn may_contain_quantity(&self, text: &str) -> bool {
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            // A heading or list number: "3. Title".
            let leading = b[..start].iter().all(u8::is_ascii_whitespace);
            if leading && matches!(b.get(i), Some(b'.' | b')')) && b.get(i + 1).is_none_or(u8::is_ascii_whitespace) {
                continue;
            }
            let glued =
                |k: Option<&u8>| k.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b',' | b'.' | b'$'));
            let year = i - start == 4
                && matches!(&b[start..start + 2], b"19" | b"20" | b"21")
                && !glued(start.checked_sub(1).and_then(|p| b.get(p)))
                && !(glued(b.get(i)) && b.get(i + 1).is_some_and(u8::is_ascii_digit));
            if !year || self.count_noun_after(&b[i..]) {
                return true;
            }
        }
        // Number and vague words as whole words ("ten", not "attention").
        let word = |k: Option<&u8>| k.is_some_and(u8::is_ascii_alphanumeric);
        let whole =
            |m: aho_corasick::Match| !word(m.start().checked_sub(1).and_then(|p| b.get(p))) && !word(b.get(m.end()));
        if self.triggers_overlap {
            return self.triggers.find_overlapping_iter(text).any(whole);
        }
        self.triggers.find_iter(text).any(whole)
    }

    /// Whether the first word of `rest` (after spaces) may start a measure
    /// noun: a year before it may be a count ("2025 troops").
    fn count_noun_after(&self, rest: &[u8]) -> bool {
        let mut buf = [0u8; 32];
        let mut n = 0;
        for &c in rest
            .iter()
            .skip_while(|c| c.is_ascii_whitespace())
            .take_while(|c| c.is_ascii_alphabetic())
        {
            let Some(slot) = buf.get_mut(n) else {
                return false;
            };
            *slot = c.to_ascii_lowercase();
            n += 1;
        }
        match std::str::from_utf8(&buf[..n]) {
            Ok(w) if !w.is_empty() => {
                let id = self.vocab.get(w);
                // Owners and modifiers may come between: "2025 U.S. troops".
                self.measures.heads(id)
                    || self.entities.heads(id)
                    || self.modifiers.heads(id)
                    || id == UNKNOWN && w.len() <= 3
            }
            _ => false,
        }
    }

    /// The dimensions NUM005 reports a mix of.
    pub fn confusable(&self, a: &str, b: &str) -> bool {
        self.confusable
            .iter()
            .any(|(x, y)| (&**x == a && &**y == b) || (&**x == b && &**y == a))
    }
}

#[cfg(test)]
mod tests;
