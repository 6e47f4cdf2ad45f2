//! The checks' rules: every per-document and cross-file rule's code, kebab
//! name, default severity and docs.
//!
//! A rule's metadata sits next to its check (in `citations.rs`, `sources.rs`,
//! `document.rs`); this module only lists them. `crate::registry` adds the
//! suppression rules (`suppress.rs`) for configuration, `citelint explain`
//! and the reporters.

pub use crate::diagnostic::Rule;

pub mod citations;
pub mod claims;
pub mod document;
pub mod numbers;
pub mod options;
pub mod sources;

/// The checks' rules, in code order (`registry::ALL` adds the suppression
/// rules after them).
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
];

/// Finds one of the checks' rules by code (`CIT001`, any case) or kebab
/// name (`undefined-marker`); `registry::lookup` finds any rule.
pub fn lookup(key: &str) -> Option<&'static Rule> {
    let key = key.trim();
    ALL.iter().copied().find(|r| r.is_named(key))
}

/// The rules `citations::check` reports.
static CITATION_CHECK: &[&Rule] = &[
    &document::MISSING_SOURCES,
    &citations::UNDEFINED_MARKER,
    &citations::UNUSED_SOURCE,
    &citations::DUPLICATE_SOURCE_ID,
    &citations::SOURCE_NUMBERING_GAP,
    &citations::MALFORMED_MARKER,
    &citations::DUPLICATE_IN_GROUP,
];

/// The rules `sources::check` reports.
static SOURCE_CHECK: &[&Rule] = &[
    &sources::EMPTY_SOURCE_ENTRY,
    &sources::SOURCE_MISSING_URL,
    &sources::DUPLICATE_URL,
    &sources::INVALID_URL,
    &sources::SOURCE_AFTER_DRAFT_DATE,
];

/// The rules `claims::check` reports.
static CLAIM_CHECK: &[&Rule] = &[
    &claims::UNCITED_CLAIM,
    &claims::UNCITED_QUOTATION,
    &claims::UNCITED_STATISTIC,
    &claims::VAGUE_ATTRIBUTION,
];

/// Runs every per-document rule at its default severity.
pub fn check_document(
    doc: &crate::document::Document,
    data: &crate::data::SourcesData,
    claims: &crate::claims::Claims,
    mentions: &[crate::quantity::Mention],
) -> Vec<crate::diagnostic::Diagnostic> {
    check_document_where(doc, data, claims, mentions, &|_| true)
}

/// Runs the per-document checks that report at least one rule `on` accepts:
/// a check whose rules are all off is not run. (The document check, which
/// only reports what parsing found, always runs.)
pub fn check_document_where(
    doc: &crate::document::Document,
    data: &crate::data::SourcesData,
    claims: &crate::claims::Claims,
    mentions: &[crate::quantity::Mention],
    on: &dyn Fn(&Rule) -> bool,
) -> Vec<crate::diagnostic::Diagnostic> {
    let any = |rules: &[&Rule]| rules.iter().any(|r| on(r));
    let mut out = Vec::new();
    document::check(doc, &mut out);
    if any(CITATION_CHECK) {
        citations::check(doc, &mut out);
    }
    if any(SOURCE_CHECK) {
        sources::check(doc, data, &mut out);
    }
    if any(CLAIM_CHECK) {
        claims::check(doc, claims, mentions, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_per_document_rule_belongs_to_the_check_that_reports_it() {
        let document_check = [
            &document::FRONT_MATTER_INVALID,
            &document::INVALID_UTF8,
            &document::SIDECAR_INVALID,
        ];
        for rule in ALL.iter().filter(|r| !r.code.starts_with("NUM")) {
            let n = [CITATION_CHECK, SOURCE_CHECK, CLAIM_CHECK, &document_check[..]]
                .iter()
                .filter(|g| g.iter().any(|r| r.code == rule.code))
                .count();
            assert_eq!(n, 1, "{}", rule.code);
        }
    }
}
