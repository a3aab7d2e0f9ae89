//! The bad-input table: every way a user can hand virtctl something wrong (files, sizes, targets,
//! flags, kubeconfigs, credentials, TLS, API answers from 401 to 5xx, unreachable or wrong-protocol
//! servers), each run against a fresh simulator. One test runs every case and reports all the
//! cases that fail at once. Each case asserts the exit status, exactly one error line (only
//! `hint:` lines may follow it), no panic or backtrace text, and that the cluster's objects are
//! unchanged unless the message names what was left.

use std::collections::BTreeMap;
use std::time::Duration;

use kubevirt_sim::fixtures;

use crate::support::*;

/// What kind of bad input a case is (RELIABILITY.md counts them per kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    File,
    Size,
    Target,
    Flag,
    Kubeconfig,
    Token,
    Tls,
    Status,
    Connection,
}

/// How the expected line is compared.
#[derive(Debug, Clone, Copy)]
enum Line {
    /// the whole error line
    Is(&'static str),
    /// its start (the rest holds a port, a path or an OS text)
    Starts(&'static str),
}

struct Case {
    kind: Kind,
    /// prepares the simulator or the kubeconfig before the run
    setup: fn(&Env),
    /// virtctl's arguments after `--kubeconfig`; `{dir}`, `{url}` and `{http}` are replaced by
    /// the test's directory, the simulator's URL and that URL with `http://` (in the expected
    /// line too, and `{start}` by the path of vm1's `start` subresource)
    args: &'static [&'static str],
    code: i32,
    line: Line,
    /// objects (`resource/name`) the command leaves on the cluster: the first is the one the
    /// user asked for, which the message must name; the rest are what the cluster made for it
    leaves: &'static [&'static str],
    /// stderr lines another program virtctl ran (a credential plugin) wrote before virtctl's
    /// error line, expected exactly
    before: &'static [&'static str],
}

const fn case(kind: Kind, setup: fn(&Env), args: &'static [&'static str], line: Line) -> Case {
    Case {
        kind,
        setup,
        args,
        code: 1,
        line,
        leaves: &[],
        before: &[],
    }
}

/// A case whose command leaves `leaves` on the cluster (see [`Case::leaves`]).
const fn leaving(leaves: &'static [&'static str], case: Case) -> Case {
    Case { leaves, ..case }
}

/// A case whose error line follows the lines `before` of a program virtctl ran.
const fn after_lines(before: &'static [&'static str], case: Case) -> Case {
    Case { before, ..case }
}

/// The command most kubeconfig, token, TLS and API cases run: the setup makes vm1, so what
/// fails is what the case is about.
const START_VM1: &[&str] = &["start", "vm1"];
/// An upload of the setup's image into a new DataVolume.
const UPLOAD_D1: &[&str] = &["image-upload", "dv", "d1", "--size=1Gi", "--image-path={dir}/disk.img"];

use Kind::*;
use Line::*;

// ---- setups ---------------------------------------------------------------------------------

fn nothing(_: &Env) {}

fn halted_vm(env: &Env) {
    env.create_vm("vm1", "Halted");
}

fn always_vm(env: &Env) {
    env.create_vm("vm1", "Always");
}

fn running_vm(env: &Env) {
    env.running_vm("vm1");
}

fn image(env: &Env) {
    std::fs::write(env.path("disk.img"), pattern(4096, 1)).expect("image written");
    std::fs::create_dir(env.path("dir")).expect("directory made");
}

fn limited_ns_vm(env: &Env) {
    env.create_vm("vm1", "Halted");
    env.sim.create(fixtures::vm("limited", "vm2", "Halted"));
}

fn start_fails(status: u16, retry_after: Option<u32>, times: u32) -> impl Fn(&Env) {
    move |env: &Env| {
        halted_vm(env);
        env.sim
            .fail_api("PUT", "/virtualmachines/vm1/start", status, retry_after, times);
    }
}

fn start_throttled_forever(env: &Env) {
    start_fails(429, Some(0), 11)(env);
}
fn start_500(env: &Env) {
    start_fails(500, None, 1)(env);
}
fn start_503(env: &Env) {
    start_fails(503, None, 1)(env);
}
fn start_504(env: &Env) {
    start_fails(504, None, 1)(env);
}
fn vm_get_503(env: &Env) {
    running_vm(env);
    env.sim.fail_api("GET", "/virtualmachines/vm1", 503, None, 1);
}
fn pvc_get_500(env: &Env) {
    image(env);
    env.sim.fail_api("GET", "/persistentvolumeclaims/d1", 500, None, 1);
}
fn dv_create_503(env: &Env) {
    image(env);
    env.sim.fail_api("POST", "/datavolumes", 503, None, 1);
}
fn upload_always_cut(env: &Env) {
    image(env);
    env.sim.faults().drop_after(100, 10);
}
fn upload_rejected(env: &Env) {
    image(env);
    env.sim.faults().reject(400, "image is corrupt", 5);
}

