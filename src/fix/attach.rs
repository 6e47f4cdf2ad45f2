//! Fixes attached to findings: the JSON `fix` field, SARIF `fixes`, and the
//! language server's quick fixes all come from here.

use std::collections::HashMap;
use std::sync::Arc;

use super::edit::Edit;
use super::plan::{self, cites, Options};
use crate::diagnostic::{Diagnostic, Fix, FixEdit, Severity, SourceFile};
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
        let p = plan::renumber(
            doc,
            Options {
                unsafe_fixes,
                sources,
                off: &[],
            },
        );
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
    let mut groups: Option<Groups<'_>> = None;
    diags
        .iter()
        .map(|d| match d.rule.code {
            "CIT006" => doc
                .malformed
                .get(doc.malformed.partition_point(|m| m.span.start < d.span.start))
                .filter(|m| m.span == d.span && d.file.name == doc.file.name)
                .and_then(|m| super::malformed::fix_for(m, &defined))
                .map(|e| {
                    Arc::new(LocalFix {
                        message: format!("Replace with {}", e.text),
                        safe: true,
                        draft: vec![e],
                        sidecar: Vec::new(),
                    })
                }),
            "CIT008" => groups.get_or_insert_with(|| Groups::new(doc, &defined)).fix(d),
            // The renumbering rewrites the whole draft: it goes with the first
            // finding it fixes only (CIT003 as a warning: same text).
            "CIT003" | "CIT004"
                if safe_plan.is_none() && (d.rule.code == "CIT004" || d.severity == Severity::Warning) =>
            {
                safe_plan.insert(whole(false)).clone()
            }
            "CIT002" | "SRC007" if unsafe_plan.is_none() => unsafe_plan.insert(whole(true)).clone(),
            _ => None,
        })
        .collect()
}

/// CIT008 fixes from the edits of every group, one per marker.
struct Groups<'d> {
    doc: &'d Document,
    /// Every group's edits, sorted by position.
    edits: Vec<Edit>,
    /// By marker start.
    made: HashMap<usize, Option<Arc<LocalFix>>>,
}

impl<'d> Groups<'d> {
    fn new(doc: &'d Document, defined: &Defined<'_>) -> Self {
        let keep = |m: &crate::document::Marker| cites(m, defined) && !m.in_quote;
        let sel = super::groups::Select {
            keep: &keep,
            literal: &|_| false,
        };
        let mut edits = super::groups::edits(&doc.file.text, &doc.markers, &sel, &|n| n);
        edits.sort_by_key(|e| e.range.start);
        Groups {
            doc,
            edits,
            made: HashMap::new(),
        }
    }

    /// The fix for the CIT008 finding `d`: the repeat dropped from its
    /// marker (the marker removed when nothing else is left in it). Only the
    /// edit of that marker, so that a group with thousands of repeats does
    /// not give each finding the whole group's edits.
    fn fix(&mut self, d: &Diagnostic) -> Option<Arc<LocalFix>> {
        let markers = &self.doc.markers;
        let i = markers.partition_point(|m| m.span.end <= d.span.start);
        let m = markers.get(i).filter(|m| m.span.start <= d.span.start)?;
        let at = m.span.clone();
        let edits = &self.edits;
        self.made
            .entry(at.start)
            .or_insert_with(|| {
                // Edits inside the marker, or the deletion that ends with it.
                let from = edits.partition_point(|e| e.range.end < at.end && e.range.start < at.start);
                let draft: Vec<Edit> = edits[from..]
                    .iter()
                    .take_while(|e| e.range.start < at.end)
                    .filter(|e| e.range.end <= at.end && (e.range.start >= at.start || e.range.end == at.end))
                    .cloned()
                    .collect();
                (!draft.is_empty()).then(|| {
                    Arc::new(LocalFix {
                        message: "Remove the repeated id".into(),
                        safe: true,
                        draft,
                        sidecar: Vec::new(),
                    })
                })
            })
            .clone()
    }
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
    let mut made: HashMap<*const LocalFix, Arc<Fix>> = HashMap::new();
    for (d, f) in diags.iter_mut().zip(fixes) {
        let Some(f) = f else { continue };
        if let Some(done) = made.get(&Arc::as_ptr(&f)) {
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
        made.insert(Arc::as_ptr(&f), Arc::clone(&fix));
        d.fix = Some(fix);
    }
}
