//! `citelint check` end to end: every rule at the right line and column,
//! clean drafts clean, the seeds, exit codes, stdin, determinism.

mod common;

use common::{json, positions, run};

fn expect(fixture: &str, want: &[(&str, u64, u64)]) {
    let (_, report) = json(&[fixture]);
    let got = positions(&report);
    let want: Vec<(String, u64, u64)> = want.iter().map(|(c, l, col)| (c.to_string(), *l, *col)).collect();
    assert_eq!(got, want, "diagnostics of {fixture}");
}

#[test]
fn each_rule_fixture_reports_its_defect_at_the_right_place() {
    expect(
        "fixtures/rules/CIT001-undefined-marker.md",
        &[("CIT001", 4, 32), ("CIT001", 4, 53), ("CIT002", 10, 1)],
    );
    expect("fixtures/rules/CIT002-unused-source.txt", &[("CIT002", 7, 1)]);
    expect(
        "fixtures/rules/CIT003-duplicate-source-id.md",
        &[("CIT003", 10, 1), ("CIT003", 12, 1)],
    );
    expect("fixtures/rules/CIT004-source-numbering-gap.md", &[("CIT004", 10, 1)]);
    expect(
        "fixtures/rules/CIT006-malformed-marker.md",
        &[
            ("CIT006", 3, 76),
            ("CIT006", 4, 8),
            ("CIT006", 4, 52),
            ("CIT006", 5, 11),
            ("CIT006", 5, 54),
        ],
    );
    expect(
        "fixtures/rules/CIT008-duplicate-in-group.md",
        &[("CIT008", 3, 55), ("CIT008", 4, 17)],
    );
    expect("fixtures/rules/SRC001-empty-source-entry.md", &[("SRC001", 8, 1)]);
    expect("fixtures/rules/SRC002-source-missing-url.txt", &[("SRC002", 4, 1)]);
    expect("fixtures/rules/SRC007-duplicate-url.md", &[("SRC007", 8, 39)]);
    expect(
        "fixtures/rules/SRC008-invalid-url.md",
        &[("SRC008", 8, 27), ("SRC008", 9, 33), ("SRC008", 10, 32)],
    );
    expect(
        "fixtures/rules/DOC004-front-matter-invalid.md",
        &[("DOC004", 3, 1), ("DOC001", 6, 38)],
    );
    expect("fixtures/rules/DOC007-invalid-utf8.txt", &[("DOC007", 1, 16)]);
    expect("fixtures/rules/blockquote-statute.md", &[("CIT001", 8, 79)]);
}

#[test]
fn sidecar_problems_are_reported_in_the_sidecar() {
    let (_, report) = json(&["fixtures/rules/DOC008-sidecar-invalid.txt"]);
    let files: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        files,
        vec![
            ("DOC008", "fixtures/rules/DOC008-sidecar-invalid.sources.toml", 4),
            ("DOC001", "fixtures/rules/DOC008-sidecar-invalid.txt", 2),
        ]
    );
}

