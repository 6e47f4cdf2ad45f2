//! The CI surface: format selection, `--output`, JUnit and GitHub details,
//! `init`, `config --show`, `extend` and `[[overrides]]`, `--force-exclude`
//! for pre-commit, and the pre-commit and GitHub Action definitions.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use common::{citelint, json_in, run, run_in};

const BAD: &str = "Claim [9].\n\n## Sources\n\n1. A. https://example.org/a\n";
const CLEAN: &str = "Claim [1].\n\n## Sources\n\n1. A. https://example.org/a\n";

fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = d.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    d
}

#[test]
fn github_format_is_the_default_on_github_actions() {
    let out = citelint()
        .env("GITHUB_ACTIONS", "true")
        .args(["check", "fixtures/rules/CIT002-unused-source.txt"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.starts_with("::warning file=fixtures/rules/CIT002-unused-source.txt,line=7,col=1,"),
        "{s}"
    );
    // An explicit --format wins.
    let out = citelint()
        .env("GITHUB_ACTIONS", "true")
        .args([
            "check",
            "--format",
            "concise",
            "fixtures/rules/CIT002-unused-source.txt",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("fixtures/rules/CIT002"));
}

#[test]
fn github_commands_escape_properties_and_data() {
    let d = dir_with(&[("a,b:c%.md", BAD)]);
    let r = run_in(d.path(), &["check", "--format", "github", "a,b:c%.md"]);
    let first = r.stdout.lines().next().unwrap();
    assert!(
        first.starts_with(
            "::error file=a%2Cb%3Ac%25.md,line=1,col=7,endLine=1,endColumn=10,title=CIT001 undefined-marker::"
        ),
        "{first}"
    );
    // The help goes on a second annotation line, encoded.
    assert!(first.contains("%0Ahelp: "), "{first}");
    assert_eq!(r.stdout.lines().filter(|l| l.starts_with("::")).count(), 2);
}

#[test]
fn output_file_gets_the_report_and_the_terminal_the_summary() {
    let d = dir_with(&[("a.md", BAD)]);
    let r = run_in(
        d.path(),
        &["check", "--format", "json", "--output", "report.json", "a.md"],
    );
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "1 file checked: 1 error, 1 warning\n");
    let v: Value = serde_json::from_str(&fs::read_to_string(d.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(v["summary"]["errors"], 1);
    // Human reports written to a file have no colour codes.
    let r = run_in(d.path(), &["check", "-o", "report.txt", "a.md"]);
    assert_eq!(r.code, 1);
    let text = fs::read_to_string(d.path().join("report.txt")).unwrap();
    assert!(text.contains("error[CIT001]") && !text.contains('\u{1b}'), "{text}");
    // A report that cannot be written is an I/O error.
    let r = run_in(d.path(), &["check", "-o", "missing/dir/r.json", "a.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("cannot write report to missing/dir/r.json"),
        "{}",
        r.stderr
    );
}

#[test]
fn concise_is_one_line_per_finding_then_the_summary() {
    let r = run(&[
        "check",
        "--format",
        "concise",
        "fixtures/rules/CIT001-undefined-marker.md",
    ]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "fixtures/rules/CIT001-undefined-marker.md:4:32: error[CIT001] citation marker [9] has no matching source",
            "fixtures/rules/CIT001-undefined-marker.md:4:53: error[CIT001] citation marker [4–6] cites [5], [6], which the sources list does not define",
            "fixtures/rules/CIT001-undefined-marker.md:10:1: warning[CIT002] source [3] is never cited",
            "1 file checked: 2 errors, 1 warning",
        ]
    );
}

#[test]
fn junit_has_a_passing_case_per_clean_file_and_escapes() {
    let d = dir_with(&[("clean.md", CLEAN), ("bad <&>.md", BAD)]);
    let r = run_in(d.path(), &["check", "--format", "junit", "."]);
    assert_eq!(r.code, 1);
    let x = &r.stdout;
    assert!(
        x.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"citelint\" tests=\"3\" failures=\"2\""
        ),
        "{x}"
    );
    assert!(
        x.contains("<testsuite name=\"clean.md\" tests=\"1\" failures=\"0\""),
        "{x}"
    );
    assert!(
        x.contains("<testcase name=\"citelint\" classname=\"clean.md\" file=\"clean.md\"/>"),
        "{x}"
    );
    assert!(
        x.contains("<testsuite name=\"bad &lt;&amp;&gt;.md\" tests=\"2\" failures=\"2\""),
        "{x}"
    );
    assert!(
        x.contains("type=\"error\">bad &lt;&amp;&gt;.md:1:7: error[CIT001]"),
        "{x}"
    );
    assert_eq!(x.matches("<testsuite ").count(), x.matches("</testsuite>").count());
    assert_eq!(x.matches("<testcase ").count(), 3);
}

#[test]
fn init_writes_the_defaults_and_refuses_to_overwrite() {
    let d = tempfile::tempdir().unwrap();
    let r = run_in(d.path(), &["init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = fs::read_to_string(d.path().join("citelint.toml")).unwrap();
    // It is TOML, commented, and names every key.
    let v: toml::Value = toml::from_str(&text).expect("init output parses");
    for key in ["extensions", "exclude", "fail-on", "rules", "sources", "markers"] {
        assert!(v.get(key).is_some(), "{key} missing");
    }
    for key in ["extend", "include", "baseline", "[[overrides]]"] {
        assert!(text.contains(&format!("# {key}")), "{key} not shown commented out");
    }
    assert_eq!(
        v["rules"].as_table().unwrap().len(),
        run(&["rules", "--format", "json"]).stdout.matches("\"code\"").count()
    );
    // citelint reads it as exactly the built-in defaults.
    let body = |args: &[&str]| {
        let r = run_in(d.path(), args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
            .lines()
            .skip_while(|l| l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        body(&["config", "--show", "draft.md"]),
        body(&["config", "--show", "--isolated", "draft.md"])
    );
    // Running it again leaves the file alone and exits 2.
    fs::write(d.path().join("citelint.toml"), "fail-on = \"info\"\n").unwrap();
    let r = run_in(d.path(), &["init"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("citelint.toml already exists"), "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(d.path().join("citelint.toml")).unwrap(),
        "fail-on = \"info\"\n"
    );
}

#[test]
fn extend_merges_parent_and_child() {
    let d = dir_with(&[
        (
            "citelint.toml",
            "fail-on = \"warning\"\n[rules]\nCIT002 = \"off\"\nSRC002 = \"info\"\n",
        ),
        (
            "team/citelint.toml",
            "extend = \"../citelint.toml\"\n[rules]\nSRC002 = \"error\"\n",
        ),
        ("team/a.md", BAD),
    ]);
    let r = run_in(d.path(), &["config", "--show", "team/a.md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = &r.stdout;
    assert!(s.contains("# from: ") && s.contains("team/citelint.toml"), "{s}");
    assert!(s.contains("# extends: "), "{s}");
    assert!(s.contains("fail-on = \"warning\""), "inherited: {s}");
    assert!(s.contains("CIT002 = \"off\""), "inherited rule: {s}");
    assert!(s.contains("SRC002 = \"error\""), "child wins: {s}");
    // And `check` uses it: CIT002 is off, the warning threshold is inherited.
    let (code, v) = json_in(d.path(), &["team/a.md"]);
    assert_eq!(code, 1);
    assert_eq!(v["summary"]["warnings"], 0);
}

#[test]
fn extend_cycles_and_missing_parents_are_clear_errors() {
    let d = dir_with(&[
        ("a/citelint.toml", "extend = \"../b/citelint.toml\"\n"),
        ("b/citelint.toml", "\nextend = \"../a/citelint.toml\"\n"),
        ("a/x.md", CLEAN),
        ("c/citelint.toml", "extend = \"nope.toml\"\n"),
        ("c/x.md", CLEAN),
    ]);
    let r = run_in(d.path(), &["check", "--color", "never", "a/x.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("config files extend each other in a cycle"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("b/citelint.toml:2:10"),
        "points at the extend: {}",
        r.stderr
    );
    let r = run_in(d.path(), &["check", "--color", "never", "c/x.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("does not exist"), "{}", r.stderr);
    // A file that extends itself.
    let d = dir_with(&[("citelint.toml", "extend = \"citelint.toml\"\n"), ("x.md", CLEAN)]);
    let r = run_in(d.path(), &["check", "x.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cycle"), "{}", r.stderr);
    // … or itself through a symlink, where the paths never repeat.
    #[cfg(unix)]
    {
        let d = dir_with(&[("citelint.toml", "extend = \"link/citelint.toml\"\n"), ("x.md", CLEAN)]);
        std::os::unix::fs::symlink(".", d.path().join("link")).unwrap();
        let r = run_in(d.path(), &["check", "x.md"]);
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("cycle"), "{}", r.stderr);
    }
    // An empty baseline path is pointed at.
    let d = dir_with(&[("citelint.toml", "baseline = \"\"\n"), ("x.md", CLEAN)]);
    let r = run_in(d.path(), &["check", "--color", "never", "x.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("empty baseline path") && r.stderr.contains("citelint.toml:1:12"),
        "{}",
        r.stderr
    );
}

#[test]
fn overrides_apply_by_path_and_later_ones_win() {
    let d = dir_with(&[
        (
            "citelint.toml",
            "[[overrides]]\npaths = [\"archive/**\"]\nrules = { CIT001 = \"off\", CIT002 = \"info\" }\n\n\
             [[overrides]]\npaths = [\"archive/2019/**\"]\nrules = { CIT001 = \"warning\" }\n",
        ),
        ("new.md", BAD),
        ("archive/old.md", BAD),
        ("archive/2019/older.md", BAD),
    ]);
    let (_, v) = json_in(d.path(), &["."]);
    let got: Vec<(&str, &str, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("archive/2019/older.md", "CIT001", "warning"),
            ("archive/2019/older.md", "CIT002", "info"),
            ("archive/old.md", "CIT002", "info"),
            ("new.md", "CIT001", "error"),
            ("new.md", "CIT002", "warning"),
        ]
    );
    let r = run_in(d.path(), &["config", "--show", "archive/2019/older.md"]);
    assert!(
        r.stdout.contains("[[overrides]] #1") && r.stdout.contains("[[overrides]] #2"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("CIT001 = \"warning\""), "{}", r.stdout);
    // Bad values inside an override point at the line.
    let d = dir_with(&[
        (
            "citelint.toml",
            "[[overrides]]\npaths = [\"a/**\"]\nrules = { CIT999 = \"off\" }\n",
        ),
        ("x.md", CLEAN),
    ]);
    let r = run_in(d.path(), &["check", "--color", "never", "x.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown rule \"CIT999\"") && r.stderr.contains("citelint.toml:3:11"),
        "{}",
        r.stderr
    );
}

#[test]
fn force_exclude_selects_named_files_like_a_walk() {
    let d = dir_with(&[
        ("citelint.toml", "exclude = [\"archive/**\"]\n"),
        ("a.md", BAD),
        ("a.sources.toml", "sources = []\n"),
        ("notes.py", "items[1]\n"),
        ("archive/old.md", BAD),
    ]);
    let names = ["a.md", "a.sources.toml", "notes.py", "citelint.toml", "archive/old.md"];
    let mut args = vec!["--force-exclude"];
    args.extend(names);
    let (_, v) = json_in(d.path(), &args);
    assert_eq!(v["summary"]["files"], 1, "only a.md: {v}");
    // Without the flag, named files are checked whatever they are.
    let (_, v) = json_in(d.path(), &names);
    assert_eq!(v["summary"]["files"], 5);
}

fn yaml(path: &str) -> serde_yaml_ng::Value {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    serde_yaml_ng::from_str(&text).unwrap()
}

#[test]
fn pre_commit_hook_definition() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("citelint"));
    assert_eq!(hook["name"].as_str(), Some("citelint"));
    assert_eq!(hook["language"].as_str(), Some("rust"));
    let entry = hook["entry"].as_str().unwrap();
    assert!(entry.starts_with("citelint check"), "{entry}");
    let types: Vec<&str> = hook["types_or"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert_eq!(types, ["markdown", "text"]);
    // The entry's flags exist.
    let mut args: Vec<&str> = entry.split_whitespace().skip(1).collect();
    args.push("--help");
    assert_eq!(run(&args).code, 0);
}

#[test]
fn github_action_definition_and_its_scripts() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    for input in ["paths", "args", "sarif-file", "fail-on"] {
        assert!(
            action["inputs"][input]["description"].as_str().is_some(),
            "input {input}"
        );
    }
    let steps = action["runs"]["steps"].as_sequence().unwrap();
    // (The install steps are tested in tests/packaging.rs.)

    // Run the SARIF and check steps as the runner would (bash, env from the
    // step), with the built binary on PATH.
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_citelint"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let d = dir_with(&[("drafts/bad.md", BAD), ("drafts/clean.md", CLEAN)]);
    let output_file = d.path().join("github_output");
    let step = |name: &str, inputs: &[(&str, &str)]| {
        let s = steps.iter().find(|s| s["name"].as_str() == Some(name)).unwrap();
        let script = s["run"].as_str().unwrap();
        assert!(!script.contains("${{"), "inputs reach {name} only through env");
        let mut cmd = Command::new("bash");
        cmd.arg("-eo").arg("pipefail").arg("-c").arg(script);
        cmd.current_dir(d.path())
            .env("PATH", &path)
            .env("GITHUB_OUTPUT", &output_file);
        cmd.env_remove("GITHUB_ACTIONS");
        for (k, v) in inputs {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    };
    let out = step(
        "Write SARIF",
        &[
            ("INPUT_PATHS", "drafts"),
            ("INPUT_ARGS", ""),
            ("INPUT_SARIF_FILE", "out.sarif"),
        ],
    );
    assert!(out.status.success(), "findings do not fail the SARIF step: {out:?}");
    let log: Value = serde_json::from_str(&fs::read_to_string(d.path().join("out.sarif")).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(fs::read_to_string(&output_file)
        .unwrap()
        .contains("sarif-file=out.sarif"));
    let out = step(
        "Write SARIF",
        &[
            ("INPUT_PATHS", "drafts"),
            ("INPUT_ARGS", "--config missing.toml"),
            ("INPUT_SARIF_FILE", "x.sarif"),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "config errors do fail it");

    let check = |inputs: &[(&str, &str)]| step("Check", inputs);
    let out = check(&[("INPUT_PATHS", "drafts"), ("INPUT_ARGS", ""), ("INPUT_FAIL_ON", "")]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("::error file=drafts/bad.md,line=1,col=7"),
        "{stdout}"
    );
    let out = check(&[
        ("INPUT_PATHS", "drafts/clean.md"),
        ("INPUT_ARGS", ""),
        ("INPUT_FAIL_ON", ""),
    ]);
    assert_eq!(out.status.code(), Some(0));
    // fail-on info: the clean draft has no findings at all, still 0; a
    // warning-only draft fails with fail-on warning.
    fs::write(
        d.path().join("drafts/warn.md"),
        "Claim [1].\n\n## Sources\n\n1. A. https://example.org/a\n2. B. https://example.org/b\n",
    )
    .unwrap();
    let out = check(&[
        ("INPUT_PATHS", "drafts/warn.md"),
        ("INPUT_ARGS", ""),
        ("INPUT_FAIL_ON", ""),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let out = check(&[
        ("INPUT_PATHS", "drafts/warn.md"),
        ("INPUT_ARGS", ""),
        ("INPUT_FAIL_ON", "warning"),
    ]);
    assert_eq!(out.status.code(), Some(1));
}
