//! The HTTPS server: connection handling, authentication, request recording, discovery and the
//! generic REST verbs on the object store.

use std::convert::Infallible;
use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use bytes::Bytes;
use http::{HeaderMap, Method, Request, Response, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};

use crate::api_faults::Fault;
use crate::auth::{Attributes, Authenticator, Identity, PeerCertificates, User};
use crate::discovery;
use crate::kinds::{self, Kind};
use crate::object::{name_of, ns_of};
use crate::patch::PatchType;
use crate::selector::{FieldSelector, LabelSelector};
use crate::status::{ApiError, FieldError};
use crate::store::{Part, Propagation, Store};
use crate::virtapi;

/// One request as the simulator saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestRecord {
    pub method: String,
    pub path: String,
    /// the raw (undecoded) query string, empty when there was none
    pub query: String,
    pub status: u16,
    /// the request body (lossy UTF-8, capped at 64 KiB)
    pub body: String,
    pub content_type: Option<String>,
    /// the effective user (after impersonation); `None` when authentication failed
    pub user: Option<String>,
    /// the effective user's groups
    pub groups: Vec<String>,
    /// the effective user's uid (`Impersonate-Uid`), empty when none
    pub uid: String,
    /// the request headers (names lower case) in the order sent; credentials masked
    pub headers: Vec<(String, String)>,
}

impl RequestRecord {
    /// The first value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

pub const BODY_RECORD_CAP: usize = 64 * 1024;

/// Everything the handlers share.
pub struct SimState {
    pub store: Store,
    /// bearer tokens and basic-auth users (`auth.rs`)
    pub authn: Authenticator,
    pub requests: Mutex<Vec<RequestRecord>>,
    pub log_file: Option<Mutex<std::fs::File>>,
    pub server_address: Mutex<String>,
    /// CDI's upload tokens, upload servers and fault knobs (`cdi.rs`)
    pub cdi: crate::cdi::CdiState,
    /// the checkup image's behaviour (`checkup.rs`)
    pub checkup: crate::checkup::CheckupState,
    /// console, vnc, port-forward and usbredir sessions (`ws.rs`)
    pub connect: crate::ws::ConnectState,
    /// the guestfs pods' image pulls, PVC sandboxes and shells (`guestfs.rs`, `attach.rs`)
    pub guestfs: crate::guestfs::GuestfsState,
    /// rounds of the tick loop so far, for tests that wait for the controllers to have acted
    pub ticks: std::sync::atomic::AtomicU64,
    /// API requests set to fail (`api_faults.rs`)
    pub api_faults: crate::api_faults::ApiFaults,
    /// group versions of the kinds table this cluster does not serve (an older KubeVirt's)
    pub unserved: Vec<(&'static str, &'static str)>,
}

impl SimState {
    /// Whether the API server serves `group`/`version` (see [`SimState::unserved`]).
    pub fn serves(&self, group: &str, version: &str) -> bool {
        !self.unserved.iter().any(|(g, v)| *g == group && *v == version)
    }
}

/// A reply before it is turned into an HTTP response.
#[derive(Debug)]
pub enum Reply {
    Json(u16, Value),
    Error(ApiError),
    /// a status with an empty body and no content type (go-restful `WriteHeader`)
    Empty(u16),
    Text(u16, String),
    /// a streamed JSON body (watch)
    Stream(u16, Body),
    /// a body of another media type (the protobuf OpenAPI v2 document)
    Bytes(u16, &'static str, Vec<u8>),
}

impl From<ApiError> for Reply {
    fn from(e: ApiError) -> Self {
        Reply::Error(e)
    }
}

impl From<Result<Reply, ApiError>> for Reply {
    fn from(r: Result<Reply, ApiError>) -> Self {
        r.unwrap_or_else(Reply::Error)
    }
}

impl Reply {
    pub fn status(&self) -> u16 {
        match self {
            Reply::Json(c, _) | Reply::Empty(c) | Reply::Text(c, _) | Reply::Stream(c, _) | Reply::Bytes(c, _, _) => *c,
            Reply::Error(e) => e.code,
        }
    }