/// Rewrites the kubeconfig's user block (the admin token line) to `user`; vm1 exists (Halted),
/// so a case fails on the kubeconfig, not on a missing VM.
fn with_user(env: &Env, user: &str) {
    halted_vm(env);
    env.kubeconfig_user(user);
}

/// Rewrites the kubeconfig with `edit`; vm1 exists (Halted), as for [`with_user`].
fn kubeconfig_edit(env: &Env, edit: impl Fn(String) -> String) {
    halted_vm(env);
    let yaml = env.sim.kubeconfig_yaml(&env.sim.admin_token(), Some(NS));
    std::fs::write(&env.kubeconfig, edit(yaml)).expect("kubeconfig written");
}

fn kc_missing(env: &Env) {
    std::fs::remove_file(&env.kubeconfig).expect("kubeconfig removed");
}
fn kc_unclosed(env: &Env) {
    std::fs::write(&env.kubeconfig, "clusters: [unclosed\n").unwrap();
}
fn kc_wrong_shape(env: &Env) {
    std::fs::write(&env.kubeconfig, "apiVersion: v1\nkind: Config\nclusters: 42\n").unwrap();
}
fn kc_missing_context(env: &Env) {
    kubeconfig_edit(env, |y| replace_line(&y, "current-context:", "current-context: gone"));
}
/// The kubeconfig's user gets its token from the exec credential plugin `command`; vm1 exists.
fn with_exec_plugin(env: &Env, command: &str) {
    halted_vm(env);
    env.exec_plugin_user(command);
}
fn kc_exec_missing(env: &Env) {
    with_exec_plugin(env, "/nonexistent/plugin");
}
/// A plugin that explains itself on stderr and fails.
fn kc_exec_fails(env: &Env) {
    let plugin = env.write_script(
        "plugin.sh",
        "#!/bin/sh\necho 'plugin: the token service is down' >&2\necho 'plugin: try again later' >&2\nexit 3\n",
    );
    with_exec_plugin(env, &plugin.display().to_string());
}
/// Upstream's go-yaml reads this as an empty document, so client-go falls back to an empty
/// config (checked with upstream's binary); ours does the same.
fn kc_not_yaml(env: &Env) {
    std::fs::write(&env.kubeconfig, "::: not yaml [\n").unwrap();
}
fn kc_token_file_missing(env: &Env) {
    with_user(env, "    tokenFile: /nonexistent/token");
}
fn kc_ca_file_missing(env: &Env) {
    kubeconfig_edit(env, |y| {
        replace_line(
            &y,
            "certificate-authority-data:",
            "    certificate-authority: /nonexistent/ca.crt",
        )
    });
}
fn kc_client_cert_missing(env: &Env) {
    with_user(
        env,
        "    client-certificate: /nonexistent/c.crt\n    client-key: /nonexistent/c.key",
    );
}
fn kc_insecure_with_ca(env: &Env) {
    kubeconfig_edit(env, |y| {
        y.replace("    server:", "    insecure-skip-tls-verify: true\n    server:")
    });
}
fn kc_no_credentials(env: &Env) {
    with_user(env, "    username: \"\"");
}
fn kc_without_ca(env: &Env) {
    kubeconfig_edit(env, |y| remove_line(&y, "certificate-authority-data:"));
}
/// The CA of another cluster: the server's certificate does not chain to it.
fn kc_other_ca(env: &Env) {
    let other = kubevirt_sim::Sim::start(kubevirt_sim::SimOptions {
        controllers: false,
        ..Default::default()
    })
    .expect("a second simulator");
    let theirs = other.kubeconfig_yaml(&env.sim.admin_token(), Some(NS));
    let their_ca = line_with(&theirs, "certificate-authority-data:");
    kubeconfig_edit(env, |y| replace_line(&y, "certificate-authority-data:", &their_ca));
}
fn kc_no_server(env: &Env) {
    kubeconfig_edit(env, |y| remove_line(&y, "server:"));
}

fn line_with(yaml: &str, key: &str) -> String {
    yaml.lines()
        .find(|l| l.trim_start().starts_with(key))
        .unwrap_or_else(|| panic!("no {key} in {yaml}"))
        .to_string()
}

fn replace_line(yaml: &str, key: &str, with: &str) -> String {
    let old = line_with(yaml, key);
    yaml.replace(&old, with)
}

fn remove_line(yaml: &str, key: &str) -> String {
    let old = line_with(yaml, key);
    yaml.replace(&format!("{old}\n"), "")
}

// ---- the table ------------------------------------------------------------------------------

const NOT_FOUND_VM: &str = "Error starting VirtualMachine virtualmachine.kubevirt.io \"ghost\" not found";

