//! A simulated serial console: a login prompt, echo with line editing, and a tiny shell
//! (`echo`, `hostname`, `whoami`, `uname`, `cat /etc/os-release`, `exit`). The user `fedora`
//! logs in with the password `fedora` (the demo VM's cloud-init); so does `demo`.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Login,
    Password { user: String },
    Shell { user: String },
}

/// The serial line's state; it survives reconnections, as a real serial console does.
#[derive(Debug)]
pub struct Terminal {
    hostname: String,
    mode: Mode,
    line: Vec<u8>,
}

pub const PASSWORD: &str = "fedora";

impl Terminal {
    pub fn new(hostname: &str) -> Self {
        Terminal {
            hostname: hostname.to_string(),
            mode: Mode::Login,
            line: Vec::new(),
        }
    }

    /// What a freshly attached console shows first: the current prompt on a new line.
    pub fn greeting(&self) -> Vec<u8> {
        let mut out = b"\r\n".to_vec();
        if self.mode == Mode::Login {
            out.extend_from_slice(
                b"Fedora Linux 40 (Cloud Edition)\r\nKernel 6.8.5-301.fc40.x86_64 on an x86_64 (ttyS0)\r\n\r\n",
            );
        }
        out.extend_from_slice(self.prompt().as_bytes());
        out.extend_from_slice(&self.line);
        out
    }

    fn prompt(&self) -> String {
        match &self.mode {
            Mode::Login => format!("{} login: ", self.hostname),
            Mode::Password { .. } => "Password: ".into(),
            Mode::Shell { user } => format!("[{user}@{} ~]$ ", self.hostname),
        }
    }

    /// Feeds input bytes; returns what the guest writes back.
    pub fn input(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let echo = !matches!(self.mode, Mode::Password { .. });
        for &b in bytes {
            match b {
                b'\r' | b'\n' => {
                    out.extend_from_slice(b"\r\n");
                    let line = String::from_utf8_lossy(&std::mem::take(&mut self.line)).into_owned();
                    self.enter(&line, &mut out);
                    out.extend_from_slice(self.prompt().as_bytes());
                }
                0x7f | 0x08 => {
                    let erased = self.line.pop().is_some();
                    if erased && echo {
                        out.extend_from_slice(b"\x08 \x08");
                    }
                }
                0x03 => {
                    self.line.clear();
                    out.extend_from_slice(b"^C\r\n");
                    if matches!(self.mode, Mode::Password { .. }) {
                        self.mode = Mode::Login;
                    }
                    out.extend_from_slice(self.prompt().as_bytes());
                }
                0x04 if self.line.is_empty() => {
                    if let Mode::Shell { .. } = self.mode {
                        out.extend_from_slice(b"logout\r\n\r\n");
                        self.mode = Mode::Login;
                        out.extend_from_slice(self.prompt().as_bytes());
                    }
                }
                b if b >= 0x20 || b == b'\t' => {
                    self.line.push(b);
                    if echo {
                        out.push(b);
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn enter(&mut self, line: &str, out: &mut Vec<u8>) {
        match std::mem::replace(&mut self.mode, Mode::Login) {
            Mode::Login => {
                let user = line.trim();
                self.mode = if user.is_empty() {
                    Mode::Login
                } else {
                    Mode::Password { user: user.to_string() }
                };
            }
            Mode::Password { user } => {
                if line == PASSWORD && matches!(user.as_str(), "fedora" | "demo") {
                    out.extend_from_slice(b"Last login: Mon Jan  1 00:00:00 on ttyS0\r\n");
                    self.mode = Mode::Shell { user };
                } else {
                    out.extend_from_slice(b"\r\nLogin incorrect\r\n");
                    self.mode = Mode::Login;
                }
            }
            Mode::Shell { user } => {
                let reply = self.run(&user, line.trim());
                out.extend_from_slice(reply.replace('\n', "\r\n").as_bytes());
                if !matches!(line.trim(), "exit" | "logout") {
                    self.mode = Mode::Shell { user };
                } else {
                    out.extend_from_slice(b"\r\n");
                }
            }
        }
    }

    fn run(&self, user: &str, line: &str) -> String {
        let mut words = line.split_whitespace();
        let Some(cmd) = words.next() else {
            return String::new();
        };
        let args: Vec<&str> = words.collect();
        match cmd {
            "echo" => format!("{}\n", args.join(" ")),
            "hostname" => format!("{}\n", self.hostname),
            "whoami" => format!("{user}\n"),
            "uname" if args.first() == Some(&"-a") => format!(
                "Linux {} 6.8.5-301.fc40.x86_64 #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n",
                self.hostname
            ),
            "uname" => "Linux\n".into(),
            "cat" if args.first() == Some(&"/etc/os-release") => {
                "NAME=\"Fedora Linux\"\nVERSION=\"40 (Cloud Edition)\"\nID=fedora\nVERSION_ID=40\n".into()
            }
            "true" | "exit" | "logout" => String::new(),
            other => format!("-bash: {other}: command not found\n"),
        }
    }
}

/// Serves one console session over `io` (the backend end of a websocket splice).
pub async fn serve(terminal: Arc<Mutex<Terminal>>, mut io: DuplexStream) {
    let greeting = terminal.lock().unwrap_or_else(|e| e.into_inner()).greeting();
    if io.write_all(&greeting).await.is_err() {
        return;
    }
    let mut buf = [0u8; 4096];
    loop {
        let n = match io.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        let out = terminal.lock().unwrap_or_else(|e| e.into_inner()).input(&buf[..n]);
        if !out.is_empty() && io.write_all(&out).await.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_and_commands() {
        let mut t = Terminal::new("vm1");
        assert!(String::from_utf8_lossy(&t.greeting()).ends_with("vm1 login: "));
        assert_eq!(t.input(b"fedora\r"), b"fedora\r\nPassword: ");
        let out = String::from_utf8(t.input(b"fedora\r")).unwrap();
        assert!(out.ends_with("[fedora@vm1 ~]$ "), "{out}");
        let out = String::from_utf8(t.input(b"echo hi there\r")).unwrap();
        assert_eq!(out, "echo hi there\r\nhi there\r\n[fedora@vm1 ~]$ ");
        let out = String::from_utf8(t.input(b"exit\r")).unwrap();
        assert!(out.ends_with("vm1 login: "), "{out}");
    }

    #[test]
    fn wrong_password() {
        let mut t = Terminal::new("vm1");
        t.input(b"fedora\r");
        let out = String::from_utf8(t.input(b"nope\r")).unwrap();
        assert!(out.contains("Login incorrect") && out.ends_with("vm1 login: "));
    }
}
