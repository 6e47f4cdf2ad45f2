//! Snapshots of the full human (colour off) and JSON output on the fixtures.
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
