//! Shipping without a Rust toolchain: the wheel's pyproject, the pre-commit
//! hooks (rust and python), the release workflow, and the GitHub Action's
//! install and check steps run as the runner would (bash, env from the
//! step, stub `python3` and `cargo` where the network or a toolchain would
//! be needed).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn yaml(path: &str) -> serde_yaml_ng::Value {
    serde_yaml_ng::from_str(&fs::read_to_string(repo(path)).unwrap()).unwrap()
}

fn toml_file(path: &str) -> toml::Value {
    toml::from_str(&fs::read_to_string(repo(path)).unwrap()).unwrap()
}

const VERSION: &str = env!("CARGO_PKG_VERSION");

#[test]
fn the_wheel_carries_the_binary_at_the_crate_version() {
    let p = toml_file("wheel/pyproject.toml");
    assert_eq!(p["build-system"]["build-backend"].as_str(), Some("maturin"));
    assert_eq!(p["tool"]["maturin"]["bindings"].as_str(), Some("bin"));
    let manifest = p["tool"]["maturin"]["manifest-path"].as_str().unwrap();
    let cargo: toml::Value = toml::from_str(&fs::read_to_string(repo("wheel").join(manifest)).unwrap()).unwrap();
    assert_eq!(cargo["package"]["name"].as_str(), Some("citelint"));
    assert_eq!(p["project"]["name"].as_str(), Some("citelint-cli"));
    // The version comes from Cargo.toml.
    let dynamic: Vec<&str> = p["project"]["dynamic"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(dynamic, ["version"]);
}

#[test]
fn both_hooks_run_the_same_check_and_the_python_one_pins_this_version() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_sequence().unwrap();
    let lang = |id: &str| {
        let h = hooks.iter().find(|h| h["id"].as_str() == Some(id)).unwrap();
        (
            h["language"].as_str().unwrap().to_string(),
            h["entry"].as_str().unwrap().to_string(),
        )
    };
    let (rust, rust_entry) = lang("citelint");
    let (python, python_entry) = lang("citelint-wheel");
    assert_eq!((rust.as_str(), python.as_str()), ("rust", "python"));
    assert_eq!(rust_entry, python_entry);
    // pre-commit installs the repository root with pip: a package with no
    // code whose only dependency is the wheel of this very version.
    let root = toml_file("pyproject.toml");
    assert_eq!(root["project"]["version"].as_str(), Some(VERSION));
    let deps: Vec<&str> = root["project"]["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(deps, [format!("citelint-cli=={VERSION}")]);
    assert!(
        root.get("tool").and_then(|t| t.get("maturin")).is_none(),
        "the root must not build the crate"
    );
}

#[test]
fn the_release_workflow_builds_every_platform_and_publishes_archives_with_checksums() {
    let w = yaml(".github/workflows/release.yml");
    let tags: Vec<&str> = w["on"]["push"]["tags"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert_eq!(tags, ["v*"]);
    let jobs = &w["jobs"];
    let matrix = jobs["wheels"]["strategy"]["matrix"]["include"].as_sequence().unwrap();
    let triples: Vec<&str> = matrix.iter().filter_map(|m| m["triple"].as_str()).collect();
    for t in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(triples.contains(&t), "{t} missing from {triples:?}");
    }
    // Linux wheels come in both libc flavours; archives from the static
    // musl builds, macOS and Windows.
    let musl = matrix
        .iter()
        .filter(|m| m["manylinux"].as_str() == Some("musllinux_1_2"))
        .count();
    assert_eq!(musl, 2);
    let archived: Vec<&str> = matrix
        .iter()
        .filter(|m| m["archive"].as_str().is_some())
        .filter_map(|m| m["triple"].as_str())
        .collect();
    assert_eq!(archived.len(), 5, "{archived:?}");
    assert!(archived.iter().all(|t| !t.ends_with("-gnu")));
    let steps = jobs["wheels"]["steps"].as_sequence().unwrap();
    let maturin = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("PyO3/maturin-action@"))
        })
        .unwrap();
    assert_eq!(maturin["with"]["working-directory"].as_str(), Some("wheel"));
    assert!(maturin["with"]["args"].as_str().unwrap().contains("--locked"));
    let pack = steps
        .iter()
        .find(|s| s["name"].as_str() == Some("Pack the binary"))
        .unwrap();
    assert!(pack["run"].as_str().unwrap().contains("hashlib.sha256"));
    let publish = &jobs["publish"];
    let needs: Vec<&str> = publish["needs"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_str())
        .collect();
    assert_eq!(needs, ["wheels", "sdist"]);
    assert_eq!(publish["permissions"]["id-token"].as_str(), Some("write"));
    let text = fs::read_to_string(repo(".github/workflows/release.yml")).unwrap();
    assert!(text.contains("SHA256SUMS"));
}

/// The action's steps, by name.
fn action_step(name: &str) -> String {
    let action = yaml("action.yml");
    let steps = action["runs"]["steps"].as_sequence().unwrap().clone();
    let s = steps.iter().find(|s| s["name"].as_str() == Some(name)).unwrap();
    let script = s["run"].as_str().unwrap().to_string();
    assert!(!script.contains("${{"), "inputs reach {name} only through env");
    script
}

