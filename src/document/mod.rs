//! The document model: a draft's text plus everything the checks need to know
//! about it, all as byte spans into that text.
//!
//! `parse` is a pure function of the file's bytes (and its sidecar's bytes, if
//! any) and the rule data. Problems found while parsing (bad front matter,
//! invalid UTF-8) are returned as `ParseProblem` values; the rules turn them
//! into diagnostics.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::data::{MarkerData, SourcesData};
use crate::text::{OffsetMap, SourceFile};

pub mod dates;
pub mod front_matter;
pub mod markdown;
pub mod markers;
mod notes;
pub mod plain;
pub mod sentences;
mod source_tables;
pub mod sources;
mod uax29;
pub mod urls;
mod utf16;

pub use markers::{Malformed, Marker, MarkerItem, SourceId};
pub use sentences::{Date, Exempt, Segmenter, Sentence, Unit};
pub use sources::{Origin, SourceEntry};
pub use utf16::bom as is_utf16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Plain,
}

impl Format {
    /// `.txt` (and anything unknown) is plain text; `.md`/`.markdown` are Markdown.
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase) {
            Some(e) if matches!(e.as_str(), "md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
            _ => Format::Plain,
        }
    }
}

/// Sorted, non-overlapping byte ranges with O(log n) membership.
#[derive(Debug, Clone, Default)]
pub struct RangeSet {
    ranges: Vec<Range<usize>>,
    sorted: bool,
}

impl RangeSet {
    pub fn push(&mut self, r: Range<usize>) {
        if r.start < r.end {
            self.ranges.push(r);
            self.sorted = false;
        }
    }

    pub fn extend(&mut self, other: &RangeSet) {
        for r in &other.ranges {
            self.push(r.clone());
        }
    }

    /// Sorts and merges; call once after the last `push`.
    pub fn normalise(&mut self) {
        self.ranges.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(self.ranges.len());
        for r in self.ranges.drain(..) {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        self.ranges = merged;
        self.sorted = true;
    }

    pub fn contains(&self, pos: usize) -> bool {
        debug_assert!(
            self.sorted || self.ranges.is_empty(),
            "RangeSet used before normalise()"
        );
        let i = self.ranges.partition_point(|r| r.end <= pos);
        self.ranges.get(i).is_some_and(|r| r.start <= pos)
    }

    /// Whether any range overlaps `r`.
    pub fn intersects(&self, r: Range<usize>) -> bool {
        let i = self.ranges.partition_point(|x| x.end <= r.start);
        self.ranges.get(i).is_some_and(|x| x.start < r.end)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Range<usize>> {
        self.ranges.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Markdown `#` heading (level 1–6) or a plain-text heading line (level 0).
    Heading(u8),
    Paragraph,
    ListItem,
    Quote,
    Code,
    Html,
    TableCell,
    FrontMatter,
    /// A sources section, definitions and footnote definitions.
    Sources,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    InvalidUtf8,
    FrontMatter,
    Sidecar,
}

/// Something wrong with the input itself, found while parsing.
#[derive(Debug, Clone)]
pub struct ParseProblem {
    pub kind: ProblemKind,
    pub file: Arc<SourceFile>,
    pub span: Range<usize>,
    pub message: String,
}

#[derive(Debug)]
pub struct Document {
    pub file: Arc<SourceFile>,
    pub format: Format,
    pub blocks: Vec<Block>,
    /// Code, HTML, link destinations, URLs, front matter: never markers.
    pub ignored: RangeSet,
    pub quotes: RangeSet,
    pub markers: Vec<Marker>,
    pub malformed: Vec<Malformed>,
    pub sources: Vec<SourceEntry>,
    /// Where each sources list was found (heading or block span), by origin.
    pub source_lists: Vec<(Origin, Range<usize>)>,
    pub sidecar: Option<Arc<SourceFile>>,
    pub problems: Vec<ParseProblem>,
    /// The text with line breaks, ignored contexts and markers blanked to
    /// spaces (same byte offsets): what sentence features are matched on.
    pub masked: String,
    /// Sentences in text order (see `sentences.rs`).
    pub sentences: Vec<Sentence>,
    /// Index into `sentences` of the article's title.
    pub title: Option<usize>,
    /// The article's date, from a dateline such as "Checked on November 26, 2025".
    pub date: Option<Date>,
    /// Writing about code: the draft has a code block or inline code in
    /// several places (see `is_technical`).
    pub technical: bool,
}

/// Inline code spans that make a draft without code blocks technical.
const TECHNICAL_CODE_SPANS: usize = 3;

/// A draft with a code block, or with code spans in several places, is
/// about software: its counts and ordinals describe a design ("two fields",
/// "the first argument"), not events.
fn is_technical(blocks: &[Block], code: &RangeSet) -> bool {
    blocks.iter().any(|b| b.kind == BlockKind::Code) || code.iter().count() >= TECHNICAL_CODE_SPANS
}

/// The rule data parsing depends on.
#[derive(Clone, Copy)]
pub struct ParseOptions<'a> {
    pub markers: &'a MarkerData,
    pub sources: &'a SourcesData,
    pub segmenter: &'a Segmenter,
}

impl Default for ParseOptions<'static> {
    fn default() -> Self {
        ParseOptions {
            markers: &crate::data::MARKERS,
            sources: &crate::data::SOURCES,
            segmenter: &sentences::SEGMENTER,
        }
    }
}

/// A file's bytes as text.
pub struct Decoded {
    pub text: String,
    pub offsets: OffsetMap,
    /// Some bytes were not valid UTF-8 and became U+FFFD.
    pub lossy: bool,
}

/// Decodes UTF-16 with a BOM (see `utf16`); otherwise decodes bytes as UTF-8, strips a BOM, and replaces each invalid sequence
/// with U+FFFD (as `String::from_utf8_lossy` does), remembering where, so
/// that reported byte offsets still index the file on disk.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(little) = utf16::bom(bytes) {
        return utf16::decode(bytes, little);
    }
    let (bytes, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    let mut offsets = OffsetMap::with_bom(bom);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_owned(),
            offsets,
            lossy: false,
        };
    }
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut delta = 0isize;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            delta += chunk.invalid().len() as isize - char::REPLACEMENT_CHARACTER.len_utf8() as isize;
            offsets.record(text.len(), delta);
        }
    }
    Decoded {
        text,
        offsets,
        lossy: true,
    }
}

