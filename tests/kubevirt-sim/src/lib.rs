//! kubevirt-sim: an in-memory simulator of the Kubernetes, KubeVirt and CDI APIs that virtctl
//! talks to, served over HTTPS with the apiserver's authentication (bearer tokens, basic auth,
//! client certificates, impersonation) and RBAC (`auth.rs`). Start it in-process with
//! [`Sim::start`].

// ApiError carries a whole Status body; errors are rare and boxing buys nothing here.
#![allow(clippy::result_large_err)]

pub mod admission;
pub mod aggregator;
pub mod api_faults;
pub mod attach;
pub mod auth;
pub mod cdi;
pub mod checkup;
pub mod console;
pub mod controller;
pub mod defaults;
pub mod discovery;
pub mod expand;
pub mod export;
pub mod export_oci;
pub mod faults;
pub mod fixtures;
pub mod gc;
pub mod guest;
pub mod guest_services;
pub mod guest_sftp;
pub mod guest_shell;
pub mod guestfs;
pub mod hco;
pub mod hotplug;
pub mod https;
pub mod kinds;
pub mod memory_dump;
pub mod object;
pub mod objectgraph;
pub mod openapi;
pub mod openshift_virt;
pub mod paging;
pub mod patch;
pub mod pod_portforward;
pub mod podlog;
pub mod portforward;
pub mod printers;
pub mod prometheus;
pub mod proxy;
pub mod registry;
pub mod scale;
pub mod scenarios;
pub mod selector;
pub mod server;
pub mod services;
pub mod status;
pub mod store;
pub mod template;
pub mod tls;
pub mod tools;
pub mod uploadproxy;
pub mod virtapi;
pub mod vm_scenarios;
pub mod vnc;
pub mod workloads;
pub mod ws;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::prelude::{BASE64_STANDARD, Engine as _};
use serde_json::Value;

pub use server::RequestRecord;
use server::SimState;
use store::Part;

/// How to run the simulator.
#[derive(Debug, Clone)]
pub struct SimOptions {
    /// 0 = a random free port
    pub port: u16,
    /// seed the `demo` namespace
    pub demo: bool,
    /// controller tick: each VMI/migration phase step takes one tick; 1 s of grace = 1 tick
    pub phase_step: Duration,
    /// write one JSON line per request (method, path, query, status) to this file
    pub log_requests: Option<PathBuf>,
    /// run the controllers (virt-controller, virt-handler, CDI); off, the cluster is a still
    /// snapshot, as when those components are down: what a test loads stays exactly as loaded
    pub controllers: bool,
    /// the versions of `export.kubevirt.io` served (default: the kinds table's, `v1` and
    /// `v1beta1`, as KubeVirt 1.9 and later); `["v1beta1"]` is an older KubeVirt: discovery lists
    /// only it and every `/apis/export.kubevirt.io/v1` path answers the apiserver's plain 404
    pub export_versions: Vec<String>,
}

impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            port: 0,
            demo: false,
            phase_step: Duration::from_millis(20),
            log_requests: None,
            controllers: true,
            export_versions: kinds::versions_of(export::GROUP)
                .iter()
                .map(|v| v.to_string())
                .collect(),
        }
    }
}

/// A running simulator. Dropping it shuts it down.
pub struct Sim {
    state: Arc<SimState>,
    addr: SocketAddr,
    ca_pem: String,
    ca_der: rustls::pki_types::CertificateDer<'static>,
    admin_token: String,
    limited_token: String,
    pki: Arc<tls::Pki>,
    // Fields drop in order: the API server stops before the endpoints its objects point at.
    _server: https::ServerThread,
    /// the components' HTTPS endpoints (the upload proxy, ...)
    _endpoints: Vec<https::Endpoint>,
}

/// The API server and the tick loop, on one multi-threaded runtime.
struct ApiServer {
    listener: std::net::TcpListener,
    tls: Arc<rustls::ServerConfig>,
    state: Arc<SimState>,
    /// `None` when the controllers are off
    components: Option<Vec<Box<dyn registry::Component>>>,
    phase_step: Duration,
}

impl ApiServer {
    /// Serves until `stopped` completes. Says on `ready` once it accepts connections; an error
    /// before that is returned for the caller to send instead.
    fn run(
        self,
        stopped: std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>,
        ready: &std::sync::mpsc::Sender<anyhow::Result<()>>,
    ) -> anyhow::Result<()> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            let _ = ready.send(Ok(()));
            let state = self.state;
            let ticking = self
                .components
                .map(|components| tokio::spawn(tick_loop(components, state.clone(), self.phase_step)));
            let api = move |req| server::handle(state.clone(), req);
            https::serve(listener, self.tls, api, stopped).await;
            if let Some(task) = ticking {
                task.abort();
            }
            anyhow::Ok(())
        })?;
        rt.shutdown_timeout(Duration::from_millis(500));
        Ok(())
    }
}

