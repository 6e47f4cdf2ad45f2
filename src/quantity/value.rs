//! Values as intervals: what a hedged, round, ranged or vague number can mean.
//!
//! A number's granularity is `10^z` where `z` counts its trailing zeros (600 →
//! 100, 1,200 → 100, 180 → 10, 1.2 million → 100,000); a number with `z ≤ 0`
//! is sharp. Tolerances come from `rules/numbers/hedges.toml` (see there for
//! the table of classes).

use std::fmt;

use serde::Serialize;

use super::lexicon::{Hedge, Settings};

/// A set of values `lo..hi`, each end open or closed; `hi` may be infinite.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
    pub lo_open: bool,
    pub hi_open: bool,
}

impl Interval {
    pub fn closed(lo: f64, hi: f64) -> Self {
        Interval {
            lo,
            hi,
            lo_open: false,
            hi_open: false,
        }
    }

    pub fn point(x: f64) -> Self {
        Self::closed(x, x)
    }

    /// No value lies in both.
    pub fn disjoint(&self, other: &Interval) -> bool {
        let below = |a: &Interval, b: &Interval| a.hi < b.lo || (a.hi == b.lo && (a.hi_open || b.lo_open));
        below(self, other) || below(other, self)
    }

    /// Every value of `inner` lies in `self`.
    pub fn contains(&self, inner: &Interval) -> bool {
        let lo_ok = self.lo < inner.lo || (self.lo == inner.lo && (!self.lo_open || inner.lo_open));
        let hi_ok = self.hi > inner.hi || (self.hi == inner.hi && (!self.hi_open || inner.hi_open));
        lo_ok && hi_ok
    }

    pub fn scaled(self, f: f64) -> Self {
        Interval {
            lo: self.lo * f,
            hi: self.hi * f,
            ..self
        }
    }

    pub fn is_unbounded(&self) -> bool {
        self.hi.is_infinite()
    }

    /// How far apart two disjoint intervals are, as a ratio of the nearer
    /// ends (≥ 1): "1,150–1,250 vs 510–690" is 1.7×.
    pub fn gap_ratio(&self, other: &Interval) -> f64 {
        let (a, b) = if self.hi <= other.lo {
            (self, other)
        } else {
            (other, self)
        };
        if a.hi <= 0.0 {
            return f64::INFINITY;
        }
        b.lo / a.hi
    }
}

/// Formats a number for people: `1,200`, `552.5`, `1.2 million`.
pub fn fmt_num(x: f64) -> String {
    if x.is_infinite() {
        return "∞".into();
    }
    if x.is_nan() {
        return "?".into();
    }
    let abs = x.abs();
    for (scale, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if abs >= scale {
            return format!("{} {word}", trim_decimals(x / scale, 3));
        }
    }
    if x.fract() == 0.0 {
        return group_thousands(x as i64);
    }
    let decimals = if abs >= 100.0 {
        1
    } else if abs >= 1.0 {
        2
    } else if abs > 0.0 {
        // Four significant digits.
        (3 - abs.log10().floor() as i32).clamp(3, 12) as usize
    } else {
        0
    };
    let s = trim_decimals(x, decimals);
    match s.split_once('.') {
        Some((int, frac)) => match int.parse::<i64>() {
            Ok(i) => format!("{}.{frac}", group_thousands(i)),
            Err(_) => s,
        },
        None => s,
    }
}

fn trim_decimals(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (lo, hi) = (fmt_num(self.lo), fmt_num(self.hi));
        if self.hi.is_infinite() {
            return write!(f, "{}{lo}", if self.lo_open { ">" } else { "≥" });
        }
        if self.lo == self.hi {
            return f.write_str(&lo);
        }
        if self.lo == 0.0 && !self.lo_open {
            return write!(f, "{}{hi}", if self.hi_open { "<" } else { "≤" });
        }
        match (self.lo_open, self.hi_open) {
            (false, false) => write!(f, "{lo}–{hi}"),
            (false, true) => write!(f, "{lo} to <{hi}"),
            (true, false) => write!(f, ">{lo} to {hi}"),
            (true, true) => write!(f, ">{lo} to <{hi}"),
        }
    }
}

