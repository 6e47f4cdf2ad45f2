//! Fixing one draft (and its sidecar) in memory: parse, apply the CIT006
//! fixes, then the renumbering plan, parse again, until nothing changes.
//! A renumbering is kept only if every group of markers still cites the same
//! sources afterwards; otherwise the draft is left as it was.

use std::collections::BTreeSet;

use super::edit::apply;
use super::plan::{self, cites, Options};
use crate::document::markers::SourceId;
use crate::document::{self, Document, Format, ParseOptions, Sidecar};
use crate::rules::citations::Defined;

/// A draft's text and its sidecar's (decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    pub draft: String,
    /// (name, text) of the sidecar.
    pub sidecar: Option<(String, String)>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Unchanged,
    Changed(Texts),
    /// Left alone, with the reason.
    Skipped(String),
}

/// More rounds than any draft needs: a fix that has not settled by then is
/// not trusted.
const ROUNDS: usize = 6;

fn parse(name: &str, format: Format, t: &Texts, popts: ParseOptions<'_>) -> Document {
    let sidecar = t.sidecar.as_ref().map(|(n, s)| Sidecar {
        name: n.clone(),
        bytes: s.as_bytes(),
    });
    document::parse(name, t.draft.as_bytes(), format, sidecar, popts)
}

/// What each group of citing markers cites, group by group: each source's
/// text (its first URL with unsafe fixes, which merge by URL), or the bare
/// number when it is undefined.
fn meaning(doc: &Document, by_url: bool) -> Vec<BTreeSet<String>> {
    let defined = Defined::new(&doc.sources);
    let mut first = std::collections::HashMap::new();
    for s in &doc.sources {
        first.entry(&s.id).or_insert(s);
    }
    let describe = |id: &SourceId| match first.get(id) {
        Some(e) if by_url && !e.urls.is_empty() => format!("url {}", e.urls[0].text),
        Some(e) => format!("text {}", e.content),
        None => format!("undefined {id}"),
    };
    let mut out: Vec<BTreeSet<String>> = Vec::new();
    let mut last = None;
    for m in doc.markers.iter().filter(|m| cites(m, &defined)) {
        if last != Some(m.group) {
            out.push(BTreeSet::new());
            last = Some(m.group);
        }
        let set = out.last_mut().expect("group pushed");
        set.extend(m.items.iter().flat_map(|it| it.ids()).map(|id| describe(&id)));
    }
    out
}

/// One round: the edits, applied. `None`: nothing to do.
fn round(doc: &Document, texts: &Texts, opts: Options<'_>) -> Option<Result<Texts, String>> {
    let fixes = if opts.off.contains(&"CIT006") {
        Vec::new()
    } else {
        super::malformed::edits(doc)
    };
    if !fixes.is_empty() {
        let draft = apply(&texts.draft, &fixes)?;
        return Some(Ok(Texts {
            draft,
            sidecar: texts.sidecar.clone(),
        }));
    }
    let plan = plan::renumber(doc, opts);
    if plan.is_empty() {
        return None;
    }
    let bad = || Err("the fixes overlap".to_string());
    let Some(draft) = apply(&texts.draft, &plan.draft) else {
        return Some(bad());
    };
    let sidecar = match &texts.sidecar {
        Some((n, s)) => match apply(s, &plan.sidecar) {
            Some(s) => Some((n.clone(), s)),
            None => return Some(bad()),
        },
        None => None,
    };
    Some(Ok(Texts { draft, sidecar }))
}

/// Fixes one draft. `name` and `format` are as for `document::parse`.
pub fn fix_texts(name: &str, format: Format, texts: &Texts, popts: ParseOptions<'_>, opts: Options<'_>) -> Outcome {
    let mut current = texts.clone();
    for _ in 0..ROUNDS {
        let doc = parse(name, format, &current, popts);
        if let Some(p) = doc.problems.first() {
            return Outcome::Skipped(format!("not fixed: {}", p.message));
        }
        let next = match round(&doc, &current, opts) {
            None if current == *texts => return Outcome::Unchanged,
            None => return Outcome::Changed(current),
            Some(Err(e)) => return Outcome::Skipped(format!("not fixed: {e}")),
            Some(Ok(next)) => next,
        };
        let after = parse(name, format, &next, popts);
        let renumbered = after.malformed.len() == doc.malformed.len();
        if renumbered && meaning(&doc, opts.unsafe_fixes) != meaning(&after, opts.unsafe_fixes) {
            return Outcome::Skipped("not fixed: renumbering would change what a marker cites".to_string());
        }
        current = next;
    }
    Outcome::Skipped("not fixed: the fixes did not settle".to_string())
}
