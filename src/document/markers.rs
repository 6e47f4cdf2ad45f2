//! The citation-marker grammar.
//!
//! Markers are found by scanning the raw text for `[` (memchr) rather than by
//! walking the Markdown AST: a CommonMark parser turns `[1]` into a link when a
//! `[1]: url` definition exists and consumes definitions entirely, and plain
//! text drafts are not Markdown at all. The Markdown layer only tells us which
//! byte ranges to skip (code, link destinations, HTML, front matter, the
//! sources list itself); see `markdown.rs`.

use std::fmt;
use std::ops::Range;

use crate::data::MarkerData;
use crate::document::RangeSet;
use crate::text::lines::floor_char_boundary;

/// What a marker or a source entry is called by.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceId {
    /// `[3]`, `3.` in a sources list, `[3]: url`.
    Num(u32),
    /// `[^label]` footnotes, and non-numeric ids from front matter or sidecars.
    Label(String),
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceId::Num(n) => write!(f, "[{n}]"),
            SourceId::Label(l) => write!(f, "[^{l}]"),
        }
    }
}

/// One id or range inside a marker: `[1, 3–5]` has two items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkerItem {
    One { id: SourceId, span: Range<usize> },
    Range { lo: u32, hi: u32, span: Range<usize> },
}

impl MarkerItem {
    pub fn span(&self) -> Range<usize> {
        match self {
            MarkerItem::One { span, .. } | MarkerItem::Range { span, .. } => span.clone(),
        }
    }

