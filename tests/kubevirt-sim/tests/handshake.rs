//! virt-api's websocket handshake as gorilla/websocket checks it, after the VMI checks: the
//! status and body of each refusal, and what the request log keeps of the client's offer.
//! Requests are written byte for byte over TLS so each header can be left out on purpose.

use std::io::{Read, Write};
use std::sync::Arc;
use std::time::Duration;

use kubevirt_sim::{Sim, SimOptions, fixtures};

const CONSOLE: &str = "/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachineinstances/vm1/console";
const KEY: &str = "dGhlIHNhbXBsZSBub25jZQ==";

fn sim_with_running_vmi() -> Sim {
    let sim = Sim::start(SimOptions::default()).unwrap();
    sim.create(fixtures::vm("default", "vm1", "Always"));
    let running = sim.wait_until(Duration::from_secs(20), |s| {
        s.get("virtualmachineinstances", "default", "vm1")
            .is_some_and(|v| v.pointer("/status/phase").and_then(|p| p.as_str()) == Some("Running"))
    });
    assert!(running, "the VMI runs");
    sim
}

/// Sends `GET CONSOLE` with `headers` (plus Host and the admin token); returns the status, the
/// response head and the body.
fn handshake(sim: &Sim, headers: &[(&str, &str)]) -> (u16, String, String) {
    let config = Arc::new(sim.client_tls_config());
    let name = rustls::pki_types::ServerName::try_from("127.0.0.1").unwrap();
    let conn = rustls::ClientConnection::new(config, name).unwrap();
    let tcp = std::net::TcpStream::connect(sim.addr()).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    let mut request = format!(
        "GET {CONSOLE} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\n",
        sim.addr(),
        sim.admin_token()
    );
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    tls.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    // read until the head and the announced body are in (a 101 has none)
    loop {
        let n = tls.read(&mut buf).unwrap_or(0);
        raw.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&raw).to_string();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head.lines().find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length: ")
                    .map(|v| v.trim().parse::<usize>().unwrap())
            });
            if n == 0 || head.starts_with("HTTP/1.1 101") || length.is_some_and(|len| body.len() >= len) {
                let status = head[9..12].parse().unwrap();
                return (status, head.to_string(), body.to_string());
            }
        }
        assert!(n > 0, "the connection closed before a response: {text:?}");
    }
}

const UPGRADE: (&str, &str) = ("Connection", "Upgrade");
const WEBSOCKET: (&str, &str) = ("Upgrade", "websocket");
const VERSION: (&str, &str) = ("Sec-WebSocket-Version", "13");
const PROTOCOL: (&str, &str) = ("Sec-WebSocket-Protocol", "plain.kubevirt.io");

fn refused_body(status_text: &str, message: &str) -> String {
    format!(
        "{status_text}\n{{\n \"kind\": \"Status\",\n \"apiVersion\": \"v1\",\n \"metadata\": {{}},\n \"status\": \"Failure\",\n \"message\": \"{message}\",\n \"reason\": \"BadRequest\",\n \"code\": 400\n}}"
    )
}

#[test]
fn a_complete_offer_is_upgraded_with_the_plain_subprotocol() {
    let sim = sim_with_running_vmi();
    let (status, head, _) = handshake(
        &sim,
        &[UPGRADE, WEBSOCKET, VERSION, ("Sec-WebSocket-Key", KEY), PROTOCOL],
    );
    assert_eq!(status, 101, "{head}");
    let head = head.to_ascii_lowercase();
    assert!(
        head.contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo="),
        "{head}"
    );
    assert!(head.contains("sec-websocket-protocol: plain.kubevirt.io"), "{head}");
    let logged = sim.requests().into_iter().find(|r| r.path == CONSOLE).unwrap();
    assert_eq!(logged.status, 101);
    assert_eq!(logged.header("sec-websocket-protocol"), Some("plain.kubevirt.io"));
    assert_eq!(logged.header("sec-websocket-version"), Some("13"));
    assert_eq!(logged.header("authorization"), Some("Bearer <masked>"));
    assert_eq!(logged.user.as_deref(), Some("admin"));
}

#[test]
fn without_the_subprotocol_virt_api_still_upgrades_but_names_none() {
    // gorilla's Upgrader picks a subprotocol only when the client offers one
    let sim = sim_with_running_vmi();
    let (status, head, _) = handshake(&sim, &[UPGRADE, WEBSOCKET, VERSION, ("Sec-WebSocket-Key", KEY)]);
    assert_eq!(status, 101, "{head}");
    assert!(!head.to_ascii_lowercase().contains("sec-websocket-protocol"), "{head}");
}

/// An offer gorilla refuses, and how.
struct Broken {
    headers: Vec<(&'static str, &'static str)>,
    status: u16,
    text: &'static str,
    message: String,
}

#[test]
fn each_broken_offer_gets_gorillas_status_and_virt_apis_status_body() {
    let sim = sim_with_running_vmi();
    let bad = "websocket: the client is not using the websocket protocol: ";
    let cases = vec![
        Broken {
            headers: vec![("Connection", "close"), WEBSOCKET, VERSION, ("Sec-WebSocket-Key", KEY)],
            status: 400,
            text: "Bad Request",
            message: format!("{bad}'upgrade' token not found in 'Connection' header"),
        },
        Broken {
            headers: vec![UPGRADE, VERSION, ("Sec-WebSocket-Key", KEY)],
            status: 426,
            text: "Upgrade Required",
            message: format!("{bad}'websocket' token not found in 'Upgrade' header"),
        },
        Broken {
            headers: vec![UPGRADE, WEBSOCKET, ("Sec-WebSocket-Version", "8"), ("Sec-WebSocket-Key", KEY)],
            status: 400,
            text: "Bad Request",
            message: "websocket: unsupported version: 13 not found in 'Sec-Websocket-Version' header".into(),
        },
        Broken {
            headers: vec![UPGRADE, WEBSOCKET, VERSION, PROTOCOL],
            status: 400,
            text: "Bad Request",
            message: "websocket: not a websocket handshake: 'Sec-WebSocket-Key' header must be Base64 encoded value of 16-byte in length".into(),
        },
        Broken {
            headers: vec![UPGRADE, WEBSOCKET, VERSION, ("Sec-WebSocket-Key", "c2hvcnQ=")],
            status: 400,
            text: "Bad Request",
            message: "websocket: not a websocket handshake: 'Sec-WebSocket-Key' header must be Base64 encoded value of 16-byte in length".into(),
        },
    ];
    for Broken {
        headers,
        status,
        text,
        message,
    } in cases
    {
        let (got, head, body) = handshake(&sim, &headers);
        assert_eq!(got, status, "{headers:?}: {head}");
        assert_eq!(body, refused_body(text, &message), "{headers:?}");
        let head = head.to_ascii_lowercase();
        assert!(head.contains("content-type: text/plain; charset=utf-8"), "{head}");
        assert!(head.contains("sec-websocket-version: 13"), "{head}");
    }
}

#[test]
fn vmi_checks_come_before_the_handshake() {
    let sim = Sim::start(SimOptions::default()).unwrap();
    // no VMI at all, and no websocket offer either: the 404 is what virt-api answers first
    let (status, _, body) = handshake(&sim, &[("Connection", "close")]);
    assert_eq!(status, 404);
    assert!(
        body.contains(r#""message":"virtualmachineinstance.kubevirt.io \"vm1\" not found""#),
        "{body}"
    );
}
