//! What the host and path say: which service, which bucket and key, which region, and how the
//! bucket is addressed.

pub mod alternatives;

use crate::encode::{display, percent_decode};
use crate::input::url::RawUrl;
use crate::types::AddressingStyle;
use serde::Serialize;

/// Who runs the endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provider {
    AwsS3,
    CloudflareR2,
    GoogleCloudStorage,
    DigitaloceanSpaces,
    BackblazeB2,
    Wasabi,
    /// MinIO, Ceph, LocalStack or any other S3-compatible host; path-style is assumed.
    Custom,
}

impl Provider {
    pub fn name(self) -> &'static str {
        match self {
            Self::AwsS3 => "Amazon S3",
            Self::CloudflareR2 => "Cloudflare R2",
            Self::GoogleCloudStorage => "Google Cloud Storage (XML API)",
            Self::DigitaloceanSpaces => "DigitalOcean Spaces",
            Self::BackblazeB2 => "Backblaze B2",
            Self::Wasabi => "Wasabi",
            Self::Custom => "S3-compatible endpoint (MinIO or a custom host)",
        }
    }
}

/// Special kinds of AWS endpoint the host names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EndpointFeature {
    /// `s3.amazonaws.com`: the legacy global endpoint, which is us-east-1.
    LegacyGlobal,
    /// `s3-REGION.amazonaws.com`: the legacy dash form.
    LegacyDashRegion,
    Dualstack,
    Fips,
    TransferAcceleration,
    AccessPoint,
    ObjectLambda,
    PrivateLink,
    China,
    Website,
}

/// The decoded endpoint: bucket, key and region as the URL names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    pub provider: Provider,
    pub style: AddressingStyle,
    /// The bucket as written (case kept, since upper case is itself a finding).
    pub bucket: Option<String>,
    /// The object key, percent-decoded, shown lossily when it is not UTF-8.
    pub key: String,
    /// Whether the decoded key is valid UTF-8.
    pub key_is_utf8: bool,
    /// The key as written in the path.
    pub raw_key: String,
    /// The region the host names, if it names one.
    pub region: Option<String>,
    /// The region that signatures for this host must use when the host implies one
    /// (`us-east-1` for the legacy global endpoint, `auto` for R2).
    pub expected_region: Option<String>,
    pub features: Vec<EndpointFeature>,
}

impl Endpoint {
    pub fn has(&self, feature: EndpointFeature) -> bool {
        self.features.contains(&feature)
    }
}

fn is_region_like(label: &str) -> bool {
    // us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-4 …
    let parts: Vec<&str> = label.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[0].bytes().all(|b| b.is_ascii_lowercase())
        && parts
            .last()
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Splits the path into bucket and key for path-style addressing.
fn path_style_parts(raw_path: &str) -> (Option<String>, String) {
    let trimmed = raw_path.strip_prefix('/').unwrap_or(raw_path);
    if trimmed.is_empty() {
        return (None, String::new());
    }
    match trimmed.split_once('/') {
        Some((bucket, key)) => (
            Some(display(&percent_decode(bucket.as_bytes()))),
            key.to_owned(),
        ),
        None => (
            Some(display(&percent_decode(trimmed.as_bytes()))),
            String::new(),
        ),
    }
}

/// The host's labels before `suffix`, or `None` when the host does not end with it.
fn labels_before<'a>(host: &'a str, suffix: &str) -> Option<Vec<&'a str>> {
    if host == suffix {
        return Some(Vec::new());
    }
    let prefix = host.strip_suffix(suffix)?.strip_suffix('.')?;
    Some(prefix.split('.').collect())
}

/// Labels of the host as written (case kept), aligned with the lower-cased ones.
fn written_labels(url: &RawUrl) -> Vec<&str> {
    url.host_as_written.split('.').collect()
}

struct AwsHost {
    bucket_labels: usize,
    region: Option<String>,
    features: Vec<EndpointFeature>,
}

