//! `kubevirt-sim`: run the simulator with the demo namespace until SIGINT/SIGTERM, in a healthy
//! OpenShift Virtualization install or in one of doctor's runbook scenarios (`--scenario`).

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use kubevirt_sim::{Sim, SimOptions, openshift_virt, scenarios};

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
    /// Start in this doctor scenario (a runbook failure applied to the install) instead of a
    /// healthy install; a check's name (e.g. VirtAPIDown) picks its first scenario
    #[arg(long, value_name = "NAME")]
    scenario: Option<String>,
    /// Print the scenarios' names, each with the check it makes fire, and exit
    #[arg(long)]
    list_scenarios: bool,
    /// The versions of export.kubevirt.io to serve; `v1beta1` alone is a KubeVirt before 1.9
    #[arg(long, value_name = "VERSIONS", value_delimiter = ',', default_value = "v1,v1beta1")]
    export_versions: Vec<String>,
}

/// The scenario `name` names: a scenario's own name, or else the first scenario of that check.
fn find_scenario(name: &str) -> Option<&'static scenarios::Scenario> {
    scenarios::Scenario::named(name).or_else(|| scenarios::SCENARIOS.iter().find(|s| s.check == name))
}

fn list_scenarios() -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    for s in scenarios::SCENARIOS {
        writeln!(out, "{}\t{}", s.name, s.check)?;
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if args.list_scenarios {
        list_scenarios()?;
        return Ok(());
    }
    let scenario = match args.scenario.as_deref().map(|n| (n, find_scenario(n))) {
        Some((name, None)) => {
            eprintln!("kubevirt-sim: unknown scenario {name:?}; `kubevirt-sim --list-scenarios` lists them");
            std::process::exit(2);
        }
        Some((_, found)) => found,
        None => None,
    };
    let sim = Sim::start(SimOptions {
        port: args.port,
        demo: true,
        phase_step: Duration::from_millis(args.phase_step_ms.max(1)),
        log_requests: args.log_requests.clone(),
        controllers: true,
        export_versions: args.export_versions.clone(),
    })?;
    // The demo world is a healthy OpenShift Virtualization install, so `virtctl doctor` is quiet,
    // unless a scenario breaks it before it is loaded.
    let now = openshift_virt::now();
    let mut objects = openshift_virt::objects(&now);
    if let Some(scenario) = scenario {
        (scenario.apply)(&mut objects, &now);
    }
    openshift_virt::install(&sim, objects);
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
