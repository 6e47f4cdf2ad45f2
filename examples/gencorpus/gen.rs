//! Deterministic synthetic fact-check drafts for benchmarks and tests.
//!
//! Shared by `examples/gencorpus/main.rs` (the CLI), `tests/gencorpus.rs` and
//! `benches/stages.rs` through `#[path]`, so it depends on nothing but std.
//! Every draft is a pure function of `(seed, index, options)`: each index gets
//! its own SplitMix64 stream, so files can be written by several threads and
//! still come out byte-identical.
//!
//! All figures, names of publications and URLs in the output are invented
//! (URLs live under example.org/.com/.net); the prose templates are written
//! for this generator.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// Bumped whenever the output for a given seed changes (bench.sh reuses a
/// corpus only when its stamp matches).
pub const GENERATOR_VERSION: u32 = 1;

// ---------------------------------------------------------------- PRNG

/// SplitMix64: tiny, fast and good enough for picking templates.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The stream for draft `index` of a corpus seeded with `seed`.
    pub fn for_draft(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ index.wrapping_mul(0xA076_1D64_78BD_642F));
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------- options

#[derive(Clone, Debug)]
pub struct Options {
    pub files: usize,
    pub seed: u64,
    /// Share of drafts that carry exactly one defect (0..=1).
    pub defect_rate: f64,
    /// Share of drafts written as Markdown (the rest are plain text).
    pub md_share: f64,
    /// Drafts per leaf directory.
    pub per_dir: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            files: 1000,
            seed: 1,
            defect_rate: 0.3,
            md_share: 0.55,
            per_dir: 100,
        }
    }
}

impl Options {
    /// One line that identifies the output (written to `.gencorpus`).
    pub fn stamp(&self) -> String {
        format!(
            "gencorpus v{} files={} seed={} defect-rate={} md-share={} per-dir={}\n",
            GENERATOR_VERSION, self.files, self.seed, self.defect_rate, self.md_share, self.per_dir
        )
    }
}

// ---------------------------------------------------------------- drafts

/// How a draft lists its sources (every form the README documents).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceFormat {
    /// Markdown `## Sources` with `1. …` entries.
    MdList,
    /// Markdown `[1]: url "title"` link reference definitions.
    MdRefDefs,
    /// Markdown footnotes: `[^1]` markers, `[^1]: …` definitions.
    MdFootnotes,
    /// YAML front matter `sources:` (tables and bare URL strings).
    MdYaml,
    /// TOML front matter `+++` with `[[sources]]`.
    MdToml,
    /// Plain text: a `Sources` line, then `[1] …` or `1. …` entries.
    TxtList,
    /// Plain text: `[1] …` lines at the very end, no heading.
    TxtTrailing,
    /// Plain text with a `<stem>.sources.toml` sidecar.
    TxtSidecar,
}

impl SourceFormat {
    pub const ALL: [SourceFormat; 8] = [
        SourceFormat::MdList,
        SourceFormat::MdRefDefs,
        SourceFormat::MdFootnotes,
        SourceFormat::MdYaml,
        SourceFormat::MdToml,
        SourceFormat::TxtList,
        SourceFormat::TxtTrailing,
        SourceFormat::TxtSidecar,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::MdList => "md-list",
            SourceFormat::MdRefDefs => "md-refdefs",
            SourceFormat::MdFootnotes => "md-footnotes",
            SourceFormat::MdYaml => "md-yaml",
            SourceFormat::MdToml => "md-toml",
            SourceFormat::TxtList => "txt-list",
            SourceFormat::TxtTrailing => "txt-trailing",
            SourceFormat::TxtSidecar => "txt-sidecar",
        }
    }

    pub fn is_markdown(self) -> bool {
        matches!(
            self,
            SourceFormat::MdList
                | SourceFormat::MdRefDefs
                | SourceFormat::MdFootnotes
                | SourceFormat::MdYaml
                | SourceFormat::MdToml
        )
    }
}

/// The defects a draft may carry, one at most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Defect {
    UndefinedMarker,
    UnusedSource,
    DuplicateSourceId,
    MalformedMarker,
    UncitedClaim,
    ConflictingNumber,
}