/// How precise a stated value is; decides the severity of a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    /// A non-round number or an "exactly".
    Sharp,
    /// A bare round number ("600").
    Round,
    /// "about 600", "roughly ~600", "nearly 650".
    Approx,
    /// "more than 1,000", "at least 500", "600+", "up to 700".
    Bound,
    /// "500–700", "between 500 and 700".
    Range,
    /// "several hundred", "dozens".
    Vague,
}

impl Form {
    pub fn is_hedged(self) -> bool {
        matches!(self, Form::Approx | Form::Bound | Form::Range)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Form::Sharp => "sharp",
            Form::Round => "round",
            Form::Approx => "approx",
            Form::Bound => "bound",
            Form::Range => "range",
            Form::Vague => "vague",
        }
    }
}

/// Half the granularity of `n`, capped at `bare_round_cap × n`; 0 for a sharp
/// number (`z ≤ 0` or unknown) or when bare round numbers are exact.
fn round_tolerance(n: f64, z: Option<i32>, s: &Settings) -> f64 {
    match z {
        Some(z) if z > 0 && !s.bare_round_exact => {
            let g = 10f64.powi(z.min(300));
            (g / 2.0).min(s.bare_round_cap * n)
        }
        _ => 0.0,
    }
}

/// The interval a number `n` (granularity exponent `z`) means under a hedge.
/// `approx` marks an estimate by construction ("two dozen").
pub fn number_interval(n: f64, z: Option<i32>, hedge: Option<Hedge>, approx: bool, s: &Settings) -> (Interval, Form) {
    let b = round_tolerance(n, z, s);
    let hedge = match hedge {
        None if approx => Some(Hedge::Approx),
        h => h,
    };
    match hedge {
        None => {
            if b > 0.0 {
                (Interval::closed(n - b, n + b), Form::Round)
            } else {
                (Interval::point(n), Form::Sharp)
            }
        }
        Some(Hedge::Exact) => (Interval::point(n), Form::Sharp),
        Some(Hedge::Approx) => {
            let a = b.max(s.approx_tolerance * n);
            (Interval::closed((n - a).max(0.0), n + a), Form::Approx)
        }
        Some(Hedge::Below) => (
            Interval {
                lo: (1.0 - s.near_tolerance) * n,
                hi: n,
                lo_open: false,
                hi_open: true,
            },
            Form::Approx,
        ),
        Some(Hedge::Above) => (
            Interval {
                lo: n,
                hi: (1.0 + s.near_tolerance) * n,
                lo_open: true,
                hi_open: false,
            },
            Form::Approx,
        ),
        Some(Hedge::MoreThan) => (
            Interval {
                lo: n,
                hi: f64::INFINITY,
                lo_open: true,
                hi_open: true,
            },
            Form::Bound,
        ),
        Some(Hedge::AtLeast) => (
            Interval {
                lo: n,
                hi: f64::INFINITY,
                lo_open: false,
                hi_open: true,
            },
            Form::Bound,
        ),
        Some(Hedge::LessThan) => (
            Interval {
                lo: 0.0,
                hi: n,
                lo_open: false,
                hi_open: true,
            },
            Form::Bound,
        ),
        Some(Hedge::AtMost) => (Interval::closed(0.0, n), Form::Bound),
    }
}

/// A range `lo–hi`; a hedge widens both ends by the approximation tolerance.
pub fn range_interval(lo: f64, hi: f64, hedged: bool, s: &Settings) -> (Interval, Form) {
    if hedged {
        let t = s.approx_tolerance;
        (Interval::closed(lo * (1.0 - t), hi * (1.0 + t)), Form::Range)
    } else {
        (Interval::closed(lo, hi), Form::Range)
    }
}

/// Granularity exponent of a number written with digits: trailing zeros of
/// the integer part, or minus the number of decimals.
pub fn digits_exponent(digits: &str) -> i32 {
    match digits.split_once('.') {
        Some((_, frac)) => -(frac.len().min(300) as i32),
        None => {
            let t = digits.trim_start_matches('0');
            if t.is_empty() {
                0
            } else {
                (t.len() - t.trim_end_matches('0').len()).min(300) as i32
            }
        }
    }
}

