//! `image-upload`: the API sequence, the bytes the simulator's upload server received (count
//! and CRC-32 against the file), the objects left on the cluster, each fault knob, and the
//! checks that fail before anything is sent.

use std::time::{Duration, Instant};

use kubevirt_sim::uploadproxy::checksum;
use serde_json::{Value, json};

use crate::support::*;

const PVC_PATH: &str = "/api/v1/namespaces/default/persistentvolumeclaims";
const DV_PATH: &str = "/apis/cdi.kubevirt.io/v1beta1/namespaces/default/datavolumes";

fn qcow2(virtual_size: u64, len: usize) -> Vec<u8> {
    let mut data = pattern(len, 7);
    data[..4].copy_from_slice(b"QFI\xfb");
    data[4..8].copy_from_slice(&3u32.to_be_bytes());
    data[8..20].fill(0);
    data[20..24].copy_from_slice(&16u32.to_be_bytes());
    data[24..32].copy_from_slice(&virtual_size.to_be_bytes());
    data
}

fn with_magic(magic: &[u8], len: usize) -> Vec<u8> {
    let mut data = pattern(len, 11);
    data[..magic.len()].copy_from_slice(magic);
    data
}

/// A one-file tar archive.
fn tar(content: &[u8]) -> Vec<u8> {
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(b"disk.img");
    h[100..107].copy_from_slice(b"0000644");
    h[124..135].copy_from_slice(format!("{:011o}", content.len()).as_bytes());
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
    h[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
    let mut out = h;
    out.extend_from_slice(content);
    out.resize(out.len().div_ceil(512) * 512 + 1024, 0);
    out
}

fn write_file(env: &Env, name: &str, data: &[u8]) -> String {
    let path = env.path(name);
    std::fs::write(&path, data).expect("image written");
    path.to_str().unwrap().to_string()
}

/// `virtctl image-upload ARGS... --image-path=PATH`.
fn upload(env: &Env, args: &[&str], path: &str) -> Outcome {
    let image_path = format!("--image-path={path}");
    let mut argv = vec!["image-upload"];
    argv.extend_from_slice(args);
    argv.push(&image_path);
    env.run(&argv)
}

fn pvc(env: &Env, name: &str) -> Value {
    env.sim.get("persistentvolumeclaims", NS, name).expect("the PVC exists")
}

fn annotation(object: &Value, key: &str) -> String {
    object["metadata"]["annotations"][key]
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// Asserts that exactly one complete upload of `data` arrived for `pvc`, and returns its path.
#[track_caller]
fn assert_received(env: &Env, pvc_name: &str, data: &[u8]) -> String {
    let complete: Vec<_> = env
        .sim
        .uploads()
        .into_iter()
        .filter(|u| u.pvc == pvc_name && u.status == 200)
        .collect();
    assert_eq!(complete.len(), 1, "uploads: {:#?}", env.sim.uploads());
    assert_eq!(complete[0].bytes, data.len() as u64);
    assert_eq!(complete[0].crc32, checksum(data), "the bytes differ from the file");
    complete[0].path.clone()
}

fn stdout_for(kind: &str, name: &str, url: &str, path: &str) -> String {
    format!(
        "PVC default/{name} not found \n{kind} default/{name} created\nWaiting for PVC {name} upload pod to be ready...\nPod now ready\nUploading data to {url}\nUploading data completed successfully, waiting for processing to complete, you can hit ctrl-c without interrupting the progress\nProcessing completed successfully\nUploading {path} completed successfully\n"
    )
}

/// The stdout lines without the readiness messages, which depend on timing.
fn steady_lines(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter(|l| !l.starts_with("Waiting for PVC") && *l != "Pod now ready" && !l.starts_with("DV "))
        .collect()
}

#[track_caller]
fn assert_stdout(outcome: &Outcome, expected: &str) {
    assert_eq!(outcome.code, 0, "virtctl failed: {outcome:#?}");
    assert_eq!(steady_lines(&outcome.stdout), steady_lines(expected), "{outcome:#?}");
}

// ---- happy paths ----------------------------------------------------------------------------

#[test]
fn dv_upload_of_a_raw_image_sends_the_file_and_the_datavolume_succeeds() {
    let env = Env::new();
    let data = pattern(3 << 20, 1);
    let path = write_file(&env, "disk.raw", &data);

    let out = upload(&env, &["dv", "disk1", "--size=1Gi"], &path);

    let url = env.sim.upload_proxy_url();
    assert_stdout(&out, &stdout_for("DataVolume", "disk1", &url, &path));
    assert!(out.stderr.contains("uploaded 3.00 MiB in "), "{out:#?}");
    assert_eq!(assert_received(&env, "disk1", &data), "/v1beta1/upload-async");

    let sent = env.sent();
    let create = sent
        .iter()
        .find(|r| r.method == "POST" && r.path == DV_PATH)
        .expect("the DataVolume was created");
    assert_eq!(
        body_json(create),
        json!({"apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataVolume",
               "metadata": {"name": "disk1", "namespace": "default"},
               "spec": {"source": {"upload": {}}, "storage": {"resources": {"requests": {"storage": "1Gi"}}}, "contentType": "kubevirt"}})
    );
    let token = sent
        .iter()
        .find(|r| r.path.ends_with("/uploadtokenrequests"))
        .expect("a token was asked for");
    assert_eq!(body_json(token)["spec"], json!({"pvcName": "disk1"}));
    let proxy: Vec<String> = env
        .sim
        .proxy_requests()
        .iter()
        .map(|r| format!("{} {} {}", r.method, r.path, r.status))
        .collect();
    assert_eq!(
        proxy,
        ["HEAD /v1beta1/upload-async 200", "POST /v1beta1/upload-async 200"]
    );

    // virtctl returns once the PVC says the upload pod succeeded (as upstream); CDI's DataVolume
    // controller reports it on the DataVolume on its next pass.
    assert_eq!(
        annotation(&pvc(&env, "disk1"), "cdi.kubevirt.io/storage.pod.phase"),
        "Succeeded"
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    let phase = || env.sim.get("datavolumes", NS, "disk1").expect("the DataVolume exists")["status"]["phase"].clone();
    while phase() != "Succeeded" && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(phase(), "Succeeded");
}

#[test]
fn pvc_upload_of_a_qcow2_image() {
    let env = Env::new();
    let data = qcow2(100 << 20, 2 << 20);
    let path = write_file(&env, "disk.qcow2", &data);

    let out = upload(
        &env,
        &["pvc", "disk2", "--size=1Gi", "--access-mode=ReadWriteMany"],
        &path,
    );

    let url = env.sim.upload_proxy_url();
    assert_stdout(&out, &stdout_for("PersistentVolumeClaim", "disk2", &url, &path));
    assert_received(&env, "disk2", &data);
    let created = env
        .sent()
        .into_iter()
        .find(|r| r.method == "POST" && r.path == PVC_PATH)
        .expect("the PVC was created");
    let body = body_json(&created);
    assert_eq!(
        body["metadata"]["labels"],
        json!({"cdi.kubevirt.io/applyStorageProfile": "true"})
    );
    assert_eq!(
        body["metadata"]["annotations"],
        json!({"cdi.kubevirt.io/storage.upload.target": "", "cdi.kubevirt.io/storage.contentType": "kubevirt"})
    );
    assert_eq!(body["spec"]["accessModes"], json!(["ReadWriteMany"]));
    assert!(env.sim.get("datavolumes", NS, "disk2").is_none());
}

/// A sparse raw image: holes between data at offsets aligned to nothing (an extent across the
/// 256 KiB chunk boundary, 5 bytes, the file's last 3 bytes), odd length. virtctl sends the holes
/// as zeros without reading them; the PVC must hold exactly the file, also after a cut upload
/// restarted from offset 0.
#[test]
fn a_sparse_image_is_stored_exactly_holes_and_all() {
    let env = Env::new();
    env.sim.faults().drop_after(3 << 20, 1);
    let len = (6 << 20) + 4321;
    let path = env.path("sparse.raw");
    let file = std::fs::File::create(&path).expect("image created");
    file.set_len(len as u64).expect("image sized");
    let mut data = vec![0u8; len];
    for (at, n, seed) in [(200_001, 100_000, 1), ((4 << 20) + 17, 5, 2), (len - 3, 3, 3)] {
        let bytes = pattern(n, seed);
        std::os::unix::fs::FileExt::write_all_at(&file, &bytes, at as u64).expect("data written");
        data[at..at + n].copy_from_slice(&bytes);
    }
    drop(file);
    let path = path.to_str().unwrap();

    let out = upload(&env, &["pvc", "sparse", "--size=1Gi"], path);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stderr.contains("upload attempt 1 of 5 failed: "), "{out:#?}");
    assert_eq!(env.sim.uploads()[0].bytes, 3 << 20);
    assert_received(&env, "sparse", &data);
    assert_eq!(volume_sha(&env, "sparse"), sha256(&data), "the stored bytes differ");
}

#[test]
fn compressed_images_are_sent_as_they_are() {
    let env = Env::new();
    for (name, magic) in [("gz", &b"\x1f\x8b\x08\x00"[..]), ("xz", b"\xfd7zXZ\x00")] {
        let data = with_magic(magic, (1 << 20) + 17);
        let path = write_file(&env, &format!("disk.{name}"), &data);
        let target = format!("disk-{name}");
        let out = upload(&env, &["dv", &target, "--size=1Gi"], &path);
        assert_eq!(out.code, 0, "{out:#?}");
        assert_received(&env, &target, &data);
    }
}

#[test]
fn archive_upload_goes_to_the_sync_endpoint_of_an_archive_volume() {
    let env = Env::new();
    let data = tar(&pattern(100_000, 3));
    let path = write_file(&env, "disk.tar", &data);

    let out = env.run(&[
        "image-upload",
        "dv",
        "arch",
        "--size=1Gi",
        &format!("--archive-path={path}"),
    ]);

    assert_eq!(out.code, 0, "{out:#?}");
    assert_eq!(assert_received(&env, "arch", &data), "/v1beta1/upload-archive");
    let proxy: Vec<String> = env
        .sim
        .proxy_requests()
        .iter()
        .map(|r| format!("{} {} {}", r.method, r.path, r.status))
        .collect();
    assert_eq!(proxy, ["HEAD /v1beta1/upload-async 404", "POST /v1beta1/upload 200"]);
    let dv = env.sim.get("datavolumes", NS, "arch").unwrap();
    assert_eq!(dv["spec"]["contentType"], "archive");
}

#[test]
fn no_create_uploads_into_an_existing_pvc_and_marks_it_as_upload_target() {
    let env = Env::new();
    env.sim.create(json!({
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": "existing", "namespace": NS},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}},
    }));
    let data = pattern(1 << 20, 4);
    let path = write_file(&env, "disk.raw", &data);

    let out = upload(&env, &["pvc", "existing", "--no-create"], &path);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stdout.starts_with("Using existing PVC default/existing\n"),
        "{out:#?}"
    );
    let put = env
        .sent()
        .into_iter()
        .find(|r| r.method == "PUT")
        .expect("the PVC was updated");
    assert_eq!(
        body_json(&put)["metadata"]["annotations"],
        json!({"cdi.kubevirt.io/storage.upload.target": ""})
    );
    assert_received(&env, "existing", &data);
}

#[test]
fn no_create_without_a_pvc_fails_with_not_found() {
    let env = Env::new();
    let path = write_file(&env, "disk.raw", &pattern(4096, 5));
    upload(&env, &["dv", "nothing", "--no-create"], &path).fails_after(
        "persistentvolumeclaims \"nothing\" not found",
        "PVC default/nothing not found \n",
    );
    assert!(env.sim.uploads().is_empty());
}

/// An existing PVC with these annotations, as CDI leaves them.
fn existing_pvc(env: &Env, name: &str, annotations: Value) {
    env.sim.create(json!({
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": name, "namespace": NS, "annotations": annotations},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}},
    }));
}

#[test]
fn existing_volumes_that_cannot_take_the_upload_fail_with_upstreams_words() {
    let env = Env::new();
    let path = write_file(&env, "disk.raw", &pattern(4096, 6));
    existing_pvc(&env, "plain", json!({}));
    upload(&env, &["dv", "plain"], &path).fails_with("No DataVolume is associated with the existing PVC default/plain");

    existing_pvc(
        &env,
        "collected",
        json!({"cdi.kubevirt.io/storage.deleteAfterCompletion": "true", "cdi.kubevirt.io/storage.pod.phase": "Succeeded"}),
    );
    upload(&env, &["dv", "collected"], &path)
        .fails_with("DataVolume already garbage-collected: Assuming PVC default/collected is successfully populated");

    // A populator DataVolume (no upload source, so the simulator's CDI leaves it alone).
    for (name, annotations) in [
        ("noprime", json!({})),
        (
            "lostprime",
            json!({"cdi.kubevirt.io/storage.populator.pvcPrime": "prime-lostprime"}),
        ),
    ] {
        env.sim.create(json!({
            "apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataVolume",
            "metadata": {"name": name, "namespace": NS,
                         "annotations": {"cdi.kubevirt.io/storage.usePopulator": "true"}},
            "spec": {"source": {"blank": {}}},
        }));
        existing_pvc(&env, name, annotations);
    }
    upload(&env, &["dv", "noprime"], &path).fails_with("Unable to get PVC Prime name from PVC default/noprime");
    upload(&env, &["dv", "lostprime"], &path).fails_with("Unable to get PVC Prime default/lostprime");

    existing_pvc(&env, "notarchive", json!({"cdi.kubevirt.io/storage.upload.target": ""}));
    let archive = write_file(&env, "files.tar", &tar(b"content"));
    env.run(&[
        "image-upload",
        "pvc",
        "notarchive",
        &format!("--archive-path={archive}"),
    ])
    .fails_with("PVC notarchive doesn't have archive contentType annotation");
    assert!(env.sim.uploads().is_empty());
}

#[test]
fn datasource_is_created_with_the_default_labels() {
    let env = Env::new();
    let data = pattern(65536, 6);
    let path = write_file(&env, "disk.raw", &data);

    let out = upload(
        &env,
        &[
            "dv",
            "golden",
            "--size=1Gi",
            "--datasource",
            "--default-instancetype=u1.small",
            "--default-preference=fedora",
        ],
        &path,
    );

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stdout.contains("Created a new DataSource default/golden\n"),
        "{out:#?}"
    );
    let ds = env.sim.get("datasources", NS, "golden").expect("the DataSource exists");
    assert_eq!(
        ds["spec"]["source"]["pvc"],
        json!({"name": "golden", "namespace": "default"})
    );
    assert_eq!(
        ds["metadata"]["labels"]["instancetype.kubevirt.io/default-instancetype"],
        "u1.small"
    );
    let dv = env.sim.get("datavolumes", NS, "golden").unwrap();
    assert_eq!(
        dv["metadata"]["labels"]["instancetype.kubevirt.io/default-preference"],
        "fedora"
    );
}

