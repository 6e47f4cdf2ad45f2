//! Byte offset ↔ line/column mapping.
//!
//! Every span in citelint is a byte range into the original text; humans want
//! 1-based lines and columns that count characters (what an editor shows), so
//! the conversion lives here, once. Line breaks are `\n`, `\r\n` and a lone
//! `\r` (old Mac files), matching what CommonMark treats as a line ending.

use std::ops::Range;
use std::sync::OnceLock;

/// Bytes between two character-count checkpoints (see `LineIndex::position`).
const CHECKPOINT: usize = 4096;

#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset where each line starts; `starts[0] == 0`.
    starts: Starts,
    len: usize,
    /// Characters before each multiple of `CHECKPOINT` bytes, built on the
    /// first column asked for far into a long line, so that columns on a
    /// megabyte-long line do not each cost a count from the line's start.
    checkpoints: OnceLock<Vec<usize>>,
}

/// Line starts as 32-bit offsets when the text is under 4 GiB (every real
/// draft): half the room, and a long run keeps the index of every file with
/// findings (see `SourceFile::compact`) until the report.
#[derive(Debug, Clone)]
enum Starts {
    Narrow(Vec<u32>),
    Wide(Vec<usize>),
}

impl Default for Starts {
    fn default() -> Self {
        Starts::Narrow(Vec::new())
    }
}

impl Starts {
    fn len(&self) -> usize {
        match self {
            Starts::Narrow(v) => v.len(),
            Starts::Wide(v) => v.len(),
        }
    }

    fn get(&self, idx: usize) -> Option<usize> {
        match self {
            Starts::Narrow(v) => v.get(idx).map(|&s| s as usize),
            Starts::Wide(v) => v.get(idx).copied(),
        }
    }

    /// The start of line `idx` (panics past the last line, like indexing).
    fn at(&self, idx: usize) -> usize {
        match self {
            Starts::Narrow(v) => v[idx] as usize,
            Starts::Wide(v) => v[idx],
        }
    }

    fn binary_search(&self, offset: usize) -> Result<usize, usize> {
        match self {
            Starts::Narrow(v) => match u32::try_from(offset) {
                Ok(o) => v.binary_search(&o),
                Err(_) => Err(v.len()),
            },
            Starts::Wide(v) => v.binary_search(&offset),
        }
    }
}

/// Calls `push` with the start of every line after the first.
fn each_line_start(bytes: &[u8], mut push: impl FnMut(usize)) {
    let mut i = 0;
    while let Some(off) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
        let at = i + off;
        let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
        push(next);
        i = next;
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        Self::with_width(text, u32::try_from(text.len()).is_err())
    }

    /// An index with 64-bit starts (`wide`) or 32-bit ones (only for a
    /// text under 4 GiB).
    fn with_width(text: &str, wide: bool) -> Self {
        let bytes = text.as_bytes();
        let guess = bytes.len() / 64 + 1;
        // The guess is far off for short lines and for a compacted file,
        // whose index lives until the report: no spare capacity is kept.
        let starts = if !wide {
            let mut v: Vec<u32> = Vec::with_capacity(guess);
            v.push(0);
            each_line_start(bytes, |s| v.push(s as u32));
            v.shrink_to_fit();
            Starts::Narrow(v)
        } else {
            let mut v: Vec<usize> = Vec::with_capacity(guess);
            v.push(0);
            each_line_start(bytes, |s| v.push(s));
            v.shrink_to_fit();
            Starts::Wide(v)
        };
        LineIndex {
            starts,
            len: bytes.len(),
            checkpoints: OnceLock::new(),
        }
    }

    /// Number of lines (a trailing newline does not open a further line).
    pub fn line_count(&self) -> usize {
        let n = self.starts.len();
        if n > 1 && self.starts.get(n - 1) == Some(self.len) {
            n - 1
        } else {
            n
        }
    }

    /// 0-based index of the line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte range of line `idx` (0-based), without its line terminator.
    pub fn line_range(&self, text: &str, idx: usize) -> Range<usize> {
        let start = self.starts.at(idx);
        let mut end = self.starts.get(idx + 1).unwrap_or(self.len);
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    pub fn line_start(&self, idx: usize) -> usize {
        self.starts.at(idx)
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts.at(line);
        let bytes = text.as_bytes();
        let chars = if offset - start <= CHECKPOINT {
            count_chars(&bytes[start..offset])
        } else {
            self.chars_before(bytes, offset) - self.chars_before(bytes, start)
        };
        (line + 1, chars + 1)
    }

    /// Characters in `bytes[..offset]`, from the nearest checkpoint.
    /// (`count_chars` counts lead bytes, so it adds up across any cut.)
    fn chars_before(&self, bytes: &[u8], offset: usize) -> usize {
        let marks = self.checkpoints.get_or_init(|| {
            let mut total = 0;
            let mut marks = vec![0];
            for block in bytes.chunks(CHECKPOINT) {
                total += count_chars(block);
                marks.push(total);
            }
            marks
        });
        let k = offset / CHECKPOINT;
        marks[k] + count_chars(&bytes[k * CHECKPOINT..offset])
    }

    /// Iterator over `(0-based index, byte range without terminator)`.
    pub fn lines<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, Range<usize>)> + 'a {
        (0..self.line_count()).map(move |i| (i, self.line_range(text, i)))
    }
}

