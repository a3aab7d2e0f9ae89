//! A CA generated at start and a server certificate for 127.0.0.1 / localhost /
//! kubevirt-sim.local signed by it; optionally per-SNI certificates for Service names
//! (`NAME.NS.svc`), signed by the same CA. The API server's TLS also asks for a client
//! certificate and accepts one the CA signed (x509 client authentication), or none.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;

pub struct Pki {
    pub ca_pem: String,
    pub ca_der: CertificateDer<'static>,
    pub server_config: Arc<rustls::ServerConfig>,
    /// the API server's: `server_config` that also verifies a client certificate if one is given
    pub api_server_config: Arc<rustls::ServerConfig>,
    /// the CA, to sign client certificates
    issuer: Arc<Issuer<'static, KeyPair>>,
    /// the server certificate and key, for other listeners that want the same identity
    pub cert_pem: String,
    pub key_pem: String,
}

/// Install the ring provider as the process default (ignored if one is installed already).
pub fn install_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

pub fn generate() -> anyhow::Result<Pki> {
    generate_with(false)
}

/// Like [`generate`], but a client naming a Service (`*.svc`) in its SNI gets a certificate for
/// that name, signed by the same CA: one server stands for many pods that each have their own
/// certificate, as the exporter pods of VirtualMachineExports do.
pub fn generate_per_service() -> anyhow::Result<Pki> {
    generate_with(true)
}

fn validity(params: &mut CertificateParams) {
    let now = time::OffsetDateTime::now_utc();
    params.not_before = now - time::Duration::hours(1);
    params.not_after = now + time::Duration::days(365);
}

fn server_params(names: Vec<String>) -> anyhow::Result<CertificateParams> {
    let mut params = CertificateParams::new(names)?;
    params.distinguished_name.push(DnType::CommonName, "kubevirt-sim");
    params.use_authority_key_identifier_extension = true;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::KeyEncipherment];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    validity(&mut params);
    Ok(params)
}

fn generate_with(per_service: bool) -> anyhow::Result<Pki> {
    install_provider();
    let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(DnType::CommonName, "kubevirt-sim-ca");
    ca_params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
    ];
    validity(&mut ca_params);
    let ca_key = KeyPair::generate()?;
    let ca_cert = ca_params.self_signed(&ca_key)?;
    let issuer = Arc::new(Issuer::new(ca_params, ca_key));

    let params = server_params(vec![
        "127.0.0.1".to_string(),
        "localhost".to_string(),
        "kubevirt-sim.local".to_string(),
    ])?;
    let key = KeyPair::generate()?;
    let cert = params.signed_by(&key, issuer.as_ref())?;

    let chain = vec![cert.der().clone(), ca_cert.der().clone()];
    let key_der = || PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let mut server_config = if per_service {
        let default = certified_key(chain.clone(), &key_der())?;
        rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_cert_resolver(Arc::new(ServiceCerts {
                issuer: issuer.clone(),
                ca: ca_cert.der().clone(),
                default,
                issued: Mutex::new(HashMap::new()),
            }))
    } else {
        rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(chain.clone(), key_der())?
    };
    server_config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let mut roots = rustls::RootCertStore::empty();
    roots.add(ca_cert.der().clone())?;
    // kube-apiserver's `tls.VerifyClientCertIfGiven`: a certificate is optional, a bad one fails
    // the handshake.
    let verifier = rustls::server::WebPkiClientVerifier::builder(Arc::new(roots))
        .allow_unauthenticated()
        .build()?;
    let mut api_server_config = rustls::ServerConfig::builder()
        .with_client_cert_verifier(verifier)
        .with_single_cert(chain, key_der())?;
    api_server_config.alpn_protocols = server_config.alpn_protocols.clone();
    Ok(Pki {
        ca_pem: ca_cert.pem(),
        ca_der: ca_cert.der().clone(),
        server_config: Arc::new(server_config),
        api_server_config: Arc::new(api_server_config),
        issuer,
        cert_pem: cert.pem(),
        key_pem: key.serialize_pem(),
    })
}

fn certified_key(
    chain: Vec<CertificateDer<'static>>,
    key: &PrivateKeyDer<'static>,
) -> anyhow::Result<Arc<CertifiedKey>> {
    let signing = rustls::crypto::ring::sign::any_supported_type(key)?;
    Ok(Arc::new(CertifiedKey::new(chain, signing)))
}

/// Per-SNI certificates for Service names, issued on first use and kept.
struct ServiceCerts {
    issuer: Arc<Issuer<'static, KeyPair>>,
    ca: CertificateDer<'static>,
    default: Arc<CertifiedKey>,
    issued: Mutex<HashMap<String, Arc<CertifiedKey>>>,
}

impl std::fmt::Debug for ServiceCerts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceCerts").finish_non_exhaustive()
    }
}

impl ServiceCerts {
    fn issue(&self, name: &str) -> anyhow::Result<Arc<CertifiedKey>> {
        let key = KeyPair::generate()?;
        let cert = server_params(vec![name.to_string()])?.signed_by(&key, self.issuer.as_ref())?;
        let key_der = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        certified_key(vec![cert.der().clone(), self.ca.clone()], &key_der)
    }
}

impl ResolvesServerCert for ServiceCerts {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let Some(name) = hello.server_name().filter(|n| n.ends_with(".svc")) else {
            return Some(self.default.clone());
        };
        let mut issued = self.issued.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(key) = issued.get(name) {
            return Some(key.clone());
        }
        let key = self.issue(name).ok()?;
        issued.insert(name.to_string(), key.clone());
        Some(key)
    }
}

impl Pki {
    /// A client certificate and key (PEM) signed by the CA: CN `user`, one O per group, as
    /// `kubeadm` and `openssl req -subj "/CN=user/O=group"` make them.
    pub fn client_certificate(&self, user: &str, groups: &[&str]) -> anyhow::Result<(String, String)> {
        let now = time::OffsetDateTime::now_utc();
        let mut params = CertificateParams::new(Vec::<String>::new())?;
        params.distinguished_name.push(DnType::CommonName, user);
        for group in groups {
            params.distinguished_name.push(DnType::OrganizationName, *group);
        }
        params.use_authority_key_identifier_extension = true;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::KeyEncipherment];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        params.not_before = now - time::Duration::hours(1);
        params.not_after = now + time::Duration::days(1);
        let key = KeyPair::generate()?;
        let cert = params.signed_by(&key, self.issuer.as_ref())?;
        Ok((cert.pem(), key.serialize_pem()))
    }
}

/// A rustls client config that trusts only the simulator's CA (for tests and tools).
pub fn client_config(ca_der: &CertificateDer<'static>) -> rustls::ClientConfig {
    install_provider();
    let mut roots = rustls::RootCertStore::empty();
    let _ = roots.add(ca_der.clone());
    rustls::ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth()
}
