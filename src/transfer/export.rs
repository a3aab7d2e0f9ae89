//! Downloading from a KubeVirt export server: the token header, `FILE.part` renamed only after
//! success, `-` to stdout, gzip inflated on the fly on a writer thread of its own (network and
//! inflate overlap; memory stays constant), zero blocks written as holes, an idle timeout on a
//! stalled connection, and retries that resume with `Range: bytes=N-` where the body is the
//! identity of the file (a `200` to a Range request starts over, never appends; a gzip stream
//! starts over from byte 0 and says so).
//!
//! `vmexport download` drives it; `memory-dump download` can call [`download`] with its own
//! [`Plan`] (insecure TLS, no retries) the same way.

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use bytes::Bytes;
use http::{StatusCode, header};

use crate::cluster::export::TOKEN_HEADER;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::transfer::progress::Meter;

/// Retries of a cut or stalled connection on top of `--retry`.
pub const TRANSPORT_RETRIES: u32 = 5;
/// Upstream's pause between `--retry` attempts.
const STATUS_RETRY_PAUSE: Duration = Duration::from_secs(2);
/// Block size below which zero runs are written rather than skipped.
const SPARSE_BLOCK: usize = 4096;

/// An HTTP client for an export server with the given TLS settings (proxies from the
/// environment are honoured).
pub fn client(tls: rustls::ClientConfig) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .http1_only()
        .connect_timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| Error::Config(format!("cannot set up the export client: {e}")))
}

/// Where the bytes go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// written to `FILE.part`, renamed to the file after success
    File(PathBuf),
    Stdout,
}

impl Destination {
    /// `-` is stdout, anything else a file.
    pub fn from_flag(value: &str) -> Destination {
        if value == "-" {
            Destination::Stdout
        } else {
            Destination::File(PathBuf::from(value))
        }
    }

    pub fn part_path(path: &Path) -> PathBuf {
        let mut name = path.as_os_str().to_owned();
        name.push(".part");
        PathBuf::from(name)
    }
}

/// One download.
#[derive(Debug, Clone)]
pub struct Plan {
    pub url: String,
    pub token: String,
    /// gunzip the body (`--format raw` from a compressed link)
    pub inflate: bool,
    /// the body is the file itself (`disk.img`), so a cut can resume with Range
    pub resumable: bool,
    pub idle_timeout: Duration,
    /// attempts after a non-200 status (`--retry`)
    pub status_retries: u32,
    /// attempts after a cut or stalled connection
    pub transport_retries: u32,
    /// draw a bar (stderr is a terminal) or print plain lines
    pub terminal: bool,
}

/// Why a download stopped without the file.
#[derive(Debug)]
pub enum Failure {
    /// the server answered with a bad status on the last allowed attempt
    Status,
    /// the connection was cut or stalled on the last allowed attempt
    Transport(String),
    /// anything else (local I/O, a corrupt gzip stream, TLS)
    Fatal(Error),
}

impl Failure {
    pub fn into_error(self) -> Error {
        match self {
            Failure::Status => Error::Other("retry count reached, exiting unsuccesfully".into()),
            Failure::Transport(why) => Error::Transport {
                message: why,
                hint: None,
            },
            Failure::Fatal(e) => e,
        }
    }
}

/// GETs a small document (a manifest) with the token and an `Accept` header. `Ok(Err(status))`
/// for a non-200 answer.
pub async fn fetch_document(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    accept: &str,
) -> Result<std::result::Result<Bytes, String>> {
    let response = client
        .get(url)
        .header(TOKEN_HEADER, token)
        .header(header::ACCEPT, accept)
        .send()
        .await
        .map_err(|e| transport_error(url, &e))?;
    if response.status() != StatusCode::OK {
        return Ok(Err(status_text(response.status())));
    }
    let body = response.bytes().await.map_err(|e| transport_error(url, &e))?;
    Ok(Ok(body))
}

/// Go's `resp.Status`: `404 Not Found`.
pub fn status_text(status: StatusCode) -> String {
    format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or(""))
        .trim_end()
        .to_string()
}

