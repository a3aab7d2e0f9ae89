//! `vmexport create|delete|download`: the objects create leaves (export, owned token Secret),
//! delete, the simulator's export controller, and downloads checked byte for byte against the
//! volume's file: gzip, raw, an uploaded 64 MiB image exported again, manifests, and the
//! beyond-upstream recovery (Range resume after a cut, restart when Range is ignored, an idle
//! timeout on a stall, the export kept after a failure, a new run resuming the part file an
//! interrupted one left, but never that of another export), against a KubeVirt that serves
//! only `export.kubevirt.io/v1beta1` too, and the hint when the export has no external links.

use std::path::{Path, PathBuf};
use std::process::{Child, Output};

use kubevirt_sim::{SimOptions, fixtures};
use serde_json::{Value, json};

use crate::support::*;

const EXPORTS: &str = "/apis/export.kubevirt.io/v1/namespaces/default/virtualmachineexports";

/// A PVC holding a disk image: CDI's `kubevirt` content type, as CDI's own PVCs carry it.
fn pvc(env: &Env, name: &str) {
    env.sim.create(json!({
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": name, "namespace": NS, "annotations": {"cdi.kubevirt.io/storage.contentType": "kubevirt"}},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}},
    }));
}

/// The SHA-256 of a file's contents inflated from gzip.
fn gunzipped_sha(path: &Path) -> String {
    sha256(&gunzip(&std::fs::read(path).unwrap()))
}

/// Runs `vmexport download NAME ARGS... --output=PATH`, PATH = `file` in the test's directory.
fn download(env: &Env, name: &str, file: &str, args: &[&str]) -> (Outcome, PathBuf) {
    let path = env.path(file);
    let output = format!("--output={}", path.display());
    let mut all = vec!["vmexport", "download", name];
    all.extend_from_slice(args);
    all.push(&output);
    (env.run(&all), path)
}

/// The Range header and status of each request the export server answered after the first `skip`.
fn ranges_after(env: &Env, skip: usize) -> Vec<(Option<String>, u16)> {
    env.sim
        .export_requests()
        .into_iter()
        .skip(skip)
        .map(|r| (r.range, r.status))
        .collect()
}

fn api_lines(env: &Env) -> Vec<String> {
    env.wire()
        .into_iter()
        .filter(|l| l.contains("export.kubevirt.io") || l.contains("/secrets"))
        .collect()
}

#[test]
fn create_posts_the_export_and_a_token_secret_it_owns() {
    let env = Env::new();
    pvc(&env, "disk");

    let out = env.run(&[
        "vmexport",
        "create",
        "e1",
        "--pvc=disk",
        "--ttl=1h30m",
        "--labels=team=a,bad",
        "--annotations",
        "note=x=y",
    ]);

    out.ok("");
    assert_eq!(out.stderr, "VirtualMachineExport 'default/e1' created succesfully\n");
    let e = env.export("e1").expect("the export exists");
    assert_eq!(
        e["spec"],
        json!({"source": {"apiGroup": "", "kind": "PersistentVolumeClaim", "name": "disk"}, "tokenSecretRef": "secret-e1", "ttlDuration": "1h30m0s"})
    );
    assert_eq!(e["metadata"]["labels"], json!({"team": "a"}));
    assert_eq!(e["metadata"]["annotations"], json!({"note": "x=y"}));
    let secret = env
        .sim
        .get("secrets", NS, "secret-e1")
        .expect("the token secret exists");
    let owner = &secret["metadata"]["ownerReferences"][0];
    assert_eq!(owner["uid"], e["metadata"]["uid"]);
    assert_eq!(owner["kind"], "VirtualMachineExport");
    assert_eq!(owner["controller"], true);
    assert_eq!(owner["blockOwnerDeletion"], false);
    use base64::Engine as _;
    let token = base64::engine::general_purpose::STANDARD
        .decode(secret["data"]["token"].as_str().unwrap())
        .unwrap();
    assert_eq!(token.len(), 20);
    assert!(token.iter().all(u8::is_ascii_alphanumeric));
    let lines: Vec<String> = api_lines(&env)
        .iter()
        .map(|l| l.split(' ').take(2).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        lines,
        [
            "GET /apis/export.kubevirt.io".to_string(),
            format!("GET {EXPORTS}/e1"),
            format!("POST {EXPORTS}"),
            "POST /api/v1/namespaces/default/secrets".to_string(),
        ],
    );

    env.run(&["vmexport", "create", "e1", "--pvc=disk"])
        .fails_with("VirtualMachineExport 'default/e1' already exists");
}

