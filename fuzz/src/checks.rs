//! Fuzz entry points and the invariants they assert.
//!
//! Each `pub fn` takes the raw fuzzer input, decodes it with a small fixed
//! layout (documented on the function, so seeds and regression files can be
//! written by hand), runs one part of citelint and panics when a promise of
//! its doc comments is broken. Used by the cargo-fuzz targets in `fuzz/` and,
//! through `#[path]`, by `tests/fuzz_regressions.rs`.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use citelint::config::Config;
use citelint::data::{MARKERS, SOURCES};
use citelint::diagnostic::{Diagnostic, SourceFile};
use citelint::document::{self, Document, Format, ParseOptions, RangeSet, Sidecar};
use citelint::quantity::{self, FileMentions, MentionRef};
use citelint::report::{self, Summary};

static CONFIG: LazyLock<Config> = LazyLock::new(|| Config::defaults(PathBuf::from(".")));

/// Reads the little header every input layout starts with.
struct Input<'a> {
    data: &'a [u8],
}

impl<'a> Input<'a> {
    fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    fn u16(&mut self) -> usize {
        self.byte() as usize | (self.byte() as usize) << 8
    }

    /// Up to `n` bytes.
    fn take(&mut self, n: usize) -> &'a [u8] {
        let (a, b) = self.data.split_at(n.min(self.data.len()));
        self.data = b;
        a
    }

    fn rest(self) -> &'a [u8] {
        self.data
    }
}

fn format(markdown: bool) -> Format {
    if markdown {
        Format::Markdown
    } else {
        Format::Plain
    }
}

/// A span is a non-reversed range inside `text`, on character boundaries.
#[track_caller]
fn assert_span(text: &str, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
}

/// `position` agrees with a count done by hand: the line holds the offset
/// with no line break before it, and the column counts characters.
#[track_caller]
fn assert_position(file: &SourceFile, offset: usize, what: &str) {
    let text = &file.text;
    let (line, col) = file.position(offset);
    assert!(
        line >= 1 && line <= file.lines.line_count() + 1,
        "{what}: line {line} of {}",
        file.lines.line_count()
    );
    let start = file.lines.line_start(line - 1);
    assert!(start <= offset, "{what}: line {line} starts at {start}, after {offset}");
    let before = &text[start..offset];
    assert!(
        !before.contains(['\n', '\r']),
        "{what}: a line break between line start and {offset}"
    );
    assert_eq!(col, before.chars().count() + 1, "{what}: column of {offset}");
}

fn assert_sorted_disjoint<'r>(ranges: impl Iterator<Item = &'r Range<usize>>, len: usize, what: &str) {
    let mut prev_end = 0;
    for (k, r) in ranges.enumerate() {
        assert!(r.start < r.end && r.end <= len, "{what}: bad range {r:?}");
        assert!(
            k == 0 || r.start > prev_end,
            "{what}: {r:?} overlaps or touches the range before"
        );
        prev_end = r.end;
    }
}

/// UTF-16 code units decoded independently of citelint's decoder; an odd
/// trailing byte is one U+FFFD.
fn from_utf16(body: &[u8], little: bool) -> String {
    let unit = |p: &[u8]| {
        if little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    };
    let units: Vec<u16> = body.chunks_exact(2).map(unit).collect();
    let mut s = String::from_utf16_lossy(&units);
    if body.len() % 2 == 1 {
        s.push('\u{FFFD}');
    }
    s
}

