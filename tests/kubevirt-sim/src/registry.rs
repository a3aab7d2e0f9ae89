//! The simulated cluster's moving parts, in one list ([`components`]): what `Sim::start` starts
//! after seeding the base fixtures and what the tick loop steps, in this order, once per
//! `phase_step` (never when `SimOptions::controllers` is off).
//!
//! # Adding a kind with a controller and an HTTPS endpoint
//! Take a `VirtualMachineExport` and its export server as the example.
//! 1. Its kind goes in the table of `kinds.rs` (data, like every other kind).
//! 2. One file, `export.rs`, holds the rest: a struct implementing [`Component`] whose
//!    [`Component::start`] starts the server with [`crate::https::Endpoint::start`] (a fresh
//!    [`crate::tls::generate`] when the server has a CA of its own, `cluster.api_pki` when it
//!    should look like part of the API server), keeps the URL and CA it will write into the
//!    objects' status and returns the endpoint for the simulator to keep alive; and whose
//!    [`Component::tick`] steps the objects of its kind (the helpers of `object.rs` read them).
//! 3. One registration line in [`components`].

use std::sync::Arc;

use crate::https::Endpoint;
use crate::server::SimState;
use crate::store::Inner;
use crate::tls::Pki;
use crate::{aggregator, cdi, checkup, controller, export, hotplug};

/// What a component may use when it starts.
pub struct Cluster<'a> {
    pub state: &'a Arc<SimState>,
    /// The API server's certificate, for endpoints that present themselves as part of it.
    pub api_pki: &'a Pki,
}

/// A part of the simulated cluster: a controller, and the HTTPS endpoints it serves.
pub trait Component: Send {
    /// Once, after the base fixtures are seeded: start the endpoints (kept alive by the
    /// simulator until it stops) and seed what refers to them.
    fn start(&mut self, _cluster: &Cluster<'_>) -> anyhow::Result<Vec<Endpoint>> {
        Ok(Vec::new())
    }

    /// One controller step over the store, which the caller holds locked.
    fn tick(&mut self, store: &mut Inner, state: &SimState);
}

/// Every component, in the order the tick loop steps them.
pub fn components() -> Vec<Box<dyn Component>> {
    vec![
        // virt-controller and virt-handler: VMs, VMIs, migrations
        Box::new(controller::Controller::new()),
        // CDI: the upload proxy, DataVolumes and upload PVCs
        Box::new(cdi::Cdi),
        // virt-controller's VirtualMachineExport controller and the exporter pods' server
        Box::new(export::Export::new()),
        Box::new(CheckupJobs),
        // the kubelet of the libguestfs-tools pods (`virtctl guestfs`)
        Box::new(crate::guestfs::Kubelet),
        // virt-api's memory-dump requests, stepped as virt-controller and virt-handler do
        Box::new(crate::memory_dump::MemoryDumps),
        // kube-aggregator: APIServices follow the pods behind their Service
        Box::new(aggregator::Availability),
        // HCO: the KubeVirt CR it owns follows the HyperConverged CR
        Box::new(crate::hco::Hco),
        // virt-template: VirtualMachineTemplateRequests become templates
        Box::new(crate::template::TemplateRequests),
        // virt-controller / virt-handler: volume hot-plug
        Box::new(hotplug::Hotplug),
        // kube-controller-manager's Deployment, ReplicaSet and DaemonSet controllers (with the
        // scheduler's and kubelet's part for their pods)
        Box::new(crate::workloads::Workloads),
        // kube-controller-manager's garbage collector: dependents follow their owners
        Box::new(crate::gc::GarbageCollector),
    ]
}

/// The checkup image's Jobs (`checkup.rs`), which serve nothing.
struct CheckupJobs;

impl Component for CheckupJobs {
    fn tick(&mut self, store: &mut Inner, state: &SimState) {
        checkup::tick(store, &state.checkup);
    }
}
