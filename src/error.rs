//! The one error type of virtctl: what went wrong in words the user can act on, and the exit
//! status that goes with it.
//!
//! `Display` is the single line upstream virtctl prints (so scripts that match on it keep
//! working); [`Error::hint`] is an optional second line that tells the user what to do.

/// A failure reported by the Kubernetes or KubeVirt API: an HTTP status with its decoded message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status code.
    pub code: u16,
    /// The `Status.reason` when the server sent a `Status` (`NotFound`, `Conflict`, ...).
    pub reason: Option<String>,
    /// The text client-go would show: the `Status.message`, or a generic text for the code.
    pub message: String,
}

impl ApiError {
    pub fn is_not_found(&self) -> bool {
        self.code == 404
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad arguments or flags: the user must change the command line.
    #[error("{0}")]
    Usage(String),
    /// The kubeconfig or the global flags do not give a usable client.
    #[error("{0}")]
    Config(String),
    /// The server answered with an error status.
    #[error("{}", .0.message)]
    Api(ApiError),
    /// The server could not be reached (connection, TLS, DNS, timeout).
    #[error("{message}")]
    Transport { message: String, hint: Option<String> },
    /// A wait (`--wait`) ran out of time.
    #[error("{0}")]
    Timeout(String),
    /// A local I/O failure, already described with its path.
    #[error("{0}")]
    Io(String),
    /// Any other failure, described in full.
    #[error("{0}")]
    Other(String),
    /// The command ran and printed its result; it ends with this exit status (`doctor`'s 2 for
    /// findings). Nothing more is printed.
    #[error("exit status {0}")]
    Status(u8),
    /// Standard output was closed by the reader (`virtctl ... | head`): not a failure.
    #[error("broken pipe")]
    BrokenPipe,
    /// An error with advice on what to do about it (shown on a second line).
    #[error("{source}")]
    Hinted {
        #[source]
        source: Box<Error>,
        hint: String,
    },
    /// An error with upstream's command-specific prefix in front of it.
    #[error("{prefix}{separator}{source}")]
    Context {
        prefix: String,
        separator: &'static str,
        #[source]
        source: Box<Error>,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps the error in upstream's prefix: `"{prefix}{separator}{self}"`.
    pub fn context(self, prefix: impl Into<String>, separator: &'static str) -> Error {
        Error::Context {
            prefix: prefix.into(),
            separator,
            source: Box::new(self),
        }
    }

    /// Attaches advice shown on the line after the error.
    pub fn with_hint(self, hint: impl Into<String>) -> Error {
        Error::Hinted {
            source: Box::new(self),
            hint: hint.into(),
        }
    }

    /// Adds `hint` on a line of its own after the hint the error has already (or as its hint),
    /// so advice from a lower layer is not lost when a higher one adds its own.
    pub fn with_further_hint(self, hint: impl Into<String>) -> Error {
        let hint = hint.into();
        match self.hint() {
            Some(first) => self.without_hint().with_hint(format!("{first}\nhint: {hint}")),
            None => self.with_hint(hint),
        }
    }

    /// The error without the hints attached on top of it.
    fn without_hint(self) -> Error {
        match self {
            Error::Hinted { source, .. } => source.without_hint(),
            other => other,
        }
    }

    /// The innermost error, below all the prefixes and hints.
    pub fn root(&self) -> &Error {
        match self {
            Error::Context { source, .. } | Error::Hinted { source, .. } => source.root(),
            other => other,
        }
    }

    /// The API error at the root, if the failure came from the server.
    pub fn api(&self) -> Option<&ApiError> {
        match self.root() {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    /// What the user can do about it, when we know.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Hinted { hint, .. } => return Some(hint.clone()),
            Error::Context { source, .. } => return source.hint(),
            _ => {}
        }
        match self {
            Error::Transport { hint, .. } => hint.clone(),
            Error::Api(api) => match api.code {
                401 => Some(
                    "the server rejected the credentials: log in again or check --token / the kubeconfig user"
                        .to_string(),
                ),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether the server was reached and answered (the version-skew hint only makes sense then).
    pub fn reached_server(&self) -> bool {
        matches!(self.root(), Error::Api(_))
    }

    /// The process exit status for this error. Upstream exits 1 on every error.
    pub fn exit_code(&self) -> u8 {
        match self.root() {
            Error::BrokenPipe => 0,
            Error::Status(code) => *code,
            _ => 1,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            return Error::BrokenPipe;
        }
        Error::Io(err.to_string())
    }
}

/// The text of Go's `*url.Error`, which net/http's client wraps every failed request in:
/// `Put "https://host/path": cause` (the method as Go's `urlErrorOp` writes it).
pub fn url_error(method: &str, url: &str, cause: impl std::fmt::Display) -> String {
    let mut op = method.to_ascii_lowercase();
    if let Some(first) = op.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    format!("{op} {}: {cause}", go_quote(url))
}

/// Go's `%q` rendering of a string, used where upstream prints Go-quoted values.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_further_hint_comes_on_its_own_line_after_the_one_there_is() {
        let plain = Error::Other("failed".into()).with_further_hint("do this");
        assert_eq!(plain.hint().as_deref(), Some("do this"));
        let both = Error::Other("failed".into())
            .with_hint("first")
            .with_further_hint("then this");
        assert_eq!(both.hint().as_deref(), Some("first\nhint: then this"));
        assert_eq!(both.to_string(), "failed");
        // a hint the root error carries of its own (a 401's) is kept too
        let api = Error::Api(ApiError {
            code: 401,
            reason: None,
            message: "Unauthorized".into(),
        })
        .with_further_hint("more");
        assert!(
            api.hint()
                .is_some_and(|h| h.ends_with("\nhint: more") && h.contains("credentials"))
        );
    }

    #[test]
    fn context_prefixes_stack_outside_in() {
        let err = Error::Api(ApiError {
            code: 404,
            reason: None,
            message: "gone".into(),
        })
        .context("inner", ": ")
        .context("outer", " ");
        assert_eq!(err.to_string(), "outer inner: gone");
        assert!(err.api().unwrap().is_not_found());
        assert!(err.reached_server());
    }

    #[test]
    fn go_quote_escapes_like_go() {
        assert_eq!(go_quote("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        assert_eq!(go_quote("\u{1}"), r#""\x01""#);
    }
}
