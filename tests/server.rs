//! `citelint server` end to end: the real binary driven over stdio with
//! JSON-RPC (initialize, didOpen, publishDiagnostics, codeAction, hover,
//! definition, references, didChange, shutdown, exit).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Only a guard against a hung server; nothing asserts on time.
const HANG_GUARD: Duration = Duration::from_secs(120);

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: u64,
}

impl Client {
    fn start(dir: &std::path::Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_citelint"))
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("server starts");
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = channel();
        std::thread::spawn(move || loop {
            let mut len = 0usize;
            loop {
                let mut line = String::new();
                if out.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    len = v.parse().unwrap();
                }
            }
            let mut body = vec![0; len];
            out.read_exact(&mut body).unwrap();
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
        }
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let msg = self.wait(|m| m["id"] == id);
        assert!(msg.get("error").is_none(), "{msg}");
        msg["result"].clone()
    }

    /// The next message matching `want` (others are dropped).
    fn wait(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self.rx.recv_timeout(HANG_GUARD).expect("server answered");
            if want(&m) {
                return m;
            }
        }
    }

    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let m = self.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri);
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags.iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn diagnostics_actions_hover_definition_references_and_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.md");
    let text = "Routes grew [1] [2] [1].\n\n## Sources\n\n1. Airport route announcement. https://example.org/routes\n2. Airline schedule. https://example.org/schedule\n";
    std::fs::write(&path, text).unwrap();
    let uri = url::Url::from_file_path(&path).unwrap().to_string();
    let mut c = Client::start(dir.path());
    let init = c.request(
        "initialize",
        json!({"capabilities": {}, "processId": null, "rootUri": null}),
    );
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    c.notify("initialized", json!({}));

    let opened = Instant::now();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let diags = c.diagnostics(&uri);
    eprintln!("first diagnostics {:?} after didOpen", opened.elapsed());
    assert_eq!(codes(&diags), vec!["CIT008"]);
    assert_eq!(diags[0]["range"]["start"], json!({"line": 0, "character": 21}));

    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diags[0]["range"], "context": {"diagnostics": diags}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.iter().any(|t| t.contains("Remove the repeated id")),
        "{titles:?}"
    );
    assert!(titles.contains(&"Disable CIT008 for this line"), "{titles:?}");
    let edits = &actions[0]["edit"]["changes"][&uri];
    assert_eq!(edits[0]["newText"], "");
    assert_eq!(edits[0]["range"]["start"]["character"], 19);
    let disable = &actions[1]["edit"]["changes"][&uri][0];
    assert_eq!(disable["newText"], "<!-- citelint-disable-next-line CIT008 -->\n");

    let at = |line: u32, character: u32| json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
    let hover = c.request("textDocument/hover", at(0, 17));
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("Airline schedule") && shown.contains("https://example.org/schedule"),
        "{shown}"
    );

    let def = c.request("textDocument/definition", at(0, 13));
    assert_eq!(def[0]["range"]["start"], json!({"line": 4, "character": 0}));

    let mut refs_params = at(4, 5);
    refs_params["context"] = json!({"includeDeclaration": false});
    let refs = c.request("textDocument/references", refs_params);
    assert_eq!(refs.as_array().unwrap().len(), 2, "{refs}");

    // A change is checked again (after the debounce).
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "Routes grew [1] [3].\n\n## Sources\n\n1. A. https://example.org/a\n"}]}),
    );
    assert_eq!(codes(&c.diagnostics(&uri)), vec!["CIT001"]);

    assert_eq!(c.request("shutdown", Value::Null), Value::Null);
    c.notify("exit", Value::Null);
    let status = c.child.wait().unwrap();
    assert!(status.success(), "{status}");
}

