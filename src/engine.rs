//! The run: read each target, parse it, check it, apply its configuration.
//! Files are processed in parallel (rayon); the result is sorted so output is
//! identical whatever the thread count.

use std::io::Read;
use std::path::Path;

use rayon::prelude::*;

use std::sync::Arc;

use crate::claims;
use crate::config::{Config, ConfigError, Resolver};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{describe_io, IoProblem, Target};
use crate::document::{self, Document, Format, ParseOptions, Sidecar};
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
}

enum FileResult {
    /// Diagnostics, and how many of them are at or above the failing severity.
    Checked(Vec<Diagnostic>, usize),
    Skipped(IoProblem),
    Failed(IoProblem),
}

/// Checks one in-memory text with a configuration (used for stdin and tests).
pub fn check_text(
    name: &str,
    bytes: &[u8],
    format: Format,
    sidecar: Option<Sidecar<'_>>,
    cfg: &Config,
) -> Vec<Diagnostic> {
    let doc = document::parse(name, bytes, format, sidecar, parse_options(cfg));
    let mut diags = rules::check_document(&doc, &cfg.sources, &cfg.claims);
    diags.retain_mut(|d| match cfg.severity(d.rule.code, d.severity) {
        Some(s) => {
            d.severity = s;
            true
        }
        None => false,
    });
    diags
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

/// A target's bytes, format and sidecar, read from disk or standard input.
struct Input {
    bytes: Vec<u8>,
    format: Format,
    sidecar: Option<(String, Vec<u8>)>,
}

fn read_target(target: &Target, stdin: Option<&[u8]>) -> Result<Input, FileResult> {
    let display = target.display();
    let input = match target {
        Target::Stdin { display } => Input {
            bytes: stdin.unwrap_or_default().to_vec(),
            format: Format::from_path(Path::new(display)),
            sidecar: None,
        },
        Target::File { path, .. } => {
            let bytes = std::fs::read(path).map_err(|e| {
                FileResult::Failed(IoProblem {
                    path: display.to_string(),
                    message: describe_io(&e),
                })
            })?;
            let sidecar = match sidecar_path(path) {
                Some(sp) if sp.is_file() => match std::fs::read(&sp) {
                    Ok(b) => Some((sidecar_display(display, &sp), b)),
                    Err(e) => {
                        return Err(FileResult::Failed(IoProblem {
                            path: sidecar_display(display, &sp),
                            message: describe_io(&e),
                        }))
                    }
                },
                _ => None,
            };
            Input {
                bytes,
                format: Format::from_path(path),
                sidecar,
            }
        }
    };
    if is_binary(&input.bytes) {
        return Err(FileResult::Skipped(IoProblem {
            path: display.to_string(),
            message: "binary file (contains NUL bytes), skipped".into(),
        }));
    }
    Ok(input)
}

fn config_for(target: &Target, resolver: &Resolver) -> Result<Arc<Config>, Box<ConfigError>> {
    // Standard input is configured as if it were the file it is named after.
    match target {
        Target::Stdin { display } => resolver.for_path(Some(Path::new(display))),
        Target::File { path, .. } => resolver.for_path(Some(path)),
    }
}

fn parse_input(display: &str, input: &Input, cfg: &Config) -> Document {
    let sidecar = input.sidecar.as_ref().map(|(name, b)| Sidecar {
        name: name.clone(),
        bytes: b,
    });
    document::parse(display, &input.bytes, input.format, sidecar, parse_options(cfg))
}

fn parse_options(cfg: &Config) -> ParseOptions<'_> {
    ParseOptions {
        markers: &cfg.markers,
        sources: &cfg.sources,
        segmenter: &cfg.segmenter,
    }
}

fn check_target(
    target: &Target,
    resolver: &Resolver,
    stdin: Option<&[u8]>,
    fail_on: Option<Severity>,
) -> Result<FileResult, Box<ConfigError>> {
    let cfg = config_for(target, resolver)?;
    let input = match read_target(target, stdin) {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    let sidecar = input.sidecar.as_ref().map(|(name, b)| Sidecar {
        name: name.clone(),
        bytes: b,
    });
    let diags = check_text(target.display(), &input.bytes, input.format, sidecar, &cfg);
    let threshold = fail_on.or(cfg.fail_on).unwrap_or(Severity::Error);
    let failing = diags.iter().filter(|d| d.severity >= threshold).count();
    Ok(FileResult::Checked(diags, failing))
}

/// One parsed document with every sentence's classification (for
/// `citelint sentences`).
pub struct Classified {
    pub doc: Document,
    pub assessments: Vec<claims::Assessment>,
    pub threshold: i32,
}

/// Standard input's bytes, read once, when a target names it.
fn read_stdin(targets: &[Target]) -> Result<Option<Vec<u8>>, Box<ConfigError>> {
    if !targets.iter().any(|t| matches!(t, Target::Stdin { .. })) {
        return Ok(None);
    }
    let mut buf = Vec::new();
    std::io::stdin()
        .read_to_end(&mut buf)
        .map_err(|e| ConfigError::plain(format!("cannot read standard input: {e}")))?;
    Ok(Some(buf))
}

/// Parses and classifies each target, in order; unreadable and binary
/// files come back as problems.
pub fn classify(
    targets: &[Target],
    resolver: &Resolver,
) -> Result<(Vec<Classified>, Vec<IoProblem>), Box<ConfigError>> {
    let stdin = read_stdin(targets)?;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for t in targets {
        let cfg = config_for(t, resolver)?;
        match read_target(t, stdin.as_deref()) {
            Ok(input) => {
                let doc = parse_input(t.display(), &input, &cfg);
                let assessments = claims::assess_all(&cfg.claims, &doc);
                out.push(Classified {
                    doc,
                    assessments,
                    threshold: cfg.claims.data.threshold,
                });
            }
            Err(FileResult::Failed(p) | FileResult::Skipped(p)) => problems.push(p),
            Err(FileResult::Checked(..)) => {}
        }
    }
    Ok((out, problems))
}

/// Checks every target. `threads == 0` means one per core. `fail_on`
/// overrides the failing severity of every configuration.
pub fn run(
    targets: &[Target],
    resolver: &Resolver,
    threads: usize,
    fail_on: Option<Severity>,
) -> Result<Outcome, Box<ConfigError>> {
    let stdin = read_stdin(targets)?;
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
    for r in results {
        match r? {
            FileResult::Checked(d, failing) => {
                out.files_checked += 1;
                out.failing += failing;
                out.diagnostics.extend(d);
            }
            FileResult::Skipped(p) => out.skipped.push(p),
            FileResult::Failed(p) => out.io_problems.push(p),
        }
    }
    out.diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(out)
}
