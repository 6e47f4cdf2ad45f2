//! citelint.toml as text: the commented template `citelint init` writes and
//! the effective configuration `citelint config --show` prints.
//!
//! Both are rendered from a `Config`, so they list every key the
//! configuration has: `init` renders the built-in defaults, `config --show`
//! the configuration that applies to one file. Adding a key to `Config`
//! means adding it here too (the `init` test compares the two).

use std::fmt::Write;
use std::path::Path;

use crate::config::Config;
use crate::diagnostic::Severity;
use crate::rules;

/// A TOML string literal.
fn lit(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| lit(s)).collect();
    format!("[{}]", parts.join(", "))
}

/// Like `list`, wrapped at about 90 columns with two-space indentation.
fn long_list(key: &str, items: &[String]) -> String {
    let one = format!("{key} = {}", list(items));
    if one.len() <= 90 {
        return one;
    }
    let mut out = format!("{key} = [\n");
    let mut line = String::from(" ");
    for item in items {
        let piece = format!(" {},", lit(item));
        if line.len() + piece.len() > 88 {
            out.push_str(&line);
            out.push('\n');
            line = String::from(" ");
        }
        line.push_str(&piece);
    }
    out.push_str(&line);
    out.push_str("\n]");
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Init,
    Show,
}

fn severity_value(s: Option<Severity>) -> &'static str {
    match s {
        None => "off",
        Some(s) => s.as_str(),
    }
}

fn render(cfg: &Config, style: Style) -> String {
    let init = style == Style::Init;
    let mut o = String::new();
    let note = |o: &mut String, text: &str| {
        if init {
            for line in text.lines() {
                let _ = writeln!(o, "# {line}");
            }
        }
    };

    note(
        &mut o,
        "Build on another config file (relative to this one); keys set here win,\n\
         [rules] entries and [[overrides]] are merged.",
    );
    if init {
        o.push_str("# extend = \"../citelint.toml\"\n\n");
    }

    note(&mut o, "Which files a directory walk picks up.");
    let _ = writeln!(o, "extensions = {}", list(&cfg.extensions));
    match &cfg.include {
        Some(g) => {
            let _ = writeln!(o, "include = {}", list(&g.patterns));
            if !init && !g.patterns.is_empty() {
                let _ = writeln!(o, "# (include globs are relative to {})", g.root.display());
            }
        }
        None if init => {
            o.push_str("# If set, only matching files are linted (globs relative to this file's directory).\n");
            o.push_str("# include = [\"drafts/**\"]\n");
        }
        None => {}
    }
    note(&mut o, "Never linted in walks (nor named files, with --force-exclude).");
    match &cfg.exclude {
        Some(g) => {
            let _ = writeln!(o, "exclude = {}", list(&g.patterns));
            if !init && !g.patterns.is_empty() {
                let _ = writeln!(o, "# (exclude globs are relative to {})", g.root.display());
            }
        }
        None => o.push_str("exclude = []\n"),
    }
    o.push('\n');

    note(
        &mut o,
        "Drafts read for the cross-article numbers check when only some files are\n\
         named (pre-commit): conflicts with them are reported in the named files.",
    );
    match &cfg.corpus {
        Some(g) => {
            let _ = writeln!(o, "corpus = {}", list(&g.patterns));
            if !init {
                let _ = writeln!(o, "# (corpus globs are relative to {})", g.root.display());
            }
        }
        None if init => o.push_str("# corpus = [\"drafts/**/*.md\"]\n"),
        None => o.push_str("corpus = []\n"),
    }
    o.push('\n');

    note(&mut o, "Lowest severity that makes `citelint check` exit 1.");
    let _ = writeln!(o, "fail-on = {}", lit(cfg.fail_on.unwrap_or(Severity::Error).as_str()));
    o.push('\n');

    note(
        &mut o,
        "Report only findings that are not in this baseline file (relative to this\n\
         file's directory); `citelint baseline` writes it.",
    );
    match &cfg.baseline {
        Some(p) => {
            let _ = writeln!(o, "baseline = {}", lit(&p.to_string_lossy()));
        }
        None if init => o.push_str("# baseline = \"citelint-baseline.json\"\n"),
        None => {}
    }
    if init || cfg.baseline.is_some() {
        o.push('\n');
    }

    if init {
        o.push_str(
            "# Severity of each rule: \"off\", \"info\", \"warning\" or \"error\"; keys are\n\
             # codes or names. `citelint explain CODE` describes a rule.\n",
        );
    }
    o.push_str("[rules]\n");
    for r in rules::ALL {
        let sev = cfg.severity(r.code, r.default_severity);
        if init {
            let _ = writeln!(o, "{} = {:<10} # {}", r.code, lit(severity_value(sev)), r.name);
        } else {
            let _ = writeln!(o, "{} = {}", r.code, lit(severity_value(sev)));
        }
    }
    o.push('\n');

    note(
        &mut o,
        "Sources-section vocabulary; each list replaces the built-in one\n\
         (these are the defaults). `*` in tracking-params matches any suffix.",
    );
    o.push_str("[sources]\n");
    let _ = writeln!(o, "{}", long_list("headings", &cfg.sources.headings));
    let _ = writeln!(o, "{}", long_list("not-sources", &cfg.sources.not_sources));
    let _ = writeln!(o, "{}", long_list("tracking-params", &cfg.sources.tracking_params));
    o.push('\n');

    note(
        &mut o,
        "A lone bracketed number from year-min to year-max is a year, not a marker;\n\
         ids above max-id are not markers.",
    );
    o.push_str("[markers]\n");
    let _ = writeln!(o, "year-min = {}", cfg.markers.year_min);
    let _ = writeln!(o, "year-max = {}", cfg.markers.year_max);
    let _ = writeln!(o, "max-id = {}", cfg.markers.max_id);
    o.push('\n');

    note(
        &mut o,
        "Quantities compared across drafts (NUM rules): tolerances that turn hedged\n\
         and round numbers into intervals. hedges, vague, measures, aliases,\n\
         extra-designators and extra-claim-cues add to the tables of\n\
         rules/numbers/*.toml (see docs/rules.md); `config --show` does not print them.",
    );
    let n = &cfg.numbers.settings;
    o.push_str("[numbers]\n");
    let _ = writeln!(o, "enabled = {}", n.enabled);
    let _ = writeln!(
        o,
        "bare-round = {}",
        lit(if n.bare_round_exact {
            "exact"
        } else {
            "half-granularity"
        })
    );
    let _ = writeln!(o, "bare-round-cap = {:?}", n.bare_round_cap);
    let _ = writeln!(o, "approx-tolerance = {:?}", n.approx_tolerance);
    let _ = writeln!(o, "near-tolerance = {:?}", n.near_tolerance);
    let _ = writeln!(o, "inherit-heading-measure = {}", n.inherit_heading_measure);
    let _ = writeln!(o, "within-draft = {}", n.within_draft);

    o.push_str(
        "\n# [claims] and [segment] tune the claim detector (CLM rules) and sentence\n\
         # segmentation; rules/claims.toml and rules/segment.toml list every key and\n\
         # its default (`extra-<list>` adds to a list). `config --show` does not\n\
         # print them.\n",
    );
    if init {
        o.push_str(
            "\n# Per-path rules (globs relative to this file's directory; later tables win):\n\
             # [[overrides]]\n\
             # paths = [\"archive/**\"]\n\
             # rules = { CIT002 = \"off\" }\n\
             # fail-on = \"error\"\n",
        );
    } else if !cfg.overrides.is_empty() {
        o.push_str("\n# [[overrides]] defined (their effect on this file is in [rules] above):\n");
        for ov in &cfg.overrides {
            let _ = writeln!(o, "#   {} paths = {}", ov.origin, list(&ov.globs.patterns));
        }
    }
    o
}

