//! Forward proxies for tests of virtctl's `proxy-url`: a minimal HTTP CONNECT proxy (the CONNECT
//! method of RFC 9110, section 9.3.6) and a minimal SOCKS5 proxy (RFC 1928, no authentication, CONNECT only). Each listens
//! on 127.0.0.1, records the `host:port` every client asked for, and either tunnels the bytes to
//! it or refuses as real proxies do (HTTP 403; SOCKS5 reply 0x02 "connection not allowed by
//! ruleset"), so a test can prove that traffic went through the proxy and not around it.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Which protocol the proxy speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyProtocol {
    HttpConnect,
    Socks5,
}

/// A running proxy on its own threads. Dropping it stops accepting; open tunnels end when
/// either of their sides closes.
pub struct Proxy {
    protocol: ProxyProtocol,
    addr: SocketAddr,
    targets: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Proxy {
    /// A proxy that tunnels every request.
    pub fn start(protocol: ProxyProtocol) -> std::io::Result<Proxy> {
        Proxy::spawn(protocol, false)
    }

    /// A proxy that refuses every request (after recording it).
    pub fn refusing(protocol: ProxyProtocol) -> std::io::Result<Proxy> {
        Proxy::spawn(protocol, true)
    }

    fn spawn(protocol: ProxyProtocol, refuse: bool) -> std::io::Result<Proxy> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let targets = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen, stopped) = (targets.clone(), stop.clone());
        std::thread::Builder::new().name("test-proxy".into()).spawn(move || {
            for client in listener.incoming() {
                if stopped.load(Ordering::Relaxed) {
                    return;
                }
                let Ok(client) = client else { continue };
                let seen = seen.clone();
                std::thread::spawn(move || {
                    let _ = serve(protocol, refuse, client, &seen);
                });
            }
        })?;
        Ok(Proxy {
            protocol,
            addr,
            targets,
            stop,
        })
    }

    /// The URL for a kubeconfig's `proxy-url`.
    pub fn url(&self) -> String {
        match self.protocol {
            ProxyProtocol::HttpConnect => format!("http://{}", self.addr),
            ProxyProtocol::Socks5 => format!("socks5://{}", self.addr),
        }
    }

    /// Every `host:port` a client asked to reach, in order.
    pub fn targets(&self) -> Vec<String> {
        self.targets.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // wake the accept loop so it sees the flag
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}

fn serve(protocol: ProxyProtocol, refuse: bool, client: TcpStream, seen: &Mutex<Vec<String>>) -> std::io::Result<()> {
    client.set_read_timeout(Some(Duration::from_secs(10)))?;
    let upstream = match protocol {
        ProxyProtocol::HttpConnect => http_connect(refuse, &client, seen)?,
        ProxyProtocol::Socks5 => socks5(refuse, &client, seen)?,
    };
    let Some(upstream) = upstream else { return Ok(()) };
    client.set_read_timeout(None)?;
    let _ = client.set_nodelay(true);
    let _ = upstream.set_nodelay(true);
    tunnel(client, upstream)
}

/// Copies both ways until each side has ended, passing half-closes on.
fn tunnel(client: TcpStream, upstream: TcpStream) -> std::io::Result<()> {
    let (mut c_read, mut c_write) = (client.try_clone()?, client);
    let (mut u_read, mut u_write) = (upstream.try_clone()?, upstream);
    let up = std::thread::spawn(move || {
        let _ = std::io::copy(&mut c_read, &mut u_write);
        let _ = u_write.shutdown(Shutdown::Write);
    });
    let _ = std::io::copy(&mut u_read, &mut c_write);
    let _ = c_write.shutdown(Shutdown::Write);
    let _ = up.join();
    Ok(())
}

fn record(seen: &Mutex<Vec<String>>, target: &str) {
    seen.lock().unwrap_or_else(|e| e.into_inner()).push(target.to_string());
}

