//! `virtctl ssh` interactive sessions against the simulator's guest SSH server, whose shell runs
//! on a real pseudo-terminal: the native client (`--local-ssh=false`) and the local OpenSSH
//! client in a real terminal (tmux), typed commands, `stty size` following a resize, the `~.`
//! escape, exit statuses, the terminal restored; a shell without a terminal; ssh-agent
//! authentication with a real `ssh-agent` and refused keys.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use kubevirt_sim::guest_services::{TEST_CLIENT_KEY, TEST_HOST_KEY};

use crate::connect_support::Tmux;
use crate::support::{Env, Outcome};

/// Generous: the machine running the tests may be busy.
const WAIT: Duration = Duration::from_secs(30);

/// The accepted client key, mode 0600, in the test's directory.
fn test_key(env: &Env) -> PathBuf {
    let key = env.path("id_test");
    std::fs::write(&key, TEST_CLIENT_KEY).unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    key
}

/// A key the guest does not accept.
fn other_key(env: &Env) -> PathBuf {
    let key = env.path("id_other");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&key)
        .status()
        .expect("ssh-keygen runs");
    assert!(made.success());
    key
}

/// A known_hosts file that knows the simulator's host key as the native client names it.
fn known_hosts(env: &Env) -> PathBuf {
    let host = russh::keys::PrivateKey::from_openssh(TEST_HOST_KEY).unwrap();
    let line = format!("vm/vm1.default {}\n", host.public_key().to_openssh().unwrap());
    env.write("known_hosts", &line)
}