/// The largest character boundary of `text` at or before `i` (clamped to
/// its length): for cutting text at a byte budget or at an offset that a
/// library reports without promising a boundary.
pub fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Counts UTF-8 characters by counting non-continuation bytes (vectorises well).
pub fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a’b [1]\nsecond";
        let idx = LineIndex::new(text);
        let at = text.find('[').unwrap();
        assert_eq!(idx.position(text, at), (1, 5));
        assert_eq!(idx.position(text, text.find("second").unwrap()), (2, 1));
    }

    #[test]
    fn crlf_and_lone_cr_break_lines() {
        let text = "one\r\ntwo\rthree\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        assert_eq!(&text[idx.line_range(text, 0)], "one");
        assert_eq!(&text[idx.line_range(text, 1)], "two");
        assert_eq!(&text[idx.line_range(text, 2)], "three");
        assert_eq!(idx.position(text, text.find("three").unwrap()), (3, 1));
    }

    #[test]
    fn floor_char_boundary_backs_off_inside_a_character() {
        let text = "a’b";
        assert_eq!(
            (1..=4).map(|i| floor_char_boundary(text, i)).collect::<Vec<_>>(),
            [1, 1, 1, 4]
        );
        assert_eq!(floor_char_boundary(text, 99), text.len());
    }

    #[test]
    fn columns_far_into_a_long_line_match_a_plain_count() {
        let text = format!("first\n{}", "aé’\u{1F600}b".repeat(5_000));
        let idx = LineIndex::new(&text);
        let start = text.find('\n').unwrap() + 1;
        for (k, (offset, _)) in text[start..].char_indices().enumerate().step_by(997) {
            assert_eq!(idx.position(&text, start + offset), (2, k + 1));
        }
        assert_eq!(idx.position(&text, text.len()).1, text[start..].chars().count() + 1);
    }

    #[test]
    fn narrow_and_wide_starts_agree() {
        let text = "one\r\ntwo\rthree\n\n  fourth’s line\nlast";
        let (narrow, wide) = (LineIndex::with_width(text, false), LineIndex::with_width(text, true));
        assert!(matches!(narrow.starts, Starts::Narrow(_)) && matches!(wide.starts, Starts::Wide(_)));
        assert_eq!(narrow.line_count(), wide.line_count());
        for offset in 0..=text.len() + 2 {
            assert_eq!(narrow.line_of(offset), wide.line_of(offset), "{offset}");
            if text.is_char_boundary(offset.min(text.len())) {
                assert_eq!(narrow.position(text, offset), wide.position(text, offset), "{offset}");
            }
        }
        for i in 0..narrow.line_count() {
            assert_eq!(narrow.line_range(text, i), wide.line_range(text, i));
            assert_eq!(narrow.line_start(i), wide.line_start(i));
        }
    }

    #[test]
    fn last_line_without_newline() {
        let text = "a\nb";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 2);
        assert_eq!(&text[idx.line_range(text, 1)], "b");
        assert_eq!(LineIndex::new("").line_count(), 1);
    }
}