    pub fn into_response(self) -> Response<Body> {
        let (code, ct, body) = match self {
            Reply::Json(c, v) => (c, Some("application/json"), Body::from(v.to_string())),
            Reply::Error(e) if e.plain_text => {
                (e.code, Some("text/plain; charset=utf-8"), Body::from(e.message.clone()))
            }
            Reply::Error(e) => (e.code, Some("application/json"), Body::from(e.to_status().to_string())),
            Reply::Empty(c) => (c, None, Body::empty()),
            Reply::Text(c, t) => (c, Some("text/plain; charset=utf-8"), Body::from(t)),
            Reply::Stream(c, b) => (c, Some("application/json"), b),
            Reply::Bytes(c, ct, b) => (c, Some(ct), Body::from(b)),
        };
        let mut b = Response::builder().status(StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
        if let Some(ct) = ct {
            b = b.header(http::header::CONTENT_TYPE, ct);
        }
        b.body(body).unwrap_or_else(|_| Response::new(Body::empty()))
    }
}

/// A parsed request, handed to the handlers.
pub struct Req<'a> {
    pub method: &'a Method,
    pub path: &'a str,
    pub query: Vec<(String, String)>,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
    pub user: User,
}

impl Req<'_> {
    pub fn q(&self, key: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    pub fn wants_table(&self) -> bool {
        self.header("accept").is_some_and(|a| a.contains("as=Table"))
    }

    pub fn dry_run_query(&self) -> bool {
        self.query.iter().any(|(k, v)| k == "dryRun" && v == "All")
    }

    pub fn authorize(&self, a: Attributes<'_>) -> Result<(), ApiError> {
        self.user.authorize(&a)
    }
}

/// A request the fault knobs cut ([`crate::Sim::cut_api`]): returned to hyper, which closes the
/// connection without a response.
#[derive(Debug)]
pub struct ConnectionCut;

impl std::fmt::Display for ConnectionCut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection cut by a fault knob")
    }
}

impl std::error::Error for ConnectionCut {}

/// The hyper service entry point.
pub async fn handle(
    state: Arc<SimState>,
    mut req: Request<hyper::body::Incoming>,
) -> Result<Response<Body>, ConnectionCut> {
    let identity = crate::auth::identify(
        &state.authn,
        &state.store,
        req.headers(),
        req.extensions().get::<PeerCertificates>(),
    );
    req.extensions_mut().insert(identity.clone());
    let req = match crate::ws::intercept(&state, req).await {
        Ok(response) => return Ok(response),
        Err(req) => req,
    };
    let req = match crate::attach::intercept(&state, req).await {
        Ok(response) => return Ok(response),
        Err(req) => req,
    };
    let req = match crate::pod_portforward::intercept(&state, req).await {
        Ok(response) => return Ok(response),
        Err(req) => req,
    };
    let (parts, body) = req.into_parts();
    let body: Bytes = match body.collect().await {
        Ok(c) => c.to_bytes(),
        Err(_) => Bytes::new(),
    };
    let path = parts.uri.path().to_string();
    let raw_query = parts.uri.query().unwrap_or("").to_string();
    let (reply, retry_after) = match state.api_faults.take(parts.method.as_str(), &path) {
        Some(Fault::Status(error, retry_after)) => (Reply::Error(error), retry_after),
        Some(Fault::Cut) => {
            record(
                &state,
                &parts.method,
                &path,
                &raw_query,
                0,
                &body,
                &parts.headers,
                &identity,
            );
            return Err(ConnectionCut);
        }
        None => (
            dispatch(
                &state,
                &parts.method,
                &path,
                &raw_query,
                &parts.headers,
                &body,
                identity.user(),
            ),
            None,
        ),
    };
    let status = reply.status();
    record(
        &state,
        &parts.method,
        &path,
        &raw_query,
        status,
        &body,
        &parts.headers,
        &identity,
    );
    let mut response = reply.into_response();
    if let Some(seconds) = retry_after {
        response.headers_mut().insert(http::header::RETRY_AFTER, seconds.into());
    }
    Ok(response)
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn record(
    state: &SimState,
    method: &Method,
    path: &str,
    query: &str,
    status: u16,
    body: &[u8],
    headers: &HeaderMap,
    identity: &Identity,
) {
    let user = identity.recorded();
    let cap = body.len().min(BODY_RECORD_CAP);
    let rec = RequestRecord {
        method: method.to_string(),
        path: path.to_string(),
        query: query.to_string(),
        status,
        body: String::from_utf8_lossy(&body[..cap]).into_owned(),
        content_type: headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.to_string()),
        user: user.map(|u| u.name.clone()),
        groups: user.map(|u| u.groups.clone()).unwrap_or_default(),
        uid: user.map(|u| u.uid.clone()).unwrap_or_default(),
        headers: recorded_headers(headers),
    };
    if let Some(f) = &state.log_file {
        let line =
            json!({"method": rec.method, "path": rec.path, "query": rec.query, "status": status, "user": rec.user});
        let mut f = f.lock().unwrap_or_else(|e| e.into_inner());
        let _ = writeln!(f, "{line}");
        let _ = f.flush();
    }
    state.requests.lock().unwrap_or_else(|e| e.into_inner()).push(rec);
}

