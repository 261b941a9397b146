//! Stage 1 of SigV4A: the canonical request, built exactly as SigV4 builds it (SigV4's stage
//! functions; `X-Amz-Region-Set` is one more query parameter, signed like the others).

use crate::input::url::RawUrl;
use crate::sigv4::canonical_request::{
    canonical_headers, canonical_query, canonical_uri, CanonicalRequest,
};
use crate::sigv4::verify::{payload_hash, service_rules};
use crate::types::HttpMethod;

/// The canonical request the service builds for this URL, method and headers (`headers` must
/// include `host`), with the path rules of `service`; and the signed headers not sent.
pub fn sigv4a_canonical_request(
    url: &RawUrl,
    signed_headers: &[String],
    service: &str,
    method: HttpMethod,
    headers: &[(String, String)],
) -> (CanonicalRequest, Vec<String>) {
    let (mode, normalization) = service_rules(service);
    let (headers_block, signed_headers, missing) = canonical_headers(signed_headers, headers);
    let canonical_request = CanonicalRequest {
        method: method.as_str().to_owned(),
        canonical_uri: canonical_uri(&url.raw_path, mode, normalization),
        canonical_query: canonical_query(&url.pairs),
        canonical_headers: headers_block,
        signed_headers,
        payload_hash: payload_hash(url, headers, service),
    };
    (canonical_request, missing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::url::parse_url;

    /// aws-c-auth's v4a `get-vanilla`, query signing: `query-canonical-request.txt`.
    #[test]
    fn vanilla_query() {
        let url = parse_url("https://example.amazonaws.com/?X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Expires=3600&X-Amz-Region-Set=us-east-1&X-Amz-Signature=3045").unwrap();
        let (creq, missing) = sigv4a_canonical_request(
            &url,
            &["host".to_owned()],
            "service",
            HttpMethod::Get,
            &[("host".to_owned(), "example.amazonaws.com".to_owned())],
        );
        assert!(missing.is_empty());
        assert_eq!(
            creq.text(),
            "GET\n/\nX-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=3600&X-Amz-Region-Set=us-east-1&X-Amz-SignedHeaders=host\nhost:example.amazonaws.com\n\nhost\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
