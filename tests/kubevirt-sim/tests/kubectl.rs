//! Real `kubectl` against the simulator (skipped when kubectl is not on PATH).

use std::process::Command;

use kubevirt_sim::{Sim, SimOptions};

/// kubectl on PATH; outside CI a missing kubectl is a note (`kubevirt_sim::tools`).
fn kubectl_available(test: &str) -> bool {
    kubevirt_sim::tools::require(&["kubectl"], test).is_some()
}

struct Kubectl {
    kubeconfig: std::path::PathBuf,
    cache: std::path::PathBuf,
}

impl Kubectl {
    fn run(&self, args: &[&str]) -> (bool, String, String) {
        let out = Command::new("kubectl")
            .arg("--kubeconfig")
            .arg(&self.kubeconfig)
            .arg("--cache-dir")
            .arg(&self.cache)
            .args(args)
            .env_remove("KUBECONFIG")
            .output()
            .expect("run kubectl");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

#[test]
fn kubectl_gets_vms_and_vmis() {
    if !kubectl_available("a kubectl test") {
        return;
    }
    let sim = Sim::start(SimOptions {
        demo: true,
        ..Default::default()
    })
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("kubeconfig");
    sim.write_kubeconfig(&kc, &sim.admin_token(), Some("demo")).unwrap();
    let k = Kubectl {
        kubeconfig: kc,
        cache: dir.path().join("cache"),
    };

    let (ok, out, err) = k.run(&["get", "vm,vmi", "-n", "demo"]);
    assert!(ok, "kubectl get failed: {err}\n{out}");
    for name in ["fedora-running", "rhel-stopped", "cirros-manual", "win-running"] {
        assert!(
            out.contains(&format!("virtualmachine.kubevirt.io/{name}")),
            "{name} missing:\n{out}"
        );
    }
    assert!(
        out.contains("virtualmachineinstance.kubevirt.io/fedora-running"),
        "{out}"
    );
    let header = out.lines().next().unwrap();
    for col in ["NAME", "AGE", "STATUS", "READY"] {
        assert!(header.contains(col), "header {header:?}");
    }
    let line = |prefix: &str| {
        out.lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no {prefix} in\n{out}"))
            .to_string()
    };
    assert!(line("virtualmachine.kubevirt.io/fedora-running ").contains("Running"));
    assert!(line("virtualmachine.kubevirt.io/fedora-running ").contains("True"));
    assert!(line("virtualmachine.kubevirt.io/rhel-stopped ").contains("Stopped"));
    let vmi = line("virtualmachineinstance.kubevirt.io/fedora-running ");
    assert!(
        vmi.contains("Running") && vmi.contains("node01") && vmi.contains("10.244."),
        "{vmi}"
    );
    assert!(out.contains("PHASE") && out.contains("NODENAME"), "{out}");

    let (ok, out, err) = k.run(&["get", "vm", "fedora-running", "-n", "demo", "-o", "yaml"]);
    assert!(ok, "kubectl get -o yaml failed: {err}");
    for needle in [
        "kind: VirtualMachine",
        "name: fedora-running",
        "runStrategy: Always",
        "printableStatus: Running",
        "namespace: demo",
    ] {
        assert!(out.contains(needle), "{needle} missing:\n{out}");
    }

    // delete waits on a watch; wait uses one too
    let (ok, out, err) = k.run(&["delete", "vm", "rhel-stopped", "-n", "demo"]);
    assert!(ok && out.contains("\"rhel-stopped\" deleted"), "{out}{err}");
    assert!(sim.get("vm", "demo", "rhel-stopped").is_none());
    let (ok, out, err) = k.run(&[
        "wait",
        "vmi",
        "fedora-running",
        "-n",
        "demo",
        "--for=condition=Ready",
        "--timeout=10s",
    ]);
    assert!(ok, "{out}{err}");

    // short names, all-namespaces and the limited user
    let (ok, out, _) = k.run(&["get", "vmis", "-A"]);
    assert!(ok && out.contains("win-running"), "{out}");
    let (ok, out, _) = k.run(&["get", "nodes"]);
    assert!(ok && out.contains("node01") && out.contains("node02"), "{out}");
    sim.write_kubeconfig(&k.kubeconfig, &sim.limited_token(), Some("demo"))
        .unwrap();
    let (ok, _, err) = k.run(&["get", "vm", "-n", "demo"]);
    assert!(!ok);
    assert!(err.contains("User \"alice\" cannot list resource \"virtualmachines\" in API group \"kubevirt.io\" in the namespace \"demo\""), "{err}");
}
