//! What an AWS host name says about a signed request: the service's signing name and the
//! region its credential scope must name (`sts.amazonaws.com` is us-east-1,
//! `abc.execute-api.eu-west-1.amazonaws.com` is API Gateway in eu-west-1, …).
//!
//! A host that is not AWS's (a custom domain, a proxy, localhost, `MinIO`) says nothing, and no
//! check is made against it. S3 hosts are read by `endpoint::decode_endpoint`, which knows
//! buckets, access points and the legacy global endpoint.

use serde::Serialize;

/// How sure the reading of the host is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HostCertainty {
    /// A host pattern whose signing name is documented (sts, dynamodb, execute-api, …).
    Known,
    /// `<label>.<region>.amazonaws.com` with a label not in the table: the signing name is
    /// usually the label, but not always.
    Guessed,
}

/// The service and region an AWS host stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceHost {
    /// The name the credential scope must carry (`execute-api`, `ses` for `email.…`).
    pub signing_name: String,
    /// The region the scope must name; `None` when the host does not say.
    pub region: Option<String>,
    /// A global endpoint (`sts.amazonaws.com`, `iam.amazonaws.com`): signed for us-east-1.
    pub global: bool,
    pub certainty: HostCertainty,
}

/// Endpoint prefixes whose signing name differs from the prefix (from the services' endpoint
/// and signing metadata in botocore's data files).
const SIGNING_NAMES: &[(&str, &str)] = &[
    ("email", "ses"),
    ("queue", "sqs"),
    ("lambda-url", "lambda"),
    ("bedrock-runtime", "bedrock"),
    ("bedrock-agent", "bedrock"),
    ("bedrock-agent-runtime", "bedrock"),
    ("appsync-api", "appsync"),
    ("data.iot", "iotdata"),
    ("data-ats.iot", "iotdata"),
    ("runtime.sagemaker", "sagemaker"),
    ("api.sagemaker", "sagemaker"),
    ("runtime.lex", "lex"),
    ("models.lex", "lex"),
    ("api.ecr", "ecr"),
    ("streams.dynamodb", "dynamodb"),
    ("api.pricing", "pricing"),
];

/// Endpoint prefixes whose signing name is the prefix itself.
const SAME_NAME: &[&str] = &[
    "sts",
    "iam",
    "dynamodb",
    "lambda",
    "sqs",
    "sns",
    "execute-api",
    "apigateway",
    "es",
    "aoss",
    "kinesis",
    "firehose",
    "logs",
    "monitoring",
    "events",
    "states",
    "ssm",
    "secretsmanager",
    "kms",
    "ec2",
    "ecs",
    "cloudformation",
    "glue",
    "athena",
    "rekognition",
    "glacier",
    "route53",
    "cloudfront",
    "organizations",
    "cognito-idp",
    "cognito-identity",
    "elasticloadbalancing",
];

/// Services whose only endpoint is global, signed for us-east-1.
const GLOBAL: &[&str] = &[
    "iam",
    "sts",
    "route53",
    "cloudfront",
    "organizations",
    "queue",
];

