//! The claim scorer: decides whether an uncited sentence states a checkable
//! fact, and says why.
//!
//! Why not a model: a writer must be able to read the reasons ("entity
//! "NATO"; event verb "operate"; score 3 ≥ 2"), disagree, and tune the word
//! lists in `rules/claims.toml`. Every feature is a lexicon, a pattern or a
//! small token rule; every weight is data.
//!
//! Cost: only sentences that carry no marker and are not exempt are scored
//! (in a well-cited draft that is a small share of the text). Lexicons are one
//! Aho–Corasick automaton and patterns one `pattern::Set` each, compiled once per
//! configuration; scoring a sentence allocates only its list of reasons.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::pattern;
use serde::Deserialize;

use crate::document::{Document, Exempt, Sentence, Unit};
use crate::quantity::{Form, Mention};

pub const CLAIMS_TOML: &str = include_str!("../rules/claims.toml");

/// The default claim detector, compiled on first use.
pub static CLAIMS: LazyLock<std::sync::Arc<Claims>> =
    LazyLock::new(|| std::sync::Arc::new(Claims::from_toml(CLAIMS_TOML).expect("rules/claims.toml is valid")));

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    Sentence,
    Paragraph,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ClaimsData {
    pub threshold: i32,
    /// The score a sentence needs when none of its evidence is an anchor
    /// (a figure, amount, date, ranking, attribution or quotation).
    pub threshold_without_anchor: i32,
    /// The smallest amount a vague quantity names to be an amount ("a
    /// dozen", "dozens of", "several hundred"); a smaller one ("several
    /// states", "a few towns") is a few quantity, weaker and no anchor.
    pub vague_quantity_min: u32,
    pub scope: Scope,
    /// A sentence with a URL (or a Markdown link to one) counts as cited.
    pub links_cite: bool,
    pub weights: Weights,
    pub lexicons: Lexicons,
    pub patterns: Patterns,
    #[serde(default)]
    pub examples: Vec<ClaimExample>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Weights {
    pub quantity: i32,
    pub vague_quantity: i32,
    pub few_quantity: i32,
    pub date: i32,
    pub entity: i32,
    pub entity_cap: i32,
    pub event_verb: i32,
    pub attribution: i32,
    pub superlative: i32,
    pub comparative: i32,
    pub quotation: i32,
    pub causation: i32,
    pub law: i32,
    pub analysis: i32,
    pub modal: i32,
    pub modal_cap: i32,
    pub person: i32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Lexicons {
    pub event_verbs: Vec<String>,
    pub attribution: Vec<String>,
    pub cross_references: Vec<String>,
    pub speech_verbs: Vec<String>,
    pub superlatives: Vec<String>,
    pub noun_phrase_superlatives: Vec<String>,
    pub determiners: Vec<String>,
    pub comparatives: Vec<String>,
    pub causation: Vec<String>,
    pub laws: Vec<String>,
    pub modals: Vec<String>,
    pub design_modals: Vec<String>,
    pub person: Vec<String>,
    pub case_sensitive: Vec<String>,
    pub months: Vec<String>,
    pub time_phrases: Vec<String>,
    pub not_entities: Vec<String>,
    pub function_words: Vec<String>,
    pub anaphoric_determiners: Vec<String>,
    /// Words after a year that make it part of a name: "the 2023 edition".
    #[serde(default)]
    pub edition_words: Vec<String>,
    /// Capitalised words before a year that are times, not names: "in
    /// Summer 2021".
    #[serde(default)]
    pub year_times: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Patterns {
    pub analysis: Vec<String>,
    pub vague_attribution: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ClaimExample {
    pub text: String,
    pub expect: String,
}

/// A feature of a sentence that counts for or against it being a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature {
    Quantity,
    VagueQuantity,
    /// A small vague amount ("several states", "a few towns"): weak, and no
    /// anchor on its own.
    FewQuantity,
    Date,
    Entity,
    EventVerb,
    Attribution,
    Superlative,
    Comparative,
    Quotation,
    Causation,
    Law,
    Analysis,
    Modal,
    Person,
    /// Not scored: marks CLM004.
    VagueAttribution,
}

impl Feature {
    pub fn as_str(self) -> &'static str {
        match self {
            Feature::Quantity => "quantity",
            Feature::VagueQuantity => "vague quantity",
            Feature::FewQuantity => "few quantity",
            Feature::Date => "date",
            Feature::Entity => "entity",
            Feature::EventVerb => "event verb",
            Feature::Attribution => "attribution",
            Feature::Superlative => "superlative",
            Feature::Comparative => "comparative",
            Feature::Quotation => "quotation",
            Feature::Causation => "causation",
            Feature::Law => "law",
            Feature::Analysis => "analysis",
            Feature::Modal => "modal",
            Feature::Person => "first/second person",
            Feature::VagueAttribution => "vague attribution",
        }
    }
}

/// Lexicon entries that feed features; the others (months, time phrases,
/// speech verbs, design modals) are used by the token rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex {
    Feature(Feature),
    Month,
    TimePhrase,
    SpeechVerb,
    DesignModal,
}

#[derive(Debug)]
pub struct Claims {
    pub data: ClaimsData,
    lexicon: AhoCorasick,
    /// Per pattern: what it means, and the exact spelling when case matters.
    entries: Vec<Vec<(Lex, Option<String>)>>,
    analysis: pattern::Set,
    vague_attribution: pattern::Set,
    vague_attribution_each: Vec<std::sync::OnceLock<Option<pattern::Pattern>>>,
    not_entities: HashSet<String>,
    /// Lower-cased word sets of the grammar lists.
    noun_phrase_superlatives: HashSet<String>,
    determiners: HashSet<String>,
    function_words: HashSet<String>,
    anaphoric_determiners: HashSet<String>,
    cross_references: Vec<String>,
}

/// One reason a sentence was scored as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub feature: Feature,
    /// Absolute byte span of the evidence in the document.
    pub span: Range<usize>,
    pub weight: i32,
}

