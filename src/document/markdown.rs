//! What the Markdown parser tells us: which byte ranges are code, HTML, link
//! destinations or images (never markers), where block quotes are, and the
//! block structure. Markers themselves are found on the raw text.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use std::ops::Range;

use super::{Block, BlockKind, RangeSet};

pub struct MarkdownInfo {
    pub ignored: RangeSet,
    /// Code only (fenced, indented, inline): the sources parser skips these lines.
    pub code: RangeSet,
    pub quotes: RangeSet,
    pub blocks: Vec<Block>,
    /// Text of links that point out of the page (`[C#]` with `[C#]: https://…`):
    /// a sentence holding one names its source.
    pub links: RangeSet,
}

/// A link being read: its whole range, where its text ends, its kind, and
/// and where it points.
struct OpenLink {
    range: Range<usize>,
    text_end: usize,
    kind: LinkType,
    dest: String,
}

impl OpenLink {
    /// The part of the link that can hold no marker. Link text is prose
    /// (`[520](https://…/pull/520)`, `[Some Author][]`) except in the
    /// linked-marker forms whose target is an anchor in the page named after
    /// the id (`[[3]](#ref-3)`, `[3](#cite-note-3)`) and in shortcut links,
    /// where `[1]` is a marker resolved by a `[1]: …` definition. In
    /// `[text][1]` the label is kept. A link to an issue or pull request
    /// numbered like its label (`[911]` with `[911]: …/pull/911`) is a link.
    fn not_marker(&self, text: &str) -> Range<usize> {
        let r = self.range.clone();
        let inner = &text[(r.start + 1).min(self.text_end)..self.text_end];
        let label = match self.kind {
            LinkType::Reference => text[self.text_end..r.end].trim_matches([']', '[']),
            _ => inner,
        };
        if matches!(
            self.kind,
            LinkType::Shortcut | LinkType::Reference | LinkType::Collapsed
        ) && numbered_like(label, &self.dest)
        {
            return r;
        }
        match self.kind {
            LinkType::Inline if self.dest.starts_with('#') => match text[self.text_end..r.end].find("](") {
                // `[text](dest "title")`: ignore from the `]` after the text
                // (all of it when the anchor is not named after the id).
                Some(off) if !ids_only(inner) || self.dest.contains(inner.trim()) => self.text_end + off + 1..r.end,
                Some(_) if inner.starts_with('[') => self.text_end..r.end,
                _ => r,
            },
            LinkType::Shortcut => r.start..r.start,
            // `[2][3]` is two markers that Markdown reads as one link; in
            // `[1][1]` the label repeats the text.
            LinkType::Reference if ids_only(inner) => {
                if !ids_only(label) {
                    r
                } else if label.trim() == inner.trim() {
                    self.text_end + 1..r.end
                } else {
                    r.start..r.start
                }
            }
            LinkType::Reference => match text[self.text_end..r.end].find("][") {
                Some(off) => r.start..self.text_end + off + 1,
                None => r,
            },
            // `[2][]` is `[2]` resolved by its `[2]: …` definition, as a
            // shortcut link would be: a marker; only the `[]` is not.
            LinkType::Collapsed if ids_only(inner) && !self.dest.starts_with('#') => {
                if text[r.clone()].ends_with("[]") {
                    r.end - 2..r.end
                } else if text[r.end..].starts_with("[]") {
                    r.end..r.end + 2
                } else {
                    r.start..r.start
                }
            }
            // The parser's range for `[text][]` may stop before the `[]`.
            LinkType::Collapsed if text[r.end..].starts_with("[]") => r.start..r.end + 2,
            _ => r,
        }
    }
}

/// HTML comments (`<!-- … -->`) outside code, from `start`: what they hold
/// is hidden from readers, so a link definition in one is no source. An
/// unclosed comment hides nothing here (no more comments are looked for).
pub fn html_comments(text: &str, start: usize, code: &RangeSet) -> RangeSet {
    let mut out = RangeSet::default();
    let mut at = start;
    while let Some(open) = text[at..].find("<!--").map(|o| at + o) {
        if code.contains(open) {
            at = open + 4;
            continue;
        }
        let Some(close) = text[open + 4..].find("-->").map(|c| open + 4 + c + 3) else {
            break;
        };
        out.push(open..close);
        at = close;
    }
    out.normalise();
    out
}

/// Whether a link labelled with a number of two digits or more points at a
/// URL with a path segment numbered so (`[911]: https://…/pull/911`,
/// `[40]: …/0040-more-attributes.md`): an issue or document link.
pub fn numbered_like(label: &str, url: &str) -> bool {
    let label = label.trim().trim_start_matches('0');
    !url.starts_with('#')
        && label.len() >= 2
        && label.bytes().all(|b| b.is_ascii_digit())
        && url.split(['/', '#', '?', '=']).any(|segment| {
            let digits = segment.split(['-', '.', '_']).next().unwrap_or("");
            digits.trim_start_matches('0') == label
        })
}

/// `3`, `1, 2`, `2–4`: the content of a bracket that lists ids.
fn ids_only(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | ',' | ';' | '-' | '–' | '—'))
}

/// Tables whose bracketed cells are notation (`| [7] | [] |`): when a table
/// has a cell that is a bracket but not a list of ids, every cell that is
/// just a bracket is data, not a citation.
#[derive(Default)]
struct Tables {
    depth: usize,
    cells: Vec<Range<usize>>,
    odd: bool,
}

