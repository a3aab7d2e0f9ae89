//! Client configuration with kubectl's rules: which kubeconfig, which context, the namespace,
//! and the global override flags.

use kubevirt_sim::fixtures;

use crate::support::*;

/// A kubeconfig document with one cluster, one user and the given contexts
/// (`(name, namespace)`), written by hand so tests control every field.
struct Kubeconfig<'a> {
    server: &'a str,
    ca_pem: Option<&'a str>,
    token: Option<&'a str>,
    contexts: &'a [(&'a str, Option<&'a str>)],
    current: Option<&'a str>,
}

impl Kubeconfig<'_> {
    fn yaml(&self) -> String {
        use std::fmt::Write;
        let mut y = String::from("apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n");
        writeln!(y, "    server: {}", self.server).unwrap();
        if let Some(ca) = self.ca_pem {
            writeln!(y, "    certificate-authority-data: {}", base64(ca.as_bytes())).unwrap();
        }
        y.push_str("users:\n- name: u\n  user:\n");
        match self.token {
            Some(token) => writeln!(y, "    token: {token}").unwrap(),
            None => y.push_str("    {}\n"),
        }
        y.push_str("contexts:\n");
        for (name, ns) in self.contexts {
            writeln!(y, "- name: {name}\n  context:\n    cluster: c\n    user: u").unwrap();
            if let Some(ns) = ns {
                writeln!(y, "    namespace: {ns}").unwrap();
            }
        }
        if let Some(current) = self.current {
            writeln!(y, "current-context: {current}").unwrap();
        }
        y
    }
}

/// Standard base64, as kubeconfigs carry certificate data.
pub fn base64(data: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(data)
}

fn start_path(ns: &str, name: &str) -> String {
    format!("/apis/subresources.kubevirt.io/v1/namespaces/{ns}/virtualmachines/{name}/start")
}

fn vm_in(env: &Env, ns: &str, name: &str) {
    env.sim.create(fixtures::vm(ns, name, "Halted"));
}

fn run_strategy_in(env: &Env, ns: &str, name: &str) -> String {
    env.sim.get("virtualmachines", ns, name).unwrap()["spec"]["runStrategy"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

// ---- namespace ------------------------------------------------------------------------------

#[test]
fn namespace_flag_overrides_the_kubeconfig_namespace() {
    let env = Env::new();
    vm_in(&env, "other", "vm1");

    env.run(&["-n", "other", "start", "vm1"])
        .ok_quiet("VM vm1 was scheduled to start\n");

    let sent = env.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].path, start_path("other", "vm1"));
    assert_eq!(run_strategy_in(&env, "other", "vm1"), "Always");
}

/// A namespace named like a command: the parser, which builds only the command the line names,
/// must take `stop` as `-n`'s value and `start` as the command.
#[test]
fn a_namespace_named_like_a_command_is_the_flags_value() {
    let env = Env::new();
    vm_in(&env, "stop", "vm1");

    env.run(&["-n", "stop", "start", "vm1"])
        .ok_quiet("VM vm1 was scheduled to start\n");
    env.run(&["--namespace", "stop", "--request-timeout", "30s", "stop", "vm1"])
        .ok_quiet("VM vm1 was scheduled to stop\n");

    let paths: Vec<String> = env.sent().into_iter().map(|r| r.path).collect();
    let stop_path = "/apis/subresources.kubevirt.io/v1/namespaces/stop/virtualmachines/vm1/stop";
    assert_eq!(paths, [start_path("stop", "vm1"), stop_path.to_string()]);
}

#[test]
fn namespace_flag_may_follow_the_command() {
    let env = Env::new();
    vm_in(&env, "other", "vm1");

    env.run(&["start", "vm1", "--namespace=other"])
        .ok_quiet("VM vm1 was scheduled to start\n");

    assert_eq!(env.sent()[0].path, start_path("other", "vm1"));
}

#[test]
fn context_namespace_is_used_without_the_flag() {
    let env = Env::new();
    env.sim
        .write_kubeconfig(&env.kubeconfig, &env.sim.admin_token(), Some("team"))
        .unwrap();
    vm_in(&env, "team", "vm1");

    env.run(&["start", "vm1"]).ok_quiet("VM vm1 was scheduled to start\n");

    assert_eq!(env.sent()[0].path, start_path("team", "vm1"));
}

#[test]
fn no_namespace_anywhere_means_default() {
    let env = Env::new();
    env.sim
        .write_kubeconfig(&env.kubeconfig, &env.sim.admin_token(), None)
        .unwrap();
    vm_in(&env, "default", "vm1");

    env.run(&["start", "vm1"]).ok_quiet("VM vm1 was scheduled to start\n");

    assert_eq!(env.sent()[0].path, start_path("default", "vm1"));
}

// ---- which kubeconfig -----------------------------------------------------------------------

