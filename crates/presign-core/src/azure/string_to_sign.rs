//! The string to sign of an Azure SAS: a layout's fields, one per line, from the SAS's decoded
//! values, the account, the canonicalized resource and, for the newest user delegation
//! layout, the values of the request headers and query parameters the SAS names.

use crate::azure::layout::{Field, Layout};
use crate::azure::params::SasParams;
use std::fmt::Write as _;

/// What the string to sign takes besides the SAS's own parameters.
#[derive(Debug, Clone, Copy)]
pub struct SigningContext<'a> {
    pub account: &'a str,
    /// The canonicalized resource (service and user delegation SAS).
    pub resource: &'a str,
    /// The request's `snapshot` (for `sr=bs`) or `versionid` (for `sr=bv`), else empty.
    pub snapshot: &'a str,
    /// The request's headers, (name, value), for `srh`.
    pub headers: &'a [(String, String)],
    /// The request's decoded query parameters, (name, value), for `srq`.
    pub query: &'a [(String, String)],
}

/// How a SAS value is taken from the URL: as the service decodes it, or as a signer that
/// differs from it would have had it (the root-cause search's variants).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueReading {
    /// Percent-decoded once, `+` kept: what the service signs.
    Decoded,
    /// Decoded once, with `+` read as a space (the values were form-encoded).
    PlusAsSpace,
    /// Decoded twice (the URL was encoded again after signing).
    DecodedTwice,
    /// As written, escapes and all (the signer signed the encoded values).
    Raw,
}

fn value(params: &SasParams, name: &str, reading: ValueReading) -> String {
    let Some(field) = params.field(name) else {
        return String::new();
    };
    let decode = |s: &str| {
        String::from_utf8_lossy(&crate::encode::percent_decode(s.as_bytes())).into_owned()
    };
    match reading {
        ValueReading::Decoded => field.value.clone(),
        ValueReading::PlusAsSpace => decode(&field.raw.replace('+', "%20")),
        ValueReading::DecodedTwice => decode(&field.value),
        ValueReading::Raw => field.raw.clone(),
    }
}

/// The values of `names` (comma-separated) from `pairs`, case ignored, in the order named.
fn named<'p>(names: &str, pairs: &'p [(String, String)]) -> Vec<(&'p str, &'p str)> {
    names
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .filter_map(|n| {
            pairs
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(n))
                .map(|(k, v)| (k.as_str(), v.as_str()))
        })
        .collect()
}

/// One field's text.
pub fn field_text(
    field: Field,
    params: &SasParams,
    ctx: &SigningContext<'_>,
    reading: ValueReading,
) -> String {
    match field {
        Field::Param(name) => value(params, name, reading),
        Field::Account => ctx.account.to_owned(),
        Field::Resource => ctx.resource.to_owned(),
        Field::Snapshot => match params.value("sr") {
            "bs" | "bv" => ctx.snapshot.to_owned(),
            _ => String::new(),
        },
        Field::RequestHeaders => named(params.value("srh"), ctx.headers).into_iter().fold(
            String::new(),
            |mut out, (n, v)| {
                let _ = writeln!(out, "{n}:{v}");
                out
            },
        ),
        Field::RequestQuery => named(params.value("srq"), ctx.query).into_iter().fold(
            String::new(),
            |mut out, (n, v)| {
                let _ = write!(out, "\n{n}:{v}");
                out
            },
        ),
    }
}

/// The string to sign of `layout`, its fields read with `reading`.
pub fn sas_string_to_sign(
    layout: Layout,
    params: &SasParams,
    ctx: &SigningContext<'_>,
    reading: ValueReading,
) -> String {
    let mut text = layout
        .fields()
        .iter()
        .map(|f| field_text(*f, params, ctx, reading))
        .collect::<Vec<_>>()
        .join("\n");
    if layout.trailing_newline() {
        text.push('\n');
    }
    text
}

/// The names of the lines of `layout`'s string to sign, for a line-by-line diff (a field of
/// several lines, the request headers or query, shifts what follows it).
pub fn line_names(layout: Layout) -> Vec<&'static str> {
    layout.fields().iter().map(|f| f.label()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::azure::params::read_sas;
    use crate::input::url::parse_url;

    /// `shared/vectors/azure-sas`: the account SAS and the service SAS of a blob with a
    /// non-ASCII name, strings to sign as azure-storage-blob 12.31.1 built them.
    #[test]
    fn shared_vectors() {
        let url = parse_url("https://devstoreaccount1.blob.core.windows.net/?st=2026-01-02T03%3A04%3A05Z&se=2026-01-03T03%3A04%3A05Z&sp=rl&sip=168.1.5.60-168.1.5.70&spr=https&sv=2026-10-06&ss=b&srt=sco&sig=Aa0scyQNBb0AfIs/7nIaf7/xTiGicbR5d70UOKaHrzo%3D").unwrap();
        let p = read_sas(&url);
        let ctx = SigningContext {
            account: "devstoreaccount1",
            resource: "",
            snapshot: "",
            headers: &[],
            query: &[],
        };
        assert_eq!(
            sas_string_to_sign(Layout::Account2020, &p, &ctx, ValueReading::Decoded),
            "devstoreaccount1\nrl\nb\nsco\n2026-01-02T03:04:05Z\n2026-01-03T03:04:05Z\n168.1.5.60-168.1.5.70\nhttps\n2026-10-06\n\n"
        );
        let url = parse_url("https://devstoreaccount1.blob.core.windows.net/mycontainer/dir/my%20file%20%C3%BC.txt?st=2026-01-02T03%3A04%3A05Z&se=2026-01-03T03%3A04%3A05Z&sp=r&spr=https&sv=2026-10-06&sr=b&rscd=attachment%3B%20filename%3Dx.txt&rsct=text/plain&sig=m62F0Pquo6bDNEjmHnIBoju87zBFuQimD5KHMEY4grs%3D").unwrap();
        let p = read_sas(&url);
        let ctx = SigningContext {
            resource: "/blob/devstoreaccount1/mycontainer/dir/my file ü.txt",
            ..ctx
        };
        assert_eq!(
            sas_string_to_sign(Layout::Service2020, &p, &ctx, ValueReading::Decoded),
            "r\n2026-01-02T03:04:05Z\n2026-01-03T03:04:05Z\n/blob/devstoreaccount1/mycontainer/dir/my file ü.txt\n\n\nhttps\n2026-10-06\nb\n\n\n\nattachment; filename=x.txt\n\n\ntext/plain"
        );
    }
}
