//! How failures read: authentication, authorization, an unreachable server, TLS, and the
//! version discovery virtctl runs after a server error.

use crate::config::base64;
use crate::support::*;

const START_URL_PATH: &str = "/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachines/vm1/start";

/// A kubeconfig for the simulator with the admin token but no CA: the server's certificate
/// cannot be verified.
fn kubeconfig_without_ca(env: &Env) -> String {
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: {}\nusers:\n- name: u\n  user:\n    token: {}\ncontexts:\n- name: ctx\n  context:\n    cluster: c\n    user: u\n    namespace: default\ncurrent-context: ctx\n",
        env.sim.url(),
        env.sim.admin_token()
    )
}

#[test]
fn server_errors_are_followed_by_version_discovery_only() {
    let env = Env::new();

    env.run(&["start", "x"])
        .fails_with("Error starting VirtualMachine virtualmachine.kubevirt.io \"x\" not found");

    // Client and server are both v1.8: the skew check runs but prints nothing.
    let all: Vec<String> = env.sim.requests().iter().map(wire_line).collect();
    assert_eq!(
        all,
        [
            format!("PUT {SUB}/virtualmachines/x/start {{}}"),
            "GET /apis/subresources.kubevirt.io".to_string(),
            "GET /apis/subresources.kubevirt.io/v1/version".to_string(),
        ]
    );
}

// ---- authentication and authorization -------------------------------------------------------

#[test]
fn kubeconfig_without_credentials_is_unauthorized() {
    let env = Env::new();
    let yaml = format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: {}\n    certificate-authority-data: {}\ncontexts:\n- name: ctx\n  context:\n    cluster: c\n    namespace: default\ncurrent-context: ctx\n",
        env.sim.url(),
        base64(env.sim.ca_pem().as_bytes())
    );
    std::fs::write(&env.kubeconfig, yaml).unwrap();
    env.create_vm("vm1", "Halted");

    let out = env.run(&["start", "vm1"]);
    out.fails_with("Error starting VirtualMachine Unauthorized");
    assert!(out.hint().is_some(), "a 401 says what to do: {out:#?}");
    let sent = env.sent();
    assert_eq!(sent[0].status, 401);
    assert_eq!(env.vm("vm1").unwrap()["spec"]["runStrategy"], "Halted");
}

#[test]
fn wrong_token_is_unauthorized() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    env.run(&["start", "vm1", "--token", "wrong"])
        .fails_with("Error starting VirtualMachine Unauthorized");
    assert_eq!(env.sent()[0].status, 401);
}

#[test]
fn limited_user_outside_its_namespace_is_forbidden() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    env.run(&["start", "vm1", "--token", &env.sim.limited_token()]).fails_with(
        "Error starting VirtualMachine virtualmachines.subresources.kubevirt.io \"vm1\" is forbidden: User \"alice\" cannot update resource \"virtualmachines/start\" in API group \"subresources.kubevirt.io\" in the namespace \"default\"",
    );
    assert_eq!(env.sent()[0].status, 403);
    assert_eq!(env.vm("vm1").unwrap()["spec"]["runStrategy"], "Halted");
}

#[test]
fn limited_user_reading_a_vm_outside_its_namespace_is_forbidden() {
    let env = Env::new();
    env.running_vm("vm1");

    env.run(&["pause", "vm", "vm1", "--token", &env.sim.limited_token()]).fails_with(
        "Error getting VirtualMachine vm1: virtualmachines.kubevirt.io \"vm1\" is forbidden: User \"alice\" cannot get resource \"virtualmachines\" in API group \"kubevirt.io\" in the namespace \"default\"",
    );
}

#[test]
fn limited_user_inside_its_namespace_may_act() {
    let env = Env::new();
    env.sim.create(kubevirt_sim::fixtures::vm("limited", "vm1", "Halted"));

    env.run(&["start", "vm1", "-n", "limited", "--token", &env.sim.limited_token()])
        .ok_quiet("VM vm1 was scheduled to start\n");
    let vm = env.sim.get("virtualmachines", "limited", "vm1").unwrap();
    assert_eq!(vm["spec"]["runStrategy"], "Always");
}

// ---- transport ------------------------------------------------------------------------------

#[test]
fn unreachable_server_is_one_error_line_naming_the_url() {
    let env = Env::new();

    let out = env.run(&["start", "vm1", "--server", "https://127.0.0.1:1"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(out.stdout, "");
    let line = out.error_line();
    assert!(line.starts_with("Error starting VirtualMachine "), "{out:#?}");
    assert!(
        line.contains(&format!("https://127.0.0.1:1{START_URL_PATH}")),
        "the error names the URL: {out:#?}"
    );
    assert!(line.contains("connection refused"), "{out:#?}");
    let others: Vec<&str> = out.stderr_lines().into_iter().skip(1).collect();
    assert!(others.iter().all(|l| l.starts_with("hint: ")), "{out:#?}");
    assert!(others.len() <= 1, "{out:#?}");
}

#[test]
fn certificate_for_another_name_is_a_tls_error() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    let out = env.run(&["start", "vm1", "--tls-server-name", "wrong.example"]);
    assert_eq!(out.code, 1, "{out:#?}");
    let line = out.error_line();
    assert!(line.starts_with("Error starting VirtualMachine "), "{out:#?}");
    assert!(line.contains(&env.sim.url()), "the error names the server: {out:#?}");
    assert!(line.contains("x509: "), "{out:#?}");
    assert!(
        line.contains("wrong.example"),
        "the error names the name checked: {out:#?}"
    );
    assert!(
        out.hint().is_some_and(|h| h.contains("--tls-server-name")),
        "the hint says how to fix it: {out:#?}"
    );
    assert_eq!(env.sim.requests(), [], "nothing got past the handshake");
    assert_eq!(env.vm("vm1").unwrap()["spec"]["runStrategy"], "Halted");
}

#[test]
fn tls_server_name_from_the_certificate_is_accepted() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    env.run(&["start", "vm1", "--tls-server-name", "kubevirt-sim.local"])
        .ok_quiet("VM vm1 was scheduled to start\n");
}

