//! The pod `portforward` subresource against the simulator directly, as kube-rs speaks it: the
//! port announcements on each port's data and error channel, a TLS session with the export
//! server through the exporter pod's port 8443 (its certificate names the Service), the
//! kubelet's error for a port nothing listens on, and the refusals of what is not served.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use kubevirt_sim::{Sim, SimOptions};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

const T: Duration = Duration::from_secs(10);
const POD: &str = "virt-export-e1";

/// A simulator with a Ready export `default/e1` of PVC `disk`; returns its token.
fn exported() -> (Sim, String) {
    let sim = Sim::start(SimOptions::default()).unwrap();
    sim.create(json!({
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": "disk", "namespace": "default"},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}},
    }));
    sim.create(json!({
        "apiVersion": "export.kubevirt.io/v1", "kind": "VirtualMachineExport",
        "metadata": {"name": "e1", "namespace": "default"},
        "spec": {"source": {"apiGroup": "", "kind": "PersistentVolumeClaim", "name": "disk"}},
    }));
    assert!(sim.wait_until(T, |s| {
        s.get("virtualmachineexports", "default", "e1")
            .is_some_and(|e| e["status"]["phase"] == "Ready")
            && s.get("pods", "default", POD).is_some()
    }));
    let export = sim.get("virtualmachineexports", "default", "e1").unwrap();
    let secret_name = export["status"]["tokenSecretRef"].as_str().unwrap().to_string();
    let secret = sim.get("secrets", "default", &secret_name).unwrap();
    use base64::Engine as _;
    let token = base64::engine::general_purpose::STANDARD
        .decode(secret["data"]["token"].as_str().unwrap())
        .unwrap();
    (sim, String::from_utf8(token).unwrap())
}

type Ws = tokio_tungstenite::WebSocketStream<tokio_rustls::client::TlsStream<tokio::net::TcpStream>>;

async fn dial(sim: &Sim, query: &str, protocols: &str) -> Result<Ws, tokio_tungstenite::tungstenite::Error> {
    let tcp = tokio::net::TcpStream::connect(sim.addr()).await.unwrap();
    let connector = tokio_rustls::TlsConnector::from(std::sync::Arc::new(sim.client_tls_config()));
    let tls = connector
        .connect(ServerName::try_from("127.0.0.1").unwrap(), tcp)
        .await
        .unwrap();
    let url = format!(
        "wss://{}/api/v1/namespaces/default/pods/{POD}/portforward?{query}",
        sim.addr()
    );
    let mut request = url.into_client_request().unwrap();
    let headers = request.headers_mut();
    headers.insert(
        "authorization",
        format!("Bearer {}", sim.admin_token()).parse().unwrap(),
    );
    headers.insert("sec-websocket-protocol", protocols.parse().unwrap());
    tokio_tungstenite::client_async(request, tls).await.map(|(ws, _)| ws)
}

async fn next_binary(ws: &mut Ws) -> Vec<u8> {
    loop {
        match tokio::time::timeout(T, ws.next()).await.expect("a message in time") {
            Some(Ok(Message::Binary(data))) => return data.to_vec(),
            Some(Ok(Message::Close(_))) | None => panic!("the websocket closed"),
            Some(Ok(_)) => {}
            Some(Err(e)) => panic!("{e}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_exporter_pod_port_reaches_the_export_server_and_an_idle_port_reports_the_kubelet_error() {
    let (sim, token) = exported();
    let mut ws = dial(&sim, "ports=8443%2C9999", "v5.channel.k8s.io, v4.channel.k8s.io")
        .await
        .unwrap();

    // Each port's two channels open with the port number, little endian.
    let mut announced = Vec::new();
    for _ in 0..4 {
        announced.push(next_binary(&mut ws).await);
    }
    assert_eq!(
        announced,
        [
            vec![0, 0xFB, 0x20],
            vec![1, 0xFB, 0x20],
            vec![2, 0x0F, 0x27],
            vec![3, 0x0F, 0x27]
        ]
    );
    let error = next_binary(&mut ws).await;
    assert_eq!(error[0], 3, "the second port's error channel");
    let text = String::from_utf8_lossy(&error[1..]).into_owned();
    assert!(text.starts_with("error forwarding port 9999 to pod "), "{text}");
    assert!(
        text.contains("dial tcp4 127.0.0.1:9999: connect: connection refused"),
        "{text}"
    );

    // Port 8443: TLS with the export server, whose certificate names the Service.
    let (ours, theirs) = tokio::io::duplex(256 * 1024);
    let (mut theirs_read, mut theirs_write) = tokio::io::split(theirs);
    let (mut sink, mut stream) = ws.split();
    tokio::spawn(async move {
        let mut buf = vec![0u8; 16 * 1024];
        while let Ok(n) = theirs_read.read(&mut buf).await {
            if n == 0 {
                break;
            }
            let mut frame = vec![0u8];
            frame.extend_from_slice(&buf[..n]);
            if sink.send(Message::binary(frame)).await.is_err() {
                break;
            }
        }
    });
    tokio::spawn(async move {
        while let Some(Ok(message)) = stream.next().await {
            if let Message::Binary(data) = message
                && data.first() == Some(&0)
                && theirs_write.write_all(&data[1..]).await.is_err()
            {
                break;
            }
        }
        let _ = theirs_write.shutdown().await;
    });
    let (_, export_ca) = sim.export_server();
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(export_ca.as_bytes()) {
        roots.add(cert.unwrap()).unwrap();
    }
    let config = rustls::ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let service = ServerName::try_from("virt-export-e1.default.svc").unwrap();
    let mut tls = tokio_rustls::TlsConnector::from(std::sync::Arc::new(config))
        .connect(service, ours)
        .await
        .expect("the export server's certificate is valid for its Service name");
    let request = format!(
        "HEAD /volumes/disk/disk.img HTTP/1.1\r\nHost: virt-export-e1.default.svc\r\nx-kubevirt-export-token: {token}\r\nConnection: close\r\n\r\n"
    );
    tls.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    let _ = tokio::time::timeout(T, tls.read_to_end(&mut response)).await;
    let response = String::from_utf8_lossy(&response).to_lowercase();
    assert!(response.starts_with("http/1.1 200"), "{response}");
    assert!(response.contains("content-length: 4194304"), "{response}");

    let logged = sim
        .requests()
        .into_iter()
        .find(|r| r.path.ends_with("/portforward"))
        .unwrap();
    assert_eq!(
        (logged.path.as_str(), logged.query.as_str(), logged.status),
        (
            "/api/v1/namespaces/default/pods/virt-export-e1/portforward",
            "ports=8443%2C9999",
            101
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spdy_and_a_missing_port_are_refused_with_the_kubelets_400() {
    let (sim, _) = exported();
    let refused = |result: Result<Ws, tokio_tungstenite::tungstenite::Error>| match result {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => (
            response.status().as_u16(),
            String::from_utf8_lossy(response.body().as_deref().unwrap_or_default()).into_owned(),
        ),
        other => panic!("expected an HTTP refusal, got {:?}", other.map(|_| ())),
    };

    let (status, body) = refused(dial(&sim, "ports=8443", "SPDY/3.1+portforward.k8s.io").await);
    assert_eq!(status, 400);
    assert_eq!(
        body,
        "requested protocol(s) are not supported: [SPDY/3.1+portforward.k8s.io]; supports [ v4.channel.k8s.io]"
    );
    let (status, body) = refused(dial(&sim, "", "v4.channel.k8s.io").await);
    assert_eq!((status, body.as_str()), (400, "query parameter \"port\" is required"));
}
