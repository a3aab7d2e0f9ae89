//! `virtctl scp` copying real bytes to and from the simulated guest, in both modes: the default
//! local OpenSSH `scp` (SFTP through the ProxyCommand tunnel, against the guest's `sftp`
//! subsystem) and `--local-ssh=false` (the built-in client speaking the scp protocol to the
//! guest's `scp -t`/`-f`). The guest's files live on this machine, so each test checks what
//! arrived on the guest side as well as what came back. Host keys are verified in both modes.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::support::{Env, Outcome, file_sha};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The default: the local OpenSSH `scp`, which speaks SFTP.
    OpenSsh,
    /// `--local-ssh=false`: the built-in client and the classic scp protocol.
    Native,
}

/// The simulator's host key for the host names each mode looks up.
const HOST_KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEdfS1UAk+BItamOhIIfSkK5efew44oqdGxiZcP8KhC5";
/// Another ed25519 key (the test client's): a guest presenting it would be an impostor.
const OTHER_KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILpHzqiKiFZK/UbfwN7TgyZe5NgKqMNZocvlocy2kGcp";

/// One test's guest: a running VM, the client key, and a known_hosts file naming the guest.
struct Guest {
    env: Env,
    key: PathBuf,
    known_hosts: PathBuf,
}

impl Guest {
    /// `None` when OpenSSH's `scp` is missing and the mode needs it.
    fn start(mode: Mode) -> Option<Guest> {
        if mode == Mode::OpenSsh {
            kubevirt_sim::tools::require(&["scp", "ssh"], "the local OpenSSH scp test")?;
        }
        let env = Env::new();
        env.running_vm("vm1");
        let key = env.path("id_test");
        std::fs::write(&key, kubevirt_sim::guest_services::TEST_CLIENT_KEY).unwrap();
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
        let known_hosts = env.path("known_hosts");
        let guest = Guest { env, key, known_hosts };
        guest.trust(HOST_KEY);
        Some(guest)
    }

    /// Records `key` as the guest's host key under both modes' host names.
    fn trust(&self, key: &str) {
        std::fs::write(
            &self.known_hosts,
            format!("vm.vm1.default {key}\nvm/vm1.default {key}\n"),
        )
        .unwrap();
    }

    /// A path on the guest (the guest's file system is this machine's).
    fn remote(&self, name: &str) -> String {
        format!("vm/vm1:{}", self.env.path(name).display())
    }

    fn scp(&self, mode: Mode, args: &[&str]) -> Outcome {
        let key = self.key.to_str().unwrap();
        let known_hosts = self.known_hosts.to_str().unwrap();
        let mut argv: Vec<String> = vec!["scp".into(), "-i".into(), key.into()];
        match mode {
            Mode::OpenSsh => {
                for opt in [
                    format!("-oUserKnownHostsFile={known_hosts}"),
                    "-oStrictHostKeyChecking=yes".into(),
                    "-oBatchMode=yes".into(),
                    "-oLogLevel=ERROR".into(),
                ] {
                    argv.extend(["-t".into(), opt]);
                }
            }
            Mode::Native => argv.extend(["--local-ssh=false".into(), "--known-hosts".into(), known_hosts.into()]),
        }
        argv.extend(args.iter().map(|a| a.to_string()));
        let mut cmd = self.env.virtctl();
        // The ProxyCommand's virtctl finds the cluster through the environment, as upstream's.
        cmd.env("KUBECONFIG", &self.env.kubeconfig).env("USER", "tester");
        Outcome::of(cmd.args(&argv))
    }

    /// The port-forward connections virtctl opened to the guest.
    fn tunnels(&self) -> usize {
        self.env
            .sent()
            .iter()
            .filter(|r| r.path.contains("/portforward/"))
            .count()
    }
}

