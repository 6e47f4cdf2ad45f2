//! Baselines: adopt citelint on an archive that already has findings.
//!
//! `citelint baseline` records every current finding in a JSON file;
//! `citelint check --baseline FILE` (or the config key `baseline`) then
//! reports only findings that are not in it. Entries are keyed by a
//! location-free fingerprint (`fingerprint.rs`): rule code, file path,
//! flagged text and its sentence, plus an occurrence index for identical
//! findings in one file. Editing other lines keeps a finding baselined;
//! editing the flagged text or its sentence makes it new.
//!
//! Paths are stored relative to the baseline file's directory with `/`
//! separators, so the file works from any working directory and on any OS.
//! Entries for files checked in this run that match no finding are "fixed"
//! (the file can shrink); entries for files not checked in this run (a
//! pre-commit run passes only a few files) are left alone.
//!
//! The file is written atomically; its keys are sorted and its entries are
//! ordered by content, not position, so the same findings always give the
//! same bytes.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

pub use crate::fsutil::{absolute, relative_to};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::fingerprint;

pub const DEFAULT_FILE: &str = "citelint-baseline.json";
pub const VERSION: u32 = 1;

/// One baselined finding. Fields are declared in key order (the file's keys
/// are sorted).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub code: String,
    pub file: String,
    pub fingerprint: String,
    /// For the reader of the file; not used for matching.
    pub message: String,
    pub occurrence: usize,
}

impl Entry {
    fn key(&self) -> (&str, &str, &str, usize) {
        (&self.file, &self.code, &self.fingerprint, self.occurrence)
    }
}

/// Entries sort by file, code, fingerprint, occurrence: by content, so the
/// file's order does not move when lines do.
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key()
            .cmp(&other.key())
            .then_with(|| self.message.cmp(&other.message))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    findings: Vec<Entry>,
    tool: String,
    version: u32,
}

/// A loaded baseline.
#[derive(Debug)]
pub struct Baseline {
    pub path: PathBuf,
    dir: PathBuf,
    by_file: HashMap<String, Vec<Entry>>,
}

/// What matching one file's findings against a baseline found.
#[derive(Debug, Default)]
pub struct Matched {
    /// Findings that were in the baseline (removed from the report).
    pub baselined: usize,
    /// Baseline entries of this file that no finding matched.
    pub fixed: Vec<Entry>,
}

impl Baseline {
    /// An empty baseline that would be written to `path`.
    pub fn empty(path: &Path) -> Self {
        let abs = absolute(path);
        Baseline {
            dir: abs.parent().map(Path::to_path_buf).unwrap_or_default(),
            path: path.to_path_buf(),
            by_file: HashMap::new(),
        }
    }

    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::NotFound {
                "; run `citelint baseline` to create it"
            } else {
                ""
            };
            format!(
                "cannot read baseline {}: {}{hint}",
                path.display(),
                crate::discover::describe_io(&e)
            )
        })?;
        let file: BaselineFile =
            serde_json::from_str(&text).map_err(|e| format!("invalid baseline {}: {e}", path.display()))?;
        if file.version != VERSION {
            return Err(format!(
                "baseline {} has version {}, this citelint reads version {VERSION}; run `citelint baseline` to rewrite it",
                path.display(),
                file.version
            ));
        }
        let mut b = Baseline::empty(path);
        for e in file.findings {
            b.by_file.entry(e.file.clone()).or_default().push(e);
        }
        Ok(b)
    }

    pub fn len(&self) -> usize {
        self.by_file.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The path a finding's file is recorded under.
    pub fn record_path(&self, file_name: &str) -> String {
        relative_to(&absolute(Path::new(file_name)), &self.dir)
    }

    /// The entries describing `diags` (which should be in position order).
    pub fn entries(&self, diags: &[Diagnostic]) -> Vec<Entry> {
        let paths: Vec<String> = diags.iter().map(|d| self.record_path(&d.file.name)).collect();
        let fps = fingerprint::fingerprints(diags, &paths);
        diags
            .iter()
            .zip(paths)
            .zip(fps)
            .map(|((d, file), fp)| Entry {
                code: d.rule.code.to_string(),
                file,
                fingerprint: fp.hex(),
                message: d.message.clone(),
                occurrence: fp.occurrence,
            })
            .collect()
    }

    /// Removes the findings of one checked file group (a draft and its
    /// sidecar) that the baseline holds. `files` names every file of the
    /// group, so that their unmatched entries are reported as fixed.
    pub fn filter(&self, diags: &mut Vec<Diagnostic>, files: &[&str]) -> Matched {
        let mut matched = Matched::default();
        let records: BTreeSet<String> = files.iter().map(|f| self.record_path(f)).collect();
        if records.iter().all(|r| !self.by_file.contains_key(r)) {
            return matched;
        }
        // Occurrence indices count in position order.
        diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let entries = self.entries(diags);
        let mut open: HashMap<(&str, &str, &str, usize), &Entry> = records
            .iter()
            .filter_map(|r| self.by_file.get(r))
            .flatten()
            .map(|e| (e.key(), e))
            .collect();
        let mut keep = Vec::with_capacity(diags.len());
        for (d, e) in diags.drain(..).zip(&entries) {
            if open.remove(&e.key()).is_some() {
                matched.baselined += 1;
            } else {
                keep.push(d);
            }
        }
        *diags = keep;
        matched.fixed = open.into_values().cloned().collect();
        matched.fixed.sort();
        matched
    }
}

/// The baseline file's text for these entries: sorted, stable, one trailing
/// newline.
pub fn render(mut entries: Vec<Entry>) -> String {
    entries.sort();
    entries.dedup();
    let file = BaselineFile {
        findings: entries,
        tool: "citelint".into(),
        version: VERSION,
    };
    let mut s = serde_json::to_string_pretty(&file).expect("baseline serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_sorts_keys_and_entries() {
        let e = |file: &str, code: &str| Entry {
            code: code.into(),
            file: file.into(),
            fingerprint: "00".into(),
            message: "m".into(),
            occurrence: 0,
        };
        let a = render(vec![e("b.md", "CIT001"), e("a.md", "CIT002")]);
        let b = render(vec![e("a.md", "CIT002"), e("b.md", "CIT001")]);
        assert_eq!(a, b);
        let v: serde_json::Value = serde_json::from_str(&a).unwrap();
        assert_eq!(v["findings"][0]["file"], "a.md");
        let keys: Vec<usize> = [
            "\"code\"",
            "\"file\"",
            "\"fingerprint\"",
            "\"message\"",
            "\"occurrence\"",
        ]
        .iter()
        .map(|k| a.find(k).unwrap())
        .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "keys sorted: {a}");
        assert!(a.find("\"findings\"") < a.find("\"tool\"") && a.find("\"tool\"") < a.find("\"version\""));
    }
}
