//! The core of verification, without the report: parse, canonicalize, sign, compare. `inspect`
//! builds its canonical request with [`sigv4_canonical_request`] too, so both answer alike;
//! [`verify`] is the lean path for callers that only need the yes or no (batch checks, the
//! benchmark's "core verification").

use crate::crypto::{constant_time_eq, sha256};
use crate::encode::hex;
use crate::input::url::{parse_url, RawUrl};
use crate::sigv4::canonical_request::{
    canonical_headers, canonical_query, canonical_uri, CanonicalRequest, PathNormalization,
    PercentEncodingMode,
};
use crate::sigv4::params::{
    read_query_auth, CredentialScope, QueryAuth, SigV4Params, AWS4_HMAC_SHA256, UNSIGNED_PAYLOAD,
    X_AMZ_CONTENT_SHA256,
};
use crate::sigv4::signature::SigningKeyCache;
use crate::sigv4::string_to_sign::StringToSign;
use crate::types::{HttpMethod, Secret};

/// Which path encoding and normalization a service's canonical URI uses.
pub fn service_rules(service: &str) -> (PercentEncodingMode, PathNormalization) {
    if service == "s3" || service == "s3-object-lambda" || service == "s3express" {
        (PercentEncodingMode::Single, PathNormalization::Keep)
    } else {
        (PercentEncodingMode::Double, PathNormalization::Normalize)
    }
}

/// The payload hash: `X-Amz-Content-Sha256` from the query or a sent header, else
/// UNSIGNED-PAYLOAD for S3, else the hash of an empty body.
pub fn payload_hash(url: &RawUrl, headers: &[(String, String)], service: &str) -> String {
    if let Some(p) = url.param(X_AMZ_CONTENT_SHA256) {
        return p.value_text();
    }
    if let Some((_, v)) = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(X_AMZ_CONTENT_SHA256))
    {
        return v.clone();
    }
    if service_rules(service).0 == PercentEncodingMode::Single {
        UNSIGNED_PAYLOAD.to_owned()
    } else {
        hex(&sha256(b""))
    }
}

/// The canonical request S3 builds for this URL, method and headers (`headers` must include
/// `host`), and the signed headers the request does not send.
pub fn sigv4_canonical_request(
    url: &RawUrl,
    params: &SigV4Params,
    scope: &CredentialScope,
    method: HttpMethod,
    headers: &[(String, String)],
) -> (CanonicalRequest, Vec<String>) {
    let (mode, normalization) = service_rules(&scope.service);
    let (headers_block, signed_headers, missing) =
        canonical_headers(&params.signed_headers, headers);
    let canonical_request = CanonicalRequest {
        method: method.as_str().to_owned(),
        canonical_uri: canonical_uri(&url.raw_path, mode, normalization),
        canonical_query: canonical_query(&url.pairs),
        canonical_headers: headers_block,
        signed_headers,
        payload_hash: payload_hash(url, headers, &scope.service),
    };
    (canonical_request, missing)
}

/// The answer of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Re-signing gives the URL's signature.
    Valid,
    /// Re-signing gives another signature.
    Mismatch { computed: String },
    /// The URL cannot be checked this way: not a URL, not SigV4 query authentication, a
    /// parameter missing or malformed, or an empty secret. `inspect` says which and why.
    Unverifiable,
}

/// Re-signs a SigV4 presigned URL as S3 does and compares with its signature. `headers` are the
/// headers sent besides `host` (which comes from the URL unless given).
///
/// A well-formed one-line S3 URL takes a fast path that reads it in place; anything unusual
/// (an escaped or repeated parameter name, another service, a pasted quote, …) goes through
/// [`verify_full`], the same parse as `inspect`. Both give the same answer (tested on the SDK
/// fixtures, the oracle's URLs and random input).
pub fn verify(
    url: &str,
    method: HttpMethod,
    headers: &[(&str, &str)],
    secret: &Secret,
    keys: &mut SigningKeyCache,
) -> Verification {
    fast::verify(url, method, headers, secret, keys)
        .unwrap_or_else(|| verify_full(url, method, headers, secret, keys))
}

