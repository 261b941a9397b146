//! The query parameters of an Azure Storage shared access signature: each read once, decoded
//! the way the service decodes it (percent escapes; the signature covers the decoded values),
//! with its raw text kept for the root-cause search and for showing.

use crate::encode::base64_decode;
use crate::input::url::RawUrl;
use crate::sigv4::params::{ParamProblem, REDACTED_SIGNATURE};
use crate::time::UnixTime;
use serde::Serialize;

/// Every SAS parameter name, in the order the decoded view lists them.
pub const SAS_NAMES: [&str; 31] = [
    "sv", "ss", "srt", "sp", "st", "se", "sip", "spr", "sr", "sdd", "si", "ses", "skoid", "sktid",
    "skt", "ske", "sks", "skv", "skdutid", "saoid", "suoid", "scid", "sduoid", "srh", "srq",
    "rscc", "rscd", "rsce", "rscl", "rsct", "sig",
];

/// One SAS parameter as the URL carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SasField {
    pub name: &'static str,
    /// As written, escapes and all.
    pub raw: String,
    /// Percent-decoded: what was signed.
    pub value: String,
}

/// Which kind of SAS the parameters make, which decides the string-to-sign layout and the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SasKind {
    /// `ss` and `srt`: signed with an account key, for whole services.
    Account,
    /// `sr`: signed with an account key, for one container, directory or blob.
    Service,
    /// `skoid` and the other `sk*` fields: signed with a user delegation key (Entra ID).
    UserDelegation,
}

impl SasKind {
    pub fn describe(self) -> &'static str {
        match self {
            SasKind::Account => "account SAS (signed with an account key)",
            SasKind::Service => "service SAS (signed with an account key)",
            SasKind::UserDelegation => "user delegation SAS (signed with a user delegation key)",
        }
    }
}

/// The SAS parameters of a URL, each read as far as it can be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SasParams {
    pub fields: Vec<SasField>,
    pub kind: SasKind,
    /// `st` and `se` read as instants, when they are in a form the service accepts.
    pub start: Option<UnixTime>,
    pub expiry: Option<UnixTime>,
    pub problems: Vec<ParamProblem>,
}

impl SasParams {
    pub fn field(&self, name: &str) -> Option<&SasField> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The decoded value, if the parameter is there.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.field(name).map(|f| f.value.as_str())
    }

    /// The decoded value, empty when absent (as the string to sign has it).
    pub fn value(&self, name: &str) -> &str {
        self.get(name).unwrap_or("")
    }
}

/// Reads an ISO 8601 UTC time in one of the forms the service accepts: `YYYY-MM-DD`,
/// `YYYY-MM-DDThh:mmZ`, `YYYY-MM-DDThh:mm:ssZ`, `YYYY-MM-DDThh:mm:ss.fffffffZ`.
pub fn parse_sas_time(text: &str) -> Option<UnixTime> {
    let b = text.as_bytes();
    let date_only = b.len() == 10;
    let with_time = match b.len() {
        17 => format!("{}:00Z", text.get(..16)?),
        20 => text.to_owned(),
        n if n > 21 && b[19] == b'.' => {
            let fraction = &b[20..n - 1];
            if fraction.is_empty() || !fraction.iter().all(u8::is_ascii_digit) {
                return None;
            }
            format!("{}Z", text.get(..19)?)
        }
        _ if date_only => format!("{text}T00:00:00Z"),
        _ => return None,
    };
    if !date_only && (b.last() != Some(&b'Z') || b.get(10) != Some(&b'T')) {
        return None;
    }
    if date_only && !(b[4] == b'-' && b[7] == b'-') {
        return None;
    }
    crate::time::parse_rfc3339(&with_time)
}

/// Whether `sig` is what the service signs: base64 of the 32 bytes of an HMAC-SHA256.
pub fn is_signature(sig: &str) -> bool {
    sig.len() == 44 && base64_decode(sig).is_some_and(|b| b.len() == 32)
}

const TIME_FORMS: &str =
    "a UTC time such as 2026-11-20T11:00:00Z (or 2026-11-20, 2026-11-20T11:00Z)";

