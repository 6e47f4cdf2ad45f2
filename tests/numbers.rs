//! The numbers check: mechanism tests as small multi-draft cases on varied
//! topics, the one-sentence trap sets of `fixtures/numbers/`, and the
//! independent multi-draft cases of `fixtures/numbers-drafts/`, scored the
//! way `../shared/eval/score.py` scores the labelled development set.

use std::path::Path;

use assert_cmd::Command;
use citelint::diagnostic::Severity;
use citelint::document::{parse, Format, ParseOptions};
use citelint::quantity::{extract_document, find_conflicts, FileMentions, KeptMention, Mention, NUMBERS};
use serde::Deserialize;

/// Drafts as (file name, text): every conflict as (code, severity, file of
/// side a, file of side b).
fn conflicts(drafts: &[(&str, &str)]) -> Vec<(&'static str, Severity, String, String)> {
    let files = files_of(drafts);
    find_conflicts(&files)
        .iter()
        .map(|c| {
            let name = |f: u32| files[f as usize].name.clone();
            (c.code(), c.severity, name(c.a.file), name(c.b.file))
        })
        .collect()
}

/// Each draft's mentions, as read from its text.
fn read(name: &str, text: &str) -> Vec<Mention> {
    let format = Format::from_path(Path::new(name));
    let doc = parse(name, text.as_bytes(), format, None, ParseOptions::default());
    extract_document(&doc, &NUMBERS)
}

fn files_of(drafts: &[(&str, &str)]) -> Vec<FileMentions> {
    drafts
        .iter()
        .map(|(name, text)| FileMentions {
            name: name.to_string(),
            mentions: read(name, text).into_iter().map(KeptMention::from).collect(),
        })
        .collect()
}

fn mentions(text: &str) -> Vec<Mention> {
    read("a.md", text)
}

fn codes(drafts: &[(&str, &str)]) -> Vec<&'static str> {
    conflicts(drafts).into_iter().map(|c| c.0).collect()
}

#[test]
fn any_noun_is_a_measure_and_synonyms_normalise() {
    let a = "# Storm damage in Calder\n\nInspectors counted about 2,800 buildings damaged across Calder County [1].\n";
    let b = "# What the Calder storm cost\n\nAcross the county, 1,900 structures sustained damage [1].\n";
    assert_eq!(codes(&[("a.md", a), ("b.md", b)]), ["NUM001"]);
    let t = "# Calder wind farm\n\nThe operator has installed 62 turbines off Calder Point [1].\n";
    let u = "# Calder turbines\n\nSome 26 turbines now stand off Calder Point, the council says [1].\n";
    assert_eq!(codes(&[("t.md", t), ("u.md", u)]), ["NUM001"]);
}

#[test]
fn a_subject_with_a_linking_verb_is_the_measure() {
    let a = "# Flood at Rennet\n\nChecked on 3 May 2025\n\nThe death toll stands at 43 [1].\n";
    let b = "# Rennet flood deaths\n\nAt least 61 people were killed in the Rennet flood [1].\n";
    assert_eq!(codes(&[("a.md", a), ("b.md", b)]), ["NUM001"]);
    let m = mentions("The median rent for a two-bedroom flat in the city reached £1,140 a month in 2024.");
    let rent = m.iter().find(|m| m.surface.contains("1,140")).unwrap();
    assert_eq!(rent.frame.head.as_deref(), Some("rent"));
    assert_eq!(rent.frame.per.as_deref(), Some("month"));
}

#[test]
fn the_issue_example_in_writers_words_conflicts_across_a_dated_and_an_undated_draft() {
    let a = "---\ndate: 2026-01-12\n---\n# U.S. forces in Kosovo\n\nAbout 600 U.S. soldiers serve with the NATO-led Kosovo Force, most at Camp Bondsteel [1].\n";
    let b = "# Kosovo deployment\n\nRoughly 1,200 U.S. troops are now deployed to Kosovo [1].\n";
    assert_eq!(codes(&[("a.md", a), ("b.md", b)]), ["NUM001"]);
}

