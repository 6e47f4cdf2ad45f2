//! `citelint check --watch`: run the check, then again whenever a draft, a
//! sidecar or a `citelint.toml` under the watched paths changes (changes
//! arriving together are one re-run), clearing the terminal between runs.
//! Each run is a whole `check` of the paths, the numbers pass across the
//! drafts (and the corpus) included. Ctrl-C ends it with a short message.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

enum Signal {
    Changed,
    Stop,
}

/// Changes closer together than this are one re-run.
const SETTLE: Duration = Duration::from_millis(100);

/// Whether a changed path can change the report: a draft extension, a
/// sidecar, a config file; never citelint's own temporary files.
fn relevant(path: &Path, extensions: &[&str]) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with(".citelint-") {
        return false;
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    name == "citelint.toml" || name.ends_with(".toml") || extensions.iter().any(|e| e.eq_ignore_ascii_case(ext))
}

/// Runs `once` now and after every relevant change until Ctrl-C.
pub fn run(paths: &[PathBuf], extensions: &[&str], clear: bool, mut once: impl FnMut() -> ExitCode) -> ExitCode {
    let (tx, rx) = channel();
    let stop = tx.clone();
    let exts: Vec<String> = extensions.iter().map(|e| e.to_string()).collect();
    let handler = move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        let exts: Vec<&str> = exts.iter().map(String::as_str).collect();
        if !matches!(ev.kind, EventKind::Access(_)) && ev.paths.iter().any(|p| relevant(p, &exts)) {
            let _ = tx.send(Signal::Changed);
        }
    };
    let mut watcher = match notify::recommended_watcher(handler) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch for changes: {e}");
            return ExitCode::from(2);
        }
    };
    for p in paths {
        // A file is watched through its directory: editors often save by
        // writing a new file and renaming it over the old one.
        let (target, mode) = match p.parent() {
            Some(dir) if p.is_file() => (
                if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                },
                RecursiveMode::NonRecursive,
            ),
            _ => (p.as_path(), RecursiveMode::Recursive),
        };
        if let Err(e) = watcher.watch(target, mode) {
            eprintln!("error: cannot watch {}: {e}", p.display());
            return ExitCode::from(2);
        }
    }
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop.send(Signal::Stop);
    }) {
        eprintln!("error: cannot handle Ctrl-C: {e}");
        return ExitCode::from(2);
    }
    loop {
        if clear {
            print!("\x1b[2J\x1b[H");
        }
        once();
        eprintln!("watching for changes (Ctrl-C to stop)");
        match rx.recv() {
            Ok(Signal::Changed) => {}
            Ok(Signal::Stop) | Err(_) => break,
        }
        // Let a burst of changes (an editor's save, a `git checkout`) settle.
        loop {
            match rx.recv_timeout(SETTLE) {
                Ok(Signal::Changed) => continue,
                Ok(Signal::Stop) => return stopped(),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return stopped(),
            }
        }
    }
    stopped()
}

fn stopped() -> ExitCode {
    eprintln!("stopped watching");
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_drafts_sidecars_and_configs_matter() {
        let md = ["md", "txt"];
        assert!(relevant(Path::new("d/a.md"), &md));
        assert!(relevant(Path::new("d/a.sources.toml"), &md));
        assert!(relevant(Path::new("citelint.toml"), &md));
        assert!(!relevant(Path::new("d/.citelint-x1.tmp"), &md));
        assert!(!relevant(Path::new("d/image.png"), &md));
    }
}
