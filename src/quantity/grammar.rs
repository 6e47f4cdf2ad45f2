//! The reporting grammar a number's phrase is read with: function words,
//! linking verbs, containers, synonyms and role cues, compiled from
//! `rules/numbers/grammar.toml`. It names no topic: any noun can be a
//! measure; this data only says where a noun phrase ends and which words
//! change what a number is (a part, a total, a change, a target).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock};

use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;

use super::lexicon::Text;

const GRAMMAR_TOML: &str = include_str!("../../rules/numbers/grammar.toml");

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct GrammarFile {
    stop: Vec<String>,
    verbs: Vec<String>,
    linking: Vec<String>,
    containers: Vec<String>,
    anaphors: Vec<String>,
    section_words: Vec<String>,
    generic: Vec<String>,
    plural_modifiers: Vec<String>,
    irregular_plurals: Vec<String>,
    enumerating: Vec<String>,
    additive: Vec<String>,
    besides: Vec<String>,
    synonyms: Vec<Vec<String>>,
    statistics: Vec<Vec<String>>,
    subgroups: Vec<String>,
    partitive: Vec<String>,
    total: Vec<String>,
    elsewhere: Vec<String>,
    target: Vec<String>,
    hypothetical: Vec<String>,
    example: Vec<String>,
    reporting: Vec<String>,
    condition: Vec<String>,
    valuing: Vec<String>,
    verb_measures: HashMap<String, String>,
    change_before: Vec<String>,
    change_after: Vec<String>,
    change_verbs: Vec<String>,
    record: Vec<String>,
    past: Vec<String>,
    cumulative: Vec<String>,
    relative_years: HashMap<String, i32>,
    #[serde(default)]
    examples: Vec<super::lexicon::Example>,
}

/// Multi-word phrases matched token by token on lower-case text.
#[derive(Debug, Default)]
pub struct PhraseList {
    /// Longest first, so "an increase of" wins over "increase of".
    phrases: Vec<Vec<String>>,
    /// Indices into `phrases` (in its order) by first word: a token that
    /// starts no phrase costs one lookup.
    by_first: HashMap<String, Vec<usize>, FxBuild>,
    /// The distinct phrase lengths, longest first.
    lengths: Vec<usize>,
    /// Byte lengths (bit `min(n, 63)`) and first bytes of the first words:
    /// most tokens are ruled out by these before any hashing.
    first_lens: u64,
    first_bytes: [u64; 4],
}

type FxBuild = std::hash::BuildHasherDefault<super::lexicon::FxHasher>;

/// Words whose stems (or shared copies) one thread keeps (every grammar
/// stems English).
const STEM_CACHE_MAX: usize = 1 << 16;

thread_local! {
    static STEMS: std::cell::RefCell<HashMap<Box<str>, Arc<str>, FxBuild>> =
        std::cell::RefCell::new(HashMap::default());
    static WORDS: std::cell::RefCell<HashMap<Box<str>, Arc<str>, FxBuild>> =
        std::cell::RefCell::new(HashMap::default());
}

