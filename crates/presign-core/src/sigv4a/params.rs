//! SigV4A's query parameters: SigV4's names read the same way, a credential of four parts
//! (no region), a DER signature in hex, and the region set the signature is valid in.

use crate::encode::{is_hex, unhex};
use crate::input::url::{RawPair, RawUrl};
use crate::sigv4::params::{
    read_sigv4_fields, FamilyRules, ParamProblem, SigV4Params, X_AMZ_CREDENTIAL, X_AMZ_SIGNATURE,
};
use crate::time::{parse_scope_date, UnixTime};
use serde::Serialize;

pub const AWS4_ECDSA_P256_SHA256: &str = "AWS4-ECDSA-P256-SHA256";
pub const X_AMZ_REGION_SET: &str = "X-Amz-Region-Set";

/// `X-Amz-Credential` of SigV4A, four parts: `AKIDEXAMPLE/20150830/service/aws4_request`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sigv4aCredential {
    pub access_key_id: String,
    pub date: String,
    pub service: String,
    pub terminator: String,
}

impl Sigv4aCredential {
    /// The credential scope as it appears in the string to sign: `date/service/aws4_request`.
    pub fn scope(&self) -> String {
        [&self.date, &self.service, &self.terminator]
            .map(String::as_str)
            .join("/")
    }

    pub fn date_time(&self) -> Option<UnixTime> {
        parse_scope_date(&self.date)
    }
}

/// The SigV4A query-auth parameters, each read as far as it can be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sigv4aParams {
    pub algorithm: Option<String>,
    pub credential: Option<Sigv4aCredential>,
    pub amz_date: Option<UnixTime>,
    pub amz_date_text: Option<String>,
    pub expires: Option<i64>,
    /// Header names as listed in `X-Amz-SignedHeaders`, in their order.
    pub signed_headers: Vec<String>,
    /// The signature as written: lower-case hex of an ASN.1 DER `SEQUENCE { r, s }`.
    pub signature: Option<String>,
    pub security_token: Option<String>,
    /// `X-Amz-Region-Set` as written: regions (or `*`), comma-separated.
    pub region_set: Option<String>,
    pub problems: Vec<ParamProblem>,
}

impl Sigv4aParams {
    /// The same parameters as SigV4 reads them, without the credential (whose parts differ)
    /// and without problems (said once, here): what SigV4's expiry, header and request checks
    /// take.
    pub fn sigv4_view(&self) -> SigV4Params {
        SigV4Params {
            algorithm: self.algorithm.clone(),
            credential: None,
            amz_date: self.amz_date,
            amz_date_text: self.amz_date_text.clone(),
            expires: self.expires,
            signed_headers: self.signed_headers.clone(),
            signature: self.signature.clone(),
            security_token: self.security_token.clone(),
            problems: Vec::new(),
        }
    }