#[test]
fn the_controller_readies_an_export_with_its_service_pod_and_links() {
    let env = Env::new();
    pvc(&env, "disk");
    env.run(&["vmexport", "create", "e1", "--pvc=disk", "--labels=team=a"])
        .ok("");

    env.wait_export_ready("e1");
    let e = env.export("e1").unwrap();
    let status = &e["status"];
    assert_eq!(status["serviceName"], "virt-export-e1");
    assert_eq!(status["tokenSecretRef"], "secret-e1");
    assert!(status["ttlExpirationTime"].as_str().is_some_and(|t| t.ends_with('Z')));
    let formats = &status["links"]["internal"]["volumes"][0]["formats"];
    assert_eq!(
        formats[0]["url"],
        "https://virt-export-e1.default.svc/volumes/disk/disk.img"
    );
    assert_eq!(formats[1]["format"], "gzip");
    let external = status["links"]["external"]["volumes"][0]["formats"][1]["url"]
        .as_str()
        .unwrap();
    assert!(
        external.ends_with(
            "/api/export.kubevirt.io/v1/namespaces/default/virtualmachineexports/e1/volumes/disk/disk.img.gz"
        ),
        "{external}"
    );
    assert!(
        status["links"]["external"]["cert"]
            .as_str()
            .unwrap()
            .contains("BEGIN CERTIFICATE")
    );
    let svc = env.sim.get("services", NS, "virt-export-e1").unwrap();
    assert_eq!(svc["spec"]["ports"][0]["port"], 443);
    assert_eq!(svc["spec"]["ports"][0]["targetPort"], 8443);
    let pod = env.sim.get("pods", NS, "virt-export-e1").unwrap();
    assert_eq!(pod["spec"]["containers"][0]["ports"][0]["containerPort"], 8443);
    assert_eq!(pod["metadata"]["labels"]["team"], "a");

    // delete: the export, then what it owns
    let out = env.run(&["vmexport", "delete", "e1"]);
    out.ok("");
    assert_eq!(out.stderr, "VirtualMachineExport 'default/e1' deleted succesfully\n");
    assert!(env.sim.wait_until(PATIENCE, |s| {
        s.get("secrets", NS, "secret-e1").is_none() && s.get("pods", NS, "virt-export-e1").is_none()
    }));
    let again = env.run(&["vmexport", "delete", "e1"]);
    again.ok("");
    assert_eq!(again.stderr, "VirtualMachineExport 'default/e1' does not exist\n");
}

#[test]
fn an_export_past_its_ttl_is_deleted_and_a_started_vm_terminates_its_export() {
    let env = Env::new();
    pvc(&env, "disk");
    env.run(&["vmexport", "create", "short", "--pvc=disk", "--ttl=1s"])
        .ok("");
    env.wait_export_gone("short");

    env.sim.create(vm_on_pvc("vm1", "disk"));
    env.run(&["vmexport", "create", "ve", "--vm=vm1"]).ok("");
    env.wait_export_ready("ve");
    env.run(&["start", "vm1"]).ok("VM vm1 was scheduled to start\n");
    assert!(env.sim.wait_until(PATIENCE, |_| {
        env.export("ve").is_some_and(|e| e["status"]["phase"] == "Terminated")
    }));
}