fn write_exe(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// A runner for the install steps: stub `python3` (its venv's `python`
/// logs the pip command and fails when `pip-fails` exists) and stub
/// `cargo` (logs and "builds" a citelint into the install root).
struct Runner {
    dir: tempfile::TempDir,
}

impl Runner {
    fn new() -> Runner {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display().to_string();
        let python = format!(
            "#!/bin/sh\n[ \"$1\" = -m ] && [ \"$2\" = venv ] || exit 9\nmkdir -p \"$3/bin\"\n\
             printf '#!/bin/sh\\necho \"$@\" >> {d}/pip.log\\n[ ! -e {d}/pip-fails ]\\n' > \"$3/bin/python\"\n\
             chmod +x \"$3/bin/python\"\n"
        );
        write_exe(&dir.path().join("stubs/python3"), &python);
        let cargo = format!(
            "#!/bin/sh\necho \"$@\" >> {d}/cargo.log\nwhile [ \"$1\" != --root ]; do shift; done\n\
             mkdir -p \"$2/bin\" && printf '#!/bin/sh\\n' > \"$2/bin/citelint\" && chmod +x \"$2/bin/citelint\"\n"
        );
        write_exe(&dir.path().join("stubs/cargo"), &cargo);
        fs::create_dir_all(dir.path().join("temp")).unwrap();
        Runner { dir }
    }

    fn file(&self, name: &str) -> String {
        fs::read_to_string(self.dir.path().join(name)).unwrap_or_default()
    }

    fn run(&self, step: &str) -> Output {
        let path = format!("{}:/usr/bin:/bin", self.dir.path().join("stubs").display());
        Command::new("bash")
            .arg("-eo")
            .arg("pipefail")
            .arg("-c")
            .arg(action_step(step))
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", path)
            .env("RUNNER_TEMP", self.dir.path().join("temp"))
            .env("RUNNER_OS", "Linux")
            .env("GITHUB_ACTION_PATH", env!("CARGO_MANIFEST_DIR"))
            .env("GITHUB_OUTPUT", self.dir.path().join("output"))
            .env("GITHUB_PATH", self.dir.path().join("path"))
            .env("INPUT_VERSION", "")
            .output()
            .unwrap()
    }
}

#[test]
fn the_action_installs_the_wheel_of_its_own_version() {
    let r = Runner::new();
    let out = r.run("Install citelint (wheel)");
    assert!(out.status.success(), "{out:?}");
    let pip = r.file("pip.log");
    assert!(pip.contains(&format!("citelint-cli=={VERSION}")), "{pip}");
    assert!(pip.contains("--only-binary citelint-cli"), "no sdist build: {pip}");
    assert!(r.file("output").contains("installed=true"));
    assert!(
        r.file("path").trim_end().ends_with("temp/citelint-venv/bin"),
        "{}",
        r.file("path")
    );
    assert_eq!(r.file("cargo.log"), "");
}

#[test]
fn without_a_wheel_the_action_builds_once_and_then_uses_the_cached_binary() {
    let r = Runner::new();
    fs::write(r.dir.path().join("pip-fails"), "").unwrap();
    let out = r.run("Install citelint (wheel)");
    assert!(out.status.success(), "{out:?}");
    let output = r.file("output");
    assert!(output.contains("installed=false"), "{output}");
    let key = output.lines().find_map(|l| l.strip_prefix("key=")).unwrap();
    assert!(
        key.starts_with(&format!("{VERSION}-")),
        "the cache key names the version: {key}"
    );
    // The key depends on the sources only: the same on a second runner.
    let again = Runner::new();
    fs::write(again.dir.path().join("pip-fails"), "").unwrap();
    again.run("Install citelint (wheel)");
    assert!(again.file("output").contains(&format!("key={key}")));

    let out = r.run("Install citelint (build)");
    assert!(out.status.success(), "{out:?}");
    let cargo = r.file("cargo.log");
    assert!(cargo.starts_with("install --locked --path "), "{cargo}");
    assert!(r.file("path").contains("temp/citelint-build/bin"));
    // The cache restored the binary: no second build.
    r.run("Install citelint (build)");
    assert_eq!(r.file("cargo.log").lines().count(), 1);
}

const ARCHIVE: &str = "US troops in Kosovo\n\nChecked on November 26, 2025\n\n\
The U.S. has 600 troops in Kosovo [1].\n\n## Sources\n\n1. Ministry figures. https://example.org/figures\n";

/// The check step with `--corpus drafts/**` in `args`: bash would expand an
/// unquoted glob to the files it matches (`drafts/archive drafts/new.md`),
/// and the conflict with the archive would be missed.
#[test]
fn the_action_passes_globs_in_args_to_citelint_unexpanded() {
    let d = tempfile::tempdir().unwrap();
    fs::create_dir_all(d.path().join("drafts/archive")).unwrap();
    fs::write(d.path().join("drafts/archive/troops.md"), ARCHIVE).unwrap();
    fs::write(
        d.path().join("drafts/new.md"),
        ARCHIVE.replace(" 600 ", " 1,200 ").replace("figures", "update"),
    )
    .unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_citelint")).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("bash")
        .arg("-eo")
        .arg("pipefail")
        .arg("-c")
        .arg(action_step("Check"))
        .current_dir(d.path())
        .env("PATH", path)
        .env_remove("GITHUB_ACTIONS")
        .env("INPUT_PATHS", "drafts/new.md")
        .env("INPUT_ARGS", "--corpus drafts/**")
        .env("INPUT_CHANGED_SINCE", "")
        .env("INPUT_FAIL_ON", "")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("::error file=drafts/new.md,line=5") && stdout.contains("NUM001"),
        "{stdout}"
    );
    assert!(stdout.contains("numbers compared with 1 more draft"), "{stdout}");
}
