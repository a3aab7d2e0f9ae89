//! `-v`: what kubectl users reach for when a request misbehaves. At level 6 each API request is
//! one line on stderr (method, URL, status, time), at 7 the request headers we set come before
//! it, at 8 the bodies too (truncated). Credentials never appear: `Authorization` is added by the
//! client below us and is never seen here, and JSON fields named like a credential (`token`,
//! `password`, ...) are masked in bodies. Upstream virtctl prints nothing at these levels.

use std::time::Duration;

use serde_json::Value;

use crate::output::Output;

/// kubectl's level for one line per request.
pub const REQUESTS: i32 = 6;
/// kubectl's level for request headers.
pub const HEADERS: i32 = 7;
/// kubectl's level for (truncated) bodies.
pub const BODIES: i32 = 8;

/// Body bytes shown at [`BODIES`].
const BODY_LIMIT: usize = 1024;
/// JSON fields whose values are credentials.
const SECRET_FIELDS: &[&str] = &["token", "password", "bearerToken", "x-kubevirt-export-token"];

/// The trace of one request, written to stderr as the level asks.
#[derive(Debug, Clone, Copy, Default)]
pub struct Trace {
    pub level: i32,
}

impl Trace {
    /// Before sending: the headers (level 7) and the body (level 8).
    pub fn request(&self, method: &str, url: &str, headers: &[(&str, &str)], body: Option<&[u8]>) {
        if self.level < HEADERS {
            return;
        }
        let mut text = format!("{method} {url}\nRequest Headers:");
        for (name, value) in headers {
            text.push_str(&format!("\n    {name}: {value}"));
        }
        if let Some(body) = body.filter(|b| !b.is_empty() && self.level >= BODIES) {
            text.push_str(&format!("\nRequest Body: {}", shown_body(body)));
        }
        Output.note(text);
    }

    /// After the answer (or the failure to get one: `status` empty).
    pub fn response(&self, method: &str, url: &str, status: &str, took: Duration, body: Option<&[u8]>) {
        if self.level < REQUESTS {
            return;
        }
        let millis = took.as_millis();
        let mut text = if self.level >= HEADERS {
            format!("Response Status: {status} in {millis} milliseconds")
        } else {
            format!("{method} {url} {status} in {millis} milliseconds")
        };
        if let Some(body) = body.filter(|b| !b.is_empty() && self.level >= BODIES) {
            text.push_str(&format!("\nResponse Body: {}", shown_body(body)));
        }
        Output.note(text);
    }
}

/// A body as shown: JSON with credential fields masked, cut at [`BODY_LIMIT`] bytes.
fn shown_body(body: &[u8]) -> String {
    let text = match serde_json::from_slice::<Value>(body) {
        Ok(mut json) => {
            mask(&mut json);
            json.to_string()
        }
        Err(_) => String::from_utf8_lossy(body).into_owned(),
    };
    if text.len() <= BODY_LIMIT {
        return text;
    }
    let cut = (0..=BODY_LIMIT).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
    format!("{}... ({} bytes in all)", &text[..cut], text.len())
}

fn mask(value: &mut Value) {
    match value {
        Value::Object(fields) => {
            for (name, field) in fields.iter_mut() {
                if SECRET_FIELDS.iter().any(|s| s.eq_ignore_ascii_case(name)) && field.is_string() {
                    *field = Value::String("<masked>".into());
                } else {
                    mask(field);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_bodies_are_masked_at_any_depth() {
        let body = br#"{"apiVersion":"upload.cdi.kubevirt.io/v1beta1","status":{"token":"eyJhbGciOi"},"items":[{"password":"hunter2"}]}"#;
        let shown = shown_body(body);
        assert!(!shown.contains("eyJhbGciOi") && !shown.contains("hunter2"), "{shown}");
        assert_eq!(shown.matches("<masked>").count(), 2, "{shown}");
    }

    #[test]
    fn long_bodies_are_cut_on_a_character_boundary() {
        let body = "é".repeat(2000);
        let shown = shown_body(body.as_bytes());
        assert!(
            shown.ends_with("... (4000 bytes in all)"),
            "{}",
            &shown[shown.len() - 40..]
        );
        assert!(shown.len() < 1100);
    }
}