#[test]
fn download_gzip_and_raw_give_the_volume_and_remove_the_export_they_created() {
    let env = Env::new();
    pvc(&env, "disk");

    let (out, gz) = download(&env, "e1", "disk.img.gz", &["--pvc=disk"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stdout
            .starts_with("VirtualMachineExport 'default/e1' created succesfully\n"),
        "{out:#?}"
    );
    assert!(
        out.stdout
            .ends_with("Download finished succesfully\nVirtualMachineExport 'default/e1' deleted succesfully\n"),
        "{out:#?}"
    );
    assert_eq!(gunzipped_sha(&gz), volume_sha(&env, "disk"));
    assert!(!env.path("disk.img.gz.part").exists());
    env.wait_export_gone("e1");

    let (out, raw) = download(&env, "e2", "disk.img", &["--pvc=disk", "--format=raw", "--keep-vme"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert_eq!(file_sha(&raw), volume_sha(&env, "disk"));
    assert!(env.export("e2").is_some(), "--keep-vme keeps the export");
    let paths = env.export_paths();
    assert!(paths[0].ends_with("/e1/volumes/disk/disk.img.gz 200"), "{paths:#?}");
    assert!(paths[1].ends_with("/e2/volumes/disk/disk.img 200"), "{paths:#?}");
    // with both versions served, v1 is the one used
    assert_eq!(env.export_api_versions(), ["v1"]);

    // An existing export, to stdout, gunzipped on the fly from the gzip link (internal links).
    let (host, _) = env.sim.export_server();
    let out = Outcome::of(env.virtctl().args([
        "vmexport",
        "download",
        "e2",
        "--output=-",
        "--format=raw",
        "--volume=disk",
        &format!("--service-url={host}"),
        "--insecure",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(env.export("e2").is_some(), "an export it did not create stays");
}

#[test]
fn an_uploaded_64_mib_image_exports_back_identical() {
    let env = Env::new();
    let data = pattern(64 << 20, 42);
    let image = env.path("random.img");
    std::fs::write(&image, &data).unwrap();
    let up = env.run(&[
        "image-upload",
        "dv",
        "up",
        "--size=1Gi",
        &format!("--image-path={}", image.display()),
    ]);
    assert_eq!(up.code, 0, "{up:#?}");

    let (out, out_path) = download(&env, "back", "back.img", &["--pvc=up", "--format=raw"]);

    assert_eq!(out.code, 0, "{out:#?}");
    let back = std::fs::read(&out_path).unwrap();
    assert_eq!(back.len(), data.len());
    assert!(back == data, "the exported bytes differ from the uploaded image");
}

/// `vmexport download NAME --pvc=disk --format=raw EXTRA... --output=NAME.img`.
fn raw_download(env: &Env, name: &str, extra: &[&str]) -> (Outcome, PathBuf) {
    let mut args = vec!["--pvc=disk", "--format=raw"];
    args.extend_from_slice(extra);
    download(env, name, &format!("{name}.img"), &args)
}

#[test]
fn a_cut_body_is_resumed_with_range() {
    let env = Env::new();
    pvc(&env, "disk");
    env.sim.faults().export_cut_after(1 << 20, 1);

    let (out, path) = raw_download(&env, "cut", &[]);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stdout.contains("resuming at byte 1048576"), "{out:#?}");
    assert_eq!(file_sha(&path), volume_sha(&env, "disk"));
    assert_eq!(
        ranges_after(&env, 0),
        [(None, 200), (Some("bytes=1048576-".to_string()), 206)]
    );
}

#[test]
fn a_server_ignoring_range_restarts_instead_of_appending() {
    let env = Env::new();
    pvc(&env, "disk");
    env.sim.faults().export_cut_after(1 << 20, 1);
    env.sim.faults().export_ignore_range(true);

    let (out, path) = raw_download(&env, "norange", &[]);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stdout
            .contains("the server ignored the range request: starting again from byte 0"),
        "{out:#?}"
    );
    assert_eq!(file_sha(&path), volume_sha(&env, "disk"));
}

#[test]
fn a_stall_ends_with_the_idle_timeout_and_is_retried() {
    let env = Env::new();
    pvc(&env, "disk");
    env.sim.faults().export_stall_after(512 * 1024, 1);

    let (out, path) = raw_download(&env, "stall", &["--idle-timeout=1s"]);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stdout
            .contains("no data for 1s (idle timeout); resuming at byte 524288"),
        "{out:#?}"
    );
    assert_eq!(file_sha(&path), volume_sha(&env, "disk"));
}

#[test]
fn a_gzip_stream_cut_starts_again_from_zero() {
    let env = Env::new();
    pvc(&env, "disk");
    env.sim.faults().export_cut_after(100 * 1024, 1);

    let (out, path) = download(&env, "gz", "disk.gz", &["--pvc=disk"]);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stdout
            .contains("a gzip stream cannot be resumed: starting again from byte 0"),
        "{out:#?}"
    );
    assert_eq!(gunzipped_sha(&path), volume_sha(&env, "disk"));
}

#[test]
fn a_failed_download_keeps_the_export_and_the_old_file_and_says_how_to_go_on() {
    let env = Env::new();
    pvc(&env, "disk");
    let path = env.path("keep.img");
    std::fs::write(&path, b"previous contents").unwrap();
    env.sim.faults().export_fail(503, 10);

    let (out, _) = download(&env, "kept", "keep.img", &["--pvc=disk", "--retry=1"]);

    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.stdout
            .contains("Bad status: 503 Service Unavailable\nRetrying...\nBad status: 503 Service Unavailable\n"),
        "{out:#?}"
    );
    assert_eq!(out.error_line(), "retry count reached, exiting unsuccesfully");
    assert_eq!(
        out.hint(),
        Some(
            format!(
                "hint: the VirtualMachineExport default/kept was kept: download again with `virtctl vmexport download kept --output {}`, delete it with `virtctl vmexport delete kept`",
                path.display()
            )
            .as_str()
        )
    );
    assert!(env.export("kept").is_some());
    assert_eq!(std::fs::read(&path).unwrap(), b"previous contents");

    // Going on reuses the export (no second create) and replaces the file.
    env.sim.faults().export_fail(503, 0);
    let (again, _) = download(&env, "kept", "keep.img", &[]);
    assert_eq!(again.code, 0, "{again:#?}");
    assert_eq!(gunzipped_sha(&path), volume_sha(&env, "disk"));
    assert!(
        env.export("kept").is_some(),
        "an export this run did not create is kept"
    );
}

#[test]
fn manifests_come_as_yaml_or_json_with_the_header_secret() {
    let env = Env::new();
    pvc(&env, "disk");
    env.sim.create(vm_on_pvc("vm1", "disk"));

    let out = env.run(&[
        "vmexport",
        "download",
        "m",
        "--vm=vm1",
        "--manifest",
        "--include-secret",
    ]);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stderr
            .starts_with("VirtualMachineExport 'default/m' created succesfully\n"),
        "{out:#?}"
    );
    assert!(out.stdout.contains("kind: ConfigMap\n"), "{}", out.stdout);
    assert!(out.stdout.contains("kind: VirtualMachine\n"), "{}", out.stdout);
    assert!(out.stdout.contains("token: x-kubevirt-export-token:"), "{}", out.stdout);
    assert_eq!(out.stdout.lines().filter(|l| *l == "---").count(), 3, "{}", out.stdout);
    assert!(env.export("m").is_some(), "manifest mode never deletes the export");

    let (out, json_path) = download(&env, "m", "m.json", &["--manifest", "--manifest-output-format=JSON"]);
    assert_eq!(out.code, 0, "{out:#?}");
    let list: Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(list["kind"], "List");
    let vm = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "VirtualMachine")
        .unwrap();
    let url = vm["spec"]["dataVolumeTemplates"][0]["spec"]["source"]["http"]["url"]
        .as_str()
        .unwrap();
    assert!(
        url.ends_with("/virtualmachineexports/m/volumes/disk/disk.img.gz"),
        "{url}"
    );
}

