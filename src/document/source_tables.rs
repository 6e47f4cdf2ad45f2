//! Sources written as a Markdown table, one row per source:
//!
//! ```text
//! References | &nbsp;
//! :--- | :---
//! [1] | [Volunteer programme announcement](https://example.org/a)
//! ```
//!
//! A table is a sources list when a header cell is a sources heading, or,
//! with no such header, when every row opens with `[n]` (numbered 1, 2, 3 …)
//! and links somewhere.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::RangeSet;
use crate::data::SourcesData;
use crate::diagnostic::SourceFile;

/// The delimiter row under a table header: `:--- | :---`, `|---|---|`.
static DELIMITER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$").expect("delimiter regex")
});

/// A row's id cell: `[3]`, `3` or `3.`.
static ID_CELL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\[)?(\d{1,5})(?:\]|\.)?$").expect("id cell regex"));

/// Empty anchor elements at the start of a cell (`<a name="ref1"></a>`,
/// `<span id="r1"></span>`).
static ANCHOR_TAGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?:<a\s[^<>]{0,200}>\s*</a>\s*|<span\s[^<>]{0,200}>\s*</span>\s*)+"#).expect("anchor tags regex")
});

/// Columns a sources table may have (id, entry, and one more such as a date).
const MAX_COLUMNS: usize = 3;

pub struct TableRow {
    pub id: u32,
    pub id_span: Range<usize>,
    /// The row's line.
    pub line: Range<usize>,
    /// Where the text after the id cell starts.
    pub text_start: usize,
}

pub struct SourceTable {
    /// The header line.
    pub header: Range<usize>,
    pub rows: Vec<TableRow>,
}

/// Every table of the body that lists sources.
pub fn source_tables(file: &SourceFile, start: usize, code: &RangeSet, data: &SourcesData) -> Vec<SourceTable> {
    let text = file.text.as_str();
    let first_line = file.lines.line_of(start);
    let lines: Vec<Range<usize>> = file.lines.lines(text).skip(first_line).map(|(_, r)| r).collect();
    let mut tables = Vec::new();
    let mut k = 1;
    while k < lines.len() {
        let (head, delim) = (&lines[k - 1], &lines[k]);
        let is_table = text[delim.clone()].contains('-')
            && text[head.clone()].contains('|')
            && !code.contains(head.start)
            && DELIMITER.is_match(&text[delim.clone()]);
        if !is_table {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        while end < lines.len() && text[lines[end].clone()].contains('|') {
            end += 1;
        }
        if let Some(t) = read_table(text, head.clone(), &lines[k + 1..end], data) {
            tables.push(t);
        }
        k = end + 1;
    }
    tables
}

fn read_table(text: &str, header: Range<usize>, body: &[Range<usize>], data: &SourcesData) -> Option<SourceTable> {
    // An id, the entry, perhaps a date: a table with more columns holds data
    // (a "Notes" column beside figures does not make it a sources list).
    let head: Vec<&str> = cells(&text[header.clone()])
        .map(|(_, c)| c)
        .filter(|c| !c.is_empty())
        .collect();
    let named = head.len() <= MAX_COLUMNS
        && head.iter().take(2).any(|c| {
            let c = c.replace("&nbsp;", " ");
            data.is_sources_heading(c.trim())
        });
    let mut rows = Vec::new();
    let mut bracketed = true;
    let mut linked = true;
    for line in body {
        let row = &text[line.clone()];
        let Some((at, first)) = cells(row).find(|(_, c)| !c.is_empty()) else {
            continue;
        };
        // `<a name="ref1"></a>1`: an anchor before the id names the row.
        let anchor_len = ANCHOR_TAGS.find(first).map_or(0, |m| m.end());
        let (at, first) = (at + anchor_len, &first[anchor_len..]);
        let Some(c) = ID_CELL.captures(first) else {
            if named {
                continue;
            }
            return None;
        };
        let m = c.get(2).expect("id group");
        bracketed &= c.get(1).is_some();
        let after = row[at..].find('|').map_or(row.len(), |p| at + p + 1);
        linked &= row[after..].contains("http") || row[after..].contains("](");
        let id_start = line.start + at + m.start();
        rows.push(TableRow {
            id: m.as_str().parse().ok()?,
            id_span: id_start..id_start + m.len(),
            line: line.clone(),
            text_start: line.start + after,
        });
    }
    let in_sequence = rows.iter().enumerate().all(|(i, r)| r.id as usize == i + 1);
    let plain_list = rows.len() >= 2 && bracketed && linked && in_sequence;
    (!rows.is_empty() && (named || plain_list)).then_some(SourceTable { header, rows })
}

/// A row's cells with their byte offsets in the row, trimmed.
fn cells(row: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    row.split('|').map(move |cell| {
        let at = offset + (cell.len() - cell.trim_start().len());
        offset += cell.len() + 1;
        (at, cell.trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::SOURCES;

    fn tables(text: &str) -> Vec<Vec<u32>> {
        let file = SourceFile::new("t.md", text.to_string(), 0);
        source_tables(&file, 0, &RangeSet::default(), &SOURCES)
            .into_iter()
            .map(|t| t.rows.iter().map(|r| r.id).collect())
            .collect()
    }

    #[test]
    fn header_cell_names_the_sources() {
        let text = "Text [1].\n\nReferences | &nbsp;\n:--- | :---\n[1] | [A](https://example.org/a)\n[2]\t| B, no link\n\nAfter.\n";
        assert_eq!(tables(text), vec![vec![1, 2]]);
    }

    #[test]
    fn bracketed_linked_rows_without_a_header() {
        let text = "| # | Source |\n|---|---|\n| [1] | https://example.org/a |\n| [2] | https://example.org/b |\n";
        assert_eq!(tables(text), vec![vec![1, 2]]);
    }

    #[test]
    fn data_tables_are_not_sources() {
        let text = "| Route | Q1 |\n| --- | --- |\n| 1 | 81% |\n| 2 | 72% |\n";
        assert!(tables(text).is_empty());
        let text = "| | Factor | Used | Missing | Notes |\n|---|---|---|---|---|\n| 1 | Docs | 94 | 10 | x |\n";
        assert!(tables(text).is_empty());
        let text = "| Stack | Next |\n| --- | --- |\n| [7] | [] |\n| [8] | [7] |\n";
        assert!(tables(text).is_empty());
    }
}
