//! Hosts: the request sent to another host, port or addressing style than the one signed.

use super::{headers_with, sent_host, uri_of, Candidate, Change, SearchInput, Variant};
use crate::encode::{uri_encode, Slash};
use crate::endpoint::{Endpoint, Provider};
use crate::finding::Code;
use crate::types::AddressingStyle::{self, PathStyle, VirtualHosted};

/// Regions clients are most often configured with by mistake (SDK defaults and the largest).
const COMMON_REGIONS: [&str; 6] = [
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-1",
];

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
    let signed_host = input.signed_headers.split(';').any(|h| h == "host");
    if !signed_host {
        return;
    }
    let endpoint = input.endpoint;
    let Some(bucket) = endpoint.bucket.as_deref() else {
        return;
    };
    let bucket_lower = bucket.to_ascii_lowercase();
    let bucket_raw = uri_encode(bucket.as_bytes(), Slash::Encode);
    let host = input.url.host.as_str();
    // The host without the bucket: what path-style addressing uses.
    let service_host = match endpoint.style {
        VirtualHosted => host
            .strip_prefix(&format!("{bucket_lower}."))
            .unwrap_or(host),
        PathStyle => host,
    };
    let service_hosts = service_hosts(endpoint, service_host, &input.scope.region);
    let aws = endpoint.provider == Provider::AwsS3;
    let own_ports = ports(endpoint.provider, input.url.port);
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
                if (signed == sent && uri == input.canonical_uri) || seen.contains(&key) {
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

/// The service hosts (hosts without the bucket) a request to `service_host` may have been
/// signed for: that one first, then the provider's other endpoints for the same bucket.
fn service_hosts(endpoint: &Endpoint, service_host: &str, scope_region: &str) -> Vec<String> {
    let mut service_hosts = vec![service_host.to_owned()];
    if endpoint.provider == Provider::AwsS3 {
        // The URL's regions first, then the regions clients are most often misconfigured with.
        let mut regions: Vec<&str> = vec![scope_region];
        regions.extend(endpoint.region.as_deref());
        regions.extend(COMMON_REGIONS);
        let mut unique: Vec<&str> = Vec::new();
        for r in regions {
            if !r.is_empty() && r.len() <= 40 && !unique.contains(&r) {
                unique.push(r);
            }
        }
        service_hosts.push("s3.amazonaws.com".to_owned());
        service_hosts.push("s3-external-1.amazonaws.com".to_owned());
        service_hosts.push("s3-accelerate.amazonaws.com".to_owned());
        for (n, r) in unique.iter().enumerate() {
            service_hosts.push(format!("s3.{r}.amazonaws.com"));
            // The legacy and dual-stack forms only for the URL's own regions.
            if n < 2 {
                service_hosts.push(format!("s3-{r}.amazonaws.com"));
                service_hosts.push(format!("s3.dualstack.{r}.amazonaws.com"));
            }
        }
    }
    match endpoint.provider {
        Provider::Custom => {
            // Local stores are reached under several names (Docker port mappings, /etc/hosts).
            for (a, b) in [("127.0.0.1", "localhost"), ("localhost", "127.0.0.1")] {
                if service_host == a {
                    service_hosts.push(b.to_owned());
                }
            }
        }
        Provider::CloudflareR2 => {
            // ACCOUNT[.eu|.fedramp].r2.cloudflarestorage.com: the jurisdiction is part of the host.
            if let Some(account) = service_host.split('.').next() {
                for j in ["", "eu.", "fedramp."] {
                    service_hosts.push(format!("{account}.{j}r2.cloudflarestorage.com"));
                }
            }
        }
        Provider::DigitaloceanSpaces => {
            // The CDN host and the origin host are signed differently.
            if let Some(origin) = service_host.strip_suffix(".digitaloceanspaces.com") {
                match origin.strip_suffix(".cdn") {
                    Some(region) => service_hosts.push(format!("{region}.digitaloceanspaces.com")),
                    None => service_hosts.push(format!("{origin}.cdn.digitaloceanspaces.com")),
                }
            }
        }
        Provider::Wasabi => {
            if let Some(r) = endpoint.region.as_deref() {
                service_hosts.push(format!("s3.{r}.wasabisys.com"));
                service_hosts.push("s3.wasabisys.com".to_owned());
            }
        }
        _ => {}
    }
    let mut seen_hosts: Vec<String> = Vec::new();
    service_hosts.retain(|h| {
        let fresh = !seen_hosts.contains(h);
        seen_hosts.push(h.clone());
        fresh
    });
    service_hosts
}

/// Ports a signer may have included: the default ones (some clients sign "host:443"), the
/// URL's own, and those of local S3-compatible stores.
fn ports(provider: Provider, url_port: Option<u16>) -> Vec<Option<u16>> {
    // Amazon S3 is only reached on 443 and 80. Other stores: MinIO 9000/9001, LocalStack
    // 4566, Ceph RGW 7480, SeaweedFS 8333, and the usual 8080/8000.
    let mut ports = if provider == Provider::AwsS3 {
        vec![None, Some(443), Some(80)]
    } else {
        vec![
            None,
            Some(443),
            Some(80),
            Some(9000),
            Some(9001),
            Some(4566),
            Some(8080),
            Some(8000),
            Some(7480),
            Some(8333),
        ]
    };
    if let Some(port) = url_port {
        if !ports.contains(&Some(port)) {
            ports.push(Some(port));
        }
    }
    ports
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
        format!("This URL was signed for host {signed}, the request goes to {sent}"),
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
        format!("This URL was signed for host {signed}, the request goes to {sent}"),
        format!("Re-signing with Host: {signed} (the other addressing style) reproduces the signature. The host and path are signed: send the URL exactly as presigned, or presign with the addressing style you use (boto3: Config(s3={{'addressing_style': …}}); JS v3: forcePathStyle)."),
    )
}
