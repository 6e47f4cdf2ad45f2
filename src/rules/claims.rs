//! CLM001–CLM004: sentences that state something checkable without a marker.
//!
//! The scoring lives in `crate::claims`; this module turns its verdicts into
//! diagnostics. At most one CLM code per sentence, the most specific first:
//! a quotation (CLM002), then a statistic (CLM003), then any other claim
//! (CLM001); vague attribution (CLM004) is reported only for sentences that
//! are not already claims (in a claim it is named among the reasons).

use crate::claims::{
    covered_in_paragraph, sentence_mentions, Assessment, Claims, Class, Feature, Reason, Scope, Scratch,
};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::quantity::Mention;
use crate::rules::options::{self, Opt};
use crate::rules::Rule;

/// CLM002's options: the quotation's weight and the shared claim settings.
const QUOTATION_OPTIONS: &[Opt] = &[
    Opt {
        key: "[claims.weights] quotation",
        toml: "[claims.weights]\nquotation = 3\n",
        what: "weight of a direct quotation of three words or more (default 3)",
    },
    options::THRESHOLD,
    options::LINKS_CITE,
    options::SEGMENT,
];

/// CLM003's options: what makes a number a figure.
const STATISTIC_OPTIONS: &[Opt] = &[
    Opt {
        key: "[numbers] measures, extra-designators",
        toml: "[numbers]\nmeasures = { ambulances = [\"ambulances\"] }\nextra-designators = [\"Brigade\"]\n",
        what: "figures come from the quantity reader the NUM rules use: its measures and units (rules/numbers/measures.toml) and the words before a number that make it a name (\"Resolution 1244\")",
    },
    Opt {
        key: "[claims] vague-quantity-min",
        toml: "[claims]\nvague-quantity-min = 10\n",
        what: "the smallest amount a vague quantity names to weigh as an amount (default 10: \"dozens of nations\"); below it (\"several states\") it weighs [claims.weights] few-quantity (default 2) and anchors nothing",
    },
    Opt {
        key: "[claims.weights] quantity",
        toml: "[claims.weights]\nquantity = 2\n",
        what: "weight of a figure (default 2)",
    },
    options::THRESHOLD,
    options::LINKS_CITE,
    options::SEGMENT,
];

/// CLM004's options: the patterns of attribution to unnamed people.
const VAGUE_OPTIONS: &[Opt] = &[
    Opt {
        key: "[claims.patterns] vague-attribution, extra-vague-attribution",
        toml: "[claims.patterns]\nvague-attribution = ['\\bsome say\\b']\nextra-vague-attribution = ['\\bpundits say\\b']\n",
        what: "the regular expressions for attribution to unnamed people",
    },
    options::LINKS_CITE,
    options::SEGMENT,
];

pub static UNCITED_CLAIM: Rule = Rule {
    code: "CLM001",
    name: "uncited-claim",
    default_severity: Severity::Warning,
    options: options::CLAIMS,
    summary: "A sentence states a checkable fact but carries no citation marker.",
    doc: "What it does\n\nScores every sentence that has no marker and is not exempt (titles, headings, questions, boilerplate, the dateline, offers, statements about the sources, quotations of other documents). Named entities, event verbs, attribution, dates, superlatives, comparisons, laws and causal links count for a claim; analysis openers (\"This means …\"), modal verbs and first or second person count against. A score at or above the threshold (2) is a claim when some of the evidence anchors it (a figure, an amount, a date, a ranking, a named source's words or an attributed quotation); names, event verbs, causes and laws alone need 4 (`threshold-without-anchor`). Writing about code (a code block, or inline code in several places) counts its spelled-out numbers and ordinals (\"two fields\", \"the first argument\") as parts of the design, not evidence.\n\nWhy\n\nA checkable statement with no source is the worst defect a fact-check can ship: a reader cannot verify it and an editor cannot tell whether it was checked.\n\nExample\n\n    U.S. soldiers in Kosovo operate under the NATO-led KFOR mandate.\n\nreports: entity \"U.S.\"; entity \"Kosovo\"; event verb \"operate\"; law \"mandate\" (score 4: no figure, date or source anchors it, so it needs 4).\n\nFix\n\nAdd a marker that points to the source, `… mandate [3].`. If the sentence only restates the cited sentence after it, set `[claims] scope = \"paragraph\"` to report such sentences as info, or suppress the one sentence with `<!-- citelint-disable-next-line CLM001 -->`.",
};

