//! The root-cause search: when the signature does not match, re-sign plausible variants of
//! the request and report the ones that reproduce the signature in the URL.
//!
//! The signing key is derived once for the scope; a variant only rebuilds the canonical
//! request (six lines), hashes it and runs one HMAC, so hundreds of variants take well under
//! a millisecond or two. Each variant changes one thing (another method, host, key encoding,
//! key or bucket case, query encoding, signed header value) or one thing *and* the method.

use crate::crypto::{constant_time_eq, HmacSha256Key, Sha256Stream};
use crate::encode::{hex, percent_decode, unhex, uri_encode, Slash};
use crate::endpoint::{Endpoint, Provider};
use crate::finding::{Code, Finding, Severity};
use crate::input::url::{RawPair, RawUrl};
use crate::limits::{MAX_SEARCH_HEADER_BYTES, MAX_SEARCH_URL_BYTES, MAX_VARIANTS};
use crate::normalize::Normalizer;
use crate::sigv4::canonical_request::{
    canonical_headers, canonical_uri, PathNormalization, PercentEncodingMode,
};
use crate::sigv4::params::{CredentialScope, SigV4Params, X_AMZ_SIGNATURE};
use crate::sigv4::signature::SigningKey;
use crate::types::{AddressingStyle, HttpMethod};
use crate::unicode::Unicode;
use serde::Serialize;

/// One difference between what was signed and what is sent, found by the search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub code: Code,
    /// What changed, e.g. `method`, `host`, `key`, `query`, `header content-type`.
    pub part: String,
    /// The value in the request as sent.
    pub sent: String,
    /// The value that reproduces the signature.
    pub signed: String,
    /// One line for people.
    pub title: String,
    pub detail: String,
}

/// A variant that reproduces the provided signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VariantMatch {
    pub changes: Vec<Change>,
    /// The canonical request that was evidently signed.
    pub canonical_request_text: String,
}

/// What the search did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RootCauseSearch {
    pub variants_tried: usize,
    pub matches: Vec<VariantMatch>,
    /// Why the search did not run, when it did not.
    pub skipped: Option<String>,
}

/// What the search needs: the request as evaluated and the URL's parts.
pub struct SearchInput<'a> {
    pub url: &'a RawUrl,
    pub endpoint: &'a Endpoint,
    pub params: &'a SigV4Params,
    pub scope: &'a CredentialScope,
    pub amz_date: &'a str,
    pub signing_key: &'a SigningKey,
    /// The signature in the URL, hex.
    pub provided_signature: &'a str,
    pub method: HttpMethod,
    /// The headers sent, as (name, value), `host` included.
    pub headers: &'a [(String, String)],
    /// The base canonical request's lines as computed for the request as sent.
    pub canonical_uri: &'a str,
    pub canonical_query: &'a str,
    pub canonical_headers: &'a str,
    pub signed_headers: &'a str,
    pub payload_hash: &'a str,
    pub mode: PercentEncodingMode,
    pub normalization: PathNormalization,
    pub normalizer: Option<Normalizer>,
    pub unicode: Unicode,
}

/// Regions clients are most often configured with by mistake (SDK defaults and the largest).
const COMMON_REGIONS: [&str; 6] = [
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-1",
];

/// A candidate request: the lines it replaces and what it changes.
struct Candidate {
    changes: Vec<Change>,
    uri: Option<String>,
    query: Option<String>,
    headers: Option<String>,
    payload: Option<String>,
}

impl Candidate {
    fn new(change: Change) -> Self {
        Candidate {
            changes: vec![change],
            uri: None,
            query: None,
            headers: None,
            payload: None,
        }
    }
}

fn change(
    code: Code,
    part: impl Into<String>,
    sent: impl Into<String>,
    signed: impl Into<String>,
    title: String,
    detail: String,
) -> Change {
    Change {
        code,
        part: part.into(),
        sent: sent.into(),
        signed: signed.into(),
        title,
        detail,
    }
}

/// Signs canonical requests with one key.
///
/// Hashing the canonical request is nearly all the work, and it grows with the URL. Most
/// variants keep the sent URI (host, query, header and payload variants) or the URI and the
/// query too, so the hash state after `method\nURI\n` and after `method\nURI\nquery\n` is kept
/// per method and such variants hash only what follows. Measured at 4 KB URLs in the page,
/// this and an optimized SHA-256 brought a keystroke from ~105 ms to ~38 ms.
struct Signer<'a> {
    /// kSigning with its HMAC pads pre-hashed, once for the whole search.
    key: HmacSha256Key,
    prefix: String,
    provided: Vec<u8>,
    tried: usize,
    /// SHA-256 states after `method\nURI\n`, by (method, URI).
    after_uri: Vec<(&'a str, &'a str, Sha256Stream)>,
    /// SHA-256 states after `method\nURI\nquery\n`, by (method, URI, query).
    after_query: Vec<(&'a str, &'a str, &'a str, Sha256Stream)>,
}

/// At most this many hash states are kept for reuse (each is about a hundred bytes; lookups
/// are linear, and a search shares few distinct prefixes).
const MAX_MIDSTATES: usize = 128;

