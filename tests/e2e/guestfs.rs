//! `virtctl guestfs PVC`: the pod of §3.14 field by field for each flag combination (read from
//! the POST the simulator received), the image from virt-api's guestfs info, the in-use and
//! missing-PVC errors, the pending messages while the image is pulled, the attach session with a
//! real shell on a pseudo-terminal in the PVC's sandbox directory (through a pipe and in a real
//! terminal with tmux: typed commands, resize, Ctrl+]), and the pod deleted on every way out:
//! normal end, Ctrl+C and SIGTERM while waiting and while attached, a killed client re-run.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use kubevirt_sim::RequestRecord;
use serde_json::{Value, json};

use crate::connect_support::{Tmux, virtctl_command};
use crate::support::{Env, NS, Outcome, body_json};

const WAIT: Duration = Duration::from_secs(30);
const IMAGE: &str = "quay.io/kubevirt/libguestfs-tools:v1.8.0";

fn pvc(env: &Env, name: &str, mode: &str) {
    env.sim.create(json!({
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": name, "namespace": NS},
        "spec": {"accessModes": ["ReadWriteOnce"], "volumeMode": mode,
                 "resources": {"requests": {"storage": "1Gi"}}}
    }));
}

/// The pod POSTed by the run.
fn posted_pod(env: &Env) -> Value {
    let post = env
        .sim
        .requests()
        .into_iter()
        .find(|r| r.method == "POST" && r.path == format!("/api/v1/namespaces/{NS}/pods"))
        .expect("a pod was created");
    body_json(&post)
}

fn deletes(env: &Env, pod: &str) -> Vec<RequestRecord> {
    let path = format!("/api/v1/namespaces/{NS}/pods/{pod}");
    env.sim
        .requests()
        .into_iter()
        .filter(|r| r.method == "DELETE" && r.path == path)
        .collect()
}

fn pod_gone(env: &Env, pod: &str) -> bool {
    env.sim.get("pods", NS, pod).is_none()
}

