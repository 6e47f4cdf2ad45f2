//! SARIF output against the SARIF 2.1.0 schema's structure.
//!
//! `tests/data/sarif-2.1.0-subset.schema.json` holds the parts of the 2.1.0
//! schema that cover every object citelint emits (required properties,
//! types, enums, minimums); a small validator below applies it, since no
//! network (and no schema download) is available to the tests. On top of the
//! schema, the checks SARIF's own validator makes about consistency: regions
//! that end after they start, `ruleIndex` pointing at `ruleId`.

mod common;

use std::fs;

use serde_json::Value;

use common::{run, run_in};

fn schema() -> Value {
    let text = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sarif-2.1.0-subset.schema.json"
    ))
    .expect("schema fixture");
    serde_json::from_str(&text).expect("schema is JSON")
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn is_uri_reference(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b))
}

/// Validates `v` against `schema` (resolving `$ref` in `root`), pushing one
/// message per violation with its JSON path.
fn validate(root: &Value, schema: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/definitions/").expect("local ref");
        validate(root, &root["definitions"][name], v, path, errors);
        return;
    }
    if let Some(t) = schema.get("type") {
        let allowed: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let actual = type_name(v);
        let ok = allowed.contains(&actual) || (actual == "integer" && allowed.contains(&"number"));
        if !ok {
            errors.push(format!("{path}: expected {allowed:?}, found {actual}"));
            return;
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            errors.push(format!("{path}: {v} is not one of {e:?}"));
        }
    }
    if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
        if v.as_f64().is_some_and(|x| x < min) {
            errors.push(format!("{path}: {v} is below the minimum {min}"));
        }
    }
    if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
        if v.as_f64().is_some_and(|x| x > max) {
            errors.push(format!("{path}: {v} is above the maximum {max}"));
        }
    }
    if let Some(f) = schema.get("format").and_then(Value::as_str) {
        if let Some(s) = v.as_str() {
            let ok = match f {
                "uri" => s.contains(':') && is_uri_reference(s),
                "uri-reference" => is_uri_reference(s),
                _ => true,
            };
            if !ok {
                errors.push(format!("{path}: {s:?} is not a valid {f}"));
            }
        }
    }
    if let Some(req) = schema.get("required").and_then(Value::as_array) {
        for key in req.iter().filter_map(Value::as_str) {
            if v.get(key).is_none() {
                errors.push(format!("{path}: missing required property {key:?}"));
            }
        }
    }
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        let passes = any.iter().any(|s| {
            let mut e = Vec::new();
            validate(root, s, v, path, &mut e);
            e.is_empty()
        });
        if !passes {
            errors.push(format!("{path}: matches none of anyOf"));
        }
    }
    if let Some(obj) = v.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for (k, val) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(root, s, val, &format!("{path}.{k}"), errors),
                None => {
                    if let Some(extra) = schema.get("additionalProperties").filter(|a| a.is_object()) {
                        validate(root, extra, val, &format!("{path}.{k}"), errors);
                    }
                }
            }
        }
    }
    if let Some(arr) = v.as_array() {
        if let Some(items) = schema.get("items") {
            for (i, item) in arr.iter().enumerate() {
                validate(root, items, item, &format!("{path}[{i}]"), errors);
            }
        }
        if schema.get("uniqueItems") == Some(&Value::Bool(true)) {
            for (i, a) in arr.iter().enumerate() {
                if arr[..i].contains(a) {
                    errors.push(format!("{path}[{i}]: duplicate item"));
                }
            }
        }
    }
}

/// Schema violations plus SARIF's consistency rules.
fn problems(log: &Value) -> Vec<String> {
    let root = schema();
    let mut errors = Vec::new();
    validate(&root, &root, log, "$", &mut errors);
    for (r, run) in log["runs"].as_array().into_iter().flatten().enumerate() {
        let rules = run["tool"]["driver"]["rules"].as_array().cloned().unwrap_or_default();
        for (i, res) in run["results"].as_array().into_iter().flatten().enumerate() {
            let at = format!("$.runs[{r}].results[{i}]");
            if let Some(idx) = res["ruleIndex"].as_u64() {
                if rules.get(idx as usize).map(|x| &x["id"]) != Some(&res["ruleId"]) {
                    errors.push(format!("{at}: ruleIndex does not point at ruleId"));
                }
            }
            if res["partialFingerprints"]["citelint/v1"].as_str().is_none() {
                errors.push(format!("{at}: no citelint/v1 fingerprint"));
            }
            let locs = res["locations"].as_array().into_iter().flatten();
            let related = res["relatedLocations"].as_array().into_iter().flatten();
            for loc in locs.chain(related) {
                let reg = &loc["physicalLocation"]["region"];
                let (sl, sc) = (reg["startLine"].as_u64(), reg["startColumn"].as_u64());
                let (el, ec) = (reg["endLine"].as_u64(), reg["endColumn"].as_u64());
                if el < sl || (el == sl && ec < sc) {
                    errors.push(format!("{at}: region ends before it starts: {reg}"));
                }
            }
        }
    }
    errors
}

