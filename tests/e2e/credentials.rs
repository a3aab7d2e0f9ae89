//! `credentials add-ssh-key`, `remove-ssh-key` and `set-password` against the simulator: the
//! Secret created, patched or replaced, the VM's access credentials, the request sequence, and
//! the cleanup when the VM patch fails.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};

use crate::support::*;

const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0 alice@laptop";
const OTHER_KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIZZ bob@desk";
const SECRETS: &str = "/api/v1/namespaces/default/secrets";

fn secrets(env: &Env) -> Vec<Value> {
    env.sim.list("secrets", Some(NS))
}

fn decoded(secret: &Value) -> Vec<(String, String)> {
    secret["data"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| {
            let bytes = BASE64.decode(v.as_str().unwrap()).unwrap();
            (k.clone(), String::from_utf8(bytes).unwrap())
        })
        .collect()
}

fn name(object: &Value) -> String {
    object["metadata"]["name"].as_str().unwrap().to_string()
}

/// A stopped VM whose template already names `secret` for `user`'s keys, and that Secret,
/// owned by the VM (or not).
fn vm_with_key_secret(env: &Env, vm: &str, secret: &str, user: &str, owned: bool) {
    let mut object = kubevirt_sim::fixtures::vm(NS, vm, "Halted");
    object["spec"]["template"]["spec"]["accessCredentials"] = json!([{"sshPublicKey": {
        "source": {"secret": {"secretName": secret}},
        "propagationMethod": {"qemuGuestAgent": {"users": [user]}},
    }}]);
    let created = env.sim.create(object);
    let mut metadata = json!({"name": secret, "namespace": NS});
    if owned {
        metadata["ownerReferences"] = json!([{"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine",
            "name": vm, "uid": uid(&created), "controller": true}]);
    }
    env.sim
        .create(json!({"apiVersion": "v1", "kind": "Secret", "metadata": metadata,
        "data": {"key1": BASE64.encode(format!("{KEY}\n"))}}));
}

/// The requests sent, as `METHOD PATH STATUS`.
fn sent_lines(env: &Env) -> Vec<String> {
    env.sent()
        .iter()
        .map(|r| format!("{} {} {}", r.method, r.path, r.status))
        .collect()
}

/// `credentials add-ssh-key vm1` with `flags`.
fn add_key(env: &Env, flags: &[&str]) -> Outcome {
    let mut args = vec!["credentials", "add-ssh-key", "vm1"];
    args.extend_from_slice(flags);
    env.run(&args)
}

