//! Every way a draft lists its sources, turned into `SourceEntry` values:
//! (a) a section under a sources heading, (b) link reference definitions
//! `[1]: url`, (c) footnote definitions `[^1]: …`, (d) front matter (see
//! `front_matter.rs`), (e) a sidecar `<stem>.sources.toml`, (f) a table of
//! sources (`source_tables.rs`), (g) notes: `**Note 3:**` paragraphs in a notes
//! section and `[3] …` paragraphs after the text that cites them (`notes.rs`).
//!
//! Numbered body headings (`1. Why U.S. Troops Patrol`) look exactly like
//! numbered entries, so a numbered line is an entry only under a sources
//! heading; that is the whole defence against a false sources list.

// An entry's text is a list of byte ranges (its lines); one range is common.
#![allow(clippy::single_range_in_vec_init)]

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use regex::Regex;
use serde_json::Value;

use super::markers::SourceId;
use super::urls::{self, UrlRef};
use super::{notes, source_tables};
use super::{ParseProblem, ProblemKind, RangeSet};
use crate::data::SourcesData;
use crate::text::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Section,
    LinkDefinition,
    Footnote,
    FrontMatter,
    Sidecar,
}

#[derive(Debug, Clone)]
pub struct SourceEntry {
    pub id: SourceId,
    pub id_span: Range<usize>,
    /// The whole entry, continuation lines included.
    pub span: Range<usize>,
    /// Entry text after the id, whitespace collapsed (compared by CIT003).
    pub content: String,
    pub title: Option<String>,
    pub urls: Vec<UrlRef>,
    /// Has a URL, DOI or ISBN.
    pub has_locator: bool,
    pub origin: Origin,
    /// An explanatory note rather than a reference ("We used the household
    /// calculator …"): it defines its marker but is not asked for a URL.
    pub note: bool,
    /// A plain bullet under a sources heading, numbered by its position: the
    /// draft never wrote its id.
    pub positional: bool,
    /// The file the entry is written in (the draft, or its sidecar).
    pub file: Arc<SourceFile>,
}

pub struct BodySources {
    pub entries: Vec<SourceEntry>,
    /// (origin, heading or first-definition span) per list found.
    pub lists: Vec<(Origin, Range<usize>)>,
    /// Byte ranges that belong to sources (never scanned for markers).
    pub consumed: RangeSet,
}

static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]{0,3}(?:[-*+][ \t]+)?(?:(?:<sup>)?\[(\d{1,5})\]:?(?:</sup>)?|\[\^([^\]\s]+)\]:|(\d{1,5})[.)]|\((\d{1,5})\))(?:[ \t]+|$)",
    )
    .expect("entry regex")
});
static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[ \t]{0,3}[-*+][ \t]+\S").expect("bullet regex"));
static LINK_DEF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ {0,3}\[([^\]^][^\]]*)\]:(?:[ \t]+|$)").expect("link def regex"));
static FOOTNOTE_DEF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ {0,3}\[\^([^\]\s]+)\]:(?:[ \t]+|$)").expect("footnote def regex"));
static WIKI_CARET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\^[ \t]*(?:Jump up to:[ \t]*)?(?:[a-z]{1,2}[ \t]+)*").expect("caret regex"));
static THEMATIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$").expect("hr regex"));

