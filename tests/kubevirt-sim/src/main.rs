//! `kubevirt-sim`: run the simulator with the demo namespace until SIGINT/SIGTERM.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use kubevirt_sim::{Sim, SimOptions, openshift_virt};

#[derive(Parser, Debug)]
#[command(
    name = "kubevirt-sim",
    about = "A simulated Kubernetes + KubeVirt + CDI API server for virtctl"
)]
struct Args {
    /// Write a kubeconfig (admin token, namespace demo) to this path
    #[arg(long, value_name = "PATH")]
    write_kubeconfig: Option<PathBuf>,
    /// Log one JSON line per request (method, path, query, status) to this file
    #[arg(long, value_name = "FILE")]
    log_requests: Option<PathBuf>,
    /// Port to listen on (127.0.0.1); 0 picks a free one
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Controller tick in milliseconds (one VMI phase step per tick)
    #[arg(long, default_value_t = 500)]
    phase_step_ms: u64,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let sim = Sim::start(SimOptions {
        port: args.port,
        demo: true,
        phase_step: Duration::from_millis(args.phase_step_ms.max(1)),
        log_requests: args.log_requests.clone(),
        controllers: true,
    })?;
    // The demo world is a healthy OpenShift Virtualization install, so `virtctl doctor` is quiet.
    openshift_virt::install(&sim, openshift_virt::objects(&openshift_virt::now()));
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", sim.url())?;
    match &args.write_kubeconfig {
        Some(p) => {
            sim.write_kubeconfig(p, &sim.admin_token(), Some("demo"))?;
            writeln!(out, "{}", p.display())?;
        }
        None => {
            write!(out, "{}", sim.kubeconfig_yaml(&sim.admin_token(), Some("demo")))?;
        }
    }
    out.flush()?;
    drop(out);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    rt.block_on(async {
        #[cfg(unix)]
        {
            let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        #[cfg(not(unix))]
        tokio::signal::ctrl_c().await?;
        Ok::<(), anyhow::Error>(())
    })?;
    drop(sim);
    Ok(())
}
