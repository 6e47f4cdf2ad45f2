//! `citelint fix` over files: read each draft and its sidecar, fix them in
//! memory, then either print a unified diff (`--diff`) or write the changed
//! files atomically (`atomic::write`: a temporary file in the same
//! directory renamed over the original, permissions kept).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::run::{fix_texts, Outcome, Texts};
use super::Options;
use crate::config::{ConfigError, Resolver};
use crate::discover::{describe_io, Target};
use crate::document::{self, Format, ParseOptions};

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Drafts changed (or that would be, with `--diff`).
    pub changed: usize,
    /// Files that could not be read or written.
    pub errors: usize,
    /// Drafts left alone (invalid front matter, not UTF-8, a fix that would
    /// change what a marker cites).
    pub skipped: usize,
}

enum Done {
    Unchanged,
    Changed,
    Skipped(String),
    Failed(String),
}

pub struct RunOptions {
    pub diff: bool,
    pub unsafe_fixes: bool,
}

fn sidecar_path(path: &Path) -> Option<PathBuf> {
    let stem = path.file_stem()?.to_str()?;
    Some(path.with_file_name(format!("{stem}.sources.toml")))
}

/// Decoded text and its BOM; `Err` for bytes that are not UTF-8 (a fix
/// would have to guess what they were).
fn decode(bytes: &[u8]) -> Result<(String, &'static str), String> {
    let d = document::decode(bytes);
    if d.lossy {
        return Err("not valid UTF-8; left unchanged".into());
    }
    Ok((d.text, if d.offsets.bom > 0 { "\u{feff}" } else { "" }))
}