/// How a line reads as a heading, if it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadingLine<'a> {
    /// `## Text` with its level.
    Atx(u8, &'a str),
    /// `**Text**` or `Text:` alone on a line.
    Emphatic(&'a str),
    /// Any other short line (matched against the vocabularies only).
    Bare(&'a str),
}

impl<'a> HeadingLine<'a> {
    pub fn text(&self) -> &'a str {
        match self {
            HeadingLine::Atx(_, t) | HeadingLine::Emphatic(t) | HeadingLine::Bare(t) => t,
        }
    }
}

/// Longest line (bytes, trimmed) considered as a short heading or label.
const MAX_SHORT_HEADING: usize = 60;

const SPACE_TAB: [char; 2] = [' ', '\t'];

/// An ATX heading: up to 3 spaces, 1–6 `#`, then spaces or tabs and the
/// text, or nothing; a closing run of `#`, spaces and tabs is not text.
/// (Written out by hand: it runs on every line of every sources section.)
fn atx(line: &str) -> Option<(u8, &str)> {
    let rest = line.trim_start_matches(' ');
    if line.len() - rest.len() > 3 {
        return None;
    }
    let after = rest.trim_start_matches('#');
    let hashes = rest.len() - after.len();
    let closing = |s: &str| s.chars().all(|c| matches!(c, ' ' | '\t' | '#'));
    match hashes {
        0 => None,
        // "#######": six of them, and the seventh closes the heading.
        7.. => closing(&rest[6..]).then_some((6, "")),
        _ if closing(after) => Some((hashes as u8, "")),
        _ if after.starts_with(SPACE_TAB) => Some((
            hashes as u8,
            after.trim_start_matches(SPACE_TAB).trim_end_matches([' ', '\t', '#']),
        )),
        _ => None,
    }
}

/// `**Text**`, `__Text__` (optionally followed by a colon) alone on a line.
fn bold(line: &str) -> Option<&str> {
    let t = line.trim_matches(SPACE_TAB);
    let inner = t.strip_prefix("**").or_else(|| t.strip_prefix("__"))?;
    let end = inner.find(['*', '_'])?;
    let (text, close) = inner.split_at(end);
    let tail = close.strip_prefix("**").or_else(|| close.strip_prefix("__"))?;
    let tail = tail.trim_start_matches(SPACE_TAB);
    let tail = tail.strip_prefix(':').unwrap_or(tail);
    (!text.is_empty() && tail.trim_start_matches(SPACE_TAB).is_empty()).then(|| text.trim())
}

pub fn heading_line(line: &str) -> Option<HeadingLine<'_>> {
    let t = line.trim();
    if t.starts_with('#') {
        if let Some((level, text)) = atx(line) {
            return Some(HeadingLine::Atx(level, text));
        }
    }
    if t.is_empty() || t.len() > MAX_SHORT_HEADING + 6 {
        return None;
    }
    if t.starts_with("**") || t.starts_with("__") {
        if let Some(text) = bold(line) {
            return Some(HeadingLine::Emphatic(text));
        }
    }
    if t.len() > MAX_SHORT_HEADING {
        return None;
    }
    if let Some(stripped) = t.strip_suffix(':') {
        return Some(HeadingLine::Emphatic(stripped.trim()));
    }
    Some(HeadingLine::Bare(t))
}

/// Whether `line` opens a sources section. Runs on every line; `heading_line`
/// rejects long prose lines before it allocates.
pub fn is_sources_heading(line: &str, data: &SourcesData) -> bool {
    heading_line(line).is_some_and(|h| data.is_sources_heading(h.text()))
}

struct Pending {
    id: SourceId,
    id_span: Range<usize>,
    segments: Vec<Range<usize>>,
    origin: Origin,
    start: usize,
    end: usize,
    /// Link definitions: the destination, which is the URL whatever it looks like.
    destination: Option<UrlRef>,
    note: bool,
    positional: bool,
}

impl Pending {
    /// An entry starting on `line` (byte range `r`), its text from `rest`.
    fn new(origin: Origin, id: SourceId, id_span: Range<usize>, text: &str, r: &Range<usize>, rest: usize) -> Self {
        let line = &text[r.clone()];
        Pending {
            id,
            id_span,
            segments: vec![rest..r.end],
            origin,
            start: r.start + (line.len() - line.trim_start().len()),
            end: r.end,
            destination: None,
            note: false,
            positional: false,
        }
    }

    /// A note: its id at `id_span`, its text from `rest` to the end of `lines`.
    fn note(id: u32, id_span: Range<usize>, text: &str, lines: &[Range<usize>], rest: usize) -> Self {
        let mut p = Pending::new(Origin::Section, SourceId::Num(id), id_span, text, &lines[0], rest);
        for l in &lines[1..] {
            p.segments.push(l.clone());
            p.end = l.end;
        }
        p.note = true;
        p
    }
}

fn finish(p: Pending, file: &Arc<SourceFile>) -> SourceEntry {
    let text = &file.text;
    let mut content = String::new();
    let mut urls_found = Vec::new();
    for seg in &p.segments {
        let mut seg = seg.clone();
        // Wikipedia copies: `^ Jump up to: a b "Title" …`
        if let Some(m) = WIKI_CARET.find(&text[seg.clone()]) {
            seg.start += m.end();
        }
        let s = text[seg.clone()].trim();
        if !s.is_empty() {
            if !content.is_empty() {
                content.push(' ');
            }
            content.extend(s.split_whitespace().flat_map(|w| [w, " "]));
            content.pop();
        }
        urls_found.extend(urls::find_urls(text, seg));
    }
    if let Some(dest) = p.destination {
        urls_found.retain(|u| u.span != dest.span);
        urls_found.insert(0, dest);
    }
    let has_locator = !urls_found.is_empty() || urls::has_locator(&content);
    SourceEntry {
        title: guess_title(&content),
        id: p.id,
        id_span: p.id_span,
        span: p.start..p.end,
        content,
        urls: urls_found,
        has_locator,
        origin: p.origin,
        note: p.note,
        positional: p.positional,
        file: Arc::clone(file),
    }
}

