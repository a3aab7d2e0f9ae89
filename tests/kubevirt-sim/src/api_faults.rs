//! API-server faults for reliability tests, set through [`crate::Sim::fail_api`]: the next
//! requests whose method and path match answer a status with the API server's own `Status`
//! body, as a throttling API server does (429 TooManyRequests with `Retry-After`, from its
//! max-in-flight filter) or an overloaded or restarting one (500, 503, 504).

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
    status: u16,
    retry_after: Option<u32>,
    left: u32,
}

impl ApiFaults {
    /// The next `times` requests `METHOD ...path_suffix` answer `status` (with `Retry-After`
    /// when given).
    pub fn add(&self, method: &str, path_suffix: &str, status: u16, retry_after: Option<u32>, times: u32) {
        self.lock().push(ApiFault {
            method: method.to_string(),
            path_suffix: path_suffix.to_string(),
            status,
            retry_after,
            left: times,
        });
    }

    /// The fault this request meets, if any: the error and the `Retry-After` seconds.
    pub fn take(&self, method: &str, path: &str) -> Option<(ApiError, Option<u32>)> {
        let mut pending = self.lock();
        let fault = pending
            .iter_mut()
            .find(|f| f.left > 0 && f.method == method && path.ends_with(&f.path_suffix))?;
        fault.left -= 1;
        Some((error_for(fault.status, fault.retry_after), fault.retry_after))
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
        let (err, retry) = faults.take("PUT", "/x/start").expect("first");
        assert_eq!((err.code, retry), (429, Some(1)));
        assert!(faults.take("PUT", "/x/start").is_some());
        assert!(faults.take("PUT", "/x/start").is_none());
    }
}