/// Reads the request head byte by byte, so that nothing after it is consumed.
fn read_head(mut client: &TcpStream) -> std::io::Result<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if client.read(&mut byte)? == 0 || head.len() > 16 * 1024 {
            return Err(std::io::ErrorKind::InvalidData.into());
        }
        head.push(byte[0]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

/// `CONNECT host:port HTTP/1.1`: 200 and a tunnel, 403 when refusing, 502 when the target
/// cannot be reached, 405 for any other method (this proxy forwards no plain requests).
fn http_connect(refuse: bool, client: &TcpStream, seen: &Mutex<Vec<String>>) -> std::io::Result<Option<TcpStream>> {
    let head = read_head(client)?;
    let mut words = head.lines().next().unwrap_or("").split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let reply = |status: &str| {
        let mut out = client;
        out.write_all(format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n").as_bytes())
    };
    if method != "CONNECT" {
        reply("405 Method Not Allowed")?;
        return Ok(None);
    }
    record(seen, target);
    if refuse {
        reply("403 Forbidden")?;
        return Ok(None);
    }
    match TcpStream::connect(target) {
        Ok(upstream) => {
            let mut out = client;
            out.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
            Ok(Some(upstream))
        }
        Err(_) => {
            reply("502 Bad Gateway")?;
            Ok(None)
        }
    }
}

const SOCKS_VERSION: u8 = 5;
const NO_AUTH: u8 = 0;
const NO_ACCEPTABLE_METHOD: u8 = 0xff;
const CMD_CONNECT: u8 = 1;
const ATYP_IPV4: u8 = 1;
const ATYP_DOMAIN: u8 = 3;
const ATYP_IPV6: u8 = 4;
const REP_SUCCEEDED: u8 = 0;
const REP_NOT_ALLOWED: u8 = 2;
const REP_CONNECTION_REFUSED: u8 = 5;
const REP_COMMAND_NOT_SUPPORTED: u8 = 7;
const REP_ADDRESS_TYPE_NOT_SUPPORTED: u8 = 8;

/// RFC 1928: method negotiation (only "no authentication"), then one CONNECT request.
fn socks5(refuse: bool, client: &TcpStream, seen: &Mutex<Vec<String>>) -> std::io::Result<Option<TcpStream>> {
    let mut io = client;
    let mut greeting = [0u8; 2];
    io.read_exact(&mut greeting)?;
    let mut methods = vec![0u8; greeting[1] as usize];
    io.read_exact(&mut methods)?;
    if greeting[0] != SOCKS_VERSION || !methods.contains(&NO_AUTH) {
        io.write_all(&[SOCKS_VERSION, NO_ACCEPTABLE_METHOD])?;
        return Ok(None);
    }
    io.write_all(&[SOCKS_VERSION, NO_AUTH])?;

    let mut request = [0u8; 4];
    io.read_exact(&mut request)?;
    let host = match request[3] {
        ATYP_IPV4 => {
            let mut ip = [0u8; 4];
            io.read_exact(&mut ip)?;
            Ipv4Addr::from(ip).to_string()
        }
        ATYP_IPV6 => {
            let mut ip = [0u8; 16];
            io.read_exact(&mut ip)?;
            format!("[{}]", Ipv6Addr::from(ip))
        }
        ATYP_DOMAIN => {
            let mut len = [0u8; 1];
            io.read_exact(&mut len)?;
            let mut name = vec![0u8; len[0] as usize];
            io.read_exact(&mut name)?;
            String::from_utf8_lossy(&name).into_owned()
        }
        _ => {
            socks_reply(io, REP_ADDRESS_TYPE_NOT_SUPPORTED, None)?;
            return Ok(None);
        }
    };
    let mut port = [0u8; 2];
    io.read_exact(&mut port)?;
    let target = format!("{host}:{}", u16::from_be_bytes(port));
    if request[1] != CMD_CONNECT {
        socks_reply(io, REP_COMMAND_NOT_SUPPORTED, None)?;
        return Ok(None);
    }
    record(seen, &target);
    if refuse {
        socks_reply(io, REP_NOT_ALLOWED, None)?;
        return Ok(None);
    }
    match TcpStream::connect(&target) {
        Ok(upstream) => {
            socks_reply(io, REP_SUCCEEDED, upstream.local_addr().ok())?;
            Ok(Some(upstream))
        }
        Err(_) => {
            socks_reply(io, REP_CONNECTION_REFUSED, None)?;
            Ok(None)
        }
    }
}

/// `VER REP RSV ATYP BND.ADDR BND.PORT`; the bound address is all zeros when there is none.
fn socks_reply(mut io: &TcpStream, rep: u8, bound: Option<SocketAddr>) -> std::io::Result<()> {
    let mut reply = vec![SOCKS_VERSION, rep, 0];
    match bound {
        Some(SocketAddr::V6(a)) => {
            reply.push(ATYP_IPV6);
            reply.extend_from_slice(&a.ip().octets());
            reply.extend_from_slice(&a.port().to_be_bytes());
        }
        Some(SocketAddr::V4(a)) => {
            reply.push(ATYP_IPV4);
            reply.extend_from_slice(&a.ip().octets());
            reply.extend_from_slice(&a.port().to_be_bytes());
        }
        None => reply.extend_from_slice(&[ATYP_IPV4, 0, 0, 0, 0, 0, 0]),
    }
    io.write_all(&reply)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn echo_server() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                std::thread::spawn(move || {
                    let (mut r, mut w) = (conn.try_clone().unwrap(), conn);
                    let _ = std::io::copy(&mut r, &mut w);
                });
            }
        });
        addr
    }

    fn read_reply(s: &mut TcpStream) -> String {
        let mut head = Vec::new();
        let mut b = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            assert_eq!(s.read(&mut b).unwrap(), 1);
            head.push(b[0]);
        }
        String::from_utf8(head).unwrap()
    }

    #[test]
    fn http_connect_tunnels_and_records() {
        let target = echo_server();
        let proxy = Proxy::start(ProxyProtocol::HttpConnect).unwrap();
        let mut s = TcpStream::connect(proxy.addr).unwrap();
        write!(s, "CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n").unwrap();
        assert!(read_reply(&mut s).starts_with("HTTP/1.1 200 "));
        s.write_all(b"ping").unwrap();
        let mut back = [0u8; 4];
        s.read_exact(&mut back).unwrap();
        assert_eq!(&back, b"ping");
        assert_eq!(proxy.targets(), [target.to_string()]);
    }

    #[test]
    fn http_connect_refuses_with_403() {
        let proxy = Proxy::refusing(ProxyProtocol::HttpConnect).unwrap();
        let mut s = TcpStream::connect(proxy.addr).unwrap();
        s.write_all(b"CONNECT 10.0.0.1:443 HTTP/1.1\r\n\r\n").unwrap();
        assert!(read_reply(&mut s).starts_with("HTTP/1.1 403 Forbidden"));
        assert_eq!(proxy.targets(), ["10.0.0.1:443"]);
    }

    #[test]
    fn socks5_tunnels_ipv4_and_refuses_when_told() {
        let target = echo_server();
        let SocketAddr::V4(v4) = target else { unreachable!() };
        let proxy = Proxy::start(ProxyProtocol::Socks5).unwrap();
        let mut s = TcpStream::connect(proxy.addr).unwrap();
        s.write_all(&[5, 1, 0]).unwrap();
        let mut method = [0u8; 2];
        s.read_exact(&mut method).unwrap();
        assert_eq!(method, [5, 0]);
        let mut req = vec![5, 1, 0, 1];
        req.extend_from_slice(&v4.ip().octets());
        req.extend_from_slice(&v4.port().to_be_bytes());
        s.write_all(&req).unwrap();
        let mut reply = [0u8; 10];
        s.read_exact(&mut reply).unwrap();
        assert_eq!(reply[..2], [5, 0]);
        s.write_all(b"hi").unwrap();
        let mut back = [0u8; 2];
        s.read_exact(&mut back).unwrap();
        assert_eq!(&back, b"hi");
        assert_eq!(proxy.targets(), [target.to_string()]);

        let refusing = Proxy::refusing(ProxyProtocol::Socks5).unwrap();
        let mut s = TcpStream::connect(refusing.addr).unwrap();
        s.write_all(&[5, 1, 0]).unwrap();
        s.read_exact(&mut method).unwrap();
        s.write_all(&[5, 1, 0, 3, 4, b'h', b'o', b's', b't', 1, 187]).unwrap();
        s.read_exact(&mut reply).unwrap();
        assert_eq!(reply[..2], [5, REP_NOT_ALLOWED]);
        assert_eq!(refusing.targets(), ["host:443"]);
    }
}
