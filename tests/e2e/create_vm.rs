//! `create vm` beyond the recorded upstream cases: a table per flag family (valid and invalid),
//! the printed YAML parsed and compared where the flag lands; what we print is accepted by the
//! simulator's admission (directly and through `kubectl apply -f -`) and the VM then starts.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::support::*;

/// What one argument list must give.
enum Expect {
    /// Exit 0; the parsed manifest holds `value` at the JSON `pointer` (`null`: absent).
    At(&'static str, Value),
    /// Exit 1 with this error line and nothing on stdout.
    Fails(&'static str),
}

use Expect::{At, Fails};

/// One case: the arguments after `create vm --name=vm1` and what they must give.
fn c(args: &[&'static str], expect: Expect) -> (Vec<&'static str>, Expect) {
    (args.to_vec(), expect)
}

/// Runs `create vm --name=vm1 ARGS` for every case; the manifest is read back from its YAML.
fn check(cases: Vec<(Vec<&str>, Expect)>) {
    let home = tempfile::tempdir().unwrap();
    let mut wrong = Vec::new();
    for (args, expect) in cases {
        let out = Outcome::of(
            bare_virtctl(home.path())
                .args(["create", "vm", "--name=vm1"])
                .args(&args),
        );
        match expect {
            At(pointer, expected) => {
                if out.code != 0 {
                    wrong.push(format!("{args:?}: failed: {out:?}"));
                    continue;
                }
                let manifest: Value = serde_saphyr::from_str(&out.stdout).expect("the output is YAML");
                let found = manifest.pointer(pointer).cloned().unwrap_or(Value::Null);
                if found != expected {
                    wrong.push(format!(
                        "{args:?}: at {pointer}\n  expected {expected}\n  found    {found}"
                    ));
                }
            }
            // The error is the last line; notes (deprecated flags, warnings) may come first.
            Fails(line) => {
                if out.code != 1 || !out.stdout.is_empty() || out.stderr.lines().last() != Some(line) {
                    wrong.push(format!("{args:?}: expected failure {line:?}, got {out:?}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{} cases differ:\n{}", wrong.len(), wrong.join("\n"));
}

const VOLUMES: &str = "/spec/template/spec/volumes";

#[test]
fn run_strategy_grace_period_and_memory() {
    check(vec![
        c(&["--run-strategy=once"], At("/spec/runStrategy", json!("Once"))),
        c(&["--run-strategy=MANUAL"], At("/spec/runStrategy", json!("Manual"))),
        c(
            &["--termination-grace-period=0"],
            At("/spec/template/spec/terminationGracePeriodSeconds", json!(0)),
        ),
        c(
            &["--memory=1024Mi"],
            At("/spec/template/spec/domain/memory", json!({"guest": "1Gi"})),
        ),
        c(
            &["--memory=0.5Gi"],
            At("/spec/template/spec/domain/memory/guest", json!("512Mi")),
        ),
        c(&["-o", "json"], At("/metadata/name", json!("vm1"))),
        c(
            &["--termination-grace-period=x"],
            Fails(
                "invalid argument \"x\" for \"--termination-grace-period\" flag: strconv.ParseInt: parsing \"x\": invalid syntax",
            ),
        ),
        c(
            &["--run-strategy=WaitAsReceiver"],
            Fails(
                "failed to parse \"--run-strategy\" flag: invalid run strategy \"WaitAsReceiver\", supported values are: Always, Manual, Halted, Once, RerunOnFailure",
            ),
        ),
        c(
            &["--memory=1Gi", "--infer-instancetype"],
            Fails(
                "if any flags in the group [memory instancetype infer-instancetype infer-instancetype-from] are set none of the others can be; [infer-instancetype memory] were all set",
            ),
        ),
    ]);
}

#[test]
fn instancetype_preference_and_inference() {
    check(vec![
        c(
            &["--instancetype=VirtualMachineClusterInstancetype/u1.small"],
            At(
                "/spec/instancetype",
                json!({"kind": "virtualmachineclusterinstancetype", "name": "u1.small"}),
            ),
        ),
        c(
            &["--instancetype=u1.small"],
            At("/spec/template/spec/domain/memory", Value::Null),
        ),
        c(
            &["--preference=VirtualMachinePreference/p"],
            At(
                "/spec/preference",
                json!({"kind": "virtualmachinepreference", "name": "p"}),
            ),
        ),
        // Implicit inference from the first volume keeps the memory and tolerates failure.
        c(
            &["--volume-pvc=src:disk"],
            At(
                "/spec/instancetype",
                json!({"inferFromVolume": "disk", "inferFromVolumeFailurePolicy": "Ignore"}),
            ),
        ),
        c(
            &["--volume-pvc=src:disk"],
            At(
                "/spec/preference",
                json!({"inferFromVolume": "disk", "inferFromVolumeFailurePolicy": "Ignore"}),
            ),
        ),
        c(
            &["--volume-pvc=src:disk"],
            At("/spec/template/spec/domain/memory/guest", json!("512Mi")),
        ),
        // Explicit inference takes the lowest boot order and drops the memory.
        c(
            &[
                "--volume-pvc=src:a",
                "--volume-pvc=src:b,bootorder:1",
                "--infer-instancetype",
            ],
            At("/spec/instancetype", json!({"inferFromVolume": "b"})),
        ),
        c(
            &["--volume-pvc=src:a", "--infer-instancetype"],
            At("/spec/template/spec/domain/memory", Value::Null),
        ),
        c(
            &["--volume-pvc=src:a", "--volume-pvc=src:b", "--infer-preference-from=b"],
            At("/spec/preference", json!({"inferFromVolume": "b"})),
        ),
        c(
            &["--volume-import=type:registry,url:docker://r/i,size:1Gi,name:root"],
            At("/spec/instancetype/inferFromVolume", json!("root")),
        ),
        // Implicit inference from a containerdisk silently does nothing.
        c(
            &["--volume-containerdisk=src:img"],
            At("/spec/instancetype", Value::Null),
        ),
        c(
            &["--volume-pvc=src:a", "--infer-preference=false"],
            At("/spec/preference", Value::Null),
        ),
        c(
            &["--volume-containerdisk=src:img", "--infer-preference"],
            Fails("inference of instancetype or preference works only with datasources, datavolumes or pvcs"),
        ),
        c(
            &["--volume-pvc=src:a", "--infer-instancetype-from=nope"],
            Fails("there is no volume with name \"nope\""),
        ),
        c(
            &["--infer-preference"],
            Fails("at least one volume is needed to infer an instance type or preference"),
        ),
        c(
            &[
                "--volume-import=type:http,url:http://x,size:1Gi",
                "--infer-instancetype",
            ],
            Fails(
                "this datavolume is not valid to infer an instancetype or preference from (source needs to be PVC, Registry or Snapshot, sourceRef needs to be DataSource)",
            ),
        ),
        c(
            &["--preference=foo/p"],
            Fails(
                "failed to parse \"--preference\" flag: invalid preference kind \"foo\", supported values are: virtualmachinepreference, virtualmachineclusterpreference",
            ),
        ),
        c(
            &["--instancetype="],
            Fails("failed to parse \"--instancetype\" flag: name cannot be empty"),
        ),
        c(
            &["--preference=p", "--infer-preference-from=x"],
            Fails(
                "if any flags in the group [preference infer-preference infer-preference-from] are set none of the others can be; [infer-preference-from preference] were all set",
            ),
        ),
    ]);
}

#[test]
fn containerdisk_pvc_and_sysprep_volumes_with_boot_order() {
    check(vec![
        c(
            &["--volume-containerdisk=src:img"],
            At(
                VOLUMES,
                json!([{"containerDisk": {"image": "img"}, "name": "vm1-containerdisk-0"}]),
            ),
        ),
        c(
            &["--volume-pvc=src:claim,name:root,bootorder:3"],
            At(
                VOLUMES,
                json!([{"name": "root", "persistentVolumeClaim": {"claimName": "claim"}}]),
            ),
        ),
        c(
            &["--volume-pvc=src:claim,name:root,bootorder:3"],
            At(
                "/spec/template/spec/domain/devices",
                json!({"disks": [{"bootOrder": 3, "name": "root"}]}),
            ),
        ),
        c(
            &["--volume-sysprep=src:s,type:Secret"],
            At(
                VOLUMES,
                json!([{"name": "sysprepdisk", "sysprep": {"secret": {"name": "s"}}}]),
            ),
        ),
        c(
            &["--volume-sysprep=src:cm"],
            At(
                "/spec/template/spec/volumes/0/sysprep",
                json!({"configMap": {"name": "cm"}}),
            ),
        ),
        c(
            &["--volume-pvc=src:a,bootorder:x"],
            Fails(
                "failed to parse \"--volume-pvc\" flag: failed to parse param \"bootorder\": strconv.ParseUint: parsing \"x\": invalid syntax",
            ),
        ),
        c(
            &["--volume-pvc=src:a/b/c"],
            Fails("failed to parse \"--volume-pvc\" flag: src invalid: invalid count 2 of slashes in prefix/name"),
        ),
        c(
            &["--volume-containerdisk=src:img,name:a.b"],
            Fails("failed to parse \"--volume-containerdisk\" flag: invalid name \"a.b\": must not contain dots"),
        ),
        c(
            &["--volume-sysprep=src:ns/s"],
            Fails(
                "failed to parse \"--volume-sysprep\" flag: not allowed to specify namespace of configmap or secret \"s\"",
            ),
        ),
        c(
            &["--volume-sysprep=type:secret"],
            Fails("failed to parse \"--volume-sysprep\" flag: src must be specified"),
        ),
    ]);
}

#[test]
fn every_import_type_and_its_required_params() {
    let dv = "/spec/dataVolumeTemplates/0/spec";
    check(vec![
        c(
            &["--volume-import=type:gcs,url:gs://b/x,size:1Gi"],
            At(
                dv,
                json!({"source": {"gcs": {"url": "gs://b/x"}}, "storage": {"resources": {"requests": {"storage": "1Gi"}}}}),
            ),
        ),
        c(
            &["--volume-import=type:http,url:http://x,size:1Gi,secretextraheaders:a;b"],
            At(
                "/spec/dataVolumeTemplates/0/spec/source",
                json!({"http": {"url": "http://x", "secretExtraHeaders": ["a", "b"]}}),
            ),
        ),
        c(
            &["--volume-import=type:imageio,url:https://o,diskid:d,size:1Gi,certconfigmap:c"],
            At(
                "/spec/dataVolumeTemplates/0/spec/source",
                json!({"imageio": {"url": "https://o", "diskId": "d", "certConfigMap": "c"}}),
            ),
        ),
        c(
            &["--volume-import=type:registry,imagestream:is,pullmethod:node,size:2048"],
            At(
                "/spec/dataVolumeTemplates/0/spec",
                json!({"source": {"registry": {"imageStream": "is", "pullMethod": "node"}}, "storage": {"resources": {"requests": {"storage": "2048"}}}}),
            ),
        ),
        c(
            &["--volume-import=type:s3,url:https://s3/x,size:1Gi,certconfigmap:c"],
            At(
                "/spec/dataVolumeTemplates/0/spec/source",
                json!({"s3": {"url": "https://s3/x", "certConfigMap": "c"}}),
            ),
        ),
        c(
            &[
                "--volume-import=type:vddk,url:https://vc,uuid:u,thumbprint:t,secretref:s,backingfile:b,initimageurl:i,size:1Gi",
            ],
            At(
                "/spec/dataVolumeTemplates/0/spec/source/vddk",
                json!({"url": "https://vc", "uuid": "u", "thumbprint": "t", "secretRef": "s", "backingFile": "b", "initImageURL": "i"}),
            ),
        ),
        c(
            &["--volume-import=type:snapshot,src:ns/snap,name:root,size:1Gi"],
            At(
                "/spec/dataVolumeTemplates/0",
                json!({"metadata": {"name": "root"}, "spec": {"source": {"snapshot": {"name": "snap", "namespace": "ns"}}, "storage": {"resources": {"requests": {"storage": "1Gi"}}}}}),
            ),
        ),
        c(
            &["--volume-import=type:ds,src:fedora,name:root,bootorder:1"],
            At(VOLUMES, json!([{"dataVolume": {"name": "root"}, "name": "root"}])),
        ),
        c(
            &["--volume-import=type:ds,src:fedora,name:root,bootorder:1"],
            At(
                "/spec/template/spec/domain/devices/disks",
                json!([{"bootOrder": 1, "name": "root"}]),
            ),
        ),
        // Deprecated aliases: each value prepended, so blank, clone-pvc, datasource (each group
        // reversed), then --volume-import.
        c(
            &[
                "--volume-blank=name:b1,size:1Gi",
                "--volume-blank=name:b2,size:1Gi",
                "--volume-import=type:blank,name:i1,size:1Gi",
                "--volume-datasource=name:d1,src:ds",
            ],
            At(
                "/spec/dataVolumeTemplates",
                json!([
                    {"metadata": {"name": "b2"}, "spec": {"source": {"blank": {}}, "storage": {"resources": {"requests": {"storage": "1Gi"}}}}},
                    {"metadata": {"name": "b1"}, "spec": {"source": {"blank": {}}, "storage": {"resources": {"requests": {"storage": "1Gi"}}}}},
                    {"metadata": {"name": "d1"}, "spec": {"sourceRef": {"kind": "DataSource", "name": "ds"}, "storage": {"resources": {}}}},
                    {"metadata": {"name": "i1"}, "spec": {"source": {"blank": {}}, "storage": {"resources": {"requests": {"storage": "1Gi"}}}}},
                ]),
            ),
        ),
        c(
            &["--volume-import=size:1Gi"],
            Fails("failed to parse \"--volume-import\" flag: type must be specified"),
        ),
        c(
            &["--volume-import=type:s3,size:1Gi"],
            Fails("failed to parse \"--volume-import\" flag: url is required with s3 volume source"),
        ),
        c(
            &["--volume-import=type:gcs,size:1Gi"],
            Fails("failed to parse \"--volume-import\" flag: url is required with gcs volume source"),
        ),
        c(
            &["--volume-import=type:http,size:1Gi"],
            Fails("failed to parse \"--volume-import\" flag: url is required with http volume source"),
        ),
        c(
            &["--volume-import=type:imageio,url:https://o,size:1Gi"],
            Fails(
                "failed to parse \"--volume-import\" flag: url and diskid are both required with imageio volume source",
            ),
        ),
        c(
            &["--volume-import=type:vddk,url:https://vc,uuid:u,secretref:s,backingfile:b,size:1Gi"],
            Fails("failed to parse \"--volume-import\" flag: thumbprint is required with vddk volume source"),
        ),
        c(
            &["--volume-import=type:registry,url:docker://r/i,pullmethod:pull,size:1Gi"],
            Fails("failed to parse \"--volume-import\" flag: pullmethod must be set to pod or node (pullmethod:pull)"),
        ),
        c(
            &["--volume-import=type:snapshot,src:snap"],
            Fails("failed to parse \"--volume-import\" flag: namespace of snapshot \"snap\" must be specified"),
        ),
        c(
            &["--volume-import=type:ds"],
            Fails("failed to parse \"--volume-import\" flag: src must be specified"),
        ),
        c(
            &["--volume-import=type:blank,size:lots"],
            Fails(
                "failed to parse \"--volume-import\" flag: failed to parse param \"size\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            ),
        ),
        c(
            &["--volume-import=type:blank,size:1Gi,name:x", "--volume-pvc=src:x"],
            Fails("failed to parse \"--volume-import\" flag: there is already a volume with name \"x\""),
        ),
        c(
            &["--volume-blank="],
            Fails("failed to parse \"--volume-import\" flag: params may not be empty"),
        ),
    ]);
}

#[test]
fn cloud_init_sources_and_generated_user_data() {
    let home = tempfile::tempdir().unwrap();
    let password = home.path().join("pw");
    std::fs::write(&password, "  s3cret\n").unwrap();
    let password_flag = format!("--password-file={}", password.display());
    let password_args: [&'static str; 1] = [Box::leak(password_flag.into_boxed_str())];
    check(vec![
        c(
            &["--cloud-init=configdrive"],
            At(
                VOLUMES,
                json!([{"cloudInitConfigDrive": {"userData": "#cloud-config"}, "name": "cloudinitdisk"}]),
            ),
        ),
        c(
            &["--cloud-init-network-data=bmV0"],
            At(
                "/spec/template/spec/volumes/0/cloudInitNoCloud",
                json!({"networkDataBase64": "bmV0", "userData": "#cloud-config"}),
            ),
        ),
        c(
            &["--cloud-init-user-data=dXNlcg==", "--cloud-init=ConfigDrive"],
            At(
                "/spec/template/spec/volumes/0/cloudInitConfigDrive",
                json!({"userDataBase64": "dXNlcg=="}),
            ),
        ),
        c(
            &password_args,
            At(
                "/spec/template/spec/volumes/0/cloudInitNoCloud/userData",
                json!("#cloud-config\npassword: s3cret\nchpasswd: { expire: False }"),
            ),
        ),
        c(
            &["--ssh-key=a b,c", "--ssh-key=\"d,e\""],
            At(
                "/spec/template/spec/volumes/0/cloudInitNoCloud/userData",
                json!("#cloud-config\nssh_authorized_keys:\n  - a b\n  - c\n  - d,e"),
            ),
        ),
        c(
            &["--user=u", "--ga-manage-ssh=false"],
            At(
                "/spec/template/spec/volumes/0/cloudInitNoCloud/userData",
                json!("#cloud-config\nuser: u"),
            ),
        ),
        c(&["--ga-manage-ssh=false"], At(VOLUMES, Value::Null)),
        c(&["--cloud-init=none", "--ssh-key=k"], At(VOLUMES, Value::Null)),
        c(
            &["--cloud-init=bogus"],
            Fails(
                "failed to parse \"--cloud-init\" flag: invalid cloud-init data source type \"bogus\", supported values are: nocloud, configdrive, none",
            ),
        ),
        c(
            &["--password-file=/no/such/file"],
            Fails("failed to parse \"--password-file\" flag: open /no/such/file: no such file or directory"),
        ),
        c(
            &["--volume-pvc=src:c,name:cloudinitdisk", "--user=u"],
            Fails("there is already a volume with name \"cloudinitdisk\""),
        ),
        c(
            &["--cloud-init-user-data=dXNlcg==", "--ga-manage-ssh"],
            Fails(
                "if any flags in the group [cloud-init-user-data ga-manage-ssh] are set none of the others can be; [cloud-init-user-data ga-manage-ssh] were all set",
            ),
        ),
        c(
            &["--ssh-key=a\"b"],
            Fails(
                "invalid argument \"a\\\"b\" for \"--ssh-key\" flag: parse error on line 1, column 2: bare \" in non-quoted-field",
            ),
        ),
    ]);
}

#[test]
fn access_credentials_and_what_they_switch_on() {
    check(vec![
        c(
            &["--access-cred=src:k,user:fedora"],
            At(
                "/spec/template/spec/accessCredentials",
                json!([{"sshPublicKey": {
                "propagationMethod": {"qemuGuestAgent": {"users": ["fedora"]}},
                "source": {"secret": {"secretName": "k"}}}}]),
            ),
        ),
        // The guest agent method turns --ga-manage-ssh on, hence the cloud-init runcmd.
        c(
            &["--access-cred=src:k", "--user=fedora"],
            At(
                "/spec/template/spec/volumes/0/cloudInitNoCloud/userData",
                json!("#cloud-config\nuser: fedora\nruncmd:\n  - [ setsebool, -P, 'virt_qemu_ga_manage_ssh', 'on' ]"),
            ),
        ),
        c(
            &["--access-cred=src:k,method:configdrive"],
            At(
                "/spec/template/spec",
                json!({
                "accessCredentials": [{"sshPublicKey": {"propagationMethod": {"configDrive": {}}, "source": {"secret": {"secretName": "k"}}}}],
                "domain": {"devices": {}, "memory": {"guest": "512Mi"}, "resources": {}},
                "terminationGracePeriodSeconds": 180,
                "volumes": [{"cloudInitConfigDrive": {"userData": "#cloud-config"}, "name": "cloudinitdisk"}]}),
            ),
        ),
        c(
            &[
                "--access-cred=type:password,src:p",
                "--access-cred=src:k,method:NoCloud",
            ],
            At(
                "/spec/template/spec/accessCredentials",
                json!([
                {"userPassword": {"propagationMethod": {"qemuGuestAgent": {}}, "source": {"secret": {"secretName": "p"}}}},
                {"sshPublicKey": {"propagationMethod": {"noCloud": {}}, "source": {"secret": {"secretName": "k"}}}}]),
            ),
        ),
        c(
            &["--cloud-init=configdrive", "--access-cred=src:k,method:nocloud"],
            Fails(
                "failed to parse \"--access-cred\" flag: method param and value passed to --cloud-init have to match: nocloud vs configdrive",
            ),
        ),
        c(
            &["--access-cred=type:password,src:p,user:u"],
            Fails(
                "failed to parse \"--access-cred\" flag: user cannot be specified with selected access credential type and method (user:u)",
            ),
        ),
        c(
            &["--access-cred=type:password,src:p,method:nocloud"],
            Fails(
                "failed to parse \"--access-cred\" flag: invalid access credentials password method \"nocloud\", supported values are: ga",
            ),
        ),
        c(
            &["--access-cred=type:key,src:p"],
            Fails(
                "failed to parse \"--access-cred\" flag: invalid access credential type \"key\", supported values are: ssh, password",
            ),
        ),
        c(
            &["--access-cred=src:k,method:agent"],
            Fails(
                "failed to parse \"--access-cred\" flag: invalid access credentials ssh method \"agent\", supported values are: ga, nocloud, configdrive",
            ),
        ),
        c(
            &["--access-cred=method:ga"],
            Fails("failed to parse \"--access-cred\" flag: src must be specified"),
        ),
        c(
            &["--access-cred=src:k,colour:red"],
            Fails("failed to parse \"--access-cred\" flag: unknown param(s): colour:red"),
        ),
    ]);
}

#[test]
fn password_file_warns_and_names_the_secret_alternative() {
    let home = tempfile::tempdir().unwrap();
    let password = home.path().join("pw");
    std::fs::write(&password, "pw\n").unwrap();
    let out = Outcome::of(
        bare_virtctl(home.path())
            .args(["create", "vm", "--name=vm1", "--password-file"])
            .arg(&password),
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stderr_lines(),
        [
            "WARNING: --password-file: The password is stored in cleartext in the VM definition!",
            "hint: anyone who can read the VM can read it; to keep the password in a Secret instead, use \
             --access-cred type:password,src:SECRET",
        ]
    );
}

/// The VM manifests the admission tests create: one per volume family and credential kind.
const ADMITTED: [&[&str]; 5] = [
    &[
        "--volume-containerdisk=src:quay.io/containerdisks/fedora:41,bootorder:1",
        "--user=fedora",
        "--ssh-key=ssh-ed25519 AAAA k",
    ],
    &[
        "--instancetype=u1.medium",
        "--preference=fedora",
        "--volume-import=type:ds,src:os-images/fedora,size:30Gi",
    ],
    &[
        "--volume-pvc=src:root",
        "--volume-import=type:blank,size:1Gi",
        "--infer-instancetype",
        "--run-strategy=Halted",
    ],
    &[
        "--volume-import=type:registry,url:docker://quay.io/containerdisks/fedora:41,size:10Gi",
        "--access-cred=type:password,src:pw",
    ],
    &[
        "--volume-containerdisk=src:img",
        "--volume-sysprep=src:unattend",
        "--cloud-init=configdrive",
        "--access-cred=src:k,method:configdrive",
    ],
];

#[test]
fn what_we_print_passes_the_simulators_admission() {
    let env = Env::snapshot();
    for (i, args) in ADMITTED.iter().enumerate() {
        let name = format!("admitted-{i}");
        let out = env.run(&[&["create", "vm", "-n", NS, "--name", &name][..], args].concat());
        assert_eq!(out.code, 0, "{args:?}: {out:?}");
        let manifest: Value = serde_saphyr::from_str(&out.stdout).expect("the output is YAML");
        let created = env
            .sim
            .try_create(manifest.clone())
            .unwrap_or_else(|e| panic!("{args:?}: the simulator rejected our manifest: {e}"));
        assert_eq!(created["spec"], manifest["spec"], "{args:?}: the stored spec differs");
    }
}

/// `kubectl` on PATH, or `None` with a note; under `CI=true` a missing kubectl fails the test.
fn kubectl_or_note() -> Option<()> {
    let found = Command::new("kubectl")
        .args(["version", "--client"])
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(());
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "kubectl is required under CI=true for the create vm | kubectl apply test"
    );
    eprintln!("note: kubectl is not installed; the create vm | kubectl apply test did not run");
    None
}

#[test]
fn create_vm_piped_into_kubectl_apply_creates_a_vm_that_starts() {
    if kubectl_or_note().is_none() {
        return;
    }
    let env = Env::new();
    let out = env.run(&[
        "create",
        "vm",
        "--name=applied",
        "--run-strategy=Halted",
        "--volume-containerdisk=src:quay.io/containerdisks/fedora:41",
        "--user=fedora",
        "--ssh-key=ssh-ed25519 AAAA k",
    ]);
    assert_eq!(out.code, 0, "{out:?}");

    let mut kubectl = Command::new("kubectl")
        .arg("--kubeconfig")
        .arg(&env.kubeconfig)
        .arg("--cache-dir")
        .arg(env.path("kubectl-cache"))
        .args(["apply", "-f", "-"])
        .env_remove("KUBECONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kubectl runs");
    kubectl.stdin.take().unwrap().write_all(out.stdout.as_bytes()).unwrap();
    let applied = kubectl.wait_with_output().unwrap();
    assert!(
        applied.status.success(),
        "kubectl apply failed: {}{}",
        String::from_utf8_lossy(&applied.stdout),
        String::from_utf8_lossy(&applied.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&applied.stdout),
        "virtualmachine.kubevirt.io/applied created\n"
    );

    let manifest: Value = serde_saphyr::from_str(&out.stdout).unwrap();
    let stored = env.vm("applied").expect("kubectl created the VM");
    assert_eq!(
        stored["spec"]["template"]["spec"]["volumes"],
        manifest["spec"]["template"]["spec"]["volumes"]
    );
    assert_eq!(stored["spec"]["runStrategy"], "Halted");

    env.run(&["start", "applied"])
        .ok_quiet("VM applied was scheduled to start\n");
    let vmi = env.wait_vmi("applied", "to run", is_running);
    assert_eq!(
        vmi["spec"]["volumes"][0]["containerDisk"]["image"],
        "quay.io/containerdisks/fedora:41"
    );
}

#[test]
fn the_simulator_rejects_what_virt_api_rejects_in_a_vm_template() {
    let env = Env::snapshot();
    let out = env.run(&[
        "create",
        "vm",
        "-n",
        NS,
        "--name=broken",
        "--volume-pvc=src:a,bootorder:1",
        "--volume-pvc=src:b,bootorder:2",
        "--access-cred=src:k,method:nocloud",
    ]);
    assert_eq!(out.code, 0, "{out:?}");
    let manifest: Value = serde_saphyr::from_str(&out.stdout).unwrap();
    let denied = |edit: &dyn Fn(&mut Value), message: &str| {
        let mut broken = manifest.clone();
        edit(&mut broken);
        let err = env.sim.try_create(broken).expect_err("the simulator must reject it");
        assert_eq!((err.code, err.reason.as_str()), (422, "Invalid"), "{err}");
        assert_eq!(
            err.message,
            format!("admission webhook \"virtualmachine-validator.kubevirt.io\" denied the request: {message}")
        );
    };
    let spec = "/spec/template/spec";
    denied(
        &|m| {
            m.pointer_mut(&format!("{spec}/domain/devices/disks/1/bootOrder"))
                .map(|v| *v = json!(1))
                .unwrap()
        },
        "Boot order for spec.template.spec.domain.devices.disks[1].bootOrder already set for a different device.",
    );
    denied(
        &|m| {
            m.pointer_mut(&format!("{spec}/domain/devices/disks/0/name"))
                .map(|v| *v = json!("c"))
                .unwrap()
        },
        "spec.template.spec.domain.devices.disks[0].Name 'c' not found.",
    );
    denied(
        &|m| {
            m.pointer_mut(&format!("{spec}/volumes/1/name"))
                .map(|v| *v = json!("a"))
                .unwrap()
        },
        "spec.template.spec.volumes[1] and spec.template.spec.volumes[0] must not have the same Name.",
    );
    denied(
        &|m| {
            let volumes = m
                .pointer_mut(&format!("{spec}/volumes"))
                .unwrap()
                .as_array_mut()
                .unwrap();
            volumes.retain(|v| v["name"] != "cloudinitdisk");
        },
        "spec.template.spec.accessCredentials[0] requires a noCloud volume to exist when the noCloud propagationMethod is in use.",
    );
    env.sim
        .try_create(manifest)
        .expect("the manifest as printed is accepted");
}
