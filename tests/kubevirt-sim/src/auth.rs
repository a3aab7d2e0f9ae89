//! Who is asking and what they may do: the API server's authenticators (client certificates
//! signed by the cluster CA, bearer tokens, basic auth), its impersonation filter
//! (`Impersonate-User`/`-Group`/`-Uid`) and an RBAC authorizer over the stored Roles,
//! ClusterRoles, RoleBindings and ClusterRoleBindings, with the apiserver's 401/403 bodies.
//!
//! Identity is resolved once per request ([`identify`]); the rules that apply to the user are
//! collected then, so a decision ([`User::authorize`]) needs no store lock.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use base64::prelude::{BASE64_STANDARD, Engine as _};
use http::HeaderMap;
use serde_json::Value;

use crate::kinds;
use crate::status::{ApiError, GroupResource};
use crate::store::Inner;

/// The group the apiserver lets do anything, before RBAC is asked.
pub const MASTERS: &str = "system:masters";
/// The group every authenticated user is in.
pub const AUTHENTICATED: &str = "system:authenticated";

#[derive(Debug, Clone, Default)]
pub struct User {
    pub name: String,
    pub uid: String,
    pub groups: Vec<String>,
    /// A grant given with a token ([`Authenticator::add`]): `None` every namespace and the
    /// cluster scope, `Some(list)` those namespaces; empty for users that only RBAC grants to.
    pub namespaces: Option<Vec<String>>,
    /// RBAC rules bound to this user or its groups
    rules: Vec<ScopedRule>,
    /// what RBAC could not resolve (a binding to a missing role), quoted in a 403 as the
    /// apiserver does
    rbac_errors: Vec<String>,
}

/// The credential tables: bearer tokens and basic-auth users.
#[derive(Clone, Default)]
pub struct Authenticator {
    tokens: Arc<RwLock<HashMap<String, User>>>,
    /// token -> the moment it stops authenticating (a short-lived token, as an OIDC issuer or
    /// a cloud's exec plugin hands out)
    expiries: Arc<RwLock<HashMap<String, std::time::SystemTime>>>,
    /// user name -> (password, user)
    passwords: Arc<RwLock<HashMap<String, (String, User)>>>,
}

impl Authenticator {
    /// A bearer token for `user` with a static grant (`None`: everything, as `system:masters`).
    pub fn add(&self, token: &str, user: &str, namespaces: Option<&[&str]>) {
        let user = static_user(user, namespaces);
        write(&self.tokens).insert(token.to_string(), user);
    }

    /// A bearer token for `user` in `groups`, with only what RBAC grants them.
    pub fn add_token_for(&self, token: &str, user: &str, groups: &[&str]) {
        write(&self.tokens).insert(token.to_string(), rbac_user(user, groups));
    }

    /// A bearer token for `user` (static grant as [`Authenticator::add`]) that authenticates
    /// until `until` and is answered 401 from then on.
    pub fn add_until(&self, token: &str, user: &str, namespaces: Option<&[&str]>, until: std::time::SystemTime) {
        self.add(token, user, namespaces);
        write(&self.expiries).insert(token.to_string(), until);
    }

    /// A basic-auth user in `groups`, with only what RBAC grants them.
    pub fn add_password(&self, user: &str, password: &str, groups: &[&str]) {
        write(&self.passwords).insert(user.to_string(), (password.to_string(), rbac_user(user, groups)));
    }

    /// Resolves an `Authorization` header value (`Bearer` or `Basic`).
    pub fn authenticate(&self, header: Option<&str>) -> Result<User, ApiError> {
        let (scheme, rest) = header
            .and_then(|h| h.trim().split_once(' '))
            .ok_or_else(ApiError::unauthorized)?;
        let found = if scheme.eq_ignore_ascii_case("bearer") {
            let token = rest.trim();
            let expired = read(&self.expiries)
                .get(token)
                .is_some_and(|until| std::time::SystemTime::now() >= *until);
            read(&self.tokens).get(token).filter(|_| !expired).cloned()
        } else if scheme.eq_ignore_ascii_case("basic") {
            self.basic(rest.trim())
        } else {
            None
        };
        found.ok_or_else(ApiError::unauthorized)
    }