#[test]
fn the_export_server_wants_the_token() {
    let env = Env::new();
    pvc(&env, "disk");
    env.run(&["vmexport", "create", "t", "--pvc=disk"]).ok("");
    env.wait_export_ready("t");
    let e = env.export("t").unwrap();
    let url = e["status"]["links"]["external"]["volumes"][0]["formats"][0]["url"]
        .as_str()
        .unwrap()
        .to_string();
    let secret = env.sim.get("secrets", NS, "secret-t").unwrap();
    use base64::Engine as _;
    let token = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(secret["data"]["token"].as_str().unwrap())
            .unwrap(),
    )
    .unwrap();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let (_, ca) = env.sim.export_server();
    let mut roots = rustls::RootCertStore::empty();
    use rustls::pki_types::pem::PemObject;
    for cert in rustls::pki_types::CertificateDer::pem_slice_iter(ca.as_bytes()) {
        roots.add(cert.unwrap()).unwrap();
    }
    let tls = rustls::ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let client = reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .build()
        .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let status = |token: Option<&str>, range: Option<&str>| {
        rt.block_on(async {
            let mut request = client.head(&url);
            if let Some(token) = token {
                request = request.header("x-kubevirt-export-token", token);
            }
            if let Some(range) = range {
                request = request.header("Range", range);
            }
            let response = request.send().await.unwrap();
            (
                response.status().as_u16(),
                response
                    .headers()
                    .get("content-length")
                    .map(|v| v.to_str().unwrap().to_string()),
            )
        })
    };
    assert_eq!(status(None, None).0, 401);
    assert_eq!(status(Some("wrong"), None).0, 401);
    assert_eq!(status(Some(&token), None), (200, Some((4u64 << 20).to_string())));
    assert_eq!(
        status(Some(&token), Some("bytes=1024-")),
        (206, Some(((4u64 << 20) - 1024).to_string()))
    );
    assert_eq!(status(Some(&token), Some("bytes=99999999-")).0, 416);
}

#[test]
fn ctrl_c_mid_download_keeps_the_export_and_the_old_file() {
    let env = Env::new();
    pvc(&env, "disk");
    let path = env.path("int.img");
    std::fs::write(&path, b"old").unwrap();
    env.sim.faults().export_stall_after(256 * 1024, 1);
    let child = spawn_download(&env, "int", &["--pvc=disk", "--format=raw"], &path);
    assert!(
        env.sim.wait_until(PATIENCE, |s| !s.export_requests().is_empty()),
        "the download started"
    );
    let part = env.path("int.img.part");
    assert!(
        env.sim
            .wait_until(PATIENCE, |_| std::fs::metadata(&part).is_ok_and(|m| m.len() > 0)),
        "bytes reached the part file"
    );
    let output = interrupt(child);
    let stderr = String::from_utf8_lossy(&output.stderr);

    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("download interrupted by Ctrl+C\n"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "hint: the VirtualMachineExport default/int was kept: download again with `virtctl vmexport download int --output {} --format raw`",
            path.display()
        )),
        "{stderr}"
    );
    assert!(env.export("int").is_some());
    assert_eq!(std::fs::read(&path).unwrap(), b"old");
}