/// Reads an Amazon S3 host (the part before `.amazonaws.com[.cn]`).
fn read_aws(labels: &[&str]) -> Option<AwsHost> {
    let mut labels = labels.to_vec();
    let mut features = Vec::new();
    if labels.last() == Some(&"vpce") {
        labels.pop();
        features.push(EndpointFeature::PrivateLink);
    }
    let s3_at = labels
        .iter()
        .rposition(|l| *l == "s3" || l.starts_with("s3-"))?;
    let rest = &labels[s3_at + 1..];
    let label = labels[s3_at];
    let mut region = None;
    match label {
        "s3" => {}
        "s3-accelerate" => features.push(EndpointFeature::TransferAcceleration),
        "s3-fips" => features.push(EndpointFeature::Fips),
        "s3-accesspoint" => features.push(EndpointFeature::AccessPoint),
        "s3-object-lambda" => features.push(EndpointFeature::ObjectLambda),
        "s3-external-1" => region = Some("us-east-1".to_owned()),
        other => {
            let tail = other.strip_prefix("s3-")?;
            if let Some(r) = tail
                .strip_prefix("website-")
                .or_else(|| tail.strip_prefix("website."))
            {
                features.push(EndpointFeature::Website);
                region = Some(r.to_owned());
            } else if tail == "website" {
                features.push(EndpointFeature::Website);
            } else if is_region_like(tail) {
                features.push(EndpointFeature::LegacyDashRegion);
                region = Some(tail.to_owned());
            } else {
                return None;
            }
        }
    }
    for l in rest {
        match *l {
            "dualstack" => features.push(EndpointFeature::Dualstack),
            "fips" => features.push(EndpointFeature::Fips),
            "s3-website" => features.push(EndpointFeature::Website),
            r if is_region_like(r) && region.is_none() => region = Some(r.to_owned()),
            _ => return None,
        }
    }
    let mut bucket_labels = s3_at;
    if features.contains(&EndpointFeature::PrivateLink)
        && bucket_labels > 0
        && labels[bucket_labels - 1].starts_with("vpce-")
    {
        // bucket.vpce-0a1b2c3d-4e5f.s3.us-east-1.vpce.amazonaws.com
        bucket_labels -= 1;
    }
    if region.is_none()
        && !features.contains(&EndpointFeature::TransferAcceleration)
        && label == "s3"
    {
        features.push(EndpointFeature::LegacyGlobal);
    }
    Some(AwsHost {
        bucket_labels,
        region,
        features,
    })
}

/// What the host alone says: who serves it, how many leading labels name the bucket, the
/// region it names and the one the service expects, and its endpoint features.
struct HostReading {
    provider: Provider,
    bucket_labels: usize,
    region: Option<String>,
    expected_region: Option<String>,
    features: Vec<EndpointFeature>,
}

