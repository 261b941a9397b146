//! The public-key input: PEM public keys (SPKI and PKCS#1), certificates (their subject and
//! validity read too), Google's certificate map, private keys refused, and anything else
//! reported, never a panic.
#![cfg(not(target_arch = "wasm32"))]

use presign_core::input::public_key::{read_public_keys, KeyProblem};
use presign_core::time::parse_rfc3339;

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn a_certificate_gives_its_key_subject_and_validity() {
    let keys = read_public_keys(&fixture("gcs/test-only-fake-sa-cert.pem"));
    assert_eq!(keys.problems, []);
    let key = &keys.keys[0];
    assert_eq!(key.source, "certificate");
    assert_eq!(key.key.bits(), 2048);
    let cert = key.certificate.as_ref().unwrap();
    assert_eq!(cert.subject, "O=TEST-ONLY FAKE KEY (Presign Inspector fixtures), CN=signer@presign-inspector-fixtures.iam.gserviceaccount.com");
    assert_eq!(cert.subject, cert.issuer, "self-signed");
    // `openssl x509 -dates`: notBefore=Dec  4 16:40:07 2026 GMT, notAfter=Dec  1 16:40:07 2036 GMT.
    assert_eq!(cert.not_before, parse_rfc3339("2026-12-04T16:40:07Z"));
    assert_eq!(cert.not_after, parse_rfc3339("2036-12-01T16:40:07Z"));
    // The same key as the SPKI PEM.
    let spki = read_public_keys(&fixture("gcs/test-only-fake-sa-public-key.pem"));
    assert_eq!(spki.keys[0].key, key.key);
}

#[test]
fn pkcs1_public_keys_and_bare_base64_are_read() {
    use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPublicKey};
    use rsa::pkcs8::LineEnding;
    let private = rsa::RsaPrivateKey::from_pkcs1_pem(&fixture(
        "cloudfront/test-only-fake-cf-private-key.pem",
    ))
    .unwrap();
    let pkcs1 = private
        .to_public_key()
        .to_pkcs1_pem(LineEnding::LF)
        .unwrap();
    let keys = read_public_keys(&pkcs1);
    assert_eq!(keys.keys.len(), 1, "{:?}", keys.problems);
    assert_eq!(keys.keys[0].source, "rsa public key");
    let spki = fixture("cloudfront/test-only-fake-cf-public-key.pem");
    let bare: String = spki.lines().filter(|l| !l.starts_with("-----")).collect();
    let from_bare = read_public_keys(&bare);
    assert_eq!(from_bare.keys[0].key, keys.keys[0].key);
}

#[test]
fn private_keys_are_refused_and_never_used() {
    for path in [
        "cloudfront/test-only-fake-cf-private-key.pem",
        "gcs/test-only-fake-sa-private-key.pem",
        "gcs/test-only-fake-service-account.json",
    ] {
        let keys = read_public_keys(&fixture(path));
        assert!(keys.keys.is_empty(), "{path}");
        assert!(
            matches!(keys.problems[0], KeyProblem::PrivateKey { .. }),
            "{path}: {:?}",
            keys.problems
        );
    }
}

#[test]
fn googles_certificate_map_gives_each_key_its_id() {
    let map = serde_json::json!({
        "kid-a": fixture("gcs/test-only-fake-sa-cert.pem"),
        "kid-b": fixture("cloudfront/test-only-fake-cf-public-key.pem"),
    });
    let keys = read_public_keys(&map.to_string());
    let sources: Vec<&str> = keys.keys.iter().map(|k| k.source.as_str()).collect();
    assert_eq!(sources, ["certificate kid-a", "public key kid-b"]);
}

#[test]
fn anything_else_is_a_problem_not_a_panic() {
    for text in [
        "hello",
        "{}",
        "{\"a\": 1}",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
        "-----BEGIN EC PRIVATE KEY-----",
        "MIIB",
        &"A".repeat(70_000),
    ] {
        let keys = read_public_keys(text);
        assert!(
            keys.keys.is_empty() && !keys.problems.is_empty(),
            "{text:.40}"
        );
    }
    assert!(read_public_keys("  ").is_empty());
}
