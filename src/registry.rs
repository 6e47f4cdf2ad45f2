//! Every rule by code and name: the checks' rules (`rules::ALL`) and the
//! suppression rules (`suppress.rs`), for configuration, `citelint explain`,
//! `citelint rules` and the reporters.

use std::sync::LazyLock;

use crate::diagnostic::Rule;
use crate::rules;
use crate::suppress;

/// All rules, in code order.
pub static ALL: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    let mut all = rules::ALL.to_vec();
    all.extend(suppress::RULES);
    all
});

/// Finds a rule by code (`CIT001`, any case) or kebab name (`undefined-marker`).
pub fn lookup(key: &str) -> Option<&'static Rule> {
    let key = key.trim();
    ALL.iter().copied().find(|r| r.is_named(key))
}

/// The text `citelint explain` prints.
pub fn explain(rule: &Rule) -> String {
    let mut s = format!(
        "{code} ({name})\n\nDefault severity: {sev}\n\n{summary}\n\n{doc}\n\nConfigure it in citelint.toml:\n\n    [rules]\n    {code} = \"off\"   # or \"info\", \"warning\", \"error\"\n",
        code = rule.code,
        name = rule.name,
        sev = rule.default_severity,
        summary = rule.summary,
        doc = rule.doc.trim_end(),
    );
    if rule.options.is_empty() {
        s.push_str("\nOptions: none besides its severity.\n");
    } else {
        s.push_str("\nOptions (citelint.toml):\n\n");
        for opt in rule.options {
            s.push_str(&format!("    {}\n        {}\n", opt.key, opt.what));
        }
    }
    s.push_str(&format!(
        "\nSuppress one finding with a comment on the line above it:\n\n    <!-- citelint-disable-next-line {} -->\n",
        rule.code
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for r in ALL.iter() {
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            assert_eq!(r.code.len(), 6, "{}", r.code);
            assert!(r
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()));
            for part in ["Why", "Example", "Fix"] {
                assert!(r.doc.contains(part), "{} doc lacks a {part} section", r.code);
            }
        }
        assert_eq!(lookup("cit001").unwrap().name, "undefined-marker");
        assert_eq!(lookup("unused-source").unwrap().code, "CIT002");
        assert!(lookup("NOPE01").is_none());
    }
}
