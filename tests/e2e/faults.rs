//! Faults survived, end to end: an API server that throttles (429 with `Retry-After`) or
//! restarts (5xx) while a command waits; upload connections cut at one and two thirds, an upload
//! proxy answering 503 while its pod starts, an upload token refused mid-way; export downloads
//! cut, stalled or refused; a console idling past a connection-cutting proxy; a port-forward
//! soak whose file descriptors and memory come back to where they started. Each asserts the
//! outcome: bytes equal by SHA-256 in the simulator's PVC storage, the objects left, the
//! messages.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::json;
use sha2::{Digest, Sha256};

use crate::connect_support::{Running, announced_port, virtctl_command};
use crate::support::*;

const WAIT: Duration = Duration::from_secs(30);

fn sha256(data: &[u8]) -> String {
    Sha256::digest(data).iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of what the simulator holds for a PVC.
fn stored_sha(env: &Env, pvc: &str) -> String {
    sha256(&std::fs::read(env.sim.volume_file(NS, pvc)).expect("the PVC's storage"))
}

/// The statuses the API server answered for requests whose path ends with `suffix`.
fn statuses(env: &Env, method: &str, suffix: &str) -> Vec<u16> {
    env.sim
        .requests()
        .iter()
        .filter(|r| r.method == method && r.path.ends_with(suffix))
        .map(|r| r.status)
        .collect()
}

// ---- the API server throttles or restarts during --wait ---------------------------------------

#[test]
fn start_wait_survives_429_with_retry_after_on_the_start_call() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    env.sim.fail_api("PUT", "/virtualmachines/vm1/start", 429, Some(1), 1);

    let started = Instant::now();
    let out = env.run(&["start", "vm1", "--wait"]);
    out.ok("VM vm1 was scheduled to start\n");
    assert_eq!(out.stderr, "VM vm1 is running\n");

    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After was honoured");
    assert_eq!(statuses(&env, "PUT", "/vm1/start"), [429, 202]);
    assert!(is_running(&env.vmi("vm1").expect("the VMI exists")));
}

#[test]
fn start_wait_survives_503_on_its_polls() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    env.sim.fail_api("GET", "/virtualmachineinstances/vm1", 503, Some(0), 2);

    let out = env.run(&["start", "vm1", "--wait"]);
    out.ok("VM vm1 was scheduled to start\n");
    assert_eq!(out.stderr, "VM vm1 is running\n");

    let polls = statuses(&env, "GET", "/virtualmachineinstances/vm1");
    assert_eq!(&polls[..2], [503, 503], "{polls:?}");
    assert!(polls[2..].contains(&200), "{polls:?}");
    assert!(is_running(&env.vmi("vm1").expect("the VMI exists")));
}

#[test]
fn stop_wait_survives_504_on_its_polls() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.fail_api("GET", "/virtualmachineinstances/vm1", 504, Some(0), 1);

    let out = env.run(&["stop", "vm1", "--wait"]);
    out.ok("VM vm1 was scheduled to stop\n");
    assert_eq!(out.stderr, "VM vm1 is stopped\n");

    assert_eq!(statuses(&env, "GET", "/virtualmachineinstances/vm1")[0], 504);
    assert!(env.vmi("vm1").is_none(), "the VMI is gone when stop --wait returns");
}

#[test]
fn pause_wait_survives_429_on_the_pause_call() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim
        .fail_api("PUT", "/virtualmachineinstances/vm1/pause", 429, Some(0), 2);

    let out = env.run(&["pause", "vm", "vm1", "--wait"]);
    out.ok("VMI vm1 was scheduled to pause\n");
    assert_eq!(out.stderr, "VMI vm1 is paused\n");

    assert_eq!(statuses(&env, "PUT", "/vm1/pause"), [429, 429, 200]);
    assert!(is_paused(&env.vmi("vm1").expect("the VMI exists")));
}

#[test]
fn restart_survives_a_restarting_api_server() {
    let env = Env::new();
    let before = uid(&env.running_vm("vm1"));
    env.sim.fail_api("PUT", "/virtualmachines/vm1/restart", 503, Some(0), 1);

    env.run(&["restart", "vm1"])
        .ok_quiet("VM vm1 was scheduled to restart\n");

    assert_eq!(statuses(&env, "PUT", "/vm1/restart"), [503, 202]);
    let after = env.wait_vmi("vm1", "a new instance", |v| uid(v) != before && is_running(v));
    assert_ne!(uid(&after), before);
}

// ---- uploads ----------------------------------------------------------------------------------

const UPLOAD_SIZE: usize = 3 << 20;

fn upload(env: &Env, name: &str, data: &[u8]) -> Outcome {
    let path = env.path(&format!("{name}.img"));
    std::fs::write(&path, data).expect("image written");
    env.run(&[
        "image-upload",
        "dv",
        name,
        "--size=1Gi",
        &format!("--image-path={}", path.display()),
    ])
}

