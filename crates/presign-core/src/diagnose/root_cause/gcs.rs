//! The root-cause search for GCS V4: when the signature does not match, rebuild the string to
//! sign for plausible edits of the request and report the edit that reproduces it.
//!
//! With `GOOG4-RSA-SHA256` the public key opens the signature to the SHA-256 of the string to
//! sign that was signed (`crypto::Opened`), so a variant costs one hash and no RSA operation;
//! with `GOOG4-HMAC-SHA256` it costs one HMAC with the derived key. The edits are the ones
//! people and tools make to GCS URLs: another method, path style against virtual-hosted, a
//! slash in the object name written `%2F` (Google's own sample signs it that way) or not, `+`
//! read as a space, lower-cased header values (the sample and hand-written signers do that),
//! a parameter appended after signing; each also with every other method.

use super::{Change, RootCauseSearch, VariantMatch};
use crate::crypto::{constant_time_eq, hmac_sha256, sha256};
use crate::encode::hex;
use crate::finding::{Code, Finding, Severity};
use crate::gcs::canonical_request::{canonical_headers, canonical_query, canonical_uri, payload};
use crate::gcs::params::GcsParams;
use crate::gcs::string_to_sign::string_to_sign;
use crate::input::url::RawUrl;
use crate::limits::{MAX_SEARCH_HEADER_BYTES, MAX_SEARCH_URL_BYTES, MAX_VARIANTS};
use crate::sigv4::canonical_request::CanonicalRequest;
use crate::types::HttpMethod;

/// What reproduces the signature.
pub enum Target<'a> {
    /// RSA: the SHA-256 of the signed string to sign, opened from the signature.
    Digest(&'a [u8]),
    /// HMAC: kSigning and the provided hex signature.
    Hmac {
        key: &'a [u8; 32],
        signature: &'a str,
    },
}

impl Target<'_> {
    fn reproduced(&self, string_to_sign: &str) -> bool {
        match self {
            Target::Digest(d) => constant_time_eq(&sha256(string_to_sign.as_bytes()), d),
            Target::Hmac { key, signature } => constant_time_eq(
                hex(&hmac_sha256(*key, string_to_sign.as_bytes())).as_bytes(),
                signature.as_bytes(),
            ),
        }
    }
}

/// The request as evaluated.
pub struct GcsSearchInput<'a> {
    pub url: &'a RawUrl,
    pub params: &'a GcsParams,
    pub method: HttpMethod,
    /// The headers sent, `host` included.
    pub headers: &'a [(String, String)],
    pub target: Target<'a>,
}

/// One variant of the request: the canonical request's parts and what changed.
struct Variant {
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    changes: Vec<Change>,
}

fn change(code: Code, part: &str, sent: &str, signed: &str, title: String, detail: &str) -> Change {
    Change {
        code,
        part: part.to_owned(),
        sent: sent.to_owned(),
        signed: signed.to_owned(),
        title,
        detail: detail.to_owned(),
    }
}

/// Searches the variants; `None` when the search cannot run (no scope or date).
pub fn search(input: &GcsSearchInput<'_>) -> Option<RootCauseSearch> {
    let scope = input.params.credential.as_ref()?;
    let date = input.params.date_text.as_deref()?;
    let algorithm = input.params.algorithm_text.as_deref()?;
    let header_bytes: usize = input.headers.iter().map(|(n, v)| n.len() + v.len()).sum();
    if input.url.cleaned.len() > MAX_SEARCH_URL_BYTES || header_bytes > MAX_SEARCH_HEADER_BYTES {
        return Some(RootCauseSearch {
            variants_tried: 0,
            matches: Vec::new(),
            skipped: Some("the URL or the headers are over 16 KiB".to_owned()),
        });
    }
    let scope_text = scope.scope();
    let mut tried = 0;
    let mut matches = Vec::new();
    let variants = variants(input);
    'outer: for variant in &variants {
        for method in methods(input.method) {
            if tried >= MAX_VARIANTS {
                break 'outer;
            }
            if method == input.method && variant.changes.is_empty() {
                continue;
            }
            tried += 1;
            let (block, signed, _) =
                canonical_headers(&input.params.signed_headers, &variant.headers);
            let request = CanonicalRequest {
                method: method.as_str().to_owned(),
                canonical_uri: variant.path.clone(),
                canonical_query: variant.query.clone(),
                canonical_headers: block,
                signed_headers: signed,
                payload_hash: payload(&input.params.signed_headers, &variant.headers),
            };
            let text = request.text();
            if input
                .target
                .reproduced(&string_to_sign(algorithm, date, &scope_text, &text))
            {
                let mut changes = variant.changes.clone();
                if method != input.method {
                    changes.insert(0, change(
                        Code::MethodMismatch,
                        "method",
                        input.method.as_str(),
                        method.as_str(),
                        format!("This URL was signed for {method}, you sent {}", input.method),
                        "The method is part of the signature. Send the request with the method it was signed for (a resumable upload starts with POST and x-goog-resumable: start), or sign the URL for the method you need.",
                    ));
                }
                matches.push(VariantMatch {
                    changes,
                    canonical_request_text: text,
                });
                break 'outer;
            }
        }
    }
    Some(RootCauseSearch {
        variants_tried: tried,
        matches,
        skipped: None,
    })
}