fn sarif_of(args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let r = run(&all);
    assert!(r.code <= 1, "{}", r.stderr);
    serde_json::from_str(&r.stdout).expect("SARIF is JSON")
}

#[test]
fn sarif_output_satisfies_the_schema() {
    let log = sarif_of(&[
        "fixtures/rules",
        "fixtures/clean",
        "fixtures/seedlike",
        "fixtures/suppress",
    ]);
    let errors = problems(&log);
    assert!(errors.is_empty(), "SARIF violations:\n{}", errors.join("\n"));
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 20, "the fixtures produce findings");
    // Every level citelint has appears, mapped to SARIF's names.
    for level in ["error", "warning", "note"] {
        assert!(results.iter().any(|r| r["level"] == level), "no {level} result");
    }
    // Rules carry their docs and default level.
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let cit002 = rules.iter().find(|r| r["id"] == "CIT002").unwrap();
    assert_eq!(cit002["name"], "unused-source");
    assert_eq!(cit002["defaultConfiguration"]["level"], "warning");
    assert!(cit002["fullDescription"]["text"].as_str().unwrap().contains("Why:"));
    assert!(cit002["help"]["text"].as_str().unwrap().starts_with("Fix:"));
    assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
}

#[test]
fn the_validator_catches_broken_logs() {
    let mut log = sarif_of(&["fixtures/rules/CIT002-unused-source.txt"]);
    assert!(problems(&log).is_empty());
    let result = &mut log["runs"][0]["results"][0];
    result.as_object_mut().unwrap().remove("message");
    result["level"] = Value::String("fatal".into());
    result["locations"][0]["physicalLocation"]["region"]["startLine"] = Value::from(0);
    log["version"] = Value::String("2.0.0".into());
    let errors = problems(&log);
    for want in [
        "missing required property \"message\"",
        "fatal",
        "below the minimum",
        "2.0.0",
    ] {
        assert!(errors.iter().any(|e| e.contains(want)), "{want} not caught: {errors:?}");
    }
}

#[test]
fn regions_and_uris_for_unusual_files() {
    let d = tempfile::tempdir().unwrap();
    fs::write(
        d.path().join("a draft é.md"),
        "Ünïcödé claim [9].\r\n\r\n## Sources\r\n\r\n1. A. https://example.org/a\r\n",
    )
    .unwrap();
    let r = run_in(d.path(), &["check", "--format", "sarif", "a draft é.md"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let log: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(problems(&log).is_empty(), "{:?}", problems(&log));
    let res = &log["runs"][0]["results"][0];
    let loc = &res["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "a%20draft%20%C3%A9.md");
    // Columns count code points; byte offsets count bytes.
    assert_eq!(loc["region"]["startColumn"], 15);
    assert_eq!(loc["region"]["endColumn"], 18);
    assert_eq!(loc["region"]["byteOffset"], "Ünïcödé claim ".len());
    assert_eq!(loc["region"]["byteLength"], 3);
}

#[test]
fn fingerprints_ignore_position() {
    let d = tempfile::tempdir().unwrap();
    let body = "Claim [9].\n\n## Sources\n\n1. A. https://example.org/a\n";
    fs::write(d.path().join("a.md"), body).unwrap();
    let fp = |dir: &std::path::Path| {
        let r = run_in(dir, &["check", "--format", "sarif", "a.md"]);
        let log: Value = serde_json::from_str(&r.stdout).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"]["citelint/v1"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let before = fp(d.path());
    fs::write(d.path().join("a.md"), format!("# Title\n\nA new paragraph.\n\n{body}")).unwrap();
    assert_eq!(fp(d.path()), before, "moving the finding down keeps its fingerprint");
    fs::write(d.path().join("a.md"), body.replace("Claim [9]", "Another claim [9]")).unwrap();
    assert_ne!(fp(d.path()), before, "editing its sentence changes it");
}
