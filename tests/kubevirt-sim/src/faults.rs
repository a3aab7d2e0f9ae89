//! Fault knobs for the upload path, set by tests through [`crate::Sim::faults`]. Each knob
//! imitates something that happens on real clusters: an upload pod restarting (the proxy answers
//! 503 after its readiness wait), a connection cut mid-stream, a slow disk behind the upload
//! server (backpressure), CDI rejecting the data (400 with a reason), an expired token (401).

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// CDI's upload proxy waits this long for the upload pod to be ready before answering 503.
pub const PROXY_READY_WAIT: Duration = Duration::from_secs(10);

#[derive(Debug)]
struct Knobs {
    proxy_ready_wait: Duration,
    not_ready_for: Option<Duration>,
    not_ready_until: Option<Instant>,
    drop_after: Option<(u64, u32)>,
    bytes_per_sec: Option<u64>,
    reject: Option<(u16, String, u32)>,
    unauthorized: (u32, u32),
    export: ExportKnobs,
}

/// The export server's knobs (`export.rs`).
#[derive(Debug, Default, Clone)]
struct ExportKnobs {
    cut_after: Option<(u64, u32)>,
    stall_after: Option<(u64, u32)>,
    fail: Option<(u16, u32)>,
    ignore_range: bool,
}

impl Default for Knobs {
    fn default() -> Self {
        Knobs {
            proxy_ready_wait: PROXY_READY_WAIT,
            not_ready_for: None,
            not_ready_until: None,
            drop_after: None,
            bytes_per_sec: None,
            reject: None,
            unauthorized: (0, 0),
            export: ExportKnobs::default(),
        }
    }
}

/// The upload-path faults of one simulator. All knobs are off by default.
#[derive(Debug, Default)]
pub struct Faults {
    knobs: Mutex<Knobs>,
}

