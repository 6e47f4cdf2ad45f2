//! What the Markdown parser tells us: which byte ranges are code, HTML, link
//! destinations or images (never markers), where block quotes are, and the
//! block structure. Markers themselves are found on the raw text.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{Block, BlockKind, RangeSet};

pub struct MarkdownInfo {
    pub ignored: RangeSet,
    /// Code only (fenced, indented, inline): the sources parser skips these lines.
    pub code: RangeSet,
    pub quotes: RangeSet,
    pub blocks: Vec<Block>,
}

pub fn analyze(text: &str, start: usize) -> MarkdownInfo {
    let body = &text[start..];
    let opts =
        Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    let mut ignored = RangeSet::default();
    let mut code = RangeSet::default();
    let mut quotes = RangeSet::default();
    let mut blocks = Vec::new();
    // Open inline links: (link range, end of the last event inside the link text).
    let mut links: Vec<(std::ops::Range<usize>, usize, bool)> = Vec::new();

    for (event, r) in Parser::new_ext(body, opts).into_offset_iter() {
        let r = r.start + start..r.end + start;
        if let Some(link) = links.last_mut() {
            if !matches!(event, Event::End(TagEnd::Link)) {
                link.1 = link.1.max(r.end);
            }
        }
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Heading { level, .. } => Some(BlockKind::Heading(level as u8)),
                    Tag::Paragraph => Some(BlockKind::Paragraph),
                    Tag::Item => Some(BlockKind::ListItem),
                    Tag::BlockQuote(_) => {
                        quotes.push(r.clone());
                        Some(BlockKind::Quote)
                    }
                    Tag::CodeBlock(_) => {
                        code.push(r.clone());
                        ignored.push(r.clone());
                        Some(BlockKind::Code)
                    }
                    Tag::HtmlBlock => {
                        ignored.push(r.clone());
                        Some(BlockKind::Html)
                    }
                    Tag::TableCell => Some(BlockKind::TableCell),
                    Tag::Image { .. } => {
                        ignored.push(r.clone());
                        None
                    }
                    Tag::Link { link_type, .. } => {
                        match link_type {
                            LinkType::Autolink | LinkType::Email => ignored.push(r.clone()),
                            _ => links.push((r.clone(), r.start + 1, link_type == LinkType::Inline)),
                        }
                        None
                    }
                    _ => None,
                };
                if let Some(kind) = kind {
                    blocks.push(Block { kind, span: r });
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((range, last, inline)) = links.pop() {
                    if inline {
                        // `[text](dest "title")`: ignore from the `]` after the text.
                        if let Some(off) = text[last..range.end].find("](") {
                            ignored.push(last + off + 1..range.end);
                        }
                    }
                }
            }
            Event::Code(_) => {
                code.push(r.clone());
                ignored.push(r);
            }
            Event::Html(_) | Event::InlineHtml(_) | Event::InlineMath(_) | Event::DisplayMath(_) => ignored.push(r),
            _ => {}
        }
    }
    code.normalise();
    MarkdownInfo {
        ignored,
        code,
        quotes,
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ignored_texts(text: &str) -> Vec<String> {
        let mut info = analyze(text, 0);
        info.ignored.normalise();
        info.ignored.iter().map(|r| text[r.clone()].to_string()).collect()
    }

    #[test]
    fn code_html_and_destinations_are_ignored() {
        let text = "A `[1]` b <!-- [2] --> [Title](https://e.org/x[3]) ![alt [4]](i.png) <https://e.org/[5]>\n\n```\n[6]\n```\n";
        let got = ignored_texts(text);
        assert!(got.iter().any(|s| s == "`[1]`"), "{got:?}");
        assert!(got.iter().any(|s| s == "<!-- [2] -->"), "{got:?}");
        assert!(got.iter().any(|s| s == "(https://e.org/x[3])"), "{got:?}");
        assert!(got.iter().any(|s| s.starts_with("![alt")), "{got:?}");
        assert!(got.iter().any(|s| s.starts_with("<https://")), "{got:?}");
        assert!(got.iter().any(|s| s.contains("[6]")), "{got:?}");
    }

    #[test]
    fn nested_marker_link_keeps_inner_marker() {
        let text = "Claim [[3]](#ref-3).";
        let got = ignored_texts(text);
        assert_eq!(got, vec!["(#ref-3)".to_string()]);
    }

    #[test]
    fn quotes_are_recorded() {
        let text = "Intro.\n\n> Section [7] of the act.\n\nAfter.";
        let info = analyze(text, 0);
        let q: Vec<_> = info.quotes.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(q.len(), 1);
        assert!(q[0].contains("[7]"));
    }
}