#[test]
fn duplicate_definitions_point_back_at_the_first() {
    let (_, report) = json(&["fixtures/rules/CIT003-duplicate-source-id.md"]);
    let d = &report["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["related"][0]["line"], 9);
    assert_eq!(d["related"][0]["message"], "first defined here");
    assert_eq!(
        report["diagnostics"][1]["severity"], "warning",
        "identical duplicate is a warning"
    );
}

#[test]
fn clean_fixtures_are_clean() {
    let r = run(&["check", "fixtures/clean", "--color", "never"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let files = std::fs::read_dir("fixtures/clean")
        .unwrap()
        .filter(|e| {
            let p = e.as_ref().unwrap().path();
            !p.to_string_lossy().ends_with(".sources.toml")
        })
        .count();
    assert!(files >= 7);
    assert_eq!(r.stdout.trim(), format!("{files} files checked: no problems found"));
}

#[test]
fn seedlike_draft_gets_one_missing_sources_and_no_undefined_markers() {
    let (code, report) = json(&["fixtures/seedlike"]);
    assert_eq!(code, 1);
    assert_eq!(positions(&report), vec![("DOC001".to_string(), 5, 122)]);
    let msg = report["diagnostics"][0]["message"].as_str().unwrap();
    assert_eq!(
        msg,
        "11 citation markers cite [1]–[6], but the draft has no sources list"
    );
}

/// The real drafts in ../shared/seeds: one DOC001 each and the five uncited
/// claims of the hand labels (domain research §3.7), nothing else.
#[test]
#[ignore = "needs ../shared/seeds beside the clone; run by .ci/run"]
fn seeds_produce_doc001_and_the_labelled_uncited_claims() {
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
    assert!(
        std::path::Path::new(seeds).is_dir(),
        "the seeds are expected at {seeds}"
    );
    let (code, report) = json(&[seeds]);
    assert_eq!(code, 1);
    let diags = report["diagnostics"].as_array().unwrap();
    let got: Vec<(String, String, u64)> = diags
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap();
            (
                d["code"].as_str().unwrap().to_string(),
                file[file.len() - 7..file.len() - 4].to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, String, u64)> = [
        ("DOC001", "47e", 5),
        ("CLM001", "47e", 7),
        ("CLM001", "47e", 13),
        ("CLM001", "47e", 17),
        ("CLM001", "47e", 17),
        ("DOC001", "902", 8),
        ("CLM001", "902", 20),
    ]
    .iter()
    .map(|(c, f, l)| (c.to_string(), f.to_string(), *l))
    .collect();
    assert_eq!(got, want, "{report:#}");
    assert!(diags[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("28 citation markers cite [1]–[8]"));
    assert!(diags[5]["message"]
        .as_str()
        .unwrap()
        .starts_with("31 citation markers cite [1]–[10]"));
    assert_eq!(report["summary"]["files"], 2);
}

#[test]
fn json_has_exactly_the_documented_fields() {
    let (_, report) = json(&["fixtures/rules/CIT003-duplicate-source-id.md"]);
    let mut top: Vec<_> = report.as_object().unwrap().keys().cloned().collect();
    top.sort();
    assert_eq!(top, ["diagnostics", "summary", "version"]);
    assert_eq!(report["version"], 1);
    let d = report["diagnostics"][0].as_object().unwrap();
    let mut keys: Vec<_> = d.keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "byte_end",
            "byte_start",
            "code",
            "column",
            "end_column",
            "end_line",
            "file",
            "help",
            "line",
            "message",
            "name",
            "related",
            "severity"
        ]
    );
    let mut rel: Vec<_> = d["related"][0].as_object().unwrap().keys().cloned().collect();
    rel.sort();
    assert_eq!(rel, ["column", "file", "line", "message"]);
    let mut sum: Vec<_> = report["summary"].as_object().unwrap().keys().cloned().collect();
    sum.sort();
    assert_eq!(sum, ["errors", "files", "infos", "warnings"]);
    // Byte offsets index the file.
    let text = std::fs::read_to_string("fixtures/rules/CIT003-duplicate-source-id.md").unwrap();
    let (s, e) = (
        d["byte_start"].as_u64().unwrap() as usize,
        d["byte_end"].as_u64().unwrap() as usize,
    );
    assert!(text[s..e].starts_with("2. Local newspaper report"));
}

#[test]
fn exit_codes_follow_the_failing_severity() {
    // Only a warning: passes by default, fails with --fail-on warning.
    assert_eq!(run(&["check", "fixtures/rules/CIT002-unused-source.txt"]).code, 0);
    assert_eq!(
        run(&[
            "check",
            "--fail-on",
            "warning",
            "fixtures/rules/CIT002-unused-source.txt"
        ])
        .code,
        1
    );
    // Only an info: passes unless --fail-on info.
    assert_eq!(
        run(&[
            "check",
            "--fail-on",
            "warning",
            "fixtures/rules/DOC007-invalid-utf8.txt"
        ])
        .code,
        0
    );
    assert_eq!(
        run(&["check", "--fail-on", "info", "fixtures/rules/DOC007-invalid-utf8.txt"]).code,
        1
    );
    // Errors fail.
    assert_eq!(run(&["check", "fixtures/rules/CIT001-undefined-marker.md"]).code, 1);
    // Usage errors and missing paths are 2.
    assert_eq!(run(&["check", "--no-such-flag"]).code, 2);
    let r = run(&["check", "fixtures/does-not-exist.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("fixtures/does-not-exist.md: no such file or directory"),
        "{}",
        r.stderr
    );
}

#[test]
fn stdin_is_checked_under_its_given_name() {
    let draft = std::fs::read("fixtures/rules/CIT001-undefined-marker.md").unwrap();
    let out = common::citelint()
        .args(["check", "-", "--stdin-filename", "drafts/port.md", "--format", "json"])
        .write_stdin(draft)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["file"], "drafts/port.md");
    assert_eq!(common::positions(&v).len(), 3);
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let one = run(&["check", "--format", "json", "-j", "1", "fixtures"]);
    let many = run(&["check", "--format", "json", "-j", "4", "fixtures"]);
    assert_eq!(one.stdout, many.stdout);
    let v: serde_json::Value = serde_json::from_str(&one.stdout).unwrap();
    let keys: Vec<(String, u64, u64, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().into(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["code"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "sorted by file, line, column, code");
}

#[test]
fn explain_and_rules() {
    let r = run(&["explain", "CIT001"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("CIT001 (undefined-marker)"));
    assert!(r.stdout.contains("Default severity: error"));
    let by_name = run(&["explain", "unused-source"]);
    assert!(by_name.stdout.starts_with("CIT002 (unused-source)"));
    assert_eq!(run(&["explain", "NOPE999"]).code, 2);
    let list = run(&["rules"]);
    for code in [
        "DOC001", "CIT001", "CIT002", "CIT003", "CIT004", "CIT006", "CIT008", "SRC001", "SRC002", "SRC007", "SRC008",
    ] {
        assert!(list.stdout.contains(code), "{code} missing from `citelint rules`");
    }
}
