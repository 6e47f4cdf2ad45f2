//! Command-line interface: clap definitions and the glue from arguments to
//! the library. Exit codes: 0 clean, 1 findings at or above the failing
//! severity, 2 usage, configuration or I/O errors.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::Resolver;
use crate::diagnostic::Severity;
use crate::discover;
use crate::engine;
use crate::report::{self, Summary};
use crate::rules;

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
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Rich diagnostics with source snippets (miette).
    Human,
    /// One JSON document (schema in README).
    Json,
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

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check (`-` reads standard input). Default: `.`
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Use this config file for every draft instead of discovering citelint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore all configuration files.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
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
    /// Apply `exclude` globs to files named on the command line too (for pre-commit).
    #[arg(long)]
    pub force_exclude: bool,
    /// Print only the summary line (human format).
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct SentencesArgs {
    /// Files or directories (`-` reads standard input).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Use this config file instead of discovering citelint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore all configuration files.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
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
        Command::Check(args) => check(args),
        Command::Sentences(args) => sentences(args),
        Command::Explain { rule } => match rules::lookup(&rule) {
            Some(r) => {
                print!("{}", rules::explain(r));
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
                    for r in rules::ALL {
                        println!("{:<7} {:<22} {:<8} {}", r.code, r.name, r.default_severity, r.summary);
                    }
                }
                ListFormat::Json => {
                    let list: Vec<_> = rules::ALL
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
        let resolver = Resolver::new(args.config.as_deref(), args.isolated)?;
        let found = discover::discover(&args.paths, args.stdin_filename.as_deref(), &resolver, false)?;
        let (files, problems) = engine::classify(&found.targets, &resolver)?;
        for p in found.problems.iter().chain(&problems) {
            eprintln!("error: {}: {}", p.path, p.message);
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

fn check(args: CheckArgs) -> ExitCode {
    let resolver = match Resolver::new(args.config.as_deref(), args.isolated) {
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
    let found = match discover::discover(&paths, args.stdin_filename.as_deref(), &resolver, args.force_exclude) {
        Ok(f) => f,
        Err(e) => {
            print_error(miette::Report::new(*e));
            return ExitCode::from(2);
        }
    };
    if found.targets.is_empty() && found.problems.is_empty() {
        eprintln!("warning: no drafts found under the given paths (looked for .md, .markdown and .txt unless configured otherwise)");
    }
    let fail_on = args.fail_on.map(|f| match f {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    });
    let outcome = match engine::run(&found.targets, &resolver, args.threads, fail_on) {
        Ok(o) => o,
        Err(e) => {
            print_error(miette::Report::new(*e));
            return ExitCode::from(2);
        }
    };

    for p in found.problems.iter().chain(&outcome.io_problems) {
        eprintln!("error: {}: {}", p.path, p.message);
    }
    for p in &outcome.skipped {
        eprintln!("note: {}: {}", p.path, p.message);
    }

    let summary = Summary::new(outcome.files_checked, &outcome.diagnostics);
    let mut stdout = std::io::stdout().lock();
    let text = match args.format {
        OutputFormat::Human => {
            let mut s = String::new();
            if !args.quiet {
                s.push_str(&report::human::render(
                    &outcome.diagnostics,
                    &report::human::HumanOptions {
                        color: use_color(args.color),
                        width: width(),
                    },
                ));
            }
            s.push_str(&summary.line());
            s.push('\n');
            s
        }
        OutputFormat::Json => report::json::render(&outcome.diagnostics, summary),
    };
    if let Err(e) = stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {e}");
            return ExitCode::from(2);
        }
    }

    if !found.problems.is_empty() || !outcome.io_problems.is_empty() {
        return ExitCode::from(2);
    }
    if outcome.failing > 0 {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