#[test]
fn different_owners_or_places_are_different_quantities() {
    let a = "# Harlow mayoral race\n\nSmith won 52,314 votes, the county says [1].\n";
    let b = "# Harlow race result\n\nJones won 38,000 votes, according to the clerk [1].\n";
    assert!(codes(&[("a.md", a), ("b.md", b)]).is_empty());
    let c = "# Gulf storm\n\nThe storm killed 12 people in Houston [1].\n";
    let d = "# Gulf storm toll\n\nThe storm killed 40 people in Dallas [1].\n";
    assert!(codes(&[("c.md", c), ("d.md", d)]).is_empty());
    let e = "# Quake damage\n\nIn the neighbouring district of Lurin, some 300 homes were damaged [1].\n";
    let f = "# Quake damage\n\nAbout 1,900 homes were damaged in the quake [1].\n";
    assert!(codes(&[("e.md", e), ("f.md", f)]).is_empty());
}

#[test]
fn parts_rates_roles_and_bare_generic_nouns_are_kept_apart() {
    // A part of the whole.
    let a = "# Ferry crash\n\nThe ferry carried 212 passengers; 40 of them were children [1].\n";
    let b = "# Ferry crash\n\nThe ferry had 210 passengers aboard [1].\n";
    assert!(codes(&[("a.md", a), ("b.md", b)]).is_empty());
    // Per resident against a total.
    let c = "# Brill debt\n\nThe city's debt came to €4,200 per resident last year [1].\n";
    let d = "# Brill debt\n\nThe city's debt stood at €980 million last year [1].\n";
    assert!(codes(&[("c.md", c), ("d.md", d)]).is_empty());
    // A target against a level.
    let e = "# Tree planting\n\nThe council aims to plant 50,000 trees [1].\n";
    let f = "# Tree planting\n\nVolunteers have planted 12,000 trees so far [1].\n";
    assert!(codes(&[("e.md", e), ("f.md", f)]).is_empty());
    // "people" alone proves nothing.
    let g = "# Fair\n\nAbout 300 people came [1].\n";
    let h = "# Fair\n\nOrganisers said 9,000 people attended the fair on Saturday [1].\n";
    assert!(codes(&[("g.md", g), ("h.md", h)]).is_empty());
}

#[test]
fn times_explicit_years_differ_but_document_dates_are_wildcards() {
    let a = "# Port traffic\n\nIn 2019 the port handled 900 ships [1].\n";
    let b = "# Port traffic\n\nIn 2024 the port handled 1,400 ships [1].\n";
    let got = conflicts(&[("a.md", a), ("b.md", b)]);
    assert!(got.iter().all(|c| c.0 == "NUM003" && c.1 == Severity::Info), "{got:?}");
    let c = "# Port traffic\n\nPublished: 2025-03-02\n\nLast year the port handled 1,400 ships [1].\n";
    let d = "# Port traffic\n\nThe port handled 900 ships in 2024 [1].\n";
    assert_eq!(codes(&[("c.md", c), ("d.md", d)]), ["NUM001"]);
}

