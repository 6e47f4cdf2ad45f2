//! Source entry quality: SRC rules.

use crate::data::SourcesData;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::urls::{self, UrlRef};
use crate::document::{dates, Document, SourceEntry};
use crate::rules::options;
use crate::rules::Rule;

pub static EMPTY_SOURCE_ENTRY: Rule = Rule {
    code: "SRC001",
    name: "empty-source-entry",
    default_severity: Severity::Error,
    options: &[],
    summary: "A source entry has an id but no content.",
    doc: "\
Why: an entry like `3.` or `[4]:` with nothing after it makes every [3]
marker resolve to nothing; it is usually a placeholder that was never filled.

Example:
    ## Sources
    1. NATO, KFOR placemat. https://example.org/kfor
    2.

Fix: fill in the source (title, publisher, date, URL) or remove the entry
and its markers.
",
};

pub static SOURCE_MISSING_URL: Rule = Rule {
    code: "SRC002",
    name: "source-missing-url",
    default_severity: Severity::Warning,
    options: &[],
    summary: "A source entry has no URL, DOI or ISBN.",
    doc: "\
Why: a fact-check's reader must be able to find the source. A title alone
(\"Reuters report\") cannot be verified and often hides a misremembered source.
Notes are not sources: a footnote or a sources-list entry that explains in
sentences of its own (\"We used the household calculator …\", even with a
quoted term in it), a `**Note 3:**` paragraph or a `[3] …` note paragraph is
never asked for a URL; nor is an entry of a reading list (see CIT002).

Example:
    2. Pentagon statement, October 2025.

Fix: add the URL (or a DOI/ISBN) where the source can be read.
",
};

pub static DUPLICATE_URL: Rule = Rule {
    code: "SRC007",
    name: "duplicate-url",
    default_severity: Severity::Warning,
    options: &[options::TRACKING],
    summary: "Two different source ids point at the same URL.",
    doc: "\
Why: the same document listed twice inflates the apparent support for a claim
and makes the list harder to maintain. URLs are compared after normalising
scheme, host case, a leading `www.`, a trailing slash, and tracking
parameters (`utm_*`, `fbclid`, `gclid`, …; see rules/sources.toml). Two
different fragments point at different places (`report.pdf#page=4` and
`#page=12`, `#methods` and `#appendix`) and are not duplicates; a URL with no
fragment, or a text fragment (`#:~:text=…`), matches any fragment.

Example:
    2. NATO. https://example.org/kfor?utm_source=x
    7. NATO placemat. https://www.example.org/kfor/

Fix: cite the first id instead of the second and remove the duplicate entry.
",
};

pub static INVALID_URL: Rule = Rule {
    code: "SRC008",
    name: "invalid-url",
    default_severity: Severity::Error,
    options: &[],
    summary: "A source URL is not a valid absolute http(s) URL.",
    doc: "\
Why: a URL without a scheme, without a real host, or with an unbalanced
bracket (Markdown leaking into the link) does not open, so the source cannot
be checked.

Example:
    3. Report. www.example.org/report
    4. Report. https://example.org/a_(b

Fix: write the full URL, starting with https://, and balance its brackets.
",
};

pub static SOURCE_AFTER_DRAFT_DATE: Rule = Rule {
    code: "SRC009",
    name: "source-after-draft-date",
    default_severity: Severity::Warning,
    options: &[],
    summary: "A source is dated after the draft's own date.",
    doc: "\
Why: a draft cannot rest on a source that did not exist when it was written.
A source dated after the draft's date (its front matter `date`, or a dateline
such as \"Checked on April 10, 2025\") is a wrong date, a source added later
without re-checking the draft, or the wrong document.

Example:
    ---
    date: 2025-04-10
    ---
    …
    3. Roads department, paint works report, 2025-06-15. https://example.org/paint

Fix: correct the source's date or the draft's, or re-check the claims that
cite it against the draft's date.
",
};

pub fn check(doc: &Document, data: &SourcesData, out: &mut Vec<Diagnostic>) {
    let parsed = parse_urls(doc);
    empty_source_entry(doc, out);
    source_missing_url(doc, out);
    duplicate_url(doc, data, &parsed, out);
    invalid_url(doc, &parsed, out);
    source_after_draft_date(doc, out);
}

/// `urls::validate` of each URL that SRC007 and SRC008 look at (not in an
/// empty entry, not an in-page anchor), by source and URL index: parsed
/// once for both rules.
type Parsed = Vec<Vec<Option<Result<url::Url, String>>>>;

fn parse_urls(doc: &Document) -> Parsed {
    doc.sources
        .iter()
        .map(|s| {
            s.urls
                .iter()
                .map(|u| (!is_empty(s) && !in_page(u)).then(|| urls::validate(&u.text)))
                .collect()
        })
        .collect()
}

/// The URLs of `doc`'s non-empty sources that are not in-page anchors,
/// with their source and validation.
fn checked_urls<'d>(
    doc: &'d Document,
    parsed: &'d Parsed,
) -> impl Iterator<Item = (&'d SourceEntry, &'d UrlRef, &'d Result<url::Url, String>)> {
    doc.sources.iter().zip(parsed).flat_map(|(s, p)| {
        s.urls
            .iter()
            .zip(p)
            .filter_map(move |(u, r)| r.as_ref().map(|r| (s, u, r)))
    })
}