/// The expected pod for a filesystem PVC `disk` with default flags; tests change what a flag
/// changes.
fn default_pod() -> Value {
    json!({"kind":"Pod","apiVersion":"v1",
      "metadata":{"name":"libguestfs-tools-disk",
                  "labels":{"app.kubernetes.io/managed-by":"virtctl","guestfs.virtctl.kubevirt.io/pvc":"disk"}},
      "spec":{
        "volumes":[
          {"name":"volume","persistentVolumeClaim":{"claimName":"disk"}},
          {"name":"libguestfs-tmp-dir","emptyDir":{}},
          {"name":"guestfs","emptyDir":{}}],
        "containers":[{
          "name":"libguestfs","image":IMAGE,"command":["/entrypoint.sh"],
          "workingDir":"/disk",
          "env":[{"name":"LIBGUESTFS_BACKEND","value":"direct"},
                 {"name":"LIBGUESTFS_PATH","value":"/usr/local/lib/guestfs/appliance"},
                 {"name":"LIBGUESTFS_TMPDIR","value":"/tmp/guestfs"},
                 {"name":"HOME","value":"/home/guestfs"}],
          "resources":{"limits":{"devices.kubevirt.io/kvm":"1"}},
          "volumeMounts":[{"name":"libguestfs-tmp-dir","mountPath":"/tmp/guestfs"},
                          {"name":"guestfs","mountPath":"/home/guestfs"},
                          {"name":"volume","mountPath":"/disk"}],
          "imagePullPolicy":"IfNotPresent",
          "securityContext":{"capabilities":{"drop":["ALL"]},"allowPrivilegeEscalation":false},
          "stdin":true,"tty":true}],
        "restartPolicy":"Never",
        "activeDeadlineSeconds":86400,
        "securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}}})
}

/// Runs `virtctl guestfs ARGS` with stdin at its end: the session starts, the shell reads the
/// end of its input and exits, and the pod is deleted.
fn run_to_end(env: &Env, args: &[&str]) -> Outcome {
    let mut cmd = env.virtctl();
    cmd.arg("guestfs").args(args).write_stdin("");
    Outcome::of(&mut cmd)
}

#[track_caller]
fn assert_pod_for(flags: &[&str], mode: &str, expected: Value) {
    let env = Env::new();
    env.sim.set_guestfs_pull_steps(0);
    pvc(&env, "disk", mode);
    let mut args = vec!["disk"];
    args.extend_from_slice(flags);
    let out = run_to_end(&env, &args);
    assert_eq!(out.code, 0, "{out:#?}");
    let mounted = if mode == "Block" { "/dev/vda" } else { "/disk" };
    assert!(
        out.stdout.starts_with(&format!(
            "Use image: {IMAGE} \nThe PVC has been mounted at {mounted} \n"
        )),
        "{out:#?}"
    );
    assert_eq!(posted_pod(&env), expected, "flags {flags:?}");
    assert!(pod_gone(&env, "libguestfs-tools-disk"), "the pod is deleted at the end");
    let deleted = deletes(&env, "libguestfs-tools-disk");
    assert_eq!(deleted.len(), 1);
    assert_eq!(
        body_json(&deleted[0]),
        json!({"kind":"DeleteOptions","apiVersion":"v1"})
    );
}

#[test]
fn default_flags_give_the_specs_pod_and_upstreams_request_sequence() {
    let env = Env::new();
    env.sim.set_guestfs_pull_steps(0);
    pvc(&env, "disk", "Filesystem");
    let out = run_to_end(&env, &["disk"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert_eq!(posted_pod(&env), default_pod());
    let wire: Vec<String> = env
        .sim
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .filter(|l| !l.ends_with("/pods/libguestfs-tools-disk") || !l.starts_with("GET"))
        .collect();
    let pvc_path = format!("GET /api/v1/namespaces/{NS}/persistentvolumeclaims/disk");
    assert_eq!(
        wire,
        [
            "GET /apis/subresources.kubevirt.io".to_string(),
            "GET /apis/subresources.kubevirt.io/v1/guestfs".into(),
            pvc_path.clone(),
            format!("GET /api/v1/namespaces/{NS}/pods"),
            format!("GET /apis/kubevirt.io/v1/namespaces/{NS}/virtualmachineinstances"),
            pvc_path,
            format!("POST /api/v1/namespaces/{NS}/pods"),
            format!("GET /api/v1/namespaces/{NS}/pods/libguestfs-tools-disk/attach"),
            format!("DELETE /api/v1/namespaces/{NS}/pods/libguestfs-tools-disk"),
        ]
    );
    let attach = env
        .sim
        .requests()
        .into_iter()
        .find(|r| r.path.ends_with("/attach"))
        .unwrap();
    assert_eq!(
        attach.query,
        "container=libguestfs&stderr=true&stdin=true&stdout=true&tty=true"
    );
    assert_eq!(attach.status, 101);
}

#[test]
fn each_flag_changes_the_pod_as_upstreams_does() {
    let mut block = default_pod();
    let container = &mut block["spec"]["containers"][0];
    container.as_object_mut().unwrap().remove("workingDir");
    container["volumeMounts"].as_array_mut().unwrap().pop();
    let c = container.as_object_mut().unwrap();
    let mut reordered = serde_json::Map::new();
    for (k, v) in c.iter() {
        reordered.insert(k.clone(), v.clone());
        if k == "volumeMounts" {
            reordered.insert(
                "volumeDevices".into(),
                json!([{"name":"volume","devicePath":"/dev/vda"}]),
            );
        }
    }
    *c = reordered;
    assert_pod_for(&[], "Block", block);

    let mut no_kvm = default_pod();
    no_kvm["spec"]["containers"][0]["resources"] = json!({});
    assert_pod_for(&["--kvm=false"], "Filesystem", no_kvm);

    let mut root = default_pod();
    root["spec"]["securityContext"] = json!({"runAsUser":0,"runAsGroup":0,"runAsNonRoot":false,"fsGroup":0,
                                             "seccompProfile":{"type":"RuntimeDefault"}});
    assert_pod_for(&["--root"], "Filesystem", root);

    let mut ids = default_pod();
    ids["spec"]["securityContext"] = json!({"runAsUser":107,"runAsGroup":108,"runAsNonRoot":true,"fsGroup":109,
                                            "seccompProfile":{"type":"RuntimeDefault"}});
    assert_pod_for(&["--uid=107", "--gid=108", "--fsGroup=109"], "Filesystem", ids);

    let mut image = default_pod();
    image["spec"]["containers"][0]["image"] = json!("example.com/my-libguestfs-tools:1");
    image["spec"]["containers"][0]["imagePullPolicy"] = json!("Always");
    let env = Env::new();
    env.sim.set_guestfs_pull_steps(0);
    pvc(&env, "disk", "Filesystem");
    let out = run_to_end(
        &env,
        &[
            "disk",
            "--image=example.com/my-libguestfs-tools:1",
            "--pull-policy=Always",
        ],
    );
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stdout
            .starts_with("Use image: example.com/my-libguestfs-tools:1 \n")
    );
    assert_eq!(posted_pod(&env), image);
    assert!(
        !env.sim.requests().iter().any(|r| r.path.ends_with("/guestfs")),
        "--image asks virt-api nothing"
    );
}

#[test]
fn vm_copies_its_scheduling_constraints_and_labels() {
    let env = Env::new();
    env.sim.set_guestfs_pull_steps(0);
    pvc(&env, "disk", "Filesystem");
    let mut vm = kubevirt_sim::fixtures::vm(NS, "vm1", "Halted");
    let template = &mut vm["spec"]["template"];
    template["metadata"]["labels"] = json!({"kubevirt.io/domain": "vm1", "tier": "db"});
    template["spec"]["nodeSelector"] = json!({"disk": "ssd"});
    template["spec"]["tolerations"] =
        json!([{"key": "dedicated", "operator": "Equal", "value": "vms", "effect": "NoSchedule"}]);
    template["spec"]["affinity"] = json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
        {"nodeSelectorTerms": [{"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a"]}]}]}}});
    env.sim.create(vm.clone());
    let out = run_to_end(&env, &["disk", "--vm=vm1"]);
    assert_eq!(out.code, 0, "{out:#?}");
    let mut expected = default_pod();
    expected["metadata"]["labels"] = json!({"kubevirt.io/domain": "vm1", "tier": "db",
        "app.kubernetes.io/managed-by": "virtctl", "guestfs.virtctl.kubevirt.io/pvc": "disk"});
    let spec = expected["spec"].as_object_mut().unwrap();
    let mut reordered = serde_json::Map::new();
    for (k, v) in spec.iter() {
        if k == "securityContext" {
            reordered.insert("nodeSelector".into(), json!({"disk": "ssd"}));
        }
        reordered.insert(k.clone(), v.clone());
    }
    reordered.insert("affinity".into(), vm["spec"]["template"]["spec"]["affinity"].clone());
    reordered.insert(
        "tolerations".into(),
        vm["spec"]["template"]["spec"]["tolerations"].clone(),
    );
    *spec = reordered;
    assert_eq!(posted_pod(&env), expected);
}