#[test]
fn add_ssh_key_creates_an_owned_secret_and_adds_it_to_the_vm() {
    let env = Env::new();
    let vm = env.create_vm("vm1", "Halted");
    env.sim.clear_requests();

    add_key(&env, &["--user=alice", &format!("--value={KEY}")]).ok_quiet("");

    let created = secrets(&env);
    assert_eq!(created.len(), 1, "{created:#?}");
    let secret = &created[0];
    let secret_name = name(secret);
    assert!(secret_name.starts_with("vm1-ssh-key-"), "{secret_name}");
    assert_eq!(
        secret["metadata"]["ownerReferences"],
        json!([{"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "name": "vm1", "uid": uid(&vm), "controller": true}])
    );
    let data = decoded(secret);
    assert_eq!(data.len(), 1);
    assert!(data[0].0.starts_with("ssh-key-") && data[0].0.len() == 14, "{data:?}");
    assert_eq!(data[0].1, KEY);
    let vm = env.vm("vm1").unwrap();
    assert_eq!(
        vm["spec"]["template"]["spec"]["accessCredentials"],
        json!([{"sshPublicKey": {"source": {"secret": {"secretName": secret_name}},
            "propagationMethod": {"qemuGuestAgent": {"users": ["alice"]}}}}])
    );
    let sent = env.sent();
    let lines = sent_lines(&env);
    assert_eq!(
        lines,
        [
            format!("GET {CORE}/virtualmachines/vm1 200"),
            format!("GET {CORE}/virtualmachineinstances/vm1 404"),
            format!("POST {SECRETS} 201"),
            // the array is absent: upstream's first patch fails, the second adds the array
            format!("PATCH {CORE}/virtualmachines/vm1 422"),
            format!("PATCH {CORE}/virtualmachines/vm1 200"),
        ]
    );
    assert_eq!(sent[3].content_type.as_deref(), Some("application/json-patch+json"));
    assert_eq!(
        body_json(&sent[4]),
        json!([
            {"op": "test", "path": "/spec/template/spec/accessCredentials", "value": null},
            {"op": "add", "path": "/spec/template/spec/accessCredentials", "value": []},
            {"op": "add", "path": "/spec/template/spec/accessCredentials/-", "value": {"sshPublicKey": {
                "source": {"secret": {"secretName": secret_name}},
                "propagationMethod": {"qemuGuestAgent": {"users": ["alice"]}}}}},
        ])
    );
}

#[test]
fn add_ssh_key_to_an_existing_secret_then_finds_the_duplicate() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    add_key(&env, &["--user=alice", &format!("--value={KEY}")]).ok_quiet("");
    let secret_name = name(&secrets(&env)[0]);
    let key_file = env.write("id.pub", &format!("{OTHER_KEY}\n"));
    let add_from_file = || {
        env.run(&[
            "credentials",
            "add-ssh-key",
            "vm1",
            "-u",
            "alice",
            "-f",
            key_file.to_str().unwrap(),
        ])
    };
    env.sim.clear_requests();

    add_from_file().ok_quiet(&format!("Successfully added the key to secret \"{secret_name}\""));

    let secret = env.sim.get("secrets", NS, &secret_name).unwrap();
    let mut values: Vec<String> = decoded(&secret).into_iter().map(|(_, v)| v).collect();
    values.sort();
    assert_eq!(values, [KEY.to_string(), format!("{OTHER_KEY}\n")]);
    assert_eq!(
        env.sent()
            .iter()
            .map(|r| format!("{} {}", r.method, r.path))
            .collect::<Vec<_>>(),
        [
            format!("GET {CORE}/virtualmachines/vm1"),
            format!("GET {SECRETS}/{secret_name}"),
            format!("PATCH {SECRETS}/{secret_name}"),
        ]
    );

    // The same key from the file again (it ends in a newline: upstream would add it twice).
    add_from_file().ok_quiet(&format!("Secret \"{secret_name}\" already contains this SSH key."));
    let secret = env.sim.get("secrets", NS, &secret_name).unwrap();
    assert_eq!(decoded(&secret).len(), 2);
}

#[test]
fn add_ssh_key_refuses_a_running_vm_without_force() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    add_key(&env, &["--user=alice", &format!("--value={KEY}")]).fails_with(
        "virtual machine vm1 is running. Use --force flag to update a running VM, it will take effect after restart",
    );
    assert!(secrets(&env).is_empty());

    add_key(&env, &["--user=alice", &format!("--value={KEY}"), "--force"]).ok_quiet("");
    assert_eq!(secrets(&env).len(), 1);
}

/// The failure's own advice (here a cut connection's) stays, and what became of the Secret
/// follows it on a hint line of its own.
#[test]
fn add_ssh_key_keeps_the_failures_hint_beside_the_one_about_its_secret() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    env.sim.cut_api("PATCH", "/virtualmachines/vm1", 2);

    let out = add_key(&env, &["--user=alice", &format!("--value={KEY}")]);

    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.error_line().starts_with("error patching virtual machine: "),
        "{out:#?}"
    );
    let hints: Vec<&str> = out
        .stderr_lines()
        .into_iter()
        .filter(|l| l.starts_with("hint: "))
        .collect();
    assert_eq!(hints.len(), 2, "{out:#?}");
    assert!(
        hints[0].contains(&env.sim.url()),
        "the connection's advice first: {out:#?}"
    );
    assert!(hints[1].contains("was deleted again; nothing was changed"), "{out:#?}");
    assert!(secrets(&env).is_empty(), "{:#?}", secrets(&env));
}

