//! Location-free identities for findings: what a baseline stores and what
//! SARIF carries in `partialFingerprints`.
//!
//! A fingerprint hashes the rule code, the file's path, the flagged text and
//! the sentence around it (within its line), each with whitespace collapsed.
//! Line and column numbers are left out, so an edit elsewhere in the file (a
//! paragraph added above, a typo fixed two sentences later) keeps every other
//! finding's fingerprint; editing the flagged text or its sentence makes a
//! new one. Findings with equal fingerprints in one file are told apart by
//! an occurrence index, counted in position order.
//!
//! The hash is 64-bit FNV-1a over UTF-8 bytes with a separator between the
//! parts: stable across runs, platforms and Rust versions (unlike std's
//! `DefaultHasher`).

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, SourceFile};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Characters of flagged text or context hashed at most (a multi-page span
/// is identified well enough by its start).
const MAX_CHARS: usize = 400;

pub fn fnv1a(parts: &[&str]) -> u64 {
    let mut h = FNV_OFFSET;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            // 0x1F (unit separator) never occurs in normalised text.
            h ^= 0x1F;
            h = h.wrapping_mul(FNV_PRIME);
        }
        for b in part.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(FNV_PRIME);
        }
    }
    h
}

/// Collapses runs of whitespace (and control characters) to one space, trims,
/// and keeps at most `MAX_CHARS` characters.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_CHARS * 4));
    let mut chars = 0;
    for word in text.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if chars == MAX_CHARS {
                return out;
            }
            out.push(c);
            chars += 1;
        }
    }
    out
}

/// Bytes searched for the sentence's ends on either side of the span: a
/// sentence of 100,000 markers must not cost each of its findings the whole
/// sentence (quadratic). Real sentences end well within it.
const REACH: usize = 2_000;

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// The sentence around `span`, limited to the lines the span touches: from
/// just after the last `. `/`! `/`? ` before the span to the first such
/// terminator after it.
pub fn sentence(file: &SourceFile, span: &std::ops::Range<usize>) -> String {
    let text = file.text.as_str();
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let first = file.lines.line_range(text, file.lines.line_of(start));
    let last = file
        .lines
        .line_range(text, file.lines.line_of(end.saturating_sub(1).max(start)));
    // Backwards: a terminator followed by whitespace ends the previous sentence.
    let floor = crate::text::lines::floor_char_boundary(text, start.saturating_sub(REACH));
    let first = first.start.max(floor)..first.end;
    let mut from = first.start;
    let before = &text[first.start..start.max(first.start)];
    let mut prev: Option<char> = None;
    for (i, c) in before.char_indices().rev() {
        if is_terminator(c) && prev.is_some_and(char::is_whitespace) {
            from = first.start + i + c.len_utf8();
            break;
        }
        prev = Some(c);
    }
    let ceiling = crate::text::lines::floor_char_boundary(text, end.saturating_add(REACH).min(text.len()));
    let last = last.start..last.end.min(ceiling.max(end));
    let mut to = last.end.max(end);
    if end < last.end {
        let after = &text[end..last.end];
        let mut it = after.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if is_terminator(c) && it.peek().is_none_or(|(_, n)| n.is_whitespace()) {
                to = end + i + c.len_utf8();
                break;
            }
        }
    }
    normalise(&text[from..to])
}

/// A finding's identity: the content hash and its occurrence among findings
/// with the same hash in the same file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint {
    pub hash: u64,
    pub occurrence: usize,
}

impl Fingerprint {
    /// `0123456789abcdef` (16 hex digits).
    pub fn hex(&self) -> String {
        format!("{:016x}", self.hash)
    }

    /// `hash:occurrence`, as SARIF's `partialFingerprints` carries it.
    pub fn key(&self) -> String {
        format!("{:016x}:{}", self.hash, self.occurrence)
    }
}

/// The content hash of one finding under the given path.
pub fn content_hash(d: &Diagnostic, path: &str) -> u64 {
    let text = &d.file.text;
    let s = d.span.start.min(text.len());
    let e = d.span.end.clamp(s, text.len());
    let flagged = normalise(&text[s..e]);
    let context = sentence(&d.file, &d.span);
    fnv1a(&[d.rule.code, path, &flagged, &context])
}

/// Fingerprints of `diags` (in their order, which should be position order);
/// `paths[i]` is the path the i-th finding is recorded under.
pub fn fingerprints(diags: &[Diagnostic], paths: &[String]) -> Vec<Fingerprint> {
    let mut seen: HashMap<(&str, u64), usize> = HashMap::new();
    diags
        .iter()
        .zip(paths)
        .map(|(d, p)| {
            let hash = content_hash(d, p);
            let n = seen.entry((p.as_str(), hash)).or_insert(0);
            let fp = Fingerprint { hash, occurrence: *n };
            *n += 1;
            fp
        })
        .collect()
}

/// A display path in portable form: `\` becomes `/`, a leading `./` goes.
pub fn portable_path(path: &str) -> String {
    let p = path.replace('\\', "/");
    p.strip_prefix("./").map(str::to_string).unwrap_or(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_the_published_function() {
        // Test vectors of 64-bit FNV-1a.
        assert_eq!(fnv1a(&[""]), 0xcbf29ce484222325);
        assert_eq!(fnv1a(&["a"]), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a(&["foobar"]), 0x85944171f73967e8);
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }

    #[test]
    fn normalise_collapses_whitespace() {
        assert_eq!(normalise("  a \n\t b  "), "a b");
        assert_eq!(normalise(&"x".repeat(1000)).len(), MAX_CHARS);
    }

    #[test]
    fn sentence_search_is_bounded_around_the_span() {
        // One 100,000-marker "sentence": each finding looks only nearby.
        let text = format!("Start {} end.", "[1] ".repeat(25_000));
        let file = SourceFile::new("t", text.clone(), 0);
        let at = 50_006;
        assert_eq!(&text[at..at + 3], "[1]");
        let s = sentence(&file, &(at..at + 3));
        assert!(s.starts_with("[1] [1]"), "{s}");
        // A short sentence is found whole, as before.
        let near = "A claim [1] here. Next.";
        let file = SourceFile::new("t", near.to_string(), 0);
        assert_eq!(sentence(&file, &(8..11)), "A claim [1] here.");
    }

    #[test]
    fn sentence_is_cut_at_terminators_on_the_line() {
        let text = "Intro line.\nFirst one. Troops patrol [9] daily. Last one.\n";
        let file = SourceFile::new("t", text.to_string(), 0);
        let at = text.find("[9]").unwrap();
        assert_eq!(sentence(&file, &(at..at + 3)), "Troops patrol [9] daily.");
        let at = text.find("Intro").unwrap();
        assert_eq!(sentence(&file, &(at..at + 5)), "Intro line.");
    }
}
