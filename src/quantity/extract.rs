//! Finding quantity mentions in one sentence, and their comparability keys.
//!
//! Per sentence (only when `Lexicon::may_contain_quantity` says it can hold
//! one): tokenize the masked text; mark numbers that name things (designators,
//! dates, years, ordinals, codes, heading numbers); split clauses; find entity
//! occurrences (owner or place), years, events, claim frames and totals; then
//! read each quantity expression (hedge, number or range or vague phrase,
//! unit, post-hedge), find its measure noun (after it, or before it through
//! linking words: "troops in Kosovo number about 600"), and assign subject,
//! location, qualifiers, time and polarity. A second pass lets "not thousands"
//! borrow the key of the quantity it is contrasted with, "600 of KFOR's 4,500
//! troops" borrow the measure of its partitive, and "to 600" in "from 700 to
//! 600" the key of its "from".

use std::sync::Arc;

use super::fraction;
use super::frame::{self, Bounds};
use super::grammar::GRAMMAR;
use super::lexicon::{Hedge, Lexicon, MeasureDim, Text, UnitDef};
use super::token::{self, Kind, Tok};
use super::value::{self, Form, Interval};
use super::{name_hash, DocContext, Mention, Polarity, Role, Time};
use crate::document::{Document, Exempt, Unit};

/// Extracts every quantity mention of a document, in text order.
pub fn extract_document(doc: &Document, lex: &Lexicon) -> Vec<Mention> {
    Extractor::new(doc, lex).document()
}

/// The quantity mentions of one sentence (`doc.sentences[index]`), with the
/// document's title and date for inherited subject, location and year.
/// Chrome sentences and questions yield none. For a whole document use
/// `extract_document` or an `Extractor`, which reuse their buffers.
pub fn extract_sentence(doc: &Document, index: usize, lex: &Lexicon) -> Vec<Mention> {
    let mut ex = Extractor::new(doc, lex);
    let mut out = Vec::new();
    ex.sentence(index, &mut out);
    out
}

/// The tokens of the current sentence and its lower-case copy.
#[derive(Default)]
struct Buf {
    toks: Vec<Tok>,
    lower: String,
    ids: Vec<u32>,
}

/// Reusable per-sentence analysis buffers.
#[derive(Default)]
struct Scratch {
    blocked: Vec<bool>,
    clause: Vec<u32>,
    claim: Vec<bool>,
    /// Years that can scope the time of their clause's numbers, in order.
    years: Vec<YearAt>,
    /// Clause and byte range of each named event.
    events: Vec<(u32, std::ops::Range<usize>)>,
    totals: Vec<u32>,
    exprs: Vec<Expr>,
    /// Sentence-wide facts every frame needs, found once per sentence.
    cues: frame::Cues,
}

/// Extracts mentions sentence by sentence, reusing its buffers.
pub struct Extractor<'a> {
    doc: &'a Document,
    lex: &'a Lexicon,
    hits: Option<Hits>,
    buf: Buf,
    scratch: Scratch,
    context: Arc<DocContext>,
}

#[derive(Debug, Clone, Copy)]
struct YearAt {
    tok: usize,
    year: u16,
}

#[derive(Debug, Clone, Copy)]
enum ExprKind {
    Num { n: f64, z: Option<i32>, approx: bool },
    Range { lo: f64, hi: f64 },
    Vague(u32),
}

#[derive(Debug, Clone)]
struct Expr {
    /// First token including hedges (and a negation).
    first: usize,
    /// First token of the number itself.
    start: usize,
    /// Token after the number, unit and post-hedge.
    end: usize,
    kind: ExprKind,
    hedge: Option<Hedge>,
    currency: Option<u32>,
    unit: Option<u32>,
    negated: bool,
    before: bool,
    /// "from A to B": index (in `exprs`) of A, for B.
    from_partner: Option<usize>,
    /// "from A to B": A is followed by "to B".
    has_to: bool,
}

struct NumParse {
    end: usize,
    n: f64,
    z: Option<i32>,
    approx: bool,
    currency: Option<u32>,
    scaled: bool,
    spelled_one: bool,
}

fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn all_caps(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !s.chars().any(char::is_lowercase)
}

/// The dimension of a plain count, shared by the mentions that have it.
static COUNT: std::sync::LazyLock<Arc<str>> = std::sync::LazyLock::new(|| Arc::from("count"));

/// Collapses runs of whitespace to one space.
fn collapse(s: &str) -> Box<str> {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.into_boxed_str()
}

impl<'a> Extractor<'a> {
    pub fn new(doc: &'a Document, lex: &'a Lexicon) -> Self {
        Extractor {
            doc,
            lex,
            hits: None,
            buf: Buf::default(),
            scratch: Scratch::default(),
            context: Arc::new(DocContext {
                within_draft: lex.settings.within_draft,
                ..doc_context(doc)
            }),
        }
    }

    /// All mentions of the document, in text order. The claim rules read
    /// them even when `[numbers] enabled = false` turns the NUM rules off.
    pub fn document(mut self) -> Vec<Mention> {
        let mut out = Vec::new();
        for i in 0..self.doc.sentences.len() {
            self.sentence(i, &mut out);
        }
        resolve_anaphors(&mut out);
        out
    }