/// Everything `document::parse` promises about its result.
pub fn check_document(doc: &Document, bytes: &[u8]) {
    let file = &doc.file;
    let text = file.text.as_str();

    // Decoding: lossless for valid UTF-8 (or UTF-16 with a BOM), and offsets
    // map back to the bytes.
    let utf16 = document::is_utf16(bytes);
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        _ if utf16.is_some() => {
            let little = utf16 == Some(true);
            assert_eq!(text, from_utf16(&bytes[2..], little), "UTF-16 decoding");
        }
        Ok(s) => assert_eq!(s, text, "valid UTF-8 decodes to itself"),
        Err(_) => {
            assert_eq!(text, String::from_utf8_lossy(body), "lossy decoding");
            assert!(
                doc.problems
                    .iter()
                    .any(|p| p.kind == document::ProblemKind::InvalidUtf8),
                "invalid UTF-8 without a problem"
            );
        }
    }
    let on_disk = |span: &Range<usize>| {
        let (a, b) = (file.file_offset(span.start), file.file_offset(span.end));
        assert!(
            a <= b && b <= bytes.len(),
            "file offsets {a}..{b} of {span:?} past {} bytes",
            bytes.len()
        );
        &bytes[a..b]
    };

    for b in &doc.blocks {
        assert_span(text, &b.span, "block");
    }
    assert!(
        doc.blocks
            .windows(2)
            .all(|w| (w[0].span.start, std::cmp::Reverse(w[0].span.end))
                <= (w[1].span.start, std::cmp::Reverse(w[1].span.end))),
        "blocks are sorted by start, longest first"
    );
    assert_sorted_disjoint(doc.ignored.iter(), text.len(), "ignored");
    assert_sorted_disjoint(doc.quotes.iter(), text.len(), "quotes");

    // Markers: whole brackets, in text order, never in ignored text.
    let max_id = MARKERS.max_id;
    let mut prev: Option<&document::Marker> = None;
    for m in &doc.markers {
        assert_span(text, &m.span, "marker");
        let s = &text[m.span.clone()];
        assert!(
            s.starts_with('[') && s.ends_with(']') && s.len() >= 3,
            "marker text {s:?}"
        );
        // (A footnote label may hold a U+FFFD that stands for other bytes.)
        if !s.contains('\u{FFFD}') {
            let disk = on_disk(&m.span);
            match utf16 {
                Some(little) => assert_eq!(from_utf16(disk, little), s, "marker bytes on disk"),
                None => assert_eq!(disk, s.as_bytes(), "marker bytes on disk"),
            }
        }
        assert!(!doc.ignored.contains(m.span.start), "marker {s:?} in ignored text");
        assert_eq!(m.in_quote, doc.quotes.contains(m.span.start), "in_quote of {s:?}");
        assert!(!m.items.is_empty(), "marker {s:?} without items");
        for it in &m.items {
            let sp = it.span();
            assert_span(text, &sp, "marker item");
            assert!(
                m.span.start <= sp.start && sp.end <= m.span.end,
                "item {sp:?} outside {s:?}"
            );
            assert!(
                m.is_footnote() || m.span.start < sp.start && sp.end < m.span.end,
                "item {sp:?} on a bracket of {s:?}"
            );
            match it {
                document::MarkerItem::One {
                    id: document::SourceId::Num(n),
                    ..
                } => assert!((1..=max_id).contains(n), "id {n} in {s:?}"),
                document::MarkerItem::Range { lo, hi, .. } => {
                    assert!(1 <= *lo && lo < hi && *hi <= max_id, "range {lo}-{hi} in {s:?}")
                }
                document::MarkerItem::One { .. } => {}
            }
            assert!(it.ids().count() <= document::markers::MAX_EXPANDED as usize);
        }
        if let Some(p) = prev {
            assert!(p.span.end <= m.span.start, "markers overlap: {:?} {:?}", p.span, m.span);
            assert!(m.group == p.group || m.group == p.group + 1, "group numbers skip");
        } else {
            assert_eq!(m.group, 1, "first group");
        }
        assert_position(file, m.span.start, "marker");
        prev = Some(m);
    }
    for m in &doc.malformed {
        assert_span(text, &m.span, "malformed");
        assert!(
            text[m.span.clone()].starts_with('['),
            "malformed {:?}",
            &text[m.span.clone()]
        );
        assert!(!m.reason.is_empty());
    }

    // Sources: spans into the file they are written in.
    for e in &doc.sources {
        let t = e.file.text.as_str();
        assert_span(t, &e.span, "source entry");
        assert_span(t, &e.id_span, "source id");
        for u in &e.urls {
            assert_span(t, &u.span, "source url");
        }
        if !Arc::ptr_eq(&e.file, file) {
            assert!(
                doc.sidecar.as_ref().is_some_and(|sc| Arc::ptr_eq(sc, &e.file)),
                "entry in neither the draft nor its sidecar"
            );
        }
    }
    for (origin, span) in &doc.source_lists {
        if *origin != document::Origin::Sidecar {
            assert_span(text, span, "source list");
        }
    }
    for p in &doc.problems {
        assert_span(&p.file.text, &p.span, "parse problem");
        assert!(!p.message.is_empty());
    }

    // Masked text: same byte offsets, each byte kept or blanked to a space.
    assert_eq!(doc.masked.len(), text.len(), "masked length");
    for (k, (a, b)) in text.bytes().zip(doc.masked.bytes()).enumerate() {
        assert!(a == b || b == b' ', "masked byte {k}: {a:#x} became {b:#x}");
    }

    // Sentences: ordered, disjoint, trimmed, their markers inside them.
    let mut prev_end = 0;
    for (k, s) in doc.sentences.iter().enumerate() {
        assert_span(text, &s.span, "sentence");
        assert!(s.span.start < s.span.end, "empty sentence {k}");
        assert!(
            s.span.start >= prev_end,
            "sentence {k} {:?} overlaps the one before (ends {prev_end})",
            s.span
        );
        prev_end = s.span.end;
        let st = &text[s.span.clone()];
        assert_eq!(st, st.trim(), "sentence {k} is not trimmed");
        assert!(
            s.markers.start <= s.markers.end && s.markers.end <= doc.markers.len(),
            "sentence markers"
        );
        for m in &doc.markers[s.markers.clone()] {
            assert!(
                s.span.start <= m.span.start && m.span.end <= s.span.end,
                "marker {:?} outside sentence {k} {:?}",
                m.span,
                s.span
            );
        }
        assert_position(file, s.span.start, "sentence");
    }
    // Markers are handed out to at most one sentence each, in order.
    let mut next = 0;
    for s in &doc.sentences {
        if !s.markers.is_empty() {
            assert!(s.markers.start >= next, "sentences share markers");
            next = s.markers.end;
        }
    }
    if let Some(t) = doc.title {
        assert!(t < doc.sentences.len(), "title index");
    }
    if let Some(d) = doc.date {
        assert!(d.month <= 12 && d.day <= 31, "date {d:?}");
    }
}

