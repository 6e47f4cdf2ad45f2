//! `citelint numbers` as text or JSON: every tracked quantity key with its
//! mentions, and the conflicts among them. This is how an editor audits the
//! figures of a whole archive. The data (groups, conflicts per mention,
//! coverage) is `quantity::ledger`'s.

use std::fmt::Write as _;

use serde::Serialize;

use crate::quantity::ledger::{Coverage, Ledger};
use crate::quantity::sym::Sym;
use crate::quantity::{Conflict, FileMentions, KeptMention, MentionRef, Polarity, Role};

/// Interned words joined by spaces.
fn words(w: &[Sym]) -> String {
    w.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(" ")
}

/// The words and names a mention was matched on, and its role.
fn origin_note(m: &KeptMention) -> Vec<String> {
    let f = &m.frame;
    let mut notes = Vec::new();
    if !f.context.is_empty() {
        notes.push(format!("words {}", words(&f.context)));
    }
    if !f.names.is_empty() {
        notes.push(format!("names {}", words(&f.names)));
    }
    for (flag, what) in [
        (f.partitive, "a part"),
        (f.total, "a total"),
        (f.elsewhere, "elsewhere"),
    ] {
        if flag {
            notes.push(what.into());
        }
    }
    if f.role != Role::Level {
        notes.push(f.role.as_str().into());
    }
    notes
}

fn year_label(m: &KeptMention) -> String {
    match (m.time.year, m.time.explicit) {
        (Some(y), true) => y.to_string(),
        (Some(y), false) => format!("({y})"),
        (None, _) => "—".into(),
    }
}

/// Where a mention is: `file:line:column`.
fn place(ledger: &Ledger<'_>, r: MentionRef) -> String {
    let m = ledger.get(r);
    format!("{}:{}:{}", ledger.file_name(r), m.line, m.column)
}

/// The ledger as text.
pub fn render_text(files: &[FileMentions], conflicts: &[Conflict]) -> String {
    let ledger = Ledger::new(files, conflicts);
    let tracked = ledger.tracked();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} quantity keys, {tracked} tracked mentions in {} files, {} conflicts",
        ledger.groups.len(),
        files.len(),
        conflicts.len()
    );
    coverage_lines(&mut out, &ledger.coverage());
    let mut shown = vec![false; conflicts.len()];
    for g in &ledger.groups {
        let _ = writeln!(out, "\n{}", g.label);
        for r in &g.refs {
            mention_line(&mut out, &ledger, *r);
        }
        for r in &g.refs {
            for &ci in ledger.conflicts_of(*r) {
                if shown[ci] {
                    continue;
                }
                shown[ci] = true;
                conflict_line(&mut out, &ledger, &conflicts[ci]);
            }
        }
    }
    let untracked = ledger.untracked();
    if !untracked.is_empty() {
        let _ = writeln!(out, "\nnot compared ({})", untracked.len());
        for (r, m) in untracked {
            let _ = writeln!(
                out,
                "    {}  “{}”  {}  ({})",
                place(&ledger, r),
                m.surface,
                m.value_label(),
                m.untracked_reason().unwrap_or("")
            );
        }
    }
    out
}

/// One mention of a group: conflict mark, year, place, surface, value and
/// notes.
fn mention_line(out: &mut String, ledger: &Ledger<'_>, r: MentionRef) {
    let m = ledger.get(r);
    let mark = if ledger.in_conflict(r) { "✗" } else { " " };
    let mut notes = vec![m.form.as_str().to_string()];
    if m.polarity != Polarity::Asserted {
        notes.push(m.polarity.as_str().into());
    }
    notes.extend(origin_note(m));
    let _ = writeln!(
        out,
        "  {mark} {:<7} {}  “{}”  {}  ({})",
        year_label(m),
        place(ledger, r),
        m.surface,
        m.value_label(),
        notes.join("; ")
    );
}

/// A conflict under the first group that shows one of its mentions.
fn conflict_line(out: &mut String, ledger: &Ledger<'_>, c: &Conflict) {
    let (a, b) = (ledger.get(c.a), ledger.get(c.b));
    let _ = writeln!(
        out,
        "  ✗ {} {}: {} (“{}”, {}) vs {} (“{}”, {}){}",
        c.code(),
        c.severity,
        a.value_label(),
        a.surface,
        place(ledger, c.a),
        b.value_label(),
        b.surface,
        place(ledger, c.b),
        if c.others > 0 {
            format!("; {} other mentions disagree", c.others)
        } else {
            String::new()
        }
    );
}

