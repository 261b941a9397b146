//! The query parameters of presigned URLs: names in one place, and their reading.

use crate::encode::is_hex;
use crate::input::url::RawUrl;
use crate::time::{parse_amz_date, parse_scope_date, UnixTime};
use serde::Serialize;

pub const X_AMZ_ALGORITHM: &str = "X-Amz-Algorithm";
pub const X_AMZ_CREDENTIAL: &str = "X-Amz-Credential";
pub const X_AMZ_DATE: &str = "X-Amz-Date";
pub const X_AMZ_EXPIRES: &str = "X-Amz-Expires";
pub const X_AMZ_SIGNED_HEADERS: &str = "X-Amz-SignedHeaders";
pub const X_AMZ_SIGNATURE: &str = "X-Amz-Signature";
pub const X_AMZ_SECURITY_TOKEN: &str = "X-Amz-Security-Token";
pub const X_AMZ_CONTENT_SHA256: &str = "X-Amz-Content-Sha256";
pub const AWS4_HMAC_SHA256: &str = "AWS4-HMAC-SHA256";
pub const AWS4_REQUEST: &str = "aws4_request";
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// The longest `X-Amz-Expires` S3 accepts: seven days.
pub const MAX_EXPIRES: i64 = 604_800;

use crate::input::url::params::whole_seconds;
pub use crate::input::url::params::{ParamProblem, REDACTED_SIGNATURE};
pub use crate::sigv2::params::{SigV2Params, SIGV2_ACCESS_KEY_ID, SIGV2_EXPIRES, SIGV2_SIGNATURE};

/// Whether a (decoded) query parameter or signed header name is an upload checksum that the
/// client must send: `x-amz-checksum-*` (but not `x-amz-checksum-mode`, which asks S3 for the
/// checksum in a response) or `x-amz-sdk-checksum-algorithm`. ASCII case is ignored.
pub fn is_checksum_name(name: &[u8]) -> bool {
    const PREFIX: &[u8] = b"x-amz-checksum-";
    let checksum = name.len() >= PREFIX.len() && name[..PREFIX.len()].eq_ignore_ascii_case(PREFIX);
    (checksum && !name.eq_ignore_ascii_case(b"x-amz-checksum-mode"))
        || name.eq_ignore_ascii_case(b"x-amz-sdk-checksum-algorithm")
}

/// `X-Amz-Credential` split into its five parts:
/// `AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CredentialScope {
    pub access_key_id: String,
    pub date: String,
    pub region: String,
    pub service: String,
    pub terminator: String,
}

impl CredentialScope {
    /// `None` unless the value has exactly five `/`-separated parts.
    pub fn parse(value: &str) -> Option<Self> {
        let parts: Vec<&str> = value.split('/').collect();
        let [access_key_id, date, region, service, terminator] = parts[..] else {
            return None;
        };
        Some(CredentialScope {
            access_key_id: access_key_id.to_owned(),
            date: date.to_owned(),
            region: region.to_owned(),
            service: service.to_owned(),
            terminator: terminator.to_owned(),
        })
    }

    /// The scope as it appears in the string to sign: `date/region/service/aws4_request`.
    pub fn scope(&self) -> String {
        [&self.date, &self.region, &self.service, &self.terminator]
            .map(String::as_str)
            .join("/")
    }

    pub fn date_time(&self) -> Option<UnixTime> {
        parse_scope_date(&self.date)
    }
}

/// The SigV4 query-auth parameters, each read as far as it can be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SigV4Params {
    pub algorithm: Option<String>,
    pub credential: Option<CredentialScope>,
    pub amz_date: Option<UnixTime>,
    pub amz_date_text: Option<String>,
    pub expires: Option<i64>,
    /// Header names as listed in `X-Amz-SignedHeaders`, in their order.
    pub signed_headers: Vec<String>,
    pub signature: Option<String>,
    pub security_token: Option<String>,
    pub problems: Vec<ParamProblem>,
}

/// Which kind of query authentication the URL carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[allow(
    clippy::large_enum_variant,
    reason = "one value per inspection, never stored in bulk: a box would only add a hop"
)]
pub enum QueryAuth {
    SigV4(SigV4Params),
    SigV2(SigV2Params),
    /// No presigning parameters at all.
    None,
}

