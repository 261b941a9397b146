//! Parameters: the query signed with other parameters than the URL carries. A set of parameters
//! appended after signing (a cache buster *and* a tracking tag, not only one at a time), the
//! session token added or moved, and what the SDKs sign into the query but people strip
//! (`x-id`, the checksum parameters, `X-Amz-Content-Sha256`) or the S3 subresource that names
//! the operation (`?uploads`, `?list-type=2`, `?acl`, …) dropped from the URL.

use super::{Candidate, Change, SearchInput, Variant};
use crate::finding::Code;
use crate::input::url::RawPair;
use crate::sigv4::canonical_request::canonical_query;
use crate::types::HttpMethod;

/// The session token's parameter.
const TOKEN: &str = "X-Amz-Security-Token";

/// Of the parameters that may have been appended, the last this many are tried in every set of
/// two or more (at most 2^6 − 7 = 57 sets); with more, all of them at once too.
const MAX_SET_SEARCH: usize = 6;

/// A parameter an SDK signs into the query, or an S3 subresource, that the URL lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stripped {
    /// `x-id=<operation>`: the AWS SDK for JavaScript v3 names the operation in the query.
    XId(&'static str),
    /// `x-amz-checksum-mode=ENABLED` (`GetObject` with checksum validation).
    ChecksumMode,
    /// `x-amz-checksum-crc32=AAAAAA==` and `x-amz-sdk-checksum-algorithm=CRC32`: the JS v3
    /// default on uploads, the CRC32 of an empty body.
    EmptyBodyCrc32,
    /// `X-Amz-Content-Sha256=UNSIGNED-PAYLOAD` (the JS v3 presigner writes it in the query).
    ContentSha256,
    /// An S3 subresource that names the operation: `name=` (or `name=value`).
    Subresource(&'static str, &'static str),
}

/// The operations whose `x-id` JS v3 writes, for the methods they are sent with.
const X_IDS: [&str; 12] = [
    "GetObject",
    "PutObject",
    "DeleteObject",
    "HeadObject",
    "UploadPart",
    "CreateMultipartUpload",
    "CompleteMultipartUpload",
    "AbortMultipartUpload",
    "ListObjectsV2",
    "DeleteObjects",
    "GetObjectTagging",
    "GetObjectAcl",
];

/// Subresources as (name, value): each names an operation of its own on the same path.
/// `partNumber=1` without `uploadId` is GetObject/HeadObject of one part.
const SUBRESOURCES: [(&str, &str); 14] = [
    ("uploads", ""),
    ("list-type", "2"),
    ("delete", ""),
    ("tagging", ""),
    ("acl", ""),
    ("versions", ""),
    ("versioning", ""),
    ("location", ""),
    ("policy", ""),
    ("cors", ""),
    ("lifecycle", ""),
    ("attributes", ""),
    ("restore", ""),
    ("partNumber", "1"),
];

impl Stripped {
    /// The pairs it adds to the query, as written.
    fn pairs(self) -> Vec<(&'static str, &'static str)> {
        match self {
            Stripped::XId(op) => vec![("x-id", op)],
            Stripped::ChecksumMode => vec![("x-amz-checksum-mode", "ENABLED")],
            Stripped::EmptyBodyCrc32 => vec![
                ("x-amz-checksum-crc32", "AAAAAA%3D%3D"),
                ("x-amz-sdk-checksum-algorithm", "CRC32"),
            ],
            Stripped::ContentSha256 => vec![("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")],
            Stripped::Subresource(name, value) => vec![(name, value)],
        }
    }

    /// The method of the operation it names, when it names one: the variant is signed with
    /// that method only.
    fn method(self) -> Option<HttpMethod> {
        use HttpMethod::{Delete, Get, Head, Post, Put};
        Some(match self {
            Stripped::XId(op) => match op {
                "PutObject" | "UploadPart" => Put,
                "DeleteObject" | "AbortMultipartUpload" => Delete,
                "HeadObject" => Head,
                "CreateMultipartUpload" | "CompleteMultipartUpload" | "DeleteObjects" => Post,
                _ => Get,
            },
            Stripped::ChecksumMode => Get,
            Stripped::EmptyBodyCrc32 => Put,
            Stripped::Subresource(name, _) => match name {
                "uploads" | "delete" | "restore" => Post,
                "list-type" | "versions" | "location" | "attributes" | "partNumber" => Get,
                _ => return None,
            },
            Stripped::ContentSha256 => return None,
        })
    }

