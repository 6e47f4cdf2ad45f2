//! `citelint init`: write a commented citelint.toml whose `include` and
//! `corpus` name the drafts directory, so that a pre-commit run on a staged
//! draft compares its figures with the whole archive from the start.
//!
//! The directory is `--drafts DIR`, else the answer to a question when a
//! person is at the terminal, else inferred: the top-level directory (beside
//! the config file) that holds most of the drafts found below it.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::atomic;
use crate::config::{Config, Globs};

/// Files looked at when inferring the drafts directory (a run in a home
/// directory must not walk the whole disk).
const WALK_LIMIT: usize = 100_000;

/// Share of the drafts below the top level that the chosen directory must hold.
const MAJORITY: f64 = 0.6;

/// Draft counts per top-level directory of `root`.
#[derive(Debug, Default)]
pub struct Survey {
    /// Top-level directory name → drafts below it.
    pub dirs: BTreeMap<String, usize>,
    /// Drafts directly in `root` (README.md and the like count here).
    pub top: usize,
}

impl Survey {
    /// Counts the files with a draft extension under `root` (ignore files
    /// honoured, hidden files and sidecars skipped).
    pub fn of(root: &Path, extensions: &[String]) -> Survey {
        let mut s = Survey::default();
        let walk = ignore::WalkBuilder::new(root)
            .require_git(false)
            .follow_links(false)
            .build();
        for entry in walk.flatten().take(WALK_LIMIT) {
            let p = entry.path();
            let is_draft = entry.file_type().is_some_and(|t| t.is_file())
                && !p.to_string_lossy().ends_with(".sources.toml")
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)));
            if !is_draft {
                continue;
            }
            let rel = p.strip_prefix(root).unwrap_or(p);
            let mut parts = rel.components();
            match (parts.next(), parts.next()) {
                (Some(first), Some(_)) => {
                    *s.dirs
                        .entry(first.as_os_str().to_string_lossy().into_owned())
                        .or_default() += 1;
                }
                _ => s.top += 1,
            }
        }
        s
    }

    /// The directory holding most drafts, if it holds at least two and a
    /// clear majority of those below the top level.
    pub fn guess(&self) -> Option<&str> {
        let below: usize = self.dirs.values().sum();
        let (dir, n) = self.dirs.iter().max_by_key(|(d, n)| (**n, std::cmp::Reverse(*d)))?;
        (*n >= 2 && *n as f64 >= MAJORITY * below as f64).then_some(dir.as_str())
    }
}

/// The globs for a drafts directory (relative to the config's directory):
/// `include` (what walks lint) and `corpus` (what the numbers check reads).
pub fn globs_for(dir: &str, extensions: &[String]) -> (Vec<String>, Vec<String>) {
    let dir = dir.trim_end_matches('/');
    let prefix = if dir.is_empty() || dir == "." {
        String::new()
    } else {
        format!("{dir}/")
    };
    let exts = match extensions {
        [one] => one.clone(),
        many => format!("{{{}}}", many.join(",")),
    };
    let include = if prefix.is_empty() {
        Vec::new()
    } else {
        vec![format!("{prefix}**")]
    };
    (include, vec![format!("{prefix}**/*.{exts}")])
}

/// How `init` learns the drafts directory.
pub enum Drafts {
    /// `--drafts DIR` (relative to the working directory).
    Given(PathBuf),
    /// Ask when a person is at the terminal, else infer.
    Ask,
}

/// Writes the config file; the message for stdout, or the error for stderr.
pub fn run(path: &Path, drafts: Drafts) -> Result<String, String> {
    let root = crate::fsutil::absolute(path)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let mut cfg = Config::defaults(root.clone());
    let dir = match drafts {
        Drafts::Given(d) => Some(crate::fsutil::relative_to(&crate::fsutil::absolute(&d), &root)),
        Drafts::Ask => {
            let survey = Survey::of(&root, &cfg.extensions);
            let guess = survey.guess().map(str::to_string);
            if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
                ask(guess.as_deref())
            } else {
                guess
            }
        }
    };
    let dir = dir.map(|d| if d.is_empty() { ".".to_string() } else { d });
    if let Some(d) = &dir {
        let (include, corpus) = globs_for(d, &cfg.extensions);
        let globs =
            |g: &[String]| Globs::new(g, root.clone()).map_err(|(_, e)| format!("invalid drafts directory {d:?}: {e}"));
        if !include.is_empty() {
            cfg.include = Some(globs(&include)?);
        }
        cfg.corpus = Some(globs(&corpus)?);
    }
    let text = crate::config_toml::template_for(&cfg);
    let policy = atomic::Policy {
        inputs: &[],
        replace: false,
    };
    match atomic::write(path, text.as_bytes(), policy) {
        Ok(_) => Ok(match &dir {
            Some(d) => format!(
                "wrote {} (drafts directory {d}: a check of some drafts compares their figures with every draft there)",
                path.display()
            ),
            None => format!(
                "wrote {} (no drafts directory found: set `include` and `corpus` in it, or run `citelint init --drafts DIR`)",
                path.display()
            ),
        }),
        Err(atomic::WriteError::Exists) => Err(format!("{} already exists; not overwriting it", path.display())),
        Err(e) => Err(format!("cannot write {}: {e}", path.display())),
    }
}

/// Asks for the drafts directory on the terminal; an empty answer takes the
/// guess, `-` (or no guess and no answer) sets none.
fn ask(guess: Option<&str>) -> Option<String> {
    let mut err = std::io::stderr().lock();
    let _ = match guess {
        Some(g) => write!(
            err,
            "Where are the drafts (the archive the numbers check compares with)? [{g}]: "
        ),
        None => write!(
            err,
            "Where are the drafts (the archive the numbers check compares with)? (empty: none) "
        ),
    };
    let _ = err.flush();
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return guess.map(str::to_string);
    }
    match line.trim() {
        "" => guess.map(str::to_string),
        "-" => None,
        answer => Some(answer.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survey(dirs: &[(&str, usize)], top: usize) -> Survey {
        Survey {
            dirs: dirs.iter().map(|(d, n)| (d.to_string(), *n)).collect(),
            top,
        }
    }

    #[test]
    fn the_guess_needs_a_clear_majority() {
        assert_eq!(survey(&[("drafts", 40), ("docs", 3)], 2).guess(), Some("drafts"));
        assert_eq!(survey(&[("drafts", 5), ("archive", 5)], 0).guess(), None);
        assert_eq!(survey(&[("drafts", 1)], 9).guess(), None);
        assert_eq!(survey(&[], 4).guess(), None);
    }

    #[test]
    fn globs_cover_the_directory_and_its_extensions() {
        let exts = ["md".to_string(), "txt".to_string()];
        assert_eq!(
            globs_for("drafts/", &exts),
            (vec!["drafts/**".to_string()], vec!["drafts/**/*.{md,txt}".to_string()])
        );
        assert_eq!(globs_for(".", &exts[..1]), (vec![], vec!["**/*.md".to_string()]));
    }
}