    fn basic(&self, encoded: &str) -> Option<User> {
        let decoded = BASE64_STANDARD.decode(encoded).ok()?;
        let decoded = String::from_utf8(decoded).ok()?;
        let (name, password) = decoded.split_once(':')?;
        let users = read(&self.passwords);
        let (expected, user) = users.get(name)?;
        (expected == password).then(|| user.clone())
    }
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|e| e.into_inner())
}

fn static_user(name: &str, namespaces: Option<&[&str]>) -> User {
    let mut groups = vec![AUTHENTICATED.to_string()];
    if namespaces.is_none() {
        groups.insert(0, MASTERS.to_string());
    }
    User {
        name: name.to_string(),
        groups,
        namespaces: namespaces.map(|n| n.iter().map(|s| s.to_string()).collect()),
        ..User::default()
    }
}

/// A user with no static grant: what it may do is what RBAC (or `system:masters`) says.
pub fn rbac_user(name: &str, groups: &[&str]) -> User {
    let mut groups: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
    if !groups.iter().any(|g| g == AUTHENTICATED) {
        groups.push(AUTHENTICATED.to_string());
    }
    User {
        name: name.to_string(),
        groups,
        namespaces: Some(Vec::new()),
        ..User::default()
    }
}

/// The outcome of [`identify`] for one request, put in its extensions by `server::handle` so
/// every handler (REST, websockets, attach) and the request log see the same user.
#[derive(Debug, Clone)]
pub struct Identity {
    /// the effective user, or the 401/403/500 the apiserver answers instead
    effective: Result<User, ApiError>,
    /// who authenticated, also when impersonation was refused
    authenticated: Option<User>,
}

impl Identity {
    pub fn of(extensions: &http::Extensions) -> Identity {
        extensions.get::<Identity>().cloned().unwrap_or_else(|| Identity {
            effective: Err(ApiError::unauthorized()),
            authenticated: None,
        })
    }

    /// The user, or the 401/403 the apiserver answers instead.
    pub fn user(&self) -> Result<User, ApiError> {
        self.effective.clone()
    }

    /// Who the request log names: the effective user, else whoever authenticated.
    pub fn recorded(&self) -> Option<&User> {
        self.effective.as_ref().ok().or(self.authenticated.as_ref())
    }
}

/// The client certificate chain the TLS handshake verified, put in each request's extensions by
/// the accept loop.
#[derive(Debug, Clone)]
pub struct PeerCertificates(pub Arc<Vec<rustls::pki_types::CertificateDer<'static>>>);

/// The user of a client certificate: CN is the name, each O a group (x509 request
/// authentication). The chain was verified against the cluster CA in the handshake.
fn certificate_user(certs: &PeerCertificates) -> Option<User> {
    let leaf = certs.0.first()?;
    let (_, cert) = x509_parser::parse_x509_certificate(leaf.as_ref()).ok()?;
    let subject = cert.subject();
    let name = subject.iter_common_name().next()?.as_str().ok()?.to_string();
    let groups: Vec<&str> = subject.iter_organization().filter_map(|o| o.as_str().ok()).collect();
    Some(rbac_user(&name, &groups))
}

/// The effective user of a request: authenticated (client certificate first, then the
/// `Authorization` header, as the apiserver's union authenticator), then impersonated when asked
/// and allowed.
pub fn identify(
    authn: &Authenticator,
    store: &crate::store::Store,
    headers: &HeaderMap,
    certs: Option<&PeerCertificates>,
) -> Identity {
    let auth = headers.get(http::header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    let user = match certs.and_then(certificate_user) {
        Some(user) => Ok(user),
        None => authn.authenticate(auth),
    };
    let mut user = match user {
        Ok(user) => user,
        Err(e) => {
            return Identity {
                effective: Err(e),
                authenticated: None,
            };
        }
    };
    user.bind(&store.lock());
    Identity {
        effective: impersonate(&user, store, headers),
        authenticated: Some(user),
    }
}

/// The impersonation filter: `user` itself when no impersonation is asked for; else the
/// impersonated user when `user` may impersonate it, or the 403.
fn impersonate(user: &User, store: &crate::store::Store, headers: &HeaderMap) -> Result<User, ApiError> {
    let Some(target) = impersonation(headers)? else {
        return Ok(user.clone());
    };
    for check in &target.checks {
        user.authorize(&check.attributes())?;
    }
    let mut impersonated = target.user;
    if impersonated.groups.iter().any(|g| g == MASTERS) {
        impersonated.namespaces = None;
    }
    impersonated.bind(&store.lock());
    Ok(impersonated)
}

/// One `impersonate` permission an impersonation request needs.
struct ImpersonateCheck {
    group: &'static str,
    resource: &'static str,
    namespace: String,
    name: String,
}

impl ImpersonateCheck {
    fn attributes(&self) -> Attributes<'_> {
        Attributes {
            verb: "impersonate",
            group: self.group,
            resource: self.resource,
            subresource: "",
            namespace: &self.namespace,
            name: &self.name,
        }
    }
}

struct Impersonation {
    user: User,
    checks: Vec<ImpersonateCheck>,
}

fn header_values<'a>(headers: &'a HeaderMap, name: &str) -> Vec<&'a str> {
    headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .collect()
}

