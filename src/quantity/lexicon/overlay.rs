//! The user's `[numbers]` section of citelint.toml laid over the
//! compiled-in data files: its schema (`RawNumbers`), its checks (errors
//! point at the bad value) and the lexicon compiled from the result.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use super::schema::{EntityEntry, MeasureEntry, RawData, VagueEntry, RAW};
use super::{Hedge, Lexicon};
use crate::config_error::ConfigError;

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

/// A user alias is matched with exact case when it has no lower-case letter
/// ("PA", "U.S."), case-insensitively otherwise ("Uncle Sam").
fn alias_is_exact(alias: &str) -> bool {
    !alias.chars().any(char::is_lowercase)
}

impl Lexicon {
    /// The compiled-in tables with a citelint.toml `[numbers]` section added.
    /// Errors point at the bad value in `text` (the config file's contents).
    pub fn with_config(raw: &RawNumbers, path: &Path, text: &str) -> Result<Arc<Lexicon>, Box<ConfigError>> {
        let mut data = RAW.clone();
        let err = |span: std::ops::Range<usize>, msg: String, label: &str| config_error(path, text, span, msg, label);
        raw.set_settings(&mut data, &err)?;
        raw.add_hedges(&mut data, &err)?;
        raw.add_vague(&mut data, &err)?;
        raw.add_measures_and_aliases(&mut data);
        raw.add_designators(&mut data, &err)?;
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

/// Builds the error for a bad value at a span of the config file.
type ErrorAt<'e> = dyn Fn(std::ops::Range<usize>, String, &str) -> Box<ConfigError> + 'e;

impl RawNumbers {
    /// `bare-round` and the tolerances.
    fn set_settings(&self, data: &mut RawData, err: &ErrorAt<'_>) -> Result<(), Box<ConfigError>> {
        if let Some(b) = &self.bare_round {
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
            (&self.bare_round_cap, &mut data.hedges.bare_round_cap),
            (&self.approx_tolerance, &mut data.hedges.approx_tolerance),
            (&self.near_tolerance, &mut data.hedges.near_tolerance),
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
        Ok(())
    }

    /// Phrases added to a hedge class.
    fn add_hedges(&self, data: &mut RawData, err: &ErrorAt<'_>) -> Result<(), Box<ConfigError>> {
        for (class, list) in &self.hedges {
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
        Ok(())
    }

    /// Vague quantities with their intervals.
    fn add_vague(&self, data: &mut RawData, err: &ErrorAt<'_>) -> Result<(), Box<ConfigError>> {
        for (phrase, bounds) in &self.vague {
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
        Ok(())
    }

    /// Words added to a measure (or a new count measure) and aliases added
    /// to an entity (or a new country).
    fn add_measures_and_aliases(&self, data: &mut RawData) {
        for (name, words) in &self.measures {
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
        for (name, aliases) in &self.aliases {
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
    }

    /// Extra designator patterns, each checked on its own.
    fn add_designators(&self, data: &mut RawData, err: &ErrorAt<'_>) -> Result<(), Box<ConfigError>> {
        for d in &self.extra_designators {
            if let Err(e) = Regex::new(d.get_ref()) {
                return Err(err(
                    d.span(),
                    format!("invalid designator pattern {:?}", d.get_ref()),
                    &e.to_string(),
                ));
            }
            data.designators.patterns.push(d.get_ref().clone());
        }
        Ok(())
    }
}
