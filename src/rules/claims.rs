//! CLM001–CLM004: sentences that state something checkable without a marker.
//!
//! The scoring lives in `crate::claims`; this module turns its verdicts into
//! diagnostics. At most one CLM code per sentence, the most specific first:
//! a quotation (CLM002), then a statistic (CLM003), then any other claim
//! (CLM001); vague attribution (CLM004) is reported only for sentences that
//! are not already claims (in a claim it is named among the reasons).

use crate::claims::{covered_in_paragraph, sentence_mentions, Claims, Class, Feature, Reason, Scope, Scratch};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::quantity::Mention;
use crate::rules::Rule;

pub static UNCITED_CLAIM: Rule = Rule {
    code: "CLM001",
    name: "uncited-claim",
    default_severity: Severity::Warning,
    summary: "A sentence states a checkable fact but carries no citation marker.",
    doc: "What it does\n\nScores every sentence that has no marker and is not exempt (titles, headings, questions, boilerplate, the dateline, offers, statements about the sources, quotations of other documents). Named entities, event verbs, attribution, dates, superlatives, comparisons, laws and causal links count for a claim; analysis openers (\"This means …\"), modal verbs and first or second person count against. A score at or above the threshold (2) is a claim when some of the evidence anchors it (a figure, an amount, a date, a ranking, a named source's words or an attributed quotation); names, event verbs, causes and laws alone need 4 (`threshold-without-anchor`). Writing about code (a code block, or inline code in several places) counts its spelled-out numbers and ordinals (\"two fields\", \"the first argument\") as parts of the design, not evidence.\n\nWhy\n\nA checkable statement with no source is the worst defect a fact-check can ship: a reader cannot verify it and an editor cannot tell whether it was checked.\n\nExample\n\n    U.S. soldiers in Kosovo operate under the NATO-led KFOR mandate.\n\nreports: entity \"U.S.\"; entity \"Kosovo\"; event verb \"operate\"; law \"mandate\" (score 4: no figure, date or source anchors it, so it needs 4).\n\nFix\n\nAdd a marker that points to the source, `… mandate [3].`. If the sentence only restates the cited sentence after it, set `[claims] scope = \"paragraph\"` to report such sentences as info, or suppress the one sentence with `<!-- citelint-disable-next-line CLM001 -->`.",
};

pub static UNCITED_QUOTATION: Rule = Rule {
    code: "CLM002",
    name: "uncited-quotation",
    default_severity: Severity::Warning,
    summary: "A direct quotation carries no citation marker.",
    doc: "What it does\n\nReports an uncited sentence that quotes three or more words in straight or curly double quotes and scores as a claim.\n\nWhy\n\nEvery direct quotation needs a source: who said it, where and when. A quotation without one cannot be checked and is the first thing a correction will be asked for.\n\nExample\n\n    One official called the deployment “a permanent fixture of the region”.\n\nFix\n\nCite the transcript, article or statement the words come from: `… region” [4].`",
};

pub static UNCITED_STATISTIC: Rule = Rule {
    code: "CLM003",
    name: "uncited-statistic",
    default_severity: Severity::Warning,
    summary: "A number tied to a counted or measured thing carries no citation marker.",
    doc: "What it does\n\nReports an uncited claim that contains a quantity: a number followed by a counted or measured noun (\"600 troops\", \"31 percent\"), money (\"$4.2 million\") or a percentage. Designators (\"KFOR 34\", \"Resolution 1244\"), years, ordinals and marker numbers are not quantities.\n\nWhy\n\nFigures are the claims most often checked, quoted and copied between articles; an unsourced figure spreads without a way back to its origin.\n\nExample\n\n    About 600 U.S. troops serve in Kosovo.\n\nFix\n\nCite the source of the figure: `… in Kosovo [2].`",
};

pub static VAGUE_ATTRIBUTION: Rule = Rule {
    code: "CLM004",
    name: "vague-attribution",
    default_severity: Severity::Info,
    summary: "A statement is attributed to unnamed people (\"some analysts say\") with no marker.",
    doc: "What it does\n\nReports an uncited sentence that attributes a view to an unnamed group: \"some analysts say\", \"critics argue\", \"it is widely believed\", \"studies show\". Sentences that are claims anyway are reported as CLM001, with the vague attribution named among the reasons.\n\nWhy\n\nWeasel words give a statement the weight of authority without saying whose; a reader cannot check who these people are or whether they exist.\n\nExample\n\n    Some analysts say the mission is winding down.\n\nFix\n\nName the people and cite where they said it (`Analysts at the institute wrote … [5].`), or drop the attribution.",
};

/// CLM001–CLM004 over a document whose quantity mentions (in text order)
/// are `mentions`.
pub fn check(doc: &Document, claims: &Claims, mentions: &[Mention], out: &mut Vec<Diagnostic>) {
    let mut scratch = Scratch::default();
    for (i, s) in doc.sentences.iter().enumerate() {
        if s.exempt.is_some() || s.is_cited() || (s.linked && claims.data.links_cite) {
            continue;
        }
        let a = claims.assess_with(doc, s, sentence_mentions(mentions, i), &mut scratch);
        let rule = match a.class {
            Class::Quotation => &UNCITED_QUOTATION,
            Class::Statistic => &UNCITED_STATISTIC,
            Class::Claim => &UNCITED_CLAIM,
            Class::VagueAttribution => &VAGUE_ATTRIBUTION,
            _ => continue,
        };
        let reasons = describe(doc, &a.reasons);
        let what = match a.class {
            Class::Quotation => "quotation without a citation",
            Class::Statistic => "statistic without a citation",
            Class::Claim => "claim without a citation",
            _ => "vague attribution without a citation",
        };
        let mut message = format!("{what}: {reasons}");
        let mut severity = rule.default_severity;
        let covered = claims.data.scope == Scope::Paragraph && covered_in_paragraph(doc, i);
        if covered {
            severity = Severity::Info;
            message.push_str("; a later sentence in the paragraph is cited");
        }
        let label = match a.class {
            Class::VagueAttribution => "who says so?",
            _ if covered => "cited only at the end of the paragraph",
            _ => "no citation marker in this sentence",
        };
        let help = format!(
            "add a marker `[n]` for the source, or suppress with `<!-- citelint-disable-next-line {} -->`; `citelint sentences {}` shows every sentence's score",
            rule.code, doc.file.name
        );
        let d = Diagnostic::new(rule, &doc.file, s.span.clone(), message)
            .severity(severity)
            .label(label)
            .help(help);
        out.push(d);
    }
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
