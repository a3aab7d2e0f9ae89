//! Native scp (`scp --local-ssh=false`): the classic scp protocol (what `scp -O` speaks) over an
//! `exec` channel of the built-in SSH client, running `scp -t` (upload) or `scp -f` (download) in
//! the guest, as upstream's removed native mode did with github.com/povsister/scp. Both
//! directions stream in fixed-size chunks under the channel's window, so memory stays constant
//! whatever the size.
//!
//! The protocol, one record per line, each answered with one byte (`\0` ok, `\x01` error and
//! `\x02` fatal error, both followed by a message line):
//! `T<mtime> 0 <atime> 0` (with `-p`, before the record it dates), `C<mode> <size> <name>` then
//! `size` bytes and a `\0`, `D<mode> 0 <name>` to enter a directory, `E` to leave it.

use std::fs::{FileTimes, Metadata};
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use bytes::{Bytes, BytesMut};
use russh::client::Msg;
use russh::{ChannelMsg, ChannelReadHalf, ChannelWriteHalf};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::native::{Session, with_session};
use crate::error::{Error, Result, go_quote};

/// One read or write on the data path; also the most a single protocol line may hold.
const CHUNK: usize = 256 * 1024;
/// How much of the remote's stderr is kept to explain a failure.
const STDERR_TAIL: usize = 2048;

/// A checked copy: the local side has been looked at, nothing has been sent yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub direction: Direction,
    pub recursive: bool,
    pub preserve: bool,
    /// The remote path as given (empty: the remote user's home directory).
    pub remote: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Direction {
    /// Upload this local file or directory.
    ToRemote { source: PathBuf },
    /// Download into this local path; with `-r` it is the directory that receives the remote
    /// directory's contents.
    FromRemote { target: PathBuf },
}

impl Copy {
    /// Upstream native mode's local checks, made before connecting.
    pub fn plan(local: &str, remote: &str, to_remote: bool, recursive: bool, preserve: bool) -> Result<Copy> {
        let path = PathBuf::from(local);
        let existing = match std::fs::metadata(&path) {
            Ok(meta) => Some(meta),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::Io(format!("failed reading path {}: {e}", go_quote(local)))),
        };
        let direction = if to_remote {
            let Some(meta) = existing else {
                return Err(Error::Usage(format!(
                    "local path {} does not exist, can't copy it",
                    go_quote(local)
                )));
            };
            match (recursive, meta.is_dir()) {
                (true, false) => {
                    return Err(Error::Usage(format!(
                        "local path {} is not a directory but '--recursive' was provided",
                        go_quote(local)
                    )));
                }
                (false, true) => {
                    return Err(Error::Usage(format!(
                        "local path {} is a directory but '--recursive' was not provided",
                        go_quote(local)
                    )));
                }
                _ => {}
            }
            Direction::ToRemote { source: path }
        } else {
            Direction::FromRemote {
                target: download_target(path, existing.as_ref(), remote, recursive, local)?,
            }
        };
        Ok(Copy {
            direction,
            recursive,
            preserve,
            remote: remote.to_string(),
        })
    }

    /// What the guest runs: `scp [-r] [-p] -t|-f -- PATH`, the path quoted for its shell.
    pub fn remote_command(&self) -> String {
        let mut command = String::from("scp");
        if self.recursive {
            command.push_str(" -r");
        }
        if self.preserve {
            command.push_str(" -p");
        }
        command.push_str(match self.direction {
            Direction::ToRemote { .. } => " -t -- ",
            Direction::FromRemote { .. } => " -f -- ",
        });
        command.push_str(&shell_path(&self.remote));
        command
    }
}

