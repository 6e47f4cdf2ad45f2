//! Inline suppressions end to end: `fixtures/suppress/` uses every directive
//! in Markdown and plain text, including an unused one (SUP001) and an
//! unknown code (SUP002).

mod common;

use std::fs;

use common::{json, json_in, positions, run, run_in};

fn got(paths: &[&str]) -> Vec<(String, u64, u64)> {
    let (_, report) = json(paths);
    positions(&report)
}

#[test]
fn fixture_directives_suppress_and_report() {
    let want: Vec<(String, u64, u64)> = [
        // `citelint-disable-file DOC007`: the file is valid UTF-8.
        ("SUP001", 3, 28),
        // `citelint-disable-next-line CIT001` above a line with no CIT001.
        ("SUP001", 13, 33),
        // `CIT0O1` is not a rule; the directive suppresses nothing.
        ("SUP002", 16, 33),
        ("CIT001", 17, 35),
    ]
    .iter()
    .map(|(c, l, col)| (c.to_string(), *l, *col))
    .collect();
    assert_eq!(got(&["fixtures/suppress/ferry-timetable.md"]), want);
    // Plain text: the next-line directive by rule name hides [5].
    assert_eq!(got(&["fixtures/suppress/library-hours.txt"]), vec![]);
}

#[test]
fn unused_suppressions_are_info_and_configurable() {
    let r = run(&["check", "--format", "concise", "fixtures/suppress/ferry-timetable.md"]);
    assert!(
        r.stdout.contains(
            "fixtures/suppress/ferry-timetable.md:13:33: info[SUP001] `citelint-disable-next-line CIT001` suppresses nothing"
        ),
        "{}",
        r.stdout
    );
    let d = tempfile::tempdir().unwrap();
    let text = "<!-- citelint-disable-next-line CIT001 -->\nClaim [1].\n\n## Sources\n\n1. A. https://example.org/a\n";
    fs::write(d.path().join("a.md"), text).unwrap();
    // Info does not fail the run by default …
    assert_eq!(run_in(d.path(), &["check", "a.md"]).code, 0);
    // … but does with --fail-on info, and can be turned off like any rule.
    assert_eq!(run_in(d.path(), &["check", "--fail-on", "info", "a.md"]).code, 1);
    fs::write(
        d.path().join("citelint.toml"),
        "[rules]\nunused-suppression = \"off\"\n",
    )
    .unwrap();
    let (code, v) = json_in(d.path(), &["--fail-on", "info", "a.md"]);
    assert_eq!(code, 0);
    assert_eq!(v["summary"]["infos"], 0);
}

#[test]
fn suppression_counts_as_used_when_the_rule_is_configured_off() {
    let d = tempfile::tempdir().unwrap();
    let text = "<!-- citelint-disable-next-line CIT001 -->\nClaim [9].\n\n## Sources\n\n1. A. https://example.org/a\n";
    fs::write(d.path().join("a.md"), text).unwrap();
    fs::write(
        d.path().join("citelint.toml"),
        "[rules]\nCIT001 = \"off\"\nCIT002 = \"off\"\n",
    )
    .unwrap();
    let (_, v) = json_in(d.path(), &["a.md"]);
    assert_eq!(positions(&v), vec![], "no SUP001: the finding exists, it is just off");
}

#[test]
fn ranges_and_file_level_in_plain_text() {
    let d = tempfile::tempdir().unwrap();
    let text = "\
Fact check: Ranges in plain text
<!-- citelint-disable CIT001 -- the minutes number their own items -->
Item [7] of the minutes covers fares.
Item [8] covers timetables.
<!-- citelint-enable CIT001 -->
Fares rise [9] next year [1].
<!-- citelint-disable-file unused-source -->
Sources:
1. Council minutes. https://example.org/council/minutes
2. Unused note. https://example.org/council/note
";
    fs::write(d.path().join("a.txt"), text).unwrap();
    let (_, v) = json_in(d.path(), &["a.txt"]);
    assert_eq!(positions(&v), vec![("CIT001".to_string(), 6, 12)]);
}

#[test]
fn suppressions_do_not_reach_sidecar_findings() {
    // Findings in a sidecar are in another file; the draft's directives stay unused.
    let d = tempfile::tempdir().unwrap();
    fs::write(
        d.path().join("a.txt"),
        "<!-- citelint-disable-file CIT002 -->\nClaim [1].\n",
    )
    .unwrap();
    fs::write(
        d.path().join("a.sources.toml"),
        "sources = [\"https://example.org/a\", \"https://example.org/b\"]\n",
    )
    .unwrap();
    let (_, v) = json_in(d.path(), &["a.txt"]);
    let files: Vec<(&str, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    assert_eq!(files, vec![("CIT002", "a.sources.toml"), ("SUP001", "a.txt")]);
}

#[test]
fn explain_knows_the_new_rules() {
    for (code, name, sev) in [
        ("SUP001", "unused-suppression", "info"),
        ("SUP002", "invalid-suppression", "warning"),
    ] {
        let r = run(&["explain", name]);
        assert_eq!(r.code, 0);
        assert!(r.stdout.starts_with(&format!("{code} ({name})")), "{}", r.stdout);
        assert!(r.stdout.contains(&format!("Default severity: {sev}")));
        assert!(r.stdout.contains("Options: none besides its severity."));
    }
}

#[test]
fn claim_rules_are_suppressible_too() {
    // Suppressions run after every per-document rule, the claim detector included.
    let d = tempfile::tempdir().unwrap();
    let text = "\
# Turnout

Election officials processed 18,200 mail ballots on Tuesday.

<!-- citelint-disable-next-line uncited-statistic -->
County staff processed 9,400 provisional ballots on Wednesday.

Turnout rose to 61 percent [1].

## Sources

1. County clerk report. https://example.org/clerk
";
    fs::write(d.path().join("a.md"), text).unwrap();
    let (_, v) = json_in(d.path(), &["a.md"]);
    assert_eq!(positions(&v), vec![("CLM003".to_string(), 3, 1)]);
}
