//! The uncited-claim detector end to end: the hand-labelled fixture set
//! (precision and recall), the seeds, paragraph scope, and the `sentences`
//! command that shows every sentence's classification.

mod common;

use std::collections::BTreeMap;

use common::{json, run, run_in};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Labels {
    file: Vec<LabelledFile>,
}

#[derive(Deserialize)]
struct LabelledFile {
    name: String,
    set: String,
    sentences: Vec<(String, String)>,
}

fn sentences(path: &str) -> Vec<Value> {
    let r = run(&["sentences", "--format", "json", path]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str::<Value>(&r.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[derive(Default, Debug)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
}

/// Every sentence of fixtures/claims is labelled (labels.toml). The test
/// checks the segmentation against the labels, that cited and exempt
/// sentences are recognised as such, and scores the detector on the rest.
/// Run with `cargo test --test claims -- --nocapture` to see the figures.
#[test]
fn labelled_fixture_set_precision_and_recall() {
    let labels: Labels = toml::from_str(&std::fs::read_to_string("fixtures/claims/labels.toml").unwrap()).unwrap();
    let mut by_set: BTreeMap<String, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    let mut misses = Vec::new();
    let mut n = 0;
    for f in &labels.file {
        let got = sentences(&format!("fixtures/claims/{}", f.name));
        assert_eq!(
            got.len(),
            f.sentences.len(),
            "{}: sentence count; got {:#?}",
            f.name,
            got.iter().map(|s| s["text"].as_str().unwrap()).collect::<Vec<_>>()
        );
        for (s, (label, prefix)) in got.iter().zip(&f.sentences) {
            n += 1;
            let text = s["text"].as_str().unwrap();
            assert!(
                text.starts_with(prefix.as_str()),
                "{}: {text:?} should start with {prefix:?}",
                f.name
            );
            let class = s["class"].as_str().unwrap();
            let flagged = s["code"].is_string();
            match label.as_str() {
                "cited" => assert_eq!(class, "cited", "{}: {text}", f.name),
                "exempt" => assert_eq!(class, "exempt", "{}: {text}", f.name),
                "claim" | "not-claim" => {
                    assert!(class != "cited" && class != "exempt", "{}: {text} is {class}", f.name);
                    let c = by_set.entry(f.set.clone()).or_default();
                    let positive = label == "claim";
                    match (positive, flagged) {
                        (true, true) => (c.tp += 1, total.tp += 1),
                        (false, true) => (c.fp += 1, total.fp += 1),
                        (true, false) => (c.fn_ += 1, total.fn_ += 1),
                        (false, false) => (c.tn += 1, total.tn += 1),
                    };
                    if positive != flagged {
                        misses.push(format!("{} {}: {text}", if flagged { "FP" } else { "FN" }, f.name));
                    }
                }
                other => panic!("unknown label {other}"),
            }
        }
    }
    assert!(n >= 60, "the labelled set has {n} sentences");
    for (set, c) in &by_set {
        println!("{set}: precision {:.2} recall {:.2} ({c:?})", c.precision(), c.recall());
    }
    println!(
        "all {n} sentences: precision {:.2} recall {:.2} ({total:?})",
        total.precision(),
        total.recall()
    );
    for m in &misses {
        println!("  {m}");
    }
    // Floors a little under today's figures: a change that loses ground fails.
    assert!(total.precision() >= 0.9, "precision {:.2}", total.precision());
    assert!(total.recall() >= 0.75, "recall {:.2}", total.recall());
}

#[test]
fn each_code_fires_on_its_kind_of_sentence() {
    let (_, report) = json(&["fixtures/claims"]);
    let find = |code: &str, start: &str| {
        report["diagnostics"].as_array().unwrap().iter().any(|d| {
            d["code"] == code && d["message"].as_str().is_some() && {
                let line = d["line"].as_u64().unwrap();
                let file = d["file"].as_str().unwrap();
                let text = std::fs::read_to_string(file).unwrap();
                text.lines().nth(line as usize - 1).unwrap().contains(start)
            }
        })
    };
    assert!(find("CLM001", "The county health department traced"));
    assert!(find("CLM002", "Superintendent Dana Whitfield called"));
    assert!(find("CLM003", "Election workers processed 18,200"));
    assert!(find("CLM004", "Critics say the board"));
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "CLM003" && d["message"].as_str().unwrap().contains("18,200"))
        .unwrap();
    assert_eq!(d["severity"], "warning");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("a figure \"18,200 mail ballots\""),
        "{d:#}"
    );
    // Headings, titles, questions and boilerplate never get a CLM code,
    // even with numbers in them ("A gift of $10 a month", "Proposition 12").
    for d in report["diagnostics"].as_array().unwrap() {
        let file = d["file"].as_str().unwrap();
        let text = std::fs::read_to_string(file).unwrap();
        let line = text.lines().nth(d["line"].as_u64().unwrap() as usize - 1).unwrap();
        for trap in [
            "A gift of",
            "Fact check:",
            "Want to dive",
            "How many students",
            "If you",
        ] {
            assert!(!line.starts_with(trap), "{d:#}");
        }
    }
}

#[test]
#[ignore = "needs ../shared/seeds beside the clone; run by .ci/run"]
fn paragraph_scope_reports_followed_claims_as_info() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
    std::fs::write(dir.path().join("citelint.toml"), "[claims]\nscope = \"paragraph\"\n").unwrap();
    for e in std::fs::read_dir(seeds).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    let (_, report) = common::json_in(dir.path(), &["."]);
    let clm: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CLM001")
        .collect();
    assert_eq!(clm.len(), 5);
    for d in clm {
        assert_eq!(d["severity"], "info", "{d:#}");
        assert!(d["message"]
            .as_str()
            .unwrap()
            .contains("a later sentence in the paragraph is cited"));
    }
}