/// How a sentence was classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Cited,
    Exempt(Exempt),
    /// CLM002: a direct quotation without a marker.
    Quotation,
    /// CLM003: a claim carrying a numeric quantity.
    Statistic,
    /// CLM001.
    Claim,
    /// CLM004: vague attribution in a sentence that is not otherwise a claim.
    VagueAttribution,
    NotClaim,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Cited => "cited",
            Class::Exempt(_) => "exempt",
            Class::Quotation => "quotation",
            Class::Statistic => "statistic",
            Class::Claim => "claim",
            Class::VagueAttribution => "vague-attribution",
            Class::NotClaim => "not-claim",
        }
    }

    pub fn is_finding(self) -> bool {
        matches!(
            self,
            Class::Quotation | Class::Statistic | Class::Claim | Class::VagueAttribution
        )
    }
}

#[derive(Debug, Clone)]
pub struct Assessment {
    pub class: Class,
    pub score: i32,
    pub reasons: Vec<Reason>,
}

impl Claims {
    pub fn from_toml(text: &str) -> Result<Claims, String> {
        let data: ClaimsData = toml::from_str(text).map_err(|e| e.to_string())?;
        Claims::new(data)
    }

    pub fn new(data: ClaimsData) -> Result<Claims, String> {
        let l = &data.lexicons;
        let case_sensitive: HashSet<&str> = l.case_sensitive.iter().map(String::as_str).collect();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<(Lex, Option<String>)>> = Vec::new();
        let lists: [(Lex, &Vec<String>); 13] = [
            (Lex::Feature(Feature::EventVerb), &l.event_verbs),
            (Lex::Feature(Feature::Attribution), &l.attribution),
            (Lex::Feature(Feature::Superlative), &l.superlatives),
            (Lex::Feature(Feature::Comparative), &l.comparatives),
            (Lex::Feature(Feature::Causation), &l.causation),
            (Lex::Feature(Feature::Law), &l.laws),
            (Lex::Feature(Feature::Modal), &l.modals),
            (Lex::Feature(Feature::Person), &l.person),
            (Lex::Feature(Feature::Date), &l.time_phrases),
            (Lex::Month, &l.months),
            (Lex::TimePhrase, &l.time_phrases),
            (Lex::SpeechVerb, &l.speech_verbs),
            (Lex::DesignModal, &l.design_modals),
        ];
        for (lex, list) in lists {
            for word in list {
                let word = word.trim();
                if word.is_empty() {
                    continue;
                }
                let key = word.to_ascii_lowercase();
                let id = *index.entry(key.clone()).or_insert_with(|| {
                    patterns.push(key);
                    entries.push(Vec::new());
                    patterns.len() - 1
                });
                let exact = case_sensitive.contains(word).then(|| word.to_string());
                entries[id].push((lex, exact));
            }
        }
        let lexicon = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            // A contiguous NFA: a DFA searched a little faster but took a
            // fifth of a one-file run to build.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        let ci = |p: &String| case_insensitive(p);
        // The two sets are most of a one-file run's start-up: compile them
        // side by side.
        let (analysis, vague_attribution) = std::thread::scope(|s| {
            let vague =
                s.spawn(|| pattern::Set::new(&data.patterns.vague_attribution.iter().map(ci).collect::<Vec<_>>()));
            let analysis = pattern::Set::new(&data.patterns.analysis.iter().map(ci).collect::<Vec<_>>());
            (analysis, vague.join().expect("regex compilation does not panic"))
        });
        let analysis = analysis?;
        let vague_attribution = vague_attribution?;
        // Each pattern on its own only for its span, compiled when a
        // sentence first matches it (the set above has checked the syntax).
        let vague_attribution_each = data
            .patterns
            .vague_attribution
            .iter()
            .map(|_| std::sync::OnceLock::new())
            .collect();
        Ok(Claims {
            // Month names are dates, not names.
            not_entities: l.not_entities.iter().chain(&l.months).cloned().collect(),
            noun_phrase_superlatives: lower_set(&l.noun_phrase_superlatives),
            determiners: lower_set(&l.determiners),
            function_words: lower_set(&l.function_words),
            anaphoric_determiners: lower_set(&l.anaphoric_determiners),
            cross_references: l.cross_references.iter().map(|w| w.trim().to_lowercase()).collect(),
            data,
            lexicon,
            entries,
            analysis,
            vague_attribution,
            vague_attribution_each,
        })
    }

    fn weight(&self, f: Feature) -> i32 {
        let w = &self.data.weights;
        match f {
            Feature::Quantity => w.quantity,
            Feature::VagueQuantity => w.vague_quantity,
            Feature::FewQuantity => w.few_quantity,
            Feature::Date => w.date,
            Feature::Entity => w.entity,
            Feature::EventVerb => w.event_verb,
            Feature::Attribution => w.attribution,
            Feature::Superlative => w.superlative,
            Feature::Comparative => w.comparative,
            Feature::Quotation => w.quotation,
            Feature::Causation => w.causation,
            Feature::Law => w.law,
            Feature::Analysis => w.analysis,
            Feature::Modal => w.modal,
            Feature::Person => w.person,
            Feature::VagueAttribution => 0,
        }
    }

    /// Whether the superlative `found` at `start` ranks something: the
    /// noun-phrase ones ("first", "only", "most" …) only after a determiner or
    /// a possessive ("the first case", "its only copy", "Serbia's top").
    /// In technical writing they are positions ("the first argument", "the
    /// only attribute"), and a compound ("first-class", "top-level") is never
    /// a ranking.
    fn ranks(&self, text: &str, start: usize, found: &str, technical: bool) -> bool {
        if !self.noun_phrase_superlatives.contains(&found.to_lowercase()) {
            return true;
        }
        let compound = text[start + found.len()..].starts_with(['-', '‑']);
        if technical || compound {
            return false;
        }
        let prev = previous_word(text, start);
        prev.ends_with("'s") || prev.ends_with("’s") || self.determiners.contains(&prev.to_lowercase())
    }

    /// Whether the attribution word at `r` points within the text ("as
    /// described", "as already stated", "described above", "shown in this
    /// section") or turns the argument ("That said, …") rather than naming
    /// a source.
    fn cross_reference(&self, text: &str, r: Range<usize>) -> bool {
        let mut prev = previous_word(text, r.start);
        if prev.ends_with("ly") || prev == "already" || prev == "also" {
            let before = text[..r.start].trim_end();
            prev = previous_word(text, before.len() - prev.len());
        }
        if prev.eq_ignore_ascii_case("as") {
            return true;
        }
        // "That said, …", "With this said, …": a turn in the argument.
        let discourse = ["that", "this"].iter().any(|w| prev.eq_ignore_ascii_case(w));
        if discourse && text[r.end..].starts_with(',') {
            return true;
        }
        let after = text[r.end..].trim_start();
        self.cross_references.iter().any(|c| {
            after.len() >= c.len()
                && after.is_char_boundary(c.len())
                && after[..c.len()].eq_ignore_ascii_case(c)
                && word_bounded(after, 0, c.len())
        })
    }

