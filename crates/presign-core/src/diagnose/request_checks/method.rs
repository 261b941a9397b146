//! The method: where the one sent comes from, the finding for the method a signature was made
//! for, and what the URL itself says of the method it was presigned for.

use crate::finding::{Code, Finding, Severity};
use crate::input::url::RawUrl;
use crate::sigv4::params::{is_checksum_name, SigV4Params};
use crate::types::HttpMethod;
use serde::Serialize;

/// Where the method under evaluation comes from. Only the first three say what was *sent*;
/// the others are what the page assumes or found, and it never claims that they were sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MethodSource {
    /// The user chose it.
    Chosen,
    /// The pasted curl command sends it.
    Curl,
    /// S3's error body shows it (the first line of its canonical request).
    ErrorBody,
    /// Not told; re-signing with each method, only this one reproduces the signature.
    Signature,
    /// Not told; the URL itself names its operation (`x-id=PutObject`, …).
    UrlHint,
    /// Not told, and nothing hints at it: GET is assumed to show the canonical request.
    NotTold,
}

impl MethodSource {
    /// Whether the method is known to be the one sent (the user, curl or S3 said so).
    pub fn is_told(self) -> bool {
        matches!(self, Self::Chosen | Self::Curl | Self::ErrorBody)
    }

    /// Where the method comes from, in words (after the method: "PUT, chosen here").
    pub fn describe(self) -> &'static str {
        match self {
            Self::Chosen => "chosen here",
            Self::Curl => "what the curl command sends",
            Self::ErrorBody => "what S3's error body shows it received",
            Self::Signature => "not told: the method the signature was made for",
            Self::UrlHint => "not told: the operation the URL names",
            Self::NotTold => "not told: assumed to show the canonical request",
        }
    }
}

/// `signed-method`: the method was not told, and re-signing found the one the signature was
/// made for. Says what to send without claiming what was sent.
pub fn signed_method(method: HttpMethod) -> Finding {
    let how = match method {
        HttpMethod::Put => "an upload (fetch(url, { method: 'PUT', body }), curl -T FILE 'URL')",
        HttpMethod::Get => "a download (a plain link, fetch(url), curl 'URL')",
        HttpMethod::Head => "a HEAD request (curl -I 'URL')",
        HttpMethod::Delete => "a DELETE request (curl -X DELETE 'URL')",
        HttpMethod::Post => "a POST request (curl -X POST 'URL')",
    };
    Finding::new(
        Code::SignedMethod,
        Severity::Info,
        format!("Signed for {method}"),
        format!("The method sent was not told; re-signing with each method, only {method} reproduces the signature. Send it as {how}. If your client sends another method, that is the cause of a 403: choose the method it sends (or paste its curl command) to see."),
    )
    .with("signed-for", method.as_str())
}

/// The method a URL says it was signed for, and why, when it says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodHint {
    pub method: HttpMethod,
    pub reason: String,
    /// A signed `x-id` names the operation outright; other hints are circumstantial.
    pub certain: bool,
}

/// Parameter names that tell the operation (and so the method) when present.
pub(super) const TELLING: [&str; 6] = [
    "uploadId",
    "partNumber",
    "uploads",
    "x-amz-copy-source",
    "x-amz-storage-class",
    "x-amz-acl",
];

/// The operation the URL names, from the parameters SDKs sign into it.
pub fn method_hint(url: &RawUrl, params: Option<&SigV4Params>) -> Option<MethodHint> {
    if let Some(x_id) = url.param("x-id") {
        let op = x_id.value_text();
        let method = match op.as_str() {
            "GetObject"
            | "GetObjectAcl"
            | "GetObjectTagging"
            | "GetObjectAttributes"
            | "ListParts"
            | "ListObjects"
            | "ListObjectsV2" => Some(HttpMethod::Get),
            "PutObject" | "UploadPart" | "UploadPartCopy" | "CopyObject" | "PutObjectAcl"
            | "PutObjectTagging" => Some(HttpMethod::Put),
            "DeleteObject" | "AbortMultipartUpload" | "DeleteObjectTagging" => {
                Some(HttpMethod::Delete)
            }
            "HeadObject" | "HeadBucket" => Some(HttpMethod::Head),
            "CreateMultipartUpload"
            | "CompleteMultipartUpload"
            | "DeleteObjects"
            | "RestoreObject"
            | "SelectObjectContent" => Some(HttpMethod::Post),
            _ => None,
        };
        if let Some(method) = method {
            return Some(MethodHint {
                method,
                reason: format!("the URL's signed x-id={op} names the operation"),
                certain: true,
            });
        }
    }
    // Which of the telling parameter names the URL has (ASCII case ignored), in one pass.
    let mut seen = [false; TELLING.len()];
    let mut checksum = false;
    for pair in &url.pairs {
        let name = pair.name_bytes();
        checksum |= is_checksum_name(&name);
        if let Some(k) = TELLING
            .iter()
            .position(|t| name.eq_ignore_ascii_case(t.as_bytes()))
        {
            seen[k] = true;
        }
    }
    let [upload_id, part_number, uploads, copy_source, storage_class, acl] = seen;
    if upload_id && part_number {
        return Some(MethodHint {
            method: HttpMethod::Put,
            reason: "uploadId and partNumber name an UploadPart".to_owned(),
            certain: false,
        });
    }
    if uploads {
        return Some(MethodHint {
            method: HttpMethod::Post,
            reason: "the uploads parameter names a CreateMultipartUpload".to_owned(),
            certain: false,
        });
    }
    if checksum {
        return Some(MethodHint {
            method: HttpMethod::Put,
            reason: "an upload checksum is signed into the URL".to_owned(),
            certain: false,
        });
    }
    let signed = params
        .map(|p| p.signed_headers.as_slice())
        .unwrap_or_default();
    if signed
        .iter()
        .any(|h| h.eq_ignore_ascii_case("content-md5") || h.eq_ignore_ascii_case("content-length"))
    {
        return Some(MethodHint {
            method: HttpMethod::Put,
            reason: "a body header (Content-MD5 or Content-Length) is signed".to_owned(),
            certain: false,
        });
    }
    if copy_source || storage_class || acl {
        return Some(MethodHint { method: HttpMethod::Put, reason: "upload parameters (x-amz-acl, x-amz-storage-class, x-amz-copy-source) are signed into the URL".to_owned(), certain: false });
    }
    None
}
