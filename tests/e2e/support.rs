//! The harness every end-to-end test uses: a fresh in-process simulator, its kubeconfig in a
//! private temporary HOME, the built `virtctl` pointed at it, and helpers to read what virtctl
//! printed and what the simulator received.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
pub use kubevirt_sim::RequestRecord;
use kubevirt_sim::{Sim, SimOptions, fixtures};
use serde_json::Value;
use tempfile::TempDir;

/// The namespace the default kubeconfig's context names.
pub const NS: &str = "default";

/// How long a test waits for the simulator's controllers (phase step 20 ms) before failing.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// The path prefix of KubeVirt subresources in [`NS`].
pub const SUB: &str = "/apis/subresources.kubevirt.io/v1/namespaces/default";
/// The path prefix of KubeVirt core objects in [`NS`].
pub const CORE: &str = "/apis/kubevirt.io/v1/namespaces/default";

/// Environment variables that would change which cluster, namespace or proxy virtctl uses;
/// every way a test starts virtctl removes them.
pub const LEAKY_VARS: &[&str] = &[
    "KUBECONFIG",
    "KUBERNETES_MASTER",
    "KUBERNETES_SERVICE_HOST",
    "KUBERNETES_SERVICE_PORT",
    "POD_NAMESPACE",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
    // The native ssh client tries the agent first.
    "SSH_AUTH_SOCK",
];

/// One test's world: a simulator, a temporary HOME and a kubeconfig for the admin user.
pub struct Env {
    pub sim: Sim,
    pub dir: TempDir,
    pub kubeconfig: PathBuf,
}

impl Env {
    /// A simulator with the default 20 ms controller step.
    pub fn new() -> Env {
        Env::with(SimOptions::default())
    }

    /// A simulator whose controllers practically stand still: they step every object once,
    /// right after start (before or after the test's first objects exist), then not for an hour.
    /// Tests on it must hold whether or not that single step happened.
    pub fn frozen() -> Env {
        Env::with(SimOptions {
            phase_step: Duration::from_secs(3600),
            ..SimOptions::default()
        })
    }

    /// A simulator whose controllers do not run: what a test loads stays exactly as loaded, as
    /// in a cluster whose virt-controller, virt-handler and CDI are down.
    pub fn snapshot() -> Env {
        Env::with(SimOptions {
            controllers: false,
            ..SimOptions::default()
        })
    }

    pub fn with(options: SimOptions) -> Env {
        let sim = Sim::start(options).expect("the simulator starts");
        let dir = tempfile::tempdir().expect("a temporary directory");
        let kubeconfig = dir.path().join("config");
        sim.write_kubeconfig(&kubeconfig, &sim.admin_token(), Some(NS))
            .expect("the kubeconfig is written");
        Env { sim, dir, kubeconfig }
    }

    /// A path inside this test's temporary directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `virtctl --kubeconfig <tmp>/config`, isolated from the developer's own configuration.
    pub fn virtctl(&self) -> Command {
        let mut cmd = bare_virtctl(self.dir.path());
        cmd.arg("--kubeconfig").arg(&self.kubeconfig);
        cmd
    }

    /// Runs `virtctl --kubeconfig <tmp>/config ARGS...`.
    pub fn run(&self, args: &[&str]) -> Outcome {
        Outcome::of(self.virtctl().args(args))
    }

    /// A kubeconfig for the simulator's limited user ("alice", with rights only in namespace
    /// `limited`), whose context namespace is `namespace`; returns its path.
    pub fn limited_kubeconfig(&self, namespace: &str) -> PathBuf {
        let path = self.path("alice");
        self.sim
            .write_kubeconfig(&path, &self.sim.limited_token(), Some(namespace))
            .expect("the kubeconfig is written");
        path
    }

