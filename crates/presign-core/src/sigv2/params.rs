//! The SigV2 query-auth parameters (`AWSAccessKeyId`, `Expires`, `Signature`) and their
//! reading; [`crate::sigv4::params::read_query_auth`] tells the two families apart.

use crate::input::url::params::{required, whole_seconds, ParamProblem, REDACTED_SIGNATURE};
use crate::input::url::RawUrl;
use crate::time::UnixTime;
use serde::Serialize;

pub const SIGV2_ACCESS_KEY_ID: &str = "AWSAccessKeyId";
pub const SIGV2_EXPIRES: &str = "Expires";
pub const SIGV2_SIGNATURE: &str = "Signature";

/// The SigV2 query-auth parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SigV2Params {
    pub access_key_id: Option<String>,
    pub expires: Option<UnixTime>,
    pub signature: Option<String>,
    pub problems: Vec<ParamProblem>,
}

pub(crate) fn read_sigv2(url: &RawUrl) -> SigV2Params {
    let mut problems = Vec::new();
    let access_key_id = required(url, SIGV2_ACCESS_KEY_ID, &mut problems);
    let expires = required(url, SIGV2_EXPIRES, &mut problems).and_then(|v| {
        whole_seconds(
            SIGV2_EXPIRES,
            v,
            "seconds since 1970-01-01 (a Unix time)",
            &mut problems,
        )
        .map(UnixTime)
    });
    let signature = required(url, SIGV2_SIGNATURE, &mut problems);
    if signature.as_deref() == Some(REDACTED_SIGNATURE) {
        problems.push(ParamProblem::Redacted {
            name: SIGV2_SIGNATURE,
        });
    }
    SigV2Params {
        access_key_id,
        expires,
        signature,
        problems,
    }
}
