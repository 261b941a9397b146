//! A GCS V4 URL in plain words: who signed, with what, for which method, host, bucket and
//! object, from when to when, with which headers.

use super::params::{GcsAlgorithm, GcsParams};
use super::GcsComputation;
use crate::input::url::RawUrl;
use crate::report::{DecodedField, FieldStyle};
use crate::time::human_duration;
use crate::types::HttpMethod;

pub fn decoded(
    url: &RawUrl,
    params: &GcsParams,
    method: HttpMethod,
    c: &GcsComputation,
) -> Vec<DecodedField> {
    let mut out = Vec::new();
    if let Some(signer) = &c.signer {
        let note = match params.algorithm {
            Some(GcsAlgorithm::Rsa) => format!("A service account. Its current public certificates are at https://www.googleapis.com/robot/v1/metadata/x509/{signer}: paste that JSON (or one certificate) as the public key to verify the signature, no secret needed."),
            Some(GcsAlgorithm::Hmac) => "An HMAC key's access id: its secret re-signs the URL.".to_owned(),
            None => String::new(),
        };
        out.push(DecodedField::new("Signed by", signer.clone(), FieldStyle::Code).note(note));
    }
    if let Some(alg) = params.algorithm {
        let note = match alg {
            GcsAlgorithm::Rsa => "RSA-SHA256 with the service account's private key: the public key alone verifies it.",
            GcsAlgorithm::Hmac => "HMAC-SHA256 with a key derived from the HMAC secret (SigV4's chain, prefix GOOG4).",
        };
        out.push(DecodedField::new("Algorithm", alg.name(), FieldStyle::Code).note(note));
    }
    out.push(
        DecodedField::new("Sent as", method.as_str(), FieldStyle::Code)
            .note("The method is signed."),
    );
    let host = url.host_header();
    let (style, bucket, object) = if host == "storage.googleapis.com" {
        let rest = url.raw_path.trim_start_matches('/');
        let (b, o) = rest.split_once('/').unwrap_or((rest, ""));
        ("path style", Some(b.to_owned()), o.to_owned())
    } else if let Some(b) = host.strip_suffix(".storage.googleapis.com") {
        (
            "virtual-hosted style",
            Some(b.to_owned()),
            url.raw_path.trim_start_matches('/').to_owned(),
        )
    } else {
        (
            "custom host (bucket-bound hostname, endpoint or emulator)",
            None,
            url.raw_path.trim_start_matches('/').to_owned(),
        )
    };
    out.push(DecodedField::new("Host", host, FieldStyle::Code).note(style));
    if let Some(b) = bucket {
        out.push(DecodedField::new("Bucket", b, FieldStyle::Code));
    }
    if !object.is_empty() {
        let decoded = crate::encode::display(&crate::encode::percent_decode(object.as_bytes()));
        out.push(
            DecodedField::new("Object", decoded, FieldStyle::Code)
                .note(format!("as written in the URL: {object}")),
        );
    }
    if let Some(scope) = &params.credential {
        out.push(
            DecodedField::new("Credential scope", scope.scope(), FieldStyle::Code)
                .note("date / location / service / terminator"),
        );
    }
    if let Some(d) = params.date {
        out.push(DecodedField::new(
            "Signed at",
            d.to_string(),
            FieldStyle::Time,
        ));
        if let Some(end) = params.expires.and_then(|e| d.checked_add(e)) {
            out.push(
                DecodedField::new("Expires at", end.to_string(), FieldStyle::Time).note(format!(
                    "valid for {}",
                    human_duration(params.expires.unwrap_or(0))
                )),
            );
        }
    }
    if !c.signed_headers.is_empty() {
        out.push(
            DecodedField::new(
                "Signed headers",
                c.signed_headers.join(", "),
                FieldStyle::Code,
            )
            .note("The request must send each with the signed value."),
        );
    }
    if let Some(key) = &c.verified_with {
        out.push(DecodedField::new(
            "Verified with",
            key.clone(),
            FieldStyle::Text,
        ));
    }
    out
}
