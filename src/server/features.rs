//! What the server answers: diagnostics, quick fixes, "disable for this
//! line", hover on markers and findings, definition and references.

// `WorkspaceEdit::changes` is keyed by `lsp_types::Uri`, which caches its
// parse in a cell; its hash and equality are those of the string.
#![allow(clippy::mutable_key_type)]

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DiagnosticSeverity, Hover, HoverContents, Location, MarkupContent,
    MarkupKind, NumberOrString, Position, TextEdit, Uri, WorkspaceEdit,
};

use super::analysis::Analysis;
use super::convert;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Marker, SourceEntry, SourceId};
use crate::fix::Edit;

/// The findings in the draft itself, as LSP diagnostics.
pub fn diagnostics(a: &Analysis) -> Vec<lsp_types::Diagnostic> {
    to_lsp(&a.doc.file.text, own(a).map(|(_, d)| d))
}

/// The findings in the draft's sidecar, for the sidecar's URI.
pub fn sidecar_diagnostics(a: &Analysis) -> Option<(Uri, Vec<lsp_types::Diagnostic>)> {
    let sc = a.doc.sidecar.as_ref()?;
    let uri = a.sidecar.as_deref().and_then(convert::to_uri)?;
    Some((uri, to_lsp(&sc.text, a.diags.iter().filter(|d| d.file.name == sc.name))))
}

fn to_lsp<'a>(text: &str, diags: impl Iterator<Item = &'a Diagnostic>) -> Vec<lsp_types::Diagnostic> {
    diags
        .map(|d| lsp_types::Diagnostic {
            range: convert::range(text, &d.span),
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Info => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(d.rule.code.to_string())),
            source: Some("citelint".into()),
            message: match &d.help {
                Some(h) => format!("{} ({})\nhelp: {h}", d.message, d.rule.name),
                None => format!("{} ({})", d.message, d.rule.name),
            },
            ..Default::default()
        })
        .collect()
}

/// Findings whose primary span is in the draft (not its sidecar), with their index.
fn own(a: &Analysis) -> impl Iterator<Item = (usize, &Diagnostic)> {
    a.diags
        .iter()
        .enumerate()
        .filter(move |(_, d)| d.file.name == a.doc.file.name)
}

fn text_edits(text: &str, edits: &[Edit]) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|e| TextEdit::new(convert::range(text, &e.range), e.text.clone()))
        .collect()
}

/// Quick fixes and "disable for this line" for findings touching `range`.
pub fn code_actions(a: &Analysis, uri: &Uri, range: &std::ops::Range<usize>) -> Vec<CodeActionOrCommand> {
    let text = a.doc.file.text.as_str();
    let mut out = Vec::new();
    for (i, d) in own(a).filter(|(_, d)| d.span.start <= range.end && range.start <= d.span.end) {
        if let Some(f) = &a.fixes[i] {
            let mut changes = HashMap::new();
            changes.insert(uri.clone(), text_edits(text, &f.draft));
            if let (Some(sc), false) = (&a.doc.sidecar, f.sidecar.is_empty()) {
                if let Some(sc_uri) = a.sidecar.as_deref().and_then(convert::to_uri) {
                    changes.insert(sc_uri, text_edits(&sc.text, &f.sidecar));
                }
            }
            out.push(action(format!("{} ({})", f.message, d.rule.code), changes, f.safe));
        }
        let line_start = text[..d.span.start].rfind('\n').map_or(0, |p| p + 1);
        let indent: String = text[line_start..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let comment = format!("{indent}<!-- citelint-disable-next-line {} -->\n", d.rule.code);
        let at = convert::position(text, line_start);
        let changes = HashMap::from([(uri.clone(), vec![TextEdit::new(lsp_types::Range::new(at, at), comment)])]);
        out.push(action(format!("Disable {} for this line", d.rule.code), changes, false));
    }
    out
}

fn action(title: String, changes: HashMap<Uri, Vec<TextEdit>>, preferred: bool) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }),
        is_preferred: Some(preferred),
        ..Default::default()
    })
}

fn marker_at(a: &Analysis, offset: usize) -> Option<&Marker> {
    a.doc
        .markers
        .iter()
        .find(|m| m.span.start <= offset && offset < m.span.end)
}

fn entries_for<'a>(a: &'a Analysis, m: &Marker) -> Vec<&'a SourceEntry> {
    let ids: Vec<SourceId> = m.items.iter().flat_map(|it| it.ids()).collect();
    a.doc.sources.iter().filter(|s| ids.contains(&s.id)).collect()
}

fn describe(e: &SourceEntry) -> String {
    let mut s = format!("**{}** {}", e.id, e.title.as_deref().unwrap_or(""));
    for u in &e.urls {
        s.push_str(&format!("\n\n<{}>", u.text));
    }
    s.push_str(&format!("\n\n{}", e.content));
    s
}

/// A marker's sources, the rule behind any finding under the cursor, and
/// `extra` (a figure's ledger group).
pub fn hover(a: &Analysis, offset: usize, extra: Option<String>) -> Option<Hover> {
    let mut parts: Vec<String> = extra.into_iter().collect();
    if let Some(m) = marker_at(a, offset) {
        let found = entries_for(a, m);
        if found.is_empty() {
            parts.push(format!("{} has no source", &a.doc.file.text[m.span.clone()]));
        }
        parts.extend(found.into_iter().map(describe));
    }
    for (_, d) in own(a).filter(|(_, d)| d.span.start <= offset && offset <= d.span.end) {
        parts.push(format!(
            "**{} {}**: {}\n\n{}",
            d.rule.code,
            d.rule.name,
            d.rule.summary,
            d.rule.doc.trim()
        ));
    }
    (!parts.is_empty()).then(|| Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: None,
    })
}

fn entry_location(a: &Analysis, uri: &Uri, e: &SourceEntry) -> Option<Location> {
    if e.file.name == a.doc.file.name {
        return Some(Location::new(uri.clone(), convert::range(&e.file.text, &e.span)));
    }
    let sc_uri = a.sidecar.as_deref().and_then(convert::to_uri)?;
    Some(Location::new(sc_uri, convert::range(&e.file.text, &e.span)))
}

/// From a marker to its entries.
pub fn definition(a: &Analysis, uri: &Uri, offset: usize) -> Vec<Location> {
    let Some(m) = marker_at(a, offset) else {
        return Vec::new();
    };
    entries_for(a, m)
        .into_iter()
        .filter_map(|e| entry_location(a, uri, e))
        .collect()
}

/// From an entry (or a marker) to every marker citing it.
pub fn references(a: &Analysis, uri: &Uri, offset: usize) -> Vec<Location> {
    let text = a.doc.file.text.as_str();
    let ids: Vec<SourceId> = match marker_at(a, offset) {
        Some(m) => m.items.iter().flat_map(|it| it.ids()).collect(),
        None => a
            .doc
            .sources
            .iter()
            .filter(|s| s.file.name == a.doc.file.name && s.span.start <= offset && offset <= s.span.end)
            .map(|s| s.id.clone())
            .collect(),
    };
    a.doc
        .markers
        .iter()
        .filter(|m| m.items.iter().any(|it| it.ids().any(|id| ids.contains(&id))))
        .map(|m| Location::new(uri.clone(), convert::range(text, &m.span)))
        .collect()
}

pub fn offset(a: &Analysis, p: Position) -> usize {
    convert::offset(&a.doc.file.text, p)
}