/// [`verify`] without the fast path: `parse_url`, `read_query_auth` and the canonical request
/// exactly as `inspect` builds them.
pub fn verify_full(
    url: &str,
    method: HttpMethod,
    headers: &[(&str, &str)],
    secret: &Secret,
    keys: &mut SigningKeyCache,
) -> Verification {
    let Ok(url) = parse_url(url) else {
        return Verification::Unverifiable;
    };
    let QueryAuth::SigV4(params) = read_query_auth(&url) else {
        return Verification::Unverifiable;
    };
    let (Some(scope), Some(amz_date), Some(provided)) = (
        params.credential.as_ref(),
        params.amz_date_text.as_deref(),
        params.signature.as_deref(),
    ) else {
        return Verification::Unverifiable;
    };
    if secret.is_empty()
        || !params.problems.is_empty()
        || params.algorithm.as_deref() != Some(AWS4_HMAC_SHA256)
    {
        return Verification::Unverifiable;
    }
    let mut pairs: Vec<(String, String)> = Vec::with_capacity(headers.len() + 1);
    pairs.extend(
        headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("host"))
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
    );
    let host = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map_or_else(|| url.host_header(), |(_, v)| (*v).to_owned());
    pairs.push(("host".to_owned(), host));
    let (canonical_request, _) = sigv4_canonical_request(&url, &params, scope, method, &pairs);
    let string_to_sign = StringToSign::new(amz_date, &scope.scope(), &canonical_request);
    let computed = keys.key_for(secret, scope).sign(&string_to_sign);
    if constant_time_eq(computed.as_bytes(), provided.as_bytes()) {
        Verification::Valid
    } else {
        Verification::Mismatch { computed }
    }
}

/// The fast path: the URL read in place, the canonical request hashed as it is written.
mod fast {
    use super::Verification;
    use crate::crypto::{constant_time_eq, Sha256Stream};
    use crate::encode::{hex, is_hex, percent_decode, reencode_into, Slash};
    use crate::sigv4::canonical_request::{canonical_headers, EncodedQuery};
    use crate::sigv4::params::{
        AWS4_HMAC_SHA256, SIGV4_NAMES, UNSIGNED_PAYLOAD, X_AMZ_CONTENT_SHA256, X_AMZ_SIGNATURE,
    };
    use crate::sigv4::signature::SigningKeyCache;
    use crate::time::parse_amz_date;
    use crate::types::{HttpMethod, Secret};

    /// The auth parameters, in the order the `auth` slots below hold them; each may appear once.
    const AUTH: [&str; 7] = SIGV4_NAMES;

