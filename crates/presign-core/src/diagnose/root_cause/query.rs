//! The query: '+' for a space, a query encoded twice, a parameter added after signing, and the
//! canonical query encoded by a signer that writes `!'()*`, spaces or '+' otherwise than SigV4.

use super::{Candidate, Change, SearchInput, Variant};
use crate::finding::Code;
use crate::input::url::RawPair;
use crate::sigv4::canonical_request::canonical_query;
use crate::sigv4::params::X_AMZ_SIGNATURE;

/// How a signer's canonical query differed from SigV4's encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reencoding {
    /// `!'()*` left literal (JavaScript's encodeURIComponent).
    ReservedLiteral,
    /// A space written '+' (form encoding: `URLSearchParams`, `quote_plus`).
    SpaceAsPlus,
    /// '+' left literal, not %2B.
    PlusLiteral,
    /// The URL has a space (%20) where the signer had '+' (%2B): a form decoder read '+' as a
    /// space after signing.
    PlusDecodedToSpace,
}

impl Reencoding {
    const ALL: [Reencoding; 4] = [
        Reencoding::ReservedLiteral,
        Reencoding::SpaceAsPlus,
        Reencoding::PlusLiteral,
        Reencoding::PlusDecodedToSpace,
    ];

    /// The canonical query the signer wrote, from SigV4's; `None` when it is the same.
    fn apply(self, canonical: &str) -> Option<String> {
        let replaced = match self {
            Reencoding::ReservedLiteral => canonical
                .replace("%21", "!")
                .replace("%27", "'")
                .replace("%28", "(")
                .replace("%29", ")")
                .replace("%2A", "*"),
            Reencoding::SpaceAsPlus => canonical.replace("%20", "+"),
            Reencoding::PlusLiteral => canonical.replace("%2B", "+"),
            Reencoding::PlusDecodedToSpace => canonical.replace("%20", "%2B"),
        };
        (replaced != canonical).then_some(replaced)
    }
}

/// The query's variants.
pub(super) fn candidates(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    let pairs = &input.url.pairs;
    for how in Reencoding::ALL {
        if let Some(query) = how.apply(&input.canonical_request.canonical_query) {
            out.push(Candidate::new(Variant::QueryReencoded { how }).query(query));
        }
    }
    // '+' in a value where the signer had a space.
    if pairs
        .iter()
        .any(|p| p.raw_value().contains('+') && !p.name_is(X_AMZ_SIGNATURE))
    {
        let swapped: Vec<RawPair> = pairs
            .iter()
            .map(|p| p.with_raw_value(&p.raw_value().replace('+', "%20")))
            .collect();
        out.push(Candidate::new(Variant::QueryPlus).query(canonical_query(&swapped)));
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
        out.push(Candidate::new(Variant::QueryDoubleEncoded).query(canonical_query(&once)));
    }
    // A parameter added after signing.
    for (i, p) in pairs.iter().enumerate() {
        let name = p.name_text();
        if name.starts_with("X-Amz-") && !name.eq_ignore_ascii_case("x-amz-user-agent") {
            continue;
        }
        let rest = pairs
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, q)| q);
        let value = p.value_text();
        out.push(
            Candidate::new(Variant::QueryParamAdded { name, value }).query(canonical_query(rest)),
        );
    }
}

/// The words for a query signed with a space where the URL has '+'.
pub(super) fn plus_change() -> Change {
    super::change(
        Code::QueryEncoding,
        "query",
        "+",
        "%20",
        "A query value was signed with a space where the URL has '+'".to_owned(),
        "Re-signing with '+' read as a space reproduces the signature: the URL was form-encoded after signing (a space written as '+'). S3 reads '+' as a plus sign. Send the query string exactly as the SDK returned it.".to_owned(),
    )
}

/// The words for a query encoded once more after signing.
pub(super) fn double_encoded_change() -> Change {
    super::change(
        Code::QueryEncoding,
        "query",
        "%25XX",
        "%XX",
        "The query string was percent-encoded again after signing".to_owned(),
        "Re-signing with the query decoded once more reproduces the signature: something encoded the already encoded URL (%2F became %252F). Pass the presigned URL on as an opaque string.".to_owned(),
    )
}

