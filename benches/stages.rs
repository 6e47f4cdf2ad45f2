//! Per-stage micro-benchmarks: `cargo bench --bench stages`.
//!
//! Every stage runs over the same 64 synthetic drafts from the corpus
//! generator (`examples/gencorpus/gen.rs`, seed 1, all eight source formats,
//! about 30 % with one defect), so throughput figures are comparable between
//! stages and between commits. Stages after parsing take the parsed
//! documents as input and measure only their own work.

#[path = "../examples/gencorpus/gen.rs"]
mod gen;

use std::path::PathBuf;
use std::sync::LazyLock;

use citelint::config::Config;
use citelint::document::{
    self, markers, sentences, urls, BlockKind, Document, Format, ParseOptions, RangeSet, Sidecar,
};
use citelint::quantity::{self, FileMentions};
use divan::counter::BytesCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

struct Input {
    name: String,
    text: String,
    format: Format,
    sidecar: Option<(String, String)>,
}

impl Input {
    fn sidecar(&self) -> Option<Sidecar<'_>> {
        self.sidecar.as_ref().map(|(name, text)| Sidecar {
            name: name.clone(),
            bytes: text.as_bytes(),
        })
    }
}

const DRAFTS: usize = 64;

static INPUTS: LazyLock<Vec<Input>> = LazyLock::new(|| {
    let opts = gen::Options {
        files: DRAFTS,
        seed: 1,
        ..gen::Options::default()
    };
    (0..DRAFTS)
        .map(|i| {
            let d = gen::draft(&opts, i);
            Input {
                format: if d.format.is_markdown() {
                    Format::Markdown
                } else {
                    Format::Plain
                },
                name: d.path,
                text: d.text,
                sidecar: d.sidecar,
            }
        })
        .collect()
});

static DOCS: LazyLock<Vec<Document>> = LazyLock::new(|| {
    INPUTS
        .iter()
        .map(|i| {
            document::parse(
                &i.name,
                i.text.as_bytes(),
                i.format,
                i.sidecar(),
                ParseOptions::default(),
            )
        })
        .collect()
});

/// The quantity mentions of each parsed document (the claim rules read them).
static MENTIONS: LazyLock<Vec<Vec<citelint::quantity::Mention>>> = LazyLock::new(|| {
    let lex = &*citelint::quantity::NUMBERS;
    DOCS.iter()
        .map(|d| citelint::quantity::extract_document(d, lex))
        .collect()
});

fn bytes() -> BytesCount {
    BytesCount::new(INPUTS.iter().map(|i| i.text.len()).sum::<usize>())
}

/// Decode, front matter, block structure, sources, markers and sentences: all of `document::parse`.
#[divan::bench]
fn parse(bencher: Bencher) {
    let inputs = &*INPUTS;
    bencher.counter(bytes()).bench(|| {
        for i in inputs {
            black_box(document::parse(
                &i.name,
                i.text.as_bytes(),
                i.format,
                i.sidecar(),
                ParseOptions::default(),
            ));
        }
    });
}

/// The marker grammar over a parsed document's text and ignored ranges.
#[divan::bench]
fn marker_scan(bencher: Bencher) {
    let docs = &*DOCS;
    let data = &*citelint::data::MARKERS;
    bencher.counter(bytes()).bench(|| {
        for d in docs {
            black_box(markers::scan(&d.file.text, &d.ignored, &d.quotes, data));
        }
    });
}

