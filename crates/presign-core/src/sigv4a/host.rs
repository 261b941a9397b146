//! What the host says to SigV4A: a Multi-Region Access Point (which requires SigV4A and routes
//! to any of its regions), or the one region an AWS host names.

use crate::endpoint::Endpoint;

const MRAP_SUFFIX: &str = ".accesspoint.s3-global.amazonaws.com";

/// The alias of a Multi-Region Access Point host (`mfzwi23gnjvgw.mrap` for
/// `mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com`), if the host is one.
pub fn mrap_alias(host: &str) -> Option<&str> {
    host.strip_suffix(MRAP_SUFFIX).filter(|a| !a.is_empty())
}

/// Whether a label reads as a region: `us-east-1`, `eu-central-2`, `us-gov-west-1`.
fn is_region_label(label: &str) -> bool {
    let parts: Vec<&str> = label.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[0].bytes().all(|b| b.is_ascii_lowercase())
        && parts
            .last()
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The region an AWS host names (S3's endpoint reading, else a region label of any
/// `*.amazonaws.com` host: `sts.eu-west-1.amazonaws.com`).
pub fn host_region(host: &str, endpoint: &Endpoint) -> Option<String> {
    if let Some(r) = endpoint
        .region
        .as_ref()
        .or(endpoint.expected_region.as_ref())
    {
        return Some(r.clone());
    }
    let rest = host
        .strip_suffix(".amazonaws.com")
        .or_else(|| host.strip_suffix(".amazonaws.com.cn"))?;
    rest.split('.')
        .find(|l| is_region_label(l))
        .map(str::to_owned)
}

/// Whether a region-set entry (`us-east-1`, `*`, `us-*`) covers `region`.
pub fn region_matches(pattern: &str, region: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == region,
        Some((prefix, rest)) => {
            let Some(tail) = region.strip_prefix(prefix) else {
                return false;
            };
            // `rest` may hold more stars: try every place the star can end.
            (0..=tail.len())
                .filter(|&i| tail.is_char_boundary(i))
                .any(|i| region_matches(rest, &tail[i..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::decode_endpoint;
    use crate::input::url::parse_url;

    #[test]
    fn hosts() {
        assert_eq!(
            mrap_alias("mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com"),
            Some("mfzwi23gnjvgw.mrap")
        );
        assert_eq!(mrap_alias("accesspoint.s3-global.amazonaws.com"), None);
        let region = |u: &str| {
            let url = parse_url(u).unwrap();
            host_region(&url.host, &decode_endpoint(&url))
        };
        assert_eq!(
            region("https://b.s3.eu-west-1.amazonaws.com/k").as_deref(),
            Some("eu-west-1")
        );
        assert_eq!(
            region("https://sts.ap-south-2.amazonaws.com/").as_deref(),
            Some("ap-south-2")
        );
        assert_eq!(region("https://example.amazonaws.com/"), None);
        assert_eq!(
            region("https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/k"),
            None
        );
    }

    #[test]
    fn region_patterns() {
        assert!(region_matches("*", "eu-west-1"));
        assert!(region_matches("eu-*", "eu-west-1"));
        assert!(region_matches("us-east-1", "us-east-1"));
        assert!(!region_matches("us-east-1", "us-east-2"));
        assert!(!region_matches("us-*", "eu-west-1"));
        assert!(region_matches("*-west-*", "eu-west-1"));
    }
}
