//! Rule data compiled in from `rules/*.toml`.
//!
//! The defaults are parsed once, on first use (so a run that never needs a
//! table never pays for it). Users override individual keys in citelint.toml;
//! see `config.rs`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

pub const MARKERS_TOML: &str = include_str!("../rules/markers.toml");
pub const SOURCES_TOML: &str = include_str!("../rules/sources.toml");
pub const SEGMENT_TOML: &str = include_str!("../rules/segment.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct MarkerData {
    pub year_min: u32,
    pub year_max: u32,
    pub max_id: u32,
    pub confusables: BTreeMap<String, String>,
    pub editorial: Vec<String>,
    #[serde(default)]
    pub examples: Vec<MarkerExample>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct MarkerExample {
    pub text: String,
    pub markers: Vec<String>,
    #[serde(default)]
    pub malformed: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SourcesData {
    /// Stored normalised (`normalise_words`); set through `set_headings`.
    #[serde(deserialize_with = "normalised_list")]
    pub headings: Vec<String>,
    #[serde(deserialize_with = "normalised_list")]
    pub not_sources: Vec<String>,
    pub tracking_params: Vec<String>,
    /// Words that make a footnote prose, i.e. a note (see `document::notes`).
    pub note_words: Vec<String>,
    /// A footnote shorter than this is never a note.
    pub note_min_words: usize,
    /// Kinds of documents ("report", "survey"): a footnote that names one
    /// reads as a reference (see `document::notes`).
    #[serde(default)]
    pub reference_words: Vec<String>,
    #[serde(default)]
    pub examples: Vec<SourcesExample>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SourcesExample {
    pub line: String,
    pub sources_heading: bool,
}

pub static MARKERS: LazyLock<MarkerData> =
    LazyLock::new(|| toml::from_str(MARKERS_TOML).expect("rules/markers.toml is valid"));

pub static SOURCES: LazyLock<SourcesData> =
    LazyLock::new(|| toml::from_str(SOURCES_TOML).expect("rules/sources.toml is valid"));

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SegmentData {
    pub never_final: Vec<String>,
    pub may_be_final: Vec<String>,
    pub sentence_starters: Vec<String>,
    pub zones: ZoneData,
    #[serde(default)]
    pub examples: Vec<SegmentExample>,
}

/// Regular expressions per exempt zone (see `rules/segment.toml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ZoneData {
    pub title: Vec<String>,
    pub boilerplate: Vec<String>,
    pub dateline: Vec<String>,
    pub trailer: Vec<String>,
    pub offer: Vec<String>,
    pub meta: Vec<String>,
    /// Headings that open a section about the writers ("Author bio"): the
    /// sentences under one, to the next heading, are exempt.
    #[serde(default)]
    pub bio: Vec<String>,
    /// Sentences that set up a hypothetical worked example ("Consider a single
    /// parent …", "Suppose …"): it and the rest of its paragraph are exempt.
    #[serde(default)]
    pub example: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SegmentExample {
    pub text: String,
    pub sentences: Vec<String>,
    #[serde(default)]
    pub exempt: Vec<String>,
}

pub static SEGMENT: LazyLock<SegmentData> =
    LazyLock::new(|| toml::from_str(SEGMENT_TOML).expect("rules/segment.toml is valid"));

impl MarkerData {
    /// The digit a confusable letter stands for, if any.
    pub fn confusable(&self, c: char) -> Option<char> {
        let mut buf = [0u8; 4];
        self.confusables
            .get(c.encode_utf8(&mut buf) as &str)
            .and_then(|s| s.chars().next())
    }
}

/// Lower case with single spaces: the form heading vocabularies are stored
/// and compared in.
pub fn normalise_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            out.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            out.extend(w.chars().flat_map(char::to_lowercase));
        }
    }
    out
}

/// Whether `normalise_words(text) == normalised`, without building the
/// normalised string (it runs on every short line of a draft).
fn equals_normalised(text: &str, normalised: &str) -> bool {
    let mut want = normalised.chars();
    for (i, w) in text.split_whitespace().enumerate() {
        if i > 0 && want.next() != Some(' ') {
            return false;
        }
        for c in w.chars().flat_map(char::to_lowercase) {
            if want.next() != Some(c) {
                return false;
            }
        }
    }
    want.next().is_none()
}

/// `\b` as an ASCII word boundary. A Unicode `\b` makes the regex engine's
/// fast DFA give up on every non-ASCII character (curly quotes, dashes: most
/// drafts have them), falling back to much slower engines; the rule data's
/// patterns only ever border ASCII words. Used for every pattern in the rule
/// data files (designators, segment zones, claim patterns).
pub fn ascii_word_boundaries(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 16);
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str("(?-u:\\b)"),
            Some(n) => {
                out.push('\\');
                out.push(n);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn normalised_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let list = Vec::<String>::deserialize(d)?;
    Ok(list.iter().map(|s| normalise_words(s)).collect())
}

impl SourcesData {
    /// Replaces the heading vocabularies (from user configuration).
    pub fn set_headings(&mut self, headings: Option<Vec<String>>, not_sources: Option<Vec<String>>) {
        if let Some(h) = headings {
            self.headings = h.iter().map(|s| normalise_words(s)).collect();
        }
        if let Some(n) = not_sources {
            self.not_sources = n.iter().map(|s| normalise_words(s)).collect();
        }
    }

    pub fn is_sources_heading(&self, text: &str) -> bool {
        Self::in_vocabulary(&self.headings, text)
    }

    pub fn is_not_sources_heading(&self, text: &str) -> bool {
        Self::in_vocabulary(&self.not_sources, text)
    }

    fn in_vocabulary(vocab: &[String], text: &str) -> bool {
        // Most candidate lines are far longer than any heading: reject them
        // before normalising (generously, since runs of spaces collapse).
        let longest = vocab.iter().map(String::len).max().unwrap_or(0);
        let t = text.trim();
        if t.is_empty() || t.len() > 2 * longest + 8 {
            return false;
        }
        vocab.iter().any(|v| equals_normalised(t, v))
    }

    pub fn is_tracking_param(&self, name: &str) -> bool {
        let name = name.to_ascii_lowercase();
        self.tracking_params.iter().any(|p| match p.strip_suffix('*') {
            Some(prefix) => name.starts_with(prefix),
            None => name == *p,
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn equals_normalised_agrees_with_normalise_words() {
        for (text, entry) in [
            ("  Sources ", "sources"),
            ("Notes  and\tReferences", "notes and references"),
            ("SOURCES CITED", "sources cited"),
            ("Sources cited", "sources"),
            ("Source", "sources"),
            ("ÉTUDES", "études"),
            ("", ""),
            ("a b", "a  b"),
        ] {
            assert_eq!(
                super::equals_normalised(text, entry),
                super::normalise_words(text) == entry,
                "{text:?} {entry:?}"
            );
        }
    }

    use super::*;

    #[test]
    fn compiled_in_data_parses() {
        assert!(MARKERS.year_min < MARKERS.year_max);
        assert_eq!(MARKERS.confusable('O'), Some('0'));
        assert!(SOURCES.is_sources_heading("Works  Cited"));
        assert!(SOURCES.is_not_sources_heading("See Also"));
        assert!(SOURCES.is_tracking_param("utm_source"));
        assert!(!SOURCES.is_tracking_param("id"));
        assert_eq!(normalise_words("  Works \t Cited "), "works cited");
        assert_eq!(normalise_words("RÉFÉRENCES"), "références");
    }
}
