//! The value every check produces and every reporter consumes.
//!
//! Checks never print; they return `Diagnostic`s that carry byte spans into a
//! shared `SourceFile`. Reporters turn spans into line/column and snippets.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

pub use crate::text::{visible_span, OffsetMap, SourceFile};

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

/// A rule's metadata: its code, kebab name, default severity, docs and
/// options (each rule's sits next to its check; `registry::ALL` lists them).
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub default_severity: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// Longer text: why it matters, an example, how to fix it.
    pub doc: &'static str,
    /// The citelint.toml settings that change what it reports, besides its
    /// severity (`citelint explain` lists them under "Options").
    pub options: &'static [RuleOption],
}

/// One setting that changes what a rule reports: how `citelint explain`
/// names it, a citelint.toml snippet that sets it (a test loads every
/// snippet through the config schema, so no rule advertises a key the config
/// rejects), and what it does.
#[derive(Debug)]
pub struct RuleOption {
    /// `[section] key, other-key` as `explain` prints it.
    pub key: &'static str,
    /// A citelint.toml snippet that sets every key named in `key`.
    pub toml: &'static str,
    pub what: &'static str,
}

impl Rule {
    /// Whether `key` (trimmed) is this rule's code or kebab name, in any case.
    pub fn is_named(&self, key: &str) -> bool {
        self.code.eq_ignore_ascii_case(key) || self.name.eq_ignore_ascii_case(key)
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
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

/// A machine-applicable fix for a finding (computed by `fix::attach`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub message: String,
    /// Safe fixes keep what the draft says; unsafe ones drop or merge sources.
    pub safe: bool,
    pub edits: Vec<FixEdit>,
}

/// Replace bytes `byte_start..byte_end` of `file` (offsets in the file on disk).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixEdit {
    pub file: String,
    pub byte_start: usize,
    pub byte_end: usize,
    pub replacement: String,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    pub file: Arc<SourceFile>,
    pub span: Range<usize>,
    /// Text of the primary label under the snippet. Label and help are most
    /// often fixed sentences: borrowed, not copied into every finding.
    pub label: Option<Cow<'static, str>>,
    pub secondary: Vec<Label>,
    pub help: Option<Cow<'static, str>>,
    pub related: Vec<Related>,
    pub fix: Option<Arc<Fix>>,
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
            fix: None,
        }
    }

    pub fn label(mut self, text: impl Into<Cow<'static, str>>) -> Self {
        self.label = Some(text.into());
        self
    }

    pub fn help(mut self, text: impl Into<Cow<'static, str>>) -> Self {
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

    /// Every span of this finding in its own file.
    pub fn spans(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        std::iter::once(self.span.clone())
            .chain(self.secondary.iter().map(|l| l.span.clone()))
            .chain(
                self.related
                    .iter()
                    .filter(|r| Arc::ptr_eq(&r.file, &self.file))
                    .map(|r| r.span.clone()),
            )
    }

    /// Moves this finding to `file` (a compacted copy of its file), mapping
    /// every span in its own file with `map`.
    pub fn move_to(&mut self, file: &Arc<SourceFile>, map: &dyn Fn(usize) -> usize) {
        let old = std::mem::replace(&mut self.file, Arc::clone(file));
        let remap = |r: &Range<usize>| map(r.start)..map(r.end);
        self.span = remap(&self.span);
        for l in &mut self.secondary {
            l.span = remap(&l.span);
        }
        for r in &mut self.related {
            if Arc::ptr_eq(&r.file, &old) {
                r.file = Arc::clone(file);
                r.span = remap(&r.span);
            }
        }
    }

    /// Sort key: file, line, column, code (byte order equals line/column order).
    /// Offsets are the full text's, so findings in a compacted copy and in
    /// the whole file sort together.
    pub fn sort_key(&self) -> (&str, usize, &'static str, usize) {
        (
            &self.file.name,
            self.file.full_offset(self.span.start),
            self.rule.code,
            self.file.full_offset(self.span.end),
        )
    }
}