fn is_empty(s: &SourceEntry) -> bool {
    s.content.is_empty() && s.urls.is_empty()
}

/// `#ref-3`: a link to an anchor in the same page, which is a valid target.
fn in_page(u: &UrlRef) -> bool {
    u.text.starts_with('#')
}

/// SRC001: an entry with an id and nothing else.
fn empty_source_entry(doc: &Document, out: &mut Vec<Diagnostic>) {
    for s in doc.sources.iter().filter(|s| is_empty(s)) {
        out.push(
            Diagnostic::new(
                &EMPTY_SOURCE_ENTRY,
                &s.file,
                s.span.clone(),
                format!("source {} has no content", s.id),
            )
            .label("empty entry")
            .help(format!(
                "fill in source {} (title, publisher, date, URL) or remove it and its markers",
                s.id
            )),
        );
    }
}

/// SRC002: an entry with text but no URL, DOI or ISBN (a note that explains
/// rather than cites needs none).
fn source_missing_url(doc: &Document, out: &mut Vec<Diagnostic>) {
    for s in doc.sources.iter().filter(|s| !is_empty(s) && !s.has_locator && !s.note) {
        out.push(
            Diagnostic::new(
                &SOURCE_MISSING_URL,
                &s.file,
                s.span.clone(),
                format!("source {} has no URL, DOI or ISBN", s.id),
            )
            .label("no link to the source")
            .help("add the URL where readers can find this source"),
        );
    }
}

/// SRC008: a URL that is not an absolute http(s) URL (in-page anchors are fine).
fn invalid_url(doc: &Document, parsed: &Parsed, out: &mut Vec<Diagnostic>) {
    for (s, u, r) in checked_urls(doc, parsed) {
        if let Err(reason) = r {
            out.push(
                Diagnostic::new(
                    &INVALID_URL,
                    &s.file,
                    u.span.clone(),
                    format!("invalid URL in source {}", s.id),
                )
                .label(reason.clone())
                .help("write an absolute URL such as https://example.org/page"),
            );
        }
    }
}

/// SRC007: two ids whose URLs are the same document (the same place in it,
/// when both name a fragment).
fn duplicate_url(doc: &Document, data: &SourcesData, parsed: &Parsed, out: &mut Vec<Diagnostic>) {
    let mut seen: urls::SeenUrls<&SourceEntry> = urls::SeenUrls::default();
    for (s, u, r) in checked_urls(doc, parsed) {
        let Ok(parsed) = r else { continue };
        match seen.earlier(parsed, data, s) {
            None => {}
            Some(first) if first.id != s.id => {
                let d = Diagnostic::new(
                    &DUPLICATE_URL,
                    &s.file,
                    u.span.clone(),
                    format!("source {} has the same URL as source {}", s.id, first.id),
                )
                .label(format!("same document as {}", first.id))
                .help(format!("cite {} instead of {} and remove {}", first.id, s.id, s.id))
                .also(&first.file, first.span.clone(), format!("{} first lists it", first.id));
                out.push(d);
            }
            Some(_) => {}
        }
    }
}

/// SRC009: a source whose earliest date is later than the draft's date.
fn source_after_draft_date(doc: &Document, out: &mut Vec<Diagnostic>) {
    // The document's date: its dateline, front matter `date`, or a dated
    // line at the top (see `document::dates`).
    let Some(draft) = doc.date else { return };
    for s in &doc.sources {
        let Some(date) = dates::earliest(&s.content) else {
            continue;
        };
        if dates::after(date, draft) {
            out.push(
                Diagnostic::new(
                    &SOURCE_AFTER_DRAFT_DATE,
                    &s.file,
                    s.span.clone(),
                    format!("source {} is dated {date}, after the draft's date {draft}", s.id),
                )
                .label("dated after the draft")
                .help("correct the source's date or the draft's, or re-check the claims that cite it"),
            );
        }
    }
}
