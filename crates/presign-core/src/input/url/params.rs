//! Reading one query parameter of a signed URL, for every family: found once, not missing,
//! a whole number, and the problems met on the way.

use crate::input::url::RawUrl;
use serde::Serialize;

/// What a share link puts in place of a redacted signature (SigV4 or SigV2).
pub const REDACTED_SIGNATURE: &str = "REDACTED";

/// A problem reading one parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ParamProblem {
    Missing {
        name: &'static str,
    },
    Malformed {
        name: &'static str,
        value: String,
        expected: &'static str,
    },
    Duplicate {
        name: &'static str,
    },
    /// The sender of a share link replaced the signature with `REDACTED`.
    Redacted {
        name: &'static str,
    },
}

/// The value of the one `name` parameter; a second one is a problem.
pub(crate) fn single(
    url: &RawUrl,
    name: &'static str,
    problems: &mut Vec<ParamProblem>,
) -> Option<String> {
    let mut found = url.params(name);
    let first = found.next()?;
    if found.next().is_some() {
        problems.push(ParamProblem::Duplicate { name });
    }
    Some(first.value_text())
}

pub(crate) fn required(
    url: &RawUrl,
    name: &'static str,
    problems: &mut Vec<ParamProblem>,
) -> Option<String> {
    let value = single(url, name, problems);
    if value.is_none() {
        problems.push(ParamProblem::Missing { name });
    }
    value
}

/// A whole number of seconds (at most 18 digits, so it fits an `i64`), or `Malformed`.
pub(crate) fn whole_seconds(
    name: &'static str,
    value: String,
    expected: &'static str,
    problems: &mut Vec<ParamProblem>,
) -> Option<i64> {
    let parsed =
        (!value.is_empty() && value.len() <= 18 && value.bytes().all(|b| b.is_ascii_digit()))
            .then(|| value.parse::<i64>().ok())
            .flatten();
    if parsed.is_none() {
        problems.push(ParamProblem::Malformed {
            name,
            value,
            expected,
        });
    }
    parsed
}
