//! The configuration keys that change what each rule reports, for
//! `citelint explain`. Rules not listed here have no options besides their
//! severity.

type Options = &'static [(&'static str, &'static str)];

const YEARS: (&str, &str) = (
    "[markers] year-min, year-max",
    "a lone bracketed number in this range is a year, not a marker (default 1900 and 2100)",
);
const MAX_ID: (&str, &str) = (
    "[markers] max-id",
    "bracketed numbers above it are not markers (default 9999)",
);
const HEADINGS: (&str, &str) = (
    "[sources] headings, not-sources",
    "which headings open a sources list, and which look like one but are not",
);
const TRACKING: (&str, &str) = (
    "[sources] tracking-params",
    "query parameters ignored when comparing URLs (`*` matches any suffix)",
);

const CLAIMS: &[(&str, &str)] = &[
    (
        "[claims] threshold",
        "score at which an uncited sentence counts as a claim (default 2)",
    ),
    (
        "[claims] scope",
        "\"sentence\" (default) or \"paragraph\": a cited sentence later in the paragraph makes it info",
    ),
    (
        "[claims] links-cite",
        "whether a URL or a Markdown link counts as a citation (default true)",
    ),
    (
        "[claims.weights], [claims.lexicons], [claims.patterns]",
        "feature weights and word lists; rules/claims.toml lists every key (`extra-<list>` adds to a list)",
    ),
    (
        "[segment]",
        "sentence segmentation: abbreviations that never end a sentence (rules/segment.toml)",
    ),
];

const NUMBERS: &[(&str, &str)] = &[
    (
        "[numbers] bare-round, bare-round-cap",
        "a bare round number is read to half its granularity, at most bare-round-cap of it (default \"half-granularity\", 0.10); \"exact\" reads 600 as exactly 600",
    ),
    (
        "[numbers] approx-tolerance, near-tolerance",
        "\"about 600\" is 600 ± 15 %, \"nearly 650\" is 85–100 % of 650 (defaults 0.15)",
    ),
    (
        "[numbers] inherit-heading-measure",
        "a heading quantity without a noun (\"hundreds, not thousands\") takes its section's measure (default false)",
    ),
    (
        "[numbers] hedges, vague, measures, aliases, extra-designators, extra-claim-cues",
        "add to the tables of rules/numbers/*.toml",
    ),
    ("[numbers] enabled", "false turns quantity extraction and every NUM rule off"),
    (
        "[segment]",
        "sentence segmentation: quantities are read sentence by sentence (rules/segment.toml)",
    ),
];

/// (key, what it does) pairs for a rule code.
pub fn options(code: &str) -> Options {
    match code {
        "DOC001" | "CIT002" | "CIT003" | "CIT004" => &[HEADINGS],
        "CIT001" => &[YEARS, MAX_ID, HEADINGS],
        "CIT006" | "CIT008" => &[YEARS, MAX_ID],
        "SRC007" => &[TRACKING],
        "CLM001" | "CLM002" | "CLM003" | "CLM004" => CLAIMS,
        "NUM001" | "NUM002" | "NUM003" | "NUM005" | "NUM006" => NUMBERS,
        _ => &[],
    }
}
