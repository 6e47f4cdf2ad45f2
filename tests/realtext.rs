//! Drafts modelled on false positives (and misses) seen on real published
//! text: each gives exactly the findings listed in fixtures/realtext/expected.toml.

mod common;

use std::collections::BTreeMap;

#[test]
fn realtext_fixtures_give_the_expected_findings() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/realtext");
    let expected: BTreeMap<String, Vec<String>> =
        toml::from_str(&std::fs::read_to_string(format!("{dir}/expected.toml")).unwrap()).unwrap();
    assert!(expected.len() >= 7);
    let mut failures = Vec::new();
    for (file, want) in &expected {
        let path = format!("fixtures/realtext/{file}");
        let (_, report) = common::json(&["--isolated", &path]);
        let got: Vec<String> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{}:{}", d["code"].as_str().unwrap(), d["line"]))
            .collect();
        if &got != want {
            failures.push(format!("{file}: want {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