/// The headers as sent, with the credentials of `Authorization` (and a proxy's) masked: the
/// scheme stays so a test can tell which kind of credential was offered.
fn recorded_headers(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            let value = match name {
                &http::header::AUTHORIZATION | &http::header::PROXY_AUTHORIZATION => match value.split_once(' ') {
                    Some((scheme, _)) => format!("{scheme} <masked>"),
                    None => "<masked>".to_string(),
                },
                _ => value,
            };
            (name.as_str().to_string(), value)
        })
        .collect()
}

fn parse_query(raw: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub fn dispatch(
    state: &SimState,
    method: &Method,
    path: &str,
    raw_query: &str,
    headers: &HeaderMap,
    body: &[u8],
    user: Result<User, ApiError>,
) -> Reply {
    if matches!(path, "/healthz" | "/livez" | "/readyz") {
        return Reply::Text(200, "ok".into());
    }
    let user = match user {
        Ok(u) => u,
        Err(e) => return Reply::Error(e),
    };
    let req = Req {
        method,
        path,
        query: parse_query(raw_query),
        headers,
        body,
        user,
    };
    let segs: Vec<&str> = path.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    let get_only = |v: Value| -> Reply {
        if method == Method::GET {
            Reply::Json(200, v)
        } else {
            Reply::Error(ApiError::new(
                405,
                "MethodNotAllowed",
                "the server does not allow this method on the requested resource",
                Some(json!({})),
            ))
        }
    };
    // An aggregated group no APIService registers is not served at all; one whose APIService
    // is not Available gets the aggregator's 503 below its group (the group itself is
    // discovery the aggregator serves).
    if let ["apis", g, ..] = segs.as_slice()
        && !aggregated_registered(state, g)
    {
        return page_not_found();
    }
    if let ["apis", g, _, ..] = segs.as_slice()
        && let Some(reply) = crate::aggregator::unavailable(&state.store.lock(), g)
    {
        return reply;
    }
    // A version the cluster does not serve has no handler: the request falls through the
    // aggregator, the API server and the CRD handler (`HasServedCRDVersion`) to the last one,
    // Go's `http.NotFound`.
    if let ["apis", g, v, ..] | ["openapi", "v3", "apis", g, v] = segs.as_slice()
        && !state.serves(g, v)
    {
        return page_not_found();
    }
    // A group or group version nobody serves has no handler either (the aggregator, the API
    // server and the CRD handler all delegate): Go's plain 404, not a Status.
    match segs.as_slice() {
        ["apis", g] if !known_group_version(g, None) => return page_not_found(),
        ["apis", g, v, ..] if !known_group_version(g, Some(v)) => return page_not_found(),
        _ => {}
    }
    let served = |g: &str, v: &str| state.serves(g, v);
    match segs.as_slice() {
        ["version"] => get_only(discovery::kube_version()),
        ["openapi", "v2"] if method == Method::GET && req.header("accept").is_some_and(|a| a.contains("protobuf")) => {
            Reply::Bytes(200, crate::openapi::V2_PROTOBUF, crate::openapi::v2_protobuf())
        }
        ["openapi", "v2"] => get_only(crate::openapi::v2()),
        ["openapi", "v3"] => {
            let mut root = crate::openapi::root();
            if let Some(paths) = root["paths"].as_object_mut() {
                paths.retain(|path, _| match path.split('/').collect::<Vec<_>>().as_slice() {
                    ["apis", g, v] => served(g, v),
                    _ => true,
                });
            }
            get_only(root)
        }
        ["openapi", "v3", rest @ ..] => match crate::openapi::document(&rest.join("/")) {
            Some(d) => get_only(d),
            None => ApiError::path_not_found().into(),
        },
        ["api"] => {
            let addr = state.server_address.lock().map(|a| a.clone()).unwrap_or_default();
            get_only(discovery::api_versions(&addr))
        }
        ["apis"] => {
            let mut list = discovery::api_group_list(&served);
            if let Some(groups) = list["groups"].as_array_mut() {
                groups.retain(|g| aggregated_registered(state, g["name"].as_str().unwrap_or("")));
            }
            get_only(list)
        }
        ["apis", g] => match discovery::api_group(g, &served) {
            Some(d) => get_only(d),
            None => ApiError::path_not_found().into(),
        },
        ["api", "v1"] => get_only(discovery::resource_list("", "v1").unwrap_or(json!({}))),
        ["apis", g, v] => match discovery::resource_list(g, v) {
            Some(d) => get_only(d),
            None => ApiError::path_not_found().into(),
        },
        ["apis", discovery::SUBRESOURCES_GROUP, "v1", rest @ ..] => virtapi::dispatch(state, &req, rest),
        [
            "apis",
            crate::template::SUBRESOURCES_GROUP,
            crate::template::VERSION,
            rest @ ..,
        ] => crate::template::dispatch(state, &req, rest),
        [
            "apis",
            "upload.cdi.kubevirt.io",
            "v1beta1",
            "namespaces",
            ns,
            "uploadtokenrequests",
        ] => crate::cdi::token_request(state, &req, ns),
        ["api", "v1", "namespaces", ns, "services", svc, "proxy", rest @ ..] => {
            crate::prometheus::proxy(state, &req, ns, svc, rest)
        }
        ["api", "v1", rest @ ..] => resource_request(state, &req, "", "v1", rest),
        ["apis", g, v, rest @ ..] => resource_request(state, &req, g, v, rest),
        _ => ApiError::path_not_found().into(),
    }
}

/// The API groups outside the kinds table the simulator serves (aggregated APIs with their own
/// handlers), with their versions.
const HANDLED_GROUPS: &[(&str, &str)] = &[
    (discovery::SUBRESOURCES_GROUP, "v1"),
    (crate::template::SUBRESOURCES_GROUP, crate::template::VERSION),
    ("upload.cdi.kubevirt.io", "v1beta1"),
];

/// Whether some handler serves this group (and version): the kinds table's or an aggregated one.
fn known_group_version(group: &str, version: Option<&str>) -> bool {
    let matches = |g: &str, v: &str| g == group && version.is_none_or(|version| v == version);
    kinds::KINDS.iter().any(|k| matches(k.group, k.version)) || HANDLED_GROUPS.iter().any(|(g, v)| matches(g, v))
}

/// Go's `http.NotFound`: what the apiserver's last handler answers for a path nothing serves.
fn page_not_found() -> Reply {
    Reply::Text(404, "404 page not found\n".into())
}

/// A parsed resource path.
struct Target<'a> {
    kind: &'static Kind,
    namespace: Option<&'a str>,
    name: Option<&'a str>,
    sub: Option<&'a str>,
}

