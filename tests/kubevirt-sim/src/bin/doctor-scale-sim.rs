//! The benchmark cluster of `bench/doctor.sh`: a simulated OpenShift Virtualization install with
//! N running VMs (default 1,000, in 10 namespaces), controllers standing still, the request log
//! in a file. Usage: doctor-scale-sim KUBECONFIG REQUEST_LOG [VMS]. Serves until killed.

use std::path::PathBuf;
use std::time::Duration;

use kubevirt_sim::{Sim, SimOptions, openshift_virt};

fn main() -> anyhow::Result<()> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let args: Vec<String> = std::env::args().collect();
    let kubeconfig = PathBuf::from(args.get(1).expect("KUBECONFIG path"));
    let log = PathBuf::from(args.get(2).expect("request log path"));
    let vms: usize = args.get(3).map(|n| n.parse()).transpose()?.unwrap_or(1000);
    let sim = Sim::start(SimOptions {
        phase_step: Duration::from_secs(3600),
        log_requests: Some(log),
        ..SimOptions::default()
    })?;
    let now = openshift_virt::now();
    openshift_virt::install(&sim, openshift_virt::objects(&now));
    openshift_virt::load(&sim, openshift_virt::scale(&now, vms, 10));
    sim.write_kubeconfig(&kubeconfig, &sim.admin_token(), None)?;
    println!("ready {} with {vms} VMs", sim.url());
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}
