//! Helpers for the streaming commands (console, vnc, port-forward, ssh, scp, usbredir): a
//! virtctl process with live pipes, whose output a test can wait for while it keeps running.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{Env, LEAKY_VARS};

/// `virtctl --kubeconfig <tmp>/config` as a plain `std::process::Command`.
pub fn virtctl_command(env: &Env) -> Command {
    let mut cmd = Command::new(crate::support::virtctl_bin());
    for var in LEAKY_VARS {
        cmd.env_remove(var);
    }
    cmd.env("HOME", env.dir.path()).current_dir(env.dir.path());
    cmd.arg("--kubeconfig").arg(&env.kubeconfig);
    cmd
}

/// A running process whose stdout and stderr are collected as they arrive.
pub struct Running {
    pub child: Child,
    stdin: Option<ChildStdin>,
    stdout: Arc<Mutex<Vec<u8>>>,
    stderr: Arc<Mutex<Vec<u8>>>,
}

fn collect(mut from: impl Read + Send + 'static) -> Arc<Mutex<Vec<u8>>> {
    let buf = Arc::new(Mutex::new(Vec::new()));
    let sink = buf.clone();
    std::thread::spawn(move || {
        let mut chunk = [0u8; 65536];
        while let Ok(n) = from.read(&mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&chunk[..n]);
        }
    });
    buf
}

impl Running {
    pub fn spawn(mut cmd: Command) -> Running {
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("virtctl starts");
        let stdin = child.stdin.take();
        let stdout = collect(child.stdout.take().expect("stdout"));
        let stderr = collect(child.stderr.take().expect("stderr"));
        Running {
            child,
            stdin,
            stdout,
            stderr,
        }
    }

