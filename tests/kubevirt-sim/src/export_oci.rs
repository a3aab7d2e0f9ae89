//! The export server's `/export.oci.tar` (KubeVirt's OCI export, the `oci` manifest link of a
//! VirtualMachine export): an OCI image layout as a tar.
//!
//! ```text
//! oci-layout            {"imageLayoutVersion":"1.0.0"}
//! index.json            points at the image index blob (ref name `latest`)
//! blobs/sha256/<d>      the image index (artifactType application/vnd.kubevirt.virtualmachine.v1,
//!                       one manifest per architecture), the manifest, the config (the VM
//!                       without cluster fields, DataVolumes turned into PVC volumes) and one
//!                       layer per PVC-backed disk: the raw disk compressed with zstd
//!                       (application/vnd.kubevirt.disk.raw+zstd), annotated with its volume
//! ```
//!
//! Built once per export into the data directory (the real server computes the digests in a
//! first pass for the same reason: a tar header needs sizes and names before the data), then
//! streamed with its length.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

pub const ARTIFACT_TYPE: &str = "application/vnd.kubevirt.virtualmachine.v1";
pub const CONFIG_TYPE: &str = "application/vnd.kubevirt.virtualmachine.config.v1+json";
pub const LAYER_TYPE: &str = "application/vnd.kubevirt.disk.raw+zstd";
const INDEX_TYPE: &str = "application/vnd.oci.image.index.v1+json";
const MANIFEST_TYPE: &str = "application/vnd.oci.image.manifest.v1+json";
/// The zstd level: fixed, so the same disk always gives the same blob.
const LEVEL: i32 = 3;

/// One PVC-backed disk of the VM.
pub struct Disk {
    /// the volume's name in the VM spec
    pub volume: String,
    /// the PVC's contents
    pub path: PathBuf,
    pub pvc: Value,
}

/// A blob: its digest (`sha256:HEX`) and where its bytes are.
struct Blob {
    digest: String,
    size: u64,
    bytes: BlobBytes,
}

enum BlobBytes {
    Memory(Vec<u8>),
    File(PathBuf),
}

fn hex(hash: &[u8]) -> String {
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

fn memory_blob(bytes: Vec<u8>) -> Blob {
    Blob {
        digest: format!("sha256:{}", hex(&Sha256::digest(&bytes))),
        size: bytes.len() as u64,
        bytes: BlobBytes::Memory(bytes),
    }
}

/// Compresses `source` into `target` with zstd, hashing what it writes.
fn zstd_blob(source: &Path, target: &Path) -> std::io::Result<Blob> {
    struct Hashing<W> {
        inner: W,
        hash: Sha256,
        size: u64,
    }
    impl<W: Write> Write for Hashing<W> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let n = self.inner.write(buf)?;
            self.hash.update(&buf[..n]);
            self.size += n as u64;
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.inner.flush()
        }
    }
    let out = Hashing {
        inner: BufWriter::new(File::create(target)?),
        hash: Sha256::new(),
        size: 0,
    };
    let mut encoder = zstd::stream::write::Encoder::new(out, LEVEL)?;
    std::io::copy(&mut File::open(source)?, &mut encoder)?;
    let mut out = encoder.finish()?;
    out.flush()?;
    Ok(Blob {
        digest: format!("sha256:{}", hex(&out.hash.finalize())),
        size: out.size,
        bytes: BlobBytes::File(target.to_path_buf()),
    })
}

/// The VM as the config blob holds it: no cluster fields, no status, DataVolumes as PVCs.
pub fn config_of(vm: &Value) -> Value {
    let mut vm = vm.clone();
    if let Some(meta) = vm.get_mut("metadata").and_then(Value::as_object_mut) {
        for field in [
            "namespace",
            "uid",
            "resourceVersion",
            "creationTimestamp",
            "generation",
            "managedFields",
        ] {
            meta.remove(field);
        }
    }
    if let Some(obj) = vm.as_object_mut() {
        obj.remove("status");
    }
    if let Some(spec) = vm.get_mut("spec").and_then(Value::as_object_mut) {
        spec.remove("dataVolumeTemplates");
    }
    if let Some(volumes) = vm
        .pointer_mut("/spec/template/spec/volumes")
        .and_then(Value::as_array_mut)
    {
        for volume in volumes.iter_mut() {
            if let Some(dv) = volume.get("dataVolume").and_then(|d| d.get("name")).cloned() {
                *volume = json!({"name": volume["name"], "persistentVolumeClaim": {"claimName": dv}});
            }
        }
    }
    vm
}

fn descriptor(media_type: &str, blob: &Blob) -> Value {
    json!({"mediaType": media_type, "digest": blob.digest, "size": blob.size})
}

