//! The quantity cards: each a group of comparable mentions (joined with the
//! groups its conflicts reach), drawn on one number line with its table of
//! mentions and its conflicts. Quantities stated only once get a row of a
//! folded table instead of a card.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use super::{esc, Links, ROW_CAP};
use crate::quantity::{Conflict, FileMentions, Form, Group, KeptMention, MentionRef, Polarity};
use crate::report::numberline::{self, Row, Shape};

/// Rows drawn on one number line; the table still lists every mention.
const MAX_ROWS: usize = 200;

/// The mentions shown on one card: a group of comparable mentions, joined
/// with the groups its conflicts reach (a conflict is decided on evidence,
/// so its two sides can sit in groups of their own).
struct Card {
    labels: Vec<String>,
    refs: Vec<MentionRef>,
    conflicts: Vec<usize>,
}

/// The quantity cards, conflicts first.
pub(super) struct Cards<'a> {
    files: &'a [FileMentions],
    conflicts: &'a [Conflict],
    links: &'a Links,
    /// Conflicts each mention takes part in.
    involved: HashMap<MentionRef, Vec<usize>>,
    cards: Vec<Card>,
}

impl<'a> Cards<'a> {
    pub(super) fn new(
        files: &'a [FileMentions],
        conflicts: &'a [Conflict],
        groups: &[Group],
        links: &'a Links,
    ) -> Self {
        let mut involved: HashMap<MentionRef, Vec<usize>> = HashMap::new();
        for (i, c) in conflicts.iter().enumerate() {
            involved.entry(c.a).or_default().push(i);
            involved.entry(c.b).or_default().push(i);
        }
        let label = |g: &Group| files[g.refs[0].file as usize].mentions[g.refs[0].index as usize].key_label();
        let cards = join_groups(groups, conflicts, &involved, label);
        Cards {
            files,
            conflicts,
            links,
            involved,
            cards,
        }
    }