/// Diagnostics point into their files, and every reporter renders them.
pub fn check_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        let what = d.rule.code;
        assert_span(&d.file.text, &d.span, what);
        assert_position(&d.file, d.span.start, what);
        for l in &d.secondary {
            assert_span(&d.file.text, &l.span, what);
        }
        for r in &d.related {
            assert_span(&r.file.text, &r.span, what);
        }
        assert!(!d.message.is_empty(), "{what}: empty message");
    }
    let mut diags = diags.to_vec();
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let summary = Summary::new(1, &diags);
    let json = report::json::render(&diags, summary);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON report parses");
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(diags.len()));
    let sarif = report::sarif::render(&diags);
    serde_json::from_str::<serde_json::Value>(&sarif).expect("SARIF report parses");
    report::concise::render(&diags, &summary);
    report::github::render(&diags, &summary);
    let names: Vec<String> = diags.iter().map(|d| d.file.name.clone()).collect();
    report::junit::render(&diags, &names);
    report::human::render(
        &diags,
        &report::human::HumanOptions {
            color: false,
            width: 100,
        },
    );
}

/// Target `document`: the whole per-file pipeline.
///
/// Layout: a flag byte (bit 0: Markdown, else plain text; bit 1: a sidecar
/// follows), then, with a sidecar, its length (u16 little-endian) and bytes;
/// the rest is the draft.
pub fn document(data: &[u8]) {
    let mut input = Input { data };
    let flags = input.byte();
    let sidecar = (flags & 2 != 0).then(|| {
        let n = input.u16();
        input.take(n)
    });
    let bytes = input.rest();
    let doc = document::parse(
        "fuzz.md",
        bytes,
        format(flags & 1 != 0),
        sidecar.map(|b| Sidecar {
            name: "fuzz.sources.toml".into(),
            bytes: b,
        }),
        ParseOptions::default(),
    );
    check_document(&doc, bytes);
    let mentions = citelint::quantity::extract_document(&doc, &CONFIG.numbers);
    let mut diags = citelint::rules::check_document(&doc, &SOURCES, &CONFIG.claims, &mentions);
    citelint::suppress::apply(&doc, &mut diags);
    check_diagnostics(&diags);
}

