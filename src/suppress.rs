//! Inline suppressions: HTML comments on their own line that silence findings.
//!
//! ```text
//! <!-- citelint-disable-next-line CIT001 -->     the next line only
//! <!-- citelint-disable CIT002, SRC002 -->       from here …
//! <!-- citelint-enable CIT002 -->                … to here (or the end of the file)
//! <!-- citelint-disable-file DOC007 -->          the whole file, wherever it stands
//! ```
//!
//! Codes (`CIT001`) and names (`undefined-marker`) may be mixed, separated by
//! commas or spaces; no code means every rule. Text after ` -- ` is a reason
//! for the reader and is ignored. Both Markdown and plain-text parsing already
//! treat HTML comments as never holding markers, so a directive never becomes
//! a finding of its own; inside fenced or indented code blocks and front
//! matter a comment is not a directive.
//!
//! The engine applies suppressions after the rules have run, to every
//! diagnostic whose primary span lies in the directive's file, whatever rule
//! produced it (per-document rules today; cross-file rules can call
//! [`Suppressions::apply`] again with their own findings before
//! [`Suppressions::finish`]). Diagnostics in a sidecar `.sources.toml` cannot
//! be suppressed inline; use `[rules]` or a baseline for those.
//!
//! Suppressions run before the configured severities are applied, so a
//! suppression of a rule that would fire is "used" even when the rule is
//! configured off, and a directive's usefulness does not depend on config.
//!
//! `finish` reports SUP001 for each directive, or each code in a directive,
//! that silenced nothing (as ruff's RUF100 does), and SUP002 for directives
//! that cannot be honoured: an unknown code or directive name, or a directive
//! that is not alone on its line. SUP findings are suppressed only by
//! directives that name them explicitly (`<!-- citelint-disable-file SUP001
//! -->`); such meta-directives are never reported as unused themselves.

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::document::{BlockKind, Document};
use crate::rules::{self, Rule};

/// The suppression rules (`registry::ALL` lists them after the checks' rules).
pub static RULES: [&Rule; 2] = [&UNUSED_SUPPRESSION, &INVALID_SUPPRESSION];

pub static UNUSED_SUPPRESSION: Rule = Rule {
    code: "SUP001",
    name: "unused-suppression",
    default_severity: Severity::Info,
    options: &[],
    summary: "A suppression comment (or one code in it) suppresses no finding.",
    doc: "\
Why: a suppression outlives the problem it was written for. Once the marker is
fixed, a leftover `citelint-disable-next-line CIT001` would silently hide the
next, real problem on that line. Reporting unused suppressions keeps them
honest, as ruff's RUF100 does for `# noqa`. A `citelint-enable` that closes no
open `citelint-disable` is reported too. Suppressions are matched before the
configured severities apply, so silencing a rule that is configured off but
would fire still counts as used.

Example:
    <!-- citelint-disable-next-line CIT001 -->
    Troops patrol the north [1].      <- [1] is defined; nothing to suppress

Fix: delete the comment, or remove the codes it lists that no longer fire.
",
};

pub static INVALID_SUPPRESSION: Rule = Rule {
    code: "SUP002",
    name: "invalid-suppression",
    default_severity: Severity::Warning,
    options: &[],
    summary: "A suppression comment cannot be honoured: unknown code or directive, or not alone on its line.",
    doc: "\
Why: a misspelt code or directive suppresses nothing, and the writer believes
the finding is handled. citelint only reads a directive that is an HTML comment
standing alone on its line; one written after text is ignored.

Example:
    <!-- citelint-disable-next-line CIT0001 -->     <- no such rule
    <!-- citelint-disabel CIT002 -->                <- misspelt directive
    Troops patrol [9]. <!-- citelint-disable-next-line -->   <- not alone

Fix: use a code or name from `citelint rules`, one of the directives
`citelint-disable-next-line`, `citelint-disable`, `citelint-enable` or
`citelint-disable-file`, and put the comment on a line of its own.
",
};

const PREFIX: &str = "citelint-";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    NextLine,
    Disable,
    Enable,
    File,
}

impl Kind {
    fn parse(word: &str) -> Option<Kind> {
        match word {
            "disable-next-line" => Some(Kind::NextLine),
            "disable" => Some(Kind::Disable),
            "enable" => Some(Kind::Enable),
            "disable-file" => Some(Kind::File),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Kind::NextLine => "citelint-disable-next-line",
            Kind::Disable => "citelint-disable",
            Kind::Enable => "citelint-enable",
            Kind::File => "citelint-disable-file",
        }
    }
}