fn openssh_installed() -> bool {
    kubevirt_sim::tools::require(&["ssh", "ssh-agent", "ssh-add", "ssh-keygen"], "an OpenSSH test").is_some()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The terminal settings the script saved last, once it has saved them.
#[track_caller]
fn saved(path: &Path) -> String {
    let deadline = std::time::Instant::now() + WAIT;
    while !path.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    read(path)
}

/// Waits until the guest wrote `expected` into `path` (the guest's side effect of typing).
#[track_caller]
fn wait_file(path: &Path, expected: &str) {
    let deadline = std::time::Instant::now() + WAIT;
    while std::time::Instant::now() < deadline {
        if read(path) == expected {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{} holds {:?}, not {expected:?}", path.display(), read(path));
}

/// Types `stty size` until the guest's terminal reports `rows cols`: the resize reaches the
/// guest asynchronously (SIGWINCH, window-change), so one try could race it.
#[track_caller]
fn wait_size(tmux: &Tmux, rows: u16, cols: u16) {
    let want = format!("\n{rows} {cols}\n");
    for _ in 0..10 {
        tmux.type_line("stty size");
        if tmux.wait_until(&want, Duration::from_secs(3)) {
            return;
        }
    }
    panic!("the guest never reported {rows} {cols}:\n{}", tmux.screen());
}

/// A shell script for tmux: records the terminal settings before and after running each line
/// of `commands` (each followed by `echo "<label>=$?"`), then idles so the screen can be read.
fn terminal_script(env: &Env, commands: &[(&str, String)]) -> PathBuf {
    let mut script = format!(
        "#!/bin/sh\nunset SSH_AUTH_SOCK\nexport HOME={home}\nexport KUBECONFIG={kc}\necho \"$TERM\" > {home}/local-term\nstty -g > {home}/before\n",
        home = env.dir.path().display(),
        kc = env.kubeconfig.display(),
    );
    for (label, command) in commands {
        script.push_str(&format!("{command}\necho \"{label}=$?\"\n"));
    }
    // Written aside then renamed, so that a reader never sees the file half written.
    let home = env.dir.path().display();
    script.push_str(&format!(
        "stty -g > {home}/after.tmp && mv {home}/after.tmp {home}/after\nsleep 120\n"
    ));
    env.write("run.sh", &script)
}

fn virtctl() -> String {
    crate::support::virtctl_bin().display().to_string()
}

#[test]
fn native_session_in_a_terminal_types_resizes_escapes_and_exits_with_the_remote_status() {
    let env = Env::new();
    env.running_vm("vm1");
    let native = format!(
        "{} ssh --local-ssh=false -i {} --known-hosts {} fedora@vm/vm1",
        virtctl(),
        test_key(&env).display(),
        known_hosts(&env).display()
    );
    let script = terminal_script(&env, &[("first", native.clone()), ("second", native)]);
    let Some(tmux) = Tmux::start(&env, &script, 120, 40) else {
        return;
    };

    // A login shell on the guest's terminal, of the terminal's size and type.
    tmux.wait("[fedora@guest]$", WAIT);
    tmux.type_line("echo ready-$((40+2))");
    tmux.wait("\nready-42\n", WAIT);
    wait_size(&tmux, 40, 120);
    let local_term = read(&env.path("local-term")).trim().to_string();
    assert!(!local_term.is_empty());
    tmux.type_line("echo term=$TERM");
    tmux.wait(&format!("\nterm={local_term}\n"), WAIT);

    // A resize reaches the guest.
    tmux.resize(100, 30);
    wait_size(&tmux, 30, 100);

    // What is typed runs on the guest.
    let guest_file = env.path("guest-file");
    tmux.type_line(&format!("echo typed-in-a-pty > {}", guest_file.display()));
    wait_file(&guest_file, "typed-in-a-pty\n");

    // `~` after other text is plain text; `~~` at the start of a line sends one `~`.
    tmux.type_line("echo a~b");
    tmux.wait("\na~b\n", WAIT);
    tmux.type_text("~~");
    tmux.type_line("=x");
    tmux.wait("~=x: not found", WAIT);

    // `~.` after a newline disconnects, as OpenSSH: no exit status, so 255.
    tmux.type_text("~.");
    tmux.wait("first=1", WAIT);
    let screen = tmux.screen();
    assert!(screen.contains("Connection to vm/vm1.default closed."), "{screen}");
    assert!(screen.contains("exit status 255"), "{screen}");

    // A second session: the shell's own exit status is virtctl's failure.
    tmux.wait("first=1\n[fedora@guest]$", WAIT);
    tmux.type_line("echo second-$((20+1))");
    tmux.wait("\nsecond-21\n", WAIT);
    tmux.type_line("exit 3");
    tmux.wait("second=1", WAIT);
    assert!(tmux.screen().contains("exit status 3"), "{}", tmux.screen());

    assert_eq!(
        read(&env.path("before")),
        saved(&env.path("after")),
        "terminal settings restored"
    );
}

#[test]
fn native_session_ended_by_sigterm_restores_the_terminal() {
    let env = Env::new();
    env.running_vm("vm1");
    // `exec` keeps the pid that the script records.
    let native = format!(
        "sh -c 'echo $$ > {pid}; exec {virtctl} ssh --local-ssh=false -i {key} --known-hosts {kh} fedora@vm/vm1'",
        pid = env.path("pid").display(),
        virtctl = virtctl(),
        key = test_key(&env).display(),
        kh = known_hosts(&env).display()
    );
    let script = terminal_script(&env, &[("ended", native)]);
    let Some(tmux) = Tmux::start(&env, &script, 120, 40) else {
        return;
    };
    tmux.wait("[fedora@guest]$", WAIT);
    let pid = read(&env.path("pid")).trim().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    tmux.wait("ended=1", WAIT);
    assert!(tmux.screen().lines().any(|l| l == "interrupted"), "{}", tmux.screen());
    assert_eq!(
        read(&env.path("before")),
        saved(&env.path("after")),
        "terminal settings restored"
    );
}

#[test]
fn native_session_whose_tunnel_is_lost_fails_with_the_terminal_restored() {
    let env = Env::new();
    env.running_vm("vm1");
    // The tunnel goes silent 8 s after it opened (time enough to log in on a busy machine);
    // with 200 ms pings, virtctl notices within a second after that.
    env.sim.set_websocket_blackhole(Some(Duration::from_secs(8)));
    let native = format!(
        "VIRTCTL_WEBSOCKET_PING_INTERVAL=200ms {} ssh --local-ssh=false -i {} --known-hosts {} fedora@vm/vm1",
        virtctl(),
        test_key(&env).display(),
        known_hosts(&env).display()
    );
    let script = terminal_script(&env, &[("lost", native)]);
    let Some(tmux) = Tmux::start(&env, &script, 120, 40) else {
        return;
    };
    // The prompt means raw mode is on.
    tmux.wait("[fedora@guest]$", WAIT);
    tmux.wait("lost=1", WAIT);
    // The error starts a line of its own, not after the remote prompt.
    let screen = tmux.screen();
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with("websocket: no pong from the server")),
        "{screen}"
    );
    assert_eq!(
        read(&env.path("before")),
        saved(&env.path("after")),
        "terminal settings restored"
    );
}

#[test]
fn local_openssh_session_in_a_terminal_gets_the_guests_pty() {
    if !openssh_installed() {
        return;
    }
    let env = Env::new();
    env.running_vm("vm1");
    let local = format!(
        "{} ssh -i {} -t '-o StrictHostKeyChecking=no' -t '-o UserKnownHostsFile=/dev/null' -t -oLogLevel=ERROR fedora@vm/vm1",
        virtctl(),
        test_key(&env).display()
    );
    let script = terminal_script(&env, &[("local", local)]);
    let Some(tmux) = Tmux::start(&env, &script, 120, 40) else {
        return;
    };

    tmux.wait("[fedora@guest]$", WAIT);
    tmux.type_line("tty");
    tmux.wait("\n/dev/pts/", WAIT);
    wait_size(&tmux, 40, 120);
    tmux.resize(100, 30);
    wait_size(&tmux, 30, 100);
    let guest_file = env.path("guest-file");
    tmux.type_line(&format!("echo through-openssh > {}", guest_file.display()));
    wait_file(&guest_file, "through-openssh\n");
    tmux.type_line("exit 0");
    tmux.wait("local=0", WAIT);
    assert_eq!(
        read(&env.path("before")),
        saved(&env.path("after")),
        "terminal settings restored"
    );
}

#[test]
fn local_openssh_command_with_a_forced_pty_runs_on_the_guests_terminal() {
    if !openssh_installed() {
        return;
    }
    let env = Env::new();
    env.running_vm("vm1");
    let key = test_key(&env);
    let mut cmd = env.virtctl();
    cmd.env("KUBECONFIG", &env.kubeconfig).args([
        "ssh",
        "-i",
        key.to_str().unwrap(),
        "-t",
        "-o StrictHostKeyChecking=no",
        "-t",
        "-o UserKnownHostsFile=/dev/null",
        "-t",
        "-oLogLevel=ERROR",
        "-t",
        "-tt",
        "-c",
        "tty; stty size; exit 6",
        "fedora@vm/vm1",
    ]);
    let out = Outcome::of(cmd.write_stdin(""));
    assert_eq!((out.code, out.error_line()), (1, "exit status 6"), "{out:#?}");
    // Without a local terminal OpenSSH asks for a 0x0 pty, which the guest reports; the pty's
    // line discipline turns newlines into CRLF.
    assert!(out.stdout.starts_with("/dev/pts/"), "{out:#?}");
    assert!(out.stdout.ends_with("\r\n0 0\r\n"), "{out:#?}");
}

fn native_ssh(env: &Env, args: &[&str], stdin: &str, agent: Option<&Path>) -> Outcome {
    let known = known_hosts(env);
    let mut cmd = env.virtctl();
    cmd.args(["ssh", "--local-ssh=false", "--known-hosts"])
        .arg(&known)
        .args(args)
        .write_stdin(stdin.to_string());
    if let Some(socket) = agent {
        cmd.env("SSH_AUTH_SOCK", socket);
    }
    Outcome::of(&mut cmd)
}

#[test]
fn native_shell_without_a_terminal_reads_commands_from_stdin() {
    let env = Env::new();
    env.running_vm("vm1");
    let key = test_key(&env);
    let guest_file = env.path("from-stdin");
    let commands = format!(
        "echo hello; tty; echo $USER > {}; echo oops >&2; exit 4\n",
        guest_file.display()
    );
    let out = native_ssh(&env, &["-i", key.to_str().unwrap(), "fedora@vm/vm1"], &commands, None);
    // No pty (`tty` says so), no prompt, no escapes: plain stdout and stderr.
    assert_eq!(out.stdout, "hello\nnot a tty\n");
    assert_eq!(
        (out.code, out.stderr_lines()),
        (1, vec!["oops", "exit status 4"]),
        "{out:#?}"
    );
    assert_eq!(read(&guest_file), "fedora\n");

    // `~.` is text without a terminal; a clean exit is success.
    let out = native_ssh(
        &env,
        &["-i", key.to_str().unwrap(), "fedora@vm/vm1"],
        "echo '~.'\n",
        None,
    );
    assert_eq!((out.code, out.stdout.as_str()), (0, "~.\n"), "{out:#?}");
}

/// A real `ssh-agent` on a socket in the test's directory, stopped on drop.
struct Agent {
    child: std::process::Child,
    socket: PathBuf,
}

impl Agent {
    fn start(env: &Env) -> Agent {
        let socket = env.path("agent.sock");
        let child = Command::new("ssh-agent")
            .arg("-D")
            .arg("-a")
            .arg(&socket)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("ssh-agent starts");
        let deadline = std::time::Instant::now() + WAIT;
        while !socket.exists() {
            assert!(std::time::Instant::now() < deadline, "ssh-agent never listened");
            std::thread::sleep(Duration::from_millis(20));
        }
        Agent { child, socket }
    }

    fn add(&self, key: &Path) {
        let added = Command::new("ssh-add")
            .arg(key)
            .env("SSH_AUTH_SOCK", &self.socket)
            .output()
            .expect("ssh-add runs");
        assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn native_client_authenticates_with_the_ssh_agent_and_refuses_unknown_keys() {
    if !openssh_installed() {
        return;
    }
    let env = Env::new();
    env.running_vm("vm1");
    let agent = Agent::start(&env);
    let accepted = test_key(&env);
    let refused = other_key(&env);

    // The agent holds only a key the guest refuses, there is no identity file: refused.
    agent.add(&refused);
    let out = native_ssh(&env, &["-c", "echo in", "fedora@vm/vm1"], "", Some(&agent.socket));
    assert_eq!(
        (out.code, out.error_line(), out.stdout.as_str()),
        (1, "ssh: permission denied for fedora@vm/vm1.default (publickey)", ""),
        "{out:#?}"
    );

    // ...but with -i the identity file is tried after the agent's keys.
    let marker = env.path("agent-then-file");
    let command = format!("echo with-file > {}", marker.display());
    let args = ["-i", accepted.to_str().unwrap(), "-c", &command, "fedora@vm/vm1"];
    let out = native_ssh(&env, &args, "", Some(&agent.socket));
    assert_eq!(out.code, 0, "{out:#?}");
    assert_eq!(read(&marker), "with-file\n");

    // The agent's accepted key alone, no -i and no ~/.ssh/id_rsa: in.
    agent.add(&accepted);
    let marker = env.path("agent-only");
    let command = format!("echo via-agent > {}; echo $USER", marker.display());
    let out = native_ssh(&env, &["-c", &command, "fedora@vm/vm1"], "", Some(&agent.socket));
    assert_eq!((out.code, out.stdout.as_str()), (0, "fedora\n"), "{out:#?}");
    assert_eq!(read(&marker), "via-agent\n");

    // No agent and no key at all: says what to give.
    let out = native_ssh(&env, &["-c", "true", "fedora@vm/vm1"], "", None);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.error_line()
            .starts_with("no identity file for fedora@vm/vm1.default"),
        "{out:#?}"
    );

    // A refused -i without an agent: the same permission-denied line.
    let out = native_ssh(
        &env,
        &["-i", refused.to_str().unwrap(), "-c", "true", "fedora@vm/vm1"],
        "",
        None,
    );
    assert_eq!(
        (out.code, out.error_line()),
        (1, "ssh: permission denied for fedora@vm/vm1.default (publickey)"),
        "{out:#?}"
    );
}