/// Target `markers`: the marker grammar alone, with arbitrary ignored and
/// quoted ranges.
///
/// Layout: a byte whose low nibble is the number of ignored ranges and high
/// nibble the number of quoted ranges, then each range as two u16 (start,
/// length), then the text (decoded lossily).
pub fn markers(data: &[u8]) {
    let mut input = Input { data };
    let counts = input.byte();
    let mut sets = [RangeSet::default(), RangeSet::default()];
    for (k, set) in sets.iter_mut().enumerate() {
        for _ in 0..(counts >> (4 * k)) & 0xF {
            let start = input.u16();
            let len = input.u16();
            set.push(start..start + len);
        }
    }
    let [mut ignored, mut quotes] = sets;
    ignored.normalise();
    quotes.normalise();
    let text = String::from_utf8_lossy(input.rest());
    let scan = document::markers::scan(&text, &ignored, &quotes, &MARKERS);
    let mut prev_end = 0;
    for m in &scan.markers {
        assert_span(&text, &m.span, "marker");
        assert!(m.span.start >= prev_end, "markers overlap");
        prev_end = m.span.end;
        assert!(!ignored.contains(m.span.start), "marker in ignored text");
        assert_eq!(m.in_quote, quotes.contains(m.span.start));
        for it in &m.items {
            assert_span(&text, &it.span(), "marker item");
            // A footnote's item is the whole `[^label]`; other items lie inside the brackets.
            let sp = it.span();
            assert!(
                m.span.start <= sp.start && sp.end <= m.span.end,
                "item {sp:?} outside {:?}",
                m.span
            );
            assert!(
                m.is_footnote() || m.span.start < sp.start && sp.end < m.span.end,
                "item {sp:?} on a bracket"
            );
        }
        // A marker's text scans, on its own, to the same marker.
        let alone = &text[m.span.clone()];
        let again = document::markers::scan(alone, &RangeSet::default(), &RangeSet::default(), &MARKERS);
        assert_eq!(again.markers.len(), 1, "{alone:?} alone");
        assert_eq!(again.markers[0].items.len(), m.items.len(), "{alone:?} alone");
    }
    for m in &scan.malformed {
        assert_span(&text, &m.span, "malformed");
        assert!(text[m.span.clone()].starts_with('['));
        assert!(!quotes.contains(m.span.start), "malformed bracket in a quote");
        assert!(!ignored.contains(m.span.start), "malformed bracket in ignored text");
    }
}

/// Target `sources`: sidecar TOML, front matter, and sources in the body.
///
/// Layout: a mode byte (0: sidecar; 1: front matter; 2: body with Markdown
/// code skipped; 3: body, plain), then the text (decoded as a draft is).
pub fn sources(data: &[u8]) {
    let mut input = Input { data };
    let mode = input.byte() % 4;
    let bytes = input.rest();
    let d = document::decode(bytes);
    let file = SourceFile::decoded("fuzz", d.text, d.offsets);
    let text = file.text.as_str();
    let check_entries = |entries: &[document::SourceEntry]| {
        for e in entries {
            assert!(Arc::ptr_eq(&e.file, &file));
            assert_span(text, &e.span, "entry");
            assert_span(text, &e.id_span, "entry id");
            for u in &e.urls {
                assert_span(text, &u.span, "url");
            }
            assert_position(&file, e.span.start, "entry");
        }
    };
    match mode {
        0 => match document::sources::parse_sidecar(&file) {
            Ok(entries) => check_entries(&entries),
            Err(p) => {
                assert_span(text, &p.span, "sidecar problem");
                assert!(!p.message.is_empty());
            }
        },
        1 => {
            if let Some(fm) = document::front_matter::parse(&file) {
                assert_span(text, &fm.span, "front matter");
                assert_eq!(fm.span.start, 0, "front matter starts the file");
                assert_span(text, &fm.key_span, "front matter key");
                check_entries(&fm.entries);
                if let Some(p) = &fm.problem {
                    assert_span(text, &p.span, "front matter problem");
                }
            }
        }
        _ => {
            let code = if mode == 2 {
                document::markdown::analyze(text, 0).code
            } else {
                RangeSet::default()
            };
            let body = document::sources::parse_body(&file, 0, &code, &SOURCES);
            check_entries(&body.entries);
            for (_, span) in &body.lists {
                assert_span(text, span, "list");
            }
            for r in body.consumed.iter() {
                assert_span(text, r, "consumed");
            }
        }
    }
}