impl Target<'_> {
    /// The namespace, empty for cluster-scoped paths.
    fn ns(&self) -> &str {
        self.namespace.unwrap_or("")
    }

    /// Which part of the object a write replaces: `status` writes only the status.
    fn part(&self) -> Part {
        if self.sub == Some("status") {
            Part::Status
        } else {
            Part::Main
        }
    }
}

fn parse_target<'a>(group: &str, version: &str, rest: &[&'a str]) -> Option<Target<'a>> {
    let (namespace, rest): (Option<&str>, &[&str]) = match rest {
        ["namespaces", ns, r @ ..] if !(r.is_empty() || r.len() == 1 && matches!(r[0], "status" | "finalize")) => {
            (Some(*ns), r)
        }
        r => (None, r),
    };
    let (plural, name, sub) = match rest {
        [p] => (*p, None, None),
        [p, n] => (*p, Some(*n), None),
        [p, n, s] => (*p, Some(*n), Some(*s)),
        _ => return None,
    };
    let kind = kinds::lookup(group, version, plural)?;
    if namespace.is_some() && !kind.namespaced {
        return None;
    }
    Some(Target {
        kind,
        namespace,
        name,
        sub,
    })
}

fn verb_for(method: &Method, has_name: bool, watch: bool) -> &'static str {
    match (method.as_str(), has_name) {
        ("GET", _) if watch => "watch",
        ("GET", true) => "get",
        ("GET", false) => "list",
        ("POST", _) => "create",
        ("PUT", _) => "update",
        ("PATCH", _) => "patch",
        ("DELETE", true) => "delete",
        ("DELETE", false) => "deletecollection",
        _ => "unknown",
    }
}

fn decode_body(req: &Req<'_>) -> Result<Value, ApiError> {
    let ct = req.content_type().unwrap_or("application/json");
    let v: Result<Value, String> = if ct.contains("yaml") {
        serde_saphyr::from_slice(req.body).map_err(|e| e.to_string())
    } else {
        serde_json::from_slice(req.body).map_err(|e| e.to_string())
    };
    v.map_err(|e| ApiError::bad_request(format!("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf ({e})")))
}

/// Whether `group` is served: always, unless it is aggregated-only and no APIService registers it.
fn aggregated_registered(state: &SimState, group: &str) -> bool {
    let Some(service) = kinds::aggregated_by(group) else {
        return true;
    };
    let apiservices = kinds::lookup("apiregistration.k8s.io", "v1", "apiservices").expect("apiservices");
    state.store.lock().try_get(apiservices, "", service).is_some()
}

