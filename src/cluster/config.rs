//! Client configuration with kubectl's rules: which kubeconfig files, which context, cluster and
//! user, the global override flags, the in-cluster fallback and the namespace.
//!
//! The result is a `kube::Config`, so TLS, exec credential plugins, client certificates and
//! proxies all go through kube-rs; this module only decides what goes into it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use kube::config::{
    AuthInfo, Cluster, Context, KubeConfigOptions, Kubeconfig, NamedAuthInfo, NamedCluster, NamedContext,
};
use secrecy::{ExposeSecret, SecretString};

use super::connection::ConnectionArgs;
use crate::error::{Error, Result};
use crate::go_syntax::parse_duration;

const SERVICE_ACCOUNT_DIR: &str = "/var/run/secrets/kubernetes.io/serviceaccount";
const DEFAULT_SERVER: &str = "http://localhost:8080";
const RESOLVED: &str = "virtctl-resolved";

/// The resolved client configuration and namespace.
pub struct ClusterConfig {
    pub kube: kube::Config,
    pub namespace: String,
}

/// What the process environment contributes, read once so the resolution below stays pure.
#[derive(Debug, Default, Clone)]
pub struct Environment {
    pub kubeconfig_var: Option<String>,
    pub home: Option<PathBuf>,
    pub kubernetes_master: Option<String>,
    /// `KUBERNETES_SERVICE_HOST`/`PORT` set and the service-account token file present.
    pub in_cluster_possible: bool,
    pub pod_namespace: Option<String>,
    pub service_account_namespace: Option<String>,
}

impl Environment {
    pub fn from_process() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let in_cluster_possible = var("KUBERNETES_SERVICE_HOST").is_some()
            && var("KUBERNETES_SERVICE_PORT").is_some()
            && Path::new(SERVICE_ACCOUNT_DIR).join("token").is_file();
        let service_account_namespace = std::fs::read_to_string(Path::new(SERVICE_ACCOUNT_DIR).join("namespace"))
            .ok()
            .map(|ns| ns.trim().to_string())
            .filter(|ns| !ns.is_empty());
        Environment {
            kubeconfig_var: std::env::var("KUBECONFIG").ok(),
            home: home_dir(),
            kubernetes_master: var("KUBERNETES_MASTER"),
            in_cluster_possible,
            pod_namespace: var("POD_NAMESPACE"),
            service_account_namespace,
        }
    }
}

/// The home directory kubectl reads `.kube/config` under (client-go's `homedir.HomeDir`).
pub fn home_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if cfg!(windows) {
        return windows_home_dir(var);
    }
    var("HOME").map(PathBuf::from).or_else(std::env::home_dir)
}

/// client-go's Windows rule: the first of `%HOME%`, `%HOMEDRIVE%%HOMEPATH%`, `%USERPROFILE%`
/// that holds a `.kube\config`; else the first writable directory of `%HOME%`,
/// `%USERPROFILE%`, `%HOMEDRIVE%%HOMEPATH%` (that order, as other credential tools write to
/// `%USERPROFILE%`), else the first that exists, else the first that is set. Pure but for the
/// file system, so Linux tests exercise it.
pub fn windows_home_dir(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let home = var("HOME").map(PathBuf::from);
    let drive_path = var("HOMEDRIVE")
        .zip(var("HOMEPATH"))
        .map(|(drive, path)| PathBuf::from(drive + &path));
    let profile = var("USERPROFILE").map(PathBuf::from);
    let with_config = [&home, &drive_path, &profile]
        .into_iter()
        .flatten()
        .find(|dir| dir.join(".kube").join("config").exists());
    if let Some(dir) = with_config {
        return Some(dir.clone());
    }
    let candidates: Vec<&PathBuf> = [&home, &profile, &drive_path].into_iter().flatten().collect();
    let writable_dir = candidates
        .iter()
        .find(|dir| std::fs::metadata(dir).is_ok_and(|m| m.is_dir() && !m.permissions().readonly()));
    let existing = candidates.iter().find(|dir| dir.exists());
    writable_dir
        .or(existing)
        .or(candidates.first())
        .map(|dir| (*dir).clone())
}

