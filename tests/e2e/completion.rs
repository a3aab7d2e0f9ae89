//! Completion that knows the cluster, driven through the shells themselves: bash runs the
//! function that `source <(COMPLETE=bash virtctl)` registers, zsh the one from
//! `COMPLETE=zsh virtctl` (with compsys' `_describe` replaced by a printer, since completion
//! widgets only run inside an interactive line editor), fish its own `complete --do-complete`.
//! Each asserts the exact candidates for names in the simulator, and that an unreachable or
//! forbidding cluster gives no output at all.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use kubevirt_sim::fixtures;

use crate::support::*;

fn virtctl_path() -> PathBuf {
    virtctl_bin()
}

/// Whether `shell` is on PATH; when not, the test says so and passes, except under CI, which
/// installs them all (`kubevirt_sim::tools`).
fn have(shell: &str) -> bool {
    kubevirt_sim::tools::require(&[shell], "a completion test").is_some()
}

/// Runs `script` in `shell` with a clean environment: HOME in the test's directory, `PATH`
/// kept, plus `extra` variables. Returns stdout, after checking that nothing reached stderr.
fn run_shell(shell: &str, args: &[&str], script: &str, home: &Path, extra: &[(&str, &str)]) -> String {
    let mut command = Command::new(shell);
    command
        .args(args)
        .arg(script)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("VIRTCTL", virtctl_path())
        .current_dir(home);
    for (name, value) in extra {
        command.env(name, value);
    }
    let output = command.output().expect("the shell runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{shell} failed: {stderr}\n{stdout}");
    assert_eq!(stderr, "", "{shell} printed to stderr");
    stdout
}