impl Defect {
    pub const ALL: [Defect; 6] = [
        Defect::UndefinedMarker,
        Defect::UnusedSource,
        Defect::DuplicateSourceId,
        Defect::MalformedMarker,
        Defect::UncitedClaim,
        Defect::ConflictingNumber,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Defect::UndefinedMarker => "undefined-marker",
            Defect::UnusedSource => "unused-source",
            Defect::DuplicateSourceId => "duplicate-source-id",
            Defect::MalformedMarker => "malformed-marker",
            Defect::UncitedClaim => "uncited-claim",
            Defect::ConflictingNumber => "conflicting-number",
        }
    }

    /// The rule codes that report this defect.
    pub fn codes(self) -> &'static [&'static str] {
        match self {
            Defect::UndefinedMarker => &["CIT001"],
            Defect::UnusedSource => &["CIT002"],
            Defect::DuplicateSourceId => &["CIT003"],
            Defect::MalformedMarker => &["CIT006"],
            Defect::UncitedClaim => &["CLM001", "CLM003"],
            Defect::ConflictingNumber => &["NUM001", "NUM002"],
        }
    }
}

pub struct Draft {
    /// Path relative to the corpus root, `/`-separated.
    pub path: String,
    pub text: String,
    /// `(relative path, text)` of the sidecar sources file, if any.
    pub sidecar: Option<(String, String)>,
    pub format: SourceFormat,
    pub defect: Option<Defect>,
    /// Index into `TOPICS` of the figure the draft states.
    pub topic: usize,
}

// ---------------------------------------------------------------- vocabulary

/// A figure several drafts state: `value` of `measure` owned by `owner` in `place`.
pub struct Topic {
    owner: &'static str,
    place: &'static str,
    value: u32,
    /// Rates are in percent; counts use the personnel nouns.
    percent: bool,
}

pub const TOPICS: &[Topic] = &[
    Topic {
        owner: "U.S.",
        place: "Kosovo",
        value: 600,
        percent: false,
    },
    Topic {
        owner: "Italian",
        place: "Kosovo",
        value: 850,
        percent: false,
    },
    Topic {
        owner: "Turkish",
        place: "Kosovo",
        value: 350,
        percent: false,
    },
    Topic {
        owner: "Austrian",
        place: "Bosnia",
        value: 250,
        percent: false,
    },
    Topic {
        owner: "Polish",
        place: "Romania",
        value: 1200,
        percent: false,
    },
    Topic {
        owner: "British",
        place: "Poland",
        value: 150,
        percent: false,
    },
    Topic {
        owner: "Canadian",
        place: "Greece",
        value: 400,
        percent: false,
    },
    Topic {
        owner: "French",
        place: "Romania",
        value: 700,
        percent: false,
    },
    Topic {
        owner: "German",
        place: "Lithuania",
        value: 4500,
        percent: false,
    },
    Topic {
        owner: "Hungarian",
        place: "Kosovo",
        value: 450,
        percent: false,
    },
    Topic {
        owner: "",
        place: "Kosovo",
        value: 21,
        percent: true,
    },
    Topic {
        owner: "",
        place: "Croatia",
        value: 6,
        percent: true,
    },
];