#[test]
fn the_image_comes_from_the_kubevirt_crs_observed_registry_version_and_prefix() {
    let env = Env::new();
    env.sim.set_guestfs_pull_steps(0);
    pvc(&env, "disk", "Filesystem");
    let mut kv = env.sim.list("kubevirts", None).remove(0);
    kv["status"]["observedKubeVirtRegistry"] = json!("registry.example.com/kv");
    kv["status"]["observedKubeVirtVersion"] = json!("v1.9.9");
    kv["status"]["observedDeploymentConfig"] = json!(r#"{"imagePrefix":"pre-"}"#);
    env.sim.update(kv);
    let out = run_to_end(&env, &["disk"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stdout
            .starts_with("Use image: registry.example.com/kv/pre-libguestfs-tools:v1.9.9 \n"),
        "{out:#?}"
    );
}

#[test]
fn bad_ids_fail_after_the_lookups_and_the_pod_delete_is_still_sent() {
    let env = Env::new();
    pvc(&env, "disk", "Filesystem");
    let out = run_to_end(&env, &["disk", "--uid=x"]);
    out.fails_after(
        "strconv.ParseInt: parsing \"x\": invalid syntax",
        &format!("Use image: {IMAGE} \n"),
    );
    assert_eq!(
        deletes(&env, "libguestfs-tools-disk").len(),
        1,
        "upstream's harmless DELETE"
    );
    let out = run_to_end(&env, &["disk", "--root", "--fsGroup=5"]);
    out.fails_after("cannot set fsGroup id with root", &format!("Use image: {IMAGE} \n"));
    let out = run_to_end(&env, &["disk", "--gid=5"]);
    out.fails_after("gid requires the uid to be set", &format!("Use image: {IMAGE} \n"));
}

#[test]
fn a_missing_pvc_and_a_pvc_in_use_stop_before_any_pod() {
    let env = Env::new();
    run_to_end(&env, &["nope"]).fails_after("The PVC nope doesn't exist", &format!("Use image: {IMAGE} \n"));
    pvc(&env, "disk", "Filesystem");
    env.sim.create(json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "importer", "namespace": NS},
        "spec": {"containers": [{"name": "c", "image": "importer"}],
                 "volumes": [{"name": "v", "persistentVolumeClaim": {"claimName": "disk"}}]}}));
    run_to_end(&env, &["disk"]).fails_after("PVC disk is used by another pod", &format!("Use image: {IMAGE} \n"));
    assert!(
        !env.sim
            .requests()
            .iter()
            .any(|r| r.method == "POST" || r.method == "DELETE")
    );
}

