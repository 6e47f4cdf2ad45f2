//! The run: read each target, parse it, check it, apply its configuration.
//! Files are processed in parallel (rayon); the result is sorted so output is
//! identical whatever the thread count.
//!
//! Per file, in order: rules → cross-file findings → inline suppressions
//! (`suppress.rs`) → configured severities → baseline (`baseline.rs`) →
//! failing count. `targets` are the files reported on.
//!
//! The cross-file stage is the numbers pass: each file's parallel check also
//! yields its quantity mentions (`quantity::KeptMention`: a span, a short
//! surface string, line and column and the comparability key with its words
//! interned, never the document text). After the parallel part, one pass over all mentions finds the NUM
//! findings; each goes to the file it is reported in, whose suppressions were
//! kept until then. A file's text is dropped when its check is done unless its
//! findings or suppressions hold it; a NUM finding that needs a snippet of such
//! a file reads it again.

use std::collections::HashMap;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::baseline::{self, Baseline};
use crate::changes::Changes;
use crate::claims;
use crate::config::{Config, ConfigError, Resolver};
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::discover::{describe_io, IoProblem, Target};
use crate::document::{self, Document, Format, ParseOptions, Sidecar};
use crate::quantity::{self, Conflict, FileMentions, KeptMention, Mention, MentionRef};
use crate::rules;
use crate::suppress::Suppressions;

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
    /// Every checked file's quantity mentions (in target order), for the
    /// `numbers` ledger.
    pub quantities: Vec<FileMentions>,
    /// Conflicts among them (indices into `quantities`), before suppressions,
    /// severities and baselines.
    pub conflicts: Vec<Conflict>,
    /// Corpus files read besides the targets (a corpus-aware run); their
    /// mentions follow the targets' in `quantities`.
    pub corpus_files: usize,
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
    /// A corpus-aware run: these files are read for the cross-article
    /// numbers check only (no rules run on them, nothing is reported in
    /// them); conflicts between them and the targets are reported in the
    /// targets. Files that are also targets are targets.
    pub corpus: &'a [Target],
    /// Keep every quantity mention in `Outcome::quantities`, not only those
    /// that take part in comparisons (the `numbers` ledger lists them all).
    pub all_mentions: bool,
    /// `check --changed-since`: keep only the findings on lines this change
    /// touched (after the baseline, before the failing count).
    pub changed: Option<&'a Changes>,
}

struct Checked {
    diags: Vec<Diagnostic>,
    /// How many of `diags` are at or above the failing severity.
    failing: usize,
    baselined: usize,
    fixed: Vec<baseline::Entry>,
}

/// A file whose rules have run, waiting for its cross-file findings.
struct Pending {
    /// Rule findings, before suppressions and severities.
    diags: Vec<Diagnostic>,
    suppressions: Option<Suppressions>,
    cfg: Arc<Config>,
    /// The draft and its sidecar, for the baseline.
    group: Vec<String>,
    mentions: Vec<KeptMention>,
    /// The text, when something keeps it alive anyway (findings,
    /// suppressions, or standard input, which cannot be read twice).
    file: Option<Arc<SourceFile>>,
}

