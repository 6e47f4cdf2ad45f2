//! `check --changed-since REF`: which lines of which files a change touched,
//! read from git in one `git diff` (plus `git merge-base` and one
//! `git ls-files` for untracked files), never a walk of each file's history.
//!
//! A file is changed when the diff between REF (or where the branch left it)
//! and the working tree touches it, or when it is untracked (not ignored):
//! an untracked draft is new in every line. A hunk that only deletes lines touches the lines on either
//! side of the cut. Paths are matched through the file system
//! (`canonicalize`), so a run from a subdirectory or through a symlink
//! finds the same files as git names from the top of the work tree.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::discover::Target;

/// The lines of one file a change touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lines {
    /// Every line: a new untracked file, or a binary diff git cannot split.
    All,
    /// 1-based inclusive line ranges of the new file, in diff order.
    Some(Vec<RangeInclusive<u32>>),
}

impl Lines {
    fn touches(&self, lines: &RangeInclusive<u32>) -> bool {
        match self {
            Lines::All => true,
            Lines::Some(ranges) => ranges
                .iter()
                .any(|r| r.start() <= lines.end() && lines.start() <= r.end()),
        }
    }
}

/// The changed files of a work tree and their touched lines.
#[derive(Debug, Clone)]
pub struct Changes {
    /// The work tree's top directory (canonical).
    root: PathBuf,
    /// Paths relative to `root`, as git names them.
    files: HashMap<PathBuf, Lines>,
}

/// Why the changes could not be read (exit status 2).
#[derive(Debug)]
pub struct ChangesError(pub String);

impl std::fmt::Display for ChangesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, ChangesError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .output()
        .map_err(|e| ChangesError(format!("cannot run git: {e}")))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        let msg = msg.trim();
        return Err(ChangesError(format!(
            "`git {}` failed: {}",
            args.first().copied().unwrap_or_default(),
            if msg.is_empty() { "no message" } else { msg }
        )));
    }
    Ok(out.stdout)
}

impl Changes {
    /// The changes in the work tree holding `dir` since it left `reference`:
    /// the diff from their merge base (`reference` itself when it is an
    /// ancestor of HEAD, or when there is no merge base) to the work tree.
    pub fn since(reference: &str, dir: &Path) -> Result<Changes, ChangesError> {
        if reference.starts_with('-') || reference.is_empty() {
            return Err(ChangesError(format!("{reference:?} is not a git revision")));
        }
        let top = git(dir, &["rev-parse", "--show-toplevel"])?;
        let top = String::from_utf8_lossy(&top).trim_end_matches(['\n', '\r']).to_string();
        let root = std::fs::canonicalize(&top).unwrap_or_else(|_| PathBuf::from(&top));
        let base = git(&root, &["merge-base", reference, "HEAD"])
            .ok()
            .map(|b| String::from_utf8_lossy(&b).trim().to_string())
            .filter(|b| !b.is_empty());
        let reference = base.as_deref().unwrap_or(reference);
        let diff = git(
            &root,
            &[
                "diff",
                "--no-color",
                "--no-ext-diff",
                "--no-textconv",
                "--unified=0",
                "--find-renames",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                "--end-of-options",
                reference,
                "--",
            ],
        )?;
        let untracked = git(&root, &["ls-files", "-z", "--others", "--exclude-standard"])?;
        Ok(Changes::from_git(root, &String::from_utf8_lossy(&diff), &untracked))
    }

    /// Reads a `git diff --unified=0` and a NUL-separated list of untracked
    /// paths (both relative to `root`).
    pub fn from_git(root: PathBuf, diff: &str, untracked: &[u8]) -> Changes {
        let mut files = parse_diff(diff);
        for p in untracked.split(|&b| b == 0).filter(|p| !p.is_empty()) {
            files.insert(PathBuf::from(String::from_utf8_lossy(p).into_owned()), Lines::All);
        }
        Changes { root, files }
    }

    /// How many files the change touched.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The changed lines of a file (a path as given on the command line).
    pub fn lines(&self, path: &Path) -> Option<&Lines> {
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| crate::fsutil::absolute(path));
        let rel = real.strip_prefix(&self.root).ok()?;
        self.files.get(rel)
    }

    /// Whether the change touched the file at all.
    pub fn touches_file(&self, path: &Path) -> bool {
        self.lines(path).is_some()
    }

    /// The targets the change touched (and standard input), and the others.
    pub fn split(&self, targets: &[Target]) -> (Vec<Target>, Vec<Target>) {
        targets
            .iter()
            .cloned()
            .partition(|t| t.path().is_none_or(|p| self.touches_file(p)))
    }

    /// Whether the change touched any of `lines` (1-based, inclusive) of the file.
    pub fn touches(&self, path: &Path, lines: RangeInclusive<u32>) -> bool {
        self.lines(path).is_some_and(|l| l.touches(&lines))
    }
}

