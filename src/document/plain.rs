//! Structure of plain-text drafts (the seeds are plain text, not Markdown).
//!
//! Rules, from the drafts we lint. When the file has no blank lines at all (the
//! seeds), every line is a block: a short line without terminal punctuation
//! (`Executive Summary`, `1. Why U.S. Troops Patrol: …`) is a heading, any
//! other line its own paragraph. Otherwise paragraphs are blank-line separated
//! blocks whose lines are one text (hard-wrapped prose), and a heading is a
//! short unpunctuated line set apart: after a blank line (or at the top) and
//! either before a blank line, numbered (`2. The bill`), or much shorter
//! than a wrap width (`Checked on …` may follow a title directly). Lines
//! starting with `>` are quotes. HTML comments are ignored, as in Markdown.

use super::{Block, BlockKind, RangeSet};
use crate::text::lines::LineIndex;

pub struct PlainInfo {
    pub ignored: RangeSet,
    pub quotes: RangeSet,
    pub blocks: Vec<Block>,
}

/// Longest line (in characters) that can still be a heading.
const MAX_HEADING_CHARS: usize = 120;
const MAX_HEADING_WORDS: usize = 16;

/// A heading directly followed by text is at most this long; the first line
/// of a hard-wrapped paragraph is longer.
const SHORT_HEADING_CHARS: usize = 48;

/// `1. The damage`, `2) Costs`: a numbered line.
fn is_numbered(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && digits <= 2
        && matches!(t.as_bytes().get(digits), Some(b'.' | b')'))
        && t.as_bytes().get(digits + 1) == Some(&b' ')
}

/// Whether a plain-text line reads as a heading rather than a sentence.
pub fn is_heading_line(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > MAX_HEADING_CHARS || t.split_whitespace().count() > MAX_HEADING_WORDS {
        return false;
    }
    if t.starts_with('>') || t.starts_with("<!--") {
        return false;
    }
    let last = t.chars().last().unwrap();
    if matches!(last, '.' | '!' | '?' | ';' | ',' | '"' | '”' | '’' | ')' | ']' | '…') {
        return false;
    }
    true
}

pub fn analyze(text: &str, lines: &LineIndex, start: usize) -> PlainInfo {
    let mut ignored = RangeSet::default();
    let mut quotes = RangeSet::default();
    let mut blocks = Vec::new();

    // HTML comments (suppression comments live here too).
    let mut from = start;
    while let Some(off) = text[from..].find("<!--") {
        let s = from + off;
        let e = text[s + 4..].find("-->").map_or(text.len(), |o| s + 4 + o + 3);
        ignored.push(s..e);
        from = e;
    }

    let first = lines.line_of(start);
    let all: Vec<_> = lines.lines(text).skip(first).collect();
    let has_blank = all.iter().any(|(_, r)| text[r.clone()].trim().is_empty());
    let mut para: Option<std::ops::Range<usize>> = None;
    let flush = |para: &mut Option<std::ops::Range<usize>>, blocks: &mut Vec<Block>| {
        if let Some(p) = para.take() {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                span: p,
            });
        }
    };
    let blank = |i: usize| {
        all.get(i)
            .is_none_or(|(_, r): &(usize, std::ops::Range<usize>)| text[r.clone()].trim().is_empty())
    };
    for (i, (_, r)) in all.iter().enumerate() {
        let r = r.start.max(start)..r.end;
        let line = &text[r.clone()];
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            flush(&mut para, &mut blocks);
            continue;
        }
        if trimmed.starts_with('>') {
            flush(&mut para, &mut blocks);
            quotes.push(r.clone());
            blocks.push(Block {
                kind: BlockKind::Quote,
                span: r,
            });
            continue;
        }
        let set_apart = !has_blank
            || ((i == 0 || blank(i - 1))
                && (blank(i + 1) || is_numbered(line) || line.trim().chars().count() <= SHORT_HEADING_CHARS));
        if set_apart && is_heading_line(line) {
            flush(&mut para, &mut blocks);
            blocks.push(Block {
                kind: BlockKind::Heading(0),
                span: r,
            });
            continue;
        }
        if !has_blank {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                span: r,
            });
            continue;
        }
        para = Some(match para {
            Some(p) => p.start..r.end,
            None => r,
        });
    }
    flush(&mut para, &mut blocks);
    PlainInfo {
        ignored,
        quotes,
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_short_unpunctuated_lines() {
        assert!(is_heading_line("Executive Summary"));
        assert!(is_heading_line(
            "1. Why U.S. Troops Patrol: NATO Peacekeeping Mandate and Daily Operations"
        ));
        assert!(!is_heading_line("U.S. forces remain in Kosovo [1]."));
        assert!(!is_heading_line("What is the current US military role in Kosovo?"));
        assert!(!is_heading_line(&"word ".repeat(30)));
    }

    #[test]
    fn one_paragraph_per_line_without_blank_lines() {
        let text = "Title line\nFirst sentence here.\nSecond paragraph here.";
        let idx = LineIndex::new(text);
        let info = analyze(text, &idx, 0);
        let kinds: Vec<_> = info.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![BlockKind::Heading(0), BlockKind::Paragraph, BlockKind::Paragraph]
        );
    }

    #[test]
    fn wrapped_lines_are_one_paragraph_and_headings_stand_apart() {
        let text = "STORM COSTS\nChecked on 2 May 2024\n\n1. The damage\n\nThe county said at least 40 homes were lost in the storm and that the\nrepairs would take months [1].\n\nSources\n1. County report\n";
        let idx = LineIndex::new(text);
        let info = analyze(text, &idx, 0);
        let heads: Vec<&str> = info
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
            .map(|b| &text[b.span.clone()])
            .collect();
        assert_eq!(heads, vec!["STORM COSTS", "1. The damage", "Sources"]);
        assert!(info.blocks.iter().any(|b| b.kind == BlockKind::Paragraph
            && text[b.span.clone()].ends_with("repairs would take months [1].")
            && text[b.span.clone()].starts_with("The county")));
    }

    #[test]
    fn blank_lines_group_paragraphs() {
        let text = "Heading\n\nOne sentence.\nStill the same paragraph.\n\n> quoted [7]\n";
        let idx = LineIndex::new(text);
        let info = analyze(text, &idx, 0);
        let kinds: Vec<_> = info.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![BlockKind::Heading(0), BlockKind::Paragraph, BlockKind::Quote]
        );
        assert_eq!(
            &text[info.blocks[1].span.clone()],
            "One sentence.\nStill the same paragraph."
        );
    }
}
