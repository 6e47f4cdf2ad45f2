//! Hostile input and configuration: clear messages, right exit codes, no panics.

mod common;

use std::fs;

use common::{guarded, json_in, positions, run_in};
use tempfile::TempDir;

fn dir() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

const SOURCES: &str = "\n## Sources\n\n1. Report. https://example.org/r\n";

#[test]
fn same_file_named_twice_is_checked_once_and_no_drafts_warns() {
    let d = dir();
    fs::write(d.path().join("a.md"), "Claim [1].\n").unwrap();
    let (_, report) = json_in(d.path(), &["a.md", "./a.md", "."]);
    assert_eq!(report["summary"]["files"], 1);
    fs::create_dir(d.path().join("empty")).unwrap();
    let r = run_in(d.path(), &["check", "empty"]);
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("no drafts found"), "{}", r.stderr);
}

#[test]
fn trailing_bracketed_sources_need_no_heading() {
    let d = dir();
    fs::write(
        d.path().join("chat.txt"),
        "The figure rose [1] [2].\n\n[1] https://example.org/a\n[2] Report. https://example.org/b\n",
    )
    .unwrap();
    let (code, report) = json_in(d.path(), &["chat.txt"]);
    assert_eq!(code, 0);
    assert!(positions(&report).is_empty(), "{report:#}");
}

#[test]
fn duplicate_across_draft_and_sidecar_shows_both_files() {
    let d = dir();
    fs::write(
        d.path().join("a.md"),
        "Claim [1].\n\n## Sources\n\n1. Body entry. https://example.org/a\n",
    )
    .unwrap();
    fs::write(
        d.path().join("a.sources.toml"),
        "[[sources]]\nid = 1\ntitle = \"Other\"\nurl = \"https://example.org/b\"\n",
    )
    .unwrap();
    let (code, report) = json_in(d.path(), &["a.md"]);
    assert_eq!(code, 1);
    let diag = &report["diagnostics"][0];
    assert_eq!(
        (diag["code"].as_str(), diag["file"].as_str(), diag["line"].as_u64()),
        (Some("CIT003"), Some("a.sources.toml"), Some(1))
    );
    assert_eq!(diag["related"][0]["file"], "a.md");
    assert_eq!(diag["related"][0]["line"], 5);
    let human = run_in(d.path(), &["check", "--color", "never", "a.md"]);
    assert!(
        human.stdout.contains("a.sources.toml:1:1") && human.stdout.contains("a.md:5:1"),
        "{}",
        human.stdout
    );
}

#[test]
fn empty_files_are_clean() {
    let d = dir();
    fs::write(d.path().join("empty.md"), "").unwrap();
    fs::write(d.path().join("empty.txt"), "").unwrap();
    let (code, report) = json_in(d.path(), &["."]);
    assert_eq!(code, 0);
    assert_eq!(report["summary"]["files"], 2);
    assert!(positions(&report).is_empty());
}

#[test]
fn bom_and_crlf_keep_positions_right() {
    let d = dir();
    let text = "\u{feff}# Title\r\n\r\nClaim [2].\r\n\r\n## Sources\r\n\r\n1. Report. https://example.org/r\r\n";
    fs::write(d.path().join("bom.md"), text).unwrap();
    let (_, report) = json_in(d.path(), &["bom.md"]);
    let got = positions(&report);
    assert_eq!(got, vec![("CIT001".into(), 3, 7), ("CIT002".into(), 7, 1)]);
    // Byte offsets index the file on disk, BOM included.
    let start = report["diagnostics"][0]["byte_start"].as_u64().unwrap() as usize;
    assert_eq!(&text.as_bytes()[start..start + 3], b"[2]");
}

#[test]
fn lone_carriage_returns_are_line_breaks() {
    let d = dir();
    fs::write(
        d.path().join("mac.txt"),
        "Title\rClaim [2].\rSources\r1. Report. https://example.org/r\r",
    )
    .unwrap();
    let (_, report) = json_in(d.path(), &["mac.txt"]);
    assert_eq!(
        positions(&report),
        vec![("CIT001".into(), 2, 7), ("CIT002".into(), 4, 1)]
    );
}

