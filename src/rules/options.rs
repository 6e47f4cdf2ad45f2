//! Options several rules share (the markers' year range, the sources
//! headings, the claim threshold, …). Each rule lists its options in its own
//! `Rule::options`, next to its code and doc; options only one rule has are
//! written there. The tests below load every rule's options through the real
//! config schema, so `citelint explain` never advertises a key the config
//! rejects.

pub use crate::diagnostic::RuleOption as Opt;

pub const YEARS: Opt = Opt {
    key: "[markers] year-min, year-max",
    toml: "[markers]\nyear-min = 1900\nyear-max = 2100\n",
    what: "a lone bracketed number in this range is a year, not a marker (default 1900 and 2100)",
};
pub const MAX_ID: Opt = Opt {
    key: "[markers] max-id",
    toml: "[markers]\nmax-id = 9999\n",
    what: "bracketed numbers above it are not markers (default 9999)",
};
pub const HEADINGS: Opt = Opt {
    key: "[sources] headings, not-sources",
    toml: "[sources]\nheadings = [\"sources\"]\nnot-sources = [\"see also\"]\n",
    what: "which headings open a sources list, and which look like one but are not",
};
pub const TRACKING: Opt = Opt {
    key: "[sources] tracking-params",
    toml: "[sources]\ntracking-params = [\"utm_*\"]\n",
    what: "query parameters ignored when comparing URLs (`*` matches any suffix)",
};

