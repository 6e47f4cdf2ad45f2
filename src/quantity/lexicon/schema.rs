//! The data files of `rules/numbers/` as serde structs (their TOML
//! schemas), parsed once when first needed, and the examples they carry.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

pub const NUMERALS_TOML: &str = include_str!("../../../rules/numbers/numerals.toml");
pub const HEDGES_TOML: &str = include_str!("../../../rules/numbers/hedges.toml");
pub const VAGUE_TOML: &str = include_str!("../../../rules/numbers/vague.toml");
pub const MEASURES_TOML: &str = include_str!("../../../rules/numbers/measures.toml");
pub const ENTITIES_TOML: &str = include_str!("../../../rules/numbers/entities.toml");
pub const DESIGNATORS_TOML: &str = include_str!("../../../rules/numbers/designators.toml");
pub const FRAMES_TOML: &str = include_str!("../../../rules/numbers/frames.toml");

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
pub(super) struct NumeralsFile {
    pub(super) words: BTreeMap<String, u64>,
    pub(super) scales: BTreeMap<String, u64>,
    pub(super) approximate_scales: Vec<String>,
    #[serde(default, rename = "suffix")]
    pub(super) suffixes: Vec<SuffixEntry>,
    #[serde(default)]
    pub(super) examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct SuffixEntry {
    pub(super) text: String,
    pub(super) value: u64,
    #[serde(default)]
    pub(super) money_only: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct HedgesFile {
    pub(super) bare_round: String,
    pub(super) bare_round_cap: f64,
    pub(super) approx_tolerance: f64,
    pub(super) near_tolerance: f64,
    pub(super) before: BTreeMap<String, Vec<String>>,
    pub(super) after: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(super) examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct VagueFile {
    pub(super) vague: Vec<VagueEntry>,
    #[serde(default)]
    pub(super) examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct VagueEntry {
    pub(super) phrase: String,
    pub(super) lo: f64,
    pub(super) hi: f64,
    #[serde(default)]
    pub(super) bare: bool,
    pub(super) negated_from: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct MeasuresFile {
    pub(super) modifiers: Vec<String>,
    pub(super) confusable_dimensions: Vec<[String; 2]>,
    pub(super) measure: Vec<MeasureEntry>,
    pub(super) unit: Vec<UnitEntry>,
    pub(super) currency: Vec<CurrencyEntry>,
    #[serde(default)]
    pub(super) examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct MeasureEntry {
    pub(super) name: String,
    pub(super) dimension: String,
    pub(super) owned: bool,
    #[serde(default)]
    pub(super) needs_predicate: bool,
    pub(super) words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct UnitEntry {
    pub(super) name: String,
    pub(super) dimension: String,
    pub(super) factor: f64,
    pub(super) words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct CurrencyEntry {
    pub(super) code: String,
    pub(super) symbols: Vec<String>,
    pub(super) words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct EntitiesFile {
    pub(super) entity: Vec<EntityEntry>,
    #[serde(default)]
    pub(super) examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct EntityEntry {
    pub(super) name: String,
    pub(super) kind: String,
    #[serde(default)]
    pub(super) names: Vec<String>,
    #[serde(default)]
    pub(super) exact: Vec<String>,
    pub(super) location: Option<String>,
    pub(super) parent: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct DesignatorsFile {
    pub(super) patterns: Vec<String>,
    pub(super) events: Vec<String>,
    pub(super) capitalised_names: bool,
    #[serde(default)]
    pub(super) examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct FramesFile {
    pub(super) claim_cues: Vec<String>,
    pub(super) contrast: Vec<String>,
    pub(super) negation: Vec<String>,
    pub(super) before: Vec<String>,
    pub(super) change: Vec<String>,
    pub(super) total: Vec<String>,
    pub(super) clause_words: Vec<String>,
    pub(super) link: Vec<String>,
    pub(super) not_time: Vec<String>,
    #[serde(default)]
    pub(super) examples: Vec<Example>,
}

/// All data files, parsed but not compiled (user additions are merged here).
#[derive(Debug, Clone)]
pub(super) struct RawData {
    pub(super) numerals: NumeralsFile,
    pub(super) hedges: HedgesFile,
    pub(super) vague: VagueFile,
    pub(super) measures: MeasuresFile,
    pub(super) entities: EntitiesFile,
    pub(super) designators: DesignatorsFile,
    pub(super) frames: FramesFile,
}

fn parse_file<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> T {
    toml::from_str(text).unwrap_or_else(|e| panic!("rules/numbers/{name} is invalid: {e}"))
}

pub(super) static RAW: LazyLock<RawData> = LazyLock::new(|| RawData {
    numerals: parse_file("numerals.toml", NUMERALS_TOML),
    hedges: parse_file("hedges.toml", HEDGES_TOML),
    vague: parse_file("vague.toml", VAGUE_TOML),
    measures: parse_file("measures.toml", MEASURES_TOML),
    entities: parse_file("entities.toml", ENTITIES_TOML),
    designators: parse_file("designators.toml", DESIGNATORS_TOML),
    frames: parse_file("frames.toml", FRAMES_TOML),
});

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
