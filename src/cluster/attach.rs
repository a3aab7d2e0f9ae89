//! A pod's `attach` subresource over websocket with Kubernetes' channel protocol: the upgrade
//! goes through kube's client (which offers `v5.channel.k8s.io`, then `v4.channel.k8s.io`), and
//! one pump frames the local input as stdin (stream 0), sends terminal sizes (stream 4, on start
//! and on every resize), writes stdout and stderr (1, 2) to the local output, and reads the final
//! `Status` (3). Keep-alive pings, the escape byte and the reasons a session ends are
//! [`websocket`]'s.

use bytes::BytesMut;
use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

use crate::cluster::api::Api;
use crate::cluster::resources::PODS;
use crate::cluster::websocket::{self, Ended, Liveness, Pinger, PumpOptions, Socket};
use crate::error::{ApiError, Error, Result};

const STDIN: u8 = 0;
const STDOUT: u8 = 1;
const STDERR: u8 = 2;
const ERROR: u8 = 3;
const RESIZE: u8 = 4;
/// v5: the stream named in the next byte is closed.
const CLOSE: u8 = 255;

/// The request line of an attach to `container` with a terminal, as client-go builds it.
pub fn attach_uri(namespace: &str, pod: &str, container: &str) -> String {
    let path = PODS.subresource(Some(namespace), pod, "attach");
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("container", container),
            ("stderr", "true"),
            ("stdin", "true"),
            ("stdout", "true"),
            ("tty", "true"),
        ])
        .finish();
    format!("{path}?{query}")
}

/// An open attach session.
pub struct Attached {
    socket: Socket,
    /// v5: the end of stdin can be told to the container
    can_close_stdin: bool,
}

/// Opens the websocket. A refused upgrade is an [`Error::Api`] with the server's `Status`.
pub async fn dial(api: &Api, uri: &str) -> Result<Attached> {
    let request = http::Request::get(uri)
        .body(Vec::new())
        .map_err(|e| Error::Other(format!("cannot build the request: {e}")))?;
    let connection = api.client().connect(request).await.map_err(|e| match e {
        kube::Error::Api(status) => Error::Api(ApiError {
            code: status.code,
            reason: Some(status.reason.clone()).filter(|r| !r.is_empty()),
            message: status.message.clone(),
        }),
        other => Error::Other(format!(
            "unable to upgrade connection: {}",
            crate::cluster::api::error_chain(&other)
        )),
    })?;
    Ok(Attached {
        can_close_stdin: connection.supports_stream_close(),
        socket: connection.into_stream(),
    })
}

/// A terminal size (columns, rows) for the resize stream.
pub type Size = (u16, u16);

/// Copies `input` to the container's stdin and its output to `output` until either side ends.
/// `sizes` delivers the terminal's size (first the current one, then each change).
pub async fn pump<R, W>(
    attached: Attached,
    mut input: R,
    mut output: W,
    mut sizes: mpsc::Receiver<Size>,
    options: &PumpOptions,
) -> Ended
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let (mut sink, mut stream) = attached.socket.split();
    let liveness = Liveness::default();
    let mut pinger = Pinger::new(options.ping_interval);
    let chunk = options.chunk.max(1);
    let mut buf = BytesMut::with_capacity(chunk + 1);
    let mut stdin_open = true;
    let mut sizes_open = true;
    loop {
        buf.clear();
        buf.reserve(chunk + 1);
        let ended: Option<Ended> = tokio::select! {
            read = websocket::read_chunk(&mut input, &mut buf, chunk), if stdin_open => match read {
                Ok(0) if attached.can_close_stdin => {
                    // Let the container see the end of its input and read what it says last.
                    stdin_open = false;
                    sink.send(Message::Binary(vec![CLOSE, STDIN].into())).await.err().map(websocket::read_error)
                }
                Ok(0) => Some(Ended::LocalEof),
                Ok(_) if options.escape.is_some_and(|esc| buf[0] == esc) => Some(Ended::Escape),
                Ok(_) => {
                    let mut message = Vec::with_capacity(buf.len() + 1);
                    message.push(STDIN);
                    message.extend_from_slice(&buf);
                    sink.send(Message::Binary(message.into())).await.err().map(websocket::read_error)
                }
                Err(e) => Some(Ended::Failed(e.to_string())),
            },
            size = sizes.recv(), if sizes_open => match size {
                Some((width, height)) => {
                    let mut message = vec![RESIZE];
                    message.extend_from_slice(format!(r#"{{"Width":{width},"Height":{height}}}"#).as_bytes());
                    sink.send(Message::Binary(message.into())).await.err().map(websocket::read_error)
                }
                None => {
                    sizes_open = false;
                    None
                }
            },
            message = stream.next() => {
                liveness.heard();
                match message {
                    Some(Ok(Message::Binary(data))) => match data.split_first() {
                        Some((&(STDOUT | STDERR), rest)) => {
                            liveness.local_busy(true);
                            let written = async {
                                output.write_all(rest).await?;
                                output.flush().await
                            }
                            .await;
                            liveness.local_busy(false);
                            written.err().map(|e| Ended::Failed(e.to_string()))
                        }
                        Some((&ERROR, rest)) => Some(status_end(rest)),
                        _ => None,
                    },
                    Some(Ok(Message::Close(frame))) => Some(websocket::close_reason(frame)),
                    Some(Ok(_)) => None,
                    Some(Err(e)) => Some(websocket::read_error(e)),
                    None => Some(Ended::Dropped),
                }
            }
            due = websocket::ping_due(&mut pinger, &liveness) => match due {
                websocket::PingDue::Lost(after) => Some(Ended::NoPong(after)),
                websocket::PingDue::Send => match sink.send(websocket::ping_message()).await {
                    Ok(()) => {
                        if let Some(p) = pinger.as_mut() {
                            p.sent(&liveness);
                        }
                        None
                    }
                    Err(e) => Some(websocket::read_error(e)),
                },
            },
        };
        if let Some(ended) = ended {
            if matches!(ended, Ended::Escape | Ended::LocalEof) {
                let _ = tokio::time::timeout(std::time::Duration::from_millis(200), sink.close()).await;
            }
            return ended;
        }
    }
}

/// The session's end as the error stream's `Status` tells it.
fn status_end(body: &[u8]) -> Ended {
    let status: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    if status["status"] == "Success" {
        return Ended::Closed;
    }
    let message = status["message"]
        .as_str()
        .unwrap_or("the container ended with an error");
    Ended::Failed(message.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uri_is_client_gos() {
        assert_eq!(
            attach_uri("ns", "libguestfs-tools-disk", "libguestfs"),
            "/api/v1/namespaces/ns/pods/libguestfs-tools-disk/attach?container=libguestfs&stderr=true&stdin=true&stdout=true&tty=true"
        );
    }

    #[test]
    fn a_failure_status_ends_with_its_message() {
        assert_eq!(status_end(br#"{"metadata":{},"status":"Success"}"#), Ended::Closed);
        assert_eq!(
            status_end(br#"{"status":"Failure","message":"command terminated with non-zero exit code"}"#),
            Ended::Failed("command terminated with non-zero exit code".into())
        );
    }
}