    /// The regions of the region set, trimmed, empty entries left out.
    pub fn regions(&self) -> Vec<&str> {
        self.region_set
            .as_deref()
            .map(|s| {
                s.split(',')
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Whether `hex` looks like a DER-encoded ECDSA P-256 signature: hex of a SEQUENCE (0x30)
/// whose length byte covers the rest, 8 to 72 bytes in all.
pub fn is_der_signature_hex(hex: &str) -> bool {
    if !hex.len().is_multiple_of(2) || !is_hex(hex.as_bytes()) {
        return false;
    }
    let Some(bytes) = unhex(hex) else {
        return false;
    };
    (8..=72).contains(&bytes.len()) && bytes[0] == 0x30 && usize::from(bytes[1]) == bytes.len() - 2
}

/// SigV4A's rules on top of SigV4's reading.
const ECDSA_RULES: FamilyRules<Sigv4aCredential> = FamilyRules {
    credential: |v, problems| {
        let parts: Vec<&str> = v.split('/').collect();
        if let [access_key_id, date, service, terminator] = parts[..] {
            return Some(Sigv4aCredential {
                access_key_id: access_key_id.to_owned(),
                date: date.to_owned(),
                service: service.to_owned(),
                terminator: terminator.to_owned(),
            });
        }
        let expected = if parts.len() == 5 {
            "four parts, ACCESS_KEY_ID/YYYYMMDD/SERVICE/aws4_request: SigV4A scopes name no region (the region set is X-Amz-Region-Set); a region here means the URL was signed by a SigV4 signer with the SigV4A algorithm name"
        } else {
            "four parts: ACCESS_KEY_ID/YYYYMMDD/SERVICE/aws4_request (SigV4A scopes name no region)"
        };
        problems.push(ParamProblem::Malformed {
            name: X_AMZ_CREDENTIAL,
            value: v,
            expected,
        });
        None
    },
    signature: |sig, problems| {
        if !is_der_signature_hex(sig) {
            let expected = if sig.len() == 64 && is_hex(sig.as_bytes()) {
                "an ECDSA signature in DER, as hex (about 140 digits, starting 30): 64 hex digits is an HMAC signature of AWS4-HMAC-SHA256"
            } else {
                "an ECDSA signature in DER, as lower-case hex (about 140 digits, starting 30)"
            };
            problems.push(ParamProblem::Malformed {
                name: X_AMZ_SIGNATURE,
                value: sig.to_owned(),
                expected,
            });
        }
    },
};

/// Reads a SigV4A presigned URL's parameters.
pub fn read_sigv4a(url: &RawUrl) -> Sigv4aParams {
    let f = read_sigv4_fields(url, &ECDSA_RULES);
    let mut problems = f.problems;
    let mut sets = url.params(X_AMZ_REGION_SET);
    let region_set = sets.next().map(RawPair::value_text);
    if sets.next().is_some() {
        problems.push(ParamProblem::Duplicate {
            name: X_AMZ_REGION_SET,
        });
    }
    match region_set.as_deref() {
        None => problems.push(ParamProblem::Missing {
            name: X_AMZ_REGION_SET,
        }),
        Some(set) if set.split(',').all(|r| r.trim().is_empty()) => {
            problems.push(ParamProblem::Malformed {
                name: X_AMZ_REGION_SET,
                value: set.to_owned(),
                expected:
                    "one or more regions, comma-separated (us-east-1,eu-west-1), or * for all",
            });
        }
        Some(_) => {}
    }
    Sigv4aParams {
        algorithm: f.algorithm,
        credential: f.credential,
        amz_date: f.amz_date,
        amz_date_text: f.amz_date_text,
        expires: f.expires,
        signed_headers: f.signed_headers,
        signature: f.signature,
        security_token: f.security_token,
        region_set,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::url::parse_url;

    /// aws-c-auth's v4a `get-vanilla` query-signed request.
    const VANILLA: &str = "https://example.amazonaws.com/?X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Expires=3600&X-Amz-Region-Set=us-east-1&X-Amz-Signature=3045022100a28466db6c76223d5aa6ed436a8451b30e21ba0a076e7f2f943dd1f3d2816249022049e4b3746929cd2a2cb7b7984dbe0f5d40a300e7d9a7a7f1307c196b6f96b61a";

    #[test]
    fn reads_the_vanilla_query() {
        let p = read_sigv4a(&parse_url(VANILLA).unwrap());
        assert_eq!(p.problems, vec![]);
        let c = p.credential.unwrap();
        assert_eq!(c.scope(), "20150830/service/aws4_request");
        assert_eq!(c.access_key_id, "AKIDEXAMPLE");
        assert_eq!(p.region_set.as_deref(), Some("us-east-1"));
        assert_eq!(p.expires, Some(3600));
        assert_eq!(p.signed_headers, vec!["host"]);
    }

    #[test]
    fn a_sigv4_credential_or_signature_is_malformed_here() {
        let url = VANILLA
            .replace("%2F20150830%2Fservice", "%2F20150830%2Fus-east-1%2Fservice")
            .replace("&X-Amz-Region-Set=us-east-1", "");
        let p = read_sigv4a(&parse_url(&url).unwrap());
        assert!(p.credential.is_none());
        assert!(
            matches!(&p.problems[0], ParamProblem::Malformed { name, expected, .. }
            if *name == X_AMZ_CREDENTIAL && expected.contains("region"))
        );
        assert!(p.problems.contains(&ParamProblem::Missing {
            name: X_AMZ_REGION_SET
        }));
        let hmac = VANILLA.replace(
            &VANILLA[VANILLA.find("X-Amz-Signature=").unwrap()..],
            "X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
        );
        let p = read_sigv4a(&parse_url(&hmac).unwrap());
        assert!(
            matches!(&p.problems[..], [ParamProblem::Malformed { name, expected, .. }]
            if *name == X_AMZ_SIGNATURE && expected.contains("HMAC"))
        );
    }

    #[test]
    fn region_sets() {
        let url = VANILLA.replace(
            "Region-Set=us-east-1",
            "Region-Set=us-east-1%2C%20eu-west-1",
        );
        let p = read_sigv4a(&parse_url(&url).unwrap());
        assert_eq!(p.regions(), vec!["us-east-1", "eu-west-1"]);
        let url = VANILLA.replace("Region-Set=us-east-1", "Region-Set=%2C");
        let p = read_sigv4a(&parse_url(&url).unwrap());
        assert!(
            matches!(&p.problems[..], [ParamProblem::Malformed { name, .. }] if *name == X_AMZ_REGION_SET)
        );
    }

    #[test]
    fn der_shapes() {
        assert!(is_der_signature_hex("3006020101020101"));
        assert!(!is_der_signature_hex("3007020101020101"));
        assert!(!is_der_signature_hex("300602010102010"));
        assert!(!is_der_signature_hex(""));
    }
}