    /// Whether the spelled-out number at token `i` points back at things
    /// already named ("the two fields", "these three states"), which is not
    /// a new figure. After "of" it gives a total ("three of the five
    /// campgrounds") and counts.
    fn points_back(&self, text: &str, start: usize) -> bool {
        let before = text[..start.min(text.len())].trim_end();
        if before.ends_with([',', ';', ':', '—']) {
            return false;
        }
        let prev = previous_word(text, start);
        if !self.anaphoric_determiners.contains(&prev.to_lowercase()) {
            return false;
        }
        let earlier = before[..before.len() - prev.len()].trim_end();
        !previous_word(earlier, earlier.len()).eq_ignore_ascii_case("of")
    }

    /// A quotation whose words are all capitalised, small words aside
    /// ("The Future of Computing"): the title of a work, not someone's words.
    fn is_title(&self, quoted: &str) -> bool {
        let inner = quoted.trim_matches(['"', '“', '”']);
        let mut content = inner
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty() && !self.function_words.contains(&w.to_lowercase()))
            .peekable();
        content.peek().is_some() && content.all(|w| !w.starts_with(char::is_lowercase))
    }

    /// Classifies one sentence of `doc`, given the quantity reader's
    /// mentions in it (see `sentence_mentions`).
    pub fn assess(&self, doc: &Document, s: &Sentence, figures: &[Mention]) -> Assessment {
        self.assess_with(doc, s, figures, &mut Scratch::default())
    }

    /// `assess` with buffers reused across the sentences of a document.
    pub fn assess_with(&self, doc: &Document, s: &Sentence, figures: &[Mention], scratch: &mut Scratch) -> Assessment {
        if let Some(e) = s.exempt {
            return Assessment {
                class: Class::Exempt(e),
                score: 0,
                reasons: Vec::new(),
            };
        }
        let (score, reasons) = self.score_with(&doc.masked, s.span.clone(), doc.technical, figures, scratch);
        let class = if s.is_cited() || (s.linked && self.data.links_cite) {
            Class::Cited
        } else {
            let has = |f: Feature| reasons.iter().any(|r| r.feature == f);
            let needed = self.needed_score(&reasons);
            // Writing about code: "the worker will retry 3 times" proposes.
            let proposal = scratch.design_modal && !dated_attribution(&reasons);
            if not_a_statement(&doc.file.text[s.span.clone()]) || proposal {
                Class::NotClaim
            } else if score >= needed && has(Feature::Quotation) {
                Class::Quotation
            } else if score >= needed && has(Feature::Quantity) {
                Class::Statistic
            } else if score >= needed {
                Class::Claim
            } else if has(Feature::VagueAttribution) {
                Class::VagueAttribution
            } else {
                Class::NotClaim
            }
        };
        Assessment { class, score, reasons }
    }

    /// The score a sentence with these reasons needs to be a claim: the
    /// threshold when some evidence anchors it (a figure, amount, date,
    /// ranking, attribution or quotation), the higher
    /// `threshold-without-anchor` when only names, events, causes, laws and
    /// comparisons speak for it.
    pub fn needed_score(&self, reasons: &[Reason]) -> i32 {
        let anchored = reasons.iter().any(|r| r.weight > 0 && is_anchor(r.feature));
        if anchored {
            self.data.threshold
        } else {
            self.data.threshold.max(self.data.threshold_without_anchor)
        }
    }

    /// Scores the text at `span` of `masked` (markers and code already
    /// blanked), whose quantity mentions are `figures`. `technical`: the
    /// sentence is from writing about code (see `Document::technical`), where
    /// spelled-out counts and ordinals describe a design ("two fields", "the
    /// first argument") and are not evidence.
    fn score_with(
        &self,
        masked: &str,
        span: Range<usize>,
        technical: bool,
        figures: &[Mention],
        scratch: &mut Scratch,
    ) -> (i32, Vec<Reason>) {
        let text = &masked[span.clone()];
        let base = span.start;
        let mut reasons: Vec<Reason> = Vec::new();
        // The features `reasons` holds (a sentence may hold thousands of
        // repeating ones: a scan of `reasons` per hit would be quadratic).
        let mut have: Vec<Feature> = Vec::new();
        let add = |reasons: &mut Vec<Reason>, have: &mut Vec<Feature>, feature: Feature, r: Range<usize>| {
            let repeats = matches!(feature, Feature::Entity | Feature::Modal);
            if !repeats && have.contains(&feature) {
                return;
            }
            if !have.contains(&feature) {
                have.push(feature);
            }
            reasons.push(Reason {
                feature,
                span: base + r.start..base + r.end,
                weight: 0,
            });
        };

        // Lexicon hits, kept for the token rules.
        let Scratch {
            months,
            speech,
            design_modal,
            tokens,
            words,
        } = scratch;
        *design_modal = false;
        months.clear();
        speech.clear();
        for m in self.lexicon.find_iter(text) {
            if !word_bounded(text, m.start(), m.end()) {
                continue;
            }
            let found = &text[m.start()..m.end()];
            for (lex, exact) in &self.entries[m.pattern().as_usize()] {
                if exact.as_deref().is_some_and(|e| e != found) {
                    continue;
                }
                match lex {
                    Lex::Feature(Feature::Superlative) if !self.ranks(text, m.start(), found, technical) => {}
                    Lex::Feature(Feature::Attribution) if self.cross_reference(text, m.range()) => {}
                    // "the cost", "a say": after a determiner the word is a noun.
                    Lex::Feature(Feature::EventVerb | Feature::Attribution) if after_determiner(text, m.start()) => {}
                    // "This Week in Rust": a capitalised phrase inside the sentence is a name.
                    Lex::Feature(Feature::Date) if m.start() > 0 && found.starts_with(char::is_uppercase) => {}
                    Lex::Feature(f) => add(&mut reasons, &mut have, *f, m.range()),
                    Lex::Month => months.push(m.range()),
                    Lex::TimePhrase => {}
                    Lex::SpeechVerb => speech.push(m.range()),
                    Lex::DesignModal => *design_modal |= technical,
                }
            }
        }

        tokenize(text, words, tokens);
        let tokens = &tokens[..];
        self.entities(text, tokens, &mut reasons, base);
        let input = SentenceInput {
            base,
            figures,
            months,
            technical,
        };
        self.quantities(text, tokens, &input, &mut reasons);
        reasons.retain(|r| {
            r.feature != Feature::Date || !self.year_in_name(text, r.span.start - base..r.span.end - base, technical)
        });
        // `entities` and `quantities` added features of their own.
        for r in &reasons {
            if !have.contains(&r.feature) {
                have.push(r.feature);
            }
        }
        if let Some(q) = quotation(text) {
            // Someone's words need someone: an attribution or a speech verb
            // outside the quotation. A title in quotes is a name.
            let spoken = reasons.iter().any(|r| r.feature == Feature::Attribution)
                || speech.iter().any(|v| v.end <= q.start || v.start >= q.end);
            if spoken && !self.is_title(&text[q.clone()]) {
                add(&mut reasons, &mut have, Feature::Quotation, q);
            }
        }
        let trimmed = text.trim_start();
        let lead = text.len() - trimmed.len();
        if self.analysis.is_match(trimmed) {
            let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            add(&mut reasons, &mut have, Feature::Analysis, lead..lead + end);
        }
        if self.vague_attribution.is_match(text) {
            let first = self.vague_attribution.matches(text).find_map(|i| {
                let re = self.vague_attribution_each[i].get_or_init(|| {
                    pattern::Pattern::new(&case_insensitive(&self.data.patterns.vague_attribution[i])).ok()
                });
                re.as_ref()?.find(text)
            });
            if let Some(m) = first {
                add(&mut reasons, &mut have, Feature::VagueAttribution, m);
            }
        }

        // Weights: once per feature; entities and modals once per distinct
        // word, up to their caps.
        let mut score = 0;
        let (mut entities, mut modals) = (0, 0);
        let mut modal_words: Vec<&str> = Vec::new();
        // "The office said on March 17 that it would appeal": a dated,
        // attributed statement is checkable whatever it reports.
        let dated_attribution = dated_attribution(&reasons);
        // "the ministry has said the income line may change": a modal in
        // the clause a source is reported to have said is the source's, not
        // the writer's hedge.
        let reported_from = reasons
            .iter()
            .filter(|r| r.feature == Feature::Attribution && reports_speech(masked, r.span.clone()))
            .map(|r| r.span.end)
            .min();
        for r in &mut reasons {
            let w = self.weight(r.feature);
            r.weight = match r.feature {
                Feature::Entity => {
                    let w = w.min((self.data.weights.entity_cap - entities).max(0));
                    entities += w;
                    w
                }
                Feature::Modal => {
                    let word = &masked[r.span.clone()];
                    if dated_attribution
                        || reported_from.is_some_and(|end| end <= r.span.start)
                        || modal_words.iter().any(|w| w.eq_ignore_ascii_case(word))
                        || modals >= self.data.weights.modal_cap
                    {
                        0
                    } else {
                        modal_words.push(word);
                        modals += 1;
                        w
                    }
                }
                _ => w,
            };
            score += r.weight;
        }
        // "the first room", "the only copy": a superlative with nothing else
        // checkable around it is a word, not a claim.
        if reasons
            .iter()
            .filter(|r| r.weight > 0)
            .all(|r| r.feature == Feature::Superlative)
        {
            for r in reasons
                .iter_mut()
                .filter(|r| r.feature == Feature::Superlative && r.weight > 1)
            {
                score -= r.weight - 1;
                r.weight = 1;
            }
        }
        reasons.retain(|r| r.weight != 0 || matches!(r.feature, Feature::Entity | Feature::VagueAttribution));
        reasons.sort_by_key(|r| (r.feature, r.span.start));
        (score, reasons)
    }

    /// A year that is part of a name, not the date of an event: before an
    /// edition word ("the 2023 edition") or, in writing about software,
    /// after a capitalised name inside the sentence ("in Tabula 2023"; not
    /// "In 2023", "in Summer 2023"). Elsewhere a name with a year is an
    /// event the year dates ("the Beijing 2022 organizing committee").
    fn year_in_name(&self, text: &str, r: Range<usize>, technical: bool) -> bool {
        let word = &text[r.clone()];
        let year = word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit());
        if !year && !is_year_range(word) {
            return false;
        }
        let l = &self.data.lexicons;
        let rest = text[r.end..].trim_start_matches([' ', '\u{a0}']);
        let next = &rest[..rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len())];
        if l.edition_words.iter().any(|w| w.eq_ignore_ascii_case(next)) {
            return true;
        }
        if !technical {
            return false;
        }
        let before = text[..r.start].trim_end_matches([' ', '\u{a0}']);
        if before.len() == r.start {
            return false;
        }
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(before.len(), |(k, _)| k);
        let prev = &before[start..];
        let ahead = before[..start].trim_end();
        let opens_sentence = ahead.is_empty();
        // "World Chess Championship 2021": a name of several capitalised
        // words with a year is an event, which the year dates.
        let event_name = ahead.rsplit(|c: char| !c.is_alphabetic()).next().is_some_and(|w| {
            w.starts_with(char::is_uppercase) && !l.function_words.iter().any(|f| f.eq_ignore_ascii_case(w))
        });
        let named = prev.chars().count() >= 2
            && prev.starts_with(char::is_uppercase)
            && prev.chars().skip(1).any(char::is_lowercase);
        named
            && !opens_sentence
            && !event_name
            && !l.months.iter().any(|m| m == prev)
            && !l.year_times.iter().any(|t| t.eq_ignore_ascii_case(prev))
            && !l.function_words.iter().any(|f| f.eq_ignore_ascii_case(prev))
    }

    fn entities(&self, text: &str, tokens: &[Token], reasons: &mut Vec<Reason>, base: usize) {
        // Names already counted (a set: a sentence may hold thousands).
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            let word = &text[t.range.clone()];
            let head = word.split(['-', '‑']).next().unwrap_or(word);
            let bare = without_possessives(head);
            // One letter is a variable or an initial ("N", "L"), not a name.
            let letters = bare.chars().filter(|c| c.is_alphabetic()).count();
            if !is_capitalised(head) || self.not_entities.contains(bare) || t.number || letters < 2 {
                i += 1;
                continue;
            }
            // A run of capitalised tokens is one name ("Pennsylvania National Guard").
            let mut j = i + 1;
            while j < tokens.len()
                && !tokens[j - 1].ends_clause
                && !text[tokens[j - 1].range.end..tokens[j].range.start].contains(['(', ')'])
                && is_capitalised(&text[tokens[j].range.clone()])
                && !tokens[j].number
            {
                j += 1;
            }
            let acronym = is_acronym(head);
            let name_end = if acronym && head.len() < word.len() {
                t.range.start + head.len()
            } else {
                tokens[j - 1].range.end
            };
            let possessive = word.ends_with("'s") || word.ends_with("’s");
            let counts = !t.starts_clause || acronym || j > i + 1 || possessive;
            if counts {
                let name = &text[t.range.start..name_end];
                let name = without_possessives(name);
                if seen.insert(name) {
                    reasons.push(Reason {
                        feature: Feature::Entity,
                        span: base + t.range.start..base + t.range.start + name.len(),
                        weight: 0,
                    });
                }
            }
            i = j;
        }
    }

    /// The figures of a sentence, as the quantity reader read them, and its
    /// dates. A figure is a number that counts or measures something named
    /// ("600 U.S. troops", "31 percent", "$4.2 million", "about 600" after
    /// its noun); a vague amount ("several hundred troops") is weaker
    /// evidence. A spelled-out count does not count where it describes a
    /// design or a list (writing about code, "has two fields:", "the two
    /// fields"). A bare year or a day next to a month is a date.
    fn quantities(&self, text: &str, tokens: &[Token], sentence: &SentenceInput<'_>, reasons: &mut Vec<Reason>) {
        let SentenceInput {
            base,
            figures,
            months,
            technical,
        } = *sentence;
        let mut have: Vec<Feature> = Vec::new();
        for r in reasons.iter() {
            if !have.contains(&r.feature) {
                have.push(r.feature);
            }
        }
        let add = |reasons: &mut Vec<Reason>, have: &mut Vec<Feature>, f: Feature, span: Range<usize>| {
            if !have.contains(&f) {
                have.push(f);
                reasons.push(Reason {
                    feature: f,
                    span,
                    weight: 0,
                });
            }
        };
        let lead_in = text.trim_end().ends_with(':');
        for m in figures {
            let Some(feature) = figure_feature(m, f64::from(self.data.vague_quantity_min)) else {
                continue;
            };
            let spelled = !m.surface.bytes().any(|b| b.is_ascii_digit());
            let rel = m.span.start.saturating_sub(base);
            // "C++11 versions", "x86": digits glued to a name are part of it.
            let glued = text[..rel.min(text.len())]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '+' | '#' | '_'));
            if glued {
                continue;
            }
            if spelled && (technical || lead_in || self.points_back(text, rel)) {
                continue;
            }
            let span = m.span.start.max(base)..m.span.end.min(base + text.len());
            // A mention reaches past its sentence only by accident; show what
            // lies inside it.
            let Some(phrase) = text.get(span.start - base..span.end.max(span.start) - base) else {
                continue;
            };
            let shown = evidence_end(phrase);
            add(reasons, &mut have, feature, span.start..span.start + shown);
        }
        if let Some(m) = months.first() {
            // The whole date: "February 20, 2025", "20 February 2025", in
            // place of a time phrase's.
            let span = date_around(tokens, m.clone());
            reasons.retain(|r| r.feature != Feature::Date);
            have.retain(|&f| f != Feature::Date);
            add(reasons, &mut have, Feature::Date, base + span.start..base + span.end);
            return;
        }
        // The first digit of each figure, in text order: that number is the
        // figure's value ("2000 troops"), not a year.
        let values: Vec<usize> = figures
            .iter()
            .filter_map(|m| {
                let (start, end) = (
                    m.span.start.max(base) - base,
                    m.span.end.saturating_sub(base).min(text.len()),
                );
                let phrase = text.get(start..end.max(start))?;
                phrase.find(|c: char| c.is_ascii_digit()).map(|d| start + d)
            })
            .collect();
        let counts = |r: &Range<usize>| {
            let i = values.partition_point(|&v| v < r.start);
            values.get(i).is_some_and(|&v| v < r.end)
        };
        for (i, t) in tokens.iter().enumerate().filter(|(_, t)| t.number && !counts(&t.range)) {
            // "RFC 2046", "KFOR 2025": an acronym before a number makes a name.
            let named = i
                .checked_sub(1)
                .is_some_and(|p| !tokens[p].ends_clause && is_acronym(&text[tokens[p].range.clone()]));
            if named {
                continue;
            }
            let word = &text[t.range.clone()];
            let digits = word.bytes().all(|b| b.is_ascii_digit());
            let year = digits && word.len() == 4 && matches!(word.parse::<u32>(), Ok(1900..=2100));
            if year || is_year_range(word) {
                add(
                    reasons,
                    &mut have,
                    Feature::Date,
                    base + t.range.start..base + t.range.end,
                );
                return;
            }
        }
    }
}