/// Deterministic but incompressible bytes (xorshift64*).
fn random_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        out.extend_from_slice(&state.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

#[track_caller]
fn copied(out: &Outcome) {
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{out:#?}");
}

/// The last stderr line: virtctl's own error after whatever the local scp printed.
fn last_line(out: &Outcome) -> &str {
    out.stderr.lines().last().unwrap_or("")
}

fn big_file_round_trip(mode: Mode) {
    let Some(guest) = Guest::start(mode) else { return };
    let local = guest.env.path("big.bin");
    std::fs::write(&local, random_bytes(64 << 20, 0x5eed_0000 + mode as u64)).unwrap();
    let digest = file_sha(&local);

    std::fs::create_dir(guest.env.path("guest")).unwrap();
    copied(&guest.scp(mode, &["big.bin", &guest.remote("guest/big.bin")]));
    assert_eq!(file_sha(&guest.env.path("guest/big.bin")), digest, "the guest's copy");

    copied(&guest.scp(mode, &[&guest.remote("guest/big.bin"), "back.bin"]));
    assert_eq!(file_sha(&guest.env.path("back.bin")), digest, "the copy back");
    assert_eq!(guest.tunnels(), 2, "one tunnel per copy");
}

#[test]
fn a_64_mib_file_goes_to_the_guest_and_back_with_openssh() {
    big_file_round_trip(Mode::OpenSsh);
}

#[test]
fn a_64_mib_file_goes_to_the_guest_and_back_natively() {
    big_file_round_trip(Mode::Native);
}

/// Relative path -> contents; `None` for a directory.
type Tree = Vec<(&'static str, Option<Vec<u8>>)>;

fn sample_tree() -> Tree {
    vec![
        ("a.txt", Some(b"alpha\n".to_vec())),
        ("empty", Some(Vec::new())),
        ("sub", None),
        ("sub/b.bin", Some(random_bytes(300_000, 7))),
        ("sub/deeper", None),
        ("sub/deeper/c.txt", Some(b"gamma\n".to_vec())),
        ("sub/deeper/with space.txt", Some(b"spaced\n".to_vec())),
        ("void", None),
    ]
}

fn write_tree(root: &Path, tree: &Tree) {
    std::fs::create_dir(root).unwrap();
    for (path, contents) in tree {
        match contents {
            Some(bytes) => std::fs::write(root.join(path), bytes).unwrap(),
            None => std::fs::create_dir(root.join(path)).unwrap(),
        }
    }
}

/// Every entry of `tree` is in `root` with the same contents, and nothing else is.
#[track_caller]
fn assert_tree(root: &Path, tree: &Tree) {
    for (path, contents) in tree {
        let at = root.join(path);
        match contents {
            Some(bytes) => assert_eq!(&std::fs::read(&at).unwrap_or_default(), bytes, "{}", at.display()),
            None => assert!(at.is_dir(), "{} is a directory", at.display()),
        }
    }
    let mut found = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path.clone());
            }
            found.push(path.strip_prefix(root).unwrap().to_string_lossy().into_owned());
        }
    }
    found.sort();
    let mut expected: Vec<String> = tree.iter().map(|(p, _)| p.to_string()).collect();
    expected.sort();
    assert_eq!(found, expected, "the entries of {}", root.display());
}

fn tree_round_trip(mode: Mode) {
    let Some(guest) = Guest::start(mode) else { return };
    let tree = sample_tree();
    write_tree(&guest.env.path("top"), &tree);

    copied(&guest.scp(mode, &["-r", "top", &guest.remote("on-guest")]));
    assert_tree(&guest.env.path("on-guest"), &tree);

    copied(&guest.scp(mode, &["--recursive", &guest.remote("on-guest"), "back"]));
    assert_tree(&guest.env.path("back"), &tree);

    // Into an existing directory: the copy lands under the source's name.
    std::fs::create_dir(guest.env.path("into")).unwrap();
    copied(&guest.scp(mode, &["-r", &guest.remote("on-guest"), "into"]));
    assert_tree(&guest.env.path("into/on-guest"), &tree);
}

#[test]
fn a_directory_tree_goes_to_the_guest_and_back_with_openssh() {
    tree_round_trip(Mode::OpenSsh);
}

#[test]
fn a_directory_tree_goes_to_the_guest_and_back_natively() {
    tree_round_trip(Mode::Native);
}

const OLD: i64 = 1_000_000_000; // 2001-09-09

fn set_old_times(path: &Path) {
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(OLD as u64);
    let file = std::fs::File::open(path).unwrap();
    file.set_times(std::fs::FileTimes::new().set_modified(at).set_accessed(at))
        .unwrap();
}

#[track_caller]
fn assert_preserved(path: &Path, mode: u32) {
    let meta = std::fs::metadata(path).unwrap();
    assert_eq!(meta.mtime(), OLD, "mtime of {}", path.display());
    assert_eq!(meta.mode() & 0o7777, mode, "mode of {}", path.display());
}

fn preserve(mode: Mode) {
    let Some(guest) = Guest::start(mode) else { return };
    let local = guest.env.path("keep.sh");
    std::fs::write(&local, b"#!/bin/sh\necho kept\n").unwrap();
    std::fs::set_permissions(&local, std::fs::Permissions::from_mode(0o751)).unwrap();
    set_old_times(&local);

    // Without --preserve the copy is dated now.
    copied(&guest.scp(mode, &["keep.sh", &guest.remote("plain.sh")]));
    assert_ne!(std::fs::metadata(guest.env.path("plain.sh")).unwrap().mtime(), OLD);

    copied(&guest.scp(mode, &["--preserve", "keep.sh", &guest.remote("kept.sh")]));
    assert_preserved(&guest.env.path("kept.sh"), 0o751);

    std::fs::set_permissions(guest.env.path("kept.sh"), std::fs::Permissions::from_mode(0o604)).unwrap();
    set_old_times(&guest.env.path("kept.sh"));
    copied(&guest.scp(mode, &["--preserve", &guest.remote("kept.sh"), "back.sh"]));
    assert_preserved(&guest.env.path("back.sh"), 0o604);

    // A whole tree keeps its files' modes and times too.
    write_tree(&guest.env.path("dir"), &vec![("f", Some(b"f".to_vec()))]);
    std::fs::set_permissions(guest.env.path("dir/f"), std::fs::Permissions::from_mode(0o600)).unwrap();
    set_old_times(&guest.env.path("dir/f"));
    copied(&guest.scp(mode, &["-r", "--preserve", "dir", &guest.remote("dir-on-guest")]));
    assert_preserved(&guest.env.path("dir-on-guest/f"), 0o600);
}