// ---- checks before anything is sent ---------------------------------------------------------

#[test]
fn a_too_small_size_for_a_qcow2_fails_before_any_request() {
    let env = Env::new();
    let path = write_file(&env, "big.qcow2", &qcow2(10 << 30, 4096));

    let out = upload(&env, &["dv", "small", "--size=5Gi"], &path);

    out.fails_with(&format!(
        "{path} is a qcow2 image of virtual size 10.00 GiB (10737418240 bytes), which does not fit in --size=5Gi = 5.00 GiB (5368709120 bytes)"
    ));
    assert_eq!(out.hint(), Some("hint: use --size=10Gi or larger"));
    assert!(env.sent().is_empty(), "{:#?}", env.sent());
}

#[test]
fn a_qcow2_too_big_for_an_existing_pvc_fails_before_the_upload() {
    let env = Env::new();
    env.sim.create(json!({
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": "tiny", "namespace": NS, "annotations": {"cdi.kubevirt.io/storage.upload.target": ""}},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}},
    }));
    let path = write_file(&env, "big.qcow2", &qcow2(2 << 30, 4096));

    let out = upload(&env, &["pvc", "tiny", "--no-create"], &path);

    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.error_line().ends_with("which does not fit in PVC default/tiny = 1.00 GiB (1073741824 bytes) (967.68 MiB usable after the 5.5% filesystem overhead)"),
        "{out:#?}"
    );
    assert_eq!(
        out.hint(),
        Some("hint: upload into a volume of at least 3Gi, e.g. a new one with --size=3Gi")
    );
    assert!(env.sim.proxy_requests().is_empty());
}