enum FileResult {
    Checked(Box<Pending>),
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

/// Checks one in-memory text with a configuration (used for tests), the NUM
/// rules within the text included.
pub fn check_text(
    name: &str,
    bytes: &[u8],
    format: Format,
    sidecar: Option<Sidecar<'_>>,
    cfg: &Config,
) -> Vec<Diagnostic> {
    let doc = document::parse(name, bytes, format, sidecar, parse_options(cfg));
    let mentions = quantity::extract_document(&doc, &cfg.numbers);
    let mut diags = rules::check_document(&doc, &cfg.sources, &cfg.claims, &mentions);
    let files = [FileMentions {
        name: name.to_string(),
        mentions: compared_mentions(mentions, cfg, true),
    }];
    let mut resolve = |r: MentionRef| {
        let m = &files[0].mentions[r.index as usize];
        (Arc::clone(&doc.file), m.span())
    };
    for c in &quantity::find_conflicts(&files) {
        diags.push(rules::numbers::diagnostic(c, &files, None, &mut resolve).1);
    }
    // Inline suppressions, before severities (see suppress.rs).
    crate::suppress::apply(&doc, &mut diags);
    configure(&mut diags, cfg);
    diags
}

/// Applies a configuration's severities (`None`: the rule is off). A NUM
/// finding keeps the steps it was lowered by (see `rules::numbers::configured`).
fn configure(diags: &mut Vec<Diagnostic>, cfg: &Config) {
    diags.retain_mut(|d| {
        let s = if d.rule.code.starts_with("NUM") {
            rules::numbers::configured(d.severity, d.rule, cfg.severities.get(d.rule.code).copied())
        } else {
            cfg.severity(d.rule.code, d.severity)
        };
        match s {
            Some(s) => {
                d.severity = s;
                true
            }
            None => false,
        }
    });
}

pub fn sidecar_path(path: &Path) -> Option<std::path::PathBuf> {
    let stem = path.file_stem()?.to_str()?;
    Some(path.with_file_name(format!("{stem}.sources.toml")))
}

/// The sidecar's display name and bytes, if there is one. Anything by that
/// name that is not a readable regular file (a directory, a FIFO, a broken
/// or looping link) is an error rather than silently no sidecar.
fn read_sidecar(path: &Path, display: &str) -> Result<Option<(String, Vec<u8>)>, FileResult> {
    let Some(sp) = sidecar_path(path) else {
        return Ok(None);
    };
    if std::fs::symlink_metadata(&sp).is_err() {
        return Ok(None);
    }
    let name = sidecar_display(display, &sp);
    let message = match std::fs::metadata(&sp) {
        Ok(m) if m.is_file() => match std::fs::read(&sp) {
            Ok(bytes) => return Ok(Some((name, bytes))),
            Err(e) => describe_io(&e),
        },
        Ok(m) => format!("{}, not a sidecar file; its sources were not read", file_kind(&m)),
        Err(e) => format!(
            "a link that cannot be followed ({}); its sources were not read",
            describe_io(&e)
        ),
    };
    Err(FileResult::Failed(IoProblem { path: name, message }))
}

fn file_kind(m: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if m.file_type().is_fifo() {
            return "a FIFO";
        }
    }
    if m.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

fn sidecar_display(display: &str, path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    match Path::new(display).parent() {
        Some(parent) if !parent.as_os_str().is_empty() => format!("{}/{name}", parent.display()),
        _ => name.to_string(),
    }
}

/// Holds NUL bytes near its start, and is not UTF-16 with a byte-order mark
/// (which is decoded and linted).
fn is_binary(bytes: &[u8]) -> bool {
    crate::document::is_utf16(bytes).is_none() && memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some()
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
            let sidecar = read_sidecar(path, display)?;
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

/// Runs the per-document rules on one target and extracts its quantities.
fn check_target(
    target: &Target,
    resolver: &Resolver,
    stdin: Option<&[u8]>,
    all_mentions: bool,
) -> Result<FileResult, Box<ConfigError>> {
    let cfg = config_for(target, resolver)?;
    let input = match read_target(target, stdin) {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    let display = target.display();
    let mut group = vec![display.to_string()];
    if let Some((name, _)) = &input.sidecar {
        group.push(name.clone());
    }
    let doc = parse_input(display, &input, &cfg);
    let suppressions = Some(Suppressions::parse(&doc)).filter(|s| !s.is_empty());
    // Checks whose rules are all off are not run, unless the file has inline
    // suppressions (one that matches no finding is reported).
    let every = suppressions.is_some();
    let on = |r: &rules::Rule| every || cfg.severity(r.code, r.default_severity).is_some();
    let mentions = quantity::extract_document(&doc, &cfg.numbers);
    let mut diags = rules::check_document_where(&doc, &cfg.sources, &cfg.claims, &mentions, &on);
    crate::fix::attach::attach(&doc, &mut diags, &cfg.sources);
    let mentions = compared_mentions(mentions, &cfg, all_mentions);
    // Findings keep their file's text alive until the report: only the
    // lines they show, unless suppressions (which hold the whole file and
    // its offsets) or standard input (read once) need all of it. A NUM
    // finding added later reads a compacted file again.
    let keep_whole = suppressions.is_some() || matches!(target, Target::Stdin { .. });
    let mut file = None;
    if !diags.is_empty() || keep_whole {
        let spans: Vec<Range<usize>> = diags.iter().flat_map(Diagnostic::spans).collect();
        match (!keep_whole).then(|| doc.file.compact(&spans)).flatten() {
            Some((small, map)) => {
                for d in diags.iter_mut().filter(|d| Arc::ptr_eq(&d.file, &doc.file)) {
                    d.move_to(&small, &map);
                }
            }
            None => file = Some(Arc::clone(&doc.file)),
        }
    }
    // Kept until every file is done: no spare capacity.
    diags.shrink_to_fit();
    Ok(FileResult::Checked(Box::new(Pending {
        diags,
        suppressions,
        cfg,
        group,
        mentions,
        file,
    })))
}

/// The mentions kept across files: a run over many files holds every file's
/// mentions until the cross-file pass, so only those that take part in it
/// are kept, as compact records (`KeptMention`), unless all are asked for.
/// None when `[numbers] enabled = false`.
fn compared_mentions(mentions: Vec<Mention>, cfg: &Config, all: bool) -> Vec<KeptMention> {
    if !cfg.numbers.settings.enabled {
        return Vec::new();
    }
    let mut kept: Vec<KeptMention> = mentions
        .iter()
        .filter(|m| all || m.is_tracked())
        .map(KeptMention::from)
        .collect();
    quantity::trim_own_context(&mut kept);
    kept.shrink_to_fit();
    kept
}

/// A corpus file that is not a target: only its quantity mentions.
fn read_context(
    target: &Target,
    resolver: &Resolver,
) -> Result<Result<Vec<KeptMention>, FileResult>, Box<ConfigError>> {
    let cfg = config_for(target, resolver)?;
    let input = match read_target(target, None) {
        Ok(i) => i,
        Err(r) => return Ok(Err(r)),
    };
    let doc = parse_input(target.display(), &input, &cfg);
    Ok(Ok(compared_mentions(
        quantity::extract_document(&doc, &cfg.numbers),
        &cfg,
        false,
    )))
}

/// A file's findings, its cross-file ones included, through suppressions,
/// severities and the baseline.
fn finish(
    mut diags: Vec<Diagnostic>,
    suppressions: Option<Suppressions>,
    cfg: &Config,
    group: &[String],
    opts: &RunOptions<'_>,
    baselines: &Baselines,
) -> Result<Checked, Box<ConfigError>> {
    if let Some(mut s) = suppressions {
        s.apply(&mut diags);
        diags.extend(s.finish());
    }
    configure(&mut diags, cfg);
    let base = match &opts.baseline {
        BaselineChoice::Off => None,
        BaselineChoice::File(p) => Some(baselines.get(p)?),
        BaselineChoice::FromConfig => match &cfg.baseline {
            Some(p) => Some(baselines.get(p)?),
            None => None,
        },
    };
    let group: Vec<&str> = group.iter().map(String::as_str).collect();
    let matched = match base {
        Some(b) => b.filter(&mut diags, &group),
        None => baseline::Matched::default(),
    };
    if let Some(changes) = opts.changed {
        diags.retain(|d| on_changed_lines(d, changes));
    }
    let threshold = opts.fail_on.or(cfg.fail_on).unwrap_or(Severity::Error);
    let failing = diags.iter().filter(|d| d.severity >= threshold).count();
    Ok(Checked {
        diags,
        failing,
        baselined: matched.baselined,
        fixed: matched.fixed,
    })
}

/// Whether a finding's primary span lies on a line the change touched.
fn on_changed_lines(d: &Diagnostic, changes: &Changes) -> bool {
    let (first, _) = d.file.position(d.span.start);
    let (last, _) = d.file.position(d.span.end.saturating_sub(1).max(d.span.start));
    let line = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    changes.touches(Path::new(&d.file.name), line(first)..=line(last))
}

/// The file and span to show for a mention of a file whose text was dropped:
/// the file read again, or (if it changed or vanished since) a stand-in that
/// holds only the mention at its line and column.
fn reload(target: &Target, m: &KeptMention) -> (Arc<SourceFile>, Range<usize>) {
    if let Target::File { path, display } = target {
        if let Ok(bytes) = std::fs::read(path) {
            let d = document::decode(&bytes);
            let same = d
                .text
                .get(m.span())
                .is_some_and(|s| s.split_whitespace().eq(m.surface.split_whitespace()));
            if same {
                return (SourceFile::decoded(display.as_str(), d.text, d.offsets), m.span());
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
                let mentions = quantity::extract_document(&doc, &cfg.numbers);
                let assessments = claims::assess_all(&cfg.claims, &doc, &mentions);
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
    // One file is checked on this thread: starting workers would cost more
    // than it saves.
    let pool = if targets.len() + opts.corpus.len() > 1 {
        Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(opts.threads)
                .build()
                .map_err(|e| ConfigError::plain(format!("cannot start worker threads: {e}")))?,
        )
    } else {
        None
    };
    let pool = pool.as_ref();
    let results: Vec<Result<FileResult, Box<ConfigError>>> = map_files(pool, targets.iter().collect(), |t| {
        let r = check_target(t, resolver, stdin.as_deref(), opts.all_mentions);
        if let Some(done) = opts.on_file_done {
            done();
        }
        r
    });

    // The corpus files that are not targets, read in parallel too.
    let named: std::collections::HashSet<PathBuf> = targets
        .iter()
        .filter_map(|t| t.path().map(crate::fsutil::absolute))
        .collect();
    let context: Vec<&Target> = opts
        .corpus
        .iter()
        .filter(|t| t.path().is_some_and(|p| !named.contains(&crate::fsutil::absolute(p))))
        .collect();
    let context_results: Vec<_> = map_files(pool, context.clone(), |t| read_context(t, resolver));

    let mut out = Outcome::default();
    let mut pending: Vec<(&Target, Pending)> = Vec::new();
    for (t, r) in targets.iter().zip(results) {
        match r? {
            FileResult::Checked(mut p) => {
                out.quantities.push(FileMentions {
                    name: t.display().to_string(),
                    mentions: std::mem::take(&mut p.mentions),
                });
                pending.push((t, *p));
            }
            FileResult::Skipped(p) => out.skipped.push(p),
            FileResult::Failed(p) => out.io_problems.push(p),
        }
    }
    // Files in `quantities` (targets first, then corpus files).
    let mut sources: Vec<&Target> = pending.iter().map(|(t, _)| *t).collect();
    for (t, r) in context.iter().zip(context_results) {
        match r? {
            Ok(mentions) => {
                out.quantities.push(FileMentions {
                    name: t.display().to_string(),
                    mentions,
                });
                sources.push(t);
                out.corpus_files += 1;
            }
            Err(FileResult::Skipped(p)) => out.skipped.push(p),
            Err(FileResult::Failed(p)) => out.io_problems.push(p),
            Err(FileResult::Checked(_)) => {}
        }
    }
    let focus: Option<Vec<bool>> = (out.corpus_files > 0).then(|| {
        let mut f = vec![true; pending.len()];
        f.resize(out.quantities.len(), false);
        f
    });
    let focus = focus.as_deref();

    // The cross-file stage: NUM findings go to the file they are reported in.
    quantity::trim_contexts(&mut out.quantities);
    out.conflicts = quantity::find_conflicts_for(&out.quantities, focus);
    let mut loaded: HashMap<u32, Arc<SourceFile>> = HashMap::new();
    let files = &out.quantities;
    let mut resolve = |r: MentionRef| {
        let m = &files[r.file as usize].mentions[r.index as usize];
        let kept = pending.get(r.file as usize).and_then(|(_, p)| p.file.as_ref());
        if let Some(f) = kept.or_else(|| loaded.get(&r.file)) {
            return (Arc::clone(f), m.span());
        }
        let (f, span) = reload(sources[r.file as usize], m);
        if span == m.span() {
            loaded.insert(r.file, Arc::clone(&f));
        }
        (f, span)
    };
    let mut found: Vec<(u32, Diagnostic)> = out
        .conflicts
        .iter()
        .map(|c| rules::numbers::diagnostic(c, files, focus, &mut resolve))
        .collect();
    found.sort_by_key(|(f, _)| *f);
    let mut found = found.into_iter().peekable();
    for (i, (_, p)) in pending.iter_mut().enumerate() {
        while let Some((_, d)) = found.next_if(|(f, _)| *f as usize == i) {
            p.diags.push(d);
        }
    }

    let finished: Vec<Result<Checked, Box<ConfigError>>> = map_files(pool, pending, |(_, p)| {
        finish(p.diags, p.suppressions, &p.cfg, &p.group, opts, &baselines)
    });
    let names: Vec<String> = out.quantities[..finished.len()]
        .iter()
        .map(|f| f.name.clone())
        .collect();
    // Every file's findings move into one list of exactly their number
    // (growing it by doubling would copy them all and hold twice the room).
    let total = finished.iter().map(|c| c.as_ref().map_or(0, |c| c.diags.len())).sum();
    out.diagnostics.reserve_exact(total);
    for (name, c) in names.into_iter().zip(finished) {
        let c = c?;
        out.files_checked += 1;
        out.failing += c.failing;
        out.diagnostics.extend(c.diags);
        out.baselined += c.baselined;
        out.fixed.extend(c.fixed);
        out.checked.push(name);
    }
    sort_findings(&mut out.diagnostics);
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

/// `f` over `items` in order, on the pool's threads when there is one.
fn map_files<T: Send, R: Send>(
    pool: Option<&rayon::ThreadPool>,
    items: Vec<T>,
    f: impl Fn(T) -> R + Sync + Send,
) -> Vec<R> {
    match pool {
        Some(p) => p.install(|| items.into_par_iter().map(f).collect()),
        None => items.into_iter().map(f).collect(),
    }
}

/// Sorts findings by `Diagnostic::sort_key`, stably, as `sort_by` would:
/// the order is found on indices and applied by swaps, so a run with many
/// findings needs no scratch copy of half of them.
fn sort_findings(diags: &mut [Diagnostic]) {
    let mut order: Vec<usize> = (0..diags.len()).collect();
    order.sort_by(|&a, &b| diags[a].sort_key().cmp(&diags[b].sort_key()));
    // `order[i]` is the finding that belongs at `i`: follow each cycle.
    for start in 0..order.len() {
        let mut i = start;
        while order[i] != start {
            let from = order[i];
            diags.swap(i, from);
            order[i] = i;
            i = from;
        }
        order[i] = i;
    }
}
