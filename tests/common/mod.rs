//! Helpers shared by the integration tests: run the real binary.

#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

pub fn citelint() -> Command {
    let mut cmd = Command::cargo_bin("citelint").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("NO_COLOR").env("COLUMNS", "100");
    // GitHub Actions would switch the default format to `github`.
    cmd.env_remove("GITHUB_ACTIONS");
    cmd
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&str]) -> Run {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = citelint().current_dir(dir).args(args).output().expect("runs");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `check --format json` and returns the parsed report.
pub fn json_in(dir: &Path, paths: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(paths);
    let r = run_in(dir, &args);
    let v: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("JSON output ({e}):\n{}\nstderr:\n{}", r.stdout, r.stderr));
    (r.code, v)
}

pub fn json(paths: &[&str]) -> (i32, Value) {
    json_in(Path::new(env!("CARGO_MANIFEST_DIR")), paths)
}

/// `(code, line, column)` of every diagnostic, in output order.
pub fn positions(report: &Value) -> Vec<(String, u64, u64)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Runs citelint in `dir`, killed after two minutes; asserts it exited on
/// its own, without a panic.
pub fn guarded(dir: &std::path::Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = citelint();
    cmd.current_dir(dir)
        .args(args)
        .timeout(std::time::Duration::from_secs(120));
    if let Some(bytes) = stdin {
        cmd.write_stdin(bytes.to_vec());
    }
    let out = cmd.output().expect("runs");
    let r = Run {
        code: out
            .status
            .code()
            .unwrap_or_else(|| panic!("{args:?}: killed (hang guard) or signalled")),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!r.stderr.contains("panicked"), "{args:?} panicked:\n{}", r.stderr);
    r
}
