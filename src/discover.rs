//! Turning command-line paths into the list of files to lint.
//!
//! Directories are walked with `ignore` (respects .gitignore, .ignore, skips
//! hidden files), then filtered by each file's configuration (extensions,
//! include/exclude). Files named explicitly are always linted, whatever their
//! extension, unless `--force-exclude` applies the walk's selection
//! (extensions, include/exclude; never sidecars) to them too, as ruff does
//! for pre-commit. Knows nothing about citations.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::{ConfigError, Globs, Resolver};
pub use crate::fsutil::describe_io;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// A file on disk; `display` is the path as the user wrote it (joined
    /// with what the walk found beneath it).
    File { display: String, path: PathBuf },
    /// Standard input, with the name to report it under.
    Stdin { display: String },
}

impl Target {
    pub fn display(&self) -> &str {
        match self {
            Target::File { display, .. } | Target::Stdin { display } => display,
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Target::File { path, .. } => Some(path),
            Target::Stdin { .. } => None,
        }
    }
}

/// A path that could not be read or walked.
#[derive(Debug, Clone)]
pub struct IoProblem {
    pub path: String,
    pub message: String,
}

pub struct Discovered {
    pub targets: Vec<Target>,
    pub problems: Vec<IoProblem>,
    /// Files named on the command line that `--force-exclude` left out.
    pub force_excluded: usize,
}

fn display_of(p: &Path) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./")
        .map(str::to_string)
        .unwrap_or_else(|| s.into_owned())
}

/// Sidecar files are sources, not drafts.
pub fn is_sidecar(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".sources.toml"))
}

pub fn discover(
    paths: &[PathBuf],
    stdin_name: Option<&str>,
    resolver: &Resolver,
    force_exclude: bool,
) -> Result<Discovered, Box<ConfigError>> {
    // Keyed by display name: `./a.md` and `a.md` are one file.
    let mut targets = BTreeMap::new();
    let mut problems = Vec::new();
    let mut force_excluded = 0;
    for p in paths {
        if p.as_os_str() == "-" {
            let display = stdin_name.unwrap_or("<stdin>").to_string();
            targets.insert(display.clone(), Target::Stdin { display });
            continue;
        }
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                problems.push(IoProblem {
                    path: display_of(p),
                    message: describe_io(&e),
                });
                continue;
            }
        };
        if meta.is_file() {
            let cfg = resolver.for_path(Some(p))?;
            // --force-exclude: a named file must pass the same selection as a
            // walk (pre-commit passes every staged text file, sidecars too).
            if force_exclude && (is_sidecar(p) || !cfg.selects(p)) {
                force_excluded += 1;
                continue;
            }
            let display = display_of(p);
            targets.insert(
                display.clone(),
                Target::File {
                    display,
                    path: p.clone(),
                },
            );
            continue;
        }
        if !meta.is_dir() {
            problems.push(IoProblem {
                path: display_of(p),
                message: "not a regular file or directory".into(),
            });
            continue;
        }
        for entry in walk(p) {
            match entry {
                Ok(e) => {
                    if !e.file_type().is_some_and(|t| t.is_file()) {
                        continue;
                    }
                    let path = e.path();
                    if is_sidecar(path) {
                        continue;
                    }
                    let cfg = resolver.for_path(Some(path))?;
                    if cfg.selects(path) {
                        let display = display_of(path);
                        targets.entry(display.clone()).or_insert_with(|| Target::File {
                            display,
                            path: path.to_path_buf(),
                        });
                    }
                }
                Err(err) => problems.push(walk_problem(p, &err)),
            }
        }
    }
    Ok(Discovered {
        targets: targets.into_values().collect(),
        problems,
        force_excluded,
    })
}

