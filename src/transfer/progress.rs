//! Transfer progress: an `indicatif` bar (bytes, total, rate, ETA) when stderr is a terminal,
//! otherwise a plain line every few seconds, so logs of scripted runs show the upload moving
//! without control characters. The count lives in the bar's atomic position either way.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output::Output;

/// How often the plain (non-terminal) display prints a line.
pub const PLAIN_INTERVAL: Duration = Duration::from_secs(5);

const TEMPLATE: &str = "{bytes}/{total_bytes} [{wide_bar}] {percent}% {binary_bytes_per_sec} ETA {eta}";
/// When the size is not known (a streamed download): bytes and rate only.
const UNSIZED_TEMPLATE: &str = "Downloading file: {bytes} {spinner} {binary_bytes_per_sec}";

/// Counts transferred bytes and shows them. Cheap to clone; clones share the count.
#[derive(Clone)]
pub struct Meter {
    bar: ProgressBar,
    started: Arc<Mutex<Instant>>,
    ticker: Arc<Mutex<Option<tokio::task::JoinHandle<()>>>>,
}

impl Meter {
    /// A meter over `total` bytes (0: not known), drawn as a bar when `terminal`, else as
    /// periodic lines (which need a running tokio runtime).
    pub fn start(total: u64, terminal: bool, out: Output) -> Meter {
        if terminal {
            let bar = ProgressBar::with_draw_target((total > 0).then_some(total), ProgressDrawTarget::stderr());
            let template = if total > 0 { TEMPLATE } else { UNSIZED_TEMPLATE };
            let style = ProgressStyle::with_template(template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            return Meter::around(bar);
        }
        let meter = Meter::hidden(total);
        let bar = meter.bar.clone();
        let ticker = tokio::spawn(async move {
            let mut interval = tokio::time::interval(PLAIN_INTERVAL);
            interval.tick().await;
            loop {
                interval.tick().await;
                out.note(plain_line(bar.position(), total, bar.per_sec()));
            }
        });
        *meter.ticker.lock().unwrap_or_else(|e| e.into_inner()) = Some(ticker);
        meter
    }

    /// A meter that shows nothing.
    pub fn hidden(total: u64) -> Meter {
        Meter::around(
            ProgressBar::hidden()
                .with_position(0)
                .with_style(ProgressStyle::default_bar()),
        )
        .with_total(total)
    }

    fn around(bar: ProgressBar) -> Meter {
        Meter {
            bar,
            started: Arc::new(Mutex::new(Instant::now())),
            ticker: Arc::new(Mutex::new(None)),
        }
    }

    fn with_total(self, total: u64) -> Meter {
        self.bar.set_length(total);
        self
    }

    pub fn add(&self, bytes: u64) {
        self.bar.inc(bytes);
    }

    #[cfg(test)]
    pub fn position(&self) -> u64 {
        self.bar.position()
    }

    /// Back to zero for a new attempt (the rate and ETA start over too).
    pub fn reset(&self) {
        self.bar.reset();
        *self.started.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
    }

    /// Stops the display; returns the bytes of the last attempt and how long it took.
    pub fn finish(&self) -> (u64, Duration) {
        if let Some(ticker) = self.ticker.lock().unwrap_or_else(|e| e.into_inner()).take() {
            ticker.abort();
        }
        self.bar.abandon();
        let elapsed = self.started.lock().unwrap_or_else(|e| e.into_inner()).elapsed();
        (self.bar.position(), elapsed)
    }
}

/// One plain progress line, e.g. `1.00 GiB of 4.00 GiB (25%), 812.40 MiB/s` (without the total
/// when it is 0, not known).
pub fn plain_line(done: u64, total: u64, per_sec: f64) -> String {
    if total == 0 && done > 0 {
        return format!("{}, {}/s", HumanBytes(done), HumanBytes(per_sec as u64));
    }
    let percent = (done as f64 * 100.0 / total.max(1) as f64).floor().min(100.0);
    format!(
        "{} of {} ({percent}%), {}/s",
        HumanBytes(done),
        HumanBytes(total),
        HumanBytes(per_sec as u64)
    )
}

/// The closing summary, e.g. `4.00 GiB in 5.2s (787.69 MiB/s)`.
pub fn summary(bytes: u64, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64().max(0.001);
    format!(
        "{} in {:.1}s ({}/s)",
        HumanBytes(bytes),
        secs,
        HumanBytes((bytes as f64 / secs) as u64)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_read_well() {
        assert_eq!(
            plain_line(1 << 30, 4 << 30, 1_048_576.0),
            "1.00 GiB of 4.00 GiB (25%), 1.00 MiB/s"
        );
        assert_eq!(plain_line(0, 0, 0.0), "0 B of 0 B (0%), 0 B/s");
        assert_eq!(
            summary(2 << 30, Duration::from_secs(2)),
            "2.00 GiB in 2.0s (1.00 GiB/s)"
        );
    }

    #[test]
    fn reset_starts_over() {
        let meter = Meter::hidden(100);
        meter.add(60);
        assert_eq!(meter.position(), 60);
        meter.reset();
        assert_eq!(meter.position(), 0);
        meter.add(100);
        assert_eq!(meter.finish().0, 100);
    }
}
