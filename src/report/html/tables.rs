//! The plain tables of the page: the findings of `check` and the mentions
//! that are not compared (`numbers`).

use std::fmt::Write as _;

use super::{esc, Links, ROW_CAP};
use crate::diagnostic::{Diagnostic, Severity};
use crate::quantity::{FileMentions, KeptMention};

/// The table of findings (`check`): NUM findings first, then the rest in
/// report order.
pub(super) fn findings(out: &mut String, diagnostics: &[Diagnostic], links: &Links) {
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
pub(super) fn untracked(out: &mut String, files: &[FileMentions], links: &Links) {
    let rows: Vec<(&str, &KeptMention)> = files
        .iter()
        .flat_map(|f| f.mentions.iter().map(move |m| (f.name.as_str(), m)))
        .filter(|(_, m)| !m.is_tracked())
        .collect();
    let _ = write!(
        out,
        "<section id=\"untracked\"><details><summary>Not compared <span class=\"count\">({})</span></summary>",
        rows.len()
    );
    if rows.len() > ROW_CAP {
        let _ = write!(
            out,
            "<p class=\"note\">The first {ROW_CAP} are listed; <code>citelint numbers --format json</code> lists them all.</p>"
        );
    }
    if !rows.is_empty() {
        out.push_str("<table class=\"mentions\"><thead><tr><th>where</th><th>as written</th><th>reads as</th><th>why not compared</th></tr></thead><tbody>");
        for (name, m) in rows.into_iter().take(ROW_CAP) {
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