#[derive(Debug)]
struct Code {
    rule: &'static Rule,
    span: Range<usize>,
    used: bool,
}

#[derive(Debug)]
struct Directive {
    kind: Kind,
    /// 0-based line of the comment.
    line: usize,
    /// For `disable-next-line`: the first line after it that is not itself a
    /// directive (so directives can be stacked).
    target: usize,
    /// The comment, `<!--` to `-->`.
    span: Range<usize>,
    /// Empty: every rule.
    codes: Vec<Code>,
    used: bool,
}

impl Directive {
    fn names(&self, rule: &Rule) -> Option<usize> {
        self.codes.iter().position(|c| c.rule == rule)
    }
}

/// A `citelint-disable` range: lines `start..end` (end exclusive).
#[derive(Debug)]
struct Region {
    directive: usize,
    /// `None`: every rule but those in `except`.
    codes: Option<Vec<&'static Rule>>,
    except: Vec<&'static Rule>,
    start: usize,
    end: usize,
}

impl Region {
    fn covers(&self, rule: &Rule) -> bool {
        match &self.codes {
            Some(list) => list.contains(&rule),
            None => !self.except.contains(&rule),
        }
    }
}

/// The suppression directives of one file, and which of them were used.
#[derive(Debug)]
pub struct Suppressions {
    file: Arc<SourceFile>,
    directives: Vec<Directive>,
    regions: Vec<Region>,
    /// SUP001/SUP002 found while parsing (bad codes, lone enables).
    problems: Vec<Diagnostic>,
}

fn is_sup(rule: &Rule) -> bool {
    rule == &UNUSED_SUPPRESSION || rule == &INVALID_SUPPRESSION
}

/// Byte ranges of fenced/indented code blocks and front matter: comments there
/// are text, not directives.
fn verbatim(doc: &Document) -> Vec<Range<usize>> {
    doc.blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Code | BlockKind::FrontMatter))
        .map(|b| b.span.clone())
        .collect()
}

impl Suppressions {
    /// Finds every directive in the document's own text.
    pub fn parse(doc: &Document) -> Self {
        let file = Arc::clone(&doc.file);
        let text = file.text.as_str();
        let skip = verbatim(doc);
        let mut directives = Vec::new();
        let mut problems = Vec::new();

        let mut from = 0;
        while let Some(off) = text[from..].find("<!--") {
            let start = from + off;
            let Some(close) = text[start + 4..].find("-->") else {
                break;
            };
            let end = start + 4 + close + 3;
            from = end;
            let inner = &text[start + 4..end - 3];
            let body = inner.trim();
            if !body.starts_with(PREFIX) || skip.iter().any(|r| r.start <= start && start < r.end) {
                continue;
            }
            let line = file.lines.line_of(start);
            let line_range = file.lines.line_range(text, line);
            let alone = text[line_range.start..start].trim().is_empty()
                && end <= line_range.end
                && text[end..line_range.end].trim().is_empty();
            if !alone {
                // `code spans` on the same line are prose about directives.
                let before = &text[line_range.start..start];
                if before.matches('`').count() % 2 == 0 {
                    let (message, label) = if end > line_range.end {
                        (
                            "suppression comment spans several lines; it is ignored",
                            "not on one line",
                        )
                    } else {
                        (
                            "suppression comment is not alone on its line; it is ignored",
                            "not alone on its line",
                        )
                    };
                    problems.push(
                        Diagnostic::new(&INVALID_SUPPRESSION, &file, start..end, message)
                            .label(label)
                            .help("write the comment on a line of its own (above the line for `citelint-disable-next-line`)"),
                    );
                }
                continue;
            }
            let body_start = start + 4 + (inner.len() - inner.trim_start().len());
            let word_len = body.find(char::is_whitespace).unwrap_or(body.len());
            let word = &body[PREFIX.len()..word_len];
            let Some(kind) = Kind::parse(word) else {
                problems.push(
                    Diagnostic::new(
                        &INVALID_SUPPRESSION,
                        &file,
                        body_start..body_start + word_len,
                        format!("unknown suppression directive `{}`", &body[..word_len]),
                    )
                    .label("unknown directive")
                    .help("use citelint-disable-next-line, citelint-disable, citelint-enable or citelint-disable-file"),
                );
                continue;
            };
            // Codes, up to an optional ` -- reason`.
            let rest = &body[word_len..];
            let rest = match rest.find("--") {
                Some(i) => &rest[..i],
                None => rest,
            };
            let rest_start = body_start + word_len;
            let mut codes = Vec::new();
            let mut had_tokens = false;
            let mut pos = 0;
            for token in rest.split(|c: char| c == ',' || c.is_whitespace()) {
                let t_start = pos;
                pos += token.len() + 1;
                if token.is_empty() {
                    continue;
                }
                had_tokens = true;
                let span = rest_start + t_start..rest_start + t_start + token.len();
                let rule = rules::lookup(token).or_else(|| RULES.iter().copied().find(|r| r.is_named(token)));
                match rule {
                    Some(rule) => {
                        if !codes.iter().any(|c: &Code| c.rule == rule) {
                            codes.push(Code {
                                rule,
                                span,
                                used: false,
                            });
                        }
                    }
                    None => problems.push(
                        Diagnostic::new(
                            &INVALID_SUPPRESSION,
                            &file,
                            span,
                            format!("unknown rule `{token}` in `{}`", kind.as_str()),
                        )
                        .label("not a rule code or name")
                        .help("`citelint rules` lists every code and name"),
                    ),
                }
            }
            if had_tokens && codes.is_empty() {
                // Only unknown codes: it must not turn into "every rule".
                continue;
            }
            directives.push(Directive {
                kind,
                line,
                target: line + 1,
                span: start..end,
                codes,
                used: false,
            });
        }

        let lines: std::collections::HashSet<usize> = directives.iter().map(|d: &Directive| d.line).collect();
        for d in directives.iter_mut() {
            while lines.contains(&d.target) {
                d.target += 1;
            }
        }
        let mut s = Suppressions {
            file,
            directives,
            regions: Vec::new(),
            problems,
        };
        s.build_regions();
        s
    }

