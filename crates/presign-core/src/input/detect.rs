//! What kind of text was pasted, and which signing family a request belongs to.
//!
//! The page has one main input box and the command line one positional argument: people paste
//! a presigned URL, a curl command, a raw HTTP request, an SDK's debug log, or a presigned POST
//! (the SDK's JSON, an HTML form, a multipart body). Detection looks at the shape of the text
//! only; each kind's reader then says what it could not read, as findings.

use crate::input::http::{is_curl_verbose, is_request_line};
use crate::input::url::RawUrl;
use crate::report::Family;
use crate::scan::find_byte;

/// The shape of the pasted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pasted {
    /// Nothing but white space.
    Empty,
    /// A URL (or anything else: the URL reader says what is wrong with it).
    Url,
    /// A `curl …` command.
    Curl,
    /// A raw HTTP/1.1 request: request line, header lines, a blank line, the body.
    HttpRequest,
    /// An SDK's debug output with a canonical request or string to sign.
    SdkLog,
    /// The JSON an SDK returns for a presigned POST: `{"url": …, "fields": {…}}`.
    PostJson,
    /// An HTML `<form>` snippet.
    HtmlForm,
    /// A raw `multipart/form-data` body.
    Multipart,
}

/// The shape of `text`. Cheap on the common case: a URL is told by its first bytes.
pub fn detect(text: &str) -> Pasted {
    let t = text.trim_start();
    if t.is_empty() {
        return Pasted::Empty;
    }
    if t.starts_with("http://") || t.starts_with("https://") {
        return Pasted::Url;
    }
    if crate::input::curl::looks_like_curl(t) {
        return Pasted::Curl;
    }
    if is_request_line(first_line(t)) || is_curl_verbose(t) {
        return Pasted::HttpRequest;
    }
    // JSON, a Python dict (`'fields'`) or a Node printout (`fields:`).
    if t.starts_with('{') && t.contains("fields") {
        return Pasted::PostJson;
    }
    if t.starts_with("--") && contains_ignore_ascii_case(t, "content-disposition: form-data") {
        return Pasted::Multipart;
    }
    if contains_ignore_ascii_case(t, "<form") {
        return Pasted::HtmlForm;
    }
    if crate::input::sdk_log::looks_like_sdk_log(t) {
        return Pasted::SdkLog;
    }
    Pasted::Url
}

fn first_line(text: &str) -> &str {
    let end = find_byte(text.as_bytes(), b'\n').unwrap_or(text.len());
    text[..end].trim_end_matches('\r')
}

fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The family of a signed URL, from the names of its query parameters (case as each family
/// writes them; S3's `X-Amz-*` names are matched as S3 matches them, case-insensitively).
/// `None` when no family's signature parameter is there.
pub fn url_family(url: &RawUrl) -> Option<Family> {
    let has = |name: &str| url.pairs.iter().any(|p| p.name_is(name));
    let has_amz = |name: &str| url.pairs.iter().any(|p| p.name_is_ignore_ascii_case(name));
    if has_amz("X-Amz-Algorithm") || has_amz("X-Amz-Signature") || has_amz("X-Amz-Credential") {
        let ecdsa = url
            .pairs
            .iter()
            .find(|p| p.name_is_ignore_ascii_case("X-Amz-Algorithm"))
            .is_some_and(|p| p.value_text() == "AWS4-ECDSA-P256-SHA256");
        return Some(if ecdsa {
            Family::Sigv4a
        } else {
            Family::Sigv4Query
        });
    }
    if has("X-Goog-Signature") || has("X-Goog-Algorithm") {
        return Some(Family::GcsV4);
    }
    if has("sig") && (has("sv") || has("se") || has("sp")) {
        return Some(Family::AzureSas);
    }
    // A CloudFront URL that lost its Key-Pair-Id (CloudFront answers MissingKey) is still told
    // by its Policy, or by a cloudfront.net host without SigV2's AWSAccessKeyId.
    let on_cloudfront = url.host.ends_with(".cloudfront.net") && !has("AWSAccessKeyId");
    if (has("Key-Pair-Id") && (has("Signature") || has("Policy") || has("Expires")))
        || (has("Policy") && has("Signature"))
        || (on_cloudfront && (has("Signature") || has("Expires")))
    {
        return Some(Family::Cloudfront);
    }
    if has("Signature") || has("AWSAccessKeyId") {
        return Some(Family::Sigv2Query);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::url::parse_url;

    #[test]
    fn shapes() {
        assert_eq!(detect("  \n"), Pasted::Empty);
        assert_eq!(detect("https://b.s3.amazonaws.com/k?x=1"), Pasted::Url);
        assert_eq!(detect("curl -X PUT 'https://b/k'"), Pasted::Curl);
        assert_eq!(
            detect("PUT /k HTTP/1.1\r\nHost: b.s3.amazonaws.com\r\n\r\nbody"),
            Pasted::HttpRequest
        );
        assert_eq!(
            detect("{\"url\": \"https://b\", \"fields\": {}}"),
            Pasted::PostJson
        );
        assert_eq!(
            detect("{'url': 'https://b', 'fields': {'key': 'k'}}"),
            Pasted::PostJson
        );
        assert_eq!(detect("{ url: 'https://b', fields: {} }"), Pasted::PostJson);
        assert_eq!(
            detect("<form action=\"https://b\" method=\"post\" enctype=\"multipart/form-data\">"),
            Pasted::HtmlForm
        );
        assert_eq!(
            detect("--xyz\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk\r\n--xyz--"),
            Pasted::Multipart
        );
        assert_eq!(
            detect("2026-11-20 DEBUG botocore.auth CanonicalRequest:\nGET\n/\n"),
            Pasted::SdkLog
        );
        assert_eq!(
            detect("GET /example space/ HTTP/1.1\nHost:example.amazonaws.com\n"),
            Pasted::HttpRequest
        );
        assert_eq!(
            detect("* Trying 1.2.3.4\n> PUT /k HTTP/1.1\n> Host: b\n>\n"),
            Pasted::HttpRequest
        );
        assert_eq!(detect("not a url at all"), Pasted::Url);
        assert_eq!(
            detect("GET /k"),
            Pasted::Url,
            "no HTTP version: not a request line"
        );
    }

    #[test]
    fn families_by_parameter_names() {
        let family = |u: &str| url_family(&parse_url(u).unwrap());
        assert_eq!(
            family(
                "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=00"
            ),
            Some(Family::Sigv4Query)
        );
        assert_eq!(
            family("https://b.s3.amazonaws.com/k?x-amz-algorithm=AWS4-ECDSA-P256-SHA256"),
            Some(Family::Sigv4a)
        );
        assert_eq!(
            family("https://b.s3.amazonaws.com/k?AWSAccessKeyId=A&Expires=1&Signature=x"),
            Some(Family::Sigv2Query)
        );
        assert_eq!(
            family("https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=00"),
            Some(Family::GcsV4)
        );
        assert_eq!(
            family("https://a.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&se=2026-01-01&sig=x"),
            Some(Family::AzureSas)
        );
        assert_eq!(
            family("https://d.cloudfront.net/a.jpg?Expires=1&Signature=x&Key-Pair-Id=K"),
            Some(Family::Cloudfront)
        );
        assert_eq!(
            family("https://d.cloudfront.net/a.jpg?Expires=1&Signature=x"),
            Some(Family::Cloudfront),
            "Key-Pair-Id lost"
        );
        assert_eq!(
            family("https://cdn.example.com/a.jpg?Policy=eyJ9&Signature=x"),
            Some(Family::Cloudfront)
        );
        assert_eq!(family("https://b.s3.amazonaws.com/k"), None);
    }
}
