//! The one way citelint writes a file (report, baseline, `init`): the bytes
//! go to a temporary file beside the target, flushed, then renamed over it,
//! so a reader or a crash never sees half a file. A symlink is written
//! through (its target is replaced, the link stays); a target that is one of
//! the run's inputs, or read-only, is refused.

use std::io::Write;
use std::path::{Path, PathBuf};

/// How a write may treat an existing target.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy<'a> {
    /// Files the run reads: never overwritten.
    pub inputs: &'a [PathBuf],
    /// `false`: an existing target is an error (`init`).
    pub replace: bool,
}

/// Why a write was refused or failed; the caller names the file.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("it is one of the files being read; not overwriting it")]
    IsInput,
    #[error("it is read-only; not replacing it")]
    ReadOnly,
    #[error("it already exists; not overwriting it")]
    Exists,
    #[error("{}", crate::discover::describe_io(.0))]
    Io(std::io::Error),
}

/// Writes `bytes` to `path` (through symlinks) atomically. A file that
/// already holds exactly these bytes is left untouched, mtime included.
/// Returns whether the file was written.
pub fn write(path: &Path, bytes: &[u8], policy: Policy<'_>) -> Result<bool, WriteError> {
    let io = WriteError::Io;
    if let Some(special) = std::fs::metadata(path).ok().filter(|m| !m.is_file()) {
        return write_special(path, bytes, &special, policy);
    }
    let target = resolve_links(path).map_err(io)?;
    let existing = std::fs::metadata(&target).ok();
    if let Some(meta) = &existing {
        if policy.inputs.iter().any(|i| same_file(&target, meta, i)) {
            return Err(WriteError::IsInput);
        }
        if !policy.replace {
            return Err(WriteError::Exists);
        }
        if meta.permissions().readonly() {
            return Err(WriteError::ReadOnly);
        }
        if std::fs::read(&target).is_ok_and(|old| old == bytes) {
            return Ok(false);
        }
    }
    let tmp = temp_with(&target, bytes, existing.as_ref()).map_err(io)?;
    if policy.replace {
        tmp.persist(&target).map_err(|e| io(e.error))?;
    } else {
        tmp.persist_noclobber(&target).map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => WriteError::Exists,
            _ => io(e.error),
        })?;
    }
    Ok(true)
}

/// Two files that change together (a draft and its renumbered sidecar),
/// each treated like `write` treats its target: followed through symlinks,
/// refused when read-only. Both are staged before either is renamed, so
/// they can disagree only if the process dies between the two renames.
/// An error names the file it is about.
pub fn write_pair(first: (&Path, &[u8]), second: (&Path, &[u8])) -> Result<(), (PathBuf, WriteError)> {
    let mut staged = Vec::with_capacity(2);
    for (path, bytes) in [first, second] {
        let named = |e| (path.to_path_buf(), e);
        let target = resolve_links(path).map_err(|e| named(WriteError::Io(e)))?;
        let meta = std::fs::metadata(&target).map_err(|e| named(WriteError::Io(e)))?;
        if !meta.is_file() {
            return Err(named(WriteError::Io(std::io::Error::other("it is not a regular file"))));
        }
        if meta.permissions().readonly() {
            return Err(named(WriteError::ReadOnly));
        }
        let tmp = temp_with(&target, bytes, Some(&meta)).map_err(|e| named(WriteError::Io(e)))?;
        staged.push((path, target, tmp));
    }
    // The second (the sidecar) first: a draft never points at numbers its
    // sources do not have yet.
    for (path, target, tmp) in staged.into_iter().rev() {
        tmp.persist(&target)
            .map_err(|e| (path.to_path_buf(), WriteError::Io(e.error)))?;
    }
    Ok(())
}

/// `/dev/null`, `/dev/stdout`, a FIFO: nothing to rename over (replacing
/// `/dev/null` with a file would be a disaster), so the bytes are written
/// to it directly. A directory is an error.
fn write_special(path: &Path, bytes: &[u8], meta: &std::fs::Metadata, policy: Policy<'_>) -> Result<bool, WriteError> {
    if meta.is_dir() {
        return Err(WriteError::Io(std::io::Error::other("it is a directory")));
    }
    if !policy.replace {
        return Err(WriteError::Exists);
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(WriteError::Io)?;
    f.write_all(bytes).and_then(|_| f.flush()).map_err(WriteError::Io)?;
    Ok(true)
}

/// A flushed temporary file in `target`'s directory holding `bytes`, with
/// the old file's permissions, or those of an ordinary new file.
pub(crate) fn temp_with(
    target: &Path,
    bytes: &[u8],
    old: Option<&std::fs::Metadata>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".citelint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let perms = old.map_or_else(|| std::fs::Permissions::from_mode(0o644), |m| m.permissions());
        std::fs::set_permissions(tmp.path(), perms)?;
    }
    #[cfg(not(unix))]
    let _ = old;
    Ok(tmp)
}

/// Follows `path` through symlinks (also dangling ones) to the file a write
/// must replace.
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Whether `input` is the file `target` (described by `meta`), under any
/// name: a link, a relative path, a hard link.
fn same_file(target: &Path, meta: &std::fs::Metadata, input: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = target;
        std::fs::metadata(input).is_ok_and(|o| meta.dev() == o.dev() && meta.ino() == o.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        let canon = |p: &Path| std::fs::canonicalize(p).ok();
        canon(input).is_some_and(|i| Some(i) == canon(target))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPLACE: Policy<'static> = Policy {
        inputs: &[],
        replace: true,
    };

    #[test]
    fn writes_replaces_and_skips_identical() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("out.json");
        assert!(write(&p, b"one", REPLACE).unwrap());
        assert!(write(&p, b"two", REPLACE).unwrap());
        assert!(!write(&p, b"two", REPLACE).unwrap());
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // No temporary files are left behind.
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_directory_is_an_error() {
        let d = tempfile::tempdir().unwrap();
        let e = write(&d.path().join("no/such/dir/x"), b"x", REPLACE).unwrap_err();
        assert!(matches!(e, WriteError::Io(..)), "{e}");
    }

    #[test]
    fn existing_target_is_refused_without_replace() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("citelint.toml");
        let once = Policy {
            inputs: &[],
            replace: false,
        };
        assert!(write(&p, b"a = 1\n", once).unwrap());
        assert!(matches!(write(&p, b"b", once), Err(WriteError::Exists)));
        assert_eq!(std::fs::read(&p).unwrap(), b"a = 1\n");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_to_not_replaced() {
        let null = Path::new("/dev/null");
        assert!(write(null, b"report", REPLACE).unwrap());
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata(null).unwrap().file_type().is_char_device());
        let d = tempfile::tempdir().unwrap();
        assert!(matches!(write(d.path(), b"x", REPLACE), Err(WriteError::Io(_))));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_written_through_and_inputs_refused() {
        let d = tempfile::tempdir().unwrap();
        let real = d.path().join("real.json");
        std::fs::write(&real, "old").unwrap();
        let link = d.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        assert!(write(&link, b"new", REPLACE).unwrap());
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        let inputs = [real.clone()];
        let policy = Policy {
            inputs: &inputs,
            replace: true,
        };
        assert!(matches!(write(&link, b"x", policy), Err(WriteError::IsInput)));
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }
}
