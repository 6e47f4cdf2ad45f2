//! What the comparison knows of a whole document (`DocContext`): its title's
//! topic words and numbers, the names of its lead, a series title, its date,
//! and hashes of every capitalised word it writes.

use std::collections::HashSet;
use std::sync::Arc;

use super::grammar::GRAMMAR;
use super::sym::Sym;
use super::{name_hash, DocContext};
use crate::document::{Document, Unit};

/// The text with link destinations and bare URLs removed: a title's topic
/// is its words, not the address it links to.
pub(super) fn without_urls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("](").or_else(|| rest.find("http")) {
        let is_link = rest[i..].starts_with("](");
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = if is_link {
            tail.find(')').map_or(tail.len(), |e| e + 1)
        } else if tail.starts_with("http://") || tail.starts_with("https://") {
            tail.find(char::is_whitespace).unwrap_or(tail.len())
        } else {
            out.push_str("http");
            rest = &tail[4..];
            continue;
        };
        out.push(' ');
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The runs of a text between characters that are not alphanumeric, `.`,
/// `-` or `'` (what `str::split` with that test gives, empty runs included),
/// with ASCII tested byte by byte.
struct WordRuns<'t> {
    text: &'t str,
    /// Start of the next run; past the end when done.
    pos: usize,
}

/// `run` without the characters that are not alphanumeric at its ends; a
/// run that starts and ends with an ASCII letter or digit is returned as
/// it is without decoding it.
fn trim_to_word(run: &str) -> &str {
    let b = run.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphanumeric) && b.last().is_some_and(u8::is_ascii_alphanumeric) {
        return run;
    }
    run.trim_matches(|c: char| !c.is_alphanumeric())
}

/// `w` without its trailing `'s` suffixes (`str::trim_end_matches("'s")`
/// without building a substring searcher per word).
fn trim_possessives(mut w: &str) -> &str {
    while let Some(rest) = w.strip_suffix("'s") {
        w = rest;
    }
    w
}

/// The ASCII characters a word run holds: letters, digits, `.`, `-`, `'`.
static IN_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'\'';
        c += 1;
    }
    t
};

impl<'t> Iterator for WordRuns<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let b = self.text.as_bytes();
        let start = self.pos;
        if start > b.len() {
            return None;
        }
        let mut i = start;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii() {
                if IN_WORD[usize::from(c)] {
                    i += 1;
                    continue;
                }
                self.pos = i + 1;
                return Some(&self.text[start..i]);
            }
            let ch = self.text[i..].chars().next().unwrap_or(' ');
            if !ch.is_alphanumeric() {
                self.pos = i + ch.len_utf8();
                return Some(&self.text[start..i]);
            }
            i += ch.len_utf8();
        }
        self.pos = b.len() + 1;
        Some(&self.text[start..])
    }
}

/// Non-empty word runs trimmed to their letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    WordRuns { text, pos: 0 }.map(trim_to_word).filter(|w| !w.is_empty())
}

/// The title's content-word stems and the hashes of every capitalised word
/// of the document (sources list included: it names the places and bodies a
/// draft relies on).
pub(super) fn doc_context(doc: &Document) -> DocContext {
    let text = doc.file.text.as_str();
    let (spans, series) = story_spans(doc, text);
    let lead = lead_names(doc, text);
    let TitleWords {
        mut topic,
        mut title_numbers,
        words: mut title_words,
    } = title_words(text, spans);
    topic.sort();
    topic.dedup();
    // The lead's names tell the story only beside a title.
    let g = &*GRAMMAR;
    let mut lead_stems: Vec<Arc<str>> = Vec::new();
    if !topic.is_empty() {
        for w in &lead {
            let stem = g.stem_shared(w);
            title_words.push((w.clone(), stem.clone()));
            lead_stems.push(stem);
        }
    }
    lead_stems.sort();
    lead_stems.dedup();
    title_numbers.sort();
    title_numbers.dedup();
    let (mut all, in_body) = capitalised_words(&doc.file.text, &title_words);
    let mut topic_names: Vec<Arc<str>> = title_words
        .iter()
        .filter(|(w, _)| !in_body.contains(w.as_str()))
        .map(|(_, s)| s.clone())
        .collect();
    topic_names.sort();
    topic_names.dedup();
    all.sort_unstable();
    let (names, once) = names_and_once(&all);
    DocContext {
        topic: interned(&topic),
        lead: interned(&lead_stems),
        names,
        once,
        year: doc.date.map(|d| d.year),
        day: doc
            .date
            .filter(|d| d.month > 0)
            .map(|d| u32::from(d.year) * 366 + (u32::from(d.month) - 1) * 61 / 2 + u32::from(d.day.max(1))),
        topic_names: interned(&topic_names),
        series,
        title_numbers: interned(&title_numbers),
        within_draft: false,
    }
}

