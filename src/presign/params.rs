//! The query parameters of presigned URLs: names in one place, and their reading.

use super::time::{parse_amz_date, parse_scope_date, UnixTime};
use super::url::RawUrl;
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

pub const SIGV2_ACCESS_KEY_ID: &str = "AWSAccessKeyId";
pub const SIGV2_EXPIRES: &str = "Expires";
pub const SIGV2_SIGNATURE: &str = "Signature";

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
        format!("{}/{}/{}/{}", self.date, self.region, self.service, self.terminator)
    }

    pub fn date_time(&self) -> Option<UnixTime> {
        parse_scope_date(&self.date)
    }
}

/// A problem reading one parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ParamProblem {
    Missing { name: &'static str },
    Malformed { name: &'static str, value: String, expected: &'static str },
    Duplicate { name: &'static str },
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

/// The SigV2 query-auth parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SigV2Params {
    pub access_key_id: Option<String>,
    pub expires: Option<UnixTime>,
    pub signature: Option<String>,
    pub problems: Vec<ParamProblem>,
}

/// Which kind of query authentication the URL carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum QueryAuth {
    SigV4(SigV4Params),
    SigV2(SigV2Params),
    /// No presigning parameters at all.
    None,
}

fn single<'a>(url: &'a RawUrl, name: &'static str, problems: &mut Vec<ParamProblem>) -> Option<String> {
    let mut found = url.params(name);
    let first = found.next()?;
    if found.next().is_some() {
        problems.push(ParamProblem::Duplicate { name });
    }
    Some(first.value_text())
}

fn required(url: &RawUrl, name: &'static str, problems: &mut Vec<ParamProblem>) -> Option<String> {
    let value = single(url, name, problems);
    if value.is_none() {
        problems.push(ParamProblem::Missing { name });
    }
    value
}

/// Reads the query-auth parameters of a URL.
pub fn read_query_auth(url: &RawUrl) -> QueryAuth {
    let has_v4 = url
        .pairs
        .iter()
        .any(|p| [X_AMZ_ALGORITHM, X_AMZ_CREDENTIAL, X_AMZ_SIGNATURE].iter().any(|k| p.name_is_ignore_ascii_case(k)));
    if has_v4 {
        return QueryAuth::SigV4(read_sigv4(url));
    }
    if url.param(SIGV2_ACCESS_KEY_ID).is_some() || url.param(SIGV2_SIGNATURE).is_some() {
        return QueryAuth::SigV2(read_sigv2(url));
    }
    QueryAuth::None
}

fn read_sigv4(url: &RawUrl) -> SigV4Params {
    let mut problems = Vec::new();
    // SigV4 parameter names are case-sensitive; a wrongly cased one is as good as missing,
    // and worth saying so.
    for name in [X_AMZ_ALGORITHM, X_AMZ_CREDENTIAL, X_AMZ_DATE, X_AMZ_EXPIRES, X_AMZ_SIGNED_HEADERS, X_AMZ_SIGNATURE] {
        if url.param(name).is_none() {
            if let Some(p) = url.pairs.iter().find(|p| p.name_is_ignore_ascii_case(name)) {
                problems.push(ParamProblem::Malformed {
                    name,
                    value: p.name_text(),
                    expected: "the parameter name with exactly this case (SigV4 names are case-sensitive)",
                });
            }
        }
    }
    let algorithm = required(url, X_AMZ_ALGORITHM, &mut problems);
    let credential = required(url, X_AMZ_CREDENTIAL, &mut problems).and_then(|v| {
        let parsed = CredentialScope::parse(&v);
        if parsed.is_none() {
            problems.push(ParamProblem::Malformed {
                name: X_AMZ_CREDENTIAL,
                value: v,
                expected: "five parts: ACCESS_KEY_ID/YYYYMMDD/REGION/SERVICE/aws4_request",
            });
        }
        parsed
    });
    let amz_date_text = required(url, X_AMZ_DATE, &mut problems);
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
    let expires = required(url, X_AMZ_EXPIRES, &mut problems).and_then(|v| {
        let parsed = (!v.is_empty() && v.len() <= 18 && v.bytes().all(|b| b.is_ascii_digit()))
            .then(|| v.parse::<i64>().ok())
            .flatten();
        if parsed.is_none() {
            problems.push(ParamProblem::Malformed {
                name: X_AMZ_EXPIRES,
                value: v,
                expected: "a whole number of seconds, from 1 to 604800",
            });
        }
        parsed
    });
    let signed_headers = required(url, X_AMZ_SIGNED_HEADERS, &mut problems)
        .map(|v| v.split(';').map(str::to_owned).collect())
        .unwrap_or_default();
    let signature = required(url, X_AMZ_SIGNATURE, &mut problems);
    if let Some(sig) = &signature {
        if sig.len() != 64 || !sig.bytes().all(|b| b.is_ascii_hexdigit()) {
            problems.push(ParamProblem::Malformed {
                name: X_AMZ_SIGNATURE,
                value: sig.clone(),
                expected: "64 lower-case hex digits",
            });
        }
    }
    let security_token = single(url, X_AMZ_SECURITY_TOKEN, &mut problems);
    SigV4Params { algorithm, credential, amz_date, amz_date_text, expires, signed_headers, signature, security_token, problems }
}

fn read_sigv2(url: &RawUrl) -> SigV2Params {
    let mut problems = Vec::new();
    let access_key_id = required(url, SIGV2_ACCESS_KEY_ID, &mut problems);
    let expires = required(url, SIGV2_EXPIRES, &mut problems).and_then(|v| {
        let parsed = (!v.is_empty() && v.len() <= 18 && v.bytes().all(|b| b.is_ascii_digit()))
            .then(|| v.parse::<i64>().ok().map(UnixTime))
            .flatten();
        if parsed.is_none() {
            problems.push(ParamProblem::Malformed {
                name: SIGV2_EXPIRES,
                value: v,
                expected: "seconds since 1970-01-01 (a Unix time)",
            });
        }
        parsed
    });
    let signature = required(url, SIGV2_SIGNATURE, &mut problems);
    SigV2Params { access_key_id, expires, signature, problems }
}