fn lines(text: &str) -> Vec<String> {
    text.lines().filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// Bash's `COMP_WORDS` for `line` with the cursor at its end, and readline's current word
/// (`$2`), as bash 5.2 builds them with the default `COMP_WORDBREAKS`: words split at spaces,
/// and each run of `=`, `:` or `@` a word of its own (`--namespace=demo` is three words).
fn bash_words(line: &str) -> (Vec<String>, String) {
    let mut words: Vec<String> = Vec::new();
    for chunk in line.split(' ').filter(|c| !c.is_empty()) {
        let mut word = String::new();
        let mut in_break = false;
        for c in chunk.chars() {
            let is_break = "=:@".contains(c);
            if is_break != in_break && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            in_break = is_break;
            word.push(c);
        }
        words.push(word);
    }
    if line.ends_with(' ') {
        words.push(String::new());
    }
    let last = words.last().cloned().unwrap_or_default();
    let current = if last.chars().all(|c| "=:@".contains(c)) && !last.is_empty() {
        String::new()
    } else if words.len() > 1 && words[words.len() - 2] == "@" {
        format!("@{last}")
    } else {
        last
    };
    (words, current)
}

#[test]
fn bash_words_split_like_bash() {
    let (words, current) = bash_words("virtctl -n=de");
    assert_eq!(
        (words, current.as_str()),
        (vec!["virtctl".into(), "-n".into(), "=".into(), "de".into()], "de")
    );
    let (words, current) = bash_words("virtctl --namespace=");
    assert_eq!((words.len(), current.as_str()), (3, ""));
    let (words, current) = bash_words("virtctl start ");
    assert_eq!((words.len(), current.as_str()), (3, ""));
}

/// Bash: what `<TAB>` at the end of `line` offers, running the function that
/// `source <(COMPLETE=bash virtctl)` registers, with the words bash would give it.
fn bash(env: &Env, line: &str, extra: &[(&str, &str)]) -> Vec<String> {
    let script = r#"
source <(COMPLETE=bash "$VIRTCTL")
function=$(complete -p virtctl | sed -E 's/.* -F ([^ ]+) .*/\1/')
mapfile -t COMP_WORDS < <(printf '%s' "$WORDS")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE="$LINE"
COMP_POINT=${#LINE}
COMP_TYPE=9
"$function" virtctl "$CUR" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"#;
    let (words, current) = bash_words(line);
    let words: String = words.iter().map(|w| format!("{w}\n")).collect();
    let mut vars = vec![("LINE", line), ("WORDS", words.as_str()), ("CUR", current.as_str())];
    vars.extend_from_slice(extra);
    lines(&run_shell(
        "bash",
        &["--norc", "--noprofile", "-c"],
        script,
        env.dir.path(),
        &vars,
    ))
}

/// Zsh: the candidates the registered completer hands to `_describe` (value, then `:help`).
fn zsh(env: &Env, line: &str, extra: &[(&str, &str)]) -> Vec<String> {
    let script = r#"
compdef() { registered=$1 }
_describe() { local name=${@[-1]}; print -rl -- "${(@P)name}" }
eval "$(COMPLETE=zsh "$VIRTCTL")"
words=(${(s: :)LINE})
[[ "$LINE" == *" " ]] && words+=("")
CURRENT=${#words}
$registered
"#;
    let mut vars = vec![("LINE", line)];
    vars.extend_from_slice(extra);
    lines(&run_shell("zsh", &["-f", "-c"], script, env.dir.path(), &vars))
}

/// Fish: `complete --do-complete`, fish's own completion of a command line (value, then
/// `\thelp`).
fn fish(env: &Env, line: &str, extra: &[(&str, &str)]) -> Vec<String> {
    let script = r#"
COMPLETE=fish $VIRTCTL | source
complete --do-complete "$LINE"
"#;
    let mut vars = vec![("LINE", line)];
    vars.extend_from_slice(extra);
    lines(&run_shell(
        "fish",
        &["--no-config", "-c"],
        script,
        env.dir.path(),
        &vars,
    ))
}

fn values(candidates: &[String], separator: char) -> Vec<String> {
    candidates
        .iter()
        .map(|c| c.split(separator).next().unwrap_or("").to_string())
        .collect()
}

/// A simulator holding: VM `alpha` (stopped), VM `beta` with its VMI, and in namespace
/// `elsewhere` VM `gamma`. Returns the env and `--kubeconfig PATH` for the command line.
fn cluster() -> (Env, String) {
    let env = Env::new();
    env.create_vm("alpha", "Halted");
    env.create_vm("beta", "Always");
    env.wait_vmi("beta", "created", |_| true);
    env.sim.create(fixtures::vm("elsewhere", "gamma", "Halted"));
    let flag = format!("--kubeconfig {}", env.kubeconfig.display());
    (env, flag)
}

#[test]
fn bash_completes_vm_names_for_start() {
    if !have("bash") {
        return;
    }
    let (env, k) = cluster();
    assert_eq!(bash(&env, &format!("virtctl {k} start "), &[]), ["alpha", "beta"]);
    assert_eq!(bash(&env, &format!("virtctl {k} start al"), &[]), ["alpha"]);
    assert_eq!(
        bash(&env, &format!("virtctl {k} start alpha "), &[]),
        Vec::<String>::new()
    );
    let lists: Vec<_> = env
        .sent()
        .into_iter()
        .filter(|r| r.path == format!("{CORE}/virtualmachines"))
        .collect();
    assert_eq!(
        lists.len(),
        2,
        "one GET per completion that needs names: {:?}",
        env.wire()
    );
}

#[test]
fn bash_completes_vm_names_for_doctor_vm() {
    if !have("bash") {
        return;
    }
    let (env, k) = cluster();
    assert_eq!(bash(&env, &format!("virtctl {k} doctor vm "), &[]), ["alpha", "beta"]);
    assert_eq!(bash(&env, &format!("virtctl {k} doctor vm b"), &[]), ["beta"]);
    assert_eq!(
        bash(&env, &format!("virtctl {k} doctor vm beta "), &[]),
        Vec::<String>::new()
    );
}

#[test]
fn bash_completes_vmi_names_and_type_words() {
    if !have("bash") {
        return;
    }
    let (env, k) = cluster();
    assert_eq!(bash(&env, &format!("virtctl {k} soft-reboot "), &[]), ["beta"]);
    assert_eq!(bash(&env, &format!("virtctl {k} pause "), &[]), ["vm", "vmi"]);
    assert_eq!(bash(&env, &format!("virtctl {k} pause vmi "), &[]), ["beta"]);
    assert_eq!(bash(&env, &format!("virtctl {k} unpause vm "), &[]), ["alpha", "beta"]);
}

#[test]
fn bash_completes_vmi_names_for_console() {
    if !have("bash") {
        return;
    }
    let (env, k) = cluster();
    assert_eq!(bash(&env, &format!("virtctl {k} console "), &[]), ["beta"]);
    assert_eq!(bash(&env, &format!("virtctl {k} console --timeout 3 b"), &[]), ["beta"]);
    assert_eq!(
        bash(&env, &format!("virtctl {k} console beta "), &[]),
        Vec::<String>::new()
    );
}

#[test]
fn bash_completes_port_forward_targets() {
    if !have("bash") {
        return;
    }
    let (env, k) = cluster();
    assert_eq!(bash(&env, &format!("virtctl {k} port-forward "), &[]), ["vm/", "vmi/"]);
    assert_eq!(
        bash(&env, &format!("virtctl {k} port-forward vm/"), &[]),
        ["vm/alpha", "vm/beta"]
    );
    assert_eq!(bash(&env, &format!("virtctl {k} port-forward vmi/"), &[]), ["vmi/beta"]);
    assert_eq!(
        bash(&env, &format!("virtctl {k} -n elsewhere port-forward vm/g"), &[]),
        ["vm/gamma"]
    );
    assert_eq!(
        bash(&env, &format!("virtctl {k} port-forward vm/gamma/else"), &[]),
        ["vm/gamma/elsewhere"]
    );
    assert_eq!(
        bash(&env, &format!("virtctl {k} port-forward vm/alpha "), &[]),
        Vec::<String>::new()
    );
}

#[test]
fn bash_completes_datavolumes_and_pvcs_for_image_upload() {
    if !have("bash") {
        return;
    }
    let (env, k) = cluster();
    env.sim.create(serde_json::json!({
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": {"name": "claim-a", "namespace": NS},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}
    }));
    env.sim.create(serde_json::json!({
        "apiVersion": "cdi.kubevirt.io/v1beta1",
        "kind": "DataVolume",
        "metadata": {"name": "disk-a", "namespace": NS},
        "spec": {"source": {"upload": {}}, "storage": {"resources": {"requests": {"storage": "1Gi"}}}}
    }));
    assert_eq!(bash(&env, &format!("virtctl {k} image-upload "), &[]), ["dv", "pvc"]);
    assert_eq!(bash(&env, &format!("virtctl {k} image-upload dv "), &[]), ["disk-a"]);
    let claims = bash(&env, &format!("virtctl {k} image-upload pvc "), &[]);
    assert!(claims.contains(&"claim-a".to_string()), "{claims:?}");
    assert!(!claims.contains(&"alpha".to_string()), "VMs are not claims: {claims:?}");
    let flag = bash(&env, &format!("virtctl {k} image-upload --pvc-name cl"), &[]);
    assert_eq!(flag, ["claim-a"]);
}

#[test]
fn bash_completes_ssh_and_scp_targets_after_a_user() {
    if !have("bash") {
        return;
    }
    let (env, k) = cluster();
    assert_eq!(bash(&env, &format!("virtctl {k} ssh vmi/"), &[]), ["vmi/beta"]);
    // Bash breaks the word at `@` and hands `@vm/` as the word to replace.
    assert_eq!(
        bash(&env, &format!("virtctl {k} ssh root@vm/"), &[]),
        ["@vm/alpha", "@vm/beta"]
    );
    assert_eq!(
        bash(&env, &format!("virtctl {k} scp notes.txt jdoe@vmi/"), &[]),
        ["@vmi/beta"]
    );
    assert_eq!(bash(&env, &format!("virtctl {k} scp vm/al"), &[]), ["vm/alpha"]);
}

#[test]
fn bash_completes_namespaces_and_honours_the_one_typed() {
    if !have("bash") {
        return;
    }
    let (env, k) = cluster();
    let namespaces = bash(&env, &format!("virtctl {k} -n "), &[]);
    assert!(
        namespaces.contains(&"default".to_string()) && namespaces.contains(&"elsewhere".to_string()),
        "{namespaces:?}"
    );
    assert_eq!(bash(&env, &format!("virtctl {k} -n els"), &[]), ["elsewhere"]);
    assert_eq!(bash(&env, &format!("virtctl {k} -n elsewhere start "), &[]), ["gamma"]);
    // Bash splits `--namespace=elsewhere` into three words; they still name one flag.
    assert_eq!(
        bash(&env, &format!("virtctl {k} start --namespace=elsewhere "), &[]),
        ["gamma"]
    );
    assert_eq!(
        bash(&env, &format!("virtctl {k} start --namespace=els"), &[]),
        ["elsewhere"]
    );
    assert_eq!(bash(&env, &format!("virtctl {k} start --namespace="), &[]), namespaces);
    let kubeconfig = env.kubeconfig.display();
    assert_eq!(
        bash(
            &env,
            &format!("virtctl --kubeconfig={kubeconfig} -n=elsewhere stop "),
            &[]
        ),
        ["gamma"]
    );
}

#[test]
fn bash_reads_kubeconfig_from_the_environment_and_contexts_from_the_file() {
    if !have("bash") {
        return;
    }
    let (env, _) = cluster();
    let kubeconfig = env.kubeconfig.to_string_lossy().into_owned();
    let from_env = [("KUBECONFIG", kubeconfig.as_str())];
    assert_eq!(bash(&env, "virtctl stop ", &from_env), ["alpha", "beta"]);
    let contexts = bash(&env, "virtctl --context ", &from_env);
    assert!(!contexts.is_empty(), "the kubeconfig's contexts are offered");
    assert!(contexts.iter().all(|c| !c.starts_with('-')), "{contexts:?}");
}

#[test]
fn bash_still_completes_commands_and_flags() {
    if !have("bash") {
        return;
    }
    let (env, k) = cluster();
    assert_eq!(bash(&env, &format!("virtctl {k} soft"), &[]), ["soft-reboot"]);
    let flags = bash(&env, &format!("virtctl {k} start --pa"), &[]);
    assert_eq!(flags, ["--paused"]);
}

#[test]
fn zsh_completes_vms_vmis_and_namespaces() {
    if !have("zsh") {
        return;
    }
    let (env, k) = cluster();
    let start = zsh(&env, &format!("virtctl {k} start "), &[]);
    assert_eq!(values(&start, ':'), ["alpha", "beta"]);
    assert!(
        start.iter().any(|c| c.starts_with("alpha:")),
        "names carry their status: {start:?}"
    );
    assert_eq!(
        values(&zsh(&env, &format!("virtctl {k} soft-reboot "), &[]), ':'),
        ["beta"]
    );
    assert_eq!(
        values(&zsh(&env, &format!("virtctl {k} pause vmi b"), &[]), ':'),
        ["beta"]
    );
    let namespaces = values(&zsh(&env, &format!("virtctl {k} -n "), &[]), ':');
    assert!(namespaces.contains(&"elsewhere".to_string()), "{namespaces:?}");
    assert_eq!(
        values(&zsh(&env, &format!("virtctl {k} -n elsewhere stop "), &[]), ':'),
        ["gamma"]
    );
    assert_eq!(values(&zsh(&env, &format!("virtctl {k} console "), &[]), ':'), ["beta"]);
    let targets = values(&zsh(&env, &format!("virtctl {k} port-forward vm/"), &[]), ':');
    assert_eq!(targets, ["vm/alpha", "vm/beta"]);
    let ssh = values(&zsh(&env, &format!("virtctl {k} ssh root@vmi/"), &[]), ':');
    assert_eq!(ssh, ["root@vmi/beta"]);
}

#[test]
fn fish_completes_vm_names_with_their_status() {
    if !have("fish") {
        return;
    }
    let (env, k) = cluster();
    let start = fish(&env, &format!("virtctl {k} start "), &[]);
    assert_eq!(values(&start, '\t'), ["alpha", "beta"]);
    assert_eq!(start[0], "alpha\tStopped");
    assert_eq!(values(&fish(&env, &format!("virtctl {k} reset "), &[]), '\t'), ["beta"]);
}

/// A kubeconfig for a server that accepts connections and never answers.
fn stalled_kubeconfig(env: &Env, listener: &std::net::TcpListener) -> PathBuf {
    env.write(
        "stalled",
        &format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: c\n  cluster: {{server: 'https://{}', insecure-skip-tls-verify: true}}\nusers:\n- name: u\n  user: {{token: t}}\ncontexts:\n- name: c\n  context: {{cluster: c, user: u}}\n",
            listener.local_addr().unwrap()
        ),
    )
}

/// A kubeconfig for a port nobody listens on.
fn refused_kubeconfig(env: &Env) -> PathBuf {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    env.write(
        "refused",
        &format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: c\n  cluster: {{server: 'https://127.0.0.1:{port}'}}\nusers:\n- name: u\n  user: {{token: t}}\ncontexts:\n- name: c\n  context: {{cluster: c, user: u}}\n"
        ),
    )
}

/// `COMPLETE=bash virtctl -- virtctl ARGS... ''` run directly: exit status, stdout, stderr, time.
fn complete_directly(env: &Env, words: &[&str], extra: &[(&str, &str)]) -> (Outcome, Duration) {
    let mut cmd = bare_virtctl(env.dir.path());
    cmd.env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() + 1).to_string())
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .arg("virtctl")
        .args(words)
        .arg("");
    for (name, value) in extra {
        cmd.env(name, value);
    }
    let started = Instant::now();
    let outcome = Outcome::of(&mut cmd);
    (outcome, started.elapsed())
}

