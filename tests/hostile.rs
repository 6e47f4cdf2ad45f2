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
fn numbers_in_one_sentence_are_read_in_linear_time() {
    // Every number's frame used to rescan its sentence (example cues,
    // modals, the year nearest to it, the mention it borrows from): 40,000
    // numbers took 6 s and 100,000 markers a minute in a release build, so
    // none of these would finish inside the hang guard.
    let d = dir();
    fs::write(
        d.path().join("n.md"),
        format!("Claim {}.\n", ["12345"; 100_000].join(" ")),
    )
    .unwrap();
    let r = guarded(d.path(), &["check", "--format", "json", "n.md"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["summary"]["files"], 1);

    let ids: String = (1..=100_000).map(|i| format!("[{i}] ")).collect();
    fs::write(d.path().join("g.md"), format!("Claim {ids}.{SOURCES}")).unwrap();
    let r = guarded(d.path(), &["check", "--format", "json", "g.md"], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    assert!(diags.len() > 9_000, "{} findings", diags.len());
    assert!(diags.iter().all(|x| x["code"] == "CIT001"), "{}", diags[0]);

    // Each count takes the year of its own clause nearest to it.
    let n = 10_000;
    let text = format!("In 2020, {}.\n", ["12 troops in 2021"; 10_000].join(" "));
    fs::write(d.path().join("y.md"), text).unwrap();
    let r = guarded(d.path(), &["numbers", "--format", "json", "--isolated", "y.md"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let years: Vec<u64> = v["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .flat_map(|k| k["mentions"].as_array().expect("mentions"))
        .map(|m| m["year"].as_u64().expect("year"))
        .collect();
    assert_eq!(years.len(), n);
    assert_eq!(
        years.iter().filter(|&&y| y == 2020).count(),
        1,
        "only the first is 2020's"
    );
    assert_eq!(years.iter().filter(|&&y| y == 2021).count(), n - 1);
}

/// A distinct capitalised name for each `i`: "Qa", "Qb", …, "Qba", ….
fn name(mut i: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'a' + (i % 26) as u8);
        i /= 26;
        if i == 0 {
            break;
        }
    }
    letters.reverse();
    format!("Q{}", String::from_utf8(letters).unwrap())
}

#[test]
fn claim_scoring_of_a_long_sentence_is_linear() {
    // The claim scorer looked each token up in the sentence's lexicon hits
    // by scanning them, and each name in the names seen so far: 40,000
    // names took 2.7 s and 40,000 "several troops" 2.4 s in a release build.
    let d = dir();
    let n = 100_000;
    let names: String = (0..n).map(|i| format!("{} 5 troops, ", name(i))).collect();
    fs::write(d.path().join("e.md"), format!("Claim {names}and 7 in May 2020.\n")).unwrap();
    let vague = "several troops ".repeat(150_000);
    fs::write(d.path().join("v.md"), format!("Claim {vague}left.\n")).unwrap();
    for (file, features) in [
        ("e.md", &["quantity", "date", "entity"][..]),
        ("v.md", &["few quantity"][..]),
    ] {
        let r = guarded(d.path(), &["sentences", "--format", "json", file], None);
        assert_eq!(r.code, 0, "{file}: {}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
        let reasons = v[0]["reasons"].as_array().expect("reasons");
        let found: Vec<&str> = reasons.iter().filter_map(|x| x["feature"].as_str()).collect();
        for f in features {
            assert!(
                found.contains(f),
                "{file}: no {f} in {:?}",
                &found[..found.len().min(10)]
            );
        }
        if file == "e.md" {
            // Every name once: all are distinct.
            assert_eq!(found.iter().filter(|&&f| f == "entity").count(), n);
        }
    }
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

fn utf16(s: &str, little: bool) -> Vec<u8> {
    let mut out = if little { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for u in s.encode_utf16() {
        out.extend(if little { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn utf16_with_a_bom_is_decoded_and_linted() {
    let d = dir();
    let text = format!("Café claim [7].{SOURCES}");
    for (name, little) in [("le.md", true), ("be.md", false)] {
        let bytes = utf16(&text, little);
        fs::write(d.path().join(name), &bytes).unwrap();
        let r = guarded(d.path(), &["check", "--format", "json", name], None);
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let diag = &v["diagnostics"][0];
        assert_eq!(
            (diag["code"].as_str(), diag["line"].as_u64(), diag["column"].as_u64()),
            (Some("CIT001"), Some(1), Some(12))
        );
        // Byte offsets index the UTF-16 file: the BOM and 11 characters of 2 bytes.
        assert_eq!(diag["byte_start"].as_u64(), Some(2 + 11 * 2), "{diag}");
        assert_eq!(v["summary"]["files"], 1);
    }
}

#[test]
fn files_skipped_as_binary_are_counted_in_the_summary() {
    let d = dir();
    fs::write(d.path().join("bin.md"), b"Claim [1].\0\0\0 binary").unwrap();
    fs::write(d.path().join("ok.md"), "Plain text.\n").unwrap();
    let r = guarded(d.path(), &["check", "--color", "never", "bin.md", "ok.md"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("1 file checked, 1 skipped as binary"), "{}", r.stdout);
    let r = guarded(d.path(), &["check", "--format", "json", "bin.md", "ok.md"], None);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (v["summary"]["files"].as_u64(), v["summary"]["skipped"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn reports_and_baselines_never_overwrite_an_input() {
    let d = dir();
    let draft = format!("Claim [2].{SOURCES}");
    fs::write(d.path().join("a.md"), &draft).unwrap();
    std::os::unix::fs::symlink("a.md", d.path().join("alias.md")).unwrap();
    for args in [
        vec!["check", "-o", "a.md", "a.md"],
        vec!["check", "-o", "./a.md", "."],
        vec!["check", "-o", "alias.md", "a.md"],
        vec!["baseline", "-o", "a.md", "a.md"],
    ] {
        let r = guarded(d.path(), &args, None);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("one of the files being read"),
            "{args:?}: {}",
            r.stderr
        );
        assert_eq!(fs::read_to_string(d.path().join("a.md")).unwrap(), draft, "{args:?}");
    }
}

#[test]
fn reports_write_through_symlinks_and_respect_read_only_targets() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir();
    fs::write(d.path().join("a.md"), format!("Claim [1].{SOURCES}")).unwrap();
    fs::create_dir(d.path().join("out")).unwrap();
    fs::write(d.path().join("out/real.json"), "old").unwrap();
    std::os::unix::fs::symlink("out/real.json", d.path().join("link.json")).unwrap();
    let r = guarded(
        d.path(),
        &["check", "--format", "json", "-o", "link.json", "a.md"],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let link = fs::symlink_metadata(d.path().join("link.json")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    let report = fs::read_to_string(d.path().join("out/real.json")).unwrap();
    assert!(report.contains("\"summary\""), "{report}");

    let ro = d.path().join("ro.json");
    fs::write(&ro, "keep").unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    for args in [
        vec!["check", "-o", "ro.json", "a.md"],
        vec!["baseline", "-o", "ro.json", "a.md"],
    ] {
        let r = guarded(d.path(), &args, None);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("ro.json: it is read-only"), "{args:?}: {}", r.stderr);
        assert_eq!(fs::read_to_string(&ro).unwrap(), "keep");
    }
}

#[test]
fn init_killed_mid_write_leaves_no_config_behind() {
    let d = dir();
    let bin = assert_cmd::cargo::cargo_bin("citelint");
    // A file-size limit of 0 kills the process (SIGXFSZ) at its first write.
    let status = std::process::Command::new("sh")
        .current_dir(d.path())
        .arg("-c")
        .arg(format!("ulimit -f 0; exec '{}' init", bin.display()))
        .status()
        .unwrap();
    assert!(!status.success());
    assert!(
        !d.path().join("citelint.toml").exists(),
        "a partial citelint.toml was left"
    );
    let r = guarded(d.path(), &["init"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = fs::read_to_string(d.path().join("citelint.toml")).unwrap();
    assert!(text.contains("fail-on"), "{text}");
    let r = guarded(d.path(), &["init"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("citelint.toml already exists"), "{}", r.stderr);
}

#[test]
fn a_sidecar_that_is_not_a_file_is_an_error() {
    let d = dir();
    for name in ["dir", "fifo", "loop"] {
        fs::write(d.path().join(format!("{name}.md")), "Claim [1].\n").unwrap();
    }
    fs::create_dir(d.path().join("dir.sources.toml")).unwrap();
    let fifo = d.path().join("fifo.sources.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("loop.sources.toml", d.path().join("loop.sources.toml")).unwrap();
    for (name, says) in [
        ("dir", "a directory, not a sidecar file"),
        ("fifo", "a FIFO, not a sidecar file"),
        ("loop", "a link that cannot be followed"),
    ] {
        let r = guarded(d.path(), &["check", &format!("{name}.md")], None);
        assert_eq!(r.code, 2, "{name}: {}{}", r.stdout, r.stderr);
        assert!(
            r.stderr.contains(&format!("error: {name}.sources.toml: {says}")),
            "{name}: {}",
            r.stderr
        );
    }
}

#[test]
fn config_mistakes_are_named_precisely() {
    let d = dir();
    fs::write(d.path().join("a.md"), "Text.\n").unwrap();
    let cases: [(&[u8], &str); 3] = [
        (
            b"[markers]\nyear-min = 2100\nyear-max = 1900\n",
            "year-min (2100) is greater than year-max (1900)",
        ),
        (b"extend = \"sub\"\n", "sub is a directory, not a config file"),
        (b"# ok\nx = \"\xff\"\n", "is not valid UTF-8 (line 2, column 6)"),
    ];
    fs::create_dir(d.path().join("sub")).unwrap();
    for (text, says) in cases {
        fs::write(d.path().join("citelint.toml"), text).unwrap();
        let r = guarded(d.path(), &["check", "a.md"], None);
        assert_eq!(r.code, 2, "{says}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{says}: {}", r.stderr);
    }
}

#[test]
fn control_characters_in_names_are_escaped_in_terminal_output() {
    let d = dir();
    let name = "evil\u{1b}[2J.md";
    fs::write(d.path().join(name), format!("Claim [2].{SOURCES}")).unwrap();
    for f in ["human", "concise"] {
        let r = guarded(d.path(), &["check", "--color", "never", "--format", f, name], None);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(!r.stdout.contains('\u{1b}'), "{f}: raw escape in {:?}", r.stdout);
        assert!(r.stdout.contains("evil\\u{1b}[2J.md"), "{f}: {}", r.stdout);
    }
}

#[test]
fn fix_writes_a_draft_and_its_sidecar_through_links_and_respects_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir();
    let sidecar = "[[sources]]\nid = 1\ntitle = \"One\"\n\n[[sources]]\nid = 2\ntitle = \"Two\"\n";
    // Renumbering touches both files: [2] becomes [1] in the draft and the
    // sidecar's entries swap.
    fs::create_dir(d.path().join("real")).unwrap();
    fs::write(d.path().join("real/side.sources.toml"), sidecar).unwrap();
    fs::write(d.path().join("side.txt"), "Claim [2].\n").unwrap();
    std::os::unix::fs::symlink("real/side.sources.toml", d.path().join("side.sources.toml")).unwrap();
    let r = guarded(d.path(), &["fix", "side.txt"], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(fs::read_to_string(d.path().join("side.txt")).unwrap(), "Claim [1].\n");
    let link = fs::symlink_metadata(d.path().join("side.sources.toml")).unwrap();
    assert!(link.file_type().is_symlink(), "the sidecar link was replaced");
    let renumbered = fs::read_to_string(d.path().join("real/side.sources.toml")).unwrap();
    assert!(
        renumbered.starts_with("[[sources]]\nid = 1\ntitle = \"Two\""),
        "{renumbered}"
    );

    // A read-only draft is refused and neither file changes.
    fs::write(d.path().join("ro.txt"), "Claim [2].\n").unwrap();
    fs::write(d.path().join("ro.sources.toml"), sidecar).unwrap();
    fs::set_permissions(d.path().join("ro.txt"), fs::Permissions::from_mode(0o444)).unwrap();
    let r = guarded(d.path(), &["fix", "ro.txt"], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("error: ro.txt: cannot write: it is read-only"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read_to_string(d.path().join("ro.txt")).unwrap(), "Claim [2].\n");
    assert_eq!(fs::read_to_string(d.path().join("ro.sources.toml")).unwrap(), sidecar);
}