fn layer_annotations(disk: &Disk) -> Value {
    let pvc = &disk.pvc;
    let access: Vec<&str> = pvc
        .pointer("/spec/accessModes")
        .and_then(Value::as_array)
        .map(|modes| modes.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    json!({
        "io.kubevirt.disk.name": disk.volume,
        "io.kubevirt.pvc.capacity": pvc.pointer("/spec/resources/requests/storage").and_then(Value::as_str).unwrap_or(""),
        "io.kubevirt.pvc.volumeMode": pvc.pointer("/spec/volumeMode").and_then(Value::as_str).unwrap_or("Filesystem"),
        "io.kubevirt.pvc.accessModes": access.join(","),
        "org.opencontainers.image.title": format!("{}.raw.zst", disk.volume),
    })
}

/// Builds the archive for `vm` and its disks at `target` (scratch files beside it).
pub fn build(target: &Path, vm: &Value, disks: &[Disk], created: &str) -> std::io::Result<()> {
    let scratch = target.with_extension("layers");
    std::fs::create_dir_all(&scratch)?;
    let mut layers = Vec::new();
    for (i, disk) in disks.iter().enumerate() {
        layers.push(zstd_blob(&disk.path, &scratch.join(format!("{i}.zst")))?);
    }
    let name = vm.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
    let config = memory_blob(serde_json::to_vec(&config_of(vm)).unwrap_or_default());
    let manifest = memory_blob(
        serde_json::to_vec(&json!({
            "schemaVersion": 2,
            "mediaType": MANIFEST_TYPE,
            "artifactType": ARTIFACT_TYPE,
            "config": descriptor(CONFIG_TYPE, &config),
            "layers": layers.iter().zip(disks).map(|(blob, disk)| {
                let mut d = descriptor(LAYER_TYPE, blob);
                d["annotations"] = layer_annotations(disk);
                d
            }).collect::<Vec<_>>(),
            "annotations": {"org.opencontainers.image.title": name, "org.opencontainers.image.created": created},
        }))
        .unwrap_or_default(),
    );
    let architecture = vm
        .pointer("/spec/template/spec/architecture")
        .and_then(Value::as_str)
        .filter(|a| !a.is_empty())
        .unwrap_or("amd64");
    let mut platform_manifest = descriptor(MANIFEST_TYPE, &manifest);
    platform_manifest["platform"] = json!({"architecture": architecture, "os": "linux"});
    let index = memory_blob(
        serde_json::to_vec(&json!({
            "schemaVersion": 2,
            "mediaType": INDEX_TYPE,
            "artifactType": ARTIFACT_TYPE,
            "manifests": [platform_manifest],
            "annotations": {"org.opencontainers.image.title": name, "org.opencontainers.image.created": created},
        }))
        .unwrap_or_default(),
    );
    let mut top = descriptor(INDEX_TYPE, &index);
    top["annotations"] = json!({"org.opencontainers.image.ref.name": "latest"});
    let index_json = serde_json::to_vec(&json!({"schemaVersion": 2, "mediaType": INDEX_TYPE, "manifests": [top]}))
        .unwrap_or_default();

    let tmp = target.with_extension("tmp");
    let mut out = BufWriter::new(File::create(&tmp)?);
    append(&mut out, "oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#)?;
    append(&mut out, "index.json", &index_json)?;
    for blob in [&index, &manifest, &config].into_iter().chain(layers.iter()) {
        let path = format!("blobs/sha256/{}", blob.digest.trim_start_matches("sha256:"));
        match &blob.bytes {
            BlobBytes::Memory(bytes) => append(&mut out, &path, bytes)?,
            BlobBytes::File(file) => {
                out.write_all(&crate::export::tar_header(&path, blob.size, b'0', b"0000644"))?;
                let copied = std::io::copy(&mut File::open(file)?.take(blob.size), &mut out)?;
                pad(&mut out, copied)?;
            }
        }
    }
    out.write_all(&[0u8; 1024])?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    std::fs::rename(&tmp, target)?;
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(())
}

fn append(out: &mut impl Write, path: &str, bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(&crate::export::tar_header(path, bytes.len() as u64, b'0', b"0000644"))?;
    out.write_all(bytes)?;
    pad(out, bytes.len() as u64)
}

/// Tar data is padded to 512-byte records.
fn pad(out: &mut impl Write, len: u64) -> std::io::Result<()> {
    let padding = (512 - len % 512) % 512;
    out.write_all(&vec![0u8; padding as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_drops_cluster_fields_and_data_volumes() {
        let vm = json!({
            "metadata": {"name": "vm1", "namespace": "ns", "uid": "u", "labels": {"a": "b"}},
            "spec": {"dataVolumeTemplates": [{"metadata": {"name": "dv"}}],
                     "template": {"spec": {"volumes": [{"name": "root", "dataVolume": {"name": "dv"}}]}}},
            "status": {"ready": true},
        });
        assert_eq!(
            config_of(&vm),
            json!({
                "metadata": {"name": "vm1", "labels": {"a": "b"}},
                "spec": {"template": {"spec": {"volumes": [{"name": "root", "persistentVolumeClaim": {"claimName": "dv"}}]}}},
            })
        );
    }
}
