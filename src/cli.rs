//! Command-line interface: clap definitions and the glue from arguments to
//! the library. Exit codes: 0 clean, 1 findings at or above the failing
//! severity, 2 usage, configuration or I/O errors.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::atomic;
use crate::baseline::{self, Baseline};
use crate::changes::Changes;
use crate::config::Resolver;
use crate::diagnostic::Severity;
use crate::discover;
use crate::engine::{self, BaselineChoice, RunOptions};
use crate::progress::{self, Progress};
use crate::report::{self, Summary};

#[derive(Parser, Debug)]
#[command(
    name = "citelint",
    version,
    about = "A fast citation-consistency linter for fact-check drafts",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check drafts for citation problems.
    Check(CheckArgs),
    /// Fix what can be fixed safely: renumber citations by first appearance, drop repeats, sort groups.
    Fix(FixArgs),
    /// Run the language server over standard input and output (for editors).
    Server,
    /// Record today's findings in a baseline file; `check` then reports only new ones.
    Baseline(BaselineArgs),
    /// Write a commented citelint.toml with every key at its default, and
    /// `include` and `corpus` set to the drafts directory (asked, or inferred).
    Init {
        /// Where to write it (refuses to overwrite an existing file).
        #[arg(default_value = "citelint.toml")]
        path: PathBuf,
        /// The drafts directory (the archive a check compares figures with);
        /// default: asked at a terminal, else the directory holding most drafts.
        #[arg(long, value_name = "DIR")]
        drafts: Option<PathBuf>,
    },
    /// Show the configuration that applies to a file.
    Config(ConfigArgs),
    /// Print a rule's documentation (by code or name).
    Explain {
        /// Rule code (`CIT001`) or name (`undefined-marker`).
        rule: String,
    },
    /// Print every sentence with its claim classification, score and reasons.
    Sentences(SentencesArgs),
    /// List every rule with its code, name and default severity.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// List every quantity the drafts state, grouped by what it counts, and
    /// mark conflicts (a ledger of figures across drafts).
    Numbers(NumbersArgs),
}

/// Where configuration comes from: `--config FILE`, `--isolated`, or discovery.
#[derive(Args, Debug, Clone)]
pub struct ConfigSource {
    /// Use this config file for every draft instead of discovering citelint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore all configuration files.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
}

impl ConfigSource {
    pub fn resolver(&self) -> Result<Resolver, Box<crate::config::ConfigError>> {
        Resolver::new(self.config.as_deref(), self.isolated)
    }
}

