//! Hostile input and configuration: clear messages, right exit codes, no panics.

mod common;

use std::fs;

use common::{json_in, positions, run_in};
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