    /// Every id the item cites; a range yields at most `MAX_EXPANDED` ids, a
    /// bound on memory for an absurd range such as `[1–4000000000]`.
    pub fn ids(&self) -> impl Iterator<Item = SourceId> + '_ {
        let (label, nums) = match self {
            MarkerItem::One {
                id: SourceId::Label(l), ..
            } => (Some(SourceId::Label(l.clone())), self.numbers()),
            _ => (None, self.numbers()),
        };
        let end = (*nums.end()).min(nums.start().saturating_add(MAX_EXPANDED - 1));
        label.into_iter().chain((*nums.start()..=end).map(SourceId::Num))
    }

    /// Numeric ids covered (empty for a label).
    pub fn numbers(&self) -> std::ops::RangeInclusive<u32> {
        match self {
            MarkerItem::One {
                id: SourceId::Num(n), ..
            } => *n..=*n,
            MarkerItem::Range { lo, hi, .. } => *lo..=*hi,
            #[allow(clippy::reversed_empty_ranges)]
            MarkerItem::One { .. } => 1..=0,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Marker {
    /// The whole bracket, `[` through `]`.
    pub span: Range<usize>,
    pub items: Vec<MarkerItem>,
    /// Markers separated only by spaces (or `<sup>` tags) share a group number.
    pub group: usize,
    /// Inside a block quote: may be the quoted document's own numbering.
    pub in_quote: bool,
}

impl Marker {
    pub fn is_footnote(&self) -> bool {
        matches!(
            self.items.first(),
            Some(MarkerItem::One {
                id: SourceId::Label(_),
                ..
            })
        )
    }
}

#[derive(Debug, Clone)]
pub struct Malformed {
    pub span: Range<usize>,
    pub reason: String,
    pub suggestion: Option<String>,
}

/// Markers and malformed citation attempts of one text.
#[derive(Debug, Default)]
pub struct Scan {
    pub markers: Vec<Marker>,
    pub malformed: Vec<Malformed>,
}

/// The most ids one range expands to (see `MarkerItem::ids`).
pub const MAX_EXPANDED: u32 = 1001;

/// The longest bracket content considered; longer brackets are prose.
const MAX_CONTENT: usize = 96;

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‐' | '‑' | '−')
}

fn is_escaped(bytes: &[u8], i: usize) -> bool {
    let mut n = 0;
    let mut k = i;
    while k > 0 && bytes[k - 1] == b'\\' {
        n += 1;
        k -= 1;
    }
    n % 2 == 1
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    memchr::memchr2(b'\n', b'\r', &bytes[from..]).map_or(bytes.len(), |o| from + o)
}

/// Scans `text` for markers, skipping `ignored` byte ranges.
pub fn scan(text: &str, ignored: &RangeSet, quotes: &RangeSet, data: &MarkerData) -> Scan {
    scan_with(text, ignored, quotes, data, false)
}

/// `scan`, where `zero_ok` says the draft numbers a source 0, so that `[0]`
/// cites it instead of being a malformed marker.
pub fn scan_with(text: &str, ignored: &RangeSet, quotes: &RangeSet, data: &MarkerData, zero_ok: bool) -> Scan {
    let bytes = text.as_bytes();
    let mut out = Scan::default();
    let mut pos = 0;
    let mut group = 0usize;
    let mut prev_end: Option<usize> = None;

    while let Some(off) = memchr::memchr(b'[', &bytes[pos..]) {
        let i = pos + off;
        pos = i + 1;
        if ignored.contains(i) || is_escaped(bytes, i) {
            continue;
        }
        // `[[3]](#ref-3)`: the outer bracket is link text; the inner one is the marker.
        if bytes.get(i + 1) == Some(&b'[') {
            continue;
        }
        // Nothing past the content budget matters, so the search for the
        // line's end stops there: 100,000 markers on one line stay linear.
        let window = bytes.len().min(i + 2 + MAX_CONTENT);
        let eol = line_end(&bytes[..window], i);
        let limit = eol.min(i + 1 + MAX_CONTENT);
        let close = bytes[i + 1..limit]
            .iter()
            .position(|&b| b == b']' || b == b'[')
            .map(|o| i + 1 + o)
            .filter(|&j| bytes[j] == b']');

        let Some(j) = close else {
            let index = i > 0 && is_ident_byte(bytes[i - 1]);
            if let Some(m) = unclosed(text, i, eol, data).filter(|_| !quotes.contains(i) && !index) {
                out.malformed.push(m);
            }
            continue;
        };
        let content = &text[i + 1..j];
        let followed_by_paren = bytes.get(j + 1) == Some(&b'(');
        let outcome = if let Some(label) = content.strip_prefix('^') {
            footnote(label, i).map(Ok)
        } else if is_index(text, i, content) || (content.is_empty() && i > 0 && bytes[i - 1] == b']') {
            // `[original rfc][]` with no definition: a broken link, not an empty marker.
            None
        } else {
            classify(content, i + 1, followed_by_paren, data, zero_ok)
        };
        match outcome {
            Some(Ok(items)) => {
                let span = i..j + 1;
                if !prev_end.is_some_and(|e| only_glue(&text[e..i])) {
                    group += 1;
                }
                prev_end = Some(j + 1);
                out.markers.push(Marker {
                    span,
                    items,
                    group,
                    in_quote: quotes.contains(i),
                });
                pos = j + 1;
            }
            // In a quote, odd brackets belong to the quoted document.
            Some(Err(_)) if quotes.contains(i) => pos = j + 1,
            Some(Err((reason, suggestion))) => {
                out.malformed.push(Malformed {
                    span: i..j + 1,
                    reason,
                    suggestion,
                });
                pos = j + 1;
            }
            None => {}
        }
    }
    out
}

/// Text allowed between two markers of one group: spaces and `<sup>` tags.
/// (Runs once per marker, so it does not allocate.)
fn only_glue(between: &str) -> bool {
    let mut rest = between;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("<sup>").or_else(|| rest.strip_prefix("</sup>")) {
            rest = r;
            continue;
        }
        let mut chars = rest.chars();
        match chars.next() {
            Some(' ' | '\t' | '\u{a0}' | '\u{202f}') => rest = chars.as_str(),
            _ => return false,
        }
    }
    true
}