/// What a mention of the quantity reader is evidence of, if anything:
/// - a figure when it has a unit (money, percent, a measurement), when it
///   is in the millions, when it is approximate and the reader knows what
///   it counts ("is about 600" after its noun), or when a plural names the
///   things it counts, in its own phrase ("600 U.S. troops", "12 children")
///   or as the subject it is predicated of ("troops now number 600").
///   Not figures: a bare number whose noun the reader took from elsewhere
///   ("5.", "4+"), a name or modifier ("4 set", "tier 1 targets"), a
///   decimal count ("1.0 release", "grade 5.12"), a duration that describes
///   a noun ("a 10-week course") and a count of the writer's own points
///   ("two things");
/// - a vague amount that names what it counts: from `vague_min` up an
///   amount ("dozens of nations"), below it a few ("several states");
///   "thousands" alone is neither.
fn figure_feature(m: &Mention, vague_min: f64) -> Option<Feature> {
    let g = &crate::quantity::grammar::GRAMMAR;
    let words = |text: &str| {
        text.split(|c: char| c.is_whitespace() || matches!(c, '-' | '‑' | '/'))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .collect::<Vec<_>>()
    };
    let own = words(&m.surface);
    let counted = |w: &String| g.is_plural(w) && !g.verbs.contains(w) && !g.enumerating.contains(w);
    if m.form == Form::Vague {
        let named = m.frame.head.is_some() && own.iter().skip(1).any(counted);
        let feature = if m.value.lo >= vague_min {
            Feature::VagueQuantity
        } else {
            Feature::FewQuantity
        };
        return named.then_some(feature);
    }
    let number = m.surface.split_whitespace().next().unwrap_or("");
    let compound = number.contains(['-', '‑']) && number.ends_with(char::is_alphabetic);
    if &*m.dimension == "duration" && compound && m.surface.split_whitespace().count() > 1 {
        return None;
    }
    if &*m.dimension != "count" || m.value.lo >= 1e6 {
        return Some(Feature::Quantity);
    }
    m.frame.head.as_ref()?;
    // "0 or more repetitions", "0+": no amount at all.
    if m.value.lo <= 0.0 && m.form == Form::Bound {
        return None;
    }
    if m.form == Form::Approx {
        return Some(Feature::Quantity);
    }
    if number.contains('.') || (m.value.lo <= 1.0 && m.value.hi <= 1.0) {
        return None;
    }
    if own.iter().any(|w| g.enumerating.contains(w)) {
        return None;
    }
    // "U.S. troops in Kosovo now number 600": the plural subject the
    // reader predicated the number of.
    let subject = m.form != Form::Bound && words(&m.frame.label).last().is_some_and(counted);
    (own.iter().skip(1).any(counted) || subject).then_some(Feature::Quantity)
}