#[test]
fn config_tunes_the_detector() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("draft.md"),
        "# Title\n\nCrews patrolled the northern valley all week.\n",
    )
    .unwrap();
    let r = run_in(dir.path(), &["check", "--format", "json", "draft.md"]);
    assert!(!r.stdout.contains("CLM001"), "{}", r.stdout);
    std::fs::write(
        dir.path().join("citelint.toml"),
        "[claims]\nthreshold-without-anchor = 2\n[claims.lexicons]\nextra-event-verbs = [\"patrolled\"]\n[claims.weights]\nevent-verb = 2\n",
    )
    .unwrap();
    let r = run_in(dir.path(), &["check", "--format", "json", "draft.md"]);
    assert!(r.stdout.contains("CLM001"), "{}", r.stdout);
    assert!(r.stdout.contains("an event \\\"patrolled\\\""), "{}", r.stdout);

    std::fs::write(dir.path().join("citelint.toml"), "[claims]\nthreshold = \"high\"\n").unwrap();
    let r = run_in(dir.path(), &["check", "draft.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("[claims]"), "{}", r.stderr);
}

#[test]
fn sentences_command_shows_reasons() {
    let r = run(&["sentences", "fixtures/claims/turnout-proposition.txt"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .contains("turnout-proposition.txt:5:95: CLM003 statistic (score 4/2)"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("quantity \"18,200 mail ballots\" +2"), "{}", r.stdout);
    assert!(r.stdout.contains("exempt:question"), "{}", r.stdout);
    let s = sentences("fixtures/claims/turnout-proposition.txt");
    let first = &s[0];
    for key in [
        "file",
        "line",
        "column",
        "byte_start",
        "byte_end",
        "text",
        "unit",
        "class",
        "exempt",
        "code",
        "markers",
        "score",
        "threshold",
        "reasons",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(first["unit"], "title");
    let missing = run(&["sentences", "no/such/file.md"]);
    assert_eq!(missing.code, 2);
}
