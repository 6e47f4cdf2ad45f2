//! Snapshots of every output format (human with colour off, JSON, concise,
//! SARIF, GitHub, JUnit) on the same fixtures.
//! Review changes with `INSTA_UPDATE=always cargo test` and `git diff`.

mod common;

use common::run;

#[test]
fn human_output_rules_fixtures() {
    let r = run(&["check", "--color", "never", "fixtures/rules", "fixtures/seedlike"]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("human_rules", r.stdout);
}

#[test]
fn json_output_rules_fixtures() {
    let r = run(&["check", "--format", "json", "fixtures/rules"]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("json_rules", r.stdout);
}

#[test]
fn human_output_no_color_env() {
    // NO_COLOR with --color auto: no escape codes.
    let out = common::citelint()
        .env("NO_COLOR", "1")
        .args(["check", "fixtures/seedlike"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(!s.contains('\u{1b}'), "no ANSI escapes under NO_COLOR");
    assert!(s.contains("error[DOC001] missing-sources"));
}

#[test]
fn color_always_uses_escapes() {
    let r = run(&["check", "--color", "always", "fixtures/seedlike"]);
    assert!(r.stdout.contains('\u{1b}'));
}

/// Runs `check --format FORMAT` on the rule fixtures (the same set as the
/// JSON snapshot).
fn format_output(format: &str) -> String {
    let r = run(&["check", "--format", format, "fixtures/rules"]);
    assert_eq!(r.code, 1, "{format}: {}", r.stderr);
    r.stdout
}

#[test]
fn concise_output_rules_fixtures() {
    insta::assert_snapshot!("concise_rules", format_output("concise"));
}

#[test]
fn github_output_rules_fixtures() {
    insta::assert_snapshot!("github_rules", format_output("github"));
}

#[test]
fn junit_output_rules_fixtures() {
    insta::assert_snapshot!("junit_rules", format_output("junit"));
}

#[test]
fn sarif_output_rules_fixtures() {
    // The version changes with every release; nothing else is machine-specific
    // (paths are relative, there are no timestamps).
    let out = format_output("sarif").replace(&format!("\"{}\"", env!("CARGO_PKG_VERSION")), "\"[VERSION]\"");
    insta::assert_snapshot!("sarif_rules", out);
}