/// Recognises the provider of a (lower-cased) host and reads what its labels say.
fn read_host(host: &str) -> HostReading {
    let mut features = Vec::new();
    let (provider, bucket_labels, region, expected_region) = if let Some(labels) =
        labels_before(host, "amazonaws.com.cn").or_else(|| labels_before(host, "amazonaws.com"))
    {
        let china = host.ends_with("amazonaws.com.cn");
        match read_aws(&labels) {
            Some(aws) => {
                features = aws.features;
                if china {
                    features.push(EndpointFeature::China);
                }
                let expected = if features.contains(&EndpointFeature::LegacyGlobal) {
                    Some("us-east-1".to_owned())
                } else {
                    aws.region.clone()
                };
                (Provider::AwsS3, aws.bucket_labels, aws.region, expected)
            }
            None => (Provider::Custom, 0, None, None),
        }
    } else if let Some(labels) = labels_before(host, "r2.cloudflarestorage.com") {
        // ACCOUNT.r2… (path-style) or BUCKET.ACCOUNT.r2… ; a jurisdiction label may follow the account.
        let jurisdiction = labels.last().is_some_and(|l| *l == "eu" || *l == "fedramp");
        let fixed = 1 + usize::from(jurisdiction);
        (
            Provider::CloudflareR2,
            labels.len().saturating_sub(fixed),
            None,
            Some("auto".to_owned()),
        )
    } else if let Some(labels) = labels_before(host, "storage.googleapis.com") {
        (Provider::GoogleCloudStorage, labels.len(), None, None)
    } else if let Some(labels) = labels_before(host, "digitaloceanspaces.com") {
        let mut labels = labels;
        if labels.last() == Some(&"cdn") {
            labels.pop();
        }
        let region = labels.last().map(|r| (*r).to_owned());
        (
            Provider::DigitaloceanSpaces,
            labels.len().saturating_sub(1),
            region.clone(),
            region,
        )
    } else if let Some(labels) = labels_before(host, "backblazeb2.com") {
        // [BUCKET.]s3.REGION.backblazeb2.com
        let s3_at = labels.iter().rposition(|l| *l == "s3");
        let region = s3_at
            .and_then(|i| labels.get(i + 1))
            .map(|r| (*r).to_owned());
        (
            Provider::BackblazeB2,
            s3_at.unwrap_or(0),
            region.clone(),
            region,
        )
    } else if let Some(labels) = labels_before(host, "wasabisys.com") {
        // [BUCKET.]s3[.REGION].wasabisys.com; s3.wasabisys.com is us-east-1.
        let s3_at = labels.iter().rposition(|l| *l == "s3");
        let region = match s3_at {
            Some(i) => labels
                .get(i + 1)
                .map_or_else(|| "us-east-1".to_owned(), |r| (*r).to_owned()),
            None => "us-east-1".to_owned(),
        };
        (
            Provider::Wasabi,
            s3_at.unwrap_or(0),
            Some(region.clone()),
            Some(region),
        )
    } else {
        (Provider::Custom, 0, None, None)
    };
    HostReading {
        provider,
        bucket_labels,
        region,
        expected_region,
        features,
    }
}

