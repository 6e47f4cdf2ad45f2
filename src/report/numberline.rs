//! One quantity's mentions drawn as intervals on a number line (inline SVG
//! for the HTML report). A row per mention: a dot for a sharp value, a dot
//! with whiskers for a bare round number, a bar for a hedged value or range,
//! a pale dashed bar for a vague one, and an arrow running off the axis for
//! an open-ended bound ("more than 1,000"). The axis is linear, or
//! logarithmic when the values span more than a factor of 50.

use std::fmt::Write as _;

use super::html::esc;

/// How a mention's interval is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A sharp value: a dot.
    Point,
    /// A bare round number read to half its granularity: a dot with whiskers.
    Round,
    /// A hedged value or a range: a bar.
    Bar,
    /// A vague quantity ("several hundred"): a pale bar.
    Vague,
}

/// One row of the number line.
#[derive(Debug, Clone)]
pub struct Row {
    pub lo: f64,
    pub hi: f64,
    pub lo_open: bool,
    pub hi_open: bool,
    pub shape: Shape,
    /// Part of a conflict: drawn in the conflict colour.
    pub conflict: bool,
    /// A denial ("not thousands"): dashed.
    pub negated: bool,
    /// Tooltip text (escaped on output).
    pub title: String,
    /// The id of the table row it stands for (`m-3-12`).
    pub target: String,
}

const WIDTH: f64 = 720.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 16.0;
const ROW: f64 = 16.0;
const TOP: f64 = 8.0;
const AXIS: f64 = 30.0;

/// The axis: a linear or logarithmic map from values to x.
#[derive(Debug, Clone, Copy)]
struct Scale {
    lo: f64,
    hi: f64,
    log: bool,
}

impl Scale {
    fn fit(rows: &[Row]) -> Scale {
        let ends = rows.iter().flat_map(|r| [r.lo, r.hi]).filter(|x| x.is_finite());
        let (mut lo, mut hi) = ends.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
        if !lo.is_finite() {
            (lo, hi) = (0.0, 1.0);
        }
        let log = lo > 0.0 && hi / lo > 50.0;
        if log {
            return Scale {
                lo: lo.log10() - 0.1,
                hi: hi.log10() + 0.1,
                log,
            };
        }
        let span = if hi > lo { hi - lo } else { lo.abs().max(1.0) * 0.2 };
        let pad = span * 0.08;
        let lo = if lo >= 0.0 { (lo - pad).max(0.0) } else { lo - pad };
        Scale { lo, hi: hi + pad, log }
    }