/// A title from an entry's text: a Markdown link's text, a quoted string, or
/// the text before the first URL.
fn guess_title(content: &str) -> Option<String> {
    if let (Some(a), Some(b)) = (content.find('['), content.find("](")) {
        if a < b {
            return Some(content[a + 1..b].trim().to_string());
        }
    }
    for (open, close) in [('"', '"'), ('“', '”')] {
        if let Some(a) = content.find(open) {
            if let Some(b) = content[a + open.len_utf8()..].find(close) {
                return Some(content[a + open.len_utf8()..a + open.len_utf8() + b].trim().to_string());
            }
        }
    }
    let before = content
        .split("http")
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches(['-', '—', '–', ',', '.', ':'])
        .trim();
    (!before.is_empty()).then(|| before.to_string())
}

fn entry_id(c: &regex::Captures<'_>, line_start: usize) -> (SourceId, Range<usize>) {
    for g in [1, 3, 4] {
        if let Some(m) = c.get(g) {
            let n: u32 = m.as_str().parse().unwrap_or(0);
            return (SourceId::Num(n), line_start + m.start()..line_start + m.end());
        }
    }
    let m = c.get(2).expect("entry regex has an id group");
    (
        SourceId::Label(m.as_str().to_string()),
        line_start + m.start()..line_start + m.end(),
    )
}

/// A wrapped line of the entry being read that happens to begin with a
/// number (`   2025. https://…`): indented or directly below the entry, and
/// not the next id in sequence.
fn continues(pending: Option<&Pending>, c: &regex::Captures<'_>, line: &str, prev_blank: bool) -> bool {
    let Some(p) = pending else { return false };
    let Some(n) = c.get(3).or(c.get(4)).and_then(|m| m.as_str().parse::<u32>().ok()) else {
        return false;
    };
    let next = matches!(p.id, SourceId::Num(prev) if n == prev + 1);
    !prev_blank && !next && (indented(line) || n >= 1000)
}

/// A line that stops in the middle of a sentence: it ends with a lower-case
/// letter or a comma (prose wrapped onto the next line; a dateline ending in
/// a year is not).
fn mid_sentence(line: &str) -> bool {
    let t = line.trim_end();
    !t.trim_start().starts_with('#') && t.ends_with(|c: char| c.is_lowercase() || c == ',')
}

fn indented(line: &str) -> bool {
    line.starts_with("  ") || line.starts_with('\t')
}

