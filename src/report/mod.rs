//! Reporters turn diagnostics into text. They never analyse: everything they
//! print comes from `Diagnostic` values and the file text for snippets.

pub mod human;
pub mod json;
pub mod sentences;
pub mod snippet;

use crate::diagnostic::{Diagnostic, Severity};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn new(files: usize, diags: &[Diagnostic]) -> Self {
        let count = |s| diags.iter().filter(|d| d.severity == s).count();
        Summary {
            files,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }

    /// `12 files checked: 3 errors, 5 warnings`.
    pub fn line(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut s = format!("{} checked: ", plural(self.files, "file", "files"));
        if self.errors + self.warnings + self.infos == 0 {
            s.push_str("no problems found");
            return s;
        }
        s.push_str(&plural(self.errors, "error", "errors"));
        s.push_str(", ");
        s.push_str(&plural(self.warnings, "warning", "warnings"));
        if self.infos > 0 {
            s.push_str(", ");
            s.push_str(&plural(self.infos, "info", "infos"));
        }
        s
    }
}
