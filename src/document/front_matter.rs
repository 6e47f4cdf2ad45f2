//! Front matter: a `---` YAML or `+++` TOML block at the very top of a draft.
//! Its `sources` key (aliases `references`, `citations`) lists sources as
//! strings or tables (`id`, `title`, `url`, `publisher`, `date`).

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::Value;

use super::sources::{entries_from_values, Origin, SourceEntry};
use super::{ParseProblem, ProblemKind};
use crate::text::SourceFile;

pub struct FrontMatter {
    /// The whole block, fences included.
    pub span: Range<usize>,
    /// The `sources:` key line (or the block when absent).
    pub key_span: Range<usize>,
    pub entries: Vec<SourceEntry>,
    pub problem: Option<ParseProblem>,
}

/// Source items paired with their spans, or an error message at a span.
pub type Items = Vec<(Value, Range<usize>)>;
pub type SpannedError = (Range<usize>, String);

const KEYS: [&str; 3] = ["sources", "references", "citations"];

/// Finds the closing fence; returns (body range, whole block range).
fn fences(text: &str, fence: &str) -> Option<(Range<usize>, Range<usize>)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != fence {
        return None;
    }
    let body_start = first_end + 1;
    let mut pos = body_start;
    while pos <= text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |o| pos + o);
        let line = text[pos..end].trim_end();
        if line == fence || (fence == "---" && line == "...") {
            let block_end = if end < text.len() { end + 1 } else { end };
            return Some((body_start..pos, 0..block_end));
        }
        if end >= text.len() {
            break;
        }
        pos = end + 1;
    }
    None
}

pub fn parse(file: &Arc<SourceFile>) -> Option<FrontMatter> {
    let text = file.text.as_str();
    let (body, span, yaml) = if let Some((b, s)) = fences(text, "---") {
        (b, s, true)
    } else if let Some((b, s)) = fences(text, "+++") {
        (b, s, false)
    } else {
        return None;
    };
    let problem = |span: Range<usize>, message: String| ParseProblem {
        kind: ProblemKind::FrontMatter,
        file: Arc::clone(file),
        span,
        message,
    };
    let items = if yaml {
        yaml_sources(text, body.clone())
    } else {
        toml_sources(&text[body.clone()], body.start)
    };
    let key_span = key_line(text, body.clone()).unwrap_or(span.start..span.start + 3);
    match items.and_then(|items| entries_from_values(items, file, Origin::FrontMatter)) {
        Ok(entries) => Some(FrontMatter {
            span,
            key_span,
            entries,
            problem: None,
        }),
        Err((at, msg)) => Some(FrontMatter {
            span,
            key_span,
            entries: Vec::new(),
            problem: Some(problem(at, msg)),
        }),
    }
}

/// The draft's own date from a top-level `date` key of the front matter
/// block `block` (fences included): `date: 2025-04-10`, `date = 2025-04-10`.
/// Read from the lines, so it works whether or not the block parses.
pub fn date(block: &str) -> Option<super::Date> {
    block.lines().find_map(|line| {
        let (key, value) = line.split_once([':', '='])?;
        let value = value.trim().trim_matches(['"', '\'']);
        (key.trim().eq_ignore_ascii_case("date") && !line.starts_with([' ', '\t']))
            .then(|| super::sentences::parse_date(value))
            .flatten()
    })
}

/// The line of the top-level sources key inside `body`.
fn key_line(text: &str, body: Range<usize>) -> Option<Range<usize>> {
    let mut pos = body.start;
    for line in text[body.clone()].split_inclusive('\n') {
        let t = line.trim_end();
        let key = t
            .split([':', '='])
            .next()
            .unwrap_or("")
            .trim()
            .trim_start_matches("[[")
            .trim_end_matches("]]");
        if !line.starts_with([' ', '\t']) && KEYS.iter().any(|k| key.eq_ignore_ascii_case(k)) {
            return Some(pos..pos + t.len());
        }
        pos += line.len();
    }
    None
}

fn line_span(text: &str, at: usize) -> Range<usize> {
    let s = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let e = text[at..].find('\n').map_or(text.len(), |i| at + i);
    s..e.max(s)
}