/// Parses sources written in the body: sections, link and footnote definitions.
pub fn parse_body(file: &Arc<SourceFile>, start: usize, code: &RangeSet, data: &SourcesData) -> BodySources {
    let text = file.text.as_str();
    let mut entries = Vec::new();
    let mut lists = Vec::new();
    let mut consumed = RangeSet::default();

    // Section state.
    struct Section {
        level: Option<u8>,
        prev_blank: bool,
        explicit_ids: bool,
        positional: u32,
    }
    let mut section: Option<Section> = None;
    let mut pending: Option<Pending> = None;
    let first_line = file.lines.line_of(start);
    let mut prev_line = "";

    let close = |pending: &mut Option<Pending>, entries: &mut Vec<SourceEntry>, consumed: &mut RangeSet| {
        if let Some(p) = pending.take() {
            consumed.push(p.start..p.end);
            entries.push(finish(p, file));
        }
    };

    for (_, r) in file.lines.lines(text).skip(first_line) {
        let r = r.start.max(start)..r.end;
        if code.contains(r.start) {
            continue;
        }
        let line = &text[r.clone()];
        let blank = line.trim().is_empty();

        // A sources heading opens (or re-opens) a section; a label line
        // that carries on the sentence above it ("based on a number of /
        // sources:") does not.
        let carries_on = !matches!(heading_line(line), Some(HeadingLine::Atx(..))) && mid_sentence(prev_line);
        prev_line = line;
        if !blank && !carries_on && is_sources_heading(line, data) {
            close(&mut pending, &mut entries, &mut consumed);
            let level = match heading_line(line) {
                Some(HeadingLine::Atx(l, _)) => Some(l),
                _ => None,
            };
            section = Some(Section {
                level,
                prev_blank: false,
                explicit_ids: false,
                positional: 0,
            });
            consumed.push(r.clone());
            lists.push((Origin::Section, r.clone()));
            continue;
        }

        if let Some(sec) = section.as_mut() {
            let mut ends = false;
            if let Some(h) = heading_line(line) {
                match h {
                    HeadingLine::Atx(l, _) => ends = sec.level.is_none_or(|sl| l <= sl),
                    HeadingLine::Emphatic(t) if !ENTRY.is_match(line) => {
                        ends = pending.is_some() || data.is_not_sources_heading(t)
                    }
                    HeadingLine::Bare(t) => ends = data.is_not_sources_heading(t),
                    _ => {}
                }
            }
            if THEMATIC.is_match(line) && pending.is_some() {
                ends = true;
            }
            if !ends && matches!(heading_line(line), Some(HeadingLine::Atx(..))) {
                // A deeper heading inside the section ("### Government sources").
                close(&mut pending, &mut entries, &mut consumed);
                consumed.push(r.clone());
                sec.prev_blank = false;
                continue;
            }
            if !ends {
                if blank {
                    sec.prev_blank = true;
                    continue;
                }
                // `<span id="3"></span>` above a note: a place, not text.
                if notes::is_anchor_line(line) {
                    consumed.push(r.clone());
                    continue;
                }
                if let Some((n, id, rest)) = notes::note_label(line) {
                    close(&mut pending, &mut entries, &mut consumed);
                    sec.explicit_ids = true;
                    sec.prev_blank = false;
                    let id_span = r.start + id.start..r.start + id.end;
                    pending = Some(Pending::note(
                        n,
                        id_span,
                        text,
                        std::slice::from_ref(&r),
                        r.start + rest,
                    ));
                    continue;
                }
                if let Some(c) = ENTRY
                    .captures(line)
                    .filter(|c| !continues(pending.as_ref(), c, line, sec.prev_blank))
                {
                    close(&mut pending, &mut entries, &mut consumed);
                    let (id, id_span) = entry_id(&c, r.start);
                    sec.explicit_ids = true;
                    sec.prev_blank = false;
                    let rest = r.start + c.get(0).unwrap().end();
                    pending = Some(Pending::new(Origin::Section, id, id_span, text, &r, rest));
                    continue;
                }
                if BULLET.is_match(line) && !sec.explicit_ids && !indented(line) {
                    close(&mut pending, &mut entries, &mut consumed);
                    sec.positional += 1;
                    sec.prev_blank = false;
                    let bullet_end = r.start
                        + line
                            .find(|c: char| !matches!(c, ' ' | '\t' | '-' | '*' | '+'))
                            .unwrap_or(line.len());
                    let id = SourceId::Num(sec.positional);
                    let mut p = Pending::new(Origin::Section, id, r.start..bullet_end, text, &r, bullet_end);
                    p.positional = true;
                    pending = Some(p);
                    continue;
                }
                if let Some(p) = pending.as_mut() {
                    if indented(line) || !sec.prev_blank {
                        p.segments.push(r.clone());
                        p.end = r.end;
                        sec.prev_blank = false;
                        continue;
                    }
                    // Prose after a blank line: the list is over (fall through).
                } else {
                    // Introductory text between the heading and the first entry.
                    sec.prev_blank = false;
                    continue;
                }
            }
            close(&mut pending, &mut entries, &mut consumed);
            section = None;
            // Fall through: the line that ended the section is body text.
        }

        // Continuation of a footnote definition outside a section.
        if let Some(p) = pending.as_mut() {
            if !blank && indented(line) {
                p.segments.push(r.clone());
                p.end = r.end;
                continue;
            }
            if blank {
                continue;
            }
            close(&mut pending, &mut entries, &mut consumed);
        }
        if blank {
            continue;
        }
        // Definitions start with `[` after at most three spaces.
        if !line.trim_start_matches(' ').starts_with('[') {
            continue;
        }
        if let Some(c) = FOOTNOTE_DEF.captures(line) {
            let m = c.get(1).unwrap();
            let rest = r.start + c.get(0).unwrap().end();
            if lists.iter().all(|(o, _)| *o != Origin::Footnote) {
                lists.push((Origin::Footnote, r.clone()));
            }
            let (id, id_span) = (
                SourceId::Label(m.as_str().to_string()),
                r.start + m.start()..r.start + m.end(),
            );
            pending = Some(Pending::new(Origin::Footnote, id, id_span, text, &r, rest));
            continue;
        }
        if let Some(c) = LINK_DEF.captures(line) {
            let m = c.get(1).unwrap();
            let label = m.as_str().trim();
            let rest = r.start + c.get(0).unwrap().end();
            // Only numeric labels are sources; `[docs]: https://…` is an ordinary link.
            consumed.push(r.clone());
            let Ok(n) = label.parse::<u32>() else { continue };
            let dest_text = text[rest..r.end].split_whitespace().next().unwrap_or("");
            // `[911]: https://…/pull/911` names an issue, not source 911.
            if super::markdown::numbered_like(label, dest_text) {
                continue;
            }
            if lists.iter().all(|(o, _)| *o != Origin::LinkDefinition) {
                lists.push((Origin::LinkDefinition, r.clone()));
            }
            // `[1]: Other programs, like …` is a note, not a destination.
            let dest_text = if dest_text.contains(['/', ':', '#', '.']) || dest_text.starts_with('<') {
                dest_text
            } else {
                ""
            };
            let destination = (!dest_text.is_empty()).then(|| {
                let off = rest + text[rest..r.end].find(dest_text).unwrap_or(0);
                let trimmed = dest_text.trim_start_matches('<').trim_end_matches('>');
                let lead = dest_text.len() - dest_text.trim_start_matches('<').len();
                UrlRef {
                    text: trimmed.to_string(),
                    span: off + lead..off + lead + trimmed.len(),
                }
            });
            let id_span = r.start + m.start()..r.start + m.end();
            let mut p = Pending::new(Origin::LinkDefinition, SourceId::Num(n), id_span, text, &r, rest);
            p.destination = destination;
            entries.push(finish(p, file));
        }
    }
    close(&mut pending, &mut entries, &mut consumed);
    let read = entries.len();
    for table in source_tables::source_tables(file, start, code, data) {
        lists.push((Origin::Section, table.header.clone()));
        consumed.push(table.header);
        for row in table.rows {
            let p = Pending::new(
                Origin::Section,
                SourceId::Num(row.id),
                row.id_span,
                text,
                &row.line,
                row.text_start,
            );
            consumed.push(p.start..p.end);
            entries.push(finish(p, file));
        }
    }
    let tables_end = entries.len();
    if lists.iter().all(|(o, _)| *o != Origin::Section) {
        if let Some(block) = trailing_block(file, start, code) {
            lists.push((Origin::Section, block[0].start..block[0].end));
            for p in block {
                consumed.push(p.start..p.end);
                entries.push(finish(p, file));
            }
        }
    }
    if lists.iter().all(|(o, _)| *o != Origin::Section) {
        for n in notes::inline_notes(file, start, code) {
            if lists.iter().all(|(o, _)| *o != Origin::Section) {
                lists.push((Origin::Section, n.lines[0].clone()));
            }
            let p = Pending::note(n.id, n.id_span, text, &n.lines, n.text_start);
            consumed.push(p.start..p.end);
            entries.push(finish(p, file));
        }
    }
    // Notes among the entries of lists and footnotes, and among the `[n] …`
    // lines at the end of the draft; the rows of sources tables are sources.
    for (k, e) in entries.iter_mut().enumerate() {
        let listed = k < read || k >= tables_end;
        if listed && matches!(e.origin, Origin::Footnote | Origin::Section) && !e.has_locator && !e.note {
            e.note = notes::reads_as_note(&e.content, data);
        }
    }
    resolve_anchors(&mut entries, text);
    consumed.normalise();
    BodySources {
        entries,
        lists,
        consumed,
    }
}