pub const THRESHOLD: Opt = Opt {
    key: "[claims] threshold",
    toml: "[claims]\nthreshold = 2\n",
    what: "score at which an uncited sentence counts as a claim (default 2)",
};
pub const THRESHOLD_WITHOUT_ANCHOR: Opt = Opt {
    key: "[claims] threshold-without-anchor",
    toml: "[claims]\nthreshold-without-anchor = 4\n",
    what:
        "score needed when no figure, amount, date, ranking, attribution or quotation anchors the sentence (default 4)",
};
pub const SCOPE: Opt = Opt {
    key: "[claims] scope",
    toml: "[claims]\nscope = \"paragraph\"\n",
    what: "\"sentence\" (default) or \"paragraph\": a cited sentence later in the paragraph makes it info",
};
pub const LINKS_CITE: Opt = Opt {
    key: "[claims] links-cite",
    toml: "[claims]\nlinks-cite = true\n",
    what: "whether a URL or a Markdown link counts as a citation (default true)",
};
pub const WEIGHTS: Opt = Opt {
    key: "[claims.weights] <feature>",
    toml: "[claims.weights]\nentity = 1\nmodal = -1\n",
    what: "the weight of each feature; rules/claims.toml lists them",
};
pub const LEXICONS: Opt = Opt {
    key: "[claims.lexicons] <list>, extra-<list>",
    toml: "[claims.lexicons]\nextra-event-verbs = [\"patrolled\"]\n",
    what: "the word lists of rules/claims.toml; a list replaces the default, `extra-<list>` adds to it",
};
pub const SEGMENT: Opt = Opt {
    key: "[segment] never-final, extra-never-final",
    toml: "[segment]\nnever-final = [\"Dr.\", \"Mr.\"]\nextra-never-final = [\"Bde.\"]\n",
    what: "abbreviations that never end a sentence (rules/segment.toml)",
};
pub const CLAIMS: &[Opt] = &[
    THRESHOLD,
    THRESHOLD_WITHOUT_ANCHOR,
    SCOPE,
    LINKS_CITE,
    WEIGHTS,
    LEXICONS,
    SEGMENT,
];

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::diagnostic::Rule;
    use std::path::Path;

    fn parses(snippet: &str) -> Result<(), String> {
        Config::from_str(Path::new("citelint.toml"), snippet)
            .map(|_| ())
            .map_err(|e| e.message.to_string())
    }

    /// `[claims.lexicons] modals, extra-modals` → the section and the
    /// keys it names (`<list>`-style placeholders are not keys).
    fn named_keys(key: &str) -> (String, Vec<String>) {
        let (section, keys) = key
            .strip_prefix('[')
            .and_then(|k| k.split_once("] "))
            .unwrap_or_else(|| panic!("option `{key}` does not start with a [section]"));
        let keys = keys
            .split(", ")
            .map(str::trim)
            .filter(|k| !k.contains('<'))
            .map(String::from)
            .collect();
        (section.to_string(), keys)
    }

    /// Whether the TOML `snippet` sets `key` in `[section]`.
    fn sets(snippet: &str, section: &str, key: &str) -> bool {
        let table: toml::Table = snippet.parse().expect("snippet is TOML");
        let mut at = &table;
        for part in section.split('.') {
            match at.get(part).and_then(toml::Value::as_table) {
                Some(t) => at = t,
                None => return false,
            }
        }
        at.contains_key(key)
    }

    /// Every option a rule advertises sets keys the config schema accepts,
    /// and its snippet sets every key its name promises.
    #[test]
    fn every_option_is_accepted_by_the_config() {
        let mut seen = 0;
        for rule in crate::registry::ALL.iter() {
            for opt in rule.options {
                if let Err(e) = parses(opt.toml) {
                    panic!("{} option `{}`: {e}", rule.code, opt.key);
                }
                let (section, keys) = named_keys(opt.key);
                for k in keys {
                    assert!(
                        sets(opt.toml, &section, &k),
                        "{} option `{}` names `{k}`, which its snippet does not set",
                        rule.code,
                        opt.key
                    );
                }
                seen += 1;
            }
        }
        assert!(seen > 20);
    }

    /// `[claims] scope = "paragraph"` or `[markers] max-id` written in a
    /// rule's doc: the setting parses, and a key written without a value is
    /// one of the rule's options.
    fn settings_in_doc(rule: &Rule) -> Vec<(String, String, Option<String>)> {
        let re = regex::Regex::new(r"`\[([a-z.-]+)\] ([a-z-]+)(?: = ([^`]+))?`").unwrap();
        re.captures_iter(rule.doc)
            .map(|c| {
                (
                    c[1].to_string(),
                    c[2].to_string(),
                    c.get(3).map(|v| v.as_str().to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn every_setting_a_doc_names_is_in_the_schema() {
        let mut seen = 0;
        for rule in crate::registry::ALL.iter() {
            for (section, key, value) in settings_in_doc(rule) {
                match value {
                    Some(v) => {
                        if let Err(e) = parses(&format!("[{section}]\n{key} = {v}\n")) {
                            panic!("{} doc sets `[{section}] {key} = {v}`: {e}", rule.code);
                        }
                    }
                    None => assert!(
                        rule.options.iter().any(|o| {
                            let (s, keys) = named_keys(o.key);
                            s == section && keys.contains(&key)
                        }),
                        "{} doc names `[{section}] {key}`, which is not among its options",
                        rule.code
                    ),
                }
                seen += 1;
            }
        }
        assert!(seen >= 1, "no rule doc names a setting; the test checks nothing");
    }

    /// The doc check itself: a misplaced key in a doc is caught.
    #[test]
    fn a_doc_naming_a_wrong_section_is_caught() {
        let rule = Rule {
            doc: "Fix: set `[claims] measures = [\"x\"]`.",
            ..crate::rules::claims::UNCITED_STATISTIC
        };
        let found = settings_in_doc(&rule);
        assert_eq!(found.len(), 1);
        let (section, key, value) = &found[0];
        assert!(parses(&format!("[{section}]\n{key} = {}\n", value.as_deref().unwrap())).is_err());
        assert!(sets("[claims.lexicons]\nmodals = []\n", "claims.lexicons", "modals"));
        assert!(!sets(
            "[claims.lexicons]\nextra-modals = []\n",
            "claims.lexicons",
            "modals"
        ));
    }

    /// `explain` has one Options section per rule: the docs do not repeat it.
    #[test]
    fn explain_has_one_options_section() {
        for rule in crate::registry::ALL.iter() {
            let text = crate::registry::explain(rule);
            assert_eq!(text.matches("Options").count(), 1, "{}", rule.code);
            assert!(!rule.doc.contains("Options"), "{}", rule.code);
        }
    }

    /// The schema is strict: a key it does not know is an error, so the
    /// tests above would catch an advertised key that does not exist.
    #[test]
    fn the_config_rejects_unknown_keys() {
        for bad in [
            "[claims]\nmeasures = [\"x\"]\n",
            "[markers]\nmax-ids = 3\n",
            "[numbers]\nhedge = {}\n",
        ] {
            assert!(parses(bad).is_err(), "{bad}");
        }
    }
}
