//! File-system helpers: paths made absolute and relative without touching
//! the disk. (Writes go through `atomic`.)

use std::path::{Component, Path, PathBuf};

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

/// An I/O error as a short message (the path is said by the caller).
pub fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
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
}