    /// Appends the mentions of sentence `index` to `out`.
    pub fn sentence(&mut self, index: usize, out: &mut Vec<Mention>) {
        let doc = self.doc;
        let Some(s) = doc.sentences.get(index) else {
            return;
        };
        if s.exempt.is_some_and(|e| e.is_chrome() || e == Exempt::Question) {
            return;
        }
        let span = s.span.clone();
        let Some(slice) = doc.masked.get(span.clone()) else {
            return;
        };
        if !self.lex.may_contain_quantity(slice) {
            return;
        }
        let lex = self.lex;
        let hits = self.hits.get_or_insert_with(|| Hits::find(lex, &doc.masked));
        let sc = &mut self.scratch;
        let buf = &mut self.buf;
        prepare(lex, &doc.masked, span.clone(), buf);
        let t = Text {
            text: &doc.masked,
            lower: &buf.lower,
            base: span.start,
            toks: &buf.toks,
            ids: &buf.ids,
        };
        let sent = Sentence {
            lex,
            doc,
            hits,
            t,
            index,
            in_heading: matches!(s.unit, Unit::Heading | Unit::Title),
            in_title: matches!(s.unit, Unit::Title),
            context: &self.context,
        };
        analyse(&sent, sc);
        sent.expressions(sc);
        if sc.exprs.is_empty() {
            return;
        }
        context(&sent, sc);
        sc.cues.find(&GRAMMAR, &sent.t);
        let first = out.len();
        for e in &sc.exprs {
            if let Some(m) = sent.mention(sc, e) {
                out.push(m);
            }
        }
        sent.borrow_frames(sc, &mut out[first..]);
    }
}

/// Tokenizes `masked[span]` into the scratch buffers.
fn prepare(lex: &Lexicon, masked: &str, span: std::ops::Range<usize>, buf: &mut Buf) {
    buf.toks.clear();
    buf.lower.clear();
    buf.ids.clear();
    let base = span.start;
    buf.lower.push_str(&masked[span.clone()]);
    buf.lower.make_ascii_lowercase();
    token::tokenize(masked, span, &mut buf.toks);
    let lower = &buf.lower;
    buf.ids.extend(buf.toks.iter().map(|t| {
        let w = match t.kind {
            // Digits are in no table.
            Kind::Num => return super::lexicon::UNKNOWN,
            Kind::Punct('-') => "-",
            Kind::Punct('\'') => "'",
            _ => &lower[t.start - base..t.end - base],
        };
        lex.vocab.get(w)
    }));
}

/// Designator and event matches over the whole masked text, in order: one
/// regular-expression pass per document instead of one per sentence.
#[derive(Default)]
struct Hits {
    designators: Vec<std::ops::Range<usize>>,
    events: Vec<std::ops::Range<usize>>,
}

/// How far before a number a designator may start ("UN Security Council
/// Resolution 1244").
const DESIGNATOR_REACH: usize = 80;

impl Hits {
    /// Every pattern names a number, so they are only searched in windows
    /// around digits: most of a document's text is never scanned.
    fn find(lex: &Lexicon, masked: &str) -> Hits {
        let mut hits = Hits::default();
        if lex.designators.is_none() && lex.events.is_none() {
            return hits;
        }
        let b = masked.as_bytes();
        let mut windows: Vec<std::ops::Range<usize>> = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let mut start = i.saturating_sub(DESIGNATOR_REACH);
            while !masked.is_char_boundary(start) {
                start += 1;
            }
            while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'-' | b',' | b'.')) {
                i += 1;
            }
            // A word boundary at the window's end must be a real one.
            let mut end = i;
            while end < b.len() && b[end].is_ascii_alphanumeric() {
                end += 1;
            }
            match windows.last_mut() {
                Some(w) if start <= w.end => w.end = end,
                _ => windows.push(start..end),
            }
        }
        for (re, out) in [
            (&lex.designators, &mut hits.designators),
            (&lex.events, &mut hits.events),
        ] {
            let Some(re) = re else { continue };
            for w in &windows {
                // `find_at` sees the text before the window, so `\b` is right
                // at its start.
                let hay = &masked[..w.end];
                let mut pos = w.start;
                while let Some(m) = re.find_at(hay, pos) {
                    if out.last().is_none_or(|l: &std::ops::Range<usize>| l.end <= m.start()) {
                        out.push(m.range());
                    }
                    pos = m.end();
                    if m.is_empty() {
                        // Patterns name numbers and never match empty text;
                        // step on anyway, to a character boundary.
                        pos += 1;
                        while pos < hay.len() && !hay.is_char_boundary(pos) {
                            pos += 1;
                        }
                    }
                    if pos > hay.len() {
                        break;
                    }
                }
            }
        }
        hits
    }
}

struct Sentence<'s> {
    lex: &'s Lexicon,
    doc: &'s Document,
    hits: &'s Hits,
    t: Text<'s>,
    index: usize,
    in_heading: bool,
    in_title: bool,
    context: &'s Arc<DocContext>,
}

