//! Dates written in a source entry ("2025-06-15", "June 15, 2025",
//! "15 June 2025", "June 2025", "(2025)"), for SRC009.

use std::sync::LazyLock;

use regex::Regex;

use super::sentences::parse_date;
use super::Date;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?";
    Regex::new(&format!(
        r"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|{month}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{month}\s+\d{{4}}|{month}\s+\d{{4}})\b|\((?:19|20)\d\d\)"
    ))
    .expect("date regex")
});

/// The earliest date written in `content`, URLs left out (their paths hold
/// numbers that are not dates).
pub fn earliest(content: &str) -> Option<Date> {
    let words: Vec<&str> = content
        .split_whitespace()
        .filter(|w| !w.contains("://") && !w.starts_with("www.") && !w.starts_with("doi:"))
        .collect();
    let text = words.join(" ");
    DATE.find_iter(&text).filter_map(|m| parse_date(m.as_str())).min()
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
}