fn resource_request(state: &SimState, req: &Req<'_>, group: &str, version: &str, rest: &[&str]) -> Reply {
    let Some(t) = parse_target(group, version, rest) else {
        // The API server's go-restful container answers a Status for its own groups; the CRD
        // handler passes a resource no CRD defines to the last handler.
        if kinds::served_by_crds(group) {
            return page_not_found();
        }
        return ApiError::path_not_found().into();
    };
    let watch = req.q("watch").is_some_and(|w| w == "true" || w == "1");
    if let Err(e) = admit_verb(req, &t, verb_for(req.method, t.name.is_some(), watch)) {
        return e.into();
    }
    let reply = match (req.method.as_str(), t.name) {
        ("GET", None) if watch => watch_collection(state, req, &t),
        ("GET", None) => list(state, req, &t),
        ("GET", Some(name)) if t.sub == Some("log") => Ok(crate::podlog::reply(state, req, t.ns(), name)),
        (_, Some(name)) if t.sub == Some("scale") => scale(state, req, &t, name),
        ("GET", Some(name)) => get(state, req, &t, name),
        ("POST", None) => create(state, req, &t),
        ("PUT", Some(name)) => update(state, req, &t, name),
        ("PATCH", Some(name)) => patch(state, req, &t, name),
        ("DELETE", Some(name)) => delete(state, req, &t, name),
        ("DELETE", None) => delete_collection(state, req, &t),
        (m, _) => Err(ApiError::method_not_supported(&t.kind.gr(), &m.to_ascii_lowercase())),
    };
    match reply {
        Ok(Reply::Json(code, body)) => Reply::Json(code, in_version(t.kind, body)),
        other => other.into(),
    }
}

/// The apiserver answers in the version the path asks for. The kinds served in several versions
/// (the exports) have the same schema in each, so converting is setting `apiVersion`; the
/// object (or a list's items) may have been stored through another version.
fn in_version(kind: &Kind, mut body: Value) -> Value {
    let api_version = json!(kind.api_version());
    if body["kind"] == kind.kind {
        body["apiVersion"] = api_version;
    } else if let Some(items) = body.get_mut("items").and_then(Value::as_array_mut) {
        for item in items.iter_mut().filter(|i| i["kind"] == kind.kind) {
            item["apiVersion"] = api_version.clone();
        }
    }
    body
}

/// What the apiserver checks before any verb: aggregated groups are read-only, RBAC, and the
/// subresource must exist.
fn admit_verb(req: &Req<'_>, t: &Target<'_>, verb: &str) -> Result<(), ApiError> {
    let kind = t.kind;
    if kinds::aggregated_by(kind.group).is_some() && !matches!(verb, "get" | "list") {
        return Err(ApiError::new(
            405,
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource",
            Some(json!({})),
        ));
    }
    // A namespace's RBAC namespace is the namespace itself.
    let namespace = if kind.plural == "namespaces" {
        t.name.unwrap_or("")
    } else {
        t.ns()
    };
    req.authorize(Attributes {
        verb,
        group: kind.group,
        resource: kind.plural,
        subresource: t.sub.unwrap_or(""),
        namespace,
        name: t.name.unwrap_or(""),
    })?;
    match t.sub {
        Some(sub) if !kind.subresources.contains(&sub) => Err(ApiError::path_not_found()),
        _ => Ok(()),
    }
}

fn selectors(req: &Req<'_>, kind: &Kind) -> Result<(LabelSelector, FieldSelector), ApiError> {
    let ls = LabelSelector::parse(req.q("labelSelector").unwrap_or(""))
        .map_err(|e| ApiError::bad_request(format!("unable to parse requirement: {e}")))?;
    let fs = FieldSelector::parse(req.q("fieldSelector").unwrap_or("")).map_err(ApiError::bad_request)?;
    fs.validate(kind).map_err(ApiError::bad_request)?;
    Ok((ls, fs))
}

fn watch_collection(state: &SimState, req: &Req<'_>, t: &Target<'_>) -> Result<Reply, ApiError> {
    let (ls, fs) = selectors(req, t.kind)?;
    Ok(watch_reply(state, req, t.kind, t.namespace, ls, fs))
}

fn list(state: &SimState, req: &Req<'_>, t: &Target<'_>) -> Result<Reply, ApiError> {
    let (ls, fs) = selectors(req, t.kind)?;
    let kind = t.kind;
    let s = state.store.lock();
    let items = s.list(kind, t.namespace, &ls, &fs);
    let rv = s.current_rv();
    drop(s);
    let (items, cont) = crate::paging::page(items, &rv, req.q("limit"), req.q("continue"))?;
    if req.wants_table() {
        return Ok(Reply::Json(200, discovery::table(kind, &items, &rv)));
    }
    let metadata = match cont {
        Some(c) => json!({"resourceVersion": rv, "continue": c}),
        None => json!({"resourceVersion": rv}),
    };
    Ok(Reply::Json(200, list_body(kind, metadata, items)))
}

