//! Reporters turn diagnostics into text. They never analyse: everything they
//! print comes from `Diagnostic` values and the file text for snippets.

pub mod concise;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod ledger;
pub mod numberline;
pub mod sarif;
pub mod sentences;
pub mod snippet;

use crate::diagnostic::{Diagnostic, Severity};

/// A file name as a terminal may show it: control characters (an escape
/// sequence in a name could rewrite the screen) are written as `\u{1b}`.
pub fn printable(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.chars().any(char::is_control) {
        return name.into();
    }
    name.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files skipped as binary (not checked).
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped: usize,
    /// With a baseline: findings it hid, and its entries that are fixed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baselined: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed: Option<usize>,
    /// In a corpus-aware run: the corpus files read besides the files checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corpus: Option<usize>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    pub fn new(files: usize, diags: &[Diagnostic]) -> Self {
        let count = |s| diags.iter().filter(|d| d.severity == s).count();
        Summary {
            files,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            skipped: 0,
            baselined: None,
            fixed: None,
            corpus: None,
        }
    }

    /// Adds the number of files skipped as binary.
    pub fn with_skipped(mut self, files: usize) -> Self {
        self.skipped = files;
        self
    }

    /// Adds the number of corpus files compared with (a corpus-aware run).
    pub fn with_corpus(mut self, files: usize) -> Self {
        self.corpus = Some(files);
        self
    }

    /// Adds the baseline counts (the run used a baseline).
    pub fn with_baseline(mut self, baselined: usize, fixed: usize) -> Self {
        self.baselined = Some(baselined);
        self.fixed = Some(fixed);
        self
    }

    /// `12 files checked: 3 errors, 5 warnings`.
    pub fn line(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut s = plural(self.files, "file", "files") + " checked";
        if self.skipped > 0 {
            s.push_str(&format!(", {} skipped as binary", self.skipped));
        }
        if let Some(n) = self.corpus {
            s.push_str(&format!(
                " (numbers compared with {} of the corpus)",
                plural(n, "more draft", "more drafts")
            ));
        }
        s.push_str(": ");
        let baselined = match self.baselined {
            Some(n) if n > 0 => format!("; {} in the baseline not shown", plural(n, "finding", "findings")),
            _ => String::new(),
        };
        if self.errors + self.warnings + self.infos == 0 {
            s.push_str(if baselined.is_empty() {
                "no problems found"
            } else {
                "no new problems found"
            });
            s.push_str(&baselined);
            return s;
        }
        s.push_str(&plural(self.errors, "error", "errors"));
        s.push_str(", ");
        s.push_str(&plural(self.warnings, "warning", "warnings"));
        if self.infos > 0 {
            s.push_str(", ");
            s.push_str(&plural(self.infos, "info", "infos"));
        }
        s.push_str(&baselined);
        s
    }
}
