//! `--format junit`: JUnit XML, which CI systems (GitLab, Jenkins, Azure)
//! show as test results. One `<testsuite>` per checked file; one failing
//! `<testcase>` per finding, or a single passing one for a clean file. Every
//! finding is a `<failure>` whose `type` is its severity (as ruff does);
//! the exit code alone decides whether the build fails. No timestamps, so
//! the report is reproducible.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::diagnostic::Diagnostic;

/// Escapes text for XML attribute values and character data. Characters XML
/// 1.0 cannot carry at all (most C0 controls) become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// `files`: every file checked (clean ones get a passing test case).
pub fn render(diags: &[Diagnostic], files: &[String]) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = files.iter().map(|f| (f.as_str(), Vec::new())).collect();
    for d in diags {
        by_file.entry(d.file.name.as_str()).or_default().push(d);
    }
    let tests: usize = by_file.values().map(|v| v.len().max(1)).sum();
    let failures = diags.len();
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"citelint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    for (file, list) in &by_file {
        let file_x = escape(file);
        let _ = writeln!(
            out,
            "  <testsuite name=\"{file_x}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
            list.len().max(1),
            list.len()
        );
        if list.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase name=\"citelint\" classname=\"{file_x}\" file=\"{file_x}\"/>"
            );
        }
        for d in list {
            let (line, col) = d.file.position(d.span.start);
            let mut body = format!(
                "{}:{line}:{col}: {}[{}] {}",
                d.file.name, d.severity, d.rule.code, d.message
            );
            if let Some(help) = &d.help {
                body.push_str("\nhelp: ");
                body.push_str(help);
            }
            let _ = writeln!(
                out,
                "    <testcase name=\"{} {} at {line}:{col}\" classname=\"{file_x}\" file=\"{file_x}\" line=\"{line}\">",
                d.rule.code, d.rule.name
            );
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape(&d.message),
                d.severity,
                escape(&body)
            );
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(escape("a<b>&\"c'\n\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;&#10;\u{FFFD}");
    }
}
