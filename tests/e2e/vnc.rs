//! `virtctl vnc`: the proxy reached by a small RFB client that reads the simulated framebuffer,
//! `vnc screenshot` decoded and compared pixel by pixel, session eviction and refusals.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use kubevirt_sim::vnc::Framebuffer;

use crate::connect_support::{Running, virtctl_command};
use crate::support::{Env, SUB};

const WAIT: Duration = Duration::from_secs(30);

fn proxy(env: &Env, args: &[&str]) -> (Running, u16) {
    let mut cmd = virtctl_command(env);
    cmd.arg("vnc").args(args).arg("--proxy-only");
    let pf = Running::spawn(cmd);
    pf.wait_stdout("}\n", WAIT);
    let line = pf.stdout();
    let json: serde_json::Value = serde_json::from_str(line.trim()).expect("{\"port\":N}");
    let port = json["port"].as_u64().expect("port") as u16;
    (pf, port)
}

/// RFB 3.8 handshake, then one full framebuffer update in the default pixel format.
fn rfb_read_screen(port: u16) -> (String, u16, u16, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    let mut version = [0u8; 12];
    s.read_exact(&mut version).unwrap();
    assert_eq!(&version, b"RFB 003.008\n");
    s.write_all(b"RFB 003.008\n").unwrap();
    let mut n = [0u8; 1];
    s.read_exact(&mut n).unwrap();
    let mut types = vec![0u8; n[0] as usize];
    s.read_exact(&mut types).unwrap();
    assert!(types.contains(&1), "security None offered");
    s.write_all(&[1]).unwrap();
    let mut result = [0u8; 4];
    s.read_exact(&mut result).unwrap();
    assert_eq!(result, [0, 0, 0, 0]);
    s.write_all(&[1]).unwrap();
    let mut init = [0u8; 24];
    s.read_exact(&mut init).unwrap();
    let width = u16::from_be_bytes([init[0], init[1]]);
    let height = u16::from_be_bytes([init[2], init[3]]);
    let mut name = vec![0u8; u32::from_be_bytes([init[20], init[21], init[22], init[23]]) as usize];
    s.read_exact(&mut name).unwrap();
    let mut req = vec![3u8, 0, 0, 0, 0, 0];
    req.extend_from_slice(&width.to_be_bytes());
    req.extend_from_slice(&height.to_be_bytes());
    s.write_all(&req).unwrap();
    let mut head = [0u8; 16];
    s.read_exact(&mut head).unwrap();
    assert_eq!(u16::from_be_bytes([head[2], head[3]]), 1, "one rectangle");
    let mut pixels = vec![0u8; width as usize * height as usize * 4];
    s.read_exact(&mut pixels).unwrap();
    (String::from_utf8(name).unwrap(), width, height, pixels)
}

#[test]
fn proxy_only_port_serves_the_framebuffer() {
    let env = Env::new();
    env.running_vm("vm1");
    let (mut pf, port) = proxy(&env, &["vm1"]);
    let (name, w, h, pixels) = rfb_read_screen(port);
    assert_eq!((name.as_str(), w, h), ("vm1", 640, 400));
    let fb = Framebuffer::for_vmi("vm1");
    for (x, y) in [(0, 0), (100, 70), (300, 200), (639, 399)] {
        let i = (y * w as usize + x) * 4;
        let [r, g, b] = fb.pixel(x, y);
        assert_eq!(&pixels[i..i + 3], &[b, g, r], "pixel ({x},{y}) in little-endian BGRX");
    }
    // the viewer went away: the proxy ends successfully
    assert_eq!(pf.wait_exit(WAIT), 0, "{}", pf.stderr());
    let sent = env.sent();
    let vnc = sent.iter().find(|r| r.path.ends_with("/vnc")).unwrap();
    assert_eq!(vnc.path, format!("{SUB}/virtualmachineinstances/vm1/vnc"));
    assert_eq!(vnc.query, "preserveSession=false");
}

#[test]
fn screenshot_is_a_png_of_the_display() {
    let env = Env::new();
    env.running_vm("vm1");
    let file = env.path("shot.png");
    let out = env.run(&[
        "vnc",
        "screenshot",
        "vm1",
        "-f",
        file.to_str().unwrap(),
        "--move-cursor",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_is_the_display(&std::fs::read(&file).unwrap());
    let sent = env.sent();
    let shot = sent.iter().find(|r| r.path.ends_with("/vnc/screenshot")).unwrap();
    assert_eq!(shot.query, "moveCursor=true");

    // to stdout: the same image, byte for byte decodable
    let out = env.run(&["vnc", "screenshot", "vm1", "--file=-"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_is_the_display(&out.stdout_bytes);

    let out = env.run(&["vnc", "screenshot", "nope", "-f", "x.png"]);
    assert_eq!(out.code, 1);
    assert!(
        out.error_line().starts_with("can't access VMI nope: "),
        "{}",
        out.error_line()
    );
}

#[test]
fn a_new_session_evicts_unless_preserve_session() {
    let env = Env::new();
    env.running_vm("vm1");
    let (first, _) = proxy(&env, &["vm1"]);
    // --preserve-session refuses while a session is active
    let out = env.run(&["vnc", "vm1", "--proxy-only", "--preserve-session"]);
    assert_eq!(out.code, 1);
    assert!(
        out.error_line().starts_with("can't access VMI vm1: "),
        "{}",
        out.error_line()
    );
    assert!(
        out.error_line().contains("active VNC connection, request denied"),
        "{}",
        out.error_line()
    );
    // without it the new session takes over
    let (_second, port) = proxy(&env, &["vm1"]);
    let (name, ..) = rfb_read_screen(port);
    assert_eq!(name, "vm1");
    drop(first);
}

#[test]
fn refusals() {
    let env = Env::new();
    let out = env.run(&["vnc", "nope", "--proxy-only"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.error_line(),
        "can't access VMI nope: virtualmachineinstance.kubevirt.io \"nope\" not found"
    );
    let out = env.run(&["vnc", "vm1", "--vnc-type=chicken"]);
    assert_eq!(out.code, 1);
    assert!(
        out.error_line().contains("unsupported vnc-type"),
        "{}",
        out.error_line()
    );
}

/// `png` decodes to the simulated display of vm1, pixel for pixel.
#[track_caller]
fn assert_is_the_display(png: &[u8]) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0u8; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).expect("one frame");
    assert_eq!(
        (info.width, info.height, info.color_type),
        (640, 400, png::ColorType::Rgb)
    );
    assert_eq!(&buf[..info.buffer_size()], &Framebuffer::for_vmi("vm1").rgb[..]);
}