/// Starts `vmexport download NAME ARGS... --output=PATH` with piped output.
fn spawn_download(env: &Env, name: &str, args: &[&str], path: &Path) -> Child {
    let mut cmd = std::process::Command::new(virtctl_bin());
    for var in LEAKY_VARS {
        cmd.env_remove(var);
    }
    cmd.env("HOME", env.dir.path())
        .arg("--kubeconfig")
        .arg(&env.kubeconfig)
        .args(["vmexport", "download", name])
        .args(args)
        .arg(format!("--output={}", path.display()))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// Ctrl+C (SIGINT) to a running download; how it ended.
fn interrupt(child: Child) -> Output {
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    child.wait_with_output().unwrap()
}

/// Starts `vmexport download EXPORT [--pvc=PVC] --format=raw --output=PATH`, lets 1 MiB reach
/// `PATH.part` (the server then stalls), and interrupts it with Ctrl+C.
fn interrupted_raw_download(env: &Env, export_name: &str, source: &[&str], path: &Path) {
    env.sim.faults().export_stall_after(1 << 20, 1);
    let mut args = vec!["--format=raw"];
    args.extend_from_slice(source);
    let child = spawn_download(env, export_name, &args, path);
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    assert!(
        env.sim
            .wait_until(PATIENCE, |_| std::fs::metadata(&part).is_ok_and(|m| m.len() == 1 << 20)),
        "the first MiB reached the part file"
    );
    let output = interrupt(child);
    assert_eq!(output.status.code(), Some(1), "{output:#?}");
}

#[test]
fn a_new_run_resumes_the_part_file_of_an_interrupted_one_and_never_appends_another_disk() {
    let env = Env::new();
    pvc(&env, "disk");
    pvc(&env, "other");
    let path = env.path("res.img");
    let part = env.path("res.img.part");
    // the command the hint gives
    let again = || download(&env, "res", "res.img", &["--format", "raw"]).0;
    interrupted_raw_download(&env, "res", &["--pvc=disk"], &path);
    let before = env.sim.export_requests().len();

    // the command the hint gives: the kept export, the part file picked up where it ended
    let out = again();
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stdout.contains(&format!(
            "{} is left from an earlier download of this export: resuming at byte 1048576\n",
            part.display()
        )),
        "{out:#?}"
    );
    assert_eq!(file_sha(&path), volume_sha(&env, "disk"));
    assert_eq!(ranges_after(&env, before), [(Some("bytes=1048576-".to_string()), 206)]);
    assert!(!part.exists());
    assert!(!env.path("res.img.part.json").exists());

    // the same export name, now of another PVC of the same size: its bytes start over
    interrupted_raw_download(&env, "res", &[], &path);
    assert_eq!(env.run(&["vmexport", "delete", "res"]).code, 0);
    env.wait_export_gone("res");
    assert_eq!(env.run(&["vmexport", "create", "res", "--pvc=other"]).code, 0);
    let before = env.sim.export_requests().len();
    let out = again();
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stdout.contains(&format!(
            "{} is left from another download: starting again from byte 0\n",
            part.display()
        )),
        "{out:#?}"
    );
    assert_eq!(file_sha(&path), volume_sha(&env, "other"));
    let ranges: Vec<Option<String>> = ranges_after(&env, before).into_iter().map(|(r, _)| r).collect();
    assert_eq!(ranges, [None]);

    // the same export, but its disk grew meanwhile: the Range answer's total differs, so the
    // part file is not appended to
    interrupted_raw_download(&env, "res", &[], &path);
    let volume = env.sim.volume_file(NS, "other");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&volume)
        .unwrap()
        .set_len(5 << 20)
        .unwrap();
    let before = env.sim.export_requests().len();
    let out = again();
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stdout
            .contains("the server's file is not the one the download started from: starting again from byte 0\n"),
        "{out:#?}"
    );
    assert_eq!(file_sha(&path), volume_sha(&env, "other"));
    assert_eq!(
        ranges_after(&env, before),
        [(Some("bytes=1048576-".to_string()), 206), (None, 200)]
    );
}

#[test]
fn an_untrusted_export_certificate_fails_at_once_with_a_hint() {
    let env = Env::new();
    pvc(&env, "disk");
    env.run(&["vmexport", "create", "tls", "--pvc=disk"]).ok("");
    env.wait_export_ready("tls");
    // A proxy in front of the export server with a certificate of a CA nobody here trusts.
    let stranger = env.sim.monitoring_route("openshift-monitoring").unwrap();
    let service_url = format!("--service-url={}", stranger.host);

    let (out, _) = download(&env, "tls", "tls.img", &[&service_url, "--readiness-timeout=5s"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.hint().is_some_and(|h| h.contains("--insecure skips the check")),
        "{out:#?}"
    );
    assert_eq!(
        env.sim.export_requests().len(),
        0,
        "no retries against an untrusted server"
    );
}

/// A stopped VM whose only disk is PVC `pvc` (its volume named `root`).
fn vm_on_pvc(name: &str, pvc: &str) -> serde_json::Value {
    let mut vm = fixtures::vm(NS, name, "Halted");
    let spec = &mut vm["spec"]["template"]["spec"];
    spec["domain"]["devices"]["disks"] = json!([{"name": "root", "disk": {"bus": "virtio"}}]);
    spec["volumes"] = json!([{"name": "root", "persistentVolumeClaim": {"claimName": pvc}}]);
    vm
}

// ---- --port-forward: the export server through a pod port-forward ----

/// A free local port (bound and released: the forwarder binds it right after).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn portforward_requests(env: &Env) -> Vec<(String, String, u16)> {
    env.sent()
        .into_iter()
        .filter(|r| r.path.ends_with("/portforward"))
        .map(|r| (r.path, r.query, r.status))
        .collect()
}

