//! Corpus-aware runs (`corpus` key, `--corpus`, `--no-corpus`): the corpus
//! is read for the cross-article numbers check, findings are reported only
//! in the files named on the command line.

mod common;

use std::fs;

use serde_json::Value;

use common::{json_in, run_in};

/// A draft whose only numeric claim is `sentence` (cited, so no CLM finding).
fn draft(sentence: &str) -> String {
    format!(
        "US troops in Kosovo\n\nChecked on November 26, 2025\n\n{sentence} [1]\n\n## Sources\n\n1. Ministry figures. https://example.org/figures\n"
    )
}

fn corpus_dir(files: &[(&str, String)], config: Option<&str>) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    fs::create_dir_all(d.path().join("drafts/2025")).unwrap();
    for (name, text) in files {
        fs::write(d.path().join(name), text).unwrap();
    }
    if let Some(c) = config {
        fs::write(d.path().join("citelint.toml"), c).unwrap();
    }
    d
}

/// `(code, file, line, related files)` of every finding.
fn findings(report: &Value) -> Vec<(String, String, u64, Vec<String>)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let related = d["related"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["file"].as_str().unwrap().to_string())
                .collect();
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                related,
            )
        })
        .collect()
}

const CORPUS: &str = "corpus = [\"drafts/**/*.md\"]\n";

fn troops() -> Vec<(&'static str, String)> {
    vec![
        ("drafts/2025/old.md", draft("About 600 U.S. troops serve in Kosovo.")),
        ("drafts/2025/new.md", draft("The U.S. has 1,200 troops in Kosovo.")),
    ]
}

#[test]
fn a_named_file_is_compared_with_the_corpus_and_only_it_is_reported() {
    let d = corpus_dir(&troops(), Some(CORPUS));
    let (code, v) = json_in(d.path(), &["drafts/2025/new.md"]);
    assert_eq!(code, 0, "a hedged conflict is a warning: {v}");
    assert_eq!(
        findings(&v),
        vec![(
            "NUM001".into(),
            "drafts/2025/new.md".into(),
            5,
            vec!["drafts/2025/old.md".into()]
        )]
    );
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["corpus"], 1, "the other draft was read: {v}");
    // The human summary says so.
    let r = run_in(d.path(), &["check", "--color", "never", "drafts/2025/new.md"]);
    assert!(
        r.stdout
            .contains("1 file checked (numbers compared with 1 more draft of the corpus): 0 errors, 1 warning"),
        "{}",
        r.stdout
    );
}

#[test]
fn without_a_corpus_or_with_no_corpus_the_named_file_stands_alone() {
    let d = corpus_dir(&troops(), None);
    let (_, v) = json_in(d.path(), &["drafts/2025/new.md"]);
    assert!(findings(&v).is_empty(), "{v}");
    assert!(v["summary"].get("corpus").is_none(), "{v}");
    fs::write(d.path().join("citelint.toml"), CORPUS).unwrap();
    let (_, v) = json_in(d.path(), &["--no-corpus", "drafts/2025/new.md"]);
    assert!(findings(&v).is_empty(), "{v}");
}

