//! The article's own date when no plain dateline gave one: a front-matter
//! `date`, a dateline in emphasis (`*Checked on 18 June 2024*`), a
//! `Published: 2024-11-02` line, or a news dateline opening the first
//! paragraph (`SKERRYPORT, 20 December 2024 — …`).

use std::ops::Range;

use super::sentences::{parse_date, Date, Sentence};

/// How many sentences from the top a dateline may sit in.
const DATELINE_REACH: usize = 6;

/// The document date from front matter (`date: 2024-11-02`, `date = …`).
pub fn front_matter_date(text: &str, span: Range<usize>) -> Option<Date> {
    text.get(span)?.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("date")?;
        let rest = rest.trim_start().strip_prefix([':', '='])?;
        parse_date(rest.trim().trim_matches(['"', '\'']))
    })
}

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

    #[test]
    fn front_matter_and_datelines() {
        let fm = "---\ntitle: x\ndate: 2024-11-02\n---\n";
        assert_eq!(front_matter_date(fm, 0..fm.len()).map(|d| d.year), Some(2024));
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