/// Flow collections (`[…]`, `{…}`) nested deeper than this are refused: the
/// YAML scanner's cost grows with the product of nesting depth and length.
const MAX_FLOW_DEPTH: usize = 64;

/// The offset in `src` of the first bracket nested deeper than
/// `MAX_FLOW_DEPTH` (counting every bracket, quoted or not: a real front
/// matter is nowhere near the bound).
fn too_deep(src: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in src.bytes().enumerate() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn yaml_sources(text: &str, body: Range<usize>) -> Result<Items, SpannedError> {
    let src = &text[body.clone()];
    if let Some(at) = too_deep(src) {
        return Err((
            line_span(text, body.start + at),
            format!("front matter nests brackets deeper than {MAX_FLOW_DEPTH} levels; it was not read"),
        ));
    }
    let doc: serde_yaml_ng::Value = match serde_yaml_ng::from_str(src) {
        Ok(v) => v,
        Err(e) => {
            // An error "at the end of the stream" belongs to the last line of the block.
            // The parser's index need not fall on a character boundary
            // (invalid bytes decoded to U+FFFD, `\r\n`): back off to one.
            let at = e.location().map_or(body.start, |l| {
                body.start + l.index().min(src.trim_end().len().saturating_sub(1))
            });
            let at = crate::text::lines::floor_char_boundary(text, at);
            return Err((line_span(text, at), format!("front matter is not valid YAML: {e}")));
        }
    };
    let serde_yaml_ng::Value::Mapping(map) = doc else {
        return Ok(Vec::new()); // empty or scalar front matter: no sources
    };
    let Some(list) = map
        .iter()
        .find(|(k, _)| {
            k.as_str()
                .is_some_and(|k| KEYS.iter().any(|x| k.eq_ignore_ascii_case(x)))
        })
        .map(|(_, v)| v)
    else {
        return Ok(Vec::new());
    };
    let key = key_line(text, body.clone()).unwrap_or(body.start..body.start);
    let value: Value =
        serde_json::to_value(list).map_err(|e| (key.clone(), format!("front matter `sources` cannot be read: {e}")))?;
    let Value::Array(items) = value else {
        return Err((key, "front matter `sources` must be a list".to_string()));
    };
    let spans = yaml_item_spans(text, key.end, body.end, items.len());
    Ok(items.into_iter().zip(spans).collect())
}

/// Spans of the `- ` items of the block sequence after the key line. YAML
/// parsers do not keep positions through serde, and a line is all a
/// diagnostic needs; a flow sequence `[a, b]` points every item at the key.
fn yaml_item_spans(text: &str, from: usize, to: usize, n: usize) -> Vec<Range<usize>> {
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (start, indent)
    let mut ends: Vec<usize> = Vec::new();
    let mut item_indent: Option<usize> = None;
    let mut pos = from + text[from..].find('\n').map_or(to - from, |i| i + 1);
    while pos < to {
        let end = text[pos..to].find('\n').map_or(to, |i| pos + i);
        let line = &text[pos..end];
        let indent = line.len() - line.trim_start().len();
        let t = line.trim();
        if !t.is_empty() && indent == 0 && !t.starts_with('-') {
            break; // next top-level key
        }
        if t.starts_with("- ") || t == "-" {
            if item_indent.is_none() {
                item_indent = Some(indent);
            }
            if Some(indent) == item_indent {
                if !starts.is_empty() {
                    ends.push(last_content_end(text, starts.last().unwrap().0, pos));
                }
                starts.push((pos + indent, indent));
            }
        }
        pos = end + 1;
    }
    if let Some(&(s, _)) = starts.last() {
        ends.push(last_content_end(text, s, pos.min(to)));
    }
    let fallback = from..from;
    (0..n)
        .map(|i| match (starts.get(i), ends.get(i)) {
            (Some(&(s, _)), Some(&e)) => s..e,
            _ => fallback.clone(),
        })
        .collect()
}

fn last_content_end(text: &str, start: usize, limit: usize) -> usize {
    start + text[start..limit].trim_end().len()
}

#[derive(Deserialize)]
struct TomlSources {
    #[serde(
        default,
        alias = "references",
        alias = "citations",
        alias = "Sources",
        alias = "References"
    )]
    sources: Option<Vec<toml::Spanned<toml::Value>>>,
}

