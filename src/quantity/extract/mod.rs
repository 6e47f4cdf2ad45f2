//! Reading the quantity mentions of a document, sentence by sentence.
//!
//! Per sentence (only when `Lexicon::may_contain_quantity` says it can hold
//! one) the steps are, each in its own module: tokenize the masked text
//! (`prepare`, here); mark what the tokens are — clauses, numbers that name
//! things, scoping years, events (`marks`, with designators and events found
//! once per document by `hits`); read each quantity expression — hedge,
//! number or range or vague phrase, unit, post-hedge (`expr`, numbers by
//! `numeral`); build each mention — value, frame, polarity (`mention`), and
//! its year (`time`). A second pass lets "not thousands" borrow the frame of
//! the quantity it is contrasted with, and "to 600" in "from 700 to 600" the
//! frame of its "from"; per document, numbers that stand for an earlier
//! measure take its frame (`anaphora`).

use std::sync::Arc;

mod anaphora;
mod expr;
mod hits;
mod marks;
mod mention;
mod numeral;
mod time;

use self::hits::Hits;
use super::doc_context::doc_context;
use super::fraction;
use super::frame;
use super::grammar::GRAMMAR;
use super::lexicon::{Hedge, Lexicon, Text};
use super::token::{self, Kind, Tok};
use super::{DocContext, Mention};
use crate::document::{Document, Exempt, Unit};

/// Extracts every quantity mention of a document, in text order.
pub fn extract_document(doc: &Document, lex: &Lexicon) -> Vec<Mention> {
    Extractor::new(doc, lex).document()
}

/// The quantity mentions of one sentence (`doc.sentences[index]`), with the
/// document's title and date for inherited subject, location and year.
/// Chrome sentences and questions yield none. For a whole document use
/// `extract_document` or an `Extractor`, which reuse their buffers.
pub fn extract_sentence(doc: &Document, index: usize, lex: &Lexicon) -> Vec<Mention> {
    let mut ex = Extractor::new(doc, lex);
    let mut out = Vec::new();
    ex.sentence(index, &mut out);
    out
}

/// The tokens of the current sentence and its lower-case copy.
#[derive(Default)]
struct Buf {
    toks: Vec<Tok>,
    lower: String,
    ids: Vec<u32>,
}

/// Reusable per-sentence analysis buffers.
#[derive(Default)]
struct Scratch {
    blocked: Vec<bool>,
    clause: Vec<u32>,
    claim: Vec<bool>,
    /// Years that can scope the time of their clause's numbers, in order.
    years: Vec<YearAt>,
    /// Clause and byte range of each named event.
    events: Vec<(u32, std::ops::Range<usize>)>,
    totals: Vec<u32>,
    exprs: Vec<Expr>,
    /// Sentence-wide facts every frame needs, found once per sentence.
    cues: frame::Cues,
}

/// Extracts mentions sentence by sentence, reusing its buffers.
pub struct Extractor<'a> {
    doc: &'a Document,
    lex: &'a Lexicon,
    hits: Option<Hits>,
    buf: Buf,
    scratch: Scratch,
    context: Arc<DocContext>,
}

#[derive(Debug, Clone, Copy)]
struct YearAt {
    tok: usize,
    year: u16,
}

#[derive(Debug, Clone, Copy)]
enum ExprKind {
    Num { n: f64, z: Option<i32>, approx: bool },
    Range { lo: f64, hi: f64 },
    Vague(u32),
}

#[derive(Debug, Clone)]
struct Expr {
    /// First token including hedges (and a negation).
    first: usize,
    /// First token of the number itself.
    start: usize,
    /// Token after the number, unit and post-hedge.
    end: usize,
    kind: ExprKind,
    hedge: Option<Hedge>,
    currency: Option<u32>,
    unit: Option<u32>,
    negated: bool,
    before: bool,
    /// "from A to B": index (in `exprs`) of A, for B.
    from_partner: Option<usize>,
    /// "from A to B": A is followed by "to B".
    has_to: bool,
}

