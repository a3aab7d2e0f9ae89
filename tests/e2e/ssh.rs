//! `virtctl ssh` and `virtctl scp` in `--local-ssh` mode: the local client is a stand-in script
//! on `PATH` that records its argv and runs the ProxyCommand, so the test checks the exact
//! command line and real bytes through `port-forward --stdio` to the guest's echo (port 7).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::support::{Env, NS, Outcome, bare_virtctl};

/// A fake `ssh`/`scp`: writes its argv (one per line) to `argv.txt`, then feeds a line through
/// the ProxyCommand (the value after `-o ProxyCommand=`) and prints what comes back.
const FAKE_CLIENT: &str = r#"#!/bin/sh
dir=$(dirname "$0")
for a in "$@"; do printf '%s\n' "$a"; done > "$dir/argv.txt"
printf '%s' "${VIRTCTL_USERNAME-unset}" > "$dir/basic-auth-user.txt"
pc="${2#ProxyCommand=}"
(printf 'ping through the tunnel'; sleep 1) | sh -c "$pc"
exit ${FAKE_EXIT:-0}
"#;

fn install_fake(env: &Env) -> std::path::PathBuf {
    let bin = env.path("bin");
    std::fs::create_dir_all(&bin).unwrap();
    for name in ["ssh", "scp"] {
        env.write_script(&format!("bin/{name}"), FAKE_CLIENT);
    }
    bin
}

fn run_with_fake(env: &Env, bin: &Path, extra_env: &[(&str, &str)], args: &[&str]) -> Outcome {
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut cmd = env.virtctl();
    cmd.env("PATH", path)
        .env("KUBECONFIG", &env.kubeconfig)
        .env("USER", "tester");
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    Outcome::of(cmd.args(args))
}

