//! A small blocking HTTPS client for driving the simulator in tests.
#![allow(dead_code)]

use kubevirt_sim::{Sim, SimOptions};
use serde_json::Value;

/// A simulator with the demo namespace's objects, controllers running.
pub fn demo_sim() -> Sim {
    Sim::start(SimOptions {
        demo: true,
        ..Default::default()
    })
    .unwrap()
}

pub struct Resp {
    pub status: u16,
    pub content_type: Option<String>,
    pub text: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    /// The names of a list's items.
    pub fn item_names(&self) -> Vec<String> {
        self.json()["items"]
            .as_array()
            .unwrap_or_else(|| panic!("not a list: {}", self.text))
            .iter()
            .map(|i| i["metadata"]["name"].as_str().unwrap().to_string())
            .collect()
    }
}

pub struct Client {
    rt: tokio::runtime::Runtime,
    http: reqwest::Client,
    base: String,
    token: Option<String>,
}

impl Client {
    pub fn new(sim: &Sim, token: Option<&str>) -> Client {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(sim.client_tls_config())
            .build()
            .unwrap();
        Client {
            rt,
            http,
            base: sim.url(),
            token: token.map(|t| t.to_string()),
        }
    }

    /// A client of CDI's upload proxy (no token: the proxy's own answers come first).
    pub fn upload_proxy(sim: &Sim) -> Client {
        Client {
            base: sim.upload_proxy_url(),
            ..Client::new(sim, None)
        }
    }

    pub fn admin(sim: &Sim) -> Client {
        Client::new(sim, Some(&sim.admin_token()))
    }

    pub fn send(&self, method: &str, path: &str, content_type: Option<&str>, body: Option<String>) -> Resp {
        self.send_accepting(method, path, content_type, body, None)
    }

    /// A GET asking for a media type (`Accept`), as kubectl asks for a Table.
    pub fn get_accepting(&self, path: &str, accept: &str) -> Resp {
        self.send_accepting("GET", path, None, None, Some(accept))
    }

    fn send_accepting(
        &self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: Option<String>,
        accept: Option<&str>,
    ) -> Resp {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut rb = self.http.request(m, format!("{}{}", self.base, path));
        if let Some(a) = accept {
            rb = rb.header("accept", a);
        }
        if let Some(t) = &self.token {
            rb = rb.bearer_auth(t);
        }
        if let Some(ct) = content_type {
            rb = rb.header("content-type", ct);
        }
        if let Some(b) = body {
            rb = rb.body(b);
        }
        self.rt.block_on(async move {
            let r = rb.send().await.expect("request");
            let status = r.status().as_u16();
            let content_type = r
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .map(|s| s.to_string());
            let text = r.text().await.unwrap_or_default();
            Resp {
                status,
                content_type,
                text,
            }
        })
    }

    pub fn get(&self, path: &str) -> Resp {
        self.send("GET", path, None, None)
    }

    pub fn delete(&self, path: &str, body: Option<Value>) -> Resp {
        self.send(
            "DELETE",
            path,
            body.as_ref().map(|_| "application/json"),
            body.map(|b| b.to_string()),
        )
    }

    pub fn post(&self, path: &str, body: &Value) -> Resp {
        self.send("POST", path, Some("application/json"), Some(body.to_string()))
    }

    pub fn put_json(&self, path: &str, body: &Value) -> Resp {
        self.send("PUT", path, Some("application/json"), Some(body.to_string()))
    }

    /// A subresource PUT the way virtctl sends it: no Content-Type header.
    pub fn put_sub(&self, path: &str, body: &str) -> Resp {
        self.send("PUT", path, None, Some(body.to_string()))
    }

    pub fn patch(&self, path: &str, ct: &str, body: &Value) -> Resp {
        self.send("PATCH", path, Some(ct), Some(body.to_string()))
    }
}

pub const VMS: &str = "/apis/kubevirt.io/v1/namespaces";

pub fn vm_path(ns: &str, name: &str) -> String {
    format!("/apis/kubevirt.io/v1/namespaces/{ns}/virtualmachines/{name}")
}

pub fn sub_vm(ns: &str, name: &str, sub: &str) -> String {
    format!("/apis/subresources.kubevirt.io/v1/namespaces/{ns}/virtualmachines/{name}/{sub}")
}

pub fn sub_vmi(ns: &str, name: &str, sub: &str) -> String {
    format!("/apis/subresources.kubevirt.io/v1/namespaces/{ns}/virtualmachineinstances/{name}/{sub}")
}

pub fn phase_of(sim: &Sim, ns: &str, name: &str) -> String {
    sim.get("virtualmachineinstances", ns, name)
        .and_then(|v| {
            v.pointer("/status/phase")
                .and_then(|p| p.as_str())
                .map(|s| s.to_string())
        })
        .unwrap_or_default()
}

pub fn printable(sim: &Sim, ns: &str, name: &str) -> String {
    sim.get("virtualmachines", ns, name)
        .and_then(|v| {
            v.pointer("/status/printableStatus")
                .and_then(|p| p.as_str())
                .map(|s| s.to_string())
        })
        .unwrap_or_default()
}