fn resolve_owners(s: &store::Inner, o: &mut Value) {
    let ns = object::ns_of(o);
    let Some(refs) = o.pointer_mut("/metadata/ownerReferences").and_then(Value::as_array_mut) else {
        return;
    };
    for r in refs.iter_mut().filter(|r| r.get("uid").is_none()) {
        let kind = kinds::for_object(r["apiVersion"].as_str().unwrap_or(""), r["kind"].as_str().unwrap_or(""))
            .or_else(|| kinds::resolve(r["kind"].as_str().unwrap_or("")));
        if let Some(owner) = kind.and_then(|k| s.try_get(k, &ns, r["name"].as_str().unwrap_or(""))) {
            r["uid"] = owner["metadata"]["uid"].clone();
        }
    }
}

fn create_object(s: &mut store::Inner, mut obj: Value, admit: bool) -> Result<Value, status::ApiError> {
    let api_version = obj["apiVersion"].as_str().unwrap_or("").to_string();
    let kind_name = obj["kind"].as_str().unwrap_or("").to_string();
    let kind = kinds::for_object(&api_version, &kind_name).ok_or_else(|| {
        status::ApiError::bad_request(format!(
            "no kind {kind_name:?} is registered for version {api_version:?}"
        ))
    })?;
    let ns = if kind.namespaced {
        obj.pointer("/metadata/namespace")
            .and_then(|v| v.as_str())
            .unwrap_or("default")
            .to_string()
    } else {
        String::new()
    };
    if kind.namespaced && !s.namespace_exists(&ns) {
        let nsk = object::namespace_kind();
        s.create(nsk, "", fixtures::namespace(&ns), false, false)?;
    }
    if admit {
        admission::admit_create(kind, &ns, &mut obj)?;
    }
    s.create(kind, &ns, obj, false, false)
}

/// Creates `objects` as they are, or admitted as a client's would be (`admit`).
fn seed(state: &SimState, objects: Vec<Value>, admit: bool) -> Result<(), status::ApiError> {
    let mut s = state.store.lock();
    for o in objects {
        create_object(&mut s, o, admit)?;
    }
    Ok(())
}

fn open_request_log(path: Option<&Path>) -> std::io::Result<Option<Mutex<std::fs::File>>> {
    let Some(path) = path else { return Ok(None) };
    let file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    Ok(Some(Mutex::new(file)))
}

/// One step of every component, under one store lock.
fn tick_all(components: &mut [Box<dyn registry::Component>], state: &SimState) {
    let mut s = state.store.lock();
    for component in components.iter_mut() {
        component.tick(&mut s, state);
    }
}

/// Steps the components every `step` until aborted.
async fn tick_loop(mut components: Vec<Box<dyn registry::Component>>, state: Arc<SimState>, step: Duration) {
    let mut iv = tokio::time::interval(step);
    iv.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        iv.tick().await;
        tick_all(&mut components, &state);
        state.ticks.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}

fn resolve(resource: &str) -> &'static kinds::Kind {
    kinds::resolve(resource).unwrap_or_else(|| panic!("kubevirt-sim: unknown resource {resource:?}"))
}

impl Sim {
    /// Start a simulator on its own thread and tokio runtime. Returns once it accepts connections.
    pub fn start(opts: SimOptions) -> anyhow::Result<Sim> {
        let unserved = export::unserved_versions(&opts.export_versions)?;
        let pki = tls::generate()?;
        let listener = https::bind_local(opts.port)?;
        let addr = listener.local_addr()?;
        let state = Arc::new(SimState {
            store: store::Store::new(),
            authn: auth::Authenticator::default(),
            requests: Mutex::new(Vec::new()),
            log_file: open_request_log(opts.log_requests.as_deref())?,
            server_address: Mutex::new(addr.to_string()),
            cdi: cdi::CdiState::default(),
            checkup: checkup::CheckupState::default(),
            connect: ws::ConnectState::default(),
            guestfs: guestfs::GuestfsState::default(),
            ticks: Default::default(),
            api_faults: Default::default(),
            unserved,
        });
        let admin_token = format!("kubevirt-sim-admin-{}", store::random_suffix(16));
        let limited_token = format!("kubevirt-sim-alice-{}", store::random_suffix(16));
        state.authn.add(&admin_token, "admin", None);
        state.authn.add(&limited_token, "alice", Some(&["limited"]));

        seed(&state, fixtures::base(), false).map_err(|e| anyhow::anyhow!("seeding: {e}"))?;
        let mut components = registry::components();
        let cluster = registry::Cluster {
            state: &state,
            api_pki: &pki,
        };
        let mut endpoints = Vec::new();
        for component in &mut components {
            endpoints.extend(component.start(&cluster)?);
        }
        if opts.demo {
            seed(&state, fixtures::demo(), true).map_err(|e| anyhow::anyhow!("seeding demo: {e}"))?;
            // Let the demo VMs reach their steady phases before the first client looks.
            for _ in 0..12 {
                tick_all(&mut components, &state);
            }
        }

        let (ready_tx, ready_rx) = std::sync::mpsc::channel::<anyhow::Result<()>>();
        let api_server = ApiServer {
            listener,
            tls: pki.api_server_config.clone(),
            state: state.clone(),
            components: opts.controllers.then_some(components),
            phase_step: opts.phase_step,
        };
        let server = https::ServerThread::spawn("kubevirt-sim", move |stopped| {
            if let Err(e) = api_server.run(stopped, &ready_tx) {
                let _ = ready_tx.send(Err(e));
            }
        })?;
        ready_rx
            .recv()
            .map_err(|_| anyhow::anyhow!("simulator thread died"))??;
        Ok(Sim {
            state,
            addr,
            ca_pem: pki.ca_pem.clone(),
            ca_der: pki.ca_der.clone(),
            pki: Arc::new(pki),
            admin_token,
            limited_token,
            _server: server,
            _endpoints: endpoints,
        })
    }