/// Masking and sentence segmentation (Unicode boundaries plus repairs).
#[divan::bench]
fn sentence_segmentation(bencher: Bencher) {
    let docs = &*DOCS;
    // The bare-URL ranges `parse` hands to the segmenter are not kept in the
    // document; recompute them once, outside the timed loop.
    let url_ranges: Vec<RangeSet> = docs
        .iter()
        .map(|d| {
            let body = d
                .blocks
                .iter()
                .find(|b| b.kind == BlockKind::FrontMatter)
                .map_or(0, |b| b.span.end);
            let mut r = RangeSet::default();
            urls::bare_url_ranges(&d.file.text, body, &mut r);
            r.normalise();
            r
        })
        .collect();
    let seg = &**citelint::document::sentences::SEGMENTER;
    bencher.counter(bytes()).bench(|| {
        for (d, u) in docs.iter().zip(&url_ranges) {
            black_box(sentences::segment(
                &sentences::Inputs {
                    text: &d.file.text,
                    format: d.format,
                    blocks: &d.blocks,
                    ignored: &d.ignored,
                    quotes: &d.quotes,
                    markers: &d.markers,
                    malformed: &d.malformed,
                    urls: u,
                },
                seg,
            ));
        }
    });
}

/// The claim detector's scoring on every sentence, cited or not (what
/// `classify` does; the per-sentence cost of the detector).
#[divan::bench]
fn claim_scoring_all_sentences(bencher: Bencher) {
    let docs = &*DOCS;
    let claims = &**citelint::claims::CLAIMS;
    bencher.counter(bytes()).bench(|| {
        for (d, mentions) in docs.iter().zip(&*MENTIONS) {
            black_box(citelint::claims::assess_all(claims, d, mentions));
        }
    });
}

/// The CLM rules as `check` runs them: only uncited, non-exempt sentences
/// are scored, and findings are built.
#[divan::bench]
fn claim_rules(bencher: Bencher) {
    let docs = &*DOCS;
    let claims = &**citelint::claims::CLAIMS;
    bencher.counter(bytes()).bench(|| {
        for (d, mentions) in docs.iter().zip(&*MENTIONS) {
            let mut out = Vec::new();
            citelint::rules::claims::check(d, claims, mentions, &mut out);
            black_box(out);
        }
    });
}

/// Every per-document rule (DOC, CIT, SRC, CLM) on a parsed document.
#[divan::bench]
fn document_rules(bencher: Bencher) {
    let docs = &*DOCS;
    let cfg = Config::defaults(PathBuf::from("."));
    bencher.counter(bytes()).bench(|| {
        for (d, mentions) in docs.iter().zip(&*MENTIONS) {
            black_box(citelint::rules::check_document(d, &cfg.sources, &cfg.claims, mentions));
        }
    });
}

/// Quantity extraction (tokens, values, keys) per document.
#[divan::bench]
fn quantity_extraction(bencher: Bencher) {
    let docs = &*DOCS;
    let lex = &**quantity::NUMBERS;
    bencher.counter(bytes()).bench(|| {
        for d in docs {
            black_box(quantity::extract_document(d, lex));
        }
    });
}

/// The cross-draft numbers pass (grouping and sweeps) over the 64 drafts' mentions.
#[divan::bench]
fn numbers_across_drafts(bencher: Bencher) {
    let lex = &**quantity::NUMBERS;
    let files: Vec<FileMentions> = DOCS
        .iter()
        .zip(INPUTS.iter())
        .map(|(d, i)| FileMentions {
            name: i.name.clone(),
            mentions: quantity::extract_document(d, lex)
                .into_iter()
                .map(quantity::KeptMention::from)
                .collect(),
        })
        .collect();
    bencher
        .counter(bytes())
        .bench(|| black_box(quantity::find_conflicts(&files)));
}

/// Everything for one file as the engine does it: parse, every rule,
/// extraction, in-file conflicts, suppressions and severities.
#[divan::bench]
fn check_text(bencher: Bencher) {
    let inputs = &*INPUTS;
    let cfg = Config::defaults(PathBuf::from("."));
    bencher.counter(bytes()).bench(|| {
        for i in inputs {
            black_box(citelint::engine::check_text(
                &i.name,
                i.text.as_bytes(),
                i.format,
                i.sidecar(),
                &cfg,
            ));
        }
    });
}