/// Where a download lands: an existing directory receives the remote base name (upstream's
/// `appendRemoteBase`); with `-r` an existing file is an error.
fn download_target(
    path: PathBuf,
    existing: Option<&Metadata>,
    remote: &str,
    recursive: bool,
    local: &str,
) -> Result<PathBuf> {
    match existing {
        Some(meta) if recursive && !meta.is_dir() => Err(Error::Usage(format!(
            "local path {} is a file but '--recursive' was provided",
            go_quote(local)
        ))),
        Some(meta) if recursive && meta.is_dir() => Ok(append_remote_base(path, remote)),
        Some(_) => Ok(path),
        None => {
            let parent = match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            };
            if recursive || parent.is_dir() {
                return Ok(path);
            }
            Err(Error::Usage(format!(
                "local path {}: the directory {} does not exist",
                go_quote(local),
                go_quote(&parent.to_string_lossy())
            )))
        }
    }
}

fn append_remote_base(local: PathBuf, remote: &str) -> PathBuf {
    match Path::new(remote).file_name() {
        Some(base) if base != "." && base != ".." => local.join(base),
        _ => local,
    }
}

/// Quotes a remote path for the guest's shell; a leading `~` stays outside the quotes so the
/// shell still expands it, and an empty path is the home directory (`.`), as OpenSSH's.
fn shell_path(path: &str) -> String {
    fn quote(s: &str) -> String {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
    match path {
        "" => ".".into(),
        "~" => "~".into(),
        _ => match path.strip_prefix("~/") {
            Some(rest) => format!("~/{}", quote(rest)),
            None => quote(path),
        },
    }
}

/// Runs the copy over one SSH connection.
pub async fn run(session: &Session<'_>, copy: &Copy) -> Result<()> {
    with_session(session, async |handle| {
        let channel = handle.channel_open_session().await.map_err(ssh_error)?;
        channel
            .exec(true, copy.remote_command().into_bytes())
            .await
            .map_err(ssh_error)?;
        let (read, write) = channel.split();
        let mut remote = Remote {
            incoming: Incoming::new(read),
            outgoing: write,
            errors: Vec::new(),
        };
        let transfer = match &copy.direction {
            Direction::ToRemote { source } => remote.upload(source, copy.preserve).await,
            Direction::FromRemote { target } => remote.download(target, copy.preserve).await,
        };
        remote.finish(transfer).await
    })
    .await
}

fn ssh_error(e: russh::Error) -> Error {
    Error::Other(format!("ssh: {e}"))
}

/// The remote `scp`'s stdout (records and replies), with its stderr and exit status kept aside.
struct Incoming {
    half: ChannelReadHalf,
    data: Bytes,
    eof: bool,
    refused: bool,
    exit_status: Option<u32>,
    stderr: Vec<u8>,
}

impl Incoming {
    fn new(half: ChannelReadHalf) -> Incoming {
        Incoming {
            half,
            data: Bytes::new(),
            eof: false,
            refused: false,
            exit_status: None,
            stderr: Vec::new(),
        }
    }

    /// Waits for more stdout bytes; `false` once the remote has closed its stdout.
    async fn fill(&mut self) -> bool {
        while self.data.is_empty() && !self.eof {
            match self.half.wait().await {
                Some(ChannelMsg::Data { data }) => self.data = data,
                Some(msg) => self.note(msg),
                None => self.eof = true,
            }
        }
        !self.data.is_empty()
    }

    /// Everything but stdout: stderr (its tail), the exit status, the end, a refused `exec`.
    fn note(&mut self, msg: ChannelMsg) {
        match msg {
            ChannelMsg::ExtendedData { data, .. } => {
                self.stderr.extend_from_slice(&data);
                let excess = self.stderr.len().saturating_sub(STDERR_TAIL);
                self.stderr.drain(..excess);
            }
            ChannelMsg::ExitStatus { exit_status } => self.exit_status = Some(exit_status),
            ChannelMsg::Eof | ChannelMsg::Close => self.eof = true,
            ChannelMsg::Failure => {
                self.refused = true;
                self.eof = true;
            }
            _ => {}
        }
    }

    async fn byte(&mut self) -> Result<Option<u8>> {
        if !self.fill().await {
            return Ok(None);
        }
        let byte = self.data[0];
        self.data = self.data.slice(1..);
        Ok(Some(byte))
    }

    /// One line without its `\n`; `None` at a clean end before its first byte.
    async fn line(&mut self) -> Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        loop {
            if !self.fill().await {
                return match line.is_empty() {
                    true => Ok(None),
                    false => Err(protocol("the remote scp ended in the middle of a line")),
                };
            }
            if let Some(end) = self.data.iter().position(|&b| b == b'\n') {
                line.extend_from_slice(&self.data[..end]);
                self.data = self.data.slice(end + 1..);
                return Ok(Some(line));
            }
            line.extend_from_slice(&self.data);
            self.data = Bytes::new();
            if line.len() > CHUNK {
                return Err(protocol("a line from the remote scp is too long"));
            }
        }
    }

    /// Copies exactly `size` bytes of file content into `to`.
    async fn copy_into(&mut self, mut size: u64, to: &mut (impl AsyncWriteExt + Unpin), path: &Path) -> Result<()> {
        while size > 0 {
            if !self.fill().await {
                return Err(protocol(&format!(
                    "the connection ended with {size} bytes of {} still to come",
                    path.display()
                )));
            }
            let take = self.data.len().min(usize::try_from(size).unwrap_or(usize::MAX));
            let chunk = self.data.split_to(take);
            to.write_all(&chunk)
                .await
                .map_err(|e| local_error("writing", path, &e))?;
            size -= take as u64;
        }
        Ok(())
    }

    /// Reads to the end of the channel so the exit status is known.
    async fn drain(&mut self) {
        self.data = Bytes::new();
        while let Some(msg) = self.half.wait().await {
            if let ChannelMsg::Data { .. } = msg {
                continue;
            }
            self.note(msg);
        }
    }

    fn stderr_line(&self) -> Option<String> {
        let text = String::from_utf8_lossy(&self.stderr);
        text.lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(String::from)
    }
}