    pub fn is_empty(&self) -> bool {
        self.directives.is_empty() && self.problems.is_empty()
    }

    fn build_regions(&mut self) {
        let mut open: Vec<Region> = Vec::new();
        let mut closed: Vec<Region> = Vec::new();
        for i in 0..self.directives.len() {
            let d = &self.directives[i];
            match d.kind {
                Kind::Disable => open.push(Region {
                    directive: i,
                    codes: (!d.codes.is_empty()).then(|| d.codes.iter().map(|c| c.rule).collect()),
                    except: Vec::new(),
                    start: d.line,
                    end: usize::MAX,
                }),
                Kind::Enable => {
                    let line = d.line;
                    let enabling: Vec<&'static Rule> = d.codes.iter().map(|c| c.rule).collect();
                    let mut matched = vec![false; enabling.len()];
                    let mut matched_any = false;
                    let mut still_open = Vec::new();
                    for mut r in open.drain(..) {
                        if enabling.is_empty() {
                            matched_any = true;
                            r.end = line;
                            closed.push(r);
                            continue;
                        }
                        let hits: Vec<usize> = (0..enabling.len()).filter(|&k| r.covers(enabling[k])).collect();
                        if hits.is_empty() {
                            still_open.push(r);
                            continue;
                        }
                        for k in &hits {
                            matched[*k] = true;
                        }
                        matched_any = true;
                        let rest = Region {
                            directive: r.directive,
                            codes: r
                                .codes
                                .as_ref()
                                .map(|l| l.iter().copied().filter(|x| !enabling.contains(x)).collect()),
                            except: match r.codes {
                                Some(_) => Vec::new(),
                                None => r.except.iter().chain(enabling.iter()).copied().collect(),
                            },
                            start: line,
                            end: usize::MAX,
                        };
                        r.end = line;
                        closed.push(r);
                        if rest.codes.as_ref().is_none_or(|l| !l.is_empty()) {
                            still_open.push(rest);
                        }
                    }
                    open = still_open;
                    // An enable that re-enables nothing is an unused directive.
                    let d = &mut self.directives[i];
                    d.used = true;
                    if enabling.is_empty() {
                        if !matched_any {
                            self.problems.push(
                                Diagnostic::new(
                                    &UNUSED_SUPPRESSION,
                                    &self.file,
                                    d.span.clone(),
                                    "`citelint-enable` closes no `citelint-disable`",
                                )
                                .label("nothing to enable")
                                .help("remove the comment"),
                            );
                        }
                    } else {
                        for (k, c) in d.codes.iter_mut().enumerate() {
                            c.used = true;
                            if !matched[k] && !is_sup(c.rule) {
                                self.problems.push(
                                    Diagnostic::new(
                                        &UNUSED_SUPPRESSION,
                                        &self.file,
                                        c.span.clone(),
                                        format!("`citelint-enable {}` closes no `citelint-disable`", c.rule.code),
                                    )
                                    .label("not disabled here")
                                    .help(format!("remove {} from the comment", c.rule.code)),
                                );
                            }
                        }
                    }
                }
                Kind::NextLine | Kind::File => {}
            }
        }
        closed.extend(open);
        self.regions = closed;
    }

