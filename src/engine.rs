//! The run: read each target, parse it, check it, apply its configuration.
//! Files are processed in parallel (rayon); the result is sorted so output is
//! identical whatever the thread count.
//!
//! Each file also yields its quantity mentions (`quantity::Mention`: a span,
//! a short surface string, line and column, and the comparability key — never
//! the document text). After the parallel part, one cross-document pass over
//! all mentions reports the NUM rules. The text of a file is dropped when the
//! file is done unless its diagnostics hold it; a NUM diagnostic that needs a
//! snippet of such a file re-reads it.

use std::collections::HashMap;
use std::io::Read;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{Config, ConfigError, Resolver};
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::discover::{describe_io, IoProblem, Target};
use crate::document::{self, Format, ParseOptions, Sidecar};
use crate::quantity::{self, Conflict, FileMentions, Mention, MentionRef};
use crate::rules;

/// Bytes inspected for NUL to tell binary files from text (as git and ripgrep do).
const BINARY_SNIFF: usize = 8192;

#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub files_checked: usize,
    /// Findings at or above the failing severity of their file's configuration
    /// (or of `--fail-on`, which overrides every configuration).
    pub failing: usize,
    /// Files skipped on purpose (binary), with the reason.
    pub skipped: Vec<IoProblem>,
    /// Files that could not be read.
    pub io_problems: Vec<IoProblem>,
    /// Every checked file's quantity mentions (in target order), for the
    /// `numbers` ledger.
    pub quantities: Vec<FileMentions>,
    /// Conflicts among them (indices into `quantities`).
    pub conflicts: Vec<Conflict>,
}

/// What one file hands to the cross-document pass.
struct FileQuantities {
    mentions: Vec<Mention>,
    /// The file's text, when something else keeps it alive anyway (its
    /// diagnostics, or standard input, which cannot be read twice).
    file: Option<Arc<SourceFile>>,
    cfg: Arc<Config>,
    threshold: Severity,
}

enum FileResult {
    /// Diagnostics, how many of them are at or above the failing severity,
    /// and the file's quantities.
    Checked(Vec<Diagnostic>, usize, FileQuantities),
    Skipped(IoProblem),
    Failed(IoProblem),
}

/// Checks one in-memory text with a configuration (used for stdin and tests),
/// including the NUM rules within the text.
pub fn check_text(
    name: &str,
    bytes: &[u8],
    format: Format,
    sidecar: Option<Sidecar<'_>>,
    cfg: &Config,
) -> Vec<Diagnostic> {
    let (mut diags, mentions, file) = check_file(name, bytes, format, sidecar, cfg);
    let files = [FileMentions {
        name: name.to_string(),
        mentions,
    }];
    let conflicts = quantity::find_conflicts(&files);
    let mut resolve = |r: MentionRef| {
        let m = &files[0].mentions[r.index as usize];
        (Arc::clone(&file), m.span.clone())
    };
    for c in &conflicts {
        let (_, mut d) = rules::numbers::diagnostic(c, &files, &mut resolve);
        if let Some(s) = rules::numbers::configured(d.severity, d.rule, cfg.severities.get(d.rule.code).copied()) {
            d.severity = s;
            diags.push(d);
        }
    }
    diags
}

/// Parses and checks one file: its per-document diagnostics (configured),
/// its quantity mentions, and its text.
fn check_file(
    name: &str,
    bytes: &[u8],
    format: Format,
    sidecar: Option<Sidecar<'_>>,
    cfg: &Config,
) -> (Vec<Diagnostic>, Vec<Mention>, Arc<SourceFile>) {
    let opts = ParseOptions {
        markers: &cfg.markers,
        sources: &cfg.sources,
        segmenter: &crate::data::SEGMENTER,
    };
    let doc = document::parse(name, bytes, format, sidecar, opts);
    let mut diags = rules::check_document(&doc, &cfg.sources);
    diags.retain_mut(|d| match cfg.severity(d.rule.code, d.severity) {
        Some(s) => {
            d.severity = s;
            true
        }
        None => false,
    });
    let mentions = quantity::extract_document(&doc, &cfg.numbers);
    (diags, mentions, doc.file)
}

fn sidecar_path(path: &Path) -> Option<std::path::PathBuf> {
    let stem = path.file_stem()?.to_str()?;
    Some(path.with_file_name(format!("{stem}.sources.toml")))
}

fn sidecar_display(display: &str, path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    match Path::new(display).parent() {
        Some(parent) if !parent.as_os_str().is_empty() => format!("{}/{name}", parent.display()),
        _ => name.to_string(),
    }
}

fn is_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some()
}

