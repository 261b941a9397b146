//! The public half of a signing key, as people paste it: a PEM public key (`PUBLIC KEY`,
//! `RSA PUBLIC KEY`), an X.509 certificate, several of them, or the JSON map of certificates
//! Google publishes for a service account (`{"<key id>": "-----BEGIN CERTIFICATE-----…"}`).
//!
//! A private key pasted here is never used: it is reported, and the share link leaves it out
//! (`share`), because it is a credential. Only RSA keys verify the families that need a key
//! here (GCS `GOOG4-RSA-SHA256`, CloudFront); other key types are reported as such.

use crate::crypto::RsaPublicKey;
use crate::input::pem::{pem_blocks, PemBlock};
use crate::limits::MAX_PUBLIC_KEY_BYTES;
use crate::time::UnixTime;
use der::asn1::{AnyRef, GeneralizedTime, ObjectIdentifier, UtcTime};
use der::{Decode, Encode, Reader, SliceReader, Tag, Tagged};

const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";

/// One key read from the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    pub key: RsaPublicKey,
    /// Where it came from, in words: "certificate", "public key", "certificate 2f1e… (key id)".
    pub source: String,
    /// When the key came in a certificate.
    pub certificate: Option<CertificateInfo>,
}

/// What a certificate says about its key's owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    /// The subject's common name, organization, unit, country and e-mail (`CN=…, O=…`).
    pub subject: String,
    pub issuer: String,
    pub not_before: Option<UnixTime>,
    pub not_after: Option<UnixTime>,
}

/// Why part of the input gave no key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyProblem {
    /// A private key (PEM label ending in `PRIVATE KEY`, or a service-account JSON file).
    PrivateKey { label: String },
    /// A key of another algorithm (an EC or Ed25519 key): `algorithm` is its OID.
    NotRsa { source: String, algorithm: String },
    /// A block or text that is not a key or certificate this reader knows.
    Unreadable { source: String, why: &'static str },
    /// Over `limits::MAX_PUBLIC_KEY_BYTES`: not read at all.
    TooLong { bytes: usize },
}

/// Everything read from the public-key input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicKeys {
    pub keys: Vec<PublicKey>,
    pub problems: Vec<KeyProblem>,
}

impl PublicKey {
    /// The key as a decoded row: where it came from, its size, and its certificate's owner and
    /// validity.
    pub fn describe(&self) -> crate::report::DecodedField {
        let value = format!(
            "{} ({}-bit RSA, fingerprint {})",
            self.source,
            self.key.bits(),
            self.key.fingerprint()
        );
        let note = self.certificate.as_ref().map_or_else(String::new, |c| {
            let until = c.not_after.map_or_else(String::new, |t| format!(", valid until {t}"));
            format!("Certificate of {}{until}. Its validity dates are not what GCS or CloudFront check: only whether the key is registered with them.", c.subject)
        });
        crate::report::DecodedField::new("Public key given", value, crate::report::FieldStyle::Code)
            .note(note)
    }
}

impl PublicKeys {
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.problems.is_empty()
    }
}

/// Reads every key in `text` (empty text gives nothing).
pub fn read_public_keys(text: &str) -> PublicKeys {
    let mut out = PublicKeys::default();
    let text = text.trim();
    if text.is_empty() {
        return out;
    }
    if text.len() > MAX_PUBLIC_KEY_BYTES {
        out.problems.push(KeyProblem::TooLong { bytes: text.len() });
        return out;
    }
    if text.starts_with('{') {
        read_json(text, &mut out);
        return out;
    }
    let blocks = pem_blocks(text);
    if blocks.is_empty() {
        // Bare base64 of a certificate or SubjectPublicKeyInfo (a PEM without its lines).
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        match crate::encode::base64_decode(&compact) {
            Some(der) => read_der(&der, "pasted base64", &mut out),
            None => out.problems.push(KeyProblem::Unreadable {
                source: "the text".to_owned(),
                why: "no -----BEGIN …----- block and not base64",
            }),
        }
        return out;
    }
    for block in blocks {
        read_block(&block, None, &mut out);
    }
    out
}

/// Google's certificate map (`robot/v1/metadata/x509/<service account>`), or a
/// service-account key file, which holds a private key.
fn read_json(text: &str, out: &mut PublicKeys) {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(text) else {
        out.problems.push(KeyProblem::Unreadable {
            source: "the JSON".to_owned(),
            why: "not a JSON object",
        });
        return;
    };
    if map.contains_key("private_key") {
        out.problems.push(KeyProblem::PrivateKey {
            label: "service-account key file (private_key)".to_owned(),
        });
        return;
    }
    for (key_id, value) in &map {
        let Some(pem) = value.as_str() else { continue };
        for block in pem_blocks(pem) {
            read_block(&block, Some(key_id), out);
        }
    }
    if out.is_empty() {
        out.problems.push(KeyProblem::Unreadable {
            source: "the JSON".to_owned(),
            why: "no certificate or public key among its values",
        });
    }
}

fn read_block(block: &PemBlock, key_id: Option<&str>, out: &mut PublicKeys) {
    let name = block.label.to_ascii_lowercase();
    let source = match key_id {
        Some(id) => format!("{name} {id}"),
        None => name,
    };
    if block.label.ends_with("PRIVATE KEY") {
        out.problems.push(KeyProblem::PrivateKey {
            label: block.label.clone(),
        });
        return;
    }
    let Some(der) = &block.der else {
        out.problems.push(KeyProblem::Unreadable {
            source,
            why: "its body is not base64 (cut off, or lines were changed)",
        });
        return;
    };
    match block.label.as_str() {
        "RSA PUBLIC KEY" => match RsaPublicKey::from_pkcs1_der(der) {
            Some(key) => out.keys.push(PublicKey {
                key,
                source,
                certificate: None,
            }),
            None => out.problems.push(KeyProblem::Unreadable {
                source,
                why: "not a PKCS#1 RSA public key",
            }),
        },
        "PUBLIC KEY" | "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
            read_der(der, &source, out);
        }
        _ => out.problems.push(KeyProblem::Unreadable {
            source,
            why: "not a public key or certificate block",
        }),
    }
}

