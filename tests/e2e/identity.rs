//! Who virtctl says it is: bearer tokens, basic auth (`--username/--password` and the
//! kubeconfig's), client certificates (`--client-certificate/--client-key` and `-data`), and
//! impersonation (`--as`, `--as-group`, `--as-uid`). Each test reads the identity the simulator
//! authenticated from its request log, and the cluster's RBAC objects decide what that identity
//! may do: a forbidden action fails with the apiserver's 403 line.

use serde_json::{Value, json};

use crate::config::base64;
use crate::support::*;

const START: &str = "/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachines/vm1/start";

fn forbidden_start(user: &str) -> String {
    format!(
        "Error starting VirtualMachine virtualmachines.subresources.kubevirt.io \"vm1\" is forbidden: User \"{user}\" cannot update resource \"virtualmachines/start\" in API group \"subresources.kubevirt.io\" in the namespace \"default\""
    )
}

/// A kubeconfig for the simulator (its CA, namespace `default`) whose user entry is `user_yaml`
/// (lines indented for `user:`).
fn kubeconfig(env: &Env, name: &str, user_yaml: &str) -> std::path::PathBuf {
    env.write(
        name,
        &format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: {}\n    certificate-authority-data: {}\nusers:\n- name: u\n  user:\n{user_yaml}contexts:\n- name: ctx\n  context:\n    cluster: c\n    user: u\n    namespace: default\ncurrent-context: ctx\n",
            env.sim.url(),
            base64(env.sim.ca_pem().as_bytes())
        ),
    )
}

fn run_with(env: &Env, kubeconfig: &std::path::Path, args: &[&str]) -> Outcome {
    let mut cmd = bare_virtctl(env.dir.path());
    cmd.arg("--kubeconfig").arg(kubeconfig).args(args);
    Outcome::of(&mut cmd)
}

/// A Role in `default` with `rules`, bound to `subject` (`{"kind": "User", "name": ...}`).
fn grant(env: &Env, name: &str, rules: Value, subject: Value) {
    env.sim.create(json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
        "metadata": {"name": name, "namespace": NS}, "rules": rules,
    }));
    env.sim.create(json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
        "metadata": {"name": name, "namespace": NS},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": name},
        "subjects": [subject],
    }));
}

fn vm_reader() -> Value {
    json!([{"apiGroups": ["kubevirt.io"], "resources": ["virtualmachines"], "verbs": ["get", "list", "watch"]}])
}

fn vm_starter() -> Value {
    json!([{"apiGroups": ["subresources.kubevirt.io"], "resources": ["virtualmachines/start"], "verbs": ["update"]}])
}

fn user(name: &str) -> Value {
    json!({"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": name})
}

/// The start request as the simulator recorded it.
fn start_request(env: &Env) -> RequestRecord {
    env.sent()
        .into_iter()
        .find(|r| r.path == START)
        .unwrap_or_else(|| panic!("no start request: {:#?}", env.wire()))
}

fn run_strategy(env: &Env) -> String {
    env.vm("vm1").unwrap()["spec"]["runStrategy"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn a_user_who_may_read_vms_but_not_start_them_gets_the_apiservers_403() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    env.sim.add_rbac_token("viewer-token", "viewer", &[]);
    grant(&env, "vm-reader", vm_reader(), user("viewer"));
    let config = kubeconfig(&env, "viewer", "    token: viewer-token\n");

    run_with(&env, &config, &["start", "vm1"]).fails_with(&forbidden_start("viewer"));

    let sent = start_request(&env);
    assert_eq!((sent.status, sent.user.as_deref()), (403, Some("viewer")));
    assert_eq!(
        sent.header("authorization"),
        Some("Bearer <masked>"),
        "the token is not logged"
    );
    assert_eq!(run_strategy(&env), "Halted");

    // granting the subresource is what makes the same request pass
    grant(&env, "vm-starter", vm_starter(), user("viewer"));
    env.sim.clear_requests();
    run_with(&env, &config, &["start", "vm1"]).ok_quiet("VM vm1 was scheduled to start\n");
    assert_eq!(start_request(&env).status, 202);
    assert_eq!(run_strategy(&env), "Always");
}

#[test]
fn a_binding_to_a_missing_role_is_named_in_the_403() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    env.sim.add_rbac_token("t", "viewer", &[]);
    env.sim.create(json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
        "metadata": {"name": "dangling", "namespace": NS},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "kubevirt.io:edit"},
        "subjects": [user("viewer")],
    }));
    let config = kubeconfig(&env, "viewer", "    token: t\n");

    run_with(&env, &config, &["start", "vm1"]).fails_with(&format!(
        "{}: RBAC: clusterrole.rbac.authorization.k8s.io \"kubevirt.io:edit\" not found",
        forbidden_start("viewer")
    ));
}

