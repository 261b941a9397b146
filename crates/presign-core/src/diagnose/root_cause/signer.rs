//! The signer of the root-cause search: one pre-keyed HMAC for the whole search, and SHA-256
//! states kept for the canonical-request prefixes that variants share.

use crate::crypto::{constant_time_eq, HmacSha256Key, Sha256Stream};
use crate::encode::hex;
use crate::sigv4::params::{CredentialScope, AWS4_HMAC_SHA256};
use crate::sigv4::signature::SigningKey;

/// Signs canonical requests with one key and compares with the provided signature.
///
/// Hashing the canonical request is nearly all the work, and it grows with the URL. Most
/// variants keep the sent URI (host, query, header and payload variants) or the URI and the
/// query too, so the hash state after `method\nURI\n` and after `method\nURI\nquery\n` is kept
/// per method and such variants hash only what follows. This is what lets the search run on
/// every keystroke at 4 KB URLs (README, Performance).
pub(super) struct Signer<'a> {
    /// kSigning with its HMAC pads pre-hashed, once for the whole search.
    key: HmacSha256Key,
    /// The string to sign up to the canonical request's hash.
    prefix: String,
    /// The signature to reproduce, as bytes.
    provided: Vec<u8>,
    /// The hex digits a cut signature keeps: then only they are compared.
    cut: Option<String>,
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
    /// A signer with the key's kSigning for strings to sign of this date and scope; `provided`
    /// is the signature to reproduce (32 bytes).
    pub(super) fn new(
        signing_key: &SigningKey,
        amz_date: &str,
        scope: &CredentialScope,
        provided: Vec<u8>,
    ) -> Self {
        Signer {
            key: HmacSha256Key::new(&*signing_key.k_signing),
            prefix: format!("{AWS4_HMAC_SHA256}\n{amz_date}\n{}\n", scope.scope()),
            provided,
            cut: None,
            tried: 0,
            after_uri: Vec::new(),
            after_query: Vec::new(),
        }
    }

    /// A signer that compares only the first hex digits of each signature with `digits` (a
    /// signature cut short).
    pub(super) fn cut(mut self, digits: &str) -> Self {
        self.cut = Some(digits.to_owned());
        self
    }

    /// How many canonical requests were signed.
    pub(super) fn tried(&self) -> usize {
        self.tried
    }

    /// Whether the canonical request of these six lines gives the provided signature.
    pub(super) fn signs(&mut self, lines: [&'a str; 6]) -> bool {
        self.tried += 1;
        let mut hash = self.after_query(lines[0], lines[1], lines[2]);
        for (i, line) in lines.iter().enumerate().skip(3) {
            if i > 3 {
                hash.update(b"\n");
            }
            hash.update(line.as_bytes());
        }
        let mut string_to_sign = String::with_capacity(self.prefix.len() + 64);
        string_to_sign.push_str(&self.prefix);
        string_to_sign.push_str(&hex(&hash.finish()));
        let mac = self.key.sign(string_to_sign.as_bytes());
        match &self.cut {
            Some(digits) => hex(&mac).starts_with(digits.as_str()),
            None => constant_time_eq(&mac, &self.provided),
        }
    }

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
        let mut state = self.after_uri(method, uri);
        state.update(query.as_bytes());
        state.update(b"\n");
        if self.after_query.len() < MAX_MIDSTATES {
            self.after_query.push((method, uri, query, state.clone()));
        }
        state
    }

    /// The state after `method\nURI\n`.
    fn after_uri(&mut self, method: &'a str, uri: &'a str) -> Sha256Stream {
        if let Some((.., state)) = self
            .after_uri
            .iter()
            .find(|(m, u, _)| *m == method && *u == uri)
        {
            return state.clone();
        }
        let mut state = Sha256Stream::default();
        for part in [method, "\n", uri, "\n"] {
            state.update(part.as_bytes());
        }
        if self.after_uri.len() < MAX_MIDSTATES {
            self.after_uri.push((method, uri, state.clone()));
        }
        state
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::Request;
    use super::{Signer, MAX_MIDSTATES};
    use crate::encode::unhex;
    use crate::sigv4::canonical_request::CanonicalRequest;
    use crate::sigv4::params::CredentialScope;
    use crate::sigv4::signature::SigningKey;
    use crate::types::Secret;

    /// The S3 documentation example's signature.
    const EXAMPLE_SIGNATURE: &str =
        "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    fn signer(provided: &str) -> (SigningKey, CredentialScope, Vec<u8>) {
        let scope = CredentialScope {
            access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
            date: "20130524".into(),
            region: "us-east-1".into(),
            service: "s3".into(),
            terminator: "aws4_request".into(),
        };
        let secret = Secret::new(super::super::testing::SECRET);
        let key = SigningKey::derive(&secret, "20130524", "us-east-1", "s3", "aws4_request");
        (key, scope, unhex(provided).unwrap())
    }

    fn lines(c: &CanonicalRequest) -> [&str; 6] {
        [
            &c.method,
            &c.canonical_uri,
            &c.canonical_query,
            &c.canonical_headers,
            &c.signed_headers,
            &c.payload_hash,
        ]
    }

    #[test]
    fn s3_documentation_example() {
        let example = Request::example().canonical_request();
        let (key, scope, provided) = signer(EXAMPLE_SIGNATURE);
        let mut signer = Signer::new(&key, "20130524T000000Z", &scope, provided);
        assert!(signer.signs(lines(&example)));
        let mut put = lines(&example);
        put[0] = "PUT";
        assert!(!signer.signs(put));
        assert_eq!(signer.tried(), 2);
    }

    /// Requests that share a method, URI and query reuse the hash state of that prefix, and
    /// reusing it never changes it: each answer is that of a fresh signer.
    #[test]
    fn shared_prefixes_give_the_answers_of_a_fresh_signer() {
        let example = Request::example().canonical_request();
        let hosts = [
            "host:a\n",
            "host:b\n",
            "host:examplebucket.s3.amazonaws.com\n",
        ];
        let queries = ["", &example.canonical_query];
        let mut requests = Vec::new();
        for method in ["GET", "PUT"] {
            for query in queries {
                for headers in hosts {
                    let mut r = lines(&example);
                    (r[0], r[2], r[3]) = (method, query, headers);
                    requests.push(r);
                }
            }
        }
        let (key, scope, provided) = signer(EXAMPLE_SIGNATURE);
        let mut shared = Signer::new(&key, "20130524T000000Z", &scope, provided.clone());
        for _ in 0..2 {
            for r in &requests {
                let mut fresh = Signer::new(&key, "20130524T000000Z", &scope, provided.clone());
                assert_eq!(shared.signs(*r), fresh.signs(*r), "{r:?}");
            }
        }
        let matching = requests.iter().filter(|r| **r == lines(&example)).count();
        assert_eq!(matching, 1);
        assert!(shared.signs(lines(&example)));
    }

    /// A search with more distinct prefixes than are kept still signs each one right.
    #[test]
    fn prefixes_beyond_the_kept_ones() {
        let example = Request::example().canonical_request();
        let uris: Vec<String> = (0..2 * MAX_MIDSTATES).map(|i| format!("/{i}")).collect();
        let (key, scope, provided) = signer(EXAMPLE_SIGNATURE);
        let mut signer = Signer::new(&key, "20130524T000000Z", &scope, provided);
        for uri in &uris {
            let mut r = lines(&example);
            r[1] = uri;
            assert!(!signer.signs(r));
        }
        assert!(signer.after_uri.len() <= MAX_MIDSTATES);
        assert!(signer.after_query.len() <= MAX_MIDSTATES);
        assert!(signer.signs(lines(&example)));
    }
}