fn is_region_like(label: &str) -> bool {
    let parts: Vec<&str> = label.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[0].bytes().all(|b| b.is_ascii_lowercase())
        && parts
            .last()
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The service and region of a host (a `Host` header value: the port is ignored). `None` for
/// hosts that are not AWS service endpoints, and for S3's (see `endpoint`).
pub fn service_host(host: &str) -> Option<ServiceHost> {
    let host = host.trim().to_ascii_lowercase();
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h.to_owned(),
        _ => host,
    };
    let mut labels: Vec<&str> = ["amazonaws.com.cn", "amazonaws.com", "api.aws", "on.aws"]
        .iter()
        .find_map(|suffix| host.strip_suffix(suffix)?.strip_suffix('.'))?
        .split('.')
        .collect();
    // PrivateLink: vpce-0a1b….sts.us-east-1.vpce.amazonaws.com
    if labels.last() == Some(&"vpce") {
        labels.pop();
        if labels.first().is_some_and(|l| l.starts_with("vpce-")) {
            labels.remove(0);
        }
    }
    if labels
        .iter()
        .any(|l| *l == "s3" || l.starts_with("s3-") || l.starts_with("s3express"))
    {
        return None;
    }
    let region_at = labels.iter().position(|l| is_region_like(l));
    // The service's labels: before the region (`sts.us-east-1`, `abc.execute-api.eu-west-1`)
    // or, for a few services, after it (`search-d.us-east-1.es`, `us-east-1.queue`).
    let (prefix, region) = match region_at {
        Some(r) if r + 1 < labels.len() => (labels[r + 1..].to_vec(), Some(labels[r].to_owned())),
        Some(r) => (labels[..r].to_vec(), Some(labels[r].to_owned())),
        None => (labels.clone(), None),
    };
    let last = prefix.last()?.trim_end_matches("-fips");
    let two = prefix
        .len()
        .checked_sub(2)
        .map(|i| format!("{}.{last}", prefix[i]));
    let (signing_name, certainty) = if let Some((_, name)) = SIGNING_NAMES
        .iter()
        .find(|(p, _)| Some(*p) == two.as_deref() || *p == last)
    {
        ((*name).to_owned(), HostCertainty::Known)
    } else if SAME_NAME.contains(&last) {
        (last.to_owned(), HostCertainty::Known)
    } else if region.is_some() && prefix.len() == 1 {
        (last.to_owned(), HostCertainty::Guessed)
    } else {
        return None;
    };
    let global = region.is_none() && GLOBAL.contains(&last);
    if region.is_none() && !global {
        return None;
    }
    Some(ServiceHost {
        signing_name,
        region: region.or_else(|| global.then(|| "us-east-1".to_owned())),
        global,
        certainty,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(host: &str) -> Option<(String, Option<String>, HostCertainty)> {
        service_host(host).map(|h| (h.signing_name, h.region, h.certainty))
    }

    #[test]
    fn hosts_of_the_fixtures_and_the_issue() {
        let known = |name: &str, region: &str| {
            Some((
                name.to_owned(),
                Some(region.to_owned()),
                HostCertainty::Known,
            ))
        };
        assert_eq!(read("sts.amazonaws.com"), known("sts", "us-east-1"));
        assert!(service_host("sts.amazonaws.com").unwrap().global);
        assert_eq!(
            read("sts.eu-west-1.amazonaws.com"),
            known("sts", "eu-west-1")
        );
        assert_eq!(
            read("dynamodb.us-east-1.amazonaws.com:443"),
            known("dynamodb", "us-east-1")
        );
        assert_eq!(
            read("a1b2c3.execute-api.eu-central-1.amazonaws.com"),
            known("execute-api", "eu-central-1")
        );
        assert_eq!(
            read("abcdefg.lambda-url.us-west-2.on.aws"),
            known("lambda", "us-west-2")
        );
        assert_eq!(
            read("search-logs-x1y2.us-east-1.es.amazonaws.com"),
            known("es", "us-east-1")
        );
        assert_eq!(
            read("email.us-east-1.amazonaws.com"),
            known("ses", "us-east-1")
        );
        assert_eq!(read("queue.amazonaws.com"), known("sqs", "us-east-1"));
        assert_eq!(
            read("vpce-0a1b-2c3d.sts.us-east-1.vpce.amazonaws.com"),
            known("sts", "us-east-1")
        );
        assert_eq!(
            read("sts-fips.us-east-2.amazonaws.com"),
            known("sts", "us-east-2")
        );
        assert_eq!(
            read("newservice.ap-south-1.amazonaws.com"),
            Some((
                "newservice".to_owned(),
                Some("ap-south-1".to_owned()),
                HostCertainty::Guessed
            ))
        );
        for other in [
            "examplebucket.s3.amazonaws.com",
            "s3.eu-west-1.amazonaws.com",
            "api.example.com",
            "127.0.0.1:9",
            "example.amazonaws.com",
        ] {
            assert_eq!(read(other), None, "{other}");
        }
    }
}