fn transport_error(url: &str, err: &reqwest::Error) -> Error {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(e) = source {
        let more = e.to_string();
        if !text.contains(&more) {
            text = format!("{text}: {more}");
        }
        source = e.source();
    }
    Error::Transport {
        message: format!("Get {url:?}: {text}"),
        hint: None,
    }
}

/// Whether the failure is a TLS one (retrying cannot help).
fn is_tls(err: &reqwest::Error) -> bool {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = next {
        if e.downcast_ref::<rustls::Error>().is_some() {
            return true;
        }
        next = match e.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref()) {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => e.source(),
        };
    }
    false
}

/// How one attempt ended.
enum End {
    Done,
    Status(String),
    /// cut or stalled; the bytes of the body the file now holds (for a resume)
    Cut(String),
}

/// Downloads `plan.url` to `destination`, printing progress on stderr and notes through
/// `note`. Returns the bytes written.
pub async fn download(
    client: &reqwest::Client,
    plan: &Plan,
    destination: &Destination,
    note: &(dyn Fn(&str) + Sync),
) -> std::result::Result<u64, Failure> {
    let target = match destination {
        Destination::File(path) => Some(Destination::part_path(path)),
        Destination::Stdout => None,
    };
    // Bytes of the body already in the output (the resume point).
    let mut offset = 0u64;
    let mut written_any = false;
    let mut status_left = plan.status_retries;
    let mut transport_left = plan.transport_retries;
    let mut total_written;
    loop {
        let attempt = attempt(client, plan, target.as_deref(), offset, written_any, note).await;
        let (end, body_bytes, out_bytes) = attempt.map_err(Failure::Fatal)?;
        total_written = out_bytes;
        match end {
            End::Done => break,
            End::Status(status) => {
                note(&format!("Bad status: {status}"));
                if status_left == 0 {
                    return Err(Failure::Status);
                }
                status_left -= 1;
                note("Retrying...");
                tokio::time::sleep(STATUS_RETRY_PAUSE).await;
            }
            End::Cut(why) => {
                written_any |= body_bytes > 0;
                if transport_left == 0 {
                    return Err(Failure::Transport(why));
                }
                transport_left -= 1;
                if plan.resumable && !plan.inflate {
                    offset = body_bytes;
                    note(&format!("{why}; resuming at byte {offset}"));
                } else {
                    if target.is_none() && written_any {
                        return Err(Failure::Fatal(Error::Other(format!(
                            "{why}: a gzip stream cannot be resumed and part of it already went to stdout"
                        ))));
                    }
                    offset = 0;
                    note(&format!(
                        "{why}; a gzip stream cannot be resumed: starting again from byte 0"
                    ));
                }
                tokio::time::sleep(crate::transfer::retry::backoff(plan.transport_retries - transport_left)).await;
            }
        }
    }
    if let (Some(part), Destination::File(path)) = (&target, destination) {
        std::fs::rename(part, path).map_err(|e| {
            Failure::Fatal(Error::Io(format!(
                "cannot rename {} to {}: {e}",
                part.display(),
                path.display()
            )))
        })?;
    }
    Ok(total_written)
}

