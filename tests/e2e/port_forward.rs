//! `virtctl port-forward`: real bytes through the websocket tunnel to the simulated guest's
//! services (TCP and UDP echo on port 7) and to sockets a test attaches.

use std::io::{Read, Write};
use std::net::{TcpStream, UdpSocket};
use std::time::Duration;

use crate::connect_support::{Running, echo_round_trip, port_forward_command, websocket_upgrades};
use crate::support::{Env, NS, SUB, pattern};

const WAIT: Duration = Duration::from_secs(30);

fn forward(env: &Env, args: &[&str]) -> Running {
    Running::spawn(port_forward_command(env, args))
}

/// Port-forwarding to vm1 with pings every 200 ms, where each websocket goes silent (no data,
/// no pongs, no close) 500 ms after it opens.
fn forward_to_a_server_that_goes_silent(env: &Env, args: &[&str]) -> Running {
    env.running_vm("vm1");
    env.sim.set_websocket_blackhole(Some(Duration::from_millis(500)));
    let mut cmd = port_forward_command(env, args);
    cmd.env("VIRTCTL_WEBSOCKET_PING_INTERVAL", "200ms");
    Running::spawn(cmd)
}

#[test]
fn a_hundred_concurrent_tcp_connections_each_echo_their_own_bytes() {
    let env = Env::new();
    env.running_vm("vm1");
    let pf = forward(&env, &["vm/vm1", "0:7"]);
    let port = pf.forwarded_port("tcp");
    let workers: Vec<_> = (0..100u32)
        .map(|i| std::thread::spawn(move || echo_round_trip(port, &pattern(16 * 1024 + i as usize, i))))
        .collect();
    for w in workers {
        w.join().expect("each connection gets its own bytes back");
    }
    let tunnels = websocket_upgrades(&env, &format!("{SUB}/virtualmachines/vm1/portforward/7/tcp"));
    assert_eq!(tunnels, 100, "one websocket per connection");
}

#[test]
fn udp_datagrams_come_back_one_per_message() {
    let env = Env::new();
    env.running_vm("vm1");
    let pf = forward(&env, &["vmi/vm1", "udp/0:7"]);
    let port = pf.forwarded_port("udp");
    for peer in 0..2 {
        let s = UdpSocket::bind("127.0.0.1:0").unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        for n in 0..5 {
            let msg = format!("peer {peer} datagram {n}");
            s.send_to(msg.as_bytes(), ("127.0.0.1", port)).unwrap();
            let mut buf = [0u8; 1500];
            let len = s.recv(&mut buf).unwrap();
            assert_eq!(&buf[..len], msg.as_bytes());
        }
    }
    let tunnels = env
        .sent()
        .iter()
        .filter(|r| r.path == format!("{SUB}/virtualmachineinstances/vm1/portforward/7/udp"))
        .count();
    assert_eq!(tunnels, 2, "one websocket per UDP peer");
}

#[test]
fn a_udp_tunnel_whose_server_stops_answering_pings_is_reported() {
    let env = Env::new();
    let pf = forward_to_a_server_that_goes_silent(&env, &["vmi/vm1", "udp/0:7"]);
    let port = pf.forwarded_port("udp");
    let s = UdpSocket::bind("127.0.0.1:0").unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    s.send_to(b"before", ("127.0.0.1", port)).unwrap();
    let mut buf = [0u8; 64];
    let len = s.recv(&mut buf).unwrap();
    assert_eq!(&buf[..len], b"before");
    pf.wait_stderr(
        "error handling connection: websocket: no pong from the server in 600ms, connection lost",
        WAIT,
    );
}

#[test]
fn stdio_carries_bytes_and_ends_on_stdin_eof() {
    let env = Env::new();
    env.running_vm("vm1");
    let mut pf = forward(&env, &["--stdio", "vm/vm1", "7"]);
    let data = pattern(200_000, 3);
    pf.write(&data);
    pf.wait_for(WAIT, |r| r.stdout_bytes().len() >= data.len(), "the echo");
    assert_eq!(pf.stdout_bytes(), data);
    pf.close_stdin();
    assert_eq!(pf.wait_exit(WAIT), 0, "{}", pf.stderr());
    assert!(pf.stderr().is_empty(), "stdio mode keeps quiet: {}", pf.stderr());
}