const PERSONNEL: &[&str] = &["troops", "soldiers", "personnel", "service members", "peacekeepers"];
const HEDGES: &[&str] = &[
    "",
    "",
    "about ",
    "roughly ",
    "around ",
    "an estimated ",
    "approximately ",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ORGS: &[&str] = &[
    "NATO",
    "the alliance",
    "the European Union",
    "the United Nations",
    "the defence ministry",
];
const PUBLISHERS: &[&str] = &[
    "Ministry of Defence press office",
    "Alliance public affairs office",
    "Regional command headquarters",
    "National statistics office",
    "Embassy press section",
    "The Morning Ledger (example)",
    "Northern Courier (example)",
    "Balkan Affairs Review (example)",
    "Parliamentary defence committee",
    "Independent monitoring group",
    "Wire service bulletin (example)",
    "Public broadcaster newsroom",
];
const DOC_KINDS: &[&str] = &[
    "Annual force posture report",
    "Press briefing transcript",
    "Contributing nations fact sheet",
    "Deployment rotation announcement",
    "Labour market survey",
    "Committee hearing record",
    "Exercise summary",
    "Quarterly mission update",
    "Interview with the commander",
    "Budget and personnel tables",
];
const DOMAINS: &[&str] = &["example.org", "example.com", "example.net"];

const QUESTIONS: &[&str] = &[
    "How many {O} troops are in {P}?",
    "Is the {O} presence in {P} growing?",
    "Did {O} forces leave {P} this year?",
    "What do {O} soldiers do in {P}?",
    "Are there really thousands of {O} troops in {P}?",
];
const RATE_QUESTIONS: &[&str] = &[
    "Is unemployment in {P} really falling?",
    "What is the jobless rate in {P}?",
    "Did unemployment in {P} double?",
];

const HEADINGS: &[&str] = &[
    "What the claim says",
    "What the records show",
    "Where the larger figure came from",
    "How the mission is organised",
    "Training and exercises",
    "The political background",
    "What officials said",
    "Why the numbers differ",
    "Context from earlier years",
    "Bottom line",
];

/// Cited factual sentences (no figure that the numbers pass compares).
const CLAIMS: &[&str] = &[
    "{ORG} confirmed in {M} {Y} that the rotation schedule for {P} had not changed",
    "Officials in {P} described the exercise as routine and said it ended on schedule",
    "The {O} defence ministry announced the new deployment plan in {M} {Y}",
    "Records published by {ORG} show that command of the sector changed hands in {M} {Y}",
    "A spokesperson for the {O} contingent told reporters that patrols were conducted jointly with local police",
    "{ORG} has maintained a presence in {P} since the late 1990s",
    "The mission's mandate was extended after a vote in {M} {Y}",
    "Local broadcasters reported that the convoy arrived in {P} two days later than planned",
    "According to {ORG}, the headquarters moved to a new site outside the capital in {M} {Y}",
    "Lawmakers in {P} approved the status agreement after a short debate",
    "The ministry's annual report lists training, logistics and medical support as the main tasks of the unit",
    "Satellite images reviewed by independent analysts showed new barracks at the base by {M} {Y}",
    "The {O} government said it had no plans to withdraw its contingent from {P}",
    "Two senior officers visited the regional headquarters in {M} {Y} to review readiness",
    "The original post was shared widely on social media in {M} {Y}",
    "The post attributed its figure to a press briefing that did not take place",
    "Engineers from the {O} contingent repaired a bridge near the northern border in {M} {Y}",
    "The exercise included medical evacuation drills and a night-time river crossing",
    "{ORG} rotated the battalion on schedule, according to the published order",
    "The embassy described the partnership as a long-term commitment to regional stability",
];

/// Uncited sentences that state no checkable fact (the claim detector must
/// leave them alone).
const ANALYSIS: &[&str] = &[
    "This is where the viral version of the story goes wrong.",
    "The distinction matters for how the claim should be rated.",
    "In short, the evidence points in one direction.",
    "That context is missing from the post.",
    "Readers should keep the two figures apart.",
    "It is easy to see how the confusion arose.",
    "We could not find anything that supports the larger figure.",
    "None of this settles the wider policy debate.",
    "This means the post overstates the picture considerably.",
    "The difference is not a matter of rounding.",
];

/// Sentences stating a topic's figure: `{N}` is the hedged value, `{U}` the
/// personnel noun.
const FIGURES: &[&str] = &[
    "{N} {O} {U} serve in {P} at present",
    "The {O} contingent in {P} numbers {N} {U}, the ministry said",
    "There are {N} {O} {U} stationed in {P}, according to the latest fact sheet",
    "{P} hosts {N} {O} {U} under the current rotation",
    "Officials put the {O} deployment in {P} at {N} {U}",
];
const RATE_FIGURES: &[&str] = &[
    "Unemployment in {P} stood at {N} percent, the statistics office reported",
    "The jobless rate in {P} was {N} percent in the latest survey",
    "The labour survey put unemployment in {P} at {N} percent",
];

/// Uncited checkable claims (the uncited-claim defect).
const UNCITED: &[&str] = &[
    "The {O} defence minister visited Camp Bondsteel in {M} {Y} and announced a new training programme.",
    "NATO suspended the joint planning talks with Serbia in {M} {Y}.",
    "The European Union launched a border monitoring mission in {P} in {M} {Y}.",
    "Parliament in {P} approved the new defence budget in {M} {Y} after a week of debate.",
];

const MALFORMED: &[&str] = &["[{a},]", "[{a},,{b}]", "[{b}-{a}]", "[{a} {b}]", "[]"];

// ---------------------------------------------------------------- building

struct Source {
    id: usize,
    publisher: &'static str,
    title: String,
    url: String,
    date: String,
}

/// One sentence of body text before rendering.
struct Sent {
    text: String,
    /// Source ids cited at the end (sorted, distinct); empty: uncited.
    cites: Vec<usize>,
    /// Extra text after the marker run, before the final period (malformed marker).
    extra: Option<String>,
}

struct Section {
    heading: &'static str,
    paragraphs: Vec<Vec<Sent>>,
}

/// (section, paragraph, sentence) of every sentence that cites something.
fn cited_positions(sections: &[Section]) -> Vec<(usize, usize, usize)> {
    sections
        .iter()
        .enumerate()
        .flat_map(|(a, s)| {
            s.paragraphs.iter().enumerate().flat_map(move |(b, p)| {
                p.iter()
                    .enumerate()
                    .filter(|(_, s)| !s.cites.is_empty())
                    .map(move |(c, _)| (a, b, c))
            })
        })
        .collect()
}

fn fill(tpl: &str, slots: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(tpl.len() + 32);
    let mut rest = tpl;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("closed slot");
        let key = &rest[open + 1..close];
        let val = slots
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("no value for slot {key}"));
        out.push_str(val);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn thousands(v: u32) -> String {
    if v >= 1000 {
        format!("{},{:03}", v / 1000, v % 1000)
    } else {
        v.to_string()
    }
}

/// Builds draft `index`.
pub fn draft(opts: &Options, index: usize) -> Draft {
    let mut rng = Rng::for_draft(opts.seed, index as u64);
    let markdown = rng.chance(opts.md_share);
    let format = if markdown {
        rng.pick(&SourceFormat::ALL[..5])
    } else {
        rng.pick(&SourceFormat::ALL[5..])
    };
    let mut defect = if rng.chance(opts.defect_rate) {
        Some(rng.pick(&Defect::ALL))
    } else {
        None
    };
    // The trailing `[n]` list must be numbered 1, 2, 3…: a repeated id there
    // is not a sources list at all. Such drafts get an unused source instead.
    if format == SourceFormat::TxtTrailing && defect == Some(Defect::DuplicateSourceId) {
        defect = Some(Defect::UnusedSource);
    }
    let topic_ix = rng.below(TOPICS.len());
    let topic = &TOPICS[topic_ix];
    let month = rng.pick(MONTHS);
    let day = rng.range(1, 28);
    let year = "2025";

    // Sources.
    let n_sources = rng.range(4, 9);
    let slug = format!("d{index:06}");
    let domain = rng.pick(DOMAINS);
    let sources: Vec<Source> = (1..=n_sources)
        .map(|id| {
            let publisher = rng.pick(PUBLISHERS);
            let kind = rng.pick(DOC_KINDS);
            // No source is dated after the draft (SRC009).
            let m = rng.range(1, month_number(month));
            let d = rng.range(1, if m == month_number(month) { day } else { 28 });
            Source {
                id,
                publisher,
                title: format!("{kind}, {}", topic.place),
                url: format!("https://{domain}/{}/{slug}-{id}", publisher_slug(publisher)),
                date: format!("{year}-{m:02}-{d:02}"),
            }
        })
        .collect();

    let owner = if topic.owner.is_empty() { "U.S." } else { topic.owner };
    let org = rng.pick(ORGS);
    let base_slots = |m: &'static str| -> Vec<(&'static str, String)> {
        vec![
            ("O", owner.to_string()),
            ("P", topic.place.to_string()),
            ("M", m.to_string()),
            ("Y", year.to_string()),
            ("ORG", org.to_string()),
        ]
    };

    // The value this draft states for its topic.
    let value = if defect == Some(Defect::ConflictingNumber) {
        if topic.percent {
            topic.value * 2 + 3
        } else {
            topic.value * 3
        }
    } else {
        topic.value
    };

    // Body sections.
    let n_sections = rng.range(4, 8);
    let mut heading_pool: Vec<&'static str> = HEADINGS.to_vec();
    let mut sections = Vec::new();
    let mut figures_left = rng.range(1, 3);
    for s in 0..n_sections {
        let h = heading_pool.remove(rng.below(heading_pool.len()));
        let n_paras = rng.range(1, 2);
        let mut paragraphs = Vec::new();
        for _ in 0..n_paras {
            let n_sents = rng.range(3, 8);
            let mut para = Vec::new();
            for k in 0..n_sents {
                let m = rng.pick(MONTHS);
                let slots = base_slots(m);
                let slot_refs: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
                if figures_left > 0 && (s > 0 || k > 0) && rng.chance(0.3) {
                    figures_left -= 1;
                    para.push(Sent {
                        text: figure_sentence(&mut rng, topic, owner, value, &slot_refs),
                        cites: Vec::new(),
                        extra: None,
                    });
                } else if k > 0 && rng.chance(0.18) {
                    para.push(Sent {
                        text: rng.pick(ANALYSIS).trim_end_matches('.').to_string(),
                        cites: Vec::new(),
                        extra: None,
                    });
                    continue;
                } else {
                    para.push(Sent {
                        text: capitalise(&fill(rng.pick(CLAIMS), &slot_refs)),
                        cites: Vec::new(),
                        extra: None,
                    });
                }
                let cites = pick_cites(&mut rng, n_sources, format == SourceFormat::MdFootnotes);
                para.last_mut().unwrap().cites = cites;
            }
            paragraphs.push(para);
        }
        sections.push(Section { heading: h, paragraphs });
    }
    // Make sure the figure is stated at least once.
    if figures_left > 0
        || !sections
            .iter()
            .flat_map(|s| s.paragraphs.iter().flatten())
            .any(|s| is_figure(&s.text))
    {
        let slots = base_slots(month);
        let slot_refs: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let text = figure_sentence(&mut rng, topic, owner, value, &slot_refs);
        let cites = pick_cites(&mut rng, n_sources, format == SourceFormat::MdFootnotes);
        sections[0].paragraphs[0].push(Sent {
            text,
            cites,
            extra: None,
        });
    }

    // Every source is cited somewhere: give each uncited id to a cited sentence.
    let mut cited = vec![false; n_sources + 1];
    for s in sections.iter().flat_map(|s| s.paragraphs.iter().flatten()) {
        for &c in &s.cites {
            cited[c] = true;
        }
    }
    let uncited: Vec<usize> = (1..=n_sources).filter(|&id| !cited[id]).collect();
    // Giving an id to a cited sentence leaves the set of cited sentences as
    // it is: one list serves these picks and the defects below.
    let cited_positions = cited_positions(&sections);
    for id in uncited {
        let (a, b, c) = rng.pick(&cited_positions);
        let cites = &mut sections[a].paragraphs[b][c].cites;
        if format == SourceFormat::MdFootnotes {
            cites.push(id);
            cites.sort_unstable();
        } else {
            // Keep runs readable: a second marker run is not allowed, so
            // merge the id into this one.
            cites.push(id);
            cites.sort_unstable();
            cites.dedup();
        }
    }

    // Defects that change the body.
    match defect {
        Some(Defect::UndefinedMarker) => {
            let (a, b, c) = rng.pick(&cited_positions);
            let extra = n_sources + rng.range(1, 3);
            let cites = &mut sections[a].paragraphs[b][c].cites;
            cites.push(extra);
        }
        Some(Defect::MalformedMarker) => {
            let (a, b, c) = rng.pick(&cited_positions);
            let x = rng.range(1, n_sources - 1);
            let tpl = if format == SourceFormat::MdFootnotes {
                "[{a},]"
            } else {
                rng.pick(MALFORMED)
            };
            let bad = fill(tpl, &[("a", &x.to_string()), ("b", &(x + 1).to_string())]);
            sections[a].paragraphs[b][c].extra = Some(bad);
        }
        Some(Defect::UncitedClaim) => {
            let slots = base_slots(rng.pick(MONTHS));
            let slot_refs: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let text = capitalise(&fill(rng.pick(UNCITED), &slot_refs));
            let a = rng.below(sections.len());
            let p = &mut sections[a].paragraphs[0];
            let at = rng.range(1, p.len());
            p.insert(
                at,
                Sent {
                    text: text.trim_end_matches('.').to_string(),
                    cites: Vec::new(),
                    extra: None,
                },
            );
        }
        _ => {}
    }

    // Render.
    let title_q = if topic.percent {
        fill(rng.pick(RATE_QUESTIONS), &[("P", topic.place)])
    } else {
        fill(rng.pick(QUESTIONS), &[("O", owner), ("P", topic.place)])
    };
    let title = format!("Fact check: {title_q}");
    let dateline = format!("Checked on {month} {day}, {year}");
    let mut text = String::with_capacity(6 * 1024);
    let mut sidecar = None;
    let unused = defect == Some(Defect::UnusedSource);
    let dup = defect == Some(Defect::DuplicateSourceId);
    let dup_id = rng.range(1, n_sources);

    // Source entries as `(id, one-line text)`, defects applied.
    let mut entries: Vec<(usize, String)> = sources
        .iter()
        .map(|s| (s.id, format!("{}, \"{}\", {}. {}", s.publisher, s.title, s.date, s.url)))
        .collect();
    if unused {
        let id = n_sources + 1;
        entries.push((
            id,
            format!(
                "{}, \"Background note on {}\", {year}-01-15. https://{domain}/background/{slug}-{id}",
                rng.pick(PUBLISHERS),
                topic.place
            ),
        ));
    }
    if dup {
        let at = entries.iter().position(|(id, _)| *id == dup_id).unwrap() + 1;
        entries.insert(
            at,
            (
                dup_id,
                format!("Archived copy of an earlier briefing, {year}-02-02. https://{domain}/archive/{slug}-{dup_id}"),
            ),
        );
    }

    match format {
        SourceFormat::MdYaml => {
            text.push_str("---\n");
            let _ = writeln!(text, "title: \"{title}\"");
            let _ = writeln!(text, "date: {year}-{:02}-{day:02}", month_number(month));
            text.push_str("sources:\n");
            for (i, (id, _)) in entries.iter().enumerate() {
                let (title, url, publisher, date) = entry_parts(&sources, &entries, i);
                if *id == i + 1 && rng.chance(0.25) && !dup && !unused {
                    let _ = writeln!(text, "  - {url}");
                } else {
                    let _ = writeln!(text, "  - id: {id}");
                    let _ = writeln!(text, "    title: \"{title}\"");
                    let _ = writeln!(text, "    url: {url}");
                    if let Some(p) = publisher {
                        let _ = writeln!(text, "    publisher: \"{p}\"");
                    }
                    if let Some(d) = date {
                        let _ = writeln!(text, "    date: {d}");
                    }
                }
            }
            text.push_str("---\n\n");
        }
        SourceFormat::MdToml => {
            text.push_str("+++\n");
            let _ = writeln!(text, "title = \"{title}\"");
            let _ = writeln!(text, "date = {year}-{:02}-{day:02}", month_number(month));
            for i in 0..entries.len() {
                text.push('\n');
                sources_toml_table(&mut text, &sources, &entries, i);
            }
            text.push_str("+++\n\n");
        }
        SourceFormat::TxtSidecar => {
            let mut sc = String::with_capacity(1024);
            let _ = writeln!(sc, "# Sources for {slug}.txt");
            for i in 0..entries.len() {
                if i > 0 {
                    sc.push('\n');
                }
                sources_toml_table(&mut sc, &sources, &entries, i);
            }
            sidecar = Some(sc);
        }
        _ => {}
    }

    let footnotes = format == SourceFormat::MdFootnotes;
    if markdown {
        let _ = writeln!(text, "# {title}\n");
        if rng.chance(0.5) {
            let _ = writeln!(text, "*{dateline}*\n");
        } else {
            let _ = writeln!(text, "{dateline}\n");
        }
        for (i, sec) in sections.iter().enumerate() {
            if i > 0 || rng.chance(0.5) {
                let _ = writeln!(text, "## {}\n", sec.heading);
            }
            for para in &sec.paragraphs {
                render_paragraph(&mut text, para, footnotes, &mut rng);
                text.push_str("\n\n");
            }
        }
    } else {
        let _ = writeln!(text, "{title}");
        let _ = writeln!(text, "{dateline}\n");
        let _ = writeln!(text, "Executive Summary");
        for (i, sec) in sections.iter().enumerate() {
            if i > 0 {
                let _ = writeln!(text, "{i}. {}", sec.heading);
            }
            for para in &sec.paragraphs {
                render_paragraph(&mut text, para, false, &mut rng);
                text.push_str("\n\n");
            }
        }
    }

    match format {
        SourceFormat::MdList => {
            text.push_str("## Sources\n\n");
            for (id, e) in &entries {
                let _ = writeln!(text, "{id}. {e}");
            }
        }
        SourceFormat::MdRefDefs => {
            for (i, (id, _)) in entries.iter().enumerate() {
                let (title, url, _, _) = entry_parts(&sources, &entries, i);
                let _ = writeln!(text, "[{id}]: {url} \"{title}\"");
            }
        }
        SourceFormat::MdFootnotes => {
            for (id, e) in &entries {
                let _ = writeln!(text, "[^{id}]: {e}");
            }
        }
        SourceFormat::TxtList => {
            text.push_str("Sources\n");
            let bracketed = rng.chance(0.5);
            for (id, e) in &entries {
                if bracketed {
                    let _ = writeln!(text, "[{id}] {e}");
                } else {
                    let _ = writeln!(text, "{id}. {e}");
                }
            }
        }
        SourceFormat::TxtTrailing => {
            for (id, e) in &entries {
                let _ = writeln!(text, "[{id}] {e}");
            }
        }
        SourceFormat::MdYaml | SourceFormat::MdToml | SourceFormat::TxtSidecar => {
            // Trim the trailing blank line of the last paragraph.
            while text.ends_with("\n\n") {
                text.pop();
            }
        }
    }

    let ext = if markdown { "md" } else { "txt" };
    let dir = dir_of(index, opts.per_dir);
    let path = format!("{dir}/{slug}.{ext}");
    let sidecar = sidecar.map(|sc| (format!("{dir}/{slug}.sources.toml"), sc));
    Draft {
        path,
        text,
        sidecar,
        format,
        defect,
        topic: topic_ix,
    }
}

