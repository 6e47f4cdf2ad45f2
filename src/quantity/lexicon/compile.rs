//! Compiling the parsed data files into a `Lexicon`: phrase tables,
//! definitions, designator regular expressions and the trigger words of the
//! cheap pre-filter.

use std::sync::Arc;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::schema::{EntitiesFile, HedgesFile, MeasuresFile, NumeralsFile, RawData, VagueFile};
use super::{
    EntityDef, EntityKind, Hedge, Lexicon, MeasureDef, MeasureDim, Phrases, Settings, UnitDef, VagueDef, Vocab,
};

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

pub(super) fn combined_regex(patterns: &[String]) -> Result<Option<Regex>, String> {
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

impl Lexicon {
    /// Compiles the parsed data files. Phrases are added to the vocabulary
    /// in one fixed order, file by file.
    pub(super) fn compile(r: &RawData) -> Result<Lexicon, String> {
        let settings = settings_of(&r.hedges)?;
        let mut v = Vocab::default();
        let n = &r.numerals;
        let (words, scales, suffixes) = numeral_tables(&mut v, n);
        let (hedges, post_hedges) = hedge_tables(&mut v, &r.hedges)?;
        let mut trigger_words: Vec<String> = Vec::new();
        let (vague, vague_defs) = vague_table(&mut v, &r.vague, &mut trigger_words)?;
        trigger_words.extend(n.words.keys().filter(|w| *w != "one" && *w != "zero").cloned());
        trigger_words.extend(n.scales.keys().cloned());

        let m = &r.measures;
        let (measures, measure_defs) = measure_table(&mut v, m);
        let modifiers = phrases_of(&mut v, &m.modifiers);
        let confusable = m
            .confusable_dimensions
            .iter()
            .map(|[a, b]| (Arc::from(a.as_str()), Arc::from(b.as_str())))
            .collect();
        let (units, unit_defs) = unit_table(&mut v, m)?;
        let (currency_symbols, currency_words, currencies) = currency_tables(&mut v, m);
        let (entities, entity_defs) = entity_table(&mut v, &r.entities)?;

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
        let (triggers, triggers_overlap) = trigger_matcher(trigger_words)?;

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
}

/// The hedge file's settings; the rest take their defaults.
fn settings_of(h: &HedgesFile) -> Result<Settings, String> {
    let bare_round_exact = match h.bare_round.as_str() {
        "exact" => true,
        "half-granularity" => false,
        other => return Err(format!("bare-round {other:?}")),
    };
    Ok(Settings {
        bare_round_exact,
        bare_round_cap: h.bare_round_cap,
        approx_tolerance: h.approx_tolerance,
        near_tolerance: h.near_tolerance,
        inherit_heading_measure: false,
        enabled: true,
        within_draft: false,
    })
}

/// Number words, scale words and suffixes ("k", "bn").
#[allow(clippy::type_complexity)]
fn numeral_tables(v: &mut Vocab, n: &NumeralsFile) -> (Phrases<u64>, Phrases<(f64, bool)>, Vec<(Box<str>, f64, bool)>) {
    let mut words = Phrases::default();
    for (k, val) in &n.words {
        words.insert(v, k, false, *val);
    }
    let mut scales = Phrases::default();
    for (k, val) in &n.scales {
        let approx = n.approximate_scales.iter().any(|a| a.eq_ignore_ascii_case(k));
        scales.insert(v, k, false, (*val as f64, approx));
    }
    let suffixes = n
        .suffixes
        .iter()
        .map(|s| (Box::from(s.text.as_str()), s.value as f64, s.money_only))
        .collect();
    (words, scales, suffixes)
}

/// Hedges before and after a number, by class.
fn hedge_tables(v: &mut Vocab, h: &HedgesFile) -> Result<(Phrases<Hedge>, Phrases<Hedge>), String> {
    let mut hedges = Phrases::default();
    for (class, list) in &h.before {
        let c = Hedge::parse(class).ok_or_else(|| format!("unknown hedge class {class:?}"))?;
        for w in list {
            hedges.insert(v, w, false, c);
        }
    }
    let mut post_hedges = Phrases::default();
    for (class, list) in &h.after {
        let c = Hedge::parse(class).ok_or_else(|| format!("unknown hedge class {class:?}"))?;
        for w in list {
            post_hedges.insert(v, w, false, c);
        }
    }
    Ok((hedges, post_hedges))
}

/// Vague quantities ("several hundred") with their intervals; their long
/// words become trigger words of the pre-filter.
fn vague_table(
    v: &mut Vocab,
    file: &VagueFile,
    trigger_words: &mut Vec<String>,
) -> Result<(Phrases<u32>, Vec<VagueDef>), String> {
    let mut vague = Phrases::default();
    let mut vague_defs = Vec::new();
    for entry in &file.vague {
        if !(entry.lo >= 0.0 && entry.lo <= entry.hi) {
            return Err(format!("vague {:?}: lo must be ≤ hi", entry.phrase));
        }
        vague.insert(v, &entry.phrase, false, vague_defs.len() as u32);
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
    Ok((vague, vague_defs))
}

/// Measure nouns with their dimensions.
fn measure_table(v: &mut Vocab, m: &MeasuresFile) -> (Phrases<u32>, Vec<MeasureDef>) {
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
            measures.insert(v, w, false, measure_defs.len() as u32);
        }
        measure_defs.push(MeasureDef {
            name: Arc::from(e.name.as_str()),
            dim,
            unit_dimension: Arc::from(e.dimension.as_str()),
            owned: e.owned,
            needs_predicate: e.needs_predicate,
        });
    }
    (measures, measure_defs)
}

/// Units with their factors to the canonical unit of their dimension.
fn unit_table(v: &mut Vocab, m: &MeasuresFile) -> Result<(Phrases<u32>, Vec<UnitDef>), String> {
    let mut units = Phrases::default();
    let mut unit_defs: Vec<UnitDef> = Vec::new();
    for u in &m.unit {
        if !(u.factor.is_finite() && u.factor > 0.0) {
            return Err(format!("unit {:?}: factor must be positive", u.name));
        }
        for w in &u.words {
            // A short unit symbol with a capital ("C", "MW", "dB") only as
            // written: "8c" is a climbing grade, "5 mw" no power rating.
            let symbol = w.chars().count() <= 3 && w.chars().any(char::is_uppercase);
            units.insert(v, w, symbol, unit_defs.len() as u32);
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
    Ok((units, unit_defs))
}

/// Currency symbols (matched with exact case) and words, by currency code.
fn currency_tables(v: &mut Vocab, m: &MeasuresFile) -> (Phrases<u32>, Phrases<u32>, Vec<Arc<str>>) {
    let mut currency_symbols = Phrases::default();
    let mut currency_words = Phrases::default();
    let mut currencies = Vec::new();
    for c in &m.currency {
        let id = currencies.len() as u32;
        for s in &c.symbols {
            currency_symbols.insert(v, s, true, id);
        }
        for w in &c.words {
            currency_words.insert(v, w, false, id);
        }
        currencies.push(Arc::from(c.code.as_str()));
    }
    (currency_symbols, currency_words, currencies)
}

/// Owners and places with their aliases.
fn entity_table(v: &mut Vocab, file: &EntitiesFile) -> Result<(Phrases<u32>, Vec<EntityDef>), String> {
    let mut entities = Phrases::default();
    let mut entity_defs = Vec::new();
    for e in &file.entity {
        let kind =
            EntityKind::parse(&e.kind).ok_or_else(|| format!("entity {:?}: unknown kind {:?}", e.name, e.kind))?;
        let id = entity_defs.len() as u32;
        for a in &e.names {
            entities.insert(v, a, false, id);
        }
        for a in &e.exact {
            entities.insert(v, a, true, id);
        }
        entity_defs.push(EntityDef {
            name: Arc::from(e.name.as_str()),
            kind,
            location: e.location.as_deref().map(Arc::from),
            parent: e.parent.as_deref().map(Arc::from),
        });
    }
    Ok((entities, entity_defs))
}

/// The matcher of the words that may start a quantity without digits, and
/// whether it must search overlapping matches.
fn trigger_matcher(mut trigger_words: Vec<String>) -> Result<(AhoCorasick, bool), String> {
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
    Ok((triggers, triggers_overlap))
}
