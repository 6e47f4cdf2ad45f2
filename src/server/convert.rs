//! Byte offsets ↔ LSP positions (0-based line, UTF-16 code units), and
//! file paths ↔ `file:` URIs.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Range, Uri};

/// The position of byte `offset` (clamped to the text, floored to a char boundary).
pub fn position(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let character: usize = text[line_start..offset].chars().map(char::len_utf16).sum();
    Position::new(line as u32, character as u32)
}

pub fn range(text: &str, r: &std::ops::Range<usize>) -> Range {
    Range::new(position(text, r.start), position(text, r.end))
}

/// The byte offset of a position (past the end of a line: the line's end).
pub fn offset(text: &str, p: Position) -> usize {
    let mut start = 0;
    for _ in 0..p.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut units = 0u32;
    for (i, c) in text[start..end].char_indices() {
        if units >= p.character {
            return start + i;
        }
        units += c.len_utf16() as u32;
    }
    end
}

pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

pub fn to_uri(path: &Path) -> Option<Uri> {
    let u = url::Url::from_file_path(path).ok()?;
    Uri::from_str(u.as_str()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_round_trip() {
        let t = "a😀b\nçd [1]\n";
        let b = t.find('b').unwrap();
        assert_eq!(position(t, b), Position::new(0, 3));
        assert_eq!(offset(t, Position::new(0, 3)), b);
        let m = t.find('[').unwrap();
        assert_eq!(position(t, m), Position::new(1, 3));
        assert_eq!(offset(t, Position::new(1, 3)), m);
        assert_eq!(offset(t, Position::new(9, 0)), t.len());
    }
}