#[test]
fn a_running_vm_on_the_pvc_stops_the_command_unless_forced() {
    let env = Env::new();
    env.sim.set_guestfs_pull_steps(0);
    pvc(&env, "disk", "Filesystem");
    let mut vm = kubevirt_sim::fixtures::vm(NS, "vm1", "Always");
    vm["spec"]["template"]["spec"]["volumes"] =
        json!([{"name": "rootdisk", "persistentVolumeClaim": {"claimName": "disk"}}]);
    vm["spec"]["template"]["spec"]["domain"]["devices"]["disks"] =
        json!([{"name": "rootdisk", "disk": {"bus": "virtio"}}]);
    env.sim.create(vm);
    env.wait_vmi("vm1", "to run", crate::support::is_running);
    let out = run_to_end(&env, &["disk"]);
    out.fails_after(
        "VM vm1 is running and uses PVC disk: two writers corrupt the disk",
        &format!("Use image: {IMAGE} \n"),
    );
    assert_eq!(
        out.hint(),
        Some("hint: stop it first (virtctl stop vm1), or pass --force")
    );
    assert!(!env.sim.requests().iter().any(|r| r.method == "POST"));
    let out = run_to_end(&env, &["disk", "--force"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(pod_gone(&env, "libguestfs-tools-disk"));
}

#[test]
fn pending_containers_are_reported_while_the_image_is_pulled() {
    let env = Env::new();
    env.sim.set_guestfs_pull_steps(60);
    pvc(&env, "disk", "Filesystem");
    let out = run_to_end(&env, &["disk"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stdout
            .contains("Waiting for container libguestfs still in pending, reason: ContainerCreating, message:  \n"),
        "{out:#?}"
    );
}

/// Starts `virtctl guestfs disk` with stdin open and stdout captured.
fn spawn(env: &Env) -> Child {
    virtctl_command(env)
        .args(["guestfs", "disk"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("virtctl starts")
}

#[track_caller]
fn wait_for(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if condition() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("never {what}");
}

fn signal(child: &Child, name: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
}

/// Waits for the exit; returns (status, stderr).
fn finish(mut child: Child) -> (i32, String) {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
            return (status.code().unwrap_or(-1), stderr);
        }
        assert!(Instant::now() < deadline, "virtctl did not end");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn pod_backing_off(env: &Env) -> bool {
    env.sim
        .get("pods", NS, "libguestfs-tools-disk")
        .and_then(|p| p.pointer("/status/containerStatuses/0/state/waiting/reason").cloned())
        == Some(json!("ImagePullBackOff"))
}

fn attached(env: &Env) -> bool {
    env.sim
        .requests()
        .iter()
        .any(|r| r.path.ends_with("/attach") && r.status == 101)
}

#[test]
fn ctrl_c_and_sigterm_while_waiting_delete_the_pod() {
    for sig in ["INT", "TERM"] {
        let env = Env::new();
        env.sim.set_guestfs_never_starts(true);
        pvc(&env, "disk", "Filesystem");
        let child = spawn(&env);
        wait_for("the pod backing off its image pull", || pod_backing_off(&env));
        signal(&child, sig);
        let (code, stderr) = finish(child);
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(stderr, "Deleted pod libguestfs-tools-disk\ninterrupted\n");
        assert!(pod_gone(&env, "libguestfs-tools-disk"), "SIG{sig} while waiting");
    }
}

#[test]
fn ctrl_c_and_sigterm_during_the_session_delete_the_pod() {
    for sig in ["INT", "TERM"] {
        let env = Env::new();
        env.sim.set_guestfs_pull_steps(0);
        pvc(&env, "disk", "Filesystem");
        let child = spawn(&env);
        wait_for("the session", || attached(&env));
        signal(&child, sig);
        let (code, stderr) = finish(child);
        assert_eq!(code, 1, "{stderr}");
        assert!(pod_gone(&env, "libguestfs-tools-disk"), "SIG{sig} during the session");
    }
}

#[test]
fn commands_typed_through_a_pipe_run_in_the_pvc() {
    let env = Env::new();
    env.sim.set_guestfs_pull_steps(0);
    pvc(&env, "disk", "Filesystem");
    let mut cmd = virtctl_command(&env);
    cmd.args(["guestfs", "disk"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"echo piped > from-pipe.txt\n").unwrap();
    }
    let (code, stderr) = finish(child);
    assert_eq!(code, 0, "{stderr}");
    let file = env.sim.guestfs_pvc_dir(NS, "disk").join("from-pipe.txt");
    assert_eq!(std::fs::read_to_string(file).unwrap(), "piped\n");
    assert!(pod_gone(&env, "libguestfs-tools-disk"));
}

/// A world where a client was killed (SIGKILL) during its session: its pod stays behind.
fn killed_mid_session() -> Env {
    let env = Env::new();
    env.sim.set_guestfs_pull_steps(0);
    pvc(&env, "disk", "Filesystem");
    let child = spawn(&env);
    wait_for("the session", || attached(&env));
    signal(&child, "KILL");
    let _ = finish(child);
    assert!(!pod_gone(&env, "libguestfs-tools-disk"), "SIGKILL leaves the pod");
    env
}

#[test]
fn a_killed_client_leaves_its_pod_and_the_rerun_says_how_to_delete_it() {
    let env = killed_mid_session();
    let out = run_to_end(&env, &["disk"]);
    out.fails_after("PVC disk is used by another pod", &format!("Use image: {IMAGE} \n"));
    assert_eq!(
        out.hint(),
        Some(&*format!(
            "hint: pod libguestfs-tools-disk (Running) was left by an earlier virtctl guestfs that did not end cleanly: delete it with `kubectl delete pod -n {NS} libguestfs-tools-disk`, or run again in a terminal to be offered to"
        ))
    );
}

fn virtctl_path() -> String {
    crate::support::virtctl_bin().display().to_string()
}

/// A killed client's pod, then an interactive re-run in a real terminal: the offer to delete
/// the stale pod, a shell whose command creates a file in the PVC, the terminal's size and a
/// resize reaching the shell, Ctrl+] to leave, and the pod deleted.
#[test]
fn an_interactive_session_in_a_terminal_works_in_the_pvc_and_leaves_with_ctrl_bracket() {
    let env = killed_mid_session();

    let home = env.dir.path().display().to_string();
    let script = format!(
        "#!/bin/sh\nexport HOME={home}\n{} --kubeconfig {} guestfs disk\necho \"exit=$?\"\nsleep 120\n",
        virtctl_path(),
        env.kubeconfig.display()
    );
    let script = env.write("run.sh", &script);
    let Some(tmux) = Tmux::start(&env, &script, 100, 30) else {
        return;
    };
    tmux.wait("Delete it and go on? [y/N]", WAIT);
    tmux.type_line("y");
    tmux.wait("[guestfs]$", WAIT);
    tmux.type_line("echo made-in-the-pvc > created.txt; stty size");
    tmux.wait("30 100", WAIT);
    let file = env.sim.guestfs_pvc_dir(NS, "disk").join("created.txt");
    wait_for("the file in the PVC", || {
        std::fs::read_to_string(&file).is_ok_and(|t| t == "made-in-the-pvc\n")
    });
    tmux.resize(120, 40);
    let mut resized = false;
    for _ in 0..10 {
        tmux.type_line("stty size");
        if tmux.wait_until("40 120", Duration::from_secs(3)) {
            resized = true;
            break;
        }
    }
    assert!(resized, "the resize never reached the shell:\n{}", tmux.screen());
    tmux.key("C-]");
    tmux.wait("exit=0", WAIT);
    wait_for("the pod deleted", || pod_gone(&env, "libguestfs-tools-disk"));
}

#[test]
fn a_lost_connection_ends_the_session_with_an_error_and_deletes_the_pod() {
    let env = Env::new();
    env.sim.set_guestfs_pull_steps(0);
    pvc(&env, "disk", "Filesystem");
    let child = spawn(&env);
    wait_for("the session", || attached(&env));
    env.sim.cut_attach_sessions();
    let (code, stderr) = finish(child);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr
            .ends_with("Deleted pod libguestfs-tools-disk\nwebsocket: close 1006 (abnormal closure): unexpected EOF\n"),
        "{stderr}"
    );
    assert!(pod_gone(&env, "libguestfs-tools-disk"));
}