#[test]
fn an_unreachable_cluster_completes_nothing_silently() {
    let env = Env::frozen();
    let refused = refused_kubeconfig(&env);
    let refused = refused.to_str().unwrap();
    for words in [
        vec!["--kubeconfig", refused, "start"],
        vec!["--kubeconfig", refused, "pause", "vmi"],
        vec!["--kubeconfig", refused, "-n"],
        vec!["--kubeconfig", "/nonexistent/kubeconfig", "start"],
    ] {
        let (outcome, elapsed) = complete_directly(&env, &words, &[]);
        assert_eq!(
            (outcome.code, outcome.stdout.as_str(), outcome.stderr.as_str()),
            (0, "", ""),
            "{words:?}"
        );
        assert!(elapsed < Duration::from_secs(3), "{words:?} took {elapsed:?}");
    }
    if have("bash") {
        let line = format!("virtctl --kubeconfig {refused} start ");
        assert_eq!(bash(&env, &line, &[]), Vec::<String>::new());
    }
    if have("zsh") {
        let line = format!("virtctl --kubeconfig {refused} soft-reboot ");
        assert_eq!(zsh(&env, &line, &[]), Vec::<String>::new());
    }
}

#[test]
fn a_stalled_cluster_is_given_up_on_at_the_deadline() {
    let env = Env::frozen();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let stalled = stalled_kubeconfig(&env, &listener);
    let stalled = stalled.to_str().unwrap();
    let (outcome, elapsed) = complete_directly(
        &env,
        &["--kubeconfig", stalled, "start"],
        &[("VIRTCTL_COMPLETE_TIMEOUT", "300ms")],
    );
    assert_eq!(
        (outcome.code, outcome.stdout.as_str(), outcome.stderr.as_str()),
        (0, "", "")
    );
    assert!(
        elapsed >= Duration::from_millis(300),
        "it waited for the server: {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}");

    let (outcome, elapsed) = complete_directly(&env, &["--kubeconfig", stalled, "-n"], &[]);
    assert_eq!((outcome.code, outcome.stdout.as_str()), (0, ""));
    assert!(
        elapsed < Duration::from_millis(2500),
        "the default deadline is one second: {elapsed:?}"
    );
}

