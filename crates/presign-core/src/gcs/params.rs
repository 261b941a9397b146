//! Stage 0 of GCS V4: the `X-Goog-*` query parameters of a signed URL, read and checked for
//! form (shared/specs/gcs-v4.md section 1). Names are matched exactly, as Google writes them.

use crate::encode::is_hex;
use crate::input::url::params::required;
use crate::input::url::RawUrl;
use crate::sigv4::params::{CredentialScope, ParamProblem};
use crate::time::{parse_amz_date, UnixTime};

pub const X_GOOG_ALGORITHM: &str = "X-Goog-Algorithm";
pub const X_GOOG_CREDENTIAL: &str = "X-Goog-Credential";
pub const X_GOOG_DATE: &str = "X-Goog-Date";
pub const X_GOOG_EXPIRES: &str = "X-Goog-Expires";
pub const X_GOOG_SIGNED_HEADERS: &str = "X-Goog-SignedHeaders";
pub const X_GOOG_SIGNATURE: &str = "X-Goog-Signature";
pub const GOOG4_RSA_SHA256: &str = "GOOG4-RSA-SHA256";
pub const GOOG4_HMAC_SHA256: &str = "GOOG4-HMAC-SHA256";
pub const GOOG4_REQUEST: &str = "goog4_request";
/// The longest `X-Goog-Expires` Google accepts: seven days.
pub const MAX_EXPIRES: i64 = 604_800;

/// How the URL was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GcsAlgorithm {
    /// With a service account's RSA private key: verified with its public key or certificate.
    Rsa,
    /// With an HMAC key's secret (interoperability keys), like SigV4 with prefix `GOOG4`.
    Hmac,
}

impl GcsAlgorithm {
    pub fn name(self) -> &'static str {
        match self {
            GcsAlgorithm::Rsa => GOOG4_RSA_SHA256,
            GcsAlgorithm::Hmac => GOOG4_HMAC_SHA256,
        }
    }
}

/// The signing parameters of a GCS V4 URL, each `None` when absent or unreadable (the
/// problems say which).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GcsParams {
    /// `X-Goog-Algorithm` as written.
    pub algorithm_text: Option<String>,
    pub algorithm: Option<GcsAlgorithm>,
    /// `X-Goog-Credential`: signer (service-account e-mail or HMAC access id), date,
    /// location, service, terminator.
    pub credential: Option<CredentialScope>,
    /// `X-Goog-Date` as written, and read.
    pub date_text: Option<String>,
    pub date: Option<UnixTime>,
    pub expires: Option<i64>,
    /// `X-Goog-SignedHeaders`, split at `;`, as written (lower case expected).
    pub signed_headers: Vec<String>,
    /// `X-Goog-Signature`, lower-case hex as written.
    pub signature: Option<String>,
    pub problems: Vec<ParamProblem>,
}

fn malformed(name: &'static str, value: &str, expected: &'static str) -> ParamProblem {
    ParamProblem::Malformed {
        name,
        value: value.to_owned(),
        expected,
    }
}

/// Reads the `X-Goog-*` parameters.
pub fn read_gcs_params(url: &RawUrl) -> GcsParams {
    let mut problems = Vec::new();
    let algorithm_text = required(url, X_GOOG_ALGORITHM, &mut problems);
    let algorithm = algorithm_text.as_deref().and_then(|a| match a {
        GOOG4_RSA_SHA256 => Some(GcsAlgorithm::Rsa),
        GOOG4_HMAC_SHA256 => Some(GcsAlgorithm::Hmac),
        _ => None,
    });
    let credential = required(url, X_GOOG_CREDENTIAL, &mut problems).and_then(|c| {
        let scope = CredentialScope::parse(&c);
        if scope.is_none() {
            problems.push(malformed(
                X_GOOG_CREDENTIAL,
                &c,
                "five parts: signer/YYYYMMDD/location/storage/goog4_request",
            ));
        }
        scope
    });
    if let Some(scope) = &credential {
        if scope.date_time().is_none() {
            problems.push(malformed(
                X_GOOG_CREDENTIAL,
                &scope.date,
                "the scope date as YYYYMMDD (no time, no Z)",
            ));
        }
    }
    let date_text = required(url, X_GOOG_DATE, &mut problems);
    let date = date_text.as_deref().and_then(|d| {
        let t = parse_amz_date(d);
        if t.is_none() {
            problems.push(malformed(X_GOOG_DATE, d, "YYYYMMDDTHHMMSSZ"));
        }
        t
    });
    let expires = required(url, X_GOOG_EXPIRES, &mut problems).and_then(|e| {
        let n = e
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0 && e.bytes().all(|b| b.is_ascii_digit()));
        if n.is_none() {
            problems.push(malformed(X_GOOG_EXPIRES, &e, "a whole number of seconds"));
        }
        n
    });
    let signed_headers = required(url, X_GOOG_SIGNED_HEADERS, &mut problems)
        .map(|h| h.split(';').map(str::to_owned).collect())
        .unwrap_or_default();
    let signature = required(url, X_GOOG_SIGNATURE, &mut problems).inspect(|s| {
        if s.is_empty() || s.len() % 2 != 0 || !is_hex(s.as_bytes()) {
            problems.push(malformed(X_GOOG_SIGNATURE, s, "hexadecimal digits"));
        }
    });
    GcsParams {
        algorithm_text,
        algorithm,
        credential,
        date_text,
        date,
        expires,
        signed_headers,
        signature,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::url::parse_url;

    // The conformance suite's "Simple GET" (shared/vectors/gcs/v4_signatures.json).
    const SIMPLE_GET: &str = "https://storage.googleapis.com/test-bucket/test-object?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=test-iam-credentials%40dummy-project-id.iam.gserviceaccount.com%2F20190201%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20190201T090000Z&X-Goog-Expires=10&X-Goog-SignedHeaders=host&X-Goog-Signature=95e6";

    #[test]
    fn reads_the_conformance_simple_get() {
        let p = read_gcs_params(&parse_url(SIMPLE_GET).unwrap());
        assert_eq!(p.problems, []);
        assert_eq!(p.algorithm, Some(GcsAlgorithm::Rsa));
        let scope = p.credential.unwrap();
        assert_eq!(
            scope.access_key_id,
            "test-iam-credentials@dummy-project-id.iam.gserviceaccount.com"
        );
        assert_eq!(scope.scope(), "20190201/auto/storage/goog4_request");
        assert_eq!(p.date, Some(UnixTime(1_549_011_600)));
        assert_eq!(p.expires, Some(10));
        assert_eq!(p.signed_headers, ["host"]);
        assert_eq!(p.signature.as_deref(), Some("95e6"));
    }

    #[test]
    fn says_what_is_missing_or_malformed() {
        let url = SIMPLE_GET
            .replace("X-Goog-Expires=10", "X-Goog-Expires=1h")
            .replace("%2F20190201%2F", "%2F20190201T000000Z%2F")
            .replace("&X-Goog-Signature=95e6", "");
        let p = read_gcs_params(&parse_url(&url).unwrap());
        assert!(p.problems.contains(&ParamProblem::Missing {
            name: X_GOOG_SIGNATURE
        }));
        assert!(p
            .problems
            .iter()
            .any(|q| matches!(q, ParamProblem::Malformed { name, .. } if *name == X_GOOG_EXPIRES)));
        assert!(p.problems.iter().any(|q| matches!(q, ParamProblem::Malformed { name, value, .. } if *name == X_GOOG_CREDENTIAL && value == "20190201T000000Z")));
    }
}
