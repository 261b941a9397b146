//! The request a header-signed inspection evaluates, whichever way it was pasted: a raw HTTP
//! request, a curl command, or the request an SDK's debug log shows it sent.
//!
//! Each reader keeps the bytes that were signed: the method as written, the path and query as
//! sent (never decoded and encoded again), the headers in their order, the body.

use crate::input::curl::{CurlBody, CurlRequest};
use crate::input::headers::SentHeader;
use crate::input::http::HttpRequest;
use crate::input::sdk_log::LoggedRequest;
use serde::Serialize;

/// Where the request was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestSource {
    RawHttp,
    Curl,
    SdkLog,
}

impl RequestSource {
    pub fn describe(self) -> &'static str {
        match self {
            RequestSource::RawHttp => "a raw HTTP request",
            RequestSource::Curl => "a curl command",
            RequestSource::SdkLog => "an SDK debug log",
        }
    }
}

/// The body, as far as the pasted text shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// The bytes sent (HTTP chunked framing already undone).
    Bytes(Vec<u8>),
    /// Sent, but its bytes are not in the text (`curl -T file`, `-d @file`, a stream object in
    /// a log): the reason, in words.
    Unknown(String),
}

/// A request as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRequest {
    pub source: RequestSource,
    pub method: String,
    /// `https` or `http` when the text says (a URL, an absolute request target).
    pub scheme: Option<String>,
    /// The `host` header's value: the Host header sent, else the URL's authority.
    pub host: String,
    pub raw_path: String,
    /// After `?`, as sent; empty without a query.
    pub raw_query: String,
    /// Every header sent, in order (Host among them when it was written out).
    pub headers: Vec<SentHeader>,
    pub body: Body,
    /// Headers the client adds on its own (curl's `Content-Type` for `-d`, …).
    pub implied_headers: Vec<String>,
    /// What could not be read, in words.
    pub notes: Vec<String>,
}

impl SignedRequest {
    /// The values of header `name` (any case), in order.
    pub fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |h| h.name.trim().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.trim().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }

    /// Whether header `name` (any case) is sent.
    pub fn sends(&self, name: &str) -> bool {
        self.header(name).is_some()
    }

    /// (name, value) pairs for the canonical headers: every header sent, and `host` from the
    /// URL when no Host header is written.
    pub fn header_pairs(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = self
            .headers
            .iter()
            .map(|h| (h.name.clone(), h.value.clone()))
            .collect();
        if !self.sends("host") {
            pairs.push(("host".to_owned(), self.host.clone()));
        }
        pairs
    }

    /// `https://host/path?query` for messages and snippets (`https` unless the text said).
    pub fn url(&self) -> String {
        let scheme = self.scheme.as_deref().unwrap_or("https");
        let query = if self.raw_query.is_empty() {
            String::new()
        } else {
            format!("?{}", self.raw_query)
        };
        format!("{scheme}://{}{}{query}", self.host, self.raw_path)
    }
}

/// Splits `/path?query`; a target without a leading `/` (the S3 documentation writes
/// `PUT test$file.text HTTP/1.1` and `GET ?lifecycle HTTP/1.1`) is read from the root.
fn split_target(target: &str) -> (String, String) {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    (path, query.to_owned())
}

/// `scheme://authority/path?query` split into scheme, authority and target.
fn split_absolute(url: &str) -> Option<(String, String, String)> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
        return None;
    }
    let rest = rest.split('#').next().unwrap_or_default();
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = rest[..end].rsplit('@').next().unwrap_or_default();
    Some((
        scheme.to_ascii_lowercase(),
        authority.to_owned(),
        rest[end..].to_owned(),
    ))
}

/// The authority as a `host` value: default ports dropped, as clients send it.
fn host_of(scheme: &str, authority: &str) -> String {
    let lower = authority.to_ascii_lowercase();
    match lower.rsplit_once(':') {
        Some((host, "443")) if scheme == "https" => host.to_owned(),
        Some((host, "80")) if scheme == "http" => host.to_owned(),
        _ => lower,
    }
}

/// From a raw HTTP request.
pub fn from_http(request: &HttpRequest) -> SignedRequest {
    let mut notes = request.notes.clone();
    let (scheme, authority, target) = match split_absolute(&request.target) {
        Some((s, a, t)) => (Some(s), Some(a), t),
        None => (None, None, request.target.clone()),
    };
    let (raw_path, raw_query) = split_target(&target);
    let host = match (request.header("host"), &authority) {
        (Some(h), _) => h.trim().to_owned(),
        (None, Some(a)) => host_of(scheme.as_deref().unwrap_or("https"), a),
        (None, None) => {
            notes.push("the request has no Host header".to_owned());
            String::new()
        }
    };
    SignedRequest {
        source: RequestSource::RawHttp,
        method: request.method.clone(),
        scheme,
        host,
        raw_path,
        raw_query,
        headers: request.headers.clone(),
        body: Body::Bytes(request.payload()),
        implied_headers: Vec::new(),
        notes,
    }
}

