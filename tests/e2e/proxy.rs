//! The streaming commands through the kubeconfig's `proxy-url`: an HTTP CONNECT proxy and a
//! SOCKS5 proxy (real, minimal ones from the simulator crate) carry console and port-forward
//! websockets, and must have been asked for the API server's `host:port`, so a client that
//! went around the proxy fails these tests. Refusing proxies give one error line.

use std::time::Duration;

use kubevirt_sim::proxy::{Proxy, ProxyProtocol};

use crate::connect_support::{Running, echo_round_trip, port_forward_command, virtctl_command, websocket_upgrades};
use crate::support::{Env, NS, SUB, pattern};

const WAIT: Duration = Duration::from_secs(30);

/// A test world whose kubeconfig sends everything through a new proxy.
fn behind(protocol: ProxyProtocol, refusing: bool) -> (Env, Proxy) {
    let env = Env::new();
    let proxy = if refusing {
        Proxy::refusing(protocol)
    } else {
        Proxy::start(protocol)
    }
    .expect("the proxy starts");
    let yaml = env.sim.kubeconfig_yaml(&env.sim.admin_token(), Some(NS));
    let proxied = yaml.replacen(
        "- cluster:\n",
        &format!("- cluster:\n    proxy-url: {}\n", proxy.url()),
        1,
    );
    assert_ne!(yaml, proxied, "proxy-url inserted");
    std::fs::write(&env.kubeconfig, proxied).unwrap();
    (env, proxy)
}

/// Asserts that every connection virtctl made went through the proxy to the API server.
#[track_caller]
fn tunnelled_to_the_api_server(env: &Env, proxy: &Proxy, at_least: usize) {
    let targets = proxy.targets();
    assert!(targets.len() >= at_least, "the proxy saw {targets:?}");
    let api = env.sim.addr().to_string();
    assert!(targets.iter().all(|t| *t == api), "{targets:?} vs {api}");
}

fn port_forward_echo(env: &Env) {
    let tunnel = format!("{SUB}/virtualmachines/vm1/portforward/7/tcp");
    let before = websocket_upgrades(env, &tunnel);
    let pf = Running::spawn(port_forward_command(env, &["vm/vm1", "0:7"]));
    echo_round_trip(pf.forwarded_port("tcp"), &pattern(300_000, 1));
    assert_eq!(websocket_upgrades(env, &tunnel), before + 1);
}

fn console_login_prompt(env: &Env) {
    let mut cmd = virtctl_command(env);
    cmd.args(["console", "vm1"]);
    let mut c = Running::spawn(cmd);
    c.wait_stdout("vm1 login: ", WAIT);
    c.write(b"fedora\r");
    c.wait_stdout("Password: ", WAIT);
    c.close_stdin();
    assert_eq!(c.wait_exit(WAIT), 0, "{}", c.stderr());
    let consoles = websocket_upgrades(env, &format!("{SUB}/virtualmachineinstances/vm1/console"));
    assert_eq!(consoles, 1, "one console session");
}

#[test]
fn port_forward_and_console_through_an_http_connect_proxy() {
    let (env, proxy) = behind(ProxyProtocol::HttpConnect, false);
    env.running_vm("vm1");
    port_forward_echo(&env);
    tunnelled_to_the_api_server(&env, &proxy, 1);
    let before = proxy.targets().len();
    console_login_prompt(&env);
    tunnelled_to_the_api_server(&env, &proxy, before + 1);
}

#[test]
fn port_forward_and_console_through_a_socks5_proxy() {
    let (env, proxy) = behind(ProxyProtocol::Socks5, false);
    env.running_vm("vm1");
    let mut pf = Running::spawn(port_forward_command(&env, &["--stdio", "vm/vm1", "7"]));
    let data = pattern(200_000, 2);
    pf.write(&data);
    pf.wait_for(WAIT, |r| r.stdout_bytes().len() >= data.len(), "the echo");
    assert!(pf.stdout_bytes() == data, "the echoed bytes differ");
    pf.close_stdin();
    assert_eq!(pf.wait_exit(WAIT), 0, "{}", pf.stderr());
    tunnelled_to_the_api_server(&env, &proxy, 1);
    let before = proxy.targets().len();
    console_login_prompt(&env);
    tunnelled_to_the_api_server(&env, &proxy, before + 1);
    port_forward_echo(&env);
}

#[test]
fn a_refusing_proxy_is_one_clear_error() {
    for protocol in [ProxyProtocol::HttpConnect, ProxyProtocol::Socks5] {
        let (env, proxy) = behind(protocol, true);
        env.running_vm("vm1");
        let out = env.run(&["console", "vm1"]);
        let refusal = match protocol {
            ProxyProtocol::HttpConnect => "the proxy refused the CONNECT request (tunnel error: unsuccessful)",
            ProxyProtocol::Socks5 => "SOCKS error: connection not allowed",
        };
        out.fails_with(&format!(
            "cannot reach the Kubernetes API server at {}{SUB}/virtualmachineinstances/vm1/console through the proxy {}: {refusal}",
            env.sim.url(),
            proxy.url()
        ));
        assert_eq!(
            out.hint(),
            Some(
                format!(
                    "hint: check proxy-url in the kubeconfig (or --proxy-url, HTTPS_PROXY): the proxy must be up and let this client connect to {}",
                    env.sim.addr()
                )
                .as_str()
            )
        );
        tunnelled_to_the_api_server(&env, &proxy, 1);
        assert!(
            env.sent().iter().all(|r| !r.path.ends_with("/console")),
            "nothing reached the API server"
        );
    }
}
