//! Notes that stand where sources would: `**Note 3:** …` paragraphs in a
//! notes section, a paragraph that opens with the marker it explains
//! (`[1] By "income section" we mean …`), and footnotes whose text explains
//! rather than cites. A note is the definition of its marker, but it is not
//! a reference, so it is never asked for a URL.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::RangeSet;
use crate::data::SourcesData;
use crate::diagnostic::SourceFile;

/// `**Note 3:**`, `__Note 3.__`, `*Note 3:*` or `Note 3:` opening a line.
static NOTE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[ \t]{0,3}(?:\*\*|__|\*|_)?(?:note|footnote|endnote)[ \t]+(\d{1,5})[ \t]*[:.]?(?:\*\*|__|\*|_)?[:.]?[ \t]+")
        .expect("note label regex")
});

/// A line that only places an anchor: `<span id="3"></span>`, `<a name="n3"></a>`.
static ANCHOR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)^[ \t]*<(span|a)\s+(?:id|name)\s*=\s*"[^"]*"\s*(?:/>|>\s*</(?:span|a)>)[ \t]*$"#)
        .expect("anchor line regex")
});

/// `[1] text` opening a paragraph.
static BRACKET_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]{0,3}\[(\d{1,5})\][ \t]+(\S)").expect("bracket note regex"));

/// A `**Note n:**` label: the id, its span within the line, and where the
/// note's text starts (both relative to the line).
pub fn note_label(line: &str) -> Option<(u32, Range<usize>, usize)> {
    let c = NOTE_LABEL.captures(line)?;
    let m = c.get(1)?;
    Some((m.as_str().parse().ok()?, m.range(), c.get(0)?.end()))
}

/// A line that holds nothing but an HTML anchor.
pub fn is_anchor_line(line: &str) -> bool {
    line.contains('<') && ANCHOR_LINE.is_match(line)
}

/// A note paragraph found in the body: the id, the id's span, the text after
/// the id, and the lines it covers.
pub struct InlineNote {
    pub id: u32,
    pub id_span: Range<usize>,
    pub text_start: usize,
    pub lines: Vec<Range<usize>>,
}

/// Paragraphs that open with `[n]` and text, where `[n]` already appeared
/// earlier in the draft (the marker the note explains): 0953-style notes
/// placed right after the paragraph that cites them.
pub fn inline_notes(file: &SourceFile, start: usize, code: &RangeSet) -> Vec<InlineNote> {
    let text = file.text.as_str();
    let first_line = file.lines.line_of(start);
    let mut notes: Vec<InlineNote> = Vec::new();
    let mut prev_blank = true;
    // The note whose paragraph is being read.
    let mut open = false;
    let mut first_seen: Option<HashMap<u32, usize>> = None;
    for (_, r) in file.lines.lines(text).skip(first_line) {
        let line = &text[r.clone()];
        if line.trim().is_empty() {
            (prev_blank, open) = (true, false);
            continue;
        }
        if open {
            notes.last_mut().expect("an open note").lines.push(r.clone());
            continue;
        }
        if prev_blank && !code.contains(r.start) {
            if let Some(c) = BRACKET_NOTE.captures(line) {
                let m = c.get(1).expect("id group");
                let id: u32 = m.as_str().parse().unwrap_or(0);
                // One pass over the text for the first `[n]` of every id,
                // only once a candidate shows up.
                let seen = first_seen.get_or_insert_with(|| first_brackets(text));
                if seen.get(&id).is_some_and(|&at| at < r.start) {
                    notes.push(InlineNote {
                        id,
                        id_span: r.start + m.start()..r.start + m.end(),
                        text_start: r.start + c.get(2).expect("text group").start(),
                        lines: vec![r.clone()],
                    });
                    open = true;
                }
            }
        }
        prev_blank = false;
    }
    notes
}

