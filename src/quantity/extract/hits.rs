//! Designator and event matches ("Route 9", "UN Security Council Resolution
//! 1244", "the 2024 floods") over a whole document: one regular-expression
//! pass per document, searched only in windows around digits.

use crate::quantity::lexicon::Lexicon;

/// Designator and event matches over the whole masked text, in order: one
/// regular-expression pass per document instead of one per sentence.
#[derive(Default)]
pub(super) struct Hits {
    pub(super) designators: Vec<std::ops::Range<usize>>,
    pub(super) events: Vec<std::ops::Range<usize>>,
}

/// How far before a number a designator may start ("UN Security Council
/// Resolution 1244").
const DESIGNATOR_REACH: usize = 80;

impl Hits {
    /// Every pattern names a number, so they are only searched in windows
    /// around digits: most of a document's text is never scanned.
    pub(super) fn find(lex: &Lexicon, masked: &str) -> Hits {
        let mut hits = Hits::default();
        if lex.designators.is_none() && lex.events.is_none() {
            return hits;
        }
        let b = masked.as_bytes();
        let mut windows: Vec<std::ops::Range<usize>> = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let mut start = i.saturating_sub(DESIGNATOR_REACH);
            while !masked.is_char_boundary(start) {
                start += 1;
            }
            while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'-' | b',' | b'.')) {
                i += 1;
            }
            // A word boundary at the window's end must be a real one.
            let mut end = i;
            while end < b.len() && b[end].is_ascii_alphanumeric() {
                end += 1;
            }
            match windows.last_mut() {
                Some(w) if start <= w.end => w.end = end,
                _ => windows.push(start..end),
            }
        }
        for (re, out) in [
            (&lex.designators, &mut hits.designators),
            (&lex.events, &mut hits.events),
        ] {
            let Some(re) = re else { continue };
            for w in &windows {
                // `find_at` sees the text before the window, so `\b` is right
                // at its start.
                let hay = &masked[..w.end];
                let mut pos = w.start;
                while let Some(m) = re.find_at(hay, pos) {
                    if out.last().is_none_or(|l: &std::ops::Range<usize>| l.end <= m.start()) {
                        out.push(m.range());
                    }
                    pos = m.end();
                    if m.is_empty() {
                        // Patterns name numbers and never match empty text;
                        // step on anyway, to a character boundary.
                        pos += 1;
                        while pos < hay.len() && !hay.is_char_boundary(pos) {
                            pos += 1;
                        }
                    }
                    if pos > hay.len() {
                        break;
                    }
                }
            }
        }
        hits
    }
}
