//! Human output: miette's graphical renderer, one report per diagnostic.

use std::fmt;

use miette::{Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::snippet::Snippet;
use crate::diagnostic::{Diagnostic, Severity};

/// Labels longer than this many lines are cut to their first line.
const MAX_LABEL_LINES: usize = 4;

struct Rendered {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    snippet: Snippet,
    labels: Vec<LabeledSpan>,
    related: Vec<Rendered>,
}

impl fmt::Debug for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered {}

impl MietteDiagnostic for Rendered {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.snippet)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn MietteDiagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn MietteDiagnostic)))
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// Clamps a span to at most `MAX_LABEL_LINES` lines of its file.
fn clamp(file: &crate::diagnostic::SourceFile, span: &std::ops::Range<usize>) -> (usize, usize) {
    let first = file.lines.line_of(span.start.min(file.text.len()));
    let last = file
        .lines
        .line_of(span.end.saturating_sub(1).max(span.start).min(file.text.len()));
    let end = if last - first >= MAX_LABEL_LINES {
        file.lines.line_range(&file.text, first).end.max(span.start)
    } else {
        span.end
    };
    let visible = crate::diagnostic::visible_span(&file.text, span.start..end);
    let start = visible.start;
    let end = visible.end;
    (start, end - start)
}

fn build(d: &Diagnostic) -> Rendered {
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        d.label.clone(),
        clamp(&d.file, &d.span),
    )];
    for l in &d.secondary {
        labels.push(LabeledSpan::new_with_span(
            Some(l.message.clone()),
            clamp(&d.file, &l.span),
        ));
    }
    let related = d
        .related
        .iter()
        .map(|r| {
            let span = clamp(&r.file, &r.span);
            Rendered {
                message: r.message.clone(),
                code: String::new(),
                severity: miette::Severity::Advice,
                help: None,
                snippet: Snippet::new(r.file.clone(), &[(span.0, span.0 + span.1)]),
                labels: vec![LabeledSpan::new_primary_with_span(None, span)],
                related: Vec::new(),
            }
        })
        .collect();
    let spans: Vec<(usize, usize)> = labels.iter().map(|l| (l.offset(), l.offset() + l.len())).collect();
    Rendered {
        message: format!("{}[{}] {}: {}", d.severity, d.rule.code, d.rule.name, d.message),
        code: String::new(),
        severity: miette_severity(d.severity),
        help: d.help.clone(),
        snippet: Snippet::new(d.file.clone(), &spans),
        labels,
        related,
    }
}

pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

pub fn render(diags: &[Diagnostic], opts: &HumanOptions) -> String {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false)
        .with_context_lines(0)
        .with_break_words(false)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    for d in diags {
        let r = build(d);
        if handler.render_report(&mut out, &r).is_err() {
            // Never lose a finding because a snippet failed to render.
            let (line, col) = d.file.position(d.span.start);
            out.push_str(&format!(
                "{}:{line}:{col}: {}[{}] {}\n",
                d.file.name, d.severity, d.rule.code, d.message
            ));
        }
        out.push('\n');
    }
    out
}