#[test]
fn attached_service_receives_the_bytes() {
    let env = Env::new();
    env.running_vm("vm1");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    env.sim
        .attach_service(NS, "vm1", 8080, "tcp", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let mut got = Vec::new();
        s.read_to_end(&mut got).unwrap();
        got
    });
    let mut pf = forward(&env, &["--stdio", "vm/vm1/default", "8080"]);
    pf.write(b"GET / HTTP/1.0\r\n\r\n");
    // stdin's end ends the tunnel only once what was read before it reached the server
    pf.close_stdin();
    assert_eq!(pf.wait_exit(WAIT), 0);
    assert_eq!(server.join().unwrap(), b"GET / HTTP/1.0\r\n\r\n");
}

#[test]
fn refusals_and_bad_arguments() {
    let env = Env::new();
    env.running_vm("vm1");
    let out = env.run(&["port-forward", "vm1", "80"]);
    assert_eq!(
        (out.code, out.error_line()),
        (1, "target must contain type and name separated by '/'")
    );
    let out = env.run(&["port-forward", "vm/vm1"]);
    assert!(
        out.error_line().contains("requires at least 2 arg(s)"),
        "{}",
        out.stderr
    );
    let out = env.run(&["port-forward", "vm/vm1", "sctp/80"]);
    assert_eq!(out.error_line(), "unknown protocol: sctp");
    let out = env.run(&["port-forward", "--stdio", "vm/vm1", "80", "81"]);
    assert_eq!(out.error_line(), "only one port supported when forwarding to stdout");

    // nothing listens on the guest's port 81
    let mut pf = forward(&env, &["--stdio", "vm/vm1", "81"]);
    assert_eq!(pf.wait_exit(WAIT), 1);
    assert!(
        pf.stderr().contains("can't access vm/vm1.default: ") && pf.stderr().contains("dialing VM: dial tcp 10."),
        "{}",
        pf.stderr()
    );

    let mut pf = forward(&env, &["--stdio", "vm/missing", "22"]);
    assert_eq!(pf.wait_exit(WAIT), 1);
    assert!(
        pf.stderr().contains("virtualmachine.kubevirt.io \"missing\" not found"),
        "{}",
        pf.stderr()
    );

    // a listener keeps accepting after a failed tunnel (upstream stops)
    let pf = forward(&env, &["vm/vm1", "0:81"]);
    let port = pf.forwarded_port("tcp");
    for _ in 0..2 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        let mut buf = [0u8; 1];
        assert_eq!(s.read(&mut buf).unwrap_or(0), 0, "closed");
    }
    // Each closed connection logs its own failure; wait for both rather than the first.
    pf.wait_for(
        WAIT,
        |r| r.stderr().matches("can't access vm/vm1.default").count() == 2,
        "one failure line per connection",
    );
    assert_eq!(pf.stderr().matches("can't access").count(), 2);
}

#[test]
fn a_paused_vmi_refuses_the_tunnel() {
    let env = Env::new();
    env.running_vm("vm1");
    assert_eq!(env.run(&["pause", "vmi", "vm1"]).code, 0);
    env.wait_vmi("vm1", "to pause", crate::support::is_paused);
    let mut pf = forward(&env, &["--stdio", "vmi/vm1", "7"]);
    assert_eq!(pf.wait_exit(WAIT), 1);
    assert!(pf.stderr().contains("VMI is paused"), "{}", pf.stderr());
}

#[test]
fn a_tunnel_whose_server_stops_answering_pings_is_torn_down() {
    let env = Env::new();
    let pf = forward_to_a_server_that_goes_silent(&env, &["vm/vm1", "0:7"]);
    let port = pf.forwarded_port("tcp");
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    s.write_all(b"before").unwrap();
    let mut back = [0u8; 6];
    s.read_exact(&mut back).unwrap();
    assert_eq!(&back, b"before");
    assert!(
        env.sim.wait_until(WAIT, |sim| sim.silenced_websockets() >= 1),
        "the server never went silent"
    );
    // swallowed by the silent server; the tunnel then closes the local connection
    s.write_all(b"after").unwrap();
    let started = std::time::Instant::now();
    let mut rest = Vec::new();
    s.read_to_end(&mut rest).expect("closed, not timed out");
    assert!(rest.is_empty(), "nothing comes back: {rest:?}");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    pf.wait_stderr(
        "error handling connection: websocket: no pong from the server in 600ms, connection lost",
        WAIT,
    );
    // the listener itself lives on
    assert!(TcpStream::connect(("127.0.0.1", port)).is_ok());
}
