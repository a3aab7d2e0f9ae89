//! The VMI's display: a framebuffer with a picture drawn from the VMI's name, served as an RFB 3.8
//! server (security type None, raw encoding, any 32-bit true-colour pixel format the viewer asks
//! for) and as the PNG that `vnc/screenshot` returns.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

pub const WIDTH: u16 = 640;
pub const HEIGHT: u16 = 400;

/// An RGB framebuffer.
#[derive(Debug, Clone, PartialEq)]
pub struct Framebuffer {
    pub width: u16,
    pub height: u16,
    pub name: String,
    /// RGB, row-major
    pub rgb: Vec<u8>,
}

fn hash(s: &str) -> u32 {
    s.bytes()
        .fold(2166136261u32, |h, b| (h ^ b as u32).wrapping_mul(16777619))
}

impl Framebuffer {
    /// The picture a VMI shows: a gradient desktop, a window whose colour depends on the name,
    /// and a checkered title bar. Deterministic, so tests can compare pixels.
    pub fn for_vmi(name: &str) -> Framebuffer {
        let (w, h) = (WIDTH as usize, HEIGHT as usize);
        let seed = hash(name);
        let window = [(seed >> 16) as u8 | 0x40, (seed >> 8) as u8 | 0x40, seed as u8 | 0x40];
        let mut rgb = Vec::with_capacity(w * h * 3);
        for y in 0..h {
            for x in 0..w {
                let in_window = (80..560).contains(&x) && (60..340).contains(&y);
                let title = in_window && y < 84;
                let px = if title {
                    if ((x / 8) + (y / 8)) % 2 == 0 {
                        [240, 240, 240]
                    } else {
                        [32, 32, 32]
                    }
                } else if in_window {
                    window
                } else {
                    [(x * 255 / w) as u8, (y * 255 / h) as u8, 128]
                };
                rgb.extend_from_slice(&px);
            }
        }
        Framebuffer {
            width: WIDTH,
            height: HEIGHT,
            name: name.to_string(),
            rgb,
        }
    }

    pub fn pixel(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y * self.width as usize + x) * 3;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }

    /// The framebuffer as a PNG (8-bit RGB, zlib with stored blocks).
    pub fn png(&self) -> Vec<u8> {
        let (w, h) = (self.width as usize, self.height as usize);
        let mut raw = Vec::with_capacity((w * 3 + 1) * h);
        for row in self.rgb.chunks(w * 3) {
            raw.push(0); // filter: none
            raw.extend_from_slice(row);
        }
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&(w as u32).to_be_bytes());
        ihdr.extend_from_slice(&(h as u32).to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        chunk(&mut png, b"IHDR", &ihdr);
        chunk(&mut png, b"IDAT", &zlib_stored(&raw));
        chunk(&mut png, b"IEND", &[]);
        png
    }
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = if data.is_empty() {
        vec![&[]]
    } else {
        data.chunks(65535).collect()
    };
    let last = blocks.len() - 1;
    for (i, block) in blocks.iter().enumerate() {
        out.push(u8::from(i == last));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + byte as u32) % 65521;
        b = (b + a) % 65521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

/// A 32-bit true-colour pixel format as RFB describes it.
#[derive(Debug, Clone, Copy)]
struct PixelFormat {
    big_endian: bool,
    shifts: [u8; 3],
    maxes: [u16; 3],
}

const DEFAULT_FORMAT: PixelFormat = PixelFormat {
    big_endian: false,
    shifts: [16, 8, 0],
    maxes: [255, 255, 255],
};

fn format_bytes(pf: &PixelFormat) -> [u8; 16] {
    let mut b = [0u8; 16];
    b[0] = 32;
    b[1] = 24;
    b[2] = u8::from(pf.big_endian);
    b[3] = 1;
    b[4..6].copy_from_slice(&pf.maxes[0].to_be_bytes());
    b[6..8].copy_from_slice(&pf.maxes[1].to_be_bytes());
    b[8..10].copy_from_slice(&pf.maxes[2].to_be_bytes());
    b[10] = pf.shifts[0];
    b[11] = pf.shifts[1];
    b[12] = pf.shifts[2];
    b
}

/// Serves one RFB session.
pub async fn serve<S: AsyncRead + AsyncWrite + Unpin>(fb: Framebuffer, io: S) {
    let _ = session(&fb, io).await;
}