/// A DER certificate or `SubjectPublicKeyInfo`, whichever it is.
fn read_der(der: &[u8], source: &str, out: &mut PublicKeys) {
    if let Some((spki, info)) = certificate(der) {
        let algorithm = spki_algorithm(spki).unwrap_or_default();
        let key = spki
            .to_der()
            .ok()
            .and_then(|d| RsaPublicKey::from_spki_der(&d));
        push_key(key, algorithm, source, Some(info), out);
        return;
    }
    if let Some(algorithm) = AnyRef::from_der(der).ok().and_then(spki_algorithm) {
        push_key(
            RsaPublicKey::from_spki_der(der),
            algorithm,
            source,
            None,
            out,
        );
        return;
    }
    out.problems.push(KeyProblem::Unreadable {
        source: source.to_owned(),
        why: "neither an X.509 certificate nor a SubjectPublicKeyInfo",
    });
}

/// The elements inside a constructed DER value.
fn children(any: AnyRef<'_>) -> Option<Vec<AnyRef<'_>>> {
    let mut reader = SliceReader::new(any.value()).ok()?;
    let mut out = Vec::new();
    while !reader.is_finished() {
        out.push(AnyRef::decode(&mut reader).ok()?);
    }
    Some(out)
}

/// An X.509 certificate's `subjectPublicKeyInfo` and what it says of its owner (RFC 5280
/// section 4.1: version, serial, signature, issuer, validity, subject, key, …).
fn certificate(der: &[u8]) -> Option<(AnyRef<'_>, CertificateInfo)> {
    let cert = AnyRef::from_der(der)
        .ok()
        .filter(|c| c.tag() == Tag::Sequence)?;
    let tbs = *children(cert)?
        .first()
        .filter(|t| t.tag() == Tag::Sequence)?;
    let fields = children(tbs)?;
    let skip = usize::from(fields.first()?.tag().is_context_specific());
    let [_serial, _signature, issuer, validity, subject, spki] = fields.get(skip..skip + 6)? else {
        return None;
    };
    let times = children(*validity)?;
    let info = CertificateInfo {
        subject: name(*subject)?,
        issuer: name(*issuer)?,
        not_before: times.first().and_then(|t| time(*t)),
        not_after: times.get(1).and_then(|t| time(*t)),
    };
    Some((*spki, info))
}

/// The dotted OID of a `SubjectPublicKeyInfo`'s algorithm.
fn spki_algorithm(spki: AnyRef<'_>) -> Option<String> {
    let parts = children(spki)?;
    let algorithm = children(*parts.first()?)?;
    Some(
        algorithm
            .first()?
            .decode_as::<ObjectIdentifier>()
            .ok()?
            .to_string(),
    )
}

/// A distinguished name as `CN=…, O=…` (the attributes people read; others are left out).
fn name(any: AnyRef<'_>) -> Option<String> {
    let mut parts = Vec::new();
    for rdn in children(any)? {
        for attribute in children(rdn)? {
            let pair = children(attribute)?;
            let (Some(oid), Some(value)) = (pair.first(), pair.get(1)) else {
                continue;
            };
            let label = match oid.value() {
                [0x55, 0x04, 0x03] => "CN",
                [0x55, 0x04, 0x0a] => "O",
                [0x55, 0x04, 0x0b] => "OU",
                [0x55, 0x04, 0x06] => "C",
                [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01] => "E",
                _ => continue,
            };
            parts.push(format!(
                "{label}={}",
                String::from_utf8_lossy(value.value())
            ));
        }
    }
    Some(parts.join(", "))
}

fn time(any: AnyRef<'_>) -> Option<UnixTime> {
    let d = if any.tag() == Tag::UtcTime {
        any.decode_as::<UtcTime>().ok()?.to_unix_duration()
    } else {
        any.decode_as::<GeneralizedTime>().ok()?.to_unix_duration()
    };
    i64::try_from(d.as_secs()).ok().map(UnixTime)
}

fn push_key(
    key: Option<RsaPublicKey>,
    algorithm: String,
    source: &str,
    certificate: Option<CertificateInfo>,
    out: &mut PublicKeys,
) {
    match key {
        Some(key) => out.keys.push(PublicKey {
            key,
            source: source.to_owned(),
            certificate,
        }),
        None if algorithm != RSA_ENCRYPTION => out.problems.push(KeyProblem::NotRsa {
            source: source.to_owned(),
            algorithm,
        }),
        None => out.problems.push(KeyProblem::Unreadable {
            source: source.to_owned(),
            why: "an RSA key whose numbers cannot be read",
        }),
    }
}

/// The algorithm of an OID, in words (for the key types people may paste).
pub fn algorithm_name(oid: &str) -> &'static str {
    match oid {
        "1.2.840.10045.2.1" => "an elliptic-curve (EC) key",
        "1.3.101.112" => "an Ed25519 key",
        "1.2.840.113549.1.1.10" => "an RSA-PSS key",
        _ => "a key of an algorithm other than RSA",
    }
}