#[derive(Args, Debug)]
pub struct NumbersArgs {
    /// Files or directories (`-` reads standard input). Default: `.`
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LedgerFormat::Text)]
    pub format: LedgerFormat,
    /// Write the ledger to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub source: ConfigSource,
    /// The name to report standard input under (its extension picks the format).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long = "threads", value_name = "N", default_value_t = 0)]
    pub threads: usize,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum LedgerFormat {
    /// A text table per quantity.
    Text,
    /// One JSON document (schema in docs/formats.md).
    Json,
    /// One self-contained HTML page: conflicts first, each quantity on a number line.
    Html,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Rich diagnostics with source snippets (miette).
    Human,
    /// One `file:line:col: severity[CODE] message` line per finding.
    Concise,
    /// One JSON document (schema in docs/formats.md).
    Json,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow commands (annotations); the default when GITHUB_ACTIONS=true.
    Github,
    /// JUnit XML, one test suite per file.
    Junit,
    /// One self-contained HTML page: quantities in conflict on number lines, then every finding.
    Html,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    /// Files or directories to check (`-` reads standard input). Default: `.`
    pub paths: Vec<PathBuf>,
    /// Output format [default: human, or github when GITHUB_ACTIONS=true].
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Write the report to FILE (atomically); the terminal gets the summary line.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report only findings not recorded in this baseline file (overrides the config's `baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Ignore any baseline: report every finding.
    #[arg(long, conflicts_with = "baseline")]
    pub no_baseline: bool,
    #[command(flatten)]
    pub source: ConfigSource,
    /// The name to report standard input under (its extension picks the format).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long = "threads", value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// When to use colour in human output (NO_COLOR is respected in auto).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Select files named on the command line like a walk does (extensions, include, exclude; for pre-commit).
    #[arg(long)]
    pub force_exclude: bool,
    /// Also read the drafts matching GLOB (relative to the working directory;
    /// repeatable) for the cross-article numbers check, reporting only in the
    /// files named. Replaces the config's `corpus`.
    #[arg(long, value_name = "GLOB")]
    pub corpus: Vec<String>,
    /// Ignore the config's `corpus`: compare the named files only with each other.
    #[arg(long, conflicts_with = "corpus")]
    pub no_corpus: bool,
    /// Report only findings on lines changed since the git revision REF (its
    /// diff with the work tree, plus untracked drafts); unchanged drafts are
    /// still read for the numbers check.
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// Print only the summary line (human format).
    #[arg(short, long)]
    pub quiet: bool,
    /// Apply safe fixes (as `citelint fix`) before checking.
    #[arg(long)]
    pub fix: bool,
    /// With --fix, also apply unsafe fixes.
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,
    /// Check again whenever a draft, sidecar or citelint.toml changes (Ctrl-C stops).
    #[arg(long, conflicts_with = "fix")]
    pub watch: bool,
}

#[derive(Args, Debug)]
pub struct FixArgs {
    /// Files or directories to fix (`-` reads standard input and prints the fixed draft). Default: `.`
    pub paths: Vec<PathBuf>,
    /// Print a unified diff of what would change, and change nothing.
    #[arg(long)]
    pub diff: bool,
    /// Also apply fixes that drop or merge content: remove uncited sources, merge sources sharing a URL.
    #[arg(long)]
    pub unsafe_fixes: bool,
    #[command(flatten)]
    pub source: ConfigSource,
    /// The name to report standard input under (its extension picks the format).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Select files named on the command line like a walk does (extensions, include, exclude).
    #[arg(long)]
    pub force_exclude: bool,
}

#[derive(Args, Debug)]
pub struct BaselineArgs {
    /// Files or directories to record. Default: `.`
    pub paths: Vec<PathBuf>,
    /// Baseline file to write [default: the config's `baseline`, else citelint-baseline.json].
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub source: ConfigSource,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long = "threads", value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Apply the config's file selection to files named on the command line too.
    #[arg(long)]
    pub force_exclude: bool,
}

#[derive(Args, Debug)]
pub struct ConfigArgs {
    /// Print the effective configuration (TOML) and the files it came from.
    #[arg(long, required = true)]
    pub show: bool,
    /// The file whose configuration to show (default: a draft in the working directory).
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub source: ConfigSource,
}

#[derive(Args, Debug)]
pub struct SentencesArgs {
    /// Files or directories (`-` reads standard input).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    #[command(flatten)]
    pub source: ConfigSource,
    /// The name to report standard input under.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    }
}

fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w: &usize| w >= 40)
        .unwrap_or(100)
}