    /// Writes a file into the temporary directory and returns its path.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, contents).expect("file written");
        path
    }

    /// Writes an executable script (a fake tool, a credential plugin) into the temporary
    /// directory and returns its path.
    pub fn write_script(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.write(name, contents);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("the script is executable");
        }
        path
    }

    /// Rewrites the kubeconfig's user: its admin token line becomes the YAML lines `user`.
    pub fn kubeconfig_user(&self, user: &str) {
        let yaml = self.sim.kubeconfig_yaml(&self.sim.admin_token(), Some(NS));
        let token_line = format!("    token: {}", self.sim.admin_token());
        assert!(yaml.contains(&token_line), "the kubeconfig has a token line: {yaml}");
        std::fs::write(&self.kubeconfig, yaml.replace(&token_line, user)).expect("kubeconfig written");
    }

    /// The kubeconfig's user gets its credentials from the exec plugin `command`, never
    /// interactively.
    pub fn exec_plugin_user(&self, command: &str) {
        self.kubeconfig_user(&format!(
            "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: {command}\n      interactiveMode: Never"
        ));
    }

    /// Creates a VM with the simulator's realistic fixture.
    pub fn create_vm(&self, name: &str, run_strategy: &str) -> Value {
        self.sim.create(fixtures::vm(NS, name, run_strategy))
    }

    /// Creates a VM with `runStrategy: Always` and waits until its VMI runs; returns the VMI.
    pub fn running_vm(&self, name: &str) -> Value {
        self.create_vm(name, "Always");
        self.wait_vmi(name, "to run", is_running)
    }

    /// Creates a VM with `runStrategy: Always` and waits until its VMI runs and the VM says it
    /// created it (what `evacuate-cancel vm` needs).
    pub fn running_vm_created(&self, name: &str) -> Value {
        let vmi = self.running_vm(name);
        self.wait_vm(name, "to report its VMI created", |vm| {
            vm.pointer("/status/created") == Some(&Value::Bool(true))
        });
        vmi
    }

    pub fn vm(&self, name: &str) -> Option<Value> {
        self.sim.get("virtualmachines", NS, name)
    }

    pub fn vmi(&self, name: &str) -> Option<Value> {
        self.sim.get("virtualmachineinstances", NS, name)
    }

    /// Waits until the VMI exists and satisfies `condition`; returns it.
    pub fn wait_vmi(&self, name: &str, what: &str, condition: impl Fn(&Value) -> bool) -> Value {
        let ok = self.sim.wait_until(PATIENCE, |sim| {
            sim.get("virtualmachineinstances", NS, name)
                .is_some_and(|v| condition(&v))
        });
        assert!(ok, "VMI {name} did not get {what}: {:#?}", self.vmi(name));
        self.vmi(name).expect("the VMI exists")
    }

    /// Waits until the VM satisfies `condition`; returns it.
    pub fn wait_vm(&self, name: &str, what: &str, condition: impl Fn(&Value) -> bool) -> Value {
        let ok = self.sim.wait_until(PATIENCE, |sim| {
            sim.get("virtualmachines", NS, name).is_some_and(|v| condition(&v))
        });
        assert!(ok, "VM {name} did not get {what}: {:#?}", self.vm(name));
        self.vm(name).expect("the VM exists")
    }

    /// Waits until the VM has no live VMI any more.
    pub fn wait_vmi_gone(&self, name: &str) {
        let ok = self
            .sim
            .wait_until(PATIENCE, |sim| sim.get("virtualmachineinstances", NS, name).is_none());
        assert!(ok, "VMI {name} was not removed: {:#?}", self.vmi(name));
    }

    /// The requests virtctl sent, without the version discovery virtctl adds after a server
    /// error (upstream's version-skew hint).
    pub fn sent(&self) -> Vec<RequestRecord> {
        self.sim
            .requests()
            .into_iter()
            .filter(|r| !is_version_discovery(r))
            .collect()
    }

    /// [`Env::sent`] as `METHOD PATH[?QUERY][ BODY]` lines, for exact comparison.
    pub fn wire(&self) -> Vec<String> {
        self.sent().iter().map(wire_line).collect()
    }
}

/// The version-discovery `GET`s (`/apis/subresources.kubevirt.io` and `.../version`).
pub fn is_version_discovery(r: &RequestRecord) -> bool {
    r.method == "GET"
        && (r.path == "/apis/subresources.kubevirt.io"
            || (r.path.starts_with("/apis/subresources.kubevirt.io/") && r.path.ends_with("/version")))
}

pub fn wire_line(r: &RequestRecord) -> String {
    let mut line = format!("{} {}", r.method, r.path);
    if !r.query.is_empty() {
        line.push('?');
        line.push_str(&r.query);
    }
    if !r.body.is_empty() {
        line.push(' ');
        line.push_str(&r.body);
    }
    line
}

/// The virtctl binary under test: `$VIRTCTL_BIN` when set (a cross build run through a wrapper
/// that starts it under qemu-user or wine, `packaging/cross-run.sh`), else the one cargo built
/// for this test run.
pub fn virtctl_bin() -> PathBuf {
    match std::env::var_os("VIRTCTL_BIN") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => assert_cmd::cargo::cargo_bin("virtctl"),
    }
}

/// `virtctl` with HOME set to `home`, no `$KUBECONFIG`, no proxies and no in-cluster hints.
pub fn bare_virtctl(home: &Path) -> Command {
    let mut cmd = Command::new(virtctl_bin());
    for var in LEAKY_VARS {
        cmd.env_remove(var);
    }
    cmd.env("HOME", home).current_dir(home).timeout(Duration::from_secs(60));
    cmd
}

/// What one run of virtctl did.
#[derive(Debug)]
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// stdout as written, for binary output (`--file=-`)
    pub stdout_bytes: Vec<u8>,
}

impl Outcome {
    pub fn of(cmd: &mut Command) -> Outcome {
        Outcome::from_output(cmd.output().expect("virtctl runs"))
    }

    /// What a finished virtctl process left, checked for panics.
    pub fn from_output(output: std::process::Output) -> Outcome {
        let outcome = Outcome {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            stdout_bytes: output.stdout,
        };
        assert!(
            !outcome.stderr.contains("panicked"),
            "virtctl panicked: {}",
            outcome.stderr
        );
        outcome
    }

    /// Exit 0 with exactly `stdout`; returns self for more checks.
    #[track_caller]
    pub fn ok(&self, stdout: &str) -> &Self {
        assert_eq!(self.code, 0, "virtctl failed: {self:#?}");
        assert_eq!(self.stdout, stdout, "stdout differs: {self:#?}");
        self
    }