/// Sorted words as interned ids (in the same order: `Sym` orders by its
/// string).
fn interned(words: &[Arc<str>]) -> Box<[Sym]> {
    words.iter().map(|w| Sym::new(w)).collect()
}

/// What the draft is about: the spans of its title, front-matter title and
/// a news dateline's place ("GREYHAVEN, 2 September 2025"), and the title's
/// "Series: subtitle" split. Section headings ("Household impacts") say
/// nothing of the story: a draft without a title has no topic, and is
/// compared with no other draft.
#[allow(clippy::type_complexity)]
fn story_spans(doc: &Document, text: &str) -> (Vec<std::ops::Range<usize>>, Option<(Box<str>, Box<str>)>) {
    let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
    // An emphasised opening sentence ("_We're grateful to … for this
    // report._") is a note, not a title.
    let titled = |s: &&crate::document::Sentence| {
        !text[s.span.clone()]
            .trim_end_matches(|c: char| c == '_' || c == '*' || c.is_whitespace())
            .ends_with('.')
    };
    spans.extend(
        doc.title
            .and_then(|i| doc.sentences.get(i))
            .filter(titled)
            .map(|s| s.span.clone()),
    );
    let series = spans.first().and_then(|s| {
        let t = text[s.clone()].trim_start_matches(['#', ' ']).to_lowercase();
        let (a, b) = t.split_once(':')?;
        Some((Box::from(a.trim()), Box::from(b.trim())))
    });
    if let Some(fm) = doc
        .blocks
        .iter()
        .find(|b| b.kind == crate::document::BlockKind::FrontMatter)
    {
        let block = &text[fm.span.clone()];
        if let Some(line) = block.lines().find(|l| l.trim_start().starts_with("title")) {
            let start = fm.span.start + (line.as_ptr() as usize - block.as_ptr() as usize);
            spans.push(start..start + line.len());
        }
    }
    for s in doc.sentences.iter().take(4) {
        let t = &text[s.span.clone()];
        if let Some((place, _)) = t.split_once(',') {
            if place.len() > 2
                && place.len() < 30
                && !place.chars().any(char::is_lowercase)
                && place.chars().any(char::is_alphabetic)
            {
                spans.push(s.span.start..s.span.start + place.len());
            }
        }
    }
    (spans, series)
}

/// The words of the story spans: content-word stems, tokens with a digit,
/// and each content word in lower case with its stem.
struct TitleWords {
    topic: Vec<Arc<str>>,
    title_numbers: Vec<Arc<str>>,
    /// Raw lower-case title words with their stems, to tell names apart.
    words: Vec<(String, Arc<str>)>,
}

fn title_words(text: &str, spans: Vec<std::ops::Range<usize>>) -> TitleWords {
    let g = &*GRAMMAR;
    let mut out = TitleWords {
        topic: Vec::new(),
        title_numbers: Vec::new(),
        words: Vec::new(),
    };
    for span in spans {
        for w in words(&without_urls(&text[span])) {
            if w.chars().any(|c| c.is_ascii_digit()) {
                out.title_numbers.push(Arc::from(w.to_lowercase()));
            }
            let lw = w.to_lowercase();
            if !g.stop.contains(&lw)
                && !g.section_words.contains(&lw)
                && lw != "title"
                && lw
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.')
            {
                let stem: Arc<str> = g.stem_shared(&lw);
                out.words.push((lw.trim_end_matches("'s").to_string(), stem.clone()));
                out.topic.push(stem);
            }
        }
    }
    out
}