impl Faults {
    fn with<T>(&self, f: impl FnOnce(&mut Knobs) -> T) -> T {
        f(&mut self.knobs.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// How long the proxy waits for the upload pod before its 503 (CDI: 10 s).
    pub fn set_proxy_ready_wait(&self, wait: Duration) {
        self.with(|k| k.proxy_ready_wait = wait);
    }

    pub fn proxy_ready_wait(&self) -> Duration {
        self.with(|k| k.proxy_ready_wait)
    }

    /// The upload pod goes unready for `duration` from the first upload-proxy request on (as a
    /// restarting pod does): the proxy answers 503 meanwhile.
    pub fn not_ready_for(&self, duration: Duration) {
        self.with(|k| {
            k.not_ready_for = Some(duration);
            k.not_ready_until = None;
        });
    }

    /// Whether the upload pod is (simulated) unready now; starts the clock on first use.
    pub fn pod_unready_now(&self) -> bool {
        self.with(|k| {
            if let Some(d) = k.not_ready_for.take() {
                k.not_ready_until = Some(Instant::now() + d);
            }
            k.not_ready_until.is_some_and(|until| Instant::now() < until)
        })
    }

    /// Cut the connection after `bytes` bytes of the body, for the next `times` uploads.
    pub fn drop_after(&self, bytes: u64, times: u32) {
        self.with(|k| k.drop_after = Some((bytes, times)));
    }

    /// The byte count at which this upload is to be cut, if one is due (consumes one).
    pub fn take_drop(&self) -> Option<u64> {
        self.with(|k| match k.drop_after {
            Some((bytes, times)) if times > 0 => {
                k.drop_after = if times > 1 { Some((bytes, times - 1)) } else { None };
                Some(bytes)
            }
            _ => None,
        })
    }

    /// Read upload bodies no faster than `bytes_per_sec` (`None`: as fast as they come).
    pub fn slow_reader(&self, bytes_per_sec: Option<u64>) {
        self.with(|k| k.bytes_per_sec = bytes_per_sec);
    }

    pub fn reader_rate(&self) -> Option<u64> {
        self.with(|k| k.bytes_per_sec)
    }

    /// Answer the next `times` uploads with `code` and `Saving stream failed: {reason}`, after
    /// reading the body, as the upload server does when processing fails.
    pub fn reject(&self, code: u16, reason: &str, times: u32) {
        self.with(|k| k.reject = Some((code, reason.to_string(), times)));
    }

    pub fn take_reject(&self) -> Option<(u16, String)> {
        self.with(|k| match k.reject.take() {
            Some((code, reason, times)) if times > 0 => {
                if times > 1 {
                    k.reject = Some((code, reason.clone(), times - 1));
                }
                Some((code, reason))
            }
            _ => None,
        })
    }

    /// After letting `skip` upload POSTs through, refuse the token of the next `times` with 401
    /// (a token that expired meanwhile).
    pub fn unauthorized(&self, skip: u32, times: u32) {
        self.with(|k| k.unauthorized = (skip, times));
    }

    pub fn take_unauthorized(&self) -> bool {
        self.with(|k| match k.unauthorized {
            (0, 0) => false,
            (0, times) => {
                k.unauthorized = (0, times - 1);
                true
            }
            (skip, times) => {
                k.unauthorized = (skip - 1, times);
                false
            }
        })
    }
}

/// Takes one use of a counted knob.
fn take_counted<T: Copy>(knob: &mut Option<(T, u32)>) -> Option<T> {
    match *knob {
        Some((value, times)) if times > 0 => {
            *knob = (times > 1).then_some((value, times - 1));
            Some(value)
        }
        _ => None,
    }
}

/// The export server's faults: a body cut or stalled mid-way, 5xx answers, a server that
/// ignores Range (as some proxies in front of it do).
impl Faults {
    /// Cut the connection after `bytes` bytes of the body, for the next `times` downloads.
    pub fn export_cut_after(&self, bytes: u64, times: u32) {
        self.with(|k| k.export.cut_after = Some((bytes, times)));
    }

    pub fn take_export_cut(&self) -> Option<u64> {
        self.with(|k| take_counted(&mut k.export.cut_after))
    }

    /// Stop sending (keeping the connection open) after `bytes` bytes, for the next `times`
    /// downloads.
    pub fn export_stall_after(&self, bytes: u64, times: u32) {
        self.with(|k| k.export.stall_after = Some((bytes, times)));
    }

    pub fn take_export_stall(&self) -> Option<u64> {
        self.with(|k| take_counted(&mut k.export.stall_after))
    }

    /// Answer the next `times` export requests with `code` (a 5xx from the server or a proxy).
    pub fn export_fail(&self, code: u16, times: u32) {
        self.with(|k| k.export.fail = Some((code, times)));
    }

    pub fn take_export_fail(&self) -> Option<u16> {
        self.with(|k| take_counted(&mut k.export.fail))
    }

    /// Answer Range requests with the whole body and 200.
    pub fn export_ignore_range(&self, ignore: bool) {
        self.with(|k| k.export.ignore_range = ignore);
    }

    pub fn export_ignores_range(&self) -> bool {
        self.with(|k| k.export.ignore_range)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_knobs_run_out() {
        let f = Faults::default();
        f.drop_after(10, 2);
        assert_eq!(f.take_drop(), Some(10));
        assert_eq!(f.take_drop(), Some(10));
        assert_eq!(f.take_drop(), None);
        f.reject(400, "no", 1);
        assert_eq!(f.take_reject(), Some((400, "no".into())));
        assert_eq!(f.take_reject(), None);
        f.unauthorized(1, 1);
        assert!(!f.take_unauthorized());
        assert!(f.take_unauthorized());
        assert!(!f.take_unauthorized());
    }

    #[test]
    fn unready_clock_starts_on_first_look() {
        let f = Faults::default();
        assert!(!f.pod_unready_now());
        f.not_ready_for(Duration::from_millis(50));
        assert!(f.pod_unready_now());
        std::thread::sleep(Duration::from_millis(60));
        assert!(!f.pod_unready_now());
    }
}