/// Loads the configuration for the given global flags, as kubectl would.
pub async fn load(global: &ConnectionArgs) -> Result<ClusterConfig> {
    let env = Environment::from_process();
    let kubeconfig = read_kubeconfigs(global, &env)?;

    let (mut kube, context_namespace) =
        if is_empty(&kubeconfig) && !has_cluster_overrides(global) && env.in_cluster_possible {
            let mut config = kube::Config::incluster().map_err(|e| Error::Config(e.to_string()))?;
            apply_in_cluster_overrides(&mut config, global)?;
            (config, None)
        } else {
            let resolved = resolve(kubeconfig, global, &env)?;
            let config = kube::Config::from_custom_kubeconfig(resolved.kubeconfig, &KubeConfigOptions::default())
                .await
                .map_err(|e| Error::Config(super::api::error_chain(&e)))?;
            (config, resolved.namespace)
        };
    let namespace = resolve_namespace(global, context_namespace.as_deref(), &env);
    finish(&mut kube, global)?;
    Ok(ClusterConfig { kube, namespace })
}

/// The kubeconfig files read, in merge order: `--kubeconfig`, else the `$KUBECONFIG` list, else
/// `~/.kube/config`.
fn kubeconfig_paths(global: &ConnectionArgs, env: &Environment) -> Vec<PathBuf> {
    if let Some(path) = global.kubeconfig.as_deref().filter(|p| !p.is_empty()) {
        return vec![PathBuf::from(path)];
    }
    match env.kubeconfig_var.as_deref().filter(|v| !v.is_empty()) {
        Some(list) => std::env::split_paths(list)
            .filter(|p| !p.as_os_str().is_empty())
            .collect(),
        None => env.home.iter().map(|home| home.join(".kube").join("config")).collect(),
    }
}

/// The merged kubeconfig of [`kubeconfig_paths`]; a `--kubeconfig` file must exist.
fn read_kubeconfigs(global: &ConnectionArgs, env: &Environment) -> Result<Kubeconfig> {
    if let Some(path) = global.kubeconfig.as_deref().filter(|p| !p.is_empty()) {
        if let Err(err) = std::fs::metadata(path) {
            return Err(Error::Config(format!("stat {path}: {}", go_io_error(&err))));
        }
        return read_one(Path::new(path));
    }
    let mut merged = Kubeconfig::default();
    for path in kubeconfig_paths(global, env).iter().filter(|p| p.exists()) {
        merged = merged
            .merge(read_one(path)?)
            .map_err(|e| Error::Config(e.to_string()))?;
    }
    Ok(merged)
}

/// The context, cluster and user names of the kubeconfig files the flags select (for completion):
/// sorted, without duplicates; files that are missing or do not parse are passed over.
pub fn kubeconfig_names(global: &ConnectionArgs) -> KubeconfigNames {
    let mut names = KubeconfigNames::default();
    for path in kubeconfig_paths(global, &Environment::from_process()) {
        let Ok(config) = Kubeconfig::read_from(&path) else {
            continue;
        };
        names.contexts.extend(config.contexts.into_iter().map(|c| c.name));
        names.clusters.extend(config.clusters.into_iter().map(|c| c.name));
        names.users.extend(config.auth_infos.into_iter().map(|u| u.name));
    }
    for list in [&mut names.contexts, &mut names.clusters, &mut names.users] {
        list.sort();
        list.dedup();
    }
    names
}

/// What [`kubeconfig_names`] found.
#[derive(Debug, Default)]
pub struct KubeconfigNames {
    pub contexts: Vec<String>,
    pub clusters: Vec<String>,
    pub users: Vec<String>,
}

