//! What the cross-file pass keeps of a mention (`KeptMention`): a run over
//! many drafts holds every draft's compared mentions until all are read, so
//! the record is small — interned ids (`Sym`) for the frame's words, 32-bit
//! offsets, and nothing the comparison, the NUM findings or the ledger do
//! not read. Built from a document's `Mention`s once its own checks are done.

use std::ops::Range;
use std::sync::Arc;

use super::sym::Sym;
use super::{DocContext, Form, Frame, Interval, Mention, Polarity, Role, Time};

/// A mention's frame as the comparison reads it (see `Frame`).
#[derive(Debug, Clone, PartialEq)]
pub struct KeptFrame {
    pub head: Option<Sym>,
    pub label: Sym,
    /// Sorted by their strings, as `Frame::context`.
    pub context: Box<[Sym]>,
    /// Sorted by their strings, as `Frame::names`.
    pub names: Box<[Sym]>,
    pub per: Option<Sym>,
    pub alt_head: Option<Sym>,
    pub owner: Option<Sym>,
    pub purpose: Option<Sym>,
    pub statistic: Option<Sym>,
    pub role: Role,
    pub anaphor: bool,
    pub partitive: bool,
    pub total: bool,
    pub elsewhere: bool,
    pub threshold: bool,
    pub past: bool,
    pub cumulative: bool,
    pub acted: bool,
    pub event: bool,
    pub subgroup: bool,
    pub coordinated: bool,
    pub condition: bool,
    pub np_names: bool,
    pub owner_named: bool,
}

impl From<&Frame> for KeptFrame {
    fn from(f: &Frame) -> Self {
        let sym = |s: &Option<Arc<str>>| s.as_deref().map(Sym::new);
        let syms = |v: &[Arc<str>]| v.iter().map(|w| Sym::new(w)).collect();
        KeptFrame {
            head: sym(&f.head),
            label: Sym::new(&f.label),
            context: syms(&f.context),
            names: syms(&f.names),
            per: sym(&f.per),
            alt_head: sym(&f.alt_head),
            owner: sym(&f.owner),
            purpose: sym(&f.purpose),
            statistic: sym(&f.statistic),
            role: f.role,
            anaphor: f.anaphor,
            partitive: f.partitive,
            total: f.total,
            elsewhere: f.elsewhere,
            threshold: f.threshold,
            past: f.past,
            cumulative: f.cumulative,
            acted: f.acted,
            event: f.event,
            subgroup: f.subgroup,
            coordinated: f.coordinated,
            condition: f.condition,
            np_names: f.np_names,
            owner_named: f.owner_named,
        }
    }
}

/// A mention as the cross-file pass keeps it (see `Mention`).
#[derive(Debug, Clone)]
pub struct KeptMention {
    /// Byte span in the document text (`Mention::span`).
    pub start: u32,
    pub end: u32,
    /// Index into `Document::sentences`.
    pub sentence: u32,
    pub line: u32,
    pub column: u32,
    /// Why it is not compared (`Mention::untracked_reason`), if it is not.
    pub untracked: Option<&'static str>,
    pub surface: Box<str>,
    pub value: Interval,
    pub excluded: Option<Interval>,
    pub form: Form,
    pub polarity: Polarity,
    pub in_heading: bool,
    pub time: Time,
    pub dimension: Sym,
    pub unit: Option<Sym>,
    pub frame: KeptFrame,
    pub doc: Arc<DocContext>,
}

/// A byte offset as 32 bits (drafts past 4 GiB are not read whole anyway).
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<&Mention> for KeptMention {
    fn from(m: &Mention) -> Self {
        KeptMention {
            start: offset(m.span.start),
            end: offset(m.span.end),
            sentence: offset(m.sentence),
            line: m.line,
            column: m.column,
            untracked: m.untracked_reason(),
            surface: m.surface.clone(),
            value: m.value,
            excluded: m.excluded,
            form: m.form,
            polarity: m.polarity,
            in_heading: m.in_heading,
            time: m.time,
            dimension: Sym::new(&m.dimension),
            unit: m.unit.as_deref().map(Sym::new),
            frame: KeptFrame::from(&m.frame),
            doc: Arc::clone(&m.doc),
        }
    }
}

impl From<Mention> for KeptMention {
    fn from(m: Mention) -> Self {
        KeptMention::from(&m)
    }
}

impl KeptMention {
    /// Byte span in the document text.
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether the mention takes part in comparisons (`Mention::is_tracked`).
    pub fn is_tracked(&self) -> bool {
        self.untracked.is_none()
    }

    /// Why a mention is not compared, if it is not.
    pub fn untracked_reason(&self) -> Option<&'static str> {
        self.untracked
    }

    /// The measure as people read it (`Mention::key_label`).
    pub fn key_label(&self) -> String {
        super::key_label(
            &self.frame.label,
            self.frame.head.as_deref(),
            self.unit.as_deref(),
            &self.dimension,
            self.frame.role,
        )
    }

    /// The value as shown to people (`Mention::value_label`).
    pub fn value_label(&self) -> String {
        super::value_label(&self.value, self.excluded.as_ref(), self.polarity)
    }
}
