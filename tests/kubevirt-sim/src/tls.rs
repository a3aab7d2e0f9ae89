//! A CA generated at start and a server certificate for 127.0.0.1 / localhost /
//! kubevirt-sim.local signed by it; the API server's TLS also asks for a client certificate and
//! accepts one the CA signed (x509 client authentication), or none.

use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

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
    install_provider();
    let now = time::OffsetDateTime::now_utc();
    let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(DnType::CommonName, "kubevirt-sim-ca");
    ca_params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
    ];
    ca_params.not_before = now - time::Duration::hours(1);
    ca_params.not_after = now + time::Duration::days(365);
    let ca_key = KeyPair::generate()?;
    let ca_cert = ca_params.self_signed(&ca_key)?;
    let issuer = Issuer::new(ca_params, ca_key);

    let mut params = CertificateParams::new(vec![
        "127.0.0.1".to_string(),
        "localhost".to_string(),
        "kubevirt-sim.local".to_string(),
    ])?;
    params.distinguished_name.push(DnType::CommonName, "kubevirt-sim");
    params.use_authority_key_identifier_extension = true;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::KeyEncipherment];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.not_before = now - time::Duration::hours(1);
    params.not_after = now + time::Duration::days(365);
    let key = KeyPair::generate()?;
    let cert = params.signed_by(&key, &issuer)?;

    let chain = vec![cert.der().clone(), ca_cert.der().clone()];
    let key_der = || PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let mut server_config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(chain.clone(), key_der())?;
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
        issuer: Arc::new(issuer),
        cert_pem: cert.pem(),
        key_pem: key.serialize_pem(),
    })
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