#[test]
fn explicit_kubeconfig_must_exist() {
    let home = tempfile::tempdir().unwrap();

    let out = Outcome::of(bare_virtctl(home.path()).args(["start", "vm1", "--kubeconfig", "/nonexistent"]));
    out.fails_with("stat /nonexistent: no such file or directory");
}

#[test]
fn unknown_context_is_an_error() {
    let env = Env::new();

    env.run(&["start", "vm1", "--context", "nope"])
        .fails_with("context \"nope\" does not exist");
    assert_eq!(env.sim.requests(), []);
}

#[test]
fn context_flag_picks_another_context() {
    let env = Env::new();
    let url = env.sim.url();
    let ca = env.sim.ca_pem();
    let token = env.sim.admin_token();
    let config = Kubeconfig {
        server: &url,
        ca_pem: Some(&ca),
        token: Some(&token),
        contexts: &[("one", Some("ns-one")), ("two", Some("ns-two"))],
        current: Some("one"),
    };
    let path = env.write("two-contexts", &config.yaml());
    vm_in(&env, "ns-two", "vm1");

    let out = Outcome::of(
        env.virtctl()
            .args(["start", "vm1", "--context", "two", "--kubeconfig"])
            .arg(&path),
    );
    out.ok_quiet("VM vm1 was scheduled to start\n");
    assert_eq!(env.sent()[0].path, start_path("ns-two", "vm1"));
}

#[test]
fn kubeconfig_variable_merges_files_and_the_first_wins() {
    let env = Env::new();
    let url = env.sim.url();
    let ca = env.sim.ca_pem();
    let token = env.sim.admin_token();
    let first = env.write(
        "first",
        &Kubeconfig {
            server: &url,
            ca_pem: Some(&ca),
            token: Some(&token),
            contexts: &[("ctx", Some("first"))],
            current: Some("ctx"),
        }
        .yaml(),
    );
    // Same names, all wrong: an unreachable server, a bad token, another namespace, another
    // current context. Only its extra context "extra" is new.
    let second = env.write(
        "second",
        &Kubeconfig {
            server: "https://127.0.0.1:1",
            ca_pem: None,
            token: Some("bogus"),
            contexts: &[("ctx", Some("second")), ("extra", Some("extra"))],
            current: Some("extra"),
        }
        .yaml(),
    );
    vm_in(&env, "first", "vm1");
    vm_in(&env, "extra", "vm2");
    let list = format!(
        "{}:{}:{}",
        env.path("missing").display(),
        first.display(),
        second.display()
    );

    let run = |args: &[&str]| {
        let mut cmd = bare_virtctl(env.dir.path());
        cmd.env("KUBECONFIG", &list).args(args);
        Outcome::of(&mut cmd)
    };
    run(&["start", "vm1"]).ok_quiet("VM vm1 was scheduled to start\n");
    // A context only the second file has, resolved with the first file's cluster and user.
    run(&["start", "vm2", "--context", "extra"]).ok_quiet("VM vm2 was scheduled to start\n");

    let paths: Vec<String> = env.sent().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, [start_path("first", "vm1"), start_path("extra", "vm2")]);
    assert_eq!(run_strategy_in(&env, "first", "vm1"), "Always");
    assert_eq!(run_strategy_in(&env, "extra", "vm2"), "Always");
}

#[test]
fn home_kube_config_is_the_default() {
    let env = Env::new();
    std::fs::create_dir(env.path(".kube")).unwrap();
    env.sim
        .write_kubeconfig(&env.path(".kube/config"), &env.sim.admin_token(), Some("home"))
        .unwrap();
    vm_in(&env, "home", "vm1");

    let out = Outcome::of(bare_virtctl(env.dir.path()).args(["start", "vm1"]));
    out.ok_quiet("VM vm1 was scheduled to start\n");
    assert_eq!(env.sent()[0].path, start_path("home", "vm1"));
}

#[test]
fn kubeconfig_variable_beats_home_and_the_flag_beats_both() {
    let env = Env::new();
    std::fs::create_dir(env.path(".kube")).unwrap();
    let token = env.sim.admin_token();
    env.sim
        .write_kubeconfig(&env.path(".kube/config"), &token, Some("home"))
        .unwrap();
    env.sim
        .write_kubeconfig(&env.path("from-var"), &token, Some("var"))
        .unwrap();
    env.sim
        .write_kubeconfig(&env.path("from-flag"), &token, Some("flag"))
        .unwrap();
    vm_in(&env, "var", "vm1");
    vm_in(&env, "flag", "vm1");

    let mut by_var = bare_virtctl(env.dir.path());
    by_var.env("KUBECONFIG", env.path("from-var")).args(["start", "vm1"]);
    Outcome::of(&mut by_var).ok_quiet("VM vm1 was scheduled to start\n");

    let mut by_flag = bare_virtctl(env.dir.path());
    by_flag
        .env("KUBECONFIG", env.path("from-var"))
        .args(["start", "vm1", "--kubeconfig"])
        .arg(env.path("from-flag"));
    Outcome::of(&mut by_flag).ok_quiet("VM vm1 was scheduled to start\n");

    let paths: Vec<String> = env.sent().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, [start_path("var", "vm1"), start_path("flag", "vm1")]);
}