/// The commented `citelint.toml` that `citelint init` writes: every key at
/// its built-in default.
pub fn template() -> String {
    template_for(&Config::defaults(std::path::PathBuf::new()))
}

/// The template with the defaults of `cfg` (`init` sets `include` and
/// `corpus` to the drafts directory).
pub fn template_for(cfg: &Config) -> String {
    let mut s = String::from(
        "# citelint configuration. Every key is shown at its default; delete what you\n\
         # do not change. docs/configuration.md describes each one.\n\n",
    );
    s.push_str(&render(cfg, Style::Init));
    s
}

/// The effective configuration for `file` as TOML, with where it came from.
pub fn show(cfg: &Config, file: &Path) -> String {
    let mut s = format!("# Effective citelint configuration for {}\n", file.display());
    if cfg.chain.is_empty() {
        s.push_str("# from: built-in defaults (no citelint.toml found)\n");
    } else {
        for (i, p) in cfg.chain.iter().enumerate() {
            let how = if i == 0 { "from" } else { "extends" };
            let _ = writeln!(s, "# {how}: {}", p.display());
        }
    }
    for a in &cfg.applied {
        let _ = writeln!(s, "# override applied: {a}");
    }
    s.push('\n');
    s.push_str(&render(cfg, Style::Show));
    s
}

/// The TOML body of `show` without its provenance header (for comparisons).
pub fn show_body(cfg: &Config) -> String {
    render(cfg, Style::Show)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_parses_to_the_defaults() {
        let text = template();
        let cfg = Config::from_str(Path::new("/tmp/x/citelint.toml"), &text).expect("template parses");
        let defaults = Config::defaults(std::path::PathBuf::from("/tmp/x"));
        assert_eq!(show_body(&cfg), show_body(&defaults));
        // Every rule is listed.
        for r in rules::ALL {
            assert!(text.contains(&format!("\n{} = ", r.code)), "{} missing", r.code);
        }
    }
}
