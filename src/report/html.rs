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

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::numberline::{self, Row, Shape};
use super::Summary;
use crate::diagnostic::{Diagnostic, Severity};
use crate::quantity::{groups, Conflict, FileMentions, Form, Group, Mention, MentionRef, Polarity};

/// Rows drawn on one number line; the table still lists every mention.
const MAX_ROWS: usize = 200;

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
    fn place(&self, file: &str, line: u32, column: u32) -> String {
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
    untracked(&mut body, files, links);
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
    findings(&mut body, diagnostics, links);
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

/// The mentions shown on one card: a group of comparable mentions, joined
/// with the groups its conflicts reach (a conflict is decided on evidence,
/// so its two sides can sit in groups of their own).
struct Card {
    labels: Vec<String>,
    refs: Vec<MentionRef>,
    conflicts: Vec<usize>,
}

/// The quantity cards, conflicts first.
struct Cards<'a> {
    files: &'a [FileMentions],
    conflicts: &'a [Conflict],
    links: &'a Links,
    /// Conflicts each mention takes part in.
    involved: HashMap<MentionRef, Vec<usize>>,
    cards: Vec<Card>,
}

impl<'a> Cards<'a> {
    fn new(files: &'a [FileMentions], conflicts: &'a [Conflict], groups: &[Group], links: &'a Links) -> Self {
        let mut involved: HashMap<MentionRef, Vec<usize>> = HashMap::new();
        for (i, c) in conflicts.iter().enumerate() {
            involved.entry(c.a).or_default().push(i);
            involved.entry(c.b).or_default().push(i);
        }
        let label = |g: &Group| files[g.refs[0].file as usize].mentions[g.refs[0].index as usize].key_label();
        let cards = join_groups(groups, conflicts, &involved, label);
        Cards {
            files,
            conflicts,
            links,
            involved,
            cards,
        }
    }