fn is_figure(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) && (text.contains("percent") || PERSONNEL.iter().any(|u| text.contains(u)))
}

fn figure_sentence(rng: &mut Rng, topic: &Topic, owner: &str, value: u32, slots: &[(&str, &str)]) -> String {
    let hedge = rng.pick(HEDGES);
    let n = if topic.percent {
        format!("{hedge}{value}")
    } else if (200..=900).contains(&value) && rng.chance(0.1) {
        "several hundred".to_string()
    } else {
        format!("{hedge}{}", thousands(value))
    };
    let mut s: Vec<(&str, &str)> = slots.to_vec();
    s.retain(|(k, _)| *k != "O");
    s.push(("O", owner));
    s.push(("N", &n));
    let unit = rng.pick(PERSONNEL);
    s.push(("U", unit));
    let tpl = if topic.percent {
        rng.pick(RATE_FIGURES)
    } else {
        rng.pick(FIGURES)
    };
    capitalise(&fill(tpl, &s))
}

fn pick_cites(rng: &mut Rng, n: usize, footnotes: bool) -> Vec<usize> {
    let roll = rng.below(10);
    let mut ids = if roll < 5 || n < 3 {
        vec![rng.range(1, n)]
    } else if roll < 8 || footnotes {
        let a = rng.range(1, n);
        let mut b = rng.range(1, n);
        if b == a {
            b = if a == n { 1 } else { a + 1 };
        }
        vec![a, b]
    } else {
        // A contiguous run of three or four: rendered as a range.
        let len = rng.range(3, 4).min(n);
        let a = rng.range(1, n - len + 1);
        (a..a + len).collect()
    };
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn render_run(out: &mut String, ids: &[usize], footnotes: bool, rng: &mut Rng) {
    if footnotes {
        for id in ids {
            let _ = write!(out, "[^{id}]");
        }
        return;
    }
    out.push(' ');
    let contiguous = ids.len() >= 3 && ids.windows(2).all(|w| w[1] == w[0] + 1);
    if contiguous {
        let dash = if rng.chance(0.7) { "–" } else { "-" };
        let _ = write!(out, "[{}{dash}{}]", ids[0], ids[ids.len() - 1]);
        return;
    }
    match rng.below(3) {
        0 => {
            let list: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
            let _ = write!(out, "[{}]", list.join(", "));
        }
        1 => {
            for (k, id) in ids.iter().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                let _ = write!(out, "[{id}]");
            }
        }
        _ => {
            for id in ids {
                let _ = write!(out, "[{id}]");
            }
        }
    }
}

