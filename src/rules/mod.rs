//! Rule registry: every rule's code, kebab name, default severity and docs.
//!
//! A rule's metadata sits next to its check (in `citations.rs`, `sources.rs`,
//! `document.rs`); this module only lists them so that configuration,
//! `citelint explain` and the reporters can look a rule up by code or name.

use crate::diagnostic::Severity;

pub mod citations;
pub mod claims;
pub mod document;
pub mod numbers;
pub mod options;
pub mod sources;

#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub default_severity: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// Longer text: why it matters, an example, how to fix it.
    pub doc: &'static str,
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

/// All rules, in code order.
pub static ALL: &[&Rule] = &[
    &document::MISSING_SOURCES,
    &document::FRONT_MATTER_INVALID,
    &document::INVALID_UTF8,
    &document::SIDECAR_INVALID,
    &citations::UNDEFINED_MARKER,
    &citations::UNUSED_SOURCE,
    &citations::DUPLICATE_SOURCE_ID,
    &citations::SOURCE_NUMBERING_GAP,
    &citations::MALFORMED_MARKER,
    &citations::DUPLICATE_IN_GROUP,
    &sources::EMPTY_SOURCE_ENTRY,
    &sources::SOURCE_MISSING_URL,
    &sources::DUPLICATE_URL,
    &sources::INVALID_URL,
    &sources::SOURCE_AFTER_DRAFT_DATE,
    &claims::UNCITED_CLAIM,
    &claims::UNCITED_QUOTATION,
    &claims::UNCITED_STATISTIC,
    &claims::VAGUE_ATTRIBUTION,
    &numbers::QUANTITY_CONFLICT,
    &numbers::QUANTITY_CONFLICT_IN_DOCUMENT,
    &numbers::TIME_SCOPE_DIFFERS,
    &numbers::UNIT_MISMATCH,
    &numbers::NEGATED_QUANTITY_CONTRADICTED,
    &crate::suppress::UNUSED_SUPPRESSION,
    &crate::suppress::INVALID_SUPPRESSION,
];

/// Finds a rule by code (`CIT001`, any case) or kebab name (`undefined-marker`).
pub fn lookup(key: &str) -> Option<&'static Rule> {
    let key = key.trim();
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
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
    let opts = options::options(rule.code);
    if opts.is_empty() {
        s.push_str("\nOptions: none besides its severity.\n");
    } else {
        s.push_str("\nOptions (citelint.toml):\n\n");
        for opt in opts {
            s.push_str(&format!("    {}\n        {}\n", opt.key, opt.what));
        }
    }
    s.push_str(&format!(
        "\nSuppress one finding with a comment on the line above it:\n\n    <!-- citelint-disable-next-line {} -->\n",
        rule.code
    ));
    s
}

/// Runs every per-document rule at its default severity.
pub fn check_document(
    doc: &crate::document::Document,
    data: &crate::data::SourcesData,
    claims: &crate::claims::Claims,
) -> Vec<crate::diagnostic::Diagnostic> {
    let mut out = Vec::new();
    document::check(doc, &mut out);
    citations::check(doc, &mut out);
    sources::check(doc, data, &mut out);
    claims::check(doc, claims, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for r in ALL {
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
