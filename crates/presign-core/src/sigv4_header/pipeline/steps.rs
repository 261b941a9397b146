//! The steps of a header-signed request's pipeline that stand on their own: the inspection as read,
//! the payload and the body, and the comparisons with the service's error body and the SDK's log.

use crate::diagnose::aws_error::{self, HeaderOurs};
use crate::diagnose::diff::{diff_canonical_requests, DiffKind};
use crate::diagnose::{header_content, sdk_log};
use crate::endpoint::{decode_endpoint, Endpoint, Provider};
use crate::input::sdk_log::SigningBlock;
use crate::input::url::parse_url;
use crate::inspect::Inputs;
use crate::limits::MAX_SNIPPET_BODY_BYTES;
use crate::report::Report;
use crate::sigv4::authorization::Authorization;
use crate::sigv4::header_request::{payload_hash, PayloadHash, PayloadSource, CONTENT_SHA256};
use crate::sigv4::streaming::{read_aws_chunks, AwsChunks};
use crate::sigv4_header::request::{Body, SignedRequest};
use crate::sigv4_header::HeaderInspection;

/// The S3 reading of the request's host, when it is an S3 (or S3-compatible) host.
pub(super) fn s3_endpoint(request: &SignedRequest) -> Option<Endpoint> {
    let url = parse_url(&format!("https://{}{}", request.host, request.raw_path)).ok()?;
    let endpoint = decode_endpoint(&url);
    (endpoint.provider != Provider::Custom).then_some(endpoint)
}

/// The body's SHA-256, length and where they come from: the body file given, else the body in
/// the request; `Err` with the reason when neither is known.
pub(super) fn body_digest(
    request: &SignedRequest,
    inputs: &Inputs,
) -> Result<(String, u64, String), String> {
    if let Some(file) = &inputs.body {
        return Ok((
            file.sha256.clone(),
            file.length,
            format!("the file {}", file.name),
        ));
    }
    match &request.body {
        Body::Bytes(bytes) => {
            let digest = crate::input::body::BodyDigest::of(bytes, "");
            Ok((digest.sha256, digest.length, "the request".to_owned()))
        }
        Body::Unknown(why) => Err(why.clone()),
    }
}

/// The inspection's fields known before anything is checked: the request as read.
pub(super) fn new_inspection(
    request: &SignedRequest,
    client: Option<&SigningBlock>,
) -> HeaderInspection {
    HeaderInspection {
        source: request.source,
        request_line: format!("{} {}", request.method, request.url()),
        method: request.method.clone(),
        url: request.url(),
        host: request.host.clone(),
        headers: request.headers.clone(),
        body_text: match &request.body {
            Body::Bytes(bytes) if bytes.len() <= MAX_SNIPPET_BODY_BYTES => {
                std::str::from_utf8(bytes)
                    .ok()
                    .filter(|t| !t.chars().any(|c| c.is_control() && c != '\n' && c != '\t'))
                    .map(str::to_owned)
            }
            _ => None,
        },
        authorization: None,
        rules: None,
        date: None,
        payload: None,
        body_sha256: None,
        body_length: None,
        canonical_request: None,
        canonical_request_text: None,
        string_to_sign_text: None,
        missing_signed_headers: Vec::new(),
        provided_signature: None,
        computed_signature: None,
        chunks: Vec::new(),
        client: client.cloned(),
        client_diff: Vec::new(),
    }
}