/// The impersonation the headers ask for, with the checks in the apiserver's order (user or
/// service account, groups, uid). `None`: no impersonation headers.
fn impersonation(headers: &HeaderMap) -> Result<Option<Impersonation>, ApiError> {
    let name = header_values(headers, "impersonate-user")
        .first()
        .map(|s| s.to_string());
    let groups = header_values(headers, "impersonate-group");
    let uid = header_values(headers, "impersonate-uid").first().map(|s| s.to_string());
    let Some(name) = name else {
        if groups.is_empty() && uid.is_none() {
            return Ok(None);
        }
        // the filter's `responsewriters.InternalError`: a plain-text 500
        return Err(ApiError::new(
            500,
            "InternalError",
            "Internal Server Error: requested impersonation of groups or a uid without impersonating a user",
            None,
        )
        .into_plain_500());
    };
    let mut checks = Vec::new();
    let mut implied_groups = Vec::new();
    match name
        .strip_prefix("system:serviceaccount:")
        .and_then(|r| r.split_once(':'))
    {
        Some((ns, sa)) => {
            checks.push(ImpersonateCheck {
                group: "",
                resource: "serviceaccounts",
                namespace: ns.to_string(),
                name: sa.to_string(),
            });
            implied_groups = vec![
                "system:serviceaccounts".to_string(),
                format!("system:serviceaccounts:{ns}"),
            ];
        }
        None => checks.push(ImpersonateCheck {
            group: "",
            resource: "users",
            namespace: String::new(),
            name: name.clone(),
        }),
    }
    for g in &groups {
        checks.push(ImpersonateCheck {
            group: "",
            resource: "groups",
            namespace: String::new(),
            name: g.to_string(),
        });
    }
    if let Some(uid) = &uid {
        checks.push(ImpersonateCheck {
            group: "authentication.k8s.io",
            resource: "uids",
            namespace: String::new(),
            name: uid.clone(),
        });
    }
    let mut group_names: Vec<&str> = if groups.is_empty() {
        implied_groups.iter().map(String::as_str).collect()
    } else {
        groups
    };
    group_names.dedup();
    let mut user = rbac_user(&name, &group_names);
    user.uid = uid.unwrap_or_default();
    Ok(Some(Impersonation { user, checks }))
}

/// What a request asks to do, in RBAC terms.
#[derive(Debug, Clone)]
pub struct Attributes<'a> {
    pub verb: &'a str,
    pub group: &'a str,
    /// plural resource
    pub resource: &'a str,
    pub subresource: &'a str,
    /// empty for cluster-scoped requests (including all-namespace lists)
    pub namespace: &'a str,
    pub name: &'a str,
}

/// A PolicyRule and where it applies: `None` every namespace and the cluster scope (a
/// ClusterRoleBinding), `Some(ns)` requests in that namespace (a RoleBinding).
#[derive(Debug, Clone)]
struct ScopedRule {
    namespace: Option<String>,
    verbs: Vec<String>,
    api_groups: Vec<String>,
    resources: Vec<String>,
    resource_names: Vec<String>,
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn has(list: &[String], want: &str) -> bool {
    list.iter().any(|s| s == "*" || s == want)
}

impl ScopedRule {
    fn applies_in(&self, namespace: &str) -> bool {
        match &self.namespace {
            None => true,
            Some(ns) => !namespace.is_empty() && ns == namespace,
        }
    }

