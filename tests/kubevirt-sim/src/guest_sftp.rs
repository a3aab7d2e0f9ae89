//! The guest SSH server's `sftp` subsystem, as OpenSSH's `sftp-server` serves it on a real
//! guest: SFTP version 3 (russh-sftp) on the real file system, relative paths resolved in the
//! sandbox directory the `exec` requests run in. OpenSSH 9's `scp` speaks this protocol by
//! default, so `virtctl scp` works against the simulator without `-O`.

use std::collections::HashMap;
use std::fs::{FileTimes, Metadata};
use std::os::unix::fs::{DirBuilderExt, FileExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use russh::ChannelId;
use russh::server::Session;
use russh_sftp::protocol::{Attrs, Data, File, FileAttributes, Handle, Name, OpenFlags, Status, StatusCode, Version};
use russh_sftp::server::StatusReply;
use tokio::io::{AsyncWriteExt, DuplexStream, WriteHalf};

/// The largest read the server answers with, as OpenSSH's sftp-server.
const MAX_READ: u32 = 256 * 1024;

/// The SFTP sessions of one SSH connection, by channel: what the client sends on a channel goes
/// to its server's input; the server's output is forwarded to the channel by a task.
#[derive(Default)]
pub struct Subsystems {
    inputs: HashMap<ChannelId, WriteHalf<DuplexStream>>,
}

impl Subsystems {
    /// Starts the named subsystem on the channel; `false` for names a guest does not serve.
    pub fn start(&mut self, channel: ChannelId, name: &str, session: &mut Session) -> bool {
        if name != "sftp" {
            return false;
        }
        let (ours, theirs) = tokio::io::duplex(MAX_READ as usize * 2);
        let (output, input) = tokio::io::split(ours);
        self.inputs.insert(channel, input);
        let handle = session.handle();
        tokio::spawn(async move {
            russh_sftp::server::run(theirs, Files::default()).await;
            crate::guest_services::forward(handle.clone(), channel, Some(output), None).await;
            let _ = handle.exit_status_request(channel, 0).await;
            let _ = handle.eof(channel).await;
            let _ = handle.close(channel).await;
        });
        true
    }

    /// Client bytes for a subsystem channel; `false` when the channel is not one.
    pub async fn feed(&mut self, channel: ChannelId, data: &[u8]) -> bool {
        let Some(input) = self.inputs.get_mut(&channel) else {
            return false;
        };
        if input.write_all(data).await.is_err() {
            self.end(channel).await;
        }
        true
    }

    /// The client's EOF ends the server's input, and so the server. The input is shut down, not
    /// only dropped: its other half still carries the server's output.
    pub async fn end(&mut self, channel: ChannelId) {
        if let Some(mut input) = self.inputs.remove(&channel) {
            let _ = input.shutdown().await;
        }
    }
}

/// An open handle: a file, or a directory listing not yet fully sent.
enum Open {
    File(Arc<std::fs::File>),
    Dir(Option<Vec<File>>),
}

/// One client's SFTP server state.
#[derive(Default)]
struct Files {
    handles: HashMap<String, Open>,
    next: u64,
}

fn status(id: u32) -> Status {
    Status {
        id,
        status_code: StatusCode::Ok,
        error_message: "Success".into(),
        language_tag: "en-US".into(),
    }
}

/// An I/O error as sftp-server reports it: the status code OpenSSH's client turns into words.
fn failure(e: std::io::Error) -> StatusReply {
    let code = match e.kind() {
        std::io::ErrorKind::NotFound => StatusCode::NoSuchFile,
        std::io::ErrorKind::PermissionDenied => StatusCode::PermissionDenied,
        _ => StatusCode::Failure,
    };
    code.with_message(e.to_string())
}

fn attributes(meta: &Metadata) -> FileAttributes {
    FileAttributes {
        size: Some(meta.len()),
        uid: Some(meta.uid()),
        gid: Some(meta.gid()),
        permissions: Some(meta.mode()),
        atime: Some(meta.atime().max(0) as u32),
        mtime: Some(meta.mtime().max(0) as u32),
        ..FileAttributes::default()
    }
}

/// `setstat`: size, mode and times, each only when the client sent it.
fn apply(path: &Path, file: Option<&std::fs::File>, attrs: &FileAttributes) -> std::io::Result<()> {
    let opened;
    let file = match file {
        Some(file) => file,
        None => {
            opened = std::fs::File::open(path)?;
            &opened
        }
    };
    if let Some(size) = attrs.size {
        file.set_len(size)?;
    }
    if let Some(mode) = attrs.permissions {
        file.set_permissions(std::fs::Permissions::from_mode(mode & 0o7777))?;
    }
    if let (Some(atime), Some(mtime)) = (attrs.atime, attrs.mtime) {
        let at = |secs: u32| UNIX_EPOCH + Duration::from_secs(secs.into());
        file.set_times(FileTimes::new().set_accessed(at(atime)).set_modified(at(mtime)))?;
    }
    Ok(())
}

/// A path without `.` and `..` (the parent of `/` is `/`), as `realpath` answers for a path that
/// does not exist yet.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::from("/");
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(part) => out.push(part),
            _ => {}
        }
    }
    out
}

