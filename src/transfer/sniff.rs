//! What a local image file is, from its first and last bytes: the disk format (and the virtual
//! size when the header holds it), the compression, or a tar archive. Reads two small windows
//! of the file, never the whole of it.

use std::fmt;

/// Bytes read from the start of the file: enough for every magic number below, including the
/// ISO 9660 volume descriptor at 32 KiB.
pub const HEAD_LEN: usize = 64 * 1024;
/// Bytes read from the end of the file (a fixed VHD keeps its footer there).
pub const TAIL_LEN: usize = 512;

const QCOW2_MAGIC: &[u8] = b"QFI\xfb";
const GZIP_MAGIC: &[u8] = b"\x1f\x8b";
const XZ_MAGIC: &[u8] = b"\xfd7zXZ\x00";
const ZSTD_MAGIC: &[u8] = b"\x28\xb5\x2f\xfd";
const BZIP2_MAGIC: &[u8] = b"BZh";
const VMDK_MAGIC: &[u8] = b"KDMV";
const VHDX_MAGIC: &[u8] = b"vhdxfile";
const VHD_MAGIC: &[u8] = b"conectix";
const VDI_MAGIC: u32 = 0xbeda_107f;
const ISO_MAGIC: &[u8] = b"CD001";
const ISO_MAGIC_AT: usize = 0x8001;

/// The kind of data in a file, as CDI's importer would detect it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Raw,
    Iso,
    Qcow2,
    Vmdk,
    Vdi,
    Vhd,
    Vhdx,
    Tar,
    Gzip,
    Xz,
    Zstd,
    Bzip2,
}

impl Format {
    pub fn is_compressed(self) -> bool {
        matches!(self, Format::Gzip | Format::Xz | Format::Zstd | Format::Bzip2)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Raw => "raw",
            Format::Iso => "ISO",
            Format::Qcow2 => "qcow2",
            Format::Vmdk => "vmdk",
            Format::Vdi => "vdi",
            Format::Vhd => "vhd",
            Format::Vhdx => "vhdx",
            Format::Tar => "tar",
            Format::Gzip => "gzip",
            Format::Xz => "xz",
            Format::Zstd => "zstd",
            Format::Bzip2 => "bzip2",
        })
    }
}

/// What the sniffing found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sniffed {
    pub format: Format,
    /// The size of the disk the image expands to, when it can be known without decompressing:
    /// the file size for raw and ISO, the header's value for qcow2, vmdk, vdi and vhd.
    pub virtual_size: Option<u64>,
}

/// Classifies a file from its first bytes (`head`, up to [`HEAD_LEN`]), its last bytes (`tail`,
/// up to [`TAIL_LEN`]) and its length.
pub fn sniff(head: &[u8], tail: &[u8], file_len: u64) -> Sniffed {
    let found = |format, virtual_size| Sniffed { format, virtual_size };
    if head.starts_with(QCOW2_MAGIC) {
        return found(Format::Qcow2, qcow2_virtual_size(head));
    }
    for (magic, format) in [
        (GZIP_MAGIC, Format::Gzip),
        (XZ_MAGIC, Format::Xz),
        (ZSTD_MAGIC, Format::Zstd),
    ] {
        if head.starts_with(magic) {
            return found(format, None);
        }
    }
    if head.starts_with(BZIP2_MAGIC) && head.get(3).is_some_and(|b| (b'1'..=b'9').contains(b)) {
        return found(Format::Bzip2, None);
    }
    if head.starts_with(VMDK_MAGIC) {
        let sectors = le_u64(head, 12);
        return found(Format::Vmdk, sectors.and_then(|s| s.checked_mul(512)));
    }
    if head.starts_with(VHDX_MAGIC) {
        return found(Format::Vhdx, None);
    }
    if head.starts_with(VHD_MAGIC) {
        // A dynamic VHD starts with a copy of its footer; the current size is at offset 48.
        return found(Format::Vhd, be_u64(head, 48));
    }
    if le_u32(head, 64) == Some(VDI_MAGIC) {
        return found(Format::Vdi, le_u64(head, 368));
    }
    if head.get(ISO_MAGIC_AT..ISO_MAGIC_AT + ISO_MAGIC.len()) == Some(ISO_MAGIC) {
        return found(Format::Iso, Some(file_len));
    }
    if is_tar_header(head) {
        return found(Format::Tar, None);
    }
    if tail.len() >= 512 && tail[tail.len() - 512..].starts_with(VHD_MAGIC) {
        // A fixed VHD is raw data followed by the footer.
        return found(Format::Vhd, be_u64(&tail[tail.len() - 512..], 48));
    }
    found(Format::Raw, Some(file_len))
}

