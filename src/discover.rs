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

use crate::config::{ConfigError, Resolver};

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
        let walk = ignore::WalkBuilder::new(p)
            .require_git(false)
            .follow_links(false)
            .build();
        for entry in walk {
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
                Err(err) => problems.push(IoProblem {
                    path: display_of(p),
                    message: err.to_string(),
                }),
            }
        }
    }
    Ok(Discovered {
        targets: targets.into_values().collect(),
        problems,
        force_excluded,
    })
}

pub fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