    /// rbac's `RuleAllows`: verb, API group, resource (with `*/sub` and `res/*` forms) and
    /// resource name.
    fn allows(&self, a: &Attributes<'_>) -> bool {
        if !self.applies_in(a.namespace) || !has(&self.verbs, a.verb) || !has(&self.api_groups, a.group) {
            return false;
        }
        let combined = if a.subresource.is_empty() {
            a.resource.to_string()
        } else {
            format!("{}/{}", a.resource, a.subresource)
        };
        let resource_ok = self.resources.iter().any(|r| {
            r == "*"
                || *r == combined
                || (!a.subresource.is_empty() && *r == format!("*/{}", a.subresource))
                || (*r == format!("{}/*", a.resource))
        });
        resource_ok && (self.resource_names.is_empty() || self.resource_names.iter().any(|n| n == a.name))
    }
}

/// Whether a binding's subject is this user or one of its groups.
fn subject_matches(subject: &Value, binding_ns: &str, user: &str, groups: &[String]) -> bool {
    let name = subject["name"].as_str().unwrap_or("");
    match subject["kind"].as_str().unwrap_or("") {
        "User" => name == user,
        "Group" => groups.iter().any(|g| g == name),
        "ServiceAccount" => {
            let ns = subject["namespace"]
                .as_str()
                .filter(|n| !n.is_empty())
                .unwrap_or(binding_ns);
            user == format!("system:serviceaccount:{ns}:{name}")
        }
        _ => false,
    }
}

fn rbac_kind(plural: &str) -> &'static kinds::Kind {
    kinds::lookup("rbac.authorization.k8s.io", "v1", plural).expect("RBAC kinds are in the table")
}

impl User {
    /// Collects the RBAC rules bound to this user and its groups.
    fn bind(&mut self, s: &Inner) {
        self.rules.clear();
        self.rbac_errors.clear();
        let bindings = s
            .list_all(rbac_kind("clusterrolebindings"), None)
            .into_iter()
            .chain(s.list_all(rbac_kind("rolebindings"), None));
        for binding in bindings {
            let ns = binding
                .pointer("/metadata/namespace")
                .and_then(Value::as_str)
                .unwrap_or("");
            let subjects = binding["subjects"].as_array().cloned().unwrap_or_default();
            if !subjects
                .iter()
                .any(|sub| subject_matches(sub, ns, &self.name, &self.groups))
            {
                continue;
            }
            self.bind_role(s, &binding, ns);
        }
    }

    fn bind_role(&mut self, s: &Inner, binding: &Value, binding_ns: &str) {
        let role_kind = binding.pointer("/roleRef/kind").and_then(Value::as_str).unwrap_or("");
        let role_name = binding.pointer("/roleRef/name").and_then(Value::as_str).unwrap_or("");
        let (role, plural) = match role_kind {
            "ClusterRole" => (s.try_get(rbac_kind("clusterroles"), "", role_name), "clusterroles"),
            "Role" => (s.try_get(rbac_kind("roles"), binding_ns, role_name), "roles"),
            _ => return,
        };
        let Some(role) = role else {
            self.rbac_errors.push(format!(
                "{}.rbac.authorization.k8s.io \"{role_name}\" not found",
                plural.trim_end_matches('s')
            ));
            return;
        };
        let scope = (!binding_ns.is_empty()).then(|| binding_ns.to_string());
        for rule in role["rules"].as_array().into_iter().flatten() {
            self.rules.push(ScopedRule {
                namespace: scope.clone(),
                verbs: strings(&rule["verbs"]),
                api_groups: strings(&rule["apiGroups"]),
                resources: strings(&rule["resources"]),
                resource_names: strings(&rule["resourceNames"]),
            });
        }
    }

    fn allows_namespace(&self, ns: &str) -> bool {
        match &self.namespaces {
            None => true,
            Some(list) => !ns.is_empty() && list.iter().any(|n| n == ns),
        }
    }

    /// Whether the user may act everywhere (a `system:masters` or cluster-wide token user).
    pub fn is_cluster_wide(&self) -> bool {
        self.namespaces.is_none() || self.groups.iter().any(|g| g == MASTERS)
    }