/// One GET from `offset`: `(how it ended, body bytes now in the output, output bytes written)`.
async fn attempt(
    client: &reqwest::Client,
    plan: &Plan,
    part: Option<&Path>,
    offset: u64,
    wrote_before: bool,
    note: &(dyn Fn(&str) + Sync),
) -> Result<(End, u64, u64)> {
    let mut request = client.get(&plan.url).header(TOKEN_HEADER, &plan.token);
    if offset > 0 {
        request = request.header(header::RANGE, format!("bytes={offset}-"));
    }
    let sent = tokio::time::timeout(plan.idle_timeout, request.send()).await;
    let mut response = match sent {
        Err(_) => return Ok((End::Cut(format!("no answer within {:?}", plan.idle_timeout)), offset, 0)),
        Ok(Err(e)) if is_tls(&e) => {
            return Err(transport_error(&plan.url, &e).with_hint(
                "the export server's certificate is not trusted: its CA comes from the export's status, the kubeconfig and the system roots; --insecure skips the check",
            ));
        }
        Ok(Err(e)) if e.is_connect() || e.is_timeout() || e.is_request() => {
            return Ok((End::Cut(transport_error(&plan.url, &e).to_string()), offset, 0));
        }
        Ok(Err(e)) => return Err(transport_error(&plan.url, &e)),
        Ok(Ok(r)) => r,
    };
    let status = response.status();
    let start = match status {
        StatusCode::PARTIAL_CONTENT if offset > 0 && content_range_start(&response) == Some(offset) => offset,
        StatusCode::OK => {
            if offset > 0 {
                note("the server ignored the range request: starting again from byte 0");
            }
            0
        }
        _ => return Ok((End::Status(status_text(status)), offset, 0)),
    };
    if start == 0 && part.is_none() && wrote_before {
        return Err(Error::Other(
            "the download must start again but part of it already went to stdout".into(),
        ));
    }
    let total = response.content_length().map(|len| len + start);
    let meter = Meter::start(total.unwrap_or(0), plan.terminal, Output);
    meter.add(start);
    let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(32);
    let sink = open_sink(part, start)?;
    let inflate = plan.inflate;
    let writer = std::thread::spawn(move || write_all(sink, rx, inflate));
    let mut received = start;
    let end = loop {
        match tokio::time::timeout(plan.idle_timeout, response.chunk()).await {
            Err(_) => {
                break End::Cut(format!(
                    "no data for {} (idle timeout)",
                    crate::go_syntax::format_duration(plan.idle_timeout)
                ));
            }
            Ok(Err(e)) => break End::Cut(transport_error(&plan.url, &e).to_string()),
            Ok(Ok(None)) => break End::Done,
            Ok(Ok(Some(chunk))) => {
                let len = chunk.len() as u64;
                if tx.send(chunk).await.is_err() {
                    // The writer stopped: its error is reported below.
                    break End::Done;
                }
                received += len;
                meter.add(len);
            }
        }
    };
    drop(tx);
    meter.finish();
    let written = writer
        .join()
        .map_err(|_| Error::Other("the download's writer thread failed".into()))??;
    Ok((end, received, written))
}

/// `Content-Range: bytes START-END/TOTAL` → START.
fn content_range_start(response: &reqwest::Response) -> Option<u64> {
    let value = response.headers().get(header::CONTENT_RANGE)?.to_str().ok()?;
    let range = value.strip_prefix("bytes ")?;
    range.split('-').next()?.trim().parse().ok()
}

/// The output an attempt writes to: the `.part` file positioned at `start` (cut there), or
/// stdout.
fn open_sink(part: Option<&Path>, start: u64) -> Result<Box<dyn Write + Send>> {
    let Some(path) = part else {
        return Ok(Box::new(std::io::stdout()));
    };
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| Error::Io(format!("open {}: {e}", path.display())))?;
    file.set_len(start)
        .map_err(|e| Error::Io(format!("truncate {}: {e}", path.display())))?;
    Ok(Box::new(SparseFile::at(file, start)?))
}

/// The writer thread: writes each chunk (through a gzip decoder when inflating) and returns
/// the bytes written.
fn write_all(sink: Box<dyn Write + Send>, mut rx: tokio::sync::mpsc::Receiver<Bytes>, inflate: bool) -> Result<u64> {
    let mut counted = Counted { inner: sink, count: 0 };
    let io = |e: std::io::Error| -> Error {
        match e.kind() {
            std::io::ErrorKind::BrokenPipe => Error::BrokenPipe,
            std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => Error::Other(format!("gzip: {e}")),
            _ => Error::Io(format!("write: {e}")),
        }
    };
    if inflate {
        let mut decoder = flate2::write::GzDecoder::new(&mut counted);
        while let Some(chunk) = rx.blocking_recv() {
            decoder.write_all(&chunk).map_err(io)?;
        }
        decoder.try_finish().map_err(io)?;
    } else {
        while let Some(chunk) = rx.blocking_recv() {
            counted.write_all(&chunk).map_err(io)?;
        }
    }
    counted.flush().map_err(io)?;
    Ok(counted.count)
}

struct Counted {
    inner: Box<dyn Write + Send>,
    count: u64,
}

impl Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A file written from a position on, whose aligned all-zero blocks become holes; the length is
/// set on flush so a trailing hole is kept. A run of zero blocks costs one seek, made only when
/// data follows it.
struct SparseFile {
    file: File,
    /// the logical end of what was written
    pos: u64,
    /// where the file's cursor is (behind `pos` while a hole is pending)
    cursor: u64,
}

