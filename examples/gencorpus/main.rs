//! Writes a deterministic corpus of synthetic fact-check drafts.
//!
//! ```sh
//! cargo run --release --example gencorpus -- --files 10000 --seed 1 target/bench-corpus/10000
//! ```
//!
//! Same `--files`, `--seed` and knobs give byte-identical output. Besides the
//! drafts (and their `.sources.toml` sidecars), OUT gets `manifest.tsv` (each
//! draft's path, source format, defect and topic) and `.gencorpus` (the
//! options). See `gen.rs` for what the drafts contain.

mod gen;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str =
    "usage: gencorpus --files N [--seed S] [--defect-rate R] [--md-share R] [--per-dir N] [--threads N] OUT

  --files N        number of drafts (required)
  --seed S         seed (default 1); same N and seed give identical output
  --defect-rate R  share of drafts with exactly one defect, 0..1 (default 0.3)
  --md-share R     share of Markdown drafts, 0..1 (default 0.55)
  --per-dir N      drafts per leaf directory (default 100)
  --threads N      writer threads (default: available cores); output does not depend on it
  --print-stamp    print the `.gencorpus` line these options would write, write nothing";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gencorpus: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse<T: std::str::FromStr>(flag: &str, v: Option<String>) -> Result<T, String> {
    let v = v.ok_or_else(|| format!("{flag} needs a value"))?;
    v.parse().map_err(|_| format!("invalid value for {flag}: {v}"))
}

fn run() -> Result<(), String> {
    let mut opts = gen::Options::default();
    let mut files = None;
    let mut out = None;
    let mut threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut print_stamp = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--files" => files = Some(parse::<usize>(&a, args.next())?),
            "--seed" => opts.seed = parse(&a, args.next())?,
            "--defect-rate" => opts.defect_rate = parse(&a, args.next())?,
            "--md-share" => opts.md_share = parse(&a, args.next())?,
            "--per-dir" => opts.per_dir = parse(&a, args.next())?,
            "--threads" => threads = parse(&a, args.next())?,
            "--print-stamp" => print_stamp = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ if out.is_none() => out = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument {a}")),
        }
    }
    opts.files = files.ok_or("--files is required")?;
    if print_stamp {
        print!("{}", opts.stamp());
        return Ok(());
    }
    let out = out.ok_or("OUT directory is required")?;
    if !(0.0..=1.0).contains(&opts.defect_rate) || !(0.0..=1.0).contains(&opts.md_share) {
        return Err("rates must be between 0 and 1".into());
    }
    if opts.per_dir == 0 {
        return Err("--per-dir must be at least 1".into());
    }
    let t = Instant::now();
    let stats = gen::write_corpus(&opts, &out, threads).map_err(|e| format!("{}: {e}", out.display()))?;
    let secs = t.elapsed().as_secs_f64();
    let defects: Vec<String> = gen::Defect::ALL
        .iter()
        .zip(stats.defects)
        .map(|(d, n)| format!("{} {n}", d.name()))
        .collect();
    eprintln!(
        "gencorpus: {} drafts + {} sidecars in {} ({:.1} MB of drafts, mean {:.0} bytes) in {secs:.2}s\n  defects: {}",
        stats.drafts,
        stats.sidecars,
        out.display(),
        stats.draft_bytes as f64 / 1e6,
        stats.mean_draft_bytes(),
        defects.join(", ")
    );
    Ok(())
}