/// `[3]: #ref-3` points at the entry in the page that carries the anchor
/// `ref-3` (`<a name="ref-3">` or `id="ref-3"`): that entry is source 3, and
/// the definition is its alias, not a second source. A generated list may
/// number its bullets from 0, so the anchor's id wins over the position.
/// Anchors chain: a definition may point at a bullet that links on to the
/// table row holding the reference (`[1]: #cite-1` → `* <a name="cite-1">…
/// [title](#ref1)` → `<a name="ref1"></a>1 | …`); every link of the chain is
/// an alias of the last entry, which takes the id the definition gives it.
fn resolve_anchors(entries: &mut Vec<SourceEntry>, text: &str) {
    /// Hops followed at most (generated chains have two).
    const MAX_HOPS: usize = 4;
    let holders = anchor_holders(entries, text);
    let next: Vec<Option<usize>> = (0..entries.len())
        .map(|k| {
            anchor_of(&entries[k], text)
                .and_then(|a| holders.get(a))
                .copied()
                .filter(|&t| t != k)
        })
        .collect();
    let mut aliases = Vec::new();
    for (k, first) in next.iter().enumerate() {
        let Some(mut last) = *first else { continue };
        for _ in 0..MAX_HOPS {
            match next[last] {
                Some(t) if t != k => last = t,
                _ => break,
            }
        }
        if next[last].is_none() {
            aliases.push((k, last));
        }
    }
    // A definition's id is written by the writer; a bullet's may be its
    // position. Definitions are applied last, so theirs wins.
    aliases.sort_by_key(|&(k, _)| entries[k].origin == Origin::LinkDefinition);
    for &(k, target) in &aliases {
        entries[target].id = entries[k].id.clone();
        entries[target].positional &= entries[k].positional;
    }
    let drop: std::collections::HashSet<usize> = aliases.iter().map(|a| a.0).collect();
    let mut k = 0;
    entries.retain(|_| {
        k += 1;
        !drop.contains(&(k - 1))
    });
}