/// A sidecar sources file's name and bytes.
pub struct Sidecar<'a> {
    pub name: String,
    pub bytes: &'a [u8],
}

pub fn parse(
    name: &str,
    bytes: &[u8],
    format: Format,
    sidecar: Option<Sidecar<'_>>,
    opts: ParseOptions<'_>,
) -> Document {
    let Decoded { text, offsets, lossy } = decode(bytes);
    let file = SourceFile::decoded(name, text, offsets);
    let text = file.text.as_str();
    let mut problems = Vec::new();
    if lossy {
        let first_bad = file.text.find('\u{FFFD}').unwrap_or(0);
        problems.push(ParseProblem {
            kind: ProblemKind::InvalidUtf8,
            file: Arc::clone(&file),
            span: first_bad..first_bad + '\u{FFFD}'.len_utf8().min(text.len() - first_bad),
            message: "file is not valid UTF-8; invalid bytes were replaced with U+FFFD".into(),
        });
    }

    let mut blocks = Vec::new();
    let mut ignored = RangeSet::default();
    let quotes;
    let mut sources = Vec::new();
    let mut source_lists = Vec::new();

    // Front matter first: it may hold sources, and its text is never prose.
    let fm = front_matter::parse(&file);
    let body_start = match &fm {
        Some(fm) => {
            ignored.push(fm.span.clone());
            blocks.push(Block {
                kind: BlockKind::FrontMatter,
                span: fm.span.clone(),
            });
            if let Some(p) = &fm.problem {
                problems.push(p.clone());
            }
            if !fm.entries.is_empty() {
                source_lists.push((Origin::FrontMatter, fm.key_span.clone()));
            }
            fm.span.end
        }
        None => 0,
    };
    let fm_date = fm.as_ref().and_then(|fm| front_matter::date(&text[fm.span.clone()]));
    if let Some(fm) = fm {
        sources.extend(fm.entries);
    }

    // Contexts where brackets are not markers, and block structure.
    let mut links = RangeSet::default();
    let code = match format {
        Format::Markdown => {
            let md = markdown::analyze(text, body_start);
            links = md.links;
            ignored.extend(&md.ignored);
            quotes = md.quotes;
            blocks.extend(md.blocks);
            md.code
        }
        Format::Plain => {
            let pl = plain::analyze(text, &file.lines, body_start);
            ignored.extend(&pl.ignored);
            quotes = pl.quotes;
            blocks.extend(pl.blocks);
            RangeSet::default()
        }
    };
    let mut url_ranges = RangeSet::default();
    urls::bare_url_ranges(text, body_start, &mut url_ranges);
    url_ranges.normalise();
    ignored.extend(&url_ranges);
    // What makes a sentence "linked": a URL, or the text of a link out of the page.
    links.extend(&url_ranges);
    links.normalise();

    // Sources in the body: sections, link definitions, footnote definitions.
    let mut hidden = code.clone();
    if format == Format::Markdown {
        hidden.extend(&markdown::html_comments(text, body_start, &code));
        hidden.normalise();
    }
    let body = sources::parse_body(&file, body_start, &hidden, opts.sources);
    for r in body.consumed.iter() {
        ignored.push(r.clone());
        blocks.push(Block {
            kind: BlockKind::Sources,
            span: r.clone(),
        });
    }
    source_lists.extend(body.lists);
    sources.extend(body.entries);

    // Sidecar `<stem>.sources.toml`.
    let sidecar_file = sidecar.map(|sc| {
        let d = decode(sc.bytes);
        let sc_file = SourceFile::decoded(sc.name, d.text, d.offsets);
        match sources::parse_sidecar(&sc_file) {
            Ok(entries) => {
                if !entries.is_empty() {
                    source_lists.push((Origin::Sidecar, 0..0));
                }
                sources.extend(entries);
            }
            Err(p) => problems.push(p),
        }
        sc_file
    });

    let mut quotes = quotes;
    ignored.normalise();
    quotes.normalise();
    let zero_ok = sources.iter().any(|s| s.id == SourceId::Num(0));
    let mut scan = markers::scan_with(text, &ignored, &quotes, opts.markers, zero_ok);
    // Superscript digits cite the numbered sources the writer wrote.
    let written: std::collections::HashSet<u32> = sources
        .iter()
        .filter(|s| !s.positional)
        .filter_map(|s| match s.id {
            SourceId::Num(n) => Some(n),
            SourceId::Label(_) => None,
        })
        .collect();
    if !written.is_empty() {
        let sup = markers::superscript_markers(text, &ignored, &|n| written.contains(&n));
        if !sup.is_empty() {
            scan.markers.extend(sup);
            scan.markers.sort_by_key(|m| m.span.start);
        }
    }
    // Plain bullets under a References heading in a draft that cites no
    // number, or whose numbers are written elsewhere (`[1]: https://…`,
    // `1. …`), are a reading list: their ids were never written, so no entry
    // of it is "never cited", a duplicate of a written id, or asked for a URL.
    if !cites_a_number(&scan.markers) || !written.is_empty() {
        sources.retain(|s| !s.positional);
    }
    blocks.sort_by_key(|b| (b.span.start, std::cmp::Reverse(b.span.end)));
    let seg = sentences::segment(
        &sentences::Inputs {
            text,
            format,
            blocks: &blocks,
            ignored: &ignored,
            quotes: &quotes,
            markers: &scan.markers,
            malformed: &scan.malformed,
            urls: &links,
        },
        opts.segmenter,
    );

    let technical = is_technical(&blocks, &code);
    let date = seg
        .date
        .or(fm_date)
        .or_else(|| dates::leading_dateline(text, &seg.sentences));
    Document {
        masked: seg.masked,
        sentences: seg.sentences,
        title: seg.title,
        date,
        format,
        blocks,
        ignored,
        quotes,
        markers: scan.markers,
        malformed: scan.malformed,
        sources,
        source_lists,
        sidecar: sidecar_file,
        problems,
        technical,
        file,
    }
}