/// One kubeconfig file; a file that does not parse is one line naming it, as client-go says.
fn read_one(path: &Path) -> Result<Kubeconfig> {
    Kubeconfig::read_from(path).map_err(|e| {
        let text = super::api::error_chain(&e);
        let first = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("invalid kubeconfig");
        Error::Config(format!(
            "error loading config file {:?}: {first}",
            path.display().to_string()
        ))
    })
}

fn is_empty(config: &Kubeconfig) -> bool {
    config.clusters.is_empty()
        && config.auth_infos.is_empty()
        && config.contexts.is_empty()
        && config.current_context.is_none()
}

fn has_cluster_overrides(global: &ConnectionArgs) -> bool {
    global.server.is_some() || global.context.is_some() || global.cluster.is_some() || global.user.is_some()
}

/// A kubeconfig reduced to the one context in use, with every override flag applied.
pub(crate) struct Resolved {
    pub(crate) kubeconfig: Kubeconfig,
    /// The context's own namespace, if it sets one.
    pub(crate) namespace: Option<String>,
}

pub(crate) fn resolve(config: Kubeconfig, global: &ConnectionArgs, env: &Environment) -> Result<Resolved> {
    let context_name = global
        .context
        .clone()
        .filter(|c| !c.is_empty())
        .or(config.current_context.clone());
    let context = match &context_name {
        Some(name) => config
            .contexts
            .iter()
            .find(|c| &c.name == name)
            .map(|c| c.context.clone().unwrap_or_default())
            .ok_or_else(|| Error::Config(format!("context {name:?} does not exist")))?,
        None => Context::default(),
    };

    let cluster_name = global
        .cluster
        .clone()
        .filter(|c| !c.is_empty())
        .unwrap_or(context.cluster.clone());
    let mut cluster = lookup(&config.clusters, &cluster_name, |c| (&c.name, &c.cluster));
    if global.cluster.is_some() && cluster.is_none() {
        return Err(Error::Config(format!("cluster {cluster_name:?} does not exist")));
    }
    let mut cluster: Cluster = cluster.take().unwrap_or_default();

    let user_name = global.user.clone().filter(|u| !u.is_empty()).or(context.user.clone());
    let mut user: AuthInfo = user_name
        .as_ref()
        .and_then(|name| lookup(&config.auth_infos, name, |a| (&a.name, &a.auth_info)))
        .unwrap_or_default();

    apply_cluster_overrides(&mut cluster, global)?;
    apply_user_overrides(&mut user, global);
    validate_impersonation(&user, user_name.as_deref().unwrap_or(""))?;
    if cluster.server.as_deref().is_none_or(str::is_empty) {
        cluster.server = Some(
            env.kubernetes_master
                .clone()
                .unwrap_or_else(|| DEFAULT_SERVER.to_string()),
        );
    }
    let tls = uses_tls(&cluster, &user);
    cluster.server = cluster.server.map(|server| with_default_scheme(server, tls));

    let kubeconfig = Kubeconfig {
        clusters: vec![NamedCluster {
            name: RESOLVED.into(),
            cluster: Some(cluster),
            other: Default::default(),
        }],
        auth_infos: vec![NamedAuthInfo {
            name: RESOLVED.into(),
            auth_info: Some(user),
            other: Default::default(),
        }],
        contexts: vec![NamedContext {
            name: RESOLVED.into(),
            context: Some(Context {
                cluster: RESOLVED.into(),
                user: Some(RESOLVED.into()),
                namespace: context.namespace.clone(),
                ..Default::default()
            }),
            other: Default::default(),
        }],
        current_context: Some(RESOLVED.into()),
        ..Default::default()
    };
    Ok(Resolved {
        kubeconfig,
        namespace: context.namespace.filter(|ns| !ns.is_empty()),
    })
}

