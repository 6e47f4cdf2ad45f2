//! Document-level rules: problems with the file as a whole.

use crate::diagnostic::Severity;
use crate::rules::options;
use crate::rules::Rule;

pub static MISSING_SOURCES: Rule = Rule {
    code: "DOC001",
    name: "missing-sources",
    default_severity: Severity::Error,
    options: &[options::HEADINGS],
    summary: "The draft has citation markers but no sources list anywhere.",
    doc: "\
Why: a marker such as [3] promises the reader a source. When the draft has no
sources list at all (no Sources/References section, no `[3]: url` definitions,
no `sources` key in front matter and no sidecar file), none of the markers can
be checked. citelint reports this once per file, listing how many markers there
are and which ids they use, instead of one undefined-marker error per marker.

Example:
    U.S. troops serve in KFOR [1] [2].      <- and nothing defines [1] or [2]

Fix: add the sources in any supported form, e.g.

    ## Sources
    1. NATO, \"KFOR placemat\", 2025-10-01. https://example.org/kfor
    2. ...

or a sidecar file `<draft stem>.sources.toml` beside the draft:

    [[sources]]
    id = 1
    title = \"KFOR placemat\"
    url = \"https://example.org/kfor\"
",
};

pub static FRONT_MATTER_INVALID: Rule = Rule {
    code: "DOC004",
    name: "front-matter-invalid",
    default_severity: Severity::Error,
    options: &[],
    summary: "The front matter block (--- YAML or +++ TOML) does not parse.",
    doc: "\
Why: front matter may carry the draft's sources and date. If it does not parse,
citelint cannot read them and every marker would look undefined.

Example:
    ---
    sources: [unclosed
    ---

Fix: correct the YAML/TOML syntax at the line shown.
",
};

pub static INVALID_UTF8: Rule = Rule {
    code: "DOC007",
    name: "invalid-utf8",
    default_severity: Severity::Info,
    options: &[],
    summary: "The file is not valid UTF-8; it was decoded lossily.",
    doc: "\
Why: drafts exported from old editors are sometimes Latin-1 or Windows-1252.
citelint still checks them (invalid bytes become U+FFFD) but positions and
snippets near those bytes may look wrong, and quoted text may not match.

Example: a file containing the byte 0xE9 for \"é\".

Fix: re-save the file as UTF-8.
",
};

pub static SIDECAR_INVALID: Rule = Rule {
    code: "DOC008",
    name: "sidecar-invalid",
    default_severity: Severity::Error,
    options: &[],
    summary: "The sidecar sources file `<stem>.sources.toml` does not parse.",
    doc: "\
Why: the sidecar holds the draft's sources; if it cannot be read every marker
of the draft is unresolvable.

Example (draft.sources.toml):
    [[sources]]
    id = 1
    url = \"https://example.org/report     <- unclosed string

Fix: follow the schema: `sources` is an array of strings or of tables with
`id`, `title`, `url` (or `urls`), `publisher`, `date`.
",
};

use crate::diagnostic::Diagnostic;
use crate::document::{Document, ParseProblem, ProblemKind};

/// Runs the DOC rules on the problems met while reading the file
/// (DOC001 runs with the CIT rules, which read the same markers).
pub fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    front_matter_invalid(doc, out);
    invalid_utf8(doc, out);
    sidecar_invalid(doc, out);
}

/// DOC004: front matter that does not parse.
fn front_matter_invalid(doc: &Document, out: &mut Vec<Diagnostic>) {
    for p in problems(doc, ProblemKind::FrontMatter) {
        out.push(
            problem_diagnostic(&FRONT_MATTER_INVALID, p)
                .label("here")
                .help("fix the front matter syntax; its sources were not read"),
        );
    }
}

/// DOC007: bytes that are not UTF-8.
fn invalid_utf8(doc: &Document, out: &mut Vec<Diagnostic>) {
    for p in problems(doc, ProblemKind::InvalidUtf8) {
        out.push(
            problem_diagnostic(&INVALID_UTF8, p)
                .label("first invalid byte")
                .help("re-save the file as UTF-8"),
        );
    }
}

/// DOC008: a sidecar sources file that does not parse.
fn sidecar_invalid(doc: &Document, out: &mut Vec<Diagnostic>) {
    for p in problems(doc, ProblemKind::Sidecar) {
        out.push(
            problem_diagnostic(&SIDECAR_INVALID, p)
                .label("here")
                .help("fix the sidecar file; its sources were not read"),
        );
    }
}

fn problems(doc: &Document, kind: ProblemKind) -> impl Iterator<Item = &ParseProblem> {
    doc.problems.iter().filter(move |p| p.kind == kind)
}

fn problem_diagnostic(rule: &'static Rule, p: &ParseProblem) -> Diagnostic {
    let span = crate::diagnostic::visible_span(&p.file.text, p.span.clone());
    Diagnostic::new(rule, &p.file, span, p.message.clone())
}
