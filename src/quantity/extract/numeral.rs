//! A number at a token: digits with a currency symbol, suffix or scale word
//! ("$1.2bn", "4.5 million"), or number words ("six hundred", "twenty-five",
//! "a thousand").

use super::{NumParse, Scratch, Sentence};
use crate::quantity::value;

impl Sentence<'_> {
    /// A number at token `i`: digits (with a currency symbol, suffix or scale
    /// word) or number words.
    pub(super) fn number_at(&self, sc: &Scratch, i: usize) -> Option<NumParse> {
        let lex = self.lex;
        let t = &self.t;
        let toks = t.toks;
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
            return self.digits_at(j, currency);
        }
        if currency.is_some() || !tk.is_word() {
            return None;
        }
        self.number_words_at(sc, j)
    }

    /// Digits at token `j` with a suffix or scale word after them
    /// ("4.5 million", "$1.2bn"); `currency` was read before them.
    fn digits_at(&self, mut j: usize, currency: Option<u32>) -> Option<NumParse> {
        let lex = self.lex;
        let t = &self.t;
        let toks = t.toks;
        let tk = toks.get(j)?;
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
        Some(NumParse {
            end: j,
            n: value,
            z,
            approx,
            currency,
            scaled: scale.is_some(),
            spelled_one: false,
        })
    }

    /// Number words at token `j`: "six hundred", "twenty-five", "a
    /// thousand".
    fn number_words_at(&self, sc: &Scratch, mut j: usize) -> Option<NumParse> {
        let lex = self.lex;
        let t = &self.t;
        let toks = t.toks;
        let n = toks.len();
        let tk = toks.get(j)?;
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
}

/// 10^e for a power-of-ten scale.
fn exponent_of(scale: f64) -> Option<i32> {
    let e = scale.log10().round();
    (10f64.powi(e as i32) == scale).then_some(e as i32)
}