    fn get(&self, r: MentionRef) -> &'a Mention {
        &self.files[r.file as usize].mentions[r.index as usize]
    }

    fn name(&self, r: MentionRef) -> &'a str {
        &self.files[r.file as usize].name
    }

    /// The section of the cards with (or without) conflicts.
    fn section(&self, out: &mut String, with_conflicts: bool) {
        let mut chosen: Vec<&Card> = self
            .cards
            .iter()
            .filter(|c| c.conflicts.is_empty() != with_conflicts)
            .collect();
        if with_conflicts {
            // The worst first, then the most disputed.
            chosen.sort_by_key(|c| {
                let worst = c.conflicts.iter().map(|&i| self.conflicts[i].severity).max();
                (std::cmp::Reverse(worst), std::cmp::Reverse(c.conflicts.len()))
            });
        }
        let (id, title) = if with_conflicts {
            ("conflicts", "Quantities in conflict")
        } else {
            ("quantities", "Other quantities")
        };
        let _ = write!(
            out,
            "<section id=\"{id}\"><h2>{title} <span class=\"count\">({})</span></h2>",
            chosen.len()
        );
        if chosen.is_empty() {
            out.push_str("<p class=\"empty\">None.</p>");
        }
        for (i, card) in chosen.iter().enumerate() {
            self.card(out, &format!("{id}-{i}"), card);
        }
        out.push_str("</section>");
    }

    fn card(&self, out: &mut String, id: &str, card: &Card) {
        let first = self.get(card.refs[0]);
        let unit = first.unit.as_deref().unwrap_or(&first.dimension).to_string();
        let title = card.labels.join(" · ");
        let mut words = card.labels.clone();
        for r in &card.refs {
            let m = self.get(*r);
            words.extend([self.name(*r).to_string(), m.surface.to_string(), m.value_label()]);
        }
        let class = if card.conflicts.is_empty() {
            "quantity"
        } else {
            "quantity has-conflict"
        };
        let _ = write!(
            out,
            "<article class=\"{class}\" id=\"{id}\" data-text=\"{}\"><h3>{}",
            esc(&words.join(" ").to_lowercase()),
            esc(&title)
        );
        let codes: BTreeSet<&str> = card.conflicts.iter().map(|&i| self.conflicts[i].code()).collect();
        for code in codes {
            let _ = write!(out, " <span class=\"badge\">{code}</span>");
        }
        let files = card.refs.iter().map(|r| r.file).collect::<BTreeSet<_>>().len();
        let _ = write!(
            out,
            " <span class=\"count\">{} in {}</span></h3>",
            plural(card.refs.len(), "mention"),
            plural(files, "file")
        );
        let rows: Vec<Row> = card.refs.iter().take(MAX_ROWS).map(|r| self.row(*r)).collect();
        out.push_str(&numberline::svg(&rows, &unit));
        if card.refs.len() > MAX_ROWS {
            let _ = write!(
                out,
                "<p class=\"note\">The line shows the first {MAX_ROWS} of {} mentions.</p>",
                card.refs.len()
            );
        }
        self.mention_table(out, &card.refs);
        if !card.conflicts.is_empty() {
            out.push_str("<ul class=\"conflicts\">");
            for &i in &card.conflicts {
                self.conflict_item(out, &self.conflicts[i]);
            }
            out.push_str("</ul>");
        }
        out.push_str("</article>");
    }

    fn row(&self, r: MentionRef) -> Row {
        let m = self.get(r);
        let shape = match m.form {
            Form::Sharp => Shape::Point,
            Form::Round => Shape::Round,
            Form::Approx | Form::Bound | Form::Range => Shape::Bar,
            Form::Vague => Shape::Vague,
        };
        let v = match (&m.polarity, &m.excluded) {
            (Polarity::Negated, Some(x)) => x,
            _ => &m.value,
        };
        Row {
            lo: v.lo,
            hi: v.hi,
            lo_open: v.lo_open,
            hi_open: v.hi_open,
            shape,
            conflict: self.involved.contains_key(&r),
            negated: m.polarity == Polarity::Negated,
            title: format!(
                "{}:{}:{} “{}” {}",
                self.name(r),
                m.line,
                m.column,
                m.surface,
                m.value_label()
            ),
            target: mention_id(r),
        }
    }

    fn mention_table(&self, out: &mut String, refs: &[MentionRef]) {
        out.push_str("<table class=\"mentions\"><thead><tr><th>#</th><th>where</th><th>as written</th><th>reads as</th><th>form</th><th>year</th></tr></thead><tbody>");
        for (n, r) in refs.iter().enumerate() {
            let m = self.get(*r);
            let year = match (m.time.year, m.time.explicit) {
                (Some(y), true) => y.to_string(),
                (Some(y), false) => format!("({y})"),
                (None, _) => "—".into(),
            };
            let mut form = m.form.as_str().to_string();
            if m.polarity != Polarity::Asserted {
                form = format!("{form}, {}", m.polarity.as_str());
            }
            let _ = write!(
                out,
                "<tr id=\"{}\"{}><td>{}</td><td>{}</td><td>“{}”</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                mention_id(*r),
                if self.involved.contains_key(r) {
                    " class=\"conflict\""
                } else {
                    ""
                },
                n + 1,
                self.links.place(self.name(*r), m.line, m.column),
                esc(&m.surface),
                esc(&m.value_label()),
                esc(&form),
                esc(&year)
            );
        }
        out.push_str("</tbody></table>");
    }

    fn conflict_item(&self, out: &mut String, c: &Conflict) {
        let side = |r: MentionRef| {
            let m = self.get(r);
            format!(
                "{} “{}” ({})",
                esc(&m.value_label()),
                esc(&m.surface),
                self.links.place(self.name(r), m.line, m.column)
            )
        };
        let _ = write!(
            out,
            "<li><span class=\"sev {sev}\">{} {sev}</span> {} <b>vs</b> {}{}<br><span class=\"why\">{}</span></li>",
            c.code(),
            side(c.a),
            side(c.b),
            if c.others > 0 {
                format!("; {} more mentions disagree", c.others)
            } else {
                String::new()
            },
            esc(&c.why),
            sev = c.severity.as_str()
        );
    }
}

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// Groups joined through the conflicts between them (union-find on group
/// indices), each with its conflicts; in the groups' order.
fn join_groups(
    groups: &[Group],
    conflicts: &[Conflict],
    involved: &HashMap<MentionRef, Vec<usize>>,
    label: impl Fn(&Group) -> String,
) -> Vec<Card> {
    let mut group_of: HashMap<MentionRef, usize> = HashMap::new();
    for (gi, g) in groups.iter().enumerate() {
        for r in &g.refs {
            group_of.insert(*r, gi);
        }
    }
    let mut parent: Vec<usize> = (0..groups.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for c in conflicts {
        if let (Some(&x), Some(&y)) = (group_of.get(&c.a), group_of.get(&c.b)) {
            let (rx, ry) = (root(&mut parent, x), root(&mut parent, y));
            parent[rx.max(ry)] = rx.min(ry);
        }
    }
    let mut by_root: std::collections::BTreeMap<usize, Card> = std::collections::BTreeMap::new();
    for (gi, g) in groups.iter().enumerate() {
        let card = by_root.entry(root(&mut parent, gi)).or_insert_with(|| Card {
            labels: Vec::new(),
            refs: Vec::new(),
            conflicts: Vec::new(),
        });
        let l = label(g);
        if !card.labels.contains(&l) {
            card.labels.push(l);
        }
        card.refs.extend(&g.refs);
    }
    let mut cards: Vec<Card> = by_root.into_values().collect();
    for card in &mut cards {
        let set: BTreeSet<usize> = card
            .refs
            .iter()
            .flat_map(|r| involved.get(r).into_iter().flatten().copied())
            .collect();
        card.conflicts = set.into_iter().collect();
    }
    cards
}

fn mention_id(r: MentionRef) -> String {
    format!("m-{}-{}", r.file, r.index)
}

/// The table of findings (`check`): NUM findings first, then the rest in
/// report order.
fn findings(out: &mut String, diagnostics: &[Diagnostic], links: &Links) {
    let (num, rest): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        diagnostics.iter().partition(|d| d.rule.code.starts_with("NUM"));
    let _ = write!(
        out,
        "<section id=\"findings\"><h2>Findings <span class=\"count\">({})</span></h2>",
        diagnostics.len()
    );
    if diagnostics.is_empty() {
        out.push_str("<p class=\"empty\">No problems found.</p>");
    } else {
        out.push_str("<table class=\"findings\"><thead><tr><th>severity</th><th>rule</th><th>where</th><th>finding</th></tr></thead><tbody>");
    }
    for d in num.into_iter().chain(rest) {
        let (line, col) = d.file.position(d.span.start);
        let text = format!("{} {} {} {}", d.rule.code, d.rule.name, d.file.name, d.message).to_lowercase();
        let _ = write!(
            out,
            "<tr class=\"finding{}\" data-text=\"{}\"><td><span class=\"sev {sev}\">{sev}</span></td><td><code>{}</code> {}</td><td>{}</td><td>{}{}</td></tr>",
            if d.rule.code.starts_with("NUM") { " has-conflict" } else { "" },
            esc(&text),
            d.rule.code,
            esc(d.rule.name),
            links.place(&d.file.name, line as u32, col as u32),
            esc(&d.message),
            d.help
                .as_ref()
                .map(|h| format!("<br><span class=\"why\">{}</span>", esc(h)))
                .unwrap_or_default(),
            sev = severity_class(d.severity)
        );
    }
    if !diagnostics.is_empty() {
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>");
}

fn severity_class(s: Severity) -> &'static str {
    s.as_str()
}

/// The mentions that are not compared, and why (`numbers`).
fn untracked(out: &mut String, files: &[FileMentions], links: &Links) {
    let rows: Vec<(&str, &Mention)> = files
        .iter()
        .flat_map(|f| f.mentions.iter().map(move |m| (f.name.as_str(), m)))
        .filter(|(_, m)| !m.is_tracked())
        .collect();
    let _ = write!(
        out,
        "<section id=\"untracked\"><details><summary>Not compared <span class=\"count\">({})</span></summary>",
        rows.len()
    );
    if !rows.is_empty() {
        out.push_str("<table class=\"mentions\"><thead><tr><th>where</th><th>as written</th><th>reads as</th><th>why not compared</th></tr></thead><tbody>");
        for (name, m) in rows {
            let _ = write!(
                out,
                "<tr data-text=\"{}\"><td>{}</td><td>“{}”</td><td>{}</td><td>{}</td></tr>",
                esc(&format!("{name} {}", m.surface).to_lowercase()),
                links.place(name, m.line, m.column),
                esc(&m.surface),
                esc(&m.value_label()),
                esc(m.untracked_reason().unwrap_or(""))
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</details></section>");
}

const STYLE: &str = include_str!("html.css");
const SCRIPT: &str = include_str!("html.js");

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
