//! Stage 1 of SigV4: the canonical request, exactly as S3 builds it on its side.

use crate::encode::{ascii_string, reencode, reencode_into, uri_encode, Slash};
use crate::input::url::RawPair;
use crate::sigv4::params::X_AMZ_SIGNATURE;
use serde::Serialize;
use std::fmt;

/// How the path is encoded into the canonical URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PercentEncodingMode {
    /// S3: the decoded path is encoded once; `//` and `.` segments are kept as they are.
    Single,
    /// Every other service: the path as sent is encoded again (so `%20` becomes `%2520`).
    Double,
}

/// Whether `.`/`..` segments and repeated slashes are removed from the path first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PathNormalization {
    /// S3 keeps the path as it is: `a//b/./c` names a different key than `a/b/c`.
    Keep,
    Normalize,
}

/// The six lines of a canonical request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CanonicalRequest {
    pub method: String,
    pub canonical_uri: String,
    pub canonical_query: String,
    /// Each signed header as `name:value\n`.
    pub canonical_headers: String,
    pub signed_headers: String,
    pub payload_hash: String,
}

impl CanonicalRequest {
    /// The six lines, joined by `\n`: what is hashed into the string to sign.
    fn lines(&self) -> [&str; 6] {
        [
            &self.method,
            &self.canonical_uri,
            &self.canonical_query,
            &self.canonical_headers,
            &self.signed_headers,
            &self.payload_hash,
        ]
    }

    /// The text that is hashed, built in one allocation (`to_string` without formatting).
    pub fn text(&self) -> String {
        self.lines().join("\n")
    }
}

impl fmt::Display for CanonicalRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    let mut joined = format!("/{}", out.join("/"));
    if (path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..")) && joined.len() > 1 {
        joined.push('/');
    }
    joined
}

/// The canonical URI of a raw path.
pub fn canonical_uri(
    raw_path: &str,
    mode: PercentEncodingMode,
    normalization: PathNormalization,
) -> String {
    let path = if raw_path.is_empty() { "/" } else { raw_path };
    let path = match normalization {
        PathNormalization::Keep => std::borrow::Cow::Borrowed(path),
        PathNormalization::Normalize => std::borrow::Cow::Owned(remove_dot_segments(path)),
    };
    match mode {
        PercentEncodingMode::Single => reencode(path.as_bytes(), Slash::Keep),
        PercentEncodingMode::Double => uri_encode(path.as_bytes(), Slash::Keep),
    }
}

/// The pairs of a canonical query, each name and value decoded and encoded again the SigV4 way
/// into one buffer, and sorted by encoded name and then value. Shared by [`canonical_query`]
/// and the verification fast path, which hashes the pieces without joining them.
pub struct EncodedQuery {
    encoded: Vec<u8>,
    /// Per pair: where its name starts, where its value starts, where it ends.
    spans: Vec<(usize, usize, usize)>,
}

impl EncodedQuery {
    /// From (raw name, raw value) pairs as written; the caller leaves out `X-Amz-Signature`.
    pub fn new(pairs: &[(&str, &str)]) -> Self {
        // Sized up front: escapes already in the text keep their length, so re-encoding seldom
        // grows it by half.
        let bytes: usize = pairs.iter().map(|(n, v)| n.len() + v.len()).sum();
        let mut query = EncodedQuery {
            encoded: Vec::with_capacity(bytes + bytes / 2),
            spans: Vec::with_capacity(pairs.len()),
        };
        for &(name, value) in pairs {
            let start = query.encoded.len();
            reencode_into(&mut query.encoded, name.as_bytes(), Slash::Encode);
            let middle = query.encoded.len();
            reencode_into(&mut query.encoded, value.as_bytes(), Slash::Encode);
            query.spans.push((start, middle, query.encoded.len()));
        }
        let encoded = &query.encoded;
        crate::sort::sort_by(&mut query.spans, |a, b| {
            (&encoded[a.0..a.1], &encoded[a.1..a.2]).cmp(&(&encoded[b.0..b.1], &encoded[b.1..b.2]))
        });
        query
    }

    /// Hands the canonical query to `write` piece by piece: `name`, `=`, `value`, `&`, …
    pub fn write_to(&self, mut write: impl FnMut(&[u8])) {
        for (i, &(start, middle, end)) in self.spans.iter().enumerate() {
            if i > 0 {
                write(b"&");
            }
            write(&self.encoded[start..middle]);
            write(b"=");
            write(&self.encoded[middle..end]);
        }
    }
}

