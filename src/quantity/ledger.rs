//! `citelint numbers`: every tracked quantity key with its mentions, and
//! the conflicts among them, as text or JSON. This is how an editor audits
//! the figures of a whole archive.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::compare::{groups, Conflict, FileMentions, MentionRef};
use super::Mention;

/// The words and names a mention was matched on, and its role.
fn origin_note(m: &Mention) -> Vec<String> {
    let f = &m.frame;
    let mut notes = Vec::new();
    if !f.context.is_empty() {
        notes.push(format!("words {}", f.context.join(" ")));
    }
    if !f.names.is_empty() {
        notes.push(format!("names {}", f.names.join(" ")));
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
    if f.role != super::Role::Level {
        notes.push(f.role.as_str().into());
    }
    notes
}

fn year_label(m: &Mention) -> String {
    match (m.time.year, m.time.explicit) {
        (Some(y), true) => y.to_string(),
        (Some(y), false) => format!("({y})"),
        (None, _) => "—".into(),
    }
}

struct Index<'a> {
    files: &'a [FileMentions],
    /// Conflicts each mention takes part in.
    involved: HashMap<MentionRef, Vec<usize>>,
}

impl<'a> Index<'a> {
    fn new(files: &'a [FileMentions], conflicts: &[Conflict]) -> Self {
        let mut involved: HashMap<MentionRef, Vec<usize>> = HashMap::new();
        for (i, c) in conflicts.iter().enumerate() {
            involved.entry(c.a).or_default().push(i);
            involved.entry(c.b).or_default().push(i);
        }
        Index { files, involved }
    }

    fn get(&self, r: MentionRef) -> &'a Mention {
        &self.files[r.file as usize].mentions[r.index as usize]
    }

    fn place(&self, r: MentionRef) -> String {
        let m = self.get(r);
        format!("{}:{}:{}", self.files[r.file as usize].name, m.line, m.column)
    }
}

/// The ledger as text.
pub fn render_text(files: &[FileMentions], conflicts: &[Conflict]) -> String {
    let ix = Index::new(files, conflicts);
    let groups = groups(files);
    let tracked: usize = groups.iter().map(|g| g.refs.len()).sum();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} quantity keys, {tracked} tracked mentions in {} files, {} conflicts",
        groups.len(),
        files.len(),
        conflicts.len()
    );
    coverage_lines(&mut out, files, tracked);
    let mut shown = vec![false; conflicts.len()];
    for g in &groups {
        let _ = writeln!(out, "\n{}", g.label);
        for r in &g.refs {
            let m = ix.get(*r);
            let mark = if ix.involved.contains_key(r) { "✗" } else { " " };
            let mut notes = vec![m.form.as_str().to_string()];
            if m.polarity != super::Polarity::Asserted {
                notes.push(m.polarity.as_str().into());
            }
            notes.extend(origin_note(m));
            let _ = writeln!(
                out,
                "  {mark} {:<7} {}  “{}”  {}  ({})",
                year_label(m),
                ix.place(*r),
                m.surface,
                m.value_label(),
                notes.join("; ")
            );
        }
        for r in &g.refs {
            for &ci in ix.involved.get(r).map(Vec::as_slice).unwrap_or_default() {
                if shown[ci] {
                    continue;
                }
                shown[ci] = true;
                let c = &conflicts[ci];
                let (a, b) = (ix.get(c.a), ix.get(c.b));
                let _ = writeln!(
                    out,
                    "  ✗ {} {}: {} (“{}”, {}) vs {} (“{}”, {}){}",
                    c.code(),
                    c.severity,
                    a.value_label(),
                    a.surface,
                    ix.place(c.a),
                    b.value_label(),
                    b.surface,
                    ix.place(c.b),
                    if c.others > 0 {
                        format!("; {} other mentions disagree", c.others)
                    } else {
                        String::new()
                    }
                );
            }
        }
    }
    let untracked: Vec<(MentionRef, &Mention)> = files
        .iter()
        .enumerate()
        .flat_map(|(fi, f)| {
            f.mentions.iter().enumerate().map(move |(mi, m)| {
                (
                    MentionRef {
                        file: fi as u32,
                        index: mi as u32,
                    },
                    m,
                )
            })
        })
        .filter(|(_, m)| !m.is_tracked())
        .collect();
    if !untracked.is_empty() {
        let _ = writeln!(out, "\nnot compared ({})", untracked.len());
        for (r, m) in untracked {
            let _ = writeln!(
                out,
                "    {}  “{}”  {}  ({})",
                ix.place(r),
                m.surface,
                m.value_label(),
                m.untracked_reason().unwrap_or("")
            );
        }
    }
    out
}

/// "41 of 52 numbers got a measure (79 %)", then how many were left out
/// for each reason, most common first: where the reader falls short.
fn coverage_lines(out: &mut String, files: &[FileMentions], tracked: usize) {
    let mut reasons: Vec<(&str, usize)> = Vec::new();
    for m in files.iter().flat_map(|f| &f.mentions).filter(|m| !m.is_tracked()) {
        let why = m.untracked_reason().unwrap_or("other");
        match reasons.iter_mut().find(|(r, _)| *r == why) {
            Some((_, n)) => *n += 1,
            None => reasons.push((why, 1)),
        }
    }
    let total = tracked + reasons.iter().map(|(_, n)| n).sum::<usize>();
    if total == 0 {
        return;
    }
    let _ = writeln!(
        out,
        "coverage: {tracked} of {total} numbers got a measure ({} %)",
        tracked * 100 / total
    );
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (why, n) in reasons {
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

fn json_mention<'a>(ix: &Index<'a>, conflicts: &[Conflict], r: MentionRef) -> JsonMention<'a> {
    let m = ix.get(r);
    let mut codes: Vec<&'static str> = ix
        .involved
        .get(&r)
        .map(|v| v.iter().map(|&i| conflicts[i].code()).collect())
        .unwrap_or_default();
    codes.dedup();
    JsonMention {
        file: &ix.files[r.file as usize].name,
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
    let ix = Index::new(files, conflicts);
    let groups = groups(files);
    let mut keys = Vec::with_capacity(groups.len());
    for g in &groups {
        let Some(&first) = g.refs.first() else { continue };
        let m = ix.get(first);
        keys.push(JsonKey {
            key: g.label.clone(),
            head: m.frame.head.as_deref(),
            dimension: &m.dimension,
            unit: m.unit.as_deref(),
            mentions: g.refs.iter().map(|r| json_mention(&ix, conflicts, *r)).collect(),
        });
    }
    let mut untracked = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        for (mi, m) in f.mentions.iter().enumerate() {
            if !m.is_tracked() {
                let r = MentionRef {
                    file: fi as u32,
                    index: mi as u32,
                };
                untracked.push(json_mention(&ix, conflicts, r));
            }
        }
    }
    let place = |r: MentionRef| {
        let m = ix.get(r);
        JsonPlace {
            file: &ix.files[r.file as usize].name,
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