async fn session<S: AsyncRead + AsyncWrite + Unpin>(fb: &Framebuffer, mut io: S) -> std::io::Result<()> {
    io.write_all(b"RFB 003.008\n").await?;
    let mut version = [0u8; 12];
    io.read_exact(&mut version).await?;
    io.write_all(&[1, 1]).await?; // one security type: None
    let mut chosen = [0u8; 1];
    io.read_exact(&mut chosen).await?;
    io.write_all(&0u32.to_be_bytes()).await?;
    let mut shared = [0u8; 1];
    io.read_exact(&mut shared).await?;
    let mut init = Vec::new();
    init.extend_from_slice(&fb.width.to_be_bytes());
    init.extend_from_slice(&fb.height.to_be_bytes());
    init.extend_from_slice(&format_bytes(&DEFAULT_FORMAT));
    init.extend_from_slice(&(fb.name.len() as u32).to_be_bytes());
    init.extend_from_slice(fb.name.as_bytes());
    io.write_all(&init).await?;
    io.flush().await?;

    let mut pf = DEFAULT_FORMAT;
    loop {
        let mut kind = [0u8; 1];
        io.read_exact(&mut kind).await?;
        match kind[0] {
            0 => {
                let mut b = [0u8; 19];
                io.read_exact(&mut b).await?;
                let f = &b[3..];
                if f[0] == 32 && f[3] == 1 {
                    pf = PixelFormat {
                        big_endian: f[2] != 0,
                        maxes: [
                            u16::from_be_bytes([f[4], f[5]]),
                            u16::from_be_bytes([f[6], f[7]]),
                            u16::from_be_bytes([f[8], f[9]]),
                        ],
                        shifts: [f[10], f[11], f[12]],
                    };
                }
            }
            2 => {
                let mut b = [0u8; 3];
                io.read_exact(&mut b).await?;
                let n = u16::from_be_bytes([b[1], b[2]]) as usize;
                let mut encodings = vec![0u8; n * 4];
                io.read_exact(&mut encodings).await?;
            }
            3 => {
                let mut b = [0u8; 9];
                io.read_exact(&mut b).await?;
                if b[0] != 0 {
                    // incremental: nothing changes on this screen
                    continue;
                }
                let r = |i: usize| u16::from_be_bytes([b[i], b[i + 1]]);
                let (x, y) = (r(1).min(fb.width), r(3).min(fb.height));
                let (w, h) = (r(5).min(fb.width - x), r(7).min(fb.height - y));
                io.write_all(&update(fb, &pf, x, y, w, h)).await?;
                io.flush().await?;
            }
            4 => {
                let mut b = [0u8; 7];
                io.read_exact(&mut b).await?;
            }
            5 => {
                let mut b = [0u8; 5];
                io.read_exact(&mut b).await?;
            }
            6 => {
                let mut b = [0u8; 7];
                io.read_exact(&mut b).await?;
                let n = u32::from_be_bytes([b[3], b[4], b[5], b[6]]) as u64;
                tokio::io::copy(&mut (&mut io).take(n), &mut tokio::io::sink()).await?;
            }
            _ => return Ok(()),
        }
    }
}

fn update(fb: &Framebuffer, pf: &PixelFormat, x: u16, y: u16, w: u16, h: u16) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + w as usize * h as usize * 4);
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&1u16.to_be_bytes());
    for v in [x, y, w, h] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    out.extend_from_slice(&0i32.to_be_bytes());
    for row in y..y + h {
        for col in x..x + w {
            let [r, g, b] = fb.pixel(col as usize, row as usize);
            let scale = |c: u8, max: u16| c as u32 * max as u32 / 255;
            let v = (scale(r, pf.maxes[0]) << pf.shifts[0])
                | (scale(g, pf.maxes[1]) << pf.shifts[1])
                | (scale(b, pf.maxes[2]) << pf.shifts[2]);
            out.extend_from_slice(&if pf.big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_has_signature_and_crc() {
        let png = Framebuffer::for_vmi("vm1").png();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
    }

    #[tokio::test]
    async fn rfb_handshake_and_full_update() {
        let fb = Framebuffer::for_vmi("vm1");
        let (mut client, server) = tokio::io::duplex(1 << 20);
        tokio::spawn(serve(fb.clone(), server));
        let mut v = [0u8; 12];
        client.read_exact(&mut v).await.unwrap();
        assert_eq!(&v, b"RFB 003.008\n");
        client.write_all(b"RFB 003.008\n").await.unwrap();
        let mut sec = [0u8; 2];
        client.read_exact(&mut sec).await.unwrap();
        client.write_all(&[1]).await.unwrap();
        let mut result = [0u8; 4];
        client.read_exact(&mut result).await.unwrap();
        client.write_all(&[1]).await.unwrap();
        let mut init = [0u8; 24];
        client.read_exact(&mut init).await.unwrap();
        let mut name = vec![0u8; u32::from_be_bytes([init[20], init[21], init[22], init[23]]) as usize];
        client.read_exact(&mut name).await.unwrap();
        assert_eq!(name, b"vm1");
        client.write_all(&[3, 0, 0, 0, 0, 0, 0, 2, 0, 1]).await.unwrap();
        let mut head = [0u8; 16];
        client.read_exact(&mut head).await.unwrap();
        let mut px = [0u8; 8];
        client.read_exact(&mut px).await.unwrap();
        let [r, g, b] = fb.pixel(1, 0);
        assert_eq!(&px[4..8], &[b, g, r, 0]);
    }
}
