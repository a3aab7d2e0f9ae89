//! `virtctl usbredir`: the proxy reached by a local client that reads the guest's usbredir
//! hello, the four-slot limit, and refusals.

use std::io::Read;
use std::net::TcpStream;
use std::time::Duration;

use crate::connect_support::{Running, virtctl_command};
use crate::support::{Env, NS, is_running};

const WAIT: Duration = Duration::from_secs(30);

fn usb_vm(env: &Env, name: &str) {
    let mut vm = kubevirt_sim::fixtures::vm(NS, name, "Always");
    vm["spec"]["template"]["spec"]["domain"]["devices"]["clientPassthrough"] = serde_json::json!({});
    env.sim.create(vm);
    env.wait_vmi(name, "to run", is_running);
}

fn proxy(env: &Env, vmi: &str) -> (Running, String) {
    let mut cmd = virtctl_command(env);
    cmd.args(["usbredir", "--no-launch", vmi]);
    let p = Running::spawn(cmd);
    p.wait_stdout("\n", WAIT);
    let addr = p.stdout().trim().rsplit(' ').next().unwrap().to_string();
    (p, addr)
}

#[test]
fn no_launch_proxy_reaches_the_guest_device_channel() {
    let env = Env::new();
    usb_vm(&env, "vm1");
    let (mut p, addr) = proxy(&env, "vm1");
    assert!(
        p.stdout()
            .starts_with("User can connect usbredir client at: 127.0.0.1:"),
        "{}",
        p.stdout()
    );
    let mut s = TcpStream::connect(&addr).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    let mut hello = [0u8; 80];
    s.read_exact(&mut hello).unwrap();
    assert_eq!(&hello[..4], &[0, 0, 0, 0], "usb_redir_hello");
    assert!(String::from_utf8_lossy(&hello[12..76]).starts_with("qemu usb-redir"));
    drop(s);
    assert_eq!(p.wait_exit(WAIT), 0, "{}", p.stderr());
}

#[test]
fn a_fifth_session_is_refused_and_misconfigured_vmis_too() {
    let env = Env::new();
    usb_vm(&env, "vm1");
    let sessions: Vec<_> = (0..4).map(|_| proxy(&env, "vm1")).collect();
    let out = env.run(&["usbredir", "--no-launch", "vm1"]);
    assert_eq!(out.code, 1);
    assert!(
        out.error_line().starts_with("can't access VMI vm1: "),
        "{}",
        out.error_line()
    );
    assert!(out.error_line().contains("503"), "{}", out.error_line());
    drop(sessions);

    env.running_vm("plain");
    let out = env.run(&["usbredir", "--no-launch", "plain"]);
    assert!(
        out.error_line().contains("Not configured with USB Redirection"),
        "{}",
        out.error_line()
    );

    let out = env.run(&["usbredir", "vm1"]);
    assert!(out.error_line().starts_with("missing argument"), "{}", out.error_line());
}