/// The offset of the first `[n]` of each id in `text`.
fn first_brackets(text: &str) -> HashMap<u32, usize> {
    let mut seen = HashMap::new();
    let bytes = text.as_bytes();
    for open in memchr::memchr_iter(b'[', bytes) {
        let digits = bytes[open + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 5 || bytes.get(open + 1 + digits) != Some(&b']') {
            continue;
        }
        if let Ok(n) = text[open + 1..open + 1 + digits].parse::<u32>() {
            seen.entry(n).or_insert(open);
        }
    }
    seen
}

/// Whether a footnote's text explains rather than cites: prose with a verb
/// of its own ("We used the household calculator …", "A credit is refundable
/// when …"), no locator, and none of the marks of a reference (a year in
/// parentheses, "et al.", a volume and issue, pages). A quoted or italic
/// title is a reference's mark only when the words outside it are not
/// prose: a note may quote a term ("the \"first cut\" is shorthand").
pub fn reads_as_note(content: &str, data: &SourcesData) -> bool {
    static REFERENCE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\(\d{4}[a-z]?\)|\bet al\b|\d+\(\d+\)|\bpp?\.\s*\d").expect("reference regex"));
    static TITLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#""[^"]{4,}"|“[^”]{4,}”|(?:^|\s)[_*][^_*]{4,}[_*]"#).expect("title regex"));
    if REFERENCE.is_match(content) {
        return false;
    }
    if content.split_whitespace().count() >= 5 && !marks_a_reference(content, data) {
        return true;
    }
    let outside = TITLE.replace_all(content, " ");
    let words: Vec<&str> = outside.split_whitespace().collect();
    if words.len() < data.note_min_words {
        return false;
    }
    // As written ("may", not the month "May"); the first word may be capitalised.
    words.iter().enumerate().any(|(k, w)| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        data.note_words
            .iter()
            .any(|n| n == w || (k == 0 && n.eq_ignore_ascii_case(w)))
    })
}

/// Whether a footnote carries any mark of a reference: a year or a month, a
/// quoted title of three words or more, an italic title, or a word naming
/// a kind of document ("report", "survey").
fn marks_a_reference(content: &str, data: &SourcesData) -> bool {
    static MARKS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"(?i)\b(1[5-9]|20)\d\d\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"\S+\s+\S+\s+[^"]+"|“\S+\s+\S+\s+[^”]+”|(?:^|\s)[_*][^_*\s][^_*]*\s[^_*]*[_*]"#,
        )
        .expect("reference marks regex")
    });
    MARKS.is_match(content)
        || content.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            data.reference_words.contains(&w)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::SOURCES;

    #[test]
    fn note_labels() {
        assert_eq!(note_label("**Note 1:** when combining"), Some((1, 7..8, 12)));
        assert_eq!(note_label("Note 12. The list").map(|n| n.0), Some(12));
        assert_eq!(note_label("*Footnote 3:* text").map(|n| n.0), Some(3));
        assert!(note_label("Notes are kept here.").is_none());
        assert!(note_label("**Note:** nothing numbered").is_none());
    }

    #[test]
    fn anchor_lines() {
        assert!(is_anchor_line(r#"<span id="1"></span>"#));
        assert!(is_anchor_line(r#"  <a name="ref-2"></a>"#));
        assert!(!is_anchor_line(r#"<span id="1"></span> text after"#));
        assert!(!is_anchor_line("plain text"));
    }

    #[test]
    fn inline_notes_follow_their_marker() {
        let text = "Split the form [1] here.\n\n[1] By section we mean\nquestions 22 to 40.\n\nMore text.\n\n[2] Not cited before.\n";
        let file = SourceFile::new("t.md", text.to_string(), 0);
        let notes = inline_notes(&file, 0, &RangeSet::default());
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].id, 1);
        assert_eq!(notes[0].lines.len(), 2);
        assert_eq!(&text[notes[0].text_start..notes[0].lines[0].end], "By section we mean");
    }

    #[test]
    fn notes_and_references() {
        let note = |s: &str| reads_as_note(s, &SOURCES);
        assert!(note(
            "We used the household calculator with default assumptions for income."
        ));
        assert!(note(
            "A credit is refundable when the part that exceeds the tax bill is paid out."
        ));
        assert!(!note(
            "Revenue department briefing to the finance committee, March 2025."
        ));
        assert!(!note(
            "Chetty, R. (2011). Are micro and macro elasticities consistent? It was reviewed in AER 101(3)."
        ));
        assert!(!note("Short note is here."));
        // A quoted term or an italic word in prose is not a title.
        assert!(note(
            "The term \"first cut\" is the engineers' shorthand and has no standing in the rules."
        ));
        assert!(note(
            "The board uses the _deepest_ draught it has seen at a berth in five years."
        ));
        // No mark of a reference: a definition or a qualification.
        assert!(note("Or, for a return ticket, the gap between two capped singles."));
        assert!(note(
            "Throughout this piece, \"operators\" includes the council's two companies."
        ));
        assert!(!note("Transport committee passenger survey, autumn 2024, table 3."));
        // A title with no prose around it is still a reference.
        assert!(!note(
            "\"Dredging the outer harbour: a review of options\", harbour board, 2023."
        ));
        // "May" the month is not "may" the verb.
        assert!(!note(
            "Housing trust estimate for the two counties only, published May 2025."
        ));
    }
}