    pub fn write(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to virtctl");
        stdin.flush().expect("flush");
    }

    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout.lock().unwrap()).into_owned()
    }

    pub fn stdout_bytes(&self) -> Vec<u8> {
        self.stdout.lock().unwrap().clone()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned()
    }

    /// Waits until stdout contains `text`; panics with both streams after `timeout`.
    #[track_caller]
    pub fn wait_stdout(&self, text: &str, timeout: Duration) {
        self.wait_for(
            timeout,
            |r| r.stdout().contains(text),
            &format!("stdout to contain {text:?}"),
        );
    }

    #[track_caller]
    pub fn wait_stderr(&self, text: &str, timeout: Duration) {
        self.wait_for(
            timeout,
            |r| r.stderr().contains(text),
            &format!("stderr to contain {text:?}"),
        );
    }

    #[track_caller]
    pub fn wait_for(&self, timeout: Duration, what: impl Fn(&Running) -> bool, description: &str) {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if what(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!(
            "timed out waiting for {description}\nstdout: {}\nstderr: {}",
            self.stdout(),
            self.stderr()
        );
    }

    /// Waits for the exit status.
    #[track_caller]
    pub fn wait_exit(&mut self, timeout: Duration) -> i32 {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                // let the reader threads drain the pipes
                std::thread::sleep(Duration::from_millis(50));
                return status.code().unwrap_or(-1);
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "virtctl did not exit\nstdout: {}\nstderr: {}",
                    self.stdout(),
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Sends SIGINT (as Ctrl+C in a terminal would).
    #[allow(dead_code)] // for the tests of commands that end on Ctrl+C (vnc, port-forward)
    pub fn interrupt(&self) {
        let _ = Command::new("kill")
            .arg("-INT")
            .arg(self.child.id().to_string())
            .status();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---- port-forward ----------------------------------------------------------------------------

/// `virtctl port-forward ARGS`, to be started with [`Running::spawn`] (after any `.env(...)`).
pub fn port_forward_command(env: &Env, args: &[&str]) -> Command {
    let mut cmd = virtctl_command(env);
    cmd.arg("port-forward").args(args);
    cmd
}

impl Running {
    /// The local port a running `port-forward` listens on for `protocol`, once its forwarding
    /// line is out.
    #[track_caller]
    pub fn forwarded_port(&self, protocol: &str) -> u16 {
        self.wait_for(
            PORT_FORWARD_WAIT,
            |r| announced_port(&r.stderr(), protocol).is_some(),
            "the forwarding line",
        );
        announced_port(&self.stderr(), protocol).expect("announced")
    }
}

const PORT_FORWARD_WAIT: Duration = Duration::from_secs(30);

/// One TCP connection to the forwarded `port`: `data` goes out (from a thread of its own, so
/// that more than the socket buffers can hold is echoed) and must come back unchanged.
#[track_caller]
pub fn echo_round_trip(port: u16, data: &[u8]) {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(PORT_FORWARD_WAIT)).unwrap();
    let writer = {
        let mut s = s.try_clone().unwrap();
        let data = data.to_vec();
        std::thread::spawn(move || s.write_all(&data).unwrap())
    };
    let mut back = vec![0u8; data.len()];
    s.read_exact(&mut back).expect("the echo comes back");
    writer.join().expect("the writer");
    assert!(back == data, "the echoed bytes differ");
}

/// The websockets the simulator opened (101) on `path`, e.g.
/// `{SUB}/virtualmachines/vm1/portforward/7/tcp`.
pub fn websocket_upgrades(env: &Env, path: &str) -> usize {
    env.sent().iter().filter(|r| r.path == path && r.status == 101).count()
}

/// A port the stderr line `forwarding tcp 127.0.0.1:PORT to ...` announced.
pub fn announced_port(stderr: &str, protocol: &str) -> Option<u16> {
    let prefix = format!("forwarding {protocol} ");
    stderr.lines().find_map(|line| {
        let rest = line.strip_prefix(&prefix)?;
        let addr = rest.split_whitespace().next()?;
        addr.rsplit(':').next()?.parse().ok()
    })
}

/// A detached tmux server on its own socket running one script in a real terminal, so a test can
/// type keys and read the screen as a user would. Killed on drop.
pub struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    /// Runs `sh SCRIPT` in a `cols`x`rows` terminal; `None` (with a note) when tmux is missing
    /// outside CI.
    pub fn start(env: &Env, script: &Path, cols: u16, rows: u16) -> Option<Tmux> {
        kubevirt_sim::tools::require(&["tmux"], "a pseudo-terminal test")?;
        let tmux = Tmux {
            socket: env.path("tmux.sock"),
        };
        let (cols, rows) = (cols.to_string(), rows.to_string());
        let script = script.to_str().expect("a UTF-8 path");
        let started = tmux.run(&["new-session", "-d", "-x", &cols, "-y", &rows, "sh", script]);
        assert!(started.status.success(), "{}", String::from_utf8_lossy(&started.stderr));
        Some(tmux)
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("tmux runs")
    }

    /// Types `text` literally (no key names), without Enter.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-l", text]);
    }

    /// Types `line` and Enter.
    pub fn type_line(&self, line: &str) {
        self.type_text(line);
        self.key("Enter");
    }

    /// Presses one key by tmux name (`Enter`, `C-]`, ...).
    pub fn key(&self, name: &str) {
        self.run(&["send-keys", name]);
    }

    /// Resizes the terminal, as a user dragging the window would (the program gets SIGWINCH).
    pub fn resize(&self, cols: u16, rows: u16) {
        self.run(&["resize-window", "-x", &cols.to_string(), "-y", &rows.to_string()]);
    }

    /// The visible screen, lines joined with `\n`.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p"]).stdout).into_owned()
    }

    /// Waits until the screen shows `text`; panics with the screen after `timeout`.
    #[track_caller]
    pub fn wait(&self, text: &str, timeout: Duration) {
        if !self.wait_until(text, timeout) {
            panic!("the screen never showed {text:?}:\n{}", self.screen());
        }
    }

    /// Whether the screen shows `text` within `timeout`.
    pub fn wait_until(&self, text: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}
