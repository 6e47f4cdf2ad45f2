//! Quantity expressions: a hedge, a number, range, share in words or vague
//! phrase, its unit or currency and a post-hedge ("roughly 600", "between
//! 500 and 700", "1.2 to 1.5 million", "600-plus", "just under a quarter").

use super::{fraction, Expr, ExprKind, Scratch, Sentence};
use crate::quantity::lexicon::{Hedge, Lexicon, Text};
use crate::quantity::token::Tok;
use crate::quantity::value;

impl Sentence<'_> {
    /// Reads the number expressions of the sentence into `sc.exprs`.
    pub(super) fn expressions(&self, sc: &mut Scratch) {
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
            (end, unit, currency, hedge) = self.unit_and_post_hedge(end, currency);
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

    /// The unit or currency word after a number that ends at token `end`
    /// ("180 km", "112-mile", "2%", "2 percentage points") and a post-hedge
    /// ("600+", "600-plus", "or more"): the expression's new end, its unit,
    /// currency (`currency` if read before the number) and hedge.
    fn unit_and_post_hedge(
        &self,
        mut end: usize,
        mut currency: Option<u32>,
    ) -> (usize, Option<u32>, Option<u32>, Option<Hedge>) {
        let lex = self.lex;
        let t = &self.t;
        let toks = t.toks;
        let mut unit = None;
        let mut hedge = None;
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
        (end, unit, currency, hedge)
    }
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