#[test]
fn non_utf8_is_decoded_and_reported_once() {
    let d = dir();
    fs::write(
        d.path().join("latin1.txt"),
        b"Caf\xe9 \xe9t\xe9 [1].\nSources\n1. R\xe9sum\xe9. https://example.org/r\n",
    )
    .unwrap();
    let (code, report) = json_in(d.path(), &["latin1.txt"]);
    assert_eq!(code, 0);
    assert_eq!(positions(&report), vec![("DOC007".into(), 1, 4)]);
    assert_eq!(report["diagnostics"][0]["severity"], "info");
    // Byte offsets index the bytes on disk even after replaced bytes.
    let bytes = b"Caf\xe9 \xe9t\xe9 [9].\nSources\n1. R\xe9sum\xe9. https://example.org/r\n".to_vec();
    fs::write(d.path().join("latin2.txt"), &bytes).unwrap();
    let (_, report) = json_in(d.path(), &["latin2.txt"]);
    let cit = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "CIT001")
        .unwrap();
    let (s, e) = (
        cit["byte_start"].as_u64().unwrap() as usize,
        cit["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&bytes[s..e], b"[9]");
}

#[test]
fn binary_files_are_skipped_with_a_note() {
    let d = dir();
    fs::write(d.path().join("image.md"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR[1]").unwrap();
    fs::write(d.path().join("ok.md"), format!("Claim [1].\n{SOURCES}")).unwrap();
    let r = run_in(d.path(), &["check", "."]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("image.md: binary file"), "{}", r.stderr);
    assert!(r.stdout.contains("1 file checked"), "{}", r.stdout);
}

#[test]
fn huge_lines_and_many_markers_do_not_hang_or_flood() {
    let d = dir();
    // A 4 MB single line with an undefined marker in the middle.
    let filler = "word ".repeat(400_000);
    fs::write(d.path().join("long.md"), format!("{filler}[9]{filler}\n{SOURCES}")).unwrap();
    let r = run_in(d.path(), &["check", "--color", "never", "long.md"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("CIT001"));
    assert!(
        r.stdout.len() < 4_000,
        "snippet must be windowed, got {} bytes",
        r.stdout.len()
    );
    // 20,000 markers in one file.
    let many: String = (0..20_000).map(|i| format!("Claim {i} [1].\n")).collect();
    fs::write(d.path().join("many.md"), format!("{many}{SOURCES}")).unwrap();
    let (code, report) = json_in(d.path(), &["many.md"]);
    assert_eq!(code, 0);
    assert!(positions(&report).is_empty());
}

#[test]
fn deeply_nested_markdown_is_fine() {
    let d = dir();
    let quotes = format!("{} deep claim [1].\n", ">".repeat(500));
    let lists: String = (0..300).map(|i| format!("{}- item [1]\n", "  ".repeat(i))).collect();
    fs::write(d.path().join("nested.md"), format!("{quotes}\n{lists}\n{SOURCES}")).unwrap();
    let (code, _) = json_in(d.path(), &["nested.md"]);
    assert_eq!(code, 0);
}

#[test]
fn unreadable_paths_are_io_errors() {
    let d = dir();
    fs::write(d.path().join("ok.md"), "No markers here.\n").unwrap();
    std::os::unix::fs::symlink(d.path().join("missing-target.md"), d.path().join("dangling.md")).unwrap();
    let r = run_in(d.path(), &["check", "ok.md", "dangling.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("dangling.md: no such file or directory"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout.contains("1 file checked"),
        "other files are still checked: {}",
        r.stdout
    );
}

#[test]
fn symlink_loops_and_directories_named_like_files() {
    let d = dir();
    fs::create_dir(d.path().join("folder.md")).unwrap();
    fs::write(d.path().join("folder.md/inner.md"), "Claim [1].\n").unwrap();
    std::os::unix::fs::symlink(d.path(), d.path().join("loop")).unwrap();
    let (code, report) = json_in(d.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(positions(&report), vec![("DOC001".into(), 1, 7)]);
}

#[test]
fn gitignore_and_hidden_files_are_respected() {
    let d = dir();
    fs::write(d.path().join(".gitignore"), "ignored.md\n").unwrap();
    fs::write(d.path().join("ignored.md"), "Claim [1].\n").unwrap();
    fs::write(d.path().join(".hidden.md"), "Claim [1].\n").unwrap();
    fs::write(d.path().join("notes.rst"), "Claim [1].\n").unwrap();
    fs::write(d.path().join("kept.md"), "Claim [1].\n").unwrap();
    let (_, report) = json_in(d.path(), &["."]);
    let files: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files, vec!["kept.md"]);
    // Named explicitly, any extension is checked.
    let (_, report) = json_in(d.path(), &["notes.rst"]);
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn config_turns_rules_off_by_code_or_name_and_nearest_wins() {
    let d = dir();
    let draft = "Claim [1].\n\n## Sources\n\n1. Cited. https://example.org/a\n2. Uncited. https://example.org/b\n";
    fs::write(d.path().join("top.md"), draft).unwrap();
    fs::create_dir(d.path().join("sub")).unwrap();
    fs::write(d.path().join("sub/inner.md"), draft).unwrap();
    fs::write(d.path().join("citelint.toml"), "[rules]\nunused-source = \"error\"\n").unwrap();
    fs::write(d.path().join("sub/.citelint.toml"), "[rules]\nCIT002 = \"off\"\n").unwrap();
    let (code, report) = json_in(d.path(), &["."]);
    assert_eq!(code, 1);
    let got: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(got, vec![("top.md", "error")]);
    // --isolated ignores both files.
    let r = run_in(d.path(), &["check", "--isolated", "--format", "json", "."]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["summary"]["warnings"], 2);
    // --config applies one file to everything.
    fs::write(d.path().join("alt.toml"), "[rules]\nCIT002 = \"info\"\n").unwrap();
    let (_, v) = json_in(d.path(), &["--config", "alt.toml", "."]);
    assert_eq!(v["summary"]["infos"], 2);
}

#[test]
fn config_exclude_and_extensions() {
    let d = dir();
    fs::create_dir(d.path().join("archive")).unwrap();
    fs::write(d.path().join("archive/old.md"), "Claim [1].\n").unwrap();
    fs::write(d.path().join("new.md"), "Claim [1].\n").unwrap();
    fs::write(d.path().join("new.txt"), "Claim [1].\n").unwrap();
    fs::write(
        d.path().join("citelint.toml"),
        "extensions = [\"md\"]\nexclude = [\"archive/**\"]\n",
    )
    .unwrap();
    let (_, v) = json_in(d.path(), &["."]);
    assert_eq!(v["summary"]["files"], 1);
    // Named explicitly, an excluded file is checked unless --force-exclude.
    let (_, v) = json_in(d.path(), &["archive/old.md"]);
    assert_eq!(v["summary"]["files"], 1);
    let (_, v) = json_in(d.path(), &["--force-exclude", "archive/old.md"]);
    assert_eq!(v["summary"]["files"], 0);
}

#[test]
fn bad_config_is_a_spanned_error_with_exit_2() {
    let d = dir();
    fs::write(d.path().join("a.md"), "Text.\n").unwrap();
    fs::write(
        d.path().join("citelint.toml"),
        "fail-on = \"error\"\n\n[rules]\nCIT999 = \"off\"\n",
    )
    .unwrap();
    let r = run_in(d.path(), &["check", "--color", "never", "a.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown rule \"CIT999\""), "{}", r.stderr);
    assert!(
        r.stderr.contains("citelint.toml:4:1"),
        "points at the line: {}",
        r.stderr
    );
    assert!(r.stderr.contains("CIT999 = \"off\""), "shows the line: {}", r.stderr);

    fs::write(d.path().join("citelint.toml"), "[rules\nCIT001 = 1\n").unwrap();
    let r = run_in(d.path(), &["check", "a.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid config"), "{}", r.stderr);

    fs::write(d.path().join("citelint.toml"), "[rules]\nCIT001 = \"loud\"\n").unwrap();
    let r = run_in(d.path(), &["check", "a.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid severity \"loud\""), "{}", r.stderr);
}

#[test]
fn config_fail_on_applies() {
    let d = dir();
    fs::write(
        d.path().join("a.md"),
        "Claim [1].\n\n## Sources\n\n1. A https://example.org/a\n2. B https://example.org/b\n",
    )
    .unwrap();
    assert_eq!(run_in(d.path(), &["check", "a.md"]).code, 0);
    fs::write(d.path().join("citelint.toml"), "fail-on = \"warning\"\n").unwrap();
    assert_eq!(run_in(d.path(), &["check", "a.md"]).code, 1);
    // The file's own configuration decides, wherever citelint runs from.
    let parent = d.path().parent().unwrap();
    let rel = format!("{}/a.md", d.path().file_name().unwrap().to_str().unwrap());
    assert_eq!(run_in(parent, &["check", "--isolated", &rel]).code, 0);
    assert_eq!(run_in(parent, &["check", &rel]).code, 1);
    // --fail-on overrides it.
    assert_eq!(run_in(d.path(), &["check", "--fail-on", "error", "a.md"]).code, 0);
}

// ---------------------------------------------------------------------------
// Hostile inputs (issue 6). Each run has a generous timeout that only guards
// against a hang; none asserts speed. No run may panic.

fn guarded_json(dir: &std::path::Path, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let r = guarded(dir, &all, None);
    let v = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("JSON ({e}): {}\n{}", r.stdout, r.stderr));
    (r.code, v)
}

/// Whether mode 000 keeps this process out (not so for root).
fn permissions_apply(path: &std::path::Path) -> bool {
    fs::read(path).is_err()
}

fn chmod(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn ten_megabyte_single_line() {
    let d = dir();
    let half = "word ".repeat(1_000_000);
    fs::write(d.path().join("long.md"), format!("{half}[9] {half}\n{SOURCES}")).unwrap();
    assert!(fs::metadata(d.path().join("long.md")).unwrap().len() > 10_000_000);
    let (code, v) = guarded_json(d.path(), &["long.md"]);
    assert_eq!(code, 1);
    // The column counts characters from the start of the 10 MB line.
    assert_eq!(
        positions(&v),
        vec![("CIT001".into(), 1, 5_000_001), ("CIT002".into(), 5, 1)]
    );
    let r = guarded(d.path(), &["check", "--color", "never", "long.md"], None);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("long.md:1:5000001"), "{}", r.stdout);
    assert!(
        r.stdout.len() < 4_000,
        "snippet must be windowed: {} bytes",
        r.stdout.len()
    );
}

#[test]
fn hundred_thousand_markers_in_one_file() {
    let d = dir();
    // All on one line, all resolved: clean.
    fs::write(
        d.path().join("line.md"),
        format!("{}\n{SOURCES}", "Claim [1]. ".repeat(100_000)),
    )
    .unwrap();
    let (code, v) = guarded_json(d.path(), &["line.md"]);
    assert_eq!(
        (code, v["summary"]["errors"].as_u64()),
        (0, Some(0)),
        "{}",
        v["summary"]
    );
    // All undefined, on one line: one finding each, each at its own column.
    fs::write(
        d.path().join("bad.md"),
        format!("{}\n{SOURCES}", "Claim [2]. ".repeat(100_000)),
    )
    .unwrap();
    let r = guarded(d.path(), &["check", "--format", "concise", "bad.md"], None);
    assert_eq!(r.code, 1);
    let cit: Vec<&str> = r.stdout.lines().filter(|l| l.contains("CIT001")).collect();
    assert_eq!(cit.len(), 100_000);
    assert!(cit[0].starts_with("bad.md:1:7:"), "{}", cit[0]);
    assert!(cit[99_999].starts_with("bad.md:1:1099996:"), "{}", cit[99_999]);
    assert!(
        r.stdout.ends_with("1 file checked: 100000 errors, 1 warning\n"),
        "{}",
        &r.stdout[r.stdout.len() - 200..]
    );
    // One marker per line.
    let lines: String = (0..100_000).map(|i| format!("Claim {i} [1].\n")).collect();
    fs::write(
        d.path().join("lines.txt"),
        format!("{lines}\nSources\n1. Report. https://example.org/r\n"),
    )
    .unwrap();
    let (code, v) = guarded_json(d.path(), &["lines.txt"]);
    assert_eq!(code, 0, "{}", v["summary"]);
}

#[test]
fn a_finding_near_the_start_of_a_long_first_line_renders() {
    // The human snippet cuts long lines to a window; the window once began 1
    // or 2 bytes into the file and its virtual offset went below zero.
    let d = dir();
    for lead in [59, 60, 61, 62, 63] {
        let name = format!("lead{lead}.md");
        fs::write(
            d.path().join(&name),
            format!("{}[9]{}\n{SOURCES}", "x".repeat(lead), "y".repeat(300)),
        )
        .unwrap();
        let r = guarded(d.path(), &["check", "--color", "never", &name], None);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stdout.contains(&format!("{name}:1:{}", lead + 1)), "{}", r.stdout);
    }
}

#[test]
fn tiny_and_degenerate_files() {
    let d = dir();
    let cases: &[(&str, &[u8], i32, &[&str])] = &[
        ("bom-only.md", b"\xef\xbb\xbf", 0, &[]),
        ("cr-only.txt", b"\r", 0, &[]),
        ("crlf-only.md", b"\r\n", 0, &[]),
        ("blank.md", b"\n\n\n   \t\n", 0, &[]),
        ("open.md", b"[", 0, &[]),
        ("close.md", b"]", 0, &[]),
        ("unclosed.txt", b"[1", 1, &["CIT006"]),
        ("fence-only.md", b"---\n", 0, &[]),
        ("toml-fence-only.md", b"+++", 0, &[]),
        ("bom-crlf.txt", b"\xef\xbb\xbf\r\n[1]", 1, &["DOC001"]),
        ("replacement.txt", "\u{FFFD}".as_bytes(), 0, &[]),
    ];
    for (name, bytes, want, codes) in cases {
        fs::write(d.path().join(name), bytes).unwrap();
        let (code, v) = guarded_json(d.path(), &["--isolated", name]);
        let got: Vec<String> = positions(&v).into_iter().map(|p| p.0).collect();
        assert_eq!(
            (code, got),
            (*want, codes.iter().map(|c| c.to_string()).collect()),
            "{name}"
        );
    }
}

#[test]
fn bom_with_lone_carriage_returns() {
    let d = dir();
    let text = "\u{feff}Title\rClaim [2].\r\rSources\r1. Report. https://example.org/r\r";
    fs::write(d.path().join("mac.txt"), text).unwrap();
    let (code, v) = guarded_json(d.path(), &["mac.txt"]);
    assert_eq!(code, 1);
    assert_eq!(positions(&v), vec![("CIT001".into(), 2, 7), ("CIT002".into(), 5, 1)]);
    let start = v["diagnostics"][0]["byte_start"].as_u64().unwrap() as usize;
    assert_eq!(&text.as_bytes()[start..start + 3], b"[2]");
}

#[test]
fn very_deep_markdown_nesting() {
    let d = dir();
    let quotes = format!("{} deep claim [1].\n", ">".repeat(20_000));
    let lists: String = (0..3_000).map(|i| format!("{}- item [1]\n", "  ".repeat(i))).collect();
    let brackets = format!("{}1{}\n", "[".repeat(50_000), "]".repeat(50_000));
    let emphasis = format!("{}claim{} [1]\n", "*_".repeat(20_000), "_*".repeat(20_000));
    let links = format!("{}x{}\n", "[a](".repeat(10_000), ")".repeat(10_000));
    for (name, body) in [
        ("quotes.md", quotes),
        ("lists.md", lists),
        ("brackets.md", brackets),
        ("emphasis.md", emphasis),
        ("links.md", links),
    ] {
        fs::write(d.path().join(name), format!("{body}\n{SOURCES}")).unwrap();
        let (code, v) = guarded_json(d.path(), &[name]);
        assert!(code == 0 || code == 1, "{name}: {code}");
        assert_eq!(v["summary"]["files"], 1, "{name}");
    }
}

#[test]
fn unreadable_files_and_directories() {
    let d = dir();
    fs::write(d.path().join("ok.md"), "No markers here.\n").unwrap();
    fs::write(d.path().join("secret.md"), "Claim [1].\n").unwrap();
    fs::create_dir(d.path().join("locked")).unwrap();
    fs::write(d.path().join("locked/inner.md"), "Claim [1].\n").unwrap();
    chmod(&d.path().join("secret.md"), 0o000);
    chmod(&d.path().join("locked"), 0o000);
    let enforced = permissions_apply(&d.path().join("secret.md"));
    let named = guarded(d.path(), &["check", "ok.md", "secret.md"], None);
    let walked = guarded(d.path(), &["check", "."], None);
    chmod(&d.path().join("locked"), 0o755);
    chmod(&d.path().join("secret.md"), 0o644);
    if !enforced {
        // Root reads anything: mode 000 cannot be tested here. Say so
        // rather than pass silently, and check the files were just read.
        eprintln!("note: running as root, permission checks skipped");
        assert_eq!(named.code, 1, "{}", named.stderr);
        return;
    }
    assert_eq!(named.code, 2, "{}", named.stderr);
    assert!(
        named.stderr.contains("secret.md: permission denied"),
        "{}",
        named.stderr
    );
    assert!(named.stdout.contains("1 file checked"), "{}", named.stdout);
    assert_eq!(walked.code, 2, "{}", walked.stderr);
    assert!(walked.stderr.contains("locked"), "{}", walked.stderr);
}

#[test]
fn an_unreadable_directory_is_named_once() {
    let d = dir();
    fs::write(d.path().join("ok.md"), "No markers here.\n").unwrap();
    fs::create_dir(d.path().join("locked")).unwrap();
    fs::write(d.path().join("locked/inner.md"), "Claim [1].\n").unwrap();
    chmod(d.path(), 0o755);
    chmod(&d.path().join("locked"), 0o000);
    let bin = assert_cmd::cargo::cargo_bin("citelint");
    let out = if fs::read_dir(d.path().join("locked")).is_err() {
        std::process::Command::new(&bin)
            .current_dir(d.path())
            .args(["check", "."])
            .output()
    } else {
        // Root reads anything: run as nobody where setpriv exists.
        std::process::Command::new("setpriv")
            .current_dir(d.path())
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin)
            .args(["check", "."])
            .output()
    };
    chmod(&d.path().join("locked"), 0o755);
    let Ok(out) = out else {
        eprintln!("note: running as root without setpriv, permission check skipped");
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("error: locked: permission denied"), "{stderr}");
    // The walker's own message repeats the path at every layer.
    assert_eq!(stderr.matches("locked").count(), 1, "{stderr}");
}

#[test]
fn symlink_loop_named_on_the_command_line() {
    let d = dir();
    fs::write(d.path().join("ok.md"), "No markers here.\n").unwrap();
    std::os::unix::fs::symlink("l1.md", d.path().join("l2.md")).unwrap();
    std::os::unix::fs::symlink("l2.md", d.path().join("l1.md")).unwrap();
    std::os::unix::fs::symlink("self.md", d.path().join("self.md")).unwrap();
    let r = guarded(d.path(), &["check", "ok.md", "l1.md", "self.md"], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("l1.md:") && r.stderr.contains("self.md:"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("1 file checked"), "{}", r.stdout);
    // In a walk, links are not followed: no error.
    let r = guarded(d.path(), &["check", "."], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn directories_named_like_a_draft_or_a_sidecar() {
    let d = dir();
    fs::create_dir(d.path().join("folder.md")).unwrap();
    fs::write(d.path().join("folder.md/inner.md"), "Claim [1].\n").unwrap();
    // Named on the command line, it is walked.
    let (code, v) = guarded_json(d.path(), &["folder.md"]);
    assert_eq!((code, positions(&v)), (1, vec![("DOC001".into(), 1, 7)]));
    // A directory where the sidecar would be is an error (issue 12), not
    // silently no sidecar.
    fs::write(
        d.path().join("a.txt"),
        "Claim [1].\n\nSources\n1. Report. https://example.org/r\n",
    )
    .unwrap();
    fs::create_dir(d.path().join("a.sources.toml")).unwrap();
    let r = guarded(d.path(), &["check", "a.txt"], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("a.sources.toml: a directory"), "{}", r.stderr);
}

#[test]
fn a_path_that_does_not_exist() {
    let d = dir();
    fs::write(d.path().join("ok.md"), "Claim [1].\n").unwrap();
    let r = guarded(d.path(), &["check", "nope.md", "ok.md", "missing/dir"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nope.md: no such file or directory"), "{}", r.stderr);
    assert!(
        r.stderr.contains("missing/dir: no such file or directory"),
        "{}",
        r.stderr
    );
    // The file that exists is still checked and reported.
    assert!(
        r.stdout.contains("DOC001") && r.stdout.contains("1 file checked"),
        "{}",
        r.stdout
    );
}

#[test]
fn invalid_configs_are_clear_errors() {
    let d = dir();
    fs::write(d.path().join("a.md"), "Claim [1].\n").unwrap();
    let cases: &[(&str, &[u8], &str)] = &[
        ("bad-toml.toml", b"[rules\n", "invalid config"),
        ("wrong-type.toml", b"fail-on = 3\n", "expected a string"),
        ("wrong-list.toml", b"extensions = \"md\"\n", "expected a sequence"),
        (
            "wrong-bool.toml",
            b"[numbers]\nenabled = \"yes\"\n",
            "expected a boolean",
        ),
        ("unknown-key.toml", b"colour = true\n", "unknown field `colour`"),
        (
            "unknown-nested.toml",
            b"[claims]\nthresold = 2\n",
            "unknown key `thresold`",
        ),
        (
            "not-utf8.toml",
            b"fail-on = \"err\xff\"\n",
            "not-utf8.toml is not valid UTF-8 (line 1, column 15)",
        ),
        ("missing.toml", b"", "cannot read config missing.toml"),
        ("folder.toml", b"", "cannot read config folder.toml"),
    ];
    for (name, bytes, message) in cases {
        match *name {
            "missing.toml" => {}
            "folder.toml" => fs::create_dir(d.path().join(name)).unwrap(),
            _ => fs::write(d.path().join(name), bytes).unwrap(),
        }
        let r = guarded(d.path(), &["check", "--color", "never", "--config", name, "a.md"], None);
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(r.stderr.contains(message), "{name}: {}", r.stderr);
    }
    // Discovered (not passed with --config), a broken file is the same error.
    fs::write(d.path().join("citelint.toml"), b"fail-on = \"err\xff\"\n").unwrap();
    let r = guarded(d.path(), &["check", "a.md"], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("valid UTF-8"), "{}", r.stderr);
}

#[test]
fn empty_and_huge_configs() {
    let d = dir();
    let draft = "Claim [1].\n\n## Sources\n\n1. Cited. https://example.org/a\n2. Uncited. https://example.org/b\n";
    fs::write(d.path().join("a.md"), draft).unwrap();
    fs::write(d.path().join("citelint.toml"), "").unwrap();
    let (code, v) = guarded_json(d.path(), &["a.md"]);
    assert_eq!(
        (code, v["summary"]["warnings"].as_u64()),
        (0, Some(1)),
        "empty config: defaults"
    );
    // 6 MB: a long comment block, a 100,000-pattern exclude list, one setting.
    let mut big = String::new();
    for i in 0..40_000 {
        big.push_str(&format!("# comment line {i} {}\n", "y".repeat(80)));
    }
    big.push_str("exclude = [");
    for i in 0..100_000 {
        big.push_str(&format!("\"archive{i}/**\", "));
    }
    big.push_str("]\nfail-on = \"warning\"\n");
    assert!(big.len() > 5_000_000, "{}", big.len());
    fs::write(d.path().join("citelint.toml"), &big).unwrap();
    let (code, v) = guarded_json(d.path(), &["a.md"]);
    assert_eq!(code, 1, "the huge config's fail-on applies: {}", v["summary"]);
    // A huge config with an error points at it.
    big.push_str("bogus = 1\n");
    fs::write(d.path().join("citelint.toml"), &big).unwrap();
    let r = guarded(d.path(), &["check", "--color", "never", "a.md"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown field `bogus`") && r.stderr.contains("citelint.toml:40003:1"),
        "{}",
        r.stderr
    );
}

#[test]
fn hostile_sidecars_are_reported_in_the_sidecar() {
    let d = dir();
    let cases: &[(&str, &[u8], &str)] = &[
        ("bad-toml", b"[[sources]\nid = 1\n", "invalid TOML"),
        ("not-utf8", b"sources = [\xff\xfe]\n", "invalid TOML"),
        ("binary", b"\x00\x01\x02binary", "invalid TOML"),
        ("wrong-type", b"sources = \"x\"\n", "expected a sequence"),
    ];
    for (stem, bytes, message) in cases {
        fs::write(d.path().join(format!("{stem}.txt")), "Claim [1].\n").unwrap();
        fs::write(d.path().join(format!("{stem}.sources.toml")), bytes).unwrap();
        let (code, v) = guarded_json(d.path(), &[&format!("{stem}.txt")]);
        assert_eq!(code, 1, "{stem}");
        let doc008 = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["code"] == "DOC008")
            .unwrap_or_else(|| panic!("{stem}: no DOC008 in {v:#}"));
        assert_eq!(doc008["file"], format!("{stem}.sources.toml"));
        assert!(
            doc008["message"].as_str().unwrap().contains(message),
            "{stem}: {doc008}"
        );
    }
}

#[test]
fn hostile_baselines_are_clear_errors() {
    let d = dir();
    fs::write(d.path().join("a.md"), "Claim [1].\n").unwrap();
    fs::create_dir(d.path().join("folder.json")).unwrap();
    let cases: &[(&str, &[u8], &str)] = &[
        ("folder.json", b"", "cannot read baseline folder.json"),
        ("empty.json", b"", "invalid baseline empty.json"),
        ("array.json", b"[]", "invalid baseline array.json"),
        ("not-utf8.json", b"\xff\xfe{}", "cannot read baseline not-utf8.json"),
        ("version.json", b"{\"version\": 99, \"tool\": \"citelint\", \"findings\": []}", "version 99"),
        (
            "negative.json",
            b"{\"version\":1,\"tool\":\"citelint\",\"findings\":[{\"code\":\"CIT001\",\"file\":\"a.md\",\"fingerprint\":\"0\",\"message\":\"m\",\"occurrence\":-1}]}",
            "invalid baseline negative.json",
        ),
    ];
    for (name, bytes, message) in cases {
        if *name != "folder.json" {
            fs::write(d.path().join(name), bytes).unwrap();
        }
        let r = guarded(
            d.path(),
            &["check", "--color", "never", "--baseline", name, "a.md"],
            None,
        );
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(r.stderr.contains(message), "{name}: {}", r.stderr);
    }
    // An unreadable baseline (mode 000), where permissions apply.
    fs::write(d.path().join("locked.json"), "{}").unwrap();
    chmod(&d.path().join("locked.json"), 0o000);
    let enforced = permissions_apply(&d.path().join("locked.json"));
    let r = guarded(d.path(), &["check", "--baseline", "locked.json", "a.md"], None);
    chmod(&d.path().join("locked.json"), 0o644);
    assert_eq!(r.code, 2, "{}", r.stderr);
    if enforced {
        assert!(r.stderr.contains("cannot read baseline locked.json"), "{}", r.stderr);
    } else {
        eprintln!("note: running as root, the unreadable-baseline check reads `{{}}` instead");
        assert!(r.stderr.contains("invalid baseline locked.json"), "{}", r.stderr);
    }
}

#[test]
fn hostile_standard_input() {
    let d = dir();
    let r = guarded(d.path(), &["check", "-"], Some(b"a\x00b [1]"));
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("<stdin>: binary file"), "{}", r.stderr);
    let r = guarded(d.path(), &["check", "--format", "concise", "-"], Some(b"caf\xe9 [1]"));
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("<stdin>:1:4: info[DOC007]"), "{}", r.stdout);
    let r = guarded(d.path(), &["check", "-"], Some(b""));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("1 file checked: no problems found"), "{}", r.stdout);
}