fn check_target(
    target: &Target,
    resolver: &Resolver,
    stdin: Option<&[u8]>,
    fail_on: Option<Severity>,
) -> Result<FileResult, Box<ConfigError>> {
    // Standard input is configured as if it were the file it is named after.
    let cfg = match target {
        Target::Stdin { display } => resolver.for_path(Some(Path::new(display)))?,
        Target::File { path, .. } => resolver.for_path(Some(path))?,
    };
    let display = target.display();
    let (bytes, format, sidecar) = match target {
        Target::Stdin { display } => (
            stdin.unwrap_or_default().to_vec(),
            Format::from_path(Path::new(display)),
            None,
        ),
        Target::File { path, .. } => {
            let bytes = match std::fs::read(path) {
                Ok(b) => b,
                Err(e) => {
                    return Ok(FileResult::Failed(IoProblem {
                        path: display.to_string(),
                        message: describe_io(&e),
                    }))
                }
            };
            let sidecar = match sidecar_path(path) {
                Some(sp) if sp.is_file() => match std::fs::read(&sp) {
                    Ok(b) => Some((sidecar_display(display, &sp), b)),
                    Err(e) => {
                        return Ok(FileResult::Failed(IoProblem {
                            path: sidecar_display(display, &sp),
                            message: describe_io(&e),
                        }))
                    }
                },
                _ => None,
            };
            (bytes, Format::from_path(path), sidecar)
        }
    };
    if is_binary(&bytes) {
        return Ok(FileResult::Skipped(IoProblem {
            path: display.to_string(),
            message: "binary file (contains NUL bytes), skipped".into(),
        }));
    }
    let sidecar = sidecar.as_ref().map(|(name, b)| Sidecar {
        name: name.clone(),
        bytes: b,
    });
    let (diags, mentions, file) = check_file(display, &bytes, format, sidecar, &cfg);
    let threshold = fail_on.or(cfg.fail_on).unwrap_or(Severity::Error);
    let failing = diags.iter().filter(|d| d.severity >= threshold).count();
    // Keep the text only when it stays alive anyway.
    let keep = !diags.is_empty() || matches!(target, Target::Stdin { .. });
    let quantities = FileQuantities {
        mentions,
        file: keep.then_some(file),
        cfg,
        threshold,
    };
    Ok(FileResult::Checked(diags, failing, quantities))
}

/// The file and span to show for a mention of a file whose text was dropped:
/// the file read again, or (if it changed or vanished since) a stand-in that
/// holds only the mention at its line and column.
fn reload(target: &Target, m: &Mention) -> (Arc<SourceFile>, Range<usize>) {
    if let Target::File { path, display } = target {
        if let Ok(bytes) = std::fs::read(path) {
            let d = document::decode(&bytes);
            let same = d
                .text
                .get(m.span.clone())
                .is_some_and(|s| s.split_whitespace().eq(m.surface.split_whitespace()));
            if same {
                return (SourceFile::decoded(display.as_str(), d.text, d.offsets), m.span.clone());
            }
        }
    }
    let mut text = "\n".repeat((m.line as usize).saturating_sub(1));
    text.push_str(&" ".repeat((m.column as usize).saturating_sub(1)));
    let start = text.len();
    text.push_str(&m.surface);
    let end = text.len();
    (SourceFile::new(target.display(), text, 0), start..end)
}

/// Checks every target. `threads == 0` means one per core. `fail_on`
/// overrides the failing severity of every configuration.
pub fn run(
    targets: &[Target],
    resolver: &Resolver,
    threads: usize,
    fail_on: Option<Severity>,
) -> Result<Outcome, Box<ConfigError>> {
    let stdin: Option<Vec<u8>> = if targets.iter().any(|t| matches!(t, Target::Stdin { .. })) {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| ConfigError::plain(format!("cannot read standard input: {e}")))?;
        Some(buf)
    } else {
        None
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| ConfigError::plain(format!("cannot start worker threads: {e}")))?;
    let results: Vec<Result<FileResult, Box<ConfigError>>> = pool.install(|| {
        targets
            .par_iter()
            .map(|t| check_target(t, resolver, stdin.as_deref(), fail_on))
            .collect()
    });

    let mut out = Outcome::default();
    // Per corpus file: its target and what it handed over.
    let mut corpus: Vec<(&Target, FileQuantities)> = Vec::new();
    for (target, r) in targets.iter().zip(results) {
        match r? {
            FileResult::Checked(d, failing, q) => {
                out.files_checked += 1;
                out.failing += failing;
                out.diagnostics.extend(d);
                corpus.push((target, q));
            }
            FileResult::Skipped(p) => out.skipped.push(p),
            FileResult::Failed(p) => out.io_problems.push(p),
        }
    }

    // The cross-document pass: only mentions cross files.
    let mut meta = Vec::with_capacity(corpus.len());
    for (target, q) in corpus {
        out.quantities.push(FileMentions {
            name: target.display().to_string(),
            mentions: q.mentions,
        });
        meta.push((target, q.file, q.cfg, q.threshold));
    }
    out.conflicts = quantity::find_conflicts(&out.quantities);
    let mut loaded: HashMap<u32, Arc<SourceFile>> = HashMap::new();
    let files = &out.quantities;
    let mut resolve = |r: MentionRef| {
        let m = &files[r.file as usize].mentions[r.index as usize];
        let (target, kept, _, _) = &meta[r.file as usize];
        if let Some(f) = kept.as_ref().or_else(|| loaded.get(&r.file)) {
            return (Arc::clone(f), m.span.clone());
        }
        let (f, span) = reload(target, m);
        if span == m.span {
            loaded.insert(r.file, Arc::clone(&f));
        }
        (f, span)
    };
    for c in &out.conflicts {
        let (primary, mut d) = rules::numbers::diagnostic(c, files, &mut resolve);
        let (_, _, cfg, threshold) = &meta[primary as usize];
        let setting = cfg.severities.get(d.rule.code).copied();
        let Some(s) = rules::numbers::configured(d.severity, d.rule, setting) else {
            continue;
        };
        d.severity = s;
        if d.severity >= *threshold {
            out.failing += 1;
        }
        out.diagnostics.push(d);
    }
    out.diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(out)
}