#[test]
fn hedges_ranges_shares_and_words_are_read_as_intervals() {
    let one = |t: &str| mentions(t).into_iter().next().unwrap();
    let m = one("Half a million refugees crossed the border.");
    assert_eq!((m.value.lo, m.value.hi), (450_000.0, 550_000.0));
    let m = one("Just under a quarter of departures left late.");
    assert!(m.value.hi == 25.0 && m.value.hi_open && &*m.dimension == "percent");
    let m = one("One in four rail trips is made off-peak.");
    assert!(m.value.lo < 25.0 && m.value.hi > 25.0 && &*m.dimension == "percent");
    // A range containing the other value agrees.
    let a = "# Mill jobs\n\nBetween 300 and 400 jobs will go at the mill [1].\n";
    let b = "# Mill jobs\n\nThe mill will cut 350 jobs [1].\n";
    assert!(codes(&[("a.md", a), ("b.md", b)]).is_empty());
    // Percent and points, and two currencies, are never compared.
    let c = "# Rates\n\nThe jobless rate rose 2 percentage points [1].\n";
    let d = "# Rates\n\nThe jobless rate rose 9% [1].\n";
    assert!(codes(&[("c.md", c), ("d.md", d)]).is_empty());
    let e = "# Grant\n\nThe bank offered a $450 million loan [1].\n";
    let f = "# Grant\n\nThe bank offered a €90 million loan [1].\n";
    assert!(codes(&[("e.md", e), ("f.md", f)]).is_empty());
    // Converted units agree within the precision they were written with.
    let g = "# Channel\n\nThe channel is dredged to 16 metres deep [1].\n";
    let h = "# Channel\n\nThe channel is dredged to 52 feet deep [1].\n";
    assert!(codes(&[("g.md", g), ("h.md", h)]).is_empty());
}

#[test]
fn designators_refuted_claims_and_denials() {
    let ms = mentions("Route 9 and Ward 12 reopened under Bill 204.");
    assert!(
        ms.iter().all(|m| !m.is_tracked()),
        "{:?}",
        ms.iter().map(Mention::brief).collect::<Vec<_>>()
    );
    let a = "# Shelter\n\nPosts falsely claimed 5,000 families were evicted; 500 families were evicted [1].\n";
    let b = "# Shelter\n\nAbout 520 families were evicted [1].\n";
    assert!(codes(&[("a.md", a), ("b.md", b)]).is_empty());
    let c = "# Kosovo troops\n\nU.S. troops in Kosovo number in the hundreds, not thousands.\n";
    let d = "# Kosovo troops\n\nSeveral thousand U.S. troops are in Kosovo [1].\n";
    assert_eq!(codes(&[("c.md", c), ("d.md", d)]), ["NUM006"]);
}

#[test]
fn hard_wrapped_plain_text_is_one_paragraph() {
    let a = "QUAKE COSTS\nChecked on 20 June 2024\n\n1. The damage\n\nAt least 61 people were killed in the earthquake, according to the civil\nprotection agency's final report [1].\n";
    let ms = mentions_plain(a);
    let m = ms
        .iter()
        .find(|m| m.surface.contains("61"))
        .expect("the wrapped sentence is read");
    assert_eq!(m.frame.head.as_deref(), Some("death"));
    assert_eq!(m.time.year, Some(2024));
    assert!(m.is_tracked());
}

fn mentions_plain(text: &str) -> Vec<Mention> {
    read("a.txt", text)
}

#[test]
fn conflicts_do_not_depend_on_file_order() {
    let a = ("a.md", "# Harbour\n\nThe harbour handled 4,100 ships in 2024 [1].\n");
    let b = (
        "b.md",
        "# Harbour\n\nVessel calls at the harbour rose to 3,240 in 2024 [1].\n",
    );
    let c = (
        "c.md",
        "# Harbour\n\nSome 3,200 ships called at the harbour in 2024 [1].\n",
    );
    let fwd = conflicts(&[a, b, c]);
    let rev = conflicts(&[c, b, a]);
    assert!(!fwd.is_empty());
    assert_eq!(fwd, rev);
}

// ---------------------------------------------------------------------
// fixtures/numbers: one-sentence sets kept as unit tests. Trap sets must
// give no warning or error; conflict sets are reported, not asserted (they
// were written in the old detector's vocabulary and no longer stand as the
// accuracy figure).

#[derive(Deserialize)]
struct OldExpected {
    #[serde(default)]
    expect: Vec<toml::Value>,
}