impl SparseFile {
    fn at(mut file: File, pos: u64) -> Result<SparseFile> {
        file.seek(SeekFrom::Start(pos))
            .map_err(|e| Error::Io(format!("seek: {e}")))?;
        Ok(SparseFile { file, pos, cursor: pos })
    }

    /// Writes `data`, which belongs at `at`, skipping over a pending hole first.
    fn put(&mut self, at: u64, data: &[u8]) -> std::io::Result<()> {
        if data.is_empty() {
            return Ok(());
        }
        if self.cursor != at {
            self.file.seek(SeekFrom::Start(at))?;
        }
        self.file.write_all(data)?;
        self.cursor = at + data.len() as u64;
        Ok(())
    }
}

/// All bytes zero; OR-folds 64-byte groups without an early exit inside a group, which the
/// compiler vectorises (a byte-wise `all` does not).
fn is_zero(block: &[u8]) -> bool {
    let mut groups = block.chunks_exact(64);
    let zero_groups = groups.all(|g| g.iter().fold(0u8, |acc, b| acc | b) == 0);
    zero_groups && groups.remainder().iter().all(|b| *b == 0)
}

impl Write for SparseFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let base = self.pos;
        let mut i = 0;
        // Start of the bytes not yet written (a run of non-zero blocks is written at once).
        let mut run = 0;
        while i < buf.len() {
            let room = SPARSE_BLOCK - ((base + i as u64) % SPARSE_BLOCK as u64) as usize;
            let end = buf.len().min(i + room);
            if end - i == SPARSE_BLOCK && is_zero(&buf[i..end]) {
                self.put(base + run as u64, &buf[run..i])?;
                run = end;
            }
            i = end;
        }
        self.put(base + run as u64, &buf[run..])?;
        self.pos = base + buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.set_len(self.pos)?;
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_files_sit_beside_the_output() {
        assert_eq!(
            Destination::part_path(Path::new("/a/disk.img")),
            PathBuf::from("/a/disk.img.part")
        );
        assert_eq!(Destination::from_flag("-"), Destination::Stdout);
        assert_eq!(status_text(StatusCode::SERVICE_UNAVAILABLE), "503 Service Unavailable");
    }

    #[test]
    fn zero_blocks_become_holes_and_bytes_stay_equal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let mut data = vec![0u8; 5 * SPARSE_BLOCK + 100];
        data[10] = 1;
        data[3 * SPARSE_BLOCK + 7] = 2;
        let file = File::create(&path).unwrap();
        let mut sparse = SparseFile::at(file, 0).unwrap();
        for piece in data.chunks(1000) {
            sparse.write_all(piece).unwrap();
        }
        sparse.write_all(&vec![0u8; 2 * SPARSE_BLOCK]).unwrap();
        sparse.flush().unwrap();
        data.extend_from_slice(&vec![0u8; 2 * SPARSE_BLOCK]);
        assert_eq!(std::fs::read(&path).unwrap(), data);
    }

    #[test]
    fn holes_across_writes_and_after_a_resume_keep_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, vec![7u8; 3 * SPARSE_BLOCK]).unwrap();
        // A resume at an unaligned offset over old bytes, a hole spanning several writes,
        // then data in the middle of a block.
        let start = SPARSE_BLOCK as u64 + 10;
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_len(start).unwrap();
        let mut sparse = SparseFile::at(file, start).unwrap();
        let mut tail = vec![0u8; 10 * SPARSE_BLOCK];
        tail[9 * SPARSE_BLOCK + 5] = 9;
        for piece in tail.chunks(3 * SPARSE_BLOCK + 1) {
            sparse.write_all(piece).unwrap();
        }
        sparse.flush().unwrap();
        let mut want = vec![7u8; start as usize];
        want.extend_from_slice(&tail);
        assert_eq!(std::fs::read(&path).unwrap(), want);
        assert!(
            is_zero(&[0u8; 200])
                && !is_zero(&[0, 0, 0, 1])
                && !is_zero(&{
                    let mut b = [0u8; 130];
                    b[129] = 1;
                    b
                })
        );
    }
}
