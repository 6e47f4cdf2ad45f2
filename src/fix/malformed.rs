//! CIT006 fixes: a malformed marker whose suggestion is a plain list of ids
//! (`[1O]` → `[10]`, `[1,]` → `[1]`, `[2,,3]` → `[2, 3]`) is replaced by it
//! when every suggested id is a source of the draft.

use super::edit::Edit;
use crate::document::markers::{Malformed, SourceId};
use crate::document::Document;
use crate::rules::citations::Defined;

/// The replacement for one malformed marker, if it is safe.
pub fn fix_for(m: &Malformed, defined: &Defined<'_>) -> Option<Edit> {
    let s = m.suggestion.as_deref()?;
    let inner = s.strip_prefix('[')?.strip_suffix(']')?;
    let ids: Vec<u32> = inner
        .split(", ")
        .map(|p| p.parse::<u32>().ok().filter(|&n| n > 0))
        .collect::<Option<_>>()?;
    ids.iter()
        .all(|&n| defined.has(&SourceId::Num(n)))
        .then(|| Edit::new(m.span.clone(), s))
}

pub fn edits(doc: &Document) -> Vec<Edit> {
    let defined = Defined::new(&doc.sources);
    let hidden = super::suppressed::spans(doc);
    doc.malformed
        .iter()
        .filter(|m| !hidden.contains(&m.span))
        .filter_map(|m| fix_for(m, &defined))
        .collect()
}