#[test]
fn one_sentence_trap_sets_stay_quiet() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/numbers");
    let mut loud = Vec::new();
    let mut sets = 0;
    let (mut expected, mut found) = (0, 0);
    for dir in sorted_dirs(&root) {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let want: OldExpected = toml::from_str(&std::fs::read_to_string(dir.join("expected.toml")).unwrap()).unwrap();
        let drafts = read_drafts(&dir);
        let refs: Vec<(&str, &str)> = drafts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        let got = conflicts(&refs);
        if !name.starts_with('t') {
            expected += want.expect.len();
            found += got
                .iter()
                .filter(|c| c.1 != Severity::Info)
                .count()
                .min(want.expect.len());
            continue;
        }
        sets += 1;
        for c in got {
            if c.1 != Severity::Info {
                loud.push(format!("{name}: {c:?}"));
            }
        }
    }
    println!("fixtures/numbers conflict sets: {found} of {expected} expected findings (not asserted)");
    assert!(sets >= 20);
    assert!(loud.is_empty(), "{}", loud.join("\n"));
}

fn sorted_dirs(root: &Path) -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn read_drafts(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "txt")))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

// ---------------------------------------------------------------------
// fixtures/numbers-drafts: independent multi-draft cases in the labelling
// schema of ../shared/eval (README there). Scored through the binary as
// score.py does for `--tier core`: a finding at any location of a core
// conflict label is a true positive (one per label); a finding elsewhere is
// a false positive unless it falls on a stretch label or a may_flag entry.

#[derive(Deserialize)]
struct Case {
    case: CaseInfo,
    #[serde(default)]
    finding: Vec<Label>,
    #[serde(default)]
    may_flag: Vec<Loc>,
}

#[derive(Deserialize)]
struct CaseInfo {
    files: Vec<String>,
}

#[derive(Deserialize)]
struct Label {
    kind: String,
    tier: String,
    locations: Vec<Loc>,
}

#[derive(Deserialize)]
struct Loc {
    file: String,
    line: u64,
    end_line: Option<u64>,
}

impl Loc {
    fn covers(&self, file: &str, line: u64) -> bool {
        file.ends_with(&self.file) && (self.line..=self.end_line.unwrap_or(self.line)).contains(&line)
    }
}

#[derive(Deserialize)]
struct Finding {
    code: String,
    file: String,
    line: u64,
}

fn number_findings(dir: &Path, files: &[String]) -> Vec<Finding> {
    let out = Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format", "json", "--isolated"])
        .args(files)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v.get("diagnostics").or_else(|| v.get("findings")).cloned().unwrap_or(v);
    serde_json::from_value::<Vec<Finding>>(list)
        .unwrap()
        .into_iter()
        .filter(|f| matches!(f.code.as_str(), "NUM001" | "NUM002" | "NUM006"))
        .collect()
}