/// Whether any marker cites a numbered source (`[3]`, `[2–4]`).
fn cites_a_number(markers: &[Marker]) -> bool {
    markers.iter().flat_map(|m| &m.items).any(|i| match i {
        MarkerItem::One { id, .. } => matches!(id, SourceId::Num(_)),
        MarkerItem::Range { .. } => true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_set_merges_and_finds() {
        let mut r = RangeSet::default();
        r.push(10..20);
        r.push(0..5);
        r.push(15..30);
        r.normalise();
        assert!(r.contains(0) && r.contains(4) && !r.contains(5));
        assert!(r.contains(10) && r.contains(29) && !r.contains(30));
        assert_eq!(r.iter().count(), 2);
    }

    #[test]
    fn decode_strips_bom_and_survives_latin1() {
        let d = decode(b"\xEF\xBB\xBFhi");
        assert_eq!((d.text.as_str(), d.offsets.to_file(0), d.lossy), ("hi", 3, false));
        let bytes = b"caf\xE9 [1] \xFF\xFE x";
        let d = decode(bytes);
        assert!(d.lossy);
        assert_eq!(d.text, String::from_utf8_lossy(bytes));
        // Offsets after each replacement still index the original bytes.
        let m = d.text.find("[1]").unwrap();
        assert_eq!(&bytes[d.offsets.to_file(m)..d.offsets.to_file(m) + 3], b"[1]");
        let x = d.text.find('x').unwrap();
        assert_eq!(bytes[d.offsets.to_file(x)], b'x');
    }
}