#[test]
fn bad_paths_and_flag_combinations_fail_with_one_line_and_no_request() {
    let env = Env::new();
    let dir = env.dir.path().to_str().unwrap().to_string();
    let cases: Vec<(Vec<String>, String)> = vec![
        (
            vec!["dv".into(), "x".into(), "--size=1Gi".into(), "--image-path=/no/such.img".into()],
            "open /no/such.img: no such file or directory".into(),
        ),
        (
            vec!["dv".into(), "x".into(), "--size=1Gi".into(), format!("--image-path={dir}")],
            format!("{dir} is a directory, not an image file"),
        ),
        (vec!["dv".into(), "x".into()], "either image-path or archive-path must be provided".into()),
        (
            vec!["dv".into(), "x".into(), "--image-path=a".into(), "--archive-path=b".into()],
            "cannot handle both image-path and archive-path, provide only one".into(),
        ),
        (vec!["disk".into(), "--image-path=a".into()], "expecting two args".into()),
        (vec!["vm".into(), "x".into(), "--image-path=a".into()], "invalid resource type vm".into()),
        (
            vec!["dv".into(), "x".into(), "--image-path=a".into(), "--access-mode=ReadOnlyMany".into()],
            "cannot upload to a readonly volume, use either ReadWriteOnce or ReadWriteMany if supported".into(),
        ),
        (
            vec!["dv".into(), "x".into(), "--image-path=a".into(), "--size=lots".into()],
            "validation failed for size=lots: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'".into(),
        ),
    ];
    for (args, error) in cases {
        let mut argv = vec!["image-upload"];
        argv.extend(args.iter().map(String::as_str));
        env.run(&argv).fails_with(&error);
    }
    assert!(env.sent().is_empty(), "{:#?}", env.sent());
}