/// The canonical query string: every pair but `X-Amz-Signature`, name and value decoded and
/// encoded again the SigV4 way, sorted by encoded name and then value.
pub fn canonical_query<'a>(pairs: impl IntoIterator<Item = &'a RawPair>) -> String {
    let signed: Vec<(&str, &str)> = pairs
        .into_iter()
        .filter(|p| !p.name_is(X_AMZ_SIGNATURE))
        .map(|p| (p.raw_name(), p.raw_value()))
        .collect();
    let query = EncodedQuery::new(&signed);
    let mut out = Vec::with_capacity(query.encoded.len() + 2 * query.spans.len());
    query.write_to(|piece| out.extend_from_slice(piece));
    ascii_string(out)
}

/// A header value as SigV4 canonicalizes it: trimmed, inner runs of white space (including
/// folded line breaks) collapsed to one space.
pub fn canonical_header_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_canonical_header_value(&mut out, value);
    out
}

/// [`canonical_header_value`], appended to `out`.
fn push_canonical_header_value(out: &mut String, value: &str) {
    for (i, word) in value
        .split([' ', '\t', '\n', '\r'])
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// The canonical headers block and the signed-headers line for the headers named in
/// `signed`, taking values from `sent` (name, value pairs; names compared case-insensitively,
/// repeated headers joined with `,`). Signed headers that were not sent get an empty value
/// and are returned in the second element.
pub fn canonical_headers(
    signed: &[String],
    sent: &[(String, String)],
) -> (String, String, Vec<String>) {
    let mut names: Vec<String> = signed
        .iter()
        .map(|n| n.trim().to_ascii_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    crate::sort::sort(&mut names);
    names.dedup();
    let mut block = String::new();
    let mut missing = Vec::new();
    for name in &names {
        block.push_str(name);
        block.push(':');
        let mut values = sent
            .iter()
            .filter(|(n, _)| n.trim().eq_ignore_ascii_case(name))
            .peekable();
        if values.peek().is_none() {
            missing.push(name.clone());
        }
        for (i, (_, value)) in values.enumerate() {
            if i > 0 {
                block.push(',');
            }
            push_canonical_header_value(&mut block, value);
        }
        block.push('\n');
    }
    (block, names.join(";"), missing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::url::split_query;

    /// The S3 documentation's presigned GET of examplebucket/test.txt.
    #[test]
    fn s3_documentation_example() {
        let pairs = split_query(
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
        );
        let (headers, signed, missing) = canonical_headers(
            &["host".to_owned()],
            &[(
                "Host".to_owned(),
                "examplebucket.s3.amazonaws.com".to_owned(),
            )],
        );
        assert!(missing.is_empty());
        let creq = CanonicalRequest {
            method: "GET".to_owned(),
            canonical_uri: canonical_uri(
                "/test.txt",
                PercentEncodingMode::Single,
                PathNormalization::Keep,
            ),
            canonical_query: canonical_query(&pairs),
            canonical_headers: headers,
            signed_headers: signed,
            payload_hash: "UNSIGNED-PAYLOAD".to_owned(),
        };
        assert_eq!(
            creq.to_string(),
            "GET\n/test.txt\nX-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host\nhost:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD"
        );
    }

    #[test]
    fn s3_paths_are_encoded_once_and_kept() {
        let single = |p| canonical_uri(p, PercentEncodingMode::Single, PathNormalization::Keep);
        assert_eq!(single("/a%20b/c+d"), "/a%20b/c%2Bd");
        assert_eq!(single("/a//./b"), "/a//./b");
        assert_eq!(single("/%7Euser"), "/~user");
        assert_eq!(single(""), "/");
        let double =
            |p| canonical_uri(p, PercentEncodingMode::Double, PathNormalization::Normalize);
        assert_eq!(double("/a%20b//./c/../"), "/a%2520b/");
        assert_eq!(double("/example/.."), "/");
    }

    #[test]
    fn query_sorting_and_plus() {
        let pairs = split_query("b=2&a=1+1&a=0&X-Amz-Signature=x&c");
        assert_eq!(canonical_query(&pairs), "a=0&a=1%2B1&b=2&c=");
    }

    #[test]
    fn header_values() {
        assert_eq!(canonical_header_value("  a   b \n  c "), "a b c");
        let (block, signed, missing) = canonical_headers(
            &["host".into(), "x-amz-meta-a".into(), "content-type".into()],
            &[
                ("X-Amz-Meta-A".into(), "1".into()),
                ("x-amz-meta-a".into(), " 2 ".into()),
                ("Host".into(), "h".into()),
            ],
        );
        assert_eq!(block, "content-type:\nhost:h\nx-amz-meta-a:1,2\n");
        assert_eq!(signed, "content-type;host;x-amz-meta-a");
        assert_eq!(missing, vec!["content-type".to_owned()]);
    }
}
