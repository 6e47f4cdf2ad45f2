//! Hostile input (issue 12): no panic, nothing super-linear, nothing
//! overwritten by mistake. Runs carry a hang guard (two minutes) and assert
//! behaviour and output size, never speed: inputs are large enough that the
//! quadratic behaviour they pin would not finish inside the guard.

mod common;

use std::fs;

use common::guarded;
use tempfile::TempDir;

fn dir() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

const SOURCES: &str = "\n\n## Sources\n\n1. A https://example.org/a\n";

const FORMATS: [&str; 6] = ["human", "concise", "json", "sarif", "github", "junit"];

#[test]
fn labels_far_apart_on_one_line_render_in_every_format() {
    let d = dir();
    let text = format!("Claim [1]{}[1].{SOURCES}", " ".repeat(70_000));
    fs::write(d.path().join("p.md"), text).unwrap();
    for f in FORMATS {
        let r = guarded(d.path(), &["check", "--color", "never", "--format", f, "p.md"], None);
        assert_eq!(r.code, 0, "{f}: {}", r.stderr);
        // (SARIF carries the rule table, about 34 KB.)
        let limit = if f == "sarif" { 40_000 } else { 5_000 };
        assert!(r.stdout.len() < limit, "{f}: {} bytes", r.stdout.len());
    }
    let r = guarded(d.path(), &["check", "--color", "never", "p.md"], None);
    // Both labels are shown, each in its own window.
    assert!(r.stdout.contains("p.md:1:70011"), "{}", r.stdout);
    assert!(r.stdout.contains("first cited here"), "{}", r.stdout);
    assert!(r.stdout.contains("p.md:1:8"), "{}", r.stdout);
}

#[test]
fn one_long_label_is_cut_not_drawn_seventy_thousand_columns_wide() {
    let d = dir();
    // One uncited 70,000-character sentence: its label would span the line.
    let words = "word ".repeat(14_000);
    fs::write(
        d.path().join("s.md"),
        format!("Title\n\nIn 2024, 600 troops said {words}[2].{SOURCES}"),
    )
    .unwrap();
    let r = guarded(d.path(), &["check", "--color", "never", "s.md"], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.len() < 10_000, "{} bytes", r.stdout.len());
}

#[test]
fn output_of_a_huge_marker_group_grows_linearly() {
    let d = dir();
    let n = 4_000;
    fs::write(d.path().join("g.md"), format!("Claim {}.{SOURCES}", "[1] ".repeat(n))).unwrap();
    let r = guarded(d.path(), &["check", "--color", "never", "g.md"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.matches("warning[CIT008]").count(), n - 1);
    // A few hundred bytes per finding, not the whole group each time.
    assert!(r.stdout.len() < n * 1_000, "{} bytes", r.stdout.len());

    let ids: String = (0..6_000).map(|i| format!("[{}] ", i % 900 + 1)).collect();
    let list: String = (1..=900).map(|i| format!("{i}. S https://example.org/{i}\n")).collect();
    fs::write(d.path().join("m.md"), format!("Claim {ids}.\n\n## Sources\n\n{list}")).unwrap();
    let r = guarded(d.path(), &["check", "--color", "never", "m.md"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.matches("warning[CIT008]").count(), 5_100);
    assert!(r.stdout.len() < 6_000 * 1_000, "{} bytes", r.stdout.len());
}

#[test]
fn long_runs_after_a_period_segment_in_linear_time() {
    let d = dir();
    let nbsp = format!("Café. {}end", "\u{a0}".repeat(400_000));
    fs::write(d.path().join("nb.md"), nbsp).unwrap();
    let quotes = format!("Café. {}End.", "\u{201d}".repeat(300_000));
    fs::write(d.path().join("q.md"), quotes).unwrap();
    for f in ["nb.md", "q.md"] {
        let r = guarded(d.path(), &["sentences", "--format", "json", f], None);
        assert_eq!(r.code, 0, "{f}: {}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
        assert!(v.to_string().contains("Café."), "{f}");
    }
}

#[test]
fn deep_flow_nesting_in_front_matter_is_an_error_not_a_hang() {
    let d = dir();
    let n = 400_000;
    let text = format!("---\nsources: {}{}\n---\nText [1].\n", "[".repeat(n), "]".repeat(n));
    fs::write(d.path().join("y.md"), text).unwrap();
    let r = guarded(d.path(), &["check", "--format", "concise", "y.md"], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("DOC004"), "{}", r.stdout);
    assert!(r.stdout.contains("deeper than 64 levels"), "{}", r.stdout);
}
