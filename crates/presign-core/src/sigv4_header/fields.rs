//! A header-signed request in plain words (the report's decoded rows) and its signing steps, as
//! the page and the command line show them.

use super::request::SignedRequest;
use super::HeaderInspection;
use crate::diagnose::header_auth::clock_window;
use crate::report::{DecodedField, FieldStyle, Signing, SigningStep};
use crate::sigv4::authorization::{Authorization, PartSeparator};
use crate::sigv4::canonical_request::{PathNormalization, PercentEncodingMode};
use crate::sigv4::header_request::{DateSource, PayloadSource};
use crate::sigv4::signature::SigningKeyHex;

fn code(label: &str, value: impl Into<String>) -> DecodedField {
    DecodedField::new(label, value, FieldStyle::Code)
}

fn text(label: &str, value: impl Into<String>) -> DecodedField {
    DecodedField::new(label, value, FieldStyle::Text)
}

/// The decoded rows.
pub fn decoded(
    inspection: &HeaderInspection,
    auth: Option<&Authorization>,
    request: &SignedRequest,
) -> Vec<DecodedField> {
    let mut rows = vec![
        code("Request", inspection.request_line.clone())
            .note(format!("Read from {}.", request.source.describe())),
        code("Host", request.host.clone()),
    ];
    let Some(auth) = auth else {
        return rows;
    };
    rows.push(code("Algorithm", auth.algorithm.clone()));
    if let Some(scope) = &auth.credential {
        let temporary = scope.access_key_id.starts_with("ASIA");
        rows.push(code("Access key id", scope.access_key_id.clone()).note(if temporary {
            "ASIA…: temporary credentials, which need their session token (X-Amz-Security-Token)."
        } else {
            ""
        }));
        rows.push(code("Credential scope", scope.scope()));
        let rules = match inspection.rules.map(|r| (r.mode, r.normalization)) {
            Some((PercentEncodingMode::Single, PathNormalization::Keep)) => {
                "S3 rules: the path is signed as sent, encoded once, // and . kept; the payload hash is x-amz-content-sha256."
            }
            _ => "Path normalized (. and .. segments and // removed) and encoded once more (%20 becomes %2520); the payload hash is the body's SHA-256 unless x-amz-content-sha256 is sent.",
        };
        rows.push(code("Service", scope.service.clone()).note(rules));
        rows.push(code("Region", scope.region.clone()));
        rows.push(
            text("Clock window", clock_window(&scope.service).describe(&scope.service)).note(
                "How far the request's date may be from the service's clock before it answers Signature expired / not yet current.",
            ),
        );
    }
    if let Some(date) = &inspection.date {
        let header = match date.source {
            DateSource::XAmzDate => "X-Amz-Date",
            DateSource::Date => "Date (no X-Amz-Date)",
        };
        rows.push(match date.instant {
            Some(t) => DecodedField::new("Signed at", t.to_string(), FieldStyle::Time)
                .note(format!("From {header}: {}", date.value)),
            None => code("Signed at", date.value.clone())
                .note(format!("{header} does not read as a date.")),
        });
    }
    rows.push(code("Signed headers", auth.signed_headers.join(";")));
    let token = if request.sends("x-amz-security-token") {
        if auth.signs("x-amz-security-token") {
            "sent and signed"
        } else {
            "sent, not signed"
        }
    } else {
        "none"
    };
    rows.push(text("Session token", token));
    if let Some(payload) = &inspection.payload {
        let note = match payload.source {
            PayloadSource::ContentSha256Header => "From x-amz-content-sha256, used as sent.",
            PayloadSource::Body => "The SHA-256 of the body (no x-amz-content-sha256 is sent).",
            PayloadSource::SdkLog => "As the SDK logged it: the log does not show the body.",
            PayloadSource::Unknown => "The body is not known: the hash of an empty body stands in, so the signature cannot be checked.",
        };
        rows.push(code("Payload hash", payload.value.clone()).note(note));
    }
    match (&inspection.body_length, &inspection.body_sha256) {
        (Some(len), Some(sha)) => rows.push(code("Body", format!("{len} bytes, SHA-256 {sha}"))),
        _ => rows.push(text("Body", "not in the input")),
    }
    if auth.separator != PartSeparator::CommaSpace {
        rows.push(
            text("Separator", "\",\" without a space between the parts")
                .note("AWS accepts it (the S3 documentation writes it so); SDKs write \", \"."),
        );
    }
    rows
}

/// The rows of a `curl --aws-sigv4` command, which has no signature yet.
pub fn curl_fields(request: &SignedRequest, provider: &str) -> Vec<DecodedField> {
    vec![
        code("Request", format!("{} {}", request.method, request.url()))
            .note("Read from a curl command."),
        code("Host", request.host.clone()),
        code("--aws-sigv4", provider.to_owned())
            .note("curl signs when it sends: provider1:provider2:region:service."),
    ]
}

/// The signing steps: the canonical request and string to sign (and, from a log, the SDK's),
/// the signing-key chain with the secret, and the chunk signatures of a streamed upload.
pub fn signing(inspection: &HeaderInspection, key: Option<&SigningKeyHex>) -> Signing {
    let mut steps = Vec::new();
    let step = |id: &str, title: &str, text: String| SigningStep {
        id: id.to_owned(),
        title: title.to_owned(),
        text,
    };
    if let Some(text) = &inspection.canonical_request_text {
        steps.push(step(
            "canonical-request",
            "Canonical request (as the service builds it from this request)",
            text.clone(),
        ));
    }
    if let Some(text) = &inspection.string_to_sign_text {
        steps.push(step("string-to-sign", "String to sign", text.clone()));
    }
    if let Some(client) = &inspection.client {
        if let Some(text) = &client.canonical_request {
            steps.push(step(
                "sdk-canonical-request",
                "Canonical request the SDK logged",
                text.clone(),
            ));
        }
        if let Some(text) = &client.string_to_sign {
            steps.push(step(
                "sdk-string-to-sign",
                "String to sign the SDK logged",
                text.clone(),
            ));
        }
    }
    if let Some(k) = key {
        steps.push(step(
            "signing-key",
            "Signing-key chain",
            format!(
                "kDate    = HMAC(\"AWS4\" + secret, date)  {}\nkRegion  = HMAC(kDate, region)          {}\nkService = HMAC(kRegion, service)       {}\nkSigning = HMAC(kService, \"aws4_request\") {}",
                k.k_date, k.k_region, k.k_service, k.k_signing
            ),
        ));
    }
    if !inspection.chunks.is_empty() {
        let lines: Vec<String> = inspection
            .chunks
            .iter()
            .map(|c| {
                let ok = c.provided.as_deref() == Some(c.computed.as_str());
                format!(
                    "chunk {} ({} bytes): {} {}",
                    c.index + 1,
                    c.size,
                    c.computed,
                    if ok {
                        "\u{2714} as sent"
                    } else {
                        "\u{2716} sent another"
                    }
                )
            })
            .collect();
        steps.push(step(
            "chunk-signatures",
            "Chunk signatures (each over the previous)",
            lines.join("\n"),
        ));
    }
    Signing {
        steps,
        provided_in: "In the Authorization header".to_owned(),
        provided: inspection.provided_signature.clone(),
        computed: inspection.computed_signature.clone(),
    }
}
