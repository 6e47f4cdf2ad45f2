//! `citelint init` names the drafts directory in `include` and `corpus`
//! (given, or inferred when no one is at a terminal), so that a check of
//! one staged draft compares its figures with the whole archive.

mod common;

use std::fs;
use std::path::Path;

use common::run_in;

const TROOPS: &str = "US troops in Kosovo\n\nChecked on November 26, 2025\n\n\
The U.S. has 600 troops in Kosovo [1].\n\n## Sources\n\n1. Ministry figures. https://example.org/figures\n";

fn write(root: &Path, name: &str, text: &str) {
    let p = root.join(name);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

fn config(root: &Path) -> toml::Value {
    toml::from_str(&fs::read_to_string(root.join("citelint.toml")).unwrap()).unwrap()
}

fn strings(v: &toml::Value) -> Vec<&str> {
    v.as_array().unwrap().iter().filter_map(|s| s.as_str()).collect()
}

#[test]
fn infers_the_directory_holding_most_drafts_and_the_archive_is_compared() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "README.md", "# Desk\n");
    write(root, "docs/style.md", "Style guide.\n");
    write(root, "drafts/archive/troops.md", TROOPS);
    write(
        root,
        "drafts/archive/bridge.md",
        "Bridge\n\nIt reopened [1].\n\n## Sources\n\n1. A. https://example.org/a\n",
    );
    write(root, "drafts/2025/update.md", &TROOPS.replace(" 600 ", " 1,200 "));
    let r = run_in(root, &["init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("drafts directory drafts"), "{}", r.stdout);
    let c = config(root);
    assert_eq!(strings(&c["include"]), ["drafts/**"]);
    assert_eq!(strings(&c["corpus"]), ["drafts/**/*.{md,markdown,txt}"]);
    // What the hook runs on a staged draft: the archive is read, the
    // conflict reported in the staged draft; README.md is not a draft.
    let r = run_in(
        root,
        &["check", "--force-exclude", "drafts/2025/update.md", "README.md"],
    );
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("NUM001"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("1 file checked (numbers compared with 2 more drafts of the corpus)"),
        "{}",
        r.stdout
    );
}

#[test]
fn no_clear_drafts_directory_leaves_both_keys_commented() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "drafts/a.md", TROOPS);
    write(d.path(), "drafts/b.md", TROOPS);
    write(d.path(), "archive/c.md", TROOPS);
    write(d.path(), "archive/e.md", TROOPS);
    let r = run_in(d.path(), &["init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("--drafts DIR"), "{}", r.stdout);
    let c = config(d.path());
    assert!(c.get("include").is_none() && c.get("corpus").is_none());
    let text = fs::read_to_string(d.path().join("citelint.toml")).unwrap();
    assert!(text.contains("# corpus = ") && text.contains("# include = "), "{text}");
}

#[test]
fn a_given_directory_is_relative_to_the_config_file() {
    let d = tempfile::tempdir().unwrap();
    fs::create_dir_all(d.path().join("desk/stories")).unwrap();
    let r = run_in(d.path(), &["init", "--drafts", "desk/stories", "desk/citelint.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let c: toml::Value = toml::from_str(&fs::read_to_string(d.path().join("desk/citelint.toml")).unwrap()).unwrap();
    assert_eq!(strings(&c["include"]), ["stories/**"]);
    assert_eq!(strings(&c["corpus"]), ["stories/**/*.{md,markdown,txt}"]);
    // The drafts at the config's own level: no include, every draft a corpus draft.
    let r = run_in(d.path(), &["init", "--drafts", ".", "other.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let c: toml::Value = toml::from_str(&fs::read_to_string(d.path().join("other.toml")).unwrap()).unwrap();
    assert!(c.get("include").is_none());
    assert_eq!(strings(&c["corpus"]), ["**/*.{md,markdown,txt}"]);
}