/// Where a figure's evidence ends: after its last counted plural ("About
/// 600 U.S. troops", not "… troops serve"), or the whole phrase.
fn evidence_end(phrase: &str) -> usize {
    let g = &crate::quantity::grammar::GRAMMAR;
    let mut end = phrase.len();
    let mut seen = false;
    let words = phrase.split_whitespace().map(|w| {
        let at = w.as_ptr() as usize - phrase.as_ptr() as usize;
        let trimmed = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        (at, trimmed)
    });
    // The first word is the number or the vague word ("thousands of …").
    for (at, w) in words.skip(1) {
        let lower = w.to_lowercase();
        if g.is_plural(&lower) && !g.verbs.contains(&lower) {
            end = at + w.len();
            seen = true;
        } else if seen {
            break;
        }
    }
    end
}

/// Words that report what someone said, when written as a reported
/// statement: after "has", "have" or "had", or before "that".
const REPORTING: &[&str] = &[
    "said",
    "told",
    "stated",
    "announced",
    "warned",
    "confirmed",
    "insisted",
    "acknowledged",
    "admitted",
];

/// Whether the attribution at `span` reports a statement ("has said",
/// "said that"), so that what follows it is the source's words.
fn reports_speech(text: &str, span: Range<usize>) -> bool {
    let word = &text[span.clone()];
    if !REPORTING.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        return false;
    }
    let before = previous_word(text, span.start).to_ascii_lowercase();
    let after = text[span.end..].split_whitespace().next().unwrap_or("");
    matches!(before.as_str(), "has" | "have" | "had") || after.eq_ignore_ascii_case("that")
}