#[test]
fn deprecated_flags_print_pflag_notices() {
    let env = Env::new();
    let data = pattern(4096, 8);
    let path = write_file(&env, "disk.raw", &data);
    let out = upload(&env, &["--pvc-name=old", "--pvc-size=1Gi"], &path);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stdout.starts_with(
        "Flag --pvc-name has been deprecated, specify the name as the second argument instead.\nFlag --pvc-size has been deprecated, use --size instead.\nPVC default/old not found \nPersistentVolumeClaim default/old created\n"
    ), "{out:#?}");
    assert_received(&env, "old", &data);
}

#[test]
fn wait_for_first_consumer_without_force_bind_fails_and_names_the_datavolume() {
    let env = Env::new();
    let path = write_file(&env, "disk.raw", &pattern(4096, 9));
    let out = upload(&env, &["dv", "wffc", "--size=1Gi", "--storage-class=local-wffc"], &path);
    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(
        out.error_line(),
        "cannot upload to DataVolume in WaitForFirstConsumer phase, make sure the PVC is Bound, or use force-bind flag"
    );
    assert!(out.stderr.contains("DataVolume default/wffc was created and is left in place; retry with `virtctl image-upload dv wffc -n default --no-create --image-path="), "{out:#?}");
    assert!(
        out.stderr
            .contains("or remove it with `kubectl delete datavolume wffc -n default`"),
        "{out:#?}"
    );

    let forced = upload(
        &env,
        &[
            "dv",
            "forced",
            "--size=1Gi",
            "--storage-class=local-wffc",
            "--force-bind",
        ],
        &path,
    );
    assert_eq!(forced.code, 0, "{forced:#?}");
}