/// Reads the query-auth parameters of a URL.
pub fn read_query_auth(url: &RawUrl) -> QueryAuth {
    let places = SigV4Places::find(url);
    // X-Amz-Algorithm, -Credential or -Signature in any case: SigV4 (a miscased name is a
    // malformed SigV4 URL, not an anonymous one).
    if [ALGORITHM, CREDENTIAL, SIGNATURE]
        .into_iter()
        .any(|k| places.first[k].is_some() || places.miscased[k].is_some())
    {
        return QueryAuth::SigV4(read_sigv4(url, &places));
    }
    if url.param(SIGV2_ACCESS_KEY_ID).is_some() || url.param(SIGV2_SIGNATURE).is_some() {
        return QueryAuth::SigV2(crate::sigv2::params::read_sigv2(url));
    }
    QueryAuth::None
}

/// The SigV4 query-auth parameter names, in the order [`read_sigv4`] reports on them.
pub const SIGV4_NAMES: [&str; 7] = [
    X_AMZ_ALGORITHM,
    X_AMZ_CREDENTIAL,
    X_AMZ_DATE,
    X_AMZ_EXPIRES,
    X_AMZ_SIGNED_HEADERS,
    X_AMZ_SIGNATURE,
    X_AMZ_SECURITY_TOKEN,
];

/// Indexes into [`SIGV4_NAMES`] (and [`SigV4Places`]).
const ALGORITHM: usize = 0;
const CREDENTIAL: usize = 1;
const DATE: usize = 2;
const EXPIRES: usize = 3;
const SIGNED_HEADERS: usize = 4;
const SIGNATURE: usize = 5;
const SECURITY_TOKEN: usize = 6;

/// Where each of [`SIGV4_NAMES`] is among the URL's pairs, found in one pass over them: the
/// first pair with exactly that decoded name, whether there is a second, and the first pair
/// whose name differs from it only in ASCII case.
struct SigV4Places<'a> {
    url: &'a RawUrl,
    first: [Option<usize>; 7],
    repeated: [bool; 7],
    miscased: [Option<usize>; 7],
}

impl<'a> SigV4Places<'a> {
    fn find(url: &'a RawUrl) -> Self {
        let mut places = SigV4Places {
            url,
            first: [None; 7],
            repeated: [false; 7],
            miscased: [None; 7],
        };
        for (i, pair) in url.pairs.iter().enumerate() {
            let name = pair.name_bytes();
            // Every SigV4 name starts with "X-Amz-": most other parameters end here.
            if name.len() < 6 || !name[..6].eq_ignore_ascii_case(b"X-Amz-") {
                continue;
            }
            for (k, expected) in SIGV4_NAMES.iter().enumerate() {
                if *name == *expected.as_bytes() {
                    if places.first[k].is_some() {
                        places.repeated[k] = true;
                    } else {
                        places.first[k] = Some(i);
                    }
                } else if places.miscased[k].is_none()
                    && name.eq_ignore_ascii_case(expected.as_bytes())
                {
                    places.miscased[k] = Some(i);
                }
            }
        }
        places
    }

    /// The value of parameter `k` (an index into [`SIGV4_NAMES`]), saying when it is repeated.
    fn single(&self, k: usize, problems: &mut Vec<ParamProblem>) -> Option<String> {
        let first = self.first[k]?;
        if self.repeated[k] {
            problems.push(ParamProblem::Duplicate {
                name: SIGV4_NAMES[k],
            });
        }
        Some(self.url.pairs[first].value_text())
    }

    /// Like [`SigV4Places::single`], saying when it is missing too.
    fn required(&self, k: usize, problems: &mut Vec<ParamProblem>) -> Option<String> {
        let value = self.single(k, problems);
        if value.is_none() {
            problems.push(ParamProblem::Missing {
                name: SIGV4_NAMES[k],
            });
        }
        value
    }
}

/// The SigV4 query parameters, read the way the HMAC algorithm and SigV4A share: the same
/// names, read the same way. What differs (the credential's parts, the signature's form) is
/// the caller's: `C` is its reading of the credential.
pub(crate) struct SigV4Fields<C> {
    pub algorithm: Option<String>,
    pub credential: Option<C>,
    pub amz_date: Option<UnixTime>,
    pub amz_date_text: Option<String>,
    pub expires: Option<i64>,
    pub signed_headers: Vec<String>,
    pub signature: Option<String>,
    pub security_token: Option<String>,
    pub problems: Vec<ParamProblem>,
}

