//! The configuration keys that change what each rule reports, for
//! `citelint explain`. Each option carries a citelint.toml snippet that sets
//! it; a test loads every snippet through the real config schema, so `explain`
//! never advertises a key the config rejects. Rules not listed here have no
//! options besides their severity.

/// One option: how `explain` names it, a snippet that sets it, what it does.
pub struct Opt {
    pub key: &'static str,
    pub toml: &'static str,
    pub what: &'static str,
}

type Options = &'static [Opt];

const YEARS: Opt = Opt {
    key: "[markers] year-min, year-max",
    toml: "[markers]\nyear-min = 1900\nyear-max = 2100\n",
    what: "a lone bracketed number in this range is a year, not a marker (default 1900 and 2100)",
};
const MAX_ID: Opt = Opt {
    key: "[markers] max-id",
    toml: "[markers]\nmax-id = 9999\n",
    what: "bracketed numbers above it are not markers (default 9999)",
};
const HEADINGS: Opt = Opt {
    key: "[sources] headings, not-sources",
    toml: "[sources]\nheadings = [\"sources\"]\nnot-sources = [\"see also\"]\n",
    what: "which headings open a sources list, and which look like one but are not",
};
const TRACKING: Opt = Opt {
    key: "[sources] tracking-params",
    toml: "[sources]\ntracking-params = [\"utm_*\"]\n",
    what: "query parameters ignored when comparing URLs (`*` matches any suffix)",
};

const THRESHOLD: Opt = Opt {
    key: "[claims] threshold",
    toml: "[claims]\nthreshold = 2\n",
    what: "score at which an uncited sentence counts as a claim (default 2)",
};
const THRESHOLD_WITHOUT_ANCHOR: Opt = Opt {
    key: "[claims] threshold-without-anchor",
    toml: "[claims]\nthreshold-without-anchor = 4\n",
    what:
        "score needed when no figure, amount, date, ranking, attribution or quotation anchors the sentence (default 4)",
};
const SCOPE: Opt = Opt {
    key: "[claims] scope",
    toml: "[claims]\nscope = \"paragraph\"\n",
    what: "\"sentence\" (default) or \"paragraph\": a cited sentence later in the paragraph makes it info",
};
const LINKS_CITE: Opt = Opt {
    key: "[claims] links-cite",
    toml: "[claims]\nlinks-cite = true\n",
    what: "whether a URL or a Markdown link counts as a citation (default true)",
};
const WEIGHTS: Opt = Opt {
    key: "[claims.weights] <feature>",
    toml: "[claims.weights]\nentity = 1\nmodal = -1\n",
    what: "the weight of each feature; rules/claims.toml lists them",
};
const LEXICONS: Opt = Opt {
    key: "[claims.lexicons] <list>, extra-<list>",
    toml: "[claims.lexicons]\nextra-event-verbs = [\"patrolled\"]\n",
    what: "the word lists of rules/claims.toml; a list replaces the default, `extra-<list>` adds to it",
};
const SEGMENT: Opt = Opt {
    key: "[segment] never-final, extra-never-final",
    toml: "[segment]\nextra-never-final = [\"Bde.\"]\n",
    what: "abbreviations that never end a sentence (rules/segment.toml)",
};
const CLAIMS: &[Opt] = &[
    THRESHOLD,
    THRESHOLD_WITHOUT_ANCHOR,
    SCOPE,
    LINKS_CITE,
    WEIGHTS,
    LEXICONS,
    SEGMENT,
];

const QUOTATION: &[Opt] = &[
    Opt {
        key: "[claims.weights] quotation",
        toml: "[claims.weights]\nquotation = 3\n",
        what: "weight of a direct quotation of three words or more (default 3)",
    },
    THRESHOLD,
    LINKS_CITE,
    SEGMENT,
];

const STATISTIC: &[Opt] = &[
    Opt {
        key: "[numbers] measures, extra-designators",
        toml: "[numbers]\nmeasures = { ambulances = [\"ambulances\"] }\nextra-designators = [\"Brigade\"]\n",
        what: "figures come from the quantity reader the NUM rules use: its measures and units (rules/numbers/measures.toml) and the words before a number that make it a name (\"Resolution 1244\")",
    },
    Opt {
        key: "[claims] vague-quantity-min",
        toml: "[claims]\nvague-quantity-min = 10\n",
        what: "the smallest amount a vague quantity must name to count (default 10: \"a dozen\", \"dozens of\", \"several hundred\"; not \"several\" or \"a few\")",
    },
    Opt {
        key: "[claims.weights] quantity",
        toml: "[claims.weights]\nquantity = 2\n",
        what: "weight of a figure (default 2)",
    },
    THRESHOLD,
    LINKS_CITE,
    SEGMENT,
];

const VAGUE: &[Opt] = &[
    Opt {
        key: "[claims.patterns] vague-attribution, extra-vague-attribution",
        toml: "[claims.patterns]\nextra-vague-attribution = ['\\bpundits say\\b']\n",
        what: "the regular expressions for attribution to unnamed people",
    },
    LINKS_CITE,
    SEGMENT,
];

const NUMBERS: &[Opt] = &[
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
        what: "false turns quantity extraction and every NUM rule off",
    },
    SEGMENT,
];

/// The options of a rule code.
pub fn options(code: &str) -> Options {
    match code {
        "DOC001" | "CIT002" | "CIT003" | "CIT004" => &[HEADINGS],
        "CIT001" => &[YEARS, MAX_ID, HEADINGS],
        "CIT006" | "CIT008" => &[YEARS, MAX_ID],
        "SRC007" => &[TRACKING],
        "CLM001" => CLAIMS,
        "CLM002" => QUOTATION,
        "CLM003" => STATISTIC,
        "CLM004" => VAGUE,
        "NUM001" | "NUM002" | "NUM003" | "NUM005" | "NUM006" => NUMBERS,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    /// Every advertised option sets a key the config schema accepts.
    #[test]
    fn every_option_is_accepted_by_the_config() {
        let mut seen = 0;
        for rule in crate::registry::ALL.iter() {
            for opt in options(rule.code) {
                let parsed = Config::from_str(Path::new("citelint.toml"), opt.toml);
                assert!(
                    parsed.is_ok(),
                    "{} option `{}`: {:?}",
                    rule.code,
                    opt.key,
                    parsed.err().map(|e| e.message)
                );
                seen += 1;
            }
        }
        assert!(seen > 20);
    }

    /// `explain` has one Options section per rule: the docs do not repeat it.
    #[test]
    fn explain_has_one_options_section() {
        for rule in crate::registry::ALL.iter() {
            assert_eq!(
                crate::registry::explain(rule).matches("Options").count(),
                1,
                "{}",
                rule.code
            );
        }
    }

    /// The schema is strict: a key it does not know is an error, so the
    /// test above would catch an advertised key that does not exist.
    #[test]
    fn the_config_rejects_unknown_keys() {
        for bad in [
            "[claims]\nmeasures = [\"x\"]\n",
            "[markers]\nmax-ids = 3\n",
            "[numbers]\nhedge = {}\n",
        ] {
            assert!(Config::from_str(Path::new("citelint.toml"), bad).is_err(), "{bad}");
        }
    }
}
