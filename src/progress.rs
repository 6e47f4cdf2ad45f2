//! A progress bar on stderr for long runs (indicatif).
//!
//! Shown only when a person is watching: stderr is a terminal, the report is
//! not being piped (stdout is a terminal too, or the report goes to
//! `--output`), `CI` is unset and `TERM` is not `dumb`. Even then it appears
//! only for a long run: at once for more than `MANY_FILES` files, otherwise
//! once the run has taken `DELAY`. It is cleared before the report prints.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub const MANY_FILES: usize = 200;
pub const DELAY: Duration = Duration::from_secs(1);

/// What the environment says about showing a bar.
#[derive(Debug, Clone, Copy)]
pub struct Env {
    pub stderr_tty: bool,
    /// stdout is a terminal, or the report goes to a file.
    pub report_not_piped: bool,
    /// `CI` set to a non-empty value.
    pub ci: bool,
    pub dumb_term: bool,
}

impl Env {
    pub fn detect(report_to_file: bool) -> Self {
        Env {
            stderr_tty: std::io::stderr().is_terminal(),
            report_not_piped: report_to_file || std::io::stdout().is_terminal(),
            ci: std::env::var_os("CI").is_some_and(|v| !v.is_empty()),
            dumb_term: std::env::var_os("TERM").is_some_and(|v| v == "dumb"),
        }
    }

    /// Whether a bar may be drawn at all.
    pub fn allows_bar(&self) -> bool {
        self.stderr_tty && self.report_not_piped && !self.ci && !self.dumb_term
    }
}

pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    shown: AtomicBool,
}

impl Progress {
    /// A bar for `total` files, or an inert one when the environment does
    /// not allow it.
    pub fn new(total: usize, env: Env) -> Self {
        let bar = env.allows_bar().then(|| {
            let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template("{spinner} {pos}/{len} files [{bar:30}] {elapsed}") {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        let p = Progress {
            bar,
            start: Instant::now(),
            shown: AtomicBool::new(false),
        };
        if total > MANY_FILES {
            p.show();
        }
        p
    }

    /// A bar that never draws.
    pub fn hidden() -> Self {
        Progress {
            bar: None,
            start: Instant::now(),
            shown: AtomicBool::new(false),
        }
    }

    fn show(&self) {
        if let Some(bar) = &self.bar {
            if !self.shown.swap(true, Ordering::Relaxed) {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }
    }

    /// One more file done (called from worker threads).
    pub fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            if !self.shown.load(Ordering::Relaxed) && self.start.elapsed() >= DELAY {
                self.show();
            }
        }
    }

    /// Clears the bar (before the report is printed).
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    pub fn is_visible(&self) -> bool {
        self.shown.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(stderr_tty: bool, report_not_piped: bool, ci: bool) -> Env {
        Env {
            stderr_tty,
            report_not_piped,
            ci,
            dumb_term: false,
        }
    }

    #[test]
    fn only_for_a_person_watching() {
        assert!(env(true, true, false).allows_bar());
        assert!(!env(false, true, false).allows_bar(), "stderr not a terminal");
        assert!(!env(true, false, false).allows_bar(), "report piped");
        assert!(!env(true, true, true).allows_bar(), "CI");
    }

    #[test]
    fn long_runs_show_at_once_short_ones_wait() {
        let many = Progress::new(MANY_FILES + 1, env(true, true, false));
        assert!(many.is_visible());
        many.finish();
        let few = Progress::new(3, env(true, true, false));
        few.tick();
        assert!(!few.is_visible(), "a short run stays quiet before the delay");
        few.finish();
        let ci = Progress::new(MANY_FILES + 1, env(true, true, true));
        assert!(!ci.is_visible());
    }
}