/// The in-page anchor an entry points at (`#ref-3`): its first URL, or, in
/// an entry with no URL, a link of its text (`[Title](#ref-3)`).
fn anchor_of<'t>(def: &'t SourceEntry, text: &'t str) -> Option<&'t str> {
    if !matches!(def.origin, Origin::LinkDefinition | Origin::Section) {
        return None;
    }
    let anchor = def.urls.first().and_then(|u| u.text.strip_prefix('#'));
    // Under a sources heading `[1]: #ref-1 "…"` is read as an entry.
    let anchor = anchor.or_else(|| def.content.strip_prefix('#').and_then(|c| c.split_whitespace().next()));
    let anchor = anchor.or_else(|| {
        let raw = &text[def.span.clone()];
        let at = raw.find("](#")? + 3;
        (def.urls.is_empty() && def.origin == Origin::Section)
            .then(|| raw[at..].split([')', ' ', '"']).next())
            .flatten()
    });
    anchor.filter(|a| !a.is_empty())
}

static ANCHOR_ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\b(?:name|id)="([^"<>]{1,200})""#).expect("anchor attribute regex"));

/// Each anchor (`<a name="ref-3">`, `id="ref-3"`) carried by an entry of a
/// sources list, with the first entry that carries it.
fn anchor_holders<'t>(entries: &[SourceEntry], text: &'t str) -> std::collections::HashMap<&'t str, usize> {
    let mut holders = std::collections::HashMap::new();
    for (t, e) in entries.iter().enumerate().filter(|(_, e)| e.origin == Origin::Section) {
        for c in ANCHOR_ATTR.captures_iter(&text[e.span.clone()]) {
            holders.entry(c.get(1).map_or("", |m| m.as_str())).or_insert(t);
        }
    }
    holders
}

static TRAILING_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]{0,3}\[(\d{1,5})\][ \t]+\S").expect("trailing entry regex"));

/// A sources list with no heading: two or more `[n] …` lines at the very end
/// of the draft, numbered 1, 2, 3… (how chat tools print their sources).
/// Numbered lines (`1. …`) never qualify: those are body headings.
fn trailing_block(file: &Arc<SourceFile>, start: usize, code: &RangeSet) -> Option<Vec<Pending>> {
    let text = file.text.as_str();
    let first_line = file.lines.line_of(start);
    let mut block: Vec<(u32, Range<usize>, Range<usize>)> = Vec::new();
    for idx in (first_line..file.lines.line_count()).rev() {
        let r = file.lines.line_range(text, idx);
        let line = &text[r.clone()];
        if line.trim().is_empty() {
            continue;
        }
        let Some(c) = TRAILING_ENTRY.captures(line).filter(|_| !code.contains(r.start)) else {
            break;
        };
        let m = c.get(1).expect("id group");
        let id = m.as_str().parse().unwrap_or(0);
        block.push((id, r.start + m.start()..r.start + m.end(), r));
    }
    block.reverse();
    let numbered_from_one = block.iter().enumerate().all(|(k, (id, _, _))| *id as usize == k + 1);
    if block.len() < 2 || !numbered_from_one {
        return None;
    }
    Some(
        block
            .into_iter()
            .map(|(id, id_span, r)| {
                let rest = id_span.end + 1;
                Pending::new(Origin::Section, SourceId::Num(id), id_span, text, &r, rest)
            })
            .collect(),
    )
}