fn list_body(kind: &Kind, metadata: Value, items: Vec<Value>) -> Value {
    json!({
        "apiVersion": kind.api_version(),
        "kind": format!("{}List", kind.kind),
        "metadata": metadata,
        "items": items,
    })
}

fn get(state: &SimState, req: &Req<'_>, t: &Target<'_>, name: &str) -> Result<Reply, ApiError> {
    let s = state.store.lock();
    let o = s.get(t.kind, t.ns(), name)?;
    if req.wants_table() {
        return Ok(Reply::Json(200, discovery::table(t.kind, &[o], &s.current_rv())));
    }
    Ok(Reply::Json(200, o))
}

/// The `scale` subresource (`scale.rs`).
fn scale(state: &SimState, req: &Req<'_>, t: &Target<'_>, name: &str) -> Result<Reply, ApiError> {
    let mut s = state.store.lock();
    let dry_run = req.dry_run_query();
    let scale = match req.method.as_str() {
        "GET" => crate::scale::get(&s, t.kind, t.ns(), name)?,
        "PUT" => crate::scale::update(&mut s, t.kind, t.ns(), name, decode_body(req)?, dry_run)?,
        "PATCH" => {
            let ct = req.content_type().unwrap_or("");
            let pt = PatchType::from_content_type(ct).ok_or_else(|| ApiError::unsupported_media_type(ct))?;
            crate::scale::patch(&mut s, t.kind, t.ns(), name, pt, req.body, dry_run)?
        }
        m => return Err(ApiError::method_not_supported(&t.kind.gr(), &m.to_ascii_lowercase())),
    };
    Ok(Reply::Json(200, scale))
}

fn create(state: &SimState, req: &Req<'_>, t: &Target<'_>) -> Result<Reply, ApiError> {
    let kind = t.kind;
    if kind.namespaced && t.namespace.is_none() {
        return Err(ApiError::method_not_supported(&kind.gr(), "create"));
    }
    let mut obj = decode_body(req)?;
    crate::admission::admit_create(kind, t.ns(), &mut obj)?;
    crate::checkup::validate(kind, &obj)?;
    let created = state
        .store
        .lock()
        .create(kind, t.ns(), obj, req.dry_run_query(), true)?;
    Ok(Reply::Json(201, created))
}

fn update(state: &SimState, req: &Req<'_>, t: &Target<'_>, name: &str) -> Result<Reply, ApiError> {
    let obj = decode_body(req)?;
    let mut s = state.store.lock();
    if t.part() == Part::Main
        && let Ok(old) = s.get(t.kind, t.ns(), name)
    {
        crate::admission::admit_update(t.kind, &old, &obj)?;
    }
    let updated = s.update(t.kind, t.ns(), name, obj, req.dry_run_query(), t.part())?;
    Ok(Reply::Json(200, updated))
}

fn patch(state: &SimState, req: &Req<'_>, t: &Target<'_>, name: &str) -> Result<Reply, ApiError> {
    let ct = req.content_type().unwrap_or("");
    let pt = PatchType::from_content_type(ct).ok_or_else(|| ApiError::unsupported_media_type(ct))?;
    let mut s = state.store.lock();
    let old = s.get(t.kind, t.ns(), name)?;
    let patched = crate::patch::apply(&old, pt, req.body)?;
    if t.part() == Part::Main {
        crate::admission::admit_update(t.kind, &old, &patched)?;
    }
    let updated = s.patch(t.kind, t.ns(), name, pt, req.body, req.dry_run_query(), t.part())?;
    Ok(Reply::Json(200, updated))
}

/// The DeleteOptions of a DELETE: from the body when there is one (a body that does not decode
/// is a 400, as the delete handler's `errors.NewBadRequest` of the decoder's error), else from
/// the query; then `ValidateDeleteOptions` (422).
struct DeleteOptions {
    dry_run: bool,
    propagation: Option<Propagation>,
    /// `orphanDependents: false`, the one case the handler answers 202 while the object stays
    cascade_requested: bool,
    uid: Option<String>,
    resource_version: Option<String>,
}