/// Where to ask git for the work tree: the first path's directory (the
/// working directory when none is given or it is standard input).
pub fn work_tree_dir(paths: &[PathBuf]) -> PathBuf {
    match paths.first().filter(|p| p.as_os_str() != "-") {
        Some(p) if p.is_dir() => p.clone(),
        Some(p) => match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        },
        None => PathBuf::from("."),
    }
}

/// The corpus and the unchanged drafts of a `--changed-since` run, each
/// file once.
pub fn merge_corpus(corpus: Vec<Target>, unchanged: Vec<Target>) -> Vec<Target> {
    let mut seen: std::collections::HashSet<PathBuf> = corpus
        .iter()
        .filter_map(|t| t.path().map(crate::fsutil::absolute))
        .collect();
    let mut out = corpus;
    for t in unchanged {
        if t.path().is_some_and(|p| seen.insert(crate::fsutil::absolute(p))) {
            out.push(t);
        }
    }
    out
}

/// Files and the new-side lines of their hunks.
fn parse_diff(diff: &str) -> HashMap<PathBuf, Lines> {
    let mut files: HashMap<PathBuf, Lines> = HashMap::new();
    // The file the hunks below belong to, from the `diff --git` header
    // (for a binary diff) and then its `+++` line.
    let mut current: Option<PathBuf> = None;
    // Lines of the current hunk's body still to come (old side, new side):
    // a body line is never read as a header ("+++ " can start an added line).
    let mut body = (0u32, 0u32);
    for line in diff.lines() {
        if body != (0, 0) {
            match line.as_bytes().first() {
                Some(b'-') => body.0 = body.0.saturating_sub(1),
                Some(b'+') => body.1 = body.1.saturating_sub(1),
                Some(b'\\') => {}
                _ => body = (body.0.saturating_sub(1), body.1.saturating_sub(1)),
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("diff --git ") {
            current = header_new_path(rest);
        } else if let Some(rest) = line.strip_prefix("+++ ") {
            current = match rest {
                "/dev/null" => None,
                p => strip_b(&unquote(p)),
            };
        } else if line.starts_with("Binary files ") {
            if let Some(p) = &current {
                files.insert(p.clone(), Lines::All);
            }
        } else if let Some(rest) = line.strip_prefix("@@ ") {
            let Some(hunk) = Hunk::parse(rest) else { continue };
            body = (hunk.old_count, hunk.new_count);
            let Some(p) = &current else { continue };
            match files.entry(p.clone()).or_insert_with(|| Lines::Some(Vec::new())) {
                Lines::All => {}
                Lines::Some(v) => v.push(hunk.touched()),
            }
        }
    }
    files
}

/// A hunk header's counts and new-side start (`-12,3 +14,0 @@ …`).
struct Hunk {
    old_count: u32,
    new_start: u32,
    new_count: u32,
}

impl Hunk {
    fn parse(rest: &str) -> Option<Hunk> {
        let side = |sign: char| -> Option<(u32, u32)> {
            let w = rest.split(' ').find_map(|w| w.strip_prefix(sign))?;
            match w.split_once(',') {
                Some((s, c)) => Some((s.parse().ok()?, c.parse().ok()?)),
                None => Some((w.parse().ok()?, 1)),
            }
        };
        let ((_, old_count), (new_start, new_count)) = (side('-')?, side('+')?);
        Some(Hunk {
            old_count,
            new_start,
            new_count,
        })
    }

    /// The new-side lines it touches; a pure deletion touches the lines on
    /// either side of the cut.
    fn touched(&self) -> RangeInclusive<u32> {
        let start = self.new_start;
        if self.new_count == 0 {
            start.max(1)..=start.saturating_add(1)
        } else {
            start..=start.saturating_add(self.new_count - 1)
        }
    }
}

/// The `b/` path of a `diff --git a/X b/Y` header: exact when quoted or when
/// both names are the same (no rename), which is all a binary diff needs.
fn header_new_path(rest: &str) -> Option<PathBuf> {
    if rest.starts_with('"') {
        let end = quoted_end(rest)?;
        let second = rest[end..].trim_start();
        return strip_b(&unquote(second));
    }
    // `a/P b/P`: the two halves have the same length.
    let n = rest.len();
    if n < 5 || (n - 5) % 2 != 0 {
        return None;
    }
    let half = (n - 5) / 2;
    let (a, b) = (rest.get(2..2 + half)?, rest.get(half + 5..)?);
    (a == b).then(|| PathBuf::from(b))
}

/// Byte index just past the closing quote of a quoted name at the start.
fn quoted_end(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i + 1),
            _ => {}
        }
    }
    None
}

