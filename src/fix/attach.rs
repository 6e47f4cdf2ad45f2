//! Fixes attached to findings: the JSON `fix` field, SARIF `fixes`, and the
//! language server's quick fixes all come from here.

use std::sync::Arc;

use super::edit::Edit;
use super::plan::{self, cites, Options};
use crate::diagnostic::{Diagnostic, Fix, FixEdit, SourceFile};
use crate::document::Document;
use crate::rules::citations::Defined;

/// A fix in the draft's and the sidecar's decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalFix {
    pub message: String,
    pub safe: bool,
    pub draft: Vec<Edit>,
    pub sidecar: Vec<Edit>,
}

/// The fix for each finding (same order), computed once per kind.
pub fn local_fixes(
    doc: &Document,
    diags: &[Diagnostic],
    sources: &crate::data::SourcesData,
) -> Vec<Option<Arc<LocalFix>>> {
    let mut safe_plan: Option<Option<Arc<LocalFix>>> = None;
    let mut unsafe_plan: Option<Option<Arc<LocalFix>>> = None;
    let whole = |unsafe_fixes: bool| {
        let p = plan::renumber(doc, Options { unsafe_fixes, sources });
        (!p.is_empty()).then(|| {
            Arc::new(LocalFix {
                message: if unsafe_fixes {
                    "Renumber citations, removing uncited sources and merging shared URLs".into()
                } else {
                    "Renumber citations by first appearance".into()
                },
                safe: !unsafe_fixes,
                draft: p.draft,
                sidecar: p.sidecar,
            })
        })
    };
    let defined = Defined::new(&doc.sources);
    diags
        .iter()
        .map(|d| match d.rule.code {
            "CIT006" => doc
                .malformed
                .iter()
                .find(|m| m.span == d.span && d.file.name == doc.file.name)
                .and_then(|m| super::malformed::fix_for(m, &defined))
                .map(|e| {
                    Arc::new(LocalFix {
                        message: format!("Replace with {}", e.text),
                        safe: true,
                        draft: vec![e],
                        sidecar: Vec::new(),
                    })
                }),
            "CIT008" => group_fix(doc, d, &defined),
            // CIT003 as a warning: the two entries have the same text.
            "CIT003" if d.severity == crate::diagnostic::Severity::Warning => {
                safe_plan.get_or_insert_with(|| whole(false)).clone()
            }
            "CIT004" => safe_plan.get_or_insert_with(|| whole(false)).clone(),
            "CIT002" | "SRC007" => unsafe_plan.get_or_insert_with(|| whole(true)).clone(),
            _ => None,
        })
        .collect()
}

/// CIT008: the group's repeated ids dropped and its ids sorted.
fn group_fix(doc: &Document, d: &Diagnostic, defined: &Defined<'_>) -> Option<Arc<LocalFix>> {
    let at = doc
        .markers
        .iter()
        .find(|m| m.span.start <= d.span.start && d.span.end <= m.span.end)?;
    let members: Vec<_> = doc.markers.iter().filter(|m| m.group == at.group).collect();
    let extent = members.first()?.span.start..members.last()?.span.end;
    let keep = |m: &crate::document::Marker| cites(m, defined);
    let sel = super::groups::Select {
        keep: &keep,
        literal: &|_| false,
    };
    let edits: Vec<Edit> = super::groups::edits(&doc.file.text, &doc.markers, &sel, &|n| n)
        .into_iter()
        .filter(|e| extent.start <= e.range.start && e.range.end <= extent.end)
        .collect();
    (!edits.is_empty()).then(|| {
        Arc::new(LocalFix {
            message: "Remove the repeated id and sort the group".into(),
            safe: true,
            draft: edits,
            sidecar: Vec::new(),
        })
    })
}

fn to_file_edits<'a>(file: &'a SourceFile, edits: &'a [Edit]) -> impl Iterator<Item = FixEdit> + 'a {
    edits.iter().map(|e| FixEdit {
        file: file.name.clone(),
        byte_start: file.file_offset(e.range.start),
        byte_end: file.file_offset(e.range.end),
        replacement: e.text.clone(),
    })
}

/// Attaches each finding's fix (byte offsets in the files on disk). Call
/// before the file is compacted. A draft that is not valid UTF-8 gets none.
pub fn attach(doc: &Document, diags: &mut [Diagnostic], sources: &crate::data::SourcesData) {
    if !doc.problems.is_empty() || !diags.iter().any(|d| super::fixability(d.rule.code).is_some()) {
        return;
    }
    let fixes = local_fixes(doc, diags, sources);
    let mut made: Vec<(*const LocalFix, Arc<Fix>)> = Vec::new();
    for (d, f) in diags.iter_mut().zip(fixes) {
        let Some(f) = f else { continue };
        if let Some((_, done)) = made.iter().find(|(p, _)| *p == Arc::as_ptr(&f)) {
            d.fix = Some(Arc::clone(done));
            continue;
        }
        let mut edits: Vec<FixEdit> = to_file_edits(&doc.file, &f.draft).collect();
        if let Some(sc) = &doc.sidecar {
            edits.extend(to_file_edits(sc, &f.sidecar));
        }
        edits.sort_by(|a, b| (&a.file, a.byte_start).cmp(&(&b.file, b.byte_start)));
        let fix = Arc::new(Fix {
            message: f.message.clone(),
            safe: f.safe,
            edits,
        });
        made.push((Arc::as_ptr(&f), Arc::clone(&fix)));
        d.fix = Some(fix);
    }
}