fn protocol(what: &str) -> Error {
    Error::Other(format!("scp: protocol error: {what}"))
}

fn local_error(doing: &str, path: &Path, e: &std::io::Error) -> Error {
    Error::Io(format!("{doing} {}: {e}", path.display()))
}

/// What the remote answered to a record or to file data.
#[derive(Debug, PartialEq, Eq)]
enum Reply {
    Ok,
    /// `\x01`: this item failed, the transfer goes on.
    Error(String),
    /// `\x02`: the remote gave up.
    Fatal(String),
}

/// A record the remote source sends while we receive.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Record {
    Times { mtime: u64, atime: u64 },
    File { mode: u32, size: u64, name: Vec<u8> },
    Dir { mode: u32, name: Vec<u8> },
    End,
}

impl Record {
    pub(crate) fn parse(line: &[u8]) -> std::result::Result<Record, String> {
        let text = std::str::from_utf8(line).ok();
        let bad = || format!("unexpected record {:?}", String::from_utf8_lossy(line));
        let (kind, rest) = line.split_first().ok_or_else(bad)?;
        match kind {
            b'E' if rest.is_empty() => Ok(Record::End),
            b'T' => {
                let fields: Vec<u64> = text
                    .ok_or_else(bad)?
                    .get(1..)
                    .ok_or_else(bad)?
                    .split(' ')
                    .map(|f| f.parse().map_err(|_| bad()))
                    .collect::<std::result::Result<_, _>>()?;
                match fields[..] {
                    [mtime, _, atime, _] => Ok(Record::Times { mtime, atime }),
                    _ => Err(bad()),
                }
            }
            b'C' | b'D' => {
                let mut parts = rest.splitn(3, |&b| b == b' ');
                let (Some(mode), Some(size), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
                    return Err(bad());
                };
                let mode = std::str::from_utf8(mode)
                    .ok()
                    .and_then(|m| u32::from_str_radix(m, 8).ok())
                    .filter(|m| *m <= 0o7777)
                    .ok_or_else(bad)?;
                let size: u64 = std::str::from_utf8(size)
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .ok_or_else(bad)?;
                if name.is_empty() || name == b"." || name == b".." || name.contains(&b'/') {
                    return Err(format!("unexpected file name {:?}", String::from_utf8_lossy(name)));
                }
                let name = name.to_vec();
                Ok(match kind {
                    b'C' => Record::File { mode, size, name },
                    _ => Record::Dir { mode, name },
                })
            }
            _ => Err(bad()),
        }
    }
}