    fn get(&self, r: MentionRef) -> &'a KeptMention {
        &self.files[r.file as usize].mentions[r.index as usize]
    }

    fn name(&self, r: MentionRef) -> &'a str {
        &self.files[r.file as usize].name
    }

    /// The section of the cards with (or without) conflicts.
    pub(super) fn section(&self, out: &mut String, with_conflicts: bool) {
        let mut chosen: Vec<&Card> = self
            .cards
            .iter()
            .filter(|c| c.conflicts.is_empty() != with_conflicts)
            .collect();
        if with_conflicts {
            // The worst first, then the most disputed.
            chosen.sort_by_key(|c| {
                let worst = c.conflicts.iter().map(|&i| self.conflicts[i].severity).max();
                (std::cmp::Reverse(worst), std::cmp::Reverse(c.conflicts.len()))
            });
        }
        // A figure stated once has nothing to be compared with on a line.
        let (chosen, once): (Vec<&Card>, Vec<&Card>) = chosen.into_iter().partition(|c| c.refs.len() > 1);
        let (id, title) = if with_conflicts {
            ("conflicts", "Quantities in conflict")
        } else {
            ("quantities", "Quantities stated more than once")
        };
        let _ = write!(
            out,
            "<section id=\"{id}\"><h2>{title} <span class=\"count\">({})</span></h2>",
            chosen.len()
        );
        if chosen.is_empty() {
            out.push_str("<p class=\"empty\">None.</p>");
        }
        for (i, card) in chosen.iter().enumerate() {
            self.card(out, &format!("{id}-{i}"), card);
        }
        if !once.is_empty() {
            self.once_table(out, &once);
        }
        out.push_str("</section>");
    }

    /// The quantities stated once, folded, at most `ROW_CAP` rows.
    fn once_table(&self, out: &mut String, once: &[&Card]) {
        let _ = write!(
            out,
            "<details id=\"once\"><summary>Figures stated once <span class=\"count\">({})</span></summary>",
            once.len()
        );
        if once.len() > ROW_CAP {
            let _ = write!(
                out,
                "<p class=\"note\">The first {ROW_CAP} are listed; <code>citelint numbers --format json</code> lists them all.</p>"
            );
        }
        out.push_str("<table class=\"mentions\"><thead><tr><th>measure</th><th>where</th><th>as written</th><th>reads as</th><th>form</th><th>year</th></tr></thead><tbody>");
        for card in once.iter().take(ROW_CAP) {
            let r = card.refs[0];
            let m = self.get(r);
            let measure = card.labels.join(" · ");
            let _ = write!(
                out,
                "<tr id=\"{}\" class=\"once\" data-text=\"{}\"><td>{}</td><td>{}</td><td>“{}”</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                mention_id(r),
                esc(&format!("{measure} {} {} {}", self.name(r), m.surface, m.value_label()).to_lowercase()),
                esc(&measure),
                self.links.place(self.name(r), m.line, m.column),
                esc(&m.surface),
                esc(&m.value_label()),
                esc(&form_label(m)),
                esc(&year_label(m))
            );
        }
        out.push_str("</tbody></table></details>");
    }

    fn card(&self, out: &mut String, id: &str, card: &Card) {
        let first = self.get(card.refs[0]);
        let unit = first.unit.as_deref().unwrap_or(&first.dimension).to_string();
        let title = card.labels.join(" · ");
        let mut words = card.labels.clone();
        for r in &card.refs {
            let m = self.get(*r);
            words.extend([self.name(*r).to_string(), m.surface.to_string(), m.value_label()]);
        }
        let class = if card.conflicts.is_empty() {
            "quantity"
        } else {
            "quantity has-conflict"
        };
        let _ = write!(
            out,
            "<article class=\"{class}\" id=\"{id}\" data-text=\"{}\"><h3>{}",
            esc(&words.join(" ").to_lowercase()),
            esc(&title)
        );
        let codes: BTreeSet<&str> = card.conflicts.iter().map(|&i| self.conflicts[i].code()).collect();
        for code in codes {
            let _ = write!(out, " <span class=\"badge\">{code}</span>");
        }
        let files = card.refs.iter().map(|r| r.file).collect::<BTreeSet<_>>().len();
        let _ = write!(
            out,
            " <span class=\"count\">{} in {}</span></h3>",
            plural(card.refs.len(), "mention"),
            plural(files, "file")
        );
        let rows: Vec<Row> = card.refs.iter().take(MAX_ROWS).map(|r| self.row(*r)).collect();
        out.push_str(&numberline::svg(&rows, &unit));
        if card.refs.len() > MAX_ROWS {
            let _ = write!(
                out,
                "<p class=\"note\">The line shows the first {MAX_ROWS} of {} mentions.</p>",
                card.refs.len()
            );
        }
        self.mention_table(out, &card.refs);
        if !card.conflicts.is_empty() {
            out.push_str("<ul class=\"conflicts\">");
            for &i in &card.conflicts {
                self.conflict_item(out, &self.conflicts[i]);
            }
            out.push_str("</ul>");
        }
        out.push_str("</article>");
    }

    fn row(&self, r: MentionRef) -> Row {
        let m = self.get(r);
        let shape = match m.form {
            Form::Sharp => Shape::Point,
            Form::Round => Shape::Round,
            Form::Approx | Form::Bound | Form::Range => Shape::Bar,
            Form::Vague => Shape::Vague,
        };
        let v = match (&m.polarity, &m.excluded) {
            (Polarity::Negated, Some(x)) => x,
            _ => &m.value,
        };
        Row {
            lo: v.lo,
            hi: v.hi,
            lo_open: v.lo_open,
            hi_open: v.hi_open,
            shape,
            conflict: self.involved.contains_key(&r),
            negated: m.polarity == Polarity::Negated,
            title: format!(
                "{}:{}:{} “{}” {}",
                self.name(r),
                m.line,
                m.column,
                m.surface,
                m.value_label()
            ),
            target: mention_id(r),
        }
    }

    fn mention_table(&self, out: &mut String, refs: &[MentionRef]) {
        out.push_str("<table class=\"mentions\"><thead><tr><th>#</th><th>where</th><th>as written</th><th>reads as</th><th>form</th><th>year</th></tr></thead><tbody>");
        for (n, r) in refs.iter().enumerate() {
            let m = self.get(*r);
            let _ = write!(
                out,
                "<tr id=\"{}\"{}><td>{}</td><td>{}</td><td>“{}”</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                mention_id(*r),
                if self.involved.contains_key(r) {
                    " class=\"conflict\""
                } else {
                    ""
                },
                n + 1,
                self.links.place(self.name(*r), m.line, m.column),
                esc(&m.surface),
                esc(&m.value_label()),
                esc(&form_label(m)),
                esc(&year_label(m))
            );
        }
        out.push_str("</tbody></table>");
    }

    fn conflict_item(&self, out: &mut String, c: &Conflict) {
        let side = |r: MentionRef| {
            let m = self.get(r);
            format!(
                "{} “{}” ({})",
                esc(&m.value_label()),
                esc(&m.surface),
                self.links.place(self.name(r), m.line, m.column)
            )
        };
        let _ = write!(
            out,
            "<li><span class=\"sev {sev}\">{} {sev}</span> {} <b>vs</b> {}{}<br><span class=\"why\">{}</span></li>",
            c.code(),
            side(c.a),
            side(c.b),
            if c.others > 0 {
                format!("; {} more mentions disagree", c.others)
            } else {
                String::new()
            },
            esc(&c.why),
            sev = c.severity.as_str()
        );
    }
}