impl<'a> Signer<'a> {
    /// The state after `method\nURI\nquery\n`. Variants share these prefixes: every host,
    /// header and payload variant shares the sent URI and query, and every path-style host
    /// shares one rewritten URI, so each distinct prefix is hashed once per method.
    fn after_query(&mut self, method: &'a str, uri: &'a str, query: &'a str) -> Sha256Stream {
        if let Some((.., state)) = self
            .after_query
            .iter()
            .find(|(m, u, q, _)| *m == method && *u == uri && *q == query)
        {
            return state.clone();
        }
        let mut state = match self
            .after_uri
            .iter()
            .find(|(m, u, _)| *m == method && *u == uri)
        {
            Some((.., state)) => state.clone(),
            None => {
                let mut state = Sha256Stream::default();
                for part in [method, "\n", uri, "\n"] {
                    state.update(part.as_bytes());
                }
                if self.after_uri.len() < MAX_MIDSTATES {
                    self.after_uri.push((method, uri, state.clone()));
                }
                state
            }
        };
        state.update(query.as_bytes());
        state.update(b"\n");
        if self.after_query.len() < MAX_MIDSTATES {
            self.after_query.push((method, uri, query, state.clone()));
        }
        state
    }

    fn signs(&mut self, lines: [&'a str; 6]) -> bool {
        self.tried += 1;
        let mut hash = self.after_query(lines[0], lines[1], lines[2]);
        for (i, line) in lines.iter().enumerate().skip(3) {
            if i > 3 {
                hash.update(b"\n");
            }
            hash.update(line.as_bytes());
        }
        let mut sts = String::with_capacity(self.prefix.len() + 64);
        sts.push_str(&self.prefix);
        sts.push_str(&hex(&hash.finish()));
        let mac = self.key.sign(sts.as_bytes());
        constant_time_eq(&mac, &self.provided)
    }
}

/// Why the search cannot run on this input, if it cannot.
pub fn too_big(url: &RawUrl, headers: &[(String, String)]) -> Option<String> {
    if url.cleaned.len() > MAX_SEARCH_URL_BYTES {
        return Some(format!(
            "the URL is {} bytes long, over the {MAX_SEARCH_URL_BYTES}-byte limit of the search",
            url.cleaned.len()
        ));
    }
    let header_bytes: usize = headers.iter().map(|(n, v)| n.len() + v.len()).sum();
    if header_bytes > MAX_SEARCH_HEADER_BYTES {
        return Some(format!("the headers are {header_bytes} bytes long, over the {MAX_SEARCH_HEADER_BYTES}-byte limit of the search"));
    }
    None
}

/// Runs the search.
pub fn search(input: &SearchInput<'_>) -> RootCauseSearch {
    if let Some(reason) = too_big(input.url, input.headers) {
        return RootCauseSearch {
            variants_tried: 0,
            matches: Vec::new(),
            skipped: Some(reason),
        };
    }
    let Some(provided) = unhex(input.provided_signature).filter(|p| p.len() == 32) else {
        return RootCauseSearch {
            variants_tried: 0,
            matches: Vec::new(),
            skipped: Some(
                "X-Amz-Signature is not 64 hex digits, so no variant can reproduce it".to_owned(),
            ),
        };
    };
    let mut signer = Signer {
        key: HmacSha256Key::new(&*input.signing_key.k_signing),
        prefix: format!(
            "AWS4-HMAC-SHA256\n{}\n{}\n",
            input.amz_date,
            input.scope.scope()
        ),
        provided,
        tried: 0,
        after_uri: Vec::new(),
        after_query: Vec::new(),
    };
    let mut candidates = Vec::new();
    host_candidates(input, &mut candidates);
    let prefix = raw_prefix(input);
    key_candidates(input, &prefix, &mut candidates);
    key_case_candidates(input, &prefix, &mut candidates);
    bucket_case_candidates(input, &mut candidates);
    // A client that switches the addressing style often re-encodes the key as well.
    if let Some((host, alt_prefix, host_change)) = other_style(input) {
        let mut alt = Vec::new();
        key_candidates(input, &alt_prefix, &mut alt);
        key_case_candidates(input, &alt_prefix, &mut alt);
        let headers = headers_with(input, "host", &host);
        for mut c in alt {
            c.headers = Some(headers.clone());
            c.changes.insert(0, host_change.clone());
            candidates.push(c);
        }
    }
    query_candidates(input, &mut candidates);
    header_candidates(input, &mut candidates);
    payload_candidates(input, &mut candidates);

    let mut matches = Vec::new();
    let sent = input.method.as_str();
    // Methods alone.
    for m in HttpMethod::ALL.into_iter().filter(|m| *m != input.method) {
        let lines = [
            m.as_str(),
            input.canonical_uri,
            input.canonical_query,
            input.canonical_headers,
            input.signed_headers,
            input.payload_hash,
        ];
        if signer.signs(lines) {
            matches.push(VariantMatch {
                changes: vec![method_change(m, input.method)],
                canonical_request_text: lines.join("\n"),
            });
        }
    }
    // Each candidate with the method sent, then with every other method.
    'outer: for c in &candidates {
        for m in std::iter::once(input.method)
            .chain(HttpMethod::ALL.into_iter().filter(|m| *m != input.method))
        {
            if signer.tried >= MAX_VARIANTS {
                break 'outer;
            }
            let lines = [
                m.as_str(),
                c.uri.as_deref().unwrap_or(input.canonical_uri),
                c.query.as_deref().unwrap_or(input.canonical_query),
                c.headers.as_deref().unwrap_or(input.canonical_headers),
                input.signed_headers,
                c.payload.as_deref().unwrap_or(input.payload_hash),
            ];
            if signer.signs(lines) {
                let mut changes = c.changes.clone();
                if m.as_str() != sent {
                    changes.insert(0, method_change(m, input.method));
                }
                matches.push(VariantMatch {
                    changes,
                    canonical_request_text: lines.join("\n"),
                });
            }
        }
    }
    RootCauseSearch {
        variants_tried: signer.tried,
        matches,
        skipped: None,
    }
}