/// The scp protocol's Unix modes and byte names on the local file system: exact on Unix; on
/// Windows a mode is only its owner-write bit (read-only or not) and names are UTF-8.
mod modes {
    use std::ffi::{OsStr, OsString};
    use std::fs::{DirBuilder, Metadata, OpenOptions};
    use std::path::Path;

    #[cfg(unix)]
    pub fn of(meta: &Metadata) -> u32 {
        std::os::unix::fs::MetadataExt::mode(meta)
    }

    /// What Windows can tell: 0644/0755 (directories), without the write bits when read-only.
    #[cfg(not(unix))]
    pub fn of(meta: &Metadata) -> u32 {
        let mode = if meta.is_dir() { 0o755 } else { 0o644 };
        if meta.permissions().readonly() {
            mode & !0o222
        } else {
            mode
        }
    }

    #[cfg(unix)]
    pub fn name_bytes(name: &OsStr) -> Vec<u8> {
        std::os::unix::ffi::OsStrExt::as_bytes(name).to_vec()
    }

    #[cfg(not(unix))]
    pub fn name_bytes(name: &OsStr) -> Vec<u8> {
        name.to_string_lossy().into_owned().into_bytes()
    }

    #[cfg(unix)]
    pub fn name_from_bytes(name: &[u8]) -> OsString {
        <OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(name).to_owned()
    }

    #[cfg(not(unix))]
    pub fn name_from_bytes(name: &[u8]) -> OsString {
        OsString::from(String::from_utf8_lossy(name).into_owned())
    }

    pub fn create_with(options: &mut OpenOptions, mode: u32) {
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(options, mode);
        #[cfg(not(unix))]
        let _ = (options, mode);
    }

    pub fn dir_with(builder: &mut DirBuilder, mode: u32) {
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(builder, mode);
        #[cfg(not(unix))]
        let _ = (builder, mode);
    }

    #[cfg(unix)]
    pub fn set(path: &Path, mode: u32) -> std::io::Result<()> {
        std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(mode))
    }

    /// Windows keeps the file's permissions but for read-only, from the owner-write bit.
    #[cfg(not(unix))]
    pub fn set(path: &Path, mode: u32) -> std::io::Result<()> {
        let mut permissions = std::fs::metadata(path)?.permissions();
        permissions.set_readonly(mode & 0o200 == 0);
        std::fs::set_permissions(path, permissions)
    }
}

/// The header we send for a local file or directory.
fn header(kind: char, meta: &Metadata, name: &[u8]) -> Vec<u8> {
    let size = if kind == 'C' { meta.len() } else { 0 };
    let mut line = format!("{kind}{:04o} {size} ", modes::of(meta) & 0o7777).into_bytes();
    line.extend_from_slice(name);
    line.push(b'\n');
    line
}

fn times_record(meta: &Metadata) -> Vec<u8> {
    let secs = |time: std::io::Result<std::time::SystemTime>| {
        time.ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs())
    };
    format!("T{} 0 {} 0\n", secs(meta.modified()), secs(meta.accessed())).into_bytes()
}

/// One conversation with the remote `scp`.
struct Remote {
    incoming: Incoming,
    outgoing: ChannelWriteHalf<Msg>,
    /// The messages of items that failed on the remote side, in order.
    errors: Vec<String>,
}

impl Remote {
    async fn send(&mut self, bytes: &[u8]) -> Result<()> {
        self.outgoing
            .data_bytes(Bytes::copy_from_slice(bytes))
            .await
            .map_err(ssh_error)
    }

    async fn reply(&mut self) -> Result<Reply> {
        let Some(byte) = self.incoming.byte().await? else {
            return Err(self.ended_early());
        };
        let message = |line: Option<Vec<u8>>| String::from_utf8_lossy(&line.unwrap_or_default()).trim().to_string();
        match byte {
            0 => Ok(Reply::Ok),
            1 => Ok(Reply::Error(message(self.incoming.line().await?))),
            2 => Ok(Reply::Fatal(message(self.incoming.line().await?))),
            other => Err(protocol(&format!("unexpected reply byte {other:#04x}"))),
        }
    }