/// Marks designators, dates and codes; splits clauses; finds years and
/// events. (What only matters once a quantity was found is `context`.)
fn analyse(s: &Sentence<'_>, sc: &mut Scratch) {
    let lex = s.lex;
    let t = &s.t;
    let toks = t.toks;
    let n = toks.len();
    sc.blocked.clear();
    sc.blocked.resize(n, false);
    sc.clause.clear();
    sc.claim.clear();
    sc.years.clear();
    sc.events.clear();
    sc.totals.clear();

    // Clauses.
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

    // Designators and events (found once per document; see `Hits`).
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

    // Heading and list numbers: "3. Title".
    if let (Some(a), Some(b)) = (toks.first(), toks.get(1)) {
        if a.is_num() && (b.is_punct('.') || b.is_punct(')')) && b.joined() {
            sc.blocked[0] = true;
        }
    }

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

    // Ratios: "1 in 10", "one in five", "3 out of 4" (not "600 in 2025").
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

    // A capitalised name directly before a number: "KFOR 34", "Response 25".
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
fn context(s: &Sentence<'_>, sc: &mut Scratch) {
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

impl Sentence<'_> {
    fn clause_range(&self, sc: &Scratch, tok: usize) -> (usize, usize) {
        let c = sc.clause.get(tok).copied().unwrap_or(0);
        let start = sc.clause.partition_point(|&x| x < c);
        let end = sc.clause.partition_point(|&x| x <= c);
        (start, end)
    }

    /// Reads the number expressions of the sentence into `sc.exprs`.
    fn expressions(&self, sc: &mut Scratch) {
        sc.exprs.clear();
        let n = self.t.toks.len();
        let mut i = 0;
        while i < n {
            if let Some(e) = self.fraction_expr(sc, i) {
                i = e.end;
                sc.exprs.push(e);
                continue;
            }
            if sc.blocked[i] {
                i += 1;
                continue;
            }
            match self.expr_at(sc, i) {
                Some(mut e) => {
                    // "from A to B": B is the current value, A the past one.
                    if let Some(prev) = sc.exprs.last() {
                        if prev.has_to && prev.end + 1 == e.first {
                            e.from_partner = Some(sc.exprs.len() - 1);
                        }
                    }
                    i = e.end.max(i + 1);
                    sc.exprs.push(e);
                }
                None => i += 1,
            }
        }
    }

    /// A share in words ("just under a quarter", "one in four") as a
    /// percent, or "half a million".
    fn fraction_expr(&self, sc: &Scratch, i: usize) -> Option<Expr> {
        let lex = self.lex;
        let t = &self.t;
        let f = fraction::at(lex, t, i)?;
        let (clause_start, _) = self.clause_range(sc, i);
        let (first, hedge) = match lex.hedges.ending_at(t, i, clause_start) {
            Some((k, &h)) => (k, Some(h)),
            None => (i, None),
        };
        let percent = lex.unit_defs.iter().position(|u| &*u.dimension == "percent");
        Some(Expr {
            first,
            start: i,
            end: f.end,
            kind: ExprKind::Num {
                n: f.value,
                z: if f.percent {
                    None
                } else {
                    value::value_exponent(f.value)
                },
                approx: f.percent,
            },
            hedge,
            currency: None,
            unit: if f.percent { percent.map(|p| p as u32) } else { None },
            negated: false,
            before: false,
            from_partner: None,
            has_to: false,
        })
    }

    fn expr_at(&self, sc: &Scratch, i: usize) -> Option<Expr> {
        let lex = self.lex;
        let t = &self.t;
        let toks = t.toks;
        // Most tokens cannot start a quantity: one table lookup tells.
        if !toks[i].is_num() && !lex.may_start(t.ids[i]) {
            return None;
        }
        let (clause_start, _) = self.clause_range(sc, i);
        let not_blocked = |a: usize, b: usize| (a..b).all(|k| !sc.blocked[k]);

        let mut kind;
        let mut end;
        let mut currency = None;
        let mut unit = None;
        let mut hedge = None;
        let mut first = i;
        let mut has_to = false;

        if let Some((len, &v)) = lex.vague.at(t, i).filter(|(len, _)| not_blocked(i, i + len)) {
            kind = ExprKind::Vague(v);
            end = i + len;
        } else {
            // "between 500 and 700"
            let between = t.norm(&toks[i]) == "between";
            let at = if between { i + 1 } else { i };
            let p = self.number_at(sc, at)?;
            if p.spelled_one {
                return None;
            }
            kind = ExprKind::Num {
                n: p.n,
                z: p.z,
                approx: p.approx,
            };
            end = p.end;
            currency = p.currency;
            let from_before = at > 0 && t.norm(&toks[at - 1]) == "from";
            // Range: "500–700", "500-700", "500 to 700", "between 500 and 700".
            let joiner = toks.get(end).map(|x| (x, t.norm(x)));
            let is_range_sep = match joiner {
                Some((x, _)) if x.is_punct('–') => true,
                Some((x, _)) if x.is_punct('-') => x.joined() && toks.get(end + 1).is_some_and(Tok::joined),
                Some((_, "to")) => !from_before,
                Some((_, "and")) => between,
                _ => false,
            };
            if between && !is_range_sep {
                return None;
            }
            if is_range_sep {
                if let Some(q) = self.number_at(sc, end + 1) {
                    let mut lo = p.n;
                    if !p.scaled && q.scaled {
                        // "1.2 to 1.5 million": the scale applies to both ends.
                        let factor = scale_of(&self.t, toks, end + 1, lex);
                        if p.n * factor <= q.n {
                            lo = p.n * factor;
                        }
                    }
                    if lo < q.n && (currency.is_none() || q.currency.is_none() || q.currency == currency) {
                        kind = ExprKind::Range { lo, hi: q.n };
                        end = q.end;
                        currency = currency.or(q.currency);
                    }
                }
            }
            if between {
                if !matches!(kind, ExprKind::Range { .. }) {
                    return None;
                }
                first = i;
            }
            has_to = from_before && !matches!(kind, ExprKind::Range { .. }) && joiner.is_some_and(|(_, w)| w == "to");
            // Unit: "180 km", "112-mile", "2%", "2 percentage points".
            let k = match toks.get(end) {
                Some(h) if h.is_punct('-') && h.joined() && toks.get(end + 1).is_some_and(Tok::joined) => end + 1,
                _ => end,
            };
            // "310,000 day-trippers": a unit word that starts a compound is
            // part of a noun, not the number's unit.
            let compound_noun = |len: usize| {
                toks.get(k + len).is_some_and(|h| h.is_punct('-') && h.joined())
                    && toks.get(k + len + 1).is_some_and(|w| w.is_word() && w.joined())
            };
            if let Some((len, &u)) = lex.units.at(t, k).filter(|(len, _)| !compound_noun(*len)) {
                unit = Some(u);
                end = k + len;
            } else if currency.is_none() {
                if let Some((len, &c)) = lex.currency_words.at(t, end) {
                    currency = Some(c);
                    end += len;
                }
            }
            // Post-hedges: "600+", "600-plus", "or more".
            if let Some(x) = toks.get(end) {
                if x.is_punct('+') && x.joined() {
                    hedge = Some(Hedge::AtLeast);
                    end += 1;
                } else if x.is_punct('-')
                    && x.joined()
                    && toks.get(end + 1).is_some_and(|w| w.joined() && t.norm(w) == "plus")
                {
                    hedge = Some(Hedge::AtLeast);
                    end += 2;
                } else if let Some((len, &h)) = lex.post_hedges.at(t, end) {
                    if !toks.get(end + len).is_some_and(Tok::is_num) {
                        hedge = Some(h);
                        end += len;
                    }
                }
            }
        }

        // Hedges before ("roughly ~600"): the one next to the number decides.
        let mut pre: Option<Hedge> = None;
        if !matches!(kind, ExprKind::Vague(_)) && first == i {
            let mut hs = i;
            for _ in 0..2 {
                match lex.hedges.ending_at(t, hs, clause_start) {
                    Some((k, &h)) => {
                        pre.get_or_insert(h);
                        hs = k;
                    }
                    None => break,
                }
            }
            first = hs;
        }
        let hedge = match (pre, hedge) {
            (Some(a), Some(b)) => Some(if a == Hedge::Approx { b } else { a }),
            (a, b) => a.or(b),
        };

        let negation = lex.negation.ending_at(t, first, clause_start);
        let negated = negation.is_some();
        let lead = negation.map_or(first, |(k, _)| k);
        let before = lex.before.ending_at(t, lead, clause_start).is_some();
        Some(Expr {
            first: lead,
            start: i,
            end,
            kind,
            hedge,
            currency,
            unit,
            negated,
            before: before || has_to,
            from_partner: None,
            has_to,
        })
    }

    /// A number at token `i`: digits (with a currency symbol, suffix or scale
    /// word) or number words.
    fn number_at(&self, sc: &Scratch, i: usize) -> Option<NumParse> {
        let lex = self.lex;
        let t = &self.t;
        let toks = t.toks;
        let n = toks.len();
        let mut j = i;
        let mut currency = None;
        if let Some((len, &c)) = lex.currency_symbols.at(t, j) {
            let k = j + len;
            if toks.get(k).is_some_and(|x| x.is_num() && x.joined()) {
                currency = Some(c);
                j = k;
            } else {
                return None;
            }
        }
        let tk = toks.get(j)?;
        if sc.blocked[j] {
            return None;
        }
        if tk.is_num() {
            if tk.odd {
                return None;
            }
            let raw = t.orig(tk);
            // Digits and the decimal point, without separators, on the stack.
            let mut buf = [0u8; 40];
            let mut len = 0;
            for b in raw.bytes().filter(|b| b.is_ascii_digit() || *b == b'.') {
                *buf.get_mut(len)? = b;
                len += 1;
            }
            let digits = std::str::from_utf8(&buf[..len]).ok()?;
            let mant: f64 = digits.parse().ok()?;
            let mut z = Some(value::digits_exponent(digits));
            j += 1;
            let mut scale: Option<f64> = None;
            let mut approx = false;
            if let Some(x) = toks.get(j).filter(|x| x.is_word()) {
                let w = t.orig(x);
                let suffix = lex
                    .suffixes
                    .iter()
                    .find(|(s, _, money)| &**s == w && (!money || currency.is_some()));
                if x.joined() {
                    match suffix {
                        Some(&(_, v, _)) => {
                            scale = Some(v);
                            j += 1;
                        }
                        None if lex.units.at(t, j).is_some() || lex.currency_words.at(t, j).is_some() => {}
                        // "34th", "1990s", "5G", "1e999": not a quantity.
                        None => return None,
                    }
                } else if let Some((_, &(v, ap))) = lex.scales.at(t, j) {
                    scale = Some(v);
                    approx = ap;
                    j += 1;
                } else if let Some(&(_, v, false)) = suffix.filter(|(s, _, _)| s.len() > 1) {
                    scale = Some(v);
                    j += 1;
                }
            }
            if let Some(s) = scale {
                z = match (z, exponent_of(s)) {
                    (Some(z), Some(e)) => Some(z + e),
                    _ => None,
                };
            }
            let value = mant * scale.unwrap_or(1.0);
            if !value.is_finite() {
                return None;
            }
            return Some(NumParse {
                end: j,
                n: value,
                z,
                approx,
                currency,
                scaled: scale.is_some(),
                spelled_one: false,
            });
        }
        if currency.is_some() || !tk.is_word() {
            return None;
        }
        // Number words: "six hundred", "twenty-five", "a thousand".
        let mut total = 0f64;
        let mut current = 0f64;
        let mut any = false;
        let mut approx = false;
        let mut words_used = 0;
        let mut last_num = false;
        if t.norm(tk) == "a" && lex.scales.contains_at(t, j + 1) {
            current = 1.0;
            any = true;
            j += 1;
        }
        while j < n && !sc.blocked[j] {
            let x = &toks[j];
            let w = t.norm(x);
            if x.is_word() {
                if let Some((_, &v)) = lex.words.at(t, j) {
                    if last_num && (v >= 10 || current % 10.0 != 0.0) {
                        break;
                    }
                    current += v as f64;
                    any = true;
                    last_num = true;
                    words_used += 1;
                    j += 1;
                    continue;
                }
                if let Some((_, &(s, ap))) = lex.scales.at(t, j) {
                    if !any {
                        break;
                    }
                    approx |= ap;
                    if s < 1000.0 {
                        current = current.max(1.0) * s;
                    } else {
                        total += current.max(1.0) * s;
                        current = 0.0;
                    }
                    last_num = false;
                    words_used += 1;
                    j += 1;
                    continue;
                }
                if w == "and"
                    && any
                    && toks
                        .get(j + 1)
                        .is_some_and(|y| y.is_word() && lex.words.contains_at(t, j + 1))
                {
                    j += 1;
                    last_num = false;
                    continue;
                }
            } else if x.is_punct('-')
                && x.joined()
                && any
                && toks
                    .get(j + 1)
                    .is_some_and(|y| y.joined() && lex.words.contains_at(t, j + 1))
            {
                j += 1;
                continue;
            }
            break;
        }
        if !any {
            return None;
        }
        let value = total + current;
        Some(NumParse {
            end: j,
            n: value,
            z: value::value_exponent(value),
            approx,
            currency: None,
            scaled: false,
            spelled_one: value == 1.0 && words_used <= 1,
        })
    }

    /// Builds the mention of expression `e`: its value, frame, time and
    /// polarity.
    fn mention(&self, sc: &Scratch, e: &Expr) -> Option<Mention> {
        let lex = self.lex;
        let t = &self.t;
        let toks = t.toks;
        let clause = self.clause_range(sc, e.start);
        let bounds = Bounds {
            first: e.first,
            start: e.start,
            end: e.end,
            clause,
            has_unit: e.unit.is_some() || e.currency.is_some(),
        };
        let mut frame = frame::read(&GRAMMAR, t, bounds, &sc.blocked, &sc.cues);
        let unit_def: Option<&UnitDef> = e.unit.map(|u| &lex.unit_defs[u as usize]);

        // Value.
        let settings = &lex.settings;
        let (mut value, form, mut excluded) = match e.kind {
            ExprKind::Num { n, z, approx } => {
                let (iv, f) = value::number_interval(n, z, e.hedge, approx, settings);
                (iv, f, Some(iv))
            }
            ExprKind::Range { lo, hi } => {
                let (iv, f) = value::range_interval(lo, hi, e.hedge.is_some(), settings);
                (iv, f, Some(iv))
            }
            ExprKind::Vague(v) => {
                let d = &lex.vague_defs[v as usize];
                if !d.bare && frame.head.is_none() {
                    return None;
                }
                let iv = Interval::closed(d.lo, d.hi);
                let ex = d.negated_from.map(|x| Interval {
                    lo: x,
                    hi: f64::INFINITY,
                    lo_open: false,
                    hi_open: true,
                });
                (iv, Form::Vague, ex.or(Some(iv)))
            }
        };
        let mut dimension: Arc<str> = Arc::clone(&COUNT);
        let mut unit = None;
        if let Some(c) = e.currency {
            let code = lex.currencies[c as usize].clone();
            dimension = code.clone();
            unit = Some(code);
        } else if let Some(u) = unit_def {
            // A measurement is as precise as its last digit: "16 metres" is
            // 15.5–16.5 m, so that it agrees with "52 feet" once converted.
            if let (ExprKind::Num { z: Some(z), .. }, Form::Sharp) = (e.kind, form) {
                if z <= 0 && e.hedge.is_none() && !matches!(&*u.dimension, "percent" | "percentage points") {
                    let half = 0.5 * 10f64.powi(z);
                    value = Interval::closed((value.lo - half).max(0.0), value.hi + half);
                }
            }
            value = value.scaled(u.factor);
            excluded = excluded.map(|x| x.scaled(u.factor));
            dimension = u.dimension.clone();
            unit = Some(u.canonical.clone());
        }

        let polarity = if sc.claim[e.first] || self.in_title {
            Polarity::Claim
        } else if e.negated {
            Polarity::Negated
        } else if e.before || frame.past {
            Polarity::Before
        } else {
            Polarity::Asserted
        };
        if polarity != Polarity::Negated {
            excluded = None;
        }
        let time = self.time_of(sc, e, clause);
        // "That is down from roughly 78,000 tonnes in 2024", "It was 43":
        // a number with no noun of its own in a sentence that opens with a
        // pronoun, or a past value, is the previous measure's.
        let opens_with_pronoun = toks
            .first()
            .is_some_and(|x| matches!(t.norm(x), "that" | "this" | "it"));
        if frame.head.is_none() && !frame.partitive && (opens_with_pronoun || polarity == Polarity::Before) {
            frame.anaphor = true;
        }

        let span_start = toks[e.first].start;
        let last = frame.end.max(e.end).max(e.first + 1).min(toks.len());
        let span_end_byte = toks[last - 1].full_end;
        let span = span_start..span_end_byte.max(span_start);
        let (line, column) = self.doc.file.position(span.start);
        Some(Mention {
            surface: collapse(&self.doc.file.text[span.clone()]),
            span,
            sentence: self.index,
            line: line as u32,
            column: column as u32,
            value,
            excluded,
            form,
            frame,
            dimension,
            unit,
            time,
            polarity,
            in_heading: self.in_heading,
            doc: Arc::clone(self.context),
        })
    }

    /// The year a number is stated for: a year in its own clause (nearest
    /// first), a relative year ("last year") from the document's date, else
    /// the document's date (not explicit).
    fn time_of(&self, sc: &Scratch, e: &Expr, clause: (usize, usize)) -> Time {
        let doc_year = self.doc.date.map(|d| d.year);
        if let Some(y) = nearest_year(sc, e, clause) {
            let month = y
                .tok
                .checked_sub(1)
                .and_then(|p| self.t.toks.get(p))
                .filter(|x| x.is_word())
                .and_then(|x| super::month_of(self.t.norm(x)));
            return Time {
                year: Some(y.year),
                explicit: true,
                month,
            };
        }
        if let Some(dy) = doc_year {
            // Near the number only: a scan of the whole clause per number
            // would be quadratic in a clause of thousands of numbers.
            let lo = clause.0.max(e.first.saturating_sub(TIME_REACH));
            let hi = clause.1.min(e.end + TIME_REACH);
            for i in lo..hi {
                if let Some(len) = GRAMMAR.relative_years.at(&self.t, i) {
                    if let Some(off) = GRAMMAR.relative_offset(&self.t, i, len) {
                        return Time {
                            year: Some((dy as i32 + off) as u16),
                            explicit: true,
                            month: None,
                        };
                    }
                }
            }
        }
        Time {
            year: doc_year,
            explicit: false,
            month: None,
        }
    }

    /// Second pass over a sentence's mentions: a denied quantity ("hundreds,
    /// not thousands") and the "to" of "from A to B" take the frame of their
    /// partner when they have none of their own.
    fn borrow_frames(&self, sc: &Scratch, ms: &mut [Mention]) {
        // The first mention starting at each byte, found by binary search
        // (a scan per expression would be quadratic in a long sentence).
        let mut starts: Vec<(usize, usize)> = ms.iter().enumerate().map(|(k, m)| (m.span.start, k)).collect();
        starts.sort_unstable();
        let find = |tok: usize| -> Option<usize> {
            let b = self.t.toks.get(tok)?.start;
            let at = starts.partition_point(|&(s, _)| s < b);
            starts.get(at).filter(|&&(s, _)| s == b).map(|&(_, k)| k)
        };
        for (k, e) in sc.exprs.iter().enumerate() {
            let Some(me) = find(e.first) else { continue };
            if ms[me].frame.head.is_some() {
                continue;
            }
            let partner = if e.negated && k > 0 {
                let p = &sc.exprs[k - 1];
                (e.first <= p.end + 3 && sc.clause[p.start] == sc.clause[e.start])
                    .then(|| find(p.first))
                    .flatten()
            } else {
                e.from_partner.and_then(|pk| find(sc.exprs[pk].first))
            };
            if let Some(p) = partner.filter(|&p| p != me && ms[p].frame.head.is_some()) {
                let src = ms[p].clone();
                let m = &mut ms[me];
                if m.unit.is_none() || m.unit == src.unit {
                    m.frame.head = src.frame.head;
                    m.frame.context = src.frame.context;
                    m.frame.names = src.frame.names;
                    m.frame.label = src.frame.label;
                    m.dimension = src.dimension;
                    m.unit = src.unit;
                    if !m.time.explicit {
                        m.time = src.time;
                    }
                }
            }
        }
    }
}

/// The year of expression `e`: the scoping year in its clause nearest to
/// it with no other expression between them (the earlier one on a tie).
/// Years and expressions are in token order, so only the nearest year on
/// each side can qualify: a farther one has whatever lies between the
/// nearer one and `e` between it and `e` too.
fn nearest_year(sc: &Scratch, e: &Expr, clause: (usize, usize)) -> Option<YearAt> {
    let ys = &sc.years;
    let lo = ys.partition_point(|y| y.tok < clause.0);
    let hi = ys.partition_point(|y| y.tok < clause.1).max(lo);
    let ys = &ys[lo..hi];
    let split = ys.partition_point(|y| y.tok < e.start);
    let left = split.checked_sub(1).map(|k| &ys[k]);
    let right = ys.get(split);
    // Another expression strictly between token `y` and the number.
    let between = |y: usize| {
        let (a, b) = (y.min(e.start), y.max(e.start));
        let k = sc.exprs.partition_point(|x| x.start <= a);
        sc.exprs.get(k).is_some_and(|x| x.start < b)
    };
    let left = left.filter(|y| !between(y.tok));
    let right = right.filter(|y| !between(y.tok));
    match (left, right) {
        (Some(l), Some(r)) if r.tok.abs_diff(e.start) < l.tok.abs_diff(e.start) => Some(*r),
        (Some(l), _) => Some(*l),
        (None, r) => r.copied(),
    }
}

/// 10^e for a power-of-ten scale.
fn exponent_of(scale: f64) -> Option<i32> {
    let e = scale.log10().round();
    (10f64.powi(e as i32) == scale).then_some(e as i32)
}

/// The scale factor applied to the number at `i` ("1.5 million" → 1e6).
fn scale_of(t: &Text<'_>, toks: &[Tok], i: usize, lex: &Lexicon) -> f64 {
    let mut j = i;
    if lex.currency_symbols.at(t, j).is_some() {
        j += 1;
    }
    let Some(x) = toks.get(j + 1) else { return 1.0 };
    if x.is_word() {
        if let Some((_, &(s, _))) = lex.scales.at(t, j + 1) {
            return s;
        }
        if let Some((_, v, _)) = lex.suffixes.iter().find(|(s, _, _)| &**s == t.orig(x)) {
            return *v;
        }
    }
    1.0
}

/// How many tokens either side of a number a relative year ("last year")
/// may sit.
const TIME_REACH: usize = 12;

/// How many earlier mentions an anaphor looks back through.
const ANAPHOR_REACH: usize = 64;

/// "The death toll … stands at 43" after a sentence naming the report, or
/// "The figure was 43": a number whose head stands for an earlier measure
/// takes the frame of the nearest measured number of the same dimension in
/// the same or the previous two sentences.
fn resolve_anaphors(ms: &mut [Mention]) {
    resolve_bare_changes(ms);
    for i in 0..ms.len() {
        if !ms[i].frame.anaphor || ms[i].frame.head.is_some() {
            continue;
        }
        let src = ms[i.saturating_sub(ANAPHOR_REACH)..i]
            .iter()
            .rev()
            .find(|p| p.frame.head.is_some() && p.dimension == ms[i].dimension && ms[i].sentence - p.sentence <= 2);
        if let Some(src) = src {
            let (head, context, names) = (
                src.frame.head.clone(),
                src.frame.context.clone(),
                src.frame.names.clone(),
            );
            let f = &mut ms[i].frame;
            f.head = head;
            f.context.extend(context);
            f.context.sort();
            f.context.dedup();
            f.names.extend(names);
            f.names.sort();
            f.names.dedup();
        }
    }
}

/// "That makes the increase 6.2 percent": a change that names nothing but
/// itself changes the level stated just before it (any unit: a percent
/// change of a wage in dollars). It takes that level's words, so it is
/// compared as a change of that measure.
fn resolve_bare_changes(ms: &mut [Mention]) {
    for i in 0..ms.len() {
        let f = &ms[i].frame;
        let bare =
            f.role == Role::Change && f.head.as_deref() == Some("change") && f.context.is_empty() && f.names.is_empty();
        if !bare {
            continue;
        }
        let src = ms[i.saturating_sub(ANAPHOR_REACH)..i]
            .iter()
            .rev()
            .find(|p| p.frame.head.is_some() && p.frame.role == Role::Level && ms[i].sentence - p.sentence <= 2);
        if let Some(src) = src {
            let mut words: Vec<Arc<str>> = src.frame.context.iter().chain(&src.frame.head).cloned().collect();
            let names = src.frame.names.clone();
            words.sort();
            words.dedup();
            let f = &mut ms[i].frame;
            f.context = words;
            f.names = names;
        }
    }
}

/// The text with link destinations and bare URLs removed: a title's topic
/// is its words, not the address it links to.
pub(super) fn without_urls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("](").or_else(|| rest.find("http")) {
        let is_link = rest[i..].starts_with("](");
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = if is_link {
            tail.find(')').map_or(tail.len(), |e| e + 1)
        } else if tail.starts_with("http://") || tail.starts_with("https://") {
            tail.find(char::is_whitespace).unwrap_or(tail.len())
        } else {
            out.push_str("http");
            rest = &tail[4..];
            continue;
        };
        out.push(' ');
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The runs of a text between characters that are not alphanumeric, `.`,
/// `-` or `'` (what `str::split` with that test gives, empty runs included),
/// with ASCII tested byte by byte.
struct WordRuns<'t> {
    text: &'t str,
    /// Start of the next run; past the end when done.
    pos: usize,
}

/// `run` without the characters that are not alphanumeric at its ends; a
/// run that starts and ends with an ASCII letter or digit is returned as
/// it is without decoding it.
fn trim_to_word(run: &str) -> &str {
    let b = run.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphanumeric) && b.last().is_some_and(u8::is_ascii_alphanumeric) {
        return run;
    }
    run.trim_matches(|c: char| !c.is_alphanumeric())
}