#[test]
fn the_corpus_flag_takes_globs_relative_to_the_working_directory() {
    let d = corpus_dir(&troops(), None);
    let (_, v) = json_in(d.path(), &["--corpus", "drafts/**", "drafts/2025/old.md"]);
    assert_eq!(
        findings(&v),
        vec![(
            "NUM001".into(),
            "drafts/2025/old.md".into(),
            5,
            vec!["drafts/2025/new.md".into()]
        )]
    );
    // From a subdirectory the same files need another glob.
    let sub = d.path().join("drafts");
    let (_, v) = json_in(&sub, &["--corpus", "2025/*.md", "2025/old.md"]);
    assert_eq!(findings(&v).len(), 1, "{v}");
    let (_, v) = json_in(&sub, &["--corpus", "drafts/**", "2025/old.md"]);
    assert!(findings(&v).is_empty(), "nothing matches from here: {v}");
    // A bad glob is a usage error.
    let r = run_in(d.path(), &["check", "--corpus", "drafts/[", "drafts/2025/old.md"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("invalid --corpus glob"), "{}", r.stderr);
}

#[test]
fn a_file_that_disagrees_with_the_corpus_is_reported_even_when_the_corpus_disagrees_more_with_itself() {
    // The corpus's own disagreement (600 vs 2,000) lies outside the named
    // file; 1,200 still disagrees with both.
    let mut files = troops();
    files.push(("drafts/2025/high.md", draft("Some 2,000 U.S. troops are in Kosovo.")));
    let d = corpus_dir(&files, Some(CORPUS));
    let (_, v) = json_in(d.path(), &["drafts/2025/new.md"]);
    let got = findings(&v);
    assert_eq!(got.len(), 1, "{v}");
    assert_eq!(got[0].0, "NUM001");
    assert_eq!(got[0].1, "drafts/2025/new.md");
    // One finding for the named file, against one of the corpus drafts it
    // disagrees with; the other is counted in the help.
    let partner = &got[0].3[0];
    assert!(
        partner == "drafts/2025/old.md" || partner == "drafts/2025/high.md",
        "{v}"
    );
    assert!(v.to_string().contains("1 other mention"), "{v}");
    // The whole archive at once: each figure is reported at most once.
    let (_, v) = json_in(d.path(), &["drafts"]);
    let all = findings(&v);
    assert!(!all.is_empty() && all.len() <= 2, "{v}");
    let mut places: Vec<&String> = all.iter().flat_map(|f| std::iter::once(&f.1).chain(&f.3)).collect();
    let n = places.len();
    places.sort();
    places.dedup();
    assert_eq!(places.len(), n, "a figure reported twice: {v}");
}

#[test]
fn conflicts_inside_the_corpus_are_not_reported() {
    let files = vec![
        ("drafts/2025/old.md", draft("About 600 U.S. troops serve in Kosovo.")),
        ("drafts/2025/new.md", draft("The U.S. has 1,200 troops in Kosovo.")),
        (
            "drafts/2025/other.md",
            // A named owner mid-sentence (a capital at the start of a
            // sentence is not read as a name).
            draft("This year, Germany sent 400 soldiers to Kosovo."),
        ),
    ];
    let d = corpus_dir(&files, Some(CORPUS));
    let (code, v) = json_in(d.path(), &["drafts/2025/other.md"]);
    assert_eq!(code, 0);
    assert!(findings(&v).is_empty(), "{v}");
    assert_eq!(v["summary"]["corpus"], 2);
}

#[test]
fn a_denial_in_the_named_file_is_reported_there() {
    let files = vec![
        (
            "drafts/2025/deny.md",
            draft("German troops in Kosovo number in the hundreds, not thousands."),
        ),
        (
            "drafts/2025/claim.md",
            draft("Several thousand German troops serve in Kosovo, the ministry said."),
        ),
    ];
    let d = corpus_dir(&files, Some(CORPUS));
    let (_, whole) = json_in(d.path(), &["drafts"]);
    let whole = findings(&whole);
    assert_eq!(whole.len(), 1);
    assert_eq!(
        (whole[0].0.as_str(), whole[0].1.as_str()),
        ("NUM006", "drafts/2025/claim.md"),
        "a whole run reports at the assertion"
    );
    let (_, v) = json_in(d.path(), &["drafts/2025/deny.md"]);
    let got = findings(&v);
    assert_eq!(got.len(), 1, "{v}");
    assert_eq!(got[0].0, "NUM006");
    assert_eq!(got[0].1, "drafts/2025/deny.md", "reported in the named file: {v}");
    assert_eq!(got[0].3, vec!["drafts/2025/claim.md".to_string()]);
    let msg = v["diagnostics"][0]["message"].as_str().unwrap();
    assert!(msg.contains("rules out"), "{msg}");
}

#[test]
fn naming_the_whole_corpus_changes_nothing() {
    let mut files = troops();
    files.push(("drafts/2025/high.md", draft("Some 2,000 U.S. troops are in Kosovo.")));
    let d = corpus_dir(&files, None);
    let (_, plain) = json_in(d.path(), &["drafts"]);
    fs::write(d.path().join("citelint.toml"), CORPUS).unwrap();
    let (_, with) = json_in(d.path(), &["drafts"]);
    assert_eq!(plain["diagnostics"], with["diagnostics"]);
    assert_eq!(with["summary"]["files"], 3);
    assert_eq!(with["summary"]["corpus"], 0, "every corpus file was named");
}

#[test]
fn corpus_globs_are_relative_to_their_config_and_errors_point_at_them() {
    let d = corpus_dir(&troops(), None);
    // The config sits in drafts/: its globs are relative to drafts/.
    fs::write(d.path().join("drafts/citelint.toml"), "corpus = [\"2025/*.md\"]\n").unwrap();
    let (_, v) = json_in(d.path(), &["drafts/2025/new.md"]);
    assert_eq!(findings(&v).len(), 1, "{v}");
    fs::write(d.path().join("drafts/citelint.toml"), "corpus = [\"2025/[\"]\n").unwrap();
    let r = run_in(d.path(), &["check", "--color", "never", "drafts/2025/new.md"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("invalid glob \"2025/[\""), "{}", r.stderr);
    assert!(r.stderr.contains("citelint.toml:1:"), "{}", r.stderr);
    // `config --show` prints the key.
    fs::write(d.path().join("drafts/citelint.toml"), "corpus = [\"2025/*.md\"]\n").unwrap();
    let r = run_in(d.path(), &["config", "--show", "drafts/2025/new.md"]);
    assert!(r.stdout.contains("corpus = [\"2025/*.md\"]"), "{}", r.stdout);
}

#[test]
fn unreadable_or_binary_corpus_files_do_not_hide_the_named_files_findings() {
    let mut files = troops();
    files.push(("drafts/2025/blob.md", "\u{0}\u{1}binary".to_string()));
    let d = corpus_dir(&files, Some(CORPUS));
    let r = run_in(d.path(), &["check", "--format", "json", "drafts/2025/new.md"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(findings(&v).len(), 1, "{v}");
    assert!(r.stderr.contains("blob.md: binary file"), "{}", r.stderr);
    assert_eq!(r.code, 0);
}
