//! `citelint fix`: safe, idempotent rewrites of a draft's citations.
//!
//! Safe fixes: malformed markers with an unambiguous reading (`[1O]` →
//! `[10]`), an id repeated inside a group dropped, the ids of a group sorted,
//! exact duplicate entries merged, and every numbered source renumbered by
//! first citation with the sources list reordered to match (in whichever
//! form it is written: a sources section, `[n]:` definitions, front matter
//! or the sidecar). Unsafe fixes (`--unsafe-fixes`) also remove sources no
//! marker cites and merge sources that share a URL.
//!
//! Fixes are computed on a parsed `Document` and applied as byte edits; the
//! result is parsed again until nothing changes, and kept only if every
//! group of markers still cites the same sources (see `run.rs`).

pub mod attach;
pub mod command;
pub mod edit;
pub mod entries;
pub mod footnotes;
pub mod groups;
pub mod malformed;
pub mod plan;
pub mod run;
pub mod suppressed;

pub use edit::Edit;
pub use plan::{Options, Plan};
pub use run::{fix_texts, Outcome, Texts};

/// Whether a rule's findings can be fixed by `citelint fix`, and how.
pub fn fixability(code: &str) -> Option<&'static str> {
    Some(match code {
        "CIT003" => "safe when the duplicate entries have the same text: they are merged",
        "CIT004" => "safe: sources are renumbered 1..N by first citation",
        "CIT006" => "safe when the marker has one reading whose ids all resolve (`[1O]` → `[10]`, `[1,]` → `[1]`)",
        "CIT008" => "safe: the repeated id is dropped and the group's ids are sorted",
        "CIT002" => "unsafe (`--unsafe-fixes`): the uncited entry is removed",
        "SRC007" => "unsafe (`--unsafe-fixes`): the entries sharing the URL are merged into the first",
        _ => return None,
    })
}
