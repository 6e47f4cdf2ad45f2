//! The tables quantity extraction runs on, compiled from `rules/numbers/*.toml`
//! (built in with `include_str!`) plus the user's `[numbers]` additions from
//! citelint.toml.
//!
//! Every table is a `Phrases` map: a phrase is tokenized with the extractor's
//! own tokenizer and stored under its first (lower-case) token, so matching at
//! a token is one hash lookup followed by a comparison of a few tokens. The
//! compiled `Lexicon` is immutable and shared (`Arc`) by every file that uses
//! the same configuration.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, LazyLock};

use aho_corasick::AhoCorasick;
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use super::token::{self, Tok};
use crate::config::ConfigError;

pub const NUMERALS_TOML: &str = include_str!("../../rules/numbers/numerals.toml");
pub const HEDGES_TOML: &str = include_str!("../../rules/numbers/hedges.toml");
pub const VAGUE_TOML: &str = include_str!("../../rules/numbers/vague.toml");
pub const MEASURES_TOML: &str = include_str!("../../rules/numbers/measures.toml");
pub const ENTITIES_TOML: &str = include_str!("../../rules/numbers/entities.toml");
pub const DESIGNATORS_TOML: &str = include_str!("../../rules/numbers/designators.toml");
pub const FRAMES_TOML: &str = include_str!("../../rules/numbers/frames.toml");

