//! Dates: the article's own date when no plain dateline gave one (a
//! front-matter `date`, a dateline in emphasis such as `*Checked on 18 June
//! 2024*`, a `Published: 2024-11-02` line, or a news dateline opening the
//! first paragraph, `SKERRYPORT, 20 December 2024 — …`), and the dates
//! written in a source entry ("2025-06-15", "June 15, 2025", "(2025)") for
//! SRC009.

use std::sync::LazyLock;

use super::sentences::{parse_date, Sentence};
use super::Date;
use crate::pattern::{is_word, CharClass, Pattern};

/// A date in a source entry ("2025-03-14", "March 14, 2025", "14 March
/// 2025", "March 2025", "(2025)").
fn date_pattern() -> String {
    let month = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?";
    format!(
        r"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|{month}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{month}\s+\d{{4}}|{month}\s+\d{{4}})\b|\((?:19|20)\d\d\)"
    )
}

/// `date_pattern` searching the short text of one source entry: built
/// without the engines that only pay off on long texts (see
/// `crate::pattern`).
static DATE: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(&date_pattern()).expect("date regex"));

/// `DATE` for ASCII text, where its Unicode classes (`\d`, `\s`, `\b`) match
/// what their ASCII forms do: a fraction of the cost to build.
static DATE_ASCII: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(&format!("(?-u){}", date_pattern())).expect("date regex"));

/// The earliest date written in `content`, URLs left out (their paths hold
/// numbers that are not dates).
pub fn earliest(content: &str) -> Option<Date> {
    let words: Vec<&str> = content
        .split_whitespace()
        .filter(|w| !w.contains("://") && !w.starts_with("www.") && !w.starts_with("doi:"))
        .collect();
    let text = inert_to_ascii(words.join(" "));
    let date = if text.is_ascii() { &*DATE_ASCII } else { &*DATE };
    date.find_iter(&text).filter_map(|m| parse_date(&text[m])).min()
}

/// Characters `DATE` can match beyond ASCII (Unicode `\s` and `\d`), and
/// word characters (Unicode `\w`, for its `\b`).
static SPACE_OR_DIGIT: LazyLock<CharClass> = LazyLock::new(|| CharClass::new(r"[\s\d]"));

/// `text` with ASCII stand-ins for its non-ASCII characters when none of
/// them is a space or a digit: a word character (a letter such as `ë`)
/// becomes `Q` and any other (dashes, curly quotes) `#`. Neither matches
/// anything in `DATE` (no month starts with `Q`, `[a-z]` is lower case), and
/// each is on the same side of `\b` as the character it stands for, so the
/// matches are the same text, while an ASCII text is searched by the fast
/// engine (a Unicode `\b` sends any other to the slow one). Otherwise
/// `text` unchanged.
fn inert_to_ascii(text: String) -> String {
    if text.is_ascii() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        if SPACE_OR_DIGIT.contains(c) {
            return text;
        }
        out.push(if is_word(c) { 'Q' } else { '#' });
    }
    out
}

/// Whether `source` is later than `draft`, at the precision both give: a
/// source dated only "2025" is not after a draft of 2025-04-10.
pub fn after(source: Date, draft: Date) -> bool {
    if source.year != draft.year || source.month == 0 || draft.month == 0 {
        return source.year > draft.year;
    }
    if source.month != draft.month || source.day == 0 || draft.day == 0 {
        return source.month > draft.month;
    }
    source.day > draft.day
}

/// How many sentences from the top a dateline may sit in.
const DATELINE_REACH: usize = 6;

/// A dated line near the top of the document.
pub fn leading_dateline(text: &str, sentences: &[Sentence]) -> Option<Date> {
    sentences.iter().take(DATELINE_REACH).find_map(|s| {
        let t = text.get(s.span.clone())?.trim().trim_matches(['*', '_', ' ']);
        labelled(t).or_else(|| place_dateline(t))
    })
}