/// `w` without its trailing `'s` suffixes (`str::trim_end_matches("'s")`
/// without building a substring searcher per word).
fn trim_possessives(mut w: &str) -> &str {
    while let Some(rest) = w.strip_suffix("'s") {
        w = rest;
    }
    w
}

/// The ASCII characters a word run holds: letters, digits, `.`, `-`, `'`.
static IN_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'\'';
        c += 1;
    }
    t
};

impl<'t> Iterator for WordRuns<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let b = self.text.as_bytes();
        let start = self.pos;
        if start > b.len() {
            return None;
        }
        let mut i = start;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii() {
                if IN_WORD[usize::from(c)] {
                    i += 1;
                    continue;
                }
                self.pos = i + 1;
                return Some(&self.text[start..i]);
            }
            let ch = self.text[i..].chars().next().unwrap_or(' ');
            if !ch.is_alphanumeric() {
                self.pos = i + ch.len_utf8();
                return Some(&self.text[start..i]);
            }
            i += ch.len_utf8();
        }
        self.pos = b.len() + 1;
        Some(&self.text[start..])
    }
}

/// The title's content-word stems and the hashes of every capitalised word
/// of the document (sources list included: it names the places and bodies a
/// draft relies on).
fn doc_context(doc: &Document) -> DocContext {
    let g = &*GRAMMAR;
    fn words(text: &str) -> impl Iterator<Item = &str> {
        WordRuns { text, pos: 0 }.map(trim_to_word).filter(|w| !w.is_empty())
    }
    // What the draft is about: its title, front-matter title and a news
    // dateline's place ("GREYHAVEN, 2 September 2025"). Section headings
    // ("Household impacts") say nothing of the story: a draft without a
    // title has no topic, and is compared with no other draft.
    let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
    // An emphasised opening sentence ("_We're grateful to … for this
    // report._") is a note, not a title.
    let text = doc.file.text.as_str();
    let titled = |s: &&crate::document::Sentence| {
        !text[s.span.clone()]
            .trim_end_matches(|c: char| c == '_' || c == '*' || c.is_whitespace())
            .ends_with('.')
    };
    spans.extend(
        doc.title
            .and_then(|i| doc.sentences.get(i))
            .filter(titled)
            .map(|s| s.span.clone()),
    );
    let series = spans.first().and_then(|s| {
        let t = text[s.clone()].trim_start_matches(['#', ' ']).to_lowercase();
        let (a, b) = t.split_once(':')?;
        Some((Box::from(a.trim()), Box::from(b.trim())))
    });
    if let Some(fm) = doc
        .blocks
        .iter()
        .find(|b| b.kind == crate::document::BlockKind::FrontMatter)
    {
        let block = &text[fm.span.clone()];
        if let Some(line) = block.lines().find(|l| l.trim_start().starts_with("title")) {
            let start = fm.span.start + (line.as_ptr() as usize - block.as_ptr() as usize);
            spans.push(start..start + line.len());
        }
    }
    for s in doc.sentences.iter().take(4) {
        let t = &text[s.span.clone()];
        if let Some((place, _)) = t.split_once(',') {
            if place.len() > 2
                && place.len() < 30
                && !place.chars().any(char::is_lowercase)
                && place.chars().any(char::is_alphabetic)
            {
                spans.push(s.span.start..s.span.start + place.len());
            }
        }
    }
    let lead = lead_names(doc, text);
    let mut topic: Vec<Arc<str>> = Vec::new();
    let mut title_numbers: Vec<Arc<str>> = Vec::new();
    // Raw lower-case title words with their stems, to tell names apart.
    let mut title_words: Vec<(String, Arc<str>)> = Vec::new();
    for span in spans {
        for w in words(&without_urls(&text[span])) {
            if w.chars().any(|c| c.is_ascii_digit()) {
                title_numbers.push(Arc::from(w.to_lowercase()));
            }
            let lw = w.to_lowercase();
            if !g.stop.contains(&lw)
                && !g.section_words.contains(&lw)
                && lw != "title"
                && lw
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.')
            {
                let stem: Arc<str> = g.stem_shared(&lw);
                title_words.push((lw.trim_end_matches("'s").to_string(), stem.clone()));
                topic.push(stem);
            }
        }
    }
    topic.sort();
    topic.dedup();
    // The lead's names tell the story only beside a title.
    let mut lead_stems: Vec<Arc<str>> = Vec::new();
    if !topic.is_empty() {
        for w in &lead {
            let stem = g.stem_shared(w);
            title_words.push((w.clone(), stem.clone()));
            lead_stems.push(stem);
        }
    }
    lead_stems.sort();
    lead_stems.dedup();
    title_numbers.sort();
    title_numbers.dedup();
    // Title words the body also writes in lower case are common words.
    let title_set: std::collections::HashSet<&str> = title_words.iter().map(|(w, _)| w.as_str()).collect();
    // Byte lengths and last bytes of the title words: most body words are
    // ruled out by these before any hashing.
    let (title_lens, title_last) = title_set.iter().fold((0u64, [0u64; 4]), |(lens, mut last), w| {
        if let Some(&b) = w.as_bytes().last() {
            last[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        (lens | 1 << w.len().min(63), last)
    });
    let maybe_title_word = |w: &str| {
        w.as_bytes().last().is_some_and(|&b| {
            title_lens & (1 << w.len().min(63)) != 0 && title_last[usize::from(b >> 6)] & (1 << (b & 63)) != 0
        })
    };
    let mut in_body: std::collections::HashSet<String> = std::collections::HashSet::new();
    // A run that starts with a lower-case ASCII letter or a digit keeps it
    // when trimmed: not capitalised, and most runs are such. Capitalised
    // words are lower-cased in one reused buffer when ASCII.
    let mut lower = String::new();
    let mut all: Vec<u64> = WordRuns {
        text: &doc.file.text,
        pos: 0,
    }
    .filter(|run| {
        let lower_start = run.as_bytes().first().is_some_and(|b| b.is_ascii_lowercase());
        if lower_start && !title_set.is_empty() {
            let key = trim_possessives(trim_to_word(run));
            if maybe_title_word(key) && title_set.contains(key) {
                in_body.insert(key.to_string());
            }
        }
        !run.as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
    .map(trim_to_word)
    .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
    .map(|w| {
        if !w.is_ascii() {
            return name_hash(&w.to_lowercase());
        }
        lower.clear();
        lower.push_str(w);
        lower.make_ascii_lowercase();
        name_hash(&lower)
    })
    .collect();
    let mut topic_names: Vec<Arc<str>> = title_words
        .iter()
        .filter(|(w, _)| !in_body.contains(w.as_str()))
        .map(|(_, s)| s.clone())
        .collect();
    topic_names.sort();
    topic_names.dedup();
    all.sort_unstable();
    let mut names: Vec<u64> = Vec::new();
    let mut once: Vec<u64> = Vec::new();
    for run in all.chunk_by(|a, b| a == b) {
        names.push(run[0]);
        if run.len() == 1 {
            once.push(run[0]);
        }
    }
    // Kept with the mentions until the cross-file pass: no spare capacity.
    names.shrink_to_fit();
    once.shrink_to_fit();
    DocContext {
        topic,
        lead: lead_stems,
        names,
        once,
        year: doc.date.map(|d| d.year),
        day: doc
            .date
            .filter(|d| d.month > 0)
            .map(|d| u32::from(d.year) * 366 + (u32::from(d.month) - 1) * 61 / 2 + u32::from(d.day.max(1))),
        topic_names,
        series,
        title_numbers,
        within_draft: false,
    }
}

/// Sentences after the title that make a draft's lead ("Summary: The
/// dispute at Orrin Motors' Selbridge plant is over.").
const LEAD_SENTENCES: usize = 3;

/// Names in the draft's lead, lower case: words written with a capital
/// inside a sentence, not months or function words. A title and a lead
/// tell together what story a draft is about ("Warm Homes grants: who gets
/// what?" with a lead naming Harrowdale).
fn lead_names(doc: &Document, text: &str) -> Vec<String> {
    let g = &*GRAMMAR;
    let start = doc.title.map_or(0, |t| t + 1);
    let lead = doc
        .sentences
        .iter()
        .skip(start)
        .filter(|s| s.unit == Unit::Body && s.exempt.is_none())
        .take(LEAD_SENTENCES);
    let mut out = Vec::new();
    for s in lead {
        let sentence = without_urls(&text[s.span.clone()]);
        let mut runs = WordRuns {
            text: &sentence,
            pos: 0,
        }
        .map(trim_to_word)
        .filter(|w| !w.is_empty());
        // The first word's capital says nothing; "Summary:" neither.
        runs.next();
        for w in runs {
            if !w.chars().next().is_some_and(char::is_uppercase)
                || !w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’')
            {
                continue;
            }
            let lw = trim_possessives(&w.to_lowercase()).to_string();
            if lw.chars().count() > 2
                && !g.stop.contains(&lw)
                && !g.section_words.contains(&lw)
                && super::month_of(&lw).is_none()
            {
                out.push(lw);
            }
        }
    }
    out
}

#[cfg(test)]
mod word_runs_tests {
    use super::WordRuns;

    #[test]
    fn word_runs_split_like_str_split() {
        let sep = |c: char| !(c.is_alphanumeric() || c == '.' || c == '-' || c == '\'');
        for text in [
            "",
            " ",
            "Kosovo's 600 U.S. troops, (KFOR) — e.g. well-known",
            "Zürich’s Straße, ÉCOLE naïve—日本語 text\u{a0}x",
            "trailing separator.",
            "the mayor's's 'quoted' 's x's -7- ÉÉ's",
            ",,leading",
        ] {
            let runs: Vec<&str> = WordRuns { text, pos: 0 }.collect();
            let split: Vec<&str> = text.split(sep).collect();
            assert_eq!(runs, split, "{text:?}");
            for run in runs {
                let trimmed = run.trim_matches(|c: char| !c.is_alphanumeric());
                assert_eq!(super::trim_to_word(run), trimmed, "{run:?}");
                assert_eq!(super::trim_possessives(trimmed), trimmed.trim_end_matches("'s"));
            }
        }
    }
}
