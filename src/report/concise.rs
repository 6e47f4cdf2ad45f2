//! `--format concise`: one `file:line:col: severity[CODE] message` line per
//! finding (the form editors' quickfix lists and grep understand), then the
//! summary line.

use std::fmt::Write;

use super::Summary;
use crate::diagnostic::Diagnostic;

pub fn render(diags: &[Diagnostic], summary: &Summary) -> String {
    let mut out = String::new();
    for d in diags {
        let (line, col) = d.file.position(d.span.start);
        // One finding, one line: a message never spans lines here.
        let message = d.message.replace(['\r', '\n'], " ");
        let _ = writeln!(
            out,
            "{}:{line}:{col}: {}[{}] {message}",
            super::printable(&d.file.name),
            d.severity,
            d.rule.code
        );
    }
    out.push_str(&summary.line());
    out.push('\n');
    out
}
