//! `virtctl console`: the simulated serial console through the real websocket, piped and in a
//! pseudo-terminal, with retries, eviction, keep-alive and every refusal.

use std::time::Duration;

use crate::connect_support::{Running, Tmux, virtctl_command};
use crate::support::{Env, NS, SUB};

const WAIT: Duration = Duration::from_secs(20);

fn console(env: &Env, vmi: &str) -> Running {
    let mut cmd = virtctl_command(env);
    cmd.args(["console", vmi]);
    Running::spawn(cmd)
}

#[test]
fn piped_console_logs_in_and_runs_a_command() {
    let env = Env::new();
    env.running_vm("vm1");
    let mut c = console(&env, "vm1");
    c.wait_stdout("vm1 login: ", WAIT);
    c.wait_stderr("Successfully connected to vm1 console", WAIT);
    c.write(b"fedora\r");
    c.wait_stdout("Password: ", WAIT);
    c.write(b"fedora\r");
    c.wait_stdout("[fedora@vm1 ~]$ ", WAIT);
    c.write(b"echo hello from e2e\r");
    c.wait_stdout("hello from e2e\r\n[fedora@vm1 ~]$ ", WAIT);
    // stdin EOF ends the session cleanly
    c.close_stdin();
    assert_eq!(c.wait_exit(WAIT), 0, "stderr: {}", c.stderr());
    let sent: Vec<_> = env
        .sent()
        .into_iter()
        .filter(|r| r.path.ends_with("/console"))
        .collect();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].path.as_str(), sent[0].status),
        (format!("{SUB}/virtualmachineinstances/vm1/console").as_str(), 101)
    );
}

#[test]
fn escape_byte_first_in_a_chunk_ends_the_session() {
    let env = Env::new();
    env.running_vm("vm1");
    let mut c = console(&env, "vm1");
    c.wait_stdout("login: ", WAIT);
    c.write(&[0x1d]);
    assert_eq!(c.wait_exit(WAIT), 0, "stderr: {}", c.stderr());
}

#[test]
fn waits_for_a_starting_vmi_then_connects() {
    let env = Env::new();
    env.create_vm("late", "Halted");
    let mut cmd = virtctl_command(&env);
    cmd.args(["console", "late", "--timeout=1"]);
    let mut c = Running::spawn(cmd);
    // Not found is not retried: the VMI does not exist yet, so it fails at once.
    assert_eq!(c.wait_exit(WAIT), 1, "a missing VMI fails at once: {}", c.stderr());
    assert!(
        c.stderr()
            .contains("virtualmachineinstance.kubevirt.io \"late\" not found"),
        "{}",
        c.stderr()
    );
    drop(c);

    // A VMI that exists but does not run yet (400) is retried until it runs.
    let env = Env::frozen();
    let mut vmi = kubevirt_sim::fixtures::vm(NS, "starting", "Always");
    vmi["kind"] = "VirtualMachineInstance".into();
    vmi["spec"] = vmi["spec"]["template"]["spec"].clone();
    env.sim.create(vmi);
    let mut c = console(&env, "starting");
    let console_attempts =
        |sim: &kubevirt_sim::Sim| sim.requests().iter().filter(|r| r.path.ends_with("/console")).count();
    assert!(
        env.sim.wait_until(WAIT, |sim| console_attempts(sim) >= 2),
        "a second attempt after the 400: {}",
        c.stderr()
    );
    assert!(c.child.try_wait().unwrap().is_none(), "still retrying: {}", c.stderr());
    let mut vmi = env.vmi("starting").unwrap();
    vmi["status"]["phase"] = "Running".into();
    vmi["status"]["interfaces"] = serde_json::json!([{"ipAddress": "10.244.0.9", "name": "default"}]);
    env.sim.update(vmi);
    c.wait_stdout("starting login: ", WAIT);
    c.close_stdin();
    assert_eq!(c.wait_exit(WAIT), 0);
    let attempts = env.sent().iter().filter(|r| r.path.ends_with("/console")).count();
    assert!(attempts >= 2, "retried on 400, saw {attempts} attempts");
}

