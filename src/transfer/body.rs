//! A file as a streamed HTTP body: a reader task fills fixed-size chunks with positional reads
//! and hands them over a bounded channel, so only a few chunks exist at any time whatever the
//! file size (constant memory), the reader waits while the network is slower than the disk
//! (backpressure), and each chunk is read once into the buffer that is sent (no extra copy).
//! A chunk's buffer comes back to the reader when the HTTP client drops it, so a transfer
//! allocates (and the kernel faults in) a handful of buffers, not one per chunk. Chunks that lie
//! wholly in a hole of a sparse file (found with `SEEK_DATA`, as `cp` and `qemu-img` do) are not
//! read at all: they are sent from one shared zeroed buffer, the same bytes on the wire. Every
//! attempt of an upload builds a new body that starts again at offset 0.

use std::fs::File;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::mpsc as std_mpsc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Frame, SizeHint};
use tokio::sync::mpsc;

use super::progress::Meter;

/// Bytes per chunk: large enough that per-chunk costs vanish, small enough to stay in cache.
pub const CHUNK_SIZE: usize = 256 * 1024;
/// Chunks read ahead of the network.
pub const CHANNEL_DEPTH: usize = 4;

/// A read failure of the local file, kept apart from network failures so it is never retried.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {path}: {source}")]
pub struct LocalReadError {
    pub path: String,
    #[source]
    pub source: std::io::Error,
}

/// A streamed body over `len` bytes of `file`, from offset 0.
pub struct FileBody {
    rx: mpsc::Receiver<Result<Bytes, LocalReadError>>,
    remaining: u64,
    meter: Meter,
}

impl FileBody {
    /// Starts the reader; `path` is only used in error messages.
    pub fn new(file: Arc<File>, path: String, len: u64, meter: Meter) -> FileBody {
        let (tx, rx) = mpsc::channel(CHANNEL_DEPTH);
        tokio::task::spawn_blocking(move || read_chunks(&file, &path, len, &tx));
        FileBody {
            rx,
            remaining: len,
            meter,
        }
    }
}

/// Reads `len` bytes of `file` into chunks and sends them; stops early when the body was
/// dropped (the attempt ended). Buffers the network side is done with are read into again.
fn read_chunks(file: &File, path: &str, len: u64, tx: &mpsc::Sender<Result<Bytes, LocalReadError>>) {
    let (home, returned) = std_mpsc::channel();
    let mut holes = Holes::new();
    // One zeroed buffer for every chunk in a hole, allocated on the first.
    let mut zeros: Option<Bytes> = None;
    let mut offset = 0u64;
    while offset < len {
        let want = (len - offset).min(CHUNK_SIZE as u64) as usize;
        let result = if holes.covers(file, offset, want as u64) {
            let zeros = zeros.get_or_insert_with(|| Bytes::from(vec![0u8; CHUNK_SIZE]));
            Ok(zeros.slice(..want))
        } else {
            let mut buf = returned.try_recv().unwrap_or_else(|_| vec![0u8; CHUNK_SIZE]);
            read_exact_at(file, &mut buf[..want], offset).map(|()| Recycled::bytes(buf, want, &home))
        };
        let failed = result.is_err();
        let message = result.map_err(|source| LocalReadError {
            path: path.to_string(),
            source,
        });
        if tx.blocking_send(message).is_err() || failed {
            return;
        }
        offset += want as u64;
    }
}

/// What the reader has learnt of the file's layout: the last hole and the end of the last data
/// extent it asked about, so that a long run of data or of hole costs one or two `lseek`s, not
/// one per chunk. Where holes cannot be found (not Linux, a pipe, a file system without
/// `SEEK_DATA`), everything counts as data and is read.
struct Holes {
    hole: std::ops::Range<u64>,
    data_end: u64,
    enabled: bool,
}

impl Holes {
    fn new() -> Holes {
        Holes {
            hole: 0..0,
            data_end: 0,
            enabled: cfg!(target_os = "linux"),
        }
    }

    /// Whether `len` bytes at `offset` are all in one hole of `file` (then they read as zeros).
    fn covers(&mut self, file: &File, offset: u64, len: u64) -> bool {
        if !self.enabled {
            return false;
        }
        let unknown = !self.hole.contains(&offset) && offset >= self.data_end;
        if unknown && self.learn(file, offset).is_err() {
            self.enabled = false;
            return false;
        }
        self.hole.contains(&offset) && offset + len <= self.hole.end
    }