#[test]
fn independent_multi_draft_cases_score() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/numbers-drafts");
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut notes = Vec::new();
    for dir in sorted_dirs(&root) {
        let case: Case = toml::from_str(&std::fs::read_to_string(dir.join("expected.toml")).unwrap()).unwrap();
        let labels: Vec<&Label> = case.finding.iter().filter(|l| l.kind == "number-conflict").collect();
        let found = number_findings(&dir, &case.case.files);
        for l in labels.iter().filter(|l| l.tier == "core") {
            if found
                .iter()
                .any(|f| l.locations.iter().any(|x| x.covers(&f.file, f.line)))
            {
                tp += 1;
            } else {
                fn_ += 1;
            }
        }
        for f in &found {
            let labelled = labels
                .iter()
                .any(|l| l.locations.iter().any(|x| x.covers(&f.file, f.line)));
            let may = case.may_flag.iter().any(|x| x.covers(&f.file, f.line));
            if !labelled && !may {
                fp += 1;
                notes.push(format!("{}: FP {} {}:{}", dir.display(), f.code, f.file, f.line));
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!("fixtures/numbers-drafts: TP {tp} FP {fp} FN {fn_}; precision {precision:.2} recall {recall:.2}");
    // The floor is what the detector measured when these cases were first
    // scored after the rewrite (P 0.97, R 0.48): a change that loses
    // precision or recall on drafts written independently fails here.
    assert!(precision >= 0.9, "precision {precision:.2}\n{}", notes.join("\n"));
    assert!(recall >= 0.45, "recall {recall:.2}");
}

// ---------------------------------------------------------------------
// The real seed drafts (../shared/seeds, beside a CI clone; ignored by a
// plain `cargo test`, run by .ci/run with `--ignored`).

#[test]
#[ignore = "needs ../shared/seeds"]
fn seeds_give_no_number_finding_and_group_their_troop_figures() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let drafts = read_drafts(&seeds);
    assert_eq!(drafts.len(), 2);
    let refs: Vec<(&str, &str)> = drafts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    assert!(conflicts(&refs).is_empty());
    let out = Command::cargo_bin("citelint")
        .unwrap()
        .args(["numbers", "--isolated"])
        .arg(&seeds)
        .output()
        .unwrap();
    let ledger = String::from_utf8(out.stdout).unwrap();
    // "several hundred", "roughly ~600" and "about 600" in one group; the
    // 180 Pennsylvania Guard personnel in another.
    let group_of = |needle: &str| {
        ledger
            .split("\n\n")
            .position(|g| g.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not in the ledger:\n{ledger}"))
    };
    let g = group_of("several hundred troops");
    assert_eq!(group_of("roughly ~600 U.S. personnel"), g, "{ledger}");
    assert_eq!(group_of("about 600 soldiers"), g, "{ledger}");
    assert_ne!(group_of("about 180 personnel"), g, "{ledger}");
}

#[test]
fn conditional_estimates_and_worked_examples_are_not_compared() {
    // The same measure in two analyses of one scheme, but "would" and a
    // worked example make each figure depend on its own assumptions.
    let a = "# The Tarrow childcare credit\n\nThe Tarrow credit would reach 40% of families with young children, the model shows [1].\n";
    let b = "# Tarrow childcare credit: who gains\n\nUnder the council's version, the Tarrow credit could reach 25% of families with young children [1].\n";
    assert!(codes(&[("a.md", a), ("b.md", b)]).is_empty());
    let c =
        "# Tarrow credit explained\n\nFor example, a couple with two children gets a Tarrow credit of $2,400 [1].\n";
    let d = "# Tarrow credit explained\n\nThe Tarrow credit of $3,000 is paid monthly [1].\n";
    assert!(codes(&[("c.md", c), ("d.md", d)]).is_empty());
    // After a reporting verb the modal reports a plan: a target, compared
    // with another target.
    let m = mentions("The council said it would take 450 refugees in 2025.");
    assert_eq!(m[0].frame.role, citelint::quantity::Role::Target);
    let m = mentions("The reform would cut the waiting list by 3,000 patients.");
    assert_eq!(
        m[0].untracked_reason(),
        Some("a conditional estimate or worked example")
    );
}

#[test]
fn a_number_bounding_a_noun_is_a_condition_not_a_quantity() {
    let m = mentions("The rebate goes to households with incomes above $90,000 and to pensioners.");
    assert_eq!(m[0].untracked_reason(), Some("a bound on another measure"));
    // A valuing verb or a linking verb states the value.
    let m = mentions("The state has put the cost of the repairs at $38 million.");
    assert!(m[0].is_tracked(), "{:?}", m[0].untracked_reason());
    let m = mentions("Inflation peaked at 11% in October.");
    assert!(!m[0].frame.condition);
}

#[test]
fn instalments_of_a_series_state_their_own_counts() {
    let a = "# Harbour Film Week 2025, Day 1: openings\n\nThe first day drew 420 visitors to the Harbour Film Week screenings [1].\n";
    let b = "# Harbour Film Week 2025, Day 2: documentaries\n\nThe second day drew 610 visitors to the Harbour Film Week screenings [1].\n";
    assert!(codes(&[("a.md", a), ("b.md", b)]).is_empty());
    let c = "# Kessel at 50: the first launch\n\nThe programme flew two stages on its Kessel rockets [1].\n";
    let d = "# Kessel at 50: the last launch\n\nThe programme flew three stages on its Kessel rockets [1].\n";
    assert!(codes(&[("c.md", c), ("d.md", d)]).is_empty());
    // Without the instalment numbers the two are one story and disagree.
    let e = a.replace(", Day 1: openings", "");
    let f = b
        .replace(", Day 2: documentaries", "")
        .replace("The second day", "The first day");
    assert_eq!(codes(&[("e.md", &e), ("f.md", &f)]), ["NUM001"]);
}

#[test]
fn drafts_without_a_title_or_months_apart_are_not_compared() {
    // Blog posts that open with a paragraph: section headings name no story.
    let a = "We looked at the Marsh Lane depot again.\n\n## Costs\n\nThe Marsh Lane depot employs 140 drivers [1].\n";
    let b = "An update on the depot.\n\n## Costs\n\nThe Marsh Lane depot employs 95 drivers [1].\n";
    assert!(codes(&[("a.md", a), ("b.md", b)]).is_empty());
    // Titled, the same two figures conflict.
    let c = format!("# Marsh Lane depot\n\n{}", a.split("## Costs\n\n").nth(1).unwrap());
    let d = format!("# Marsh Lane depot jobs\n\n{}", b.split("## Costs\n\n").nth(1).unwrap());
    assert_eq!(codes(&[("c.md", &c), ("d.md", &d)]), ["NUM001"]);
    // Dated seven months apart, each states its own present.
    let e = format!(
        "# Marsh Lane depot\n\n*Published 3 March 2025*\n\n{}",
        c.split("\n\n").nth(1).unwrap()
    );
    let f = format!(
        "# Marsh Lane depot jobs\n\n*Published 2 October 2025*\n\n{}",
        d.split("\n\n").nth(1).unwrap()
    );
    assert!(codes(&[("e.md", &e), ("f.md", &f)]).is_empty());
}

#[test]
fn figures_of_one_draft_are_compared_only_when_configured() {
    let a = "# Ferry fares\n\nA return ticket on the Skell ferry costs £18 in the summer timetable [1].\n\nA return ticket on the Skell ferry costs £24 in the summer timetable [2].\n";
    assert!(codes(&[("a.md", a)]).is_empty());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), a).unwrap();
    std::fs::write(dir.path().join("citelint.toml"), "[numbers]\nwithin-draft = true\n").unwrap();
    let out = Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "a.md"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\"NUM002\""), "{text}");
}