#[test]
fn a_forbidden_namespace_completes_nothing_silently() {
    let (env, _) = cluster();
    let limited = env.limited_kubeconfig(NS);
    let limited = limited.to_str().unwrap();
    let (outcome, _) = complete_directly(&env, &["--kubeconfig", limited, "start"], &[]);
    assert_eq!(
        (outcome.code, outcome.stdout.as_str(), outcome.stderr.as_str()),
        (0, "", "")
    );
    let forbidden = env
        .sent()
        .into_iter()
        .find(|r| r.path == format!("{CORE}/virtualmachines"));
    assert_eq!(
        forbidden.map(|r| r.status),
        Some(403),
        "the list was asked for and refused"
    );
}

#[test]
fn the_completion_command_still_prints_the_static_script() {
    let env = Env::frozen();
    let outcome = env.run(&["completion", "bash"]);
    let checked_in = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/virtctl.bash"))
        .expect("completions/virtctl.bash");
    assert_eq!((outcome.code, outcome.stderr.as_str()), (0, ""));
    assert!(
        outcome.stdout == checked_in,
        "`virtctl completion bash` differs from completions/virtctl.bash (regenerate it: UPDATE_GENERATED=1 cargo test --lib generated)"
    );
    assert!(
        outcome.stdout.contains("complete -F _virtctl"),
        "the static script registers _virtctl"
    );
    assert!(env.sim.requests().is_empty(), "the static script needs no cluster");
}