    /// Every parameter (set) the family tries to put back.
    fn all() -> impl Iterator<Item = Stripped> {
        X_IDS
            .into_iter()
            .map(Stripped::XId)
            .chain([
                Stripped::ChecksumMode,
                Stripped::EmptyBodyCrc32,
                Stripped::ContentSha256,
            ])
            .chain(
                SUBRESOURCES
                    .into_iter()
                    .map(|(n, v)| Stripped::Subresource(n, v)),
            )
    }
}

/// Whether a parameter may have been appended after signing: not one of SigV4's own (the
/// session token excepted: it is added after signing by mistake).
fn appendable(p: &RawPair) -> bool {
    let name = p.name_text();
    !name.starts_with("X-Amz-") || name == TOKEN
}

/// The family's candidates.
pub(super) fn candidates(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    appended_sets(input, out);
    token_moved(input, out);
    stripped(input, out);
}

/// Sets of two or more parameters appended after signing (one alone is `query.rs`'s), and the
/// session token alone.
fn appended_sets(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    let pairs = &input.url.pairs;
    let eligible: Vec<usize> = (0..pairs.len())
        .filter(|&i| appendable(&pairs[i]))
        .collect();
    // Appended parameters come last: every set of two or more of the last few, and all.
    let last = &eligible[eligible.len().saturating_sub(MAX_SET_SEARCH)..];
    let mut sets: Vec<Vec<usize>> = Vec::new();
    for mask in 1u32..(1 << last.len()) {
        if mask.count_ones() >= 2 {
            let set = last
                .iter()
                .enumerate()
                .filter(|(bit, _)| mask & (1 << bit) != 0)
                .map(|(_, &i)| i)
                .collect();
            sets.push(set);
        }
    }
    if eligible.len() > last.len() {
        sets.push(eligible.clone());
    }
    // The token alone (other single parameters are query.rs's).
    if let Some(&t) = eligible.iter().find(|&&i| pairs[i].name_text() == TOKEN) {
        sets.insert(0, vec![t]);
    }
    for set in sets {
        let rest = pairs
            .iter()
            .enumerate()
            .filter(|(i, _)| !set.contains(i))
            .map(|(_, p)| p);
        let names = set.iter().map(|&i| pairs[i].name_text()).collect();
        out.push(Candidate::new(Variant::QueryParamsAdded { names }).query(canonical_query(rest)));
    }
}

/// The session token sent as the `x-amz-security-token` header, where the URL was signed with
/// it in the query: the URL lacks it.
fn token_moved(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    if input.url.pairs.iter().any(|p| p.name_is(TOKEN)) {
        return;
    }
    let Some((_, token)) = input
        .headers
        .iter()
        .find(|(n, _)| n.trim().eq_ignore_ascii_case(TOKEN))
    else {
        return;
    };
    let encoded = crate::encode::uri_encode(token.trim().as_bytes(), crate::encode::Slash::Encode);
    let added = RawPair::new(TOKEN, Some(&encoded));
    let query = canonical_query(input.url.pairs.iter().chain(std::iter::once(&added)));
    out.push(Candidate::new(Variant::QueryTokenRemoved).query(query));
}

/// The SDK's parameters and the subresources the URL lacks, each put back.
fn stripped(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    let pairs = &input.url.pairs;
    for what in Stripped::all() {
        let added: Vec<RawPair> = what
            .pairs()
            .into_iter()
            .map(|(n, v)| RawPair::new(n, Some(v)))
            .collect();
        if added
            .iter()
            .any(|a| pairs.iter().any(|p| p.name_is(&a.name_text())))
        {
            continue;
        }
        let query = canonical_query(pairs.iter().chain(added.iter()));
        let mut c = Candidate::new(Variant::QueryParamStripped { what }).query(query);
        if let Some(method) = what.method() {
            c = c.only_with(method);
        }
        out.push(c);
    }
}