fn print_error(report: miette::Report) {
    let handler = miette::GraphicalReportHandler::new_themed(if use_color(ColorChoice::Auto) {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    });
    let mut s = String::new();
    if handler.render_report(&mut s, report.as_ref()).is_err() {
        s = format!("error: {report}");
    }
    eprint!("{s}");
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) if args.watch => watch_check(args),
        Command::Check(args) => check(args),
        Command::Fix(args) => fix(args),
        Command::Server => match crate::server::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: citelint server: {e}");
                ExitCode::from(2)
            }
        },
        Command::Baseline(args) => write_baseline(args),
        Command::Init { path, drafts } => {
            let drafts = drafts.map_or(crate::init::Drafts::Ask, crate::init::Drafts::Given);
            match crate::init::run(&path, drafts) {
                Ok(msg) => {
                    println!("{msg}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Config(args) => show_config(args),
        Command::Sentences(args) => sentences(args),
        Command::Numbers(args) => numbers(args),
        Command::Explain { rule } => match crate::registry::lookup(&rule) {
            Some(r) => {
                print!("{}", crate::registry::explain(r));
                match crate::fix::fixability(r.code) {
                    Some(how) => println!("\nFixable by `citelint fix`: {how}."),
                    None => println!("\nNot fixable automatically."),
                }
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("error: unknown rule {rule:?}; `citelint rules` lists them");
                ExitCode::from(2)
            }
        },
        Command::Rules { format } => {
            match format {
                ListFormat::Text => {
                    for r in crate::registry::ALL.iter() {
                        println!("{:<7} {:<22} {:<8} {}", r.code, r.name, r.default_severity, r.summary);
                    }
                }
                ListFormat::Json => {
                    let list: Vec<_> = crate::registry::ALL
                        .iter()
                        .map(|r| serde_json::json!({"code": r.code, "name": r.name, "severity": r.default_severity, "summary": r.summary}))
                        .collect();
                    println!("{}", serde_json::to_string_pretty(&list).expect("json"));
                }
            }
            ExitCode::SUCCESS
        }
    }
}

fn sentences(args: SentencesArgs) -> ExitCode {
    let run = || -> Result<(String, bool), Box<crate::config::ConfigError>> {
        let resolver = args.source.resolver()?;
        let found = discover::discover(&args.paths, args.stdin_filename.as_deref(), &resolver, false)?;
        let (files, problems) = engine::classify(&found.targets, &resolver)?;
        for p in found.problems.iter().chain(&problems) {
            eprintln!("error: {}: {}", report::printable(&p.path), p.message);
        }
        let text = match args.format {
            ListFormat::Text => report::sentences::render_text(&files),
            ListFormat::Json => report::sentences::render_json(&files),
        };
        Ok((
            text,
            found.problems.is_empty() && problems.iter().all(|p| p.message.contains("binary")),
        ))
    };
    match run() {
        Ok((text, ok)) => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    eprintln!("error: cannot write output: {e}");
                    return ExitCode::from(2);
                }
            }
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            }
        }
        Err(e) => {
            print_error(miette::Report::new(*e));
            ExitCode::from(2)
        }
    }
}

/// `--format`, or github under GitHub Actions, or human.
fn resolve_format(format: Option<OutputFormat>) -> OutputFormat {
    format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            OutputFormat::Github
        } else {
            OutputFormat::Human
        }
    })
}

fn fail(e: Box<crate::config::ConfigError>) -> ExitCode {
    print_error(miette::Report::new_boxed(e));
    ExitCode::from(2)
}

/// Resolver, discovery and the "no drafts" warning, shared by `check` and
/// `baseline`.
fn prepare(
    paths: &[PathBuf],
    source: &ConfigSource,
    stdin_filename: Option<&str>,
    force_exclude: bool,
) -> Result<(Resolver, discover::Discovered), ExitCode> {
    let resolver = source.resolver().map_err(fail)?;
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let found = discover::discover(&paths, stdin_filename, &resolver, force_exclude).map_err(fail)?;
    // (Files --force-exclude left out were found: nothing to warn about,
    // e.g. a pre-commit batch of non-drafts.)
    if found.targets.is_empty() && found.problems.is_empty() && found.force_excluded == 0 {
        eprintln!("warning: no drafts found under the given paths (looked for .md, .markdown and .txt unless configured otherwise)");
    }
    Ok((resolver, found))
}

/// Runs `citelint fix` on the targets; the exit code on a configuration
/// error (already printed).
fn apply_fixes(
    targets: &[discover::Target],
    resolver: &Resolver,
    diff: bool,
    unsafe_fixes: bool,
) -> Result<crate::fix::command::Summary, ExitCode> {
    let opts = crate::fix::command::RunOptions { diff, unsafe_fixes };
    let mut stdin = || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b).map(|_| b)
    };
    let mut out = std::io::stdout().lock();
    let summary = crate::fix::command::run(targets, resolver, &opts, &mut out, &mut stdin).map_err(fail)?;
    let _ = out.flush();
    Ok(summary)
}

