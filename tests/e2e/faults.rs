//! Faults survived, end to end: an API server that throttles (429 with `Retry-After`) or
//! restarts (5xx) while a command waits, or drops the connection of a poll; a token that expires
//! mid-wait and is renewed by the kubeconfig's exec plugin; upload connections cut at one and two
//! thirds, an upload proxy answering 503 while its pod starts, an upload token refused mid-way,
//! an upload interrupted by Ctrl+C; export downloads cut, stalled or refused; a console idling
//! past a connection-cutting proxy (the simulator's websocket cut, and a separate TCP proxy); a
//! port-forward soak whose file descriptors and memory come back to where they started. Each
//! asserts the outcome: bytes equal by SHA-256 in the simulator's PVC storage, the objects left,
//! the messages.

use std::io::Read;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::connect_support::{Running, echo_round_trip, port_forward_command, virtctl_command, websocket_upgrades};
use crate::idle_proxy::IdleProxy;
use crate::support::*;

const WAIT: Duration = Duration::from_secs(30);

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

#[test]
fn stop_wait_survives_a_poll_whose_connection_is_cut() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.cut_api("GET", "/virtualmachineinstances/vm1", 1);

    let started = Instant::now();
    let out = env.run(&["stop", "vm1", "--wait"]);
    out.ok("VM vm1 was scheduled to stop\n");
    assert_eq!(out.stderr, "VM vm1 is stopped\n", "nothing said about the cut");

    // The cut poll (logged as 0: no answer) is sent again after client-go's 1 s, and answered.
    let polls = statuses(&env, "GET", "/virtualmachineinstances/vm1");
    assert_eq!(polls.first(), Some(&0), "{polls:?}");
    assert_eq!(polls.last(), Some(&404), "{polls:?}");
    assert!(!polls[1..].contains(&0), "one cut: {polls:?}");
    assert!(started.elapsed() >= Duration::from_secs(1), "waited before the retry");
    assert!(env.vmi("vm1").is_none(), "the VMI is gone when stop --wait returns");
}

// ---- a token that expires mid-command, renewed by the exec plugin ----------------------------

/// The plugin's answer: an `ExecCredential` with `token`, expiring at `expires` when given.
fn exec_credential(token: &str, expires: Option<&str>) -> String {
    let mut status = json!({ "token": token });
    if let Some(at) = expires {
        status["expirationTimestamp"] = json!(at);
    }
    json!({"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential", "status": status}).to_string()
}

/// Points the kubeconfig's user at an exec plugin (a shell script) that answers `first` on its
/// first run and `second` on every later one, and counts its runs in the file it returns.
#[cfg(unix)]
fn exec_plugin_kubeconfig(env: &Env, first: &str, second: &str) -> std::path::PathBuf {
    let runs = env.path("plugin-runs");
    let script = format!(
        "#!/bin/sh\necho run >> '{runs}'\nif [ \"$(wc -l < '{runs}')\" -eq 1 ]; then echo '{first}'; else echo '{second}'; fi\n",
        runs = runs.display()
    );
    let plugin = env.write_script("plugin.sh", &script);
    env.exec_plugin_user(&plugin.display().to_string());
    runs
}

fn plugin_runs(runs: &std::path::Path) -> usize {
    std::fs::read_to_string(runs).map(|s| s.lines().count()).unwrap_or(0)
}

/// `start vm1 --wait` against a simulator whose controllers do not run, with the kubeconfig's
/// exec plugin handing out `exec-token-1` (which the API server accepts for `lifetime`) and then
/// `exec-token-2`; the VMI is made to run only once the second token is in use, so the wait
/// must outlive the first. Returns the outcome, the users of the requests in order (`None` for
/// a 401) and the plugin's runs.
#[cfg(unix)]
fn start_wait_across_a_token_expiry(
    lifetime: Duration,
    plugin_states_expiry: bool,
) -> (Outcome, Vec<Option<String>>, usize) {
    let env = Env::snapshot();
    env.create_vm("vm1", "Halted");
    // Whole seconds: expirationTimestamp is RFC 3339 without fractions, as client-go writes it.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    let expiry_secs = now.as_secs() + lifetime.as_secs();
    let expiry = std::time::UNIX_EPOCH + Duration::from_secs(expiry_secs);
    let stamp = k8s_openapi::jiff::Timestamp::from_second(expiry_secs as i64)
        .unwrap()
        .to_string();
    env.sim.add_token_until("exec-token-1", "first-token", None, expiry);
    env.sim.add_token("exec-token-2", "second-token", None);
    let first = exec_credential("exec-token-1", plugin_states_expiry.then_some(stamp.as_str()));
    let runs = exec_plugin_kubeconfig(&env, &first, &exec_credential("exec-token-2", None));

    let mut cmd = virtctl_command(&env);
    cmd.args(["start", "vm1", "--wait"]);
    let mut start = Running::spawn(cmd);
    let second_in_use = |sim: &kubevirt_sim::Sim| {
        sim.requests()
            .iter()
            .any(|r| r.user.as_deref() == Some("second-token") && r.path.ends_with("/virtualmachineinstances/vm1"))
    };
    assert!(
        env.sim.wait_until(WAIT, second_in_use),
        "the second token was never used: {}",
        start.stderr()
    );
    let mut vmi = kubevirt_sim::fixtures::vmi(NS, "vm1");
    vmi["status"] = json!({"phase": "Running"});
    env.sim.create(vmi);
    let code = start.wait_exit(WAIT);
    let out = Outcome {
        code,
        stdout: start.stdout(),
        stderr: start.stderr(),
        stdout_bytes: start.stdout_bytes(),
    };
    let users = env.sent().iter().map(|r| r.user.clone()).collect();
    (out, users, plugin_runs(&runs))
}