    /// `true` when the remote accepted; an item error is recorded, a fatal one ends the copy.
    async fn accepted(&mut self) -> Result<bool> {
        match self.reply().await? {
            Reply::Ok => Ok(true),
            Reply::Error(message) => {
                self.errors.push(message);
                Ok(false)
            }
            Reply::Fatal(message) => Err(Error::Other(message)),
        }
    }

    fn ended_early(&self) -> Error {
        if self.incoming.refused {
            return Error::Other("scp: the guest refused to run scp".into());
        }
        let mut message = "scp: the remote scp ended without answering".to_string();
        if let Some(code) = self.incoming.exit_status {
            message.push_str(&format!(" (exit status {code})"));
        }
        if let Some(line) = self.incoming.stderr_line() {
            message.push_str(": ");
            message.push_str(&line);
        }
        Error::Other(message)
    }

    /// Sends a file or a directory tree, depth first, entries in name order.
    async fn upload(&mut self, source: &Path, preserve: bool) -> Result<()> {
        if !self.accepted().await? {
            return Ok(());
        }
        let mut levels: Vec<std::vec::IntoIter<PathBuf>> = vec![vec![source.to_path_buf()].into_iter()];
        let mut buffer = BytesMut::new();
        while let Some(level) = levels.last_mut() {
            let Some(path) = level.next() else {
                levels.pop();
                if !levels.is_empty() {
                    self.send(b"E\n").await?;
                    self.accepted().await?;
                }
                continue;
            };
            let meta = std::fs::metadata(&path).map_err(|e| local_error("reading", &path, &e))?;
            let name = path.file_name().map(modes::name_bytes).unwrap_or_else(|| b".".to_vec());
            if preserve {
                self.send(&times_record(&meta)).await?;
                if !self.accepted().await? {
                    continue;
                }
            }
            if meta.is_dir() {
                self.send(&header('D', &meta, &name)).await?;
                if self.accepted().await? {
                    levels.push(children(&path)?.into_iter());
                }
            } else if meta.is_file() {
                self.send(&header('C', &meta, &name)).await?;
                if self.accepted().await? {
                    self.send_content(&path, meta.len(), &mut buffer).await?;
                    self.accepted().await?;
                }
            } else {
                self.errors.push(format!("{}: not a regular file", path.display()));
            }
        }
        Ok(())
    }

    /// Streams exactly `size` bytes of the file, then the `\0` that closes it. Each chunk is
    /// read into `buffer` and handed to the channel without a copy; the channel's window keeps
    /// at most a window's worth in flight.
    async fn send_content(&mut self, path: &Path, size: u64, buffer: &mut BytesMut) -> Result<()> {
        let file = tokio::fs::File::open(path)
            .await
            .map_err(|e| local_error("opening", path, &e))?;
        let mut file = file.take(size);
        let mut left = size;
        while left > 0 {
            buffer.reserve(CHUNK);
            let n = file
                .read_buf(buffer)
                .await
                .map_err(|e| local_error("reading", path, &e))?;
            if n == 0 {
                return Err(Error::Io(format!(
                    "reading {}: the file shrank while it was copied",
                    path.display()
                )));
            }
            let chunk = buffer.split().freeze();
            self.outgoing.data_bytes(chunk).await.map_err(ssh_error)?;
            left -= n as u64;
        }
        self.send(b"\0").await
    }