/// Converts a front-matter or sidecar `sources` array into entries.
/// `items` pairs each array element with its span in `file`.
pub fn entries_from_values(
    items: Vec<(Value, Range<usize>)>,
    file: &Arc<SourceFile>,
    origin: Origin,
) -> Result<Vec<SourceEntry>, (Range<usize>, String)> {
    let mut out = Vec::with_capacity(items.len());
    for (pos, (value, span)) in items.into_iter().enumerate() {
        let position = pos as u32 + 1;
        let (id, title, urls_list, content) = match value {
            Value::String(s) => {
                let is_url = s.contains("://") || s.starts_with("www.");
                let title = (!is_url).then(|| s.clone());
                (
                    SourceId::Num(position),
                    title,
                    if is_url { vec![s.clone()] } else { Vec::new() },
                    s,
                )
            }
            Value::Object(map) => {
                let get = |keys: &[&str]| keys.iter().find_map(|k| map.get(*k)).and_then(scalar);
                let id = match map.get("id").or_else(|| map.get("n")).or_else(|| map.get("number")) {
                    None => SourceId::Num(position),
                    Some(Value::Number(n)) => match n.as_u64().and_then(|n| u32::try_from(n).ok()) {
                        Some(n) => SourceId::Num(n),
                        None => {
                            return Err((
                                span,
                                format!("source #{position}: `id` must be a positive integer or a label"),
                            ))
                        }
                    },
                    Some(Value::String(s)) => match s.trim().parse::<u32>() {
                        Ok(n) => SourceId::Num(n),
                        Err(_) if !s.trim().is_empty() && !s.contains(char::is_whitespace) => {
                            SourceId::Label(s.trim().trim_start_matches('^').to_string())
                        }
                        Err(_) => {
                            return Err((
                                span,
                                format!("source #{position}: `id` {s:?} is not a number or a label"),
                            ))
                        }
                    },
                    Some(other) => {
                        return Err((
                            span,
                            format!("source #{position}: `id` must be a number or a string, not {other}"),
                        ))
                    }
                };
                let title = get(&["title", "name"]);
                let mut urls_list: Vec<String> = get(&["url", "link", "href"]).into_iter().collect();
                if let Some(Value::Array(a)) = map.get("urls") {
                    urls_list.extend(a.iter().filter_map(scalar));
                }
                let mut parts: Vec<String> = Vec::new();
                for k in [
                    "title",
                    "name",
                    "publisher",
                    "site",
                    "outlet",
                    "date",
                    "published",
                    "url",
                    "link",
                    "href",
                    "doi",
                    "isbn",
                ] {
                    if let Some(v) = map.get(k).and_then(scalar) {
                        parts.push(v);
                    }
                }
                if let Some(v) = map.get("doi").and_then(scalar) {
                    parts.push(format!("doi:{v}"));
                }
                (id, title, urls_list, parts.join(" "))
            }
            other => {
                return Err((
                    span,
                    format!("source #{position} must be a string or a table, not {other}"),
                ))
            }
        };
        let has_locator = !urls_list.is_empty() || urls::has_locator(&content);
        out.push(SourceEntry {
            id,
            id_span: span.clone(),
            urls: urls_list
                .into_iter()
                .map(|u| UrlRef {
                    text: u,
                    span: span.clone(),
                })
                .collect(),
            span,
            content: content.split_whitespace().collect::<Vec<_>>().join(" "),
            title,
            has_locator,
            origin,
            note: false,
            positional: false,
            file: Arc::clone(file),
        });
    }
    Ok(out)
}

/// A scalar as text (TOML datetimes arrive as a one-key table).
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Object(m) if m.len() == 1 => m.values().next().and_then(scalar),
        _ => None,
    }
}