/// client-go's `DefaultServerURL`: a server without a scheme (`host:port`, `not-a-url`) gets
/// `https://` when the configuration has TLS material and `http://` otherwise, rather than
/// reaching the HTTP client as a URI it cannot use.
fn with_default_scheme(server: String, tls: bool) -> String {
    // `host:port` would parse as a URI with scheme `host`: look for `://` instead.
    if server.contains("://") {
        return server;
    }
    let scheme = if tls { "https://" } else { "http://" };
    format!("{scheme}{server}")
}

/// client-go's `defaultServerUrlFor` TLS test: a CA, a client certificate or `--insecure-skip-tls-verify`.
fn uses_tls(cluster: &Cluster, user: &AuthInfo) -> bool {
    cluster.certificate_authority.is_some()
        || cluster.certificate_authority_data.is_some()
        || cluster.insecure_skip_tls_verify == Some(true)
        || user.client_certificate.is_some()
        || user.client_certificate_data.is_some()
}

fn lookup<T, V: Clone>(items: &[T], name: &str, parts: impl Fn(&T) -> (&String, &Option<V>)) -> Option<V> {
    items.iter().find_map(|item| {
        let (item_name, value) = parts(item);
        (item_name == name).then(|| value.clone()).flatten()
    })
}

fn apply_cluster_overrides(cluster: &mut Cluster, global: &ConnectionArgs) -> Result<()> {
    if let Some(server) = non_empty(&global.server) {
        cluster.server = Some(server);
    }
    if let Some(ca) = non_empty(&global.certificate_authority) {
        cluster.certificate_authority = Some(ca);
        cluster.certificate_authority_data = None;
    }
    if global.insecure_skip_tls_verify {
        cluster.insecure_skip_tls_verify = Some(true);
        // client-go drops the kubeconfig's CA when the flag asks for no verification.
        if global.certificate_authority.is_none() {
            cluster.certificate_authority = None;
            cluster.certificate_authority_data = None;
        }
    }
    if cluster.insecure_skip_tls_verify == Some(true)
        && (cluster.certificate_authority.is_some() || cluster.certificate_authority_data.is_some())
    {
        return Err(Error::Config(
            "specifying a root certificates file with the insecure flag is not allowed".into(),
        ));
    }
    if let Some(name) = non_empty(&global.tls_server_name) {
        cluster.tls_server_name = Some(name);
    }
    if let Some(proxy) = non_empty(&global.proxy_url) {
        cluster.proxy_url = Some(proxy);
    }
    if global.disable_compression {
        cluster.disable_compression = Some(true);
    }
    Ok(())
}

/// clientcmd's check: impersonating groups or a uid needs a user to impersonate (the API
/// server would answer such a request with a 500).
fn validate_impersonation(user: &AuthInfo, user_name: &str) -> Result<()> {
    let groups = user.impersonate_groups.as_ref().is_some_and(|g| !g.is_empty());
    let uid = user.impersonate_uid.as_ref().is_some_and(|u| !u.is_empty());
    let impersonating = user.impersonate.as_ref().is_some_and(|u| !u.is_empty());
    if (groups || uid) && !impersonating {
        return Err(Error::Config(format!(
            "invalid configuration: requesting uid, groups or user-extra for {user_name} without impersonating a user"
        )));
    }
    Ok(())
}

fn apply_user_overrides(user: &mut AuthInfo, global: &ConnectionArgs) {
    if let Some(token) = non_empty_secret(&global.token) {
        user.token = Some(token);
        user.token_file = None;
    }
    if let Some(cert) = non_empty(&global.client_certificate) {
        user.client_certificate = Some(cert);
        user.client_certificate_data = None;
    }
    if let Some(key) = non_empty(&global.client_key) {
        user.client_key = Some(key);
        user.client_key_data = None;
    }
    if let Some(username) = non_empty(&global.username) {
        user.username = Some(username);
    }
    if let Some(password) = non_empty_secret(&global.password) {
        user.password = Some(password);
    }
    if let Some(who) = non_empty(&global.impersonate) {
        user.impersonate = Some(who);
    }
    if !global.impersonate_groups.is_empty() {
        user.impersonate_groups = Some(global.impersonate_groups.clone());
    }
    if let Some(uid) = non_empty(&global.impersonate_uid) {
        user.impersonate_uid = Some(uid);
    }
}

