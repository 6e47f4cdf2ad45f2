//! What a sentence's tokens are before any quantity is read: its clauses,
//! the numbers that name things rather than count (designators, dates,
//! years, codes, ratios, list numbers, "KFOR 34"), the years that scope its
//! quantities and its named events; and, once a quantity was found, its
//! claim frames and totals.

use super::{Scratch, Sentence, YearAt};
use crate::quantity::lexicon::{Lexicon, MeasureDim, Text};
use crate::quantity::token::{Kind, Tok};

fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn all_caps(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !s.chars().any(char::is_lowercase)
}

/// Marks designators, dates and codes; splits clauses; finds years and
/// events. (What only matters once a quantity was found is `context`.)
pub(super) fn analyse(s: &Sentence<'_>, sc: &mut Scratch) {
    let n = s.t.toks.len();
    sc.blocked.clear();
    sc.blocked.resize(n, false);
    sc.clause.clear();
    sc.claim.clear();
    sc.years.clear();
    sc.events.clear();
    sc.totals.clear();
    split_clauses(s, sc);
    mark_hits(s, sc);
    mark_list_number(s, sc);
    mark_dates_codes_years(s, sc);
    mark_ratios(s, sc);
    mark_name_numbers(s, sc);
}

/// Numbers each token with its clause: a clause ends at `;`, `:`, a dash
/// or a clause word.
fn split_clauses(s: &Sentence<'_>, sc: &mut Scratch) {
    let lex = s.lex;
    let t = &s.t;
    let toks = t.toks;
    let n = toks.len();
    let mut clause = 0u32;
    for i in 0..n {
        let tk = &toks[i];
        let boundary = match tk.kind {
            Kind::Punct(';' | ':' | '—') => true,
            Kind::Punct('–') => tk.space_before && toks.get(i + 1).is_some_and(|x| x.space_before),
            Kind::Word => lex.clause_words.contains_at(t, i),
            _ => false,
        };
        if boundary {
            clause += 1;
        }
        sc.clause.push(clause);
    }
}

/// Blocks the numbers of designators and events, and records each event
/// with its clause (found once per document; see `Hits`).
fn mark_hits(s: &Sentence<'_>, sc: &mut Scratch) {
    let t = &s.t;
    let toks = t.toks;
    let span_start = t.base;
    let span_end = toks.last().map_or(span_start, |x| x.full_end);
    let in_sentence = |hits: &[std::ops::Range<usize>]| {
        let first = hits.partition_point(|h| h.end <= span_start);
        let last = hits.partition_point(|h| h.start < span_end);
        first..last.max(first)
    };
    let block_range = |blocked: &mut Vec<bool>, a: usize, b: usize| {
        let from = toks.partition_point(|x| x.start < a);
        for (i, tk) in toks.iter().enumerate().skip(from) {
            if tk.start >= b {
                break;
            }
            if tk.end <= b && tk.is_num() {
                blocked[i] = true;
            }
        }
    };
    for h in &s.hits.designators[in_sentence(&s.hits.designators)] {
        block_range(&mut sc.blocked, h.start, h.end);
    }
    for h in &s.hits.events[in_sentence(&s.hits.events)] {
        block_range(&mut sc.blocked, h.start, h.end);
        let tok = toks.partition_point(|x| x.start < h.start);
        let c = sc.clause.get(tok).copied().unwrap_or(0);
        sc.events.push((c, h.clone()));
    }
}

/// Blocks a heading or list number: "3. Title".
fn mark_list_number(s: &Sentence<'_>, sc: &mut Scratch) {
    let toks = s.t.toks;
    if let (Some(a), Some(b)) = (toks.first(), toks.get(1)) {
        if a.is_num() && (b.is_punct('.') || b.is_punct(')')) && b.joined() {
            sc.blocked[0] = true;
        }
    }
}