/// "The office said on March 17 that it would appeal": a dated, attributed
/// statement is checkable whatever it reports.
fn dated_attribution(reasons: &[Reason]) -> bool {
    [Feature::Date, Feature::Attribution]
        .iter()
        .all(|f| reasons.iter().any(|r| r.feature == *f))
}

/// Evidence that makes a sentence checkable on its own (see `needed_score`).
fn is_anchor(f: Feature) -> bool {
    matches!(
        f,
        Feature::Quantity
            | Feature::VagueQuantity
            | Feature::Date
            | Feature::Superlative
            | Feature::Attribution
            | Feature::Quotation
    )
}

fn lower_set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| w.trim().to_lowercase()).collect()
}

/// The word before byte `start` (the whole compound when `start` is inside
/// one, as in "second-largest"), without surrounding punctuation.
fn previous_word(text: &str, start: usize) -> &str {
    let before = text[..start].trim_end_matches(|c: char| !c.is_whitespace());
    let word = before.trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
    word.trim_start_matches(['(', '[', '"', '“', '‘', '*', '_'])
}

/// Whether the word at `start` follows an article or a possessive ("the
/// cost", "an end", "its hold"): a noun, not the verb it is spelled like.
fn after_determiner(text: &str, start: usize) -> bool {
    const DETERMINERS: [&str; 10] = ["the", "a", "an", "its", "their", "his", "her", "our", "your", "my"];
    let prev = previous_word(text, start);
    DETERMINERS.iter().any(|d| prev.eq_ignore_ascii_case(d))
}

/// Figure captions ("Figure 2: …", "Table 3. …") and formulas
/// ("budget = $1,200,000 * 12 / 4") describe the page, not the world.
fn not_a_statement(text: &str) -> bool {
    static CAPTION: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?i)^[\W_]*(figure|fig\.|table|chart|graph|image|photo|map|exhibit)\s*\d+[a-z]?\s*[:.–—|-]")
            .expect("caption regex")
    });
    let t = text.trim();
    let formula = t.contains('=') && t.contains(['*', '/', '×', '÷', '+']) && {
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        letters * 2 < t.chars().filter(|c| !c.is_whitespace()).count()
    };
    // `[Multiple levels of resolution …]` after an image: a bracketed caption.
    let bracketed = t.starts_with('[') && t.trim_end_matches(['.', ' ']).ends_with(']') && !t[1..].contains('[');
    formula || bracketed || (names_a_figure(t) && CAPTION.is_match(t))
}

/// Whether `t` opens, after any non-word characters, with a word `CAPTION`
/// names (none of their letters has a case variant beyond ASCII): a
/// sentence that does not is never a caption, and the pattern is only
/// built for one that may be.
fn names_a_figure(t: &str) -> bool {
    let rest = t.trim_start_matches(|c: char| c == '_' || !crate::pattern::is_word(c));
    [
        "figure", "fig.", "table", "chart", "graph", "image", "photo", "map", "exhibit",
    ]
    .iter()
    .any(|w| rest.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w)))
}

