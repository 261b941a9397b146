//! The core of verification, without the report: parse, canonicalize, sign, compare. `inspect`
//! builds its canonical request with [`sigv4_canonical_request`] too, so both answer alike;
//! [`verify`] is the same work without the report, for callers that only need the yes or no
//! (the benchmark's "core verification" against aws-sigv4, the oracle tests).

use crate::crypto::{constant_time_eq, sha256};
use crate::encode::hex;
use crate::input::url::{parse_url, RawUrl};
use crate::sigv4::canonical_request::{
    canonical_headers, canonical_query, canonical_uri, CanonicalRequest, PathNormalization,
    PercentEncodingMode,
};
use crate::sigv4::params::{
    read_query_auth, CredentialScope, QueryAuth, SigV4Params, AWS4_HMAC_SHA256, UNSIGNED_PAYLOAD,
    X_AMZ_CONTENT_SHA256,
};
use crate::sigv4::signature::SigningKeyCache;
use crate::sigv4::string_to_sign::StringToSign;
use crate::types::{HttpMethod, Secret};

/// Which path encoding and normalization a service's canonical URI uses.
pub fn service_rules(service: &str) -> (PercentEncodingMode, PathNormalization) {
    if service == "s3" || service == "s3-object-lambda" || service == "s3express" {
        (PercentEncodingMode::Single, PathNormalization::Keep)
    } else {
        (PercentEncodingMode::Double, PathNormalization::Normalize)
    }
}

/// The payload hash: `X-Amz-Content-Sha256` from the query or a sent header, else
/// UNSIGNED-PAYLOAD for S3, else the hash of an empty body.
pub fn payload_hash(url: &RawUrl, headers: &[(String, String)], service: &str) -> String {
    if let Some(p) = url.param(X_AMZ_CONTENT_SHA256) {
        return p.value_text();
    }
    if let Some((_, v)) = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(X_AMZ_CONTENT_SHA256))
    {
        return v.clone();
    }
    if service_rules(service).0 == PercentEncodingMode::Single {
        UNSIGNED_PAYLOAD.to_owned()
    } else {
        hex(&sha256(b""))
    }
}

/// The canonical request S3 builds for this URL, method and headers (`headers` must include
/// `host`), and the signed headers the request does not send.
pub fn sigv4_canonical_request(
    url: &RawUrl,
    params: &SigV4Params,
    scope: &CredentialScope,
    method: HttpMethod,
    headers: &[(String, String)],
) -> (CanonicalRequest, Vec<String>) {
    let (mode, normalization) = service_rules(&scope.service);
    let (headers_block, signed_headers, missing) =
        canonical_headers(&params.signed_headers, headers);
    let canonical_request = CanonicalRequest {
        method: method.as_str().to_owned(),
        canonical_uri: canonical_uri(&url.raw_path, mode, normalization),
        canonical_query: canonical_query(&url.pairs),
        canonical_headers: headers_block,
        signed_headers,
        payload_hash: payload_hash(url, headers, &scope.service),
    };
    (canonical_request, missing)
}

/// The answer of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Re-signing gives the URL's signature.
    Valid,
    /// Re-signing gives another signature.
    Mismatch { computed: String },
    /// The URL cannot be checked this way: not a URL, not SigV4 query authentication, a
    /// parameter missing or malformed, or an empty secret. `inspect` says which and why.
    Unverifiable,
}

/// Re-signs a SigV4 presigned URL as S3 does and compares with its signature: `parse_url`,
/// `read_query_auth` and the canonical request exactly as `inspect` builds them. `headers` are
/// the headers sent besides `host` (which comes from the URL unless given).
pub fn verify(
    url: &str,
    method: HttpMethod,
    headers: &[(&str, &str)],
    secret: &Secret,
    keys: &mut SigningKeyCache,
) -> Verification {
    let Ok(url) = parse_url(url) else {
        return Verification::Unverifiable;
    };
    let QueryAuth::SigV4(params) = read_query_auth(&url) else {
        return Verification::Unverifiable;
    };
    let (Some(scope), Some(amz_date), Some(provided)) = (
        params.credential.as_ref(),
        params.amz_date_text.as_deref(),
        params.signature.as_deref(),
    ) else {
        return Verification::Unverifiable;
    };
    if secret.is_empty()
        || !params.problems.is_empty()
        || params.algorithm.as_deref() != Some(AWS4_HMAC_SHA256)
    {
        return Verification::Unverifiable;
    }
    let mut pairs: Vec<(String, String)> = Vec::with_capacity(headers.len() + 1);
    pairs.extend(
        headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("host"))
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
    );
    let host = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map_or_else(|| url.host_header(), |(_, v)| (*v).to_owned());
    pairs.push(("host".to_owned(), host));
    let (canonical_request, _) = sigv4_canonical_request(&url, &params, scope, method, &pairs);
    let string_to_sign = StringToSign::new(amz_date, &scope.scope(), &canonical_request);
    let computed = keys.key_for(secret, scope).sign(&string_to_sign);
    if constant_time_eq(computed.as_bytes(), provided.as_bytes()) {
        Verification::Valid
    } else {
        Verification::Mismatch { computed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sigv4::signature::SigningKeyCache;

    const DOC_URL: &str = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    /// The S3 documentation example (GET examplebucket/test.txt, 2013-05-24).
    #[test]
    fn s3_documentation_example() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assert_eq!(
            verify(
                DOC_URL,
                HttpMethod::Get,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Valid
        );
        let explicit_host = [("Host", "examplebucket.s3.amazonaws.com")];
        assert_eq!(
            verify(
                DOC_URL,
                HttpMethod::Get,
                &explicit_host,
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Valid
        );
        assert!(matches!(
            verify(
                DOC_URL,
                HttpMethod::Put,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Mismatch { .. }
        ));
        let wrong = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ");
        assert!(matches!(
            verify(
                DOC_URL,
                HttpMethod::Get,
                &[],
                &wrong,
                &mut SigningKeyCache::default()
            ),
            Verification::Mismatch { .. }
        ));
    }

    /// What `parse_url` cleans up or reads specially verifies as `inspect` reads it: a pasted
    /// quote around the URL, a parameter name written with an escape.
    #[test]
    fn pasted_and_escaped_urls_verify() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        let quoted = format!("\"{DOC_URL}\"");
        assert_eq!(
            verify(
                &quoted,
                HttpMethod::Get,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Valid
        );
        let escaped_name = DOC_URL.replace("X-Amz-Date=", "X%2DAmz-Date=");
        assert_eq!(
            verify(
                &escaped_name,
                HttpMethod::Get,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Valid
        );
    }

    #[test]
    fn unverifiable_inputs() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assert_eq!(
            verify(
                "not a url",
                HttpMethod::Get,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Unverifiable
        );
        assert_eq!(
            verify(
                "https://b.s3.amazonaws.com/k",
                HttpMethod::Get,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Unverifiable
        );
        let truncated = DOC_URL.replace("&X-Amz-Expires=86400", "");
        assert_eq!(
            verify(
                &truncated,
                HttpMethod::Get,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Unverifiable
        );
        assert_eq!(
            verify(
                DOC_URL,
                HttpMethod::Get,
                &[],
                &Secret::new(""),
                &mut SigningKeyCache::default()
            ),
            Verification::Unverifiable
        );
    }
}