impl PhraseList {
    fn new(list: &[String]) -> Self {
        let mut phrases: Vec<Vec<String>> = list
            .iter()
            .map(|p| p.split_whitespace().map(str::to_owned).collect())
            .filter(|p: &Vec<String>| !p.is_empty())
            .collect();
        phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let mut by_first: HashMap<String, Vec<usize>, FxBuild> = HashMap::default();
        for (k, p) in phrases.iter().enumerate() {
            by_first.entry(p[0].clone()).or_default().push(k);
        }
        let mut lengths: Vec<usize> = phrases.iter().map(Vec::len).collect();
        lengths.dedup();
        let mut first_lens = 0u64;
        let mut first_bytes = [0u64; 4];
        for w in by_first.keys() {
            first_lens |= 1 << w.len().min(63);
            let b = w.as_bytes()[0];
            first_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        PhraseList {
            phrases,
            by_first,
            lengths,
            first_lens,
            first_bytes,
        }
    }

    /// Whether some phrase may start with the word `w` (no false "no").
    fn may_start(&self, w: &str) -> bool {
        let Some(&b) = w.as_bytes().first() else {
            return false;
        };
        self.first_lens & (1 << w.len().min(63)) != 0 && self.first_bytes[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    /// Length of the longest phrase starting at token `i`.
    pub fn at(&self, t: &Text<'_>, i: usize) -> Option<usize> {
        let first = t.norm(t.toks.get(i)?);
        if !self.may_start(first) {
            return None;
        }
        self.by_first.get(first)?.iter().find_map(|&k| {
            let p = &self.phrases[k];
            let ok = p[1..]
                .iter()
                .enumerate()
                .all(|(k, w)| t.toks.get(i + 1 + k).is_some_and(|x| t.norm(x) == w));
            ok.then_some(p.len())
        })
    }

    /// Start of the longest phrase that ends just before token `end`.
    pub fn ending_at(&self, t: &Text<'_>, end: usize) -> Option<usize> {
        self.lengths.iter().find_map(|&len| {
            let start = end.checked_sub(len)?;
            self.at(t, start).filter(|&l| start + l == end).map(|_| start)
        })
    }
}

/// The compiled grammar.
pub struct Grammar {
    pub stop: Set,
    pub verbs: Set,
    pub linking: Set,
    pub containers: Set,
    pub anaphors: Set,
    pub section_words: Set,
    pub generic: Set,
    /// Plurals that can modify a following noun ("sales tax").
    pub plural_modifiers: Set,
    /// Plurals that do not end in -s ("people", "aircraft").
    pub irregular_plurals: Set,
    /// Nouns that count the writer's own points ("three reasons").
    pub enumerating: Set,
    /// Words between a number and its noun that add to an earlier count
    /// ("four more sites"): a change.
    pub additive: Set,
    /// Words between a number and its noun that set the things counted
    /// beside others ("four other routes"): a subgroup.
    pub besides: Set,
    /// Surface phrase (lower case, one or two words) → canonical measure.
    synonyms: HashMap<String, Arc<str>, FxBuild>,
    /// Statistic word → the statistic it names.
    statistics: HashMap<String, Arc<str>, FxBuild>,
    pub partitive: PhraseList,
    pub subgroups: Set,
    pub total: PhraseList,
    pub elsewhere: Set,
    pub target: Set,
    /// Modal verbs of a conditional estimate ("would", "could").
    pub hypothetical: Set,
    /// Cues that a sentence works through an example ("for example", "if").
    pub example: PhraseList,
    /// Reporting verbs: a modal after one reports a plan ("said it would").
    pub reporting: Set,
    /// Comparative prepositions that make a number after a noun a bound on
    /// it ("incomes above $500,000").
    pub condition: Set,
    /// Verbs that state a value with "at" ("put the cost at").
    pub valuing: Set,
    verb_measures: HashMap<String, String>,
    pub change_before: PhraseList,
    pub change_after: Set,
    pub change_verbs: Set,
    pub record: PhraseList,
    pub past: PhraseList,
    pub cumulative: PhraseList,
    pub relative_years: PhraseList,
    relative_offsets: HashMap<String, i32>,
    stemmer: Stemmer,
    /// `canonical(None, g)` of every generic word `g`.
    generic_heads: HashSet<Arc<str>>,
}

impl std::fmt::Debug for Grammar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Grammar")
            .field("synonyms", &self.synonyms.len())
            .finish_non_exhaustive()
    }
}

/// A word set (looked up many times per number: a cheap hash).
pub type Set = HashSet<String, FxBuild>;

fn set(list: &[String]) -> Set {
    list.iter().map(|s| s.to_lowercase()).collect()
}

/// A plural by its ending ("methodologies", "stores"), not "bus", "crisis"
/// or "analysis".
pub fn is_regular_plural(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")
}

impl Grammar {
    /// A plural noun, lower case: "methodologies", "stores", "people",
    /// "aircraft"; not "bus", "crisis" or "analysis".
    pub fn is_plural(&self, w: &str) -> bool {
        is_regular_plural(w) || self.irregular_plurals.contains(w)
    }

    fn from_toml(text: &str) -> Result<Grammar, String> {
        let f: GrammarFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let stemmer = Stemmer::create(Algorithm::English);
        let mut synonyms = HashMap::default();
        for group in &f.synonyms {
            let Some(name) = group.first() else { continue };
            let name: Arc<str> = Arc::from(name.as_str());
            for w in group {
                synonyms.insert(w.to_lowercase(), name.clone());
            }
        }
        let mut statistics = HashMap::default();
        for group in &f.statistics {
            let Some(name) = group.first() else { continue };
            let name: Arc<str> = Arc::from(name.as_str());
            for w in &group[1..] {
                statistics.insert(w.to_lowercase(), name.clone());
            }
        }
        let rel: Vec<String> = f.relative_years.keys().cloned().collect();
        let mut g = Grammar {
            stop: set(&f.stop),
            verbs: set(&f.verbs),
            linking: set(&f.linking),
            containers: set(&f.containers),
            anaphors: set(&f.anaphors),
            section_words: set(&f.section_words),
            generic: set(&f.generic),
            plural_modifiers: set(&f.plural_modifiers),
            irregular_plurals: set(&f.irregular_plurals),
            enumerating: set(&f.enumerating),
            additive: set(&f.additive),
            besides: set(&f.besides),
            synonyms,
            statistics,
            partitive: PhraseList::new(&f.partitive),
            subgroups: set(&f.subgroups),
            total: PhraseList::new(&f.total),
            elsewhere: set(&f.elsewhere),
            target: set(&f.target),
            hypothetical: set(&f.hypothetical),
            example: PhraseList::new(&f.example),
            reporting: set(&f.reporting),
            condition: set(&f.condition),
            valuing: set(&f.valuing),
            verb_measures: f.verb_measures,
            change_before: PhraseList::new(&f.change_before),
            change_after: set(&f.change_after),
            change_verbs: set(&f.change_verbs),
            record: PhraseList::new(&f.record),
            past: PhraseList::new(&f.past),
            cumulative: PhraseList::new(&f.cumulative),
            relative_years: PhraseList::new(&rel),
            relative_offsets: f.relative_years,
            stemmer,
            generic_heads: HashSet::new(),
        };
        g.generic_heads = g.generic.iter().map(|x| g.canonical(None, x)).collect();
        Ok(g)
    }