/// Target `quantity`: extraction in two drafts and the cross-draft pass.
///
/// Layout: a flag byte (bit 0: first draft is Markdown; bit 1: second),
/// the first draft's length (u16 little-endian) and bytes; the rest is the
/// second draft.
pub fn quantity(data: &[u8]) {
    let mut input = Input { data };
    let flags = input.byte();
    let n = input.u16();
    let a = input.take(n);
    let b = input.rest();
    let docs = [("a.md", a, flags & 1 != 0), ("b.md", b, flags & 2 != 0)]
        .map(|(name, bytes, md)| document::parse(name, bytes, format(md), None, ParseOptions::default()));
    let lex = &CONFIG.numbers;
    let files: Vec<FileMentions> = docs
        .iter()
        .map(|doc| {
            let mentions = quantity::extract_document(doc, lex);
            let text = doc.file.text.as_str();
            let mut prev = 0;
            for m in &mentions {
                assert_span(text, &m.span, "mention");
                assert!(m.span.start >= prev, "mentions in text order");
                prev = m.span.start;
                let s = doc.sentences.get(m.sentence).expect("mention's sentence");
                assert!(
                    s.span.start <= m.span.start && m.span.end <= s.span.end,
                    "mention {:?} outside its sentence {:?}",
                    m.span,
                    s.span
                );
                let (line, col) = doc.file.position(m.span.start);
                assert_eq!((m.line as usize, m.column as usize), (line, col), "mention position");
                assert!(!m.surface.is_empty(), "empty surface");
                assert!(!m.value.lo.is_nan() && !m.value.hi.is_nan(), "NaN in {:?}", m.surface);
                assert!(m.value.lo <= m.value.hi, "interval of {:?}: {:?}", m.surface, m.value);
                let f = &m.frame;
                assert!(
                    f.context.windows(2).all(|w| w[0] < w[1]),
                    "frame context sorted and unique"
                );
                assert!(f.names.windows(2).all(|w| w[0] < w[1]), "frame names sorted and unique");
            }
            FileMentions {
                name: doc.file.name.clone(),
                mentions: mentions.iter().map(quantity::KeptMention::from).collect(),
            }
        })
        .collect();
    let conflicts = quantity::find_conflicts(&files);
    let valid = |r: MentionRef| {
        files
            .get(r.file as usize)
            .is_some_and(|f| (r.index as usize) < f.mentions.len())
    };
    for c in &conflicts {
        assert!(valid(c.a) && valid(c.b), "conflict refers to a missing mention");
        assert!(c.a != c.b, "a mention conflicts with itself");
        let mut resolve = |r: MentionRef| {
            let m = &files[r.file as usize].mentions[r.index as usize];
            (Arc::clone(&docs[r.file as usize].file), m.span())
        };
        let (_, d) = citelint::rules::numbers::diagnostic(c, &files, None, &mut resolve);
        check_diagnostics(std::slice::from_ref(&d));
    }
    // The order files arrive in does not change the result.
    let swapped: Vec<FileMentions> = files.iter().rev().cloned().collect();
    let describe = |fs: &[FileMentions], cs: &[quantity::Conflict]| {
        let mut v: Vec<String> = cs
            .iter()
            .map(|c| {
                let side = |r: MentionRef| {
                    (
                        fs[r.file as usize].name.clone(),
                        fs[r.file as usize].mentions[r.index as usize].span(),
                    )
                };
                format!(
                    "{} {} {:?} {:?} {} {:?}",
                    c.code(),
                    c.key,
                    side(c.a),
                    side(c.b),
                    c.others,
                    c.severity
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        describe(&files, &conflicts),
        describe(&swapped, &quantity::find_conflicts(&swapped)),
        "conflicts depend on file order"
    );
    report::ledger::render_text(&files, &conflicts);
    report::ledger::render_json(&files, &conflicts);
}
