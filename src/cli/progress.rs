//! A progress bar on standard error, shown only on a terminal and only once
//! the work has taken a couple of seconds.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How long work must run before a bar appears.
const SHOW_AFTER: Duration = Duration::from_secs(2);

/// Progress over the input bytes.
pub struct Progress {
    enabled: bool,
    start: Instant,
    total: Option<u64>,
    done: u64,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Progress towards `total` bytes (unknown for standard input). Drawn
    /// only when `allowed`, standard error is a terminal and standard output
    /// is not (results scrolling past would garble the bar).
    pub fn new(allowed: bool, total: Option<u64>) -> Self {
        let terminal = std::io::stderr().is_terminal() && !std::io::stdout().is_terminal();
        Progress {
            enabled: allowed && terminal,
            start: Instant::now(),
            total,
            done: 0,
            bar: None,
        }
    }

    /// `n` more input bytes are done.
    pub fn advance(&mut self, n: u64) {
        self.done += n;
        if let Some(bar) = &self.bar {
            bar.set_position(self.done);
        }
    }

    /// Shows the bar once the work has gone on long enough.
    pub fn tick(&mut self) {
        if self.bar.is_some() || !self.enabled || self.start.elapsed() < SHOW_AFTER {
            return;
        }
        let bar = match self.total {
            Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
                .with_style(
                    ProgressStyle::with_template(
                        "{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
                ProgressStyle::with_template("{spinner} {bytes} {binary_bytes_per_sec}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        bar.set_position(self.done);
        bar.enable_steady_tick(Duration::from_millis(200));
        self.bar = Some(bar);
    }

    /// Prints a message line on standard error without garbling the bar.
    pub fn println(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{message}")),
            None => eprintln!("{message}"),
        }
    }

    /// Removes the bar.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