/// The sent method first, then the others.
fn methods(sent: HttpMethod) -> impl Iterator<Item = HttpMethod> {
    std::iter::once(sent).chain(HttpMethod::ALL.into_iter().filter(move |m| *m != sent))
}

fn variants(input: &GcsSearchInput<'_>) -> Vec<Variant> {
    let url = input.url;
    let path = canonical_uri(&url.raw_path);
    let query = canonical_query(&url.pairs);
    let base = |path: String, query: String, headers: Vec<(String, String)>, changes| Variant {
        path,
        query,
        headers,
        changes,
    };
    let mut out = vec![base(
        path.clone(),
        query.clone(),
        input.headers.to_vec(),
        Vec::new(),
    )];
    // A slash in the object name: signed as `/`, sent as `%2F`, or the other way round.
    let decoded_slashes = path.replace("%2F", "/");
    if decoded_slashes != path {
        out.push(base(decoded_slashes.clone(), query.clone(), input.headers.to_vec(), vec![change(
            Code::KeyEncoding, "path", &path, &decoded_slashes,
            format!("The object name was signed with / where the URL has %2F: {decoded_slashes}"),
            "Google Cloud Storage reads %2F in a path as part of the object name, so the request no longer names what was signed. Keep the slashes of the object name as the signer wrote them: send the URL exactly as signed.",
        )]));
    }
    let (prefix, object) = split_object(&path, url);
    if object.contains('/') {
        let encoded = format!("{prefix}{}", object.replace('/', "%2F"));
        out.push(base(encoded.clone(), query.clone(), input.headers.to_vec(), vec![change(
            Code::KeyEncoding, "path", &path, &encoded,
            format!("The object name was signed with its slashes encoded as %2F: {encoded}"),
            "The signer percent-encoded the whole object name, slashes included (Google's own Python sample does: quote(name, safe='')), but the URL sent keeps the slashes. Send the path exactly as signed, or sign with a client library, which keeps slashes.",
        )]));
    }
    if url.raw_path.contains('+') {
        let spaces = path.replace("%2B", "%20");
        out.push(base(spaces.clone(), query.clone(), input.headers.to_vec(), vec![change(
            Code::KeyEncoding, "path", &path, &spaces,
            "The object name was signed with a space where the URL has +".to_owned(),
            "A + in a path is a plus sign, not a space. The URL was built with form encoding: encode spaces as %20 (or sign the name with the +).",
        )]));
    }
    host_variants(input, &path, &query, &mut out);
    // Header values lower-cased by the signer.
    let lowered: Vec<(String, String)> = input
        .headers
        .iter()
        .map(|(n, v)| {
            if n.eq_ignore_ascii_case("host") {
                (n.clone(), v.clone())
            } else {
                (n.clone(), v.to_lowercase())
            }
        })
        .collect();
    if let Some((name, value)) = input.headers.iter().find(|(n, v)| {
        !n.eq_ignore_ascii_case("host")
            && input
                .params
                .signed_headers
                .iter()
                .any(|s| s.eq_ignore_ascii_case(n))
            && v.to_lowercase() != *v
    }) {
        out.push(base(path.clone(), query.clone(), lowered, vec![change(
            Code::SignedHeaderValue, &format!("header {}", name.to_ascii_lowercase()), value, &value.to_lowercase(),
            format!("{} was signed in lower case (\u{201c}{}\u{201d}), you send \u{201c}{value}\u{201d}", name.to_ascii_lowercase(), value.to_lowercase()),
            "The signer lower-cased the values of the signed headers (Google's Python sample and several hand-written signers do), but Google Cloud Storage signs them as sent. Sign the values as they are sent, case kept: use a client library's V4 signing.",
        )]));
    }
    query_variants(input, &path, &query, &mut out);
    out
}

/// `/bucket/` (path style, when the host names no bucket) and the object name after it.
fn split_object<'a>(path: &'a str, url: &RawUrl) -> (&'a str, &'a str) {
    let rest = path.strip_prefix('/').unwrap_or(path);
    let path_style = url.host == "storage.googleapis.com"
        || url.host.starts_with("127.")
        || url.host == "localhost";
    if path_style {
        match rest.find('/') {
            Some(i) => path.split_at(i + 2),
            None => (path, ""),
        }
    } else {
        path.split_at(1.min(path.len()))
    }
}