/// The two rules that differ between the SigV4 algorithms, each adding its problems.
pub(crate) struct FamilyRules<C> {
    pub credential: fn(String, &mut Vec<ParamProblem>) -> Option<C>,
    pub signature: fn(&str, &mut Vec<ParamProblem>),
}

/// Reads the SigV4 query parameters of a URL with a family's rules (SigV4A's reader).
pub(crate) fn read_sigv4_fields<C>(url: &RawUrl, rules: &FamilyRules<C>) -> SigV4Fields<C> {
    read_fields(url, &SigV4Places::find(url), rules)
}

fn read_fields<C>(
    url: &RawUrl,
    places: &SigV4Places<'_>,
    rules: &FamilyRules<C>,
) -> SigV4Fields<C> {
    let mut problems = Vec::new();
    // SigV4 parameter names are case-sensitive; a wrongly cased one is as good as missing,
    // and worth saying so (for the required ones: all but the token, which comes last).
    for (k, name) in SIGV4_NAMES.into_iter().enumerate().take(SECURITY_TOKEN) {
        if let (None, Some(i)) = (places.first[k], places.miscased[k]) {
            problems.push(ParamProblem::Malformed {
                name,
                value: url.pairs[i].name_text(),
                expected:
                    "the parameter name with exactly this case (SigV4 names are case-sensitive)",
            });
        }
    }
    let algorithm = places.required(ALGORITHM, &mut problems);
    let credential = places
        .required(CREDENTIAL, &mut problems)
        .and_then(|v| (rules.credential)(v, &mut problems));
    let amz_date_text = places.required(DATE, &mut problems);
    let amz_date = amz_date_text.as_ref().and_then(|v| {
        let parsed = parse_amz_date(v);
        if parsed.is_none() {
            problems.push(ParamProblem::Malformed {
                name: X_AMZ_DATE,
                value: v.clone(),
                expected: "a UTC timestamp in the form YYYYMMDDTHHMMSSZ, e.g. 20130524T000000Z",
            });
        }
        parsed
    });
    let expires = places.required(EXPIRES, &mut problems).and_then(|v| {
        whole_seconds(
            X_AMZ_EXPIRES,
            v,
            "a whole number of seconds, from 1 to 604800",
            &mut problems,
        )
    });
    let signed_headers = places
        .required(SIGNED_HEADERS, &mut problems)
        .map(|v| v.split(';').map(str::to_owned).collect())
        .unwrap_or_default();
    let signature = places.required(SIGNATURE, &mut problems);
    if let Some(sig) = &signature {
        // A share link's redacted signature is said once, as such, by either family.
        if sig == REDACTED_SIGNATURE {
            problems.push(ParamProblem::Redacted {
                name: X_AMZ_SIGNATURE,
            });
        } else {
            (rules.signature)(sig, &mut problems);
        }
    }
    let security_token = places.single(SECURITY_TOKEN, &mut problems);
    SigV4Fields {
        algorithm,
        credential,
        amz_date,
        amz_date_text,
        expires,
        signed_headers,
        signature,
        security_token,
        problems,
    }
}

/// AWS4-HMAC-SHA256's rules: a five-part credential, a 64-hex-digit signature.
const HMAC_RULES: FamilyRules<CredentialScope> = FamilyRules {
    credential: |v, problems| {
        let parsed = CredentialScope::parse(&v);
        if parsed.is_none() {
            problems.push(ParamProblem::Malformed {
                name: X_AMZ_CREDENTIAL,
                value: v,
                expected: "five parts: ACCESS_KEY_ID/YYYYMMDD/REGION/SERVICE/aws4_request",
            });
        }
        parsed
    },
    signature: |sig, problems| {
        if sig.len() != 64 || !is_hex(sig.as_bytes()) {
            problems.push(ParamProblem::Malformed {
                name: X_AMZ_SIGNATURE,
                value: sig.to_owned(),
                expected: "64 lower-case hex digits",
            });
        }
    },
};

fn read_sigv4(url: &RawUrl, places: &SigV4Places<'_>) -> SigV4Params {
    let f = read_fields(url, places, &HMAC_RULES);
    SigV4Params {
        algorithm: f.algorithm,
        credential: f.credential,
        amz_date: f.amz_date,
        amz_date_text: f.amz_date_text,
        expires: f.expires,
        signed_headers: f.signed_headers,
        signature: f.signature,
        security_token: f.security_token,
        problems: f.problems,
    }
}