#[test]
fn as_impersonates_and_the_impersonated_users_rights_apply() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    grant(&env, "vm-reader", vm_reader(), user("viewer"));

    // the admin (system:masters) may impersonate anyone; the request runs as that user
    env.run(&["start", "vm1", "--as", "viewer"])
        .fails_with(&forbidden_start("viewer"));
    let sent = start_request(&env);
    assert_eq!(sent.user.as_deref(), Some("viewer"));
    assert_eq!(sent.groups, ["system:authenticated"]);
    assert_eq!(sent.header("impersonate-user"), Some("viewer"));
    assert_eq!(run_strategy(&env), "Halted");
}

#[test]
fn as_group_and_as_uid_are_sent_and_the_groups_bindings_apply() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    env.sim.create(json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
        "metadata": {"name": "vm-starter"}, "rules": vm_starter(),
    }));
    env.sim.create(json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
        "metadata": {"name": "operators-start-vms"},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "vm-starter"},
        "subjects": [{"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "vm-operators"}],
    }));

    env.run(&[
        "start",
        "vm1",
        "--as",
        "ops",
        "--as-group",
        "vm-operators",
        "--as-group",
        "oncall",
        "--as-uid",
        "uid-42",
    ])
    .ok_quiet("VM vm1 was scheduled to start\n");

    let sent = start_request(&env);
    assert_eq!(sent.status, 202);
    assert_eq!(sent.user.as_deref(), Some("ops"));
    assert_eq!(sent.groups, ["vm-operators", "oncall", "system:authenticated"]);
    assert_eq!(sent.uid, "uid-42");
    assert_eq!(run_strategy(&env), "Always");
}

#[test]
fn as_group_or_as_uid_without_as_is_an_invalid_configuration() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    for flag in [["--as-group", "g"], ["--as-uid", "42"]] {
        env.run(&["start", "vm1", flag[0], flag[1]]).fails_with(
            "invalid configuration: requesting uid, groups or user-extra for kubevirt-sim without impersonating a user",
        );
    }
    assert_eq!(env.wire(), Vec::<String>::new(), "nothing is sent");
}

#[test]
fn impersonating_without_the_impersonate_verb_is_forbidden() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    env.sim.add_rbac_token("viewer-token", "viewer", &[]);
    grant(
        &env,
        "vm-admin",
        json!([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]),
        user("viewer"),
    );
    let config = kubeconfig(&env, "viewer", "    token: viewer-token\n");

    run_with(&env, &config, &["start", "vm1", "--as", "admin"]).fails_with(
        "Error starting VirtualMachine users \"admin\" is forbidden: User \"viewer\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope",
    );
    let sent = start_request(&env);
    assert_eq!((sent.status, sent.user.as_deref()), (403, Some("viewer")));
    assert_eq!(run_strategy(&env), "Halted");

    // a ClusterRole with `impersonate` on users makes the same request run as the other user
    env.sim.create(json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
        "metadata": {"name": "impersonator"},
        "rules": [{"apiGroups": [""], "resources": ["users"], "verbs": ["impersonate"], "resourceNames": ["admin"]}],
    }));
    env.sim.create(json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
        "metadata": {"name": "viewer-impersonates"},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "impersonator"},
        "subjects": [user("viewer")],
    }));
    grant(&env, "admin-starts", vm_starter(), user("admin"));
    env.sim.clear_requests();
    run_with(&env, &config, &["start", "vm1", "--as", "admin"]).ok_quiet("VM vm1 was scheduled to start\n");
    assert_eq!(start_request(&env).user.as_deref(), Some("admin"));
}

#[test]
fn username_and_password_authenticate_with_basic_auth() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    env.sim.add_basic_user("carol", "s3cret pass", &[]);
    grant(&env, "vm-reader", vm_reader(), user("carol"));
    let config = kubeconfig(&env, "nobody", "    {}\n");

    run_with(
        &env,
        &config,
        &["start", "vm1", "--username", "carol", "--password", "s3cret pass"],
    )
    .fails_with(&forbidden_start("carol"));
    let sent = start_request(&env);
    assert_eq!((sent.status, sent.user.as_deref()), (403, Some("carol")));
    assert_eq!(sent.header("authorization"), Some("Basic <masked>"));

    // the kubeconfig form, and a wrong password is a 401
    let config = kubeconfig(&env, "carol", "    username: carol\n    password: s3cret pass\n");
    env.sim.clear_requests();
    run_with(&env, &config, &["start", "vm1"]).fails_with(&forbidden_start("carol"));
    assert_eq!(start_request(&env).user.as_deref(), Some("carol"));
    env.sim.clear_requests();
    run_with(&env, &config, &["start", "vm1", "--password", "wrong"])
        .fails_with("Error starting VirtualMachine Unauthorized");
    let sent = start_request(&env);
    assert_eq!((sent.status, sent.user), (401, None));
}