fn render_paragraph(out: &mut String, para: &[Sent], footnotes: bool, rng: &mut Rng) {
    for (k, s) in para.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(&s.text);
        if !s.cites.is_empty() {
            render_run(out, &s.cites, footnotes, rng);
        }
        if let Some(extra) = &s.extra {
            out.push_str(", as the briefing notes ");
            out.push_str(extra);
        }
        out.push('.');
    }
}

fn publisher_slug(p: &str) -> String {
    let mut s = String::new();
    for w in p
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(3)
    {
        if !s.is_empty() {
            s.push('-');
        }
        s.push_str(&w.to_ascii_lowercase());
    }
    s
}

fn month_number(m: &str) -> usize {
    MONTHS.iter().position(|x| *x == m).unwrap() + 1
}

/// Title, URL, publisher and date of entry `i` (generated sources have all
/// four; defect entries only a title and URL).
fn entry_parts<'a>(
    sources: &'a [Source],
    entries: &'a [(usize, String)],
    i: usize,
) -> (String, String, Option<&'a str>, Option<&'a str>) {
    let (id, line) = &entries[i];
    let original = i < sources.len() + 1 && sources.get(id - 1).is_some_and(|s| line.ends_with(&s.url));
    if original {
        let s = &sources[id - 1];
        (s.title.clone(), s.url.clone(), Some(s.publisher), Some(s.date.as_str()))
    } else {
        let url = line.rsplit(' ').next().unwrap().to_string();
        let title = line
            .split(", ")
            .find(|p| p.starts_with('"'))
            .map(|p| p.trim_matches('"').to_string())
            .unwrap_or_else(|| "Archived copy of an earlier briefing".to_string());
        (title, url, None, None)
    }
}