/// The year, in parentheses when it is the article's date.
fn year_label(m: &KeptMention) -> String {
    match (m.time.year, m.time.explicit) {
        (Some(y), true) => y.to_string(),
        (Some(y), false) => format!("({y})"),
        (None, _) => "—".into(),
    }
}

/// The form, and who asserts it when the article does not.
fn form_label(m: &KeptMention) -> String {
    match m.polarity {
        Polarity::Asserted => m.form.as_str().to_string(),
        p => format!("{}, {}", m.form.as_str(), p.as_str()),
    }
}

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// Groups joined through the conflicts between them (union-find on group
/// indices), each with its conflicts; in the groups' order.
fn join_groups(
    groups: &[Group],
    conflicts: &[Conflict],
    involved: &HashMap<MentionRef, Vec<usize>>,
    label: impl Fn(&Group) -> String,
) -> Vec<Card> {
    let mut group_of: HashMap<MentionRef, usize> = HashMap::new();
    for (gi, g) in groups.iter().enumerate() {
        for r in &g.refs {
            group_of.insert(*r, gi);
        }
    }
    let mut parent: Vec<usize> = (0..groups.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for c in conflicts {
        if let (Some(&x), Some(&y)) = (group_of.get(&c.a), group_of.get(&c.b)) {
            let (rx, ry) = (root(&mut parent, x), root(&mut parent, y));
            parent[rx.max(ry)] = rx.min(ry);
        }
    }
    let mut by_root: std::collections::BTreeMap<usize, Card> = std::collections::BTreeMap::new();
    for (gi, g) in groups.iter().enumerate() {
        let card = by_root.entry(root(&mut parent, gi)).or_insert_with(|| Card {
            labels: Vec::new(),
            refs: Vec::new(),
            conflicts: Vec::new(),
        });
        let l = label(g);
        if !card.labels.contains(&l) {
            card.labels.push(l);
        }
        card.refs.extend(&g.refs);
    }
    let mut cards: Vec<Card> = by_root.into_values().collect();
    for card in &mut cards {
        let set: BTreeSet<usize> = card
            .refs
            .iter()
            .flat_map(|r| involved.get(r).into_iter().flatten().copied())
            .collect();
        card.conflicts = set.into_iter().collect();
    }
    cards
}

fn mention_id(r: MentionRef) -> String {
    format!("m-{}-{}", r.file, r.index)
}