/// The virtual size of a qcow2 image: a big-endian u64 at byte 24, for versions 2 and 3 with a
/// sane cluster size.
pub fn qcow2_virtual_size(head: &[u8]) -> Option<u64> {
    let version = be_u32(head, 4)?;
    let cluster_bits = be_u32(head, 20)?;
    if !(2..=3).contains(&version) || !(9..=21).contains(&cluster_bits) {
        return None;
    }
    be_u64(head, 24)
}

/// Whether the block is a tar header: its checksum (octal, bytes 148..156) equals the sum of the
/// header's bytes with the checksum field read as spaces. Works for every tar dialect.
pub fn is_tar_header(head: &[u8]) -> bool {
    let Some(header) = head.get(..512) else { return false };
    if header.iter().all(|&b| b == 0) {
        return false;
    }
    let field = &header[148..156];
    let digits: String = field
        .iter()
        .map(|&b| b as char)
        .skip_while(|c| *c == ' ')
        .take_while(|c| c.is_digit(8))
        .collect();
    let Ok(expected) = u32::from_str_radix(&digits, 8) else {
        return false;
    };
    let sum: u32 = header
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            if (148..156).contains(&i) {
                u32::from(b' ')
            } else {
                u32::from(b)
            }
        })
        .sum();
    sum == expected
}

fn bytes<const N: usize>(buf: &[u8], at: usize) -> Option<[u8; N]> {
    buf.get(at..at + N)?.try_into().ok()
}

fn be_u32(buf: &[u8], at: usize) -> Option<u32> {
    bytes(buf, at).map(u32::from_be_bytes)
}

fn be_u64(buf: &[u8], at: usize) -> Option<u64> {
    bytes(buf, at).map(u64::from_be_bytes)
}

fn le_u32(buf: &[u8], at: usize) -> Option<u32> {
    bytes(buf, at).map(u32::from_le_bytes)
}