#[test]
fn client_certificates_authenticate_as_cn_in_groups_o() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    let (cert, key) = env.sim.client_certificate("dave", &["vm-operators"]);
    let cert_path = env.write("dave.crt", &cert);
    let key_path = env.write("dave.key", &key);
    env.sim.create(json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
        "metadata": {"name": "operators-read", "namespace": NS},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "vm-reader"},
        "subjects": [{"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "vm-operators"}],
    }));
    env.sim.create(json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
        "metadata": {"name": "vm-reader", "namespace": NS}, "rules": vm_reader(),
    }));
    let config = kubeconfig(&env, "nobody", "    {}\n");

    run_with(
        &env,
        &config,
        &[
            "start",
            "vm1",
            "--client-certificate",
            cert_path.to_str().unwrap(),
            "--client-key",
            key_path.to_str().unwrap(),
        ],
    )
    .fails_with(&forbidden_start("dave"));
    let sent = start_request(&env);
    assert_eq!((sent.status, sent.user.as_deref()), (403, Some("dave")));
    assert_eq!(sent.groups, ["vm-operators", "system:authenticated"]);
    assert_eq!(sent.header("authorization"), None, "no other credential was sent");

    // the kubeconfig's -data form; O=system:masters may do anything
    let (cert, key) = env.sim.client_certificate("root", &["system:masters"]);
    let config = kubeconfig(
        &env,
        "root",
        &format!(
            "    client-certificate-data: {}\n    client-key-data: {}\n",
            base64(cert.as_bytes()),
            base64(key.as_bytes())
        ),
    );
    env.sim.clear_requests();
    run_with(&env, &config, &["start", "vm1"]).ok_quiet("VM vm1 was scheduled to start\n");
    assert_eq!(start_request(&env).user.as_deref(), Some("root"));
    assert_eq!(run_strategy(&env), "Always");
}

#[test]
fn the_console_websocket_carries_the_identity_and_offers_what_virt_api_checks() {
    let env = Env::new();
    env.running_vm("vm1");
    grant(
        &env,
        "console",
        json!([{"apiGroups": ["subresources.kubevirt.io"], "resources": ["virtualmachineinstances/console"], "verbs": ["get"]}]),
        user("ops"),
    );
    let mut cmd = crate::connect_support::virtctl_command(&env);
    cmd.args(["console", "vm1", "--as", "ops"]);
    let mut console = crate::connect_support::Running::spawn(cmd);
    let wait = std::time::Duration::from_secs(20);
    console.wait_stdout("vm1 login: ", wait);
    console.close_stdin();
    assert_eq!(console.wait_exit(wait), 0, "stderr: {}", console.stderr());

    let sent = env
        .sent()
        .into_iter()
        .find(|r| r.path.ends_with("/virtualmachineinstances/vm1/console"))
        .expect("the console request");
    assert_eq!((sent.status, sent.user.as_deref()), (101, Some("ops")));
    assert_eq!(sent.header("sec-websocket-protocol"), Some("plain.kubevirt.io"));
    assert_eq!(sent.header("sec-websocket-version"), Some("13"));
    assert_eq!(sent.header("upgrade"), Some("websocket"));
    assert_eq!(sent.header("impersonate-user"), Some("ops"));
    assert_eq!(sent.header("authorization"), Some("Bearer <masked>"));
    assert!(sent.header("sec-websocket-key").is_some());
    assert_eq!(sent.header("origin"), None, "no Origin, as upstream's dialer");
    assert_eq!(sent.header("sec-websocket-extensions"), None, "no compression offered");

    // without the grant the handshake is refused with the apiserver's 403
    let mut cmd = crate::connect_support::virtctl_command(&env);
    cmd.args(["console", "vm1", "--as", "nobody"]);
    let mut refused = crate::connect_support::Running::spawn(cmd);
    assert_eq!(refused.wait_exit(wait), 1);
    assert!(
        refused.stderr().contains(
            "virtualmachineinstances.subresources.kubevirt.io \"vm1\" is forbidden: User \"nobody\" cannot get resource \"virtualmachineinstances/console\" in API group \"subresources.kubevirt.io\" in the namespace \"default\""
        ),
        "{}",
        refused.stderr()
    );
}
