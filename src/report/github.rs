//! `--format github`: GitHub Actions workflow commands, which the runner
//! turns into annotations on the pull request's diff:
//!
//! ```text
//! ::error file=a.md,line=4,col=32,endLine=4,endColumn=35,title=CIT001 undefined-marker::citation marker [9] …
//! ```
//!
//! Severities map to `error`, `warning` and `notice`. Per the runner's
//! escaping rules, `%`, `\r` and `\n` are percent-encoded in the message, and
//! additionally `:` and `,` in property values. The summary line follows as
//! plain log text.

use std::fmt::Write;

use super::Summary;
use crate::diagnostic::{Diagnostic, Severity};

/// Escapes a workflow command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub fn render(diags: &[Diagnostic], summary: &Summary) -> String {
    let mut out = String::new();
    for d in diags {
        let (line, col) = d.file.position(d.span.start);
        let (end_line, end_col) = d.file.position(d.span.end.max(d.span.start));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
            command(d.severity),
            escape_property(&d.file.name),
            escape_property(&format!("{} {}", d.rule.code, d.rule.name)),
            escape_data(&message),
        );
    }
    out.push_str(&summary.line());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("50% off\r\nnext"), "50%25 off%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