#[test]
fn port_forward_downloads_gzip_and_raw_through_the_exporter_pod() {
    let env = Env::new();
    pvc(&env, "disk");

    // --local-port 0 (the default): any free port, TLS verified against the Service's name.
    let (out, gz) = download(&env, "e1", "disk.img.gz", &["--pvc=disk", "--port-forward"]);

    assert_eq!(out.code, 0, "{out:#?}");
    let stdout: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| !l.starts_with("waiting for VM Export"))
        .collect();
    assert_eq!(
        stdout,
        [
            "VirtualMachineExport 'default/e1' created succesfully",
            "service virt-export-e1 is ready for port-forwarding",
            "Port forwarding is ready.",
            "Download finished succesfully",
            "VirtualMachineExport 'default/e1' deleted succesfully",
        ],
        "{out:#?}"
    );
    let forwarding = out
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("Forwarding from 127.0.0.1:"))
        .expect("the forwarder's listening line");
    let port = forwarding.strip_suffix(" -> 8443").expect("to the container port");
    assert_ne!(port, "0", "the chosen port is reported");
    assert!(
        out.stderr.contains(&format!("Handling connection for {port}\n")),
        "{out:#?}"
    );
    assert_eq!(gunzipped_sha(&gz), volume_sha(&env, "disk"));
    assert_eq!(
        portforward_requests(&env)[0],
        (
            "/api/v1/namespaces/default/pods/virt-export-e1/portforward".to_string(),
            // kube's client writes the query as `?&ports=...`
            "&ports=8443".to_string(),
            101
        )
    );
    let pods_listed = env
        .sent()
        .into_iter()
        .any(|r| r.path == "/api/v1/namespaces/default/pods" && r.query.contains("labelSelector="));
    assert!(pods_listed, "the service's pods are found by its selector");
    // The internal link's path, reached through the tunnel.
    let served = env.sim.export_requests();
    assert_eq!(served[0].path, "/volumes/disk/disk.img.gz", "{served:#?}");

    // A fixed --local-port, raw.
    let port = free_port();
    let local_port = format!("--local-port={port}");
    let (out, raw) = download(
        &env,
        "e2",
        "disk.img",
        &["--pvc=disk", "--format=raw", "--port-forward", &local_port],
    );
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stderr
            .contains(&format!("Forwarding from 127.0.0.1:{port} -> 8443\n")),
        "{out:#?}"
    );
    assert_eq!(file_sha(&raw), volume_sha(&env, "disk"));
    assert_eq!(
        portforward_requests(&env).len(),
        2,
        "one tunnel connection per download"
    );
}

/// A Ready export `e1` of PVC `disk` (which exists), its Service in place.
fn ready_export(env: &Env) -> Value {
    env.run(&["vmexport", "create", "e1", "--pvc=disk"]).ok("");
    env.wait_export_ready("e1");
    assert!(
        env.sim
            .wait_until(PATIENCE, |s| s.get("services", NS, "virt-export-e1").is_some())
    );
    env.sim.get("services", NS, "virt-export-e1").unwrap()
}

#[test]
fn port_forward_needs_service_port_443_and_a_pod_behind_the_service() {
    let env = Env::new();
    pvc(&env, "disk");
    let service = ready_export(&env);
    let forwarded = |args: &[&str]| {
        let mut all = vec!["--port-forward"];
        all.extend_from_slice(args);
        download(&env, "e1", "disk.img.gz", &all).0
    };
    let ready = "service virt-export-e1 is ready for port-forwarding\n";

    let mut no_443 = service.clone();
    no_443["spec"]["ports"] = json!([{"name": "export", "port": 8443, "protocol": "TCP", "targetPort": 8443}]);
    env.sim.update(no_443);
    forwarded(&[]).fails_after("Service virt-export-e1 does not have a service port 443", ready);

    let mut no_pods = env.sim.get("services", NS, "virt-export-e1").unwrap();
    no_pods["spec"] = service["spec"].clone();
    no_pods["spec"]["selector"] = json!({"kubevirt.io.virt-export-service": "nothing-here"});
    env.sim.update(no_pods);
    forwarded(&[]).fails_after("no pods found for the service virt-export-e1", ready);

    assert!(portforward_requests(&env).is_empty(), "no tunnel was opened");
    assert!(env.export("e1").is_some(), "an export it did not create stays");

    // Beyond upstream (which waits 30 s for a forwarder that never gets ready): a local port in
    // use fails at once.
    env.sim.update(
        env.sim
            .get("services", NS, "virt-export-e1")
            .map(|mut s| {
                s["spec"] = service["spec"].clone();
                s
            })
            .unwrap(),
    );
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let out = forwarded(&[&format!("--local-port={port}")]);
    assert_eq!((out.code, out.stdout.as_str()), (1, ready), "{out:#?}");
    assert!(
        out.error_line()
            .starts_with(&format!("unable to listen on port {port}: ")),
        "{out:#?}"
    );
}