#[test]
fn timeout_zero_tries_once() {
    let env = Env::frozen();
    env.create_vm("off", "Halted");
    let mut vmi = kubevirt_sim::fixtures::vm(NS, "off", "Always");
    vmi["kind"] = "VirtualMachineInstance".into();
    vmi["spec"] = vmi["spec"]["template"]["spec"].clone();
    env.sim.create(vmi);
    let out = env.run(&["console", "off", "--timeout=0"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.error_line(), "VMI is not running");
}

#[test]
fn refusals_have_their_messages() {
    let env = Env::new();
    let out = env.run(&["console", "nope"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.error_line(),
        "virtualmachineinstance.kubevirt.io \"nope\" not found"
    );

    let mut vm = kubevirt_sim::fixtures::vm(NS, "noserial", "Always");
    vm["spec"]["template"]["spec"]["domain"]["devices"]["autoattachSerialConsole"] = false.into();
    env.sim.create(vm);
    env.wait_vmi("noserial", "to run", crate::support::is_running);
    let out = env.run(&["console", "noserial", "--timeout=0"]);
    assert_eq!(out.error_line(), "No serial consoles are present.");

    let out = env.run(&["console"]);
    assert_eq!((out.code, out.error_line()), (1, "accepts 1 arg(s), received 0"));

    // a user without rights in the namespace
    let cfg = env.limited_kubeconfig(NS);
    let out = crate::support::Outcome::of(crate::support::bare_virtctl(env.dir.path()).args([
        "--kubeconfig",
        cfg.to_str().unwrap(),
        "console",
        "x",
    ]));
    assert_eq!(out.code, 1);
    assert!(out.error_line().contains("forbidden"), "{}", out.error_line());
}

#[test]
fn a_new_session_evicts_the_old_one() {
    let env = Env::new();
    env.running_vm("vm1");
    let mut first = console(&env, "vm1");
    first.wait_stdout("login: ", WAIT);
    let mut second = console(&env, "vm1");
    second.wait_stdout("login: ", WAIT);
    assert_eq!(first.wait_exit(WAIT), 1);
    assert!(
        first.stderr().contains("You were disconnected from the console"),
        "{}",
        first.stderr()
    );
    assert!(
        first.stderr().contains("websocket: close 1006 (abnormal closure)"),
        "{}",
        first.stderr()
    );
    second.close_stdin();
    assert_eq!(second.wait_exit(WAIT), 0);
}

#[test]
fn pings_keep_an_idle_session_past_the_idle_cut() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.set_websocket_idle_cut(Some(Duration::from_millis(800)));

    // Without pings the load balancer cuts the idle session...
    let mut cmd = virtctl_command(&env);
    cmd.args(["console", "vm1"]).env("VIRTCTL_WEBSOCKET_PING_INTERVAL", "0");
    let mut silent = Running::spawn(cmd);
    silent.wait_stdout("login: ", WAIT);
    assert_eq!(silent.wait_exit(WAIT), 1);
    assert!(silent.stderr().contains("abnormal closure"), "{}", silent.stderr());

    // ...with pings every 200 ms it stays up for 3 s of silence and still answers.
    let mut cmd = virtctl_command(&env);
    cmd.args(["console", "vm1"])
        .env("VIRTCTL_WEBSOCKET_PING_INTERVAL", "200ms");
    let mut c = Running::spawn(cmd);
    c.wait_stdout("login: ", WAIT);
    // 15 pings at 200 ms: about 3 s of silence, well past the 800 ms idle cut.
    let pings = env.sim.websocket_pings_received();
    assert!(
        env.sim
            .wait_until(WAIT, |sim| sim.websocket_pings_received() >= pings + 15),
        "no keep-alive pings: {}",
        c.stderr()
    );
    assert!(
        c.child.try_wait().unwrap().is_none(),
        "cut despite pings: {}",
        c.stderr()
    );
    c.write(b"x");
    c.wait_stdout("login: x", WAIT);
    c.close_stdin();
    assert_eq!(c.wait_exit(WAIT), 0);
}

#[test]
fn a_server_that_stops_answering_pings_ends_the_session() {
    let env = Env::new();
    env.running_vm("vm1");
    // the server (or the path to it) goes silent half a second into the session, without a close
    env.sim.set_websocket_blackhole(Some(Duration::from_millis(500)));
    let mut cmd = virtctl_command(&env);
    cmd.args(["console", "vm1"])
        .env("VIRTCTL_WEBSOCKET_PING_INTERVAL", "200ms");
    let mut c = Running::spawn(cmd);
    c.wait_stdout("vm1 login: ", WAIT);
    assert!(
        env.sim.wait_until(WAIT, |sim| sim.silenced_websockets() >= 1),
        "the session went silent"
    );
    c.write(b"x");
    let started = std::time::Instant::now();
    assert_eq!(c.wait_exit(WAIT), 1, "{}", c.stderr());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "gave up after {:?}",
        started.elapsed()
    );
    assert_eq!(
        c.stderr().lines().last(),
        Some("websocket: no pong from the server in 600ms, connection lost"),
        "{}",
        c.stderr()
    );
    assert!(
        !c.stdout().contains("login: x"),
        "the silent server echoed: {}",
        c.stdout()
    );
    // virtctl gave up on its own: the server still holds the session open
    assert_eq!(env.sim.active_sessions("console", NS, "vm1"), 1);
}

/// In a real terminal: raw mode (no local echo, bytes passed through), Ctrl+] exits, and the
/// terminal settings are back afterwards. Runs under tmux; skipped with a note without it.
#[test]
fn in_a_terminal_ctrl_bracket_exits_and_restores_the_terminal() {
    let env = Env::new();
    env.running_vm("vm1");
    let virtctl = crate::support::virtctl_bin();
    let script = env.write(
        "run.sh",
        &format!(
            "#!/bin/sh\nstty -g > {before}\n{virtctl} --kubeconfig {kc} console vm1\necho \"exit=$?\"\nstty -g > {after}\necho settings-saved\nsleep 30\n",
            before = env.path("before").display(),
            after = env.path("after").display(),
            virtctl = virtctl.display(),
            kc = env.kubeconfig.display(),
        ),
    );
    let Some(tmux) = Tmux::start(&env, &script, 120, 40) else {
        return;
    };
    tmux.wait("vm1 login:", WAIT);
    tmux.type_line("fedora");
    tmux.wait("Password:", WAIT);
    tmux.type_line("fedora");
    tmux.wait("[fedora@vm1 ~]$", WAIT);
    tmux.type_line("echo in-a-pty");
    tmux.wait("in-a-pty\n[fedora@vm1 ~]$", WAIT);
    // Ctrl+]
    tmux.key("C-]");
    tmux.wait("exit=0", WAIT);
    // `stty -g > after` truncates the file before it writes: read it once the script says so.
    tmux.wait("settings-saved", WAIT);
    let before = std::fs::read_to_string(env.path("before")).unwrap();
    let after = std::fs::read_to_string(env.path("after")).unwrap();
    assert_eq!(before, after, "terminal settings restored");
}