pub static UNCITED_QUOTATION: Rule = Rule {
    code: "CLM002",
    name: "uncited-quotation",
    default_severity: Severity::Warning,
    options: QUOTATION_OPTIONS,
    summary: "A direct quotation carries no citation marker.",
    doc: "What it does\n\nReports an uncited sentence that quotes three or more words in straight or curly double quotes and scores as a claim.\n\nWhy\n\nEvery direct quotation needs a source: who said it, where and when. A quotation without one cannot be checked and is the first thing a correction will be asked for.\n\nExample\n\n    One official called the deployment “a permanent fixture of the region”.\n\nFix\n\nCite the transcript, article or statement the words come from: `… region” [4].`",
};

pub static UNCITED_STATISTIC: Rule = Rule {
    code: "CLM003",
    name: "uncited-statistic",
    default_severity: Severity::Warning,
    options: STATISTIC_OPTIONS,
    summary: "A number tied to a counted or measured thing carries no citation marker.",
    doc: "What it does\n\nReports an uncited claim that contains a figure, as the quantity reader of the numbers check reads it (one vocabulary, `rules/numbers/`): a number whose own phrase names the plural it counts (any noun: \"600 troops\", \"4,800 saplings\"), money (\"$4.2 million\"), a percentage, a value with a unit (\"938 hPa\"), or an approximate value whose noun came earlier (\"is about 600\"). Designators (\"KFOR 34\", \"Resolution 1244\"), years, versions (\"1.0\"), ordinals, counts of the writer's own points (\"two things\") and marker numbers are not figures.\n\nWhy\n\nFigures are the claims most often checked, quoted and copied between articles; an unsourced figure spreads without a way back to its origin.\n\nExample\n\n    About 600 U.S. troops serve in Kosovo.\n\nFix\n\nCite the source of the figure: `… in Kosovo [2].`",
};

pub static VAGUE_ATTRIBUTION: Rule = Rule {
    code: "CLM004",
    name: "vague-attribution",
    default_severity: Severity::Info,
    options: VAGUE_OPTIONS,
    summary: "A statement is attributed to unnamed people (\"some analysts say\") with no marker.",
    doc: "What it does\n\nReports an uncited sentence that attributes a view to an unnamed group: \"some analysts say\", \"critics argue\", \"it is widely believed\", \"studies show\". Sentences that are claims anyway are reported as CLM001, with the vague attribution named among the reasons.\n\nWhy\n\nWeasel words give a statement the weight of authority without saying whose; a reader cannot check who these people are or whether they exist.\n\nExample\n\n    Some analysts say the mission is winding down.\n\nFix\n\nName the people and cite where they said it (`Analysts at the institute wrote … [5].`), or drop the attribution.",
};

/// Runs the CLM rules over a document whose quantity mentions (in text
/// order) are `mentions`. Each sentence is scored once; its class (the
/// scorer's verdict) decides which one rule reports it.
pub fn check(doc: &Document, claims: &Claims, mentions: &[Mention], out: &mut Vec<Diagnostic>) {
    let uncited = uncited_verdicts(doc, claims, mentions);
    uncited_claim(doc, claims, &uncited, out);
    uncited_quotation(doc, claims, &uncited, out);
    uncited_statistic(doc, claims, &uncited, out);
    vague_attribution(doc, claims, &uncited, out);
}

/// An uncited, non-exempt sentence (by index) and the scorer's verdict on it.
struct Verdict {
    sentence: usize,
    assessment: Assessment,
}

/// The verdicts on the sentences a CLM rule may report: not exempt, no
/// marker, no link (when links cite), and scored as one of the CLM classes.
fn uncited_verdicts(doc: &Document, claims: &Claims, mentions: &[Mention]) -> Vec<Verdict> {
    let mut scratch = Scratch::default();
    let mut out = Vec::new();
    for (i, s) in doc.sentences.iter().enumerate() {
        if s.exempt.is_some() || s.is_cited() || (s.linked && claims.data.links_cite) {
            continue;
        }
        let assessment = claims.assess_with(doc, s, sentence_mentions(mentions, i), &mut scratch);
        if matches!(
            assessment.class,
            Class::Quotation | Class::Statistic | Class::Claim | Class::VagueAttribution
        ) {
            out.push(Verdict {
                sentence: i,
                assessment,
            });
        }
    }
    out
}

