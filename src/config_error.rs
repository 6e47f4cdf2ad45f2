//! The error a bad configuration gives: a miette report at the offending
//! line. A leaf, so that every reader of configuration data (config.rs, the
//! numbers lexicon) can return it without importing the other.

use std::path::Path;

use miette::{Diagnostic as MietteDiagnostic, NamedSource, SourceSpan};

/// A configuration error, rendered by miette with the offending line.
#[derive(Debug, thiserror::Error, MietteDiagnostic)]
#[error("{message}")]
#[diagnostic(code(config))]
pub struct ConfigError {
    pub message: String,
    #[source_code]
    pub src: Option<NamedSource<String>>,
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

impl ConfigError {
    pub(crate) fn at(
        path: &Path,
        text: &str,
        span: std::ops::Range<usize>,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> Box<Self> {
        Box::new(ConfigError {
            message,
            src: Some(NamedSource::new(path.display().to_string(), text.to_string())),
            span: Some((span.start, span.end.saturating_sub(span.start)).into()),
            label: label.to_string(),
            help,
        })
    }

    pub fn plain(message: String) -> Box<Self> {
        Box::new(ConfigError {
            message,
            src: None,
            span: None,
            label: String::new(),
            help: None,
        })
    }
}
