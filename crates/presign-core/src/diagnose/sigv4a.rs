//! SigV4A's findings: what the URL alone shows (SigV4's expiry, scope and header checks, and
//! the region set against the host), the verification's verdict and the root-cause search's
//! matches; and, for SigV4 URLs, that a Multi-Region Access Point takes SigV4A only.

use crate::diagnose::server_error::{self, Ours};
use crate::diagnose::url_checks;
use crate::diagnose::verdict::{signature_mismatch, signature_valid};
use crate::endpoint::Endpoint;
use crate::finding::{Code, Finding, Severity};
use crate::input::url::RawUrl;
use crate::report::Report;
use crate::sigv4::params::{SigV4Params, UNSIGNED_PAYLOAD, X_AMZ_CONTENT_SHA256};
use crate::sigv4a::host::{host_region, mrap_alias, region_matches};
use crate::sigv4a::params::{Sigv4aParams, X_AMZ_REGION_SET};
use crate::time::UnixTime;

/// Every SigV4A finding the URL alone shows at instant `now`. `view` is the SigV4 reading of
/// the same parameters (no credential), which SigV4's checks take.
pub fn url_checks(
    url: &RawUrl,
    endpoint: &Endpoint,
    params: &Sigv4aParams,
    view: &SigV4Params,
    now: UnixTime,
) -> Vec<Finding> {
    let mut out = Vec::new();
    url_checks::escaped_url(url, &mut out);
    let aws = url.host.ends_with(".amazonaws.com") || url.host.ends_with(".amazonaws.com.cn");
    url_checks::plain_http_to(url, !aws, &mut out);
    url_checks::validity(view, now, &mut out);
    if let Some(c) = &params.credential {
        url_checks::credential_date(&c.date, view, &mut out);
        url_checks::terminator(&c.terminator, &mut out);
        url_checks::temporary_credentials(&c.access_key_id, view, &mut out);
        if mrap_alias(&url.host).is_some() {
            url_checks::wrong_service(&c.service, endpoint, &mut out);
        }
    }
    url_checks::checksum_parameters(url, view, &mut out);
    url_checks::signed_headers(view, &mut out);
    region_set(url, endpoint, params, &mut out);
    out
}

/// `region-set-mismatch`: the region set does not cover where the request is served.
fn region_set(url: &RawUrl, endpoint: &Endpoint, params: &Sigv4aParams, out: &mut Vec<Finding>) {
    let regions = params.regions();
    if regions.is_empty() {
        return;
    }
    let set = regions.join(",");
    if let Some(alias) = mrap_alias(&url.host) {
        if regions.contains(&"*") {
            return;
        }
        out.push(
            Finding::new(
                Code::RegionSetMismatch,
                Severity::Warning,
                format!("The region set {set} may not cover the region the access point picks"),
                format!("A Multi-Region Access Point routes each request to one of its buckets' regions, chosen by AWS at request time; the signature is valid only in {set}, so a request routed elsewhere fails with 403. The SDKs presign MRAP requests with X-Amz-Region-Set=* for this reason: presign with the SDK's defaults (or a region set covering every region of the access point)."),
            )
            .with("access-point", alias)
            .with(X_AMZ_REGION_SET, set),
        );
        return;
    }
    let Some(region) = host_region(&url.host, endpoint) else {
        return;
    };
    if regions.iter().any(|r| region_matches(r, &region)) {
        return;
    }
    out.push(
        Finding::new(
            Code::RegionSetMismatch,
            Severity::Error,
            format!("Signed for the regions {set}, sent to a {region} endpoint"),
            format!("A SigV4A signature is valid only in the regions of X-Amz-Region-Set, and the host is a {region} endpoint, which is not among them: the service rejects the signature. Presign with a region set that includes {region} (or *), or send the request to an endpoint of {set}."),
        )
        .with(X_AMZ_REGION_SET, set)
        .with("endpoint-region", region),
    );
}

/// `sigv4a-required`: a SigV4 (HMAC) URL on a Multi-Region Access Point host.
pub fn sigv4a_required(url: &RawUrl) -> Option<Finding> {
    let alias = mrap_alias(&url.host)?;
    Some(
        Finding::new(
            Code::Sigv4aRequired,
            Severity::Error,
            "Multi-Region Access Points accept SigV4A only",
            format!("The host is the Multi-Region Access Point {alias}, which S3 serves from several regions and accepts only with SigV4A (X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256, X-Amz-Region-Set); a SigV4 signature names one region and is refused. Presign with an SDK that signs SigV4A: boto3 with the CRT (pip install botocore[crt]), AWS SDK for JavaScript v3 with @aws-sdk/signature-v4-crt, passing the access point's ARN as the bucket."),
        )
        .with("access-point", alias),
    )
}

/// The verdict of the verification: the signature verifies with the public key derived from
/// the secret, or it does not (which names no cause: the search's matches do).
pub fn verification(valid: bool, provided: &str, variants_tried: Option<usize>) -> Finding {
    if valid {
        return signature_valid(
            "The signature in the URL verifies with the P-256 public key derived from the secret, over the string to sign computed here: the URL, method and headers are what was signed.",
            provided,
        );
    }
    let searched = variants_tried.map_or_else(String::new, |n| {
        format!(" None of the {n} variants tried here (other methods, path and query encodings, a parameter added after signing) verifies either.")
    });
    signature_mismatch(
        format!("The signature in the URL does not verify with the public key derived from the secret over the string to sign computed here, so AWS answers 403 SignatureDoesNotMatch.{searched} Nothing proves a cause. What remains possible, most likely first: (1) the URL was changed after it was signed in a way the search does not try; to tell: compare it with the URL your code logged right after presigning, or paste AWS's error body (its CanonicalRequest shows what AWS received). (2) A signed header was sent with another value than the one signed; to tell: compare the canonical request below with what your SDK signed (its debug log). (3) Other credentials than the ones typed here signed it; to tell: the access key id in X-Amz-Credential must be the one whose secret is typed here."),
        provided,
        None,
    )
}

/// Compares AWS's error body, if any, with the SigV4A URL in `report` (as S3's is compared
/// with a SigV4 URL), and adds what it shows.
pub fn compare_with_aws(error_xml: &str, report: &mut Report) {
    let Some(c) = &report.sigv4a else {
        return;
    };
    // As for SigV4: only `host` signed and the payload not signed (or its hash in the URL).
    let everything_signed_visible = c.canonical_request.as_ref().is_some_and(|r| {
        r.signed_headers == "host"
            && (r.payload_hash == UNSIGNED_PAYLOAD
                || report
                    .url
                    .as_ref()
                    .is_some_and(|u| u.param(X_AMZ_CONTENT_SHA256).is_some()))
    });
    let ours = Ours {
        everything_signed_visible,
        canonical_request: c.canonical_request_text.as_deref(),
        string_to_sign: c.string_to_sign_text.as_deref(),
        access_key_id: c
            .params
            .credential
            .as_ref()
            .map(|c| c.access_key_id.as_str()),
        provided_signature: c.params.signature.as_deref(),
        signature_valid: c.verified,
        signed_at: c.params.amz_date,
        expires_at: report.validity.as_ref().and_then(|v| v.expires_at),
    };
    if let Some((comparison, findings)) = server_error::compare(error_xml, &ours, report.now) {
        report.findings.extend(findings);
        report.server = Some(comparison);
    }
}