struct Input {
    texts: Texts,
    bom: &'static str,
    sidecar: Option<(PathBuf, &'static str)>,
}

fn read(target: &Target, stdin: &mut dyn FnMut() -> std::io::Result<Vec<u8>>) -> Result<Input, String> {
    let bytes = match target.path() {
        Some(p) => std::fs::read(p).map_err(|e| describe_io(&e))?,
        None => stdin().map_err(|e| describe_io(&e))?,
    };
    let (draft, bom) = decode(&bytes)?;
    let mut input = Input {
        texts: Texts { draft, sidecar: None },
        bom,
        sidecar: None,
    };
    if let Some(sc) = target.path().and_then(sidecar_path).filter(|p| p.is_file()) {
        let bytes = std::fs::read(&sc).map_err(|e| format!("{}: {}", sc.display(), describe_io(&e)))?;
        let (text, bom) = decode(&bytes).map_err(|e| format!("{}: {e}", sc.display()))?;
        let name = sc.to_string_lossy().into_owned();
        input.texts.sidecar = Some((name, text));
        input.sidecar = Some((sc, bom));
    }
    Ok(input)
}

fn diff(out: &mut dyn Write, name: &str, old: &str, new: &str) -> std::io::Result<()> {
    if old == new {
        return Ok(());
    }
    let d = similar::TextDiff::from_lines(old, new);
    write!(
        out,
        "{}",
        d.unified_diff().context_radius(3).header(
            &format!("a/{}", name.trim_start_matches('/')),
            &format!("b/{}", name.trim_start_matches('/'))
        )
    )
}

/// Fixes one target.
fn fix_one(
    target: &Target,
    resolver: &Resolver,
    opts: &RunOptions,
    out: &mut dyn Write,
    stdin: &mut dyn FnMut() -> std::io::Result<Vec<u8>>,
) -> Result<Done, Box<ConfigError>> {
    let cfg = resolver.for_path(Some(target.path().unwrap_or(Path::new(target.display()))))?;
    let input = match read(target, stdin) {
        Ok(i) => i,
        Err(e) if e.contains("UTF-8") => return Ok(Done::Skipped(e)),
        Err(e) => return Ok(Done::Failed(e)),
    };
    let popts = ParseOptions {
        markers: &cfg.markers,
        sources: &cfg.sources,
        segmenter: &cfg.segmenter,
    };
    let off: Vec<&str> = ["CIT006", "CIT008"]
        .into_iter()
        .filter(|c| cfg.severity(c, crate::diagnostic::Severity::Warning).is_none())
        .collect();
    let fopts = Options {
        unsafe_fixes: opts.unsafe_fixes,
        sources: &cfg.sources,
        off: &off,
    };
    let name = target.display();
    let format = Format::from_path(Path::new(name));
    let fixed = match fix_texts(name, format, &input.texts, popts, fopts) {
        Outcome::Unchanged => return Ok(Done::Unchanged),
        Outcome::Skipped(why) => return Ok(Done::Skipped(why)),
        Outcome::Changed(t) => t,
    };
    Ok(match write_out(target, &input, &fixed, opts.diff, out) {
        Ok(()) => Done::Changed,
        Err(e) => Done::Failed(format!("cannot write: {}", describe_io(&e))),
    })
}

fn write_out(target: &Target, input: &Input, fixed: &Texts, as_diff: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let sidecars = input.texts.sidecar.iter().zip(&fixed.sidecar).zip(&input.sidecar);
    if as_diff {
        diff(out, target.display(), &input.texts.draft, &fixed.draft)?;
        for (((name, old), (_, new)), _) in sidecars {
            diff(out, name, old, new)?;
        }
        return Ok(());
    }
    let Some(path) = target.path() else {
        // Standard input: the fixed draft goes to standard output.
        return write!(out, "{}{}", input.bom, fixed.draft);
    };
    let draft = format!("{}{}", input.bom, fixed.draft);
    let mut sidecar = None;
    for (((_, old), (_, new)), (sc, bom)) in sidecars {
        if old != new {
            sidecar = Some((sc, format!("{bom}{new}")));
        }
    }
    match sidecar {
        // The one write helper: atomic, through symlinks, never over a
        // read-only draft.
        None => crate::atomic::write(
            path,
            draft.as_bytes(),
            crate::atomic::Policy {
                inputs: &[],
                replace: true,
            },
        )
        .map(|_| ())
        // The caller names the draft.
        .map_err(|e| std::io::Error::other(e.to_string())),
        // A draft and its sidecar renumbered together.
        Some((sc, text)) => {
            crate::atomic::write_pair((path, draft.as_bytes()), (sc, text.as_bytes())).map_err(|(p, e)| {
                let why = if p == path {
                    e.to_string()
                } else {
                    format!("{}: {e}", p.display())
                };
                std::io::Error::other(why)
            })
        }
    }
}

/// One target's outcome and what it printed.
type Fixed = Result<(Done, Vec<u8>), Box<ConfigError>>;

/// Fixes every target (files in parallel, reported in order), reporting
/// each changed or skipped file on stderr.
pub fn run(
    targets: &[Target],
    resolver: &Resolver,
    opts: &RunOptions,
    out: &mut dyn Write,
    stdin: &mut dyn FnMut() -> std::io::Result<Vec<u8>>,
) -> Result<Summary, Box<ConfigError>> {
    use rayon::prelude::*;
    let done: Vec<Fixed> = targets
        .par_iter()
        .map(|t| {
            let mut buf = Vec::new();
            if t.path().is_none() {
                return Ok((Done::Unchanged, buf)); // standard input: below
            }
            let mut no_stdin = || Err(std::io::Error::other("no standard input here"));
            fix_one(t, resolver, opts, &mut buf, &mut no_stdin).map(|d| (d, buf))
        })
        .collect();
    let mut summary = Summary::default();
    for (t, result) in targets.iter().zip(done) {
        let (d, buf) = match t.path() {
            Some(_) => result?,
            None => {
                let mut buf = Vec::new();
                (fix_one(t, resolver, opts, &mut buf, stdin)?, buf)
            }
        };
        if let Err(e) = out.write_all(&buf) {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("error: cannot write output: {e}");
                summary.errors += 1;
            }
        }
        match d {
            Done::Unchanged => {}
            Done::Changed => {
                summary.changed += 1;
                if !opts.diff && t.path().is_some() {
                    eprintln!("fixed: {}", t.display());
                }
            }
            Done::Skipped(why) => {
                summary.skipped += 1;
                eprintln!("note: {}: {why}", t.display());
            }
            Done::Failed(why) => {
                summary.errors += 1;
                eprintln!("error: {}: {why}", t.display());
            }
        }
    }
    Ok(summary)
}