/// The payload hash the request was signed with (`x-amz-content-sha256` as sent, else the body's
/// hash, else the one an SDK logged), the checks of the body against it, and an aws-chunked
/// body's chunks.
pub(super) fn read_payload(
    request: &SignedRequest,
    inputs: &Inputs,
    client: Option<&SigningBlock>,
    notes: &mut Vec<String>,
    inspection: &mut HeaderInspection,
    s3: bool,
    report: &mut Report,
) -> (PayloadHash, Option<AwsChunks>) {
    let body = body_digest(request, inputs);
    let content_sha256 = request.header(CONTENT_SHA256);
    let mut payload = payload_hash(content_sha256, body.as_ref().ok().map(|b| b.0.as_str()));
    let logged_payload = client
        .and_then(|c| c.canonical_request.as_deref())
        .and_then(|c| c.rsplit('\n').next());
    if let (PayloadSource::Unknown, Some(logged)) = (payload.source, logged_payload) {
        payload = PayloadHash {
            value: logged.to_owned(),
            source: PayloadSource::SdkLog,
        };
    }
    let body_known = match &body {
        Ok((sha, _, from)) => header_content::BodyKnown::Hashed { sha256: sha, from },
        Err(why) => header_content::BodyKnown::Unknown(why),
    };
    report
        .findings
        .extend(header_content::payload_checks(&payload, &body_known, s3));
    if let (PayloadSource::Unknown, Err(why)) = (payload.source, &body) {
        notes.push(format!(
            "the body: {why}; give it as a file (the page's body file, --body-file) to check the signature"
        ));
    }
    if let Ok((sha, length, _)) = &body {
        inspection.body_sha256 = Some(sha.clone());
        inspection.body_length = Some(*length);
        let declared = request
            .header("content-length")
            .and_then(|l| l.trim().parse::<u64>().ok());
        if let (Some(declared), None) = (declared.filter(|d| d != length), &inputs.body) {
            notes.push(format!(
                "the body is {length} bytes, but Content-Length says {declared}: paste the whole body, or give it as a file"
            ));
        }
    }
    let chunked = request
        .values("content-encoding")
        .any(|v| v.to_ascii_lowercase().contains("aws-chunked"));
    let aws_chunks = match (&request.body, chunked, inputs.body.is_none()) {
        (Body::Bytes(bytes), true, true) => Some(read_aws_chunks(bytes)),
        _ => None,
    };
    if let Some(chunks) = &aws_chunks {
        report.findings.extend(header_content::aws_chunked_body(
            chunks,
            request.header("x-amz-decoded-content-length"),
        ));
    }
    (payload, aws_chunks)
}

/// The service's error body, against what the client signed (a log) or what is computed here
/// (`ours`: the canonical request and string to sign).
pub(super) fn compare_with_service(
    inputs: &Inputs,
    client: Option<&SigningBlock>,
    ours: (&str, Option<&str>),
    auth: &Authorization,
    inspection: &HeaderInspection,
    report: &mut Report,
) {
    let (who, ours_creq, ours_sts) = match client {
        Some(c) if c.canonical_request.is_some() || c.string_to_sign.is_some() => (
            "the SDK",
            c.canonical_request.as_deref(),
            c.string_to_sign.as_deref(),
        ),
        _ => ("this page", Some(ours.0), ours.1),
    };
    let compared = HeaderOurs {
        who,
        canonical_request: ours_creq,
        string_to_sign: ours_sts,
        access_key_id: auth.credential.as_ref().map(|s| s.access_key_id.as_str()),
        provided_signature: auth.signature.as_deref(),
        signature_valid: inspection
            .computed_signature
            .as_deref()
            .zip(auth.signature.as_deref())
            .map(|(c, p)| c == p),
        region: auth.credential.as_ref().map(|s| s.region.as_str()),
        service: auth.credential.as_ref().map(|s| s.service.as_str()),
    };
    if let Some((comparison, found)) = aws_error::compare(&inputs.error_xml, &compared) {
        report.findings.extend(found);
        report.server = Some(comparison);
    }
}

/// The SDK's logged canonical request against the one computed here from the request it logged.
pub(super) fn compare_with_client(
    block: &SigningBlock,
    ours: &str,
    body_hash: Option<&str>,
    inspection: &mut HeaderInspection,
    report: &mut Report,
) {
    let Some(theirs) = block.canonical_request.as_deref() else {
        return;
    };
    inspection.client_diff = diff_canonical_requests(ours, theirs);
    if let Some(line) = inspection
        .client_diff
        .iter()
        .find(|l| l.kind != DiffKind::Same)
    {
        // The payload line against the body the log shows is a proved cause of its own.
        match (line.part.as_str(), body_hash, line.theirs.as_deref()) {
            ("payload-hash", Some(body), Some(signed)) => report
                .findings
                .push(header_content::signed_payload_differs(signed, body)),
            _ => report
                .findings
                .push(sdk_log::canonical_request_differs(line)),
        }
    }
}
