//! API-server faults for reliability tests, set through [`crate::Sim::fail_api`]: the next
//! requests whose method and path match answer a status with the API server's own `Status`
//! body, as a throttling API server does (429 TooManyRequests with `Retry-After`, from its
//! max-in-flight filter) or an overloaded or restarting one (500, 503, 504); or, set through
//! [`crate::Sim::cut_api`], get no answer at all: the connection is closed once the request is
//! read, as when a load balancer in front of the API server or the server itself goes away
//! mid-request.

use std::sync::Mutex;

use crate::status::ApiError;

/// Requests that will fail, in the order they were set.
#[derive(Debug, Default)]
pub struct ApiFaults {
    pending: Mutex<Vec<ApiFault>>,
}

#[derive(Debug, Clone)]
struct ApiFault {
    method: String,
    path_suffix: String,
    answer: Answer,
    left: u32,
}

/// What a faulty request gets.
#[derive(Debug, Clone, Copy)]
enum Answer {
    Status {
        status: u16,
        retry_after: Option<u32>,
    },
    /// the connection is closed without a response
    Cut,
}

/// What [`ApiFaults::take`] decided for one request.
#[derive(Debug)]
pub enum Fault {
    /// answer this error, with `Retry-After` seconds when given
    Status(ApiError, Option<u32>),
    /// close the connection without answering
    Cut,
}

impl ApiFaults {
    /// The next `times` requests `METHOD ...path_suffix` answer `status` (with `Retry-After`
    /// when given).
    pub fn add(&self, method: &str, path_suffix: &str, status: u16, retry_after: Option<u32>, times: u32) {
        self.push(method, path_suffix, Answer::Status { status, retry_after }, times);
    }

    /// The next `times` requests `METHOD ...path_suffix` are read and get no answer: their
    /// connection is closed.
    pub fn cut(&self, method: &str, path_suffix: &str, times: u32) {
        self.push(method, path_suffix, Answer::Cut, times);
    }

    fn push(&self, method: &str, path_suffix: &str, answer: Answer, times: u32) {
        self.lock().push(ApiFault {
            method: method.to_string(),
            path_suffix: path_suffix.to_string(),
            answer,
            left: times,
        });
    }

    /// The fault this request meets, if any.
    pub fn take(&self, method: &str, path: &str) -> Option<Fault> {
        let mut pending = self.lock();
        let fault = pending
            .iter_mut()
            .find(|f| f.left > 0 && f.method == method && path.ends_with(&f.path_suffix))?;
        fault.left -= 1;
        Some(match fault.answer {
            Answer::Status { status, retry_after } => Fault::Status(error_for(status, retry_after), retry_after),
            Answer::Cut => Fault::Cut,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<ApiFault>> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The API server's `Status` for each fault status.
fn error_for(status: u16, retry_after: Option<u32>) -> ApiError {
    let retry = retry_after.map(|s| serde_json::json!({"retryAfterSeconds": s}));
    match status {
        429 => ApiError::new(
            429,
            "TooManyRequests",
            "Too many requests, please try again later.",
            retry,
        ),
        503 => ApiError::new(
            503,
            "ServiceUnavailable",
            "the server is currently unable to handle the request",
            retry,
        ),
        504 => ApiError::new(
            504,
            "Timeout",
            "Timeout: request did not complete within requested timeout - context deadline exceeded",
            retry,
        ),
        code => ApiError::new(
            code,
            "InternalError",
            "Internal error occurred: the server is restarting",
            retry,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_matches_its_method_and_path_and_runs_out() {
        let faults = ApiFaults::default();
        faults.add("PUT", "/start", 429, Some(1), 2);
        assert!(faults.take("GET", "/x/start").is_none());
        let Some(Fault::Status(err, retry)) = faults.take("PUT", "/x/start") else {
            panic!("the first request fails");
        };
        assert_eq!((err.code, retry), (429, Some(1)));
        assert!(faults.take("PUT", "/x/start").is_some());
        assert!(faults.take("PUT", "/x/start").is_none());
    }

    #[test]
    fn a_cut_is_taken_once_per_time() {
        let faults = ApiFaults::default();
        faults.cut("GET", "/vmi1", 1);
        assert!(matches!(faults.take("GET", "/ns/vmi1"), Some(Fault::Cut)));
        assert!(faults.take("GET", "/ns/vmi1").is_none());
    }
}
