//! `--format json`: a stable, versioned document for CI and scripts.

use serde::Serialize;

use super::Summary;
use crate::diagnostic::Diagnostic;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    diagnostics: Findings<'a>,
    summary: Summary,
}

/// The findings, each turned into its JSON form only as it is written (a
/// run with many findings holds one at a time, not a copy of them all).
struct Findings<'a>(&'a [Diagnostic]);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(json_diagnostic))
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    message: &'a str,
    help: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

fn json_diagnostic(d: &Diagnostic) -> JsonDiagnostic<'_> {
    let (line, column) = d.file.position(d.span.start);
    let (end_line, end_column) = d.file.position(d.span.end);
    let related = d
        .secondary
        .iter()
        .map(|l| (&d.file, &l.span, &l.message))
        .chain(d.related.iter().map(|r| (&r.file, &r.span, &r.message)))
        .map(|(file, span, message)| {
            let (line, column) = file.position(span.start);
            JsonRelated {
                file: &file.name,
                line,
                column,
                message,
            }
        })
        .collect();
    JsonDiagnostic {
        code: d.rule.code,
        name: d.rule.name,
        severity: d.severity.as_str(),
        file: &d.file.name,
        line,
        column,
        end_line,
        end_column,
        byte_start: d.file.file_offset(d.span.start),
        byte_end: d.file.file_offset(d.span.end),
        message: &d.message,
        help: d.help.as_deref(),
        related,
        fix: d.fix.as_ref().map(|f| {
            serde_json::json!({
                "message": f.message,
                "applicability": if f.safe { "safe" } else { "unsafe" },
                "edits": f.edits.iter().map(|e| serde_json::json!({
                    "file": e.file, "byte_start": e.byte_start, "byte_end": e.byte_end, "replacement": e.replacement,
                })).collect::<Vec<_>>(),
            })
        }),
    }
}

pub fn render(diags: &[Diagnostic], summary: Summary) -> String {
    let mut out = Vec::new();
    write(&mut out, diags, summary).expect("report serialises");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Writes the report as `render` gives it, without holding it all in
/// memory (standard output).
pub fn write<W: std::io::Write>(mut w: W, diags: &[Diagnostic], summary: Summary) -> std::io::Result<()> {
    let report = JsonReport {
        version: 1,
        diagnostics: Findings(diags),
        summary,
    };
    serde_json::to_writer_pretty(&mut w, &report)?;
    w.write_all(b"\n")
}