impl Files {
    fn resolve(&self, path: &str) -> PathBuf {
        crate::guest_services::sandbox().join(path)
    }

    fn keep(&mut self, open: Open) -> String {
        self.next += 1;
        let handle = self.next.to_string();
        self.handles.insert(handle.clone(), open);
        handle
    }

    fn file(&self, handle: &str) -> Result<Arc<std::fs::File>, StatusReply> {
        match self.handles.get(handle) {
            Some(Open::File(file)) => Ok(file.clone()),
            _ => Err(StatusCode::Failure.with_message("invalid handle")),
        }
    }
}

impl russh_sftp::server::Handler for Files {
    type Error = StatusReply;

    fn unimplemented(&self) -> Self::Error {
        StatusCode::OpUnsupported.into()
    }

    async fn init(&mut self, _version: u32, _extensions: HashMap<String, String>) -> Result<Version, Self::Error> {
        Ok(Version::new())
    }

    async fn open(
        &mut self,
        id: u32,
        filename: String,
        pflags: OpenFlags,
        attrs: FileAttributes,
    ) -> Result<Handle, Self::Error> {
        let mut options: std::fs::OpenOptions = pflags.into();
        options.mode(attrs.permissions.map_or(0o666, |p| p & 0o7777));
        let file = options.open(self.resolve(&filename)).map_err(failure)?;
        Ok(Handle {
            id,
            handle: self.keep(Open::File(Arc::new(file))),
        })
    }

    async fn close(&mut self, id: u32, handle: String) -> Result<Status, Self::Error> {
        match self.handles.remove(&handle) {
            Some(_) => Ok(status(id)),
            None => Err(StatusCode::Failure.with_message("invalid handle")),
        }
    }

    async fn read(&mut self, id: u32, handle: String, offset: u64, len: u32) -> Result<Data, Self::Error> {
        let file = self.file(&handle)?;
        let len = len.min(MAX_READ) as usize;
        let data = tokio::task::spawn_blocking(move || {
            let mut buf = vec![0u8; len];
            let n = file.read_at(&mut buf, offset)?;
            buf.truncate(n);
            Ok::<_, std::io::Error>(buf)
        })
        .await
        .map_err(|_| StatusReply::from(StatusCode::Failure))?
        .map_err(failure)?;
        if data.is_empty() && len > 0 {
            return Err(StatusCode::Eof.into());
        }
        Ok(Data { id, data })
    }

    async fn write(&mut self, id: u32, handle: String, offset: u64, data: Vec<u8>) -> Result<Status, Self::Error> {
        let file = self.file(&handle)?;
        tokio::task::spawn_blocking(move || file.write_all_at(&data, offset))
            .await
            .map_err(|_| StatusReply::from(StatusCode::Failure))?
            .map_err(failure)?;
        Ok(status(id))
    }

    async fn lstat(&mut self, id: u32, path: String) -> Result<Attrs, Self::Error> {
        let meta = std::fs::symlink_metadata(self.resolve(&path)).map_err(failure)?;
        Ok(Attrs {
            id,
            attrs: attributes(&meta),
        })
    }

    async fn fstat(&mut self, id: u32, handle: String) -> Result<Attrs, Self::Error> {
        let meta = self.file(&handle)?.metadata().map_err(failure)?;
        Ok(Attrs {
            id,
            attrs: attributes(&meta),
        })
    }