fn footnote(label: &str, open: usize) -> Option<Vec<MarkerItem>> {
    if label.is_empty() || label.len() > 64 || label.chars().any(|c| c.is_whitespace() || c == '^') {
        return None;
    }
    Some(vec![MarkerItem::One {
        id: SourceId::Label(label.to_string()),
        span: open..open + label.len() + 3,
    }])
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `a[0]`, `mu_s[0]`, `rows[]`, `x2[1]`: an identifier directly before the
/// bracket makes an index. A plain word of three or more letters before a
/// valid id (`frozen[3]`, as pasted from a wiki) is still a marker.
fn is_index(text: &str, open: usize, content: &str) -> bool {
    let bytes = text.as_bytes();
    let start = bytes[..open]
        .iter()
        .rposition(|&b| !is_ident_byte(b))
        .map_or(0, |k| k + 1);
    let word = &text[start..open];
    if word.is_empty() {
        return false;
    }
    let code_like = word.len() <= 2
        || word.bytes().any(|b| b == b'_' || b.is_ascii_digit())
        || word.bytes().skip(1).any(|b| b.is_ascii_uppercase());
    let id = content.trim();
    code_like || id.is_empty() || id.starts_with('0') || !id.bytes().all(|b| b.is_ascii_digit())
}

type Classified = Result<Vec<MarkerItem>, (String, Option<String>)>;

/// Decides what a bracket's content is: a marker (`Ok`), a malformed citation
/// attempt (`Err`), or ordinary text (`None`). `base` is the content's offset.
fn classify(
    content: &str,
    base: usize,
    followed_by_paren: bool,
    data: &MarkerData,
    zero_ok: bool,
) -> Option<Classified> {
    if content.is_empty() {
        // `[](url)` is an empty link, not a citation attempt.
        return (!followed_by_paren).then(|| Err(("empty citation marker".to_string(), None)));
    }
    let t = content.trim();
    if t == "?" {
        return (!followed_by_paren).then(|| {
            Err((
                "`[?]` is a placeholder, not a source id".to_string(),
                Some("replace `?` with the id of the source".to_string()),
            ))
        });
    }
    if !t.chars().any(|c| c.is_ascii_digit()) {
        return None; // [x], [ ], [sic], […], [citation needed], [Title](url)
    }
    let allowed =
        |c: char| c.is_ascii_digit() || c == ' ' || c == ',' || c == ';' || is_dash(c) || data.confusable(c).is_some();
    if !t.chars().all(allowed) {
        return None; // [1.5], [1/2], [3 of 5], [Figure 2]
    }
    if t.chars().any(|c| data.confusable(c).is_some()) {
        // Only a run of digits and confusable letters is a typo'd number.
        if t.chars().all(|c| c.is_ascii_digit() || data.confusable(c).is_some()) {
            let fixed: String = t.chars().map(|c| data.confusable(c).unwrap_or(c)).collect();
            return Some(Err((
                format!("`[{t}]` has a letter where a digit belongs"),
                Some(format!("[{fixed}]")),
            )));
        }
        return None;
    }

    let mut items = Vec::new();
    let mut offset = base;
    let parts: Vec<&str> = content.split([',', ';']).collect();
    let single = parts.len() == 1;
    for (k, part) in parts.iter().enumerate() {
        let start = offset + (part.len() - part.trim_start().len());
        let p = part.trim();
        offset += part.len() + 1;
        if p.is_empty() {
            let why = if single {
                "empty citation marker"
            } else if k + 1 == parts.len() {
                "trailing separator in citation marker"
            } else if k == 0 {
                "leading separator in citation marker"
            } else {
                "empty item between separators in citation marker"
            };
            let cleaned: Vec<&str> = parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
            return Some(Err((why.to_string(), Some(format!("[{}]", cleaned.join(", "))))));
        }
        let span = start..start + p.len();
        if let Some((a, b)) = p.split_once(is_dash) {
            let (a, b) = (a.trim(), b.trim_start_matches(is_dash).trim());
            let (Some(lo), Some(hi)) = (number(a), number(b)) else {
                // `[3-]` is a range left open; `[2024-02-06]` is a date.
                let open = a.is_empty() != b.is_empty() && (number(a).is_some() || number(b).is_some());
                return open.then(|| Err((format!("incomplete range `{p}` in citation marker"), None)));
            };
            if lo > data.max_id || hi > data.max_id {
                return None;
            }
            if lo == 0 && !zero_ok {
                return Some(Err(("citation ids start at 1, not 0".to_string(), None)));
            }
            if lo > hi {
                return Some(Err((
                    format!("reversed range `{p}` in citation marker"),
                    Some(format!("[{hi}–{lo}]")),
                )));
            }
            if lo == hi {
                return Some(Err((
                    format!("range `{p}` has the same start and end"),
                    Some(format!("[{lo}]")),
                )));
            }
            items.push(MarkerItem::Range { lo, hi, span });
        } else {
            let Some(n) = number(p) else {
                // "1 2": digits separated by a space only.
                return Some(Err((
                    format!("missing separator in citation marker `[{t}]`"),
                    Some(format!("[{}]", p.split_whitespace().collect::<Vec<_>>().join(", "))),
                )));
            };
            if n > data.max_id {
                return None;
            }
            if single && p.len() == 4 && (data.year_min..=data.year_max).contains(&n) {
                return None; // [2025] is a year
            }
            if n == 0 && !zero_ok {
                return Some(Err((
                    "citation ids start at 1, not 0".to_string(),
                    Some("number sources from 1".to_string()),
                )));
            }
            items.push(MarkerItem::One {
                id: SourceId::Num(n),
                span,
            });
        }
    }
    Some(Ok(items))
}

fn number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `[2` with no closing bracket on its line: digits (and separators) followed
/// by the end of the line, another `[`, or a sentence-final period; or
/// followed by more text after a period (`[1. The next…`) or a separator
/// (`[2, the…`).
fn unclosed(text: &str, open: usize, eol: usize, data: &MarkerData) -> Option<Malformed> {
    // The byte budget may end inside a character.
    let rest = &text[open + 1..floor_char_boundary(text, eol.min(open + 1 + MAX_CONTENT))];
    let digits_end = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ',' || c == ';' || c == ' ' || is_dash(c)))
        .map_or(rest.len(), |(k, _)| k);
    let head = rest[..digits_end].trim_end();
    if head.is_empty() || !head.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let tail = rest[digits_end..].trim_start();
    let ends = tail.is_empty() || tail.starts_with('[') || tail == ".";
    let before_text = (tail.starts_with(". ") && tail[2..].trim_start().starts_with(char::is_alphabetic))
        || (head.ends_with([',', ';']) && tail.starts_with(char::is_alphabetic));
    if !(ends || before_text) || head.len() > 12 {
        return None;
    }
    let head = head.trim_end_matches([',', ';', ' ']);
    if !head.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // `[2025` is an unclosed year, not an unclosed citation.
    if head.len() == 4 && number(head).is_some_and(|n| (data.year_min..=data.year_max).contains(&n)) {
        return None;
    }
    Some(Malformed {
        span: open..open + 1 + head.len(),
        reason: "citation marker is not closed with `]`".to_string(),
        suggestion: Some(format!("[{head}]")),
    })
}