/// A month name widened over the day and year written next to it.
fn date_around(tokens: &[Token], month: Range<usize>) -> Range<usize> {
    let close = |a: usize, b: usize| b >= a && b - a <= 2;
    let mut span = month.clone();
    for t in tokens.iter().filter(|t| t.range.start >= month.end).take(2) {
        if !(t.number && close(span.end, t.range.start)) {
            break;
        }
        span.end = t.range.end;
    }
    if let Some(t) = tokens.iter().rev().find(|t| t.range.end <= month.start) {
        if t.number && close(t.range.end, month.start) {
            span.start = t.range.start;
        }
    }
    span
}

/// A whitespace-separated word with surrounding punctuation trimmed.
#[derive(Debug, Clone)]
struct Token {
    range: Range<usize>,
    /// Starts the sentence or follows a colon, dash or opening quote.
    starts_clause: bool,
    /// Followed by `,`, `;`, `:`, `—` or a closing bracket.
    ends_clause: bool,
    /// Digits (with separators, currency, `%`, `~`, `+`).
    number: bool,
}

/// What the date and figure rules read of one sentence besides its text.
#[derive(Clone, Copy)]
struct SentenceInput<'a> {
    /// Where the sentence starts in the document.
    base: usize,
    /// The quantity reader's mentions in the sentence.
    figures: &'a [Mention],
    /// Month names, relative to the sentence.
    months: &'a [Range<usize>],
    technical: bool,
}

/// Buffers reused from one sentence to the next.
#[derive(Debug, Default)]
pub struct Scratch {
    months: Vec<Range<usize>>,
    speech: Vec<Range<usize>>,
    /// A design modal in a sentence of writing about code.
    design_modal: bool,
    tokens: Vec<Token>,
    words: Vec<(usize, usize, bool)>,
}

/// A pattern of the data file as compiled: case-insensitive, `\b` ASCII.
fn case_insensitive(p: &str) -> String {
    format!("(?i){}", crate::data::ascii_word_boundaries(p))
}

fn tokenize(text: &str, words: &mut Vec<(usize, usize, bool)>, out: &mut Vec<Token>) {
    out.clear();
    split_words(text, words);
    let mut next_starts = true;
    for &(start, end, dash_before) in words.iter() {
        let word = &text[start..end];
        if dash_before {
            next_starts = true;
            if let Some(last) = out.last_mut() {
                last.ends_clause = true;
            }
        }
        let lead = word.len()
            - word
                .trim_start_matches(['(', '[', '"', '“', '‘', '\'', '~', '≈', '*', '_', '–'])
                .len();
        let core = &word[lead..];
        let trail_trimmed =
            core.trim_end_matches([',', ';', ':', ')', ']', '"', '”', '’', '\'', '!', '?', '*', '_', '–']);
        let mut end = trail_trimmed.len();
        // A final period ends the token unless it is part of an abbreviation ("U.S.").
        let mut c = &core[..end];
        if c.ends_with('.') && !c[..c.len() - 1].contains('.') {
            c = &c[..c.len() - 1];
            end = c.len();
        }
        let trail = &core[end..];
        if c.is_empty() {
            if word.contains([':', '–']) {
                next_starts = true;
                if let Some(last) = out.last_mut() {
                    last.ends_clause = true;
                }
            }
            continue;
        }
        let s = start + lead;
        let number = {
            let t = c.trim_start_matches(['$', '€', '£', '¥', '~']);
            t.bytes().next().is_some_and(|b| b.is_ascii_digit())
        };
        let opens_quote = lead > 0 && word[..lead].contains(['"', '“', '‘']);
        out.push(Token {
            range: s..s + end,
            starts_clause: next_starts || opens_quote,
            ends_clause: trail.contains([',', ';', ':', ')', ']']),
            number,
        });
        next_starts = trail.contains(':');
    }
}

/// Words split on whitespace and on em dashes (which join clauses, never
/// words); the flag says an em dash came right before the word.
fn split_words(text: &str, out: &mut Vec<(usize, usize, bool)>) {
    out.clear();
    let mut start: Option<usize> = None;
    let mut dash = false;
    for (i, c) in text.char_indices() {
        let sep = c.is_whitespace() || c == '—';
        if sep {
            if let Some(s) = start.take() {
                out.push((s, i, dash));
                dash = false;
            }
            dash |= c == '—';
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, text.len(), dash));
    }
}

/// `s.trim_end_matches("'s").trim_end_matches("’s")`, without building a
/// substring searcher for each word.
fn without_possessives(mut s: &str) -> &str {
    while let Some(rest) = s.strip_suffix("'s") {
        s = rest;
    }
    while let Some(rest) = s.strip_suffix("’s") {
        s = rest;
    }
    s
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// NATO, KFOR, U.S., UNSCR: two or more capitals (dots allowed), no lower case.
fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
}

/// "1998–1999", "2024-25".
fn is_year_range(w: &str) -> bool {
    let mut parts = w.split(['-', '–', '—', '/']);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), None) => {
            a.len() == 4
                && matches!(a.parse::<u32>(), Ok(1900..=2100))
                && (b.len() == 2 || b.len() == 4)
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let inner = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !inner(before) && !inner(after)
}

/// The first direct quotation of at least three words: “…” or "…".
fn quotation(text: &str) -> Option<Range<usize>> {
    for (open, close) in [('“', '”'), ('"', '"')] {
        let mut from = 0;
        while let Some(o) = text[from..].find(open) {
            let s = from + o + open.len_utf8();
            let Some(c) = text[s..].find(close) else { break };
            let inner = &text[s..s + c];
            if inner.split_whitespace().count() >= 3 {
                return Some(s - open.len_utf8()..s + c + close.len_utf8());
            }
            from = s + c + close.len_utf8();
        }
    }
    None
}

/// Classifies every sentence of a document, given its quantity mentions (in
/// text order, as `quantity::extract_document` gives them).
pub fn assess_all(claims: &Claims, doc: &Document, mentions: &[Mention]) -> Vec<Assessment> {
    let mut scratch = Scratch::default();
    doc.sentences
        .iter()
        .enumerate()
        .map(|(i, s)| claims.assess_with(doc, s, sentence_mentions(mentions, i), &mut scratch))
        .collect()
}

/// The mentions of sentence `index`, out of a document's mentions in text
/// order.
pub fn sentence_mentions(mentions: &[Mention], index: usize) -> &[Mention] {
    let start = mentions.partition_point(|m| m.sentence < index);
    let end = start + mentions[start..].partition_point(|m| m.sentence == index);
    &mentions[start..end]
}

