//! `check --changed-since REF` in real git repositories: only findings on
//! the lines the change touched are reported, in every format, while the
//! numbers check still compares the changed drafts with every other draft.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use common::run_in;

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const TROOPS: &str = "US troops in Kosovo\n\nChecked on November 26, 2025\n\n\
The U.S. has 600 troops in Kosovo [1]. The mission began in 1999 [3].\n\n\
## Sources\n\n1. Ministry figures. https://example.org/figures\n";

const BRIDGE: &str = "Bridge repairs in Lurin\n\nThe bridge closed in May [2].\n\n\
## Sources\n\n1. Council notice. https://example.org/council\n";

/// A repository whose committed drafts already have findings (an old
/// undefined marker in each), then a change: a new line with a new undefined
/// marker in troops.md and a new untracked draft whose figure contradicts
/// troops.md.
fn repo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    fs::create_dir_all(p.join("drafts")).unwrap();
    fs::write(p.join("drafts/troops.md"), TROOPS).unwrap();
    fs::write(p.join("drafts/bridge.md"), BRIDGE).unwrap();
    git(p, &["init", "-q"]);
    git(p, &["add", "-A"]);
    git(p, &["commit", "-qm", "archive"]);
    fs::write(
        p.join("drafts/troops.md"),
        TROOPS.replace("[3].\n", "[3].\nThe main base is near Ferizaj [7].\n"),
    )
    .unwrap();
    fs::write(
        p.join("drafts/new.md"),
        TROOPS
            .replace("November 26", "November 28")
            .replace("The U.S. has 600", "Officials said the U.S. has 1,200")
            .replace(" The mission began in 1999 [3].", ""),
    )
    .unwrap();
    d
}

fn json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let r = run_in(dir, &all);
    let v = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", r.stdout, r.stderr));
    (r.code, v)
}

fn found(v: &Value) -> Vec<(String, String, u64)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn only_findings_on_changed_lines_and_new_figures_against_the_whole_archive() {
    let d = repo();
    let (code, all) = json(d.path(), &["drafts"]);
    assert_eq!(code, 1);
    let all = found(&all);
    // The old findings are there in a full check…
    assert!(
        all.contains(&("CIT001".into(), "drafts/bridge.md".into(), 3)),
        "{all:?}"
    );
    assert!(
        all.contains(&("CIT001".into(), "drafts/troops.md".into(), 5)),
        "{all:?}"
    );

    let (code, v) = json(d.path(), &["--changed-since", "HEAD", "drafts"]);
    assert_eq!(code, 1);
    assert_eq!(
        found(&v),
        [
            ("NUM001".to_string(), "drafts/new.md".to_string(), 5),
            ("CIT001".to_string(), "drafts/troops.md".to_string(), 6),
        ],
        "{v}"
    );
    // bridge.md did not change: it is only read for the numbers check.
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["corpus"], 1);
    // The NUM001 on the new line names the unchanged archive draft.
    let num = &v["diagnostics"][0];
    assert_eq!(num["related"][0]["file"], "drafts/troops.md", "{num}");
}