/// Superscript digits used as note markers (`budget.¹`, `projection,²³`).
const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

fn superscript_value(c: char) -> Option<u32> {
    SUPERSCRIPTS.iter().position(|&s| s == c).map(|d| d as u32)
}

/// Notes cited with superscript digits: a run of one to three of them right
/// after a word or closing punctuation, whose number is one of `defined`
/// (a draft's written source ids). A superscript on a unit or a variable
/// (`120 m²`, `x²`) is an exponent, not a note. Each run is its own group.
pub fn superscript_markers(text: &str, ignored: &RangeSet, defined: &dyn Fn(u32) -> bool) -> Vec<Marker> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut prev: Option<(usize, char)> = None;
    while let Some((i, c)) = chars.next() {
        let Some(first) = superscript_value(c) else {
            prev = Some((i, c));
            continue;
        };
        let mut value = first;
        let mut end = i + c.len_utf8();
        let mut digits = 1;
        while let Some(&(j, d)) = chars.peek() {
            let Some(v) = superscript_value(d) else { break };
            value = value.saturating_mul(10).saturating_add(v);
            end = j + d.len_utf8();
            digits += 1;
            chars.next();
        }
        let after_word = prev.is_some_and(|(_, p)| {
            p.is_alphabetic()
                || matches!(
                    p,
                    '.' | ',' | ';' | ':' | ')' | '"' | '”' | '’' | '\'' | '»' | '*' | '_'
                )
        });
        let cites =
            digits <= 3 && first != 0 && after_word && !ignored.contains(i) && !is_exponent(text, i) && defined(value);
        if cites {
            out.push(Marker {
                span: i..end,
                items: vec![MarkerItem::One {
                    id: SourceId::Num(value),
                    span: i..end,
                }],
                group: usize::MAX - out.len(),
                in_quote: false,
            });
        }
        prev = text[..end].chars().next_back().map(|ch| (end - ch.len_utf8(), ch));
    }
    out
}