/// `virtctl __complete WORDS...` with the simulator's kubeconfig in `$KUBECONFIG`.
fn cobra_complete(env: &Env, which: &str, words: &[&str]) -> Outcome {
    Outcome::of(
        bare_virtctl(env.dir.path())
            .env("KUBECONFIG", &env.kubeconfig)
            .arg(which)
            .args(words),
    )
}

#[test]
fn cobra_complete_answers_in_cobras_protocol() {
    let (env, _) = cluster();
    let names = cobra_complete(&env, "__complete", &["start", ""]);
    assert_eq!(names.code, 0, "{names:?}");
    let lines = lines(&names.stdout);
    assert_eq!(values(&lines, '\t'), ["alpha", "beta", ":4"], "{lines:?}");
    assert_eq!(lines[0], "alpha\tStopped", "the VM's status is the description");
    assert_eq!(
        names.stderr,
        "Completion ended with directive: ShellCompDirectiveNoFileComp\n"
    );

    let commands = cobra_complete(&env, "__completeNoDesc", &["st"]);
    assert_eq!(lines_of(&commands), ["start", "stop", ":4"]);
    let flags = cobra_complete(&env, "__completeNoDesc", &["start", "--ti"]);
    assert_eq!(lines_of(&flags), ["--timeout", ":4"]);
    let other_namespace = cobra_complete(&env, "__completeNoDesc", &["-n", "elsewhere", "start", ""]);
    assert_eq!(lines_of(&other_namespace), ["gamma", ":4"]);

    // Nothing to offer: cobra's default directive, so the shell may fall back to file names.
    let nothing = cobra_complete(&env, "__complete", &["start", "alpha", ""]);
    assert_eq!(lines_of(&nothing), [":0"]);
    assert_eq!(
        nothing.stderr,
        "Completion ended with directive: ShellCompDirectiveDefault\n"
    );
}