/// The words for parameters appended after signing.
pub(super) fn added_change(names: &[String]) -> Change {
    let list = names.join(", ");
    let token = names.iter().any(|n| n == TOKEN);
    let (title, why) = if token && names.len() == 1 {
        (
            format!("{TOKEN} was added to the URL after signing"),
            "the URL was presigned without the session token and the token appended afterwards. With temporary credentials the token must be signed: presign with the session token in the credentials (the SDK then signs it), do not append it.".to_owned(),
        )
    } else {
        (
            format!("The query parameters {list} were added after signing"),
            format!("every query parameter is signed, so parameters appended to the presigned URL (cache busters, tracking tags, response-* overrides{}) break it. Remove them, or pass them to the SDK when presigning.", if token { ", the session token" } else { "" }),
        )
    };
    super::change(
        Code::QueryEncoding,
        "query parameters",
        list.clone(),
        "(absent)",
        title,
        format!("Re-signing without {list} reproduces the signature: {why}"),
    )
}

/// The words for a session token signed in the query but sent as a header.
pub(super) fn token_removed_change() -> Change {
    super::change(
        Code::QueryEncoding,
        format!("query parameter {TOKEN}"),
        "(absent)",
        "(the x-amz-security-token header's value)",
        format!("{TOKEN} was signed in the query, the URL lacks it"),
        format!("Re-signing with the x-amz-security-token header's value as the query parameter {TOKEN} reproduces the signature: the URL was presigned with the session token in it, and the token was removed from the URL (it is sent as a header instead). Send the presigned URL whole, token included."),
    )
}

