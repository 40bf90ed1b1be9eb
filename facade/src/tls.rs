//! TLS for the client's own HTTP stack: rustls with the `ring` crypto provider and the platform's
//! certificate verifier (the OS trust store, as reqwest's default); HTTP/1.1 offered, and HTTP/2
//! before it with the `http2` feature.
//!
//! Why not reqwest's default: its `rustls` feature brings the `aws-lc-rs` provider, whose C build
//! was the largest unit of a user's first build (35.6 s of 94.8 s) and needs a C toolchain; ring
//! gives the same TLS 1.2/1.3 at a fraction of the cost (BENCHMARKS.md, "Build cost"). The config
//! is given to reqwest per client, so nothing process-wide is installed; a client built with
//! [`ClientBuilder::http_client`](crate::ClientBuilder::http_client) keeps its own TLS.

use std::sync::Arc;

use rustls_platform_verifier::BuilderVerifierExt;

use crate::Error;

/// The rustls configuration of the clients this crate builds.
pub(crate) fn config() -> Result<rustls::ClientConfig, Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_platform_verifier())
        .map_err(|e| Error::Config(format!("TLS: {e}")))?
        .with_no_client_auth();
    config.alpn_protocols = alpn_protocols();
    Ok(config)
}

/// What the client offers the server: `h2` only when reqwest is built to speak it (a server that
/// picked it would otherwise be sent HTTP/1.1).
fn alpn_protocols() -> Vec<Vec<u8>> {
    let mut protocols = Vec::new();
    if cfg!(feature = "http2") {
        protocols.push(b"h2".to_vec());
    }
    protocols.push(b"http/1.1".to_vec());
    protocols
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_config_offers_http11_and_http2_with_its_feature_over_ring() {
        let config = super::config().unwrap();
        let expected: &[&[u8]] = if cfg!(feature = "http2") {
            &[b"h2", b"http/1.1"]
        } else {
            &[b"http/1.1"]
        };
        assert_eq!(config.alpn_protocols, expected);
        assert!(
            config.crypto_provider().cipher_suites.len() >= 3,
            "ring's TLS 1.2 and 1.3 suites"
        );
    }
}
