//! Human output: miette's graphical renderer, one report per diagnostic.

use std::fmt;

use miette::{Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::snippet::Snippet;
use crate::diagnostic::{Diagnostic, Severity};

/// Labels longer than this many lines are cut to their first line.
const MAX_LABEL_LINES: usize = 4;
/// Labels longer than this many characters are cut to their start: a label
/// is drawn as wide as it is, and miette cannot draw one 65,536 columns wide.
const MAX_LABEL_CHARS: usize = 400;
/// Labels on the same or neighbouring lines share one snippet only when at
/// most this many bytes apart; a farther one gets a snippet of its own, so
/// no snippet reprints the text between two distant labels.
const NEAR: usize = 240;

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
    let end = start
        + file.text[start..visible.end]
            .chars()
            .take(MAX_LABEL_CHARS)
            .map(char::len_utf8)
            .sum::<usize>();
    (start, end - start)
}

/// Whether two clamped labels can share a snippet: lines at least two apart
/// (separate windows), or close enough that the window between them is short.
fn compatible(file: &crate::diagnostic::SourceFile, a: (usize, usize), b: (usize, usize)) -> bool {
    let lines = |(s, l): (usize, usize)| (file.lines.line_of(s), file.lines.line_of(s + l.saturating_sub(1)));
    let (a0, a1) = lines(a);
    let (b0, b1) = lines(b);
    let apart = b0 > a1 + 1 || a0 > b1 + 1;
    let gap = (a.0.max(b.0)).saturating_sub((a.0 + a.1).min(b.0 + b.1));
    apart || gap <= NEAR
}

/// A label that cannot share the finding's snippet, shown on its own.
fn far_label(file: &std::sync::Arc<crate::diagnostic::SourceFile>, message: &str, span: (usize, usize)) -> Rendered {
    Rendered {
        message: message.to_string(),
        code: String::new(),
        severity: miette::Severity::Advice,
        help: None,
        snippet: Snippet::new(file.clone(), &[(span.0, span.0 + span.1)]),
        labels: vec![LabeledSpan::new_primary_with_span(None, span)],
        related: Vec::new(),
    }
}

fn build(d: &Diagnostic) -> Rendered {
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        d.label.as_deref().map(str::to_string),
        clamp(&d.file, &d.span),
    )];
    let mut far = Vec::new();
    for l in &d.secondary {
        let span = clamp(&d.file, &l.span);
        if labels.iter().all(|k| compatible(&d.file, (k.offset(), k.len()), span)) {
            labels.push(LabeledSpan::new_with_span(Some(l.message.clone()), span));
        } else {
            far.push(far_label(&d.file, &l.message, span));
        }
    }
    let mut related = far;
    related.extend(
        d.related
            .iter()
            .map(|r| far_label(&r.file, &r.message, clamp(&r.file, &r.span))),
    );
    let spans: Vec<(usize, usize)> = labels.iter().map(|l| (l.offset(), l.offset() + l.len())).collect();
    Rendered {
        message: format!("{}[{}] {}: {}", d.severity, d.rule.code, d.rule.name, d.message),
        code: String::new(),
        severity: miette_severity(d.severity),
        help: d.help.as_deref().map(str::to_string),
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
        // Never lose a finding, or the report, because a snippet failed to
        // render (an error, or a panic inside the renderer).
        let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut one = String::new();
            handler.render_report(&mut one, &build(d)).map(|_| one)
        }));
        if let Ok(Ok(one)) = rendered {
            out.push_str(&one);
        } else {
            let (line, col) = d.file.position(d.span.start);
            out.push_str(&format!(
                "{}:{line}:{col}: {}[{}] {}\n",
                super::printable(&d.file.name),
                d.severity,
                d.rule.code,
                d.message
            ));
        }
        out.push('\n');
    }
    out
}