    /// Finds the hole or the data extent that starts at `offset`.
    fn learn(&mut self, file: &File, offset: u64) -> std::io::Result<()> {
        match next_data(file, offset)? {
            Some(data) if data == offset => {
                self.data_end = next_hole(file, offset)?;
            }
            Some(data) => self.hole = offset..data,
            // No data up to the end of the file. A file that shrank since its length was taken
            // ends earlier than the upload: that part is read, and fails as a shorter file.
            None => self.hole = offset..file.metadata()?.len().max(offset),
        }
        Ok(())
    }
}

/// The start of the first data at or after `offset`; `None` when only a hole follows.
#[cfg(target_os = "linux")]
fn next_data(file: &File, offset: u64) -> std::io::Result<Option<u64>> {
    match rustix::fs::seek(file, rustix::fs::SeekFrom::Data(offset)) {
        Ok(at) => Ok(Some(at)),
        Err(rustix::io::Errno::NXIO) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The start of the first hole at or after `offset` (the end of the file at the latest).
#[cfg(target_os = "linux")]
fn next_hole(file: &File, offset: u64) -> std::io::Result<u64> {
    Ok(rustix::fs::seek(file, rustix::fs::SeekFrom::Hole(offset))?)
}

#[cfg(not(target_os = "linux"))]
fn next_data(_file: &File, _offset: u64) -> std::io::Result<Option<u64>> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(not(target_os = "linux"))]
fn next_hole(_file: &File, _offset: u64) -> std::io::Result<u64> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// A chunk's buffer that goes back to the reader when the last `Bytes` over it is dropped.
struct Recycled {
    buf: Vec<u8>,
    len: usize,
    home: std_mpsc::Sender<Vec<u8>>,
}

impl Recycled {
    fn bytes(buf: Vec<u8>, len: usize, home: &std_mpsc::Sender<Vec<u8>>) -> Bytes {
        Bytes::from_owner(Recycled {
            buf,
            len,
            home: home.clone(),
        })
    }
}

impl AsRef<[u8]> for Recycled {
    fn as_ref(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl Drop for Recycled {
    fn drop(&mut self) {
        // The reader may be gone (the attempt ended): then the buffer is simply freed.
        let _ = self.home.send(std::mem::take(&mut self.buf));
    }
}

fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        match read_at(file, buf, offset) {
            Ok(0) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the file became shorter while it was being uploaded",
                ));
            }
            Ok(n) => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

/// Reads up to `buf.len()` bytes at `offset` (fewer at the end of the file).
pub fn read_window(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match read_at(file, &mut buf[filled..], offset + filled as u64) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

impl http_body::Body for FileBody {
    type Data = Bytes;
    type Error = LocalReadError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, LocalReadError>>> {
        if self.remaining == 0 {
            return Poll::Ready(None);
        }
        match self.rx.poll_recv(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                self.remaining = self.remaining.saturating_sub(chunk.len() as u64);
                self.meter.add(chunk.len() as u64);
                Poll::Ready(Some(Ok(Frame::data(chunk))))
            }
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(e))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.remaining == 0
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.remaining)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body::Body as _;
    use http_body_util::BodyExt;
    use std::io::Write;

    #[tokio::test]
    async fn streams_the_whole_file_in_order_and_restarts_cleanly() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        let data: Vec<u8> = (0..(CHUNK_SIZE * 3 + 123)).map(|i| (i % 251) as u8).collect();
        file.write_all(&data).unwrap();
        let shared = Arc::new(File::open(file.path()).unwrap());
        for _attempt in 0..2 {
            let meter = Meter::hidden(data.len() as u64);
            let body = FileBody::new(shared.clone(), "f".into(), data.len() as u64, meter.clone());
            assert_eq!(body.size_hint().exact(), Some(data.len() as u64));
            let got = body.collect().await.unwrap().to_bytes();
            assert_eq!(got.as_ref(), data.as_slice());
            assert_eq!(meter.position(), data.len() as u64);
        }
    }

    #[tokio::test]
    async fn buffers_are_reused_only_after_every_chunk_over_them_is_dropped() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        let chunks = CHANNEL_DEPTH * 4;
        let data: Vec<u8> = (0..CHUNK_SIZE * chunks)
            .map(|i| (i / CHUNK_SIZE + i % 7) as u8)
            .collect();
        file.write_all(&data).unwrap();
        let shared = Arc::new(File::open(file.path()).unwrap());
        let len = data.len() as u64;
        // Held: every chunk stays readable and intact while later ones are read.
        let mut body = FileBody::new(shared.clone(), "f".into(), len, Meter::hidden(len));
        let mut held = Vec::new();
        while let Some(frame) = body.frame().await {
            held.push(frame.unwrap().into_data().unwrap());
        }
        assert_eq!(held.concat(), data);
        // Dropped at once: the reader reads into the same few buffers again.
        let mut body = FileBody::new(shared, "f".into(), len, Meter::hidden(len));
        let mut buffers = std::collections::HashSet::new();
        let mut got = Vec::new();
        while let Some(frame) = body.frame().await {
            let chunk = frame.unwrap().into_data().unwrap();
            buffers.insert(chunk.as_ptr() as usize);
            got.extend_from_slice(&chunk);
        }
        assert_eq!(got, data);
        assert!(
            buffers.len() <= CHANNEL_DEPTH + 2,
            "{} buffers for {chunks} chunks",
            buffers.len()
        );
    }

    /// A sparse file with data at offsets that are not chunk-aligned: one extent inside a chunk
    /// and across its end, one of 5 bytes, the file's last 3 bytes, and a length that is not a
    /// multiple of the chunk size.
    #[cfg(target_os = "linux")]
    fn sparse_file() -> (tempfile::NamedTempFile, Vec<u8>) {
        let len = CHUNK_SIZE * 6 + 777;
        let mut data = vec![0u8; len];
        let file = tempfile::NamedTempFile::new().unwrap();
        file.as_file().set_len(len as u64).unwrap();
        for (at, n) in [(CHUNK_SIZE + 12_345, CHUNK_SIZE), (CHUNK_SIZE * 4 - 2, 5), (len - 3, 3)] {
            let bytes: Vec<u8> = (0..n).map(|i| (i % 251 + 1) as u8).collect();
            std::os::unix::fs::FileExt::write_all_at(file.as_file(), &bytes, at as u64).unwrap();
            data[at..at + n].copy_from_slice(&bytes);
        }
        (file, data)
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn holes_are_sent_as_zeros_without_reading_and_data_at_odd_offsets_is_read() {
        let (file, data) = sparse_file();
        let shared = Arc::new(File::open(file.path()).unwrap());
        let len = data.len() as u64;
        let mut body = FileBody::new(shared, "f".into(), len, Meter::hidden(len));
        let mut held = Vec::new();
        while let Some(frame) = body.frame().await {
            held.push(frame.unwrap().into_data().unwrap());
        }
        assert_eq!(held.concat(), data);
        // Chunks 0 and 5 hold no data: both are views of the one zeroed buffer (with every chunk
        // held, a read buffer cannot be reused, so equal addresses mean no read). Chunk 3 is a
        // hole but for its last 2 bytes, chunk 4 but for its first 3, chunk 6 but for its last 3:
        // all read.
        let at = |i: usize| held[i].as_ptr();
        assert_eq!(held.len(), 7);
        assert_eq!(at(5), at(0), "hole chunks come from the zeroed buffer");
        for i in [1, 2, 3, 4, 6] {
            assert_ne!(at(i), at(0), "chunk {i} holds data and is read");
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_pipe_has_no_holes_and_is_read() {
        let (reader, _writer) = std::io::pipe().unwrap();
        let pipe = File::from(std::os::fd::OwnedFd::from(reader));
        let mut holes = Holes::new();
        assert!(!holes.covers(&pipe, 0, CHUNK_SIZE as u64));
        assert!(
            !holes.enabled,
            "lseek failed (ESPIPE): hole detection is off for the rest"
        );
    }

    #[tokio::test]
    async fn a_shrunken_file_is_a_local_error() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(&[1u8; 1000]).unwrap();
        let shared = Arc::new(File::open(file.path()).unwrap());
        let body = FileBody::new(shared, "img".into(), 5000, Meter::hidden(5000));
        let err = body.collect().await.unwrap_err();
        assert!(
            err.to_string().starts_with("cannot read img: the file became shorter"),
            "{err}"
        );
    }
}