    fn static_grant(&self, a: &Attributes<'_>) -> bool {
        if self.is_cluster_wide() || self.allows_namespace(a.namespace) {
            return true;
        }
        // a namespace-scoped token user may read its own Namespace object
        a.group.is_empty() && a.resource == "namespaces" && a.verb == "get" && self.allows_namespace(a.name)
    }

    /// The apiserver's decision; the error is its Forbidden Status.
    pub fn authorize(&self, a: &Attributes<'_>) -> Result<(), ApiError> {
        if self.static_grant(a) || self.rules.iter().any(|r| r.allows(a)) {
            return Ok(());
        }
        Err(self.forbidden(a))
    }

    /// `responsewriters.Forbidden`: `forbiddenMessage(attributes)`, then the authorizer's reason.
    fn forbidden(&self, a: &Attributes<'_>) -> ApiError {
        let res = if a.subresource.is_empty() {
            a.resource.to_string()
        } else {
            format!("{}/{}", a.resource, a.subresource)
        };
        let scope = if a.namespace.is_empty() {
            "at the cluster scope".to_string()
        } else {
            format!("in the namespace \"{}\"", a.namespace)
        };
        let mut reason = format!(
            "User \"{}\" cannot {} resource \"{}\" in API group \"{}\" {}",
            self.name, a.verb, res, a.group, scope
        );
        match self.rbac_errors.as_slice() {
            [] => {}
            [one] => reason.push_str(&format!(": RBAC: {one}")),
            many => reason.push_str(&format!(": RBAC: [{}]", many.join(", "))),
        }
        ApiError::forbidden(&GroupResource::new(a.group, a.resource), a.name, &reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn attrs<'a>(
        verb: &'a str,
        group: &'a str,
        resource: &'a str,
        sub: &'a str,
        ns: &'a str,
        name: &'a str,
    ) -> Attributes<'a> {
        Attributes {
            verb,
            group,
            resource,
            subresource: sub,
            namespace: ns,
            name,
        }
    }

    #[test]
    fn forbidden_messages() {
        let t = Authenticator::default();
        t.add("x", "alice", Some(&["limited"]));
        let u = t.authenticate(Some("Bearer x")).unwrap();
        let e = u
            .authorize(&attrs("get", "kubevirt.io", "virtualmachines", "", "default", "vm1"))
            .unwrap_err();
        assert_eq!(
            e.message,
            r#"virtualmachines.kubevirt.io "vm1" is forbidden: User "alice" cannot get resource "virtualmachines" in API group "kubevirt.io" in the namespace "default""#
        );
        let e = u
            .authorize(&attrs(
                "update",
                "subresources.kubevirt.io",
                "virtualmachines",
                "start",
                "default",
                "vm1",
            ))
            .unwrap_err();
        assert_eq!(
            e.message,
            r#"virtualmachines.subresources.kubevirt.io "vm1" is forbidden: User "alice" cannot update resource "virtualmachines/start" in API group "subresources.kubevirt.io" in the namespace "default""#
        );
        let e = u
            .authorize(&attrs("list", "kubevirt.io", "virtualmachines", "", "", ""))
            .unwrap_err();
        assert_eq!(
            e.message,
            r#"virtualmachines.kubevirt.io is forbidden: User "alice" cannot list resource "virtualmachines" in API group "kubevirt.io" at the cluster scope"#
        );
        assert!(u.authorize(&attrs("delete", "", "pods", "", "limited", "p")).is_ok());
    }

    #[test]
    fn unknown_credentials() {
        let t = Authenticator::default();
        t.add_password("bob", "s3cret", &[]);
        assert_eq!(t.authenticate(None).unwrap_err().code, 401);
        assert_eq!(t.authenticate(Some("Bearer nope")).unwrap_err().code, 401);
        assert_eq!(t.authenticate(Some("Basic abc")).unwrap_err().code, 401);
        let wrong = format!("Basic {}", BASE64_STANDARD.encode("bob:wrong"));
        assert_eq!(t.authenticate(Some(&wrong)).unwrap_err().code, 401);
        let right = format!("Basic {}", BASE64_STANDARD.encode("bob:s3cret"));
        let bob = t.authenticate(Some(&right)).unwrap();
        assert_eq!(bob.name, "bob");
        assert_eq!(bob.groups, vec![AUTHENTICATED]);
    }

