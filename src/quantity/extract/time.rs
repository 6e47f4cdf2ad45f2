//! The year a quantity is stated for: a scoping year in its own clause, a
//! relative year ("last year") from the document's date, else the document's
//! date.

use super::{Expr, Scratch, Sentence, YearAt};
use crate::quantity::grammar::GRAMMAR;
use crate::quantity::Time;

/// How many tokens either side of a number a relative year ("last year")
/// may sit.
const TIME_REACH: usize = 12;

impl Sentence<'_> {
    /// The year a number is stated for: a year in its own clause (nearest
    /// first), a relative year ("last year") from the document's date, else
    /// the document's date (not explicit).
    pub(super) fn time_of(&self, sc: &Scratch, e: &Expr, clause: (usize, usize)) -> Time {
        let doc_year = self.doc.date.map(|d| d.year);
        if let Some(y) = nearest_year(sc, e, clause) {
            let month = y
                .tok
                .checked_sub(1)
                .and_then(|p| self.t.toks.get(p))
                .filter(|x| x.is_word())
                .and_then(|x| crate::quantity::month_of(self.t.norm(x)));
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