/// Hashes of the capitalised words of `text` (lower case, unsorted), and
/// the title words the body also writes in lower case (common words).
fn capitalised_words(text: &str, title_words: &[(String, Arc<str>)]) -> (Vec<u64>, HashSet<String>) {
    let title_set: HashSet<&str> = title_words.iter().map(|(w, _)| w.as_str()).collect();
    // Byte lengths and last bytes of the title words: most body words are
    // ruled out by these before any hashing.
    let (title_lens, title_last) = title_set.iter().fold((0u64, [0u64; 4]), |(lens, mut last), w| {
        if let Some(&b) = w.as_bytes().last() {
            last[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        (lens | 1 << w.len().min(63), last)
    });
    let maybe_title_word = |w: &str| {
        w.as_bytes().last().is_some_and(|&b| {
            title_lens & (1 << w.len().min(63)) != 0 && title_last[usize::from(b >> 6)] & (1 << (b & 63)) != 0
        })
    };
    let mut in_body: HashSet<String> = HashSet::new();
    // A run that starts with a lower-case ASCII letter or a digit keeps it
    // when trimmed: not capitalised, and most runs are such. Capitalised
    // words are lower-cased in one reused buffer when ASCII.
    let mut lower = String::new();
    let all: Vec<u64> = WordRuns { text, pos: 0 }
        .filter(|run| {
            let lower_start = run.as_bytes().first().is_some_and(|b| b.is_ascii_lowercase());
            if lower_start && !title_set.is_empty() {
                let key = trim_possessives(trim_to_word(run));
                if maybe_title_word(key) && title_set.contains(key) {
                    in_body.insert(key.to_string());
                }
            }
            !run.as_bytes()
                .first()
                .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        .map(trim_to_word)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(|w| {
            if !w.is_ascii() {
                return name_hash(&w.to_lowercase());
            }
            lower.clear();
            lower.push_str(w);
            lower.make_ascii_lowercase();
            name_hash(&lower)
        })
        .collect();
    (all, in_body)
}

/// Every distinct hash of a sorted list, and those that occur once.
fn names_and_once(all: &[u64]) -> (Vec<u64>, Vec<u64>) {
    let mut names: Vec<u64> = Vec::new();
    let mut once: Vec<u64> = Vec::new();
    for run in all.chunk_by(|a, b| a == b) {
        names.push(run[0]);
        if run.len() == 1 {
            once.push(run[0]);
        }
    }
    // Kept with the mentions until the cross-file pass: no spare capacity.
    names.shrink_to_fit();
    once.shrink_to_fit();
    (names, once)
}

/// Sentences after the title that make a draft's lead ("Summary: The
/// dispute at Orrin Motors' Selbridge plant is over.").
const LEAD_SENTENCES: usize = 3;

/// Names in the draft's lead, lower case: words written with a capital
/// inside a sentence, not months or function words. A title and a lead
/// tell together what story a draft is about ("Warm Homes grants: who gets
/// what?" with a lead naming Harrowdale).
fn lead_names(doc: &Document, text: &str) -> Vec<String> {
    let g = &*GRAMMAR;
    let start = doc.title.map_or(0, |t| t + 1);
    let lead = doc
        .sentences
        .iter()
        .skip(start)
        .filter(|s| s.unit == Unit::Body && s.exempt.is_none())
        .take(LEAD_SENTENCES);
    let mut out = Vec::new();
    for s in lead {
        let sentence = without_urls(&text[s.span.clone()]);
        let mut runs = WordRuns {
            text: &sentence,
            pos: 0,
        }
        .map(trim_to_word)
        .filter(|w| !w.is_empty());
        // The first word's capital says nothing; "Summary:" neither.
        runs.next();
        for w in runs {
            if !w.chars().next().is_some_and(char::is_uppercase)
                || !w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’')
            {
                continue;
            }
            let lw = trim_possessives(&w.to_lowercase()).to_string();
            if lw.chars().count() > 2
                && !g.stop.contains(&lw)
                && !g.section_words.contains(&lw)
                && super::month_of(&lw).is_none()
            {
                out.push(lw);
            }
        }
    }
    out
}

#[cfg(test)]
mod word_runs_tests {
    use super::WordRuns;

    #[test]
    fn word_runs_split_like_str_split() {
        let sep = |c: char| !(c.is_alphanumeric() || c == '.' || c == '-' || c == '\'');
        for text in [
            "",
            " ",
            "Kosovo's 600 U.S. troops, (KFOR) — e.g. well-known",
            "Zürich’s Straße, ÉCOLE naïve—日本語 text\u{a0}x",
            "trailing separator.",
            "the mayor's's 'quoted' 's x's -7- ÉÉ's",
            ",,leading",
        ] {
            let runs: Vec<&str> = WordRuns { text, pos: 0 }.collect();
            let split: Vec<&str> = text.split(sep).collect();
            assert_eq!(runs, split, "{text:?}");
            for run in runs {
                let trimmed = run.trim_matches(|c: char| !c.is_alphanumeric());
                assert_eq!(super::trim_to_word(run), trimmed, "{run:?}");
                assert_eq!(super::trim_possessives(trimmed), trimmed.trim_end_matches("'s"));
            }
        }
    }
}