    /// Marks every directive that covers a finding of `rule` on `line`, and
    /// tells whether any does. `meta`: only directives naming the rule count.
    fn suppress(&mut self, rule: &Rule, line: usize, meta: bool) -> bool {
        let mut hit = false;
        for d in self.directives.iter_mut() {
            let applies = match d.kind {
                Kind::NextLine => d.target == line,
                Kind::File => true,
                Kind::Disable | Kind::Enable => false,
            };
            if !applies {
                continue;
            }
            match d.names(rule) {
                Some(k) => {
                    d.codes[k].used = true;
                    d.used = true;
                    hit = true;
                }
                None if d.codes.is_empty() && !meta => {
                    d.used = true;
                    hit = true;
                }
                None => {}
            }
        }
        for r in &self.regions {
            if r.start <= line && line < r.end && r.covers(rule) {
                let d = &mut self.directives[r.directive];
                match d.names(rule) {
                    Some(k) => {
                        d.codes[k].used = true;
                        d.used = true;
                        hit = true;
                    }
                    None if !meta => {
                        d.used = true;
                        hit = true;
                    }
                    None => {}
                }
            }
        }
        hit
    }

    /// Removes the diagnostics this file's directives suppress (only those
    /// whose primary span is in this file), recording which directives fired.
    pub fn apply(&mut self, diags: &mut Vec<Diagnostic>) {
        if self.directives.is_empty() {
            return;
        }
        diags.retain(|d| {
            if !Arc::ptr_eq(&d.file, &self.file) && d.file.name != self.file.name {
                return true;
            }
            let line = self.file.lines.line_of(d.span.start.min(self.file.text.len()));
            !self.suppress(d.rule, line, is_sup(d.rule))
        });
    }

    /// The SUP001 and SUP002 findings, after the last `apply`.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        let mut out = std::mem::take(&mut self.problems);
        for d in &self.directives {
            if d.kind == Kind::Enable {
                continue;
            }
            if d.codes.is_empty() {
                if !d.used {
                    out.push(
                        Diagnostic::new(
                            &UNUSED_SUPPRESSION,
                            &self.file,
                            d.span.clone(),
                            format!("`{}` suppresses nothing", d.kind.as_str()),
                        )
                        .label(match d.kind {
                            Kind::NextLine => "no finding on the next line",
                            Kind::Disable => "no finding in its range",
                            _ => "no finding in this file",
                        })
                        .help("remove the comment"),
                    );
                }
                continue;
            }
            for c in &d.codes {
                if !c.used && !is_sup(c.rule) {
                    let place = match d.kind {
                        Kind::NextLine => "on the next line",
                        Kind::Disable => "in its range",
                        _ => "in this file",
                    };
                    out.push(
                        Diagnostic::new(
                            &UNUSED_SUPPRESSION,
                            &self.file,
                            c.span.clone(),
                            format!(
                                "`{} {}` suppresses nothing: no {} finding {place}",
                                d.kind.as_str(),
                                c.rule.code,
                                c.rule.code
                            ),
                        )
                        .label("unused")
                        .help(if d.codes.len() == 1 {
                            "remove the comment".to_string()
                        } else {
                            format!("remove {} from the comment", c.rule.code)
                        }),
                    );
                }
            }
        }
        // SUP findings themselves yield only to directives naming them.
        out.retain(|d| {
            let line = self.file.lines.line_of(d.span.start.min(self.file.text.len()));
            !self.suppress(d.rule, line, true)
        });
        out
    }
}