/// Whether the superscript at `at` raises a unit or a variable: the word
/// before it is one letter (`x²`), or a short word right after a number
/// (`120 m²`, `5km³`).
fn is_exponent(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(at, |(k, _)| k);
    let word = &before[word_start..];
    let letters = word.chars().count();
    if letters == 0 {
        return false;
    }
    if letters == 1 {
        return true;
    }
    let lead = before[..word_start].trim_end_matches([' ', '\u{a0}', '\u{202f}']);
    letters <= 3 && lead.ends_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::MARKERS;

    fn scan_plain(text: &str) -> Scan {
        scan(text, &RangeSet::default(), &RangeSet::default(), &MARKERS)
    }

    fn render(m: &Marker) -> String {
        m.items
            .iter()
            .map(|it| match it {
                MarkerItem::One {
                    id: SourceId::Num(n), ..
                } => n.to_string(),
                MarkerItem::One {
                    id: SourceId::Label(l), ..
                } => format!("^{l}"),
                MarkerItem::Range { lo, hi, .. } => format!("{lo}-{hi}"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The examples carried by rules/markers.toml, through the whole parser
    /// (so ignored contexts count) in both formats.
    #[test]
    fn data_file_examples() {
        use crate::document::{parse, Format, ParseOptions};
        assert!(!MARKERS.examples.is_empty());
        for format in [Format::Plain, Format::Markdown] {
            for ex in &MARKERS.examples {
                let doc = parse("ex", ex.text.as_bytes(), format, None, ParseOptions::default());
                let got: Vec<String> = doc.markers.iter().map(render).collect();
                assert_eq!(got, ex.markers, "markers of {:?} ({format:?})", ex.text);
                let bad: Vec<&str> = doc.malformed.iter().map(|m| &ex.text[m.span.clone()]).collect();
                assert_eq!(bad, ex.malformed, "malformed in {:?} ({format:?})", ex.text);
            }
        }
    }

    #[test]
    fn groups_join_adjacent_markers_only() {
        let s = scan_plain("a [1] [2][3] b [4] and<sup>[5]</sup><sup>[6]</sup>");
        let groups: Vec<usize> = s.markers.iter().map(|m| m.group).collect();
        assert_eq!(groups, vec![1, 1, 1, 2, 3, 3]);
    }

    #[test]
    fn spans_cover_brackets_and_items() {
        let text = "x [1, 3–5] y";
        let s = scan_plain(text);
        let m = &s.markers[0];
        assert_eq!(&text[m.span.clone()], "[1, 3–5]");
        assert_eq!(&text[m.items[1].span()], "3–5");
        assert_eq!(m.items[1].numbers(), 3..=5);
        let ids: Vec<String> = m.items.iter().flat_map(|i| i.ids()).map(|i| i.to_string()).collect();
        assert_eq!(ids, ["[1]", "[3]", "[4]", "[5]"]);
        let wide = MarkerItem::Range {
            lo: 1,
            hi: u32::MAX,
            span: 0..0,
        };
        assert_eq!(wide.ids().count(), MAX_EXPANDED as usize);
    }

    #[test]
    fn malformed_reasons_and_suggestions() {
        let s = scan_plain("[2,,3] [3-1] [1O] [1 2]");
        let sugg: Vec<_> = s.malformed.iter().map(|m| m.suggestion.clone().unwrap()).collect();
        assert_eq!(sugg, vec!["[2, 3]", "[1–3]", "[10]", "[1, 2]"]);
        assert!(s.malformed[1].reason.contains("reversed"));
    }

    #[test]
    fn ignored_ranges_and_escapes_are_skipped() {
        let text = "code `[1]` and \\[2] and [3]";
        let start = text.find('`').unwrap();
        let mut ignored = RangeSet::default();
        ignored.push(start..start + 5);
        ignored.normalise();
        let s = scan(text, &ignored, &RangeSet::default(), &MARKERS);
        assert_eq!(s.markers.len(), 1);
        assert_eq!(&text[s.markers[0].span.clone()], "[3]");
    }

    #[test]
    fn prose_brackets_are_not_malformed() {
        for text in [
            "[3 of 5]",
            "[Figure 2]",
            "[1.5]",
            "[2025]",
            "[12345]",
            "an array[i",
            "[2 more",
        ] {
            let s = scan_plain(text);
            assert!(s.markers.is_empty() && s.malformed.is_empty(), "{text}: {s:?}");
        }
    }

    #[test]
    fn unclosed_years_are_prose() {
        assert!(scan_plain("prices since [2025").malformed.is_empty());
        assert_eq!(scan_plain("late 2025 [3").malformed.len(), 1);
    }

    #[test]
    fn quoted_brackets_are_not_malformed() {
        let text = "> Section [3-1] of the act and [2\nProse [1,].";
        let mut quotes = RangeSet::default();
        quotes.push(0..text.find('\n').unwrap());
        quotes.normalise();
        let s = scan(text, &RangeSet::default(), &quotes, &MARKERS);
        let bad: Vec<&str> = s.malformed.iter().map(|m| &text[m.span.clone()]).collect();
        assert_eq!(bad, vec!["[1,]"]);
    }

    #[test]
    fn huge_line_of_brackets_is_linear() {
        let text = "[".repeat(200_000);
        let s = scan_plain(&text);
        assert!(s.markers.is_empty());
    }

    #[test]
    fn superscript_digits_cite_written_sources_but_not_exponents() {
        let text = "Costs rose.¹ The room adds 120 m² and x² grows; see the memo,² and note 7⁷.";
        let found = superscript_markers(text, &RangeSet::default(), &|n| n <= 3);
        let ids: Vec<String> = found.iter().map(|m| text[m.span.clone()].to_string()).collect();
        assert_eq!(ids, ["¹", "²"]);
        assert!(superscript_markers(text, &RangeSet::default(), &|_| false).is_empty());
    }
}
