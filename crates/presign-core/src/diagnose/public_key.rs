//! Findings about the public key or certificate given to verify a signature made with a
//! private key (GCS `GOOG4-RSA-SHA256`, CloudFront), and the one proof about a key that a
//! public key can give: a signature that does not open under it was not made with it.

use crate::finding::{Code, Finding, Severity};
use crate::input::public_key::{algorithm_name, KeyProblem};

/// A problem reading the public-key input.
pub fn key_problem(problem: &KeyProblem) -> Finding {
    match problem {
        KeyProblem::PrivateKey { label } => Finding::new(
            Code::PrivateKeyPasted,
            Severity::Warning,
            "A private key was pasted where the public key goes",
            "A private key signs: whoever holds it can make signed URLs. It is not used here, stays in this tab and is left out of share links; paste the public key or the certificate instead (openssl rsa -in key.pem -pubout, or the service account's certificate). If it was pasted anywhere else (a chat, a ticket), rotate that key.",
        )
        .with("pasted", label.clone()),
        KeyProblem::NotRsa { source, algorithm } => Finding::new(
            Code::PublicKeyUnreadable,
            Severity::Warning,
            format!("The {source} holds {}, not an RSA key", algorithm_name(algorithm)),
            "GCS (GOOG4-RSA-SHA256) and CloudFront signed URLs are verified here with RSA keys only. Paste the RSA public key or certificate of the signer.",
        )
        .with("algorithm", algorithm.clone()),
        KeyProblem::Unreadable { source, why } => Finding::new(
            Code::PublicKeyUnreadable,
            Severity::Warning,
            format!("The {source} could not be read as a public key"),
            format!("It is {why}. Paste a PEM public key (-----BEGIN PUBLIC KEY-----), an X.509 certificate (-----BEGIN CERTIFICATE-----) or Google's JSON map of a service account's certificates, whole."),
        ),
        KeyProblem::TooLong { bytes } => Finding::new(
            Code::PublicKeyUnreadable,
            Severity::Warning,
            "The public-key input is too long to read",
            format!("It is {bytes} bytes; a certificate is 1 to 2 KB. Paste only the key or certificate of the signer."),
        ),
    }
}

/// `public-key-mismatch`: under none of the keys does the signature open to a PKCS#1 v1.5
/// block, so none of them made it. `sources` names the keys tried.
pub fn public_key_mismatch(sources: &[String], signer: &str, service: &str) -> Finding {
    let detail = format!(
        "Checked with the public key, the signature does not decode to a signed hash at all: it was made with another private key than the one of {}. Either this is not {signer}'s key (another key of the account, another account, a rotated key), or the key that signed is not the one {service} holds for {signer}. A signature changed on the way (cut, re-encoded) looks the same: compare it with what the signer produced.",
        sources.join(", ")
    );
    let mut f = Finding::new(
        Code::PublicKeyMismatch,
        Severity::Error,
        "The signature was not made with this key",
        detail,
    )
    .with("signer", signer);
    for s in sources {
        f = f.with("key tried", s.clone());
    }
    f
}
