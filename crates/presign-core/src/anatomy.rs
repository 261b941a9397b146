//! The pasted URL cut into the parts people recognise (scheme, host, bucket, path, key, each
//! query parameter) with where each lies in the text, and the parts each finding is about, so
//! that a view can colour the URL and point from a finding to its place in it.

use crate::endpoint::Endpoint;
use crate::finding::{Code, Finding};
use crate::input::url::RawUrl;
use crate::report::Report;
use crate::types::AddressingStyle;
use serde::Serialize;

/// What a part of the URL is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartKind {
    Scheme,
    /// The host name (with the bucket in it, virtual-hosted; the bucket is a part of its own).
    Host,
    Bucket,
    /// The path but the key: `/` or `/bucket/` path-style.
    Path,
    Key,
    /// One query parameter, `name=value` as written.
    Parameter,
}

/// A part of `RawUrl::cleaned`, by byte offsets (`start..end`, on character boundaries).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    pub kind: PartKind,
    pub start: usize,
    pub end: usize,
    /// A parameter's decoded name; empty for the other kinds.
    pub name: String,
}

impl Part {
    fn new(kind: PartKind, start: usize, end: usize) -> Self {
        Part {
            kind,
            start,
            end,
            name: String::new(),
        }
    }
}

/// A range of `RawUrl::cleaned` that a finding is about.
pub type Mark = std::ops::Range<usize>;

/// The URL's parts in order, not overlapping (the bucket is cut out of the host or the path).
/// What lies between them (`://`, `?`, `&`) and a fragment belong to no part.
pub fn parts(url: &RawUrl, endpoint: Option<&Endpoint>) -> Vec<Part> {
    let text = url.cleaned.as_str();
    let mut out = Vec::new();
    let authority_start = match text.find("://") {
        Some(i) if !url.cleanup.assumed_scheme => {
            out.push(Part::new(PartKind::Scheme, 0, i));
            i + 3
        }
        _ => 0,
    };
    let without_fragment = text.find('#').unwrap_or(text.len());
    let authority_end = text[authority_start..without_fragment]
        .find(['/', '?'])
        .map_or(without_fragment, |i| authority_start + i);
    // The host as written, after any user:password@ and inside IPv6 brackets.
    let after_at = text[authority_start..authority_end]
        .rfind('@')
        .map_or(authority_start, |i| authority_start + i + 1);
    let host_start = after_at + usize::from(text[after_at..].starts_with('['));
    let host_end = host_start + url.host_as_written.len();
    let bucket = endpoint.and_then(|e| e.bucket.as_deref());
    let style = endpoint.map(|e| e.style);
    if text.get(host_start..host_end) == Some(url.host_as_written.as_str()) {
        match bucket {
            Some(b)
                if style == Some(AddressingStyle::VirtualHosted)
                    && url.host_as_written.starts_with(b)
                    && url.host_as_written[b.len()..].starts_with('.') =>
            {
                out.push(Part::new(
                    PartKind::Bucket,
                    host_start,
                    host_start + b.len(),
                ));
                out.push(Part::new(PartKind::Host, host_start + b.len(), host_end));
            }
            _ => out.push(Part::new(PartKind::Host, host_start, host_end)),
        }
    }
    let query_at = text[authority_end..without_fragment]
        .find('?')
        .map(|i| authority_end + i);
    let path_end = query_at.unwrap_or(without_fragment);
    if path_end > authority_end {
        path_parts(url, endpoint, authority_end, path_end, &mut out);
    }
    if let Some(q) = query_at {
        let mut names = url.pairs.iter();
        let mut at = q + 1;
        for segment in text[q + 1..without_fragment].split('&') {
            if !segment.is_empty() {
                let mut part = Part::new(PartKind::Parameter, at, at + segment.len());
                part.name = names
                    .next()
                    .map(crate::input::url::RawPair::name_text)
                    .unwrap_or_default();
                out.push(part);
            }
            at += segment.len() + 1;
        }
    }
    out
}

