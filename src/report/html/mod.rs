//! The HTML report: one self-contained page (inline CSS, SVG and a few lines
//! of script; nothing loaded from the network) for `numbers --format html`
//! and `check --format html`.
//!
//! The page lists the quantities in conflict first: each quantity is a card
//! with its mentions drawn as intervals on one number line (see
//! `numberline`), a table of the mentions linked to file:line, and its
//! conflicts. A filter box hides the cards and findings that do not contain
//! every word typed. `check` adds the table of findings; `numbers` adds the
//! quantities without conflicts and the mentions that are not compared.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::Summary;
use crate::diagnostic::Diagnostic;
use crate::quantity::{groups, Conflict, FileMentions};

mod cards;
mod tables;

use cards::Cards;

/// Rows a folded table lists at most (a 10,000-draft archive states about
/// 100,000 figures once each).
const ROW_CAP: usize = 1000;

/// HTML-escapes text for element content and quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Where links to drafts point from: the directory the page is written to,
/// and the working directory the drafts' names are relative to.
#[derive(Debug, Clone)]
pub struct Links {
    pub page_dir: PathBuf,
    pub cwd: PathBuf,
}

impl Links {
    /// Links for a page written to `output` (or to standard output: then
    /// relative to the working directory).
    pub fn for_output(output: Option<&Path>) -> Links {
        let cwd = crate::fsutil::absolute(Path::new("."));
        let page_dir = output
            .map(crate::fsutil::absolute)
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| cwd.clone());
        Links { page_dir, cwd }
    }

    /// `href` of a draft, relative to the page, and the file's absolute path.
    fn href(&self, file: &str) -> Option<(String, PathBuf)> {
        if file.starts_with('<') {
            return None;
        }
        let abs = crate::fsutil::absolute(&self.cwd.join(file));
        let rel = crate::fsutil::relative_to(&abs, &self.page_dir);
        Some((url_path(&rel), abs))
    }

    /// A link to file:line:col: the file, relative to the page, with an
    /// editor link (`vscode://file/…:line:col`) beside it.
    pub(super) fn place(&self, file: &str, line: u32, column: u32) -> String {
        let text = esc(&format!("{file}:{line}:{column}"));
        match self.href(file) {
            Some((href, abs)) => format!(
                r#"<a class="place" href="{}" title="open the draft">{text}</a> <a class="editor" href="vscode://file{}:{line}:{column}" title="open at line {line} in an editor">↗</a>"#,
                esc(&href),
                esc(&url_path(&crate::fingerprint::portable_path(&abs.to_string_lossy())))
            ),
            None => format!(r#"<span class="place">{text}</span>"#),
        }
    }
}

/// Percent-encodes what a URL path cannot hold as is.
fn url_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => out.push(b as char),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    if !out.starts_with('/') && out.contains(':') && !out.starts_with("..") {
        // `a:b.md` would read as a URL scheme.
        out.insert_str(0, "./");
    }
    out
}

/// The ledger page of `citelint numbers --format html`.
pub fn render_ledger(files: &[FileMentions], conflicts: &[Conflict], links: &Links) -> String {
    let groups = groups(files);
    let cards = Cards::new(files, conflicts, &groups, links);
    let tracked: usize = groups.iter().map(|g| g.refs.len()).sum();
    let mut body = String::new();
    let _ = write!(
        body,
        "<p class=\"summary\">{} quantities, {tracked} compared mentions in {} files, {} conflicts</p>",
        groups.len(),
        files.len(),
        conflicts.len()
    );
    body.push_str(&controls());
    cards.section(&mut body, true);
    cards.section(&mut body, false);
    tables::untracked(&mut body, files, links);
    page("citelint: figures across the drafts", &body)
}

/// The page of `citelint check --format html`: the quantities in conflict
/// that the run reports, then every finding.
pub fn render_check(
    diagnostics: &[Diagnostic],
    summary: &Summary,
    files: &[FileMentions],
    conflicts: &[Conflict],
    links: &Links,
) -> String {
    let reported = reported_conflicts(diagnostics, files, conflicts);
    let groups = groups(files);
    let cards = Cards::new(files, &reported, &groups, links);
    let mut body = String::new();
    let _ = write!(body, "<p class=\"summary\">{}</p>", esc(&summary.line()));
    body.push_str(&controls());
    cards.section(&mut body, true);
    tables::findings(&mut body, diagnostics, links);
    page("citelint: check report", &body)
}

/// The conflicts that a NUM finding of the run reports (after suppressions,
/// severities, baselines and `--changed-since`): the finding is at side a.
fn reported_conflicts(diagnostics: &[Diagnostic], files: &[FileMentions], conflicts: &[Conflict]) -> Vec<Conflict> {
    let mut at: HashMap<(&str, &str, usize, usize), ()> = HashMap::new();
    for d in diagnostics.iter().filter(|d| d.rule.code.starts_with("NUM")) {
        let (line, col) = d.file.position(d.span.start);
        at.insert((d.rule.code, d.file.name.as_str(), line, col), ());
    }
    conflicts
        .iter()
        .filter(|c| {
            let f = &files[c.a.file as usize];
            let m = &f.mentions[c.a.index as usize];
            at.contains_key(&(c.code(), f.name.as_str(), m.line as usize, m.column as usize))
        })
        .cloned()
        .collect()
}

fn controls() -> String {
    concat!(
        r#"<div class="controls"><input type="search" id="filter" placeholder="Filter: words, figures or file names" aria-label="Filter" autofocus>"#,
        r#" <label><input type="checkbox" id="conflicts-only"> conflicts only</label> <span id="shown" aria-live="polite"></span></div>"#,
        r#"<p class="legend">Each row is one mention: ● a sharp value, ●—┤ a bare round number (read to half its last digit), ▬ a hedged value or range, a pale bar a vague amount, → an open-ended bound (○ the bound excluded, ● included). Red: in conflict; dashed: a denial. Row numbers match the table below each line.</p>"#
    )
    .to_string()
}
const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("filter.js");

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"citelint {}\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header><h1>{}</h1></header>\n<main>\n{body}\n</main>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        esc(title),
        esc(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(esc("a\u{1b}b"), "a\\u{1b}b");
    }

    #[test]
    fn links_are_relative_to_the_page_and_encoded() {
        let links = Links {
            page_dir: PathBuf::from("/news/reports"),
            cwd: PathBuf::from("/news"),
        };
        let (href, abs) = links.href("drafts/a b#1.md").unwrap();
        assert_eq!(href, "../drafts/a%20b%231.md");
        assert_eq!(abs, PathBuf::from("/news/drafts/a b#1.md"));
        assert!(links.href("<stdin>").is_none());
        assert_eq!(url_path("c:x.md"), "./c:x.md");
    }
}