// ---- --format oci ----

/// The entries of a tar: (path, contents).
fn untar(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut entries = Vec::new();
    let mut at = 0;
    while at + 512 <= data.len() && data[at] != 0 {
        let header = &data[at..at + 512];
        let name_end = header[..100].iter().position(|b| *b == 0).unwrap_or(100);
        let name = String::from_utf8_lossy(&header[..name_end]).into_owned();
        let size_text = String::from_utf8_lossy(&header[124..136]);
        let size = usize::from_str_radix(size_text.trim_matches(|c: char| c == '\0' || c == ' '), 8).unwrap();
        let start = at + 512;
        entries.push((name, data[start..start + size].to_vec()));
        at = start + size.div_ceil(512) * 512;
    }
    entries
}

fn blob<'a>(entries: &'a [(String, Vec<u8>)], digest: &str) -> &'a [u8] {
    let hex = digest.strip_prefix("sha256:").expect("a sha256 digest");
    let (_, bytes) = entries
        .iter()
        .find(|(name, _)| *name == format!("blobs/sha256/{hex}"))
        .unwrap_or_else(|| panic!("blob {digest} is in the layout"));
    assert_eq!(sha256(bytes), hex, "the blob's bytes have its digest");
    bytes
}

#[test]
fn format_oci_downloads_an_oci_layout_holding_the_vm_and_its_disk() {
    let env = Env::new();
    pvc(&env, "disk");
    env.sim.create(vm_on_pvc("vm1", "disk"));

    let (out, path) = download(&env, "o1", "vm1.oci.tar", &["--vm=vm1", "--format=oci"]);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stdout.contains("Download finished succesfully\n"), "{out:#?}");
    let served = env.sim.export_requests();
    assert!(
        served[0].path.ends_with("/virtualmachineexports/o1/export.oci.tar"),
        "{served:#?}"
    );
    let entries = untar(&std::fs::read(&path).unwrap());
    let file = |name: &str| {
        entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.clone())
            .unwrap_or_else(|| panic!("{name} is in the archive"))
    };
    let layout: Value = serde_json::from_slice(&file("oci-layout")).unwrap();
    assert_eq!(layout, json!({"imageLayoutVersion": "1.0.0"}));
    let top: Value = serde_json::from_slice(&file("index.json")).unwrap();
    assert_eq!(top["schemaVersion"], 2);
    let index_ref = &top["manifests"][0];
    assert_eq!(index_ref["mediaType"], "application/vnd.oci.image.index.v1+json");
    let index: Value = serde_json::from_slice(blob(&entries, index_ref["digest"].as_str().unwrap())).unwrap();
    assert_eq!(index["artifactType"], "application/vnd.kubevirt.virtualmachine.v1");
    let manifest_ref = &index["manifests"][0];
    assert_eq!(
        manifest_ref["platform"],
        json!({"architecture": "amd64", "os": "linux"})
    );
    let manifest: Value = serde_json::from_slice(blob(&entries, manifest_ref["digest"].as_str().unwrap())).unwrap();
    assert_eq!(manifest["mediaType"], "application/vnd.oci.image.manifest.v1+json");
    let config: Value = serde_json::from_slice(blob(&entries, manifest["config"]["digest"].as_str().unwrap())).unwrap();
    assert_eq!(config["kind"], "VirtualMachine");
    assert_eq!(config["metadata"]["name"], "vm1");
    assert!(config["metadata"].get("uid").is_none(), "cluster fields are stripped");
    let layers = manifest["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 1);
    assert_eq!(layers[0]["mediaType"], "application/vnd.kubevirt.disk.raw+zstd");
    assert_eq!(layers[0]["annotations"]["io.kubevirt.disk.name"], "root");
    let layer = blob(&entries, layers[0]["digest"].as_str().unwrap());
    assert_eq!(layers[0]["size"], layer.len());
    let disk = zstd::decode_all(layer).unwrap();
    assert_eq!(sha256(&disk), volume_sha(&env, "disk"), "the layer is the volume");
    env.wait_export_gone("o1");

    // A PVC source: refused before anything is sent, and for an existing PVC export.
    env.run(&["vmexport", "download", "x", "--pvc=disk", "--format=oci", "--output=f"])
        .fails_with("the '--pvc' flag is incompatible with '--format=oci'");
    ready_export(&env);
    let (out, _) = download(&env, "e1", "pvc.oci.tar", &["--format=oci"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(
        out.error_line(),
        "OCI format is not supported for source kind PersistentVolumeClaim",
        "{out:#?}"
    );
}

// ---- a KubeVirt before 1.9: export.kubevirt.io/v1beta1 only ----

/// A simulator serving `export.kubevirt.io` only at `v1beta1`, as KubeVirt before 1.9.
fn older_kubevirt() -> Env {
    Env::with(SimOptions {
        export_versions: vec!["v1beta1".into()],
        ..SimOptions::default()
    })
}

#[test]
fn against_a_kubevirt_serving_only_v1beta1_create_download_and_delete_use_v1beta1() {
    let env = older_kubevirt();
    pvc(&env, "disk");

    let out = env.run(&["vmexport", "create", "e1", "--pvc=disk"]);
    out.ok("");
    assert_eq!(out.stderr, "VirtualMachineExport 'default/e1' created succesfully\n");
    let secret = env
        .sim
        .get("secrets", NS, "secret-e1")
        .expect("the token secret exists");
    assert_eq!(
        secret["metadata"]["ownerReferences"][0]["apiVersion"], "export.kubevirt.io/v1beta1",
        "the owner is the export as created"
    );
    env.wait_export_ready("e1");

    let (out, raw) = download(&env, "e1", "e1.img", &["--format=raw"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert_eq!(file_sha(&raw), volume_sha(&env, "disk"));
    let (out, gz) = download(&env, "e2", "e2.img.gz", &["--pvc=disk"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stdout
            .ends_with("Download finished succesfully\nVirtualMachineExport 'default/e2' deleted succesfully\n"),
        "{out:#?}"
    );
    assert_eq!(gunzipped_sha(&gz), volume_sha(&env, "disk"));

    let out = env.run(&["vmexport", "delete", "e1"]);
    out.ok("");
    assert_eq!(out.stderr, "VirtualMachineExport 'default/e1' deleted succesfully\n");
    env.wait_export_gone("e1");
    env.wait_export_gone("e2");

    // every export request named v1beta1, and none was refused
    assert_eq!(env.export_api_versions(), ["v1beta1"]);
    let exports: Vec<(String, String, u16)> = env
        .sent()
        .into_iter()
        .filter(|r| r.path.starts_with("/apis/export.kubevirt.io"))
        .map(|r| (r.method, r.path, r.status))
        .collect();
    assert!(
        exports.iter().all(|(_, _, status)| *status < 400 || *status == 404),
        "{exports:#?}"
    );
    let v1beta1 = EXPORTS.replace("/v1/", "/v1beta1/");
    assert!(exports.contains(&("POST".into(), v1beta1.clone(), 201)), "{exports:#?}");
    assert!(
        exports.contains(&("DELETE".into(), format!("{v1beta1}/e1"), 200)),
        "{exports:#?}"
    );
    // the external links name the served version, as the export proxy routes it
    let paths = env.export_paths();
    assert_eq!(paths.len(), 2, "{paths:#?}");
    assert!(
        paths[0].ends_with(
            "/api/export.kubevirt.io/v1beta1/namespaces/default/virtualmachineexports/e1/volumes/disk/disk.img 200"
        ),
        "{paths:#?}"
    );
}

// ---- no external links ----

#[test]
fn without_external_links_the_readiness_timeout_hints_at_port_forward_or_service_url() {
    let env = Env::new();
    pvc(&env, "disk");
    // no export Route (as on a cluster without an Ingress or Route for the export proxy)
    let (route_ns, route) = kubevirt_sim::export::PROXY_ROUTE;
    env.sim.delete("routes", route_ns, route);

    let (out, _) = download(&env, "e1", "e1.img.gz", &["--pvc=disk", "--readiness-timeout=1s"]);

    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(
        out.error_line(),
        "timed out after 1s waiting for VirtualMachineExport default/e1 to be ready"
    );
    let hints: Vec<&str> = out.stderr_lines().into_iter().skip(1).collect();
    assert_eq!(
        hints,
        [
            "hint: the export has no external links (no export Ingress or Route): use --port-forward, or --service-url with a reachable address of the export service",
            &format!(
                "hint: the VirtualMachineExport default/e1 was kept: download again with `virtctl vmexport download e1 --output {}`, delete it with `virtctl vmexport delete e1`",
                env.path("e1.img.gz").display()
            ),
        ]
    );
    let e = env.export("e1").expect("the export is kept");
    assert!(e.pointer("/status/links/external").is_none(), "{e:#}");
}