/// An example carried by a data file: an article body and the mentions the
/// extractor must find in it (`Mention::brief` renderings).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Example {
    pub text: String,
    pub mentions: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct NumeralsFile {
    words: BTreeMap<String, u64>,
    scales: BTreeMap<String, u64>,
    approximate_scales: Vec<String>,
    #[serde(default, rename = "suffix")]
    suffixes: Vec<SuffixEntry>,
    #[serde(default)]
    examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct SuffixEntry {
    text: String,
    value: u64,
    #[serde(default)]
    money_only: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct HedgesFile {
    bare_round: String,
    bare_round_cap: f64,
    approx_tolerance: f64,
    near_tolerance: f64,
    before: BTreeMap<String, Vec<String>>,
    after: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct VagueFile {
    vague: Vec<VagueEntry>,
    #[serde(default)]
    examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct VagueEntry {
    phrase: String,
    lo: f64,
    hi: f64,
    #[serde(default)]
    bare: bool,
    negated_from: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct MeasuresFile {
    modifiers: Vec<String>,
    confusable_dimensions: Vec<[String; 2]>,
    measure: Vec<MeasureEntry>,
    unit: Vec<UnitEntry>,
    currency: Vec<CurrencyEntry>,
    #[serde(default)]
    examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct MeasureEntry {
    name: String,
    dimension: String,
    owned: bool,
    #[serde(default)]
    needs_predicate: bool,
    words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct UnitEntry {
    name: String,
    dimension: String,
    factor: f64,
    words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct CurrencyEntry {
    code: String,
    symbols: Vec<String>,
    words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct EntitiesFile {
    entity: Vec<EntityEntry>,
    #[serde(default)]
    examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct EntityEntry {
    name: String,
    kind: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    exact: Vec<String>,
    location: Option<String>,
    parent: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct DesignatorsFile {
    patterns: Vec<String>,
    events: Vec<String>,
    capitalised_names: bool,
    #[serde(default)]
    examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct FramesFile {
    claim_cues: Vec<String>,
    contrast: Vec<String>,
    negation: Vec<String>,
    before: Vec<String>,
    change: Vec<String>,
    total: Vec<String>,
    clause_words: Vec<String>,
    link: Vec<String>,
    not_time: Vec<String>,
    #[serde(default)]
    examples: Vec<Example>,
}

/// All data files, parsed but not compiled (user additions are merged here).
#[derive(Debug, Clone)]
struct RawData {
    numerals: NumeralsFile,
    hedges: HedgesFile,
    vague: VagueFile,
    measures: MeasuresFile,
    entities: EntitiesFile,
    designators: DesignatorsFile,
    frames: FramesFile,
}

fn parse_file<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> T {
    toml::from_str(text).unwrap_or_else(|e| panic!("rules/numbers/{name} is invalid: {e}"))
}

static RAW: LazyLock<RawData> = LazyLock::new(|| RawData {
    numerals: parse_file("numerals.toml", NUMERALS_TOML),
    hedges: parse_file("hedges.toml", HEDGES_TOML),
    vague: parse_file("vague.toml", VAGUE_TOML),
    measures: parse_file("measures.toml", MEASURES_TOML),
    entities: parse_file("entities.toml", ENTITIES_TOML),
    designators: parse_file("designators.toml", DESIGNATORS_TOML),
    frames: parse_file("frames.toml", FRAMES_TOML),
});

/// The compiled-in tables, built on first use.
pub static NUMBERS: LazyLock<Arc<Lexicon>> =
    LazyLock::new(|| Arc::new(Lexicon::compile(&RAW).expect("rules/numbers/*.toml compile")));

/// The examples of every data file, with the file's name.
pub fn examples() -> Vec<(&'static str, &'static Example)> {
    let r = &*RAW;
    let mut out = Vec::new();
    for (name, list) in [
        ("numerals.toml", &r.numerals.examples),
        ("hedges.toml", &r.hedges.examples),
        ("vague.toml", &r.vague.examples),
        ("measures.toml", &r.measures.examples),
        ("entities.toml", &r.entities.examples),
        ("designators.toml", &r.designators.examples),
        ("frames.toml", &r.frames.examples),
    ] {
        out.extend(list.iter().map(|e| (name, e)));
    }
    out
}

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

/// A small, fast hash for short strings (lexicon lookups of tokens). The
/// keys are the lexicon's own words, never attacker-chosen insertions.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// Token id for a word no table contains.
pub const UNKNOWN: u32 = u32::MAX;

/// Every lower-case token of every table, numbered: a sentence's tokens are
/// looked up once, and tables then work on ids.
#[derive(Default)]
pub struct Vocab {
    map: HashMap<Box<str>, u32, FxBuild>,
    /// Longest word, in bytes: longer tokens are not looked up.
    max_len: usize,
}

impl Vocab {
    fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.map.get(w) {
            return id;
        }
        let id = self.map.len() as u32;
        self.map.insert(Box::from(w), id);
        self.max_len = self.max_len.max(w.len());
        id
    }

    /// The id of a lower-case token, or `UNKNOWN`.
    #[inline]
    pub fn get(&self, w: &str) -> u32 {
        if w.len() > self.max_len {
            return UNKNOWN;
        }
        self.map.get(w).copied().unwrap_or(UNKNOWN)
    }
}

struct Entry<T> {
    rest: Box<[u32]>,
    /// Original-case tokens when the phrase must match with exact case.
    exact: Option<Box<[Box<str>]>>,
    value: T,
}

/// Phrases indexed by the id of their first token.
pub struct Phrases<T> {
    heads: Vec<Vec<Entry<T>>>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases { heads: Vec::new() }
    }
}

impl<T> std::fmt::Debug for Phrases<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Phrases({} heads)",
            self.heads.iter().filter(|h| !h.is_empty()).count()
        )
    }
}

fn phrase_tokens(phrase: &str) -> Vec<Box<str>> {
    let mut toks = Vec::new();
    token::tokenize(phrase, 0..phrase.len(), &mut toks);
    toks.iter().map(|t| Box::from(&phrase[t.start..t.end])).collect()
}

impl<T> Phrases<T> {
    /// Adds a phrase; `exact` keeps its case significant. Returns false for a
    /// phrase without tokens.
    pub fn insert(&mut self, vocab: &mut Vocab, phrase: &str, exact: bool, value: T) -> bool {
        let orig = phrase_tokens(phrase.trim());
        let ids: Vec<u32> = orig.iter().map(|t| vocab.intern(&normalise_token(t))).collect();
        let Some((&first, rest)) = ids.split_first() else {
            return false;
        };
        let first = first as usize;
        if self.heads.len() <= first {
            self.heads.resize_with(first + 1, Vec::new);
        }
        let list = &mut self.heads[first];
        list.push(Entry {
            rest: rest.to_vec().into_boxed_slice(),
            exact: exact.then(|| orig.into_boxed_slice()),
            value,
        });
        // Longest first.
        list.sort_by_key(|e| std::cmp::Reverse(e.rest.len()));
        true
    }

    /// Whether some phrase starts with token id `id`.
    #[inline]
    pub fn heads(&self, id: u32) -> bool {
        self.heads.get(id as usize).is_some_and(|l| !l.is_empty())
    }

    /// The longest phrase starting at token `i`: its length in tokens and value.
    #[inline]
    pub fn at(&self, s: &Text<'_>, i: usize) -> Option<(usize, &T)> {
        let first = *s.ids.get(i)?;
        let list = self.heads.get(first as usize)?;
        if list.is_empty() {
            return None;
        }
        'entries: for e in list {
            let Some(next) = s.ids.get(i + 1..i + 1 + e.rest.len()) else {
                continue;
            };
            if next != &*e.rest {
                continue;
            }
            if let Some(exact) = &e.exact {
                for (k, w) in exact.iter().enumerate() {
                    if s.orig(&s.toks[i + k]) != &**w {
                        continue 'entries;
                    }
                }
            }
            return Some((1 + e.rest.len(), &e.value));
        }
        None
    }

    /// The longest phrase that ends just before token `end` and starts at or
    /// after `from`: its first token and value.
    pub fn ending_at(&self, s: &Text<'_>, end: usize, from: usize) -> Option<(usize, &T)> {
        let lo = from.max(end.saturating_sub(MAX_PHRASE));
        (lo..end).find_map(|start| match self.at(s, start) {
            Some((len, v)) if start + len == end => Some((start, v)),
            _ => None,
        })
    }

    pub fn contains_at(&self, s: &Text<'_>, i: usize) -> bool {
        self.at(s, i).is_some()
    }
}

/// Longest phrase, in tokens, `ending_at` looks back for.
const MAX_PHRASE: usize = 6;

/// Lower case, with apostrophes and hyphens normalised as the tokenizer does.
fn normalise_token(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '\u{2010}' | '\u{2011}' | '\u{2212}' => out.push('-'),
            '\u{2019}' | '\u{2018}' => out.push('\''),
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

/// A tokenized stretch of text with its lower-case copy and token ids, for
/// lookups.
pub struct Text<'a> {
    /// The masked document text the tokens index.
    pub text: &'a str,
    /// ASCII-lower-cased copy of `text[base..]`.
    pub lower: &'a str,
    pub base: usize,
    pub toks: &'a [Tok],
    /// `Vocab` id of each token.
    pub ids: &'a [u32],
}

impl<'a> Text<'a> {
    pub fn norm(&self, t: &Tok) -> &'a str {
        match t.kind {
            token::Kind::Punct('-') => "-",
            token::Kind::Punct('\'') => "'",
            _ => {
                // Possessive words are looked up without their 's.
                &self.lower[t.start - self.base..t.end - self.base]
            }
        }
    }

    pub fn orig(&self, t: &Tok) -> &'a str {
        &self.text[t.start..t.end]
    }
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

const MONTHS: &[&str] = &[
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
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

fn phrases_of(v: &mut Vocab, list: &[String]) -> Phrases<()> {
    let mut p = Phrases::default();
    for w in list {
        p.insert(v, w, false, ());
    }
    p
}

fn combined_regex(patterns: &[String]) -> Result<Option<Regex>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let joined: Vec<String> = patterns
        .iter()
        .map(|p| format!("(?:{})", crate::data::ascii_word_boundaries(p)))
        .collect();
    Regex::new(&joined.join("|")).map(Some).map_err(|e| {
        // Name the pattern at fault (compiled one by one only on failure:
        // compiling each up front doubled the start-up cost of the tables).
        patterns
            .iter()
            .find_map(|p| Regex::new(p).err().map(|e| format!("{p:?}: {e}")))
            .unwrap_or_else(|| e.to_string())
    })
}

/// A user alias is matched with exact case when it has no lower-case letter
/// ("PA", "U.S."), case-insensitively otherwise ("Uncle Sam").
fn alias_is_exact(alias: &str) -> bool {
    !alias.chars().any(char::is_lowercase)
}

impl Lexicon {
    fn compile(r: &RawData) -> Result<Lexicon, String> {
        let h = &r.hedges;
        let bare_round_exact = match h.bare_round.as_str() {
            "exact" => true,
            "half-granularity" => false,
            other => return Err(format!("bare-round {other:?}")),
        };
        let settings = Settings {
            bare_round_exact,
            bare_round_cap: h.bare_round_cap,
            approx_tolerance: h.approx_tolerance,
            near_tolerance: h.near_tolerance,
            inherit_heading_measure: false,
            enabled: true,
            within_draft: false,
        };

        let mut v = Vocab::default();
        let n = &r.numerals;
        let mut words = Phrases::default();
        for (k, val) in &n.words {
            words.insert(&mut v, k, false, *val);
        }
        let mut scales = Phrases::default();
        for (k, val) in &n.scales {
            let approx = n.approximate_scales.iter().any(|a| a.eq_ignore_ascii_case(k));
            scales.insert(&mut v, k, false, (*val as f64, approx));
        }
        let suffixes = n
            .suffixes
            .iter()
            .map(|s| (Box::from(s.text.as_str()), s.value as f64, s.money_only))
            .collect();

        let mut hedges = Phrases::default();
        for (class, list) in &h.before {
            let c = Hedge::parse(class).ok_or_else(|| format!("unknown hedge class {class:?}"))?;
            for w in list {
                hedges.insert(&mut v, w, false, c);
            }
        }
        let mut post_hedges = Phrases::default();
        for (class, list) in &h.after {
            let c = Hedge::parse(class).ok_or_else(|| format!("unknown hedge class {class:?}"))?;
            for w in list {
                post_hedges.insert(&mut v, w, false, c);
            }
        }

        let mut vague = Phrases::default();
        let mut vague_defs = Vec::new();
        let mut trigger_words: Vec<String> = Vec::new();
        for entry in &r.vague.vague {
            if !(entry.lo >= 0.0 && entry.lo <= entry.hi) {
                return Err(format!("vague {:?}: lo must be ≤ hi", entry.phrase));
            }
            vague.insert(&mut v, &entry.phrase, false, vague_defs.len() as u32);
            vague_defs.push(VagueDef {
                lo: entry.lo,
                hi: entry.hi,
                bare: entry.bare,
                negated_from: entry.negated_from,
            });
            trigger_words.extend(
                entry
                    .phrase
                    .split_whitespace()
                    .filter(|w| w.len() >= 4 || *w == "few")
                    .map(str::to_lowercase),
            );
        }
        trigger_words.extend(n.words.keys().filter(|w| *w != "one" && *w != "zero").cloned());
        trigger_words.extend(n.scales.keys().cloned());

        let m = &r.measures;
        let mut measures = Phrases::default();
        let mut measure_defs = Vec::new();
        for e in &m.measure {
            let dim = match e.dimension.as_str() {
                "count" => MeasureDim::Count,
                "rate" => MeasureDim::Rate,
                "money" => MeasureDim::Money,
                _ => MeasureDim::Unit,
            };
            for w in &e.words {
                measures.insert(&mut v, w, false, measure_defs.len() as u32);
            }
            measure_defs.push(MeasureDef {
                name: Arc::from(e.name.as_str()),
                dim,
                unit_dimension: Arc::from(e.dimension.as_str()),
                owned: e.owned,
                needs_predicate: e.needs_predicate,
            });
        }
        let modifiers = phrases_of(&mut v, &m.modifiers);
        let confusable = m
            .confusable_dimensions
            .iter()
            .map(|[a, b]| (Arc::from(a.as_str()), Arc::from(b.as_str())))
            .collect();
        let mut units = Phrases::default();
        let mut unit_defs: Vec<UnitDef> = Vec::new();
        for u in &m.unit {
            if !(u.factor.is_finite() && u.factor > 0.0) {
                return Err(format!("unit {:?}: factor must be positive", u.name));
            }
            for w in &u.words {
                units.insert(&mut v, w, false, unit_defs.len() as u32);
            }
            unit_defs.push(UnitDef {
                name: Arc::from(u.name.as_str()),
                dimension: Arc::from(u.dimension.as_str()),
                factor: u.factor,
                canonical: Arc::from(u.name.as_str()),
            });
        }
        for i in 0..unit_defs.len() {
            let dim = unit_defs[i].dimension.clone();
            if let Some(c) = unit_defs.iter().find(|u| u.dimension == dim && u.factor == 1.0) {
                unit_defs[i].canonical = c.name.clone();
            } else {
                return Err(format!("dimension {dim:?} has no unit with factor 1"));
            }
        }
        let mut currency_symbols = Phrases::default();
        let mut currency_words = Phrases::default();
        let mut currencies = Vec::new();
        for c in &m.currency {
            let id = currencies.len() as u32;
            for s in &c.symbols {
                currency_symbols.insert(&mut v, s, true, id);
            }
            for w in &c.words {
                currency_words.insert(&mut v, w, false, id);
            }
            currencies.push(Arc::from(c.code.as_str()));
        }

        let mut entities = Phrases::default();
        let mut entity_defs = Vec::new();
        for e in &r.entities.entity {
            let kind =
                EntityKind::parse(&e.kind).ok_or_else(|| format!("entity {:?}: unknown kind {:?}", e.name, e.kind))?;
            let id = entity_defs.len() as u32;
            for a in &e.names {
                entities.insert(&mut v, a, false, id);
            }
            for a in &e.exact {
                entities.insert(&mut v, a, true, id);
            }
            entity_defs.push(EntityDef {
                name: Arc::from(e.name.as_str()),
                kind,
                location: e.location.as_deref().map(Arc::from),
                parent: e.parent.as_deref().map(Arc::from),
            });
        }

        let d = &r.designators;
        let designators = combined_regex(&d.patterns)?;
        let events = combined_regex(&d.events)?;

        let f = &r.frames;
        let months = phrases_of(&mut v, &MONTHS.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        // Shares in words ("a quarter of", "one in four", "half").
        trigger_words.extend(
            [
                "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "sixth", "tenth", "tenths",
            ]
            .map(String::from),
        );
        trigger_words.sort();
        trigger_words.dedup();
        // When the words are ASCII letters only (the shipped ones are), a
        // match never crosses a word boundary, so a whole-word hit is never
        // hidden by a match inside a longer word ("attention" holds "ten"):
        // a leftmost-longest search finds the same words as an overlapping
        // one, faster. Configured words with other characters keep the
        // overlapping search.
        let triggers_overlap = !trigger_words.iter().all(|w| w.bytes().all(|b| b.is_ascii_alphabetic()));
        let triggers = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(if triggers_overlap {
                aho_corasick::MatchKind::Standard
            } else {
                aho_corasick::MatchKind::LeftmostLongest
            })
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&trigger_words)
            .map_err(|e| e.to_string())?;

        let claim = phrases_of(&mut v, &f.claim_cues);
        let contrast = phrases_of(&mut v, &f.contrast);
        let negation = phrases_of(&mut v, &f.negation);
        let before = phrases_of(&mut v, &f.before);
        let change = phrases_of(&mut v, &f.change);
        let total = phrases_of(&mut v, &f.total);
        let clause_words = phrases_of(&mut v, &f.clause_words);
        let link = phrases_of(&mut v, &f.link);
        let not_time = phrases_of(&mut v, &f.not_time);
        let (between, a) = (v.intern("between"), v.intern("a"));
        let starters = (0..v.map.len() as u32)
            .map(|id| words.heads(id) || vague.heads(id) || currency_symbols.heads(id) || id == between || id == a)
            .collect();
        Ok(Lexicon {
            starters,
            settings,
            vocab: v,
            words,
            scales,
            suffixes,
            hedges,
            post_hedges,
            vague,
            vague_defs,
            measures,
            measure_defs,
            modifiers,
            confusable,
            units,
            unit_defs,
            currency_symbols,
            currency_words,
            currencies,
            entities,
            entity_defs,
            designators,
            events,
            capitalised_names: d.capitalised_names,
            claim,
            contrast,
            negation,
            before,
            change,
            total,
            clause_words,
            link,
            not_time,
            months,
            triggers,
            triggers_overlap,
        })
    }

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

/// The `[numbers]` section of citelint.toml. Lists add to the compiled-in
/// tables; they never replace them.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct RawNumbers {
    enabled: Option<bool>,
    within_draft: Option<bool>,
    bare_round: Option<Spanned<String>>,
    bare_round_cap: Option<Spanned<f64>>,
    approx_tolerance: Option<Spanned<f64>>,
    near_tolerance: Option<Spanned<f64>>,
    inherit_heading_measure: Option<bool>,
    /// Hedge class → phrases placed before a number.
    #[serde(default)]
    hedges: BTreeMap<Spanned<String>, Vec<String>>,
    /// Phrase → [lo, hi].
    #[serde(default)]
    vague: BTreeMap<String, Spanned<Vec<f64>>>,
    /// Measure name → words (a new name makes a new count measure).
    #[serde(default)]
    measures: BTreeMap<String, Vec<String>>,
    /// Entity name → aliases (a new name makes a new country).
    #[serde(default)]
    aliases: BTreeMap<String, Vec<String>>,
    /// Extra designator regular expressions.
    #[serde(default)]
    extra_designators: Vec<Spanned<String>>,
    /// Extra reported-claim cues.
    #[serde(default)]
    extra_claim_cues: Vec<String>,
}

fn config_error(
    path: &Path,
    text: &str,
    span: std::ops::Range<usize>,
    message: String,
    label: &str,
) -> Box<ConfigError> {
    Box::new(ConfigError {
        message,
        src: Some(miette::NamedSource::new(path.display().to_string(), text.to_string())),
        span: Some((span.start, span.end.saturating_sub(span.start)).into()),
        label: label.to_string(),
        help: Some("the README's [numbers] section lists every key".into()),
    })
}

impl Lexicon {
    /// The compiled-in tables with a citelint.toml `[numbers]` section added.
    /// Errors point at the bad value in `text` (the config file's contents).
    pub fn with_config(raw: &RawNumbers, path: &Path, text: &str) -> Result<Arc<Lexicon>, Box<ConfigError>> {
        let mut data = RAW.clone();
        let err = |span: std::ops::Range<usize>, msg: String, label: &str| config_error(path, text, span, msg, label);
        if let Some(b) = &raw.bare_round {
            if !matches!(b.get_ref().as_str(), "exact" | "half-granularity") {
                return Err(err(
                    b.span(),
                    format!("invalid bare-round {:?}", b.get_ref()),
                    "expected \"half-granularity\" or \"exact\"",
                ));
            }
            data.hedges.bare_round = b.get_ref().clone();
        }
        for (field, target) in [
            (&raw.bare_round_cap, &mut data.hedges.bare_round_cap),
            (&raw.approx_tolerance, &mut data.hedges.approx_tolerance),
            (&raw.near_tolerance, &mut data.hedges.near_tolerance),
        ] {
            if let Some(v) = field {
                let x = *v.get_ref();
                if !(x.is_finite() && (0.0..1.0).contains(&x)) {
                    return Err(err(
                        v.span(),
                        format!("invalid tolerance {x}"),
                        "expected a fraction from 0 to 1, e.g. 0.15",
                    ));
                }
                *target = x;
            }
        }
        for (class, list) in &raw.hedges {
            if Hedge::parse(class.get_ref()).is_none() {
                return Err(err(
                    class.span(),
                    format!("unknown hedge class {:?}", class.get_ref()),
                    &format!("expected one of: {}", Hedge::NAMES),
                ));
            }
            data.hedges
                .before
                .entry(class.get_ref().clone())
                .or_default()
                .extend(list.iter().cloned());
        }
        for (phrase, bounds) in &raw.vague {
            let b = bounds.get_ref();
            if b.len() != 2 || !(b[0].is_finite() && b[1].is_finite() && 0.0 <= b[0] && b[0] <= b[1]) {
                return Err(err(
                    bounds.span(),
                    format!("invalid interval for vague quantity {phrase:?}"),
                    "expected [lo, hi] with 0 ≤ lo ≤ hi",
                ));
            }
            data.vague.vague.push(VagueEntry {
                phrase: phrase.clone(),
                lo: b[0],
                hi: b[1],
                bare: false,
                negated_from: None,
            });
        }
        for (name, words) in &raw.measures {
            match data.measures.measure.iter_mut().find(|m| m.name == *name) {
                Some(m) => m.words.extend(words.iter().map(|w| w.to_lowercase())),
                None => data.measures.measure.push(MeasureEntry {
                    name: name.clone(),
                    dimension: "count".into(),
                    owned: true,
                    needs_predicate: false,
                    words: words.iter().map(|w| w.to_lowercase()).collect(),
                }),
            }
        }
        for (name, aliases) in &raw.aliases {
            let (exact, names): (Vec<String>, Vec<String>) = aliases.iter().cloned().partition(|a| alias_is_exact(a));
            match data.entities.entity.iter_mut().find(|e| e.name == *name) {
                Some(e) => {
                    e.names.extend(names);
                    e.exact.extend(exact);
                }
                None => data.entities.entity.push(EntityEntry {
                    name: name.clone(),
                    kind: "country".into(),
                    names,
                    exact,
                    location: None,
                    parent: None,
                }),
            }
        }
        for d in &raw.extra_designators {
            if let Err(e) = Regex::new(d.get_ref()) {
                return Err(err(
                    d.span(),
                    format!("invalid designator pattern {:?}", d.get_ref()),
                    &e.to_string(),
                ));
            }
            data.designators.patterns.push(d.get_ref().clone());
        }
        data.frames.claim_cues.extend(raw.extra_claim_cues.iter().cloned());
        let mut lex = Lexicon::compile(&data)
            .map_err(|e| ConfigError::plain(format!("invalid [numbers] in {}: {e}", path.display())))?;
        if let Some(v) = raw.inherit_heading_measure {
            lex.settings.inherit_heading_measure = v;
        }
        if let Some(v) = raw.enabled {
            lex.settings.enabled = v;
        }
        if let Some(v) = raw.within_draft {
            lex.settings.within_draft = v;
        }
        Ok(Arc::new(lex))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_in_tables_load() {
        let lex = &**NUMBERS;
        assert!(lex.measure_defs.iter().any(|m| &*m.name == "personnel"));
        assert!(lex.entity_defs.iter().any(|e| &*e.name == "US"));
        assert!(lex.may_contain_quantity("several hundred troops"));
        assert!(
            !lex.triggers_overlap,
            "the shipped number and vague words are ASCII letters"
        );
        assert!(!lex.may_contain_quantity("Attention, often and tender."));
        assert!(lex.may_contain_quantity("A quarter of them left."));
        assert!(lex.may_contain_quantity("Attention: “ten” of them."));
        assert!(lex.may_contain_quantity("Six soldiers"));
        assert!(!lex.may_contain_quantity("No quantity here at all."));
        assert!(!lex.may_contain_quantity("In 2025, Washington suspended talks (1998–2008)."));
        assert!(lex.may_contain_quantity("The base housed 2025 troops."));
        assert!(lex.may_contain_quantity("In 2025 600 troops left."));
        assert!(lex.may_contain_quantity("KFOR 34 flew."));
        assert!(lex.may_contain_quantity("It cost $2025."));
        assert!(!lex.may_contain_quantity("3. Tensions in Germany drew attention"));
        assert!(lex.may_contain_quantity("Tens of thousands marched"));
        assert!(lex.may_contain_quantity("3. Ten nations"));
        assert!(lex.confusable("percent", "percentage points"));
        assert!(examples().len() >= 14);
        let km = lex.unit_defs.iter().find(|u| &*u.name == "mi").unwrap();
        assert_eq!(&*km.canonical, "km");
    }

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(
            crate::data::ascii_word_boundaries(r"\bKFOR\s\d+\b"),
            r"(?-u:\b)KFOR\s\d+(?-u:\b)"
        );
        assert_eq!(
            crate::data::ascii_word_boundaries(r"a\\b"),
            r"a\\b",
            "an escaped backslash stays"
        );
        let re = combined_regex(&[r"\bKFOR \d+\b".to_string()]).unwrap().unwrap();
        assert!(re.is_match("“KFOR 34” — aviation"));
        assert!(!re.is_match("XKFOR 34"));
    }

    #[test]
    fn phrase_lookup_is_longest_first_and_case_aware() {
        let mut v = Vocab::default();
        let mut p = Phrases::default();
        p.insert(&mut v, "at least", false, 1);
        p.insert(&mut v, "at", false, 2);
        p.insert(&mut v, "US", true, 3);
        let text = "at least 5 US us";
        let lower = text.to_ascii_lowercase();
        let mut toks = Vec::new();
        token::tokenize(text, 0..text.len(), &mut toks);
        let ids: Vec<u32> = toks.iter().map(|t| v.get(&lower[t.start..t.end])).collect();
        assert_eq!(ids[2], UNKNOWN);
        let s = Text {
            text,
            lower: &lower,
            base: 0,
            toks: &toks,
            ids: &ids,
        };
        assert_eq!(p.at(&s, 0), Some((2, &1)));
        assert_eq!(p.ending_at(&s, 2, 0), Some((0, &1)));
        assert_eq!(p.at(&s, 3), Some((1, &3)));
        assert_eq!(p.at(&s, 4), None, "exact-case alias");
    }
}
