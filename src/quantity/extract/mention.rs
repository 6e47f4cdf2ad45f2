//! A mention from an expression: its value in the canonical unit, its frame
//! (read by `frame::read`), time and polarity; then the second pass that
//! lends a partner's frame to "not thousands" and the "to" of "from A to B".

use std::sync::Arc;

use super::{Expr, ExprKind, Scratch, Sentence};
use crate::quantity::frame::{self, Bounds};
use crate::quantity::grammar::GRAMMAR;
use crate::quantity::lexicon::UnitDef;
use crate::quantity::value::{self, Form, Interval};
use crate::quantity::{Mention, Polarity};

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

/// A value in the canonical unit of its dimension.
struct Measured {
    value: Interval,
    form: Form,
    /// What a denial of it would exclude.
    excluded: Option<Interval>,
    dimension: Arc<str>,
    unit: Option<Arc<str>>,
}

impl Sentence<'_> {
    /// Builds the mention of expression `e`: its value, frame, time and
    /// polarity.
    pub(super) fn mention(&self, sc: &Scratch, e: &Expr) -> Option<Mention> {
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
        let Measured {
            value,
            form,
            mut excluded,
            dimension,
            unit,
        } = self.measured(e, frame.head.is_some())?;

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

    /// The value of expression `e` in the canonical unit of its dimension,
    /// its form and what a denial of it would exclude; `None` for a vague
    /// phrase that needs a noun (`has_head`) and has none.
    fn measured(&self, e: &Expr, has_head: bool) -> Option<Measured> {
        let lex = self.lex;
        let unit_def: Option<&UnitDef> = e.unit.map(|u| &lex.unit_defs[u as usize]);
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
                if !d.bare && !has_head {
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
        Some(Measured {
            value,
            form,
            excluded,
            dimension,
            unit,
        })
    }

    /// Second pass over a sentence's mentions: a denied quantity ("hundreds,
    /// not thousands") and the "to" of "from A to B" take the frame of their
    /// partner when they have none of their own.
    pub(super) fn borrow_frames(&self, sc: &Scratch, ms: &mut [Mention]) {
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