/// A walk error as one problem: the path it concerns (not the walk's root)
/// and what went wrong, each said once (the walker's own message repeats
/// the path at every layer of context).
fn walk_problem(root: &Path, err: &ignore::Error) -> IoProblem {
    let mut path = None;
    let mut e = err;
    loop {
        match e {
            ignore::Error::WithPath { path: p, err } => {
                path.get_or_insert(p.clone());
                e = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => e = err,
            _ => break,
        }
    }
    let message = match e {
        ignore::Error::Io(io) => describe_io(io),
        other => other.to_string(),
    };
    IoProblem {
        path: display_of(path.as_deref().unwrap_or(root)),
        message,
    }
}

/// A directory walk as citelint does it: `.gitignore` and `.ignore` files
/// honoured even outside a git repository, hidden files skipped, symlinks not
/// followed.
fn walk(root: &Path) -> ignore::Walk {
    ignore::WalkBuilder::new(root)
        .require_git(false)
        .follow_links(false)
        .build()
}

/// The leading components of a glob that hold no glob syntax: the directory
/// to walk for it.
fn literal_base(pattern: &str) -> PathBuf {
    let mut base = PathBuf::new();
    for part in pattern.split('/') {
        if part.is_empty() && !base.as_os_str().is_empty() {
            continue;
        }
        if part.contains(['*', '?', '[', '{', '\\']) {
            break;
        }
        base.push(if part.is_empty() { "/" } else { part });
    }
    base
}

/// The corpus for corpus-aware runs: every file matched by one of `sets`
/// (each relative to its own directory), found by walking from each glob's
/// literal base with the rules of a directory walk (ignore files, no hidden
/// files, no symlinks); sidecars never. Sorted, each file once. A base that
/// does not exist matches nothing; other walk errors are problems.
pub fn corpus(sets: &[&Globs]) -> (Vec<Target>, Vec<IoProblem>) {
    let cwd = crate::fsutil::absolute(Path::new("."));
    let mut found: BTreeMap<PathBuf, Target> = BTreeMap::new();
    let mut problems = Vec::new();
    for set in sets {
        let mut bases: Vec<PathBuf> = set.patterns.iter().map(|p| set.root.join(literal_base(p))).collect();
        bases.sort();
        // A base under another base is walked with it.
        bases.dedup_by(|b, a| b.starts_with(a));
        for base in bases {
            if !base.exists() {
                continue;
            }
            for entry in walk(&base) {
                let e = match entry {
                    Ok(e) => e,
                    Err(err) => {
                        problems.push(walk_problem(&base, &err));
                        continue;
                    }
                };
                let path = e.path();
                if !e.file_type().is_some_and(|t| t.is_file()) || is_sidecar(path) || !set.is_match(path) {
                    continue;
                }
                let abs = crate::fsutil::absolute(path);
                let display = match abs.strip_prefix(&cwd) {
                    Ok(rel) => display_of(rel),
                    Err(_) => display_of(&abs),
                };
                found.entry(abs).or_insert_with(|| Target::File {
                    display,
                    path: path.to_path_buf(),
                });
            }
        }
    }
    (found.into_values().collect(), problems)
}

#[cfg(test)]
mod tests {
    #[test]
    fn walk_errors_name_their_path_once() {
        let io = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let err = ignore::Error::WithPath {
            path: "drafts/locked".into(),
            err: Box::new(ignore::Error::WithDepth {
                depth: 1,
                err: Box::new(ignore::Error::Io(io)),
            }),
        };
        let p = super::walk_problem(std::path::Path::new("drafts"), &err);
        assert_eq!(
            (p.path.as_str(), p.message.as_str()),
            ("drafts/locked", "permission denied")
        );
    }

    use super::*;

    #[test]
    fn literal_base_stops_at_the_first_glob_component() {
        assert_eq!(literal_base("drafts/**/*.md"), PathBuf::from("drafts"));
        assert_eq!(literal_base("drafts/2025/a.md"), PathBuf::from("drafts/2025/a.md"));
        assert_eq!(literal_base("*.md"), PathBuf::new());
        assert_eq!(literal_base("a/b{c,d}/e"), PathBuf::from("a"));
        assert_eq!(literal_base("/abs/x/*.txt"), PathBuf::from("/abs/x"));
    }
}
