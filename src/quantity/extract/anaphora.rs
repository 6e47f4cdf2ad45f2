//! Numbers that stand for an earlier measure: "The figure was 43", "It was
//! 43", and a bare change ("That makes the increase 6.2 percent") take the
//! frame of the nearest fitting mention before them.

use std::sync::Arc;

use crate::quantity::{Mention, Role};

/// How many earlier mentions an anaphor looks back through.
const ANAPHOR_REACH: usize = 64;

/// "The death toll … stands at 43" after a sentence naming the report, or
/// "The figure was 43": a number whose head stands for an earlier measure
/// takes the frame of the nearest measured number of the same dimension in
/// the same or the previous two sentences.
pub(super) fn resolve_anaphors(ms: &mut [Mention]) {
    resolve_bare_changes(ms);
    for i in 0..ms.len() {
        if !ms[i].frame.anaphor || ms[i].frame.head.is_some() {
            continue;
        }
        let src = ms[i.saturating_sub(ANAPHOR_REACH)..i]
            .iter()
            .rev()
            .find(|p| p.frame.head.is_some() && p.dimension == ms[i].dimension && ms[i].sentence - p.sentence <= 2);
        if let Some(src) = src {
            let (head, context, names) = (
                src.frame.head.clone(),
                src.frame.context.clone(),
                src.frame.names.clone(),
            );
            let f = &mut ms[i].frame;
            f.head = head;
            f.context.extend(context);
            f.context.sort();
            f.context.dedup();
            f.names.extend(names);
            f.names.sort();
            f.names.dedup();
        }
    }
}

/// "That makes the increase 6.2 percent": a change that names nothing but
/// itself changes the level stated just before it (any unit: a percent
/// change of a wage in dollars). It takes that level's words, so it is
/// compared as a change of that measure.
fn resolve_bare_changes(ms: &mut [Mention]) {
    for i in 0..ms.len() {
        let f = &ms[i].frame;
        let bare =
            f.role == Role::Change && f.head.as_deref() == Some("change") && f.context.is_empty() && f.names.is_empty();
        if !bare {
            continue;
        }
        let src = ms[i.saturating_sub(ANAPHOR_REACH)..i]
            .iter()
            .rev()
            .find(|p| p.frame.head.is_some() && p.frame.role == Role::Level && ms[i].sentence - p.sentence <= 2);
        if let Some(src) = src {
            let mut words: Vec<Arc<str>> = src.frame.context.iter().chain(&src.frame.head).cloned().collect();
            let names = src.frame.names.clone();
            words.sort();
            words.dedup();
            let f = &mut ms[i].frame;
            f.context = words;
            f.names = names;
        }
    }
}