/// Parses a sidecar `<stem>.sources.toml`: `sources = [...]` or `[[sources]]`.
pub fn parse_sidecar(file: &Arc<SourceFile>) -> Result<Vec<SourceEntry>, ParseProblem> {
    let problem = |span: Range<usize>, message: String| ParseProblem {
        kind: ProblemKind::Sidecar,
        file: Arc::clone(file),
        span,
        message,
    };
    let items = super::front_matter::toml_sources(&file.text, 0).map_err(|(span, msg)| problem(span, msg))?;
    entries_from_values(items, file, Origin::Sidecar).map_err(|(span, msg)| problem(span, msg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::SOURCES;

    /// The hand-written `atx` and `bold` agree with the regular expressions
    /// they replaced, on lines built from the characters that matter.
    #[test]
    fn heading_parsers_match_their_regexes() {
        let atx_re = Regex::new(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$").unwrap();
        let bold_re = Regex::new(r"^[ \t]*(?:\*\*|__)([^*_]+?)(?:\*\*|__)[ \t]*:?[ \t]*$").unwrap();
        let pieces = [
            "#", "##", "*", "**", "_", "__", " ", "\t", ":", "a", "Sources", "é", "  ", "#",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..50_000 {
            let n = (next() % 8) as usize;
            let line: String = (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            let want = atx_re
                .captures(&line)
                .map(|c| (c[1].len() as u8, c.get(2).map_or("", |m| m.as_str())));
            assert_eq!(atx(&line), want, "atx {line:?}");
            let want = bold_re.captures(&line).map(|c| c.get(1).unwrap().as_str().trim());
            assert_eq!(bold(&line), want, "bold {line:?}");
        }
    }

    fn body(text: &str) -> (Arc<SourceFile>, BodySources) {
        let file = SourceFile::new("t.md", text.to_string(), 0);
        let b = parse_body(&file, 0, &RangeSet::default(), &SOURCES);
        (file, b)
    }

    fn ids(b: &BodySources) -> Vec<String> {
        b.entries.iter().map(|e| e.id.to_string()).collect()
    }

    #[test]
    fn data_file_examples() {
        assert!(!SOURCES.examples.is_empty());
        for ex in &SOURCES.examples {
            assert_eq!(
                is_sources_heading(&ex.line, &SOURCES),
                ex.sources_heading,
                "{:?}",
                ex.line
            );
        }
    }

    #[test]
    fn section_entry_forms_and_continuations() {
        let text = "Body [1].\n\n## Sources\n\n1. First, https://example.org/a\n2) Second\n   continued https://example.org/b\n[3] Third\n- [4] Fourth\n(5) Fifth\n\nAfter the list.\n";
        let (_, b) = body(text);
        assert_eq!(ids(&b), ["[1]", "[2]", "[3]", "[4]", "[5]"]);
        assert_eq!(b.entries[1].urls[0].text, "https://example.org/b");
        assert_eq!(b.entries[1].content, "Second continued https://example.org/b");
        assert!(!b.consumed.contains(text.find("After").unwrap()));
        assert!(b.consumed.contains(text.find("1. First").unwrap()));
    }

    #[test]
    fn superscript_note_entries() {
        let (_, b) = body("Text<sup>[1]</sup>.\n\n## Notes\n\n<sup>[1]</sup> For example, one tool does it.\n");
        assert_eq!(ids(&b), ["[1]"]);
    }

    #[test]
    fn heading_forms() {
        for h in ["**Sources**", "Sources:", "# References", "Works cited", "Bibliography"] {
            let text = format!("Text [1].\n\n{h}\n1. Entry https://example.org/x\n");
            assert_eq!(ids(&body(&text).1), ["[1]"], "{h}");
        }
    }

    #[test]
    fn numbered_body_headings_are_not_sources() {
        let text =
            "1. Why U.S. Troops Patrol: NATO Mandate\nU.S. soldiers patrol [1].\n2. Visible Activities\nMore [2].";
        let (_, b) = body(text);
        assert!(b.entries.is_empty());
    }

    #[test]
    fn further_reading_is_not_sources_and_ends_a_section() {
        let text = "## Sources\n1. A https://example.org/a\n\n## Further reading\n2. B https://example.org/b\n";
        let (_, b) = body(text);
        assert_eq!(ids(&b), ["[1]"]);
    }

    #[test]
    fn link_and_footnote_definitions() {
        let text = "See [1] and [^a].\n\n[1]: https://example.org/one \"One\"\n[docs]: https://example.org/docs\n[^a]: Footnote text\n    continued https://example.org/fn\n";
        let (_, b) = body(text);
        assert_eq!(ids(&b), ["[1]", "[^a]"]);
        assert_eq!(b.entries[0].urls[0].text, "https://example.org/one");
        assert_eq!(b.entries[1].urls[0].text, "https://example.org/fn");
        assert!(b.consumed.contains(text.find("[docs]").unwrap()));
    }

    #[test]
    fn empty_entries_are_kept_for_src001() {
        let text = "## Sources\n1.\n2. Real https://example.org/r\n";
        let (_, b) = body(text);
        assert_eq!(ids(&b), ["[1]", "[2]"]);
        assert!(b.entries[0].content.is_empty());
    }

    #[test]
    fn unnumbered_bullets_are_positional() {
        let text = "## Sources\n- https://example.org/a\n- https://example.org/b\n";
        let (_, b) = body(text);
        assert_eq!(ids(&b), ["[1]", "[2]"]);
    }

    #[test]
    fn trailing_bracketed_block_without_heading() {
        let text = "Claim [1] and [2].\n\n[1] https://example.org/a\n[2] Report. https://example.org/b\n";
        let (_, b) = body(text);
        assert_eq!(ids(&b), ["[1]", "[2]"]);
        assert_eq!(b.entries[1].urls[0].text, "https://example.org/b");
        assert!(b.consumed.contains(text.find("[1] https").unwrap()));
        // Numbering that does not start at 1 is not a list. One line is not
        // a list either, but after the paragraph that cites it, it is that
        // marker's note (see `notes::inline_notes`).
        assert_eq!(ids(&body("Claim [1].\n\n[1] https://example.org/a\n").1), ["[1]"]);
        assert!(body("Claim.\n\n[1] https://example.org/a\n").1.entries.is_empty());
        assert!(
            body("Text.\n[2] a https://example.org/a\n[3] b https://example.org/b\n")
                .1
                .entries
                .is_empty()
        );
    }

    #[test]
    fn wikipedia_caret_is_stripped() {
        let text = "## References\n1. ^ Jump up to: a b \"Title\". Publisher. https://example.org/w\n";
        let (_, b) = body(text);
        assert_eq!(b.entries[0].title.as_deref(), Some("Title"));
        assert!(b.entries[0].content.starts_with("\"Title\""));
    }
}
