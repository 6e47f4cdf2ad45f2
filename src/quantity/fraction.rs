//! Shares written as words: "a quarter", "two thirds", "just over half",
//! "one in four", "3 out of 10" (read as percent), and "half a million"
//! (a count). Journalists write shares this way as often as with a `%`.

use super::lexicon::{Lexicon, Text};

/// A share or number read from words.
pub struct Fraction {
    /// Token after the phrase.
    pub end: usize,
    pub value: f64,
    /// In percent (a share) rather than a plain number.
    pub percent: bool,
}

fn denominator(w: &str) -> Option<f64> {
    Some(match w {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" | "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "sixth" | "sixths" => 6.0,
        "eighth" | "eighths" => 8.0,
        "tenth" | "tenths" => 10.0,
        _ => return None,
    })
}

/// A small count written in digits or words ("one", "2").
fn small(lex: &Lexicon, t: &Text<'_>, i: usize) -> Option<f64> {
    let x = t.toks.get(i)?;
    if x.is_num() {
        let s = t.orig(x);
        return (s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten();
    }
    if t.norm(x) == "a" || t.norm(x) == "an" {
        return Some(1.0);
    }
    lex.words.at(t, i).filter(|(len, _)| *len == 1).map(|(_, v)| *v as f64)
}

/// The share or number starting at token `i`, if any.
pub fn at(lex: &Lexicon, t: &Text<'_>, i: usize) -> Option<Fraction> {
    let w = |k: usize| t.toks.get(k).filter(|x| x.is_word()).map(|x| t.norm(x));
    // "half a million"
    if w(i) == Some("half") && matches!(w(i + 1), Some("a" | "an")) {
        if let Some((len, &(scale, _))) = lex.scales.at(t, i + 2) {
            return Some(Fraction {
                end: i + 2 + len,
                value: scale / 2.0,
                percent: false,
            });
        }
    }
    // "half of", "cut by half": a bare "half".
    if w(i) == Some("half")
        && (matches!(w(i + 1), Some("of" | "the"))
            || i > 0 && matches!(w(i - 1), Some("by" | "than" | "over" | "under" | "nearly" | "almost")))
    {
        return Some(Fraction {
            end: i + 1,
            value: 50.0,
            percent: true,
        });
    }
    let num = small(lex, t, i)?;
    // "a quarter", "two thirds"
    if let Some(d) = w(i + 1).and_then(denominator) {
        if num < d && !(t.toks[i].is_num()) {
            return Some(Fraction {
                end: i + 2,
                value: num / d * 100.0,
                percent: true,
            });
        }
    }
    // "one in four", "3 out of 10"
    let gap = match w(i + 1) {
        Some("in") => 1,
        Some("out") if w(i + 2) == Some("of") => 2,
        _ => return None,
    };
    let den = small(lex, t, i + 1 + gap)?;
    (den > num && num > 0.0 && t.norm(&t.toks[i]) != "a").then(|| Fraction {
        end: i + 2 + gap,
        value: num / den * 100.0,
        percent: true,
    })
}