    #[test]
    fn a_token_stops_authenticating_when_it_expires() {
        let t = Authenticator::default();
        let now = std::time::SystemTime::now();
        t.add_until("fresh", "carol", None, now + std::time::Duration::from_secs(3600));
        t.add_until("stale", "carol", None, now);
        assert_eq!(t.authenticate(Some("Bearer fresh")).unwrap().name, "carol");
        assert_eq!(t.authenticate(Some("Bearer stale")).unwrap_err().code, 401);
    }

    fn rule(ns: Option<&str>, verbs: &[&str], groups: &[&str], resources: &[&str], names: &[&str]) -> ScopedRule {
        let v = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        ScopedRule {
            namespace: ns.map(str::to_string),
            verbs: v(verbs),
            api_groups: v(groups),
            resources: v(resources),
            resource_names: v(names),
        }
    }

    #[test]
    fn rules_match_verb_group_resource_subresource_name_and_namespace() {
        let mut u = rbac_user("u", &[]);
        u.rules = vec![
            rule(
                Some("ns"),
                &["get", "list"],
                &["kubevirt.io"],
                &["virtualmachines"],
                &[],
            ),
            rule(
                Some("ns"),
                &["update"],
                &["subresources.kubevirt.io"],
                &["virtualmachines/stop"],
                &["vm"],
            ),
            rule(None, &["get"], &["*"], &["*/status"], &[]),
        ];
        let vm = |verb, ns| attrs(verb, "kubevirt.io", "virtualmachines", "", ns, "vm");
        assert!(u.authorize(&vm("get", "ns")).is_ok());
        assert!(u.authorize(&vm("get", "other")).is_err());
        assert!(u.authorize(&vm("delete", "ns")).is_err());
        let sub = |s, name| attrs("update", "subresources.kubevirt.io", "virtualmachines", s, "ns", name);
        assert!(u.authorize(&sub("stop", "vm")).is_ok());
        assert!(u.authorize(&sub("stop", "other")).is_err());
        assert!(u.authorize(&sub("start", "vm")).is_err());
        assert!(
            u.authorize(&attrs("get", "apps", "deployments", "status", "x", "d"))
                .is_ok()
        );
        assert!(u.authorize(&attrs("get", "apps", "deployments", "", "x", "d")).is_err());
        // a namespaced rule never grants the cluster scope
        assert!(
            u.authorize(&attrs("list", "kubevirt.io", "virtualmachines", "", "", ""))
                .is_err()
        );
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn impersonation_checks_in_order_and_defaults() {
        let h = headers(&[
            ("Impersonate-User", "bob"),
            ("Impersonate-Group", "devs"),
            ("Impersonate-Uid", "42"),
        ]);
        let imp = impersonation(&h).unwrap().unwrap();
        let kinds: Vec<_> = imp
            .checks
            .iter()
            .map(|c| (c.group, c.resource, c.name.as_str()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("", "users", "bob"),
                ("", "groups", "devs"),
                ("authentication.k8s.io", "uids", "42")
            ]
        );
        assert_eq!(imp.user.groups, vec!["devs", AUTHENTICATED]);
        assert_eq!(imp.user.uid, "42");
        let sa = impersonation(&headers(&[("Impersonate-User", "system:serviceaccount:ns:builder")]))
            .unwrap()
            .unwrap();
        assert_eq!(sa.checks[0].resource, "serviceaccounts");
        assert_eq!(sa.checks[0].namespace, "ns");
        assert_eq!(
            sa.user.groups,
            vec!["system:serviceaccounts", "system:serviceaccounts:ns", AUTHENTICATED]
        );
        assert!(impersonation(&HeaderMap::new()).unwrap().is_none());
        assert_eq!(
            impersonation(&headers(&[("Impersonate-Group", "g")]))
                .err()
                .unwrap()
                .code,
            500
        );
    }

    #[test]
    fn impersonation_forbidden_message() {
        let u = rbac_user("alice", &[]);
        let imp = impersonation(&headers(&[("Impersonate-User", "bob")]))
            .unwrap()
            .unwrap();
        let e = u.authorize(&imp.checks[0].attributes()).unwrap_err();
        assert_eq!(
            e.message,
            r#"users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope"#
        );
        assert_eq!(e.to_status()["details"], json!({"name": "bob", "kind": "users"}));
    }
}