/// Blocks the day numbers and years of dates, codes and times, and
/// seasons; records the years that scope the sentence's quantities.
fn mark_dates_codes_years(s: &Sentence<'_>, sc: &mut Scratch) {
    let lex = s.lex;
    let t = &s.t;
    let toks = t.toks;
    let n = toks.len();
    for i in 0..n {
        let tk = &toks[i];
        // Month names: nearby day numbers and years are dates.
        if tk.is_word() && is_capitalised(t.orig(tk)) {
            if let Some((len, _)) = lex.months.at(t, i) {
                let after = (i + len)..(i + len + 3).min(n);
                for (j, x) in toks[after.clone()].iter().enumerate() {
                    if x.is_num() && (small_int(t, x) || year_of(t, x).is_some()) {
                        sc.blocked[after.start + j] = true;
                    }
                }
                if i > 0 && toks[i - 1].is_num() && small_int(t, &toks[i - 1]) {
                    sc.blocked[i - 1] = true;
                }
            }
        }
        if !tk.is_num() {
            continue;
        }
        if tk.odd {
            sc.blocked[i] = true;
            continue;
        }
        let prev = i.checked_sub(1).map(|p| &toks[p]);
        let next = toks.get(i + 1);
        // Codes and times: "F-16", "COVID-19", "#3", "10:30", "11/26", "2025-11-26".
        let glued_before = tk.joined()
            && prev.is_some_and(|p| match p.kind {
                Kind::Punct('-') => i >= 2 && p.joined() && (toks[i - 2].is_word() || toks[i - 2].is_num()),
                Kind::Punct('#' | '/' | ':' | '.') => true,
                Kind::Word => true,
                _ => false,
            });
        let glued_after = next.is_some_and(|x| {
            x.joined()
                && (matches!(x.kind, Kind::Punct('/' | ':'))
                    || (x.is_punct('-')
                        && toks.get(i + 2).is_some_and(|y| y.is_num() && y.joined())
                        && toks.get(i + 3).is_some_and(|z| z.is_punct('-') && z.joined())))
        });
        // Seasons and fiscal years: "2024–25", "the 2021– 22 season".
        let year_range = t.orig(tk).len() == 2
            && i >= 2
            && prev.is_some_and(|p| p.is_punct('-') || p.is_punct('–') || p.is_punct('/'))
            && year_of(t, &toks[i - 2]).is_some();
        if glued_before || glued_after || year_range {
            sc.blocked[i] = true;
        }
        // Years: dates unless a measure noun follows ("2025 troops").
        if let Some(year) = year_of(t, tk) {
            let decade = next.is_some_and(|x| x.is_word() && x.joined());
            let counted = !decade && !sc.blocked[i] && measure_follows(lex, t, i + 1);
            if !counted {
                sc.blocked[i] = true;
                if !decade && year_is_time_scope(lex, t, i) {
                    sc.years.push(YearAt { tok: i, year });
                }
            }
        }
    }
}

/// Blocks both numbers of a ratio: "1 in 10", "one in five", "3 out of 4"
/// (not "600 in 2025").
fn mark_ratios(s: &Sentence<'_>, sc: &mut Scratch) {
    let lex = s.lex;
    let t = &s.t;
    let toks = t.toks;
    let n = toks.len();
    let small = |k: usize| {
        toks.get(k)
            .is_some_and(|x| (x.is_num() && t.orig(x).len() <= 3) || lex.words.contains_at(t, k))
    };
    let numeric = |k: usize| small(k) || toks.get(k).is_some_and(|x| x.is_num() && year_of(t, x).is_none());
    for i in 0..n {
        if !small(i) {
            continue;
        }
        let gap = match toks.get(i + 1).map(|x| t.norm(x)) {
            Some("in") => 1,
            Some("out") if toks.get(i + 2).is_some_and(|x| t.norm(x) == "of") => 2,
            _ => continue,
        };
        if numeric(i + 1 + gap) {
            sc.blocked[i] = true;
            sc.blocked[i + 1 + gap] = true;
        }
    }
}

