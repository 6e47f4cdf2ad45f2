//! The run: read each target, parse it, check it, apply its configuration.
//! Files are processed in parallel (rayon); the result is sorted so output is
//! identical whatever the thread count.
//!
//! Per file, in order: rules → inline suppressions (`suppress.rs`) →
//! configured severities → baseline (`baseline.rs`) → failing count.
//! `targets` are the files reported on. A cross-file stage (a future
//! `corpus` of files that are read but not reported on) belongs between the
//! rules and the suppressions, keeping each file's `Suppressions` until its
//! cross-file findings are in; `RunOptions` is where such a corpus goes.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::baseline::{self, Baseline};
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
    /// Display names of the files checked (drafts, not sidecars), sorted.
    pub checked: Vec<String>,
    /// Findings hidden because a baseline holds them.
    pub baselined: usize,
    /// Baseline entries of checked files that no finding matched any more.
    pub fixed: Vec<baseline::Entry>,
    /// The baseline files consulted, sorted.
    pub baselines: Vec<PathBuf>,
}

/// Which baseline applies.
#[derive(Debug, Clone, Default)]
pub enum BaselineChoice {
    /// Each file's config `baseline` key, if any.
    #[default]
    FromConfig,
    /// This file for every draft (`check --baseline FILE`).
    File(PathBuf),
    /// None (`citelint baseline` records everything; `--no-baseline`).
    Off,
}

/// How to run. `Default` is what `run` does.
#[derive(Default)]
pub struct RunOptions<'a> {
    /// Worker threads; 0 = one per core.
    pub threads: usize,
    /// Overrides the failing severity of every configuration.
    pub fail_on: Option<Severity>,
    pub baseline: BaselineChoice,
    /// Called once per target when it is done (a progress bar).
    pub on_file_done: Option<&'a (dyn Fn() + Sync)>,
}

struct Checked {
    diags: Vec<Diagnostic>,
    /// How many of `diags` are at or above the failing severity.
    failing: usize,
    baselined: usize,
    fixed: Vec<baseline::Entry>,
}

enum FileResult {
    Checked(Checked),
    Skipped(IoProblem),
    Failed(IoProblem),
}

/// Baselines loaded so far, by path (each is read once per run).
#[derive(Default)]
struct Baselines {
    loaded: Mutex<HashMap<PathBuf, Arc<Baseline>>>,
}

impl Baselines {
    fn get(&self, path: &Path) -> Result<Arc<Baseline>, Box<ConfigError>> {
        let mut map = self.loaded.lock().expect("baseline cache");
        if let Some(b) = map.get(path) {
            return Ok(Arc::clone(b));
        }
        let b = Arc::new(Baseline::load(path).map_err(ConfigError::plain)?);
        map.insert(path.to_path_buf(), Arc::clone(&b));
        Ok(b)
    }
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
    // Inline suppressions, before severities (see suppress.rs).
    crate::suppress::apply(&doc, &mut diags);
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
    opts: &RunOptions<'_>,
    baselines: &Baselines,
) -> Result<FileResult, Box<ConfigError>> {
    let cfg = config_for(target, resolver)?;
    let input = match read_target(target, stdin) {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    let display = target.display();
    let mut group = vec![display];
    if let Some((name, _)) = &input.sidecar {
        group.push(name);
    }
    let sidecar = input.sidecar.as_ref().map(|(name, b)| Sidecar {
        name: name.clone(),
        bytes: b,
    });
    let mut diags = check_text(display, &input.bytes, input.format, sidecar, &cfg);
    let base = match &opts.baseline {
        BaselineChoice::Off => None,
        BaselineChoice::File(p) => Some(baselines.get(p)?),
        BaselineChoice::FromConfig => match &cfg.baseline {
            Some(p) => Some(baselines.get(p)?),
            None => None,
        },
    };
    let matched = match base {
        Some(b) => b.filter(&mut diags, &group),
        None => baseline::Matched::default(),
    };
    let threshold = opts.fail_on.or(cfg.fail_on).unwrap_or(Severity::Error);
    let failing = diags.iter().filter(|d| d.severity >= threshold).count();
    Ok(FileResult::Checked(Checked {
        diags,
        failing,
        baselined: matched.baselined,
        fixed: matched.fixed,
    }))
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
    run_with(
        targets,
        resolver,
        &RunOptions {
            threads,
            fail_on,
            ..RunOptions::default()
        },
    )
}

/// Checks every target with the given options.
pub fn run_with(targets: &[Target], resolver: &Resolver, opts: &RunOptions<'_>) -> Result<Outcome, Box<ConfigError>> {
    let stdin = read_stdin(targets)?;
    let baselines = Baselines::default();
    if let BaselineChoice::File(p) = &opts.baseline {
        // A bad --baseline is an error even when no file is checked.
        baselines.get(p)?;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| ConfigError::plain(format!("cannot start worker threads: {e}")))?;
    let results: Vec<Result<FileResult, Box<ConfigError>>> = pool.install(|| {
        targets
            .par_iter()
            .map(|t| {
                let r = check_target(t, resolver, stdin.as_deref(), opts, &baselines);
                if let Some(done) = opts.on_file_done {
                    done();
                }
                r
            })
            .collect()
    });

    let mut out = Outcome::default();
    for (t, r) in targets.iter().zip(results) {
        match r? {
            FileResult::Checked(c) => {
                out.files_checked += 1;
                out.failing += c.failing;
                out.diagnostics.extend(c.diags);
                out.baselined += c.baselined;
                out.fixed.extend(c.fixed);
                out.checked.push(t.display().to_string());
            }
            FileResult::Skipped(p) => out.skipped.push(p),
            FileResult::Failed(p) => out.io_problems.push(p),
        }
    }
    out.diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.checked.sort();
    out.fixed.sort();
    out.baselines = baselines
        .loaded
        .into_inner()
        .map(|m| m.into_keys().collect())
        .unwrap_or_default();
    out.baselines.sort();
    Ok(out)
}