    /// Exit 0, exactly `stdout`, nothing on stderr.
    #[track_caller]
    pub fn ok_quiet(&self, stdout: &str) -> &Self {
        self.ok(stdout);
        assert_eq!(self.stderr, "", "unexpected stderr: {self:#?}");
        self
    }

    /// Exit 1, nothing on stdout, and `line` as the error line on stderr (only `hint:` lines
    /// may follow it).
    #[track_caller]
    pub fn fails_with(&self, line: &str) -> &Self {
        self.fails_after(line, "")
    }

    /// Like [`Outcome::fails_with`], with `stdout` printed before the failure.
    #[track_caller]
    pub fn fails_after(&self, line: &str, stdout: &str) -> &Self {
        assert_eq!(self.code, 1, "exit status: {self:#?}");
        assert_eq!(self.stdout, stdout, "stdout differs: {self:#?}");
        assert_eq!(self.error_line(), line, "error line differs: {self:#?}");
        for extra in self.stderr_lines().into_iter().skip(1) {
            assert!(extra.starts_with("hint: "), "extra stderr line {extra:?}: {self:#?}");
        }
        self
    }

    /// The stderr lines, without upstream-style JSON log lines (`{"component":...}`).
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| !l.starts_with("{\"component\""))
            .collect()
    }

    /// The first stderr line that is not a JSON log line.
    pub fn error_line(&self) -> &str {
        self.stderr_lines().first().copied().unwrap_or("")
    }

    /// The `hint:` line, if any.
    pub fn hint(&self) -> Option<&str> {
        self.stderr_lines().into_iter().find(|l| l.starts_with("hint: "))
    }
}

pub fn is_running(vmi: &Value) -> bool {
    phase(vmi) == "Running"
}

pub fn phase(object: &Value) -> &str {
    object.pointer("/status/phase").and_then(Value::as_str).unwrap_or("")
}

pub fn uid(object: &Value) -> String {
    object
        .pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

pub fn node_of(vmi: &Value) -> String {
    vmi.pointer("/status/nodeName")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

/// Whether the object carries condition `kind` with status `True`.
pub fn has_condition(object: &Value, kind: &str) -> bool {
    object
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|conds| conds.iter().any(|c| c["type"] == kind && c["status"] == "True"))
}

pub fn is_paused(vmi: &Value) -> bool {
    has_condition(vmi, "Paused")
}

/// Parses a request body as JSON (panics with the body on failure).
pub fn body_json(r: &RequestRecord) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("body {:?} is not JSON: {e}", r.body))
}

/// Deterministic, incompressible-looking bytes.
pub fn pattern(len: usize, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        })
        .collect()
}

// ---- VM exports (vmexport, memory-dump) ----

/// The SHA-256 of `data`, in hex.
pub fn sha256(data: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(data).iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of a file, in hex.
pub fn file_sha(path: &Path) -> String {
    sha256(&std::fs::read(path).expect("the file"))
}

/// The SHA-256 of what the simulator stores for the PVC `pvc` in [`NS`].
pub fn volume_sha(env: &Env, pvc: &str) -> String {
    file_sha(&env.sim.volume_file(NS, pvc))
}

/// `data` inflated from gzip.
pub fn gunzip(data: &[u8]) -> Vec<u8> {
    use std::io::Read as _;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(data)
        .read_to_end(&mut out)
        .expect("a gzip stream");
    out
}

impl Env {
    /// The VirtualMachineExport `name` in [`NS`].
    pub fn export(&self, name: &str) -> Option<Value> {
        self.sim.get("virtualmachineexports", NS, name)
    }

    /// Waits until the export `name` is Ready.
    #[track_caller]
    pub fn wait_export_ready(&self, name: &str) {
        let ready = self.sim.wait_until(PATIENCE, |_| {
            self.export(name).is_some_and(|e| e["status"]["phase"] == "Ready")
        });
        assert!(ready, "export {name} did not get Ready: {:#?}", self.export(name));
    }

    /// Waits until the export `name` is gone.
    #[track_caller]
    pub fn wait_export_gone(&self, name: &str) {
        let gone = self.sim.wait_until(PATIENCE, |_| self.export(name).is_none());
        assert!(gone, "export {name} was not removed: {:#?}", self.export(name));
    }

    /// What the export server answered, as `PATH STATUS`.
    pub fn export_paths(&self) -> Vec<String> {
        self.sim
            .export_requests()
            .iter()
            .map(|r| format!("{} {}", r.path, r.status))
            .collect()
    }

    /// The versions of `export.kubevirt.io` the API requests named, each once, in order.
    pub fn export_api_versions(&self) -> Vec<String> {
        let mut versions: Vec<String> = Vec::new();
        for r in self.sent() {
            let Some(rest) = r.path.strip_prefix("/apis/export.kubevirt.io/") else {
                continue;
            };
            let version = rest.split('/').next().unwrap_or("").to_string();
            if !versions.contains(&version) {
                versions.push(version);
            }
        }
        versions
    }
}