/// Blocks a number right after a capitalised name: "KFOR 34", "Response
/// 25" (unless a unit or measure noun follows).
fn mark_name_numbers(s: &Sentence<'_>, sc: &mut Scratch) {
    let lex = s.lex;
    let t = &s.t;
    let toks = t.toks;
    let n = toks.len();
    if lex.capitalised_names {
        for i in 1..n {
            if sc.blocked[i] || !toks[i].is_num() || !toks[i].space_before {
                continue;
            }
            let p = &toks[i - 1];
            if !p.is_word() || p.possessive {
                continue;
            }
            let w = t.orig(p);
            if !is_capitalised(w) || (i - 1 == 0 && !all_caps(w)) {
                continue;
            }
            let known = lex.hedges.contains_at(t, i - 1)
                || lex.vague.contains_at(t, i - 1)
                || lex.link.contains_at(t, i - 1)
                || lex.negation.contains_at(t, i - 1)
                || lex.before.contains_at(t, i - 1)
                || lex.change.contains_at(t, i - 1)
                || lex.words.contains_at(t, i - 1)
                || lex.hedges.ending_at(t, i, 0).is_some();
            if known {
                continue;
            }
            let unit_after = toks.get(i + 1).is_some_and(|x| x.joined() && !x.is_punct(','))
                || lex.units.at(t, i + 1).is_some()
                || lex.currency_words.at(t, i + 1).is_some();
            let measure_near = (i + 1..(i + 4).min(n)).any(|j| lex.measures.at(t, j).is_some());
            if !unit_after && !measure_near {
                sc.blocked[i] = true;
            }
        }
    }
}

/// Claim frames, totals and entities: needed only to build mentions.
pub(super) fn context(s: &Sentence<'_>, sc: &mut Scratch) {
    let lex = s.lex;
    let t = &s.t;
    let mut in_claim = false;
    for (i, tk) in t.toks.iter().enumerate() {
        if lex.claim.contains_at(t, i) {
            in_claim = true;
        } else if lex.contrast.contains_at(t, i) {
            in_claim = false;
        }
        sc.claim.push(in_claim || s.in_title);
        let clause = sc.clause[i];
        if tk.is_word() && lex.total.contains_at(t, i) && sc.totals.last() != Some(&clause) {
            sc.totals.push(clause);
        }
    }
}

/// A day of the month: 1–31.
fn small_int(t: &Text<'_>, tk: &Tok) -> bool {
    let s = t.orig(tk);
    s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()) && s.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

fn year_of(t: &Text<'_>, tk: &Tok) -> Option<u16> {
    let s = t.orig(tk);
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: u16 = s.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// A count measure noun within the next few words (skipping owners and
/// modifiers): "2025 troops" counts, "the 2025 budget" is a year.
fn measure_follows(lex: &Lexicon, t: &Text<'_>, from: usize) -> bool {
    let mut j = from;
    for _ in 0..4 {
        if j >= t.toks.len() {
            return false;
        }
        if let Some((_, &m)) = lex.measures.at(t, j) {
            return lex.measure_defs[m as usize].dim == MeasureDim::Count;
        }
        if let Some((len, _)) = lex.entities.at(t, j).map(|(l, v)| (l, *v)) {
            j += len;
        } else if let Some((len, _)) = lex.modifiers.at(t, j) {
            j += len;
        } else {
            return false;
        }
    }
    false
}

/// Whether a year scopes its sentence's quantities: not after "since",
/// "post-", "until" (through a month name and a day: "post‑October 2025").
fn year_is_time_scope(lex: &Lexicon, t: &Text<'_>, i: usize) -> bool {
    let toks = t.toks;
    let mut k = i;
    // Back over "26," and a month name.
    while k > 0 {
        let p = &toks[k - 1];
        if p.is_punct(',') || (p.is_num() && small_int(t, p)) || lex.months.contains_at(t, k - 1) {
            k -= 1;
        } else {
            break;
        }
    }
    if k > 0 && toks[k - 1].is_punct('-') && toks[k].joined() {
        k -= 1;
    }
    if k > 0 && matches!(t.norm(&toks[k - 1]), "early" | "late" | "mid") {
        k -= 1;
    }
    lex.not_time.ending_at(t, k, 0).is_none()
}
