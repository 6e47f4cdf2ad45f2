//! Regular expressions that are cheap to build, for rule data matched
//! sentence by sentence, and character classes without an automaton.
//!
//! `regex::Regex` builds every engine it might use up front: for a small
//! pattern a full DFA, and for any pattern a literal prefilter, which under
//! `(?i)` spells out many case variants. For the short texts these patterns
//! see (one sentence) the lazy DFA alone is as fast, so the patterns here are
//! built without either; the matches are the same (every engine of the
//! `regex` crate finds the same ones).
//!
//! A leaf module: it imports nothing from the crate.

use regex_automata::meta;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet};

fn cheap(kind: MatchKind) -> meta::Config {
    meta::Config::new()
        .match_kind(kind)
        .utf8_empty(true)
        .dfa(false)
        .onepass(false)
        .auto_prefilter(false)
        // As `regex` does.
        .nfa_size_limit(Some(10 * (1 << 20)))
        .hybrid_cache_capacity(2 * (1 << 20))
}

/// Several patterns asked which of them match, like `regex::RegexSet`.
#[derive(Debug, Clone)]
pub struct Set {
    re: meta::Regex,
}

impl Set {
    /// Errors read as `regex::RegexSet::new`'s.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Result<Set, String> {
        let config = cheap(MatchKind::All).which_captures(regex_automata::nfa::thompson::WhichCaptures::None);
        match meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::new().utf8(true))
            .build_many(patterns)
        {
            Ok(re) => Ok(Set { re }),
            Err(e) => Err(regex::RegexSet::new(patterns)
                .err()
                .map_or_else(|| e.to_string(), |e| e.to_string())),
        }
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.re.is_match(text)
    }

    /// The indices of the patterns that match `text`, ascending.
    pub fn matches(&self, text: &str) -> impl Iterator<Item = usize> {
        let mut set = PatternSet::new(self.re.pattern_len());
        self.re.which_overlapping_matches(&Input::new(text), &mut set);
        set.iter().map(|p| p.as_usize()).collect::<Vec<_>>().into_iter()
    }
}

/// One pattern asked only whether it matches, like `regex::Regex::is_match`.
#[derive(Debug, Clone)]
pub struct Pattern {
    re: meta::Regex,
}

impl Pattern {
    /// Errors read as `regex::Regex::new`'s.
    pub fn new(pattern: &str) -> Result<Pattern, String> {
        match meta::Builder::new()
            .configure(cheap(MatchKind::LeftmostFirst))
            .syntax(syntax::Config::new().utf8(true))
            .build(pattern)
        {
            Ok(re) => Ok(Pattern { re }),
            Err(e) => Err(regex::Regex::new(pattern)
                .err()
                .map_or_else(|| e.to_string(), |e| e.to_string())),
        }
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.re.is_match(text)
    }

    /// The span of the first match in `text`, as `regex::Regex::find` gives it.
    pub fn find(&self, text: &str) -> Option<std::ops::Range<usize>> {
        self.re.find(text).map(|m| m.range())
    }

    /// The spans of the successive non-overlapping matches in `text`, as
    /// `regex::Regex::find_iter` gives them.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = std::ops::Range<usize>> + 't {
        self.re.find_iter(text).map(|m| m.range())
    }
}

/// A character class of the regex syntax (`\d`, `[\s\d]`, `(?i)[a-z]`) as
/// sorted ranges: asking whether a character is in it needs no automaton.
#[derive(Debug, Clone)]
pub struct CharClass {
    ranges: Vec<(char, char)>,
}

impl CharClass {
    /// Panics when `class` is not a class of Unicode characters (a
    /// programming error: the classes are written in the code).
    pub fn new(class: &str) -> CharClass {
        let hir = regex_syntax::Parser::new().parse(class).expect("a valid class");
        let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(c)) = hir.kind() else {
            panic!("{class:?} is not a Unicode character class");
        };
        CharClass {
            ranges: c.iter().map(|r| (r.start(), r.end())).collect(),
        }
    }

    pub fn contains(&self, c: char) -> bool {
        self.ranges
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }
}

/// Whether `c` is a word character (`\w`, Unicode).
pub fn is_word(c: char) -> bool {
    regex_syntax::is_word_character(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_agree_with_the_regex_engine() {
        let word = regex::Regex::new(r"^\w$").unwrap();
        let space_digit = regex::Regex::new(r"^[\s\d]$").unwrap();
        let scheme = regex::Regex::new(r"(?i)^[a-z0-9+.\-\s<>`]$").unwrap();
        let sd = CharClass::new(r"[\s\d]");
        let sc = CharClass::new(r"(?i)[a-z0-9+.\-\s<>`]");
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFFu32).step_by(7).chain(0..0x3000).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            assert_eq!(is_word(c), word.is_match(s), "{c:?}");
            assert_eq!(sd.contains(c), space_digit.is_match(s), "{c:?}");
            assert_eq!(sc.contains(c), scheme.is_match(s), "{c:?}");
        }
        assert!(sc.contains('\u{212A}') && sc.contains('ſ') && !sc.contains('é'));
    }

    #[test]
    fn sets_and_patterns_match_as_the_regex_crate_does() {
        let pats = [
            r"(?i)^keep \S+ independent\.?$",
            r"(?i)(?-u:\b)people are saying(?-u:\b)",
            r"(?i)^i can",
            r"\b\d{4}\b|x*",
        ];
        let set = Set::new(&pats).unwrap();
        let theirs = regex::RegexSet::new(pats).unwrap();
        for text in [
            "Keep ſtuff independent.",
            "I CAN hear people are saying it",
            "no",
            "I canary",
            "é 2025 ü 1999",
        ] {
            assert_eq!(set.is_match(text), theirs.is_match(text), "{text}");
            assert_eq!(
                set.matches(text).collect::<Vec<_>>(),
                theirs.matches(text).into_iter().collect::<Vec<_>>()
            );
            for p in pats {
                let (ours, theirs) = (Pattern::new(p).unwrap(), regex::Regex::new(p).unwrap());
                assert_eq!(ours.is_match(text), theirs.is_match(text));
                let spans: Vec<_> = theirs.find_iter(text).map(|m| m.range()).collect();
                assert_eq!(ours.find_iter(text).collect::<Vec<_>>(), spans);
                assert_eq!(ours.find(text), spans.first().cloned());
            }
        }
    }

    #[test]
    fn errors_read_as_the_regex_crate_s() {
        let bad = ["ok", "(unclosed"];
        assert_eq!(
            Set::new(&bad).unwrap_err(),
            regex::RegexSet::new(bad).unwrap_err().to_string()
        );
        // Built at run time, as rule data is (a literal would be linted).
        let bad = format!("a{{{},1}}", 2);
        assert_eq!(
            Pattern::new(&bad).unwrap_err(),
            regex::Regex::new(&bad).unwrap_err().to_string()
        );
    }
}