fn lines_of(outcome: &Outcome) -> Vec<String> {
    assert_eq!(outcome.code, 0, "{outcome:?}");
    lines(&outcome.stdout)
}

/// `kubectl virt <TAB>`: kubectl (1.26+) runs `kubectl_complete-virt` from PATH, the script the
/// packages install, which asks `kubectl-virt __complete`. With an older kubectl (Debian's, which
/// CI installs, is 1.20) the script is run as kubectl would run it.
#[test]
fn kubectl_plugin_completion_runs_through_the_packaged_script() {
    let (env, _) = cluster();
    let bin = env.path("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(virtctl_path(), bin.join("kubectl-virt")).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/kubectl/kubectl_complete-virt");
    std::fs::copy(&script, bin.join("kubectl_complete-virt")).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut completer = if kubectl_completes_plugins() {
        let mut kubectl = Command::new("kubectl");
        kubectl.args(["__complete", "virt", "start", ""]);
        kubectl
    } else {
        eprintln!("note: no kubectl 1.26+ on PATH; running kubectl_complete-virt as kubectl would");
        let mut direct = Command::new(bin.join("kubectl_complete-virt"));
        direct.args(["start", ""]);
        direct
    };
    let output = completer
        .env_clear()
        .env("PATH", path)
        .env("HOME", env.dir.path())
        .env("KUBECONFIG", &env.kubeconfig)
        .output()
        .expect("the completer runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(values(&lines(&stdout), '\t'), ["alpha", "beta", ":4"], "{stdout}");
}

/// Whether the kubectl on PATH runs plugin completers (1.26 and later).
fn kubectl_completes_plugins() -> bool {
    let Ok(out) = Command::new("kubectl")
        .args(["version", "--client", "-o", "json"])
        .output()
    else {
        return false;
    };
    let version: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let minor = version["clientVersion"]["minor"].as_str().unwrap_or("0");
    let minor: u32 = minor.trim_end_matches('+').parse().unwrap_or(0);
    version["clientVersion"]["major"] == "1" && minor >= 26
}