fn delete_options(req: &Req<'_>) -> Result<DeleteOptions, ApiError> {
    let opts = if req.body.is_empty() {
        let mut o = serde_json::Map::new();
        for (k, v) in &req.query {
            match k.as_str() {
                "propagationPolicy" => o.insert(k.clone(), json!(v)),
                "orphanDependents" => o.insert(k.clone(), json!(v == "true")),
                _ => None,
            };
        }
        Value::Object(o)
    } else {
        decode_delete_options(req.body)?
    };
    let orphan = opts.get("orphanDependents").and_then(Value::as_bool);
    let policy = opts.get("propagationPolicy").and_then(Value::as_str);
    let propagation = match (orphan, policy) {
        (Some(_), Some(p)) => {
            return Err(invalid_delete_options(FieldError::invalid(
                "propagationPolicy",
                p,
                "orphanDependents and deletionPropagation cannot be both set",
            )));
        }
        (Some(true), None) => Some(Propagation::Orphan),
        (Some(false), None) | (None, Some("Background")) => Some(Propagation::Background),
        (None, Some("Foreground")) => Some(Propagation::Foreground),
        (None, Some("Orphan")) => Some(Propagation::Orphan),
        (None, Some(other)) => {
            return Err(invalid_delete_options(FieldError {
                reason: "FieldValueNotSupported",
                field: "propagationPolicy".into(),
                detail: r#"supported values: "Foreground", "Background", "Orphan", "nil""#.into(),
                value: Some(crate::status::go_quote(other)),
            }));
        }
        (None, None) => None,
    };
    let precondition = |f: &str| {
        opts.pointer(&format!("/preconditions/{f}"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    Ok(DeleteOptions {
        dry_run: req.dry_run_query() || opts["dryRun"].as_array().is_some_and(|a| a.iter().any(|v| v == "All")),
        propagation,
        cascade_requested: orphan == Some(false),
        uid: precondition("uid"),
        resource_version: precondition("resourceVersion"),
    })
}

fn invalid_delete_options(error: FieldError) -> ApiError {
    ApiError::invalid("DeleteOptions", "meta.k8s.io", "", &[error])
}

/// A DeleteOptions field, its Go type's name and whether a JSON value decodes into it.
type FieldType = (&'static str, &'static str, fn(&Value) -> bool);

/// The JSON decoder's checks on a DeleteOptions body: JSON, an object, fields of their Go types.
fn decode_delete_options(body: &[u8]) -> Result<Value, ApiError> {
    let opts: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("couldn't get version/kind; json parse error: {e}")))?;
    let Some(fields) = opts.as_object() else {
        return Err(ApiError::bad_request(format!(
            "couldn't get version/kind; json parse error: json: cannot unmarshal {} into Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }}",
            go_json_type(&opts)
        )));
    };
    let expected: &[FieldType] = &[
        ("orphanDependents", "bool", Value::is_boolean),
        ("propagationPolicy", "v1.DeletionPropagation", Value::is_string),
        ("gracePeriodSeconds", "int64", |v| v.is_i64()),
        ("dryRun", "[]string", |v| {
            v.as_array().is_some_and(|a| a.iter().all(Value::is_string))
        }),
        ("preconditions", "v1.Preconditions", Value::is_object),
        ("apiVersion", "string", Value::is_string),
        ("kind", "string", Value::is_string),
    ];
    for (field, go_type, ok) in expected {
        match fields.get(*field) {
            Some(v) if !v.is_null() && !ok(v) => {
                return Err(ApiError::bad_request(format!(
                    "json: cannot unmarshal {} into Go struct field DeleteOptions.{field} of type {go_type}",
                    go_json_type(v)
                )));
            }
            _ => {}
        }
    }
    Ok(opts)
}

/// encoding/json's name for a JSON value's type in its unmarshal errors.
fn go_json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn delete(state: &SimState, req: &Req<'_>, t: &Target<'_>, name: &str) -> Result<Reply, ApiError> {
    let kind = t.kind;
    let opts = delete_options(req)?;
    let preconditions = (opts.uid.as_deref(), opts.resource_version.as_deref());
    let o = state
        .store
        .lock()
        .delete_propagating(kind, t.ns(), name, opts.dry_run, preconditions, opts.propagation)?;
    // The apiserver answers with the object for custom resources, pods, namespaces and objects
    // still held by finalizers; with a Status for the other built-in kinds. 202 only when the
    // object stays and the (legacy) `orphanDependents: false` asked for a cascade.
    let pending = o.pointer("/metadata/deletionTimestamp").is_some();
    let code = if pending && opts.cascade_requested { 202 } else { 200 };
    if kind.is_custom() || pending || matches!(kind.plural, "pods" | "namespaces") {
        return Ok(Reply::Json(code, o));
    }
    let mut details =
        json!({"name": name, "kind": kind.plural, "uid": o.pointer("/metadata/uid").cloned().unwrap_or(Value::Null)});
    if !kind.group.is_empty() {
        details["group"] = json!(kind.group);
    }
    Ok(Reply::Json(
        200,
        json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "details": details}),
    ))
}

