//! Other hosts for the same bucket: the endpoints, regions and ports a client may have signed
//! for instead of the host a request goes to. The root-cause search re-signs with each.

use super::{Endpoint, Provider};
use crate::types::AddressingStyle;

/// Regions clients are most often configured with by mistake (SDK defaults and the largest).
pub const COMMON_REGIONS: [&str; 6] = [
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-1",
];

/// The host without the bucket: what path-style addressing uses.
pub fn service_host<'h>(endpoint: &Endpoint, host: &'h str) -> &'h str {
    match (endpoint.style, endpoint.bucket.as_deref()) {
        (AddressingStyle::VirtualHosted, Some(bucket)) => host
            .strip_prefix(&format!("{}.", bucket.to_ascii_lowercase()))
            .unwrap_or(host),
        _ => host,
    }
}

/// The service hosts (hosts without the bucket) a request to `service_host` may have been
/// signed for: that one first, then the provider's other endpoints for the same bucket.
pub fn service_hosts(endpoint: &Endpoint, service_host: &str, scope_region: &str) -> Vec<String> {
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
pub fn ports(provider: Provider, url_port: Option<u16>) -> Vec<Option<u16>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::decode_endpoint;
    use crate::input::url::parse_url;

    /// The endpoint of a URL, its service host and the alternatives for a scope's region.
    fn alternatives(url: &str, scope_region: &str) -> Vec<String> {
        let url = parse_url(url).unwrap();
        let endpoint = decode_endpoint(&url);
        service_hosts(&endpoint, service_host(&endpoint, &url.host), scope_region)
    }

    #[test]
    fn amazon_s3_regions_global_legacy_and_dual_stack_forms() {
        assert_eq!(
            alternatives("https://b.s3.eu-west-1.amazonaws.com/k", "eu-west-1"),
            [
                "s3.eu-west-1.amazonaws.com",
                "s3.amazonaws.com",
                "s3-external-1.amazonaws.com",
                "s3-accelerate.amazonaws.com",
                "s3-eu-west-1.amazonaws.com",
                "s3.dualstack.eu-west-1.amazonaws.com",
                "s3.us-east-1.amazonaws.com",
                "s3-us-east-1.amazonaws.com",
                "s3.dualstack.us-east-1.amazonaws.com",
                "s3.us-east-2.amazonaws.com",
                "s3.us-west-2.amazonaws.com",
                "s3.eu-central-1.amazonaws.com",
                "s3.ap-southeast-1.amazonaws.com",
            ]
        );
        // A scope region that is not one (hostile input) adds no host of its own.
        let hosts = alternatives("https://s3.amazonaws.com/b/k", &"x".repeat(41));
        assert_eq!(
            hosts[..2],
            ["s3.amazonaws.com", "s3-external-1.amazonaws.com"]
        );
        assert!(hosts.iter().all(|h| !h.contains("xxx")));
    }

    #[test]
    fn compatible_providers_other_endpoints() {
        assert_eq!(
            alternatives("https://b.acc.r2.cloudflarestorage.com/k", "auto"),
            [
                "acc.r2.cloudflarestorage.com",
                "acc.eu.r2.cloudflarestorage.com",
                "acc.fedramp.r2.cloudflarestorage.com",
            ]
        );
        assert_eq!(
            alternatives("https://b.nyc3.cdn.digitaloceanspaces.com/k", "nyc3"),
            [
                "nyc3.cdn.digitaloceanspaces.com",
                "nyc3.digitaloceanspaces.com"
            ]
        );
        assert_eq!(
            alternatives("https://nyc3.digitaloceanspaces.com/b/k", "nyc3"),
            [
                "nyc3.digitaloceanspaces.com",
                "nyc3.cdn.digitaloceanspaces.com"
            ]
        );
        assert_eq!(
            alternatives("https://s3.eu-central-1.wasabisys.com/b/k", "eu-central-1"),
            ["s3.eu-central-1.wasabisys.com", "s3.wasabisys.com"]
        );
        assert_eq!(
            alternatives("http://127.0.0.1:9000/b/k", "us-east-1"),
            ["127.0.0.1", "localhost"]
        );
        assert_eq!(
            alternatives("https://storage.example.com/b/k", "us-east-1"),
            ["storage.example.com"]
        );
    }

    #[test]
    fn ports_by_provider() {
        assert_eq!(
            ports(Provider::AwsS3, Some(443)),
            [None, Some(443), Some(80)]
        );
        let custom = ports(Provider::Custom, Some(9002));
        assert_eq!(custom.len(), 11);
        assert_eq!(custom[..4], [None, Some(443), Some(80), Some(9000)]);
        assert_eq!(custom.last(), Some(&Some(9002)));
        assert_eq!(ports(Provider::Custom, Some(9000)).len(), 10);
    }
}
