//! Hover on a figure: what it counts (its comparability key) and every other
//! figure with the same key in this draft and, when the configuration names
//! a `corpus`, in the corpus drafts (their ledger group). The corpus is read
//! once and again after a save.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::discover::Target;
use crate::document::{self, Document, Format, ParseOptions};
use crate::quantity::{self, Mention};

/// A corpus draft's tracked figures.
pub struct CorpusFile {
    pub path: PathBuf,
    pub name: String,
    pub mentions: Vec<Mention>,
}

fn popts(cfg: &Config) -> ParseOptions<'_> {
    ParseOptions {
        markers: &cfg.markers,
        sources: &cfg.sources,
        segmenter: &cfg.segmenter,
    }
}

/// Reads the corpus the configuration names (nothing when it names none).
pub fn read_corpus(cfg: &Config) -> Vec<CorpusFile> {
    let Some(globs) = &cfg.corpus else {
        return Vec::new();
    };
    let (targets, _) = crate::discover::corpus(&[globs]);
    targets
        .iter()
        .filter_map(|t| match t {
            Target::File { display, path } => {
                let bytes = std::fs::read(path).ok()?;
                let doc = document::parse(display, &bytes, Format::from_path(path), None, popts(cfg));
                let mut mentions = quantity::extract_document(&doc, &cfg.numbers);
                mentions.retain(Mention::is_tracked);
                Some(CorpusFile {
                    path: crate::fsutil::absolute(path),
                    name: display.clone(),
                    mentions,
                })
            }
            Target::Stdin { .. } => None,
        })
        .collect()
}

fn row(file: &str, m: &Mention) -> String {
    let year = m.time.year.map_or(String::new(), |y| format!(" ({y})"));
    format!(
        "| {file}:{} | {} | {}{year} |",
        m.line,
        m.surface.replace('|', "\\|"),
        m.value_label()
    )
}

/// The hover text for the figure at `offset`, if there is one.
pub fn hover(doc: &Document, path: &Path, cfg: &Config, corpus: &[CorpusFile], offset: usize) -> Option<String> {
    let mentions = quantity::extract_document(doc, &cfg.numbers);
    let m = mentions
        .iter()
        .find(|m| m.span.start <= offset && offset < m.span.end)?;
    // Figures of the same measure: same canonical head and dimension.
    let key = (m.frame.head.clone(), m.dimension.clone());
    let same = |o: &quantity::Mention| o.frame.head.is_some() && (o.frame.head.clone(), o.dimension.clone()) == key;
    let mut s = format!(
        "**{}**: {} — {} (measure: {})",
        m.surface,
        m.value_label(),
        m.key_label(),
        m.frame.head.as_deref().unwrap_or("none")
    );
    if let Some(why) = m.untracked_reason() {
        s.push_str(&format!("\n\nNot compared: {why}."));
        return Some(s);
    }
    let here = crate::fsutil::absolute(path);
    let mut rows: Vec<String> = mentions
        .iter()
        .filter(|o| o.span != m.span && o.is_tracked() && same(o))
        .map(|o| row("this draft", o))
        .collect();
    for f in corpus.iter().filter(|f| f.path != here) {
        rows.extend(f.mentions.iter().filter(|o| same(o)).map(|o| row(&f.name, o)));
    }
    if rows.is_empty() {
        s.push_str("\n\nNo other figure for this quantity");
        s.push_str(if cfg.corpus.is_some() {
            " in the corpus."
        } else {
            " (no `corpus` configured)."
        });
    } else {
        s.push_str("\n\n| where | figure | value |\n|---|---|---|\n");
        s.push_str(&rows.join("\n"));
    }
    Some(s)
}