fn apply_in_cluster_overrides(config: &mut kube::Config, global: &ConnectionArgs) -> Result<()> {
    if let Some(token) = non_empty_secret(&global.token) {
        config.auth_info.token = Some(token);
        config.auth_info.token_file = None;
    }
    if let Some(who) = non_empty(&global.impersonate) {
        config.auth_info.impersonate = Some(who);
    }
    if !global.impersonate_groups.is_empty() {
        config.auth_info.impersonate_groups = Some(global.impersonate_groups.clone());
    }
    if global.insecure_skip_tls_verify {
        config.accept_invalid_certs = true;
        config.root_cert = None;
        config.root_cert_file = None;
    }
    if let Some(name) = non_empty(&global.tls_server_name) {
        config.tls_server_name = Some(name);
    }
    Ok(())
}

/// Settings that are the same whichever way the configuration was found.
fn finish(config: &mut kube::Config, global: &ConnectionArgs) -> Result<()> {
    // Retries are ours to decide per command (upstream retries nothing by default).
    config.default_retry = false;
    let timeout = parse_duration(&global.request_timeout).map_err(|_| {
        Error::Config(
            "invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)"
                .into(),
        )
    })?;
    if timeout > Duration::ZERO {
        config.read_timeout = Some(timeout);
        config.write_timeout = Some(timeout);
        config.connect_timeout = Some(timeout);
        config.reset_reader_on_write = true;
    }
    Ok(())
}

/// The certificate authorities the resolved configuration trusts for the API server (DER), so
/// that other HTTPS connections to the cluster (the upload proxy) can trust them too.
pub fn cluster_ca(config: &kube::Config) -> Vec<Vec<u8>> {
    if let Some(certs) = &config.root_cert {
        return certs.clone();
    }
    let Some(path) = &config.root_cert_file else {
        return Vec::new();
    };
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    CertificateDer::pem_file_iter(path)
        .map(|certs| certs.filter_map(|c| c.ok()).map(|c| c.to_vec()).collect())
        .unwrap_or_default()
}

/// The namespace: `-n`, else the context's, else the pod's own when in a cluster, else `default`.
pub(crate) fn resolve_namespace(global: &ConnectionArgs, context_namespace: Option<&str>, env: &Environment) -> String {
    if let Some(ns) = non_empty(&global.namespace) {
        return ns;
    }
    if let Some(ns) = context_namespace {
        return ns.to_string();
    }
    if env.in_cluster_possible
        && let Some(ns) = env.pod_namespace.clone().or(env.service_account_namespace.clone())
    {
        return ns;
    }
    "default".to_string()
}

fn non_empty(value: &Option<String>) -> Option<String> {
    value.clone().filter(|v| !v.is_empty())
}

fn non_empty_secret(value: &Option<SecretString>) -> Option<SecretString> {
    value.clone().filter(|v| !v.expose_secret().is_empty())
}