/// The words for a canonical query the signer encoded otherwise.
pub(super) fn reencoded_change(how: Reencoding) -> Change {
    let (sent, signed, title, what) = match how {
        Reencoding::ReservedLiteral => ("%21 %27 %28 %29 %2A", "! ' ( ) *", "The query was signed with ! ' ( ) * unencoded", "the signer left ! ' ( ) * literal in the canonical query (as encodeURIComponent does); SigV4 encodes them as %21 %27 %28 %29 %2A"),
        Reencoding::SpaceAsPlus => ("%20", "+", "The query was signed with a space written '+'", "the signer form-encoded the canonical query (a space as '+', as URLSearchParams and quote_plus do); SigV4 writes %20"),
        Reencoding::PlusLiteral => ("%2B", "+", "The query was signed with '+' unencoded", "the signer left '+' literal in the canonical query; SigV4 encodes it as %2B"),
        Reencoding::PlusDecodedToSpace => ("%20", "%2B", "A query value was signed with '+' where the URL has a space", "the value had '+' (%2B) when it was signed, and the URL now has a space (%20): a form decoder read '+' as a space after signing"),
    };
    super::change(
        Code::QueryEncoding,
        "query",
        sent,
        signed,
        title.to_owned(),
        format!("Re-signing with the canonical query encoded this way reproduces the signature: {what}. Presign with an SDK, and pass the presigned URL on as an opaque string."),
    )
}

/// The words for a query parameter `name=value` added after signing.
pub(super) fn added_change(name: &str, value: &str) -> Change {
    super::change(
        Code::QueryEncoding,
        format!("query parameter {name}"),
        format!("{name}={value}"),
        "(absent)",
        format!("The query parameter {name} was added after signing"),
        format!("Re-signing without {name} reproduces the signature: every query parameter is signed, so one appended to the presigned URL (a cache buster, a tracking parameter, a response-* override) breaks it. Remove {name}, or pass it to the SDK when presigning."),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{found, variants_found, Request, QUERY};
    use super::super::Variant;
    use super::candidates;

    const URL: &str = "https://examplebucket.s3.amazonaws.com/test.txt";

    fn with_query(extra: &str) -> Request {
        Request::at_with_query(URL, &format!("{extra}&{QUERY}"))
    }

    #[test]
    fn parameter_added_after_signing() {
        let sent = Request::at_with_query(URL, &format!("{QUERY}&cb=12345"));
        let (variants, words) = found(&sent, &Request::example().signature(), candidates);
        assert_eq!(
            variants,
            [[Variant::QueryParamAdded {
                name: "cb".to_owned(),
                value: "12345".to_owned(),
            }]]
        );
        assert_eq!(
            words[0][0].title,
            "The query parameter cb was added after signing"
        );
        assert_eq!(words[0][0].sent, "cb=12345");
    }

    #[test]
    fn space_signed_where_the_url_has_plus() {
        let signed =
            with_query("response-content-disposition=attachment%3B%20filename%3Da%20b.txt");
        let sent = with_query("response-content-disposition=attachment%3B+filename%3Da+b.txt");
        let (variants, words) = found(&sent, &signed.signature(), candidates);
        assert_eq!(variants, [[Variant::QueryPlus]]);
        assert_eq!(
            words[0][0].title,
            "A query value was signed with a space where the URL has '+'"
        );
    }

    #[test]
    fn query_encoded_again_after_signing() {
        let signed = with_query("prefix=a%2Fb");
        let sent = with_query("prefix=a%252Fb");
        assert_eq!(
            variants_found(&sent, &signed.signature(), candidates),
            [[Variant::QueryDoubleEncoded]]
        );
    }

    /// Each way a signer writes the canonical query otherwise than SigV4.
    #[test]
    fn canonical_query_encoded_otherwise_by_the_signer() {
        use super::Reencoding::*;
        for (value, from, to, how) in [
            (
                "it%27s%20%28a%29%2A%21",
                "%27s%20%28a%29%2A%21",
                "'s%20(a)*!",
                ReservedLiteral,
            ),
            ("a%20b", "a%20b", "a+b", SpaceAsPlus),
            ("a%2Bb", "a%2Bb", "a+b", PlusLiteral),
            ("a%20b", "a%20b", "a%2Bb", PlusDecodedToSpace),
        ] {
            let sent = with_query(&format!("prefix={value}"));
            let signed = sent.signature_with(|c| {
                c.canonical_query = c.canonical_query.replace(from, to);
            });
            let (variants, words) = found(&sent, &signed, candidates);
            assert_eq!(variants, [[Variant::QueryReencoded { how }]], "{value}");
            assert_eq!(words[0][0].code, crate::finding::Code::QueryEncoding);
            assert!(variants_found(&sent, &sent.signature(), candidates).is_empty());
        }
    }

    #[test]
    fn no_match_on_the_request_as_signed() {
        let sent = with_query("response-content-type=a+b%252F&x-id=GetObject");
        assert!(variants_found(&sent, &sent.signature(), candidates).is_empty());
    }
}
