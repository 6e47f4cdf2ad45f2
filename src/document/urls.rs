//! URLs: finding them in prose (never markers: `…/page[1]`), extracting them
//! from source entries, validating them (SRC008) and normalising them for
//! duplicate detection (SRC007).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::RangeSet;
use crate::data::SourcesData;
use crate::pattern::{is_word, CharClass};

/// A URL-like token in a source entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlRef {
    pub text: String,
    pub span: Range<usize>,
}

static URL_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b[a-z][a-z0-9+.\-]{1,15}://[^\s<>`]+|\bwww\.[^\s<>`]+").expect("URL regex"));

static LOCATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:doi:\s*)?10\.\d{4,9}/\S+|\bISBN(?:-1[03])?:?\s*[0-9][0-9\- ]{8,16}[0-9Xx]\b")
        .expect("locator regex")
});

/// Trims trailing punctuation and unbalanced closing brackets from a token.
fn trim_token(mut s: &str) -> &str {
    loop {
        let before = s.len();
        s = s.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"', '*', '_', '”', '’']);
        for (open, close) in [('(', ')'), ('[', ']'), ('<', '>')] {
            if s.ends_with(close) && s.matches(open).count() < s.matches(close).count() {
                s = &s[..s.len() - 1];
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Where a bare URL that continues at `from` ends: at white space, `<`,
/// `>`, a backquote or a double quote, or at a `)` that closes a parenthesis
/// opened before the URL (a Markdown link's destination: what follows it,
/// `).[^2]`, is text).
fn url_end(bytes: &[u8], from: usize) -> usize {
    let mut depth = 0usize;
    let mut e = from;
    while e < bytes.len() && !bytes[e].is_ascii_whitespace() && !matches!(bytes[e], b'<' | b'>' | b'`' | b'"') {
        match bytes[e] {
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            _ => {}
        }
        e += 1;
    }
    e
}

/// Adds the byte ranges of URLs in `text[start..]` to `out`. Uses memchr to
/// find `://` and `www.` so prose without URLs costs almost nothing.
pub fn bare_url_ranges(text: &str, start: usize, out: &mut RangeSet) {
    let bytes = text.as_bytes();
    let finder = memchr::memmem::Finder::new("://");
    for hit in finder.find_iter(&bytes[start..]) {
        let at = start + hit;
        let mut s = at;
        while s > start && (bytes[s - 1].is_ascii_alphanumeric() || matches!(bytes[s - 1], b'+' | b'.' | b'-')) {
            s -= 1;
        }
        if s == at {
            continue;
        }
        let e = url_end(bytes, at + 3);
        let token = trim_token(&text[s..e]);
        out.push(s..s + token.len());
    }
    for hit in memchr::memmem::find_iter(&bytes[start..], "www.") {
        let s = start + hit;
        if s > 0 && (bytes[s - 1].is_ascii_alphanumeric() || bytes[s - 1] == b'/' || bytes[s - 1] == b'.') {
            continue;
        }
        let e = url_end(bytes, s);
        let token = trim_token(&text[s..e]);
        out.push(s..s + token.len());
    }
}

/// URL tokens inside `text[range]`, with spans into `text`.
pub fn find_urls(text: &str, range: Range<usize>) -> Vec<UrlRef> {
    let hay = &text[range.clone()];
    let stand_ins = ascii_stand_ins(hay);
    URL_TOKEN
        .find_iter(stand_ins.as_deref().unwrap_or(hay))
        .map(|m| {
            // `[… https://a.org/x](https://a.org/x)`: link text ends at `](`.
            let raw = hay[m.range()].split("](").next().unwrap_or("");
            let token = trim_token(raw);
            let s = range.start + m.start();
            UrlRef {
                text: token.to_string(),
                span: s..s + token.len(),
            }
        })
        .filter(|u| !u.text.is_empty())
        .collect()
}

/// Characters `URL_TOKEN` treats apart beyond ASCII: those its scheme
/// class matches (case-insensitively: `ſ`, the Kelvin sign), spaces; and
/// word characters (for its `\b`).
static SCHEME_OR_SPACE: LazyLock<CharClass> = LazyLock::new(|| CharClass::new(r"(?i)[a-z0-9+.\-\s<>`]"));

/// `text` with each non-ASCII character replaced by as many ASCII bytes as
/// it has: `_` for a word character, `#` for any other. Both, like the
/// characters they stand for, are matched by `URL_TOKEN`'s `[^\s<>`]` and
/// by nothing else in it, and sit on the same side of its `\b`; so its
/// matches have the same byte ranges, while an ASCII text is searched by
/// the fast engine (a Unicode `\b` sends any other to the slow one).
/// `None` when `text` is ASCII or holds a character the pattern could
/// match otherwise (a space, `ſ`).
fn ascii_stand_ins(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let len = c.len_utf8();
        if SCHEME_OR_SPACE.contains(c) {
            return None;
        }
        let stand_in = if is_word(c) { '_' } else { '#' };
        out.extend(std::iter::repeat_n(stand_in, len));
    }
    Some(out)
}

#[cfg(test)]
mod stand_in_tests {
    use super::*;

    #[test]
    fn urls_next_to_non_ascii_text_are_found_as_before() {
        let text = "«Carte» — https://exämple.org/ré/x”, voir www.café.fr/a’ et Ångström https://a.org/b.";
        let got: Vec<(String, Range<usize>)> = find_urls(text, 0..text.len())
            .into_iter()
            .map(|u| (u.text, u.span))
            .collect();
        let slow: Vec<(String, Range<usize>)> = URL_TOKEN
            .find_iter(text)
            .map(|m| {
                (
                    trim_token(m.as_str()).to_string(),
                    m.start()..m.start() + trim_token(m.as_str()).len(),
                )
            })
            .collect();
        assert_eq!(got, slow);
        assert_eq!(got[0].0, "https://exämple.org/ré/x");
        assert_eq!(ascii_stand_ins("é — x").as_deref(), Some("__ ### x"));
        assert_eq!(ascii_stand_ins("ſtp://x"), None);
        assert_eq!(ascii_stand_ins("a\u{a0}b"), None);
    }
}

#[cfg(test)]
mod link_text_tests {
    #[test]
    fn a_url_in_link_text_stops_at_the_destination() {
        let text = "[Paper, https://doi.org/10.1/x](https://doi.org/10.1/x)";
        let got: Vec<String> = super::find_urls(text, 0..text.len())
            .into_iter()
            .map(|u| u.text)
            .collect();
        assert_eq!(got, ["https://doi.org/10.1/x"]);
    }
}

/// Whether `text` holds a DOI or ISBN (a locator as good as a URL).
pub fn has_locator(text: &str) -> bool {
    LOCATOR.is_match(text)
}

/// Parses a source URL, or says why it is not a valid absolute http(s) URL.
pub fn validate(u: &str) -> Result<url::Url, String> {
    if u.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www.")) {
        return Err(format!("`{u}` is not an absolute URL (no scheme)"));
    }
    for (open, close) in [('(', ')'), ('[', ']')] {
        if u.matches(open).count() != u.matches(close).count() {
            return Err(format!(
                "`{u}` has an unbalanced `{open}`/`{close}` (Markdown leaking into the URL?)"
            ));
        }
    }
    let parsed = url::Url::parse(u).map_err(|e| format!("`{u}` does not parse as a URL: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!(
            "`{u}` uses the `{}` scheme; sources need http(s) URLs",
            parsed.scheme()
        ));
    }
    match parsed.host() {
        None => Err(format!("`{u}` has no host")),
        Some(url::Host::Domain(d)) if !d.contains('.') && d != "localhost" => {
            Err(format!("`{u}` has the host `{d}`, which is not a domain name"))
        }
        _ => Ok(parsed),
    }
}

/// Why a URL is invalid, if it is.
pub fn invalid_reason(u: &str) -> Option<String> {
    validate(u).err()
}

/// A comparison key for SRC007: scheme-, `www.`-, case-, fragment-, trailing
/// slash- and tracking-parameter-insensitive (SRC007 compares fragments
/// separately, see `place`).
pub fn key(parsed: &url::Url, data: &SourcesData) -> String {
    let host = parsed.host_str().unwrap_or("");
    let mut key = host.strip_prefix("www.").unwrap_or(host).to_string();
    if let Some(port) = parsed.port() {
        key.push(':');
        key.push_str(&port.to_string());
    }
    key.push_str(parsed.path().trim_end_matches('/'));
    let mut first = true;
    for (k, v) in parsed.query_pairs().filter(|(k, _)| !data.is_tracking_param(k)) {
        key.push(if first { '?' } else { '&' });
        first = false;
        key.push_str(&k);
        key.push('=');
        key.push_str(&v);
    }
    key
}

/// The place within the document a URL points at: its fragment, unless it
/// is empty or a text fragment (`#:~:text=…`, which highlights a passage
/// of the same page).
pub fn place(parsed: &url::Url) -> Option<String> {
    parsed
        .fragment()
        .filter(|f| !f.is_empty() && !f.starts_with(":~:"))
        .map(str::to_string)
}

/// URLs seen so far, matched as SRC007 matches them: the same `key`, and the
/// same `place` when both name one.
#[derive(Debug)]
pub struct SeenUrls<T> {
    by_key: std::collections::HashMap<String, Vec<(Option<String>, T)>>,
}

impl<T> Default for SeenUrls<T> {
    fn default() -> Self {
        SeenUrls {
            by_key: std::collections::HashMap::new(),
        }
    }
}

impl<T: Copy> SeenUrls<T> {
    /// The value recorded for an earlier URL naming the same place as
    /// `parsed`; when there is none, `parsed` is recorded with `value`.
    pub fn earlier(&mut self, parsed: &url::Url, data: &SourcesData, value: T) -> Option<T> {
        let fragment = place(parsed);
        let seen = self.by_key.entry(key(parsed, data)).or_default();
        let found = seen
            .iter()
            .find(|(f, _)| f.is_none() || fragment.is_none() || *f == fragment)
            .map(|&(_, v)| v);
        if found.is_none() {
            seen.push((fragment, value));
        }
        found
    }
}

/// `key` of a URL string, `None` when it does not parse.
pub fn normalise(u: &str, data: &SourcesData) -> Option<String> {
    url::Url::parse(u)
        .ok()
        .filter(|p| p.host_str().is_some())
        .map(|p| key(&p, data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::SOURCES;

    #[test]
    fn finds_and_trims_urls() {
        let text = "1. [NATO](https://example.org/kfor). See https://example.org/a_(b), and www.example.com/x.";
        let urls: Vec<_> = find_urls(text, 0..text.len()).into_iter().map(|u| u.text).collect();
        assert_eq!(
            urls,
            vec![
                "https://example.org/kfor",
                "https://example.org/a_(b)",
                "www.example.com/x"
            ]
        );
    }

    #[test]
    fn bare_urls_hide_brackets() {
        let text = "see https://example.org/page[1] now [2]";
        let mut r = RangeSet::default();
        bare_url_ranges(text, 0, &mut r);
        r.normalise();
        assert!(r.contains(text.find("[1]").unwrap()));
        assert!(!r.contains(text.find("[2]").unwrap()));
    }

    #[test]
    fn a_link_destination_ends_at_its_closing_parenthesis() {
        let text = "by [UCL](https://example.org/doi/10.1/2).[^2] and [w](https://example.org/a_(b))[3] x";
        let mut r = RangeSet::default();
        bare_url_ranges(text, 0, &mut r);
        r.normalise();
        assert!(!r.contains(text.find("[^2]").unwrap()));
        assert!(r.contains(text.find("(b)").unwrap()));
        assert!(!r.contains(text.find("[3]").unwrap()));
    }

    #[test]
    fn invalid_urls() {
        assert!(invalid_reason("https://example.org/x").is_none());
        assert!(invalid_reason("www.example.org").is_some());
        assert!(invalid_reason("https://example.org/a_(b").is_some());
        assert!(invalid_reason("ftp://example.org/f").is_some());
        assert!(invalid_reason("https://exa").is_some());
        assert!(invalid_reason("https://").is_some());
    }

    #[test]
    fn normalisation_for_duplicates() {
        let a = normalise("HTTPS://WWW.Example.org/report/?utm_source=x&id=3#top", &SOURCES);
        let b = normalise("http://example.org/report?id=3", &SOURCES);
        assert_eq!(a, b);
        assert_ne!(a, normalise("https://example.org/report?id=4", &SOURCES));
    }

    #[test]
    fn fragments_name_places() {
        let mut seen = SeenUrls::default();
        let mut at = |u: &str, n: u32| seen.earlier(&url::Url::parse(u).unwrap(), &SOURCES, n);
        assert_eq!(at("https://example.org/r.pdf#page=4", 1), None);
        assert_eq!(at("https://example.org/r.pdf#page=12", 2), None);
        assert_eq!(at("https://example.org/r.pdf#page=12", 3), Some(2));
        assert_eq!(at("https://example.org/r.pdf", 4), Some(1));
        assert_eq!(at("https://example.org/x#:~:text=flood", 5), None);
        assert_eq!(at("https://example.org/x#top", 6), Some(5));
    }

    #[test]
    fn locators() {
        assert!(has_locator("Smith, J. (2020). doi:10.1000/xyz123"));
        assert!(has_locator("ISBN 978-3-16-148410-0"));
        assert!(!has_locator("NATO press release, 2025"));
    }
}