/// Trailing zeros of an integral value (for spelled-out numbers).
pub fn value_exponent(v: f64) -> Option<i32> {
    if !(v.is_finite() && v >= 1.0 && v.fract() == 0.0 && v < 1e15) {
        return None;
    }
    let mut n = v as u64;
    let mut z = 0;
    while n % 10 == 0 {
        n /= 10;
        z += 1;
    }
    Some(z)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            bare_round_exact: false,
            bare_round_cap: 0.10,
            approx_tolerance: 0.15,
            near_tolerance: 0.15,
            inherit_heading_measure: false,
            enabled: true,
            within_draft: false,
        }
    }

    fn show(n: f64, z: Option<i32>, h: Option<Hedge>) -> String {
        number_interval(n, z, h, false, &settings()).0.to_string()
    }

    #[test]
    fn tolerances_follow_the_research_table() {
        assert_eq!(show(600.0, Some(2), None), "550–650");
        assert_eq!(show(1200.0, Some(2), None), "1,150–1,250");
        assert_eq!(show(180.0, Some(1), None), "175–185");
        assert_eq!(show(635.0, Some(0), None), "635");
        assert_eq!(show(600.0, Some(2), Some(Hedge::Approx)), "510–690");
        assert_eq!(show(180.0, Some(1), Some(Hedge::Approx)), "153–207");
        assert_eq!(show(450.0, Some(1), Some(Hedge::Approx)), "382.5–517.5");
        assert_eq!(show(650.0, Some(1), Some(Hedge::Below)), "552.5 to <650");
        assert_eq!(show(1000.0, Some(3), Some(Hedge::MoreThan)), ">1,000");
        assert_eq!(show(500.0, Some(2), Some(Hedge::AtLeast)), "≥500");
        assert_eq!(show(700.0, Some(2), Some(Hedge::LessThan)), "<700");
        assert_eq!(show(700.0, Some(2), Some(Hedge::AtMost)), "≤700");
        // Capped at 10 %: a million is not ± half a million.
        assert_eq!(show(1e6, Some(6), None), "900,000–1.1 million");
        let mut exact = settings();
        exact.bare_round_exact = true;
        assert_eq!(
            number_interval(600.0, Some(2), None, false, &exact).0.to_string(),
            "600"
        );
    }

    #[test]
    fn disjointness_respects_open_ends() {
        let a = Interval::closed(510.0, 690.0);
        let b = Interval::closed(1150.0, 1250.0);
        assert!(a.disjoint(&b) && b.disjoint(&a));
        assert!((a.gap_ratio(&b) - 1150.0 / 690.0).abs() < 1e-9);
        let near = number_interval(650.0, Some(1), Some(Hedge::Below), false, &settings()).0;
        assert!(!near.disjoint(&a));
        let touching = Interval::closed(650.0, 750.0);
        assert!(!Interval::closed(550.0, 650.0).disjoint(&touching));
        assert!(near.disjoint(&touching), "[552.5, 650) and [650, 750] share no value");
        let excluded = Interval {
            lo: 1000.0,
            hi: f64::INFINITY,
            lo_open: false,
            hi_open: true,
        };
        assert!(excluded.contains(&Interval::closed(2000.0, 9999.0)));
        assert!(!excluded.contains(&Interval::closed(510.0, 1150.0)));
    }

    #[test]
    fn exponents_and_formatting() {
        assert_eq!(digits_exponent("1200"), 2);
        assert_eq!(digits_exponent("1.2"), -1);
        assert_eq!(digits_exponent("0"), 0);
        assert_eq!(digits_exponent("635"), 0);
        assert_eq!(value_exponent(600.0), Some(2));
        assert_eq!(value_exponent(1e300), None);
        assert_eq!(fmt_num(1_234_567.0), "1.235 million");
        assert_eq!(fmt_num(180.246), "180.2");
        assert_eq!(fmt_num(2.5), "2.5");
        assert_eq!(fmt_num(0.0062), "0.0062");
        assert_eq!(fmt_num(f64::INFINITY), "∞");
        assert!(fmt_num(1e300).ends_with(" trillion"));
    }
}