/// Reads `sources` from TOML text; spans are offset by `base`.
pub fn toml_sources(src: &str, base: usize) -> Result<Items, SpannedError> {
    let shift = |r: Range<usize>| r.start + base..r.end + base;
    let doc: TomlSources = toml::from_str(src).map_err(|e| {
        let span = e.span().map(shift).unwrap_or(base..base);
        (span, format!("invalid TOML: {}", e.message()))
    })?;
    doc.sources
        .unwrap_or_default()
        .into_iter()
        .map(|item| {
            let span = shift(item.span());
            serde_json::to_value(item.into_inner())
                .map(|j| (j, span.clone()))
                .map_err(|e| (span, e.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SourceId;

    fn fm(text: &str) -> FrontMatter {
        parse(&SourceFile::new("t.md", text.to_string(), 0)).expect("front matter")
    }

    #[test]
    fn yaml_strings_and_tables() {
        let text = "---\ntitle: T\nsources:\n  - https://example.org/a\n  - id: 7\n    title: Seven\n    url: https://example.org/7\ndate: 2025-11-26\n---\nBody [1] [7].\n";
        let f = fm(text);
        assert!(f.problem.is_none());
        let ids: Vec<_> = f.entries.iter().map(|e| e.id.clone()).collect();
        assert_eq!(ids, vec![SourceId::Num(1), SourceId::Num(7)]);
        assert_eq!(
            &text[f.entries[1].span.clone()],
            "- id: 7\n    title: Seven\n    url: https://example.org/7"
        );
        assert_eq!(f.entries[1].title.as_deref(), Some("Seven"));
        assert_eq!(&text[f.span.clone()], &text[..text.find("Body").unwrap()]);
    }

    #[test]
    fn toml_front_matter_with_spans() {
        assert_eq!(
            date("---\ntitle: T\ndate: 2025-04-10\n---\n").map(|d| d.to_string()),
            Some("2025-04-10".to_string())
        );
        assert_eq!(date("---\nsources:\n  - date: 2025-04-10\n---\n"), None);
        let text = "+++\ntitle = \"T\"\n[[sources]]\nid = 1\nurl = \"https://example.org/a\"\ndate = 2025-10-01\n+++\nBody [1].\n";
        let f = fm(text);
        assert!(f.problem.is_none(), "{:?}", f.problem.map(|p| p.message));
        assert_eq!(f.entries.len(), 1);
        assert!(f.entries[0].content.contains("2025-10-01"), "{}", f.entries[0].content);
    }

    #[test]
    fn invalid_yaml_points_at_the_line() {
        let text = "---\nsources: [unclosed\nother: 1\n---\nBody.\n";
        let f = fm(text);
        let p = f.problem.expect("problem");
        assert!(p.message.contains("YAML"));
        assert!(p.span.start >= 4 && p.span.end <= text.find("---\nBody").unwrap());
    }

    #[test]
    fn deep_flow_nesting_is_refused_at_its_line() {
        let deep = format!(
            "---\ntitle: T\nsources: {}{}\n---\nBody.\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let p = fm(&deep).problem.expect("problem");
        assert!(p.message.contains("deeper than 64"), "{}", p.message);
        assert!(deep[p.span.clone()].starts_with("sources: [[["));
        let fine = format!(
            "---\ntags: {}a{}\nsources: [https://example.org/a]\n---\nBody.\n",
            "[".repeat(60),
            "]".repeat(60)
        );
        let f = fm(&fine);
        assert!(f.problem.is_none(), "{:?}", f.problem.map(|p| p.message));
        assert_eq!(f.entries.len(), 1);
    }

    #[test]
    fn no_front_matter_without_opening_fence() {
        assert!(parse(&SourceFile::new("t.md", "Text\n---\n".into(), 0)).is_none());
        assert!(parse(&SourceFile::new("t.md", "---\nnever closed\n".into(), 0)).is_none());
    }
}