fn method_change(signed: HttpMethod, sent: HttpMethod) -> Change {
    let how = match signed {
        HttpMethod::Put => {
            "an upload (PUT, e.g. fetch(url, { method: 'PUT', body }) or curl -T FILE)"
        }
        HttpMethod::Get => "a download (GET: a plain link, fetch(url) or curl URL)",
        HttpMethod::Head => "a HEAD request (curl -I)",
        HttpMethod::Delete => "a DELETE request (curl -X DELETE)",
        HttpMethod::Post => "a POST request",
    };
    change(
        Code::MethodMismatch,
        "method",
        sent.as_str(),
        signed.as_str(),
        format!("This URL was signed for {signed}, you sent {sent}"),
        format!(
            "Re-signing the request with {signed} instead of {sent} reproduces the signature exactly. The method is part of the signature: send the URL as {how}, or presign the operation you need ({sent}: e.g. generate_presigned_url('{}', …) / a {}Command).",
            sdk_operation(sent),
            sdk_command(sent)
        ),
    )
}

fn sdk_operation(m: HttpMethod) -> &'static str {
    match m {
        HttpMethod::Get => "get_object",
        HttpMethod::Put => "put_object",
        HttpMethod::Head => "head_object",
        HttpMethod::Delete => "delete_object",
        HttpMethod::Post => "create_multipart_upload",
    }
}

fn sdk_command(m: HttpMethod) -> &'static str {
    match m {
        HttpMethod::Get => "GetObject",
        HttpMethod::Put => "PutObject",
        HttpMethod::Head => "HeadObject",
        HttpMethod::Delete => "DeleteObject",
        HttpMethod::Post => "CreateMultipartUpload",
    }
}

/// The raw path before the key: `/` (virtual-hosted) or `/bucket/` (path-style).
fn raw_prefix(input: &SearchInput<'_>) -> String {
    let path = &input.url.raw_path;
    let n = path.len().saturating_sub(input.endpoint.raw_key.len());
    path.get(..n).unwrap_or("/").to_owned()
}

fn uri_of(input: &SearchInput<'_>, raw_path: &str) -> String {
    canonical_uri(raw_path, input.mode, input.normalization)
}

/// The canonical headers block with one header's value replaced (or added).
fn headers_with(input: &SearchInput<'_>, name: &str, value: &str) -> String {
    let mut pairs: Vec<(String, String)> = input
        .headers
        .iter()
        .filter(|(n, _)| !n.trim().eq_ignore_ascii_case(name))
        .cloned()
        .collect();
    pairs.push((name.to_owned(), value.to_owned()));
    let signed: Vec<String> = input.signed_headers.split(';').map(str::to_owned).collect();
    canonical_headers(&signed, &pairs).0
}