/// The words for an SDK parameter or a subresource the URL lacks.
pub(super) fn stripped_change(what: Stripped) -> Change {
    let written: Vec<String> = what
        .pairs()
        .iter()
        .map(|(n, v)| {
            if v.is_empty() {
                (*n).to_owned()
            } else {
                format!(
                    "{n}={}",
                    String::from_utf8_lossy(&crate::encode::percent_decode(v.as_bytes()))
                )
            }
        })
        .collect();
    let list = written.join("&");
    let why = match what {
        Stripped::XId(_) => "the AWS SDK for JavaScript v3 writes the operation's x-id into the presigned URL and signs it; something removed it (a URL rebuilt from its parts, a filter of unknown parameters)",
        Stripped::ChecksumMode => "the SDK signed x-amz-checksum-mode=ENABLED (ChecksumMode on GetObject) into the URL; something removed it",
        Stripped::EmptyBodyCrc32 => "the AWS SDK for JavaScript v3 signs the CRC32 of an empty body into PUT URLs by default; removing it breaks the signature (presign with requestChecksumCalculation: \"WHEN_REQUIRED\" instead, so it is not signed)",
        Stripped::ContentSha256 => "the AWS SDK for JavaScript v3 signs X-Amz-Content-Sha256=UNSIGNED-PAYLOAD into the URL; something removed it",
        Stripped::Subresource(..) => "it names the S3 operation (an upload, a listing, an object's tags or ACL, a part) and is signed like any parameter; without it the URL asks for another operation",
    };
    super::change(
        Code::QueryEncoding,
        "query parameters",
        "(absent)",
        list.clone(),
        format!("The URL was signed with {list}, which it lacks"),
        format!("Re-signing with {list} added reproduces the signature: {why}. Send the presigned URL exactly as the SDK returned it."),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{found, variants_found, Request, QUERY};
    use super::super::Variant;
    use super::{candidates, Stripped};

    const URL: &str = "https://examplebucket.s3.amazonaws.com/test.txt";

    fn added(names: &[&str]) -> Vec<Vec<Variant>> {
        vec![vec![Variant::QueryParamsAdded {
            names: names.iter().map(|n| (*n).to_owned()).collect(),
        }]]
    }

    /// Two parameters appended after signing: found as a set.
    #[test]
    fn a_set_of_parameters_appended_after_signing() {
        let sent = Request::at_with_query(URL, &format!("{QUERY}&cb=1&utm_source=mail"));
        let (variants, words) = found(&sent, &Request::example().signature(), candidates);
        assert_eq!(variants, added(&["cb", "utm_source"]));
        assert_eq!(
            words[0][0].title,
            "The query parameters cb, utm_source were added after signing"
        );
        assert!(variants_found(&sent, &sent.signature(), candidates).is_empty());
    }

    /// Eight appendable parameters: over the bound, sets of the last ones are tried.
    #[test]
    fn many_parameters_the_last_ones() {
        let signed =
            Request::at_with_query(URL, &format!("a=1&b=2&c=3&d=4&e=5&{QUERY}&x-id=GetObject"));
        let sent = Request::at_with_query(
            URL,
            &format!("a=1&b=2&c=3&d=4&e=5&{QUERY}&x-id=GetObject&f=6&g=7"),
        );
        assert_eq!(
            variants_found(&sent, &signed.signature(), candidates),
            added(&["f", "g"])
        );
    }

    #[test]
    fn session_token_added_after_signing() {
        let sent = Request::at_with_query(URL, &format!("{QUERY}&X-Amz-Security-Token=abc%2Fd"));
        let (variants, words) = found(&sent, &Request::example().signature(), candidates);
        assert_eq!(variants, added(&["X-Amz-Security-Token"]));
        assert_eq!(
            words[0][0].title,
            "X-Amz-Security-Token was added to the URL after signing"
        );
    }

    #[test]
    fn session_token_moved_to_a_header() {
        let signed = Request::at_with_query(URL, &format!("{QUERY}&X-Amz-Security-Token=abc%2Fd"));
        let sent = Request::example().header("X-Amz-Security-Token", "abc/d");
        let (variants, words) = found(&sent, &signed.signature(), candidates);
        assert_eq!(variants, [[Variant::QueryTokenRemoved]]);
        assert_eq!(
            words[0][0].title,
            "X-Amz-Security-Token was signed in the query, the URL lacks it"
        );
    }

    /// Each SDK parameter and subresource, signed and then removed from the URL; sent with the
    /// method of the operation it names, and found with that method only.
    #[test]
    fn each_stripped_parameter_is_put_back() {
        use crate::types::HttpMethod::{Get, Post, Put};
        for (signed_extra, method, what, title) in [
            ("x-id=PutObject", Put, Stripped::XId("PutObject"), "The URL was signed with x-id=PutObject, which it lacks"),
            ("x-amz-checksum-mode=ENABLED", Get, Stripped::ChecksumMode, "The URL was signed with x-amz-checksum-mode=ENABLED, which it lacks"),
            (
                "x-amz-checksum-crc32=AAAAAA%3D%3D&x-amz-sdk-checksum-algorithm=CRC32",
                Put,
                Stripped::EmptyBodyCrc32,
                "The URL was signed with x-amz-checksum-crc32=AAAAAA==&x-amz-sdk-checksum-algorithm=CRC32, which it lacks",
            ),
            ("X-Amz-Content-Sha256=UNSIGNED-PAYLOAD", Get, Stripped::ContentSha256, "The URL was signed with X-Amz-Content-Sha256=UNSIGNED-PAYLOAD, which it lacks"),
            ("uploads", Post, Stripped::Subresource("uploads", ""), "The URL was signed with uploads, which it lacks"),
            ("list-type=2", Get, Stripped::Subresource("list-type", "2"), "The URL was signed with list-type=2, which it lacks"),
            ("acl", Put, Stripped::Subresource("acl", ""), "The URL was signed with acl, which it lacks"),
            ("partNumber=1", Get, Stripped::Subresource("partNumber", "1"), "The URL was signed with partNumber=1, which it lacks"),
        ] {
            let signed = Request::at_with_query(URL, &format!("{signed_extra}&{QUERY}")).method(method);
            let sent = Request::example().method(method);
            let (variants, words) = found(&sent, &signed.signature(), candidates);
            assert_eq!(
                variants,
                [[Variant::QueryParamStripped { what }]],
                "{signed_extra}"
            );
            assert_eq!(words[0][0].title, title);
        }
        // x-id names PutObject: a GET signed with it is not tried.
        let signed = Request::at_with_query(URL, &format!("x-id=PutObject&{QUERY}"));
        assert!(variants_found(&Request::example(), &signed.signature(), candidates).is_empty());
    }
}