    /// Receives what the remote source sends until it closes; items it reports as failed are
    /// recorded and skipped, as OpenSSH's scp does.
    async fn download(&mut self, target: &Path, preserve: bool) -> Result<()> {
        self.send(b"\0").await?;
        let mut dirs: Vec<(PathBuf, u32, Option<FileTimes>)> = Vec::new();
        let mut times = None;
        loop {
            let Some(kind) = self.incoming.byte().await? else {
                return if dirs.is_empty() {
                    Ok(())
                } else {
                    Err(self.ended_early())
                };
            };
            let line = self.incoming.line().await?.unwrap_or_default();
            match kind {
                1 => {
                    self.errors.push(String::from_utf8_lossy(&line).trim().to_string());
                    continue;
                }
                2 => return Err(Error::Other(String::from_utf8_lossy(&line).trim().to_string())),
                _ => {}
            }
            let mut record = vec![kind];
            record.extend_from_slice(&line);
            let record = Record::parse(&record).map_err(|e| protocol(&e))?;
            match record {
                Record::Times { mtime, atime } => times = Some(file_times(mtime, atime)),
                Record::Dir { mode, name } => {
                    let path = match dirs.last() {
                        Some((parent, ..)) => parent.join(modes::name_from_bytes(&name)),
                        None => target.to_path_buf(),
                    };
                    make_dir(&path, mode)?;
                    dirs.push((path, mode, times.take()));
                }
                Record::End => {
                    let Some((path, mode, dir_times)) = dirs.pop() else {
                        return Err(protocol("unexpected end of directory"));
                    };
                    if preserve {
                        finish_preserved(&path, mode, dir_times)?;
                    }
                }
                Record::File { mode, size, name } => {
                    let path = match dirs.last() {
                        Some((parent, ..)) => parent.join(modes::name_from_bytes(&name)),
                        None if target.is_dir() => target.join(modes::name_from_bytes(&name)),
                        None => target.to_path_buf(),
                    };
                    let file_times = times.take();
                    self.receive_file(&path, mode, size).await?;
                    if preserve {
                        finish_preserved(&path, mode, file_times)?;
                    }
                }
            }
            self.send(b"\0").await?;
        }
    }

    async fn receive_file(&mut self, path: &Path, mode: u32, size: u64) -> Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        modes::create_with(&mut options, mode);
        let file = options.open(path).map_err(|e| local_error("creating", path, &e))?;
        self.send(b"\0").await?;
        let mut file = tokio::io::BufWriter::with_capacity(CHUNK, tokio::fs::File::from_std(file));
        self.incoming.copy_into(size, &mut file, path).await?;
        file.flush().await.map_err(|e| local_error("writing", path, &e))?;
        match self.reply().await? {
            Reply::Ok => Ok(()),
            Reply::Error(message) => {
                self.errors.push(message);
                Ok(())
            }
            Reply::Fatal(message) => Err(Error::Other(message)),
        }
    }

    /// Ends our side, waits for the remote's exit status and reports the first failure.
    async fn finish(mut self, transfer: Result<()>) -> Result<()> {
        let _ = self.outgoing.eof().await;
        if transfer.is_ok() {
            self.incoming.drain().await;
        }
        transfer?;
        if !self.errors.is_empty() {
            return Err(Error::Other(self.errors.join("; ")));
        }
        match self.incoming.exit_status {
            Some(0) | None => Ok(()),
            Some(code) => Err(Error::Other(match self.incoming.stderr_line() {
                Some(line) => format!("scp: the remote scp failed (exit status {code}): {line}"),
                None => format!("scp: the remote scp failed (exit status {code})"),
            })),
        }
    }
}

/// A directory's entries in name order (so a copy is reproducible).
fn children(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| local_error("reading", dir, &e))?;
    let mut paths = entries
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()
        .map_err(|e| local_error("reading", dir, &e))?;
    paths.sort();
    Ok(paths)
}

fn make_dir(path: &Path, mode: u32) -> Result<()> {
    if path.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    modes::dir_with(&mut builder, mode | 0o700);
    builder
        .create(path)
        .map_err(|e| local_error("creating directory", path, &e))
}

fn file_times(mtime: u64, atime: u64) -> FileTimes {
    let at = |secs: u64| UNIX_EPOCH + Duration::from_secs(secs);
    FileTimes::new().set_modified(at(mtime)).set_accessed(at(atime))
}

