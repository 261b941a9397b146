//! Hosts: the request sent to another host, port or addressing style than the one signed.

use super::{headers_with, sent_host, uri_of, Candidate, Change, SearchInput, Variant};
use crate::encode::{uri_encode, Slash};
use crate::endpoint::{alternatives, Provider};
use crate::finding::Code;
use crate::types::AddressingStyle::{self, PathStyle, VirtualHosted};

/// Both styles, and the two mixes a hand-written signer produces (the bucket in both the host
/// and the path, or in neither), as (host style, path style).
const STYLES: [(AddressingStyle, AddressingStyle); 4] = [
    (VirtualHosted, VirtualHosted),
    (PathStyle, PathStyle),
    (VirtualHosted, PathStyle),
    (PathStyle, VirtualHosted),
];

/// Every other host (endpoint, port, addressing style) the request may have been signed for.
pub(super) fn candidates(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    let signed_host = input
        .canonical_request
        .signed_headers
        .split(';')
        .any(|h| h == "host");
    if !signed_host {
        return;
    }
    let endpoint = input.endpoint;
    let Some(bucket) = endpoint.bucket.as_deref() else {
        return;
    };
    let bucket_lower = bucket.to_ascii_lowercase();
    let bucket_raw = uri_encode(bucket.as_bytes(), Slash::Encode);
    let service_host = alternatives::service_host(endpoint, &input.url.host);
    let service_hosts = alternatives::service_hosts(endpoint, service_host, &input.scope.region);
    let aws = endpoint.provider == Provider::AwsS3;
    let own_ports = alternatives::ports(endpoint.provider, input.url.port);
    let mut seen: Vec<(String, String)> = Vec::new();
    let sent = sent_host(input);
    let raw_key = &input.endpoint.raw_key;
    for (i, sh) in service_hosts.iter().enumerate() {
        for (host_style, path_style) in STYLES {
            // On Amazon S3 the other endpoints are tried in the two real styles only.
            if aws && i > 0 && host_style != path_style {
                continue;
            }
            let h = match host_style {
                VirtualHosted => format!("{bucket_lower}.{sh}"),
                PathStyle => sh.clone(),
            };
            let raw_path = match path_style {
                VirtualHosted => format!("/{raw_key}"),
                PathStyle => format!("/{bucket_raw}/{raw_key}"),
            };
            let uri = uri_of(input, &raw_path);
            // Other endpoints are reached on the default port, written or not.
            let port_list: &[Option<u16>] = if i == 0 || !aws { &own_ports } else { &[None] };
            for port in port_list {
                let signed = match port {
                    Some(p) => format!("{h}:{p}"),
                    None => h.clone(),
                };
                let key = (signed.clone(), uri.clone());
                if (signed == sent && uri == input.canonical_request.canonical_uri)
                    || seen.contains(&key)
                {
                    continue;
                }
                seen.push(key);
                let headers = headers_with(input, "host", &signed);
                let variant = Variant::Host {
                    signed,
                    host_style,
                    path_style,
                    raw_path: raw_path.clone(),
                };
                out.push(Candidate::new(variant).uri(uri.clone()).headers(headers));
            }
        }
    }
}

/// The same endpoint in the other addressing style: (host, raw path prefix).
pub(super) fn other_style(input: &SearchInput<'_>) -> Option<(String, String)> {
    let bucket = input.endpoint.bucket.as_deref()?;
    let lower = bucket.to_ascii_lowercase();
    let sent = sent_host(input);
    let (host, prefix) = match input.endpoint.style {
        VirtualHosted => (
            sent.strip_prefix(&format!("{lower}."))?.to_owned(),
            format!("/{}/", uri_encode(bucket.as_bytes(), Slash::Encode)),
        ),
        PathStyle => (format!("{lower}.{sent}"), "/".to_owned()),
    };
    Some((host, prefix))
}

/// The words for a request signed for host `signed` with `raw_path`.
pub(super) fn change(
    input: &SearchInput<'_>,
    signed: &str,
    (host_style, path_style): (AddressingStyle, AddressingStyle),
    raw_path: &str,
) -> Change {
    let sent = sent_host(input);
    let style_words = match (host_style, path_style) {
        (VirtualHosted, VirtualHosted) => "virtual-hosted",
        (PathStyle, PathStyle) => "path-style",
        (VirtualHosted, PathStyle) => "the bucket in both the host and the path: a signer that mixed the two addressing styles",
        (PathStyle, VirtualHosted) => "the bucket in neither the host nor the path: a signer that mixed the two addressing styles",
    };
    let signed_url = format!("{}://{signed}{raw_path}", input.url.scheme);
    super::change(
        Code::HostMismatch,
        "host",
        sent.clone(),
        signed,
        format!(
            "This {} was signed for host {signed}, the request goes to {sent}",
            input.signed.noun()
        ),
        format!(
            "Re-signing with Host: {signed} ({style_words}, path {raw_path}) reproduces the signature. The host and path are signed, so the request must go to exactly the URL that was presigned, {signed_url}…; something rewrote it (a proxy or CDN that changes Host, a client switching between path-style and virtual-hosted addressing, a region endpoint, a port). Send the presigned URL unchanged, or presign with the endpoint you use (boto3: Config(s3={{'addressing_style': …}}), endpoint_url; JS v3: forcePathStyle, endpoint)."
        ),
    )
}

