//! Source entry quality: SRC rules.

use std::collections::HashMap;

use crate::data::SourcesData;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::urls;
use crate::document::{Document, SourceEntry};
use crate::rules::Rule;

pub static EMPTY_SOURCE_ENTRY: Rule = Rule {
    code: "SRC001",
    name: "empty-source-entry",
    default_severity: Severity::Error,
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
    summary: "A source entry has no URL, DOI or ISBN.",
    doc: "\
Why: a fact-check's reader must be able to find the source. A title alone
(\"Reuters report\") cannot be verified and often hides a misremembered source.

Example:
    2. Pentagon statement, October 2025.

Fix: add the URL (or a DOI/ISBN) where the source can be read.
",
};

pub static DUPLICATE_URL: Rule = Rule {
    code: "SRC007",
    name: "duplicate-url",
    default_severity: Severity::Warning,
    summary: "Two different source ids point at the same URL.",
    doc: "\
Why: the same document listed twice inflates the apparent support for a claim
and makes the list harder to maintain. URLs are compared after normalising
scheme, host case, a leading `www.`, a trailing slash, the fragment, and
tracking parameters (`utm_*`, `fbclid`, `gclid`, …; see rules/sources.toml).

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

pub fn check(doc: &Document, data: &SourcesData, out: &mut Vec<Diagnostic>) {
    let mut by_url: HashMap<String, &SourceEntry> = HashMap::new();
    for s in &doc.sources {
        if s.content.is_empty() && s.urls.is_empty() {
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
            continue;
        }
        if !s.has_locator {
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
        for u in &s.urls {
            let parsed = match urls::validate(&u.text) {
                Ok(p) => p,
                Err(reason) => {
                    out.push(
                        Diagnostic::new(
                            &INVALID_URL,
                            &s.file,
                            u.span.clone(),
                            format!("invalid URL in source {}", s.id),
                        )
                        .label(reason)
                        .help("write an absolute URL such as https://example.org/page"),
                    );
                    continue;
                }
            };
            let key = urls::key(&parsed, data);
            match by_url.get(&key) {
                None => {
                    by_url.insert(key, s);
                }
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
}