fn delete_collection(state: &SimState, req: &Req<'_>, t: &Target<'_>) -> Result<Reply, ApiError> {
    let (ls, fs) = selectors(req, t.kind)?;
    let opts = delete_options(req)?;
    let mut s = state.store.lock();
    let items = s.list(t.kind, t.namespace, &ls, &fs);
    let deleted = items
        .iter()
        .filter_map(|it| {
            s.delete_propagating(
                t.kind,
                &ns_of(it),
                &name_of(it),
                opts.dry_run,
                (None, None),
                opts.propagation,
            )
            .ok()
        })
        .collect();
    let metadata = json!({"resourceVersion": s.current_rv()});
    Ok(Reply::Json(200, list_body(t.kind, metadata, deleted)))
}

/// A watch from a resourceVersion older than the watch cache holds: the apiserver accepts it and
/// sends one ERROR event carrying a 410 `Expired` Status (client-go's reflectors then list
/// again), then ends the stream.
fn expired_watch(rv: u64, oldest: u64) -> Reply {
    let status = ApiError::new(
        410,
        "Expired",
        format!("too old resource version: {rv} ({oldest})"),
        None,
    )
    .to_status();
    let line = format!("{}\n", json!({"type": "ERROR", "object": status}));
    Reply::Stream(200, Body::from(line))
}

/// A response body fed from a channel.
struct ChannelBody {
    rx: tokio::sync::mpsc::Receiver<Bytes>,
}

impl http_body::Body for ChannelBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, Infallible>>> {
        self.rx.poll_recv(cx).map(|o| o.map(|b| Ok(http_body::Frame::data(b))))
    }
}

/// A watch: `ADDED` events for the current objects (unless a resourceVersion is given, then the
/// changes after it), then every matching change, one JSON object per line.
fn watch_reply(
    state: &SimState,
    req: &Req<'_>,
    kind: &'static Kind,
    ns: Option<&str>,
    ls: LabelSelector,
    fs: FieldSelector,
) -> Reply {
    let table = req.wants_table();
    let from = req
        .q("resourceVersion")
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|v| *v != 0);
    let timeout = req
        .q("timeoutSeconds")
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|v| *v > 0)
        .unwrap_or(1800);
    let s = state.store.lock();
    if let Some(oldest) = from.and_then(|rv| s.too_old(rv)) {
        return expired_watch(from.unwrap_or(0), oldest);
    }
    let (initial, past, mut rx) = match from {
        Some(rv) => {
            let (past, rx) = s.watch_from(rv);
            (Vec::new(), past, rx)
        }
        None => {
            let items = s.list(kind, ns, &ls, &fs);
            let (_, rx) = s.watch_from(u64::MAX);
            (items, Vec::new(), rx)
        }
    };
    drop(s);
    let key = kind.key();
    let ns = ns.map(|n| n.to_string());
    let matches = move |e: &crate::store::Event| {
        e.kind == key && ns.as_ref().is_none_or(|n| &e.namespace == n) && ls.matches(&e.object) && fs.matches(&e.object)
    };
    let line = move |typ: &str, obj: &Value| -> Bytes {
        let rv = obj
            .pointer("/metadata/resourceVersion")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let o = if table {
            discovery::table(kind, std::slice::from_ref(obj), &rv)
        } else {
            in_version(kind, obj.clone())
        };
        let mut b = json!({"type": typ, "object": o}).to_string().into_bytes();
        b.push(b'\n');
        Bytes::from(b)
    };
    let (tx, brx) = tokio::sync::mpsc::channel::<Bytes>(256);
    tokio::spawn(async move {
        for o in &initial {
            if tx.send(line("ADDED", o)).await.is_err() {
                return;
            }
        }
        for e in past.iter().filter(|e| matches(e)) {
            if tx.send(line(e.typ, &e.object)).await.is_err() {
                return;
            }
        }
        let deadline = tokio::time::sleep(std::time::Duration::from_secs(timeout));
        tokio::pin!(deadline);
        loop {
            tokio::select! {
                _ = &mut deadline => break,
                _ = tx.closed() => break,
                r = rx.recv() => match r {
                    Ok(e) => {
                        if matches(&e) && tx.send(line(e.typ, &e.object)).await.is_err() {
                            break;
                        }
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
                },
            }
        }
    });
    Reply::Stream(200, Body::new(ChannelBody { rx: brx }))
}