    fn x(&self, v: f64) -> f64 {
        let v = if self.log { v.max(f64::MIN_POSITIVE).log10() } else { v };
        let t = ((v - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0);
        LEFT + t * (WIDTH - LEFT - RIGHT)
    }

    /// Tick values: 1-2-5 steps (linear) or powers of ten and their
    /// 2 and 5 multiples (log), at most about eight.
    fn ticks(&self) -> Vec<f64> {
        if self.log {
            let (a, b) = (self.lo.floor() as i32, self.hi.ceil() as i32);
            let mults: &[f64] = if b - a <= 2 { &[1.0, 2.0, 5.0] } else { &[1.0] };
            let mut out = Vec::new();
            for e in a..=b {
                for m in mults {
                    let v = m * 10f64.powi(e);
                    let l = v.log10();
                    if l >= self.lo && l <= self.hi {
                        out.push(v);
                    }
                }
            }
            return out;
        }
        let raw = (self.hi - self.lo) / 6.0;
        let mag = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .iter()
            .map(|m| m * mag)
            .find(|s| *s >= raw)
            .unwrap_or(mag * 10.0);
        let mut v = (self.lo / step).ceil() * step;
        let mut out = Vec::new();
        while v <= self.hi + step * 1e-9 && out.len() < 12 {
            out.push(v);
            v += step;
        }
        out
    }
}

/// A value for people: thousands separated, at most three decimals, and
/// the unit's sign for percent.
pub fn number(v: f64, unit: &str) -> String {
    let (sign, v) = if v < 0.0 { ("−", -v) } else { ("", v) };
    let rounded = (v * 1000.0).round() / 1000.0;
    let int = rounded.trunc();
    let mut digits = format!("{int:.0}");
    let mut i = digits.len();
    while i > 3 {
        i -= 3;
        digits.insert(i, ',');
    }
    let frac = rounded - int;
    if frac > 1e-9 {
        let f = format!("{frac:.3}");
        digits.push_str(f.trim_start_matches('0').trim_end_matches('0'));
    }
    let suffix = match unit {
        "%" => "%",
        "percentage points" | "pp" => " pp",
        _ => "",
    };
    format!("{sign}{digits}{suffix}")
}

/// The SVG of one quantity's rows; `unit` labels the ticks.
pub fn svg(rows: &[Row], unit: &str) -> String {
    let scale = Scale::fit(rows);
    // Room under the ticks for the "log scale" note.
    let note = if scale.log { 12.0 } else { 0.0 };
    let height = TOP + rows.len() as f64 * ROW + AXIS + note;
    let axis_y = TOP + rows.len() as f64 * ROW + 6.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="numberline" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-label="{} mentions on a {} number line">"#,
        rows.len(),
        if scale.log { "logarithmic" } else { "linear" }
    );
    for t in scale.ticks() {
        let x = scale.x(t);
        let _ = write!(
            s,
            r#"<line class="grid" x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{axis_y}"/><text class="tick" x="{x:.1}" y="{:.1}">{}</text>"#,
            axis_y + 14.0,
            esc(&number(t, unit))
        );
    }
    let _ = write!(
        s,
        r#"<line class="axis" x1="{LEFT}" y1="{axis_y}" x2="{:.1}" y2="{axis_y}"/>"#,
        WIDTH - RIGHT
    );
    if scale.log {
        let _ = write!(
            s,
            r#"<text class="scale-note" x="{:.1}" y="{:.1}">log scale</text>"#,
            WIDTH - RIGHT,
            axis_y + 26.0
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let y = TOP + i as f64 * ROW + ROW / 2.0;
        row(&mut s, &scale, r, i + 1, y);
    }
    s.push_str("</svg>");
    s
}

fn row(s: &mut String, scale: &Scale, r: &Row, n: usize, y: f64) {
    let mut class = String::from("mention");
    for (on, c) in [(r.conflict, " conflict"), (r.negated, " negated")] {
        if on {
            class.push_str(c);
        }
    }
    let shape = match r.shape {
        Shape::Point => "point",
        Shape::Round => "round",
        Shape::Bar => "bar",
        Shape::Vague => "vague",
    };
    let open = !r.lo.is_finite() || !r.hi.is_finite();
    let _ = write!(
        s,
        r##"<a href="#{}"><g class="{class} {}" data-row="{n}"><title>{}</title><text class="row-n" x="4" y="{:.1}">{n}</text>"##,
        esc(&r.target),
        if open { "bound" } else { shape },
        esc(&r.title),
        y + 4.0
    );
    let (x1, x2) = (scale.x(r.lo), scale.x(r.hi));
    if open {
        bound(s, scale, r, y);
    } else if (x2 - x1).abs() < 2.0 || r.shape == Shape::Point {
        let _ = write!(s, r#"<circle cx="{:.1}" cy="{y:.1}" r="4"/>"#, (x1 + x2) / 2.0);
    } else if r.shape == Shape::Round {
        let mid = (x1 + x2) / 2.0;
        let _ = write!(
            s,
            r#"<line class="whisker" x1="{x1:.1}" y1="{y:.1}" x2="{x2:.1}" y2="{y:.1}"/><line class="whisker" x1="{x1:.1}" y1="{:.1}" x2="{x1:.1}" y2="{:.1}"/><line class="whisker" x1="{x2:.1}" y1="{:.1}" x2="{x2:.1}" y2="{:.1}"/><circle cx="{mid:.1}" cy="{y:.1}" r="4"/>"#,
            y - 4.0,
            y + 4.0,
            y - 4.0,
            y + 4.0
        );
    } else {
        let _ = write!(
            s,
            r#"<rect x="{x1:.1}" y="{:.1}" width="{:.1}" height="8" rx="3"/>"#,
            y - 4.0,
            (x2 - x1).max(2.0)
        );
    }
    s.push_str("</g></a>");
}

/// An open-ended bound: a line from the bound to the edge of the axis,
/// an arrowhead there, and a ring (open) or dot (closed) at the bound.
fn bound(s: &mut String, scale: &Scale, r: &Row, y: f64) {
    let (left, right) = (LEFT - 4.0, WIDTH - RIGHT + 4.0);
    let (from, to, open_at, open) = if r.hi.is_finite() {
        (scale.x(r.hi), left, scale.x(r.hi), r.hi_open)
    } else if r.lo.is_finite() {
        (scale.x(r.lo), right, scale.x(r.lo), r.lo_open)
    } else {
        (left, right, f64::NAN, true)
    };
    let _ = write!(
        s,
        r#"<line class="arrow" x1="{from:.1}" y1="{y:.1}" x2="{to:.1}" y2="{y:.1}"/>"#
    );
    let dir = if to > from { -1.0 } else { 1.0 };
    let _ = write!(
        s,
        r#"<polygon class="arrowhead" points="{to:.1},{y:.1} {:.1},{:.1} {:.1},{:.1}"/>"#,
        to + dir * 7.0,
        y - 4.5,
        to + dir * 7.0,
        y + 4.5
    );
    if open_at.is_finite() {
        let _ = write!(
            s,
            r#"<circle class="{}" cx="{open_at:.1}" cy="{y:.1}" r="4"/>"#,
            if open { "open-end" } else { "closed-end" }
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(lo: f64, hi: f64, shape: Shape) -> Row {
        Row {
            lo,
            hi,
            lo_open: false,
            hi_open: false,
            shape,
            conflict: false,
            negated: false,
            title: "t".into(),
            target: "m-0-0".into(),
        }
    }

    #[test]
    fn numbers_read_like_prose() {
        assert_eq!(number(1200.0, "count"), "1,200");
        assert_eq!(number(1234567.5, "USD"), "1,234,567.5");
        assert_eq!(number(12.25, "%"), "12.25%");
        assert_eq!(number(-3.0, "pp"), "−3 pp");
        assert_eq!(number(0.0, "count"), "0");
    }

    #[test]
    fn linear_ticks_cover_the_values_in_nice_steps() {
        let s = Scale::fit(&[row(510.0, 690.0, Shape::Bar), row(1150.0, 1250.0, Shape::Bar)]);
        assert!(!s.log);
        let t = s.ticks();
        assert!(t.len() >= 4 && t.len() <= 12, "{t:?}");
        assert!(t.windows(2).all(|w| ((w[1] - w[0]) - (t[1] - t[0])).abs() < 1e-6));
        assert!(s.x(510.0) < s.x(690.0) && s.x(690.0) < s.x(1150.0));
    }

    #[test]
    fn wide_spans_use_a_log_axis_and_bounds_draw_arrows() {
        let mut b = row(1000.0, f64::INFINITY, Shape::Bar);
        b.lo_open = true;
        let rows = [row(3.0, 3.0, Shape::Point), b];
        let svg = svg(&rows, "count");
        assert!(svg.contains("log scale"), "{svg}");
        assert!(svg.contains("class=\"arrowhead\""));
        assert!(svg.contains("class=\"open-end\""));
        assert_eq!(svg.matches("<g class=\"mention").count(), 2);
    }
}
