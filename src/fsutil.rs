//! File-system helpers: paths made absolute and relative without touching
//! the disk, and atomic writes (a temporary file in the target's directory,
//! flushed, then renamed over the target, so a reader or a crash never sees
//! half a report or half a baseline).

use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Writes `bytes` to `path` atomically. A file that already holds exactly
/// these bytes is left untouched (so its mtime does not change either).
/// Returns whether the file was written.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".citelint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // A temporary file is created private (0600); give the result the
    // permissions an ordinary new file gets, or keep the old file's.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let perms = match std::fs::metadata(path) {
            Ok(m) => m.permissions(),
            Err(_) => std::fs::Permissions::from_mode(0o644),
        };
        std::fs::set_permissions(tmp.path(), perms)?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(true)
}

/// Lexically absolute: joined to the working directory, `.` and `..` resolved
/// without touching the file system.
pub fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `base` (both absolute), with `..` where needed, in
/// portable `/` form.
pub fn relative_to(path: &Path, base: &Path) -> String {
    let p: Vec<Component> = path.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return crate::fingerprint::portable_path(&path.to_string_lossy());
    }
    let mut parts: Vec<String> = std::iter::repeat_n("..".to_string(), b.len() - common).collect();
    parts.extend(p[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_with_dotdot() {
        assert_eq!(relative_to(Path::new("/a/b/c.md"), Path::new("/a")), "b/c.md");
        assert_eq!(relative_to(Path::new("/a/b/c.md"), Path::new("/a/x/y")), "../../b/c.md");
        assert_eq!(absolute(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }

    #[test]
    fn writes_replaces_and_skips_identical() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("out.json");
        assert!(write_atomic(&p, b"one").unwrap());
        assert!(write_atomic(&p, b"two").unwrap());
        assert!(!write_atomic(&p, b"two").unwrap());
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // No temporary files are left behind.
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_directory_is_an_error() {
        let d = tempfile::tempdir().unwrap();
        assert!(write_atomic(&d.path().join("no/such/dir/x"), b"x").is_err());
    }
}