#[test]
fn sarif_and_github_formats_are_filtered_too() {
    let d = repo();
    let r = run_in(
        d.path(),
        &["check", "--format", "sarif", "--changed-since", "HEAD", "drafts"],
    );
    assert_eq!(r.code, 1);
    let sarif: Value = serde_json::from_str(&r.stdout).unwrap();
    let lines: Vec<u64> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            x["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(lines, [5, 6]);
    let r = run_in(
        d.path(),
        &["check", "--format", "github", "--changed-since", "HEAD", "drafts"],
    );
    let annotations: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 2, "{}", r.stdout);
    assert!(
        annotations[0].starts_with("::error file=drafts/new.md,line=5"),
        "{}",
        r.stdout
    );
    assert!(
        annotations[1].starts_with("::error file=drafts/troops.md,line=6"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_clean_change_passes_even_when_the_archive_has_findings() {
    let d = repo();
    git(d.path(), &["add", "-A"]);
    git(d.path(), &["commit", "-qm", "change"]);
    // Reword a clean line of bridge.md, from a subdirectory.
    fs::write(
        d.path().join("drafts/bridge.md"),
        BRIDGE.replace("Bridge repairs in Lurin", "Bridge repairs in Lurin, again"),
    )
    .unwrap();
    let r = run_in(&d.path().join("drafts"), &["check", "--changed-since", "HEAD", "."]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("1 file checked"), "{}", r.stdout);
    // A deletion touches the lines on either side of the cut: deleting the
    // title brings the old finding's line (now line 1) into the change.
    fs::write(
        d.path().join("drafts/bridge.md"),
        BRIDGE.replace("Bridge repairs in Lurin\n\n", ""),
    )
    .unwrap();
    let (_, v) = json(d.path(), &["--changed-since", "HEAD", "drafts"]);
    assert_eq!(found(&v), [("CIT001".to_string(), "drafts/bridge.md".to_string(), 1)]);
}

#[test]
fn a_branch_is_compared_from_where_it_left_the_reference() {
    let d = repo();
    let p = d.path();
    git(p, &["checkout", "-q", "-b", "feature"]);
    git(p, &["add", "-A"]);
    git(p, &["commit", "-qm", "feature work"]);
    // main moves on after the branch left it: a new finding there is not
    // the branch's.
    git(p, &["checkout", "-q", "-"]);
    fs::write(p.join("drafts/bridge.md"), BRIDGE.replace("[2]", "[2] [5]")).unwrap();
    git(p, &["commit", "-qam", "main work"]);
    let main = String::from_utf8(
        Command::new("git")
            .current_dir(p)
            .args(["rev-parse", "--abbrev-ref", "HEAD"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    git(p, &["checkout", "-q", "feature"]);
    let (_, v) = json(p, &["--changed-since", main.trim(), "drafts"]);
    let files: Vec<String> = found(&v).into_iter().map(|(_, f, _)| f).collect();
    assert_eq!(files, ["drafts/new.md", "drafts/troops.md"], "{v}");
}

#[test]
fn bad_references_and_no_repository_are_errors() {
    let d = repo();
    let r = run_in(d.path(), &["check", "--changed-since", "no-such-ref", "drafts"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no-such-ref"), "{}", r.stderr);
    let r = run_in(d.path(), &["check", "--changed-since=--output=x", "drafts"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not a git revision"), "{}", r.stderr);
    assert!(!d.path().join("x").exists());
    let plain = tempfile::tempdir().unwrap();
    fs::write(plain.path().join("a.md"), BRIDGE).unwrap();
    let r = run_in(plain.path(), &["check", "--changed-since", "HEAD", "a.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("git"), "{}", r.stderr);
}

/// The action's check step with `changed-since`, as the runner runs it.
#[test]
fn the_action_passes_changed_since_on() {
    let d = repo();
    let action: serde_yaml_ng::Value =
        serde_yaml_ng::from_str(&fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml")).unwrap())
            .unwrap();
    let steps = action["runs"]["steps"].as_sequence().unwrap();
    let check = steps.iter().find(|s| s["name"].as_str() == Some("Check")).unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_citelint")).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("bash")
        .args(["-eo", "pipefail", "-c", check["run"].as_str().unwrap()])
        .current_dir(d.path())
        .env("PATH", path)
        .env_remove("GITHUB_ACTIONS")
        .env("INPUT_PATHS", "drafts")
        .env("INPUT_ARGS", "")
        .env("INPUT_CHANGED_SINCE", "HEAD")
        .env("INPUT_FAIL_ON", "")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("::error")).count(),
        2,
        "{stdout}"
    );
    assert!(!stdout.contains("bridge.md"), "{stdout}");
}
