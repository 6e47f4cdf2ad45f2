//! UAX #29 sentence boundaries in time linear in the text.
//!
//! `unicode-segmentation` decides rule SB8 by scanning ahead from every
//! position that follows a period and its closing punctuation and spaces, up
//! to the next letter or terminator; a long run of such characters (no-break
//! spaces or closing quotes after a period, random bytes) makes that scan
//! quadratic. The scan only crosses characters that are neither letters nor
//! terminators ("filler"), so every run of filler longer than `2 * KEEP`
//! characters is shortened to its first and last `KEEP` characters before
//! segmenting, and the boundaries found are mapped back. On text without such
//! runs the result is exactly the crate's; inside a long run, which holds no
//! letter, boundaries are only possible after a stray terminator and are
//! dropped.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Characters kept at each end of a long run of filler.
const KEEP: usize = 32;

/// Pushes the start offset of every sentence of `s` but the first.
pub fn bounds(s: &str, out: &mut Vec<usize>) {
    let kept = kept_ranges(s);
    if kept.len() == 1 {
        out.extend(s.split_sentence_bound_indices().map(|(o, _)| o).skip(1));
        return;
    }
    // (offset in the shortened text, offset in `s`) of each kept range.
    let mut map: Vec<(usize, usize)> = Vec::with_capacity(kept.len());
    let mut short = String::new();
    for r in &kept {
        map.push((short.len(), r.start));
        short.push_str(&s[r.clone()]);
    }
    for (o, _) in short.split_sentence_bound_indices().skip(1) {
        let k = map.partition_point(|&(c, _)| c <= o) - 1;
        out.push(map[k].1 + (o - map[k].0));
    }
}

/// A character that ends the SB8 scan: a letter or a terminator. Marks that
/// extend the previous character are letters to `char::is_alphabetic` but
/// not to the sentence rules, so they count as filler.
fn stops_scan(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || matches!(c, '.' | '?' | '!');
    }
    c.is_alphabetic() && !extends(c)
}

/// Whether `c` joins the character before it (a grapheme extender).
fn extends(c: char) -> bool {
    let mut buf = [0u8; 5];
    buf[0] = b'a';
    let n = 1 + c.encode_utf8(&mut buf[1..]).len();
    std::str::from_utf8(&buf[..n]).is_ok_and(|t| t.graphemes(true).nth(1).is_none())
}

/// The byte ranges of `s` left after shortening every long run of filler.
fn kept_ranges(s: &str) -> Vec<Range<usize>> {
    let mut kept = Vec::new();
    let mut from = 0;
    let mut run_start = 0;
    let mut run_len = 0;
    let mut cut = |end: usize, run_start: usize, run_len: usize, from: &mut usize| {
        if run_len <= 2 * KEEP {
            return;
        }
        let head = run_start + s[run_start..].chars().take(KEEP).map(char::len_utf8).sum::<usize>();
        let tail = end - s[..end].chars().rev().take(KEEP).map(char::len_utf8).sum::<usize>();
        kept.push(*from..head);
        *from = tail;
    };
    for (i, c) in s.char_indices() {
        if stops_scan(c) {
            cut(i, run_start, run_len, &mut from);
            run_len = 0;
        } else {
            if run_len == 0 {
                run_start = i;
            }
            run_len += 1;
        }
    }
    cut(s.len(), run_start, run_len, &mut from);
    kept.push(from..s.len());
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uax(s: &str) -> Vec<usize> {
        s.split_sentence_bound_indices().map(|(o, _)| o).skip(1).collect()
    }

    fn ours(s: &str) -> Vec<usize> {
        let mut v = Vec::new();
        bounds(s, &mut v);
        v
    }

    #[test]
    fn same_as_the_crate_without_long_runs() {
        for s in [
            "Café. Next one. “Quoted.” Then more… ok! Right? Yes.",
            "Prix: 12 €. Über alles. Ça va. 東京は大きい。次の文。",
            "A.\u{a0}\u{a0}\u{a0}B. c. D.",
        ] {
            assert_eq!(ours(s), uax(s), "{s:?}");
        }
    }

    #[test]
    fn long_runs_keep_the_boundaries_around_them() {
        let s = format!("Café. {}End here. Next", "\u{a0}".repeat(5000));
        let b = ours(&s);
        assert_eq!(b, uax(&s), "a run between sentences keeps its boundary");
        let s = format!("Café. {}end here. Next", "”".repeat(5000));
        assert_eq!(ours(&s), uax(&s));
        let s = format!("Word {} word. Next", "1 ".repeat(5000));
        assert_eq!(ours(&s), uax(&s));
    }

    #[test]
    fn offsets_map_back_onto_the_text() {
        let s = format!("One. {}Two. {}Three.", "\u{a0}".repeat(300), "\u{301}".repeat(300));
        for b in ours(&s) {
            assert!(s.is_char_boundary(b));
        }
        assert_eq!(ours(&s), uax(&s));
    }
}