/// `-p`: the exact mode, then the times (last, since writing into a directory changes them).
fn finish_preserved(path: &Path, mode: u32, times: Option<FileTimes>) -> Result<()> {
    modes::set(path, mode).map_err(|e| local_error("setting the mode of", path, &e))?;
    let Some(times) = times else { return Ok(()) };
    let file = std::fs::File::open(path).map_err(|e| local_error("opening", path, &e))?;
    file.set_times(times)
        .map_err(|e| local_error("setting the times of", path, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_parse_as_openssh_sends_them() {
        assert_eq!(
            Record::parse(b"C0644 12 a file.txt"),
            Ok(Record::File {
                mode: 0o644,
                size: 12,
                name: b"a file.txt".to_vec()
            })
        );
        assert_eq!(
            Record::parse(b"D0755 0 dir"),
            Ok(Record::Dir {
                mode: 0o755,
                name: b"dir".to_vec()
            })
        );
        assert_eq!(
            Record::parse(b"T1700000000 0 1700000001 0"),
            Ok(Record::Times {
                mtime: 1_700_000_000,
                atime: 1_700_000_001
            })
        );
        assert_eq!(Record::parse(b"E"), Ok(Record::End));
    }

    #[test]
    fn records_that_could_escape_the_target_are_refused() {
        for bad in [
            &b"C0644 1 ../x"[..],
            b"C0644 1 a/b",
            b"D0755 0 ..",
            b"D0755 0 .",
            b"C0644 1 ",
            b"C0644 x name",
            b"C99999 1 name",
            b"T1 2 3",
            b"Ex",
            b"X",
        ] {
            assert!(Record::parse(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn remote_paths_are_quoted_for_the_guest_shell() {
        assert_eq!(shell_path(""), ".");
        assert_eq!(shell_path("~"), "~");
        assert_eq!(shell_path("~/a b"), "~/'a b'");
        assert_eq!(shell_path("/tmp/it's; rm -rf /"), r"'/tmp/it'\''s; rm -rf /'");
        let copy = Copy {
            direction: Direction::ToRemote { source: "x".into() },
            recursive: true,
            preserve: true,
            remote: "-dir".into(),
        };
        assert_eq!(copy.remote_command(), "scp -r -p -t -- '-dir'");
        let copy = Copy {
            direction: Direction::FromRemote { target: "x".into() },
            recursive: false,
            preserve: false,
            remote: String::new(),
        };
        assert_eq!(copy.remote_command(), "scp -f -- .");
    }

    #[test]
    fn local_checks_are_upstreams() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, b"x").unwrap();
        let d = dir.path().to_str().unwrap();
        let f = file.to_str().unwrap();
        let missing = dir.path().join("nope");
        let m = missing.to_str().unwrap();
        let err = |r: Result<Copy>| r.unwrap_err().to_string();

        assert_eq!(
            err(Copy::plan(m, "x", true, false, false)),
            format!("local path {} does not exist, can't copy it", go_quote(m))
        );
        assert!(
            err(Copy::plan(d, "x", true, false, false)).ends_with("is a directory but '--recursive' was not provided")
        );
        assert!(
            err(Copy::plan(f, "x", true, true, false)).ends_with("is not a directory but '--recursive' was provided")
        );
        assert!(err(Copy::plan(f, "x", false, true, false)).ends_with("is a file but '--recursive' was provided"));
        assert!(err(Copy::plan(&format!("{m}/sub/f"), "x", false, false, false)).contains("does not exist"));

        // Downloads into an existing directory get the remote base name with -r.
        let copy = Copy::plan(d, "/srv/data/", false, true, false).unwrap();
        assert_eq!(
            copy.direction,
            Direction::FromRemote {
                target: dir.path().join("data")
            }
        );
        let copy = Copy::plan(d, "/", false, true, false).unwrap();
        assert_eq!(
            copy.direction,
            Direction::FromRemote {
                target: dir.path().to_path_buf()
            }
        );
        assert!(Copy::plan(f, "x", true, false, true).is_ok());
        assert!(Copy::plan(m, "x", false, false, false).is_ok());
    }
}