    pub fn url(&self) -> String {
        format!("https://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn ca_pem(&self) -> String {
        self.ca_pem.clone()
    }

    /// The CA certificate (DER), for building TLS clients.
    pub fn ca_der(&self) -> rustls::pki_types::CertificateDer<'static> {
        self.ca_der.clone()
    }

    /// A rustls client config trusting this simulator's CA.
    pub fn client_tls_config(&self) -> rustls::ClientConfig {
        tls::client_config(&self.ca_der)
    }

    /// Token of user `admin` (every namespace).
    pub fn admin_token(&self) -> String {
        self.admin_token.clone()
    }

    /// Token of user `alice` (namespace `limited` only).
    pub fn limited_token(&self) -> String {
        self.limited_token.clone()
    }

    /// Add a token for `user`; `None` = every namespace.
    pub fn add_token(&self, token: &str, user: &str, namespaces: Option<&[&str]>) {
        self.state.authn.add(token, user, namespaces);
    }

    /// A bearer token that authenticates `user` until `until`, then is answered 401 (the
    /// apiserver's `Unauthorized` Status), as an expired short-lived token is.
    pub fn add_token_until(&self, token: &str, user: &str, namespaces: Option<&[&str]>, until: std::time::SystemTime) {
        self.state.authn.add_until(token, user, namespaces, until);
    }

    /// A bearer token for `user` in `groups`: what it may do is what the cluster's RBAC objects
    /// grant (`system:masters` in `groups`: everything).
    pub fn add_rbac_token(&self, token: &str, user: &str, groups: &[&str]) {
        self.state.authn.add_token_for(token, user, groups);
    }

    /// A basic-auth user in `groups`, granted what RBAC grants.
    pub fn add_basic_user(&self, user: &str, password: &str, groups: &[&str]) {
        self.state.authn.add_password(user, password, groups);
    }

    /// A client certificate (PEM) and its key signed by the cluster CA for `user` in `groups`
    /// (CN and O), granted what RBAC grants.
    pub fn client_certificate(&self, user: &str, groups: &[&str]) -> (String, String) {
        self.pki
            .client_certificate(user, groups)
            .unwrap_or_else(|e| panic!("kubevirt-sim client certificate: {e}"))
    }

