//! `version`: the client line without contacting anything, and the server's version through
//! KubeVirt's discovery.

use kubevirt_sim::discovery;

use crate::support::*;

const FIELDS: [&str; 7] = [
    "GitVersion",
    "GitCommit",
    "GitTreeState",
    "BuildDate",
    "GoVersion",
    "Compiler",
    "Platform",
];

/// The `(field, value)` pairs of a Go `%#v` rendering of `version.Info`, checking its shape.
fn go_version_info(text: &str) -> Vec<(String, String)> {
    let inner = text
        .strip_prefix("version.Info{")
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or_else(|| panic!("not a version.Info: {text:?}"));
    let fields: Vec<(String, String)> = inner
        .split(", ")
        .map(|field| {
            let (name, value) = field
                .split_once(':')
                .unwrap_or_else(|| panic!("bad field {field:?} in {text:?}"));
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or_else(|| panic!("value of {name} is not Go-quoted in {text:?}"));
            (name.to_string(), value.to_string())
        })
        .collect();
    let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, FIELDS, "field order in {text:?}");
    fields
}

/// The server line the simulator's KubeVirt version must produce.
fn expected_server_line() -> String {
    let v = discovery::kubevirt_version();
    let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
    format!(
        "Server Version: version.Info{{GitVersion:\"{}\", GitCommit:\"{}\", GitTreeState:\"{}\", BuildDate:\"{}\", GoVersion:\"{}\", Compiler:\"{}\", Platform:\"{}\"}}",
        s("gitVersion"),
        s("gitCommit"),
        s("gitTreeState"),
        s("buildDate"),
        s("goVersion"),
        s("compiler"),
        s("platform")
    )
}

fn check_client_line(line: &str) {
    let info = line
        .strip_prefix("Client Version: ")
        .unwrap_or_else(|| panic!("not a client line: {line:?}"));
    let fields = go_version_info(info);
    assert_eq!(fields[0].1, "v1.8.0");
    assert!(info.starts_with("version.Info{GitVersion:\"v1.8.0\", "), "{info}");
    assert!(fields[6].1.contains('/'), "Platform is GOOS/GOARCH: {info}");
}

#[test]
fn version_client_contacts_nothing() {
    let home = tempfile::tempdir().unwrap();
    // An unreachable server and a kubeconfig that does not exist: neither is looked at.
    let out = Outcome::of(bare_virtctl(home.path()).args([
        "version",
        "--client",
        "--server",
        "https://127.0.0.1:1",
        "--kubeconfig",
        "/nonexistent/kubeconfig",
    ]));

    assert_eq!(out.code, 0, "{out:#?}");
    assert_eq!(out.stderr, "");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{out:#?}");
    assert!(out.stdout.ends_with('\n'));
    check_client_line(lines[0]);
}

#[test]
fn version_short_client_flag() {
    let env = Env::new();

    let out = env.run(&["version", "-c"]);
    assert_eq!(out.code, 0, "{out:#?}");
    check_client_line(out.stdout.trim_end());
    assert_eq!(env.sim.requests(), []);
}

#[test]
fn version_prints_client_and_server() {
    let env = Env::new();

    let out = env.run(&["version"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert_eq!(out.stderr, "");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{out:#?}");
    check_client_line(lines[0]);
    assert_eq!(lines[1], expected_server_line());
    assert!(lines[1].starts_with("Server Version: version.Info{GitVersion:\"v1.8.0\", "));

    let requests: Vec<String> = env.sim.requests().iter().map(wire_line).collect();
    assert_eq!(
        requests,
        [
            "GET /apis/subresources.kubevirt.io",
            "GET /apis/subresources.kubevirt.io/v1/version"
        ]
    );
}

#[test]
fn version_prints_the_client_line_before_the_server_fails() {
    let env = Env::new();

    let out = env.run(&["version", "--server", "https://127.0.0.1:1"]);
    assert_eq!(out.code, 1, "{out:#?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{out:#?}");
    check_client_line(lines[0]);
    let error = out.error_line();
    assert!(error.starts_with("Could not fetch server version: "), "{out:#?}");
    assert!(error.contains("127.0.0.1:1"), "{out:#?}");
}

#[test]
fn version_with_a_missing_kubeconfig_names_the_client_config() {
    let home = tempfile::tempdir().unwrap();

    let out = Outcome::of(bare_virtctl(home.path()).args(["version", "--kubeconfig", "/nonexistent"]));
    assert_eq!(out.code, 1, "{out:#?}");
    check_client_line(out.stdout.trim_end());
    assert_eq!(
        out.error_line(),
        "Cannot obtain virt client config: stat /nonexistent: no such file or directory"
    );
}

#[test]
fn version_takes_no_arguments() {
    let env = Env::new();

    // `--client` runs before any async runtime exists; its errors are reported the same way.
    for line in [&["version", "extra"][..], &["version", "--client", "extra"]] {
        let out = env.run(line);
        assert_eq!(out.code, 1, "{out:#?}");
        assert_eq!(out.stdout, "");
        assert_eq!(out.error_line(), "unknown command \"extra\" for \"virtctl version\"");
    }
    assert_eq!(env.sim.requests(), []);
}