const CASES: &[Case] = &[
    // -- files --
    case(
        File,
        image,
        &["image-upload", "dv", "d1", "--size=1Gi", "--image-path={dir}/nope.img"],
        Is("open {dir}/nope.img: no such file or directory"),
    ),
    case(
        File,
        image,
        &["image-upload", "dv", "d1", "--size=1Gi", "--image-path={dir}/dir"],
        Is("{dir}/dir is a directory, not an image file"),
    ),
    case(
        File,
        image,
        &["image-upload", "dv", "d1", "--size=1Gi"],
        Is("either image-path or archive-path must be provided"),
    ),
    case(
        File,
        image,
        &[
            "image-upload",
            "dv",
            "d1",
            "--size=1Gi",
            "--image-path={dir}/disk.img",
            "--archive-path={dir}/disk.img",
        ],
        Is("cannot handle both image-path and archive-path, provide only one"),
    ),
    case(
        File,
        image,
        &[
            "image-upload",
            "pvc",
            "ghost",
            "--no-create",
            "--image-path={dir}/disk.img",
        ],
        Is("persistentvolumeclaims \"ghost\" not found"),
    ),
    case(
        File,
        halted_vm,
        &["credentials", "add-ssh-key", "vm1", "--user=u", "--file={dir}/nope.pub"],
        Is("error getting ssh key: open {dir}/nope.pub: no such file or directory"),
    ),
    case(
        File,
        nothing,
        &["credentials", "add-ssh-key", "vm1", "--user=u"],
        Is("error getting ssh key: one of --file, or --value must be specified"),
    ),
    case(
        File,
        nothing,
        &["expand", "--file={dir}/nope.yaml"],
        Is("error reading file open {dir}/nope.yaml: no such file or directory"),
    ),
    case(
        File,
        nothing,
        &["template", "process", "-f", "{dir}/nope.yaml"],
        Is("error opening file {dir}/nope.yaml: open {dir}/nope.yaml: no such file or directory"),
    ),
    case(
        File,
        running_vm,
        &["ssh", "-i", "{dir}/nope", "vm/vm1", "--local-ssh=false"],
        Is("reading identity file {dir}/nope: No such file or directory (os error 2)"),
    ),
    case(
        File,
        running_vm,
        &["scp", "{dir}/nope", "vm/vm1:/tmp/x", "--local-ssh=false"],
        Is("local path \"{dir}/nope\" does not exist, can't copy it"),
    ),
    case(
        File,
        nothing,
        &["memory-dump", "download", "vm1"],
        Is("missing outputFile to download the memory dump"),
    ),
    case(
        File,
        nothing,
        &["start", "vm1", "--certificate-authority={dir}/nope.crt"],
        Is(
            "failed to load certificate authority: failed to read file '\"{dir}/nope.crt\"': No such file or directory (os error 2)",
        ),
    ),
    case(
        File,
        nothing,
        &[
            "start",
            "vm1",
            "--client-certificate={dir}/c.crt",
            "--client-key={dir}/c.key",
        ],
        Is(
            "Failed to infer provided configuration: failed to load client certificate: failed to read file '\"{dir}/c.crt\"': No such file or directory (os error 2)",
        ),
    ),
    // -- sizes and numbers --
    case(
        Size,
        image,
        &["image-upload", "dv", "d1", "--image-path={dir}/disk.img"],
        Is("when creating a resource, the size must be specified"),
    ),
    case(
        Size,
        image,
        &["image-upload", "dv", "d1", "--size=abc", "--image-path={dir}/disk.img"],
        Starts("validation failed for size=abc: quantities must match the regular expression"),
    ),
    case(
        Size,
        image,
        &["image-upload", "dv", "d1", "--size=-1Gi", "--image-path={dir}/disk.img"],
        Is("validation failed for size=-1Gi: a size cannot be negative"),
    ),
    case(
        Size,
        image,
        &["image-upload", "dv", "d1", "--size=1Xi", "--image-path={dir}/disk.img"],
        Is("validation failed for size=1Xi: unable to parse quantity's suffix"),
    ),
    case(
        Size,
        image,
        &["image-upload", "dv", "d1", "--size=0", "--image-path={dir}/disk.img"],
        Is(
            "{dir}/disk.img is a raw image of virtual size 4.00 KiB (4096 bytes), which does not fit in --size=0 = 0 B (0 bytes)",
        ),
    ),
    case(
        Size,
        image,
        &[
            "image-upload",
            "dv",
            "d1",
            "--size=1Gi",
            "--image-path={dir}/disk.img",
            "--wait-secs=abc",
        ],
        Is("invalid argument \"abc\" for \"--wait-secs\" flag: invalid digit found in string"),
    ),
    case(
        Size,
        nothing,
        &["create", "vm", "--memory=abc"],
        Is(
            "failed to parse \"--memory\" flag: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        ),
    ),
    case(
        Size,
        nothing,
        &["port-forward", "vm/vm1", "99999"],
        Is("strconv.Atoi: parsing \"99999\": invalid syntax"),
    ),
    case(
        Size,
        nothing,
        &["port-forward", "vm/vm1", "abc"],
        Is("strconv.Atoi: parsing \"abc\": invalid syntax"),
    ),
    case(
        Size,
        nothing,
        &["expose", "vm", "vm1", "--name=s", "--port=abc"],
        Is("invalid argument \"abc\" for \"--port\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax"),
    ),
    case(
        Size,
        running_vm,
        &["expose", "vm", "vm1", "--name=s", "--port=70000"],
        Is(
            "service creation failed: Service \"s\" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]",
        ),
    ),
    case(
        Size,
        nothing,
        &["vnc", "--proxy-only", "--port=99999", "vm/vm1"],
        Is("invalid argument \"99999\" for \"--port\" flag: 99999 is not in 0..=65535"),
    ),
    case(
        Size,
        nothing,
        &["adm", "log-verbosity", "--all=-1"],
        Is("invalid argument \"-1\" for \"--all\" flag: strconv.ParseUint: parsing \"-1\": invalid syntax"),
    ),
    case(
        Size,
        nothing,
        &["vmexport", "download", "e1", "--output=disk.img", "--retry=-1"],
        Is("--retry is not a valid value, acceptable values are positive integers"),
    ),
    case(
        Size,
        nothing,
        &[
            "vmexport",
            "download",
            "e1",
            "--output=disk.img",
            "--port-forward",
            "--local-port=99999",
        ],
        Is("--local-port is not a valid value, acceptable values are valid port numbers"),
    ),
    // -- targets --
    case(Target, nothing, &["start"], Is("accepts 1 arg(s), received 0")),
    case(
        Target,
        nothing,
        &["start", "a", "b"],
        Is("accepts 1 arg(s), received 2"),
    ),
    case(Target, nothing, &["start", "ghost"], Is(NOT_FOUND_VM)),
    case(
        Target,
        nothing,
        &["stop", "ghost"],
        Is("error stopping VirtualMachine virtualmachine.kubevirt.io \"ghost\" not found"),
    ),
    case(
        Target,
        nothing,
        &["restart", "ghost"],
        Is("error restarting VirtualMachine: virtualmachine.kubevirt.io \"ghost\" not found"),
    ),
    case(
        Target,
        nothing,
        &["migrate", "ghost"],
        Is("Error migrating VirtualMachine virtualmachine.kubevirt.io \"ghost\" not found"),
    ),
    case(
        Target,
        nothing,
        &["pause", "vm", "ghost"],
        Is("Error getting VirtualMachine ghost: virtualmachines.kubevirt.io \"ghost\" not found"),
    ),
    case(
        Target,
        nothing,
        &["pause", "xyz", "ghost"],
        Is("unsupported resource type \"xyz\": use vm (virtualmachine) or vmi (virtualmachineinstance)"),
    ),
    case(
        Target,
        nothing,
        &["unpause", "vmi", "ghost"],
        Is("Error unpausing VirtualMachineInstance ghost: virtualmachineinstance.kubevirt.io \"ghost\" not found"),
    ),
    case(
        Target,
        nothing,
        &["soft-reboot", "ghost"],
        Is("Error soft rebooting VirtualMachineInstance ghost: virtualmachineinstance.kubevirt.io \"ghost\" not found"),
    ),
    case(
        Target,
        nothing,
        &["console", "ghost", "--timeout=1"],
        Is("virtualmachineinstance.kubevirt.io \"ghost\" not found"),
    ),
    case(
        Target,
        nothing,
        &["memory-dump", "get", "ghost", "--claim-name=c"],
        Is("error dumping vm memory, virtualmachine.kubevirt.io \"ghost\" not found"),
    ),
    case(
        Target,
        nothing,
        &["guestfs", "ghost"],
        Is("The PVC ghost doesn't exist"),
    ),
    case(
        Target,
        nothing,
        &["expose", "vm", "ghost", "--name=s", "--port=22"],
        Is("error fetching VirtualMachine: virtualmachines.kubevirt.io \"ghost\" not found"),
    ),
    case(
        Target,
        nothing,
        &["expose", "pod", "v1", "--name=s", "--port=22"],
        Is("unsupported resource type: pod"),
    ),
    case(
        Target,
        nothing,
        &["ssh", "ghost"],
        Is("target must contain type and name separated by '/'"),
    ),
    case(
        Target,
        nothing,
        &["ssh", "vm/ghost", "--local-ssh=false"],
        Is("can't access vm/ghost.default: virtualmachine.kubevirt.io \"ghost\" not found"),
    ),
    case(
        Target,
        nothing,
        &["port-forward", "vm1", "22"],
        Is("target must contain type and name separated by '/'"),
    ),
    case(
        Target,
        nothing,
        &["port-forward", "vm/a/b/c", "22"],
        Is("target is not valid with more than two '/'"),
    ),
    case(
        Target,
        nothing,
        &["port-forward", "vm/", "22"],
        Is("name cannot be empty"),
    ),
    case(
        Target,
        nothing,
        &["port-forward", "bogus/x", "22"],
        Is("unsupported resource type 'bogus'"),
    ),
    case(
        Target,
        nothing,
        &["scp", "a", "b"],
        Is("none of the two provided locations seems to be a remote location: \"a\" to \"b\""),
    ),
    case(
        Target,
        nothing,
        &["scp", "vm/a:x", "vm/b:y"],
        Is("copying from a remote location to another remote location is not supported"),
    ),
    case(
        Target,
        image,
        &["image-upload", "vm", "d1", "--size=1Gi", "--image-path={dir}/disk.img"],
        Is("invalid resource type vm"),
    ),
    case(
        Target,
        image,
        &["image-upload", "dv", "--size=1Gi", "--image-path={dir}/disk.img"],
        Is("expecting two args"),
    ),
    case(
        Target,
        nothing,
        &["objectgraph", "a", "b"],
        Is("accepts 1 arg(s), received 2"),
    ),
    // -- flags --
    case(
        Flag,
        halted_vm,
        &["start", "vm1", "--bogus"],
        Is("unknown flag: --bogus"),
    ),
    case(
        Flag,
        nothing,
        &["bogus"],
        Is("unknown command \"bogus\" for \"virtctl\""),
    ),
    case(
        Flag,
        halted_vm,
        &["start", "vm1", "--dry-run=maybe"],
        Is("invalid argument \"maybe\" for \"--dry-run\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax"),
    ),
    case(
        Flag,
        always_vm,
        &["stop", "vm1", "--grace-period=abc"],
        Is("invalid argument \"abc\" for \"--grace-period\" flag: invalid digit found in string"),
    ),
    case(
        Flag,
        always_vm,
        &["stop", "vm1", "--force"],
        Is("Must both use --force=true and set --grace-period."),
    ),
    case(
        Flag,
        halted_vm,
        &["start", "vm1", "-v", "abc"],
        Is("invalid argument \"abc\" for \"-v, --v\" flag: invalid digit found in string"),
    ),
    case(
        Flag,
        halted_vm,
        &["start", "vm1", "--request-timeout=abc"],
        Is(
            "invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)",
        ),
    ),
    case(
        Flag,
        nothing,
        &["console", "vm1", "--timeout=abc"],
        Is("invalid argument \"abc\" for \"--timeout\" flag: invalid digit found in string"),
    ),
    case(
        Flag,
        nothing,
        &["create", "vm", "--instancetype=a", "--memory=1Gi"],
        Is(
            "if any flags in the group [memory instancetype infer-instancetype infer-instancetype-from] are set none of the others can be; [instancetype memory] were all set",
        ),
    ),
    case(
        Flag,
        nothing,
        &["create", "vm", "--volume-containerdisk=src:"],
        Is("failed to parse \"--volume-containerdisk\" flag: src must be specified"),
    ),
    case(
        Flag,
        nothing,
        &["vmexport", "create", "e1", "--vm=a", "--ttl=forever"],
        Is("time: invalid duration \"forever\""),
    ),
    case(
        Flag,
        nothing,
        &["vmexport", "download", "e1", "--vm=a", "--output=x", "--format=zip"],
        Is("--format is not a valid value, acceptable values are gzip/raw/oci"),
    ),
    case(
        Flag,
        nothing,
        &["memory-dump", "grab", "vm1"],
        Is("invalid action type grab"),
    ),
    case(
        Flag,
        nothing,
        &["memory-dump", "get", "vm1", "--create-claim"],
        Is("missing claim name"),
    ),
    case(
        Flag,
        nothing,
        &["guestfs", "p", "--pull-policy=Sometimes"],
        Is("Invalid pull policy: Sometimes"),
    ),
    case(
        Flag,
        nothing,
        &["expose", "vm", "v1", "--name=s", "--port=22", "--type=Magic"],
        Is("unknown service type: Magic"),
    ),
    case(
        Flag,
        nothing,
        &["adm", "log-verbosity", "--all=3", "--reset"],
        Is("if any flags in the group [reset all] are set none of the others can be; [all reset] were all set"),
    ),
    case(
        Flag,
        nothing,
        &["template", "process", "x", "-o", "xml"],
        Is("not supported output format: xml"),
    ),
    case(
        Flag,
        nothing,
        &["expand", "--vm=a", "-o", "xml"],
        Is("error not supported output format defined: xml"),
    ),
    case(
        Flag,
        image,
        &[
            "image-upload",
            "dv",
            "d1",
            "--size=1Gi",
            "--image-path={dir}/disk.img",
            "--volume-mode=cube",
        ],
        Is("Invalid volume mode 'cube'. Valid values are 'block' and 'filesystem'."),
    ),
    // -- kubeconfigs --
    case(
        Kubeconfig,
        kc_missing,
        START_VM1,
        Starts("stat {dir}/config: no such file or directory"),
    ),
    case(
        Kubeconfig,
        kc_unclosed,
        START_VM1,
        Is(
            "error loading config file \"{dir}/config\": failed to parse kubeconfig YAML: error: line 1 column 11: unclosed bracket '['",
        ),
    ),
    case(
        Kubeconfig,
        kc_wrong_shape,
        START_VM1,
        Is(
            "error loading config file \"{dir}/config\": failed to parse kubeconfig YAML: error: line 3 column 11: expected sequence start",
        ),
    ),
    case(
        Kubeconfig,
        kc_missing_context,
        START_VM1,
        Is("context \"gone\" does not exist"),
    ),
    case(
        Kubeconfig,
        halted_vm,
        &["start", "vm1", "--context=nope"],
        Is("context \"nope\" does not exist"),
    ),
    case(
        Kubeconfig,
        halted_vm,
        &["start", "vm1", "--cluster=nope"],
        Is("cluster \"nope\" does not exist"),
    ),
    case(
        Kubeconfig,
        kc_exec_missing,
        START_VM1,
        Is(
            "Error starting VirtualMachine Put \"{url}{start}\": getting credentials: exec: fork/exec /nonexistent/plugin: no such file or directory",
        ),
    ),
    // client-go runs the plugin inside the request (the failure is the request's url.Error) and
    // lets the plugin's stderr through to the user's, then names the plugin and its status
    after_lines(
        &["plugin: the token service is down", "plugin: try again later"],
        case(
            Kubeconfig,
            kc_exec_fails,
            START_VM1,
            Is(
                "Error starting VirtualMachine Put \"{url}{start}\": getting credentials: exec: executable {dir}/plugin.sh failed with exit code 3",
            ),
        ),
    ),
    case(
        Kubeconfig,
        kc_not_yaml,
        START_VM1,
        Starts("Error starting VirtualMachine cannot reach the Kubernetes API server at http://localhost:8080/"),
    ),
    case(
        Kubeconfig,
        kc_token_file_missing,
        START_VM1,
        Is("auth error: failed to read token file '\"/nonexistent/token\"': No such file or directory (os error 2)"),
    ),
    case(
        Kubeconfig,
        kc_ca_file_missing,
        START_VM1,
        Is(
            "failed to load certificate authority: failed to read file '\"/nonexistent/ca.crt\"': No such file or directory (os error 2)",
        ),
    ),
    case(
        Kubeconfig,
        kc_client_cert_missing,
        START_VM1,
        Is(
            "Failed to infer provided configuration: failed to load client certificate: failed to read file '\"/nonexistent/c.crt\"': No such file or directory (os error 2)",
        ),
    ),
    case(
        Kubeconfig,
        kc_insecure_with_ca,
        START_VM1,
        Is("specifying a root certificates file with the insecure flag is not allowed"),
    ),
    case(
        Kubeconfig,
        kc_no_server,
        START_VM1,
        Starts("Error starting VirtualMachine cannot reach the Kubernetes API server at http://localhost:8080/"),
    ),
    // -- tokens and users --
    case(
        Token,
        halted_vm,
        &["start", "vm1", "--token=wrong"],
        Is("Error starting VirtualMachine Unauthorized"),
    ),
    case(
        Token,
        kc_no_credentials,
        START_VM1,
        Is("Error starting VirtualMachine Unauthorized"),
    ),
    case(
        Token,
        halted_vm,
        &["start", "vm1", "--user=nope"],
        Is("Error starting VirtualMachine Unauthorized"),
    ),
    case(
        Token,
        halted_vm,
        &["start", "vm1", "--token=expired-kubevirt-sim-token"],
        Is("Error starting VirtualMachine Unauthorized"),
    ),
    case(
        Token,
        limited_ns_vm,
        &["start", "vm1", "--token={limited}"],
        Is(
            "Error starting VirtualMachine virtualmachines.subresources.kubevirt.io \"vm1\" is forbidden: User \"alice\" cannot update resource \"virtualmachines/start\" in API group \"subresources.kubevirt.io\" in the namespace \"default\"",
        ),
    ),
    case(
        Token,
        limited_ns_vm,
        &["pause", "vm", "vm1", "--token={limited}"],
        Is(
            "Error getting VirtualMachine vm1: virtualmachines.kubevirt.io \"vm1\" is forbidden: User \"alice\" cannot get resource \"virtualmachines\" in API group \"kubevirt.io\" in the namespace \"default\"",
        ),
    ),
    case(
        Token,
        limited_ns_vm,
        &["stop", "vm2", "-n", "other", "--token={limited}"],
        Is(
            "error stopping VirtualMachine virtualmachines.subresources.kubevirt.io \"vm2\" is forbidden: User \"alice\" cannot update resource \"virtualmachines/stop\" in API group \"subresources.kubevirt.io\" in the namespace \"other\"",
        ),
    ),
    // -- TLS --
    case(
        Tls,
        halted_vm,
        &["start", "vm1", "--tls-server-name=wrong.example"],
        Starts("Error starting VirtualMachine cannot reach the Kubernetes API server at {url}{start}: x509: "),
    ),
    case(
        Tls,
        kc_without_ca,
        START_VM1,
        Is(
            "Error starting VirtualMachine cannot reach the Kubernetes API server at {url}{start}: x509: certificate signed by unknown authority",
        ),
    ),
    // rustls names a bad signature where Go says "x509: certificate signed by unknown authority"
    case(
        Tls,
        kc_other_ca,
        START_VM1,
        Starts("Error starting VirtualMachine cannot reach the Kubernetes API server at {url}{start}: "),
    ),
    case(
        Tls,
        halted_vm,
        &[
            "start",
            "vm1",
            "--insecure-skip-tls-verify",
            "--certificate-authority={dir}/nope.crt",
        ],
        Is("specifying a root certificates file with the insecure flag is not allowed"),
    ),
    // -- API answers --
    case(
        Status,
        always_vm,
        START_VM1,
        Is(
            "Error starting VirtualMachine Operation cannot be fulfilled on virtualmachine.kubevirt.io \"vm1\": VM is already running",
        ),
    ),
    case(
        Status,
        halted_vm,
        &["stop", "vm1"],
        Is(
            "error stopping VirtualMachine Operation cannot be fulfilled on virtualmachine.kubevirt.io \"vm1\": VM is not running",
        ),
    ),
    case(
        Status,
        halted_vm,
        &["restart", "vm1"],
        Is(
            "error restarting VirtualMachine: Operation cannot be fulfilled on virtualmachine.kubevirt.io \"vm1\": RunStategy Halted does not support manual restart requests",
        ),
    ),
    case(
        Status,
        halted_vm,
        &["pause", "vm", "vm1"],
        Is("Error pausing VirtualMachineInstance vm1. VirtualMachine vm1 is not set to run"),
    ),
    case(
        Status,
        running_vm,
        &["unpause", "vm", "vm1"],
        Is(
            "Error unpausing VirtualMachineInstance vm1: Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io \"vm1\": VMI is not paused",
        ),
    ),
    case(
        Status,
        running_vm,
        &["expose", "vm", "vm1", "--name=Bad_Name", "--port=22"],
        Starts(
            "service creation failed: Service \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": ",
        ),
    ),
    case(
        Status,
        start_throttled_forever,
        START_VM1,
        Is("Error starting VirtualMachine Too many requests, please try again later."),
    ),
    case(
        Status,
        start_500,
        START_VM1,
        Is("Error starting VirtualMachine Internal error occurred: the server is restarting"),
    ),
    case(
        Status,
        start_503,
        START_VM1,
        Is("Error starting VirtualMachine the server is currently unable to handle the request"),
    ),
    case(
        Status,
        start_504,
        START_VM1,
        Starts("Error starting VirtualMachine Timeout: request did not complete within requested timeout"),
    ),
    case(
        Status,
        vm_get_503,
        &["pause", "vm", "vm1"],
        Starts("Error getting VirtualMachine vm1: the server is currently unable to handle the request"),
    ),
    case(
        Status,
        pvc_get_500,
        UPLOAD_D1,
        Is("Internal error occurred: the server is restarting"),
    ),
    case(
        Status,
        dv_create_503,
        UPLOAD_D1,
        Starts("the server is currently unable to handle the request"),
    ),
    leaving(
        &["persistentvolumeclaims/d1", "pods/cdi-upload-d1"],
        case(
            Status,
            upload_rejected,
            &["image-upload", "pvc", "d1", "--size=1Gi", "--image-path={dir}/disk.img"],
            Is("error uploading image: unexpected return value 400, Saving stream failed: image is corrupt"),
        ),
    ),
    // -- connections --
    case(
        Connection,
        halted_vm,
        &["start", "vm1", "--server=https://127.0.0.1:1"],
        Is(
            "Error starting VirtualMachine cannot reach the Kubernetes API server at https://127.0.0.1:1{start}: connection refused",
        ),
    ),
    case(
        Connection,
        halted_vm,
        &["start", "vm1", "--server={http}"],
        Starts("Error starting VirtualMachine cannot reach the Kubernetes API server at {http}{start}: "),
    ),
    case(
        Connection,
        halted_vm,
        &["start", "vm1", "--server=not-a-url.invalid"],
        Starts(
            "Error starting VirtualMachine cannot reach the Kubernetes API server at https://not-a-url.invalid/apis/",
        ),
    ),
    leaving(
        &["datavolumes/d1", "persistentvolumeclaims/d1", "pods/cdi-upload-d1"],
        case(
            Connection,
            upload_always_cut,
            &[
                "image-upload",
                "dv",
                "d1",
                "--size=1Gi",
                "--image-path={dir}/disk.img",
                "--retry=1",
            ],
            Starts("error uploading image after 1 retries: Post \""),
        ),
    ),
];

// ---- the runner -----------------------------------------------------------------------------

/// The namespaced objects a command could leave behind, by `resource/name`, with their spec.
const WATCHED: &[&str] = &[
    "virtualmachines",
    "virtualmachineinstances",
    "persistentvolumeclaims",
    "datavolumes",
    "services",
    "virtualmachineexports",
    "secrets",
    "virtualmachineinstancemigrations",
    "pods",
];

fn objects(env: &Env) -> BTreeMap<String, String> {
    let mut all = BTreeMap::new();
    for resource in WATCHED {
        for object in env.sim.list(resource, None) {
            let name = object["metadata"]["name"].as_str().unwrap_or("").to_string();
            let namespace = object["metadata"]["namespace"].as_str().unwrap_or("");
            let key = format!("{resource}/{name}");
            let key = if namespace == NS {
                key
            } else {
                format!("{namespace}:{key}")
            };
            all.insert(key, object["spec"].to_string());
        }
    }
    all
}

fn expand(text: &str, env: &Env) -> String {
    text.replace("{dir}", env.dir.path().to_str().expect("a UTF-8 path"))
        .replace("{http}", &env.sim.url().replace("https://", "http://"))
        .replace("{url}", &env.sim.url())
        .replace("{start}", &format!("{SUB}/virtualmachines/vm1/start"))
        .replace("{limited}", &env.sim.limited_token())
}

/// What is wrong with one case's run, if anything.
fn check(case: &Case) -> Result<(), String> {
    let env = Env::new();
    (case.setup)(&env);
    // Settle the controllers, so that what changes afterwards is what virtctl did.
    env.sim.wait_for_ticks(3, Duration::from_secs(5));
    let before = objects(&env);
    let args: Vec<String> = case.args.iter().map(|a| expand(a, &env)).collect();
    let output = env
        .virtctl()
        .args(&args)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("virtctl runs");
    let out = Outcome {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        stdout_bytes: output.stdout,
    };
    let mut problems = Vec::new();
    for bad in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
        if out.stderr.contains(bad) || out.stdout.contains(bad) {
            problems.push(format!("output holds {bad:?}"));
        }
    }
    if out.code != case.code {
        problems.push(format!("exit status {} instead of {}", out.code, case.code));
    }
    let all_lines: Vec<&str> = out.stderr_lines();
    let lines = all_lines.strip_prefix(case.before).unwrap_or_else(|| {
        problems.push(format!("stderr does not start with the lines {:?}", case.before));
        &all_lines
    });
    let errors: Vec<&&str> = lines.iter().filter(|l| !l.starts_with("hint: ")).collect();
    if errors.len() != 1 || errors[0].trim().is_empty() {
        problems.push(format!("{} error lines instead of one", errors.len()));
    }
    if lines.first().is_some_and(|l| l.starts_with("hint: ")) {
        problems.push("a hint comes before the error".into());
    }
    let line = lines.first().copied().unwrap_or("");
    let matches = match case.line {
        Is(expected) => line == expand(expected, &env),
        Starts(expected) => line.starts_with(&expand(expected, &env)),
    };
    if !matches {
        problems.push(format!("error line is {line:?}, expected {:?}", case.line));
    }
    let after = objects(&env);
    for (key, spec) in &after {
        if before.get(key) == Some(spec) {
            continue;
        }
        if !case.leaves.contains(&key.as_str()) {
            problems.push(format!("{key} was created or changed and is not expected to be"));
            continue;
        }
    }
    if let Some(first) = case.leaves.first() {
        let name = first.rsplit('/').next().unwrap_or(first);
        if !out
            .stderr
            .contains(&format!("{NS}/{name} was created and is left in place"))
        {
            problems.push(format!("{first} is left but the message does not say so"));
        }
    }
    for key in before.keys().filter(|k| !after.contains_key(*k)) {
        problems.push(format!("{key} was deleted"));
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!(
        "virtctl {}\n    {}\n    stdout: {:?}\n    stderr: {:?}",
        args.join(" "),
        problems.join("\n    "),
        out.stdout,
        out.stderr
    ))
}

#[test]
fn every_bad_input_is_one_clear_line_and_leaves_nothing_unmentioned() {
    assert!(CASES.len() >= 80, "the table holds {} cases", CASES.len());
    let failures: Vec<String> = CASES.iter().filter_map(|c| check(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} bad-input cases failed:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

/// Every kind of bad input the issue lists has cases (RELIABILITY.md shows the counts).
#[test]
fn the_table_covers_every_kind() {
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for c in CASES {
        *counts.entry(c.kind).or_default() += 1;
    }
    for kind in [File, Size, Target, Flag, Kubeconfig, Token, Tls, Status, Connection] {
        assert!(
            counts.get(&kind).copied().unwrap_or(0) >= 3,
            "too few {kind:?} cases: {counts:?}"
        );
    }
}