/// The words for a request signed for `signed`, the same endpoint in the other addressing
/// style.
pub(super) fn other_style_change(input: &SearchInput<'_>, signed: &str) -> Change {
    let sent = sent_host(input);
    super::change(
        Code::HostMismatch,
        "host",
        sent.clone(),
        signed,
        format!(
            "This {} was signed for host {signed}, the request goes to {sent}",
            input.signed.noun()
        ),
        format!("Re-signing with Host: {signed} (the other addressing style) reproduces the signature. The host and path are signed: send the URL exactly as presigned, or presign with the addressing style you use (boto3: Config(s3={{'addressing_style': …}}); JS v3: forcePathStyle)."),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{found, variants_found, with_input, Request, QUERY};
    use super::super::Variant;
    use super::candidates;
    use crate::types::AddressingStyle::{PathStyle, VirtualHosted};

    fn host(
        signed: &str,
        (host_style, path_style): (super::AddressingStyle, super::AddressingStyle),
        raw_path: &str,
    ) -> Vec<Vec<Variant>> {
        vec![vec![Variant::Host {
            signed: signed.to_owned(),
            host_style,
            path_style,
            raw_path: raw_path.to_owned(),
        }]]
    }

    /// Signed virtual-hosted, sent path-style (a client that forces path-style rewrote it).
    #[test]
    fn signed_virtual_hosted_sent_path_style() {
        let sent = Request::at("https://s3.amazonaws.com/examplebucket/test.txt");
        let (variants, words) = found(&sent, &Request::example().signature(), candidates);
        assert_eq!(
            variants,
            host(
                "examplebucket.s3.amazonaws.com",
                (VirtualHosted, VirtualHosted),
                "/test.txt"
            )
        );
        assert_eq!(words[0][0].title, "This URL was signed for host examplebucket.s3.amazonaws.com, the request goes to s3.amazonaws.com");
        assert!(words[0][0]
            .detail
            .contains("https://examplebucket.s3.amazonaws.com/test.txt…"));
    }

    /// Signed for the regional endpoint, sent to the global one.
    #[test]
    fn signed_for_a_regional_endpoint() {
        let signed = Request::at("https://examplebucket.s3.us-east-1.amazonaws.com/test.txt");
        assert_eq!(
            variants_found(&Request::example(), &signed.signature(), candidates),
            host(
                "examplebucket.s3.us-east-1.amazonaws.com",
                (VirtualHosted, VirtualHosted),
                "/test.txt"
            )
        );
    }

    /// A hand-written signer that put the bucket in both the host and the path.
    #[test]
    fn signed_with_the_bucket_in_host_and_path() {
        let signed = Request::at("https://examplebucket.s3.amazonaws.com/examplebucket/test.txt");
        assert_eq!(
            variants_found(&Request::example(), &signed.signature(), candidates),
            host(
                "examplebucket.s3.amazonaws.com",
                (VirtualHosted, PathStyle),
                "/examplebucket/test.txt"
            )
        );
    }

    /// A signer that wrote the default port into the host.
    #[test]
    fn signed_with_the_default_port() {
        let signed = Request::example().header("host", "examplebucket.s3.amazonaws.com:443");
        assert_eq!(
            variants_found(&Request::example(), &signed.signature(), candidates),
            host(
                "examplebucket.s3.amazonaws.com:443",
                (VirtualHosted, VirtualHosted),
                "/test.txt"
            )
        );
    }

    /// A local store presigned as localhost and reached as 127.0.0.1.
    #[test]
    fn signed_for_localhost_sent_to_127_0_0_1() {
        let signed = Request::at("http://localhost:9000/examplebucket/test.txt");
        let sent = Request::at("http://127.0.0.1:9000/examplebucket/test.txt");
        assert_eq!(
            variants_found(&sent, &signed.signature(), candidates),
            host(
                "localhost:9000",
                (PathStyle, PathStyle),
                "/examplebucket/test.txt"
            )
        );
    }

    /// An R2 bucket in the EU jurisdiction, sent to the account's default host.
    #[test]
    fn signed_for_the_r2_eu_jurisdiction() {
        let signed = Request::at("https://acc.eu.r2.cloudflarestorage.com/examplebucket/test.txt");
        let sent = Request::at("https://acc.r2.cloudflarestorage.com/examplebucket/test.txt");
        assert_eq!(
            variants_found(&sent, &signed.signature(), candidates),
            host(
                "acc.eu.r2.cloudflarestorage.com",
                (PathStyle, PathStyle),
                "/examplebucket/test.txt"
            )
        );
    }

    #[test]
    fn no_match_on_the_request_as_signed() {
        let example = Request::example();
        assert!(variants_found(&example, &example.signature(), candidates).is_empty());
        // Without a signed host there is nothing to vary.
        let unsigned_host = Request::at_with_query(
            "https://examplebucket.s3.amazonaws.com/test.txt",
            &QUERY.replace("SignedHeaders=host", "SignedHeaders=x-amz-date"),
        );
        let tried = with_input(&unsigned_host, "", |input| {
            let mut out = Vec::new();
            candidates(input, &mut out);
            out.len()
        });
        assert_eq!(tried, 0);
    }
}