#[test]
fn a_title_name_in_the_other_drafts_lead_makes_one_story() {
    // The titles share no word; the second draft's lead names Kelby.
    let a = "# Kelby's new bus fleet: a slow start\n\n*Checked on 4 May 2025*\n\nThe council bought 46 electric buses for Kelby routes in 2024 [1].\n";
    let b = "# Electric buses: what changed this year\n\n*Checked on 6 May 2025*\n\nSummary: Kelby Transport has rebuilt its depot for a new fleet.\n\nThe council bought 64 electric buses in 2024 [1].\n";
    assert_eq!(codes(&[("a.md", a), ("b.md", b)]), ["NUM001"]);
    // Two leads that share a name, under titles that share nothing, are
    // not enough: leads are full of names unrelated stories share.
    let c = "# Ferry timetable changes\n\nSummary: Ardmore Council met on Tuesday.\n\nThe operator runs 46 sailings a week in 2024 [1].\n";
    let d = "# School meals review\n\nSummary: Ardmore Council met on Tuesday.\n\nThe caterer runs 64 sailings a week in 2024 [1].\n";
    assert!(codes(&[("c.md", c), ("d.md", d)]).is_empty());
}

#[test]
fn a_month_before_a_year_is_a_date_not_an_event_name() {
    let m = mentions("The 12 percent levy on timber exports took effect on 1 March 2025 [1].");
    assert!(!m[0].frame.event, "{:?}", m[0].frame);
    let m = mentions("About 300 sailors took part in Northern Shield 24 [1].");
    assert!(m[0].frame.event, "{:?}", m[0].frame);
}

