//! `citelint baseline` and `check --baseline`: the round trip a newsroom does
//! when adopting citelint on an archive.

mod common;

use std::fs;
use std::path::Path;

use serde_json::Value;

use common::run_in;

const DRAFT: &str = "\
# Fact check: Did the bridge close?

The bridge closed for repairs in March [1]. Traffic moved to the ring road [9].

Cyclists were diverted through the park [2].

## Sources

1. City roads department notice. https://example.org/roads/notice
2. Cycling association statement. https://example.org/cycling/statement
3. Unused traffic survey. https://example.org/roads/survey
";

fn setup() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    fs::create_dir(d.path().join("drafts")).unwrap();
    fs::write(d.path().join("drafts/bridge.md"), DRAFT).unwrap();
    fs::write(
        d.path().join("drafts/clean.md"),
        "Clean claim [1].\n\n## Sources\n\n1. A. https://example.org/a\n",
    )
    .unwrap();
    d
}

fn json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let r = run_in(dir, &all);
    let v = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", r.stdout, r.stderr));
    (r.code, v, r.stderr)
}

#[test]
fn round_trip_survives_unrelated_edits() {
    let d = setup();
    let dir = d.path();
    let w = run_in(dir, &["baseline", "drafts", "-o", "citelint-baseline.json"]);
    assert_eq!(w.code, 0, "{}", w.stderr);
    assert!(w.stdout.contains("2 findings in 1 file"), "{}", w.stdout);
    let file: Value = serde_json::from_str(&fs::read_to_string(dir.join("citelint-baseline.json")).unwrap()).unwrap();
    let codes: Vec<&str> = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["CIT001", "CIT002"]);
    assert_eq!(file["findings"][0]["file"], "drafts/bridge.md");
    assert!(
        file["findings"][0].get("line").is_none(),
        "no line numbers in the baseline"
    );

    // Without the baseline both findings show; with it, none, and exit 0.
    let (code, v, _) = json(dir, &["drafts"]);
    assert_eq!((code, v["summary"]["errors"].as_u64()), (1, Some(1)));
    let (code, v, _) = json(dir, &["--baseline", "citelint-baseline.json", "drafts"]);
    assert_eq!(code, 0);
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0);
    assert_eq!(v["summary"]["baselined"], 2);
    assert_eq!(v["summary"]["fixed"], 0);

    // Edit unrelated lines: a paragraph added above, another sentence changed.
    let edited = DRAFT
        .replace(
            "# Fact check: Did the bridge close?\n",
            "# Fact check: Did the bridge close?\n\nAn added introduction.\n",
        )
        .replace("through the park", "through the old park");
    fs::write(dir.join("drafts/bridge.md"), &edited).unwrap();
    let (code, v, _) = json(dir, &["--baseline", "citelint-baseline.json", "drafts"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(
        v["diagnostics"].as_array().unwrap().len(),
        0,
        "0 new after an unrelated edit"
    );
    assert_eq!(v["summary"]["baselined"], 2);

    // Change the flagged text: the old finding is fixed, the new one is new.
    fs::write(
        dir.join("drafts/bridge.md"),
        edited.replace("ring road [9]", "ring road [8]"),
    )
    .unwrap();
    let (code, v, stderr) = json(dir, &["--baseline", "citelint-baseline.json", "drafts"]);
    assert_eq!(code, 1);
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{v}");
    assert_eq!(diags[0]["code"], "CIT001");
    assert!(diags[0]["message"].as_str().unwrap().contains("[8]"));
    assert_eq!(v["summary"]["baselined"], 1);
    assert_eq!(v["summary"]["fixed"], 1);
    assert!(
        stderr.contains("1 baselined finding is fixed; run `citelint baseline` to shrink the file"),
        "{stderr}"
    );
    assert!(stderr.contains("fixed: drafts/bridge.md: CIT001"), "{stderr}");
}

#[test]
fn human_summary_counts_baselined_findings() {
    let d = setup();
    assert_eq!(run_in(d.path(), &["baseline", "drafts"]).code, 0);
    assert!(d.path().join("citelint-baseline.json").is_file(), "default file name");
    let r = run_in(d.path(), &["check", "--baseline", "citelint-baseline.json", "drafts"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout.trim_end(),
        "2 files checked: no new problems found; 2 findings in the baseline not shown"
    );
    // --no-baseline shows everything again.
    let r = run_in(d.path(), &["check", "--no-baseline", "--color", "never", "drafts"]);
    assert_eq!(r.code, 1);
}

#[test]
fn writing_is_idempotent_and_content_ordered() {
    let d = setup();
    let dir = d.path();
    assert_eq!(run_in(dir, &["baseline", "drafts", "-o", "b.json"]).code, 0);
    let first = fs::read(dir.join("b.json")).unwrap();
    let again = run_in(dir, &["baseline", "drafts", "-o", "b.json", "-j", "1"]);
    assert!(again.stdout.contains("up to date"), "{}", again.stdout);
    assert_eq!(fs::read(dir.join("b.json")).unwrap(), first);
    // Moving lines does not change the file either: no positions in it.
    let moved = DRAFT.replace(
        "# Fact check: Did the bridge close?\n",
        "# Fact check: Did the bridge close?\n\nMore.\n",
    );
    fs::write(dir.join("drafts/bridge.md"), moved).unwrap();
    assert_eq!(run_in(dir, &["baseline", "drafts", "-o", "b.json"]).code, 0);
    assert_eq!(fs::read(dir.join("b.json")).unwrap(), first);
    // No temporary files are left.
    let names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
}

#[test]
fn duplicate_findings_are_counted_by_occurrence() {
    let d = tempfile::tempdir().unwrap();
    let text = "Claim [9].\n\nClaim [9].\n\n## Sources\n\n1. A. https://example.org/a\n";
    fs::write(d.path().join("a.md"), text).unwrap();
    // The two findings have the same text and sentence: the same fingerprint.
    // (Source [1] is unused too: CIT002.)
    assert_eq!(run_in(d.path(), &["baseline", "a.md"]).code, 0);
    let b: Value = serde_json::from_str(&fs::read_to_string(d.path().join("citelint-baseline.json")).unwrap()).unwrap();
    let occ: Vec<u64> = b["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["code"] == "CIT001")
        .map(|e| e["occurrence"].as_u64().unwrap())
        .collect();
    assert_eq!(occ, [0, 1]);
    // A third copy is one new finding.
    fs::write(d.path().join("a.md"), format!("Claim [9].\n\n{text}")).unwrap();
    let (code, v, _) = json(d.path(), &["--baseline", "citelint-baseline.json", "a.md"]);
    assert_eq!(code, 1);
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(v["summary"]["baselined"], 3);
}

#[test]
fn config_key_and_paths_relative_to_the_baseline() {
    let d = setup();
    let dir = d.path();
    fs::create_dir(dir.join("ci")).unwrap();
    fs::write(dir.join("citelint.toml"), "baseline = \"ci/baseline.json\"\n").unwrap();
    // `citelint baseline` writes where the config says.
    let w = run_in(dir, &["baseline", "drafts"]);
    assert_eq!(w.code, 0, "{}", w.stderr);
    let text = fs::read_to_string(dir.join("ci/baseline.json")).unwrap();
    assert!(text.contains("\"file\": \"../drafts/bridge.md\""), "{text}");
    // `check` uses it without a flag, from any working directory.
    let (code, v, _) = json(dir, &["drafts"]);
    assert_eq!((code, v["summary"]["baselined"].as_u64()), (0, Some(2)));
    let (code, v, _) = json(&dir.join("drafts"), &["bridge.md"]);
    assert_eq!((code, v["summary"]["baselined"].as_u64()), (0, Some(2)));
    // Checking only the clean file reports nothing fixed (bridge.md was not checked).
    let (_, v, _) = json(dir, &["drafts/clean.md"]);
    assert_eq!(v["summary"]["fixed"], 0);
}

#[test]
fn bad_baselines_are_errors() {
    let d = setup();
    let r = run_in(d.path(), &["check", "--baseline", "missing.json", "drafts"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read baseline missing.json"), "{}", r.stderr);
    assert!(r.stderr.contains("run `citelint baseline`"), "{}", r.stderr);
    fs::write(d.path().join("bad.json"), "{ not json").unwrap();
    let r = run_in(d.path(), &["check", "--baseline", "bad.json", "drafts"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid baseline bad.json"), "{}", r.stderr);
    // A missing output directory is an I/O error, not a panic.
    let r = run_in(d.path(), &["baseline", "drafts", "-o", "no/such/dir/b.json"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot write baseline"), "{}", r.stderr);
}
