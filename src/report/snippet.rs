//! A miette `SourceCode` that shows only the lines the labels touch, and cuts
//! long lines to a window around the labels (drafts often have 700-character
//! lines, and a hostile input may have a 10 MB one). Offsets stay the file's
//! real byte offsets, so labels need no translation, and line and column
//! numbers are the real ones.
//!
//! miette borrows the returned text for the lifetime of the `SourceCode`, so
//! the windows are computed up front, one per group of nearby labels.

use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::diagnostic::SourceFile;

/// Lines up to this many characters are shown whole.
const SHORT_LINE: usize = 160;
/// Characters shown on each side of the labels on a longer line.
const WINDOW: usize = 60;
const ELLIPSIS: &str = "…";

#[derive(Debug)]
struct Window {
    data: String,
    /// Virtual offset of `data[0]` (real offset of the first shown byte,
    /// minus the ellipsis we put in front).
    base: usize,
    first_line: usize,
    last_line: usize,
}

#[derive(Debug)]
pub struct Snippet {
    file: Arc<SourceFile>,
    windows: Vec<Window>,
}

impl Snippet {
    /// `spans` are the (start, end) byte ranges of every label to be shown.
    pub fn new(file: Arc<SourceFile>, spans: &[(usize, usize)]) -> Self {
        let len = file.text.len();
        let mut groups: Vec<(usize, usize, usize, usize)> = spans
            .iter()
            .map(|&(s, e)| {
                let s = s.min(len);
                let e = e.clamp(s, len);
                let l0 = file.lines.line_of(s);
                let l1 = file.lines.line_of(e.saturating_sub(1).max(s));
                (l0, l1, s, e)
            })
            .collect();
        groups.sort();
        let mut merged: Vec<(usize, usize, usize, usize)> = Vec::new();
        for g in groups {
            match merged.last_mut() {
                Some(m) if g.0 <= m.1 + 1 => {
                    m.1 = m.1.max(g.1);
                    m.2 = m.2.min(g.2);
                    m.3 = m.3.max(g.3);
                }
                _ => merged.push(g),
            }
        }
        let windows = merged
            .into_iter()
            .map(|(l0, l1, s, e)| window(&file, l0, l1, s, e))
            .collect();
        Snippet { file, windows }
    }
}

fn window(file: &SourceFile, first: usize, last: usize, start: usize, end: usize) -> Window {
    let text = file.text.as_str();
    let first_range = file.lines.line_range(text, first);
    let last_range = file.lines.line_range(text, last);

    // Counting stops at the bound: a finding on a megabyte-long line must
    // not cost the line's length (there may be 100,000 of them).
    let more_than = |s: &str, n: usize| s.chars().nth(n).is_some();
    let long = |r: &std::ops::Range<usize>| more_than(&text[r.clone()], SHORT_LINE);
    let mut from = first_range.start;
    let mut prefix = "";
    if long(&first_range) && start > from && more_than(&text[from..start], WINDOW) {
        let mut k = start;
        for _ in 0..WINDOW {
            k -= text[..k].chars().next_back().map_or(1, char::len_utf8);
        }
        // The window's virtual base (`from` minus the ellipsis) cannot go
        // below 0: on the file's first bytes, show them rather than cut one or two.
        if k >= ELLIPSIS.len() {
            from = k;
            prefix = ELLIPSIS;
        }
    }
    let mut to = last_range.end;
    let mut suffix = "";
    let tail_from = end.clamp(last_range.start, to);
    if long(&last_range) && more_than(&text[tail_from..to], WINDOW) {
        to = tail_from
            + text[tail_from..]
                .chars()
                .take(WINDOW)
                .map(char::len_utf8)
                .sum::<usize>();
        suffix = ELLIPSIS;
    }
    let mut data = String::with_capacity(to - from + 2 * ELLIPSIS.len());
    data.push_str(prefix);
    data.push_str(&text[from..to]);
    data.push_str(suffix);
    Window {
        data,
        base: from - prefix.len(),
        first_line: first,
        last_line: last,
    }
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _context_before: usize,
        _context_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset();
        if start > self.file.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let line = self.file.lines.line_of(start);
        let w = self
            .windows
            .iter()
            .find(|w| w.first_line <= line && line <= w.last_line)
            .ok_or(MietteError::OutOfBounds)?;
        // Line and column are the span's own: miette prints them in the header
        // (for the primary label) and numbers the snippet from them (for a
        // context, which always starts at the window's first label).
        let (_, col) = self.file.position(start);
        Ok(Box::new(MietteSpanContents::new_named(
            super::printable(&self.file.name).into_owned(),
            w.data.as_bytes(),
            SourceSpan::new(w.base.into(), w.data.len()),
            line,
            col - 1,
            w.last_line - line + 1,
        )))
    }
}