/// A cut at `at` bytes is retried from the start and the PVC holds exactly the file.
fn upload_cut_at(at: u64, seed: u32) {
    let env = Env::new();
    env.sim.faults().drop_after(at, 1);
    let data = pattern(UPLOAD_SIZE, seed);

    let out = upload(&env, "cut", &data);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stderr.contains("upload attempt 1 of 5 failed: "), "{out:#?}");
    let uploads = env.sim.uploads();
    assert_eq!(uploads[0].bytes, at, "{uploads:#?}");
    assert_eq!(uploads.last().map(|u| u.status), Some(200), "{uploads:#?}");
    assert_eq!(stored_sha(&env, "cut"), sha256(&data), "0 bytes wrong");
}

#[test]
fn an_upload_cut_at_one_third_is_retried_and_stored_exactly() {
    upload_cut_at(UPLOAD_SIZE as u64 / 3, 31);
}

#[test]
fn an_upload_cut_at_two_thirds_is_retried_and_stored_exactly() {
    upload_cut_at(UPLOAD_SIZE as u64 * 2 / 3, 32);
}

#[test]
fn an_upload_proxy_answering_503_while_the_pod_starts_is_waited_out() {
    let env = Env::new();
    env.sim.faults().set_proxy_ready_wait(Duration::from_millis(100));
    env.sim.faults().not_ready_for(Duration::from_millis(1200));
    let data = pattern(UPLOAD_SIZE, 33);

    let out = upload(&env, "starting", &data);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stderr.contains("unexpected return value 503"), "{out:#?}");
    let proxied: Vec<u16> = env.sim.proxy_requests().iter().map(|r| r.status).collect();
    assert!(proxied.contains(&503) && proxied.last() == Some(&200), "{proxied:?}");
    assert_eq!(stored_sha(&env, "starting"), sha256(&data), "0 bytes wrong");
}

#[test]
fn an_upload_token_refused_after_a_cut_is_renewed() {
    let env = Env::new();
    env.sim.faults().drop_after(UPLOAD_SIZE as u64 / 3, 1);
    env.sim.faults().unauthorized(1, 1);
    let data = pattern(UPLOAD_SIZE, 34);

    let out = upload(&env, "renewed", &data);

    assert_eq!(out.code, 0, "{out:#?}");
    let token_requests = env
        .sent()
        .iter()
        .filter(|r| r.path.ends_with("/uploadtokenrequests"))
        .count();
    assert_eq!(token_requests, 2, "a new token was asked for");
    assert_eq!(stored_sha(&env, "renewed"), sha256(&data), "0 bytes wrong");
}

#[test]
fn a_rejected_upload_names_every_object_it_leaves() {
    let env = Env::new();
    env.sim.faults().reject(400, "image is corrupt", 5);
    let data = pattern(1 << 20, 35);

    let out = upload(&env, "rejected", &data);

    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(
        out.error_line(),
        "error uploading image: unexpected return value 400, Saving stream failed: image is corrupt"
    );
    assert!(
        out.stderr
            .contains("hint: DataVolume default/rejected was created and is left in place; retry with `virtctl image-upload dv rejected -n default --no-create"),
        "{out:#?}"
    );
    assert!(env.sim.get("datavolumes", NS, "rejected").is_some());
    let vms = env.sim.list("virtualmachines", Some(NS));
    assert!(vms.is_empty(), "nothing else was created: {vms:#?}");
}

// ---- export downloads -------------------------------------------------------------------------

/// A disk-image PVC, as CDI makes them (its content type makes the export offer `disk.img`).
fn export_pvc(env: &Env) {
    env.sim.create(json!({
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": "disk", "namespace": NS, "annotations": {"cdi.kubevirt.io/storage.contentType": "kubevirt"}},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}},
    }));
}

fn download(env: &Env, extra: &[&str]) -> (Outcome, std::path::PathBuf) {
    let path = env.path("disk.img");
    let output = format!("--output={}", path.display());
    let mut args = vec![
        "vmexport",
        "download",
        "e1",
        "--pvc=disk",
        "--format=raw",
        output.as_str(),
    ];
    args.extend_from_slice(extra);
    (env.run(&args), path)
}

#[test]
fn an_export_download_cut_at_one_third_resumes_with_range() {
    let env = Env::new();
    export_pvc(&env);
    let size = std::fs::metadata(env.sim.volume_file(NS, "disk")).unwrap().len();
    env.sim.faults().export_cut_after(size / 3, 1);

    let (out, path) = download(&env, &[]);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stdout.contains("; resuming at byte "), "{out:#?}");
    let resumed = env.sim.export_requests().iter().filter(|r| r.range.is_some()).count();
    assert_eq!(resumed, 1, "one Range request after the cut");
    assert_eq!(
        sha256(&std::fs::read(&path).unwrap()),
        stored_sha(&env, "disk"),
        "0 bytes wrong"
    );
    assert!(
        env.sim.get("virtualmachineexports", NS, "e1").is_none(),
        "the export it made is removed"
    );
}