#[test]
fn no_panic_on_any_fixture_sent_as_a_document() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for sub in [
        "fixtures/rules",
        "fixtures/clean",
        "fixtures/suppress",
        "fixtures/claims",
        "tests/fuzz_regressions",
    ] {
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            files.push(e.unwrap().path());
        }
    }
    let mut c = Client::start(root);
    c.request(
        "initialize",
        json!({"capabilities": {}, "processId": null, "rootUri": null}),
    );
    c.notify("initialized", json!({}));
    for (i, f) in files.iter().enumerate() {
        let text = String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned();
        let ext = if i % 2 == 0 { "md" } else { "txt" };
        let uri = format!("untitled:doc{i}.{ext}");
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        c.diagnostics(&uri);
        c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
        );
    }
    assert_eq!(c.request("shutdown", Value::Null), Value::Null);
    c.notify("exit", Value::Null);
    assert!(c.child.wait().unwrap().success());
}

#[test]
fn hover_on_a_figure_shows_its_ledger_group_across_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let fx = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/numbers/c01-us-troops");
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    for f in ["a.txt", "b.txt"] {
        std::fs::copy(fx.join(f), dir.path().join("drafts").join(f)).unwrap();
    }
    std::fs::write(dir.path().join("citelint.toml"), "corpus = [\"drafts/*.txt\"]\n").unwrap();
    let path = dir.path().join("drafts/a.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = url::Url::from_file_path(&path).unwrap().to_string();
    let mut c = Client::start(dir.path());
    c.request(
        "initialize",
        json!({"capabilities": {}, "processId": null, "rootUri": null}),
    );
    c.notify("initialized", json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    c.diagnostics(&uri);
    let line = text.lines().position(|l| l.contains("About 600")).unwrap() as u32;
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 7}}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("measure: troop") && shown.contains("drafts/b.txt") && shown.contains("1,200"),
        "{shown}"
    );
    assert_eq!(c.request("shutdown", Value::Null), Value::Null);
    c.notify("exit", Value::Null);
    assert!(c.child.wait().unwrap().success());
}

#[test]
fn first_diagnostics_for_a_400_line_draft() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.md");
    let mut text = String::new();
    for i in 0..396 {
        text.push_str(&format!(
            "Paragraph {i} says the council approved the plan [{}].\n",
            i % 3 + 1
        ));
    }
    text.push_str(
        "\n## Sources\n\n1. One https://example.org/1\n2. Two https://example.org/2\n3. Three https://example.org/3\n",
    );
    let uri = url::Url::from_file_path(&path).unwrap().to_string();
    let mut c = Client::start(dir.path());
    c.request(
        "initialize",
        json!({"capabilities": {}, "processId": null, "rootUri": null}),
    );
    c.notify("initialized", json!({}));
    let opened = Instant::now();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let diags = c.diagnostics(&uri);
    // Measured, not asserted: the target is 50 ms in a release build.
    eprintln!(
        "400-line draft: first diagnostics {:?} after didOpen ({} findings)",
        opened.elapsed(),
        diags.len()
    );
    assert_eq!(c.request("shutdown", Value::Null), Value::Null);
    c.notify("exit", Value::Null);
    assert!(c.child.wait().unwrap().success());
}

#[test]
fn sidecar_findings_and_definitions_point_into_the_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("side.txt");
    let text = "Fares rose [1].\n";
    std::fs::write(&path, text).unwrap();
    let sidecar = dir.path().join("side.sources.toml");
    std::fs::write(&sidecar, "[[sources]]\nid = 1\ntitle = \"Fare table\"\n").unwrap();
    let uri = url::Url::from_file_path(&path).unwrap().to_string();
    let sc_uri = url::Url::from_file_path(&sidecar).unwrap().to_string();
    let mut c = Client::start(dir.path());
    c.request(
        "initialize",
        json!({"capabilities": {}, "processId": null, "rootUri": null}),
    );
    c.notify("initialized", json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    assert_eq!(codes(&c.diagnostics(&sc_uri)), vec!["SRC002"]);
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 12}}),
    );
    assert_eq!(def[0]["uri"], sc_uri);
    assert_eq!(c.request("shutdown", Value::Null), Value::Null);
    c.notify("exit", Value::Null);
    assert!(c.child.wait().unwrap().success());
}
