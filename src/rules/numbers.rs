//! Numeric consistency: the NUM rules, reported from the cross-document pass
//! of `quantity::corpus` (every file's mentions at once, or one file's for
//! `engine::check_text`).

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::quantity::{Conflict, ConflictKind, FileMentions, KeptMention, MentionRef};
use crate::rules::options::{self, Opt};
use crate::rules::Rule;

/// The NUM rules' options: how numbers are read into intervals and which
/// tables of rules/numbers/*.toml they use.
pub const NUMBER_OPTIONS: &[Opt] = &[
    Opt {
        key: "[numbers] bare-round, bare-round-cap",
        toml: "[numbers]\nbare-round = \"exact\"\nbare-round-cap = 0.1\n",
        what: "a bare round number is read to half its granularity, at most bare-round-cap of it (default \"half-granularity\", 0.10); \"exact\" reads 600 as exactly 600",
    },
    Opt {
        key: "[numbers] approx-tolerance, near-tolerance",
        toml: "[numbers]\napprox-tolerance = 0.15\nnear-tolerance = 0.15\n",
        what: "\"about 600\" is 600 ± 15 %, \"nearly 650\" is 85–100 % of 650 (defaults 0.15)",
    },
    Opt {
        key: "[numbers] inherit-heading-measure",
        toml: "[numbers]\ninherit-heading-measure = false\n",
        what: "a heading quantity without a noun (\"hundreds, not thousands\") takes its section's measure (default false)",
    },
    Opt {
        key: "[numbers] hedges, vague, measures, aliases",
        toml: "[numbers]\nhedges = { approx = [\"give or take\"] }\nvague = { \"a couple of\" = [2, 3] }\nmeasures = { medics = [\"medics\"] }\naliases = { US = [\"Uncle Sam\"] }\n",
        what: "add to the tables of rules/numbers/*.toml",
    },
    Opt {
        key: "[numbers] within-draft",
        toml: "[numbers]\nwithin-draft = true\n",
        what: "true also compares two figures of one draft (reported as info, only when their phrases, names and years are the same); default false, since a draft sets figures side by side on purpose",
    },
    Opt {
        key: "[numbers] enabled",
        toml: "[numbers]\nenabled = false\n",
        what: "false turns every NUM rule off (CLM003 still reads figures with the quantity reader)",
    },
    options::SEGMENT,
];

