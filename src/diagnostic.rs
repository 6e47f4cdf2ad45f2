//! The value every check produces and every reporter consumes.
//!
//! Checks never print; they return `Diagnostic`s that carry byte spans into a
//! shared `SourceFile`. Reporters turn spans into line/column and snippets.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::document::lines::LineIndex;
use crate::rules::Rule;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "info" | "note" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// Maps offsets in the decoded text back to offsets in the file on disk,
/// which differ after a stripped BOM and after each invalid UTF-8 sequence
/// (replaced by the 3-byte U+FFFD).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pub bom: usize,
    /// (decoded offset just after a replacement, cumulative file − decoded delta).
    fixes: Vec<(usize, isize)>,
}

impl OffsetMap {
    pub fn with_bom(bom: usize) -> Self {
        OffsetMap { bom, fixes: Vec::new() }
    }

    pub fn record(&mut self, decoded_after: usize, delta: isize) {
        self.fixes.push((decoded_after, delta));
    }

    pub fn to_file(&self, decoded: usize) -> usize {
        let i = self.fixes.partition_point(|&(at, _)| at <= decoded);
        let delta = if i == 0 { 0 } else { self.fixes[i - 1].1 };
        (decoded as isize + self.bom as isize + delta).max(0) as usize
    }
}

/// A file's text as diagnostics see it: a display name (the path as the user
/// gave it), the decoded text and its line index.
#[derive(Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    pub lines: LineIndex,
    /// Turns offsets into `text` into offsets into the file on disk (JSON
    /// reports those, so that tools can index the file).
    pub offsets: OffsetMap,
}

impl SourceFile {
    /// A file whose text is exactly its bytes (tests, clean UTF-8).
    pub fn new(name: impl Into<String>, text: String, bom: usize) -> Arc<Self> {
        Self::decoded(name, text, OffsetMap::with_bom(bom))
    }

    pub fn decoded(name: impl Into<String>, text: String, offsets: OffsetMap) -> Arc<Self> {
        let lines = LineIndex::new(&text);
        Arc::new(SourceFile {
            name: name.into(),
            text,
            lines,
            offsets,
        })
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.lines.position(&self.text, offset)
    }
}

/// A span a reader can see: an empty span (a parser's "error here") covers
/// the character at it, or the one before it at the end of a line.
pub fn visible_span(text: &str, span: Range<usize>) -> Range<usize> {
    let start = span.start.min(text.len());
    if span.end > start {
        return start..span.end.min(text.len());
    }
    let not_eol = |c: &char| !matches!(c, '\n' | '\r');
    if let Some(c) = text[start..].chars().next().filter(not_eol) {
        return start..start + c.len_utf8();
    }
    match text[..start].chars().next_back().filter(not_eol) {
        Some(c) => start - c.len_utf8()..start,
        None => start..start,
    }
}

/// A secondary span in the same file as the diagnostic.
#[derive(Debug, Clone)]
pub struct Label {
    pub span: Range<usize>,
    pub message: String,
}

/// A span elsewhere (possibly another file) shown with its own snippet.
#[derive(Debug, Clone)]
pub struct Related {
    pub file: Arc<SourceFile>,
    pub span: Range<usize>,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    pub file: Arc<SourceFile>,
    pub span: Range<usize>,
    /// Text of the primary label under the snippet.
    pub label: Option<String>,
    pub secondary: Vec<Label>,
    pub help: Option<String>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn new(rule: &'static Rule, file: &Arc<SourceFile>, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.default_severity,
            message: message.into(),
            file: Arc::clone(file),
            span,
            label: None,
            secondary: Vec::new(),
            help: None,
            related: Vec::new(),
        }
    }

    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.label = Some(text.into());
        self
    }

    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn secondary(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn related(mut self, file: &Arc<SourceFile>, span: Range<usize>, message: impl Into<String>) -> Self {
        self.related.push(Related {
            file: Arc::clone(file),
            span,
            message: message.into(),
        });
        self
    }

    /// Points at another place: a label in this snippet when it is in the
    /// same file, a related snippet of its own otherwise (a sidecar, another
    /// draft).
    pub fn also(self, file: &Arc<SourceFile>, span: Range<usize>, message: impl Into<String>) -> Self {
        if Arc::ptr_eq(file, &self.file) {
            self.secondary(span, message)
        } else {
            self.related(file, span, message)
        }
    }

    /// Sort key: file, line, column, code (byte order equals line/column order).
    pub fn sort_key(&self) -> (&str, usize, &'static str, usize) {
        (&self.file.name, self.span.start, self.rule.code, self.span.end)
    }
}
