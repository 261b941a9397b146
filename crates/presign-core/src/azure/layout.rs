//! The string-to-sign layouts of Azure SAS: which fields, in which order, for each kind of SAS
//! and each range of signed versions (`sv`). From the per-version functions of Microsoft's
//! SDK for JavaScript (`generateBlobSASQueryParameters20150405` … `UDK20260406`,
//! `AccountSASSignatureValues`) and azure-storage-blob 12.31.1 (shared/specs/azure-sas.md).

use crate::azure::params::SasKind;
use serde::Serialize;

/// One line of a string to sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A SAS parameter's decoded value (empty when absent).
    Param(&'static str),
    /// The account name (account SAS).
    Account,
    /// The canonicalized resource, `/blob/<account>/<container>[/<blob>]`.
    Resource,
    /// The snapshot time (`sr=bs`) or version id (`sr=bv`) of the request, else empty.
    Snapshot,
    /// `name:value\n` for each header named in `srh`.
    RequestHeaders,
    /// `\nname:value` for each query parameter named in `srq`.
    RequestQuery,
}

impl Field {
    /// The field's name in a diff.
    pub fn label(self) -> &'static str {
        match self {
            Field::Param(name) => name,
            Field::Account => "account",
            Field::Resource => "canonicalized-resource",
            Field::Snapshot => "snapshot-or-version",
            Field::RequestHeaders => "signed-request-headers",
            Field::RequestQuery => "signed-request-query",
        }
    }
}

/// A layout: a kind of SAS over a range of versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    Account2015,
    Account2020,
    Service2015,
    Service2018,
    Service2020,
    Delegation2018,
    Delegation2020,
    Delegation2020Dec,
    Delegation2025,
    Delegation2026,
}

use Field::{Account, Param, RequestHeaders, RequestQuery, Resource, Snapshot};

const RESPONSE_HEADERS: [Field; 5] = [
    Param("rscc"),
    Param("rscd"),
    Param("rsce"),
    Param("rscl"),
    Param("rsct"),
];

macro_rules! fields {
    ($($f:expr),* ; rsc) => {
        &[$($f,)* RESPONSE_HEADERS[0], RESPONSE_HEADERS[1], RESPONSE_HEADERS[2], RESPONSE_HEADERS[3], RESPONSE_HEADERS[4]]
    };
    ($($f:expr),*) => { &[$($f,)*] };
}

const ACCOUNT_2015: &[Field] = fields![
    Account,
    Param("sp"),
    Param("ss"),
    Param("srt"),
    Param("st"),
    Param("se"),
    Param("sip"),
    Param("spr"),
    Param("sv")
];
const ACCOUNT_2020: &[Field] = fields![
    Account,
    Param("sp"),
    Param("ss"),
    Param("srt"),
    Param("st"),
    Param("se"),
    Param("sip"),
    Param("spr"),
    Param("sv"),
    Param("ses")
];
const SERVICE_2015: &[Field] = fields![Param("sp"), Param("st"), Param("se"), Resource, Param("si"), Param("sip"), Param("spr"), Param("sv"); rsc];
const SERVICE_2018: &[Field] = fields![Param("sp"), Param("st"), Param("se"), Resource, Param("si"), Param("sip"), Param("spr"), Param("sv"), Param("sr"), Snapshot; rsc];
const SERVICE_2020: &[Field] = fields![Param("sp"), Param("st"), Param("se"), Resource, Param("si"), Param("sip"), Param("spr"), Param("sv"), Param("sr"), Snapshot, Param("ses"); rsc];
const KEY: [Field; 6] = [
    Param("skoid"),
    Param("sktid"),
    Param("skt"),
    Param("ske"),
    Param("sks"),
    Param("skv"),
];
const DELEGATION_2018: &[Field] = fields![Param("sp"), Param("st"), Param("se"), Resource, KEY[0], KEY[1], KEY[2], KEY[3], KEY[4], KEY[5], Param("sip"), Param("spr"), Param("sv"), Param("sr"), Snapshot; rsc];
const DELEGATION_2020: &[Field] = fields![Param("sp"), Param("st"), Param("se"), Resource, KEY[0], KEY[1], KEY[2], KEY[3], KEY[4], KEY[5], Param("saoid"), Param("suoid"), Param("scid"), Param("sip"), Param("spr"), Param("sv"), Param("sr"), Snapshot; rsc];
const DELEGATION_2020_DEC: &[Field] = fields![Param("sp"), Param("st"), Param("se"), Resource, KEY[0], KEY[1], KEY[2], KEY[3], KEY[4], KEY[5], Param("saoid"), Param("suoid"), Param("scid"), Param("sip"), Param("spr"), Param("sv"), Param("sr"), Snapshot, Param("ses"); rsc];
const DELEGATION_2025: &[Field] = fields![Param("sp"), Param("st"), Param("se"), Resource, KEY[0], KEY[1], KEY[2], KEY[3], KEY[4], KEY[5], Param("saoid"), Param("suoid"), Param("scid"), Param("skdutid"), Param("sduoid"), Param("sip"), Param("spr"), Param("sv"), Param("sr"), Snapshot, Param("ses"); rsc];
const DELEGATION_2026: &[Field] = fields![Param("sp"), Param("st"), Param("se"), Resource, KEY[0], KEY[1], KEY[2], KEY[3], KEY[4], KEY[5], Param("saoid"), Param("suoid"), Param("scid"), Param("skdutid"), Param("sduoid"), Param("sip"), Param("spr"), Param("sv"), Param("sr"), Snapshot, Param("ses"), RequestHeaders, RequestQuery; rsc];