fn with_host(headers: &[(String, String)], host: &str) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(n, v)| {
            if n.eq_ignore_ascii_case("host") {
                (n.clone(), host.to_owned())
            } else {
                (n.clone(), v.clone())
            }
        })
        .collect()
}

/// Path style against virtual-hosted on storage.googleapis.com.
fn host_variants(input: &GcsSearchInput<'_>, path: &str, query: &str, out: &mut Vec<Variant>) {
    let host = input.url.host_header();
    if input.url.port.is_some() && host.contains(':') {
        let bare = host.rsplit_once(':').map_or(host.as_str(), |(h, _)| h);
        out.push(Variant {
            path: path.to_owned(),
            query: query.to_owned(),
            headers: with_host(input.headers, bare),
            changes: vec![change(Code::HostMismatch, "host", &host, bare,
                format!("This URL was signed for host {bare}, without the port; the request sends Host: {host}"),
                "The signer left the port out of the signed host (some client libraries do for a custom endpoint or emulator), but the request's Host header carries it. Send Host without the port, or sign with the port.")],
        });
    }
    let detail = "The host and the path are signed together: path style (storage.googleapis.com/BUCKET/OBJECT) and virtual-hosted style (BUCKET.storage.googleapis.com/OBJECT) sign different strings. Send the URL in the style it was signed in, or sign for the style you send.";
    if let Some(bucket) = host.strip_suffix(".storage.googleapis.com") {
        let signed_path = format!("/{bucket}{path}");
        let signed_host = "storage.googleapis.com";
        out.push(Variant {
            path: signed_path.clone(),
            query: query.to_owned(),
            headers: with_host(input.headers, signed_host),
            changes: vec![change(Code::HostMismatch, "host", &format!("{host}{path}"), &format!("{signed_host}{signed_path}"),
                format!("This URL was signed path-style for {signed_host}{signed_path}, it is sent to {host}"), detail)],
        });
    } else if host == "storage.googleapis.com" {
        let rest = path.strip_prefix('/').unwrap_or(path);
        if let Some((bucket, object)) = rest.split_once('/') {
            let signed_host = format!("{bucket}.storage.googleapis.com");
            let signed_path = format!("/{object}");
            out.push(Variant {
                path: signed_path.clone(),
                query: query.to_owned(),
                headers: with_host(input.headers, &signed_host),
                changes: vec![change(Code::HostMismatch, "host", &format!("{host}{path}"), &format!("{signed_host}{signed_path}"),
                    format!("This URL was signed virtual-hosted for {signed_host}, it is sent path-style to {host}"), detail)],
            });
        }
    }
}

/// A parameter appended after signing; `+` in the query read as a space.
fn query_variants(input: &GcsSearchInput<'_>, path: &str, query: &str, out: &mut Vec<Variant>) {
    for (i, pair) in input.url.pairs.iter().enumerate() {
        let name = pair.name_text();
        if name.starts_with("X-Goog-") {
            continue;
        }
        let kept: Vec<_> = input
            .url
            .pairs
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, p)| p.clone())
            .collect();
        let signed = canonical_query(&kept);
        out.push(Variant {
            path: path.to_owned(),
            query: signed.clone(),
            headers: input.headers.to_vec(),
            changes: vec![change(Code::QueryEncoding, "query", query, &signed,
                format!("The query parameter {name} was added after signing"),
                "Every query parameter is signed. Add parameters before signing, or drop this one from the URL.")],
        });
    }
    if input.url.raw_query.contains('+') {
        let spaces = query.replace("%2B", "%20");
        out.push(Variant {
            path: path.to_owned(),
            query: spaces.clone(),
            headers: input.headers.to_vec(),
            changes: vec![change(Code::QueryEncoding, "query", query, &spaces,
                "The query was signed with spaces where the URL has +".to_owned(),
                "A + in the query was read as a space when signing (form encoding) but is sent as a plus sign. Encode spaces as %20.")],
        });
    }
}

/// The findings of a search: each change of the matching variant.
pub fn findings(search: &RootCauseSearch) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(reason) = &search.skipped {
        out.push(Finding::new(
            Code::RootCauseSkipped,
            Severity::Info,
            "The root-cause search did not run",
            format!(
                "Rebuilding variants was skipped: {reason}. The signature check itself still ran."
            ),
        ));
    }
    for m in &search.matches {
        for c in &m.changes {
            out.push(
                Finding::new(c.code, Severity::Error, c.title.clone(), c.detail.clone())
                    .with("sent", c.sent.clone())
                    .with("signed", c.signed.clone())
                    .with("variants-tried", search.variants_tried.to_string()),
            );
        }
    }
    out
}
