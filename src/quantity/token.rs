//! A small word/number/punctuation tokenizer for quantity extraction.
//!
//! It runs on the document's `masked` text (markers, URLs and code already
//! blanked), one sentence at a time, and keeps byte offsets into that text.
//! Lexicon phrases are tokenized with the same function, so a phrase matches
//! exactly when its tokens do ("U.S." is one token, "per cent" two, "~" one).

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (and digits after a letter: "A400M"); "U.S." style initials.
    Word,
    /// ASCII digits with `,` or thin-space groups and a decimal part.
    Num,
    /// One character of anything else, normalised (hyphen variants → `-`,
    /// curly apostrophes → `'`).
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub start: usize,
    /// End of the word itself (a possessive `'s` is not included).
    pub end: usize,
    pub kind: Kind,
    /// Whitespace (or the start of the text) before the token.
    pub space_before: bool,
    /// Followed by `'s` / `’s`: "NATO’s".
    pub possessive: bool,
    /// End including the possessive suffix.
    pub full_end: usize,
    /// A number that is part of a dotted chain ("1.2.3"): never a quantity.
    pub odd: bool,
}

impl Tok {
    pub fn span(&self) -> Range<usize> {
        self.start..self.full_end
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is_num(&self) -> bool {
        self.kind == Kind::Num
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// Glued to the previous token (no space between).
    pub fn joined(&self) -> bool {
        !self.space_before
    }
}

/// Thin space, narrow no-break space, no-break space, figure space: digit
/// group separators ("1 200") and ordinary spacing elsewhere.
fn is_group_space(c: char) -> bool {
    matches!(c, '\u{2009}' | '\u{202F}' | '\u{00A0}' | '\u{2007}')
}

fn normalise_punct(c: char) -> char {
    match c {
        '\u{2010}' | '\u{2011}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
        other => other,
    }
}

/// Appends the tokens of `text[range]` to `out` (offsets are into `text`).
pub fn tokenize(text: &str, range: Range<usize>, out: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    let end = range.end.min(text.len());
    let mut i = range.start;
    let mut space = true;
    while i < end {
        let b = bytes[i];
        // ASCII fast path for spaces.
        if b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' {
            space = true;
            i += 1;
            continue;
        }
        let c = if b < 0x80 {
            b as char
        } else {
            match text[i..end].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        if c.is_whitespace() {
            space = true;
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            let (stop, odd) = scan_number(text, i, end);
            out.push(Tok {
                start,
                end: stop,
                kind: Kind::Num,
                space_before: space,
                possessive: false,
                full_end: stop,
                odd,
            });
            i = stop;
        } else if c.is_alphanumeric() {
            let mut j = i;
            while j < end {
                let b = bytes[j];
                if b < 0x80 {
                    if !b.is_ascii_alphanumeric() {
                        break;
                    }
                    j += 1;
                } else {
                    match text[j..end].chars().next() {
                        Some(ch) if ch.is_alphanumeric() => j += ch.len_utf8(),
                        _ => break,
                    }
                }
            }
            // Initials with periods: "U.S.", "U.S.A.", "e.g.".
            if j - i == 1 && bytes.get(j) == Some(&b'.') {
                let mut k = j;
                while k + 2 < end && bytes[k] == b'.' && bytes[k + 1].is_ascii_alphabetic() && bytes[k + 2] == b'.' {
                    k += 2;
                }
                if k > j {
                    j = k + 1;
                }
            }
            let mut full = j;
            let mut possessive = false;
            if matches!(bytes.get(j), Some(b'\'' | 0xE2)) {
                let rest = &text[j..end];
                for apos in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
                    if let Some(after) = rest.strip_prefix(apos) {
                        if !after.chars().next().is_some_and(char::is_alphanumeric) {
                            possessive = true;
                            full = j + apos.len();
                        }
                        break;
                    }
                }
            }
            out.push(Tok {
                start,
                end: j,
                kind: Kind::Word,
                space_before: space,
                possessive,
                full_end: full,
                odd: false,
            });
            i = full;
        } else {
            let n = c.len_utf8();
            let kind = if is_group_space(c) {
                // Treated as a space outside numbers.
                space = true;
                i += n;
                continue;
            } else {
                Kind::Punct(normalise_punct(c))
            };
            out.push(Tok {
                start,
                end: i + n,
                kind,
                space_before: space,
                possessive: false,
                full_end: i + n,
                odd: false,
            });
            i += n;
        }
        space = false;
    }
}

/// Scans a number starting at the ASCII digit at `i`: digits, `,`/thin-space
/// groups of exactly three digits, and a decimal part. Returns the end and
/// whether it is a dotted chain such as a version number.
fn scan_number(text: &str, i: usize, end: usize) -> (usize, bool) {
    let bytes = &text.as_bytes()[..end];
    let digits = |from: usize| bytes[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let first = digits(i);
    let mut j = i + first;
    // Groups: only after a leading group of one to three digits.
    if first <= 3 {
        loop {
            let (sep_len, ok) = match text[j..end].chars().next() {
                Some(',') => (1, true),
                Some(c) if is_group_space(c) => (c.len_utf8(), true),
                _ => (0, false),
            };
            if !ok {
                break;
            }
            let g = j + sep_len;
            if digits(g) == 3 && !bytes.get(g + 3).is_some_and(|b| b.is_ascii_digit()) {
                j = g + 3;
            } else {
                break;
            }
        }
    }
    let mut odd = false;
    if bytes.get(j) == Some(&b'.') && bytes.get(j + 1).is_some_and(|b| b.is_ascii_digit()) {
        j += 1 + digits(j + 1);
        // "1.2.3": a version or a dotted date.
        while bytes.get(j) == Some(&b'.') && bytes.get(j + 1).is_some_and(|b| b.is_ascii_digit()) {
            odd = true;
            j += 1 + digits(j + 1);
        }
    }
    (j, odd)
}

/// Lower-case text of a token for lexicon lookups: `lower` is the ASCII
/// lower-cased copy of the text the tokens index (same offsets).
pub fn norm<'a>(lower: &'a str, t: &Tok) -> &'a str {
    match t.kind {
        Kind::Punct('-') => "-",
        Kind::Punct('\'') => "'",
        _ => &lower[t.start..t.end],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(s, 0..s.len(), &mut out);
        out.iter()
            .map(|t| {
                let mut x = s[t.start..t.end].to_string();
                if t.possessive {
                    x.push_str("'s");
                }
                if !t.space_before {
                    x.insert(0, '+');
                }
                x
            })
            .collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        assert_eq!(
            toks("roughly ~600 U.S. personnel, NATO’s 1,200 and 1\u{202F}200 (1.5) 3bn 600-plus"),
            [
                "roughly",
                "~",
                "+600",
                "U.S.",
                "personnel",
                "+,",
                "NATO's",
                "1,200",
                "and",
                "1\u{202F}200",
                "(",
                "+1.5",
                "+)",
                "3",
                "+bn",
                "600",
                "+-",
                "+plus"
            ]
        );
    }

    #[test]
    fn groups_need_three_digits_and_versions_are_odd() {
        assert_eq!(
            toks("1,2 12,345 1234,567"),
            ["1", "+,", "+2", "12,345", "1234", "+,", "+567"]
        );
        let s = "v 1.2.3 x";
        let mut out = Vec::new();
        tokenize(s, 0..s.len(), &mut out);
        assert!(out[1].odd && &s[out[1].start..out[1].end] == "1.2.3");
    }

    #[test]
    fn never_panics_on_odd_text() {
        for s in [
            "",
            "٦٠٠ troops",
            "１２００",
            "1e999",
            "999,999,999,999,999,999",
            "\u{2011}\u{2011}",
            "U.",
            "a.b",
            "x's",
        ] {
            let mut out = Vec::new();
            tokenize(s, 0..s.len(), &mut out);
            for t in &out {
                assert!(t.start <= t.end && t.end <= t.full_end && t.full_end <= s.len());
            }
        }
        assert_eq!(toks("U.S.A. e.g. U.S"), ["U.S.A.", "e.g.", "U", "+.", "+S"]);
    }
}