impl Layout {
    /// The layouts of a kind, oldest first.
    pub fn of(kind: SasKind) -> &'static [Layout] {
        match kind {
            SasKind::Account => &[Layout::Account2015, Layout::Account2020],
            SasKind::Service => &[
                Layout::Service2015,
                Layout::Service2018,
                Layout::Service2020,
            ],
            SasKind::UserDelegation => &[
                Layout::Delegation2018,
                Layout::Delegation2020,
                Layout::Delegation2020Dec,
                Layout::Delegation2025,
                Layout::Delegation2026,
            ],
        }
    }

    /// The first signed version that uses this layout.
    pub fn since(self) -> &'static str {
        match self {
            Layout::Account2015 | Layout::Service2015 => "2015-04-05",
            Layout::Service2018 | Layout::Delegation2018 => "2018-11-09",
            Layout::Delegation2020 => "2020-02-10",
            Layout::Account2020 | Layout::Service2020 | Layout::Delegation2020Dec => "2020-12-06",
            Layout::Delegation2025 => "2025-07-05",
            Layout::Delegation2026 => "2026-04-06",
        }
    }

    /// The layout the service uses for a kind and `sv`; `None` for versions older than the
    /// kind's first layout (SAS before 2015-04-05, user delegation before 2018-11-09).
    pub fn for_version(kind: SasKind, sv: &str) -> Option<Layout> {
        Layout::of(kind)
            .iter()
            .rev()
            .find(|l| sv >= l.since())
            .copied()
    }

    /// The fields, in order.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Layout::Account2015 => ACCOUNT_2015,
            Layout::Account2020 => ACCOUNT_2020,
            Layout::Service2015 => SERVICE_2015,
            Layout::Service2018 => SERVICE_2018,
            Layout::Service2020 => SERVICE_2020,
            Layout::Delegation2018 => DELEGATION_2018,
            Layout::Delegation2020 => DELEGATION_2020,
            Layout::Delegation2020Dec => DELEGATION_2020_DEC,
            Layout::Delegation2025 => DELEGATION_2025,
            Layout::Delegation2026 => DELEGATION_2026,
        }
    }

    /// An account SAS's string to sign ends with a newline; the others do not.
    pub fn trailing_newline(self) -> bool {
        matches!(self, Layout::Account2015 | Layout::Account2020)
    }

    /// The versions this layout covers, in words.
    pub fn versions(self) -> String {
        let layouts = Layout::of(self.kind());
        let next = layouts
            .iter()
            .skip_while(|l| **l != self)
            .nth(1)
            .map(|l| l.since());
        match next {
            Some(n) => format!("sv {} up to {n} (exclusive)", self.since()),
            None => format!("sv {} and later", self.since()),
        }
    }

    pub fn kind(self) -> SasKind {
        match self {
            Layout::Account2015 | Layout::Account2020 => SasKind::Account,
            Layout::Service2015 | Layout::Service2018 | Layout::Service2020 => SasKind::Service,
            _ => SasKind::UserDelegation,
        }
    }
}

/// Service versions the storage services know (Microsoft's versioning page and the SDKs' lists
/// of supported API versions). A SAS with another `sv` is refused.
pub const KNOWN_VERSIONS: &[&str] = &[
    "2009-09-19",
    "2011-08-18",
    "2012-02-12",
    "2013-08-15",
    "2014-02-14",
    "2015-02-21",
    "2015-04-05",
    "2015-07-08",
    "2015-12-11",
    "2016-05-31",
    "2017-04-17",
    "2017-07-29",
    "2017-11-09",
    "2018-03-28",
    "2018-11-09",
    "2019-02-02",
    "2019-07-07",
    "2019-10-10",
    "2019-12-12",
    "2020-02-10",
    "2020-04-08",
    "2020-06-12",
    "2020-08-04",
    "2020-10-02",
    "2020-12-06",
    "2021-02-12",
    "2021-04-10",
    "2021-06-08",
    "2021-08-06",
    "2021-10-04",
    "2021-12-02",
    "2022-11-02",
    "2023-01-03",
    "2023-05-03",
    "2023-08-03",
    "2023-11-03",
    "2024-02-04",
    "2024-05-04",
    "2024-08-04",
    "2024-11-04",
    "2025-01-05",
    "2025-05-05",
    "2025-07-05",
    "2025-11-05",
    "2026-02-06",
    "2026-04-06",
    "2026-06-06",
    "2026-10-06",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_pick_layouts() {
        assert_eq!(
            Layout::for_version(SasKind::Account, "2026-10-06"),
            Some(Layout::Account2020)
        );
        assert_eq!(
            Layout::for_version(SasKind::Account, "2019-12-12"),
            Some(Layout::Account2015)
        );
        assert_eq!(
            Layout::for_version(SasKind::Service, "2018-11-09"),
            Some(Layout::Service2018)
        );
        assert_eq!(Layout::for_version(SasKind::Service, "2014-02-14"), None);
        assert_eq!(
            Layout::for_version(SasKind::UserDelegation, "2026-04-06"),
            Some(Layout::Delegation2026)
        );
        assert_eq!(
            Layout::for_version(SasKind::UserDelegation, "2026-02-06"),
            Some(Layout::Delegation2025)
        );
        assert_eq!(
            Layout::for_version(SasKind::UserDelegation, "2020-06-12"),
            Some(Layout::Delegation2020)
        );
        assert_eq!(
            Layout::Service2018.versions(),
            "sv 2018-11-09 up to 2020-12-06 (exclusive)"
        );
        assert_eq!(Layout::Delegation2026.versions(), "sv 2026-04-06 and later");
        assert_eq!(Layout::Delegation2026.fields().len(), 28);
        let mut sorted = KNOWN_VERSIONS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, KNOWN_VERSIONS);
    }
}