/// The path from `start` to `end`: `/bucket/` path-style, the key after it.
fn path_parts(
    url: &RawUrl,
    endpoint: Option<&Endpoint>,
    start: usize,
    end: usize,
    out: &mut Vec<Part>,
) {
    let path = &url.cleaned[start..end];
    let key = endpoint.map_or("", |e| e.raw_key.as_str());
    let key_start = if !key.is_empty() && path.ends_with(key) {
        end - key.len()
    } else {
        end
    };
    let bucket = endpoint
        .filter(|e| e.style == AddressingStyle::PathStyle)
        .and_then(|e| e.bucket.as_deref())
        .filter(|b| path[1..].starts_with(b));
    if let Some(b) = bucket {
        out.push(Part::new(PartKind::Path, start, start + 1));
        out.push(Part::new(PartKind::Bucket, start + 1, start + 1 + b.len()));
        if key_start > start + 1 + b.len() {
            out.push(Part::new(PartKind::Path, start + 1 + b.len(), key_start));
        }
    } else if key_start > start {
        out.push(Part::new(PartKind::Path, start, key_start));
    }
    if key_start < end {
        out.push(Part::new(PartKind::Key, key_start, end));
    }
}

/// Query parameters that say when a URL starts and stops working, in the families' own names.
const TIME_PARAMETERS: [&str; 7] = [
    "X-Amz-Date",
    "X-Amz-Expires",
    "Expires",
    "X-Goog-Date",
    "X-Goog-Expires",
    "st",
    "se",
];

/// The parts of the report's URL that `finding` is about: what it names by code, and any query
/// parameter its evidence names. Empty when it is about something the URL does not show (the
/// method, a header's value, the secret).
pub fn marks(report: &Report, finding: &Finding) -> Vec<Mark> {
    let Some(url) = &report.url else {
        return Vec::new();
    };
    let all = parts(url, report.endpoint.as_ref());
    let of_kind = |kind: PartKind| -> Vec<Mark> {
        all.iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.start..p.end)
            .collect()
    };
    let params = |names: &[&str]| -> Vec<Mark> {
        all.iter()
            .filter(|p| p.kind == PartKind::Parameter && names.contains(&p.name.as_str()))
            .map(|p| p.start..p.end)
            .collect()
    };
    let mut out = match finding.code {
        Code::Expired | Code::NotYetValid | Code::ExpiresSoon | Code::ExpiresTooLong => {
            params(&TIME_PARAMETERS)
        }
        Code::CredentialDateMismatch => params(&["X-Amz-Credential", "X-Amz-Date"]),
        Code::RegionMismatch => [of_kind(PartKind::Host), params(&["X-Amz-Credential"])].concat(),
        Code::WrongService | Code::BadTerminator => params(&["X-Amz-Credential"]),
        Code::TemporaryCredentials | Code::MissingSecurityToken => {
            params(&["X-Amz-Credential", "X-Amz-Security-Token"])
        }
        Code::BucketCase => of_kind(PartKind::Bucket),
        Code::DottedBucketHttps | Code::GlobalEndpoint | Code::HostMismatch => {
            [of_kind(PartKind::Bucket), of_kind(PartKind::Host)].concat()
        }
        Code::PlainHttp => of_kind(PartKind::Scheme),
        Code::SignedHeaders
        | Code::MissingSignedHeader
        | Code::SignedHeaderValue
        | Code::UnsignedAmzHeader => params(&["X-Amz-SignedHeaders"]),
        Code::KeyCase | Code::KeyEncoding => changed_segments(url, &all, finding),
        Code::ChecksumParameters => all
            .iter()
            .filter(|p| {
                let n = p.name.to_ascii_lowercase();
                n.starts_with("x-amz-checksum") || n.starts_with("x-amz-sdk-checksum")
            })
            .map(|p| p.start..p.end)
            .collect(),
        Code::SignatureValid
        | Code::SignatureMismatch
        | Code::SignatureRedacted
        | Code::SecretMismatch => params(&["X-Amz-Signature", "Signature"]),
        Code::UnsupportedAlgorithm => params(&["X-Amz-Algorithm"]),
        _ => Vec::new(),
    };
    // Any parameter the evidence names ("parameter: X-Amz-Date", "X-Goog-Expires: …", or a
    // parameter sent as `name=value`).
    for e in &finding.evidence {
        for p in all.iter().filter(|p| p.kind == PartKind::Parameter) {
            let named = !p.name.is_empty()
                && (e.label == p.name
                    || e.value == p.name
                    || (e.label == "sent" && url.cleaned[p.start..p.end] == *e.value)
                    || (e.label == "sent"
                        && e.value.split_once('=').is_some_and(|(n, _)| n == p.name)));
            if named && !out.contains(&(p.start..p.end)) {
                out.push(p.start..p.end);
            }
        }
    }
    crate::sort::sort_by_key(&mut out, |m| m.start);
    out
}