impl Tables {
    fn open(&mut self) {
        self.depth += 1;
        self.cells.clear();
        self.odd = false;
    }

    fn see(&mut self, event: &Event<'_>, r: &Range<usize>, text: &str) {
        if self.depth == 0 || !matches!(event, Event::Start(Tag::TableCell)) {
            return;
        }
        // A cell of brackets and separators only: `[7]`, `[]`, `[8]/[10h]`.
        let cell = text[r.clone()].trim();
        let mut rest = cell;
        let mut groups = Vec::new();
        while let Some(open) = rest.find('[') {
            if !rest[..open].chars().all(|c| matches!(c, '/' | ',' | ';' | ' ')) {
                return;
            }
            let Some(close) = rest[open..].find(']') else { return };
            groups.push(&rest[open + 1..open + close]);
            rest = &rest[open + close + 1..];
        }
        if groups.is_empty() || !rest.chars().all(|c| matches!(c, '/' | ',' | ';' | ' ')) {
            return;
        }
        if groups.iter().any(|g| !ids_only(g)) {
            self.odd = true;
        }
        self.cells.push(r.clone());
    }

    fn close(&mut self, ignored: &mut RangeSet) {
        self.depth = self.depth.saturating_sub(1);
        if self.odd && self.cells.len() >= 2 {
            for c in self.cells.drain(..) {
                ignored.push(c);
            }
        }
        self.cells.clear();
        self.odd = false;
    }
}

pub fn analyze(text: &str, start: usize) -> MarkdownInfo {
    let body = &text[start..];
    let opts =
        Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    let mut ignored = RangeSet::default();
    let mut code = RangeSet::default();
    let mut quotes = RangeSet::default();
    let mut blocks = Vec::new();
    let mut links: Vec<OpenLink> = Vec::new();
    let mut tables = Tables::default();
    let mut out_links = RangeSet::default();

    for (event, r) in Parser::new_ext(body, opts).into_offset_iter() {
        let r = r.start + start..r.end + start;
        if let Some(link) = links.last_mut() {
            if !matches!(event, Event::End(TagEnd::Link)) {
                link.text_end = link.text_end.max(r.end);
            }
        }
        tables.see(&event, &r, text);
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
                    Tag::Table(_) => {
                        tables.open();
                        None
                    }
                    Tag::Image { .. } => {
                        ignored.push(r.clone());
                        None
                    }
                    Tag::Link {
                        link_type, dest_url, ..
                    } => {
                        match link_type {
                            LinkType::Autolink | LinkType::Email => ignored.push(r.clone()),
                            _ => links.push(OpenLink {
                                range: r.clone(),
                                text_end: r.start + 1,
                                kind: link_type,
                                dest: dest_url.to_string(),
                            }),
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
                if let Some(link) = links.pop() {
                    ignored.push(link.not_marker(text));
                    if !link.dest.starts_with('#')
                        && !ids_only(&text[(link.range.start + 1).min(link.text_end)..link.text_end])
                    {
                        out_links.push(link.range.start..link.text_end);
                    }
                }
            }
            Event::End(TagEnd::Table) => tables.close(&mut ignored),
            Event::Code(_) => {
                code.push(r.clone());
                ignored.push(r);
            }
            Event::Html(_) | Event::InlineHtml(_) | Event::InlineMath(_) | Event::DisplayMath(_) => ignored.push(r),
            _ => {}
        }
    }
    code.normalise();
    out_links.normalise();
    MarkdownInfo {
        ignored,
        code,
        quotes,
        blocks,
        links: out_links,
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
        assert!(got.iter().any(|s| s == "[Title](https://e.org/x[3])"), "{got:?}");
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
    fn link_text_is_not_a_marker_unless_it_links_into_the_page() {
        let text = "PR [520](https://e.org/pull/520), [Ann][], [the office][o], [here][2], [4](#cite-4), [5].\n\n[Ann]: https://e.org/a\n[o]: https://e.org/o\n[2]: https://e.org/2\n[5]: https://e.org/5\n";
        let mut info = analyze(text, 0);
        info.ignored.normalise();
        let free = |needle: &str| !info.ignored.contains(text.find(needle).unwrap());
        assert!(!free("[520]"));
        assert!(!free("[Ann][]") && !free("[]"));
        assert!(!free("[the office]"));
        assert!(!free("[here]") && free("[2],"));
        assert!(free("[4]") && !free("(#cite-4)"));
        assert!(free("[5]."));
    }

    #[test]
    fn stack_notation_tables_are_not_markers() {
        let text = "| a | b |\n|---|---|\n| [7] | [] |\n| [] | [7, 9] |\n\n| Claim | Source |\n|---|---|\n| x | [1] |\n| y | [2] |\n";
        let mut info = analyze(text, 0);
        info.ignored.normalise();
        assert!(info.ignored.contains(text.find("[7]").unwrap()));
        assert!(info.ignored.contains(text.find("[7, 9]").unwrap()));
        assert!(!info.ignored.contains(text.find("[1]").unwrap()));
        let text = "| OS | Desktop | Server |\n|---|---|---|\n| Windows | [8]/[10h] | [8]/[10E] |\n";
        let mut info = analyze(text, 0);
        info.ignored.normalise();
        assert!(info.ignored.contains(text.find("[8]").unwrap()));
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