/// Decodes the endpoint from the URL's host and path.
pub fn decode_endpoint(url: &RawUrl) -> Endpoint {
    let HostReading {
        provider,
        bucket_labels,
        region,
        expected_region,
        features,
    } = read_host(url.host.as_str());
    let written = written_labels(url);
    let virtual_bucket = |n: usize| -> Option<String> {
        (n > 0 && written.len() >= n).then(|| written[..n].join("."))
    };
    let (style, bucket, raw_key) = if let Some(b) = virtual_bucket(bucket_labels) {
        (
            AddressingStyle::VirtualHosted,
            Some(b),
            url.raw_path
                .strip_prefix('/')
                .unwrap_or(&url.raw_path)
                .to_owned(),
        )
    } else {
        let (b, k) = path_style_parts(&url.raw_path);
        (AddressingStyle::PathStyle, b, k)
    };
    let (key, key_is_utf8) = match String::from_utf8(percent_decode(raw_key.as_bytes())) {
        Ok(key) => (key, true),
        Err(e) => (display(e.as_bytes()), false),
    };
    Endpoint {
        provider,
        style,
        bucket,
        key,
        key_is_utf8,
        raw_key,
        region,
        expected_region,
        features,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::url::parse_url;

    fn ep(url: &str) -> Endpoint {
        decode_endpoint(&parse_url(url).unwrap())
    }

    #[test]
    fn aws_forms() {
        let e = ep("https://examplebucket.s3.amazonaws.com/test.txt");
        assert_eq!(
            (e.provider, e.style),
            (Provider::AwsS3, AddressingStyle::VirtualHosted)
        );
        assert_eq!(e.bucket.as_deref(), Some("examplebucket"));
        assert_eq!(e.key, "test.txt");
        assert_eq!(e.expected_region.as_deref(), Some("us-east-1"));
        assert!(e.has(EndpointFeature::LegacyGlobal));

        let e = ep("https://s3.eu-west-1.amazonaws.com/my.bucket/a/b%20c.txt");
        assert_eq!(e.style, AddressingStyle::PathStyle);
        assert_eq!(e.bucket.as_deref(), Some("my.bucket"));
        assert_eq!(e.key, "a/b c.txt");
        assert_eq!(e.region.as_deref(), Some("eu-west-1"));

        let e = ep("https://my.s3.bucket.s3.dualstack.ap-southeast-2.amazonaws.com/k");
        assert_eq!(e.bucket.as_deref(), Some("my.s3.bucket"));
        assert_eq!(e.region.as_deref(), Some("ap-southeast-2"));
        assert!(e.has(EndpointFeature::Dualstack));

        let e = ep("https://b.s3-us-west-2.amazonaws.com/k");
        assert_eq!(e.region.as_deref(), Some("us-west-2"));
        assert!(e.has(EndpointFeature::LegacyDashRegion));

        let e = ep("https://b.s3-accelerate.amazonaws.com/k");
        assert!(e.has(EndpointFeature::TransferAcceleration));
        assert_eq!(e.region, None);

        let e = ep("https://b.s3-fips.us-gov-west-1.amazonaws.com/k");
        assert!(e.has(EndpointFeature::Fips));
        assert_eq!(e.region.as_deref(), Some("us-gov-west-1"));

        let e = ep("https://ap-123456789012.s3-accesspoint.us-east-1.amazonaws.com/k");
        assert!(e.has(EndpointFeature::AccessPoint));
        assert_eq!(e.bucket.as_deref(), Some("ap-123456789012"));

        let e = ep("https://b.s3.cn-north-1.amazonaws.com.cn/k");
        assert!(e.has(EndpointFeature::China));
        assert_eq!(e.region.as_deref(), Some("cn-north-1"));

        let e = ep("https://MyBucket.s3.amazonaws.com/k");
        assert_eq!(e.bucket.as_deref(), Some("MyBucket"));
    }

    #[test]
    fn compatible_forms() {
        let e = ep("https://acc123.r2.cloudflarestorage.com/bucket/key");
        assert_eq!(
            (e.provider, e.style),
            (Provider::CloudflareR2, AddressingStyle::PathStyle)
        );
        assert_eq!(e.bucket.as_deref(), Some("bucket"));
        let e = ep("https://bucket.acc123.r2.cloudflarestorage.com/key");
        assert_eq!(
            (e.style, e.bucket.as_deref()),
            (AddressingStyle::VirtualHosted, Some("bucket"))
        );
        let e = ep("https://storage.googleapis.com/b/k");
        assert_eq!(
            (e.provider, e.bucket.as_deref()),
            (Provider::GoogleCloudStorage, Some("b"))
        );
        let e = ep("https://b.nyc3.digitaloceanspaces.com/k");
        assert_eq!(
            (e.provider, e.bucket.as_deref(), e.region.as_deref()),
            (Provider::DigitaloceanSpaces, Some("b"), Some("nyc3"))
        );
        let e = ep("https://s3.us-west-004.backblazeb2.com/b/k");
        assert_eq!(
            (e.provider, e.bucket.as_deref(), e.region.as_deref()),
            (Provider::BackblazeB2, Some("b"), Some("us-west-004"))
        );
        let e = ep("https://b.s3.eu-central-1.wasabisys.com/k");
        assert_eq!(
            (e.provider, e.bucket.as_deref(), e.region.as_deref()),
            (Provider::Wasabi, Some("b"), Some("eu-central-1"))
        );
        let e = ep("http://127.0.0.1:9000/bucket/dir/key.txt");
        assert_eq!(
            (e.provider, e.bucket.as_deref(), e.key.as_str()),
            (Provider::Custom, Some("bucket"), "dir/key.txt")
        );
    }
}