/// The key, narrowed to the segments that differ between what was sent and what was signed
/// when the finding's evidence gives both with as many segments as the key has.
fn changed_segments(url: &RawUrl, all: &[Part], finding: &Finding) -> Vec<Mark> {
    let Some(key) = all.iter().find(|p| p.kind == PartKind::Key) else {
        return Vec::new();
    };
    let value = |label: &str| {
        finding
            .evidence
            .iter()
            .find(|e| e.label == label)
            .map(|e| e.value.as_str())
    };
    let raw = &url.cleaned[key.start..key.end];
    let whole: Mark = key.start..key.end;
    let (Some(sent), Some(signed)) = (value("sent"), value("signed")) else {
        return vec![whole];
    };
    let tail = |s: &'_ str| -> Vec<String> {
        // The evidence may hold the whole path; keep as many trailing segments as the key has.
        let n = raw.split('/').count();
        let segments: Vec<&str> = s.split('/').collect();
        segments[segments.len().saturating_sub(n)..]
            .iter()
            .map(|s| (*s).to_owned())
            .collect()
    };
    let (sent, signed) = (tail(sent), tail(signed));
    let raw_segments: Vec<&str> = raw.split('/').collect();
    if sent.len() != raw_segments.len() || signed.len() != raw_segments.len() {
        return vec![whole];
    }
    let mut out = Vec::new();
    let mut at = key.start;
    for (i, segment) in raw_segments.iter().enumerate() {
        if sent[i] != signed[i] && !segment.is_empty() {
            out.push(at..at + segment.len());
        }
        at += segment.len() + 1;
    }
    if out.is_empty() {
        out.push(whole);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::decode_endpoint;
    use crate::input::url::parse_url;

    fn cut(text: &str) -> Vec<(PartKind, String, String)> {
        let url = parse_url(text).unwrap();
        let endpoint = decode_endpoint(&url);
        parts(&url, Some(&endpoint))
            .into_iter()
            .map(|p| (p.kind, url.cleaned[p.start..p.end].to_owned(), p.name))
            .collect()
    }

    #[test]
    fn virtual_hosted_url_in_parts() {
        let parts = cut("https://my-bucket.s3.eu-west-1.amazonaws.com/a/b%20c.txt?X-Amz-Date=20130524T000000Z&&x-id=GetObject#f");
        let kinds: Vec<_> = parts
            .iter()
            .map(|(k, t, n)| (*k, t.as_str(), n.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (PartKind::Scheme, "https", ""),
                (PartKind::Bucket, "my-bucket", ""),
                (PartKind::Host, ".s3.eu-west-1.amazonaws.com", ""),
                (PartKind::Path, "/", ""),
                (PartKind::Key, "a/b%20c.txt", ""),
                (
                    PartKind::Parameter,
                    "X-Amz-Date=20130524T000000Z",
                    "X-Amz-Date"
                ),
                (PartKind::Parameter, "x-id=GetObject", "x-id"),
            ]
        );
    }

    #[test]
    fn path_style_url_in_parts() {
        let parts = cut("http://user@s3.amazonaws.com:8080/My.Bucket/k?a");
        let kinds: Vec<_> = parts.iter().map(|(k, t, _)| (*k, t.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (PartKind::Scheme, "http"),
                (PartKind::Host, "s3.amazonaws.com"),
                (PartKind::Path, "/"),
                (PartKind::Bucket, "My.Bucket"),
                (PartKind::Path, "/"),
                (PartKind::Key, "k"),
                (PartKind::Parameter, "a"),
            ]
        );
    }

    #[test]
    fn a_url_without_scheme_or_path_has_a_host_and_parameters() {
        let parts = cut("example.com?X-Amz-Signature=00");
        let kinds: Vec<_> = parts.iter().map(|(k, t, _)| (*k, t.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (PartKind::Host, "example.com"),
                (PartKind::Parameter, "X-Amz-Signature=00")
            ]
        );
    }
}