fn recorded_argv(bin: &Path) -> Vec<String> {
    std::fs::read_to_string(bin.join("argv.txt"))
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn ssh_runs_the_local_client_through_the_port_forward_tunnel() {
    let env = Env::new();
    env.running_vm("vm1");
    let bin = install_fake(&env);
    let out = run_with_fake(
        &env,
        &bin,
        &[],
        &[
            "ssh",
            "-p",
            "7",
            "-t",
            "-o StrictHostKeyChecking=no",
            "-c",
            "uname -a",
            "vm/vm1",
        ],
    );
    out.ok("ping through the tunnel");
    let argv = recorded_argv(&bin);
    assert_eq!(argv[0], "-o");
    let proxy = argv[1].strip_prefix("ProxyCommand=").expect("the ProxyCommand");
    assert!(
        proxy.ends_with(" port-forward --stdio=true vm/vm1/default 7"),
        "{proxy}"
    );
    assert!(proxy.contains("virtctl"), "argv[0] of virtctl: {proxy}");
    assert_eq!(
        argv[2..],
        ["-o StrictHostKeyChecking=no", "tester@vm.vm1.default", "uname -a"]
    );
}

#[test]
fn scp_puts_the_remote_operand_last_when_copying_to_the_vm() {
    let env = Env::new();
    env.running_vm("vm1");
    let bin = install_fake(&env);
    let out = run_with_fake(
        &env,
        &bin,
        &[],
        &[
            "scp",
            "-p",
            "7",
            "-i",
            "/keys/id",
            "-r",
            "--preserve",
            "local.bin",
            "jdoe@vmi/vm1/default:dir/",
        ],
    );
    out.ok("ping through the tunnel");
    let argv = recorded_argv(&bin);
    assert!(
        argv[1].ends_with(" port-forward --stdio=true vmi/vm1/default 7"),
        "{argv:?}"
    );
    assert_eq!(
        argv[2..],
        ["-i", "/keys/id", "-r", "-p", "local.bin", "jdoe@vmi.vm1.default:dir/"]
    );
}

#[test]
fn a_failing_local_client_is_exit_status_n_and_virtctl_exits_1() {
    let env = Env::new();
    env.running_vm("vm1");
    let bin = install_fake(&env);
    let out = run_with_fake(&env, &bin, &[("FAKE_EXIT", "3")], &["ssh", "-p", "7", "vm/vm1"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(out.error_line(), "exit status 3");
    assert_eq!(recorded_argv(&bin)[2], "tester@vm.vm1.default");
}

#[test]
fn argument_errors() {
    let env = Env::new();
    let out = env.run(&["ssh"]);
    assert_eq!((out.code, out.error_line()), (1, "accepts 1 arg(s), received 0"));
    let out = env.run(&["ssh", "vm1"]);
    assert_eq!(out.error_line(), "target must contain type and name separated by '/'");
    let out = env.run(&["ssh", "@vm/vm1"]);
    assert_eq!(out.error_line(), "expected username before '@'");
    let out = env.run(&["ssh", "u@"]);
    assert_eq!(out.error_line(), "expected target after '@'");
    let out = env.run(&["scp", "--local-ssh=false", "a", "vm/vm1:b"]);
    assert_eq!(out.error_line(), r#"local path "a" does not exist, can't copy it"#);
    let out = env.run(&["scp", "a"]);
    assert_eq!(out.error_line(), "accepts 2 arg(s), received 1");
    let out = env.run(&["scp", "vm/a:x", "vm/b:y"]);
    assert_eq!(
        out.error_line(),
        "copying from a remote location to another remote location is not supported"
    );
    let out = env.run(&["scp", "a", "b"]);
    assert!(
        out.error_line()
            .starts_with("none of the two provided locations seems to be a remote location"),
        "{out:#?}"
    );
}

/// The real OpenSSH client against the simulator's russh server, when OpenSSH is installed.
fn real_openssh(env: &Env) -> Option<std::path::PathBuf> {
    kubevirt_sim::tools::require(&["ssh", "scp"], "the real OpenSSH test")?;
    let key = env.path("id_test");
    std::fs::write(&key, kubevirt_sim::guest_services::TEST_CLIENT_KEY).unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    Some(key)
}

fn openssh(env: &Env, args: &[&str]) -> Outcome {
    let mut cmd = env.virtctl();
    cmd.env("KUBECONFIG", &env.kubeconfig).env("USER", "tester");
    Outcome::of(cmd.args(args))
}

const NO_HOST_CHECK: [&str; 4] = [
    "-t",
    "-o StrictHostKeyChecking=no",
    "-t",
    "-o UserKnownHostsFile=/dev/null",
];

#[test]
fn real_openssh_runs_a_command_through_the_tunnel() {
    let env = Env::new();
    env.running_vm("vm1");
    let Some(key) = real_openssh(&env) else { return };
    let key = key.to_str().unwrap();
    let mut args = vec!["ssh", "--local-ssh", "-i", key];
    args.extend(NO_HOST_CHECK);
    args.extend([
        "-t",
        "-oLogLevel=ERROR",
        "-c",
        "echo hello from the guest; printf abc | wc -c",
        "fedora@vm/vm1",
    ]);
    let out = openssh(&env, &args);
    assert_eq!(out.code, 0, "{out:#?}");
    assert_eq!(out.stdout, "hello from the guest\n3\n");

    // The remote exit status fails the command.
    let mut args = vec!["ssh", "-i", key];
    args.extend(NO_HOST_CHECK);
    args.extend(["-t", "-oLogLevel=ERROR", "-c", "exit 7", "vmi/vm1"]);
    let out = openssh(&env, &args);
    assert_eq!((out.code, out.error_line()), (1, "exit status 7"), "{out:#?}");

    // A key the guest does not accept is refused by the server.
    let other = env.path("id_other");
    std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&other)
        .status()
        .unwrap();
    let mut args = vec!["ssh", "-i", other.to_str().unwrap()];
    args.extend(NO_HOST_CHECK);
    args.extend([
        "-t",
        "-oBatchMode=yes",
        "-t",
        "-oIdentitiesOnly=yes",
        "-c",
        "true",
        "vm/vm1",
    ]);
    let out = openssh(&env, &args);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(out.stderr.contains("Permission denied"), "{out:#?}");
}

#[test]
fn real_openssh_scp_round_trip() {
    let env = Env::new();
    env.running_vm("vm1");
    let Some(key) = real_openssh(&env) else { return };
    let key = key.to_str().unwrap();
    let data: Vec<u8> = (0..3_000_000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(env.path("up.bin"), &data).unwrap();
    let remote = format!("vm/vm1:{}", env.path("remote.bin").display());
    let mut args = vec!["scp", "-i", key];
    args.extend(NO_HOST_CHECK);
    // -O: the classic scp protocol against the guest's `scp -t`/`-f` (the default SFTP is in scp.rs).
    args.extend(["-t", "-O", "-t", "-oLogLevel=ERROR", "up.bin", &remote]);
    let out = openssh(&env, &args);
    assert_eq!(out.code, 0, "{out:#?}");
    let mut args = vec!["scp", "-i", key];
    args.extend(NO_HOST_CHECK);
    args.extend(["-t", "-O", "-t", "-oLogLevel=ERROR", &remote, "down.bin"]);
    let out = openssh(&env, &args);
    assert_eq!(out.code, 0, "{out:#?}");
    assert_eq!(std::fs::read(env.path("down.bin")).unwrap(), data);
}

/// The kubeconfig copied to a path with a space and a quote in it, reached only through
/// `--kubeconfig`: not `$KUBECONFIG`, not `~/.kube/config` (HOME is the empty test directory).
fn kubeconfig_only_by_flag(env: &Env, token: &str) -> String {
    let dir = env.path("kube configs");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("it's config");
    env.sim.write_kubeconfig(&path, token, Some(NS)).unwrap();
    path.display().to_string()
}

/// `virtctl ARGS...` with no `$KUBECONFIG` and no default kubeconfig: the connection flags in
/// `args` are all the tunnel can go by.
fn virtctl_without_kubeconfig(env: &Env, args: &[&str]) -> Outcome {
    let mut cmd = bare_virtctl(env.path("").as_path());
    cmd.env("USER", "tester");
    Outcome::of(cmd.args(args))
}

#[test]
fn real_openssh_tunnels_with_the_kubeconfig_and_token_given_as_flags() {
    let env = Env::new();
    env.running_vm("vm1");
    let Some(key) = real_openssh(&env) else { return };
    let key = key.to_str().unwrap();
    let kubeconfig = kubeconfig_only_by_flag(&env, &env.sim.admin_token());
    let mut args = vec!["--kubeconfig", &kubeconfig, "ssh", "-i", key];
    args.extend(NO_HOST_CHECK);
    args.extend(["-t", "-oLogLevel=ERROR", "-c", "echo via the flag", "fedora@vm/vm1"]);
    let out = virtctl_without_kubeconfig(&env, &args);
    assert_eq!((out.code, out.stdout.as_str()), (0, "via the flag\n"), "{out:#?}");

    // A kubeconfig whose token is refused, corrected by --token: the ProxyCommand needs it too.
    let wrong = kubeconfig_only_by_flag(&env, "not-the-token");
    let token = env.sim.admin_token();
    let mut args = vec!["--kubeconfig", &wrong, "--token", &token, "scp", "-i", key];
    args.extend(NO_HOST_CHECK);
    std::fs::write(env.path("up.txt"), "copied with --token\n").unwrap();
    let remote = format!("vm/vm1:{}", env.path("remote.txt").display());
    let local = env.path("up.txt").display().to_string();
    args.extend(["-t", "-O", "-t", "-oLogLevel=ERROR", &local, &remote]);
    let out = virtctl_without_kubeconfig(&env, &args);
    assert_eq!(out.code, 0, "{out:#?}");
    assert_eq!(
        std::fs::read_to_string(env.path("remote.txt")).unwrap(),
        "copied with --token\n"
    );
}

#[test]
fn the_proxy_command_carries_the_connection_flags_and_the_token_only_in_the_environment() {
    let env = Env::new();
    env.running_vm("vm1");
    let bin = install_fake(&env);
    let wrong = kubeconfig_only_by_flag(&env, "not-the-token");
    let token = env.sim.admin_token();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut cmd = bare_virtctl(env.path("").as_path());
    cmd.env("PATH", path).env("USER", "tester");
    let out = Outcome::of(cmd.args([
        "--kubeconfig",
        &wrong,
        "--token",
        &token,
        "--request-timeout=30s",
        "ssh",
        "-p",
        "7",
        "vm/vm1",
    ]));
    out.ok("ping through the tunnel");
    let argv = recorded_argv(&bin);
    let expected = format!(
        " '--kubeconfig={}' --request-timeout=30s port-forward --stdio=true vm/vm1/default 7",
        wrong.replace('\'', r"'\''")
    );
    assert!(argv[1].starts_with("ProxyCommand="), "{argv:?}");
    assert!(argv[1].ends_with(&expected), "{argv:?}");
    assert!(!argv.concat().contains(&token), "the token is in the argv: {argv:?}");
}

/// The simulator's host key, as a known_hosts line for the native client's host name.
const HOST_KEY_LINE: &str =
    "vm/vm1.default ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEdfS1UAk+BItamOhIIfSkK5efew44oqdGxiZcP8KhC5\n";

fn native(env: &Env, known_hosts: &Path, extra: &[&str]) -> Outcome {
    let key = env.path("id_test");
    std::fs::write(&key, kubevirt_sim::guest_services::TEST_CLIENT_KEY).unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut args = vec![
        "ssh".to_string(),
        "--local-ssh=false".into(),
        "-i".into(),
        key.display().to_string(),
        "--known-hosts".into(),
        known_hosts.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Outcome::of(env.virtctl().args(&args).write_stdin(""))
}

#[test]
fn native_client_runs_a_command_and_checks_host_keys() {
    let env = Env::new();
    env.running_vm("vm1");
    let known = env.path("kh/known_hosts");

    // Unknown host and no terminal to confirm: refused (strict), the file is created empty.
    let out = native(&env, &known, &["-c", "echo hi", "fedora@vm/vm1"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(out.error_line().contains("is not in"), "{out:#?}");
    assert_eq!(std::fs::read_to_string(&known).unwrap(), "");

    // Known host: the command runs, stdout and stderr are the remote ones.
    std::fs::write(&known, HOST_KEY_LINE).unwrap();
    let out = native(&env, &known, &["-c", "echo hi; echo oops >&2", "fedora@vm/vm1"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert_eq!(out.stdout, "hi\n");
    assert!(out.stderr.contains("oops"), "{out:#?}");

    // The remote exit status fails the command.
    let out = native(&env, &known, &["-c", "exit 5", "fedora@vm/vm1"]);
    assert_eq!((out.code, out.error_line()), (1, "exit status 5"), "{out:#?}");

    // A different recorded key is a mismatch, always refused.
    std::fs::write(
        &known,
        "vm/vm1.default ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILpHzqiKiFZK/UbfwN7TgyZe5NgKqMNZocvlocy2kGcp\n",
    )
    .unwrap();
    let out = native(&env, &known, &["-c", "echo hi", "fedora@vm/vm1"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(out.error_line().contains("host key mismatch"), "{out:#?}");
    assert_eq!(out.stdout, "");
}

/// `-l/--username` is the guest's user: it never becomes the API server's basic-auth user name,
/// neither here nor in the tunnel (the ProxyCommand's `VIRTCTL_USERNAME`), as upstream's local
/// flag hides the global one.
#[test]
fn the_guest_user_is_not_the_basic_auth_user() {
    let env = Env::new();
    env.running_vm("vm1");
    let bin = install_fake(&env);
    run_with_fake(&env, &bin, &[], &["ssh", "-l", "fedora", "-p", "7", "vm/vm1"]).ok("ping through the tunnel");
    let argv = recorded_argv(&bin);
    assert_eq!(
        argv.last().map(String::as_str),
        Some("fedora@vm.vm1.default"),
        "{argv:?}"
    );
    assert_eq!(
        std::fs::read_to_string(bin.join("basic-auth-user.txt")).unwrap(),
        "unset"
    );
}