// ---- faults ---------------------------------------------------------------------------------

#[test]
fn dropped_connections_are_retried_from_the_start() {
    let env = Env::new();
    env.sim.faults().drop_after(512 * 1024, 2);
    let data = pattern(2 << 20, 10);
    let path = write_file(&env, "disk.raw", &data);

    let out = upload(&env, &["dv", "flaky", "--size=1Gi"], &path);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stderr.contains("upload attempt 1 of 5 failed: "), "{out:#?}");
    assert!(out.stderr.contains("upload attempt 2 of 5 failed: "), "{out:#?}");
    let uploads = env.sim.uploads();
    assert_eq!(uploads.len(), 3, "{uploads:#?}");
    assert_eq!(uploads[0].bytes, 512 * 1024);
    assert_eq!(uploads[0].status, 0);
    assert_received(&env, "flaky", &data);
}

#[test]
fn an_upload_pod_that_is_not_ready_is_waited_for() {
    let env = Env::new();
    env.sim.faults().set_proxy_ready_wait(Duration::from_millis(200));
    env.sim.faults().not_ready_for(Duration::from_millis(1500));
    let data = pattern(1 << 20, 12);
    let path = write_file(&env, "disk.raw", &data);

    let out = upload(&env, &["dv", "restarting", "--size=1Gi"], &path);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stderr
            .contains("failed: unexpected return value 503, timed out waiting for the condition; retrying in"),
        "{out:#?}"
    );
    assert_received(&env, "restarting", &data);
}