/// Applies a document's suppressions to its diagnostics and appends the SUP
/// findings: the whole story for per-document rules.
pub fn apply(doc: &Document, diags: &mut Vec<Diagnostic>) {
    let mut s = Suppressions::parse(doc);
    if s.is_empty() {
        return;
    }
    s.apply(diags);
    diags.extend(s.finish());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{self, Format, ParseOptions};

    fn check(text: &str, format: Format) -> Vec<(&'static str, usize)> {
        let doc = document::parse("t", text.as_bytes(), format, None, ParseOptions::default());
        let mentions = crate::quantity::extract_document(&doc, &crate::quantity::NUMBERS);
        let mut diags = rules::check_document(&doc, &crate::data::SOURCES, &crate::claims::CLAIMS, &mentions);
        apply(&doc, &mut diags);
        diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        diags
            .iter()
            .map(|d| (d.rule.code, doc.file.position(d.span.start).0))
            .collect()
    }

    const SOURCES: &str = "\n## Sources\n\n1. A report. https://example.org/a\n";

    #[test]
    fn next_line_suppresses_only_the_next_line() {
        let text =
            format!("Claim [1].\n<!-- citelint-disable-next-line CIT001 -->\nBad [9].\nAlso bad [8].\n{SOURCES}");
        assert_eq!(check(&text, Format::Markdown), vec![("CIT001", 4)]);
        assert_eq!(check(&text, Format::Plain), vec![("CIT001", 4)]);
    }

    #[test]
    fn names_lists_and_bare_directives() {
        let text = format!("Claim [1].\n<!-- citelint-disable-next-line undefined-marker, CIT008 -->\nBad [9] [9].\n<!-- citelint-disable-next-line -->\nBad [7].\n{SOURCES}");
        assert_eq!(check(&text, Format::Markdown), vec![]);
    }

    #[test]
    fn ranges_and_partial_enable() {
        let text = format!(
            "Claim [1].\n<!-- citelint-disable -->\nBad [9].\n<!-- citelint-enable CIT001 -->\nBad [8] [1] [1].\n<!-- citelint-enable -->\nBad [1] [1].\n{SOURCES}"
        );
        // Line 5: CIT001 is enabled again, CIT008 still disabled; line 7 is outside.
        assert_eq!(check(&text, Format::Plain), vec![("CIT001", 5), ("CIT008", 7)]);
    }

    #[test]
    fn file_level_and_unused_reports() {
        let text = format!(
            "<!-- citelint-disable-file CIT001 -->\nBad [9].\n<!-- citelint-disable-next-line CIT001 SRC002 -->\nClaim [1].\n{SOURCES}"
        );
        // The file-level directive fired; the next-line one is unused for both codes.
        assert_eq!(check(&text, Format::Markdown), vec![("SUP001", 3), ("SUP001", 3)]);
    }

    #[test]
    fn unknown_codes_and_directives_are_sup002() {
        let text = format!(
            "Claim [1].\n<!-- citelint-disable-next-line CIT0001 -->\nBad [9].\n<!-- citelint-disabel CIT001 -->\nText. <!-- citelint-disable-next-line -->\n{SOURCES}"
        );
        assert_eq!(
            check(&text, Format::Markdown),
            vec![("SUP002", 2), ("CIT001", 3), ("SUP002", 4), ("SUP002", 5)]
        );
    }

    #[test]
    fn multi_line_directives_are_invalid() {
        let text = format!("Claim [1].\n<!--\ncitelint-disable-file\n-->\nBad [9].\n{SOURCES}");
        assert_eq!(check(&text, Format::Plain), vec![("SUP002", 2), ("CIT001", 5)]);
    }

    #[test]
    fn lone_enable_is_unused() {
        let text = format!("Claim [1].\n<!-- citelint-enable CIT001 -->\n{SOURCES}");
        assert_eq!(check(&text, Format::Markdown), vec![("SUP001", 2)]);
    }

    #[test]
    fn comments_in_code_are_not_directives() {
        let text = format!("Claim [1].\n\n```\n<!-- citelint-disable-file -->\n```\n\nBad [9].\n{SOURCES}");
        assert_eq!(check(&text, Format::Markdown), vec![("CIT001", 7)]);
    }

    #[test]
    fn sup_findings_yield_only_to_explicit_directives() {
        let text = format!(
            "<!-- citelint-disable-file SUP001 -->\n<!-- citelint-disable-next-line -->\nClaim [1].\n{SOURCES}"
        );
        assert_eq!(check(&text, Format::Markdown), vec![]);
        let text =
            format!("<!-- citelint-disable -->\n<!-- citelint-disable-next-line CIT001 -->\nClaim [1].\n{SOURCES}");
        // The bare range does not swallow the SUP001 of the directive inside it,
        // and is itself unused.
        assert_eq!(check(&text, Format::Markdown), vec![("SUP001", 1), ("SUP001", 2)]);
    }

    #[test]
    fn next_line_directives_stack() {
        let text = format!(
            "Claim [1].\n<!-- citelint-disable-next-line CIT001 -->\n<!-- citelint-disable-next-line CIT008 -->\nBad [9] [1] [1].\n{SOURCES}"
        );
        assert_eq!(check(&text, Format::Plain), vec![]);
    }

    #[test]
    fn reason_after_double_dash_is_ignored() {
        let text = format!(
            "Claim [1].\n<!-- citelint-disable-next-line CIT001 -- the act's own numbering -->\nBad [9].\n{SOURCES}"
        );
        assert_eq!(check(&text, Format::Markdown), vec![]);
    }
}