    /// Whether a canonical head is that of a generic word ("people").
    pub fn is_generic_head(&self, h: &str) -> bool {
        self.generic_heads.contains(h)
    }

    /// The Snowball stem of a lower-case word.
    pub fn stem(&self, w: &str) -> String {
        self.stem_shared(w).to_string()
    }

    /// The Snowball stem of a lower-case word, shared: a draft repeats its
    /// words, so each thread keeps the stems it has made (the cache is
    /// emptied when it holds `STEM_CACHE_MAX` words).
    pub fn stem_shared(&self, w: &str) -> Arc<str> {
        STEMS.with_borrow_mut(|cache| {
            if let Some(s) = cache.get(w) {
                return Arc::clone(s);
            }
            if cache.len() >= STEM_CACHE_MAX {
                cache.clear();
            }
            let s: Arc<str> = Arc::from(&*self.stemmer.stem(w));
            cache.insert(Box::from(w), Arc::clone(&s));
            s
        })
    }

    /// A shared copy of a lower-case word (a name): each thread keeps the
    /// copies it has made, as it keeps stems, so the many mentions naming
    /// the same place or owner hold one string.
    pub fn shared(&self, w: &str) -> Arc<str> {
        WORDS.with_borrow_mut(|cache| {
            if let Some(s) = cache.get(w) {
                return Arc::clone(s);
            }
            if cache.len() >= STEM_CACHE_MAX {
                cache.clear();
            }
            let s: Arc<str> = Arc::from(w);
            cache.insert(Box::from(w), Arc::clone(&s));
            s
        })
    }

    /// The canonical measure for a head noun, with the word before it when
    /// the two form a listed compound ("death toll"); else the head's stem.
    pub fn canonical(&self, modifier: Option<&str>, head: &str) -> Arc<str> {
        if let Some(m) = modifier {
            if let Some(c) = self.synonyms.get(&format!("{m} {head}")) {
                return c.clone();
            }
        }
        if let Some(c) = self.synonyms.get(head) {
            return c.clone();
        }
        self.stem_shared(head)
    }

    /// The statistic a word names ("highest" → max), if any.
    pub fn statistic(&self, w: &str) -> Option<Arc<str>> {
        self.statistics.get(w).cloned()
    }

    /// A predicate word's measure when it names one ("killed" → death).
    pub fn predicate_measure(&self, w: &str) -> Option<Arc<str>> {
        self.synonyms.get(w).cloned()
    }

    /// The year offset of a relative-year phrase ("last year" → -1).
    pub fn relative_offset(&self, t: &Text<'_>, i: usize, len: usize) -> Option<i32> {
        let words: Vec<&str> = t.toks.get(i..i + len)?.iter().map(|x| t.norm(x)).collect();
        self.relative_offsets.get(&words.join(" ")).copied()
    }

    /// A word that ends a noun phrase after its head: a listed verb, or a past
    /// form ("damaged", "killed").
    /// The measure a verb's object is ("owed" → debt), if it names one.
    pub fn verb_measure(&self, w: &str) -> Option<&str> {
        self.verb_measures.get(w).map(String::as_str)
    }

    pub fn is_verb(&self, w: &str) -> bool {
        self.verbs.contains(w) || (w.len() >= 4 && w.ends_with("ed") && !w.ends_with("eed"))
    }
}

/// The examples `rules/numbers/grammar.toml` carries (run by the tests).
pub fn examples() -> Vec<(&'static str, &'static super::lexicon::Example)> {
    static EXAMPLES: LazyLock<Vec<super::lexicon::Example>> = LazyLock::new(|| {
        toml::from_str::<GrammarFile>(GRAMMAR_TOML)
            .map(|f| f.examples)
            .unwrap_or_default()
    });
    EXAMPLES.iter().map(|e| ("grammar.toml", e)).collect()
}

/// The built-in grammar.
pub static GRAMMAR: LazyLock<Grammar> =
    LazyLock::new(|| Grammar::from_toml(GRAMMAR_TOML).expect("rules/numbers/grammar.toml is valid"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_grammar_parses_and_normalises() {
        let g = &*GRAMMAR;
        assert_eq!(&*g.canonical(Some("death"), "toll"), "death");
        assert_eq!(&*g.canonical(None, "structures"), "building");
        assert_eq!(&*g.canonical(None, "turbines"), "turbin");
        assert_eq!(g.predicate_measure("killed").as_deref(), Some("death"));
        assert!(g.is_verb("damaged") && g.is_verb("walk") && g.is_verb("needs"));
        assert!(!g.is_verb("seed"));
    }
}