#[test]
fn add_ssh_key_deletes_its_secret_when_the_vm_patch_is_denied() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    let mut vm = env.vm("vm1").unwrap();
    vm["status"]["snapshotInProgress"] = json!("snap1");
    env.sim.update(vm);
    env.sim.clear_requests();

    let out = add_key(&env, &["--user=alice", &format!("--value={KEY}")]);

    out.fails_with(
        "error patching virtual machine: admission webhook \"virtualmachine-validator.kubevirt.io\" denied the request: Cannot update VM spec until snapshot \"snap1\" completes",
    );
    assert!(out.hint().is_some_and(|h| h.contains("was deleted again")), "{out:#?}");
    assert!(secrets(&env).is_empty(), "{:#?}", secrets(&env));
    let lines = sent_lines(&env);
    assert_eq!(
        lines[2..4],
        [
            format!("POST {SECRETS} 201"),
            format!("PATCH {CORE}/virtualmachines/vm1 422")
        ]
    );
    assert_eq!(lines[4], format!("PATCH {CORE}/virtualmachines/vm1 422"));
    assert!(
        lines[5].starts_with(&format!("DELETE {SECRETS}/vm1-ssh-key-")),
        "{lines:#?}"
    );
    assert!(
        env.vm("vm1").unwrap()["spec"]["template"]["spec"]
            .get("accessCredentials")
            .is_none()
    );
}

#[test]
fn add_ssh_key_reports_the_first_patch_error_when_the_array_exists() {
    let env = Env::new();
    vm_with_key_secret(&env, "vm1", "keys", "bob", true);
    let mut vm = env.vm("vm1").unwrap();
    vm["status"]["snapshotInProgress"] = json!("snap1");
    env.sim.update(vm);

    // alice has no secret: a new one is made; the fallback's `test` fails (the array exists), so
    // its error is not the cause and the webhook's denial is reported
    add_key(&env, &["--user=alice", &format!("--value={KEY}")])
        .fails_with(
            "error patching virtual machine: admission webhook \"virtualmachine-validator.kubevirt.io\" denied the request: Cannot update VM spec until snapshot \"snap1\" completes",
        );
    assert_eq!(secrets(&env).len(), 1, "only the existing secret is left");
}

#[test]
fn update_secret_needs_ownership_unless_forced() {
    let env = Env::new();
    vm_with_key_secret(&env, "vm1", "shared", "alice", false);

    add_key(&env, &["--user=alice", &format!("--value={OTHER_KEY}")])
        .fails_with("secret shared does not have an owner reference pointing to VM vm1");
    add_key(&env, &["--user=alice", &format!("--value={OTHER_KEY}"), "--force"])
        .ok_quiet("Successfully added the key to secret \"shared\"");
    add_key(&env, &["--user=carol", "--update-secret", &format!("--value={KEY}")])
        .fails_with("no secrets specified for user: carol");
    add_key(&env, &["--user=alice", "--secret=other", &format!("--value={KEY}")])
        .fails_with("secret other was not assigned");
}

#[test]
fn remove_ssh_key_puts_the_secret_back_without_the_key() {
    let env = Env::new();
    vm_with_key_secret(&env, "vm1", "keys", "alice", true);
    add_key(&env, &["--user=alice", &format!("--value={OTHER_KEY}")])
        .ok_quiet("Successfully added the key to secret \"keys\"");
    let key_file = env.write("id.pub", &format!("{KEY}\n"));
    env.sim.clear_requests();

    env.run(&[
        "credentials",
        "remove-ssh-key",
        "vm1",
        "--user=alice",
        "--file",
        key_file.to_str().unwrap(),
    ])
    .ok_quiet("");

    let secret = env.sim.get("secrets", NS, "keys").unwrap();
    let data = decoded(&secret);
    assert_eq!(data.len(), 1, "the emptied entry is deleted: {data:?}");
    assert_eq!(data[0].1, OTHER_KEY);
    let sent = env.sent();
    assert_eq!(
        sent_lines(&env),
        [
            format!("GET {CORE}/virtualmachines/vm1 200"),
            format!("GET {SECRETS}/keys 200"),
            format!("PUT {SECRETS}/keys 200"),
        ]
    );
    assert!(body_json(&sent[2])["metadata"]["resourceVersion"].is_string());

    env.run(&["credentials", "remove-ssh-key", "vm1", "--user=nobody", "--value=x"])
        .ok_quiet("No secrets associated with user nobody");
    env.run(&["credentials", "remove-ssh-key", "--user=alice", "--value=x"])
        .fails_with("accepts 1 arg(s), received 0");
}

