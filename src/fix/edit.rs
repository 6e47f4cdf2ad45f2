//! Byte edits on one text, and applying a set of them.

use std::ops::Range;

/// Replace `range` (bytes of the decoded text) with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

impl Edit {
    pub fn new(range: Range<usize>, text: impl Into<String>) -> Self {
        Edit {
            range,
            text: text.into(),
        }
    }

    pub fn delete(range: Range<usize>) -> Self {
        Edit::new(range, "")
    }
}

/// Applies `edits` to `text`. Edits are sorted by position first; `None` when
/// two overlap or one does not fall on character boundaries inside the text.
pub fn apply(text: &str, edits: &[Edit]) -> Option<String> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in sorted {
        let r = &e.range;
        if r.start < pos || r.end < r.start || !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
            return None;
        }
        out.push_str(&text[pos..r.start]);
        out.push_str(&e.text);
        pos = r.end;
    }
    out.push_str(&text[pos..]);
    Some(out)
}

/// The byte range of the whole lines `span` touches, line break included
/// (deleting it leaves no empty line behind).
pub fn whole_lines(text: &str, span: Range<usize>) -> Range<usize> {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i + 1);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_sorted_and_rejects_overlaps() {
        let edits = [Edit::new(4..5, "X"), Edit::new(0..1, "ab")];
        assert_eq!(apply("0123456", &edits).as_deref(), Some("ab123X56"));
        assert!(apply("0123", &[Edit::new(0..2, ""), Edit::new(1..3, "")]).is_none());
        assert!(apply("é", &[Edit::new(1..2, "")]).is_none());
    }

    #[test]
    fn whole_lines_take_the_break() {
        let t = "a\n  b c\nd";
        let b = t.find('b').unwrap();
        assert_eq!(&t[whole_lines(t, b..b + 3)], "  b c\n");
        assert_eq!(&t[whole_lines(t, 8..9)], "d");
    }
}