    /// Bytes that send a URL the full way, as a table: this check runs over every byte, and a
    /// search through a list of characters per byte was most of the fast path's time.
    const SPECIAL: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = b <= 0x20 || b >= 0x7f;
            b += 1;
        }
        // `;` for the HTML entities (`&amp;`) that `clean_pasted` undoes.
        let listed = b"#\"'<>`\\{}|^@[];";
        let mut i = 0;
        while i < listed.len() {
            table[listed[i] as usize] = true;
            i += 1;
        }
        table
    };

    fn decoded(raw: &str) -> Option<String> {
        String::from_utf8(percent_decode(raw.as_bytes())).ok()
    }

    /// `None` means "not this way": the full path decides.
    pub(super) fn verify(
        url: &str,
        method: HttpMethod,
        headers: &[(&str, &str)],
        secret: &Secret,
        keys: &mut SigningKeyCache,
    ) -> Option<Verification> {
        // Plain one-line URLs only: whatever `clean_pasted` would change, and everything
        // `parse_url` treats specially (fragments, user info, IPv6, non-ASCII), goes the full way.
        if secret.is_empty() || url.bytes().any(|b| SPECIAL[usize::from(b)]) {
            return None;
        }
        let (default_port, rest) = match url.strip_prefix("https://") {
            Some(rest) => (443, rest),
            None => (80, url.strip_prefix("http://")?),
        };
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, after) = rest.split_at(authority_end);
        let (host, port) = match authority.split_once(':') {
            Some((h, p))
                if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) =>
            {
                (h, Some(p.parse::<u16>().ok()?))
            }
            Some(_) => return None,
            None => (authority, None),
        };
        if host.is_empty()
            || !host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
        {
            return None;
        }
        let (raw_path, query) = after.split_once('?').unwrap_or((after, ""));
        let raw_path = if raw_path.is_empty() { "/" } else { raw_path };

        let mut pairs: Vec<(&str, &str)> = Vec::with_capacity(16);
        let mut auth: [Option<&str>; 7] = [None; 7];
        let mut content_sha256 = None;
        for segment in query.split('&').filter(|s| !s.is_empty()) {
            let (name, value) = segment.split_once('=').unwrap_or((segment, ""));
            if name.contains('%') {
                return None;
            }
            if let Some(i) = AUTH.iter().position(|a| *a == name) {
                if auth[i].replace(value).is_some() {
                    return None;
                }
            }
            if name == X_AMZ_CONTENT_SHA256 && content_sha256.is_none() {
                content_sha256 = Some(value);
            }
            pairs.push((name, value));
        }
        let [Some(algorithm), Some(credential), Some(amz_date), Some(expires), Some(signed_headers), Some(provided), _] =
            auth
        else {
            return None;
        };
        if algorithm != AWS4_HMAC_SHA256
            || parse_amz_date(amz_date).is_none()
            || expires.is_empty()
            || expires.len() > 18
            || !expires.bytes().all(|b| b.is_ascii_digit())
            || provided.len() != 64
            || !is_hex(provided.as_bytes())
        {
            return None;
        }
        let credential = decoded(credential)?;
        let mut scope = credential.split('/');
        let (Some(_), Some(date), Some(region), Some(service), Some(terminator), None) = (
            scope.next(),
            scope.next(),
            scope.next(),
            scope.next(),
            scope.next(),
            scope.next(),
        ) else {
            return None;
        };
        // Other services encode the path twice and normalize it: the full path knows how.
        if !matches!(service, "s3" | "s3-object-lambda" | "s3express") {
            return None;
        }
        let signed: Vec<String> = decoded(signed_headers)?
            .split(';')
            .map(str::to_owned)
            .collect();

        let mut sent: Vec<(String, String)> = Vec::with_capacity(headers.len() + 1);
        sent.extend(
            headers
                .iter()
                .filter(|(n, _)| !n.eq_ignore_ascii_case("host"))
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
        );
        let host_header = match headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("host")) {
            Some((_, v)) => (*v).to_owned(),
            None => {
                let host = host.to_ascii_lowercase();
                match port {
                    Some(p) if p != default_port => format!("{host}:{p}"),
                    _ => host,
                }
            }
        };
        sent.push(("host".to_owned(), host_header));
        let payload_hash = match content_sha256 {
            Some(v) => String::from_utf8_lossy(&percent_decode(v.as_bytes())).into_owned(),
            None => match sent
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(X_AMZ_CONTENT_SHA256))
            {
                Some((_, v)) => v.clone(),
                None => UNSIGNED_PAYLOAD.to_owned(),
            },
        };
        let (headers_block, signed_line, _) = canonical_headers(&signed, &sent);

        // The canonical query: every pair but the signature, hashed as it is written.
        pairs.retain(|(n, _)| *n != X_AMZ_SIGNATURE);
        let query = EncodedQuery::new(&pairs);

        let mut canonical_request = Sha256Stream::default();
        canonical_request.update(method.as_str().as_bytes());
        canonical_request.update(b"\n");
        let mut uri = Vec::with_capacity(raw_path.len() + 16);
        reencode_into(&mut uri, raw_path.as_bytes(), Slash::Keep);
        canonical_request.update(&uri);
        canonical_request.update(b"\n");
        query.write_to(|piece| canonical_request.update(piece));
        canonical_request.update(b"\n");
        canonical_request.update(headers_block.as_bytes());
        canonical_request.update(b"\n");
        canonical_request.update(signed_line.as_bytes());
        canonical_request.update(b"\n");
        canonical_request.update(payload_hash.as_bytes());

        let string_to_sign = format!(
            "{AWS4_HMAC_SHA256}\n{amz_date}\n{date}/{region}/{service}/{terminator}\n{}",
            hex(&canonical_request.finish())
        );
        let computed = keys
            .get_or_derive(secret, [date, region, service, terminator])
            .sign_text(&string_to_sign);
        Some(
            if constant_time_eq(computed.as_bytes(), provided.as_bytes()) {
                Verification::Valid
            } else {
                Verification::Mismatch { computed }
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sigv4::signature::SigningKeyCache;

    const DOC_URL: &str = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    /// The S3 documentation example (GET examplebucket/test.txt, 2013-05-24).
    #[test]
    fn s3_documentation_example() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assert_eq!(
            verify(
                DOC_URL,
                HttpMethod::Get,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Valid
        );
        let explicit_host = [("Host", "examplebucket.s3.amazonaws.com")];
        assert_eq!(
            verify(
                DOC_URL,
                HttpMethod::Get,
                &explicit_host,
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Valid
        );
        assert!(matches!(
            verify(
                DOC_URL,
                HttpMethod::Put,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Mismatch { .. }
        ));
        let wrong = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ");
        assert!(matches!(
            verify(
                DOC_URL,
                HttpMethod::Get,
                &[],
                &wrong,
                &mut SigningKeyCache::default()
            ),
            Verification::Mismatch { .. }
        ));
    }

    /// The fast path takes the plain URL; a pasted quote or an escaped name sends it the full
    /// way; both agree.
    #[test]
    fn fast_and_full_paths_agree() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assert_eq!(
            fast::verify(
                DOC_URL,
                HttpMethod::Get,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            Some(Verification::Valid)
        );
        let quoted = format!("\"{DOC_URL}\"");
        assert_eq!(
            fast::verify(
                &quoted,
                HttpMethod::Get,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            None
        );
        assert_eq!(
            verify(
                &quoted,
                HttpMethod::Get,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Valid
        );
        let wrong = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ");
        assert_eq!(
            fast::verify(
                DOC_URL,
                HttpMethod::Get,
                &[],
                &wrong,
                &mut SigningKeyCache::default()
            ),
            Some(verify_full(
                DOC_URL,
                HttpMethod::Get,
                &[],
                &wrong,
                &mut SigningKeyCache::default()
            ))
        );
        let escaped_name = DOC_URL.replace("X-Amz-Date=", "X%2DAmz-Date=");
        assert_eq!(
            fast::verify(
                &escaped_name,
                HttpMethod::Get,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            None
        );
        assert_eq!(
            verify(
                &escaped_name,
                HttpMethod::Get,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Valid
        );
    }

    #[test]
    fn unverifiable_inputs() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assert_eq!(
            verify(
                "not a url",
                HttpMethod::Get,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Unverifiable
        );
        assert_eq!(
            verify(
                "https://b.s3.amazonaws.com/k",
                HttpMethod::Get,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Unverifiable
        );
        let truncated = DOC_URL.replace("&X-Amz-Expires=86400", "");
        assert_eq!(
            verify(
                &truncated,
                HttpMethod::Get,
                &[],
                &secret,
                &mut SigningKeyCache::default()
            ),
            Verification::Unverifiable
        );
        assert_eq!(
            verify(
                DOC_URL,
                HttpMethod::Get,
                &[],
                &Secret::new(""),
                &mut SigningKeyCache::default()
            ),
            Verification::Unverifiable
        );
    }
}
