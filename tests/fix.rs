//! `citelint fix` end to end: renumbering in every source form, idempotence
//! on every fixture, `--diff`, `--unsafe-fixes`, exit codes, permissions,
//! and the `fix` field of the JSON report.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{json_in, run, run_in};

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().display().to_string(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for (name, bytes) in tree(from) {
        let p = to.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

#[test]
fn every_fixture_settles_in_one_run_and_keeps_no_safe_fix() {
    let d = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"), d.path());
    let before = tree(d.path());
    let first = run_in(d.path(), &["fix", "."]);
    assert_eq!(first.code, 1, "{}", first.stderr);
    let after = tree(d.path());
    let changed: Vec<_> = after.keys().filter(|k| before[*k] != after[*k]).collect();
    assert!(changed.iter().any(|k| k.contains("CIT008")), "{changed:?}");
    // The suppressed repeat in the suppression fixture is left alone.
    assert!(!changed.iter().any(|k| k.contains("ferry-timetable")), "{changed:?}");
    let second = run_in(d.path(), &["fix", "."]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(second.stderr.contains("0 of"), "{}", second.stderr);
    assert_eq!(tree(d.path()), after, "a second run changes nothing");
    let (_, report) = json_in(d.path(), &["."]);
    for diag in report["diagnostics"].as_array().unwrap() {
        assert_ne!(diag["fix"]["applicability"], "safe", "{diag}");
    }
}

#[test]
fn diff_prints_and_changes_nothing() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "a.md",
        "Claim [2] and [1].\n\n## Sources\n\n1. One https://example.org/1\n2. Two https://example.org/2\n",
    );
    let r = run_in(d.path(), &["fix", "--diff", "a.md"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("-Claim [2] and [1].\n+Claim [1] and [2].\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("--- a/a.md"), "{}", r.stdout);
    assert!(read(d.path(), "a.md").starts_with("Claim [2]"));
    let r = run_in(d.path(), &["fix", "a.md"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        read(d.path(), "a.md"),
        "Claim [1] and [2].\n\n## Sources\n\n1. Two https://example.org/2\n2. One https://example.org/1\n"
    );
    let r = run_in(d.path(), &["fix", "--diff", "a.md"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

#[test]
fn renumbers_front_matter_definitions_and_sidecars() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "fm.md",
        "---\nsources:\n  - id: 1\n    title: One\n  - id: 2\n    title: Two\n---\nB [2] [1].\n",
    );
    write(
        d.path(),
        "defs.md",
        "A [2], then [1].\n\n[1]: https://example.org/a \"A\"\n[2]: https://example.org/b \"B\"\n",
    );
    write(d.path(), "side.txt", "Claim [2].\n");
    write(
        d.path(),
        "side.sources.toml",
        "[[sources]]\nid = 1\ntitle = \"One\"\n\n[[sources]]\nid = 2\ntitle = \"Two\"\n",
    );
    assert_eq!(run_in(d.path(), &["fix", "."]).code, 1);
    assert_eq!(
        read(d.path(), "fm.md"),
        "---\nsources:\n  - id: 1\n    title: Two\n  - id: 2\n    title: One\n---\nB [1] [2].\n"
    );
    assert_eq!(
        read(d.path(), "defs.md"),
        "A [1], then [2].\n\n[1]: https://example.org/b \"B\"\n[2]: https://example.org/a \"A\"\n"
    );
    assert_eq!(read(d.path(), "side.txt"), "Claim [1].\n");
    assert_eq!(
        read(d.path(), "side.sources.toml"),
        "[[sources]]\nid = 1\ntitle = \"Two\"\n\n[[sources]]\nid = 2\ntitle = \"One\"\n"
    );
    assert_eq!(run_in(d.path(), &["fix", "."]).code, 0);
}

#[test]
fn undefined_markers_keep_their_number_and_stay_reported() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "u.md",
        "A [3]. B [2]. C [1].\n\n## Sources\n\n1. One\n3. Three\n",
    );
    assert_eq!(run_in(d.path(), &["fix", "u.md"]).code, 1);
    assert_eq!(
        read(d.path(), "u.md"),
        "A [1]. B [2]. C [3].\n\n## Sources\n\n1. Three\n3. One\n"
    );
    let (_, report) = json_in(d.path(), &["u.md"]);
    let codes: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert!(codes.contains(&"CIT001".to_string()), "{codes:?}");
}

#[test]
fn code_urls_and_link_text_are_not_touched() {
    let d = tempfile::tempdir().unwrap();
    let text = "Use `items[2]` and https://example.org/x[2] or [see 2](https://e.org). Fact [2] [1].\n\n```\n[2] [1]\n```\n\n## Sources\n\n1. One\n2. Two\n";
    write(d.path(), "c.md", text);
    assert_eq!(run_in(d.path(), &["fix", "c.md"]).code, 1);
    let want = text
        .replace("Fact [2] [1]", "Fact [1] [2]")
        .replace("1. One\n2. Two", "1. Two\n2. One");
    assert_eq!(read(d.path(), "c.md"), want);
}

#[test]
fn merges_exact_duplicates_and_unsafe_removes_uncited() {
    let d = tempfile::tempdir().unwrap();
    let text = "A [1] [3]. B [2].\n\n## Sources\n\n1. Same https://example.org/s\n2. Other https://example.org/o\n3. Same https://example.org/s\n4. Unused https://example.org/u\n";
    write(d.path(), "m.md", text);
    assert_eq!(run_in(d.path(), &["fix", "m.md"]).code, 1);
    assert_eq!(
        read(d.path(), "m.md"),
        "A [1]. B [2].\n\n## Sources\n\n1. Same https://example.org/s\n2. Other https://example.org/o\n3. Unused https://example.org/u\n"
    );
    assert_eq!(run_in(d.path(), &["fix", "--unsafe-fixes", "m.md"]).code, 1);
    assert_eq!(
        read(d.path(), "m.md"),
        "A [1]. B [2].\n\n## Sources\n\n1. Same https://example.org/s\n2. Other https://example.org/o\n"
    );
}

#[cfg(unix)]
#[test]
fn writes_keep_permissions_and_leave_no_temporary_files() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "p.md", "X [2] [1].\n\n## Sources\n\n1. One\n2. Two\n");
    std::fs::set_permissions(d.path().join("p.md"), std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(run_in(d.path(), &["fix", "p.md"]).code, 1);
    let mode = std::fs::metadata(d.path().join("p.md")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
}

#[test]
fn exit_codes_stdin_check_fix_and_explain() {
    assert_eq!(run(&["fix", "no/such/path"]).code, 2);
    let mut cmd = common::citelint();
    let out = cmd
        .args(["fix", "-", "--stdin-filename", "x.md"])
        .write_stdin("A [2] [2].\n\n[2]: https://example.org/b\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "A [1].\n\n[1]: https://example.org/b\n"
    );
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "g.md",
        "A [1] [1].\n\n## Sources\n\n1. One https://example.org/1\n",
    );
    let r = run_in(d.path(), &["check", "--fix", "g.md"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(read(d.path(), "g.md").starts_with("A [1].\n"));
    assert!(run(&["explain", "CIT008"])
        .stdout
        .contains("Fixable by `citelint fix`: safe"));
    assert!(run(&["explain", "CIT001"]).stdout.contains("Not fixable"));
}

#[test]
fn json_and_sarif_carry_the_fix() {
    let (_, report) = common::json(&["fixtures/rules/CIT004-source-numbering-gap.md"]);
    let fix = &report["diagnostics"][0]["fix"];
    assert_eq!(fix["applicability"], "safe");
    let edits = fix["edits"].as_array().unwrap();
    assert!(edits.iter().any(|e| e["replacement"] == "3"), "{fix}");
    let sarif = run(&[
        "check",
        "--format",
        "sarif",
        "fixtures/rules/CIT008-duplicate-in-group.md",
    ]);
    let v: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    let change = &v["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["replacements"][0]["insertedContent"]["text"], "");
}

#[test]
fn numeric_footnotes_are_renumbered_and_word_labels_kept() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "f.md",
        "Froze[^2] and rose[^1], said the mayor[^note].\n\n[^1]: Minutes.\n    https://example.org/minutes\n[^2]: Fare table.\n[^note]: Mayor's office.\n",
    );
    assert_eq!(run_in(d.path(), &["fix", "f.md"]).code, 1);
    assert_eq!(
        read(d.path(), "f.md"),
        "Froze[^1] and rose[^2], said the mayor[^note].\n\n[^1]: Fare table.\n[^2]: Minutes.\n    https://example.org/minutes\n[^note]: Mayor's office.\n"
    );
    assert_eq!(run_in(d.path(), &["fix", "f.md"]).code, 0);
}

#[test]
fn block_quotes_are_never_rewritten_and_keep_their_sources() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "q.md",
        "First [2]. Second [3].\n\n> The statute says [3] applies; Section [9] [9] too.\n\nThird [1] [1].\n\n## Sources\n\n1. One\n2. Two\n3. Three\n",
    );
    assert_eq!(run_in(d.path(), &["fix", "q.md"]).code, 1);
    assert_eq!(
        read(d.path(), "q.md"),
        "First [1]. Second [3].\n\n> The statute says [3] applies; Section [9] [9] too.\n\nThird [2].\n\n## Sources\n\n1. Two\n2. One\n3. Three\n"
    );
    assert_eq!(run_in(d.path(), &["fix", "q.md"]).code, 0);
}

#[test]
fn a_group_with_thousands_of_repeats_gives_each_finding_its_own_small_fix() {
    let d = tempfile::tempdir().unwrap();
    let mut text = String::from("Claim");
    for _ in 0..5000 {
        text.push_str(" [2] [1] [2]");
    }
    text.push_str(".\n\n## Sources\n\n1. One https://example.org/1\n3. Three https://example.org/3\n");
    write(d.path(), "h.md", &text);
    let (_, report) = json_in(d.path(), &["h.md"]);
    let diags = report["diagnostics"].as_array().unwrap();
    let repeats: Vec<_> = diags.iter().filter(|d| d["code"] == "CIT008").collect();
    assert!(repeats.len() >= 5000, "{}", repeats.len());
    for r in repeats {
        assert_eq!(r["fix"]["edits"].as_array().unwrap().len(), 1, "{r}");
    }
    // The renumbering (the whole draft) goes with one finding only.
    let renumbers = diags
        .iter()
        .filter(|d| d["fix"]["message"].as_str().is_some_and(|m| m.starts_with("Renumber")))
        .count();
    assert_eq!(renumbers, 2, "one safe (CIT004), one unsafe (CIT002)");
    assert_eq!(run_in(d.path(), &["fix", "h.md"]).code, 1);
    assert!(
        read(d.path(), "h.md").starts_with("Claim [1] [2].\n"),
        "{}",
        &read(d.path(), "h.md")[..40]
    );
    assert_eq!(run_in(d.path(), &["fix", "h.md"]).code, 0);
}

#[test]
fn rules_turned_off_are_not_fixed() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "citelint.toml",
        "[rules]\nCIT008 = \"off\"\nCIT006 = \"off\"\n",
    );
    write(
        d.path(),
        "o.md",
        "A [3] [2] [3], B [1,].\n\n## Sources\n\n1. One\n2. Two\n3. Three\n",
    );
    assert_eq!(run_in(d.path(), &["fix", "o.md"]).code, 1);
    // `[1,]` is left alone, so source 1 keeps its number.
    assert_eq!(
        read(d.path(), "o.md"),
        "A [2] [3] [2], B [1,].\n\n## Sources\n\n1. One\n2. Three\n3. Two\n"
    );
    assert_eq!(run_in(d.path(), &["fix", "o.md"]).code, 0);
}
