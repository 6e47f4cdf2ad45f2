//! `citelint fix` on generated corpora: 2,000 drafts in every source form
//! settle in one run (a second run changes no byte, and `check` finds no
//! finding left with a safe fix), and killing `fix` part-way leaves every
//! file whole: either as it was or as a full run writes it.

#[path = "../examples/gencorpus/gen.rs"]
mod gen;

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{json_in, run_in};

fn corpus(files: usize, dir: &Path) {
    let opts = gen::Options {
        files,
        seed: 7,
        defect_rate: 0.3,
        per_dir: 100,
        ..gen::Options::default()
    };
    gen::write_corpus(&opts, dir, 2).unwrap();
}

/// Drafts and sidecars under `dir` (relative path → bytes); the generator's
/// manifest and stamp are left out, and so are temporary files.
fn drafts(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                walk(root, &p, out);
            } else if name.ends_with(".md") || name.ends_with(".txt") || name.ends_with(".sources.toml") {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn two_thousand_drafts_settle_in_one_run() {
    let d = tempfile::tempdir().unwrap();
    corpus(2000, d.path());
    let before = drafts(d.path());
    let first = run_in(d.path(), &["fix", "."]);
    assert_eq!(first.code, 1, "{}", first.stderr);
    let after = drafts(d.path());
    let changed = before.keys().filter(|k| before[*k] != after[*k]).count();
    assert!(changed > 1000, "{changed} files changed");
    assert!(!first.stderr.contains("error:"), "{}", first.stderr);
    let second = run_in(d.path(), &["fix", "."]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert_eq!(drafts(d.path()), after, "a second run changes nothing");
    let (_, report) = json_in(d.path(), &["."]);
    for diag in report["diagnostics"].as_array().unwrap() {
        assert_ne!(diag["fix"]["applicability"], "safe", "{diag}");
    }
}

#[test]
fn killing_fix_leaves_every_file_whole() {
    let base = tempfile::tempdir().unwrap();
    corpus(200, base.path());
    let original = drafts(base.path());
    let done = tempfile::tempdir().unwrap();
    corpus(200, done.path());
    assert_eq!(run_in(done.path(), &["fix", "."]).code, 1);
    let fixed = drafts(done.path());
    // Kill moments spread over a run; which files a kill catches varies,
    // what is asserted does not.
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    for (i, step) in [0u64, 7, 31, 97, 211].into_iter().enumerate() {
        let wait = (seed.wrapping_mul(i as u64 + 1) % 50) + step * 3;
        let dir = tempfile::tempdir().unwrap();
        corpus(200, dir.path());
        let mut child = Command::new(env!("CARGO_BIN_EXE_citelint"))
            .args(["fix", "."])
            .current_dir(dir.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wait));
        let _ = child.kill();
        let _ = child.wait();
        for (name, bytes) in drafts(dir.path()) {
            assert!(
                bytes == original[&name] || bytes == fixed[&name],
                "{name} is neither the original nor the fixed file (killed after {wait} ms)"
            );
        }
    }
}