/// Whether a later sentence of the same block carries a marker.
pub fn covered_in_paragraph(doc: &Document, index: usize) -> bool {
    let block = doc.sentences[index].block;
    doc.sentences[index + 1..]
        .iter()
        .take_while(|s| s.block == block)
        .any(|s| s.is_cited() && s.unit == Unit::Body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse, Format, ParseOptions};

    #[test]
    fn possessives_are_trimmed_like_trim_end_matches() {
        for w in [
            "Kosovo's",
            "NATO’s",
            "x's's",
            "s’s's’s",
            "'s",
            "Ross",
            "it’s's",
            "James",
        ] {
            assert_eq!(
                without_possessives(w),
                w.trim_end_matches("'s").trim_end_matches("’s"),
                "{w}"
            );
        }
    }

    fn classify(text: &str) -> (Class, i32, Vec<String>) {
        let full = format!("Intro line here is a sentence.\n\n{text}\n");
        let doc = parse("t.md", full.as_bytes(), Format::Markdown, None, ParseOptions::default());
        assert_eq!(doc.sentences.len(), 2, "{text:?} splits into one sentence");
        let mentions = crate::quantity::extract_document(&doc, &crate::quantity::NUMBERS);
        let a = CLAIMS.assess(&doc, &doc.sentences[1], sentence_mentions(&mentions, 1));
        let reasons = a
            .reasons
            .iter()
            .map(|r| format!("{} {:?}", r.feature.as_str(), &doc.file.text[r.span.clone()]))
            .collect();
        (a.class, a.score, reasons)
    }

    #[test]
    fn data_examples() {
        for ex in &CLAIMS.data.examples {
            let (class, score, reasons) = classify(&ex.text);
            assert_eq!(class.as_str(), ex.expect, "{:?}: score {score}, {reasons:?}", ex.text);
        }
    }

    #[test]
    fn reasons_name_the_evidence() {
        let (class, score, reasons) = classify("About 600 U.S. troops serve in Kosovo, officials said.");
        assert_eq!(class, Class::Statistic);
        assert!(
            reasons.contains(&"quantity \"About 600 U.S. troops\"".to_string()),
            "{reasons:?}"
        );
        assert!(reasons.contains(&"attribution \"said\"".to_string()), "{reasons:?}");
        assert!(reasons.contains(&"entity \"U.S.\"".to_string()), "{reasons:?}");
        assert!(score >= 5, "{score}");
    }

    #[test]
    fn designators_years_and_markers_are_not_quantities() {
        for text in [
            "Task Force 2 joined KFOR 34 in 2025.",
            "Resolution 1244 was adopted in June 1999.",
            "Section 3 explains the 1998–1999 war.",
        ] {
            let (_, _, reasons) = classify(text);
            assert!(
                !reasons.iter().any(|r| r.starts_with("quantity")),
                "{text}: {reasons:?}"
            );
        }
        let (_, _, reasons) = classify("Troops were there [12] in 2025.");
        assert!(!reasons.iter().any(|r| r.contains("12")), "{reasons:?}");
    }

    #[test]
    fn case_sensitive_entries() {
        let (_, _, r) = classify("In May 2025 the US army arrived in Kosovo.");
        assert!(!r.iter().any(|r| r.starts_with("modal")), "{r:?}");
        assert!(!r.iter().any(|r| r.starts_with("first/second")), "{r:?}");
        let (_, _, r) = classify("It may help us in Kosovo.");
        assert!(r.iter().any(|r| r.starts_with("modal")), "{r:?}");
        assert!(r.iter().any(|r| r.starts_with("first/second")), "{r:?}");
    }

    /// The same sentence in a draft with and without a code block.
    fn reasons_in(draft: &str) -> Vec<String> {
        let doc = parse(
            "t.md",
            draft.as_bytes(),
            Format::Markdown,
            None,
            ParseOptions::default(),
        );
        let i = doc
            .sentences
            .iter()
            .position(|s| doc.file.text[s.span.clone()].starts_with("Crews"))
            .expect("the sentence is found");
        let mentions = crate::quantity::extract_document(&doc, &crate::quantity::NUMBERS);
        let a = CLAIMS.assess(&doc, &doc.sentences[i], sentence_mentions(&mentions, i));
        a.reasons
            .iter()
            .map(|r| format!("{} {:?}", r.feature.as_str(), &doc.file.text[r.span.clone()]))
            .collect()
    }

    #[test]
    fn writing_about_code_counts_no_spelled_out_parts() {
        let sentence = "Crews wrote the first report about two bridges.\n";
        let prose = reasons_in(&format!("# Title\n\nIntro.\n\n{sentence}"));
        assert!(prose.iter().any(|r| r.starts_with("quantity")), "{prose:?}");
        assert!(prose.iter().any(|r| r.starts_with("superlative")), "{prose:?}");
        let code = reasons_in(&format!("# Title\n\n```\nx = 1\n```\n\n{sentence}"));
        assert!(!code.iter().any(|r| r.starts_with("quantity")), "{code:?}");
        assert!(!code.iter().any(|r| r.starts_with("superlative")), "{code:?}");
        // Inline code in three places makes a draft technical too; in two it does not.
        let spans = |n: usize| format!("# Title\n\n{}\n\n{sentence}", "Use `x`. ".repeat(n));
        assert!(reasons_in(&spans(2)).iter().any(|r| r.starts_with("quantity")));
        assert!(!reasons_in(&spans(3)).iter().any(|r| r.starts_with("quantity")));
    }

    #[test]
    fn anchorless_sentences_need_the_higher_threshold() {
        // Two names and an event verb: 3, below threshold-without-anchor.
        let (class, score, _) = classify("The Northfield lab operates a GitHub mirror.");
        assert_eq!((class, score), (Class::NotClaim, 3));
        // The same with a date anchors it.
        let (class, _, _) = classify("The Northfield lab operated a GitHub mirror in March 2024.");
        assert_eq!(class, Class::Claim);
    }

    #[test]
    fn entity_cap_limits_the_score() {
        let (_, score, reasons) = classify("NATO, KFOR, Serbia, Kosovo and Albania.");
        assert_eq!(reasons.iter().filter(|r| r.starts_with("entity")).count(), 5);
        assert_eq!(score, 2);
    }
}