#[test]
fn an_export_server_answering_503_is_retried() {
    let env = Env::new();
    export_pvc(&env);
    env.sim.faults().export_fail(503, 2);

    let (out, path) = download(&env, &["--retry=3"]);

    assert_eq!(out.code, 0, "{out:#?}");
    let answers: Vec<u16> = env.sim.export_requests().iter().map(|r| r.status).collect();
    assert_eq!(&answers[..2], [503, 503], "{answers:?}");
    assert_eq!(
        sha256(&std::fs::read(&path).unwrap()),
        stored_sha(&env, "disk"),
        "0 bytes wrong"
    );
}

#[test]
fn a_stalled_export_download_times_out_and_resumes() {
    let env = Env::new();
    export_pvc(&env);
    env.sim.faults().export_stall_after(2 << 20, 1);

    let (out, path) = download(&env, &["--idle-timeout=1s"]);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stdout.contains("resuming at byte 2097152"), "{out:#?}");
    assert_eq!(
        sha256(&std::fs::read(&path).unwrap()),
        stored_sha(&env, "disk"),
        "0 bytes wrong"
    );
}

// ---- streams ------------------------------------------------------------------------------------

/// A proxy that cuts connections idle for 30 s, scaled down to 1 s so the test does not wait
/// half a minute: virtctl's keep-alive pings (every 250 ms here) hold an idle console open for
/// three times the cut, and the session still works afterwards.
#[test]
fn a_console_idle_past_an_idle_cutting_proxy_stays_connected() {
    let env = Env::new();
    env.running_vm("vm1");
    let cut = Duration::from_secs(1);
    env.sim.set_websocket_idle_cut(Some(cut));
    let mut cmd = virtctl_command(&env);
    cmd.args(["console", "vm1"])
        .env("VIRTCTL_WEBSOCKET_PING_INTERVAL", "250ms");
    let mut console = Running::spawn(cmd);
    console.wait_stdout("login: ", WAIT);

    let pings = env.sim.websocket_pings_received();
    // 12 pings at 250 ms: three idle cuts' worth of silence from the user.
    assert!(
        env.sim
            .wait_until(WAIT, |sim| sim.websocket_pings_received() >= pings + 12),
        "no keep-alive pings: {}",
        console.stderr()
    );
    assert!(console.child.try_wait().unwrap().is_none(), "cut: {}", console.stderr());
    console.write(b"x");
    console.wait_stdout("login: x", WAIT);
    console.close_stdin();
    assert_eq!(console.wait_exit(WAIT), 0, "{}", console.stderr());
}

fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count())
        .unwrap_or(0)
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// One echo round trip of `len` bytes through the forwarded port.
fn echo(port: u16, seed: u32, len: usize) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(WAIT)).unwrap();
    let data = pattern(len, seed);
    s.write_all(&data).unwrap();
    let mut back = vec![0u8; len];
    s.read_exact(&mut back).unwrap();
    assert_eq!(back, data, "connection {seed} got its own bytes back");
}

/// 100 connections, 10 at a time, spread over `VIRTCTL_SOAK_SECS` seconds (3 by default; 60 for
/// the figure in RELIABILITY.md); afterwards the client's file descriptors are back to their
/// starting count and its RSS within 8 MiB of where it started.
#[test]
fn port_forward_soak_returns_fds_and_memory_to_their_starting_level() {
    let env = Env::new();
    env.running_vm("vm1");
    let mut cmd = virtctl_command(&env);
    cmd.args(["port-forward", "vm/vm1", "0:7"]);
    let pf = Running::spawn(cmd);
    pf.wait_for(
        WAIT,
        |r| announced_port(&r.stderr(), "tcp").is_some(),
        "the forwarding line",
    );
    let port = announced_port(&pf.stderr(), "tcp").unwrap();
    let pid = pf.child.id();
    // One connection first, so that lazily made resources (TLS config, runtime threads) exist.
    echo(port, 0, 1024);
    let (fds_before, rss_before) = (open_fds(pid), rss_kib(pid));

    let secs: u64 = std::env::var("VIRTCTL_SOAK_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let pause = Duration::from_secs(secs) / 10;
    for batch in 0..10u32 {
        let workers: Vec<_> = (0..10u32)
            .map(|i| std::thread::spawn(move || echo(port, batch * 10 + i + 1, 64 * 1024)))
            .collect();
        for w in workers {
            w.join().expect("worker");
        }
        std::thread::sleep(pause);
    }

    let settled = Instant::now() + Duration::from_secs(10);
    while open_fds(pid) > fds_before && Instant::now() < settled {
        std::thread::sleep(Duration::from_millis(50));
    }
    let (fds_after, rss_after) = (open_fds(pid), rss_kib(pid));
    eprintln!(
        "port-forward soak ({secs} s, 100 connections): fds {fds_before} -> {fds_after}, RSS {rss_before} KiB -> {rss_after} KiB"
    );
    assert!(fds_after <= fds_before, "fds {fds_before} -> {fds_after}");
    assert!(
        rss_after <= rss_before + 8 * 1024,
        "RSS {rss_before} KiB -> {rss_after} KiB"
    );
    let tunnels = env
        .sent()
        .iter()
        .filter(|r| r.path == format!("{SUB}/virtualmachines/vm1/portforward/7/tcp") && r.status == 101)
        .count();
    assert_eq!(tunnels, 101, "one websocket per connection");
}