    pub fn kubeconfig_yaml(&self, token: &str, namespace: Option<&str>) -> String {
        let ns = namespace.map(|n| format!("    namespace: {n}\n")).unwrap_or_default();
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority-data: {}\n    server: {}\n  name: kubevirt-sim\ncontexts:\n- context:\n    cluster: kubevirt-sim\n{}    user: kubevirt-sim\n  name: kubevirt-sim\ncurrent-context: kubevirt-sim\npreferences: {{}}\nusers:\n- name: kubevirt-sim\n  user:\n    token: {}\n",
            BASE64_STANDARD.encode(self.ca_pem.as_bytes()),
            self.url(),
            ns,
            token
        )
    }

    /// Write the kubeconfig with mode 0600.
    pub fn write_kubeconfig(&self, path: &Path, token: &str, namespace: Option<&str>) -> std::io::Result<()> {
        use std::io::Write;
        let mut o = std::fs::OpenOptions::new();
        o.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.mode(0o600);
        }
        let mut f = o.open(path)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        f.write_all(self.kubeconfig_yaml(token, namespace).as_bytes())
    }

    /// Serves the monitoring stack of `ns` directly over HTTPS, as an OpenShift Route would.
    pub fn monitoring_route(&self, ns: &str) -> anyhow::Result<prometheus::RouteServer> {
        prometheus::serve_route(self.state.clone(), ns)
    }

    /// What the simulated checkup image does when a checkup Job runs (`checkup.rs`).
    pub fn set_checkup_behaviour(&self, behaviour: checkup::Behaviour) {
        *self.state.checkup.behaviour.lock().unwrap_or_else(|e| e.into_inner()) = behaviour;
    }

    /// Create an object (its namespace is created on demand). Panics on error.
    pub fn create(&self, obj: Value) -> Value {
        self.try_create(obj)
            .unwrap_or_else(|e| panic!("kubevirt-sim create: {e}"))
    }

    pub fn try_create(&self, obj: Value) -> Result<Value, status::ApiError> {
        let mut s = self.state.store.lock();
        create_object(&mut s, obj, true)
    }

    /// Creates `objects` in order while holding the store, so no controller step sees part of
    /// them; an existing object is replaced. An owner reference written without a uid (by kind
    /// and name, its owner loaded earlier) gets the owner's uid, as the owning controller would
    /// have set it: the store gives every object a new uid.
    pub fn load(&self, objects: Vec<Value>) {
        let mut s = self.state.store.lock();
        for mut obj in objects {
            resolve_owners(&s, &mut obj);
            if create_object(&mut s, obj.clone(), true).is_ok() {
                continue;
            }
            let kind = kinds::for_object(
                obj["apiVersion"].as_str().unwrap_or(""),
                obj["kind"].as_str().unwrap_or(""),
            );
            if let Some(kind) = kind {
                let (ns, name) = (object::ns_of(&obj), object::name_of(&obj));
                if let Err(e) = s.update(kind, &ns, &name, obj, false, Part::Whole) {
                    panic!("kubevirt-sim load: {e}");
                }
            }
        }
    }

    /// `resource` is a plural (`virtualmachines`), `plural.group`, kind or short name; namespace
    /// `""` for cluster-scoped kinds.
    pub fn get(&self, resource: &str, namespace: &str, name: &str) -> Option<Value> {
        self.state.store.lock().try_get(resolve(resource), namespace, name)
    }

    pub fn list(&self, resource: &str, namespace: Option<&str>) -> Vec<Value> {
        self.state.store.lock().list_all(resolve(resource), namespace)
    }

    /// Replace an object (no resourceVersion check), bumping its resourceVersion. Panics on error.
    pub fn update(&self, obj: Value) -> Value {
        let api_version = obj["apiVersion"].as_str().unwrap_or("").to_string();
        let kind_name = obj["kind"].as_str().unwrap_or("").to_string();
        let kind = kinds::for_object(&api_version, &kind_name)
            .unwrap_or_else(|| panic!("kubevirt-sim update: unknown kind {kind_name}"));
        let (ns, name) = (object::ns_of(&obj), object::name_of(&obj));
        self.state
            .store
            .lock()
            .update(kind, &ns, &name, obj, false, Part::Whole)
            .unwrap_or_else(|e| panic!("kubevirt-sim update: {e}"))
    }

    /// Delete an object as the API would (finalizers respected: the controllers finish the job).
    pub fn delete(&self, resource: &str, namespace: &str, name: &str) {
        let _ = self
            .state
            .store
            .lock()
            .delete(resolve(resource), namespace, name, false, None, None);
    }

    /// The next `times` API requests `METHOD ...path_suffix` answer `status` with the API
    /// server's `Status` body (and `Retry-After: SECONDS` when given), as a throttling or
    /// restarting API server does.
    pub fn fail_api(&self, method: &str, path_suffix: &str, status: u16, retry_after: Option<u32>, times: u32) {
        self.state
            .api_faults
            .add(method, path_suffix, status, retry_after, times);
    }

    /// The next `times` API requests `METHOD ...path_suffix` get no answer: the simulator reads
    /// each, logs it with status 0 and closes its connection.
    pub fn cut_api(&self, method: &str, path_suffix: &str, times: u32) {
        self.state.api_faults.cut(method, path_suffix, times);
    }

    pub fn requests(&self) -> Vec<RequestRecord> {
        self.state.requests.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn clear_requests(&self) {
        self.state.requests.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// Poll `f` every 5 ms until it holds or `timeout` passes.
    pub fn wait_until(&self, timeout: Duration, f: impl Fn(&Sim) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if f(self) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Wait until the controllers have run `rounds` more ticks (false after `timeout`, or at once
    /// when `SimOptions::controllers` is off): for asserting that something did *not* happen.
    pub fn wait_for_ticks(&self, rounds: u64, timeout: Duration) -> bool {
        let ticks = || self.state.ticks.load(std::sync::atomic::Ordering::Relaxed);
        let target = ticks() + rounds;
        self.wait_until(timeout, |_| ticks() >= target)
    }

    /// Direct access to the object store (for advanced tests).
    pub fn store(&self) -> store::Store {
        self.state.store.clone()
    }
}