/// From a curl command (its URL must be there; `None` otherwise).
pub fn from_curl(curl: &CurlRequest) -> Option<SignedRequest> {
    let url = curl.url.as_deref()?;
    let (scheme, authority, target) =
        split_absolute(url).or_else(|| split_absolute(&format!("https://{url}")))?;
    let (raw_path, raw_query) = split_target(&target);
    let mut headers = curl.headers.clone();
    let mut implied_headers = curl.implied_headers.clone();
    let body = match &curl.body {
        None => Body::Bytes(Vec::new()),
        Some(CurlBody::Data { value }) if value.starts_with('@') => Body::Unknown(format!(
            "curl reads the body from the file {}",
            value.trim_start_matches('@')
        )),
        Some(CurlBody::Data { value }) => Body::Bytes(value.as_bytes().to_vec()),
        Some(CurlBody::Upload { file }) => Body::Unknown(format!("curl uploads the file {file}")),
        Some(CurlBody::Form) => {
            Body::Unknown("curl sends a multipart form with a boundary of its own".to_owned())
        }
    };
    // curl sends these unless told otherwise; they matter only when signed.
    let has = |headers: &[SentHeader], name: &str| {
        headers.iter().any(|h| h.name.eq_ignore_ascii_case(name))
    };
    if !has(&headers, "accept") {
        headers.push(SentHeader {
            name: "Accept".to_owned(),
            value: "*/*".to_owned(),
        });
        implied_headers.push("Accept".to_owned());
    }
    if let Body::Bytes(bytes) = &body {
        if !bytes.is_empty() && !has(&headers, "content-length") {
            headers.push(SentHeader {
                name: "Content-Length".to_owned(),
                value: bytes.len().to_string(),
            });
            implied_headers.push("Content-Length".to_owned());
        }
    }
    let host = match headers.iter().find(|h| h.name.eq_ignore_ascii_case("host")) {
        Some(h) => h.value.trim().to_owned(),
        None => host_of(&scheme, &authority),
    };
    Some(SignedRequest {
        source: RequestSource::Curl,
        method: curl.method_text.clone(),
        scheme: Some(scheme),
        host,
        raw_path,
        raw_query,
        headers,
        body,
        implied_headers,
        notes: curl.notes.clone(),
    })
}

/// From the request a botocore log says it sent.
pub fn from_log(request: &LoggedRequest) -> Option<SignedRequest> {
    let (scheme, authority, target) = split_absolute(&request.url)?;
    let (raw_path, raw_query) = split_target(&target);
    let body = match (&request.body, &request.body_unknown) {
        (Some(bytes), _) => Body::Bytes(bytes.clone()),
        (None, Some(what)) => Body::Unknown(format!("the log shows the body as {what}")),
        (None, None) => Body::Unknown("the log does not show the body".to_owned()),
    };
    Some(SignedRequest {
        source: RequestSource::SdkLog,
        method: request.method.clone(),
        host: host_of(&scheme, &authority),
        scheme: Some(scheme),
        raw_path,
        raw_query,
        headers: request.headers.clone(),
        body,
        implied_headers: Vec::new(),
        notes: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::curl::parse_curl;
    use crate::input::http::parse_http_request;

    #[test]
    fn targets_hosts_and_bodies() {
        let r = from_http(&parse_http_request(
            "GET ?lifecycle HTTP/1.1\nHost: examplebucket.s3.amazonaws.com\n\n",
        ));
        assert_eq!(
            (r.raw_path.as_str(), r.raw_query.as_str()),
            ("/", "lifecycle")
        );
        let r = from_http(&parse_http_request(
            "PUT https://b.s3.amazonaws.com:443/k?x=1 HTTP/1.1\n\nbody",
        ));
        assert_eq!(r.host, "b.s3.amazonaws.com");
        assert_eq!(r.body, Body::Bytes(b"body".to_vec()));
        assert_eq!(r.header_pairs().last().unwrap().1, "b.s3.amazonaws.com");
        let c = from_curl(&parse_curl(
            "curl -X POST https://sts.amazonaws.com/ -d 'Action=GetCallerIdentity&Version=2011-06-15' -H 'Authorization: x'",
        ))
        .unwrap();
        assert_eq!(c.method, "POST");
        assert_eq!(c.header("content-length"), Some("43"));
        assert_eq!(c.header("accept"), Some("*/*"));
        let upload = from_curl(&parse_curl("curl -T f.bin https://b/k")).unwrap();
        assert!(matches!(upload.body, Body::Unknown(_)));
        assert!(from_curl(&parse_curl("curl -X GET")).is_none());
    }
}