/// "Checked on 18 June 2024", "Published: 2024-11-02", "Updated 3 May 2025".
fn labelled(t: &str) -> Option<Date> {
    let lower = t.to_ascii_lowercase();
    let rest = [
        "last updated",
        "fact-checked",
        "fact checked",
        "checked",
        "published",
        "updated",
        "posted",
        "dated",
    ]
    .iter()
    .find_map(|p| lower.strip_prefix(p))?;
    let rest = rest
        .trim_start()
        .trim_start_matches("on")
        .trim_start_matches(':')
        .trim();
    let d = parse_date(rest.get(..rest.len().min(40))?)?;
    (d.month != 0).then_some(d)
}

/// "SKERRYPORT, 20 December 2024 — At a packed meeting…": an upper-case
/// place, a comma, a full date, a dash.
fn place_dateline(t: &str) -> Option<Date> {
    let (place, rest) = t.split_once(',')?;
    if place.is_empty() || place.len() > 40 || place.chars().any(char::is_lowercase) {
        return None;
    }
    let end = rest.find(['—', '–']).or_else(|| rest.find(" - "))?;
    let d = parse_date(&rest[..end])?;
    (d.month != 0 && d.day != 0).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    #[test]
    fn finds_the_earliest_written_date() {
        let e = |s: &str| earliest(s).map(|d| d.to_string());
        assert_eq!(
            e("Roads, paint report, 2025-06-15. https://example.org/2019/01/02"),
            Some("2025-06-15".into())
        );
        assert_eq!(
            e("Memo, published January 2025, updated 12 March 2025."),
            Some("2025-01".into())
        );
        assert_eq!(e("Smith, J. A study (2021). doi:10.1000/2019"), Some("2021".into()));
        assert_eq!(e("Report number 2030 of the council"), None);
        // Dashes and curly quotes around dates; a letter or digit next to
        // a date is still part of its word.
        assert_eq!(e("“Harbour survey” — 3 March 2024 – (2022)"), Some("2022".into()));
        assert_eq!(e("Bericht 2024-05-06é — x"), None);
        assert_eq!(e("Marché 2024, Mars 2023, Durrës (2021)"), Some("2021".into()));
        assert_eq!(e("Rapport 2024-05-06 — ２０２１"), Some("2024-05-06".into()));
    }

    #[test]
    fn the_ascii_date_pattern_matches_as_the_unicode_one_on_ascii_text() {
        let texts = [
            "Memo, published January 2025, updated 12 March 2025.",
            "x2024-05-06 2024-05-06_ (1999) (2099) Sept. 3, 2021\t\x0b4 May\x0c2020",
            "Smith, J. A study (2021). doi:10.1000/2019 Report number 2030",
        ];
        for t in texts {
            let all = |p: &Pattern| p.find_iter(t).collect::<Vec<_>>();
            assert_eq!(all(&DATE_ASCII), all(&DATE), "{t}");
        }
    }

    #[test]
    fn inert_characters_become_ascii() {
        assert_eq!(inert_to_ascii("a — “b”".into()), "a # #b#");
        assert_eq!(inert_to_ascii("Durrës — x".into()), "DurrQs # x");
        assert_eq!(inert_to_ascii("a ２０２１ —".into()), "a ２０２１ —");
        assert_eq!(inert_to_ascii("a\u{a0}b —".into()), "a\u{a0}b —");
    }

    #[test]
    fn after_compares_at_the_common_precision() {
        assert!(after(d("2025-06-15"), d("2025-04-10")));
        assert!(!after(d("2025-04-10"), d("2025-04-10")));
        assert!(!after(d("2025"), d("2025-04-10")));
        assert!(after(d("2026"), d("2025-04-10")));
        assert!(!after(d("April 2025"), d("2025-04-10")));
        assert!(after(d("May 2025"), d("2025-04-10")));
    }

    #[test]
    fn front_matter_and_datelines() {
        assert_eq!(
            labelled("Checked on 18 June 2024").map(|d| (d.year, d.month)),
            Some((2024, 6))
        );
        assert_eq!(labelled("Published: 2023-02-01").map(|d| d.year), Some(2023));
        assert_eq!(
            place_dateline("SKERRYPORT, 20 December 2024 — At a meeting").map(|d| d.day),
            Some(20)
        );
        assert!(place_dateline("In March, 2024 was — odd").is_none());
        assert!(labelled("Checked numbers are 12").is_none());
    }
}
