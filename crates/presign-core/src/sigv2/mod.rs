//! Legacy SigV2 query authentication (`AWSAccessKeyId`, `Expires`, `Signature`): the string to
//! sign and the HMAC-SHA1 signature. S3 still accepts it in some old regions only.

pub mod params;

use crate::crypto::hmac_sha1;
use crate::encode::{base64, Base64};
use crate::input::url::RawUrl;
use crate::sigv4::canonical_request::canonical_header_value;
use crate::types::{AddressingStyle, Secret};
use std::fmt::Write as _;

/// Query parameters that are part of the resource SigV2 signs.
const SUBRESOURCES: &[&str] = &[
    "acl",
    "cors",
    "delete",
    "lifecycle",
    "location",
    "logging",
    "notification",
    "partNumber",
    "policy",
    "requestPayment",
    "response-cache-control",
    "response-content-disposition",
    "response-content-encoding",
    "response-content-language",
    "response-content-type",
    "response-expires",
    "restore",
    "tagging",
    "torrent",
    "uploadId",
    "uploads",
    "versionId",
    "versioning",
    "versions",
    "website",
];

/// `/bucket/key?subresources` as SigV2 signs it.
pub fn canonicalized_resource(
    url: &RawUrl,
    style: AddressingStyle,
    bucket: Option<&str>,
) -> String {
    let mut out = String::new();
    if style == AddressingStyle::VirtualHosted {
        if let Some(b) = bucket {
            out.push('/');
            out.push_str(b);
        }
    }
    out.push_str(&url.raw_path);
    let mut subs: Vec<(String, Option<String>)> = url
        .pairs
        .iter()
        .filter(|p| SUBRESOURCES.iter().any(|s| s.as_bytes() == p.name()))
        .map(|p| (p.name_text(), p.has_equals().then(|| p.value_text())))
        .collect();
    crate::sort::sort(&mut subs);
    for (i, (name, value)) in subs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(name);
        if let Some(v) = value {
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

/// The `x-amz-*` query parameters, as (name, decoded value). With query authentication, SDKs
/// (botocore's `HmacV1QueryAuth`) move `x-amz-*` headers such as `x-amz-security-token` into the
/// query string, and S3 still counts them in `CanonicalizedAmzHeaders`, so they are signed as
/// headers would be.
pub fn amz_query_params(url: &RawUrl) -> Vec<(String, String)> {
    url.pairs
        .iter()
        .map(|p| (p.name_text(), p))
        .filter(|(n, _)| {
            n.len() > 6
                && n.get(..6)
                    .is_some_and(|prefix| prefix.eq_ignore_ascii_case("x-amz-"))
        })
        .map(|(n, p)| (n, p.value_text()))
        .collect()
}

/// The SigV2 string to sign for a query-authenticated request. `headers` are the headers sent
/// and the `x-amz-*` query parameters ([`amz_query_params`]).
pub fn string_to_sign(
    method: &str,
    headers: &[(String, String)],
    expires: i64,
    resource: &str,
) -> String {
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut amz: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), canonical_header_value(v)))
        .filter(|(n, _)| n.starts_with("x-amz-"))
        .collect();
    crate::sort::sort(&mut amz);
    let mut amz_block = String::new();
    let mut i = 0;
    while i < amz.len() {
        let name = &amz[i].0;
        let values: Vec<&str> = amz[i..]
            .iter()
            .take_while(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect();
        let _ = writeln!(amz_block, "{name}:{}", values.join(","));
        i += values.len();
    }
    format!(
        "{method}\n{}\n{}\n{expires}\n{amz_block}{resource}",
        header("content-md5"),
        header("content-type")
    )
}

/// Base64 HMAC-SHA1 of the string to sign.
pub fn signature(secret: &Secret, string_to_sign: &str) -> String {
    base64(
        &hmac_sha1(secret.expose().as_bytes(), string_to_sign.as_bytes()),
        Base64::Standard,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::url::parse_url;

    /// The S3 documentation's query-string authentication example (johnsmith, puppy.jpg).
    #[test]
    fn s3_documentation_example() {
        let url = parse_url("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620").unwrap();
        let resource =
            canonicalized_resource(&url, AddressingStyle::VirtualHosted, Some("johnsmith"));
        assert_eq!(resource, "/johnsmith/photos/puppy.jpg");
        let sts = string_to_sign("GET", &[], 1_175_139_620, &resource);
        assert_eq!(sts, "GET\n\n\n1175139620\n/johnsmith/photos/puppy.jpg");
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assert_eq!(signature(&secret, &sts), "NpgCjnDzrM+WFzoENXmpNDUsSn8=");
    }

    /// boto3's SigV2 presigned GET with a session token: `x-amz-security-token` travels in the
    /// query and is signed in `CanonicalizedAmzHeaders` (tests/fixtures/sdk/boto3-sigv2.jsonl).
    #[test]
    fn amz_query_params_are_signed_as_headers() {
        let url = parse_url("https://example-bucket-eu.s3.amazonaws.com/%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB/%C3%BC.txt?response-content-disposition=attachment%3B%20filename%3D%22a%20b.txt%22&AWSAccessKeyId=ASIAQFAKETEMPKEY0001&Signature=0riH8OZC74AEVi%2BynqnLTfkpY%2Fs%3D&x-amz-security-token=FQoGZXIvYXdzEFAKE%2F%2F%2F%2F%2F%2F%2F%2F%2F%2FwEaDFAKESESSIONTOKEN%2Bwith%2Fslash%3Dand%2Bplus%2FEXAMPLEONLY%3D%3D&Expires=1795172400").unwrap();
        let amz = amz_query_params(&url);
        let token =
            "FQoGZXIvYXdzEFAKE//////////wEaDFAKESESSIONTOKEN+with/slash=and+plus/EXAMPLEONLY==";
        assert_eq!(
            amz,
            vec![("x-amz-security-token".to_owned(), token.to_owned())]
        );
        let resource = canonicalized_resource(
            &url,
            AddressingStyle::VirtualHosted,
            Some("example-bucket-eu"),
        );
        let sts = string_to_sign("GET", &amz, 1_795_172_400, &resource);
        assert_eq!(
            sts,
            format!("GET\n\n\n1795172400\nx-amz-security-token:{token}\n/example-bucket-eu/%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB/%C3%BC.txt?response-content-disposition=attachment; filename=\"a b.txt\"")
        );
        let secret = Secret::new("Zx9/fakeTempSecret+Key/EXAMPLEsecret00001");
        assert_eq!(signature(&secret, &sts), "0riH8OZC74AEVi+ynqnLTfkpY/s=");
    }
}
