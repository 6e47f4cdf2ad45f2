//! A file's text as findings and reporters see it: the decoded text, its
//! line index, and the map back to byte offsets in the file on disk. A leaf:
//! it imports nothing else of the crate.

use std::ops::Range;
use std::sync::Arc;

pub mod lines;

use lines::LineIndex;

/// Maps offsets in the decoded text back to offsets in the file on disk,
/// which differ after a stripped BOM and after each invalid UTF-8 sequence
/// (replaced by the 3-byte U+FFFD).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pub bom: usize,
    /// (decoded offset just after a replacement, cumulative file − decoded delta).
    fixes: Vec<(usize, isize)>,
}

impl OffsetMap {
    pub fn with_bom(bom: usize) -> Self {
        OffsetMap { bom, fixes: Vec::new() }
    }

    pub fn record(&mut self, decoded_after: usize, delta: isize) {
        self.fixes.push((decoded_after, delta));
    }

    pub fn to_file(&self, decoded: usize) -> usize {
        let i = self.fixes.partition_point(|&(at, _)| at <= decoded);
        let delta = if i == 0 { 0 } else { self.fixes[i - 1].1 };
        (decoded as isize + self.bom as isize + delta).max(0) as usize
    }
}

/// A file's text as diagnostics see it: a display name (the path as the user
/// gave it), the decoded text and its line index.
#[derive(Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    pub lines: LineIndex,
    /// Turns offsets into the decoded text into offsets into the file on
    /// disk (JSON reports those, so that tools can index the file); use
    /// `file_offset`, which also undoes a compaction.
    pub offsets: OffsetMap,
    /// For a compacted file (see `compact`): the start of each kept line in
    /// `text` and in the full decoded text. Empty: `text` is the full text.
    kept: Vec<(usize, usize)>,
}

impl SourceFile {
    /// A file whose text is exactly its bytes (tests, clean UTF-8).
    pub fn new(name: impl Into<String>, text: String, bom: usize) -> Arc<Self> {
        Self::decoded(name, text, OffsetMap::with_bom(bom))
    }

    pub fn decoded(name: impl Into<String>, text: String, offsets: OffsetMap) -> Arc<Self> {
        let lines = LineIndex::new(&text);
        Arc::new(SourceFile {
            name: name.into(),
            text,
            lines,
            offsets,
            kept: Vec::new(),
        })
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.lines.position(&self.text, offset)
    }

    /// The offset in the full decoded text of an offset into `text` (they
    /// differ in a compacted file).
    pub fn full_offset(&self, offset: usize) -> usize {
        match self.kept.partition_point(|&(at, _)| at <= offset) {
            0 => offset,
            i => {
                let (at, full) = self.kept[i - 1];
                full + (offset - at)
            }
        }
    }

    /// The byte offset in the file on disk of an offset into `text`.
    pub fn file_offset(&self, offset: usize) -> usize {
        self.offsets.to_file(self.full_offset(offset))
    }