#[test]
fn a_rejection_is_final_and_says_what_is_left_behind() {
    let env = Env::new();
    env.sim.faults().reject(
        400,
        "effective image size is larger than the reported available storage",
        5,
    );
    let data = pattern(1 << 20, 13);
    let path = write_file(&env, "disk.raw", &data);

    let out = upload(&env, &["pvc", "rejected", "--size=1Gi"], &path);

    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(
        out.stderr_lines(),
        [
            "error uploading image: unexpected return value 400, Saving stream failed: effective image size is larger than the reported available storage",
            "hint: upload pod cdi-upload-rejected logged: E0000 uploadserver.go:470] Saving stream failed: effective image size is larger than the reported available storage",
            &format!(
                "hint: PersistentVolumeClaim default/rejected was created and is left in place with its upload pod default/cdi-upload-rejected; retry with `virtctl image-upload pvc rejected -n default --no-create --image-path={path}`, or remove it with `kubectl delete pvc rejected -n default`"
            ),
        ]
    );
    assert_eq!(env.sim.uploads().len(), 1, "a 400 is not retried");
    assert!(env.sim.get("persistentvolumeclaims", NS, "rejected").is_some());
}

#[test]
fn retries_run_out_with_upstreams_message() {
    let env = Env::new();
    env.sim.faults().drop_after(1000, 10);
    let path = write_file(&env, "disk.raw", &pattern(100_000, 14));

    let out = upload(&env, &["dv", "doomed", "--size=1Gi", "--retry=2"], &path);

    assert_eq!(out.code, 1, "{out:#?}");
    let error = out
        .stderr_lines()
        .into_iter()
        .find(|l| l.starts_with("error uploading image after 2 retries: "))
        .unwrap_or_else(|| panic!("{out:#?}"));
    assert!(
        error.starts_with("error uploading image after 2 retries: Post \""),
        "{error}"
    );
    assert_eq!(env.sim.uploads().len(), 2);
}