fn sources_toml_table(out: &mut String, sources: &[Source], entries: &[(usize, String)], i: usize) {
    let (title, url, publisher, date) = entry_parts(sources, entries, i);
    out.push_str("[[sources]]\n");
    let _ = writeln!(out, "id = {}", entries[i].0);
    let _ = writeln!(out, "title = \"{title}\"");
    let _ = writeln!(out, "url = \"{url}\"");
    if let Some(p) = publisher {
        let _ = writeln!(out, "publisher = \"{p}\"");
    }
    if let Some(d) = date {
        let _ = writeln!(out, "date = \"{d}\"");
    }
}

/// Leaf directory of draft `index`: `gNN/dNNNN`, `per_dir` drafts each.
pub fn dir_of(index: usize, per_dir: usize) -> String {
    let leaf = index / per_dir.max(1);
    format!("g{:02}/d{:04}", leaf / 100, leaf)
}

// ---------------------------------------------------------------- writing

#[derive(Default, Debug, Clone)]
pub struct Stats {
    pub drafts: usize,
    pub sidecars: usize,
    /// Bytes of drafts (sidecars not included).
    pub draft_bytes: u64,
    pub sidecar_bytes: u64,
    pub defects: [usize; 6],
}

impl Stats {
    pub fn mean_draft_bytes(&self) -> f64 {
        self.draft_bytes as f64 / self.drafts.max(1) as f64
    }
}