/// CLM001: a checkable statement (not a quotation or a figure) without a marker.
fn uncited_claim(doc: &Document, claims: &Claims, uncited: &[Verdict], out: &mut Vec<Diagnostic>) {
    for v in uncited.iter().filter(|v| v.assessment.class == Class::Claim) {
        out.push(uncited_diagnostic(
            doc,
            claims,
            v,
            &UNCITED_CLAIM,
            "claim without a citation",
        ));
    }
}

/// CLM002: a direct quotation without a marker.
fn uncited_quotation(doc: &Document, claims: &Claims, uncited: &[Verdict], out: &mut Vec<Diagnostic>) {
    for v in uncited.iter().filter(|v| v.assessment.class == Class::Quotation) {
        out.push(uncited_diagnostic(
            doc,
            claims,
            v,
            &UNCITED_QUOTATION,
            "quotation without a citation",
        ));
    }
}

/// CLM003: a claim with a figure, without a marker.
fn uncited_statistic(doc: &Document, claims: &Claims, uncited: &[Verdict], out: &mut Vec<Diagnostic>) {
    for v in uncited.iter().filter(|v| v.assessment.class == Class::Statistic) {
        out.push(uncited_diagnostic(
            doc,
            claims,
            v,
            &UNCITED_STATISTIC,
            "statistic without a citation",
        ));
    }
}

/// CLM004: a view given to unnamed people, in a sentence that is not a claim.
fn vague_attribution(doc: &Document, claims: &Claims, uncited: &[Verdict], out: &mut Vec<Diagnostic>) {
    for v in uncited.iter().filter(|v| v.assessment.class == Class::VagueAttribution) {
        out.push(
            uncited_diagnostic(
                doc,
                claims,
                v,
                &VAGUE_ATTRIBUTION,
                "vague attribution without a citation",
            )
            .label("who says so?"),
        );
    }
}

/// The finding on one uncited sentence: `what` and the evidence, at info
/// when `[claims] scope = "paragraph"` and a later sentence is cited.
fn uncited_diagnostic(doc: &Document, claims: &Claims, v: &Verdict, rule: &'static Rule, what: &str) -> Diagnostic {
    let mut message = format!("{what}: {}", describe(doc, &v.assessment.reasons));
    let covered = claims.data.scope == Scope::Paragraph && covered_in_paragraph(doc, v.sentence);
    let severity = if covered {
        message.push_str("; a later sentence in the paragraph is cited");
        Severity::Info
    } else {
        rule.default_severity
    };
    let help = format!(
        "add a marker `[n]` for the source, or suppress with `<!-- citelint-disable-next-line {} -->`; `citelint sentences {}` shows every sentence's score",
        rule.code, doc.file.name
    );
    Diagnostic::new(rule, &doc.file, doc.sentences[v.sentence].span.clone(), message)
        .severity(severity)
        .label(if covered {
            "cited only at the end of the paragraph"
        } else {
            "no citation marker in this sentence"
        })
        .help(help)
}

/// The evidence in a writer's words: `a figure "600 troops", a date
/// "March 17, 2025", a name "KFOR"`. What counts against a claim (modals,
/// first person) and names over the cap are left to `citelint sentences`.
pub fn describe(doc: &Document, reasons: &[Reason]) -> String {
    let mut parts = Vec::with_capacity(reasons.len());
    for r in reasons
        .iter()
        .filter(|r| r.weight > 0 || r.feature == Feature::VagueAttribution)
    {
        let Some(what) = evidence(r.feature) else { continue };
        let text: String = doc.file.text[r.span.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        parts.push(format!("{what} \"{text}\""));
    }
    parts.join(", ")
}

fn evidence(f: Feature) -> Option<&'static str> {
    Some(match f {
        Feature::Quantity => "a figure",
        Feature::VagueQuantity => "an amount",
        Feature::FewQuantity => "a small amount",
        Feature::Date => "a date",
        Feature::Entity => "a name",
        Feature::EventVerb => "an event",
        Feature::Attribution => "a named source",
        Feature::Superlative => "a superlative",
        Feature::Comparative => "a comparison",
        Feature::Quotation => "a quotation",
        Feature::Causation => "a cause",
        Feature::Law => "a law",
        Feature::VagueAttribution => "an unnamed source",
        Feature::Analysis | Feature::Modal | Feature::Person => return None,
    })
}