struct NumParse {
    end: usize,
    n: f64,
    z: Option<i32>,
    approx: bool,
    currency: Option<u32>,
    scaled: bool,
    spelled_one: bool,
}

impl<'a> Extractor<'a> {
    pub fn new(doc: &'a Document, lex: &'a Lexicon) -> Self {
        Extractor {
            doc,
            lex,
            hits: None,
            buf: Buf::default(),
            scratch: Scratch::default(),
            context: Arc::new(DocContext {
                within_draft: lex.settings.within_draft,
                ..doc_context(doc)
            }),
        }
    }

    /// All mentions of the document, in text order. The claim rules read
    /// them even when `[numbers] enabled = false` turns the NUM rules off.
    pub fn document(mut self) -> Vec<Mention> {
        let mut out = Vec::new();
        for i in 0..self.doc.sentences.len() {
            self.sentence(i, &mut out);
        }
        anaphora::resolve_anaphors(&mut out);
        out
    }

    /// Appends the mentions of sentence `index` to `out`.
    pub fn sentence(&mut self, index: usize, out: &mut Vec<Mention>) {
        let doc = self.doc;
        let Some(s) = doc.sentences.get(index) else {
            return;
        };
        if s.exempt.is_some_and(|e| e.is_chrome() || e == Exempt::Question) {
            return;
        }
        let span = s.span.clone();
        let Some(slice) = doc.masked.get(span.clone()) else {
            return;
        };
        if !self.lex.may_contain_quantity(slice) {
            return;
        }
        let lex = self.lex;
        let hits = self.hits.get_or_insert_with(|| Hits::find(lex, &doc.masked));
        let sc = &mut self.scratch;
        let buf = &mut self.buf;
        prepare(lex, &doc.masked, span.clone(), buf);
        let t = Text {
            text: &doc.masked,
            lower: &buf.lower,
            base: span.start,
            toks: &buf.toks,
            ids: &buf.ids,
        };
        let sent = Sentence {
            lex,
            doc,
            hits,
            t,
            index,
            in_heading: matches!(s.unit, Unit::Heading | Unit::Title),
            in_title: matches!(s.unit, Unit::Title),
            context: &self.context,
        };
        marks::analyse(&sent, sc);
        sent.expressions(sc);
        if sc.exprs.is_empty() {
            return;
        }
        marks::context(&sent, sc);
        sc.cues.find(&GRAMMAR, &sent.t);
        let first = out.len();
        for e in &sc.exprs {
            if let Some(m) = sent.mention(sc, e) {
                out.push(m);
            }
        }
        sent.borrow_frames(sc, &mut out[first..]);
    }
}

/// Tokenizes `masked[span]` into the scratch buffers.
fn prepare(lex: &Lexicon, masked: &str, span: std::ops::Range<usize>, buf: &mut Buf) {
    buf.toks.clear();
    buf.lower.clear();
    buf.ids.clear();
    let base = span.start;
    buf.lower.push_str(&masked[span.clone()]);
    buf.lower.make_ascii_lowercase();
    token::tokenize(masked, span, &mut buf.toks);
    let lower = &buf.lower;
    buf.ids.extend(buf.toks.iter().map(|t| {
        let w = match t.kind {
            // Digits are in no table.
            Kind::Num => return super::lexicon::UNKNOWN,
            Kind::Punct('-') => "-",
            Kind::Punct('\'') => "'",
            _ => &lower[t.start - base..t.end - base],
        };
        lex.vocab.get(w)
    }));
}

struct Sentence<'s> {
    lex: &'s Lexicon,
    doc: &'s Document,
    hits: &'s Hits,
    t: Text<'s>,
    index: usize,
    in_heading: bool,
    in_title: bool,
    context: &'s Arc<DocContext>,
}

impl Sentence<'_> {
    /// The token range of the clause token `tok` is in.
    fn clause_range(&self, sc: &Scratch, tok: usize) -> (usize, usize) {
        let c = sc.clause.get(tok).copied().unwrap_or(0);
        let start = sc.clause.partition_point(|&x| x < c);
        let end = sc.clause.partition_point(|&x| x <= c);
        (start, end)
    }
}