fn fix(args: FixArgs) -> ExitCode {
    let (resolver, found) = match prepare(
        &args.paths,
        &args.source,
        args.stdin_filename.as_deref(),
        args.force_exclude,
    ) {
        Ok(x) => x,
        Err(code) => return code,
    };
    for p in &found.problems {
        eprintln!("error: {}: {}", p.path, p.message);
    }
    let s = match apply_fixes(&found.targets, &resolver, args.diff, args.unsafe_fixes) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let verb = if args.diff { "would be changed" } else { "changed" };
    eprintln!("{} of {} drafts {verb}", s.changed, found.targets.len());
    if s.errors > 0 || !found.problems.is_empty() {
        ExitCode::from(2)
    } else if s.changed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `check --watch`: the same check, again after every change.
fn watch_check(args: CheckArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    if paths.iter().any(|p| p.as_os_str() == "-") {
        eprintln!("error: --watch cannot watch standard input");
        return ExitCode::from(2);
    }
    let mut exts: Vec<String> = match args.source.resolver().and_then(|r| r.for_path(None)) {
        Ok(cfg) => cfg.extensions.clone(),
        Err(e) => return fail(e),
    };
    exts.extend(["md", "markdown", "txt"].map(String::from));
    let exts: Vec<&str> = exts.iter().map(String::as_str).collect();
    let clear = std::io::stdout().is_terminal() && !args.quiet;
    crate::watch::run(&paths, &exts, clear, || check(args.clone()))
}

fn check(args: CheckArgs) -> ExitCode {
    let (resolver, found) = match prepare(
        &args.paths,
        &args.source,
        args.stdin_filename.as_deref(),
        args.force_exclude,
    ) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if args.fix {
        let files: Vec<_> = found.targets.iter().filter(|t| t.path().is_some()).cloned().collect();
        if let Err(code) = apply_fixes(&files, &resolver, false, args.unsafe_fixes) {
            return code;
        }
    }
    let fail_on = args.fail_on.map(|f| match f {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    });
    let format = resolve_format(args.format);
    let changes = match &args.changed_since {
        Some(reference) => match Changes::since(reference, &crate::changes::work_tree_dir(&args.paths)) {
            Ok(c) => Some(c),
            Err(e) => {
                eprintln!("error: --changed-since {reference}: {e}");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    // With --changed-since, only changed drafts are checked; the others
    // join the corpus, read for the numbers check only.
    let (targets, unchanged) = match &changes {
        Some(c) => c.split(&found.targets),
        None => (found.targets.clone(), Vec::new()),
    };
    let (mut corpus, corpus_problems) = match corpus_targets(&args, &targets, &resolver) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    if !targets.is_empty() && !unchanged.is_empty() {
        corpus = crate::changes::merge_corpus(corpus, unchanged);
    }
    let progress = Progress::new(targets.len(), progress::Env::detect(args.output.is_some()));
    let tick = || progress.tick();
    let opts = RunOptions {
        threads: args.threads,
        fail_on,
        baseline: match (&args.baseline, args.no_baseline) {
            (_, true) => BaselineChoice::Off,
            (Some(b), _) => BaselineChoice::File(b.clone()),
            (None, false) => BaselineChoice::FromConfig,
        },
        on_file_done: Some(&tick),
        corpus: &corpus,
        all_mentions: false,
        changed: changes.as_ref(),
    };
    let outcome = engine::run_with(&targets, &resolver, &opts);
    progress.finish();
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => return fail(e),
    };

    for p in found
        .problems
        .iter()
        .chain(&corpus_problems)
        .chain(&outcome.io_problems)
    {
        eprintln!("error: {}: {}", report::printable(&p.path), p.message);
    }
    for p in &outcome.skipped {
        eprintln!("note: {}: {}", report::printable(&p.path), p.message);
    }

    let mut summary = Summary::new(outcome.files_checked, &outcome.diagnostics).with_skipped(outcome.skipped.len());
    if !outcome.baselines.is_empty() {
        summary = summary.with_baseline(outcome.baselined, outcome.fixed.len());
    }
    if !corpus.is_empty() {
        summary = summary.with_corpus(outcome.corpus_files);
    }
    let to_file = args.output.is_some();
    let color = if to_file {
        args.color == ColorChoice::Always
    } else {
        use_color(args.color)
    };
    let text = match format {
        OutputFormat::Human => {
            let mut s = String::new();
            if !args.quiet {
                s.push_str(&report::human::render(
                    &outcome.diagnostics,
                    &report::human::HumanOptions { color, width: width() },
                ));
            }
            s.push_str(&summary.line());
            s.push('\n');
            s
        }
        OutputFormat::Concise => report::concise::render(&outcome.diagnostics, &summary),
        // Streamed to standard output below.
        OutputFormat::Json if args.output.is_none() => String::new(),
        OutputFormat::Json => report::json::render(&outcome.diagnostics, summary),
        OutputFormat::Sarif => report::sarif::render(&outcome.diagnostics),
        OutputFormat::Github => report::github::render(&outcome.diagnostics, &summary),
        OutputFormat::Junit => report::junit::render(&outcome.diagnostics, &outcome.checked),
        OutputFormat::Html => report::html::render_check(
            &outcome.diagnostics,
            &summary,
            &outcome.quantities,
            &outcome.conflicts,
            &report::html::Links::for_output(args.output.as_deref()),
        ),
    };
    let mut read = inputs(&found.targets, &corpus);
    read.extend(args.baseline.clone());
    let mut stdout = std::io::stdout().lock();
    let written = match &args.output {
        Some(path) => match atomic::write(path, text.as_bytes(), replace(&read)) {
            Ok(_) => writeln!(stdout, "{}", summary.line()).and_then(|_| stdout.flush()),
            Err(e) => {
                eprintln!("error: cannot write report to {}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        None if format == OutputFormat::Json => {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, &mut stdout);
            report::json::write(&mut w, &outcome.diagnostics, summary).and_then(|_| w.flush())
        }
        None => stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()),
    };
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {e}");
            return ExitCode::from(2);
        }
    }
    report_fixed(&outcome.fixed);

    if !found.problems.is_empty() || !corpus_problems.is_empty() || !outcome.io_problems.is_empty() {
        return ExitCode::from(2);
    }
    if outcome.failing > 0 {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// The corpus of a corpus-aware run: `--corpus` globs (relative to the
/// working directory), else the `corpus` key of each named file's config
/// (relative to that config's directory; each distinct setting once).
fn corpus_targets(
    args: &CheckArgs,
    targets: &[discover::Target],
    resolver: &Resolver,
) -> Result<(Vec<discover::Target>, Vec<discover::IoProblem>), Box<crate::config::ConfigError>> {
    if args.no_corpus || targets.is_empty() {
        return Ok(Default::default());
    }
    if !args.corpus.is_empty() {
        let cwd = crate::fsutil::absolute(std::path::Path::new("."));
        let globs = crate::config::Globs::new(&args.corpus, cwd).map_err(|(i, e)| {
            crate::config::ConfigError::plain(format!("invalid --corpus glob {:?}: {}", args.corpus[i], e.kind()))
        })?;
        return Ok(discover::corpus(&[&globs]));
    }
    let mut configs: Vec<std::sync::Arc<crate::config::Config>> = Vec::new();
    for t in targets {
        let cfg = resolver.for_path(Some(t.path().unwrap_or(std::path::Path::new(t.display()))))?;
        let Some(g) = &cfg.corpus else { continue };
        let seen = configs.iter().any(|c| {
            c.corpus
                .as_ref()
                .is_some_and(|h| h.root == g.root && h.patterns == g.patterns)
        });
        if !seen {
            configs.push(cfg);
        }
    }
    let sets: Vec<&crate::config::Globs> = configs.iter().filter_map(|c| c.corpus.as_ref()).collect();
    Ok(discover::corpus(&sets))
}

/// Baseline entries that no longer match: the file can shrink.
fn report_fixed(fixed: &[baseline::Entry]) {
    if fixed.is_empty() {
        return;
    }
    let n = fixed.len();
    eprintln!(
        "note: {n} baselined finding{} {} fixed; run `citelint baseline` to shrink the file",
        if n == 1 { "" } else { "s" },
        if n == 1 { "is" } else { "are" }
    );
    for e in fixed {
        eprintln!("  fixed: {}: {} {}", e.file, e.code, e.message);
    }
}

fn write_baseline(args: BaselineArgs) -> ExitCode {
    let (resolver, found) = match prepare(&args.paths, &args.source, None, args.force_exclude) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let out_path = match &args.output {
        Some(p) => p.clone(),
        None => match resolver.for_path(None) {
            Ok(cfg) => cfg
                .baseline
                .clone()
                .unwrap_or_else(|| PathBuf::from(baseline::DEFAULT_FILE)),
            Err(e) => return fail(e),
        },
    };
    let progress = Progress::new(found.targets.len(), progress::Env::detect(true));
    let tick = || progress.tick();
    let opts = RunOptions {
        threads: args.threads,
        fail_on: None,
        baseline: BaselineChoice::Off,
        on_file_done: Some(&tick),
        corpus: &[],
        all_mentions: false,
        changed: None,
    };
    let outcome = engine::run_with(&found.targets, &resolver, &opts);
    progress.finish();
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    for p in &outcome.skipped {
        eprintln!("note: {}: {}", report::printable(&p.path), p.message);
    }
    if !found.problems.is_empty() || !outcome.io_problems.is_empty() {
        for p in found.problems.iter().chain(&outcome.io_problems) {
            eprintln!("error: {}: {}", report::printable(&p.path), p.message);
        }
        eprintln!(
            "error: not writing {}: some files could not be read",
            out_path.display()
        );
        return ExitCode::from(2);
    }
    let b = Baseline::empty(&out_path);
    let entries = b.entries(&outcome.diagnostics);
    let n = entries.len();
    let files = entries
        .iter()
        .map(|e| e.file.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let read = inputs(&found.targets, &[]);
    match atomic::write(&out_path, baseline::render(entries).as_bytes(), replace(&read)) {
        Ok(true) => println!(
            "wrote {} ({n} finding{} in {files} file{})",
            out_path.display(),
            if n == 1 { "" } else { "s" },
            if files == 1 { "" } else { "s" }
        ),
        Ok(false) => println!(
            "{} is up to date ({n} finding{})",
            out_path.display(),
            if n == 1 { "" } else { "s" }
        ),
        Err(e) => {
            eprintln!("error: cannot write baseline {}: {e}", out_path.display());
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

/// Every file a run reads (drafts, their sidecars, the corpus): a report or
/// baseline must not overwrite one of them.
fn inputs(targets: &[discover::Target], corpus: &[discover::Target]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in targets.iter().chain(corpus).filter_map(|t| t.path()) {
        out.extend(engine::sidecar_path(p));
        out.push(p.to_path_buf());
    }
    out
}

fn replace(inputs: &[PathBuf]) -> atomic::Policy<'_> {
    atomic::Policy { inputs, replace: true }
}

fn show_config(args: ConfigArgs) -> ExitCode {
    debug_assert!(args.show);
    let resolver = match args.source.resolver() {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let file = args.file.clone().unwrap_or_else(|| PathBuf::from("draft.md"));
    match resolver.for_path(Some(&file)) {
        Ok(cfg) => {
            print!("{}", crate::config_toml::show(&cfg, &file));
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// `citelint numbers`: the quantity ledger. Exit status 0, or 2 on usage,
/// configuration or I/O errors; conflicts do not fail (`check` reports them).
fn numbers(args: NumbersArgs) -> ExitCode {
    let resolver = match args.source.resolver() {
        Ok(r) => r,
        Err(e) => {
            print_error(miette::Report::new(*e));
            return ExitCode::from(2);
        }
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let found = match discover::discover(&paths, args.stdin_filename.as_deref(), &resolver, false) {
        Ok(f) => f,
        Err(e) => {
            print_error(miette::Report::new(*e));
            return ExitCode::from(2);
        }
    };
    let opts = RunOptions {
        threads: args.threads,
        all_mentions: true,
        ..RunOptions::default()
    };
    let outcome = match engine::run_with(&found.targets, &resolver, &opts) {
        Ok(o) => o,
        Err(e) => {
            print_error(miette::Report::new(*e));
            return ExitCode::from(2);
        }
    };
    for p in found.problems.iter().chain(&outcome.io_problems) {
        eprintln!("error: {}: {}", report::printable(&p.path), p.message);
    }
    let text = match args.format {
        LedgerFormat::Text => report::ledger::render_text(&outcome.quantities, &outcome.conflicts),
        LedgerFormat::Json => report::ledger::render_json(&outcome.quantities, &outcome.conflicts),
        LedgerFormat::Html => report::html::render_ledger(
            &outcome.quantities,
            &outcome.conflicts,
            &report::html::Links::for_output(args.output.as_deref()),
        ),
    };
    let written = match &args.output {
        Some(path) => {
            let read = inputs(&found.targets, &[]);
            match atomic::write(path, text.as_bytes(), replace(&read)) {
                Ok(_) => {
                    eprintln!("wrote {}", path.display());
                    Ok(())
                }
                Err(e) => {
                    eprintln!("error: cannot write the ledger to {}: {e}", path.display());
                    return ExitCode::from(2);
                }
            }
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush())
        }
    };
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {e}");
            return ExitCode::from(2);
        }
    }
    if !found.problems.is_empty() || !outcome.io_problems.is_empty() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