    /// A copy that keeps only the lines `spans` touch: every other line is
    /// emptied but keeps its line break, so line numbers, columns and what a
    /// report shows of the kept lines stay the same. A long run keeps only
    /// the findings' lines of each file instead of whole drafts. Returns
    /// `None` when that would save little; otherwise the copy and a function
    /// that maps an offset of this file to the copy (spans must be moved with
    /// it).
    pub fn compact(&self, spans: &[Range<usize>]) -> Option<(Arc<SourceFile>, impl Fn(usize) -> usize + '_)> {
        if !self.kept.is_empty() {
            return None;
        }
        let len = self.text.len();
        let count = self.lines.line_count().max(1);
        let mut keep = vec![false; count];
        for sp in spans {
            let s = sp.start.min(len);
            let e = sp.end.clamp(s, len);
            let first = self.lines.line_of(s).min(count - 1);
            let last = self.lines.line_of(e.saturating_sub(1).max(s)).min(count - 1);
            keep[first..=last].iter_mut().for_each(|k| *k = true);
        }
        let next_start = |i: usize| {
            if i + 1 < count {
                self.lines.line_start(i + 1)
            } else {
                len
            }
        };
        let kept_bytes: usize = (0..count)
            .filter(|&i| keep[i])
            .map(|i| next_start(i) - self.lines.line_start(i))
            .sum();
        if kept_bytes * 4 > len * 3 {
            return None;
        }
        let mut text = String::with_capacity(kept_bytes + count);
        let mut new_starts = Vec::with_capacity(count);
        let mut kept = Vec::new();
        for (i, &k) in keep.iter().enumerate() {
            let start = self.lines.line_start(i);
            new_starts.push(text.len());
            if k {
                kept.push((text.len(), start));
                text.push_str(&self.text[start..next_start(i)]);
            } else {
                let content = self.lines.line_range(&self.text, i);
                text.push_str(&self.text[content.end..next_start(i)]);
            }
        }
        text.shrink_to_fit();
        let lines = LineIndex::new(&text);
        let copy = Arc::new(SourceFile {
            name: self.name.clone(),
            text,
            lines,
            offsets: self.offsets.clone(),
            kept,
        });
        let map = move |offset: usize| {
            let offset = offset.min(len);
            let i = self.lines.line_of(offset).min(count - 1);
            if keep[i] {
                new_starts[i] + (offset - self.lines.line_start(i))
            } else {
                new_starts[i]
            }
        };
        Some((copy, map))
    }
}

/// A span a reader can see: an empty span (a parser's "error here") covers
/// the character at it, or the one before it at the end of a line.
pub fn visible_span(text: &str, span: Range<usize>) -> Range<usize> {
    let start = span.start.min(text.len());
    if span.end > start {
        return start..span.end.min(text.len());
    }
    let not_eol = |c: &char| !matches!(c, '\n' | '\r');
    if let Some(c) = text[start..].chars().next().filter(not_eol) {
        return start..start + c.len_utf8();
    }
    match text[..start].chars().next_back().filter(not_eol) {
        Some(c) => start - c.len_utf8()..start,
        None => start..start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compacted_file_keeps_positions_offsets_and_the_touched_lines() {
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&format!("Line {i} with “quotes” and é.\r\n"));
        }
        text.push_str("Last line without a break");
        let mut offsets = OffsetMap::with_bom(3);
        offsets.record(50, 2);
        let full = SourceFile::decoded("a.md", text.clone(), offsets);
        let at = |line: usize, word: &str| {
            let start = full.lines.line_start(line);
            let i = text[start..].find(word).unwrap() + start;
            i..i + word.len()
        };
        let spans = vec![at(3, "quotes"), at(20, "with"), at(40, "without"), at(5, "Line 5")];
        let (small, map) = full.compact(&spans).expect("most lines are untouched");
        assert!(small.text.len() < text.len() / 5, "{}", small.text.len());
        for sp in &spans {
            let moved = map(sp.start)..map(sp.end);
            assert_eq!(&small.text[moved.clone()], &text[sp.clone()]);
            assert_eq!(small.position(moved.start), full.position(sp.start));
            assert_eq!(small.position(moved.end), full.position(sp.end));
            assert_eq!(small.file_offset(moved.start), full.file_offset(sp.start));
            assert_eq!(small.full_offset(moved.end), sp.end);
        }
        // A span ending at a line break maps to the next line's start.
        let line3 = full.lines.line_start(3)..full.lines.line_start(4);
        assert_eq!(small.full_offset(map(line3.end)), line3.end);
        assert_eq!(small.lines.line_count(), full.lines.line_count());
        // Nothing to gain: the file is kept whole.
        let all: Vec<_> = (0..41).map(|l| at(l, "with")).collect();
        assert!(full.compact(&all).is_none());
    }
}
