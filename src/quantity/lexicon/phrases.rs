//! The phrase matcher every table of the lexicon is: a phrase is tokenized
//! with the extractor's own tokenizer and stored under the id of its first
//! (lower-case) token, so matching at a token is one hash lookup followed
//! by a comparison of a few tokens. Also the token vocabulary (`Vocab`),
//! the sentence view it matches against (`Text`) and the small hash it uses.

use std::collections::HashMap;

use crate::quantity::token::{self, Tok};

/// A small, fast hash for short strings (lexicon lookups of tokens). The
/// keys are the lexicon's own words, never attacker-chosen insertions.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// Token id for a word no table contains.
pub const UNKNOWN: u32 = u32::MAX;

/// Every lower-case token of every table, numbered: a sentence's tokens are
/// looked up once, and tables then work on ids.
#[derive(Default)]
pub struct Vocab {
    pub(super) map: HashMap<Box<str>, u32, FxBuild>,
    /// Longest word, in bytes: longer tokens are not looked up.
    max_len: usize,
}

impl Vocab {
    pub(super) fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.map.get(w) {
            return id;
        }
        let id = self.map.len() as u32;
        self.map.insert(Box::from(w), id);
        self.max_len = self.max_len.max(w.len());
        id
    }

    /// The id of a lower-case token, or `UNKNOWN`.
    #[inline]
    pub fn get(&self, w: &str) -> u32 {
        if w.len() > self.max_len {
            return UNKNOWN;
        }
        self.map.get(w).copied().unwrap_or(UNKNOWN)
    }
}

struct Entry<T> {
    rest: Box<[u32]>,
    /// Original-case tokens when the phrase must match with exact case.
    exact: Option<Box<[Box<str>]>>,
    value: T,
}

/// Phrases indexed by the id of their first token.
pub struct Phrases<T> {
    heads: Vec<Vec<Entry<T>>>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases { heads: Vec::new() }
    }
}

impl<T> std::fmt::Debug for Phrases<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Phrases({} heads)",
            self.heads.iter().filter(|h| !h.is_empty()).count()
        )
    }
}

fn phrase_tokens(phrase: &str) -> Vec<Box<str>> {
    let mut toks = Vec::new();
    token::tokenize(phrase, 0..phrase.len(), &mut toks);
    toks.iter().map(|t| Box::from(&phrase[t.start..t.end])).collect()
}

impl<T> Phrases<T> {
    /// Adds a phrase; `exact` keeps its case significant. Returns false for a
    /// phrase without tokens.
    pub fn insert(&mut self, vocab: &mut Vocab, phrase: &str, exact: bool, value: T) -> bool {
        let orig = phrase_tokens(phrase.trim());
        let ids: Vec<u32> = orig.iter().map(|t| vocab.intern(&normalise_token(t))).collect();
        let Some((&first, rest)) = ids.split_first() else {
            return false;
        };
        let first = first as usize;
        if self.heads.len() <= first {
            self.heads.resize_with(first + 1, Vec::new);
        }
        let list = &mut self.heads[first];
        list.push(Entry {
            rest: rest.to_vec().into_boxed_slice(),
            exact: exact.then(|| orig.into_boxed_slice()),
            value,
        });
        // Longest first.
        list.sort_by_key(|e| std::cmp::Reverse(e.rest.len()));
        true
    }

    /// Whether some phrase starts with token id `id`.
    #[inline]
    pub fn heads(&self, id: u32) -> bool {
        self.heads.get(id as usize).is_some_and(|l| !l.is_empty())
    }

    /// The longest phrase starting at token `i`: its length in tokens and value.
    #[inline]
    pub fn at(&self, s: &Text<'_>, i: usize) -> Option<(usize, &T)> {
        let first = *s.ids.get(i)?;
        let list = self.heads.get(first as usize)?;
        if list.is_empty() {
            return None;
        }
        'entries: for e in list {
            let Some(next) = s.ids.get(i + 1..i + 1 + e.rest.len()) else {
                continue;
            };
            if next != &*e.rest {
                continue;
            }
            if let Some(exact) = &e.exact {
                for (k, w) in exact.iter().enumerate() {
                    if s.orig(&s.toks[i + k]) != &**w {
                        continue 'entries;
                    }
                }
            }
            return Some((1 + e.rest.len(), &e.value));
        }
        None
    }

    /// The longest phrase that ends just before token `end` and starts at or
    /// after `from`: its first token and value.
    pub fn ending_at(&self, s: &Text<'_>, end: usize, from: usize) -> Option<(usize, &T)> {
        let lo = from.max(end.saturating_sub(MAX_PHRASE));
        (lo..end).find_map(|start| match self.at(s, start) {
            Some((len, v)) if start + len == end => Some((start, v)),
            _ => None,
        })
    }

    pub fn contains_at(&self, s: &Text<'_>, i: usize) -> bool {
        self.at(s, i).is_some()
    }
}

/// Longest phrase, in tokens, `ending_at` looks back for.
const MAX_PHRASE: usize = 6;

/// Lower case, with apostrophes and hyphens normalised as the tokenizer does.
fn normalise_token(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '\u{2010}' | '\u{2011}' | '\u{2212}' => out.push('-'),
            '\u{2019}' | '\u{2018}' => out.push('\''),
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

/// A tokenized stretch of text with its lower-case copy and token ids, for
/// lookups.
pub struct Text<'a> {
    /// The masked document text the tokens index.
    pub text: &'a str,
    /// ASCII-lower-cased copy of `text[base..]`.
    pub lower: &'a str,
    pub base: usize,
    pub toks: &'a [Tok],
    /// `Vocab` id of each token.
    pub ids: &'a [u32],
}

impl<'a> Text<'a> {
    pub fn norm(&self, t: &Tok) -> &'a str {
        match t.kind {
            token::Kind::Punct('-') => "-",
            token::Kind::Punct('\'') => "'",
            _ => {
                // Possessive words are looked up without their 's.
                &self.lower[t.start - self.base..t.end - self.base]
            }
        }
    }

    pub fn orig(&self, t: &Tok) -> &'a str {
        &self.text[t.start..t.end]
    }
}
