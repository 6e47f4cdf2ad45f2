//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF
//! viewers.
//!
//! The types below are the subset of the SARIF object model citelint fills
//! in (field names as in the spec; `tests/sarif.rs` checks the output against
//! the 2.1.0 schema's required properties and value constraints). Columns
//! count Unicode code points (`columnKind: unicodeCodePoints`), as citelint's
//! columns do everywhere; regions also carry byte offsets into the file on
//! disk. Each result has a location-free `partialFingerprints` entry (see
//! `fingerprint.rs`), so code scanning can follow a finding across edits.

use serde::Serialize;

use crate::diagnostic::Rule;
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::fingerprint;
use crate::registry;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const FINGERPRINT_KEY: &str = "citelint/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    results: Results<'a>,
    column_kind: &'static str,
}

/// The results, each built while it is serialised and dropped after: all
/// of them at once cost several times the output (a draft with a group of
/// 20,000 repeated markers peaked at 200 MB).
struct Results<'a> {
    diags: &'a [Diagnostic],
    fps: Vec<fingerprint::Fingerprint>,
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.diags.iter().zip(&self.fps).map(|(d, fp)| result(d, fp)))
    }
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: std::collections::BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<serde_json::Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encodes a path for a URI reference: unreserved characters and `/`
/// stay, everything else (spaces, `%`, `#`, `?`, non-ASCII bytes) is encoded.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A file's URI: relative paths are relative to `%SRCROOT%` (the directory
/// citelint ran in; code scanning resolves it to the checkout); absolute ones become `file://` URIs.
fn artifact(name: &str) -> ArtifactLocation {
    let portable = fingerprint::portable_path(name);
    if std::path::Path::new(name).is_absolute() {
        if let Ok(u) = url::Url::from_file_path(name) {
            return ArtifactLocation {
                uri: u.to_string(),
                uri_base_id: None,
            };
        }
    }
    ArtifactLocation {
        uri: encode_path(&portable),
        uri_base_id: Some("%SRCROOT%"),
    }
}

fn region(file: &SourceFile, span: &std::ops::Range<usize>) -> Region {
    let span = crate::diagnostic::visible_span(&file.text, span.clone());
    let (start_line, start_column) = file.position(span.start);
    let (end_line, end_column) = file.position(span.end);
    let byte_offset = file.file_offset(span.start);
    Region {
        start_line,
        start_column,
        end_line,
        end_column,
        byte_offset,
        byte_length: file.file_offset(span.end).saturating_sub(byte_offset),
    }
}

fn location(file: &SourceFile, span: &std::ops::Range<usize>, id: Option<usize>, message: Option<&str>) -> Location {
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: artifact(&file.name),
            region: region(file, span),
        },
        message: message.map(|m| Text { text: m.to_string() }),
    }
}

/// The rule doc's `Fix:` paragraph (its whole doc if it has none), and where
/// to read more.
fn help_text(r: &Rule) -> String {
    let doc = r.doc.trim_end();
    let fix = doc.find("Fix:").map_or(doc, |i| &doc[i..]);
    format!("{fix}\n\nMore: `citelint explain {}`.", r.code)
}

fn descriptor(r: &Rule) -> ReportingDescriptor {
    ReportingDescriptor {
        id: r.code,
        name: r.name,
        short_description: Text {
            text: r.summary.to_string(),
        },
        full_description: Text {
            text: r.doc.trim_end().to_string(),
        },
        help: Text { text: help_text(r) },
        default_configuration: Configuration {
            level: level(r.default_severity),
        },
    }
}

/// A finding's fix as a SARIF `fix`: one artifact change per file.
fn fix(f: &crate::diagnostic::Fix) -> serde_json::Value {
    let mut files: Vec<&str> = f.edits.iter().map(|e| e.file.as_str()).collect();
    files.dedup();
    let changes: Vec<_> = files
        .iter()
        .map(|&name| {
            let replacements: Vec<_> = f
                .edits
                .iter()
                .filter(|e| e.file == name)
                .map(|e| {
                    serde_json::json!({
                        "deletedRegion": {"byteOffset": e.byte_start, "byteLength": e.byte_end - e.byte_start},
                        "insertedContent": {"text": e.replacement},
                    })
                })
                .collect();
            serde_json::json!({"artifactLocation": artifact(name), "replacements": replacements})
        })
        .collect();
    let safety = if f.safe { "safe" } else { "unsafe" };
    serde_json::json!({
        "description": {"text": format!("{} ({safety})", f.message)},
        "artifactChanges": changes,
    })
}

fn result(d: &Diagnostic, fp: &fingerprint::Fingerprint) -> SarifResult {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<Location> = d
        .secondary
        .iter()
        .map(|l| (&d.file, &l.span, &l.message))
        .chain(d.related.iter().map(|r| (&r.file, &r.span, &r.message)))
        .enumerate()
        .map(|(i, (file, span, msg))| location(file, span, Some(i), Some(msg)))
        .collect();
    SarifResult {
        rule_id: d.rule.code,
        rule_index: registry::ALL.iter().position(|r| *r == d.rule).unwrap_or(0),
        level: level(d.severity),
        message: Text { text: message },
        locations: vec![location(&d.file, &d.span, None, None)],
        related_locations: related,
        partial_fingerprints: [(FINGERPRINT_KEY, fp.key())].into_iter().collect(),
        fixes: d.fix.iter().map(|f| fix(f)).collect(),
    }
}

pub fn render(diags: &[Diagnostic]) -> String {
    let paths: Vec<String> = diags.iter().map(|d| fingerprint::portable_path(&d.file.name)).collect();
    let fps = fingerprint::fingerprints(diags, &paths);
    let results = Results { diags, fps };
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "citelint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: registry::ALL.iter().map(|r| descriptor(r)).collect(),
                },
            },
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).expect("SARIF serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_uri_references() {
        assert_eq!(encode_path("drafts/a b#1.md"), "drafts/a%20b%231.md");
        assert_eq!(encode_path("é.md"), "%C3%A9.md");
    }
}