fn strip_b(name: &str) -> Option<PathBuf> {
    name.strip_prefix("b/").map(PathBuf::from)
}

/// A name as git prints it: as is, or in double quotes with C escapes
/// (`\"`, `\\`, `\t`, `\n`, octal bytes `\303\251`).
fn unquote(name: &str) -> String {
    let Some(inner) = name.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return name.to_string();
    };
    let bytes = inner.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b != b'\\' || i + 1 >= bytes.len() {
            out.push(b);
            i += 1;
            continue;
        }
        let e = bytes[i + 1];
        let octal = bytes
            .get(i + 1..i + 4)
            .filter(|d| d.iter().all(|c| (b'0'..=b'7').contains(c)));
        if let Some(d) = octal {
            out.push(d.iter().fold(0u8, |acc, c| acc.wrapping_mul(8).wrapping_add(c - b'0')));
            i += 4;
            continue;
        }
        out.push(match e {
            b'n' => b'\n',
            b't' => b'\t',
            b'r' => b'\r',
            b'a' => 7,
            b'b' => 8,
            b'f' => 12,
            b'v' => 11,
            other => other,
        });
        i += 2;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIFF: &str = "\
diff --git a/drafts/new.md b/drafts/new.md
new file mode 100644
index 0000000..e69de29
--- /dev/null
+++ b/drafts/new.md
@@ -0,0 +1,3 @@
+a
+++ b/not-a-header.md
+c
diff --git a/drafts/old.md b/drafts/old.md
index 1111111..2222222 100644
--- a/drafts/old.md
+++ b/drafts/old.md
@@ -4 +4 @@ heading
-x
+y
@@ -10,2 +9,0 @@
-gone
-gone too
diff --git a/gone.md b/gone.md
deleted file mode 100644
--- a/gone.md
+++ /dev/null
@@ -1 +0,0 @@
-bye
diff --git \"a/drafts/caf\\303\\251 \\\"x\\\".md\" \"b/drafts/caf\\303\\251 \\\"x\\\".md\"
--- \"a/drafts/caf\\303\\251 \\\"x\\\".md\"
+++ \"b/drafts/caf\\303\\251 \\\"x\\\".md\"
@@ -2,0 +3,2 @@
+one
+two
diff --git a/img.bin b/img.bin
index 1..2 100644
Binary files a/img.bin and b/img.bin differ
";

    #[test]
    fn reads_hunks_renames_quotes_deletions_and_binaries() {
        let files = parse_diff(DIFF);
        assert_eq!(files[Path::new("drafts/new.md")], Lines::Some(vec![1..=3]));
        assert_eq!(files[Path::new("drafts/old.md")], Lines::Some(vec![4..=4, 9..=10]));
        assert_eq!(files[Path::new("drafts/café \"x\".md")], Lines::Some(vec![3..=4]));
        assert_eq!(files[Path::new("img.bin")], Lines::All);
        assert!(!files.contains_key(Path::new("gone.md")));
        assert_eq!(files.len(), 4);
    }

    #[test]
    fn touched_lines_overlap_ranges() {
        let l = Lines::Some(vec![4..=4, 9..=10]);
        assert!(l.touches(&(4..=4)));
        assert!(l.touches(&(2..=5)));
        assert!(l.touches(&(10..=12)));
        assert!(!l.touches(&(5..=8)));
        assert!(!l.touches(&(11..=11)));
        assert!(Lines::All.touches(&(1000..=1000)));
    }

    #[test]
    fn untracked_files_are_changed_everywhere() {
        let c = Changes::from_git(PathBuf::from("/repo"), "", b"drafts/a.md\0notes/b.txt\0");
        assert_eq!(c.len(), 2);
        assert_eq!(c.files[Path::new("notes/b.txt")], Lines::All);
    }

    #[test]
    fn header_paths_need_equal_halves_or_quotes() {
        assert_eq!(header_new_path("a/x y.md b/x y.md"), Some(PathBuf::from("x y.md")));
        assert_eq!(header_new_path("a/x.md b/y.md"), None);
        assert_eq!(
            header_new_path("\"a/\\tt.md\" \"b/\\tt.md\""),
            Some(PathBuf::from("\tt.md"))
        );
    }
}