/// Go's wording for the common `stat` failures.
pub(crate) fn go_io_error(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kubeconfig(yaml: &str) -> Kubeconfig {
        Kubeconfig::from_yaml(yaml).unwrap()
    }

    const TWO_CONTEXTS: &str = r#"
apiVersion: v1
kind: Config
current-context: a
clusters:
- name: ca
  cluster: {server: "https://a.example:6443"}
- name: cb
  cluster: {server: "https://b.example:6443"}
users:
- name: ua
  user: {token: ta}
- name: ub
  user: {token: tb}
contexts:
- name: a
  context: {cluster: ca, user: ua, namespace: ns-a}
- name: b
  context: {cluster: cb, user: ub}
"#;

    fn resolved_parts(config: &Resolved) -> (Cluster, AuthInfo, Context) {
        let k = &config.kubeconfig;
        (
            k.clusters[0].cluster.clone().unwrap(),
            k.auth_infos[0].auth_info.clone().unwrap(),
            k.contexts[0].context.clone().unwrap(),
        )
    }

    #[test]
    fn current_context_is_used_by_default() {
        let r = resolve(
            kubeconfig(TWO_CONTEXTS),
            &ConnectionArgs::default(),
            &Environment::default(),
        )
        .unwrap();
        let (cluster, _, context) = resolved_parts(&r);
        assert_eq!(cluster.server.as_deref(), Some("https://a.example:6443"));
        assert_eq!(context.namespace.as_deref(), Some("ns-a"));
    }

    #[test]
    fn context_flag_and_overrides_win() {
        let global = ConnectionArgs {
            context: Some("b".into()),
            server: Some("https://override:1".into()),
            tls_server_name: Some("name".into()),
            ..Default::default()
        };
        let r = resolve(kubeconfig(TWO_CONTEXTS), &global, &Environment::default()).unwrap();
        let (cluster, _, _) = resolved_parts(&r);
        assert_eq!(cluster.server.as_deref(), Some("https://override:1"));
        assert_eq!(cluster.tls_server_name.as_deref(), Some("name"));
    }

    #[test]
    fn missing_context_is_an_error() {
        let global = ConnectionArgs {
            context: Some("nope".into()),
            ..Default::default()
        };
        let err = resolve(kubeconfig(TWO_CONTEXTS), &global, &Environment::default())
            .err()
            .unwrap();
        assert_eq!(err.to_string(), "context \"nope\" does not exist");
    }

    #[test]
    fn a_server_without_scheme_gets_one_as_client_go_gives_it() {
        assert_eq!(with_default_scheme("not-a-url".into(), true), "https://not-a-url");
        assert_eq!(
            with_default_scheme("10.0.0.1:6443".into(), false),
            "http://10.0.0.1:6443"
        );
        assert_eq!(with_default_scheme("https://a:1".into(), false), "https://a:1");
    }

    #[test]
    fn no_server_falls_back_to_kubernetes_master_then_localhost() {
        let r = resolve(
            Kubeconfig::default(),
            &ConnectionArgs::default(),
            &Environment::default(),
        )
        .unwrap();
        assert_eq!(resolved_parts(&r).0.server.as_deref(), Some(DEFAULT_SERVER));
        let env = Environment {
            kubernetes_master: Some("https://master:6443".into()),
            ..Default::default()
        };
        let r = resolve(Kubeconfig::default(), &ConnectionArgs::default(), &env).unwrap();
        assert_eq!(resolved_parts(&r).0.server.as_deref(), Some("https://master:6443"));
    }

    #[test]
    fn insecure_with_explicit_ca_is_rejected() {
        let global = ConnectionArgs {
            insecure_skip_tls_verify: true,
            certificate_authority: Some("/ca.pem".into()),
            ..Default::default()
        };
        assert!(resolve(kubeconfig(TWO_CONTEXTS), &global, &Environment::default()).is_err());
    }

    #[test]
    fn namespace_order() {
        let env = Environment::default();
        let explicit = ConnectionArgs {
            namespace: Some("x".into()),
            ..Default::default()
        };
        assert_eq!(resolve_namespace(&explicit, Some("ctx"), &env), "x");
        assert_eq!(resolve_namespace(&ConnectionArgs::default(), Some("ctx"), &env), "ctx");
        assert_eq!(resolve_namespace(&ConnectionArgs::default(), None, &env), "default");
        let pod = Environment {
            in_cluster_possible: true,
            service_account_namespace: Some("sa-ns".into()),
            ..Default::default()
        };
        assert_eq!(resolve_namespace(&ConnectionArgs::default(), None, &pod), "sa-ns");
        assert_eq!(
            resolve_namespace(&ConnectionArgs::default(), Some("default"), &pod),
            "default"
        );
    }

    #[test]
    fn token_flag_replaces_token_file() {
        let global = ConnectionArgs {
            token: Some("secret".into()),
            ..Default::default()
        };
        let mut user = AuthInfo {
            token_file: Some("/f".into()),
            ..Default::default()
        };
        apply_user_overrides(&mut user, &global);
        assert!(user.token.is_some());
        assert!(user.token_file.is_none());
    }

    /// `windows_home_dir` with these variables; each value is a directory under `root`, made
    /// unless it is `missing`, and HOMEDRIVE is `root` itself (so HOMEPATH is `\\DIR`-like).
    fn windows_home(root: &Path, vars: &[(&str, &str)]) -> Option<PathBuf> {
        let value = |name: &str, dir: &str| match name {
            "HOMEDRIVE" => root.display().to_string(),
            "HOMEPATH" => format!("/{dir}"),
            _ => root.join(dir).display().to_string(),
        };
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), value(k, v))).collect();
        windows_home_dir(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    fn make_dirs(root: &Path, dirs: &[&str]) {
        for dir in dirs {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
    }

    fn put_kubeconfig(dir: &Path) {
        std::fs::create_dir_all(dir.join(".kube")).unwrap();
        std::fs::write(dir.join(".kube").join("config"), "").unwrap();
    }

    #[test]
    fn windows_home_is_the_first_that_holds_a_kubeconfig() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        make_dirs(root, &["home", "drive", "profile"]);
        let all = [
            ("HOME", "home"),
            ("HOMEDRIVE", ""),
            ("HOMEPATH", "drive"),
            ("USERPROFILE", "profile"),
        ];
        put_kubeconfig(&root.join("profile"));
        assert_eq!(windows_home(root, &all), Some(root.join("profile")));
        // %HOMEDRIVE%%HOMEPATH% is asked before %USERPROFILE%, %HOME% before both.
        put_kubeconfig(&root.join("drive"));
        assert_eq!(windows_home(root, &all), Some(root.join("drive")));
        put_kubeconfig(&root.join("home"));
        assert_eq!(windows_home(root, &all), Some(root.join("home")));
    }

    #[test]
    fn windows_home_without_a_kubeconfig_is_the_first_writable_then_existing_then_set() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        // Without a config, %USERPROFILE% comes before %HOMEDRIVE%%HOMEPATH%.
        make_dirs(root, &["drive", "profile"]);
        let vars = [
            ("HOME", "missing"),
            ("HOMEDRIVE", ""),
            ("HOMEPATH", "drive"),
            ("USERPROFILE", "profile"),
        ];
        assert_eq!(windows_home(root, &vars), Some(root.join("profile")));
        // A read-only directory is taken only when nothing writable exists.
        make_dirs(root, &["readonly"]);
        let mut permissions = std::fs::metadata(root.join("readonly")).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(root.join("readonly"), permissions).unwrap();
        let vars = [("HOME", "missing"), ("USERPROFILE", "readonly")];
        assert_eq!(windows_home(root, &vars), Some(root.join("readonly")));
        let vars = [("HOME", "missing"), ("USERPROFILE", "also-missing")];
        assert_eq!(windows_home(root, &vars), Some(root.join("missing")));
        assert_eq!(windows_home_dir(|_| None), None);
    }

    #[test]
    fn the_kubeconfig_path_is_under_the_home_the_environment_gives() {
        let env = Environment {
            home: Some(PathBuf::from(r"C:\Users\me")),
            ..Environment::default()
        };
        let global = ConnectionArgs::default();
        let paths = kubeconfig_paths(&global, &env);
        assert_eq!(paths, [PathBuf::from(r"C:\Users\me").join(".kube").join("config")]);
    }
}