fn sent_host(input: &SearchInput<'_>) -> String {
    input
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn host_candidates(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    let signed_host = input.signed_headers.split(';').any(|h| h == "host");
    if !signed_host {
        return;
    }
    let endpoint = input.endpoint;
    let Some(bucket) = endpoint.bucket.as_deref() else {
        return;
    };
    let bucket_lower = bucket.to_ascii_lowercase();
    let bucket_raw = uri_encode(bucket.as_bytes(), Slash::Encode);
    let host = input.url.host.as_str();
    // The host without the bucket: what path-style addressing uses.
    let service_host = match endpoint.style {
        AddressingStyle::VirtualHosted => host
            .strip_prefix(&format!("{bucket_lower}."))
            .unwrap_or(host)
            .to_owned(),
        AddressingStyle::PathStyle => host.to_owned(),
    };
    let mut service_hosts = vec![service_host.clone()];
    if endpoint.provider == Provider::AwsS3 {
        // The URL's regions first, then the regions clients are most often misconfigured with.
        let mut regions: Vec<&str> = vec![input.scope.region.as_str()];
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
        let mut seen_hosts: Vec<String> = Vec::new();
        service_hosts.retain(|h| {
            let fresh = !seen_hosts.contains(h);
            seen_hosts.push(h.clone());
            fresh
        });
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
    if endpoint.provider != Provider::AwsS3 {
        let mut seen_hosts: Vec<String> = Vec::new();
        service_hosts.retain(|h| {
            let fresh = !seen_hosts.contains(h);
            seen_hosts.push(h.clone());
            fresh
        });
    }
    let mut seen: Vec<(String, String)> = Vec::new();
    let sent = sent_host(input);
    let raw_key = &input.endpoint.raw_key;
    // Ports a signer may have included: the default ones (some clients sign "host:443"), the
    // URL's own, and those of local S3-compatible stores (MinIO 9000, LocalStack 4566).
    let aws = endpoint.provider == Provider::AwsS3;
    let own_ports: Vec<Option<u16>> = {
        // Amazon S3 is only reached on 443 and 80. Other stores: MinIO 9000/9001, LocalStack
        // 4566, Ceph RGW 7480, SeaweedFS 8333, and the usual 8080/8000.
        let mut p = if aws {
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
        if let Some(port) = input.url.port {
            if !p.contains(&Some(port)) {
                p.push(Some(port));
            }
        }
        p
    };
    for (i, sh) in service_hosts.iter().enumerate() {
        use AddressingStyle::{PathStyle, VirtualHosted};
        // Both styles, and the two mixes a hand-written signer produces (the bucket in both
        // the host and the path, or in neither).
        for (host_style, path_style) in [
            (VirtualHosted, VirtualHosted),
            (PathStyle, PathStyle),
            (VirtualHosted, PathStyle),
            (PathStyle, VirtualHosted),
        ] {
            // On Amazon S3 the other endpoints are tried in the two real styles only.
            if aws && i > 0 && host_style != path_style {
                continue;
            }
            let h = match host_style {
                VirtualHosted => format!("{bucket_lower}.{sh}"),
                PathStyle => sh.clone(),
            };
            let raw_path = match path_style {
                VirtualHosted => format!("/{raw_key}"),
                PathStyle => format!("/{bucket_raw}/{raw_key}"),
            };
            // Other endpoints are reached on the default port, written or not.
            let port_list: &[Option<u16>] = if i == 0 || !aws { &own_ports } else { &[None] };
            for port in port_list {
                let host_value = match port {
                    Some(p) => format!("{h}:{p}"),
                    None => h.clone(),
                };
                let uri = uri_of(input, &raw_path);
                let key = (host_value.clone(), uri.clone());
                if (host_value == sent && uri == input.canonical_uri) || seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                let style_words = match (host_style, path_style) {
                    (VirtualHosted, VirtualHosted) => "virtual-hosted",
                    (PathStyle, PathStyle) => "path-style",
                    (VirtualHosted, PathStyle) => "the bucket in both the host and the path: a signer that mixed the two addressing styles",
                    (PathStyle, VirtualHosted) => "the bucket in neither the host nor the path: a signer that mixed the two addressing styles",
                };
                let signed_url = format!("{}://{host_value}{raw_path}", input.url.scheme);
                let mut c = Candidate::new(change(
                    Code::HostMismatch,
                    "host",
                    sent.clone(),
                    host_value.clone(),
                    format!("This URL was signed for host {host_value}, the request goes to {sent}"),
                    format!(
                        "Re-signing with Host: {host_value} ({style_words}, path {raw_path}) reproduces the signature. The host and path are signed, so the request must go to exactly the URL that was presigned, {signed_url}…; something rewrote it (a proxy or CDN that changes Host, a client switching between path-style and virtual-hosted addressing, a region endpoint, a port). Send the presigned URL unchanged, or presign with the endpoint you use (boto3: Config(s3={{'addressing_style': …}}), endpoint_url; JS v3: forcePathStyle, endpoint)."
                    ),
                ));
                c.headers = Some(headers_with(input, "host", &host_value));
                c.uri = Some(uri);
                out.push(c);
            }
        }
    }
}

/// A key variant: the raw key it stands for, and how to describe it.
fn key_candidate(
    input: &SearchInput<'_>,
    code: Code,
    canonical: String,
    signed_key_shown: &str,
    what: &str,
    fix: &str,
) -> Option<Candidate> {
    if canonical == input.canonical_uri {
        return None;
    }
    let sent_key = &input.endpoint.key;
    let mut c = Candidate::new(change(
        code,
        "key",
        sent_key.clone(),
        signed_key_shown,
        format!("The key was signed as \u{201c}{signed_key_shown}\u{201d}, the URL has \u{201c}{sent_key}\u{201d}"),
        format!("Re-signing with the canonical path {canonical} reproduces the signature: {what}. {fix}"),
    ));
    c.uri = Some(canonical);
    Some(c)
}

/// The same endpoint in the other addressing style: (host, raw path prefix, the change).
fn other_style(input: &SearchInput<'_>) -> Option<(String, String, Change)> {
    let bucket = input.endpoint.bucket.as_deref()?;
    let lower = bucket.to_ascii_lowercase();
    let sent = sent_host(input);
    let (host, prefix) = match input.endpoint.style {
        AddressingStyle::VirtualHosted => (
            sent.strip_prefix(&format!("{lower}."))?.to_owned(),
            format!("/{}/", uri_encode(bucket.as_bytes(), Slash::Encode)),
        ),
        AddressingStyle::PathStyle => (format!("{lower}.{sent}"), "/".to_owned()),
    };
    let c = change(
        Code::HostMismatch,
        "host",
        sent.clone(),
        host.clone(),
        format!("This URL was signed for host {host}, the request goes to {sent}"),
        format!("Re-signing with Host: {host} (the other addressing style) reproduces the signature. The host and path are signed: send the URL exactly as presigned, or presign with the addressing style you use (boto3: Config(s3={{'addressing_style': …}}); JS v3: forcePathStyle)."),
    );
    Some((host, prefix, c))
}

fn key_candidates(input: &SearchInput<'_>, prefix: &str, out: &mut Vec<Candidate>) {
    let prefix = prefix.to_owned();
    let raw_key = input.endpoint.raw_key.as_str();
    let key = percent_decode(raw_key.as_bytes());
    let key_text = String::from_utf8_lossy(&key).into_owned();
    let single = |raw: &str| uri_of(input, &format!("{prefix}{raw}"));
    let unchanged_fix = "Use the URL exactly as the SDK returned it: do not decode, re-encode or rebuild it (no URLSearchParams / encodeURIComponent / urllib.parse round trips).";
    let mut push = |c: Option<Candidate>| {
        if let Some(c) = c {
            out.push(c);
        }
    };
    // '+' in the URL where the signer had a space (form encoding turned %20 into +).
    if raw_key.contains('+') {
        let raw = raw_key.replace('+', "%20");
        let shown = String::from_utf8_lossy(&percent_decode(raw.as_bytes())).into_owned();
        push(key_candidate(input, Code::KeyEncoding, single(&raw), &shown, "the key had a space where the URL has '+' (form encoding writes a space as '+', but in a path '+' is a plus sign)", unchanged_fix));
    }
    // A space (or %20) in the URL where the signer had '+'.
    if key.contains(&b' ') {
        let swapped: Vec<u8> = key
            .iter()
            .map(|&b| if b == b' ' { b'+' } else { b })
            .collect();
        let shown = String::from_utf8_lossy(&swapped).into_owned();
        push(key_candidate(input, Code::KeyEncoding, join_uri(input, &prefix, &uri_encode(&swapped, Slash::Keep)), &shown, "the key had '+' where the URL has a space (%20): a form decoder turned '+' into a space before signing, or after", unchanged_fix));
    }
    // '+' in the key where the signer had a space: a form decoder ran before signing.
    if key.contains(&b'+') {
        let swapped: Vec<u8> = key
            .iter()
            .map(|&b| if b == b'+' { b' ' } else { b })
            .collect();
        let shown = String::from_utf8_lossy(&swapped).into_owned();
        push(key_candidate(
            input,
            Code::KeyEncoding,
            join_uri(input, &prefix, &uri_encode(&swapped, Slash::Keep)),
            &shown,
            "the key was signed with a space where the URL has '+' (%2B)",
            unchanged_fix,
        ));
    }
    // '/' signed as %2F (the signer encoded slashes in the key).
    if key.contains(&b'/') {
        let canonical = join_uri(input, &prefix, &uri_encode(&key, Slash::Encode));
        push(key_candidate(input, Code::KeyEncoding, canonical, &key_text.replace('/', "%2F"), "the signer encoded '/' in the key as %2F, but the URL sends '/' (S3 signs the path with literal slashes)", "Presign with an SDK (it keeps '/' literal), or keep %2F in the URL you send."));
    }
    // %2F kept by the signer where S3 decodes it.
    let lower_raw = raw_key.to_ascii_lowercase();
    if lower_raw.contains("%2f") {
        let mut parts = Vec::new();
        let mut rest = raw_key;
        while let Some(i) = rest.to_ascii_lowercase().find("%2f") {
            parts.push(uri_encode(
                &percent_decode(rest.get(..i).unwrap_or("").as_bytes()),
                Slash::Keep,
            ));
            rest = rest.get(i + 3..).unwrap_or("");
        }
        parts.push(uri_encode(&percent_decode(rest.as_bytes()), Slash::Keep));
        let canonical = join_uri(input, &prefix, &parts.join("%2F"));
        push(key_candidate(input, Code::KeyEncoding, canonical, &key_text, "the signer kept %2F encoded in the canonical path, but S3 decodes %2F to '/' before signing", "Use '/' in the key path instead of %2F, or presign with an SDK."));
    }
    // Double encoding: the signer encoded an already encoded path.
    let once = single(raw_key);
    push(key_candidate(input, Code::KeyEncoding, uri_encode(once.as_bytes(), Slash::Keep), &once, "the path was encoded twice when signing (%20 signed as %2520), as signers for services other than S3 do", "Sign S3 requests with an S3 signer (single encoding), not a generic SigV4 signer set for another service."));
    // The URL was encoded again after signing (%2520 in the URL where %20 was signed).
    if lower_raw.contains("%25") {
        let twice = percent_decode(&key);
        push(key_candidate(
            input,
            Code::KeyEncoding,
            join_uri(input, &prefix, &uri_encode(&twice, Slash::Keep)),
            &String::from_utf8_lossy(&twice),
            "the URL was percent-encoded again after signing (%20 became %2520)",
            unchanged_fix,
        ));
    }
    // Not encoded at all by the signer.
    if key
        .iter()
        .any(|&b| !(b.is_ascii_alphanumeric() || b"-_.~/".contains(&b)))
    {
        push(key_candidate(
            input,
            Code::KeyEncoding,
            format!("{}{}", percent_decode_text(&prefix), key_text),
            &key_text,
            "the signer did not percent-encode the key in the canonical path",
            "Presign with an SDK, or encode every byte except A-Z a-z 0-9 - _ . ~ / as %XX.",
        ));
    }
    // encodeURIComponent leaves !'()* literal; SigV4 encodes them.
    if key.iter().any(|b| b"!'()*".contains(b)) {
        let canonical = single(raw_key)
            .replace("%21", "!")
            .replace("%27", "'")
            .replace("%28", "(")
            .replace("%29", ")")
            .replace("%2A", "*");
        push(key_candidate(input, Code::KeyEncoding, canonical, &key_text, "the signer left ! ' ( ) * unencoded (as JavaScript's encodeURIComponent does); SigV4 encodes them", "Encode ! ' ( ) * as %21 %27 %28 %29 %2A when signing, or presign with an SDK."));
    }
    // '~' encoded as %7E by the signer.
    if key.contains(&b'~') {
        push(key_candidate(
            input,
            Code::KeyEncoding,
            single(raw_key).replace('~', "%7E"),
            &key_text,
            "the signer encoded '~' as %7E; SigV4 keeps it literal",
            "Presign with an SDK, or keep ~ unencoded when signing.",
        ));
    }
    // Lower-case hex digits in escapes.
    let upper = single(raw_key);
    let lower_hex = lower_escapes(&upper);
    push(key_candidate(
        input,
        Code::KeyEncoding,
        lower_hex,
        &key_text,
        "the signer wrote escapes with lower-case hex (%c3%a9); SigV4 requires upper case (%C3%A9)",
        "Presign with an SDK, or use upper-case hex in escapes.",
    ));
    // Unicode normalization.
    if let (Some(n), Ok(text)) = (input.normalizer, std::str::from_utf8(&key)) {
        for (form, f) in [("NFC", n.nfc), ("NFD", n.nfd)] {
            let normalized = f(text);
            if normalized != text {
                let other = if form == "NFC" { "NFD" } else { "NFC" };
                push(key_candidate(
                    input,
                    Code::KeyEncoding,
                    join_uri(input, &prefix, &uri_encode(normalized.as_bytes(), Slash::Keep)),
                    &normalized,
                    &format!("the key was signed in Unicode {form}, but the URL carries it in {other}: the letters look the same, the bytes differ (macOS file names are NFD, most other sources NFC)"),
                    "S3 compares key bytes: use the key exactly as stored, in one normalization form end to end (e.g. normalize('NFC') both when uploading and when presigning).",
                ));
            }
        }
    }
    // Leading and trailing slashes.
    let slash_fix = "S3 keeps slashes as they are: a key with a leading '/' is a different key. Presign with exactly the key you send.";
    if let Some(stripped) = raw_key.strip_prefix('/') {
        push(key_candidate(
            input,
            Code::KeyEncoding,
            single(stripped),
            &String::from_utf8_lossy(&percent_decode(stripped.as_bytes())),
            "the key was signed without its leading '/', but the URL path has two slashes",
            slash_fix,
        ));
    } else {
        let added = format!("/{raw_key}");
        push(key_candidate(
            input,
            Code::KeyEncoding,
            single(&added),
            &format!("/{key_text}"),
            "the key was signed with a leading '/' (the path had two slashes), but the URL has one",
            slash_fix,
        ));
    }
    if let Some(stripped) = raw_key.strip_suffix('/') {
        push(key_candidate(
            input,
            Code::KeyEncoding,
            single(stripped),
            &String::from_utf8_lossy(&percent_decode(stripped.as_bytes())),
            "the key was signed without its trailing '/'",
            slash_fix,
        ));
    } else if !raw_key.is_empty() {
        let added = format!("{raw_key}/");
        push(key_candidate(
            input,
            Code::KeyEncoding,
            single(&added),
            &format!("{key_text}/"),
            "the key was signed with a trailing '/'",
            slash_fix,
        ));
    }
}

fn percent_decode_text(s: &str) -> String {
    String::from_utf8_lossy(&percent_decode(s.as_bytes())).into_owned()
}

/// The canonical URI of the prefix followed by an already canonical key.
fn join_uri(input: &SearchInput<'_>, prefix: &str, canonical_key: &str) -> String {
    let p = uri_of(input, prefix);
    if p.ends_with('/') || canonical_key.is_empty() {
        format!("{p}{canonical_key}")
    } else {
        format!("{p}/{canonical_key}")
    }
}

fn lower_escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut escape = 0;
    for c in s.chars() {
        if c == '%' {
            escape = 2;
            out.push(c);
        } else if escape > 0 {
            escape -= 1;
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn key_case_candidates(input: &SearchInput<'_>, prefix: &str, out: &mut Vec<Candidate>) {
    let raw_key = input.endpoint.raw_key.as_str();
    let key = percent_decode(raw_key.as_bytes());
    let key_text = String::from_utf8_lossy(&key).into_owned();
    let fix = "S3 keys are case-sensitive: presign with the key exactly as stored, and send that same URL.";
    let Unicode { lower, upper, .. } = input.unicode;
    let mut variants: Vec<(String, &str)> = vec![
        (lower(&key_text), "lower case"),
        (upper(&key_text), "upper case"),
    ];
    // The extension alone (.JPG vs .jpg), a common mismatch between file names and keys.
    if let Some(dot) = key_text.rfind('.') {
        let (stem, ext) = key_text.split_at(dot);
        variants.push((format!("{stem}{}", lower(ext)), "a lower-case extension"));
        variants.push((format!("{stem}{}", upper(ext)), "an upper-case extension"));
    }
    for (variant, how) in variants {
        if variant == key_text {
            continue;
        }
        if let Some(c) = key_candidate(
            input,
            Code::KeyCase,
            join_uri(input, prefix, &uri_encode(variant.as_bytes(), Slash::Keep)),
            &variant,
            &format!("the key was signed in {how}"),
            fix,
        ) {
            out.push(c);
        }
    }
}

/// Bucket case: the signer kept upper case that the host (or path) lost, or the reverse.
fn bucket_case_candidates(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    let raw_key = input.endpoint.raw_key.as_str();
    let Some(bucket) = input.endpoint.bucket.as_deref() else {
        return;
    };
    let mut buckets = vec![bucket.to_ascii_lowercase(), bucket.to_ascii_uppercase()];
    buckets.retain(|b| b != bucket);
    let sent = sent_host(input);
    for b in buckets {
        let mut c = Candidate::new(change(
            Code::KeyCase,
            "bucket",
            bucket,
            b.clone(),
            format!("The bucket was signed as \u{201c}{b}\u{201d}, the URL has \u{201c}{bucket}\u{201d}"),
            format!("Re-signing with the bucket name \u{201c}{b}\u{201d} reproduces the signature. Bucket names are lower case and host names lose case: presign with the bucket's real name."),
        ));
        match input.endpoint.style {
            AddressingStyle::VirtualHosted => {
                let lower_bucket = bucket.to_ascii_lowercase();
                let Some(rest) = sent
                    .strip_prefix(&format!("{lower_bucket}."))
                    .or_else(|| sent.strip_prefix(&format!("{bucket}.")))
                else {
                    continue;
                };
                c.headers = Some(headers_with(input, "host", &format!("{b}.{rest}")));
            }
            AddressingStyle::PathStyle => {
                let raw_path = format!("/{}/{raw_key}", uri_encode(b.as_bytes(), Slash::Encode));
                c.uri = Some(uri_of(input, &raw_path));
            }
        }
        out.push(c);
    }
}

fn query_candidates(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    let pairs = &input.url.pairs;
    let canonical = |pairs: &[RawPair]| crate::sigv4::canonical_request::canonical_query(pairs);
    // '+' in a value where the signer had a space.
    if pairs
        .iter()
        .any(|p| p.raw_value().contains('+') && !p.name_is(X_AMZ_SIGNATURE))
    {
        let swapped: Vec<RawPair> = pairs
            .iter()
            .map(|p| p.with_raw_value(&p.raw_value().replace('+', "%20")))
            .collect();
        let mut c = Candidate::new(change(
            Code::QueryEncoding,
            "query",
            "+",
            "%20",
            "A query value was signed with a space where the URL has '+'".to_owned(),
            "Re-signing with '+' read as a space reproduces the signature: the URL was form-encoded after signing (a space written as '+'). S3 reads '+' as a plus sign. Send the query string exactly as the SDK returned it.".to_owned(),
        ));
        c.query = Some(canonical(&swapped));
        out.push(c);
    }
    // A value encoded again after signing (%2B became %252B).
    if pairs
        .iter()
        .any(|p| p.raw_value().to_ascii_lowercase().contains("%25"))
    {
        let once: Vec<RawPair> = pairs
            .iter()
            .map(|p| p.with_raw_value(&String::from_utf8_lossy(&p.value())))
            .collect();
        let mut c = Candidate::new(change(
            Code::QueryEncoding,
            "query",
            "%25XX",
            "%XX",
            "The query string was percent-encoded again after signing".to_owned(),
            "Re-signing with the query decoded once more reproduces the signature: something encoded the already encoded URL (%2F became %252F). Pass the presigned URL on as an opaque string.".to_owned(),
        ));
        c.query = Some(canonical(&once));
        out.push(c);
    }
    // A parameter added after signing.
    for (i, p) in pairs.iter().enumerate() {
        let name = p.name_text();
        if name.starts_with("X-Amz-") && !name.eq_ignore_ascii_case("x-amz-user-agent") {
            continue;
        }
        let rest: Vec<RawPair> = pairs
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, q)| q.clone())
            .collect();
        let mut c = Candidate::new(change(
            Code::QueryEncoding,
            format!("query parameter {name}"),
            format!("{name}={}", p.value_text()),
            "(absent)",
            format!("The query parameter {name} was added after signing"),
            format!("Re-signing without {name} reproduces the signature: every query parameter is signed, so one appended to the presigned URL (a cache buster, a tracking parameter, a response-* override) breaks it. Remove {name}, or pass it to the SDK when presigning."),
        ));
        c.query = Some(canonical(&rest));
        out.push(c);
    }
}

/// Values people send (or SDKs sign) for headers that are commonly signed.
fn common_values(name: &str) -> &'static [&'static str] {
    match name {
        "content-type" => &[
            "application/octet-stream",
            "binary/octet-stream",
            "text/plain",
            "text/plain;charset=UTF-8",
            "text/plain; charset=utf-8",
            "application/json",
            "application/x-www-form-urlencoded",
            "application/pdf",
            "application/zip",
            "image/jpeg",
            "image/png",
            "image/gif",
            "image/webp",
            "text/csv",
            "text/html",
            "video/mp4",
            "multipart/form-data",
        ],
        "x-amz-server-side-encryption" => &["AES256", "aws:kms", "aws:kms:dsse"],
        "x-amz-acl" => &[
            "private",
            "public-read",
            "public-read-write",
            "authenticated-read",
            "bucket-owner-read",
            "bucket-owner-full-control",
        ],
        "x-amz-storage-class" => &[
            "STANDARD",
            "STANDARD_IA",
            "INTELLIGENT_TIERING",
            "ONEZONE_IA",
            "GLACIER",
            "GLACIER_IR",
            "DEEP_ARCHIVE",
            "REDUCED_REDUNDANCY",
        ],
        "content-encoding" => &["gzip", "br", "deflate", "identity"],
        "cache-control" => &[
            "no-cache",
            "no-store",
            "max-age=0",
            "public, max-age=31536000",
        ],
        "content-disposition" => &["attachment", "inline"],
        "x-amz-content-sha256" => &[
            "UNSIGNED-PAYLOAD",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ],
        _ => &[],
    }
}

fn header_candidates(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    for name in input
        .signed_headers
        .split(';')
        .filter(|n| !n.is_empty() && *n != "host")
    {
        let sent: Vec<&str> = input
            .headers
            .iter()
            .filter(|(n, _)| n.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect();
        let sent_text = if sent.is_empty() {
            "(not sent)".to_owned()
        } else {
            sent.join(",")
        };
        let mut values: Vec<String> = common_values(name)
            .iter()
            .map(|v| (*v).to_owned())
            .collect();
        if let Some(first) = sent.first() {
            let v = first.trim();
            // A charset added or dropped on the way (browsers add ;charset=UTF-8 to text bodies).
            if let Some((base, _)) = v.split_once(';') {
                values.push(base.trim().to_owned());
            } else {
                values.push(format!("{v};charset=UTF-8"));
                values.push(format!("{v}; charset=utf-8"));
            }
            values.push(v.to_ascii_lowercase());
            values.push(String::new());
        }
        values.retain(|v| !sent.iter().any(|s| s.trim() == v));
        values.dedup();
        for value in values {
            let shown = if value.is_empty() {
                "(empty)".to_owned()
            } else {
                value.clone()
            };
            let title = if sent.is_empty() {
                format!("{name} was signed as \u{201c}{shown}\u{201d}, you send none")
            } else {
                format!("{name} was signed as \u{201c}{shown}\u{201d}, you send \u{201c}{sent_text}\u{201d}")
            };
            let mut c = Candidate::new(change(
                Code::SignedHeaderValue,
                format!("header {name}"),
                sent_text.clone(),
                shown.clone(),
                title,
                format!("Re-signing with {name}: {shown} reproduces the signature. The value of a signed header is part of the signature: send exactly {name}: {shown} (curl -H '{name}: {shown}'; fetch(url, {{ headers: {{ '{name}': '{shown}' }} }})), or presign with the value you send."),
            ));
            c.headers = Some(headers_with(input, name, &value));
            out.push(c);
        }
    }
}

/// The payload hashes presigned requests are signed with.
fn payload_candidates(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    for value in [
        "UNSIGNED-PAYLOAD",
        EMPTY_SHA256,
        "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
    ] {
        if value == input.payload_hash {
            continue;
        }
        let mut c = Candidate::new(change(
            Code::SignedHeaderValue,
            "payload hash",
            input.payload_hash,
            value,
            format!("The payload hash was signed as {value}, this request has {}", input.payload_hash),
            format!("Re-signing with the payload hash {value} reproduces the signature. The payload hash comes from X-Amz-Content-Sha256 (a query parameter or the x-amz-content-sha256 header); presigned S3 URLs normally sign UNSIGNED-PAYLOAD. Send x-amz-content-sha256 exactly as presigned, or not at all if it was not."),
        ));
        c.payload = Some(value.to_owned());
        out.push(c);
    }
}

/// The findings of a search: one per change of each matching variant. No match is no finding
/// here: `signature-mismatch` then says what remains possible (`diagnose::verdict`).
pub fn findings(search: &RootCauseSearch) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    if let Some(reason) = &search.skipped {
        out.push(
            Finding::new(
                Code::RootCauseSkipped,
                Severity::Info,
                "The root-cause search did not run",
                format!("Re-signing variants was skipped: {reason}. The signature check itself still ran."),
            )
            .with("reason", reason.clone()),
        );
        return out;
    }
    for m in &search.matches {
        let together: Vec<String> = m.changes.iter().map(|c| c.part.clone()).collect();
        for c in &m.changes {
            let mut detail = c.detail.clone();
            if m.changes.len() > 1 {
                detail.push_str(&format!(
                    " (This variant changes {} together.)",
                    together.join(" and ")
                ));
            }
            if out.iter().any(|f| f.code == c.code && f.title == c.title) {
                continue;
            }
            out.push(
                Finding::new(c.code, Severity::Error, c.title.clone(), detail)
                    .with("sent", c.sent.clone())
                    .with("signed", c.signed.clone())
                    .with("variants-tried", search.variants_tried.to_string()),
            );
        }
    }
    out
}