#[test]
fn an_expired_token_is_refreshed_on_a_retry() {
    let env = Env::new();
    env.sim.faults().drop_after(1000, 1);
    env.sim.faults().unauthorized(1, 1);
    let data = pattern(200_000, 15);
    let path = write_file(&env, "disk.raw", &data);

    let out = upload(&env, &["dv", "refresh", "--size=1Gi"], &path);

    assert_eq!(out.code, 0, "{out:#?}");
    let tokens = env
        .sent()
        .into_iter()
        .filter(|r| r.path.ends_with("/uploadtokenrequests"))
        .count();
    assert_eq!(tokens, 2, "a second token was requested");
    assert_received(&env, "refresh", &data);
}

#[test]
fn a_401_on_the_first_attempt_is_an_authentication_failure() {
    let env = Env::new();
    env.sim.faults().unauthorized(0, 1);
    let path = write_file(&env, "disk.raw", &pattern(1000, 16));
    let out = upload(&env, &["dv", "denied", "--size=1Gi"], &path);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.stderr_lines()
            .contains(&"authentication failed: unexpected return value 401, ")
    );
}

/// The proxy answers a large upload it refuses after reading at most 256 KiB of it and closes
/// the connection, as Go's server does; virtctl reports the answer, not the broken pipe its
/// unfinished write then meets.
#[test]
fn a_large_upload_refused_early_reports_the_proxys_answer() {
    let env = Env::new();
    env.sim.faults().unauthorized(0, 1);
    let size = 32 << 20;
    let path = write_file(&env, "big.raw", &pattern(size, 17));

    let out = upload(&env, &["dv", "denied", "--size=1Gi"], &path);

    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.stderr_lines()
            .contains(&"authentication failed: unexpected return value 401, "),
        "{out:#?}"
    );
    assert!(!out.stderr.to_lowercase().contains("broken pipe"), "{out:#?}");
    let refused: Vec<_> = env
        .sim
        .proxy_requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .collect();
    assert_eq!(refused.len(), 1, "{refused:#?}");
    assert_eq!(refused[0].status, 401);
    let read = refused[0].body_read.expect("a rejection records what it read");
    assert!(
        read < 1 << 20,
        "read {read} bytes of a {size}-byte body before answering"
    );
    assert!(env.sim.uploads().is_empty(), "nothing reached the upload server");
}

/// A slow upload server pushes back: virtctl's memory stays flat while a file several times
/// larger than its buffers crawls through.
#[test]
fn a_slow_reader_gets_backpressure_not_buffering() {
    let env = Env::new();
    let size = 48 << 20;
    env.sim.faults().slow_reader(Some(24 << 20));
    let data = pattern(size, 17);
    let path = write_file(&env, "disk.raw", &data);

    let mut child = std::process::Command::new(crate::support::virtctl_bin())
        .args(["--kubeconfig", env.kubeconfig.to_str().unwrap()])
        .args([
            "image-upload",
            "dv",
            "slow",
            "--size=1Gi",
            &format!("--image-path={path}"),
        ])
        .env("HOME", env.dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("virtctl starts");
    let started = Instant::now();
    let mut peak_kib = 0u64;
    let status = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break status;
        }
        if let Ok(text) = std::fs::read_to_string(format!("/proc/{}/status", child.id()))
            && let Some(kib) = text
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        {
            peak_kib = peak_kib.max(kib);
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the upload hangs");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
    assert!(
        started.elapsed() >= Duration::from_millis(1500),
        "the reader was not slow"
    );
    if cfg!(target_os = "linux") {
        assert!(peak_kib > 0);
        assert!(
            peak_kib < 40 * 1024,
            "virtctl's RSS reached {peak_kib} KiB for a {size}-byte file"
        );
    }
    assert_received(&env, "slow", &data);
}