#[test]
fn preserve_keeps_mtime_and_mode_with_openssh() {
    preserve(Mode::OpenSsh);
}

#[test]
fn preserve_keeps_mtime_and_mode_natively() {
    preserve(Mode::Native);
}

#[test]
fn native_local_mistakes_fail_before_connecting() {
    let Some(guest) = Guest::start(Mode::Native) else {
        return;
    };
    std::fs::create_dir(guest.env.path("adir")).unwrap();
    std::fs::write(guest.env.path("afile"), b"x").unwrap();
    let remote = guest.remote("x");
    let cases = [
        (
            vec!["missing.bin", remote.as_str()],
            r#"local path "missing.bin" does not exist, can't copy it"#,
        ),
        (
            vec!["adir", remote.as_str()],
            r#"local path "adir" is a directory but '--recursive' was not provided"#,
        ),
        (
            vec!["-r", "afile", remote.as_str()],
            r#"local path "afile" is not a directory but '--recursive' was provided"#,
        ),
        (
            vec!["-r", remote.as_str(), "afile"],
            r#"local path "afile" is a file but '--recursive' was provided"#,
        ),
    ];
    for (args, message) in cases {
        let out = guest.scp(Mode::Native, &args);
        assert_eq!((out.code, out.error_line()), (1, message), "{out:#?}");
    }
    assert_eq!(guest.tunnels(), 0, "nothing was dialled");
    assert!(!guest.env.path("x").exists());
}

#[test]
fn openssh_local_mistakes_fail() {
    let Some(guest) = Guest::start(Mode::OpenSsh) else {
        return;
    };
    std::fs::create_dir(guest.env.path("adir")).unwrap();
    let out = guest.scp(Mode::OpenSsh, &["missing.bin", &guest.remote("x")]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.stderr.contains(r#"local "missing.bin": No such file or directory"#),
        "{out:#?}"
    );
    assert!(last_line(&out).starts_with("exit status "), "{out:#?}");
    let out = guest.scp(Mode::OpenSsh, &["adir", &guest.remote("x")]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(out.stderr.contains(r#"local "adir" is not a regular file"#), "{out:#?}");
    assert!(last_line(&out).starts_with("exit status "), "{out:#?}");
    assert!(!guest.env.path("x").exists());
}

fn remote_path_missing(mode: Mode) -> Guest {
    let guest = Guest::start(mode).expect("checked by the caller");
    let missing = guest.env.path("no/such/file");
    let out = guest.scp(mode, &[&guest.remote("no/such/file"), "here.bin"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.stderr
            .contains(&format!("{}: No such file or directory", missing.display())),
        "{out:#?}"
    );
    assert!(!guest.env.path("here.bin").exists(), "nothing was written locally");

    std::fs::write(guest.env.path("up.bin"), b"up").unwrap();
    let out = guest.scp(mode, &["up.bin", &guest.remote("no/such/file")]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(out.stderr.contains("No such file or directory"), "{out:#?}");
    assert!(!guest.env.path("no").exists(), "nothing was created on the guest");
    guest
}

#[test]
fn a_missing_remote_path_is_one_error_line_natively() {
    let guest = remote_path_missing(Mode::Native);
    let out = guest.scp(Mode::Native, &[&guest.remote("no/such/file"), "here.bin"]);
    let missing = guest.env.path("no/such/file");
    out.fails_with(&format!("scp: {}: No such file or directory", missing.display()));
    assert_eq!(out.stderr.lines().count(), 1, "{out:#?}");
}

#[test]
fn a_missing_remote_path_fails_with_openssh() {
    if kubevirt_sim::tools::require(&["scp", "ssh"], "the OpenSSH missing-path test").is_none() {
        return;
    }
    let guest = remote_path_missing(Mode::OpenSsh);
    let out = guest.scp(Mode::OpenSsh, &[&guest.remote("no/such/file"), "here.bin"]);
    assert_eq!(last_line(&out), "exit status 1", "{out:#?}");
}

fn host_key_mismatch(mode: Mode) -> Option<Outcome> {
    let guest = Guest::start(mode)?;
    guest.trust(OTHER_KEY);
    std::fs::write(guest.env.path("secret.txt"), b"not for impostors").unwrap();
    let out = guest.scp(mode, &["secret.txt", &guest.remote("stolen.txt")]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(!guest.env.path("stolen.txt").exists(), "nothing was copied");
    Some(out)
}

#[test]
fn a_changed_host_key_is_refused_natively() {
    let out = host_key_mismatch(Mode::Native).unwrap();
    assert!(
        out.error_line().starts_with("host key mismatch for vm/vm1.default"),
        "{out:#?}"
    );
}

#[test]
fn a_changed_host_key_is_refused_with_openssh() {
    let Some(out) = host_key_mismatch(Mode::OpenSsh) else {
        return;
    };
    assert!(out.stderr.contains("Host key verification failed."), "{out:#?}");
    assert_eq!(last_line(&out), "exit status 255");
}
