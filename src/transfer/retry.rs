//! Retrying a transfer that failed transiently: how many attempts, and the growing pause before
//! each retry. The upload uses it; the export download will too.

use std::time::Duration;

/// The pause before retry `attempt` (1-based): 0.5 s doubling to 8 s, so a restarting upload pod
/// has time to come back (upstream sleeps at most a few hundred milliseconds in total).
pub fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(500u64 << (attempt.saturating_sub(1)).min(4))
}

/// At most `total` attempts of one transfer, with a [`backoff`] pause before each retry.
#[derive(Debug)]
pub struct Attempts {
    total: u32,
    next: u32,
}

impl Attempts {
    pub fn new(total: u32) -> Attempts {
        Attempts { total, next: 0 }
    }

    /// The number of the next attempt (0 for the first), or `None` once all are used. Before a
    /// retry it pauses, telling `announce` the retry's number and the pause first.
    pub async fn next(&mut self, announce: impl FnOnce(u32, Duration)) -> Option<u32> {
        let attempt = self.next;
        if attempt >= self.total {
            return None;
        }
        self.next += 1;
        if attempt > 0 {
            let pause = backoff(attempt);
            announce(attempt, pause);
            tokio::time::sleep(pause).await;
        }
        Some(attempt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_caps() {
        assert_eq!(backoff(1), Duration::from_millis(500));
        assert_eq!(backoff(2), Duration::from_secs(1));
        assert_eq!(backoff(9), Duration::from_secs(8));
    }

    #[tokio::test]
    async fn attempts_pause_only_before_retries() {
        let mut attempts = Attempts::new(2);
        let mut announced = Vec::new();
        let mut numbers = Vec::new();
        while let Some(attempt) = attempts.next(|n, pause| announced.push((n, pause))).await {
            numbers.push(attempt);
        }
        assert_eq!(numbers, [0, 1]);
        assert_eq!(announced, [(1, Duration::from_millis(500))]);
    }
}