    async fn setstat(&mut self, id: u32, path: String, attrs: FileAttributes) -> Result<Status, Self::Error> {
        apply(&self.resolve(&path), None, &attrs).map_err(failure)?;
        Ok(status(id))
    }

    async fn fsetstat(&mut self, id: u32, handle: String, attrs: FileAttributes) -> Result<Status, Self::Error> {
        let file = self.file(&handle)?;
        apply(Path::new(""), Some(&file), &attrs).map_err(failure)?;
        Ok(status(id))
    }

    async fn opendir(&mut self, id: u32, path: String) -> Result<Handle, Self::Error> {
        let dir = self.resolve(&path);
        let mut files = Vec::new();
        for entry in std::fs::read_dir(&dir).map_err(failure)? {
            let entry = entry.map_err(failure)?;
            let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
                continue;
            };
            files.push(File::new(entry.file_name().to_string_lossy(), attributes(&meta)));
        }
        Ok(Handle {
            id,
            handle: self.keep(Open::Dir(Some(files))),
        })
    }

    async fn readdir(&mut self, id: u32, handle: String) -> Result<Name, Self::Error> {
        match self.handles.get_mut(&handle) {
            Some(Open::Dir(files)) => match files.take() {
                Some(files) if !files.is_empty() => Ok(Name { id, files }),
                _ => Err(StatusCode::Eof.into()),
            },
            _ => Err(StatusCode::Failure.with_message("invalid handle")),
        }
    }

    async fn remove(&mut self, id: u32, filename: String) -> Result<Status, Self::Error> {
        std::fs::remove_file(self.resolve(&filename)).map_err(failure)?;
        Ok(status(id))
    }

    async fn mkdir(&mut self, id: u32, path: String, attrs: FileAttributes) -> Result<Status, Self::Error> {
        std::fs::DirBuilder::new()
            .mode(attrs.permissions.map_or(0o777, |p| p & 0o7777))
            .create(self.resolve(&path))
            .map_err(failure)?;
        Ok(status(id))
    }

    async fn rmdir(&mut self, id: u32, path: String) -> Result<Status, Self::Error> {
        std::fs::remove_dir(self.resolve(&path)).map_err(failure)?;
        Ok(status(id))
    }

    async fn realpath(&mut self, id: u32, path: String) -> Result<Name, Self::Error> {
        let path = self.resolve(&path);
        let real = std::fs::canonicalize(&path).unwrap_or_else(|_| normalize(&path));
        Ok(Name {
            id,
            files: vec![File::dummy(real.to_string_lossy())],
        })
    }

    async fn stat(&mut self, id: u32, path: String) -> Result<Attrs, Self::Error> {
        let meta = std::fs::metadata(self.resolve(&path)).map_err(failure)?;
        Ok(Attrs {
            id,
            attrs: attributes(&meta),
        })
    }

    /// Version 3 rename does not replace an existing file (sftp-server links, then unlinks).
    async fn rename(&mut self, id: u32, oldpath: String, newpath: String) -> Result<Status, Self::Error> {
        let (old, new) = (self.resolve(&oldpath), self.resolve(&newpath));
        if std::fs::symlink_metadata(&new).is_ok() {
            return Err(StatusCode::Failure.with_message("target exists"));
        }
        std::fs::rename(old, new).map_err(failure)?;
        Ok(status(id))
    }

    async fn readlink(&mut self, id: u32, path: String) -> Result<Name, Self::Error> {
        let target = std::fs::read_link(self.resolve(&path)).map_err(failure)?;
        Ok(Name {
            id,
            files: vec![File::dummy(target.to_string_lossy())],
        })
    }

    /// OpenSSH sends the link's target first and the new link second (the draft's order
    /// reversed); russh-sftp names them by the draft, so `linkpath` is the target here.
    async fn symlink(&mut self, id: u32, linkpath: String, targetpath: String) -> Result<Status, Self::Error> {
        std::os::unix::fs::symlink(linkpath, self.resolve(&targetpath)).map_err(failure)?;
        Ok(status(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn realpath_of_a_missing_path_is_lexical() {
        assert_eq!(normalize(Path::new("/a/b/../c/./d")), PathBuf::from("/a/c/d"));
        assert_eq!(normalize(Path::new("/../..")), PathBuf::from("/"));
    }
}