/// The users in order: some requests with the first token, then only the second (a 401 allowed
/// between them when the client and the server disagree on the instant of the expiry).
fn assert_first_then_second(users: &[Option<String>], max_refused: usize) {
    let first = users.iter().take_while(|u| u.as_deref() == Some("first-token")).count();
    let refused = users[first..].iter().take_while(|u| u.is_none()).count();
    assert!(first > 0, "{users:?}");
    assert!(refused <= max_refused, "{users:?}");
    let rest = &users[first + refused..];
    assert!(!rest.is_empty(), "{users:?}");
    assert!(rest.iter().all(|u| u.as_deref() == Some("second-token")), "{users:?}");
}

#[cfg(unix)]
#[test]
fn a_token_expiring_mid_wait_is_renewed_by_the_exec_plugin() {
    let (out, users, runs) = start_wait_across_a_token_expiry(Duration::from_secs(2), true);

    out.ok("VM vm1 was scheduled to start\n");
    assert_eq!(out.stderr, "VM vm1 is running\n");
    assert_eq!(runs, 2, "the plugin ran once for each token");
    assert_first_then_second(&users, 1);
}

/// The plugin says nothing of an expiry (or the server revokes the token early): the API
/// server's 401 makes the client run the plugin again, and the refused poll is sent once more.
#[cfg(unix)]
#[test]
fn a_token_refused_mid_wait_is_renewed_by_the_exec_plugin() {
    let (out, users, runs) = start_wait_across_a_token_expiry(Duration::from_secs(2), false);

    out.ok("VM vm1 was scheduled to start\n");
    assert_eq!(out.stderr, "VM vm1 is running\n");
    assert_eq!(runs, 2, "the plugin ran once for each token");
    assert_first_then_second(&users, 1);
    assert_eq!(
        users.iter().filter(|u| u.is_none()).count(),
        1,
        "exactly one 401: {users:?}"
    );
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
    assert_eq!(volume_sha(&env, "cut"), sha256(&data), "0 bytes wrong");
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
    assert_eq!(volume_sha(&env, "starting"), sha256(&data), "0 bytes wrong");
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
    assert_eq!(volume_sha(&env, "renewed"), sha256(&data), "0 bytes wrong");
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
            .contains("hint: DataVolume default/rejected was created and is left in place with its upload pod default/cdi-upload-rejected; retry with `virtctl image-upload dv rejected -n default --no-create"),
        "{out:#?}"
    );
    assert!(env.sim.get("datavolumes", NS, "rejected").is_some());
    let vms = env.sim.list("virtualmachines", Some(NS));
    assert!(vms.is_empty(), "nothing else was created: {vms:#?}");
}