/// A stopped VM with a `userPassword` credential in `secret`, owned by it.
fn vm_with_password_secret(env: &Env, vm: &str, secret: &str) {
    let mut object = kubevirt_sim::fixtures::vm(NS, vm, "Halted");
    object["spec"]["template"]["spec"]["accessCredentials"] = json!([{"userPassword": {
        "source": {"secret": {"secretName": secret}},
        "propagationMethod": {"qemuGuestAgent": {}},
    }}]);
    let created = env.sim.create(object);
    env.sim.create(
        json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": secret, "namespace": NS,
        "ownerReferences": [{"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "name": vm,
            "uid": uid(&created), "controller": true}]}}),
    );
}

#[test]
fn set_password_adds_the_users_key_to_the_secret() {
    let env = Env::new();
    vm_with_password_secret(&env, "vm1", "passwords");
    env.sim.clear_requests();

    env.run(&[
        "credentials",
        "set-password",
        "vm1",
        "--user=alice",
        "--password=s3cret",
    ])
    .ok_quiet("Successfully set password in secret \"passwords\"");

    let secret = env.sim.get("secrets", NS, "passwords").unwrap();
    assert_eq!(decoded(&secret), [("alice".to_string(), "s3cret".to_string())]);
    assert_eq!(
        sent_lines(&env),
        [
            format!("GET {CORE}/virtualmachines/vm1 200"),
            format!("GET {SECRETS}/passwords 200"),
            // the Secret has no data: the first patch fails, the second adds /data
            format!("PATCH {SECRETS}/passwords 422"),
            format!("PATCH {SECRETS}/passwords 200"),
        ]
    );
}

#[test]
fn set_password_reads_the_password_from_stdin_so_it_is_never_on_the_command_line() {
    let env = Env::new();
    vm_with_password_secret(&env, "vm1", "passwords");

    let mut cmd = env.virtctl();
    cmd.args([
        "credentials",
        "set-password",
        "vm1",
        "--user=alice",
        "--password-file=-",
    ])
    .write_stdin("from-stdin\n");
    Outcome::of(&mut cmd).ok_quiet("Successfully set password in secret \"passwords\"");

    let secret = env.sim.get("secrets", NS, "passwords").unwrap();
    assert_eq!(decoded(&secret), [("alice".to_string(), "from-stdin".to_string())]);
    assert!(env.sent().iter().all(|r| !r.query.contains("from-stdin")));

    let file = env.write("pw", "from-file\r\n");
    env.run(&[
        "credentials",
        "set-password",
        "vm1",
        "-u",
        "bob",
        "--password-file",
        file.to_str().unwrap(),
    ])
    .ok_quiet("Successfully set password in secret \"passwords\"");
    let secret = env.sim.get("secrets", NS, "passwords").unwrap();
    assert!(decoded(&secret).contains(&("bob".to_string(), "from-file".to_string())));
}

#[test]
fn set_password_without_password_credentials_fails() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    env.run(&["credentials", "set-password", "vm1", "--user=alice", "--password=x"])
        .fails_with("no secrets assigned to UserPassword AccessCredentials");
    env.run(&["credentials", "set-password", "nope", "--user=alice", "--password=x"])
        .fails_with("error getting virtual machine: virtualmachines.kubevirt.io \"nope\" not found");
}
