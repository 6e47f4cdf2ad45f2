//! A long run keeps only the lines its findings show of each file (a
//! compacted copy); what every report says must not change. These drafts have
//! findings far apart, a NUM finding added after the file was compacted (it
//! reads the file again), non-ASCII text and CRLF line breaks.

mod common;

use std::fs;

use common::run_in;

fn draft(figure: &str) -> String {
    let mut s = String::from("US troops in Kosovo\r\n\r\nChecked on November 26, 2025\r\n\r\n");
    s.push_str("The mission’s first claim is here [7].\r\n\r\n");
    for i in 0..30 {
        s.push_str(&format!("Filler paragraph {i} with “quotes” and café [1].\r\n\r\n"));
    }
    s.push_str(&format!("{figure} [1]\r\n\r\n"));
    for i in 0..30 {
        s.push_str(&format!("More filler {i} [1].\r\n\r\n"));
    }
    s.push_str(
        "A last claim cites nothing listed [9].\r\n\r\n## Sources\r\n\r\n1. Ministry. https://example.org/a\r\n",
    );
    s
}

#[test]
fn findings_far_apart_and_a_later_number_conflict_report_as_in_the_whole_file() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("a.md"), draft("The U.S. has 600 troops in Kosovo.")).unwrap();
    fs::write(d.path().join("b.md"), draft("The U.S. has 1,200 troops in Kosovo.")).unwrap();
    let r = run_in(d.path(), &["check", "--format", "json", "."]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let text = fs::read_to_string(d.path().join("a.md")).unwrap();
    let got: Vec<(String, String, u64, u64, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            let (s, e) = (x["byte_start"].as_u64().unwrap(), x["byte_end"].as_u64().unwrap());
            let file = x["file"].as_str().unwrap().to_string();
            let shown = if file == "a.md" {
                text[s as usize..e as usize].to_string()
            } else {
                String::new()
            };
            (
                file,
                x["code"].as_str().unwrap().to_string(),
                x["line"].as_u64().unwrap(),
                x["column"].as_u64().unwrap(),
                shown,
            )
        })
        .collect();
    let a: Vec<_> = got.iter().filter(|g| g.0 == "a.md").collect();
    // In text order: the NUM finding (added after compaction) sorts between
    // the two marker findings, with its real line, column and bytes.
    assert_eq!(
        a.iter().map(|g| (g.1.as_str(), g.2, g.3)).collect::<Vec<_>>(),
        [("CIT001", 5, 35), ("NUM001", 67, 14), ("CIT001", 129, 35)],
        "{got:?}"
    );
    assert_eq!(a[0].4, "[7]");
    assert_eq!(a[1].4, "600 troops");
    assert_eq!(a[2].4, "[9]");

    // The human report shows the flagged lines themselves.
    let r = run_in(d.path(), &["check", "--color", "never", "a.md", "b.md"]);
    assert!(
        r.stdout.contains("129 │ A last claim cites nothing listed [9]."),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("5 │ The mission’s first claim is here [7]."),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("67 │ The U.S. has 600 troops in Kosovo. [1]"),
        "{}",
        r.stdout
    );
}