#[test]
fn a_noun_of_change_after_one_modifier_makes_a_change() {
    let m = mentions("The union accepted a 6 percent wage increase last week [1].");
    assert_eq!(m[0].frame.role, citelint::quantity::Role::Change);
    let m = mentions("The union accepted 6 percent of the wage bill [1].");
    assert_ne!(m[0].frame.role, citelint::quantity::Role::Change);
}

#[test]
fn a_predicate_restricts_only_against_a_plain_count() {
    // Both sides say what happened to those counted ("were vaccinated" /
    // "offered jabs to"): one count.
    let a = "# Tolland flu clinics\n\nAbout 4,100 pupils were vaccinated at Tolland schools in 2024 [1].\n";
    let b = "# Tolland flu campaign\n\nNurses offered jabs to 2,600 pupils at Tolland schools in 2024 [1].\n";
    assert_eq!(codes(&[("a.md", a), ("b.md", b)]), ["NUM001"]);
    // Against the plain roll of the schools it is a part.
    let c = "# Tolland flu campaign\n\nThere are 9,800 pupils at Tolland schools in 2024 [1].\n";
    assert!(codes(&[("a.md", a), ("c.md", c)]).is_empty());
}

#[test]
fn a_plural_ends_its_noun_phrase_and_a_season_is_not_a_count() {
    let m = mentions("Several drafting tools employ style guides as a check [1].");
    assert_eq!(m[0].frame.head.as_deref(), Some("tool"), "{:?}", m[0].frame);
    let m = mentions("Sales tax receipts rose to 40 sales tax filings [1].");
    assert_eq!(m[0].frame.head.as_deref(), Some("file"), "{:?}", m[0].frame);
    let m = mentions("She refereed twelve matches in the 2023–24 league season [1].");
    assert!(m.iter().all(|m| &*m.surface != "24 league season"), "{m:?}");
}

#[test]
fn a_rate_with_and_without_its_per_is_one_rate_of_one_order() {
    let a = "# Ostby's minimum wage\n\n*Checked on 2 December 2024*\n\nFrom 1 January 2025 the minimum wage in Ostby rises to €13.10 an hour [1].\n";
    let b = "# Ostby's minimum wage rise\n\n*Checked on 3 December 2024*\n\nThe new €12.40 minimum wage in Ostby takes effect on 1 January [1].\n";
    assert_eq!(codes(&[("a.md", a), ("b.md", b)]), ["NUM001"]);
    // A total is orders apart from a rate: not the same quantity.
    let c = "# Ostby's minimum wage rise\n\n*Checked on 3 December 2024*\n\nThe minimum wage in Ostby will cost employers €41 million from 1 January [1].\n";
    assert!(codes(&[("a.md", a), ("c.md", c)]).is_empty());
}

#[test]
fn the_ledger_shows_the_share_of_numbers_with_a_measure_and_why_the_rest_are_not_compared() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Orchard survey\n\nGrowers planted 1,200 pear trees in 2024 [1].\n\nFor example, a grower with 30 trees would get a smaller grant.\n";
    std::fs::write(dir.path().join("a.md"), text).unwrap();
    let out = Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(dir.path())
        .args(["numbers", "a.md"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("coverage: 1 of 2 numbers got a measure (50 %)"), "{text}");
    assert!(
        text.contains("1 not compared: a conditional estimate or worked example"),
        "{text}"
    );
}