/// Reads the SAS parameters of a URL.
pub fn read_sas(url: &RawUrl) -> SasParams {
    let mut fields = Vec::new();
    let mut problems = Vec::new();
    for name in SAS_NAMES {
        let mut found = url.params(name);
        let Some(first) = found.next() else {
            continue;
        };
        if found.next().is_some() {
            problems.push(ParamProblem::Duplicate { name });
        }
        fields.push(SasField {
            name,
            raw: first.raw_value().to_owned(),
            value: first.value_text(),
        });
    }
    let mut params = SasParams {
        fields,
        kind: SasKind::Service,
        start: None,
        expiry: None,
        problems: Vec::new(),
    };
    params.kind = if params.get("skoid").is_some() {
        SasKind::UserDelegation
    } else if params.get("ss").is_some() || params.get("srt").is_some() {
        SasKind::Account
    } else {
        SasKind::Service
    };
    for name in required(&params) {
        if params.get(name).is_none() {
            problems.push(ParamProblem::Missing { name });
        }
    }
    for (name, slot) in [("st", &mut params.start), ("se", &mut params.expiry)] {
        let Some(text) = params
            .fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| &f.value)
        else {
            continue;
        };
        *slot = parse_sas_time(text);
        if slot.is_none() {
            problems.push(ParamProblem::Malformed {
                name,
                value: text.clone(),
                expected: TIME_FORMS,
            });
        }
    }
    if let Some(sv) = params.get("sv") {
        let b = sv.as_bytes();
        if b.len() != 10
            || b[4] != b'-'
            || b[7] != b'-'
            || crate::time::parse_scope_date(&sv.replace('-', "")).is_none()
        {
            problems.push(ParamProblem::Malformed {
                name: "sv",
                value: sv.to_owned(),
                expected: "a service version date such as 2025-11-05",
            });
        }
    }
    if let Some(sig) = params.get("sig") {
        if sig == REDACTED_SIGNATURE {
            problems.push(ParamProblem::Redacted { name: "sig" });
        } else if !is_signature(sig) {
            problems.push(ParamProblem::Malformed {
                name: "sig",
                value: sig.to_owned(),
                expected: "44 base64 characters (an HMAC-SHA256), with + / = written %2B %2F %3D",
            });
        }
    }
    if let Some(spr) = params.get("spr") {
        if !matches!(spr, "https" | "https,http" | "http,https") {
            problems.push(ParamProblem::Malformed {
                name: "spr",
                value: spr.to_owned(),
                expected: "https or https,http",
            });
        }
    }
    if let Some(sr) = params.get("sr") {
        if !matches!(sr, "b" | "bs" | "bv" | "c" | "d" | "f" | "s") {
            problems.push(ParamProblem::Malformed {
                name: "sr",
                value: sr.to_owned(),
                expected: "b (blob), bs (snapshot), bv (version), c (container) or d (directory)",
            });
        }
    }
    params.problems = problems;
    params
}

/// What the kind requires: permissions and expiry come from a stored access policy (`si`)
/// when the service SAS names one.
fn required(p: &SasParams) -> Vec<&'static str> {
    let mut names = vec!["sv", "sig"];
    match p.kind {
        SasKind::Account => names.extend(["ss", "srt", "sp", "se"]),
        SasKind::Service => {
            names.push("sr");
            if p.get("si").is_none() {
                names.extend(["sp", "se"]);
            }
        }
        SasKind::UserDelegation => {
            names.extend(["sr", "sp", "se", "sktid", "skt", "ske", "sks", "skv"]);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::url::parse_url;

    /// `shared/vectors/azure-sas` case `account-sas`.
    #[test]
    fn reads_an_account_sas() {
        let url = parse_url("https://devstoreaccount1.blob.core.windows.net/?st=2026-01-02T03%3A04%3A05Z&se=2026-01-03T03%3A04%3A05Z&sp=rl&sip=168.1.5.60-168.1.5.70&spr=https&sv=2026-10-06&ss=b&srt=sco&sig=Aa0scyQNBb0AfIs/7nIaf7/xTiGicbR5d70UOKaHrzo%3D").unwrap();
        let p = read_sas(&url);
        assert_eq!(p.problems, vec![]);
        assert_eq!(p.kind, SasKind::Account);
        assert_eq!(p.value("st"), "2026-01-02T03:04:05Z");
        assert_eq!(p.field("st").unwrap().raw, "2026-01-02T03%3A04%3A05Z");
        assert_eq!(
            p.value("sig"),
            "Aa0scyQNBb0AfIs/7nIaf7/xTiGicbR5d70UOKaHrzo="
        );
        assert_eq!(p.value("si"), "");
        assert_eq!(p.expiry.unwrap().to_string(), "2026-01-03T03:04:05Z");
    }

    #[test]
    fn kinds_and_problems() {
        let read = |q: &str| {
            read_sas(&parse_url(&format!("https://a.blob.core.windows.net/c/b?{q}")).unwrap())
        };
        let ud = read("sv=2026-10-06&sr=b&sp=r&se=2026-01-01&skoid=x&sktid=t&skt=2026-01-01&ske=2026-01-02&sks=b&skv=2025-07-05&sig=Aa0scyQNBb0AfIs/7nIaf7/xTiGicbR5d70UOKaHrzo%3D");
        assert_eq!(
            (ud.kind, ud.problems.clone()),
            (SasKind::UserDelegation, vec![])
        );
        let policy =
            read("sv=2026-10-06&sr=b&si=p1&sig=Aa0scyQNBb0AfIs/7nIaf7/xTiGicbR5d70UOKaHrzo%3D");
        assert_eq!(policy.problems, vec![]);
        let bad = read("sv=26-10-06&sr=x&sp=r&se=2026-01-01T10:00:00&spr=http&sig=abc");
        let names: Vec<&str> = bad
            .problems
            .iter()
            .map(|p| match p {
                ParamProblem::Malformed { name, .. }
                | ParamProblem::Missing { name }
                | ParamProblem::Duplicate { name }
                | ParamProblem::Redacted { name } => *name,
            })
            .collect();
        assert_eq!(names, vec!["se", "sv", "sig", "spr", "sr"]);
    }

    #[test]
    fn time_forms() {
        for ok in [
            "2026-11-20",
            "2026-11-20T11:00Z",
            "2026-11-20T11:00:00Z",
            "2026-11-20T11:00:00.1234567Z",
        ] {
            assert!(parse_sas_time(ok).is_some(), "{ok}");
        }
        for bad in [
            "2026-11-20T11:00:00",
            "2026-11-20T11:00:00+01:00",
            "20261120",
            "2026-11-20 11:00:00Z",
            "2026-11-20T11:00:00.Z",
            "",
        ] {
            assert!(parse_sas_time(bad).is_none(), "{bad}");
        }
        assert_eq!(
            parse_sas_time("2026-11-20T11:00Z").unwrap().to_string(),
            "2026-11-20T11:00:00Z"
        );
    }
}
