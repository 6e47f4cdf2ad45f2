//! The HTML report (`numbers --format html`, `check --format html`): one
//! self-contained page whose structure matches the JSON ledger and report
//! it is drawn from: conflicts first, a number line per quantity with a row
//! per mention in the shape its form calls for, links that resolve to the
//! drafts, a filter box, and nothing loaded from anywhere.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::Value;

use common::{run, run_in};

const DRAFTS: &str = "fixtures/numbers-drafts";

fn ledger_html() -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let page = out.path().join("reports/ledger.html");
    fs::create_dir_all(page.parent().unwrap()).unwrap();
    let r = run(&["numbers", "--format", "html", "-o", page.to_str().unwrap(), DRAFTS]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "", "the page goes to the file");
    let html = fs::read_to_string(&page).unwrap();
    (out, html)
}

fn ledger_json() -> Value {
    let r = run(&["numbers", "--format", "json", DRAFTS]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

/// Every value of `attr="…"` in the page.
fn attrs<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let key = format!("{attr}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let rest = &html[i + key.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

fn assert_self_contained(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>"));
    for banned in [
        "src=",
        "<link",
        "<img",
        "<iframe",
        "@import",
        "url(",
        "href=\"http",
        "fetch(",
        "XMLHttpRequest",
    ] {
        assert!(!html.contains(banned), "the page must load nothing: found {banned:?}");
    }
    for tag in [
        "html", "head", "body", "main", "section", "article", "table", "svg", "script", "style",
    ] {
        let opened = html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        assert_eq!(opened, html.matches(&format!("</{tag}>")).count(), "<{tag}> balanced");
    }
}

#[test]
fn the_ledger_page_matches_the_json_ledger() {
    let (dir, html) = ledger_html();
    let json = ledger_json();
    assert_self_contained(&html);

    // Conflicts come first, then the other quantities, then what is not compared.
    let at = |id: &str| {
        html.find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("section {id}"))
    };
    assert!(at("filter") < at("conflicts"));
    assert!(at("conflicts") < at("quantities") && at("quantities") < at("untracked"));
    let conflicts = &html[at("conflicts")..at("quantities")];
    let others = &html[at("quantities")..at("untracked")];

    // Every tracked mention is one row of one card; every conflict is listed
    // once, in a card of the conflicts section.
    let summary = &json["summary"];
    assert_eq!(
        html.matches("<tr id=\"m-").count() as u64,
        summary["tracked"].as_u64().unwrap()
    );
    let listed = conflicts.matches("<li><span class=\"sev").count() as u64;
    assert_eq!(listed, summary["conflicts"].as_u64().unwrap());
    assert!(listed > 0, "the fixtures have conflicts");
    assert!(!others.contains("<li><span class=\"sev"));
    assert!(!others.contains("has-conflict"));
    // One number line per card, one row per mention of the card.
    let cards = html.matches("<article class=\"quantity").count();
    assert_eq!(html.matches("<svg class=\"numberline\"").count(), cards);
    // Figures stated once are rows of a folded table, not lines.
    let once = html.matches("class=\"once\"").count();
    assert!(once > 0 && html.contains("<details id=\"once\">"));
    assert_eq!(
        html.matches("<g class=\"mention").count(),
        html.matches("<tr id=\"m-").count() - once
    );

    // Each mention is drawn in the shape its form and interval call for.
    let mut expected: BTreeMap<&str, usize> = BTreeMap::new();
    let mut alone = 0;
    for k in json["keys"].as_array().unwrap() {
        let ms = k["mentions"].as_array().unwrap();
        if ms.len() == 1 && ms[0]["conflicts"].as_array().unwrap().is_empty() {
            alone += 1;
            continue;
        }
        for m in ms.iter().filter(|m| m["polarity"] != "negated") {
            let shape = match (m["lo"].is_null() || m["hi"].is_null(), m["form"].as_str().unwrap()) {
                (true, _) => "bound",
                (false, "sharp") => "point",
                (false, "round") => "round",
                (false, "vague") => "vague",
                (false, _) => "bar",
            };
            *expected.entry(shape).or_default() += 1;
        }
    }
    assert_eq!(
        alone, once,
        "every key with one mention and no conflict is a row of the folded table"
    );
    let mut drawn: BTreeMap<&str, usize> = BTreeMap::new();
    for class in attrs(&html, "class").into_iter().filter(|c| c.starts_with("mention ")) {
        if !class.contains("negated") {
            *drawn.entry(class.rsplit(' ').next().unwrap()).or_default() += 1;
        }
    }
    assert_eq!(drawn, expected);
    assert!(expected.contains_key("bar"), "hedged values are drawn as bars");
    // Open-ended bounds run off the axis with an arrowhead.
    assert_eq!(
        html.matches("class=\"arrowhead\"").count(),
        expected.get("bound").copied().unwrap_or(0)
    );

    // Links: file:line:col text, an href that resolves from the page's
    // directory to the draft, and an editor link at the line.
    let page_dir = dir.path().join("reports");
    let hrefs: Vec<&str> = attrs(&html, "href");
    let files: Vec<&&str> = hrefs.iter().filter(|h| h.starts_with("../")).collect();
    assert!(!files.is_empty());
    for h in files {
        let target = page_dir.join(h.replace("%20", " "));
        let repo_file = Path::new(env!("CARGO_MANIFEST_DIR")).join(h.trim_start_matches("../"));
        assert!(target.exists() || repo_file.exists(), "{h} does not resolve");
    }
    assert!(hrefs
        .iter()
        .any(|h| h.starts_with("vscode://file/") && h.contains(".md:")));
    // Rows on a line link to their table row.
    for h in hrefs.iter().filter(|h| h.starts_with("#m-")) {
        assert!(html.contains(&format!("<tr id=\"{}\"", &h[1..])), "{h}");
    }
    // The filter box and its script; every card and row carries its text.
    assert!(html.contains("<input type=\"search\" id=\"filter\""));
    assert!(html.contains("getElementById(\"filter\")"));
    assert_eq!(
        attrs(&html, "data-text").len(),
        cards + once + summary["untracked"].as_u64().unwrap() as usize
    );
}

#[test]
fn names_and_figures_are_escaped() {
    let d = tempfile::tempdir().unwrap();
    let text = "Pier <b>repairs</b> & \"costs\"\n\nChecked on May 2, 2025\n\n\
The council spent €40,000 on pier repairs [1].\n\n## Sources\n\n1. Council. https://example.org/a\n";
    fs::write(d.path().join("a<i>&\"x\".md"), text).unwrap();
    let r = run_in(d.path(), &["numbers", "--format", "html", "."]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stdout.contains("<i>") && !r.stdout.contains("<b>"),
        "raw markup leaked"
    );
    assert!(r.stdout.contains("a&lt;i&gt;&amp;&quot;x&quot;.md:5:"), "{}", r.stdout);
    assert!(r.stdout.contains("href=\"a%3Ci%3E%26%22x%22.md\""), "{}", r.stdout);
    assert_self_contained(&r.stdout);
}

#[test]
fn the_check_page_lists_reported_conflicts_and_every_finding_number_rules_first() {
    let case = "fixtures/numbers-drafts/hurricane-odile-damage";
    let r = run(&["check", "--format", "html", case]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let html = r.stdout;
    assert_self_contained(&html);
    let report: Value = serde_json::from_str(&run(&["check", "--format", "json", case]).stdout).unwrap();
    let diags = report["diagnostics"].as_array().unwrap();
    let rows: Vec<&str> = attrs(&html, "class")
        .into_iter()
        .filter(|c| *c == "finding" || c.starts_with("finding "))
        .collect();
    assert_eq!(rows.len(), diags.len());
    let num = diags
        .iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with("NUM"))
        .count();
    assert!(num > 0);
    assert!(rows[..num].iter().all(|c| c.contains("has-conflict")));
    assert!(rows[num..].iter().all(|c| !c.contains("has-conflict")));
    // Each NUM finding's conflict is drawn in the conflicts section.
    let conflicts = &html[html.find("id=\"conflicts\"").unwrap()..html.find("id=\"findings\"").unwrap()];
    assert_eq!(conflicts.matches("<li><span class=\"sev").count(), num);
    for d in diags.iter().filter(|d| d["code"].as_str().unwrap().starts_with("NUM")) {
        let place = format!("{}:{}:{}", d["file"].as_str().unwrap(), d["line"], d["column"]);
        assert!(conflicts.contains(&place), "{place}");
    }
    assert!(html.contains(&report["summary"]["errors"].to_string()));
}

#[test]
fn a_check_with_a_rule_off_draws_no_conflict() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("citelint.toml"), "[rules]\nNUM001 = \"off\"\n").unwrap();
    let troops = "US troops in Kosovo\n\nChecked on November 26, 2025\n\n\
The U.S. has 600 troops in Kosovo [1].\n\n## Sources\n\n1. Ministry. https://example.org/f\n";
    fs::write(d.path().join("a.md"), troops).unwrap();
    fs::write(d.path().join("b.md"), troops.replace(" 600 ", " 1,200 ")).unwrap();
    let r = run_in(d.path(), &["check", "--format", "html", "."]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r
        .stdout
        .contains("Quantities in conflict <span class=\"count\">(0)</span>"));
    let r = run_in(d.path(), &["check", "--isolated", "--format", "html", "."]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("Quantities in conflict <span class=\"count\">(1)</span>"),
        "{}",
        r.stdout
    );
}