pub static QUANTITY_CONFLICT: Rule = Rule {
    code: "NUM001",
    name: "quantity-conflict",
    default_severity: Severity::Error,
    options: NUMBER_OPTIONS,
    summary: "Two drafts state the same quantity with values that cannot both be true.",
    doc: "\
What: two mentions in different drafts have the same comparability key —
measure (troops = soldiers = personnel), owner (U.S. = US = American), place
(Kosovo, KFOR), qualifiers (a sub-group, an event, a total) and year — and
their value intervals do not overlap. Hedges and round numbers widen a value
into an interval first: \"about 600\" is 510–690, a bare \"1,200\" is
1,150–1,250, \"several hundred\" is 200–900. Severity: error when both values
are sharp or bare round numbers, warning when either is hedged (about, more
than, a range), info when either is vague (several, dozens); one step lower
when an owner or place was taken from a draft's title.

Why: readers of an archive compare articles. When one draft says about 600
U.S. troops serve in Kosovo and another says 1,200, at least one is wrong or
the two describe different things without saying so.

Example:
    a.md: roughly ~600 U.S. personnel were reported in KFOR in 2025
    b.md: the U.S. has 1,200 troops in Kosovo (article dated 2025)

Fix: check both figures against their sources and correct the wrong one. If
they are different quantities, say how they differ: a date (\"as of 2019\"),
a sub-group (\"from the Pennsylvania National Guard\"), or a total (\"in
total\"). A figure quoted to debunk it (\"posts falsely claimed 1,200\") is
never compared.
",
};

pub static QUANTITY_CONFLICT_IN_DOCUMENT: Rule = Rule {
    code: "NUM002",
    name: "quantity-conflict-in-document",
    default_severity: Severity::Error,
    options: NUMBER_OPTIONS,
    summary: "One draft states the same quantity twice with values that cannot both be true.",
    doc: "\
What: as NUM001 (quantity-conflict), for two mentions in the same draft.

Why: a draft that gives two incompatible figures for one quantity contradicts
itself; a reader cannot tell which one the sources support.

Example:
    About 600 U.S. troops serve in Kosovo. …
    The 1,200 U.S. troops in Kosovo patrol the north.

Fix: correct one figure, or qualify them so that they are visibly different
quantities (a year, a sub-group, \"in total\").
",
};

pub static TIME_SCOPE_DIFFERS: Rule = Rule {
    code: "NUM003",
    name: "time-scope-differs",
    default_severity: Severity::Info,
    options: NUMBER_OPTIONS,
    summary: "The same quantity has different values in different years: a change over time, not a conflict.",
    doc: "\
What: two mentions with the same comparability key and disjoint values are
stated for different years, at least one of them in the text itself (\"as of
2025\", \"in 1999\"). The year of a mention without one is its article's date.

Why: a change over time is not a contradiction, but a reader comparing the two
figures needs the dates to see that.

Example:
    about 600 U.S. troops as of 2025
    some 7,000 U.S. troops in 1999

Fix: nothing, if both years are right and visible. Otherwise add the year to
the figure that lacks it.
",
};

pub static UNIT_MISMATCH: Rule = Rule {
    code: "NUM005",
    name: "unit-mismatch",
    default_severity: Severity::Info,
    options: NUMBER_OPTIONS,
    summary: "The same quantity is given in percent in one place and in percentage points in another.",
    doc: "\
What: two mentions share a measure, owner, place and qualifiers, but one is
in percent and the other in percentage points (units that never convert).

Why: a rise from 10% to 12% is 2 percentage points, or 20 percent. Mixing the
two makes figures look alike that are not, or different that are the same.

Example:
    unemployment rose 2 percentage points
    unemployment rose 2%

Fix: use percentage points for differences between percentages, and check
which one each source meant.
",
};

pub static NEGATED_QUANTITY_CONTRADICTED: Rule = Rule {
    code: "NUM006",
    name: "negated-quantity-contradicted",
    default_severity: Severity::Warning,
    options: NUMBER_OPTIONS,
    summary: "A value that one mention rules out (\"hundreds, not thousands\") is asserted by another.",
    doc: "\
What: a mention denies a value (\"hundreds, not thousands\" rules out 1,000
and more; \"not 1,200\" rules out 1,150–1,250) and another mention with the
same key and year asserts a value entirely inside what was ruled out.

Why: the two statements contradict each other directly.

Example:
    a.md: U.S. troops in Kosovo number in the hundreds, not thousands.
    b.md: Several thousand U.S. troops are in Kosovo.

Fix: check the figure against the sources and correct the draft that is
wrong.
",
};

fn rule_for(c: &Conflict) -> &'static Rule {
    match c.kind {
        ConflictKind::Values if c.same_file() => &QUANTITY_CONFLICT_IN_DOCUMENT,
        ConflictKind::Values => &QUANTITY_CONFLICT,
        ConflictKind::TimeScope => &TIME_SCOPE_DIFFERS,
        ConflictKind::UnitMismatch => &UNIT_MISMATCH,
        ConflictKind::Negated => &NEGATED_QUANTITY_CONTRADICTED,
    }
}

fn year_note(m: &KeptMention) -> String {
    match (m.time.year, m.time.explicit) {
        (Some(y), true) => format!("{y}"),
        (Some(y), false) => format!("{y}, the article's date"),
        (None, _) => "no year".into(),
    }
}

const NEGATED_HELP: &str = "one of the two statements is wrong; check the figure against the sources";

/// Builds the diagnostic for a conflict. `resolve` gives the file and span to
/// show for a mention (the engine re-reads files whose text was dropped).
/// `focus` marks the files findings are reported in (a corpus-aware run):
/// a conflict is reported at its usual side unless only the other side is
/// in such a file. Returns the diagnostic and the index of the file it is
/// reported in.
pub fn diagnostic(
    c: &Conflict,
    files: &[FileMentions],
    focus: Option<&[bool]>,
    resolve: &mut dyn FnMut(MentionRef) -> (Arc<SourceFile>, Range<usize>),
) -> (u32, Diagnostic) {
    let get = |r: MentionRef| &files[r.file as usize].mentions[r.index as usize];
    let reported = |r: MentionRef| focus.is_none_or(|f| f.get(r.file as usize).copied().unwrap_or(false));
    // The side reported at: `a`, but the asserted value of a denial.
    let usual = if c.kind == ConflictKind::Negated { c.b } else { c.a };
    let usual_other = if usual == c.a { c.b } else { c.a };
    let flip = !reported(usual) && reported(usual_other);
    // A denial is reported at the denial itself (`a`) when only its file is.
    let at_denial = flip && c.kind == ConflictKind::Negated;
    let flipped;
    let c = if flip && !at_denial {
        flipped = Conflict {
            a: c.b,
            b: c.a,
            key: c.key.clone(),
            why: c.why.clone(),
            ..*c
        };
        &flipped
    } else {
        c
    };
    let (a, b) = (get(c.a), get(c.b));
    let notes: Vec<String> = if c.why.is_empty() {
        Vec::new()
    } else {
        vec![format!("taken as the same quantity: {}", c.why)]
    };
    let others = match c.others {
        0 => String::new(),
        1 => "; 1 other mention of it also disagrees with one of these".into(),
        n => format!("; {n} other mentions of it also disagree with one of these"),
    };
    let with_notes = |s: String| {
        if notes.is_empty() {
            s
        } else {
            format!("{s} ({})", notes.join("; "))
        }
    };
    // Each kind words the finding; building it is the same for all.
    let (primary, other, message, label, help) = match c.kind {
        ConflictKind::Values => {
            let ratio = a.value.gap_ratio(&b.value);
            let ratio = if ratio.is_finite() {
                format!(" ({ratio:.1}× apart)")
            } else {
                String::new()
            };
            (
                c.a,
                c.b,
                format!(
                    "conflicting values for {}: “{}” {} vs “{}” {}",
                    c.key,
                    a.surface,
                    a.value_label(),
                    b.surface,
                    b.value_label()
                ),
                format!("{} here", a.value_label()),
                with_notes(format!(
                    "the two values do not overlap{ratio}{others}; check both against their sources, or say how the quantities differ (a year, a sub-group, “in total”)"
                )),
            )
        }
        ConflictKind::TimeScope => (
            c.a,
            c.b,
            format!(
                "{} differs by year: “{}” {} ({}) vs “{}” {} ({})",
                c.key,
                a.surface,
                a.value_label(),
                year_note(a),
                b.surface,
                b.value_label(),
                year_note(b)
            ),
            format!("{} in {}", a.value_label(), year_note(a)),
            with_notes("a change over time is not a contradiction; make sure each figure shows its year".to_string()),
        ),
        ConflictKind::UnitMismatch => (
            c.a,
            c.b,
            format!(
                "{} is given in {} (“{}”) and in {} (“{}”)",
                a.frame.head.as_deref().unwrap_or("a quantity"),
                a.dimension,
                a.surface,
                b.dimension,
                b.surface
            ),
            format!("in {}", a.dimension),
            "a rise from 10% to 12% is 2 percentage points, or 20 percent; use percentage points for differences of percentages".to_string(),
        ),
        ConflictKind::Negated if at_denial => (
            c.a,
            c.b,
            format!(
                "“{}” ({}) rules out “{}” ({}) for {}",
                a.surface,
                a.value_label(),
                b.surface,
                b.value_label(),
                c.key
            ),
            format!("rules out {}", b.value_label().trim_start_matches("not ")),
            with_notes(NEGATED_HELP.to_string()),
        ),
        ConflictKind::Negated => (
            c.b,
            c.a,
            format!(
                "“{}” ({}) is ruled out by “{}” ({}) for {}",
                b.surface,
                b.value_label(),
                a.surface,
                a.value_label(),
                c.key
            ),
            format!("{} asserted here", b.value_label()),
            with_notes(NEGATED_HELP.to_string()),
        ),
    };
    let (pf, ps) = resolve(primary);
    let d = Diagnostic::new(rule_for(c), &pf, ps, message).label(label).help(help);
    let om = get(other);
    let (of, os) = resolve(other);
    let msg = match c.kind {
        ConflictKind::Negated if at_denial => format!("{} asserted here", om.value_label()),
        ConflictKind::Negated => format!(
            "“{}” rules out {}",
            om.surface,
            om.value_label().trim_start_matches("not ")
        ),
        ConflictKind::UnitMismatch => format!("in {} here", om.dimension),
        _ => format!("“{}” is {} ({})", om.surface, om.value_label(), year_note(om)),
    };
    let d = d.severity(c.severity).also(&of, os, msg);
    (primary.file, d)
}

/// The severity a NUM finding runs at under a configuration: a configured
/// severity replaces the rule's default, and the steps by which the finding
/// was lowered (hedged or vague values, inherited keys) still apply.
pub fn configured(computed: Severity, rule: &Rule, configured: Option<Option<Severity>>) -> Option<Severity> {
    let Some(setting) = configured else {
        return Some(computed);
    };
    let level = setting?;
    let steps = (rule.default_severity as i32 - computed as i32).max(0);
    let lowered = (level as i32 - steps).max(Severity::Info as i32);
    Some(match lowered {
        2 => Severity::Error,
        1 => Severity::Warning,
        _ => Severity::Info,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_severity_keeps_the_lowering() {
        let r = &QUANTITY_CONFLICT;
        assert_eq!(configured(Severity::Warning, r, None), Some(Severity::Warning));
        assert_eq!(configured(Severity::Warning, r, Some(None)), None);
        assert_eq!(
            configured(Severity::Error, r, Some(Some(Severity::Warning))),
            Some(Severity::Warning)
        );
        assert_eq!(
            configured(Severity::Warning, r, Some(Some(Severity::Warning))),
            Some(Severity::Info)
        );
        assert_eq!(
            configured(Severity::Info, r, Some(Some(Severity::Error))),
            Some(Severity::Info)
        );
        let n = &NEGATED_QUANTITY_CONTRADICTED;
        assert_eq!(
            configured(Severity::Warning, n, Some(Some(Severity::Error))),
            Some(Severity::Error)
        );
    }
}
