//! One open draft checked with the same engine as `citelint check`: its
//! findings (suppressions and configured severities applied), its parsed
//! document (for hover, definition, references) and each finding's fix.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Resolver;
use crate::diagnostic::Diagnostic;
use crate::document::{self, Document, Format, ParseOptions, Sidecar};
use crate::fix::attach::LocalFix;

pub struct Analysis {
    pub doc: Document,
    pub diags: Vec<Diagnostic>,
    pub fixes: Vec<Option<Arc<LocalFix>>>,
    pub sidecar: Option<PathBuf>,
    pub path: PathBuf,
    pub cfg: Arc<crate::config::Config>,
}

fn sidecar_path(path: &Path) -> Option<PathBuf> {
    let stem = path.file_stem()?.to_str()?;
    Some(path.with_file_name(format!("{stem}.sources.toml"))).filter(|p| p.is_file())
}

pub fn analyze(path: &Path, text: &str, resolver: &Resolver) -> Result<Analysis, String> {
    let cfg = resolver.for_path(Some(path)).map_err(|e| e.to_string())?;
    let name = path.display().to_string();
    let format = Format::from_path(path);
    let sidecar = sidecar_path(path);
    let sidecar_bytes = sidecar.as_ref().and_then(|p| std::fs::read(p).ok());
    let sc = || {
        sidecar.as_ref().zip(sidecar_bytes.as_deref()).map(|(p, b)| Sidecar {
            name: p.display().to_string(),
            bytes: b,
        })
    };
    let diags = crate::engine::check_text(&name, text.as_bytes(), format, sc(), &cfg);
    let popts = ParseOptions {
        markers: &cfg.markers,
        sources: &cfg.sources,
        segmenter: &cfg.segmenter,
    };
    let doc = document::parse(&name, text.as_bytes(), format, sc(), popts);
    let fixes = if doc.problems.is_empty() {
        crate::fix::attach::local_fixes(&doc, &diags, &cfg.sources)
    } else {
        vec![None; diags.len()]
    };
    Ok(Analysis {
        doc,
        diags,
        fixes,
        sidecar,
        path: path.to_path_buf(),
        cfg,
    })
}
