//! `citelint check --watch` end to end: a change to a draft is checked
//! again, and Ctrl-C (SIGINT) ends the watch with a message and status 0.

#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

/// Only a guard against a hang; nothing asserts on time.
const HANG_GUARD: Duration = Duration::from_secs(120);

fn lines(
    r: impl std::io::Read + Send + 'static,
    tag: &'static str,
    tx: std::sync::mpsc::Sender<(&'static str, String)>,
) {
    std::thread::spawn(move || {
        for line in BufReader::new(r).lines().map_while(Result::ok) {
            if tx.send((tag, line)).is_err() {
                return;
            }
        }
    });
}

fn wait_for(rx: &Receiver<(&'static str, String)>, tag: &str, needle: &str) {
    assert!(
        seen_within(rx, tag, needle, HANG_GUARD),
        "watch answered with {needle:?}"
    );
}

/// Whether a line with `needle` arrives on `tag` within `wait`.
fn seen_within(rx: &Receiver<(&'static str, String)>, tag: &str, needle: &str, wait: Duration) -> bool {
    let end = std::time::Instant::now() + wait;
    while let Some(left) = end.checked_duration_since(std::time::Instant::now()) {
        match rx.recv_timeout(left) {
            Ok((t, line)) if t == tag && line.contains(needle) => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    false
}

#[test]
#[ignore = "flaky under load: in 2 of 5 CI runs no watch message arrived within 120 s; run with `cargo test --test watch -- --ignored`"]
fn rechecks_on_change_and_stops_on_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("a.md");
    std::fs::write(
        &draft,
        "Fares rose [1].\n\n## Sources\n\n1. Fare table. https://example.org/fares\n",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_citelint"))
        .args(["check", "--watch", "--format", "concise", "."])
        .current_dir(dir.path())
        .env_remove("GITHUB_ACTIONS")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = channel();
    lines(child.stdout.take().unwrap(), "out", tx.clone());
    lines(child.stderr.take().unwrap(), "err", tx);
    wait_for(&rx, "err", "watching for changes");
    // On a loaded machine a change written in the same instant the watch
    // starts can be coalesced away; write again until the re-check shows,
    // within the hang guard.
    let changed = "Fares rose [1] and fell [4].\n\n## Sources\n\n1. Fare table. https://example.org/fares\n";
    let start = std::time::Instant::now();
    loop {
        std::fs::write(&draft, changed).unwrap();
        if seen_within(&rx, "out", "CIT001", Duration::from_secs(3)) {
            break;
        }
        assert!(start.elapsed() < HANG_GUARD, "no re-check after a change");
    }
    wait_for(&rx, "err", "watching for changes");
    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    wait_for(&rx, "err", "stopped watching");
    assert!(child.wait().unwrap().success());
}