/// One writer thread's statistics and manifest lines (by draft index).
type WorkerResult = io::Result<(Stats, Vec<(usize, String)>)>;

/// Writes the corpus under `out` (created if missing) with `threads`
/// workers, plus `manifest.tsv` (path, format, defect, topic per draft) and
/// `.gencorpus` (the options stamp). The output does not depend on `threads`.
pub fn write_corpus(opts: &Options, out: &Path, threads: usize) -> io::Result<Stats> {
    std::fs::create_dir_all(out)?;
    let leaves = opts.files.div_ceil(opts.per_dir.max(1));
    for leaf in 0..leaves {
        std::fs::create_dir_all(out.join(dir_of(leaf * opts.per_dir.max(1), opts.per_dir)))?;
    }
    let threads = threads.max(1);
    let results: Vec<WorkerResult> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|w| {
                scope.spawn(move || -> WorkerResult {
                    let mut stats = Stats::default();
                    let mut manifest = Vec::new();
                    let mut i = w;
                    while i < opts.files {
                        let d = draft(opts, i);
                        std::fs::write(out.join(&d.path), d.text.as_bytes())?;
                        stats.drafts += 1;
                        stats.draft_bytes += d.text.len() as u64;
                        if let Some((p, t)) = &d.sidecar {
                            std::fs::write(out.join(p), t.as_bytes())?;
                            stats.sidecars += 1;
                            stats.sidecar_bytes += t.len() as u64;
                        }
                        if let Some(def) = d.defect {
                            stats.defects[Defect::ALL.iter().position(|x| *x == def).unwrap()] += 1;
                        }
                        manifest.push((
                            i,
                            format!(
                                "{}\t{}\t{}\t{}\n",
                                d.path,
                                d.format.name(),
                                d.defect.map_or("-", Defect::name),
                                d.topic
                            ),
                        ));
                        i += threads;
                    }
                    Ok((stats, manifest))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker panicked"))
            .collect()
    });
    let mut total = Stats::default();
    let mut lines = Vec::with_capacity(opts.files);
    for r in results {
        let (s, m) = r?;
        total.drafts += s.drafts;
        total.sidecars += s.sidecars;
        total.draft_bytes += s.draft_bytes;
        total.sidecar_bytes += s.sidecar_bytes;
        for k in 0..6 {
            total.defects[k] += s.defects[k];
        }
        lines.extend(m);
    }
    lines.sort_unstable_by_key(|(i, _)| *i);
    let mut manifest = String::from("path\tformat\tdefect\ttopic\n");
    for (_, l) in lines {
        manifest.push_str(&l);
    }
    std::fs::write(out.join("manifest.tsv"), manifest)?;
    std::fs::write(out.join(".gencorpus"), opts.stamp())?;
    Ok(total)
}

/// Reads `manifest.tsv` back: `(path, defect name or "-")` per draft.
pub fn read_manifest(out: &Path) -> io::Result<Vec<(PathBuf, String)>> {
    let text = std::fs::read_to_string(out.join("manifest.tsv"))?;
    Ok(text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((PathBuf::from(f.next()?), f.nth(1)?.to_string()))
        })
        .collect())
}