#[test]
fn unknown_certificate_authority_is_a_tls_error() {
    let env = Env::new();
    std::fs::write(&env.kubeconfig, kubeconfig_without_ca(&env)).unwrap();
    env.create_vm("vm1", "Halted");

    let out = env.run(&["start", "vm1"]);
    assert_eq!(out.code, 1, "{out:#?}");
    let line = out.error_line();
    assert!(line.starts_with("Error starting VirtualMachine "), "{out:#?}");
    assert!(line.contains(&env.sim.url()), "{out:#?}");
    assert!(
        line.contains("x509: certificate signed by unknown authority"),
        "{out:#?}"
    );
    assert!(
        out.hint().is_some_and(|h| h.contains("--certificate-authority")),
        "the hint says how to fix it: {out:#?}"
    );
    assert_eq!(env.sim.requests(), []);
}

#[test]
fn certificate_authority_flag_supplies_the_ca() {
    let env = Env::new();
    std::fs::write(&env.kubeconfig, kubeconfig_without_ca(&env)).unwrap();
    let ca = env.write("ca.crt", &env.sim.ca_pem());
    env.create_vm("vm1", "Halted");

    let out = Outcome::of(env.virtctl().args(["start", "vm1", "--certificate-authority"]).arg(&ca));
    out.ok_quiet("VM vm1 was scheduled to start\n");
}

#[test]
fn insecure_skip_tls_verify_works_without_a_ca() {
    let env = Env::new();
    std::fs::write(&env.kubeconfig, kubeconfig_without_ca(&env)).unwrap();
    env.create_vm("vm1", "Halted");

    env.run(&["start", "vm1", "--insecure-skip-tls-verify"])
        .ok_quiet("VM vm1 was scheduled to start\n");
    assert_eq!(env.vm("vm1").unwrap()["spec"]["runStrategy"], "Always");
}

#[test]
fn insecure_skip_tls_verify_ignores_the_kubeconfig_ca() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    env.run(&[
        "start",
        "vm1",
        "--insecure-skip-tls-verify",
        "--tls-server-name",
        "wrong.example",
    ])
    .ok_quiet("VM vm1 was scheduled to start\n");
}

#[test]
fn plain_http_to_the_tls_port_fails_cleanly() {
    let env = Env::new();
    let url = env.sim.url().replace("https://", "http://");

    let out = env.run(&["start", "vm1", "--server", &url]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.error_line().starts_with("Error starting VirtualMachine "),
        "{out:#?}"
    );
    assert!(out.error_line().contains(&url), "{out:#?}");
}

// ---- a throttling or restarting API server --------------------------------------------------

/// As client-go: 429 and 5xx answers with `Retry-After` are retried after that long, up to 10
/// times; the user sees the command succeed, the API server sees every attempt.
#[test]
fn throttled_requests_are_retried_after_the_servers_wait() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    env.sim.fail_api("PUT", "/virtualmachines/vm1/start", 429, Some(1), 1);
    env.sim.fail_api("PUT", "/virtualmachines/vm1/start", 503, Some(0), 1);

    let started = std::time::Instant::now();
    env.run(&["start", "vm1"]).ok("VM vm1 was scheduled to start\n");
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(1),
        "Retry-After was not honoured"
    );
    let statuses: Vec<u16> = env
        .sim
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/vm1/start"))
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [429, 503, 202]);
}

/// Retries stop after client-go's 10; without `Retry-After` nothing is retried. Either way one
/// line says what the server answered.
#[test]
fn endless_throttling_and_plain_server_errors_are_one_line() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    env.sim.fail_api("PUT", "/virtualmachines/vm1/start", 429, Some(0), 11);
    env.run(&["start", "vm1"])
        .fails_with("Error starting VirtualMachine Too many requests, please try again later.");
    let attempts = |env: &Env| {
        env.sim
            .requests()
            .iter()
            .filter(|r| r.path.ends_with("/vm1/start"))
            .count()
    };
    assert_eq!(attempts(&env), 11);

    let env = Env::new();
    env.create_vm("vm1", "Halted");
    env.sim.fail_api("PUT", "/virtualmachines/vm1/start", 500, None, 1);
    env.run(&["start", "vm1"])
        .fails_with("Error starting VirtualMachine Internal error occurred: the server is restarting");
    assert_eq!(attempts(&env), 1);
}