#[test]
fn unparsable_kubeconfig_is_one_error_line() {
    let env = Env::new();
    let path = env.write("broken", "apiVersion: v1\nclusters: [\n  - {name: c\n");

    let out = Outcome::of(env.virtctl().args(["start", "vm1", "--kubeconfig"]).arg(&path));
    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr_lines().len(), 1, "{out:#?}");
    assert!(
        out.error_line().contains(&path.display().to_string()),
        "the error names the file: {out:#?}"
    );
    assert_eq!(env.sim.requests(), []);
}

// ---- override flags -------------------------------------------------------------------------

#[test]
fn token_flag_overrides_the_kubeconfig_user() {
    let env = Env::new();
    env.sim
        .write_kubeconfig(&env.kubeconfig, "not-a-valid-token", Some(NS))
        .unwrap();
    env.create_vm("vm1", "Halted");

    env.run(&["start", "vm1", "--token", &env.sim.admin_token()])
        .ok_quiet("VM vm1 was scheduled to start\n");
    assert_eq!(env.sent()[0].status, 202);
}

#[test]
fn server_flag_overrides_the_kubeconfig_cluster() {
    let env = Env::new();
    let ca = env.sim.ca_pem();
    let token = env.sim.admin_token();
    let unreachable = Kubeconfig {
        server: "https://127.0.0.1:1",
        ca_pem: Some(&ca),
        token: Some(&token),
        contexts: &[("ctx", Some(NS))],
        current: Some("ctx"),
    };
    std::fs::write(&env.kubeconfig, unreachable.yaml()).unwrap();
    env.create_vm("vm1", "Halted");

    env.run(&["-s", &env.sim.url(), "start", "vm1"])
        .ok_quiet("VM vm1 was scheduled to start\n");
    assert_eq!(env.sent()[0].path, start_path(NS, "vm1"));
}

#[test]
fn request_timeout_must_be_a_duration() {
    let env = Env::new();

    env.run(&["start", "vm1", "--request-timeout", "abc"]).fails_with(
        "invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)",
    );
    assert_eq!(env.sim.requests(), []);
}

#[test]
fn request_timeout_accepts_seconds_and_durations() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    env.create_vm("vm2", "Halted");

    env.run(&["start", "vm1", "--request-timeout", "30"])
        .ok_quiet("VM vm1 was scheduled to start\n");
    env.run(&["start", "vm2", "--request-timeout=1m30s"])
        .ok_quiet("VM vm2 was scheduled to start\n");
    assert_eq!(env.sent().len(), 2);
}

#[test]
fn global_options_are_listed_by_the_hidden_options_command() {
    let env = Env::new();

    let out = env.run(&["options"]);
    assert_eq!(out.code, 0, "{out:#?}");
    for flag in [
        "--kubeconfig",
        "-n, --namespace",
        "-s, --server",
        "--token",
        "--context",
        "--request-timeout",
        "--insecure-skip-tls-verify",
        "--tls-server-name",
    ] {
        assert!(out.stdout.contains(flag), "{flag} missing from:\n{}", out.stdout);
    }
    assert_eq!(env.sim.requests(), []);
}

/// client-go runs a kubeconfig's exec credential plugin inside the request that needs the
/// credentials, so the plugin's failure is that request's: Go's url.Error (`Put "URL": getting
/// credentials: ...`) behind the command's own prefix, as upstream's binary prints it against
/// the simulator (a websocket's, bare). The plugin runs once per command and nothing reaches the
/// API server.
#[test]
fn a_failing_exec_plugin_fails_the_request_it_was_run_for() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    let runs = env.path("runs");
    let plugin = env.write_script(
        "plugin.sh",
        &format!("#!/bin/sh\necho run >> '{}'\nexit 1\n", runs.display()),
    );
    env.exec_plugin_user(&plugin.display().to_string());
    env.sim.clear_requests();
    let url = env.sim.url();
    let failure = format!(
        "getting credentials: exec: executable {} failed with exit code 1",
        plugin.display()
    );

    env.run(&["start", "vm1"]).fails_with(&format!(
        "Error starting VirtualMachine Put \"{url}{SUB}/virtualmachines/vm1/start\": {failure}"
    ));
    env.run(&["pause", "vm", "vm1"]).fails_with(&format!(
        "Error getting VirtualMachine vm1: Get \"{url}{CORE}/virtualmachines/vm1\": {failure}"
    ));
    // upstream's websocket dialer reports the plugin's failure bare
    env.run(&["console", "vm1"]).fails_with(&failure);

    let runs = std::fs::read_to_string(&runs).expect("the plugin ran");
    assert_eq!(runs.lines().count(), 3, "once per command");
    assert!(env.sim.requests().is_empty(), "{:#?}", env.sim.requests());
}