#[test]
fn ctrl_c_mid_upload_names_what_it_leaves_and_how_to_go_on() {
    let env = Env::new();
    // A slow disk behind the upload server: 3 MiB at 256 KiB/s is 12 s, time enough to interrupt.
    env.sim.faults().slow_reader(Some(256 * 1024));
    let path = env.path("slow.img");
    std::fs::write(&path, pattern(UPLOAD_SIZE, 36)).expect("image written");
    let mut cmd = virtctl_command(&env);
    cmd.args(["image-upload", "dv", "slow", "--size=1Gi"])
        .arg(format!("--image-path={}", path.display()));
    let mut upload = Running::spawn(cmd);
    upload.wait_stdout("Uploading data to ", WAIT);
    // The upload server's writer starts the volume's file afresh and grows it as bytes arrive.
    let partly_stored = |sim: &kubevirt_sim::Sim| {
        std::fs::metadata(sim.volume_file(NS, "slow")).is_ok_and(|m| m.len() > 0 && m.len() < UPLOAD_SIZE as u64)
    };
    assert!(
        env.sim.wait_until(WAIT, partly_stored),
        "bytes reached the volume: {}",
        upload.stderr()
    );

    upload.interrupt();
    let code = upload.wait_exit(WAIT);

    let stderr = upload.stderr();
    assert_eq!(code, 1, "as vmexport download's Ctrl+C: {stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.contains('\r')).collect();
    let quoted = format!("--image-path={}", path.display());
    assert_eq!(
        lines[lines.len() - 2..],
        [
            "upload interrupted by Ctrl+C",
            &format!(
                "hint: DataVolume default/slow was created and is left in place with its upload pod default/cdi-upload-slow; retry with `virtctl image-upload dv slow -n default --no-create {quoted}`, or remove it with `kubectl delete datavolume slow -n default`"
            ),
        ],
        "{stderr}"
    );
    assert!(partly_stored(&env.sim), "interrupted mid-transfer");
    // What the message names is what the cluster holds, and nothing else was made.
    assert!(env.sim.get("datavolumes", NS, "slow").is_some());
    assert!(env.sim.get("persistentvolumeclaims", NS, "slow").is_some());
    assert!(env.sim.get("pods", NS, "cdi-upload-slow").is_some());
    let made: Vec<String> = ["datavolumes", "persistentvolumeclaims", "pods", "virtualmachines"]
        .iter()
        .flat_map(|r| {
            env.sim
                .list(r, Some(NS))
                .into_iter()
                .map(move |o| format!("{r}/{}", o["metadata"]["name"].as_str().unwrap_or("")))
        })
        .collect();
    assert_eq!(
        made,
        [
            "datavolumes/slow",
            "persistentvolumeclaims/slow",
            "pods/cdi-upload-slow"
        ],
        "nothing left unmentioned"
    );
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
    assert_eq!(file_sha(&path), volume_sha(&env, "disk"), "0 bytes wrong");
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
    assert_eq!(file_sha(&path), volume_sha(&env, "disk"), "0 bytes wrong");
}

#[test]
fn a_stalled_export_download_times_out_and_resumes() {
    let env = Env::new();
    export_pvc(&env);
    env.sim.faults().export_stall_after(2 << 20, 1);

    let (out, path) = download(&env, &["--idle-timeout=1s"]);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stdout.contains("resuming at byte 2097152"), "{out:#?}");
    assert_eq!(file_sha(&path), volume_sha(&env, "disk"), "0 bytes wrong");
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
    console_outlasts_three_idle_cuts(&env);
}

/// A console of vm1 pinging every 250 ms stays up through 12 pings (three 1 s idle cuts' worth
/// of silence from the user), then still echoes and ends cleanly on stdin's end.
fn console_outlasts_three_idle_cuts(env: &Env) {
    let mut cmd = virtctl_command(env);
    cmd.args(["console", "vm1"])
        .env("VIRTCTL_WEBSOCKET_PING_INTERVAL", "250ms");
    let mut console = Running::spawn(cmd);
    console.wait_stdout("login: ", WAIT);

    let pings = env.sim.websocket_pings_received();
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

/// The same through a separate TCP proxy in front of the API server's port that closes any
/// connection idle for 1 s in both directions (a load balancer's idle timeout; scaled down from
/// the tens of seconds real ones use, with virtctl's pings from the default 10 s to 250 ms). The
/// console passes three cuts' worth of silence and still echoes; an idle connection of our own
/// through the same proxy is cut, so the proxy does cut.
#[test]
fn a_console_idle_past_an_idle_cutting_tcp_proxy_stays_connected() {
    let env = Env::new();
    env.running_vm("vm1");
    let idle = Duration::from_secs(1);
    let proxy = IdleProxy::start(env.sim.addr(), idle);
    let yaml = env.sim.kubeconfig_yaml(&env.sim.admin_token(), Some(NS));
    std::fs::write(&env.kubeconfig, yaml.replace(&env.sim.url(), &proxy.url())).expect("kubeconfig written");
    console_outlasts_three_idle_cuts(&env);
    assert!(proxy.accepted() >= 1, "the console went through the proxy");

    let mut quiet = TcpStream::connect(proxy.addr).expect("connect to the proxy");
    quiet.set_read_timeout(Some(WAIT)).unwrap();
    let cut_before = proxy.cut();
    let opened = Instant::now();
    assert_eq!(
        quiet.read(&mut [0u8; 1]).unwrap_or(0),
        0,
        "an idle connection is closed"
    );
    assert!(opened.elapsed() >= idle, "not before it was idle for {idle:?}");
    assert!(proxy.cut() > cut_before, "closed by the idle cut");
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
    echo_round_trip(port, &pattern(len, seed));
}

/// 100 connections, 10 at a time, spread over `VIRTCTL_SOAK_SECS` seconds (3 by default; 60 for
/// the figure in RELIABILITY.md); afterwards the client's file descriptors are back to their
/// starting count and its RSS within 8 MiB of where it started.
#[test]
fn port_forward_soak_returns_fds_and_memory_to_their_starting_level() {
    let env = Env::new();
    env.running_vm("vm1");
    let pf = Running::spawn(port_forward_command(&env, &["vm/vm1", "0:7"]));
    let port = pf.forwarded_port("tcp");
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
    let tunnels = websocket_upgrades(&env, &format!("{SUB}/virtualmachines/vm1/portforward/7/tcp"));
    assert_eq!(tunnels, 101, "one websocket per connection");
}