fn le_u64(buf: &[u8], at: usize) -> Option<u64> {
    bytes(buf, at).map(u64::from_le_bytes)
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// A minimal qcow2 v3 header for `virtual_size` bytes.
    pub fn qcow2_header(virtual_size: u64) -> Vec<u8> {
        let mut h = vec![0u8; 512];
        h[..4].copy_from_slice(QCOW2_MAGIC);
        h[4..8].copy_from_slice(&3u32.to_be_bytes());
        h[20..24].copy_from_slice(&16u32.to_be_bytes());
        h[24..32].copy_from_slice(&virtual_size.to_be_bytes());
        h
    }

    fn tar_header(name: &str) -> Vec<u8> {
        let mut h = vec![0u8; 512];
        h[..name.len()].copy_from_slice(name.as_bytes());
        h[100..107].copy_from_slice(b"0000644");
        h[124..135].copy_from_slice(b"00000000005");
        h[156] = b'0';
        h[257..263].copy_from_slice(b"ustar\0");
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
        h[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
        h
    }

    #[test]
    fn qcow2_gives_its_virtual_size() {
        let s = sniff(&qcow2_header(10 << 30), &[], 200_000);
        assert_eq!(
            s,
            Sniffed {
                format: Format::Qcow2,
                virtual_size: Some(10 << 30)
            }
        );
    }

    #[test]
    fn qcow2_with_a_bad_version_has_no_size() {
        let mut h = qcow2_header(1 << 30);
        h[4..8].copy_from_slice(&9u32.to_be_bytes());
        assert_eq!(sniff(&h, &[], 1).virtual_size, None);
        assert_eq!(
            sniff(&h[..10], &[], 10).virtual_size,
            None,
            "a truncated header is no panic"
        );
    }

    #[test]
    fn compressions_are_recognised() {
        assert_eq!(sniff(b"\x1f\x8b\x08\x00", &[], 4).format, Format::Gzip);
        assert_eq!(sniff(b"\xfd7zXZ\x00\x00", &[], 7).format, Format::Xz);
        assert_eq!(sniff(b"\x28\xb5\x2f\xfd\x00", &[], 5).format, Format::Zstd);
        assert_eq!(sniff(b"BZh9", &[], 4).format, Format::Bzip2);
        assert!(Format::Xz.is_compressed());
        assert_eq!(sniff(b"\x1f\x8b", &[], 2).virtual_size, None);
    }

    #[test]
    fn raw_and_iso_take_the_file_size() {
        assert_eq!(
            sniff(&[0u8; 4096], &[0u8; 512], 1 << 20),
            Sniffed {
                format: Format::Raw,
                virtual_size: Some(1 << 20)
            }
        );
        let mut iso = vec![0u8; 40_000];
        iso[ISO_MAGIC_AT..ISO_MAGIC_AT + 5].copy_from_slice(ISO_MAGIC);
        assert_eq!(
            sniff(&iso, &[], 3 << 20),
            Sniffed {
                format: Format::Iso,
                virtual_size: Some(3 << 20)
            }
        );
        assert_eq!(sniff(&[], &[], 0).format, Format::Raw);
    }

    #[test]
    fn tar_headers_are_checked_by_checksum() {
        let h = tar_header("disk.img");
        assert!(is_tar_header(&h));
        assert_eq!(sniff(&h, &[], 10_240).format, Format::Tar);
        let mut broken = h.clone();
        broken[0] = b'X';
        assert!(!is_tar_header(&broken));
        assert!(!is_tar_header(&[0u8; 512]));
    }

    #[test]
    fn vmdk_vdi_vhd_sizes() {
        let mut vmdk = vec![0u8; 512];
        vmdk[..4].copy_from_slice(VMDK_MAGIC);
        vmdk[12..20].copy_from_slice(&(2048u64).to_le_bytes());
        assert_eq!(sniff(&vmdk, &[], 1).virtual_size, Some(1 << 20));

        let mut vdi = vec![0u8; 512];
        vdi[64..68].copy_from_slice(&VDI_MAGIC.to_le_bytes());
        vdi[368..376].copy_from_slice(&(5u64 << 30).to_le_bytes());
        assert_eq!(
            sniff(&vdi, &[], 1),
            Sniffed {
                format: Format::Vdi,
                virtual_size: Some(5 << 30)
            }
        );

        let mut footer = vec![0u8; 512];
        footer[..8].copy_from_slice(VHD_MAGIC);
        footer[48..56].copy_from_slice(&(7u64 << 20).to_be_bytes());
        assert_eq!(
            sniff(&[0u8; 1024], &footer, 8 << 20),
            Sniffed {
                format: Format::Vhd,
                virtual_size: Some(7 << 20)
            }
        );
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let mut state = 0x1234_5678u32;
        for len in [0usize, 1, 3, 7, 63, 100, 511, 512, 513, 4096, 40_000] {
            let data: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    state as u8
                })
                .collect();
            let _ = sniff(&data, &data[data.len().saturating_sub(512)..], len as u64);
        }
    }
}