/// "41 of 52 numbers got a measure (79 %)", then how many were left out
/// for each reason, most common first: where the reader falls short.
fn coverage_lines(out: &mut String, coverage: &Coverage) {
    if coverage.total == 0 {
        return;
    }
    let _ = writeln!(
        out,
        "coverage: {} of {} numbers got a measure ({} %)",
        coverage.tracked,
        coverage.total,
        coverage.tracked * 100 / coverage.total
    );
    for (why, n) in &coverage.reasons {
        let _ = writeln!(out, "  {n:>5} not compared: {why}");
    }
}

#[derive(Serialize)]
struct JsonLedger<'a> {
    version: u32,
    keys: Vec<JsonKey<'a>>,
    conflicts: Vec<JsonConflict<'a>>,
    untracked: Vec<JsonMention<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    keys: usize,
    tracked: usize,
    untracked: usize,
    conflicts: usize,
}

#[derive(Serialize)]
struct JsonKey<'a> {
    key: String,
    head: Option<&'a str>,
    dimension: &'a str,
    unit: Option<&'a str>,

    mentions: Vec<JsonMention<'a>>,
}

#[derive(Serialize)]
struct JsonMention<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    surface: &'a str,
    value: String,
    /// `null` for an unbounded end.
    lo: Option<f64>,
    hi: Option<f64>,
    lo_open: bool,
    hi_open: bool,
    form: &'static str,
    polarity: &'static str,
    year: Option<u16>,
    year_explicit: bool,
    role: &'static str,
    context: Vec<&'a str>,
    names: Vec<&'a str>,
    in_heading: bool,
    conflicts: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonConflict<'a> {
    code: &'static str,
    severity: &'static str,
    key: &'a str,
    a: JsonPlace<'a>,
    b: JsonPlace<'a>,
    others: usize,
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    surface: &'a str,
    value: String,
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

fn json_mention<'a>(ledger: &Ledger<'a>, r: MentionRef) -> JsonMention<'a> {
    let m = ledger.get(r);
    let mut codes: Vec<&'static str> = ledger
        .conflicts_of(r)
        .iter()
        .map(|&i| ledger.conflicts[i].code())
        .collect();
    codes.dedup();
    JsonMention {
        file: ledger.file_name(r),
        line: m.line,
        column: m.column,
        surface: &m.surface,
        value: m.value_label(),
        lo: finite(m.value.lo),
        hi: finite(m.value.hi),
        lo_open: m.value.lo_open,
        hi_open: m.value.hi_open,
        form: m.form.as_str(),
        polarity: m.polarity.as_str(),
        year: m.time.year,
        year_explicit: m.time.explicit,
        role: m.frame.role.as_str(),
        context: m.frame.context.iter().map(|c| &**c).collect(),
        names: m.frame.names.iter().map(|c| &**c).collect(),
        in_heading: m.in_heading,
        conflicts: codes,
        reason: m.untracked_reason(),
    }
}

/// The ledger as one JSON document.
pub fn render_json(files: &[FileMentions], conflicts: &[Conflict]) -> String {
    let ledger = Ledger::new(files, conflicts);
    let mut keys = Vec::with_capacity(ledger.groups.len());
    for g in &ledger.groups {
        let Some(&first) = g.refs.first() else { continue };
        let m = ledger.get(first);
        keys.push(JsonKey {
            key: g.label.clone(),
            head: m.frame.head.as_deref(),
            dimension: &m.dimension,
            unit: m.unit.as_deref(),
            mentions: g.refs.iter().map(|r| json_mention(&ledger, *r)).collect(),
        });
    }
    let untracked: Vec<JsonMention<'_>> = ledger
        .untracked()
        .into_iter()
        .map(|(r, _)| json_mention(&ledger, r))
        .collect();
    let place = |r: MentionRef| {
        let m = ledger.get(r);
        JsonPlace {
            file: ledger.file_name(r),
            line: m.line,
            column: m.column,
            surface: &m.surface,
            value: m.value_label(),
        }
    };
    let json_conflicts = conflicts
        .iter()
        .map(|c| JsonConflict {
            code: c.code(),
            severity: c.severity.as_str(),
            key: &c.key,
            a: place(c.a),
            b: place(c.b),
            others: c.others,
        })
        .collect();
    let tracked = keys.iter().map(|k| k.mentions.len()).sum();
    let report = JsonLedger {
        version: 1,
        summary: JsonSummary {
            files: files.len(),
            keys: keys.len(),
            tracked,
            untracked: untracked.len(),
            conflicts: conflicts.len(),
        },
        keys,
        conflicts: json_conflicts,
        untracked,
    };
    let mut s = serde_json::to_string_pretty(&report).expect("ledger serialises");
    s.push('\n');
    s
}
